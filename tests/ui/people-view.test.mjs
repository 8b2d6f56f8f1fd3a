// views/people/, mounted in the fake DOM with a fake api: role tabs, the table with
// masked numbers (显示), sorting, a person's form (person-<field>), roles and units,
// 保存, the 履历, and a new person with 保存后继续新增.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, submitFormWith } from './dom-env.mjs';
import { mountPeople } from '../../ui/js/views/people/index.js';
import { UNITS } from './fixtures.mjs';
import { localDate } from '../../ui/js/logic/format.js';

const ROW = {
  id: 'p1', name: '王网格', gender: '男', birthDate: '1985-03-01', idNumber: '3201**********0011', phone: '138****0000',
  politicalStatus: '中共党员', roles: '网格员（专职）', units: '第一网格', villages: '青溪社区', status: '在岗', published: true,
};
const PERSON = {
  id: 'p1', name: '王网格', idNumber: '320115198503010011', phone: '13800000000', gender: 'male', birthDate: '1985-03-01',
  politicalStatus: '中共党员', education: '', startDate: '2024-03-01', status: 'active', published: true, note: '',
  roles: [{ role: 'grid_worker', employment: 'full_time', unitIds: ['g1'] }],
  createdAt: '2026-01-01T02:00:00Z', updatedAt: '2026-01-02T02:00:00Z',
};

let host;
let toasts;
function mount(impl = {}, office = null) {
  toasts = [];
  host = newHost();
  const api = fakeApi({
    listUnits: async () => UNITS,
    peopleOptions: async () => ({ politicalStatuses: ['中共党员', '群众'], educations: ['大专'] }),
    listPeople: async () => ({ rows: [ROW], total: 1 }),
    getPerson: async () => PERSON,
    personHistory: async () => [{ date: '2024-03-01', event: 'joined', eventLabel: '入职', detail: '网格员（专职）· 第一网格' }],
    revealPersonField: async (id, field) => (field === 'phone' ? '13800000000' : '320115198503010011'),
    ...impl,
  });
  const dispose = mountPeople(host, viewCtx(api, toasts, { office }));
  return { api, dispose };
}

