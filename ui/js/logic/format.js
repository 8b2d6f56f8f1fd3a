// Pure formatting helpers: no DOM access.

const pad = (n) => String(n).padStart(2, '0');

/**
 * RFC 3339 timestamp → "2026-11-27 08:00" in China time (UTC+8), whatever time zone
 * the PC is set to: the same clock as the days the app records ([`localDate`], the
 * core's `Ctx::today`), so a step dated 2026-12-05 is not shown as recorded at
 * 2026-12-04 16:14. `utcOffsetMinutes` gives another offset.
 * Empty input gives ''; text that is not a date is returned unchanged.
 */
export function formatDateTime(value, { utcOffsetMinutes = 480, seconds = false } = {}) {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  const t = d.getTime();
  if (Number.isNaN(t)) return String(value);
  if (typeof utcOffsetMinutes === 'number') {
    const s = new Date(t + utcOffsetMinutes * 60000);
    const sec = seconds ? `:${pad(s.getUTCSeconds())}` : '';
    return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}${sec}`;
  }
  const sec = seconds ? `:${pad(d.getSeconds())}` : '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}${sec}`;
}

/** Byte count → "512 B", "1.5 KB", "12.3 MB", "1.2 GB" (1 KB = 1024 B). */
export function formatBytes(n) {
  const b = Number(n);
  if (n === null || n === undefined || n === '' || !Number.isFinite(b) || b < 0) return '—';
  if (b < 1024) return `${Math.round(b)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = b / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  // Rounding may carry to 1024.0 (e.g. 1048575 B): show the next unit instead.
  if (Number(v.toFixed(1)) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** A count that may be null: null → '—', else the number with no grouping. */
export function formatCount(n) {
  return n === null || n === undefined || n === '' ? '—' : String(n);
}

/**
 * A Date → "2026-11-27", the day it is in China (UTC+8), today by default: the same
 * day the core records (`Ctx::today`), whatever time zone the PC is set to; otherwise
 * between 16:00 and 24:00 UTC a form would offer yesterday and the core refuse it.
 */
export function localDate(d = new Date()) {
  const s = new Date(d.getTime() + 480 * 60000);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), or 0. */
export function daysBetween(from, to) {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86400000) : 0;
}

/**
 * Full-width digits, letters and spaces (typed with a Chinese IME) to half-width: the one
 * rule of every typed code, number, date, phone and search (also exported by form.js).
 */
export function toHalfWidth(s) {
  return String(s ?? '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/\u3000/g, ' ');
}

/**
 * Tidy a typed date: "2026/3/1", "2026.3.1", "2026-3-1", "20260301", "2026年3月1日"
 * and full-width digits all become "2026-03-01"; a month without its day
 * ("2023.05", "2023年5月") is its first day, as the import reads it. Empty stays
 * empty. Anything else is returned trimmed, unchanged, for the backend to explain.
 */
export function normalizeDateText(raw) {
  const s = toHalfWidth(raw).trim();
  if (s === '') return '';
  let m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) m = s.match(/^(\d{4})(\d{2})(\d{2})$/);
  const monthOnly = m ? null : s.match(/^(\d{4})\s*(?:[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月)$/);
  if (monthOnly) m = [s, monthOnly[1], monthOnly[2] ?? monthOnly[3], '1'];
  if (!m) return s;
  const [, y, mo, da] = m;
  const month = Number(mo);
  const day = Number(da);
  if (month < 1 || month > 12 || day < 1 || day > 31) return s;
  return `${y}-${pad(month)}-${pad(day)}`;
}

function maskMiddle(s, keepStart, keepEnd) {
  const chars = [...String(s ?? '')];
  if (chars.length <= keepStart + keepEnd) return chars.join('');
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd)
    + chars.slice(chars.length - keepEnd).join('');
}

/** "320102198506121234" → "3201**********1234" (as the backend masks it). */
export function maskIdNumber(s) {
  return maskMiddle(s, 4, 4);
}

/** "13812345678" → "138****5678". */
export function maskPhone(s) {
  return maskMiddle(s, 3, 4);
}
