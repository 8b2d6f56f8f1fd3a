// 人员名单, 批量操作 on the ticked rows (views/selection.js): 离岗, 复岗 (a date), 调岗 (a
// unit of the tab's role and a date), 公示 / 取消公示 (a date; batch_apply through openBatchDialog),
// and 导出所选 (the export dialog for those ids). After a batch the ticks go and the list
// is read again.
import { openBatchDialog } from '../selection.js';
import { openExportDialog } from '../export.js';
import { localDate } from '../../logic/format.js';
import { roleLabel, exportQuery, exportFileName, unitOptionsForRole, ROLES } from '../../logic/people.js';

/** batchPart(cx) → the selection's actions, each run(ids). cx: { st, api, toast, navigate, onError, selection(), loadList } */
export function batchPart(cx) {
  const { st, api, toast, navigate, onError } = cx;

  /** What the rows are, counted: 10 名网格员. */
  const noun = () => ({ measure: '名', name: roleLabel(st.list.role) || '人员' });
  const batchDone = async () => {
    if (st.disposed) return;
    cx.selection().clear();
    await cx.loadList();
  };
  const batchCommon = { api, toast, navigate, onError, done: batchDone };
  /** The names of the ticked people this page shows (a select-all may reach others). */
  const namesOf = (ids) => {
    const byId = new Map((st.page?.rows ?? []).map((r) => [String(r.id), r.name]));
    return ids.map((id) => byId.get(String(id))).filter(Boolean);
  };

  function batchStatus(action, title, ids) {
    openBatchDialog({
      ...batchCommon, title, action, ids, noun: noun(), who: namesOf(ids),
      fields: [{ name: 'date', label: action === 'peopleLeave' ? '离岗日期' : '复岗日期', type: 'date', value: localDate() }],
      args: (v) => ({ args: { date: v.date }, names: {} }),
      // A grid left with nobody in post is said before 确定 (probe AN).
      warn: action === 'peopleLeave' && api.batchLeaveEmpties ? () => api.batchLeaveEmpties(ids) : undefined,
    });
  }

  function batchReassign(ids) {
    const roles = st.list.role ? [st.list.role] : ROLES.map((r) => r.value);
    const seen = new Set();
    const options = roles.flatMap((r) => unitOptionsForRole(st.tree, r))
      .filter((o) => !seen.has(o.id) && seen.add(o.id))
      .map((o) => ({ value: o.id, label: `${o.kindLabel}：${o.path}` }));
    const names = new Map(options.map((o) => [o.value, o.label.split('：').slice(1).join('：')]));
    openBatchDialog({
      ...batchCommon, title: '批量调岗', action: 'peopleReassign', ids, noun: noun(), who: namesOf(ids),
      fields: [
        // Chosen by the clerk: a first unit chosen already was one 确定 away (probe S).
        {
          name: 'unitId', label: '调到', type: 'select', value: '', required: '请选择调到哪个网格或小区。',
          options: [{ value: '', label: '请选择' }, ...options],
        },
        { name: 'date', label: '调岗日期', type: 'date', value: localDate() },
      ],
      args: (v) => ({ args: { unitId: v.unitId, date: v.date }, names: { unitName: names.get(v.unitId) ?? '' } }),
    });
  }

  function batchPublish(ids, published) {
    // Of the ticked people this page shows, those already so: nothing is written for them.
    const ticked = new Set(ids.map(String));
    const already = (st.page?.rows ?? []).filter((r) => ticked.has(String(r.id)) && !!r.published === published).length;
    openBatchDialog({
      ...batchCommon, title: published ? '批量公示' : '批量取消公示', action: 'peoplePublish', ids, noun: noun(), who: namesOf(ids),
      // The figures of the days before it keep what 公示 was.
      fields: [{ name: 'date', label: published ? '公示日期' : '取消公示日期', type: 'date', value: localDate() }],
      args: (v) => ({ args: { published, date: v.date }, names: { already } }),
      // A date before someone's later 公示 change overrides it: said before 确定.
      warn: (v) => (api.batchPublishOverrides ? api.batchPublishOverrides(ids, published, v.date) : null),
    });
  }

  function exportSelected(ids) {
    openExportDialog({
      api,
      query: { ...exportQuery(st.list), ids },
      count: ids.length,
      selected: true,
      defaultName: exportFileName(st.list.role),
      toast,
      onError,
    });
  }

  return {
    actions: [
      { id: 'leave', label: '离岗', run: (ids) => batchStatus('peopleLeave', '批量离岗', ids) },
      { id: 'return', label: '复岗', run: (ids) => batchStatus('peopleReturn', '批量复岗', ids) },
      { id: 'reassign', label: '调岗', run: (ids) => batchReassign(ids) },
      { id: 'publish', label: '公示', run: (ids) => batchPublish(ids, true) },
      { id: 'unpublish', label: '取消公示', run: (ids) => batchPublish(ids, false) },
      { id: 'export', label: '导出所选', run: (ids) => exportSelected(ids) },
    ],
  };
}
