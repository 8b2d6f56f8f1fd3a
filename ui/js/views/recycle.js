// 回收站: deleted records, newest first, each with 查看 (its fields as they were, in
// Chinese, the records it named by name), 恢复 and 彻底删除 (asked first; a record
// entered by mistake, a person's full ID number with it, need not stay forever); a
// 类型 filter and a search narrow them when there are many.
import { h, clear, thead, detailRow } from '../dom.js';
import { formatDateTime } from '../logic/format.js';
import { errorRoute, reportError } from '../logic/errors.js';
import {
  filterRecycled, purgedText, purgeQuestion, recycledCount, recycledKinds, restoredText, takenAlong,
} from '../logic/recycle.js';
import { confirmDialog } from '../dialog.js';
import { diffRows } from '../logic/changes.js';

export function mountRecycle(container, { api, toast, alert, clearAlert, onError }) {
  let disposed = false;
  let entries = [];
  let showAlong = false;
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
  container.append(h('section', { class: 'view view-wide recycle', 'aria-labelledby': 'recycle-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'recycle-title' }, '回收站'),
      h('p', { class: 'hint' }, '删除的记录会先放在这里，点“恢复”即可放回原处；录错了、不需要保留的，可以“彻底删除”。')),
    filters, body));

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const listed = await api.listRecycleBin();
      entries = Array.isArray(listed) ? listed : [];
    } catch (e) {
      if (disposed) return;
      // Nothing of a list read before stays to be filtered and restored again.
      entries = [];
      filters.hidden = true;
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
    const filtered = filterRecycled(entries, { table: kindFilter.value, text: search.value });
    // Entries taken along with one in the list fold under it, unless a filter or a
    // search asks for them, or the clerk does.
    const along = takenAlong(entries);
    const fold = !showAlong && !kindFilter.value && !search.value.trim();
    const shown = fold ? filtered.filter((e) => !along.has(e)) : filtered;
    const folded = fold ? filtered.length - shown.length : 0;
    count.textContent = recycledCount(shown.length, entries.length);
    const foldLine = folded || (showAlong && along.size)
      ? h('p', { class: 'hint', id: 'recycle-along' },
        folded ? `另有 ${folded} 条是随上一级记录一起删除的（如培训的参加人员），恢复上一级时一起恢复，已收起。` : '随上一级记录一起删除的记录已列出。',
        h('button', {
          type: 'button', class: 'btn btn-link btn-small', id: 'recycle-along-toggle',
          onClick: () => { showAlong = !showAlong; render(); },
        }, folded ? '显示这些记录' : '收起'))
      : null;
    if (!shown.length) {
      clear(body, h('p', { class: 'empty-state', id: 'recycle-none' }, '没有符合条件的记录。'));
      return;
    }
    clear(body, foldLine, h('div', { class: 'table-scroll' }, h('table', { class: 'data-table no-zebra', id: 'recycle-table' },
      thead('类型', '摘要', '删除时间', '操作人', { sr: '操作' }),
      h('tbody', {}, shown.flatMap((entry, i) => {
        const id = String(entry.id);
        const button = h('button', {
          type: 'button', class: 'btn btn-secondary btn-small', 'data-entry-id': id,
          'aria-label': `恢复“${entry.summary ?? ''}”`,
        }, '恢复');
        button.addEventListener('click', () => restore(entry, button));
        const purgeBtn = h('button', {
          type: 'button', class: 'btn btn-link btn-small link-danger', 'data-purge-id': id,
          'aria-label': `彻底删除“${entry.summary ?? ''}”`,
        }, '彻底删除');
        purgeBtn.addEventListener('click', () => purge(entry, purgeBtn));
        const detail = detailRow({
          id: `recycle-detail-${i}`, colspan: 5, text: '查看', label: entry.summary ?? '',
          attrs: { 'data-entry-look': id }, fill: (cell) => recordFields(entry, cell),
        });
        return [
          h('tr', { class: ['log-row', i % 2 ? 'odd' : 'even'], 'data-entry-id': id },
            h('td', {}, entry.kindLabel ?? ''),
            h('td', { class: 'cell-summary' }, entry.summary ?? ''),
            h('td', { class: 'cell-time' }, formatDateTime(entry.deletedAt)),
            h('td', {}, entry.deletedBy ?? ''),
            h('td', { class: 'cell-actions' }, detail.button, button, purgeBtn)),
          detail.row,
        ];
      })))));
  }

  /** 查看: the record as the bin keeps it, field by field, read from the core once. */
  async function recordFields(entry, cell) {
    clear(cell, h('p', { class: 'loading' }, '正在读取…'));
    try {
      const r = await api.recycledRecord(entry.id);
      if (disposed) return true;
      const lines = diffRows(r?.record, null, r?.tableName ?? entry.tableName, r?.names);
      clear(cell, lines.length
        ? h('table', { class: 'diff-table recycled-fields' },
          thead('字段', '删除时的内容'),
          h('tbody', {}, lines.map((l) => h('tr', {}, h('th', { scope: 'row' }, l.label), h('td', {}, l.before)))))
        : h('p', { class: 'hint' }, '没有字段明细。'));
      return true;
    } catch (e) {
      if (disposed) return true;
      clear(cell, h('p', { class: 'hint' }, '没有读取成功。'));
      fail(e);
      if (errorRoute(e) === 'reload') load();
      return false;
    }
  }

  /** One entry's action (`run` → what to say): the button held meanwhile, the list read again. */
  async function act(button, run) {
    button.disabled = true;
    clearAlert?.();
    try {
      const said = await run();
      if (disposed) return;
      toast(said);
    } catch (e) {
      if (disposed) return;
      button.disabled = false;
      fail(e);
      if (errorRoute(e) !== 'reload') return;
    }
    await load();
  }

  function restore(entry, button) {
    return act(button, async () => {
      await api.restoreRecycled(entry.id);
      return restoredText(entry.summary);
    });
  }

  async function purge(entry, button) {
    const ok = await confirmDialog({ title: '彻底删除', message: purgeQuestion(entry.summary, entry.tableName), okText: '彻底删除', danger: true });
    if (!ok || disposed) return;
    await act(button, async () => purgedText(entry.summary, await api.purgeRecycled(entry.id)));
  }

  load();
  return () => { disposed = true; };
}
