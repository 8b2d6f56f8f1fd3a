// main.js's boot against a stubbed invoke: what the first screen is for each status.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, domPerTest } from './dom-env.mjs';
import { boot, showToast } from '../../ui/js/main.js';
import { guardUnsaved } from '../../ui/js/dialog.js';

/** Boots with app_status answering `status` (kind_catalog an empty catalog). */
async function bootWith(status) {
  for (const id of ['banners', 'app']) {
    const el = document.createElement('div');
    el.id = id;
    document.body.append(el);
  }
  const calls = [];
  globalThis.__TAURI__ = {
    core: {
      invoke: async (cmd, args) => {
        calls.push([cmd, args]);
        if (cmd === 'app_status') return status;
        if (cmd === 'kind_catalog') return { kinds: [], figureLabels: {} };
        return null;
      },
    },
  };
  try {
    await boot();
    await settle();
  } finally {
    delete globalThis.__TAURI__;
  }
  return calls;
}

const RECOVERY = {
  setAsidePath: '/data/g.db.damaged-20261204T161407Z',
  latestBackup: { fileName: 'gridledger-320115101000-20261204T161407Z.db', takenAt: '2026-12-04T08:14:07Z' },
};

describe('boot', () => {
  domPerTest();

  test('a database set aside with a backup: restore is offered first, the empty setup form only on request', async () => {
    await bootWith({ initialized: false, recovery: RECOVERY, notices: [] });
    assert.ok(document.querySelector('#recovery-banner #recovery-restore'), 'the banner offers the backup');
    assert.match(textOf(document.querySelector('#recovery-banner')), /最近的备份：2026-12-04 16:14/);
    assert.equal(document.querySelector('#setup-form'), null, 'no empty ledger to fill in by mistake');
    assert.match(textOf(document.querySelector('#recovery-choice')), /请先从备份恢复.*最近的备份（2026-12-04 16:14）/);
    assert.ok(document.querySelector('#recovery-choice #recovery-choice-restore'), 'the card itself offers to restore');
    assert.equal(document.querySelector('#recovery-latest').hidden, true, 'one 从最近的备份恢复 on the screen: the card\'s');
    await dispatch(document.querySelector('#recovery-start-empty'), 'click');
    await settle(); // the setup view is read on first use
    assert.ok(document.querySelector('#setup-form'), 'the form once the clerk chose not to restore');
    assert.equal(document.querySelector('#recovery-choice'), null);
    assert.equal(document.querySelector('#recovery-latest').hidden, false, 'the banner offers the backup again');
  });

  test('a database set aside with no backup: the setup form at once, the banner saying so', async () => {
    await bootWith({ initialized: false, recovery: { setAsidePath: '/data/g.db.damaged', latestBackup: null }, notices: [] });
    assert.ok(document.querySelector('#setup-form'));
    assert.match(textOf(document.querySelector('#recovery-banner')), /没有找到可用的备份/);
  });

  test('an office set up: its name, 示例数据 on a demo, and the menu of its level in order', async () => {
    await bootWith({
      initialized: true, notices: [],
      office: { level: 'township', code: '320115101000', name: '青溪街道', isDemo: true },
    });
    assert.equal(textOf(document.querySelector('#office-name')), '青溪街道');
    assert.equal(textOf(document.querySelector('#demo-badge')), '示例数据');
    const nav = [...document.querySelectorAll('[data-nav]')];
    assert.deepEqual(nav.map((a) => a.getAttribute('data-nav')), ['dashboard', 'hierarchy', 'people', 'business-grids', 'party',
      'cobuild', 'contacts', 'demands', 'jianfu', 'training', 'tasks', 'assessment', 'report', 'exchange', 'recycle', 'changelog', 'settings']);
    assert.equal(textOf(document.querySelector('#nav-exchange')), '上报');
    assert.equal(document.querySelector('#nav-dashboard').getAttribute('aria-current'), 'page');
    // A toast about this screen does not follow the clerk to the next one.
    const toast = document.createElement('div');
    toast.id = 'toast';
    toast.hidden = true;
    document.body.append(toast);
    showToast('已导出 22 人', [{ label: '打开文件', run() {} }]);
    assert.equal(toast.hidden, false);
    // One with buttons stays a while; × puts it away at once.
    await dispatch(toast.querySelector('.toast-close'), 'click');
    assert.equal(toast.hidden, true);
    showToast('已导出 22 人', [{ label: '打开文件', run() {} }]);
    assert.equal(toast.hidden, false);
    globalThis.__TAURI__ = { core: { invoke: async () => [] } };
    try {
      await dispatch(document.querySelector('#nav-recycle'), 'click');
    } finally {
      delete globalThis.__TAURI__;
    }
    assert.equal(toast.hidden, true);
    assert.equal(document.querySelector('#nav-recycle').getAttribute('aria-current'), 'page');
  });

  test('the menu asks 放弃修改？ before leaving a form with edits, as a tab or a tree node does', async () => {
    await bootWith({
      initialized: true, notices: [],
      office: { level: 'township', code: '320115101000', name: '青溪街道', isDemo: false },
    });
    const here = document.querySelector('[data-nav][aria-current]').getAttribute('data-nav');
    const [away, further] = ['recycle', 'changelog', 'settings'].filter((v) => v !== here);
    const link = (v) => document.querySelector(`#nav-${v}`);
    let edited = true;
    guardUnsaved(() => edited);
    globalThis.__TAURI__ = { core: { invoke: async () => [] } };
    try {
      await dispatch(link(away), 'click');
      await settle();
      assert.equal(textOf(document.querySelector('#confirm-title')), '放弃修改？');
      await dispatch(document.querySelector('#confirm-cancel'), 'click');
      await settle();
      assert.equal(link(here).getAttribute('aria-current'), 'page', '继续编辑 stays');
      await dispatch(link(away), 'click');
      await settle();
      await dispatch(document.querySelector('#confirm-ok'), 'click');
      await settle();
      assert.equal(link(away).getAttribute('aria-current'), 'page', '放弃修改 leaves');
      // The form left with its view is asked no more.
      await dispatch(link(further), 'click');
      await settle();
      assert.equal(document.querySelector('#confirm-dialog'), null);
      assert.equal(link(further).getAttribute('aria-current'), 'page');
      edited = false;
    } finally {
      delete globalThis.__TAURI__;
    }
  });

  test('a new installation: the setup form', async () => {
    await bootWith({ initialized: false, notices: [] });
    assert.ok(document.querySelector('#setup-form'));
    assert.equal(document.querySelector('#recovery-banner'), null);
  });
});
