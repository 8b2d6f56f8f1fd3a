// The tabbed screens mounted whole in the fake DOM with a fake api: 联系点 (领导,
// 联系点 with its visits and 转为诉求, 覆盖, 部门), 诉求 › 协调机制, and the 党建 / 共建
// frames. What the end-to-end tests select and the clerk reads must be there; this
// replaces the old greps of the view sources for those ids, attributes and texts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, missingIds, domPerTest } from './dom-env.mjs';
import { mountContacts } from '../../ui/js/views/contacts.js';
import { mountDemands } from '../../ui/js/views/demands.js';
import { mountParty } from '../../ui/js/views/party.js';
import { mountCobuild } from '../../ui/js/views/cobuild.js';
import { UNITS } from './fixtures.mjs';

const LEADER = { id: 1, name: '赵书记', level: 'township', post: '党工委书记', unit: '青溪街道', phone: '139****2222', points: 1, note: '' };
const POINT = {
  id: 7, leaderId: 1, leaderName: '赵书记', leaderLevel: 'township', unitId: 'v1', unitName: '青溪社区', unitPath: '青溪社区',
  startOn: '2026-01-01', endOn: '', note: '', visits: 1, active: true,
};
const VISIT = { id: 70, contactPointId: 7, visitedOn: '2026-03-02', visitors: '赵书记', found: '路灯不亮', coordinated: '', demands: [] };
const COVERAGE = {
  total: 2, covered: 1,
  rows: [
    { unitId: 'v1', kind: 'village', name: '青溪社区', path: '青溪社区', leaders: [{ name: '赵书记', levelLabel: '乡镇/街道' }] },
    { unitId: 'v2', kind: 'village', name: '石塘村', path: '石塘村', leaders: [] },
  ],
  villagesWithoutTownshipLeader: [{ unitId: 'v2', name: '石塘村', path: '石塘村' }],
};

/** A fake api: list… answers [], …Options {}, the rest from `impl`; every call is recorded. */
const api = (impl = {}) => fakeApi(impl, [[/^list/, () => []], [/Options$/, () => ({})]]);

let host;
const ctx = (a, extra = {}) => viewCtx(a, [], { office: { level: 'township', name: '青溪街道' }, navigate() {}, ...extra });
const missing = missingIds;

