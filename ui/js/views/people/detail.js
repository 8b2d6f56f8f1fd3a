// 人员名单, the detail mode: the list ↔ detail switch, 新增人员 (Ctrl+N), opening a
// person (the record and its 履历; a slow answer never replaces a person opened later),
// 返回名单 (放弃修改？ first, then the row again), and drawing the detail: title, status,
// the person form (form.js), 履历 and 删除 (history.js), 培训记录 and 引育留用 (training.js).
import { h, clear } from '../../dom.js';
import { confirmDiscard } from '../../dialog.js';
import { idKey } from '../../logic/tree.js';
import { formatDateTime, localDate } from '../../logic/format.js';
import {
  roleLabel, newPersonValues, personToFormValues, emptyRoleState, rolesToState, copyRoleState,
} from '../../logic/people.js';
import { mountPersonForm } from './form.js';

/**
 * detailPart(cx) → { showList, newPerson, openPerson, renderDetail, renderPerson, personChanged, isDirty, form() }
 * cx: { st, api, clearAlert, els: { detail, listPane, tabs, header, newBtn }, table, loadList, failReading, save,
 *   cancelCreate(), revert(), historySection(history), deleteSection(), recordSection(p), pipelineSection(p) }
 */
export function detailPart(cx) {
  const { st, api, clearAlert } = cx;
  const { detail, listPane, tabs, header, newBtn } = cx.els;
  let form = null; // refs of the person form

  function isDirty() {
    return !!form && st.mode !== 'list' && form.isDirty();
  }

  function buildForm(values, roles, creating) {
    const formHost = h('div', { class: 'person-form-host' });
    form = mountPersonForm(formHost, {
      values, roles, creating, person: st.person, baseline: st.baseline, baseRoles: st.baseRoles,
      options: st.options, tree: st.tree, onSave: cx.save, onCancel: () => (creating ? cx.cancelCreate() : cx.revert()),
    });
    return formHost;
  }

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
    await cx.loadList();
    const row = id ? cx.table.rowOf(id) : null;
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
    renderDetail({ values: newPersonValues(localDate()), roles: emptyRoleState(st.list.role), history: null });
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
      if (current()) cx.failReading(e);
      return;
    }
    if (!current()) return;
    st.mode = 'edit';
    st.person = person;
    renderPerson(person, history);
    showDetail();
    form.inputs.name.focus();
  }

  /** A stored person's form: its values, its roles ticked, its history. */
  function renderPerson(person, history, warnings) {
    renderDetail({ values: personToFormValues(person), roles: rolesToState(person.roles), history, warnings });
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
        !creating && p ? statusTag(p.status) : null),
      !creating && p
        ? h('p', { class: 'meta' }, `登记于 ${formatDateTime(p.createdAt)} · 最后修改 ${formatDateTime(p.updatedAt)}`)
        : h('p', { class: 'meta' }, '性别和出生日期可以不填，按身份证号码自动识别。'),
      warningsBox,
      buildForm(values, roles, creating),
      creating ? null : cx.historySection(history),
      creating || !p ? null : cx.recordSection(p),
      creating || !p ? null : cx.pipelineSection(p),
      creating ? null : cx.deleteSection());
    form.warnings = warningsBox;
    if (warnings?.length) showWarnings(warnings);
    form.updateEffectiveDate();
  }

  function statusTag(status) {
    return h('span', { id: 'person-status-tag', class: ['status-tag', status === 'left' ? 'is-left' : 'is-active'] },
      status === 'left' ? '离岗' : '在岗');
  }

  /**
   * Something below the form changed the person as stored (a 离职 registered or
   * deleted in 引育留用 makes them leave or return): the form shows them as they are
   * now, so its next 保存 does not put the old status back. Typed edits stay: only
   * the status moves, with a note saying so.
   */
  async function personChanged() {
    const p = st.person;
    if (!p || st.mode !== 'edit') return;
    const token = st.viewToken;
    let fresh;
    let history;
    try {
      [fresh, history] = await Promise.all([api.getPerson(p.id), api.personHistory(p.id).catch(() => null)]);
    } catch {
      return;
    }
    if (st.disposed || token !== st.viewToken || st.person !== p || !fresh || fresh.updatedAt === p.updatedAt) return;
    if (!isDirty()) {
      st.person = fresh;
      renderPerson(fresh, history);
      return;
    }
    // The form, its baseline and its history data hold this object: changed in place.
    Object.assign(p, fresh);
    form.inputs.status.value = fresh.status;
    st.baseline.status = fresh.status;
    detail.querySelector('#person-status-tag')?.replaceWith(statusTag(fresh.status));
    form.updateEffectiveDate();
    showWarnings([`${fresh.name}现在是${fresh.status === 'left' ? '离岗' : '在岗'}，已记入履历。表格里没保存的修改还在，保存时按现在的状态保存。`]);
  }

  function showWarnings(list) {
    if (!form?.warnings) return;
    clear(form.warnings, h('p', { class: 'callout-title' }, '请注意：'),
      h('ul', {}, list.map((w) => h('li', {}, w))));
    form.warnings.hidden = false;
  }

  return { showList, newPerson, openPerson, renderDetail, renderPerson, personChanged, isDirty, form: () => form };
}
