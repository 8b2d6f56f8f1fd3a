// Boot: ask app_status, then show the fatal screen, the setup screen or the
// main shell. Owns the shared feedback (toast, alert box, banners) and the
// navigation between views.
import * as api from './api.js';
import { h, clear, $, titleChosenOnHover, markCutTables } from './dom.js';
import { confirmDialog, confirmDiscard, forgetUnsaved, hasUnsaved } from './dialog.js';
import { dismissToast } from './forms.js';
import { errorMessage, reportError } from './logic/errors.js';
import { levelLabel, restoreQuestion, useKindCatalog } from './logic/labels.js';
import { formatDateTime } from './logic/format.js';
import { ownLedgerText } from './logic/exchange.js';
import { mountDashboard } from './views/dashboard.js';

/**
 * A view read on first use: `mount` keeps the views' contract (container, props) →
 * unmount, but the module (and everything it imports) is fetched only when the view
 * is first shown. At start the window reads main.js and the dashboard, about 20
 * modules instead of 124 (issue 13: start-up near the bare app). The returned
 * unmount works before the module has arrived (the view is then never mounted) and
 * carries `ready`, a promise settled once the view is on the page.
 */
export function lazyView(load, name) {
  let loading = null;
  return (container, props) => {
    let unmount = null;
    let gone = false;
    loading ??= load().then((m) => m[name]);
    const ready = loading.then((mount) => {
      if (gone) return;
      unmount = mount(container, props) ?? null;
    }).catch((e) => {
      loading = null; // a failed read is tried again on the next visit
      if (!gone) props?.onError?.(e);
    });
    // `ready`: settles once the view is on the page (boot waits for it before data-ready).
    return Object.assign(() => {
      gone = true;
      if (typeof unmount === 'function') unmount();
    }, { ready });
  };
}

const mountSetup = lazyView(() => import('./views/setup.js'), 'mountSetup');
const mountHierarchy = lazyView(() => import('./views/hierarchy/index.js'), 'mountHierarchy');
const mountPeople = lazyView(() => import('./views/people/index.js'), 'mountPeople');
const mountBusinessGrids = lazyView(() => import('./views/business-grids/index.js'), 'mountBusinessGrids');
const mountParty = lazyView(() => import('./views/party.js'), 'mountParty');
const mountCobuild = lazyView(() => import('./views/cobuild.js'), 'mountCobuild');
const mountContacts = lazyView(() => import('./views/contacts.js'), 'mountContacts');
const mountDemands = lazyView(() => import('./views/demands.js'), 'mountDemands');
const mountJianfu = lazyView(() => import('./views/jianfu.js'), 'mountJianfu');
const mountTraining = lazyView(() => import('./views/training.js'), 'mountTraining');
const mountTasks = lazyView(() => import('./views/tasks.js'), 'mountTasks');
const mountAssessment = lazyView(() => import('./views/assessment.js'), 'mountAssessment');
const mountRecycle = lazyView(() => import('./views/recycle.js'), 'mountRecycle');
const mountChangelog = lazyView(() => import('./views/changelog.js'), 'mountChangelog');
const mountSettings = lazyView(() => import('./views/settings.js'), 'mountSettings');
const mountReport = lazyView(() => import('./views/report.js'), 'mountReport');
const mountExchange = lazyView(() => import('./views/exchange.js'), 'mountExchange');
const mountSenders = lazyView(() => import('./views/senders/index.js'), 'mountSenders');

