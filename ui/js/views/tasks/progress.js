// 月调度 › 本月进展: the tasks of a month (`#tasks-month`, 2026年11月) with the month's
// line (`#tasks-summary`) and a filter (`#tasks-filter`: 未报, 已报, 滞后, 逾期, 已完成),
// on record-list (name tasks-report, rows `tr[data-tasks-report-id]` keyed by the task;
// no 新增: every task has its month). Opening a task opens THE month's report of it:
// the task and the previous report above the form (`#tasks-report-task`,
// `#tasks-report-previous`), the form (`#tasks-report-status`, -progress, -problems,
// -nextSteps, -doneOn (only for 已完成), -remark; 保存 → save_task_progress), 删除本月进展
// when the month has its report, and the task's history under it (`#tasks-history`).
import { h, clear, labelled, thead, dateBox } from '../../dom.js';
import { confirmDiscard } from '../../dialog.js';
import { fieldRow, showFieldError, clearWhenCorrected } from '../../forms.js';
import { newest } from '../../newest.js';
import { reportError } from '../../logic/errors.js';
import { exportListInfo } from '../../logic/importing.js';
import {
  PROGRESS_FIELDS, STATUS_CHOICES, TASK_FILTERS, emptyListText, filterTasks, isDone, monthCell, monthLabel,
  parseProgressForm, previousText, progressCell, progressFormValues, shorten, summaryText, taskName,
} from '../../logic/tasks.js';
import { excelTools } from '../excel-tools.js';
import { mountRecordList, noteField } from '../record-list/index.js';

const overdueBadge = () => h('span', { class: 'badge badge-bad badge-after', 'data-overdue': '' }, '逾期');

/** A report's status as a badge (推进中, 滞后 …), or a task's standing in the month (未报 …). */
function monthBadge(t) {
  const c = monthCell(t);
  return h('span', { class: ['badge', c.tone], 'data-state': t.progress?.status ?? t.state ?? '' }, c.label);
}

