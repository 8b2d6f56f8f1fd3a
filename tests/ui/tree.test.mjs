import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  KINDS, childKinds, parentKinds, canContain, kindLabel, newKindLabel, idKey,
  compareCodes, buildTree, walk, visibleNodes, pathTo, pathLabel, ancestorIds,
  descendantIds, moveTargets, filterTree, normalizeQuery, countByKind,
} from '../../ui/js/logic/tree.js';

let nextId = 1;
function unit(kind, parentId, code, name, extra = {}) {
  return {
    id: nextId++, ownerCode: '320115101000', kind, parentId, code, name,
    areaType: 'urban', households: null, residents: null, boundary: '', note: '',
    createdAt: '2026-11-26T08:00:00Z', updatedAt: '2026-11-26T08:00:00Z', ...extra,
  };
}

// A small township, deliberately shuffled.
//   翠屏社区 (V1, 320115101001)
//     翠屏山庄 (C1, ...001001)
//       1号网格 (G1, ...001001001)
//         1栋 (M1), 2栋 (M2)
//       2号网格 (G2, ...001001002)
//     直属网格 (G3, ...001002)       ← base grid directly under a village
//   东山村 (V2, 320115101002, rural)
//     王家组 (C2)
function sample() {
  nextId = 1;
  const V1 = unit('village', null, '320115101001', '翠屏社区');
  const V2 = unit('village', null, '320115101002', '东山村', { areaType: 'rural' });
  const C1 = unit('compound', V1.id, '320115101001001', '翠屏山庄');
  const C2 = unit('compound', V2.id, '320115101002001', '王家组', { areaType: 'rural' });
  const G1 = unit('base_grid', C1.id, '320115101001001001', '1号网格');
  const G2 = unit('base_grid', C1.id, '320115101001001002', '2号网格');
  const G3 = unit('base_grid', V1.id, '320115101001002', '直属网格');
  const M1 = unit('micro_grid', G1.id, '320115101001001001001', '1栋');
  const M2 = unit('micro_grid', G1.id, '320115101001001001002', '2栋');
  const all = { V1, V2, C1, C2, G1, G2, G3, M1, M2 };
  const list = [M2, G3, C2, V2, G1, M1, C1, V1, G2];
  return { ...all, list };
}

describe('hierarchy rules', () => {
  const cases = [
    // [parentKind, childKind, allowed]
    [null, 'village', true],
    [null, 'compound', false],
    [null, 'base_grid', false],
    [null, 'micro_grid', false],
    ['village', 'village', false],
    ['village', 'compound', true],
    ['village', 'base_grid', true],
    ['village', 'micro_grid', false],
    ['compound', 'village', false],
    ['compound', 'compound', false],
    ['compound', 'base_grid', true],
    ['compound', 'micro_grid', false],
    ['base_grid', 'village', false],
    ['base_grid', 'compound', false],
    ['base_grid', 'base_grid', false],
    ['base_grid', 'micro_grid', true],
    ['micro_grid', 'village', false],
    ['micro_grid', 'compound', false],
    ['micro_grid', 'base_grid', false],
    ['micro_grid', 'micro_grid', false],
  ];
  for (const [parent, child, allowed] of cases) {
    test(`${parent ?? 'top'} ${allowed ? 'may' : 'may not'} contain ${child}`, () => {
      assert.equal(canContain(parent, child), allowed);
      assert.equal(childKinds(parent).includes(child), allowed);
      assert.equal(parentKinds(child).includes(parent), allowed);
    });
  }

  test('child kinds keep the menu order', () => {
    assert.deepEqual(childKinds('village'), ['compound', 'base_grid']);
    assert.deepEqual(childKinds('micro_grid'), []);
    assert.deepEqual(childKinds(null), ['village']);
    assert.deepEqual(childKinds('unknown'), []);
  });

  test('childKinds returns a copy the caller may change', () => {
    childKinds('village').push('micro_grid');
    assert.deepEqual(childKinds('village'), ['compound', 'base_grid']);
  });

  test('KINDS lists the four kinds top-down', () => {
    assert.deepEqual([...KINDS], ['village', 'compound', 'base_grid', 'micro_grid']);
  });
});

