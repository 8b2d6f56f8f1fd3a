// 上报 (township) / 接收与上报 (county, city): the exchange package (交换文件).
//   导出交换文件: what the next package holds (package_preview), where to save it
//     (a .zip path or a folder), 导出交换文件 (export_package) and what was written.
//   接收 (county/city only): files or folders typed (one per line or ';') or picked,
//     强制接收 (asks first), progress from the receive-progress event, then a
//     summary and one row per file.
import { h, clear, thead } from '../dom.js';
import { newest } from '../newest.js';
import { confirmDialog } from '../dialog.js';
import { showMessage, hideMessage } from '../forms.js';
import { openActions, savePathPicker, saveFileAction, pickedPath } from '../files.js';
import { reportError } from '../logic/errors.js';
import {
  attachmentsChoice,
  FORCE_CONFIRM, previewFacts, exportedText, nextExportPath, parsePaths, joinPaths, receiveSummary, receiptRows,
  receiveProgressText,
} from '../logic/exchange.js';

export function mountExchange(container, { api, toast, alert, clearAlert, onError, office, navigate }) {
  const level = office?.level ?? 'township';
  const receives = level === 'county' || level === 'city';
  const st = {
    preview: null,
    previewToken: 0,
    receiving: false,
    disposed: false,
  };
  let stopProgress = () => {};

  // ---------- 导出交换文件 ----------
  const previewHost = h('dl', { class: 'info-grid package-preview', id: 'package-preview', 'aria-busy': 'true' },
    h('dt', {}, '文件名'), h('dd', { class: 'loading-inline' }, '正在计算…'));
  const exportError = h('p', { class: 'file-error', id: 'package-error', role: 'alert', hidden: true });
  const exportBtn = h('button', { id: 'package-export', type: 'button', class: 'btn btn-primary' }, '导出交换文件');
  const attachBox = h('input', { type: 'checkbox', id: 'package-attachments', 'aria-describedby': 'package-attachments-note' });
  const attachLabel = h('label', { for: 'package-attachments' });
  const attachNote = h('p', { class: 'hint', id: 'package-attachments-note' });
  const attachRow = h('div', { class: 'package-attachments', hidden: true },
    h('div', { class: 'checkbox-row' }, attachBox, attachLabel), attachNote);
  const result = h('div', { class: 'result-line', id: 'package-result', role: 'status', hidden: true });
  const where = savePathPicker({
    api,
    inputId: 'package-path',
    buttonId: 'package-choose',
    title: '导出交换文件',
    defaultName: () => st.preview?.fileName ?? '交换文件.zip',
    kind: 'zip',
    placeholder: '可留空，导出时选择位置；也可以填一个文件夹',
    describedBy: 'package-path-hint',
    onEnter: () => exportPackage(),
    onChoose: () => hideMessage(exportError),
    onError: (e) => failInto(exportError, e),
  });
  const upTo = level === 'township' ? '县/区' : level === 'county' ? '市' : '上级';
  const exportCard = h('section', { class: 'card', id: 'package-card', 'aria-labelledby': 'package-title' },
    h('h2', { id: 'package-title' }, '导出交换文件'),
    h('p', { class: 'hint' },
      `交换文件是本单位全部记录的完整快照（删除和移动也随之体现），报送${upTo}时把这个文件交给上级即可。`
      + '每导出一次，“第几次导出”加 1；上级只接收比已收到的更新的文件。'),
    previewHost,
    h('div', { class: 'package-where' }, where.el),
    h('p', { class: 'hint', id: 'package-path-hint' },
      '填完整的文件名（.zip），或者只填文件夹（按上面的文件名保存在该文件夹里）。'),
    attachRow,
    exportError,
    h('div', { class: 'button-row' }, exportBtn),
    result);

  // 导出交换文件: the path (asked when the box is empty), then export_package.
  const exportPackage = saveFileAction({
    where,
    button: exportBtn,
    busyText: '正在导出…',
    start: () => {
      hideMessage(exportError);
      clearAlert?.();
    },
    write: async (path) => {
      const exported = await api.exportPackage(path, attachBox.checked && !attachBox.disabled);
      if (st.disposed) return;
      const e = exported ?? {};
      clear(result,
        h('p', { class: 'ok-line', id: 'package-result-text' }, exportedText(e)),
        h('p', {}, '已保存到：', h('code', { class: 'path', id: 'package-result-path' }, e.path ?? path)));
      result.hidden = false;
      toast?.(`已导出第 ${e.sequence ?? ''} 次交换文件`, openActions(api, e.path ?? path));
      await loadPreview();
      if (st.disposed) return;
      // The next export gets its own standard name in the same folder.
      where.input.value = nextExportPath(where.input.value, st.preview?.fileName);
    },
    fail: (e) => failInto(exportError, e),
    gone: () => st.disposed,
  });
  exportBtn.addEventListener('click', () => exportPackage());

  // ---------- 接收 ----------
  let receiveCard = null;
  let pathsBox = null;
  let chooseFilesBtn = null;
  let chooseFolderBtn = null;
  let forceBox = null;
  let startBtn = null;
  let receiveError = null;
  let progressRow = null;
  let progress = null;
  let progressText = null;
  let receiveResult = null;
  if (receives) {
    const below = level === 'county' ? '乡镇/街道' : '县/区';
    pathsBox = h('textarea', {
      id: 'receive-path', class: 'input-path receive-path', rows: '3', autocomplete: 'off', spellcheck: 'false',
      placeholder: '例如 D:\\报送\\2026年11月（文件夹），或每行一个 .zip 文件', 'aria-describedby': 'receive-path-hint',
    });
    chooseFilesBtn = h('button', { id: 'receive-choose-files', type: 'button', class: 'btn btn-secondary' }, '选择文件…');
    chooseFolderBtn = h('button', { id: 'receive-choose-folder', type: 'button', class: 'btn btn-secondary' }, '选择文件夹…');
    forceBox = h('input', { type: 'checkbox', id: 'receive-force', 'aria-describedby': 'receive-force-hint' });
    startBtn = h('button', { id: 'receive-start', type: 'button', class: 'btn btn-primary' }, '接收');
    receiveError = h('p', { class: 'file-error', id: 'receive-error', role: 'alert', hidden: true });
    progress = h('progress', { id: 'receive-progress', class: 'import-progress' });
    progressText = h('span', { id: 'receive-progress-text', class: 'progress-text', 'aria-live': 'polite' });
    progressRow = h('div', { class: 'progress-row', id: 'receive-progress-row', hidden: true }, progress, progressText);
    receiveResult = h('div', { class: 'receive-result', id: 'receive-result', hidden: true });
    receiveCard = h('section', { class: 'card', id: 'receive-card', 'aria-labelledby': 'receive-title' },
      h('h2', { id: 'receive-title' }, `接收${below}报送的交换文件`),
      h('p', { class: 'hint' },
        '可以一次接收多个文件或整个文件夹，每个文件单独检查、单独接收或拒收；被拒收的文件不会改动任何数据。'
        + '同一单位以最近一次导出的文件为准，整份替换。'),
      h('label', { for: 'receive-path', class: 'block-label' }, '要接收的文件或文件夹'),
      h('div', { class: 'path-row receive-row' },
        pathsBox,
        h('div', { class: 'button-col' }, chooseFilesBtn, chooseFolderBtn)),
      h('p', { class: 'hint', id: 'receive-path-hint' },
        '每行一个，或用分号（;）隔开。填文件夹时接收其中全部 .zip 文件。Ctrl+Enter 开始接收。'),
      h('div', { class: 'checkbox-row force-row' }, forceBox,
        h('label', { for: 'receive-force' }, '强制接收较早或内容不同的文件')),
      h('p', { class: 'hint', id: 'receive-force-hint' },
        '一般不要勾选。勾选后，比已收到的更早的文件（或同一次导出但内容不同的文件）也会替换已有数据，并记入变更记录。'),
      receiveError,
      h('div', { class: 'button-row' }, startBtn),
      progressRow,
      receiveResult);
    chooseFilesBtn.addEventListener('click', chooseFiles);
    chooseFolderBtn.addEventListener('click', chooseFolder);
    startBtn.addEventListener('click', () => receive());
    pathsBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
        e.preventDefault();
        receive();
      }
    });
  }

  // ---------- 导出全部台账 ----------
  // Every ledger as a titled, printable sheet of one workbook (to hand in on paper
  // or keep as an Excel copy); the exchange file above is what the county reads.
  const allError = h('p', { class: 'file-error', id: 'ledgers-error', role: 'alert', hidden: true });
  const allBtn = h('button', { id: 'ledgers-export', type: 'button', class: 'btn btn-secondary' }, '导出全部台账');
  const allResult = h('div', { class: 'result-line', id: 'ledgers-result', role: 'status', hidden: true });
  const allWhere = savePathPicker({
    api,
    inputId: 'ledgers-path',
    buttonId: 'ledgers-choose',
    title: '导出全部台账',
    defaultName: `${office?.name ?? ''}全部台账.xlsx`,
    placeholder: '可留空，导出时选择位置',
    onEnter: () => exportAll(),
    onChoose: () => hideMessage(allError),
    onError: (e) => failInto(allError, e),
  });
  const exportAll = saveFileAction({
    where: allWhere,
    button: allBtn,
    busyText: '正在导出…',
    start: () => {
      hideMessage(allError);
      allResult.hidden = true;
      clearAlert?.();
    },
    write: async (path) => {
      const r = await api.exportAllXlsx(path) ?? {};
      if (st.disposed) return;
      const actions = openActions(api, path);
      clear(allResult,
        h('p', { class: 'ok-line', id: 'ledgers-result-text' },
          `已导出 ${Number(r.sheets) || 0} 张台账，共 ${Number(r.rows) || 0} 行。`),
        h('p', {}, '已保存到：', h('code', { class: 'path' }, path)),
        h('div', { class: 'button-row' }, actions.map((a, i) => {
          const b = h('button', { type: 'button', class: 'btn btn-secondary', id: `ledgers-open-${i}` }, a.label);
          b.addEventListener('click', () => a.run().catch((e) => failInto(allError, e)));
          return b;
        })));
      allResult.hidden = false;
      toast?.('已导出全部台账', actions);
    },
    fail: (e) => failInto(allError, e),
    gone: () => st.disposed,
  });
  allBtn.addEventListener('click', () => exportAll());
  const allCard = h('section', { class: 'card', id: 'ledgers-card', 'aria-labelledby': 'ledgers-title' },
    h('h2', { id: 'ledgers-title' }, '导出全部台账（Excel）'),
    h('p', { class: 'hint' },
      '把本单位的每一本台账导出到一个 Excel 文件，每本一张工作表（人员名单在最前，身份证号码和手机号码打码）：带标题、序号、填报单位和填报日期，按 A4 横向打印。'),
    h('div', { class: 'package-where' }, allWhere.el),
    allError,
    h('div', { class: 'button-row' }, allBtn),
    allResult);

  container.append(h('section', {
    class: 'view exchange', id: 'exchange-view', 'aria-labelledby': 'exchange-title',
  },
  h('div', { class: 'view-header' },
    h('h1', { id: 'exchange-title' }, receives ? '接收与上报' : '上报'),
    h('p', { class: 'hint' }, receives
      ? '接收下级单位报送的交换文件，再把本单位的交换文件（附带收到的下级文件）报送上级。'
      : `把本单位的台账导出成一个交换文件，报送${upTo}。`)),
  receiveCard,
  exportCard,
  allCard));

  loadPreview();

  // ---------- helpers ----------
  function failInto(el, e) {
    reportError(e, { show: (m) => showMessage(el, m), reboot: onError });
  }

  async function loadPreview() {
    previewHost.setAttribute('aria-busy', 'true');
    const got = await newest(st, 'previewToken', () => api.packagePreview());
    if (!got) return;
    previewHost.removeAttribute('aria-busy');
    if (!got.ok) {
      clear(previewHost, h('dt', {}, '文件名'), h('dd', { class: 'muted' }, '没有算出来'));
      reportError(got.error, { show: alert, reboot: onError });
      return;
    }
    st.preview = got.value ?? {};
    const choice = attachmentsChoice(st.preview);
    attachRow.hidden = !choice.show;
    attachLabel.textContent = choice.label;
    attachNote.textContent = choice.note;
    attachBox.disabled = choice.disabled;
    if (choice.disabled) attachBox.checked = false;
    clear(previewHost, previewFacts(st.preview, level).map((f) => [
      h('dt', {}, f.label),
      h('dd', { id: `package-${f.key}`, class: f.key === 'fileName' ? 'mono-wrap' : null }, f.value),
    ]));
  }

  async function chooseFiles() {
    hideMessage(receiveError);
    try {
      const picked = await api.chooseOpenPackages('选择要接收的交换文件');
      if (st.disposed) return;
      const paths = (Array.isArray(picked) ? picked : []).map(pickedPath).filter(Boolean);
      if (!paths.length) return;
      pathsBox.value = joinPaths(paths);
      startBtn.focus();
    } catch (e) {
      if (!st.disposed) failInto(receiveError, e);
    }
  }

  async function chooseFolder() {
    hideMessage(receiveError);
    try {
      const path = pickedPath(await api.chooseFolder('选择存放交换文件的文件夹'));
      if (st.disposed || !path) return;
      pathsBox.value = path;
      startBtn.focus();
    } catch (e) {
      if (!st.disposed) failInto(receiveError, e);
    }
  }

  function setReceiving(on) {
    st.receiving = on;
    for (const b of [startBtn, chooseFilesBtn, chooseFolderBtn, forceBox]) b.disabled = on;
    pathsBox.readOnly = on;
    startBtn.textContent = on ? '正在接收…' : '接收';
  }

  async function receive() {
    if (st.receiving) return;
    hideMessage(receiveError);
    clearAlert?.();
    const paths = parsePaths(pathsBox.value);
    if (!paths.length) {
      showMessage(receiveError, '请先选择或填写要接收的文件或文件夹。');
      pathsBox.focus();
      return;
    }
    const force = forceBox.checked;
    if (force) {
      const ok = await confirmDialog({ title: '强制接收', message: FORCE_CONFIRM, okText: '强制接收', danger: true });
      if (!ok || st.disposed) return;
    }
    setReceiving(true);
    receiveResult.hidden = true;
    progress.removeAttribute('value'); // indeterminate until the first event
    progressText.textContent = receiveProgressText({ done: 0, total: 0 });
    progressRow.hidden = false;
    stopProgress = api.onReceiveProgress((p) => {
      if (st.disposed) return;
      const total = Math.max(1, Number(p?.total) || 1);
      progress.max = total;
      progress.value = Math.min(Number(p?.done) || 0, total);
      progressText.textContent = receiveProgressText(p);
    });
    try {
      const receipts = await api.receivePackages(paths, force);
      if (st.disposed) return;
      renderReceipts(Array.isArray(receipts) ? receipts : []);
      // Forcing is for one run only.
      forceBox.checked = false;
      loadPreview(); // the next package carries what was just received
    } catch (e) {
      if (!st.disposed) failInto(receiveError, e);
    } finally {
      stopProgress();
      stopProgress = () => {};
      if (!st.disposed) {
        progressRow.hidden = true;
        setReceiving(false);
      }
    }
  }

  function renderReceipts(receipts) {
    const sum = receiveSummary(receipts);
    const rows = receiptRows(receipts);
    const toSenders = h('button', { type: 'button', id: 'receive-to-senders', class: 'btn btn-secondary' }, '查看报送情况');
    const toReport = h('button', { type: 'button', id: 'receive-to-report', class: 'btn btn-secondary' }, '查看统计');
    toSenders.addEventListener('click', () => navigate?.('senders'));
    toReport.addEventListener('click', () => navigate?.('report'));
    clear(receiveResult,
      h('p', {
        id: 'receive-summary',
        class: ['receive-summary', sum.tone],
        role: 'status',
      }, sum.text),
      rows.length
        ? h('div', { class: 'table-scroll' }, h('table', { class: 'data-table receive-table', id: 'receive-results' },
          thead('文件', '发送单位', '第几次导出', '结果', '说明'),
          h('tbody', {}, rows.map((r) => h('tr', {
            class: ['receipt-row', `receipt-${r.outcome}`], 'data-outcome': r.outcome, 'data-sender-code': r.senderCode || null,
          },
          h('td', { class: 'cell-file' }, h('span', { class: 'file-name', title: r.path }, breakableName(r.fileName))),
          h('td', {}, r.sender),
          h('td', { class: 'cell-nowrap' }, r.sequence),
          h('td', { class: 'cell-nowrap' }, h('span', { class: ['outcome-tag', `outcome-${r.outcome}`] }, r.outcomeLabel)),
          h('td', { class: 'cell-summary' },
            r.reason && r.outcome === 'refused' ? h('span', { class: 'reason-label' }, `${r.reason}：`) : null,
            r.message))))))
        : h('p', { class: 'hint', id: 'receive-none' }, '所选位置没有找到 .zip 交换文件。'),
      sum.accepted ? h('div', { class: 'button-row' }, toSenders, toReport) : null);
    receiveResult.hidden = false;
    if (sum.accepted) toast?.(`已接收 ${sum.accepted} 个文件`);
  }

  return () => {
    st.disposed = true;
    stopProgress();
  };
}

/** A file name that may break after its underscores (320115101000_青溪街道_ / 20261205_0001.zip), not inside a date. */
function breakableName(name) {
  return name.split('_').flatMap((part, i, all) => (i < all.length - 1 ? [`${part}_`, h('wbr')] : [part]));
}
