import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  officeColumns, cellValue, rateText, rankRows, sortRows, nextSort, officeTable, keyTable, scopeLabel, drillKindLabel, drillView,
  drillFileName, reportTitle, reportFileName, printDateText, DRILL_LIMIT, RATE_COLUMNS, MAIN_KEYS,
} from '../../ui/js/logic/report.js';

const COUNTY = { level: 'county', code: '320115000000', name: '江宁区' };
const KEYS = [
  { key: 'grids.base', label: '基础网格', rule: 'stock' },
  { key: 'people.grid_workers', label: '在岗网格员', rule: 'stock' },
  { key: 'compounds.total', label: '小区（自然村/组）', rule: 'stock' },
  { key: 'demands.received', label: '收到的诉求', rule: 'event' },
  { key: 'lists.basic_duties', label: '基本履职事项', rule: 'stock' },
];
const row = (scope, name, rates, figures, previous = figures) => ({
  scope, code: scope === 'own' ? '320115000000' : scope, name, rates, figures, previous,
});
// Four townships, counted by hand: 三亮率 90, 75, 90, — ; 网格 8, 5, 12, 0.
const REPORT = {
  keys: KEYS,
  rows: [
    row('320115101000', '青溪街道', { coverage: 100, sanliang: 90, onTime: 50, satisfaction: null },
      { 'grids.base': 8, 'people.grid_workers': 9, 'compounds.total': 10, 'demands.received': 2, 'lists.basic_duties': 117 }),
    row('320115102000', '秣陵街道', { coverage: 80, sanliang: 75, onTime: null, satisfaction: 95.5 },
      { 'grids.base': 5, 'people.grid_workers': 6, 'compounds.total': 4, 'demands.received': 0, 'lists.basic_duties': 99 }),
    row('320115103000', '东山街道', { coverage: 91.7, sanliang: 90, onTime: 100, satisfaction: 80 },
      { 'grids.base': 12, 'people.grid_workers': 11, 'compounds.total': 10, 'demands.received': 7, 'lists.basic_duties': 0 }),
    row('320115104000', '汤山街道', { coverage: null, sanliang: null, onTime: null, satisfaction: null },
      { 'grids.base': 0, 'people.grid_workers': 0, 'compounds.total': 0, 'demands.received': 0, 'lists.basic_duties': 0 }),
  ],
  total: row('total', '合计', { coverage: 92, sanliang: 87.5, onTime: 88.9, satisfaction: 90 },
    { 'grids.base': 25, 'people.grid_workers': 26, 'compounds.total': 24, 'demands.received': 9, 'lists.basic_duties': 216 },
    { 'grids.base': 20, 'people.grid_workers': 20, 'compounds.total': 20, 'demands.received': 4, 'lists.basic_duties': 200 }),
};
const names = (rows) => rows.map((r) => r.name);

describe('columns', () => {
  test('单位, the four rates, then the main figures; labels, never keys', () => {
    const cols = officeColumns(REPORT);
    assert.deepEqual(cols.map((c) => c.label), ['单位', '网格覆盖率', '三亮率', '按期办结率', '满意率',
      '基础网格', '在岗网格员', '小区（自然村/组）', '收到的诉求']);
    assert.ok(cols.every((c) => !c.label.includes('.')));
    assert.ok(MAIN_KEYS.includes('compounds.sanliang_complete'));
    // Leader coverage is among them (probe AE: only under 全部统计项).
    assert.ok(MAIN_KEYS.includes('contacts.targets_covered'));
    assert.equal(cols.find((c) => c.id === 'demands.received').title, '收到的诉求（期间内发生）');
    assert.equal(cols.find((c) => c.id === 'grids.base').title, '基础网格（期末数）');
  });
  test('全部统计项: every key in report order', () => {
    const cols = officeColumns(REPORT, { all: true }).filter((c) => c.kind === 'figure');
    assert.deepEqual(cols.map((c) => c.id), KEYS.map((k) => k.key));
  });
  test('rates', () => {
    assert.deepEqual(RATE_COLUMNS.map((r) => r.id), ['coverage', 'sanliang', 'onTime', 'satisfaction']);
    assert.equal(rateText(91.66), '91.7%');
    assert.equal(rateText(100), '100.0%');
    assert.equal(rateText(null), '—');
    assert.equal(cellValue(REPORT.rows[0], 'sanliang'), 90);
    assert.equal(cellValue(REPORT.rows[3], 'sanliang'), null);
    assert.equal(cellValue(REPORT.rows[1], 'grids.base'), 5);
    assert.equal(cellValue(REPORT.rows[1], 'no.such'), null);
  });
});

