// 共建: two tabs (role=tablist, ←/→/Home/End):
//   项目      co-building projects: filters, a list or a 看板 by status, and a project's
//             detail (fields, step bar, claiming units, 下一步/退回, timeline, evidence files)
//   共建单位  partner units: list (phones masked, 显示), form, and what each claimed and finished
// Each tab is its own module (cobuild-projects.js, cobuild-partners.js).
import { h } from '../dom.js';
import { confirmDiscard } from '../dialog.js';
import { bindTabKeys } from '../forms.js';
import { reportError } from '../logic/errors.js';
import { partyShared } from './party.js';
import { mountProjects } from './cobuild-projects.js';
import { mountPartners } from './cobuild-partners.js';

const TABS = [
  { id: 'projects', label: '项目', mount: mountProjects },
  { id: 'partners', label: '共建单位', mount: mountPartners },
];

export function mountCobuild(container, ctx) {
  const { api, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const shared = partyShared(api, fail);
  const st = { tab: '', panels: new Map(), disposed: false };

  const tabs = h('div', { class: 'role-tabs', role: 'tablist', 'aria-label': '共建' },
    TABS.map((t) => h('button', {
      type: 'button', role: 'tab', class: 'role-tab', id: `cobuild-tab-${t.id}`, 'data-cobuild-tab': t.id,
      'aria-controls': `cobuild-panel-${t.id}`, 'aria-selected': 'false', tabindex: '-1',
    }, t.label)));
  const panels = TABS.map((t) => h('div', {
    id: `cobuild-panel-${t.id}`, role: 'tabpanel', class: 'cobuild-panel', 'aria-labelledby': `cobuild-tab-${t.id}`, hidden: true,
  }));

  container.append(h('section', { class: 'view view-wide cobuild', id: 'cobuild-view', 'aria-labelledby': 'cobuild-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'cobuild-title' }, '共建'),
      h('p', { class: 'hint' }, '社区提出需求，共建单位认领，实施、完成并上传佐证材料，最后评价。每一步都记入项目的时间线。')),
    tabs,
    panels));

  tabs.addEventListener('click', (e) => {
    const b = e.target.closest('[data-cobuild-tab]');
    if (b) choose(b.dataset.cobuildTab);
  });
  bindTabKeys(tabs, (b) => choose(b.dataset.cobuildTab));

  // Another view may send the clerk to a tab (委员会 → 去登记共建单位).
  choose(TABS.some((t) => t.id === ctx.route?.tab) ? ctx.route.tab : 'projects');

  async function choose(id) {
    if (st.disposed) return false;
    if (id === st.tab) return true;
    const current = st.panels.get(st.tab);
    if (current && !(await confirmDiscard(current.isDirty()))) {
      tabs.querySelector(`[data-cobuild-tab="${st.tab}"]`)?.focus();
      return false;
    }
    if (st.disposed) return false;
    st.tab = id;
    TABS.forEach((t, i) => {
      const on = t.id === id;
      const b = tabs.querySelector(`[data-cobuild-tab="${t.id}"]`);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    const t = TABS.find((x) => x.id === id);
    let panel = st.panels.get(id);
    if (!panel) {
      panel = t.mount(panels[TABS.indexOf(t)], { ...ctx, shared, openProject });
      st.panels.set(id, panel);
    } else {
      panel.show();
    }
    return true;
  }

  /** From 共建单位: go to 项目 and open one. */
  async function openProject(id) {
    if (!(await choose('projects'))) return;
    st.panels.get('projects')?.openProject(id);
  }

  return () => {
    st.disposed = true;
    for (const p of st.panels.values()) p.dispose();
  };
}
