// views/tabbed.js: the tabbed frame of 党建 and 共建 (ids, data-<prefix>-tab, panels,
// lazy mount, show() on re-entry, 放弃修改？ before leaving a dirty tab, dispose),
// run against a small fake DOM with attribute selectors.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { tabbedView, loadingTab } from '../../ui/js/views/tabbed.js';
import { FakeElement, installFakeConfirm, fire } from './fake-dom.mjs';

/** Selectors of the form `[a]`, `[a="v"]`, one or more in a row. */
function matches(el, selector) {
  const parts = [...selector.matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)];
  assert.ok(parts.length, `fake DOM: unsupported selector ${selector}`);
  return parts.every(([, name, value]) => (value === undefined ? el.hasAttribute(name) : el.getAttribute(name) === value));
}

/** FakeElement with a parent, focus and attribute-selector queries. */
class El extends FakeElement {
  constructor(tag) {
    super(tag);
    this.parentNode = null;
  }
  hasAttribute(k) { return this.attributes.has(k); }
  append(...nodes) {
    for (const n of nodes) n.parentNode = this;
    super.append(...nodes);
  }
  focus() { globalThis.document.activeElement = this; }
  querySelectorAll(selector) {
    const out = [];
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType !== 1) continue;
        if (matches(c, selector)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  querySelector(selector) { return this.querySelectorAll(selector)[0] ?? null; }
  closest(selector) {
    for (let n = this; n; n = n.parentNode) if (n.nodeType === 1 && matches(n, selector)) return n;
    return null;
  }
}

/** A tab module that records what happens to it. */
function fakeTab(id, log) {
  const handle = { dirty: false };
  return {
    id,
    label: id.toUpperCase(),
    handle,
    mount(panel, ctx) {
      log.push(['mount', id, panel.getAttribute('id'), ctx]);
      return Object.assign(handle, {
        show: () => log.push(['show', id]),
        isDirty: () => handle.dirty,
        dispose: () => log.push(['dispose', id]),
      });
    },
  };
}

describe('tabbedView', () => {
  let log;
  let tabs;
  let answer;
  const buttons = (v) => v.tablist.querySelectorAll('[role="tab"]');
  const setup = (prefix = 'party', context = () => ({ from: 'ctx' })) => tabbedView({ prefix, label: '党建', tabs, context });

  let uninstall;
  beforeEach(() => {
    log = [];
    answer = true;
    tabs = [fakeTab('sanliang', log), fakeTab('committees', log), fakeTab('meetings', log)];
    uninstall = installFakeConfirm((message) => {
      log.push(['confirm', message]);
      return answer;
    }, El);
  });
  afterEach(() => uninstall());

  test('builds the tab list and the panels from the prefix, nothing mounted yet', () => {
    const v = setup();
    assert.equal(v.tablist.getAttribute('role'), 'tablist');
    assert.equal(v.tablist.getAttribute('aria-label'), '党建');
    assert.equal(v.tablist.className, 'role-tabs');
    assert.deepEqual(buttons(v).map((b) => [
      b.tagName, b.getAttribute('id'), b.getAttribute('data-party-tab'), b.getAttribute('aria-controls'),
      b.getAttribute('aria-selected'), b.getAttribute('tabindex'), b.getAttribute('type'), b.className, b.textContent,
    ]), [
      ['BUTTON', 'party-tab-sanliang', 'sanliang', 'party-panel-sanliang', 'false', '-1', 'button', 'role-tab', 'SANLIANG'],
      ['BUTTON', 'party-tab-committees', 'committees', 'party-panel-committees', 'false', '-1', 'button', 'role-tab', 'COMMITTEES'],
      ['BUTTON', 'party-tab-meetings', 'meetings', 'party-panel-meetings', 'false', '-1', 'button', 'role-tab', 'MEETINGS'],
    ]);
    assert.deepEqual(v.panels.map((p) => [
      p.tagName, p.getAttribute('id'), p.getAttribute('role'), p.className, p.getAttribute('aria-labelledby'), p.getAttribute('hidden'),
    ]), [
      ['DIV', 'party-panel-sanliang', 'tabpanel', 'party-panel', 'party-tab-sanliang', ''],
      ['DIV', 'party-panel-committees', 'tabpanel', 'party-panel', 'party-tab-committees', ''],
      ['DIV', 'party-panel-meetings', 'tabpanel', 'party-panel', 'party-tab-meetings', ''],
    ]);
    assert.deepEqual(log, []);
    assert.equal(v.panel('sanliang'), undefined);
  });

  test('another prefix names everything after it (共建)', () => {
    const v = setup('cobuild');
    const b = buttons(v)[1];
    assert.equal(b.getAttribute('id'), 'cobuild-tab-committees');
    assert.equal(b.getAttribute('data-cobuild-tab'), 'committees');
    assert.equal(b.getAttribute('data-party-tab'), null);
    assert.equal(v.panels[1].getAttribute('id'), 'cobuild-panel-committees');
    assert.equal(v.panels[1].className, 'cobuild-panel');
  });

  test('start() shows the asked tab, or the first one when it is not a tab', async () => {
    const v = setup();
    assert.equal(await v.start('nope'), true);
    assert.deepEqual(log, [['mount', 'sanliang', 'party-panel-sanliang', { from: 'ctx' }]]);
    assert.deepEqual(buttons(v).map((b) => [b.getAttribute('aria-selected'), b.tabIndex]), [['true', 0], ['false', -1], ['false', -1]]);
    assert.deepEqual(v.panels.map((p) => p.hidden), [false, true, true]);

    const w = setup();
    await w.start('meetings');
    assert.equal(log.at(-1)[1], 'meetings');
    assert.deepEqual(w.panels.map((p) => p.hidden), [true, true, false]);
  });

  test('a tab is mounted once, into its panel, with the context; shown again it is refreshed', async () => {
    let n = 0;
    const v = setup('party', () => ({ n: ++n }));
    await v.start(undefined);
    await v.choose('committees');
    assert.equal(await v.choose('sanliang'), true);
    await v.choose('committees');
    assert.deepEqual(log, [
      ['mount', 'sanliang', 'party-panel-sanliang', { n: 1 }],
      ['mount', 'committees', 'party-panel-committees', { n: 2 }],
      ['show', 'sanliang'],
      ['show', 'committees'],
    ]);
    assert.equal(v.panel('committees'), tabs[1].handle);
    // The tab already shown: nothing happens, and it counts as shown.
    assert.equal(await v.choose('committees'), true);
    assert.equal(log.length, 4);
  });

  test('a click on a tab (or inside it) chooses it', async () => {
    const v = setup();
    await v.start();
    const inner = new El('span');
    buttons(v)[2].append(inner);
    await fire(v.tablist, 'click', { target: inner });
    assert.deepEqual(v.panels.map((p) => p.hidden), [true, true, false]);
    await fire(v.tablist, 'click', { target: v.tablist }); // between the tabs: nothing
    assert.deepEqual(v.panels.map((p) => p.hidden), [true, true, false]);
  });

  test('←/→ move between the tabs and choose them', async () => {
    const v = setup();
    await v.start();
    buttons(v)[0].focus();
    const e = await fire(v.tablist, 'keydown', { key: 'ArrowLeft' });
    assert.equal(e.defaultPrevented, true);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(globalThis.document.activeElement, buttons(v)[2]);
    assert.deepEqual(v.panels.map((p) => p.hidden), [true, true, false]);
  });

  test('leaving a tab with unsaved edits asks first; 继续编辑 stays there', async () => {
    const v = setup();
    await v.start();
    tabs[0].handle.dirty = true;
    answer = false;
    globalThis.document.activeElement = null;
    assert.equal(await v.choose('meetings'), false);
    assert.equal(log.at(-1)[0], 'confirm');
    assert.equal(globalThis.document.activeElement, buttons(v)[0]);
    assert.deepEqual(v.panels.map((p) => p.hidden), [false, true, true]);
    assert.equal(v.panel('meetings'), undefined);

    answer = true;
    assert.equal(await v.choose('meetings'), true);
    assert.deepEqual(v.panels.map((p) => p.hidden), [true, true, false]);
    assert.equal(log.at(-1)[1], 'meetings');
  });

  test('a clean tab is left without asking', async () => {
    const v = setup();
    await v.start();
    await v.choose('meetings');
    assert.equal(log.some(([what]) => what === 'confirm'), false);
  });

  test('dispose() disposes the mounted tabs; afterwards nothing is chosen or mounted', async () => {
    const v = setup();
    await v.start();
    await v.choose('meetings');
    v.dispose();
    assert.deepEqual(log.slice(-2), [['dispose', 'sanliang'], ['dispose', 'meetings']]);
    assert.equal(await v.choose('committees'), false);
    assert.equal(v.panel('committees'), undefined);
  });

  test('the view is left while 放弃修改？ is open: nothing more happens', async () => {
    const v = setup();
    await v.start();
    tabs[0].handle.dirty = true;
    globalThis.confirm = () => {
      v.dispose();
      return true;
    };
    assert.equal(await v.choose('meetings'), false);
    assert.equal(v.panel('meetings'), undefined);
    assert.deepEqual(v.panels.map((p) => p.hidden), [false, true, true]);
  });
});

describe('loadingTab: a tab that loads its data', () => {
  let uninstall;
  beforeEach(() => { uninstall = installFakeConfirm(() => true, El); });
  afterEach(() => uninstall());

  /** A tab like 抽查 or 清单版本: its loads counted, its own parts disposed. */
  const loadingFake = (id, seen, opts = {}) => {
    const st = { disposed: false, dirty: false, loads: 0 };
    return {
      id,
      label: id,
      st,
      mount: () => loadingTab(st, () => { st.loads += 1; }, {
        ...opts.dirty ? { isDirty: () => st.dirty } : {},
        dispose: () => seen.push(['own parts', id, st.disposed]),
      }),
    };
  };

  test('loads when first shown and again each time it is shown again', async () => {
    const seen = [];
    const tabs = [loadingFake('sampling', seen), loadingFake('versions', seen)];
    const v = tabbedView({ prefix: 'assessment', label: '考核', tabs, context: () => ({}) });
    await v.start();
    assert.deepEqual(tabs.map((t) => t.st.loads), [1, 0]);
    await v.choose('versions');
    await v.choose('sampling');
    assert.deepEqual(tabs.map((t) => t.st.loads), [2, 1]);
  });

  test('no edits unless it says so; with isDirty, leaving asks first', async () => {
    const seen = [];
    const asked = [];
    uninstall();
    uninstall = installFakeConfirm((m) => { asked.push(m); return false; }, El);
    const tabs = [loadingFake('plain', seen), loadingFake('surveys', seen, { dirty: true }), loadingFake('other', seen)];
    const v = tabbedView({ prefix: 'x', label: 'x', tabs, context: () => ({}) });
    await v.start();
    assert.equal(v.panel('plain').isDirty(), false);
    assert.equal(await v.choose('surveys'), true);
    tabs[1].st.dirty = true;
    assert.equal(v.panel('surveys').isDirty(), true);
    assert.equal(await v.choose('other'), false, '继续编辑 keeps the tab with edits');
    assert.equal(asked.length, 1);
  });

  test('dispose marks the tab gone before its own parts go', async () => {
    const seen = [];
    const tabs = [loadingFake('inspections', seen)];
    const v = tabbedView({ prefix: 'assessment', label: '考核', tabs, context: () => ({}) });
    await v.start();
    v.dispose();
    assert.equal(tabs[0].st.disposed, true);
    assert.deepEqual(seen, [['own parts', 'inspections', true]]);
  });
});
