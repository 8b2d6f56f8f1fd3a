// Each meeting kind's follow-ups in its own list (issue 14 item 8): 诉求 › 协调机制
// asks for the working meetings' follow-ups only and lists them under its own ids;
// 党建 › 联席会议 asks for the joint meetings' only. One at a time and 批量标记办结
// work on the working meetings' list as on 联席会议's.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest } from './dom-env.mjs';
import { mountDemands } from '../../ui/js/views/demands.js';
import { mountMeetings } from '../../ui/js/views/party-meetings/index.js';
import { UNITS } from './fixtures.mjs';

const GROUP = { id: 3, name: '停车治理专班', topic: '停车难', leadUnit: '城管科', members: '', note: '' };
const MEETING = {
  id: 9, groupId: 3, groupName: '停车治理专班', heldOn: '2026-11-10', participants: '城管科', topics: '停车难', note: '',
  decisions: [{ id: 91, decision: '划定停车位', owner: '王主任', dueOn: '2026-11-20', status: 'open', doneOn: null }],
};
const WORKING = [
  {
    id: 91, meetingId: 9, meetingKind: 'working_meetings', decision: '划定停车位', owner: '王主任', dueOn: '2026-11-20',
    status: 'open', overdue: true, meetingHeldOn: '2026-11-10', committeeName: '停车治理专班',
  },
  {
    id: 92, meetingId: 9, meetingKind: 'working_meetings', decision: '增设充电桩', owner: '李科长', dueOn: null,
    status: 'open', overdue: false, meetingHeldOn: '2026-11-10', committeeName: '停车治理专班',
  },
];

let host;
let toasts;
const api = (impl = {}) => fakeApi(impl, [[/^list/, () => []], [/Options$/, () => ({})]]);
const ctx = (a, extra = {}) => viewCtx(a, toasts, { office: { level: 'township', name: '青溪街道' }, navigate() {}, ...extra });

function mountCoordination(impl) {
  const a = api({
    listUnits: async () => UNITS,
    listWorkingGroups: async () => [GROUP],
    listWorkingMeetings: async () => [MEETING],
    listFollowUps: async (onlyOpen, kind) => (kind === 'working_meetings' ? WORKING : [{ ...WORKING[0], id: 1, decision: '大工委的决定' }]),
    ...impl,
  });
  const dispose = mountDemands(host, ctx(a, { route: { tab: 'coordination' } }));
  return { a, dispose };
}