// Every view; `label` may differ by office level. The menu of each level is in NAV.
const VIEWS = [
  { id: 'dashboard', label: '首页', mount: mountDashboard },
  { id: 'hierarchy', label: '组织架构', mount: mountHierarchy },
  { id: 'people', label: '人员名单', mount: mountPeople },
  { id: 'business-grids', label: '多格合一', mount: mountBusinessGrids },
  { id: 'party', label: '党建', mount: mountParty },
  { id: 'cobuild', label: '共建', mount: mountCobuild },
  { id: 'contacts', label: '联系点', mount: mountContacts },
  { id: 'demands', label: '诉求', mount: mountDemands },
  { id: 'jianfu', label: '减负', mount: mountJianfu },
  { id: 'training', label: '培训', mount: mountTraining },
  { id: 'tasks', label: '月调度', mount: mountTasks },
  { id: 'assessment', label: '考核', mount: mountAssessment },
  { id: 'senders', label: '报送情况', mount: mountSenders },
  { id: 'exchange', label: { township: '上报', county: '接收与上报', city: '接收与上报' }, mount: mountExchange },
  { id: 'report', label: '统计', mount: mountReport },
  { id: 'recycle', label: '回收站', mount: mountRecycle },
  { id: 'changelog', label: '变更记录', mount: mountChangelog },
  { id: 'settings', label: '设置', mount: mountSettings },
];

// The menu by office level: a township keeps the ledger and reports up; a county
// or city mostly receives, checks who has sent and adds up (its own records stay,
// 党建, 共建, 联系点, 诉求 and 月调度 included).
const NAV = {
  township: ['dashboard', 'hierarchy', 'people', 'business-grids', 'party', 'cobuild', 'contacts', 'demands', 'jianfu', 'training',
    'tasks', 'assessment', 'report', 'exchange', 'recycle', 'changelog', 'settings'],
  county: ['dashboard', 'senders', 'exchange', 'report', 'assessment', 'hierarchy', 'people', 'party', 'cobuild', 'contacts',
    'demands', 'tasks', 'recycle', 'changelog', 'settings'],
  city: ['dashboard', 'senders', 'exchange', 'report', 'assessment', 'hierarchy', 'people', 'party', 'cobuild', 'contacts',
    'demands', 'tasks', 'recycle', 'changelog', 'settings'],
};

/** The views in the menu of an office level (a township's when the level is unknown). */
export function viewsFor(level) {
  const ids = NAV[level] ?? NAV.township;
  return ids.map((id) => VIEWS.find((v) => v.id === id)).filter(Boolean);
}

function viewLabel(view, level) {
  return typeof view.label === 'string' ? view.label : (view.label[level] ?? view.label.township);
}

const state = {
  status: null,
  view: 'dashboard',
  unmount: null,
  dismissed: new Set(),
  booting: false,
};

// ---------- feedback ----------

let toastEl = null;
let toastTimer = 0;
/**
 * A short message at the bottom. With `actions` ([{ label, run }], e.g. 打开文件
 * after an export) it carries buttons and stays longer; a button runs its action
 * and closes the toast.
 */
export function showToast(message, actions = []) {
  // Held, not looked up: it may sit in a dialog since removed (below).
  const el = (toastEl ??= $('#toast'));
  if (!el) return;
  // Over an open dialog, inside it: a modal dialog is drawn above everything else
  // (已保存错误清单 with its 打开文件 sat under the import dialog, unseen).
  const dialogs = document.querySelectorAll('dialog[open]');
  const host = dialogs.length ? dialogs[dialogs.length - 1] : document.body;
  if (el.parentNode !== host) host.append(el);
  // Only a list of { label, run } is actions (a view may pass toast as a callback).
  actions = Array.isArray(actions) ? actions.filter((a) => a && typeof a.run === 'function') : [];
  clearTimeout(toastTimer);
  el.hidden = false;
  el.textContent = message;
  for (const a of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'toast-action';
    b.textContent = a.label;
    b.addEventListener('click', async () => {
      el.classList.remove('toast-show');
      el.hidden = true;
      try {
        await a.run();
      } catch (e) {
        showAlert(errorMessage(e));
      }
    });
    el.append(b);
  }
  // One that stays a while (it offers to open what was written) can be put away at once.
  if (actions.length) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.setAttribute('aria-label', '关闭提示');
    close.textContent = '×';
    close.addEventListener('click', () => {
      clearTimeout(toastTimer);
      el.classList.remove('toast-show');
      el.hidden = true;
    });
    el.append(close);
  }
  el.classList.add('toast-show');
  toastTimer = setTimeout(() => {
    el.classList.remove('toast-show');
    el.hidden = true;
  }, actions.length ? 10000 : 2600);
}

