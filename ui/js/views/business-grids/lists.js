// 多格合一, what is drawn from the data: the business grids grouped by department
// (按业务网格, a row opens one through props.onSelect) and every base grid with the
// business grids it absorbed (按基础网格). Data down (update(state)), the row choice up.
import { h, clear, cssEscape, thead } from '../../dom.js';
import { idKey, pathTo, pathLabel } from '../../logic/tree.js';
import { businessGridStatus, mappingText, groupByDepartment, baseGridRows, absorbedText } from '../../logic/bizgrids.js';

/** mountGridTable(root, props) → { el, update(state), destroy() }; props: { onSelect(id) }, state: { grids, departments, selectedId } */
export function mountGridTable(root, props) {
  const el = h('div', { class: 'table-scroll', id: 'bg-list' }, h('p', { class: 'loading' }, '正在加载…'));
  root.append(el);
  return { el, update: (state) => drawGrids(el, state, props), destroy: () => el.remove() };
}

/** mountBaseTable(root) → { el, update(state), destroy() }; state: { merges, tree, onlyEmpty } */
export function mountBaseTable(root) {
  const el = h('div', { class: 'table-scroll', id: 'bg-base-list' });
  root.append(el);
  return { el, update: (state) => drawBase(el, state), destroy: () => el.remove() };
}

function drawGrids(listHost, state, props) {
  if (!state.grids.length) {
    clear(listHost, h('p', { class: 'empty-state', id: 'bg-empty' }, '还没有业务网格。点击“新增业务网格”开始录入。'));
    return;
  }
  const body = h('tbody', {});
  for (const g of groupByDepartment(state.grids, state.departments)) {
    body.append(h('tr', { class: 'group-row' }, h('th', { colspan: '4', scope: 'colgroup' }, `${g.department}（${g.grids.length}）`)));
    for (const bg of g.grids) body.append(gridRow(listHost, bg, state, props));
  }
  const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.bgId : null;
  clear(listHost, h('table', { class: 'data-table no-zebra bg-table', id: 'bg-table' },
    thead(['部门', '名称', '对应基础网格', '状态']),
    body));
  if (hadFocus) listHost.querySelector(`tr[data-bg-id="${cssEscape(hadFocus)}"]`)?.focus();
}

function gridRow(listHost, bg, state, props) {
  const id = idKey(bg.id);
  const status = businessGridStatus(bg);
  const tr = h('tr', {
    class: ['bg-row', id === state.selectedId && 'is-selected'], 'data-bg-id': id, tabindex: '0',
    'aria-selected': String(id === state.selectedId),
  },
  h('td', { class: 'cell-nowrap' }, bg.department ?? ''),
  h('td', {}, bg.name ?? ''),
  h('td', { class: 'cell-summary' }, bg.mappings?.length
    ? bg.mappings.map((m) => h('div', { class: m.mergedOn ? 'map-merged' : 'map-pending' }, mappingText(m)))
    : h('span', { class: 'muted' }, '—')),
  h('td', { class: 'cell-nowrap' }, h('span', { class: ['bg-status', `bg-status-${status.key}`] }, status.label)));
  tr.addEventListener('click', () => props.onSelect(id));
  tr.addEventListener('keydown', (e) => {
    if (e.target !== tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect(id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const rows = Array.from(listHost.querySelectorAll('tr[data-bg-id]'));
      const i = rows.indexOf(tr);
      rows[e.key === 'ArrowDown' ? i + 1 : i - 1]?.focus();
    }
  });
  return tr;
}

function drawBase(baseHost, state) {
  const rows = baseGridRows(state.merges, { onlyEmpty: state.onlyEmpty });
  if (!state.merges.length) {
    clear(baseHost, h('p', { class: 'empty-state' }, '还没有基础网格。请先在“组织架构”中建立。'));
    return;
  }
  if (!rows.length) {
    clear(baseHost, h('p', { class: 'empty-state', id: 'bg-base-empty' }, '每个基础网格都已纳入了业务网格。'));
    return;
  }
  clear(baseHost, h('table', { class: 'data-table', id: 'bg-base-table' },
    thead(['基础网格', '编码', '对应的业务网格']),
    h('tbody', {}, rows.map((m) => {
      const gid = idKey(m.baseGridId);
      const path = state.tree.byId.has(gid) ? pathLabel(pathTo(state.tree, gid)) : m.baseGridName;
      return h('tr', { 'data-base-grid-id': gid },
        h('td', {}, path),
        h('td', { class: 'cell-nowrap mono' }, m.baseGridCode ?? ''),
        h('td', {}, (m.absorbed ?? []).length
          ? m.absorbed.map((a) => h('div', { class: a.mergedOn ? 'map-merged' : 'map-pending' }, absorbedText(a)))
          : h('span', { class: 'muted' }, '还没有纳入业务网格')));
    }))));
}
