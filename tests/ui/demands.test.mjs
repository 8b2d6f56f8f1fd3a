// logic/demands.js: the statuses 已受理 → 已交办 → 办理中 → 已办结 → 已回访 (which moves
// are allowed is the core's: see workflows.test.mjs), the 上报 form, history, stats, the demand form,
// the filters, and the working groups and meetings of the coordination mechanism.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  DEMAND_STATUSES, DEMAND_SOURCES, DEMAND_LEVELS, SATISFACTIONS, DEMAND_FIELDS, MOVE_FIELDS,
  demandChoices, statusIndex, statusLabel, assignmentSheet,
  parseEscalate, stepBar, historyRows, demandCells, rateText, statsText,
  emptyDemandFilters, demandQuery, isFiltered, demandYears, satisfactionText, demandFormValues,
  parseDemandForm, groupFormValues, parseGroupForm, groupCells, workingMeetingFormValues, parseWorkingMeetingForm,
  workingMeetingCells,
} from '../../ui/js/logic/demands.js';
import { labelOf } from '../../ui/js/logic/labels.js';

const ORDER = ['accepted', 'assigned', 'in_progress', 'resolved', 'called_back'];

const DEMAND = (over = {}) => ({
  id: 'q1', title: '青溪社区 3 号楼路灯不亮', source: 'visit', sourceLabel: '领导联系点走访', sourceRef: 'v9', sourceText: '李明 2026-03-02 走访',
  reporter: '李明', reporterPhone: '138****5678', category: '基础设施', description: '3 号楼路灯不亮已两周', unitId: 'u1',
  unitName: '青溪社区', level: 'township', levelLabel: '乡镇/街道', departmentId: null, departmentName: '',
  receivedOn: '2026-03-02', deadline: '2026-03-20', status: 'accepted', statusLabel: '已受理', resolvedOn: null, result: '',
  satisfaction: null, satisfactionLabel: '', overdue: false, onTime: null,
  history: [{ date: '2026-03-02', from: null, to: 'accepted', levelFrom: null, levelTo: null, department: '', reason: '', recordedAt: '2026-03-02T02:00:00Z' }],
  ...over,
});

describe('lists', () => {
  test('five statuses in life-cycle order', () => {
    assert.deepEqual(DEMAND_STATUSES.map((s) => s.value), ORDER);
    assert.deepEqual(DEMAND_STATUSES.map((s) => s.label), ['已受理', '已交办', '办理中', '已办结', '已回访']);
    assert.equal(statusIndex('resolved'), 3);
    assert.equal(statusIndex('x'), -1);
    assert.equal(statusLabel('in_progress'), '办理中');
    assert.equal(statusLabel('weird'), 'weird');
  });
  test('sources, levels (lowest first) and satisfactions', () => {
    assert.deepEqual(DEMAND_SOURCES.map((s) => s.value), ['village', 'grid_worker', 'visit', 'joint_meeting', 'hotline', 'other']);
    assert.equal(labelOf('hotline', DEMAND_SOURCES), '12345热线');
    assert.deepEqual(DEMAND_LEVELS.map((s) => s.label), ['村/社区', '乡镇/街道', '县/区', '市']);
    assert.deepEqual(SATISFACTIONS.map((s) => s.label), ['满意', '基本满意', '不满意']);
    assert.equal(labelOf('county', DEMAND_LEVELS), '县/区');
  });
  test('demandChoices: the coded lists are the catalog\'s; the categories contact_options\' suggestions, none until they come', () => {
    const c = demandChoices(null);
    assert.equal(c.statuses, DEMAND_STATUSES);
    assert.equal(c.sources, DEMAND_SOURCES);
    assert.equal(c.levels, DEMAND_LEVELS);
    assert.equal(c.satisfactions, SATISFACTIONS);
    assert.deepEqual(c.statuses.map((s) => s.value), ORDER);
    assert.deepEqual(c.categories, []);
    assert.deepEqual(demandChoices({ categories: ['物业'] }).categories, ['物业']);
  });
  test('field lists', () => {
    assert.deepEqual(DEMAND_FIELDS, ['title', 'source', 'reporter', 'reporterPhone', 'category', 'description', 'unitId', 'level',
      'receivedOn', 'deadline', 'deadlineReason']);
    assert.deepEqual(MOVE_FIELDS, ['to', 'date', 'reason', 'departmentId', 'result', 'satisfaction']);
  });
});

