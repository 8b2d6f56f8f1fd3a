// 组织架构: tree of villages/communities, compounds, grids on the left;
// details form of the selected unit on the right.
//
// Keyboard: in the tree ↑/↓ move, → expands / goes to first child, ← collapses /
// goes to parent, Home/End, Enter or Space opens the unit. In the form Enter saves
// (not in multi-line fields), Esc cancels a new record or reverts edits.
// Ctrl+N starts a new sibling of the current unit (a new 村/社区 when none).
//
// Also shows who serves a grid (在岗人员, from grid_coverage), the grids nobody
// serves (无人网格), the business grids a base grid absorbed (多格合一), and for a
// compound or base grid the printable 网格服务公示牌.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, confirmDelete } from '../dialog.js';
import {
  bindFormKeys, onEnter, oneAtATime, showMessage, hideMessage, clearFieldErrors, showFieldError, rememberFocus,
  undoEdits,
} from '../forms.js';
import {
  buildTree, childKinds, kindLabel, newKindLabel, idKey, pathTo, pathLabel,
  ancestorIds, moveTargets, filterTree,
} from '../logic/tree.js';
import {
  AREA_TYPES, FIELD_LABELS, fieldsForKind, parseUnitForm, unitToFormValues,
  emptyUnitValues, defaultAreaType, valuesDiffer,
} from '../logic/form.js';
import { errorMessage, reportError } from '../logic/errors.js';
import { formatDateTime, localDate } from '../logic/format.js';
import { coverageIndex, hasNoticeCard, noticeModel } from '../logic/notice.js';
import { absorbedText } from '../logic/bizgrids.js';
import { excelTools } from './excel-tools.js';

const HINT = 'Enter 保存 · Esc 取消 · Ctrl+N 新建同级';

/**
 * The 组织架构 Excel buttons: export the whole tree in the `units` columns (one sheet,
 * a 层级 column, parents above children), import such a sheet, get its template.
 * Ids: #units-export, #units-import, #units-template.
 */
export function hierarchyExcelTools({ api, toast, onError, onImported }) {
  return excelTools({
    api,
    toast,
    onError,
    prefix: 'units',
    exportKind: 'units',
    exportHint: '导出全部村/社区、小区、基础网格和微网格（与导入模板同样的列，可改后再导入）。',
    defaultName: '组织架构.xlsx',
    imports: [{ kind: 'units', text: '从Excel导入组织架构' }],
    onImported,
  });
}

