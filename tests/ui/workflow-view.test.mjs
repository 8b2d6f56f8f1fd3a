// views/workflow.js, mounted in the fake DOM: the step bar, only the moves it is
// given, the fields of 下一步, 退回… asking for a reason, and the timeline.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, domPerTest } from './dom-env.mjs';
import { mountWorkflow, statusBadge, REASON_MISSING } from '../../ui/js/views/workflow.js';

const IDS = {
  steps: 'x-steps', move: 'x-move', advance: 'x-advance', back: 'x-return', error: 'x-move-error',
  blocked: 'x-blocked', hint: 'x-hint', timeline: 'x-timeline',
};
const STEPS = [
  { value: 'open', label: '待认领', state: 'done', date: '2026-03-01' },
  { value: 'claimed', label: '已认领', state: 'current', date: '2026-03-05' },
  { value: 'in_progress', label: '实施中', state: 'todo', date: '' },
];
const FORWARD = {
  to: 'in_progress', label: '下一步：开始实施', back: false, needsReason: false, hint: '开始实施的日期记入时间线。',
  fields: [{ name: 'date', id: 'x-date', type: 'date', label: '日期', value: '2026-03-09' }],
};
const BACK = { to: 'open', label: '待认领', back: true, needsReason: true, fields: [] };

let root;
let timelineRoot;
let sent;
let answer;
function mount(state, extra = {}) {
  sent = [];
  answer = { ok: true };
  root = document.createElement('div');
  timelineRoot = document.createElement('section');
  document.body.append(root, timelineRoot);
  const wf = mountWorkflow(root, {
    ids: IDS, stepsLabel: '项目进度', moveLabel: '推进项目', doneText: '流程结束。',
    backDialog: { title: '退回项目', placeholder: '原因' },
    timelineRoot, timelineTitle: '时间线', timelineTitleId: 'x-timeline-title',
    onMove: async (move, values) => {
      sent.push({ to: move.to, ...values });
      return answer;
    },
    ...extra,
  });
  wf.update(state);
  return wf;
}

