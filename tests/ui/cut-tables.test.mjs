// A table wider than the page fades the edge that hides columns, and stops fading
// it once the clerk has scrolled to that edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installDom, dispatch } from './dom-env.mjs';
import { h, cutEdges, markCutTables } from '../../ui/js/dom.js';

test('cutEdges tells which sides hide columns, a pixel of rounding apart, and whether the box scrolls down', () => {
  const at = (scrollLeft, scrollWidth, scrollHeight = 300) => cutEdges({ scrollLeft, clientWidth: 1000, scrollWidth, clientHeight: 300, scrollHeight });
  assert.deepEqual(at(0, 1000), { left: false, right: false, down: false });
  assert.deepEqual(at(0, 1001), { left: false, right: false, down: false });
  assert.deepEqual(at(0, 1400), { left: false, right: true, down: false });
  assert.deepEqual(at(200, 1400), { left: true, right: true, down: false });
  assert.deepEqual(at(399.5, 1400), { left: true, right: false, down: false });
  assert.deepEqual(at(0, 1400, 900), { left: false, right: true, down: true });
});

/** A window with the observers markCutTables uses; `fire()` runs what they would. */
function fakeWindow() {
  const callbacks = [];
  const observed = [];
  return {
    observed,
    requestAnimationFrame: (f) => f(),
    addEventListener() {},
    MutationObserver: class { constructor(f) { callbacks.push(() => f([])); } observe() {} },
    ResizeObserver: class {
      constructor(f) { this.f = f; callbacks.push(() => f(observed.map((target) => ({ target })))); }
      observe(box) { observed.push(box); }
    },
    fire: () => callbacks.forEach((f) => f()),
  };
}

test('a wide table is marked cut on the right, then on the left as it scrolls to its end, and again as it is redrawn', async () => {
  const dom = installDom();
  try {
    const wide = Object.assign(h('div', { class: 'table-scroll' }), { scrollLeft: 0, clientWidth: 1000, scrollWidth: 1400 });
    const narrow = Object.assign(h('div', { class: 'table-scroll' }), { scrollLeft: 0, clientWidth: 1000, scrollWidth: 1000 });
    dom.body.append(wide, narrow);
    const win = fakeWindow();
    markCutTables(document, win);
    const cut = (box) => ['cut-left', 'cut-right', 'scrolls-down'].filter((c) => box.classList.contains(c));
    assert.deepEqual(cut(wide), ['cut-right']);
    assert.deepEqual(cut(narrow), []);
    assert.deepEqual(win.observed, [wide, narrow], 'each box is watched for its size (a hidden tab shown)');

    wide.scrollLeft = 400;
    await dispatch(wide, 'scroll');
    assert.deepEqual(cut(wide), ['cut-left']);

    // Drawn anew narrower than the page, taller than its box: the observers re-check it.
    Object.assign(wide, { scrollLeft: 0, scrollWidth: 900, clientHeight: 200, scrollHeight: 800 });
    win.fire();
    assert.deepEqual(cut(wide), ['scrolls-down']);
  } finally {
    dom.cleanup();
  }
});