describe('sorting and 排名', () => {
  test('by 三亮率: ties share a rank (1, 1, 3), no rate no rank and last', () => {
    const ranks = rankRows(REPORT.rows, 'sanliang');
    assert.deepEqual([...ranks.entries()], [
      ['320115101000', 1], ['320115103000', 1], ['320115102000', 3], ['320115104000', null],
    ]);
    assert.deepEqual(names(sortRows(REPORT.rows, 'sanliang', 'desc')), ['青溪街道', '东山街道', '秣陵街道', '汤山街道']);
    assert.deepEqual(names(sortRows(REPORT.rows, 'sanliang', 'asc')), ['秣陵街道', '青溪街道', '东山街道', '汤山街道'],
      'ascending, a row without a rate still last; ties in code order');
  });
  test('by a figure: 0 is a value and is ranked', () => {
    const ranks = rankRows(REPORT.rows, 'grids.base');
    assert.deepEqual(REPORT.rows.map((r) => ranks.get(r.scope)), [2, 3, 1, 4]);
    // The office's own row is not ranked among the offices below it, whatever its figure.
    const own = { ...REPORT.rows[0], scope: 'own', figures: { ...REPORT.rows[0].figures, 'grids.base': 999 } };
    const withOwn = rankRows([own, ...REPORT.rows], 'grids.base');
    assert.equal(withOwn.get('own'), null);
    assert.deepEqual(REPORT.rows.map((r) => withOwn.get(r.scope)), [2, 3, 1, 4]);
    // A township's report is its own row alone: ranked first.
    assert.equal(rankRows([own], 'grids.base').get('own'), 1);
    assert.deepEqual(names(sortRows(REPORT.rows, 'grids.base', 'desc')), ['东山街道', '青溪街道', '秣陵街道', '汤山街道']);
  });
  test('no column: the report’s order (division code), no rank', () => {
    assert.deepEqual(names(sortRows(REPORT.rows, null)), names(REPORT.rows));
    assert.ok([...rankRows(REPORT.rows, null).values()].every((r) => r === null));
    assert.deepEqual(officeTable(REPORT).rows.map((r) => r.rank), [null, null, null, null]);
  });
  test('by name: no rank', () => {
    assert.ok([...rankRows(REPORT.rows, 'name').values()].every((r) => r === null));
    assert.equal(sortRows(REPORT.rows, 'name', 'asc').length, 4);
  });
  test('a click: the default direction, then the other one', () => {
    assert.deepEqual(nextSort({ column: 'name', dir: 'asc' }, 'sanliang'), { column: 'sanliang', dir: 'desc' });
    assert.deepEqual(nextSort({ column: 'sanliang', dir: 'desc' }, 'sanliang'), { column: 'sanliang', dir: 'asc' });
    assert.deepEqual(nextSort({ column: 'sanliang', dir: 'desc' }, 'name'), { column: 'name', dir: 'asc' });
  });
  test('the table: sorted rows with their rank, rates as text, the total last and unranked', () => {
    const t = officeTable(REPORT, { sort: { column: 'coverage', dir: 'desc' } });
    assert.deepEqual(t.rows.map((r) => [r.name, r.rank]), [['青溪街道', 1], ['东山街道', 2], ['秣陵街道', 3], ['汤山街道', null]]);
    const first = t.rows[0].cells;
    assert.deepEqual(first.slice(0, 4).map((c) => c.text), ['100.0%', '90.0%', '50.0%', '—']);
    assert.ok(first.slice(0, 4).every((c) => !c.drillable), 'a rate has no records behind it');
    assert.deepEqual(first[4], { column: 'grids.base', kind: 'figure', value: 8, text: '8', drillable: true });
    assert.equal(t.rows[3].cells[4].drillable, false, '0 opens nothing');
    assert.equal(t.total.name, '合计');
    assert.equal(t.total.rank, null);
    assert.equal(t.previous.name, '上期合计（）');
    assert.deepEqual(t.previous.cells.slice(4, 6).map((c) => c.value), [20, 20], 'the previous period’s figures');
  });
  test('the office’s own ledger is named as such', () => {
    const own = row('own', '江宁区', {}, { 'grids.base': 1 });
    const t = officeTable({ ...REPORT, rows: [...REPORT.rows, own] });
    assert.ok(t.rows.some((r) => r.own && r.name === '江宁区（本单位）'));
  });
});

