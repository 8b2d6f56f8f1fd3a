// 组织架构, 保存 of the unit form: checked by logic/form.js, then create_unit (and on to
// the next sibling with 保存后继续新建同级) or update_unit; the tree and form follow.
import { rememberFocus, showProblems } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { parseUnitForm, problemsIn } from '../../logic/form.js';

export function savePart(cx) {
  const { st, api, toast } = cx;
  const unitOf = (key) => cx.unitOf(key);
  const reveal = (key) => cx.reveal(key);
  const reload = () => cx.reload();
  const renderTree = () => cx.renderTree();
  const renderDetail = () => cx.renderDetail();
  const startCreate = (...a) => cx.startCreate(...a);
  const clearErrors = () => cx.clearErrors();
  const showError = (f, m) => cx.showError(f, m);
  const readForm = () => cx.readForm();
  const handleError = (e, fields) => cx.handleError(e, fields);

  async function saveUnit() {
    if (!cx.formRefs() || st.mode === 'empty') return;
    if (st.mode === 'create' && st.suggest) await st.suggest;
    if (st.disposed || !cx.formRefs()) return;
    clearErrors();
    const creating = st.mode === 'create';
    const editing = creating ? null : unitOf(st.selectedId);
    const kind = creating ? st.create.kind : editing?.kind;
    if (!creating && !editing) return;
    const parentId = creating ? st.create.parentId : (editing.parentId ?? null);
    const parsed = parseUnitForm(readForm(), { kind, parentId });
    if (!parsed.ok) {
      // showError has a place for each (it alerts one the form lacks).
      showProblems(problemsIn(parsed), (f, m) => { showError(f, m); return true; }, () => {});
      return;
    }
    cx.formRefs().save.disabled = true;
    try {
      if (creating) {
        const keepGoing = cx.formRefs().continueBox.checked;
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
          cx.formRefs()?.inputs.name.focus();
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
      handleError(e, cx.formRefs()?.fields ?? []);
    } finally {
      if (cx.formRefs()?.save.isConnected) cx.formRefs().save.disabled = false;
    }
  }


  return { saveUnit };
}
