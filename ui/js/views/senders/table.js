// 报送情况, the table of offices (`#senders-table` in `#senders-host`): every expected
// office and every office that sent, its flags, the latest package and its records per
// kind in columns (under one 记录数 heading). A row on the list offers 移出名单, a row
// not on it 加入应报名单. Data down (update(senders)), actions up (props.onRemove,
// props.onAdd, each given the row and its button).
import { h, clear, cssEscape, loadFailed } from '../../dom.js';
import { oneAtATime } from '../../forms.js';
import {
  senderFlags, senderCells, countColumns, countCell, offerAddToList, dateOnly,
} from '../../logic/senders.js';

/**
 * mountSendersTable(props) → { el, update(senders), busy(), failed() }
 * props: { onRemove(row, button), onAdd(row, button) }
 */
export function mountSendersTable({ onRemove, onAdd }) {
  const el = h('div', { class: 'table-scroll', id: 'senders-host', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在加载…'));

  /** A load has started. */
  function busy() {
    el.setAttribute('aria-busy', 'true');
  }

  /** The load failed: an earlier table stays; else a line saying so. */
  function failed() {
    el.removeAttribute('aria-busy');
    loadFailed(el, '报送情况没有加载成功。');
  }

  function update(senders) {
    el.removeAttribute('aria-busy');
    const rows = Array.isArray(senders.rows) ? senders.rows : [];
    if (!rows.length) {
      clear(el, h('p', { class: 'empty-state', id: 'senders-empty' },
        '还没有应报单位，也还没有收到任何文件。可以在下面添加应报单位，或从 Excel 导入名单。'));
      return;
    }
    const hadFocus = el.contains(document.activeElement) ? document.activeElement?.dataset?.removeExpected : null;
    // Records per kind, a column each (the kinds anyone sent), under one 记录数 heading.
    const kinds = countColumns(rows);
    const two = kinds.length > 0;
    const top = (text, attrs = {}) => h('th', { scope: 'col', rowspan: two ? '2' : null, ...attrs }, text);
    clear(el, h('table', { class: 'data-table senders-table', id: 'senders-table' },
      h('thead', {},
        // 状态 and the action beside the name: the counts may run wide (a scroll).
        h('tr', {},
          top('区划代码'),
          top('单位名称'),
          top('状态'),
          // What the row's button does: on or off the list of offices expected to send.
          top('应报名单'),
          top('最近接收'),
          top('第几次导出'),
          top('导出日期'),
          two ? h('th', { scope: 'colgroup', colspan: String(kinds.length), class: 'counts-head' }, '记录数') : top('记录数')),
        two ? h('tr', {}, kinds.map((k) => h('th', { scope: 'col', class: 'cell-count', 'data-count-kind': k.kind }, k.label))) : null),
      h('tbody', {}, rows.map((row) => senderRow(row, senders, kinds)))));
    if (hadFocus) el.querySelector(`[data-remove-expected="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function senderRow(row, senders, kinds) {
    const c = senderCells(row);
    const flags = senderFlags(row, senders);
    const status = flags.length
      ? flags.map((f) => h('span', { class: ['flag', `flag-${f.tone}`], 'data-flag': f.flag }, f.label))
      : [h('span', { class: 'flag flag-ok', 'data-flag': 'ok' }, '正常')];
    let action = null;
    if (row?.expected) {
      action = h('button', {
        type: 'button', class: 'btn btn-danger btn-small', 'data-remove-expected': c.code,
        'aria-label': `把“${c.name}”移出应报名单`,
      }, '移出名单');
      action.addEventListener('click', () => onRemove(row, action));
    } else if (offerAddToList(row, senders)) {
      action = h('button', {
        type: 'button', class: 'btn btn-secondary btn-small', 'data-add-expected': c.code,
        'aria-label': `把“${c.name}”加入应报名单`,
      }, '加入应报名单');
      action.addEventListener('click', oneAtATime(() => onAdd(row, action)));
    }
    return h('tr', {
      'data-sender-code': c.code,
      class: ['sender-row', row?.sent ? 'is-sent' : 'is-missing', flags.some((f) => f.tone === 'bad') ? 'has-problem' : null],
    },
    h('td', { class: 'cell-nowrap mono' }, c.code),
    h('td', { class: 'cell-name-plain' }, c.name),
    h('td', { class: 'cell-flags' },
      h('div', { class: 'flags' }, status),
      // When and why in a line; the whole message opened on demand (a long one made
      // the row 18 lines tall in this narrow column).
      c.refusal
        ? h('details', { class: 'refusal-note', 'data-refusal': c.code },
          h('summary', {}, `${c.refusal.at} 拒收${c.refusal.reason ? `（${c.refusal.reason}）` : ''}`),
          h('p', {}, c.refusal.message))
        : null,
      // A county's file at a city: which of its townships it lacks (the core says it).
      row?.below?.said
        ? h('p', { class: ['below-note', row.below.missing?.length ? null : 'is-ok'], 'data-below': c.code }, String(row.below.said))
        : null,
      // …and what its townships' own files say: late, or from an older version.
      (Array.isArray(row?.belowNotes) ? row.belowNotes : [])
        .map((note) => h('p', { class: 'below-note', 'data-below-note': c.code }, String(note))),
      // The offices its file carries, each with its own export day and format (probe
      // AK: a city could not open a county to see its townships' dates).
      insideList(row, c.code)),
    h('td', { class: 'cell-actions' }, action),
    h('td', { class: 'cell-time' }, c.receivedAt),
    h('td', { class: 'cell-nowrap' }, c.sequence),
    h('td', { class: 'cell-nowrap' }, c.exported),
    kinds.length
      ? kinds.map((k) => h('td', { class: 'cell-count', 'data-count': k.kind }, countCell(row, k.kind)))
      : h('td', { class: 'cell-counts' }, '—'));
  }

  return { el, update, busy, failed };
}

/** A county's row at a city: 文件里的下级（3 个）, each 青溪街道 · 2026-12-07 导出 · 2.18 格式. */
function insideList(row, code) {
  const inside = Array.isArray(row?.inside) ? row.inside : [];
  if (!inside.length) return null;
  return h('details', { class: 'refusal-note', 'data-inside': code },
    h('summary', {}, `文件里的下级（${inside.length} 个）`),
    h('ul', {}, inside.map((o) => h('li', {},
      [o.name, `${dateOnly(o.exportedAt)} 导出`, o.formatText ? `${o.formatText} 格式` : ''].filter(Boolean).join(' · ')))));
}
