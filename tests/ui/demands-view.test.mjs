// views/demands-list/, mounted in the fake DOM with a fake api: the counts and the
// list (已逾期 marked), a demand's detail with its steps from the shared workflow
// component offering the payload's moves (and no other), 交办 needing a department,
// 退回 needing a reason, 上报… with the levels the payload offers, and the history.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest, clickAndConfirm, act } from './dom-env.mjs';
import { mountDemandList } from '../../ui/js/views/demands-list/index.js';
import { demandMoves, NO_DEPARTMENT } from './moves-fixtures.mjs';

const DEMAND = {
  id: 5, title: '路灯不亮', source: 'grid_worker', reporter: '王阿姨', reporterPhone: '138****0000', category: '市政',
  unitId: 'v1', unitName: '青溪社区', level: 'township', receivedOn: '2026-03-01', deadline: '2026-03-10',
  status: 'accepted', overdue: true, description: '3号楼前的路灯坏了',
  history: [{ from: null, to: 'accepted', date: '2026-03-01', recordedAt: '2026-03-01T02:00:00Z' }],
};
const DEPARTMENTS = [{ id: 9, name: '城管科', level: 'township' }];

let host;
let toasts;
function mount(api, extra = {}) {
  toasts = [];
  host = newHost();
  return mountDemandList(host, {
    ...viewCtx(api, toasts),
    office: { level: 'township' },
    shared: {
      options: async () => ({}),
      departments: async () => DEPARTMENTS,
      units: async () => ({ villages: [{ id: 'v1', label: '青溪社区' }] }),
    },
    ...extra,
  });
}

/** `given`: the moves of the first answer, instead of those the fake core works out. */
function demandApi(start = DEMAND, departments = DEPARTMENTS, given = null) {
  // Each demand the fake core answers with carries the moves it allows.
  const payload = (d) => ({ ...d, moves: demandMoves(d, departments) });
  let demand = given ? { ...start, moves: given } : payload(start);
  return fakeApi({
    listDemands: async () => [demand],
    demandStats: async () => ({ received: 1, assigned: 0, resolved: 0, resolvedOnTime: 0, overdue: 1, satisfied: 0 }),
    getDemand: async () => demand,
    revealDemandPhone: async () => '13800000000',
    moveDemand: async (id, args) => {
      demand = payload({
        ...demand, status: args.to, departmentName: args.departmentId ? '城管科' : demand.departmentName,
        history: [...demand.history, { from: demand.status, to: args.to, date: args.date, reason: args.reason }],
      });
      return demand;
    },
    escalateDemand: async (id, args) => {
      demand = payload({
        ...demand, status: 'accepted', level: args.level,
        history: [...demand.history, { from: demand.status, to: 'accepted', date: args.date, reason: args.reason, levelFrom: demand.level, levelTo: args.level }],
      });
      return demand;
    },
  });
}

