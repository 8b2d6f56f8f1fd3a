import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  SANLIANG_ITEMS, BRANCH_FIELDS, sanliangSummary, missingItems, branchState, sanliangItem, compoundTitle,
  takenDownLines, clearedItems, parseTakenDown,
  branchFormValues, parseBranchForm, COMMITTEE_KINDS, committeeKindHint, committeeFormValues, suggestCommitteeName,
  parseCommitteeForm, memberFormValues, parseMemberForm, employmentText, termText, partTimeSummary, committeeLabel,
  emptyDecision, decisionTarget, meetingFormValues, isBlankDecision, parseMeetingForm, meetingCells, meetingYears, followUpCells,
  followUpSummary, MEETING_FIELDS, MEMBER_FIELDS, COMMITTEE_FIELDS,
  termsEndingSoon,
} from '../../ui/js/logic/party.js';

const BRANCH = (over = {}) => ({
  compoundId: 'c1', compoundName: '阳光花园', compoundCode: '320115101001001', villageId: 'v1', villageName: '青溪社区',
  exists: true, secretary: '王芳', structureOn: '2026-03-01', dutiesOn: '2026-03-01', identityOn: null,
  photo: null, note: '', complete: false, missing: ['identity'], updatedAt: '2026-03-02T08:00:00Z', ...over,
});

