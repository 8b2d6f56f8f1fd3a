// 诉求 (基层治理和发展需求, 吹哨报到) and the coordination mechanism (协调机制).
// A demand's life cycle 已受理 → 已交办 → 办理中 → 已办结 → 已回访, graded by the level
// that should solve it (村/社区, 乡镇/街道, 县/区, 市: 分级办理) and escalated upwards
// (上报上级) with its history kept: labels, the step bar, the history, cells, forms.
// Which moves a demand allows (上报 among them, with the levels it may go to) is the
// core's (its `moves`, see workflows.js). Also the working groups (专项工作组) and
// working meetings (工作会议) of the mechanism. Pure: no DOM.
import {
  fieldError, formValues, text, phoneText, parseDateField, requiredText, yearOptions, yearOf, problemsOf,
} from './fields.js';
import { formatDateTime, daysBetween } from './format.js';
import { sortEvents, indexed, stepBarOf, escalated as escalatedEvent } from './steps.js';
import { percent } from './charts.js';
import { meetingBaseValues, parseMeetingBase, decisionsCell } from './party.js';
import { choicesOf, labelOf } from './labels.js';

export const DEMAND_STATUSES = choicesOf('demands', 'status');

export const DEMAND_SOURCES = choicesOf('demands', 'source');

/** The levels a demand is graded by (分级办理), lowest first; departments have the same levels. */
export const DEMAND_LEVELS = choicesOf('demands', 'level');

export const SATISFACTIONS = choicesOf('demands', 'satisfaction');

export const DEMAND_FIELDS = Object.freeze([
  'title', 'source', 'reporter', 'reporterPhone', 'category', 'description', 'unitId', 'level', 'receivedOn', 'deadline',
  'deadlineReason',
]);
export const MOVE_FIELDS = Object.freeze(['to', 'date', 'reason', 'departmentId', 'result', 'satisfaction']);
export const ESCALATE_FIELDS = Object.freeze(['level', 'date', 'reason']);
export const GROUP_FIELDS = Object.freeze(['name', 'topic', 'leadUnit', 'members', 'note']);
export const WORKING_MEETING_FIELDS = Object.freeze(['groupId', 'heldOn', 'participants', 'topics', 'note', 'decisions']);

/**
 * The demand form's choices: the coded lists are the kinds' declared values (the
 * catalog, read once at start); the categories are contact_options' suggestions
 * (the field takes any text; none until they have come).
 */
export function demandChoices(options) {
  const categories = Array.isArray(options?.categories) ? options.categories.map(String) : [];
  return {
    statuses: DEMAND_STATUSES,
    sources: DEMAND_SOURCES,
    levels: DEMAND_LEVELS,
    satisfactions: SATISFACTIONS,
    categories,
  };
}


// ---------- statuses ----------

export function statusIndex(status) {
  return DEMAND_STATUSES.findIndex((s) => s.value === status);
}

export function statusLabel(status, statuses = DEMAND_STATUSES) {
  return labelOf(status, statuses);
}

// ---------- levels and escalation (上报上级) ----------

/**
 * 上报上级 → the escalate_demand arguments { level, date, reason }, or a field error.
 * `levels`: the choices of the core's 上报 move (the higher levels).
 */
export function parseEscalate(v, { levels = [] } = {}) {
  const level = text(v?.level);
  if (!level || !levels.some((l) => String(l?.value) === level)) return fieldError('level', '请选择上报到哪一级。');
  const date = parseDateField(v?.date, 'date', '上报日期');
  if (!date.ok) return date;
  const reason = text(v?.reason);
  if (!reason) return fieldError('reason', '请写明为什么要上报上级（例如：本级无法解决）。');
  return { ok: true, args: { level, date: date.value, reason } };
}

// ---------- step bar and history ----------

/** The step bar: [{ value, label, state: 'done'|'current'|'todo', date }]. */
export function stepBar(demand, statuses = DEMAND_STATUSES) {
  return stepBarOf(DEMAND_STATUSES, demand?.status, demand?.history, (v) => statusLabel(v, statuses), { backKeepsDate: true });
}

