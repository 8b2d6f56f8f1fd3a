// 回收站: deleted records, newest first, each with a 恢复 button.
import { h, clear, thead } from '../dom.js';
import { formatDateTime } from '../logic/format.js';
import { errorRoute, reportError } from '../logic/errors.js';

export function mountRecycle(container, { api, toast, alert, clearAlert, onError }) {
  let disposed = false;
  const body = h('div', { class: 'view-body', id: 'recycle-body', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在加载…'));
  container.append(h('section', { class: 'view recycle', 'aria-labelledby': 'recycle-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'recycle-title' }, '回收站'),
      h('p', { class: 'hint' }, '删除的记录会先放在这里，点“恢复”即可放回原处。')),
    body));

  async function load() {
    body.setAttribute('aria-busy', 'true');
    let entries;
    try {
      entries = await api.listRecycleBin();
    } catch (e) {
      if (disposed) return;
      clear(body, h('p', { class: 'empty-state' }, '回收站没有加载成功。'));
      fail(e);
      return;
    } finally {
      body.removeAttribute('aria-busy');
    }
    if (disposed) return;
    render(Array.isArray(entries) ? entries : []);
  }

  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  function render(entries) {
    if (!entries.length) {
      clear(body, h('p', { class: 'empty-state', id: 'recycle-empty' }, '回收站是空的'));
      return;
    }
    clear(body, h('table', { class: 'data-table', id: 'recycle-table' },
      thead('类型', '摘要', '删除时间', '操作人', { sr: '操作' }),
      h('tbody', {}, entries.map((entry) => {
        const button = h('button', {
          type: 'button', class: 'btn btn-secondary btn-small', 'data-entry-id': String(entry.id),
          'aria-label': `恢复“${entry.summary ?? ''}”`,
        }, '恢复');
        button.addEventListener('click', () => restore(entry, button));
        return h('tr', { 'data-entry-id': String(entry.id) },
          h('td', {}, entry.kindLabel ?? ''),
          h('td', { class: 'cell-summary' }, entry.summary ?? ''),
          h('td', { class: 'cell-time' }, formatDateTime(entry.deletedAt)),
          h('td', {}, entry.deletedBy ?? ''),
          h('td', { class: 'cell-actions' }, button));
      }))));
  }

  async function restore(entry, button) {
    button.disabled = true;
    clearAlert?.();
    try {
      await api.restoreRecycled(entry.id);
      if (disposed) return;
      toast(`已恢复“${entry.summary ?? ''}”`);
    } catch (e) {
      if (disposed) return;
      button.disabled = false;
      fail(e);
      if (errorRoute(e) !== 'reload') return;
    }
    await load();
  }

  load();
  return () => { disposed = true; };
}
