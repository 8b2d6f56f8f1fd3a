// 报送情况 (county, city): every expected office and every office that sent, with
// the latest package received, its records per kind in columns, flags (从未报送,
// 逾期, 不在应报名单, 最近一次被拒收, 汇总数与记录不符), 加入应报名单 on a row not on
// the list, the 未报单位名单 to print or export for 催报, the expected-office list
// (proposed from the files received under this office's code and edited as text,
// add one, remove, import from Excel), the 逾期天数 setting and the receipt log
// (接收记录, 50 a page).
//
// This module keeps the senders, loads them and does what a row or the header asks;
// table.js draws the table, lines.js the proposed list, settings.js 添加应报单位 and
// 逾期提醒, receipt-log.js 接收记录.
import { h, thead } from '../../dom.js';
import { newest } from '../../newest.js';
import { confirmDialog } from '../../dialog.js';
import { oneAtATime } from '../../forms.js';
import { reportError, errorRoute } from '../../logic/errors.js';
import {
  sendersSummaryText, levelBelowText, offerExpectReceived, expectReceivedText, unsentRows, hasExpectedList,
} from '../../logic/senders.js';
import { openXlsxExportDialog } from '../export.js';
import { printSheet } from '../../print.js';
import { localDate } from '../../logic/format.js';
import { mountSendersTable } from './table.js';
import { expectedLinesCard } from './lines.js';
import { sendersSettings } from './settings.js';
import { receiptLog } from './receipt-log.js';