describe('诉求 › 诉求 view', () => {
  domPerTest();

  test('the list marks an overdue demand; its detail offers 交办 with the department required', async () => {
    const api = demandApi();
    const view = mount(api);
    await settle();
    const row = host.querySelector('#demands-table tr[data-demand-id="5"]');
    assert.ok(row.hasAttribute('data-overdue'));
    assert.ok(textOf(row).includes('已逾期'));
    assert.ok(textOf(host.querySelector('#demand-stats')).length > 0);
    assert.equal(textOf(host.querySelector('label[for="demand-overdue-only"]')), '只看逾期');

    await dispatch(row, 'click');
    await settle();
    assert.equal(host.querySelector('#demand-list-pane').hidden, true);
    assert.equal(textOf(host.querySelector('#demand-detail-title')), '路灯不亮');
    assert.ok(textOf(host.querySelector('#demand-source-line')).includes('反映人：王阿姨'));
    assert.equal(host.querySelector('#demand-steps li[aria-current="step"]').getAttribute('data-step'), 'accepted');
    assert.equal(host.querySelector('#demand-advance').getAttribute('data-to'), 'assigned');
    assert.equal(host.querySelector('#demand-return'), null, 'nothing before 已受理');
    assert.equal(textOf(host.querySelector('#demand-escalate')), '上报…');
    assert.deepEqual(all(host, '#demand-departmentId option').map((o) => [o.value, textOf(o)]), [['', '选择承办部门…'], ['9', '城管科']]);
    assert.equal(host.querySelector('#demand-reporterPhone').value, '13800000000', 'the form has the full number');

    // No department: nothing is sent, the error says why.
    await dispatch(host.querySelector('#demand-advance'), 'click');
    assert.equal(api.calls.filter(([n]) => n === 'moveDemand').length, 0);
    assert.equal(host.querySelector('#demand-move-error').hidden, false);

    host.querySelector('#demand-departmentId').value = '9';
    host.querySelector('#demand-move-date').value = '2026-03-02';
    await dispatch(host.querySelector('#demand-advance'), 'click');
    await settle();
    const [, id, args] = api.calls.find(([n]) => n === 'moveDemand');
    assert.equal(id, 5);
    assert.deepEqual({ to: args.to, date: args.date, departmentId: args.departmentId }, { to: 'assigned', date: '2026-03-02', departmentId: '9' });
    assert.equal(host.querySelector('#demand-steps li[aria-current="step"]').getAttribute('data-step'), 'assigned');
    assert.ok(toasts.includes('“路灯不亮”已改为“已交办”'));
    assert.equal(all(host, '#demand-history [data-event-index]').length, 2);
    // The next step starts at that step's day, not today (a backlog is typed step by step).
    assert.equal(host.querySelector('#demand-move-date').value, '2026-03-02');
    view.dispose();
  });

  test('保存 sends the edited demand and keeps the full phone; 删除 names the demand as it is now', async () => {
    let demand = { ...DEMAND, moves: demandMoves(DEMAND, DEPARTMENTS) };
    const api = fakeApi({
      listDemands: async () => [demand],
      demandStats: async () => ({ received: 1, assigned: 0, resolved: 0, resolvedOnTime: 0, overdue: 1, satisfied: 0 }),
      getDemand: async () => demand,
      revealDemandPhone: async () => '13800000000',
      updateDemand: async (id, input) => {
        demand = { ...demand, ...input, reporterPhone: '138****1111', moves: demand.moves };
        return demand;
      },
      deleteDemand: async () => ({ id: 'bin-1' }),
    });
    const view = mount(api);
    await settle();
    await act(host.querySelector('#demands-table tr[data-demand-id="5"]'));
    host.querySelector('#demand-title').value = '3号楼路灯不亮';
    host.querySelector('#demand-reporterPhone').value = '13800001111';
    await act(host.querySelector('#demand-form'), 'submit');
    const [, id, input] = api.calls.find(([n]) => n === 'updateDemand');
    assert.equal(id, 5);
    assert.equal(input.title, '3号楼路灯不亮');
    assert.ok(toasts.includes('已保存'), toasts.join('|'));
    assert.equal(textOf(host.querySelector('#demand-detail-title')), '3号楼路灯不亮');
    assert.equal(host.querySelector('#demand-reporterPhone').value, '13800001111', 'the number just saved, not the masked one');

    await clickAndConfirm(host.querySelector('#demand-delete'), (dlg) => {
      assert.ok(textOf(dlg.querySelector('#confirm-message')).includes('“3号楼路灯不亮”'));
    });
    assert.deepEqual(api.calls.find(([n]) => n === 'deleteDemand'), ['deleteDemand', 5]);
    assert.ok(toasts.includes('已删除“3号楼路灯不亮”，可在回收站恢复'), toasts.join('|'));
    view.dispose();
  });

  test('退回… needs a reason; 上报上级… sends the level and reason, and the history says 上报', async () => {
    const api = demandApi({ ...DEMAND, status: 'assigned', departmentName: '城管科' });
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
    await settle();
    await dispatch(host.querySelector('#demand-return'), 'click');
    let dlg = document.querySelector('#return-dialog');
    assert.equal(textOf(dlg.querySelector('#return-dialog-title')), '退回诉求');
    assert.deepEqual(all(dlg, '#return-to option').map((o) => o.value), ['accepted']);
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    assert.equal(api.calls.filter(([n]) => n === 'moveDemand').length, 0);
    // The day of the return is shown, from the step bar's date, and sent as typed.
    assert.equal(dlg.querySelector('#return-date').value, host.querySelector('#demand-move-date').value);
    dlg.querySelector('#return-date').value = ' 2026-03-09 ';
    dlg.querySelector('#return-reason').value = '部门不对';
    await dispatch(dlg.querySelector('#return-ok'), 'click');
    await settle();
    const [, , back] = api.calls.find(([n]) => n === 'moveDemand');
    assert.deepEqual([back.to, back.date, back.reason], ['accepted', '2026-03-09', '部门不对']);
    assert.equal(document.querySelector('#return-dialog'), null);

    await dispatch(host.querySelector('#demand-escalate'), 'click');
    dlg = document.querySelector('#escalate-dialog');
    assert.ok(dlg);
    // The 办理时限 it keeps, said (probe AH: it reached the county already 逾期).
    assert.match(textOf(dlg.querySelector('#escalate-deadline-note')), /办理时限仍是 2026-03-10（已逾期）/);
    dlg.querySelector('#escalate-reason').value = '本级无法解决';
    await dispatch(dlg.querySelector('#escalate-ok'), 'click');
    await settle();
    const [, , args] = api.calls.find(([n]) => n === 'escalateDemand');
    assert.equal(args.level, 'county', 'the first level the payload offers');
    assert.equal(args.reason, '本级无法解决');
    assert.equal(document.querySelector('#escalate-dialog'), null);
    const last = all(host, '#demand-history li').at(-1);
    assert.ok(textOf(last).includes('上报'));
    assert.ok(last.querySelector('[data-level-change]'));
    assert.equal(host.querySelector('#demand-level').value, 'county', 'the form follows the new level');
    view.dispose();
  });

  test('the detail offers exactly the moves of the payload: 办结 with its result, 退回, 上报 to the levels given', async () => {
    const start = { ...DEMAND, status: 'in_progress', departmentName: '城管科' };
    // Moves the UI could not have worked out itself (上报 to 市 only).
    const given = [
      {
        to: 'resolved', toLabel: '已办结', label: '办结', back: false, needsReason: false, action: 'move', blocked: null,
        fields: [{ name: 'result', label: '办理结果', required: true, choices: [] }], hint: '写明办理结果。',
      },
      { to: 'accepted', toLabel: '已受理', label: '退回到“已受理”', back: true, needsReason: true, fields: [], action: 'move', blocked: null, hint: '' },
      {
        to: 'accepted', toLabel: '已受理', label: '上报', back: false, needsReason: true, action: 'escalate', blocked: null,
        fields: [{ name: 'level', label: '上报到', required: true, choices: [{ value: 'city', label: '市' }] }], hint: '上报后重新受理。',
      },
    ];
    const api = demandApi(start, DEPARTMENTS, given);
    const view = mount(api);
    await settle();
    await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
    await settle();
    const buttons = all(host, '#demand-move button').map((b) => [b.id, textOf(b), b.getAttribute('data-to'), !!b.disabled]);
    // 办结 asks for its result first: its button comes after the box, the others beside the step.
    assert.deepEqual(buttons, [
      ['demand-return', '退回…', null, false], ['demand-escalate', '上报…', null, false], ['demand-advance', '办结', 'resolved', false],
    ]);
    const order = all(host, '#demand-move textarea, #demand-move button').map((e) => e.id || e.tagName.toLowerCase());
    assert.ok(order.indexOf('textarea') !== -1 || order.some((x) => x.includes('result')), order.join());
    const box = order.findIndex((x) => x === 'textarea' || x.includes('result'));
    assert.ok(box < order.indexOf('demand-advance'), `the result box before 办结: ${order.join()}`);
    assert.equal(textOf(host.querySelector('#demand-move-hint')), '写明办理结果。');

    await dispatch(host.querySelector('#demand-escalate'), 'click');
    let dlg = document.querySelector('#escalate-dialog');
    assert.deepEqual(all(dlg, '#escalate-level option').map((o) => [o.value, textOf(o)]), [['city', '市']]);
    assert.ok(textOf(dlg).includes('上报后重新受理。'), 'the core\'s hint');
    await dispatch(dlg.querySelector('#escalate-cancel'), 'click');

    await dispatch(host.querySelector('#demand-return'), 'click');
    dlg = document.querySelector('#return-dialog');
    assert.deepEqual(all(dlg, '#return-to option').map((o) => [o.value, textOf(o)]), [['accepted', '已受理']]);
    await dispatch(dlg.querySelector('#return-cancel'), 'click');

    await dispatch(host.querySelector('#demand-advance'), 'click');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'moveDemand').length, 0, 'no result, nothing sent');
    assert.equal(textOf(host.querySelector('#demand-move-error')), '请填写办理结果。');
    host.querySelector('#demand-result').value = ' 已更换灯泡 ';
    host.querySelector('#demand-move-date').value = '2026-03-04';
    await dispatch(host.querySelector('#demand-advance'), 'click');
    await settle();
    assert.deepEqual(api.calls.filter(([n]) => n === 'moveDemand'), [['moveDemand', 5, {
      to: 'resolved', date: '2026-03-04', reason: '', departmentId: '', result: '已更换灯泡', satisfaction: '',
    }]]);
    assert.equal(host.querySelector('#demand-steps li[aria-current="step"]').getAttribute('data-step'), 'resolved');
    assert.equal(host.querySelector('#demand-escalate'), null, 'the payload offers no 上报 once resolved');
    assert.deepEqual(all(host, '#demand-satisfaction option').map((o) => o.value), ['', 'satisfied', 'basic', 'unsatisfied']);
    view.dispose();
  });

  test('with no departments 交办 is blocked and offers 去添加部门', async () => {
    const api = demandApi(DEMAND, []);
    const nav = [];
    host = null;
    const view = (() => {
      toasts = [];
      host = document.createElement('div');
      document.body.append(host);
      return mountDemandList(host, {
        api, toast() {}, alert() {}, clearAlert() {}, onError() {}, office: { level: 'township' }, navigate: (...a) => nav.push(a),
        shared: { options: async () => ({}), departments: async () => [], units: async () => ({ villages: [] }) },
      });
    })();
    await settle();
    await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#demand-advance').disabled, true);
    assert.equal(textOf(host.querySelector('#demand-move-blocked')), `${NO_DEPARTMENT}去添加部门`);
    await dispatch(host.querySelector('#demand-go-departments'), 'click');
    assert.deepEqual(nav, [['contacts', { tab: 'departments' }]]);
    view.dispose();
  });

  test('what the end-to-end tests select is there', async () => {
    const view = mount(demandApi());
    await settle();
    const missing = (ids) => ids.filter((id) => !host.querySelector(`#${id}`));
    assert.deepEqual(missing(['demand-new', 'demand-stats', 'demand-search', 'demand-filter-status', 'demand-filter-level',
      'demand-filter-department', 'demand-filter-source', 'demand-period', 'demand-overdue-only', 'demands-table',
      'demand-detail']), []);
    assert.equal(textOf(host.querySelector('#demand-new')), '登记诉求');
    await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
    await settle();
    assert.deepEqual(missing(['demand-back', 'demand-detail-title', 'demand-steps', 'demand-move', 'demand-move-date',
      'demand-departmentId', 'demand-advance', 'demand-escalate', 'demand-move-error', 'demand-history', 'demand-source-line',
      'demand-facts', 'demand-delete', 'demand-form', 'demand-title', 'demand-save', 'demand-category', 'demand-deadline',
      'demand-source', 'demand-reporter', 'demand-reporterPhone', 'demand-unitId', 'demand-level', 'demand-receivedOn',
      'demand-description']), []);
    for (const t of ['办理记录', '反映人']) assert.ok(textOf(host).includes(t), t);
    // Each id once: the 来源 label's `for` finds the form's select, not the source line.
    const ids = [...host.querySelectorAll('[id]')].map((e) => e.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    assert.equal(host.querySelector('#demand-source').tagName.toLowerCase(), 'select');
    view.dispose();
  });

  test('办理时限: a stored demand asks why it moves; once resolved it stays', async () => {
    let view = mount(demandApi({ ...DEMAND, status: 'assigned' }));
    await settle();
    await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
    await settle();
    assert.ok(host.querySelector('#demand-deadlineReason'), 'the reason beside the 时限');
    assert.equal(host.querySelector('#demand-deadline').disabled, false);
    view.dispose();
    view = mount(demandApi({ ...DEMAND, status: 'resolved', resolvedOn: '2026-03-09' }));
    await settle();
    await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#demand-deadlineReason'), null);
    assert.equal(host.querySelector('#demand-deadline').disabled, true);
    assert.ok(textOf(host.querySelector('#demand-form')).includes('不能再改'));
    view.dispose();
  });

  test('打印督办单 of an overdue demand, 打印交办单 once it is on time: A4 sheet with the fields and lines to sign', async () => {
    const printed = [];
    globalThis.print = () => printed.push(document.querySelector('#demand-print-sheet'));
    try {
      const view = mount(demandApi({ ...DEMAND, status: 'assigned', departmentName: '城管科' }),
        { office: { level: 'township', name: '青溪街道' } });
      await settle();
      await dispatch(host.querySelector('tr[data-demand-id="5"]'), 'click');
      await settle();
      const btn = host.querySelector('#demand-print');
      assert.equal(textOf(btn), '打印督办单', 'overdue: a supervision notice');
      await dispatch(btn, 'click');
      const sheet = printed[0];
      assert.ok(sheet, 'printed through the print sheet');
      assert.equal(textOf(sheet.querySelector('.print-sheet-title')), '青溪街道诉求督办单');
      const rows = Object.fromEntries(Array.from(sheet.querySelectorAll('tr')).map((tr) => [
        textOf(tr.querySelector('th')), textOf(tr.querySelector('td'))]));
      assert.equal(rows['诉求事项'], '路灯不亮');
      assert.equal(rows['承办部门'], '城管科');
      assert.equal(rows['办理时限'], '2026-03-10');
      assert.equal(rows['反映人'], '王阿姨 138****0000', 'the phone stays masked');
      assert.equal(rows['诉求内容'], '3号楼前的路灯坏了');
      assert.ok(textOf(sheet).includes('承办部门（签收）：'));
      assert.ok(textOf(sheet).includes('交办单位（盖章）：'));
      assert.match(textOf(sheet.querySelector('#demand-print-request')), /^督办要求：该诉求已超过办理时限 \d+ 天仍未办结/);
      assert.ok(document.body.classList.contains('printing-sheet'));
      view.dispose();
    } finally {
      delete globalThis.print;
    }
  });

  test('批量交办: tick two demands, choose the department, the sentence names it, one call', async () => {
    const two = [DEMAND, { ...DEMAND, id: 6, title: '占道经营' }];
    const api = fakeApi({
      listDemands: async () => two,
      demandStats: async () => ({ received: 2, assigned: 0, resolved: 0, resolvedOnTime: 0, overdue: 2, satisfied: 0 }),
      batchApply: async (input) => ({ action: '交办', changed: input.ids.length, unchanged: 0, items: [], undo: '变更记录' }),
    });
    mount(api);
    await settle();
    await dispatch(host.querySelector('#demands-select-page'), 'click');
    assert.equal(textOf(host.querySelector('#demands-selected-count')), '已选 2 件');
    await dispatch(host.querySelector('#demands-batch-assign'), 'click');
    assert.equal(document.querySelector('#batch-departmentId').value, '9');
    document.querySelector('#batch-date').value = '2026-03-02';
    await dispatch(document.querySelector('#batch-date'), 'change');
    assert.equal(textOf(document.querySelector('#batch-confirm-text')), '将 2 件诉求交办给“城管科”，日期 2026-03-02。');
    await dispatch(document.querySelector('#batch-ok'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'batchApply');
    assert.deepEqual(input, { ids: ['5', '6'], action: 'demandsAssign', departmentId: '9', date: '2026-03-02' });
    assert.ok(api.calls.filter(([n]) => n === 'listDemands').length >= 2, 'the list reloaded');
  });
});

