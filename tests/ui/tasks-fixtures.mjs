// 月调度: the kind catalog with 月度进展's 进展状态, and TaskList payloads shaped as
// /work/tmp/tasks/SPEC.md (and the core's tasks::TaskList) give them.
//
// Until fixtures/kind-catalog.json is regenerated with the core's task_progress
// entry, the status codes are added here; once the fixture has them, they are the
// fixture's own and nothing is added.
import { KIND_CATALOG } from './catalog.mjs';
import { useKindCatalog } from '../../ui/js/logic/labels.js';

const STATUS = [['not_started', '未启动'], ['on_track', '推进中'], ['behind', '滞后'], ['done', '已完成']];

const has = (KIND_CATALOG.valueLabels ?? []).some(([table, fields]) => table === 'task_progress'
  && fields.some(([field]) => field === 'status'));
if (!has) {
  useKindCatalog({
    ...KIND_CATALOG,
    valueLabels: [...(KIND_CATALOG.valueLabels ?? []), ['task_progress', [['status', STATUS]]]],
  });
}

export const report = (id, taskId, month, status, progress, more = {}) => ({
  id,
  taskId,
  month,
  monthLabel: `${month.slice(0, 4)}年${Number(month.slice(5))}月`,
  status,
  statusLabel: Object.fromEntries(STATUS)[status],
  progress,
  problems: '',
  nextSteps: '',
  doneOn: null,
  remark: '',
  updatedAt: `${month}-25T10:00:00Z`,
  ...more,
});

const task = (id, code, title, lead, deadline, more = {}) => ({
  id,
  code,
  title,
  category: '',
  lead,
  deadline,
  deadlineText: deadline ?? '长期',
  remark: '',
  state: 'missing',
  stateLabel: '未报',
  doneOn: null,
  overdue: false,
  behind: false,
  progress: null,
  previous: null,
  reports: 0,
  ...more,
});

/** The reports each task has, newest month first (task_progress). */
export const HISTORY = {
  t1: [
    report('p1', 't1', '2026-11', 'on_track', '已在12个村完成网格员职责清单公示，其余3个村月底前完成，进度符合预期'),
    report('p0', 't1', '2026-10', 'on_track', '制定职责清单初稿'),
  ],
  t2: [report('p2', 't2', '2026-10', 'behind', '选址未定', { problems: '场地协调难', nextSteps: '11月完成选址' })],
  t3: [report('p3', 't3', '2026-09', 'done', '已建立月调度机制', { doneOn: '2026-09-20' })],
  t4: [report('p4', 't4', '2026-11', 'behind', '资金未到位')],
  t5: [],
};

/** TaskList of 2026年11月 (the current month). */
export function novemberList() {
  return {
    month: '2026-11',
    monthLabel: '2026年11月',
    months: ['2026-11', '2026-10', '2026-09', '2026-08'],
    tasks: [
      task('t1', '1', '推进“多网合一”，明确网格员职责清单并在各村公示', '区委社会工作部', '2026-12-31', {
        category: '党建引领', state: 'reported', stateLabel: '已报', progress: HISTORY.t1[0], previous: HISTORY.t1[1], reports: 2,
      }),
      task('t2', '2', '建设区级网格化服务管理中心', '区委政法委', '2026-10-31', {
        overdue: true, previous: HISTORY.t2[0], reports: 1,
      }),
      task('t3', '3', '建立月调度机制', '区委办', '2026-09-30', {
        state: 'done', stateLabel: '已完成', doneOn: '2026-09-20', previous: HISTORY.t3[0], reports: 1,
      }),
      task('t4', '10', '网格员待遇保障', '区财政局', null, {
        state: 'reported', stateLabel: '已报', behind: true, progress: HISTORY.t4[0], reports: 1,
      }),
      task('t5', '11', '网格员培训全覆盖', '区人社局', '2026-12-31'),
    ],
    summary: {
      total: 5, done: 1, reported: 2, missing: 2, behind: 1, overdue: 1,
    },
  };
}

/** TaskList of 2026年10月: t1 and t2 reported, the others missing. */
export function octoberList() {
  const nov = novemberList();
  return {
    ...nov,
    month: '2026-10',
    monthLabel: '2026年10月',
    tasks: nov.tasks.map((t) => ({
      ...t,
      overdue: t.id === 't2' ? false : t.overdue,
      state: ['t1', 't2', 't3'].includes(t.id) ? (t.id === 't3' ? 'done' : 'reported') : 'missing',
      stateLabel: ['t1', 't2'].includes(t.id) ? '已报' : (t.id === 't3' ? '已完成' : '未报'),
      progress: t.id === 't1' ? HISTORY.t1[1] : (t.id === 't2' ? HISTORY.t2[0] : null),
      previous: null,
      behind: t.id === 't2',
    })),
    summary: {
      total: 5, done: 1, reported: 2, missing: 2, behind: 1, overdue: 0,
    },
  };
}
