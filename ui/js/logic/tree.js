// Pure hierarchy logic: no DOM access. Works on the flat `list_units` result.
//
// Hierarchy rules (docs/COMMANDS.md):
//   village (村/社区) has no parent; compound (小区) sits under a village;
//   base_grid (基础网格) under a village or a compound; micro_grid (微网格) under a base grid.
//   The rule is the core's (UnitKind::allowed_parents), read from the catalog.
import { catalogList, labelOf } from './labels.js';
import { toHalfWidth } from './format.js';

/**
 * The four kinds of unit in the core's order, each with the kinds it may stand under
 * (null: directly under the office): hierarchy::UnitKind::allowed_parents, from the
 * catalog. Live lists, filled when the catalog arrives (until then the tree offers no
 * 新建 and no 移动: main.js says the catalog could not be read).
 */
const RULES = catalogList('unitKinds', (k) => (typeof k?.value === 'string' && Array.isArray(k.parents)
  ? Object.freeze({ value: k.value, parents: Object.freeze(k.parents.filter((p) => p === null || typeof p === 'string')) })
  : null));

export const KINDS = catalogList('unitKinds', (k) => (typeof k?.value === 'string' ? k.value : null));

/** The kinds' own names (村/社区, 小区, 基础网格, 微网格), the core's. */
const KIND_NAMES = catalogList('unitKinds', (k) => (typeof k?.value === 'string' && typeof k.label === 'string'
  ? Object.freeze({ value: k.value, label: k.label }) : null));

/** Kinds that may be created directly under a unit of `kind` (null = top level). */
export function childKinds(kind) {
  return RULES.filter((r) => r.parents.includes(kind ?? null)).map((r) => r.value);
}

/** Kinds a unit of `kind` may sit under. `null` in the result means "top level". */
export function parentKinds(kind) {
  return [...(RULES.find((r) => r.value === kind)?.parents ?? [])];
}

/** Whether a unit of `childKind` may sit under a unit of `parentKind` (null = top level). */
export function canContain(parentKind, childKind) {
  return childKinds(parentKind).includes(childKind);
}

/** Label of a unit's kind. A village is 村 when rural and 社区 when urban; a
 * compound is 小区 in towns and 自然村/组 in the countryside. */
export function kindLabel(kind, areaType) {
  switch (kind) {
    // A village and a compound are named by their area, as offices call them.
    case 'village': if (areaType === 'urban' || areaType === 'rural') return areaType === 'urban' ? '社区' : '村'; break;
    case 'compound': if (areaType === 'rural') return '自然村/组'; break;
    default: break;
  }
  return labelOf(kind, KIND_NAMES);
}

/** Button text for creating a unit of `kind` (in an area of `areaType`). */
export function newKindLabel(kind, areaType) {
  return kind === 'village' ? '新建村/社区' : `新建${kindLabel(kind, areaType)}`;
}

/** Stable string key for an id (ids may arrive as numbers or strings). */
export function idKey(id) {
  return id == null ? '' : String(id);
}

function chunks(s) {
  return String(s ?? '').match(/\d+|\D+/g) ?? [];
}

