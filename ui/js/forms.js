// Plumbing shared by the record forms (单位, 人员, 业务网格, 首次设置, 党建, 共建) and
// the small dialogs: the keyboard (Enter saves, Esc cancels or undoes, never while
// an IME composes), tab lists, table rows, error slots, busy buttons and 撤销修改.
// Text goes in through textContent only; nothing here builds HTML or touches styles.
import { h } from './dom.js';

// ---------- keyboard ----------

/** True while an IME is composing (Chinese input): Enter and Esc belong to the IME then. */
export function isComposing(e) {
  return !!e?.isComposing || e?.keyCode === 229;
}

/**
 * What a keydown does in a record form: 'save' (Enter in a one-line box or a
 * select, without Shift/Ctrl/Alt; multi-line fields keep Enter), 'cancel' (Esc),
 * or null: an IME is composing, a field already handled the key
 * (defaultPrevented), or any other key. Pure.
 */
export function formKeyAction(e) {
  if (!e || e.defaultPrevented || isComposing(e)) return null;
  const tag = e.target?.tagName;
  if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && (tag === 'INPUT' || tag === 'SELECT')) {
    return 'save';
  }
  if (e.key === 'Escape') return 'cancel';
  return null;
}

/**
 * Wire a record form: submitting it and Enter run save(); Esc runs cancel()
 * (cancel a new record or undo edits), except under an open dialog.
 * A field with keys of its own calls preventDefault() in its own listener.
 */
export function bindFormKeys(form, { save, cancel }) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });
  form.addEventListener('keydown', (e) => {
    const action = formKeyAction(e);
    if (!action) return;
    if (action === 'cancel' && globalThis.document.querySelector('dialog[open]')) return;
    e.preventDefault();
    if (action === 'save') save();
    else cancel();
  });
  return form;
}

/** Enter in one control (a path box, a date box, a select) runs action(e); IME-safe. */
export function onEnter(el, action) {
  el.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || isComposing(e)) return;
    e.preventDefault();
    action(e);
  });
  return el;
}

/** The tab a key moves to in a tab list of `count` (←/→ wrap around, Home, End), or -1. Pure. */
export function tabKeyIndex(key, index, count) {
  if (!(count > 0) || index < 0 || index >= count) return -1;
  switch (key) {
    case 'ArrowRight': return (index + 1) % count;
    case 'ArrowLeft': return (index - 1 + count) % count;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return -1;
  }
}

/** Keyboard of a role="tablist": ←/→/Home/End focus another tab and choose(tabButton). */
export function bindTabKeys(tablist, choose) {
  tablist.addEventListener('keydown', (e) => {
    const tabs = Array.from(tablist.querySelectorAll('[role="tab"]'));
    const j = tabKeyIndex(e.key, tabs.indexOf(globalThis.document.activeElement), tabs.length);
    if (j === -1) return;
    e.preventDefault();
    tabs[j].focus();
    choose(tabs[j]);
  });
  return tablist;
}

/**
 * Keyboard of a clickable table row (or card): Enter/Space runs open(); ↑/↓ go to
 * the previous/next element matching `selector` inside `root` (the list it is in).
 */
export function bindRowKeys(row, open, { root, selector, onTop } = {}) {
  row.addEventListener('keydown', (e) => {
    if (e.target !== row || isComposing(e)) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(e);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && root && selector) {
      e.preventDefault();
      const rows = Array.from(root.querySelectorAll(selector));
      const i = rows.indexOf(row);
      const next = rows[e.key === 'ArrowDown' ? i + 1 : i - 1];
      if (next) next.focus();
      else if (e.key === 'ArrowUp') onTop?.();
    }
  });
  return row;
}

/**
 * A search box that searches as the clerk types (人员名单, 共建 › 项目): search(text)
 * runs `delay` ms after the last change, but not while an IME is still composing
 * pinyin (the finished characters are searched on compositionend); Enter searches
 * at once; Esc empties a filled box and searches; ↓ focuses first() (the first row
 * or card of the list), when there is one. → cancel(): drops a pending search
 * (call it when the view goes).
 */
export function bindSearchBox(input, { search, first, delay = 200 }) {
  let timer = 0;
  const now = () => {
    clearTimeout(timer);
    search(input.value);
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(now, delay);
  };
  input.addEventListener('input', (e) => {
    if (!e.isComposing) soon();
  });
  input.addEventListener('compositionend', soon);
  input.addEventListener('keydown', (e) => {
    if (isComposing(e)) return; // Enter, Esc and the arrows pick or drop IME candidates
    if (e.key === 'Enter') {
      e.preventDefault();
      now();
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      now();
    } else if (e.key === 'ArrowDown') {
      const el = first?.();
      if (el) {
        e.preventDefault();
        el.focus();
      }
    }
  });
  return () => clearTimeout(timer);
}

/**
 * Run `task` with `controls` (a button or a list) disabled, and enable them again
 * afterwards (those that were enabled before). Resolves what `task` does.
 */
