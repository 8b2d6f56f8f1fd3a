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

// ---------- 下级进展: TasksBelow (list_tasks_below) at a county ----------

const OFFICES = [
  { code: '320115001000', name: '青溪街道', asOf: '2026-12-03', tasks: 3, stale: false },
  { code: '320115002000', name: '淳化街道', asOf: '2026-12-01', tasks: 3, stale: false },
  { code: '320115003000', name: '秣陵街道', asOf: '2026-10-28', tasks: 2, stale: true },
  { code: '320115004000', name: '汤山街道', asOf: '2026-11-30', tasks: 0, stale: false },
];
const [QX, CH, ML] = OFFICES;
const STATE_LABELS = {
  done: '已完成', reported: '已报', missing: '未报', stale: '文件早于该月',
};

/** An office's cell of a task (OfficeTask). */
export const officeTask = (office, state, more = {}) => ({
  officeCode: office.code,
  officeName: office.name,
  asOf: office.asOf,
  state,
  stateLabel: STATE_LABELS[state],
  statusLabel: null,
  progress: '',
  problems: '',
  nextSteps: '',
  doneOn: null,
  overdue: false,
  behind: false,
  ...more,
});

/** A TaskBelow row, its counts from its cells. */
function taskBelow(code, title, lead, deadlineText, offices, lacking = []) {
  const n = (f) => offices.filter(f).length;
  return {
    code,
    title,
    lead,
    deadlineText,
    done: n((c) => c.state === 'done'),
    reported: n((c) => c.state === 'reported'),
    missing: n((c) => c.state === 'missing'),
    behind: n((c) => c.behind),
    overdue: n((c) => c.overdue),
    stale: n((c) => c.state === 'stale'),
    lacking,
    offices,
  };
}

function summed(tasks, offices) {
  const sum = (k) => tasks.reduce((a, t) => a + t[k], 0);
  return {
    tasks: tasks.length,
    offices: offices.length,
    done: sum('done'),
    reported: sum('reported'),
    missing: sum('missing'),
    behind: sum('behind'),
    overdue: sum('overdue'),
    stale: sum('stale'),
  };
}

/**
 * TasksBelow of 2026年11月 at a county: 青溪 and 淳化 fresh, 秣陵's file from October
 * (its list lacks task 10), 汤山's file without a task list.
 */
export function belowNovember() {
  const tasks = [
    taskBelow('1', '推进“多网合一”，明确网格员职责清单并在各村公示', '区委社会工作部', '2026-12-31', [
      officeTask(QX, 'reported', { statusLabel: '推进中', progress: '已在8个社区公示', nextSteps: '月底前全部公示' }),
      officeTask(CH, 'done', { statusLabel: '已完成', progress: '全部公示', doneOn: '2026-11-15' }),
      officeTask(ML, 'stale'),
    ]),
    taskBelow('2', '建设区级网格化服务管理中心', '区委政法委', '2026-10-31', [
      officeTask(QX, 'missing', { overdue: true, previous: '2026年10月：推进中' }),
      officeTask(CH, 'reported', {
        statusLabel: '滞后', progress: '选址未定', problems: '场地协调难', overdue: true, behind: true,
      }),
      officeTask(ML, 'stale'),
    ]),
    taskBelow('10', '网格员待遇保障', '区财政局', '长期', [
      officeTask(QX, 'reported', { statusLabel: '滞后', progress: '资金未到位', behind: true }),
      officeTask(CH, 'missing'),
    ], ['秣陵街道']),
  ];
  return {
    month: '2026-11',
    monthLabel: '2026年11月',
    months: ['2026-11', '2026-10', '2026-09'],
    offices: OFFICES.map((o) => ({ ...o })),
    tasks,
    summary: summed(tasks, OFFICES),
  };
}

/** TasksBelow of 2026年10月: 秣陵's file is of the month; nobody has reported task 10. */
export function belowOctober() {
  const offices = OFFICES.map((o) => ({ ...o, stale: false }));
  const [qx, ch, ml] = offices;
  const tasks = [
    taskBelow('1', '推进“多网合一”，明确网格员职责清单并在各村公示', '区委社会工作部', '2026-12-31', [
      officeTask(qx, 'reported', { statusLabel: '推进中', progress: '制定职责清单初稿' }),
      officeTask(ch, 'reported', { statusLabel: '推进中', progress: '摸底' }),
      officeTask(ml, 'reported', { statusLabel: '未启动', progress: '尚未启动' }),
    ]),
    taskBelow('2', '建设区级网格化服务管理中心', '区委政法委', '2026-10-31', [
      officeTask(qx, 'missing'), officeTask(ch, 'missing'), officeTask(ml, 'missing'),
    ]),
  ];
  return {
    month: '2026-10',
    monthLabel: '2026年10月',
    months: ['2026-11', '2026-10', '2026-09'],
    offices,
    tasks,
    summary: summed(tasks, offices),
  };
}

/** TasksBelow with no office's file held (or at a township). */
export function belowNone() {
  return {
    month: '2026-11',
    monthLabel: '2026年11月',
    months: ['2026-11'],
    offices: [],
    tasks: [],
    summary: {
      tasks: 0, offices: 0, done: 0, reported: 0, missing: 0, behind: 0, overdue: 0, stale: 0,
    },
  };
}
