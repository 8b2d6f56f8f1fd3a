// 共建 › 项目: filters (社区, 共建单位, 状态, 年份, search), the projects as a table or
// as a 看板 with a column per status, and a project's detail:
//   - the step bar 待认领 → 已认领 → 实施中 → 已完成 → 已评价 with the date of each step
//   - 下一步 (one step forward, dated; 评价 asks a score 1–5 and a comment) and 退回… (asks a reason)
//   - the fields (Enter saves, Esc undoes or goes back), claiming units (认领, 取消认领)
//   - the timeline of steps, and evidence files (添加附件…, 打开, 删除; 文件已丢失 when gone)
// Rules live in logic/cobuild.js; the backend decides.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, confirmDelete, confirmDialog, openModal } from '../dialog.js';
import {
  bindFormKeys, bindRowKeys, bindSearchBox, onEnter, isComposing, oneAtATime, whileBusy, clearFieldErrors, showFieldError, showMessage,
  hideMessage, rememberFocus, undoEdits, fieldRow,
} from '../forms.js';
import { pathRow, pickedPath } from '../files.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { formatDateTime, localDate } from '../logic/format.js';
import { valuesChanged, parseDateField } from '../logic/fields.js';
import {
  PROJECT_FIELDS, DEFAULT_CATEGORIES, statusList, statusLabel, earlierStatuses, advancePlan, parseMove, stepBar,
  timelineRows, projectCells, boardColumns, boardSummary, claimCandidates, scoreText, resourcesText, attachmentRow,
  projectFormValues, parseProjectForm, emptyProjectFilters, projectQuery, projectYears,
} from '../logic/cobuild.js';
import { excelTools } from './excel-tools.js';

const SCORE_LABELS = ['', '1 分（差）', '2 分（较差）', '3 分（一般）', '4 分（好）', '5 分（很好）'];

