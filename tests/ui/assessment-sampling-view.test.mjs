import './catalog.mjs';
// 考核 › 抽查 and 检查 (issue 16, items 4–5): the pure parts (quarters, half-years,
// the forms), and both screens mounted in the fake DOM: a draw previewed, saved,
// refused as a silent redraw, the replaced sample kept with its reason, the A4 list
// and notice with seed and rule; the grid progress, an inspection saved, a bad score
// named, the blank A4 inspection sheet.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, submitFormWith, domPerTest, newHost } from './dom-env.mjs';
import {
  drawCountText, ratePermilleOf, quarterEnd, rectificationDoneInput, sampleReasonLabel, halfOf, inspectionTargets, inspectorsText, parseInspectionForm, parseSampleForm, periodLabel, progressText, quarterOf,
} from '../../ui/js/logic/assessment.js';
import { mountSampling } from '../../ui/js/views/assessment-sampling.js';
import { mountInspections } from '../../ui/js/views/assessment-inspections.js';
import { mountAssessment } from '../../ui/js/views/assessment.js';

const CHECKLIST = [
  { key: 'visits', label: '网格员走访', max: 20, hint: '' },
  { key: 'records', label: '台账记录', max: 20, hint: '' },
  { key: 'publicity', label: '信息公示', max: 15, hint: '' },
  { key: 'timeliness', label: '问题处理时效', max: 25, hint: '' },
  { key: 'sanliang', label: '三亮到位', max: 20, hint: '' },
];
const DRAWN = [
  { compoundId: 'c1', compoundName: '阳光花园', communityName: '青溪社区', inspectorNames: ['丙', '丁'], drawnLastQuarter: false },
  { compoundId: 'c7', compoundName: '桃园组', communityName: '桃园村', inspectorNames: ['甲'], drawnLastQuarter: true },
];
const sample = (over = {}) => ({
  id: 's1', quarter: '2026Q4', quarterLabel: '2026年第四季度', current: true, ratePermille: 300, number: '2741',
  seed: '234e9e8ba6048084', rule: '抽取数 = ⌈小区总数 × 抽查比例 30%⌉ … SplitMix64', frame: new Array(7).fill({}),
  drawn: DRAWN, drawnOn: '2026-11-26', inspected: 1, redrawReason: '', officeName: '青溪街道', ...over,
});