describe('上报上级', () => {
  // The levels offered are the choices of the core's 上报 move.
  const HIGHER = [{ value: 'county', label: '县/区' }, { value: 'city', label: '市' }];
  test('parseEscalate: an offered level, a date and a reason', () => {
    assert.deepEqual(parseEscalate({ level: 'county', date: '2026-03-06', reason: '涉及供电线路改造' }, { levels: HIGHER }),
      { ok: true, args: { level: 'county', date: '2026-03-06', reason: '涉及供电线路改造' } });
    assert.equal(parseEscalate({ level: '', reason: 'x' }, { levels: HIGHER }).error.field, 'level');
    assert.equal(parseEscalate({ level: 'township', reason: 'x' }, { levels: HIGHER }).error.field, 'level');
    assert.equal(parseEscalate({ level: 'city', reason: 'x' }).error.field, 'level', 'nothing offered');
    assert.equal(parseEscalate({ level: 'city', reason: ' ' }, { levels: HIGHER }).error.field, 'reason');
    assert.equal(parseEscalate({ level: 'city', date: 'x', reason: 'y' }, { levels: HIGHER }).error.field, 'date');
  });
});

describe('step bar and history', () => {
  const history = [
    { date: '2026-03-02', from: null, to: 'accepted', levelFrom: null, levelTo: null, department: '', reason: '', recordedAt: '2026-03-02T02:00:00Z' },
    { date: '2026-03-03', from: 'accepted', to: 'assigned', levelFrom: null, levelTo: null, department: '街道城管办', reason: '', recordedAt: '2026-03-03T02:00:00Z' },
    { date: '2026-03-06', from: 'assigned', to: 'accepted', levelFrom: 'township', levelTo: 'county', department: '', reason: '涉及供电线路', recordedAt: '2026-03-06T02:00:00Z' },
    { date: '2026-03-07', from: 'accepted', to: 'assigned', levelFrom: null, levelTo: null, department: '区供电公司', reason: '', recordedAt: '2026-03-07T02:00:00Z' },
    { date: '2026-03-08', from: 'assigned', to: 'accepted', levelFrom: null, levelTo: null, department: '', reason: '交错部门', recordedAt: '2026-03-08T02:00:00Z' },
  ];
  test('history rows: registration, steps, escalation, 退回', () => {
    const rows = historyRows([...history].reverse());
    assert.deepEqual(rows.map((r) => r.text), ['登记（已受理）', '已受理 → 已交办', '上报上级：已交办 → 已受理', '已受理 → 已交办', '已交办 → 已受理']);
    assert.deepEqual(rows.map((r) => r.escalated), [false, false, true, false, false]);
    assert.deepEqual(rows.map((r) => r.back), [false, false, false, false, true]);
    assert.equal(rows[2].level, '乡镇/街道 → 县/区');
    assert.equal(rows[1].level, '');
    assert.equal(rows[3].department, '区供电公司');
    assert.equal(rows[2].reason, '涉及供电线路');
    assert.match(rows[0].recordedAt, /^2026-03-02/);
  });
  test('a 办理时限 changed: its own line with the reason, and no step in the bar', () => {
    const moved = { date: '2026-03-09', from: 'assigned', to: 'assigned', deadlineFrom: '2026-03-10', deadlineTo: '2026-03-31', reason: '经分管领导同意延期', recordedAt: '2026-03-09T02:00:00Z' };
    const rows = historyRows([...history, moved]);
    const last = rows[rows.length - 1];
    assert.deepEqual([last.text, last.reason, last.back], ['调整办理时限：2026-03-10 → 2026-03-31', '经分管领导同意延期', false]);
    assert.equal(historyRows([{ ...moved, deadlineFrom: '' }])[0].text, '调整办理时限：（无） → 2026-03-31');
    const bar = stepBar(DEMAND({ status: 'assigned', history: [...history.slice(0, 2), moved] }));
    assert.deepEqual(bar.map((s) => s.date), ['2026-03-02', '2026-03-03', '', '', '']);
  });
  test('an escalation without a status change', () => {
    const rows = historyRows([{ date: '2026-03-06', from: 'accepted', to: 'accepted', levelFrom: 'village', levelTo: 'township' }]);
    assert.equal(rows[0].text, '上报上级（已受理）');
  });
  test('step bar: done, current and todo with the last date of each step', () => {
    const bar = stepBar(DEMAND({ status: 'assigned', history }));
    assert.deepEqual(bar.map((s) => s.state), ['done', 'current', 'todo', 'todo', 'todo']);
    // 已受理: received anew at the county by the escalation (03-06); the 退回 of 03-08
    // onto it keeps that date (probe N: the bar showed the 退回's day as 受理).
    assert.deepEqual(bar.map((s) => s.date), ['2026-03-06', '2026-03-07', '', '', '']);
    // At the last step the work is done: every step ✓, the last still the one it is at.
    const end = stepBar(DEMAND({ status: 'called_back', history: [] }));
    assert.deepEqual(end.map((s) => s.state), ['done', 'done', 'done', 'done', 'done']);
    assert.deepEqual(end.map((s) => s.current), [false, false, false, false, true]);
  });
});

