// forms.js: the keyboard of record forms and tab lists, error slots and 撤销修改.
// The decisions are pure and table-driven; the wiring runs against a tiny fake DOM.
import { test, describe, beforeEach, afterEach, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  isComposing, formKeyAction, bindFormKeys, onEnter, tabKeyIndex, bindTabKeys, oneAtATime,
  showMessage, hideMessage, clearFieldErrors, showFieldError, rememberFocus, undoEdits, bindRowKeys, whileBusy, fieldRow,
  bindSearchBox,
} from '../../ui/js/forms.js';
import { installFakeDocument } from './fake-dom.mjs';

class FakeEl {
  constructor(tag, id = '') {
    this.tagName = tag.toUpperCase();
    this.id = id;
    this.listeners = {};
    this.attrs = new Map();
    this.hidden = false;
    this.textContent = '';
    this.selected = false;
    this.children = [];
  }
  addEventListener(type, fn) { (this.listeners[type] ??= []).push(fn); }
  setAttribute(k, v) { this.attrs.set(k, String(v)); }
  getAttribute(k) { return this.attrs.get(k) ?? null; }
  removeAttribute(k) { this.attrs.delete(k); }
  hasAttribute(k) { return this.attrs.has(k); }
  focus() { globalThis.document.activeElement = this; }
  select() { this.selected = true; }
  querySelectorAll() { return this.children; }
}

/** Fire `type` at `target`, bubbling to `through` (the form or tab list). */
function fire(through, type, init = {}, target = through) {
  const e = {
    type, target, defaultPrevented: false, ...init,
    preventDefault() { this.defaultPrevented = true; },
  };
  for (const fn of target.listeners[type] ?? []) fn(e);
  if (through !== target) for (const fn of through.listeners[type] ?? []) fn(e);
  return e;
}

let openDialog = false;
beforeEach(() => {
  openDialog = false;
  const byId = new Map();
  globalThis.document = {
    activeElement: null,
    querySelector: (sel) => (sel === 'dialog[open]' && openDialog ? {} : null),
    getElementById: (id) => byId.get(id) ?? null,
    _register: (el) => byId.set(el.id, el),
  };
});
afterEach(() => { delete globalThis.document; });

const input = new FakeEl('input');
const select = new FakeEl('select');
const textarea = new FakeEl('textarea');
const button = new FakeEl('button');

describe('isComposing', () => {
  const cases = [
    [{ key: 'Enter' }, false],
    [{ key: 'Enter', isComposing: true }, true],
    [{ key: 'Process', keyCode: 229 }, true],
    [{ key: 'Escape', keyCode: 27 }, false],
    [null, false],
  ];
  for (const [e, want] of cases) test(`${JSON.stringify(e)} → ${want}`, () => assert.equal(isComposing(e), want));
});

describe('formKeyAction', () => {
  const cases = [
    ['Enter in a text box saves', { key: 'Enter', target: input }, 'save'],
    ['Enter in a select saves', { key: 'Enter', target: select }, 'save'],
    ['Enter in a textarea is a new line', { key: 'Enter', target: textarea }, null],
    ['Enter on a button is the button’s', { key: 'Enter', target: button }, null],
    ['Shift+Enter does not save', { key: 'Enter', shiftKey: true, target: input }, null],
    ['Ctrl+Enter does not save', { key: 'Enter', ctrlKey: true, target: input }, null],
    ['Alt+Enter does not save', { key: 'Enter', altKey: true, target: input }, null],
    ['Enter while the IME composes', { key: 'Enter', isComposing: true, target: input }, null],
    ['keyCode 229 (IME) is never an action', { key: 'Enter', keyCode: 229, target: input }, null],
    ['Esc cancels, from any field', { key: 'Escape', target: textarea }, 'cancel'],
    ['Esc while the IME composes', { key: 'Escape', isComposing: true, target: input }, null],
    ['a key a field handled itself', { key: 'Enter', defaultPrevented: true, target: input }, null],
    ['an Esc a field handled itself', { key: 'Escape', defaultPrevented: true, target: input }, null],
    ['other keys', { key: 'a', target: input }, null],
    ['Tab', { key: 'Tab', target: input }, null],
  ];
  for (const [name, e, want] of cases) test(`${name} → ${want}`, () => assert.equal(formKeyAction(e), want));
  test('no event', () => assert.equal(formKeyAction(undefined), null));
});

