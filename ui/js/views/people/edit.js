// 人员名单, what the person form's buttons do: 保存 (create_person or update_person, then
// the form again with the answer's warnings), 取消 and 撤销修改.
import { rememberFocus, undoEdits, showProblems } from '../../forms.js';
import { problemsIn } from '../../logic/form.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import {
  PERSON_FIELDS, newPersonValues, buildPersonInput,
} from '../../logic/people.js';

export function editPart(cx) {
  const { st, api, toast, alert, onError } = cx;
  const { newBtn } = cx.els;
  const showList = () => cx.showList();
  const loadList = () => cx.loadList();
  const renderDetail = (o) => cx.renderDetail(o);
  const fail = (e) => cx.fail(e);

  const form = () => cx.form();
  const readValues = () => form().readValues();
  const readRoles = () => form().readRoles();
  const clearErrors = () => form()?.clearErrors();
  function showError(field, message) {
    if (!form()?.showError(field, message)) alert(message);
  }

  /** Every field's problem beside its field; those the form has no place for in the alert. */
  const showAll = (problems) => showProblems(
    problems,
    (field, message) => PERSON_FIELDS.includes(field) && !!form()?.showError(field, message),
    alert,
  );

  function handleSaveError(e) {
    if (e?.kind === 'validation' && Array.isArray(e.problems) && e.problems.length > 1) {
      showAll(e.problems);
      return;
    }
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
    if (!cx.form() || st.mode === 'list') return;
    clearErrors();
    const creating = st.mode === 'create';
    const built = buildPersonInput(readValues(), readRoles(), { original: creating ? null : st.person });
    if (!built.ok) {
      showAll(problemsIn(built));
      return;
    }
    // The clerk may leave the form while it saves (Esc, 返回名单): the record is
    // saved all the same, but the form is not reopened over where they went.
    const token = st.viewToken;
    const left = () => st.disposed || token !== st.viewToken;
    cx.form().save.disabled = true;
    try {
      if (creating) {
        const keepGoing = cx.form().continueBox.checked;
        const saved = await api.createPerson(built.input);
        if (st.disposed) return;
        const warnings = saved?.warnings ?? [];
        toast(warnings.length ? `已保存“${saved?.person?.name ?? ''}”，请注意提醒` : `已保存“${saved?.person?.name ?? ''}”`);
        loadList();
        if (left()) return;
        if (keepGoing) {
          const roles = readRoles();
          renderDetail({ values: newPersonValues(localDate()), roles, history: null, warnings });
          cx.form().inputs.name.focus();
        } else {
          st.mode = 'edit';
          st.person = saved.person;
          const history = await api.personHistory(saved.person.id).catch(() => null);
          if (left()) return;
          cx.renderPerson(saved.person, history, warnings);
          cx.form().inputs.name.focus();
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
        cx.renderPerson(saved.person, history, warnings);
        refocus(cx.form().inputs.name);
      }
    } catch (e) {
      if (!left()) handleSaveError(e);
      else if (!st.disposed) fail(e);
    } finally {
      if (cx.form()?.save.isConnected) cx.form().save.disabled = false;
    }
  }

  function cancelCreate() {
    showList();
    newBtn.focus();
  }

  function revert() {
    if (st.mode !== 'edit' || !st.person) return;
    const history = cx.form()?.historyData ?? null;
    undoEdits({
      dirty: cx.isDirty(),
      toast,
      render: () => cx.renderPerson(st.person, history),
    });
  }

  return { handleSaveError, savePerson, cancelCreate, revert };
}
