// 统计期间: the period control's state (年度 / 季度 / 月 / 自定义) and the text the
// backend reads (`2026`, `2026Q4`, `2026-11`, `2026-10-01..2026-12-31`; see
// core base/period.rs). Pure: no DOM.
import { localDate } from './format.js';

export const PERIOD_KINDS = Object.freeze([
  { value: 'year', label: '年度' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月' },
  { value: 'custom', label: '自定义' },
]);

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

/** The state switched to another kind: the year/quarter/month of the same moment. */
export function withKind(state, kind) {
  const s = { ...state, kind };
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
    default: return `${y}年`;
  }
}

/** Years offered: from `first` (default 5 years back) to next year, newest first. */
export function periodYears(today = localDate(), back = 5) {
  const { year } = partsOf(today);
  const out = [];
  for (let y = year + 1; y >= year - back; y -= 1) out.push(y);
  return out;
}

/** "本期 2026年第四季度（截至 2026-11-26）· 上期 2026年第三季度", from a report's period and previous. */
export function periodLine(period, previous, today = localDate()) {
  if (!period) return '';
  const ongoing = period.to > today;
  const now = `本期 ${period.label ?? ''}${ongoing ? `（截至 ${today}）` : ''}`;
  return previous ? `${now} · 上期 ${previous.label ?? ''}` : now;
}
