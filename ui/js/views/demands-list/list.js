// 诉求 › 诉求, the list side: 登记诉求, Excel, the counts (收到, 已交办, 已办结, 按期办结,
// 逾期, 回访满意), the filters (状态, 层级, 承办部门, 来源, search, 只看逾期), the 期间
// control (全部 / 年度 / 季度 / 月 / 自定义 by 受理日期, `#demand-period`) and the table
// with overdue ones marked 已逾期 in red. Data down, actions up.
import { h, clear, cssEscape, labelled, thead, loadFailed } from '../../dom.js';
import { bindRowKeys, bindSearchBox } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { demandCells, demandYears, isFiltered } from '../../logic/demands.js';
import { labelOf } from '../../logic/labels.js';
import { excelTools } from '../excel-tools.js';
import { periodControl } from '../../period-control.js';
import { statusBadge } from '../workflow.js';
import { exportListInfo } from '../../logic/importing.js';

/**
 * mountDemandTable(root, props) → { el, update(state), stats(text), focusDemand(id), focusNew(), destroy() }
 * props: { api, toast, onError, onOpen(id), onCreate(), onFilter(key, value) (key 'period': the 期间 text), onSearch(text), onImported(),
 *   selection (views/selection.js: ticked rows for 批量交办) }
 * state: { demands, choices, departments, filters, years: Set, loading, failed }
 */
