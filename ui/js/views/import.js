// 导入 wizard, for any import kind ("people", "expected-offices").
//   1 选择文件: type a path or pick one (choose_open_file), then 检查文件 (import_preview)
//   2 检查结果: summary, every problem (scrollable), 导入可导入的 X 行 / 保存错误清单… / 取消
//   3 导入中: progress fed by the import-progress event, 取消导入 (import_cancel)
//   4 完成: summary (新增 a 人，更新 b 人…), 完成
// Whole-file problems (missing columns, empty file, unreadable file) show in #import-file-error.
import { h, clear, thead } from '../dom.js';
import { openModal, dialogErrors } from '../dialog.js';
import { onEnter, showMessage, hideMessage } from '../forms.js';
import { openActions, pathRow, pickedPath, resolveSavePath } from '../files.js';
import {
  importKindInfo, previewSummaryText, commitButtonText, canCommit, changesNothing, problemRows, progressText, checkingText, importSummaryText, backupText,
  notesText,
  sheetsLeft,
  sheetsLeftText,
  noProblemsText,
  noRows,
  nearRowChoices,
  staleRowChoices,
  staleRowsLegend,
  notesBesideNear,
  leftOutRows,
} from '../logic/importing.js';

/** How many near rows get a box of their own (the rest stay out). */
const NEAR_BOXES = 100;

const STEPS = [
  { id: 'choose', label: '选择文件' },
  { id: 'preview', label: '检查' },
  { id: 'importing', label: '导入' },
  { id: 'done', label: '完成' },
];

/**
 * Open the wizard. `onImported(summary)` runs after a successful import (refresh
 * lists there). `given` ({ columnKey: value }) fills columns the file lacks, and
 * `givenNote` says so on the first step (a sign-in sheet into the training opened on
 * screen). Returns the close function.
 */
