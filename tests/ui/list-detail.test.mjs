// views/list-detail.js: the moves between a list and one record's detail, as 共建 › 项目
// and 诉求 › 诉求 use them: an answer that comes back after the clerk opened another
// record is dropped, a dirty form is asked about (and kept when the clerk says 继续编辑),
// a failed load is reported and leaves the list, and back goes to the row it came from.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, settle, newHost, domPerTest, textOf } from './dom-env.mjs';
import { listDetailFrame, listDetailNav } from '../../ui/js/views/list-detail.js';

/** A deferred answer: the test decides when `open` gets it. */
function later() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function setUp({ dirty = false } = {}) {
  const host = newHost();
  const listEl = document.createElement('div');
  host.append(listEl);
  const st = { mode: 'list', record: null, viewToken: 0, disposed: false };
  const seen = { mounted: [], destroyed: 0, focusedRow: [], failed: [], reloads: 0, pending: new Map() };
  const frame = listDetailFrame(host, {
    id: 'detail', className: 'detail', listEl, isOpen: () => st.mode !== 'list', formEl: () => null, back: () => nav.back(),
  });
  const nav = listDetailNav(frame, {
    st, key: 'record',
    mount: () => {
      seen.mounted.push(st.record?.id ?? null);
      return {
        isDirty: () => dirty,
        destroy: () => { seen.destroyed += 1; },
        form: () => ({ focus() {}, inputs: {} }),
      };
    },
    reloadList: async () => { seen.reloads += 1; },
    focusRow: (id) => seen.focusedRow.push(id),
    load: (id) => {
      const answer = later();
      seen.pending.set(id, answer);
      return answer.promise;
    },
    failed: (e) => seen.failed.push(e.message),
  });
  return { st, seen, nav, frame, listEl };
}

describe('list ↔ detail moves', () => {
  domPerTest();

  test('a record whose answer comes after another was opened is dropped', async () => {
    const { st, seen, nav, frame, listEl } = setUp();
    const first = nav.open('a');
    const second = nav.open('b');
    seen.pending.get('b').resolve({ id: 'b', name: '乙' });
    await second;
    seen.pending.get('a').resolve({ id: 'a', name: '甲' });
    await first;
    assert.deepEqual(seen.mounted, ['b']);
    assert.equal(st.mode, 'edit');
    assert.equal(st.record.id, 'b');
    assert.equal(frame.el.hidden, false);
    assert.equal(listEl.hidden, true);
  });

  test('a failed load is reported, and the list stays', async () => {
    const { st, seen, nav, frame } = setUp();
    const opening = nav.open('a');
    seen.pending.get('a').reject(new Error('记录不存在'));
    await opening;
    assert.deepEqual(seen.failed, ['记录不存在']);
    assert.equal(st.mode, 'list');
    assert.deepEqual(seen.mounted, []);
    assert.equal(frame.el.hidden, true);
  });

  test('back asks about unsaved changes: 继续编辑 keeps the detail, 放弃修改 goes to the row it came from', async () => {
    const { st, seen, nav, frame, listEl } = setUp({ dirty: true });
    const opening = nav.open('a');
    seen.pending.get('a').resolve({ id: 'a' });
    await opening;

    let going = nav.back();
    await settle();
    assert.ok(document.querySelector('#confirm-dialog'), 'asks 放弃修改？');
    assert.match(textOf(document.querySelector('#confirm-dialog')), /放弃修改？.*当前表单有未保存的修改，确定放弃吗？/);
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await going;
    assert.equal(st.mode, 'edit');
    assert.equal(frame.el.hidden, false);
    assert.equal(seen.reloads, 0);

    going = nav.back();
    await settle();
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await going;
    assert.equal(st.mode, 'list');
    assert.equal(st.record, null);
    assert.equal(listEl.hidden, false);
    assert.equal(seen.reloads, 1);
    assert.deepEqual(seen.focusedRow, ['a']);
    assert.equal(seen.destroyed, 1);
  });

  test('a new record is a fresh detail in create mode; closing the screen destroys it', async () => {
    const { st, seen, nav } = setUp();
    await nav.create();
    assert.equal(st.mode, 'create');
    assert.deepEqual(seen.mounted, [null]);
    nav.edit({ id: 'n' });
    nav.showDetail();
    assert.deepEqual(seen.mounted, [null, 'n']);
    assert.equal(seen.destroyed, 1);
    nav.destroy();
    assert.equal(seen.destroyed, 2);
  });
});
