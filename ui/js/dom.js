// Tiny DOM builder. Text is always inserted as text nodes (never parsed as HTML),
// so user-entered names like "<img src=x onerror=alert(1)>" show literally.
// CSP-friendly: no inline styles, no inline handlers, no HTML strings.

// Refused keys: inline styles, HTML-string properties (…HTML) and srcdoc.
const isForbidden = (key) => key === 'style' || key === 'srcdoc' || /html$/i.test(key);
const PROPS = new Set(['value', 'checked', 'selected', 'indeterminate']);

/**
 * h(tag, attrs, ...children)
 *  attrs: class (string or array), dataset {k: v}, onX: listener (onClick → 'click'),
 *         value/checked/selected set as properties, true → empty attribute,
 *         false/null/undefined → omitted, anything else → attribute string.
 *  children: strings/numbers (text), nodes, arrays, null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = globalThis.document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (isForbidden(key)) throw new Error(`h(): attribute "${key}" is not allowed`);
    if (value === null || value === undefined || value === false) continue;
    if (/^on[A-Z]/.test(key)) {
      if (typeof value !== 'function') throw new Error(`h(): ${key} must be a function`);
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (/^on/i.test(key)) {
      throw new Error(`h(): inline handler attribute "${key}" is not allowed`);
    } else if (key === 'class' || key === 'className') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[k] = String(v);
    } else if (PROPS.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children (same rules as h) to a node. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === true) continue;
    parent.append(typeof child === 'object' ? child : globalThis.document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove all children, optionally replacing them. */
export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * A list or table that did not load: what `host` shows already (an element matching
 * `shown`, the last good answer) stays; an empty one says `text` (…没有加载成功。)
 * as its p.empty-state instead.
 */
export function loadFailed(host, text, shown = 'table') {
  if (!host.querySelector(shown)) clear(host, h('p', { class: 'empty-state' }, text));
}

/**
 * A control with its name shown beside it (a placeholder alone is gone once typing starts);
 * `cls` adds a class to the label.
 */
export function labelled(text, control, cls) {
  return h('label', { class: ['filter-field', cls] }, h('span', { class: 'filter-label' }, text), control);
}

/** A form's box with its name above it (`.form-field`, laid out by the form's grid). */
export function formField(text, control) {
  return h('label', { class: 'form-field' }, h('span', { class: 'field-label' }, text), control);
}

/**
 * A table's head: one row, a `th scope=col` per column. A column is its text; `{ sr }`
 * a column named to screen readers only (a column of buttons); `{ text, …attrs }` text
 * with attributes; a node (a ready th, such as a select-all cell) as it is; null and
 * false are skipped, and lists are spread.
 */
export function thead(...columns) {
  const cell = (c) => {
    if (c === null || c === undefined || c === false) return null;
    if (typeof c !== 'object') return h('th', { scope: 'col' }, String(c));
    if (c.nodeType) return c;
    const { text, sr, ...attrs } = c;
    return h('th', { scope: 'col', ...attrs }, sr ? h('span', { class: 'sr-only' }, sr) : text);
  };
  return h('thead', {}, h('tr', {}, columns.flat(Infinity).map(cell)));
}

/**
 * A table row's details under it: the row's button (`text`, 收起 while open) and the
 * hidden row it opens. `fill(cell)` draws the details the first time they open (it may
 * be async; when it answers false they are drawn again on the next opening). `label`,
 * the record's name, follows the button's text for screen readers (查看“王网格”).
 * → { button, row }
 */
export function detailRow({ id, colspan, text = '展开', label, fill, attrs = {} }) {
  const cell = h('td', { colspan: String(colspan) });
  const row = h('tr', { class: 'detail-row', id, hidden: true }, cell);
  const button = h('button', {
    type: 'button', class: 'btn btn-link btn-small', 'aria-expanded': 'false', 'aria-controls': id, ...attrs,
  }, text);
  const name = () => { if (label) button.setAttribute('aria-label', `${button.textContent}“${label}”`); };
  name();
  let filled = false;
  button.addEventListener('click', async () => {
    const open = row.hidden;
    row.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? '收起' : text;
    name();
    if (!open || filled) return;
    filled = true;
    if ((await fill(cell)) === false) filled = false;
  });
  return { button, row };
}

/**
 * A date box: the clerk types 2026-03-01 (a text box, since the browser's own date
 * box shows the PC's format, 12/05/2026, and cannot be left half-typed). Every
 * view's date boxes come from here or spread DATE_TEXT into their own text helper.
 */
export const DATE_TEXT = Object.freeze({
  type: 'text', class: 'input-date', maxlength: '12', autocomplete: 'off', spellcheck: 'false', placeholder: '如 2026-03-01',
});