test('a drill-down of a figure that is no sum says so, from the core', () => {
  const v = drillView({ key: 'assessment.indicators', label: '在用考核指标', scope: 'all', count: 36, records: 108,
    note: '合计 36 是各单位中最多的一个（在用考核指标是各单位自己的设置，不相加）；下面是 3 个单位的全部 108 条', rows: [] });
  assert.match(v.countText, /^合计 36 是各单位中最多的一个/);
  assert.ok(!v.countText.includes('按村/社区报的人数'));
});

describe('a township: 本期 and 上期', () => {
  test('one row per key, the rule as 期间 or 期末', () => {
    const rows = keyTable(REPORT);
    assert.deepEqual(rows.map((r) => [r.label, r.rule, r.now, r.prev]), [
      ['基础网格', '期末', 25, 20],
      ['在岗网格员', '期末', 26, 20],
      ['小区（自然村/组）', '期末', 24, 20],
      ['收到的诉求', '期间', 9, 4],
      ['基本履职事项', '期末', 216, 200],
    ]);
    assert.deepEqual(keyTable({}), []);
    assert.ok(keyTable(REPORT).every((r) => r.prevNote === ''), 'no note where 上期 is the same key');
  });
  test('a county column whose 上期合计 counted another quarter says so', () => {
    const report = { ...REPORT, keys: [{ key: 'assessment.compounds_sampled', label: '2026年第四季度抽中的小区', rule: 'stock', previousLabel: '2026年第三季度抽中的小区' }] };
    const col = officeColumns(report, { all: true }).find((c) => c.id === 'assessment.compounds_sampled');
    assert.equal(col.note, '上期合计一行统计的是“2026年第三季度抽中的小区”');
    assert.ok(officeColumns(REPORT, { all: true }).every((c) => !c.note));
  });
  test('上期 of another quarter is named under the row', () => {
    const report = {
      ...REPORT,
      keys: [{ key: 'assessment.compounds_sampled', label: '2026年第四季度抽中的小区', rule: 'stock', previousLabel: '2026年第三季度抽中的小区' }],
    };
    const [r] = keyTable(report);
    assert.equal(r.label, '2026年第四季度抽中的小区');
    assert.equal(r.prevNote, '上期为2026年第三季度抽中的小区');
  });
  test('scope labels', () => {
    assert.equal(scopeLabel(REPORT, 'own'), '本单位');
    assert.equal(scopeLabel(REPORT, 'all'), '合计');
    assert.equal(scopeLabel(REPORT, '320115102000'), '秣陵街道');
    assert.equal(scopeLabel(REPORT, 'x'), 'x');
  });
});

const DRILL = {
  key: 'people.grid_workers',
  label: '在岗网格员',
  scope: 'all',
  count: 3,
  rows: [
    { kind: 'person', kindLabel: '人员', id: 'p1', officeCode: '320115000000', officeName: '江宁区', code: '', name: '王芳', detail: '网格员（专职）' },
    { kind: 'person', kindLabel: '人员', id: 'p2', officeCode: '320115101000', officeName: '青溪街道', code: '', name: '李强', detail: '网格员（兼职） · 一网格' },
    { kind: 'unit', kindLabel: '组织单位', id: 'u1', officeCode: '320115102000', officeName: '秣陵街道', code: '320115102001001', name: '一网格', detail: '' },
  ],
};