/**
 * The history, oldest first: [{ date, text, level, department, reason, back, escalated, recordedAt }].
 * An event with a level change is an escalation (上报); one to an earlier status without it is a 退回;
 * one with `deadlineTo` changed the 办理时限 (with its reason), at the step it stood at.
 */
export function historyRows(history, { statuses = DEMAND_STATUSES, levels = DEMAND_LEVELS } = {}) {
  return sortEvents(indexed(history)).map((e) => {
    const from = e?.from ? statusLabel(e.from, statuses) : '';
    const to = statusLabel(e?.to, statuses);
    const escalated = escalatedEvent(e);
    const back = !escalated && e?.from != null && statusIndex(e.to) < statusIndex(e.from);
    let line;
    if (e?.deadlineTo != null) line = `调整办理时限：${e.deadlineFrom || '（无）'} → ${e.deadlineTo || '（无）'}`;
    else if (!from) line = `登记（${to}）`;
    else if (escalated) line = from === to ? `上报上级（${to}）` : `上报上级：${from} → ${to}`;
    else line = `${from} → ${to}`;
    return {
      date: e?.date ?? '',
      text: line,
      level: escalated ? `${labelOf(e.levelFrom, levels)} → ${labelOf(e.levelTo, levels)}` : '',
      department: text(e?.department),
      reason: text(e?.reason),
      back,
      escalated,
      recordedAt: e?.recordedAt ? formatDateTime(e.recordedAt) : '',
      index: e.index,
    };
  });
}

// ---------- list, cells, stats ----------

/** Cells of the demand table. `overdue` is the backend's (not yet 已办结, deadline before today). */
export function demandCells(d, { statuses = DEMAND_STATUSES, levels = DEMAND_LEVELS, sources = DEMAND_SOURCES } = {}) {
  const done = statusIndex(d?.status) >= statusIndex('resolved');
  return {
    title: d?.title ?? '',
    source: d?.sourceLabel || labelOf(d?.source, sources),
    unit: text(d?.unitName) || '—',
    level: d?.levelLabel || labelOf(d?.level, levels),
    department: text(d?.departmentName) || '—',
    receivedOn: d?.receivedOn ?? '',
    deadline: d?.deadline || '—',
    status: d?.status ?? '',
    statusLabel: d?.statusLabel || statusLabel(d?.status, statuses),
    overdue: !done && !!d?.overdue,
    resolvedOn: d?.resolvedOn ?? '',
    onTime: d?.onTime === true ? '按期' : (d?.onTime === false ? '超期' : ''),
  };
}

const num = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);

/**
 * A rate as shown: the backend's number (0..1; a value above 1 is taken as a
 * percentage already), else part / whole; '—' when there is nothing to divide.
 */
export function rateText(rate, part, whole) {
  if (typeof rate === 'number' && Number.isFinite(rate)) {
    const pct = rate > 1 ? rate : rate * 100;
    return `${pct.toFixed(1)}%`;
  }
  return percent(part, whole);
}

/**
 * "收到 12，交办过 9，已办结 7，按期办结 6（率 85.7%），逾期 1，回访满意 4/5"; with nothing
 * resolved no rate, and with no call-back "尚无回访" rather than 0/0. In a period the
 * core counts 办结 by the day of resolving (as 首页 does), so the text says 本期办结.
 */
export function statsText(s, { inPeriod = false } = {}) {
  const received = num(s?.received);
  const resolved = num(s?.resolved);
  const onTime = num(s?.resolvedOnTime);
  const calledBack = num(s?.calledBack);
  // 交办过: every demand handed to a department, not only those at 已交办 now (the
  // 状态 filter 已交办 lists those).
  return `收到 ${received}，交办过 ${num(s?.assigned)}，${inPeriod ? '本期办结' : '已办结'} ${resolved}，`
    + `按期办结 ${onTime}${resolved ? `（率 ${rateText(s?.onTimeRate, onTime, resolved)}）` : ''}，逾期 ${num(s?.overdue)}，`
    + (calledBack ? `回访满意 ${num(s?.satisfied)}/${calledBack}` : '尚无回访')
    // Open and overdue, received before the period: not in its list, said beside it.
    + (num(s?.overdueEarlier) ? `；另有 ${num(s.overdueEarlier)} 件以前受理的诉求已逾期未办结（见“全部”）` : '');
}

