// 报送情况, 接收记录 (`#receipt-log`): every file handed to this office to receive,
// refused and already-received ones included, LOG_PAGE_SIZE a page with
// 上一页 / 下一页. Only the newest answer is drawn.
import { h, clear, thead, loadFailed } from '../../dom.js';
import { newest } from '../../newest.js';
import { receiptLogCells } from '../../logic/senders.js';

export const LOG_PAGE_SIZE = 50;

/**
 * receiptLog(props) → { el, load(offset) }
 * props: { api, fail(e), gone() (the view has left) }
 */
export function receiptLog({ api, fail, gone }) {
  const st = { offset: 0, token: 0 };
  const host = h('div', { class: 'table-scroll', id: 'receipt-log-host' }, h('p', { class: 'loading' }, '正在加载…'));
  const prev = h('button', { type: 'button', id: 'receipt-log-prev', class: 'btn btn-secondary', disabled: true }, '上一页');
  const next = h('button', { type: 'button', id: 'receipt-log-next', class: 'btn btn-secondary', disabled: true }, '下一页');
  const page = h('span', { class: 'page-info', id: 'receipt-log-page', 'aria-live': 'polite' });
  const el = h('section', { class: 'receipt-log', 'aria-labelledby': 'receipt-log-title' },
    h('h2', { id: 'receipt-log-title' }, '接收记录'),
    h('p', { class: 'hint' }, '每个交给本机接收的交换文件都记在这里，包括被拒收的和已收到过的（所选文件夹里不是交换文件的其他文件不记）。'),
    host,
    h('div', { class: 'pager' }, prev, page, next));
  prev.addEventListener('click', () => load(Math.max(0, st.offset - LOG_PAGE_SIZE)));
  next.addEventListener('click', () => load(st.offset + LOG_PAGE_SIZE));

  async function load(offset) {
    prev.disabled = true;
    next.disabled = true;
    const got = await newest(st, 'token', () => api.listReceiptLog({ limit: LOG_PAGE_SIZE, offset }), gone);
    if (!got) return;
    if (!got.ok) {
      prev.disabled = st.offset === 0;
      fail(got.error);
      loadFailed(host, '接收记录没有加载成功。');
      return;
    }
    const rows = Array.isArray(got.value) ? got.value : [];
    if (!rows.length && offset > 0) {
      page.textContent = `第 ${st.offset / LOG_PAGE_SIZE + 1} 页 · 没有更多记录了`;
      prev.disabled = st.offset === 0;
      return;
    }
    st.offset = offset;
    prev.disabled = offset === 0;
    next.disabled = rows.length < LOG_PAGE_SIZE;
    page.textContent = rows.length ? `第 ${offset / LOG_PAGE_SIZE + 1} 页 · 第 ${offset + 1}–${offset + rows.length} 条` : '';
    if (!rows.length) {
      clear(host, h('p', { class: 'empty-state', id: 'receipt-log-empty' }, '还没有接收过文件。'));
      return;
    }
    clear(host, h('table', { class: 'data-table receipt-log-table', id: 'receipt-log' },
      thead('时间', '文件', '发送单位', '第几次导出', '结果', '说明'),
      h('tbody', {}, rows.map((row) => {
        const c = receiptLogCells(row);
        return h('tr', { 'data-seq': c.seq, 'data-outcome': c.outcome },
          h('td', { class: 'cell-time' }, c.at),
          h('td', { class: 'cell-file' }, c.fileName),
          h('td', {}, c.sender),
          h('td', { class: 'cell-nowrap' }, c.sequence),
          // A refusal's verdict (文件已损坏, 比已收到的文件旧 …) beside 拒收: the message
          // after it says why and what to do.
          h('td', { class: 'cell-nowrap' }, h('span', { class: ['outcome-tag', `outcome-${c.outcome}`] }, c.outcomeLabel),
            c.reason && c.outcome === 'refused' ? h('span', { class: 'hint receipt-reason' }, c.reason) : null),
          h('td', { class: 'cell-summary' }, c.message));
      }))));
  }

  return { el, load };
}
