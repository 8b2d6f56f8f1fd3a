// 减负 › 专项整治 (issue 15 item 4): the four registers (工作机制, 挂牌, 证明事项, 借调人员)
// as one description each, their filters and counts, the entry form's values and
// parsing, and the 回头看 form. One shape for all four; the core decides. Pure,
// tested with node --test.
import {
  formValues, text, problemsOf, unlessOk,
} from './fields.js';
import { choicesOf, ownFieldLabel, tableLabel } from './labels.js';

/**
 * The four registers in the window's order. What each calls its name, village,
 * department and date, its Chinese name and the 处理结果 it allows come from the
 * core's kind declarations (the catalog, read when drawn); `removed` is how the
 * counts line says what those results came to.
 */
export const REGISTERS = [
  { value: 'mechanisms', removed: '撤销或整合' },
  { value: 'plaques', removed: '摘除' },
  { value: 'certificates', removed: '取消' },
  { value: 'secondments', removed: '结束借调' },
].map(({ value, removed }) => {
  const decisions = choicesOf(value, 'decision');
  return Object.freeze({
    value,
    removed,
    get label() { return tableLabel(value); },
    get nameLabel() { return ownFieldLabel('name', value) ?? '名称'; },
    get unitLabel() { return ownFieldLabel('unitId', value) ?? '村/社区'; },
    get departmentLabel() { return ownFieldLabel('department', value) ?? '部门'; },
    get dateLabel() { return ownFieldLabel('resultDate', value) ?? '处理日期'; },
    get decisions() { return decisions.map((d) => d.label); },
  });
});

/** 机制类型's choices, in the core's order (委员会, 领导小组, 工作机制). */
export const MECHANISM_TYPES = choicesOf('mechanisms', 'category');

export const CLEANUP_FIELDS = [
  'name', 'unitId', 'department', 'decision', 'basis', 'resultDate', 'remark', 'category', 'issuedThisYear',
  'personId', 'idNumber', 'startDate', 'endDate', 'approved', 'approvalNumber',
];

export function registerOf(value) {
  return REGISTERS.find((r) => r.value === value) ?? REGISTERS[0];
}

/** The status filter's choices of a register. */
export function statusChoices(register) {
  return register === 'secondments'
    ? [
      { value: 'active', label: '在借调' }, { value: 'overdue', label: '逾期未返回' },
      { value: 'unapproved', label: '未经准入' }, { value: 'ended', label: '已结束' }, { value: 'reopened', label: '反弹待重新认定' },
    ]
    : [
      { value: 'pending', label: '待认定' }, { value: 'removed', label: '已清理' }, { value: 'kept', label: '保留' },
      { value: 'reopened', label: '反弹待重新认定' },
    ];
}

/** Whether entry `e` is in status `status` ('' = any). */
export function inStatus(e, status) {
  switch (status) {
    case '': return true;
    case 'reopened': return !!e.reopenedOn;
    case 'pending': return !e.reopenedOn && !e.resultDate;
    case 'removed': return !!e.removed;
    case 'kept': return !e.reopenedOn && e.decisionLabel === '保留' && !!e.resultDate;
    case 'active': return !!e.active;
    case 'overdue': return !!e.overdue;
    case 'unapproved': return !!e.unapproved;
    case 'ended': return !e.active && !!e.removed;
    default: return true;
  }
}

/** Entries in village `unitId` ('' = any; '-' = 乡镇（街道）机关), in `status`, containing `search`. */
export function filterEntries(entries, { unitId = '', status = '', search = '' } = {}) {
  const q = text(search);
  return (entries ?? []).filter((e) => (!unitId || (unitId === '-' ? !e.unitId : String(e.unitId ?? '') === unitId))
    && inStatus(e, status)
    && (!q || [e.name, e.unitName, e.department, e.basis, e.remark, e.approvalNumber].some((s) => String(s ?? '').includes(q))));
}

/** { total, removed, reopened, active, overdue, unapproved } of `entries`. */
export function countEntries(entries) {
  const out = { total: 0, removed: 0, reopened: 0, active: 0, overdue: 0, unapproved: 0 };
  for (const e of entries ?? []) {
    out.total += 1;
    if (e.removed) out.removed += 1;
    if (e.reopenedOn) out.reopened += 1;
    if (e.active) out.active += 1;
    if (e.overdue) out.overdue += 1;
    if (e.unapproved) out.unapproved += 1;
  }
  return out;
}

/**
 * The counts line of a register: what its records came to, over the whole register.
 * How many are listed is the 期间 line's (the list's own count), so this line does
 * not say it again; it names the register's total only when the filters list fewer.
 */
