// The period control (统计期间) of 首页 and 统计: 年度 / 季度 / 月 / 自定义, a year,
// a quarter or month, or two dates. Calls onChange(text) with the text the
// backend reads (logic/period.js) whenever the choice is complete.
import { h } from './dom.js';
import {
  PERIOD_KINDS, defaultPeriod, withKind, periodText, periodYears,
} from './logic/period.js';

export function periodControl({ id, onChange, today }) {
  let st = defaultPeriod(today);
  const opt = (value, label, selected) => h('option', { value: String(value), selected: selected || false }, label);
  const kindTabs = PERIOD_KINDS.map((k) => {
    const b = h('button', {
      type: 'button', class: ['period-kind', k.value === st.kind ? 'is-active' : null],
      id: `${id}-kind-${k.value}`, 'data-kind': k.value, 'aria-pressed': String(k.value === st.kind),
    }, k.label);
    b.addEventListener('click', () => {
      st = withKind(st, k.value);
      sync();
      fire();
    });
    return b;
  });
  const yearSel = h('select', { id: `${id}-year`, 'aria-label': '年份' },
    periodYears(today).map((y) => opt(y, `${y}年`, y === st.year)));
  const quarterSel = h('select', { id: `${id}-quarter`, 'aria-label': '季度' },
    [1, 2, 3, 4].map((q) => opt(q, `第${'一二三四'[q - 1]}季度`, q === st.quarter)));
  const monthSel = h('select', { id: `${id}-month`, 'aria-label': '月份' },
    Array.from({ length: 12 }, (_, i) => opt(i + 1, `${i + 1}月`, i + 1 === st.month)));
  const fromIn = h('input', { type: 'text', class: 'input-date', placeholder: '2026-01-01', maxlength: 10, id: `${id}-from`, 'aria-label': '开始日期', value: st.from });
  const toIn = h('input', { type: 'text', class: 'input-date', placeholder: '2026-12-31', maxlength: 10, id: `${id}-to`, 'aria-label': '结束日期', value: st.to });
  const custom = h('span', { class: 'period-custom' }, fromIn, h('span', { class: 'period-sep' }, '至'), toIn);
  const el = h('div', { class: 'period-control no-print', id, role: 'group', 'aria-label': '统计期间' },
    h('span', { class: 'period-title' }, '统计期间'),
    h('span', { class: 'period-kinds' }, kindTabs),
    yearSel, quarterSel, monthSel, custom);

  yearSel.addEventListener('change', () => { st = { ...st, year: Number(yearSel.value) }; fire(); });
  quarterSel.addEventListener('change', () => { st = { ...st, quarter: Number(quarterSel.value) }; fire(); });
  monthSel.addEventListener('change', () => { st = { ...st, month: Number(monthSel.value) }; fire(); });
  for (const input of [fromIn, toIn]) {
    input.addEventListener('change', () => { st = { ...st, from: fromIn.value, to: toIn.value }; fire(); });
  }

  function sync() {
    for (const b of kindTabs) {
      const on = b.dataset.kind === st.kind;
      b.classList.toggle('is-active', on);
      b.setAttribute('aria-pressed', String(on));
    }
    yearSel.hidden = st.kind === 'custom';
    quarterSel.hidden = st.kind !== 'quarter';
    monthSel.hidden = st.kind !== 'month';
    custom.hidden = st.kind !== 'custom';
    fromIn.value = st.from ?? '';
    toIn.value = st.to ?? '';
  }

  function fire() {
    const text = periodText(st);
    if (text) onChange?.(text, { ...st });
  }

  sync();
  return {
    el,
    /** The text of the current choice (this year at first). */
    value: () => periodText(st),
  };
}
