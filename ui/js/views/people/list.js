// 人员名单, the list: the filter choices (村/社区, 网格/小区, 政治面貌) and the sortable
// paged table with masked ID numbers and phones (显示 reveals one cell, until the list
// is drawn anew). Data down (update(state)), actions up (props.onOpen, onSort, onPage).
import { h, clear, cssEscape } from '../../dom.js';
import { idKey } from '../../logic/tree.js';
import {
  COLUMNS, sortIndicator, ariaSort, pageCount, pageText, villageOptions, unitFilterOptions, PAGE_SIZES, listPageSize, NAME_ORDERS, publishedTag,
} from '../../logic/people.js';

/** Fill a filter select with its choices, keeping `value` while it is still one of them. */
function fill(select, all, options, value) {
  clear(select, h('option', { value: '' }, all), options.map((o) => h('option', { value: o.id }, o.label)));
  select.value = options.some((o) => o.id === value) ? value : '';
}

export const fillVillageFilter = (select, tree, value) => fill(select, '全部村/社区', villageOptions(tree), value);
export const fillUnitFilter = (select, tree, villageId, value) => fill(select, '全部网格/小区', unitFilterOptions(tree, villageId), value);
export const fillPoliticalFilter = (select, statuses, value) => fill(select, '全部政治面貌', (statuses ?? []).map((p) => ({ id: p, label: p })), value ?? '');

/**
 * mountPeopleTable(root, props) → { el, update(state), busy(on), failed(), rowOf(id), destroy() }
 * props: { api, onOpen(id), onSort(sort), onPage(page), onTop(), onRevealError(e),
 *   selection (views/selection.js: the checkbox column; batch actions), selectionKey() (the filter it is made under) }
 * state: { page: { rows, total }, list (the list state: page, sort …), focusSort }
 */
