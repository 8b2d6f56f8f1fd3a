// 考核 › 抽查 and 检查 (issue 16, items 4–5): the pure parts. The day is passed in
// (never read from the clock here).

/** '2026-11-26' → '2026Q4' */
export function quarterOf(day) {
  const [y, m] = String(day ?? '').split('-').map(Number);
  if (!y || !m) return '';
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
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
  return p ?? '';
}

/** 300 → '30%' */
export function rateText(permille) {
  return `${Number(permille ?? 0) / 10}%`;
}

/** The sample form → { ok, input } or { ok: false, error: { field, message } }. */
export function parseSampleForm(v, { needsReason = false } = {}) {
  const quarter = String(v.quarter ?? '').trim().toUpperCase();
  if (!/^\d{4}Q[1-4]$/.test(quarter)) return { ok: false, error: { field: 'quarter', message: '请把季度写成 2026Q4 这样的格式。' } };
  const number = String(v.number ?? '').trim();
  if (!/^\d{1,18}$/.test(number)) {
    return { ok: false, error: { field: 'number', message: '请填写随机号：考核组在抽查会上写下的数字（如 2741）。' } };
  }
  const rate = String(v.rate ?? '').trim() || '30%';
  const reason = String(v.reason ?? '').trim();
  if (needsReason && !reason) {
    return { ok: false, error: { field: 'reason', message: '本季度已经抽取过样本。重抽请填写原因，原样本会保留。' } };
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
    const raw = String(v.scores?.[c.key] ?? '').trim();
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
    },
  };
}

/** What can be inspected: the drawn compounds of the quarter's sample in force, then the half-year's grids. */
export function inspectionTargets(samples, progress, quarter) {
  const s = (samples ?? []).find((x) => x.quarter === quarter && x.current);
  const compounds = (s?.drawn ?? []).map((d) => ({
    id: d.compoundId, label: `${d.communityName} · ${d.compoundName}（抽中小区）`, kind: 'compound',
  }));
  const grids = [...(progress?.left ?? []), ...(progress?.done ?? [])].map((g) => ({
    id: g.id, label: `${g.communityName} · ${g.name}（${g.kindLabel}）`, kind: 'grid',
  }));
  return [...compounds, ...grids];
}

/** '已检查 3 / 5 个网格（60%）' */
export function progressText(p) {
  if (!p) return '';
  const pct = p.total ? Math.round((p.inspected * 100) / p.total) : 0;
  return `${periodLabel(p.half)}：已检查 ${p.inspected} / ${p.total} 个网格（${pct}%），还剩 ${p.total - p.inspected} 个`;
}
