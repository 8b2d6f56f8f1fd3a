// 减负 (issue 15): one view in tabs (tabbed.js, prefix jianfu, role=tablist,
// ←/→/Home/End), one tab per part of 轻车减负, each its own module. TABS is a plain
// list: each part adds its line.
//   三清单    the township's 基本履职事项, 配合履职事项 and 上级部门收回事项 (duties.js)
//   网格事项  the grid matter list, the villages' claims and the load (gridmatters.js)
//   准入      matters admitted from outside the lists, step by step (admissions.js)
//   专项整治  the clean-up registers (工作机制, 挂牌, 证明事项, 借调人员) and 回头看 (cleanups/)
//   清单版本  each list's versions, what changed, the printable catalogue (duty-versions.js)
import { mountTabbedSection } from './tabbed.js';
import { mountDuties } from './duties.js';
import { mountGridMatters } from './gridmatters.js';
import { mountAdmissions } from './admissions.js';
import { mountCleanups } from './cleanups/index.js';
import { mountDutyVersions } from './duty-versions.js';

export const TABS = [
  { id: 'duties', label: '三清单', mount: mountDuties },
  { id: 'gridmatters', label: '网格事项', mount: mountGridMatters },
  { id: 'admissions', label: '准入', mount: mountAdmissions },
  { id: 'cleanups', label: '专项整治', mount: mountCleanups },
  { id: 'versions', label: '清单版本', mount: mountDutyVersions },
];

export function mountJianfu(container, ctx) {
  // Another view may send the clerk to a tab.
  const view = mountTabbedSection(container, {
    prefix: 'jianfu',
    title: '减负',
    hint: '为基层减负：本单位的目录三清单、网格事项和各村/社区的认领、网格和网格员的负担、清单以外事项的准入（申请、审核、审批、进入、退出），以及工作机制、挂牌、证明事项、借调人员的专项整治。',
    tabs: TABS,
    context: () => ctx,
    startTab: ctx.route?.tab,
  });
  return view.dispose;
}
