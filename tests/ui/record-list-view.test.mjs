// views/record-list/, mounted in the fake DOM: the table of records, 新增 and the
// side form (ids `#<name>-<field>`), parse errors beside the field, saving, 放弃修改？,
// 删除 with its confirmation, the masked number with 显示, and a real screen on it (部门).
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, domPerTest, clickAndConfirm, submitFormWith } from './dom-env.mjs';
import { mountRecordList, recycleTexts, createdText, revealCell, buildControl } from '../../ui/js/views/record-list/index.js';
import { mountDepartments } from '../../ui/js/views/contacts-departments.js';
import { hasUnsaved, forgetUnsaved } from '../../ui/js/dialog.js';

let host;
let toasts;
let alerts;
const ctx = () => ({
  toast: (m) => toasts.push(m), alert: (m) => alerts.push(m), clearAlert() {}, onError() {},
});

/** A small record kind: 物品 with a name (required) and a kind. */
function mountThings(store, extra = {}) {
  toasts = [];
  alerts = [];
  host = document.createElement('div');
  document.body.append(host);
  const calls = [];
  const list = mountRecordList(host, {
    ctx: ctx(),
    name: 'thing',
    tableId: 'things-table',
    label: '物品',
    newText: '新增物品',
    emptyText: '还没有物品。',
    emptyDetail: ['在左侧选择一个物品。', '提示'],
    columns: [
      { title: '名称', cell: (r) => r.name },
      { title: '类别', cell: (r) => (r.kind === 'a' ? '甲' : '乙') },
    ],
    rowLabel: (r) => r.name,
    load: async () => store.map((r) => ({ ...r })),
    form: {
      title: (r) => (r ? r.name : '新增物品'),
      values: (r, extraValues) => ({ name: r?.name ?? extraValues.prefill?.name ?? '', kind: r?.kind ?? 'a' }),
      fields: () => [
        { field: 'name', label: '名称', maxlength: 20 },
        { field: 'kind', label: '类别', type: 'select', options: [{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }] },
      ],
      parse: (v) => (v.name.trim()
        ? { ok: true, input: { name: v.name.trim(), kind: v.kind } }
        : { ok: false, error: { field: 'name', message: '请填写名称。' } }),
      fieldNames: ['name', 'kind'],
      focus: 'name',
    },
    create: async (input) => {
      calls.push(['create', input]);
      const r = { id: store.length + 1, ...input };
      store.push(r);
      return r;
    },
    update: async (id, input) => {
      calls.push(['update', id, input]);
      Object.assign(store.find((r) => r.id === id), input);
      return store.find((r) => r.id === id);
    },
    remove: async (id) => {
      calls.push(['remove', id]);
      store.splice(store.findIndex((r) => r.id === id), 1);
    },
    deleteText: {
      button: '删除物品', message: (r) => `确定删除“${r.name}”吗？`, done: (r) => `已删除“${r.name}”`, hint: '删除后可在回收站恢复。',
    },
    ...extra,
  });
  return { list, calls };
}

