// 培训 and 引育留用 (issue 16): levels, methods and pipeline events, the session
// form's values and parsing, the coverage line, a pipeline event's parsing. Pure,
// tested with node --test.
import {
  formValues, formText, fieldError, text, numberText, problemsOf, unlessOk,
} from './fields.js';
import { choicesOf } from './labels.js';

export const TRAINING_LEVELS = choicesOf('training_sessions', 'level');

export const TRAINING_METHODS = choicesOf('training_sessions', 'method');

export const SESSION_FIELDS = ['level', 'organiser', 'date', 'topic', 'hours', 'place', 'method', 'note'];

export const PIPELINE_EVENTS = choicesOf('pipeline_events', 'event');

export function levelLabelOf(level) {
  return TRAINING_LEVELS.find((l) => l.value === level)?.label ?? '';
}

/** 3 → '3', 1.5 → '1.5' */
export function hoursText(h) {
  const n = Number(h);
  if (!Number.isFinite(n)) return '';
  return String(Math.round(n * 10) / 10);
}

export function sessionFormValues(s) {
  return formValues(s, SESSION_FIELDS, {
    blank: { level: 'township', method: 'in_person' },
    set: { hours: s ? hoursText(s.hours) : '' },
  });
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseSessionForm(v) {
  const input = formText(v, SESSION_FIELDS);
  input.hours = numberText(input.hours);
  const h = Number(input.hours);
  const wrong = problemsOf([
    // In the form's order: the first problem's field takes the focus.
    unlessOk(TRAINING_LEVELS.some((l) => l.value === input.level), 'level', '请选择培训层级。'),
    unlessOk(input.organiser, 'organiser', '请填写主办单位。'),
    unlessOk(input.date, 'date', '请填写培训日期。'),
    unlessOk(input.topic, 'topic', '请填写培训主题。'),
    unlessOk(input.hours && Number.isFinite(h) && h > 0 && h <= 200, 'hours', '学时应大于 0、不超过 200，如 2 或 1.5。'),
    unlessOk(TRAINING_METHODS.some((m) => m.value === input.method), 'method', '请选择培训方式。'),
  ]);
  return wrong ?? { ok: true, input };
}

/** Sessions whose topic, organiser or place contain `search`, of `level` ('' = all). */
export function filterSessions(sessions, { level = '', search = '' } = {}) {
  const q = text(search);
  return (sessions ?? []).filter((s) => (!level || s.level === level)
    && (!q || [s.topic, s.organiser, s.place, s.date].some((x) => String(x ?? '').includes(q))));
}

/** A period's coverage as one line (the core's label: 2026年, 2026年第四季度, 全部). */
export function coverageText(c) {
  if (!c) return '';
  const pct = ((Number(c.share) || 0) * 100).toFixed(1);
  const when = c.label === '全部' ? '全部期间' : (c.label || `${c.year}年`);
  return `${when}：培训 ${c.sessions} 次，${c.personTimes} 人次；`
    + `在岗社区工作者 ${c.communityWorkers} 人，参加培训 ${c.trained} 人（覆盖率 ${pct}%），人均 ${hoursText(c.hoursPerWorker)} 学时`;
}

/** A participant row's 人员 cell: the name, or the community and head count. */
export function participantText(p) {
  if (p?.headCount != null) return `${p.communityName || p.name || ''}（${p.headCount} 人）`;
  return p?.name ?? '';
}

/** A pipeline event form → { ok, input } or { ok: false, error }. */
export function parsePipelineForm(v, personId) {
  const input = {
    personId,
    event: text(v?.event),
    date: text(v?.date),
    batch: text(v?.batch),
    way: text(v?.way),
    detail: text(v?.detail),
  };
  const fail = fieldError;
  if (!PIPELINE_EVENTS.some((e) => e.value === input.event)) return fail('event', '请选择事件。');
  if (!input.date) return fail('date', '请填写日期。');
  if (input.event === 'recruited' && !input.way) return fail('way', '招录请填写招录方式，如 公开招聘。');
  const needs = { promoted: '晋升后的职务', awarded: '荣誉名称', left: '离职原因' }[input.event];
  if (needs && !input.detail) return fail('detail', `请填写${needs}。`);
  if (input.event !== 'recruited') {
    input.batch = '';
    input.way = '';
  }
  return { ok: true, input };
}
