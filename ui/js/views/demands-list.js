// 诉求 › 诉求: the counts (收到, 已交办, 已办结, 按期办结 and its rate, 逾期, 回访满意),
// filters (状态, 层级, 承办部门, 来源, 年份, search, 只看逾期), the list with overdue ones
// marked 已逾期 in red, and a demand's detail:
//   - its source (a visit links back to 联系点), the step bar 已受理 → 已交办 → 办理中 →
//     已办结 → 已回访 with the date of each step
//   - 下一步 (one step forward, dated; 交办 asks the department, 办结 the result, 回访 the
//     reporter's satisfaction), 退回… (asks a reason), 上报上级… (a higher level and a reason:
//     back to 已受理, department cleared, all kept in the history)
//   - the history, and the fields (Enter saves, Esc undoes or goes back)
// Rules live in logic/demands.js; the backend decides.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, deleteRecord, openModal } from '../dialog.js';
import {
  bindRowKeys, bindSearchBox, onEnter, isComposing, oneAtATime, whileBusy, showFieldError, showMessage, hideMessage,
  rememberFocus, undoEdits,
} from '../forms.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import { valuesChanged } from '../logic/fields.js';
import {
  DEMAND_FIELDS, MOVE_FIELDS, demandChoices, labelOf, statusLabel, earlierStatuses, advancePlan, parseMove, higherLevels,
  canEscalate, parseEscalate, stepBar, historyRows, demandCells, statsText, emptyDemandFilters, demandQuery, isFiltered,
  demandYears, satisfactionText, departmentChoices, demandFormValues, parseDemandForm,
} from '../logic/demands.js';
import { excelTools } from './excel-tools.js';
import { recordForm, revealCell } from './record-list.js';

