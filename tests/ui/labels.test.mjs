import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  opLabel, opClass, tableLabel, levelLabel, areaTypeLabel, severityLabel, fieldLabel, valueLabel, restoreQuestion,
  catalogList, useKindCatalog,
} from '../../ui/js/logic/labels.js';
import { KIND_CATALOG } from './catalog.mjs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { changeSummary, diffRows, formatFieldValue } from '../../ui/js/logic/changes.js';
import { errorRoute, errorMessage } from '../../ui/js/logic/errors.js';

describe('enum labels', () => {
  const cases = [
    [opLabel, 'create', '新建'],
    [opLabel, 'update', '修改'],
    [opLabel, 'delete', '删除'],
    [opLabel, 'restore', '恢复'],
    [opLabel, 'move', '移动'],
    [opLabel, 'setup', '设置'],
    [opLabel, 'merge', 'merge'], // unknown values are shown as they are
    [tableLabel, 'units', '组织单位'],
    [tableLabel, 'office', '本单位'],
    [tableLabel, 'grid_workers', 'grid_workers'],
    // the chain of files
    [opLabel, 'export', '导出交换文件'],
    [opLabel, 'receive', '接收'],
    [opLabel, 'receive_forced', '强制接收'],
    [opLabel, 'restore_backup', '恢复备份'],
    [tableLabel, 'packages', '交换文件'],
    [tableLabel, 'snapshots', '下级报送的数据'],
    [tableLabel, 'expected_offices', '应报单位'],
    [fieldLabel, 'sequence', '第几次导出'],
    [fieldLabel, 'previousSequence', '原来收到的第几次导出'],
    [levelLabel, 'township', '乡镇/街道'],
    [levelLabel, 'county', '县/区'],
    [levelLabel, 'city', '市'],
    [levelLabel, undefined, ''],
    [areaTypeLabel, 'urban', '城镇（社区）'],
    [areaTypeLabel, 'rural', '农村（村）'],
    [severityLabel, 'warning', '警告'],
    [severityLabel, 'info', '提示'],
  ];
  for (const [fn, value, label] of cases) {
    test(`${fn.name}(${value}) = ${label}`, () => assert.equal(fn(value), label));
  }

  test('a receipt in the change log is summarised by its file', () => {
    assert.equal(changeSummary({ tableName: 'snapshots', recordId: '320115101000', op: 'receive_forced',
      after: { file: '320115101000_青溪街道_20261127_0002.zip', sequence: 2, previousSequence: 3 } }),
    '320115101000_青溪街道_20261127_0002.zip');
  });

  test("a record whose fields say nothing is named by its kind's summary, never by its id", () => {
    const row = { tableName: 'admissions', recordId: '01933e4a-0000-7000-8000-000000000001', op: 'create',
      after: { matter: '垃圾分类督导', step: 'applied' }, summary: '准入事项“垃圾分类督导”' };
    assert.equal(changeSummary(row), '准入事项“垃圾分类督导”');
    assert.equal(changeSummary({ ...row, summary: null }), '一条准入事项');
    // the window's own naming comes first where it has one
    assert.equal(changeSummary({ ...row, after: { name: '杨刚' }, summary: '人员“杨刚”' }), '杨刚');
  });
  test('a 小区党支部 by its compound as the core names it, not by its secretary', () => {
    const row = { tableName: 'party_branches', recordId: 'b1', op: 'update', after: { secretary: '吴晓燕', identityOn: '2026-11-30' } };
    assert.equal(changeSummary({ ...row, summary: '小区党支部和三亮记录（杨柳村 › 柳塘组）' }), '小区党支部和三亮记录（杨柳村 › 柳塘组）');
    // Its compound gone: by its secretary, as before.
    assert.equal(changeSummary(row), '小区党支部（书记 吴晓燕）');
  });
  test('a unit is named under its parent; an import by what it imported', () => {
    const parent = '01933e4a-0000-7000-8000-0000000000aa';
    assert.equal(changeSummary({ tableName: 'units', recordId: 'x', op: 'update', after: { name: '第一网格', parentId: parent }, names: { [parent]: '翠苑' } }),
      '翠苑 › 第一网格');
    assert.equal(changeSummary({ tableName: 'units', recordId: 'x', op: 'update', after: { name: '青溪社区', parentId: null } }), '青溪社区');
    // An update's row carries only what changed; the core names the unit itself.
    assert.equal(changeSummary({ tableName: 'units', recordId: 'u3', op: 'update', after: { households: 120 }, names: { u3: '翠竹苑 › 第三网格' } }),
      '翠竹苑 › 第三网格');
    const imported = changeSummary({ tableName: 'imports', recordId: 'people', op: 'import', after: { fileName: '花名册.xlsx' } });
    assert.ok(imported.endsWith('：花名册.xlsx') && imported !== '：花名册.xlsx', imported);
  });
  test('a period in the change log reads as the screens say it', () => {
    assert.equal(formatFieldValue('takenDown', [{ item: 'identity', from: '2025-08-14', until: '2026-08-31' }], {}, { table: 'party_branches' }),
      '亮党员身份：2025-08-14 公示，2026-08-31 撤下');
    assert.equal(formatFieldValue('period', '2026Q4', {}, { table: 'manual_scores' }), '2026年第四季度');
    assert.equal(formatFieldValue('period', '2026H2', {}, { table: 'inspections' }), '2026年下半年');
    assert.equal(formatFieldValue('period', '2026', {}, { table: 'outpost_evaluations' }), '2026年');
    // A person's 任职经历 in the recycle bin: no lone 否 for the window's redatable.
    const history = [{ id: 'h1', date: '2023-06-01', event: 'joined', eventLabel: '入职', detail: '网格员（兼职）：金色家园网格', recordedAt: 'x', redatable: false }];
    const text = formatFieldValue('history', history, {}, { table: 'people' });
    assert.ok(!text.includes('否'), text);
    assert.ok(text.includes('入职') && text.includes('2023-06-01'), text);
    assert.equal(formatFieldValue('period', '2026年第四季度', {}, { table: 'questionnaires' }), '2026年第四季度');
  });
  test('a claim reads as who claimed what, and when', () => {
    const v = '01933e4a-0000-7000-8000-00000000000a';
    const m = '01933e4a-0000-7000-8000-00000000000b';
    const row = { tableName: 'grid_matter_claims', recordId: '01933e4a-0000-7000-8000-00000000000c', op: 'create',
      after: { villageId: v, matterId: m, claimedOn: '2026-12-07' }, names: { [v]: '石塘村', [m]: '入户走访' } };
    assert.equal(changeSummary(row), '石塘村认领“入户走访”（2026-12-07）');
    assert.equal(changeSummary({ ...row, names: {} }), '2026-12-07 认领');
  });
  test('a published 清单版本 reads as its list, version and size; its codes and items in Chinese', () => {
    const items = [{ field: 'party', name: '流动党员管理' }, { field: 'economy', name: '企业走访' }];
    const row = { tableName: 'duty_list_versions', recordId: '01933e4a-0000-7000-8000-000000000009', op: 'create',
      after: { list: 'assisting', version: '2026版', publishedOn: '2026-12-07', items } };
    assert.equal(changeSummary(row), '配合履职事项 2026版（2 项）');
    assert.equal(formatFieldValue('list', 'assisting', row.after, { table: 'duty_list_versions' }), '配合履职事项');
    assert.equal(formatFieldValue('items', items, row.after, { table: 'duty_list_versions' }), '2 项：流动党员管理、企业走访');
  });

  test('restore confirmation names the backup by its Beijing time and office', () => {
    assert.equal(restoreQuestion({ takenAt: '2026-12-05T00:30:00Z', officeName: '青溪街道' }),
      '恢复会用 2026-12-05 08:30:00 的备份（青溪街道）替换当前数据，之后的录入和修改都会回到那时的样子。恢复前会先把当前数据另存一份备份。确定吗？');
    assert.match(restoreQuestion(null), /^恢复会用该备份替换当前数据/);
    // Another copy of this office's database: the same office, other data.
    assert.match(restoreQuestion({ takenAt: '2026-12-05T00:30:00Z', officeName: '青溪街道', officeCode: '320115101000', sameDatabase: false },
      { code: '320115101000' }), /^这个 2026-12-05 08:30 的备份是本单位另一份数据库的/);
    // Another database's backup says whose it is before anything else.
    assert.equal(restoreQuestion({ takenAt: '2026-12-05T00:30:00Z', officeName: '横溪街道', officeCode: '320115105000', sameDatabase: false }),
      '这个 2026-12-05 08:30 的备份是“横溪街道”（320115105000）的，不是当前数据库的。恢复后当前数据库会变成那个单位的数据（当前数据会先另存一份备份）。确定要恢复吗？');
  });
});

