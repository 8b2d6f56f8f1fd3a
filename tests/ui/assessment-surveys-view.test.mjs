// 考核 › 问卷 and 电话回访 (issue 16 item 6): the pure parts (questions as lines, bars,
// rates, the call-back form) and both tabs mounted in the fake DOM: results with a
// bar per option and the satisfaction rate per community; a new questionnaire saved
// through the api; call-backs listed masked with the demands' 回访 counted above.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, submitFormWith, domPerTest, newHost } from './dom-env.mjs';
import {
  optionBars, parseCallbackForm, parseQuestionLines, parseQuestionnaireForm, percent, questionLines,
} from '../../ui/js/logic/surveys.js';
import { mountAssessmentSurveys } from '../../ui/js/views/assessment-surveys.js';
import { mountAssessmentCallbacks } from '../../ui/js/views/assessment-callbacks.js';

describe('问卷 logic', () => {
  test('questions are written one per line and read back', () => {
    const r = parseQuestionLines('您知道网格员吗？｜知道、听说过、不知道\n\n服务满意吗？|满意度\n');
    assert.equal(r.ok, true);
    assert.deepEqual(r.questions, [
      { text: '您知道网格员吗？', kind: 'choice', options: ['知道', '听说过', '不知道'] },
      { text: '服务满意吗？', kind: 'satisfaction', options: [] },
    ]);
    assert.equal(questionLines(r.questions), '您知道网格员吗？｜知道、听说过、不知道\n服务满意吗？｜满意度');
    assert.match(parseQuestionLines('只有题目').error.message, /第 1 行“只有题目”没有选项/);
    assert.equal(parseQuestionLines('').error.field, 'questions');
    assert.equal(parseQuestionnaireForm({ title: '', period: 'x', questions: 'a｜满意度' }).error.field, 'title');
    assert.equal(parseQuestionnaireForm({ title: 't', period: '', questions: 'a｜满意度' }).error.field, 'period');
  });
  test('bars are shares of those who answered; rates are percentages', () => {
    const bars = optionBars({ answered: 4, options: [{ option: '满意', count: 3 }, { option: '不满意', count: 1 }] });
    assert.deepEqual(bars.map((b) => b.share), [0.75, 0.25]);
    assert.deepEqual(optionBars({ answered: 0, options: [{ option: 'x', count: 0 }] })[0].share, 0);
    assert.equal(percent(0.8), '80.0%');
    assert.equal(percent(null), '—');
  });
  test('the call-back form is tidied and left to the core, which says every problem at once', () => {
    const base = { calledOn: '2026-11-20', communityId: 'v1', personName: '孙八', topic: 'general', result: 'basic' };
    // A blank one is not said first here: the core says it with the rest (probe R).
    assert.equal(parseCallbackForm({ ...base, calledOn: '', personName: ' ' }).ok, true);
    assert.equal(parseCallbackForm({ ...base, topic: 'demand' }).input.topicRef, null);
    const ok = parseCallbackForm({ ...base, topicRef: 'ignored' });
    assert.equal(ok.ok, true);
    assert.equal(ok.input.topicRef, null, 'a general call-back names nothing');
  });
});

const RESULTS = {
  questionnaireId: 'q1',
  title: '群众满意度测评',
  period: '2026年第四季度',
  responses: 3,
  questions: [
    { number: 1, text: '您知道网格员吗？', kindLabel: '选择题', answered: 3, satisfied: null,
      options: [{ option: '知道', count: 2 }, { option: '不知道', count: 1 }] },
    { number: 2, text: '服务满意吗？', kindLabel: '满意度题', answered: 3, satisfied: 2,
      options: [{ option: '满意', count: 1 }, { option: '基本满意', count: 1 }, { option: '不满意', count: 1 }] },
  ],
  satisfaction: { satisfied: 2, judged: 3, rate: 2 / 3 },
  communities: [
    { communityId: 'v1', communityName: '青溪社区', responses: 2, satisfied: 2, judged: 2, rate: 1 },
    { communityId: 'v2', communityName: '桃园村', responses: 1, satisfied: 0, judged: 1, rate: 0 },
  ],
};

