// Issue 14, a clerk's daily work: 首页's 本周提醒 (pure rows and the mounted view).
import './catalog.mjs';
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installDom, dispatch, textOf, settle, fakeApi, domPerTest, newHost } from './dom-env.mjs';
import { mountDashboard } from '../../ui/js/views/dashboard.js';
import { reminderRows, reminderTarget, remindersSummary, dueText } from '../../ui/js/logic/reminders.js';
import {
  buildPersonInput, emptyPersonValues, emptyRoleState, buildQuery, idCheckDigitOk, defaultListState, listPageSize, pageText, pageCount,
} from '../../ui/js/logic/people.js';
import { normalizeError } from '../../ui/js/api.js';
import { mountPeople } from '../../ui/js/views/people/index.js';
import { UNITS } from './fixtures.mjs';
import { problemRows } from '../../ui/js/logic/importing.js';
import {
  suggestSiblingName, suggestAreaType, newChildKind, parseChineseNumber, chineseNumber, siblingNames, takenNames,
} from '../../ui/js/logic/naming.js';
import { mountHierarchy } from '../../ui/js/views/hierarchy/index.js';
import { changeSummary } from '../../ui/js/logic/changes.js';
import { mountChangelog } from '../../ui/js/views/changelog.js';
import { showFieldError } from '../../ui/js/forms.js';
import { mountMeetings } from '../../ui/js/views/party-meetings/index.js';
import { showToast, showAlert } from '../../ui/js/main.js';
import { openImportDialog } from '../../ui/js/views/import.js';

const OFFICE = { level: 'township', code: '320115101000', name: '青溪街道' };

const REMINDERS = {
  weekStart: '2026-11-23',
  weekEnd: '2026-11-29',
  overdue: 2,
  dueThisWeek: 1,
  items: [
    { kind: 'demand', recordId: 'd1', itemId: '', title: '路灯不亮', source: '诉求', dueLabel: '办理时限', dueOn: '2026-11-20', overdue: true, daysLate: 6 },
    { kind: 'follow_up', recordId: 'm1', itemId: 'x1', title: '修缮车棚', source: '联席会议（2026-11-02）', dueLabel: '完成时限', dueOn: '2026-11-25', overdue: true, daysLate: 1 },
    { kind: 'project', recordId: 'p1', itemId: '', title: '健身角', source: '共建项目', dueLabel: '计划完成', dueOn: '2026-11-28', overdue: false, daysLate: -2 },
  ],
};

describe('本周提醒 (pure)', () => {
  test('each kind goes to its record', () => {
    assert.deepEqual(reminderTarget(REMINDERS.items[0]), { view: 'demands', route: { demandId: 'd1' } });
    assert.deepEqual(reminderTarget(REMINDERS.items[2]), { view: 'cobuild', route: { tab: 'projects', projectId: 'p1' } });
    assert.deepEqual(reminderTarget({ kind: 'rectification', recordId: 'r1' }), { view: 'assessment', route: { tab: 'scores' } });
    assert.deepEqual(reminderTarget({ kind: 'committee_term', recordId: 'c1' }), { view: 'party', route: { tab: 'committees' } });
    assert.deepEqual(reminderTarget(REMINDERS.items[1]), { view: 'party', route: { tab: 'meetings', meetingId: 'm1' } });
    assert.deepEqual(reminderTarget({ kind: 'working_follow_up', recordId: 'w1' }),
      { view: 'demands', route: { tab: 'coordination', meetingId: 'w1' } });
    assert.deepEqual(reminderTarget({ kind: 'admission', recordId: 'a1' }),
      { view: 'jianfu', route: { tab: 'admissions', admissionId: 'a1' } });
    assert.deepEqual(reminderTarget({ kind: 'task', recordId: 't1' }),
      { view: 'tasks', route: { tab: 'progress', taskId: 't1' } });
    assert.deepEqual(reminderTarget({ kind: 'task_report', recordId: '' }),
      { view: 'tasks', route: { tab: 'progress', filter: 'missing' } });
    assert.equal(reminderTarget({ kind: 'other' }), null);
  });
  test('texts', () => {
    assert.equal(dueText({ daysLate: 6 }), '已逾期 6 天');
    assert.equal(dueText({ daysLate: 0 }), '今天到期');
    assert.equal(dueText({ daysLate: -2 }), '还有 2 天');
    assert.equal(remindersSummary(REMINDERS), '本周（11-23 至 11-29）：已逾期 2 项，本周到期 1 项。');
    assert.equal(remindersSummary({ ...REMINDERS, items: [] }), '本周（11-23 至 11-29）没有到期或逾期的事项。');
    const rows = reminderRows(REMINDERS);
    assert.deepEqual(rows.map((r) => r.due), ['办理时限 2026-11-20', '完成时限 2026-11-25', '计划完成 2026-11-28']);
    assert.equal(new Set(rows.map((r) => r.key)).size, 3);
  });
});

