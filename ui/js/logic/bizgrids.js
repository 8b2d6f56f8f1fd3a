// 多格合一: business grids of other departments mapped onto base grids. Pure: no DOM.
import { walk, pathTo, pathLabel, idKey } from './tree.js';
import { normalizeDateText } from './format.js';
import { fieldError } from './form.js';

/** Value of the 部门 select that means "type another department". */
export const OTHER_DEPARTMENT = '__other';

/**
 * Status of a business grid:
 *  merged   已全部纳入  mapped onto at least one base grid and every mapping merged
 *  partial  部分纳入    some mappings merged, some not yet
 *  pending  已对应，待纳入  mapped, none merged yet
 *  unmapped 未对应      no base grid yet
 */
export function businessGridStatus(bg) {
  const maps = bg?.mappings ?? [];
  const merged = maps.filter((m) => !!m.mergedOn).length;
  if (!maps.length) return { key: 'unmapped', label: '未对应', merged, total: 0 };
  if (merged === maps.length) return { key: 'merged', label: '已全部纳入', merged, total: maps.length };
  if (merged > 0) return { key: 'partial', label: `部分纳入（${merged}/${maps.length}）`, merged, total: maps.length };
  return { key: 'pending', label: '已对应，待纳入', merged, total: maps.length };
}

/** "第一网格（2026-03-01 纳入）" / "第一网格（未纳入）" */
export function mappingText(m) {
  return `${m?.baseGridName ?? ''}（${m?.mergedOn ? `${m.mergedOn} 纳入` : '未纳入'}）`;
}

/**
 * Group by department: the offered departments first in their order, then any
 * others by name. Inside a group, by name.
 */
export function groupByDepartment(list, departments = []) {
  const groups = new Map();
  for (const bg of list ?? []) {
    const d = bg.department ?? '';
    if (!groups.has(d)) groups.set(d, []);
    groups.get(d).push(bg);
  }
  const rank = (d) => {
    const i = departments.indexOf(d);
    return i === -1 ? departments.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'zh-CN'))
    .map(([department, grids]) => ({
      department,
      grids: [...grids].sort((x, y) => String(x.name).localeCompare(String(y.name), 'zh-CN')),
    }));
}

/** How the 部门 select and its free-text box start for a department. */
export function departmentChoice(department, departments = []) {
  const d = String(department ?? '');
  if (d === '') return { select: departments[0] ?? OTHER_DEPARTMENT, other: '' };
  return departments.includes(d) ? { select: d, other: '' } : { select: OTHER_DEPARTMENT, other: d };
}

/** Parse the business-grid form into { department, name, note } or a field error. */
export function parseBusinessGridForm({ select, other, name, note } = {}) {
  const department = (select === OTHER_DEPARTMENT ? String(other ?? '') : String(select ?? '')).trim();
  if (department === '') return fieldError('department', '请选择或填写所属部门。');
  const n = String(name ?? '').trim();
  if (n === '') return fieldError('name', '请填写业务网格名称。');
  return { ok: true, input: { department, name: n, note: String(note ?? '').trim() } };
}

/** Base grids a business grid may still be mapped onto, with paths, in tree order. */
export function mappableBaseGrids(tree, bg) {
  const taken = new Set((bg?.mappings ?? []).map((m) => idKey(m.baseGridId)));
  const out = [];
  walk(tree.roots, (n) => {
    if (n.unit.kind !== 'base_grid' || taken.has(idKey(n.unit.id))) return;
    out.push({ id: idKey(n.unit.id), label: pathLabel(pathTo(tree, n.unit.id)), code: n.unit.code });
  });
  return out;
}

/** The mergedOn argument from a typed date: '' (not merged yet) or a tidied "2026-03-01". */
export function mergedOnArg(raw) {
  return normalizeDateText(raw);
}

/**
 * 按基础网格 rows: every base grid, or (onlyEmpty) only those that have not merged
 * any business grid yet: nothing mapped, or mapped but none 纳入 with a date.
 */
export function baseGridRows(merges, { onlyEmpty = false } = {}) {
  const list = Array.isArray(merges) ? merges : [];
  return onlyEmpty ? list.filter((m) => !(m.absorbed ?? []).some((a) => !!a.mergedOn)) : list;
}

/** "综治 · 一网格（2026-03-01 纳入）" / "城管 · 三片区（未纳入）" */
export function absorbedText(a) {
  return `${a?.department ?? ''} · ${a?.name ?? ''}（${a?.mergedOn ? `${a.mergedOn} 纳入` : '未纳入'}）`;
}

/** Counts for the header line: how many business grids are in each status. */
export function statusCounts(list) {
  const out = { merged: 0, partial: 0, pending: 0, unmapped: 0 };
  for (const bg of list ?? []) out[businessGridStatus(bg).key] += 1;
  return out;
}
