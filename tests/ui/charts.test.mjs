import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FIGURE_LABELS } from '../../ui/js/logic/labels.js';
import {
  percent, figureTotals, dashboardFigures, sendersFigure, chartSize, barOption, pieOption, coverageChart, workerKindsChart,
  peopleByRoleChart, byOfficeChart, dashboardCharts, COLUMN_LIMIT, BAR_WINDOW, FIGURES, sanliangFigure, projectsByStatusChart,
  SANLIANG_KEY, demandsByStatusChart,
} from '../../ui/js/logic/charts.js';

const KEYS = [
  ...FIGURES.map(([key, label]) => ({ key, label })),
  { key: 'training.sessions', label: '培训场次' },
  { key: 'later.kind', label: '以后的统计项' },
];

const TOWNSHIP = {
  office: { level: 'township', code: '320115101000', name: '青溪街道' },
  keys: KEYS,
  own: {
    'grids.base': 6, 'grids.micro': 20, 'people.grid_workers': 5, 'people.grid_workers_fulltime': 3, 'training.sessions': 4,
    'demands.received': 9, 'demands.resolved': 8, 'demands.resolved_on_time': 6, 'contacts.points': 5,
  },
  total: { 'grids.base': 6 },
  coverageByVillage: [
    { name: '青溪社区', baseGrids: 4, staffedBaseGrids: 3, gridWorkers: 3 },
    { name: '杨柳村', baseGrids: 2, staffedBaseGrids: 2, gridWorkers: 2 },
  ],
  byOffice: [],
  workerKinds: { fullTime: 3, partTime: 2 },
  peopleByRole: [{ label: '网格员', count: 5 }, { label: '楼栋长', count: 12 }, { label: '信息员', count: 0 }],
};

const COUNTY = {
  office: { level: 'county', code: '320115000000', name: '江宁区' },
  keys: KEYS,
  own: { 'grids.base': 0 },
  total: { 'grids.base': 30, 'people.grid_workers': 25 },
  coverageByVillage: [],
  byOffice: [
    { code: '320115101000', name: '青溪街道', gridWorkers: 5, baseGrids: 6, microGrids: 20, receivedAt: '2026-11-21T00:00:00Z' },
    { code: '320115102000', name: '秣陵街道', gridWorkers: 20, baseGrids: 24, microGrids: 80, receivedAt: '2026-11-22T00:00:00Z' },
    { code: '320115103000', name: '东山街道', gridWorkers: 0, baseGrids: 0, microGrids: 0, receivedAt: null },
  ],
  workerKinds: { fullTime: 20, partTime: 5 },
  peopleByRole: [{ label: '网格员', count: 25 }],
};

/** Every tooltip in an option draws on the canvas (no HTML under the CSP). */
function assertRichText(option) {
  assert.equal(option.tooltip.renderMode, 'richText');
  assert.equal(JSON.stringify(option).includes('<'), false, 'no HTML in an option');
}

describe('numbers', () => {
  test('percent', () => {
    assert.equal(percent(3, 4), '75.0%');
    assert.equal(percent(1, 3), '33.3%');
    // One decimal beside one another: 15 of 1,528 is 1.0%, not 1% (probe AN).
    assert.equal(percent(15, 1528), '1.0%');
    assert.equal(percent(0, 0), '—');
    assert.equal(percent(2, null), '—');
  });
  test('chart size by bars', () => {
    assert.equal(chartSize(1), 'normal');
    assert.equal(chartSize(COLUMN_LIMIT), 'normal');
    assert.equal(chartSize(COLUMN_LIMIT + 1), 'tall');
    assert.equal(chartSize(20), 'tall');
    assert.equal(chartSize(21), 'xtall');
  });
});

