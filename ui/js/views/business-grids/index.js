// 多格合一: business grids of other departments (综治, 城管, 市场监管 …) and the base
// grids they are mapped onto, each marked 已纳入 with a date when merged
// (成熟一个、纳入一个).
//   按业务网格: list grouped by department; form to add/edit one; its mappings.
//   按基础网格: every base grid with the business grids it absorbed.
// This module keeps the state, the form and the commands; lists.js draws both lists,
// mappings.js the base grids of one business grid.
import { h, clear, loadFailed } from '../../dom.js';
import { newest } from '../../newest.js';
import { confirmDiscard, confirmDelete, guardUnsaved } from '../../dialog.js';
import { bindTabKeys, clearFieldErrors, showFieldError, undoEdits } from '../../forms.js';
import { buildTree, idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { businessGridStatus, parseBusinessGridForm, baseGridRows, statusCounts } from '../../logic/bizgrids.js';
import { mountGridTable, mountBaseTable } from './lists.js';
import { mountGridForm } from './form.js';
import { mappingSection as drawMappings } from './mappings.js';
import { excelTools } from '../excel-tools.js';

const FORM_FIELDS = ['department', 'name', 'note'];
const MAP_FIELDS = ['baseGridId', 'mergedOn'];

export function mountBusinessGrids(container, { api, toast, alert, clearAlert, onError }) {
  const st = {
    tab: 'grids',
    grids: [],
    merges: [],
    tree: buildTree([]),
    departments: [], // people_options' (the core's list); another may be typed
    selectedId: '',
    mode: 'empty', // 'empty' | 'create' | 'edit'
    onlyEmpty: false,
    busy: false,
    loadToken: 0, // only the newest list answer is applied
    disposed: false,
  };
  let formRefs = null; // the open form (form.js)

  // ---------- skeleton ----------
  const counts = h('p', { class: 'hint', id: 'bg-counts' });
  const tabs = h('div', { class: 'role-tabs', role: 'tablist', 'aria-label': '查看方式' },
    h('button', { type: 'button', role: 'tab', class: 'role-tab', id: 'bg-tab-grids', 'data-bg-tab': 'grids', 'aria-controls': 'bg-panel-grids' }, '按业务网格'),
    h('button', { type: 'button', role: 'tab', class: 'role-tab', id: 'bg-tab-base', 'data-bg-tab': 'base', 'aria-controls': 'bg-panel-base' }, '按基础网格'));
  const newBtn = h('button', { id: 'bg-new', type: 'button', class: 'btn btn-primary' }, '新增业务网格');
  // A department's list of its grids and the base grids they map onto goes in at
  // once (a pick per base grid took hundreds); the ledger goes out as the others do.
  const excel = excelTools({
    api, toast, onError, prefix: 'bg', exportKind: 'business-grids',
    imports: [{ kind: 'business-grids' }],
    onImported: () => { if (!st.disposed) reload(); },
  });
  const listPane = h('div', { class: 'bg-list-pane' }, h('div', { class: 'toolbar' }, newBtn, excel));
  const gridTable = mountGridTable(listPane, { onSelect: (id) => select(id) });
  const listHost = gridTable.el;
  const detail = h('div', { class: 'bg-detail', id: 'bg-detail' });
  const gridsPanel = h('div', { id: 'bg-panel-grids', role: 'tabpanel', 'aria-labelledby': 'bg-tab-grids', class: 'bg-layout' },
    listPane,
    detail);
  const onlyEmptyBox = h('input', { type: 'checkbox', id: 'bg-only-empty' });
  const basePanel = h('div', { id: 'bg-panel-base', role: 'tabpanel', 'aria-labelledby': 'bg-tab-base', hidden: true },
    h('div', { class: 'toolbar checkbox-row' }, onlyEmptyBox,
      h('label', { for: 'bg-only-empty' }, '只看还没有纳入任何业务网格的')));
  const baseTable = mountBaseTable(basePanel);

  container.append(h('section', { class: 'view view-wide bizgrids', id: 'bizgrids-view', 'aria-labelledby': 'bg-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'bg-title' }, '多格合一'),
      h('p', { class: 'hint' }, '把综治、城管、市场监管等部门的业务网格对应到基础网格，成熟一个、纳入一个，纳入时记下日期。'),
      counts),
    tabs, gridsPanel, basePanel));

  tabs.addEventListener('click', (e) => {
    const b = e.target.closest('[data-bg-tab]');
    if (b) setTab(b.dataset.bgTab);
  });
  bindTabKeys(tabs, (b) => setTab(b.dataset.bgTab));
  newBtn.addEventListener('click', () => startCreate());
  onlyEmptyBox.addEventListener('change', () => {
    st.onlyEmpty = onlyEmptyBox.checked;
    renderBase();
  });

  setTab('grids');
  renderDetail();
  boot();

  // ---------- data ----------
  async function boot() {
    const [units, options] = await Promise.all([
      api.listUnits().catch((e) => { if (!st.disposed) fail(e); return []; }),
      api.peopleOptions().catch(() => null),
    ]);
    if (st.disposed) return;
    st.tree = buildTree(Array.isArray(units) ? units : []);
    if (Array.isArray(options?.departments)) st.departments = options.departments.map(String);
    await reload();
  }

  async function reload() {
    // Reloads can overlap (the first one still running when the clerk saves): an older answer is dropped.
    const got = await newest(st, 'loadToken', () => Promise.all([api.listBusinessGrids(), api.businessGridsByBaseGrid()]));
    if (!got) return;
    if (!got.ok) {
      fail(got.error);
      loadFailed(listHost, '业务网格没有加载成功。');
      return;
    }
    const [grids, merges] = got.value;
    st.grids = Array.isArray(grids) ? grids : [];
    st.merges = Array.isArray(merges) ? merges : [];
    if (st.mode === 'edit' && !selected()) {
      st.mode = 'empty';
      st.selectedId = '';
    }
    renderList();
    renderBase();
    renderCounts();
  }

  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  const selected = () => st.grids.find((g) => idKey(g.id) === st.selectedId) ?? null;

  function setTab(tab) {
    st.tab = tab;
    for (const b of tabs.querySelectorAll('[data-bg-tab]')) {
      const on = b.dataset.bgTab === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    gridsPanel.hidden = tab !== 'grids';
    basePanel.hidden = tab !== 'base';
  }

  function renderCounts() {
    const c = statusCounts(st.grids);
    const emptyBase = baseGridRows(st.merges, { onlyEmpty: true }).length;
    counts.textContent = `业务网格 ${st.grids.length} 个：已全部纳入 ${c.merged}，部分纳入 ${c.partial}，待纳入 ${c.pending}，未对应 ${c.unmapped}。`
      + `基础网格 ${st.merges.length} 个，其中 ${emptyBase} 个还没有纳入业务网格。`;
  }

  // ---------- 按业务网格 ----------
  function renderList() {
    gridTable.update({ grids: st.grids, departments: st.departments, selectedId: st.selectedId });
  }

  async function select(id) {
    if (st.mode === 'edit' && st.selectedId === id) return;
    if (!(await confirmDiscard(isDirty()))) return;
    clearAlert?.();
    st.mode = 'edit';
    st.selectedId = id;
    renderList();
    renderDetail();
  }

  async function startCreate() {
    if (!(await confirmDiscard(isDirty()))) return;
    clearAlert?.();
    st.mode = 'create';
    st.selectedId = '';
    renderList();
    renderDetail();
    formRefs?.inputs.name.focus();
  }

  // ---------- detail ----------
  function isDirty() {
    return !!formRefs?.isDirty();
  }

  function renderDetail() {
    formRefs = null;
    if (st.mode === 'empty') {
      clear(detail, h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '在左侧选择一个业务网格，查看和设置它对应的基础网格。'),
        h('p', { class: 'hint' }, '也可以点击“新增业务网格”。')));
      return;
    }
    const bg = st.mode === 'edit' ? selected() : null;
    if (st.mode === 'edit' && !bg) {
      st.mode = 'empty';
      renderDetail();
      return;
    }
    const status = bg ? businessGridStatus(bg) : null;
    clear(detail, h('h2', { class: 'detail-title', id: 'bg-form-title' },
      bg ? `${bg.department} · ${bg.name}` : '新增业务网格',
      status ? h('span', { class: ['bg-status', `bg-status-${status.key}`] }, status.label) : null));
    formRefs = mountGridForm(detail, {
      grid: bg, departments: st.departments, onSave: saveForm, onCancel: () => (bg ? revert() : cancelCreate()),
    });
    if (bg) detail.append(mappingSection(bg), deleteSection(bg));
  }

  function clearErrors(refs = formRefs) {
    clearFieldErrors(refs?.errors ?? {});
  }

  function showError(refs, field, message, focusEl) {
    const el = refs.errors[field];
    if (!el) {
      alert(message);
      return;
    }
    showFieldError(el, message, focusEl, { mark: false, select: false });
  }

  function handle(e, refs = null, fields = [], focusFor = () => null) {
    reportError(e, {
      fields,
      field: (f, message) => showError(refs, f, message, focusFor(f)),
      show: alert,
      reboot: onError,
      reload: () => reload().then(() => {
        if (!st.disposed) renderDetail();
      }),
    });
  }

  async function saveForm() {
    if (!formRefs || st.busy) return;
    const refs = formRefs;
    clearErrors(refs);
    const parsed = parseBusinessGridForm(refs.read());
    const focusFor = (f) => refs.focusFor(f);
    if (!parsed.ok) {
      showError(refs, parsed.error.field, parsed.error.message, focusFor(parsed.error.field));
      return;
    }
    st.busy = true;
    refs.saveBtn.disabled = true;
    try {
      const saved = st.mode === 'create'
        ? await api.createBusinessGrid(parsed.input)
        : await api.updateBusinessGrid(st.selectedId, parsed.input);
      if (st.disposed) return;
      toast(st.mode === 'create' ? '已新增业务网格，可以设置对应的基础网格了' : '已保存');
      st.mode = 'edit';
      st.selectedId = idKey(saved?.id);
      await reload();
      if (st.disposed) return;
      renderDetail();
      (document.getElementById('bg-map-grid') ?? formRefs?.inputs.name)?.focus();
    } catch (e) {
      if (!st.disposed) handle(e, refs, FORM_FIELDS, focusFor);
    } finally {
      st.busy = false;
      if (refs.saveBtn.isConnected) refs.saveBtn.disabled = false;
    }
  }

  function revert() {
    undoEdits({ dirty: isDirty(), render: renderDetail, toast, focus: () => formRefs?.inputs.name.focus() });
  }

  function cancelCreate() {
    st.mode = 'empty';
    renderDetail();
    newBtn.focus();
  }

  // ---------- mappings ----------
  function mappingSection(bg) {
    return drawMappings(bg, { api, tree: st.tree, clearErrors, showError, mutate });
  }

  async function mutate(run, refs, focusSelector, message, dateEl, addEls) {
    if (st.busy) return;
    clearErrors(refs);
    st.busy = true;
    try {
      await run();
      if (st.disposed) return;
      toast(message);
      await reload();
      if (st.disposed) return;
      renderDetail();
      (detail.querySelector(focusSelector) ?? document.getElementById('bg-map-grid'))?.focus();
    } catch (e) {
      if (st.disposed) return;
      const focusFor = (f) => (f === 'baseGridId' ? addEls?.grid : (dateEl ?? addEls?.date));
      handle(e, refs, MAP_FIELDS, focusFor);
    } finally {
      st.busy = false;
    }
  }

  function deleteSection(bg) {
    const btn = h('button', { id: 'bg-delete', type: 'button', class: 'btn btn-danger' }, '删除业务网格');
    btn.addEventListener('click', async () => {
      const ok = await confirmDelete(`确定删除业务网格“${bg.name}”（${bg.department}）吗？删除后可在回收站恢复。`);
      if (!ok || st.disposed) return;
      try {
        await api.deleteBusinessGrid(bg.id);
        if (st.disposed) return;
        toast(`已删除“${bg.name}”，可在回收站恢复`);
        st.mode = 'empty';
        st.selectedId = '';
        await reload();
        if (st.disposed) return;
        renderDetail();
        newBtn.focus();
      } catch (e) {
        if (!st.disposed) handle(e);
      }
    });
    return h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'bg-delete-title' },
      h('h3', { id: 'bg-delete-title' }, '删除'),
      h('p', { class: 'hint' }, '删除后可在回收站恢复，对应关系一并保留。'),
      btn);
  }

  // ---------- 按基础网格 ----------
  function renderBase() {
    baseTable.update({ merges: st.merges, tree: st.tree, onlyEmpty: st.onlyEmpty });
  }

  const unguard = guardUnsaved(() => !st.disposed && isDirty());
  return () => {
    st.disposed = true;
    unguard();
  };
}