/** A date box with `attrs` added (id, value, aria-label…); a `class` adds to input-date. */
export function dateBox(attrs = {}) {
  const { class: extra, ...rest } = attrs;
  // An attribute given as undefined keeps the default (null removes it).
  for (const k of Object.keys(rest)) if (rest[k] === undefined) delete rest[k];
  return h('input', { ...DATE_TEXT, ...rest, class: ['input-date', extra] });
}

/**
 * A list box's options from [{ value, label, group? }]: options that name a group go
 * under an <optgroup> of that name, consecutive ones together (sort them by group
 * first), so a long choice can say less (何静（党工委副书记） under 乡镇/街道领导).
 */
export function optionNodes(options) {
  const out = [];
  let group = null;
  for (const o of options ?? []) {
    const option = h('option', { value: String(o.value) }, o.label);
    if (!o.group) {
      group = null;
      out.push(option);
    } else {
      if (group?.getAttribute('label') !== o.group) {
        group = h('optgroup', { label: o.group });
        out.push(group);
      }
      group.append(option);
    }
  }
  return out;
}

/** A string made safe inside a CSS attribute selector (`[data-id="…"]`). */
export function cssEscape(s) {
  return globalThis.CSS?.escape ? globalThis.CSS.escape(String(s)) : String(s).replace(/["\\]/g, '\\$&');
}

export const $ = (sel, root = globalThis.document) => root.querySelector(sel);
export const $$ = (sel, root = globalThis.document) => Array.from(root.querySelectorAll(sel));

/**
 * Which sides of a scrolling box hide part of what it holds: `{ left, right }`, and
 * whether it also scrolls down (`down`: it has a scrollbar on the right). A pixel of
 * rounding is not a hidden column.
 */
export function cutEdges({ scrollLeft, clientWidth, scrollWidth, clientHeight = 0, scrollHeight = 0 }) {
  return {
    left: scrollLeft > 1,
    right: scrollLeft + clientWidth < scrollWidth - 1,
    down: scrollHeight > clientHeight + 1,
  };
}

/**
 * A table wider than the page scrolls sideways in its `.table-scroll` box; marks
 * each such box in `root` `cut-left` / `cut-right` while columns are hidden on that
 * side (the CSS fades that edge; `scrolls-down` keeps a right scrollbar out of the
 * fade), as it scrolls, as lists are drawn anew, and as a box changes size (the
 * window resized, a hidden tab shown). Returns the function that checks them all again.
 */
export function markCutTables(root, win = globalThis) {
  const mark = (box) => {
    const cut = cutEdges(box);
    box.classList.toggle('cut-left', cut.left);
    box.classList.toggle('cut-right', cut.right);
    box.classList.toggle('scrolls-down', cut.down);
  };
  const sized = win.ResizeObserver ? new win.ResizeObserver((entries) => entries.forEach((e) => mark(e.target))) : null;
  const watched = new WeakSet();
  const markAll = () => $$('.table-scroll', root).forEach((box) => {
    if (sized && !watched.has(box)) {
      watched.add(box);
      sized.observe(box);
    }
    mark(box);
  });
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    (win.requestAnimationFrame ?? ((f) => setTimeout(f, 0)))(() => {
      queued = false;
      markAll();
    });
  };
  root.addEventListener('scroll', (e) => {
    if (e.target?.classList?.contains('table-scroll')) mark(e.target);
  }, true);
  win.addEventListener?.('resize', soon);
  if (win.MutationObserver) new win.MutationObserver(soon).observe(root, { childList: true, subtree: true });
  markAll();
  return markAll;
}

/**
 * A list box's chosen text can be longer than the box (a leader with a long title):
 * hovering over any single-choice list box in `root` shows it whole as its tooltip.
 */
export function titleChosenOnHover(root) {
  root.addEventListener('mouseover', (e) => {
    const box = e.target?.closest?.('select');
    if (box && !box.multiple) box.title = box.selectedOptions?.[0]?.textContent ?? '';
  });
}

/**
 * A text area for a text of at most `max` characters, and the count shown under it
 * near the limit (red beyond it). No maxlength: it cut a pasted text at the limit
 * without a word (2,940 characters saved as 2,000); the core refuses a longer one
 * naming the field. → { area, count } (count goes after the area).
 */
export function limitedArea(attrs, max) {
  const area = h('textarea', attrs);
  const count = h('p', { class: 'hint input-limit', id: attrs.id ? `${attrs.id}-count` : null, 'aria-live': 'polite', hidden: true });
  const show = () => {
    const n = [...area.value].length;
    count.hidden = n < max * 0.9;
    count.classList.toggle('is-over', n > max);
    count.textContent = n > max ? `已输入 ${n} 字，超过 ${max} 字的上限，请删减（长的说明可以放在附件里）。` : `已输入 ${n} / ${max} 字`;
  };
  area.addEventListener('input', show);
  return { area, count, show };
}
