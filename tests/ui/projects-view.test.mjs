// views/cobuild-projects/, mounted in the fake DOM with a fake api: the list, a
// project's detail with its step bar, the moves the payload carries (and no other),
// a move sending move_project, 退回… needing a reason, and what the clerk sees after.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, clickAndConfirm, act } from './dom-env.mjs';
import { mountProjects } from '../../ui/js/views/cobuild-projects/index.js';
import { projectMoves, NO_CLAIM, NO_EVIDENCE_HINT } from './moves-fixtures.mjs';

const PROJECT = {
  id: 7, title: '楼道照明改造', villageId: 'v1', villageName: '青溪社区', category: '基础设施', status: 'claimed',
  claims: [{ partnerUnitId: 3, name: '阳光物业', claimedOn: '2026-03-05' }], attachments: [],
  events: [
    { from: null, to: 'open', date: '2026-03-01', recordedAt: '2026-03-01T02:00:00Z' },
    { from: 'open', to: 'claimed', date: '2026-03-05', recordedAt: '2026-03-05T02:00:00Z' },
  ],
  createdAt: '2026-03-01T02:00:00Z', plannedStart: '2026-03-01', plannedEnd: '', note: '',
};
PROJECT.moves = projectMoves(PROJECT);
/** A project as the core sends it: with the moves it allows. */
const payload = (p) => ({ ...p, moves: projectMoves(p) });

function shared() {
  return {
    options: async () => ({}),
    villages: async () => [{ id: 'v1', label: '青溪社区' }],
    partners: async () => [{ id: 3, name: '阳光物业' }, { id: 4, name: '青溪小学' }],
  };
}

let host;
let toasts;
function mount(api) {
  toasts = [];
  host = newHost();
  return mountProjects(host, {
    ...viewCtx(api, toasts), shared: shared(),
  });
}