describe('labels', () => {
  const cases = [
    ['village', 'rural', '村'],
    ['village', 'urban', '社区'],
    ['village', undefined, '村/社区'],
    ['compound', 'urban', '小区'],
    ['compound', 'rural', '自然村/组'],
    ['compound', undefined, '小区'],
    ['base_grid', 'rural', '基础网格'],
    ['micro_grid', 'urban', '微网格'],
  ];
  for (const [kind, area, label] of cases) {
    test(`kindLabel(${kind}, ${area}) = ${label}`, () => assert.equal(kindLabel(kind, area), label));
  }
  test('newKindLabel', () => {
    assert.equal(newKindLabel('village'), '新建村/社区');
    assert.equal(newKindLabel('compound'), '新建小区');
    assert.equal(newKindLabel('base_grid'), '新建基础网格');
    assert.equal(newKindLabel('micro_grid'), '新建微网格');
    assert.equal(newKindLabel('compound', 'rural'), '新建自然村/组');
    assert.equal(newKindLabel('compound', 'urban'), '新建小区');
  });
  test('idKey turns numbers and strings into the same key', () => {
    assert.equal(idKey(7), '7');
    assert.equal(idKey('7'), '7');
    assert.equal(idKey(null), '');
    assert.equal(idKey(undefined), '');
  });
});

describe('compareCodes', () => {
  const ordered = [
    ['1', '2'],
    ['9', '10'],
    ['320115101001', '320115101002'],
    ['320115101001', '320115101001001'],
    ['A-9', 'A-10'],
    ['1', '01'], // same number: the shorter spelling first
    ['', '1'],
  ];
  for (const [a, b] of ordered) {
    test(`"${a}" sorts before "${b}"`, () => {
      assert.ok(compareCodes(a, b) < 0, `${a} < ${b}`);
      assert.ok(compareCodes(b, a) > 0, `${b} > ${a}`);
    });
  }
  test('equal codes compare equal', () => assert.equal(compareCodes('320115101001', '320115101001'), 0));
});

describe('buildTree', () => {
  test('nests every unit under its parent, sorted by code', () => {
    const s = sample();
    const tree = buildTree(s.list);
    assert.deepEqual(tree.roots.map((n) => n.unit.name), ['翠屏社区', '东山村']);
    const v1 = tree.roots[0];
    assert.deepEqual(v1.children.map((n) => n.unit.name), ['翠屏山庄', '直属网格']);
    assert.deepEqual(v1.children[0].children.map((n) => n.unit.name), ['1号网格', '2号网格']);
    assert.deepEqual(v1.children[0].children[0].children.map((n) => n.unit.name), ['1栋', '2栋']);
    assert.equal(tree.byId.size, 9);
  });

  test('depth counts from 1 at the top level', () => {
    const s = sample();
    const tree = buildTree(s.list);
    const depth = (u) => tree.byId.get(idKey(u.id)).depth;
    assert.equal(depth(s.V1), 1);
    assert.equal(depth(s.C1), 2);
    assert.equal(depth(s.G3), 2);
    assert.equal(depth(s.G1), 3);
    assert.equal(depth(s.M2), 4);
  });

  test('order of the input does not matter', () => {
    const s = sample();
    const names = (t) => {
      const out = [];
      walk(t.roots, (n) => out.push(n.unit.name));
      return out;
    };
    assert.deepEqual(names(buildTree(s.list)), names(buildTree([...s.list].reverse())));
  });

  test('does not modify the input array', () => {
    const s = sample();
    const copy = [...s.list];
    buildTree(s.list);
    assert.deepEqual(s.list, copy);
  });

  test('orphans (parent missing) are kept at the top level', () => {
    nextId = 100;
    const lost = unit('base_grid', 999, '9', '孤儿网格');
    const v = unit('village', null, '1', '村');
    const tree = buildTree([lost, v]);
    assert.deepEqual(tree.roots.map((n) => n.unit.name), ['村', '孤儿网格']);
  });

  test('a parent cycle does not hide units or loop forever', () => {
    const a = { ...unit('compound', null, '1', 'A'), id: 'a', parentId: 'b' };
    const b = { ...unit('compound', null, '2', 'B'), id: 'b', parentId: 'a' };
    const tree = buildTree([a, b]);
    const seen = [];
    walk(tree.roots, (n) => seen.push(n.unit.id));
    assert.deepEqual(seen.sort(), ['a', 'b']);
  });

  test('ids given as strings match parentIds given as numbers', () => {
    const v = { ...unit('village', null, '1', 'V'), id: '5' };
    const c = { ...unit('compound', 5, '11', 'C') };
    const tree = buildTree([v, c]);
    assert.equal(tree.roots.length, 1);
    assert.equal(tree.roots[0].children[0].unit.name, 'C');
  });

  test('empty or missing input gives an empty tree', () => {
    assert.deepEqual(buildTree([]).roots, []);
    assert.deepEqual(buildTree(undefined).roots, []);
  });
});

