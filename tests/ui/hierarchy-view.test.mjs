// views/hierarchy/, mounted in the fake DOM with a fake api: the tree, a unit's form
// with its fields built as unit-<field>, 新建下级 with a suggested code, 保存, the
// keyboard in the tree, 无人网格, 移动到… and the 公示牌.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, submitFormWith } from './dom-env.mjs';
import { mountHierarchy } from '../../ui/js/views/hierarchy/index.js';
import { UNITS } from './fixtures.mjs';
import { localDate } from '../../ui/js/logic/format.js';

const COVERAGE = {
  baseGrids: [
    { unitId: 'g1', staff: [{ personId: 'p1', name: '王网格', role: '专职网格员', phoneMasked: '138****0000', published: true }] },
    { unitId: 'g2', staff: [] },
  ],
  microGrids: [],
  uncovered: [{ unitId: 'g2', kind: 'base_grid', name: '第二网格', path: '青溪社区 › 阳光花园 › 第二网格' }],
};

let host;
let toasts;
function mount(impl = {}) {
  toasts = [];
  host = newHost();
  const units = UNITS.map((u) => ({ ...u }));
  const api = fakeApi({
    listUnits: async () => units,
    gridCoverage: async () => COVERAGE,
    businessGridsByBaseGrid: async () => [],
    suggestUnitCode: async () => '320115101001003',
    createUnit: async (input) => {
      const u = { id: 'new1', ...input };
      units.push(u);
      return u;
    },
    updateUnit: async (id, input) => Object.assign(units.find((u) => u.id === id), input),
    ...impl,
  });
  const dispose = mountHierarchy(host, {
    ...viewCtx(api, toasts), office: { level: 'township', name: '青溪街道' },
  });
  return { api, dispose };
}
const item = (id) => host.querySelector(`#unit-tree [role="treeitem"][data-id="${id}"]`);