describe('bindFormKeys', () => {
  function wired() {
    const form = new FakeEl('form');
    const log = [];
    bindFormKeys(form, { save: () => log.push('save'), cancel: () => log.push('cancel') });
    return { form, log };
  }

  test('submit saves without reloading the page', () => {
    const { form, log } = wired();
    const e = fire(form, 'submit');
    assert.ok(e.defaultPrevented);
    assert.deepEqual(log, ['save']);
  });

  test('Enter in a field saves, Esc cancels; both keep the browser out', () => {
    const { form, log } = wired();
    const enter = fire(form, 'keydown', { key: 'Enter' }, new FakeEl('input'));
    const esc = fire(form, 'keydown', { key: 'Escape' }, new FakeEl('textarea'));
    assert.deepEqual(log, ['save', 'cancel']);
    assert.ok(enter.defaultPrevented && esc.defaultPrevented);
  });

  test('nothing happens while the IME composes, and the key stays the IME’s', () => {
    const { form, log } = wired();
    const e = fire(form, 'keydown', { key: 'Enter', isComposing: true }, new FakeEl('input'));
    assert.deepEqual(log, []);
    assert.equal(e.defaultPrevented, false);
  });

  test('a field with keys of its own keeps them (the unit filter)', () => {
    const { form, log } = wired();
    const filter = new FakeEl('input');
    filter.addEventListener('keydown', (e) => e.preventDefault());
    fire(form, 'keydown', { key: 'Enter' }, filter);
    fire(form, 'keydown', { key: 'Escape' }, filter);
    assert.deepEqual(log, []);
  });

  test('Esc under an open dialog belongs to the dialog', () => {
    const { form, log } = wired();
    openDialog = true;
    const e = fire(form, 'keydown', { key: 'Escape' }, new FakeEl('input'));
    assert.deepEqual(log, []);
    assert.equal(e.defaultPrevented, false);
  });

  test('returns the form', () => {
    const form = new FakeEl('form');
    assert.equal(bindFormKeys(form, { save() {}, cancel() {} }), form);
  });
});

describe('onEnter', () => {
  test('Enter runs the action with the event; other keys and IME Enter do not', () => {
    const box = new FakeEl('input');
    const seen = [];
    assert.equal(onEnter(box, (e) => seen.push(e.key)), box);
    const e = fire(box, 'keydown', { key: 'Enter' });
    fire(box, 'keydown', { key: 'Enter', isComposing: true });
    fire(box, 'keydown', { key: 'Enter', keyCode: 229 });
    fire(box, 'keydown', { key: 'Escape' });
    assert.deepEqual(seen, ['Enter']);
    assert.ok(e.defaultPrevented);
  });
});

describe('tabKeyIndex', () => {
  const cases = [
    ['ArrowRight', 0, 5, 1],
    ['ArrowRight', 4, 5, 0],
    ['ArrowLeft', 0, 5, 4],
    ['ArrowLeft', 3, 5, 2],
    ['Home', 3, 5, 0],
    ['End', 1, 5, 4],
    ['ArrowRight', 0, 2, 1],
    ['ArrowLeft', 0, 2, 1],
    ['ArrowDown', 1, 5, -1],
    ['Enter', 1, 5, -1],
    ['ArrowRight', -1, 5, -1], // focus is not on a tab
    ['ArrowRight', 5, 5, -1],
    ['Home', 0, 0, -1],
  ];
  for (const [key, i, n, want] of cases) {
    test(`${key} from ${i} of ${n} → ${want}`, () => assert.equal(tabKeyIndex(key, i, n), want));
  }
});

describe('bindTabKeys', () => {
  test('focuses and chooses the next tab; ignores other keys', () => {
    const list = new FakeEl('div');
    const tabs = [new FakeEl('button', 'a'), new FakeEl('button', 'b'), new FakeEl('button', 'c')];
    list.children = tabs;
    const chosen = [];
    bindTabKeys(list, (t) => chosen.push(t.id));
    tabs[0].focus();
    const e = fire(list, 'keydown', { key: 'ArrowLeft' }, tabs[0]);
    assert.ok(e.defaultPrevented);
    assert.equal(globalThis.document.activeElement, tabs[2]);
    fire(list, 'keydown', { key: 'Home' }, tabs[2]);
    const other = fire(list, 'keydown', { key: 'x' }, tabs[0]);
    assert.deepEqual(chosen, ['c', 'a']);
    assert.equal(other.defaultPrevented, false);
  });
});