export function mountDemandTable(root, props) {
  let state = null;
  const newBtn = h('button', { id: 'demand-new', type: 'button', class: 'btn btn-primary' }, '登记诉求');
  const stats = h('p', { class: 'counts-line demand-stats', id: 'demand-stats', role: 'status' }, '正在统计…');
  const statusSel = h('select', { id: 'demand-filter-status', 'aria-label': '状态' });
  const levelSel = h('select', { id: 'demand-filter-level', 'aria-label': '办理层级' });
  const deptSel = h('select', { id: 'demand-filter-department', 'aria-label': '承办部门' });
  const sourceSel = h('select', { id: 'demand-filter-source', 'aria-label': '来源' });
  const period = periodControl({ id: 'demand-period', all: true, title: '期间', onChange: (text) => props.onFilter('period', text) });
  const overdueBox = h('input', { type: 'checkbox', id: 'demand-overdue-only' });
  const search = h('input', {
    id: 'demand-search', type: 'search', class: 'filter demand-search', autocomplete: 'off',
    placeholder: '搜索诉求、反映人或类别', 'aria-label': '搜索诉求、反映人或类别',
  });
  const summary = h('p', { class: 'hint', id: 'demands-summary', role: 'status' });
  const listHost = h('div', { class: 'table-scroll', id: 'demands-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const pane = h('div', { id: 'demand-list-pane' },
    h('div', { class: 'toolbar toolbar-spread' },
      newBtn,
      excelTools({
        api: props.api, toast: props.toast, onError: props.onError, prefix: 'demands', exportKind: 'demands',
        period: () => ({ text: period.value(), label: period.label() }),
        imports: [{ kind: 'demands' }],
        onImported: () => props.onImported(),
      })),
    stats,
    h('div', { class: 'list-period-row' }, period.el),
    h('div', { class: 'people-filters' },
      search, labelled('状态', statusSel), labelled('层级', levelSel), labelled('承办部门', deptSel), labelled('来源', sourceSel),
      h('span', { class: 'checkbox-row' }, overdueBox, h('label', { for: 'demand-overdue-only' }, '只看逾期'))),
    summary,
    props.selection?.bar ?? null,
    listHost);
  root.append(pane);

  newBtn.addEventListener('click', () => props.onCreate());
  for (const [el, key] of [[statusSel, 'status'], [levelSel, 'level'], [deptSel, 'departmentId'], [sourceSel, 'source']]) {
    el.addEventListener('change', () => props.onFilter(key, el.value));
  }
  overdueBox.addEventListener('change', () => props.onFilter('overdueOnly', overdueBox.checked));
  const stopSearch = bindSearchBox(search, {
    search: (text) => props.onSearch(text),
    first: () => listHost.querySelector('tr[data-demand-id]'),
  });

  function fill(sel, all, options, value) {
    clear(sel, h('option', { value: '' }, all), options.map((o) => h('option', { value: o.value }, o.label)));
    sel.value = value;
  }

  function update(next) {
    state = next;
    const { choices, filters: f } = state;
    fill(statusSel, '全部状态', choices.statuses, f.status);
    fill(levelSel, '全部层级', choices.levels, f.level);
    fill(deptSel, '全部部门', state.departments.map((d) => ({
      value: idKey(d.id), label: `${d.name ?? ''}（${d.levelLabel || labelOf(d.level, choices.levels)}）`,
    })), f.departmentId);
    fill(sourceSel, '全部来源', choices.sources, f.source);
    period.offerYears(demandYears(new Date().getFullYear(), [...state.years].map((y) => ({ receivedOn: `${y}-01-01` }))));
    if (state.loading) {
      listHost.setAttribute('aria-busy', 'true');
      return;
    }
    listHost.removeAttribute('aria-busy');
    if (state.failed) {
      loadFailed(listHost, '诉求没有加载成功。');
      return;
    }
    renderTable();
  }

  function renderTable() {
    const { demands, choices } = state;
    const overdue = demands.filter((d) => demandCells(d).overdue).length;
    const when = state.filters.period ? `${period.label()}（按${exportListInfo('demands').periodBy}）` : '';
    summary.textContent = demands.length
      ? `${when}列出 ${demands.length} 件${overdue ? `，其中已逾期 ${overdue} 件（排在前面）` : ''}。`
      : '';
    const ids = demands.map((d) => idKey(d.id));
    const drawn = () => props.selection?.update({
      visible: ids, total: ids.length, key: JSON.stringify(state.filters), root: listHost, listed: ids,
    });
    if (!demands.length) {
      drawn();
      clear(listHost, h('p', { class: 'empty-state', id: 'demands-empty' }, isFiltered(state.filters)
        ? '没有符合条件的诉求。'
        : '还没有诉求。点击“登记诉求”，或在“联系点”中把走访发现的问题转为诉求。'));
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.demandId : null;
    const opts = { statuses: choices.statuses, levels: choices.levels, sources: choices.sources };
    const heads = ['诉求事项', '来源', '村/社区', '办理层级', '承办部门', '受理日期', '办理时限', '状态', '办结日期'];
    clear(listHost, h('table', { class: 'data-table demands-table', id: 'demands-table' },
      thead(props.selection?.headCell() ?? null, heads),
      h('tbody', {}, demands.map((d) => {
        const id = idKey(d.id);
        const c = demandCells(d, opts);
        const tr = h('tr', {
          class: ['record-row', 'demand-row', c.overdue && 'is-overdue'], 'data-demand-id': id, 'data-status': c.status,
          'data-overdue': c.overdue ? '' : null, tabindex: '0',
          'aria-label': `${c.title}，${c.statusLabel}${c.overdue ? '，已逾期' : ''}，按 Enter 打开`,
        },
        props.selection?.rowCell(id, c.title) ?? null,
        h('td', { class: 'cell-summary cell-title' }, c.title),
        h('td', { class: 'cell-nowrap' }, c.source),
        h('td', { class: 'cell-nowrap' }, c.unit),
        h('td', { class: 'cell-nowrap' }, h('span', { class: ['level-badge', `level-${d.level ?? ''}`] }, c.level)),
        h('td', {}, c.department),
        h('td', { class: 'cell-time' }, c.receivedOn),
        h('td', { class: 'cell-time cell-deadline' }, c.deadline,
          c.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue-badge': '' }, '已逾期') : null),
        h('td', { class: 'cell-nowrap' }, statusBadge(c.status, c.statusLabel, 'demand-status')),
        h('td', { class: 'cell-time' }, c.resolvedOn, c.onTime ? h('span', { class: ['badge', c.onTime === '按期' ? 'badge-ok' : 'badge-warn'] }, c.onTime) : null));
        tr.addEventListener('click', () => props.onOpen(id));
        bindRowKeys(tr, () => props.onOpen(id), { root: listHost, selector: 'tr[data-demand-id]', onTop: () => search.focus() });
        return tr;
      }))));
    drawn();
    if (hadFocus) listHost.querySelector(`tr[data-demand-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  return {
    el: pane,
    update,
    stats: (text) => { stats.textContent = text; },
    /** How the 期间 chosen is named (全部, 2026年第四季度 …). */
    periodLabel: () => period.label(),
    focusDemand(id) {
      ((id && listHost.querySelector(`tr[data-demand-id="${cssEscape(id)}"]`)) || newBtn).focus();
    },
    focusNew: () => newBtn.focus(),
    destroy() {
      stopSearch();
      pane.remove();
    },
  };
}
