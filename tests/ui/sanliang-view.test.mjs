// views/party-sanliang/ (a record list keyed by compound, without 新增 or 删除), mounted
// in the fake DOM with a fake api: the rate, ✓/未公示 per item, the branch form with
// 今天, 保存 and the photo section.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest } from './dom-env.mjs';
import { mountSanliang } from '../../ui/js/views/party-sanliang/index.js';
import { localDate } from '../../ui/js/logic/format.js';

const ROW = {
  compoundId: 'c1', compoundName: '阳光花园', compoundCode: '320115101001001', villageName: '青溪社区', exists: true,
  secretary: '周书记', structureOn: '2026-03-01', dutiesOn: '2026-03-02', identityOn: null, note: '', photo: null,
};
const DONE = { ...ROW, compoundId: 'c2', compoundName: '西组', identityOn: '2026-03-03' };

let host;
let toasts;
function mount(impl) {
  toasts = [];
  host = newHost();
  const rows = [{ ...ROW }, { ...DONE }];
  const api = fakeApi({
    sanliangList: async (onlyMissing) => ({ rows: onlyMissing ? rows.filter((r) => !r.identityOn) : rows, compounds: 2, complete: rows.filter((r) => r.identityOn).length }),
    savePartyBranch: async (id, input) => {
      const r = rows.find((x) => x.compoundId === id);
      Object.assign(r, input);
      return { ...r };
    },
    ...impl,
  });
  const view = mountSanliang(host, viewCtx(api, toasts));
  return { api, view };
}

