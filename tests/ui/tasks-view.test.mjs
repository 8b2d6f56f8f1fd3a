// 月调度 (views/tasks.js) mounted in the fake DOM with a fake api answering TaskList
// shapes (tasks-fixtures.mjs): the month's list with its summary line and filter,
// another month, a task's report form (the previous report, the status preset, 完成日期
// only for 已完成, what is sent, the core's field errors, 删除本月进展, the history),
// and the 任务清单 tab (a new task, a task with reports that cannot be deleted).
import './catalog.mjs';
import { HISTORY, novemberList, octoberList } from './tasks-fixtures.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  dispatch, textOf, settle, fakeApi, domPerTest, newHost, viewCtx, all, submitFormWith,
} from './dom-env.mjs';
import { TABS, mountTasks } from '../../ui/js/views/tasks.js';

/** A fake api over the two months; `more` adds or replaces commands. */
function tasksApi(more = {}) {
  return fakeApi({
    listTasks: async (month) => (month === '2026-10' ? octoberList() : novemberList()),
    taskProgress: async (taskId) => (HISTORY[taskId] ?? []).map((p) => ({ ...p })),
    ...more,
  });
}

const rows = (host) => all(host, '#tasks-report-table tr[data-tasks-report-id]');
const rowIds = (host) => rows(host).map((r) => r.getAttribute('data-tasks-report-id'));
const row = (host, id) => host.querySelector(`#tasks-report-table tr[data-tasks-report-id="${id}"]`);
const cells = (r) => all(r, 'td').map(textOf);

async function choose(el, value) {
  el.value = value;
  await dispatch(el, 'change');
  await settle();
}

async function open(host, id) {
  await dispatch(row(host, id), 'click');
  await settle();
}

