// views/party-meetings/ (a record list with custom parts), mounted in the fake DOM
// with a fake api: the meetings, the form with attendees from the committee's
// members and decisions, saving, and the follow-ups marked done from the list below.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest } from './dom-env.mjs';
import { mountMeetings } from '../../ui/js/views/party-meetings/index.js';

const COMMITTEES = [
  {
    id: 1, kind: 'street_joint', name: '青溪街道大工委', members: [
      { id: 11, name: '张书记', partTime: false }, { id: 12, name: '李经理', partTime: true, partnerUnitName: '阳光物业' },
    ],
  },
  { id: 2, kind: 'community_joint', name: '青溪社区大党委', villageName: '青溪社区', members: [{ id: 21, name: '王主任', partTime: false }] },
];
const MEETING = {
  id: 5, committeeId: 1, committeeName: '青溪街道大工委', heldOn: '2026-11-02', attendeeIds: [11, 99], attendeeNames: ['张书记', '赵已调走'],
  topics: '冬季安全生产', note: '',
  decisions: [{ id: 51, decision: '排查燃气管道', owner: '李经理', dueOn: '2026-11-20', status: 'open', doneOn: null }],
};
const FOLLOW_UP = {
  id: 51, meetingId: 5, decision: '排查燃气管道', owner: '李经理', dueOn: '2026-11-20', status: 'open', overdue: true,
  meetingHeldOn: '2026-11-02', committeeName: '青溪街道大工委',
};

let host;
let toasts;
function mount(impl) {
  toasts = [];
  host = newHost();
  const api = fakeApi({
    listCommittees: async () => COMMITTEES,
    listFollowUps: async () => [FOLLOW_UP],
    listJointMeetings: async () => [MEETING],
    ...impl,
  });
  const view = mountMeetings(host, viewCtx(api, toasts));
  return { api, view };
}

