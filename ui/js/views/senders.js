// 报送情况 (county, city): every expected office and every office that sent, with
// the latest package received, its records per kind in columns, flags (从未报送,
// 逾期, 不在应报名单, 最近一次被拒收, 汇总数与记录不符), 加入应报名单 on a row not on
// the list, the 未报单位名单 to print or export for 催报, the expected-office list
// (proposed from the files received under this office's code and edited as text,
// add one, remove, import from Excel), the 逾期天数 setting and the receipt log
// (接收记录, 50 a page).
import { h, clear, cssEscape } from '../dom.js';
import { confirmDialog } from '../dialog.js';
import {
  bindFormKeys, onEnter, oneAtATime, clearFieldErrors, showFieldError,
} from '../forms.js';
import { reportError, errorRoute } from '../logic/errors.js';
import {
  LATE_DAYS_MIN, LATE_DAYS_MAX, senderFlags, sendersSummaryText, levelBelowText, senderCells, parseExpectedForm,
  parseLateDays, receiptLogCells, offerExpectReceived, expectReceivedText, countColumns, countCell, offerAddToList,
  proposalLines, parseExpectedLines, expectedListText, unsentRows, hasExpectedList,
} from '../logic/senders.js';
import { openImportDialog } from './import.js';
import { openTemplateDialog, openXlsxExportDialog } from './export.js';
import { printSheet } from '../print.js';
import { localDate } from '../logic/format.js';

export const LOG_PAGE_SIZE = 50;
const EXPECTED_FIELDS = ['code', 'name'];