describe('cells and stats', () => {
  test('cells', () => {
    const c = demandCells(DEMAND({ overdue: true }));
    assert.equal(c.title, '青溪社区 3 号楼路灯不亮');
    assert.equal(c.source, '领导联系点走访');
    assert.equal(c.level, '乡镇/街道');
    assert.equal(c.department, '—');
    assert.equal(c.overdue, true);
    assert.equal(c.statusLabel, '已受理');
    assert.equal(demandCells(DEMAND({ status: 'resolved', overdue: true })).overdue, false, 'a resolved demand is never overdue');
    assert.equal(demandCells(DEMAND({ onTime: true })).onTime, '按期');
    assert.equal(demandCells(DEMAND({ onTime: false })).onTime, '超期');
    assert.equal(demandCells(DEMAND({ deadline: null })).deadline, '—');
    assert.equal(demandCells({ source: 'grid_worker', level: 'county' }).source, '网格员上报');
  });
  test('the stats line', () => {
    const s = {
      received: 12, assigned: 9, resolved: 7, resolvedOnTime: 6, overdue: 1, satisfied: 4, calledBack: 5, onTimeRate: 6 / 7, satisfactionRate: 0.8,
    };
    assert.equal(statsText(s), '收到 12，交办过 9，已办结 7，按期办结 6（率 85.7%），逾期 1，回访满意 4/5');
    assert.equal(statsText({ ...s, onTimeRate: null }), '收到 12，交办过 9，已办结 7，按期办结 6（率 85.7%），逾期 1，回访满意 4/5');
    assert.equal(statsText({}), '收到 0，交办过 0，已办结 0，按期办结 0，逾期 0，尚无回访', 'no rate of nothing, no 0/0');
    // This year's list beside last year's overdue ones (probe Z: 逾期 0 while 4 were).
    assert.equal(statsText({ overdueEarlier: 4 }, { inPeriod: true }),
      '收到 0，交办过 0，本期办结 0，按期办结 0，逾期 0，尚无回访；另有 4 件以前受理的诉求已逾期未办结（见“全部”）');
    assert.equal(statsText(s, { inPeriod: true }), '收到 12，交办过 9，本期办结 7，按期办结 6（率 85.7%），逾期 1，回访满意 4/5',
      'in a period, resolved by the day of resolving');
  });
  test('rates: 0..1 from the backend, a percentage above 1, or worked out', () => {
    assert.equal(rateText(0.5, 0, 0), '50.0%');
    assert.equal(rateText(1, 0, 0), '100.0%');
    assert.equal(rateText(87.5, 0, 0), '87.5%');
    assert.equal(rateText(null, 1, 3), '33.3%');
    assert.equal(rateText(undefined, 0, 0), '—');
  });
  test('satisfaction text', () => {
    assert.equal(satisfactionText(DEMAND({ satisfaction: 'basic', satisfactionLabel: '' })), '基本满意');
    assert.equal(satisfactionText(DEMAND()), '');
  });
});

describe('filters', () => {
  test('query: every key, strings and a boolean', () => {
    assert.deepEqual(demandQuery(emptyDemandFilters()),
      { status: '', level: '', departmentId: '', source: '', overdueOnly: false, period: '', text: '' });
    assert.deepEqual(demandQuery({ status: 'assigned', overdueOnly: 1, text: ' 路灯 ' }),
      { status: 'assigned', level: '', departmentId: '', source: '', overdueOnly: true, period: '', text: '路灯' });
    assert.equal(isFiltered(emptyDemandFilters()), false);
    assert.equal(isFiltered({ overdueOnly: true }), true);
    assert.equal(isFiltered({ level: 'city' }), true);
  });
  test('years from the demands received', () => {
    assert.deepEqual(demandYears(2026, [{ receivedOn: '2019-05-01' }]), ['2026', '2025', '2024', '2023', '2022', '2019']);
  });
});

