// 减负 › 专项整治 (issue 15 item 4): the pure filters, counts and parsing of the four
// registers, and the screen in the fake DOM: the register chooser, a plaque saved
// through the api, a 回头看 with a rebound, the evidence upload, unapproved and overdue
// secondments standing out, and 减负's tabs.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, clickAndConfirm, submitFormWith, domPerTest, newHost } from './dom-env.mjs';
import {
  filterEntries, countEntries, countsText, parseEntryForm, parseRecheckForm, entryRowClass, secondmentState,
} from '../../ui/js/logic/cleanups.js';
import { mountCleanups } from '../../ui/js/views/cleanups/index.js';
import { issuedCell, fieldsOf } from '../../ui/js/views/cleanups/register.js';
import { mountJianfu } from '../../ui/js/views/jianfu.js';

const UNITS = [
  { id: 'v1', kind: 'village', name: '青溪社区' },
  { id: 'v2', kind: 'village', name: '桃园村' },
  { id: 'g1', kind: 'base_grid', name: '第一网格', parentId: 'v1' },
];

const PLAQUES = [
  { id: 'p1', register: 'plaques', name: '老年协会', unitId: 'v1', unitName: '青溪社区', department: '区民政局', decisionLabel: '摘除', statusLabel: '摘除', resultDate: '2026-04-01', removed: true, attachments: [], rechecks: [] },
  { id: 'p2', register: 'plaques', name: '科普示范站', unitId: 'v2', unitName: '桃园村', department: '区科协', decisionLabel: '摘除', statusLabel: '反弹待重新认定', resultDate: null, reopenedOn: '2026-09-15', removed: false, attachments: [], rechecks: [{ id: 'c1', date: '2026-09-15', found: '又挂回去了', rebound: true, previousDecisionLabel: '摘除', previousResultDate: '2026-04-01' }] },
  { id: 'p3', register: 'plaques', name: '村民委员会', unitId: 'v2', unitName: '桃园村', department: '区民政局', decisionLabel: '保留', statusLabel: '保留', resultDate: '2026-04-01', removed: false, attachments: [], rechecks: [] },
];

const SECONDMENTS = [
  { id: 's1', register: 'secondments', name: '甲', idNumber: '3201**********0012', unitName: '青溪社区', unitId: 'v1', department: '区委组织部', startDate: '2026-01-01', endDate: '2026-06-30', approved: true, approvalNumber: '江宁借准〔2026〕3号', active: true, overdue: true, unapproved: false, rechecks: [], attachments: [] },
  { id: 's2', register: 'secondments', name: '乙', idNumber: '3201**********0025', unitName: '乡镇（街道）机关', unitId: null, department: '区信访局', startDate: '2026-03-01', endDate: '2027-02-28', approved: false, approvalNumber: '', active: true, overdue: false, unapproved: true, rechecks: [], attachments: [] },
  { id: 's3', register: 'secondments', name: '丙', idNumber: '3201**********0038', unitName: '乡镇（街道）机关', unitId: null, department: '区信访局', startDate: '2026-02-01', endDate: '2026-05-31', approved: false, active: false, overdue: false, unapproved: false, removed: true, decisionLabel: '结束借调', resultDate: '2026-05-31', rechecks: [], attachments: [] },
];

