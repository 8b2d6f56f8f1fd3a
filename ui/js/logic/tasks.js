// 月调度 (monthly dispatch of the city's task list): the month's label and summary
// line, the list's filter, the cells of a task's row, the previous report as the
// form shows it, and the two forms (a month's progress report, a task of the list)
// ↔ inputs; 下级进展 (county, city): its line, the offices whose file says nothing of
// the month, its filter and an office's badge. The checks say what the core says
// (tasks/mod.rs). Pure, tested with node --test.
import {
  formText, parseDateField, problemsOf, unlessOk, text,
} from './fields.js';
import { choicesOf } from './labels.js';

/** 进展状态 (未启动 / 推进中 / 滞后 / 已完成) from the catalog, [{ value, label }]: read when drawing. */
export const STATUS_CHOICES = choicesOf('task_progress', 'status');

/** The code of 已完成, the one status that takes a 完成日期. */
export const DONE = 'done';

export const PROGRESS_FIELDS = ['status', 'progress', 'problems', 'nextSteps', 'doneOn', 'remark'];
export const TASK_FIELDS = ['code', 'title', 'category', 'lead', 'deadline', 'remark'];

/** The list's filter: what a task's standing in the month must be ('' = every task). */
export const TASK_FILTERS = Object.freeze([
  { value: '', label: '全部' },
  { value: 'missing', label: '未报' },
  { value: 'reported', label: '已报' },
  { value: 'behind', label: '滞后' },
  { value: 'overdue', label: '逾期' },
  { value: 'done', label: '已完成' },
].map((f) => Object.freeze(f)));

/** 2026-11 → 2026年11月, 2027-01 → 2027年1月 (as the core's month_label); anything else as it is. */
export function monthLabel(month) {
  const m = /^(\d{4})-(\d{1,2})$/.exec(String(month ?? '').trim());
  return m ? `${m[1]}年${Number(m[2])}月` : String(month ?? '');
}

/** Whether a status (code or label) is 已完成. */
export function isDone(status) {
  const s = text(status);
  return s === DONE || (s !== '' && s === STATUS_CHOICES.find((c) => c.value === DONE)?.label);
}

/** The tasks `filter` keeps (a TASK_FILTERS value; '' or unknown = all). */
export function filterTasks(tasks, filter = '') {
  const keep = {
    missing: (t) => t.state === 'missing',
    reported: (t) => t.state === 'reported',
    done: (t) => t.state === 'done',
    behind: (t) => !!t.behind,
    overdue: (t) => !!t.overdue,
  }[filter];
  const list = Array.isArray(tasks) ? tasks : [];
  return keep ? list.filter(keep) : list;
}

/**
 * The month's line: "2026年11月：共 12 项任务，已完成 3 · 已报 6 · 未报 3 · 滞后 1 · 逾期 1",
 * with "（当前显示 n 项）" when a filter shows fewer; no tasks: where they come from.
 */
export function summaryText(list, shown = null) {
  const label = list?.monthLabel || monthLabel(list?.month);
  const s = list?.summary ?? {};
  const n = (x) => Number(x) || 0;
  if (!n(s.total)) return `${label}：还没有任务。`;
  const counts = `已完成 ${n(s.done)} · 已报 ${n(s.reported)} · 未报 ${n(s.missing)} · 滞后 ${n(s.behind)} · 逾期 ${n(s.overdue)}`;
  const part = shown != null && shown !== n(s.total) ? `（当前显示 ${shown} 项）` : '';
  return `${label}：共 ${n(s.total)} 项任务，${counts}${part}`;
}

/** What the empty list says: no tasks at all (where they come from), or none the filter keeps. */
export function emptyListText(list, filter = '') {
  if (!(list?.tasks ?? []).length) {
    return '还没有任务清单。请在“任务清单”中用“从Excel导入”导入市级任务清单，或逐项新增任务。';
  }
  const label = list?.monthLabel || monthLabel(list?.month);
  const f = TASK_FILTERS.find((x) => x.value === filter);
  return `${label}没有“${f?.label ?? filter}”的任务。选“全部”查看所有任务。`;
}

const STATUS_TONES = {
  not_started: 'badge-muted', on_track: 'badge-info', behind: 'badge-warn', done: 'badge-ok',
};
const STATE_TONES = { done: 'badge-ok', reported: 'badge-info', missing: 'badge-missing' };

/**
 * The 本月 cell: the status of the month's report (推进中 …), else the task's standing
 * (未报, or 已完成 for a task done before) → { label, tone } (tone: a badge class).
 */
export function monthCell(t) {
  const p = t?.progress;
  if (p) return { label: p.statusLabel || statusLabel(p.status), tone: STATUS_TONES[p.status] ?? 'badge-info' };
  return { label: t?.stateLabel ?? '', tone: STATE_TONES[t?.state] ?? 'badge-muted' };
}

