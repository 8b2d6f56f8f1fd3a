// 组织架构: tree of villages/communities, compounds, grids on the left;
// details form of the selected unit on the right.
//
// Keyboard: in the tree ↑/↓ move, → expands / goes to first child, ← collapses /
// goes to parent, Home/End, Enter opens the unit, Space ticks it for a batch action. In the form Enter saves
// (not in multi-line fields), Esc cancels a new record or reverts edits.
// Ctrl+N starts a new sibling of the current unit (a new 村/社区 when none).
//
// Also shows who serves a grid (在岗人员, from grid_coverage), the grids nobody
// serves (无人网格), the business grids a base grid absorbed (多格合一), and for a
// compound or base grid the printable 网格服务公示牌.
//
// This module keeps the state, loads and switches modes; tree.js (the tree and 无人网格),
// detail.js, form.js, save.js, staff.js, notice.js and actions.js each do one part,
// sharing the screen's context `cx` (its state, elements and actions).
import { h } from '../../dom.js';
import { confirmDiscard } from '../../dialog.js';
import { oneAtATime, undoEdits } from '../../forms.js';
import {
  buildTree, idKey, ancestorIds, filterTree, walk, kindLabel, pathTo, pathLabel,
} from '../../logic/tree.js';
import { mountSelection, openBatchDialog } from '../selection.js';
import { reportError } from '../../logic/errors.js';
import { coverageIndex } from '../../logic/notice.js';
import { excelTools } from '../excel-tools.js';
import { newChildKind } from '../../logic/naming.js';
import { mountUnitTree } from './tree.js';
import { mountUnitForm } from './form.js';
import { savePart } from './save.js';
import { detailPart } from './detail.js';
import { staffPart } from './staff.js';
import { noticePart } from './notice.js';
import { actionsPart } from './actions.js';

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

