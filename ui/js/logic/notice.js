// 网格服务公示牌 (the notice card printed for a compound or base grid). Pure: no DOM.
//
// Which base grids go on the card: the grid itself, or every base grid of the
// compound (or of the village). For each: its grid workers, then the building
// heads / information officers of its micro-grids. Only people marked 公示
// (published) appear; a grid with no published grid worker says so.
import { pathTo, pathLabel, idKey, walk, kindLabel } from './tree.js';

export const NOTICE_TITLE = '网格服务公示牌';
export const NOTICE_PENDING = '网格员信息待公示';
/** Until the grid matter list (网格事项参考清单) exists, the card shows these duties. */
export const NOTICE_DUTIES = Object.freeze(['联系服务群众', '宣传政策法规', '排查化解矛盾纠纷', '巡查走访']);

/** Kinds that get a 打印公示牌 button. */
export function hasNoticeCard(kind) {
  return kind === 'compound' || kind === 'base_grid';
}

/** Map unitId → staff list from a Coverage result. */
export function coverageIndex(coverage) {
  const out = new Map();
  for (const g of [...(coverage?.baseGrids ?? []), ...(coverage?.microGrids ?? []), ...(coverage?.uncovered ?? [])]) {
    const key = idKey(g.unitId);
    if (!out.has(key) || (g.staff?.length ?? 0) > (out.get(key)?.length ?? 0)) out.set(key, g.staff ?? []);
  }
  return out;
}

// The whole number (publicPhone) of one marked 公示: residents call it. A card of
// masked numbers (139****0137) was of no use on the wall.
const published = (staff) => (staff ?? []).filter((s) => s && s.published === true)
  .map((s) => ({ name: s.name ?? '', role: s.role ?? '', phone: s.publicPhone ?? s.phoneMasked ?? s.phone ?? '' }));

/** Base grids in scope of a unit, in tree order. */
export function baseGridsInScope(tree, unitId) {
  const node = tree.byId.get(idKey(unitId));
  if (!node) return [];
  if (node.unit.kind === 'base_grid') return [node];
  if (node.unit.kind === 'micro_grid') return node.parent?.unit.kind === 'base_grid' ? [node.parent] : [];
  const out = [];
  walk(node.children, (n) => { if (n.unit.kind === 'base_grid') out.push(n); });
  return out;
}

/**
 * The card's content:
 * { title, officeName, unitName, unitKindLabel, path, grids: [{ id, name, path,
 *   workers: [{name, role, phone}], pending, micro: [{ id, name, staff }] }],
 *   unitStaff: [...], duties }
 * `unitStaff` are published people serving the compound itself (楼栋长/信息员
 * assigned to the compound rather than one of its micro-grids), passed in as
 * [{ name, role, phoneMasked, published }].
 */
export function noticeModel({ tree, coverage, unitId, office, unitStaff = [] }) {
  const node = tree.byId.get(idKey(unitId));
  const staffOf = coverageIndex(coverage);
  const grids = baseGridsInScope(tree, unitId).map((g) => {
    const workers = published(staffOf.get(idKey(g.unit.id)));
    const micro = g.children
      .filter((c) => c.unit.kind === 'micro_grid')
      .map((c) => ({ id: idKey(c.unit.id), name: c.unit.name, staff: published(staffOf.get(idKey(c.unit.id))) }))
      .filter((m) => m.staff.length > 0);
    return {
      id: idKey(g.unit.id),
      name: g.unit.name,
      path: pathLabel(pathTo(tree, g.unit.id)),
      workers,
      pending: workers.length === 0,
      micro,
    };
  });
  return {
    title: NOTICE_TITLE,
    officeName: office?.name ?? '',
    unitName: node?.unit.name ?? '',
    unitKindLabel: node ? kindLabel(node.unit.kind, node.unit.areaType) : '',
    path: node ? pathLabel(pathTo(tree, unitId)) : '',
    grids,
    unitStaff: published(unitStaff),
    duties: [...NOTICE_DUTIES],
  };
}
