// Pure: names a clerk would type next in 组织架构 — the next sibling by numbering
// (第10网格 → 第11网格, 第二网格 → 第三网格, 2号楼 → 3号楼), the 村/社区 type a
// village's name implies, and which kind 新建下级 (Ctrl+Shift+N) creates.
import { childKinds, idKey } from './tree.js';
import { toHalfWidth } from './format.js';

const DIGITS = '零一二三四五六七八九';

/** 一 … 九十九 → 1 … 99; null for anything else. */
export function parseChineseNumber(s) {
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s ?? '');
  if (!m || s === '') return null;
  const [, a, ten, b] = m;
  if (!ten) return a && !b ? DIGITS.indexOf(a) : null;
  return (a ? DIGITS.indexOf(a) : 1) * 10 + (b ? DIGITS.indexOf(b) : 0);
}

/** 1 … 99 → 一 … 九十九 (as written in 第十一网格). */
export function chineseNumber(n) {
  if (!Number.isInteger(n) || n < 1 || n > 99) return null;
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

// What may stand around the number of a numbered name: words and a few joining marks
// (阳光花园, A区, 1-, 第 … 网格, 号楼, 组), not markup or punctuation — a name that
// merely contains a digit ("<img … alert(1)>") is not numbered.
const AROUND = /^[\p{Script=Han}A-Za-z0-9\-－·（）()]{0,16}$/u;

/** A name's last number: { prefix, number, suffix, numerals: 'arabic' | 'chinese', width }. */
export function splitNumbered(name) {
  const s = String(name ?? '').trim();
  const arabic = /^(.*?)(\d+)(\D*)$/.exec(s);
  if (arabic && !(AROUND.test(arabic[1]) && AROUND.test(arabic[3]))) return null;
  if (arabic) {
    return { prefix: arabic[1], number: Number(arabic[2]), suffix: arabic[3], numerals: 'arabic', width: arabic[2].length };
  }
  const chinese = /^(.*?)([一二三四五六七八九十]+)([^一二三四五六七八九十]*)$/.exec(s);
  if (chinese && AROUND.test(chinese[1]) && AROUND.test(chinese[3])) {
    const number = parseChineseNumber(chinese[2]);
    if (number !== null) return { prefix: chinese[1], number, suffix: chinese[3], numerals: 'chinese', width: 0 };
  }
  return null;
}

/** A name as the core compares names (第１网格 is 第1网格): half-width, no spaces. */
const sameName = (s) => toHalfWidth(s).replace(/\s+/g, '');

/**
 * The name after the siblings' numbering: the numbering most siblings share (prefix,
 * suffix and style), one past its highest number, and past any of `taken` (names
 * the new unit may not have); '' when the siblings are not numbered.
 */
export function suggestSiblingName(names, taken = []) {
  const groups = new Map();
  for (const name of names ?? []) {
    const p = splitNumbered(name);
    if (!p) continue;
    const key = `${p.prefix}\u0000${p.suffix}\u0000${p.numerals}`;
    const g = groups.get(key) ?? { ...p, count: 0, max: 0 };
    g.count += 1;
    g.max = Math.max(g.max, p.number);
    g.width = Math.max(g.width, p.width);
    groups.set(key, g);
  }
  const best = [...groups.values()].sort((a, b) => b.count - a.count || b.max - a.max)[0];
  if (!best) return '';
  const used = new Set([...(names ?? []), ...(taken ?? [])].map(sameName));
  for (let next = best.max + 1; ; next += 1) {
    const number = best.numerals === 'chinese' ? chineseNumber(next) : String(next).padStart(best.width, '0');
    if (number === null) return '';
    const name = `${best.prefix}${number}${best.suffix}`;
    if (!used.has(sameName(name))) return name;
  }
}

/** The names of the units a new `kind` under `parentId` would sit beside. */
export function siblingNames(units, kind, parentId) {
  const parent = idKey(parentId);
  return (units ?? [])
    .filter((u) => u.kind === kind && idKey(u.parentId) === parent)
    .map((u) => u.name);
}

/**
 * The names a new `kind` under `parentId` may not take, as the core refuses them:
 * any unit's under the same parent, and for a base grid every base grid of its
 * village (under the village or any of its compounds: 第3网格 of another compound
 * was suggested, and refused on saving).
 */
export function takenNames(units, kind, parentId) {
  const all = units ?? [];
  const byId = new Map(all.map((u) => [idKey(u.id), u]));
  const parent = byId.get(idKey(parentId));
  const names = all.filter((u) => idKey(u.parentId) === idKey(parentId)).map((u) => u.name);
  if (kind !== 'base_grid' || !parent) return names;
  const village = parent.kind === 'village' ? parent : byId.get(idKey(parent.parentId));
  if (!village) return names;
  const inVillage = (u) => {
    const up = byId.get(idKey(u.parentId));
    return up === village || (up && idKey(up.parentId) === idKey(village.id));
  };
  return [...names, ...all.filter((u) => u.kind === 'base_grid' && inVillage(u)).map((u) => u.name)];
}

/** 村 or 社区 from a village's name: …村 → rural (农村), …社区 → urban (城镇), else null. */
export function suggestAreaType(name) {
  const s = String(name ?? '').trim();
  if (/社区$/.test(s)) return 'urban';
  if (/村$/.test(s)) return 'rural';
  return null;
}

/**
 * The kind 新建下级 creates under `unit`: the kind of its existing children (the most
 * common), else the first kind it may hold; null when it holds none (a 微网格).
 */
export function newChildKind(unit, units) {
  const kinds = childKinds(unit?.kind);
  if (!unit || !kinds.length) return null;
  const id = idKey(unit.id);
  const counts = new Map();
  for (const u of units ?? []) {
    if (idKey(u.parentId) === id && kinds.includes(u.kind)) counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
  }
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return common ? common[0] : kinds[0];
}
