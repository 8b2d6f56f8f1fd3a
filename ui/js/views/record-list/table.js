// The table of a record list: a row per record (`tr[data-<name>-id]`, the open one
// .is-selected), its columns, ↑/↓ and Enter, the empty line. Data down (update), the
// chosen record up (props.onOpen).
import { h, clear, cssEscape, thead } from '../../dom.js';
import { bindRowKeys } from '../../forms.js';

/**
 * mountRecordTable(root, props) → { el, update(state), busy(), failed(text), rowOf(key), first(), destroy() }
 * props: { spec (tableId, tableClass, hostId, columns, rowLabel, rowHint, rowClass, rowAttrs, emptyText),
 *   attr (the row's id attribute), keyOf(record), onOpen(record), onTop(),
 *   selection (views/selection.js: a tick box on each row, told the rows drawn) }
 * state: { records, selectedKey, emptyText? (instead of spec.emptyText, e.g. none in the chosen 期间) }
 */
export function mountRecordTable(root, {
  spec, attr, keyOf, onOpen, onTop, selection = null,
}) {
  const el = h('div', {
    class: 'table-scroll', id: spec.hostId ?? `${spec.tableId}-host`, 'aria-busy': 'true',
  }, h('p', { class: 'loading' }, '正在加载…'));
  root.append(el);

  function update({ records, selectedKey, emptyText }) {
    el.removeAttribute('aria-busy');
    const ids = records.map((r) => String(keyOf(r)));
    const drawn = () => selection?.update({
      visible: ids, total: ids.length, key: ids.join('\u001f'), root: el, listed: ids,
    });
    if (!records.length) {
      drawn();
      clear(el, h('p', { class: 'empty-state', id: spec.tableId.replace(/-table$/, '-empty') },
        emptyText ?? (typeof spec.emptyText === 'function' ? spec.emptyText() : spec.emptyText)));
      return;
    }
    const hadFocus = el.contains(document.activeElement)
      ? document.activeElement?.closest?.(`tr[${attr}]`)?.getAttribute(attr) : null;
    clear(el, h('table', { class: ['data-table', 'record-table', spec.tableClass], id: spec.tableId },
      thead(selection?.headCell() ?? null, spec.columns.map((c) => ({ text: c.title, class: c.class, ...(c.headAttrs ?? {}) }))),
      h('tbody', {}, records.map((r) => row(r, selectedKey)))));
    drawn();
    if (hadFocus) el.querySelector(`tr[${attr}="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function row(r, selectedKey) {
    const id = keyOf(r);
    const selected = selectedKey != null && selectedKey === id;
    const tr = h('tr', {
      class: ['record-row', selected && 'is-selected', spec.rowClass?.(r)], [attr]: id, tabindex: '0',
      'aria-selected': String(selected), 'aria-label': `${spec.rowLabel(r)}，${spec.rowHint ?? '按 Enter 打开'}`, ...(spec.rowAttrs?.(r) ?? {}),
    }, selection?.rowCell(id, spec.rowLabel(r)) ?? null,
    spec.columns.map((c) => h('td', { class: c.cellClass ?? c.class, ...(c.attrs?.(r) ?? {}) }, c.cell(r))));
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button, a, input, select, textarea')) return;
      onOpen(r);
    });
    bindRowKeys(tr, () => onOpen(r), { root: el, selector: `tr[${attr}]`, onTop });
    return tr;
  }

  return {
    el,
    update,
    busy: () => el.setAttribute('aria-busy', 'true'),
    /** The records could not be loaded: say so unless a table is still shown. */
    failed(text) {
      el.removeAttribute('aria-busy');
      if (!el.querySelector('table')) clear(el, h('p', { class: 'empty-state' }, text));
    },
    rowOf: (key) => (key ? el.querySelector(`tr[${attr}="${cssEscape(key)}"]`) : null),
    first: () => el.querySelector(`tr[${attr}]`),
    destroy: () => el.remove(),
  };
}
