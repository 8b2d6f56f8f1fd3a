// 减负 (issue 15): tabs (role=tablist, ←/→/Home/End) in tabbed.js's frame, each its own
// module:
//   三清单  the township's 基本履职事项, 配合履职事项 and 上级部门收回事项 (duties.js)
//   准入    matters admitted from outside the lists, step by step (admissions.js)
//   清单版本 each list's versions, what changed, the printable catalogue (duty-versions.js)
import { h } from '../dom.js';
import { tabbedView } from './tabbed.js';
import { mountDuties } from './duties.js';
import { mountAdmissions } from './admissions.js';
import { mountDutyVersions } from './duty-versions.js';

const TABS = [
  { id: 'duties', label: '三清单', mount: mountDuties },
  { id: 'admissions', label: '准入', mount: mountAdmissions },
  { id: 'versions', label: '清单版本', mount: mountDutyVersions },
];

export function mountJianfu(container, ctx) {
  const view = tabbedView({
    prefix: 'jianfu', label: '减负', tabs: TABS, context: () => ctx,
  });
  container.append(h('section', { class: 'view view-wide jianfu', id: 'jianfu-view', 'aria-labelledby': 'jianfu-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'jianfu-title' }, '减负'),
      h('p', { class: 'hint' }, '目录三清单，以及清单以外事项的准入（申请、审核、审批、进入、退出）。')),
    view.tablist,
    view.panels));
  view.start(ctx.route?.tab);
  return view.dispose;
}
