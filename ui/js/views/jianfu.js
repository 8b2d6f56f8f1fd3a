// 减负: tabs (role=tablist, ←/→/Home/End), each its own module in tabbed.js's frame:
//   三清单    the township's three lists (duties.js)
//   专项整治  the clean-up registers and 回头看 (cleanups.js)
import { tabbedView } from './tabbed.js';
import { mountDuties } from './duties.js';
import { mountCleanups } from './cleanups.js';

const TABS = [
  { id: 'duties', label: '三清单', mount: mountDuties },
  { id: 'cleanups', label: '专项整治', mount: mountCleanups },
];

export function mountJianfu(container, ctx) {
  const view = tabbedView({
    prefix: 'jianfu', label: '减负', tabs: TABS, context: () => ctx,
  });
  container.append(view.tablist, ...view.panels);
  view.start(ctx.route?.tab);
  return view.dispose;
}