describe('a workflow step in the change log (issue 14)', () => {
  test('is shown by its own name, not 修改, with its own tag colour', () => {
    // The core logs a step of a demand or a project under the action's name.
    for (const op of ['交办', '开始办理', '办结', '回访', '退回', '上报', '认领', '开始实施', '标记为已完成']) {
      assert.equal(opLabel(op), op);
      assert.equal(opClass(op), 'op-step');
    }
    assert.equal(opLabel('update'), '修改');
    assert.equal(opClass('update'), 'op-update');
    assert.equal(opClass('toString'), 'op-step', 'not a prototype key');
  });
});

describe('changeSummary', () => {
  const cases = [
    [{ op: 'create', before: null, after: { name: '新村', code: '1' }, recordId: 1 }, '新村'],
    [{ op: 'delete', before: { name: '旧村', code: '1' }, after: null, recordId: 1 }, '旧村'],
    [{ op: 'update', before: { name: '旧名' }, after: { name: '新名' }, recordId: 1 }, '新名'],
    [{ op: 'update', before: { name: '旧名' }, after: { code: 'C9' }, recordId: 1 }, 'C9'],
    [{ op: 'update', before: null, after: null, recordId: 42 }, '42'],
    // A generated id is never shown: the record is named by its kind (the table's label).
    [{ op: 'update', tableName: 'no_such_table', before: null, after: null, recordId: '01a2355e-1b2c-4d5e-8f90-123456789abc' },
      '一条no_such_table'],
    [{ op: 'create', tableName: 'callbacks', before: null, after: { calledOn: '2026-11-03', personName: '李阿姨' }, recordId: 'x' },
      '2026-11-03 电话回访 李阿姨'],
    [{ op: 'update', tableName: 'inspections', before: { date: '2026-10-09', unitName: '阳光花园' },
      after: { date: '2026-10-09', unitName: '阳光花园', score: 90 }, recordId: 'x' }, '2026-10-09 阳光花园 检查'],
    [{ op: 'create', tableName: 'rechecks', before: null, after: { entryName: '综治中心', date: '2026-09-01' }, recordId: 'x' },
      '综治中心 2026-09-01 回头看'],
    [{ op: 'create', tableName: 'samples', before: null, after: { quarter: '2026Q4', number: 7 }, recordId: 'x' },
      '2026Q4 抽查样本（随机号 7）'],
    [{ op: 'create', tableName: 'questionnaire_responses', before: null, after: { number: 'A-12' }, recordId: 'x' }, 'A-12 号答卷'],
    [{ op: 'update', before: null, after: null }, ''],
    [{ op: 'setup', before: null, after: { name: '秣陵街道', code: '320115101000' }, recordId: 1 }, '秣陵街道'],
  ];
  for (const [row, expected] of cases) {
    test(`${row.op} → ${JSON.stringify(expected)}`, () => assert.equal(changeSummary(row), expected));
  }
});