describe('诉求 › a demand made from a visit', () => {
  domPerTest();

  test('its visit in the recycle bin: 去回收站恢复, not a dead 查看走访记录; 删除 names its 受理日期', async () => {
    const navigated = [];
    const gone = { ...DEMAND, source: 'visit', sourceRef: 'v7', sourceGone: true, sourceText: '（来源走访记录已删除，在回收站中可恢复）' };
    const api = demandApi(gone);
    mount(api, { navigate: (to) => navigated.push(to) });
    await settle();
    await dispatch(host.querySelector('#demands-table tr[data-demand-id="5"]'), 'click');
    await settle();
    assert.equal(host.querySelector('#demand-source-visit'), null);
    await clickAndConfirm(host.querySelector('#demand-delete'), (dlg) => {
      assert.equal(textOf(dlg.querySelector('#confirm-message')),
        '确定删除诉求“路灯不亮”（受理日期 2026-03-01）吗？删除后可在回收站恢复，恢复后仍与原走访记录关联。');
    });
    await dispatch(host.querySelector('#demand-source-recycle'), 'click');
    await settle();
    assert.deepEqual(navigated, ['recycle']);
  });

  test('one imported as 领导联系点走访 without a visit may take another source', async () => {
    const api = demandApi({ ...DEMAND, source: 'visit', sourceRef: null });
    mount(api);
    await settle();
    await dispatch(host.querySelector('#demands-table tr[data-demand-id="5"]'), 'click');
    await settle();
    const source = host.querySelector('#demand-source');
    assert.ok(source, 'the form has 来源');
    assert.equal(source.disabled, false);
    assert.ok([...source.options].length > 1, 'every source offered');
    assert.equal(source.value, 'visit');
    // Not linked to a visit: its 删除 does not speak of one.
    await clickAndConfirm(host.querySelector('#demand-delete'), (dlg) => {
      assert.doesNotMatch(textOf(dlg.querySelector('#confirm-message')), /走访/);
    });
  });
});

