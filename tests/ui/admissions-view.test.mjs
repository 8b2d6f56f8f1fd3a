// 减负 › 准入 (issue 15 item 3): the pure parts (form parsing, step bar, counts line,
// move arguments) and the screen in the fake DOM (filters sent to the core, counts,
// 应退出 badge, the core's moves drawn and sent, the form), and 减负's tabs.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, submitFormWith, domPerTest, newHost } from './dom-env.mjs';
import {
  admissionMoveArgs, admissionStepBar, countsText, parseAdmissionForm, timelineRows,
} from '../../ui/js/logic/admissions.js';
import { workflowMoves } from '../../ui/js/logic/workflows.js';
import { mountAdmissions } from '../../ui/js/views/admissions.js';
import { mountJianfu } from '../../ui/js/views/jianfu.js';

const REVIEW_MOVES = [
  {
    to: 'approved', toLabel: '已审批', label: '审批同意', back: false, needsReason: false, action: 'move', blocked: null, hint: '',
    fields: [
      { name: 'approvingBody', label: '审批机关', required: true, choices: [] },
      { name: 'documentNumber', label: '批准文号', required: true, choices: [] },
    ],
  },
  {
    to: 'refused_approval', toLabel: '审批未同意', label: '审批不同意', back: false, needsReason: true, action: 'move', blocked: null, hint: '', fields: [],
  },
  {
    to: 'applied', toLabel: '已申请', label: '退回到“已申请”', back: true, needsReason: true, action: 'move', blocked: null, hint: '', fields: [],
  },
];

const A = [
  {
    id: 'a1', department: '区民政局', matter: '低保入户核查', level: 'grid', unitIds: ['g1'], unitNames: ['第一网格'],
    term: 'long', step: 'reviewed', stepLabel: '已审核', appliedOn: '2026-11-01', reviewedOn: '2026-11-02',
    reviewOpinion: '同意', resources: ['funds'], resourceLabels: ['资金'], overdueExit: false, inForce: false,
    events: [
      { date: '2026-11-01', from: null, to: 'applied', reason: '提交申请' },
      { date: '2026-11-02', from: 'applied', to: 'reviewed', reason: '' },
    ],
    moves: REVIEW_MOVES,
  },
  {
    id: 'a2', department: '区应急局', matter: '冬季防火巡查', level: 'township', unitIds: [], unitNames: [],
    term: 'short', endDate: '2026-11-20', step: 'entered', stepLabel: '已进入', appliedOn: '2026-10-01',
    enteredOn: '2026-10-10', overdueExit: true, inForce: true, events: [], moves: [],
  },
];

const COUNTS = {
  total: 2,
  byStep: [{ key: 'reviewed', label: '已审核', count: 1 }, { key: 'entered', label: '已进入', count: 1 }],
  byDepartment: [{ key: '区民政局', label: '区民政局', count: 1 }, { key: '区应急局', label: '区应急局', count: 1 }],
  byTerm: [{ key: 'long', label: '长期', count: 1 }, { key: 'short', label: '短期', count: 1 }],
  inForce: 1,
  overdueExit: 1,
};