describe('field labels, per kind, from the core (kinds::field_labels)', () => {
  const cases = [
    ['units', 'households', '户数'],
    ['units', 'boundary', '边界描述'],
    ['units', 'createdAt', '创建时间'],
    ['people', 'idNumber', '身份证号码'],
    ['people', 'phone', '手机号码'],
    ['people', 'politicalStatus', '政治面貌'],
    ['people', 'published', '是否公示'],
    ['people', 'roles', '身份'],
    ['business_grids', 'department', '所属部门'],
    ['business_grids', 'mappings', '对应基础网格'],
    // kinds added after the window's own table was written (issues 14–16)
    ['callbacks', 'calledOn', '回访日期'],
    ['callbacks', 'topicRef', '回访的诉求或小区'],
    ['admissions', 'matter', '事项名称'],
    ['inspections', 'scores', '各项得分'],
    ['samples', 'ratePermille', '抽查比例（‰）'],
    // one name, two kinds: each kind's own
    ['secondments', 'unitId', '派出村/社区'],
    ['plaques', 'unitId', '挂牌村/社区'],
    // a logged row that is not a record: an import, an exchange file
    ['imports', 'created', '新增'],
    ['people', 'rows', '行数'],
    ['units', 'somethingNew', 'somethingNew'],
  ];
  for (const [table, field, label] of cases) {
    test(`${table}.${field} = ${label}`, () => assert.equal(fieldLabel(field, table), label));
  }
});

