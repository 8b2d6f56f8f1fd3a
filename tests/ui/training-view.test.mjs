// 培训 and 引育留用 (issue 16): the pure parsing and coverage line, the 培训 screen in
// the fake DOM (list, coverage, a session's participants: pick from the registry with a
// search, head counts for a 县级 session) and the person page's 培训记录 and 引育留用.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardPanels } from '../../ui/js/logic/panels.js';
import { dispatch, textOf, settle, fakeApi, domPerTest, newHost } from './dom-env.mjs';
import {
  coverageText, filterSessions, parsePipelineForm, parseSessionForm, participantText,
} from '../../ui/js/logic/training.js';
import { mountTraining } from '../../ui/js/views/training.js';
import { trainingPart } from '../../ui/js/views/people/training.js';
import { dashboardFigures } from '../../ui/js/logic/charts.js';

const SESSIONS = [
  { id: 's1', level: 'township', levelLabel: '乡镇级', date: '2026-03-10', topic: '网格员履职能力提升', organiser: '青溪街道', hours: 3, method: 'in_person', methodLabel: '集中', personTimes: 4 },
  { id: 's2', level: 'county', levelLabel: '县级', date: '2026-05-20', topic: '社区治理专题培训', organiser: '区委社会工作部', hours: 1.5, method: 'online', methodLabel: '线上', personTimes: 21 },
];
const COVERAGE = { year: 2026, sessions: 2, personTimes: 25, communityWorkers: 4, trained: 3, share: 0.75, hours: 11, hoursPerWorker: 2.8 };

describe('培训 logic', () => {
  test('the session form names the field it needs', () => {
    const base = { level: 'county', organiser: '区委组织部', date: '2026-04-01', topic: '新任书记培训', hours: '2', method: 'online' };
    assert.equal(parseSessionForm(base).ok, true);
    assert.equal(parseSessionForm({ ...base, level: '' }).error.field, 'level');
    assert.equal(parseSessionForm({ ...base, topic: ' ' }).error.field, 'topic');
    // Every problem at once (学时 fixed, saved, and only then 主题 was said).
    const both = parseSessionForm({ ...base, topic: ' ', hours: '-2' });
    assert.deepEqual(both.problems.map((e) => e.field), ['topic', 'hours']);
    assert.equal(parseSessionForm({ ...base, hours: '0' }).error.field, 'hours');
    assert.equal(parseSessionForm({ ...base, hours: '两小时' }).error.field, 'hours');
    assert.equal(parseSessionForm({ ...base, hours: '１．５' }).input.hours, '1.5', 'typed with a Chinese IME');
    assert.equal(parseSessionForm({ ...base, date: '' }).error.field, 'date');
  });
  test('coverage, filters, participants and pipeline events', () => {
    assert.equal(coverageText(COVERAGE),
      '2026年：培训 2 次，25 人次；在岗社区工作者 4 人，参加培训 3 人（覆盖率 75.0%），人均 2.8 学时');
    assert.match(coverageText({ ...COVERAGE, label: '2026年第四季度' }), /^2026年第四季度：培训 2 次/);
    assert.match(coverageText({ ...COVERAGE, label: '全部' }), /^全部期间：/);
    assert.deepEqual(filterSessions(SESSIONS, { level: 'county' }).map((s) => s.id), ['s2']);
    assert.deepEqual(filterSessions(SESSIONS, { search: '网格' }).map((s) => s.id), ['s1']);
    assert.equal(participantText({ headCount: 12, communityName: '青溪社区' }), '青溪社区（12 人）');
    assert.equal(parsePipelineForm({ event: 'recruited', date: '2026-03-01' }, 'p1').error.field, 'way');
    assert.equal(parsePipelineForm({ event: 'left', date: '2026-03-01' }, 'p1').error.field, 'detail');
    assert.equal(parsePipelineForm({ event: 'awarded', date: '' }, 'p1').error.field, 'date');
    const ok = parsePipelineForm({ event: 'selected_civil_servant', date: '2026-09-01', way: 'x', detail: '党政办' }, 'p1');
    assert.deepEqual(ok.input, { personId: 'p1', event: 'selected_civil_servant', date: '2026-09-01', batch: '', way: '', detail: '党政办' });
  });
});

describe('首页 › training coverage', () => {
  test('the 培训与考核 panel says the person-times and the coverage of community workers', () => {
    const dash = {
      own: {
        'people.community_workers': 8, 'training.sessions': 3, 'training.community_workers_trained': 6, 'training.person_times': 120,
      },
    };
    assert.equal(dashboardFigures(dash).some((f) => f.key.startsWith('training.')), false, 'no card: the panel says it');
    const row = dashboardPanels(dash).find((p) => p.id === 'daohang').rows.find((r) => r.label === '本期培训');
    assert.equal(row.value, '3 次 · 120 人次');
    assert.match(row.note, /社区工作者培训覆盖率 75.0%/);
  });
});

