// 多格合一: business grids of other departments (综治, 城管, 市场监管 …) and the base
// grids they are mapped onto, each marked 已纳入 with a date when merged
// (成熟一个、纳入一个).
//   按业务网格: list grouped by department; form to add/edit one; its mappings.
//   按基础网格: every base grid with the business grids it absorbed.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDialog, confirmDiscard, confirmDelete } from '../dialog.js';
import {
  bindFormKeys, bindTabKeys, onEnter, clearFieldErrors, showFieldError, undoEdits,
} from '../forms.js';
import { buildTree, idKey, pathTo, pathLabel } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import {
  OTHER_DEPARTMENT, businessGridStatus, mappingText, groupByDepartment, departmentChoice,
  parseBusinessGridForm, mappableBaseGrids, mergedOnArg, baseGridRows, absorbedText, statusCounts,
} from '../logic/bizgrids.js';

const FORM_FIELDS = ['department', 'name', 'note'];
const MAP_FIELDS = ['baseGridId', 'mergedOn'];
const DEFAULT_DEPARTMENTS = ['综治', '城管', '市场监管', '应急', '消防'];

export function mountBusinessGrids(container, { api, toast, alert, clearAlert, onError }) {
  const st = {
    tab: 'grids',
    grids: [],
    merges: [],
    tree: buildTree([]),
    departments: [...DEFAULT_DEPARTMENTS],
    selectedId: '',
    mode: 'empty', // 'empty' | 'create' | 'edit'
    onlyEmpty: false,
    busy: false,
    loadToken: 0, // only the newest list answer is applied
    disposed: false,
  };
  let formRefs = null;

  // ---------- skeleton ----------
  const counts = h('p', { class: 'hint', id: 'bg-counts' });
  const tabs = h('div', { class: 'role-tabs', role: 'tablist', 'aria-label': '查看方式' },
    h('button', { type: 'button', role: 'tab', class: 'role-tab', id: 'bg-tab-grids', 'data-bg-tab': 'grids', 'aria-controls': 'bg-panel-grids' }, '按业务网格'),
    h('button', { type: 'button', role: 'tab', class: 'role-tab', id: 'bg-tab-base', 'data-bg-tab': 'base', 'aria-controls': 'bg-panel-base' }, '按基础网格'));
  const newBtn = h('button', { id: 'bg-new', type: 'button', class: 'btn btn-primary' }, '新增业务网格');
  const listHost = h('div', { class: 'table-scroll', id: 'bg-list' }, h('p', { class: 'loading' }, '正在加载…'));
  const detail = h('div', { class: 'bg-detail', id: 'bg-detail' });
  const gridsPanel = h('div', { id: 'bg-panel-grids', role: 'tabpanel', 'aria-labelledby': 'bg-tab-grids', class: 'bg-layout' },
    h('div', { class: 'bg-list-pane' }, h('div', { class: 'toolbar' }, newBtn), listHost),
    detail);
  const onlyEmptyBox = h('input', { type: 'checkbox', id: 'bg-only-empty' });
  const baseHost = h('div', { class: 'table-scroll', id: 'bg-base-list' });
  const basePanel = h('div', { id: 'bg-panel-base', role: 'tabpanel', 'aria-labelledby': 'bg-tab-base', hidden: true },
    h('div', { class: 'toolbar checkbox-row' }, onlyEmptyBox,
      h('label', { for: 'bg-only-empty' }, '只看还没有纳入任何业务网格的')),
    baseHost);

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
    if (Array.isArray(options?.departments) && options.departments.length) st.departments = options.departments;
    await reload();
  }

  async function reload() {
    // Reloads can overlap (the first one still running when the clerk saves): an older answer is dropped.
    const token = ++st.loadToken;
    const stale = () => st.disposed || token !== st.loadToken;
    let grids;
    let merges;
    try {
      [grids, merges] = await Promise.all([api.listBusinessGrids(), api.businessGridsByBaseGrid()]);
    } catch (e) {
      if (stale()) return;
      fail(e);
      if (!listHost.querySelector('table')) clear(listHost, h('p', { class: 'empty-state' }, '业务网格没有加载成功。'));
      return;
    }
    if (stale()) return;
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
    if (!st.grids.length) {
      clear(listHost, h('p', { class: 'empty-state', id: 'bg-empty' }, '还没有业务网格。点击“新增业务网格”开始录入。'));
      return;
    }
    const groups = groupByDepartment(st.grids, st.departments);
    const body = h('tbody', {});
    for (const g of groups) {
      body.append(h('tr', { class: 'group-row' }, h('th', { colspan: '4', scope: 'colgroup' }, `${g.department}（${g.grids.length}）`)));
      for (const bg of g.grids) {
        const id = idKey(bg.id);
        const status = businessGridStatus(bg);
        const tr = h('tr', {
          class: ['bg-row', id === st.selectedId && 'is-selected'], 'data-bg-id': id, tabindex: '0',
          'aria-selected': String(id === st.selectedId),
        },
        h('td', { class: 'cell-nowrap' }, bg.department ?? ''),
        h('td', {}, bg.name ?? ''),
        h('td', { class: 'cell-summary' }, bg.mappings?.length
          ? bg.mappings.map((m) => h('div', { class: m.mergedOn ? 'map-merged' : 'map-pending' }, mappingText(m)))
          : h('span', { class: 'muted' }, '—')),
        h('td', { class: 'cell-nowrap' }, h('span', { class: ['bg-status', `bg-status-${status.key}`] }, status.label)));
        tr.addEventListener('click', () => select(id));
        tr.addEventListener('keydown', (e) => {
          if (e.target !== tr) return;
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            select(id);
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const rows = Array.from(listHost.querySelectorAll('tr[data-bg-id]'));
            const i = rows.indexOf(tr);
            rows[e.key === 'ArrowDown' ? i + 1 : i - 1]?.focus();
          }
        });
        body.append(tr);
      }
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.bgId : null;
    clear(listHost, h('table', { class: 'data-table no-zebra bg-table', id: 'bg-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '部门'),
        h('th', { scope: 'col' }, '名称'),
        h('th', { scope: 'col' }, '对应基础网格'),
        h('th', { scope: 'col' }, '状态'))),
      body));
    if (hadFocus) listHost.querySelector(`tr[data-bg-id="${cssEscape(hadFocus)}"]`)?.focus();
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
  function readForm() {
    const i = formRefs.inputs;
    return { select: i.department.value, other: i.other.value, name: i.name.value, note: i.note.value };
  }

  function isDirty() {
    if (!formRefs || !formRefs.baseline) return false;
    const now = readForm();
    const norm = (x) => String(x ?? '').trim();
    return Object.keys(now).some((k) => norm(now[k]) !== norm(formRefs.baseline[k]));
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
    clear(detail,
      h('h2', { class: 'detail-title', id: 'bg-form-title' },
        bg ? `${bg.department} · ${bg.name}` : '新增业务网格',
        status ? h('span', { class: ['bg-status', `bg-status-${status.key}`] }, status.label) : null),
      buildForm(bg),
      bg ? mappingSection(bg) : null,
      bg ? deleteSection(bg) : null);
  }

  function buildForm(bg) {
    const choice = departmentChoice(bg?.department ?? '', st.departments);
    const inputs = {};
    const errors = {};
    inputs.department = h('select', { id: 'bg-department', name: 'department' },
      st.departments.map((d) => h('option', { value: d }, d)),
      h('option', { value: OTHER_DEPARTMENT }, '其他…'));
    inputs.department.value = choice.select;
    inputs.other = h('input', {
      id: 'bg-department-other', type: 'text', name: 'departmentOther', maxlength: '20', autocomplete: 'off',
      placeholder: '填写部门名称', 'aria-label': '其他部门名称', value: choice.other, hidden: choice.select !== OTHER_DEPARTMENT,
    });
    inputs.name = h('input', { id: 'bg-name', type: 'text', name: 'name', maxlength: '50', autocomplete: 'off', value: bg?.name ?? '' });
    inputs.note = h('textarea', { id: 'bg-note', name: 'note', rows: '2', maxlength: '500' });
    inputs.note.value = bg?.note ?? '';
    inputs.department.addEventListener('change', () => {
      inputs.other.hidden = inputs.department.value !== OTHER_DEPARTMENT;
      if (!inputs.other.hidden) inputs.other.focus();
    });
    const row = (field, label, ...controls) => {
      const err = h('p', { class: 'field-error', id: `bg-${field}-error`, 'data-error-for': field, hidden: true });
      errors[field] = err;
      controls[0].setAttribute('aria-describedby', `bg-${field}-error`);
      return [h('label', { for: controls[0].id }, label), h('div', { class: 'field' }, controls, err)];
    };
    const save = h('button', { id: 'bg-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancel = h('button', { id: 'bg-cancel', type: 'button', class: 'btn btn-secondary' }, bg ? '撤销修改' : '取消');
    const form = h('form', { id: 'bg-form', class: 'form-grid bg-form', novalidate: true, 'aria-labelledby': 'bg-form-title' },
      row('department', '所属部门', inputs.department, inputs.other),
      row('name', '名称', inputs.name),
      row('note', '备注', inputs.note),
      h('div', { class: 'form-actions' }, save, cancel));
    const undo = () => (bg ? revert() : cancelCreate());
    cancel.addEventListener('click', undo);
    bindFormKeys(form, { save: saveForm, cancel: undo });
    formRefs = { form, inputs, errors, save, baseline: null };
    formRefs.baseline = readForm();
    return form;
  }

  function clearErrors(refs = formRefs) {
    clearFieldErrors(refs?.errors);
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
    const parsed = parseBusinessGridForm(readForm());
    const focusFor = (f) => (f === 'department'
      ? (refs.inputs.department.value === OTHER_DEPARTMENT ? refs.inputs.other : refs.inputs.department)
      : refs.inputs[f]);
    if (!parsed.ok) {
      showError(refs, parsed.error.field, parsed.error.message, focusFor(parsed.error.field));
      return;
    }
    st.busy = true;
    refs.save.disabled = true;
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
      if (refs.save.isConnected) refs.save.disabled = false;
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
    const refs = { errors: {} };
    const mapError = h('p', { class: 'field-error', id: 'bg-map-error', 'data-error-for': 'mergedOn', hidden: true, role: 'alert' });
    refs.errors.mergedOn = mapError;
    const gridError = h('p', { class: 'field-error', id: 'bg-map-grid-error', 'data-error-for': 'baseGridId', hidden: true });
    refs.errors.baseGridId = gridError;

    const rows = (bg.mappings ?? []).map((m) => {
      const gid = idKey(m.baseGridId);
      const unit = st.tree.byId.get(gid)?.unit;
      const dateInput = h('input', {
        type: 'text', class: 'input-date', 'data-map-date': gid, value: m.mergedOn ?? '', maxlength: '12',
        placeholder: m.mergedOn ? '' : '如 2026-03-01', 'aria-label': `${m.baseGridName}的纳入日期`,
      });
      const mergeBtn = h('button', {
        type: 'button', class: 'btn btn-secondary btn-small', 'data-map-merge': gid,
      }, m.mergedOn ? '修改日期' : '标记已纳入');
      const removeBtn = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-map-remove': gid }, '移除');
      const doMerge = async () => {
        let date = mergedOnArg(dateInput.value);
        if (!m.mergedOn && date === '') date = localDate();
        if (m.mergedOn && date === '') {
          const ok = await confirmDialog({
            title: '改为未纳入？',
            message: `清空日期会把“${m.baseGridName}”改为未纳入。确定吗？`,
            okText: '改为未纳入',
          });
          if (!ok) return;
        }
        await mutate(() => api.setBusinessGridMapping(bg.id, gid, date), refs, `[data-map-merge="${cssEscape(gid)}"]`,
          date ? `已标记“${m.baseGridName}”于 ${date} 纳入` : `已把“${m.baseGridName}”改为未纳入`, dateInput);
      };
      mergeBtn.addEventListener('click', doMerge);
      onEnter(dateInput, doMerge);
      removeBtn.addEventListener('click', async () => {
        const ok = await confirmDialog({
          title: '移除对应关系',
          message: `确定不再把“${bg.name}”对应到“${m.baseGridName}”吗？`,
          okText: '移除',
          danger: true,
        });
        if (!ok) return;
        await mutate(() => api.removeBusinessGridMapping(bg.id, gid), refs, '#bg-map-grid', `已移除“${m.baseGridName}”`);
      });
      return h('li', { 'data-map-grid-id': gid, class: ['mapping-item', m.mergedOn ? 'is-merged' : 'is-pending'] },
        h('div', { class: 'mapping-top' },
          h('span', { class: 'mapping-path' }, unit ? pathLabel(pathTo(st.tree, gid)) : (m.baseGridName ?? '')),
          m.mergedOn
            ? h('span', { class: 'bg-status bg-status-merged' }, `${m.mergedOn} 已纳入`)
            : h('span', { class: 'bg-status bg-status-pending' }, '未纳入')),
        h('div', { class: 'mapping-controls' },
          h('span', { class: 'filter-label' }, '纳入日期'), dateInput, mergeBtn, removeBtn));
    });

    const options = mappableBaseGrids(st.tree, bg);
    const gridSelect = h('select', { id: 'bg-map-grid', 'aria-label': '基础网格', 'aria-describedby': 'bg-map-grid-error' },
      h('option', { value: '' }, options.length ? '选择基础网格…' : '没有可以添加的基础网格'),
      options.map((o) => h('option', { value: o.id }, o.label)));
    const dateInput = h('input', {
      id: 'bg-map-date', type: 'text', class: 'input-date', maxlength: '12', autocomplete: 'off',
      placeholder: '纳入日期（可留空）', 'aria-label': '纳入日期（可留空，表示还未纳入）', 'aria-describedby': 'bg-map-error',
    });
    const addBtn = h('button', { id: 'bg-map-add', type: 'button', class: 'btn btn-primary', disabled: !options.length }, '添加');
    const add = async () => {
      clearErrors(refs);
      if (!gridSelect.value) {
        showError(refs, 'baseGridId', '请选择一个基础网格。', gridSelect);
        return;
      }
      const name = gridSelect.selectedOptions[0]?.textContent ?? '';
      const date = mergedOnArg(dateInput.value);
      await mutate(() => api.setBusinessGridMapping(bg.id, gridSelect.value, date), refs, '#bg-map-grid',
        date ? `已添加并标记于 ${date} 纳入：${name}` : `已添加：${name}`, null, { grid: gridSelect, date: dateInput });
    };
    addBtn.addEventListener('click', add);
    onEnter(gridSelect, add);
    onEnter(dateInput, add);

    return h('section', { class: 'info-section bg-mappings', 'aria-labelledby': 'bg-map-title' },
      h('h3', { id: 'bg-map-title' }, '对应的基础网格'),
      rows.length
        ? h('ul', { class: 'mapping-list', id: 'bg-mappings' }, rows)
        : h('p', { class: 'hint', id: 'bg-mappings-empty' }, '还没有对应的基础网格。'),
      h('div', { class: 'map-add' },
        h('label', { for: 'bg-map-grid', class: 'block-label' }, '添加对应的基础网格'),
        h('div', { class: 'button-row map-add-row' }, gridSelect, dateInput, addBtn),
        gridError, mapError,
        h('p', { class: 'hint' }, '纳入日期留空表示已对应、还未纳入；纳入后点“标记已纳入”。日期写成 2026-03-01。')));
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
    const rows = baseGridRows(st.merges, { onlyEmpty: st.onlyEmpty });
    if (!st.merges.length) {
      clear(baseHost, h('p', { class: 'empty-state' }, '还没有基础网格。请先在“组织架构”中建立。'));
      return;
    }
    if (!rows.length) {
      clear(baseHost, h('p', { class: 'empty-state', id: 'bg-base-empty' }, '每个基础网格都已纳入了业务网格。'));
      return;
    }
    clear(baseHost, h('table', { class: 'data-table', id: 'bg-base-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '基础网格'),
        h('th', { scope: 'col' }, '编码'),
        h('th', { scope: 'col' }, '已纳入的业务网格'))),
      h('tbody', {}, rows.map((m) => {
        const gid = idKey(m.baseGridId);
        const path = st.tree.byId.has(gid) ? pathLabel(pathTo(st.tree, gid)) : m.baseGridName;
        return h('tr', { 'data-base-grid-id': gid },
          h('td', {}, path),
          h('td', { class: 'cell-nowrap mono' }, m.baseGridCode ?? ''),
          h('td', {}, (m.absorbed ?? []).length
            ? m.absorbed.map((a) => h('div', { class: a.mergedOn ? 'map-merged' : 'map-pending' }, absorbedText(a)))
            : h('span', { class: 'muted' }, '还没有纳入业务网格')));
      }))));
  }

  return () => { st.disposed = true; };
}
