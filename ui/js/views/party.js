// 党建: three tabs (role=tablist, ←/→/Home/End):
//   三亮      every compound's party branch and its three items published (三亮), the completion rate
//   委员会    the 大工委 / 大党委, their members (专职/兼职) and the part-time counts
//   联席会议  joint meetings, their decisions, and the follow-up items (跟进事项)
// Each tab is its own module (party-sanliang.js, party-committees.js, party-meetings.js)
// mounted once; a tab is refreshed when it is shown again.
import { h } from '../dom.js';
import { confirmDiscard } from '../dialog.js';
import { bindTabKeys } from '../forms.js';
import { buildTree } from '../logic/tree.js';
import { villageOptions } from '../logic/people.js';
import { reportError } from '../logic/errors.js';
import { mountSanliang } from './party-sanliang.js';
import { mountCommittees } from './party-committees.js';
import { mountMeetings } from './party-meetings.js';

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
  const st = { tab: '', panels: new Map(), disposed: false };

  const tabs = h('div', { class: 'role-tabs', role: 'tablist', 'aria-label': '党建' },
    TABS.map((t) => h('button', {
      type: 'button', role: 'tab', class: 'role-tab', id: `party-tab-${t.id}`, 'data-party-tab': t.id,
      'aria-controls': `party-panel-${t.id}`, 'aria-selected': 'false', tabindex: '-1',
    }, t.label)));
  const panels = TABS.map((t) => h('div', {
    id: `party-panel-${t.id}`, role: 'tabpanel', class: 'party-panel', 'aria-labelledby': `party-tab-${t.id}`, hidden: true,
  }));

  container.append(h('section', { class: 'view view-wide party', id: 'party-view', 'aria-labelledby': 'party-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'party-title' }, '党建'),
      h('p', { class: 'hint' }, '小区党支部和三亮公示、街道“大工委”和社区“大党委”的委员、联席会议及其决定事项的跟进。')),
    tabs,
    panels));

  tabs.addEventListener('click', (e) => {
    const b = e.target.closest('[data-party-tab]');
    if (b) choose(b.dataset.partyTab);
  });
  bindTabKeys(tabs, (b) => choose(b.dataset.partyTab));

  choose(TABS.some((t) => t.id === ctx.route?.tab) ? ctx.route.tab : 'sanliang');

  async function choose(id) {
    if (id === st.tab || st.disposed) return;
    const current = st.panels.get(st.tab);
    if (current && !(await confirmDiscard(current.isDirty()))) {
      tabs.querySelector(`[data-party-tab="${st.tab}"]`)?.focus();
      return;
    }
    if (st.disposed) return;
    st.tab = id;
    TABS.forEach((t, i) => {
      const on = t.id === id;
      const b = tabs.querySelector(`[data-party-tab="${t.id}"]`);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    const t = TABS.find((x) => x.id === id);
    let panel = st.panels.get(id);
    if (!panel) {
      panel = t.mount(panels[TABS.indexOf(t)], { ...ctx, shared, choose });
      st.panels.set(id, panel);
    } else {
      panel.show();
    }
  }

  return () => {
    st.disposed = true;
    for (const p of st.panels.values()) p.dispose();
  };
}
