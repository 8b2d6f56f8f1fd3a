// 统计: every report key for this office (本单位), each office below and the sum
// (合计). A number that is not 0 is a button: it lists the records behind it
// (report_drill), read-only for received data. 导出Excel (export_report_xlsx) and
// 打印 (window.print with the print stylesheet: title, date and the table only).
import { h, clear } from '../dom.js';
import { showMessage, hideMessage } from '../forms.js';
import { openActions, savePathPicker, saveFileAction } from '../files.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import {
  reportTable, scopeLabel, drillView, reportTitle, reportFileName, printDateText,
} from '../logic/report.js';

export function mountReport(container, { api, toast, alert, clearAlert, onError, office }) {
  const st = {
    report: null,
    loadToken: 0,
    drillToken: 0,
    drillKey: '',
    drillScope: '',
    disposed: false,
  };

  const title = reportTitle(office);
  const printDate = h('p', { class: 'report-print-date', id: 'report-print-date' }, printDateText());
  const printTitle = h('div', { class: 'print-only report-print-head', id: 'report-print-title' },
    h('p', { class: 'report-print-title' }, title),
    printDate);
  const tableHost = h('div', { class: 'table-scroll report-scroll', id: 'report-host', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在统计…'));
  const drillHost = h('section', {
    class: 'report-drill no-print', id: 'report-drill', 'aria-labelledby': 'report-drill-title', hidden: true, tabindex: '-1',
  });
  const printBtn = h('button', { id: 'report-print', type: 'button', class: 'btn btn-secondary' }, '打印');
  const exportBtn = h('button', { id: 'report-export', type: 'button', class: 'btn btn-primary' }, '导出Excel');
  const exportError = h('p', { class: 'file-error', id: 'report-export-error', role: 'alert', hidden: true });
  const exportResult = h('p', { class: 'result-line', id: 'report-export-result', role: 'status', hidden: true });
  const where = savePathPicker({
    api,
    inputId: 'report-path',
    buttonId: 'report-choose',
    title: '导出统计报表',
    defaultName: () => reportFileName(office),
    placeholder: '可留空，导出时选择位置',
    onEnter: () => exportXlsx(),
    onChoose: () => hideMessage(exportError),
    onError: (e) => failInto(exportError, e),
  });
  const asOf = h('p', { class: 'hint no-print', id: 'report-as-of' });

  // 导出Excel: the path (asked when the box is empty), then export_report_xlsx.
  const exportXlsx = saveFileAction({
    where,
    button: exportBtn,
    start: () => {
      hideMessage(exportError);
      exportResult.hidden = true;
      clearAlert?.();
    },
    write: async (path) => {
      await api.exportReportXlsx(path);
      if (st.disposed) return;
      clear(exportResult, '已导出到：', h('code', { class: 'path' }, path));
      exportResult.hidden = false;
      toast?.('已导出统计报表', openActions(api, path));
    },
    fail: (e) => failInto(exportError, e),
    gone: () => st.disposed,
  });

  container.append(h('section', { class: 'view view-wide report', id: 'report-view', 'aria-labelledby': 'report-title' },
    printTitle,
    h('div', { class: 'view-header report-header no-print' },
      h('div', {},
        h('h1', { id: 'report-title' }, '统计'),
        h('p', { class: 'hint' }, office?.level === 'county' || office?.level === 'city'
          ? '下级单位的数是其最近一次报送的文件里的数（含它的下级），合计 = 本单位 + 各下级单位。点击不为 0 的数可以查看对应的记录。'
          : '本单位台账的统计数，与报送上级的交换文件里的数一致。点击不为 0 的数可以查看对应的记录。')),
      h('div', { class: 'button-row' }, printBtn)),
    asOf,
    tableHost,
    drillHost,
    h('section', { class: 'card report-export no-print', 'aria-labelledby': 'report-export-title' },
      h('h2', { id: 'report-export-title' }, '导出Excel'),
      h('p', { class: 'hint' }, 'Excel 文件里第一张表“汇总”与上表相同，之后每个下级单位一张表。'),
      where.el,
      exportError,
      h('div', { class: 'button-row' }, exportBtn),
      exportResult)));

  printBtn.addEventListener('click', () => {
    printDate.textContent = printDateText();
    globalThis.print?.();
  });
  exportBtn.addEventListener('click', () => exportXlsx());

  load();

  function failInto(el, e) {
    reportError(e, { show: (m) => showMessage(el, m), reboot: onError });
  }

  async function load() {
    const token = ++st.loadToken;
    tableHost.setAttribute('aria-busy', 'true');
    let report;
    try {
      report = await api.report();
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      tableHost.removeAttribute('aria-busy');
      clear(tableHost, h('p', { class: 'empty-state' }, '统计没有加载成功。'));
      reportError(e, { show: alert, reboot: onError });
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    tableHost.removeAttribute('aria-busy');
    st.report = report ?? {};
    render();
  }

  function render() {
    const { columns, rows } = reportTable(st.report, office);
    asOf.textContent = `统计时间：${localDate()}${columns.length > 1 ? `；下级单位 ${columns.length - 2} 个` : ''}`;
    if (!rows.length) {
      clear(tableHost, h('p', { class: 'empty-state' }, '没有统计项。'));
      return;
    }
    clear(tableHost, h('table', { class: 'data-table report-table', id: 'report-table' },
      h('caption', { class: 'sr-only' }, title),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'col-label' }, '统计项'),
        columns.map((c) => h('th', {
          scope: 'col', class: ['cell-num', `col-${c.scope === 'own' || c.scope === 'all' ? c.scope : 'office'}`],
          title: c.title, 'data-scope': c.scope,
        },
        h('span', { class: 'col-name' }, c.label),
        c.received ? h('span', { class: 'col-code' }, c.code) : null)))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-key': r.key },
        h('th', { scope: 'row', class: 'row-label' },
          h('span', { class: 'key-label' }, r.label),
          h('span', { class: 'key-code' }, r.key)),
        r.cells.map((cell) => {
          const col = columns.find((c) => c.scope === cell.scope);
          const cls = ['cell-num', cell.scope === 'all' ? 'col-all' : null];
          if (!cell.drillable) return h('td', { class: [...cls, 'is-zero'], 'data-scope': cell.scope }, '0');
          const btn = h('button', {
            type: 'button',
            class: ['drill-btn', st.drillKey === r.key && st.drillScope === cell.scope ? 'is-open' : null],
            'data-drill-scope': cell.scope,
            'data-drill-key': r.key,
            'aria-label': `${r.label}，${col?.label ?? ''}：${cell.value}，查看记录`,
          }, String(cell.value));
          btn.addEventListener('click', () => openDrill(cell.scope, r.key, btn));
          return h('td', { class: cls, 'data-scope': cell.scope }, btn);
        }))))));
  }

  async function openDrill(scope, key, btn) {
    const token = ++st.drillToken;
    st.drillKey = key;
    st.drillScope = scope;
    for (const b of tableHost.querySelectorAll('.drill-btn.is-open')) b.classList.remove('is-open');
    btn?.classList.add('is-open');
    clearAlert?.();
    drillHost.hidden = false;
    drillHost.setAttribute('aria-busy', 'true');
    clear(drillHost, h('p', { class: 'loading' }, '正在查找记录…'));
    let drill;
    try {
      drill = await api.reportDrill(scope, key);
    } catch (e) {
      if (st.disposed || token !== st.drillToken) return;
      drillHost.removeAttribute('aria-busy');
      closeDrill();
      reportError(e, { show: alert, reboot: onError });
      return;
    }
    if (st.disposed || token !== st.drillToken) return;
    drillHost.removeAttribute('aria-busy');
    renderDrill(drill ?? { key, scope, rows: [] });
  }

  function renderDrill(drill) {
    const view = drillView(drill, { office, columnLabel: scopeLabel(st.report, drill.scope ?? st.drillScope, office) });
    const close = h('button', { type: 'button', id: 'report-drill-close', class: 'btn btn-secondary btn-small' }, '收起');
    close.addEventListener('click', () => {
      const back = tableHost.querySelector('.drill-btn.is-open');
      closeDrill();
      back?.focus();
    });
    clear(drillHost,
      h('div', { class: 'card-header' },
        h('h2', { id: 'report-drill-title' }, view.title),
        close),
      h('p', { class: 'drill-count', id: 'report-drill-count' }, view.countText),
      view.received
        ? h('p', { class: 'readonly-note', id: 'report-drill-readonly' }, '只读：下级报送的数据')
        : null,
      view.rows.length
        ? h('div', { class: 'table-scroll drill-scroll' }, h('table', { class: 'data-table drill-table', id: 'report-drill-table' },
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, '单位'),
            h('th', { scope: 'col' }, '类型'),
            h('th', { scope: 'col' }, '代码'),
            h('th', { scope: 'col' }, '名称'),
            h('th', { scope: 'col' }, '说明'))),
          h('tbody', {}, view.rows.map((r) => h('tr', {
            'data-record-id': r.id, 'data-office-code': r.officeCode, class: r.received ? 'is-received' : null,
          },
          h('td', { class: 'cell-nowrap' }, r.office),
          h('td', { class: 'cell-nowrap' }, r.kind),
          h('td', { class: 'cell-nowrap mono' }, r.code),
          h('td', { class: 'cell-name-plain' }, r.name),
          h('td', { class: 'cell-summary' }, r.detail))))))
        : h('p', { class: 'hint', id: 'report-drill-empty' }, '没有对应的记录。'));
    drillHost.scrollIntoView?.({ block: 'nearest' });
    drillHost.focus({ preventScroll: true });
  }

  function closeDrill() {
    st.drillToken += 1;
    st.drillKey = '';
    st.drillScope = '';
    for (const b of tableHost.querySelectorAll('.drill-btn.is-open')) b.classList.remove('is-open');
    drillHost.hidden = true;
    clear(drillHost);
  }

  return () => { st.disposed = true; };
}
