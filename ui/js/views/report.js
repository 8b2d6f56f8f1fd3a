// 统计 for a period (统计期间, default this year). At a county or city: one row per
// office below (and the office's own ledger when it has records), the four rates
// and the main figures (or every figure), 合计, sorting by any column with 排名.
// At a township: every figure, 本期 beside 上期. A figure that is not 0 is a
// button: it lists the records behind it (report_drill), read-only for received
// data, exportable (export_drill_xlsx). 导出Excel (export_report_xlsx) and 打印.
// Keys are ids here, never text on screen (they stay in --json and the export).
import { h, clear, thead } from '../dom.js';
import { newest } from '../newest.js';
import { showMessage, hideMessage } from '../forms.js';
import { openActions, savePathPicker, saveFileAction } from '../files.js';
import { reportError } from '../logic/errors.js';
import { periodControl } from '../period-control.js';
import { periodLine } from '../logic/period.js';
import {
  officeTable, keyTable, nextSort, scopeLabel, drillView, drillFileName, reportTitle, reportFileName, printDateText,
  RATE_COLUMNS, notReportedLine, unlistedLine,
} from '../logic/report.js';

/** The period last chosen in 统计, and 显示全部统计项 (this window's session). */
let chosenBefore = null;
let allChosenBefore = false;