describe("values in the change log: the kind's Chinese for its codes, records by name", () => {
  const U1 = '01a24350-6639-7299-98f9-0a1925992559';
  const U2 = '01a24350-6640-7500-b3bb-fdb5477fe8f6';
  const P1 = '01a24350-664c-7123-9c01-db3693752c0a';
  const admission = { table: 'admissions', names: { [U1]: '阳光社区第一网格' } };
  test('a coded value by its kind (from the catalog)', () => {
    assert.equal(formatFieldValue('step', 'approved', {}, admission), '已审批');
    assert.equal(formatFieldValue('term', 'short', {}, admission), '短期');
    assert.equal(formatFieldValue('resources', ['funds', 'staff'], {}, admission), '资金、人员');
    // a code the kind does not declare shows as it is
    assert.equal(formatFieldValue('step', 'someday', {}, admission), 'someday');
  });
  test('a record named by id shows by its name; one no record has any more, never by its id', () => {
    assert.equal(formatFieldValue('unitIds', [U1, U2], {}, admission), '阳光社区第一网格、（已删除的记录）');
    assert.equal(formatFieldValue('unitId', U1, {}, { table: 'plaques', names: { [U1]: '石塘村' } }), '石塘村');
    assert.equal(formatFieldValue('unitId', U2, {}, { table: 'plaques' }), '（已删除的记录）');
    // a code that only looks like a word stays as it is
    assert.equal(formatFieldValue('note', 'u2', {}, { table: 'plaques' }), 'u2');
  });
  test('yes or no, any field', () => {
    assert.equal(formatFieldValue('rebound', true, {}, { table: 'rechecks' }), '是');
    assert.equal(formatFieldValue('communityWorker', false, {}, { table: 'pipeline_events' }), '否');
  });
  test('the same code, two kinds', () => {
    assert.equal(formatFieldValue('level', 'village', {}, { table: 'demands' }), '村/社区');
    assert.equal(formatFieldValue('level', 'county', {}, { table: 'office' }), '县/区');
  });
  test('a timeline, nested records and scores read as text, not JSON', () => {
    const events = [
      { date: '2026-02-20', from: null, to: 'open', reason: '提出需求', recordedAt: '2026-02-20T08:00:00Z' },
      { date: '2026-03-10', from: 'open', to: 'claimed', reason: '', recordedAt: '2026-03-10T08:00:00Z' },
    ];
    assert.equal(formatFieldValue('events', events, {}, { table: 'projects' }), '2026-02-20 待认领 提出需求；2026-03-10 待认领 → 已认领');
    assert.equal(formatFieldValue('claims', [{ claimedOn: '2026-03-10', partnerUnitId: P1 }], {}, { table: 'projects', names: { [P1]: '区供电所' } }),
      '2026-03-10 区供电所');
    // a file: its name and size, never its checksum; a key inside is not named by the record's own fields
    assert.equal(formatFieldValue('attachments', [{ name: '照片.jpg', hash: 'ab'.repeat(32), size: 2048, addedAt: '2026-08-10' }], {}, { table: 'plaques' }),
      '照片.jpg（2.0 KB）');
    // a demand's level changed: from → to
    assert.equal(formatFieldValue('history', [{ date: '2026-03-12', levelFrom: 'village', levelTo: 'township' }], {}, { table: 'demands' }),
      '2026-03-12 村/社区 → 乡镇/街道');
    // an export's counts by table, its office's level in Chinese
    assert.equal(formatFieldValue('counts', { units: 97, people: 82 }, {}, { table: 'packages' }), '组织单位：97 人员：82');
    assert.equal(formatFieldValue('office', { code: '320115101000', name: '青溪街道', level: 'township' }, {}, { table: 'packages' }),
      '320115101000 青溪街道 乡镇/街道');
    assert.equal(formatFieldValue('scores', { publicity: 13, sanliang: 20 }, {}, { table: 'inspections' }), '信息公示：13 三亮到位：20');
    assert.equal(formatFieldValue('questions', [{ text: '是否知道网格员？', kind: 'choice', options: ['知道', '不知道'] }], {}, { table: 'questionnaires' }),
      '是否知道网格员？ 选择题 知道、不知道');
    assert.equal(formatFieldValue('decisions', [{ id: 'd1', decision: '摸排需求', status: 'done' }], {}, { table: 'joint_meetings' }), '摸排需求 已完成');
    assert.equal(formatFieldValue('events', [], {}, { table: 'projects' }), '（空）');
    // An import's notes are sentences: one after another, not joined with 、 (。、).
    assert.equal(formatFieldValue('notes', ['第 2 行：已把“陈春梅”改为离岗。', '第 3 行：已给“高敏”调岗。'], {}, { table: 'imports' }),
      '第 2 行：已把“陈春梅”改为离岗。第 3 行：已给“高敏”调岗。');
    assert.equal(formatFieldValue('items', ['甲', '乙'], {}, { table: 'x' }), '甲、乙');
  });

  test('diffRows passes the names on', () => {
    const rows = diffRows(null, { id: U2, unitId: U1, decision: 'remove' }, 'plaques', { [U1]: '石塘村' });
    // the record's own generated id is not a row
    assert.deepEqual(rows.map((r) => [r.label, r.after]), [['挂牌村/社区', '石塘村'], ['处理结果', '摘除']]);
  });
});

