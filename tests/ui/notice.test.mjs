import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  NOTICE_TITLE, NOTICE_PENDING, NOTICE_DUTIES, hasNoticeCard, coverageIndex, baseGridsInScope, noticeModel,
} from '../../ui/js/logic/notice.js';
import { tree } from './fixtures.mjs';

const S = (name, role, published, phone = '138****0000') => ({ personId: name, name, role, phoneMasked: phone, published });
const G = (unitId, kind, staff) => ({ unitId, kind, code: '', name: unitId, path: '', staff });

const COVERAGE = {
  baseGrids: [
    G('g1', 'base_grid', [S('张伟', '网格员（专职）', true, '138****5678'), S('李四', '网格员（兼职）', false)]),
    G('g2', 'base_grid', [S('王五', '网格员（专职）', false)]),
    G('g3', 'base_grid', []),
    G('g4', 'base_grid', [S('赵六', '网格员（兼职）', true)]),
  ],
  microGrids: [
    G('m1', 'micro_grid', [S('钱七', '楼栋长', true), S('孙八', '信息员', false)]),
    G('m2', 'micro_grid', [S('周九', '信息员', false)]),
  ],
  uncovered: [G('g3', 'base_grid', [])],
};
const OFFICE = { name: '秣陵街道', code: '320115101000' };

describe('which units have a notice card', () => {
  for (const [kind, yes] of [['compound', true], ['base_grid', true], ['micro_grid', false], ['village', false]]) {
    test(kind, () => assert.equal(hasNoticeCard(kind), yes));
  }
});

describe('coverageIndex', () => {
  test('maps every grid to its staff', () => {
    const idx = coverageIndex(COVERAGE);
    assert.equal(idx.get('g1').length, 2);
    assert.deepEqual(idx.get('g3'), []);
    assert.equal(idx.get('m1')[0].name, '钱七');
  });
  test('null coverage gives an empty index', () => assert.equal(coverageIndex(null).size, 0));
});

describe('baseGridsInScope', () => {
  const ids = (list) => list.map((n) => n.unit.id);
  test('a base grid is its own scope', () => assert.deepEqual(ids(baseGridsInScope(tree(), 'g1')), ['g1']));
  test('a compound: its base grids', () => assert.deepEqual(ids(baseGridsInScope(tree(), 'c1')), ['g1', 'g2']));
  test('a village: every base grid inside, in tree order', () => assert.deepEqual(ids(baseGridsInScope(tree(), 'v1')), ['g1', 'g2', 'g3']));
  test('a micro-grid: its base grid', () => assert.deepEqual(ids(baseGridsInScope(tree(), 'm2')), ['g1']));
  test('a compound without grids', () => assert.deepEqual(ids(baseGridsInScope(tree(), 'c2')), []));
  test('unknown unit', () => assert.deepEqual(baseGridsInScope(tree(), 'zz'), []));
});

describe('noticeModel', () => {
  test('texts of the card', () => {
    assert.equal(NOTICE_TITLE, '网格服务公示牌');
    assert.equal(NOTICE_PENDING, '网格员信息待公示');
    assert.deepEqual([...NOTICE_DUTIES], ['联系服务群众', '宣传政策法规', '排查化解矛盾纠纷', '巡查走访']);
  });

  test('a base grid: published grid workers and micro-grid staff only', () => {
    const m = noticeModel({ tree: tree(), coverage: COVERAGE, unitId: 'g1', office: OFFICE });
    assert.equal(m.title, '网格服务公示牌');
    assert.equal(m.officeName, '秣陵街道');
    assert.equal(m.path, '青溪社区 › 阳光花园 › 第一网格');
    assert.equal(m.unitKindLabel, '基础网格');
    assert.equal(m.grids.length, 1);
    const g = m.grids[0];
    assert.equal(g.name, '第一网格');
    assert.equal(g.pending, false);
    assert.deepEqual(g.workers, [{ name: '张伟', role: '网格员（专职）', phone: '138****5678' }]);
    // m1 has one published person; m2 has none and is left off.
    assert.deepEqual(g.micro, [{ id: 'm1', name: '1号楼', staff: [{ name: '钱七', role: '楼栋长', phone: '138****0000' }] }]);
    assert.deepEqual(m.duties, ['联系服务群众', '宣传政策法规', '排查化解矛盾纠纷', '巡查走访']);
  });

  // Residents call the number on the wall: the whole one the core gives for one
  // marked 公示 (a card of 139****0137 was of no use).
  test('a published person\'s whole number goes on the card', () => {
    const coverage = {
      ...COVERAGE,
      baseGrids: COVERAGE.baseGrids.map((g) => ({
        ...g, staff: g.staff.map((x) => (x.published ? { ...x, publicPhone: '13812345678' } : x)),
      })),
    };
    const m = noticeModel({ tree: tree(), coverage, unitId: 'g1', office: OFFICE });
    assert.equal(m.grids[0].workers[0].phone, '13812345678');
  });

  test('a compound: every base grid; a grid without published workers is pending', () => {
    const m = noticeModel({ tree: tree(), coverage: COVERAGE, unitId: 'c1', office: OFFICE });
    assert.deepEqual(m.grids.map((g) => [g.name, g.pending, g.workers.length]), [['第一网格', false, 1], ['第二网格', true, 0]]);
    assert.equal(m.path, '青溪社区 › 阳光花园');
    assert.equal(m.unitKindLabel, '小区');
  });

  test('a grid nobody serves is pending', () => {
    const m = noticeModel({ tree: tree(), coverage: COVERAGE, unitId: 'g3', office: OFFICE });
    assert.equal(m.grids[0].pending, true);
    assert.deepEqual(m.grids[0].micro, []);
  });

  test('people serving the compound itself: published only', () => {
    const m = noticeModel({
      tree: tree(), coverage: COVERAGE, unitId: 'c1', office: OFFICE,
      unitStaff: [S('吴十', '楼栋长', true, '139****1111'), S('郑一', '信息员', false)],
    });
    assert.deepEqual(m.unitStaff, [{ name: '吴十', role: '楼栋长', phone: '139****1111' }]);
  });

  test('published must be exactly true', () => {
    const cov = { baseGrids: [G('g1', 'base_grid', [{ ...S('甲', '网格员（专职）', true), published: 'yes' }])], microGrids: [], uncovered: [] };
    assert.equal(noticeModel({ tree: tree(), coverage: cov, unitId: 'g1', office: OFFICE }).grids[0].pending, true);
  });

  test('without coverage every grid is pending and nothing breaks', () => {
    const m = noticeModel({ tree: tree(), coverage: null, unitId: 'c1', office: null });
    assert.equal(m.officeName, '');
    assert.ok(m.grids.every((g) => g.pending));
  });

  test('a rural compound has no grids', () => {
    const m = noticeModel({ tree: tree(), coverage: COVERAGE, unitId: 'c2', office: OFFICE });
    assert.deepEqual(m.grids, []);
    assert.equal(m.unitKindLabel, '自然村/组');
  });
});