describe('oneAtATime', () => {
  const deferred = () => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };

  test('a second call while the first runs does nothing', async () => {
    const gate = deferred();
    let runs = 0;
    const save = oneAtATime(async (x) => { runs += 1; await gate.promise; return x * 2; });
    const first = save(21);
    const second = save(1);
    assert.equal(await second, undefined);
    gate.resolve();
    assert.equal(await first, 42);
    assert.equal(runs, 1);
  });

  test('runs again once the last one is done, also after a failure', async () => {
    let runs = 0;
    const save = oneAtATime(async (fail) => {
      runs += 1;
      if (fail) throw new Error('boom');
      return 'ok';
    });
    await assert.rejects(save(true), /boom/);
    assert.equal(await save(false), 'ok');
    assert.equal(runs, 2);
  });

  test('the guard is up before the task’s first await (a pending suggestion)', async () => {
    const suggestion = deferred();
    const created = [];
    const save = oneAtATime(async () => {
      await suggestion.promise;
      created.push('unit');
    });
    const a = save();
    const b = save();
    suggestion.resolve();
    await Promise.all([a, b]);
    assert.deepEqual(created, ['unit']);
  });
});

describe('messages and field errors', () => {
  test('showMessage / hideMessage put text in and take it out', () => {
    const p = new FakeEl('p');
    p.hidden = true;
    showMessage(p, '<b>不是HTML</b>');
    assert.equal(p.textContent, '<b>不是HTML</b>');
    assert.equal(p.hidden, false);
    hideMessage(p);
    assert.equal(p.textContent, '');
    assert.equal(p.hidden, true);
  });

  test('showFieldError marks, focuses and selects the control', () => {
    const slot = new FakeEl('p');
    const box = new FakeEl('input', 'unit-name');
    showFieldError(slot, '请填写名称', box);
    assert.equal(slot.textContent, '请填写名称');
    assert.equal(slot.hidden, false);
    assert.equal(box.getAttribute('aria-invalid'), 'true');
    assert.equal(globalThis.document.activeElement, box);
    assert.ok(box.selected);
  });

  test('showFieldError can leave the control unmarked and unselected', () => {
    const slot = new FakeEl('p');
    const check = new FakeEl('input');
    showFieldError(slot, '请至少选择一个身份', check, { mark: false, select: false });
    assert.equal(check.hasAttribute('aria-invalid'), false);
    assert.equal(check.selected, false);
    assert.equal(globalThis.document.activeElement, check);
  });

  test('showFieldError without a control only shows the message', () => {
    const slot = new FakeEl('p');
    showFieldError(slot, '错了', null);
    assert.equal(slot.textContent, '错了');
  });

  test('clearFieldErrors hides every slot and un-marks every control', () => {
    const errors = { name: new FakeEl('p'), code: new FakeEl('p') };
    const inputs = { name: new FakeEl('input'), code: new FakeEl('input'), note: new FakeEl('textarea') };
    showFieldError(errors.name, 'x', inputs.name);
    showFieldError(errors.code, 'y', inputs.code);
    clearFieldErrors(errors, inputs);
    for (const el of Object.values(errors)) assert.deepEqual([el.hidden, el.textContent], [true, '']);
    for (const el of Object.values(inputs)) assert.equal(el.hasAttribute('aria-invalid'), false);
  });

  test('clearFieldErrors copes with no inputs and no errors', () => {
    const errors = { a: new FakeEl('p') };
    showMessage(errors.a, 'x');
    clearFieldErrors(errors);
    assert.equal(errors.a.hidden, true);
    clearFieldErrors(undefined, undefined);
  });
});