describe('record list', () => {
  domPerTest();

  test('an empty list says so, and the panel says what to do', async () => {
    const { list } = mountThings([]);
    await list.ready;
    assert.equal(textOf(host.querySelector('#things-empty')), '还没有物品。');
    assert.equal(textOf(host.querySelector('#thing-detail')), '在左侧选择一个物品。提示');
    assert.equal(textOf(host.querySelector('#thing-new')), '新增物品');
  });

  test('rows show the columns as text; a click opens the record in the form', async () => {
    const { list } = mountThings([{ id: 1, name: '<b>桌子</b>', kind: 'b' }, { id: 2, name: '椅子', kind: 'a' }]);
    await list.ready;
    const rows = all(host, '#things-table tbody tr[data-thing-id]');
    assert.deepEqual(rows.map((r) => textOf(r)), ['<b>桌子</b>乙', '椅子甲']);
    assert.deepEqual(all(host, '#things-table th').map(textOf), ['名称', '类别']);
    await dispatch(rows[1], 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#thing-form-title')), '椅子');
    assert.equal(host.querySelector('#thing-name').value, '椅子');
    assert.equal(host.querySelector('#thing-kind').value, 'a');
    assert.equal(host.querySelector('tr[data-thing-id="2"]').getAttribute('aria-selected'), 'true');
    assert.equal(textOf(host.querySelector('#thing-delete')), '删除物品');
    assert.equal(list.current().id, 2);
  });

  test('a record changed elsewhere (an import) while open: an untouched form shows it; typed edits stay, said (probe AC)', async () => {
    const store = [{ id: 1, name: '桌子', kind: 'a' }, { id: 2, name: '椅子', kind: 'a' }];
    const { list, calls } = mountThings(store);
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    // Imported: 桌子 is now 乙. The untouched form follows, so 保存 cannot put 甲 back.
    store[0].kind = 'b';
    await list.reload();
    await settle();
    assert.equal(host.querySelector('#thing-kind').value, 'b');
    assert.equal(list.isDirty(), false);
    assert.deepEqual(alerts, []);
    // With a name typed: it stays, and the clerk is told saving overwrites the change.
    host.querySelector('#thing-name').value = '书桌';
    store[0].kind = 'a';
    await list.reload();
    await settle();
    assert.equal(host.querySelector('#thing-name').value, '书桌');
    assert.match(alerts.join(), /正在修改的这条物品刚刚在别处改过（如导入）/);
    // Its own save reloads without either.
    alerts.length = 0;
    await dispatch(host.querySelector('#thing-form'), 'submit');
    await settle();
    assert.deepEqual(calls.at(-1), ['update', 1, { name: '书桌', kind: 'b' }]);
    assert.deepEqual(alerts, []);
  });

  test('a record changed elsewhere asks again what its form was opened with (spec.prepare: a full phone, probe AD)', async () => {
    const store = [{ id: 1, name: '桌子', kind: 'a' }];
    const prepared = [];
    const { list } = mountThings(store, { prepare: async (r) => { prepared.push(r.kind); return {}; } });
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    assert.deepEqual(prepared, ['a']);
    await list.reload();
    await settle();
    assert.deepEqual(prepared, ['a'], 'nothing changed: not asked again');
    store[0].kind = 'b';
    await list.reload();
    await settle();
    assert.deepEqual(prepared, ['a', 'b']);
    assert.equal(host.querySelector('#thing-kind').value, 'b');
  });

  test('新增: a missing name is shown beside the field and nothing is sent; then it saves and stays open', async () => {
    const store = [];
    const { list, calls } = mountThings(store);
    await list.ready;
    await dispatch(host.querySelector('#thing-new'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#thing-cancel')), '取消');
    assert.equal(host.querySelector('#thing-delete'), null, 'nothing to delete yet');
    await dispatch(host.querySelector('#thing-form'), 'submit');
    await settle();
    assert.deepEqual(calls, []);
    const slot = host.querySelector('[data-error-for="name"]');
    assert.equal(slot.hidden, false);
    assert.equal(textOf(slot), '请填写名称。');
    assert.equal(host.querySelector('#thing-name').getAttribute('aria-invalid'), 'true');

    await submitFormWith(host, 'thing', { name: ' 柜子 ', kind: 'b' });
    assert.deepEqual(calls, [['create', { name: '柜子', kind: 'b' }]]);
    assert.deepEqual(toasts, ['已保存']);
    assert.ok(host.querySelector('tr[data-thing-id="1"]'), 'the list was loaded again');
    assert.equal(textOf(host.querySelector('#thing-form-title')), '柜子', 'the saved record stays open');
    assert.ok(host.querySelector('#thing-delete'));
  });

  test('every problem a form finds is shown at once, the first field focused, one with no field alerted', async () => {
    const { list, calls } = mountThings([], {
      form: {
        title: () => '新增物品',
        values: () => ({ name: '', kind: 'a' }),
        fields: () => [
          { field: 'name', label: '名称', maxlength: 20 },
          { field: 'kind', label: '类别', type: 'select', options: [{ value: 'a', label: '甲' }] },
        ],
        parse: () => ({
          ok: false,
          error: { field: 'name', message: '请填写名称。' },
          problems: [
            { field: 'name', message: '请填写名称。' }, { field: 'kind', message: '请选择类别。' }, { field: 'nowhere', message: '另一个问题。' },
          ],
        }),
        fieldNames: ['name', 'kind'],
        focus: 'name',
      },
    });
    await list.ready;
    await dispatch(host.querySelector('#thing-new'), 'click');
    await settle();
    await dispatch(host.querySelector('#thing-form'), 'submit');
    await settle();
    assert.deepEqual(calls, []);
    assert.equal(textOf(host.querySelector('[data-error-for="name"]')), '请填写名称。');
    assert.equal(textOf(host.querySelector('[data-error-for="kind"]')), '请选择类别。');
    assert.equal(document.activeElement?.id, 'thing-name', 'the first problem has the focus');
    assert.deepEqual(alerts, ['另一个问题。']);
    // Correcting a field drops its message; the others stay until saved again.
    host.querySelector('#thing-name').value = '柜子';
    await dispatch(host.querySelector('#thing-name'), 'input');
    assert.equal(host.querySelector('[data-error-for="name"]').hidden, true);
    assert.equal(host.querySelector('#thing-name').getAttribute('aria-invalid'), null);
    assert.equal(host.querySelector('[data-error-for="kind"]').hidden, false);
    list.dispose();
  });

  test("the core's whole check (several fields wrong) shows each beside its field", async () => {
    const { list } = mountThings([], {
      create: async () => {
        throw {
          kind: 'validation', field: 'name', message: '请填写名称。',
          problems: [{ field: 'name', message: '请填写名称。' }, { field: 'kind', message: '请选择类别。' }],
        };
      },
    });
    await list.ready;
    await dispatch(host.querySelector('#thing-new'), 'click');
    await settle();
    await submitFormWith(host, 'thing', { name: '柜子', kind: 'b' });
    await settle();
    assert.equal(textOf(host.querySelector('[data-error-for="name"]')), '请填写名称。');
    assert.equal(textOf(host.querySelector('[data-error-for="kind"]')), '请选择类别。');
    assert.deepEqual(alerts, []);
    list.dispose();
  });

  test('新增 clicked before init has brought the form its choices waits for them', async () => {
    // 准入 offers the units init loads: a form built before they came offered none
    // (an end-to-end run met it once).
    let arrive;
    const kinds = [];
    const { list } = mountThings([], {
      init: () => new Promise((resolve) => { arrive = () => { kinds.push({ value: 'c', label: '丙' }); resolve(); }; }),
      form: {
        title: () => '新增物品',
        values: () => ({ name: '', kind: '' }),
        fields: () => [
          { field: 'name', label: '名称', maxlength: 20 },
          { field: 'kind', label: '类别', type: 'select', options: [...kinds] },
        ],
        parse: () => ({ ok: false, error: { field: 'name', message: '请填写名称。' } }),
        fieldNames: ['name', 'kind'],
        focus: 'name',
      },
    });
    const clicked = dispatch(host.querySelector('#thing-new'), 'click');
    await settle();
    arrive();
    await clicked;
    await list.ready;
    await settle();
    const options = [...host.querySelectorAll('#thing-kind option')].map((o) => o.value);
    assert.ok(options.includes('c'), `the form offers what init brought: ${options}`);
  });

  test('leaving a changed form asks 放弃修改？; 继续编辑 keeps it', async () => {
    const { list } = mountThings([{ id: 1, name: '桌子', kind: 'a' }, { id: 2, name: '椅子', kind: 'a' }]);
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    host.querySelector('#thing-name').value = '大桌子';
    assert.equal(list.isDirty(), true);
    const opening = dispatch(host.querySelector('tr[data-thing-id="2"]'), 'click');
    await settle();
    const dlg = document.querySelector('#confirm-dialog');
    assert.equal(textOf(dlg.querySelector('#confirm-title')), '放弃修改？');
    await dispatch(dlg.querySelector('#confirm-cancel'), 'click');
    await opening;
    assert.equal(host.querySelector('#thing-name').value, '大桌子');

    // The main menu asks about it while it is on screen, not from a hidden tab, and
    // no more once the list is gone.
    assert.equal(hasUnsaved(), true);
    host.hidden = true;
    assert.equal(hasUnsaved(), false, 'a hidden tab');
    host.hidden = false;
    list.dispose();
    assert.equal(hasUnsaved(), false, 'disposed');
    forgetUnsaved();
  });

  test('a text area cuts nothing: its count shows near the limit, red beyond it', async () => {
    const { control, extra } = buildControl('thing', { field: 'content', type: 'textarea', maxlength: 10 }, '');
    assert.equal(control.getAttribute('maxlength'), null, 'a pasted text is not cut at the limit');
    assert.equal(extra.hidden, true);
    control.value = '一二三四五六七八九';
    await dispatch(control, 'input');
    assert.equal([extra.hidden, textOf(extra)].join(' '), 'false 已输入 9 / 10 字');
    control.value = '一二三四五六七八九十甲乙';
    await dispatch(control, 'input');
    assert.ok(extra.classList.contains('is-over'));
    assert.match(textOf(extra), /已输入 12 字，超过 10 字的上限/);
    assert.equal(control.value.length, 12, 'kept whole');
  });

  test('Esc (取消) on a new record typed in asks 放弃修改？ first', async () => {
    const { list } = mountThings([]);
    await list.ready;
    await dispatch(host.querySelector('#thing-new'), 'click');
    await settle();
    host.querySelector('#thing-name').value = '新桌子';
    const leaving = dispatch(host.querySelector('#thing-cancel'), 'click');
    await settle();
    assert.equal(textOf(document.querySelector('#confirm-title')), '放弃修改？');
    await dispatch(document.querySelector('#confirm-cancel'), 'click');
    await leaving;
    assert.equal(host.querySelector('#thing-name').value, '新桌子', '继续编辑 keeps it');
    const again = dispatch(host.querySelector('#thing-cancel'), 'click');
    await settle();
    await dispatch(document.querySelector('#confirm-ok'), 'click');
    await again;
    assert.equal(host.querySelector('#thing-name'), null, '放弃修改 closes it');
    forgetUnsaved();
  });

  test('撤销修改 puts the record\'s values back', async () => {
    const { list } = mountThings([{ id: 1, name: '桌子', kind: 'a' }]);
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    host.querySelector('#thing-name').value = '大桌子';
    await dispatch(host.querySelector('#thing-cancel'), 'click');
    assert.equal(host.querySelector('#thing-name').value, '桌子');
    assert.deepEqual(toasts, ['已撤销未保存的修改']);
    forgetUnsaved();
  });

  test('删除 asks first, then removes, reloads and empties the panel', async () => {
    const store = [{ id: 1, name: '桌子', kind: 'a' }];
    const { list, calls } = mountThings(store);
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    await clickAndConfirm(host.querySelector('#thing-delete'), (dlg) => {
      assert.equal(textOf(dlg.querySelector('#confirm-message')), '确定删除“桌子”吗？');
    });
    assert.deepEqual(calls, [['remove', 1]]);
    assert.deepEqual(toasts, ['已删除“桌子”']);
    assert.ok(host.querySelector('#things-empty'));
    assert.equal(host.querySelector('#thing-form'), null);
  });

  test('a refused 删除 says why under the button; the record stays', async () => {
    const store = [{ id: 1, name: '桌子', kind: 'a' }];
    const { list } = mountThings(store, {
      remove: async () => { throw { kind: 'refused', message: '还有 2 条记录用到“桌子”，不能删除。' }; },
    });
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    await clickAndConfirm(host.querySelector('#thing-delete'), () => {});
    const refused = host.querySelector('#thing-delete-error');
    assert.equal(refused.hidden, false);
    assert.equal(textOf(refused), '还有 2 条记录用到“桌子”，不能删除。');
    assert.deepEqual(alerts, [], 'not the corner alert');
    assert.ok(host.querySelector('tr[data-thing-id="1"]'));
    // Asked again, the old refusal goes until the new answer.
    await clickAndConfirm(host.querySelector('#thing-delete'), () => {
      assert.equal(host.querySelector('#thing-delete-error').hidden, true);
    });
    await settle();
    assert.equal(host.querySelector('#thing-delete-error').hidden, false);
    // The list read again (what named it deleted elsewhere): the refusal may not hold (probe AB).
    await list.reload();
    await settle();
    assert.equal(host.querySelector('#thing-delete-error').hidden, true);
  });

  test('a 删除 the list knows is blocked says why under the button without asking (probe AB)', async () => {
    const store = [{ id: 1, name: '桌子', kind: 'a', uses: 2 }, { id: 2, name: '椅子', kind: 'a', uses: 0 }];
    const { list, calls } = mountThings(store, {
      deleteText: {
        button: '删除物品', message: (r) => `确定删除“${r.name}”吗？`, done: (r) => `已删除“${r.name}”`,
        blocked: (r) => (r.uses ? `“${r.name}”还有 ${r.uses} 处在用，不能删除。` : ''),
      },
    });
    await list.ready;
    await dispatch(host.querySelector('tr[data-thing-id="1"]'), 'click');
    await settle();
    await dispatch(host.querySelector('#thing-delete'), 'click');
    await settle();
    assert.equal(document.querySelector('#confirm-message'), null, 'nothing asked');
    assert.equal(textOf(host.querySelector('#thing-delete-error')), '“桌子”还有 2 处在用，不能删除。');
    assert.deepEqual(calls, []);
    await dispatch(host.querySelector('tr[data-thing-id="2"]'), 'click');
    await settle();
    await clickAndConfirm(host.querySelector('#thing-delete'), () => {});
    assert.deepEqual(calls, [['remove', 2]]);
  });

  test('a failed load says so; open(id) and startCreate(prefill) work from outside; destroy stops it', async () => {
    let fail = true;
    const store = [{ id: 7, name: '灯', kind: 'a' }];
    const { list } = mountThings(store, {
      load: async () => {
        if (fail) throw { kind: 'io', message: '读不了' };
        return store;
      },
    });
    await list.ready;
    assert.equal(textOf(host.querySelector('#things-table-host')), '物品没有加载成功。');
    assert.deepEqual(alerts, ['读不了']);
    fail = false;
    await list.update();
    assert.ok(host.querySelector('tr[data-thing-id="7"]'));
    assert.equal(await list.open(7), true);
    assert.equal(host.querySelector('#thing-name').value, '灯');
    await dispatch(host.querySelector('#thing-cancel'), 'click');
    await list.startCreate({ name: '新灯' });
    assert.equal(host.querySelector('#thing-name').value, '新灯');
    list.destroy();
  });

  test('revealCell shows the full number on 显示 and hides it again', async () => {
    const cell = revealCell({ id: '3', masked: '138****0000', label: '张三', reveal: async () => '13800000000', onError() {} });
    document.body.append(cell);
    const btn = cell.querySelector('[data-reveal-phone="3"]');
    assert.equal(textOf(cell), '138****0000显示');
    await dispatch(btn, 'click');
    assert.equal(textOf(cell), '13800000000隐藏');
    assert.equal(btn.getAttribute('aria-pressed'), 'true');
    await dispatch(btn, 'click');
    assert.equal(textOf(cell), '138****0000显示');
    assert.equal(textOf(revealCell({ id: '4', masked: '', label: 'x', reveal: async () => '' })), '—');
  });
});

describe('recycleTexts: one wording for every delete into the recycle bin', () => {
  test('names the kind and the record, says what blocks it and where it can be restored', () => {
    const t = recycleTexts({ button: '删除部门', noun: '部门', name: (d) => d.name, rule: '有诉求交办给它的部门不能删除。' });
    assert.equal(t.button, '删除部门');
    assert.equal(t.message({ name: '区民政局' }), '确定删除部门“区民政局”吗？有诉求交办给它的部门不能删除。删除后可在回收站恢复。');
    assert.equal(t.done({ name: '区民政局' }), '已删除“区民政局”，可在回收站恢复');
    assert.equal(t.hint, '有诉求交办给它的部门不能删除。删除后可在回收站恢复。');
    const plain = recycleTexts({ button: '删除事项', noun: '事项', name: (d) => d.name, hint: '只在这里删除。' });
    assert.equal(plain.message({}), '确定删除事项“”吗？删除后可在回收站恢复。');
    assert.equal(plain.hint, '只在这里删除。');
  });
});

describe('createdText: the toast after 保存, in the one wording of every list', () => {
  const cases = [
    // [what, made with, saved, creating, input, toast]
    ['a new record, named by what the core saved', createdText('部门'), { name: '区民政局' }, true, { name: '民政局' }, '已新增部门“区民政局”'],
    ['no answer: the name sent', createdText('共建单位'), null, true, { name: '区供电公司' }, '已新增共建单位“区供电公司”'],
    ['another key names it (培训: topic)', createdText('培训', { key: 'topic' }), { topic: '网格员业务培训', name: 'x' }, true, {}, '已新增培训“网格员业务培训”'],
    ['an edit', createdText('部门'), { name: '区民政局' }, false, { name: '区民政局' }, '已保存'],
    ['an edit that says more (指标)', createdText('指标', { edited: '已保存，指标体系生成了新版本' }), {}, false, {}, '已保存，指标体系生成了新版本'],
  ];
  for (const [what, savedText, saved, creating, input, toast] of cases) {
    test(what, () => assert.equal(savedText(saved, creating, input), toast));
  }
});

describe('联系点 › 部门 on the record list', () => {
  domPerTest();

  test('lists departments with their level and saves a new one through the api', async () => {
    const departments = [{ id: 1, name: '城管科', level: 'township', note: '' }];
    const api = fakeApi({
      listDepartments: async () => departments.map((d) => ({ ...d })),
      createDepartment: async (input) => {
        const d = { id: 2, ...input };
        departments.push(d);
        return d;
      },
    });
    toasts = [];
    host = document.createElement('div');
    document.body.append(host);
    const fresh = [];
    const view = mountDepartments(host, {
      ...ctx(), api,
      shared: { options: async () => ({}), departments: async (o) => { fresh.push(o); return departments; } },
    });
    await settle();
    const row = host.querySelector('#departments-table tr[data-department-id="1"]');
    assert.equal(textOf(row), '城管科乡镇/街道—', 'an empty note shows —');
    assert.equal(textOf(host.querySelector('#department-new')), '新增部门');
    await dispatch(host.querySelector('#department-new'), 'click');
    await settle();
    for (const f of ['name', 'level', 'note']) assert.ok(host.querySelector(`#department-${f}`), f);
    await submitFormWith(host, 'department', { name: '住建局', level: 'county' });
    const [, input] = api.calls.find(([n]) => n === 'createDepartment');
    assert.equal(input.name, '住建局');
    assert.equal(input.level, 'county');
    assert.deepEqual(toasts, ['已新增部门“住建局”']);
    assert.deepEqual(fresh, [{ fresh: true }], 'the shared list of departments is refreshed');
    view.dispose();
  });
});
