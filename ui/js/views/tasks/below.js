// 月调度 › 下级进展 (county, city; the first tab there): how each task of the task list
// stands in the offices below, from the files they sent (list_tasks_below), read-only.
// The month (`#tasks-below-month`), its line (`#tasks-below-summary`), the offices whose
// file says nothing of the month (`#tasks-below-offices-note`), a filter
// (`#tasks-below-filter`: 全部 / 有未报的 / 有滞后的 / 有逾期的), a row per task
// (`#tasks-below-table tr[data-task-code]`: how many offices have it 已完成, 已报, 未报 …)
// and, for the task chosen (click, Enter), each office's cell under the table
// (`#tasks-below-detail`: 本月, 进展情况, 存在问题, 完成日期, 逾期/滞后) with the offices
// whose list lacks the task (`#tasks-below-lacking`).
import { h, clear, cssEscape, labelled, thead } from '../../dom.js';
import { bindRowKeys } from '../../forms.js';
import { newest } from '../../newest.js';
import { reportError } from '../../logic/errors.js';
import {
  BELOW_FILTERS, belowCell, belowEmptyText, belowMarks, belowOfficesNote, belowSummaryText, filterBelow,
  lackingText, monthLabel, shorten, taskName,
} from '../../logic/tasks.js';
import { loadingTab } from '../tabbed.js';
import { openXlsxExportDialog } from '../export.js';

const HINT = '下级单位报送的月调度进展：每项任务各单位本月的状态。以各单位最近一次报送的文件为准；文件早于所选月份的单位记为“文件早于该月”。';

const COUNTS = [
  ['done', '已完成'], ['reported', '已报'], ['missing', '未报'], ['behind', '滞后'], ['overdue', '逾期'],
];

/** An office's 本月: its badge, then 逾期/滞后. */
function officeBadges(c) {
  const b = belowCell(c);
  return [
    h('span', { class: ['badge', b.tone], 'data-state': c.state ?? '' }, b.label),
    belowMarks(c).map((m) => h('span', {
      class: ['badge', m === '逾期' ? 'badge-bad' : 'badge-warn', 'badge-after'], [m === '逾期' ? 'data-overdue' : 'data-behind']: '',
    }, m)),
  ];
}

/** The offices' cells of task `t`: a row per office, then the offices whose list lacks it. */
function taskDetail(t, label) {
  const lacking = lackingText(t);
  const cells = t.offices ?? [];
  return [
    h('h3', { id: 'tasks-below-detail-title' }, `任务 ${taskName(t, 40)}：各单位${label}的进展`),
    cells.length
      ? h('table', { class: 'data-table tasks-table', id: 'tasks-below-offices' },
        thead('单位', '本月', '进展情况', '存在问题', '完成日期'),
        h('tbody', {}, cells.map((c) => h('tr', {
          class: ['tasks-below-office', c.overdue && 'is-overdue'], 'data-office-code': c.officeCode ?? '', 'data-state': c.state ?? '',
        },
        h('td', { class: 'cell-nowrap' }, c.officeName ?? '', h('br'), h('span', { class: 'muted' }, `截至 ${c.asOf ?? ''}`)),
        h('td', { class: 'cell-nowrap' }, officeBadges(c)),
        h('td', {}, c.progress || (c.previous ? h('span', { class: 'muted' }, `（${c.previous}）`) : '—'),
          c.nextSteps ? h('span', { class: 'muted tasks-below-next' }, `下步打算：${c.nextSteps}`) : null),
        h('td', {}, c.problems || '—'),
        h('td', { class: 'cell-nowrap' }, c.doneOn || '—')))))
      : h('p', { class: 'hint' }, '没有单位的清单里有这项任务。'),
    lacking ? h('p', { class: 'hint', id: 'tasks-below-lacking' }, lacking) : null,
  ];
}