export function mountTaskProgress(host, ctx) {
  const { api, toast, onError } = ctx;
  const alertFn = ctx.alert ?? (() => {});
  const fail = (e) => reportError(e, { show: alertFn, reboot: onError });
  // month: the month shown ('' until the core has said which is the current one);
  // list: the TaskList it answered.
  // A route from 首页's 本周提醒: the tasks not yet reported (filter), or one task.
  const known = (f) => TASK_FILTERS.some((x) => x.value === f);
  const st = {
    month: '', list: null, filter: known(ctx.route?.filter) ? ctx.route.filter : '', asked: 0, monthsKey: '', disposed: false,
  };
  const label = () => st.list?.monthLabel || monthLabel(st.month);

  const monthSelect = h('select', { id: 'tasks-month', 'aria-label': '月份' });
  const filterSelect = h('select', { id: 'tasks-filter', 'aria-label': '显示' },
    TASK_FILTERS.map((f) => h('option', { value: f.value }, f.label)));
  filterSelect.value = st.filter;
  const summary = h('p', { class: 'muted', id: 'tasks-summary', 'aria-live': 'polite' });
  const listHost = h('div', { id: 'tasks-report-pane' });
  host.append(summary, listHost);

  // Another month: its reports are other records, so the open one closes (asked
  // about first when it holds edits) rather than stay with the month it was opened in.
  monthSelect.addEventListener('change', async () => {
    const to = monthSelect.value;
    if (to === st.month) return;
    if (!(await confirmDiscard(list.isDirty())) || st.disposed) {
      monthSelect.value = st.month;
      return;
    }
    st.month = to;
    list.close();
    list.reload();
  });
  filterSelect.addEventListener('change', () => {
    st.filter = filterSelect.value;
    list.reload();
  });

  /** The month box: the months the core offers, newest first (drawn again only when they change). */
  function drawMonths(tl) {
    const months = (tl?.months ?? []).includes(tl?.month) ? tl.months : [tl?.month, ...(tl?.months ?? [])].filter(Boolean);
    const key = months.join(',');
    if (key !== st.monthsKey) {
      st.monthsKey = key;
      clear(monthSelect, months.map((m) => h('option', { value: m }, monthLabel(m))));
    }
    monthSelect.value = tl?.month ?? '';
  }

  // ---------- the open task: what it is, the previous report, the history ----------

  function taskHead(t) {
    const doneBefore = t.state === 'done' && !t.progress;
    return h('section', { class: 'info-section tasks-task', id: 'tasks-report-task', 'aria-label': '任务' },
      h('dl', { class: 'info-grid' },
        h('dt', {}, '任务编号'), h('dd', { 'data-fact': 'code' }, t.code ?? ''),
        h('dt', {}, '任务内容'), h('dd', { 'data-fact': 'title' }, t.title ?? ''),
        h('dt', {}, '牵头单位'), h('dd', { 'data-fact': 'lead' }, t.lead || '—'),
        h('dt', {}, '完成时限'), h('dd', { 'data-fact': 'deadline' }, t.deadlineText || '长期', t.overdue ? overdueBadge() : null)),
      doneBefore
        ? h('p', { class: 'hint', id: 'tasks-report-done' }, `这项任务已于 ${t.doneOn ?? ''} 完成，${label()}不用再报进展。`)
        : null,
      h('p', { class: 'callout callout-info', id: 'tasks-report-previous' }, previousText(t.previous)));
  }

  function renderHistory(t, section) {
    const token = {};
    section.token = token;
    const body = h('div', { id: 'tasks-history-host' }, h('p', { class: 'loading' }, '正在加载…'));
    clear(section, h('h3', {}, '历史'), body);
    api.taskProgress(t.id).then((rows) => {
      if (st.disposed || section.token !== token) return;
      const reports = Array.isArray(rows) ? rows : [];
      clear(body, reports.length
        ? h('table', { class: 'data-table', id: 'tasks-history' },
          thead('月份', '进展状态', '进展情况'),
          h('tbody', {}, reports.map((p) => h('tr', {
            'data-progress-id': p.id, 'data-month': p.month ?? '', class: p.month === st.month ? 'is-selected' : null,
          },
          h('td', { class: 'cell-nowrap' }, p.monthLabel || monthLabel(p.month)),
          h('td', { class: 'cell-nowrap' }, monthBadge({ progress: p })),
          h('td', {}, p.progress ?? '')))))
        : h('p', { class: 'hint', id: 'tasks-history-empty' }, '还没有报过进展。'));
    }).catch((e) => {
      if (st.disposed || section.token !== token) return;
      clear(body, h('p', { class: 'hint' }, '历史进展没有加载成功。'));
      fail(e);
    });
  }

  /**
   * 完成日期, shown only while 进展状态 is 已完成 (the core takes one with 已完成 only;
   * the form sends it empty otherwise).
   */
  function doneOnField() {
    return {
      field: 'doneOn',
      type: 'custom',
      build: (value, inputs) => {
        const control = dateBox({ id: 'tasks-report-doneOn', name: 'doneOn', value: value ?? '' });
        const errors = {};
        const row = fieldRow({
          field: 'doneOn', label: '完成日期', control, errors, hint: '任务完成的那一天，如 2026-11-20；不晚于所报月份的月底。',
        });
        const sync = () => { row.hidden = !isDone(inputs.status?.value); };
        inputs.status?.addEventListener('change', sync);
        sync();
        clearWhenCorrected(control, () => errors.doneOn);
        return {
          el: row,
          read: () => control.value,
          error: errors.doneOn,
          showError: (message) => {
            row.hidden = false;
            showFieldError(errors.doneOn, message, control, { select: true });
          },
        };
      },
    };
  }

  // ---------- the list and its form ----------

  /** The id of the month's report of task `taskId` (the one 删除本月进展 deletes). */
  const reportIdOf = (taskId) => [list.current(), ...list.records()].find((t) => t?.id === taskId)?.progress?.id;

  const list = mountRecordList(listHost, {
    ctx,
    name: 'tasks-report',
    tableId: 'tasks-report-table',
    tableClass: 'tasks-table',
    label: '月度进展',
    newText: null,
    emptyText: () => emptyListText(st.list, st.filter),
    emptyDetail: ['在左侧选择一项任务，填写这个月的进展。', '每项任务每月报一条；已完成的任务以后各月不用再报。'],
    filters: [
      labelled('月份', monthSelect),
      labelled('显示', filterSelect),
    ],
    toolbar: h('div', { class: 'button-row' },
      excelTools({
        api, toast, onError, prefix: 'tasks-report', exportKind: 'task-progress', exportText: '导出月度进展',
        // The month shown, where the core's export reads a period (the catalog says by which date).
        period: exportListInfo('task-progress').periodBy ? () => ({ text: st.month, label: label() }) : undefined,
        imports: [{ kind: 'task-progress' }, { kind: 'tasks' }],
        onImported: () => { if (!st.disposed) list.reload(); },
      })),
    columns: [
      { title: '编号', class: 'cell-nowrap', cell: (t) => t.code ?? '' },
      { title: '任务内容', class: 'cell-name', cell: (t) => h('span', { title: t.title ?? '' }, shorten(t.title, 40)) },
      { title: '牵头单位', cell: (t) => t.lead ?? '' },
      { title: '完成时限', class: 'cell-nowrap', cell: (t) => [t.deadlineText || '长期', t.overdue ? overdueBadge() : null] },
      { title: '本月', class: 'cell-nowrap', cell: (t) => monthBadge(t) },
      {
        title: '进展情况',
        cell: (t) => {
          const c = progressCell(t);
          return h('span', { title: c.title || null }, c.text);
        },
      },
    ],
    rowClass: (t) => ['task-row', t.overdue && 'is-overdue', t.state === 'missing' && 'is-missing'].filter(Boolean).join(' '),
    rowAttrs: (t) => ({ 'data-state': t.state ?? '', 'data-overdue': t.overdue ? '' : null }),
    rowLabel: (t) => `${taskName(t)}，${monthCell(t).label}${t.overdue ? '，已逾期' : ''}`,
    load: async () => {
      const answer = await newest(st, 'asked', () => api.listTasks(st.month));
      // An older ask: record-list drops its answer too.
      if (!answer) return [];
      if (!answer.ok) throw answer.error;
      const tl = answer.value ?? {};
      st.list = tl;
      st.month = tl.month ?? st.month;
      drawMonths(tl);
      const shown = filterTasks(tl.tasks, st.filter);
      summary.textContent = summaryText(tl, shown.length);
      return shown;
    },
    form: {
      title: () => `${label()}进展`,
      values: (t) => progressFormValues(t),
      fields: () => [
        { field: 'status', label: '进展状态', type: 'select', blank: '请选择', options: STATUS_CHOICES },
        {
          field: 'progress', label: '进展情况', type: 'textarea', rows: 4, maxlength: 2000,
          hint: '这个月做了什么、做到哪一步。',
        },
        { field: 'problems', label: '存在问题', type: 'textarea', rows: 2, maxlength: 1000 },
        { field: 'nextSteps', label: '下步打算', type: 'textarea', rows: 2, maxlength: 1000 },
        doneOnField(),
        noteField('remark'),
      ],
      parse: parseProgressForm,
      fieldNames: PROGRESS_FIELDS,
      focus: (t) => (progressFormValues(t).status ? 'progress' : 'status'),
    },
    detailHead: (t) => taskHead(t),
    detailExtra: (t, section) => renderHistory(t, section),
    // THE report of the task and the month shown: created or updated by the core.
    update: async (taskId, input) => {
      const saved = await api.saveTaskProgress({ taskId, month: st.month, ...input });
      // The task with its report, should the list no longer show it (a filter it left).
      const t = list.current();
      return t?.id === taskId ? { ...t, progress: saved ?? t.progress } : saved;
    },
    savedText: (saved) => `已保存任务 ${saved?.code ?? list.current()?.code ?? ''} ${saved?.progress?.monthLabel || label()}的进展`,
    // Only a month that has its report has something to delete.
    removable: (t) => !!t.progress,
    remove: (taskId) => api.deleteTaskProgress(reportIdOf(taskId)),
    deleteText: {
      button: '删除本月进展',
      message: (t) => `确定删除任务 ${t.code ?? ''} ${t.progress?.monthLabel || label()}的进展吗？删除后可在回收站恢复。`,
      done: (t) => `已删除任务 ${t.code ?? ''} ${t.progress?.monthLabel || label()}的进展，可在回收站恢复`,
      hint: '删除这个月的这条进展（任务本身保留）；删除后可在回收站恢复。',
    },
  });

  if (ctx.route?.taskId) list.open(ctx.route.taskId);
  return list.asView(st);
}
