// 人员名单: role tabs, search and filters, a sortable paged table with masked
// ID numbers and phones (显示 reveals one cell), and a detail mode with the
// person form, the roles and their units, and the person's 履历.
//
// Keyboard: ←/→ switch role tabs; in the search box ↓ goes to the table; in the
// table Enter opens the focused person, ↑/↓ move; in the form Enter saves (not in
// 备注 or while an IME composes), Esc cancels a new record or undoes edits;
// Ctrl+N starts a new person.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, confirmDelete } from '../dialog.js';
import {
  bindFormKeys, bindTabKeys, bindSearchBox, isComposing, oneAtATime, clearFieldErrors, showFieldError, rememberFocus, undoEdits,
} from '../forms.js';
import { buildTree, idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { formatDateTime, localDate } from '../logic/format.js';
import {
  ROLES, ROLE_TABS, EMPLOYMENTS, STATUSES, GENDERS, COLUMNS, PERSON_FIELDS, PERSON_FIELD_LABELS,
  roleLabel, defaultListState, buildQuery, exportQuery, withFilter, toggleSort, sortIndicator, ariaSort,
  pageCount, pageText, clampPage, exportFileName, villageOptions, unitFilterOptions, unitOptionsForRole,
  filterUnitOptions, showsEmployment, errorSlot, emptyPersonValues, personToFormValues, emptyRoleState,
  rolesToState, copyRoleState, buildPersonInput, historyRelevantChange, personFormDirty,
} from '../logic/people.js';
import { openImportDialog } from './import.js';
import { openExportDialog, openTemplateDialog } from './export.js';

const HINT = 'Enter 保存 · Esc 取消';

export function mountPeople(container, { api, toast, alert, clearAlert, onError }) {
  const st = {
    list: defaultListState('grid_worker'),
    page: null, // last Page
    units: [],
    tree: buildTree([]),
    options: { politicalStatuses: [], educations: [], roles: [], departments: [] },
    mode: 'list', // 'list' | 'create' | 'edit'
    person: null, // Person being edited
    createRole: '',
    baseline: null,
    baseRoles: null,
    loadToken: 0, // the list answer that may still be shown
    viewToken: 0, // bumped when the clerk opens or leaves a record: older answers are dropped
    revealed: new Map(), // `${id}|${field}` → full value
    disposed: false,
  };
  let form = null; // refs of the person form
  const save = oneAtATime(savePerson); // Enter saves; a second Enter while saving does nothing

  // ---------- skeleton ----------
  const newBtn = h('button', { id: 'person-new', type: 'button', class: 'btn btn-primary' }, '新增人员');
  const importBtn = h('button', { id: 'people-import', type: 'button', class: 'btn btn-secondary' }, '导入');
  const exportBtn = h('button', { id: 'people-export', type: 'button', class: 'btn btn-secondary' }, '导出Excel');
  const templateBtn = h('button', { id: 'people-template', type: 'button', class: 'btn btn-secondary' }, '下载导入模板');

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
  const employment = h('select', { id: 'people-employment', 'aria-label': '专职/兼职' },
    h('option', { value: '' }, '专职和兼职'),
    EMPLOYMENTS.map((e) => h('option', { value: e.value }, e.label)));
  const filters = h('div', { class: 'people-filters' },
    search,
    filterField('村/社区', village),
    filterField('网格', unit),
    filterField('状态', status),
    filterField('政治面貌', political),
    filterField('专职/兼职', employment, 'employment-filter'));

  const tableHost = h('div', { class: 'table-scroll', id: 'people-table-host' });
  const empty = h('p', { class: 'empty-state', id: 'people-empty', hidden: true });
  const prev = h('button', { id: 'people-prev', type: 'button', class: 'btn btn-secondary', disabled: true }, '上一页');
  const next = h('button', { id: 'people-next', type: 'button', class: 'btn btn-secondary', disabled: true }, '下一页');
  const pageInfo = h('span', { id: 'people-page', class: 'page-info', 'aria-live': 'polite' });

  const listPane = h('div', { id: 'people-list', class: 'people-list', role: 'tabpanel' },
    filters, tableHost, empty, h('div', { class: 'pager' }, prev, pageInfo, next));
  const detail = h('div', { id: 'person-detail', class: 'person-detail', hidden: true });
  const header = h('div', { class: 'view-header people-header' },
    h('h1', { id: 'people-title' }, '人员名单'),
    h('div', { class: 'button-row' }, newBtn, importBtn, exportBtn, templateBtn));

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
    first: () => tableHost.querySelector('tr[data-person-id]'),
  });
  village.addEventListener('change', () => {
    st.list = withFilter(st.list, 'villageId', village.value);
    fillUnitFilter();
    loadList();
  });
  for (const [el, key] of [[unit, 'unitId'], [status, 'status'], [political, 'politicalStatus'], [employment, 'employment']]) {
    el.addEventListener('change', () => {
      st.list = withFilter(st.list, key, el.value);
      loadList();
    });
  }
  prev.addEventListener('click', () => goPage(st.list.page - 1));
  next.addEventListener('click', () => goPage(st.list.page + 1));
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
      if (st.mode === 'create') form?.inputs.name.focus();
      else newPerson();
      return;
    }
    // Esc outside the form (focus on 返回名单, the history …) also leaves a new record.
    if (e.key === 'Escape' && st.mode === 'create' && !e.defaultPrevented && !e.isComposing
        && !form?.el.contains(e.target)) {
      e.preventDefault();
      cancelCreate();
    }
  };
  document.addEventListener('keydown', onGlobalKey);

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
    fillVillageFilter();
    fillUnitFilter();
    fillPoliticalFilter();
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
    const token = ++st.loadToken;
    st.revealed.clear(); // full numbers never outlive the rows they were revealed in
    tableHost.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await api.listPeople(buildQuery(st.list));
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      tableHost.removeAttribute('aria-busy');
      fail(e);
      if (!tableHost.querySelector('table')) {
        empty.textContent = '人员名单没有加载成功。';
        empty.hidden = false;
      }
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    tableHost.removeAttribute('aria-busy');
    page = page ?? { rows: [], total: 0 };
    const rows = Array.isArray(page.rows) ? page.rows : [];
    const total = Number(page.total) || 0;
    if (!rows.length && total > 0 && st.list.page > 0) {
      // The page we were on is gone (people deleted or filtered away): show the last one.
      st.list = { ...st.list, page: clampPage(st.list.page, total) };
      await loadList({ focusSort });
      return;
    }
    st.page = { ...page, rows, total };
    renderTable(focusSort);
  }

  function goPage(p) {
    const total = st.page?.total ?? 0;
    const target = clampPage(p, total);
    if (target === st.list.page) return;
    st.list = { ...st.list, page: target };
    loadList();
  }

  // ---------- filters ----------
  function filterField(label, control, cls) {
    return h('label', { class: ['filter-field', cls] }, h('span', { class: 'filter-label' }, label), control);
  }

  function fillVillageFilter() {
    const opts = villageOptions(st.tree);
    clear(village, h('option', { value: '' }, '全部村/社区'), opts.map((o) => h('option', { value: o.id }, o.label)));
    village.value = opts.some((o) => o.id === st.list.villageId) ? st.list.villageId : '';
  }

  function fillUnitFilter() {
    const opts = unitFilterOptions(st.tree, st.list.villageId);
    clear(unit, h('option', { value: '' }, '全部网格/小区'), opts.map((o) => h('option', { value: o.id }, o.label)));
    unit.value = opts.some((o) => o.id === st.list.unitId) ? st.list.unitId : '';
  }

  function fillPoliticalFilter() {
    clear(political, h('option', { value: '' }, '全部政治面貌'),
      (st.options.politicalStatuses ?? []).map((p) => h('option', { value: p }, p)));
    political.value = st.list.politicalStatus ?? '';
  }

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

  // ---------- table ----------
  function renderTable(focusSort) {
    const page = st.page;
    const total = page.total;
    pageInfo.textContent = pageText(st.list.page, total);
    prev.disabled = st.list.page <= 0;
    next.disabled = st.list.page >= pageCount(total) - 1;
    if (!page.rows.length) {
      clear(tableHost);
      empty.textContent = '没有符合条件的人员';
      empty.hidden = false;
      return;
    }
    empty.hidden = true;
    const headRow = h('tr', {}, COLUMNS.map((c) => {
      if (!c.sort) return h('th', { scope: 'col', class: `col-${c.key}` }, c.label);
      const ind = sortIndicator(st.list, c.sort);
      return h('th', { scope: 'col', class: `col-${c.key}`, 'aria-sort': ariaSort(st.list, c.sort) },
        h('button', {
          type: 'button', class: ['sort-btn', ind && 'is-sorted'], 'data-sort': c.sort,
          title: `按${c.label}排序`,
          onClick: () => {
            st.list = toggleSort(st.list, c.sort);
            loadList({ focusSort: c.sort });
          },
        }, c.label, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, ind || '↕')));
    }));
    const body = h('tbody', {}, page.rows.map((row) => personRow(row)));
    clear(tableHost, h('table', { class: 'data-table people-table', id: 'people-table' }, h('thead', {}, headRow), body));
    if (focusSort) tableHost.querySelector(`[data-sort="${focusSort}"]`)?.focus();
  }

  function personRow(row) {
    const id = idKey(row.id);
    const cells = COLUMNS.map((c) => {
      if (c.masked) return maskedCell(row, c.key);
      if (c.key === 'name') return h('td', { class: 'cell-name' }, row.name ?? '');
      if (c.key === 'published') {
        return h('td', { class: 'cell-center' }, row.published
          ? h('span', { class: 'pub-tag is-on', title: '已公示' }, '是')
          : h('span', { class: 'pub-tag', title: '未公示' }, '否'));
      }
      if (c.key === 'status') {
        return h('td', { class: 'cell-nowrap' }, h('span', { class: ['status-tag', row.status === '离岗' ? 'is-left' : 'is-active'] }, row.status ?? ''));
      }
      const cls = c.key === 'gender' || c.key === 'birthDate' || c.key === 'politicalStatus' ? 'cell-nowrap' : null;
      return h('td', { class: cls }, row[c.key] ?? '');
    });
    const tr = h('tr', {
      class: 'person-row', 'data-person-id': id, tabindex: '0',
      'aria-label': `${row.name ?? ''}，按 Enter 打开`,
    }, cells);
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button, a, input')) return;
      openPerson(id);
    });
    tr.addEventListener('keydown', (e) => {
      if (e.target !== tr) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        openPerson(id);
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        tr.nextElementSibling?.focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (tr.previousElementSibling ?? search).focus();
      }
    });
    return tr;
  }

  function maskedCell(row, field) {
    const id = idKey(row.id);
    const key = `${id}|${field}`;
    const value = h('span', { class: 'masked-value' }, st.revealed.get(key) ?? row[field] ?? '');
    const label = field === 'idNumber' ? '身份证号码' : '手机号码';
    const btn = h('button', {
      type: 'button', class: 'btn btn-link btn-small reveal-btn', 'data-reveal': field,
      'aria-pressed': String(st.revealed.has(key)),
      'aria-label': `${st.revealed.has(key) ? '隐藏' : '显示'}${row.name ?? ''}的完整${label}`,
    }, st.revealed.has(key) ? '隐藏' : '显示');
    btn.addEventListener('click', async (e) => {
      e.stopPropagation();
      if (st.revealed.has(key)) {
        st.revealed.delete(key);
        value.textContent = row[field] ?? '';
        value.classList.remove('is-revealed');
        btn.textContent = '显示';
        btn.setAttribute('aria-pressed', 'false');
        btn.setAttribute('aria-label', `显示${row.name ?? ''}的完整${label}`);
        return;
      }
      btn.disabled = true;
      const token = st.loadToken;
      try {
        const full = await api.revealPersonField(id, field);
        // The list was reloaded meanwhile: the number must not outlive the row it was asked for.
        if (st.disposed || token !== st.loadToken) return;
        st.revealed.set(key, String(full ?? ''));
        value.textContent = String(full ?? '');
        value.classList.add('is-revealed');
        btn.textContent = '隐藏';
        btn.setAttribute('aria-pressed', 'true');
        btn.setAttribute('aria-label', `隐藏${row.name ?? ''}的完整${label}`);
      } catch (err) {
        if (!st.disposed) failReading(err);
      } finally {
        btn.disabled = false;
      }
    });
    return h('td', { class: ['cell-masked', `cell-${field}`] }, value, btn);
  }

  // ---------- detail mode ----------
  function showList() {
    st.viewToken += 1;
    st.mode = 'list';
    st.person = null;
    form = null;
    clear(detail);
    detail.hidden = true;
    listPane.hidden = false;
    tabs.hidden = false;
    header.hidden = false;
  }

  function showDetail() {
    listPane.hidden = true;
    header.hidden = true;
    tabs.hidden = true;
    detail.hidden = false;
  }

  async function backToList() {
    if (!(await confirmDiscard(isDirty()))) return;
    const id = st.person ? idKey(st.person.id) : '';
    showList();
    clearAlert?.();
    await loadList();
    const row = id ? tableHost.querySelector(`tr[data-person-id="${cssEscape(id)}"]`) : null;
    (row ?? newBtn).focus();
  }

  async function newPerson() {
    if (st.mode !== 'list' && !(await confirmDiscard(isDirty()))) return;
    if (st.disposed) return;
    startCreate();
  }

  function startCreate() {
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'create';
    st.person = null;
    st.createRole = st.list.role;
    renderDetail({ values: emptyPersonValues(), roles: emptyRoleState(st.list.role), history: null });
    showDetail();
    form.inputs.name.focus();
  }

  async function openPerson(id) {
    clearAlert?.();
    // A slow answer must not replace a person opened later or a new record begun meanwhile.
    const token = ++st.viewToken;
    const current = () => !st.disposed && token === st.viewToken;
    let person;
    let history;
    try {
      [person, history] = await Promise.all([
        api.getPerson(id),
        api.personHistory(id).catch(() => null),
      ]);
    } catch (e) {
      if (current()) failReading(e);
      return;
    }
    if (!current()) return;
    st.mode = 'edit';
    st.person = person;
    renderDetail({ values: personToFormValues(person), roles: rolesToState(person.roles), history });
    showDetail();
    form.inputs.name.focus();
  }

  function renderDetail({ values, roles, history, warnings }) {
    const creating = st.mode === 'create';
    st.baseline = { ...values };
    st.baseRoles = copyRoleState(roles);
    const p = st.person;
    const title = creating
      ? `新增人员${st.createRole ? `（${roleLabel(st.createRole)}）` : ''}`
      : (p?.name ?? '');
    const back = h('button', { id: 'person-back', type: 'button', class: 'btn btn-secondary btn-small' }, '‹ 返回名单');
    back.addEventListener('click', backToList);
    const warningsBox = h('div', { id: 'person-warnings', class: 'callout callout-warning', role: 'status', hidden: true });
    clear(detail,
      h('div', { class: 'detail-head' }, back,
        h('h2', { id: 'person-title', class: 'detail-title' }, title),
        !creating && p ? h('span', { class: ['status-tag', p.status === 'left' ? 'is-left' : 'is-active'] }, p.status === 'left' ? '离岗' : '在岗') : null),
      !creating && p
        ? h('p', { class: 'meta' }, `登记于 ${formatDateTime(p.createdAt)} · 最后修改 ${formatDateTime(p.updatedAt)}`)
        : h('p', { class: 'meta' }, '性别和出生日期可以不填，按身份证号码自动识别。'),
      warningsBox,
      buildForm(values, roles, creating),
      creating ? null : historySection(history),
      creating ? null : deleteSection());
    form.warnings = warningsBox;
    if (warnings?.length) showWarnings(warnings);
    updateEffectiveDate();
  }

  function showWarnings(list) {
    if (!form?.warnings) return;
    clear(form.warnings, h('p', { class: 'callout-title' }, '请注意：'),
      h('ul', {}, list.map((w) => h('li', {}, w))));
    form.warnings.hidden = false;
  }

  // ---------- the form ----------
  function buildForm(values, roleState, creating) {
    const inputs = {};
    const errors = {};
    const text = (field, attrs = {}) => h('input', {
      id: `person-${field}`, name: field, type: 'text', autocomplete: 'off', value: values[field] ?? '', ...attrs,
    });
    const select = (field, options, value) => {
      const el = h('select', { id: `person-${field}`, name: field },
        options.map((o) => h('option', { value: o.value }, o.label)));
      if (value && !options.some((o) => o.value === value)) el.append(h('option', { value }, value));
      el.value = value ?? '';
      return el;
    };
    inputs.name = text('name', { maxlength: '20' });
    inputs.idNumber = text('idNumber', { maxlength: '22', spellcheck: 'false', class: 'input-code' });
    inputs.phone = text('phone', { maxlength: '20', inputmode: 'tel', spellcheck: 'false', class: 'input-code' });
    inputs.gender = select('gender', GENDERS, values.gender);
    inputs.birthDate = text('birthDate', { maxlength: '12', placeholder: '可留空，按身份证', class: 'input-date' });
    inputs.politicalStatus = select('politicalStatus',
      [{ value: '', label: '（未填写）' }, ...(st.options.politicalStatuses ?? []).map((x) => ({ value: x, label: x }))],
      values.politicalStatus);
    inputs.education = select('education',
      [{ value: '', label: '（未填写）' }, ...(st.options.educations ?? []).map((x) => ({ value: x, label: x }))],
      values.education);
    inputs.startDate = text('startDate', { maxlength: '12', placeholder: '如 2024-03-01', class: 'input-date' });
    inputs.status = select('status', STATUSES, values.status);
    inputs.published = h('input', { id: 'person-published', name: 'published', type: 'checkbox', checked: !!values.published });
    inputs.note = h('textarea', { id: 'person-note', name: 'note', rows: '2', maxlength: '500' });
    inputs.note.value = values.note ?? '';
    inputs.effectiveDate = text('effectiveDate', { maxlength: '12', class: 'input-date', 'aria-describedby': 'person-effectiveDate-hint person-effectiveDate-error' });

    const row = (field, control, extra) => {
      const id = control.id;
      const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
      errors[field] = err;
      if (!control.hasAttribute('aria-describedby')) control.setAttribute('aria-describedby', `${id}-error`);
      return h('div', { class: 'form-row', 'data-row': field },
        h('label', { for: id }, PERSON_FIELD_LABELS[field]),
        h('div', { class: 'field' }, control, extra ?? null, err));
    };

    const effectiveRow = row('effectiveDate', inputs.effectiveDate,
      h('span', { class: 'hint inline-hint', id: 'person-effectiveDate-hint' }, '身份、网格或在岗状态变动的日期，记入履历'));
    effectiveRow.classList.add('form-row-wide');
    effectiveRow.hidden = true;

    const publishedRow = h('div', { class: 'form-row', 'data-row': 'published' },
      h('span', { class: 'row-label' }, PERSON_FIELD_LABELS.published),
      h('div', { class: 'field checkbox-row' }, inputs.published,
        h('label', { for: 'person-published' }, '在小区和公示牌上公示姓名和手机号码')));

    const roles = buildRoles(roleState, errors);

    const noteRow = row('note', inputs.note);
    noteRow.classList.add('form-row-wide');

    const continueBox = h('input', { id: 'person-continue', type: 'checkbox', checked: true });
    const saveBtn = h('button', { id: 'person-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancelBtn = h('button', {
      id: 'person-cancel', type: 'button', class: 'btn btn-secondary',
      title: creating ? '放弃新增（Esc）' : '撤销未保存的修改（Esc）',
    }, creating ? '取消' : '撤销修改');
    cancelBtn.addEventListener('click', () => (creating ? cancelCreate() : revert()));

    const el = h('form', { id: 'person-form', class: 'person-form', novalidate: true, 'aria-labelledby': 'person-title' },
      h('div', { class: 'form-cols' },
        row('name', inputs.name),
        row('idNumber', inputs.idNumber),
        row('phone', inputs.phone),
        row('gender', inputs.gender),
        row('birthDate', inputs.birthDate),
        row('politicalStatus', inputs.politicalStatus),
        row('education', inputs.education),
        row('startDate', inputs.startDate),
        row('status', inputs.status),
        publishedRow,
        effectiveRow),
      roles.el,
      h('div', { class: 'form-cols' }, noteRow),
      h('div', { class: 'person-actions' },
        saveBtn, cancelBtn,
        creating ? h('span', { class: 'checkbox-row continue-row' }, continueBox,
          h('label', { for: 'person-continue' }, '保存后继续新增')) : null,
        h('span', { class: 'hint', id: 'person-hint' }, HINT)));

    bindFormKeys(el, { save, cancel: () => (st.mode === 'create' ? cancelCreate() : revert()) });
    el.addEventListener('input', updateEffectiveDate);
    el.addEventListener('change', updateEffectiveDate);

    form = { el, inputs, errors, roles, save: saveBtn, continueBox, effectiveRow, warnings: null };
    return el;
  }

  function buildRoles(roleState, errors) {
    const rolesError = h('p', { class: 'field-error', id: 'person-roles-error', 'data-error-for': 'roles', hidden: true });
    errors.roles = rolesError;
    const blocks = {};
    const list = h('div', { class: 'role-blocks' });
    for (const r of ROLES) {
      const s = roleState[r.value] ?? { checked: false, employment: '', unitIds: [] };
      const check = h('input', {
        type: 'checkbox', id: `person-role-${r.value}`, 'data-role-check': r.value, checked: !!s.checked,
      });
      const options = unitOptionsForRole(st.tree, r.value);
      const chosen = new Set(s.unitIds.map(idKey));
      const count = h('span', { class: 'unit-count', 'aria-live': 'polite' });
      const chosenLine = h('p', { class: 'unit-chosen' });
      const items = options.map((o) => {
        const box = h('input', { type: 'checkbox', 'data-unit-option': o.id, value: o.id, checked: chosen.has(o.id) });
        const li = h('li', { class: 'unit-option', 'data-kind': o.kind },
          h('label', {}, box, h('span', { class: ['kind-tag', `kind-${o.kind}`] }, o.kindLabel), h('span', { class: 'unit-path' }, o.path)));
        return { o, box, li };
      });
      // Units that are chosen but no longer in the tree (deleted meanwhile) stay selected, shown plainly.
      for (const id of chosen) {
        if (!options.some((o) => o.id === id)) {
          const box = h('input', { type: 'checkbox', 'data-unit-option': id, value: id, checked: true });
          const o = { id, kind: '', kindLabel: '', path: `（已不存在的单位 ${id}）` };
          items.push({ o, box, li: h('li', { class: 'unit-option' }, h('label', {}, box, h('span', { class: 'unit-path' }, o.path))) });
        }
      }
      const filter = h('input', {
        type: 'search', class: 'filter unit-filter', 'data-unit-filter': r.value, autocomplete: 'off',
        placeholder: `筛选${r.unitPhrase}`, 'aria-label': `筛选${r.unitPhrase}`,
      });
      const ul = h('ul', { class: 'unit-options', 'data-unit-list': r.value, 'aria-label': `${r.label}所在的${r.unitPhrase}` },
        items.map((x) => x.li));
      const noUnits = h('p', { class: 'hint' }, `还没有${r.unitPhrase}，请先在“组织架构”中建立。`);
      const refresh = () => {
        const picked = items.filter((x) => x.box.checked);
        count.textContent = `已选 ${picked.length} 个`;
        chosenLine.textContent = picked.length ? `已选：${picked.map((x) => x.o.path.split(' › ').pop()).join('、')}` : '';
      };
      const applyFilter = () => {
        const shown = new Set(filterUnitOptions(items.map((x) => x.o), filter.value).map((o) => o.id));
        for (const x of items) x.li.hidden = !shown.has(x.o.id);
      };
      filter.addEventListener('input', applyFilter);
      // The filter box has keys of its own: Enter never saves the form, Esc empties the box first.
      filter.addEventListener('keydown', (e) => {
        if (isComposing(e)) return;
        if (e.key === 'Enter') {
          e.preventDefault();
        } else if (e.key === 'Escape' && filter.value) {
          e.preventDefault();
          filter.value = '';
          applyFilter();
        }
      });
      ul.addEventListener('change', refresh);
      refresh();

      let emp = null;
      if (r.value === 'grid_worker') {
        emp = h('select', { id: 'person-employment', name: 'employment', 'aria-describedby': 'person-roles-error' },
          h('option', { value: '' }, '请选择'),
          EMPLOYMENTS.map((e) => h('option', { value: e.value }, e.label)));
        emp.value = s.employment ?? '';
      }
      const body = h('div', { class: 'role-body', hidden: !s.checked },
        emp ? h('div', { class: 'role-employment' }, h('label', { for: 'person-employment' }, '专职/兼职'), emp) : null,
        options.length || chosen.size
          ? [h('div', { class: 'unit-picker-head' }, filter, count), ul, chosenLine]
          : noUnits);
      check.addEventListener('change', () => {
        body.hidden = !check.checked;
        if (check.checked) (emp && !emp.value ? emp : items.length ? filter : null)?.focus();
      });
      blocks[r.value] = { check, items, emp };
      list.append(h('div', { class: ['role-block', s.checked && 'is-on'], 'data-role': r.value },
        h('div', { class: 'checkbox-row role-head' }, check, h('label', { for: `person-role-${r.value}` }, r.label),
          h('span', { class: 'hint' }, `（${r.unitPhrase}）`)),
        body));
      check.addEventListener('change', () => {
        check.closest('.role-block').classList.toggle('is-on', check.checked);
      });
    }
    const el = h('fieldset', { class: 'roles-section', id: 'person-roles', 'aria-describedby': 'person-roles-error' },
      h('legend', {}, '身份与所在网格'), rolesError, list);
    return { el, blocks };
  }

  function readValues() {
    const i = form.inputs;
    return {
      name: i.name.value,
      idNumber: i.idNumber.value,
      phone: i.phone.value,
      gender: i.gender.value,
      birthDate: i.birthDate.value,
      politicalStatus: i.politicalStatus.value,
      education: i.education.value,
      startDate: i.startDate.value,
      status: i.status.value,
      published: i.published.checked,
      note: i.note.value,
      effectiveDate: form.effectiveRow.hidden ? '' : i.effectiveDate.value,
    };
  }

  function readRoles() {
    const out = emptyRoleState();
    for (const r of ROLES) {
      const b = form.roles.blocks[r.value];
      out[r.value] = {
        checked: b.check.checked,
        employment: b.emp ? b.emp.value : '',
        unitIds: b.items.filter((x) => x.box.checked).map((x) => x.o.id),
      };
    }
    return out;
  }

  function isDirty() {
    if (!form || st.mode === 'list') return false;
    return personFormDirty(st.baseline, readValues(), st.baseRoles, readRoles());
  }

  function updateEffectiveDate() {
    if (!form) return;
    const show = st.mode === 'edit' && historyRelevantChange(st.person, readValues(), readRoles());
    if (show && form.effectiveRow.hidden) {
      form.effectiveRow.hidden = false;
      if (!form.inputs.effectiveDate.value) form.inputs.effectiveDate.value = localDate();
    } else if (!show && !form.effectiveRow.hidden) {
      form.effectiveRow.hidden = true;
    }
  }

  function clearErrors() {
    if (!form) return;
    clearFieldErrors(form.errors, form.inputs);
    form.roles.el.classList.remove('has-error');
  }

  function showError(field, message) {
    const slot = errorSlot(field);
    const el = form?.errors[slot];
    if (!el) {
      alert(message);
      return;
    }
    if (slot === 'roles') {
      form.roles.el.classList.add('has-error');
      const target = field === 'employment'
        ? form.roles.blocks.grid_worker.emp
        : focusTargetForRoles(field);
      showFieldError(el, message, target, { mark: false, select: false });
      return;
    }
    if (field === 'effectiveDate') form.effectiveRow.hidden = false;
    showFieldError(el, message, form.inputs[field]);
  }

  function focusTargetForRoles(field) {
    const blocks = Object.values(form.roles.blocks);
    if (field === 'units') {
      const missing = blocks.find((b) => b.check.checked && !b.items.some((x) => x.box.checked));
      if (missing) return missing.items.find((x) => !x.li.hidden)?.box ?? missing.check;
    }
    return blocks.find((b) => b.check.checked)?.check ?? blocks[0].check;
  }

  function handleSaveError(e) {
    reportError(e, {
      fields: PERSON_FIELDS,
      field: showError,
      show: alert,
      reboot: onError,
      reload: () => {
        showList();
        loadList();
      },
    });
  }

  async function savePerson() {
    if (!form || st.mode === 'list') return;
    clearErrors();
    const creating = st.mode === 'create';
    const built = buildPersonInput(readValues(), readRoles(), { original: creating ? null : st.person });
    if (!built.ok) {
      showError(built.error.field, built.error.message);
      return;
    }
    // The clerk may leave the form while it saves (Esc, 返回名单): the record is
    // saved all the same, but the form is not reopened over where they went.
    const token = st.viewToken;
    const left = () => st.disposed || token !== st.viewToken;
    form.save.disabled = true;
    try {
      if (creating) {
        const keepGoing = form.continueBox.checked;
        const saved = await api.createPerson(built.input);
        if (st.disposed) return;
        const warnings = saved?.warnings ?? [];
        toast(warnings.length ? `已保存“${saved?.person?.name ?? ''}”，请注意提醒` : `已保存“${saved?.person?.name ?? ''}”`);
        loadList();
        if (left()) return;
        if (keepGoing) {
          const roles = readRoles();
          renderDetail({ values: emptyPersonValues(), roles, history: null, warnings });
          form.inputs.name.focus();
        } else {
          st.mode = 'edit';
          st.person = saved.person;
          const history = await api.personHistory(saved.person.id).catch(() => null);
          if (left()) return;
          renderDetail({ values: personToFormValues(saved.person), roles: rolesToState(saved.person.roles), history, warnings });
          form.inputs.name.focus();
        }
      } else {
        const refocus = rememberFocus();
        const saved = await api.updatePerson(st.person.id, built.input);
        if (st.disposed) return;
        const warnings = saved?.warnings ?? [];
        toast(warnings.length ? '已保存，请注意提醒' : '已保存');
        if (left()) return;
        st.person = saved.person;
        const history = await api.personHistory(saved.person.id).catch(() => null);
        if (left()) return;
        renderDetail({ values: personToFormValues(saved.person), roles: rolesToState(saved.person.roles), history, warnings });
        refocus(form.inputs.name);
      }
    } catch (e) {
      if (!left()) handleSaveError(e);
      else if (!st.disposed) fail(e);
    } finally {
      if (form?.save.isConnected) form.save.disabled = false;
    }
  }

  function cancelCreate() {
    showList();
    newBtn.focus();
  }

  function revert() {
    if (st.mode !== 'edit' || !st.person) return;
    const history = form?.historyData ?? null;
    undoEdits({
      dirty: isDirty(),
      toast,
      render: () => renderDetail({ values: personToFormValues(st.person), roles: rolesToState(st.person.roles), history }),
    });
  }

  function historySection(history) {
    if (form) form.historyData = history;
    const rows = Array.isArray(history) ? history : [];
    return h('section', { class: 'person-history', 'aria-labelledby': 'person-history-title' },
      h('h3', { id: 'person-history-title' }, '履历'),
      history === null
        ? h('p', { class: 'hint' }, '履历没有加载成功。')
        : rows.length
          ? h('table', { class: 'data-table history-table', id: 'person-history' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, '日期'),
              h('th', { scope: 'col' }, '变动'),
              h('th', { scope: 'col' }, '详情'))),
            h('tbody', {}, rows.map((ev) => h('tr', { 'data-event': ev.event ?? '' },
              h('td', { class: 'cell-time' }, ev.date ?? ''),
              h('td', { class: 'cell-nowrap' }, h('span', { class: ['op-tag', `event-${ev.event}`] }, ev.eventLabel ?? '')),
              h('td', { class: 'cell-summary' }, ev.detail ?? '')))))
          : h('p', { class: 'hint', id: 'person-history-empty' }, '暂无履历。'));
  }

  function deleteSection() {
    const btn = h('button', { id: 'person-delete', type: 'button', class: 'btn btn-danger' }, '删除');
    btn.addEventListener('click', doDelete);
    return h('section', { class: 'action-group danger-zone person-delete', 'aria-labelledby': 'person-delete-title' },
      h('h3', { id: 'person-delete-title' }, '删除'),
      h('p', { class: 'hint' }, '删除后可在回收站恢复，履历一并保留。人员离岗请把状态改为“离岗”，不要删除。'),
      btn);
  }

  async function doDelete() {
    const p = st.person;
    if (!p) return;
    const ok = await confirmDelete(`确定删除“${p.name}”吗？删除后可在回收站恢复。`);
    if (!ok || st.disposed) return;
    try {
      await api.deletePerson(p.id);
      if (st.disposed) return;
      toast(`已删除“${p.name}”，可在回收站恢复`);
      showList();
      await loadList();
      newBtn.focus();
    } catch (e) {
      if (!st.disposed) handleSaveError(e);
    }
  }

  return () => {
    st.disposed = true;
    stopSearch();
    document.removeEventListener('keydown', onGlobalKey);
  };
}