describe('figures', () => {
  test('each card is named as 统计 and 考核 name its figure (the core\'s label)', () => {
    for (const [key, label] of FIGURES) assert.equal(label, FIGURE_LABELS.get(key), key);
  });
  test('已公示的在岗网格员 says its 公示率, warned below all', () => {
    const with4 = (published) => dashboardFigures({ ...TOWNSHIP, own: { ...TOWNSHIP.own, 'people.grid_workers': 4, 'people.grid_workers_published': published } })
      .find((x) => x.key === 'people.grid_workers_published');
    assert.deepEqual([with4(3).value, with4(3).note, with4(3).warn], [3, '公示率 75.0%', true]);
    assert.equal(with4(4).warn, false);
  });
  test('a township shows its own totals', () => {
    assert.equal(figureTotals(TOWNSHIP), TOWNSHIP.own);
    const f = dashboardFigures(TOWNSHIP);
    assert.deepEqual(f.slice(0, 4).map((x) => [x.key, x.label, x.value]), [
      ['grids.base', '基础网格', 6],
      ['grids.micro', '微网格', 20],
      ['people.grid_workers', '在岗网格员', 5],
      ['people.grid_workers_fulltime', '在岗专职网格员', 3],
    ]);
    assert.deepEqual(f.map((x) => x.label).slice(4, 9), ['在岗楼栋长、信息员', '在岗社区工作者', '已公示人员', '已公示的在岗网格员', '小区（自然村/组）']);
    // Not-yet-built figures show 0; the keys of 减负 and 培训与考核 are in their panels, not cards.
    assert.equal(f.find((x) => x.key === 'people.published').value, 0);
    assert.equal(f.some((x) => x.key === 'training.sessions'), false);
    assert.equal(f.some((x) => x.key === 'later.kind'), false, 'zero extra keys are left out');
    // 党建 and 共建 are fixed cards: 0 in a year without any, not gone.
    assert.equal(f.find((x) => x.key === 'party.joint_meetings').value, 0);
    assert.equal(f.find((x) => x.key === 'cobuild.projects_completed').label, '已完成的共建项目');
  });
  test('contact points, demands and working meetings: fixed cards that go to their views', () => {
    const f = dashboardFigures(TOWNSHIP);
    const by = (k) => f.find((x) => x.key === k);
    assert.deepEqual(by('contacts.points'), { key: 'contacts.points', label: '领导联系点', unit: '个', value: 5 });
    assert.equal(by('contacts.targets_covered').value, 0, 'shown also when 0');
    assert.equal(by('contacts.targets_covered').label, '有联系领导的对象');
    assert.deepEqual([by('demands.received').label, by('demands.received').value], ['收到的诉求', 9]);
    assert.equal(by('demands.resolved').value, 8);
    assert.equal(by('demands.resolved').label, '已办结的诉求');
    assert.deepEqual(by('demands.resolved_on_time'), {
      key: 'demands.resolved_on_time', label: '按期办结的诉求', unit: '件', value: 6, note: '按期办结率 75.0%', warn: true,
    });
    // All on time: not marked (a 0% read green beside an amber 公示率, probe X).
    const allOnTime = dashboardFigures({ own: { 'demands.resolved': 2, 'demands.resolved_on_time': 2 } });
    assert.equal(allOnTime.find((x) => x.key === 'demands.resolved_on_time').warn, false);
    assert.equal(by('coordination.meetings').label, '协调机制工作会议');
    // no rate without anything resolved
    assert.equal(dashboardFigures({}).find((x) => x.key === 'demands.resolved_on_time').note, undefined);
  });
  test('a later kind’s card: shown when this period or the one before has any, else left out', () => {
    const keys = [{ key: 'later.kind', label: '以后的统计项' }];
    const dash = (now, before) => ({ keys, own: { 'later.kind': now }, previousTotal: { 'later.kind': before } });
    const card = (d) => dashboardFigures(d).find((x) => x.key === 'later.kind');
    assert.equal(card(dash(3, 0)).value, 3);
    assert.equal(card(dash(0, 2)).value, 0, 'a quarter with none still shows 0 beside 上期 2');
    assert.equal(card(dash(0, 0)), undefined);
  });
  test('a county or city shows the total', () => {
    assert.equal(figureTotals(COUNTY), COUNTY.total);
    assert.equal(dashboardFigures(COUNTY)[0].value, 30);
    assert.equal(figureTotals({ ...COUNTY, office: { level: 'city' } }), COUNTY.total);
    assert.equal(figureTotals({ office: { level: 'county' }, own: { a: 1 } }).a, 1);
  });
  test('the 报送 card of a county: expected offices that sent, and who is missing or late', () => {
    const senders = {
      lateDays: 30,
      rows: [
        { code: '1', expected: true, sent: true, flags: [] },
        { code: '2', expected: true, sent: true, flags: ['late'] },
        { code: '3', expected: true, sent: false, flags: ['never_sent'] },
        { code: '4', expected: false, sent: true, flags: ['unexpected'] },
      ],
    };
    assert.deepEqual(sendersFigure(COUNTY, senders),
      { label: '已报送的下级单位', value: 2, unit: '/ 3', note: '未报 1 个，逾期 1 个，另有 1 个不在应报名单', warn: true });
    const allIn = { rows: [{ expected: true, sent: true, flags: [] }] };
    assert.deepEqual(sendersFigure(COUNTY, allIn),
      { label: '已报送的下级单位', value: 1, unit: '/ 1', note: '应报单位都已报送', warn: false });
    // An office off the list that sent: its figures are in the totals, so the card says so.
    const offList = { rows: [...allIn.rows, { expected: false, sent: true, flags: ['unexpected'] }] };
    assert.deepEqual(sendersFigure(COUNTY, offList),
      { label: '已报送的下级单位', value: 1, unit: '/ 1', note: '另有 1 个不在应报名单', warn: true });
    // Beside a period that ended, the list is still today's: said so.
    const lastYear = { ...COUNTY, period: { to: '2025-12-31' } };
    assert.deepEqual(sendersFigure(lastYear, senders, '2026-12-07').note, '今天的报送情况：未报 1 个，逾期 1 个，另有 1 个不在应报名单');
    assert.deepEqual(sendersFigure(lastYear, allIn, '2026-12-07'),
      { label: '已报送的下级单位', value: 1, unit: '/ 1', note: '今天的报送情况：应报单位都已报送', warn: false });
    assert.equal(sendersFigure({ ...COUNTY, period: { to: '2026-12-31' } }, allIn, '2026-12-07').note, '应报单位都已报送');
    // A city whose counties' files lack townships, one on an older version: not 都已报送 (probe Q).
    const city = { ...COUNTY, office: { level: 'city' } };
    const lacking = {
      rows: [
        { expected: true, sent: true, flags: ['below_missing'], below: { missing: [{ code: 'a' }, { code: 'b' }] } },
        { expected: true, sent: true, flags: ['old_version'] },
      ],
    };
    assert.deepEqual(sendersFigure(city, lacking),
      { label: '已报送的下级单位', value: 2, unit: '/ 2', note: '下级文件里缺 2 个应报单位，1 个软件版本较旧', warn: true });
    const noneExpected = { rows: [{ expected: false, sent: true, flags: ['unexpected'] }] };
    const todo = sendersFigure(COUNTY, noneExpected);
    assert.equal(todo.note, '还没有设置应报单位，点此设置');
    // A task to do, not a success: the card says so (is-todo), not in the success colour.
    assert.equal(todo.todo, true);
    assert.equal(todo.warn, false);
  });
  test('without the senders list: the offices it holds data from', () => {
    assert.deepEqual(sendersFigure(COUNTY, null), { label: '已收到报送的下级单位', value: 3, unit: '个', note: '', warn: false });
  });
  test('a township has no 报送 card', () => {
    assert.equal(sendersFigure(TOWNSHIP, { rows: [] }), null);
  });
  test('empty dashboard', () => {
    assert.ok(dashboardFigures({}).every((f) => f.value === 0));
    assert.deepEqual(dashboardCharts({}), []);
  });
});

