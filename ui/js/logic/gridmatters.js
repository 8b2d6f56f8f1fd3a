// 减负 › 网格事项 (网格事项参考清单, issue 15): the categories, filtering and counting
// the items, the item form, the claim matrix's cells and the printable list. Pure,
// tested with node --test.
import { formValues, formText, fieldError, text } from './fields.js';
import { choicesOf } from './labels.js';

const CATEGORY_CHOICES = choicesOf('grid_matters', 'category');

/** The categories' names in the core's order (联系群众 … 其他), from the catalog: read when drawing. */
export function matterCategories() {
  return CATEGORY_CHOICES.map((c) => c.label);
}

export const GRID_MATTER_FIELDS = ['category', 'name', 'requirement', 'frequency', 'listedOn', 'remark'];

/** Items in `category` ('' = all) whose name, requirement, frequency or remark contain `search`. */
export function filterGridMatters(items, { category = '', search = '' } = {}) {
  const q = text(search);
  return (items ?? []).filter((m) => (!category || (m.categoryLabel ?? m.category) === category)
    && (!q || [m.name, m.requirement, m.frequency, m.remark].some((s) => String(s ?? '').includes(q))));
}

/** "联系群众 3 项 · 宣传政策 1 项 …" for the categories that have items, and the total. */
export function countGridMatters(items) {
  const by = new Map(matterCategories().map((c) => [c, 0]));
  for (const m of items ?? []) {
    const c = m.categoryLabel ?? '';
    by.set(c, (by.get(c) ?? 0) + 1);
  }
  const parts = [...by].filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n} 项`);
  return { total: (items ?? []).length, text: parts.join(' · ') };
}

export function gridMatterFormValues(m) {
  return formValues(m, GRID_MATTER_FIELDS, { set: { category: m?.categoryLabel ?? '联系群众' } });
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseGridMatterForm(v) {
  const input = formText(v, GRID_MATTER_FIELDS);
  const fail = fieldError;
  if (!matterCategories().includes(input.category)) return fail('category', '请选择类别。');
  if (!input.name) return fail('name', '请填写事项名称。');
  return { ok: true, input };
}

/**
 * The claim matrix as rows to show: each village with its cells
 * [{ matterId, matterName, claimId|null, claimedOn }] and its count.
 */
export function matrixRows(matrix) {
  const matters = matrix?.matters ?? [];
  return (matrix?.villages ?? []).map((v) => ({
    id: v.id,
    name: v.name ?? '',
    label: v.label ?? '',
    code: v.code ?? '',
    claimed: Number(v.claimed) || 0,
    cells: matters.map((m, i) => {
      const c = v.cells?.[i] ?? null;
      return { matterId: m.id, matterName: m.name ?? '', claimId: c?.claimId ?? null, claimedOn: c?.claimedOn ?? '' };
    }),
  }));
}

/**
 * "3 个村/社区到今天还没有认领事项：梅岭村、…" or that every village has claimed, as of today
 * (as 首页 and 统计 count): a village whose claims are all dated ahead is named with
 * the day they start (matrix.claimedAhead: 石塘村（自 2027-03-15 起）).
 */
export function unclaimedText(matrix) {
  const names = matrix?.unclaimed ?? [];
  const villages = matrix?.villages ?? [];
  const ahead = matrix?.claimedAhead ?? [];
  if (!villages.length) return '还没有村/社区。请先在“组织架构”中建立村/社区。';
  if (!names.length) return `全部 ${villages.length} 个村/社区都已认领网格事项。`;
  const later = ahead.length ? `。已登记但尚未到认领日期的：${ahead.join('、')}` : '';
  return `${names.length} 个村/社区到今天还没有认领事项：${names.join('、')}${later}`;
}

/** The load's line for one grid or worker: "清单 2 项 + 准入 1 项 = 3 项". */
export function loadText(row) {
  const listed = Number(row?.listed) || 0;
  const outside = Number(row?.outside) || 0;
  return `清单 ${listed} 项 + 准入 ${outside} 项 = ${listed + outside} 项`;
}

/** The printable list: [序号, 类别, 事项名称, 工作要求, 频次, 备注] in category order. */
export function printRows(items) {
  const categories = matterCategories();
  const order = (m) => {
    const i = categories.indexOf(m.categoryLabel ?? '');
    return i < 0 ? categories.length : i;
  };
  return [...(items ?? [])]
    .sort((a, b) => order(a) - order(b))
    .map((m, i) => [String(i + 1), m.categoryLabel ?? '', m.name ?? '', m.requirement ?? '', m.frequency ?? '', m.remark ?? '']);
}