describe('diffRows', () => {
  test('a list the change only added to shows what it added', () => {
    const first = { date: '2026-02-20', to: 'open', note: '提出需求' };
    const next = { date: '2026-03-10', from: 'open', to: 'claimed' };
    const [row] = diffRows({ events: [first] }, { events: [first, next] }, 'projects');
    assert.equal(row.before, '2026-02-20 待认领 提出需求');
    assert.equal(row.after, '原有 1 条，新增：2026-03-10 待认领 → 已认领');
    assert.equal(row.changed, true);
    // A list that lost or changed an item is shown whole on both sides.
    const [changed] = diffRows({ events: [first, next] }, { events: [next] }, 'projects');
    assert.equal(changed.after, '2026-03-10 待认领 → 已认领');
    // A list of ids is shown whole (no 原有 2 条 for villages).
    const [ids] = diffRows({ villageIds: ['a', 'b'] }, { villageIds: ['a', 'b', 'c'] }, 'partner_units');
    assert.equal(ids.after, 'a、b、c');
  });

  test('update: marks only the changed fields', () => {
    const rows = diffRows(
      { name: '甲', households: 10, note: '' },
      { name: '乙', households: 10, note: '' },
      'units',
    );
    assert.deepEqual(rows.map((r) => [r.field, r.changed]), [
      ['name', true], ['households', false], ['note', false],
    ]);
    assert.deepEqual(rows[0], { field: 'name', label: '名称', before: '甲', after: '乙', changed: true });
  });

  test('create: no before, every field counts as changed', () => {
    const rows = diffRows(null, { name: '新村', areaType: 'rural' }, 'units');
    assert.deepEqual(rows.map((r) => [r.label, r.before, r.after, r.changed]), [
      ['名称', '—', '新村', true],
      ['类型', '—', '农村（村）', true],
    ]);
  });

  test('delete: no after', () => {
    const rows = diffRows({ name: '旧村' }, null);
    assert.deepEqual(rows.map((r) => [r.before, r.after]), [['旧村', '—']]);
  });

  test("fields come in the sheet's order, then those only the kind names, unknown ones last alphabetically", () => {
    const rows = diffRows(null, { zeta: 1, note: '', alpha: 2, code: 'C', kind: 'compound', name: 'N', id: 3 }, 'units');
    assert.deepEqual(rows.map((r) => r.field), ['kind', 'code', 'name', 'note', 'id', 'alpha', 'zeta']);
  });

  test('a field present on one side only is a change', () => {
    const rows = diffRows({ name: 'a' }, { name: 'a', note: 'x' }, 'units');
    assert.deepEqual(rows.find((r) => r.field === 'note'), {
      field: 'note', label: '备注', before: '（空）', after: 'x', changed: true,
    });
  });

  test('null and missing count as the same value', () => {
    const rows = diffRows({ households: null }, {});
    assert.equal(rows[0].changed, false);
  });

  test('both missing gives no rows', () => {
    assert.deepEqual(diffRows(null, null), []);
  });

  test('values are shown in Chinese', () => {
    assert.equal(formatFieldValue('areaType', 'urban'), '城镇（社区）');
    assert.equal(formatFieldValue('kind', 'village', { areaType: 'urban' }), '社区');
    assert.equal(formatFieldValue('kind', 'village', { areaType: 'rural' }), '村');
    assert.equal(formatFieldValue('kind', 'base_grid', {}), '基础网格');
    assert.equal(formatFieldValue('level', 'county'), '县/区');
    assert.equal(formatFieldValue('isDemo', true), '是');
    assert.equal(formatFieldValue('isDemo', false), '否');
    assert.equal(formatFieldValue('households', 0), '0');
    assert.equal(formatFieldValue('households', null), '（空）');
    assert.equal(formatFieldValue('note', ''), '（空）');
    assert.equal(formatFieldValue('extra', { a: 1 }), 'a：1'); // a nested record's values, never JSON; a number keeps its key
    assert.match(formatFieldValue('createdAt', '2026-11-27T00:00:00Z'), /^2026-11-2[67] \d{2}:\d{2}$/);
  });

  test('党建 and 共建 values: partner phones stay masked, statuses in Chinese', () => {
    assert.equal(formatFieldValue('contactPhone', '13812345678'), '138****5678');
    assert.equal(formatFieldValue('exists', true), '是');
    assert.equal(formatFieldValue('partTime', false), '否');
    // Each kind's statuses as the core names them (the catalog's valueLabels).
    assert.equal(formatFieldValue('status', 'in_progress', {}, { table: 'projects' }), '实施中');
    assert.equal(formatFieldValue('status', 'open', { title: '加装电梯', claims: [] }, { table: 'projects' }), '待认领');
    assert.equal(formatFieldValue('decisions', [{ decision: '摸排', status: 'open' }], {}, { table: 'joint_meetings' }), '摸排 跟进中');
    assert.equal(formatFieldValue('decisions', [{ decision: '摸排', status: 'done' }], {}, { table: 'joint_meetings' }), '摸排 已完成');
    assert.equal(formatFieldValue('status', 'active', {}, { table: 'people' }), '在岗');
    assert.equal(changeSummary({ after: { title: '加装电梯' } }), '加装电梯');
    assert.equal(changeSummary({ after: { heldOn: '2026-03-10' } }), '2026-03-10 联席会议');
  });
});

