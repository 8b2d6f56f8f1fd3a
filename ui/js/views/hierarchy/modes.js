// 组织架构, the modes of the detail pane: a unit open ('edit'), a new one ('create',
// with a numbered name and the suggested code filled in when it comes), or nothing
// ('empty'). 放弃修改？ before leaving unsaved edits; Esc on a new unit goes back to
// where the clerk was; Ctrl+N a new sibling, Ctrl+Shift+N a new child.
import { confirmDiscard } from '../../dialog.js';
import { undoEdits } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { newChildKind } from '../../logic/naming.js';

/**
 * modesPart(cx) → { select, startCreate, cancelCreate, revert, newSibling, newChild }
 * cx: { st, api, toast, clearAlert, els: { newVillage }, formRefs(), unitOf, reveal, isDirty, renderTree, renderDetail, itemEl }
 */
export function modesPart(cx) {
  const { st, api, toast, clearAlert } = cx;
  const { newVillage } = cx.els;
  const unitOf = (key) => cx.unitOf(key);
  const renderTree = () => cx.renderTree();
  const renderDetail = () => cx.renderDetail();
  const itemEl = (key) => cx.itemEl(key);

  async function select(key) {
    if (st.mode === 'edit' && st.selectedId === key) return;
    if (!(await confirmDiscard(cx.isDirty()))) {
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
    if (!force && !(await confirmDiscard(cx.isDirty()))) return;
    if (st.disposed) return;
    clearAlert?.();
    const returnTo = st.mode === 'edit' ? st.selectedId : (st.create?.returnTo ?? '');
    st.mode = 'create';
    st.create = { kind, parentId: parentId ?? null, returnTo };
    const parent = unitOf(parentId);
    if (parent) {
      cx.reveal(idKey(parent.id));
      st.expanded.add(idKey(parent.id)); // new siblings show up under the parent as they are saved
    }
    renderTree();
    renderDetail();
    cx.formRefs().inputs.name.focus();
    // A suggested name (第11网格) is selected: Enter accepts it, typing replaces it.
    cx.formRefs().inputs.name.select?.();

    suggestCode(kind, parentId);
    // A 村 is numbered from 200, a 社区 from 001: the code follows the 类型 chosen
    // (or guessed from the name) while it is still the suggested one.
    if (kind === 'village') {
      cx.formRefs().inputs.areaType?.addEventListener('input', () => suggestCode(kind, parentId));
    }
  }

  /** Asks for the next free code and fills it in if the clerk has not typed one. */
  function suggestCode(kind, parentId) {
    const token = ++st.createToken;
    const suggested = st.baseline?.code ?? '';
    const args = kind === 'village' ? [kind, parentId ?? null, cx.formRefs()?.inputs.areaType?.value] : [kind, parentId ?? null];
    const p = api.suggestUnitCode(...args).then((code) => {
      const formRefs = cx.formRefs();
      if (st.disposed || token !== st.createToken || st.mode !== 'create' || !formRefs) return;
      const input = formRefs.inputs.code;
      const untouched = input.value.trim() === '' || input.value === suggested;
      if (untouched && typeof code === 'string') {
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
    if (st.mode !== 'edit' || !cx.formRefs()) return;
    undoEdits({ dirty: cx.isDirty(), render: renderDetail, toast });
  }

  /** Ctrl+N: a new unit beside the open one (a new 村/社区 when none is open). */
  function newSibling() {
    if (st.mode === 'create' && st.create) {
      cx.formRefs()?.inputs.name.focus();
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

  return { select, startCreate, cancelCreate, revert, newSibling, newChild };
}