export function mountDemandList(host, ctx) {
  const {
    api, toast, alert, clearAlert, onError, shared, navigate, route, office,
  } = ctx;
  // A new demand is first graded at this office's own level (a county office handles county demands).
  const ownLevel = ['township', 'county', 'city'].includes(office?.level) ? office.level : 'township';
  const st = {
    filters: emptyDemandFilters(),
    demands: [],
    years: new Set(),
    choices: demandChoices(null),
    departments: [],
    villages: [],
    mode: 'list', // 'list' | 'create' | 'edit'
    demand: null,
    fullPhone: '',
    baseline: null,
    loadToken: 0,
    statsToken: 0,
    viewToken: 0,
    disposed: false,
  };
  let form = null;
  const refs = {};

  // ---------- the list ----------
  const newBtn = h('button', { id: 'demand-new', type: 'button', class: 'btn btn-primary' }, '登记诉求');
  const stats = h('p', { class: 'counts-line demand-stats', id: 'demand-stats', role: 'status' }, '正在统计…');
  const statusSel = h('select', { id: 'demand-filter-status', 'aria-label': '状态' });
  const levelSel = h('select', { id: 'demand-filter-level', 'aria-label': '办理层级' });
  const deptSel = h('select', { id: 'demand-filter-department', 'aria-label': '承办部门' });
  const sourceSel = h('select', { id: 'demand-filter-source', 'aria-label': '来源' });
  const yearSel = h('select', { id: 'demand-filter-year', 'aria-label': '年份' });
  const overdueBox = h('input', { type: 'checkbox', id: 'demand-overdue-only' });
  const search = h('input', {
    id: 'demand-search', type: 'search', class: 'filter demand-search', autocomplete: 'off',
    placeholder: '搜索诉求、反映人或类别', 'aria-label': '搜索诉求、反映人或类别',
  });
  const summary = h('p', { class: 'hint', id: 'demands-summary', role: 'status' });
  const listHost = h('div', { class: 'table-scroll', id: 'demands-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const field = (label, control) => h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, label), control);
  const listPane = h('div', { id: 'demand-list-pane' },
    h('div', { class: 'toolbar toolbar-spread' },
      newBtn,
      excelTools({
        api, toast, onError, prefix: 'demands', exportKind: 'demands', defaultName: '诉求台账.xlsx',
        exportHint: '导出全部诉求（来源、反映人（电话打码）、类别、办理层级、承办部门、受理日期、期限、状态、办结日期、结果、回访满意度、是否按期）。',
        imports: [{ kind: 'demands' }],
        onImported: () => { if (!st.disposed) { loadList(); loadStats(); } },
      })),
    stats,
    h('div', { class: 'people-filters' },
      search, field('状态', statusSel), field('层级', levelSel), field('承办部门', deptSel), field('来源', sourceSel), field('年份', yearSel),
      h('span', { class: 'checkbox-row' }, overdueBox, h('label', { for: 'demand-overdue-only' }, '只看逾期'))),
    summary,
    listHost);
  const detail = h('div', { id: 'demand-detail', class: 'project-detail demand-detail', hidden: true });
  host.append(listPane, detail);

  newBtn.addEventListener('click', () => startCreate());
  for (const [el, key] of [[statusSel, 'status'], [levelSel, 'level'], [deptSel, 'departmentId'], [sourceSel, 'source'], [yearSel, 'year']]) {
    el.addEventListener('change', () => {
      st.filters[key] = el.value;
      loadList();
    });
  }
  overdueBox.addEventListener('change', () => {
    st.filters.overdueOnly = overdueBox.checked;
    loadList();
  });
  const stopSearch = bindSearchBox(search, {
    search: (text) => {
      st.filters.text = text;
      loadList();
    },
    first: () => listHost.querySelector('tr[data-demand-id]'),
  });

  // Esc in the detail, outside the form and its boxes, goes back to the list.
  const onKey = (e) => {
    if (st.disposed || st.mode === 'list' || e.key !== 'Escape' || e.defaultPrevented || isComposing(e)) return;
    if (document.querySelector('dialog[open]') || !detail.contains(e.target)) return;
    if (form?.el.contains(e.target) || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target?.tagName ?? '')) return;
    e.preventDefault();
    backToList();
  };
  document.addEventListener('keydown', onKey);

  boot();

  // ---------- data ----------
  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  async function boot() {
    await refreshShared(false);
    if (st.disposed) return;
    await Promise.all([loadList(), loadStats()]);
    if (!st.disposed && route?.demandId) openDemand(idKey(route.demandId));
  }

  async function refreshShared(fresh) {
    const [options, departments, units] = await Promise.all([
      shared.options(), shared.departments({ fresh }), shared.units({ fresh }),
    ]);
    if (st.disposed) return;
    st.choices = demandChoices(options);
    st.departments = departments;
    st.villages = units.villages;
    fillFilters();
  }

  function fillFilters() {
    const fill = (sel, key, all, options) => {
      clear(sel, h('option', { value: '' }, all), options.map((o) => h('option', { value: o.value }, o.label)));
      if (!options.some((o) => o.value === st.filters[key])) st.filters[key] = '';
      sel.value = st.filters[key];
    };
    fill(statusSel, 'status', '全部状态', st.choices.statuses);
    fill(levelSel, 'level', '全部层级', st.choices.levels);
    fill(deptSel, 'departmentId', '全部部门', st.departments.map((d) => ({
      value: idKey(d.id), label: `${d.name ?? ''}（${d.levelLabel || labelOf(d.level, st.choices.levels)}）`,
    })));
    fill(sourceSel, 'source', '全部来源', st.choices.sources);
    fillYears();
  }

  function fillYears() {
    const years = demandYears(new Date().getFullYear(), [...st.years].map((y) => ({ receivedOn: `${y}-01-01` })));
    clear(yearSel, h('option', { value: '' }, '全部年份'), years.map((y) => h('option', { value: y }, `${y}年`)));
    yearSel.value = st.filters.year;
  }

  async function loadList() {
    const token = ++st.loadToken;
    listHost.setAttribute('aria-busy', 'true');
    let list;
    try {
      list = await api.listDemands(demandQuery(st.filters));
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      listHost.removeAttribute('aria-busy');
      fail(e);
      if (!listHost.querySelector('table')) clear(listHost, h('p', { class: 'empty-state' }, '诉求没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    listHost.removeAttribute('aria-busy');
    st.demands = Array.isArray(list) ? list : [];
    const before = st.years.size;
    for (const d of st.demands) if (/^\d{4}/.test(d?.receivedOn ?? '')) st.years.add(d.receivedOn.slice(0, 4));
    if (st.years.size !== before) fillYears();
    renderTable();
  }

  async function loadStats() {
    const token = ++st.statsToken;
    try {
      const s = await api.demandStats();
      if (st.disposed || token !== st.statsToken) return;
      stats.textContent = statsText(s ?? {});
    } catch (e) {
      if (st.disposed || token !== st.statsToken) return;
      stats.textContent = '诉求统计没有加载成功。';
      fail(e);
    }
  }

  function refreshCounts() {
    loadList();
    loadStats();
  }

  function renderTable() {
    const overdue = st.demands.filter((d) => demandCells(d).overdue).length;
    summary.textContent = st.demands.length
      ? `列出 ${st.demands.length} 件${overdue ? `，其中已逾期 ${overdue} 件（排在前面）` : ''}。`
      : '';
    if (!st.demands.length) {
      clear(listHost, h('p', { class: 'empty-state', id: 'demands-empty' }, isFiltered(st.filters)
        ? '没有符合条件的诉求。'
        : '还没有诉求。点击“登记诉求”，或在“联系点”中把走访发现的问题转为诉求。'));
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.demandId : null;
    const opts = { statuses: st.choices.statuses, levels: st.choices.levels, sources: st.choices.sources };
    clear(listHost, h('table', { class: 'data-table demands-table', id: 'demands-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '诉求事项'),
        h('th', { scope: 'col' }, '来源'),
        h('th', { scope: 'col' }, '村/社区'),
        h('th', { scope: 'col' }, '办理层级'),
        h('th', { scope: 'col' }, '承办部门'),
        h('th', { scope: 'col' }, '受理日期'),
        h('th', { scope: 'col' }, '办理期限'),
        h('th', { scope: 'col' }, '状态'),
        h('th', { scope: 'col' }, '办结日期'))),
      h('tbody', {}, st.demands.map((d) => {
        const id = idKey(d.id);
        const c = demandCells(d, opts);
        const tr = h('tr', {
          class: ['record-row', 'demand-row', c.overdue && 'is-overdue'], 'data-demand-id': id, 'data-status': c.status,
          'data-overdue': c.overdue ? '' : null, tabindex: '0',
          'aria-label': `${c.title}，${c.statusLabel}${c.overdue ? '，已逾期' : ''}，按 Enter 打开`,
        },
        h('td', { class: 'cell-summary cell-title' }, c.title),
        h('td', { class: 'cell-nowrap' }, c.source),
        h('td', { class: 'cell-nowrap' }, c.unit),
        h('td', { class: 'cell-nowrap' }, h('span', { class: ['level-badge', `level-${d.level ?? ''}`] }, c.level)),
        h('td', {}, c.department),
        h('td', { class: 'cell-time' }, c.receivedOn),
        h('td', { class: 'cell-time cell-deadline' }, c.deadline,
          c.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue-badge': '' }, '已逾期') : null),
        h('td', { class: 'cell-nowrap' }, statusBadge(c.status, c.statusLabel)),
        h('td', { class: 'cell-time' }, c.resolvedOn, c.onTime ? h('span', { class: ['badge', c.onTime === '按期' ? 'badge-ok' : 'badge-warn'] }, c.onTime) : null));
        tr.addEventListener('click', () => openDemand(id));
        bindRowKeys(tr, () => openDemand(id), { root: listHost, selector: 'tr[data-demand-id]', onTop: () => search.focus() });
        return tr;
      }))));
    if (hadFocus) listHost.querySelector(`tr[data-demand-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function statusBadge(status, label) {
    return h('span', { class: ['status-badge', `demand-status-${status}`], 'data-status-badge': status }, label ?? statusLabel(status, st.choices.statuses));
  }

  // ---------- detail: open, create, back ----------
  function isDirty() {
    return !!form && valuesChanged(st.baseline, form.read());
  }

  function showDetail() {
    listPane.hidden = true;
    detail.hidden = false;
  }

  function showListPane() {
    st.viewToken += 1;
    st.mode = 'list';
    st.demand = null;
    form = null;
    clear(detail);
    detail.hidden = true;
    listPane.hidden = false;
  }

  async function backToList() {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    const id = idKey(st.demand?.id);
    showListPane();
    clearAlert?.();
    await loadList();
    if (st.disposed) return;
    ((id && listHost.querySelector(`tr[data-demand-id="${cssEscape(id)}"]`)) || newBtn).focus();
  }

  async function startCreate() {
    if (st.mode !== 'list' && !(await confirmDiscard(isDirty()))) return;
    if (st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'create';
    st.demand = null;
    st.fullPhone = '';
    await refreshShared(true);
    if (st.disposed) return;
    renderDetail();
    showDetail();
    form?.inputs.title.focus();
  }

  async function openDemand(id) {
    if (st.mode !== 'list' && idKey(st.demand?.id) !== idKey(id) && !(await confirmDiscard(isDirty()))) return;
    if (st.disposed) return;
    clearAlert?.();
    const token = ++st.viewToken;
    let demand;
    let phone = '';
    try {
      const [d] = await Promise.all([api.getDemand(id), refreshShared(true)]);
      demand = d;
      // The demand has the number masked: the form needs the full one, or saving would store the mask.
      if (demand?.reporterPhone) phone = String(await api.revealDemandPhone(demand.id) ?? '');
    } catch (e) {
      if (st.disposed || token !== st.viewToken) return;
      reportError(e, { show: alert, reboot: onError, reload: () => { if (st.mode === 'list') loadList(); else backToList(); } });
      return;
    }
    if (st.disposed || token !== st.viewToken || !demand) return;
    st.mode = 'edit';
    st.demand = demand;
    st.fullPhone = phone;
    renderDetail();
    showDetail();
    (detail.querySelector('#demand-advance:not([disabled])') ?? form?.inputs.title)?.focus();
  }

  // ---------- detail: render ----------
  function renderDetail() {
    form = null;
    const d = st.demand;
    const creating = st.mode === 'create';
    const back = h('button', { id: 'demand-back', type: 'button', class: 'btn btn-secondary btn-small' }, '‹ 返回诉求列表');
    back.addEventListener('click', backToList);
    refs.head = h('div', { class: 'detail-head' });
    refs.source = h('div', { class: 'demand-source', id: 'demand-source' });
    refs.steps = h('div', { class: 'project-steps-host' });
    refs.facts = h('section', { class: 'info-section', id: 'demand-facts-section', 'aria-labelledby': 'demand-facts-title' });
    refs.history = h('section', { class: 'info-section', id: 'demand-history-section', 'aria-labelledby': 'demand-history-title' });
    refs.form = h('div', { class: 'demand-form-host' });
    clear(detail,
      h('div', { class: 'detail-head' }, back, refs.head),
      creating ? h('p', { class: 'meta' }, '登记收到的诉求。保存后交办到部门，一步步办理到回访。') : [refs.source, refs.steps],
      h('div', { class: creating ? 'project-create' : 'project-grid' },
        h('div', { class: 'project-main' }, refs.form, creating ? null : deleteSection(d)),
        creating ? null : h('div', { class: 'project-side' }, refs.facts, refs.history)));
    renderHead();
    renderForm();
    if (!creating) {
      renderSource();
      renderSteps();
      renderFacts();
      renderHistory();
    }
  }

  /** After a step that returned the demand: everything but a form holding edits. */
  function applyDemand(d) {
    if (!d) return;
    st.demand = d;
    renderHead();
    renderSource();
    renderSteps();
    renderFacts();
    renderHistory();
    if (!isDirty()) {
      renderForm();
    } else if (form?.inputs.level) {
      // An escalation changed the level: the form follows, so 保存 does not undo it.
      form.inputs.level.value = d.level ?? '';
      st.baseline.level = d.level ?? '';
    }
    refreshCounts();
  }

  function renderHead() {
    const d = st.demand;
    const c = d ? demandCells(d, st.choices) : null;
    clear(refs.head,
      h('h2', { class: 'detail-title', id: 'demand-detail-title' }, d ? (d.title ?? '') : '登记诉求'),
      d ? statusBadge(c.status, c.statusLabel) : null,
      d ? h('span', { class: ['level-badge', `level-${d.level ?? ''}`], id: 'demand-level-badge' }, c.level) : null,
      c?.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue': '', id: 'demand-overdue' }, '已逾期') : null);
  }

  function renderSource() {
    const d = st.demand;
    const c = demandCells(d, st.choices);
    const parts = [h('span', { class: 'source-label' }, `来源：${c.source}`)];
    if (d.sourceText) parts.push(h('span', { class: 'muted' }, d.sourceText));
    if (d.source === 'visit' && d.sourceRef != null && d.sourceRef !== '') {
      const link = h('button', { type: 'button', id: 'demand-source-visit', class: 'btn btn-link' }, '查看走访记录');
      link.addEventListener('click', () => goVisit(idKey(d.sourceRef), link));
      parts.push(link);
    }
    if (d.reporter || d.reporterPhone) {
      parts.push(h('span', { class: 'reporter' }, `反映人：${d.reporter || '—'}`,
        d.reporterPhone
          ? revealCell({
            id: idKey(d.id), masked: d.reporterPhone, label: '反映人',
            reveal: () => api.revealDemandPhone(d.id),
            onError: (e) => reportError(e, { show: alert, reboot: onError }),
          })
          : null));
    }
    clear(refs.source, h('p', { class: 'source-line', id: 'demand-source-line' }, parts));
  }

  /** 查看走访记录: the visit this demand came from, in 联系点 › 联系点. */
  async function goVisit(visitId, button) {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    let visits;
    try {
      visits = await whileBusy(button, () => api.listVisits(''));
    } catch (e) {
      if (!st.disposed) fail(e);
      return;
    }
    if (st.disposed) return;
    const v = (Array.isArray(visits) ? visits : []).find((x) => idKey(x.id) === visitId);
    if (!v) {
      alert('这条走访记录已删除，可在回收站恢复。');
      return;
    }
    navigate?.('contacts', { tab: 'points', pointId: idKey(v.contactPointId), visitId });
  }

  function renderSteps() {
    const d = st.demand;
    const bar = h('ol', { class: 'step-bar', id: 'demand-steps', 'aria-label': '办理进度' },
      stepBar(d, st.choices.statuses).map((s, i) => h('li', {
        class: ['step-item', `is-${s.state}`], 'data-step': s.value, 'aria-current': s.state === 'current' ? 'step' : null,
      },
      h('span', { class: 'step-dot', 'aria-hidden': 'true' }, s.state === 'done' ? '✓' : String(i + 1)),
      h('span', { class: 'step-label' }, s.label),
      h('span', { class: 'step-date' }, s.date))));
    clear(refs.steps, bar, moveSection(d));
  }

  function moveSection(d) {
    const plan = advancePlan(d, { departments: st.departments });
    const back = earlierStatuses(d.status, st.choices.statuses);
    const error = h('p', { class: 'field-error', id: 'demand-move-error', role: 'alert', hidden: true });
    const controls = [];
    const inputs = {};
    let resultRow = null;
    if (plan) {
      inputs.date = h('input', {
        type: 'text', id: 'demand-move-date', class: 'input-date', maxlength: '12', autocomplete: 'off', value: localDate(),
        'aria-label': `${plan.text.replace('下一步：', '')}的日期`,
      });
      controls.push(h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '日期'), inputs.date));
      if (plan.needs === 'department') {
        const choices = departmentChoices(st.departments, d.level, st.choices.levels);
        inputs.departmentId = h('select', { id: 'demand-departmentId', 'aria-label': '承办部门' },
          h('option', { value: '' }, choices.length ? '选择承办部门…' : '还没有部门'),
          choices.map((c) => h('option', { value: c.id }, c.label)));
        controls.push(h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '交办给'), inputs.departmentId));
      }
      if (plan.needs === 'satisfaction') {
        inputs.satisfaction = h('select', { id: 'demand-satisfaction', 'aria-label': '回访满意度' },
          h('option', { value: '' }, '回访结果…'), st.choices.satisfactions.map((s) => h('option', { value: s.value }, s.label)));
        controls.push(h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '反映人'), inputs.satisfaction));
      }
      if (plan.needs === 'result') {
        inputs.result = h('textarea', {
          id: 'demand-result', rows: '2', maxlength: '2000', placeholder: '办理结果（必填）：怎么解决的', 'aria-label': '办理结果',
        });
        resultRow = h('div', { class: 'move-evaluation' }, inputs.result);
      }
    }
    const advance = plan
      ? h('button', { id: 'demand-advance', type: 'button', class: 'btn btn-primary', disabled: !!plan.blocked, 'data-to': plan.to }, plan.text)
      : null;
    const returnBtn = back.length ? h('button', { id: 'demand-return', type: 'button', class: 'btn btn-secondary' }, '退回…') : null;
    const escalateBtn = canEscalate(d)
      ? h('button', { id: 'demand-escalate', type: 'button', class: 'btn btn-secondary' }, '上报上级…')
      : null;
    const report = (e) => reportError(e, {
      fields: MOVE_FIELDS,
      field: (f, message) => showFieldError(error, message, inputs[f] ?? inputs.date, { select: false }),
      show: (m) => showMessage(error, m),
      reboot: onError,
      reload: () => backToList(),
    });
    const run = oneAtATime(async () => {
      hideMessage(error);
      const parsed = parseMove({
        to: plan.to,
        date: inputs.date.value,
        departmentId: inputs.departmentId?.value ?? '',
        result: inputs.result?.value ?? '',
        satisfaction: inputs.satisfaction?.value ?? '',
      }, { from: d.status, satisfactions: st.choices.satisfactions });
      if (!parsed.ok) {
        showFieldError(error, parsed.error.message, inputs[parsed.error.field] ?? inputs.date, { select: false });
        return;
      }
      await move(parsed.args, [advance, returnBtn, escalateBtn], report);
    });
    advance?.addEventListener('click', run);
    for (const el of [inputs.date, inputs.departmentId, inputs.satisfaction]) {
      if (el) onEnter(el, () => { if (!advance.disabled) run(); });
    }
    inputs.result?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !isComposing(e)) {
        e.preventDefault();
        run();
      }
    });
    returnBtn?.addEventListener('click', () => openReturn(d, inputs.date?.value ?? localDate()));
    escalateBtn?.addEventListener('click', () => openEscalate(d));

    let blocked = null;
    if (plan?.blocked) {
      const go = h('button', { type: 'button', class: 'btn btn-link', id: 'demand-go-departments' }, '去添加部门');
      go.addEventListener('click', async () => {
        if (!(await confirmDiscard(isDirty())) || st.disposed) return;
        navigate?.('contacts', { tab: 'departments' });
      });
      blocked = h('p', { class: 'callout callout-warning', id: 'demand-move-blocked' }, plan.blocked, go);
    }
    return h('section', { class: 'move-bar', id: 'demand-move', 'aria-label': '办理诉求' },
      h('div', { class: 'move-row' },
        plan ? [controls, advance] : h('span', { class: 'ok-line' }, '诉求已回访，办理结束。'),
        h('span', { class: 'move-side' }, returnBtn, escalateBtn)),
      resultRow,
      plan?.needs === 'result' ? h('p', { class: 'hint' }, 'Ctrl+Enter 办结') : null,
      blocked,
      plan?.hint && !plan.blocked ? h('p', { class: 'hint', id: 'demand-move-hint' }, plan.hint) : null,
      error);
  }

  /** move_demand, then show the answer; `onFail` reports an error where the clerk is. */
  async function move(args, buttons, onFail) {
    const d = st.demand;
    const token = st.viewToken;
    clearAlert?.();
    await whileBusy(buttons, async () => {
      try {
        const saved = await api.moveDemand(d.id, args);
        if (st.disposed || token !== st.viewToken) return;
        toast(`“${d.title ?? ''}”已改为${statusLabel(args.to, st.choices.statuses)}`);
        applyDemand(saved);
        (detail.querySelector('#demand-advance:not([disabled])') ?? detail.querySelector('#demand-return')
          ?? detail.querySelector('#demand-back'))?.focus();
      } catch (e) {
        if (!st.disposed && token === st.viewToken) onFail(e);
      }
    });
  }

  /** 退回…: to which earlier status, and why (required). */
  function openReturn(d, date) {
    const options = earlierStatuses(d.status, st.choices.statuses);
    const to = h('select', { id: 'return-to' }, options.map((o) => h('option', { value: o.value }, o.label)));
    const reason = h('textarea', {
      id: 'return-reason', rows: '3', maxlength: '500', placeholder: '例如：承办部门认为不属于其职责，需要重新交办', 'aria-describedby': 'return-error',
    });
    const error = h('p', { class: 'file-error', id: 'return-error', role: 'alert', hidden: true });
    const ok = h('button', { id: 'return-ok', type: 'button', class: 'btn btn-primary' }, '退回');
    const cancel = h('button', { id: 'return-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
    const { close } = openModal({
      id: 'return-dialog',
      title: '退回诉求',
      className: 'dialog-medium',
      content: [
        h('p', { class: 'hint' }, `“${d.title ?? ''}”现在是“${statusLabel(d.status, st.choices.statuses)}”。退回到之前的状态要写明原因，原因记入办理记录。`),
        h('label', { for: 'return-to', class: 'block-label' }, '退回到'), to,
        h('label', { for: 'return-reason', class: 'block-label return-reason-label' }, '原因（必填）'), reason,
        h('p', { class: 'hint' }, 'Ctrl+Enter 退回 · Esc 取消'),
        error,
        h('div', { class: 'dialog-actions' }, cancel, ok),
      ],
    });
    cancel.addEventListener('click', close);
    const submit = oneAtATime(async () => {
      hideMessage(error);
      const parsed = parseMove({ to: to.value, date, reason: reason.value }, { from: d.status });
      if (!parsed.ok) {
        showFieldError(error, parsed.error.message, parsed.error.field === 'to' ? to : reason, { mark: parsed.error.field === 'reason', select: false });
        return;
      }
      let failed = false;
      await move(parsed.args, [ok, cancel], (e) => {
        failed = true;
        reportError(e, {
          fields: MOVE_FIELDS,
          field: (f, message) => showFieldError(error, message, f === 'to' ? to : reason, { select: false }),
          show: (m) => showMessage(error, m),
          reboot: (err) => { close(); onError?.(err); },
        });
      });
      if (!failed) close();
    });
    ok.addEventListener('click', submit);
    onEnter(to, submit);
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !isComposing(e)) {
        e.preventDefault();
        submit();
      }
    });
    reason.focus();
  }

  /** 上报上级…: to which higher level, on which date, and why (required). */
  function openEscalate(d) {
    const options = higherLevels(d.level, st.choices.levels);
    const level = h('select', { id: 'escalate-level' }, options.map((o) => h('option', { value: o.value }, o.label)));
    const date = h('input', { id: 'escalate-date', type: 'text', class: 'input-date', maxlength: '12', autocomplete: 'off', value: localDate() });
    const reason = h('textarea', {
      id: 'escalate-reason', rows: '3', maxlength: '500', placeholder: '例如：涉及供电线路改造，本级无法解决', 'aria-describedby': 'escalate-error',
    });
    const error = h('p', { class: 'file-error', id: 'escalate-error', role: 'alert', hidden: true });
    const ok = h('button', { id: 'escalate-ok', type: 'button', class: 'btn btn-primary' }, '上报');
    const cancel = h('button', { id: 'escalate-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
    const { close } = openModal({
      id: 'escalate-dialog',
      title: '上报上级',
      className: 'dialog-medium',
      content: [
        h('p', { class: 'hint' }, `“${d.title ?? ''}”现由${labelOf(d.level, st.choices.levels)}办理。上报后改由上级办理：`
          + '回到“已受理”，原承办部门清除，由上级重新交办；原来的办理记录都保留。'),
        h('label', { for: 'escalate-level', class: 'block-label' }, '上报到'), level,
        h('label', { for: 'escalate-date', class: 'block-label return-reason-label' }, '上报日期'), date,
        h('label', { for: 'escalate-reason', class: 'block-label return-reason-label' }, '原因（必填）'), reason,
        h('p', { class: 'hint' }, 'Ctrl+Enter 上报 · Esc 取消'),
        error,
        h('div', { class: 'dialog-actions' }, cancel, ok),
      ],
    });
    cancel.addEventListener('click', close);
    const controls = { level, date, reason };
    const submit = oneAtATime(async () => {
      hideMessage(error);
      const parsed = parseEscalate({ level: level.value, date: date.value, reason: reason.value }, { from: d.level });
      if (!parsed.ok) {
        showFieldError(error, parsed.error.message, controls[parsed.error.field] ?? reason, { select: false });
        return;
      }
      const token = st.viewToken;
      await whileBusy([ok, cancel], async () => {
        try {
          const saved = await api.escalateDemand(d.id, parsed.args);
          close();
          if (st.disposed || token !== st.viewToken) return;
          toast(`“${d.title ?? ''}”已上报到${labelOf(parsed.args.level, st.choices.levels)}，请重新交办`);
          applyDemand(saved);
          detail.querySelector('#demand-departmentId, #demand-advance')?.focus();
        } catch (e) {
          reportError(e, {
            fields: ['level', 'date', 'reason'],
            field: (f, message) => showFieldError(error, message, controls[f] ?? reason, { select: false }),
            show: (m) => showMessage(error, m),
            reboot: (err) => { close(); onError?.(err); },
          });
        }
      });
    });
    ok.addEventListener('click', submit);
    onEnter(level, submit);
    onEnter(date, submit);
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !isComposing(e)) {
        e.preventDefault();
        submit();
      }
    });
    reason.focus();
  }

  function renderFacts() {
    const d = st.demand;
    const c = demandCells(d, st.choices);
    const row = (label, value, id) => [h('dt', {}, label), h('dd', { id }, value || '—')];
    clear(refs.facts,
      h('h3', { id: 'demand-facts-title' }, '办理情况'),
      h('dl', { class: 'info-grid demand-facts', id: 'demand-facts' },
        row('办理层级', c.level, 'demand-fact-level'),
        row('承办部门', d.departmentName, 'demand-fact-department'),
        row('受理日期', d.receivedOn, 'demand-fact-receivedOn'),
        row('办理期限', d.deadline, 'demand-fact-deadline'),
        row('办结日期', d.resolvedOn, 'demand-fact-resolvedOn'),
        row('是否按期', c.onTime, 'demand-fact-onTime'),
        row('办理结果', d.result, 'demand-fact-result'),
        row('回访满意度', satisfactionText(d, st.choices.satisfactions), 'demand-fact-satisfaction')));
  }

  function renderHistory() {
    const rows = historyRows(st.demand.history, { statuses: st.choices.statuses, levels: st.choices.levels });
    clear(refs.history,
      h('h3', { id: 'demand-history-title' }, '办理记录'),
      rows.length
        ? h('ol', { class: 'timeline', id: 'demand-history' }, rows.map((r, i) => h('li', {
          class: ['timeline-item', r.back && 'is-back', r.escalated && 'is-escalated'], 'data-event-index': String(i),
        },
        h('span', { class: 'timeline-date' }, r.date),
        h('span', { class: 'timeline-text' }, r.text,
          r.back ? h('span', { class: 'badge badge-warn' }, '退回') : null,
          r.escalated ? h('span', { class: 'badge badge-info' }, '上报') : null),
        r.level ? h('span', { class: 'timeline-reason', 'data-level-change': '' }, `办理层级：${r.level}`) : null,
        r.department ? h('span', { class: 'timeline-reason' }, `交办：${r.department}`) : null,
        r.reason ? h('span', { class: ['timeline-reason', (r.back || r.escalated) && 'timeline-reason-back'] }, `原因：${r.reason}`) : null,
        r.recordedAt ? h('span', { class: 'timeline-recorded' }, `记录于 ${r.recordedAt}`) : null)))
        : h('p', { class: 'hint' }, '还没有记录。'));
  }

  // ---------- the form ----------
  function renderForm() {
    const d = st.demand;
    const creating = !d;
    const values = demandFormValues(d, { fullPhone: st.fullPhone, today: localDate(), level: ownLevel });
    st.baseline = { ...values };
    const fromVisit = d?.source === 'visit';
    // A demand made from a visit keeps that source (the link); others choose any but 领导联系点走访.
    const sources = fromVisit ? st.choices.sources.filter((s) => s.value === 'visit') : st.choices.sources.filter((s) => s.value !== 'visit');
    const f = recordForm({
      name: 'demand',
      title: creating ? '诉求信息' : '诉求信息（可修改）',
      className: 'project-form demand-form',
      creating,
      saveText: creating ? '保存并继续' : '保存',
      values,
      fields: [
        { field: 'title', label: '诉求事项', maxlength: 100, placeholder: '简要写明要解决的问题' },
        {
          field: 'source', label: '来源', type: 'select', options: sources, disabled: fromVisit,
          hint: fromVisit ? '由领导联系点走访转成，来源不能改。' : null,
        },
        { field: 'reporter', label: '反映人', maxlength: 40, placeholder: '个人、村/社区或网格员' },
        { field: 'reporterPhone', label: '反映人电话', type: 'phone', hint: '列表和导出中按规定打码显示。' },
        { field: 'category', label: '类别', maxlength: 30, list: st.choices.categories, placeholder: '可选择或填写' },
        {
          field: 'unitId', label: '所在村/社区', type: 'select', blank: '（不限村/社区）',
          options: st.villages.map((v) => ({ value: v.id, label: v.label })), missingLabel: d?.unitName || '（已不存在的村/社区）',
        },
        {
          field: 'level', label: '办理层级', type: 'select', options: st.choices.levels,
          hint: creating ? '应由哪一级解决（分级办理）。' : '改层级请用上面的“上报上级…”，办理记录会保留。',
        },
        { field: 'receivedOn', label: '受理日期', type: 'date' },
        { field: 'deadline', label: '办理期限', type: 'date', placeholder: '如 2026-03-31', hint: '过了期限还没办结的标为“已逾期”。' },
        { field: 'description', label: '诉求内容', type: 'textarea', rows: 4 },
      ],
      save: saveDemand,
      cancel: () => {
        if (creating) {
          showListPane();
          newBtn.focus();
        } else if (isDirty()) {
          undoEdits({ dirty: true, toast, render: renderForm, focus: () => form?.inputs.title.focus() });
        } else {
          backToList();
        }
      },
    });
    form = f;
    clear(refs.form, f.el);
  }

  async function saveDemand() {
    const f = form;
    if (!f) return;
    f.clearErrors();
    const parsed = parseDemandForm(f.read());
    if (!parsed.ok) {
      if (!f.showError(parsed.error.field, parsed.error.message)) alert(parsed.error.message);
      return;
    }
    const creating = st.mode === 'create';
    const token = st.viewToken;
    await whileBusy(f.saveBtn, async () => {
      try {
        const saved = creating ? await api.createDemand(parsed.input) : await api.updateDemand(st.demand.id, parsed.input);
        if (st.disposed) return;
        toast(creating ? `已登记诉求“${saved?.title ?? parsed.input.title}”，请交办到部门` : '已保存');
        refreshCounts();
        if (token !== st.viewToken || !saved) return;
        st.fullPhone = parsed.input.reporterPhone;
        if (creating) {
          st.mode = 'edit';
          st.demand = saved;
          renderDetail();
          (detail.querySelector('#demand-departmentId') ?? detail.querySelector('#demand-advance') ?? form?.inputs.title)?.focus();
        } else {
          const refocus = rememberFocus();
          st.demand = saved;
          renderForm();
          renderHead();
          renderSource();
          renderSteps();
          renderFacts();
          refocus(form?.inputs.title);
        }
      } catch (e) {
        if (st.disposed) return;
        reportError(e, {
          fields: DEMAND_FIELDS,
          field: (fieldName, message) => { if (!f.showError(fieldName, message)) alert(message); },
          show: alert,
          reboot: onError,
          reload: () => backToList(),
        });
      }
    });
  }

  function deleteSection(d) {
    const btn = h('button', { id: 'demand-delete', type: 'button', class: 'btn btn-danger' }, '删除诉求');
    btn.addEventListener('click', () => deleteRecord({
      message: `确定删除诉求“${d.title ?? ''}”吗？删除后可在回收站恢复${d.source === 'visit' ? '，恢复后仍与原走访记录关联' : ''}。`,
      button: btn,
      remove: () => api.deleteDemand(d.id),
      done: `已删除“${d.title ?? ''}”，可在回收站恢复`,
      toast, clearAlert, fail, gone: () => st.disposed,
      after: async () => {
        showListPane();
        refreshCounts();
        newBtn.focus();
      },
    }));
    return h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'demand-delete-title' },
      h('h3', { id: 'demand-delete-title' }, '删除'),
      h('p', { class: 'hint' }, '登记错了才删除；不需要办理的可以在办理结果中写明后办结。'),
      btn);
  }

  return {
    show: async () => {
      await refreshShared(true);
      if (st.disposed) return;
      loadStats();
      if (st.mode === 'list') loadList();
      else if (st.mode === 'edit') renderSteps();
    },
    openDemand: (id) => openDemand(idKey(id)),
    isDirty,
    dispose: () => {
      st.disposed = true;
      stopSearch();
      document.removeEventListener('keydown', onKey);
    },
  };
}