describe('月调度 view', () => {
  domPerTest();

  test('two tabs, 本月进展 first, with what the screen is for', async () => {
    assert.deepEqual(TABS.map((t) => [t.id, t.label]), [['progress', '本月进展'], ['list', '任务清单']]);
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(tasksApi(), []));
    await settle();
    assert.equal(textOf(host.querySelector('#tasks-title')), '月调度');
    assert.match(textOf(host.querySelector('#tasks-view .view-header .hint')), /每月对照上级任务清单报送每项任务的进展.*进展随本单位数据包上报/);
    assert.equal(host.querySelector('#tasks-tab-progress').getAttribute('aria-selected'), 'true');
    assert.equal(host.querySelector('#tasks-panel-list').hidden, true);
    assert.equal(host.querySelector('#tasks-list-table'), null, '任务清单 mounts only when chosen');
    dispose();
  });

  test('the month\'s tasks with the summary line, the month box and the cells', async () => {
    const api = tasksApi();
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, []));
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'listTasks'), ['listTasks', ''], 'the current month is asked with ""');
    assert.equal(textOf(host.querySelector('#tasks-summary')),
      '2026年11月：共 5 项任务，已完成 1 · 已报 2 · 未报 2 · 滞后 1 · 逾期 1');
    const month = host.querySelector('#tasks-month');
    assert.deepEqual(all(month, 'option').map(textOf), ['2026年11月', '2026年10月', '2026年9月', '2026年8月']);
    assert.equal(month.value, '2026-11');
    assert.deepEqual(all(host, '#tasks-filter option').map(textOf), ['全部', '未报', '已报', '滞后', '逾期', '已完成']);
    assert.deepEqual(all(host, '#tasks-report-table thead th').map(textOf), ['编号', '任务内容', '牵头单位', '完成时限', '本月', '进展情况']);
    assert.deepEqual(rowIds(host), ['t1', 't2', 't3', 't4', 't5']);
    assert.deepEqual(cells(row(host, 't1')).slice(0, 5),
      ['1', '推进“多网合一”，明确网格员职责清单并在各村公示', '区委社会工作部', '2026-12-31', '推进中']);
    assert.match(cells(row(host, 't1'))[5], /^已在12个村完成网格员职责清单公示.*…$/, 'the progress shortened');
    // 逾期 beside the deadline; the standing in the month as a badge.
    assert.equal(cells(row(host, 't2'))[3], '2026-10-31逾期');
    assert.ok(row(host, 't2').querySelector('[data-overdue]'));
    assert.ok(row(host, 't2').classList.contains('is-overdue'));
    assert.equal(cells(row(host, 't2'))[4], '未报');
    assert.equal(row(host, 't2').getAttribute('data-state'), 'missing');
    assert.deepEqual(cells(row(host, 't3')).slice(4), ['已完成', '已于 2026-09-20 完成']);
    assert.deepEqual(cells(row(host, 't4')).slice(3, 5), ['长期', '滞后']);
    // No 新增: every task has its month. The Excel buttons.
    assert.equal(host.querySelector('#tasks-report-new'), null);
    assert.equal(textOf(host.querySelector('#tasks-report-export')), '导出月度进展');
    assert.equal(host.querySelector('#tasks-report-import').getAttribute('data-import-kind'), 'task-progress');
    assert.equal(host.querySelector('#tasks-report-import-tasks').getAttribute('data-import-kind'), 'tasks');
    dispose();
  });

  test('the filter 未报 shows only the missing ones; another month is asked for', async () => {
    const api = tasksApi();
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, []));
    await settle();
    await choose(host.querySelector('#tasks-filter'), 'missing');
    assert.deepEqual(rowIds(host), ['t2', 't5']);
    assert.match(textOf(host.querySelector('#tasks-summary')), /（当前显示 2 项）$/);
    await choose(host.querySelector('#tasks-filter'), 'overdue');
    assert.deepEqual(rowIds(host), ['t2']);
    await choose(host.querySelector('#tasks-filter'), 'done');
    assert.deepEqual(rowIds(host), ['t3']);

    // Another month: the open report closes (it is the other month's), the list is that month's.
    await choose(host.querySelector('#tasks-filter'), '');
    await open(host, 't1');
    assert.ok(host.querySelector('#tasks-report-form'));
    await choose(host.querySelector('#tasks-month'), '2026-10');
    assert.deepEqual(api.calls.filter(([n]) => n === 'listTasks').at(-1), ['listTasks', '2026-10']);
    assert.equal(host.querySelector('#tasks-report-form'), null);
    assert.match(textOf(host.querySelector('#tasks-summary')), /^2026年10月：共 5 项任务/);
    assert.equal(host.querySelector('#tasks-month').value, '2026-10');
    await choose(host.querySelector('#tasks-filter'), 'missing');
    assert.deepEqual(rowIds(host), ['t4', 't5']);
    dispose();
  });

  test('from 首页\'s 本周提醒: a task opened by its id, or the month\'s unreported ones', async () => {
    let host = newHost();
    let dispose = mountTasks(host, viewCtx(tasksApi(), [], { route: { tab: 'progress', taskId: 't2' } }));
    await settle();
    assert.ok(row(host, 't2').classList.contains('is-selected'));
    assert.equal(textOf(host.querySelector('#tasks-report-task [data-fact="code"]')), '2');
    assert.equal(host.querySelector('#tasks-filter').value, '');
    dispose();

    host = newHost();
    dispose = mountTasks(host, viewCtx(tasksApi(), [], { route: { tab: 'progress', filter: 'missing' } }));
    await settle();
    assert.equal(host.querySelector('#tasks-filter').value, 'missing');
    assert.deepEqual(rowIds(host), ['t2', 't5']);
    assert.equal(host.querySelector('#tasks-report-form'), null);
    dispose();

    // A filter nobody knows is no filter.
    host = newHost();
    dispose = mountTasks(host, viewCtx(tasksApi(), [], { route: { filter: 'whatever' } }));
    await settle();
    assert.equal(host.querySelector('#tasks-filter').value, '');
    assert.equal(rowIds(host).length, 5);
    dispose();
  });

  test('another month while a report holds edits asks first; 不放弃 keeps the month and the edits', async () => {
    const api = tasksApi();
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, []));
    await settle();
    await open(host, 't1');
    host.querySelector('#tasks-report-progress').value = '新写的进展';
    const month = host.querySelector('#tasks-month');
    month.value = '2026-10';
    const asking = dispatch(month, 'change');
    await settle();
    assert.ok(document.querySelector('#confirm-dialog'), '放弃修改？ is asked');
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await asking;
    await settle();
    assert.equal(month.value, '2026-11');
    assert.equal(host.querySelector('#tasks-report-progress').value, '新写的进展');
    assert.equal(api.calls.some(([n, m]) => n === 'listTasks' && m === '2026-10'), false);
    dispose();
  });

  test('a task without the month\'s report: the previous one shown, its status preset, and what 保存 sends', async () => {
    const saved = [];
    const api = tasksApi({
      saveTaskProgress: async (input) => {
        saved.push(input);
        return { ...HISTORY.t2[0], id: 'p9', month: input.month, monthLabel: '2026年11月', ...input };
      },
    });
    const toasts = [];
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, toasts));
    await settle();
    await open(host, 't2');
    assert.ok(row(host, 't2').classList.contains('is-selected'));
    assert.equal(textOf(host.querySelector('#tasks-report-form-title')), '2026年11月进展');
    const facts = host.querySelector('#tasks-report-task');
    assert.equal(textOf(facts.querySelector('[data-fact="code"]')), '2');
    assert.equal(textOf(facts.querySelector('[data-fact="title"]')), '建设区级网格化服务管理中心');
    assert.equal(textOf(facts.querySelector('[data-fact="lead"]')), '区委政法委');
    assert.equal(textOf(facts.querySelector('[data-fact="deadline"]')), '2026-10-31逾期');
    assert.equal(textOf(host.querySelector('#tasks-report-previous')),
      '上次（2026年10月）：滞后；进展：选址未定；存在问题：场地协调难；下步打算：11月完成选址');
    // The status of the previous report; nothing else carried over.
    assert.equal(host.querySelector('#tasks-report-status').value, 'behind');
    assert.deepEqual(all(host, '#tasks-report-status option').map(textOf), ['请选择', '未启动', '推进中', '滞后', '已完成']);
    assert.equal(host.querySelector('#tasks-report-progress').value, '');
    // 完成日期 only for 已完成; no 删除本月进展 without a report.
    const doneRow = () => host.querySelector('#tasks-report-form [data-row="doneOn"]');
    assert.equal(doneRow().hidden, true);
    assert.equal(host.querySelector('#tasks-report-delete'), null);
    // The history under the form.
    assert.deepEqual(api.calls.find(([n]) => n === 'taskProgress'), ['taskProgress', 't2']);
    assert.deepEqual(all(host, '#tasks-history tbody tr').map((r) => cells(r)), [['2026年10月', '滞后', '选址未定']]);

    // 已完成 asks for its day before anything is sent.
    await choose(host.querySelector('#tasks-report-status'), 'done');
    assert.equal(doneRow().hidden, false);
    await submitFormWith(host, 'tasks-report', { progress: '中心已建成并投入使用' });
    assert.equal(saved.length, 0);
    const doneError = host.querySelector('[data-error-for="doneOn"]');
    assert.equal(doneError.hidden, false);
    assert.equal(textOf(doneError), '进展状态是“已完成”，请填写完成日期。');

    await submitFormWith(host, 'tasks-report', { doneOn: '2026-11-20', nextSteps: '做好运行保障' });
    assert.deepEqual(saved, [{
      taskId: 't2', month: '2026-11', status: 'done', progress: '中心已建成并投入使用', problems: '', nextSteps: '做好运行保障',
      doneOn: '2026-11-20', remark: '',
    }]);
    assert.ok(toasts.includes('已保存任务 2 2026年11月的进展'), toasts.join());
    assert.equal(api.calls.filter(([n]) => n === 'listTasks').length, 2, 'the list is loaded again');
    dispose();
  });

  test('a status other than 已完成 sends no 完成日期; a task done before is not preset 已完成', async () => {
    const saved = [];
    const api = tasksApi({ saveTaskProgress: async (input) => { saved.push(input); return { id: 'p9', ...input }; } });
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, []));
    await settle();
    await open(host, 't3');
    assert.equal(host.querySelector('#tasks-report-status').value, '');
    assert.match(textOf(host.querySelector('#tasks-report-done')), /已于 2026-09-20 完成，2026年11月不用再报进展/);
    await open(host, 't5');
    assert.equal(textOf(host.querySelector('#tasks-report-previous')), '以前没有报过进展。');
    await submitFormWith(host, 'tasks-report', { status: 'on_track', progress: '已制定培训计划', doneOn: '2026-11-02' });
    assert.equal(saved.length, 1);
    assert.equal(saved[0].doneOn, '');
    assert.equal(saved[0].taskId, 't5');
    dispose();
  });

  test('a field error from the core lands on its field', async () => {
    const api = tasksApi({
      saveTaskProgress: async () => {
        throw { kind: 'validation', field: 'progress', message: '进展情况最多 2000 字，请删减。' };
      },
    });
    const toasts = [];
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, toasts));
    await settle();
    await open(host, 't1');
    assert.equal(host.querySelector('#tasks-report-progress').value, HISTORY.t1[0].progress);
    await submitFormWith(host, 'tasks-report', { progress: '很长的进展' });
    const slot = host.querySelector('[data-error-for="progress"]');
    assert.equal(slot.hidden, false);
    assert.equal(textOf(slot), '进展情况最多 2000 字，请删减。');
    assert.equal(host.querySelector('#tasks-report-progress').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(toasts, [], 'said on the field, not in the alert');
    dispose();
  });

  test('删除本月进展 deletes the month\'s report into the recycle bin after asking', async () => {
    const api = tasksApi({ deleteTaskProgress: async (id) => ({ id: `bin-${id}` }) });
    const toasts = [];
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, toasts));
    await settle();
    await open(host, 't1');
    const del = host.querySelector('#tasks-report-delete');
    assert.equal(textOf(del), '删除本月进展');
    const asking = dispatch(del, 'click');
    await settle();
    assert.match(textOf(document.querySelector('#confirm-message')), /确定删除任务 1 2026年11月的进展吗？删除后可在回收站恢复。/);
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await asking;
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'deleteTaskProgress'), ['deleteTaskProgress', 'p1']);
    assert.ok(toasts.includes('已删除任务 1 2026年11月的进展，可在回收站恢复'), toasts.join());
    assert.equal(host.querySelector('#tasks-report-form'), null);
    dispose();
  });

  test('任务清单: the tasks, a new one saved, one with reports cannot be deleted', async () => {
    const created = [];
    const api = tasksApi({
      createTask: async (input) => {
        created.push(input);
        return { id: 't9', ...input, deadlineText: input.deadline, reports: 0 };
      },
    });
    const toasts = [];
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, toasts, { route: { tab: 'list' } }));
    await settle();
    assert.equal(host.querySelector('#tasks-tab-list').getAttribute('aria-selected'), 'true');
    const listRows = () => all(host, '#tasks-list-table tr[data-tasks-list-id]');
    assert.deepEqual(all(host, '#tasks-list-table thead th').map(textOf), ['编号', '任务内容', '类别', '牵头单位', '完成时限', '已报月数']);
    assert.equal(listRows().length, 5);
    assert.deepEqual(cells(listRows()[0]), ['1', '推进“多网合一”，明确网格员职责清单并在各村公示', '党建引领', '区委社会工作部', '2026-12-31', '2 个月']);
    assert.equal(textOf(host.querySelector('#tasks-list-count')), '共 5 项任务');
    assert.equal(textOf(host.querySelector('#tasks-list-export')), '导出任务清单');
    assert.equal(host.querySelector('#tasks-list-import').getAttribute('data-import-kind'), 'tasks');

    await dispatch(host.querySelector('#tasks-list-new'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#tasks-list-form [data-row="deadline"] .hint')), /长期任务填“长期”或留空/);
    // The three needed fields said at once.
    await submitFormWith(host, 'tasks-list', { code: '', title: '', lead: '' });
    assert.equal(created.length, 0);
    assert.equal(textOf(host.querySelector('#tasks-list-form [data-error-for="lead"]')), '请填写牵头单位。');
    await submitFormWith(host, 'tasks-list', {
      code: '12', title: '网格员持证上岗', category: '队伍建设', lead: '区委社会工作部', deadline: '2026年12月底',
    });
    assert.deepEqual(created, [{
      code: '12', title: '网格员持证上岗', category: '队伍建设', lead: '区委社会工作部', deadline: '2026年12月底', remark: '',
    }]);
    assert.ok(toasts.includes('已新增任务 12'), toasts.join());

    // A task with reports: said under 删除, nothing asked or sent.
    await dispatch(host.querySelector('#tasks-list-table tr[data-tasks-list-id="t1"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#tasks-list-deadline').value, '2026-12-31');
    await dispatch(host.querySelector('#tasks-list-delete'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#tasks-list-delete-error')), /已有 2 个月的进展，不能删除/);
    assert.equal(document.querySelector('#confirm-dialog[open]'), null);
    assert.equal(api.calls.some(([n]) => n === 'deleteTask'), false);
    dispose();
  });

  test('no tasks yet: the month says so and the list says where they come from', async () => {
    const api = tasksApi({
      listTasks: async () => ({
        month: '2026-11', monthLabel: '2026年11月', months: ['2026-11'], tasks: [],
        summary: { total: 0, done: 0, reported: 0, missing: 0, behind: 0, overdue: 0 },
      }),
    });
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, []));
    await settle();
    assert.equal(textOf(host.querySelector('#tasks-summary')), '2026年11月：还没有任务。');
    assert.match(textOf(host.querySelector('#tasks-report-empty')), /导入市级任务清单/);
    dispose();
  });
});