describe('诉求 › 下级报送 (county, city)', () => {
  domPerTest();

  test('a county sees the demands its townships sent up, overdue first and on their own, read-only', async () => {
    const { mountDemands } = await import('../../ui/js/views/demands.js');
    const received = [
      {
        officeCode: '320115101000', officeName: '青溪街道', asOf: '2026-12-07', id: 'd1', title: '桥头护栏损坏', category: '道路交通',
        unitName: '石塘村', levelLabel: '县/区', department: '区交通运输局', receivedOn: '2026-11-20', deadline: '2026-11-30',
        statusLabel: '已交办', resolvedOn: '', overdue: true, description: '桥头护栏断了两根',
        history: [
          { date: '2026-11-20', from: null, to: 'accepted', levelFrom: null, levelTo: null, department: '', reason: '' },
          { date: '2026-11-21', from: 'accepted', to: 'accepted', levelFrom: 'township', levelTo: 'county', department: '', reason: '需区交通局维修' },
        ],
      },
      {
        officeCode: '320115101000', officeName: '青溪街道', asOf: '2026-12-07', id: 'd2', title: '地铁接驳公交', category: '',
        unitName: '青溪社区', levelLabel: '市', department: '', receivedOn: '2026-11-21', deadline: '',
        statusLabel: '已受理', resolvedOn: '', overdue: false,
      },
    ];
    const api = fakeApi({
      receivedDemands: async () => received,
      listDemands: async () => [], demandStats: async () => ({}), listWorkingGroups: async () => [],
    });
    const h0 = newHost();
    const dispose = mountDemands(h0, { ...viewCtx(api, []), office: { level: 'county', name: '江宁区' } });
    await settle();
    await dispatch(h0.querySelector('#demands-tab-received'), 'click');
    await settle();
    const rows = () => all(h0, '#received-demands-table tbody tr.demand-row');
    assert.equal(rows().length, 2);
    assert.match(textOf(rows()[0]), /青溪街道.*桥头护栏损坏.*石塘村.*县\/区.*区交通运输局.*逾期/);
    assert.match(textOf(rows()[1]), /未交办/);
    assert.equal(textOf(h0.querySelector('#received-demands-summary')), '共 2 件，其中逾期 1 件。');
    // 详情: what it is about and why it was sent up (probe AH).
    await dispatch(rows()[0].querySelector('button'), 'click');
    await settle();
    const detail = textOf(h0.querySelector('#received-demand-detail-0'));
    assert.match(detail, /桥头护栏断了两根/);
    assert.match(detail, /上报上级.*需区交通局维修/);
    const only = h0.querySelector('#received-demands-overdue');
    only.checked = true;
    await dispatch(only, 'change');
    assert.equal(rows().length, 1);
    assert.deepEqual(all(h0, '#received-demands-table button').map(textOf), ['详情'], 'read-only: only 详情 to press');
    // 导出Excel: the list to forward to the departments (probe AK), written by the core.
    const api2 = api;
    api2.exportReceivedDemands = async () => 2;
    await dispatch(h0.querySelector('#received-demands-export'), 'click');
    await settle();
    assert.match(textOf(document.querySelector('#export-dialog')), /下级报送文件里应由本级办理的全部诉求/);
    document.querySelector('#export-path').value = 'D:/下级报送的诉求.xlsx';
    await dispatch(document.querySelector('#export-go'), 'click');
    await settle();
    assert.ok(api.calls.some(([n, path]) => n === 'exportReceivedDemands' && path === 'D:/下级报送的诉求.xlsx'), JSON.stringify(api.calls.map(([n]) => n)));
    dispose();
    // A township has no such tab.
    const h1 = newHost();
    const d1 = mountDemands(h1, { ...viewCtx(api, []), office: { level: 'township' } });
    await settle();
    assert.equal(h1.querySelector('#demands-tab-received'), null);
    d1();
  });
});
