// Modal confirmation dialog built on <dialog>. Resolves true (确定) or false (取消/Esc).
// Also: presets for 放弃修改？/删除确认, the modal of the small workflows (import,
// export) and how such a modal reports a failed command.
import { h } from './dom.js';
import { hideMessage, showMessage, whileBusy } from './forms.js';
import { reportError, errorRoute, errorMessage } from './logic/errors.js';

export function confirmDialog({ title = '请确认', message, okText = '确定', cancelText = '取消', danger = false } = {}) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const ok = h('button', { type: 'button', id: 'confirm-ok', class: ['btn', danger ? 'btn-danger' : 'btn-primary'] }, okText);
    const cancel = h('button', { type: 'button', id: 'confirm-cancel', class: 'btn btn-secondary' }, cancelText);
    const dlg = h('dialog', {
      id: 'confirm-dialog', class: 'dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message',
    },
    h('h2', { id: 'confirm-title', class: 'dialog-title' }, title),
    h('p', { id: 'confirm-message', class: 'dialog-message' }, message),
    h('div', { class: 'dialog-actions' }, cancel, ok));

    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      if (dlg.open) dlg.close();
      dlg.remove();
      if (previous && typeof previous.focus === 'function' && previous.isConnected) previous.focus();
      resolve(result);
    };
    ok.addEventListener('click', () => finish(true));
    cancel.addEventListener('click', () => finish(false));
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); finish(false); });
    dlg.addEventListener('close', () => finish(false));

    document.body.append(dlg);
    if (typeof dlg.showModal === 'function') {
      dlg.showModal();
      // Destructive actions start on 取消 so a stray Enter does no harm.
      (danger ? cancel : ok).focus();
    } else {
      dlg.remove();
      done = true;
      resolve(globalThis.confirm(message));
    }
  });
}

/**
 * Asks for a typed confirmation (e.g. an office's name) or a value (`value` prefills
 * it: a 办结日期, today unless changed). Resolves the text, or null when cancelled.
 * `submit(text)`, when given, runs on 确定 inside the dialog: it answers an error to
 * say there (the dialog stays, with what was typed) or nothing to close it (probe AI:
 * a 办结日期 before the meeting closed the dialog and threw the typing away).
 */
export function promptDialog({ title = '请确认', message, label, okText = '确定', danger = false, value = '', submit = null } = {}) {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', id: 'prompt-input', class: 'input', autocomplete: 'off', 'aria-describedby': 'prompt-error' });
    input.value = value;
    const error = h('p', { class: 'file-error', id: 'prompt-error', role: 'alert', hidden: true });
    const content = h('div', {},
      h('p', { id: 'prompt-message', class: 'dialog-message' }, message),
      h('label', { class: 'field-label', for: 'prompt-input' }, label),
      input, error);
    let result = null;
    const ok = h('button', { type: 'button', id: 'prompt-ok', class: ['btn', danger ? 'btn-danger' : 'btn-primary'] }, okText);
    const cancel = h('button', { type: 'button', id: 'prompt-cancel', class: 'btn btn-secondary' }, '取消');
    content.append(h('div', { class: 'dialog-actions' }, cancel, ok));
    const { close } = openModal({ id: 'prompt-dialog', title, content, onClose: () => resolve(result) });
    ok.addEventListener('click', async () => {
      const text = input.value.trim() || null;
      if (submit && text != null) {
        ok.disabled = true;
        const said = await submit(text);
        ok.disabled = false;
        if (said) {
          error.textContent = said;
          error.hidden = false;
          input.focus();
          return;
        }
      }
      result = text;
      close();
    });
    cancel.addEventListener('click', () => close());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); ok.click(); }
    });
    input.focus();
  });
}

/**
 * Before leaving a form: true at once when nothing is `dirty`, else asks
 * 放弃修改？ (starts on 继续编辑).
 */
