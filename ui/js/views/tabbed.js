// A view made of tabs (党建, 共建): a role=tablist of buttons (click, ←/→/Home/End)
// and one panel per tab. A tab's module is mounted into its panel the first time
// the tab is shown; shown again later it is refreshed (show()). Leaving a tab with
// unsaved edits asks 放弃修改？ first.
import { h } from '../dom.js';
import { confirmDiscard, guardUnsaved } from '../dialog.js';
import { bindTabKeys, dismissToast } from '../forms.js';

/**
 * tabbedView({ prefix, label, tabs, context })
 *   prefix   names the parts: buttons `button.role-tab#<prefix>-tab-<id>[data-<prefix>-tab="<id>"]`,
 *            panels `div.<prefix>-panel#<prefix>-panel-<id>` (role=tabpanel)
 *   label    the tablist's aria-label
 *   tabs     [{ id, label, mount(panel, ctx) → { show(), isDirty(), dispose(), … } }]
 *   context  () → the ctx a tab's mount gets (asked when the tab is first shown)
 * → { tablist, panels, choose, start, panel, dispose }
 *   choose(id)   → Promise<boolean>: true when tab `id` is shown (also when it already was);
 *                  false when the clerk kept editing the current tab or the view is gone
 *   start(id)    the first tab to show: `id` when it is one of `tabs`, else the first
 *   panel(id)    what the tab's mount returned (undefined before it was first shown)
 *   dispose()    the view is gone: every mounted tab is disposed
 * Put `tablist` and `panels` into the page before start().
 */
export function tabbedView({ prefix, label, tabs, context }) {
  const attr = `data-${prefix}-tab`;
  const st = { tab: '', panels: new Map(), disposed: false };

  const tablist = h('div', { class: 'role-tabs', role: 'tablist', 'aria-label': label },
    tabs.map((t) => h('button', {
      type: 'button', role: 'tab', class: 'role-tab', id: `${prefix}-tab-${t.id}`, [attr]: t.id,
      'aria-controls': `${prefix}-panel-${t.id}`, 'aria-selected': 'false', tabindex: '-1',
    }, t.label)));
  const panels = tabs.map((t) => h('div', {
    id: `${prefix}-panel-${t.id}`, role: 'tabpanel', class: `${prefix}-panel`, 'aria-labelledby': `${prefix}-tab-${t.id}`, hidden: true,
  }));
  const button = (id) => tablist.querySelector(`[${attr}="${id}"]`);
  const unguard = guardUnsaved(() => !st.disposed && !!st.panels.get(st.tab)?.isDirty());

  tablist.addEventListener('click', (e) => {
    const b = e.target.closest(`[${attr}]`);
    if (b) choose(b.getAttribute(attr));
  });
  bindTabKeys(tablist, (b) => choose(b.getAttribute(attr)));

  async function choose(id) {
    if (st.disposed) return false;
    if (id === st.tab) return true;
    const current = st.panels.get(st.tab);
    if (current && !(await confirmDiscard(current.isDirty()))) {
      button(st.tab)?.focus();
      return false;
    }
    if (st.disposed) return false;
    // What a toast said was about the tab being left; it would cover the next one.
    dismissToast();
    st.tab = id;
    tabs.forEach((t, i) => {
      const on = t.id === id;
      const b = button(t.id);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    const i = tabs.findIndex((x) => x.id === id);
    let panel = st.panels.get(id);
    if (!panel) {
      panel = tabs[i].mount(panels[i], context());
      st.panels.set(id, panel);
    } else {
      panel.show();
    }
    return true;
  }

  return {
    tablist,
    panels,
    choose,
    start: (id) => choose(tabs.some((t) => t.id === id) ? id : tabs[0].id),
    panel: (id) => st.panels.get(id),
    dispose: () => {
      st.disposed = true;
      unguard();
      for (const p of st.panels.values()) p.dispose();
    },
  };
}

/**
 * What a tab's mount returns when the tab is a page that loads its data: `load()` now
 * (the mount is the tab's first showing) and again on every show(); dispose() marks
 * `st.disposed` (so answers still on their way are dropped), then runs the tab's own
 * `dispose`. `isDirty` says whether its form holds edits (default: it has none).
 */
export function loadingTab(st, load, { isDirty = () => false, dispose } = {}) {
  load();
  return {
    show: () => load(),
    isDirty,
    dispose: () => {
      st.disposed = true;
      dispose?.();
    },
  };
}

/**
 * A whole view made of tabs (党建, 共建, 诉求, 联系点, 减负, 考核): the section
 * `#<prefix>-view` with its title (also the tablist's label) and hint, then the tabs,
 * shown from `startTab` (see start()). `context(view)` is the ctx each tab's mount
 * gets, so it may hand the tabs view.choose. → the tabbedView.
 */
export function mountTabbedSection(container, { prefix, title, hint, tabs, context, startTab }) {
  const view = tabbedView({ prefix, label: title, tabs, context: () => context(view) });
  container.append(h('section', { class: `view view-wide ${prefix}`, id: `${prefix}-view`, 'aria-labelledby': `${prefix}-title` },
    h('div', { class: 'view-header' },
      h('h1', { id: `${prefix}-title` }, title),
      h('p', { class: 'hint' }, hint)),
    view.tablist,
    view.panels));
  view.start(startTab);
  return view;
}
