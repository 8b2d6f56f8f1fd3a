// logic/contacts.js: leaders, contact points (targets with paths, the kind of link
// by the leader's level), visits and the 转为诉求 form, coverage and its gaps, departments.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEADER_LEVELS, CONTACT_KINDS, LEADER_FIELDS, POINT_FIELDS, VISIT_FIELDS, DEPARTMENT_FIELDS, contactKindFor,
  contactKindHint, leaderFormValues, parseLeaderForm, leaderCells, leaderChoices, targetOptions, villageIdOf,
  pointFormValues, parsePointForm, pointCells, pointTitle, visitFormValues, parseVisitForm, visitCells, demandFromVisitValues,
  coverageSummary, coverageRows, townshipGaps, departmentFormValues, parseDepartmentForm, departmentCells,
} from '../../ui/js/logic/contacts.js';
import { parseDemandForm } from '../../ui/js/logic/demands.js';
import { buildTree } from '../../ui/js/logic/tree.js';

const UNITS = [
  { id: 1, kind: 'village', parentId: null, code: '001', name: '青溪社区', areaType: 'urban' },
  { id: 2, kind: 'compound', parentId: 1, code: '001001', name: '阳光花园', areaType: 'urban' },
  { id: 3, kind: 'base_grid', parentId: 2, code: '00100101', name: '一网格', areaType: 'urban' },
  { id: 4, kind: 'micro_grid', parentId: 3, code: '0010010101', name: '1号楼', areaType: 'urban' },
  { id: 5, kind: 'village', parentId: null, code: '002', name: '杨柳村', areaType: 'rural' },
  { id: 6, kind: 'base_grid', parentId: 5, code: '00201', name: '杨柳一组网格', areaType: 'rural' },
];

describe('leaders', () => {
  test('levels and the kind of link by level', () => {
    assert.deepEqual(LEADER_LEVELS.map((l) => l.label), ['市', '县/区', '乡镇/街道']);
    assert.deepEqual(['city', 'county', 'township'].map((l) => contactKindFor(l).label), ['重点联系', '包保', '全覆盖']);
    assert.deepEqual(CONTACT_KINDS.map((k) => [k.level, k.value]), [['city', 'key'], ['county', 'baobao'], ['township', 'full']]);
    assert.equal(contactKindFor('village'), null);
    assert.match(contactKindHint({ name: '张伟', level: 'county', levelLabel: '县/区' }), /张伟是县\/区领导：联系类型为“包保”/);
    assert.match(contactKindHint(null), /重点联系.*包保.*全覆盖/);
  });
  test('field lists', () => {
    assert.deepEqual(LEADER_FIELDS, ['name', 'level', 'post', 'unit', 'phone', 'note']);
    assert.deepEqual(POINT_FIELDS, ['leaderId', 'unitId', 'startOn', 'endOn', 'note']);
    assert.deepEqual(VISIT_FIELDS, ['visitedOn', 'visitors', 'found', 'coordinated']);
    assert.deepEqual(DEPARTMENT_FIELDS, ['name', 'level', 'note']);
  });
  test('form values: the full phone is given from outside', () => {
    assert.deepEqual(leaderFormValues(null), { name: '', level: 'township', post: '', unit: '', phone: '', note: '' });
    const l = { name: '张伟', level: 'county', post: '副区长', unit: '区政府', phone: '139****0001', note: '' };
    assert.equal(leaderFormValues(l, { fullPhone: '13900000001' }).phone, '13900000001');
    assert.equal(leaderFormValues(l).phone, '', 'never the masked number');
  });
  test('parse', () => {
    assert.deepEqual(parseLeaderForm({ name: ' 张伟 ', level: 'county', post: '副区长', unit: '区政府', phone: '139 0000 0001' }), {
      ok: true, input: { name: '张伟', level: 'county', post: '副区长', unit: '区政府', phone: '13900000001', note: '' },
    });
    assert.equal(parseLeaderForm({ name: '', level: 'county' }).error.field, 'name');
    assert.equal(parseLeaderForm({ name: '张伟', level: 'village' }).error.field, 'level');
  });
  test('cells and option labels', () => {
    const c = leaderCells({ name: '张伟', level: 'county', post: '', unit: '区政府', phone: '139****0001', points: 2 });
    assert.deepEqual(c, { name: '张伟', level: '县/区', post: '—', unit: '区政府', phone: '139****0001', points: '2 个' });
    assert.equal(leaderCells({ points: 0 }).points, '—');
    assert.deepEqual(leaderChoices([
      { id: 1, name: '何静', level: 'township', post: '党工委副书记' },
      { id: 2, name: '张伟', level: 'county', post: '副区长' },
      { id: 3, name: '王新民', level: 'township', post: '' },
      { id: 4, name: '李强', level: 'city', post: '副市长' },
    ]), [
      { value: '4', label: '李强（副市长）', group: '市领导' },
      { value: '2', label: '张伟（副区长）', group: '县/区领导' },
      { value: '1', label: '何静（党工委副书记）', group: '乡镇/街道领导' },
      { value: '3', label: '王新民', group: '乡镇/街道领导' },
    ], 'grouped by level, city first; the level is the group\'s, not repeated in each choice');
  });
});