export function emptyDemandFilters() {
  return { status: '', level: '', departmentId: '', source: '', overdueOnly: false, period: '', text: '' };
}

/** The list filters → DemandQuery (every key present; strings, overdueOnly a boolean). */
export function demandQuery(f) {
  return {
    status: text(f?.status),
    level: text(f?.level),
    departmentId: text(f?.departmentId),
    source: text(f?.source),
    overdueOnly: !!f?.overdueOnly,
    period: text(f?.period),
    text: text(f?.text),
  };
}

export function isFiltered(f) {
  const q = demandQuery(f);
  return q.overdueOnly || Object.entries(q).some(([k, v]) => k !== 'overdueOnly' && v !== '');
}

/** Years the 期间 control offers: this year and the last few, plus the years demands were received. */
export function demandYears(currentYear, demands = []) {
  return yearOptions(currentYear, (demands ?? []).map((d) => yearOf(d?.receivedOn)));
}

/** "已回访 · 满意" or the status alone; the 结果 line of a closed demand. */
export function satisfactionText(d, satisfactions = SATISFACTIONS) {
  if (!d?.satisfaction) return '';
  return d.satisfactionLabel || labelOf(d.satisfaction, satisfactions);
}

// ---------- the demand form ----------

/**
 * The demand form's values: an existing demand (its full phone is `fullPhone`:
 * the list has it masked), or a new one received today.
 */
export function demandFormValues(d, { fullPhone = '', today = '', source = 'village', level = 'township' } = {}) {
  const blank = d ? {} : { source, level, receivedOn: today };
  return formValues(d, DEMAND_FIELDS, { blank, set: { reporterPhone: d ? fullPhone : '' } });
}

/** The demand form → DemandInput, or a field error. */
export function parseDemandForm(v) {
  const title = requiredText(v?.title, 'title', '诉求事项（简要写明要解决什么）');
  const source = text(v?.source);
  const level = text(v?.level);
  const received = parseDateField(v?.receivedOn, 'receivedOn', '受理日期', { required: true });
  const deadline = parseDateField(v?.deadline, 'deadline', '办理时限');
  // 类别 and 诉求内容 as the core asks them, so that all are said at once.
  const wrong = problemsOf([
    title,
    source ? null : fieldError('source', '请选择诉求的来源。'),
    text(v?.category) ? null : fieldError('category', '请填写诉求类别。'),
    text(v?.description) ? null : fieldError('description', '请填写诉求内容。'),
    level ? null : fieldError('level', '请选择应由哪一级办理（分级办理）。'),
    received,
    deadline,
    received.ok && deadline.ok && deadline.value && deadline.value < received.value
      ? fieldError('deadline', '办理时限不能早于受理日期。') : null,
  ]);
  if (wrong) return wrong;
  const phone = phoneText(v?.reporterPhone);
  const unitId = text(v?.unitId);
  return {
    ok: true,
    input: {
      title: title.value,
      source,
      reporter: text(v?.reporter),
      reporterPhone: phone,
      category: text(v?.category),
      description: text(v?.description),
      unitId: unitId || null,
      level,
      receivedOn: received.value,
      deadline: deadline.value,
      deadlineReason: text(v?.deadlineReason),
    },
  };
}

// ---------- the coordination mechanism: working groups and meetings ----------

export function groupFormValues(g) {
  return formValues(g, GROUP_FIELDS);
}

/** The working-group form → WorkingGroupInput, or a field error. */
export function parseGroupForm(v) {
  const name = requiredText(v?.name, 'name', '工作组名称');
  if (!name.ok) return name;
  return {
    ok: true,
    input: {
      name: name.value, topic: text(v?.topic), leadUnit: text(v?.leadUnit), members: text(v?.members), note: text(v?.note),
    },
  };
}