describe('三亮', () => {
  test('three items in order, each with its date field', () => {
    assert.deepEqual(SANLIANG_ITEMS.map((i) => [i.key, i.field]),
      [['structure', 'structureOn'], ['duties', 'dutiesOn'], ['identity', 'identityOn']]);
    for (const i of SANLIANG_ITEMS) assert.ok(BRANCH_FIELDS.includes(i.field));
  });

  test('the completion line', () => {
    assert.equal(sanliangSummary({ compounds: 13, complete: 9, rate: 0.692 }).text, '三亮齐全 9/13 个小区（69.2%）');
    assert.equal(sanliangSummary({ compounds: 4, complete: 4 }).text, '三亮齐全 4/4 个小区（100.0%）');
    assert.equal(sanliangSummary({ compounds: 3, complete: 0 }).text, '三亮齐全 0/3 个小区（0.0%）');
    const none = sanliangSummary({ compounds: 0, complete: 0, rows: [] });
    assert.equal(none.compounds, 0);
    assert.match(none.text, /还没有小区/);
    assert.match(sanliangSummary(null).text, /组织架构/);
  });

  test('states: no branch, complete, partial, none', () => {
    assert.deepEqual(branchState(BRANCH({ exists: false })), { key: 'no_branch', label: '未建支部' });
    assert.deepEqual(branchState(BRANCH({ complete: true, missing: [], identityOn: '2026-03-05' })), { key: 'complete', label: '三亮齐全' });
    assert.deepEqual(branchState(BRANCH()), { key: 'partial', label: '缺党员身份' });
    assert.deepEqual(branchState(BRANCH({ dutiesOn: null, missing: ['duties', 'identity'] })), { key: 'partial', label: '缺职责、党员身份' });
    assert.equal(branchState(BRANCH({ structureOn: null, dutiesOn: null, missing: ['structure', 'duties', 'identity'] })).key, 'none');
  });

  test('missing items come from PartyBranch.missing, or from the dates', () => {
    assert.deepEqual(missingItems(BRANCH({ missing: ['duties'] })).map((i) => i.key), ['duties']);
    const { missing, ...noList } = BRANCH();
    assert.deepEqual(missingItems(noList).map((i) => i.key), ['identity']);
  });

  test('an item cell: ✓ with the date, or not published, or taken down on a day', () => {
    assert.deepEqual(sanliangItem(BRANCH(), SANLIANG_ITEMS[0]), { key: 'structure', label: '亮组织架构', done: true, date: '2026-03-01', takenDownOn: '' });
    assert.deepEqual(sanliangItem(BRANCH(), SANLIANG_ITEMS[2]), { key: 'identity', label: '亮党员身份', done: false, date: '', takenDownOn: '' });
    const down = BRANCH({
      takenDown: [
        { item: 'identity', from: '2025-03-01', until: '2025-09-01' },
        { item: 'identity', from: '2025-10-01', until: '2026-08-31' },
        { item: 'structure', from: '2025-01-01', until: '2025-02-01' },
      ],
    });
    assert.equal(sanliangItem(down, SANLIANG_ITEMS[2]).takenDownOn, '2026-08-31', 'the latest');
    assert.equal(sanliangItem(down, SANLIANG_ITEMS[0]).takenDownOn, '', 'up again: its date shows');
    assert.deepEqual(takenDownLines(down), [
      '亮组织架构：2025-01-01 公示，2025-02-01 撤下',
      '亮党员身份：2025-03-01 公示，2025-09-01 撤下',
      '亮党员身份：2025-10-01 公示，2026-08-31 撤下',
    ]);
    assert.deepEqual(takenDownLines(BRANCH()), []);
  });

  test('clearing a date asks for the 撤下日期: after the publication, not after today', () => {
    const before = BRANCH({ identityOn: '2025-06-10' });
    const cleared = clearedItems(before, { structureOn: '2026-03-01', dutiesOn: '', identityOn: '' });
    assert.deepEqual(cleared.map((i) => i.key), ['duties', 'identity']);
    assert.deepEqual(clearedItems(null, { structureOn: '' }), [], 'a new record clears nothing');
    const today = '2026-12-07';
    assert.deepEqual(parseTakenDown('2026/8/31', cleared, before, today), { ok: true, value: '2026-08-31' });
    assert.match(parseTakenDown('', cleared, before, today).message, /请填写撤下日期/);
    assert.match(parseTakenDown('2026-12-08', cleared, before, today).message, /晚于今天（2026-12-07）/);
    assert.match(parseTakenDown('2026-03-01', cleared, before, today).message, /要晚于公示的日期 2026-03-01/,
      'after the latest of the items cleared');
    assert.match(parseTakenDown('2026-02-30', cleared, before, today).message, /不是日历上的日子/);
  });

  test('compound title', () => {
    assert.equal(compoundTitle(BRANCH()), '青溪社区 › 阳光花园');
    assert.equal(compoundTitle({ compoundName: '西组' }), '西组');
  });

  test('form values and parsing (dates tidied, text trimmed)', () => {
    const v = branchFormValues(BRANCH());
    assert.deepEqual(v, { exists: true, secretary: '王芳', structureOn: '2026-03-01', dutiesOn: '2026-03-01', identityOn: '', note: '' });
    const r = parseBranchForm({ ...v, secretary: ' 王芳 ', identityOn: '2026/3/8', note: ' 公示栏 ' });
    assert.deepEqual(r, {
      ok: true,
      input: { exists: true, secretary: '王芳', structureOn: '2026-03-01', dutiesOn: '2026-03-01', identityOn: '2026-03-08', note: '公示栏' },
    });
    assert.deepEqual(branchFormValues(null), { exists: false, secretary: '', structureOn: '', dutiesOn: '', identityOn: '', note: '' });
  });

  test('a wrong publication date names its field', () => {
    const r = parseBranchForm({ exists: true, dutiesOn: '2026-02-30' });
    assert.equal(r.error.field, 'dutiesOn');
    assert.match(r.error.message, /亮职责的公示日期/);
  });
});

