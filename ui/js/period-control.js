// The period control (统计期间) of 首页 and 统计: 年度 / 季度 / 月 / 自定义, a year,
// a quarter or month, or two dates (typed as clerks write them: 2026/1/1, 2026年1月1日
// are tidied in the box). Calls onChange(text) with the text the backend reads
// (logic/period.js) whenever the choice is complete, and onInvalid(problem) when the
// two dates cannot make a period: the screen then shows no figures rather than the
// period before under the dates typed.
// On the dated lists (all: true) it starts at 全部 (text ''), which 首页 and 统计
// do not offer; `title` names what it filters (期间 on a list). `initial` starts it
// at a choice another screen made (首页's card opening 统计 in the same period).
// `only` limits the kinds offered (考核 scores a year or a quarter: ['year', 'quarter']).
import { h, clear, dateBox } from './dom.js';
import { normalizeDateText } from './logic/format.js';
import {
  PERIOD_KINDS, PERIOD_ALL, defaultPeriod, withKind, periodText, periodLabel, periodYears, periodProblem,
} from './logic/period.js';

export function periodControl({
  id, onChange, onInvalid, today, all = false, title = '统计期间', initial = null, only = null,
}) {
  let st = initial ? { ...defaultPeriod(today), ...initial }
    : all ? { ...defaultPeriod(today), kind: PERIOD_ALL.value } : defaultPeriod(today);
  const offered = only ? PERIOD_KINDS.filter((k) => only.includes(k.value)) : PERIOD_KINDS;
  const kinds = all ? [PERIOD_ALL, ...offered] : offered;
  const opt = (value, label, selected) => h('option', { value: String(value), selected: selected || false }, label);
  const kindTabs = kinds.map((k) => {
    const b = h('button', {
      type: 'button', class: ['period-kind', k.value === st.kind ? 'is-active' : null],
      id: `${id}-kind-${k.value}`, 'data-kind': k.value, 'aria-pressed': String(k.value === st.kind),
    }, k.label);
    b.addEventListener('click', () => {
      st = withKind(st, k.value, today);
      sync();
      fire();
    });
    return b;
  });
  const yearSel = h('select', { id: `${id}-year`, 'aria-label': '年份' });
  let years = periodYears(today);
  const fillYears = () => {
    clear(yearSel, years.map((y) => opt(y, `${y}年`, y === st.year)));
    yearSel.value = String(st.year);
  };
  fillYears();
  const quarterSel = h('select', { id: `${id}-quarter`, 'aria-label': '季度' },
    [1, 2, 3, 4].map((q) => opt(q, `第${'一二三四'[q - 1]}季度`, q === st.quarter)));
  const monthSel = h('select', { id: `${id}-month`, 'aria-label': '月份' },
    Array.from({ length: 12 }, (_, i) => opt(i + 1, `${i + 1}月`, i + 1 === st.month)));
  const fromIn = dateBox({ placeholder: '2026-01-01', maxlength: '10', id: `${id}-from`, 'aria-label': '开始日期', value: st.from });
  const toIn = dateBox({ placeholder: '2026-12-31', maxlength: '10', id: `${id}-to`, 'aria-label': '结束日期', value: st.to });
  const problem = h('span', { class: 'field-error period-problem', id: `${id}-problem`, role: 'alert', hidden: true });
  const custom = h('span', { class: 'period-custom' }, fromIn, h('span', { class: 'period-sep' }, '至'), toIn, problem);
  const el = h('div', { class: 'period-control no-print', id, role: 'group', 'aria-label': title },
    h('span', { class: 'period-title' }, title),
    h('span', { class: 'period-kinds' }, kindTabs),
    yearSel, quarterSel, monthSel, custom);

  yearSel.addEventListener('change', () => { st = { ...st, year: Number(yearSel.value) }; fire(); });
  quarterSel.addEventListener('change', () => { st = { ...st, quarter: Number(quarterSel.value) }; fire(); });
  monthSel.addEventListener('change', () => { st = { ...st, month: Number(monthSel.value) }; fire(); });
  for (const input of [fromIn, toIn]) {
    input.addEventListener('change', () => {
      input.value = normalizeDateText(input.value);
      st = { ...st, from: fromIn.value, to: toIn.value };
      fire();
    });
  }

  function sync() {
    for (const b of kindTabs) {
      const on = b.dataset.kind === st.kind;
      b.classList.toggle('is-active', on);
      b.setAttribute('aria-pressed', String(on));
    }
    yearSel.hidden = st.kind === 'custom' || st.kind === PERIOD_ALL.value;
    quarterSel.hidden = st.kind !== 'quarter';
    monthSel.hidden = st.kind !== 'month';
    custom.hidden = st.kind !== 'custom';
    quarterSel.value = String(st.quarter);
    monthSel.value = String(st.month);
    fromIn.value = st.from ?? '';
    toIn.value = st.to ?? '';
  }

  function fire() {
    const said = periodProblem(st);
    problem.textContent = said;
    problem.hidden = !said;
    if (said) {
      onInvalid?.(said);
      return;
    }
    const text = periodText(st);
    if (text || st.kind === PERIOD_ALL.value) onChange?.(text, { ...st });
  }

  sync();
  return {
    el,
    /** The text of the current choice (this year at first; '' for 全部). */
    value: () => periodText(st),
    /** How the screen names the choice: 全部, 2026年, 2026年第四季度 … */
    label: () => periodLabel(st),
    /** The choice as a whole, for `initial` of another screen's control. */
    choice: () => ({ ...st }),
    /** Offer these years too (the years a list's records are dated in), newest first. */
    offerYears(more) {
      const next = [...new Set([...years, ...(more ?? []).map(Number).filter((y) => y >= 2000 && y <= 2100)])].sort((a, b) => b - a);
      if (next.length === years.length) return;
      years = next;
      fillYears();
    },
  };
}