describe('bar and pie options', () => {
  test('few categories: columns', () => {
    const o = barOption({ categories: ['a', 'b'], series: [{ name: 'x', data: [1, '2'] }] });
    assert.equal(o.xAxis.type, 'category');
    assert.equal(o.yAxis.type, 'value');
    assert.deepEqual(o.series[0].data, [1, 2]);
    assert.equal(o.series[0].type, 'bar');
    assert.equal(o.dataZoom, undefined);
    assert.equal(o.animation, false);
    assertRichText(o);
  });
  test('many categories: horizontal bars, first at the top', () => {
    const cats = Array.from({ length: COLUMN_LIMIT + 1 }, (_, i) => `村${i}`);
    const o = barOption({ categories: cats, series: [{ name: 'x', data: cats.map(() => 1) }] });
    assert.equal(o.yAxis.type, 'category');
    assert.equal(o.yAxis.inverse, true);
    assert.equal(o.xAxis.type, 'value');
    assert.equal(o.dataZoom, undefined);
  });
  test('more than a window of bars scroll', () => {
    const cats = Array.from({ length: BAR_WINDOW + 5 }, (_, i) => `单位${i}`);
    const o = barOption({ categories: cats, series: [{ name: 'x', data: cats.map(() => 1) }] });
    assert.equal(o.dataZoom.length, 2);
    assert.equal(o.dataZoom[0].endValue, BAR_WINDOW - 1);
  });
  test('pie', () => {
    const o = pieOption({ name: '网格员', unit: '人', data: [{ name: '专职', value: 3 }, { name: '兼职', value: '2' }] });
    assert.equal(o.series[0].type, 'pie');
    assert.deepEqual(o.series[0].data, [{ name: '专职', value: 3 }, { name: '兼职', value: 2 }]);
    assert.equal(o.series[0].percentPrecision, 1, 'as the rates beside it: 34.6%, not 34.62%');
    assertRichText(o);
  });
});