describe('committees and members', () => {
  test('kinds and hints', () => {
    assert.deepEqual(COMMITTEE_KINDS.map((k) => k.label), ['大工委', '大党委']);
    assert.match(committeeKindHint('community_joint'), /大党委/);
    assert.match(committeeKindHint('joint_working'), /大工委/);
    assert.deepEqual(COMMITTEE_FIELDS, ['kind', 'name', 'villageId', 'note']);
  });

  test('suggested names', () => {
    assert.equal(suggestCommitteeName('joint_working', { officeName: '青溪街道' }), '青溪街道大工委');
    assert.equal(suggestCommitteeName('community_joint', { villageName: '青溪社区' }), '青溪社区大党委');
    // Not a name a committee has already (saving it would be refused).
    assert.equal(suggestCommitteeName('joint_working', { officeName: '青溪街道', taken: ['青溪街道大工委'] }), '');
    assert.equal(suggestCommitteeName('community_joint', {}), '');
  });

  test('committee form', () => {
    assert.deepEqual(committeeFormValues(null), { kind: 'joint_working', name: '', villageId: '', note: '' });
    assert.deepEqual(committeeFormValues({ kind: 'community_joint', name: 'x', villageId: 7, note: 'n' }),
      { kind: 'community_joint', name: 'x', villageId: '7', note: 'n' });
    assert.deepEqual(parseCommitteeForm({ kind: 'joint_working', name: ' 青溪街道大工委 ', villageId: 'v1', note: '' }),
      { ok: true, input: { kind: 'joint_working', name: '青溪街道大工委', villageId: null, note: '' } });
    assert.deepEqual(parseCommitteeForm({ kind: 'community_joint', name: '青溪社区大党委', villageId: 'v1' }).input.villageId, 'v1');
  });

  const committeeErrors = [
    [{ kind: '', name: 'x' }, 'kind'],
    [{ kind: 'joint_working', name: ' ' }, 'name'],
    [{ kind: 'community_joint', name: 'x', villageId: '' }, 'villageId'],
  ];
  for (const [v, field] of committeeErrors) {
    test(`committee error on ${field}`, () => assertRefused(parseCommitteeForm(v), field));
  }

  test('member form values', () => {
    assert.deepEqual(memberFormValues(null, 'k1'), {
      committeeId: 'k1', name: '', partTime: false, partnerUnitId: '', post: '', termStart: '', termEnd: '', note: '',
    });
    const m = { id: 'm1', committeeId: 'k1', name: '李明', partTime: true, partnerUnitId: 'u1', post: '委员', termStart: '2024-01-01', termEnd: null, note: '' };
    assert.equal(memberFormValues(m).partnerUnitId, 'u1');
    assert.equal(memberFormValues(m).termEnd, '');
  });

  test('a part-time member comes from a partner unit', () => {
    const base = { committeeId: 'k1', name: '李明', partTime: true, partnerUnitId: '', post: '兼职委员', termStart: '', termEnd: '' };
    const many = parseMemberForm({ ...base, committeeId: '', name: ' ', termStart: '2026-03-05', termEnd: '2026-03-01' });
    assert.deepEqual(many.problems.map((e) => e.field).slice(0, 2), ['committeeId', 'name'], 'every problem at once');
    assert.ok(many.problems.some((e) => e.field === 'termEnd'));
    const r = parseMemberForm(base);
    assert.equal(r.error.field, 'partnerUnitId');
    assert.match(r.error.message, /共建单位/);
    assert.deepEqual(parseMemberForm({ ...base, partnerUnitId: 'u1', termStart: '2024/1/1', termEnd: '2026-12-31' }), {
      ok: true,
      input: {
        committeeId: 'k1', name: '李明', partTime: true, partnerUnitId: 'u1', post: '兼职委员',
        termStart: '2024-01-01', termEnd: '2026-12-31', note: '',
      },
    });
    assert.equal(parseMemberForm({ ...base, partTime: false }).input.partnerUnitId, null);
  });

  const memberErrors = [
    [{ committeeId: '', name: 'x' }, 'committeeId'],
    [{ committeeId: 'k1', name: '' }, 'name'],
    [{ committeeId: 'k1', name: 'x', termStart: 'abc' }, 'termStart'],
    [{ committeeId: 'k1', name: 'x', termEnd: '2026-02-30' }, 'termEnd'],
    [{ committeeId: 'k1', name: 'x', termStart: '2026-01-01', termEnd: '2025-12-31' }, 'termEnd'],
  ];
  for (const [v, field] of memberErrors) {
    test(`member error on ${field}`, () => {
      assertRefused(parseMemberForm(v), field, { fields: MEMBER_FIELDS });
    });
  }

  test('texts', () => {
    assert.equal(employmentText(true), '兼职');
    assert.equal(employmentText(false), '专职');
    assert.equal(termText({ termStart: '2024-01-01', termEnd: '2026-12-31' }), '2024-01-01 至 2026-12-31');
    assert.equal(termText({}), '—');
    assert.equal(termText({ termStart: '2024-01-01', termEnd: '2026-12-31' }, '2027-01-05'), '2024-01-01 至 2026-12-31（已届满）');
    assert.equal(termText({ termStart: '2024-01-01', termEnd: '2026-12-31' }, '2026-12-31'), '2024-01-01 至 2026-12-31', 'its last day: still in');
    assert.equal(partTimeSummary({ total: 7, byUnit: [{ count: 3 }, { count: 4 }, { count: 0 }] }), '在任兼职委员共 7 人，来自 2 个共建单位。');
    assert.equal(partTimeSummary({ total: 2, byUnit: [] }), '在任兼职委员共 2 人。');
    assert.equal(partTimeSummary({ total: 7, byUnit: [{ count: 7 }], byCommittee: [{ count: 3 }, { count: 2 }, { count: 3 }] }),
      '在任兼职委员共 7 人，来自 1 个共建单位。各委员会合计 8 人次：有人同时在几个委员会兼职，只计 1 人。');
    assert.equal(partTimeSummary({ total: 2, byUnit: [], byCommittee: [{ count: 1 }, { count: 1 }] }), '在任兼职委员共 2 人。');
    assert.equal(partTimeSummary(null), '没有在任的兼职委员。');
    assert.equal(committeeLabel({ kindLabel: '大党委', name: '青溪社区大党委' }), '青溪社区大党委', 'the name says its kind already');
    assert.equal(committeeLabel({ kindLabel: '大党委', name: '青溪社区党委' }), '大党委 · 青溪社区党委');
    assert.equal(committeeLabel({ kind: 'joint_working', name: 'x' }), '大工委 · x');
  });
});

