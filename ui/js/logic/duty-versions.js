// 减负 › 清单版本 (issue 15 item 1): what the versions screen says about a list's
// versions, a diff's rows (新增, 删除, 表述修改) and the publish form's parsing. Pure.
import { parseDateField, text } from './fields.js';

const list = (x) => (Array.isArray(x) ? x : []);

/** { added, removed, reworded } → "新增 1 项、删除 2 项、表述修改 0 项" ('' when null). */
export function changesText(c) {
  if (!c) return '';
  return `新增 ${c.added ?? 0} 项、删除 ${c.removed ?? 0} 项、表述修改 ${c.reworded ?? 0} 项`;
}

/** Whether a diff (or its counts) changes anything. */
export function hasChanges(d) {
  return list(d?.added).length + list(d?.removed).length + list(d?.reworded).length > 0;
}

/** The current version's line of a list: "当前版本 2026版（2026-03-01 发布，3 项）". */
export function currentText(versions, listKey) {
  const v = list(versions).find((x) => x.list === listKey && x.current);
  return v ? `当前版本 ${v.version}（${v.publishedOn} 发布，${v.items} 项）` : '尚未发布版本';
}

/**
 * What publishing a list now would do, against its current version: "与当前版本相比：新增
 * 2 项、…", "与当前版本相同。", or, before its first version, "首次发布将收入 46 项。".
 */
export function pendingText(versions, listKey, pending) {
  const first = !list(versions).some((x) => x.list === listKey && x.current);
  if (first) return list(pending?.added).length ? `首次发布将收入 ${list(pending.added).length} 项。` : '清单里还没有事项。';
  if (!hasChanges(pending)) return '与当前版本相同。';
  return `与当前版本相比：${changesText({
    added: list(pending?.added).length, removed: list(pending?.removed).length, reworded: list(pending?.reworded).length,
  })}`;
}

const itemText = (i) => `${i?.number ? `${i.number}. ` : ''}${i?.name ?? ''}`;

/** A Diff → rows [{ kind, label, item, detail }] in the order 新增, 删除, 表述修改. */
export function diffRows(d) {
  return [
    ...list(d?.added).map((i) => ({ kind: 'added', label: '新增', item: itemText(i), detail: '' })),
    ...list(d?.removed).map((i) => ({ kind: 'removed', label: '删除', item: itemText(i), detail: '' })),
    ...list(d?.reworded).map((r) => ({
      kind: 'reworded',
      label: '表述修改',
      item: itemText(r.after),
      detail: `${list(r.changed).join('、')}有改动${r.before?.name !== r.after?.name ? `（原为“${r.before?.name ?? ''}”）` : ''}`,
    })),
  ];
}

/** The publish form → { ok, input } or { ok: false, error: { field, message } }. */
export function parsePublishForm(v) {
  const input = {
    list: text(v?.list), version: text(v?.version), publishedOn: text(v?.publishedOn), note: text(v?.note),
  };
  if (!input.list) return { ok: false, error: { field: 'list', message: '请选择清单。' } };
  if (!input.version) return { ok: false, error: { field: 'version', message: '请填写版本号。' } };
  // A typed date (2026/3/1, 2026年3月1日) is tidied to 2026-03-01; a wrong one says how to write it.
  const on = parseDateField(input.publishedOn, 'publishedOn', '发布日期', { required: true });
  if (!on.ok) return on;
  return { ok: true, input: { ...input, publishedOn: on.value } };
}

/** A catalogue item's last column: 牵头部门 (配合), 收回部门 and date (收回), else 乡镇职责. */
export function catalogueNote(listKey, i) {
  if (listKey === 'assisting') return i?.leadDepartment ? `牵头：${i.leadDepartment}` : '';
  if (listKey === 'taken_back') return [i?.takenBackBy, i?.takenBackOn ? `${i.takenBackOn} 收回` : ''].filter(Boolean).join(' ');
  return i?.townshipRole ?? '';
}

/**
 * The version number to offer for a list's next version: the current one's last
 * number raised by one ("2025版" → "2026版", "第3版" → "第4版"; a year behind
 * `today`'s becomes this year), "<year>版" when the list has none yet, and the
 * current one with "（修订）" when it has no number.
 */
export function nextVersion(versions, listKey, today) {
  const year = Number(String(today ?? '').slice(0, 4)) || new Date().getFullYear();
  const v = list(versions).find((x) => x.list === listKey && x.current)?.version;
  if (!v) return `${year}版`;
  // Named by its day (2025-06-01): the next is today's (probe AF: 2025-06-2).
  const day = String(v).match(/^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(\D*)$/);
  const todayText = String(today ?? '').slice(0, 10);
  if (day && /^\d{4}-\d{2}-\d{2}$/.test(todayText)) {
    const was = `${day[1]}-${day[2].padStart(2, '0')}-${day[3].padStart(2, '0')}`;
    if (was < todayText) return `${todayText}${day[4]}`;
  }
  const m = String(v).match(/^(.*?)(\d+)(\D*)$/);
  if (!m) return `${v}（修订）`;
  const n = Number(m[2]);
  const next = m[2].length === 4 && n >= 1990 && n < year ? year : n + 1;
  // 第09版 → 第10版: as many digits as it had.
  return `${m[1]}${String(next).padStart(m[2].length, '0')}${m[3]}`;
}
