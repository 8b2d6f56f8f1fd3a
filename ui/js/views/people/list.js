// 人员名单, the list: the filter choices (村/社区, 网格/小区, 政治面貌) and the sortable
// paged table with masked ID numbers and phones (显示 reveals one cell). Draws from the
// screen's state (cx.st); a row opens through cx.openPerson, a sort reloads through cx.loadList.
import { h, clear } from '../../dom.js';
import { idKey } from '../../logic/tree.js';
import {
  COLUMNS, toggleSort, sortIndicator, ariaSort, pageCount, pageText, villageOptions, unitFilterOptions,
} from '../../logic/people.js';

export function peopleList(cx) {
  const { st, api } = cx;
  const { village, unit, political, pageInfo, prev, next, tableHost, empty, search } = cx.els;
  const loadList = (o) => cx.loadList(o);
  const openPerson = (id) => cx.openPerson(id);
  const failReading = (e) => cx.failReading(e);

  function fillVillageFilter() {
    const opts = villageOptions(st.tree);
    clear(village, h('option', { value: '' }, '全部村/社区'), opts.map((o) => h('option', { value: o.id }, o.label)));
    village.value = opts.some((o) => o.id === st.list.villageId) ? st.list.villageId : '';
  }

  function fillUnitFilter() {
    const opts = unitFilterOptions(st.tree, st.list.villageId);
    clear(unit, h('option', { value: '' }, '全部网格/小区'), opts.map((o) => h('option', { value: o.id }, o.label)));
    unit.value = opts.some((o) => o.id === st.list.unitId) ? st.list.unitId : '';
  }

  function fillPoliticalFilter() {
    clear(political, h('option', { value: '' }, '全部政治面貌'),
      (st.options.politicalStatuses ?? []).map((p) => h('option', { value: p }, p)));
    political.value = st.list.politicalStatus ?? '';
  }

  function renderTable(focusSort) {
    const page = st.page;
    const total = page.total;
    pageInfo.textContent = pageText(st.list.page, total);
    prev.disabled = st.list.page <= 0;
    next.disabled = st.list.page >= pageCount(total) - 1;
    if (!page.rows.length) {
      clear(tableHost);
      empty.textContent = '没有符合条件的人员';
      empty.hidden = false;
      return;
    }
    empty.hidden = true;
    const headRow = h('tr', {}, COLUMNS.map((c) => {
      if (!c.sort) return h('th', { scope: 'col', class: `col-${c.key}` }, c.label);
      const ind = sortIndicator(st.list, c.sort);
      return h('th', { scope: 'col', class: `col-${c.key}`, 'aria-sort': ariaSort(st.list, c.sort) },
        h('button', {
          type: 'button', class: ['sort-btn', ind && 'is-sorted'], 'data-sort': c.sort,
          title: `按${c.label}排序`,
          onClick: () => {
            st.list = toggleSort(st.list, c.sort);
            loadList({ focusSort: c.sort });
          },
        }, c.label, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, ind || '↕')));
    }));
    const body = h('tbody', {}, page.rows.map((row) => personRow(row)));
    clear(tableHost, h('table', { class: 'data-table people-table', id: 'people-table' }, h('thead', {}, headRow), body));
    if (focusSort) tableHost.querySelector(`[data-sort="${focusSort}"]`)?.focus();
  }

  function personRow(row) {
    const id = idKey(row.id);
    const cells = COLUMNS.map((c) => {
      if (c.masked) return maskedCell(row, c.key);
      if (c.key === 'name') return h('td', { class: 'cell-name' }, row.name ?? '');
      if (c.key === 'published') {
        return h('td', { class: 'cell-center' }, row.published
          ? h('span', { class: 'pub-tag is-on', title: '已公示' }, '是')
          : h('span', { class: 'pub-tag', title: '未公示' }, '否'));
      }
      if (c.key === 'status') {
        return h('td', { class: 'cell-nowrap' }, h('span', { class: ['status-tag', row.status === '离岗' ? 'is-left' : 'is-active'] }, row.status ?? ''));
      }
      const cls = c.key === 'gender' || c.key === 'birthDate' || c.key === 'politicalStatus' ? 'cell-nowrap' : null;
      return h('td', { class: cls }, row[c.key] ?? '');
    });
    const tr = h('tr', {
      class: 'person-row', 'data-person-id': id, tabindex: '0',
      'aria-label': `${row.name ?? ''}，按 Enter 打开`,
    }, cells);
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button, a, input')) return;
      openPerson(id);
    });
    tr.addEventListener('keydown', (e) => {
      if (e.target !== tr) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        openPerson(id);
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        tr.nextElementSibling?.focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (tr.previousElementSibling ?? search).focus();
      }
    });
    return tr;
  }

  function maskedCell(row, field) {
    const id = idKey(row.id);
    const key = `${id}|${field}`;
    const value = h('span', { class: 'masked-value' }, st.revealed.get(key) ?? row[field] ?? '');
    const label = field === 'idNumber' ? '身份证号码' : '手机号码';
    const btn = h('button', {
      type: 'button', class: 'btn btn-link btn-small reveal-btn', 'data-reveal': field,
      'aria-pressed': String(st.revealed.has(key)),
      'aria-label': `${st.revealed.has(key) ? '隐藏' : '显示'}${row.name ?? ''}的完整${label}`,
    }, st.revealed.has(key) ? '隐藏' : '显示');
    btn.addEventListener('click', async (e) => {
      e.stopPropagation();
      if (st.revealed.has(key)) {
        st.revealed.delete(key);
        value.textContent = row[field] ?? '';
        value.classList.remove('is-revealed');
        btn.textContent = '显示';
        btn.setAttribute('aria-pressed', 'false');
        btn.setAttribute('aria-label', `显示${row.name ?? ''}的完整${label}`);
        return;
      }
      btn.disabled = true;
      const token = st.loadToken;
      try {
        const full = await api.revealPersonField(id, field);
        // The list was reloaded meanwhile: the number must not outlive the row it was asked for.
        if (st.disposed || token !== st.loadToken) return;
        st.revealed.set(key, String(full ?? ''));
        value.textContent = String(full ?? '');
        value.classList.add('is-revealed');
        btn.textContent = '隐藏';
        btn.setAttribute('aria-pressed', 'true');
        btn.setAttribute('aria-label', `隐藏${row.name ?? ''}的完整${label}`);
      } catch (err) {
        if (!st.disposed) failReading(err);
      } finally {
        btn.disabled = false;
      }
    });
    return h('td', { class: ['cell-masked', `cell-${field}`] }, value, btn);
  }

  return { fillVillageFilter, fillUnitFilter, fillPoliticalFilter, renderTable };
}
