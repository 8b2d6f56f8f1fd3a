// 月调度: the pure logic (logic/tasks.js): month labels, the summary line, the
// filter, the cells of a row, the previous report, and both forms ↔ inputs with
// the core's messages; 下级进展's line, offices note, filter, empty text and an
// office's badge.
import './catalog.mjs';
import {
  belowNone, belowNovember, belowOctober, novemberList, officeTask, report,
} from './tasks-fixtures.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  BELOW_FILTERS, belowCell, belowEmptyText, belowMarks, belowOfficesNote, belowSummaryText, filterBelow, lackingText,
  STATUS_CHOICES, TASK_FILTERS, emptyListText, filterTasks, isDone, monthCell, monthLabel, parseProgressForm,
  parseTaskForm, previousText, progressCell, progressFormValues, shorten, statusLabel, summaryText, taskCategories,
  taskFormValues, taskName,
} from '../../ui/js/logic/tasks.js';

const ids = (tasks) => tasks.map((t) => t.id);

describe('月调度 logic', () => {
  test('the status choices come from the catalog, in the core order', () => {
    assert.deepEqual(STATUS_CHOICES.map((c) => [c.value, c.label]),
      [['not_started', '未启动'], ['on_track', '推进中'], ['behind', '滞后'], ['done', '已完成']]);
    assert.equal(statusLabel('behind'), '滞后');
    assert.equal(statusLabel('x'), 'x');
    assert.equal(isDone('done'), true);
    assert.equal(isDone('已完成'), true, 'a label is taken as the core takes it');
    assert.equal(isDone('on_track'), false);
    assert.equal(isDone(''), false);
  });

  test('month labels as the core writes them', () => {
    assert.equal(monthLabel('2026-11'), '2026年11月');
    assert.equal(monthLabel('2027-01'), '2027年1月');
    assert.equal(monthLabel(''), '');
    assert.equal(monthLabel('长期'), '长期');
  });

  test('the summary line, with how many a filter shows', () => {
    const list = novemberList();
    assert.equal(summaryText(list), '2026年11月：共 5 项任务，已完成 1 · 已报 2 · 未报 2 · 滞后 1 · 逾期 1');
    assert.equal(summaryText(list, 5), '2026年11月：共 5 项任务，已完成 1 · 已报 2 · 未报 2 · 滞后 1 · 逾期 1');
    assert.equal(summaryText(list, 2), '2026年11月：共 5 项任务，已完成 1 · 已报 2 · 未报 2 · 滞后 1 · 逾期 1（当前显示 2 项）');
    assert.equal(summaryText({ month: '2026-12', tasks: [], summary: { total: 0 } }), '2026年12月：还没有任务。');
  });

  test('the filter keeps the tasks of one standing', () => {
    const { tasks } = novemberList();
    assert.deepEqual(TASK_FILTERS.map((f) => f.label), ['全部', '未报', '已报', '滞后', '逾期', '已完成']);
    assert.deepEqual(ids(filterTasks(tasks, '')), ['t1', 't2', 't3', 't4', 't5']);
    assert.deepEqual(ids(filterTasks(tasks, 'missing')), ['t2', 't5']);
    assert.deepEqual(ids(filterTasks(tasks, 'reported')), ['t1', 't4']);
    assert.deepEqual(ids(filterTasks(tasks, 'behind')), ['t4']);
    assert.deepEqual(ids(filterTasks(tasks, 'overdue')), ['t2']);
    assert.deepEqual(ids(filterTasks(tasks, 'done')), ['t3']);
    assert.deepEqual(filterTasks(null, 'missing'), []);
  });

  test('what the empty list says', () => {
    assert.match(emptyListText({ month: '2026-11', tasks: [] }), /导入市级任务清单/);
    assert.equal(emptyListText(novemberList(), 'overdue'), '2026年11月没有“逾期”的任务。选“全部”查看所有任务。');
  });

  test('the 本月 and 进展情况 cells', () => {
    const [t1, t2, t3, t4] = novemberList().tasks;
    assert.deepEqual(monthCell(t1), { label: '推进中', tone: 'badge-info' });
    assert.deepEqual(monthCell(t2), { label: '未报', tone: 'badge-missing' });
    assert.deepEqual(monthCell(t3), { label: '已完成', tone: 'badge-ok' });
    assert.deepEqual(monthCell(t4), { label: '滞后', tone: 'badge-warn' });
    assert.equal(progressCell(t1).text, '已在12个村完成网格员职责清单公示，其余3个村月底前完成，进…');
    assert.equal(progressCell(t1).title, t1.progress.progress);
    // Not reported this month: where October's report left it.
    assert.equal(progressCell(t2).text, '（2026年10月：滞后）');
    assert.equal(progressCell(t2).title, '2026年10月：滞后；选址未定');
    assert.equal(progressCell({ state: 'missing', previous: null }).text, '—');
    assert.equal(progressCell(t3).text, '已于 2026-09-20 完成');
    assert.equal(shorten('  一二三\n四五  ', 3), '一二三…');
    assert.equal(shorten('一二三', 3), '一二三');
    assert.equal(taskName(t1, 6), '1 推进“多网合…');
  });

  test('the previous report as a reference', () => {
    const [, t2] = novemberList().tasks;
    assert.equal(previousText(t2.previous), '上次（2026年10月）：滞后；进展：选址未定；存在问题：场地协调难；下步打算：11月完成选址');
    assert.equal(previousText(report('p', 't', '2026-09', 'done', '已建立', { doneOn: '2026-09-20' })),
      '上次（2026年9月）：已完成；进展：已建立；完成日期：2026-09-20');
    assert.equal(previousText(null), '以前没有报过进展。');
  });

  test('the report form starts from the month\'s report, else the previous status but never 已完成', () => {
    const [t1, t2, t3, , t5] = novemberList().tasks;
    assert.deepEqual(progressFormValues(t1), {
      status: 'on_track', progress: t1.progress.progress, problems: '', nextSteps: '', doneOn: '', remark: '',
    });
    assert.equal(progressFormValues(t2).status, 'behind');
    assert.equal(progressFormValues(t2).progress, '');
    assert.equal(progressFormValues(t3).status, '', 'a task done before is not preset 已完成');
    assert.equal(progressFormValues(t5).status, '');
  });

  test('the report form: a status, 进展情况, and 完成日期 only with 已完成', () => {
    const ok = parseProgressForm({ status: 'on_track', progress: ' 完成选址 ', nextSteps: '开工', doneOn: '2026-11-02' });
    assert.deepEqual(ok, {
      ok: true,
      input: { status: 'on_track', progress: '完成选址', problems: '', nextSteps: '开工', doneOn: '', remark: '' },
    });
    const none = parseProgressForm({ status: '', progress: '' });
    assert.deepEqual(none.problems.map((p) => [p.field, p.message]),
      [['status', '请选择进展状态。'], ['progress', '请填写进展情况。']]);
    const noDay = parseProgressForm({ status: 'done', progress: '已建成' });
    assert.deepEqual(noDay.problems.map((p) => [p.field, p.message]), [['doneOn', '进展状态是“已完成”，请填写完成日期。']]);
    assert.equal(parseProgressForm({ status: 'done', progress: '已建成', doneOn: '2026-02-30' }).error.field, 'doneOn');
    const done = parseProgressForm({ status: 'done', progress: '已建成', doneOn: '2026年11月20日' });
    assert.equal(done.input.doneOn, '2026-11-20');
  });

  test('the task form: 任务编号, 任务内容 and 牵头单位 are needed; 完成时限 as typed', () => {
    assert.deepEqual(parseTaskForm({}).problems.map((p) => [p.field, p.message]),
      [['code', '请填写任务编号。'], ['title', '请填写任务内容。'], ['lead', '请填写牵头单位。']]);
    assert.deepEqual(parseTaskForm({
      code: ' 12 ', title: '建设网格化服务管理中心', lead: '区委政法委', deadline: '2026年12月底',
    }), {
      ok: true,
      input: {
        code: '12', title: '建设网格化服务管理中心', category: '', lead: '区委政法委', deadline: '2026年12月底', remark: '',
      },
    });
    const [t1, , , t4] = novemberList().tasks;
    assert.equal(taskFormValues(t1).deadline, '2026-12-31');
    assert.equal(taskFormValues(t4).deadline, '长期', 'a standing task says so');
    assert.deepEqual(taskFormValues(null), {
      code: '', title: '', category: '', lead: '', deadline: '', remark: '',
    });
    assert.deepEqual(taskCategories([{ category: '党建引领' }, { category: '' }, { category: '减负' }, { category: '党建引领' }]),
      ['党建引领', '减负']);
  });

  test('下级进展: the line sums the offices\' cells, 文件早于该月 only when some are', () => {
    const nov = belowNovember();
    assert.equal(belowSummaryText(nov),
      '2026年11月：3 项任务 × 4 个单位，已完成 1 · 已报 3 · 未报 2 · 滞后 2 · 逾期 2 · 文件早于该月 2');
    assert.equal(belowSummaryText(nov, 3), belowSummaryText(nov));
    assert.match(belowSummaryText(nov, 1), /逾期 2 · 文件早于该月 2（当前显示 1 项）$/);
    assert.equal(belowSummaryText(belowOctober()), '2026年10月：2 项任务 × 4 个单位，已完成 0 · 已报 3 · 未报 3 · 滞后 0 · 逾期 0');
    assert.equal(belowSummaryText(belowNone()), '', 'no offices: the empty state says it');
    assert.equal(belowSummaryText({ ...belowNone(), offices: [{ name: '汤山街道', tasks: 0 }], summary: { tasks: 0, offices: 1 } }),
      '2026年11月：1 个单位的文件里都没有月调度任务清单。');
  });

  test('下级进展: the offices whose file says nothing of the month', () => {
    assert.equal(belowOfficesNote(belowNovember()), '秣陵街道的文件（2026-10-28 导出）早于该月；汤山街道的文件里没有月调度任务清单。');
    assert.equal(belowOfficesNote(belowOctober()), '汤山街道的文件里没有月调度任务清单。');
    assert.equal(belowOfficesNote({
      offices: [
        { name: '甲街道', asOf: '2026-09-30', tasks: 2, stale: true },
        { name: '乙街道', asOf: '2026-10-02', tasks: 0, stale: true },
        { name: '丙街道', asOf: '2026-12-01', tasks: 0, stale: false },
        { name: '丁街道', asOf: '2026-12-01', tasks: 4, stale: false },
      ],
    }), '甲街道的文件（2026-09-30 导出）早于该月；乙街道、丙街道的文件里没有月调度任务清单。', 'no list says more than an old file');
    assert.equal(belowOfficesNote(belowNone()), '');
    assert.equal(belowOfficesNote(null), '');
  });

  test('下级进展: the filter keeps the tasks with an office in that state; what the empty table says', () => {
    const { tasks } = belowNovember();
    const codes = (list) => list.map((t) => t.code);
    assert.deepEqual(BELOW_FILTERS.map((f) => f.label), ['全部', '有未报的', '有滞后的', '有逾期的']);
    assert.deepEqual(codes(filterBelow(tasks, '')), ['1', '2', '10']);
    assert.deepEqual(codes(filterBelow(tasks, 'missing')), ['2', '10']);
    assert.deepEqual(codes(filterBelow(tasks, 'behind')), ['2', '10']);
    assert.deepEqual(codes(filterBelow(tasks, 'overdue')), ['2']);
    assert.deepEqual(codes(filterBelow(tasks, 'stale')), ['1', '2', '10'], 'not a filter: all');
    assert.deepEqual(filterBelow(undefined, 'missing'), []);
    assert.equal(belowEmptyText(belowNone()),
      '还没有收到下级单位的文件，或下级的文件里没有月调度任务清单。收到后在这里逐项查看各单位的进展。');
    assert.equal(belowEmptyText({ ...belowNone(), offices: [{ name: '汤山街道', tasks: 0 }] }), '下级单位的文件里都没有月调度任务清单。');
    assert.equal(belowEmptyText(belowOctober(), 'overdue'), '2026年10月没有单位逾期的任务。选“全部”查看所有任务。');
  });

  test('下级进展: an office\'s 本月 in the tones of 本月进展, its marks, the offices lacking a task', () => {
    const o = { code: 'x', name: '青溪街道', asOf: '2026-12-03' };
    assert.deepEqual(belowCell(officeTask(o, 'reported', { statusLabel: '推进中' })), { label: '推进中', tone: 'badge-info' });
    assert.deepEqual(belowCell(officeTask(o, 'reported', { statusLabel: '滞后', behind: true })), { label: '滞后', tone: 'badge-warn' });
    assert.deepEqual(belowCell(officeTask(o, 'reported', { statusLabel: '未启动' })), { label: '未启动', tone: 'badge-muted' });
    assert.deepEqual(belowCell(officeTask(o, 'done', { statusLabel: '已完成' })), { label: '已完成', tone: 'badge-ok' });
    assert.deepEqual(belowCell(officeTask(o, 'done')), { label: '已完成', tone: 'badge-ok' }, 'done before the month');
    assert.deepEqual(belowCell(officeTask(o, 'missing')), { label: '未报', tone: 'badge-missing' });
    assert.deepEqual(belowCell(officeTask(o, 'stale')), { label: '文件早于该月', tone: 'badge-muted' });
    assert.deepEqual(belowMarks(officeTask(o, 'missing', { overdue: true })), ['逾期']);
    assert.deepEqual(belowMarks(officeTask(o, 'reported', { statusLabel: '滞后', behind: true, overdue: true })), ['逾期'],
      '滞后 is the badge already');
    assert.deepEqual(belowMarks(officeTask(o, 'reported', { statusLabel: '推进中', behind: true })), ['滞后']);
    assert.deepEqual(belowMarks(officeTask(o, 'reported', { statusLabel: '推进中' })), []);
    const [, t2, t10] = belowNovember().tasks;
    assert.equal(lackingText(t10), '清单里没有这项任务：秣陵街道');
    assert.equal(lackingText({ lacking: ['秣陵街道', '汤山街道'] }), '清单里没有这项任务：秣陵街道、汤山街道');
    assert.equal(lackingText(t2), '');
  });
});