export function mountSenders(container, { api, toast, alert, clearAlert, onError, office }) {
  const st = {
    senders: null,
    loadToken: 0,
    disposed: false,
  };
  const gone = () => st.disposed;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const common = { api, toast, alert, clearAlert, onError, fail, gone };

  // ---------- skeleton ----------
  const summary = h('p', { class: 'senders-summary', id: 'senders-summary', 'aria-live': 'polite' });
  // While there is no expected list: one click makes every office that has sent the list.
  const expectReceivedBtn = h('button', {
    id: 'expect-received', type: 'button', class: 'btn btn-primary', hidden: true,
  }, '把已报送的单位设为应报名单');
  const levelHint = h('p', { class: 'hint', id: 'senders-level-hint' });
  // 催报: the expected offices that have not sent (or are late), on paper or in Excel.
  const unsentPrint = h('button', { id: 'unsent-print', type: 'button', class: 'btn btn-secondary', hidden: true }, '打印未报单位名单');
  const unsentExport = h('button', { id: 'unsent-export', type: 'button', class: 'btn btn-secondary', hidden: true }, '导出未报单位名单');
  // The whole table, sent or not (probe AO: only the 未报 could be exported).
  const statusExport = h('button', { id: 'senders-export', type: 'button', class: 'btn btn-secondary' }, '导出报送情况');
  const table = mountSendersTable({ onRemove: removeExpected, onAdd: addToList });
  // The expected list proposed from the files received, edited as text (one office a line).
  const lines = expectedLinesCard({ ...common, reload: () => load() });
  const settings = sendersSettings({ ...common, reload: () => load() });
  const log = receiptLog(common);

  container.append(h('section', { class: 'view view-wide senders', id: 'senders-view', 'aria-labelledby': 'senders-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'senders-title' }, '报送情况'),
      levelHint,
      summary,
      h('div', { class: 'button-row' }, expectReceivedBtn, unsentPrint, unsentExport, statusExport)),
    table.el,
    lines.el,
    settings.el,
    log.el));

  // ---------- wiring ----------
  expectReceivedBtn.addEventListener('click', oneAtATime(expectReceived));
  unsentPrint.addEventListener('click', () => printUnsent());
  unsentExport.addEventListener('click', () => openXlsxExportDialog({
    api,
    hint: '导出应报而未报送（或逾期）的单位，带标题、填报单位和日期，留有“催报情况”一列，可直接打印。',
    pickTitle: '导出未报单位名单',
    defaultName: `${office?.name ?? ''}未报单位名单.xlsx`,
    write: async (path) => `已导出未报单位名单：${await api.exportUnsentOffices(path)} 个单位`,
    toast,
    onError,
  }));

  statusExport.addEventListener('click', () => openXlsxExportDialog({
    api,
    hint: '导出报送情况表：每个应报或报送过的单位一行，写明是否已报、第几次导出、导出和接收日期、记录数和提示，带标题、填报单位和日期。',
    pickTitle: '导出报送情况',
    defaultName: `${office?.name ?? ''}报送情况.xlsx`,
    write: async (path) => `已导出报送情况：${await api.exportSenderStatus(path)} 个单位`,
    toast,
    onError,
  }));

  load();
  lines.load();
  log.load(0);

  // ---------- data ----------
  async function load() {
    table.busy();
    const got = await newest(st, 'loadToken', () => api.listSenders());
    if (!got) return;
    if (!got.ok) {
      fail(got.error);
      table.failed();
      return;
    }
    st.senders = got.value ?? { lateDays: 30, levelBelow: null, rows: [] };
    render();
  }

  function render() {
    const s = st.senders;
    levelHint.textContent = levelBelowText(s.levelBelow);
    summary.textContent = sendersSummaryText(s);
    expectReceivedBtn.hidden = !offerExpectReceived(s);
    const chase = hasExpectedList(s) && unsentRows(s).length > 0;
    unsentPrint.hidden = !chase;
    unsentExport.hidden = !chase;
    settings.update(s);
    table.update(s);
  }

  // ---------- a row's action ----------
  async function removeExpected(row, button) {
    const name = row?.name ?? '';
    const ok = await confirmDialog({
      title: '移出应报名单',
      message: `确定把“${name}”（${row?.code ?? ''}）移出应报名单吗？已收到的数据不受影响；移出后可在回收站恢复。`,
      okText: '移出',
      danger: true,
    });
    if (!ok || st.disposed) return;
    await rowCommand(button, () => api.removeExpectedOffice(row.code), () => `已把“${name}”移出应报名单`);
  }

  async function addToList(row, button) {
    const reloaded = await rowCommand(button, () => api.setExpectedOffice(row.code, row.name),
      (saved) => `已把“${saved?.name ?? row.name}”加入应报名单`);
    if (reloaded) await lines.load();
  }

  /**
   * A row's command: its button off meanwhile, then the toast `done(answer)` and the
   * list again. A failure turns the button back on and is reported; the list is read
   * again only when the error says so (the row was gone). → whether it was read again.
   */
  async function rowCommand(button, run, done) {
    button.disabled = true;
    clearAlert?.();
    try {
      const saved = await run();
      if (st.disposed) return false;
      toast?.(done(saved));
    } catch (e) {
      if (st.disposed) return false;
      button.disabled = false;
      fail(e);
      if (errorRoute(e) !== 'reload') return false;
    }
    await load();
    return true;
  }

  // ---------- the header's buttons ----------
  /** 打印未报单位名单: A4, titled as the exports are, with a column for the 催报 notes. */
  function printUnsent() {
    const rows = unsentRows(st.senders);
    const who = office?.name ?? '';
    return printSheet('unsent-print-sheet',
      h('h1', { class: 'print-sheet-title' }, `${who}未报单位名单`),
      h('p', { class: 'print-sheet-date' }, `填报单位：${who}　填报日期：${localDate()}　共 ${rows.length} 个单位`),
      h('table', { class: 'print-sheet-table' },
        thead(['序号', '区划代码', '单位名称', '报送情况', '最近一次导出日期', '催报情况']),
        h('tbody', {}, ...rows.map((r, i) => h('tr', { 'data-unsent': r.code },
          h('td', {}, String(i + 1)), h('td', {}, r.code), h('td', {}, r.name), h('td', {}, r.state),
          h('td', {}, r.exported), h('td', { class: 'print-blank' }, ''))))));
  }

  async function expectReceived() {
    expectReceivedBtn.disabled = true;
    clearAlert?.();
    try {
      const added = await api.expectReceivedOffices();
      if (st.disposed) return;
      toast?.(expectReceivedText(added));
    } catch (e) {
      if (st.disposed) return;
      fail(e);
      if (errorRoute(e) !== 'reload') return;
    } finally {
      if (!st.disposed) expectReceivedBtn.disabled = false;
    }
    await load();
    await lines.load();
  }

  return () => { st.disposed = true; };
}