describe('township charts', () => {
  test('coverage, worker kinds, people by role; each with a text alternative', () => {
    const charts = dashboardCharts(TOWNSHIP);
    assert.deepEqual(charts.map((c) => c.id), ['coverage', 'worker-kinds', 'people-by-role']);
    for (const c of charts) {
      assertRichText(c.option);
      assert.ok(c.title && c.summary, c.id);
      assert.ok(c.table.columns.length >= 2, c.id);
      for (const row of c.table.rows) {
        assert.equal(row.length, c.table.columns.length, c.id);
        for (const cell of row) assert.equal(typeof cell, 'string', c.id);
      }
    }
  });
  test('coverage: base grids vs staffed, and who has gaps', () => {
    const c = coverageChart(TOWNSHIP.coverageByVillage);
    assert.deepEqual(c.option.xAxis.data, ['青溪社区', '杨柳村']);
    assert.deepEqual(c.option.series.map((s) => [s.name, s.data]), [['基础网格', [4, 2]], ['有网格员的基础网格', [3, 2]]]);
    assert.equal(c.summary, '2 个村/社区共有基础网格 6 个，其中 5 个有网格员（83.3%）。还有基础网格没有网格员的：青溪社区。');
    assert.deepEqual(c.table.rows[0], ['青溪社区', '4', '3', '75.0%', '3']);
    assert.match(coverageChart([{ name: 'a', baseGrids: 1, staffedBaseGrids: 1 }]).summary, /每个基础网格都有网格员/);
  });
  test('coverage: no villages or no base grids, no chart', () => {
    assert.equal(coverageChart([]), null);
    assert.equal(coverageChart(null), null);
    assert.equal(coverageChart([{ name: 'a', baseGrids: 0, staffedBaseGrids: 0 }]), null);
  });
  test('worker kinds', () => {
    const c = workerKindsChart(TOWNSHIP.workerKinds);
    assert.equal(c.summary, '在岗网格员中专职 3 人，兼职 2 人，专职占 60.0%。');
    assert.deepEqual(c.option.series[0].data.map((d) => d.name), ['专职', '兼职']);
    assert.equal(workerKindsChart({ fullTime: 0, partTime: 0 }), null);
    assert.equal(workerKindsChart(null), null);
  });
  test('people by role', () => {
    const c = peopleByRoleChart(TOWNSHIP.peopleByRole);
    assert.equal(c.summary, '在岗人员按身份：网格员 5 人，楼栋长 12 人，信息员 0 人。');
    assert.deepEqual(c.option.series[0].data, [5, 12, 0]);
    assert.equal(c.option.legend.show, false);
    assert.equal(peopleByRoleChart([{ label: '网格员', count: 0 }]), null);
  });
});