describe('抽查 and 检查 logic', () => {
  test('quarters, half-years and their labels from a day passed in', () => {
    assert.equal(quarterOf('2026-11-26'), '2026Q4');
    assert.equal(quarterOf('2026-03-31'), '2026Q1');
    assert.equal(halfOf('2026-06-30'), '2026H1');
    assert.equal(halfOf('2026-07-01'), '2026H2');
    assert.equal(periodLabel('2026Q4'), '2026年第四季度');
    assert.equal(periodLabel('2026H1'), '2026年上半年');
    assert.equal(quarterOf(''), '');
  });
  test('the sample form names what is missing, and a redraw needs its reason', () => {
    assert.equal(parseSampleForm({ quarter: '2026Q5', number: '1' }).error.field, 'quarter');
    assert.equal(parseSampleForm({ quarter: '2026q4', number: '' }).error.field, 'number');
    assert.equal(parseSampleForm({ quarter: '2026q4', number: '十二' }).error.field, 'number');
    assert.equal(parseSampleForm({ quarter: '2026Q4', number: '7' }, { needsReason: true }).error.field, 'reason');
    assert.deepEqual(parseSampleForm({ quarter: '2026q4', number: ' 2741 ' }).input,
      { quarter: '2026Q4', rate: '30%', number: '2741', reason: '' });
    // Typed with a Chinese IME: the same number (it read as none).
    assert.equal(parseSampleForm({ quarter: '2026Q4', number: '２７４１' }).input.number, '2741');
    // Filled but wrong says so, not 请填写 (probe AJ).
    assert.match(parseSampleForm({ quarter: '2026Q4', number: 'abc' }).error.message, /^随机号“abc”只能是数字/);
    assert.match(parseSampleForm({ quarter: '2026Q4', number: '9'.repeat(20) }).error.message, /^随机号最多 18 位数字，这里是 20 位/);
    assert.match(parseSampleForm({ quarter: '2026Q4', number: '' }).error.message, /^请填写随机号/);
    // A quarter that has ended is a 补抽 with its reason (probe AJ).
    const late = parseSampleForm({ quarter: '2026Q2', number: '88' }, { today: '2026-12-07' });
    assert.equal(late.error.field, 'reason');
    assert.match(late.error.message, /^2026年第二季度已经结束（2026-06-30）。补抽以前季度的样本/);
    assert.equal(parseSampleForm({ quarter: '2026Q2', number: '88', reason: '当季漏抽' }, { today: '2026-12-07' }).ok, true);
    assert.equal(parseSampleForm({ quarter: '2026Q4', number: '88' }, { today: '2026-12-07' }).ok, true);
    assert.deepEqual(['2026Q1', '2024Q4', '2026Q3', 'x'].map(quarterEnd), ['2026-03-31', '2024-12-31', '2026-09-30', '']);
    assert.equal(sampleReasonLabel({ quarter: '2026Q2', drawnOn: '2026-12-07' }), '补抽原因');
    assert.equal(sampleReasonLabel({ quarter: '2026Q4', drawnOn: '2026-12-07', replaces: 's0' }), '重抽原因');
  });
  test('how many were drawn and why that many (probe AJ: ⌈13 × 30%⌉ beside 5 listed)', () => {
    assert.equal(drawCountText(13, 5, 5, 300),
      '小区 13 个，按比例应抽 ⌈13 × 30%⌉ = 4 个；分布在 5 个村/社区，每个至少抽 1 个，实际抽中 5 个（38.5%）。');
    assert.equal(drawCountText(20, 3, 6, 300), '小区 20 个，按比例应抽 ⌈20 × 30%⌉ = 6 个，实际抽中 6 个（30%）。');
    assert.deepEqual(['30%', '35', '0.4', '', 'x', '１００％'].map(ratePermilleOf), [300, 350, 400, 300, 300, 1000]);
  });
  test('the inspection form checks every score against its maximum', () => {
    const base = {
      unitId: 'g1', date: '2026-11-20', inspector: '丙', scores: {
        visits: '18', records: '20', publicity: '15', timeliness: '20', sanliang: '19',
      },
    };
    assert.equal(parseInspectionForm(base, CHECKLIST).ok, true);
    assert.equal(parseInspectionForm({ ...base, scores: { ...base.scores, visits: '１８' } }, CHECKLIST).input.scores.visits, '18',
      'a full-width score is the score');
    assert.equal(parseInspectionForm({ ...base, unitId: '' }, CHECKLIST).error.field, 'unitId');
    assert.equal(parseInspectionForm({ ...base, scores: { ...base.scores, publicity: '16' } }, CHECKLIST).error.field, 'publicity');
    assert.equal(parseInspectionForm({ ...base, scores: { ...base.scores, visits: '8.5' } }, CHECKLIST).error.field, 'visits');
    assert.equal(parseInspectionForm({ ...base, scores: { ...base.scores, records: '' } }, CHECKLIST).error.field, 'records');
    assert.equal(parseInspectionForm({ ...base, substituteReason: ' 乙请假 ' }, CHECKLIST).input.substituteReason, '乙请假');
  });
  test('a 整改事项 marked done keeps its notice, item, owner and deadline', () => {
    assert.deepEqual(rectificationDoneInput({ resultId: 'n1', notice: '通报', item: '补齐', owner: '青溪社区', deadline: '2026-12-05' }, '2026-12-01'),
      { notice: 'n1', item: '补齐', owner: '青溪社区', deadline: '2026-12-05', doneOn: '2026-12-01', note: '' });
    assert.equal(rectificationDoneInput({ notice: '检查发现：…', item: 'x' }, '2026-12-01').notice, '检查发现：…');
  });
  test('检查人员 say who stood in for the inspectors drawn, and why (probe AJ)', () => {
    assert.equal(inspectorsText({ inspector: '丙、丁' }), '丙、丁');
    assert.equal(inspectorsText({ inspector: '周敏、陈静', drawnInspector: '郑丽、吴刚', substituteReason: '郑丽请假' }),
      '周敏、陈静（换人：原抽中郑丽、吴刚；原因：郑丽请假）');
  });
  test('targets: the drawn compounds of the sample in force, then the grids; progress in words', () => {
    const progress = {
      half: '2026H2', total: 5, inspected: 2,
      left: [{ id: 'g3', name: '第三网格', communityName: '青溪社区', kindLabel: '基础网格' }],
      done: [{ id: 'g1', name: '第一网格', communityName: '青溪社区', kindLabel: '基础网格' }],
    };
    const old = sample({ id: 's0', current: false, drawn: [{ compoundId: 'x' }] });
    const t = inspectionTargets([old, sample()], progress, '2026Q4');
    assert.deepEqual(t.map((x) => x.id), ['c1', 'c7', 'g3', 'g1']);
    assert.deepEqual(t.map((x) => x.inspectors), ['丙、丁', '甲', undefined, undefined], 'the inspectors drawn for each compound');
    assert.equal(progressText(progress), '2026年下半年：已检查 2 / 5 个网格（40%），还剩 3 个');
  });
});

function ctxWith(api, toasts = [], alerts = []) {
  return { api, toast: (m) => toasts.push(m), alert: (m) => alerts.push(m), clearAlert() {}, onError() {}, today: '2026-11-26' };
}

