// 党建: three tabs (role=tablist, ←/→/Home/End):
//   三亮      every compound's party branch and its three items published (三亮), the completion rate
//   委员会    the 大工委 / 大党委, their members (专职/兼职) and the part-time counts
//   联席会议  joint meetings, their decisions, and the follow-up items (跟进事项)
// Each tab is its own module (party-sanliang.js, party-committees.js, party-meetings.js)
// mounted once; a tab is refreshed when it is shown again (tabbed.js).
import { buildTree } from '../logic/tree.js';
import { villageOptions } from '../logic/people.js';
import { reportError } from '../logic/errors.js';
import { mountTabbedSection } from './tabbed.js';
import { mountSanliang } from './party-sanliang/index.js';
import { mountCommittees } from './party-committees/index.js';
import { mountMeetings } from './party-meetings/index.js';

const TABS = [
  { id: 'sanliang', label: '三亮', mount: mountSanliang },
  { id: 'committees', label: '委员会', mount: mountCommittees },
  { id: 'meetings', label: '联席会议', mount: mountMeetings },
];

/**
 * What the tabs share: the party options, the villages (村/社区) and the partner
 * units, each loaded on first use and reloaded when asked.
 */
export function partyShared(api, fail) {
  const cache = { options: null, villages: null, partners: null };
  return {
    async options() {
      if (!cache.options) {
        cache.options = await api.partyOptions().catch((e) => { fail(e); return null; }) ?? null;
      }
      return cache.options ?? {};
    },
    async villages({ fresh = false } = {}) {
      if (!cache.villages || fresh) {
        const units = await api.listUnits().catch((e) => { fail(e); return null; });
        if (units) cache.villages = villageOptions(buildTree(Array.isArray(units) ? units : []));
      }
      return cache.villages ?? [];
    },
    async partners({ fresh = false } = {}) {
      if (!cache.partners || fresh) {
        const list = await api.listPartnerUnits().catch((e) => { fail(e); return null; });
        if (list) cache.partners = Array.isArray(list) ? list : [];
      }
      return cache.partners ?? [];
    },
  };
}

export function mountParty(container, ctx) {
  const { api, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const shared = partyShared(api, fail);
  const view = mountTabbedSection(container, {
    prefix: 'party',
    title: '党建',
    hint: '小区党支部和三亮公示、街道“大工委”和社区“大党委”的委员、联席会议及其决定事项的跟进。',
    tabs: TABS,
    context: (v) => ({ ...ctx, shared, choose: v.choose }),
    startTab: ctx.route?.tab,
  });

  return view.dispose;
}