describe('党建 › 联席会议 view', () => {
  domPerTest();

  test('a meeting opens with its attendees ticked (a departed one kept by name) and its decisions', async () => {
    const { view } = mount({});
    await settle();
    const row = host.querySelector('#meetings-table tr[data-meeting-id="5"]');
    assert.ok(textOf(row).startsWith('2026-11-02青溪街道大工委'));
    await dispatch(row, 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#meeting-form-title')), '联席会议 · 2026-11-02');
    const ticks = all(host, '#meeting-attendees input[data-attendee-id]').map((b) => [b.dataset.attendeeId, b.checked]);
    assert.deepEqual(ticks, [['11', true], ['12', false], ['99', true]]);
    assert.ok(textOf(host.querySelector('#meeting-attendees')).includes('赵已调走'));
    assert.ok(textOf(host.querySelector('#meeting-attendees')).includes('已选 2 / 3 人'));
    assert.ok(host.querySelector('#meeting-decisions [data-decision-row]'));
    assert.equal(host.querySelector('[data-decision-field="decision"]').value, '排查燃气管道');

    // Another committee: its members, the departed one dropped.
    const sel = host.querySelector('#meeting-committeeId');
    sel.value = '2';
    await dispatch(sel, 'change');
    assert.deepEqual(all(host, '#meeting-attendees input[data-attendee-id]').map((b) => b.dataset.attendeeId), ['21']);
    view.dispose();
  });

  test('back on the tab after a member was deleted, the open meeting names them as gone', async () => {
    let committees = COMMITTEES;
    let meeting = { ...MEETING, attendeeIds: [11, 12], attendeeNames: ['张书记', '李经理'] };
    const { view } = mount({ listCommittees: async () => committees, listJointMeetings: async () => [meeting] });
    await settle();
    await dispatch(host.querySelector('#meetings-table tr[data-meeting-id="5"]'), 'click');
    await settle();
    // 委员会: 李经理 deleted there; the core now names them as gone.
    committees = [{ ...COMMITTEES[0], members: [COMMITTEES[0].members[0]] }, COMMITTEES[1]];
    meeting = { ...meeting, attendeeNames: ['张书记', '李经理（已不在委员会）'] };
    view.show();
    await settle();
    assert.ok(textOf(host.querySelector('#meeting-attendees')).includes('李经理（已不在委员会）'),
      textOf(host.querySelector('#meeting-attendees')));
    view.dispose();
  });

  test('记录联席会议: 全选, a decision, 保存 sends them and the follow-ups are loaded again', async () => {
    const { api, view } = mount({
      createJointMeeting: async (input) => ({ id: 6, ...input, heldOn: input.heldOn }),
    });
    await settle();
    await dispatch(host.querySelector('#meeting-new'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#meeting-form-title')), '记录联席会议');
    const sel = host.querySelector('#meeting-committeeId');
    sel.value = '1';
    await dispatch(sel, 'change');
    await dispatch(host.querySelector('#meeting-attendees-all'), 'click');
    host.querySelector('#meeting-heldOn').value = '2026-11-03';
    host.querySelector('#meeting-topics').value = '冬季安全生产';
    host.querySelector('[data-decision-field="decision"]').value = '排查燃气管道';
    const before = api.calls.filter(([n]) => n === 'listFollowUps').length;
    await dispatch(host.querySelector('#meeting-form'), 'submit');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createJointMeeting');
    assert.equal(input.committeeId, '1');
    assert.equal(input.heldOn, '2026-11-03');
    assert.deepEqual(input.attendeeIds.map(String), ['11', '12']);
    assert.equal(input.decisions.length, 1);
    assert.equal(input.decisions[0].decision, '排查燃气管道');
    assert.ok(toasts.includes('已记录联席会议，1 条决定事项已列入跟进事项'));
    assert.ok(api.calls.filter(([n]) => n === 'listFollowUps').length > before);
    view.dispose();
  });

  test('跟进事项: overdue marked; 标记办结 sends the status and the open form follows without counting as an edit', async () => {
    // The meeting as stored: the list read again after the mark has it done.
    const meeting = structuredClone(MEETING);
    const { api, view } = mount({
      listJointMeetings: async () => [structuredClone(meeting)],
      setFollowUpStatus: async (id, status, doneOn) => {
        Object.assign(meeting.decisions.find((d) => d.id === id) ?? {}, { status, doneOn });
        return { ...FOLLOW_UP, status, doneOn };
      },
    });
    await settle();
    const fu = host.querySelector('#follow-ups tr[data-follow-up-id="51"]');
    assert.ok(fu.querySelector('[data-overdue]'));
    assert.equal(textOf(fu.querySelector('[data-overdue]')), '已逾期');
    assert.equal(host.querySelector('#follow-ups-only-open').checked, true);
    await dispatch(host.querySelector('tr[data-meeting-id="5"]'), 'click');
    await settle();
    // Answered while the click waits for it.
    const clicked = dispatch(fu.querySelector('[data-follow-up-done="51"]'), 'click');
    await new Promise((r) => setTimeout(r, 0));
    assert.match(document.querySelector('#prompt-input').value, /^\d{4}-\d{2}-\d{2}$/, 'today unless changed');
    await dispatch(document.querySelector('#prompt-ok'), 'click');
    await clicked;
    await settle();
    const [, id, status] = api.calls.find(([n]) => n === 'setFollowUpStatus');
    assert.deepEqual([id, status], [51, 'done']);
    assert.ok(toasts.includes('已标记办结：排查燃气管道'));
    assert.equal(host.querySelector('[data-decision-field="done"]').checked, true, 'the form shows it done');
    assert.equal(view.isDirty(), false, 'the change from the list is not an unsaved edit');
    view.dispose();
  });

  test('ids and texts the end-to-end tests and the clerk rely on', async () => {
    const { view } = mount({});
    await settle();
    await dispatch(host.querySelector('tr[data-meeting-id="5"]'), 'click');
    await settle();
    const missing = ['meeting-new', 'meeting-filter-committee', 'meeting-period', 'meetings-table', 'meeting-editor',
      'meeting-form', 'meeting-committeeId', 'meeting-heldOn', 'meeting-attendees', 'meeting-attendees-all', 'meeting-topics',
      'meeting-note', 'meeting-decisions', 'meeting-add-decision', 'meeting-save', 'meeting-cancel', 'meeting-delete',
      'follow-ups', 'follow-ups-only-open', 'follow-ups-summary', 'meetings-export', 'meetings-import'].filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(missing, []);
    const seen = textOf(host);
    for (const t of ['记录联席会议', '出席委员', '决定事项', '跟进事项', '已逾期', '标记办结', '只看未办结']) assert.ok(seen.includes(t), t);
    view.dispose();
  });

  test('跟进事项: tick all listed (Shift range), 批量标记办结 with a date, one call', async () => {
    const items = [51, 52, 53].map((id, i) => ({ ...FOLLOW_UP, id, decision: `决定${i + 1}` }));
    const { api } = mount({
      listFollowUps: async () => items,
      batchApply: async (input) => ({ action: '标记办结', changed: input.ids.length, unchanged: 0, items: [], undo: '变更记录' }),
    });
    await settle();
    const box = (id) => host.querySelector(`#follow-ups input[data-select-id="${id}"]`);
    await dispatch(box(51), 'click');
    await dispatch(box(53), 'click', { shiftKey: true });
    assert.equal(textOf(host.querySelector('#follow-ups-selected-count')), '已选 3 项');
    await dispatch(host.querySelector('#follow-ups-batch-done'), 'click');
    assert.ok(textOf(document.querySelector('#batch-confirm-text')).startsWith('将 3 项跟进事项标记为办结，日期 '));
    document.querySelector('#batch-date').value = '2026-11-25';
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'batchApply');
    assert.deepEqual(input, { ids: ['51', '52', '53'], action: 'followUpsDone', date: '2026-11-25' });
    assert.ok(toasts.includes('批量标记办结完成：3 项已修改。每条修改都记在变更记录中。'), toasts.join('|'));
    assert.equal(host.querySelector('#follow-ups-batch-bar').hidden, true);
  });
});