describe('rememberFocus and undoEdits', () => {
  /** A form that is rebuilt on render: new elements with the same ids. */
  function page() {
    const doc = globalThis.document;
    const build = () => {
      const els = { name: new FakeEl('input', 'unit-name'), note: new FakeEl('textarea', 'unit-note') };
      for (const el of Object.values(els)) doc._register(el);
      return els;
    };
    const state = { els: build(), renders: 0 };
    state.render = () => { state.els = build(); state.renders += 1; };
    return state;
  }

  test('focus returns to the field with the same id after a re-render', () => {
    const p = page();
    p.els.note.focus();
    const refocus = rememberFocus();
    p.render();
    refocus();
    assert.equal(globalThis.document.activeElement, p.els.note);
  });

  test('falls back when nothing (or nothing with an id) had focus', () => {
    const p = page();
    const refocus = rememberFocus();
    p.render();
    refocus(p.els.name);
    assert.equal(globalThis.document.activeElement, p.els.name);
  });

  test('undoEdits re-renders, keeps focus and toasts only when something was undone', () => {
    const p = page();
    const toasts = [];
    p.els.note.focus();
    undoEdits({ dirty: true, render: p.render, toast: (m) => toasts.push(m) });
    assert.equal(p.renders, 1);
    assert.equal(globalThis.document.activeElement, p.els.note);
    undoEdits({ dirty: false, render: p.render, toast: (m) => toasts.push(m) });
    assert.equal(p.renders, 2);
    assert.deepEqual(toasts, ['已撤销未保存的修改']);
  });

  test('undoEdits can send focus elsewhere', () => {
    const p = page();
    p.els.note.focus();
    undoEdits({ dirty: false, render: p.render, toast() {}, focus: () => p.els.name.focus() });
    assert.equal(globalThis.document.activeElement, p.els.name);
  });
});

describe('bindRowKeys', () => {
  function list(n) {
    const root = new FakeEl('tbody');
    root.children = Array.from({ length: n }, (_, i) => new FakeEl('tr', `r${i}`));
    const opened = [];
    let top = 0;
    for (const r of root.children) {
      bindRowKeys(r, () => opened.push(r.id), { root, selector: 'tr', onTop: () => { top += 1; } });
    }
    return { root, rows: root.children, opened, top: () => top };
  }
  test('Enter and Space open the row', () => {
    const l = list(2);
    const e = fire(l.rows[1], 'keydown', { key: 'Enter' });
    fire(l.rows[0], 'keydown', { key: ' ' });
    assert.deepEqual(l.opened, ['r1', 'r0']);
    assert.ok(e.defaultPrevented);
  });
  test('↑/↓ move between rows; ↑ on the first goes to onTop', () => {
    const l = list(3);
    fire(l.rows[0], 'keydown', { key: 'ArrowDown' });
    assert.equal(globalThis.document.activeElement, l.rows[1]);
    fire(l.rows[2], 'keydown', { key: 'ArrowUp' });
    assert.equal(globalThis.document.activeElement, l.rows[1]);
    fire(l.rows[0], 'keydown', { key: 'ArrowUp' });
    assert.equal(l.top(), 1);
    fire(l.rows[2], 'keydown', { key: 'ArrowDown' }); // nowhere to go
    assert.equal(globalThis.document.activeElement, l.rows[1]);
  });
  test('keys of a button inside the row, or of an IME, are not the row’s', () => {
    const l = list(1);
    fire(l.rows[0], 'keydown', { key: 'Enter' }, new FakeEl('button'));
    fire(l.rows[0], 'keydown', { key: 'Enter', isComposing: true });
    assert.deepEqual(l.opened, []);
  });
});