describe('county charts', () => {
  test('by office first, then the pies and bars over everything', () => {
    assert.deepEqual(dashboardCharts(COUNTY).map((c) => c.id), ['by-office', 'worker-kinds', 'people-by-role']);
  });
  test('by office: workers and grids per office; missing ones are named', () => {
    const c = byOfficeChart(COUNTY.byOffice);
    assert.deepEqual(c.option.xAxis.data, ['青溪街道', '秣陵街道', '东山街道（未报送）']);
    assert.deepEqual(c.option.series.map((s) => [s.name, s.data]), [['在岗网格员', [5, 20, 0]], ['基础网格', [6, 24, 0]]]);
    assert.equal(c.summary, '下级单位 3 个，已报送 2 个；网格员合计 25 人，基础网格合计 30 个。未报送：东山街道。');
    assert.deepEqual(c.table.columns, ['单位', '区划代码', '在岗网格员', '基础网格', '微网格', '报送']);
    assert.deepEqual(c.table.rows[2], ['东山街道', '320115103000', '0', '0', '0', '未报送']);
    assert.equal(byOfficeChart(COUNTY.byOffice.slice(0, 2)).summary,
      '已收到 2 个下级单位的报送；网格员合计 25 人，基础网格合计 30 个。');
    assert.equal(byOfficeChart([]), null);
  });
  test('a county with villages of its own also gets the coverage chart', () => {
    const ids = dashboardCharts({ ...COUNTY, coverageByVillage: TOWNSHIP.coverageByVillage }).map((c) => c.id);
    assert.deepEqual(ids, ['by-office', 'coverage', 'worker-kinds', 'people-by-role']);
  });
  test('names stay literal in options and tables', () => {
    const c = byOfficeChart([{ code: '1', name: '<b>x</b>', gridWorkers: 1, baseGrids: 1, receivedAt: 'x' }]);
    assert.equal(c.option.xAxis.data[0], '<b>x</b>');
    assert.equal(c.table.rows[0][0], '<b>x</b>');
  });
});

describe('党建 and 共建 on the dashboard', () => {
  const BY_STATUS = [
    { status: 'open', label: '待认领', count: 2 },
    { status: 'claimed', label: '已认领', count: 3 },
    { status: 'in_progress', label: '实施中', count: 1 },
    { status: 'completed', label: '已完成', count: 3 },
    { status: 'evaluated', label: '已评价', count: 1 },
  ];
  const WITH = {
    ...TOWNSHIP,
    keys: [...KEYS, { key: SANLIANG_KEY, label: '三亮齐全的小区' }, { key: 'cobuild.projects_completed', label: '已完成的共建项目' }],
    own: { ...TOWNSHIP.own, [SANLIANG_KEY]: 9, 'cobuild.projects_completed': 4 },
    sanliang: { compounds: 13, complete: 9 },
    projectsByStatus: BY_STATUS,
  };

  test('the 三亮 card: complete of all compounds and the rate', () => {
    assert.deepEqual(sanliangFigure(WITH), {
      key: 'sanliang', label: '三亮齐全的小区', unit: '/ 13', value: 9, note: '三亮率 69.2%', warn: true,
    });
    assert.equal(sanliangFigure({ sanliang: { compounds: 2, complete: 2 } }).warn, false);
  });
  test('no 三亮 card on older data or without compounds', () => {
    assert.equal(sanliangFigure(TOWNSHIP), null);
    assert.equal(sanliangFigure({ sanliang: null }), null);
    assert.equal(sanliangFigure({ sanliang: { compounds: 0, complete: 0 } }), null);
  });
  test('the card sits after 小区, and its report key is not shown twice', () => {
    const f = dashboardFigures(WITH);
    const i = f.findIndex((x) => x.key === 'compounds.total');
    assert.equal(f[i + 1].key, 'sanliang');
    assert.equal(f.some((x) => x.key === SANLIANG_KEY), false);
    assert.deepEqual(f.at(-1), { key: 'cobuild.projects_completed', label: '已完成的共建项目', unit: '个', value: 4 });
    // Without the sanliang payload the report key shows as any other.
    const old = dashboardFigures({ ...WITH, sanliang: undefined });
    assert.equal(old.some((x) => x.key === SANLIANG_KEY), true);
    assert.equal(old.some((x) => x.key === 'sanliang'), false);
  });
  test('projects by status: a bar per status in its colour, with a summary and table', () => {
    const c = projectsByStatusChart(BY_STATUS);
    assert.equal(c.id, 'projects-by-status');
    assertRichText(c.option);
    assert.deepEqual(c.option.xAxis.data, ['待认领', '已认领', '实施中', '已完成', '已评价']);
    assert.deepEqual(c.option.series[0].data.map((d) => d.value), [2, 3, 1, 3, 1]);
    assert.equal(new Set(c.option.series[0].data.map((d) => d.itemStyle.color)).size, 5);
    assert.equal(c.summary, '共建项目 10 个：待认领 2 个，已认领 3 个，实施中 1 个，已完成 3 个，已评价 1 个；已完成和已评价共 4 个，占 40.0%。');
    // A county gets what the files tell: claimed by the period's end and completed in
    // it, neither a share of the other (a quarter read 21 unfinished, 0 completed).
    const county = projectsByStatusChart([
      { status: 'claimed_by_end', label: '累计认领', count: 21 }, { status: 'completed_in_period', label: '本期完成', count: 0 },
    ]);
    assert.equal(county.title, '共建项目（累计认领与本期完成）');
    assert.equal(county.summary, '共建项目截至期末累计认领 21 个，本期完成 0 个。');
    assert.deepEqual(county.table.rows, [['累计认领', '21'], ['本期完成', '0']]);
    assert.ok(!county.summary.includes('未完成') && !county.summary.includes('%'));
    assert.deepEqual(c.table.rows[1], ['已认领', '3', '30.0%']);
  });
  test('no projects chart without projects (or on older data)', () => {
    assert.equal(projectsByStatusChart(undefined), null);
    assert.equal(projectsByStatusChart([{ status: 'open', label: '待认领', count: 0 }]), null);
  });
  test('the chart follows the others on every level', () => {
    assert.deepEqual(dashboardCharts(WITH).map((c) => c.id), ['coverage', 'worker-kinds', 'people-by-role', 'projects-by-status']);
    assert.deepEqual(dashboardCharts({ ...COUNTY, projectsByStatus: BY_STATUS }).map((c) => c.id),
      ['by-office', 'worker-kinds', 'people-by-role', 'projects-by-status']);
    assert.deepEqual(dashboardCharts({ office: { level: 'township' }, projectsByStatus: BY_STATUS }).map((c) => c.id), ['projects-by-status']);
    // A township's projects all, as they stand now; a county's are of the period.
    assert.equal(dashboardCharts({ office: { level: 'township' }, projectsByStatus: BY_STATUS })[0].title, '共建项目（全部，按现在的状态）');
    assert.equal(dashboardCharts({ office: { level: 'county' }, projectsByStatus: BY_STATUS })[0].title, '共建项目（按状态）');
  });
});