describe('跟进事项 per meeting kind', () => {
  domPerTest(() => { host = newHost(); toasts = []; });

  test('协调机制 lists only the working meetings\' follow-ups, under its own ids, with a hint that says so', async () => {
    const { a, dispose } = mountCoordination({});
    await settle();
    const asked = a.calls.filter(([n]) => n === 'listFollowUps').map(([, open, kind]) => [open, kind]);
    assert.deepEqual(asked, [[true, 'working_meetings']]);
    const section = host.querySelector('#wfollow-ups-section');
    assert.ok(section, 'the working meetings\' follow-ups section');
    assert.equal(section.dataset.meetingKind, 'working_meetings');
    assert.deepEqual(all(host, '#wfollow-ups tr[data-follow-up-id]').map((tr) => tr.dataset.followUpId), ['91', '92']);
    assert.ok(!textOf(host).includes('大工委的决定'), 'nothing of a joint meeting listed');
    assert.equal(textOf(host.querySelector('#wfollow-ups-summary')), '未办结 2 项，其中已逾期 1 项。');
    assert.ok(host.querySelector('#wfollow-ups tr[data-follow-up-id="91"] [data-overdue]'));
    // The hints no longer say they appear together with 联席会议's.
    const meetingsHint = textOf(host.querySelector('#wmeetings-section .hint'));
    assert.ok(!meetingsHint.includes('一起出现'), meetingsHint);
    assert.ok(meetingsHint.includes('分开列出'), meetingsHint);
    assert.ok(textOf(section.querySelector('.hint')).startsWith('工作组会议的每条决定事项'));
    // 只看未办结 off: asked again, still for working meetings only.
    const box = host.querySelector('#wfollow-ups-only-open');
    box.checked = false;
    await dispatch(box, 'change');
    await settle();
    assert.deepEqual(a.calls.filter(([n]) => n === 'listFollowUps').at(-1).slice(1), [false, 'working_meetings']);
    dispose();
  });

  test('协调机制: 标记办结 one, and the open meeting\'s form follows', async () => {
    // The meeting as stored: the list read again after the mark has it done.
    const meeting = structuredClone(MEETING);
    const { a, dispose } = mountCoordination({
      listWorkingMeetings: async () => [structuredClone(meeting)],
      setFollowUpStatus: async (id, status, doneOn) => {
        // A day before the meeting is refused, as the core refuses it.
        if (doneOn === '2026-11-01') throw { kind: 'validation', field: 'doneOn', message: '办结日期 2026-11-01 早于会议日期：办结应在会议之后。' };
        Object.assign(meeting.decisions[0], { status, doneOn });
        return { ...WORKING[0], status, doneOn };
      },
    });
    await settle();
    await dispatch(host.querySelector('#wmeetings-table tr[data-wmeeting-id="9"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#wmeeting-decisions [data-decision-field="done"]').checked, false);
    const before = a.calls.filter(([n]) => n === 'listWorkingMeetings').length;
    // Answered while the click waits for it.
    const clicked = dispatch(host.querySelector('#wfollow-ups [data-follow-up-done="91"]'), 'click');
    await new Promise((r) => setTimeout(r, 0));
    // The day it was done is asked, today unless changed; a refused day is said in
    // the dialog, which stays with what was typed (probe AI: it closed).
    document.querySelector('#prompt-input').value = '2026-11-01';
    await dispatch(document.querySelector('#prompt-ok'), 'click');
    await settle();
    assert.ok(document.querySelector('#prompt-dialog'), 'still open');
    assert.match(textOf(document.querySelector('#prompt-error')), /早于会议日期/);
    assert.equal(document.querySelector('#prompt-input').value, '2026-11-01');
    document.querySelector('#prompt-input').value = '2026/11/20';
    await dispatch(document.querySelector('#prompt-ok'), 'click');
    await clicked;
    await settle();
    const [, id, status, doneOn] = a.calls.filter(([n]) => n === 'setFollowUpStatus').at(-1);
    assert.deepEqual([id, status, doneOn], [91, 'done', '2026-11-20']);
    assert.ok(toasts.includes('已标记办结：划定停车位'), toasts.join('|'));
    assert.equal(host.querySelector('#wmeeting-decisions [data-decision-field="done"]').checked, true);
    assert.ok(a.calls.filter(([n]) => n === 'listWorkingMeetings').length > before, 'the meetings read again');
    dispose();
  });

  test('协调机制: 批量标记办结 of both, one call, the working meetings read again', async () => {
    const { a, dispose } = mountCoordination({
      batchApply: async (input) => ({ action: '标记办结', changed: input.ids.length, unchanged: 0, items: [], undo: '变更记录' }),
    });
    await settle();
    await dispatch(host.querySelector('#wfollow-ups-select-page'), 'click');
    assert.equal(textOf(host.querySelector('#wfollow-ups-selected-count')), '已选 2 项');
    await dispatch(host.querySelector('#wfollow-ups-batch-done'), 'click');
    assert.ok(textOf(document.querySelector('#batch-confirm-text')).startsWith('将 2 项跟进事项标记为办结，日期 '));
    document.querySelector('#batch-date').value = '2026-11-25';
    const before = a.calls.filter(([n]) => n === 'listWorkingMeetings').length;
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    const [, input] = a.calls.find(([n]) => n === 'batchApply');
    assert.deepEqual(input, { ids: ['91', '92'], action: 'followUpsDone', date: '2026-11-25' });
    assert.ok(toasts.includes('批量标记办结完成：2 项已修改。每条修改都记在变更记录中。'), toasts.join('|'));
    assert.ok(a.calls.filter(([n]) => n === 'listWorkingMeetings').length > before);
    assert.equal(host.querySelector('#wfollow-ups-batch-bar').hidden, true);
    dispose();
  });

  test('联席会议 asks for the joint meetings\' follow-ups only', async () => {
    const a = api({ listCommittees: async () => [], listJointMeetings: async () => [], listFollowUps: async () => [] });
    const view = mountMeetings(host, ctx(a));
    await settle();
    assert.deepEqual(a.calls.filter(([n]) => n === 'listFollowUps').map(([, open, kind]) => [open, kind]), [[true, 'joint_meetings']]);
    assert.equal(host.querySelector('#follow-ups-section').dataset.meetingKind, 'joint_meetings');
    assert.equal(textOf(host.querySelector('#follow-ups-summary')), '没有未办结的跟进事项。');
    view.dispose();
  });
});
