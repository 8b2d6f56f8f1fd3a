// 统计期间: the period control's state (年度 / 季度 / 月 / 自定义) and the text the
// backend reads (`2026`, `2026Q4`, `2026-11`, `2026-10-01..2026-12-31`; see
// core base/period.rs). Pure: no DOM.
import { localDate } from './format.js';
import { isDateText } from './fields.js';

export const PERIOD_KINDS = Object.freeze([
  { value: 'year', label: '年度' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月' },
  { value: 'custom', label: '自定义' },
]);

/** The lists' extra choice: every record, whatever its date (the text is ''). */
export const PERIOD_ALL = Object.freeze({ value: 'all', label: '全部' });

const QUARTER_NAMES = ['一', '二', '三', '四'];

const pad = (n) => String(n).padStart(2, '0');

/** { year, month, quarter } of a YYYY-MM-DD day (the clerk's day in China). */
function partsOf(day) {
  const [y, m] = String(day).split('-').map(Number);
  return { year: y, month: m, quarter: Math.floor((m - 1) / 3) + 1 };
}

/** The default: this year, as of `today` (YYYY-MM-DD, default the day in China). */
export function defaultPeriod(today = localDate()) {
  const { year, month, quarter } = partsOf(today);
  return { kind: 'year', year, quarter, month, from: `${year}-01-01`, to: today };
}

/**
 * The state switched to another kind: the quarter or month of the same moment. From
 * a past year, its last quarter or month (closing 2026 in January, 季度 went to
 * 2026年第一季度, probe Z); from a quarter, a month inside it, and the other way.
 */
export function withKind(state, kind, today = localDate()) {
  const s = { ...state, kind };
  const now = partsOf(today);
  const year = Number(s.year);
  if (state?.kind === 'month' && kind === 'quarter') {
    s.quarter = Math.floor((Number(s.month) - 1) / 3) + 1;
  } else if (state?.kind === 'quarter' && kind === 'month') {
    const current = year === now.year && Number(s.quarter) === now.quarter;
    s.month = current ? now.month : Number(s.quarter) * 3;
  } else if (kind === 'quarter' || kind === 'month') {
    if (year < now.year) Object.assign(s, { quarter: 4, month: 12 });
    else if (year > now.year) Object.assign(s, { quarter: 1, month: 1 });
    // This year: not a quarter or month still to come.
    else Object.assign(s, { quarter: Math.min(Number(s.quarter), now.quarter), month: Math.min(Number(s.month), now.month) });
  }
  if (kind === 'custom' && !(s.from && s.to)) {
    s.from = `${s.year}-01-01`;
    s.to = `${s.year}-12-31`;
  }
  return s;
}

/** This quarter (the e2e's and the clerk's most common switch). */
export function thisQuarter(today = localDate()) {
  return { ...defaultPeriod(today), kind: 'quarter' };
}

/**
 * What is wrong with a custom span the clerk typed, in words ('' when nothing is, or
 * while a date is still being typed): a span whose end is before its start counts
 * nothing, and the screen would go on showing the period before.
 */
export function periodProblem(state) {
  const s = state ?? {};
  if (s.kind !== 'custom') return '';
  // A date the box could not read (2026/13/01, 明年): said, not left to show the
  // period before under it (a county exported 2026年12月 for 2026/01/01–2026/03/31).
  for (const [label, v] of [['开始日期', s.from], ['结束日期', s.to]]) {
    const t = String(v ?? '').trim();
    if (t !== '' && !isDateText(t)) return `${label}“${t}”无法识别，请写成 2026-01-01 这样的日期。`;
  }
  if (isDateText(s.from) && isDateText(s.to) && s.from > s.to) {
    return `结束日期 ${s.to} 早于开始日期 ${s.from}，请核对。`;
  }
  return '';
}

/** The text the backend reads; '' when a custom span is incomplete or backwards. */
export function periodText(state) {
  const s = state ?? {};
  const y = Number(s.year);
  switch (s.kind) {
    case 'quarter': return `${y}Q${Number(s.quarter)}`;
    case 'month': return `${y}-${pad(Number(s.month))}`;
    case 'custom': {
      const ok = /^\d{4}-\d{2}-\d{2}$/;
      if (!ok.test(s.from ?? '') || !ok.test(s.to ?? '') || s.from > s.to) return '';
      return `${s.from}..${s.to}`;
    }
    case 'all': return '';
    default: return String(y);
  }
}

/** How a period is named on screen: 2026年, 2026年第四季度, 2026年11月, 2026-10-01至2026-12-31. */
export function periodLabel(state) {
  const s = state ?? {};
  const y = Number(s.year);
  switch (s.kind) {
    case 'quarter': return `${y}年第${QUARTER_NAMES[Number(s.quarter) - 1] ?? s.quarter}季度`;
    case 'month': return `${y}年${Number(s.month)}月`;
    case 'custom': return `${s.from ?? ''}至${s.to ?? ''}`;
    case 'all': return '全部';
    default: return `${y}年`;
  }
}

/**
 * Years offered: this year and `back` (default 5) before it, newest first. Not next
 * year: it has no figures yet, and showed today's as 2027's (a list's records dated
 * ahead add their years through offerYears).
 */
export function periodYears(today = localDate(), back = 5) {
  const { year } = partsOf(today);
  const out = [];
  for (let y = year; y >= year - back; y -= 1) out.push(y);
  return out;
}

/** "本期 2026年第四季度（截至 2026-11-26）· 上期 2026年第三季度", from a report's period and previous. */
export function periodLine(period, previous, today = localDate()) {
  if (!period) return '';
  const ongoing = period.to > today;
  const now = `本期 ${period.label ?? ''}${ongoing ? `（截至 ${today}）` : ''}`;
  // A span's 上期 is the same number of days just before it, not 去年同期: said, as a
  // reviewer read 2025-01-25至2025-12-31 as a mistake.
  const span = period.kind === 'custom' ? '（紧接本期之前、天数相同）' : '';
  return previous ? `${now} · 上期 ${previous.label ?? ''}${span}` : now;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CN_QUARTERS = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** The last day of month `m` (1–12) of year `y`, as YYYY-MM-DD. */
function monthEnd(y, m) {
  return `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Whether YYYY-MM-DD names a real day. */
function realDay(d) {
  if (!DAY.test(d)) return false;
  const [y, m, day] = d.split('-').map(Number);
  return m >= 1 && m <= 12 && day >= 1 && day <= Number(monthEnd(y, m).slice(8));
}

/**
 * The span of days a period's text names, as core base/period.rs reads it:
 * `2026`, `2026Q4` (`2026年第四季度`), `2026-11` (`2026年11月`), `2026-10-01..2026-12-31`
 * (or 至). '' or 全部 → { all: true }; text it cannot read → null.
 */
export function periodBounds(text) {
  const t = String(text ?? '').trim();
  if (t === '' || t === '全部' || t === 'all') return { all: true };
  const span = t.includes('..') ? t.split('..') : t.split('至');
  if (span.length === 2) {
    const [from, to] = span.map((x) => x.trim());
    return realDay(from) && realDay(to) && from <= to ? { from, to } : null;
  }
  if (span.length > 2) return null;
  const u = t.toUpperCase().replace('年第', 'Q').replace('季度', '').replace('年', '-').replace('月', '')
    .replace(/-$/, '');
  const yearOk = (y) => /^\d{4}$/.test(y) && Number(y) >= 2000 && Number(y) <= 2100;
  let m = /^(\d{4})Q([1-4一二三四])$/.exec(u);
  if (m) {
    if (!yearOk(m[1])) return null;
    const q = CN_QUARTERS[m[2]] ?? Number(m[2]);
    return { from: `${m[1]}-${pad(q * 3 - 2)}-01`, to: monthEnd(Number(m[1]), q * 3) };
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(u);
  if (m) {
    const mo = Number(m[2]);
    if (!yearOk(m[1]) || mo < 1 || mo > 12) return null;
    return { from: `${m[1]}-${pad(mo)}-01`, to: monthEnd(Number(m[1]), mo) };
  }
  if (yearOk(u)) return { from: `${u}-01-01`, to: `${u}-12-31` };
  return null;
}

/**
 * Whether a record's day (`YYYY-MM-DD`, or a time that starts with one) falls in the
 * period's text. 全部 ('') takes every record, even one without a date; a period takes
 * no record without a readable date; text that names no period takes none.
 */
export function inPeriod(day, periodText) {
  const b = periodBounds(periodText);
  if (!b) return false;
  if (b.all) return true;
  const d = String(day ?? '').slice(0, 10);
  return realDay(d) && b.from <= d && d <= b.to;
}

/**
 * The quarter and half-year a count day falls in, as 首页 names its 本季度/本半年
 * figures (a yearly or past view cannot say "this quarter"):
 * '2026-12-07' → { quarter: '2026年第四季度', half: '2026年下半年' }; null for no day.
 */
export function countDayWords(day) {
  if (!DAY.test(String(day ?? ''))) return null;
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return { quarter: periodLabel(thisQuarter(day)), half: `${y}年${m <= 6 ? '上' : '下'}半年` };
}