export function showAlert(message) {
  const el = $('#alert');
  if (!el) return;
  // A failure clears a success toast still showing from an earlier action.
  clearTimeout(toastTimer);
  dismissToast();
  const text = el.querySelector('.alert-text');
  el.hidden = false; // un-hide first so screen readers announce the new text
  text.textContent = message;
}

export function clearAlert() {
  const el = $('#alert');
  if (!el) return;
  el.hidden = true;
  el.querySelector('.alert-text').textContent = '';
}

/** Default reaction to an error a view could not handle itself. */
function handleError(e) {
  reportError(e, { show: showAlert, reboot: () => boot() });
}

const feedback = { toast: showToast, alert: showAlert, clearAlert, onError: handleError };

// ---------- banners ----------

function renderBanners(status) {
  const host = $('#banners');
  clear(host);
  if (status?.recovery) host.append(recoveryBanner(status.recovery));
  for (const notice of status?.notices ?? []) {
    const key = `${notice.level}|${notice.message}`;
    if (state.dismissed.has(key)) continue;
    const level = ['info', 'warning', 'error'].includes(notice.level) ? notice.level : 'info';
    const banner = h('div', { class: ['banner', `banner-${level}`], role: level === 'error' ? 'alert' : 'status' },
      h('p', { class: 'banner-text' }, notice.message),
      h('button', {
        type: 'button',
        class: 'btn btn-small btn-secondary banner-close',
        'aria-label': '关闭这条提示',
        onClick: () => { state.dismissed.add(key); banner.remove(); },
      }, '关闭'));
    host.append(banner);
  }
}

function recoveryBanner(recovery) {
  const backup = recovery.latestBackup;
  const parts = [
    h('p', { class: 'banner-text' },
      '数据文件已损坏，无法打开。损坏的文件已另存到：',
      h('code', { class: 'path' }, recovery.setAsidePath ?? '')),
  ];
  if (backup) {
    const button = h('button', {
      type: 'button',
      id: 'recovery-restore',
      class: 'btn btn-primary',
      onClick: async () => {
        const ok = await confirmDialog({ title: '从备份恢复', message: restoreQuestion(backup), okText: '恢复' });
        if (!ok) return;
        button.disabled = true;
        try {
          await api.restoreBackup(backup.fileName);
          globalThis.location.reload();
        } catch (e) {
          button.disabled = false;
          showAlert(errorMessage(e));
        }
      },
    }, '从最近的备份恢复');
    // The time as the clerk's clock reads it; the file's name (its time in UTC) would
    // read as another day after 16:00.
    parts.push(h('p', { class: 'banner-text', id: 'recovery-latest', title: backup.fileName ?? '' },
      `最近的备份：${formatDateTime(backup.takenAt)}。`, button));
  } else {
    parts.push(h('p', { class: 'banner-text' }, '没有找到可用的备份。可以重新设置后继续使用，或联系技术支持找回损坏的文件。'));
  }
  return h('div', { id: 'recovery-banner', class: 'banner banner-error', role: 'alert' }, h('div', {}, parts));
}

// ---------- screens ----------

function unmountCurrent() {
  if (typeof state.unmount === 'function') {
    try { state.unmount(); } catch { /* ignore */ }
  }
  state.unmount = null;
}

function renderFatal(fatal, status) {
  unmountCurrent();
  const app = $('#app');
  clear(app, h('section', { class: 'fatal', id: 'fatal' },
    h('h1', {}, '基层治理台账无法启动'),
    h('p', { class: 'fatal-message' }, errorMessage(fatal)),
    status?.dbPath ? h('p', { class: 'muted' }, '数据文件：', h('code', { class: 'path' }, status.dbPath)) : null,
    status?.appVersion ? h('p', { class: 'muted' }, `程序版本：${status.appVersion}`) : null,
    // 重试 starts the program again: the file put back or the folder made writable is
    // then opened anew (asking the failed window again never changed its answer).
    h('button', { type: 'button', class: 'btn btn-secondary', id: 'fatal-retry', onClick: () => api.restartApp().catch(() => boot()) }, '重试')));
}

