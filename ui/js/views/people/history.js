// 人员名单, below an existing person's form: the 履历 (dated changes of roles, units and
// status) and 删除.
import { h, thead } from '../../dom.js';
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
    return h('section', { class: 'person-history', 'aria-labelledby': 'person-history-title' },
      h('h3', { id: 'person-history-title' }, '履历'),
      history === null
        ? h('p', { class: 'hint' }, '履历没有加载成功。')
        : rows.length
          ? h('table', { class: 'data-table history-table', id: 'person-history' },
            thead('日期', '变动', '详情'),
            h('tbody', {}, rows.map((ev) => h('tr', { 'data-event': ev.event ?? '' },
              h('td', { class: 'cell-time' }, ev.date ?? ''),
              h('td', { class: 'cell-nowrap' }, h('span', { class: ['op-tag', `event-${ev.event}`] }, ev.eventLabel ?? '')),
              h('td', { class: 'cell-summary' }, ev.detail ?? '')))))
          : h('p', { class: 'hint', id: 'person-history-empty' }, '暂无履历。'));
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
