// 变更记录: the append-only change log, 50 rows a page, newest first.
import { h, clear, thead, detailRow, loadFailed } from '../dom.js';
import { formatDateTime } from '../logic/format.js';
import { opLabel, opClass, tableLabel, TABLE_LABELS } from '../logic/labels.js';
import { changeSummary, diffRows } from '../logic/changes.js';
import { reportError } from '../logic/errors.js';

export const PAGE_SIZE = 50;

export function mountChangelog(container, { api, alert, onError }) {
  let disposed = false;
  let offset = 0;
  let loading = false;
  const prev = h('button', { type: 'button', id: 'log-prev', class: 'btn btn-secondary', disabled: true }, '上一页');
  const next = h('button', { type: 'button', id: 'log-next', class: 'btn btn-secondary', disabled: true }, '下一页');
  const pageInfo = h('span', { class: 'page-info', id: 'log-page', 'aria-live': 'polite' });
  const body = h('div', { class: 'view-body', id: 'changelog-body' }, h('p', { class: 'loading' }, '正在加载…'));
  prev.addEventListener('click', () => go(Math.max(0, offset - PAGE_SIZE)));
  next.addEventListener('click', () => go(offset + PAGE_SIZE));
  // 类型: one kind's changes (a person's, a demand's …), as 回收站 filters its entries.
  const kinds = Object.entries(TABLE_LABELS)
    .sort(([, a], [, b]) => a.localeCompare(b, 'zh-Hans-CN'));
  const kindFilter = h('select', { id: 'changelog-kind', 'aria-label': '类型' },
    h('option', { value: '' }, '全部类型'), kinds.map(([table, label]) => h('option', { value: table }, label)));
  kindFilter.addEventListener('change', () => go(0, true));
  // 搜索: the rows whose record holds the text (a name, a title, a date), asked of
  // the core a moment after typing stops.
  const search = h('input', {
    type: 'search', id: 'changelog-search', placeholder: '搜索姓名、名称、日期', 'aria-label': '搜索变更记录', autocomplete: 'off',
  });
  let typing = null;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => go(0, true), 300);
  });

  container.append(h('section', { class: 'view view-wide changelog', 'aria-labelledby': 'changelog-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'changelog-title' }, '变更记录'),
      h('p', { class: 'hint' }, '每一次新建、修改、删除、恢复和移动都会记在这里，不能更改。')),
    h('div', { class: 'filter-row' }, h('label', { class: 'filter-field' }, h('span', {}, '类型'), kindFilter), search),
    body,
    h('div', { class: 'pager' }, prev, pageInfo, next)));

  // `refilter`: the kind changed, so an empty answer is an empty list, not the end.
  let queued = null;
  async function go(newOffset, refilter = false) {
    // A 类型 chosen while a page loads is asked for once that answer is in.
    if (loading) {
      if (refilter) queued = [newOffset, refilter];
      return;
    }
    loading = true;
    prev.disabled = true;
    next.disabled = true;
    let rows;
    let failed = null;
    try {
      rows = await api.listChangeLog({ limit: PAGE_SIZE, offset: newOffset, table: kindFilter.value, text: search.value });
    } catch (e) {
      failed = e;
    }
    loading = false;
    if (disposed) return;
    if (queued) {
      const [o, r] = queued;
      queued = null;
      go(o, r);
      return;
    }
    if (failed) {
      prev.disabled = offset === 0;
      reportError(failed, { show: alert, reboot: onError });
      loadFailed(body, '变更记录没有加载成功。');
      return;
    }
    rows = Array.isArray(rows) ? rows : [];
    if (!rows.length && newOffset > 0 && !refilter) {
      // Past the last page: stay where we are.
      pageInfo.textContent = `第 ${offset / PAGE_SIZE + 1} 页 · 没有更多记录了`;
      prev.disabled = offset === 0;
      next.disabled = true;
      return;
    }
    offset = newOffset;
    render(rows);
    const page = offset / PAGE_SIZE + 1;
    pageInfo.textContent = rows.length ? `第 ${page} 页 · 第 ${offset + 1}–${offset + rows.length} 条` : '';
    prev.disabled = offset === 0;
    next.disabled = rows.length < PAGE_SIZE;
  }

  function render(rows) {
    if (!rows.length) {
      const text = search.value.trim();
      const kind = kindFilter.value ? `“${tableLabel(kindFilter.value)}”的` : '';
      clear(body, h('p', { class: 'empty-state', id: 'changelog-empty' },
        text ? `没有找到含“${text}”的${kind}变更记录。姓名、名称、日期都可以搜索；身份证号码和手机号码不能搜索。`
          : kindFilter.value ? `还没有${kind}变更记录` : '还没有变更记录'));
      return;
    }
    const tbody = h('tbody', {});
    rows.forEach((row, i) => {
      const detail = detailRow({
        id: `change-detail-${offset + i}`, colspan: 6, fill: (cell) => clear(cell, diffTable(row)),
      });
      tbody.append(
        h('tr', { class: ['log-row', i % 2 ? 'odd' : 'even'], 'data-seq': String(row.seq ?? '') },
          h('td', { class: 'cell-time' }, formatDateTime(row.at, { seconds: true })),
          h('td', {}, row.operator ?? ''),
          h('td', {}, h('span', { class: ['op-tag', opClass(row.op)] }, opLabel(row.op))),
          h('td', {}, tableLabel(row.tableName)),
          h('td', { class: 'cell-summary' }, changeSummary(row)),
          h('td', { class: 'cell-actions' }, detail.button)),
        detail.row,
      );
    });
    clear(body, h('table', { class: 'data-table no-zebra', id: 'changelog-table' },
      thead('时间', '操作人', '操作', '类型', '记录摘要', '详情'), tbody));
  }

  function diffTable(row) {
    const lines = diffRows(row.before, row.after, row.tableName, row.names);
    if (!lines.length) return h('p', { class: 'hint' }, '没有字段明细。');
    return h('table', { class: 'diff-table' },
      thead('字段', '修改前', '修改后'),
      h('tbody', {}, lines.map((l) => h('tr', { class: l.changed ? 'changed' : null },
        h('th', { scope: 'row' }, l.label),
        h('td', { class: 'diff-before' }, l.before),
        h('td', { class: 'diff-after' }, l.after)))));
  }

  go(0);
  return () => { disposed = true; clearTimeout(typing); };
}
