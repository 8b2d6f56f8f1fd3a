// logic/workflows.js: what the workflow component is fed for a 共建项目 and a 诉求 —
// the steps, the moves the core sent (`moves`, dressed with ids and controls, none
// added or dropped), what the clerk typed read back into the commands' arguments,
// and the timeline rows with their notes.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  projectWorkflow, demandWorkflow, workflowMoves, otherMove, readMove, projectMoveArgs, demandMoveArgs, SCORE_LABELS,
  REASON_MISSING, PROJECT_LOOK, DEMAND_LOOK,
} from '../../ui/js/logic/workflows.js';
import { projectMoves, demandMoves, NO_CLAIM, NO_DEPARTMENT } from './moves-fixtures.mjs';

const withMoves = (p) => ({ ...p, moves: projectMoves(p) });
const demand = (d, departments = [{ id: 9, name: '城管科' }]) => ({ ...d, moves: demandMoves(d, departments) });

describe('projectWorkflow', () => {
  test('a claimed project: the core\'s moves, the forward one dated, back to 待认领', () => {
    const wf = projectWorkflow(withMoves({
      title: '楼道照明', status: 'claimed', claims: [{ partnerUnitId: 1 }],
      events: [{ to: 'open', date: '2026-03-01' }, { from: 'open', to: 'claimed', date: '2026-03-05' }],
    }), undefined, { date: '2026-03-09' });
    assert.deepEqual(wf.steps.map((s) => s.state), ['done', 'current', 'todo', 'todo', 'todo']);
    assert.deepEqual(wf.moves.map((m) => [m.to, m.label, m.back, m.needsReason]),
      [['in_progress', '开始实施', false, false], ['open', '退回到“待认领”', true, true]]);
    assert.deepEqual(wf.moves[0].fields.map((f) => [f.name, f.id, f.value]), [['date', 'move-date', '2026-03-09']]);
    assert.equal(wf.moves[0].hint, '开始实施的日期记入时间线，也是实际开始日期。');
    assert.equal(wf.moves[1].toLabel, '待认领');
    assert.deepEqual(wf.moves[1].fields, [], '退回 asks its reason in the dialog');
    assert.ok(wf.backHint.includes('“楼道照明”现在是“已认领”'));
    assert.ok(wf.backHint.endsWith('退回到“待认领”会撤回全部认领单位。'), 'the core clears the claims');
    assert.equal(wf.timeline.length, 2);
    assert.ok(!wf.timeline.some((r) => r.redatable), 'the core did not say so');
    // 改日期 marks the latest step (the last row in date order) when the core says so.
    const marked = projectWorkflow({
      status: 'claimed', lastStepRedatable: true,
      events: [{ from: 'open', to: 'claimed', date: '2026-03-05' }, { to: 'open', date: '2026-03-01' }],
    });
    assert.deepEqual(marked.timeline.map((r) => [r.date, !!r.redatable]), [['2026-03-01', false], ['2026-03-05', true]]);
    const resolved = demandWorkflow({ status: 'resolved', lastStepRedatable: true, history: [{ to: 'accepted', date: '2026-11-01' }, { from: 'accepted', to: 'resolved', date: '2026-11-10' }] });
    assert.equal(resolved.timeline.at(-1).redatable, true);
    assert.match(marked.backHint, /请点时间线里那一步旁的“改日期”，不要退回。$/);
    assert.match(resolved.backHint, /请点办理记录里那一步旁的“改日期”/);
  });

  test('a blocked move keeps its reason; 评价 gets a score select; no moves means none offered', () => {
    const open = projectWorkflow(withMoves({ status: 'open', claims: [] }));
    assert.ok(!open.backHint.includes('撤回'), 'nothing to withdraw');
    assert.equal(open.moves.length, 1);
    assert.equal(open.moves[0].blocked, NO_CLAIM);
    const evaluate = projectWorkflow(withMoves({ status: 'completed' })).moves[0];
    assert.equal(evaluate.to, 'evaluated');
    assert.deepEqual(evaluate.fields.map((f) => [f.name, f.id, f.type, f.required]),
      [['date', 'move-date', 'date', undefined], ['score', 'move-score', 'select', true], ['evaluation', 'move-evaluation', 'textarea', false]]);
    assert.equal(evaluate.fields[1].label, '评分（1–5 分）', 'the core\'s label');
    assert.deepEqual(evaluate.fields[1].options.map((o) => o.label), [5, 4, 3, 2, 1].map((n) => SCORE_LABELS[n]));
    const done = projectWorkflow(withMoves({ status: 'evaluated' }));
    assert.deepEqual(done.moves.map((m) => [m.to, m.back]),
      [['completed', true], ['in_progress', true], ['claimed', true], ['open', true]]);
    assert.deepEqual(projectWorkflow({ status: 'completed' }).moves, [], 'a payload without moves offers nothing');
  });

  test('a back step in the timeline carries its reason as a note', () => {
    const wf = projectWorkflow({ status: 'open', events: [{ from: 'claimed', to: 'open', date: '2026-03-06', reason: '撤回' }] });
    assert.deepEqual(wf.timeline[0].notes, [{ text: '原因：撤回', back: true }]);
  });
});

