// 减负 › 准入 (issue 15 item 3): matters outside the lists that a department asks to push
// down, admitted through 申请 → 审核 → 审批 (县级党委、政府同意) → 进入 → 退出. The list
// with filters (步骤, 申请部门, 期限, 应退出) and the counts above it; the record's form
// beside it, and under the form its step bar, the moves the core allows (../workflow.js)
// and its timeline; Excel import/export.
// A record list (record-list/): this module gives the columns, fields and commands.
import { h, clear, labelled } from '../dom.js';
import { showFieldError } from '../forms.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import {
  ADMISSION_FIELDS, ADMISSION_STEPS, LEVELS, RESOURCES, TERMS, admissionCells, admissionFormValues, admissionMoveArgs,
  admissionWorkflow, countsText, parseAdmissionForm, stepLabel,
} from '../logic/admissions.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recycleTexts, noteField } from './record-list/index.js';
import { mountWorkflow, runMove } from './workflow.js';
import { exportListInfo } from '../logic/importing.js';

const MOVE_IDS = {
  steps: 'admission-steps', move: 'admission-move', advance: 'admission-advance', back: 'admission-return',
  error: 'admission-move-error', blocked: 'admission-move-blocked', hint: 'admission-move-hint', timeline: 'admission-history',
};
const MOVE_FIELDS = ['date', 'reason', 'opinion', 'approvingBody', 'documentNumber', 'exitReason'];

/** A group of check boxes (`[data-<attr>]`) for a list-valued field. */
function checkPart({ id, legend, field, attr, options, value, empty }) {
  const chosen = new Set((value ?? []).map(String));
  const items = options.map((o) => h('label', { class: 'check-item' },
    h('input', { type: 'checkbox', id: `${id}-${o.value}`, [`data-${attr}`]: o.value, checked: chosen.has(String(o.value)) }),
    h('span', {}, o.label)));
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
  const el = h('fieldset', { class: 'sub-fieldset', id, 'aria-describedby': `${id}-error` },
    h('legend', {}, legend),
    items.length ? h('div', { class: 'check-list' }, items) : h('p', { class: 'hint' }, empty ?? ''),
    error);
  const key = attr.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  return {
    el,
    error,
    read: () => Array.from(el.querySelectorAll(`input[data-${attr}]`)).filter((b) => b.checked).map((b) => b.dataset[key]),
    showError: (message) => showFieldError(error, message, el.querySelector('input'), { mark: false, select: false }),
  };
}

