// Row selection for batch actions on a list (批量操作, issue 14): pure and data
// only. A selection is { ids: [id] in the order ticked, anchor (the last row clicked
// without Shift), key (the filter it was made under), all (every row matching the
// filter was selected at once) }. Click toggles a row; Shift-click sets the rows from
// the anchor to the clicked one as the clicked one now is; 全选 takes every id the
// filter matches (not just the page); a change of filter clears it (rows out of view
// must not be changed by surprise). The confirmation and result texts are here too.

/** A selection made under `key` (see filterKey), empty. */
export function emptySelection(key = '') {
  return { ids: [], anchor: null, key, all: false };
}

export function isSelected(sel, id) {
  return sel.ids.includes(String(id));
}

export const selectedCount = (sel) => sel.ids.length;

/**
 * A click on row `id` of the rows shown (`visible`, in order). With `shift` and an
 * anchor among them: every row between the anchor and `id` (both included) takes the
 * state `id` gets (ticked when it was not). Otherwise `id` alone is toggled and
 * becomes the anchor.
 */
export function toggleRow(sel, id, visible, { shift = false } = {}) {
  const key = String(id);
  const rows = visible.map(String);
  const on = !isSelected(sel, key);
  const from = sel.anchor == null ? -1 : rows.indexOf(sel.anchor);
  const to = rows.indexOf(key);
  if (shift && from >= 0 && to >= 0) {
    const [a, b] = from <= to ? [from, to] : [to, from];
    return setRows(sel, rows.slice(a, b + 1), on, sel.anchor);
  }
  return setRows(sel, [key], on, key);
}

/** Tick (on) or untick the given rows; the anchor as given. */
export function setRows(sel, ids, on, anchor = sel.anchor) {
  const keys = ids.map(String);
  let next;
  if (on) {
    next = sel.ids.slice();
    for (const k of keys) if (!next.includes(k)) next.push(k);
  } else {
    const drop = new Set(keys);
    next = sel.ids.filter((k) => !drop.has(k));
  }
  return { ...sel, ids: next, anchor, all: false };
}

/** 全选: every id matching the filter (all pages), as the list orders them. */
export function selectAllMatching(sel, allIds) {
  return { ...sel, ids: [...new Set(allIds.map(String))], all: true };
}

/** The header checkbox of the rows shown: 'all', 'some' or 'none' of them ticked. */
export function pageState(sel, visible) {
  if (!visible.length) return 'none';
  const n = visible.filter((id) => isSelected(sel, id)).length;
  if (n === 0) return 'none';
  return n === visible.length ? 'all' : 'some';
}

/**
 * What the selection is made under: the query without paging and order (so turning
 * a page or sorting keeps what is ticked, another filter does not).
 */
export function filterKey(query) {
  const q = { ...(query ?? {}) };
  for (const k of ['page', 'pageSize', 'sort', 'descending', 'nameOrder', 'focusSort']) delete q[k];
  return JSON.stringify(Object.keys(q).sort().map((k) => [k, q[k] ?? '']));
}

/** The selection as it stands under the filter `key`: cleared when the filter changed. */
export function underFilter(sel, key) {
  return sel.key === key ? sel : emptySelection(key);
}

/** Keep only ids still listed (after a reload that removed some). */
export function keepListed(sel, listed) {
  const have = new Set(listed.map(String));
  const ids = sel.ids.filter((k) => have.has(k));
  return ids.length === sel.ids.length ? sel : { ...sel, ids, all: false };
}

/** "已选 10 人": `measure` is how the kind is counted (人, 件, 个; 项 by default). */
export function selectionText(n, measure = '项') {
  return `已选 ${n} ${measure}`;
}

/** 全选 offer: "选择全部符合条件的 58 人" (only when more match than are ticked). */
export function selectAllText(total, measure = '项') {
  return `选择全部符合条件的 ${total} ${measure}`;
}

/**
 * The confirmation of a batch: how many records and what changes.
 * `noun` is the kind counted: { measure: '名', name: '网格员' }.
 * args: the action's fields plus their shown names (unitName, parentName, departmentName).
 */
export function confirmText(action, n, noun, args = {}) {
  const what = `${n} ${noun.measure}${noun.name}`;
  const on = args.date ? `，日期 ${args.date}` : '';
  switch (action) {
    case 'peopleLeave': return `将 ${what}标记为离岗${on}。`;
    case 'peopleReturn': return `将 ${what}标记为复岗（在岗）${on}。`;
    case 'peopleReassign': return args.unitName ? `将 ${what}调到“${args.unitName}”${on}。` : `将 ${what}调岗${on}：请选择调到哪里。`;
    case 'peoplePublish': {
      const already = Number(args.already) > 0
        ? `其中 ${Number(args.already)} ${noun.measure}已${args.published ? '是公示' : '不公示'}，不会改动。`
        : '';
      return (args.published ? `将 ${what}设为公示${on}。` : `取消 ${what}的公示${on}。`) + already;
    }
    case 'followUpsDone': return `将 ${what}标记为办结${on}。`;
    case 'unitsMove': return `将 ${what}移到“${args.parentName ?? ''}”下。`;
    case 'unitsDelete':
    case 'dutyItemsDelete': return `删除 ${what}，删除后可在回收站恢复。`;
    case 'demandsAssign': return `将 ${what}交办给“${args.departmentName ?? ''}”${on}。`;
    default: return `对 ${what}执行批量操作。`;
  }
}

/**
 * Who a batch touches, by name, under its confirmation: "涉及：张伟、李娜、王芳等 10 名网格员。"
 * `names` are the ones known on screen (a select-all may reach rows on other pages);
 * at most `max` are listed. '' when none is known.
 */
export function whoText(names, n, noun, max = 8) {
  const known = (names ?? []).map((x) => String(x ?? '').trim()).filter(Boolean);
  if (!known.length) return '';
  const shown = known.slice(0, max).join('、');
  const rest = n > Math.min(known.length, max) ? `等 ${n} ${noun.measure}${noun.name}` : '';
  return `涉及：${shown}${rest}。`;
}

/** The toast after a batch: what changed, what was already so, where to undo. */
export function outcomeText(outcome, noun) {
  const changed = Number(outcome?.changed) || 0;
  const unchanged = Number(outcome?.unchanged) || 0;
  const measure = noun?.measure ?? '项';
  const done = outcome?.action === '删除' ? '已删除' : '已修改';
  const parts = [`批量${outcome?.action ?? '操作'}完成：${changed} ${measure}${done}`];
  if (unchanged) parts.push(`${unchanged} ${measure}原本如此，未改动`);
  const undo = outcome?.undo === '回收站' ? '可在回收站恢复。' : '每条修改都记在变更记录中。';
  return `${parts.join('，')}。${undo}`;
}
