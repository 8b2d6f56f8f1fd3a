// 人员名单: role tabs, search and filters, a sortable paged table with masked
// ID numbers and phones (显示 reveals one cell), and a detail mode with the
// person form, the roles and their units, and the person's 履历.
//
// Keyboard: ←/→ switch role tabs; in the search box ↓ goes to the table; in the
// table Enter opens the focused person, ↑/↓ move; in the form Enter saves (not in
// 备注 or while an IME composes), Esc cancels a new record or undoes edits;
// Ctrl+N starts a new person.
//
// This module keeps the state, the filters and loading; list.js (filters' choices, the
// table), detail.js (the list ↔ detail switch, opening a person, drawing the detail),
// form.js, edit.js (values, 保存, 撤销), history.js (履历, 删除), training.js and batch.js
// (批量操作) each do one part, sharing the screen's context `cx`.
import { h, labelled } from '../../dom.js';
import { newest } from '../../newest.js';
import { confirmDiscard, guardUnsaved } from '../../dialog.js';
import { bindTabKeys, bindSearchBox, oneAtATime } from '../../forms.js';
import { buildTree } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import {
  ROLE_TABS, EMPLOYMENTS, STATUSES, defaultListState, buildQuery, exportQuery, listPageSize, withFilter, clampPage, toggleSort,
  exportFileName, showsEmployment,
} from '../../logic/people.js';
import { openImportDialog } from '../import.js';
import { openExportDialog, openTemplateDialog, openXlsxExportDialog } from '../export.js';
import { mountSelection } from '../selection.js';
import { filterKey } from '../../logic/selection.js';
import { mountPeopleTable, fillVillageFilter, fillUnitFilter, fillPoliticalFilter } from './list.js';
import { editPart } from './edit.js';
import { historyPart } from './history.js';
import { trainingPart } from './training.js';
import { batchPart } from './batch.js';
import { detailPart } from './detail.js';

