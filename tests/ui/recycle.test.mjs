// 回收站 (ui/js/logic/recycle.js and views/recycle.js): the 类型 filter lists the kinds in
// the bin with their counts, a search narrows by summary, kind or operator, and 恢复
// puts one back and the lists follow.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, clickAndConfirm } from './dom-env.mjs';
import { filterRecycled, purgeQuestion, recycledCount, recycledKinds, restoredText, takenAlong } from '../../ui/js/logic/recycle.js';
import { mountRecycle } from '../../ui/js/views/recycle.js';
import { h, detailRow } from '../../ui/js/dom.js';

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
  const rows = () => [...host.querySelectorAll('#recycle-table tbody tr[data-entry-id]')].map((r) => r.getAttribute('data-entry-id'));

  test('彻底删除 asks what goes and that it cannot come back, then takes it from the list', async () => {
    let bin = ENTRIES.map((e) => ({ ...e }));
    const api = fakeApi({
      listRecycleBin: async () => bin.map((e) => ({ ...e })),
      purgeRecycled: async (id) => { bin = bin.filter((e) => e.id !== id); return 2; },
    });
    const toasts = [];
    mountRecycle(host, viewCtx(api, toasts));
    await settle();
    const summary = ENTRIES.find((e) => e.id === 'e2').summary;
    let asked = '';
    await clickAndConfirm(host.querySelector('button[data-purge-id="e2"]'), (dialog) => { asked = textOf(dialog); });
    assert.match(asked, /不能再恢复/);
    assert.ok(asked.includes(summary), asked);
    assert.deepEqual(api.calls.find(([n]) => n === 'purgeRecycled').slice(1), ['e2']);
    assert.deepEqual(rows(), ['e1', 'e3']);
    assert.ok(toasts.includes(`已彻底删除${summary}（连同随它删除的 1 条）`), JSON.stringify(toasts));
  });

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

  test('查看 shows the record as it was deleted, field by field, read once', async () => {
    const unit = '01a24350-6639-7299-98f9-0a1925992559';
    const api = fakeApi({
      listRecycleBin: async () => ENTRIES.map((e) => ({ ...e })),
      recycledRecord: async () => ({
        tableName: 'people',
        record: {
          person: { id: '01a24350-0000-7000-8000-000000000001', name: '李楼长', gender: 'female', idNumber: '3201**********6826',
            roles: [{ role: 'building_head', employment: null, unitIds: [unit] }] },
          history: [{ id: 'h1', date: '2025-08-01', event: 'joined', eventLabel: '入职', detail: '楼栋长：阳光花园1-2栋', recordedAt: 'x' }],
        },
        names: { [unit]: '阳光花园 › 1-2栋' },
      }),
    });
    mountRecycle(host, viewCtx(api, []));
    await settle();
    const look = host.querySelector('button[data-entry-look="e3"]');
    assert.equal(look.getAttribute('aria-label'), '查看“李楼长”');
    await dispatch(look, 'click');
    await settle();
    assert.equal(look.getAttribute('aria-expanded'), 'true');
    assert.equal(textOf(look), '收起');
    const shown = host.querySelector(`#${look.getAttribute('aria-controls')}`);
    assert.equal(shown.hidden, false);
    const fields = Object.fromEntries([...shown.querySelectorAll('tbody tr')].map((r) => [textOf(r.querySelector('th')), textOf(r.querySelector('td'))]));
    assert.equal(fields['姓名'], '李楼长');
    assert.equal(fields['性别'], '女');
    assert.equal(fields['身份证号码'], '3201**********6826');
    assert.equal(fields['任职经历'], '2025-08-01 入职 楼栋长：阳光花园1-2栋');
    assert.equal(fields['身份'], '楼栋长：阳光花园 › 1-2栋');
    assert.ok(!('记录号' in fields), 'no generated id');
    // 收起 and 查看 again: read once.
    await dispatch(look, 'click');
    await dispatch(look, 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'recycledRecord').length, 1);
    assert.deepEqual(api.calls.find(([n]) => n === 'recycledRecord').slice(1), ['e3']);
  });

  test('a bin that cannot be read again after 恢复 shows nothing of the old list', async () => {
    let fail = false;
    const api = fakeApi({
      listRecycleBin: async () => { if (fail) throw { kind: 'io', message: '读不了' }; return ENTRIES.map((e) => ({ ...e })); },
      restoreRecycled: async () => { fail = true; },
    });
    mountRecycle(host, viewCtx(api, []));
    await settle();
    await dispatch(host.querySelector('button[data-entry-id="e1"]'), 'click');
    await settle();
    assert.equal(rows().length, 0);
    assert.equal(host.querySelector('#recycle-filters').hidden, true);
    const search = host.querySelector('#recycle-search');
    search.value = '王';
    await dispatch(search, 'input');
    assert.equal(rows().length, 0, 'typing does not bring the old list back');
  });

  test('an empty bin says so, without the filters', async () => {
    mountRecycle(host, viewCtx(fakeApi({ listRecycleBin: async () => [] }), []));
    await settle();
    assert.equal(textOf(host.querySelector('#recycle-empty')), '回收站是空的');
    assert.equal(host.querySelector('#recycle-filters').hidden, true);
  });
});