describe('考核 › 抽查 screen', () => {
  domPerTest();

  test('previews, draws, refuses a silent redraw, keeps the replaced sample, prints list and notice', async () => {
    const samples = [];
    const api = fakeApi({
      listSamples: async () => samples.map((s) => ({ ...s })),
      listInspectors: async () => [{ id: 'p1', name: '甲', unitName: '青溪社区居委会', communityName: '青溪社区', active: true }],
      listUnits: async () => [{ id: 'v1', kind: 'village', name: '青溪社区' }, { id: 'c1', kind: 'compound', name: '阳光花园' }],
      previewSample: async () => ({
        seed: '234e9e8ba6048084', size: 2, drawn: DRAWN,
        strata: [{ communityName: '青溪社区', compounds: 3, drawn: 1 }, { communityName: '桃园村', compounds: 2, drawn: 1 }],
      }),
      drawSample: async (input) => {
        const s = sample({ id: `s${samples.length + 1}`, number: input.number, redrawReason: input.reason });
        samples.forEach((o) => { o.current = false; });
        samples.unshift(s);
        return s;
      },
      verifySample: async () => true,
      sampleNotice: async () => ({
        officeName: '青溪街道', quarterLabel: '2026年第四季度', seed: '234e9e8ba6048084', number: '2741', ratePermille: 300,
        frameSize: 7, rule: '规则 SplitMix64', pending: 1,
        rows: [{ communityName: '青溪社区', compoundName: '阳光花园', inspectors: '丙、丁', inspectedOn: '2026-11-20', score: 92, findings: '走访记录缺 2 户' },
          { communityName: '桃园村', compoundName: '桃园组', inspectors: '甲', inspectedOn: '', score: null, findings: '' }],
      }),
    });
    const toasts = [];
    const host = newHost();
    const view = mountSampling(host, ctxWith(api, toasts));
    await settle();
    assert.equal(host.querySelector('#sampling-quarter').value, '2026Q4', 'the quarter of the day passed in');
    assert.ok(host.querySelector('#sampling-empty'));
    assert.match(textOf(host.querySelector('#inspectors-table')), /甲青溪社区居委会青溪社区在册/);

    // No number: refused before any call, the field named.
    await dispatch(host.querySelector('#sampling-draw'), 'click');
    assert.match(textOf(host.querySelector('#sampling-error')), /随机号/);
    assert.ok(!api.calls.some(([n]) => n === 'drawSample'));

    host.querySelector('#sampling-number').value = '2741';
    await dispatch(host.querySelector('#sampling-preview'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#sampling-preview-box')), /未保存.*抽取 2 个小区.*234e9e8ba6048084/);
    assert.equal(host.querySelectorAll('#sampling-preview-table tr[data-compound-id]').length, 2);
    assert.equal(textOf(host.querySelector('#sampling-preview-count')),
      '小区 5 个，按比例应抽 ⌈5 × 30%⌉ = 2 个，实际抽中 2 个（40%）。', 'why that many, before it is saved (probe AL)');
    // Another number typed: the preview of the old one goes (probe AJ).
    host.querySelector('#sampling-number').value = '27415';
    await dispatch(host.querySelector('#sampling-number'), 'input');
    assert.equal(host.querySelector('#sampling-preview-table'), null);
    host.querySelector('#sampling-number').value = '2741';
    await dispatch(host.querySelector('#sampling-preview'), 'click');
    await settle();

    await dispatch(host.querySelector('#sampling-draw'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'drawSample')[1], { quarter: '2026Q4', rate: '30%', number: '2741', reason: '' });
    assert.equal(host.querySelectorAll('[data-sample-id]').length, 1);
    assert.match(toasts.at(-1), /已抽取2026年第四季度样本：2 个小区/);

    // Again without a reason: refused here, nothing drawn.
    host.querySelector('#sampling-number').value = '3000';
    await dispatch(host.querySelector('#sampling-draw'), 'click');
    assert.match(textOf(host.querySelector('#sampling-error')), /重抽请填写原因/);
    assert.equal(api.calls.filter(([n]) => n === 'drawSample').length, 1);
    host.querySelector('#sampling-reason').value = '随机号誊写错误';
    await dispatch(host.querySelector('#sampling-draw'), 'click');
    await settle();
    const cards = host.querySelectorAll('[data-sample-id]');
    assert.equal(cards.length, 2, 'the replaced sample stays');
    assert.equal(cards[0].getAttribute('data-current'), 'true');
    assert.match(textOf(cards[0]), /重抽原因：随机号誊写错误/);
    assert.match(textOf(cards[1]), /已被重抽替换/);

    await dispatch(host.querySelector('[data-verify="s2"]'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('[data-verdict="s2"]')), /核验一致/);

    // The A4 list: seed and rule printed; 返回 comes back.
    await dispatch(host.querySelector('[data-print-list="s2"]'), 'click');
    const paper = host.querySelector('#sampling-print');
    assert.equal(paper.hidden, false);
    assert.match(textOf(paper), /2026年第四季度小区抽查名单/);
    assert.match(textOf(paper), /随机号 3000，复核码 234e9e8ba6048084，抽查比例 30%/);
    assert.match(textOf(paper), /抽取规则：.*SplitMix64/);
    assert.match(textOf(paper), /重抽原因：随机号誊写错误/, 'the reason printed with it (probe AL)');
    await dispatch(host.querySelector('#sampling-print-back'), 'click');
    assert.equal(paper.hidden, true);

    await dispatch(host.querySelector('[data-print-notice="s2"]'), 'click');
    await settle();
    assert.match(textOf(paper), /小区抽查结果公示/);
    assert.match(textOf(host.querySelector('#sampling-notice-table')), /阳光花园丙、丁2026-11-2092 分走访记录缺 2 户/);
    assert.match(textOf(paper), /待检查/);
    assert.match(textOf(paper), /尚有 1 个小区待检查/);
    assert.match(textOf(paper), /重抽原因：随机号誊写错误/);

    // Every sample in force goes out to Excel as its notice lists it, and is never imported.
    await dispatch(host.querySelector('#samples-export'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#export-dialog')),
      /导出的抽查样本有这些列：序号、季度、抽查比例、随机号、抽取日期、村\/社区、小区、检查人员、检查日期、得分、发现问题。每个在用样本抽中的小区一行.*样本由软件抽取，不能导入/);
    view.dispose();
  });

  test('adds an inspector with the community to avoid, and shows the refusal of a nameless one', async () => {
    const added = [];
    const api = fakeApi({
      listSamples: async () => [],
      listInspectors: async () => added,
      listUnits: async () => [{ id: 'v1', kind: 'village', name: '青溪社区' }],
      createInspector: async (input) => {
        if (!input.name.trim()) throw Object.assign(new Error('请填写姓名。'), { field: 'name', message: '请填写姓名。' });
        added.push({ id: 'p9', name: input.name, unitName: input.unitName, communityName: '青溪社区', active: true });
        return added.at(-1);
      },
    });
    const host = newHost();
    mountSampling(host, ctxWith(api));
    await settle();
    await dispatch(host.querySelector('#inspector-add'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#inspector-error')), /请填写姓名/);
    host.querySelector('#inspector-name').value = '乙';
    host.querySelector('#inspector-community').value = 'v1';
    await dispatch(host.querySelector('#inspector-add'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'createInspector')[1], { name: '', unitName: '', communityId: '' });
    assert.equal(api.calls.filter(([n]) => n === 'createInspector').at(-1)[1].communityId, 'v1');
    assert.equal(host.querySelectorAll('#inspectors-table tr[data-inspector-id]').length, 1);
  });
});

describe('考核 › 检查 screen', () => {
  domPerTest();

  test('the compounds offered follow the quarter of the 检查日期 (probe Z: last quarter\'s sample could not be chosen)', async () => {
    const q1 = sample({ id: 's2', quarter: '2027Q1', quarterLabel: '2027年第一季度', drawn: [DRAWN[0]] });
    const api = fakeApi({
      inspectionChecklist: async () => CHECKLIST,
      listSamples: async () => [q1, sample()],
      gridInspectionProgress: async () => ({ half: '2027H1', total: 0, inspected: 0, done: [], left: [] }),
      listInspections: async () => [],
      listRectificationItems: async () => [],
    });
    const host = newHost();
    const view = mountInspections(host, { ...ctxWith(api), today: '2027-01-05' });
    await settle();
    const offered = () => [...host.querySelectorAll('#inspection-unitId option')].map((o) => o.value).filter(Boolean);
    assert.equal(offered().length, 1, '2027年第一季度: its one compound');
    const date = host.querySelector('#inspection-date');
    date.value = '2026.12.30';
    await dispatch(date, 'change');
    assert.deepEqual(offered(), DRAWN.map((d) => d.compoundId), '2026年第四季度: its sample');
    // A compound of that quarter only, then the date moved on: said, not dropped unsaid (probe AJ).
    host.querySelector('#inspection-unitId').value = 'c7';
    await dispatch(host.querySelector('#inspection-unitId'), 'change');
    assert.equal(host.querySelector('#inspection-inspector').value, '甲');
    date.value = '2027-01-05';
    await dispatch(date, 'change');
    assert.equal(host.querySelector('#inspection-unitId').value, '');
    assert.equal(host.querySelector('#inspection-inspector').value, '', 'its drawn inspectors go with it (probe AL)');
    host.querySelector('#inspection-unitId').value = 'c1';
    await dispatch(host.querySelector('#inspection-unitId'), 'change');
    assert.equal(host.querySelector('#inspection-inspector').value, '丙、丁', 'the new one\'s filled in');
    assert.equal(textOf(host.querySelector('#inspection-error')),
      '桃园村 · 桃园组不是2027年第一季度的抽中小区，检查对象已清空：请按检查日期重新选择。');
    view.dispose();
  });

  test('a sampled compound picked fills in the inspectors drawn for it; typed names and a 换人原因 are kept (probe AJ)', async () => {
    const api = fakeApi({
      inspectionChecklist: async () => CHECKLIST,
      listSamples: async () => [sample()],
      gridInspectionProgress: async () => ({ half: '2026H2', total: 0, inspected: 0, done: [], left: [] }),
      listInspections: async () => [],
      listRectificationItems: async () => [],
      createInspection: async (input) => ({ id: 'n1', ...input, unitName: '阳光花园', total: 90, photos: [] }),
    });
    const host = newHost();
    const view = mountInspections(host, ctxWith(api));
    await settle();
    const unit = host.querySelector('#inspection-unitId');
    const who = host.querySelector('#inspection-inspector');
    unit.value = 'c1';
    await dispatch(unit, 'change');
    assert.equal(who.value, '丙、丁');
    unit.value = 'c7';
    await dispatch(unit, 'change');
    assert.equal(who.value, '甲', 'the filled names follow the compound');
    who.value = '周敏';
    unit.value = 'c1';
    await dispatch(unit, 'change');
    assert.equal(who.value, '周敏', 'names typed are not replaced');
    await submitFormWith(host, 'inspection', {
      substituteReason: '丙、丁回避', visits: '18', records: '20', publicity: '15', timeliness: '20', sanliang: '17',
    });
    const sent = api.calls.find(([n]) => n === 'createInspection')[1];
    assert.equal(sent.inspector, '周敏');
    assert.equal(sent.substituteReason, '丙、丁回避');
    view.dispose();
  });

  test('shows the half-year progress, saves an inspection, names a bad score, prints the blank sheet', async () => {
    const inspections = [];
    const progress = {
      half: '2026H2', halfLabel: '2026年下半年', total: 3, inspected: 1,
      done: [{ id: 'g1', code: 'GA1', name: '第一网格', communityName: '青溪社区', kindLabel: '基础网格' }],
      left: [{ id: 'g2', code: 'GA2', name: '第二网格', communityName: '青溪社区', kindLabel: '基础网格' },
        { id: 'm1', code: 'MA1', name: '1-2栋', communityName: '青溪社区', kindLabel: '微网格' }],
    };
    const api = fakeApi({
      inspectionChecklist: async () => CHECKLIST,
      listSamples: async () => [sample()],
      gridInspectionProgress: async () => progress,
      listInspections: async () => inspections,
      listRectificationItems: async () => [],
      createInspection: async (input) => {
        const saved = {
          id: 'n1', ...input, unitName: '第二网格', communityName: '青溪社区', period: '2026H2', unitKindLabel: '基础网格', total: 92, photos: [],
        };
        inspections.push(saved);
        return saved;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountInspections(host, ctxWith(api, toasts));
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'gridInspectionProgress').slice(1), ['2026H2']);
    assert.equal(textOf(host.querySelector('#inspections-progress')), '2026年下半年：已检查 1 / 3 个网格（33.3%），还剩 2 个');
    assert.equal(host.querySelectorAll('#inspections-left-list li').length, 2);
    const options = host.querySelectorAll('#inspection-unitId option');
    assert.equal(options.length, 1 + 2 + 3, 'choose + 2 drawn compounds + 3 grids');

    host.querySelector('#inspection-unitId').value = 'g2';
    host.querySelector('#inspection-inspector').value = '丙、丁';
    const scores = { visits: '18', records: '20', publicity: '16', timeliness: '20', sanliang: '19' };
    assert.match(textOf(host.querySelector('#inspection-total')), /^满分 \d+ 分$/);
    for (const [k, v] of Object.entries(scores)) host.querySelector(`#inspection-${k}`).value = v;
    await dispatch(host.querySelector('#inspection-sanliang'), 'input');
    assert.match(textOf(host.querySelector('#inspection-total')), /^合计 93 \/ \d+ 分$/, 'the total as it is typed');
    await dispatch(host.querySelector('#inspection-form'), 'submit');
    assert.match(textOf(host.querySelector('#inspection-error')), /信息公示.*0–15/);
    assert.ok(!api.calls.some(([n]) => n === 'createInspection'));
    await submitFormWith(host, 'inspection', { publicity: '15', findings: '走访记录缺 2 户' });
    const sent = api.calls.find(([n]) => n === 'createInspection')[1];
    assert.equal(sent.unitId, 'g2');
    assert.equal(sent.date, '2026-11-26');
    assert.equal(sent.scores.publicity, '15');
    assert.match(toasts.at(-1), /第二网格.*92 分/);
    assert.match(textOf(host.querySelector('#inspections-table')), /2026-11-262026年下半年青溪社区 · 第二网格基础网格丙、丁92走访记录缺 2 户/);

    await dispatch(host.querySelector('#inspections-print-sheet'), 'click');
    const paper = host.querySelector('#inspections-print');
    assert.equal(paper.hidden, false);
    assert.match(textOf(host.querySelector('#inspection-sheet-table')), /网格员走访20.*问题处理时效25.*合计100/);
    await dispatch(host.querySelector('#inspections-print-back'), 'click');
    assert.equal(paper.hidden, true);
    view.dispose();
  });
});

describe('考核 › 检查: 转为整改 and 复查', () => {
  domPerTest();

  test('a row’s findings become a 整改事项 of that inspection; 复查 opens the form on its grid and sends recheckOf; the rows say both', async () => {
    const first = {
      id: 'i1', unitId: 'g1', unitName: '第一网格', communityName: '青溪社区', unitKindLabel: '基础网格', period: '2026H2',
      date: '2026-11-20', inspector: '甲', findings: '公示牌缺失', remark: '', total: 80,
      scores: { visits: 16, records: 18, publicity: 10, timeliness: 20, sanliang: 16 }, photos: [],
    };
    const inspections = [first];
    const items = [];
    const progress = {
      half: '2026H2', halfLabel: '2026年下半年', total: 2, inspected: 1,
      done: [{ id: 'g1', code: 'GA1', name: '第一网格', communityName: '青溪社区', kindLabel: '基础网格' }],
      left: [{ id: 'g2', code: 'GA2', name: '第二网格', communityName: '青溪社区', kindLabel: '基础网格' }],
    };
    const api = fakeApi({
      inspectionChecklist: async () => CHECKLIST,
      listSamples: async () => [],
      gridInspectionProgress: async () => progress,
      listInspections: async () => inspections,
      listRectificationItems: async () => items,
      createRectificationItem: async (input) => {
        const saved = { id: `r${items.length + 1}`, ...input, doneOn: null };
        items.push(saved);
        return saved;
      },
      updateRectificationItem: async (id, input) => Object.assign(items.find((r) => r.id === id), { doneOn: input.doneOn || null }),
      createInspection: async (input) => {
        const saved = {
          id: 'i2', ...input, unitName: '第一网格', communityName: '青溪社区', period: '2026H2', unitKindLabel: '基础网格', total: 95, photos: [],
        };
        inspections.unshift(saved);
        return saved;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountInspections(host, ctxWith(api, toasts));
    await settle();
    const form = host.querySelector('#inspection-rect-form');
    assert.equal(form.hidden, true);
    await dispatch(host.querySelector('[data-inspection-rectify="i1"]'), 'click');
    assert.equal(form.hidden, false);
    assert.match(textOf(host.querySelector('#inspection-rect-title')), /转为整改事项：青溪社区 · 第一网格（2026-11-20 检查）/);
    assert.equal(host.querySelector('#inspection-rect-item').value, '公示牌缺失', 'the findings, to edit');
    // Every blank field at once; nothing sent.
    host.querySelector('#inspection-rect-item').value = ' ';
    await dispatch(host.querySelector('#inspection-rect-save'), 'click');
    assert.match(textOf(host.querySelector('#inspection-rect-error')), /请填写整改事项。请填写责任人。请填写整改期限。/);
    assert.ok(!api.calls.some(([n]) => n === 'createRectificationItem'));
    host.querySelector('#inspection-rect-item').value = '补齐公示牌';
    host.querySelector('#inspection-rect-owner').value = '青溪社区';
    host.querySelector('#inspection-rect-deadline').value = '2026.12.5';
    await dispatch(host.querySelector('#inspection-rect-save'), 'click');
    await settle();
    const sent = api.calls.find(([n]) => n === 'createRectificationItem')[1];
    assert.equal(sent.inspectionId, 'i1');
    assert.equal(sent.notice, '');
    assert.equal(sent.deadline, '2026-12-05');
    assert.equal(form.hidden, true);
    assert.match(toasts.at(-1), /已新增整改事项“补齐公示牌”/);
    assert.equal(textOf(host.querySelector('[data-rectify-line="i1"]')), '整改 1 项，1 项未完成');

    // 复查: the grid fixed, its own button, recheckOf sent; the new row is tagged.
    await dispatch(host.querySelector('[data-inspection-recheck="i1"]'), 'click');
    assert.match(textOf(host.querySelector('#inspection-form-title')), /复查：第一网格（2026-11-20 检查/);
    const unit = host.querySelector('#inspection-unitId');
    assert.equal(unit.value, 'g1');
    assert.equal(unit.querySelectorAll('option').length, 1);
    assert.equal(textOf(host.querySelector('#inspection-save')), '保存复查记录');
    // Saved, it offers to close the first inspection's open 整改事项 on its day (probe AJ).
    for (const [k, v] of Object.entries({ inspector: '丙', visits: '20', records: '20', publicity: '15', timeliness: '20', sanliang: '20' })) {
      host.querySelector(`#inspection-${k}`).value = v;
    }
    const saving = dispatch(host.querySelector('#inspection-form'), 'submit');
    await settle();
    assert.match(textOf(document.querySelector('#confirm-dialog')),
      /还有 1 项未完成：“补齐公示牌”。复查时问题已经解决的，可以一并标记完成，完成日期记为复查日期 2026-11-26/);
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await saving;
    await settle();
    const closed = api.calls.find(([n]) => n === 'updateRectificationItem');
    assert.deepEqual([closed[1], closed[2].doneOn, closed[2].item], ['r1', '2026-11-26', '补齐公示牌']);
    assert.equal(textOf(host.querySelector('[data-rectify-line="i1"]')), '整改 1 项，都已完成');
    const made = api.calls.find(([n]) => n === 'createInspection')[1];
    assert.equal(made.recheckOf, 'i1');
    assert.equal(made.unitId, 'g1');
    assert.ok(toasts.some((t) => /第一网格的复查记录（95 分）/.test(t)), toasts.join('|'));
    assert.equal(toasts.at(-1), '已把 1 项整改事项标记完成');
    assert.equal(textOf(host.querySelector('[data-recheck-tag="i2"]')), '复查（2026-11-20 检查）');
    assert.equal(host.querySelector('[data-inspection-recheck="i2"]'), null, 'a recheck is not rechecked');
    assert.equal(textOf(host.querySelector('#inspection-form-title')), '记录一次检查', 'back to a new inspection');
    // Deleting the inspection with an item asks first (probe V); 取消 deletes nothing.
    const asking = dispatch(host.querySelector('[data-inspection-delete="i1"]'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#confirm-dialog') ?? document.body), /整改事项 1 项，都已完成。删除检查记录后，整改事项仍保留/);
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await asking;
    assert.ok(!api.calls.some(([n]) => n === 'deleteInspection'));
    view.dispose();
  });
});

describe('考核 › 检查: correcting an inspection', () => {
  domPerTest();

  test('opening a row fills the form; saving updates that inspection, keeping its remark; its photos show and more can be added', async () => {
    const stored = {
      id: 'i1', unitId: 'g1', unitName: '第一网格', communityName: '青溪社区', unitKindLabel: '基础网格', period: '2026H2',
      date: '2026-11-20', inspector: '甲', findings: '公示牌缺失', remark: '复查时补拍', total: 80,
      scores: { visits: 16, records: 18, publicity: 10, timeliness: 20, sanliang: 16 },
      photos: [{ hash: 'h1', name: '现场1.jpg', missing: false }],
    };
    const inspections = [stored];
    const progress = {
      half: '2026H2', halfLabel: '2026年下半年', total: 1, inspected: 1,
      done: [{ id: 'g1', code: 'GA1', name: '第一网格', communityName: '青溪社区', kindLabel: '基础网格' }], left: [],
    };
    const api = fakeApi({
      inspectionChecklist: async () => CHECKLIST,
      listSamples: async () => [],
      gridInspectionProgress: async () => progress,
      listInspections: async () => inspections,
      listRectificationItems: async () => [],
      chooseOpenFile: async () => '/tmp/现场2.jpg',
      attachmentBytes: async () => new Uint8Array([0xFF, 0xD8, 0xFF, 0xE0]).buffer,
      attachFiles: async (kind, id, [path]) => {
        stored.photos = [...stored.photos, { hash: 'h2', name: path.split('/').pop(), missing: false }];
        return stored.photos;
      },
      listAttachments: async () => stored.photos,
      chooseEvidenceFiles: async () => ['/tmp/现场2.jpg'],
      detachFile: async (kind, id, hash) => {
        stored.photos = stored.photos.filter((p) => p.hash !== hash);
        return stored.photos;
      },
      attachmentThumbnail: async () => null,
      updateInspection: async (id, input) => {
        Object.assign(stored, input, { scores: Object.fromEntries(Object.entries(input.scores).map(([k, v]) => [k, Number(v)])), total: 85 });
        return stored;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountInspections(host, ctxWith(api, toasts));
    await settle();
    // Opening the row (a click on a cell) fills the form.
    await dispatch(host.querySelector('tr[data-inspection-id="i1"] td'), 'click');
    assert.match(textOf(host.querySelector('#inspection-form-title')), /修改检查记录：第一网格（2026-11-20）/);
    assert.equal(host.querySelector('#inspection-unitId').value, 'g1');
    assert.equal(host.querySelector('#inspection-date').value, '2026-11-20');
    assert.equal(host.querySelector('#inspection-inspector').value, '甲');
    assert.equal(host.querySelector('#inspection-publicity').value, '10');
    assert.equal(host.querySelector('#inspection-findings').value, '公示牌缺失');
    assert.equal(textOf(host.querySelector('#inspection-save')), '保存修改');
    // Its photos in the section every record with files has, under the form.
    await settle();
    assert.match(textOf(host.querySelector('#inspection-evidence-title')), /现场照片（1）/);
    assert.match(textOf(host.querySelector('#inspection-evidence-list')), /现场1\.jpg/);
    assert.equal(host.querySelector('#inspection-photo-path'), null, 'one way to add a photo while editing');
    // Named as the list's row and the new record's form name it.
    assert.equal(textOf(host.querySelector('#inspection-evidence-pick')), '添加照片…');
    assert.equal(textOf(host.querySelector('[data-attach="i1"]')), '添加照片');
    assert.equal(textOf(host.querySelector('#inspection-cancel-edit')), '撤销修改');
    // More photos at once; the list's 照片 column follows; the form stays on the inspection.
    await dispatch(host.querySelector('#inspection-evidence-pick'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'attachFiles').slice(1), ['inspections', 'i1', ['/tmp/现场2.jpg']]);
    assert.match(textOf(host.querySelector('#inspection-evidence-list')), /现场1\.jpg.*现场2\.jpg/);
    assert.match(textOf(host.querySelector('tr[data-inspection-id="i1"]')), /现场2\.jpg/);
    assert.match(textOf(host.querySelector('#inspection-form-title')), /修改检查记录/);
    // A wrong photo is taken off again (删除, asked first).
    const removing = dispatch(host.querySelector('[data-evidence-remove="h2"]'), 'click');
    await settle();
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await removing;
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'detachFile').slice(1), ['inspections', 'i1', 'h2']);
    assert.doesNotMatch(textOf(host.querySelector('#inspection-evidence-list')), /现场2\.jpg/);
    // Added again from the record's own row in the list: the section under the form follows.
    await dispatch(host.querySelector('tr[data-inspection-id="i1"] [data-attach="i1"]'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#inspection-evidence-list')), /现场2\.jpg/);
    // Corrected and saved: an update of i1, not a new inspection.
    await submitFormWith(host, 'inspection', { publicity: '15', findings: '公示牌已补齐' });
    assert.ok(!api.calls.some(([n]) => n === 'createInspection'));
    const [, id, sent] = api.calls.find(([n]) => n === 'updateInspection');
    assert.equal(id, 'i1');
    assert.equal(sent.unitId, 'g1');
    assert.equal(sent.scores.publicity, '15');
    assert.equal(sent.findings, '公示牌已补齐');
    assert.equal(sent.remark, '复查时补拍', 'the remark the form does not show is sent back unchanged');
    assert.match(toasts.at(-1), /已修改第一网格的检查记录（85 分）/);
    assert.equal(textOf(host.querySelector('#inspection-form-title')), '记录一次检查');
    assert.equal(host.querySelector('#inspection-unitId').value, '');
    assert.match(textOf(host.querySelector('#inspections-table')), /公示牌已补齐/);
    assert.ok(host.querySelector('#inspection-photo-path'), 'a new record takes its photo by path');
    assert.equal(textOf(host.querySelector('#inspection-photo-choose')), '添加照片…');
    // 修改 then 撤销修改 leaves the form empty again.
    await dispatch(host.querySelector('[data-inspection-edit="i1"]'), 'click');
    assert.equal(host.querySelector('#inspection-inspector').value, '甲');
    await dispatch(host.querySelector('#inspection-cancel-edit'), 'click');
    assert.equal(host.querySelector('#inspection-inspector').value, '');
    view.dispose();
  });
});

describe('考核 tabs', () => {
  domPerTest();
  test('抽查 and 检查 are tabs of 考核', async () => {
    const api = fakeApi({}, [[/.*/, async () => []]]);
    const host = newHost();
    const dispose = mountAssessment(host, ctxWith(api));
    await settle();
    const tabs = Array.from(host.querySelectorAll('[role="tab"]')).map((b) => textOf(b));
    assert.deepEqual(tabs.slice(1, 3), ['抽查', '检查'], 'after 指标体系, in the issue\'s order');
    await dispatch(host.querySelector('#assessment-tab-sampling'), 'click');
    await settle();
    assert.equal(host.querySelector('#assessment-panel-sampling').hidden, false);
    dispose();
  });
});