export function mountTasksBelow(host, ctx) {
  const { api, alert, onError, toast } = ctx;
  const fail = (e) => reportError(e, { show: alert ?? (() => {}), reboot: onError });
  // month: the month shown ('' until the core has said which is the current one);
  // below: the TasksBelow it answered; code: the task chosen.
  const st = {
    month: '', below: null, filter: '', code: null, asked: 0, monthsKey: '', disposed: false,
  };
  const label = () => st.below?.monthLabel || monthLabel(st.month);

  const monthSelect = h('select', { id: 'tasks-below-month', 'aria-label': '月份' });
  const filterSelect = h('select', { id: 'tasks-below-filter', 'aria-label': '显示' },
    BELOW_FILTERS.map((f) => h('option', { value: f.value }, f.label)));
  const summary = h('p', { class: 'counts-line', id: 'tasks-below-summary', 'aria-live': 'polite' });
  const note = h('p', { class: 'callout callout-info', id: 'tasks-below-offices-note', hidden: true });
  const tableHost = h('div', { class: 'table-scroll', id: 'tasks-below-host', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在加载…'));
  const detail = h('section', { class: 'info-section', id: 'tasks-below-detail', 'aria-label': '各单位的进展', hidden: true });
  // The month's cells to Excel, a row an office and task (月调度 meetings read it on paper).
  const exportBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'tasks-below-export' }, '导出Excel');
  exportBtn.addEventListener('click', () => openXlsxExportDialog({
    api,
    hint: `导出${label()}各单位每项任务的进展：每个单位每项任务一行（本月状态、进展情况、存在问题、下步打算、完成日期、是否逾期、上次进展），清单里没有某项任务的单位写“清单中没有”；可按“本月状态”或“单位”筛选。`,
    pickTitle: '导出下级月调度进展',
    defaultName: `${ctx.office?.name ?? ''}下级月调度进展（${label()}）.xlsx`,
    write: async (path) => `已导出下级月调度进展：${await api.exportTasksBelow(st.month, path)} 行`,
    toast,
    onError,
  }));
  host.append(
    h('p', { class: 'hint', id: 'tasks-below-hint' }, HINT),
    h('div', { class: 'filter-row' }, labelled('月份', monthSelect), labelled('显示', filterSelect), exportBtn),
    summary, note, tableHost, detail);

  monthSelect.addEventListener('change', () => {
    if (monthSelect.value === st.month) return;
    st.month = monthSelect.value;
    load();
  });
  filterSelect.addEventListener('change', () => {
    st.filter = filterSelect.value;
    render();
  });

  /** The month box: the months the core offers, newest first (drawn again only when they change). */
  function drawMonths(tb) {
    const months = (tb?.months ?? []).includes(tb?.month) ? tb.months : [tb?.month, ...(tb?.months ?? [])].filter(Boolean);
    const key = months.join(',');
    if (key !== st.monthsKey) {
      st.monthsKey = key;
      clear(monthSelect, months.map((m) => h('option', { value: m }, monthLabel(m))));
    }
    monthSelect.value = tb?.month ?? '';
  }

  function choose(code) {
    st.code = code;
    render();
    tableHost.querySelector(`tr[data-task-code="${cssEscape(code)}"]`)?.focus();
    detail.scrollIntoView?.({ block: 'nearest' });
  }

  function taskRow(t) {
    const code = String(t.code ?? '');
    const selected = code === st.code;
    const missing = Number(t.missing) || 0;
    const tr = h('tr', {
      class: ['record-row', 'task-row', selected && 'is-selected', Number(t.overdue) > 0 && 'is-overdue'],
      'data-task-code': code, tabindex: '0', 'aria-selected': String(selected),
      'aria-label': `${taskName(t)}，未报 ${missing} 个单位，按 Enter 查看各单位的进展`,
    },
    h('td', { class: 'cell-nowrap' }, code),
    h('td', { class: 'cell-name' }, h('span', { title: t.title ?? '' }, shorten(t.title, 40))),
    h('td', {}, t.lead ?? ''),
    h('td', { class: 'cell-nowrap' }, t.deadlineText || '长期'),
    COUNTS.map(([k]) => {
      const n = Number(t[k]) || 0;
      return h('td', { class: ['cell-num', k === 'missing' && n > 0 && 'count-bad'], 'data-count': k }, String(n));
    }));
    tr.addEventListener('click', () => choose(code));
    bindRowKeys(tr, () => choose(code), { root: tableHost, selector: 'tr[data-task-code]' });
    return tr;
  }

  function render() {
    const tb = st.below;
    const shown = filterBelow(tb?.tasks, st.filter);
    summary.textContent = belowSummaryText(tb, shown.length);
    const said = belowOfficesNote(tb);
    note.textContent = said;
    note.hidden = !said;
    tableHost.removeAttribute('aria-busy');
    clear(tableHost, shown.length
      ? h('table', { class: 'data-table record-table tasks-table', id: 'tasks-below-table' },
        thead('编号', '任务内容', '牵头单位', '完成时限', COUNTS.map(([, l]) => ({ text: l, class: 'cell-num' }))),
        h('tbody', {}, shown.map(taskRow)))
      : h('p', { class: 'empty-state', id: 'tasks-below-empty' }, belowEmptyText(tb, st.filter)));
    // The task chosen, while the list shows it (another month keeps it when it is there too).
    const t = shown.find((x) => String(x.code ?? '') === st.code);
    if (!t) st.code = null;
    detail.hidden = !(tb?.tasks ?? []).length;
    clear(detail, t
      ? taskDetail(t, label())
      : h('p', { class: 'hint', id: 'tasks-below-detail-empty' }, '在上表中选择一项任务，查看各单位本月的进展。'));
  }

  async function load() {
    const answer = await newest(st, 'asked', () => api.listTasksBelow(st.month));
    if (!answer) return;
    if (!answer.ok) {
      tableHost.removeAttribute('aria-busy');
      if (!tableHost.querySelector('table')) clear(tableHost, h('p', { class: 'empty-state' }, '下级进展没有加载成功。'));
      fail(answer.error);
      return;
    }
    const tb = answer.value ?? {};
    st.below = tb;
    st.month = tb.month ?? st.month;
    drawMonths(tb);
    render();
  }

  return loadingTab(st, load);
}
