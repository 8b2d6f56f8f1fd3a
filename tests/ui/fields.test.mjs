import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  fieldError, text, isDateText, parseDateField, parseAmount, parseWhole, requiredText, yearOf, yearOptions,
  valuesChanged, rangeText,
} from '../../ui/js/logic/fields.js';

describe('dates', () => {
  const valid = ['2026-03-01', '2024-02-29', '2026-12-31'];
  const invalid = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-3-1', '', null, 'abc', '2026-00-10'];
  for (const d of valid) test(`${d} is a date`, () => assert.equal(isDateText(d), true));
  for (const d of invalid) test(`${JSON.stringify(d)} is not a date`, () => assert.equal(isDateText(d), false));

  const typed = [
    ['2026/3/1', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['20260301', '2026-03-01'],
    ['２０２６-０３-０１', '2026-03-01'],
    ['  ', ''],
  ];
  for (const [raw, want] of typed) {
    test(`typed ${JSON.stringify(raw)} → ${JSON.stringify(want)}`, () => {
      assert.deepEqual(parseDateField(raw, 'heldOn', '会议日期'), { ok: true, value: want });
    });
  }
  test('a wrong date names the field and says how to write it', () => {
    const r = parseDateField('2026-02-30', 'termEnd', '任期结束日期');
    assert.equal(r.ok, false);
    assert.deepEqual([r.error.kind, r.error.field], ['validation', 'termEnd']);
    assert.match(r.error.message, /任期结束日期请写成 2026-03-01/);
    assert.equal(parseDateField('下周', 'x', 'x').ok, false);
  });
  test('a required date may not be empty', () => {
    const r = parseDateField('', 'heldOn', '会议日期', { required: true });
    assert.equal(r.error.field, 'heldOn');
    assert.match(r.error.message, /请填写会议日期/);
  });
});

describe('numbers', () => {
  const amounts = [
    ['', ''], ['0', 0], ['5000', 5000], ['1,200.50', 1200.5], ['3000元', 3000], ['１０００', 1000], [' 12 ', 12],
  ];
  for (const [raw, want] of amounts) {
    test(`amount ${JSON.stringify(raw)} → ${JSON.stringify(want)}`, () => assert.deepEqual(parseAmount(raw, 'money', '投入资金'), { ok: true, value: want }));
  }
  for (const raw of ['-1', '1.234', 'abc', '1e5']) {
    test(`amount ${raw} is refused`, () => {
      const r = parseAmount(raw, 'money', '投入资金');
      assert.equal(r.ok, false);
      assert.equal(r.error.field, 'money');
      assert.match(r.error.message, /投入资金/);
    });
  }
  const wholes = [['', ''], ['12', 12], ['12人', 12], ['1,000', 1000], ['３', 3]];
  for (const [raw, want] of wholes) {
    test(`whole ${JSON.stringify(raw)} → ${JSON.stringify(want)}`, () => assert.deepEqual(parseWhole(raw, 'people', '投入人力'), { ok: true, value: want }));
  }
  for (const raw of ['1.5', '-2', 'x']) {
    test(`whole ${raw} is refused`, () => assert.equal(parseWhole(raw, 'people', '投入人力').error.field, 'people'));
  }
  test('huge whole numbers are refused', () => assert.equal(parseWhole('99999999999999999999', 'people', '人力').ok, false));
});

describe('text', () => {
  test('trim and required', () => {
    assert.equal(text('  a '), 'a');
    assert.equal(text(null), '');
    assert.deepEqual(requiredText(' 王芳 ', 'name', '姓名'), { ok: true, value: '王芳' });
    assert.deepEqual(requiredText('  ', 'name', '姓名'), fieldError('name', '请填写姓名。'));
    assert.equal(requiredText('', 'name', '姓名', '自定义').error.message, '自定义');
  });
  test('ranges', () => {
    assert.equal(rangeText('2024-01-01', '2026-12-31'), '2024-01-01 至 2026-12-31');
    assert.equal(rangeText('2024-01-01', null), '2024-01-01 起');
    assert.equal(rangeText('', '2026-12-31'), '至 2026-12-31');
    assert.equal(rangeText(null, undefined), '—');
  });
});

describe('years', () => {
  test('yearOf', () => {
    assert.equal(yearOf('2026-03-01'), '2026');
    assert.equal(yearOf(''), '');
    assert.equal(yearOf(null), '');
  });
  test('this year and the four before, plus years in the data, newest first', () => {
    assert.deepEqual(yearOptions(2026), ['2026', '2025', '2024', '2023', '2022']);
    assert.deepEqual(yearOptions(2026, ['2019', '2025', 'x', '', null], 1), ['2026', '2025', '2019']);
    assert.deepEqual(yearOptions(2026, ['2027'], 0), ['2027', '2026']);
  });
});

describe('valuesChanged', () => {
  const base = { name: '王芳', exists: true, ids: ['a', 'b'], rows: [{ decision: 'x', owner: '' }] };
  test('same values (text trimmed) are unchanged', () => {
    assert.equal(valuesChanged(base, { ...base, name: ' 王芳 ' }), false);
  });
  test('a changed text, checkbox, list or row is a change', () => {
    assert.equal(valuesChanged(base, { ...base, name: '王芳芳' }), true);
    assert.equal(valuesChanged(base, { ...base, exists: false }), true);
    assert.equal(valuesChanged(base, { ...base, ids: ['a'] }), true);
    assert.equal(valuesChanged(base, { ...base, rows: [{ decision: 'x', owner: '李' }] }), true);
  });
  test('no baseline: nothing to lose', () => assert.equal(valuesChanged(null, base), false));
});