export function mountAdmissions(host, ctx) {
  const { api, toast, onError, clearAlert } = ctx;
  const st = {
    step: '', department: '', term: '', overdue: false, search: '', units: [], counts: null, disposed: false,
  };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });
  const counts = h('p', { class: 'muted', id: 'admissions-counts', 'aria-live': 'polite' });
  const select = (id, label, options) => h('select', { id, 'aria-label': label },
    h('option', { value: '' }, `全部${label}`),
    ...options.map((o) => h('option', { value: o.value }, o.label)));
  const stepFilter = select('admissions-filter-step', '步骤', ADMISSION_STEPS);
  const deptFilter = select('admissions-filter-department', '申请部门', []);
  const termFilter = select('admissions-filter-term', '期限', TERMS);
  const overdueBox = h('input', { type: 'checkbox', id: 'admissions-filter-overdue' });
  const search = h('input', { id: 'admissions-search', type: 'search', placeholder: '搜索事项、部门、内容', 'aria-label': '搜索' });
  stepFilter.addEventListener('change', () => { st.step = stepFilter.value; list.reload(); });
  deptFilter.addEventListener('change', () => { st.department = deptFilter.value; list.reload(); });
  termFilter.addEventListener('change', () => { st.term = termFilter.value; list.reload(); });
  overdueBox.addEventListener('change', () => { st.overdue = overdueBox.checked; list.reload(); });
  search.addEventListener('input', () => { st.search = search.value; list.reload(); });
  const listHost = h('div', { id: 'admissions-pane' });
  host.append(h('section', { class: 'admissions', id: 'admissions-view', 'aria-labelledby': 'admissions-title' },
    h('div', { class: 'view-header' },
      h('h2', { id: 'admissions-title', class: 'sr-only' }, '准入事项'),
      h('p', { class: 'hint' }, '清单以外的事项要下沉到乡镇或网格，须经申请、乡镇审核、县级党委和政府审批后才能进入，到期或完成后退出；资源、服务、管理同步下沉。')),
    counts, listHost));

  function showCounts(c) {
    st.counts = c;
    counts.textContent = countsText(c);
    const keep = deptFilter.value;
    clear(deptFilter, h('option', { value: '' }, '全部申请部门'),
      ...(c?.byDepartment ?? []).map((d) => h('option', { value: d.key }, d.label)));
    deptFilter.value = keep;
  }

  const unitOptions = () => st.units
    .filter((u) => u.kind === 'village' || u.kind === 'base_grid' || u.kind === 'micro_grid')
    // One column in the tree's order: a village, its base grids indented, their micro-grids more.
    .map((u) => ({ value: String(u.id), label: `${{ village: '', base_grid: '　', micro_grid: '　　' }[u.kind]}${u.name ?? ''}` }));

  const list = mountRecordList(listHost, {
    ctx,
    name: 'admission',
    tableId: 'admissions-table',
    tableClass: 'admissions-table',
    label: '准入事项',
    newText: '登记申请',
    emptyText: '没有符合条件的准入事项。点击“登记申请”，或用“从Excel导入”导入准入事项台账。',
    emptyDetail: ['在左侧选择一个事项，查看进度并办理下一步。', '审核要写审核意见；审批要写审批机关和批准文号；短期事项到期要退出。'],
    filters: [
      labelled('步骤', stepFilter),
      labelled('申请部门', deptFilter),
      labelled('期限', termFilter),
      h('label', { class: 'filter-field check-item' }, overdueBox, h('span', {}, '只看应退出')),
      search,
    ],
    period: { date: (a) => a.appliedOn, by: exportListInfo('admissions').periodBy, noun: '项' },
    toolbar: excelTools({
      api, toast, onError, prefix: 'admissions', exportKind: 'admissions',
      period: () => list.period(),
      imports: [{ kind: 'admissions' }],
      onImported: () => { if (!st.disposed) list.reload(); },
    }),
    columns: [
      { title: '申请部门', class: 'cell-nowrap', cell: (a) => admissionCells(a).department },
      { title: '事项名称', class: 'cell-name', cell: (a) => admissionCells(a).matter },
      // Beside the open form the list is narrow: the grids and the end date go on a line of their own.
      {
        title: '实施层面',
        class: 'cell-level',
        cell: (a) => (a.level === 'grid'
          ? h('span', {}, '网格层面', h('span', { class: 'cell-sub' }, (a.unitNames ?? []).filter(Boolean).join('、') || '—'))
          : '乡镇层面'),
      },
      {
        title: '期限',
        class: 'cell-term',
        cell: (a) => (a.term === 'short' ? h('span', {}, '短期', h('span', { class: 'cell-sub' }, `至 ${a.endDate ?? '—'}`)) : '长期'),
      },
      {
        title: '状态',
        class: 'cell-state',
        cell: (a) => {
          const c = admissionCells(a);
          return h('span', {},
            h('span', { class: ['badge', `admission-step-${a.step ?? ''}`] }, c.step),
            c.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue': '' }, '应退出') : null);
        },
      },
    ],
    rowAttrs: (a) => ({ 'data-step': a.step ?? '' }),
    rowLabel: (a) => { const c = admissionCells(a); return `${c.department}，${c.matter}，${c.step}${c.overdue ? '，应退出' : ''}`; },
    init: async () => {
      st.units = (await api.listUnits()) ?? [];
    },
    load: async () => {
      const [found, c] = await Promise.all([
        api.listAdmissions({
          step: st.step, department: st.department, term: st.term, overdue: st.overdue, text: st.search.trim(),
        }),
        api.admissionCounts(),
      ]);
      if (!st.disposed) showCounts(c);
      return found ?? [];
    },
    form: {
      title: (a) => (a ? (a.matter ?? '') : '登记准入申请'),
      values: (a) => admissionFormValues(a, localDate()),
      fields: (a) => [
        { field: 'department', label: '申请部门', maxlength: 60 },
        { field: 'matter', label: '事项名称', maxlength: 100 },
        { field: 'content', label: '事项内容', type: 'textarea', rows: 2, maxlength: 2000 },
        { field: 'basis', label: '依据', type: 'textarea', rows: 2, maxlength: 2000 },
        {
          field: 'resources', type: 'custom',
          build: (v) => checkPart({
            id: 'admission-resources', legend: '同步下沉', field: 'resources', attr: 'admission-resource',
            options: RESOURCES, value: v,
          }),
        },
        { field: 'resourcesNote', label: '下沉说明', maxlength: 500 },
        { field: 'level', label: '实施层面', type: 'select', options: LEVELS },
        {
          field: 'unitIds', type: 'custom',
          build: (v) => checkPart({
            id: 'admission-units', legend: '落实的村/社区、网格（网格层面必选）', field: 'unitIds', attr: 'admission-unit',
            options: [
              ...unitOptions(),
              ...(a?.unitIds ?? []).map(String).filter((id) => !st.units.some((u) => String(u.id) === id))
                .map((id) => ({ value: id, label: '（已不存在）' })),
            ],
            value: v,
            empty: '还没有村/社区或网格，请先在“组织架构”中建立。',
          }),
        },
        { field: 'term', label: '期限类型', type: 'select', options: TERMS },
        { field: 'endDate', label: '截止日期', type: 'date', hint: '短期事项必填，过期未退出的为“应退出”。' },
        { field: 'appliedOn', label: '申请日期', type: 'date' },
        noteField(),
      ],
      parse: parseAdmissionForm,
      fieldNames: ADMISSION_FIELDS,
      focus: 'department',
    },
    create: (input) => api.createAdmission(input),
    update: (id, input) => api.updateAdmission(id, input),
    remove: (id) => api.deleteAdmission(id),
    savedText: (saved, creating, input) => (creating ? `已登记“${saved?.matter ?? input.matter}”的准入申请` : '已保存'),
    deleteText: recycleTexts({ button: '删除事项', noun: '准入事项', name: (a) => a.matter }),
    detailExtra: (a, section) => drawSteps(a, section),
  });

  // ---------- the steps of the open admission ----------
  let workflow = null;
  let current = null;
  function drawSteps(a, section) {
    current = a;
    workflow?.destroy();
    const history = h('div', { class: 'admission-history-host' });
    clear(section, h('h3', { id: 'admission-steps-title' }, '办理进度'));
    section.setAttribute('aria-labelledby', 'admission-steps-title');
    const steps = h('div', { class: 'project-steps-host' });
    section.append(steps, history);
    workflow = mountWorkflow(steps, {
      ids: MOVE_IDS,
      stepsLabel: '准入进度',
      moveLabel: '办理准入',
      doneText: a.step === 'exited' ? '事项已退出，流程结束。' : '流程已结束。',
      backDialog: { title: '退回', placeholder: '例如：批准文号有误，需重新报批' },
      backDate: () => localDate(),
      timelineRoot: history,
      timelineTitle: '时间线',
      timelineTitleId: 'admission-history-title',
      onMove: move,
      focusFallback: () => section.querySelector('h3')?.focus?.(),
    });
    workflow.update(admissionWorkflow(a, { date: localDate() }));
  }

  function move(m, values) {
    const a = current;
    clearAlert?.();
    return runMove({
      parse: () => admissionMoveArgs(m, values),
      run: (args) => api.moveAdmission(a.id, args),
      done: (saved, args) => {
        toast(`“${a.matter ?? ''}”已改为“${m.toLabel || stepLabel(args.to)}”`);
        if (!st.disposed) list.reload();
        void saved;
      },
      gone: () => st.disposed,
      fields: MOVE_FIELDS,
      onError,
      back: () => list.reload(),
    });
  }

  // 首页's 本周提醒 opens an admission due to exit.
  if (ctx.route?.admissionId) list.open(ctx.route.admissionId);

  return {
    show: () => list.reload(),
    isDirty: list.isDirty,
    dispose: () => {
      st.disposed = true;
      workflow?.destroy();
      list.dispose();
    },
    fail,
  };
}
