// 减负 › 三清单 (issue 15): the pure filtering, counting and parsing, and the screen
// mounted in the fake DOM (filters by list and field, search, counts, the side form).
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, submitFormWith, importAsClerk, domPerTest, newHost } from './dom-env.mjs';
import { countDutyItems, filterDutyItems, parseDutyForm } from '../../ui/js/logic/duties.js';
import { mountDuties } from '../../ui/js/views/duties.js';
import { nextVersion } from '../../ui/js/logic/duty-versions.js';

const ITEMS = [
  { id: 'a', list: 'basic', fieldLabel: '民生服务', number: '1', name: '养老保险参保登记' },
  { id: 'b', list: 'basic', fieldLabel: '平安法治', number: '2', name: '矛盾纠纷排查化解' },
  { id: 'c', list: 'assisting', fieldLabel: '民生服务', number: '1', name: '低保审核', leadDepartment: '区民政局' },
  { id: 'd', list: 'taken_back', fieldLabel: '其他', number: '1', name: '户外广告设置审批', takenBackBy: '区城管局', takenBackOn: '2024-03-01' },
];

describe('三清单 logic', () => {
  test('filters by list, field and search, and counts each list', () => {
    assert.deepEqual(filterDutyItems(ITEMS, { list: 'basic' }).map((d) => d.id), ['a', 'b']);
    assert.deepEqual(filterDutyItems(ITEMS, { field: '民生服务' }).map((d) => d.id), ['a', 'c']);
    assert.deepEqual(filterDutyItems(ITEMS, { search: '民政' }).map((d) => d.id), ['c']);
    assert.deepEqual(countDutyItems(ITEMS), { basic: 2, assisting: 1, taken_back: 1, total: 4, takenBackAhead: 0 });
    // One taken back from a day ahead: counted apart, as 首页 counts it from that day.
    const ahead = [...ITEMS, { list: 'taken_back', takenBackOn: '2027-05-01' }];
    assert.equal(countDutyItems(ahead, '2026-12-07').takenBackAhead, 1);
    assert.equal(countDutyItems(ahead, '2027-05-01').takenBackAhead, 0);
  });
  test('every problem of the item form at once', () => {
    const r = parseDutyForm({ list: 'taken_back', field: '', name: '' });
    assert.deepEqual(r.problems.map((e) => e.field), ['field', 'name', 'takenBackBy', 'takenBackOn']);
  });
  test('the form names the field a list needs', () => {
    const base = { list: 'assisting', field: '民生服务', name: '低保审核' };
    assert.equal(parseDutyForm(base).error.field, 'leadDepartment');
    assert.equal(parseDutyForm({ ...base, list: 'taken_back' }).error.field, 'takenBackBy');
    assert.equal(parseDutyForm({ ...base, name: ' ' }).error.field, 'name');
    const ok = parseDutyForm({ ...base, list: 'basic', takenBackBy: 'x' });
    assert.equal(ok.ok, true);
    assert.equal(ok.input.takenBackBy, '');
  });
});