describe('errorRoute (branches on kind and field only)', () => {
  const fields = ['code', 'name'];
  const cases = [
    [{ kind: 'validation', field: 'code', message: 'x' }, 'field'],
    [{ kind: 'conflict', field: 'name', message: 'x' }, 'field'],
    [{ kind: 'validation', field: 'parentId', message: 'x' }, 'alert'], // not in this form
    [{ kind: 'validation', message: 'x' }, 'alert'],
    [{ kind: 'conflict', message: 'x' }, 'alert'],
    [{ kind: 'refused', field: 'code', message: 'x' }, 'alert'],
    [{ kind: 'not_found', message: 'x' }, 'reload'],
    [{ kind: 'not_initialized', message: 'x' }, 'reboot'],
    [{ kind: 'newer_version', message: 'x' }, 'reboot'],
    [{ kind: 'storage', message: 'x' }, 'alert'],
    [{ kind: 'io', message: 'x' }, 'alert'],
    [{ kind: 'internal', message: 'x' }, 'alert'],
    [null, 'alert'],
  ];
  for (const [err, route] of cases) {
    test(`${JSON.stringify(err)} → ${route}`, () => assert.equal(errorRoute(err, fields), route));
  }

  test('the message text never changes the route', () => {
    for (const message of ['编码重复', 'code already exists', '', '请先删除下级单位']) {
      assert.equal(errorRoute({ kind: 'refused', message }, fields), 'alert');
      assert.equal(errorRoute({ kind: 'validation', field: 'code', message }, fields), 'field');
    }
  });

  test('errorMessage falls back to Chinese', () => {
    assert.equal(errorMessage({ kind: 'io', message: '文件无法写入。' }), '文件无法写入。');
    assert.match(errorMessage({ kind: 'io' }), /[\u4e00-\u9fff]/);
    assert.match(errorMessage({ kind: 'io', message: '  ' }), /[\u4e00-\u9fff]/);
    assert.match(errorMessage(undefined), /[\u4e00-\u9fff]/);
  });
});

