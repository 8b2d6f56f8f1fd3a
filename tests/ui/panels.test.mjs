// 首页 panels 减负 and 培训与考核 (logic/panels.js): built from report keys, hand-built here.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardPanels, workerLoad, inPanel } from '../../ui/js/logic/panels.js';
import { dashboardFigures } from '../../ui/js/logic/charts.js';

const TOWNSHIP = {
  office: { level: 'township' },
  own: {
    'grids.base': 8, 'grids.micro': 12, 'people.community_workers': 10,
    'lists.basic_duties': 117, 'lists.assisting_duties': 99, 'lists.taken_back': 24,
    'gridlist.items': 12, 'gridlist.villages_claimed': 4,
    'admission.applied': 6, 'admission.approved': 4, 'admission.refused': 1, 'admission.in_force': 2, 'admission.overdue_exit': 1,
    'rectification.mechanisms_removed': 3, 'rectification.plaques_removed': 2, 'rectification.certificates_cancelled': 1,
    'rectification.secondments_active': 3, 'rectification.secondments_unapproved': 1, 'rectification.rechecks': 1,
    'training.sessions': 12, 'training.person_times': 446, 'training.community_workers_trained': 9,
    'people.selected_from_community_workers': 1,
    'assessment.compounds_sampled': 4, 'assessment.sample_rate': 11, 'assessment.grids_inspected': 5,
    'assessment.questionnaires': 300, 'assessment.satisfaction': 450, 'assessment.satisfaction_judged': 500,
    'assessment.callbacks': 20, 'assessment.rectifications_open': 3, 'assessment.rectifications_overdue': 1,
  },
  keys: [{ key: 'admission.applied', label: '申请准入的事项' }, { key: 'training.sessions', label: '本年培训' }],
};
// The core's summary of the load per grid worker (grid_matter_load_summary).
const LOAD = { workers: 3, sum: 18, heaviest: { name: '王芳', total: 9 } };

