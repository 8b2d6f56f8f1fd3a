// 减负 › 清单版本 (issue 15 item 1): for each of the three lists its current version
// and what changed since (the items as they stand), 发布新版本 (版本号, 发布日期: a
// snapshot of the list now); every version in a table, each readable with its items
// and its diff from the version before (新增, 删除, 表述修改); 打印目录 prints the
// catalogue (A4, each list grouped by 领域).
import { h, clear, thead, dateBox } from '../dom.js';
import { loadingTab } from './tabbed.js';
import { newest } from '../newest.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import { DUTY_LISTS } from '../logic/duties.js';
import {
  catalogueNote, changesText, currentText, diffRows, hasChanges, parsePublishForm, pendingText,
} from '../logic/duty-versions.js';
import { loadDutyVersions } from './duty-publish-offer.js';

export function mountDutyVersions(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { versions: [], disposed: false, token: 0 };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });
  const lists = h('div', { class: 'duty-versions-lists', id: 'duty-versions-lists' });
  const table = h('div', { id: 'duty-versions-table-host' });
  const detail = h('section', { class: 'info-section', id: 'duty-version-detail', 'aria-live': 'polite' });
  const printBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'duty-catalogue-open' }, '打印目录…');
  const screen = h('div', { class: 'duty-catalogue', id: 'duty-catalogue', hidden: true });
  const main = h('section', { class: 'duty-versions', id: 'duty-versions-view', 'aria-labelledby': 'duty-versions-title' },
    h('div', { class: 'view-header' },
      h('h2', { id: 'duty-versions-title', class: 'sr-only' }, '清单版本'),
      h('p', { class: 'hint' }, '上级下发或调整清单后，先导入或修改三清单的事项，再在这里发布新版本（版本号、发布日期）。旧版本保留可查，并能看出新增、删除和表述修改。')),
    h('div', { class: 'toolbar no-print' }, printBtn),
    lists, table, detail);
  host.append(main, screen);
  printBtn.addEventListener('click', () => openCatalogue());

  async function load() {
    const got = await newest(st, 'token', () => loadDutyVersions(api));
    if (!got) return;
    if (!got.ok) {
      fail(got.error);
      return;
    }
    const [versions, pending] = got.value;
    st.versions = versions ?? [];
    clear(lists, DUTY_LISTS.map((l, i) => listCard(l, pending[i])));
    drawTable();
  }

  function listCard(l, pending) {
    const error = h('p', { class: 'field-error', id: `duty-publish-${l.value}-error`, hidden: true });
    const version = h('input', { id: `duty-publish-${l.value}-version`, 'aria-label': `${l.label}版本号`, placeholder: '版本号，如 2026版', maxlength: 40 });
    const on = dateBox({ id: `duty-publish-${l.value}-publishedOn`, 'aria-label': `${l.label}发布日期`, value: localDate() });
    const note = h('input', { id: `duty-publish-${l.value}-note`, 'aria-label': `${l.label}说明`, placeholder: '说明（可不填）', maxlength: 500 });
    const go = h('button', { type: 'button', class: 'btn btn-primary btn-small', id: `duty-publish-${l.value}` }, '发布新版本');
    go.addEventListener('click', () => publish(l, { version, on, note, error, go }));
    const changed = hasChanges(pending);
    return h('div', { class: 'duty-version-card', 'data-list': l.value },
      h('h3', {}, l.label),
      h('p', { id: `duty-current-${l.value}` }, currentText(st.versions, l.value)),
      h('p', { class: changed ? 'hint' : 'muted', id: `duty-pending-${l.value}` }, pendingText(st.versions, l.value, pending)),
      h('div', { class: 'filter-row' }, version, on, note, go),
      error);
  }

  async function publish(l, { version, on, note, error, go }) {
    error.hidden = true;
    const parsed = parsePublishForm({ list: l.value, version: version.value, publishedOn: on.value, note: note.value });
    const show = (message) => { error.textContent = message; error.hidden = false; };
    if (!parsed.ok) {
      show(parsed.error.message);
      return;
    }
    go.disabled = true;
    try {
      const saved = await api.publishDutyListVersion(parsed.input);
      if (st.disposed) return;
      toast(`已发布${l.label}“${saved?.version ?? parsed.input.version}”`);
      await load();
    } catch (e) {
      if (st.disposed) return;
      reportError(e, { field: (_, m) => show(m), show, reboot: onError });
    } finally {
      go.disabled = false;
    }
  }

  function drawTable() {
    if (!st.versions.length) {
      clear(table, h('p', { class: 'muted', id: 'duty-versions-empty' }, '还没有发布过版本。'));
      return;
    }
    clear(table, h('table', { class: 'data-table', id: 'duty-versions-table' },
      thead(['清单', '版本号', '发布日期', '事项数', '与上一版本相比', { sr: '操作' }]),
      h('tbody', {}, st.versions.map((v) => {
        const open = h('button', { type: 'button', class: 'btn btn-link', 'data-version-open': v.id }, '查看');
        open.addEventListener('click', () => showVersion(v));
        return h('tr', { 'data-version-id': v.id, 'data-current': v.current ? 'true' : 'false' },
          h('td', {}, v.listLabel ?? ''),
          h('td', {}, v.version ?? '', v.current ? h('span', { class: 'badge badge-after' }, '当前') : null),
          h('td', {}, v.publishedOn ?? ''),
          h('td', {}, String(v.items ?? 0)),
          h('td', {}, v.changes ? changesText(v.changes) : '首个版本'),
          h('td', {}, open));
      }))));
  }

  async function showVersion(v) {
    const token = ++st.token;
    const previous = st.versions.slice(st.versions.indexOf(v) + 1).find((x) => x.list === v.list);
    let full;
    let diff = null;
    try {
      [full, diff] = await Promise.all([
        api.dutyListVersion(v.id),
        previous ? api.compareDutyListVersions(previous.id, v.id) : Promise.resolve(null),
      ]);
    } catch (e) {
      if (!st.disposed) fail(e);
      return;
    }
    if (st.disposed || token !== st.token) return;
    const rows = diff ? diffRows(diff) : [];
    clear(detail,
      h('h3', { id: 'duty-version-title' }, `${v.listLabel ?? ''} ${v.version ?? ''}（${v.publishedOn ?? ''} 发布）`),
      previous
        ? h('div', { id: 'duty-version-diff' },
          h('h4', {}, `与“${previous.version}”相比`),
          rows.length
            ? h('ul', { class: 'diff-list' }, rows.map((r) => h('li', { 'data-diff': r.kind },
              h('span', { class: ['badge', `diff-${r.kind}`] }, r.label), ` ${r.item}`, r.detail ? h('span', { class: 'muted' }, ` ${r.detail}`) : null)))
            : h('p', { class: 'muted' }, '没有变化。'))
        : h('p', { class: 'muted' }, '这是这张清单的第一个版本。'),
      h('h4', {}, `事项（${(full?.items ?? []).length} 项）`),
      h('ol', { class: 'version-items', id: 'duty-version-items' },
        (full?.items ?? []).map((i) => h('li', {}, `${i.number ? `${i.number}. ` : ''}${i.name ?? ''}`))));
  }

  async function openCatalogue() {
    let lists;
    try {
      lists = await api.dutyCatalogue();
    } catch (e) {
      if (!st.disposed) fail(e);
      return;
    }
    if (st.disposed) return;
    const office = ctx.office?.name ?? '';
    const back = h('button', { type: 'button', class: 'btn btn-secondary', id: 'duty-catalogue-back' }, '返回');
    back.addEventListener('click', closeCatalogue);
    const print = h('button', { type: 'button', class: 'btn btn-primary', id: 'duty-catalogue-print' }, '打印');
    print.addEventListener('click', () => globalThis.print?.());
    clear(screen,
      h('div', { class: 'notice-toolbar no-print' }, back, print, h('span', { class: 'hint' }, '打印时请选择 A4 纸、纵向。')),
      h('article', { class: 'catalogue-paper' },
        h('h1', { class: 'catalogue-title' }, `${office}履职事项清单目录`),
        (lists ?? []).map((l) => h('section', { class: 'catalogue-list', 'data-list': l.list },
          h('h2', {}, `${l.label}（${l.total} 项）`),
          h('p', { class: 'catalogue-version' }, l.published ? `版本：${l.version}　发布日期：${l.publishedOn}` : '尚未发布版本（当前录入的事项）'),
          (l.fields ?? []).map((f) => h('section', { class: 'catalogue-field', 'data-field': f.field },
            h('h3', {}, f.label),
            h('table', { class: 'catalogue-table' },
              thead('序号', '事项名称', '依据', l.list === 'basic' ? '乡镇职责' : '部门'),
              h('tbody', {}, (f.items ?? []).map((i) => h('tr', {},
                h('td', {}, i.number ?? ''), h('td', {}, i.name ?? ''), h('td', {}, i.basis ?? ''), h('td', {}, catalogueNote(l.list, i))))))))))));
    main.hidden = true;
    screen.hidden = false;
    print.focus?.();
  }

  function closeCatalogue() {
    screen.hidden = true;
    main.hidden = false;
    printBtn.focus?.();
  }

  return loadingTab(st, load);
}
