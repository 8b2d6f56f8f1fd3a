// 减负 › 网格事项 (issue 15): the pure filtering, counting, parsing, matrix and print
// rows; the 减负 view's tabs; and the screen mounted in the fake DOM (the list with
// its filter and form, the claim matrix with 认领 and 取消认领, the load as of a day,
// and 打印清单).
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, domPerTest, newHost, viewCtx, all, submitFormWith } from './dom-env.mjs';
import {
  countGridMatters, filterGridMatters, loadText, matrixRows, parseGridMatterForm, printRows, unclaimedText,
} from '../../ui/js/logic/gridmatters.js';
import { mountGridMatters, printList } from '../../ui/js/views/gridmatters.js';
import { TABS, mountJianfu } from '../../ui/js/views/jianfu.js';

const ITEMS = [
  { id: 'm1', categoryLabel: '联系群众', name: '入户走访', requirement: '每户每年至少一次', frequency: '每月一次', claimedBy: 2 },
  { id: 'm2', categoryLabel: '宣传政策', name: '政策宣传', frequency: '每季度一次', claimedBy: 1, claimedAhead: 1 },
  { id: 'm3', categoryLabel: '巡防走访', name: '夜间巡防', frequency: '每周一次', claimedBy: 0 },
];

const MATRIX = {
  matters: [
    { id: 'm1', name: '入户走访', categoryLabel: '联系群众', villages: 2 },
    { id: 'm2', name: '政策宣传', categoryLabel: '宣传政策', villages: 1 },
  ],
  villages: [
    { id: 'v1', code: '001', name: '青溪社区', label: '社区', claimed: 2, cells: [{ claimId: 'c1', claimedOn: '2025-01-01' }, { claimId: 'c2', claimedOn: '2025-02-01' }] },
    { id: 'v2', code: '002', name: '桃园村', label: '村', claimed: 1, cells: [{ claimId: 'c3', claimedOn: '2025-03-01' }, null] },
    { id: 'v3', code: '003', name: '梅岭村', label: '村', claimed: 0, cells: [null, null] },
  ],
  unclaimed: ['梅岭村'],
};

describe('网格事项 logic', () => {
  test('filters by category and search, counts by category', () => {
    assert.deepEqual(filterGridMatters(ITEMS, { category: '宣传政策' }).map((m) => m.id), ['m2']);
    assert.deepEqual(filterGridMatters(ITEMS, { search: '每户' }).map((m) => m.id), ['m1']);
    assert.deepEqual(filterGridMatters(ITEMS, {}).length, 3);
    assert.deepEqual(countGridMatters(ITEMS), { total: 3, text: '联系群众 1 项 · 宣传政策 1 项 · 巡防走访 1 项' });
  });
  test('the form names the field that is missing', () => {
    assert.equal(parseGridMatterForm({ category: '', name: 'x' }).error.field, 'category');
    assert.equal(parseGridMatterForm({ category: '体育', name: 'x' }).error.field, 'category');
    assert.equal(parseGridMatterForm({ category: '其他', name: ' ' }).error.field, 'name');
    assert.deepEqual(parseGridMatterForm({ category: '其他', name: ' 卫生检查 ', frequency: '每月' }).input,
      { category: '其他', name: '卫生检查', requirement: '', frequency: '每月', listedOn: '', remark: '' });
  });
  test('matrix rows, who claimed nothing, load text and print rows', () => {
    const rows = matrixRows(MATRIX);
    assert.deepEqual(rows.map((r) => [r.name, r.claimed]), [['青溪社区', 2], ['桃园村', 1], ['梅岭村', 0]]);
    assert.deepEqual(rows[1].cells.map((c) => c.claimId), ['c3', null]);
    assert.equal(rows[1].cells[1].matterName, '政策宣传');
    assert.equal(unclaimedText(MATRIX), '1 个村/社区到今天还没有认领事项：梅岭村');
    assert.equal(unclaimedText({ ...MATRIX, claimedAhead: ['梅岭村（自 2027-03-15 起）'] }),
      '1 个村/社区到今天还没有认领事项：梅岭村。已登记但尚未到认领日期的：梅岭村（自 2027-03-15 起）');
    assert.equal(unclaimedText({ ...MATRIX, unclaimed: [] }), '全部 3 个村/社区都已认领网格事项。');
    assert.match(unclaimedText({ matters: [], villages: [], unclaimed: [] }), /组织架构/);
    assert.equal(loadText({ listed: 2, outside: 1 }), '清单 2 项 + 准入 1 项 = 3 项');
    const p = printRows([ITEMS[2], ITEMS[0]]);
    assert.deepEqual(p.map((r) => r.slice(0, 3)), [['1', '联系群众', '入户走访'], ['2', '巡防走访', '夜间巡防']]);
  });
});