describe('减负 › 三清单 screen', () => {
  domPerTest();

  test('lists, filters, counts and saves a new item through the api', async () => {
    const items = ITEMS.map((d) => ({ ...d }));
    const api = fakeApi({
      listDutyItems: async () => items.map((d) => ({ ...d })),
      createDutyItem: async (input) => {
        const d = { id: 'e', ...input, fieldLabel: input.field };
        items.push(d);
        return d;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountDuties(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {},
    });
    await settle();
    const rows = () => host.querySelectorAll('#duties-table tr[data-duty-id]');
    assert.equal(rows().length, 4);
    assert.match(textOf(host.querySelector('#duties-counts')), /基本履职事项 2 项 · 配合履职事项 1 项 · 上级部门收回事项 1 项/);

    host.querySelector('#duties-filter-list').value = 'assisting';
    await dispatch(host.querySelector('#duties-filter-list'), 'change');
    await settle();
    assert.equal(rows().length, 1);
    assert.match(textOf(rows()[0]), /低保审核/);
    assert.match(textOf(host.querySelector('#duties-counts')), /；共 \d+ 项，当前显示 1 项/);

    host.querySelector('#duties-filter-list').value = '';
    await dispatch(host.querySelector('#duties-filter-list'), 'change');
    host.querySelector('#duties-search').value = '广告';
    await dispatch(host.querySelector('#duties-search'), 'input');
    await settle();
    assert.equal(rows().length, 1);
    host.querySelector('#duties-search').value = '';
    await dispatch(host.querySelector('#duties-search'), 'input');
    await settle();

    await dispatch(host.querySelector('#duty-new'), 'click');
    await settle();
    for (const f of ['list', 'field', 'number', 'name', 'leadDepartment', 'takenBackBy', 'takenBackOn']) {
      assert.ok(host.querySelector(`#duty-${f}`), f);
    }
    await submitFormWith(host, 'duty', { list: 'assisting', field: '平安法治', name: '社区矫正日常管理', leadDepartment: '区司法局' });
    const [, input] = api.calls.find(([n]) => n === 'createDutyItem');
    assert.equal(input.list, 'assisting');
    assert.equal(input.field, '平安法治');
    assert.equal(input.leadDepartment, '区司法局');
    assert.equal(rows().length, 5);
    assert.ok(toasts.some((t) => t.includes('社区矫正日常管理')), toasts.join());
    view.dispose();
  });

  test('批量删除: tick the items a new list drops, one call into the recycle bin, the list reloaded', async () => {
    let items = ITEMS.map((d) => ({ ...d }));
    const api = fakeApi({
      listDutyItems: async () => items.map((d) => ({ ...d })),
      batchApply: async (input) => {
        items = items.filter((d) => !input.ids.includes(d.id));
        return { action: '删除', changed: input.ids.length, unchanged: 0, items: [], undo: '回收站' };
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountDuties(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {},
    });
    await settle();
    assert.equal(host.querySelector('#duty-batch-bar').hidden, true, 'nothing ticked');
    host.querySelector('#duties-filter-list').value = 'basic';
    await dispatch(host.querySelector('#duties-filter-list'), 'change');
    await settle();
    await dispatch(host.querySelector('#duty-select-page'), 'click');
    assert.equal(textOf(host.querySelector('#duty-selected-count')), '已选 2 项');
    await dispatch(host.querySelector('#duty-batch-delete'), 'click');
    assert.equal(textOf(document.querySelector('#batch-confirm-text')), '删除 2 项事项，删除后可在回收站恢复。');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'batchApply');
    assert.deepEqual(input, { ids: ['a', 'b'], action: 'dutyItemsDelete' });
    assert.equal(host.querySelectorAll('#duties-table tr[data-duty-id]').length, 0, 'reloaded: none left on 基本');
    assert.equal(host.querySelector('#duty-batch-bar').hidden, true, 'the ticks cleared');
    assert.ok(toasts.some((t) => t.includes('回收站')), toasts.join());
    view.dispose();
  });

  test('a 序号 another item of the list has is marked in the list and said on saving', async () => {
    const items = ITEMS.map((d) => ({ ...d }));
    const api = fakeApi({
      listDutyItems: async () => items.map((d) => ({ ...d })),
      // The core names the others of the list with the same number.
      createDutyItem: async (input) => {
        const others = items.filter((d) => d.list === input.list && d.number === input.number).map((d) => d.name);
        for (const d of items) if (d.list === input.list && d.number === input.number) d.sameNumber = [input.name];
        const d = { id: 'e', ...input, fieldLabel: input.field, sameNumber: others };
        items.push(d);
        return d;
      },
    });
    const toasts = [];
    const host = newHost();
    const view = mountDuties(host, { api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {} });
    await settle();
    assert.equal(host.querySelectorAll('[data-same-number]').length, 0);
    await dispatch(host.querySelector('#duty-new'), 'click');
    await settle();
    await submitFormWith(host, 'duty', { list: 'assisting', field: '平安法治', number: '1', name: '食品安全隐患排查', leadDepartment: '区市场监管局' });
    assert.ok(toasts.some((t) => t.includes('注意：配合履职事项里“低保审核”的序号也是 1')), toasts.join());
    const marked = [...host.querySelectorAll('[data-same-number]')];
    assert.equal(marked.length, 2, 'both items of the number');
    assert.ok(marked.some((b) => b.getAttribute('title') === '与“低保审核”序号相同'));
    view.dispose();
  });
});

// The fake api answers every call asynchronously; the progress subscription is synchronous.
const withProgress = (fake) => new Proxy(fake, { get: (t, n) => (n === 'onImportProgress' ? () => () => {} : t[n]) });

describe('三清单 import → publish as a new version (issue 15 item 1)', () => {
  domPerTest();

  test('the next version number is offered from the current one', () => {
    const v = [
      { list: 'basic', version: '2025版', current: true }, { list: 'basic', version: '2024版', current: false },
      { list: 'assisting', version: '第3版', current: true }, { list: 'taken_back', version: '试行', current: true },
    ];
    assert.equal(nextVersion(v, 'basic', '2026-11-26'), '2026版', 'a year behind becomes this year');
    assert.equal(nextVersion([{ list: 'basic', version: '2026版', current: true }], 'basic', '2026-11-26'), '2027版');
    assert.equal(nextVersion(v, 'assisting', '2026-11-26'), '第4版');
    assert.equal(nextVersion(v, 'taken_back', '2026-11-26'), '试行（修订）');
    assert.equal(nextVersion([], 'basic', '2026-11-26'), '2026版');
    // Named by a day: today's (probe AF: 2025-06-01 offered 2025-06-2); zeros kept.
    assert.equal(nextVersion([{ list: 'basic', version: '2025-06-01', current: true }], 'basic', '2026-11-26'), '2026-11-26');
    assert.equal(nextVersion([{ list: 'basic', version: '第09版', current: true }], 'basic', '2026-11-26'), '第10版');
  });

  test('after a successful import the changed lists are offered for publishing, next number and today prefilled', async () => {
    const published = [];
    const PENDING = {
      basic: { added: [{ name: '养老服务' }], removed: [], reworded: [{ before: { name: 'a' }, after: { name: 'b' }, changed: ['依据'] }] },
      assisting: { added: [], removed: [], reworded: [] },
      taken_back: { added: [], removed: [{ name: '户外广告设置审批' }], reworded: [] },
    };
    const api = withProgress(fakeApi({
      listDutyItems: async () => ITEMS.map((d) => ({ ...d })),
      importPreview: async () => ({
        kind: 'duty-items', fileName: '三清单.xlsx', totalRows: 3, validRows: 3, toCreate: 1, toUpdate: 2, rejectedRows: 0,
        emptyRows: 0, ignoredColumns: [], notes: [], sheets: [], sheetName: '', problems: [],
      }),
      importCommit: async () => ({ kind: 'duty-items', created: 1, updated: 2, unchanged: 0, rejected: 0 }),
      listDutyListVersions: async () => [
        { id: 'v1', list: 'basic', version: '2025版', publishedOn: '2025-03-01', current: true },
        { id: 'v2', list: 'taken_back', version: '第1版', publishedOn: '2025-03-01', current: true },
      ],
      pendingDutyListChanges: async (list) => PENDING[list],
      publishDutyListVersion: async (input) => { published.push(input); return { id: `n${published.length}`, ...input }; },
    }));
    const toasts = [];
    const host = newHost();
    const view = mountDuties(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {}, today: '2026-11-26',
    });
    await settle();
    assert.equal(host.querySelector('#duties-publish-offer'), null, 'nothing offered before an import');
    // The import, as a clerk does it.
    await importAsClerk(host.querySelector('#duties-import'), '/tmp/三清单.xlsx');
    assert.ok(api.calls.some(([n]) => n === 'importCommit'));
    // The offer: the two lists the import changed, with what changed.
    const offer = host.querySelector('#duties-publish-offer');
    assert.ok(offer, 'offered after the import');
    assert.deepEqual([...offer.querySelectorAll('li[data-list]')].map((li) => li.getAttribute('data-list')), ['basic', 'taken_back']);
    assert.match(textOf(offer.querySelector('li[data-list="basic"]')), /当前版本 2025版.*新增 1 项、删除 0 项、表述修改 1 项/);
    assert.match(textOf(offer.querySelector('li[data-list="taken_back"]')), /删除 1 项/);
    assert.equal(host.querySelector('#duties-publish-basic-version').value, '2026版');
    assert.equal(host.querySelector('#duties-publish-taken_back-version').value, '第2版');
    assert.equal(host.querySelector('#duties-publish-basic-publishedOn').value, '2026-11-26');
    // An emptied number is named; then both are published.
    host.querySelector('#duties-publish-taken_back-version').value = ' ';
    await dispatch(host.querySelector('#duties-publish-go'), 'click');
    assert.match(textOf(host.querySelector('#duties-publish-error')), /上级部门收回事项：请填写版本号/);
    assert.equal(published.length, 0);
    host.querySelector('#duties-publish-taken_back-version').value = '第2版';
    await dispatch(host.querySelector('#duties-publish-go'), 'click');
    await settle();
    assert.deepEqual(published.map((p) => [p.list, p.version, p.publishedOn]), [['basic', '2026版', '2026-11-26'], ['taken_back', '第2版', '2026-11-26']]);
    assert.match(textOf(host.querySelector('#duties-publish-done')), /已发布基本履职事项“2026版”、上级部门收回事项“第2版”.*旧版本仍保留/);
    assert.ok(toasts.some((t) => t.includes('已发布')), toasts.join());
    view.dispose();
  });

  test('an import that changed nothing offers nothing to publish; 暂不发布 closes the offer', async () => {
    const same = { added: [], removed: [], reworded: [] };
    let pending = same;
    const api = withProgress(fakeApi({
      listDutyItems: async () => ITEMS.map((d) => ({ ...d })),
      importPreview: async () => ({ kind: 'duty-items', totalRows: 1, validRows: 1, toCreate: 0, toUpdate: 0, rejectedRows: 0, emptyRows: 0, ignoredColumns: [], notes: [], sheets: [], problems: [] }),
      importCommit: async () => ({ kind: 'duty-items', created: 0, updated: 0, unchanged: 1, rejected: 0 }),
      listDutyListVersions: async () => [],
      pendingDutyListChanges: async () => pending,
    }));
    const host = newHost();
    const view = mountDuties(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {}, today: '2026-11-26' });
    await settle();
    const runImport = async () => {
      await importAsClerk(host.querySelector('#duties-import'), '/tmp/三清单.xlsx');
      document.querySelector('#import-dialog')?.remove?.();
    };
    await runImport();
    assert.match(textOf(host.querySelector('#duties-publish-none')), /与当前版本相同/);
    pending = { ...same, added: [{ name: 'x' }] };
    await runImport();
    assert.equal(host.querySelector('#duties-publish-basic-version').value, '2026版', 'a first version');
    await dispatch(host.querySelector('#duties-publish-skip'), 'click');
    assert.equal(host.querySelector('#duties-publish-offer'), null);
    assert.ok(!api.calls.some(([n]) => n === 'publishDutyListVersion'));
    view.dispose();
  });
});
