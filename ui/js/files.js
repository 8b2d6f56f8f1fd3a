// File path boxes: a path typed by the clerk, or one picked in the system dialog
// (choose_open_file / choose_save_file through `api`). Used by 导入 (the file to
// read, 保存错误清单…), 导出Excel, 下载导入模板, 导出交换文件 and the 统计 export.
import { h } from './dom.js';
import { onEnter } from './forms.js';
import { confirmDialog } from './dialog.js';

/** The path a system dialog returned, or '' when it was cancelled (null) or is not a path. Pure. */
export function pickedPath(p) {
  return typeof p === 'string' && p !== '' ? p : '';
}

/** The path each box last had from the system dialog (asked about replacing there). */
const lastPicked = new WeakMap();

/**
 * Where to write a file: the path typed in `input` or, when the box is empty
 * (or `ask`), the one picked in the system save dialog, which is then written
 * into the box. Resolves to '' when the dialog is cancelled; rejects as the
 * command does. `defaultName` may be a function (a name that changes, e.g. the
 * next exchange package); `kind` ('xlsx' by default, 'zip') goes to the dialog.
 */
export async function resolveSavePath(api, input, { title, defaultName, kind, ask = false }) {
  const typed = String(input.value ?? '').trim();
  if (typed && !ask) {
    // A typed path is checked before the work (a bare name went to the program's
    // folder, a long one failed with the temporary file's English error) and a file
    // already there is replaced only when the clerk says so (it was, without a word:
    // probe AO). One picked in the system dialog was asked about there.
    if (api.checkSavePath && lastPicked.get(input) !== typed) {
      const exists = await api.checkSavePath(typed, kind ?? 'xlsx');
      if (exists && !(await confirmDialog({
        title: '替换已有文件？',
        message: replaceQuestion(typed),
        okText: '替换',
        danger: true,
      }))) return '';
    }
    return typed;
  }
  const name = typeof defaultName === 'function' ? defaultName() : defaultName;
  const picked = pickedPath(await (kind ? api.chooseSaveFile(title, name, kind) : api.chooseSaveFile(title, name)));
  if (picked) {
    input.value = picked;
    lastPicked.set(input, picked);
  }
  return picked;
}

/** The question before a typed path's file is replaced. Pure. */
export function replaceQuestion(path) {
  const name = String(path).split(/[\\/]/).pop();
  return `“${name}”已经存在。替换后，原来的内容就没有了。要用这次导出的内容替换它吗？`;
}

/**
 * A path box and its button: [label, div.path-row(input, button)]. Without a
 * label the box is named by `ariaLabel`. → { input, button, row, el }.
 */
export function pathRow({
  inputId, buttonId, buttonText = '选择位置…', label, ariaLabel, placeholder, describedBy, rowClass,
}) {
  const input = h('input', {
    id: inputId, type: 'text', class: 'input-path', autocomplete: 'off', spellcheck: 'false', placeholder,
    'aria-label': ariaLabel, 'aria-describedby': describedBy,
  });
  const button = h('button', { id: buttonId, type: 'button', class: 'btn btn-secondary' }, buttonText);
  const row = h('div', { class: ['path-row', rowClass] }, input, button);
  return { input, button, row, el: [label ? h('label', { for: inputId, class: 'block-label' }, label) : null, row] };
}

/**
 * “保存到 [path] [选择位置…]” for a file the app writes. The button opens the
 * save dialog (onChoose runs first, e.g. to hide the last error; a rejection
 * goes to onError); Enter in the box runs `onEnter` (the dialog's main action).
 * `resolve()` is the path to write, asking when the box is empty ('' = cancelled).
 */
export function savePathPicker({
  api, title, defaultName, kind, onEnter: enter, onChoose, onError, label = '保存到', ...row
}) {
  const r = pathRow({ label, ...row });
  const where = { title, defaultName, kind };
  r.button.addEventListener('click', async () => {
    onChoose?.();
    try {
      await resolveSavePath(api, r.input, { ...where, ask: true });
    } catch (e) {
      onError?.(e);
    }
  });
  if (enter) onEnter(r.input, enter);
  return { ...r, resolve: () => resolveSavePath(api, r.input, where) };
}

/**
 * The main button of a page that writes a file (导出交换文件, the 统计 导出Excel).
 * → run(): one at a time (a call while one runs does nothing). It runs start()
 * (hide the last error and result), disables `button` and the picker's button
 * (`button` says `busyText` meanwhile, when given), takes the path from
 * `where.resolve()` (asking when the box is empty; cancelled = nothing more) and
 * runs write(path). A failure goes to fail(e). Once gone() (the view was left)
 * nothing more is touched.
 */
export function saveFileAction({ where, button, busyText, start, write, fail, gone }) {
  let running = false;
  return async () => {
    if (running) return;
    start?.();
    running = true;
    const idleText = button.textContent;
    button.disabled = true;
    where.button.disabled = true;
    if (busyText) button.textContent = busyText;
    try {
      const path = await where.resolve();
      if (!path || gone()) return;
      await write(path);
    } catch (e) {
      if (!gone()) fail(e);
    } finally {
      running = false;
      if (!gone()) {
        button.disabled = false;
        where.button.disabled = false;
        if (busyText) button.textContent = idleText;
      }
    }
  };
}

/**
 * What a toast after an export offers: 打开文件 and 打开所在文件夹 of `path`
 * (the shell opens only files this window's exports wrote). → [{ label, run }].
 */
export function openActions(api, path) {
  if (!path) return [];
  return [
    { label: '打开文件', run: () => api.openExported(path, false) },
    { label: '打开所在文件夹', run: () => api.openExported(path, true) },
  ];
}
