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
// This module keeps the state and loads; tree.js (the tree and 无人网格), modes.js
// (open, new, cancel, undo), detail.js, form.js, save.js, staff.js, notice.js,
// actions.js, batch.js (批量移动/删除) and excel.js each do one part, sharing the
// screen's context `cx` (its state, elements and actions).
import { h } from '../../dom.js';
import { newest } from '../../newest.js';
import { guardUnsaved } from '../../dialog.js';
import { oneAtATime } from '../../forms.js';
import { buildTree, idKey, ancestorIds, filterTree } from '../../logic/tree.js';
import { mountSelection } from '../selection.js';
import { reportError } from '../../logic/errors.js';
import { coverageIndex } from '../../logic/notice.js';
import { mountUnitTree } from './tree.js';
import { mountUnitForm } from './form.js';
import { savePart } from './save.js';
import { detailPart } from './detail.js';
import { staffPart } from './staff.js';
import { noticePart } from './notice.js';
import { actionsPart } from './actions.js';
import { dissolvePart } from './dissolve.js';
import { modesPart } from './modes.js';
import { batchPart } from './batch.js';
import { hierarchyExcelTools } from './excel.js';

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
  const batch = batchPart({
    st, api, toast, navigate, onError,
    selection: () => selection, reload: () => reload(), handleError: (e) => handleError(e), unitOf: (key) => unitOf(key),
    renderTree: () => renderTree(), renderDetail: () => renderDetail(),
  });
  const selection = mountSelection({
    name: 'units',
    measure: '个',
    allIds: async () => {
      const f = filterTree(st.tree, st.filter);
      return f ? [...f.matchIds] : st.units.map((u) => idKey(u.id));
    },
    actions: batch.actions,
  });
  // 撤销 (网格调整): its part is made with the others below; its list's button sits
  // in the tree's bar, so the part reads the screen's context once that exists.
  let dissolve = null;
  const dissolvedButton = h('button', {
    id: 'dissolved-open', type: 'button', class: 'btn btn-secondary btn-small',
    onClick: () => dissolve?.openDissolved(),
  }, '已撤销的单位');
  const tree = mountUnitTree(hierarchySection, {
    selection,
    subbar: dissolvedButton,
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
    st, api, office, toast, alert, clearAlert, onError,
    els: { detail, hierarchySection, noticeScreen, newVillage },
    save, reload, unitOf, reveal, isDirty, readForm, clearErrors, showError,
    handleError,
    formRefs: () => formRefs,
    setFormRefs: (r) => { formRefs = r; },
    buildForm: (opts) => {
      const formHost = h('div', { class: 'unit-form-host' });
      formRefs = mountUnitForm(formHost, {
        ...opts, baseline: () => st.baseline, onSave: save, onCancel: () => (st.mode === 'create' ? cx.cancelCreate() : cx.revert()),
      });
      return formHost;
    },
  };
  const modes = modesPart(cx);
  const {
    select, startCreate, cancelCreate, newSibling, newChild,
  } = modes;
  Object.assign(cx, { select, startCreate, cancelCreate, revert: modes.revert });
  const saver = savePart(cx);
  const staff = staffPart(cx);
  const notice = noticePart(cx);
  const { renderDetail } = detailPart(cx);
  const renderTree = () => tree.update(st);
  const renderUncovered = () => tree.updateUncovered(st);
  const itemEl = (key) => tree.itemEl(key);
  const { closeNotice } = notice;
  Object.assign(cx, { renderTree, renderDetail, itemEl, gridSections: staff.gridSections, compoundStaff: staff.compoundStaff });
  const acts = actionsPart(cx);
  dissolve = dissolvePart({ ...cx, showParentOf: acts.showParentOf });
  Object.assign(cx, { openNotice: notice.openNotice, actions: acts.actions, dissolveGroup: dissolve.dissolveGroup });

  renderDetail();
  load();

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
    const got = await newest(st, 'unitsToken', () => Promise.all([api.listUnits(), loadCoverage()]));
    if (!got) return false;
    if (!got.ok) throw got.error;
    setUnits(got.value[0]);
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

  const unguard = guardUnsaved(() => !st.disposed && isDirty());
  return () => {
    st.disposed = true;
    unguard();
    document.removeEventListener('keydown', onGlobalKey);
  };
}