describe('考核 › 问卷 screen', () => {
  domPerTest();

  test('shows a bar per option and the rate per community, and saves a new questionnaire', async () => {
    const list = [{ id: 'q1', title: '群众满意度测评', period: '2026年第四季度', responses: 3, scale: 'three', questions: [] }];
    const api = fakeApi({
      listQuestionnaires: async () => list.map((q) => ({ ...q })),
      questionnaireResults: async (id) => (id === 'q1' ? RESULTS : { ...RESULTS, questionnaireId: id, title: '新问卷', responses: 0, questions: [], communities: [], satisfaction: { satisfied: 0, judged: 0, rate: null } }),
      createQuestionnaire: async (input) => {
        const q = { id: 'q2', ...input, responses: 0 };
        list.unshift(q);
        return q;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountAssessmentSurveys(host, { api, toast: (m) => toasts.push(m), alert() {}, onError() {} });
    await view.show();
    await settle();
    assert.match(textOf(host.querySelector('#surveys-summary')), /答卷 3 份 · 满意率 66\.7%（满意和基本满意 2 \/ 参与评价 3）$/);
    const q2 = host.querySelector('li[data-question="2"]');
    assert.equal(q2.querySelectorAll('tr[data-option]').length, 3);
    assert.match(textOf(q2.querySelector('tr[data-option="不满意"]')), /1（33\.3%）/);
    assert.equal(q2.querySelector('progress').getAttribute('max'), '1');
    const rows = host.querySelectorAll('#surveys-communities tbody tr');
    assert.equal(rows.length, 2);
    assert.match(textOf(rows[1]), /桃园村.*0\.0%/);

    await dispatch(host.querySelector('#surveys-new'), 'click');
    host.querySelector('#surveys-title').value = '回访问卷';
    host.querySelector('#surveys-period').value = '2026年';
    host.querySelector('#surveys-questions-text').value = '只有题目';
    await dispatch(host.querySelector('#surveys-form'), 'submit');
    assert.match(textOf(host.querySelector('#surveys-form-error')), /没有选项/);
    assert.equal(api.calls.filter(([n]) => n === 'createQuestionnaire').length, 0);
    host.querySelector('#surveys-questions-text').value = '总体评价｜满意度';
    await dispatch(host.querySelector('#surveys-form'), 'submit');
    await settle();
    const created = api.calls.find(([n]) => n === 'createQuestionnaire');
    assert.deepEqual(created[1].questions, [{ text: '总体评价', kind: 'satisfaction', options: [] }]);
    assert.deepEqual(toasts, ['已建立问卷“回访问卷”']);
    assert.equal(host.querySelector('#surveys-form'), null);
    assert.equal(host.querySelector('#surveys-select').value, 'q2');
    view.dispose();
  });

  test('答卷 one at a time: found by 编号, corrected with a select per question, typed in', async () => {
    const q = {
      id: 'q1', title: '群众满意度测评', period: '2026年第四季度', responses: 2, scale: 'three',
      questions: [
        { text: '您知道网格员吗？', kind: 'choice', options: ['知道', '不知道'] },
        { text: '服务满意吗？', kind: 'satisfaction', options: ['满意', '基本满意', '不满意'] },
      ],
    };
    const papers = [
      { id: 'p1', questionnaireId: 'q1', number: '9008', communityId: 'v1', communityName: '青溪社区', answeredOn: '2026-11-02', answers: ['知道', '不满意'] },
      { id: 'p2', questionnaireId: 'q1', number: '9009', communityId: 'v2', communityName: '桃园村', answeredOn: '', answers: ['不知道', ''] },
    ];
    const api = fakeApi({
      listQuestionnaires: async () => [{ ...q }],
      questionnaireResults: async () => RESULTS,
      listQuestionnaireResponses: async () => papers.map((p) => ({ ...p })),
      listUnits: async () => [{ id: 'v1', kind: 'village', name: '青溪社区' }, { id: 'v2', kind: 'village', name: '桃园村' }],
      updateQuestionnaireResponse: async (id, input) => ({ ...papers[0], ...input, id }),
      createQuestionnaireResponse: async (input) => ({ id: 'p3', ...input }),
      deleteQuestionnaireResponse: async () => ({ id: 'e1' }),
    });
    const host = newHost();
    const view = mountAssessmentSurveys(host, { api, toast() {}, alert() {}, onError() {} });
    await view.show();
    await settle(10);
    const rows = () => [...host.querySelectorAll('#papers-table tr[data-paper-id]')];
    assert.equal(rows().length, 2);
    assert.equal(textOf(rows()[0]), "9008青溪社区2026-11-021.知道 2.不满意");
    host.querySelector('#papers-search').value = '9009';
    await dispatch(host.querySelector('#papers-search'), 'input');
    await settle(10);
    assert.deepEqual(rows().map((r) => r.dataset.paperId), ['p2']);
    host.querySelector('#papers-search').value = '';
    await dispatch(host.querySelector('#papers-search'), 'input');
    await settle(10);
    // Corrected: the answer chosen among the question's options.
    await dispatch(rows()[0], 'click');
    await settle();
    assert.deepEqual([...host.querySelectorAll('#paper-a2 option')].map((o) => o.value), ['', '满意', '基本满意', '不满意']);
    await submitFormWith(host, 'paper', { a2: '基本满意' });
    const update = api.calls.find(([n]) => n === 'updateQuestionnaireResponse');
    assert.deepEqual([update[1], update[2].answers, update[2].number], ['p1', ['知道', '基本满意'], '9008']);
    // Typed in.
    await dispatch(host.querySelector('#paper-new'), 'click');
    await settle();
    await submitFormWith(host, 'paper', { number: '9010', communityId: 'v2', a1: '知道', a2: '满意' });
    const created = api.calls.find(([n]) => n === 'createQuestionnaireResponse');
    assert.deepEqual(created[1], {
      questionnaireId: 'q1', number: '9010', communityId: 'v2', answeredOn: created[1].answeredOn, answers: ['知道', '满意'],
    });
    view.dispose();
  });

  test('with no questionnaire it says what to do first', async () => {
    const api = fakeApi({ listQuestionnaires: async () => [] });
    const host = newHost();
    const view = mountAssessmentSurveys(host, { api, toast() {}, alert() {}, onError() {} });
    await view.show();
    assert.match(textOf(host.querySelector('#surveys-empty')), /新建问卷/);
  });
});

describe('考核 › 电话回访 screen', () => {
  domPerTest();

  test('lists call-backs masked, counts the demands’ 回访 above and saves a new one', async () => {
    const rows = [{
      id: 'c1', calledOn: '2026-11-21', communityId: 'v1', communityName: '青溪社区', personName: '孙八', phone: '138****5678',
      topic: 'compound', topicLabel: '抽查小区', topicName: '阳光花园', result: 'basic', resultLabel: '基本满意',
    }];
    const api = fakeApi({
      listCallbacks: async () => rows.map((r) => ({ ...r })),
      callbackSummary: async () => ({
        total: 3, recorded: 1, fromDemands: 2, satisfied: 1, basic: 1, unsatisfied: 1,
        satisfaction: { satisfied: 2, judged: 3, rate: 2 / 3 },
        communities: [{ communityId: 'v1', communityName: '青溪社区', callbacks: 3, satisfied: 2, judged: 3, rate: 2 / 3 }],
        demandCallbacks: [],
      }),
      listUnits: async () => [
        { id: 'v1', kind: 'village', name: '青溪社区' },
        { id: 'c9', kind: 'compound', name: '阳光花园', parentId: 'v1' },
        { id: 'c8', kind: 'compound', name: '未抽中小区', parentId: 'v1' },
      ],
      listDemands: async () => [{ id: 'd1', title: '楼道灯不亮' }],
      listSamples: async () => [
        { quarter: '2026Q3', quarterLabel: '2026年第三季度', current: true, drawn: [{ compoundId: 'c9', compoundName: '阳光花园', communityName: '青溪社区' }] },
        { quarter: '2026Q4', quarterLabel: '2026年第四季度', current: false, drawn: [{ compoundId: 'c8', compoundName: '未抽中小区', communityName: '青溪社区' }] },
      ],
      createCallback: async (input) => {
        const c = { id: 'c2', ...input, communityName: '青溪社区', phone: '139****1111', topicLabel: '一般回访', resultLabel: '满意' };
        rows.push(c);
        return c;
      },
    });
    const host = newHost();
    const view = mountAssessmentCallbacks(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {} });
    await view.show();
    await settle();
    assert.match(textOf(host.querySelector('#callbacks-summary')),
      /电话回访 3 次（登记 1 次，诉求回访 2 次） · 满意 1 · 基本满意 1 · 不满意 1 · 满意率 66\.7%/);
    const trs = () => host.querySelectorAll('#callbacks-table tr[data-callback-id]');
    assert.equal(trs().length, 1);
    assert.match(textOf(trs()[0]), /138\*\*\*\*5678/);
    assert.match(textOf(trs()[0]), /抽查小区：阳光花园/);

    await dispatch(host.querySelector('#callback-new'), 'click');
    await settle();
    const refs = Array.from(host.querySelectorAll('#callback-topicRef option')).map((o) => textOf(o));
    // Only compounds a sample in force drew, with the quarter (a redrawn sample's are gone).
    assert.deepEqual(refs, ['（一般回访不选）', '小区：青溪社区 · 阳光花园（2026年第三季度抽中）', '诉求：楼道灯不亮']);
    await submitFormWith(host, 'callback', { communityId: 'v1', personName: '周九', phone: '13900001111' });
    const created = api.calls.find(([n]) => n === 'createCallback');
    assert.ok(created, 'saved through the api');
    assert.equal(created[1].personName, '周九');
    assert.equal(created[1].topic, 'general');
    // 回访结果 offers the core's choices, the first of them by default.
    assert.deepEqual(Array.from(host.querySelectorAll('#callback-result option')).map((o) => textOf(o)).filter(Boolean).slice(0, 3),
      ['满意', '基本满意', '不满意']);
    assert.equal(created[1].result, 'satisfied');
    assert.equal(trs().length, 2);
    view.dispose();
  });
});
