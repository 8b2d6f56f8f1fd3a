// A fake document rich enough to mount a view in Node: elements with parents,
// ids, classList, hidden/disabled, focus, and querySelector(All) for the simple
// selectors the views and tests use (tag, #id, .class, [attr], [attr="v"],
// :not(...), descendant and child combinators, comma lists). Text stays text
// nodes; there is no HTML parser, so nothing here can turn a string into markup.
import { beforeEach, afterEach } from 'node:test';
import { FakeElement, FakeText } from './fake-dom.mjs';

let doc = null;

// ---------- selectors ----------

function splitTop(s, sep) {
  const out = [];
  let depth = 0;
  let quote = null;
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      depth += 1;
    } else if (ch === ')' || ch === ']') {
      depth -= 1;
    } else if (depth === 0 && sep.test(ch)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

/** One compound selector (`tr.is-selected[data-id="1"]:not([disabled])`) → a predicate. */
function compound(sel) {
  const tests = [];
  let rest = sel;
  const tag = /^[a-zA-Z][a-zA-Z0-9-]*|^\*/.exec(rest);
  if (tag) {
    const t = tag[0].toUpperCase();
    if (t !== '*') tests.push((el) => el.tagName === t);
    rest = rest.slice(tag[0].length);
  }
  while (rest) {
    let m;
    if ((m = /^#([\w-]+)/.exec(rest))) {
      const id = m[1];
      tests.push((el) => el.getAttribute('id') === id);
    } else if ((m = /^\.([\w-]+)/.exec(rest))) {
      const c = m[1];
      tests.push((el) => el.classList.contains(c));
    } else if ((m = /^\[([\w-]+)(?:([~^$*]?=)"((?:[^"\\]|\\.)*)")?\]/.exec(rest))
      || (m = /^\[([\w-]+)(?:([~^$*]?=)'([^']*)')?\]/.exec(rest))
      || (m = /^\[([\w-]+)(?:([~^$*]?=)([^\]"']*))?\]/.exec(rest))) {
      const [, name, op, raw] = m;
      const v = raw?.replace(/\\(.)/g, '$1');
      tests.push((el) => {
        const a = el.getAttribute(name);
        if (a === null) return false;
        if (!op) return true;
        if (op === '=') return a === v;
        if (op === '^=') return a.startsWith(v);
        if (op === '$=') return a.endsWith(v);
        if (op === '*=') return a.includes(v);
        return a.split(/\s+/).includes(v);
      });
    } else if ((m = /^:not\(((?:[^()]|\([^()]*\))*)\)/.exec(rest))) {
      const inner = parse(m[1]);
      tests.push((el) => !inner(el));
    } else if ((m = /^:checked/.exec(rest))) {
      tests.push((el) => !!el.checked);
    } else {
      throw new Error(`fake DOM: selector not understood: ${sel}`);
    }
    rest = rest.slice(m[0].length);
  }
  return (el) => tests.every((t) => t(el));
}

/** A complex selector (`#a tr > td.x`) → predicate(el). */
function complex(sel) {
  const parts = sel.replace(/\s*>\s*/g, ' > ').split(/\s+/);
  const steps = [];
  let comb = ' ';
  for (const p of parts) {
    if (p === '>') {
      comb = '>';
      continue;
    }
    steps.push({ comb, test: compound(p) });
    comb = ' ';
  }
  const matchAt = (el, i) => {
    if (!steps[i].test(el)) return false;
    if (i === 0) return true;
    if (steps[i].comb === '>') return !!el.parentNode?.tagName && matchAt(el.parentNode, i - 1);
    for (let a = el.parentNode; a?.tagName; a = a.parentNode) if (matchAt(a, i - 1)) return true;
    return false;
  };
  return (el) => matchAt(el, steps.length - 1);
}

const cache = new Map();
function parse(sel) {
  if (!cache.has(sel)) {
    const alts = splitTop(sel, /,/).map(complex);
    cache.set(sel, (el) => alts.some((f) => f(el)));
  }
  return cache.get(sel);
}

// ---------- elements ----------

/** What querySelectorAll gives in a browser: indexable and iterable, without the array methods. */
class NodeList {
  constructor(items) {
    this.length = items.length;
    items.forEach((x, i) => { this[i] = x; });
  }
  item(i) { return this[i] ?? null; }
  forEach(fn) { for (let i = 0; i < this.length; i += 1) fn(this[i], i, this); }
  *[Symbol.iterator]() { for (let i = 0; i < this.length; i += 1) yield this[i]; }
}

/** All elements under root matching sel, as an array (for tests). */
export const all = (root, sel) => Array.from(root.querySelectorAll(sel));

class ClassList {
  constructor(el) { this.el = el; }
  get list() { return this.el.className.split(/\s+/).filter(Boolean); }
  contains(c) { return this.list.includes(c); }
  add(...cs) { this.el.className = [...new Set([...this.list, ...cs])].join(' '); }
  remove(...cs) { this.el.className = this.list.filter((x) => !cs.includes(x)).join(' '); }
  toggle(c, on) {
    const want = on === undefined ? !this.contains(c) : !!on;
    if (want) this.add(c);
    else this.remove(c);
    return want;
  }
}

function adopt(parent, node) {
  if (node.parentNode && node.parentNode !== parent) node.parentNode.removeChild(node);
  node.parentNode = parent;
  return node;
}

export class DomElement extends FakeElement {
  constructor(tag) {
    super(tag);
    this.parentNode = null;
    this.classList = new ClassList(this);
    // dataset reflects the data-* attributes, as in a browser.
    const attr = (k) => `data-${String(k).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    this.dataset = new Proxy({}, {
      get: (_, k) => (typeof k === 'string' ? (this.getAttribute(attr(k)) ?? undefined) : undefined),
      set: (_, k, v) => { this.setAttribute(attr(k), v); return true; },
      has: (_, k) => this.attributes.has(attr(k)),
      deleteProperty: (_, k) => { this.attributes.delete(attr(k)); return true; },
      ownKeys: () => [...this.attributes.keys()].filter((a) => a.startsWith('data-'))
        .map((a) => a.slice(5).replace(/-([a-z])/g, (_, c) => c.toUpperCase())),
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    });
    if (this.tagName === 'INPUT' || this.tagName === 'TEXTAREA') this.value = '';
    if (this.tagName === 'INPUT') this.checked = false;
    if (this.tagName === 'SELECT') this._value = undefined;
  }
  get id() { return this.getAttribute('id') ?? ''; }
  set id(v) { this.setAttribute('id', v); }
  get hidden() { return this.attributes.has('hidden'); }
  set hidden(v) { if (v) this.setAttribute('hidden', ''); else this.removeAttribute('hidden'); }
  get disabled() { return this.attributes.has('disabled'); }
  set disabled(v) { if (v) this.setAttribute('disabled', ''); else this.removeAttribute('disabled'); }
  get open() { return this.attributes.has('open'); }
  get children() { return this.childNodes.filter((c) => c.nodeType === 1); }
  get firstChild() { return this.childNodes[0] ?? null; }
  get lastChild() { return this.childNodes.at(-1) ?? null; }
  get options() { return this.findAll('option'); }
  get selectedOptions() { return this.findAll('option').filter((o) => o.value === this.value).slice(0, 1); }
  // A select's value: the first option's until one is chosen; a value no option has
  // leaves nothing chosen (''), as in a browser.
  get value() {
    if (this.tagName !== 'SELECT') return this._v;
    const opts = this.findAll('option');
    const v = this._value;
    if (v === undefined) return opts[0]?.value ?? '';
    return opts.some((o) => o.value === v) ? v : '';
  }
  set value(v) {
    if (this.tagName === 'SELECT') this._value = String(v);
    else this._v = v;
  }
  get isConnected() {
    let n = this;
    while (n.parentNode) n = n.parentNode;
    return n === doc?.body || n === doc?.documentElement;
  }
  removeAttribute(k) { this.attributes.delete(k); }
  hasAttribute(k) { return this.attributes.has(k); }
  toggleAttribute(k, on) {
    const want = on === undefined ? !this.hasAttribute(k) : !!on;
    if (want) this.setAttribute(k, '');
    else this.removeAttribute(k);
    return want;
  }
  append(...nodes) {
    for (const n of nodes) {
      // As in a browser: anything not a node becomes text ("null" included).
      const node = typeof n === 'object' && n !== null ? n : new DomText(String(n));
      this.childNodes.push(adopt(this, node));
    }
  }
  prepend(...nodes) {
    const list = nodes.map((n) => adopt(this, typeof n === 'object' && n !== null ? n : new DomText(String(n))));
    this.childNodes.unshift(...list);
  }
  appendChild(n) { this.append(n); return n; }
  insertBefore(n, ref) {
    adopt(this, n);
    const i = ref ? this.childNodes.indexOf(ref) : -1;
    if (i === -1) this.childNodes.push(n);
    else this.childNodes.splice(i, 0, n);
    return n;
  }
  before(...nodes) {
    const p = this.parentNode;
    if (!p) return;
    for (const n of nodes) p.insertBefore(n, this);
  }
  after(...nodes) {
    const p = this.parentNode;
    if (!p) return;
    const i = p.childNodes.indexOf(this);
    const next = p.childNodes[i + 1] ?? null;
    for (const n of nodes) p.insertBefore(n, next);
  }
  replaceWith(...nodes) {
    this.before(...nodes);
    this.remove();
  }
  removeChild(n) {
    const i = this.childNodes.indexOf(n);
    if (i !== -1) this.childNodes.splice(i, 1);
    n.parentNode = null;
    return n;
  }
  remove() { this.parentNode?.removeChild(this); }
  replaceChildren(...nodes) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes = [];
    this.append(...nodes);
  }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
  set textContent(t) { this.replaceChildren(...(t === '' || t == null ? [] : [new DomText(String(t))])); }
  contains(n) {
    for (let x = n; x; x = x.parentNode) if (x === this) return true;
    return false;
  }
  matches(sel) { return parse(sel)(this); }
  closest(sel) {
    for (let x = this; x?.tagName; x = x.parentNode) if (x.matches(sel)) return x;
    return null;
  }
  querySelectorAll(sel) {
    return new NodeList(this.findAll(sel));
  }
  findAll(sel) {
    const test = parse(sel);
    const out = [];
    const walk = (el) => {
      for (const c of el.childNodes) {
        if (c.nodeType !== 1) continue;
        if (test(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  querySelector(sel) { return this.findAll(sel)[0] ?? null; }
  getElementsByTagName(t) { return this.findAll(t); }
  focus() { if (doc) doc.activeElement = this; }
  blur() { if (doc && doc.activeElement === this) doc.activeElement = doc.body; }
  select() {}
  click() { return dispatch(this, 'click'); }
  scrollIntoView() {}
  showModal() { this.setAttribute('open', ''); }
  close() {
    this.removeAttribute('open');
  }
  getBoundingClientRect() { return { top: 0, left: 0, width: 0, height: 0, right: 0, bottom: 0 }; }
}

export class DomText extends FakeText {
  constructor(t) {
    super(t);
    this.parentNode = null;
  }
  set textContent(t) { this.data = String(t); }
  get textContent() { return this.data; }
  remove() { this.parentNode?.removeChild(this); }
}

/** Run the `type` listeners of el and then its ancestors (bubbling); resolves when async ones are done. */
export async function dispatch(el, type, init = {}) {
  let stopped = false;
  const e = {
    type, target: el, defaultPrevented: false, ...init,
    preventDefault() { this.defaultPrevented = true; },
    stopPropagation() { stopped = true; },
  };
  const pending = [];
  let top = el;
  for (let x = el; x && !stopped; x = x.parentNode) {
    e.currentTarget = x;
    for (const fn of x.listeners?.[type] ?? []) pending.push(fn(e));
    top = x;
  }
  // On to the document's own listeners when the element is in the page.
  if (!stopped && doc && (top === doc.documentElement || top === doc.body)) {
    e.currentTarget = doc;
    for (const fn of doc.listeners[type] ?? []) pending.push(fn(e));
  }
  await Promise.all(pending);
  return e;
}

/** Type `text` into a control and send input/change, as a clerk would. */
export async function type(el, text) {
  el.value = text;
  await dispatch(el, 'input');
  await dispatch(el, 'change');
}

/** A key on an element (bubbling). */
export const key = (el, k, init = {}) => dispatch(el, 'keydown', { key: k, ...init });

/** Dispatch `type` on `el` (a click by default) and let what it started run. */
export async function act(el, type = 'click') {
  await dispatch(el, type);
  await settle();
}

/**
 * Click `el`, whose action asks first (确定删除…？), answer 确定 and wait for the action
 * to run. `seen(dialog)` may look at the question before it is answered.
 */
export async function clickAndConfirm(el, seen = () => {}) {
  const clicking = dispatch(el, 'click');
  await settle();
  seen(document.querySelector('#confirm-dialog'));
  await dispatch(document.querySelector('#confirm-ok'), 'click');
  await clicking;
  await settle();
}

/** Let pending promises and timers of 0 ms run. */
export async function settle(times = 5) {
  for (let i = 0; i < times; i += 1) await new Promise((r) => setTimeout(r, 0));
}

/**
 * Put the fake document on globalThis. `confirm` answers confirm() (放弃修改？,
 * 删除确认: without <dialog>.showModal... here the dialogs are real elements, so
 * tests click #confirm-ok). Returns { document, body, cleanup() }.
 */
export function installDom() {
  const body = new DomElement('body');
  const documentElement = new DomElement('html');
  documentElement.append(body);
  doc = {
    body,
    documentElement,
    activeElement: body,
    createElement: (tag) => new DomElement(tag),
    createTextNode: (text) => new DomText(text),
    getElementById: (id) => body.querySelector(`#${id}`),
    querySelector: (sel) => body.querySelector(sel),
    querySelectorAll: (sel) => body.querySelectorAll(sel),
    getElementsByTagName: (t) => body.findAll(t),
    listeners: {},
    addEventListener(type, fn) { (this.listeners[type] ??= []).push(fn); },
    removeEventListener(type, fn) { this.listeners[type] = (this.listeners[type] ?? []).filter((f) => f !== fn); },
  };
  const saved = { document: globalThis.document, CSS: globalThis.CSS };
  globalThis.document = doc;
  return {
    document: doc,
    body,
    cleanup() {
      globalThis.document = saved.document;
      if (saved.document === undefined) delete globalThis.document;
      doc = null;
    },
  };
}

/** What the user reads in an element, with runs of white space folded. */
/**
 * As a clerk fills a record form: sets each box `#<prefix>-<field>` of `root` to its
 * value, submits `#<prefix>-form` and lets the view settle.
 */
export async function submitFormWith(root, prefix, values) {
  for (const [field, v] of Object.entries(values)) root.querySelector(`#${prefix}-${field}`).value = v;
  await dispatch(root.querySelector(`#${prefix}-form`), 'submit');
  await settle();
}

/** An import as a clerk does it: the button, the file's path, 预览, 导入. */
export async function importAsClerk(button, path) {
  await dispatch(button, 'click');
  document.querySelector('#import-path').value = path;
  await dispatch(document.querySelector('#import-preview'), 'click');
  await settle();
  await dispatch(document.querySelector('#import-commit'), 'click');
  await settle();
}

export const textOf = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * A fake api: every method named in `impl` runs it and is recorded in `calls`
 * as [name, ...args]; else the first [pattern, answer] of `defaults` whose pattern
 * matches the name answers; any other method rejects, so a test sees what a view asked for.
 */
export function fakeApi(impl = {}, defaults = []) {
  const calls = [];
  const api = new Proxy({}, {
    get(_, name) {
      if (name === 'then') return undefined;
      if (name === 'calls') return calls;
      return async (...args) => {
        calls.push([name, ...args]);
        if (typeof impl[name] === 'function') return impl[name](...args);
        const fallback = defaults.find(([pattern]) => pattern.test(String(name)));
        if (fallback) return fallback[1]();
        // Every typed save path is checked first (files.js): free, unless a test says.
        if (name === 'checkSavePath') return false;
        throw new Error(`fake api: ${String(name)} not expected`);
      };
    },
  });
  return api;
}

/**
 * In the enclosing describe: a fresh fake document before each test (then `each`,
 * if given), removed after it.
 */
export function domPerTest(each = () => {}) {
  let dom;
  beforeEach(() => {
    dom = installDom();
    each();
  });
  afterEach(() => dom.cleanup());
}

/** A <div> appended to the fake body (after installDom) for a view to mount in. */
export function newHost() {
  const host = document.createElement('div');
  document.body.append(host);
  return host;
}

/** The ids of `ids` that no element in the fake document has. */
export const missingIds = (ids) => ids.filter((id) => !document.querySelector(`#${id}`));

/** What a mounted view gets besides `api`: toasts and alerts (as `alert:…`) go into `toasts`. */
export const viewCtx = (api, toasts, extra = {}) => ({
  api, toast: (m) => toasts.push(m), alert: (m) => toasts.push(`alert:${m}`), clearAlert() {}, onError() {}, ...extra,
});
