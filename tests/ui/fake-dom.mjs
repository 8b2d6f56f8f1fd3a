// A minimal fake document for tests of modules that build elements with h():
// elements record attributes, children and listeners; text stays text nodes.

export class FakeText {
  constructor(text) { this.nodeType = 3; this.data = text; }
  get textContent() { return this.data; }
}

export class FakeElement {
  constructor(tag) {
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.childNodes = [];
    this.listeners = {};
    this.dataset = {};
    this.className = '';
  }
  setAttribute(k, v) { this.attributes.set(k, String(v)); }
  getAttribute(k) { return this.attributes.has(k) ? this.attributes.get(k) : null; }
  addEventListener(type, fn) { (this.listeners[type] ??= []).push(fn); }
  /** An event a view raises itself (a value it set, said as the clerk's own input would be). */
  dispatchEvent(e) {
    for (const fn of this.listeners[e.type] ?? []) fn(e);
    return true;
  }
  append(...nodes) { this.childNodes.push(...nodes); }
  replaceChildren(...nodes) { this.childNodes = [...nodes]; }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
}

/** Put the fake document on globalThis (in `before`); the result takes it away again (in `after`). */
export function installFakeDocument() {
  globalThis.document = {
    createElement: (tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
  };
  return () => { delete globalThis.document; };
}

/** Run an element's `type` listeners with a fake event; resolves when async listeners are done. */
export async function fire(el, type, init = {}) {
  const e = {
    type, target: el, defaultPrevented: false, ...init,
    preventDefault() { this.defaultPrevented = true; },
  };
  await Promise.all((el.listeners[type] ?? []).map((fn) => fn(e)));
  return e;
}

/**
 * A fake document for confirmDialog (删除确认, 放弃修改？): without <dialog>.showModal
 * it falls back to confirm(), which `answer(message)` answers. `Element` builds the
 * elements (FakeElement by default). The result takes both away again.
 */
export function installFakeConfirm(answer, Element = FakeElement) {
  globalThis.document = {
    createElement: (tag) => Object.assign(new Element(tag), { remove() {} }),
    createTextNode: (text) => new FakeText(text),
    body: { append() {} },
    activeElement: null,
  };
  globalThis.confirm = answer;
  return () => {
    delete globalThis.document;
    delete globalThis.confirm;
  };
}

/** The first element at or under `el` (depth first) for which `pred` holds, else null. */
export function find(el, pred) {
  if (el?.nodeType !== 1) return null;
  if (pred(el)) return el;
  for (const c of el.childNodes) {
    const f = find(c, pred);
    if (f) return f;
  }
  return null;
}
/** The element at or under `root` with the id `id`, else null. */
export const byId = (root, id) => find(root, (e) => e.getAttribute('id') === id);