describe('首页 panels', () => {
  test('减负: lists, grid matters, the load per grid worker, admissions by step, clean-up results', () => {
    const [jianfu] = dashboardPanels(TOWNSHIP, LOAD);
    assert.equal(jianfu.id, 'jianfu');
    assert.equal(jianfu.link, 'jianfu');
    const row = (label) => jianfu.rows.find((r) => r.label === label);
    assert.deepEqual([row('目录三清单').value, row('目录三清单').note], ['240 项', '基本 117 · 配合 99 · 收回 24']);
    assert.equal(row('网格事项').note, '4 个村/社区已认领');
    assert.deepEqual([row('网格员承担事项').value, row('网格员承担事项').note], ['人均 6 项', '3 名网格员，最多的是王芳（9 项）']);
    // The load is counted today: beside a period that ended before, said so.
    const today = { ...LOAD, asOf: '2026-12-06' };
    const note = (to) => dashboardPanels({ ...TOWNSHIP, period: { to } }, today)[0].rows.find((r) => r.label === '网格员承担事项').note;
    assert.equal(note('2026-12-31'), '3 名网格员，最多的是王芳（9 项）');
    assert.equal(note('2025-12-31'), '3 名网格员，最多的是王芳（9 项）；这一项按今天（2026-12-06）计');
    const idle = dashboardPanels(TOWNSHIP, { workers: 12, sum: 0, heaviest: { name: '冯军', total: 0, tied: 12 } })[0];
    assert.equal(idle.rows.find((r) => r.label === '网格员承担事项').note, '12 名网格员，都还没有承担事项',
      'not 最多的是冯军等 12 人（0 项）');
    // 已进入未退出, with the overdue among them (在准入期 counted an expired item, probe X).
    assert.equal(row('准入事项').note, '县级同意 4 · 不予准入 1 · 已进入未退出 2（其中到期应退出 1）');
    // A quarter without new applications still shows what stands in force.
    const quiet = { ...TOWNSHIP, own: { 'admission.in_force': 1 } };
    assert.equal(dashboardPanels(quiet)[0].rows.find((r) => r.label === '准入事项').value, '0 件申请');
    assert.equal(row('到期应退出').warn, true);
    assert.equal(row('专项整治').value, '清理 6 项');
    assert.deepEqual([row('借调人员').note, row('借调人员').warn], ['其中 1 人未经准入', true]);
  });
  test('a running period with nothing sampled or inspected says so (probe Z: it showed nothing)', () => {
    const fresh = { office: { level: 'township' }, period: { to: '2027-03-31' }, asOf: '2027-01-05', own: { 'compounds.total': 17, 'grids.base': 22, 'grids.micro': 57 } };
    const rows = dashboardPanels(fresh, null, '2027-01-05').find((x) => x.id === 'daohang')?.rows ?? [];
    const row = (label) => rows.find((r) => r.label === label);
    assert.deepEqual([row('2027年第一季度抽查').value, row('2027年第一季度抽查').warn], ['还没有抽取样本', true]);
    assert.deepEqual([row('2027年上半年网格检查').value, row('2027年上半年网格检查').warn], ['0 个网格', true]);
    // A period that has ended, or a county: nothing said of what was not done.
    assert.equal(dashboardPanels({ ...fresh, period: { to: '2026-12-31' } }, null, '2027-01-05').length, 0);
    assert.equal(dashboardPanels({ ...fresh, office: { level: 'county' } }, null, '2027-01-05').length, 0);
  });
  test('培训与考核: coverage, the quarter\'s sample rate, inspection progress, satisfaction', () => {
    const daohang = dashboardPanels(TOWNSHIP, LOAD)[1];
    assert.equal(daohang.title, '培训与考核');
    const row = (label) => daohang.rows.find((r) => r.label === label);
    assert.match(row('本期培训').note, /覆盖率 90.0%/);
    assert.match(row('本季度抽查').note, /实际抽中 36.4%/);
    assert.match(row('本半年网格检查').note, /进度 25.0%/);
    assert.deepEqual([row('群众满意度').value, row('群众满意度').note], ['90.0%', '问卷 300 份 · 电话回访 20 次（含诉求回访）']);
    assert.deepEqual([row('未完成整改').value, row('未完成整改').note, row('未完成整改').warn], ['3 项', '其中逾期 1 项', true]);
    // Open but all within their 整改期限: said, not flagged (D08 counts the overdue only).
    const onTime = dashboardPanels({ ...TOWNSHIP, own: { ...TOWNSHIP.own, 'assessment.rectifications_overdue': 0 } }, LOAD)[1];
    const open = onTime.rows.find((r) => r.label === '未完成整改');
    assert.deepEqual([open.note, open.warn], ['都在整改期限内', false]);
  });
  test('本季度/本半年 are named by the count day: a yearly or past view cannot say "this quarter"', () => {
    const rows = (asOf) => dashboardPanels({ ...TOWNSHIP, asOf }, LOAD)[1].rows.map((r) => r.label);
    assert.ok(rows('2025-12-31').includes('2025年第四季度抽查'), rows('2025-12-31').join());
    assert.ok(rows('2025-12-31').includes('2025年下半年网格检查'));
    assert.ok(rows('2026-05-20').includes('2026年第二季度抽查'));
    assert.ok(rows('2026-05-20').includes('2026年上半年网格检查'));
  });
  // A county whose other townships drew nothing read 38.5% (5 of 青溪's 13): over
  // every compound it is 5 of 17, below the 30% the rule asks, said as a warning.
  test('a county\'s sample rate is over every compound, not only those of the townships that drew', () => {
    const county = {
      office: { level: 'county' }, own: {},
      total: { 'compounds.total': 17, 'assessment.compounds_sampled': 5, 'assessment.sample_rate': 13 },
    };
    const row = dashboardPanels(county)[0].rows.find((r) => r.label === '本季度抽查');
    assert.deepEqual([row.value, row.note, row.warn], ['5 个小区', '占全部 17 个小区的 29.4%（要求不低于 30%）', true]);
    assert.equal(dashboardPanels(TOWNSHIP, LOAD)[1].rows.find((r) => r.label === '本季度抽查').warn, false, '36.4%');
  });
  test('a county sums its townships; nothing recorded, no panel; panel keys are not also cards', () => {
    const county = { office: { level: 'county' }, own: {}, total: { 'admission.applied': 9, 'admission.approved': 3 } };
    const panels = dashboardPanels(county);
    assert.deepEqual(panels.map((p) => p.id), ['jianfu']);
    assert.equal(panels[0].rows[0].value, '9 件申请');
    assert.deepEqual(dashboardPanels({ own: {} }), []);
    assert.equal(dashboardFigures(TOWNSHIP).some((f) => inPanel(f.key)), false);
  });
  test('月调度: tasks done and behind, those overdue, the period\'s reports; none without a list', () => {
    const withTasks = {
      ...TOWNSHIP,
      own: { ...TOWNSHIP.own, 'tasks.total': 7, 'tasks.done': 2, 'tasks.behind': 1, 'tasks.overdue': 1, 'tasks.reports': 12 },
    };
    const panel = dashboardPanels(withTasks, LOAD).find((p) => p.id === 'tasks');
    assert.deepEqual([panel.title, panel.link], ['月调度', 'tasks']);
    assert.deepEqual(panel.rows.map((r) => [r.label, r.value, r.note, !!r.warn]), [
      ['调度任务', '7 项', '已完成 2 · 进展滞后 1', true],
      ['逾期未完成', '1 项', '已过完成时限，还没有报“已完成”', true],
      ['报送的月度进展', '12 条', '按所报月份计入期间', false],
    ]);
    // Nothing behind or overdue: the list alone, no warning.
    const calm = { ...TOWNSHIP, own: { ...TOWNSHIP.own, 'tasks.total': 3, 'tasks.done': 3 } };
    assert.deepEqual(dashboardPanels(calm, LOAD).find((p) => p.id === 'tasks').rows.map((r) => [r.note, !!r.warn]),
      [['已完成 3', false]]);
    assert.equal(dashboardPanels(TOWNSHIP, LOAD).find((p) => p.id === 'tasks'), undefined);
    // The keys are the panel's, not cards of their own.
    assert.equal(inPanel('tasks.overdue'), true);
  });
  test('the load per worker: average to one decimal, the heaviest, nothing without workers', () => {
    assert.deepEqual(workerLoad({ workers: 3, sum: 8, heaviest: { name: '乙', total: 3, tied: 1 } }),
      { workers: 3, average: 2.7, heaviest: { name: '乙', total: 3, who: '乙' } });
    // Three carry as much: the first of them and how many.
    assert.equal(workerLoad({ workers: 22, sum: 165, heaviest: { name: '刘勇', total: 12, tied: 3 } }).heaviest.who, '刘勇等 3 人');
    assert.equal(workerLoad({ workers: 0, sum: 0, heaviest: null }), null);
    assert.equal(workerLoad(null), null);
    assert.equal(workerLoad(undefined), null);
  });
});