describe('demandWorkflow', () => {
  test('交办 offers the core\'s departments as a select; without any it is blocked; 上报 is left to its own button', () => {
    const d = demand({ title: '路灯', status: 'accepted', level: 'township' });
    const wf = demandWorkflow(d, { date: '2026-03-02' });
    assert.deepEqual(wf.moves.map((m) => m.to), ['assigned'], '上报 is not a step move');
    const dept = wf.moves[0].fields.find((f) => f.name === 'departmentId');
    assert.deepEqual([dept.id, dept.type, dept.blank], ['demand-departmentId', 'select', '选择承办部门…']);
    assert.deepEqual(dept.options, [{ value: '9', label: '城管科' }]);
    const none = demandWorkflow(demand({ status: 'accepted', level: 'township' }, [])).moves[0];
    assert.equal(none.blocked, NO_DEPARTMENT);
    assert.equal(none.fields[1].blank, '还没有部门');
    const up = otherMove(d.moves, 'escalate');
    assert.deepEqual(up.fields[0].choices.map((c) => c.value), ['county', 'city']);
    assert.equal(otherMove(demand({ status: 'resolved', level: 'township' }).moves, 'escalate'), null);
  });

  test('办结 asks the result (Ctrl+Enter), 回访 the satisfaction from the core\'s choices; back moves need a reason', () => {
    const resolve = demandWorkflow(demand({ status: 'in_progress', level: 'township' }));
    assert.deepEqual(resolve.moves[0].fields.map((f) => [f.name, f.id, f.type]),
      [['date', 'demand-move-date', 'date'], ['result', 'demand-result', 'textarea']]);
    assert.equal(resolve.moves[0].fields[1].ctrlEnterHint, 'Ctrl+Enter 办结');
    assert.deepEqual(resolve.moves.filter((m) => m.back).map((m) => m.to), ['assigned', 'accepted']);
    assert.ok(resolve.moves.filter((m) => m.back).every((m) => m.needsReason));
    const callBack = demandWorkflow(demand({ status: 'resolved', level: 'township' }));
    assert.deepEqual(callBack.moves[0].fields[1].options.map((o) => o.label), ['满意', '基本满意', '不满意']);
  });

  test('a step forward shows its note as it is; only a step back or up says 原因', () => {
    const wf = demandWorkflow({
      status: 'assigned',
      history: [
        { from: null, to: 'accepted', date: '2026-11-20', reason: '2026-11-20 走访发现' },
        { from: 'assigned', to: 'accepted', date: '2026-11-22', reason: '部门不对' },
      ],
    });
    assert.deepEqual(wf.timeline.map((r) => r.notes.map((n) => n.text)), [['2026-11-20 走访发现'], ['原因：部门不对']]);
  });

  test('an escalation in the history notes the level change', () => {
    const wf = demandWorkflow({
      status: 'accepted',
      history: [{ from: 'assigned', to: 'accepted', date: '2026-03-03', reason: '本级无法解决', levelFrom: 'township', levelTo: 'county' }],
    });
    const [row] = wf.timeline;
    assert.equal(row.escalated, true);
    assert.deepEqual(row.notes.map((n) => n.text), ['办理层级：乡镇/街道 → 县/区', '原因：本级无法解决']);
    assert.deepEqual(row.notes[0].attrs, { 'data-level-change': '' });
  });
});