export function confirmDiscard(dirty) {
  if (!dirty) return Promise.resolve(true);
  return confirmDialog({
    title: '放弃修改？',
    message: '当前表单有未保存的修改，确定放弃吗？',
    okText: '放弃修改',
    cancelText: '继续编辑',
    danger: true,
  });
}

const unsavedChecks = new Set();

/**
 * While a form is on screen, `check()` says whether it holds unsaved edits: the main
 * menu asks 放弃修改？ before leaving the view (a tab, a tree node or a link already
 * did; the menu threw the edits away). → a function that takes the check away.
 */
export function guardUnsaved(check) {
  unsavedChecks.add(check);
  return () => unsavedChecks.delete(check);
}

/** Whether any form on screen holds unsaved edits (see guardUnsaved). */
export function hasUnsaved() {
  for (const check of unsavedChecks) {
    try {
      if (check()) return true;
    } catch { /* a form half torn down holds nothing to keep */ }
  }
  return false;
}

/** The view is gone: none of its forms is on screen any more. */
export function forgetUnsaved() {
  unsavedChecks.clear();
}

/** 删除确认 for a record; `message` names it (deleted records go to the 回收站). */
export function confirmDelete(message) {
  return confirmDialog({ title: '删除确认', message, okText: '删除', danger: true });
}

/**
 * 删除 a record of a list (党建, 共建): asks 删除确认 with `message`; then, with
 * `button` disabled, runs remove() and toasts `done`. A failure goes to fail(e) and
 * ends there, unless the record was gone already (not_found): then the view goes on
 * as after a deletion. after() refreshes the view (and puts the focus somewhere).
 * Once gone() (the clerk has left the view) nothing more happens. A refusal (what
 * still names the record) is shown in `refusedIn`, under the button, when given.
 */
export async function deleteRecord({ message, button, remove, done, toast, clearAlert, fail, gone, after, refusedIn }) {
  if (refusedIn) hideMessage(refusedIn);
  if (!(await confirmDelete(message)) || gone()) return;
  clearAlert?.();
  await whileBusy(button, async () => {
    try {
      await remove();
      if (gone()) return;
      toast(done);
    } catch (e) {
      if (gone()) return;
      if (e?.kind === 'refused' && refusedIn?.isConnected) {
        showMessage(refusedIn, errorMessage(e));
        refusedIn.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      fail(e);
      if (errorRoute(e) !== 'reload') return;
    }
    await after();
  });
}

/**
 * A modal <dialog> for small workflows (import, export). Esc closes it unless
 * `canClose()` says no (e.g. while an import runs). Focus returns to where it was.
 * Returns { dlg, close }.
 */
export function openModal({ id, title, content, className, onClose, canClose = () => true }) {
  const previous = document.activeElement;
  const dlg = h('dialog', { id, class: ['dialog', className], 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, class: 'dialog-title' }, title),
    content);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (dlg.open) dlg.close();
    dlg.remove();
    if (previous && typeof previous.focus === 'function' && previous.isConnected) previous.focus();
    onClose?.();
  };
  // Esc is handled on keydown: browsers may not let a `cancel` event be prevented
  // (no user activation), so a running import could otherwise be closed.
  dlg.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    if (canClose()) close();
  });
  dlg.addEventListener('cancel', (e) => {
    e.preventDefault();
    if (canClose()) close();
  });
  dlg.addEventListener('close', () => {
    if (closed) return;
    if (canClose()) close();
    else if (typeof dlg.showModal === 'function') dlg.showModal();
  });
  document.body.append(dlg);
  if (typeof dlg.showModal === 'function') dlg.showModal();
  else dlg.setAttribute('open', '');
  return { dlg, close };
}

/**
 * How a small dialog reports a failed command: the message goes into its own
 * `errorEl` (text only); an error that needs a restart ('reboot') closes the
 * dialog and goes to onError.
 */
export function dialogErrors(errorEl, close, onError) {
  return (e) => reportError(e, {
    show: (message) => showMessage(errorEl, message),
    reboot: (err) => {
      close();
      onError?.(err);
    },
  });
}
