// logic/workflows.js: what the workflow component is fed for a 共建项目 and a 诉求 —
// the steps, the moves allowed now (from logic/cobuild.js and logic/demands.js) and
// the timeline rows with their notes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { projectWorkflow, demandWorkflow, SCORE_LABELS } from '../js/logic/workflows.js';

describe('projectWorkflow', () => {
  test('a claimed project: one step on (dated), back to 待认领 with a reason', () => {
    const wf = projectWorkflow({
      title: '楼道照明', status: 'claimed', claims: [{ partnerUnitId: 1 }],
      events: [{ to: 'open', date: '2026-03-01' }, { from: 'open', to: 'claimed', date: '2026-03-05' }],
    }, undefined, { date: '2026-03-09' });
    assert.deepEqual(wf.steps.map((s) => s.state), ['done', 'current', 'todo', 'todo', 'todo']);
    const forward = wf.moves.filter((m) => !m.back);
    assert.equal(forward.length, 1);
    assert.equal(forward[0].to, 'in_progress');
    assert.deepEqual(forward[0].fields.map((f) => [f.name, f.id, f.value]), [['date', 'move-date', '2026-03-09']]);
    assert.deepEqual(wf.moves.filter((m) => m.back).map((m) => [m.to, m.needsReason]), [['open', true]]);
    assert.ok(wf.backHint.includes('“楼道照明”现在是“已认领”'));
    assert.equal(wf.timeline.length, 2);
  });

  test('an open project without units cannot move on; a completed one asks a score; an evaluated one has no step left', () => {
    assert.ok(projectWorkflow({ status: 'open', claims: [] }).moves[0].blocked);
    const evaluate = projectWorkflow({ status: 'completed', claims: [{}] }).moves[0];
    assert.equal(evaluate.to, 'evaluated');
    assert.deepEqual(evaluate.fields.map((f) => f.name), ['date', 'score', 'evaluation']);
    assert.deepEqual(evaluate.fields[1].options.map((o) => o.label), [5, 4, 3, 2, 1].map((n) => SCORE_LABELS[n]));
    const done = projectWorkflow({ status: 'evaluated' });
    assert.equal(done.moves.filter((m) => !m.back).length, 0);
    assert.equal(done.moves.filter((m) => m.back).length, 4);
  });

  test('a back step in the timeline carries its reason as a note', () => {
    const wf = projectWorkflow({ status: 'open', events: [{ from: 'claimed', to: 'open', date: '2026-03-06', reason: '撤回' }] });
    assert.deepEqual(wf.timeline[0].notes, [{ text: '原因：撤回', back: true }]);
  });
});

describe('demandWorkflow', () => {
  const departments = [{ id: 9, name: '城管科', level: 'township' }];
  test('交办 asks the department among those of the demand\'s level; without departments it is blocked', () => {
    const wf = demandWorkflow({ title: '路灯', status: 'accepted', level: 'township' }, { departments, date: '2026-03-02' });
    const [move] = wf.moves;
    assert.equal(move.to, 'assigned');
    const dept = move.fields.find((f) => f.name === 'departmentId');
    assert.equal(dept.id, 'demand-departmentId');
    assert.deepEqual(dept.options.map((o) => o.value), ['9']);
    assert.equal(wf.moves.filter((m) => m.back).length, 0, 'nothing before 已受理');
    assert.ok(demandWorkflow({ status: 'accepted' }, { departments: [] }).moves[0].blocked);
  });

  test('办结 asks the result (Ctrl+Enter), 回访 the satisfaction; back moves need a reason', () => {
    const resolve = demandWorkflow({ status: 'in_progress' }, { departments });
    assert.deepEqual(resolve.moves[0].fields.map((f) => f.name), ['date', 'result']);
    assert.equal(resolve.moves[0].fields[1].ctrlEnterHint, 'Ctrl+Enter 办结');
    assert.deepEqual(resolve.moves.filter((m) => m.back).map((m) => m.to), ['assigned', 'accepted']);
    assert.ok(resolve.moves.filter((m) => m.back).every((m) => m.needsReason));
    const callBack = demandWorkflow({ status: 'resolved' }, { departments });
    assert.equal(callBack.moves[0].fields[1].name, 'satisfaction');
  });

  test('an escalation in the history notes the level change', () => {
    const wf = demandWorkflow({
      status: 'accepted',
      history: [{ from: 'assigned', to: 'accepted', date: '2026-03-03', reason: '本级无法解决', levelFrom: 'township', levelTo: 'county' }],
    }, { departments });
    const [row] = wf.timeline;
    assert.equal(row.escalated, true);
    assert.deepEqual(row.notes.map((n) => n.text), ['办理层级：乡镇/街道 → 县/区', '原因：本级无法解决']);
    assert.deepEqual(row.notes[0].attrs, { 'data-level-change': '' });
  });
});
