// 统计: the report for a period shaped for counties (one row per office below,
// rates, 合计, sorting and 排名), a township's own figures (本期 beside 上期), the
// drill-down list and the print/export names. Pure: no DOM.
import { localDate } from './format.js';

/**
 * Rows shown at most in a drill-down list (the backend lists at most 2000 too; the
 * count above the list is always the full one).
 */
export const DRILL_LIMIT = 2000;

const num = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);

/** The four rates of the county report (PeriodReport rows' `rates`), as the core names them. */
export const RATE_COLUMNS = Object.freeze([
  { id: 'coverage', label: '网格覆盖率', title: '有在岗网格员的基础网格 / 基础网格' },
  { id: 'sanliang', label: '三亮率', title: '三亮齐全的小区 / 小区' },
  { id: 'onTime', label: '按期办结率', title: '按期办结的诉求 / 已办结的诉求（期间内）' },
  { id: 'satisfaction', label: '满意率', title: '满意和基本满意 / 满意度评价总数（问卷和电话回访合计，期间内）' },
]);

/** The figures shown beside the rates unless 全部统计项 is asked for. */
export const MAIN_KEYS = Object.freeze([
  'grids.base', 'people.grid_workers', 'compounds.total', 'compounds.sanliang_complete',
  'contacts.targets_covered', 'demands.received', 'demands.assigned', 'demands.resolved', 'demands.resolved_on_time',
  'demands.overdue',
  // The county's monthly questions of 党建 and 共建 (probe AI: 兼职委员 and 累计认领
  // only under 显示全部统计项, among 60 columns).
  'party.part_time_members', 'party.joint_meetings', 'cobuild.projects_claimed', 'cobuild.projects_completed', 'training.person_times',
]);

/**
 * The columns of the table of offices: 单位, the rates, then figures (the main
 * ones, or every key with `all`). Keys are ids, never shown: the header is the label.
 */
export function officeColumns(report, { all = false } = {}) {
  const keys = Array.isArray(report?.keys) ? report.keys : [];
  const figures = (all ? keys : MAIN_KEYS.map((k) => keys.find((x) => x.key === k)).filter(Boolean))
    .map((k) => ({
      id: k.key, label: String(k.label ?? k.key), kind: 'figure',
      title: `${k.label ?? k.key}（${k.rule === 'event' ? '期间内发生' : '期末数'}）`,
      // The 上期合计 row under it counted another quarter or half-year: named.
      note: k.previousLabel ? `上期合计一行统计的是“${k.previousLabel}”` : '',
    }));
  return [
    { id: 'name', label: '单位', kind: 'name', title: '单位' },
    ...RATE_COLUMNS.map((r) => ({ ...r, kind: 'rate' })),
    ...figures,
  ];
}