describe('joint meetings', () => {
  const MEETING = {
    id: 'j1', committeeId: 'k1', committeeName: '青溪街道大工委', heldOn: '2026-03-10',
    attendeeIds: ['m1', 'm2'], attendeeNames: ['李明', '王芳'], topics: '老旧小区加装电梯', note: '',
    decisions: [
      { id: 'f1', decision: '摸排加装需求', owner: '王芳', dueOn: '2026-03-31', status: 'open', doneOn: null, overdue: true },
      { id: 'f2', decision: '联系物业', owner: '', dueOn: null, status: 'done', doneOn: '2026-03-12', overdue: false },
    ],
  };

  test('a new meeting is held today with one empty decision', () => {
    const v = meetingFormValues(null, { today: '2026-03-15', committeeId: 'k1' });
    assert.deepEqual(v, {
      committeeId: 'k1', heldOn: '2026-03-15', place: '', host: '', observers: '', attendeeIds: [], topics: '', note: '', decisions: [emptyDecision()],
    });
  });

  test('an existing meeting', () => {
    const v = meetingFormValues(MEETING, { today: '2026-03-15' });
    assert.equal(v.heldOn, '2026-03-10');
    assert.deepEqual(v.attendeeIds, ['m1', 'm2']);
    assert.deepEqual(v.decisions[0], { id: 'f1', decision: '摸排加装需求', owner: '王芳', dueOn: '2026-03-31', status: 'open', doneOn: '' });
    assert.deepEqual(v.decisions[1].status, 'done');
    assert.equal(meetingFormValues({ ...MEETING, decisions: [] }).decisions.length, 1);
  });

  test('blank decision rows are left out; done ones get today when no date is given', () => {
    const r = parseMeetingForm({
      committeeId: 'k1', heldOn: '2026/3/10', place: ' 三楼会议室 ', host: '何静', observers: '', attendeeIds: ['m1', 'm1', 'm2', ''], topics: ' 议题 ', note: '',
      decisions: [
        emptyDecision(),
        { id: 'f1', decision: ' 摸排需求 ', owner: ' 王芳 ', dueOn: '2026-3-31', status: 'open', doneOn: '2026-03-01' },
        { id: null, decision: '联系物业', owner: '', dueOn: '', status: 'done', doneOn: '' },
      ],
    }, { today: '2026-03-15' });
    assert.deepEqual(r, {
      ok: true,
      input: {
        committeeId: 'k1', heldOn: '2026-03-10', place: '三楼会议室', host: '何静', observers: '', attendeeIds: ['m1', 'm2'], topics: '议题', note: '',
        decisions: [
          { id: 'f1', decision: '摸排需求', owner: '王芳', dueOn: '2026-03-31', status: 'open', doneOn: '' },
          { id: null, decision: '联系物业', owner: '', dueOn: '', status: 'done', doneOn: '2026-03-15' },
        ],
      },
    });
    assert.ok(isBlankDecision({ decision: ' ', owner: '', dueOn: '' }));
    assert.equal(isBlankDecision({ decision: '', owner: '王芳', dueOn: '' }), false);
  });

  const meetingErrors = [
    [{ committeeId: '', heldOn: '2026-03-10' }, 'committeeId', undefined],
    [{ committeeId: 'k1', heldOn: '' }, 'heldOn', undefined],
    [{ committeeId: 'k1', heldOn: '2026-02-30' }, 'heldOn', undefined],
    [{ committeeId: 'k1', heldOn: '2026-03-10', decisions: [emptyDecision(), { decision: '', owner: '王芳', dueOn: '' }] }, 'decisions', [1, 'decision']],
    [{ committeeId: 'k1', heldOn: '2026-03-10', decisions: [{ decision: 'x', dueOn: '月底' }] }, 'decisions', [0, 'dueOn']],
    [{ committeeId: 'k1', heldOn: '2026-03-10', decisions: [{ decision: 'x', status: 'done', doneOn: '2026-13-01' }] }, 'decisions', [0, 'doneOn']],
  ];
  for (const [v, field, where] of meetingErrors) {
    test(`meeting error on ${field}${where ? ` row ${where[0]} ${where[1]}` : ''}`, () => {
      const error = assertRefused(parseMeetingForm(v, { today: '2026-03-15' }), field, { fields: MEETING_FIELDS });
      if (where) {
        assert.deepEqual([error.row, error.part], where);
        assert.match(error.message, new RegExp(`第 ${where[0] + 1} 条`));
      }
    });
  }

  test("a decision error from the store points at the box it names, counted among the filled rows", () => {
    const rows = [
      { decision: '摸排需求', owner: '王芳', dueOn: '', status: 'open', doneOn: '' },
      emptyDecision(),
      { decision: '联系物业', owner: '', dueOn: '', status: 'done', doneOn: '2026-03-01' },
    ];
    // The store numbers the decisions it was sent: the blank row is not among them.
    assert.deepEqual(decisionTarget('第 2 项的办结日期 2026-03-01 早于会议日期 2026-03-10：决定事项是会上定的，办结应在会议之后。', rows), { row: 2, part: 'doneOn' });
    assert.deepEqual(decisionTarget('第 1 项的完成时限 2026-03-01 早于会议日期 2026-03-10。', rows), { row: 0, part: 'dueOn' });
    assert.deepEqual(decisionTarget('第 1 项的责任人里有分号或换行', rows), { row: 0, part: 'owner' });
    assert.deepEqual(decisionTarget('第 2 项决定事项里有分号或换行', rows), { row: 2, part: 'decision' });
    assert.deepEqual(decisionTarget('第 2 项决定事项的内容不能为空', rows), { row: 2, part: 'decision' });
    assert.deepEqual(decisionTarget('第 3 项的办结日期有误', rows), {});
    assert.deepEqual(decisionTarget('会议日期不能为空', rows), {});
    assert.deepEqual(decisionTarget(undefined, undefined), {});
  });

  test('list cells', () => {
    assert.deepEqual(meetingCells(MEETING), {
      heldOn: '2026-03-10', committee: '青溪街道大工委', attendees: '2 人', attendeeNames: '李明、王芳',
      topics: '老旧小区加装电梯', decisions: '2 项（未办结 1）',
    });
    assert.equal(meetingCells({ ...MEETING, decisions: [MEETING.decisions[1]] }).decisions, '1 项（均已办结）');
    assert.equal(meetingCells({ topics: 'x'.repeat(80) }).topics.length, 61);
    // A member deleted since keeps the place of the attendance recorded for them.
    assert.equal(meetingCells({ attendeeIds: ['m1', 'm2'], attendeeNames: ['', '王芳'] }).attendeeNames, '（已不在委员会）、王芳');
    assert.equal(meetingCells({}).decisions, '—');
  });

  test('years for the filter', () => {
    assert.deepEqual(meetingYears(2026, [MEETING, { heldOn: '2019-05-01' }]), ['2026', '2025', '2024', '2023', '2022', '2019']);
  });

  test('follow-up cells: overdue only while open', () => {
    const [open, done] = MEETING.decisions.map((d) => ({ ...d, meetingHeldOn: '2026-03-10', committeeName: '青溪街道大工委' }));
    assert.deepEqual(followUpCells(open), {
      decision: '摸排加装需求', owner: '王芳', due: '2026-03-31', overdue: true, done: false, status: '未办结',
      source: '2026-03-10 · 青溪街道大工委',
    });
    const d = followUpCells({ ...done, overdue: true });
    assert.equal(d.overdue, false);
    assert.equal(d.status, '已办结（2026-03-12）');
    assert.equal(d.owner, '—');
    assert.equal(d.due, '未定期限');
  });

  test('follow-up summary', () => {
    const list = [
      { status: 'open', overdue: true }, { status: 'open', overdue: false }, { status: 'done', overdue: false },
    ];
    assert.equal(followUpSummary(list), '共 3 项：未办结 2 项，其中已逾期 1 项，已办结 1 项。');
    assert.equal(followUpSummary(list.slice(0, 2), { onlyOpen: true }), '未办结 2 项，其中已逾期 1 项。');
    assert.equal(followUpSummary([list[1]], { onlyOpen: true }), '未办结 1 项。');
    assert.equal(followUpSummary([], { onlyOpen: true }), '没有未办结的跟进事项。');
    assert.match(followUpSummary([]), /联席会议的决定事项/);
    assert.equal(followUpSummary([], { source: '工作会议' }), '还没有跟进事项。工作会议的决定事项会列在这里。');
  });
});

describe('委员 任期', () => {
  test('terms ending within 90 days from today: how many, the first end, the days to it', () => {
    const m = (termEnd) => ({ termEnd });
    assert.equal(termsEndingSoon([m('2026-12-31'), m('2027-06-30')], ''), null);
    assert.deepEqual(termsEndingSoon([m('2027-06-30'), m('2026-12-31'), m('2027-01-31'), m('2026-11-30'), m(null)], '2026-12-07'),
      { count: 2, first: '2026-12-31', last: '2027-01-31', days: 24 });
    assert.deepEqual(termsEndingSoon([m('2026-12-07')], '2026-12-07'), { count: 1, first: '2026-12-07', last: '2026-12-07', days: 0 });
    assert.equal(termsEndingSoon([m('2027-03-08')], '2026-12-07'), null, '91 days on');
    assert.deepEqual(termsEndingSoon([m('2027-03-07')], '2026-12-07'), { count: 1, first: '2027-03-07', last: '2027-03-07', days: 90 });
  });
});