/**
 * 首次设置. After a damaged database was set aside with a backup to restore, the
 * form waits behind a choice: restoring is what a clerk almost always wants, and a
 * new, empty ledger set up by mistake would be worked in as if nothing was lost.
 */
function renderSetup(recovery) {
  unmountCurrent();
  const app = $('#app');
  clear(app);
  const host = h('main', { class: 'setup-host' });
  app.append(host);
  if (recovery?.latestBackup) {
    const fresh = h('button', { type: 'button', id: 'recovery-start-empty', class: 'btn btn-secondary' }, '不恢复，建立新的空台账');
    // The card's own 恢复 does what the banner's does (asks, restores, reloads): the choice is here.
    const restore = h('button', { type: 'button', id: 'recovery-choice-restore', class: 'btn btn-primary' }, '从最近的备份恢复');
    host.append(h('section', { class: 'setup card', id: 'recovery-choice' },
      h('h1', {}, '请先从备份恢复'),
      h('p', { class: 'lead' }, `数据文件已损坏。从最近的备份（${formatDateTime(recovery.latestBackup.takenAt)}）恢复，可以找回备份时的全部台账。`),
      h('p', { class: 'hint' }, '如不恢复，将从空白台账重新开始；损坏的文件和备份都还保留着，以后仍可在“设置”里恢复。'),
      h('div', { class: 'form-actions' }, restore, fresh)));
    restore.addEventListener('click', () => document.querySelector('#recovery-restore')?.click());
    // While the card offers the choice, the banner says only what happened (one
    // 从最近的备份恢复 on the screen); once the clerk starts anew it offers it again.
    const latest = document.querySelector('#recovery-latest');
    if (latest) latest.hidden = true;
    fresh.addEventListener('click', () => {
      if (latest) latest.hidden = false;
      clear(host);
      mountSetupForm(host);
    });
    return;
  }
  mountSetupForm(host);
}

function mountSetupForm(host) {
  state.unmount = mountSetup(host, {
    api,
    ...feedback,
    onDone: async (office) => {
      // A new office has nothing to chart yet: a township starts where the ledger is
      // entered, a county or city where its offices' files come in (probe AK: a city
      // landed on 新建村/社区).
      state.view = office?.level === 'county' || office?.level === 'city' ? 'senders' : 'hierarchy';
      await boot();
      showToast('设置完成，可以开始录入了');
    },
    // A backup from the old PC brought the office with it: its figures first.
    onRestored: async (result) => {
      state.view = 'dashboard';
      await boot();
      showToast('已恢复备份，台账已全部恢复');
      if (result?.missingFiles) showAlert(result.missingAdvice ?? '');
    },
  }) ?? null;
}

function renderShell(status) {
  unmountCurrent();
  const office = status.office ?? {};
  const app = $('#app');
  const nav = h('nav', { class: 'nav', 'aria-label': '主菜单' },
    h('ul', {}, viewsFor(office.level).map((v) => h('li', {},
      h('a', {
        href: `#${v.id}`,
        class: 'nav-link',
        id: `nav-${v.id}`,
        'data-nav': v.id,
        onClick: (e) => { e.preventDefault(); leaveFor(v.id); },
      }, viewLabel(v, office.level))))));
  const content = h('main', { id: 'content', class: 'content', tabindex: '-1' });
  clear(app, h('div', { class: 'shell' },
    h('header', { class: 'header' },
      h('span', { class: 'app-title' }, '基层治理台账'),
      h('span', { class: 'office' },
        h('span', { id: 'office-name', class: 'office-name' }, office.name ?? ''),
        h('span', { id: 'office-level', class: 'office-level' }, levelLabel(office.level)),
        h('span', { class: 'office-code' }, office.code ?? '')),
      office.isDemo
        ? h('span', { id: 'demo-badge', class: 'badge-demo', title: '当前是示例数据，仅供熟悉操作，请勿录入真实信息' }, '示例数据')
        : null),
    nav,
    content));
  show(state.view);
}