describe('专项整治 logic', () => {
  test("a certificate's count says the year it is of, and its form says so when it has one", () => {
    assert.equal(issuedCell({ issuedThisYear: 12, issuedYear: 2026 }), '12 份（2026年）');
    assert.equal(issuedCell({ issuedThisYear: 0, issuedYear: 2027 }), '0 份（2027年）');
    assert.equal(issuedCell({ issuedThisYear: null }), '—');
    const reg = { value: 'certificates', decisions: ['保留', '取消'], unitLabel: '村/社区', nameLabel: '证明事项名称', departmentLabel: '要求出具部门', dateLabel: '处理日期' };
    const hint = (entry) => fieldsOf(reg, { villages: [], entry }).find((f) => f.field === 'issuedThisYear').hint;
    assert.equal(hint({ issuedThisYear: 12, issuedYear: 2026 }), '现为 2026 年的数量；数量改动后记为今年的。');
    assert.equal(hint(null), null);
  });

  test('filters by village, status and search; counts what stands out', () => {
    assert.deepEqual(filterEntries(PLAQUES, { unitId: 'v2' }).map((e) => e.id), ['p2', 'p3']);
    assert.deepEqual(filterEntries(PLAQUES, { status: 'reopened' }).map((e) => e.id), ['p2']);
    assert.deepEqual(filterEntries(PLAQUES, { status: 'removed' }).map((e) => e.id), ['p1']);
    assert.deepEqual(filterEntries(PLAQUES, { status: 'kept' }).map((e) => e.id), ['p3']);
    assert.deepEqual(filterEntries(PLAQUES, { search: '科协' }).map((e) => e.id), ['p2']);
    assert.deepEqual(filterEntries(SECONDMENTS, { unitId: '-' }).map((e) => e.id), ['s2', 's3']);
    assert.deepEqual(filterEntries(SECONDMENTS, { status: 'overdue' }).map((e) => e.id), ['s1']);
    assert.deepEqual(filterEntries(SECONDMENTS, { status: 'unapproved' }).map((e) => e.id), ['s2']);
    assert.deepEqual(filterEntries(SECONDMENTS, { status: 'ended' }).map((e) => e.id), ['s3']);
    assert.equal(countEntries(SECONDMENTS).active, 2);
    assert.equal(countsText('plaques', PLAQUES, 3), '已摘除 1 条 · 反弹待重新认定 1 条');
    assert.match(countsText('secondments', SECONDMENTS, 1), /^整个台账 \d+ 人：在借调 2 人（其中逾期未返回 1 人、未经准入 1 人）/);
    assert.match(entryRowClass(SECONDMENTS[0]), /is-overdue/);
    assert.match(entryRowClass(SECONDMENTS[1]), /is-unapproved/);
    assert.match(entryRowClass(PLAQUES[1]), /is-reopened/);
    assert.equal(secondmentState(SECONDMENTS[1]), '在借调 · 未经准入');
  });
  test('the form names the field each register needs', () => {
    const plaque = { name: '老年协会', unitId: 'v1', department: '区民政局' };
    assert.equal(parseEntryForm('plaques', { ...plaque, name: ' ' }).error.field, 'name');
    assert.equal(parseEntryForm('plaques', { ...plaque, unitId: '' }).error.field, 'unitId');
    assert.equal(parseEntryForm('plaques', { ...plaque, department: '' }).error.field, 'department');
    const all = parseEntryForm('plaques', { ...plaque, name: ' ', unitId: '', department: '' });
    assert.deepEqual(all.problems.map((e) => e.field), ['name', 'unitId', 'department'], 'every problem at once');
    assert.equal(parseEntryForm('plaques', { ...plaque, decision: '撤销' }).error.field, 'decision');
    assert.equal(parseEntryForm('plaques', { ...plaque, resultDate: '2026-04-01' }).error.field, 'decision');
    assert.equal(parseEntryForm('mechanisms', { ...plaque, department: '' }).ok, true, 'a mechanism may name no department');
    const s = { name: '甲', idNumber: '320115198506120012', department: '区委组织部', startDate: '2026-01-01', endDate: '2026-06-30' };
    assert.equal(parseEntryForm('secondments', s).ok, true, 'from the township: no village');
    assert.equal(parseEntryForm('secondments', { ...s, approved: true }).error.field, 'approvalNumber');
    assert.equal(parseEntryForm('secondments', { ...s, endDate: '' }).error.field, 'endDate');
    // A 准入文号 without the box ticked is said, not dropped (probe AF).
    const typed = parseEntryForm('secondments', { ...s, approvalNumber: '江宁借准〔2026〕5号' });
    assert.equal(typed.error.field, 'approved');
    assert.match(typed.error.message, /请勾选“经县规范借调准入批准”/);
    // 保留 without 依据 and a count in words: both at once (probe AF: one per 保存).
    const cert = { name: '居住证明', unitId: 'v1', department: '区公安分局', decision: '保留', issuedThisYear: '十二' };
    assert.deepEqual(parseEntryForm('certificates', cert).problems.map((e) => e.field), ['basis', 'issuedThisYear']);
    assert.equal(parseEntryForm('certificates', { ...cert, basis: '户籍管理规定', issuedThisYear: '1,200' }).ok, true);
    assert.equal(parseRecheckForm('plaques', 'p1', { date: '', found: 'x' }).error.field, 'date');
    assert.equal(parseRecheckForm('plaques', 'p1', { date: '2026-09-15', found: '' }).error.field, 'found');
    assert.deepEqual(parseRecheckForm('plaques', 'p1', { date: '2026-09-15', found: '又挂了', rebound: true }).input,
      { register: 'plaques', entryId: 'p1', date: '2026-09-15', found: '又挂了', rebound: true, remark: '' });
  });
});

