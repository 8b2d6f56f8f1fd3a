// 考核 (issue 16): the indicator system's groups, directions and methods, the
// indicator form's values and parsing, the score table's rows and cells as the
// screen shows them, and the forms of results and rectification items. Pure,
// tested with node --test.
import {
  formValues, formText, fieldError, text, numberText, problemsOf, unlessOk,
} from './fields.js';
import { toHalfWidth } from './format.js';
import { choicesOf, labelOf } from './labels.js';

export const GROUPS = choicesOf('indicators', 'group');

export const DIRECTIONS = choicesOf('indicators', 'direction');

export const METHODS = choicesOf('indicators', 'method');

export const RESULT_KINDS = choicesOf('assessment_results', 'kind');

export const INDICATOR_FIELDS = ['group', 'code', 'name', 'unit', 'points', 'target', 'direction', 'method', 'formula', 'retired', 'note'];

export const groupLabel = (g) => labelOf(g, GROUPS);
export const methodLabel = (m) => labelOf(m, METHODS);
export const directionLabel = (d) => labelOf(d, DIRECTIONS);
export const resultKindLabel = (k) => labelOf(k, RESULT_KINDS);

/** A number as the table shows it: 33.33, 5, — for none. */
export function num(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return String(Math.round(v * 100) / 100);
}

/** Indicators whose group is `group` ('' = all); retired ones only when `retired`. */
/**
 * The indicators a list shows: of a group, in force unless `retired`, and matching
 * `search` in the code, name, note or formula, the formula also as the clerk reads it
 * (its figures by their names in `labels`: 网格员 finds people.grid_workers).
 */