export function mountSenders(container, { api, toast, alert, clearAlert, onError, office }) {
  const st = {
    senders: null,
    proposals: null,
    linesEdited: false,
    loadToken: 0,
    logOffset: 0,
    logToken: 0,
    busy: false,
    disposed: false,
  };

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

  // The expected list proposed from the files received, edited as text (one office a line).
  const linesInput = h('textarea', {
    id: 'expected-lines', name: 'offices', rows: '6', class: 'expected-lines', spellcheck: 'false',
    'aria-describedby': 'expected-lines-hint expected-lines-error',
    placeholder: '每行一个单位：区划代码 单位名称，如\n320115001000 青溪街道\n002 桃园镇（只填本单位代码后的几位也可以）',
  });
  const linesError = h('p', { class: 'field-error', id: 'expected-lines-error', 'data-error-for': 'offices', role: 'alert', hidden: true });
  const linesHint = h('p', { class: 'hint', id: 'expected-lines-hint' });
  const linesSave = h('button', { id: 'expected-lines-save', type: 'button', class: 'btn btn-primary' }, '加入应报名单');
  const linesPropose = h('button', { id: 'expected-lines-propose', type: 'button', class: 'btn btn-secondary' }, '重新按收到的文件提议');
  const tableHost = h('div', { class: 'table-scroll', id: 'senders-host', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在加载…'));

  // add an expected office
  const codeInput = h('input', {
    id: 'expected-code', name: 'code', type: 'text', class: 'input-code', maxlength: '20', autocomplete: 'off',
    placeholder: '12位区划代码', 'aria-describedby': 'expected-code-error',
  });
  const nameInput = h('input', {
    id: 'expected-name', name: 'name', type: 'text', maxlength: '40', autocomplete: 'off',
    placeholder: '单位名称', 'aria-describedby': 'expected-name-error',
  });
  const errors = {
    code: h('p', { class: 'field-error', id: 'expected-code-error', 'data-error-for': 'code', hidden: true }),
    name: h('p', { class: 'field-error', id: 'expected-name-error', 'data-error-for': 'name', hidden: true }),
  };
  const inputs = { code: codeInput, name: nameInput };
  const addBtn = h('button', { id: 'expected-add', type: 'submit', class: 'btn btn-primary' }, '添加');
  const form = h('form', { id: 'expected-form', class: 'expected-form', novalidate: true, 'aria-labelledby': 'expected-title' },
    h('div', { class: 'expected-field' },
      h('label', { for: 'expected-code', class: 'filter-label' }, '统计用区划代码'), codeInput, errors.code),
    h('div', { class: 'expected-field expected-field-name' },
      h('label', { for: 'expected-name', class: 'filter-label' }, '单位名称'), nameInput, errors.name),
    h('div', { class: 'expected-field expected-field-action' }, addBtn));
  const importBtn = h('button', { id: 'expected-import', type: 'button', class: 'btn btn-secondary' }, '从Excel导入名单');
  const templateBtn = h('button', { id: 'expected-template', type: 'button', class: 'btn btn-secondary' }, '下载导入模板');

  // 逾期天数
  const lateInput = h('input', {
    id: 'late-days', type: 'number', class: 'input-count', min: String(LATE_DAYS_MIN), max: String(LATE_DAYS_MAX),
    step: '1', inputmode: 'numeric', 'aria-describedby': 'late-days-error late-days-hint',
  });
  const lateSave = h('button', { id: 'late-days-save', type: 'button', class: 'btn btn-secondary' }, '保存');
  const lateError = h('p', { class: 'field-error', id: 'late-days-error', 'data-error-for': 'days', hidden: true });

  // receipt log
  const logHost = h('div', { class: 'table-scroll', id: 'receipt-log-host' }, h('p', { class: 'loading' }, '正在加载…'));
  const logPrev = h('button', { type: 'button', id: 'receipt-log-prev', class: 'btn btn-secondary', disabled: true }, '上一页');
  const logNext = h('button', { type: 'button', id: 'receipt-log-next', class: 'btn btn-secondary', disabled: true }, '下一页');
  const logPage = h('span', { class: 'page-info', id: 'receipt-log-page', 'aria-live': 'polite' });

  container.append(h('section', { class: 'view view-wide senders', id: 'senders-view', 'aria-labelledby': 'senders-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'senders-title' }, '报送情况'),
      levelHint,
      summary,
      h('div', { class: 'button-row' }, expectReceivedBtn, unsentPrint, unsentExport)),
    tableHost,
    h('section', { class: 'card expected-lines-card', 'aria-labelledby': 'expected-lines-title' },
      h('div', { class: 'card-header' },
        h('h2', { id: 'expected-lines-title' }, '应报名单（按收到的文件提议）'),
        h('div', { class: 'button-row' }, linesPropose)),
      linesHint,
      linesInput,
      linesError,
      h('div', { class: 'button-row' }, linesSave,
        h('span', { class: 'hint' }, '可以增删改每一行，或从 Excel 复制“区划代码、单位名称”两列粘贴进来。'))),
    h('div', { class: 'senders-settings' },
      h('section', { class: 'card', 'aria-labelledby': 'expected-title' },
        h('div', { class: 'card-header' },
          h('h2', { id: 'expected-title' }, '添加应报单位'),
          h('div', { class: 'button-row' }, importBtn, templateBtn)),
        form,
        h('p', { class: 'hint' }, '代码已在名单里时，会改成新填的名称。Excel 名单有两列：区划代码、单位名称。')),
      h('section', { class: 'card', 'aria-labelledby': 'late-title' },
        h('h2', { id: 'late-title' }, '逾期提醒'),
        h('div', { class: 'late-row' },
          h('label', { for: 'late-days' }, '导出日期超过'), lateInput, h('span', {}, '天算逾期'), lateSave),
        lateError,
        h('p', { class: 'hint', id: 'late-days-hint' }, `按最近一次收到的文件的导出日期计算，${LATE_DAYS_MIN}–${LATE_DAYS_MAX} 天。`))),
    h('section', { class: 'receipt-log', 'aria-labelledby': 'receipt-log-title' },
      h('h2', { id: 'receipt-log-title' }, '接收记录'),
      h('p', { class: 'hint' }, '每个交给本机接收的文件都记在这里，包括被拒收的和已收到过的。'),
      logHost,
      h('div', { class: 'pager' }, logPrev, logPage, logNext))));

  // ---------- wiring ----------
  const addExpected = oneAtATime(saveExpected);
  bindFormKeys(form, { save: addExpected, cancel: () => resetForm() });
  importBtn.addEventListener('click', () => openImportDialog({
    api, kind: 'expected-offices', toast, onError, onImported: () => { if (!st.disposed) load(); },
  }));
  templateBtn.addEventListener('click', () => openTemplateDialog({ api, kind: 'expected-offices', toast, onError }));
  expectReceivedBtn.addEventListener('click', oneAtATime(expectReceived));
  linesSave.addEventListener('click', oneAtATime(saveLines));
  linesPropose.addEventListener('click', () => { st.linesEdited = false; loadProposals(); });
  linesInput.addEventListener('input', () => { st.linesEdited = true; });
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
  const saveLate = oneAtATime(saveLateDays);
  lateSave.addEventListener('click', saveLate);
  onEnter(lateInput, saveLate);
  logPrev.addEventListener('click', () => loadLog(Math.max(0, st.logOffset - LOG_PAGE_SIZE)));
  logNext.addEventListener('click', () => loadLog(st.logOffset + LOG_PAGE_SIZE));

  load();
  loadProposals();
  loadLog(0);

  // ---------- data ----------
  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  async function load() {
    const token = ++st.loadToken;
    tableHost.setAttribute('aria-busy', 'true');
    let senders;
    try {
      senders = await api.listSenders();
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      tableHost.removeAttribute('aria-busy');
      fail(e);
      if (!tableHost.querySelector('table')) clear(tableHost, h('p', { class: 'empty-state' }, '报送情况没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    tableHost.removeAttribute('aria-busy');
    st.senders = senders ?? { lateDays: 30, levelBelow: null, rows: [] };
    render();
  }

  function render() {
    const s = st.senders;
    const rows = Array.isArray(s.rows) ? s.rows : [];
    levelHint.textContent = levelBelowText(s.levelBelow);
    summary.textContent = sendersSummaryText(s);
    expectReceivedBtn.hidden = !offerExpectReceived(s);
    const chase = hasExpectedList(s) && unsentRows(s).length > 0;
    unsentPrint.hidden = !chase;
    unsentExport.hidden = !chase;
    if (document.activeElement !== lateInput) lateInput.value = String(s.lateDays ?? '');
    if (!rows.length) {
      clear(tableHost, h('p', { class: 'empty-state', id: 'senders-empty' },
        '还没有应报单位，也还没有收到任何文件。可以在下面添加应报单位，或从 Excel 导入名单。'));
      return;
    }
    const hadFocus = tableHost.contains(document.activeElement) ? document.activeElement?.dataset?.removeExpected : null;
    // Records per kind, a column each (the kinds anyone sent), under one 记录数 heading.
    const kinds = countColumns(rows);
    const two = kinds.length > 0;
    const top = (text, attrs = {}) => h('th', { scope: 'col', rowspan: two ? '2' : null, ...attrs }, text);
    clear(tableHost, h('table', { class: 'data-table senders-table', id: 'senders-table' },
      h('thead', {},
        // 状态 and the action beside the name: the counts may run wide (a scroll).
        h('tr', {},
          top('区划代码'),
          top('单位名称'),
          top('状态'),
          top(h('span', { class: 'sr-only' }, '操作')),
          top('最近接收'),
          top('第几次导出'),
          top('导出日期'),
          two ? h('th', { scope: 'colgroup', colspan: String(kinds.length), class: 'counts-head' }, '记录数') : top('记录数')),
        two ? h('tr', {}, kinds.map((k) => h('th', { scope: 'col', class: 'cell-count', 'data-count-kind': k.kind }, k.label))) : null),
      h('tbody', {}, rows.map((row) => senderRow(row, s.lateDays, kinds)))));
    if (hadFocus) tableHost.querySelector(`[data-remove-expected="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function senderRow(row, lateDays, kinds) {
    const c = senderCells(row);
    const flags = senderFlags(row, lateDays);
    const status = flags.length
      ? flags.map((f) => h('span', { class: ['flag', `flag-${f.tone}`], 'data-flag': f.flag }, f.label))
      : [h('span', { class: 'flag flag-ok', 'data-flag': 'ok' }, '正常')];
    let remove = null;
    if (row?.expected) {
      remove = h('button', {
        type: 'button', class: 'btn btn-danger btn-small', 'data-remove-expected': c.code,
        'aria-label': `把“${c.name}”移出应报名单`,
      }, '移出名单');
      remove.addEventListener('click', () => removeExpected(row, remove));
    } else if (offerAddToList(row, st.senders)) {
      remove = h('button', {
        type: 'button', class: 'btn btn-secondary btn-small', 'data-add-expected': c.code,
        'aria-label': `把“${c.name}”加入应报名单`,
      }, '加入应报名单');
      remove.addEventListener('click', oneAtATime(() => addToList(row, remove)));
    }
    return h('tr', {
      'data-sender-code': c.code,
      class: ['sender-row', row?.sent ? 'is-sent' : 'is-missing', flags.some((f) => f.tone === 'bad') ? 'has-problem' : null],
    },
    h('td', { class: 'cell-nowrap mono' }, c.code),
    h('td', { class: 'cell-name-plain' }, c.name),
    h('td', { class: 'cell-flags' },
      h('div', { class: 'flags' }, status),
      c.refusal
        ? h('p', { class: 'refusal-note', 'data-refusal': c.code },
          `${c.refusal.at} 拒收${c.refusal.reason ? `（${c.refusal.reason}）` : ''}：${c.refusal.message}`)
        : null),
    h('td', { class: 'cell-actions' }, remove),
    h('td', { class: 'cell-time' }, c.receivedAt),
    h('td', { class: 'cell-nowrap' }, c.sequence),
    h('td', { class: 'cell-nowrap' }, c.exported),
    kinds.length
      ? kinds.map((k) => h('td', { class: 'cell-count', 'data-count': k.kind }, countCell(row, k.kind)))
      : h('td', { class: 'cell-counts' }, '—'));
  }

  async function removeExpected(row, button) {
    const name = row?.name ?? '';
    const ok = await confirmDialog({
      title: '移出应报名单',
      message: `确定把“${name}”（${row?.code ?? ''}）移出应报名单吗？已收到的数据不受影响；移出后可在回收站恢复。`,
      okText: '移出',
      danger: true,
    });
    if (!ok || st.disposed) return;
    button.disabled = true;
    clearAlert?.();
    try {
      await api.removeExpectedOffice(row.code);
      if (st.disposed) return;
      toast?.(`已把“${name}”移出应报名单`);
    } catch (e) {
      if (st.disposed) return;
      button.disabled = false;
      fail(e);
      if (errorRoute(e) !== 'reload') return;
    }
    await load();
  }

  async function addToList(row, button) {
    button.disabled = true;
    clearAlert?.();
    try {
      const saved = await api.setExpectedOffice(row.code, row.name);
      if (st.disposed) return;
      toast?.(`已把“${saved?.name ?? row.name}”加入应报名单`);
    } catch (e) {
      if (st.disposed) return;
      button.disabled = false;
      fail(e);
      if (errorRoute(e) !== 'reload') return;
    }
    await load();
    await loadProposals();
  }

  async function loadProposals() {
    let p;
    try {
      p = await api.proposeExpectedOffices();
    } catch (e) {
      if (!st.disposed) fail(e);
      return;
    }
    if (st.disposed) return;
    st.proposals = p ?? { prefix: '', rows: [] };
    const n = Array.isArray(st.proposals.rows) ? st.proposals.rows.length : 0;
    linesHint.textContent = n
      ? `下面是已收到文件、但还不在应报名单里的 ${n} 个单位（区划代码以本单位的 ${st.proposals.prefix ?? ''} 开头）。核对、补上还没报送的单位后，点“加入应报名单”。`
      : `收到的文件里的单位都已在应报名单中。可以在下面每行填一个单位（区划代码以 ${st.proposals.prefix ?? ''} 开头，只填后面几位也可以），一次加入。`;
    if (!st.linesEdited) linesInput.value = proposalLines(st.proposals);
  }

  async function saveLines() {
    clearFieldErrors({ offices: linesError }, { offices: linesInput });
    const parsed = parseExpectedLines(linesInput.value, st.proposals?.prefix ?? '');
    if (!parsed.ok) {
      showFieldError(linesError, parsed.errors.join('\n'), linesInput);
      return;
    }
    linesSave.disabled = true;
    clearAlert?.();
    try {
      const changed = await api.setExpectedOffices(parsed.offices);
      if (st.disposed) return;
      toast?.(expectedListText(changed));
      st.linesEdited = false;
      await load();
      await loadProposals();
    } catch (e) {
      if (st.disposed) return;
      reportError(e, {
        fields: ['offices'],
        field: (_f, message) => showFieldError(linesError, message, linesInput),
        show: alert,
        reboot: onError,
      });
    } finally {
      if (!st.disposed) linesSave.disabled = false;
    }
  }

  /** 打印未报单位名单: A4, titled as the exports are, with a column for the 催报 notes. */
  function printUnsent() {
    const rows = unsentRows(st.senders);
    const who = office?.name ?? '';
    return printSheet('unsent-print-sheet',
      h('h1', { class: 'print-sheet-title' }, `${who}未报单位名单`),
      h('p', { class: 'print-sheet-date' }, `填报单位：${who}　填报日期：${localDate()}　共 ${rows.length} 个单位`),
      h('table', { class: 'print-sheet-table' },
        h('thead', {}, h('tr', {}, ...['序号', '区划代码', '单位名称', '报送情况', '最近一次导出日期', '催报情况'].map((t) => h('th', {}, t)))),
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
    await loadProposals();
  }

  function resetForm() {
    codeInput.value = '';
    nameInput.value = '';
    clearFieldErrors(errors, inputs);
    codeInput.focus();
  }

  async function saveExpected() {
    clearFieldErrors(errors, inputs);
    const parsed = parseExpectedForm({ code: codeInput.value, name: nameInput.value });
    if (!parsed.ok) {
      showFieldError(errors[parsed.error.field], parsed.error.message, inputs[parsed.error.field]);
      return;
    }
    addBtn.disabled = true;
    clearAlert?.();
    try {
      const saved = await api.setExpectedOffice(parsed.code, parsed.name);
      if (st.disposed) return;
      toast?.(`已添加应报单位：${saved?.name ?? parsed.name}`);
      codeInput.value = '';
      nameInput.value = '';
      codeInput.focus();
      await load();
    } catch (e) {
      if (st.disposed) return;
      reportError(e, {
        fields: EXPECTED_FIELDS,
        field: (f, message) => showFieldError(errors[f], message, inputs[f]),
        show: alert,
        reboot: onError,
      });
    } finally {
      if (!st.disposed) addBtn.disabled = false;
    }
  }

  async function saveLateDays() {
    clearFieldErrors({ days: lateError }, { days: lateInput });
    const parsed = parseLateDays(lateInput.value);
    if (!parsed.ok) {
      showFieldError(lateError, parsed.error.message, lateInput);
      return;
    }
    lateSave.disabled = true;
    clearAlert?.();
    try {
      const days = await api.setLateDays(parsed.days);
      if (st.disposed) return;
      toast?.(`已设置：导出日期超过 ${days ?? parsed.days} 天算逾期`);
      await load();
    } catch (e) {
      if (st.disposed) return;
      reportError(e, {
        // The backend names the setting lateDays; the box is days.
        fields: ['days', 'lateDays'],
        field: (_f, message) => showFieldError(lateError, message, lateInput),
        show: alert,
        reboot: onError,
      });
    } finally {
      if (!st.disposed) lateSave.disabled = false;
    }
  }

  async function loadLog(offset) {
    const token = ++st.logToken;
    logPrev.disabled = true;
    logNext.disabled = true;
    let rows;
    try {
      rows = await api.listReceiptLog({ limit: LOG_PAGE_SIZE, offset });
    } catch (e) {
      if (st.disposed || token !== st.logToken) return;
      logPrev.disabled = st.logOffset === 0;
      fail(e);
      if (!logHost.querySelector('table')) clear(logHost, h('p', { class: 'empty-state' }, '接收记录没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.logToken) return;
    rows = Array.isArray(rows) ? rows : [];
    if (!rows.length && offset > 0) {
      logPage.textContent = `第 ${st.logOffset / LOG_PAGE_SIZE + 1} 页 · 没有更多记录了`;
      logPrev.disabled = st.logOffset === 0;
      return;
    }
    st.logOffset = offset;
    logPrev.disabled = offset === 0;
    logNext.disabled = rows.length < LOG_PAGE_SIZE;
    logPage.textContent = rows.length ? `第 ${offset / LOG_PAGE_SIZE + 1} 页 · 第 ${offset + 1}–${offset + rows.length} 条` : '';
    if (!rows.length) {
      clear(logHost, h('p', { class: 'empty-state', id: 'receipt-log-empty' }, '还没有接收过文件。'));
      return;
    }
    clear(logHost, h('table', { class: 'data-table receipt-log-table', id: 'receipt-log' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '时间'),
        h('th', { scope: 'col' }, '文件'),
        h('th', { scope: 'col' }, '发送单位'),
        h('th', { scope: 'col' }, '第几次导出'),
        h('th', { scope: 'col' }, '结果'),
        h('th', { scope: 'col' }, '说明'))),
      h('tbody', {}, rows.map((row) => {
        const c = receiptLogCells(row);
        return h('tr', { 'data-seq': c.seq, 'data-outcome': c.outcome },
          h('td', { class: 'cell-time' }, c.at),
          h('td', { class: 'cell-file' }, c.fileName),
          h('td', {}, c.sender),
          h('td', { class: 'cell-nowrap' }, c.sequence),
          h('td', { class: 'cell-nowrap' }, h('span', { class: ['outcome-tag', `outcome-${c.outcome}`] }, c.outcomeLabel)),
          h('td', { class: 'cell-summary' }, c.message));
      }))));
  }

  return () => { st.disposed = true; };
}