export function mountReport(container, {
  api, toast, alert, clearAlert, onError, office, route,
}) {
  const upper = office?.level === 'county' || office?.level === 'city';
  const st = {
    report: null,
    period: '',
    // No column at first: the rows in division-code order, no 排名 until a header is clicked.
    sort: { column: null, dir: 'desc' },
    all: allChosenBefore,
    loadToken: 0,
    drillToken: 0,
    drill: null,
    drillKey: '',
    drillScope: '',
    disposed: false,
  };

  const title = reportTitle(office);
  const printDate = h('p', { class: 'report-print-date', id: 'report-print-date' }, printDateText());
  const printPeriod = h('p', { class: 'report-print-date', id: 'report-print-period' });
  const printTitle = h('div', { class: 'print-only report-print-head', id: 'report-print-title' },
    h('p', { class: 'report-print-title' }, title),
    printPeriod,
    printDate);
  const tableHost = h('div', { class: 'table-scroll report-scroll', id: 'report-host', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在统计…'));
  // What stands under the table (未报送, 合计含…), outside its sideways scroll: it
  // scrolled off with the last columns.
  const notesHost = h('div', { class: 'report-notes', id: 'report-notes' });
  /** The table area's content, and the notes under it (none unless given). */
  const showTable = (content, ...notes) => {
    clear(tableHost, content);
    clear(notesHost, notes.filter(Boolean));
  };
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
    defaultName: () => reportFileName(office, new Date(), st.period),
    placeholder: '可留空，导出时选择位置',
    onEnter: () => { if (!exportBtn.disabled) exportXlsx(); },
    onChoose: () => hideMessage(exportError),
    onError: (e) => failInto(exportError, e),
  });
  const periodNote = h('p', { class: 'hint period-line', id: 'report-period-line', role: 'status' });
  const allBox = h('input', { type: 'checkbox', id: 'report-all-keys', checked: st.all || null });
  const allRow = h('span', { class: 'checkbox-row no-print', hidden: !upper },
    allBox, h('label', { for: 'report-all-keys' }, '显示全部统计项'));
  const period = periodControl({
    id: 'report-period',
    // Opened from a 首页 card: the same period, then the records behind that figure;
    // else the one chosen last time in this window (it went back to 年度 on every
    // return, probe AD).
    initial: route?.period ?? chosenBefore,
    onChange: (text) => {
      chosenBefore = period.choice();
      st.period = text;
      exportBtn.disabled = false;
      printBtn.disabled = false;
      closeDrill();
      load();
    },
    // No figures (and nothing to export or print) under dates that make no period.
    onInvalid: (problem) => {
      st.loadToken += 1;
      st.report = null;
      exportBtn.disabled = true;
      printBtn.disabled = true;
      closeDrill();
      periodNote.textContent = '';
      tableHost.removeAttribute('aria-busy');
      showTable(h('p', { class: 'empty-state', id: 'report-period-invalid' }, `${problem}改正统计期间后显示统计数。`));
    },
  });
  st.period = period.value();

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
      await api.exportReportXlsx(path, st.period);
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
        h('p', { class: 'hint' }, upper
          ? '每个下级单位一行，按其报送的文件里的记录统计所选期间（含它的下级）；点击表头排序并排名，点击不为 0 的数查看对应的记录。'
          : '本单位台账所选期间的统计数：期间内发生的事（诉求、会议、培训……）按期间统计，网格、人员、三亮等按期末统计。点击不为 0 的数可以查看对应的记录。')),
      h('div', { class: 'button-row' }, printBtn)),
    h('div', { class: 'report-controls no-print' }, period.el, allRow),
    periodNote,
    tableHost,
    notesHost,
    // What each rate divides, on the screen and on paper (the header's hover says it too).
    upper ? h('p', { class: 'hint report-rates-note', id: 'report-rates-note' },
      `比率：${RATE_COLUMNS.map((r) => `${r.label} = ${r.title}`).join('；')}。`) : null,
    drillHost,
    h('section', { class: 'card report-export no-print', 'aria-labelledby': 'report-export-title' },
      h('h2', { id: 'report-export-title' }, '导出Excel'),
      // A township is one office: its 按单位 sheet is one row, not 每个单位一行.
      h('p', { class: 'hint' }, upper
        ? 'Excel 文件里第一张表“按单位”每个单位一行（比率和全部统计数），第二张表“汇总”每个统计项一行，都是所选期间的数。'
        : 'Excel 文件里第一张表“按单位”是本单位的比率和全部统计数，第二张表“汇总”每个统计项一行（本期和上期），都是所选期间的数。'),
      where.el,
      exportError,
      h('div', { class: 'button-row' }, exportBtn),
      exportResult)));

  printBtn.addEventListener('click', () => {
    printDate.textContent = printDateText();
    globalThis.print?.();
  });
  exportBtn.addEventListener('click', () => exportXlsx());
  allBox.addEventListener('change', () => {
    st.all = allBox.checked;
    allChosenBefore = st.all;
    render();
  });

  load();

  function failInto(el, e) {
    reportError(e, { show: (m) => showMessage(el, m), reboot: onError });
  }

  async function load() {
    tableHost.setAttribute('aria-busy', 'true');
    const got = await newest(st, 'loadToken', () => api.report(st.period));
    if (!got) return;
    tableHost.removeAttribute('aria-busy');
    if (!got.ok) {
      showTable(h('p', { class: 'empty-state' }, '统计没有加载成功。'));
      reportError(got.error, { show: alert, reboot: onError });
      return;
    }
    st.report = got.value ?? {};
    render();
    const drill = route?.drill;
    if (drill && !st.routeDrilled) {
      st.routeDrilled = true;
      // A township's table is its own figures (scope own), a county's the offices' (all).
      const own = tableHost.querySelector('#report-table.key-table') !== null;
      const scope = own ? 'own' : 'all';
      if (Number(st.report?.total?.figures?.[drill])) openDrill(scope, drill, tableHost.querySelector(`.drill-btn[data-drill-scope="${scope}"][data-drill-key="${drill}"]`));
    }
  }

  /** A number that lists its records when clicked (0 is plain text). */
  function drillCell(scope, key, label, value, text, extra = {}) {
    const cls = ['cell-num', extra.cls ?? null];
    if (!value) return h('td', { class: [...cls, 'is-zero'], 'data-scope': scope, 'data-col': key }, text ?? '0');
    const btn = h('button', {
      type: 'button',
      class: ['drill-btn', st.drillKey === key && st.drillScope === scope ? 'is-open' : null],
      'data-drill-scope': scope,
      'data-drill-key': key,
      'aria-label': `${label}：${text}，查看记录`,
    }, text);
    btn.addEventListener('click', () => openDrill(scope, key, btn));
    return h('td', { class: cls, 'data-scope': scope, 'data-col': key }, btn);
  }

  function render() {
    const r = st.report ?? {};
    periodNote.textContent = periodLine(r.period, r.previous);
    // A span's label is its days already: not said twice.
    printPeriod.textContent = !r.period ? ''
      : String(r.period.label).includes(r.period.from) ? `统计期间：${r.period.label}`
        : `统计期间：${r.period.label}（${r.period.from} 至 ${r.period.to}）`;
    const rows = Array.isArray(r.rows) ? r.rows : [];
    if (upper || rows.some((x) => x.scope !== 'own')) renderOffices();
    else renderKeys();
  }

  // A county or city: one row per office.
  function renderOffices() {
    const t = officeTable(st.report, { sort: st.sort, all: st.all });
    if (!t.rows.length) {
      showTable(h('p', { class: 'empty-state', id: 'report-empty' },
        '还没有收到下级单位的交换文件。在“交换文件”里接收后，这里每个下级单位一行。'));
      return;
    }
    const sortable = (c) => {
      const on = st.sort.column === c.id;
      const arrow = on ? (st.sort.dir === 'asc' ? '▲' : '▼') : '';
      const btn = h('button', {
        type: 'button', class: ['sort-btn', on ? 'is-sorted' : null], 'data-sort': c.id, title: `${c.title}。点击按此列排序`,
      }, c.label, arrow ? h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, arrow) : null);
      btn.addEventListener('click', () => {
        st.sort = nextSort(st.sort, c.id);
        render();
      });
      return h('th', {
        scope: 'col', class: [c.kind === 'name' ? 'col-label' : 'cell-num', `col-${c.kind}`],
        'aria-sort': on ? (st.sort.dir === 'asc' ? 'ascending' : 'descending') : null, 'data-col': c.id,
      }, btn, c.note ? h('span', { class: 'col-note muted' }, c.note) : null);
    };
    const figureCols = t.columns.filter((c) => c.kind !== 'name');
    const line = (row, total) => h('tr', {
      'data-scope': row.scope, 'data-office-code': row.code, class: [total ? 'total-row' : null, row.own ? 'own-row' : null],
    },
    h('td', { class: 'cell-num col-rank', 'data-col': 'rank' }, total ? '' : row.rank === null ? '—' : String(row.rank)),
    h('th', { scope: 'row', class: 'row-label' }, total ? '合计' : row.name,
      row.staleAsOf ? h('span', {
        class: 'badge badge-warn stale-as-of', 'data-as-of': row.staleAsOf,
        title: `这个单位最近的文件导出于 ${row.staleAsOf}，这一行的数字截至那一天`,
      }, `数据截至 ${row.staleAsOf}`) : null,
      row.partAsOf ? h('span', {
        class: 'badge badge-warn stale-as-of', 'data-part-as-of': row.partAsOf,
        title: `这个单位的文件里有下级单位的文件导出于 ${row.partAsOf}，那部分的数字截至那一天（见“报送情况”）`,
      }, `部分数据截至 ${row.partAsOf}`) : null,
      row.unlisted ? h('span', {
        class: 'badge badge-info unlisted', title: '这个单位不在“报送情况”的应报名单里，它的数已计入合计；如应报，请把它加入应报名单',
      }, '不在应报名单') : null),
    row.cells.map((cell, i) => {
      const col = figureCols[i];
      if (cell.kind === 'rate') return h('td', { class: 'cell-num col-rate', 'data-col': cell.column }, cell.text);
      return drillCell(total ? 'all' : row.scope, cell.column, `${total ? '合计' : row.name}，${col.label}`, cell.value, cell.text,
        { cls: total ? 'col-all' : null });
    }));
    const missing = notReportedLine(st.report);
    const unlisted = unlistedLine(st.report);
    showTable(h('table', { class: 'data-table report-table office-table', id: 'report-table' },
      h('caption', { class: 'sr-only' }, title),
      thead({ text: '排名', class: 'cell-num col-rank' }, t.columns.map(sortable)),
      h('tbody', {}, t.rows.map((row) => line(row, false))),
      t.total ? h('tfoot', {}, line(t.total, true), t.previous ? previousLine(t.previous) : null) : null),
    missing ? h('p', { class: 'callout callout-warning', id: 'report-not-reported' }, missing) : null,
    unlisted ? h('p', { class: 'callout callout-warning', id: 'report-unlisted' }, unlisted) : null);
  }

  // 上期合计 under 合计: plain numbers, the previous period's rates.
  function previousLine(row) {
    return h('tr', { class: 'prev-row', 'data-scope': 'previous' },
      h('td', { class: 'cell-num col-rank' }, ''),
      h('th', { scope: 'row', class: 'row-label' }, row.name),
      row.cells.map((cell) => h('td', { class: ['cell-num', cell.kind === 'rate' ? 'col-rate' : null], 'data-col': cell.column }, cell.text)));
  }

  // A township: every figure, 本期 and 上期.
  function renderKeys() {
    const rows = keyTable(st.report);
    if (!rows.length) {
      showTable(h('p', { class: 'empty-state' }, '没有统计项。'));
      return;
    }
    const p = st.report?.period?.label ?? '本期';
    const q = st.report?.previous?.label ?? '上期';
    showTable(h('table', { class: 'data-table report-table key-table', id: 'report-table' },
      h('caption', { class: 'sr-only' }, title),
      thead(
        { text: '统计项', class: 'col-label' },
        { text: '口径', class: 'col-rule', title: '期间：所选期间内发生的；期末：期末（或今天）的现有数' },
        { text: `本期（${p}）`, class: 'cell-num', 'data-scope': 'own' },
        { text: `上期（${q}）`, class: 'cell-num col-prev' }),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-key': r.key },
        h('th', { scope: 'row', class: 'row-label' }, r.label,
          r.prevNote ? h('span', { class: 'row-note muted' }, r.prevNote) : null),
        h('td', { class: 'col-rule' }, r.rule),
        drillCell('own', r.key, r.label, r.now, String(r.now)),
        h('td', { class: 'cell-num col-prev' }, String(r.prev)))))));
  }

  async function openDrill(scope, key, btn) {
    st.drillKey = key;
    st.drillScope = scope;
    for (const b of tableHost.querySelectorAll('.drill-btn.is-open')) b.classList.remove('is-open');
    btn?.classList.add('is-open');
    clearAlert?.();
    drillHost.hidden = false;
    drillHost.setAttribute('aria-busy', 'true');
    clear(drillHost, h('p', { class: 'loading' }, '正在查找记录…'));
    const got = await newest(st, 'drillToken', () => api.reportDrill(scope, key, st.period));
    if (!got) return;
    drillHost.removeAttribute('aria-busy');
    if (!got.ok) {
      closeDrill();
      reportError(got.error, { show: alert, reboot: onError });
      return;
    }
    st.drill = got.value ?? { key, scope, rows: [] };
    renderDrill(st.drill);
  }

  function renderDrill(drill) {
    const columnLabel = scopeLabel(st.report, drill.scope ?? st.drillScope);
    const view = drillView(drill, { office, columnLabel });
    const close = h('button', { type: 'button', id: 'report-drill-close', class: 'btn btn-secondary btn-small' }, '收起');
    close.addEventListener('click', () => {
      const back = tableHost.querySelector('.drill-btn.is-open');
      closeDrill();
      back?.focus();
    });
    const exportDrill = h('button', { type: 'button', id: 'report-drill-export', class: 'btn btn-secondary' }, '导出明细');
    const drillError = h('p', { class: 'file-error', id: 'report-drill-error', role: 'alert', hidden: true });
    const drillWhere = savePathPicker({
      api,
      inputId: 'report-drill-path',
      buttonId: 'report-drill-choose',
      title: '导出明细',
      defaultName: () => drillFileName(drill, columnLabel, st.period),
      placeholder: '可留空，导出时选择位置',
      onEnter: () => runDrillExport(),
      onChoose: () => hideMessage(drillError),
      onError: (e) => failInto(drillError, e),
    });
    const runDrillExport = saveFileAction({
      where: drillWhere,
      button: exportDrill,
      start: () => hideMessage(drillError),
      write: async (path) => {
        await api.exportDrillXlsx({ scope: drill.scope, key: drill.key, period: st.period, path });
        if (!st.disposed) toast?.('已导出明细', openActions(api, path));
      },
      fail: (e) => failInto(drillError, e),
      gone: () => st.disposed || st.drill !== drill,
    });
    exportDrill.addEventListener('click', () => runDrillExport());
    clear(drillHost,
      h('div', { class: 'card-header' },
        h('h2', { id: 'report-drill-title' }, view.title),
        close),
      h('p', { class: 'drill-count', id: 'report-drill-count' },
        `${view.countText}${st.report?.period?.label ? `（${st.report.period.label}）` : ''}`),
      drillError,
      view.received
        ? h('p', { class: 'readonly-note', id: 'report-drill-readonly' }, '只读：下级报送的数据')
        : null,
      view.rows.length
        ? h('div', { class: 'table-scroll drill-scroll' }, h('table', { class: 'data-table drill-table', id: 'report-drill-table' },
          thead('单位', '类型', view.nameLabel, { text: view.codeLabel, id: 'report-drill-code' }, '说明'),
          h('tbody', {}, view.rows.map((r) => h('tr', {
            'data-record-id': r.id, 'data-office-code': r.officeCode, class: r.received ? 'is-received' : null,
          },
          h('td', { class: 'cell-nowrap' }, r.office),
          h('td', { class: 'cell-nowrap' }, r.kind),
          h('td', { class: 'cell-name-plain' }, r.name),
          h('td', { class: 'cell-nowrap mono' }, r.code),
          h('td', { class: 'cell-summary' }, r.detail))))))
        : h('p', { class: 'hint', id: 'report-drill-empty' }, '没有对应的记录。'),
      view.rows.length
        ? h('div', { class: 'drill-export', id: 'report-drill-export-box' },
          drillWhere.el, h('div', { class: 'button-row' }, exportDrill))
        : null);
    drillHost.scrollIntoView?.({ block: 'nearest' });
    drillHost.focus({ preventScroll: true });
  }

  function closeDrill() {
    st.drillToken += 1;
    st.drillKey = '';
    st.drillScope = '';
    st.drill = null;
    for (const b of tableHost.querySelectorAll('.drill-btn.is-open')) b.classList.remove('is-open');
    drillHost.hidden = true;
    clear(drillHost);
  }

  return () => { st.disposed = true; };
}