describe('准入 logic', () => {
  test('the form names the field that is missing', () => {
    const base = { department: '区民政局', matter: '低保', level: 'township', term: 'long' };
    assert.equal(parseAdmissionForm({ ...base, department: ' ' }).error.field, 'department');
    assert.equal(parseAdmissionForm({ ...base, level: 'grid' }).error.field, 'unitIds');
    assert.equal(parseAdmissionForm({ ...base, term: 'short' }).error.field, 'endDate');
    const all = parseAdmissionForm({ ...base, department: '', level: 'grid', term: 'short' });
    assert.deepEqual(all.problems.map((e) => e.field), ['department', 'unitIds', 'endDate']);
    const ok = parseAdmissionForm({ ...base, unitIds: ['g1'], endDate: '2026-12-31', resources: ['funds', 'x'] });
    assert.equal(ok.ok, true);
    assert.deepEqual(ok.input.unitIds, [], 'township level keeps no units');
    assert.equal(ok.input.endDate, '', 'a long-term matter has no end date');
    assert.deepEqual(ok.input.resources, ['funds']);
  });
  test('the step bar: dates of done steps, a refusal ends it', () => {
    const bar = admissionStepBar(A[0]);
    assert.deepEqual(bar.map((s) => [s.label, s.state, s.date]), [
      ['申请', 'done', '2026-11-01'], ['审核', 'done', '2026-11-02'], ['审批', 'current', ''], ['进入', 'todo', ''], ['退出', 'todo', ''],
    ]);
    const refused = admissionStepBar({ step: 'refused_approval', appliedOn: '2026-11-01', reviewedOn: '2026-11-02', refusedOn: '2026-11-03' });
    assert.deepEqual(refused.map((s) => [s.label, s.state]), [['申请', 'done'], ['审核', 'done'], ['审批未同意', 'current']]);
    const exited = admissionStepBar({ step: 'exited' });
    assert.ok(exited.every((s) => s.state === 'done'));
  });
  test('counts line and timeline', () => {
    const t = countsText(COUNTS);
    // Not 共 2 项 above the 期间 line's 全部：2 项.
    assert.doesNotMatch(t, /共 \d+ 项/);
    assert.match(t, /^按步骤：已申请 \d+ · 已审核 1/);
    assert.match(t, /已审核 1 · 已审批 0/);
    assert.match(t, /短期 1 项、长期 1 项/);
    assert.match(t, /已进入未退出 1 项（其中到期应退出 1 项）/);
    assert.match(countsText({ ...COUNTS, overdueExit: 0 }), /已进入未退出 1 项；|已进入未退出 1 项。|已进入未退出 1 项$/);
    assert.match(t, /区民政局 1/);
    const rows = timelineRows([
      { date: '2026-11-01', from: null, to: 'applied', reason: '提交申请' },
      { date: '2026-11-03', from: 'reviewed', to: 'applied', reason: '材料不全' },
      { date: '2026-11-04', from: 'applied', to: 'refused_review', reason: '不属于乡镇职责' },
    ]);
    assert.deepEqual(rows.map((r) => [r.text, r.back]), [['已申请', false], ['退回到“已申请”', true], ['审核未通过', false]]);
    assert.equal(rows[2].notes[0].text, '原因：不属于乡镇职责');
    // What each step recorded is in the timeline (the form has no place for it), under the
    // last arrival at the step; the time it was recorded as a clerk reads it.
    const done = {
      reviewOpinion: '同意', approvingBody: '区委、区政府', documentNumber: '宁委办〔2026〕3号', exitReason: '汛期结束',
    };
    const steps = timelineRows([
      { date: '2026-11-01', from: null, to: 'applied', reason: '提交申请', recordedAt: '2026-11-01T01:02:00Z' },
      { date: '2026-11-02', from: 'applied', to: 'reviewed', reason: '' },
      { date: '2026-11-03', from: 'reviewed', to: 'applied', reason: '材料不全' },
      { date: '2026-11-04', from: 'applied', to: 'reviewed', reason: '' },
      { date: '2026-11-05', from: 'reviewed', to: 'approved', reason: '' },
      { date: '2026-11-06', from: 'approved', to: 'entered', reason: '' },
      { date: '2026-11-30', from: 'entered', to: 'exited', reason: '' },
    ], done);
    assert.deepEqual(steps.map((r) => r.notes.map((n) => n.text)), [
      ['提交申请'], [], ['原因：材料不全'], ['审核意见：同意'], ['审批机关：区委、区政府，批准文号：宁委办〔2026〕3号'], [], ['退出原因：汛期结束'],
    ]);
    assert.match(steps[0].recordedAt, /^2026-11-01 \d\d:02$/);
    // 退回 from 已进入 to 已审核: the 审核意见 stays under the 审核 (probe K: it was shown nowhere).
    const back = timelineRows([
      { date: '2026-11-01', from: null, to: 'applied', reason: '提交申请' },
      { date: '2026-11-02', from: 'applied', to: 'reviewed', reason: '' },
      { date: '2026-11-03', from: 'reviewed', to: 'approved', reason: '' },
      { date: '2026-11-04', from: 'approved', to: 'reviewed', reason: '文号有误' },
    ], done);
    assert.deepEqual(back.map((r) => r.notes.map((n) => n.text)), [
      ['提交申请'], ['审核意见：同意'], ['审批机关：区委、区政府，批准文号：宁委办〔2026〕3号'], ['原因：文号有误'],
    ]);
  });
  test('a move asks for what the core says and becomes move_admission\'s step', () => {
    const [approve, refuse] = workflowMoves(REVIEW_MOVES, { date: '2026-11-05' });
    assert.equal(admissionMoveArgs(approve, { date: '2026-11-05', approvingBody: '区委' }).error.field, 'documentNumber');
    assert.deepEqual(admissionMoveArgs(approve, { date: '2026-11-05', approvingBody: '区委', documentNumber: '1号' }).args, {
      to: 'approved', date: '2026-11-05', reason: '', opinion: '', approvingBody: '区委', documentNumber: '1号', exitReason: '',
    });
    assert.equal(admissionMoveArgs(refuse, { date: '2026-11-05' }).error.field, 'reason');
    // Every problem at once: a day before the last step's (the core says which) and
    // both fields missing (probe K: 审核意见, then the date, in two rounds).
    const [early] = workflowMoves([{ ...REVIEW_MOVES[0], notBefore: '2026-11-07' }], { date: '2026-11-05' });
    const all = admissionMoveArgs(early, { date: '2026-11-01' });
    assert.deepEqual(all.problems.map((p) => p.field), ['date', 'approvingBody', 'documentNumber']);
    assert.equal(all.problems[0].message, '日期不能早于上一步的日期 2026-11-07。');
    assert.equal(admissionMoveArgs(early, { date: '2026-11-07', approvingBody: '区委', documentNumber: '1号' }).ok, true);
  });
});