export async function whileBusy(controls, task) {
  const list = [controls].flat().filter(Boolean).filter((c) => !c.disabled);
  for (const c of list) c.disabled = true;
  try {
    return await task();
  } finally {
    for (const c of list) c.disabled = false;
  }
}

/**
 * A form's save, one at a time: a call while the last one still runs (a second
 * Enter while a code suggestion or the command is pending) does nothing and
 * resolves undefined. Otherwise resolves what `task` does.
 */
export function oneAtATime(task) {
  let running = false;
  return async (...args) => {
    if (running) return undefined;
    running = true;
    try {
      return await task(...args);
    } finally {
      running = false;
    }
  };
}

// ---------- messages and field errors ----------

/** Show `message` (as text) in an error or notice element. */
export function showMessage(el, message) {
  el.textContent = message;
  el.hidden = false;
}

/**
 * Take down the success toast (#toast) at once: an error shown after a success must not
 * stand beside an old 已保存. Field errors and the alert call it.
 */
export function dismissToast() {
  const t = globalThis.document?.querySelector?.('#toast');
  if (!t || t.hidden) return;
  t.hidden = true;
  t.classList.remove('toast-show');
}

/** Hide and empty an error or notice element. */
export function hideMessage(el) {
  el.hidden = true;
  el.textContent = '';
}

/**
 * Hide every error slot of a form (`errors`: { field: element }) and take
 * aria-invalid off its controls (`inputs`: { field: control }).
 */
export function clearFieldErrors(errors, inputs = {}) {
  for (const el of Object.values(errors ?? {})) hideMessage(el);
  for (const control of Object.values(inputs ?? {})) control?.removeAttribute?.('aria-invalid');
}

/**
 * Every problem of a form ([{ field, message }]: logic/form.js problemsIn of a check,
 * or a core error's `problems`) beside its field through `show(field, message,
 * problem)` → whether it had a place; the first shown last so that its field has
 * the focus. Those with no place go to `alert` as one message.
 */
export function showProblems(problems, show, alert) {
  const shown = new Set([...problems].reverse().filter((p) => show(p.field, p.message, p)));
  const elsewhere = problems.filter((p) => !shown.has(p));
  if (elsewhere.length) alert(elsewhere.map((p) => p.message).join(' '));
}

/**
 * A field being corrected drops its message (with every problem said at once, a
 * fixed one stayed red until the next 保存). `slot()`: its error element, once built.
 */
export function clearWhenCorrected(control, slot) {
  const corrected = () => {
    if (control.getAttribute('aria-invalid') !== 'true') return;
    const el = slot();
    if (el) hideMessage(el);
    control.removeAttribute('aria-invalid');
  };
  control.addEventListener('input', corrected);
  control.addEventListener('change', corrected);
}

/**
 * Show `message` in a field's error slot and take the clerk to `control`:
 * marked aria-invalid (`mark`), focused, its text selected (`select`).
 */
export function showFieldError(slot, message, control, { mark = true, select = true } = {}) {
  showMessage(slot, message);
  dismissToast();
  if (!control) return;
  if (mark) control.setAttribute('aria-invalid', 'true');
  control.focus();
  // Said, not only focused: a window without the system's focus does not scroll to
  // a focused field (an ID number's error sat above the screen, 保存 seemed dead).
  control.scrollIntoView?.({ block: 'center' });
  if (select) control.select?.();
}

// ---------- focus and 撤销修改 ----------

/**
 * Remember which element has focus (by id) before a re-render; the returned
 * function focuses the element with that id again, or `fallback`.
 */
export function rememberFocus() {
  const id = globalThis.document.activeElement?.id;
  return (fallback) => {
    const el = (id && globalThis.document.getElementById(id)) || fallback;
    el?.focus();
  };
}

/**
 * 撤销修改: render() refills the form from its record; focus stays on the same
 * field (or goes where focus() says); a toast says so when something was undone.
 */
export function undoEdits({ dirty, render, toast, focus }) {
  const refocus = rememberFocus();
  render();
  if (focus) focus();
  else refocus();
  if (dirty) toast?.('已撤销未保存的修改');
}

// ---------- a labelled field with its error slot ----------

/**
 * [label] [control + hint + error slot] as a `div.form-row`. The slot is
 * `p.field-error#<control id>-error[data-error-for=<field>]`, registered in
 * `errors[field]`; the control is described by the hint and the slot.
 */
export function fieldRow({ field, label, control, errors, hint, extra, wide = false }) {
  const id = control.id;
  const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
  if (errors) errors[field] = err;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const described = [control.getAttribute?.('aria-describedby'), hintEl ? `${id}-hint` : null, `${id}-error`]
    .filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  const isCheck = control.tagName === 'INPUT' && control.getAttribute?.('type') === 'checkbox';
  return h('div', { class: ['form-row', wide && 'form-row-wide'], 'data-row': field },
    isCheck ? h('span', { class: 'row-label' }, '') : h('label', { for: id }, label),
    h('div', { class: ['field', isCheck && 'checkbox-row'] },
      control, isCheck ? h('label', { for: id }, label) : null, extra ?? null, hintEl, err));
}