describe('首页 mounted', () => {
  let dom;
  let host;
  beforeEach(() => {
    dom = installDom();
    host = newHost();
  });
  afterEach(() => dom.cleanup());

  test('本周提醒 lists what is due, each one click from its record', async () => {
    const went = [];
    const api = fakeApi({ dashboard: async () => ({ reminders: REMINDERS }) });
    mountDashboard(host, { api, alert() {}, onError() {}, office: OFFICE, navigate: (v, r) => went.push([v, r]) });
    await settle();
    const box = host.querySelector('#dashboard-reminders');
    assert.ok(box && !box.hidden);
    assert.ok(textOf(box).includes('本周提醒'));
    assert.equal(textOf(host.querySelector('#dashboard-reminders-summary')), '本周（11-23 至 11-29）：已逾期 2 项，本周到期 1 项。');
    // The same line above the figures, with a way down to the list.
    const line = host.querySelector('#dashboard-reminders-line');
    assert.ok(!line.hidden);
    assert.match(textOf(line), /已逾期 2 项，本周到期 1 项。 查看本周提醒/);
    const children = [...host.querySelector('#dashboard-view').children];
    assert.ok(children.indexOf(line) < children.indexOf(host.querySelector('#dashboard-figures')), 'above the figures');
    const items = host.querySelectorAll('#dashboard-reminder-list li');
    assert.equal(items.length, 3);
    assert.ok(textOf(items[0]).includes('路灯不亮'));
    assert.ok(textOf(items[0]).includes('已逾期 6 天'));
    assert.ok(items[0].classList.contains('is-overdue'));
    await dispatch(items[0].querySelector('button'), 'click');
    await dispatch(items[2].querySelector('button'), 'click');
    assert.deepEqual(went, [['demands', { demandId: 'd1' }], ['cobuild', { tab: 'projects', projectId: 'p1' }]]);
  });

  test('a figure below what it should be is warned, link or not (公示率 of 4 grid workers, 3 published)', async () => {
    const api = fakeApi({ dashboard: async () => ({ own: { 'people.grid_workers': 4, 'people.grid_workers_published': 3 } }) });
    mountDashboard(host, { api, alert() {}, onError() {}, office: OFFICE, navigate() {} });
    await settle();
    const card = host.querySelector('[data-figure="people.grid_workers_published"]');
    assert.ok(card.classList.contains('is-warn'), card.className);
    assert.match(textOf(card), /公示率 75.0%/);
  });

  test('no reminders: the box says so; a county has none', async () => {
    const api = fakeApi({ dashboard: async () => ({ reminders: { ...REMINDERS, items: [], overdue: 0, dueThisWeek: 0 } }) });
    mountDashboard(host, { api, alert() {}, onError() {}, office: OFFICE, navigate() {} });
    await settle();
    assert.ok(textOf(host.querySelector('#dashboard-reminders')).includes('没有到期或逾期的事项'));
    assert.equal(host.querySelector('#dashboard-reminder-list'), null);
    assert.ok(host.querySelector('#dashboard-reminders-line').hidden, 'nothing to chase: no line above the figures');
  });
});