const short = (s, n = 50) => {
  const t = text(s).replace(/\s+/g, ' ');
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

export function groupCells(g) {
  return {
    name: g?.name ?? '',
    topic: short(g?.topic) || '—',
    leadUnit: text(g?.leadUnit) || '—',
    members: short(g?.members, 40) || '—',
    meetings: `${num(g?.meetings)} 次`,
  };
}

/** The working-meeting form's values: an existing meeting, or a new one held today (as 联席会议). */
export function workingMeetingFormValues(m, { today = '', groupId = '' } = {}) {
  return {
    groupId: String(m?.groupId ?? groupId ?? ''),
    participants: m?.participants ?? '',
    ...meetingBaseValues(m, today),
  };
}

/** The working-meeting form → WorkingMeetingInput, or a field error (decisions as in 联席会议). */
export function parseWorkingMeetingForm(v, { today = '' } = {}) {
  const groupId = text(v?.groupId);
  if (!groupId) return fieldError('groupId', '请选择召开会议的专项工作组。');
  const base = parseMeetingBase(v, today);
  if (!base.ok) return base;
  return { ok: true, input: { groupId, participants: text(v?.participants), ...base.value } };
}

export function workingMeetingCells(m) {
  return {
    heldOn: m?.heldOn ?? '',
    group: m?.groupName ?? '',
    participants: short(m?.participants, 30) || '—',
    topics: short(m?.topics, 60) || '—',
    decisions: decisionsCell(m),
  };
}

/**
 * The printable 诉求交办单 of a demand (A4): its office's title, the demand's fields,
 * the department and deadline, what is asked of the department, and the lines to
 * sign. A demand past its deadline and not resolved prints as a 督办单 (supervision
 * notice) saying how many days it is late, when a department has it; one not yet
 * assigned prints as the 交办单 that assigns it, saying how late it already is. The reporter's phone stays masked as the
 * screen shows it. → { kind: '交办单'|'督办单', title, rows: [[label, value]], request, signatures: [label] }
 */
export function assignmentSheet(d, { office = '', today = '', choices = {} } = {}) {
  const c = demandCells(d, choices);
  // Supervision is addressed to the department that has it: one never assigned is
  // late at the office itself, and prints as the 交办单 that assigns it, saying how late.
  const assigned = Boolean(text(d?.departmentName));
  const supervise = c.overdue && assigned;
  const kind = supervise ? '督办单' : '交办单';
  const late = c.overdue && d?.deadline && today ? daysBetween(d.deadline, today) : 0;
  const reporter = [text(d?.reporter), text(d?.reporterPhone)].filter(Boolean).join('　');
  const rows = [
    ['诉求事项', c.title],
    ['诉求来源', [c.source, text(d?.sourceText)].filter(Boolean).join('：')],
    ['反映人', reporter || '—'],
    ['所在村/社区', c.unit],
    ['诉求类别', text(d?.category) || '—'],
    ['诉求内容', text(d?.description) || '—'],
    ['办理层级', c.level || '—'],
    // Not assigned yet: left blank to be written in by hand when the sheet is handed over.
    ['承办部门', text(d?.departmentName)],
    ['受理日期', c.receivedOn || '—'],
    ['办理时限', c.deadline],
    ['当前状态', c.statusLabel || '—'],
  ];
  const by = d?.deadline ? `请于 ${d.deadline} 前办结，` : '请尽快办理，';
  const lateBy = late > 0 ? ` ${late} 天` : '';
  const request = supervise
    ? `该诉求已超过办理时限${lateBy}仍未办结。请承办部门加快办理，${d?.deadline ? '' : '尽快'}办结后将办理结果书面反馈交办单位。`
    : c.overdue
      ? `该诉求已超过办理时限${lateBy}，请承办部门接单后立即办理，并将办理结果书面反馈交办单位。`
      : `${by}并将办理结果书面反馈交办单位。`;
  return {
    kind,
    title: `${office}诉求${kind}`,
    rows,
    request,
    signatures: ['承办部门（签收）', '签收人', '签收日期', '交办单位（盖章）', '交办人', '交办日期'],
  };
}
