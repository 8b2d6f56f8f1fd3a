// 月调度 › 任务清单: the office's copy of the city's task list on record-list (name
// tasks-list: `#tasks-list-new`, rows `tr[data-tasks-list-id]`, `#tasks-list-form` with
// `#tasks-list-code`, -title, -category, -lead, -deadline, -remark), imported from the
// city's Excel (调度任务清单) or typed. A task with reports cannot be deleted: said
// under 删除 without asking.
import { h } from '../../dom.js';
import {
  TASK_FIELDS, parseTaskForm, shorten, taskCategories, taskFormValues, taskName,
} from '../../logic/tasks.js';
import { excelTools } from '../excel-tools.js';
import { mountRecordList, noteField, recycleTexts } from '../record-list/index.js';

export function mountTaskList(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { tasks: [], disposed: false };
  const count = h('p', { class: 'muted', id: 'tasks-list-count', 'aria-live': 'polite' });
  const listHost = h('div', { id: 'tasks-list-pane' });
  host.append(count, listHost);

  const list = mountRecordList(listHost, {
    ctx,
    name: 'tasks-list',
    tableId: 'tasks-list-table',
    tableClass: 'tasks-table',
    label: '调度任务',
    newText: '新增任务',
    emptyText: '还没有任务清单。请用“从Excel导入”导入市级任务清单（调度任务清单），或点“新增任务”逐项录入。',
    emptyDetail: ['在左侧选择一项任务，查看和修改。', '任务编号照上级清单填写，同一编号只能有一项任务；各月进展在“本月进展”中填写。'],
    toolbar: h('div', { class: 'button-row' },
      excelTools({
        api, toast, onError, prefix: 'tasks-list', exportKind: 'tasks', exportText: '导出任务清单',
        imports: [{ kind: 'tasks' }],
        onImported: () => { if (!st.disposed) list.reload(); },
      })),
    columns: [
      { title: '编号', class: 'cell-nowrap', cell: (t) => t.code ?? '' },
      { title: '任务内容', class: 'cell-name', cell: (t) => h('span', { title: t.title ?? '' }, shorten(t.title, 50)) },
      { title: '类别', cell: (t) => t.category || '—' },
      { title: '牵头单位', cell: (t) => t.lead ?? '' },
      { title: '完成时限', class: 'cell-nowrap', cell: (t) => t.deadlineText || '长期' },
      { title: '已报月数', class: 'cell-nowrap', cell: (t) => `${Number(t.reports) || 0} 个月` },
    ],
    rowLabel: (t) => taskName(t),
    load: async () => {
      const tl = await api.listTasks('');
      st.tasks = tl?.tasks ?? [];
      count.textContent = st.tasks.length ? `共 ${st.tasks.length} 项任务` : '';
      return st.tasks;
    },
    form: {
      title: (t) => (t ? `任务 ${t.code ?? ''}` : '新增任务'),
      values: (t) => taskFormValues(t),
      fields: () => [
        { field: 'code', label: '任务编号', maxlength: 20, hint: '照上级任务清单的编号填写，如 3 或 2.1。' },
        { field: 'title', label: '任务内容', type: 'textarea', rows: 4, maxlength: 1000 },
        { field: 'category', label: '任务类别', maxlength: 40, list: taskCategories(st.tasks) },
        { field: 'lead', label: '牵头单位', maxlength: 100 },
        { field: 'deadline', label: '完成时限', maxlength: 30, hint: '如 2026-12-31；长期任务填“长期”或留空。' },
        noteField('remark'),
      ],
      parse: parseTaskForm,
      fieldNames: TASK_FIELDS,
      focus: (t) => (t ? 'title' : 'code'),
    },
    create: (input) => api.createTask(input),
    update: (id, input) => api.updateTask(id, input),
    remove: (id) => api.deleteTask(id),
    savedText: (saved, creating, input) => (creating ? `已新增任务 ${saved?.code ?? input?.code ?? ''}` : '已保存'),
    deleteText: recycleTexts({
      button: '删除任务',
      noun: '调度任务',
      name: (t) => taskName(t),
      rule: '已报过进展的任务不能删除。',
      hint: '已报过进展的任务不能删除；删除后可在回收站恢复。',
      blocked: (t) => (Number(t.reports) > 0
        ? `这项任务已有 ${t.reports} 个月的进展，不能删除。要删除，请先在“本月进展”中删除它各月的进展。`
        : ''),
    }),
  });

  return list.asView(st);
}