describe('培训 screen', () => {
  domPerTest();

  test('lists sessions with coverage; picks people and adds head counts to a 县级 session', async () => {
    const parts = { s2: [{ id: 'r1', sessionId: 's2', name: '张伟', idNumberMasked: '3201**********1234', matched: true, roles: '社区工作者' }] };
    const api = fakeApi({
      listTrainingSessions: async () => SESSIONS.map((s) => ({ ...s })),
      trainingCoverage: async () => COVERAGE,
      listTrainingParticipants: async (id) => (parts[id] ?? []).map((p) => ({ ...p })),
      listUnits: async () => [{ id: 'v1', kind: 'village', name: '青溪社区' }, { id: 'c1', kind: 'compound', name: '阳光花园' }],
      listPeople: async () => ({ rows: [{ id: 'p2', name: '李娜', roles: '社区工作者', villages: '桃园村' }, { id: 'p3', name: '王芳', roles: '网格员', status: '离岗' }], total: 2 }),
      importPreview: async () => { throw Object.assign(new Error('x'), { kind: 'validation', message: '文件“x”里没有内容。' }); },
      addTrainingPeople: async (sessionId, ids) => {
        for (const id of ids) parts[sessionId].push({ id: `r-${id}`, sessionId, name: id === 'p2' ? '李娜' : '王芳', matched: true });
        return ids.length;
      },
      addTrainingParticipant: async (input) => {
        const p = { id: 'r9', sessionId: input.sessionId, communityName: '青溪社区', headCount: Number(input.headCount) };
        parts[input.sessionId].push(p);
        return p;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountTraining(host, { api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {} });
    await settle();
    const rows = () => host.querySelectorAll('#training-table tr[data-training-id]');
    assert.equal(rows().length, 2);
    assert.match(textOf(host.querySelector('#training-coverage')), /覆盖率 75.0%/);
    assert.ok(host.querySelector('#training-export'));
    assert.ok(host.querySelector('#training-import-training-participants'));
    assert.ok(host.querySelector('#training-participants-export'));
    // Two export buttons side by side: each says what it exports.
    assert.equal(textOf(host.querySelector('#training-export')), '导出Excel');
    assert.equal(textOf(host.querySelector('#training-participants-export')), '导出参加人员');

    host.querySelector('#training-filter-level').value = 'county';
    await dispatch(host.querySelector('#training-filter-level'), 'change');
    await settle();
    assert.equal(rows().length, 1);
    // The coverage line is of every level: said beside a list of one.
    assert.match(textOf(host.querySelector('#training-coverage')), /（各层级合计，不只是所选层级）$/);

    await dispatch(host.querySelector('#training-table tr[data-training-id="s2"]'), 'click');
    await settle();
    assert.equal(host.querySelectorAll('#training-participants tr[data-participant-id]').length, 1);
    assert.ok(host.querySelector('#training-heads'), 'a 县级 session takes head counts');

    host.querySelector('#training-pick-search').value = '社区';
    // By 村/社区 and 身份 too (a community's name found only its 社区工作者).
    assert.deepEqual([...host.querySelectorAll('#training-pick-village option')].map(textOf), ['全部村/社区', '青溪社区']);
    host.querySelector('#training-pick-village').value = 'v1';
    await dispatch(host.querySelector('#training-pick-find'), 'click');
    await settle();
    const boxes = host.querySelectorAll('#training-pick-results input[data-pick-person]');
    assert.equal(boxes.length, 2);
    assert.match(textOf(host.querySelector('#training-pick-results')), /王芳（已离岗）/);
    // 全选 ticks every one found but who has left, again none.
    await dispatch(host.querySelector('#training-pick-all'), 'click');
    assert.deepEqual([...boxes].map((b) => b.checked), [...boxes].map((b) => !b.hasAttribute('data-left')));
    assert.equal([...boxes].filter((b) => b.hasAttribute('data-left')).length, 1, '王芳（已离岗）');
    assert.equal(textOf(host.querySelector('#training-pick-all')), '全不选');
    await dispatch(host.querySelector('#training-pick-all'), 'click');
    assert.deepEqual([...boxes].map((b) => b.checked), [false, false]);
    boxes[0].checked = true;
    await dispatch(host.querySelector('#training-pick-add'), 'click');
    await settle();
    const [, sessionId, ids] = api.calls.find(([n]) => n === 'addTrainingPeople');
    assert.deepEqual([sessionId, ids], ['s2', ['p2']]);
    assert.equal(host.querySelectorAll('#training-participants tr[data-participant-id]').length, 2);
    const [, query] = api.calls.find(([n]) => n === 'listPeople');
    assert.deepEqual([query.text, query.villageId, query.role], ['社区', 'v1', '']);
    // Who has left since is found too, and said so (a past session is completed).
    assert.equal(query.status, undefined);

    // A sign-in sheet into this session: its 培训日期 and 培训主题 given.
    await dispatch(host.querySelector('#training-sign-in-import'), 'click');
    assert.match(textOf(document.querySelector('#import-given-note')), /导入到这次培训（2026-\d\d-\d\d .+）：签到表有姓名和身份证号码就可以/);
    document.querySelector('#import-path').value = '/tmp/签到表.xlsx';
    await dispatch(document.querySelector('#import-preview'), 'click');
    await settle();
    const [, kind, , , given] = api.calls.find(([n]) => n === 'importPreview');
    assert.equal(kind, 'training-participants');
    const s2 = SESSIONS.find((x) => x.id === 's2');
    assert.deepEqual(given, { sessionDate: s2.date, sessionTopic: s2.topic });
    document.querySelector('#import-cancel, .dialog-close, [data-dialog-close]')?.click();
    await settle();

    const community = host.querySelector('#training-heads-community');
    assert.equal(community.querySelectorAll('option').length, 2, 'villages only');
    community.value = 'v1';
    host.querySelector('#training-heads-count').value = '12';
    await dispatch(host.querySelector('#training-heads-add'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'addTrainingParticipant');
    assert.deepEqual(input, { sessionId: 's2', communityId: 'v1', headCount: '12' });
    assert.match(textOf(host.querySelector('#training-participants')), /青溪社区（12 人）/);

    // A 乡镇级 session has no head counts.
    await dispatch(host.querySelector('#training-filter-level'), 'change');
    host.querySelector('#training-filter-level').value = '';
    await dispatch(host.querySelector('#training-filter-level'), 'change');
    await settle();
    await dispatch(host.querySelector('#training-table tr[data-training-id="s1"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#training-heads'), null);
    assert.ok(host.querySelector('#training-participants-empty'));
    view.dispose();
  });
});

describe('人员 › 培训记录 and 引育留用', () => {
  domPerTest();

  test('shows the record and adds a pipeline event', async () => {
    const events = [{ id: 'e1', event: 'recruited', eventLabel: '招录', date: '2020-07-01', batch: '2020年第一批', way: '公开招聘', detail: '', communityWorker: true }];
    const api = fakeApi({
      personTrainingRecord: async () => ({
        sessions: [{ sessionId: 's2', date: '2026-05-20', levelLabel: '县级', topic: '社区治理专题培训', organiser: '区委社会工作部', hours: 1.5 }],
        totalHours: 1.5, yearSessions: 1, yearHours: 1.5,
      }),
      listPipelineEvents: async () => events.map((e) => ({ ...e })),
      addPipelineEvent: async (input) => {
        const e = { id: 'e2', ...input, eventLabel: '评优', communityWorker: true };
        events.push(e);
        return e;
      },
    });
    const toasts = [];
    const person = { id: 'p1', name: '张伟' };
    const { recordSection, pipelineSection } = trainingPart({ st: { person }, api, toast: (m) => toasts.push(m) });
    document.body.append(recordSection(person), pipelineSection(person));
    await settle();
    assert.match(textOf(document.querySelector('#person-training-summary')), /今年 1 次、1.5 学时/);
    assert.equal(document.querySelectorAll('#person-training-table tbody tr').length, 1);
    assert.match(textOf(document.querySelector('#person-pipeline')), /招录.*2020年第一批 · 公开招聘/);

    // 评优 without a title is refused on the spot, then saved.
    document.querySelector('#pipeline-event').value = 'awarded';
    await dispatch(document.querySelector('#pipeline-event'), 'change');
    document.querySelector('#pipeline-date').value = '2026-11-01';
    await dispatch(document.querySelector('#pipeline-add'), 'click');
    await settle();
    assert.equal(document.querySelector('#pipeline-error').hidden, false);
    assert.ok(!api.calls.some(([n]) => n === 'addPipelineEvent'));
    document.querySelector('#pipeline-detail').value = '优秀社区工作者';
    await dispatch(document.querySelector('#pipeline-add'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'addPipelineEvent');
    assert.deepEqual(input, { personId: 'p1', event: 'awarded', date: '2026-11-01', batch: '', way: '', detail: '优秀社区工作者' });
    assert.equal(document.querySelectorAll('#person-pipeline tbody tr').length, 2);
    assert.ok(toasts.some((t) => t.includes('评优')), toasts.join());
  });
});