describe('减负 › 专项整治 screen', () => {
  domPerTest();

  const mount = (impl) => {
    const api = fakeApi({ listUnits: async () => UNITS, ...impl });
    const toasts = [];
    const host = newHost();
    const view = mountCleanups(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {}, route: { register: 'plaques' },
    });
    return { api, toasts, host, view };
  };

  test('plaques: list, filter, save one, record a rebound and upload a photo', async () => {
    const plaques = PLAQUES.map((e) => ({ ...e }));
    const { api, toasts, host, view } = mount({
      listCleanupEntries: async (register) => (register === 'plaques' ? plaques.map((e) => ({ ...e })) : []),
      createCleanupEntry: async (register, input) => {
        const e = {
          id: 'p9', register, ...input, unitName: '青溪社区', decisionLabel: input.decision, statusLabel: input.decision, attachments: [], rechecks: [],
        };
        plaques.push(e);
        return e;
      },
      createRecheck: async (input) => ({ id: 'c9', ...input }),
      chooseEvidenceFiles: async () => ['/照片/摘牌.jpg'],
      listAttachments: async () => [],
      attachFiles: async (kind, id, paths) => paths.map((p, i) => ({ hash: `h${i}`, name: p.split('/').pop(), size: '1 KB', type: '图片' })),
    });
    await settle();
    const rows = () => host.querySelectorAll('#cleanups-table tr[data-cleanup-id]');
    assert.equal(rows().length, 3);
    // The list's own count is the 期间 line's; this line says what the register came to.
    assert.equal(textOf(host.querySelector('#cleanups-counts')), '已摘除 1 条 · 反弹待重新认定 1 条');
    assert.equal(host.querySelector('[data-cleanup-register="plaques"]').getAttribute('aria-pressed'), 'true');
    // Each filter has its name beside it (dom.js labelled()).
    const named = (id) => textOf(host.querySelector(`#${id}`).closest('label.filter-field')?.querySelector('.filter-label'));
    assert.deepEqual([named('cleanups-filter-unit'), named('cleanups-filter-status')], ['村/社区', '状态']);
    const reopened = host.querySelector('tr[data-cleanup-id="p2"]');
    assert.match(reopened.className, /is-reopened/);

    host.querySelector('#cleanups-filter-unit').value = 'v2';
    await dispatch(host.querySelector('#cleanups-filter-unit'), 'change');
    await settle();
    assert.equal(rows().length, 2);
    assert.equal(textOf(host.querySelector('#cleanups-counts')), '整个台账 3 条：已摘除 1 条 · 反弹待重新认定 1 条');
    host.querySelector('#cleanups-filter-unit').value = '';
    await dispatch(host.querySelector('#cleanups-filter-unit'), 'change');
    await settle();

    await dispatch(host.querySelector('#cleanup-new'), 'click');
    await settle();
    for (const f of ['name', 'unitId', 'department', 'decision', 'resultDate', 'basis']) assert.ok(host.querySelector(`#cleanup-${f}`), f);
    await submitFormWith(host, 'cleanup', { name: '计生协会', unitId: 'v1', department: '区卫健委', decision: '摘除', resultDate: '2026-05-01' });
    const [, register, input] = api.calls.find(([n]) => n === 'createCleanupEntry');
    assert.equal(register, 'plaques');
    assert.deepEqual([input.name, input.unitId, input.department, input.decision, input.resultDate], ['计生协会', 'v1', '区卫健委', '摘除', '2026-05-01']);
    assert.equal(rows().length, 4);
    assert.ok(toasts.some((t) => t.includes('计生协会')), toasts.join());

    // Open 老年协会: its evidence and 回头看 are under the form.
    await dispatch(host.querySelector('tr[data-cleanup-id="p1"]'), 'click');
    await settle();
    // The files are the 附件 section every kind shows, for the register's table.
    assert.match(textOf(host.querySelector('#cleanup-evidence-title')), /^摘牌照片和佐证/);
    assert.deepEqual(api.calls.findLast(([n]) => n === 'listAttachments').slice(1), ['plaques', 'p1']);
    await dispatch(host.querySelector('#cleanup-evidence-pick'), 'click');
    await settle();
    const attach = api.calls.find(([n]) => n === 'attachFiles');
    assert.deepEqual(attach.slice(1), ['plaques', 'p1', ['/照片/摘牌.jpg']]);
    assert.equal(host.querySelectorAll('#cleanup-evidence-list [data-evidence-hash]').length, 1);

    // A 回头看 without what was found is not sent; with a rebound it is.
    await dispatch(host.querySelector('#recheck-save'), 'click');
    await settle();
    assert.equal(host.querySelector('#recheck-error').hidden, false);
    assert.ok(!api.calls.some(([n]) => n === 'createRecheck'));
    host.querySelector('#recheck-date').value = '2026-09-20';
    host.querySelector('#recheck-found').value = '牌子又挂回墙上';
    host.querySelector('#recheck-rebound').checked = true;
    await dispatch(host.querySelector('#recheck-save'), 'click');
    await settle();
    const [, recheck] = api.calls.find(([n]) => n === 'createRecheck');
    assert.deepEqual(recheck, { register: 'plaques', entryId: 'p1', date: '2026-09-20', found: '牌子又挂回墙上', rebound: true, remark: '' });
    assert.ok(toasts.some((t) => t.includes('重新打开')), toasts.join());

    // 科普示范站's history shows what it was before the rebound.
    await dispatch(host.querySelector('tr[data-cleanup-id="p2"]'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#cleanup-recheck-list')), /反弹.*又挂回去了.*原摘除 2026-04-01/);
    assert.ok(host.querySelector('#cleanup-reopened'));
    view.dispose();
  });

  test('secondments: overdue and unapproved stand out; the chooser switches register', async () => {
    const { host, api, view } = mount({
      listCleanupEntries: async (register) => (register === 'secondments' ? SECONDMENTS.map((e) => ({ ...e })) : PLAQUES),
    });
    await settle();
    await dispatch(host.querySelector('[data-cleanup-register="secondments"]'), 'click');
    await settle();
    assert.ok(api.calls.some(([n, r]) => n === 'listCleanupEntries' && r === 'secondments'));
    assert.equal(host.querySelector('[data-cleanup-register="secondments"]').getAttribute('aria-pressed'), 'true');
    const row = (id) => host.querySelector(`tr[data-cleanup-id="${id}"]`);
    assert.match(row('s1').className, /is-overdue/);
    assert.match(textOf(row('s1')), /逾期未返回/);
    assert.match(row('s2').className, /is-unapproved/);
    assert.ok(row('s2').querySelector('[data-unapproved]'));
    assert.doesNotMatch(row('s3').className, /is-overdue|is-unapproved/);
    assert.match(textOf(host.querySelector('#cleanups-counts')), /在借调 \d+ 人（其中逾期未返回 1 人、未经准入 1 人）/);
    // 乡镇（街道）机关 is a choice of the village filter for secondments.
    assert.ok([...host.querySelector('#cleanups-filter-unit').children].some((o) => o.value === '-' && textOf(o) === '乡镇（街道）机关'));
    host.querySelector('#cleanups-filter-status').value = 'unapproved';
    await dispatch(host.querySelector('#cleanups-filter-status'), 'change');
    await settle();
    assert.equal(host.querySelectorAll('#cleanups-table tr[data-cleanup-id]').length, 1);
    await dispatch(row('s2'), 'click');
    await settle();
    for (const f of ['idNumber', 'startDate', 'endDate', 'approved', 'approvalNumber']) assert.ok(host.querySelector(`#cleanup-${f}`), f);
    view.dispose();
  });

  test('secondments: a person picked from the registry fills name and ID number and is linked; typing unlinks', async () => {
    const people = [
      { id: 'p7', name: '周敏', idNumber: '3201**********0044', roles: '社区工作者', villages: '青溪社区' },
      { id: 'p8', name: '周强', idNumber: '3201**********0051', roles: '网格员（专职）', villages: '桃园村' },
    ];
    const created = [];
    const { api, host, view } = mount({
      listCleanupEntries: async () => [],
      listPeople: async () => ({ rows: people, total: 2 }),
      createCleanupEntry: async (register, input) => {
        created.push(input);
        return { id: `s${created.length}`, register, ...input, rechecks: [], attachments: [] };
      },
    });
    await settle();
    await dispatch(host.querySelector('[data-cleanup-register="secondments"]'), 'click');
    await settle();
    await dispatch(host.querySelector('#cleanup-new'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#cleanup-person-linked')), /未关联人员库/);
    host.querySelector('#cleanup-person-search').value = '周';
    await dispatch(host.querySelector('#cleanup-person-find'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'listPeople')[1], { text: '周', status: 'active', page: 0, pageSize: 20 });
    assert.equal(host.querySelectorAll('[data-pick-person]').length, 2);
    await dispatch(host.querySelector('[data-pick-person="p8"]'), 'click');
    assert.equal(host.querySelector('#cleanup-name').value, '周强');
    assert.equal(host.querySelector('#cleanup-idNumber').value, '3201**********0051');
    // Their village as 派出村/社区 (probe AF: it stayed at 乡镇（街道）机关).
    assert.equal(host.querySelector('#cleanup-unitId').value, 'v2', '桃园村');
    assert.match(textOf(host.querySelector('#cleanup-person-linked')), /已关联人员库：周强/);
    await submitFormWith(host, 'cleanup', { department: '区委组织部', startDate: '2026-03-01', endDate: '2026-12-31' });
    assert.equal(created.length, 1);
    assert.deepEqual([created[0].personId, created[0].name, created[0].idNumber], ['p8', '周强', '3201**********0051']);

    // Typed by hand: picking then typing a name unlinks; the typed name and number go to the core to check.
    await dispatch(host.querySelector('#cleanup-new'), 'click');
    await settle();
    host.querySelector('#cleanup-person-search').value = '周';
    await dispatch(host.querySelector('#cleanup-person-find'), 'click');
    await settle();
    await dispatch(host.querySelector('[data-pick-person="p7"]'), 'click');
    host.querySelector('#cleanup-name').value = '吴刚';
    await dispatch(host.querySelector('#cleanup-name'), 'input');
    host.querySelector('#cleanup-idNumber').value = '320115198001010012';
    await dispatch(host.querySelector('#cleanup-idNumber'), 'input');
    assert.match(textOf(host.querySelector('#cleanup-person-linked')), /未关联人员库/);
    await submitFormWith(host, 'cleanup', { department: '区信访局', startDate: '2026-04-01', endDate: '2026-10-31' });
    assert.equal(created.length, 2);
    assert.deepEqual([created[1].personId, created[1].name, created[1].idNumber], ['', '吴刚', '320115198001010012']);
    view.dispose();
  });

  test('减负 has the tabs 三清单 … 专项整治', async () => {
    const api = fakeApi({
      listDutyItems: async () => [], listUnits: async () => UNITS, listCleanupEntries: async () => [],
    });
    const host = newHost();
    const dispose = mountJianfu(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {} });
    await settle();
    assert.deepEqual([...host.querySelectorAll('[role="tab"]')].map((t) => textOf(t)), ['三清单', '网格事项', '准入', '专项整治', '清单版本']);
    assert.ok(host.querySelector('#duties-view'));
    await dispatch(host.querySelector('#jianfu-tab-cleanups'), 'click');
    await settle();
    assert.ok(host.querySelector('#cleanups-view'));
    assert.equal(host.querySelector('#jianfu-panel-duties').hidden, true);
    dispose();
  });
});