describe('诉求（按状态）', () => {
  const DEMANDS = [
    { status: 'accepted', label: '已受理', count: 3 },
    { status: 'assigned', label: '已交办', count: 2 },
    { status: 'in_progress', label: '办理中', count: 1 },
    { status: 'resolved', label: '已办结', count: 2 },
    { status: 'called_back', label: '已回访', count: 2 },
  ];
  test('a bar per status in its colour, with a summary and table', () => {
    const c = demandsByStatusChart(DEMANDS);
    assert.equal(c.id, 'demands-by-status');
    assert.equal(c.title, '诉求（全部，按现在的状态）', 'not the period of the cards beside it');
    assertRichText(c.option);
    assert.deepEqual(c.option.xAxis.data, ['已受理', '已交办', '办理中', '已办结', '已回访']);
    assert.deepEqual(c.option.series[0].data.map((d) => d.value), [3, 2, 1, 2, 2]);
    assert.equal(new Set(c.option.series[0].data.map((d) => d.itemStyle.color)).size, 5);
    assert.equal(c.summary, '诉求 10 件：已受理 3 件，已交办 2 件，办理中 1 件，已办结 2 件，已回访 2 件；已办结（含已回访）4 件，占 40.0%。');
    assert.deepEqual(c.table.rows[0], ['已受理', '3', '30.0%']);
  });
  test('none without demands, or when the payload lacks it', () => {
    assert.equal(demandsByStatusChart(undefined), null);
    assert.equal(demandsByStatusChart([{ status: 'accepted', label: '已受理', count: 0 }]), null);
    assert.deepEqual(dashboardCharts(TOWNSHIP).map((c) => c.id), ['coverage', 'worker-kinds', 'people-by-role']);
  });
  test('it comes last, for a township and a county', () => {
    assert.deepEqual(dashboardCharts({ ...TOWNSHIP, demandsByStatus: DEMANDS }).map((c) => c.id),
      ['coverage', 'worker-kinds', 'people-by-role', 'demands-by-status']);
    assert.deepEqual(dashboardCharts({ ...COUNTY, demandsByStatus: DEMANDS }).map((c) => c.id),
      ['by-office', 'worker-kinds', 'people-by-role', 'demands-by-status']);
  });
});
