// 人员名单, below an existing person's form: the 履历 (dated changes of roles, units and
// status, each 调岗/离岗/复岗 with 改日期) and 删除.
import { h, thead, dateBox } from '../../dom.js';
import { errorMessage } from '../../logic/errors.js';
import { confirmDelete } from '../../dialog.js';

export function historyPart(cx) {
  const { st, api, toast } = cx;
  const { newBtn } = cx.els;
  const showList = () => cx.showList();
  const loadList = () => cx.loadList();
  const handleSaveError = (e) => cx.handleSaveError(e);

  function historySection(history) {
    if (cx.form()) cx.form().historyData = history;
    const rows = Array.isArray(history) ? history : [];
    const error = h('p', { class: 'field-error', id: 'person-history-error', role: 'alert', hidden: true });
    const section = h('section', { class: 'person-history', 'aria-labelledby': 'person-history-title' },
      h('h3', { id: 'person-history-title' }, '履历'),
      history === null
        ? h('p', { class: 'hint' }, '履历没有加载成功。')
        : rows.length
          ? h('table', { class: 'data-table history-table', id: 'person-history' },
            thead('日期', '变动', '详情', ''),
            h('tbody', {}, rows.map((ev) => historyRow(ev, error, (fresh) => {
              section.replaceWith(historySection(fresh));
            }))))
          : h('p', { class: 'hint', id: 'person-history-empty' }, '暂无履历。'),
      error);
    return section;
  }

  function historyRow(ev, error, redrawn) {
    const dateCell = h('td', { class: 'cell-time' }, ev.date ?? '');
    const actionCell = h('td', { class: 'cell-nowrap cell-actions' });
    const row = h('tr', { 'data-event': ev.event ?? '', 'data-id': ev.id ?? '' },
      dateCell,
      h('td', { class: 'cell-nowrap' }, h('span', { class: ['op-tag', `event-${ev.event}`] }, ev.eventLabel ?? '')),
      h('td', { class: 'cell-summary' }, ev.detail ?? ''),
      actionCell);
    // The core says which rows' day can be corrected here (a 调岗, 离岗 or 复岗; not an
    // 入职, dated by 到岗日期, nor a 离岗 a 离职 record made).
    if (ev.redatable !== true) return row;
    const edit = h('button', { type: 'button', class: 'btn btn-link btn-small history-redate' }, '改日期');
    actionCell.append(edit);
    edit.addEventListener('click', () => {
      const input = dateBox({ value: String(ev.date ?? '').slice(0, 10), 'aria-label': `${ev.eventLabel ?? ''}的变动日期`, class: 'history-date' });
      const save = h('button', { type: 'button', class: 'btn btn-primary btn-small history-date-save' }, '保存');
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary btn-small history-date-cancel' }, '取消');
      dateCell.replaceChildren(input);
      actionCell.replaceChildren(save, cancel);
      const close = () => {
        dateCell.replaceChildren(ev.date ?? '');
        actionCell.replaceChildren(edit);
        error.hidden = true;
        edit.focus();
      };
      cancel.addEventListener('click', close);
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') { e.preventDefault(); save.click(); }
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
      });
      save.addEventListener('click', async () => {
        const p = st.person;
        if (!p) return;
        save.disabled = true;
        try {
          const fresh = await api.redatePersonChange(p.id, ev.id, input.value.trim());
          if (st.disposed) return;
          toast(`已把${ev.eventLabel ?? '变动'}的日期改为 ${input.value.trim()}`);
          redrawn(fresh);
        } catch (e) {
          if (st.disposed) return;
          save.disabled = false;
          error.textContent = errorMessage(e);
          error.hidden = false;
          input.focus();
        }
      });
      input.focus();
    });
    return row;
  }

  function deleteSection() {
    const btn = h('button', { id: 'person-delete', type: 'button', class: 'btn btn-danger' }, '删除');
    btn.addEventListener('click', doDelete);
    return h('section', { class: 'action-group danger-zone person-delete', 'aria-labelledby': 'person-delete-title' },
      h('h3', { id: 'person-delete-title' }, '删除'),
      h('p', { class: 'hint' }, '删除后可在回收站恢复，履历一并保留。人员离岗请把状态改为“离岗”，不要删除。'),
      btn);
  }

  async function doDelete() {
    const p = st.person;
    if (!p) return;
    // What keeps the person is said before 确定 is asked (probe S: asked, then refused).
    let blocked = null;
    try {
      blocked = await api.personDeleteBlocked(p.id);
    } catch (e) {
      if (!st.disposed) handleSaveError(e);
      return;
    }
    if (st.disposed) return;
    if (blocked) {
      handleSaveError({ kind: 'refused', message: blocked });
      return;
    }
    const ok = await confirmDelete(`确定删除“${p.name}”吗？删除后可在回收站恢复。`);
    if (!ok || st.disposed) return;
    try {
      await api.deletePerson(p.id);
      if (st.disposed) return;
      toast(`已删除“${p.name}”，可在回收站恢复`);
      showList();
      await loadList();
      newBtn.focus();
    } catch (e) {
      if (!st.disposed) handleSaveError(e);
    }
  }

  return { historySection, deleteSection };
}