describe('the demand form', () => {
  const VALID = {
    title: ' 路灯不亮 ', source: 'village', reporter: '王芳', reporterPhone: '１３８ 1234 5678', category: '基础设施',
    description: '3 号楼', unitId: 'u1', level: 'township', receivedOn: '2026/3/2', deadline: '2026-03-20',
  };
  test('a new demand: received today, the given source and level', () => {
    assert.deepEqual(demandFormValues(null, { today: '2026-03-02' }), {
      title: '', source: 'village', reporter: '', reporterPhone: '', category: '', description: '', unitId: '', level: 'township',
      receivedOn: '2026-03-02', deadline: '', deadlineReason: '',
    });
  });
  test('an existing one: the full phone comes from outside (the list has it masked)', () => {
    const v = demandFormValues(DEMAND(), { fullPhone: '13812345678' });
    assert.equal(v.reporterPhone, '13812345678');
    assert.equal(v.unitId, 'u1');
    assert.equal(demandFormValues(DEMAND({ unitId: null, deadline: null })).deadline, '');
  });
  test('parse: tidied DemandInput', () => {
    assert.deepEqual(parseDemandForm(VALID), {
      ok: true,
      input: {
        title: '路灯不亮', source: 'village', reporter: '王芳', reporterPhone: '13812345678', category: '基础设施',
        description: '3 号楼', unitId: 'u1', level: 'township', receivedOn: '2026-03-02', deadline: '2026-03-20',
        deadlineReason: '',
      },
    });
    assert.equal(parseDemandForm({ ...VALID, unitId: '' }).input.unitId, null);
  });
  const bad = [
    [{ title: ' ' }, 'title'],
    [{ source: '' }, 'source'],
    [{ level: '' }, 'level'],
    [{ receivedOn: '' }, 'receivedOn'],
    [{ receivedOn: 'x' }, 'receivedOn'],
    [{ deadline: '2026-13-01' }, 'deadline'],
    [{ deadline: '2026-03-01' }, 'deadline'],
  ];
  for (const [over, field] of bad) {
    test(`refused: ${JSON.stringify(over)}`, () => {
      assertRefused(parseDemandForm({ ...VALID, ...over }), field);
    });
  }
  test('every problem of the form at once, the first as the error', () => {
    const r = parseDemandForm({ ...VALID, title: '', level: '', deadline: '2026-13-01' });
    assert.equal(r.error.field, 'title');
    assert.deepEqual(r.problems.map((e) => e.field), ['title', 'level', 'deadline']);
  });
});

describe('coordination mechanism', () => {
  test('working group form', () => {
    assert.deepEqual(groupFormValues(null), { name: '', topic: '', leadUnit: '', members: '', note: '' });
    assert.deepEqual(parseGroupForm({ name: ' 小区治理专项工作组 ', topic: '物业', leadUnit: '区委社会工作部', members: '区住建局、各街道' }), {
      ok: true, input: { name: '小区治理专项工作组', topic: '物业', leadUnit: '区委社会工作部', members: '区住建局、各街道', note: '' },
    });
    assert.equal(parseGroupForm({ name: '' }).error.field, 'name');
    const c = groupCells({ name: 'A', topic: '', leadUnit: 'B', members: 'x'.repeat(60), meetings: 2 });
    assert.equal(c.topic, '—');
    assert.equal(c.meetings, '2 次');
    assert.ok(c.members.endsWith('…'));
  });
  test('working meeting form: a new one today with one empty decision', () => {
    const v = workingMeetingFormValues(null, { today: '2026-03-10', groupId: 'g1' });
    assert.equal(v.heldOn, '2026-03-10');
    assert.equal(v.groupId, 'g1');
    assert.equal(v.decisions.length, 1);
    const m = workingMeetingFormValues({
      groupId: 5, heldOn: '2026-02-01', participants: '张伟', topics: 't', note: '',
      decisions: [{ id: 'f1', decision: '排查', owner: '王芳', dueOn: null, status: 'done', doneOn: '2026-02-10' }],
    });
    assert.deepEqual(m.decisions[0], { id: 'f1', decision: '排查', owner: '王芳', dueOn: '', status: 'done', doneOn: '2026-02-10' });
    assert.equal(m.groupId, '5');
  });
  test('working meeting form → input; decisions as in 联席会议', () => {
    const r = parseWorkingMeetingForm({
      groupId: 'g1', heldOn: '2026/3/10', participants: ' 张伟、李明 ', topics: '物业服务', note: '',
      decisions: [
        { id: null, decision: '', owner: '', dueOn: '', status: 'open', doneOn: '' },
        { id: null, decision: '开展物业服务评议', owner: '区住建局', dueOn: '2026-04-30', status: 'open', doneOn: '' },
      ],
    }, { today: '2026-03-10' });
    assert.deepEqual(r, {
      ok: true,
      input: {
        groupId: 'g1', heldOn: '2026-03-10', participants: '张伟、李明', topics: '物业服务', note: '',
        decisions: [{ id: null, decision: '开展物业服务评议', owner: '区住建局', dueOn: '2026-04-30', status: 'open', doneOn: '' }],
      },
    });
    assert.equal(parseWorkingMeetingForm({ groupId: '', heldOn: '2026-03-10' }).error.field, 'groupId');
    assert.equal(parseWorkingMeetingForm({ groupId: 'g1', heldOn: '' }).error.field, 'heldOn');
    const bad = parseWorkingMeetingForm({ groupId: 'g1', heldOn: '2026-03-10', decisions: [{ decision: '', owner: '王芳', dueOn: '' }] });
    assert.equal(bad.error.field, 'decisions');
    assert.equal(bad.error.row, 0);
    assert.equal(bad.error.part, 'decision');
  });
  test('working meeting cells', () => {
    const c = workingMeetingCells({
      heldOn: '2026-03-10', groupName: '小区治理专项工作组', participants: '', topics: '物业',
      decisions: [{ status: 'open' }, { status: 'done' }],
    });
    assert.deepEqual(c, { heldOn: '2026-03-10', group: '小区治理专项工作组', participants: '—', topics: '物业', decisions: '2 项（未办结 1）' });
    assert.equal(workingMeetingCells({ decisions: [] }).decisions, '—');
  });
});