export function mountPeople(container, { api, toast, alert, clearAlert, onError, navigate, office = null }) {
  const st = {
    list: defaultListState('grid_worker'),
    page: null, // last Page
    units: [],
    tree: buildTree([]),
    options: { politicalStatuses: [], educations: [], departments: [] },
    mode: 'list', // 'list' | 'create' | 'edit'
    person: null, // Person being edited
    createRole: '',
    baseline: null,
    baseRoles: null,
    loadToken: 0, // the list answer that may still be shown
    viewToken: 0, // bumped when the clerk opens or leaves a record: older answers are dropped
    disposed: false,
  };
  const save = oneAtATime(() => edit.savePerson()); // Enter saves; a second Enter while saving does nothing

  // ---------- skeleton ----------
  const newBtn = h('button', { id: 'person-new', type: 'button', class: 'btn btn-primary' }, '新增人员');
  const importBtn = h('button', { id: 'people-import', type: 'button', class: 'btn btn-secondary' }, '从Excel导入');
  const exportBtn = h('button', { id: 'people-export', type: 'button', class: 'btn btn-secondary' }, '导出Excel');
  const templateBtn = h('button', { id: 'people-template', type: 'button', class: 'btn btn-link btn-small' }, '下载导入模板');
  // At a county or city: the people in post in every file received, one sheet (probe
  // AO: the city asks for the whole 网格员花名册; only statistics could be exported).
  const below = office?.level === 'county' || office?.level === 'city';
  const receivedBtn = below
    ? h('button', { id: 'people-export-received', type: 'button', class: 'btn btn-secondary' }, '导出下级报送的名单')
    : null;
  receivedBtn?.addEventListener('click', () => openXlsxExportDialog({
    api,
    hint: [
      `导出${office.level === 'city' ? '各县/区及其乡镇/街道' : '各乡镇/街道'}报送文件里的全部在岗人员（网格员、楼栋长、信息员、社区工作者），一张表，每行注明报送单位和区划代码。`,
      '按各单位交换文件导出之日统计；身份证号码和手机号码已打码。',
    ],
    pickTitle: '导出下级报送的人员名单',
    defaultName: `${office.name ?? ''}下级报送的人员名单.xlsx`,
    write: async (path) => `已导出下级报送的在岗人员：${Number(await api.exportReceivedPeople(path)) || 0} 人`,
    toast,
    onError,
  }));

  const tabs = h('div', { class: 'role-tabs', role: 'tablist', 'aria-label': '人员身份' },
    ROLE_TABS.map((t) => h('button', {
      type: 'button', role: 'tab', class: 'role-tab', 'data-role-tab': t.tab, id: `people-tab-${t.tab}`,
      'aria-controls': 'people-list', 'aria-selected': String(t.role === st.list.role),
      tabindex: t.role === st.list.role ? '0' : '-1',
    }, t.label)));

  const search = h('input', {
    id: 'people-search', type: 'search', class: 'filter people-search', autocomplete: 'off',
    placeholder: '搜索姓名、身份证号、手机号或网格', 'aria-label': '搜索姓名、身份证号、手机号或网格',
  });
  const village = h('select', { id: 'people-village', 'aria-label': '村/社区' });
  const unit = h('select', { id: 'people-unit', 'aria-label': '网格/小区' });
  const status = h('select', { id: 'people-status', 'aria-label': '状态' },
    h('option', { value: '' }, '全部状态'),
    STATUSES.map((s) => h('option', { value: s.value }, s.label)));
  const political = h('select', { id: 'people-political', 'aria-label': '政治面貌' });
  // 已公示: the names on the 公示牌, to export as its list (probe AN: picked by hand).
  const published = h('select', { id: 'people-published', 'aria-label': '是否公示' },
    h('option', { value: '' }, '全部'),
    h('option', { value: 'yes' }, '已公示'),
    h('option', { value: 'no' }, '未公示'));
  const employment = h('select', { id: 'people-employment', 'aria-label': '专职/兼职' },
    h('option', { value: '' }, '专职和兼职'),
    EMPLOYMENTS.map((e) => h('option', { value: e.value }, e.label)));
  const filters = h('div', { class: 'people-filters' },
    search,
    labelled('村/社区', village),
    labelled('网格', unit),
    labelled('状态', status),
    labelled('政治面貌', political),
    labelled('公示', published),
    labelled('专职/兼职', employment, 'employment-filter'));

  // 批量操作: tick rows (Shift for a range, or every row the filter matches), then act on them at once.
  const batch = batchPart({ st, api, toast, navigate, onError, selection: () => selection, loadList: () => loadList() });
  const selection = mountSelection({
    name: 'people',
    measure: '人',
    allIds: () => api.matchingPeopleIds(exportQuery(st.list)),
    actions: batch.actions,
  });
  const listPane = h('div', { id: 'people-list', class: 'people-list', role: 'tabpanel' }, filters, selection.bar);
  const table = mountPeopleTable(listPane, {
    api,
    selection,
    selectionKey: () => filterKey(buildQuery(st.list)),
    onOpen: (id) => openPerson(id),
    onSort: (sort) => {
      st.list = toggleSort(st.list, sort);
      loadList({ focusSort: sort });
    },
    onPage: (p) => goPage(p),
    onNameOrder: (nameOrder) => {
      // 姓名 in the chosen order, from the first page.
      st.list = { ...st.list, nameOrder, sort: 'name', descending: false, page: 0 };
      loadList();
    },
    onPageSize: (size) => {
      st.list = { ...st.list, pageSize: size, page: 0 };
      loadList();
    },
    onTop: () => search.focus(),
    onRevealError: (e) => { if (!st.disposed) failReading(e); },
  });
  const detail = h('div', { id: 'person-detail', class: 'person-detail', hidden: true });
  const header = h('div', { class: 'view-header people-header' },
    h('h1', { id: 'people-title' }, '人员名单'),
    h('div', { class: 'button-row' }, newBtn, exportBtn, receivedBtn, importBtn, templateBtn));

  container.append(h('section', { class: 'view view-wide people', id: 'people-view', 'aria-labelledby': 'people-title' },
    header, tabs, listPane, detail));

  // ---------- wiring ----------
  tabs.addEventListener('click', (e) => {
    const b = e.target.closest('[data-role-tab]');
    if (b) chooseTab(b.dataset.roleTab);
  });
  bindTabKeys(tabs, (b) => chooseTab(b.dataset.roleTab));
  // Search as you type, 200 ms after the last key. Pinyin still being composed by
  // an IME is not searched; the finished characters are (compositionend).
  const stopSearch = bindSearchBox(search, {
    search: (text) => {
      st.list = withFilter(st.list, 'text', text);
      loadList();
    },
    first: () => table.first(),
  });
  village.addEventListener('change', () => {
    st.list = withFilter(st.list, 'villageId', village.value);
    fillUnitFilter(unit, st.tree, st.list.villageId, st.list.unitId);
    loadList();
  });
  for (const [el, key] of [[unit, 'unitId'], [status, 'status'], [political, 'politicalStatus'], [published, 'published'], [employment, 'employment']]) {
    el.addEventListener('change', () => {
      st.list = withFilter(st.list, key, el.value);
      loadList();
    });
  }
  newBtn.addEventListener('click', () => newPerson());
  importBtn.addEventListener('click', () => openImportDialog({
    api, kind: 'people', toast, onError, onImported: () => { if (!st.disposed) loadList(); },
  }));
  exportBtn.addEventListener('click', () => openExportDialog({
    api,
    query: exportQuery(st.list),
    count: typeof st.page?.total === 'number' ? st.page.total : undefined,
    defaultName: exportFileName(st.list.role),
    toast,
    onError,
  }));
  templateBtn.addEventListener('click', () => openTemplateDialog({ api, kind: 'people', toast, onError }));

  const onGlobalKey = (e) => {
    if (st.disposed || document.querySelector('dialog[open]')) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'n' || e.key === 'N')) {
      e.preventDefault();
      if (st.mode === 'create') form()?.inputs.name.focus();
      else newPerson();
      return;
    }
    // Esc outside the form (focus on 返回名单, the history …) also leaves a new record.
    if (e.key === 'Escape' && st.mode === 'create' && !e.defaultPrevented && !e.isComposing
        && !form()?.el.contains(e.target)) {
      e.preventDefault();
      cancelCreate();
    }
  };
  document.addEventListener('keydown', onGlobalKey);

  // ---------- the parts, sharing this screen's state, elements and actions ----------
  const cx = {
    st, api, toast, alert, clearAlert, onError, table,
    els: { newBtn, detail, listPane, tabs, header },
    loadList, failReading, fail, save,
    form: () => form(),
  };
  const edit = editPart(cx);
  const { historySection, deleteSection } = historyPart(cx);
  const { recordSection, pipelineSection } = trainingPart(cx);
  const { cancelCreate } = edit;
  Object.assign(cx, {
    handleSaveError: edit.handleSaveError, cancelCreate, revert: edit.revert,
    historySection, deleteSection, recordSection, pipelineSection,
  });
  const view = detailPart(cx);
  const {
    showList, newPerson, openPerson, renderDetail, renderPerson, personChanged, isDirty,
  } = view;
  const form = () => view.form();
  Object.assign(cx, { showList, openPerson, renderDetail, renderPerson, personChanged, isDirty });

  syncFilterControls();
  boot();

  // ---------- data ----------
  async function boot() {
    const [units, options] = await Promise.all([
      api.listUnits().catch((e) => { if (!st.disposed) fail(e); return []; }),
      api.peopleOptions().catch((e) => { if (!st.disposed) fail(e); return null; }),
    ]);
    if (st.disposed) return;
    st.units = Array.isArray(units) ? units : [];
    st.tree = buildTree(st.units);
    if (options) st.options = { ...st.options, ...options };
    fillVillageFilter(village, st.tree, st.list.villageId);
    fillUnitFilter(unit, st.tree, st.list.villageId, st.list.unitId);
    fillPoliticalFilter(political, st.options.politicalStatuses, st.list.politicalStatus);
    await loadList();
  }

  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  /** A record or a number could not be read: gone ones reload the list. */
  function failReading(e) {
    reportError(e, { show: alert, reboot: onError, reload: () => loadList() });
  }

  async function loadList({ focusSort } = {}) {
    table.busy(true);
    const got = await newest(st, 'loadToken', () => api.listPeople(buildQuery(st.list)));
    if (!got) return;
    if (!got.ok) {
      fail(got.error);
      table.failed();
      return;
    }
    const page = got.value ?? { rows: [], total: 0 };
    const rows = Array.isArray(page.rows) ? page.rows : [];
    const total = Number(page.total) || 0;
    if (!rows.length && total > 0 && st.list.page > 0) {
      // The page we were on is gone (people deleted or filtered away): show the last one.
      st.list = { ...st.list, page: clampPage(st.list.page, total, listPageSize(st.list)) };
      await loadList({ focusSort });
      return;
    }
    st.page = { ...page, rows, total };
    table.update({ page: st.page, list: st.list, focusSort });
  }

  function goPage(p) {
    const total = st.page?.total ?? 0;
    const target = clampPage(p, total, listPageSize(st.list));
    if (target === st.list.page) return;
    st.list = { ...st.list, page: target };
    loadList();
  }

  // ---------- filters ----------
  function syncFilterControls() {
    for (const b of tabs.querySelectorAll('[data-role-tab]')) {
      const t = ROLE_TABS.find((x) => x.tab === b.dataset.roleTab);
      const on = t?.role === st.list.role;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on) listPane.setAttribute('aria-labelledby', b.id);
    }
    const emp = filters.querySelector('.employment-filter');
    emp.hidden = !showsEmployment(st.list.role);
    employment.value = st.list.employment ?? '';
    status.value = st.list.status ?? '';
    published.value = st.list.published ?? '';
  }

  async function chooseTab(tab) {
    const t = ROLE_TABS.find((x) => x.tab === tab);
    if (!t) return;
    if (st.mode !== 'list') {
      if (!(await confirmDiscard(isDirty()))) return;
      showList();
    }
    if (t.role === st.list.role) return;
    st.list = withFilter(st.list, 'role', t.role);
    syncFilterControls();
    loadList();
  }

  const unguard = guardUnsaved(() => !st.disposed && isDirty());
  return () => {
    st.disposed = true;
    unguard();
    stopSearch();
    document.removeEventListener('keydown', onGlobalKey);
  };
}

