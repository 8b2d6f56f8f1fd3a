// views/cobuild-partners.js (a record list), mounted in the fake DOM with a fake api:
// phones masked with 显示, the form with the full number and the 结对社区 check boxes,
// the projects a unit claimed, and what it sends on 保存.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, submitFormWith } from './dom-env.mjs';
import { mountPartners } from '../../ui/js/views/cobuild-partners.js';

const UNIT = {
  id: 3, name: '阳光物业', kind: 'enterprise', contactName: '李经理', contactPhone: '139****1111',
  villageIds: ['v1'], villageNames: ['青溪社区'], claimedCount: 1, finishedCount: 1, note: '',
};

let host;
let toasts;
function mount(api, extra = {}) {
  toasts = [];
  host = newHost();
  return mountPartners(host, {
    ...viewCtx(api, toasts),
    shared: {
      options: async () => ({}),
      villages: async () => [{ id: 'v1', label: '青溪社区' }, { id: 'v2', label: '石塘村' }],
    },
    ...extra,
  });
}

describe('共建 › 共建单位 view', () => {
  domPerTest();

  test('the list masks the phone until 显示; opening a unit fills the form with the full number', async () => {
    const opened = [];
    const api = fakeApi({
      listPartnerUnits: async () => [{ ...UNIT }],
      revealPartnerPhone: async () => '13900001111',
      listProjects: async () => [{ id: 7, title: '楼道照明改造', status: 'evaluated', villageName: '青溪社区', actualEnd: '2026-05-01' }],
      updatePartnerUnit: async (id, input) => ({ ...UNIT, ...input }),
    });
    const view = mount(api, { openProject: (id) => opened.push(id) });
    await settle();
    const row = host.querySelector('#partners-table tr[data-partner-id="3"]');
    assert.ok(row, 'listed');
    assert.equal(row.getAttribute('data-kind'), 'enterprise');
    assert.ok(textOf(row).includes('139****1111'));
    const reveal = row.querySelector('[data-reveal-phone="3"]');
    assert.equal(reveal.getAttribute('aria-label'), '显示阳光物业联系人的完整手机号码');
    await dispatch(reveal, 'click');
    assert.ok(textOf(row).includes('13900001111'));
    assert.equal(host.querySelector('#partner-form'), null, '显示 does not open the unit');

    await dispatch(row, 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#partner-form-title')), '阳光物业');
    assert.equal(host.querySelector('#partner-contactPhone').value, '13900001111');
    assert.equal(host.querySelector('[data-partner-village="v1"]').checked, true);
    assert.equal(host.querySelector('[data-partner-village="v2"]').checked, false);
    assert.ok(textOf(host.querySelector('#partner-projects-summary')).length > 0);
    const project = host.querySelector('[data-partner-project-id="7"]');
    assert.equal(textOf(project), '楼道照明改造');
    await dispatch(project, 'click');
    assert.deepEqual(opened, ['7']);

    host.querySelector('[data-partner-village="v2"]').checked = true;
    await submitFormWith(host, 'partner', { contactName: '王经理' });
    const [, id, input] = api.calls.find(([n]) => n === 'updatePartnerUnit');
    assert.equal(id, 3);
    assert.deepEqual(input.villageIds, ['v1', 'v2']);
    assert.equal(input.contactName, '王经理');
    assert.equal(input.contactPhone, '13900001111', 'the full number is kept, not the mask');
    assert.ok(toasts.includes('已保存'));
    view.dispose();
  });

  test('新增共建单位: ids the end-to-end tests use, and an error beside 单位名称', async () => {
    const api = fakeApi({ listPartnerUnits: async () => [] });
    const view = mount(api);
    await settle();
    assert.ok(textOf(host.querySelector('#partners-empty')).includes('还没有共建单位'));
    assert.equal(textOf(host.querySelector('#partner-new')), '新增共建单位');
    await dispatch(host.querySelector('#partner-new'), 'click');
    await settle();
    const missing = ['partner-detail', 'partner-form', 'partner-name', 'partner-kind', 'partner-contactName',
      'partner-contactPhone', 'partner-villages', 'partner-note', 'partner-save', 'partner-cancel',
      'partners-export', 'partners-import', 'partners-template'].filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(missing, []);
    assert.equal(textOf(host.querySelector('#partner-villages legend')), '结对村/社区');
    assert.ok(all(host, 'label').some((l) => textOf(l) === '联系电话'));
    await dispatch(host.querySelector('#partner-form'), 'submit');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'createPartnerUnit').length, 0);
    assert.equal(host.querySelector('#partner-name-error').hidden, false);
    // 类型 is chosen, not the list's first taken unseen (a unit was saved as 机关).
    assert.equal(host.querySelector('#partner-kind').value, '');
    assert.equal(textOf(host.querySelector('#partner-kind option')), '请选择类型…');
    host.querySelector('#partner-name').value = '阳光物业';
    await dispatch(host.querySelector('#partner-form'), 'submit');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'createPartnerUnit').length, 0);
    assert.equal(host.querySelector('#partner-kind-error').hidden, false);
    view.dispose();
  });

  test('删除共建单位 is offered on an existing unit', async () => {
    const api = fakeApi({
      listPartnerUnits: async () => [{ ...UNIT, contactPhone: '' }],
      listProjects: async () => [],
    });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-partner-id="3"]'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#partner-delete')), '删除共建单位');
    assert.equal(api.calls.filter(([n]) => n === 'revealPartnerPhone').length, 0, 'no number, nothing to fetch');
    view.dispose();
  });
});
