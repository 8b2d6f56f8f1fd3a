// 考核 (issue 16): the pure parts (form parsing, the score table's rows, rectification
// state) and the tabbed screen in the fake DOM: 指标体系 (summary, install the default
// system, versions) and 评分结果 (score table with ranks, an office's detail, drill-down
// through report_drill, manual scoring, rectification items marked done).
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, clickAndConfirm, domPerTest, newHost } from './dom-env.mjs';
import {
  filterIndicators, formulaForEdit, formulaTerms, formulaText, parseIndicatorForm, parseOutpostForm, parsePeriod, receivedByOffice, rectificationHeading, rectificationRows, scoreRows, pendingNote,
  systemSummary, quarterChoices, halfChoices,
} from '../../ui/js/logic/assessment.js';
import { FIGURE_LABELS } from '../../ui/js/logic/labels.js';
import { mountAssessment } from '../../ui/js/views/assessment.js';

const INDICATORS = [
  { id: 'a', group: 'party', code: 'P01', name: '三亮完成率', unit: '%', points: 5, target: 90, direction: 'higher', method: 'computed', formula: '100 * compounds.sanliang_complete / compounds.total' },
  { id: 'b', group: 'satisfaction', code: 'M04', name: '回访满意情况', unit: '分', points: 4, target: 0, direction: 'higher', method: 'manual', formula: '' },
  { id: 'c', group: 'team', code: 'T09', name: '旧指标', unit: '分', points: 2, target: 0, method: 'manual', retired: true },
];

const TABLE = {
  period: '2026',
  version: 3,
  maxTotal: 9,
  indicators: [
    { code: 'P01', name: '三亮完成率', unit: '%', points: 5, target: 90, directionLabel: '越高越好', method: 'computed', keys: ['compounds.sanliang_complete', 'compounds.total'],
      keyLabels: ['三亮齐全的小区', ''], formula: '100 * compounds.sanliang_complete / compounds.total' },
    { code: 'M04', name: '回访满意情况', unit: '分', points: 4, method: 'manual', keys: [] },
  ],
  offices: [
    {
      scope: '320115102000', code: '320115102000', name: '梧桐镇', rank: 1, total: 8, cautions: ['逾期（数据截至 2026-10-27）'], averagedOver: 3,
      groups: [{ label: '党建引领', points: 5, max: 5 }, { label: '群众满意度', points: 3, max: 4 }],
      cells: [{ code: 'P01', value: 100, points: 5, note: '' }, { code: 'M04', value: 3, points: 3, note: '佐证：记录表' }],
    },
    {
      scope: '320115101000', code: '320115101000', name: '青溪街道', rank: 2, total: 1.85, unlisted: true,
      groups: [{ label: '党建引领', points: 1.85, max: 5 }, { label: '群众满意度', points: 0, max: 4 }],
      cells: [
        { code: 'P01', value: 33.33, points: 1.85, note: '', figures: { 'compounds.sanliang_complete': 1, 'compounds.total': 3 } },
        { code: 'M04', value: null, points: 0, note: '待评分：考核组尚未评分' },
      ],
    },
    { scope: '320115103000', code: '320115103000', name: '横溪街道', rank: null, total: 0, groups: [], cells: [], notReported: true },
    { scope: 'own', code: '320115000000', name: '江宁区', rank: null, total: 0, groups: [],
      cells: [{ code: 'P01', value: null, points: 0, note: '无数据' }, { code: 'M04', value: null, points: 0, note: '待评分：考核组尚未评分' }] },
  ],
};

