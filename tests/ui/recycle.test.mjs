// 回收站 (ui/js/logic/recycle.js and views/recycle.js): the 类型 filter lists the kinds in
// the bin with their counts, a search narrows by summary, kind or operator, and 恢复
// puts one back and the lists follow.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest } from './dom-env.mjs';
import { filterRecycled, recycledCount, recycledKinds } from '../../ui/js/logic/recycle.js';
import { mountRecycle } from '../../ui/js/views/recycle.js';

const ENTRIES = [
  { id: 'e1', tableName: 'people', kindLabel: '人员', summary: '王网格', deletedAt: '2026-03-03T02:00:00Z', deletedBy: '本机' },
  { id: 'e2', tableName: 'demands', kindLabel: '诉求', summary: '诉求“菜场周边占道经营”', deletedAt: '2026-03-02T02:00:00Z', deletedBy: '本机' },
  { id: 'e3', tableName: 'people', kindLabel: '人员', summary: '李楼长', deletedAt: '2026-03-01T02:00:00Z', deletedBy: '张文书' },
];

describe('回收站 logic', () => {
  test('the kinds in the bin, each once with its count', () => {
    assert.deepEqual(recycledKinds(ENTRIES), [{ value: 'people', label: '人员（2）' }, { value: 'demands', label: '诉求（1）' }]);
    assert.deepEqual(recycledKinds([]), []);
  });
  test('a kind and a search narrow the records', () => {
    assert.deepEqual(filterRecycled(ENTRIES, { table: 'people' }).map((e) => e.id), ['e1', 'e3']);
    assert.deepEqual(filterRecycled(ENTRIES, { text: ' 占道 ' }).map((e) => e.id), ['e2']);
    assert.deepEqual(filterRecycled(ENTRIES, { text: '张文书' }).map((e) => e.id), ['e3']);
    assert.deepEqual(filterRecycled(ENTRIES, { table: 'demands', text: '王' }), []);
    assert.equal(filterRecycled(ENTRIES).length, 3);
  });
  test('the count line', () => {
    assert.equal(recycledCount(3, 3), '共 3 条');
    assert.equal(recycledCount(1, 3), '显示 1 / 共 3 条');
  });
});

describe('回收站 view', () => {
  let host;
  domPerTest(() => { host = newHost(); });
  const rows = () => [...host.querySelectorAll('#recycle-table tbody tr')].map((r) => r.getAttribute('data-entry-id'));

  test('类型 and 搜索 narrow the list; 恢复 puts one back and the choices follow', async () => {
    let bin = ENTRIES.map((e) => ({ ...e }));
    const api = fakeApi({
      listRecycleBin: async () => bin.map((e) => ({ ...e })),
      restoreRecycled: async (id) => { bin = bin.filter((e) => e.id !== id); },
    });
    const toasts = [];
    mountRecycle(host, viewCtx(api, toasts));
    await settle();
    assert.deepEqual(rows(), ['e1', 'e2', 'e3']);
    assert.equal(textOf(host.querySelector('#recycle-count')), '共 3 条');
    assert.deepEqual([...host.querySelectorAll('#recycle-kind option')].map(textOf), ['全部类型', '人员（2）', '诉求（1）']);
    const kind = host.querySelector('#recycle-kind');
    kind.value = 'people';
    await dispatch(kind, 'change');
    assert.deepEqual(rows(), ['e1', 'e3']);
    assert.equal(textOf(host.querySelector('#recycle-count')), '显示 2 / 共 3 条');
    const search = host.querySelector('#recycle-search');
    search.value = '楼长';
    await dispatch(search, 'input');
    assert.deepEqual(rows(), ['e3']);
    search.value = '没有这个';
    await dispatch(search, 'input');
    assert.equal(textOf(host.querySelector('#recycle-none')), '没有符合条件的记录。');
    search.value = '';
    await dispatch(search, 'input');
    // 恢复 the last 人员 but one: the kind stays chosen while the bin still holds one.
    await dispatch(host.querySelector('button[data-entry-id="e3"]'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'restoreRecycled').slice(1), ['e3']);
    assert.equal(kind.value, 'people');
    assert.deepEqual(rows(), ['e1']);
    assert.deepEqual([...host.querySelectorAll('#recycle-kind option')].map(textOf), ['全部类型', '人员（1）', '诉求（1）']);
    // The last of a kind restored: back to 全部类型.
    await dispatch(host.querySelector('button[data-entry-id="e1"]'), 'click');
    await settle();
    assert.equal(kind.value, '');
    assert.deepEqual(rows(), ['e2']);
  });

  test('an empty bin says so, without the filters', async () => {
    mountRecycle(host, viewCtx(fakeApi({ listRecycleBin: async () => [] }), []));
    await settle();
    assert.equal(textOf(host.querySelector('#recycle-empty')), '回收站是空的');
    assert.equal(host.querySelector('#recycle-filters').hidden, true);
  });
});