describe('诉求交办单 / 督办单', () => {
  const D = {
    title: '路灯不亮', source: 'visit', sourceText: '张三 联系 青溪社区，2026-03-01 走访', reporter: '王阿姨', reporterPhone: '138****0000',
    category: '市政设施', description: '3号楼前的路灯坏了', unitName: '青溪社区', level: 'township', departmentName: '城管科',
    receivedOn: '2026-03-01', deadline: '2026-03-10', status: 'assigned', overdue: false,
  };
  test('on time: a 交办单 with the deadline asked for', () => {
    const s = assignmentSheet(D, { office: '青溪街道', today: '2026-03-05' });
    assert.equal(s.kind, '交办单');
    assert.equal(s.title, '青溪街道诉求交办单');
    assert.deepEqual(s.rows.slice(0, 4), [
      ['诉求事项', '路灯不亮'], ['诉求来源', '领导联系点走访：张三 联系 青溪社区，2026-03-01 走访'],
      ['反映人', '王阿姨　138****0000'], ['所在村/社区', '青溪社区'],
    ]);
    assert.deepEqual(s.rows.find(([l]) => l === '办理时限'), ['办理时限', '2026-03-10']);
    assert.equal(s.request, '请于 2026-03-10 前办结，并将办理结果书面反馈交办单位。');
    assert.deepEqual(s.signatures, ['承办部门（签收）', '签收人', '签收日期', '交办单位（盖章）', '交办人', '交办日期']);
  });
  test('overdue and not resolved: a 督办单 saying how late', () => {
    const s = assignmentSheet({ ...D, overdue: true }, { office: '青溪街道', today: '2026-03-17' });
    assert.equal(s.kind, '督办单');
    assert.equal(s.title, '青溪街道诉求督办单');
    assert.equal(s.request, '该诉求已超过办理时限 7 天仍未办结。请承办部门加快办理，办结后将办理结果书面反馈交办单位。');
    // Resolved: no longer supervised.
    assert.equal(assignmentSheet({ ...D, overdue: true, status: 'resolved' }, { today: '2026-03-17' }).kind, '交办单');
  });
  test('not assigned yet: the department is left blank to write in, not a dash', () => {
    const s = assignmentSheet({ ...D, departmentName: '', status: 'received' }, { office: '青溪街道', today: '2026-03-05' });
    assert.deepEqual(s.rows.find(([l]) => l === '承办部门'), ['承办部门', '']);
  });
  test('overdue but never assigned: the 交办单 that assigns it, saying how late (no 督办单 to nobody)', () => {
    const s = assignmentSheet({ ...D, departmentName: '', status: 'received', overdue: true }, { office: '青溪街道', today: '2026-03-17' });
    assert.equal(s.kind, '交办单');
    assert.equal(s.request, '该诉求已超过办理时限 7 天，请承办部门接单后立即办理，并将办理结果书面反馈交办单位。');
  });
});
