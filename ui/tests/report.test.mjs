import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  reportColumns, columnTotals, reportTable, scopeLabel, drillKindLabel, drillView, reportTitle, reportFileName, printDateText,
  DRILL_LIMIT,
} from '../js/logic/report.js';

const COUNTY = { level: 'county', code: '320115000000', name: '江宁区' };
const KEYS = [
  { key: 'grids.base', label: '基础网格' },
  { key: 'people.grid_workers', label: '在岗网格员' },
  { key: 'demands.received', label: '收到的需求' },
];
const REPORT = {
  keys: KEYS,
  own: { 'grids.base': 0, 'people.grid_workers': 1, 'demands.received': 0 },
  offices: {
    '320115102000': {
      name: '秣陵街道', level: 'township', sequence: 2, exportedAt: '2026-11-20T02:00:00Z', receivedAt: '2026-11-21T02:00:00Z',
      totals: { 'grids.base': 5, 'people.grid_workers': 6, 'demands.received': 0 },
    },
    '320115101000': {
      name: '青溪街道', level: 'township', sequence: 3, exportedAt: '2026-11-22T02:00:00Z', receivedAt: '2026-11-23T02:00:00Z',
      totals: { 'grids.base': 8, 'people.grid_workers': 9, 'demands.received': 0 },
    },
  },
  total: { 'grids.base': 13, 'people.grid_workers': 16, 'demands.received': 0 },
};

describe('columns', () => {
  test('本单位, offices by code, 合计', () => {
    const cols = reportColumns(REPORT, COUNTY);
    assert.deepEqual(cols.map((c) => [c.scope, c.label, c.received]), [
      ['own', '本单位', false],
      ['320115101000', '青溪街道', true],
      ['320115102000', '秣陵街道', true],
      ['all', '合计', false],
    ]);
    assert.match(cols[1].title, /^青溪街道（320115101000），第 3 次导出，导出于 2026-11-22/);
    assert.equal(cols[0].title, '本单位：江宁区');
  });
  test('a township: only 本单位', () => {
    const r = { keys: KEYS, own: { 'grids.base': 4 }, offices: {}, total: { 'grids.base': 4 } };
    assert.deepEqual(reportColumns(r, { code: '320115101000', name: '青溪街道' }).map((c) => c.scope), ['own']);
    assert.deepEqual(reportColumns(null, null).map((c) => c.scope), ['own']);
  });
  test('totals by scope', () => {
    assert.equal(columnTotals(REPORT, 'own')['people.grid_workers'], 1);
    assert.equal(columnTotals(REPORT, 'all')['grids.base'], 13);
    assert.equal(columnTotals(REPORT, '320115102000')['grids.base'], 5);
    assert.deepEqual(columnTotals(REPORT, '999999999999'), {});
  });
  test('scope labels', () => {
    assert.equal(scopeLabel(REPORT, 'own', COUNTY), '本单位');
    assert.equal(scopeLabel(REPORT, 'all', COUNTY), '合计');
    assert.equal(scopeLabel(REPORT, '320115102000', COUNTY), '秣陵街道');
    assert.equal(scopeLabel(REPORT, 'x', COUNTY), 'x');
  });
});

describe('table', () => {
  test('rows follow the keys; zero is not drillable', () => {
    const t = reportTable(REPORT, COUNTY);
    assert.deepEqual(t.rows.map((r) => r.key), ['grids.base', 'people.grid_workers', 'demands.received']);
    assert.deepEqual(t.rows[0].cells, [
      { scope: 'own', value: 0, drillable: false },
      { scope: '320115101000', value: 8, drillable: true },
      { scope: '320115102000', value: 5, drillable: true },
      { scope: 'all', value: 13, drillable: true },
    ]);
    assert.ok(t.rows[2].cells.every((c) => !c.drillable && c.value === 0));
    assert.equal(t.rows[1].label, '在岗网格员');
  });
  test('a missing key counts 0; a label falls back to the key', () => {
    const t = reportTable({ keys: [{ key: 'new.key' }], own: {}, offices: {}, total: {} }, null);
    assert.deepEqual(t.rows, [{ key: 'new.key', label: 'new.key', cells: [{ scope: 'own', value: 0, drillable: false }] }]);
  });
  test('the total column is the sum of the others for every key (as the backend reports it)', () => {
    const t = reportTable(REPORT, COUNTY);
    for (const r of t.rows) {
      const sum = r.cells.filter((c) => c.scope !== 'all').reduce((s, c) => s + c.value, 0);
      assert.equal(r.cells.find((c) => c.scope === 'all').value, sum, r.key);
    }
  });
  test('no keys, no rows', () => assert.deepEqual(reportTable({}, COUNTY).rows, []));
});