export function filterIndicators(list, { group = '', retired = false, search = '', labels = null } = {}) {
  const q = text(search);
  return (list ?? []).filter((i) => (!group || i.group === group)
    && (retired || !i.retired)
    && (!q || [i.code, i.name, i.formula, i.note, labels && formulaText(i.formula, labels)]
      .some((s) => String(s ?? '').includes(q))));
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

/** An indicator in its form; its formula as the clerk edits it ([`formulaForEdit`] with `labels`). */
export function indicatorFormValues(i, group = 'party', labels = null) {
  return formValues(i, INDICATOR_FIELDS, {
    blank: { group, direction: 'higher', method: 'computed' },
    set: {
      points: i ? num(i.points) : '',
      target: i ? num(i.target) : '',
      retired: i?.retired ? '是' : '否',
      formula: formulaForEdit(i?.formula, labels),
    },
  });
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseIndicatorForm(v) {
  const input = formText(v, INDICATOR_FIELDS);
  const points = Number(input.points);
  const wrong = problemsOf([
    unlessOk(GROUPS.some((g) => g.value === input.group), 'group', '请选择指标组。'),
    unlessOk(input.code, 'code', '请填写指标编号，如 P01。'),
    unlessOk(input.name, 'name', '请填写指标名称。'),
    unlessOk(input.points && Number.isFinite(points) && points > 0 && points <= 100, 'points', '分值应是大于 0、不超过 100 的数。'),
    unlessOk(!input.target || Number.isFinite(Number(input.target)), 'target', '目标值应是数字。'),
    unlessOk(input.method !== 'computed' || input.formula, 'formula',
      '按统计计算的指标请填写计算公式，如 100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】。'),
  ]);
  if (wrong) return wrong;
  if (input.method === 'manual') input.formula = '';
  return { ok: true, input };
}

/**
 * The score table as rows for the screen: each office with its rank, group totals,
 * total and cells (value text, points, note, the figures to drill into: { key, label },
 * and for a computed one `how`: its formula with this office's figures, by name).
 */
export function scoreRows(table) {
  const heads = table?.indicators ?? [];
  const names = heads.map((hd) => new Map((hd?.keys ?? []).map((k, j) => [k, hd?.keyLabels?.[j] || k])));
  const offices = table?.offices ?? [];
  return offices.map((o) => {
    // Manual indicators the team has not scored yet: counted as 0 in the total, which
    // is therefore provisional (暂计) until they are. This office's own row beside the
    // offices it ranks (a county's) is not scored by its own team: never 暂计.
    const judged = o.scope !== 'own' || offices.length === 1;
    const waiting = judged ? (o.cells ?? []).filter((c) => c.value == null && c.note?.startsWith('待评分')) : [];
    const waitingPoints = waiting.reduce((sum, c) => sum + (Number(heads.find((hd) => hd.code === c.code)?.points) || 0), 0);
    return {
    scope: String(o.scope ?? ''),
    code: String(o.code ?? ''),
    name: String(o.name ?? ''),
    // On the 应报名单, its file not arrived: listed unranked, with no figures.
    notReported: !!o.notReported,
    // Sent a file, not on the 应报名单: ranked, and said so (as 统计 marks it).
    unlisted: !!o.unlisted,
    // 报送情况's words against its file: 逾期（数据截至 …）, 下级未报齐 … (probe AK).
    cautions: Array.isArray(o.cautions) ? o.cautions.map(String) : [],
    // A county at a city: scored per township it carries (probe AK).
    averagedOver: Number(o.averagedOver) > 1 ? Number(o.averagedOver) : 0,
    rank: typeof o.rank === 'number' ? String(o.rank) : '—',
    total: num(o.total),
    pending: { count: waiting.length, points: num(waitingPoints) },
    groups: (o.groups ?? []).map((g) => ({ label: g.label, points: num(g.points), max: num(g.max) })),
    cells: (o.cells ?? []).map((c, i) => ({
      code: c.code,
      // A percentage to one decimal, as 首页 and 统计 show rates; other values to two.
      value: c.value == null
        ? (c.note?.startsWith('待评分') ? '待评分' : '无数据')
        : heads[i]?.unit === '%' && typeof c.value === 'number' && Number.isFinite(c.value) ? `${c.value.toFixed(1)}%` : num(c.value),
      points: num(c.points),
      note: String(c.note ?? ''),
      drills: (heads[i]?.keys ?? []).map((key, j) => ({ key, label: heads[i]?.keyLabels?.[j] || key })),
      manual: heads[i]?.method === 'manual',
      how: heads[i]?.method === 'computed' && heads[i]?.formula ? formulaText(heads[i].formula, names[i], c.figures ?? {}) : '',
    })),
    };
  });
}

/**
 * The note under the score table when a total is provisional: which offices still
 * have manual indicators to score, how many and worth how many points; '' when none.
 */
export function pendingNote(rows) {
  const waiting = (rows ?? []).filter((r) => r.pending?.count > 0);
  if (!waiting.length) return '';
  const who = waiting.map((r) => `${r.name} ${r.pending.count} 项（${r.pending.points} 分）`).join('；');
  return `标 * 的总分为暂计：还有考核组评分的指标待评分，暂按 0 分计入。${who}。`;
}

/** A figure's name in a formula, as the core's formula reader reads one (scores/formula.rs). */
const FIGURE_NAME = '[A-Za-z_][A-Za-z0-9_.]*';
// A figure by its Chinese name, as the form writes it: 【小区（自然村/组）】.
const FIGURE_IN_BRACKETS = '【[^】]*】';

/**
 * The figures (统计项) a formula names, each once, in the order written, whether by
 * key (compounds.total) or by name in 【】: { key, label, written } with the key and
 * Chinese name from `labels` (a Map key → name); key or label null for what 统计
 * does not have (a typing mistake the core will refuse), `written` as it was typed.
 */
export function formulaTerms(formula, labels) {
  const found = String(formula ?? '').match(new RegExp(`${FIGURE_IN_BRACKETS}|${FIGURE_NAME}`, 'g')) ?? [];
  const byName = new Map([...(labels ?? [])].map(([k, l]) => [l, k]));
  return [...new Set(found)].map((t) => {
    if (t.startsWith('【')) {
      const name = t.slice(1, -1).trim();
      const key = byName.get(name) ?? null;
      return { key, label: key ? name : null, written: name };
    }
    return { key: t, label: labels?.get(t) ?? null, written: t };
  });
}

/**
 * A stored formula as the clerk edits it: each figure by its name in 【】 (a key 统计
 * does not name stays as written), × and ÷ for * and /:
 * "100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】". The core reads it back to keys.
 */
export function formulaForEdit(formula, labels) {
  return eachFigure(formula, (key) => (labels?.get(key) ? `【${labels.get(key)}】` : key));
}

/**
 * A formula with * and / as × and ÷ and each figure's key as `name(key)` gives it, in
 * one pass, so a name's own characters (小区（自然村/组）) stay as they are.
 */
function eachFigure(formula, name) {
  const ops = { '*': ' × ', '/': ' ÷ ' };
  return String(formula ?? '')
    .replace(new RegExp(`${FIGURE_NAME}|\\s*[*/]\\s*`, 'g'), (t) => ops[t.trim()] ?? name(t))
    .trim();
}

/**
 * A formula as a clerk reads it: each figure by its Chinese name (a name the report
 * lacks stays as written), × and ÷ for * and /: "100 × 三亮齐全的小区 ÷ 小区（自然村/组）";
 * with `figures` (key → an office's figure), each name followed by its figure:
 * "100 × 三亮齐全的小区 9 ÷ 小区（自然村/组） 13" (— where the office has none).
 */
export function formulaText(formula, labels, figures = null) {
  return eachFigure(formula, (key) => {
    const label = labels?.get(key) || key;
    if (!figures) return label;
    const v = figures[key];
    return `${label} ${v === null || v === undefined ? '—' : v}`;
  });
}

const CN_QUARTER = { 一: '1', 二: '2', 三: '3', 四: '4' };

/**
 * "2026" or "2026Q4", the text the core reads, from free text as clerks write it:
 * 2026, 2026年, 2026Q4, 2026q4, 2026-Q4, 2026年第四季度 (as every other screen names it),
 * 2026年第4季度, in full-width mode too (２０２６Ｑ４); else null.
 */
export function parsePeriod(s) {
  const t = toHalfWidth(text(s)).toUpperCase().replace(/\s+/g, '');
  const m = /^(\d{4})(?:年|年?第([1-4一二三四])季度|[-年]?Q([1-4]))?$/.exec(t);
  if (!m) return null;
  const q = m[2] ? (CN_QUARTER[m[2]] ?? m[2]) : m[3];
  return q ? `${m[1]}Q${q}` : m[1];
}

export const RECTIFICATION_FIELDS = ['notice', 'item', 'owner', 'deadline', 'doneOn', 'note'];

/** Rectification items: open (not done) first; `overdue` when past the deadline on `today`;
 * `supervised` the office below whose item it is (督办: its 责任人 names an office that
 * reports here, set by the core). */
export function rectificationRows(items, today) {
  return (items ?? []).map((r) => ({
    ...r,
    open: !r.doneOn || r.doneOn > today,
    overdue: (!r.doneOn || r.doneOn > today) && !!r.deadline && r.deadline < today,
    // Done after its 期限: said so beside the date (it read a plain 完成).
    late: !!r.doneOn && r.doneOn <= today && !!r.deadline && r.doneOn > r.deadline,
    supervised: r.supervisedOffice ?? '',
  }));
}

/** The heading of the rectification list: this office's own open items, and apart
 * the open ones it supervises, which count in the files of the offices below. */
export function rectificationHeading(rows) {
  const open = rows.filter((r) => r.open);
  const supervised = open.filter((r) => r.supervised).length;
  const own = `整改事项（未完成 ${open.length - supervised} 项`;
  return supervised ? `${own}；另督办下级未完成 ${supervised} 项）` : `${own}）`;
}

export function parseRectificationForm(v) {
  const input = formText(v, RECTIFICATION_FIELDS);
  return problemsOf([
    unlessOk(input.notice, 'notice', '请选择所属通报。'),
    unlessOk(input.item, 'item', '请填写整改事项。'),
    unlessOk(input.owner, 'owner', '请填写责任人。'),
    unlessOk(input.deadline, 'deadline', '请填写整改期限。'),
  ]) ?? { ok: true, input };
}

/**
 * A 整改事项 made from an inspection's findings (检查 › 转为整改): no notice (the
 * inspection stands for it), every blank field said at once.
 */
export function parseInspectionRectification(v, inspectionId) {
  const input = { ...formText(v, RECTIFICATION_FIELDS), notice: '', inspectionId: String(inspectionId ?? '') };
  return problemsOf([
    unlessOk(input.item, 'item', '请填写整改事项。'),
    unlessOk(input.owner, 'owner', '请填写责任人。'),
    unlessOk(input.deadline, 'deadline', '请填写整改期限。'),
  ]) ?? { ok: true, input };
}

/** What an inspection's row says of the 整改事项 made from it: '' when none. */
export function rectificationLine(items, inspectionId) {
  const mine = (items ?? []).filter((r) => r.inspectionId && r.inspectionId === inspectionId);
  if (!mine.length) return '';
  const open = mine.filter((r) => !r.doneOn).length;
  return open ? `整改 ${mine.length} 项，${open} 项未完成` : `整改 ${mine.length} 项，都已完成`;
}

// 考核 › 抽查 and 检查 (issue 16, items 4–5): the pure parts. The day is passed in
// (never read from the clock here).

/** '2026-11-26' → '2026Q4' */
export function quarterOf(day) {
  const [y, m] = String(day ?? '').split('-').map(Number);
  if (!y || !m) return '';
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/**
 * Periods of `per` parts a year (4: 2026Q4, 2: 2026H2) to pick from, newest first:
 * `ahead` after `code`, `code` itself, and `back` before it, each with its label.
 */
function periodChoices(code, per, letter, back, ahead) {
  const m = new RegExp(`^(\\d{4})${letter}(\\d)$`).exec(code);
  if (!m) return [];
  const at = Number(m[1]) * per + Number(m[2]) - 1;
  const out = [];
  for (let i = at + ahead; i >= at - back; i -= 1) {
    const value = `${Math.floor(i / per)}${letter}${(i % per) + 1}`;
    out.push({ value, label: periodLabel(value) });
  }
  return out;
}

/** The quarters (季度) a clerk picks from: 2026Q4, 2026年第四季度 ([`periodChoices`]). */
export function quarterChoices(day, { back = 4, ahead = 1 } = {}) {
  return periodChoices(quarterOf(day), 4, 'Q', back, ahead);
}

/** The halves (半年) to pick from: 2026H2, 2026年下半年. */
export function halfChoices(day, { back = 3, ahead = 0 } = {}) {
  return periodChoices(halfOf(day), 2, 'H', back, ahead);
}

/** '2026-11-26' → '2026H2' */
export function halfOf(day) {
  const [y, m] = String(day ?? '').split('-').map(Number);
  if (!y || !m) return '';
  return `${y}H${m <= 6 ? 1 : 2}`;
}

/** '2026Q4' → '2026年第四季度'; '2026H2' → '2026年下半年' */
export function periodLabel(p) {
  const q = /^(\d{4})Q([1-4])$/.exec(p ?? '');
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const hy = /^(\d{4})H([12])$/.exec(p ?? '');
  if (hy) return `${hy[1]}年${hy[2] === '1' ? '上' : '下'}半年`;
  if (/^\d{4}$/.test(p ?? '')) return `${p}年`;
  return p ?? '';
}

/** 300 → '30%' */
export function rateText(permille) {
  return `${Number(permille ?? 0) / 10}%`;
}

/** 抽查比例 as typed (30%, 30, 0.3) in permille, as the core reads it; 300 when unreadable. */
export function ratePermilleOf(rate) {
  const typed = String(rate ?? '').trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0));
  const t = typed.replace(/[%％]$/, '');
  const n = Number(t);
  if (!t || !Number.isFinite(n) || n <= 0) return 300;
  return Math.round(n <= 1 && !/[%％]$/.test(typed) ? n * 1000 : n * 10);
}

/** The last day of a quarter written 2026Q4 ('' when it is not one). */
export function quarterEnd(quarter) {
  const m = /^(\d{4})Q([1-4])$/.exec(String(quarter ?? ''));
  if (!m) return '';
  const month = Number(m[2]) * 3;
  const day = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What a sample's reason is: 补抽原因 for one drawn after its quarter ended, else 重抽原因. */
export function sampleReasonLabel(s) {
  const end = quarterEnd(s?.quarter);
  return !s?.replaces && end && String(s?.drawnOn ?? '') > end ? '补抽原因' : '重抽原因';
}

/**
 * How many were drawn, and why that many (probe AJ: the notice said ⌈13 × 30%⌉ and
 * listed 5): "小区 13 个，按比例应抽 ⌈13 × 30%⌉ = 4 个；分布在 5 个村/社区，每个至少抽 1
 * 个，实际抽中 5 个（38.5%）。" `communities`: how many 村/社区 the compounds are in.
 */
export function drawCountText(total, communities, drawn, ratePermille) {
  const n = Number(total) || 0;
  const rate = Number(ratePermille) || 0;
  const wanted = Math.ceil((n * rate) / 1000);
  const share = n ? `${Math.round((Number(drawn) * 1000) / n) / 10}%` : '0%';
  const strata = Number(communities) || 0;
  const floor = strata > wanted ? `；分布在 ${strata} 个村/社区，每个至少抽 1 个` : '';
  return `小区 ${n} 个，按比例应抽 ⌈${n} × ${rateText(rate)}⌉ = ${wanted} 个${floor}，实际抽中 ${drawn} 个（${share}）。`;
}

/** The sample form → { ok, input } or { ok: false, error: { field, message } }. */
export function parseSampleForm(v, { needsReason = false, today = '' } = {}) {
  const quarter = String(v.quarter ?? '').trim().toUpperCase();
  if (!/^\d{4}Q[1-4]$/.test(quarter)) return { ok: false, error: { field: 'quarter', message: '请把季度写成 2026Q4 这样的格式。' } };
  const number = numberText(v.number);
  // Empty, not digits, too long: each said as it is (probe AJ: "abc" read 请填写).
  if (number === '') {
    return { ok: false, error: { field: 'number', message: '请填写随机号：考核组在抽查会上写下的数字（如 2741）。' } };
  }
  if (!/^\d+$/.test(number)) {
    return { ok: false, error: { field: 'number', message: `随机号“${number}”只能是数字，如 2741。` } };
  }
  if (number.length > 18) {
    return { ok: false, error: { field: 'number', message: `随机号最多 18 位数字，这里是 ${number.length} 位。` } };
  }
  const rate = String(v.rate ?? '').trim() || '30%';
  const reason = String(v.reason ?? '').trim();
  if (needsReason && !reason) {
    return { ok: false, error: { field: 'reason', message: '本季度已经抽取过样本。重抽请填写原因，原样本会保留。' } };
  }
  // A quarter that has ended is a 补抽, said why (the core refuses it too).
  const ended = quarterEnd(quarter);
  if (today && ended && ended < today && !reason) {
    return {
      ok: false,
      error: { field: 'reason', message: `${periodLabel(quarter)}已经结束（${ended}）。补抽以前季度的样本，请在“原因”里写明当季为什么没有抽（如 当季漏抽，补录）。` },
    };
  }
  return { ok: true, input: { quarter, rate, number, reason } };
}

/** The inspection form → { ok, input } or { ok: false, error: { field, message } }. */
export function parseInspectionForm(v, checklist) {
  if (!v.unitId) return { ok: false, error: { field: 'unitId', message: '请选择检查对象。' } };
  if (!String(v.date ?? '').trim()) return { ok: false, error: { field: 'date', message: '请填写检查日期。' } };
  if (!String(v.inspector ?? '').trim()) return { ok: false, error: { field: 'inspector', message: '请填写检查人员。' } };
  const scores = {};
  for (const c of checklist) {
    const raw = numberText(v.scores?.[c.key]);
    const n = Number(raw);
    if (raw === '' || !Number.isInteger(n) || n < 0 || n > c.max) {
      return { ok: false, error: { field: c.key, message: `“${c.label}”请填 0–${c.max} 的整数分。` } };
    }
    scores[c.key] = raw;
  }
  return {
    ok: true,
    input: {
      unitId: v.unitId, date: String(v.date).trim(), inspector: String(v.inspector).trim(), scores,
      findings: String(v.findings ?? '').trim(), remark: String(v.remark ?? '').trim(),
      substituteReason: String(v.substituteReason ?? '').trim(),
      // 复查: the first inspection checked again.
      ...(v.recheckOf ? { recheckOf: String(v.recheckOf) } : {}),
    },
  };
}

/** What can be inspected: the drawn compounds of the quarter's sample in force, then the half-year's grids. */
export function inspectionTargets(samples, progress, quarter) {
  const s = (samples ?? []).find((x) => x.quarter === quarter && x.current);
  const compounds = (s?.drawn ?? []).map((d) => ({
    id: d.compoundId, label: `${d.communityName} · ${d.compoundName}（抽中小区）`, kind: 'compound',
    // 双随机: the inspectors drawn for it, filled in when it is picked.
    inspectors: (d.inspectorNames ?? []).join('、'),
  }));
  const grids = [...(progress?.left ?? []), ...(progress?.done ?? [])].map((g) => ({
    id: g.id, label: `${g.communityName} · ${g.name}（${g.kindLabel}）`, kind: 'grid',
  }));
  return [...compounds, ...grids];
}

/**
 * 检查人员 as the list shows them: 周敏、陈静（换人：原抽中郑丽、吴刚；原因：请假）when
 * others stood in for the inspectors drawn (the core's Inspection::inspectors_text).
 */
export function inspectorsText(i) {
  const swap = substituteText(i);
  return swap ? `${i.inspector}（${swap}）` : (i?.inspector ?? '');
}

/** 换人：原抽中郑丽、吴刚；原因：请假, or '' when the drawn inspectors checked. */
export function substituteText(i) {
  return i?.drawnInspector ? `换人：原抽中${i.drawnInspector}；原因：${i.substituteReason ?? ''}` : '';
}

/**
 * A 整改事项 `r` (as listed) marked done on `doneOn`, as update_rectification_item
 * takes it: its notice (the 通报 by id, else its title), item, owner and deadline kept.
 */
export function rectificationDoneInput(r, doneOn) {
  return {
    notice: r?.resultId || r?.notice || '', item: r?.item, owner: r?.owner, deadline: r?.deadline ?? '', doneOn, note: r?.note ?? '',
  };
}

/** '已检查 3 / 5 个网格（60%）', the rate to one decimal as 首页 and 统计 give it (13.9%). */
export function progressText(p) {
  if (!p) return '';
  const pct = p.total ? Math.round((p.inspected * 1000) / p.total) / 10 : 0;
  return `${periodLabel(p.half)}：已检查 ${p.inspected} / ${p.total} 个网格（${pct}%），还剩 ${p.total - p.inspected} 个`;
}

// 考核 › 评分结果 › 派出机构考核评价 (issue 16, item 7): the township's evaluation of
// county departments' outposts, and at a county those its townships sent up.

export const OUTPOST_FIELDS = ['period', 'department', 'score', 'comments'];

/** The outpost form → { ok, input } or { ok: false, error: { field, message } }. */
export function parseOutpostForm(v) {
  const input = formText(v, OUTPOST_FIELDS);
  const fail = fieldError;
  const period = parsePeriod(input.period);
  if (!period) return fail('period', '考核期间请写年度（如 2026年）或季度（如 2026年第四季度）。');
  input.period = period;
  if (!input.department) return fail('department', '请填写被评价的县直部门派出机构。');
  const n = Number(input.score.replace(/分$/, ''));
  if (input.score === '' || !Number.isFinite(n) || n < 0 || n > 100) return fail('score', '评价得分请填 0 到 100 之间的数。');
  return { ok: true, input };
}

/** Received evaluations grouped by township: [{ code, name, rows, average }], in the order given. */
export function receivedByOffice(rows) {
  const groups = [];
  for (const r of rows ?? []) {
    let g = groups.find((x) => x.code === r.officeCode);
    if (!g) { g = { code: r.officeCode, name: r.officeName ?? r.officeCode, rows: [] }; groups.push(g); }
    g.rows.push(r);
  }
  for (const g of groups) {
    const sum = g.rows.reduce((a, r) => a + Number(r.score ?? 0), 0);
    g.average = g.rows.length ? Math.round((sum / g.rows.length) * 10) / 10 : 0;
  }
  return groups;
}
