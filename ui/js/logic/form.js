// Pure form logic: no DOM access. Turns raw form values (strings) into the
// shapes the backend expects, or a Chinese field error shaped like a backend
// error: { kind: 'validation', field, message }.

/** A unit's area types and an office's levels: the core's, from the catalog (labels.js). */
import { AREA_TYPES, OFFICE_LEVELS as LEVELS } from './labels.js';
import { toHalfWidth } from './format.js';

export { AREA_TYPES, LEVELS };

export const FIELD_LABELS = Object.freeze({
  code: '编码',
  name: '名称',
  areaType: '类型',
  households: '户数',
  residents: '人口',
  boundary: '边界描述',
  establishedOn: '设立日期',
  note: '备注',
});

export { toHalfWidth };

/** { ok: false, error } for a field, as the backend says it: { kind: 'validation', field, message, ...extra }. */
export function fieldError(field, message, extra = {}) {
  return { ok: false, error: { kind: 'validation', field, message, ...extra } };
}

/**
 * Every problem of a form at once (a clerk fixed 学时, saved, and only then heard of
 * 主题): of the checks' results ({ ok, … } or a fieldError), null when all are ok,
 * else the first's { ok: false, error } with every one in `problems` ([{ field,
 * message }], the shape of the person form's check and of the core's whole-form
 * errors).
 */
export function problemsOf(results) {
  const bad = results.filter((r) => r && r.ok === false);
  if (!bad.length) return null;
  return { ok: false, error: bad[0].error, problems: bad.map((r) => r.error) };
}

/** A failed check's problems: every one (`problems`), or its one `error`. */
export function problemsIn(failed) {
  return Array.isArray(failed?.problems) && failed.problems.length ? failed.problems : [failed.error];
}

/** For [`problemsOf`]: null when `ok`, else the field's error. */
export function unlessOk(ok, field, message) {
  return ok ? null : fieldError(field, message);
}

/**
 * Parse a count (户数/人口). Empty → null. Otherwise a non-negative whole number.
 * Returns { ok: true, value } or { ok: false, error }.
 */
export function parseCount(raw, field) {
  const label = FIELD_LABELS[field] ?? field;
  const s = toHalfWidth(raw).trim().replace(/[,，]/g, '');
  if (s === '') return { ok: true, value: null };
  if (!/^\d+$/.test(s)) {
    return fieldError(field, `${label}只能填写不小于 0 的整数；不清楚可以留空。`);
  }
  const value = Number(s);
  if (!Number.isSafeInteger(value)) {
    return fieldError(field, `${label}数值过大，请检查后重新填写。`);
  }
  return { ok: true, value };
}

/** Which inputs the form shows for a kind, in tab order. */
export function fieldsForKind(kind) {
  // Every level carries its counts (a village's own 户数 and 人口 come in with its
  // sheet): a form without them saved them away.
  const fields = ['code', 'name', 'areaType', 'households', 'residents'];
  if (kind === 'base_grid' || kind === 'micro_grid') fields.push('boundary');
  // 设立日期: a past period leaves out a unit set up after it (checked by the core,
  // which reads any usual date form).
  fields.push('establishedOn', 'note');
  return fields;
}

/**
 * Parse raw form values into a UnitInput.
 * `values` holds strings keyed by field name; fields the kind does not show are
 * sent as null (counts) or '' (texts).
 */
export function parseUnitForm(values, { kind, parentId = null }) {
  const shown = new Set(fieldsForKind(kind));
  const v = values ?? {};
  const code = toHalfWidth(v.code).trim();
  const name = String(v.name ?? '').trim();
  const areaType = v.areaType;
  const counts = {};
  const countChecks = ['households', 'residents'].map((field) => {
    const r = shown.has(field) ? parseCount(v[field], field) : { ok: true, value: null };
    counts[field] = r.ok ? r.value : null;
    return r;
  });
  const wrong = problemsOf([
    code === '' ? fieldError('code', '请填写编码。') : null,
    /\s/.test(code) ? fieldError('code', '编码中不能有空格。') : null,
    name === '' ? fieldError('name', '请填写名称。') : null,
    areaType !== 'urban' && areaType !== 'rural' ? fieldError('areaType', '请选择类型：城镇或农村。') : null,
    ...countChecks,
  ]);
  if (wrong) return wrong;
  return {
    ok: true,
    input: {
      kind,
      parentId: parentId ?? null,
      code,
      name,
      areaType,
      households: counts.households,
      residents: counts.residents,
      boundary: shown.has('boundary') ? String(v.boundary ?? '').trim() : '',
      note: String(v.note ?? '').trim(),
      establishedOn: toHalfWidth(v.establishedOn).trim(),
    },
  };
}

/** Form values (all strings) for an existing unit. */
export function unitToFormValues(unit) {
  const count = (n) => (n === null || n === undefined ? '' : String(n));
  return {
    code: unit.code ?? '',
    name: unit.name ?? '',
    areaType: unit.areaType === 'urban' ? 'urban' : 'rural',
    households: count(unit.households),
    residents: count(unit.residents),
    boundary: unit.boundary ?? '',
    establishedOn: unit.establishedOn ?? '',
    note: unit.note ?? '',
  };
}

/** Form values for a new, empty unit; `establishedOn` the day it is set up (the form: today). */
export function emptyUnitValues({ code = '', areaType = 'rural', establishedOn = '' } = {}) {
  return { code, name: '', areaType, households: '', residents: '', boundary: '', establishedOn, note: '' };
}

/**
 * Default 城镇/农村 for a new unit: inherit the parent's; at the top level guess
 * from the office (a 街道 serves communities, a 乡/镇 villages).
 */
export function defaultAreaType(parent, office) {
  if (parent && (parent.areaType === 'urban' || parent.areaType === 'rural')) return parent.areaType;
  const name = String(office?.name ?? '').trim();
  return /街道(办事处)?$/.test(name) ? 'urban' : 'rural';
}

/** Whether two value objects differ on any of `fields` (compared as trimmed strings). */
export function valuesDiffer(a, b, fields) {
  const norm = (x) => String(x ?? '').trim();
  return fields.some((f) => norm(a?.[f]) !== norm(b?.[f]));
}

/**
 * Parse the first-run setup form. Returns { ok: true, input: { level, code, name } }
 * or { ok: false, error }. Spaces inside the code are dropped, full-width digits accepted.
 */
export function parseSetupForm(values) {
  const v = values ?? {};
  const level = v.level;
  if (!LEVELS.some((l) => l.value === level)) return fieldError('level', '请选择层级。');
  const code = toHalfWidth(v.code).replace(/\s+/g, '');
  if (code === '') return fieldError('code', '请填写统计用区划代码（12位数字，如 320115101000）。');
  if (/\D/.test(code)) {
    return fieldError('code', '统计用区划代码只能由数字组成（12位，如 320115101000）。');
  }
  if (code.length !== 12) {
    return fieldError('code', `统计用区划代码应为12位数字，现在是${code.length}位，请检查。`);
  }
  const name = String(v.name ?? '').trim();
  if (name === '') return fieldError('name', '请填写单位名称。');
  return { ok: true, input: { level, code, name } };
}