describe('workflow component', () => {
  domPerTest();

  test('draws the steps with ✓, the current one and their dates', () => {
    mount({ steps: STEPS, moves: [], timeline: [] });
    const items = all(root, `#${IDS.steps} li`);
    assert.deepEqual(items.map((li) => li.getAttribute('data-step')), ['open', 'claimed', 'in_progress']);
    assert.equal(textOf(items[0]), '✓待认领2026-03-01');
    const current = all(root, '[aria-current="step"]');
    assert.deepEqual(current.map((li) => li.getAttribute('data-step')), ['claimed']);
    assert.ok(items[2].classList.contains('is-todo'));
  });

  test('two moves at once: each sends the date typed beside it, and no id is taken twice', async () => {
    const refuse = {
      to: 'refused', label: '审核不通过', back: false, needsReason: true,
      fields: [
        { name: 'date', id: 'x-date', type: 'date', label: '日期', value: '2026-03-09' },
        { name: 'reason', id: 'x-reason', type: 'textarea', label: '原因' },
      ],
    };
    mount({ steps: STEPS, moves: [FORWARD, refuse], timeline: [] });
    const dates = all(root, 'input[name="date"]');
    assert.deepEqual(dates.map((d) => d.id), ['x-date', 'x-date-refused']);
    dates[0].value = '2026-03-07';
    dates[1].value = '2026-03-08';
    await dispatch(root.querySelector(`#${IDS.advance}`), 'click');
    await settle();
    assert.deepEqual(sent.at(-1), { to: 'in_progress', date: '2026-03-07' });
    root.querySelector('#x-reason').value = '材料不全';
    await dispatch(root.querySelector(`#${IDS.advance}-refused`), 'click');
    await settle();
    assert.deepEqual(sent.at(-1), { to: 'refused', date: '2026-03-08', reason: '材料不全' });
    // The move with a reason stands in its own group: its date, its box, then its button.
    const group = root.querySelector('.move-group[data-to="refused"]');
    assert.deepEqual([...group.querySelectorAll('input, textarea, button')].map((e) => e.id),
      ['x-date-refused', 'x-reason', `${IDS.advance}-refused`]);
    // Each move's problem under its own row or group (probe AF: 审核通过's date was
    // refused under 审核不通过, and read as that move's).
    answer = { ok: false, field: 'date', message: '日期不能早于上一步的日期。' };
    await dispatch(root.querySelector(`#${IDS.advance}`), 'click');
    await settle();
    const shared = root.querySelector(`#${IDS.error}`);
    assert.equal(textOf(shared), '日期不能早于上一步的日期。');
    assert.equal(group.contains(shared), false);
    const kids = [...root.querySelector(`#${IDS.move}`).children];
    assert.ok(kids.indexOf(shared) >= 0 && kids.indexOf(shared) < kids.indexOf(group), 'said before the 审核不通过 group');
    answer = { ok: false, field: 'reason', message: '请写明原因。' };
    await dispatch(root.querySelector(`#${IDS.advance}-refused`), 'click');
    await settle();
    assert.equal(textOf(group.querySelector(`#${IDS.error}-refused`)), '请写明原因。');
  });

  test('offers only the moves it is given', () => {
    const wf = mount({ steps: STEPS, moves: [], timeline: [] });
    assert.equal(root.querySelector(`#${IDS.advance}`), null);
    assert.equal(root.querySelector(`#${IDS.back}`), null);
    assert.equal(textOf(root.querySelector(`#${IDS.move} .ok-line`)), '流程结束。');

    wf.update({ steps: STEPS, moves: [FORWARD], timeline: [] });
    assert.equal(textOf(root.querySelector(`#${IDS.advance}`)), '下一步：开始实施');
    assert.equal(root.querySelector(`#${IDS.advance}`).getAttribute('data-to'), 'in_progress');
    assert.equal(root.querySelector(`#${IDS.back}`), null, 'no 退回… without a back move');
    assert.equal(textOf(root.querySelector(`#${IDS.hint}`)), '开始实施的日期记入时间线。');

    wf.update({ steps: STEPS, moves: [BACK], timeline: [] });
    assert.equal(root.querySelector(`#${IDS.advance}`), null, 'no 下一步 without a forward move');
    assert.equal(textOf(root.querySelector(`#${IDS.back}`)), '退回…');
  });

  test('下一步 sends the move with its fields; an answered error shows by the field', async () => {
    mount({ steps: STEPS, moves: [FORWARD, BACK], timeline: [] });
    const date = root.querySelector('#x-date');
    assert.equal(date.value, '2026-03-09');
    date.value = '2026-03-10';
    await dispatch(root.querySelector(`#${IDS.advance}`), 'click');
    assert.deepEqual(sent, [{ to: 'in_progress', date: '2026-03-10' }]);

    answer = { ok: false, field: 'date', message: '日期格式不对。' };
    await dispatch(root.querySelector(`#${IDS.advance}`), 'click');
    const error = root.querySelector(`#${IDS.error}`);
    assert.equal(error.hidden, false);
    assert.equal(textOf(error), '日期格式不对。');
    assert.equal(document.activeElement, date);
  });

  test('Enter in a field runs 下一步; a blocked move cannot run and says why', async () => {
    const wf = mount({ steps: STEPS, moves: [FORWARD], timeline: [] });
    await dispatch(root.querySelector('#x-date'), 'keydown', { key: 'Enter' });
    assert.equal(sent.length, 1);

    const extra = document.createElement('button');
    extra.textContent = '去添加部门';
    wf.update({ steps: STEPS, moves: [{ ...FORWARD, blocked: '请先添加认领单位。' }], timeline: [], blockedExtra: extra });
    const btn = root.querySelector(`#${IDS.advance}`);
    assert.equal(btn.disabled, true);
    assert.equal(textOf(root.querySelector(`#${IDS.blocked}`)), '请先添加认领单位。去添加部门');
    assert.equal(root.querySelector(`#${IDS.hint}`), null);
    await dispatch(root.querySelector('#x-date'), 'keydown', { key: 'Enter' });
    assert.equal(sent.length, 1);
  });

  test('退回… lists only the given earlier steps and will not send without a reason', async () => {
    mount({
      steps: STEPS, moves: [FORWARD, BACK, { to: 'draft', label: '草稿', back: true, needsReason: true }],
      timeline: [], backHint: '退回要写明原因。',
    });
    await dispatch(root.querySelector(`#${IDS.back}`), 'click');
    const dlg = document.querySelector('#return-dialog');
    assert.ok(dlg, 'the dialog opened');
    assert.equal(textOf(dlg.querySelector('#return-dialog-title')), '退回项目');
    assert.ok(textOf(dlg).includes('退回要写明原因。'));
    assert.deepEqual(all(dlg, '#return-to option').map((o) => [o.value, textOf(o)]), [['open', '待认领'], ['draft', '草稿']]);

    await dispatch(dlg.querySelector('#return-ok'), 'click');
    assert.deepEqual(sent, [], 'nothing sent without a reason');
    assert.equal(textOf(dlg.querySelector('#return-error')), REASON_MISSING);
    assert.equal(dlg.querySelector('#return-reason').getAttribute('aria-invalid'), 'true');

    dlg.querySelector('#return-reason').value = '认领单位撤回';
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    assert.deepEqual(sent, [{ to: 'open', date: '2026-03-09', reason: '认领单位撤回' }]);
    assert.equal(document.querySelector('#return-dialog'), null, 'closed after the move went through');
  });

  test('a back move that does not need a reason goes without one; a failed one keeps the dialog open', async () => {
    mount({ steps: STEPS, moves: [{ ...BACK, needsReason: false }], timeline: [] }, { backDate: () => '2026-04-01' });
    await dispatch(root.querySelector(`#${IDS.back}`), 'click');
    answer = { ok: false, field: 'reason', message: '服务器说不行。' };
    await dispatch(document.querySelector('#return-ok'), 'click');
    assert.deepEqual(sent, [{ to: 'open', date: '2026-04-01', reason: '' }]);
    assert.equal(textOf(document.querySelector('#return-error')), '服务器说不行。');
    answer = { ok: true };
    await dispatch(document.querySelector('#return-cancel'), 'click');
    assert.equal(document.querySelector('#return-dialog'), null);
  });

  test('the timeline shows dated steps, 退回 and their notes as text', async () => {
    mount({
      steps: STEPS, moves: [], timeline: [
        { date: '2026-03-01', text: '登记（待认领）', notes: [] },
        { date: '2026-03-05', text: '已认领 → 待认领', back: true, notes: [{ text: '原因：<b>撤回</b>', back: true }], recordedAt: '2026-03-05 10:00' },
      ],
    });
    const items = all(timelineRoot, `#${IDS.timeline} li`);
    assert.equal(items.length, 2);
    assert.equal(textOf(timelineRoot.querySelector('#x-timeline-title')), '时间线');
    assert.equal(items[1].getAttribute('data-event-index'), '1');
    assert.ok(items[1].classList.contains('is-back'));
    assert.equal(textOf(items[1]), '2026-03-05已认领 → 待认领退回原因：<b>撤回</b>记录于 2026-03-05 10:00');
    await settle();
  });

  test('改日期 on the latest step: offered only where marked, sends the day, shows a refusal in its dialog', async () => {
    const redated = [];
    let reply = { ok: false, field: 'date', message: '“已完成”的日期不能早于上一步的日期 2026-06-15。' };
    mount({
      steps: STEPS, moves: [],
      timeline: [
        { date: '2026-06-15', text: '已认领 → 实施中' },
        { date: '2026-07-15', text: '实施中 → 已完成', redatable: true },
      ],
    }, { onRedate: async (date) => { redated.push(date); return reply; } });
    const buttons = all(timelineRoot, '.timeline-redate');
    assert.equal(buttons.length, 1);
    assert.ok(all(timelineRoot, `#${IDS.timeline} li`)[1].contains(buttons[0]));
    await dispatch(buttons[0], 'click');
    const box = document.querySelector('#redate-date');
    assert.equal(box.value, '2026-07-15');
    assert.match(textOf(document.querySelector('#redate-dialog')), /不要用“退回”再重做一遍来改日期/);
    box.value = '2026-06-01';
    await dispatch(document.querySelector('#redate-ok'), 'click');
    await settle();
    assert.deepEqual(redated, ['2026-06-01']);
    assert.match(textOf(document.querySelector('#redate-error')), /不能早于上一步的日期/);
    reply = { ok: true };
    box.value = '2026-10-15';
    await dispatch(document.querySelector('#redate-ok'), 'click');
    await settle();
    assert.deepEqual(redated, ['2026-06-01', '2026-10-15']);
    assert.equal(document.querySelector('#redate-dialog'), null, 'closed once saved');
  });

  test('改日期 is not offered without onRedate', () => {
    mount({ steps: STEPS, moves: [], timeline: [{ date: '2026-07-15', text: '实施中 → 已完成', redatable: true }] });
    assert.equal(all(timelineRoot, '.timeline-redate').length, 0);
  });

  test('an empty timeline says so; destroy takes the component away', () => {
    const wf = mount({ steps: STEPS, moves: [], timeline: [] });
    assert.equal(textOf(timelineRoot.querySelector('p.hint')), '还没有记录。');
    wf.destroy();
    assert.equal(root.querySelector(`#${IDS.steps}`), null);
  });
});

describe('statusBadge()', () => {
  domPerTest();
  test('a project and a demand badge: the label as text, the status in data-status-badge, the colour class by prefix', () => {
    const p = statusBadge('claimed', '<b>已认领</b>');
    assert.equal(p.className, 'status-badge status-claimed');
    assert.equal(p.dataset.statusBadge, 'claimed');
    assert.equal(p.textContent, '<b>已认领</b>');
    assert.equal(statusBadge('assigned', '已交办', 'demand-status').className, 'status-badge demand-status-assigned');
  });
});
