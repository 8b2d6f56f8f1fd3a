// 共建: two tabs (role=tablist, ←/→/Home/End):
//   项目      co-building projects: filters, a list or a 看板 by status, and a project's
//             detail (fields, step bar, claiming units, 下一步/退回, timeline, evidence files)
//   共建单位  partner units: list (phones masked, 显示), form, and what each claimed and finished
// Each tab is its own module (cobuild-projects.js, cobuild-partners.js), in tabbed.js's frame.
import { reportError } from '../logic/errors.js';
import { partyShared } from './party.js';
import { mountTabbedSection } from './tabbed.js';
import { mountProjects } from './cobuild-projects/index.js';
import { mountPartners } from './cobuild-partners.js';

const TABS = [
  { id: 'projects', label: '项目', mount: mountProjects },
  { id: 'partners', label: '共建单位', mount: mountPartners },
];

export function mountCobuild(container, ctx) {
  const { api, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const shared = partyShared(api, fail);
  // Another view may send the clerk to a tab (委员会 → 去登记共建单位).
  const view = mountTabbedSection(container, {
    prefix: 'cobuild',
    title: '共建',
    hint: '社区提出需求，共建单位认领，实施、完成并上传佐证材料，最后评价。每一步都记入项目的时间线。',
    tabs: TABS,
    context: () => ({ ...ctx, shared, openProject }),
    startTab: ctx.route?.tab,
  });
  // 首页's 本周提醒 opens a project.
  if (ctx.route?.projectId) openProject(ctx.route.projectId);

  /** From 共建单位: go to 项目 and open one. */
  async function openProject(id) {
    if (!(await view.choose('projects'))) return;
    view.panel('projects')?.openProject(id);
  }

  return view.dispose;
}