describe('考核 logic', () => {
  test('the indicator form names the field it needs', () => {
    const base = { group: 'party', code: 'P01', name: '三亮', points: '5', method: 'computed', formula: 'compounds.total' };
    assert.equal(parseIndicatorForm(base).ok, true);
    assert.equal(parseIndicatorForm({ ...base, code: ' ' }).error.field, 'code');
    const all = parseIndicatorForm({ ...base, code: ' ', points: '五' });
    assert.deepEqual(all.problems.map((e) => e.field), ['code', 'points'], 'every problem at once');
    assert.equal(parseIndicatorForm({ ...base, points: '0' }).error.field, 'points');
    assert.equal(parseIndicatorForm({ ...base, points: '五' }).error.field, 'points');
    assert.equal(parseIndicatorForm({ ...base, target: 'x' }).error.field, 'target');
    assert.equal(parseIndicatorForm({ ...base, formula: '' }).error.field, 'formula');
    assert.equal(parseIndicatorForm({ ...base, method: 'manual' }).input.formula, '');
  });
  test('the system counts only indicators in force', () => {
    const s = systemSummary(INDICATORS);
    assert.equal(s.count, 2);
    assert.equal(s.points, 9);
    assert.equal(s.groups.find((g) => g.value === 'team').count, 0);
  });
  test('score rows: rank, value text, no value, keys to drill', () => {
    const rows = scoreRows(TABLE);
    assert.deepEqual(rows.map((r) => [r.name, r.rank, r.total, r.notReported]),
      [['梧桐镇', '1', '8', false], ['青溪街道', '2', '1.85', false], ['横溪街道', '—', '0', true], ['江宁区', '—', '0', false]]);
    assert.equal(rows[1].cells[0].value, '33.3%', 'a rate to one decimal, as 首页 and 统计 show it');
    assert.equal(rows[0].cells[1].value, '3');
    assert.equal(rows[1].cells[1].value, '待评分');
    // 青溪街道's total leaves out a manual indicator not scored yet: provisional.
    assert.deepEqual(rows.map((r) => r.pending),
      [{ count: 0, points: '0' }, { count: 1, points: '4' }, { count: 0, points: '0' }, { count: 0, points: '0' }]);
    assert.equal(pendingNote(rows), '标 * 的总分为暂计：还有考核组评分的指标待评分，暂按 0 分计入。青溪街道 1 项（4 分）。');
    assert.equal(pendingNote(rows.slice(0, 1)), '');
    // A township scoring itself alone: its own row is the one judged.
    const alone = scoreRows({ ...TABLE, offices: [{ ...TABLE.offices[3], rank: 1 }] });
    assert.deepEqual(alone[0].pending, { count: 1, points: '4' });
    // Each figure by its name in 统计; a key the report does not name stays as it is.
    assert.deepEqual(rows[1].cells[0].drills, [
      { key: 'compounds.sanliang_complete', label: '三亮齐全的小区' }, { key: 'compounds.total', label: 'compounds.total' }]);
    assert.equal(rows[1].cells[1].manual, true);
    // How a computed value came about, with this office's figures by name.
    assert.equal(rows[1].cells[0].how, '100 × 三亮齐全的小区 1 ÷ compounds.total 3');
    assert.equal(rows[0].cells[0].how, '100 × 三亮齐全的小区 — ÷ compounds.total —', 'an office without the figures');
    assert.equal(rows[1].cells[1].how, '', 'a manual score has no formula');
  });
  test('the figures a formula names, each once, by the names the core serves', () => {
    assert.equal(FIGURE_LABELS.get('compounds.total'), '小区（自然村/组）', 'from the kind catalog');
    assert.deepEqual(formulaTerms('100 * compounds.sanliang_complete / compounds.total + compounds.total', FIGURE_LABELS), [
      { key: 'compounds.sanliang_complete', label: '三亮齐全的小区', written: 'compounds.sanliang_complete' },
      { key: 'compounds.total', label: '小区（自然村/组）', written: 'compounds.total' },
    ]);
    assert.deepEqual(formulaTerms('people.grid_worker / 2', FIGURE_LABELS), [{ key: 'people.grid_worker', label: null, written: 'people.grid_worker' }]);
    assert.deepEqual(formulaTerms('', FIGURE_LABELS), []);
    // Names in 【】 (their own brackets and slash part of the name), as the form writes them.
    assert.deepEqual(formulaTerms('100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】 + 【网格总数】', FIGURE_LABELS), [
      { key: 'compounds.sanliang_complete', label: '三亮齐全的小区', written: '三亮齐全的小区' },
      { key: 'compounds.total', label: '小区（自然村/组）', written: '小区（自然村/组）' },
      { key: null, label: null, written: '网格总数' },
    ]);
    // The form shows a stored formula that way; a key 统计 does not name stays as it is.
    assert.equal(formulaForEdit('100*compounds.sanliang_complete / compounds.total', FIGURE_LABELS),
      '100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】');
    assert.equal(formulaForEdit('people.grid_worker - 1', FIGURE_LABELS), 'people.grid_worker - 1');
    assert.equal(formulaForEdit(null, FIGURE_LABELS), '');
    // As the list shows a computed indicator: figures by name, × and ÷.
    assert.equal(formulaText('100*compounds.sanliang_complete / compounds.total', FIGURE_LABELS),
      '100 × 三亮齐全的小区 ÷ 小区（自然村/组）');
    assert.equal(formulaText('people.grid_worker - 1', FIGURE_LABELS), 'people.grid_worker - 1', 'an unknown name as written');
    assert.equal(formulaText(null, FIGURE_LABELS), '');
    // The list's search finds a formula by a figure's name too.
    const list = [{ id: 'a', group: 'party', code: 'P01', name: '三亮完成率', formula: INDICATORS[0].formula }];
    assert.deepEqual(filterIndicators(list, { search: '三亮齐全', labels: FIGURE_LABELS }).map((i) => i.id), ['a']);
    assert.deepEqual(filterIndicators(list, { search: '三亮齐全' }), [], 'without the names, only the formula as written');
    assert.deepEqual(formulaTerms(null, FIGURE_LABELS), []);
  });
  test('periods and rectification state', () => {
    assert.equal(parsePeriod('2026'), '2026');
    assert.equal(parsePeriod(' 2026q4 '), '2026Q4');
    assert.equal(parsePeriod('２０２６Ｑ４'), '2026Q4', 'typed in full-width mode');
    assert.equal(parsePeriod('2026年'), '2026');
    // As every other screen names a period, and as clerks write the code.
    assert.equal(parsePeriod('2026年第四季度'), '2026Q4');
    assert.equal(parsePeriod(' 2026 年 第一季度 '), '2026Q1');
    assert.equal(parsePeriod('2026年第2季度'), '2026Q2');
    assert.equal(parsePeriod('2026-Q4'), '2026Q4');
    assert.equal(parsePeriod('2026-q3'), '2026Q3');
    assert.equal(parsePeriod('２０２６年第三季度'), '2026Q3');
    for (const bad of ['2026Q5', '2026年第五季度', '2026-11', '2026年11月', '26Q4', '2026Q', '2026年年', '']) {
      assert.equal(parsePeriod(bad), null, bad);
    }
    const rows = rectificationRows([
      { id: 'x', deadline: '2026-11-01' },
      { id: 'y', deadline: '2026-12-31' },
      { id: 'z', deadline: '2026-11-01', doneOn: '2026-10-30' },
      { id: 'w', deadline: '2026-11-01', doneOn: '2026-11-10' },
    ], '2026-11-26');
    assert.deepEqual(rows.map((r) => [r.id, r.open, r.overdue, r.late]),
      [['x', true, true, false], ['y', true, false, false], ['z', false, false, false], ['w', false, false, true]],
      'done after its 期限: late');
    assert.equal(rectificationHeading(rows), '整改事项（未完成 2 项）');
    // An item whose 责任人 is an office below (督办) counts in that office's file: apart.
    const county = rectificationRows([
      { id: 'a', deadline: '2026-12-31' },
      { id: 'b', deadline: '2026-12-31', supervisedOffice: '秣陵街道' },
      { id: 'c', deadline: '2026-12-31', supervisedOffice: '秣陵街道', doneOn: '2026-11-02' },
    ], '2026-11-26');
    assert.deepEqual(county.map((r) => r.supervised), ['', '秣陵街道', '秣陵街道']);
    assert.equal(rectificationHeading(county), '整改事项（未完成 1 项；另督办下级未完成 1 项）');
  });
});