describe('党建 › 三亮 view', () => {
  domPerTest();

  test('the rate and each compound with ✓ and its date or 未公示; no 新增 and no 删除', async () => {
    const { view } = mount({});
    await settle();
    assert.ok(textOf(host.querySelector('#sanliang-rate')).includes('1/2'));
    const row = host.querySelector('#sanliang-table tr[data-compound-id="c1"]');
    assert.notEqual(row.getAttribute('data-state'), 'complete');
    assert.equal(host.querySelector('tr[data-compound-id="c2"]').getAttribute('data-state'), 'complete');
    assert.deepEqual(all(row, 'td[data-item]').map((td) => td.getAttribute('data-done')), ['true', 'true', 'false']);
    assert.ok(textOf(row).includes('✓ 已公示 2026-03-01'));
    assert.ok(textOf(row).includes('未公示'));
    assert.equal(host.querySelector('#branch-new'), null);
    await dispatch(row, 'click');
    await settle();
    assert.equal(host.querySelector('#branch-delete'), null);
    view.dispose();
  });

  test('the branch form: 今天 fills the date, 保存 sends it for the compound and the row follows', async () => {
    const { api, view } = mount({});
    await settle();
    await dispatch(host.querySelector('tr[data-compound-id="c1"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#branch-exists').checked, true);
    assert.equal(host.querySelector('#branch-secretary').value, '周书记');
    assert.equal(host.querySelector('#branch-identityOn').value, '');
    await dispatch(host.querySelector('[data-today-for="identityOn"]'), 'click');
    assert.equal(host.querySelector('#branch-identityOn').value, localDate());
    host.querySelector('#branch-identityOn').value = '2026-11-20';
    await dispatch(host.querySelector('#branch-save'), 'click');
    await dispatch(host.querySelector('#branch-form'), 'submit');
    await settle();
    const saves = api.calls.filter(([n]) => n === 'savePartyBranch');
    assert.equal(saves.length, 1);
    const [, id, input] = saves[0];
    assert.equal(id, 'c1');
    assert.equal(input.identityOn, '2026-11-20');
    assert.equal(input.exists, true);
    assert.ok(toasts.includes('已保存“阳光花园”的党支部和三亮情况'));
    assert.equal(host.querySelector('tr[data-compound-id="c1"]').getAttribute('data-state'), 'complete');
    assert.ok(textOf(host.querySelector('#sanliang-rate')).includes('2/2'));
    assert.equal(host.querySelector('#branch-secretary').value, '周书记', 'the form stays open on the compound');
    view.dispose();
  });

  test('clearing a published date asks whether the board came down: its 撤下日期, or a mistake (probe AI)', async () => {
    const { api, view } = mount({});
    await settle();
    await dispatch(host.querySelector('tr[data-compound-id="c2"]'), 'click');
    await settle();
    host.querySelector('#branch-identityOn').value = '';
    await dispatch(host.querySelector('#branch-form'), 'submit');
    await settle();
    const dialog = () => document.querySelector('#taken-down-dialog');
    assert.match(textOf(dialog()), /要去掉“亮党员身份”（2026-03-03）。公示牌撤下了，请填撤下的日期：撤下以前的各期（包括已经报送的）仍按已公示统计/);
    assert.equal(document.querySelector('#taken-down-on').value, localDate(), 'today to start with');
    await dispatch(document.querySelector('#taken-down-cancel'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'savePartyBranch').length, 0, '取消: nothing saved');
    // A day not after the publication is said in the dialog, which stays.
    await dispatch(host.querySelector('#branch-form'), 'submit');
    await settle();
    document.querySelector('#taken-down-on').value = '2026-03-03';
    await dispatch(document.querySelector('#taken-down-ok'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#taken-down-error')), /要晚于公示的日期 2026-03-03/);
    assert.equal(api.calls.filter(([n]) => n === 'savePartyBranch').length, 0);
    document.querySelector('#taken-down-on').value = '2026-08-31';
    await dispatch(document.querySelector('#taken-down-ok'), 'click');
    await settle();
    let saves = api.calls.filter(([n]) => n === 'savePartyBranch');
    assert.equal(saves.length, 1);
    assert.equal(saves[0][2].identityOn ?? '', '');
    assert.equal(saves[0][2].takenDownOn, '2026-08-31');
    assert.equal(dialog(), null);
    // 原来填错了: saved as a correction, no 撤下日期.
    await dispatch(host.querySelector('tr[data-compound-id="c1"]'), 'click');
    await settle();
    host.querySelector('#branch-dutiesOn').value = '';
    await dispatch(host.querySelector('#branch-form'), 'submit');
    await settle();
    await dispatch(document.querySelector('#taken-down-mistake'), 'click');
    await settle();
    saves = api.calls.filter(([n]) => n === 'savePartyBranch');
    assert.equal(saves.length, 2);
    assert.equal(saves[1][2].takenDownOn, '');
    view.dispose();
  });

  test('an item taken down shows 已撤下 with its day, and the detail lists each 撤下', async () => {
    const { view } = mount({
      sanliangList: async () => ({
        rows: [{ ...ROW, takenDown: [{ item: 'identity', from: '2025-06-10', until: '2026-08-31' }] }],
        compounds: 1,
        complete: 0,
      }),
    });
    await settle();
    const row = host.querySelector('tr[data-compound-id="c1"]');
    assert.ok(textOf(row).includes('已撤下 2026-08-31'), textOf(row));
    await dispatch(row, 'click');
    await settle();
    assert.match(textOf(host.querySelector('#branch-taken-down')), /撤下以前的各期仍按已公示统计.*亮党员身份：2025-06-10 公示，2026-08-31 撤下/);
    view.dispose();
  });

  test('只看未完成 asks for the missing ones; the photo section offers 选择照片…', async () => {
    const { api, view } = mount({});
    await settle();
    const box = host.querySelector('#sanliang-only-missing');
    box.checked = true;
    await dispatch(box, 'change');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'sanliangList').at(-1), ['sanliangList', true]);
    assert.equal(all(host, 'tr[data-compound-id]').length, 1);
    await dispatch(host.querySelector('tr[data-compound-id="c1"]'), 'click');
    await settle();
    const missing = ['branch-editor', 'branch-form', 'branch-exists', 'branch-secretary', 'branch-structureOn', 'branch-dutiesOn',
      'branch-identityOn', 'branch-note', 'branch-save', 'branch-cancel', 'branch-photo', 'branch-photo-path',
      'branch-photo-choose', 'branch-photo-set', 'sanliang-progress', 'sanliang-export'].filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(missing, []);
    const seen = textOf(host);
    for (const t of ['只看未完成', '公示照片', '选择照片…', '已建立小区党支部', '支部书记']) assert.ok(seen.includes(t), t);
    view.dispose();
  });
  test('a photo shows 打开 and 移除; a lost file is marked 文件已丢失 and cannot be opened', async () => {
    const photo = { hash: 'h1', name: '公示栏.jpg', size: 1024, addedAt: '2026-03-01T02:00:00Z', missing: true };
    const { view } = mount({
      sanliangList: async () => ({ rows: [{ ...ROW, photo }], compounds: 1, complete: 0 }),
    });
    await settle();
    await dispatch(host.querySelector('tr[data-compound-id="c1"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#branch-photo-open').disabled, true);
    assert.ok(host.querySelector('#branch-photo-remove'));
    assert.equal(textOf(host.querySelector('#branch-photo [data-missing]')), '文件已丢失');
    view.dispose();
  });
});