describe('people registry, 多格合一 and import labels', () => {
  const cases = [
    [tableLabel, 'people', '人员'],
    [tableLabel, 'business_grids', '业务网格'],
    [tableLabel, 'imports', '导入'],
    [opLabel, 'import', '导入'],
    [opLabel, 'export_unmasked', '完整号码导出'],
    [fieldLabel, 'created', '新增'],
  ];
  for (const [fn, value, label] of cases) {
    test(`${fn.name}(${value}) = ${label}`, () => assert.equal(fn(value), label));
  }

  test('person values in the change log are Chinese, and ID numbers and phones stay masked', () => {
    const people = { table: 'people' };
    assert.equal(formatFieldValue('gender', 'female', {}, people), '女');
    assert.equal(formatFieldValue('status', 'left', {}, people), '离岗');
    assert.equal(formatFieldValue('status', 'active', {}, people), '在岗');
    assert.equal(formatFieldValue('published', true), '是');
    assert.equal(formatFieldValue('unmasked', false), '否');
    assert.equal(formatFieldValue('idNumber', '32010219850612123X'), '3201**********123X');
    assert.equal(formatFieldValue('phone', '13812345678'), '138****5678');
    assert.equal(formatFieldValue('kind', 'people'), '人员');
  });

  test('roles and mappings are summarised', () => {
    assert.equal(formatFieldValue('roles', [
      { role: 'grid_worker', employment: 'full_time', unitIds: ['a', 'b'] },
      { role: 'building_head', employment: null, unitIds: ['c'] },
    ]), '网格员（专职）：2 个单位；楼栋长：1 个单位');
    assert.equal(formatFieldValue('roles', []), '（空）');
    assert.equal(formatFieldValue('mappings', [
      { baseGridId: 'g1', baseGridName: '第一网格', mergedOn: '2026-03-01' },
      { baseGridId: 'g2', baseGridName: '第二网格', mergedOn: null },
    ]), '第一网格（2026-03-01 纳入）、第二网格（未纳入）');
  });

  test('an import row is summarised by what it imported and its file name', () => {
    const row = { op: 'import', tableName: 'imports', recordId: 'people', before: null,
      after: { kind: 'people', fileName: '网格员.xlsx', created: 3 } };
    assert.equal(changeSummary(row), '人员：网格员.xlsx');
  });

  test('a full ID number never shows in a person diff', () => {
    const rows = diffRows({ idNumber: '32010219850612123X', phone: '13812345678' },
      { idNumber: '320102198506121220', phone: '13812345679' }, 'people');
    for (const r of rows) {
      assert.doesNotMatch(r.before, /\d{11}/);
      assert.doesNotMatch(r.after, /\d{11}/);
      assert.equal(r.changed, true);
    }
  });
});