describe('减负 view', () => {
  domPerTest();

  test('TABS is a plain list with 三清单 first and 网格事项; each tab mounts when chosen', async () => {
    assert.ok(Array.isArray(TABS));
    assert.deepEqual(TABS.map((t) => [t.id, t.label]).slice(0, 2), [['duties', '三清单'], ['gridmatters', '网格事项']]);
    const api = fakeApi({
      listDutyItems: async () => [],
      listGridMatters: async () => ITEMS.map((m) => ({ ...m })),
    });
    const host = newHost();
    const dispose = mountJianfu(host, viewCtx(api, []));
    await settle();
    assert.equal(textOf(host.querySelector('#jianfu-title')), '减负');
    assert.equal(host.querySelector('#jianfu-tab-duties').getAttribute('aria-selected'), 'true');
    assert.ok(host.querySelector('#duties-view'), '三清单 is shown first');
    assert.equal(host.querySelector('#gridmatters-view'), null, '网格事项 mounts only when chosen');
    await dispatch(host.querySelector('[data-jianfu-tab="gridmatters"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#jianfu-panel-duties').hidden, true);
    assert.equal(all(host, '#gm-table tr[data-gm-id]').length, 3);
    dispose();
  });
});

describe('减负 › 网格事项 screen', () => {
  domPerTest();

  test('lists, filters, counts and saves a new item', async () => {
    const items = ITEMS.map((m) => ({ ...m }));
    const api = fakeApi({
      listGridMatters: async () => items.map((m) => ({ ...m })),
      createGridMatter: async (input) => {
        const m = { id: 'm4', ...input, categoryLabel: input.category, claimedBy: 0 };
        items.push(m);
        return m;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountGridMatters(host, viewCtx(api, toasts));
    await settle();
    const rows = () => all(host, '#gm-table tr[data-gm-id]');
    assert.equal(rows().length, 3);
    assert.equal(textOf(host.querySelector('#gm-counts')), '共 3 项：联系群众 1 项 · 宣传政策 1 项 · 巡防走访 1 项');
    assert.match(textOf(rows()[0]), /入户走访.*每月一次.*2 个村\/社区/);
    // A claim dated ahead is counted apart, as 首页 counts from its day.
    assert.match(textOf(rows()[1]), /1 个村\/社区（另 1 个待生效）/);

    host.querySelector('#gm-filter-category').value = '巡防走访';
    await dispatch(host.querySelector('#gm-filter-category'), 'change');
    await settle();
    assert.equal(rows().length, 1);
    assert.match(textOf(host.querySelector('#gm-counts')), /当前显示 1 项/);
    host.querySelector('#gm-filter-category').value = '';
    await dispatch(host.querySelector('#gm-filter-category'), 'change');
    await settle();

    // The Excel buttons: export, import of the list and of the claims.
    assert.ok(host.querySelector('#gm-export'));
    assert.ok(host.querySelector('#gm-import'));
    assert.ok(host.querySelector('#gm-import-grid-matter-claims'));
    assert.equal(textOf(host.querySelector('#gmc-export')), '导出认领情况', 'the claims go out as they come in');

    await dispatch(host.querySelector('#gm-new'), 'click');
    await settle();
    await submitFormWith(host, 'gm', { category: '调解矛盾纠纷', name: '矛盾纠纷调解', frequency: '随时', listedOn: '2026-07-01' });
    const [, input] = api.calls.find(([n]) => n === 'createGridMatter');
    assert.deepEqual(input, { category: '调解矛盾纠纷', name: '矛盾纠纷调解', requirement: '', frequency: '随时', listedOn: '2026-07-01', remark: '' });
    assert.equal(rows().length, 4);
    assert.ok(toasts.some((t) => t.includes('矛盾纠纷调解')), toasts.join());
    view.dispose();
  });

  test('the claim matrix claims with the date above and cancels a claim after asking', async () => {
    const api = fakeApi({
      listGridMatters: async () => ITEMS,
      gridMatterClaimMatrix: async () => MATRIX,
      createGridMatterClaim: async (input) => ({ id: 'c9', ...input }),
      deleteGridMatterClaim: async (id) => ({ id: `bin-${id}` }),
    });
    const toasts = [];
    const host = newHost();
    const view = mountGridMatters(host, viewCtx(api, toasts, { route: { part: 'claims' } }));
    await settle();
    assert.equal(textOf(host.querySelector('#gm-unclaimed')), '1 个村/社区到今天还没有认领事项：梅岭村');
    const matrix = host.querySelector('#gm-matrix');
    assert.deepEqual(all(matrix, 'thead th').map(textOf), ['村/社区', '入户走访', '政策宣传', '认领数']);
    assert.deepEqual(all(matrix, 'tbody tr').map((r) => textOf(r.querySelector('th'))), ['青溪社区', '桃园村', '梅岭村']);
    assert.equal(all(matrix, 'button.gm-claimed').length, 3);
    assert.equal(all(matrix, 'button.gm-claim').length, 3);

    host.querySelector('#gm-claim-date').value = '2025-06-01';
    await dispatch(matrix.querySelector('tr[data-village-id="v3"] button[data-matter-id="m2"]'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createGridMatterClaim');
    assert.deepEqual(input, { villageId: 'v3', matterId: 'm2', claimedOn: '2025-06-01', remark: '' });
    assert.ok(toasts.includes('梅岭村已认领“政策宣传”'), toasts.join());
    assert.equal(api.calls.filter(([n]) => n === 'gridMatterClaimMatrix').length, 2, 'the matrix is loaded again');

    // 取消认领 asks first; 不取消 keeps it.
    const b = () => host.querySelector('#gm-matrix button[data-claim-id="c3"]');
    let asking = dispatch(b(), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#confirm-message')), /桃园村对“入户走访”的认领（2025-03-01）/);
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await asking;
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'deleteGridMatterClaim').length, 0);
    asking = dispatch(b(), 'click');
    await settle();
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await asking;
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'deleteGridMatterClaim'), ['deleteGridMatterClaim', 'c3']);
    assert.ok(toasts.some((t) => t.startsWith('已取消桃园村对“入户走访”的认领')), toasts.join());
    view.dispose();
  });

  test('a refused claim is shown, not swallowed', async () => {
    const api = fakeApi({
      gridMatterClaimMatrix: async () => MATRIX,
      createGridMatterClaim: async () => { throw { kind: 'validation', field: 'claimedOn', message: '请填写认领日期，如 2025-03-01。' }; },
    });
    const toasts = [];
    const host = newHost();
    const view = mountGridMatters(host, viewCtx(api, toasts, { route: { part: 'claims' } }));
    await settle();
    host.querySelector('#gm-claim-date').value = '';
    await dispatch(host.querySelector('#gm-matrix button.gm-claim'), 'click');
    await settle();
    assert.ok(toasts.some((t) => t.startsWith('alert:') && t.includes('认领日期')), toasts.join());
    view.dispose();
  });

  test('the load lists grids and workers as the backend orders them, as of the day chosen', async () => {
    const load = (asOf) => ({
      asOf,
      grids: [
        { gridId: 'g1', gridName: '阳光花园第一网格', villageName: '青溪社区', workers: ['张伟'], listed: 2, outside: 1, total: 3, matters: ['入户走访', '政策宣传', '人口普查'] },
        { gridId: 'g3', gridName: '桃园网格', villageName: '桃园村', workers: [], listed: 0, outside: 0, total: 0, matters: [] },
      ],
      workers: [{ personId: 'p1', name: '张伟', grids: ['阳光花园第一网格'], listed: 2, outside: 1, total: 3, matters: ['入户走访'] }],
    });
    const api = fakeApi({ gridMatterLoad: async (asOf) => load(asOf) });
    const host = newHost();
    const view = mountGridMatters(host, viewCtx(api, [], { route: { part: 'load' } }));
    await settle();
    const grids = all(host, '#gm-grid-load tbody tr');
    assert.deepEqual(grids.map((r) => r.getAttribute('data-grid-id')), ['g1', 'g3']);
    const cells = (r) => all(r, 'th, td').map(textOf);
    assert.deepEqual(cells(grids[0]), ['阳光花园第一网格', '青溪社区', '张伟', '3 项', '入户走访、政策宣传、人口普查']);
    assert.deepEqual(cells(grids[1]).slice(0, 4), ['桃园网格', '桃园村', '—', '0 项']);
    assert.deepEqual(cells(host.querySelector('#gm-worker-load tbody tr')).slice(0, 3), ['张伟', '阳光花园第一网格', '3 项']);
    host.querySelector('#gm-load-date').value = '2025-12-31';
    await dispatch(host.querySelector('#gm-load-date'), 'change');
    await settle();
    assert.deepEqual(api.calls.at(-1), ['gridMatterLoad', '2025-12-31']);
    // Another day than today is said, with the way back (probe AF).
    assert.equal(host.querySelector('#gm-load-not-today').hidden, false);
    assert.match(textOf(host.querySelector('#gm-load-not-today')), /按 2025-12-31 统计，不是今天/);
    await dispatch(host.querySelector('#gm-load-today'), 'click');
    await settle();
    assert.notEqual(api.calls.at(-1)[1], '2025-12-31');
    assert.equal(host.querySelector('#gm-load-not-today').hidden, true);
    view.dispose();
  });

  test('打印清单 puts the list on a sheet of its own, then takes it away', () => {
    let printed = 0;
    const saved = { print: globalThis.print, add: globalThis.addEventListener };
    let after = null;
    globalThis.print = () => { printed += 1; };
    globalThis.addEventListener = (type, fn) => { if (type === 'afterprint') after = fn; };
    try {
      const { sheet } = printList({ office: { name: '青溪街道' } }, ITEMS);
      assert.equal(printed, 1);
      assert.equal(textOf(sheet.querySelector('.print-sheet-title')), '青溪街道网格事项参考清单');
      assert.deepEqual(all(sheet, 'tbody tr').map((r) => textOf(r.querySelector('td'))), ['1', '2', '3']);
      assert.ok(document.body.classList.contains('printing-sheet'));
      after();
      assert.equal(document.querySelector('#gm-print-sheet'), null);
      assert.equal(document.body.classList.contains('printing-sheet'), false);
    } finally {
      globalThis.print = saved.print;
      globalThis.addEventListener = saved.add;
    }
  });
});
