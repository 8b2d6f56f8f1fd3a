// views/party-committees/, mounted in the fake DOM with a fake api: the part-time
// counts, a card per committee with its members, the committee form (a suggested
// name, 所在村/社区 only for a 大党委) and the member form (保存后继续添加).
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, clickAndConfirm, submitFormWith } from './dom-env.mjs';
import { mountCommittees } from '../../ui/js/views/party-committees/index.js';

const COMMITTEES = [{
  id: 1, kind: 'street_joint', name: '青溪街道大工委', note: '', partTime: 1, members: [
    { id: 11, committeeId: 1, name: '张书记', partTime: false, post: '书记', termStart: '2026-01-01', termEnd: '' },
    { id: 12, committeeId: 1, name: '李经理', partTime: true, partnerUnitId: 3, partnerUnitName: '阳光物业', post: '兼职委员' },
  ],
}];

let host;
let toasts;
function mount(impl = {}) {
  toasts = [];
  host = newHost();
  const committees = JSON.parse(JSON.stringify(COMMITTEES));
  const api = fakeApi({
    listCommittees: async () => committees,
    partTimeCounts: async () => ({ total: 1, byCommittee: [{ committeeId: 1, name: '青溪街道大工委', count: 1 }], byUnit: [{ partnerUnitId: 3, name: '阳光物业', count: 1 }] }),
    ...impl,
  });
  const view = mountCommittees(host, {
    ...viewCtx(api, toasts),
    office: { name: '青溪街道' },
    shared: {
      options: async () => ({}),
      villages: async () => [{ id: 'v1', label: '青溪社区' }],
      partners: async () => [{ id: 3, name: '阳光物业' }],
    },
  });
  return { api, view };
}