export function openImportDialog({ api, kind = 'people', toast, onError, onImported, given, givenNote }) {
  const info = importKindInfo(kind);
  // taken: the near rows (nearRowChoices) the clerk ticked to import anyway.
  // imported: the sheets of this file already imported in this dialog (导入下一个工作表).
  const st = { step: 'choose', path: '', sheet: null, preview: null, previewing: false, running: false, stopping: false, taken: new Set(), imported: [] };

  const stepper = h('ol', { class: 'steps', 'aria-label': '导入步骤' },
    STEPS.map((s, i) => h('li', { class: 'step', 'data-step': s.id }, h('span', { class: 'step-num' }, String(i + 1)), s.label)));
  const fileError = h('p', { id: 'import-file-error', class: 'file-error', role: 'alert', hidden: true });

  // step 1
  const source = pathRow({
    inputId: 'import-path', buttonId: 'import-choose', buttonText: '选择文件…', label: '要导入的文件',
    placeholder: `例如 D:\\台账\\${info.example}`, describedBy: 'import-path-hint',
  });
  const { input: pathInput, button: chooseBtn } = source;
  const previewBtn = h('button', { id: 'import-preview', type: 'button', class: 'btn btn-primary' }, '检查文件');
  const stepChoose = h('section', { class: 'import-step', id: 'import-step-choose' },
    source.el,
    givenNote ? h('p', { class: 'hint', id: 'import-given-note' }, givenNote) : null,
    h('p', { class: 'hint', id: 'import-path-hint' },
      `支持 .xlsx、.xls、.csv 文件；表头（列名）上方的标题行、表格下方的合计行可以保留。可以先下载导入模板，按模板填写。检查文件不会写入任何数据。`),
    h('div', { class: 'dialog-actions', id: 'import-choose-actions' }, previewBtn));

  // step 2
  const summaryLine = h('p', { id: 'import-preview-summary', class: 'import-summary-line' });
  // What the import fills in (e.g. suggested codes), one per line.
  const notesLine = h('p', { id: 'import-preview-notes', class: 'hint import-notes', hidden: true });
  const fileLine = h('p', { class: 'hint', id: 'import-file-name' });
  // Which worksheet is read (the first visible one unless the clerk picks another).
  const sheetSelect = h('select', { id: 'import-sheet', class: 'input input-inline', 'aria-label': '要导入的工作表' });
  const sheetsLeftLine = h('span', { id: 'import-sheets-left', class: 'import-sheets-left' });
  const sheetRow = h('p', { class: 'hint import-sheet-row', id: 'import-sheet-row', hidden: true },
    h('label', { for: 'import-sheet' }, '工作表：'), sheetSelect, ' ', sheetsLeftLine);
  const problemsHost = h('div', { class: 'problems-host' });
  // Rows that would add a record beside a stored one but for one column: left out
  // unless ticked (a 会议日期 corrected in Excel made a second meeting).
  const nearHost = h('fieldset', { class: 'near-rows', id: 'import-near-rows', hidden: true });
  // Rows of an older list (saved before their records were changed here): left out
  // unless ticked (an old roster moved a grid worker back and put back an old phone).
  const staleHost = h('fieldset', { class: 'near-rows stale-rows', id: 'import-stale-rows', hidden: true });
  const commitBtn = h('button', { id: 'import-commit', type: 'button', class: 'btn btn-primary' }, '导入');
  const errorsOut = pathRow({
    inputId: 'import-errors-path', buttonId: 'import-save-errors', buttonText: '保存错误清单…', rowClass: 'errors-row',
    placeholder: '错误清单保存位置（可留空，点右边按钮选择）', ariaLabel: '错误清单保存位置',
  });
  const { input: errorsPath, button: saveErrorsBtn, row: errorsRow } = errorsOut;
  const backBtn = h('button', { id: 'import-back', type: 'button', class: 'btn btn-secondary' }, '重新选择文件');
  const stepPreview = h('section', { class: 'import-step', id: 'import-step-preview', hidden: true },
    fileLine, sheetRow, summaryLine, notesLine, staleHost, nearHost, problemsHost, errorsRow,
    h('div', { class: 'dialog-actions', id: 'import-preview-actions' }, backBtn, commitBtn));

  // step 3
  const progress = h('progress', { id: 'import-progress', class: 'import-progress' });
  const progressLabel = h('span', { id: 'import-progress-text', class: 'progress-text', 'aria-live': 'polite' });
  const stopBtn = h('button', { id: 'import-stop', type: 'button', class: 'btn btn-danger' }, '取消导入');
  const stepRunning = h('section', { class: 'import-step', id: 'import-step-running', hidden: true },
    h('p', {}, '正在导入，请不要关闭程序。导入在全部完成后才会写入；取消导入不会写入任何数据。'),
    h('div', { class: 'progress-row' }, progress, progressLabel),
    h('div', { class: 'dialog-actions' }, stopBtn));

  // step 4
  const summaryText = h('p', { id: 'import-summary', class: 'import-summary' });
  const summaryNotes = h('p', { id: 'import-summary-notes', class: 'hint import-notes', hidden: true });
  // The rows not imported, by number, with the error list to save (it said only
  // “2 行有错误未导入”).
  const summaryRefused = h('p', { id: 'import-summary-refused', class: 'warning-text', hidden: true });
  // The way back from a wrong file: the backup taken before it wrote (probe AB).
  const summaryBackup = h('p', { id: 'import-summary-backup', class: 'hint', hidden: true });
  const doneBtn = h('button', { id: 'import-done', type: 'button', class: 'btn btn-primary' }, '完成');
  const nextSheetBtn = h('button', { id: 'import-next-sheet', type: 'button', class: 'btn btn-secondary', hidden: true }, '');
  const doneActions = h('div', { class: 'dialog-actions' }, nextSheetBtn, doneBtn);
  const stepDone = h('section', { class: 'import-step', id: 'import-step-done', hidden: true },
    h('p', { class: 'import-done-title' }, '导入完成'),
    summaryText,
    summaryNotes,
    summaryRefused,
    summaryBackup,
    doneActions);

  const cancelBtn = h('button', { id: 'import-cancel-dialog', type: 'button', class: 'btn btn-secondary' }, '取消');

  const { dlg, close } = openModal({
    id: 'import-dialog',
    title: `导入${info.label}`,
    className: 'dialog-wide import-dialog',
    canClose: () => !st.running,
    content: [stepper, fileError, stepChoose, stepPreview, stepRunning, stepDone],
  });

  setStep('choose');
  pathInput.focus();

  // ---------- wiring ----------
  cancelBtn.addEventListener('click', () => { if (!st.running) close(); });
  doneBtn.addEventListener('click', close);
  // The next sheet of the same file, checked as the first one was.
  nextSheetBtn.addEventListener('click', () => {
    const next = nextSheetBtn.dataset.sheet;
    if (!next || st.running) return;
    st.sheet = next;
    runPreview();
  });
  backBtn.addEventListener('click', () => {
    hideFileError();
    setStep('choose');
    pathInput.focus();
    pathInput.select();
  });
  chooseBtn.addEventListener('click', choose);
  previewBtn.addEventListener('click', () => { st.sheet = null; runPreview(); });
  sheetSelect.addEventListener('change', () => { st.sheet = sheetSelect.value || null; runPreview(); });
  onEnter(pathInput, () => { st.sheet = null; runPreview(); });
  commitBtn.addEventListener('click', commit);
  saveErrorsBtn.addEventListener('click', saveErrors);
  stopBtn.addEventListener('click', stop);

  function setStep(step) {
    st.step = step;
    stepChoose.hidden = step !== 'choose';
    stepPreview.hidden = step !== 'preview';
    stepRunning.hidden = step !== 'importing';
    stepDone.hidden = step !== 'done';
    // 取消 sits first in the actions of the steps that have one.
    if (step === 'choose') stepChoose.querySelector('.dialog-actions').prepend(cancelBtn);
    else if (step === 'preview') stepPreview.querySelector('.dialog-actions').prepend(cancelBtn);
    cancelBtn.hidden = step === 'importing' || step === 'done';
    const index = STEPS.findIndex((s) => s.id === step);
    stepper.querySelectorAll('.step').forEach((li, i) => {
      li.classList.toggle('is-done', i < index);
      if (i === index) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
  }

  const showFileError = (message) => showMessage(fileError, message);
  const hideFileError = () => hideMessage(fileError);
  const fail = dialogErrors(fileError, close, onError);

  async function choose() {
    hideFileError();
    try {
      const path = pickedPath(await api.chooseOpenFile(`选择要导入的${info.label}文件`));
      if (path) {
        pathInput.value = path;
        previewBtn.focus();
      }
    } catch (e) {
      fail(e);
    }
  }

  async function runPreview() {
    // Enter in the path box does not go through the disabled button: one check at a time,
    // so an older answer can never replace the file that was checked last.
    if (st.previewing) return;
    hideFileError();
    const path = pathInput.value.trim();
    if (!path) {
      showFileError('请先选择或填写要导入的文件。');
      pathInput.focus();
      return;
    }
    st.previewing = true;
    previewBtn.disabled = true;
    previewBtn.textContent = '正在检查…';
    try {
      const preview = given ? await api.importPreview(kind, path, st.sheet, given) : await api.importPreview(kind, path, st.sheet);
      if (!dlg.isConnected) return;
      st.path = path;
      st.preview = preview ?? {};
      renderPreview();
      setStep('preview');
      // Enter imports only what would change something.
      (canCommit(st.preview, leftOutRows(st.preview, st.taken)) && !changesNothing(st.preview) ? commitBtn : backBtn).focus();
    } catch (e) {
      if (!dlg.isConnected) return;
      fail(e);
      // Another sheet of the file checked and refused: the sheet checked before is no
      // longer what would be imported (its rows and an enabled 仍然导入 8 行 stayed,
      // and the button did nothing).
      if (st.step === 'preview') {
        dropResults();
        sheetSelect.focus();
        return;
      }
      pathInput.focus();
    } finally {
      st.previewing = false;
      previewBtn.disabled = false;
      previewBtn.textContent = '检查文件';
    }
  }

  /** The preview step without results: the sheet chosen could not be read. */
  function dropResults() {
    st.preview = null;
    summaryLine.textContent = '这个工作表没有通过检查（原因见上），没有可以导入的行。可以在“工作表”里选回其他工作表。';
    notesLine.hidden = true;
    nearHost.hidden = true;
    clear(nearHost);
    staleHost.hidden = true;
    clear(staleHost);
    clear(problemsHost);
    errorsRow.hidden = true;
    commitBtn.disabled = true;
  }

  function renderPreview() {
    const p = st.preview;
    fileLine.textContent = p.fileName ? `文件：${p.fileName}` : '';
    const sheets = Array.isArray(p.sheets) ? p.sheets : [];
    sheetRow.hidden = !p.sheetName;
    clear(sheetSelect, (sheets.includes(p.sheetName) || !p.sheetName ? sheets : [p.sheetName, ...sheets])
      .map((name) => h('option', { value: name }, name)));
    sheetSelect.value = p.sheetName ?? '';
    sheetSelect.disabled = sheets.length < 2;
    sheetsLeftLine.textContent = sheetsLeftText(p, st.imported);
    summaryLine.textContent = previewSummaryText(p);
    notesLine.textContent = notesText(notesBesideNear(p));
    notesLine.hidden = !notesLine.textContent;
    st.taken = new Set();
    renderNear();
    // Nothing to change: importing is not the step the dialog leads to.
    commitBtn.className = changesNothing(p) ? 'btn btn-secondary' : 'btn btn-primary';
    const rows = problemRows(p);
    errorsRow.hidden = !(Number(p.rejectedRows) > 0 || rows.length);
    if (!rows.length) {
      const notes = !notesLine.hidden || noRows(p);
      clear(problemsHost, h('p', { class: notes ? 'warning-text' : 'ok-line', id: 'import-no-problems' }, noProblemsText(p)));
      return;
    }
    // The row's name beside its number, when the file has a name column.
    const named = rows.some((r) => r.name);
    clear(problemsHost,
      h('h3', { class: 'problems-title' }, `问题清单（${rows.length} 条）`),
      h('div', { class: 'problems-scroll', tabindex: '0', 'aria-label': '问题清单' },
        h('table', { class: 'data-table problems-table', id: 'import-problems' },
          thead({ text: '行号', class: 'cell-num' }, named && (p.nameHeader || '名称'), '列', '问题'),
          h('tbody', {}, rows.map((r) => h('tr', {},
            h('td', { class: 'cell-num' }, String(r.row)),
            named ? h('td', { class: 'cell-nowrap problem-name' }, r.name ?? '') : null,
            h('td', { class: 'cell-nowrap' }, r.column),
            h('td', {}, r.message)))))));
  }

  /** A box for a row left out unless ticked. */
  function takeBox(id, row, label, attrs = {}) {
    const box = h('input', { type: 'checkbox', id, ...attrs });
    box.addEventListener('change', () => {
      if (box.checked) st.taken.add(row); else st.taken.delete(row);
      countCommit();
    });
    return h('label', { class: 'near-row', for: id }, box, label);
  }

  /** The near rows and an older list's rows, with a box each; the button counts what goes in. */
  function renderNear() {
    const p = st.preview;
    const stale = staleRowChoices(p);
    staleHost.hidden = !stale.length;
    clear(staleHost, stale.length
      ? [h('legend', {}, staleRowsLegend(p)),
        ...stale.slice(0, NEAR_BOXES).map((c) => takeBox(`import-stale-${c.row}`, c.row,
          ` 第 ${c.row} 行仍然导入：${c.record}（${c.changedAt} 在软件里改过）`, { 'data-stale-row': String(c.row) })),
        stale.length > NEAR_BOXES
          ? h('p', { class: 'hint' }, `另有 ${stale.length - NEAR_BOXES} 行同样不导入；要导入，请用新的名单。`)
          : null,
        h('p', { class: 'hint' }, '如确认这是最新的名单，请勾选要导入的行；否则请先从软件导出最新的名单再改。')]
      : []);
    const choices = nearRowChoices(p);
    nearHost.hidden = !choices.length;
    clear(nearHost, choices.length
      ? [h('legend', {}, `以下 ${choices.length} 行与已有记录只差一列，可能是在表格里改了已有记录（如改了日期），默认不导入：`),
        // A box for each of the first 100; the rest stay out, said in one line.
        ...choices.slice(0, NEAR_BOXES).map((c) => takeBox(`import-near-${c.row}`, c.row,
          ` 第 ${c.row} 行仍作为新记录导入：${c.note}`, { 'data-near-row': String(c.row) })),
        choices.length > NEAR_BOXES
          ? h('p', { class: 'hint', id: 'import-near-more' }, `另有 ${choices.length - NEAR_BOXES} 行同样不导入；要导入，请在软件里核对后单独导入。`)
          : null,
        h('p', { class: 'hint' }, '如是改了已有记录的日期或名称，请在软件里修改那一条，不要勾选。')]
      : []);
    countCommit();
  }

  function countCommit() {
    const p = st.preview;
    const out = leftOutRows(p, st.taken);
    commitBtn.textContent = commitButtonText(p, out);
    commitBtn.disabled = !canCommit(p, out);
  }

  async function saveErrors() {
    hideFileError();
    saveErrorsBtn.disabled = true;
    try {
      const out = await resolveSavePath(api, errorsPath, { title: '保存导入错误清单', defaultName: '导入错误清单.xlsx' });
      if (!out) return;
      const n = given ? await api.importErrorWorkbook(kind, st.path, out, st.sheet, given) : await api.importErrorWorkbook(kind, st.path, out, st.sheet);
      toast?.(`已保存错误清单（${Number(n) || 0} 行），改正后可以再次导入`, openActions(api, out));
    } catch (e) {
      if (dlg.isConnected) fail(e);
    } finally {
      saveErrorsBtn.disabled = false;
    }
  }

  async function commit() {
    const leaveOut = leftOutRows(st.preview, st.taken);
    if (st.running || !canCommit(st.preview, leaveOut)) return;
    hideFileError();
    st.running = true;
    st.stopping = false;
    const total = (Number(st.preview.validRows) || 0) - leaveOut.length;
    progress.removeAttribute('value'); // indeterminate until the first event
    progress.max = Math.max(1, total);
    progressLabel.textContent = checkingText(total);
    stopBtn.disabled = false;
    stopBtn.textContent = '取消导入';
    setStep('importing');
    stopBtn.focus();
    const unsubscribe = api.onImportProgress((payload) => {
      const done = Number(payload?.done) || 0;
      const all = Number(payload?.total) || total;
      progress.max = Math.max(1, all);
      progress.value = Math.min(done, Math.max(1, all));
      progressLabel.textContent = progressText(done, all);
    });
    try {
      const summary = given ? await api.importCommit(kind, st.path, st.sheet, leaveOut, given) : await api.importCommit(kind, st.path, st.sheet, leaveOut);
      st.running = false;
      if (!dlg.isConnected) return;
      summaryText.textContent = importSummaryText(summary ?? {}, kind);
      summaryNotes.textContent = notesText(summary);
      summaryNotes.hidden = !summaryNotes.textContent;
      summaryBackup.textContent = backupText(summary);
      summaryBackup.hidden = !summaryBackup.textContent;
      const refused = [...new Set(problemRows(st.preview).map((r) => Number(r.row)).filter((r) => r > 0))];
      summaryRefused.hidden = !(Number(summary?.rejected) > 0 && refused.length);
      if (!summaryRefused.hidden) {
        summaryRefused.textContent = `没有导入的行：第 ${refused.slice(0, 20).join('、')}${refused.length > 20 ? ' 等' : ''} 行。可以保存错误清单，改正后再导入这些行。`;
        stepDone.insertBefore(errorsRow, doneActions);
        errorsRow.hidden = false;
      }
      if (st.preview?.sheetName && !st.imported.includes(st.preview.sheetName)) st.imported.push(st.preview.sheetName);
      const [next] = sheetsLeft(st.preview, st.imported);
      nextSheetBtn.hidden = !next;
      nextSheetBtn.dataset.sheet = next ?? '';
      nextSheetBtn.textContent = next ? `导入下一个工作表“${next}”` : '';
      setStep('done');
      doneBtn.focus();
      onImported?.(summary);
    } catch (e) {
      st.running = false;
      if (!dlg.isConnected) return;
      setStep('preview');
      fail(e);
      commitBtn.focus();
    } finally {
      st.running = false;
      unsubscribe();
    }
  }

  async function stop() {
    if (!st.running || st.stopping) return;
    st.stopping = true;
    stopBtn.disabled = true;
    stopBtn.textContent = '正在取消…';
    try {
      await api.importCancel();
    } catch (e) {
      st.stopping = false;
      stopBtn.disabled = false;
      stopBtn.textContent = '取消导入';
      fail(e);
    }
  }

  return close;
}
