import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  OTHER_DEPARTMENT, businessGridStatus, mappingText, groupByDepartment, departmentChoice, parseBusinessGridForm,
  mappableBaseGrids, mergedOnArg, baseGridRows, absorbedText, statusCounts,
} from '../../ui/js/logic/bizgrids.js';
import { tree } from './fixtures.mjs';

const M = (baseGridId, mergedOn = null, baseGridName = baseGridId) => ({ baseGridId, baseGridName, mergedOn });
const BG = (id, department, name, mappings = []) => ({ id, department, name, note: '', merged: false, mappings });

describe('businessGridStatus', () => {
  const cases = [
    [[], 'unmapped', '未对应'],
    [[M('g1', '2026-03-01')], 'merged', '已全部纳入'],
    [[M('g1', '2026-03-01'), M('g2', '2026-04-01')], 'merged', '已全部纳入'],
    [[M('g1', '2026-03-01'), M('g2')], 'partial', '部分纳入（1/2）'],
    [[M('g1', '2026-03-01'), M('g2'), M('g3')], 'partial', '部分纳入（1/3）'],
    [[M('g1')], 'pending', '已对应，待纳入'],
    [[M('g1'), M('g2')], 'pending', '已对应，待纳入'],
  ];
  for (const [maps, key, label] of cases) {
    test(`${maps.map((m) => m.mergedOn ?? '-').join(',') || '(none)'} → ${label}`, () => {
      const s = businessGridStatus(BG('b', '综治', 'x', maps));
      assert.equal(s.key, key);
      assert.equal(s.label, label);
      assert.equal(s.total, maps.length);
    });
  }
  test('missing mappings count as none', () => assert.equal(businessGridStatus({}).key, 'unmapped'));

  test('statusCounts', () => {
    assert.deepEqual(statusCounts([
      BG('1', 'a', 'a'), BG('2', 'a', 'b', [M('g1', '2026-01-01')]), BG('3', 'a', 'c', [M('g1')]),
      BG('4', 'a', 'd', [M('g1'), M('g2', '2026-01-01')]), BG('5', 'a', 'e'),
    ]), { merged: 1, partial: 1, pending: 1, unmapped: 2 });
  });
});

test('mapping and absorbed texts', () => {
  assert.equal(mappingText(M('g1', '2026-03-01', '第一网格')), '第一网格（2026-03-01 纳入）');
  assert.equal(mappingText(M('g1', null, '第一网格')), '第一网格（未纳入）');
  assert.equal(absorbedText({ department: '综治', name: '一网格', mergedOn: '2026-03-01' }), '综治 · 一网格（2026-03-01 纳入）');
  assert.equal(absorbedText({ department: '城管', name: '三片区', mergedOn: null }), '城管 · 三片区（未纳入）');
});

describe('groupByDepartment', () => {
  const list = [BG('1', '城管', '乙'), BG('2', '水务', '河长'), BG('3', '综治', '二'), BG('4', '综治', '一'), BG('5', '城管', '甲'), BG('6', '交通', '路')];
  test('offered departments first in their order, then others by name (pinyin); grids by name', () => {
    const g = groupByDepartment(list, ['综治', '城管', '市场监管']);
    assert.deepEqual(g.map((x) => x.department), ['综治', '城管', '交通', '水务']);
    assert.deepEqual(g[0].grids.map((x) => x.id), ['3', '4']); // 二 (er) before 一 (yi)
    assert.deepEqual(g[1].grids.map((x) => x.id), ['5', '1']);
  });
  test('empty', () => assert.deepEqual(groupByDepartment([], ['综治']), []));
  test('input is not mutated', () => {
    const copy = [...list];
    groupByDepartment(list, []);
    assert.deepEqual(list, copy);
  });
});

describe('department select', () => {
  const deps = ['综治', '城管'];
  test('a listed department', () => assert.deepEqual(departmentChoice('城管', deps), { select: '城管', other: '' }));
  test('another department goes to 其他', () => assert.deepEqual(departmentChoice('水务', deps), { select: OTHER_DEPARTMENT, other: '水务' }));
  test('a new grid starts on the first department', () => assert.deepEqual(departmentChoice('', deps), { select: '综治', other: '' }));
  test('no departments offered', () => assert.deepEqual(departmentChoice('', []), { select: OTHER_DEPARTMENT, other: '' }));
});

describe('parseBusinessGridForm', () => {
  test('a listed department', () => {
    assert.deepEqual(parseBusinessGridForm({ select: '综治', other: 'ignored', name: ' 一网格 ', note: ' n ' }),
      { ok: true, input: { department: '综治', name: '一网格', note: 'n' } });
  });
  test('another department typed in', () => {
    assert.deepEqual(parseBusinessGridForm({ select: OTHER_DEPARTMENT, other: ' 水务 ', name: '河长制', note: '' }).input,
      { department: '水务', name: '河长制', note: '' });
  });
  test('其他 with nothing typed', () => {
    const r = parseBusinessGridForm({ select: OTHER_DEPARTMENT, other: ' ', name: 'x' });
    assert.equal(r.ok, false);
    assert.equal(r.error.field, 'department');
    assert.equal(r.error.message, '请选择或填写所属部门。');
  });
  test('no name', () => {
    const r = parseBusinessGridForm({ select: '综治', name: '' });
    assert.deepEqual(r.error, { kind: 'validation', field: 'name', message: '请填写业务网格名称。' });
  });
});

describe('mappableBaseGrids', () => {
  test('base grids not yet mapped, with paths, in tree order', () => {
    const opts = mappableBaseGrids(tree(), BG('b', '综治', 'x', [M('g2')]));
    assert.deepEqual(opts.map((o) => o.id), ['g1', 'g3', 'g4']);
    assert.equal(opts[0].label, '青溪社区 › 阳光花园 › 第一网格');
    assert.equal(opts[0].code, '320115101001001001');
  });
  test('nothing mapped yet: every base grid', () => assert.equal(mappableBaseGrids(tree(), BG('b', 'a', 'b')).length, 4));
});

describe('mergedOnArg', () => {
  const cases = [['', ''], ['  ', ''], ['2026-03-01', '2026-03-01'], ['2026/3/1', '2026-03-01'], ['20260301', '2026-03-01'], ['明天', '明天']];
  for (const [raw, out] of cases) test(`${JSON.stringify(raw)} → ${JSON.stringify(out)}`, () => assert.equal(mergedOnArg(raw), out));
});

describe('baseGridRows', () => {
  const merges = [
    { baseGridId: 'g1', absorbed: [{ department: '综治', name: 'a', mergedOn: '2026-03-01' }] },
    { baseGridId: 'g2', absorbed: [] },
    { baseGridId: 'g3', absorbed: [{ department: '城管', name: 'b', mergedOn: null }] },
    { baseGridId: 'g4' },
  ];
  test('all', () => assert.equal(baseGridRows(merges).length, 4));
  test('only those that merged nothing yet (mapped but not 纳入 counts as nothing)', () => {
    assert.deepEqual(baseGridRows(merges, { onlyEmpty: true }).map((m) => m.baseGridId), ['g2', 'g3', 'g4']);
  });
  test('not an array', () => assert.deepEqual(baseGridRows(null), []));
});
