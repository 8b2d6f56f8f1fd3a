// 月调度 (monthly dispatch): the city turns its programme into a list of tasks, each
// with a lead unit and a deadline, and every office reports each month how each task
// stands. Tabs (tabbed.js, prefix tasks):
//   下级进展  (county, city; the first tab there) each task as the offices below
//             reported it in the month, from their files, read-only (tasks/below.js)
//   本月进展  the month's tasks with their standing, and beside the list the month's
//             report of the task chosen, the previous one as a reference, its history
//             (tasks/progress.js)
//   任务清单  the office's copy of the task list: imported from the city's Excel or
//             typed (tasks/list.js)
import { mountTabbedSection } from './tabbed.js';
import { mountTasksBelow } from './tasks/below.js';
import { mountTaskProgress } from './tasks/progress.js';
import { mountTaskList } from './tasks/list.js';

export const TABS = [
  { id: 'progress', label: '本月进展', mount: mountTaskProgress },
  { id: 'list', label: '任务清单', mount: mountTaskList },
];
// At a county or city: the offices below, task by task (what it reviews each month).
export const BELOW = { id: 'below', label: '下级进展', mount: mountTasksBelow };

/** The tabs at an office level: a county or city has 下级进展 first. */
export function tasksTabs(level) {
  return level === 'county' || level === 'city' ? [BELOW, ...TABS] : TABS;
}

export function mountTasks(container, ctx) {
  const view = mountTabbedSection(container, {
    prefix: 'tasks',
    title: '月调度',
    hint: '每月对照上级任务清单报送每项任务的进展：先在“任务清单”导入市级任务清单（或逐项新增），再在“本月进展”中逐项填写本月的进展情况。已完成的任务以后各月不用再报。进展随本单位数据包上报。',
    tabs: tasksTabs(ctx.office?.level),
    context: () => ctx,
    startTab: ctx.route?.tab,
  });
  return view.dispose;
}
