import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  fieldError, text, phoneText, isDateText, parseDateField, parseAmount, parseWhole, requiredText, yearOf, yearOptions,
  valuesChanged, rangeText, formValues, formText,
} from '../../ui/js/logic/fields.js';
import { dutyFormValues } from '../../ui/js/logic/duties.js';
import { gridMatterFormValues } from '../../ui/js/logic/gridmatters.js';
import { sessionFormValues } from '../../ui/js/logic/training.js';
import { callbackFormValues } from '../../ui/js/logic/surveys.js';
import { indicatorFormValues } from '../../ui/js/logic/assessment.js';
import { entryFormValues } from '../../ui/js/logic/cleanups.js';
import { admissionFormValues } from '../../ui/js/logic/admissions.js';

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
    assert.match(r.error.message, /任期结束日期“2026-02-30”不是日历上的日子/, 'written as a date: it says which part is wrong');
    assert.match(parseDateField('三月一日前', 'termEnd', '任期结束日期').error.message, /任期结束日期请写成 2026-03-01/);
    assert.equal(parseDateField('下周', 'x', 'x').ok, false);
  });
  test('a year outside 1900–2100 is refused as the core refuses it', () => {
    for (const raw of ['0024-03-01', '3024-01-01']) {
      const r = parseDateField(raw, 'startDate', '到岗日期');
      assert.equal(r.ok, false, raw);
      assert.match(r.error.message, /到岗日期“\d{4}-\d{2}-\d{2}”的年份不对，请写四位年份/);
    }
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

describe('a form\'s starting values (one rule for every record form)', () => {
  const FIELDS = ['name', 'unitId', 'money', 'ids', 'level', 'done'];
  test('a new record: every field blank, or the default given for it', () => {
    assert.deepEqual(formValues(null, FIELDS, { blank: { level: 'township', ids: [] } }),
      { name: '', unitId: '', money: '', ids: [], level: 'township', done: '' });
  });
  test('a stored record: its values, numbers as digits and lists as text, defaults only where it has none', () => {
    const r = { name: '王芳', unitId: 12, money: 1000.5, ids: [3, 'b'], level: null, done: false, other: 'x' };
    assert.deepEqual(formValues(r, FIELDS, { blank: { level: 'township' } }),
      { name: '王芳', unitId: '12', money: '1000.5', ids: ['3', 'b'], level: 'township', done: false });
  });
  test('what the caller works out goes over the record', () => {
    assert.deepEqual(formValues({ name: '甲', phone: '138****5678' }, ['name', 'phone'], { set: { phone: '13812345678' } }),
      { name: '甲', phone: '13812345678' });
  });
  test('a form\'s values as trimmed text, one per field; its error names the field', () => {
    assert.deepEqual(formText({ name: ' 甲 ', n: 3, x: 'dropped' }, ['name', 'n', 'none']), { name: '甲', n: '3', none: '' });
    assert.deepEqual(fieldError('name', '请填写名称。'), { ok: false, error: { kind: 'validation', field: 'name', message: '请填写名称。' } });
    assert.deepEqual(fieldError('decisions', '第 2 条：请填写决定事项。', { row: 1, part: 'decision' }).error,
      { kind: 'validation', field: 'decisions', message: '第 2 条：请填写决定事项。', row: 1, part: 'decision' });
  });
  test('a phone as typed: trimmed, half-width, no spaces (领导, 共建单位, 诉求)', () => {
    assert.equal(phoneText(' １３８ ０００　０１２３４ '), '13800001234');
    assert.equal(phoneText('025-8888 6666'), '025-88886666');
    assert.equal(phoneText(null), '');
  });
  test('refused.mjs assertRefused passes such a refusal only, on its field, in Chinese', () => {
    assert.equal(assertRefused(fieldError('name', '请填写名称。'), 'name', { fields: ['name'] }).message, '请填写名称。');
    assert.throws(() => assertRefused({ ok: true, input: {} }, 'name'));
    assert.throws(() => assertRefused(fieldError('name', '请填写名称。'), 'note'));
    assert.throws(() => assertRefused(fieldError('name', 'name is required'), 'name'));
    assert.throws(() => assertRefused(fieldError('name', '请填写名称。'), 'name', { fields: ['title'] }));
  });

  // Forms whose values come from formValues: a new record, then a stored one.
  const cases = [
    ['三清单事项', (r) => dutyFormValues(r, 'taken_back'),
      { list: 'taken_back', field: '其他', number: '', name: '', basis: '', townshipRole: '', leadDepartment: '',
        takenBackBy: '', takenBackOn: '', listedOn: '', remark: '' },
      { list: 'assisting', fieldLabel: '民生服务', field: 'livelihood', number: '1.2', name: '代办', remark: '' },
      { list: 'assisting', field: '民生服务', number: '1.2', name: '代办', basis: '', townshipRole: '', leadDepartment: '',
        takenBackBy: '', takenBackOn: '', listedOn: '', remark: '' }],
    ['网格事项', gridMatterFormValues,
      { category: '联系群众', name: '', requirement: '', frequency: '', listedOn: '', remark: '' },
      { categoryLabel: '安全巡查', category: 'patrol', name: '巡查', requirement: '每周', frequency: null },
      { category: '安全巡查', name: '巡查', requirement: '每周', frequency: '', listedOn: '', remark: '' }],
    ['培训', sessionFormValues,
      { level: 'township', organiser: '', date: '', topic: '', hours: '', place: '', method: 'in_person', note: '' },
      { level: 'county', organiser: '组织部', date: '2026-08-08', topic: '政策', hours: 2.5, place: '', method: 'online' },
      { level: 'county', organiser: '组织部', date: '2026-08-08', topic: '政策', hours: '2.5', place: '', method: 'online', note: '' }],
    ['电话回访', (r) => callbackFormValues(r, '2026-12-01'),
      { calledOn: '2026-12-01', communityId: '', personName: '', phone: '', topic: 'general', topicRef: '', result: 'satisfied', note: '' },
      { calledOn: '2026-07-07', communityId: 'c1', personName: '李', phone: '139****0000', topic: 'demand', topicRef: 'd1', result: 'unsatisfied' },
      { calledOn: '2026-07-07', communityId: 'c1', personName: '李', phone: '139****0000', topic: 'demand', topicRef: 'd1',
        result: 'unsatisfied', note: '' }],
    ['考核指标', (r) => indicatorFormValues(r, 'team'),
      { group: 'team', code: '', name: '', unit: '', points: '', target: '', direction: 'higher', method: 'computed', formula: '',
        retired: '否', note: '' },
      { group: 'service', code: 'S01', name: '办结率', unit: '%', points: 5, target: 0.9, direction: 'lower', method: 'manual',
        retired: true },
      { group: 'service', code: 'S01', name: '办结率', unit: '%', points: '5', target: '0.9', direction: 'lower', method: 'manual',
        formula: '', retired: '是', note: '' }],
    ['专项整治登记', (r) => entryFormValues(r, 'mechanisms'),
      { name: '', unitId: '', department: '', decision: '', basis: '', resultDate: '', remark: '', category: '工作机制',
        issuedThisYear: '', personId: '', idNumber: '', startDate: '', endDate: '', approved: false, approvalNumber: '' },
      { name: '领导小组', unitId: 7, decision: 'keep', decisionLabel: '保留', category: 'c', categoryLabel: '委员会',
        issuedThisYear: 3, approved: true },
      { name: '领导小组', unitId: '7', department: '', decision: '保留', basis: '', resultDate: '', remark: '', category: '委员会',
        issuedThisYear: '3', personId: '', idNumber: '', startDate: '', endDate: '', approved: true, approvalNumber: '' }],
    ['准入事项', (r) => admissionFormValues(r, '2026-12-01'),
      { department: '', matter: '', content: '', basis: '', resources: [], resourcesNote: '', level: 'township', unitIds: [],
        term: 'long', endDate: '', appliedOn: '2026-12-01', note: '' },
      { department: '民政办', matter: '代办', resources: ['money'], unitIds: [4], term: 'short', appliedOn: '2026-01-02' },
      { department: '民政办', matter: '代办', content: '', basis: '', resources: ['money'], resourcesNote: '', level: 'township',
        unitIds: ['4'], term: 'short', endDate: '', appliedOn: '2026-01-02', note: '' }],
  ];
  for (const [what, values, fresh, stored, want] of cases) {
    test(`${what}: a new one, then a stored one`, () => {
      assert.deepEqual(values(null), fresh);
      assert.deepEqual(values(stored), want);
    });
  }
});