export function mountProjects(host, { api, toast, alert, clearAlert, onError, shared }) {
  const st = {
    filters: emptyProjectFilters(),
    projects: [],
    years: new Set(),
    partners: [],
    villages: [],
    statuses: statusList(null),
    categories: [...DEFAULT_CATEGORIES],
    view: 'list', // 'list' | 'board'
    mode: 'list', // 'list' | 'create' | 'edit'
    project: null,
    baseline: null,
    loadToken: 0,
    viewToken: 0,
    disposed: false,
  };
  let form = null;
  const refs = {}; // the detail's sections

  // ---------- the list ----------
  const newBtn = h('button', { id: 'project-new', type: 'button', class: 'btn btn-primary' }, '新建项目');
  const listBtn = h('button', { id: 'project-view-list', type: 'button', class: 'btn btn-secondary toggle-btn', 'aria-pressed': 'true' }, '列表');
  const boardBtn = h('button', { id: 'project-view-board', type: 'button', class: 'btn btn-secondary toggle-btn', 'aria-pressed': 'false' }, '看板');
  const villageSel = h('select', { id: 'project-filter-village', 'aria-label': '社区' });
  const partnerSel = h('select', { id: 'project-filter-partner', 'aria-label': '共建单位' });
  const statusSel = h('select', { id: 'project-filter-status', 'aria-label': '状态' });
  const yearSel = h('select', { id: 'project-filter-year', 'aria-label': '年份' });
  const search = h('input', {
    id: 'project-search', type: 'search', class: 'filter project-search', autocomplete: 'off',
    placeholder: '搜索项目名称、类别或单位', 'aria-label': '搜索项目名称、类别或单位',
  });
  const summary = h('p', { class: 'counts-line', id: 'projects-summary', role: 'status' });
  const listHost = h('div', { class: 'table-scroll', id: 'projects-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const boardHost = h('div', { id: 'project-board', class: 'board', hidden: true, 'aria-label': '项目看板' });
  const field = (label, control) => h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, label), control);
  const listPane = h('div', { id: 'project-list-pane' },
    h('div', { class: 'toolbar toolbar-spread' },
      h('div', { class: 'button-row' }, newBtn,
        h('div', { class: 'toggle-group', role: 'group', 'aria-label': '显示方式' }, listBtn, boardBtn)),
      excelTools({
        api, toast, onError, prefix: 'projects', exportKind: 'projects', defaultName: '共建项目.xlsx',
        exportHint: '导出全部共建项目（社区、类别、认领单位、状态、各步日期、投入资源、评价）。',
        imports: [{ kind: 'projects' }],
        onImported: () => { if (!st.disposed) loadList(); },
      })),
    h('div', { class: 'people-filters' },
      search, field('社区', villageSel), field('共建单位', partnerSel), field('状态', statusSel), field('年份', yearSel)),
    summary,
    listHost,
    boardHost);
  const detail = h('div', { id: 'project-detail', class: 'project-detail', hidden: true });
  host.append(listPane, detail);

  newBtn.addEventListener('click', () => startCreate());
  listBtn.addEventListener('click', () => setView('list'));
  boardBtn.addEventListener('click', () => setView('board'));
  for (const [el, key] of [[villageSel, 'villageId'], [partnerSel, 'partnerUnitId'], [statusSel, 'status'], [yearSel, 'year']]) {
    el.addEventListener('change', () => {
      st.filters[key] = el.value;
      loadList();
    });
  }
  const stopSearch = bindSearchBox(search, {
    search: (text) => {
      st.filters.text = text;
      loadList();
    },
    first: () => (st.view === 'board' ? boardHost : listHost).querySelector('[data-project-id]'),
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
    const [options, villages, partners] = await Promise.all([shared.options(), shared.villages(), shared.partners()]);
    if (st.disposed) return;
    st.statuses = statusList(options);
    if (Array.isArray(options?.categories) && options.categories.length) st.categories = options.categories.map(String);
    st.villages = villages;
    st.partners = partners;
    fillFilters();
    await loadList();
  }

  function fillFilters() {
    const keep = (sel, value, options) => {
      sel.value = options.some((o) => o.value === value) ? value : '';
      return sel.value;
    };
    const vOpts = st.villages.map((v) => ({ value: v.id, label: v.label }));
    clear(villageSel, h('option', { value: '' }, '全部社区'), vOpts.map((o) => h('option', { value: o.value }, o.label)));
    st.filters.villageId = keep(villageSel, st.filters.villageId, vOpts);
    const pOpts = st.partners.map((u) => ({ value: idKey(u.id), label: u.name ?? '' }));
    clear(partnerSel, h('option', { value: '' }, '全部共建单位'), pOpts.map((o) => h('option', { value: o.value }, o.label)));
    st.filters.partnerUnitId = keep(partnerSel, st.filters.partnerUnitId, pOpts);
    clear(statusSel, h('option', { value: '' }, '全部状态'), st.statuses.map((s) => h('option', { value: s.value }, s.label)));
    statusSel.value = st.filters.status;
    fillYears();
  }

  function fillYears() {
    const years = projectYears(new Date().getFullYear(), [...st.years].map((y) => ({ plannedStart: `${y}-01-01` })));
    clear(yearSel, h('option', { value: '' }, '全部年份'), years.map((y) => h('option', { value: y }, `${y}年`)));
    yearSel.value = st.filters.year;
  }

  async function loadList() {
    const token = ++st.loadToken;
    listHost.setAttribute('aria-busy', 'true');
    let list;
    try {
      list = await api.listProjects(projectQuery(st.filters));
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      listHost.removeAttribute('aria-busy');
      fail(e);
      if (!listHost.querySelector('table')) clear(listHost, h('p', { class: 'empty-state' }, '共建项目没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    listHost.removeAttribute('aria-busy');
    st.projects = Array.isArray(list) ? list : [];
    const before = st.years.size;
    for (const y of projectYears(0, st.projects)) st.years.add(y);
    if (st.years.size !== before) fillYears();
    renderList();
  }

  function setView(view) {
    st.view = view;
    listBtn.setAttribute('aria-pressed', String(view === 'list'));
    boardBtn.setAttribute('aria-pressed', String(view === 'board'));
    listHost.hidden = view !== 'list';
    boardHost.hidden = view !== 'board';
    renderList();
  }

  function renderList() {
    summary.textContent = boardSummary(st.projects, st.statuses);
    if (st.view === 'board') renderBoard();
    else renderTable();
  }

  function isFiltered() {
    const q = projectQuery(st.filters);
    return Object.values(q).some((v) => v !== '');
  }

  function renderTable() {
    if (!st.projects.length) {
      clear(listHost, h('p', { class: 'empty-state', id: 'projects-empty' }, isFiltered()
        ? '没有符合条件的共建项目。'
        : '还没有共建项目。点击“新建项目”，登记社区提出的需求。'));
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.projectId : null;
    clear(listHost, h('table', { class: 'data-table projects-table', id: 'projects-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '项目名称'),
        h('th', { scope: 'col' }, '社区'),
        h('th', { scope: 'col' }, '类别'),
        h('th', { scope: 'col' }, '认领单位'),
        h('th', { scope: 'col' }, '状态'),
        h('th', { scope: 'col' }, '计划时间'),
        h('th', { scope: 'col' }, '完成日期'),
        h('th', { scope: 'col' }, '附件'))),
      h('tbody', {}, st.projects.map((p) => {
        const id = idKey(p.id);
        const c = projectCells(p, st.statuses);
        const tr = h('tr', {
          class: 'record-row', 'data-project-id': id, 'data-status': c.status, tabindex: '0',
          'aria-label': `${c.title}，${c.statusLabel}，按 Enter 打开`,
        },
        h('td', { class: 'cell-name' }, c.title),
        h('td', { class: 'cell-nowrap' }, c.village),
        h('td', { class: 'cell-nowrap' }, c.category),
        h('td', {}, c.claims),
        h('td', { class: 'cell-nowrap' }, statusBadge(c.status, c.statusLabel)),
        h('td', { class: 'cell-nowrap' }, c.planned),
        h('td', { class: 'cell-time' }, c.actualEnd),
        h('td', { class: 'cell-nowrap' }, c.attachments));
        tr.addEventListener('click', () => openProject(id));
        bindRowKeys(tr, () => openProject(id), { root: listHost, selector: 'tr[data-project-id]', onTop: () => search.focus() });
        return tr;
      }))));
    if (hadFocus) listHost.querySelector(`tr[data-project-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function renderBoard() {
    const hadFocus = boardHost.contains(document.activeElement) ? document.activeElement?.dataset?.projectId : null;
    clear(boardHost, boardColumns(st.projects, st.statuses).map((col) => h('section', {
      class: ['board-col', `board-${col.value}`], 'data-board-status': col.value, 'aria-labelledby': `board-${col.value}-title`,
    },
    h('h3', { class: 'board-col-title', id: `board-${col.value}-title` }, col.label, h('span', { class: 'board-count' }, String(col.count))),
    col.projects.length
      ? h('ul', { class: 'board-cards' }, col.projects.map((p) => {
        const id = idKey(p.id);
        const c = projectCells(p, st.statuses);
        const card = h('button', {
          type: 'button', class: 'board-card', 'data-project-id': id, 'aria-label': `${c.title}，${c.village}，${c.statusLabel}`,
        },
        h('span', { class: 'board-card-title' }, c.title),
        h('span', { class: 'board-card-meta' }, [c.village, c.category].filter(Boolean).join(' · ')),
        h('span', { class: 'board-card-claims' }, c.claims === '—' ? '还没有认领单位' : `认领：${c.claims}`),
        c.actualEnd ? h('span', { class: 'board-card-meta' }, `完成于 ${c.actualEnd}`) : null,
        c.score ? h('span', { class: 'board-card-score' }, c.score) : null);
        card.addEventListener('click', () => openProject(id));
        return h('li', {}, card);
      }))
      : h('p', { class: 'board-empty' }, '暂无'))));
    if (hadFocus) boardHost.querySelector(`[data-project-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function statusBadge(status, label) {
    return h('span', { class: ['status-badge', `status-${status}`], 'data-status-badge': status }, label ?? statusLabel(status, st.statuses));
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
    st.project = null;
    form = null;
    clear(detail);
    detail.hidden = true;
    listPane.hidden = false;
  }

  async function backToList() {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    const id = idKey(st.project?.id);
    showListPane();
    clearAlert?.();
    await loadList();
    if (st.disposed) return;
    const host = st.view === 'board' ? boardHost : listHost;
    ((id && host.querySelector(`[data-project-id="${cssEscape(id)}"]`)) || newBtn).focus();
  }

  async function startCreate() {
    if (st.mode !== 'list' && !(await confirmDiscard(isDirty()))) return;
    if (st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'create';
    st.project = null;
    // Partner units and villages may have changed in the other tab.
    st.villages = await shared.villages({ fresh: true });
    if (st.disposed) return;
    renderDetail();
    showDetail();
    form?.inputs.title.focus();
  }

  async function openProject(id) {
    if (st.mode !== 'list' && idKey(st.project?.id) !== idKey(id) && !(await confirmDiscard(isDirty()))) return;
    if (st.disposed) return;
    clearAlert?.();
    const token = ++st.viewToken;
    let project;
    try {
      const [p, partners] = await Promise.all([api.getProject(id), shared.partners({ fresh: true })]);
      project = p;
      st.partners = partners;
    } catch (e) {
      if (st.disposed || token !== st.viewToken) return;
      reportError(e, { show: alert, reboot: onError, reload: () => loadList() });
      return;
    }
    if (st.disposed || token !== st.viewToken) return;
    st.mode = 'edit';
    st.project = project;
    renderDetail();
    showDetail();
    (detail.querySelector('#project-advance:not([disabled])') ?? form?.inputs.title)?.focus();
  }

  // ---------- detail: render ----------
  function renderDetail() {
    form = null;
    const p = st.project;
    const creating = st.mode === 'create';
    const back = h('button', { id: 'project-back', type: 'button', class: 'btn btn-secondary btn-small' }, '‹ 返回项目列表');
    back.addEventListener('click', backToList);
    refs.head = h('div', { class: 'detail-head' });
    refs.steps = h('div', { class: 'project-steps-host' });
    refs.claims = h('section', { class: 'info-section', id: 'project-claims-section', 'aria-labelledby': 'project-claims-title' });
    refs.attachments = h('section', { class: 'info-section', id: 'project-attachments-section', 'aria-labelledby': 'project-attachments-title' });
    refs.timeline = h('section', { class: 'info-section', id: 'project-timeline-section', 'aria-labelledby': 'project-timeline-title' });
    clear(detail,
      h('div', { class: 'detail-head' }, back, refs.head),
      creating ? h('p', { class: 'meta' }, '登记社区提出的需求。保存后可以添加认领单位，并一步步推进。') : refs.steps,
      h('div', { class: creating ? 'project-create' : 'project-grid' },
        h('div', { class: 'project-main' }, buildForm(p), creating ? null : deleteSection(p)),
        creating ? null : h('div', { class: 'project-side' }, refs.claims, refs.attachments, refs.timeline)));
    renderHead();
    if (!creating) {
      renderSteps();
      renderClaims();
      renderAttachments();
      renderTimeline();
    }
  }

  /** After a change that returned the project: everything but the form (which may hold typing). */
  function applyProject(p) {
    if (!p) return;
    st.project = p;
    renderHead();
    renderSteps();
    renderClaims();
    renderAttachments();
    renderTimeline();
    loadList();
  }

  function renderHead() {
    const p = st.project;
    clear(refs.head,
      h('h2', { class: 'detail-title', id: 'project-detail-title' }, p ? (p.title ?? '') : '新建共建项目'),
      p ? statusBadge(p.status, p.statusLabel || statusLabel(p.status, st.statuses)) : null,
      p ? h('span', { class: 'meta' }, `${p.villageName ?? ''} · 登记于 ${formatDateTime(p.createdAt)}`) : null);
  }

  function renderSteps() {
    const p = st.project;
    const bar = h('ol', { class: 'step-bar', id: 'project-steps', 'aria-label': '项目进度' },
      stepBar(p, st.statuses).map((s, i) => h('li', {
        class: ['step-item', `is-${s.state}`], 'data-step': s.value, 'aria-current': s.state === 'current' ? 'step' : null,
      },
      h('span', { class: 'step-dot', 'aria-hidden': 'true' }, s.state === 'done' ? '✓' : String(i + 1)),
      h('span', { class: 'step-label' }, s.label),
      h('span', { class: 'step-date' }, s.date))));
    clear(refs.steps, bar, moveSection(p), evaluationBlock(p));
  }

  function evaluationBlock(p) {
    if (!p?.score && !p?.evaluation) return null;
    return h('div', { class: 'evaluation', id: 'project-evaluation' },
      h('span', { class: 'evaluation-score' }, scoreText(p.score) || '未打分'),
      p.evaluation ? h('span', { class: 'evaluation-text' }, p.evaluation) : null);
  }

  function moveSection(p) {
    const plan = advancePlan(p);
    const back = earlierStatuses(p.status, st.statuses);
    const error = h('p', { class: 'field-error', id: 'move-error', role: 'alert', hidden: true });
    const controls = [];
    const inputs = {};
    if (plan) {
      inputs.date = h('input', {
        type: 'text', id: 'move-date', class: 'input-date', maxlength: '12', autocomplete: 'off', value: localDate(),
        'aria-label': `${plan.text.replace('下一步：', '')}的日期`,
      });
      controls.push(h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '日期'), inputs.date));
      if (plan.needsScore) {
        inputs.score = h('select', { id: 'move-score', 'aria-label': '评分' },
          h('option', { value: '' }, '请评分'), [5, 4, 3, 2, 1].map((n) => h('option', { value: String(n) }, SCORE_LABELS[n])));
        inputs.evaluation = h('textarea', { id: 'move-evaluation', rows: '2', maxlength: '1000', placeholder: '评价意见（可不填）', 'aria-label': '评价意见' });
        controls.push(h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '评分'), inputs.score));
      }
    }
    const advance = plan
      ? h('button', { id: 'project-advance', type: 'button', class: 'btn btn-primary', disabled: !!plan.blocked, 'data-to': plan.to }, plan.text)
      : null;
    const returnBtn = back.length
      ? h('button', { id: 'project-return', type: 'button', class: 'btn btn-secondary' }, '退回…')
      : null;
    const run = oneAtATime(async () => {
      hideMessage(error);
      const parsed = parseMove({
        to: plan.to, date: inputs.date.value, score: inputs.score?.value ?? '', evaluation: inputs.evaluation?.value ?? '',
      }, { from: p.status });
      if (!parsed.ok) {
        showFieldError(error, parsed.error.message, inputs[parsed.error.field] ?? inputs.date, { select: false });
        return;
      }
      await move(parsed.args, [advance, returnBtn], (e) => reportError(e, {
        fields: ['date', 'score', 'evaluation', 'to', 'reason'],
        field: (f, message) => showFieldError(error, message, inputs[f] ?? inputs.date, { select: false }),
        show: (m) => showMessage(error, m),
        reboot: onError,
        reload: () => backToList(),
      }));
    });
    advance?.addEventListener('click', run);
    if (inputs.date) onEnter(inputs.date, () => { if (!advance.disabled) run(); });
    if (inputs.score) onEnter(inputs.score, () => run());
    returnBtn?.addEventListener('click', () => openReturn(p, inputs.date?.value ?? ''));
    return h('section', { class: 'move-bar', id: 'project-move', 'aria-label': '推进项目' },
      plan ? h('div', { class: 'move-row' }, controls, advance, returnBtn) : h('div', { class: 'move-row' },
        h('span', { class: 'ok-line' }, '项目已评价，流程结束。'), returnBtn),
      inputs.evaluation ? h('div', { class: 'move-evaluation' }, inputs.evaluation) : null,
      plan?.blocked ? h('p', { class: 'callout callout-warning', id: 'move-blocked' }, plan.blocked) : null,
      plan?.hint && !plan.blocked ? h('p', { class: 'hint', id: 'move-hint' }, plan.hint) : null,
      error);
  }

  /** move_project, then show the answer; `onFail` reports an error where the clerk is. */
  async function move(args, buttons, onFail) {
    const p = st.project;
    const token = st.viewToken;
    clearAlert?.();
    await whileBusy(buttons, async () => {
      try {
        const saved = await api.moveProject(p.id, args);
        if (st.disposed || token !== st.viewToken) return;
        toast(`“${p.title ?? ''}”已${args.to === 'evaluated' ? '评价' : `改为${statusLabel(args.to, st.statuses)}`}`);
        applyProject(saved);
        (detail.querySelector('#project-advance:not([disabled])') ?? detail.querySelector('#project-return') ?? detail.querySelector('#project-back'))?.focus();
      } catch (e) {
        if (!st.disposed && token === st.viewToken) onFail(e);
      }
    });
  }

  /** 退回…: to which earlier status, and why (required). */
  function openReturn(p, date) {
    const options = earlierStatuses(p.status, st.statuses);
    const to = h('select', { id: 'return-to' }, options.map((o) => h('option', { value: o.value }, o.label)));
    const reason = h('textarea', {
      id: 'return-reason', rows: '3', maxlength: '500', placeholder: '例如：认领单位撤回，需要重新认领', 'aria-describedby': 'return-error',
    });
    const error = h('p', { class: 'file-error', id: 'return-error', role: 'alert', hidden: true });
    const ok = h('button', { id: 'return-ok', type: 'button', class: 'btn btn-primary' }, '退回');
    const cancel = h('button', { id: 'return-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
    const { close } = openModal({
      id: 'return-dialog',
      title: '退回项目',
      className: 'dialog-medium',
      content: [
        h('p', { class: 'hint' }, `“${p.title ?? ''}”现在是“${statusLabel(p.status, st.statuses)}”。退回到之前的状态要写明原因，原因记入时间线。`),
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
      const parsed = parseMove({ to: to.value, date, reason: reason.value }, { from: p.status });
      if (!parsed.ok) {
        showFieldError(error, parsed.error.message, parsed.error.field === 'to' ? to : reason, { mark: parsed.error.field === 'reason', select: false });
        return;
      }
      let failed = false;
      await move(parsed.args, [ok, cancel], (e) => {
        failed = true;
        reportError(e, {
          fields: ['reason', 'to', 'date'],
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

  // ---------- claims ----------
  function renderClaims() {
    const p = st.project;
    const claims = Array.isArray(p.claims) ? p.claims : [];
    const error = h('p', { class: 'field-error', id: 'claim-error', role: 'alert', hidden: true });
    const candidates = claimCandidates(st.partners, p);
    const unit = h('select', { id: 'claim-unit', 'aria-label': '认领单位', 'aria-describedby': 'claim-error' },
      h('option', { value: '' }, candidates.length ? '选择共建单位…' : (st.partners.length ? '共建单位都已认领' : '还没有共建单位')),
      candidates.map((c) => h('option', { value: c.id }, c.label)));
    const date = h('input', {
      id: 'claim-date', type: 'text', class: 'input-date', maxlength: '12', autocomplete: 'off', placeholder: '认领日期',
      'aria-label': '认领日期（留空为今天）',
    });
    const add = h('button', { id: 'claim-add', type: 'button', class: 'btn btn-primary', disabled: !candidates.length }, '认领');
    const report = (e) => reportError(e, {
      fields: ['partnerUnitId', 'claimedOn'],
      field: (f, message) => showFieldError(error, message, f === 'claimedOn' ? date : unit, { select: false }),
      show: (m) => showMessage(error, m),
      reboot: onError,
      reload: () => backToList(),
    });
    const doAdd = oneAtATime(async () => {
      hideMessage(error);
      if (!unit.value) {
        showFieldError(error, '请选择认领的共建单位。', unit, { select: false });
        return;
      }
      const parsedDate = parseDateField(date.value, 'claimedOn', '认领日期');
      if (!parsedDate.ok) {
        showFieldError(error, `${parsedDate.error.message}留空为今天。`, date);
        return;
      }
      const name = unit.selectedOptions[0]?.textContent ?? '';
      const token = st.viewToken;
      await whileBusy([add, unit], async () => {
        try {
          const saved = await api.claimProject(p.id, unit.value, parsedDate.value);
          if (st.disposed || token !== st.viewToken) return;
          toast(`${name.replace('（结对）', '')} 已认领`);
          applyProject(saved);
          refs.claims.querySelector('#claim-unit')?.focus();
        } catch (e) {
          if (!st.disposed && token === st.viewToken) report(e);
        }
      });
    });
    add.addEventListener('click', doAdd);
    onEnter(unit, doAdd);
    onEnter(date, doAdd);
    const finished = p.status === 'completed' || p.status === 'evaluated';
    clear(refs.claims,
      h('h3', { id: 'project-claims-title' }, `认领单位（${claims.length}）`),
      claims.length
        ? h('ul', { class: 'item-list', id: 'project-claims' }, claims.map((c) => {
          const uid = idKey(c.partnerUnitId);
          const remove = h('button', {
            type: 'button', class: 'btn btn-link btn-small link-danger', 'data-claim-remove': uid, 'aria-label': `取消${c.name ?? ''}的认领`,
          }, '取消认领');
          remove.addEventListener('click', async () => {
            const ok = await confirmDialog({
              title: '取消认领', message: `确定取消“${c.name ?? ''}”对这个项目的认领吗？`, okText: '取消认领', cancelText: '不取消', danger: true,
            });
            if (!ok || st.disposed) return;
            hideMessage(error);
            const token = st.viewToken;
            await whileBusy(remove, async () => {
              try {
                const saved = await api.unclaimProject(p.id, uid);
                if (st.disposed || token !== st.viewToken) return;
                toast(`已取消“${c.name ?? ''}”的认领`);
                applyProject(saved);
                refs.claims.querySelector('#claim-unit')?.focus();
              } catch (e) {
                if (!st.disposed && token === st.viewToken) report(e);
              }
            });
          });
          return h('li', { class: 'item-row', 'data-claim-unit-id': uid },
            h('span', { class: 'item-name' }, c.name ?? ''),
            h('span', { class: 'item-meta' }, c.claimedOn ? `${c.claimedOn} 认领` : ''),
            remove);
        }))
        : h('p', { class: 'hint', id: 'project-claims-empty' }, '还没有单位认领。一个项目可以由多个共建单位共同认领。'),
      finished
        ? h('p', { class: 'hint' }, '项目已完成，不再接受认领。')
        : h('div', { class: 'button-row add-row' }, unit, date, add),
      error);
  }

  // ---------- attachments ----------
  function renderAttachments() {
    const p = st.project;
    const list = (Array.isArray(p.attachments) ? p.attachments : []).map(attachmentRow);
    const error = h('p', { class: 'file-error', id: 'attach-error', role: 'alert', hidden: true });
    const report = (e) => reportError(e, { show: (m) => showMessage(error, m), reboot: onError, reload: () => backToList() });
    const picker = pathRow({
      inputId: 'attach-path', buttonId: 'attach-file', buttonText: '添加附件…',
      ariaLabel: '附件文件位置', placeholder: '文件位置，或点“添加附件…”选择',
    });
    const addTyped = h('button', { id: 'attach-add', type: 'button', class: 'btn btn-secondary' }, '添加');
    picker.row.append(addTyped);
    const attach = async (path) => {
      hideMessage(error);
      const token = st.viewToken;
      await whileBusy([picker.button, addTyped], async () => {
        try {
          const saved = await api.attachProjectFile(p.id, path);
          if (st.disposed || token !== st.viewToken) return;
          toast('已添加附件');
          applyProject(saved);
          refs.attachments.querySelector('#attach-file')?.focus();
        } catch (e) {
          if (!st.disposed && token === st.viewToken) report(e);
        }
      });
    };
    picker.button.addEventListener('click', async () => {
      hideMessage(error);
      try {
        const path = pickedPath(await api.chooseOpenFile('选择佐证材料（照片、PDF、Office 文档）', 'any'));
        if (path && !st.disposed) await attach(path);
      } catch (e) {
        if (!st.disposed) report(e);
      }
    });
    const fromBox = () => {
      const path = picker.input.value.trim();
      if (!path) {
        showFieldError(error, '请填写文件的位置，或点“添加附件…”选择。', picker.input);
        return;
      }
      attach(path);
    };
    addTyped.addEventListener('click', fromBox);
    onEnter(picker.input, fromBox);

    clear(refs.attachments,
      h('h3', { id: 'project-attachments-title' }, `佐证材料（${list.length}）`),
      list.length
        ? h('ul', { class: 'item-list', id: 'project-attachments' }, list.map((a) => {
          const open = h('button', {
            type: 'button', class: 'btn btn-secondary btn-small', 'data-attachment-open': a.hash, disabled: a.missing,
            'aria-label': `打开 ${a.name}`,
          }, '打开');
          const remove = h('button', {
            type: 'button', class: 'btn btn-link btn-small link-danger', 'data-attachment-remove': a.hash, 'aria-label': `删除 ${a.name}`,
          }, '删除');
          open.addEventListener('click', async () => {
            hideMessage(error);
            await whileBusy(open, async () => {
              try {
                await api.openAttachment(a.hash);
              } catch (e) {
                if (!st.disposed) report(e);
              }
            });
          });
          remove.addEventListener('click', async () => {
            if (!(await confirmDelete(`确定从项目中删除附件“${a.name}”吗？`)) || st.disposed) return;
            hideMessage(error);
            const token = st.viewToken;
            await whileBusy(remove, async () => {
              try {
                const saved = await api.removeProjectAttachment(p.id, a.hash);
                if (st.disposed || token !== st.viewToken) return;
                toast(`已删除附件“${a.name}”`);
                applyProject(saved);
                refs.attachments.querySelector('#attach-file')?.focus();
              } catch (e) {
                if (!st.disposed && token === st.viewToken) report(e);
              }
            });
          });
          return h('li', { class: ['item-row', a.missing && 'is-missing'], 'data-attachment-hash': a.hash },
            h('span', { class: 'item-name file-name' }, a.name),
            h('span', { class: 'item-meta' }, `${a.size}${a.addedAt ? ` · ${a.addedAt}` : ''}`),
            a.missing ? h('span', { class: 'badge badge-bad', 'data-missing': '' }, '文件已丢失') : null,
            h('span', { class: 'item-actions' }, open, remove));
        }))
        : h('p', { class: 'hint', id: 'project-attachments-empty' }, '还没有佐证材料。完成后请上传现场照片、验收单等。'),
      picker.row,
      error,
      h('p', { class: 'hint' }, '照片、PDF、Word/Excel 等文件会复制到数据文件旁的附件文件夹（相同内容只存一份），备份时一并保存。'));
  }

  // ---------- timeline ----------
  function renderTimeline() {
    const rows = timelineRows(st.project.events, st.statuses);
    clear(refs.timeline,
      h('h3', { id: 'project-timeline-title' }, '时间线'),
      rows.length
        ? h('ol', { class: 'timeline', id: 'project-timeline' }, rows.map((r, i) => h('li', {
          class: ['timeline-item', r.back && 'is-back'], 'data-event-index': String(i),
        },
        h('span', { class: 'timeline-date' }, r.date),
        h('span', { class: 'timeline-text' }, r.text, r.back ? h('span', { class: 'badge badge-warn' }, '退回') : null),
        r.reason ? h('span', { class: ['timeline-reason', r.back && 'timeline-reason-back'] }, r.back ? `原因：${r.reason}` : r.reason) : null,
        r.recordedAt ? h('span', { class: 'timeline-recorded' }, `记录于 ${r.recordedAt}`) : null)))
        : h('p', { class: 'hint' }, '还没有记录。'));
  }

  // ---------- the form ----------
  function buildForm(p) {
    const values = projectFormValues(p, { villageId: st.filters.villageId });
    st.baseline = { ...values };
    const inputs = {};
    const errors = {};
    const text = (field, attrs = {}) => h('input', {
      type: 'text', id: `project-${field}`, name: field, autocomplete: 'off', value: values[field], ...attrs,
    });
    inputs.title = text('title', { maxlength: '100' });
    inputs.villageId = h('select', { id: 'project-villageId', name: 'villageId' },
      h('option', { value: '' }, st.villages.length ? '请选择村/社区' : '还没有村/社区'),
      st.villages.map((v) => h('option', { value: v.id }, v.label)));
    if (values.villageId && !st.villages.some((v) => v.id === values.villageId)) {
      inputs.villageId.append(h('option', { value: values.villageId }, p?.villageName || '（已不存在的村/社区）'));
    }
    inputs.villageId.value = values.villageId;
    inputs.category = text('category', { maxlength: '30', list: 'project-categories', placeholder: '可选择或填写' });
    const categories = h('datalist', { id: 'project-categories' }, st.categories.map((c) => h('option', { value: c })));
    inputs.plannedStart = text('plannedStart', { class: 'input-date', maxlength: '12', placeholder: '如 2026-03-01' });
    inputs.plannedEnd = text('plannedEnd', { class: 'input-date', maxlength: '12', placeholder: '如 2026-09-30' });
    inputs.money = text('money', { class: 'input-count', maxlength: '16', inputmode: 'decimal', placeholder: '元' });
    inputs.people = text('people', { class: 'input-count', maxlength: '8', inputmode: 'numeric', placeholder: '人' });
    inputs.goods = text('goods', { maxlength: '200', placeholder: '如 图书 200 册、健身器材一套' });
    inputs.beneficiaries = text('beneficiaries', { maxlength: '200', placeholder: '如 6 号楼住户 48 户、辖区老人 120 人' });
    inputs.note = h('textarea', { id: 'project-note', name: 'note', rows: '3', maxlength: '2000', placeholder: '需求的具体内容、实施情况等' });
    inputs.note.value = values.note;

    const creating = !p;
    const saveBtn = h('button', { id: 'project-save', type: 'submit', class: 'btn btn-primary' }, creating ? '保存并继续' : '保存');
    const cancelBtn = h('button', { id: 'project-cancel', type: 'button', class: 'btn btn-secondary' }, creating ? '取消' : '撤销修改');
    const facts = p
      ? h('dl', { class: 'info-grid project-facts', id: 'project-facts' },
        h('dt', {}, '实际开始'), h('dd', {}, p.actualStart || '—'),
        h('dt', {}, '实际完成'), h('dd', {}, p.actualEnd || '—'),
        h('dt', {}, '投入资源'), h('dd', {}, resourcesText(p)))
      : null;
    const el = h('form', { id: 'project-form', class: 'project-form', novalidate: true, 'aria-labelledby': 'project-form-title' },
      h('h3', { id: 'project-form-title' }, creating ? '项目信息' : '项目信息（可修改）'),
      fieldRow({ field: 'title', label: '项目名称', control: inputs.title, errors }),
      fieldRow({ field: 'villageId', label: '提出需求的村/社区', control: inputs.villageId, errors }),
      fieldRow({ field: 'category', label: '类别', control: inputs.category, errors, extra: categories }),
      fieldRow({ field: 'plannedStart', label: '计划开始', control: inputs.plannedStart, errors }),
      fieldRow({ field: 'plannedEnd', label: '计划完成', control: inputs.plannedEnd, errors }),
      fieldRow({ field: 'money', label: '投入资金（元）', control: inputs.money, errors }),
      fieldRow({ field: 'people', label: '投入人力（人）', control: inputs.people, errors }),
      fieldRow({ field: 'goods', label: '投入物资', control: inputs.goods, errors }),
      fieldRow({ field: 'beneficiaries', label: '受益对象', control: inputs.beneficiaries, errors }),
      fieldRow({ field: 'note', label: '说明', control: inputs.note, errors, wide: true }),
      h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')),
      facts);
    const read = () => Object.fromEntries(PROJECT_FIELDS.map((f) => [f, inputs[f].value]));
    const cancel = () => {
      if (creating) {
        showListPane();
        newBtn.focus();
      } else if (isDirty()) {
        undoEdits({
          dirty: true,
          toast,
          render: () => {
            const old = form.el;
            old.replaceWith(buildForm(st.project));
          },
          focus: () => form?.inputs.title.focus(),
        });
      } else {
        backToList();
      }
    };
    cancelBtn.addEventListener('click', cancel);
    bindFormKeys(el, { save: oneAtATime(saveProject), cancel });
    form = { el, inputs, errors, saveBtn, read };
    return el;
  }

  async function saveProject() {
    const f = form;
    if (!f) return;
    clearFieldErrors(f.errors, f.inputs);
    const parsed = parseProjectForm(f.read());
    if (!parsed.ok) {
      showError(f, parsed.error.field, parsed.error.message);
      return;
    }
    const creating = st.mode === 'create';
    const token = st.viewToken;
    await whileBusy(f.saveBtn, async () => {
      try {
        const saved = creating ? await api.createProject(parsed.input) : await api.updateProject(st.project.id, parsed.input);
        if (st.disposed) return;
        toast(creating ? `已新建项目“${saved?.title ?? parsed.input.title}”，请添加认领单位` : '已保存');
        loadList();
        if (token !== st.viewToken || !saved) return;
        if (creating) {
          st.mode = 'edit';
          st.project = saved;
          st.partners = await shared.partners({ fresh: true });
          if (st.disposed || token !== st.viewToken) return;
          renderDetail();
          (detail.querySelector('#claim-unit') ?? form?.inputs.title)?.focus();
        } else {
          const refocus = rememberFocus();
          st.project = saved;
          f.el.replaceWith(buildForm(saved));
          renderHead();
          renderSteps();
          refocus(form?.inputs.title);
        }
      } catch (e) {
        if (st.disposed) return;
        reportError(e, {
          fields: PROJECT_FIELDS,
          field: (fieldName, message) => showError(f, fieldName, message),
          show: alert,
          reboot: onError,
          reload: () => backToList(),
        });
      }
    });
  }

  function showError(f, field, message) {
    const slot = f.errors[field];
    if (!slot) {
      alert(message);
      return;
    }
    const control = f.inputs[field];
    showFieldError(slot, message, control, { select: control?.tagName === 'INPUT' });
  }

  function deleteSection(p) {
    const btn = h('button', { id: 'project-delete', type: 'button', class: 'btn btn-danger' }, '删除项目');
    btn.addEventListener('click', async () => {
      if (!(await confirmDelete(`确定删除共建项目“${p.title ?? ''}”吗？删除后可在回收站恢复，附件一并保留。`)) || st.disposed) return;
      clearAlert?.();
      await whileBusy(btn, async () => {
        try {
          await api.deleteProject(p.id);
          if (st.disposed) return;
          toast(`已删除“${p.title ?? ''}”，可在回收站恢复`);
          showListPane();
          await loadList();
          newBtn.focus();
        } catch (e) {
          if (!st.disposed) reportError(e, { show: alert, reboot: onError, reload: () => backToList() });
        }
      });
    });
    return h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'project-delete-title' },
      h('h3', { id: 'project-delete-title' }, '删除'),
      h('p', { class: 'hint' }, '登记错了才删除；项目不做了可以退回或在说明里写明。'),
      btn);
  }

  return {
    show: async () => {
      const [villages, partners] = await Promise.all([shared.villages({ fresh: true }), shared.partners({ fresh: true })]);
      if (st.disposed) return;
      st.villages = villages;
      st.partners = partners;
      fillFilters();
      if (st.mode === 'list') loadList();
      else if (st.mode === 'edit') renderClaims();
    },
    openProject: (id) => openProject(idKey(id)),
    isDirty,
    dispose: () => {
      st.disposed = true;
      stopSearch();
      document.removeEventListener('keydown', onKey);
    },
  };
}