describe('every problem of the person form at once', () => {
  test('buildPersonInput lists every empty field and role problem, the first as `error`', () => {
    const r = buildPersonInput({ ...emptyPersonValues(), name: ' ', idNumber: '', phone: '' }, emptyRoleState('grid_worker'));
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems.map((p) => p.field), ['name', 'idNumber', 'phone', 'employment', 'units']);
    assert.equal(r.error.field, 'name');
  });

  test('the ID check digit shows with the other problems when the form cannot go to the core', () => {
    assert.equal(idCheckDigitOk('11010519491231002X'), true);
    assert.equal(idCheckDigitOk('110105194912310021'), false);
    assert.equal(idCheckDigitOk('12345'), true, 'other shapes are for the core');
    const r = buildPersonInput({ ...emptyPersonValues(), name: '', idNumber: '110105194912310021', phone: '13800000000' },
      emptyRoleState('grid_worker'));
    assert.deepEqual(r.problems.map((p) => p.field), ['name', 'employment', 'units', 'idNumber']);
    assert.match(r.problems.at(-1).message, /校验码/);
  });

  test('normalizeError keeps the core\'s list of field problems', () => {
    const e = normalizeError({
      kind: 'validation', message: '请填写姓名。', field: 'name',
      problems: [{ field: 'name', message: '请填写姓名。' }, { field: 'idNumber', message: '身份证号码校验码不对。' }, { bad: 1 }],
    });
    assert.deepEqual(e.problems, [{ field: 'name', message: '请填写姓名。' }, { field: 'idNumber', message: '身份证号码校验码不对。' }]);
    assert.equal(normalizeError({ kind: 'validation', message: 'm', problems: [] }).problems, undefined);
  });

  test('保存 shows every problem the core returns beside its field', async () => {
    const dom = installDom();
    try {
      const host = newHost();
      const alerts = [];
      const api = fakeApi({
        listUnits: async () => UNITS,
        peopleOptions: async () => ({ politicalStatuses: ['中共党员', '群众'], educations: ['大学本科'] }),
        listPeople: async () => ({ rows: [], total: 0 }),
        createPerson: async () => {
          throw {
            kind: 'validation', message: '身份证号码校验码不对。', field: 'idNumber',
            problems: [
              { field: 'idNumber', message: '身份证号码校验码不对。' },
              { field: 'phone', message: '手机号码应为11位。' },
              { field: 'education', message: '学历“幼儿园”无法识别。' },
            ],
          };
        },
      });
      mountPeople(host, { api, toast() {}, alert: (m) => alerts.push(m), clearAlert() {}, onError() {} });
      await settle();
      await dispatch(host.querySelector('#person-new'), 'click');
      await settle();
      host.querySelector('#person-name').value = '李新';
      host.querySelector('#person-idNumber').value = '320115199001010021';
      host.querySelector('#person-phone').value = '1370000';
      host.querySelector('#person-employment').value = 'part_time';
      host.querySelector('[data-unit-list="grid_worker"] [data-unit-option="g1"]').checked = true;
      await dispatch(host.querySelector('#person-form'), 'submit');
      await settle();
      const shown = (f) => textOf(host.querySelector(`[data-error-for="${f}"]`));
      assert.equal(shown('idNumber'), '身份证号码校验码不对。');
      assert.equal(shown('phone'), '手机号码应为11位。');
      assert.equal(shown('education'), '学历“幼儿园”无法识别。');
      assert.deepEqual(alerts, []);
      assert.equal(document.activeElement, host.querySelector('#person-idNumber'), 'the first problem has the focus');
    } finally {
      dom.cleanup();
    }
  });
});

describe("导入: the row's name beside its number", () => {
  const PREVIEW = {
    kind: 'people', fileName: '网格员.csv', totalRows: 3, validRows: 1, toCreate: 1, toUpdate: 0, rejectedRows: 2,
    emptyRows: 0, ignoredColumns: [], notes: [], sheets: [], sheetName: '', nameHeader: '姓名',
    problems: [
      { row: 4, column: '身份证号码', message: '校验位不正确', name: '王强' },
      { row: 3, column: '手机号码', message: '手机号码不正确' },
    ],
  };
  test('problemRows carries the name when the row has one', () => {
    assert.deepEqual(problemRows(PREVIEW), [
      { row: 3, column: '手机号码', message: '手机号码不正确' },
      { row: 4, name: '王强', column: '身份证号码', message: '校验位不正确' },
    ]);
  });
  test('the preview table heads the name column as the core names it (姓名, 项目名称 …), else 名称', async () => {
    const header = async (nameHeader) => {
      const dom = installDom();
      try {
        const preview = { ...PREVIEW, nameHeader };
        openImportDialog({ api: fakeApi({ importPreview: async () => preview }), kind: 'people', toast() {}, onError() {}, onImported() {} });
        document.querySelector('#import-path').value = '/tmp/名单.csv';
        await dispatch(document.querySelector('#import-preview'), 'click');
        await settle();
        return Array.from(document.querySelectorAll('#import-problems thead th')).map(textOf)[1];
      } finally {
        dom.cleanup();
      }
    };
    assert.equal(await header('姓名'), '姓名');
    assert.equal(await header('项目名称'), '项目名称');
    assert.equal(await header(undefined), '名称');
    const dom = installDom();
    try {
      const api = fakeApi({ importPreview: async () => PREVIEW });
      openImportDialog({ api, kind: 'people', toast() {}, onError() {}, onImported() {} });
      document.querySelector('#import-path').value = '/tmp/网格员.csv';
      await dispatch(document.querySelector('#import-preview'), 'click');
      await settle();
      const table = document.querySelector('#import-problems');
      const rows = table.querySelectorAll('tbody tr');
      assert.deepEqual(Array.from(rows[1].querySelectorAll('td')).map(textOf), ['4', '王强', '身份证号码', '校验位不正确']);
      assert.deepEqual(Array.from(rows[0].querySelectorAll('td')).map(textOf), ['3', '', '手机号码', '手机号码不正确']);
    } finally {
      dom.cleanup();
    }
  });
});

