// views/business-grids/, mounted in the fake DOM with a fake api: the grids grouped
// by department, a grid's form and mappings (添加, 标记已纳入), a new one, and the
// 按基础网格 tab.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, submitFormWith } from './dom-env.mjs';
import { mountBusinessGrids } from '../../ui/js/views/business-grids/index.js';
import { UNITS } from './fixtures.mjs';
import { localDate } from '../../ui/js/logic/format.js';

const GRIDS = [
  { id: 1, department: '综治', name: '综治一格', note: '', mappings: [{ baseGridId: 'g1', baseGridName: '第一网格', mergedOn: null }] },
  { id: 2, department: '城管', name: '城管一格', note: '', mappings: [] },
];
const MERGES = [
  { baseGridId: 'g1', baseGridName: '第一网格', baseGridCode: '320115101001001001', absorbed: [{ department: '综治', name: '综治一格', mergedOn: '2026-03-01' }] },
  { baseGridId: 'g2', baseGridName: '第二网格', baseGridCode: '320115101001001002', absorbed: [] },
];

let host;
let toasts;
function mount(impl = {}) {
  toasts = [];
  host = newHost();
  const grids = JSON.parse(JSON.stringify(GRIDS));
  const api = fakeApi({
    listUnits: async () => UNITS,
    // The core's departments (people_options); the window keeps no list of its own.
    peopleOptions: async () => ({ departments: ['综治', '城管', '市场监管', '应急', '消防', '公安', '环保'] }),
    listBusinessGrids: async () => grids,
    businessGridsByBaseGrid: async () => MERGES,
    setBusinessGridMapping: async (id, gid, date) => {
      const g = grids.find((x) => x.id === id);
      const m = g.mappings.find((x) => x.baseGridId === gid);
      if (m) m.mergedOn = date || null;
      else g.mappings.push({ baseGridId: gid, baseGridName: gid, mergedOn: date || null });
    },
    createBusinessGrid: async (input) => {
      const g = { id: 3, ...input, mappings: [] };
      grids.push(g);
      return g;
    },
    ...impl,
  });
  const dispose = mountBusinessGrids(host, viewCtx(api, toasts));
  return { api, dispose };
}

describe('多格合一 view', () => {
  domPerTest();

  test('grids grouped by department; one opens with its form and mappings', async () => {
    const { api, dispose } = mount();
    await settle();
    const groups = all(host, '#bg-table tr.group-row').map(textOf);
    assert.deepEqual(groups.sort(), ['城管（1）', '综治（1）']);
    assert.ok(textOf(host.querySelector('#bg-counts')).includes('业务网格 2 个'));
    await dispatch(host.querySelector('tr[data-bg-id="1"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#bg-name').value, '综治一格');
    assert.equal(host.querySelector('#bg-department').value, '综治');
    assert.ok(host.querySelector('#bg-mappings [data-map-grid-id="g1"]'));
    assert.equal(textOf(host.querySelector('[data-map-merge="g1"]')), '标记已纳入');
    // 标记已纳入 with an empty date takes today.
    await dispatch(host.querySelector('[data-map-merge="g1"]'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'setBusinessGridMapping'), ['setBusinessGridMapping', 1, 'g1', localDate()]);
    assert.equal(textOf(host.querySelector('[data-map-merge="g1"]')), '修改日期');
    // 添加: a base grid not yet mapped.
    const sel = host.querySelector('#bg-map-grid');
    assert.ok(all(sel, 'option').some((o) => o.value === 'g2'));
    await dispatch(host.querySelector('#bg-map-add'), 'click');
    assert.equal(textOf(host.querySelector('#bg-map-grid-error')), '请选择一个基础网格。');
    sel.value = 'g2';
    host.querySelector('#bg-map-date').value = '2026-03-01';
    await dispatch(host.querySelector('#bg-map-add'), 'click');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'setBusinessGridMapping').at(-1), ['setBusinessGridMapping', 1, 'g2', '2026-03-01']);
    assert.ok(host.querySelector('#bg-mappings [data-map-grid-id="g2"]'));
    assert.ok(host.querySelector('#bg-delete'));
    for (const id of ['bg-form', 'bg-department-other', 'bg-note', 'bg-save', 'bg-cancel']) assert.ok(host.querySelector(`#${id}`), id);
    const seen = textOf(host);
    for (const t of ['多格合一', '按基础网格', '移除', '修改日期']) assert.ok(seen.includes(t), t);
    dispose();
  });

  test('Excel: 导出Excel, 从Excel导入 and its template for business-grids', async () => {
    const { dispose } = mount();
    await settle();
    assert.equal(textOf(host.querySelector('#bg-export')), '导出Excel');
    assert.equal(host.querySelector('#bg-import').dataset.importKind, 'business-grids');
    assert.equal(host.querySelector('#bg-template').dataset.templateKind, 'business-grids');
    dispose();
  });

  test('新增业务网格 with 其他… asks the department name; 保存 creates it', async () => {
    const { api, dispose } = mount();
    await settle();
    await dispatch(host.querySelector('#bg-new'), 'click');
    await settle();
    const dept = host.querySelector('#bg-department');
    const other = host.querySelector('#bg-department-other');
    assert.equal(other.hidden, true);
    dept.value = dept.options.at(-1).value;
    await dispatch(dept, 'change');
    assert.equal(other.hidden, false);
    assert.equal(textOf(dept.options.at(-1)), '其他…');
    other.value = '卫健';
    await submitFormWith(host, 'bg', { name: '卫健一格' });
    const [, input] = api.calls.find(([n]) => n === 'createBusinessGrid');
    assert.equal(input.department, '卫健');
    assert.equal(input.name, '卫健一格');
    assert.ok(toasts.includes('已新增业务网格，可以设置对应的基础网格了'));
    dispose();
  });

  test('按基础网格 lists every base grid and 只看还没有纳入任何业务网格的', async () => {
    const { dispose } = mount();
    await settle();
    await dispatch(host.querySelector('#bg-tab-base'), 'click');
    assert.equal(host.querySelector('#bg-panel-base').hidden, false);
    assert.equal(host.querySelector('#bg-panel-grids').hidden, true);
    assert.equal(all(host, '#bg-base-table tr[data-base-grid-id]').length, 2);
    const box = host.querySelector('#bg-only-empty');
    box.checked = true;
    await dispatch(box, 'change');
    assert.deepEqual(all(host, '#bg-base-table tr[data-base-grid-id]').map((r) => r.getAttribute('data-base-grid-id')), ['g2']);
    assert.ok(textOf(host).includes('只看还没有纳入任何业务网格的'));
    dispose();
  });
});