describe('catalogList', () => {
  test('a list read before the catalog fills in place when it comes; a malformed entry is dropped; `after` stays last', () => {
    const list = catalogList('roles', (r) => (typeof r?.value === 'string' ? r.value : null), ['all']);
    assert.deepEqual(list, ['grid_worker', 'building_head', 'info_officer', 'community_worker', 'all'], 'the catalog was loaded first');
    useKindCatalog({ ...KIND_CATALOG, roles: [{ value: 'grid_worker' }, { value: 7 }, null] });
    assert.deepEqual(list, ['grid_worker', 'all']);
    useKindCatalog({ ...KIND_CATALOG, roles: 'none' });
    assert.deepEqual(list, ['all']);
    useKindCatalog(KIND_CATALOG);
    assert.equal(list.length, 5);
  });
});

describe('catalog keys the window reads', () => {
  // Every catalogList('key', …) and choicesOf('table', 'field') in ui/js names
  // something the core's catalog serves (the fixture is the core's catalog, checked
  // by ui_catalog_fixture): a key renamed on one side fails here, not as an empty
  // list box in the window.
  const root = new URL('../../ui/js/', import.meta.url).pathname;
  const files = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.js')) files.push(p);
  });
  walk(root);
  const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');

  test('every catalogList key is a list the catalog has', () => {
    const keys = [...source.matchAll(/catalogList\(\s*'([A-Za-z]+)'/g)].map((m) => m[1]);
    assert.ok(keys.length >= 5, `found ${keys.length}`);
    for (const key of keys) assert.ok(Array.isArray(KIND_CATALOG[key]) && KIND_CATALOG[key].length, key);
  });

  test('every choicesOf table and field has values in the catalog', () => {
    const pairs = [...source.matchAll(/choicesOf\(\s*'([a-z_]+)',\s*'([A-Za-z]+)'\s*\)/g)].map((m) => [m[1], m[2]]);
    assert.ok(pairs.length >= 15, `found ${pairs.length}`);
    const values = new Map(KIND_CATALOG.valueLabels.map(([table, fields]) => [table, new Map(fields)]));
    for (const [table, field] of pairs) assert.ok(values.get(table)?.get(field)?.length, `${table}.${field}`);
  });
});


test('a meeting decision in the change log names its owner and its two dates', () => {
  const text = formatFieldValue('decisions', [
    { id: 'd1', decision: '加装电梯线路改造', owner: '钱伟', dueOn: '2026-05-31', status: 'done', doneOn: '2026-05-31' },
  ], null, { table: 'joint_meetings' });
  assert.equal(text, '加装电梯线路改造 责任人：钱伟 完成时限：2026-05-31 已完成 完成日期：2026-05-31');
});
