// Change-log presentation logic. Pure: no DOM access.
import { fieldLabel, RECORD_FIELD_LABELS, areaTypeLabel, levelLabel } from './labels.js';
import { kindLabel } from './tree.js';
import { formatDateTime } from './format.js';

const EMPTY = '（空）';

/** Short description of the record a change row is about: its name, else its code, else its id. */
export function changeSummary(row) {
  const rec = row?.after ?? row?.before ?? null;
  if (rec && typeof rec === 'object') {
    if (rec.name) return String(rec.name);
    if (rec.code) return String(rec.code);
  }
  return row?.recordId != null ? `#${row.recordId}` : '';
}

/** One field value as display text. */
export function formatFieldValue(field, value, record) {
  if (value === null || value === undefined || value === '') return EMPTY;
  switch (field) {
    case 'areaType': return areaTypeLabel(value);
    case 'kind': return kindLabel(value, record?.areaType);
    case 'level': return levelLabel(value);
    case 'isDemo': return value ? '是' : '否';
    case 'createdAt':
    case 'updatedAt': return formatDateTime(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

const FIELD_ORDER = Object.keys(RECORD_FIELD_LABELS);

/**
 * Rows for a before/after table:
 * [{ field, label, before, after, changed }], known fields first in a fixed
 * order, then unknown ones alphabetically.
 */
export function diffRows(before, after) {
  const b = before && typeof before === 'object' ? before : null;
  const a = after && typeof after === 'object' ? after : null;
  const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})]);
  const rank = (k) => {
    const i = FIELD_ORDER.indexOf(k);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  const ordered = [...keys].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  return ordered.map((field) => {
    const bv = b ? formatFieldValue(field, b[field], b) : '—';
    const av = a ? formatFieldValue(field, a[field], a) : '—';
    const changed = b !== null && a !== null
      ? JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null)
      : true;
    return { field, label: fieldLabel(field), before: bv, after: av, changed };
  });
}
