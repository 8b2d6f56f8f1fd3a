// 人员名单, the open form's values and roles, whether they changed, the field errors,
// 保存 (create_person or update_person, then the form again with the answer's warnings),
// 取消 and 撤销修改.
import { clearFieldErrors, showFieldError, rememberFocus, undoEdits } from '../../forms.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import {
  ROLES, PERSON_FIELDS, errorSlot, emptyPersonValues, personToFormValues, emptyRoleState, rolesToState, buildPersonInput,
  historyRelevantChange, personFormDirty,
} from '../../logic/people.js';

export function editPart(cx) {
  const { st, api, toast, alert, onError } = cx;
  const { newBtn } = cx.els;
  const showList = () => cx.showList();
  const loadList = () => cx.loadList();
  const renderDetail = (o) => cx.renderDetail(o);
  const fail = (e) => cx.fail(e);

  function readValues() {
    const i = cx.form().inputs;
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
      effectiveDate: cx.form().effectiveRow.hidden ? '' : i.effectiveDate.value,
    };
  }

  function readRoles() {
    const out = emptyRoleState();
    for (const r of ROLES) {
      const b = cx.form().roles.blocks[r.value];
      out[r.value] = {
        checked: b.check.checked,
        employment: b.emp ? b.emp.value : '',
        unitIds: b.items.filter((x) => x.box.checked).map((x) => x.o.id),
      };
    }
    return out;
  }

  function isDirty() {
    if (!cx.form() || st.mode === 'list') return false;
    return personFormDirty(st.baseline, readValues(), st.baseRoles, readRoles());
  }

  function updateEffectiveDate() {
    if (!cx.form()) return;
    const show = st.mode === 'edit' && historyRelevantChange(st.person, readValues(), readRoles());
    if (show && cx.form().effectiveRow.hidden) {
      cx.form().effectiveRow.hidden = false;
      if (!cx.form().inputs.effectiveDate.value) cx.form().inputs.effectiveDate.value = localDate();
    } else if (!show && !cx.form().effectiveRow.hidden) {
      cx.form().effectiveRow.hidden = true;
    }
  }

  function clearErrors() {
    if (!cx.form()) return;
    clearFieldErrors(cx.form().errors, cx.form().inputs);
    cx.form().roles.el.classList.remove('has-error');
  }

  function showError(field, message) {
    const slot = errorSlot(field);
    const el = cx.form()?.errors[slot];
    if (!el) {
      alert(message);
      return;
    }
    if (slot === 'roles') {
      cx.form().roles.el.classList.add('has-error');
      const target = field === 'employment'
        ? cx.form().roles.blocks.grid_worker.emp
        : focusTargetForRoles(field);
      showFieldError(el, message, target, { mark: false, select: false });
      return;
    }
    if (field === 'effectiveDate') cx.form().effectiveRow.hidden = false;
    showFieldError(el, message, cx.form().inputs[field]);
  }

  function focusTargetForRoles(field) {
    const blocks = Object.values(cx.form().roles.blocks);
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
    if (!cx.form() || st.mode === 'list') return;
    clearErrors();
    const creating = st.mode === 'create';
    const built = buildPersonInput(readValues(), readRoles(), { original: creating ? null : st.person });
    if (!built.ok) {
      showError(built.error.field, built.error.message);
      return;
    }
    // The clerk may leave the cx.form() while it saves (Esc, 返回名单): the record is
    // saved all the same, but the cx.form() is not reopened over where they went.
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
          renderDetail({ values: emptyPersonValues(), roles, history: null, warnings });
          cx.form().inputs.name.focus();
        } else {
          st.mode = 'edit';
          st.person = saved.person;
          const history = await api.personHistory(saved.person.id).catch(() => null);
          if (left()) return;
          renderDetail({ values: personToFormValues(saved.person), roles: rolesToState(saved.person.roles), history, warnings });
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
        renderDetail({ values: personToFormValues(saved.person), roles: rolesToState(saved.person.roles), history, warnings });
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
      dirty: isDirty(),
      toast,
      render: () => renderDetail({ values: personToFormValues(st.person), roles: rolesToState(st.person.roles), history }),
    });
  }

  return {
    readValues, readRoles, isDirty, updateEffectiveDate, clearErrors, showError, handleSaveError, savePerson, cancelCreate, revert,
  };
}