describe('reading a move back', () => {
  const [evaluate, ...backs] = workflowMoves(projectMoves({ status: 'completed' }), { look: PROJECT_LOOK });
  test('the date is tidied and checked; a back move needs a reason', () => {
    const back = backs[0];
    assert.deepEqual(readMove(back, { date: '2026/3/5', reason: ' 评分有误 ' }),
      { ok: true, args: { to: 'in_progress', date: '2026-03-05', reason: '评分有误' } });
    assert.deepEqual(readMove(back, { date: '2026-03-05', reason: ' ' }).error,
      { kind: 'validation', field: 'reason', message: REASON_MISSING });
    assert.equal(readMove(back, { date: '3月5日', reason: 'x' }).error.field, 'date');
  });
  test('required fields and select values: 评价 → move_project arguments', () => {
    assert.equal(projectMoveArgs(evaluate, { date: '2026-03-05' }).error.field, 'score');
    assert.equal(projectMoveArgs(evaluate, { date: '2026-03-05', score: '9' }).error.field, 'score');
    assert.deepEqual(projectMoveArgs(evaluate, { date: '2026-03-05', score: '4', evaluation: ' 居民满意 ' }).args,
      { to: 'evaluated', date: '2026-03-05', reason: '', score: 4, evaluation: '居民满意' });
    const [start] = workflowMoves(projectMoves({ status: 'claimed' }), { look: PROJECT_LOOK });
    assert.deepEqual(projectMoveArgs(start, { date: '2026-03-09', score: '3' }).args,
      { to: 'in_progress', date: '2026-03-09', reason: '', score: null, evaluation: '' }, 'only the move\'s fields are read');
  });
  test('a 村/社区 demand\'s 交办 may name no department: 不选 reads as the village handling it', () => {
    for (const departments of [[{ id: 9, name: '城管科' }], []]) {
      const [assign] = workflowMoves(demandMoves({ status: 'accepted', level: 'village' }, departments), { look: DEMAND_LOOK });
      const dept = assign.fields.find((f) => f.name === 'departmentId');
      assert.deepEqual([assign.blocked, dept.required, dept.blank], ['', false, '不选：村/社区自办']);
      assert.deepEqual(demandMoveArgs(assign, { date: '2026-03-02' }).args,
        { to: 'assigned', date: '2026-03-02', reason: '', departmentId: '', result: '', satisfaction: '' });
    }
  });
  test('move_demand arguments are all strings, with the fields of the move only', () => {
    const [assign] = workflowMoves(demandMoves({ status: 'accepted', level: 'township' }, [{ id: 9, name: '城管科' }]), { look: DEMAND_LOOK });
    assert.equal(demandMoveArgs(assign, { date: '2026-03-02' }).error.field, 'departmentId');
    assert.equal(demandMoveArgs(assign, { date: '2026-03-02', departmentId: '8' }).error.field, 'departmentId');
    assert.deepEqual(demandMoveArgs(assign, { date: '2026-03-02', departmentId: '9', result: 'x' }).args,
      { to: 'assigned', date: '2026-03-02', reason: '', departmentId: '9', result: '', satisfaction: '' });
  });
  test('a forward move the core says needs a reason asks for one', () => {
    const [end] = workflowMoves([{
      to: 'closed', toLabel: '已关闭', label: '关闭', back: false, needsReason: true, fields: [], action: 'move', blocked: null, hint: '',
    }], { look: PROJECT_LOOK });
    assert.deepEqual(end.fields.map((f) => f.name), ['date', 'reason']);
    assert.equal(readMove(end, { date: '' }).error.field, 'reason');
  });
});
