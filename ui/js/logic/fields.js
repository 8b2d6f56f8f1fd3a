// What every record form shares: its starting values from a record (formValues),
// its values as text (formText), a field's error (fieldError), and parsing typed
// values: dates, amounts, whole numbers, required text, year lists, and whether a
// form has changed.
// Pure: no DOM. Errors look like the backend's: { kind: 'validation', field, message }.
import { normalizeDateText } from './format.js';
import {
  toHalfWidth, fieldError, problemsOf, unlessOk,
} from './form.js';

export { fieldError, problemsOf, unlessOk };

/** Trimmed text ('' for null/undefined). */
export function text(raw) {
  return String(raw ?? '').trim();
}

/** A phone as typed: trimmed, half-width, its spaces dropped ('' for null/undefined). */
export function phoneText(raw) {
  return toHalfWidth(text(raw)).replace(/\s/g, '');
}

/**
 * A form's starting values from `record` (null for a new one): each of `fields` as the
 * record has it, numbers as digits and lists as lists of text; where the record has no
 * value, `blank[field]`, else ''. `set` (what the caller works out itself: a label, a
 * phone shown in full, a yes/no) goes over them.
 */
export function formValues(record, fields, { blank = {}, set = {} } = {}) {
  const out = {};
  for (const f of fields) {
    const v = record?.[f];
    if (v === null || v === undefined) out[f] = blank[f] ?? '';
    else if (Array.isArray(v)) out[f] = v.map(String);
    else out[f] = typeof v === 'number' ? String(v) : v;
  }
  return Object.assign(out, set);
}

/** A form's values as trimmed text, one for each of `fields`. */
export function formText(values, fields) {
  return Object.fromEntries(fields.map((f) => [f, text(values?.[f])]));
}


/**
 * A number as typed, trimmed, its full-width digits, point and sign half-width
 * (１２３４ typed with a Chinese IME read as nothing: "请填写随机号" on a filled box,
 * a score counted 0 in the total).
 */
export function numberText(s) {
  return String(s ?? '')
    .replace(/[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** True for a real calendar date written "2026-03-01". */
export function isDateText(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s ?? ''));
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/**
 * A typed date ("2026/3/1", "2026年3月1日", "20260301" …) → { ok, value: '' | "2026-03-01" },
 * or a field error. Empty is allowed unless `required`.
 */
export function parseDateField(raw, field, label, { required = false } = {}) {
  const s = normalizeDateText(raw);
  if (s === '') {
    return required ? fieldError(field, `请填写${label}，如 2026-03-01。`) : { ok: true, value: '' };
  }
  // As the core: a year outside 1900–2100 is a mistyped one (0024-03-01).
  const year = Number(s.slice(0, 4));
  if (/^\d{4}-/.test(s) && (year < 1900 || year > 2100)) {
    return fieldError(field, `${label}“${s}”的年份不对，请写四位年份，如 2024-03-01。`);
  }
  if (!isDateText(s)) {
    // Written as a date but no day of the calendar (2026-13-01, 2026-02-30): said so.
    return fieldError(field, /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? `${label}“${s}”不是日历上的日子（月份 1–12，日期不超过当月天数），请核对。`
      : `${label}请写成 2026-03-01 这样的日期。`);
  }
  return { ok: true, value: s };
}

/**
 * An amount of money: '' (not filled) or a number ≥ 0 with at most two decimals.
 * Accepts "1,000", "1000元", "１０００" and spaces.
 */
export function parseAmount(raw, field, label) {
  const s = toHalfWidth(raw).replace(/[,，\s]/g, '').replace(/元$/, '');
  if (s === '') return { ok: true, value: '' };
  if (!/^\d+(\.\d{1,2})?$/.test(s)) {
    return fieldError(field, `${label}只能填写不小于 0 的数（最多两位小数）；不清楚可以留空。`);
  }
  const value = Number(s);
  if (!Number.isFinite(value) || value > 1e12) return fieldError(field, `${label}数值过大，请检查后重新填写。`);
  return { ok: true, value };
}

/** A count: '' (not filled) or a whole number ≥ 0. Accepts "1,000", "12人", full-width digits. */
export function parseWhole(raw, field, label) {
  const s = toHalfWidth(raw).replace(/[,，\s]/g, '').replace(/(人次|人|个)$/, '');
  if (s === '') return { ok: true, value: '' };
  if (!/^\d+$/.test(s)) return fieldError(field, `${label}只能填写不小于 0 的整数；不清楚可以留空。`);
  const value = Number(s);
  if (!Number.isSafeInteger(value)) return fieldError(field, `${label}数值过大，请检查后重新填写。`);
  return { ok: true, value };
}

/** Required text: { ok, value } or "请填写{label}。" */
export function requiredText(raw, field, label, message) {
  const value = text(raw);
  if (value === '') return fieldError(field, message ?? `请填写${label}。`);
  return { ok: true, value };
}

/** The year of a "2026-03-01" date as "2026", or ''. */
export function yearOf(date) {
  const m = /^(\d{4})-/.exec(String(date ?? ''));
  return m ? m[1] : '';
}

/**
 * Years for a 年份 filter, newest first: this year and the `back` years before it,
 * plus any year seen in the data (as strings).
 */
export function yearOptions(currentYear, seen = [], back = 4) {
  const now = Number(currentYear);
  const out = new Set();
  if (Number.isInteger(now)) for (let y = now; y >= now - back; y -= 1) out.add(String(y));
  for (const y of seen) {
    const s = String(y ?? '');
    if (/^\d{4}$/.test(s)) out.add(s);
  }
  return [...out].sort((a, b) => Number(b) - Number(a));
}

function norm(v) {
  if (Array.isArray(v)) return JSON.stringify(v.map(norm));
  if (v && typeof v === 'object') return JSON.stringify(Object.keys(v).sort().map((k) => [k, norm(v[k])]));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v ?? '').trim();
}

/** Whether a form's values differ from what it was opened with (text trimmed, arrays in order). */
export function valuesChanged(baseline, values) {
  if (!baseline || !values) return false;
  const keys = new Set([...Object.keys(baseline), ...Object.keys(values)]);
  for (const k of keys) if (norm(baseline[k]) !== norm(values[k])) return true;
  return false;
}

/** "2026-03-01 至 2026-12-31", "2026-03-01 起", "至 2026-12-31", or '—'. */
export function rangeText(start, end) {
  const a = String(start ?? '');
  const b = String(end ?? '');
  if (a && b) return `${a} 至 ${b}`;
  if (a) return `${a} 起`;
  if (b) return `至 ${b}`;
  return '—';
}