describe('党建 › 委员会 view', () => {
  domPerTest();

  test('the counts and a card per committee with its members', async () => {
    const { view } = mount();
    await settle();
    assert.ok(host.querySelector('#part-time-total'));
    assert.ok(host.querySelector('#part-time-by-unit [data-count-for="3"]'));
    const card = host.querySelector('#committee-list [data-committee-id="1"]');
    assert.ok(textOf(card).includes('青溪街道大工委'));
    assert.ok(textOf(card).includes('委员 2 人，其中兼职 1 人'));
    const member = card.querySelector('tr[data-member-id="12"]');
    assert.ok(textOf(member).includes('阳光物业'));
    for (const a of ['data-member-add', 'data-committee-edit', 'data-committee-delete']) assert.ok(card.querySelector(`[${a}="1"]`), a);
    for (const a of ['data-member-edit', 'data-member-delete']) assert.ok(member.querySelector(`[${a}="12"]`), a);
    // Both lists go out to Excel: the members, and the committees themselves.
    assert.equal(textOf(host.querySelector('#committees-export')), '导出委员');
    assert.equal(textOf(host.querySelector('#committees-list-export')), '导出委员会');
    assert.equal(card.querySelector('[data-terms-ended]'), null, 'no term has ended');
    view.dispose();
  });

  test('a term that has ended is said on the card and in its row (probe Z: 委员 5 人 in the year after)', async () => {
    const ended = [{ ...COMMITTEES[0], members: [{ ...COMMITTEES[0].members[1], termStart: '2022-01-01', termEnd: '2024-12-31' }] }];
    const { view } = mount({ listCommittees: async () => ended });
    await settle();
    const card = host.querySelector('#committee-list [data-committee-id="1"]');
    assert.match(textOf(card.querySelector('[data-terms-ended]')), /其中 1 人任期已届满/);
    assert.match(textOf(card.querySelector('tr[data-member-id="12"]')), /2024-12-31（已届满）/);
    view.dispose();
  });

  test('a term ending within 90 days is said on the card ahead of the week 首页 reminds it', async () => {
    const soon = new Date(Date.now() + 480 * 60000 + 30 * 86400000).toISOString().slice(0, 10);
    const ending = [{ ...COMMITTEES[0], members: [{ ...COMMITTEES[0].members[1], termStart: '2024-01-01', termEnd: soon }] }];
    const { view } = mount({ listCommittees: async () => ending });
    await settle();
    const card = host.querySelector('#committee-list [data-committee-id="1"]');
    assert.equal(textOf(card.querySelector('[data-terms-ending]')), `1 人任期将于 ${soon} 届满（还有 30 天）：请准备换届，或在委员里延长任期。`);
    assert.equal(card.querySelector('[data-terms-ended]'), null);
    view.dispose();
  });

  test('新建委员会 suggests a name from the kind; 所在村/社区 shows only for a 大党委; 保存 goes on to a member', async () => {
    const { api, view } = mount({
      createCommittee: async (input) => ({ id: 2, ...input }),
    });
    await settle();
    await dispatch(host.querySelector('#committee-new'), 'click');
    await settle();
    const kind = host.querySelector('#committee-kind');
    const villageRow = host.querySelector('#committee-villageId').closest('.form-row');
    assert.equal(villageRow.hidden, kind.value !== 'community_joint');
    kind.value = 'community_joint';
    await dispatch(kind, 'change');
    assert.equal(villageRow.hidden, false);
    const village = host.querySelector('#committee-villageId');
    village.value = 'v1';
    await dispatch(village, 'change');
    assert.ok(host.querySelector('#committee-name').value.includes('青溪社区'), 'a name is offered');
    assert.ok(textOf(host.querySelector('#committee-kind-hint')).length > 0);
    await dispatch(host.querySelector('#committee-form'), 'submit');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'createCommittee');
    assert.equal(input.kind, 'community_joint');
    assert.equal(input.villageId, 'v1');
    assert.ok(host.querySelector('#member-form'), 'straight on to its first member');
    assert.equal(host.querySelector('#member-continue').checked, true);
    view.dispose();
  });

  test('the member form: a part-time member needs a unit; 保存后继续添加 keeps the form open and empty', async () => {
    const { api, view } = mount({
      createCommitteeMember: async (input) => ({ id: 13, ...input }),
    });
    await settle();
    await dispatch(host.querySelector('[data-member-add="1"]'), 'click');
    await settle();
    const missing = ['member-form', 'member-committeeId', 'member-name', 'member-partTime', 'member-partnerUnitId',
      'member-post', 'member-termStart', 'member-termEnd', 'member-note', 'member-continue', 'member-save', 'member-cancel']
      .filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(missing, []);
    assert.equal(host.querySelector('#member-committeeId').value, '1');
    const seen = textOf(host);
    for (const t of ['新建委员会', '添加委员', '兼职委员（来自共建单位）', '来自单位', '任期开始', '任期结束', '保存后继续添加']) {
      assert.ok(seen.includes(t), t);
    }
    host.querySelector('#member-name').value = '王委员';
    const partTime = host.querySelector('#member-partTime');
    partTime.checked = true;
    await dispatch(partTime, 'change');
    assert.equal(textOf(host.querySelector('#member-unit-hint')), '兼职委员必须选择来自哪个共建单位。');
    await dispatch(host.querySelector('#member-form'), 'submit');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'createCommitteeMember').length, 0, 'no unit, nothing sent');
    assert.equal(host.querySelector('[data-error-for="partnerUnitId"]').hidden, false);
    await submitFormWith(host, 'member', { partnerUnitId: '3' });
    const [, input] = api.calls.find(([n]) => n === 'createCommitteeMember');
    assert.equal(input.name, '王委员');
    assert.equal(input.partTime, true);
    assert.equal(String(input.partnerUnitId), '3');
    assert.ok(toasts.includes('已添加委员“王委员”'));
    assert.equal(host.querySelector('#member-name').value, '', 'ready for the next one');
    view.dispose();
  });

  test('a refused committee delete says why under the card, not in the corner', async () => {
    const refusal = '委员会“青溪街道大工委”还有 2 名委员，不能删除。';
    const { view } = mount({ deleteCommittee: async () => { throw { kind: 'refused', message: refusal }; } });
    await settle();
    await clickAndConfirm(host.querySelector('[data-committee-delete="1"]'));
    const shown = host.querySelector('#committee-1-delete-error');
    assert.equal(shown.hidden, false);
    assert.equal(textOf(shown), refusal);
    assert.equal(host.querySelector('[data-committee-delete="1"]').getAttribute('aria-describedby'), 'committee-1-delete-error');
    assert.ok(!toasts.some((t) => t.startsWith('alert:')), 'not the corner alert');
    view.dispose();
  });

  test('编辑 a member opens it; its 删除 asks first', async () => {
    const { api, view } = mount({ deleteCommitteeMember: async () => null });
    await settle();
    await dispatch(host.querySelector('tr[data-member-id="11"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#member-name').value, '张书记');
    assert.equal(textOf(host.querySelector('#member-form-title')), '编辑委员 · 张书记');
    await clickAndConfirm(host.querySelector('[data-member-delete="11"]'));
    assert.deepEqual(api.calls.find(([n]) => n === 'deleteCommitteeMember'), ['deleteCommitteeMember', 11]);
    assert.equal(host.querySelector('#member-form'), null);
    view.dispose();
  });
});