describe('visibleNodes', () => {
  test('only expanded nodes show their children', () => {
    const s = sample();
    const tree = buildTree(s.list);
    const open = new Set([idKey(s.V1.id), idKey(s.C1.id)]);
    const names = visibleNodes(tree.roots, (k) => open.has(k)).map((n) => n.unit.name);
    assert.deepEqual(names, ['翠屏社区', '翠屏山庄', '1号网格', '2号网格', '直属网格', '东山村']);
  });
  test('nothing expanded shows only the top level', () => {
    const s = sample();
    const tree = buildTree(s.list);
    assert.deepEqual(visibleNodes(tree.roots, () => false).map((n) => n.unit.name), ['翠屏社区', '东山村']);
  });
  test('expanding a collapsed parent’s child has no effect', () => {
    const s = sample();
    const tree = buildTree(s.list);
    const open = new Set([idKey(s.C1.id)]);
    assert.equal(visibleNodes(tree.roots, (k) => open.has(k)).length, 2);
  });
});

describe('paths', () => {
  test('pathTo walks from the top level down', () => {
    const s = sample();
    const tree = buildTree(s.list);
    assert.deepEqual(pathTo(tree, s.M2.id).map((u) => u.name), ['翠屏社区', '翠屏山庄', '1号网格', '2栋']);
    assert.deepEqual(pathTo(tree, s.V2.id).map((u) => u.name), ['东山村']);
    assert.deepEqual(pathTo(tree, 12345), []);
  });
  test('pathLabel joins names', () => {
    const s = sample();
    const tree = buildTree(s.list);
    assert.equal(pathLabel(pathTo(tree, s.G3.id)), '翠屏社区 › 直属网格');
    assert.equal(pathLabel(pathTo(tree, s.G3.id), '/'), '翠屏社区/直属网格');
  });
  test('ancestorIds excludes the unit itself', () => {
    const s = sample();
    const tree = buildTree(s.list);
    assert.deepEqual(ancestorIds(tree, s.M1.id), [s.V1.id, s.C1.id, s.G1.id].map(idKey));
    assert.deepEqual(ancestorIds(tree, s.V1.id), []);
  });
  test('descendantIds collects the whole subtree', () => {
    const s = sample();
    const tree = buildTree(s.list);
    assert.deepEqual([...descendantIds(tree, s.C1.id)].sort(), [s.G1, s.G2, s.M1, s.M2].map((u) => idKey(u.id)).sort());
    assert.equal(descendantIds(tree, s.M1.id).size, 0);
    assert.equal(descendantIds(tree, 'nope').size, 0);
  });
});