describe('考核 screen', () => {
  domPerTest();

  test('指标体系: summary, default system, versions; 评分结果: table, detail, drill, manual score, rectification', async () => {
    let indicators = [];
    let manual = [];
    const items = [
      { id: 'r1', resultId: 'n1', notice: '关于网格员履职不到位的通报', item: '补齐走访记录', owner: '王主任', deadline: '2026-11-01' },
      { id: 'r2', resultId: 'n1', notice: '关于网格员履职不到位的通报', item: '台账补录', owner: '秣陵街道', supervisedOffice: '秣陵街道',
        supervisedState: '秣陵街道报送的文件里没有这一项，尚未在任何单位计数', deadline: '2026-12-31' },
      // A notice issued elsewhere (the city's): kept by its title.
      { id: 'r3', resultId: '', notice: '南京市通报〔2026〕2号', item: '制度修订', owner: '区委办', deadline: '2026-12-31' },
    ];
    const api = fakeApi({
      listIndicators: async () => indicators.map((i) => ({ ...i })),
      installDefaultIndicators: async () => { indicators = INDICATORS.map((i) => ({ ...i })); return indicators; },
      listIndicatorVersions: async () => (indicators.length ? [{ version: 1, madeOn: '2026-11-26', note: '装入默认指标体系' }] : []),
      getIndicatorVersion: async (v) => ({ version: v, madeOn: '2026-11-26', indicators: INDICATORS }),
      scoreTable: async (p) => ({ ...TABLE, period: p ?? TABLE.period }),
      reportDrill: async (scope, key) => ({
        key, scope, label: '三亮齐全的小区', count: 1,
        rows: [{ kind: 'unit', kindLabel: '组织单位', id: 'u1', officeCode: scope, officeName: '青溪街道', code: 'C01', name: '阳光花园', detail: '三亮齐全' }],
      }),
      setManualScore: async (input) => {
        if (Number(input.score) > 4) throw { kind: 'validation', field: 'score', message: '得分应在 0 到 4 分之间（该指标分值）。' };
        manual = [{ id: 'm1', ...input, score: Number(input.score) }];
        return manual[0];
      },
      listManualScores: async () => manual,
      deleteManualScore: async () => { manual = []; return { id: 'e1' }; },
      listAssessmentResults: async () => [
        { id: 'w1', kind: 'award', period: '2026', title: '先进单位', recipient: '青溪社区' },
        { id: 'n1', kind: 'criticism', period: '2026', title: '关于网格员履职不到位的通报', recipient: '桃园村' },
      ],
      listRectificationItems: async () => items.map((r) => ({ ...r })),
      listReceivedOutpostEvaluations: async () => [],
      updateRectificationItem: async (id, input) => {
        if (input.doneOn > '2026-11-26') throw { kind: 'validation', field: 'doneOn', message: '完成日期晚于今天（2026-11-26）。' };
        Object.assign(items.find((r) => r.id === id), { doneOn: input.doneOn });
        return items[0];
      },
      deleteRectificationItem: async () => ({ id: 'bin1' }),
      deleteAssessmentResult: async () => ({ id: 'bin2' }),
      updateAssessmentResult: async (id, input) => ({ id, ...input }),
    });
    const toasts = [];
    const host = newHost();
    const alerts = [];
    const dispose = mountAssessment(host, {
      api, toast: (m) => toasts.push(m), alert: (m) => alerts.push(m), clearAlert() {}, onError() {}, today: '2026-11-26',
      office: { code: '320115000000', name: '江宁区', level: 'county' },
    });
    await settle();
    const tabs = [...host.querySelectorAll('[role=tab]')].map((b) => textOf(b));
    assert.deepEqual(tabs, ['指标体系', '抽查', '检查', '问卷', '电话回访', '评分结果']);

    // An empty system offers the default one.
    const install = host.querySelector('#indicators-install');
    assert.equal(install.hidden, false);
    await dispatch(install, 'click');
    await settle();
    assert.ok(api.calls.some(([n]) => n === 'installDefaultIndicators'));
    assert.equal(host.querySelector('#indicators-install').hidden, true);
    assert.equal(host.querySelectorAll('#indicators-table tr[data-indicator-id]').length, 2, 'retired hidden');
    assert.ok(!textOf(host.querySelector('#indicators-table tr[data-indicator-id="b"]')).includes('0分'), '考核组评分 has no target');
    const way = host.querySelector('#indicators-table tr[data-indicator-id="a"] .cell-formula');
    assert.equal(textOf(way), '100 × 三亮齐全的小区 ÷ 小区（自然村/组）');
    // The figures by name only: no key (compounds.total) on hover either.
    assert.ok(!way.outerHTML?.includes?.('compounds.') && !way.querySelector('[title]'), 'no key shown');
    assert.match(textOf(host.querySelector('#indicators-summary')), /在用指标 2 项，满分 9 分/);
    await dispatch(host.querySelector('#indicators-show-retired'), 'change');
    host.querySelector('#indicators-show-retired').checked = true;
    await dispatch(host.querySelector('#indicators-show-retired'), 'change');
    await settle();
    assert.equal(host.querySelectorAll('#indicators-table tr[data-indicator-id]').length, 3);
    await dispatch(host.querySelector('#indicators-version-list [data-version="1"]'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#indicators-version-detail')), /第 1 版.*只读/);
    // The version shows what it scored by: unit, direction and formula by its figures' names.
    const p01 = [...host.querySelectorAll('#indicators-version-table tbody tr')][0];
    assert.match(textOf(p01), /P01.*%.*越高越好.*100 × .*三亮/);

    // A formula is edited with its figures' names in 【】, a name 统计 lacks marked;
    // choosing a figure alone inserts nothing; 插入 adds 【its name】.
    await dispatch(host.querySelector('#indicators-table tr[data-indicator-id="a"]'), 'click');
    await settle();
    const formula = host.querySelector('#indicator-formula');
    const terms = () => textOf(host.querySelector('#indicator-formula-terms'));
    assert.equal(formula.value, '100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】');
    assert.equal(terms(), '用到的统计项：三亮齐全的小区、小区（自然村/组）');
    formula.value = '100 * 【三亮齐全】 + compounds.sanliang_done';
    await dispatch(formula, 'input');
    assert.equal(terms(), '统计中没有：三亮齐全、compounds.sanliang_done');
    const pick = host.querySelector('#indicator-formula-pick');
    const offered = [...pick.querySelectorAll('option')].map((o) => o.value).filter(Boolean);
    assert.deepEqual(offered, [...FIGURE_LABELS.keys()], 'every figure is offered, in the report\'s order');
    formula.value = '100 *';
    pick.value = 'people.grid_workers';
    await dispatch(pick, 'change');
    assert.equal(formula.value, '100 *', 'choosing alone (an arrow key on the list) inserts nothing');
    await dispatch(host.querySelector('#indicator-formula-insert'), 'click');
    assert.equal(formula.value, '100 * 【在岗网格员】');
    assert.equal(terms(), '用到的统计项：在岗网格员');
    formula.value = '100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】'; // as it was: nothing to save
    await dispatch(formula, 'input');

    // 评分结果.
    await dispatch(host.querySelector('#assessment-tab-scores'), 'click');
    await settle();
    const rows = [...host.querySelectorAll('#scores-table tbody tr')];
    assert.deepEqual(rows.map((r) => r.getAttribute('data-scope')), ['320115102000', '320115101000', '320115103000', 'own']);
    // An office on the list whose file has not arrived is listed, unranked.
    assert.match(textOf(rows[2]), /—.*横溪街道.*未报送，不参加排名/);
    assert.equal(rows[2].querySelector('[data-open-scope]'), null);
    assert.match(textOf(rows[1]), /2.*青溪街道.*1\.85\*/);
    // Off the 应报名单 yet ranked: said beside its name, as 统计 says it.
    assert.equal(textOf(rows[1].querySelector('.unlisted')), '不在应报名单');
    assert.equal(rows[0].querySelector('.unlisted'), null);
    assert.match(textOf(host.querySelector('#scores-pending')), /青溪街道 1 项（4 分）/);
    // What 报送情况 says against a file stands beside its rank, with a note (probe AK).
    assert.equal(textOf(rows[0].querySelector('[data-caution]')), '逾期（数据截至 2026-10-27）');
    assert.equal(rows[1].querySelector('[data-caution]'), null);
    assert.match(textOf(host.querySelector('#scores-cautions')), /公布排名前请先核实/);
    assert.equal(textOf(rows[0].querySelector('[data-averaged]')), '（按 3 个下级单位平均）');
    assert.match(textOf(host.querySelector('#scores-averaged')), /计数类指标按乡镇\/街道平均后与目标比较/);
    // A county is told the townships' own team scores stay with them (probe AA).
    assert.match(textOf(host.querySelector('#scores-team-note')), /下级单位自己评的分不随数据包上报/);
    assert.match(textOf(host.querySelector('#scores-status')), /第 3 版/);

    await dispatch(rows[1].querySelector('[data-open-scope]'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#scores-detail-table')), /33\.3%.*1\.85 \/ 5.*100 × 三亮齐全的小区 1 ÷ compounds\.total 3/);
    // The target beside the value: why it scored so.
    assert.match(textOf(host.querySelector('#scores-detail-table')), /33\.3%\s*90%（越高越好）\s*1\.85 \/ 5/);
    assert.match(textOf(host.querySelector('#scores-detail-table')), /待评分/);

    // A figure drills into its records, for that office and the period scored, brought into sight.
    let scrolled = 0;
    host.querySelector('#scores-drill').scrollIntoView = () => { scrolled += 1; };
    await dispatch(host.querySelector('#scores-detail [data-drill-key="compounds.total"]'), 'click');
    await settle();
    assert.equal(scrolled, 1, 'the list is scrolled to');
    assert.deepEqual(api.calls.find(([n]) => n === 'reportDrill').slice(1), ['320115101000', 'compounds.total', '2026']);
    assert.match(textOf(host.querySelector('#scores-drill')), /阳光花园/);
    assert.deepEqual([...host.querySelectorAll('#scores-drill-table th')].map(textOf), ['单位', '类型', '名称', '代码', '说明'],
      'the drill names its columns as 统计 does');
    assert.match(textOf(host.querySelector('#scores-drill-title')), /（2026）$/, 'the period it counts');
    // Scored again: the drill-down of the table before goes.
    await dispatch(host.querySelector('#scores-run'), 'click');
    await settle();
    assert.equal(host.querySelector('#scores-drill').hidden, true);

    // The team scores a manual indicator for the office and period.
    const scoreM04 = host.querySelector('#scores-detail [data-score-indicator="M04"]');
    await dispatch(scoreM04, 'click');
    await settle();
    assert.equal(host.querySelector('#scores-manual-withdraw'), null, 'nothing to withdraw yet');
    // The form is a row of its own under the indicator (the columns stay put); 取消 closes it.
    assert.ok(host.querySelector('#scores-manual-row #scores-manual-score'));
    assert.equal(host.querySelector('tr[data-indicator="M04"] #scores-manual-score'), null);
    assert.equal(scoreM04.hidden, true);
    await dispatch(host.querySelector('#scores-manual-cancel'), 'click');
    assert.equal(host.querySelector('#scores-manual-row'), null);
    assert.equal(scoreM04.hidden, false);
    await dispatch(scoreM04, 'click');
    await settle();
    // A score out of range is said under the form, not in a banner that outlives it.
    host.querySelector('#scores-manual-score').value = '5';
    await dispatch(host.querySelector('#scores-manual-save'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#scores-manual-error')), '得分应在 0 到 4 分之间（该指标分值）。');
    assert.deepEqual(alerts, []);
    host.querySelector('#scores-manual-score').value = '3.5';
    host.querySelector('#scores-manual-evidence').value = '回访录音';
    await dispatch(host.querySelector('#scores-manual-save'), 'click');
    await settle();
    const [, input] = api.calls.findLast(([n]) => n === 'setManualScore');
    assert.deepEqual([input.period, input.officeCode, input.indicatorCode, input.score, input.evidence],
      ['2026', '320115101000', 'M04', '3.5', '回访录音']);
    // Scored again: the form opens as the score is (it opened empty and wiped 佐证),
    // and 撤销评分 puts the cell back to 待评分.
    await dispatch(host.querySelector('#scores-detail [data-score-indicator="M04"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#scores-manual-score').value, '3.5');
    assert.equal(host.querySelector('#scores-manual-evidence').value, '回访录音');
    // A score typed and not saved: 明细 again asks 放弃修改？ first; kept, it stays as typed.
    host.querySelector('#scores-manual-score').value = '3';
    const asking = dispatch(host.querySelector('[data-open-scope]'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#confirm-dialog')), /放弃修改/);
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await asking;
    await settle();
    assert.equal(host.querySelector('#scores-manual-score').value, '3', 'kept as typed');
    host.querySelector('#scores-manual-score').value = '3.5';
    await clickAndConfirm(host.querySelector('#scores-manual-withdraw'));
    await settle();
    assert.deepEqual(api.calls.findLast(([n]) => n === 'deleteManualScore').slice(1), ['m1']);
    // The period is 年度 or 季度 from the control every screen has (no code to type).
    assert.deepEqual([...host.querySelectorAll('#scores-period [data-kind]')].map(textOf), ['年度', '季度']);
    await dispatch(host.querySelector('#scores-period-kind-quarter'), 'click');
    await settle();
    assert.equal(api.calls.findLast(([n]) => n === 'scoreTable')[1], '2026Q4', 'a choice scores at once');
    const quarter = host.querySelector('#scores-period-quarter');
    quarter.value = '3';
    await dispatch(quarter, 'change');
    await settle();
    assert.equal(api.calls.findLast(([n]) => n === 'scoreTable')[1], '2026Q3');
    // A quarter is scored against the year's targets: said (probe AJ).
    assert.match(textOf(host.querySelector('#scores-status')), /季度、月份的评分与年度用同一套目标.*仅供参考/);
    await dispatch(host.querySelector('#scores-period-kind-year'), 'click');
    await settle();
    assert.equal(api.calls.findLast(([n]) => n === 'scoreTable')[1], '2026');
    assert.doesNotMatch(textOf(host.querySelector('#scores-status')), /仅供参考/);
    assert.ok(host.querySelector('#scores-table'));
    // 导出Excel: the table of the period on screen, named after it.
    await dispatch(host.querySelector('#scores-export'), 'click');
    await settle();
    assert.ok(textOf(document.querySelector('#export-dialog')).includes('导出 2026 的评分表'));
    await dispatch(document.querySelector('#export-cancel'), 'click');
    await settle();
    assert.equal(document.querySelector('#export-dialog'), null);

    // Awards, notices, rectification items: overdue shown, marked done.
    assert.match(textOf(host.querySelector('#scores-result-list')), /表彰.*先进单位.*通报批评/);
    // Every box of the two forms has its name beside it (not only a placeholder that goes when typing).
    const named = (form) => [...host.querySelectorAll(`${form} input, ${form} select`)]
      .map((box) => [box.id, textOf(box.closest('label')?.querySelector('.filter-label'))]);
    assert.deepEqual(named('#scores-result-form'),
      [['scores-result-kind', '类型'], ['scores-result-title', '名称'], ['scores-result-recipient', '对象'], ['scores-result-doc', '文号'], ['scores-result-issued', '发文日期']]);
    assert.deepEqual(named('#scores-rect-form'),
      [['scores-rect-notice', '所属通报'], ['scores-rect-item', '整改事项'], ['scores-rect-owner', '责任人'], ['scores-rect-deadline', '整改期限'],
        ['scores-rect-done', '完成日期'], ['scores-rect-note', '备注']]);
    const rect = host.querySelector('#scores-rectification-table tr[data-rectification-id="r1"]');
    assert.match(textOf(rect), /逾期未完成/);
    // The county's list of 整改事项 comes in from Excel and goes out again, as other ledgers do.
    for (const id of ['rectification-export', 'rectification-import', 'rectification-template']) {
      assert.ok(host.querySelector(`#scores-rectification-host #${id}`), id);
    }
    // 督办: tagged, said once, and counted apart from this office's own open items.
    assert.doesNotMatch(textOf(rect), /督办/);
    const supervised = host.querySelector('#scores-rectification-table tr[data-rectification-id="r2"]');
    assert.match(textOf(supervised), /秣陵街道\s*督办/);
    // Where it stands in the township's file; counted nowhere, in red.
    assert.ok(supervised.querySelector('.supervised-state.is-warn'));
    assert.match(textOf(supervised), /报送的文件里没有这一项/);
    assert.match(textOf(host.querySelector('#scores-rectification-host h3')), /未完成 2 项；另督办下级未完成 1 项/);
    assert.match(textOf(host.querySelector('#scores-supervised-note')), /不计入本单位的未完成整改事项/);
    assert.ok(rect.classList.contains('is-overdue'));
    // 标记完成 asks the day it was done, today by default.
    const marking = dispatch(rect.querySelector('[data-done-id]'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#prompt-message')), /哪天完成的（整改期限 2026-11-01）/);
    assert.equal(document.querySelector('#prompt-input').value, '2026-11-26');
    // A day the core refuses is asked again with why, the typed day kept.
    document.querySelector('#prompt-input').value = '2026-12-31';
    await dispatch(document.querySelector('#prompt-ok'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#prompt-message')), /^完成日期晚于今天（2026-11-26）。 “/);
    assert.equal(document.querySelector('#prompt-input').value, '2026-12-31');
    document.querySelector('#prompt-input').value = '2026-11-26';
    await dispatch(document.querySelector('#prompt-ok'), 'click');
    await marking;
    await settle();
    const [, id, done] = api.calls.findLast(([n]) => n === 'updateRectificationItem');
    assert.equal(id, 'r1');
    assert.equal(done.doneOn, '2026-11-26');
    assert.equal(done.notice, 'n1');
    // Done after its 期限 (2026-11-01): said so.
    assert.match(textOf(host.querySelector('#scores-rectification-table')), /2026-11-26 逾期完成/);
    assert.ok(toasts.some((t) => t.includes('补齐走访记录')), toasts.join());
    // Marked by mistake: back to 整改中. Entered wrong: deleted (asked first) into the bin.
    const doneRow = host.querySelector('#scores-rectification-table tr[data-rectification-id="r1"]');
    await dispatch(doneRow.querySelector('[data-undone-id]'), 'click');
    await settle();
    assert.equal(api.calls.findLast(([n]) => n === 'updateRectificationItem')[2].doneOn, '');
    // Its 责任人 typed wrong: corrected in the item form, its other fields kept.
    await dispatch(host.querySelector('[data-rectification-edit="r1"]'), 'click');
    assert.equal(textOf(host.querySelector('#scores-rect-add')), '保存修改');
    host.querySelector('#scores-rect-owner').value = '杨柳村 网格长';
    await dispatch(host.querySelector('#scores-rect-add'), 'click');
    await settle();
    const [, fixedId, fixed] = api.calls.findLast(([n]) => n === 'updateRectificationItem');
    assert.deepEqual([fixedId, fixed.owner, fixed.notice], ['r1', '杨柳村 网格长', 'n1']);
    assert.equal(textOf(host.querySelector('#scores-rect-add')), '新增整改事项');
    await clickAndConfirm(host.querySelector('[data-rectification-delete="r1"]'));
    await settle();
    assert.deepEqual(api.calls.findLast(([n]) => n === 'deleteRectificationItem').slice(1), ['r1']);
    // A 文号 typed wrong is corrected in the entry form.
    await dispatch(host.querySelector('#scores-result-list [data-result-edit="n1"]'), 'click');
    assert.equal(host.querySelector('#scores-result-title').value, '关于网格员履职不到位的通报');
    assert.equal(textOf(host.querySelector('#scores-result-add')), '保存修改');
    host.querySelector('#scores-result-doc').value = '青街〔2026〕26号';
    await dispatch(host.querySelector('#scores-result-add'), 'click');
    await settle();
    const [, editedId, edited] = api.calls.findLast(([n]) => n === 'updateAssessmentResult');
    assert.deepEqual([editedId, edited.documentNo, edited.kind, edited.period], ['n1', '青街〔2026〕26号', 'criticism', '2026']);
    assert.equal(textOf(host.querySelector('#scores-result-add')), '登记');
    await clickAndConfirm(host.querySelector('#scores-result-list [data-result-delete]'));
    await settle();
    assert.ok(api.calls.some(([n]) => n === 'deleteAssessmentResult'));
    assert.ok(toasts.some((t) => t.includes('可在回收站恢复')), toasts.join());
    // A notice that still has items says so at once (it asked 确定删除 first, then refused).
    const deletes = api.calls.filter(([n]) => n === 'deleteAssessmentResult').length;
    await dispatch(host.querySelector('#scores-result-list [data-result-delete="n1"]'), 'click');
    assert.equal(document.querySelector('.confirm-dialog, #confirm-dialog'), null, 'nothing asked');
    assert.match(alerts.at(-1), /还有 2 项整改事项，请先删除整改事项/);
    assert.equal(api.calls.filter(([n]) => n === 'deleteAssessmentResult').length, deletes);
    // An item under a notice not registered here is corrected too, its notice kept by title.
    await dispatch(host.querySelector('[data-rectification-edit="r3"]'), 'click');
    const notice = host.querySelector('#scores-rect-notice');
    assert.equal(notice.value, '南京市通报〔2026〕2号');
    assert.match(textOf(notice.selectedOptions?.[0] ?? [...notice.options].find((o) => o.value === notice.value)), /未在本单位登记/);
    host.querySelector('#scores-rect-done').value = '2026/11/20';
    await dispatch(host.querySelector('#scores-rect-add'), 'click');
    await settle();
    const [, r3id, r3] = api.calls.findLast(([n]) => n === 'updateRectificationItem');
    assert.deepEqual([r3id, r3.notice, r3.doneOn], ['r3', '南京市通报〔2026〕2号', '2026-11-20']);
    dispose();
    // A township is told its own team scores stay with it (probe AJ: 67.76 at home, 53.47 at the county).
    const townHost = newHost();
    const disposeTown = mountAssessment(townHost, {
      api, toast() {}, alert() {}, clearAlert() {}, onError() {}, today: '2026-11-26',
      office: { code: '320115101000', name: '青溪街道', level: 'township' },
    });
    await settle();
    await dispatch(townHost.querySelector('#assessment-tab-scores'), 'click');
    await settle();
    assert.match(textOf(townHost.querySelector('#scores-team-note')), /由本单位自评.*不随数据包上报.*上级看到的总分可能不同/);
    disposeTown();
  });
});

/** How many times `node` is taken out of where it is (the fake DOM sets parentNode). */
function detachments(node) {
  let parent = node.parentNode;
  let count = 0;
  Object.defineProperty(node, 'parentNode', {
    configurable: true,
    get: () => parent,
    set: (p) => { if (p !== parent) count += 1; parent = p; },
  });
  return () => count;
}

describe('考核 › 评分结果 › 派出机构考核评价', () => {
  domPerTest();

  const base = () => ({
    scoreTable: async () => ({ period: '2026', version: 1, maxTotal: 0, indicators: [], offices: [] }),
    listAssessmentResults: async () => [],
    listRectificationItems: async () => [],
  });
  const mountOn = (api, office, toasts = []) => {
    const host = newHost();
    const dispose = mountAssessment(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {}, today: '2026-11-26', office, route: { tab: 'scores' },
    });
    return { host, dispose };
  };

  test('the form names what is wrong; received rows group by township with their average', () => {
    assert.equal(parseOutpostForm({ period: '2026Q5', department: 'x', score: '90' }).error.field, 'period');
    assert.equal(parseOutpostForm({ period: '2026', department: ' ', score: '90' }).error.field, 'department');
    assert.equal(parseOutpostForm({ period: '2026', department: '区城管局', score: '101' }).error.field, 'score');
    assert.equal(parseOutpostForm({ period: '2026', department: '区城管局', score: '' }).error.field, 'score');
    assert.deepEqual(parseOutpostForm({ period: '2026年', department: ' 区城管局 ', score: '88.5', comments: '' }).input,
      { period: '2026', department: '区城管局', score: '88.5', comments: '' });
    assert.equal(parseOutpostForm({ period: '2026年第四季度', department: '区城管局', score: '90' }).input.period, '2026Q4');
    const g = receivedByOffice([
      { officeCode: '1', officeName: '青溪街道', score: 90 }, { officeCode: '1', officeName: '青溪街道', score: 85 },
      { officeCode: '2', officeName: '梧桐镇', score: 70 },
    ]);
    assert.deepEqual(g.map((x) => [x.name, x.rows.length, x.average]), [['青溪街道', 2, 87.5], ['梧桐镇', 1, 70]]);
  });

  test('a township lists, adds, corrects and deletes its evaluations', async () => {
    const rows = [{ id: 'o1', period: '2026', department: '区市场监管局青溪分局', score: 92.5, comments: '响应及时' }];
    const api = fakeApi({
      ...base(),
      listOutpostEvaluations: async () => rows.map((r) => ({ ...r })),
      createOutpostEvaluation: async (input) => {
        const o = { id: `o${rows.length + 1}`, ...input, score: Number(input.score) };
        rows.push(o);
        return o;
      },
      updateOutpostEvaluation: async (id, input) => Object.assign(rows.find((r) => r.id === id), input, { score: Number(input.score) }),
      deleteOutpostEvaluation: async (id) => { rows.splice(rows.findIndex((r) => r.id === id), 1); return { id: 'bin1' }; },
    });
    const toasts = [];
    const { host, dispose } = mountOn(api, { code: '320115101000', name: '青溪街道', level: 'township' }, toasts);
    await settle();
    const listed = () => [...host.querySelectorAll('#outposts-table tr[data-outpost-id]')].map((r) => textOf(r));
    assert.equal(listed().length, 1);
    assert.match(listed()[0], /2026年区市场监管局青溪分局92\.5响应及时/);
    assert.ok(!api.calls.some(([n]) => n === 'listReceivedOutpostEvaluations'));

    // Added: a bad score is named first.
    host.querySelector('#outpost-department').value = '区城管局青溪中队';
    host.querySelector('#outpost-score').value = '120';
    await dispatch(host.querySelector('#outpost-save'), 'click');
    assert.match(textOf(host.querySelector('#outpost-error')), /0 到 100/);
    assert.ok(!api.calls.some(([n]) => n === 'createOutpostEvaluation'));
    host.querySelector('#outpost-score').value = '85';
    host.querySelector('#outpost-comments').value = '配合较好';
    await dispatch(host.querySelector('#outpost-save'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'createOutpostEvaluation')[1],
      { period: '2026', department: '区城管局青溪中队', score: '85', comments: '配合较好' });
    assert.equal(listed().length, 2);
    assert.equal(host.querySelector('#outpost-department').value, '', 'the form is empty again');

    // Opening a row fills the form; saving updates that one.
    await dispatch(host.querySelector('tr[data-outpost-id="o1"] td'), 'click');
    assert.equal(host.querySelector('#outpost-department').value, '区市场监管局青溪分局');
    assert.equal(host.querySelector('#outpost-score').value, '92.5');
    assert.match(textOf(host.querySelector('#outpost-form-title')), /修改评价/);
    host.querySelector('#outpost-score').value = '90';
    await dispatch(host.querySelector('#outpost-save'), 'click');
    await settle();
    const [, id, input] = api.calls.find(([n]) => n === 'updateOutpostEvaluation');
    assert.equal(id, 'o1');
    assert.equal(input.score, '90');
    assert.match(listed().join('|'), /区市场监管局青溪分局90响应及时/);

    // Deleted after confirming, into the recycle bin.
    await clickAndConfirm(host.querySelector('[data-outpost-delete="o2"]'));
    assert.deepEqual(api.calls.find(([n]) => n === 'deleteOutpostEvaluation').slice(1), ['o2']);
    assert.equal(listed().length, 1);
    assert.ok(toasts.some((t) => t.includes('回收站')), toasts.join());

    // The ledger goes out to Excel (全部台账 holds it too); the dialog says it is not imported back.
    await dispatch(host.querySelector('#outposts-export'), 'click');
    await settle();
    const hint = textOf(document.querySelector('#export-dialog'));
    assert.match(hint, /导出的派出机构考核评价有这些列：序号、考核期间、派出机构、得分、评价意见。在软件里逐条登记，不能导入/);
    assert.ok(!hint.includes('改好后可以再导入'), hint);
    dispose();
  });

  test('a list refresh leaves the evaluation form in place, so typing keeps its focus', async () => {
    const api = fakeApi({ ...base(), listOutpostEvaluations: async () => [] });
    const { host, dispose } = mountOn(api, { code: '320115101000', name: '青溪街道', level: 'township' });
    await settle();
    const form = host.querySelector('#outposts-own-form');
    const detached = detachments(form);
    host.querySelector('#outpost-department').value = '区应急管理局青溪站';
    await dispatch(host.querySelector('#scores-run'), 'click');
    await settle();
    assert.ok(api.calls.filter(([n]) => n === 'listOutpostEvaluations').length >= 2, 'the list was read again');
    assert.equal(detached(), 0, 'the form was never taken out of the page');
    assert.equal(host.querySelector('#outpost-department').value, '区应急管理局青溪站');
    assert.ok(host.querySelector('#outposts-own-list #outposts-table'));
    dispose();
  });

  test('表彰与通报: a refresh redraws the lists only; the forms stay the same nodes and keep what is typed', async () => {
    const results = [{ id: 'n1', kind: 'criticism', period: '2026', title: '走访记录不全', recipient: '青溪街道', documentNo: '' }];
    const items = [];
    const api = fakeApi({
      ...base(),
      listOutpostEvaluations: async () => [],
      listAssessmentResults: async () => results.map((r) => ({ ...r })),
      listRectificationItems: async () => items.map((r) => ({ ...r })),
      createAssessmentResult: async (input) => { const r = { id: `n${results.length + 1}`, ...input }; results.push(r); return r; },
      createRectificationItem: async (input) => { const r = { id: `r${items.length + 1}`, ...input }; items.push(r); return r; },
    });
    const toasts = [];
    const { host, dispose } = mountOn(api, { code: '320115101000', name: '青溪街道', level: 'township' }, toasts);
    await settle();
    const form = host.querySelector('#scores-result-form');
    const rect = host.querySelector('#scores-rect-form');
    assert.ok(form && rect);
    const detached = detachments(form);
    host.querySelector('#scores-result-title').value = '优秀社区工作者';
    host.querySelector('#scores-result-kind').value = 'criticism';
    host.querySelector('#scores-rect-item').value = '补齐走访记录';
    const listBefore = host.querySelector('#scores-result-list');

    // 计算评分 reads the results again: the list is new, the forms are not.
    const reads = api.calls.filter(([n]) => n === 'listAssessmentResults').length;
    await dispatch(host.querySelector('#scores-run'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'listAssessmentResults').length, reads + 1, 'the results were read again');

    assert.notEqual(host.querySelector('#scores-result-list'), listBefore, 'the list was redrawn');
    assert.equal(host.querySelector('#scores-result-form'), form, 'the same form node');
    assert.equal(host.querySelector('#scores-rect-form'), rect, 'the same 整改事项 form node');
    assert.equal(detached(), 0, 'the form was never taken out of the page');
    assert.equal(host.querySelector('#scores-result-title').value, '优秀社区工作者');
    assert.equal(host.querySelector('#scores-result-kind').value, 'criticism');
    assert.equal(host.querySelector('#scores-rect-item').value, '补齐走访记录');

    // 登记: sent, listed, and the form empty again for the next one (still the same node).
    host.querySelector('#scores-result-recipient').value = '王网格';
    await dispatch(host.querySelector('#scores-result-add'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createAssessmentResult');
    assert.deepEqual([input.kind, input.title, input.recipient, input.period], ['criticism', '优秀社区工作者', '王网格', '2026']);
    assert.match(textOf(host.querySelector('#scores-result-list')), /优秀社区工作者/);
    assert.equal(host.querySelector('#scores-result-form'), form);
    assert.equal(host.querySelector('#scores-result-title').value, '');
    assert.equal(host.querySelector('#scores-result-kind').value, 'award', 'the first kind again');
    assert.equal(host.querySelector('#scores-result-recipient').value, '');
    // The 整改事项 box kept its text through that refresh too. The new notice is offered
    // beside the first; the one chosen stays chosen through a refresh.
    assert.equal(host.querySelector('#scores-rect-item').value, '补齐走访记录');
    assert.deepEqual([...rect.querySelectorAll('option')].map((o) => o.value), ['n1', 'n2']);
    host.querySelector('#scores-rect-notice').value = 'n2';
    await dispatch(host.querySelector('#scores-run'), 'click');
    await settle();
    assert.equal(host.querySelector('#scores-rect-notice').value, 'n2');
    // Adding it sends it and empties the form.
    host.querySelector('#scores-rect-owner').value = '李主任';
    host.querySelector('#scores-rect-deadline').value = '2026-12-31';
    await dispatch(host.querySelector('#scores-rect-add'), 'click');
    await settle();
    const [, sent] = api.calls.find(([n]) => n === 'createRectificationItem');
    assert.deepEqual([sent.notice, sent.item, sent.owner, sent.deadline], ['n2', '补齐走访记录', '李主任', '2026-12-31']);
    assert.ok(host.querySelector('#scores-rectification-table tr[data-rectification-id="r1"]'));
    assert.equal(host.querySelector('#scores-rect-form'), rect);
    assert.equal(host.querySelector('#scores-rect-item').value, '');
    assert.ok(toasts.includes('已新增整改事项“补齐走访记录”'), toasts.join());
    // The next item goes under the same notice (it jumped back to the first).
    assert.equal(host.querySelector('#scores-rect-notice').value, 'n2');
    // The notice's 发文日期 is sent (today unless typed): its items are open from it.
    assert.equal(input.issuedOn, '2026-11-26');
    dispose();
  });

  test('表彰与通报: the 整改事项 form shows only while there is a 通报批评 to attach an item to', async () => {
    const results = [];
    const api = fakeApi({
      ...base(),
      listOutpostEvaluations: async () => [],
      listAssessmentResults: async () => results.map((r) => ({ ...r })),
      createAssessmentResult: async (input) => { const r = { id: 'n1', ...input }; results.push(r); return r; },
    });
    const { host, dispose } = mountOn(api, { code: '320115101000', name: '青溪街道', level: 'township' });
    await settle();
    assert.ok(host.querySelector('#scores-result-form'));
    assert.equal(host.querySelector('#scores-rect-form'), null, 'no notice yet');
    host.querySelector('#scores-result-kind').value = 'criticism';
    host.querySelector('#scores-result-title').value = '台账不全';
    await dispatch(host.querySelector('#scores-result-add'), 'click');
    await settle();
    const rect = host.querySelector('#scores-rect-form');
    assert.ok(rect, 'offered once a notice exists');
    assert.deepEqual([...rect.querySelectorAll('#scores-rect-notice option')].map((o) => [o.value, textOf(o)]), [['n1', '台账不全']]);
    // After the 整改事项 table, as before.
    const kids = host.querySelector('#scores-results').children;
    assert.equal(kids[kids.length - 1], rect);
    dispose();
  });

  test('a county sees the evaluations its townships sent, per township', async () => {
    const api = fakeApi({
      ...base(),
      listReceivedOutpostEvaluations: async () => [
        { id: 'a', officeCode: '320115101000', officeName: '青溪街道', period: '2026', department: '区市场监管局青溪分局', score: 92.5, comments: '响应及时' },
        { id: 'b', officeCode: '320115101000', officeName: '青溪街道', period: '2026', department: '区城管局青溪中队', score: 80, comments: '' },
        { id: 'c', officeCode: '320115102000', officeName: '梧桐镇', period: '2026', department: '区自然资源局梧桐所', score: 88, comments: '' },
      ],
    });
    const { host, dispose } = mountOn(api, { code: '320115000000', name: '江宁区', level: 'county' });
    await settle();
    assert.ok(!api.calls.some(([n]) => n === 'listOutpostEvaluations'));
    assert.equal(host.querySelector('#outpost-save'), null, 'read-only at the county');
    const offices = [...host.querySelectorAll('#outposts-received [data-office-code]')];
    assert.deepEqual(offices.map((o) => o.getAttribute('data-office-code')), ['320115101000', '320115102000']);
    assert.match(textOf(offices[0]), /青溪街道 · 2 条，平均 86\.3 分/);
    assert.match(textOf(host.querySelector('#outposts-received')), /2 个乡镇（街道），3 条/);
    dispose();
  });
});

describe('考核 › 评分结果 › 考核期间', () => {
  domPerTest();

  test('a period not begun is refused in the notice; a later run that scores takes the notice away', async () => {
    const notices = []; // the window's one red notice (#alert): a new one replaces it
    const api = fakeApi({
      scoreTable: async (p) => {
        if (p === '2026Q2') throw { kind: 'validation', field: 'period', message: '2026年第二季度还没有开始，不能计算评分。' };
        return { period: p, periodLabel: p, version: 1, maxTotal: 0, indicators: [], offices: [] };
      },
      listAssessmentResults: async () => [],
      listRectificationItems: async () => [],
      listOutpostEvaluations: async () => [],
    });
    const host = newHost();
    const dispose = mountAssessment(host, {
      api, toast() {}, alert: (m) => notices.splice(0, notices.length, m), clearAlert: () => { notices.length = 0; }, onError() {},
      today: '2026-02-10', office: { code: '320115101000', name: '青溪街道', level: 'township' }, route: { tab: 'scores' },
    });
    await settle();
    // No indicators: said, not a table of 0s (probe AE).
    assert.match(textOf(host.querySelector('#scores-none')), /还没有考核指标，所以还没有评分/);
    assert.equal(host.querySelector('#scores-table'), null);
    // In February the year just ended is scored first (probe Z: it opened on 2027).
    assert.equal(api.calls.findLast(([n]) => n === 'scoreTable')[1], '2025');
    const year = host.querySelector('#scores-period-year');
    year.value = '2026';
    await dispatch(year, 'change');
    await settle();
    await dispatch(host.querySelector('#scores-period-kind-quarter'), 'click');
    await settle();
    assert.equal(api.calls.findLast(([n]) => n === 'scoreTable')[1], '2026Q1', 'this year: no quarter to come');
    const quarter = host.querySelector('#scores-period-quarter');
    quarter.value = '2';
    await dispatch(quarter, 'change');
    await settle();
    assert.deepEqual(notices, ['2026年第二季度还没有开始，不能计算评分。']);
    assert.equal(host.querySelector('#scores-table, #scores-none'), null, 'nothing of another period under the refused one');
    // 计算评分 again for the same period: refused again.
    await dispatch(host.querySelector('#scores-run'), 'click');
    await settle();
    assert.deepEqual(notices, ['2026年第二季度还没有开始，不能计算评分。']);
    quarter.value = '1';
    await dispatch(quarter, 'change');
    await settle();
    assert.equal(api.calls.findLast(([n]) => n === 'scoreTable')[1], '2026Q1');
    assert.ok(host.querySelector('#scores-none'));
    assert.deepEqual(notices, [], 'the stale notice is gone');
    dispose();
  });
});

test('季度 and 半年 are picked by name, newest first, the current one among them', () => {
  const q = quarterChoices('2026-11-26');
  assert.deepEqual(q.map((o) => o.value), ['2027Q1', '2026Q4', '2026Q3', '2026Q2', '2026Q1', '2025Q4']);
  assert.equal(q[1].label, '2026年第四季度');
  assert.deepEqual(quarterChoices('2026-02-01', { back: 1, ahead: 0 }).map((o) => o.value), ['2026Q1', '2025Q4']);
  const hs = halfChoices('2026-11-26');
  assert.deepEqual(hs.map((o) => o.value), ['2026H2', '2026H1', '2025H2', '2025H1']);
  assert.equal(hs[0].label, '2026年下半年');
  assert.deepEqual(quarterChoices(''), []);
});
