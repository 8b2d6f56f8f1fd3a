// 诉求 (吹哨报到): two tabs (role=tablist, ←/→/Home/End):
//   诉求      the demands: counts (收到, 已交办, 已办结, 按期办结, 逾期, 回访满意), filters,
//             the list with overdue ones in red, and a demand's detail (step bar, 下一步 /
//             退回… / 上报上级…, history, its source, the form)
//   协调机制  working groups (专项工作组) and their working meetings with decisions
//   下级报送  (county, city) the demands the offices below graded or escalated to it
// Each tab is its own module (demands-list.js, demands-coordination.js) in tabbed.js's
// frame. Another view may open a demand: navigate('demands', { demandId }).
import { reportError } from '../logic/errors.js';
import { contactsShared } from './contacts.js';
import { mountTabbedSection } from './tabbed.js';
import { mountDemandList } from './demands-list/index.js';
import { mountCoordination } from './demands-coordination.js';
import { mountReceivedDemands } from './demands-received.js';

const TABS = [
  { id: 'list', label: '诉求', mount: mountDemandList },
  { id: 'coordination', label: '协调机制', mount: mountCoordination },
];
// At a county or city: the demands the offices below send up to it (分级办理).
const RECEIVED = { id: 'received', label: '下级报送', mount: mountReceivedDemands };

export function mountDemands(container, ctx) {
  const { api, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const shared = contactsShared(api, fail);
  const view = mountTabbedSection(container, {
    prefix: 'demands',
    title: '诉求',
    hint: '村/社区、网格员和领导走访反映的诉求：按应由哪一级解决分级办理，交办到部门并限期，跟踪到办结和回访；本级办不了的上报上级。',
    tabs: ['county', 'city'].includes(ctx.office?.level) ? [...TABS, RECEIVED] : TABS,
    context: (v) => ({ ...ctx, shared, choose: v.choose }),
    startTab: ctx.route?.demandId ? 'list' : ctx.route?.tab,
  });

  return view.dispose;
}