describe('bindSearchBox', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());
  function box({ withFirst = true } = {}) {
    const el = new FakeEl('input', 'search');
    el.value = '';
    const searched = [];
    const row = new FakeEl('tr', 'first-row');
    const cancel = bindSearchBox(el, { search: (text) => searched.push(text), first: () => (withFirst ? row : null) });
    const type = (value, init = {}) => {
      el.value = value;
      return fire(el, 'input', init);
    };
    return { el, searched, row, cancel, type };
  }

  test('searches 200 ms after the last change, once', () => {
    const b = box();
    b.type('张');
    mock.timers.tick(150);
    b.type('张三');
    mock.timers.tick(199);
    assert.deepEqual(b.searched, []);
    mock.timers.tick(1);
    assert.deepEqual(b.searched, ['张三']);
    mock.timers.tick(1000);
    assert.deepEqual(b.searched, ['张三']);
  });

  test('pinyin being composed is not searched; the finished characters are', () => {
    const b = box();
    b.type('zhang', { isComposing: true });
    mock.timers.tick(500);
    assert.deepEqual(b.searched, []);
    b.el.value = '张';
    fire(b.el, 'compositionend');
    mock.timers.tick(200);
    assert.deepEqual(b.searched, ['张']);
  });

  test('Enter searches at once and drops the pending search', () => {
    const b = box();
    b.type('李');
    const e = fire(b.el, 'keydown', { key: 'Enter' });
    assert.ok(e.defaultPrevented);
    assert.deepEqual(b.searched, ['李']);
    mock.timers.tick(1000);
    assert.deepEqual(b.searched, ['李']);
  });

  test('Esc empties a filled box and searches; in an empty box it is left alone', () => {
    const b = box();
    b.el.value = '王';
    const e = fire(b.el, 'keydown', { key: 'Escape' });
    assert.ok(e.defaultPrevented);
    assert.equal(b.el.value, '');
    assert.deepEqual(b.searched, ['']);
    const again = fire(b.el, 'keydown', { key: 'Escape' });
    assert.equal(again.defaultPrevented, false);
    assert.deepEqual(b.searched, ['']);
  });

  test('↓ goes to the first row when there is one', () => {
    const b = box();
    const e = fire(b.el, 'keydown', { key: 'ArrowDown' });
    assert.ok(e.defaultPrevented);
    assert.equal(globalThis.document.activeElement, b.row);
    const none = box({ withFirst: false });
    globalThis.document.activeElement = null;
    const e2 = fire(none.el, 'keydown', { key: 'ArrowDown' });
    assert.equal(e2.defaultPrevented, false);
    assert.equal(globalThis.document.activeElement, null);
  });

  test('keys while the IME composes belong to the IME', () => {
    const b = box();
    b.el.value = 'zh';
    for (const key of ['Enter', 'Escape', 'ArrowDown']) {
      const e = fire(b.el, 'keydown', { key, isComposing: true });
      assert.equal(e.defaultPrevented, false, key);
    }
    assert.equal(b.el.value, 'zh');
    assert.deepEqual(b.searched, []);
  });

  test('cancel() drops a pending search (the view went)', () => {
    const b = box();
    b.type('赵');
    b.cancel();
    mock.timers.tick(1000);
    assert.deepEqual(b.searched, []);
  });
});

describe('whileBusy', () => {
  test('disables the buttons while the task runs and enables them after', async () => {
    const a = new FakeEl('button');
    const b = new FakeEl('button');
    a.disabled = false;
    b.disabled = false;
    let during;
    const out = await whileBusy([a, b, null], async () => { during = [a.disabled, b.disabled]; return 7; });
    assert.deepEqual(during, [true, true]);
    assert.deepEqual([a.disabled, b.disabled, out], [false, false, 7]);
  });
  test('a button that was disabled before stays disabled; a failure still re-enables', async () => {
    const a = new FakeEl('button');
    const b = new FakeEl('button');
    a.disabled = false;
    b.disabled = true;
    await assert.rejects(whileBusy([a, b], async () => { throw new Error('x'); }));
    assert.deepEqual([a.disabled, b.disabled], [false, true]);
  });
});

describe('fieldRow', () => {
  let restore;
  beforeEach(() => { restore = installFakeDocument(); });
  afterEach(() => restore());
  const kids = (el) => el.childNodes.filter((c) => c.nodeType === 1);
  test('label, control, hint and an error slot registered under the field', () => {
    const errors = {};
    const control = globalThis.document.createElement('input');
    control.id = 'member-name';
    control.setAttribute('type', 'text');
    const row = fieldRow({ field: 'name', label: '姓名', control, errors, hint: '写全名' });
    assert.equal(row.getAttribute('data-row'), 'name');
    const [label, field] = kids(row);
    assert.equal(label.tagName, 'LABEL');
    assert.equal(label.getAttribute('for'), 'member-name');
    assert.equal(label.textContent, '姓名');
    assert.equal(errors.name.getAttribute('data-error-for'), 'name');
    assert.equal(errors.name.getAttribute('id'), 'member-name-error');
    assert.equal(control.getAttribute('aria-describedby'), 'member-name-hint member-name-error');
    assert.ok(field.textContent.includes('写全名'));
  });
  test('a checkbox has its label after it', () => {
    const control = globalThis.document.createElement('input');
    control.id = 'member-partTime';
    control.setAttribute('type', 'checkbox');
    const row = fieldRow({ field: 'partTime', label: '兼职委员', control, errors: {} });
    const field = kids(row)[1];
    const [box, label] = kids(field);
    assert.equal(box, control);
    assert.equal(label.getAttribute('for'), 'member-partTime');
    assert.match(field.className, /checkbox-row/);
  });
});