describe('contact points', () => {
  const tree = buildTree(UNITS);
  test('targets: villages, compounds and base grids with paths, no micro-grids', () => {
    const t = targetOptions(tree);
    assert.deepEqual(t.map((x) => x.label), [
      // A name that already says its kind (青溪社区, 杨柳村) is not followed by it again.
      '青溪社区', '青溪社区 › 阳光花园（小区）', '青溪社区 › 阳光花园 › 一网格（基础网格）', '杨柳村', '杨柳村 › 杨柳一组网格（基础网格）',
    ]);
    assert.deepEqual(t.map((x) => x.depth), [1, 2, 3, 1, 2]);
    assert.equal(t[0].id, '1');
    assert.deepEqual(targetOptions(null), []);
  });
  test('the village of a unit', () => {
    assert.equal(villageIdOf(tree, 3), '1');
    assert.equal(villageIdOf(tree, '5'), '5');
    assert.equal(villageIdOf(tree, 99), '');
  });
  test('form values', () => {
    assert.deepEqual(pointFormValues(null, { today: '2026-03-01', unitId: 3 }),
      { leaderId: '', unitId: '3', startOn: '2026-03-01', endOn: '', note: '' });
    assert.deepEqual(pointFormValues({ leaderId: 7, unitId: 1, startOn: '2025-01-01', endOn: null, note: 'x' }),
      { leaderId: '7', unitId: '1', startOn: '2025-01-01', endOn: '', note: 'x' });
  });
  test('parse', () => {
    assert.deepEqual(parsePointForm({ leaderId: '7', unitId: '1', startOn: '2026/3/1', endOn: '' }),
      { ok: true, input: { leaderId: '7', unitId: '1', startOn: '2026-03-01', endOn: '', note: '' } });
    assert.equal(parsePointForm({ unitId: '1' }).error.field, 'leaderId');
    assert.equal(parsePointForm({ leaderId: '7' }).error.field, 'unitId');
    const all = parsePointForm({ startOn: '2026-03-05', endOn: '2026-03-01' });
    assert.deepEqual(all.problems.map((e) => e.field), ['leaderId', 'unitId', 'endOn'], 'every problem at once');
    assert.equal(parsePointForm({ leaderId: '7', unitId: '1', startOn: 'x' }).error.field, 'startOn');
    assert.equal(parsePointForm({ leaderId: '7', unitId: '1', startOn: '2026-03-01', endOn: '2026-02-01' }).error.field, 'endOn');
  });
  test('cells and title', () => {
    const p = {
      leaderName: '张伟', leaderLevel: 'county', unitName: '阳光花园', unitPath: '青溪社区 › 阳光花园', kindLabel: '包保',
      startOn: '2026-01-01', endOn: null, active: true, visits: 3,
    };
    assert.deepEqual(pointCells(p), {
      leader: '张伟', level: '县/区', target: '青溪社区 › 阳光花园', kind: '包保', period: '2026-01-01 起', active: true, state: '联系中', visits: '3 次',
    });
    assert.equal(pointCells({ ...p, kindLabel: '', active: false }).kind, '包保');
    assert.equal(pointCells({ ...p, active: false }).active, false);
    // The core says whether an inactive point has ended or not begun.
    assert.equal(pointCells({ ...p, active: false }).state, '已结束');
    assert.equal(pointCells({ ...p, active: false, stateLabel: '未开始' }).state, '未开始');
    assert.equal(pointTitle(p), '张伟 → 青溪社区 › 阳光花园（包保）');
  });
});