describe('detailRow()', () => {
  domPerTest();
  test('opens and closes its row, draws it once, and again after a failed drawing', async () => {
    let calls = 0;
    let ok = false;
    const { button, row } = detailRow({
      id: 'd1', colspan: 5, text: '查看', label: '王网格', fill: async (cell) => { calls += 1; cell.append(h('p', {}, 'x')); return ok; },
    });
    const click = async () => { for (const fn of button.listeners.click) await fn(); };
    assert.equal(row.hidden, true);
    assert.equal(button.getAttribute('aria-controls'), 'd1');
    assert.equal(button.getAttribute('aria-label'), '查看“王网格”');
    await click();
    assert.equal(row.hidden, false);
    assert.equal(button.getAttribute('aria-expanded'), 'true');
    assert.equal(button.getAttribute('aria-label'), '收起“王网格”');
    await click();
    assert.equal(row.hidden, true);
    ok = true;
    await click(); // the first drawing failed: drawn again
    await click();
    await click(); // now drawn: not again
    assert.equal(calls, 2);
  });
});

test('恢复 says the record once quoted, whether its summary quotes its name or not', () => {
  assert.equal(restoredText('共建单位“石塘村农业合作社”'), '已恢复共建单位“石塘村农业合作社”');
  assert.equal(restoredText('王网格'), '已恢复“王网格”');
  // A person's numbers are named where a record has them, not for a unit (a reviewer
  // read 身份证号码 in the question about a 社区).
  assert.match(purgeQuestion('王网格', 'people'), /它的全部内容（包括身份证号码、手机号码）不再保存/);
  assert.match(purgeQuestion('社区“区直测试社区”（320115000001）', 'units'), /它的全部内容不再保存/);
  assert.equal(restoredText(null), '已恢复“”');
});

describe('回收站 folds what went with another (probe AB: one 培训 filled it with 29 rows)', () => {
  domPerTest();
  const session = { id: 's', tableName: 'training_sessions', summary: '培训“网格员培训”（连同 2 条培训参加人员）', deletedAt: '2026-12-07T02:00:00Z' };
  const along = (id) => ({ id, tableName: 'training_participants', summary: `参加人员${id}（随培训“网格员培训”删除，恢复培训时一起恢复）`, deletedAt: '2026-12-07T02:00:00Z' });
  const alone = { id: 'x', tableName: 'training_participants', summary: '参加人员x', deletedAt: '2026-12-06T02:00:00Z' };

  test('takenAlong: the children of a parent still in the bin, not one deleted alone', () => {
    const entries = [session, along('a'), along('b'), alone];
    assert.deepEqual([...takenAlong(entries)].map((e) => e.id), ['a', 'b']);
    // Its parent gone for good (彻底删除): each stands on its own again.
    assert.equal(takenAlong([along('a'), alone]).size, 0);
  });

  test('the list shows the parent, says how many are folded, and shows them on asking or by 类型', async () => {
    const host = newHost();
    const api = fakeApi({ listRecycleBin: async () => [session, along('a'), along('b'), alone] });
    mountRecycle(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {} });
    await settle();
    const rows = () => [...host.querySelectorAll('#recycle-table tr[data-entry-id]')].map((r) => r.getAttribute('data-entry-id'));
    assert.deepEqual(rows(), ['s', 'x']);
    assert.match(textOf(host.querySelector('#recycle-along')), /另有 2 条是随上一级记录一起删除的/);
    await dispatch(host.querySelector('#recycle-along-toggle'), 'click');
    assert.deepEqual(rows(), ['s', 'a', 'b', 'x']);
    await dispatch(host.querySelector('#recycle-along-toggle'), 'click');
    assert.deepEqual(rows(), ['s', 'x']);
    const kind = host.querySelector('#recycle-kind');
    kind.value = 'training_participants';
    await dispatch(kind, 'change');
    assert.deepEqual(rows(), ['a', 'b', 'x']);
  });
});