/** Natural comparison of codes: digit runs compare numerically ("9" < "10"). */
export function compareCodes(a, b) {
  const x = chunks(a);
  const y = chunks(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i];
    const q = y[i];
    if (p === q) continue;
    const pd = /^\d/.test(p);
    const qd = /^\d/.test(q);
    if (pd && qd) {
      const pn = p.replace(/^0+(?=\d)/, '');
      const qn = q.replace(/^0+(?=\d)/, '');
      if (pn.length !== qn.length) return pn.length - qn.length;
      if (pn !== qn) return pn < qn ? -1 : 1;
      if (p.length !== q.length) return p.length - q.length; // "01" vs "1"
      continue;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Order of units in the tree: by code, then name, then id. */
export function compareUnits(a, b) {
  return compareCodes(a.code, b.code)
    || String(a.name ?? '').localeCompare(String(b.name ?? ''), 'zh-CN')
    || compareCodes(idKey(a.id), idKey(b.id));
}

/**
 * Build a tree from the flat unit list.
 * Returns { roots, byId } where each node is { unit, parent, children, depth }
 * (depth 1 = top level). Units whose parent is missing, or that sit in a
 * parent cycle, are shown at the top level so they never disappear.
 */
export function buildTree(units) {
  const list = [...(units ?? [])].sort(compareUnits);
  const byId = new Map();
  for (const unit of list) {
    byId.set(idKey(unit.id), { unit, parent: null, children: [], depth: 1 });
  }
  const roots = [];
  for (const node of byId.values()) {
    const pk = idKey(node.unit.parentId);
    const parent = pk && pk !== idKey(node.unit.id) ? byId.get(pk) : undefined;
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  // Nodes not reachable from a root sit in a cycle: lift them to the top level.
  const reached = new Set();
  const mark = (node, depth) => {
    const stack = [[node, depth]];
    while (stack.length) {
      const [n, d] = stack.pop();
      reached.add(n);
      n.depth = d;
      for (const c of n.children) if (!reached.has(c)) stack.push([c, d + 1]);
    }
  };
  for (const r of roots) mark(r, 1);
  for (const node of byId.values()) {
    if (reached.has(node)) continue;
    if (node.parent) {
      node.parent.children = node.parent.children.filter((c) => c !== node);
      node.parent = null;
    }
    roots.push(node);
    mark(node, 1);
  }
  const sortNodes = (a, b) => compareUnits(a.unit, b.unit);
  roots.sort(sortNodes);
  for (const node of byId.values()) node.children.sort(sortNodes);
  return { roots, byId };
}

/** Pre-order walk over the whole tree. */
export function walk(roots, visit) {
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop();
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** Nodes that are visible given an expansion predicate, in display order. */
export function visibleNodes(roots, isExpanded) {
  const out = [];
  const visit = (node) => {
    out.push(node);
    if (node.children.length && isExpanded(idKey(node.unit.id))) node.children.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

/** Units from the top level down to (and including) the unit with `id`. */
export function pathTo(tree, id) {
  const path = [];
  const seen = new Set();
  let node = tree.byId.get(idKey(id));
  while (node && !seen.has(node)) {
    seen.add(node);
    path.unshift(node.unit);
    node = node.parent;
  }
  return path;
}

/** Breadcrumb text such as "幸福社区 › 阳光小区 › 1号网格". */
export function pathLabel(path, sep = ' › ') {
  return path.map((u) => u.name).join(sep);
}

/** Ids of all ancestors of a unit (excluding itself), top level first. */
export function ancestorIds(tree, id) {
  return pathTo(tree, id).slice(0, -1).map((u) => idKey(u.id));
}

/** Keys of all descendants of a unit (excluding itself). */
export function descendantIds(tree, id) {
  const out = new Set();
  const node = tree.byId.get(idKey(id));
  if (!node) return out;
  walk(node.children, (n) => out.add(idKey(n.unit.id)));
  return out;
}

/**
 * Units that `id` may be moved under: the right kind, not itself, not one of its
 * descendants, and not its current parent (that would change nothing).
 * Returned in tree order.
 */
export function moveTargets(tree, id) {
  const node = tree.byId.get(idKey(id));
  if (!node) return [];
  const kinds = parentKinds(node.unit.kind).filter((k) => k !== null);
  if (!kinds.length) return [];
  const self = idKey(id);
  const excluded = descendantIds(tree, id);
  const currentParent = idKey(node.unit.parentId);
  const out = [];
  walk(tree.roots, (n) => {
    const k = idKey(n.unit.id);
    if (k === self || excluded.has(k) || k === currentParent) return;
    if (kinds.includes(n.unit.kind)) out.push(n.unit);
  });
  return out;
}

/** Normalise text for searching: trim, lower case, full-width ASCII to half-width. */
export function normalizeQuery(s) {
  return toHalfWidth(s).trim().toLowerCase();
}

/**
 * Filter by name or code. Returns null for an empty query, else
 * { matchIds, visibleIds }: matching units, plus their ancestors so the path
 * to every match stays visible.
 */
export function filterTree(tree, query) {
  const q = normalizeQuery(query);
  if (!q) return null;
  const matchIds = new Set();
  const visibleIds = new Set();
  for (const [key, node] of tree.byId) {
    const name = normalizeQuery(node.unit.name);
    const code = normalizeQuery(node.unit.code);
    if (name.includes(q) || code.includes(q)) {
      matchIds.add(key);
      let n = node;
      const seen = new Set();
      while (n && !seen.has(n)) {
        seen.add(n);
        visibleIds.add(idKey(n.unit.id));
        n = n.parent;
      }
    }
  }
  return { matchIds, visibleIds };
}

/** Count of units by kind, e.g. { village: 2, compound: 5, base_grid: 9, micro_grid: 0 }. */
export function countByKind(units) {
  const out = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const u of units ?? []) if (u.kind in out) out[u.kind] += 1;
  return out;
}