describe('减负 › 准入 screen', () => {
  domPerTest();

  function setup(route) {
    const rows = A.map((a) => ({ ...a }));
    const api = fakeApi({
      listUnits: async () => [
        { id: 'v1', kind: 'village', name: '青溪社区' }, { id: 'c1', kind: 'compound', name: '阳光花园' },
        { id: 'g1', kind: 'base_grid', name: '第一网格' }, { id: 'm1', kind: 'micro_grid', name: '1-2栋' },
      ],
      listAdmissions: async (q) => rows.filter((a) => (!q.step || a.step === q.step) && (!q.overdue || a.overdueExit)),
      admissionCounts: async () => COUNTS,
      moveAdmission: async (id, step) => {
        const a = rows.find((x) => x.id === id);
        Object.assign(a, { step: step.to, stepLabel: '已审批', moves: [] });
        return a;
      },
      createAdmission: async (input) => {
        const a = { id: 'a3', ...input, step: 'applied', stepLabel: '已申请', events: [], moves: [] };
        rows.push(a);
        return a;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountAdmissions(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {}, route,
    });
    return { api, host, view, toasts };
  }

  test('lists with counts, filters through the core, marks 应退出', async () => {
    const { api, host, view } = setup();
    await settle();
    const rows = () => host.querySelectorAll('#admissions-table tr[data-admission-id]');
    assert.equal(rows().length, 2);
    assert.match(textOf(host.querySelector('#admissions-counts')), /^按步骤：已申请 \d+ · 已审核 1/);
    assert.ok(rows()[1].querySelector('[data-overdue]'), '应退出 badge');
    assert.equal(rows()[0].querySelector('[data-overdue]'), null);
    // Narrow beside the form: the grids and the end date on a line of their own under the cell's head.
    const sub = (row, cls) => textOf(row.querySelector(`.${cls} .cell-sub`));
    assert.equal(textOf(rows()[0].querySelector('.cell-level')), '网格层面第一网格');
    assert.equal(sub(rows()[0], 'cell-level'), '第一网格');
    assert.equal(textOf(rows()[0].querySelector('.cell-term')), '长期');
    assert.equal(textOf(rows()[1].querySelector('.cell-level')), '乡镇层面');
    assert.equal(sub(rows()[1], 'cell-term'), '至 2026-11-20');
    assert.equal(host.querySelectorAll('#admissions-filter-department option').length, 3);

    host.querySelector('#admissions-filter-overdue').checked = true;
    await dispatch(host.querySelector('#admissions-filter-overdue'), 'change');
    await settle();
    assert.equal(rows().length, 1);
    assert.match(textOf(rows()[0]), /冬季防火巡查/);
    const last = api.calls.filter(([n]) => n === 'listAdmissions').at(-1)[1];
    assert.equal(last.overdue, true);

    host.querySelector('#admissions-filter-overdue').checked = false;
    await dispatch(host.querySelector('#admissions-filter-overdue'), 'change');
    host.querySelector('#admissions-filter-step').value = 'reviewed';
    await dispatch(host.querySelector('#admissions-filter-step'), 'change');
    await settle();
    assert.equal(rows().length, 1);
    assert.equal(api.calls.filter(([n]) => n === 'listAdmissions').at(-1)[1].step, 'reviewed');
    view.dispose();
  });

  test('首页\'s reminder opens the admission due to exit (route admissionId)', async () => {
    const { host, view } = setup({ tab: 'admissions', admissionId: 'a2' });
    await settle();
    await settle();
    const bar = host.querySelector('#admission-steps');
    assert.ok(bar, 'the admission is open');
    assert.equal(bar.querySelector('[aria-current="step"]').getAttribute('data-step'), 'entered');
    assert.ok(host.querySelector('#admissions-table tr[data-admission-id="a2"][aria-selected="true"], #admissions-table tr[data-admission-id="a2"].selected'),
      'its row is marked');
    view.dispose();
  });

  test('opens one: the step bar and the core\'s moves, and a move is sent', async () => {
    const { api, host, view, toasts } = setup();
    await settle();
    await dispatch(host.querySelector('#admissions-table tr[data-admission-id="a1"]'), 'click');
    await settle();
    const bar = host.querySelector('#admission-steps');
    assert.ok(bar, 'step bar');
    assert.equal(bar.querySelector('[aria-current="step"]').getAttribute('data-step'), 'reviewed');
    assert.ok(host.querySelector('#admission-move-approvingBody'));
    assert.ok(host.querySelector('#admission-move-documentNumber'));
    host.querySelector('#admission-move-approvingBody').value = '区委、区政府';
    host.querySelector('#admission-move-documentNumber').value = '宁委办〔2026〕3号';
    await dispatch(host.querySelector('#admission-advance'), 'click');
    await settle();
    const call = api.calls.find(([n]) => n === 'moveAdmission');
    assert.ok(call, api.calls.map(([n]) => n).join());
    assert.equal(call[1], 'a1');
    assert.equal(call[2].to, 'approved');
    assert.equal(call[2].documentNumber, '宁委办〔2026〕3号');
    assert.ok(toasts.some((t) => t.includes('低保入户核查')), toasts.join());
    view.dispose();
  });

  test('registers an application: grid level needs its grids', async () => {
    const { api, host, view } = setup();
    await settle();
    await dispatch(host.querySelector('#admission-new'), 'click');
    await settle();
    await submitFormWith(host, 'admission', { department: '区卫健委', matter: '疫苗接种动员', level: 'grid' });
    assert.equal(api.calls.some(([n]) => n === 'createAdmission'), false);
    assert.ok(!host.querySelector('#admission-units-error').hidden, 'the units error shows');
    // The villages and grids in the tree's order, grids indented under their village, micro-grids more.
    assert.deepEqual(all(host, '#admission-units .check-item').map((l) => l.textContent), ['青溪社区', '　第一网格', '　　1-2栋']);
    host.querySelector('#admission-units-g1').checked = true;
    host.querySelector('#admission-resources-staff').checked = true;
    await dispatch(host.querySelector('#admission-form'), 'submit');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createAdmission');
    assert.deepEqual(input.unitIds, ['g1']);
    assert.deepEqual(input.resources, ['staff']);
    assert.equal(input.level, 'grid');
    view.dispose();
  });
});

describe('减负 tabs', () => {
  domPerTest();

  test('三清单 first, 准入 beside it', async () => {
    const api = fakeApi({
      listDutyItems: async () => [],
      listUnits: async () => [],
      listAdmissions: async () => A.map((a) => ({ ...a })),
      admissionCounts: async () => COUNTS,
    });
    const host = newHost();
    const dispose = mountJianfu(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {} });
    await settle();
    const tabs = [...host.querySelectorAll('[role="tab"]')].map((t) => textOf(t));
    assert.deepEqual(tabs, ['三清单', '网格事项', '准入', '专项整治', '清单版本']);
    assert.ok(host.querySelector('#duties-view'));
    await dispatch(host.querySelector('#jianfu-tab-admissions'), 'click');
    await settle();
    assert.equal(host.querySelectorAll('#admissions-table tr[data-admission-id]').length, 2);
    dispose();
  });
});
