// 月调度 › 下级进展 (views/tasks/below.js) mounted in the fake DOM with a fake api
// answering TasksBelow (tasks-fixtures.mjs): the tab at a county (first, and shown
// first) and not at a township, the month's tasks with the line and the offices whose
// file says nothing of the month, the filter, a task's cells office by office with
// the offices whose list lacks it, another month, and no files yet.
import './catalog.mjs';
import {
  belowNone, belowNovember, belowOctober, novemberList,
} from './tasks-fixtures.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  dispatch, textOf, settle, fakeApi, domPerTest, newHost, viewCtx, all, key,
} from './dom-env.mjs';
import { mountTasks, tasksTabs } from '../../ui/js/views/tasks.js';

/** A fake api over the two months; `more` adds or replaces commands. */
function belowApi(more = {}) {
  return fakeApi({
    listTasksBelow: async (month) => (month === '2026-10' ? belowOctober() : belowNovember()),
    listTasks: async () => novemberList(),
    ...more,
  });
}

const county = (api, extra = {}) => viewCtx(api, [], { office: { level: 'county', name: '江宁区' }, ...extra });
const codes = (host) => all(host, '#tasks-below-table tr[data-task-code]').map((r) => r.getAttribute('data-task-code'));
const row = (host, code) => host.querySelector(`#tasks-below-table tr[data-task-code="${code}"]`);
const cells = (r) => all(r, 'td').map(textOf);

async function choose(el, value) {
  el.value = value;
  await dispatch(el, 'change');
  await settle();
}