export function mountHierarchy(container, { api, office, toast, alert, clearAlert, onError }) {
  const st = {
    units: [],
    tree: buildTree([]),
    expanded: new Set(),
    filterCollapsed: new Set(),
    firstLoad: true,
    selectedId: '', // idKey of the unit open in the form (edit mode) or the creation parent
    focusedId: '',
    mode: 'empty', // 'empty' | 'edit' | 'create'
    create: null, // { kind, parentId, returnTo }
    baseline: null, // form values when the form was (re)filled, for dirty checks
    suggest: null, // pending suggest_unit_code promise
    createToken: 0,
    filter: '',
    disposed: false,
    coverage: null, // Coverage, or null when it could not be loaded
    staffOf: new Map(), // unitId → staff
    merges: null, // [BaseGridMerge] or null
    uncoveredOpen: false,
    unitStaffToken: 0,
    unitsToken: 0, // only the newest list_units answer is applied
    coverageToken: 0, // likewise grid_coverage + business_grids_by_base_grid
  };
  let formRefs = null; // { form, inputs: {field: el}, errors: {field: el}, fields, save, continueBox }
  // Enter saves. One save at a time: the guard is up before the code suggestion is awaited.
  const save = oneAtATime(saveUnit);

  // ---------- skeleton ----------
  const newVillage = h('button', {
    id: 'new-village', type: 'button', class: 'btn btn-primary',
    onClick: () => startCreate('village', null),
  }, '新建村/社区');
  const filterInput = h('input', {
    id: 'unit-filter', type: 'search', class: 'filter', placeholder: '搜索名称或代码',
    'aria-label': '搜索名称或代码', autocomplete: 'off',
    onInput: () => {
      st.filter = filterInput.value;
      st.filterCollapsed.clear();
      renderTree();
    },
    onKeydown: onFilterKey,
  });
  const treeEl = h('ul', {
    id: 'unit-tree', class: 'tree', role: 'tree', 'aria-label': '组织架构',
    onKeydown: onTreeKey, onClick: onTreeClick,
  });
  const treeMessage = h('p', { class: 'empty-state tree-message', hidden: true });
  const detail = h('div', { class: 'detail-pane', id: 'unit-detail' });
  const uncoveredToggle = h('button', {
    id: 'uncovered-toggle', type: 'button', class: 'btn btn-secondary btn-small uncovered-toggle',
    'aria-pressed': 'false', 'aria-controls': 'uncovered-panel',
    onClick: () => {
      st.uncoveredOpen = !st.uncoveredOpen;
      renderUncovered();
      if (st.uncoveredOpen) uncoveredPanel.querySelector('button')?.focus();
    },
  }, '无人网格');
  const coverageLine = h('span', { class: 'coverage-line hint', id: 'coverage-line' });
  const uncoveredPanel = h('div', { id: 'uncovered-panel', class: 'uncovered-panel', hidden: true });
  const hierarchySection = h('section', { class: 'hierarchy' },
    h('div', { class: 'tree-pane' },
      h('div', { class: 'tree-toolbar' }, newVillage, filterInput),
      h('div', { class: 'tree-excel' }, hierarchyExcelTools({
        api, toast, onError, onImported: () => { if (!st.disposed) load(); },
      })),
      h('div', { class: 'tree-subbar' }, uncoveredToggle, coverageLine),
      uncoveredPanel,
      h('div', { class: 'tree-scroll' }, treeEl, treeMessage)),
    detail);
  const noticeScreen = h('section', { class: 'notice-screen', id: 'notice-screen', hidden: true, 'aria-label': '网格服务公示牌' });

  container.append(hierarchySection, noticeScreen);

  const onGlobalKey = (e) => {
    if (st.disposed) return;
    if (!noticeScreen.hidden) {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        closeNotice();
      }
      return;
    }
    if (e.key === 'Escape' && st.mode === 'create' && !e.defaultPrevented && !e.isComposing
        && e.target !== filterInput && !document.querySelector('dialog[open]')) {
      // Esc outside the form (e.g. focus went back to the tree) also cancels a new record.
      e.preventDefault();
      cancelCreate();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'n' || e.key === 'N')) {
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      newSibling();
    }
  };
  document.addEventListener('keydown', onGlobalKey);

  renderDetail();
  load();

  // ---------- data ----------
  async function load() {
    try {
      if (!(await reload())) return;
    } catch (e) {
      if (st.disposed) return;
      treeMessage.textContent = '组织架构没有加载成功。';
      treeMessage.hidden = false;
      handleError(e);
      return;
    }
    renderTree();
    if (st.mode === 'edit' && !unitOf(st.selectedId)) {
      st.mode = 'empty';
      st.selectedId = '';
    }
    if (st.mode !== 'create') renderDetail();
  }

  function setUnits(units) {
    st.units = Array.isArray(units) ? units : [];
    st.tree = buildTree(st.units);
    if (st.firstLoad) {
      st.firstLoad = false;
      for (const root of st.tree.roots) st.expanded.add(idKey(root.unit.id));
    }
  }

  /**
   * Units and coverage again. Reloads can overlap (the first load is still running
   * when the clerk saves a new village): an older answer is dropped, never applied
   * over a newer one. Resolves true when this reload's units are the ones in `st`.
   */
  async function reload() {
    const token = ++st.unitsToken;
    const stale = () => st.disposed || token !== st.unitsToken;
    let units;
    try {
      [units] = await Promise.all([api.listUnits(), loadCoverage()]);
    } catch (e) {
      if (stale()) return false;
      throw e;
    }
    if (stale()) return false;
    setUnits(units);
    return true;
  }

  /** Coverage and 多格合一 are extras: when they fail the hierarchy still works. */
  async function loadCoverage() {
    const token = ++st.coverageToken;
    const [coverage, merges] = await Promise.all([
      api.gridCoverage().catch(() => null),
      api.businessGridsByBaseGrid().catch(() => null),
    ]);
    if (st.disposed || token !== st.coverageToken) return;
    st.coverage = coverage && typeof coverage === 'object' ? coverage : null;
    st.staffOf = coverageIndex(st.coverage);
    st.merges = Array.isArray(merges) ? merges : null;
    renderUncovered();
  }

  // ---------- 无人网格 ----------
  function renderUncovered() {
    const list = st.coverage?.uncovered ?? [];
    const grids = (st.coverage?.baseGrids?.length ?? 0) + (st.coverage?.microGrids?.length ?? 0);
    uncoveredToggle.textContent = st.coverage ? `无人网格（${list.length}）` : '无人网格';
    uncoveredToggle.setAttribute('aria-pressed', String(st.uncoveredOpen));
    uncoveredToggle.disabled = !st.coverage;
    coverageLine.textContent = st.coverage
      ? (grids ? `网格 ${grids} 个，有人 ${grids - list.length} 个` : '')
      : '在岗人员没有加载成功';
    uncoveredPanel.hidden = !st.uncoveredOpen;
    if (!st.uncoveredOpen) return;
    if (!list.length) {
      clear(uncoveredPanel, h('p', { class: 'hint uncovered-empty' }, '每个网格都有在岗人员。'));
      return;
    }
    clear(uncoveredPanel,
      h('p', { class: 'uncovered-title' }, `没有在岗人员的网格（${list.length}）`),
      h('ul', { id: 'uncovered-list', class: 'uncovered-list' }, list.map((g) => h('li', {},
        h('button', {
          type: 'button', class: 'uncovered-item', 'data-unit-id': idKey(g.unitId),
          onClick: () => selectFromList(idKey(g.unitId)),
        },
        h('span', { class: ['kind-tag', `kind-${g.kind}`] }, kindLabel(g.kind)),
        // The grid's own name first: long paths are cut at the end, never the name.
        h('span', { class: 'uncovered-name' }, g.name),
        h('span', { class: 'uncovered-path' }, parentPath(g.path)))))));
  }

  /** "青溪社区 › 阳光花园 › 一网格" → "青溪社区 › 阳光花园" */
  function parentPath(path) {
    return String(path ?? '').split(' › ').slice(0, -1).join(' › ');
  }

  async function selectFromList(key) {
    if (!unitOf(key)) return;
    reveal(key);
    if (st.filter) {
      st.filter = '';
      filterInput.value = '';
    }
    await select(key);
    renderTree();
    itemEl(key)?.scrollIntoView?.({ block: 'nearest' });
  }

  const unitOf = (key) => st.tree.byId.get(idKey(key))?.unit ?? null;

  function reveal(key) {
    for (const a of ancestorIds(st.tree, key)) st.expanded.add(a);
  }

  // ---------- tree ----------
  function isExpanded(key, filtering) {
    return filtering ? !st.filterCollapsed.has(key) : st.expanded.has(key);
  }

  function renderTree() {
    const hadFocus = treeEl.contains(document.activeElement);
    const filter = filterTree(st.tree, st.filter);
    const shown = (node) => !filter || filter.visibleIds.has(idKey(node.unit.id));
    const visibleKeys = [];

    const renderNode = (node, level, pos, size) => {
      const u = node.unit;
      const key = idKey(u.id);
      const kids = node.children.filter(shown);
      const expanded = kids.length > 0 && isExpanded(key, !!filter);
      visibleKeys.push(key);
      const li = h('li', {
        role: 'treeitem',
        class: ['tree-item', filter?.matchIds.has(key) && 'is-match'],
        'data-id': key,
        'data-kind': u.kind,
        'aria-level': String(level),
        'aria-posinset': String(pos),
        'aria-setsize': String(size),
        'aria-expanded': kids.length ? String(expanded) : null,
        'aria-selected': String(key === st.selectedId && st.mode === 'edit'),
        tabindex: '-1',
      },
      h('div', { class: ['node-row', `lvl-${Math.min(level, 6)}`], title: `${u.name}（${u.code}）` },
        h('span', { class: 'node-toggle', 'aria-hidden': 'true' }, kids.length ? (expanded ? '▾' : '▸') : ''),
        h('span', { class: ['kind-tag', `kind-${u.kind}`] }, kindLabel(u.kind, u.areaType)),
        h('span', { class: 'node-name' }, u.name),
        h('span', { class: 'node-code' }, u.code)));
      if (expanded) {
        li.append(h('ul', { role: 'group', class: 'tree-group' },
          kids.map((c, i) => renderNode(c, level + 1, i + 1, kids.length))));
      }
      return li;
    };

    const roots = st.tree.roots.filter(shown);
    clear(treeEl, roots.map((n, i) => renderNode(n, 1, i + 1, roots.length)));

    if (!st.units.length) {
      treeMessage.textContent = '还没有村/社区。点击“新建村/社区”开始录入。';
      treeMessage.hidden = false;
    } else if (filter && !roots.length) {
      treeMessage.textContent = '没有找到匹配的单位。';
      treeMessage.hidden = false;
    } else {
      treeMessage.hidden = true;
    }

    // Roving tabindex: exactly one item is reachable with Tab.
    const focusKey = [st.focusedId, st.selectedId].find((k) => k && visibleKeys.includes(k)) ?? visibleKeys[0];
    if (focusKey) {
      st.focusedId = focusKey;
      const item = itemEl(focusKey);
      item.tabIndex = 0;
      if (hadFocus) item.focus();
    }
  }

  const itemEl = (key) => treeEl.querySelector(`[role="treeitem"][data-id="${cssEscape(key)}"]`);
  const items = () => Array.from(treeEl.querySelectorAll('[role="treeitem"]'));

  function focusItem(el) {
    if (!el) return;
    for (const other of treeEl.querySelectorAll('[role="treeitem"][tabindex="0"]')) other.tabIndex = -1;
    el.tabIndex = 0;
    st.focusedId = el.dataset.id;
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  }

  function toggle(key, open) {
    const filtering = !!filterTree(st.tree, st.filter);
    const now = isExpanded(key, filtering);
    const want = open ?? !now;
    if (want === now) return;
    if (filtering) {
      if (want) st.filterCollapsed.delete(key); else st.filterCollapsed.add(key);
    } else if (want) st.expanded.add(key);
    else st.expanded.delete(key);
    st.focusedId = key;
    renderTree();
  }

  function onTreeClick(e) {
    const item = e.target.closest('[role="treeitem"]');
    if (!item || !treeEl.contains(item)) return;
    const key = item.dataset.id;
    if (e.target.closest('.node-toggle')) {
      toggle(key);
      itemEl(key)?.focus();
      return;
    }
    focusItem(item);
    select(key);
  }

  function onTreeKey(e) {
    const item = e.target.closest('[role="treeitem"]');
    if (!item) return;
    const list = items();
    const i = list.indexOf(item);
    const key = item.dataset.id;
    const expanded = item.getAttribute('aria-expanded');
    switch (e.key) {
      case 'ArrowDown': focusItem(list[i + 1]); break;
      case 'ArrowUp': focusItem(list[i - 1]); break;
      case 'Home': focusItem(list[0]); break;
      case 'End': focusItem(list[list.length - 1]); break;
      case 'ArrowRight':
        if (expanded === 'false') toggle(key, true);
        else if (expanded === 'true') focusItem(item.querySelector('[role="treeitem"]'));
        break;
      case 'ArrowLeft':
        if (expanded === 'true') toggle(key, false);
        else focusItem(item.parentElement?.closest('[role="treeitem"]'));
        break;
      case 'Enter':
      case ' ':
        select(key);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  function onFilterKey(e) {
    if (e.key === 'Escape' && filterInput.value) {
      e.preventDefault();
      filterInput.value = '';
      st.filter = '';
      renderTree();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(items()[0]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = treeEl.querySelector('.is-match') ?? items()[0];
      if (first) {
        focusItem(first);
        select(first.dataset.id);
      }
    }
  }

  // ---------- selection & modes ----------
  async function select(key) {
    if (st.mode === 'edit' && st.selectedId === key) return;
    if (!(await confirmDiscard(isDirty()))) {
      itemEl(st.focusedId)?.focus();
      return;
    }
    clearAlert?.();
    st.mode = 'edit';
    st.create = null;
    st.selectedId = key;
    st.focusedId = key;
    renderTree();
    renderDetail();
  }

  async function startCreate(kind, parentId, { force = false } = {}) {
    if (!force && !(await confirmDiscard(isDirty()))) return;
    if (st.disposed) return;
    clearAlert?.();
    const returnTo = st.mode === 'edit' ? st.selectedId : (st.create?.returnTo ?? '');
    st.mode = 'create';
    st.create = { kind, parentId: parentId ?? null, returnTo };
    const parent = unitOf(parentId);
    if (parent) {
      reveal(idKey(parent.id));
      st.expanded.add(idKey(parent.id)); // new siblings show up under the parent as they are saved
    }
    renderTree();
    renderDetail();
    formRefs.inputs.name.focus();

    const token = ++st.createToken;
    const p = api.suggestUnitCode(kind, parentId ?? null).then((code) => {
      if (st.disposed || token !== st.createToken || st.mode !== 'create' || !formRefs) return;
      const input = formRefs.inputs.code;
      if (input.value.trim() === '' && typeof code === 'string') {
        input.value = code;
        st.baseline.code = code;
      }
    }).catch(() => { /* no suggestion: the clerk types the code */ })
      .finally(() => { if (st.suggest === p) st.suggest = null; });
    st.suggest = p;
  }

  function cancelCreate() {
    const back = st.create?.returnTo;
    st.create = null;
    st.createToken += 1;
    if (back && unitOf(back)) {
      st.mode = 'edit';
      st.selectedId = back;
      st.focusedId = back;
    } else {
      st.mode = 'empty';
    }
    renderTree();
    renderDetail();
    (itemEl(st.focusedId) ?? newVillage).focus();
  }

  function revert() {
    if (st.mode !== 'edit' || !formRefs) return;
    undoEdits({ dirty: isDirty(), render: renderDetail, toast });
  }

  function newSibling() {
    if (st.mode === 'create' && st.create) {
      formRefs?.inputs.name.focus();
      return;
    }
    const u = st.mode === 'edit' ? unitOf(st.selectedId) : null;
    if (u) startCreate(u.kind, u.parentId ?? null);
    else startCreate('village', null);
  }

  // ---------- form ----------
  function readForm() {
    const values = {};
    for (const f of formRefs.fields) values[f] = formRefs.inputs[f].value;
    return values;
  }

  function isDirty() {
    if (!formRefs || st.mode === 'empty' || !st.baseline) return false;
    return valuesDiffer(st.baseline, readForm(), formRefs.fields);
  }

  function clearErrors() {
    if (formRefs) clearFieldErrors(formRefs.errors, formRefs.inputs);
  }

  function showError(field, message) {
    const el = formRefs?.errors[field];
    if (!el) {
      alert(message);
      return;
    }
    showFieldError(el, message, formRefs.inputs[field]);
  }

  function handleError(e, fields = []) {
    reportError(e, {
      fields,
      field: showError,
      show: alert,
      reboot: onError,
      reload: () => {
        reload().then((fresh) => {
          if (!fresh) return;
          if (st.mode === 'edit' && !unitOf(st.selectedId)) {
            st.mode = 'empty';
            st.selectedId = '';
          }
          renderTree();
          if (st.mode !== 'create') renderDetail();
        }).catch(onError);
      },
    });
  }

  async function saveUnit() {
    if (!formRefs || st.mode === 'empty') return;
    if (st.mode === 'create' && st.suggest) await st.suggest;
    if (st.disposed || !formRefs) return;
    clearErrors();
    const creating = st.mode === 'create';
    const editing = creating ? null : unitOf(st.selectedId);
    const kind = creating ? st.create.kind : editing?.kind;
    if (!creating && !editing) return;
    const parentId = creating ? st.create.parentId : (editing.parentId ?? null);
    const parsed = parseUnitForm(readForm(), { kind, parentId });
    if (!parsed.ok) {
      showError(parsed.error.field, parsed.error.message);
      return;
    }
    formRefs.save.disabled = true;
    try {
      if (creating) {
        const keepGoing = formRefs.continueBox.checked;
        const created = await api.createUnit(parsed.input);
        toast('已保存');
        await reload();
        if (st.disposed) return;
        if (keepGoing) {
          await startCreate(kind, parentId, { force: true });
        } else {
          const key = idKey(created?.id);
          reveal(key);
          st.mode = unitOf(key) ? 'edit' : 'empty';
          st.create = null;
          st.selectedId = unitOf(key) ? key : '';
          st.focusedId = st.selectedId;
          renderTree();
          renderDetail();
          formRefs?.inputs.name.focus();
        }
      } else {
        await api.updateUnit(editing.id, parsed.input);
        toast('已保存');
        const refocus = rememberFocus();
        await reload();
        if (st.disposed) return;
        renderTree();
        renderDetail();
        refocus();
      }
    } catch (e) {
      handleError(e, formRefs?.fields ?? []);
    } finally {
      if (formRefs?.save.isConnected) formRefs.save.disabled = false;
    }
  }

  function fieldRow(field, control, errors, extra) {
    const id = control.id;
    const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
    errors[field] = err;
    control.setAttribute('aria-describedby', [extra?.hintId, `${id}-error`].filter(Boolean).join(' '));
    return [
      h('label', { for: id }, FIELD_LABELS[field]),
      h('div', { class: 'field' }, control, extra?.hint ?? null, err),
    ];
  }

  function buildForm({ kind, values, creating }) {
    const fields = fieldsForKind(kind);
    const inputs = {};
    const errors = {};
    const text = (field, attrs = {}) => h('input', {
      id: `unit-${field}`, name: field, type: 'text', autocomplete: 'off', value: values[field] ?? '', ...attrs,
    });
    inputs.code = text('code', { maxlength: '40', spellcheck: 'false', class: 'input-code' });
    inputs.name = text('name', { maxlength: '100' });
    inputs.areaType = h('select', { id: 'unit-areaType', name: 'areaType' },
      AREA_TYPES.map((a) => h('option', { value: a.value }, a.label)));
    inputs.areaType.value = values.areaType;
    if (fields.includes('households')) {
      inputs.households = text('households', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
      inputs.residents = text('residents', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
    }
    if (fields.includes('boundary')) {
      inputs.boundary = h('textarea', { id: 'unit-boundary', name: 'boundary', rows: '3', maxlength: '1000' });
      inputs.boundary.value = values.boundary ?? '';
    }
    inputs.note = h('textarea', { id: 'unit-note', name: 'note', rows: '2', maxlength: '1000' });
    inputs.note.value = values.note ?? '';

    const rows = [];
    for (const f of fields) {
      const extra = f === 'households' || f === 'residents'
        ? { hintId: `unit-${f}-hint`, hint: h('span', { class: 'hint inline-hint', id: `unit-${f}-hint` }, '不清楚可留空') }
        : null;
      rows.push(...fieldRow(f, inputs[f], errors, extra));
    }

    const continueBox = h('input', { id: 'unit-continue', type: 'checkbox', checked: true });
    const saveBtn = h('button', { id: 'unit-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancel = h('button', {
      id: 'unit-cancel', type: 'button', class: 'btn btn-secondary',
      title: creating ? '放弃新建（Esc）' : '撤销未保存的修改（Esc）',
      onClick: () => (creating ? cancelCreate() : revert()),
    }, creating ? '取消' : '撤销修改');

    const form = h('form', { id: 'unit-form', class: 'form-grid unit-form', novalidate: true, 'aria-labelledby': 'unit-title' },
      rows,
      creating
        ? h('div', { class: 'form-wide checkbox-row' },
          continueBox, h('label', { for: 'unit-continue' }, '保存后继续新建同级'))
        : null,
      h('div', { class: 'form-actions' }, saveBtn, cancel),
      h('p', { class: 'hint form-wide', id: 'unit-hint' }, HINT));

    bindFormKeys(form, { save, cancel: () => (st.mode === 'create' ? cancelCreate() : revert()) });

    formRefs = { form, inputs, errors, fields, save: saveBtn, continueBox };
    return form;
  }

  function breadcrumb(path, extra) {
    const parts = path.map((u) => h('span', { class: 'crumb' }, u.name));
    if (extra) parts.push(h('span', { class: 'crumb crumb-new' }, extra));
    if (!parts.length) return null;
    const out = [];
    parts.forEach((p, i) => {
      if (i) out.push(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'));
      out.push(p);
    });
    return h('nav', { class: 'breadcrumb', 'aria-label': '所在位置' }, out);
  }

  function renderDetail() {
    formRefs = null;
    clear(detail);
    if (st.mode === 'create' && st.create) {
      const { kind, parentId } = st.create;
      const parent = unitOf(parentId);
      const values = emptyUnitValues({ areaType: defaultAreaType(parent, office) });
      st.baseline = { ...values };
      const title = newKindLabel(kind, values.areaType);
      detail.append(
        breadcrumb(parent ? pathTo(st.tree, parent.id) : [], `（${title}）`),
        h('h2', { id: 'unit-title', class: 'detail-title' }, title),
        buildForm({ kind, values, creating: true }),
      );
      return;
    }
    const unit = st.mode === 'edit' ? unitOf(st.selectedId) : null;
    if (!unit) {
      st.mode = 'empty';
      st.baseline = null;
      detail.append(h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '请在左侧选择一个单位查看和修改。'),
        h('p', { class: 'hint' }, '也可以点击“新建村/社区”，或按 Ctrl+N 新建。')));
      return;
    }
    const values = unitToFormValues(unit);
    st.baseline = { ...values };
    const label = kindLabel(unit.kind, unit.areaType);
    detail.append(
      breadcrumb(pathTo(st.tree, unit.id)),
      h('div', { class: 'detail-title-row' },
        h('h2', { id: 'unit-title', class: 'detail-title' },
          h('span', { class: ['kind-tag', `kind-${unit.kind}`] }, label), ' ', unit.name),
        hasNoticeCard(unit.kind)
          ? h('button', {
            id: 'print-notice', type: 'button', class: 'btn btn-secondary',
            onClick: () => openNotice(unit),
          }, '打印公示牌')
          : null),
      h('p', { class: 'meta' },
        `创建于 ${formatDateTime(unit.createdAt)} · 最后修改 ${formatDateTime(unit.updatedAt)}`),
      buildForm({ kind: unit.kind, values, creating: false }),
      gridSections(unit),
      actions(unit),
    );
  }

  // ---------- 在岗人员 / 已纳入的业务网格 ----------
  function staffTable(rows, { withGrid = false } = {}) {
    return h('table', { class: 'data-table staff-table' },
      h('thead', {}, h('tr', {},
        withGrid ? h('th', { scope: 'col' }, '网格') : null,
        h('th', { scope: 'col' }, '姓名'),
        h('th', { scope: 'col' }, '身份'),
        h('th', { scope: 'col' }, '手机号码'),
        h('th', { scope: 'col' }, '公示'))),
      h('tbody', {}, rows.map((s) => h('tr', { 'data-person-id': idKey(s.personId) },
        withGrid ? h('td', { class: 'cell-nowrap' }, s.grid ?? '') : null,
        h('td', { class: 'cell-nowrap' }, s.name ?? ''),
        h('td', {}, s.role ?? ''),
        h('td', { class: 'cell-nowrap masked-value' }, s.phoneMasked ?? ''),
        h('td', { class: 'cell-center' }, s.published
          ? h('span', { class: 'pub-tag is-on' }, '是')
          : h('span', { class: 'pub-tag' }, '否'))))));
  }

  function gridSections(unit) {
    if (!['base_grid', 'micro_grid', 'compound'].includes(unit.kind)) return null;
    const out = h('div', { class: 'grid-sections' });
    const staffSection = h('section', { class: 'info-section', id: 'unit-staff', 'aria-labelledby': 'unit-staff-title' },
      h('h3', { id: 'unit-staff-title' }, '在岗人员'));
    out.append(staffSection);
    if (!st.coverage) {
      staffSection.append(h('p', { class: 'hint' }, '在岗人员没有加载成功。'));
    } else if (unit.kind === 'compound') {
      staffSection.append(h('p', { class: 'hint', id: 'unit-staff-loading' }, '正在加载…'));
      fillCompoundStaff(unit, staffSection);
    } else {
      const staff = st.staffOf.get(idKey(unit.id)) ?? [];
      staffSection.append(staff.length
        ? staffTable(staff)
        : h('p', { class: 'hint', id: 'unit-staff-empty' },
          unit.kind === 'base_grid' ? '这个网格还没有在岗的网格员。可在“人员名单”中新增或调整。'
            : '这个微网格还没有在岗的楼栋长或信息员。可在“人员名单”中新增或调整。'));
    }
    if (unit.kind === 'base_grid') {
      const merge = st.merges?.find((m) => idKey(m.baseGridId) === idKey(unit.id));
      const absorbed = merge?.absorbed ?? [];
      out.append(h('section', { class: 'info-section', id: 'unit-business-grids', 'aria-labelledby': 'unit-bg-title' },
        h('h3', { id: 'unit-bg-title' }, '已纳入的业务网格'),
        !st.merges
          ? h('p', { class: 'hint' }, '业务网格没有加载成功。')
          : absorbed.length
            ? h('ul', { class: 'absorbed-list' }, absorbed.map((a) => h('li', {
              class: a.mergedOn ? 'is-merged' : 'is-pending',
            }, absorbedText(a))))
            : h('p', { class: 'hint' }, '还没有业务网格对应到这个网格。可在“多格合一”中设置。')));
    }
    return out;
  }

  /** Compound: people serving the compound itself, then everyone on its grids. */
  async function compoundStaff(unit) {
    const page = await api.listPeople({
      role: '', text: '', villageId: '', unitId: idKey(unit.id), status: 'active', politicalStatus: '',
      employment: '', sort: 'name', descending: false, page: 0, pageSize: 0,
    });
    const own = (page?.rows ?? []).map((r) => ({
      personId: r.id, name: r.name, role: r.roles, phoneMasked: r.phone, published: !!r.published,
    }));
    return own;
  }

  async function fillCompoundStaff(unit, section) {
    const token = ++st.unitStaffToken;
    let own = [];
    let failed = false;
    try {
      own = await compoundStaff(unit);
    } catch {
      failed = true;
    }
    if (st.disposed || token !== st.unitStaffToken || !section.isConnected) return;
    section.querySelector('#unit-staff-loading')?.remove();
    const rows = own.map((s) => ({ ...s, grid: `本${kindLabel(unit.kind, unit.areaType)}` }));
    const node = st.tree.byId.get(idKey(unit.id));
    const walkGrids = (n) => {
      for (const c of n.children) {
        if (c.unit.kind === 'base_grid' || c.unit.kind === 'micro_grid') {
          for (const s of st.staffOf.get(idKey(c.unit.id)) ?? []) rows.push({ ...s, grid: c.unit.name });
          walkGrids(c);
        }
      }
    };
    if (node) walkGrids(node);
    if (failed) section.append(h('p', { class: 'hint' }, '小区本级的人员没有加载成功。'));
    section.append(rows.length
      ? staffTable(rows, { withGrid: true })
      : h('p', { class: 'hint', id: 'unit-staff-empty' }, '这个小区和它的网格还没有在岗人员。'));
  }

  // ---------- 网格服务公示牌 ----------
  async function openNotice(unit) {
    if (!(await confirmDiscard(isDirty()))) return;
    const key = idKey(unit.id);
    let unitStaff = [];
    if (unit.kind === 'compound') {
      try {
        unitStaff = await compoundStaff(unit);
      } catch (e) {
        if (!st.disposed) handleError(e);
        return;
      }
    }
    // The clerk went on to another unit while the compound's people loaded: no card over it.
    if (st.disposed || st.mode !== 'edit' || st.selectedId !== key) return;
    const model = noticeModel({ tree: st.tree, coverage: st.coverage, unitId: unit.id, office, unitStaff });
    renderNotice(model);
    hierarchySection.hidden = true;
    noticeScreen.hidden = false;
    document.getElementById('notice-print')?.focus();
  }

  function closeNotice() {
    noticeScreen.hidden = true;
    clear(noticeScreen);
    hierarchySection.hidden = false;
    document.getElementById('print-notice')?.focus();
  }

  function noticeHead() {
    return h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'notice-role' }, '身份'),
      h('th', { scope: 'col', class: 'notice-name' }, '姓名'),
      h('th', { scope: 'col', class: 'notice-phone' }, '联系电话')));
  }

  function personLine(p) {
    return h('tr', {},
      h('td', { class: 'notice-role' }, p.role),
      h('td', { class: 'notice-name' }, p.name),
      h('td', { class: 'notice-phone' }, p.phone));
  }

  function renderNotice(m) {
    const today = localDate();
    const [y, mo, d] = today.split('-');
    const gridBlocks = m.grids.length
      ? m.grids.map((g) => h('section', { class: 'notice-grid', 'data-grid-id': g.id },
        h('h3', { class: 'notice-grid-name' }, g.name),
        h('table', { class: 'notice-table' },
          noticeHead(),
          h('tbody', {},
            g.pending
              ? h('tr', { class: 'notice-pending' }, h('td', { colspan: '3' }, '网格员信息待公示'))
              : g.workers.map(personLine),
            g.micro.map((mg) => mg.staff.map((p) => personLine({ ...p, role: `${mg.name} · ${p.role}` })))))))
      : [h('p', { class: 'notice-pending-block' }, '这里还没有基础网格。')];
    const ownBlock = m.unitStaff.length
      ? h('section', { class: 'notice-grid' },
        h('h3', { class: 'notice-grid-name' }, `${m.unitName} · 楼栋长和信息员`),
        h('table', { class: 'notice-table' }, noticeHead(), h('tbody', {}, m.unitStaff.map(personLine))))
      : null;
    clear(noticeScreen,
      h('div', { class: 'notice-toolbar' },
        h('button', { id: 'notice-back', type: 'button', class: 'btn btn-secondary', onClick: closeNotice }, '返回'),
        h('button', { id: 'notice-print', type: 'button', class: 'btn btn-primary', onClick: () => globalThis.print() }, '打印'),
        h('span', { class: 'hint' }, '打印时请选择 A4 纸、纵向。只公示已勾选“公示”的人员，电话号码打码显示。')),
      h('div', { class: 'notice-paper' },
        h('article', { id: 'notice-card', class: 'notice-card', 'aria-labelledby': 'notice-title' },
          h('header', { class: 'notice-head' },
            h('p', { class: 'notice-office' }, m.officeName),
            h('h1', { id: 'notice-title', class: 'notice-title' }, m.title),
            h('p', { class: 'notice-path' }, m.path)),
          h('div', { class: 'notice-body' }, gridBlocks, ownBlock),
          h('section', { class: 'notice-duties' },
            h('h2', { class: 'notice-duties-title' }, '主要职责'),
            h('ul', { class: 'notice-duty-list' }, m.duties.map((d) => h('li', {}, d)))),
          h('footer', { class: 'notice-foot' },
            h('span', {}, m.officeName),
            h('span', {}, `公示日期：${y}年${Number(mo)}月${Number(d)}日`)))));
  }

  function actions(unit) {
    const out = h('div', { class: 'unit-actions' });
    const kids = childKinds(unit.kind);
    if (kids.length) {
      out.append(h('section', { class: 'action-group', 'aria-labelledby': 'new-child-title' },
        h('h3', { id: 'new-child-title' }, '新建下级'),
        h('div', { class: 'button-row' }, kids.map((k) => h('button', {
          type: 'button', class: 'btn btn-secondary', 'data-new-kind': k,
          onClick: () => startCreate(k, unit.id),
        }, newKindLabel(k, unit.areaType))))));
    }
    if (unit.kind !== 'village') {
      const targets = moveTargets(st.tree, unit.id);
      const moveErr = h('p', { class: 'field-error', id: 'unit-move-error', 'data-error-for': 'newParentId', hidden: true });
      const select = h('select', {
        id: 'unit-move-target', name: 'newParentId', disabled: !targets.length, 'aria-describedby': 'unit-move-error',
      },
      h('option', { value: '' }, targets.length ? '请选择新的上级…' : '没有可以移动到的位置'),
      targets.map((t) => h('option', { value: idKey(t.id) },
        `${kindLabel(t.kind, t.areaType)}：${pathLabel(pathTo(st.tree, t.id))}（${t.code}）`)));
      const moveBtn = h('button', {
        id: 'unit-move', type: 'button', class: 'btn btn-secondary', disabled: !targets.length,
        onClick: () => doMove(unit, select, moveErr, moveBtn),
      }, '移动');
      onEnter(select, () => moveBtn.click());
      out.append(h('section', { class: 'action-group', 'aria-labelledby': 'move-title' },
        h('h3', { id: 'move-title' }, h('label', { for: 'unit-move-target' }, '移动到…')),
        h('div', { class: 'button-row' }, select, moveBtn),
        moveErr));
    }
    out.append(h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'delete-title' },
      h('h3', { id: 'delete-title' }, '删除'),
      h('p', { class: 'hint' }, '删除后可在回收站恢复。有下级单位时需先删除或移走下级。'),
      h('button', {
        id: 'unit-delete', type: 'button', class: 'btn btn-danger',
        onClick: () => doDelete(unit),
      }, `删除${kindLabel(unit.kind, unit.areaType)}`)));
    return out;
  }

  async function doMove(unit, select, moveErr, moveBtn) {
    hideMessage(moveErr);
    const target = unitOf(select.value);
    if (!target) {
      showMessage(moveErr, '请先选择要移动到的上级。');
      select.focus();
      return;
    }
    if (!(await confirmDiscard(isDirty()))) return;
    moveBtn.disabled = true;
    try {
      await api.moveUnit(unit.id, target.id);
      toast(`已移动到“${target.name}”`);
      await reload();
      if (st.disposed) return;
      const key = idKey(unit.id);
      reveal(key);
      st.selectedId = key;
      st.focusedId = key;
      renderTree();
      renderDetail();
      itemEl(key)?.focus();
    } catch (e) {
      if (moveBtn.isConnected) moveBtn.disabled = false;
      if (e?.field === 'newParentId' || e?.field === 'parentId') {
        showMessage(moveErr, errorMessage(e));
      } else {
        handleError(e);
      }
    }
  }

  async function doDelete(unit) {
    const ok = await confirmDelete(`确定删除“${unit.name}”吗？删除后可在回收站恢复。`);
    if (!ok || st.disposed) return;
    try {
      await api.deleteUnit(unit.id);
      toast(`已删除“${unit.name}”，可在回收站恢复`);
      const parentKey = idKey(unit.parentId);
      await reload();
      if (st.disposed) return;
      if (parentKey && unitOf(parentKey)) {
        st.mode = 'edit';
        st.selectedId = parentKey;
      } else {
        st.mode = 'empty';
        st.selectedId = '';
      }
      st.focusedId = st.selectedId;
      renderTree();
      renderDetail();
      (itemEl(st.focusedId) ?? newVillage).focus();
    } catch (e) {
      handleError(e);
    }
  }

  return () => {
    st.disposed = true;
    document.removeEventListener('keydown', onGlobalKey);
  };
}