describe('联系点 screens', () => {
  domPerTest(() => { host = newHost(); });

  test('领导: the tabs, the table and a leader with the points arranged', async () => {
    const a = api({
      listUnits: async () => UNITS, listLeaders: async () => [LEADER], listContactPoints: async () => [POINT],
      revealLeaderPhone: async () => '13900002222',
    });
    const dispose = mountContacts(host, ctx(a));
    await settle();
    assert.ok(document.querySelector('#contacts-view'));
    assert.equal(textOf(host.querySelector('#contacts-title')), '领导联系点');
    assert.deepEqual(all(host, '[data-contacts-tab]').map((b) => b.getAttribute('data-contacts-tab')), ['leaders', 'points', 'coverage', 'departments']);
    assert.deepEqual(all(host, '[data-contacts-tab]').map(textOf), ['领导', '联系点', '覆盖', '部门']);
    const row = host.querySelector('#leaders-table tr[data-leader-id="1"]');
    assert.ok(textOf(row).includes('赵书记'));
    await dispatch(row, 'click');
    await settle();
    assert.deepEqual(missing(['leader-form', 'leader-name', 'leader-level', 'leader-post', 'leader-unit', 'leader-phone',
      'leader-note', 'leader-save', 'leader-add-point', 'leader-points']), []);
    assert.equal(host.querySelector('#leader-phone').value, '13900002222', 'the form has the full number');
    assert.ok(host.querySelector('#leader-points [data-leader-point-id="7"]'));
    const seen = textOf(host);
    for (const t of ['新增领导', '联系电话', '安排联系点']) assert.ok(seen.includes(t), t);
    dispose();
  });

  test('联系点: the points, a point\'s visits, and 转为诉求 opens the demand form', async () => {
    const a = api({
      listUnits: async () => UNITS, listLeaders: async () => [LEADER], listContactPoints: async () => [POINT],
      listVisits: async () => [VISIT],
    });
    const dispose = mountContacts(host, ctx(a, { route: { tab: 'points' } }));
    await settle();
    assert.deepEqual(missing(['points-table', 'points-filter-leader', 'point-new']), []);
    await dispatch(host.querySelector('#points-table tr[data-point-id="7"]'), 'click');
    await settle(10);
    assert.deepEqual(missing(['point-form', 'point-leaderId', 'point-unitId', 'point-startOn', 'point-endOn', 'point-note',
      'point-kind-hint', 'visits-section', 'visits-table', 'visit-new']), []);
    // The visits under the points list, in its column, beside the point's form (not below the form).
    const section = host.querySelector('#visits-section');
    assert.ok(section.parentNode === host.querySelector('#points-table-host').parentNode, 'in the list\'s column');
    assert.ok(!host.querySelector('#point-detail').contains(section));
    const visit = host.querySelector('#visits-table tr[data-visit-id="70"]');
    assert.ok(textOf(visit).includes('路灯不亮'));
    await dispatch(visit, 'click');
    await settle();
    assert.deepEqual(missing(['visit-form', 'visit-visitedOn', 'visit-visitors', 'visit-found', 'visit-coordinated', 'visit-to-demand']), []);
    await dispatch(host.querySelector('[data-visit-to-demand="70"]'), 'click');
    await settle();
    assert.deepEqual(missing(['demand-dialog', 'demand-dialog-error', 'demand-title', 'demand-category', 'demand-level',
      'demand-receivedOn', 'demand-deadline', 'demand-description', 'demand-reporterPhone']), []);
    // The residents' description is in the demand; 反映人 is left to fill, not the visiting leader.
    assert.equal(document.querySelector('#demand-description').value, VISIT.found);
    assert.equal(document.querySelector('#demand-reporter').value, '');
    const seen = textOf(document.body);
    for (const t of ['新增联系点', '走访记录', '记录走访', '转为诉求', '发现的问题', '协调解决的事项', '保存为诉求']) assert.ok(seen.includes(t), t);
    dispose();
  });

  test('a visit already turned into a demand offers to make another, not the same again', async () => {
    const turned = { ...VISIT, demands: [{ id: 'd1', title: '路灯不亮', statusLabel: '已交办' }] };
    const a = api({
      listUnits: async () => UNITS, listLeaders: async () => [LEADER], listContactPoints: async () => [POINT],
      listVisits: async () => [turned],
    });
    const dispose = mountContacts(host, ctx(a, { route: { tab: 'points' } }));
    await settle();
    await dispatch(host.querySelector('#points-table tr[data-point-id="7"]'), 'click');
    await settle(10);
    assert.equal(textOf(host.querySelector('[data-visit-to-demand="70"]')), '再转一条诉求');
    await dispatch(host.querySelector('#visits-table tr[data-visit-id="70"]'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#visit-to-demand')), '再转一条诉求…');
    dispose();
  });

  test('覆盖: the summary, the uncovered in red with 安排联系领导, and the township gaps', async () => {
    const a = api({ listUnits: async () => UNITS, contactCoverage: async () => COVERAGE });
    const dispose = mountContacts(host, ctx(a, { route: { tab: 'coverage' } }));
    await settle();
    assert.deepEqual(missing(['coverage-summary', 'coverage-table', 'coverage-only-uncovered', 'township-gaps', 'township-gaps-list']), []);
    assert.ok(textOf(host.querySelector('#coverage-summary')).includes('1/2'));
    const gap = host.querySelector('#coverage-table [data-unit-id="v2"]') ?? host.querySelector('#coverage-table tr:not([data-unit-id="v1"])');
    assert.ok(gap.querySelector('[data-uncovered]'));
    assert.ok(gap.querySelector('[data-assign-unit]'));
    assert.ok(host.querySelector('#township-gaps-list [data-gap-unit-id="v2"]'));
    const seen = textOf(host);
    for (const t of ['无联系领导', '只看没有联系领导的', '乡镇/街道领导全覆盖的缺口', '安排联系领导']) assert.ok(seen.includes(t), t);
    dispose();
  });

  test("覆盖 at a county: each township's coverage from its file, its gaps named; no own table without targets (probe AA)", async () => {
    const received = [
      { officeCode: '320115000000', officeName: '江宁区', asOf: '2026-12-07', total: 0, covered: 0, uncovered: [], villagesWithoutTownshipLeader: [] },
      { officeCode: '320115101000', officeName: '青溪街道', asOf: '2026-12-05', total: 40, covered: 11,
        uncovered: [{ unitId: 'x', kind: 'compound', name: '和园小区', path: '梧桐社区 › 和园小区' }],
        villagesWithoutTownshipLeader: [{ unitId: 'v', kind: 'village', name: '石塘村', path: '石塘村' }] },
    ];
    const a = api({
      listUnits: async () => [], contactCoverage: async () => ({ rows: [], uncovered: [], villagesWithoutTownshipLeader: [], covered: 0, total: 0 }),
      receivedContactCoverage: async () => received,
    });
    const dispose = mountContacts(host, ctx(a, { route: { tab: 'coverage' }, office: { code: '320115000000', name: '江宁区', level: 'county' } }));
    await settle();
    const rows = all(host, '#coverage-received-table tbody tr');
    assert.deepEqual(rows.map((r) => r.getAttribute('data-office-code')), ['320115101000'], 'the county itself has no targets');
    assert.match(textOf(rows[0]), /青溪街道截至 2026-12-0511 \/ 4027\.5%石塘村1 个梧桐社区 › 和园小区/);
    assert.equal(host.querySelector('#coverage-own').hidden, true);
    dispose();
  });

  test('部门: the departments table', async () => {
    const a = api({ listUnits: async () => UNITS, listDepartments: async () => [{ id: 1, name: '城管科', level: 'township' }] });
    const dispose = mountContacts(host, ctx(a, { route: { tab: 'departments' } }));
    await settle();
    assert.ok(host.querySelector('#departments-table tr[data-department-id="1"]'));
    dispose();
  });
});

describe('诉求 › 协调机制, 党建 and 共建 frames', () => {
  domPerTest(() => { host = newHost(); });

  test('协调机制: groups and working meetings with the shared decisions editor', async () => {
    const a = api({
      listUnits: async () => UNITS,
      listWorkingGroups: async () => [{ id: 3, name: '燃气安全专班', topic: '燃气', leadUnit: '应急办', members: '城管科', note: '' }],
      listWorkingMeetings: async () => [{
        id: 9, groupId: 3, groupName: '燃气安全专班', heldOn: '2026-03-05', participants: '应急办', topics: '排查', decisions: [], note: '',
      }],
    });
    const dispose = mountDemands(host, ctx(a, { route: { tab: 'coordination' } }));
    await settle();
    assert.ok(document.querySelector('#demands-view'));
    assert.deepEqual(all(host, '[data-demands-tab]').map(textOf), ['诉求', '协调机制']);
    assert.deepEqual(missing(['groups-table', 'wmeetings-table', 'wmeeting-filter-group', 'group-new', 'wmeeting-new']), []);
    await dispatch(host.querySelector('#groups-table tr[data-group-id="3"]'), 'click');
    await settle();
    assert.deepEqual(missing(['group-name', 'group-topic', 'group-leadUnit', 'group-members', 'group-note']), []);
    await dispatch(host.querySelector('#group-cancel'), 'click');
    await dispatch(host.querySelector('#wmeeting-new'), 'click');
    await settle();
    assert.deepEqual(missing(['wmeeting-groupId', 'wmeeting-heldOn', 'wmeeting-participants', 'wmeeting-topics',
      'wmeeting-decisions', 'wmeeting-add-decision', 'wmeeting-note']), []);
    await dispatch(host.querySelector('#wmeeting-add-decision'), 'click');
    assert.ok(all(host, '#wmeeting-decisions [data-decision-row]').length >= 1);
    assert.ok(host.querySelector('#wmeeting-decisions [data-decision-field="owner"]'));
    assert.ok(host.querySelector('#wmeeting-decisions [data-decision-remove]'));
    const seen = textOf(host);
    for (const t of ['专项工作组', '工作会议', '牵头单位', '成员单位', '参会人员', '决定事项', '添加一条决定事项', '责任人', '完成时限', '已办结']) {
      assert.ok(seen.includes(t), t);
    }
    dispose();
  });

  test('党建 and 共建: their views and tabs', async () => {
    const a = api({
      listUnits: async () => UNITS, sanliangList: async () => ({ rows: [], compounds: 0, complete: 0 }),
      listProjects: async () => [],
    });
    let dispose = mountParty(host, ctx(a));
    await settle();
    assert.ok(document.querySelector('#party-view'));
    assert.deepEqual(all(host, '[data-party-tab]').map(textOf), ['三亮', '委员会', '联席会议']);
    assert.equal(textOf(host.querySelector('#party-title')), '党建');
    dispose();
    host.replaceChildren();
    dispose = mountCobuild(host, ctx(a));
    await settle();
    assert.ok(document.querySelector('#cobuild-view'));
    assert.deepEqual(all(host, '[data-cobuild-tab]').map(textOf), ['项目', '共建单位']);
    assert.ok(host.querySelector('#projects-export'));
    assert.equal(textOf(host.querySelector('#cobuild-title')), '共建');
    for (const t of ['导出Excel', '从Excel导入', '下载导入模板']) assert.ok(textOf(host).includes(t), t);
    dispose();
  });
});
