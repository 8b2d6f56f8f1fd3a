// Row selection for batch actions (logic/selection.js): click, Shift-click ranges,
// select all matching the filter (every page), cleared when the filter changes, and
// the texts of the confirmation and the result.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptySelection, toggleRow, setRows, selectAllMatching, pageState, filterKey, underFilter, keepListed,
  selectionText, selectAllText, confirmText, outcomeText, isSelected,
} from '../../ui/js/logic/selection.js';

const page = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('click and Shift-click', () => {
  test('a click toggles one row and sets the anchor', () => {
    let s = toggleRow(emptySelection(), 'c', page);
    assert.deepEqual(s.ids, ['c']);
    assert.equal(s.anchor, 'c');
    s = toggleRow(s, 'c', page);
    assert.deepEqual(s.ids, []);
  });

  test('Shift-click ticks every row from the anchor to the row clicked, either direction', () => {
    let s = toggleRow(emptySelection(), 'b', page);
    s = toggleRow(s, 'e', page, { shift: true });
    assert.deepEqual(s.ids, ['b', 'c', 'd', 'e']);
    // The anchor stays where the range began: a second Shift-click re-spans from it.
    assert.equal(s.anchor, 'b');
    let up = toggleRow(emptySelection(), 'e', page);
    up = toggleRow(up, 'b', page, { shift: true });
    assert.deepEqual([...up.ids].sort(), ['b', 'c', 'd', 'e']);
  });

  test('Shift-click on a ticked row unticks the range', () => {
    let s = setRows(emptySelection(), page, true, 'a');
    s = toggleRow(s, 'd', page, { shift: true });
    assert.deepEqual(s.ids, ['e', 'f']);
  });

  test('Shift-click without an anchor on the page is a plain click', () => {
    let s = toggleRow(emptySelection(), 'x', ['x', 'y']);
    s = toggleRow(s, 'c', page, { shift: true });
    assert.deepEqual(s.ids, ['x', 'c']);
    assert.equal(s.anchor, 'c');
  });

  test('ids are compared as strings (numbers from the tree, strings from the core)', () => {
    const s = toggleRow(emptySelection(), 7, [7, 8]);
    assert.ok(isSelected(s, '7'));
  });
});

describe('select all matching the filter', () => {
  test('takes every id the filter matches, not just the page', () => {
    const all = Array.from({ length: 58 }, (_, i) => `p${i}`);
    const s = selectAllMatching(toggleRow(emptySelection(), 'p1', all.slice(0, 20)), all);
    assert.equal(s.ids.length, 58);
    assert.equal(s.all, true);
    assert.equal(pageState(s, all.slice(20, 40)), 'all');
  });

  test('the header box: all, some or none of the rows shown', () => {
    const s = setRows(emptySelection(), ['a', 'b'], true);
    assert.equal(pageState(s, ['a', 'b']), 'all');
    assert.equal(pageState(s, ['a', 'c']), 'some');
    assert.equal(pageState(s, ['c']), 'none');
    assert.equal(pageState(s, []), 'none');
  });
});

describe('cleared on a filter change', () => {
  const q = { role: 'grid_worker', text: '', villageId: '', status: '', page: 0, pageSize: 20, sort: 'name', descending: false };

  test('paging and sorting keep the selection; another filter clears it', () => {
    const key = filterKey(q);
    const s = { ...setRows(emptySelection(key), ['a'], true) };
    assert.equal(underFilter(s, filterKey({ ...q, page: 3, sort: 'birthDate', descending: true })), s);
    assert.deepEqual(underFilter(s, filterKey({ ...q, villageId: 'v1' })).ids, []);
    assert.deepEqual(underFilter(s, filterKey({ ...q, text: '张' })).ids, []);
    assert.deepEqual(underFilter(s, filterKey({ ...q, role: '' })).ids, []);
  });

  test('key order does not matter', () => {
    assert.equal(filterKey({ a: 1, b: 2 }), filterKey({ b: 2, a: 1 }));
  });

  test('rows no longer listed drop out', () => {
    const s = setRows(emptySelection(), ['a', 'b', 'c'], true);
    assert.deepEqual(keepListed(s, ['a', 'c']).ids, ['a', 'c']);
    assert.equal(keepListed(s, ['a', 'b', 'c']), s);
  });
});

describe('texts', () => {
  const workers = { measure: '名', name: '网格员' };

  test('the bar', () => {
    assert.equal(selectionText(10), '已选 10 项');
    assert.equal(selectAllText(58), '选择全部符合条件的 58 项');
    assert.equal(selectionText(10, '人'), '已选 10 人');
    assert.equal(selectAllText(58, '件'), '选择全部符合条件的 58 件');
  });

  test('the confirmation says how many records and what changes', () => {
    assert.equal(confirmText('peopleLeave', 10, workers, { date: '2026-12-02' }), '将 10 名网格员标记为离岗，日期 2026-12-02。');
    assert.equal(confirmText('peopleReturn', 2, workers, { date: '2026-12-02' }), '将 2 名网格员标记为复岗（在岗），日期 2026-12-02。');
    assert.equal(confirmText('peopleReassign', 3, workers, { unitName: '阳光花园第二网格', date: '2026-12-01' }),
      '将 3 名网格员调到“阳光花园第二网格”，日期 2026-12-01。');
    assert.equal(confirmText('peoplePublish', 4, workers, { published: true }), '将 4 名网格员设为公示。');
    assert.equal(confirmText('peoplePublish', 4, workers, { published: false }), '取消 4 名网格员的公示。');
    assert.equal(confirmText('peoplePublish', 4, workers, { published: false, date: '2026-11-01' }), '取消 4 名网格员的公示，日期 2026-11-01。');
    assert.equal(confirmText('peoplePublish', 4, workers, { published: true, already: 1 }), '将 4 名网格员设为公示。其中 1 名已是公示，不会改动。');
    assert.equal(confirmText('followUpsDone', 5, { measure: '项', name: '跟进事项' }, { date: '2026-12-02' }),
      '将 5 项跟进事项标记为办结，日期 2026-12-02。');
    assert.equal(confirmText('unitsDelete', 2, { measure: '个', name: '单位' }), '删除 2 个单位，删除后可在回收站恢复。');
    assert.equal(confirmText('demandsAssign', 6, { measure: '件', name: '诉求' }, { departmentName: '城管科', date: '2026-12-02' }),
      '将 6 件诉求交办给“城管科”，日期 2026-12-02。');
  });

  test('the result says what changed and where to undo', () => {
    assert.equal(outcomeText({ action: '离岗', changed: 10, unchanged: 0, undo: '变更记录' }, workers),
      '批量离岗完成：10 名已修改。每条修改都记在变更记录中。');
    assert.equal(outcomeText({ action: '离岗', changed: 8, unchanged: 2, undo: '变更记录' }, workers),
      '批量离岗完成：8 名已修改，2 名原本如此，未改动。每条修改都记在变更记录中。');
    assert.equal(outcomeText({ action: '删除', changed: 2, unchanged: 0, undo: '回收站' }, { measure: '个', name: '单位' }),
      '批量删除完成：2 个已删除。可在回收站恢复。');
  });
});
