import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  PERIOD_KINDS, defaultPeriod, withKind, thisQuarter, periodText, periodLabel, periodYears, periodLine,
} from '../js/logic/period.js';

describe('统计期间', () => {
  test('this year by default, in the clerk’s day', () => {
    const p = defaultPeriod('2026-11-26');
    assert.equal(periodText(p), '2026');
    assert.equal(periodLabel(p), '2026年');
    assert.deepEqual(PERIOD_KINDS.map((k) => k.label), ['年度', '季度', '月', '自定义']);
  });
  test('each kind as the backend reads it and as the screen names it', () => {
    const p = defaultPeriod('2026-11-26');
    assert.equal(periodText(withKind(p, 'quarter')), '2026Q4');
    assert.equal(periodLabel(withKind(p, 'quarter')), '2026年第四季度');
    assert.equal(periodText(withKind(p, 'month')), '2026-11');
    assert.equal(periodLabel({ ...p, kind: 'month', month: 2 }), '2026年2月');
    assert.equal(periodText({ ...p, kind: 'month', month: 2 }), '2026-02');
    assert.equal(periodText(thisQuarter('2026-04-01')), '2026Q2');
    assert.equal(periodText(thisQuarter('2026-03-31')), '2026Q1');
    const c = withKind(p, 'custom');
    assert.equal(periodText(c), '2026-01-01..2026-11-26', 'the year so far');
    assert.equal(periodLabel(c), '2026-01-01至2026-11-26');
  });
  test('an incomplete or backwards span is not sent', () => {
    const p = { ...defaultPeriod('2026-11-26'), kind: 'custom' };
    assert.equal(periodText({ ...p, from: '2026-10-01', to: '' }), '');
    assert.equal(periodText({ ...p, from: '2026-12-31', to: '2026-10-01' }), '');
    assert.equal(periodText({ ...p, from: '2026-10-01', to: '2026-10-01' }), '2026-10-01..2026-10-01');
  });
  test('years offered: next year back to five years ago', () => {
    assert.deepEqual(periodYears('2026-11-26'), [2027, 2026, 2025, 2024, 2023, 2022, 2021]);
  });
  test('the line above the figures', () => {
    const period = { label: '2026年第四季度', to: '2026-12-31' };
    assert.equal(periodLine(period, { label: '2026年第三季度' }, '2026-11-26'),
      '本期 2026年第四季度（截至 2026-11-26） · 上期 2026年第三季度');
    assert.equal(periodLine({ label: '2025年', to: '2025-12-31' }, { label: '2024年' }, '2026-11-26'), '本期 2025年 · 上期 2024年');
    assert.equal(periodLine(null, null), '');
  });
});