describe('导入 › 工作表', () => {
  test('a sheet that cannot be read drops the results of the sheet checked before, and its button', async () => {
    const dom = installDom();
    try {
      const good = {
        kind: 'people', fileName: '花名册.xlsx', totalRows: 15, validRows: 8, toCreate: 8, toUpdate: 0, rejectedRows: 7, emptyRows: 0,
        ignoredColumns: [], notes: [], sheets: ['网格员', '楼栋长'], sheetName: '网格员', nameHeader: '姓名',
        problems: [{ row: 3, column: '手机号码', message: '手机号码不正确' }],
      };
      const api = fakeApi({
        importPreview: async (kind, path, sheet) => {
          if (sheet === '楼栋长') throw { kind: 'validation', message: '文件“花名册.xlsx”缺少必填列：所在网格/小区。' };
          return good;
        },
      });
      openImportDialog({ api, kind: 'people', toast() {}, onError() {}, onImported() {} });
      document.querySelector('#import-path').value = '/tmp/花名册.xlsx';
      await dispatch(document.querySelector('#import-preview'), 'click');
      await settle();
      assert.equal(document.querySelector('#import-commit').disabled, false);
      const sheet = document.querySelector('#import-sheet');
      sheet.value = '楼栋长';
      await dispatch(sheet, 'change');
      await settle();
      assert.equal(document.querySelector('#import-commit').disabled, true, 'nothing of the other sheet goes in');
      assert.equal(document.querySelector('#import-problems'), null);
      assert.match(textOf(document.querySelector('#import-preview-summary')), /这个工作表没有通过检查/);
      sheet.value = '网格员';
      await dispatch(sheet, 'change');
      await settle();
      assert.equal(document.querySelector('#import-commit').disabled, false, 'the good sheet back');
    } finally {
      dom.cleanup();
    }
  });
  // One sheet per 社区: the preview says only this sheet goes in, and the done step
  // offers the next one (probe AM: the others were left out unsaid).
  test('a workbook of several sheets says which is imported and offers the next', async () => {
    const dom = installDom();
    try {
      const preview = (sheet) => ({
        kind: 'units', fileName: '网格划分台账.xlsx', totalRows: 2, validRows: 2, toCreate: 2, toUpdate: 0, rejectedRows: 0,
        emptyRows: 0, ignoredColumns: [], notes: [], sheets: ['秣陵社区', '殷巷社区', '东旺社区', '填写说明'], sheetName: sheet ?? '秣陵社区',
        nameHeader: '名称', problems: [],
      });
      const fake = fakeApi({
        importPreview: async (kind, path, sheet) => preview(sheet),
        importCommit: async (kind, path, sheet) => ({ kind, created: 2, updated: 0, unchanged: 0, rejected: 0, sheet }),
      });
      const api = new Proxy(fake, { get: (t, n) => (n === 'onImportProgress' ? () => () => {} : t[n]) });
      openImportDialog({ api, kind: 'units', toast() {}, onError() {}, onImported() {} });
      document.querySelector('#import-path').value = '/tmp/网格划分台账.xlsx';
      await dispatch(document.querySelector('#import-preview'), 'click');
      await settle();
      assert.equal(textOf(document.querySelector('#import-sheets-left')),
        '这次只导入工作表“秣陵社区”。文件里还有 2 个工作表：“殷巷社区”、“东旺社区”，导入后可以接着导入下一个。');
      await dispatch(document.querySelector('#import-commit'), 'click');
      await settle();
      const next = document.querySelector('#import-next-sheet');
      assert.equal(next.hidden, false);
      assert.equal(textOf(next), '导入下一个工作表“殷巷社区”');
      await dispatch(next, 'click');
      await settle();
      assert.deepEqual(api.calls.filter(([n]) => n === 'importPreview').map((c) => c[3]), [null, '殷巷社区']);
      // The one imported is not offered again.
      assert.match(textOf(document.querySelector('#import-sheets-left')), /还有 1 个工作表：“东旺社区”/);
    } finally {
      dom.cleanup();
    }
  });
});

