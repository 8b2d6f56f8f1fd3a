// 回收站: deleted records, newest first, each with a 恢复 button; a 类型 filter and a
// search narrow them when there are many.
import { h, clear, thead } from '../dom.js';
import { formatDateTime } from '../logic/format.js';
import { errorRoute, reportError } from '../logic/errors.js';
import { filterRecycled, recycledCount, recycledKinds } from '../logic/recycle.js';

export function mountRecycle(container, { api, toast, alert, clearAlert, onError }) {
  let disposed = false;
  let entries = [];
  const body = h('div', { class: 'view-body', id: 'recycle-body', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在加载…'));
  const kindFilter = h('select', { id: 'recycle-kind', 'aria-label': '类型' });
  const search = h('input', {
    type: 'search', id: 'recycle-search', placeholder: '搜索摘要、类型、操作人', 'aria-label': '搜索回收站', autocomplete: 'off',
  });
  const count = h('span', { class: 'hint', id: 'recycle-count', 'aria-live': 'polite' });
  const filters = h('div', { class: 'filter-row', id: 'recycle-filters', hidden: true },
    h('label', { class: 'filter-field' }, h('span', {}, '类型'), kindFilter), search, count);
  kindFilter.addEventListener('change', () => render());
  search.addEventListener('input', () => render());
  container.append(h('section', { class: 'view recycle', 'aria-labelledby': 'recycle-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'recycle-title' }, '回收站'),
      h('p', { class: 'hint' }, '删除的记录会先放在这里，点“恢复”即可放回原处。')),
    filters, body));

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const listed = await api.listRecycleBin();
      entries = Array.isArray(listed) ? listed : [];
    } catch (e) {
      if (disposed) return;
      clear(body, h('p', { class: 'empty-state' }, '回收站没有加载成功。'));
      fail(e);
      return;
    } finally {
      body.removeAttribute('aria-busy');
    }
    if (disposed) return;
    // The 类型 choices follow what is in the bin; the one chosen stays while it is there.
    const kinds = recycledKinds(entries);
    const chosen = kinds.some((k) => k.value === kindFilter.value) ? kindFilter.value : '';
    clear(kindFilter, h('option', { value: '' }, '全部类型'), kinds.map((k) => h('option', { value: k.value }, k.label)));
    kindFilter.value = chosen;
    filters.hidden = !entries.length;
    render();
  }

  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  function render() {
    if (!entries.length) {
      clear(body, h('p', { class: 'empty-state', id: 'recycle-empty' }, '回收站是空的'));
      return;
    }
    const shown = filterRecycled(entries, { table: kindFilter.value, text: search.value });
    count.textContent = recycledCount(shown.length, entries.length);
    if (!shown.length) {
      clear(body, h('p', { class: 'empty-state', id: 'recycle-none' }, '没有符合条件的记录。'));
      return;
    }
    clear(body, h('div', { class: 'table-scroll' }, h('table', { class: 'data-table', id: 'recycle-table' },
      thead('类型', '摘要', '删除时间', '操作人', { sr: '操作' }),
      h('tbody', {}, shown.map((entry) => {
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
      })))));
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