describe('drill-down', () => {
  test("a row's kind as the core names it (kindLabel), else its key", () => {
    assert.equal(drillKindLabel({ kind: 'unit', kindLabel: '组织单位' }), '组织单位');
    assert.equal(drillKindLabel({ kind: 'x' }), 'x');
    assert.equal(drillKindLabel(null), '');
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
  test('a figure counting more than its records (人次 by head count) says both, and lists every record', () => {
    const v = drillView({ ...DRILL, count: 462, records: 3 }, { office: COUNTY, columnLabel: '本单位' });
    assert.equal(v.countText, '合计 462，来自 3 条记录（按村/社区报的人数一条计多人）');
    assert.equal(v.rows.length, 3);
  });
  test('a missing count is the number of rows', () => {
    assert.equal(drillView({ ...DRILL, count: undefined }, { office: COUNTY }).countText, '共 3 条');
  });
  test('the code column is headed by what it holds (联系电话 for people), 代码 when not said', () => {
    assert.equal(drillView({ ...DRILL, codeLabel: '联系电话' }, { office: COUNTY }).codeLabel, '联系电话');
    assert.equal(drillView(DRILL, { office: COUNTY }).codeLabel, '代码');
    assert.equal(drillView({ ...DRILL, nameLabel: '姓名' }, { office: COUNTY }).nameLabel, '姓名');
    assert.equal(drillView(DRILL, { office: COUNTY }).nameLabel, '名称');
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
  test('with the period', () => {
    assert.equal(reportFileName({ name: '江宁区' }, d, '2026Q4'), '江宁区_统计报表_2026Q4_20261127.xlsx');
    assert.equal(reportFileName({ name: '江宁区' }, d, '2026-10-01..2026-12-31'), '江宁区_统计报表_2026-10-01__2026-12-31_20261127.xlsx');
    assert.equal(drillFileName({ label: '在岗网格员' }, '梧桐镇', '2026Q4'), '梧桐镇_在岗网格员明细_2026Q4.xlsx');
  });
  test('print date', () => assert.equal(printDateText(d), '打印日期：2026-11-27'));
});

test('未报送: the expected offices without a file are named under the table, not silently left out', async () => {
  const { notReportedLine } = await import('../../ui/js/logic/report.js');
  assert.equal(notReportedLine({ notReported: ['淳化街道', '横溪街道'] }), '未报送（不在表中，也不在合计里）：淳化街道、横溪街道');
  assert.equal(notReportedLine({ notReported: [] }), '');
  assert.equal(notReportedLine({}), '');
});

test('合计 with an office off the 应报名单 names it under the table', async () => {
  const { unlistedLine } = await import('../../ui/js/logic/report.js');
  assert.match(unlistedLine({ rows: [{ name: '青溪街道', unlisted: false }, { name: '外来镇', unlisted: true }] }), /^合计含不在应报名单的单位：外来镇。/);
  assert.equal(unlistedLine({ rows: [{ name: '青溪街道' }] }), '');
  assert.equal(unlistedLine({}), '');
});

describe('an office whose figures stand on an earlier day', () => {
  test('says the day its file was exported; current offices, this office and 合计 say nothing', () => {
    const at = (r, asOf) => ({ ...r, asOf });
    const report = {
      ...REPORT,
      rows: [at(REPORT.rows[0], '2026-12-05'), at(REPORT.rows[1], '2026-10-15'), at({ ...REPORT.rows[2], scope: 'own' }, '2026-12-05')],
      total: at(REPORT.total, '2026-12-05'),
    };
    const t = officeTable(report);
    assert.deepEqual(t.rows.map((r) => [r.name, r.staleAsOf]), [
      ['青溪街道', ''], ['秣陵街道', '2026-10-15'], ['东山街道（本单位）', ''],
    ]);
    assert.equal(t.total.staleAsOf, '');
    // A county's file carrying a township's older file (probe AK).
    const part = officeTable({ ...report, rows: [{ ...report.rows[0], insideAsOf: '2026-09-28' }] });
    assert.equal(part.rows[0].partAsOf, '2026-09-28');
    assert.equal(t.rows[0].partAsOf, '');
    // A report without dates (an older payload) marks nothing.
    assert.ok(officeTable(REPORT).rows.every((r) => r.staleAsOf === ''));
  });
  test('a figure the 合计 does not add up says so in its total cell (probe AK: 36 beside 36 + 36 + 36)', () => {
    const keys = [...KEYS, { key: 'assessment.indicators', label: '在用考核指标', rule: 'stock', largest: true }];
    const fig = (n) => ({ 'assessment.indicators': n });
    const report = {
      keys,
      rows: [row('320115000000', '江宁区', {}, fig(36)), row('320113000000', '栖霞区', {}, fig(36))],
      total: row('total', '合计', {}, fig(36)),
    };
    const t = officeTable(report, { all: true });
    const cell = (line) => line.cells.find((c) => c.column === 'assessment.indicators').text;
    assert.equal(cell(t.total), '36（取最大）');
    assert.equal(cell(t.rows[0]), '36');
  });
});