describe('组织架构 view', () => {
  domPerTest();

  test('the tree shows the villages open; a unit opens in the form; 保存 updates it', async () => {
    const { api, dispose } = mount();
    await settle();
    assert.equal(textOf(item('v1').querySelector('.node-name')), '青溪社区');
    assert.equal(item('v1').getAttribute('aria-expanded'), 'true');
    assert.equal(item('c1').getAttribute('data-kind'), 'compound');
    await dispatch(item('v1').querySelector('.node-name'), 'click');
    await settle();
    assert.equal(host.querySelector('#unit-boundary'), null, 'a village has no boundary');
    // Issue 14: no literal "null" heading above 新建下级 on a 村/社区 page.
    assert.ok(!/\bnull\b/.test(textOf(host)), 'no "null" on a village page');
    assert.equal(host.querySelector('#unit-areaType').disabled, false, 'a village has a type of its own');
    await dispatch(item('c1').querySelector('.node-name'), 'click');
    await settle();
    // The levels below follow their village's type (probe AM: a grid offered it).
    assert.equal(host.querySelector('#unit-areaType').disabled, true);
    assert.equal(textOf(host.querySelector('#unit-areaType-hint')), '随所属村/社区');
    assert.equal(host.querySelector('#unit-name').value, '阳光花园');
    assert.equal(host.querySelector('#unit-code').value, '320115101001001');
    assert.equal(host.querySelector('#unit-establishedOn').value, '', 'not known: left blank, not today');
    for (const f of ['code', 'name', 'households', 'residents']) {
      const input = host.querySelector(`#unit-${f}`);
      assert.ok(input, f);
      assert.equal(input.getAttribute('name'), f);
    }
    assert.ok(host.querySelector('[data-error-for="name"]'));
    // Every problem at once, each beside its field; a corrected one drops its message.
    await submitFormWith(host, 'unit', { name: ' ', households: '十户' });
    assert.equal(api.calls.filter(([n]) => n === 'updateUnit').length, 0);
    assert.equal(textOf(host.querySelector('[data-error-for="name"]')), '请填写名称。');
    assert.match(textOf(host.querySelector('[data-error-for="households"]')), /户数/);
    assert.equal(document.activeElement?.id, 'unit-name', 'the first problem has the focus');
    host.querySelector('#unit-households').value = '120';
    await dispatch(host.querySelector('#unit-households'), 'input');
    assert.equal(host.querySelector('[data-error-for="households"]').hidden, true);
    assert.equal(host.querySelector('[data-error-for="name"]').hidden, false);
    host.querySelector('#unit-households').value = '';
    assert.ok(textOf(host.querySelector('.breadcrumb')).includes('青溪社区'));
    await submitFormWith(host, 'unit', { name: '阳光花园小区' });
    const [, id, input] = api.calls.find(([n]) => n === 'updateUnit');
    assert.equal(id, 'c1');
    assert.equal(input.name, '阳光花园小区');
    assert.ok(toasts.includes('已保存'));
    assert.equal(textOf(item('c1').querySelector('.node-name')), '阳光花园小区');
    dispose();
  });

  test('新建下级 fills the suggested code; 保存后继续新建同级 stays on a new one', async () => {
    const { api, dispose } = mount();
    await settle();
    await dispatch(item('c1').querySelector('.node-name'), 'click');
    await settle();
    const newGrid = host.querySelector('[data-new-kind="base_grid"]');
    assert.ok(newGrid);
    await dispatch(newGrid, 'click');
    await settle();
    assert.equal(host.querySelector('#unit-code').value, '320115101001003');
    assert.equal(host.querySelector('#unit-continue').checked, true);
    assert.ok(textOf(host).includes('保存后继续新建同级'));
    // 设立日期 asked, not filled in (today's date dropped long-standing grids from
    // every earlier period), and what leaving it blank means said beside it.
    assert.equal(host.querySelector('#unit-establishedOn').value, '');
    assert.equal(textOf(host.querySelector('#unit-establishedOn-hint')), '新设的请填，不填则各期（含已上报的）都计入');
    await submitFormWith(host, 'unit', { name: '第三网格', establishedOn: localDate() });
    const [, input] = api.calls.find(([n]) => n === 'createUnit');
    assert.equal(input.name, '第三网格');
    assert.equal(input.parentId, 'c1');
    assert.equal(input.establishedOn, localDate());
    assert.equal(host.querySelector('#unit-name').value, '第四网格', 'ready for the next sibling, numbered after the others');
    assert.ok(item('new1'), 'the new grid is in the tree');
    await dispatch(host.querySelector('#unit-cancel'), 'click');
    assert.equal(host.querySelector('#unit-continue'), null);
    dispose();
  });

  test('a compound lists its own people and its grids\' each once (probe AD: 本小区 and again by grid)', async () => {
    const { dispose } = mount({
      listPeople: async () => ({
        rows: [
          { id: 'p1', name: '王网格', roles: '专职网格员', phone: '138****0000', published: true },
          { id: 'p9', name: '李楼长', roles: '楼栋长', phone: '139****1111', published: false },
        ],
      }),
    });
    await settle();
    await dispatch(item('c1').querySelector('.node-name'), 'click');
    await settle();
    const rows = [...host.querySelectorAll('#unit-staff tbody tr')].map((r) => [r.getAttribute('data-person-id'), textOf(r.querySelector('td'))]);
    assert.deepEqual(rows, [['p9', '本小区'], ['p1', '第一网格']]);
    dispose();
  });

  test('a grid shows its staff; 无人网格 lists the grids nobody serves and opens one', async () => {
    const { dispose } = mount();
    await settle();
    await dispatch(item('c1').querySelector('.node-toggle'), 'click');
    assert.equal(item('c1').getAttribute('aria-expanded'), 'true');
    await dispatch(item('g1').querySelector('.node-name'), 'click');
    await settle();
    assert.ok(host.querySelector('#unit-boundary'), 'a grid has its boundary');
    const staff = host.querySelector('#unit-staff');
    assert.ok(textOf(staff).includes('王网格'));
    assert.ok(host.querySelector('#unit-business-grids'));
    const toggle = host.querySelector('#uncovered-toggle');
    assert.equal(textOf(toggle), '无人网格（1）');
    // Each line of the coverage note whole (a label wrapped away from its number).
    assert.deepEqual([...host.querySelectorAll('#coverage-line .coverage-part')].map(textOf),
      ['基础网格 2、微网格 0', '有在岗人员的 1 个']);
    await dispatch(toggle, 'click');
    const entry = host.querySelector('#uncovered-list [data-unit-id="g2"]');
    assert.ok(entry);
    await dispatch(entry, 'click');
    await settle();
    assert.equal(host.querySelector('#unit-name').value, '第二网格');
    dispose();
  });

  test('keyboard: ↓ moves in the tree, ← closes a village; Enter in the search opens the match', async () => {
    const { dispose } = mount();
    await settle();
    const v1 = item('v1');
    await dispatch(v1, 'keydown', { key: 'ArrowDown' });
    assert.equal(document.activeElement, item('c1'));
    await dispatch(item('v1'), 'keydown', { key: 'ArrowLeft' });
    assert.equal(item('v1').getAttribute('aria-expanded'), 'false');
    const search = host.querySelector('#unit-filter');
    search.value = '石塘一组';
    await dispatch(search, 'input');
    assert.ok(item('g4').classList.contains('is-match'));
    await dispatch(search, 'keydown', { key: 'Enter' });
    await settle();
    assert.equal(host.querySelector('#unit-name').value, '石塘一组网格');
    dispose();
  });

  test('keyboard: Space ticks the focused unit for a batch action, Enter opens it', async () => {
    const { dispose } = mount();
    await settle();
    const box = () => item('c1').querySelector('.select-box');
    assert.equal(box().checked, false);
    await dispatch(item('c1'), 'keydown', { key: ' ' });
    await settle();
    assert.equal(box().checked, true, 'Space ticks its own box');
    assert.equal(item('v1').querySelector('.select-box').checked, false, 'not its parent');
    assert.equal(textOf(host.querySelector('#units-selected-count')), '已选 1 个');
    await dispatch(item('c1'), 'keydown', { key: ' ' });
    await settle();
    assert.equal(box().checked, false, 'Space again unticks it');
    dispose();
  });

  test('移动到… needs a target and asks first; 打印公示牌 shows the card and 返回 comes back', async () => {
    const { api, dispose } = mount({ listPeople: async () => ({ rows: [] }) });
    await settle();
    await dispatch(item('c1').querySelector('.node-toggle'), 'click');
    assert.equal(item('c1').getAttribute('aria-expanded'), 'true');
    await dispatch(item('g1').querySelector('.node-name'), 'click');
    await settle();
    await dispatch(host.querySelector('#unit-move'), 'click');
    assert.equal(textOf(host.querySelector('#unit-move-error')), '请先选择要移动到的上级。');
    assert.ok(all(host, '#unit-move-target option').length > 1);
    // Moving asks first, naming what goes along and a code that now names the old village.
    const select = host.querySelector('#unit-move-target');
    select.value = 'c2';
    const moving = dispatch(host.querySelector('#unit-move'), 'click'); // waits for the answer
    await settle();
    assert.equal(
      textOf(document.querySelector('#confirm-message')),
      '把基础网格“第一网格”连同它的下级、在岗人员和各项记录移到“石塘村 › 西组”下？'
      + '它的编码 320115101001001001 仍以原村/社区的代码开头，移动后请在表单里改为以 320115101002 开头的编码。',
    );
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await moving;
    assert.ok(!api.calls.some(([n]) => n === 'moveUnit'), '取消 moves nothing');
    assert.ok(host.querySelector('#unit-delete'));
    await dispatch(host.querySelector('#print-notice'), 'click');
    await settle();
    assert.equal(host.querySelector('#notice-screen').hidden, false);
    assert.ok(textOf(host.querySelector('#notice-card')).includes('网格服务公示牌'));
    await dispatch(host.querySelector('#notice-back'), 'click');
    assert.equal(host.querySelector('#notice-screen').hidden, true);
    const seen = textOf(host);
    for (const t of ['新建村/社区', '在岗人员', '已纳入的业务网格', '无人网格', '打印公示牌', '移动到…', '新建下级', 'Enter 保存 · Esc 取消']) {
      assert.ok(seen.includes(t), t);
    }
    assert.equal(host.querySelector('#unit-filter').getAttribute('placeholder'), '搜索名称或代码');
    for (const id of ['unit-tree', 'new-village', 'unit-form', 'unit-areaType', 'unit-note', 'unit-save', 'unit-cancel',
      'unit-move-target', 'unit-staff', 'unit-business-grids']) assert.ok(host.querySelector(`#${id}`), id);
    await dispatch(host.querySelector('#print-notice'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#notice-print')), '打印');
    assert.equal(textOf(host.querySelector('#notice-back')), '返回');

    // 删除 asks with the unit's name.
    await dispatch(host.querySelector('#notice-back'), 'click');
    const deleting = dispatch(host.querySelector('#unit-delete'), 'click');
    await settle();
    assert.equal(textOf(document.querySelector('#confirm-message')), '确定删除“第一网格”吗？删除后可在回收站恢复。');
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await deleting;
    dispose();
  });
  test("a compound's delete question names its 党支部和三亮 record only when it has one", async () => {
    const ask = async (rows) => {
      const { dispose } = mount({ sanliangList: async () => ({ rows }) });
      await settle();
      await dispatch(item('c1').querySelector('.node-name'), 'click');
      await settle();
      const deleting = dispatch(host.querySelector('#unit-delete'), 'click');
      await settle();
      const said = textOf(document.querySelector('#confirm-message'));
      await dispatch(document.querySelector('#confirm-cancel'), 'click');
      await deleting;
      dispose();
      host.remove?.();
      return said;
    };
    assert.equal(await ask([{ compoundId: 'c1', secretary: '钱七', updatedAt: '2026-11-01T00:00:00Z' }]),
      '确定删除“阳光花园”吗？它的党支部和三亮记录（书记 钱七）一起放入回收站，恢复小区时一起恢复。');
    assert.equal(await ask([{ compoundId: 'c1', secretary: '', updatedAt: null }]),
      '确定删除“阳光花园”吗？删除后可在回收站恢复。', 'none recorded: nothing goes with it');
  });
  test('a unit that cannot go says why under 删除 without asking first', async () => {
    const refusal = '社区“青溪社区”下还有这些记录，不能删除：\n· 3 个小区';
    const deleted = [];
    const { dispose } = mount({ unitDeleteRefusal: async () => refusal, deleteUnit: async (id) => deleted.push(id) });
    await settle();
    await dispatch(item('v1').querySelector('.node-name'), 'click');
    await settle();
    await dispatch(host.querySelector('#unit-delete'), 'click');
    await settle();
    assert.equal(document.querySelector('#confirm-dialog')?.open ?? false, false, 'not asked');
    assert.equal(host.querySelector('#unit-delete-error').textContent, refusal);
    assert.deepEqual(deleted, []);
    dispose();
  });
  test('a refused delete says what still names the unit under its button, not in the corner', async () => {
    const refusal = '社区“青溪社区”下还有这些记录，不能删除：\n· 3 个小区\n· 3 名人员';
    const { dispose } = mount({ deleteUnit: async () => { throw { kind: 'refused', message: refusal }; } });
    await settle();
    await dispatch(item('v1').querySelector('.node-name'), 'click');
    await settle();
    const deleting = dispatch(host.querySelector('#unit-delete'), 'click');
    await settle();
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await deleting;
    await settle();
    const shown = host.querySelector('#unit-delete-error');
    assert.equal(shown.hidden, false);
    assert.equal(shown.textContent, refusal);
    assert.equal(shown.getAttribute('role'), 'alert');
    assert.equal(host.querySelector('#unit-delete').getAttribute('aria-describedby'), 'unit-delete-error');
    assert.ok(!toasts.some((t) => t.startsWith('alert:')), 'not the corner alert');
    dispose();
  });
  test('dissolve.js: 撤销 asks with the day, leaves the tree and opens the parent; a refusal stands under it', async () => {
    const dissolved = [];
    let refusal = null;
    const { api, dispose } = mount({
      listPeople: async () => ({ rows: [] }),
      unitDissolveRefusal: async () => refusal,
      dissolveUnit: async (id, input) => {
        if (!input.dissolvedOn) throw { kind: 'validation', field: 'dissolvedOn', message: '请填写撤销日期（调整生效的那一天）。' };
        dissolved.push({ id, ...input });
        return { id, dissolvedOn: input.dissolvedOn };
      },
    });
    await settle();
    await dispatch(item('c1').querySelector('.node-toggle'), 'click');
    await dispatch(item('g1').querySelector('.node-name'), 'click');
    await settle();
    assert.ok(textOf(host).includes('网格合并、拆分或重新划分后不再保留的单位'));
    assert.equal(host.querySelector('#unit-dissolve-date').value, localDate(), 'today, to be changed to the day of the change');
    // No day: said under the button before any question, nothing sent.
    host.querySelector('#unit-dissolve-date').value = '';
    await dispatch(host.querySelector('#unit-dissolve'), 'click');
    await settle();
    assert.equal(document.querySelector('#confirm-dialog')?.open ?? false, false, 'not asked');
    assert.equal(host.querySelector('#unit-dissolve-error').textContent, '请填写撤销日期（调整生效的那一天）。');
    assert.deepEqual(dissolved, []);
    // What still stands in it: said before any question.
    refusal = '基础网格“第一网格”下还有 1 名人员（王网格），不能撤销。';
    host.querySelector('#unit-dissolve-date').value = '2026/11/1';
    await dispatch(host.querySelector('#unit-dissolve'), 'click');
    await settle();
    assert.equal(document.querySelector('#confirm-dialog')?.open ?? false, false, 'not asked');
    assert.equal(host.querySelector('#unit-dissolve-error').textContent, refusal);
    assert.equal(host.querySelector('#unit-dissolve-date').value, '2026-11-01', 'the day tidied');
    refusal = null;
    // With the day and why: the question says the periods before it still count.
    host.querySelector('#unit-dissolve-note').value = '并入第二网格';
    const asking = dispatch(host.querySelector('#unit-dissolve'), 'click');
    await settle();
    const question = textOf(document.querySelector('#confirm-message'));
    assert.ok(question.includes('从 2026-11-01 起不再计入统计，此前的各期仍计入'), question);
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await asking;
    await settle();
    assert.deepEqual(dissolved, [{ id: 'g1', dissolvedOn: '2026-11-01', note: '并入第二网格' }]);
    assert.ok(toasts.some((t) => t.includes('已撤销“第一网格”')), toasts.join());
    assert.ok(api.calls.filter(([n]) => n === 'listUnits').length >= 2, 'the tree loaded again');
    // The delete hint says what deleting does to reported periods.
    assert.ok(textOf(host).includes('已上报的各期统计会随之改变'));
    dispose();
  });
  test('dissolve.js: 已撤销的单位 lists them with the day and why; 取消撤销 brings one back', async () => {
    let list = [{
      id: 'g9', name: '旧第三网格', kind: 'base_grid', areaType: 'urban', code: '320115101001009',
      establishedOn: '2020-01-01', dissolvedOn: '2026-11-01', dissolveNote: '并入第二网格',
    }];
    const back = [];
    const { dispose } = mount({
      listDissolvedUnits: async () => list,
      reinstateUnit: async (id) => { back.push(id); list = []; return { id }; },
    });
    await settle();
    await dispatch(host.querySelector('#dissolved-open'), 'click');
    await settle();
    const table = document.querySelector('#dissolved-table');
    for (const t of ['旧第三网格', '基础网格', '2026-11-01', '并入第二网格', '取消撤销']) assert.ok(textOf(table).includes(t), t);
    await dispatch(document.querySelector('[data-reinstate="g9"]'), 'click');
    await settle();
    assert.deepEqual(back, ['g9']);
    assert.ok(toasts.some((t) => t.includes('已取消撤销“旧第三网格”')), toasts.join());
    assert.ok(textOf(document.querySelector('#dissolved-dialog')).includes('还没有撤销过单位'));
    dispose();
  });
  test('another unit opens at the top of the pane, not where the last one was scrolled to', async () => {
    const { dispose } = mount();
    await settle();
    await dispatch(item('v1').querySelector('.node-name'), 'click');
    await settle();
    const pane = host.querySelector('#unit-detail');
    pane.scrollTop = 600;
    await dispatch(item('c1').querySelector('.node-name'), 'click');
    await settle();
    assert.equal(pane.scrollTop, 0);
    dispose();
  });
  test('units that cannot be loaded are said so where the tree would be', async () => {
    const { dispose } = mount({ listUnits: async () => { throw { kind: 'io', message: '读不了' }; } });
    await settle();
    assert.ok(textOf(host.querySelector('.tree-message')).includes('组织架构没有加载成功。'));
    assert.ok(toasts.includes('alert:读不了'));
    dispose();
  });

  test('modes.js: Ctrl+N opens a sibling with the suggested code; Esc goes back to the unit open before', async () => {
    const { api, dispose } = mount();
    await settle();
    await dispatch(item('g3').querySelector('.node-name'), 'click');
    await settle();
    assert.equal(host.querySelector('#unit-name').value, '第三网格');
    await dispatch(document, 'keydown', { key: 'n', ctrlKey: true });
    await settle();
    assert.ok(textOf(host.querySelector('#unit-title')).includes('新建'));
    assert.deepEqual(api.calls.find(([n]) => n === 'suggestUnitCode').slice(1), ['base_grid', 'v1']);
    assert.equal(host.querySelector('#unit-code').value, '320115101001003', 'the suggested code filled in');
    assert.equal(host.querySelector('#unit-name').value, '第四网格');
    assert.equal(document.activeElement, host.querySelector('#unit-name'));
    // Ctrl+N again while creating stays on the new unit.
    await dispatch(document, 'keydown', { key: 'n', ctrlKey: true });
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'suggestUnitCode').length, 1);
    // Esc outside the form: back to 第三网格, open in the form, focus on its tree item.
    await dispatch(document, 'keydown', { key: 'Escape' });
    await settle();
    assert.equal(host.querySelector('#unit-name').value, '第三网格');
    assert.equal(document.activeElement, item('g3'));
    dispose();
  });

  test('batch.js: 移动到… offers every unit that can hold the ticked ones, not a 微网格 nor one of them', async () => {
    const { api, dispose } = mount({
      batchApply: async (input) => ({ action: '移动', changed: input.ids.length, unchanged: 0, items: [], undo: '变更记录' }),
    });
    await settle();
    await dispatch(host.querySelector('#unit-tree input[data-select-id="g3"]'), 'click');
    await dispatch(host.querySelector('#units-batch-move'), 'click');
    await settle();
    const values = [...document.querySelectorAll('#batch-parentId option')].map((o) => o.value);
    assert.ok(values.includes('c1') && values.includes('v2') && values.includes('g1'), values.join());
    assert.ok(!values.includes('g3'), 'not one of the ticked');
    assert.ok(!values.includes('m1') && !values.includes('m2'), 'a micro-grid holds nothing');
    const parent = document.querySelector('#batch-parentId');
    parent.value = 'c2';
    await dispatch(parent, 'change');
    assert.match(textOf(document.querySelector('#batch-confirm-text')), /西组/);
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'batchApply')[1], { ids: ['g3'], action: 'unitsMove', parentId: 'c2' });
    assert.ok(api.calls.filter(([n]) => n === 'listUnits').length >= 2, 'the tree was read again');
    assert.equal(host.querySelector('#units-batch-bar').hidden, true, 'the ticks went');
    dispose();
  });

  test('组织架构 批量: the search narrows what 全选 takes; 删除 says how many and goes to the recycle bin', async () => {
    const { api } = mount({
      batchApply: async (input) => ({ action: '删除', changed: input.ids.length, unchanged: 0, items: [], undo: '回收站' }),
    });
    await settle();
    const filter = host.querySelector('#unit-filter');
    filter.value = '网格';
    await dispatch(filter, 'input');
    await settle();
    // Something ticked first, so the bar (and its 选择全部符合条件的) shows.
    const first = host.querySelector('#unit-tree input[data-select-id="g3"]');
    await dispatch(first, 'click');
    const matching = host.querySelector('#units-select-matching');
    assert.equal(textOf(matching), '选择全部符合条件的 4 个');
    await dispatch(matching, 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#units-selected-count')), '已选 4 个');
    await dispatch(host.querySelector('#units-batch-delete'), 'click');
    assert.equal(textOf(document.querySelector('#batch-confirm-text')), '删除 4 个单位，删除后可在回收站恢复。');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'batchApply');
    assert.deepEqual([...input.ids].sort(), ['g1', 'g2', 'g3', 'g4']);
    assert.equal(input.action, 'unitsDelete');
    assert.ok(toasts.includes('批量删除完成：4 个已删除。可在回收站恢复。'), toasts.join('|'));
    // A new search clears what was ticked.
    await dispatch(host.querySelector('#unit-tree input[data-select-id="g3"]'), 'click');
    filter.value = '石塘';
    await dispatch(filter, 'input');
    await settle();
    assert.equal(host.querySelector('#units-batch-bar').hidden, true);
  });
});