describe('moveTargets', () => {
  const names = (tree, id) => moveTargets(tree, id).map((u) => u.name);
  const cases = [
    // [unit, expected target names, why]
    ['V1', [], 'a village has no parent, so it cannot move'],
    ['C1', ['东山村'], 'a compound goes under another village (not its own)'],
    ['C2', ['翠屏社区'], 'the rural compound can move to the other village'],
    ['G1', ['翠屏社区', '东山村', '王家组'], 'a base grid goes under villages or compounds, not its current parent'],
    ['G3', ['翠屏山庄', '东山村', '王家组'], 'a grid directly under a village can go into a compound'],
    ['M1', ['2号网格', '直属网格'], 'a micro grid only goes under another base grid'],
  ];
  for (const [key, expected, why] of cases) {
    test(`${key}: ${why}`, () => {
      const s = sample();
      const tree = buildTree(s.list);
      assert.deepEqual(names(tree, s[key].id), expected);
    });
  }

  test('never offers the unit itself or its descendants', () => {
    const s = sample();
    const tree = buildTree(s.list);
    for (const u of s.list) {
      const targets = moveTargets(tree, u.id).map((t) => idKey(t.id));
      assert.ok(!targets.includes(idKey(u.id)), `${u.name} offered itself`);
      for (const d of descendantIds(tree, u.id)) assert.ok(!targets.includes(d), `${u.name} offered a descendant`);
      for (const t of moveTargets(tree, u.id)) assert.ok(canContain(t.kind, u.kind), `${t.kind} cannot hold ${u.kind}`);
    }
  });

  test('descendants are excluded even when stored data breaks the kind rules', () => {
    // A damaged file could hold a compound under a base grid. Moving that base grid
    // under its own child would create a loop, so the child must not be offered.
    nextId = 500;
    const v = unit('village', null, '1', '村');
    const g = unit('base_grid', v.id, '11', '网格');
    const bad = unit('compound', g.id, '111', '错放的小区');
    const other = unit('compound', v.id, '12', '别的小区');
    const tree = buildTree([v, g, bad, other]);
    assert.deepEqual(moveTargets(tree, g.id).map((u) => u.name), ['别的小区']);
  });

  test('unknown id gives no targets', () => {
    const s = sample();
    assert.deepEqual(moveTargets(buildTree(s.list), 'missing'), []);
  });
});

describe('filterTree', () => {
  test('empty query means no filter', () => {
    const tree = buildTree(sample().list);
    assert.equal(filterTree(tree, ''), null);
    assert.equal(filterTree(tree, '   '), null);
    assert.equal(filterTree(tree, undefined), null);
  });

  const cases = [
    // [query, matched names, visible names]
    ['网格', ['1号网格', '2号网格', '直属网格'], ['翠屏社区', '翠屏山庄', '1号网格', '2号网格', '直属网格']],
    ['王家', ['王家组'], ['东山村', '王家组']],
    ['2栋', ['2栋'], ['翠屏社区', '翠屏山庄', '1号网格', '2栋']],
    ['320115101002', ['东山村', '王家组'], ['东山村', '王家组']],
    ['３２０１１５１０１００２', ['东山村', '王家组'], ['东山村', '王家组']],
    ['  王家  ', ['王家组'], ['东山村', '王家组']],
    ['不存在', [], []],
  ];
  for (const [query, matched, visible] of cases) {
    test(`"${query}"`, () => {
      const s = sample();
      const tree = buildTree(s.list);
      const f = filterTree(tree, query);
      const nameOf = (k) => tree.byId.get(k).unit.name;
      assert.deepEqual([...f.matchIds].map(nameOf).sort(), [...matched].sort());
      assert.deepEqual([...f.visibleIds].map(nameOf).sort(), [...visible].sort());
    });
  }

  test('matching ignores letter case', () => {
    nextId = 300;
    const v = unit('village', null, 'AB-01', 'Alpha');
    const tree = buildTree([v]);
    assert.equal(filterTree(tree, 'ab-0').matchIds.size, 1);
    assert.equal(filterTree(tree, 'ALPHA').matchIds.size, 1);
  });

  test('normalizeQuery converts full-width text', () => {
    assert.equal(normalizeQuery('　ＡＢ１２　'), 'ab12');
  });
});

test('countByKind', () => {
  const s = sample();
  assert.deepEqual(countByKind(s.list), { village: 2, compound: 2, base_grid: 3, micro_grid: 2 });
  assert.deepEqual(countByKind([]), { village: 0, compound: 0, base_grid: 0, micro_grid: 0 });
});