/** A status code in Chinese (from the catalog); the code itself when unknown. */
export function statusLabel(status) {
  return STATUS_CHOICES.find((c) => c.value === status)?.label ?? String(status ?? '');
}

/** At most `max` characters, then "…" (a table cell; the whole text goes in its title). */
export function shorten(s, max = 30) {
  const chars = [...text(s).replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** The 进展情况 cell: the month's report, shortened; a task done before: when. */
export function progressCell(t, max = 30) {
  if (t?.progress) return { text: shorten(t.progress.progress, max), title: text(t.progress.progress) };
  if (t?.state === 'done') return { text: t.doneOn ? `已于 ${t.doneOn} 完成` : '已完成', title: '' };
  // Not reported yet: where the last report left it, so the month's list reads alone.
  const p = t?.previous;
  if (p) {
    const said = `${p.monthLabel || monthLabel(p.month)}：${p.statusLabel || statusLabel(p.status)}`;
    return { text: `（${said}）`, title: text(p.progress) ? `${said}；${text(p.progress)}` : said };
  }
  return { text: '—', title: '' };
}

/**
 * The previous report as the form shows it: "上次（2026年10月）：推进中；进展：…；存在问题：…；
 * 下步打算：…" (empty parts left out); none: says so.
 */
export function previousText(p) {
  if (!p) return '以前没有报过进展。';
  const parts = [p.statusLabel || statusLabel(p.status)];
  if (text(p.progress)) parts.push(`进展：${text(p.progress)}`);
  if (text(p.problems)) parts.push(`存在问题：${text(p.problems)}`);
  if (text(p.nextSteps)) parts.push(`下步打算：${text(p.nextSteps)}`);
  if (p.doneOn) parts.push(`完成日期：${p.doneOn}`);
  return `上次（${p.monthLabel || monthLabel(p.month)}）：${parts.join('；')}`;
}

/**
 * The month's report form: the report's values; with none yet, the status of the
 * previous report (never 已完成: a month reported anew is not done again by default).
 */
export function progressFormValues(t) {
  const p = t?.progress;
  if (p) return Object.fromEntries(PROGRESS_FIELDS.map((f) => [f, p[f] ?? '']));
  const prev = t?.previous?.status ?? '';
  return {
    status: prev && !isDone(prev) ? prev : '', progress: '', problems: '', nextSteps: '', doneOn: '', remark: '',
  };
}

/**
 * The report form's values → { ok, input: { status, progress, problems, nextSteps, doneOn,
 * remark } } (taskId and month added by the screen) or the problems, each on its field:
 * a status, 进展情况, and a 完成日期 for 已完成 (cleared for any other status, as
 * the core takes one only with 已完成).
 */
export function parseProgressForm(v) {
  const input = formText(v, PROGRESS_FIELDS);
  const done = isDone(input.status);
  const date = done
    ? parseDateField(input.doneOn, 'doneOn', '完成日期')
    : { ok: true, value: '' };
  const wrong = problemsOf([
    unlessOk(input.status, 'status', '请选择进展状态。'),
    unlessOk(input.progress, 'progress', '请填写进展情况。'),
    done && date.ok && !date.value ? unlessOk(false, 'doneOn', '进展状态是“已完成”，请填写完成日期。') : null,
    date.ok ? null : date,
  ]);
  return wrong ?? { ok: true, input: { ...input, doneOn: date.value } };
}

/** The task form: a task's values (a standing task's 完成时限 as 长期), or empty for a new one. */
export function taskFormValues(t) {
  if (!t) return Object.fromEntries(TASK_FIELDS.map((f) => [f, '']));
  return {
    code: t.code ?? '',
    title: t.title ?? '',
    category: t.category ?? '',
    lead: t.lead ?? '',
    deadline: t.deadline ?? (t.deadlineText || '长期'),
    remark: t.remark ?? '',
  };
}

/**
 * The task form's values → { ok, input: TaskInput } or the problems: 任务编号, 任务内容
 * and 牵头单位 are needed; 完成时限 goes as typed (the core reads 2026-12-31,
 * 2026年12月底, 2026-12, 长期 or empty).
 */
export function parseTaskForm(v) {
  const input = formText(v, TASK_FIELDS);
  const wrong = problemsOf([
    unlessOk(input.code, 'code', '请填写任务编号。'),
    unlessOk(input.title, 'title', '请填写任务内容。'),
    unlessOk(input.lead, 'lead', '请填写牵头单位。'),
  ]);
  return wrong ?? { ok: true, input };
}

/** The categories the tasks use, in first-seen order (the form's suggestions). */
export function taskCategories(tasks) {
  return [...new Set((tasks ?? []).map((t) => text(t.category)).filter(Boolean))];
}

/** A task named in a sentence: "3 推进网格化…" (its number, then its words, shortened). */
export function taskName(t, max = 20) {
  return [text(t?.code), shorten(t?.title, max)].filter(Boolean).join(' ');
}

// ---------- 下级进展 (county, city): each task's standing in the offices below ----------

/** 下级进展's filter: the tasks with at least one office in that state ('' = every task). */
export const BELOW_FILTERS = Object.freeze([
  { value: '', label: '全部' },
  { value: 'missing', label: '有未报的' },
  { value: 'behind', label: '有滞后的' },
  { value: 'overdue', label: '有逾期的' },
].map((f) => Object.freeze(f)));

const count = (x) => Number(x) || 0;

/** The TaskBelow rows `filter` keeps (a BELOW_FILTERS value; '' or unknown = all). */
export function filterBelow(tasks, filter = '') {
  const list = Array.isArray(tasks) ? tasks : [];
  return ['missing', 'behind', 'overdue'].includes(filter) ? list.filter((t) => count(t?.[filter]) > 0) : list;
}

/**
 * 下级进展's line: "2026年11月：7 项任务 × 3 个单位，已完成 5 · 已报 9 · 未报 6 · 滞后 2 ·
 * 逾期 1 · 文件早于该月 1" (the office-task cells; 文件早于该月 only when there are
 * such), with "（当前显示 n 项）" when a filter shows fewer; no offices: ''.
 */
export function belowSummaryText(tb, shown = null) {
  const offices = tb?.offices ?? [];
  if (!offices.length) return '';
  const label = tb?.monthLabel || monthLabel(tb?.month);
  const s = tb?.summary ?? {};
  const tasks = s.tasks ?? (tb?.tasks ?? []).length;
  const n = s.offices ?? offices.length;
  if (!count(tasks)) return `${label}：${count(n)} 个单位的文件里都没有月调度任务清单。`;
  const parts = [
    `已完成 ${count(s.done)}`, `已报 ${count(s.reported)}`, `未报 ${count(s.missing)}`,
    `滞后 ${count(s.behind)}`, `逾期 ${count(s.overdue)}`,
    count(s.stale) ? `文件早于该月 ${count(s.stale)}` : null,
  ].filter(Boolean).join(' · ');
  const part = shown != null && shown !== count(tasks) ? `（当前显示 ${shown} 项）` : '';
  return `${label}：${count(tasks)} 项任务 × ${count(n)} 个单位，${parts}${part}`;
}

/**
 * The offices whose file says nothing of the month: "秣陵街道的文件（2026-10-28 导出）早于该月；
 * 汤山街道、禄口街道的文件里没有月调度任务清单。" ('' when every office's file has it).
 */
export function belowOfficesNote(tb) {
  const offices = tb?.offices ?? [];
  const none = offices.filter((o) => !count(o.tasks));
  const stale = offices.filter((o) => count(o.tasks) && o.stale);
  const parts = [
    ...stale.map((o) => `${o.name ?? ''}的文件${o.asOf ? `（${o.asOf} 导出）` : ''}早于该月`),
    none.length ? `${none.map((o) => o.name ?? '').join('、')}的文件里没有月调度任务清单` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : '';
}

/** What 下级进展 says in place of its table: no files yet, no task lists in them, or none the filter keeps. */
export function belowEmptyText(tb, filter = '') {
  if (!(tb?.offices ?? []).length) {
    return '还没有收到下级单位的文件，或下级的文件里没有月调度任务清单。收到后在这里逐项查看各单位的进展。';
  }
  if (!(tb?.tasks ?? []).length) return '下级单位的文件里都没有月调度任务清单。';
  const label = tb?.monthLabel || monthLabel(tb?.month);
  const what = { missing: '未报', behind: '滞后', overdue: '逾期' }[filter] ?? filter;
  return `${label}没有单位${what}的任务。选“全部”查看所有任务。`;
}

const BELOW_TONES = { ...STATE_TONES, stale: 'badge-muted' };

/**
 * An office's 本月 for a task (OfficeTask) as a badge, in the tones of 本月进展: the
 * status of its report of the month (推进中, 滞后 …), else its standing (未报, 已完成
 * for a task done before, 文件早于该月) → { label, tone }.
 */
export function belowCell(c) {
  if (c?.state !== 'stale' && c?.statusLabel) {
    const code = STATUS_CHOICES.find((x) => x.label === c.statusLabel)?.value;
    return { label: c.statusLabel, tone: STATUS_TONES[code] ?? 'badge-info' };
  }
  return { label: c?.stateLabel ?? '', tone: BELOW_TONES[c?.state] ?? 'badge-muted' };
}

/** The marks after an office's badge: 逾期, and 滞后 unless the badge says it already. */
export function belowMarks(c) {
  return [
    c?.overdue ? '逾期' : null,
    c?.behind && belowCell(c).label !== '滞后' ? '滞后' : null,
  ].filter(Boolean);
}

/** "清单里没有这项任务：秣陵街道、汤山街道" ('' when every office's list has it). */
export function lackingText(t) {
  const names = (t?.lacking ?? []).map(text).filter(Boolean);
  return names.length ? `清单里没有这项任务：${names.join('、')}` : '';
}