const DRILL = {
  key: 'people.grid_workers',
  label: '在岗网格员',
  scope: 'all',
  count: 3,
  rows: [
    { kind: 'person', id: 'p1', officeCode: '320115000000', officeName: '江宁区', code: '', name: '王芳', detail: '网格员（专职）' },
    { kind: 'person', id: 'p2', officeCode: '320115101000', officeName: '青溪街道', code: '', name: '李强', detail: '网格员（兼职） · 一网格' },
    { kind: 'unit', id: 'u1', officeCode: '320115102000', officeName: '秣陵街道', code: '320115102001001', name: '一网格', detail: '' },
  ],
};

describe('drill-down', () => {
  test('kind labels', () => {
    assert.equal(drillKindLabel('unit'), '组织单位');
    assert.equal(drillKindLabel('person'), '人员');
    assert.equal(drillKindLabel('business_grid'), '业务网格');
    assert.equal(drillKindLabel('x'), 'x');
  });
  test('合计 mixes own and received records: read-only note, rows marked', () => {
    const v = drillView(DRILL, { office: COUNTY, columnLabel: '合计' });
    assert.equal(v.title, '在岗网格员 · 合计');
    assert.equal(v.countText, '共 3 条');
    assert.equal(v.received, true);
    assert.deepEqual(v.rows.map((r) => [r.office, r.kind, r.name, r.received]), [
      ['江宁区', '人员', '王芳', false],
      ['青溪街道', '人员', '李强', true],
      ['秣陵街道', '组织单位', '一网格', true],
    ]);
    assert.equal(v.rows[1].detail, '网格员（兼职） · 一网格');
  });
  test('本单位 is never read-only', () => {
    const v = drillView({ ...DRILL, scope: 'own', rows: [DRILL.rows[0]], count: 1 }, { office: COUNTY, columnLabel: '本单位' });
    assert.equal(v.received, false);
    assert.equal(v.rows[0].received, false);
  });
  test('an office below is read-only', () => {
    const v = drillView({ ...DRILL, scope: '320115101000', rows: [DRILL.rows[1]], count: 1 }, { office: COUNTY, columnLabel: '青溪街道' });
    assert.equal(v.received, true);
  });
  test('a long list is cut, and says so', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ ...DRILL.rows[1], id: `p${i}` }));
    const v = drillView({ ...DRILL, rows, count: 12000 }, { office: COUNTY, columnLabel: '合计', limit: 3 });
    assert.equal(v.rows.length, 3);
    assert.equal(v.countText, '共 12000 条，下面列出前 3 条');
    assert.ok(DRILL_LIMIT >= 500);
  });
  test('a missing count is the number of rows', () => {
    assert.equal(drillView({ ...DRILL, count: undefined }, { office: COUNTY }).countText, '共 3 条');
  });
  test('names stay literal', () => {
    const v = drillView({ ...DRILL, rows: [{ ...DRILL.rows[0], name: '<img src=x onerror=alert(1)>' }] }, { office: COUNTY });
    assert.equal(v.rows[0].name, '<img src=x onerror=alert(1)>');
  });
});

describe('print and export names', () => {
  const d = new Date(2026, 10, 27, 9, 30);
  test('title', () => assert.equal(reportTitle({ name: '江宁区' }), '江宁区统计报表'));
  test('file name', () => {
    assert.equal(reportFileName({ name: '江宁区' }, d), '江宁区_统计报表_20261127.xlsx');
    assert.equal(reportFileName({ name: 'a/b:c' }, d), 'a_b_c_统计报表_20261127.xlsx');
    assert.equal(reportFileName(null, d), '统计报表_20261127.xlsx');
  });
  test('print date', () => assert.equal(printDateText(d), '打印日期：2026-11-27'));
});