export function mountPeopleTable(root, props) {
  const tableHost = h('div', { class: 'table-scroll', id: 'people-table-host' });
  const empty = h('p', { class: 'empty-state', id: 'people-empty', hidden: true });
  const prev = h('button', { id: 'people-prev', type: 'button', class: 'btn btn-secondary', disabled: true }, '上一页');
  const next = h('button', { id: 'people-next', type: 'button', class: 'btn btn-secondary', disabled: true }, '下一页');
  const pageInfo = h('span', { id: 'people-page', class: 'page-info', 'aria-live': 'polite' });
  const sizeSelect = h('select', { id: 'people-page-size', 'aria-label': '每页行数' },
    PAGE_SIZES.map((p) => h('option', { value: String(p.size) }, p.label)));
  const orderSelect = h('select', { id: 'people-name-order', 'aria-label': '姓名排序' },
    NAME_ORDERS.map((o) => h('option', { value: o.value }, o.label)));
  const pager = h('div', { class: 'pager' }, prev, pageInfo, next, sizeSelect, orderSelect);
  root.append(tableHost, empty, pager);
  let st = { page: { rows: [], total: 0 }, list: { page: 0 } };
  let revealed = new Map(); // `${id}|${field}` → full value, for the rows drawn now
  let generation = 0;
  prev.addEventListener('click', () => props.onPage(st.list.page - 1));
  next.addEventListener('click', () => props.onPage(st.list.page + 1));
  sizeSelect.addEventListener('change', () => props.onPageSize?.(Number(sizeSelect.value)));
  orderSelect.addEventListener('change', () => props.onNameOrder?.(orderSelect.value));

  function update(state) {
    st = state;
    generation += 1;
    revealed = new Map(); // full numbers never outlive the rows they were revealed in
    tableHost.removeAttribute('aria-busy');
    renderTable(state.focusSort);
  }

  function renderTable(focusSort) {
    const page = st.page;
    const total = page.total;
    const size = listPageSize(st.list);
    sizeSelect.value = String(size);
    orderSelect.value = st.list.nameOrder === 'strokes' ? 'strokes' : 'pinyin';
    pageInfo.textContent = pageText(st.list.page, total, size);
    prev.disabled = st.list.page <= 0;
    next.disabled = st.list.page >= pageCount(total, size) - 1;
    if (!page.rows.length) {
      clear(tableHost);
      empty.textContent = '没有符合条件的人员';
      empty.hidden = false;
      props.selection?.update({ visible: [], total, key: props.selectionKey?.(), root: tableHost });
      return;
    }
    empty.hidden = true;
    const headRow = h('tr', {}, props.selection?.headCell() ?? null, COLUMNS.map((c) => {
      if (!c.sort) return h('th', { scope: 'col', class: `col-${c.key}` }, c.label);
      const ind = sortIndicator(st.list, c.sort);
      return h('th', { scope: 'col', class: `col-${c.key}`, 'aria-sort': ariaSort(st.list, c.sort) },
        h('button', {
          type: 'button', class: ['sort-btn', ind && 'is-sorted'], 'data-sort': c.sort,
          title: `按${c.label}排序`,
          onClick: () => {
            props.onSort(c.sort);
          },
        }, c.label, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, ind || '↕')));
    }));
    const body = h('tbody', {}, page.rows.map((row) => personRow(row)));
    clear(tableHost, h('table', { class: 'data-table people-table', id: 'people-table' }, h('thead', {}, headRow), body));
    props.selection?.update({
      visible: page.rows.map((r) => idKey(r.id)), total, key: props.selectionKey?.(), root: tableHost,
    });
    if (focusSort) tableHost.querySelector(`[data-sort="${focusSort}"]`)?.focus();
  }

  function personRow(row) {
    const id = idKey(row.id);
    const cells = COLUMNS.map((c) => {
      if (c.masked) return maskedCell(row, c.key);
      if (c.key === 'name') return h('td', { class: 'cell-name' }, row.name ?? '');
      if (c.key === 'published') {
        const tag = publishedTag(row);
        return h('td', { class: 'cell-center' }, h('span', { class: ['pub-tag', tag.on && 'is-on', tag.warn && 'is-warn'], title: tag.title }, tag.text));
      }
      if (c.key === 'status') {
        return h('td', { class: 'cell-nowrap' }, h('span', {
          class: ['status-tag', row.status === '离岗' ? 'is-left' : 'is-active'],
          title: row.leftDate ? `${row.leftDate} 离岗` : null,
        }, row.status ?? ''));
      }
      if (c.key === 'roles') {
        // A role never broken inside (网格员（专 / 职） at 1024), only between roles.
        const roles = String(row.roles ?? '').split('、').filter((x) => x.trim());
        return h('td', { class: 'cell-roles' }, roles.length
          ? roles.map((r, i) => h('span', { class: 'cell-nowrap' }, i < roles.length - 1 ? `${r}、` : r))
          : '—');
      }
      const cls = c.key === 'gender' || c.key === 'birthDate' || c.key === 'politicalStatus' ? 'cell-nowrap' : null;
      // An empty cell says so (—), as the other lists do.
      return h('td', { class: cls }, String(row[c.key] ?? '').trim() || '—');
    });
    const tr = h('tr', {
      class: 'person-row', 'data-person-id': id, tabindex: '0',
      'aria-label': `${row.name ?? ''}，按 Enter 打开`,
    }, props.selection?.rowCell(id, row.name) ?? null, cells);
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button, a, input')) return;
      props.onOpen(id);
    });
    tr.addEventListener('keydown', (e) => {
      if (e.target !== tr) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        props.onOpen(id);
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        tr.nextElementSibling?.focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (tr.previousElementSibling) tr.previousElementSibling.focus();
        else props.onTop();
      }
    });
    return tr;
  }

  function maskedCell(row, field) {
    const id = idKey(row.id);
    const key = `${id}|${field}`;
    const value = h('span', { class: 'masked-value' }, revealed.get(key) ?? row[field] ?? '');
    const label = field === 'idNumber' ? '身份证号码' : '手机号码';
    const btn = h('button', {
      type: 'button', class: 'btn btn-link btn-small reveal-btn', 'data-reveal': field,
      'aria-pressed': String(revealed.has(key)),
      'aria-label': `${revealed.has(key) ? '隐藏' : '显示'}${row.name ?? ''}的完整${label}`,
    }, revealed.has(key) ? '隐藏' : '显示');
    btn.addEventListener('click', async (e) => {
      e.stopPropagation();
      if (revealed.has(key)) {
        revealed.delete(key);
        value.textContent = row[field] ?? '';
        value.classList.remove('is-revealed');
        btn.textContent = '显示';
        btn.setAttribute('aria-pressed', 'false');
        btn.setAttribute('aria-label', `显示${row.name ?? ''}的完整${label}`);
        return;
      }
      btn.disabled = true;
      const token = generation;
      try {
        const full = await props.api.revealPersonField(id, field);
        // The list was reloaded meanwhile: the number must not outlive the row it was asked for.
        if (token !== generation) return;
        revealed.set(key, String(full ?? ''));
        value.textContent = String(full ?? '');
        value.classList.add('is-revealed');
        btn.textContent = '隐藏';
        btn.setAttribute('aria-pressed', 'true');
        btn.setAttribute('aria-label', `隐藏${row.name ?? ''}的完整${label}`);
      } catch (err) {
        if (token === generation) props.onRevealError(err);
      } finally {
        btn.disabled = false;
      }
    });
    return h('td', { class: ['cell-masked', `cell-${field}`] }, value, btn);
  }


  return {
    el: tableHost,
    update,
    busy: (on) => { if (on) tableHost.setAttribute('aria-busy', 'true'); else tableHost.removeAttribute('aria-busy'); },
    /** The list could not be loaded: say so unless a table is still shown. */
    failed() {
      tableHost.removeAttribute('aria-busy');
      if (!tableHost.querySelector('table')) {
        empty.textContent = '人员名单没有加载成功。';
        empty.hidden = false;
      }
    },
    rowOf: (id) => tableHost.querySelector(`tr[data-person-id="${cssEscape(id)}"]`),
    first: () => tableHost.querySelector('tr[data-person-id]'),
    destroy: () => { tableHost.remove(); empty.remove(); pager.remove(); },
  };
}