/** A row's value in a column: a number, or null (a rate with nothing to divide by). */
export function cellValue(row, column) {
  if (column === 'name') return null;
  const rate = RATE_COLUMNS.find((r) => r.id === column);
  if (rate) {
    const v = row?.rates?.[column];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  const v = row?.figures?.[column];
  return v === undefined || v === null ? null : num(v);
}

/** "85.0%", or "—" with nothing to divide by. */
export function rateText(v) {
  return typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)}%` : '—';
}

const byName = (a, b) => String(a?.name ?? '').localeCompare(String(b?.name ?? ''), 'zh-Hans-CN')
  || String(a?.code ?? '').localeCompare(String(b?.code ?? ''));
const byCode = (a, b) => String(a?.code ?? '').localeCompare(String(b?.code ?? ''));

/**
 * Ranks (排名) by `column`, highest first, as the core's `report::ranked`: equal
 * values share a rank (1, 1, 3); a row without a value has none. → Map(scope → rank|null).
 */
export function rankRows(rows, column) {
  const list = Array.isArray(rows) ? rows : [];
  const ranks = new Map();
  if (!column || column === 'name') {
    for (const r of list) ranks.set(r.scope, null);
    return ranks;
  }
  // The office's own row is not ranked among the offices below it.
  const below = list.some((r) => r.scope !== 'own');
  const valued = list
    .map((r) => ({ r, v: below && r.scope === 'own' ? null : cellValue(r, column) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return byCode(a.r, b.r);
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      return b.v - a.v || byCode(a.r, b.r);
    });
  let prev = null;
  valued.forEach(({ r, v }, i) => {
    if (v === null) { ranks.set(r.scope, null); return; }
    const n = prev && prev.v === v ? prev.n : i + 1;
    prev = { v, n };
    ranks.set(r.scope, n);
  });
  return ranks;
}

/**
 * The rows sorted by `column` (none: as given, by code; `name` by the locale's order; others by value),
 * `dir` 'desc' (default for numbers: the best first) or 'asc'. Rows without a
 * value go last either way; ties keep code order. A copy.
 */
export function sortRows(rows, column, dir) {
  const list = [...(Array.isArray(rows) ? rows : [])];
  if (!column) return list; // as the report gives them: by division code, the own ledger last
  if (column === 'name') {
    list.sort(byName);
    return dir === 'desc' ? list.reverse() : list;
  }
  const sign = dir === 'asc' ? 1 : -1;
  return list.sort((a, b) => {
    const x = cellValue(a, column);
    const y = cellValue(b, column);
    if (x === null && y === null) return byCode(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || byCode(a, b);
  });
}

/** The direction a click on a header gives: the other one on the sorted column, else the column's default. */
export function nextSort(sort, column) {
  if (sort?.column === column) return { column, dir: sort.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: column === 'name' ? 'asc' : 'desc' };
}

/**
 * The table of offices: { columns, rows, total }. Each row { scope, code, name,
 * own, rank, cells: [{ column, kind, value, text, drillable }] }; ranked by the
 * sorted column; the total row last, unranked.
 */
export function officeTable(report, { sort = { column: null, dir: 'desc' }, all = false } = {}) {
  const columns = officeColumns(report, { all });
  const rows = Array.isArray(report?.rows) ? report.rows : [];
  const ranks = rankRows(rows, sort.column);
  const countedOn = String(report?.total?.asOf ?? '');
  // Keys whose 合计 is the largest of the offices', not their sum (the core's KeyRule.largest).
  const largest = new Set((Array.isArray(report?.keys) ? report.keys : []).filter((k) => k?.largest).map((k) => k.key));
  const line = (r, rank) => ({
    scope: String(r?.scope ?? ''),
    code: String(r?.code ?? ''),
    name: r?.scope === 'own' ? `${r?.name ?? ''}（本单位）` : String(r?.name ?? ''),
    own: r?.scope === 'own',
    // An office whose file was exported before the day the period is counted on:
    // its figures stand on its export day (0 诉求 in December read as a real zero).
    staleAsOf: r?.scope !== 'own' && r?.scope !== 'total' && r?.asOf && countedOn && String(r.asOf) < countedOn
      ? String(r.asOf) : '',
    // A county's file carrying a township's older file: 部分数据截至 that day (probe AK).
    partAsOf: r?.insideAsOf && countedOn && String(r.insideAsOf) < countedOn && !(r?.asOf && String(r.asOf) <= String(r.insideAsOf))
      ? String(r.insideAsOf) : '',
    // Not on the 应报名单 (there is one): its figures are in 合计 all the same.
    unlisted: r?.unlisted === true,
    rank,
    cells: columns.filter((c) => c.kind !== 'name').map((c) => {
      const value = cellValue(r, c.id);
      let text = c.kind === 'rate' ? rateText(value) : String(value ?? 0);
      // A figure the 合计 does not add up: said in its cell (probe AK: 合计 36
      // beside 36, 36 and 36 read as a mistake).
      if (r?.scope === 'total' && largest.has(c.id)) text += '（取最大）';
      return { column: c.id, kind: c.kind, value, text, drillable: c.kind === 'figure' && !!value };
    }),
  });
  return {
    columns,
    rows: sortRows(rows, sort.column, sort.dir).map((r) => line(r, ranks.get(r.scope) ?? null)),
    total: report?.total ? line(report.total, null) : null,
    // 上期合计: the total of the previous period, beside this one (no drill-down).
    previous: report?.total?.previous
      ? {
        ...line({ ...report.total, figures: report.total.previous, rates: report.total.previousRates ?? {} }, null),
        name: `上期合计（${report?.previous?.label ?? ''}）`,
      }
      : null,
  };
}

/**
 * This office alone (a township): one row per key with 本期 and 上期, and whether
 * a period counts it in the period (期间) or at its end (期末). `prevNote` names
 * what 上期 counted where the key's words differ by period (2026年第三季度抽中的
 * 小区 beside a row named 2026年第四季度抽中的小区), else ''.
 */
export function keyTable(report) {
  const keys = Array.isArray(report?.keys) ? report.keys : [];
  const now = report?.total?.figures ?? {};
  const before = report?.total?.previous ?? {};
  return keys.map((k) => ({
    key: k.key,
    label: String(k.label ?? k.key),
    rule: k.rule === 'event' ? '期间' : '期末',
    now: num(now[k.key]),
    prev: num(before[k.key]),
    prevNote: k.previousLabel ? `上期为${k.previousLabel}` : '',
    drillable: num(now[k.key]) !== 0,
  }));
}

/** The name of a scope for the drill-down title: 本单位, an office's name, 合计. */
export function scopeLabel(report, scope) {
  if (scope === 'all') return '合计';
  if (scope === 'own') return '本单位';
  const row = (report?.rows ?? []).find((r) => r.scope === scope);
  return String(row?.name ?? scope ?? '');
}

/** A drill row's kind in Chinese: the core names it (`kindLabel`, report::DRILL_KINDS). */
export function drillKindLabel(row) {
  return String(row?.kindLabel ?? row?.kind ?? '');
}

/**
 * The drill-down list: title, count line, whether it shows received (read-only)
 * data, and at most `limit` rows { id, office, officeCode, kind, code, name, detail, received }.
 */
export function drillView(drill, { office, columnLabel, limit = DRILL_LIMIT } = {}) {
  const d = drill ?? {};
  const all = Array.isArray(d.rows) ? d.rows : [];
  const own = office?.code ?? null;
  const count = typeof d.count === 'number' && Number.isFinite(d.count) ? d.count : all.length;
  const isReceived = (r) => (own !== null ? String(r?.officeCode ?? '') !== own : d.scope !== 'own');
  const rows = all.slice(0, Math.max(0, limit)).map((r) => ({
    id: String(r?.id ?? ''),
    office: String(r?.officeName ?? r?.officeCode ?? ''),
    officeCode: String(r?.officeCode ?? ''),
    kind: drillKindLabel(r),
    code: String(r?.code ?? ''),
    name: String(r?.name ?? ''),
    detail: String(r?.detail ?? ''),
    received: isReceived(r),
  }));
  const received = d.scope !== 'own' && (all.length ? all.some(isReceived) : d.scope !== 'all');
  // Records behind the figure: fewer than it where one counts several (462 人次 from
  // 277 records read as if 185 were hidden).
  const records = typeof d.records === 'number' && Number.isFinite(d.records) ? d.records : count;
  // The core says how a figure that is no sum stands to its rows (在用考核指标's 合计).
  let countText = d.note ? String(d.note)
    : records === count ? `共 ${count} 条` : `合计 ${count}，来自 ${records} 条记录（按村/社区报的人数一条计多人）`;
  if (rows.length < records) countText += `，下面列出前 ${rows.length} 条`;
  return {
    title: `${d.label ?? d.key ?? ''} · ${columnLabel ?? ''}`,
    countText,
    received,
    codeLabel: String(d.codeLabel || '代码'),
    nameLabel: String(d.nameLabel || '名称'),
    rows,
  };
}

/** "青溪街道_在岗网格员明细_2026Q4.xlsx" */
export function drillFileName(drill, columnLabel, period) {
  const safe = (x) => String(x ?? '').replace(/[\\/:*?"<>|.]/g, '_');
  const bits = [safe(columnLabel), `${safe(drill?.label ?? drill?.key)}明细`, safe(period)].filter(Boolean);
  return `${bits.join('_')}.xlsx`;
}

/** "青溪街道统计报表" */
export function reportTitle(office) {
  return `${office?.name ?? ''}统计报表`;
}

/** "青溪街道_统计报表_2026Q4_20261127.xlsx" (the period when given) */
export function reportFileName(office, date = new Date(), period = '') {
  const safe = String(office?.name ?? '').replace(/[\\/:*?"<>|]/g, '_');
  const p = String(period ?? '').replace(/[\\/:*?"<>|.]/g, '_');
  return `${safe ? `${safe}_` : ''}统计报表_${p ? `${p}_` : ''}${localDate(date).replace(/-/g, '')}.xlsx`;
}

/** "打印日期：2026-11-27" */
export function printDateText(date = new Date()) {
  return `打印日期：${localDate(date)}`;
}

/** "未报送（不在表中，也不在合计里）：淳化街道、横溪街道"; '' when every expected office has sent. */
export function notReportedLine(report) {
  const names = (Array.isArray(report?.notReported) ? report.notReported : []).map(String).filter(Boolean);
  return names.length ? `未报送（不在表中，也不在合计里）：${names.join('、')}` : '';
}

/**
 * The offices counted in 合计 though off the 应报名单, named under the table (only a
 * tag on each row said so); '' when none.
 */
export function unlistedLine(report) {
  const names = (Array.isArray(report?.rows) ? report.rows : []).filter((r) => r?.unlisted).map((r) => String(r.name ?? r.code ?? ''));
  return names.length ? `合计含不在应报名单的单位：${names.join('、')}。如果它们应当报送，请在“报送情况”里加入应报名单。` : '';
}
