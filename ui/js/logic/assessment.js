// 考核 (issue 16): the indicator system's groups, directions and methods, the
// indicator form's values and parsing, the score table's rows and cells as the
// screen shows them, and the forms of results and rectification items. Pure,
// tested with node --test.

export const GROUPS = [
  { value: 'party', label: '党建引领' },
  { value: 'team', label: '队伍建设' },
  { value: 'duties', label: '权责落实' },
  { value: 'service', label: '服务质量' },
  { value: 'satisfaction', label: '群众满意度' },
];

export const DIRECTIONS = [
  { value: 'higher', label: '越高越好' },
  { value: 'lower', label: '越低越好' },
];

export const METHODS = [
  { value: 'computed', label: '按统计计算' },
  { value: 'manual', label: '考核组评分' },
];

export const RESULT_KINDS = [
  { value: 'award', label: '表彰' },
  { value: 'criticism', label: '通报批评' },
];

export const INDICATOR_FIELDS = ['group', 'code', 'name', 'unit', 'points', 'target', 'direction', 'method', 'formula', 'retired', 'note'];

const text = (v) => String(v ?? '').trim();
const labelOf = (list, value) => list.find((x) => x.value === value)?.label ?? String(value ?? '');

export const groupLabel = (g) => labelOf(GROUPS, g);
export const methodLabel = (m) => labelOf(METHODS, m);
export const directionLabel = (d) => labelOf(DIRECTIONS, d);
export const resultKindLabel = (k) => labelOf(RESULT_KINDS, k);

/** A number as the table shows it: 33.33, 5, — for none. */
export function num(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return String(Math.round(v * 100) / 100);
}

/** Indicators whose group is `group` ('' = all); retired ones only when `retired`. */
export function filterIndicators(list, { group = '', retired = false, search = '' } = {}) {
  const q = text(search);
  return (list ?? []).filter((i) => (!group || i.group === group)
    && (retired || !i.retired)
    && (!q || [i.code, i.name, i.formula, i.note].some((s) => String(s ?? '').includes(q))));
}

/** { count, points } of the indicators in force, and per group. */
export function systemSummary(list) {
  const live = (list ?? []).filter((i) => !i.retired);
  const groups = GROUPS.map((g) => {
    const of = live.filter((i) => i.group === g.value);
    return { ...g, count: of.length, points: of.reduce((s, i) => s + (Number(i.points) || 0), 0) };
  });
  return { count: live.length, points: groups.reduce((s, g) => s + g.points, 0), groups };
}

export function indicatorFormValues(i, group = 'party') {
  return {
    group: i?.group ?? group,
    code: i?.code ?? '',
    name: i?.name ?? '',
    unit: i?.unit ?? '',
    points: i ? num(i.points) : '',
    target: i ? num(i.target) : '',
    direction: i?.direction ?? 'higher',
    method: i?.method ?? 'computed',
    formula: i?.formula ?? '',
    retired: i?.retired ? '是' : '否',
    note: i?.note ?? '',
  };
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseIndicatorForm(v) {
  const input = Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, text(v?.[f])]));
  const fail = (field, message) => ({ ok: false, error: { field, message } });
  if (!GROUPS.some((g) => g.value === input.group)) return fail('group', '请选择指标组。');
  if (!input.code) return fail('code', '请填写指标编号，如 P01。');
  if (!input.name) return fail('name', '请填写指标名称。');
  const points = Number(input.points);
  if (!input.points || !Number.isFinite(points) || points <= 0 || points > 100) {
    return fail('points', '分值应是大于 0、不超过 100 的数。');
  }
  if (input.target && !Number.isFinite(Number(input.target))) return fail('target', '目标值应是数字。');
  if (input.method === 'computed' && !input.formula) {
    return fail('formula', '按统计计算的指标请填写计算公式，如 100 * compounds.sanliang_complete / compounds.total。');
  }
  if (input.method === 'manual') input.formula = '';
  return { ok: true, input };
}

/**
 * The score table as rows for the screen: each office with its rank, group totals,
 * total and cells (value text, points, note, keys to drill).
 */
export function scoreRows(table) {
  const heads = table?.indicators ?? [];
  return (table?.offices ?? []).map((o) => ({
    scope: String(o.scope ?? ''),
    code: String(o.code ?? ''),
    name: String(o.name ?? ''),
    rank: typeof o.rank === 'number' ? String(o.rank) : '—',
    total: num(o.total),
    groups: (o.groups ?? []).map((g) => ({ label: g.label, points: num(g.points), max: num(g.max) })),
    cells: (o.cells ?? []).map((c, i) => ({
      code: c.code,
      value: c.value == null ? (c.note?.startsWith('待评分') ? '待评分' : '无数据') : `${num(c.value)}${heads[i]?.unit === '%' ? '%' : ''}`,
      points: num(c.points),
      note: String(c.note ?? ''),
      keys: heads[i]?.keys ?? [],
      manual: heads[i]?.method === 'manual',
    })),
  }));
}

/** "2026" or "2026Q4" from free text, else null. */
export function parsePeriod(s) {
  const t = text(s).toUpperCase().replace(/年$/, '');
  return /^\d{4}(Q[1-4])?$/.test(t) ? t : null;
}

export const RECTIFICATION_FIELDS = ['notice', 'item', 'owner', 'deadline', 'doneOn', 'note'];

/** Rectification items: open (not done) first; `overdue` when past the deadline on `today`. */
export function rectificationRows(items, today) {
  return (items ?? []).map((r) => ({
    ...r,
    open: !r.doneOn || r.doneOn > today,
    overdue: (!r.doneOn || r.doneOn > today) && !!r.deadline && r.deadline < today,
  }));
}

export function parseRectificationForm(v) {
  const input = Object.fromEntries(RECTIFICATION_FIELDS.map((f) => [f, text(v?.[f])]));
  const fail = (field, message) => ({ ok: false, error: { field, message } });
  if (!input.notice) return fail('notice', '请选择所属通报。');
  if (!input.item) return fail('item', '请填写整改事项。');
  if (!input.owner) return fail('owner', '请填写责任人。');
  if (!input.deadline) return fail('deadline', '请填写整改期限。');
  return { ok: true, input };
}
