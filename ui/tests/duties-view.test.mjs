// 减负 › 三清单 (issue 15): the pure filtering, counting and parsing, and the screen
// mounted in the fake DOM (filters by list and field, search, counts, the side form).
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installDom, dispatch, textOf, settle, fakeApi } from './dom-env.mjs';
import { countDutyItems, filterDutyItems, parseDutyForm } from '../js/logic/duties.js';
import { mountDuties } from '../js/views/duties.js';

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
    assert.deepEqual(countDutyItems(ITEMS), { basic: 2, assisting: 1, taken_back: 1, total: 4 });
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
  let dom;
  beforeEach(() => { dom = installDom(); });
  afterEach(() => dom.cleanup());

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
    const host = document.createElement('div');
    dom.body.append(host);
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
    assert.match(textOf(host.querySelector('#duties-counts')), /当前显示 1 项/);

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
    host.querySelector('#duty-list').value = 'assisting';
    host.querySelector('#duty-field').value = '平安法治';
    host.querySelector('#duty-name').value = '社区矫正日常管理';
    host.querySelector('#duty-leadDepartment').value = '区司法局';
    await dispatch(host.querySelector('#duty-form'), 'submit');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createDutyItem');
    assert.equal(input.list, 'assisting');
    assert.equal(input.field, '平安法治');
    assert.equal(input.leadDepartment, '区司法局');
    assert.equal(rows().length, 5);
    assert.ok(toasts.some((t) => t.includes('社区矫正日常管理')), toasts.join());
    view.dispose();
  });
});