describe('人员名单 view', () => {
  domPerTest();

  test('the table masks numbers until 显示; a sort asks for the order; a tab changes the role asked for', async () => {
    const { api, dispose } = mount();
    await settle();
    const row = host.querySelector('#people-table tr[data-person-id="p1"]');
    assert.ok(textOf(row).includes('138****0000'));
    const reveal = row.querySelector('[data-reveal="phone"]');
    await dispatch(reveal, 'click');
    assert.ok(textOf(row).includes('13800000000'));
    assert.equal(reveal.getAttribute('aria-pressed'), 'true');
    assert.equal(textOf(reveal), '隐藏');
    assert.equal(textOf(host.querySelector('#people-page')).length > 0, true);

    const before = api.calls.filter(([n]) => n === 'listPeople').length;
    await dispatch(host.querySelector('[data-sort="name"]'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'listPeople').length, before + 1);

    await dispatch(host.querySelector('[data-role-tab="building_head"]'), 'click');
    await settle();
    const last = api.calls.filter(([n]) => n === 'listPeople').at(-1)[1];
    assert.equal(last.role, 'building_head');
    assert.equal(host.querySelector('[data-role-tab="building_head"]').getAttribute('aria-selected'), 'true');
    assert.equal(host.querySelector('.employment-filter').hidden, true, '专职/兼职 only for 网格员');
    dispose();
  });

  test('a person opens in the form with the numbers masked, the roles and the 履历; 保存 sends the change', async () => {
    const { api, dispose } = mount({
      updatePerson: async (id, input) => ({ person: { ...PERSON, ...input, roles: PERSON.roles }, warnings: [] }),
    });
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#people-list').hidden, true);
    assert.equal(textOf(host.querySelector('#person-title')), '王网格');
    for (const [f, v] of [['name', '王网格'], ['idNumber', '3201**********0011'], ['phone', '138****0000'], ['birthDate', '1985-03-01']]) {
      const input = host.querySelector(`#person-${f}`);
      assert.equal(input.value, v, f);
      assert.equal(input.getAttribute('name'), f);
    }
    for (const f of ['gender', 'politicalStatus', 'education', 'status']) assert.equal(host.querySelector(`#person-${f}`).tagName, 'SELECT', f);
    assert.equal(host.querySelector('[data-role-check="grid_worker"]').checked, true);
    assert.equal(host.querySelector('#person-employment').value, 'full_time');
    assert.equal(host.querySelector('[data-unit-list="grid_worker"] [data-unit-option="g1"]').checked, true);
    assert.ok(textOf(host.querySelector('#person-history')).includes('入职'));
    assert.ok(host.querySelector('[data-error-for="roles"]'));
    assert.ok(host.querySelector('#person-delete'));

    await submitFormWith(host, 'person', { phone: '13900000000' });
    const [, id, input] = api.calls.find(([n]) => n === 'updatePerson');
    assert.equal(id, 'p1');
    assert.equal(input.phone, '13900000000');
    assert.equal(input.idNumber, '320115198503010011', 'the masked ID number left as it was is the stored one');
    assert.deepEqual(input.roles.map((r) => r.role), ['grid_worker']);
    assert.ok(toasts.includes('已保存'));
    await dispatch(host.querySelector('#person-back'), 'click');
    await settle();
    assert.equal(host.querySelector('#people-list').hidden, false);
    dispose();
  });

  test('the form masks the ID number and phone; 显示 reveals one for editing; 保存 without 显示 keeps the stored numbers', async () => {
    const { api, dispose } = mount({
      updatePerson: async (id, input) => ({ person: { ...PERSON, ...input, roles: PERSON.roles }, warnings: [] }),
    });
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    const id = host.querySelector('#person-idNumber');
    const phone = host.querySelector('#person-phone');
    assert.equal(id.value, '3201**********0011');
    assert.equal(phone.value, '138****0000');
    assert.ok(id.hasAttribute('readonly') && phone.hasAttribute('readonly'), 'a masked box is not typed into');
    assert.ok(!textOf(host.querySelector('#person-form')).includes('13800000000'));
    assert.equal(api.calls.filter(([n]) => n === 'revealPersonField').length, 0, 'opening reveals nothing');

    // Nothing changed (撤销修改 has nothing to undo), and 保存 sends the stored numbers, never the stars.
    await dispatch(host.querySelector('#person-cancel'), 'click');
    assert.ok(!toasts.includes('已撤销未保存的修改'), 'the masked boxes are not a change');
    await submitFormWith(host, 'person', {});
    let input = api.calls.filter(([n]) => n === 'updatePerson').at(-1)[2];
    assert.equal(input.idNumber, '320115198503010011');
    assert.equal(input.phone, '13800000000');
    // Saved: the form is drawn again, masked again.
    assert.equal(host.querySelector('#person-phone').value, '138****0000');

    // 显示 reveals the phone for editing (and 隐藏 masks it again); the ID number stays masked.
    const reveal = host.querySelector('#person-phone-reveal');
    assert.equal(textOf(reveal), '显示');
    await dispatch(reveal, 'click');
    const box = host.querySelector('#person-phone');
    assert.equal(box.value, '13800000000');
    assert.equal(box.hasAttribute('readonly'), false);
    assert.equal(reveal.getAttribute('aria-pressed'), 'true');
    assert.equal(textOf(reveal), '隐藏');
    assert.equal(host.querySelector('#person-idNumber').value, '3201**********0011');
    box.value = '13900001111';
    await dispatch(box, 'input');
    await dispatch(reveal, 'click');
    assert.equal(box.value, '139****1111', 'the typed number masked again');
    await submitFormWith(host, 'person', {});
    input = api.calls.filter(([n]) => n === 'updatePerson').at(-1)[2];
    assert.equal(input.phone, '13900001111', 'what was typed, not the stars');
    assert.equal(input.idNumber, '320115198503010011');
    dispose();
  });

  test('a number the core refuses is shown whole beside its error', async () => {
    const { dispose } = mount({
      updatePerson: async () => { throw { kind: 'validation', field: 'idNumber', message: '身份证号码校验码不对。' }; },
    });
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    await submitFormWith(host, 'person', {});
    assert.equal(textOf(host.querySelector('[data-error-for="idNumber"]')), '身份证号码校验码不对。');
    assert.equal(host.querySelector('#person-idNumber').value, '320115198503010011');
    assert.equal(host.querySelector('#person-phone').value, '138****0000');
    dispose();
  });

  test('新增人员 has empty, unmasked number boxes and no 显示', async () => {
    const { dispose } = mount();
    await settle();
    await dispatch(host.querySelector('#person-new'), 'click');
    await settle();
    for (const f of ['idNumber', 'phone']) {
      assert.equal(host.querySelector(`#person-${f}`).value, '', f);
      assert.equal(host.querySelector(`#person-${f}`).hasAttribute('readonly'), false, f);
      assert.equal(host.querySelector(`#person-${f}-reveal`), null, f);
    }
    dispose();
  });

  test('新增人员: missing roles are shown; with 保存后继续新增 the form stays for the next one with the same roles', async () => {
    const { api, dispose } = mount({
      createPerson: async (input) => ({ person: { ...PERSON, ...input, id: 'p2' }, warnings: ['身份证号码与出生日期不一致'] }),
    });
    await settle();
    await dispatch(host.querySelector('#person-new'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#person-title')), '新增人员（网格员）');
    assert.equal(host.querySelector('#person-startDate').value, localDate(), '到岗日期 today unless typed over');
    host.querySelector('#person-name').value = '李新';
    host.querySelector('#person-idNumber').value = '320115199001010022';
    host.querySelector('#person-phone').value = '13700000000';
    const check = host.querySelector('[data-role-check="grid_worker"]');
    check.checked = false;
    await dispatch(check, 'change');
    await dispatch(host.querySelector('#person-form'), 'submit');
    assert.equal(api.calls.filter(([n]) => n === 'createPerson').length, 0);
    assert.ok(textOf(host.querySelector('#person-roles-error')).includes('请至少选择一个身份'));

    check.checked = true;
    await dispatch(check, 'change');
    // 专职/兼职 and the grid both missing: both said at the roles (probe U).
    await dispatch(host.querySelector('#person-form'), 'submit');
    const roles = textOf(host.querySelector('#person-roles-error'));
    assert.ok(roles.includes('请选择网格员是专职还是兼职') && roles.includes('必须分配到'), roles);
    host.querySelector('#person-employment').value = 'part_time';
    host.querySelector('[data-unit-list="grid_worker"] [data-unit-option="g1"]').checked = true;
    assert.equal(host.querySelector('#person-continue').checked, true);
    await dispatch(host.querySelector('#person-form'), 'submit');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createPerson');
    assert.equal(input.name, '李新');
    assert.equal(input.startDate, localDate());
    assert.deepEqual(input.roles, [{ role: 'grid_worker', employment: 'part_time', unitIds: ['g1'] }]);
    assert.ok(toasts.some((t) => t.startsWith('已保存“李新”')));
    assert.equal(host.querySelector('#person-name').value, '', 'ready for the next person');
    assert.equal(host.querySelector('#person-startDate').value, localDate());
    assert.equal(host.querySelector('[data-role-check="grid_worker"]').checked, true, 'with the same roles');
    assert.equal(host.querySelector('#person-warnings').hidden, false);
    assert.ok(textOf(host.querySelector('#person-warnings')).includes('身份证号码与出生日期不一致'));
    await dispatch(host.querySelector('#person-cancel'), 'click');
    assert.equal(host.querySelector('#person-detail').hidden, true);
    dispose();
  });

  test('what the end-to-end tests select and the clerk reads is there', async () => {
    const { dispose } = mount();
    await settle();
    const missing = (ids) => ids.filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(missing(['people-search', 'people-village', 'people-unit', 'people-status', 'people-political',
      'people-employment', 'person-new', 'people-import', 'people-export', 'people-template', 'people-prev', 'people-next',
      'people-page', 'people-empty', 'person-detail', 'people-table']), []);
    const seen = textOf(host);
    for (const t of ['人员名单', '新增人员', '从Excel导入', '导出Excel', '下载导入模板', '上一页', '下一页', '显示']) assert.ok(seen.includes(t), t);
    assert.ok(all(host, '[data-role-tab]').length >= 5);
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    assert.deepEqual(missing(['person-form', 'person-save', 'person-cancel', 'person-delete', 'person-back', 'person-employment',
      'person-published', 'person-note', 'person-warnings', 'person-history', 'person-effectiveDate', 'person-startDate']), []);
    for (const t of ['履历', '删除后可在回收站恢复']) assert.ok(textOf(host).includes(t), t);
    dispose();
  });
  test('no one matching says so', async () => {
    const { dispose } = mount({ listPeople: async () => ({ rows: [], total: 0 }) });
    await settle();
    assert.equal(host.querySelector('#people-empty').hidden, false);
    assert.equal(textOf(host.querySelector('#people-empty')), '没有符合条件的人员');
    dispose();
  });
  test('a change of status asks its 变动日期 (today by default); leaving with it asks 放弃修改？', async () => {
    const { dispose } = mount();
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    const row = host.querySelector('#person-effectiveDate').closest('.form-row');
    assert.equal(row.hidden, true);
    const status = host.querySelector('#person-status');
    status.value = 'left';
    await dispatch(status, 'change');
    assert.equal(row.hidden, false);
    assert.equal(host.querySelector('#person-effectiveDate').value, localDate());
    const leaving = dispatch(host.querySelector('#person-back'), 'click');
    await settle();
    assert.equal(textOf(document.querySelector('#confirm-title')), '放弃修改？');
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await leaving;
    assert.equal(host.querySelector('#person-detail').hidden, false, 'still editing');
    dispose();
  });

  test('批量离岗: tick, Shift-tick a range, select all matching (every page), confirm how many and what, one call', async () => {
    const rows = ['p1', 'p2', 'p3', 'p4'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const everyone = Array.from({ length: 25 }, (_, i) => `p${i + 1}`);
    const { api, dispose } = mount({
      listPeople: async () => ({ rows, total: 25 }),
      matchingPeopleIds: async () => everyone,
      batchApply: async (input) => ({ action: '离岗', changed: input.ids.length, unchanged: 0, items: [], undo: '变更记录' }),
    });
    await settle();
    const bar = host.querySelector('#people-batch-bar');
    assert.equal(bar.hidden, true, 'no bar before anything is ticked');
    const box = (id) => host.querySelector(`input[data-select-id="${id}"]`);
    await dispatch(box('p1'), 'click');
    await dispatch(box('p3'), 'click', { shiftKey: true });
    assert.equal(bar.hidden, false);
    assert.equal(textOf(host.querySelector('#people-selected-count')), '已选 3 人');
    assert.deepEqual(['p1', 'p2', 'p3', 'p4'].map((id) => box(id).checked), [true, true, true, false]);
    assert.equal(host.querySelector('#people-select-page').indeterminate, true);

    const matching = host.querySelector('#people-select-matching');
    assert.equal(textOf(matching), '选择全部符合条件的 25 人');
    await dispatch(matching, 'click');
    await settle();
    assert.equal(api.calls.find(([n]) => n === 'matchingPeopleIds')[1].role, 'grid_worker');
    assert.equal(textOf(host.querySelector('#people-selected-count')), '已选 25 人');

    await dispatch(host.querySelector('#people-batch-leave'), 'click');
    await settle();
    const today = localDate();
    assert.equal(document.querySelector('#batch-date').value, today);
    assert.equal(document.querySelector('#batch-date').getAttribute('type'), 'text', 'a typed date, not the browser’s date box');
    assert.equal(textOf(document.querySelector('#batch-confirm-text')), `将 25 名网格员标记为离岗，日期 ${today}。`);
    // Those this page shows by name, the rest counted.
    assert.equal(textOf(document.querySelector('#batch-who')), '涉及：网格员1、网格员2、网格员3、网格员4等 25 名网格员。');
    document.querySelector('#batch-date').value = '2026/12/1'; // typed as a clerk may: sent tidied
    await dispatch(document.querySelector('#batch-date'), 'input');
    assert.equal(textOf(document.querySelector('#batch-confirm-text')), '将 25 名网格员标记为离岗，日期 2026-12-01。');
    const loads = api.calls.filter(([n]) => n === 'listPeople').length;
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'batchApply');
    assert.deepEqual(input, { ids: everyone, action: 'peopleLeave', date: '2026-12-01' });
    assert.ok(toasts.includes('批量离岗完成：25 名已修改。每条修改都记在变更记录中。'), toasts.join('|'));
    assert.equal(document.querySelector('#batch-dialog'), null, 'the dialog closed');
    assert.equal(api.calls.filter(([n]) => n === 'listPeople').length, loads + 1, 'the list reloaded');
    assert.equal(bar.hidden, true, 'the selection cleared');
    dispose();
  });

  test('a refused batch stays in its dialog with the record named; another filter clears the selection', async () => {
    const refusal = { kind: 'validation', field: 'effectiveDate', message: '批量离岗没有执行：第 2 项网格员“网格员2”：离岗日期 2026-12-09 晚于今天。整批记录都没有改动，请处理后重试。' };
    const rows = ['p1', 'p2'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const { dispose } = mount({
      listPeople: async () => ({ rows, total: 2 }),
      batchApply: async () => { throw refusal; },
    });
    await settle();
    await dispatch(host.querySelector('#people-select-page'), 'click');
    assert.equal(textOf(host.querySelector('#people-selected-count')), '已选 2 人');
    await dispatch(host.querySelector('#people-batch-leave'), 'click');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    assert.ok(document.querySelector('#batch-dialog'), 'still open');
    assert.equal(textOf(document.querySelector('#batch-error')), refusal.message);
    await dispatch(document.querySelector('#batch-cancel'), 'click');
    const status = host.querySelector('#people-status');
    status.value = 'left';
    await dispatch(status, 'change');
    await settle();
    assert.equal(host.querySelector('#people-batch-bar').hidden, true);
    dispose();
  });

  test('批量调岗 offers the units the tab role takes and names the one chosen; 批量公示 sends published (batch.js)', async () => {
    const rows = ['p1', 'p2'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}`, published: i === 0 }));
    const { api, dispose } = mount({
      listPeople: async () => ({ rows, total: 2 }),
      batchApply: async (input) => ({ action: '调岗', changed: input.ids.length, unchanged: 0, items: [], undo: '变更记录' }),
    });
    await settle();
    await dispatch(host.querySelector('#people-select-page'), 'click');
    await dispatch(host.querySelector('#people-batch-reassign'), 'click');
    await settle();
    const unit = document.querySelector('#batch-unitId');
    const choices = [...unit.querySelectorAll('option')].map((o) => [o.value, textOf(o)]);
    assert.ok(choices.length > 0, 'a grid worker can be moved to a grid');
    assert.ok(choices.some(([v, t]) => v === 'g1' && t.includes('第一网格')), JSON.stringify(choices));
    assert.equal(new Set(choices.map(([v]) => v)).size, choices.length, 'each unit once');
    // Nothing chosen for the clerk (probe S: the first unit was one 确定 away).
    assert.deepEqual(choices[0], ['', '请选择']);
    assert.equal(unit.value, '');
    assert.match(textOf(document.querySelector('#batch-confirm-text')), /请选择调到哪里/);
    await dispatch(document.querySelector('#batch-ok'), 'click');
    assert.equal(textOf(document.querySelector('#batch-error')), '请选择调到哪个网格或小区。');
    assert.ok(!api.calls.some(([n]) => n === 'batchApply'));
    unit.value = 'g1';
    await dispatch(unit, 'change');
    assert.match(textOf(document.querySelector('#batch-confirm-text')), /^将 2 名网格员调到“.*第一网格”/);
    document.querySelector('#batch-date').value = '2026-12-01';
    await dispatch(document.querySelector('#batch-date'), 'input');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'batchApply')[1],
      { ids: ['p1', 'p2'], action: 'peopleReassign', unitId: 'g1', date: '2026-12-01' });
    assert.equal(host.querySelector('#people-batch-bar').hidden, true, 'the selection cleared');

    await dispatch(host.querySelector('#people-select-page'), 'click');
    await dispatch(host.querySelector('#people-batch-publish'), 'click');
    await settle();
    assert.equal(document.querySelector('#batch-date').value, localDate(), '公示日期 today unless changed');
    document.querySelector('#batch-date').value = '2026-11-01';
    await dispatch(document.querySelector('#batch-date'), 'input');
    assert.equal(textOf(document.querySelector('#batch-confirm-text')), '将 2 名网格员设为公示，日期 2026-11-01。其中 1 名已是公示，不会改动。');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'batchApply')[1][1],
      { ids: ['p1', 'p2'], action: 'peoplePublish', published: true, date: '2026-11-01' });
    dispose();
  });

  test('批量公示 says before 确定 whom a date before their later 公示 change overrides', async () => {
    const rows = ['p1', 'p2'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const note = '“网格员1”（2026-11-20）在 2026-11-01 之后已有一次是否公示的变动，那一次不再计算：自 2026-11-01 起都按“是”统计。';
    const { api, dispose } = mount({
      listPeople: async () => ({ rows, total: 2 }),
      batchPublishOverrides: async (ids, published, date) => (date < '2026-11-20' ? note : null),
    });
    await settle();
    await dispatch(host.querySelector('#people-select-page'), 'click');
    await dispatch(host.querySelector('#people-batch-publish'), 'click');
    await settle();
    assert.equal(document.querySelector('#batch-warn').hidden, true, 'today overrides nothing');
    document.querySelector('#batch-date').value = '2026-11-01';
    await dispatch(document.querySelector('#batch-date'), 'change');
    await settle();
    assert.equal(textOf(document.querySelector('#batch-warn')), note);
    assert.deepEqual(api.calls.findLast(([n]) => n === 'batchPublishOverrides').slice(1), [['p1', 'p2'], true, '2026-11-01']);
    assert.equal(api.calls.filter(([n]) => n === 'batchApply').length, 0, 'nothing written yet');
    dispose();
  });

  test('批量离岗 says before 确定 which grids it leaves with no 网格员 in post (probe AN)', async () => {
    const rows = ['p1', 'p2'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const note = '办理后“竹园组网格”（石塘村）将没有在岗网格员，网格覆盖率随之下降。如已有人接替，请先把接替的人调入这个网格，再办离岗。';
    const { api, dispose } = mount({
      listPeople: async () => ({ rows, total: 2 }),
      batchLeaveEmpties: async () => note,
    });
    await settle();
    await dispatch(host.querySelector('#people-select-page'), 'click');
    await dispatch(host.querySelector('#people-batch-leave'), 'click');
    await settle();
    assert.equal(textOf(document.querySelector('#batch-warn')), note);
    assert.deepEqual(api.calls.findLast(([n]) => n === 'batchLeaveEmpties').slice(1), [['p1', 'p2']]);
    await dispatch(document.querySelector('#batch-cancel'), 'click');
    // 复岗 asks nothing of the kind.
    await dispatch(host.querySelector('#people-batch-return'), 'click');
    await settle();
    assert.equal(document.querySelector('#batch-warn').hidden, true);
    dispose();
  });

  test('a batch whose outcome carries notes keeps its dialog open to say them, then closes on 知道了', async () => {
    const rows = ['p1', 'p2'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const note = '“网格员1”（2026-11-20）在 2026-11-01 之后已有一次是否公示的变动，那一次不再计算：自 2026-11-01 起都按“是”统计。';
    const { dispose } = mount({
      listPeople: async () => ({ rows, total: 2 }),
      batchApply: async () => ({ action: '公示', changed: 2, unchanged: 0, items: [], undo: '变更记录', notes: [note] }),
    });
    await settle();
    await dispatch(host.querySelector('#people-select-page'), 'click');
    await dispatch(host.querySelector('#people-batch-publish'), 'click');
    await settle();
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    assert.ok(document.querySelector('#batch-dialog'), 'still open, to be read');
    assert.equal(textOf(document.querySelector('#batch-notes')), `请注意：${note}`);
    assert.match(textOf(document.querySelector('#batch-confirm-text')), /^批量公示完成：2 名已修改/);
    assert.equal(textOf(document.querySelector('#batch-ok')), '知道了');
    assert.equal(document.querySelector('#batch-cancel').hidden, true);
    assert.equal(host.querySelector('#people-batch-bar').hidden, true, 'the selection cleared');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    assert.equal(document.querySelector('#batch-dialog'), null);
    dispose();
  });

  test('导出所选 exports only the ticked people', async () => {
    const rows = ['p1', 'p2', 'p3'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const { api, dispose } = mount({
      listPeople: async () => ({ rows, total: 3 }),
      exportPeopleXlsx: async (q) => q.ids.length,
    });
    await settle();
    await dispatch(host.querySelector('input[data-select-id="p2"]'), 'click');
    await dispatch(host.querySelector('#people-batch-export'), 'click');
    assert.equal(textOf(document.querySelector('#export-scope')), '只导出已勾选的 1 人（带标题行的花名册）。');
    document.querySelector('#export-path').value = '/tmp/out.xlsx';
    await dispatch(document.querySelector('#export-go'), 'click');
    await settle();
    const [, query, unmasked] = api.calls.find(([n]) => n === 'exportPeopleXlsx');
    assert.deepEqual(query.ids, ['p2']);
    assert.equal(query.pageSize, 0);
    assert.equal(unmasked, false);
    dispose();
  });
  test('导出Excel of a list holding 离岗 people exports those in post unless asked (probe AN)', async () => {
    const rows = ['p1', 'p2', 'p3'].map((id, i) => ({ ...ROW, id, name: `网格员${i + 1}` }));
    const { api, dispose } = mount({
      listPeople: async (q) => (q.status === 'left' ? { rows: [rows[2]], total: 1 } : { rows, total: 3 }),
      exportPeopleXlsx: async (q) => (q.status === 'active' ? 2 : 3),
    });
    await settle();
    await dispatch(host.querySelector('#people-export'), 'click');
    await settle();
    assert.equal(textOf(document.querySelector('#export-scope')), '按当前的筛选条件和搜索，共 3 人，其中离岗 1 人。');
    assert.equal(document.querySelector('#export-who').hidden, false);
    assert.match(textOf(document.querySelector('#export-who')), /只导出在岗的 2 人（默认）.*在岗和离岗的 3 人都导出/);
    document.querySelector('#export-path').value = '/tmp/out.xlsx';
    await dispatch(document.querySelector('#export-go'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'exportPeopleXlsx').at(-1)[1].status, 'active');
    // Asked for both: the list's own filter goes as it is.
    await dispatch(host.querySelector('#people-export'), 'click');
    await settle();
    document.querySelector('#export-with-left').checked = true;
    document.querySelector('#export-path').value = '/tmp/out2.xlsx';
    await dispatch(document.querySelector('#export-go'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'exportPeopleXlsx').at(-1)[1].status, '');
    dispose();
  });
  test('是否公示 filters the list, and the export names that list (probe AN)', async () => {
    const { api, dispose } = mount({ listPeople: async () => ({ rows: [ROW], total: 1 }) });
    await settle();
    const published = host.querySelector('#people-published');
    assert.deepEqual([...published.querySelectorAll('option')].map((o) => textOf(o)), ['全部', '已公示', '未公示']);
    published.value = 'yes';
    await dispatch(published, 'change');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'listPeople').at(-1)[1].published, 'yes');
    // Its export is the 公示名单: no number or 离岗 choice (probe AP).
    await dispatch(host.querySelector('#people-export'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#export-scope')), /^导出公示名单：只含在岗、已公示的人员/);
    assert.equal(document.querySelector('#export-numbers').hidden, true);
    assert.equal(document.querySelector('#export-who').hidden, true);
    dispose();
  });

  test('an export of an empty list is refused in its dialog (probe AP)', async () => {
    const { api, dispose } = mount({ listPeople: async () => ({ rows: [], total: 0 }) });
    await settle();
    await dispatch(host.querySelector('#people-export'), 'click');
    document.querySelector('#export-path').value = '/tmp/空.xlsx';
    await dispatch(document.querySelector('#export-go'), 'click');
    await settle();
    assert.equal(textOf(document.querySelector('#export-error')), '当前的筛选条件和搜索下没有人员，换个条件再导出。');
    assert.ok(!api.calls.some(([n]) => n === 'exportPeopleXlsx'));
    dispose();
  });
  test('a county exports the people in post of every file received; a township has no such button (probe AO)', async () => {
    let { api, dispose } = mount({ exportReceivedPeople: async () => 80 }, { level: 'county', name: '江宁区' });
    await settle();
    await dispatch(host.querySelector('#people-export-received'), 'click');
    assert.match(textOf(document.querySelector('#export-dialog')), /各乡镇\/街道报送文件里的全部在岗人员/);
    document.querySelector('#export-path').value = '/tmp/江宁区下级报送的人员名单.xlsx';
    await dispatch(document.querySelector('#export-go'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'exportReceivedPeople').slice(1), ['/tmp/江宁区下级报送的人员名单.xlsx']);
    assert.deepEqual(toasts, ['已导出下级报送的在岗人员：80 人']);
    dispose();
    ({ dispose } = mount({}, { level: 'township', name: '青溪街道' }));
    await settle();
    assert.equal(host.querySelector('#people-export-received'), null);
    dispose();
  });
  // 选拔 makes the person leave too (probe S: the page stayed 在岗, its 保存 refused).
  for (const [event, label] of [['left', '离职'], ['selected_civil_servant', '选拔进入乡镇公务员']]) test(`a ${label} registered below the form shows the person 离岗 at once; typed edits stay and 保存 sends the new state`, async () => {
    // A copy: the form changes the person it shows in place.
    let stored = { ...PERSON };
    const events = [];
    const { api, dispose } = mount({
      getPerson: async () => stored,
      personTrainingRecord: async () => ({ sessions: [] }),
      listPipelineEvents: async () => events,
      addPipelineEvent: async (input) => {
        events.push({ id: 'e1', ...input, eventLabel: label, communityWorker: true });
        stored = { ...PERSON, status: 'left', updatedAt: '2026-12-06T02:00:00Z' };
        return { eventLabel: label };
      },
      updatePerson: async (id, input) => ({ person: { ...stored, ...input, roles: PERSON.roles }, warnings: [] }),
    });
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#person-status-tag')), '在岗');
    host.querySelector('#person-phone').value = '13900000000';
    await dispatch(host.querySelector('#person-phone'), 'input');
    host.querySelector('#pipeline-event').value = event;
    await dispatch(host.querySelector('#pipeline-event'), 'change');
    host.querySelector('#pipeline-date').value = '2026-11-30';
    host.querySelector('#pipeline-detail').value = '考取公务员';
    await dispatch(host.querySelector('#pipeline-detail'), 'keydown', { key: 'Enter' });
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'addPipelineEvent').length, 1, 'Enter registers');
    assert.equal(textOf(host.querySelector('#person-status-tag')), '离岗');
    assert.equal(host.querySelector('#person-status').value, 'left');
    assert.equal(host.querySelector('#person-phone').value, '13900000000', 'the typed phone stays');
    assert.ok(textOf(host.querySelector('#person-warnings')).includes('现在是离岗'));
    await submitFormWith(host, 'person', {});
    const [, , input] = api.calls.find(([n]) => n === 'updatePerson');
    assert.equal(input.status, 'left');
    assert.equal(input.seenUpdatedAt, '2026-12-06T02:00:00Z');
    assert.equal(input.effectiveDate, '', 'no status change of its own');
    dispose();
  });

  test('删除 a person kept by training records says so before asking 确定 (probe S: asked, then refused)', async () => {
    const { api, dispose } = mount({
      personDeleteBlocked: async () => '网格员“王网格”还有 1 次培训参加记录，不能删除。',
    });
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    await dispatch(host.querySelector('#person-delete'), 'click');
    await settle();
    assert.equal(document.querySelector('#confirm-ok'), null, 'no 确定删除 asked');
    assert.ok(toasts.includes('alert:网格员“王网格”还有 1 次培训参加记录，不能删除。'), JSON.stringify(toasts));
    assert.ok(!api.calls.some(([n]) => n === 'deletePerson'));
    dispose();
  });

  test('履历: a 调岗 or 离岗 row corrects its day (改日期); a refusal is said under the table; 入职 has no 改日期', async () => {
    const HISTORY = [
      { id: 'e0', date: '2024-03-01', event: 'joined', eventLabel: '入职', detail: '网格员（专职）：第一网格', redatable: false },
      { id: 'e1', date: '2026-10-01', event: 'reassigned', eventLabel: '调岗', detail: '第一网格 → 第二网格', redatable: true },
      { id: 'e2', date: '2026-11-01', event: 'left', eventLabel: '离岗', detail: '离职：考取公务员', redatable: false },
    ];
    let refuse = true;
    const { api, dispose } = mount({
      personHistory: async () => HISTORY,
      redatePersonChange: async (id, eventId, date) => {
        if (refuse) throw { kind: 'validation', message: '王网格 2026-08-01 还有一次离岗，变动日期不能改到它的另一边；请先核对那一次的日期。' };
        return HISTORY.map((e) => (e.id === eventId ? { ...e, date } : e));
      },
    });
    await settle();
    await dispatch(host.querySelector('tr[data-person-id="p1"]'), 'click');
    await settle();
    const rowOf = (id) => host.querySelector(`#person-history tr[data-id="${id}"]`);
    assert.equal(rowOf('e0').querySelector('.history-redate'), null, '入职 by 到岗日期');
    assert.equal(rowOf('e2').querySelector('.history-redate'), null, 'a 离岗 made by a 离职 record');
    await dispatch(rowOf('e1').querySelector('.history-redate'), 'click');
    const input = rowOf('e1').querySelector('.history-date');
    assert.equal(input.value, '2026-10-01');
    input.value = '2026-07-01';
    await dispatch(rowOf('e1').querySelector('.history-date-save'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'redatePersonChange').slice(1), ['p1', 'e1', '2026-07-01']);
    const error = host.querySelector('#person-history-error');
    assert.equal(error.hidden, false);
    assert.ok(textOf(error).includes('还有一次离岗'));
    refuse = false;
    input.value = '2026-09-01';
    await dispatch(rowOf('e1').querySelector('.history-date-save'), 'click');
    await settle();
    assert.ok(textOf(rowOf('e1')).includes('2026-09-01'), 'drawn again with the new day');
    assert.equal(host.querySelector('#person-history-error').hidden, true);
    assert.ok(toasts.includes('已把调岗的日期改为 2026-09-01'));
    // 取消 puts the day back as it was.
    await dispatch(rowOf('e1').querySelector('.history-redate'), 'click');
    rowOf('e1').querySelector('.history-date').value = '2025-01-01';
    await dispatch(rowOf('e1').querySelector('.history-date-cancel'), 'click');
    assert.ok(textOf(rowOf('e1')).includes('2026-09-01'));
    dispose();
  });
});
