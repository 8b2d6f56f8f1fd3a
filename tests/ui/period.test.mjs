import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  PERIOD_KINDS, PERIOD_ALL, defaultPeriod, withKind, thisQuarter, periodText, periodLabel, periodYears, periodLine,
  periodBounds, inPeriod, periodProblem,
} from '../../ui/js/logic/period.js';

describe('统计期间', () => {
  test('a custom span ending before it starts is said, not passed over', () => {
    const s = { kind: 'custom', from: '2026-10-01', to: '2026-09-01' };
    assert.equal(periodText(s), '');
    assert.equal(periodProblem(s), '结束日期 2026-09-01 早于开始日期 2026-10-01，请核对。');
    assert.equal(periodProblem({ ...s, to: '2026-10-31' }), '');
    // A date the box could not read is said too (the control tidies 2026/1/1 first).
    assert.equal(periodProblem({ ...s, to: '2026/13/01' }), '结束日期“2026/13/01”无法识别，请写成 2026-01-01 这样的日期。');
    assert.equal(periodProblem({ ...s, from: '', to: '' }), '', 'nothing typed yet');
    assert.equal(periodProblem({ kind: 'year', year: 2026 }), '');
  });

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
    assert.deepEqual(periodYears('2026-11-26'), [2026, 2025, 2024, 2023, 2022, 2021], 'no year ahead');
  });
  test('the line above the figures', () => {
    const period = { label: '2026年第四季度', to: '2026-12-31' };
    assert.equal(periodLine(period, { label: '2026年第三季度' }, '2026-11-26'),
      '本期 2026年第四季度（截至 2026-11-26） · 上期 2026年第三季度');
    assert.equal(periodLine({ label: '2025年', to: '2025-12-31' }, { label: '2024年' }, '2026-11-26'), '本期 2025年 · 上期 2024年');
    assert.equal(periodLine(null, null), '');
    // A span's 上期 is said to be the days just before it, not 去年同期.
    assert.equal(periodLine({ kind: 'custom', label: '2026-03-01至2026-08-31', to: '2026-08-31' }, { label: '2025-08-29至2026-02-28' }, '2026-11-26'),
      '本期 2026-03-01至2026-08-31 · 上期 2025-08-29至2026-02-28（紧接本期之前、天数相同）');
  });

  test('全部 on the lists: no text, every record', () => {
    const all = { ...defaultPeriod('2026-11-26'), kind: PERIOD_ALL.value };
    assert.equal(periodText(all), '');
    assert.equal(periodLabel(all), '全部');
    assert.equal(periodText(withKind(all, 'quarter')), '2026Q4', 'from 全部 to 季度: this quarter');
  });

  test('a past year switched to 季度 or 月 is its last quarter or month (probe Z: 2026年第一季度 in January 2027)', () => {
    const today = '2027-01-05';
    const y2026 = { ...defaultPeriod(today), year: 2026 };
    assert.equal(periodText(withKind(y2026, 'quarter', today)), '2026Q4');
    assert.equal(periodText(withKind(y2026, 'month', today)), '2026-12');
    assert.equal(periodText(withKind(defaultPeriod(today), 'quarter', today)), '2027Q1', 'this year: this quarter');
    // Between quarter and month, inside the chosen one.
    const q3 = { ...y2026, kind: 'quarter', quarter: 3 };
    assert.equal(periodText(withKind(q3, 'month', today)), '2026-09');
    assert.equal(periodText(withKind({ ...y2026, kind: 'month', month: 5 }, 'quarter', today)), '2026Q2');
    const now = { ...defaultPeriod('2026-11-26'), kind: 'quarter' };
    assert.equal(periodText(withKind(now, 'month', '2026-11-26')), '2026-11', 'the current quarter: this month');
  });
});

describe('inPeriod: a record’s day in the list’s 期间', () => {
  test('a year: its first and last day, not the days either side', () => {
    assert.equal(inPeriod('2026-01-01', '2026'), true);
    assert.equal(inPeriod('2026-12-31', '2026'), true);
    assert.equal(inPeriod('2025-12-31', '2026'), false);
    assert.equal(inPeriod('2027-01-01', '2026'), false);
    assert.equal(inPeriod('2026-06-15', '2026年'), true, '2026年 reads as 2026');
  });
  test('quarter boundaries', () => {
    assert.equal(inPeriod('2026-03-31', '2026Q1'), true);
    assert.equal(inPeriod('2026-04-01', '2026Q1'), false);
    assert.equal(inPeriod('2026-04-01', '2026Q2'), true);
    assert.equal(inPeriod('2026-06-30', '2026Q2'), true);
    assert.equal(inPeriod('2026-07-01', '2026Q2'), false);
    assert.equal(inPeriod('2026-12-31', '2026Q4'), true);
    assert.equal(inPeriod('2026-09-30', '2026年第四季度'), false);
    assert.equal(inPeriod('2026-10-01', '2026年第四季度'), true);
    assert.equal(inPeriod('2026-10-01', '2026q4'), true);
    assert.deepEqual(periodBounds('2026Q1'), { from: '2026-01-01', to: '2026-03-31' });
  });
  test('a month: its last day in February and in a leap year', () => {
    assert.deepEqual(periodBounds('2026-02'), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(periodBounds('2028-02'), { from: '2028-02-01', to: '2028-02-29' });
    assert.equal(inPeriod('2026-11-30', '2026-11'), true);
    assert.equal(inPeriod('2026-12-01', '2026-11'), false);
    assert.equal(inPeriod('2026-11-05', '2026年11月'), true);
    assert.equal(inPeriod('2026-11-05T09:30:00+08:00', '2026-11'), true, 'a time counts by its day');
  });
  test('custom: both ends included, 至 as well as ..', () => {
    assert.equal(inPeriod('2026-10-01', '2026-10-01..2026-10-15'), true);
    assert.equal(inPeriod('2026-10-15', '2026-10-01..2026-10-15'), true);
    assert.equal(inPeriod('2026-10-16', '2026-10-01..2026-10-15'), false);
    assert.equal(inPeriod('2026-09-30', '2026-10-01至2026-10-15'), false);
    assert.equal(inPeriod('2026-10-05', '2026-10-01至2026-10-15'), true);
  });
  test('全部 takes every record, even one without a date; a period takes none without one', () => {
    for (const t of ['', '全部', null, undefined]) {
      assert.equal(inPeriod('2019-05-01', t), true);
      assert.equal(inPeriod('', t), true);
      assert.equal(inPeriod(null, t), true);
    }
    assert.equal(inPeriod('', '2026'), false);
    assert.equal(inPeriod(null, '2026Q4'), false);
    assert.equal(inPeriod('2026-13-01', '2026'), false, 'not a day');
    assert.equal(inPeriod('2026-02-30', '2026'), false, 'not a day');
  });
  test('text that names no period takes no record', () => {
    for (const t of ['2026Q5', '2026-13', '26', 'abc', '2026-10-15..2026-10-01', '2026-02-30..2026-03-01', '1999', '2026..', 'a..b..c']) {
      assert.equal(periodBounds(t), null, t);
      assert.equal(inPeriod('2026-10-05', t), false, t);
    }
  });
});