export function mountHierarchy(container, { api, office, toast, alert, clearAlert, onError, navigate }) {
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
  const save = oneAtATime(() => saver.saveUnit());

  // ---------- skeleton ----------
  const newVillage = h('button', {
    id: 'new-village', type: 'button', class: 'btn btn-primary',
    onClick: () => startCreate('village', null),
  }, '新建村/社区');
  const detail = h('div', { class: 'detail-pane', id: 'unit-detail' });
  const hierarchySection = h('section', { class: 'hierarchy' });
  // 批量移动/删除: tick units (Shift for a range, or every one the search matches).
  const selection = mountSelection({
    name: 'units',
    allIds: async () => {
      const f = filterTree(st.tree, st.filter);
      return f ? [...f.matchIds] : st.units.map((u) => idKey(u.id));
    },
    actions: [
      { id: 'move', label: '移动到…', run: (ids) => batchMove(ids) },
      { id: 'delete', label: '删除', danger: true, run: (ids) => batchDelete(ids) },
    ],
  });
  const tree = mountUnitTree(hierarchySection, {
    selection,
    newButton: newVillage,
    excel: hierarchyExcelTools({ api, toast, onError, onImported: () => { if (!st.disposed) load(); } }),
    onSelect: (key) => select(key),
    onToggle: (key, open, filtering) => {
      const set = filtering ? st.filterCollapsed : st.expanded;
      if (filtering !== open) set.add(key);
      else set.delete(key);
      st.focusedId = key;
      renderTree();
    },
    onFocus: (key) => { st.focusedId = key; },
    onFilter: (text) => {
      st.filter = text;
      st.filterCollapsed.clear();
      renderTree();
    },
    onUncoveredToggle: () => {
      st.uncoveredOpen = !st.uncoveredOpen;
      renderUncovered();
    },
    onPickUncovered: (key) => selectFromList(key),
  });
  hierarchySection.append(detail);
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
        && e.target !== tree.filterInput && !document.querySelector('dialog[open]')) {
      // Esc outside the form (e.g. focus went back to the tree) also cancels a new record.
      e.preventDefault();
      cancelCreate();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.shiftKey && (e.key === 'n' || e.key === 'N')) {
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      newChild();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'n' || e.key === 'N')) {
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      newSibling();
    }
  };
  document.addEventListener('keydown', onGlobalKey);

  // ---------- the parts, sharing this screen's state, elements and actions ----------
  const cx = {
    st, api, office, toast, alert, onError,
    els: { detail, hierarchySection, noticeScreen, newVillage },
    select, startCreate, cancelCreate, revert, save, reload, unitOf, reveal, isDirty, readForm, clearErrors, showError,
    handleError,
    formRefs: () => formRefs,
    setFormRefs: (r) => { formRefs = r; },
    buildForm: (opts) => {
      const formHost = h('div', { class: 'unit-form-host' });
      formRefs = mountUnitForm(formHost, {
        ...opts, baseline: () => st.baseline, onSave: save, onCancel: () => (st.mode === 'create' ? cancelCreate() : revert()),
      });
      return formHost;
    },
  };
  const saver = savePart(cx);
  const staff = staffPart(cx);
  const notice = noticePart(cx);
  const { renderDetail } = detailPart(cx);
  const renderTree = () => tree.update(st);
  const renderUncovered = () => tree.updateUncovered(st);
  const itemEl = (key) => tree.itemEl(key);
  const { closeNotice } = notice;
  Object.assign(cx, {
    renderTree, renderDetail, itemEl, gridSections: staff.gridSections, compoundStaff: staff.compoundStaff,
    openNotice: notice.openNotice, actions: actionsPart(cx).actions,
  });

  renderDetail();
  load();

  // ---------- batch actions ----------
  const unitsNoun = { measure: '个', name: '单位' };
  async function batchDone() {
    if (st.disposed) return;
    selection.clear();
    await reload().catch((e) => handleError(e));
    if (st.disposed) return;
    if (st.selectedId && !unitOf(st.selectedId)) {
      st.mode = 'empty';
      st.selectedId = '';
    }
    renderTree();
    renderDetail();
  }

  function batchMove(ids) {
    const options = [];
    walk(st.tree.roots, (n) => {
      const u = n.unit;
      if (u.kind === 'micro_grid' || ids.includes(idKey(u.id))) return;
      options.push({ value: idKey(u.id), label: `${kindLabel(u.kind, u.areaType)}：${pathLabel(pathTo(st.tree, u.id))}` });
    });
    const names = new Map(options.map((o) => [o.value, o.label.split('：').slice(1).join('：')]));
    openBatchDialog({
      api, toast, navigate, onError,
      title: '批量移动', action: 'unitsMove', ids, noun: unitsNoun,
      fields: [{ name: 'parentId', label: '移到', type: 'select', value: options[0]?.value ?? '', options }],
      args: (v) => ({ args: { parentId: v.parentId }, names: { parentName: names.get(v.parentId) ?? '' } }),
      done: batchDone,
    });
  }

  function batchDelete(ids) {
    openBatchDialog({
      api, toast, navigate, onError,
      title: '批量删除', action: 'unitsDelete', ids, noun: unitsNoun, okText: '删除', danger: true,
      done: batchDone,
    });
  }

  // ---------- data ----------
  async function load() {
    try {
      if (!(await reload())) return;
    } catch (e) {
      if (st.disposed) return;
      tree.failed('组织架构没有加载成功。');
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


  function unitOf(key) {
    return st.tree.byId.get(idKey(key))?.unit ?? null;
  }

  function reveal(key) {
    for (const a of ancestorIds(st.tree, key)) st.expanded.add(a);
  }

  /** From 无人网格: open the grid, shown in the tree (the search cleared). */
  async function selectFromList(key) {
    if (!unitOf(key)) return;
    reveal(key);
    st.filter = '';
    await select(key);
    renderTree();
    itemEl(key)?.scrollIntoView?.({ block: 'nearest' });
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
    // A suggested name (第11网格) is selected: Enter accepts it, typing replaces it.
    formRefs.inputs.name.select?.();

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

  /** Ctrl+Shift+N: 新建下级 of the selected unit (of the kind its children have). */
  function newChild() {
    const u = st.mode === 'edit' ? unitOf(st.selectedId) : null;
    const kind = u ? newChildKind(u, st.units) : null;
    if (kind) startCreate(kind, u.id);
  }

  // ---------- form ----------
  function readForm() {
    return formRefs.read();
  }

  function isDirty() {
    return !!formRefs && st.mode !== 'empty' && formRefs.isDirty();
  }

  function clearErrors() {
    formRefs?.clearErrors();
  }

  function showError(field, message) {
    if (!formRefs?.showError(field, message)) alert(message);
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

  return () => {
    st.disposed = true;
    document.removeEventListener('keydown', onGlobalKey);
  };
}