/** The main menu: to another view, asking 放弃修改？ first when a form on screen holds edits. */
async function leaveFor(viewId) {
  if (!(await confirmDiscard(hasUnsaved()))) return;
  show(viewId);
}

/**
 * Show a view; `route` is handed to it as it mounts: { tab: 'partners' },
 * { tab: 'points', pointId, visitId } (联系点), { demandId } (诉求).
 */
function show(viewId, route = null) {
  const views = viewsFor(state.status?.office?.level);
  const view = views.find((v) => v.id === viewId) ?? views[0];
  unmountCurrent();
  forgetUnsaved();
  clearAlert();
  // What a toast said was about the screen being left; it would cover the next one.
  clearTimeout(toastTimer);
  dismissToast();
  state.view = view.id;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === view.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const content = $('#content');
  clear(content);
  const office = state.status?.office;
  const own = ownLedgerText(office?.level, view.id, office?.name);
  if (own) {
    const go = h('button', { type: 'button', class: 'btn btn-link', id: 'own-ledger-report' }, '去统计');
    go.addEventListener('click', () => show('report'));
    content.append(h('p', { class: 'callout callout-info own-ledger', id: 'own-ledger-note' }, own, ' ', go));
  }
  state.unmount = view.mount(content, {
    api,
    ...feedback,
    office: state.status?.office ?? null,
    status: state.status,
    // After a restore: what it did, and what the clerk must still do (files left
    // on the old PC), which stays on screen.
    onDataReplaced: async (message, warning = '') => {
      await boot();
      // Stays with a way to see what the log says (probe AM: 2.6 s, gone before the
      // window had redrawn after a restore).
      if (message) showToast(message, [{ label: '查看变更记录', run: () => show('changelog') }]);
      if (warning) showAlert(warning);
    },
    // Go to another view (e.g. 报送情况 after receiving files), optionally to one of its tabs.
    navigate: (id, where) => show(id, where ?? null),
    route,
  }) ?? null;
}

// ---------- boot ----------

export async function boot() {
  if (state.booting) return;
  state.booting = true;
  try {
    let status;
    // Both asked at once: the catalog does not depend on the status (one round trip less at start).
    const catalog = state.kindsLoaded ? null : api.kindCatalog();
    catalog?.catch(() => {}); // read below; a failure is reported there
    try {
      status = await api.appStatus();
    } catch (e) {
      clear($('#banners'));
      renderFatal(e, null);
      return;
    }
    state.status = status;
    if (!state.kindsLoaded) {
      // The kinds' labels come from the core, once (until then a table shows its name).
      try {
        useKindCatalog(await catalog);
        state.kindsLoaded = true;
      } catch (e) {
        // Without it the list boxes have no choices: say so (the next start asks again).
        reportError(e, { show: showAlert });
      }
    }
    if (status.fatal) {
      clear($('#banners'));
      renderFatal(status.fatal, status);
      return;
    }
    renderBanners(status);
    if (!status.initialized) renderSetup(status.recovery);
    else renderShell(status);
    // A view read on first use is on the page once its module has arrived.
    await state.unmount?.ready;
  } finally {
    state.booting = false;
    // For end-to-end tests: the first screen is on the page.
    document.body.setAttribute('data-ready', '');
  }
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  const alertClose = document.querySelector('#alert .alert-close');
  alertClose?.addEventListener('click', clearAlert);
  // A toast gives way to the clerk's next action: a press anywhere but on the toast
  // takes it down, so 已保存 or 已保存错误清单 never sits over the form, list or dialog
  // the clerk turns to next.
  document.addEventListener('pointerdown', (e) => {
    if (!e.target?.closest?.('#toast')) dismissToast();
  }, true);
  titleChosenOnHover(document);
  markCutTables(document);
  // A second launch on this database came here instead of opening a new window.
  api.onWindowShown(() => {
    const n = Number(document.body.dataset.shownByLaunch ?? 0) + 1;
    document.body.dataset.shownByLaunch = String(n);
    showToast('这个数据库已在本窗口中打开，不会再开第二个窗口。');
  });
  boot();
}