describe('人员名单 page size 20/50/100/全部', () => {
  test('the query carries the chosen size; 全部 is 0 and one page', () => {
    assert.equal(buildQuery(defaultListState('grid_worker')).pageSize, 20);
    assert.equal(buildQuery({ ...defaultListState(''), pageSize: 50 }).pageSize, 50);
    assert.equal(buildQuery({ ...defaultListState(''), pageSize: 0 }).pageSize, 0);
    assert.equal(listPageSize({ pageSize: 37 }), 20, 'only the offered sizes');
    assert.equal(pageCount(250, 0), 1);
    assert.equal(pageText(0, 250, 100), '第 1 / 3 页，共 250 人');
  });

  test('姓名按姓氏笔画 asks for nameStrokes; other columns keep their key', () => {
    assert.equal(buildQuery({ ...defaultListState(''), nameOrder: 'strokes' }).sort, 'nameStrokes');
    assert.equal(buildQuery({ ...defaultListState(''), nameOrder: 'strokes', sort: 'birthDate' }).sort, 'birthDate');
    assert.equal(buildQuery({ ...defaultListState(''), nameOrder: 'pinyin' }).sort, 'name');
  });

  test('choosing 每页 100 行 asks again from the first page', async () => {
    const dom = installDom();
    try {
      const host = newHost();
      const api = fakeApi({
        listUnits: async () => UNITS,
        peopleOptions: async () => ({ politicalStatuses: [], educations: [] }),
        listPeople: async (q) => ({ rows: [], total: 250, page: q.page, pageSize: q.pageSize }),
      });
      mountPeople(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {} });
      await settle();
      const select = host.querySelector('#people-page-size');
      assert.equal(select.value, '20');
      select.value = '100';
      await dispatch(select, 'change');
      await settle();
      const queries = api.calls.filter(([n]) => n === 'listPeople').map(([, q]) => q);
      assert.deepEqual([queries.at(-1).pageSize, queries.at(-1).page], [100, 0]);
      assert.equal(textOf(host.querySelector('#people-page')), '第 1 / 3 页，共 250 人');
      const order = host.querySelector('#people-name-order');
      order.value = 'strokes';
      await dispatch(order, 'change');
      await settle();
      const last = api.calls.filter(([n]) => n === 'listPeople').at(-1)[1];
      assert.deepEqual([last.sort, last.pageSize, last.page], ['nameStrokes', 100, 0]);
      assert.equal(host.querySelector('#people-name-order').value, 'strokes');
    } finally {
      dom.cleanup();
    }
  });
});

