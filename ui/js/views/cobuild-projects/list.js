// 共建 › 项目, the list side: 新建项目, 列表/看板, Excel, the filters (社区, 共建单位,
// 状态, search), the 期间 control (`#project-period`: a project registered, planned to
// start, started or completed in the period; the core filters) and the projects as a table or as a 看板 with a column per status.
// Data down (update(state)), actions up (props.onOpen, onCreate, onFilter, onSearch, onView).
import { h, clear, cssEscape, labelled, thead, loadFailed } from '../../dom.js';
import { bindRowKeys, bindSearchBox } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { projectCells, boardColumns, boardSummary, projectYears, projectQuery } from '../../logic/cobuild.js';
import { excelTools } from '../excel-tools.js';
import { periodControl } from '../../period-control.js';
import { statusBadge } from '../workflow.js';

/**
 * mountProjectList(root, props) → { update(state), destroy(), focusProject(id), focusNew() }
 * props: { api, toast, onError, onOpen(id), onCreate(), onFilter(key, value), onSearch(text), onView(view), onImported() }
 * state: { projects, statuses, villages, partners, filters, years: Set, view: 'list'|'board', loading, failed }
 */
export function mountProjectList(root, props) {
  let state = null;
  const newBtn = h('button', { id: 'project-new', type: 'button', class: 'btn btn-primary' }, '新建项目');
  const listBtn = h('button', { id: 'project-view-list', type: 'button', class: 'btn btn-secondary toggle-btn', 'aria-pressed': 'true' }, '列表');
  const boardBtn = h('button', { id: 'project-view-board', type: 'button', class: 'btn btn-secondary toggle-btn', 'aria-pressed': 'false' }, '看板');
  const villageSel = h('select', { id: 'project-filter-village', 'aria-label': '村/社区' });
  const partnerSel = h('select', { id: 'project-filter-partner', 'aria-label': '共建单位' });
  const statusSel = h('select', { id: 'project-filter-status', 'aria-label': '状态' });
  const period = periodControl({ id: 'project-period', all: true, title: '期间', onChange: (text) => props.onFilter('period', text) });
  const periodLine = h('p', { class: 'hint list-period-line', id: 'project-period-line' });
  const search = h('input', {
    id: 'project-search', type: 'search', class: 'filter project-search', autocomplete: 'off',
    placeholder: '搜索项目名称、类别或单位', 'aria-label': '搜索项目名称、类别或单位',
  });
  const summary = h('p', { class: 'counts-line', id: 'projects-summary', role: 'status' });
  const listHost = h('div', { class: 'table-scroll', id: 'projects-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const boardHost = h('div', { id: 'project-board', class: 'board', hidden: true, 'aria-label': '项目看板' });
  const pane = h('div', { id: 'project-list-pane' },
    h('div', { class: 'toolbar toolbar-spread' },
      h('div', { class: 'button-row' }, newBtn,
        h('div', { class: 'toggle-group', role: 'group', 'aria-label': '显示方式' }, listBtn, boardBtn)),
      excelTools({
        api: props.api, toast: props.toast, onError: props.onError, prefix: 'projects', exportKind: 'projects',
        period: () => ({ text: period.value(), label: period.label() }),
        imports: [{ kind: 'projects' }],
        onImported: () => props.onImported(),
      })),
    h('div', { class: 'list-period-row' }, period.el, periodLine),
    h('div', { class: 'people-filters' },
      search, labelled('村/社区', villageSel), labelled('共建单位', partnerSel), labelled('状态', statusSel)),
    summary,
    listHost,
    boardHost);
  root.append(pane);

  newBtn.addEventListener('click', () => props.onCreate());
  listBtn.addEventListener('click', () => props.onView('list'));
  boardBtn.addEventListener('click', () => props.onView('board'));
  for (const [el, key] of [[villageSel, 'villageId'], [partnerSel, 'partnerUnitId'], [statusSel, 'status']]) {
    el.addEventListener('change', () => props.onFilter(key, el.value));
  }
  const stopSearch = bindSearchBox(search, {
    search: (text) => props.onSearch(text),
    first: () => (state?.view === 'board' ? boardHost : listHost).querySelector('[data-project-id]'),
  });

  /** Fill a filter's options, keeping its choice while the options still have it. → the value kept. */
  function fill(sel, blank, options, value) {
    clear(sel, h('option', { value: '' }, blank), options.map((o) => h('option', { value: o.value }, o.label)));
    sel.value = options.some((o) => String(o.value) === String(value)) ? value : '';
    return sel.value;
  }

  function update(next) {
    state = next;
    const f = state.filters;
    fill(villageSel, '全部村/社区', state.villages.map((v) => ({ value: v.id, label: v.label })), f.villageId);
    fill(partnerSel, '全部共建单位', state.partners.map((u) => ({ value: idKey(u.id), label: u.name ?? '' })), f.partnerUnitId);
    fill(statusSel, '全部状态', state.statuses, f.status);
    period.offerYears(projectYears(new Date().getFullYear(), [...state.years].map((y) => ({ plannedStart: `${y}-01-01` }))));
    periodLine.textContent = f.period
      ? `${period.label()}：登记、计划开始、实际开始或完成在这一期间的项目。`
      : '全部项目。选一个期间，只看这一期间登记、计划开始、实际开始或完成的项目。';
    listBtn.setAttribute('aria-pressed', String(state.view === 'list'));
    boardBtn.setAttribute('aria-pressed', String(state.view === 'board'));
    listHost.hidden = state.view !== 'list';
    boardHost.hidden = state.view !== 'board';
    if (state.loading) {
      listHost.setAttribute('aria-busy', 'true');
      return;
    }
    listHost.removeAttribute('aria-busy');
    if (state.failed) {
      loadFailed(listHost, '共建项目没有加载成功。');
      return;
    }
    summary.textContent = boardSummary(state.projects, state.statuses);
    if (state.view === 'board') renderBoard();
    else renderTable();
  }

  const filtered = () => Object.values(projectQuery(state.filters)).some((v) => v !== '');

  function renderTable() {
    if (!state.projects.length) {
      clear(listHost, h('p', { class: 'empty-state', id: 'projects-empty' }, filtered()
        ? '没有符合条件的共建项目。'
        : '还没有共建项目。点击“新建项目”，登记社区提出的需求。'));
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.projectId : null;
    const heads = ['项目名称', '社区', '类别', '认领单位', '状态', '计划时间', '完成日期', '附件'];
    clear(listHost, h('table', { class: 'data-table projects-table', id: 'projects-table' },
      thead(heads),
      h('tbody', {}, state.projects.map((p) => {
        const id = idKey(p.id);
        const c = projectCells(p, state.statuses);
        const tr = h('tr', {
          class: ['record-row', c.overdue && 'is-overdue'], 'data-project-id': id, 'data-status': c.status,
          'data-overdue': c.overdue ? '' : null, tabindex: '0',
          'aria-label': `${c.title}，${c.statusLabel}${c.overdue ? '，已逾期' : ''}，按 Enter 打开`,
        },
        h('td', { class: 'cell-name' }, c.title),
        h('td', { class: 'cell-nowrap' }, c.village),
        h('td', { class: 'cell-nowrap' }, c.category),
        h('td', {}, c.claims),
        h('td', { class: 'cell-nowrap' }, statusBadge(c.status, c.statusLabel)),
        h('td', { class: 'cell-nowrap' }, c.planned,
          c.overdue ? h('span', { class: 'badge badge-bad badge-after', 'data-overdue-badge': '' }, '已逾期') : null),
        h('td', { class: 'cell-time' }, c.actualEnd),
        h('td', { class: 'cell-nowrap' }, c.attachments));
        tr.addEventListener('click', () => props.onOpen(id));
        bindRowKeys(tr, () => props.onOpen(id), { root: listHost, selector: 'tr[data-project-id]', onTop: () => search.focus() });
        return tr;
      }))));
    if (hadFocus) listHost.querySelector(`tr[data-project-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function renderBoard() {
    const hadFocus = boardHost.contains(document.activeElement) ? document.activeElement?.dataset?.projectId : null;
    clear(boardHost, boardColumns(state.projects, state.statuses).map((col) => h('section', {
      class: ['board-col', `board-${col.value}`], 'data-board-status': col.value, 'aria-labelledby': `board-${col.value}-title`,
    },
    h('h3', { class: 'board-col-title', id: `board-${col.value}-title` }, col.label, h('span', { class: 'board-count' }, String(col.count))),
    col.projects.length
      ? h('ul', { class: 'board-cards' }, col.projects.map((p) => {
        const id = idKey(p.id);
        const c = projectCells(p, state.statuses);
        const card = h('button', {
          type: 'button', class: 'board-card', 'data-project-id': id, 'aria-label': `${c.title}，${c.village}，${c.statusLabel}${c.overdue ? '，已逾期' : ''}`,
        },
        h('span', { class: 'board-card-title' }, c.title),
        h('span', { class: 'board-card-meta' }, [c.village, c.category].filter(Boolean).join(' · ')),
        h('span', { class: 'board-card-claims' }, c.claims === '—' ? '还没有认领单位' : `认领：${c.claims}`),
        c.actualEnd ? h('span', { class: 'board-card-meta' }, `完成于 ${c.actualEnd}`) : null,
        c.score ? h('span', { class: 'board-card-score' }, c.score) : null,
        c.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue-badge': '' }, '已逾期') : null);
        card.addEventListener('click', () => props.onOpen(id));
        return h('li', {}, card);
      }))
      : h('p', { class: 'board-empty' }, '暂无'))));
    if (hadFocus) boardHost.querySelector(`[data-project-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  return {
    update,
    el: pane,
    /** Focus a project's row or card (after coming back from it), else 新建项目. */
    focusProject(id) {
      const where = state?.view === 'board' ? boardHost : listHost;
      ((id && where.querySelector(`[data-project-id="${cssEscape(id)}"]`)) || newBtn).focus();
    },
    focusNew: () => newBtn.focus(),
    destroy() {
      stopSearch();
      pane.remove();
    },
  };
}