export function countsText(register, entries, shown) {
  const c = countEntries(entries);
  const r = registerOf(register);
  const secondments = register === 'secondments';
  const parts = secondments
    // 逾期未返回 and 未经准入 are of those 在借调 (the core's `overdue_on` and
    // `unapproved` both need an active secondment): said as such, not as three sums.
    ? [`在借调 ${c.active} 人（其中逾期未返回 ${c.overdue} 人、未经准入 ${c.unapproved} 人）`]
    : [`已${r.removed} ${c.removed} 条`];
  if (c.reopened) parts.push(`反弹待重新认定 ${c.reopened} 条`);
  const whole = shown === c.total ? '' : `整个台账 ${c.total} ${secondments ? '人' : '条'}：`;
  return whole + parts.join(' · ');
}

/** The row's class: what stands out (逾期, 未经准入, 反弹). */
export function entryRowClass(e) {
  return [
    'cleanup-row',
    e?.overdue ? 'is-overdue' : null,
    e?.unapproved ? 'is-unapproved' : null,
    e?.reopenedOn ? 'is-reopened' : null,
  ].filter(Boolean).join(' ');
}

/** What a secondment's state says in the list. */
export function secondmentState(e) {
  const parts = [];
  if (e.reopenedOn) parts.push('反弹');
  if (e.overdue) parts.push('逾期未返回');
  else if (e.active) parts.push('在借调');
  else if (e.removed) parts.push('已结束');
  else parts.push('未开始');
  if (e.unapproved) parts.push('未经准入');
  return parts.join(' · ');
}

export function entryFormValues(e, register) {
  return formValues(e, CLEANUP_FIELDS, {
    set: {
      decision: e?.decisionLabel ?? '',
      category: e?.categoryLabel || (register === 'mechanisms' ? '工作机制' : ''),
      approved: !!e?.approved,
    },
  });
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseEntryForm(register, v) {
  const r = registerOf(register);
  const input = Object.fromEntries(CLEANUP_FIELDS.map((f) => [f, f === 'approved' ? !!v?.[f] : text(v?.[f])]));
  const lent = register === 'secondments';
  const wrong = problemsOf([
    unlessOk(input.name, 'name', `请填写${r.nameLabel}。`),
    unlessOk(lent || input.unitId, 'unitId', `请选择${r.unitLabel}。`),
    unlessOk(register === 'mechanisms' || input.department, 'department', `请填写${r.departmentLabel}。`),
    unlessOk(!input.decision || r.decisions.includes(input.decision), 'decision', `${r.label}的处理结果只能是：${r.decisions.join('、')}。`),
    unlessOk(!input.resultDate || input.decision, 'decision', '填写了日期，请同时选择处理结果。'),
    unlessOk(!lent || input.idNumber, 'idNumber', '请填写身份证号码。'),
    unlessOk(!lent || input.startDate, 'startDate', '请填写借调开始日期。'),
    unlessOk(!lent || input.endDate, 'endDate', '请填写借调结束日期。'),
    unlessOk(!lent || !input.approved || input.approvalNumber, 'approvalNumber', '经规范借调准入批准的，请填写批准文号。'),
    // A number typed without the box was dropped here without a word (probe AF).
    unlessOk(!lent || input.approved || !input.approvalNumber, 'approved',
      `填了准入文号“${input.approvalNumber}”：已经县规范借调准入批准的，请勾选“经县规范借调准入批准”；未经批准的，请清空准入文号。`),
    // Said with the others, not after them (probe AF: 依据 first, then 数量 on the next 保存).
    unlessOk(!['certificates', 'plaques'].includes(register) || input.decision !== '保留' || input.basis, 'basis',
      `保留的${r.label}请填写保留依据。`),
    unlessOk(register !== 'certificates' || !input.issuedThisYear || /^\d[\d,，]*$/.test(input.issuedThisYear), 'issuedThisYear',
      `今年出具数量“${input.issuedThisYear}”不是整数，请填写 0 或正整数。`),
  ]);
  if (wrong) return wrong;
  if (register !== 'certificates') input.issuedThisYear = '';
  if (register !== 'mechanisms') input.category = '';
  return { ok: true, input };
}

/** The 回头看 form → { ok, input } or { ok: false, error }. */
export function parseRecheckForm(register, entryId, v) {
  const input = {
    register, entryId: String(entryId ?? ''), date: text(v?.date), found: text(v?.found), rebound: !!v?.rebound, remark: text(v?.remark),
  };
  if (!input.date) return { ok: false, error: { field: 'date', message: '请填写回头看日期。' } };
  if (!input.found) return { ok: false, error: { field: 'found', message: '请填写发现情况。' } };
  return { ok: true, input };
}
