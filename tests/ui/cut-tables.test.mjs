// A table wider than the page fades the edge that hides columns, and stops fading
// it once the clerk has scrolled to that edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installDom, dispatch } from './dom-env.mjs';
import { h, cutEdges, markCutTables } from '../../ui/js/dom.js';

test('cutEdges tells which sides hide columns, a pixel of rounding apart', () => {
  assert.deepEqual(cutEdges({ scrollLeft: 0, clientWidth: 1000, scrollWidth: 1000 }), { left: false, right: false });
  assert.deepEqual(cutEdges({ scrollLeft: 0, clientWidth: 1000, scrollWidth: 1001 }), { left: false, right: false });
  assert.deepEqual(cutEdges({ scrollLeft: 0, clientWidth: 1000, scrollWidth: 1400 }), { left: false, right: true });
  assert.deepEqual(cutEdges({ scrollLeft: 200, clientWidth: 1000, scrollWidth: 1400 }), { left: true, right: true });
  assert.deepEqual(cutEdges({ scrollLeft: 399.5, clientWidth: 1000, scrollWidth: 1400 }), { left: true, right: false });
});

test('a wide table is marked cut on the right, then on the left as it scrolls to its end', async () => {
  const dom = installDom();
  try {
    const wide = Object.assign(h('div', { class: 'table-scroll' }), { scrollLeft: 0, clientWidth: 1000, scrollWidth: 1400 });
    const narrow = Object.assign(h('div', { class: 'table-scroll' }), { scrollLeft: 0, clientWidth: 1000, scrollWidth: 1000 });
    dom.body.append(wide, narrow);
    const again = markCutTables(document, {});
    assert.deepEqual([wide.classList.contains('cut-left'), wide.classList.contains('cut-right')], [false, true]);
    assert.equal(narrow.classList.contains('cut-right'), false);

    wide.scrollLeft = 400;
    await dispatch(wide, 'scroll');
    assert.deepEqual([wide.classList.contains('cut-left'), wide.classList.contains('cut-right')], [true, false]);

    // The list is drawn anew narrower than the page: nothing is hidden any more.
    Object.assign(wide, { scrollLeft: 0, scrollWidth: 900 });
    again();
    assert.deepEqual([wide.classList.contains('cut-left'), wide.classList.contains('cut-right')], [false, false]);
  } finally {
    dom.cleanup();
  }
});