describe('月调度 › 下级进展 view', () => {
  domPerTest();

  test('at a county or city 下级进展 is the first tab and the one shown; a township has none', async () => {
    assert.deepEqual(tasksTabs('county').map((t) => t.label), ['下级进展', '本月进展', '任务清单']);
    assert.deepEqual(tasksTabs('city').map((t) => t.id), ['below', 'progress', 'list']);
    assert.deepEqual(tasksTabs('township').map((t) => t.id), ['progress', 'list']);
    assert.deepEqual(tasksTabs(undefined).map((t) => t.id), ['progress', 'list']);

    const api = belowApi();
    const host = newHost();
    const dispose = mountTasks(host, county(api));
    await settle();
    assert.deepEqual(all(host, '#tasks-view [role="tab"]').map(textOf), ['下级进展', '本月进展', '任务清单']);
    assert.equal(host.querySelector('#tasks-tab-below').getAttribute('aria-selected'), 'true');
    assert.equal(host.querySelector('#tasks-panel-below').hidden, false);
    assert.equal(host.querySelector('#tasks-panel-progress').hidden, true);
    assert.deepEqual(api.calls.map(([n, ...a]) => [n, ...a]), [['listTasksBelow', '']], 'only 下级进展 loads, the current month asked with ""');
    // The county's own 本月进展 stays a tab.
    await dispatch(host.querySelector('#tasks-tab-progress'), 'click');
    await settle();
    assert.ok(host.querySelector('#tasks-report-table'));
    dispose();

    const api2 = belowApi();
    const host2 = newHost();
    const dispose2 = mountTasks(host2, viewCtx(api2, [], { office: { level: 'township', name: '青溪街道' } }));
    await settle();
    assert.equal(host2.querySelector('#tasks-tab-below'), null);
    assert.equal(host2.querySelector('#tasks-tab-progress').getAttribute('aria-selected'), 'true');
    assert.equal(api2.calls.some(([n]) => n === 'listTasksBelow'), false);
    dispose2();
  });

  test('the month\'s tasks with the line, the offices whose file says nothing of it, and the counts', async () => {
    const host = newHost();
    const dispose = mountTasks(host, county(belowApi()));
    await settle();
    assert.match(textOf(host.querySelector('#tasks-panel-below .hint')), /^下级单位报送的月调度进展：每项任务各单位本月的状态。.*文件早于该月/);
    const month = host.querySelector('#tasks-below-month');
    assert.deepEqual(all(month, 'option').map(textOf), ['2026年11月', '2026年10月', '2026年9月']);
    assert.equal(month.value, '2026-11');
    assert.equal(textOf(host.querySelector('#tasks-below-summary')),
      '2026年11月：3 项任务 × 4 个单位，已完成 1 · 已报 3 · 未报 2 · 滞后 2 · 逾期 2 · 文件早于该月 2');
    const note = host.querySelector('#tasks-below-offices-note');
    assert.equal(note.hidden, false);
    assert.equal(textOf(note), '秣陵街道的文件（2026-10-28 导出）早于该月；汤山街道的文件里没有月调度任务清单。');
    assert.deepEqual(all(host, '#tasks-below-filter option').map(textOf), ['全部', '有未报的', '有滞后的', '有逾期的']);
    assert.deepEqual(all(host, '#tasks-below-table thead th').map(textOf),
      ['编号', '任务内容', '牵头单位', '完成时限', '已完成', '已报', '未报', '滞后', '逾期']);
    assert.deepEqual(codes(host), ['1', '2', '10']);
    assert.deepEqual(cells(row(host, '1')),
      ['1', '推进“多网合一”，明确网格员职责清单并在各村公示', '区委社会工作部', '2026-12-31', '1', '1', '0', '0', '0']);
    assert.deepEqual(cells(row(host, '2')).slice(3), ['2026-10-31', '0', '1', '1', '1', '2']);
    assert.deepEqual(cells(row(host, '10')).slice(3), ['长期', '0', '1', '1', '1', '0']);
    // 未报 in red where some office has not reported.
    const missingCell = (code) => row(host, code).querySelector('[data-count="missing"]');
    assert.ok(missingCell('2').classList.contains('count-bad'));
    assert.equal(missingCell('1').classList.contains('count-bad'), false);
    assert.ok(row(host, '2').classList.contains('is-overdue'));
    // Read-only: no form; one button, the month's 导出Excel; no task chosen yet.
    assert.equal(host.querySelector('#tasks-panel-below form'), null);
    assert.deepEqual(all(host, '#tasks-panel-below button').map((b) => b.getAttribute('id')), ['tasks-below-export']);
    assert.equal(host.querySelector('#tasks-below-offices'), null);
    assert.match(textOf(host.querySelector('#tasks-below-detail')), /选择一项任务/);
    // 导出Excel says what a row is and offers the month in the file's name.
    await dispatch(host.querySelector('#tasks-below-export'), 'click');
    const dialog = document.querySelector('#export-dialog');
    assert.match(textOf(dialog), /导出2026年11月各单位每项任务的进展：每个单位每项任务一行/);
    await dispatch(document.querySelector('#export-cancel'), 'click');
    dispose();
  });

  test('the filter 有未报的 keeps the tasks some office has not reported; 有逾期的 the overdue ones', async () => {
    const api = belowApi();
    const host = newHost();
    const dispose = mountTasks(host, county(api));
    await settle();
    await choose(host.querySelector('#tasks-below-filter'), 'missing');
    assert.deepEqual(codes(host), ['2', '10']);
    assert.match(textOf(host.querySelector('#tasks-below-summary')), /（当前显示 2 项）$/);
    await choose(host.querySelector('#tasks-below-filter'), 'overdue');
    assert.deepEqual(codes(host), ['2']);
    await choose(host.querySelector('#tasks-below-filter'), 'behind');
    assert.deepEqual(codes(host), ['2', '10']);
    await choose(host.querySelector('#tasks-below-filter'), '');
    assert.deepEqual(codes(host), ['1', '2', '10']);
    assert.equal(api.calls.filter(([n]) => n === 'listTasksBelow').length, 1, 'the filter asks the core nothing');
    dispose();
  });

  test('a task chosen shows each office\'s cell and the offices whose list lacks it', async () => {
    const host = newHost();
    const dispose = mountTasks(host, county(belowApi()));
    await settle();
    await dispatch(row(host, '2'), 'click');
    await settle();
    assert.ok(row(host, '2').classList.contains('is-selected'));
    assert.equal(row(host, '2').getAttribute('aria-selected'), 'true');
    const detail = host.querySelector('#tasks-below-detail');
    assert.equal(detail.hidden, false);
    assert.match(textOf(detail.querySelector('h3')), /^任务 2 建设区级网格化服务管理中心：各单位2026年11月的进展$/);
    assert.deepEqual(all(detail, 'thead th').map(textOf), ['单位', '本月', '进展情况', '存在问题', '完成日期']);
    const officeRows = all(detail, 'tbody tr[data-office-code]');
    assert.deepEqual(officeRows.map(cells), [
      // Not reported this month: where its last report left it.
      ['青溪街道截至 2026-12-03', '未报逾期', '（2026年10月：推进中）', '—', '—'],
      ['淳化街道截至 2026-12-01', '滞后逾期', '选址未定', '场地协调难', '—'],
      ['秣陵街道截至 2026-10-28', '文件早于该月', '—', '—', '—'],
    ]);
    // The badges in the tones of 本月进展; 逾期 marked, 滞后 not twice.
    const badge = (r) => all(r, 'td')[1].querySelector('.badge');
    assert.ok(badge(officeRows[0]).classList.contains('badge-missing'));
    assert.ok(badge(officeRows[1]).classList.contains('badge-warn'));
    assert.ok(badge(officeRows[2]).classList.contains('badge-muted'));
    assert.ok(officeRows[0].querySelector('[data-overdue]'));
    assert.equal(officeRows[1].querySelector('[data-behind]'), null);
    assert.equal(host.querySelector('#tasks-below-lacking'), null, 'every list has task 2');

    // Enter on task 10: 秣陵街道's list lacks it.
    await key(row(host, '10'), 'Enter');
    await settle();
    assert.ok(row(host, '10').classList.contains('is-selected'));
    assert.equal(row(host, '2').classList.contains('is-selected'), false);
    assert.deepEqual(all(detail, 'tbody tr[data-office-code]').map((r) => r.getAttribute('data-office-code')),
      ['320115001000', '320115002000']);
    assert.equal(textOf(host.querySelector('#tasks-below-lacking')), '清单里没有这项任务：秣陵街道');

    // Task 1: 已完成 with its day; 推进中 with 下步打算.
    await dispatch(row(host, '1'), 'click');
    await settle();
    const [qx, ch] = all(detail, 'tbody tr[data-office-code]').map(cells);
    assert.deepEqual(qx.slice(1, 3), ['推进中', '已在8个社区公示下步打算：月底前全部公示']);
    assert.deepEqual([ch[1], ch[4]], ['已完成', '2026-11-15']);

    // A filter that leaves it out closes it.
    await choose(host.querySelector('#tasks-below-filter'), 'missing');
    assert.equal(host.querySelector('#tasks-below-offices'), null);
    dispose();
  });

  test('another month is asked for; the task chosen stays when that month has it', async () => {
    const api = belowApi();
    const host = newHost();
    const dispose = mountTasks(host, county(api));
    await settle();
    await dispatch(row(host, '1'), 'click');
    await settle();
    await choose(host.querySelector('#tasks-below-month'), '2026-10');
    assert.deepEqual(api.calls.filter(([n]) => n === 'listTasksBelow').at(-1), ['listTasksBelow', '2026-10']);
    assert.equal(host.querySelector('#tasks-below-month').value, '2026-10');
    assert.equal(textOf(host.querySelector('#tasks-below-summary')),
      '2026年10月：2 项任务 × 4 个单位，已完成 0 · 已报 3 · 未报 3 · 滞后 0 · 逾期 0');
    assert.equal(textOf(host.querySelector('#tasks-below-offices-note')), '汤山街道的文件里没有月调度任务清单。');
    assert.deepEqual(codes(host), ['1', '2']);
    assert.ok(row(host, '1').classList.contains('is-selected'));
    assert.match(textOf(host.querySelector('#tasks-below-detail h3')), /各单位2026年10月的进展$/);
    assert.deepEqual(all(host, '#tasks-below-offices tbody tr').map((r) => cells(r)[1]), ['推进中', '推进中', '未启动']);
    dispose();
  });

  test('no files from below yet: the empty state says what will show here', async () => {
    const api = belowApi({ listTasksBelow: async () => belowNone() });
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, [], { office: { level: 'city', name: '南京市' } }));
    await settle();
    assert.equal(host.querySelector('#tasks-tab-below').getAttribute('aria-selected'), 'true');
    assert.equal(textOf(host.querySelector('#tasks-below-empty')),
      '还没有收到下级单位的文件，或下级的文件里没有月调度任务清单。收到后在这里逐项查看各单位的进展。');
    assert.equal(host.querySelector('#tasks-below-table'), null);
    assert.equal(textOf(host.querySelector('#tasks-below-summary')), '');
    assert.equal(host.querySelector('#tasks-below-offices-note').hidden, true);
    assert.equal(host.querySelector('#tasks-below-detail').hidden, true);
    dispose();
  });

  test('a failed load is said, and the tab says it did not load', async () => {
    const toasts = [];
    const api = belowApi({ listTasksBelow: async () => { throw { kind: 'io', message: '读不到数据。' }; } });
    const host = newHost();
    const dispose = mountTasks(host, viewCtx(api, toasts, { office: { level: 'county' } }));
    await settle();
    assert.equal(textOf(host.querySelector('#tasks-below-host')), '下级进展没有加载成功。');
    assert.ok(toasts.some((t) => t.startsWith('alert:')), toasts.join());
    dispose();
  });
});