describe('共建 › 项目 view', () => {
  domPerTest();

  test('lists the projects with their status, and opens one with the step bar and moves', async () => {
    let project = { ...PROJECT };
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      moveProject: async (id, args) => {
        project = payload({
          ...project, status: args.to,
          events: [...project.events, { from: project.status, to: args.to, date: args.date, reason: args.reason }],
        });
        return project;
      },
    });
    const view = mount(api);
    await settle();
    const row = host.querySelector('#projects-table tr[data-project-id="7"]');
    assert.ok(row, 'the project is listed');
    assert.ok(textOf(row).includes('楼道照明改造'));
    assert.ok(textOf(row).includes('已认领'));
    assert.equal(textOf(host.querySelector('#projects-summary')).length > 0, true);

    await dispatch(row, 'click');
    await settle();
    assert.equal(host.querySelector('#project-detail').hidden, false);
    assert.equal(host.querySelector('#project-list-pane').hidden, true);
    assert.equal(textOf(host.querySelector('#project-detail-title')), '楼道照明改造');
    assert.equal(host.querySelector('#project-steps [aria-current="step"]').getAttribute('data-step'), 'claimed');
    assert.ok(host.querySelector('#project-claims [data-claim-remove]'), 'a claim is withdrawn while the project is not finished');
    // The last claim of a 已认领 project: withdrawing it sends the project back, on the day asked.
    assert.equal(all(host, '#project-claims [data-claim-remove]').length, 1);
    {
      const clicked = dispatch(host.querySelector('#project-claims [data-claim-remove]'), 'click');
      await settle();
      const prompt = document.querySelector('#prompt-input');
      assert.ok(prompt, 'the last claim asks the day of the withdrawal');
      assert.ok(textOf(document.querySelector('#prompt-message')).includes('回到“待认领”'));
      prompt.value = ' 2026-09-15 ';
      await dispatch(document.querySelector('#prompt-ok'), 'click');
      await clicked;
      await settle();
      const call = api.calls.find(([n]) => n === 'unclaimProject');
      assert.equal(call?.[3], '2026-09-15');
    }
    assert.equal(textOf(host.querySelector('#project-advance')), '开始实施');
    assert.equal(textOf(host.querySelector('#move-hint')), '开始实施的日期记入时间线，也是实际开始日期。');
    assert.equal(all(host, '#project-timeline li').length, 2);
    assert.ok(host.querySelector('#project-claims [data-claim-unit-id="3"]'));

    host.querySelector('#move-date').value = '2026-03-09';
    await dispatch(host.querySelector('#project-advance'), 'click');
    await settle();
    const moves = api.calls.filter(([n]) => n === 'moveProject');
    assert.deepEqual(moves, [['moveProject', 7, { to: 'in_progress', date: '2026-03-09', reason: '', score: null, evaluation: '' }]]);
    assert.equal(host.querySelector('#project-steps [aria-current="step"]').getAttribute('data-step'), 'in_progress');
    assert.ok(toasts.some((t) => t.includes('已改为“实施中”')));
    assert.equal(all(host, '#project-timeline li').length, 3);

    // 退回… without a reason sends nothing; with one it goes back.
    await dispatch(host.querySelector('#project-return'), 'click');
    const dlg = document.querySelector('#return-dialog');
    assert.deepEqual(all(dlg, '#return-to option').map((o) => o.value), ['claimed', 'open']);
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    assert.equal(api.calls.filter(([n]) => n === 'moveProject').length, 1);
    assert.equal(textOf(dlg.querySelector('#return-error')), '退回到之前的状态，请写明原因。');
    dlg.querySelector('#return-reason').value = '认领单位撤回';
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    await settle();
    const last = api.calls.filter(([n]) => n === 'moveProject').at(-1);
    assert.equal(last[2].to, 'claimed');
    assert.equal(last[2].reason, '认领单位撤回');
    assert.equal(document.querySelector('#return-dialog'), null);
    assert.ok(textOf(host.querySelector('#project-timeline')).includes('原因：认领单位撤回'));

    // Esc in the form undoes an edit and stays; Esc elsewhere in the detail goes back to the list.
    host.querySelector('#project-title').value = '改了一半';
    await dispatch(host.querySelector('#project-title'), 'keydown', { key: 'Escape' });
    await settle();
    assert.equal(host.querySelector('#project-detail').hidden, false);
    assert.equal(host.querySelector('#project-title').value, '楼道照明改造');
    await dispatch(host.querySelector('#project-steps'), 'keydown', { key: 'Escape' });
    await settle();
    assert.equal(host.querySelector('#project-detail').hidden, true);
    assert.equal(host.querySelector('#project-list-pane').hidden, false);

    view.dispose();
  });

  test('a project behind its plan (the core\'s overdue) is marked 已逾期 in the table, on the board and in its detail', async () => {
    const late = payload({ ...PROJECT, id: 8, title: '助餐点', plannedEnd: '2026-10-31', overdue: true });
    const api = fakeApi({ listProjects: async () => [PROJECT, late], getProject: async (id) => (String(id) === '8' ? late : PROJECT) });
    mount(api);
    await settle();
    const row = (id) => host.querySelector(`#projects-table tr[data-project-id="${id}"]`);
    assert.equal(row(8).hasAttribute('data-overdue'), true);
    assert.ok(row(8).classList.contains('is-overdue'));
    assert.equal(textOf(row(8).querySelector('[data-overdue-badge]')), '已逾期');
    assert.match(row(8).getAttribute('aria-label'), /已认领，已逾期，/);
    assert.equal(row(7).hasAttribute('data-overdue'), false);
    assert.equal(row(7).querySelector('[data-overdue-badge]'), null);
    await dispatch(host.querySelector('#project-view-board'), 'click');
    await settle();
    const card = (id) => host.querySelector(`#project-board [data-project-id="${id}"]`);
    assert.equal(textOf(card(8).querySelector('[data-overdue-badge]')), '已逾期');
    assert.equal(card(7).querySelector('[data-overdue-badge]'), null);
    await dispatch(host.querySelector('#project-view-list'), 'click');
    await settle();
    await dispatch(row(8), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#project-overdue')), '已逾期');
  });

  test('改日期 on the latest step sends redate_project_step and draws the answer', async () => {
    let project = payload({ ...PROJECT, lastStepRedatable: true });
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      redateProjectStep: async (id, date) => {
        project = payload({ ...project, events: [project.events[0], { ...project.events[1], date }] });
        return project;
      },
    });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-project-id="7"]'), 'click');
    await settle();
    const items = all(host, '#project-timeline li');
    assert.ok(items.at(-1).querySelector('#timeline-redate'), 'on the latest step');
    await dispatch(host.querySelector('#timeline-redate'), 'click');
    document.querySelector('#redate-date').value = '2026-03-06';
    await dispatch(document.querySelector('#redate-ok'), 'click');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'redateProjectStep'), [['redateProjectStep', 7, '2026-03-06', 1]]);
    assert.ok(toasts.some((t) => t.includes('这一步的日期已改为 2026-03-06')), toasts.join());
    assert.match(textOf(host.querySelector('#project-timeline')), /2026-03-06/);
    view.dispose();
  });

  test('改日期 on an earlier step the core lists sends its index (probe Y: an evaluated project\'s 完成日期)', async () => {
    const events = [...PROJECT.events, { ...PROJECT.events.at(-1), date: '2026-03-09', from: PROJECT.events.at(-1).to, to: 'done' }];
    const project = payload({ ...PROJECT, events, redatableSteps: [1, 2] });
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      redateProjectStep: async () => project,
    });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-project-id="7"]'), 'click');
    await settle();
    const items = all(host, '#project-timeline li');
    assert.deepEqual(items.map((li) => !!li.querySelector('[data-redate-index]')), [false, true, true], 'not the 登记');
    await dispatch(items[1].querySelector('[data-redate-index="1"]'), 'click');
    document.querySelector('#redate-date').value = '2026-03-04';
    await dispatch(document.querySelector('#redate-ok'), 'click');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'redateProjectStep'), [['redateProjectStep', 7, '2026-03-04', 1]]);
    view.dispose();
  });

  test('a project waiting for a unit cannot move on and says why', async () => {
    const open = payload({ ...PROJECT, status: 'open', claims: [], events: PROJECT.events.slice(0, 1) });
    const api = fakeApi({ listProjects: async () => [open], getProject: async () => open });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-project-id="7"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#project-advance').disabled, true);
    assert.equal(textOf(host.querySelector('#move-blocked')), NO_CLAIM);
    assert.equal(host.querySelector('#project-advance').getAttribute('aria-describedby'), 'move-blocked');
    assert.equal(host.querySelector('#project-return'), null, 'nothing to go back to');
    for (const id of ['claim-unit', 'claim-date', 'claim-add']) assert.ok(host.querySelector(`#${id}`), id);
    assert.equal(textOf(host.querySelector('#claim-add')), '认领');
    view.dispose();
  });

  test('the detail offers exactly the moves of the payload, and sends the chosen one', async () => {
    // Moves the UI could not have worked out itself: it must take them as given.
    const odd = {
      ...PROJECT, status: 'in_progress',
      moves: [
        {
          to: 'completed', toLabel: '已完成', label: '标记为已完成', back: false, needsReason: false, fields: [],
          action: 'move', blocked: '验收单还没有上传。', hint: '',
        },
        {
          to: 'open', toLabel: '待认领', label: '退回到“待认领”', back: true, needsReason: true, fields: [],
          action: 'move', blocked: null, hint: '',
        },
      ],
    };
    let project = odd;
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      moveProject: async (id, args) => {
        project = payload({ ...project, status: args.to, events: [...project.events, { from: project.status, to: args.to, date: args.date, reason: args.reason }] });
        return project;
      },
    });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-project-id="7"]'), 'click');
    await settle();
    const buttons = all(host, '#project-move button').map((b) => [b.id, textOf(b), b.getAttribute('data-to'), !!b.disabled]);
    assert.deepEqual(buttons, [['project-advance', '标记为已完成', 'completed', true], ['project-return', '退回…', null, false]]);
    assert.equal(textOf(host.querySelector('#move-blocked')), '验收单还没有上传。');
    assert.equal(host.querySelector('#move-hint'), null, 'a blocked move shows why, not its hint');

    // 退回… offers the payload's back moves only, and needs a reason.
    await dispatch(host.querySelector('#project-return'), 'click');
    const dlg = document.querySelector('#return-dialog');
    assert.deepEqual(all(dlg, '#return-to option').map((o) => [o.value, textOf(o)]), [['open', '待认领']]);
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    assert.equal(api.calls.filter(([n]) => n === 'moveProject').length, 0);
    assert.equal(textOf(dlg.querySelector('#return-error')), '退回到之前的状态，请写明原因。');
    dlg.querySelector('#return-reason').value = '认领单位撤回';
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    await settle();
    const [call] = api.calls.filter(([n]) => n === 'moveProject');
    assert.equal(call[1], 7);
    assert.equal(call[2].to, 'open');
    assert.equal(call[2].reason, '认领单位撤回');
    assert.match(call[2].date, /^\d{4}-\d{2}-\d{2}$/, 'a 退回 is dated today when no date box is shown');
    assert.equal(host.querySelector('#project-steps [aria-current="step"]').getAttribute('data-step'), 'open');
    view.dispose();
  });

  test('评价: the score is a select, required, and goes to move_project as a number', async () => {
    let project = payload({ ...PROJECT, status: 'completed' });
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      moveProject: async (id, args) => {
        project = payload({ ...project, status: args.to, score: args.score, evaluation: args.evaluation });
        return project;
      },
    });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-project-id="7"]'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#project-advance')), '评价');
    assert.equal(host.querySelector('#move-score').tagName.toLowerCase(), 'select');
    await dispatch(host.querySelector('#project-advance'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'moveProject').length, 0);
    assert.equal(textOf(host.querySelector('#move-error')), '请选择评分（1–5 分）。');
    host.querySelector('#move-date').value = '2026-04-02';
    host.querySelector('#move-score').value = '4';
    host.querySelector('#move-evaluation').value = '居民满意';
    await dispatch(host.querySelector('#project-advance'), 'click');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'moveProject'),
      [['moveProject', 7, { to: 'evaluated', date: '2026-04-02', reason: '', score: 4, evaluation: '居民满意' }]]);
    assert.equal(host.querySelector('#project-advance'), null, 'nothing forward after 已评价');
    assert.ok(textOf(host.querySelector('#project-move')).includes('项目已评价，流程结束。'));
    view.dispose();
  });

  test('保存 sends the edited project and draws what came back; a field the core refuses is shown beside it; 删除 goes through the recycle bin', async () => {
    let project = { ...PROJECT };
    let refuse = true;
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      updateProject: async (id, input) => {
        if (refuse) throw { kind: 'validation', field: 'title', message: '标题已被另一个项目使用' };
        project = payload({ ...project, ...input });
        return project;
      },
      deleteProject: async () => ({ id: 'bin-1' }),
    });
    const view = mount(api);
    await settle();
    await act(host.querySelector('#projects-table tr[data-project-id="7"]'));
    host.querySelector('#project-title').value = '楼道照明改造（二期）';
    await act(host.querySelector('#project-form'), 'submit');
    const err = host.querySelector('#project-title-error');
    assert.equal(err.hidden, false);
    assert.equal(textOf(err), '标题已被另一个项目使用');
    assert.equal(toasts.length, 0);

    refuse = false;
    await act(host.querySelector('#project-form'), 'submit');
    const updates = api.calls.filter(([n]) => n === 'updateProject');
    assert.equal(updates.length, 2);
    assert.equal(updates[1][1], 7);
    assert.equal(updates[1][2].title, '楼道照明改造（二期）');
    assert.ok(toasts.includes('已保存'), toasts.join('|'));
    assert.equal(textOf(host.querySelector('#project-detail-title')), '楼道照明改造（二期）');
    assert.equal(host.querySelector('#project-title-error').hidden, true);

    await clickAndConfirm(host.querySelector('#project-delete'), (dlg) => {
      assert.ok(textOf(dlg.querySelector('#confirm-message')).includes('“楼道照明改造（二期）”'));
    });
    assert.deepEqual(api.calls.find(([n]) => n === 'deleteProject'), ['deleteProject', 7]);
    assert.ok(toasts.includes('已删除“楼道照明改造（二期）”，可在回收站恢复'), toasts.join('|'));
    assert.equal(host.querySelector('#project-detail').hidden, true);
    view.dispose();
  });

  test('新建项目 opens an empty form; a missing title is shown beside the field and nothing is sent', async () => {
    const api = fakeApi({ listProjects: async () => [] });
    const view = mount(api);
    await settle();
    assert.ok(textOf(host.querySelector('#projects-empty')).includes('还没有共建项目'));
    await dispatch(host.querySelector('#project-new'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#project-detail-title')), '新建共建项目');
    await dispatch(host.querySelector('#project-form'), 'submit');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'createProject').length, 0);
    const err = host.querySelector('#project-title-error');
    assert.equal(err.hidden, false);
    assert.ok(textOf(err).length > 0);
    await dispatch(host.querySelector('#project-cancel'), 'click');
    assert.equal(host.querySelector('#project-detail').hidden, true);
    view.dispose();
  });
  test('what the end-to-end tests select and the clerk reads is there', async () => {
    const done = payload({
      ...PROJECT, status: 'completed',
      attachments: [{ hash: 'abc', name: '验收单.pdf', size: 2048, addedAt: '2026-04-01T02:00:00Z', missing: true }],
    });
    const api = fakeApi({ listProjects: async () => [done], getProject: async () => done, listAttachments: async () => done.attachments });
    const view = mount(api);
    await settle();
    const ids = (list) => list.filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(ids(['project-new', 'project-view-list', 'project-view-board', 'project-filter-village',
      'project-filter-partner', 'project-filter-status', 'project-period', 'project-search', 'projects-table',
      'project-board', 'project-detail', 'projects-export', 'projects-import', 'projects-template']), []);
    assert.equal(textOf(host.querySelector('#project-view-list')), '列表');
    assert.equal(textOf(host.querySelector('#project-view-board')), '看板');
    assert.equal(textOf(host.querySelector('#project-new')), '新建项目');

    await dispatch(host.querySelector('#project-view-board'), 'click');
    assert.equal(host.querySelector('#project-board').hidden, false);
    assert.ok(host.querySelector('#project-board [data-board-status="completed"] [data-project-id="7"]'));

    await dispatch(host.querySelector('#project-board [data-project-id="7"]'), 'click');
    await settle();
    assert.deepEqual(ids(['project-back', 'project-form', 'project-title', 'project-villageId', 'project-category',
      'project-note', 'project-save', 'project-cancel', 'project-steps', 'project-advance', 'project-return', 'move-date',
      'move-score', 'move-evaluation', 'move-error', 'project-claims',
      'project-timeline', 'project-evidence-list', 'project-evidence-paths', 'project-evidence-pick', 'project-evidence-add',
      'project-delete']), []);
    assert.equal(all(host, '#project-steps [data-step]').length, 5);
    assert.equal(all(host, '#project-timeline [data-event-index]').length, 2);
    assert.ok(host.querySelector('[data-claim-unit-id="3"]'));
    assert.equal(host.querySelector('[data-claim-remove="3"]'), null, 'a finished project’s claims are not withdrawn');
    // 佐证材料 is the 附件 section every kind shows, for this project.
    assert.deepEqual(api.calls.findLast(([n]) => n === 'listAttachments').slice(1), ['projects', 7]);
    const file = host.querySelector('#project-evidence-list [data-evidence-hash="abc"]');
    assert.ok(file.querySelector('[data-evidence-open="abc"]').disabled, 'a lost file cannot be opened');
    assert.ok(file.querySelector('[data-evidence-remove="abc"]'));
    assert.ok(file.querySelector('[data-evidence-preview="abc"]').disabled, 'a lost PDF has a 预览 that cannot be used');
    assert.equal(textOf(file.querySelector('[data-missing]')), '文件已丢失');
    const seen = textOf(host);
    for (const t of ['认领单位', '退回…', '时间线', '添加文件…', '打开', '佐证材料（1）', '评价']) assert.ok(seen.includes(t), t);

    await dispatch(host.querySelector('#project-return'), 'click');
    assert.deepEqual(['return-to', 'return-reason', 'return-ok', 'return-cancel'].filter((id) => !document.querySelector(`#${id}`)), []);
    await dispatch(document.querySelector('#return-cancel'), 'click');
    view.dispose();
  });

  test('each step shows its facts at once; 已完成 without evidence asks why; the 登记 date and an early claim', async () => {
    // Issue 14: 实际开始/实际完成 showed "—" until the project was opened again.
    let project = payload({
      ...PROJECT, registeredOn: '2026-03-01',
      claims: [{ partnerUnitId: 3, name: '阳光物业', claimedOn: '2026-02-20', beforeRegistration: true }],
    });
    const api = fakeApi({
      listProjects: async () => [project],
      getProject: async () => project,
      moveProject: async (id, args) => {
        const facts = args.to === 'in_progress' ? { actualStart: args.date } : { actualEnd: args.date };
        project = payload({
          ...project, ...facts, status: args.to,
          events: [...project.events, { from: project.status, to: args.to, date: args.date, reason: args.reason }],
        });
        return project;
      },
    });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('#projects-table tr[data-project-id="7"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#project-registeredOn').value, '2026-03-01');
    assert.ok(textOf(host.querySelector('#project-registered')).includes('登记于 2026-03-01'));
    assert.equal(textOf(host.querySelector('[data-claim-early="3"]')), '早于登记日期，请核对');
    assert.equal(textOf(host.querySelector('#project-facts [data-fact="actualStart"]')), '—');

    host.querySelector('#move-date').value = '2026-03-09';
    await dispatch(host.querySelector('#project-advance'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#project-facts [data-fact="actualStart"]')), '2026-03-09');

    // No evidence yet: the core asks for a reason with 标记为已完成, and the UI asks for it.
    assert.equal(textOf(host.querySelector('#project-advance')), '标记为已完成');
    assert.equal(textOf(host.querySelector('#move-hint')), NO_EVIDENCE_HINT);
    host.querySelector('#move-date').value = '2026-04-01';
    await dispatch(host.querySelector('#project-advance'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n, , a]) => n === 'moveProject' && a.to === 'completed').length, 0);
    assert.equal(textOf(host.querySelector('#move-error')), '请写明原因。');
    host.querySelector('#move-reason').value = '佐证材料为纸质验收单，存档于社区';
    await dispatch(host.querySelector('#project-advance'), 'click');
    await settle();
    const sent = api.calls.filter(([n]) => n === 'moveProject').at(-1);
    assert.equal(sent[2].to, 'completed');
    assert.equal(sent[2].reason, '佐证材料为纸质验收单，存档于社区');
    assert.equal(textOf(host.querySelector('#project-facts [data-fact="actualEnd"]')), '2026-04-01');
    view.dispose();
  });
});