describe('组织架构: faster entry (pure)', () => {
  test('the next sibling by numbering', () => {
    assert.equal(suggestSiblingName(['第1网格', '第2网格', '第10网格']), '第11网格');
    assert.equal(suggestSiblingName(['第一网格', '第二网格']), '第三网格');
    // A name that merely holds a digit is not a numbering to continue.
    assert.equal(suggestSiblingName(['<img src=x onerror=alert(1)>']), '');
    assert.equal(suggestSiblingName(['阳光花园', '幸福里 2024 年新建！']), '');
    assert.equal(suggestSiblingName(['阳光花园1号楼']), '阳光花园2号楼');
    assert.equal(suggestSiblingName(['第九网格']), '第十网格');
    assert.equal(suggestSiblingName(['第十九网格']), '第二十网格');
    assert.equal(suggestSiblingName(['1号楼', '2号楼', '阳光花园']), '3号楼');
    assert.equal(suggestSiblingName(['01组', '02组']), '03组');
    assert.equal(suggestSiblingName(['东区1号楼', '西区1号楼', '西区2号楼']), '西区3号楼', 'the numbering most share');
    assert.equal(suggestSiblingName(['阳光花园', '翠苑']), '');
    assert.equal(suggestSiblingName([]), '');
    // Past a name taken elsewhere, written either width.
    assert.equal(suggestSiblingName(['第1网格', '第2网格'], ['第３网格', '第 4网格']), '第5网格');
    assert.equal(suggestSiblingName(['第一网格'], ['第二网格']), '第三网格');
  });
  test('the names a new unit may not take: its parent’s children, and a base grid its village’s base grids', () => {
    const units = [
      { id: 'v', kind: 'village', parentId: null, name: '青溪社区' },
      { id: 'a', kind: 'compound', parentId: 'v', name: '阳光花园' },
      { id: 'b', kind: 'compound', parentId: 'v', name: '翠苑' },
      { id: 'g1', kind: 'base_grid', parentId: 'a', name: '第1网格' },
      { id: 'g2', kind: 'base_grid', parentId: 'a', name: '第2网格' },
      { id: 'g3', kind: 'base_grid', parentId: 'b', name: '第3网格' },
      { id: 'g4', kind: 'base_grid', parentId: 'v', name: '第4网格' },
      { id: 'w', kind: 'village', parentId: null, name: '桃园村' },
      { id: 'c', kind: 'compound', parentId: 'w', name: '一组' },
      { id: 'g9', kind: 'base_grid', parentId: 'c', name: '第5网格' },
    ];
    const taken = takenNames(units, 'base_grid', 'a');
    assert.deepEqual([...new Set(taken)].sort(), ['第1网格', '第2网格', '第3网格', '第4网格']);
    assert.equal(suggestSiblingName(siblingNames(units, 'base_grid', 'a'), taken), '第5网格', 'another village’s 第5网格 is no bar');
    assert.deepEqual(takenNames(units, 'compound', 'v').sort(), ['第4网格', '翠苑', '阳光花园']);
    assert.deepEqual(takenNames(units, 'village', null).sort(), ['桃园村', '青溪社区']);
  });
  test('Chinese numbers both ways', () => {
    for (const [t, n] of [['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['九十九', 99]]) {
      assert.equal(parseChineseNumber(t), n, t);
      assert.equal(chineseNumber(n), t, String(n));
    }
    assert.equal(parseChineseNumber('十十'), null);
    assert.equal(chineseNumber(100), null);
  });
  test('村 or 社区 from the name', () => {
    assert.equal(suggestAreaType('石塘村'), 'rural');
    assert.equal(suggestAreaType('青溪社区 '), 'urban');
    assert.equal(suggestAreaType('新区'), null);
  });
  test('新建下级 makes the kind the children have', () => {
    const units = [
      { id: 'v1', kind: 'village', parentId: null }, { id: 'g1', kind: 'base_grid', parentId: 'v1' },
      { id: 'g2', kind: 'base_grid', parentId: 'v1' }, { id: 'c1', kind: 'compound', parentId: 'v1' },
    ];
    assert.equal(newChildKind(units[0], units), 'base_grid');
    assert.equal(newChildKind({ id: 'v9', kind: 'village' }, units), 'compound');
    assert.equal(newChildKind({ id: 'm1', kind: 'micro_grid' }, units), null);
    assert.deepEqual(siblingNames([{ kind: 'base_grid', parentId: 1, name: 'a' }, { kind: 'micro_grid', parentId: 1, name: 'b' }], 'base_grid', '1'), ['a']);
  });
});

describe('组织架构: faster entry (mounted)', () => {
  domPerTest();

  function mount() {
    const host = newHost();
    const units = UNITS.map((u) => ({ ...u }));
    const api = fakeApi({
      listUnits: async () => units,
      gridCoverage: async () => ({ baseGrids: [], microGrids: [], uncovered: [] }),
      businessGridsByBaseGrid: async () => [],
      // A 村 is numbered from 200, as the core does.
      suggestUnitCode: async (kind, _parent, areaType) => (kind !== 'village' ? '320115101001003'
        : areaType === 'rural' ? '320115101200' : '320115101002'),
    });
    mountHierarchy(host, {
      api, office: { level: 'township', name: '青溪街道' }, toast() {}, alert() {}, clearAlert() {}, onError() {},
    });
    return host;
  }
  const item = (host, id) => host.querySelector(`#unit-tree [role="treeitem"][data-id="${id}"]`);

  test('Ctrl+Shift+N and the 新建下级 button open a child with a numbered name', async () => {
    const host = mount();
    await settle();
    await dispatch(item(host, 'c1').querySelector('.node-name'), 'click');
    await settle();
    const button = host.querySelector('#unit-new-child');
    assert.ok(button, 'a visible 新建下级 beside the title');
    assert.equal(button.getAttribute('data-new-child-kind'), 'base_grid');
    await dispatch(document, 'keydown', { key: 'N', ctrlKey: true, shiftKey: true });
    await settle();
    assert.ok(textOf(host.querySelector('#unit-title')).includes('新建'));
    // After 第一网格 and 第二网格, past the village's own 第三网格 (the core refuses a
    // second base grid of that name in 青溪社区).
    assert.equal(host.querySelector('#unit-name').value, '第四网格', 'after 第一网格, 第二网格 and the village’s 第三网格');
    assert.ok(textOf(host.querySelector('#unit-hint')).includes('Ctrl+Shift+N 新建下级'));
    // A micro-grid holds nothing: no button.
    await dispatch(host.querySelector('#unit-cancel'), 'click');
    await settle();
    await dispatch(item(host, 'g1').querySelector('.node-name'), 'click');
    await settle();
    await dispatch(host.querySelector('#unit-new-child'), 'click');
    await settle();
    assert.equal(host.querySelector('#unit-name').value, '3号楼');
  });

  /** 新建村/社区 opened: its 编码, 名称 and 类型 boxes. */
  async function newVillageForm() {
    const host = mount();
    await settle();
    await dispatch(host.querySelector('#new-village'), 'click');
    await settle();
    return ['#unit-code', '#unit-name', '#unit-areaType'].map((id) => host.querySelector(id));
  }

  test('a new village takes 农村 from …村 and 城镇 from …社区 until the clerk picks', async () => {
    const [, name, area] = await newVillageForm();
    name.value = '白沙村';
    await dispatch(name, 'input');
    assert.equal(area.value, 'rural');
    name.value = '白沙社区';
    await dispatch(name, 'input');
    assert.equal(area.value, 'urban');
    area.value = 'rural';
    await dispatch(area, 'change');
    name.value = '白沙新社区';
    await dispatch(name, 'input');
    assert.equal(area.value, 'rural', "the clerk's choice stays");
  });

  test("a new village's suggested code follows its 类型 (村 from 200) until the clerk types one", async () => {
    const [code, name, area] = await newVillageForm();
    assert.equal(code.value, '320115101002');
    name.value = '白沙村';
    await dispatch(name, 'input');
    await settle();
    assert.equal(code.value, '320115101200', 'guessed 农村 from the name');
    area.value = 'urban';
    await dispatch(area, 'input');
    await settle();
    assert.equal(code.value, '320115101002', "the clerk's pick");
    code.value = '320115101009';
    area.value = 'rural';
    await dispatch(area, 'input');
    await settle();
    assert.equal(code.value, '320115101009', 'a typed code stays');
  });
});

describe('变更记录 names every record by what a clerk knows it by', () => {
  const DELETED_PERSON = { seq: 3, at: '2026-11-26T02:00:00Z', operator: '本机', op: 'delete', tableName: 'people', recordId: '01a2355e-aaaa',
    before: { person: { name: '王网格', idNumber: '320115198503010011' }, history: [] }, after: null };
  const VISIT = { seq: 2, at: '2026-11-26T02:00:00Z', operator: '本机', op: 'create', tableName: 'visits', recordId: '01b-visit',
    before: null, after: { visitedOn: '2026-11-20', contactPointId: 'cp1', found: '路灯不亮' } };
  const WORKING = { seq: 1, at: '2026-11-26T02:00:00Z', operator: '本机', op: 'update', tableName: 'working_meetings', recordId: 'w1',
    before: { heldOn: '2026-11-10', groupId: 'g1' }, after: { heldOn: '2026-11-10', groupId: 'g1' } };
  test('pure', () => {
    assert.equal(changeSummary(DELETED_PERSON), '王网格');
    assert.equal(changeSummary({ ...DELETED_PERSON, before: { name: '王网格' } }), '王网格', 'a compact payload keeps the name');
    assert.equal(changeSummary(VISIT), '2026-11-20 走访');
    assert.equal(changeSummary({ ...VISIT, names: { cp1: '何静 → 阳光花园' } }), '2026-11-20 走访 何静 → 阳光花园');
    // A contact point's row as the core summarises it (its leader and place), not by a rule of the window's.
    assert.equal(changeSummary({ tableName: 'contact_points', recordId: 'cp1', after: { startOn: '2026-01-01' }, summary: '何静 → 阳光花园' }), '何静 → 阳光花园');
    assert.equal(changeSummary(WORKING), '2026-11-10 工作组会议');
    assert.equal(changeSummary({ tableName: 'joint_meetings', after: { heldOn: '2026-03-10', committeeId: 'c1' } }), '2026-03-10 联席会议');
    // An export is named by its number, not by the office code it is recorded under.
    const exported = { tableName: 'packages', recordId: '320115101000', after: { sequence: 3, office: { code: '320115101000', name: '青溪街道' } } };
    assert.equal(changeSummary(exported), '青溪街道第 3 次导出的交换文件');
  });
  test("mounted: the visit's point is named by the core's row, with no other call", async () => {
    const dom = installDom();
    try {
      const host = newHost();
      const api = fakeApi({
        listChangeLog: async () => [DELETED_PERSON, { ...VISIT, names: { cp1: '何静 → 阳光花园' } }, WORKING],
      });
      mountChangelog(host, { api, alert() {}, onError() {} });
      await settle();
      const cells = Array.from(host.querySelectorAll('#changelog-table .cell-summary')).map(textOf);
      assert.deepEqual(cells, ['王网格', '2026-11-20 走访 何静 → 阳光花园', '2026-11-10 工作组会议']);
      assert.deepEqual(api.calls.map(([name]) => name), ['listChangeLog']);
    } finally {
      dom.cleanup();
    }
  });
  test('搜索 asks the core for the rows holding the text, from the first page', async () => {
    const dom = installDom();
    try {
      const host = newHost();
      let found = [DELETED_PERSON];
      const api = fakeApi({ listChangeLog: async () => found });
      const dispose = mountChangelog(host, { api, alert() {}, onError() {} });
      await settle();
      const search = host.querySelector('#changelog-search');
      search.value = ' 王网格 ';
      await dispatch(search, 'input');
      await new Promise((r) => setTimeout(r, 350));
      await settle();
      const asked = api.calls.filter(([name]) => name === 'listChangeLog').map(([, args]) => args);
      assert.equal(asked.length, 2);
      assert.deepEqual([asked[1].offset, asked[1].text], [0, ' 王网格 ']);
      // Nothing found is said as a search that found nothing, not as an empty log.
      found = [];
      search.value = '没有的人';
      await dispatch(search, 'input');
      await new Promise((r) => setTimeout(r, 350));
      await settle();
      assert.match(textOf(host.querySelector('#changelog-empty')), /^没有找到含“没有的人”的变更记录/);
      dispose();
    } finally {
      dom.cleanup();
    }
  });
});

describe('a failure takes down a stale success toast', () => {
  test('a field error and the alert both clear #toast', () => {
    const dom = installDom();
    try {
      const toast = document.createElement('div');
      toast.setAttribute('id', 'toast');
      const alertBox = document.createElement('div');
      alertBox.setAttribute('id', 'alert');
      alertBox.hidden = true;
      const alertText = document.createElement('span');
      alertText.classList.add('alert-text');
      alertBox.append(alertText);
      dom.body.append(toast, alertBox);
      showToast('已办结');
      assert.equal(toast.hidden, false);
      const slot = document.createElement('p');
      const input = document.createElement('input');
      dom.body.append(slot, input);
      showFieldError(slot, '回访日期不能早于办结日期。', input);
      assert.equal(toast.hidden, true, 'the old 已办结 is gone beside the error');
      assert.equal(textOf(slot), '回访日期不能早于办结日期。');
      showToast('已保存');
      showAlert('保存没有成功。');
      assert.equal(toast.hidden, true);
      assert.equal(alertBox.hidden, false);
    } finally {
      dom.cleanup();
    }
  });
});

describe('本周提醒 → a follow-up opens its meeting', () => {
  test('联席会议 with route.meetingId opens that meeting', async () => {
    const dom = installDom();
    try {
      const host = newHost();
      const api = fakeApi({
        listCommittees: async () => [{ id: 1, kind: 'street_joint', name: '青溪街道大工委', members: [] }],
        listFollowUps: async () => [],
        listJointMeetings: async () => [{
          id: 5, committeeId: 1, committeeName: '青溪街道大工委', heldOn: '2026-11-02', attendeeIds: [], attendeeNames: [],
          topics: '冬季安全生产', note: '', decisions: [],
        }],
      });
      const view = mountMeetings(host, { api, toast() {}, alert() {}, clearAlert() {}, onError() {}, route: { tab: 'meetings', meetingId: 5 } });
      await settle(10);
      assert.equal(textOf(host.querySelector('#meeting-form-title')), '联席会议 · 2026-11-02');
      view.dispose();
    } finally {
      dom.cleanup();
    }
  });
});