describe('visits', () => {
  test('form values and parse', () => {
    assert.deepEqual(visitFormValues(null, { today: '2026-03-02' }), { visitedOn: '2026-03-02', visitors: '', found: '', coordinated: '' });
    assert.deepEqual(parseVisitForm({ visitedOn: '2026.3.2', visitors: ' 张伟、王芳 ', found: '路灯不亮', coordinated: '' }, { contactPointId: 'c1' }), {
      ok: true, input: { contactPointId: 'c1', visitedOn: '2026-03-02', visitors: '张伟、王芳', found: '路灯不亮', coordinated: '' },
    });
    assert.equal(parseVisitForm({ visitedOn: '' }, { contactPointId: 'c1' }).error.field, 'visitedOn');
    assert.equal(parseVisitForm({ visitedOn: '2026-03-02' }, {}).ok, false);
  });
  test('cells list the linked demands', () => {
    const c = visitCells({ visitedOn: '2026-03-02', visitors: '', found: '路灯', coordinated: '', demands: [{ id: 9, title: '路灯不亮', statusLabel: '已交办' }] });
    assert.equal(c.visitors, '—');
    assert.deepEqual(c.demands, [{ id: '9', title: '路灯不亮', statusLabel: '已交办', text: '路灯不亮（已交办）' }]);
  });
  test('转为诉求: filled from the visit and the point, a valid DemandInput once titled', () => {
    const line = '3 号楼、5 号楼之间的路灯不亮已两周，居民夜间出行很不方便，老人孩子容易摔倒，多次反映一直未解决';
    const visit = { visitedOn: '2026-03-02', found: `\n${line}\n另：垃圾清运不及时` };
    const point = { leaderName: '张伟' };
    const v = demandFromVisitValues(visit, point, { villageId: '1' });
    assert.ok(line.length > 40);
    assert.equal(v.title, `${line.slice(0, 40)}…`);
    assert.equal(demandFromVisitValues({ found: '路灯不亮\n详情' }, point).title, '路灯不亮');
    assert.equal(v.description, visit.found.trim());
    assert.equal(v.source, 'visit');
    assert.equal(v.reporter, '', '反映人 is left for the residents, not the visiting leader');
    assert.equal(v.receivedOn, '2026-03-02');
    assert.equal(v.unitId, '1');
    assert.equal(v.level, 'township');
    // 类别 is the clerk's to choose (the core asks for it; the form says so first).
    assert.equal(parseDemandForm(v).error.field, 'category');
    const parsed = parseDemandForm({ ...v, category: '市政设施' });
    assert.equal(parsed.ok, true);
    assert.equal(parsed.input.unitId, '1');
    assert.equal(demandFromVisitValues({ found: '' }, null).title, '');
  });
});

describe('coverage', () => {
  const C = {
    rows: [
      { unitId: 1, kind: 'village', name: '青溪社区', path: '青溪社区', leaders: [{ leaderId: 7, name: '张伟', levelLabel: '县/区', kindLabel: '包保' }] },
      { unitId: 2, kind: 'compound', name: '阳光花园', path: '青溪社区 › 阳光花园', leaders: [] },
      { unitId: 3, kind: 'base_grid', name: '一网格', path: '青溪社区 › 阳光花园 › 一网格', leaders: [] },
      { unitId: 5, kind: 'village', name: '杨柳村', path: '杨柳村', leaders: [{ leaderId: 8, name: '王芳', levelLabel: '乡镇/街道', kindLabel: '全覆盖' }] },
    ],
    uncovered: [],
    villagesWithoutTownshipLeader: [{ unitId: 1, kind: 'village', name: '青溪社区', path: '青溪社区', leaders: [] }],
    covered: 2,
    total: 4,
  };
  test('summary', () => {
    assert.deepEqual(coverageSummary(C), { covered: 2, total: 4, text: '村/社区、小区和网格中有联系领导的 2/4 个（50.0%）' });
    assert.match(coverageSummary({ covered: 0, total: 0 }).text, /组织架构/);
  });
  test('rows: leaders as text, depth by kind, uncovered marked, or only those', () => {
    const rows = coverageRows(C);
    assert.deepEqual(rows.map((r) => [r.id, r.depth, r.uncovered]), [['1', 1, false], ['2', 2, true], ['3', 3, true], ['5', 1, false]]);
    assert.deepEqual(rows[0].leaders, ['张伟（县/区 · 包保）']);
    assert.deepEqual(coverageRows(C, { onlyUncovered: true }).map((r) => r.id), ['2', '3']);
    assert.deepEqual(coverageRows(null), []);
  });
  test('township gaps', () => {
    const g = townshipGaps(C);
    assert.deepEqual(g.items, [{ id: '1', name: '青溪社区', path: '青溪社区' }]);
    assert.match(g.text, /还有 1 个村\/社区没有乡镇\/街道领导联系/);
    assert.match(townshipGaps({ ...C, villagesWithoutTownshipLeader: [] }).text, /全覆盖已达成/);
    assert.equal(townshipGaps({}).text, '还没有村/社区。');
  });
});

describe('departments', () => {
  test('form values, parse and cells', () => {
    assert.deepEqual(departmentFormValues(null), { name: '', level: 'township', note: '' });
    assert.deepEqual(parseDepartmentForm({ name: ' 区住建局 ', level: 'county', note: '' }),
      { ok: true, input: { name: '区住建局', level: 'county', note: '' } });
    assert.equal(parseDepartmentForm({ name: '', level: 'county' }).error.field, 'name');
    assert.equal(parseDepartmentForm({ name: 'x', level: '' }).error.field, 'level');
    assert.deepEqual(departmentCells({ name: '区住建局', level: 'county', note: '' }), { name: '区住建局', level: '县/区', note: '—' });
  });
});
