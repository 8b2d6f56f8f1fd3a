// 减负 › 准入 (issue 15 item 3): the steps, what comes down with a matter, levels and
// terms; the list's cells and counts line; the form's values and parsing; and what
// views/workflow.js draws for an admission (step bar, the core's moves, timeline).
// The moves themselves come from the core (AdmissionView.moves). Pure: no DOM.
import { workflowMoves, moveArgsWith } from './workflows.js';
import { formatDateTime } from './format.js';
import { formValues, fieldError, text, problemsOf } from './fields.js';
import { choicesOf, labelOf } from './labels.js';

/** The steps with their names ([{ value, label }], the core's order: applied … exited, then the two refusals), from the catalog. */
export const ADMISSION_STEPS = choicesOf('admissions', 'step');

/** What the step bar calls the steps on it (申请 → 审核 → 审批 → 进入 → 退出): the verbs, where the list says 已审核. */
const BAR = Object.freeze({ applied: '申请', reviewed: '审核', approved: '审批', entered: '进入', exited: '退出' });

export const RESOURCES = choicesOf('admissions', 'resources');

export const LEVELS = choicesOf('admissions', 'level');

export const TERMS = choicesOf('admissions', 'term');

export const ADMISSION_FIELDS = Object.freeze([
  'department', 'matter', 'content', 'basis', 'resources', 'resourcesNote', 'level', 'unitIds', 'term', 'endDate',
  'appliedOn', 'note',
]);

/** How the move fields look in the workflow component (labels and required come from the core). */
export const ADMISSION_LOOK = Object.freeze({
  prefix: 'admission-move',
  date: { id: 'admission-move-date' },
  opinion: { id: 'admission-move-opinion', type: 'textarea', placeholder: '乡镇审核意见（必填）', maxlength: 1000 },
  approvingBody: { id: 'admission-move-approvingBody', placeholder: '如 中共××县委、××县人民政府', maxlength: 60 },
  documentNumber: { id: 'admission-move-documentNumber', placeholder: '如 ×委办〔2026〕12号', maxlength: 60 },
  exitReason: { id: 'admission-move-exitReason', type: 'textarea', placeholder: '退出原因（必填）', maxlength: 500 },
});

const list = (x) => (Array.isArray(x) ? x : []);

export function stepLabel(step) {
  return labelOf(step, ADMISSION_STEPS);
}

export const isRefused = (step) => step === 'refused_review' || step === 'refused_approval';

/** The cells of a list row. */
export function admissionCells(a) {
  const term = a?.term === 'short' ? `短期（至 ${a?.endDate ?? '—'}）` : '长期';
  const level = a?.level === 'grid'
    ? `网格层面：${list(a?.unitNames).filter(Boolean).join('、') || '—'}`
    : '乡镇层面';
  return {
    department: text(a?.department),
    matter: text(a?.matter),
    level,
    term,
    step: a?.stepLabel || stepLabel(a?.step),
    overdue: !!a?.overdueExit,
    resources: list(a?.resourceLabels).join('、') || '—',
  };
}

/** The counts line above the list: by step, short vs long, in force and 应退出, and by department. */
export function countsText(c) {
  if (!c) return '';
  const n = (arr, key) => list(arr).find((x) => x.key === key)?.count ?? 0;
  const steps = ADMISSION_STEPS.map((s) => `${s.label} ${n(c.byStep, s.value)}`).join(' · ');
  const depts = list(c.byDepartment).map((d) => `${d.label} ${d.count}`).join('、');
  // How many are listed is the 期间 line's count (after the filters); the steps add up to the register's.
  return `按步骤：${steps}；短期 ${n(c.byTerm, 'short')} 项、长期 ${n(c.byTerm, 'long')} 项；`
    // 到期应退出 is part of 已进入未退出 (still in, past its end): one count, not two.
    + `已进入未退出 ${c.inForce ?? 0} 项${c.overdueExit ? `（其中到期应退出 ${c.overdueExit} 项）` : ''}`
    + (depts ? `。按申请部门：${depts}` : '');
}

export function admissionFormValues(a, today = '') {
  return formValues(a, ADMISSION_FIELDS, {
    blank: { resources: [], unitIds: [], level: 'township', term: 'long', appliedOn: today },
  });
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseAdmissionForm(v) {
  const fail = fieldError;
  const input = {
    department: text(v?.department),
    matter: text(v?.matter),
    content: text(v?.content),
    basis: text(v?.basis),
    resources: list(v?.resources).map(String).filter((r) => RESOURCES.some((x) => x.value === r)),
    resourcesNote: text(v?.resourcesNote),
    level: text(v?.level),
    unitIds: list(v?.unitIds).map(String),
    term: text(v?.term),
    endDate: text(v?.endDate),
    appliedOn: text(v?.appliedOn),
    note: text(v?.note),
  };
  const wrong = problemsOf([
    input.department ? null : fail('department', '请填写申请部门。'),
    input.matter ? null : fail('matter', '请填写事项名称。'),
    LEVELS.some((l) => l.value === input.level) ? null : fail('level', '请选择实施层面。'),
    input.level === 'grid' && input.unitIds.length === 0
      ? fail('unitIds', '网格层面的事项请选择落到哪些村/社区或网格。') : null,
    TERMS.some((t) => t.value === input.term) ? null : fail('term', '请选择期限类型。'),
    input.term === 'short' && !input.endDate ? fail('endDate', '短期事项请填写截止日期（到期应退出）。') : null,
  ]);
  if (wrong) return wrong;
  if (input.level !== 'grid') input.unitIds = [];
  if (input.term !== 'short') input.endDate = '';
  return { ok: true, input };
}

/**
 * The step bar: 申请 → 审核 → 审批 → 进入 → 退出, each step reached done (✓) with its date,
 * the one to take next current (an item 已审核 showed 审核 red, as if still waiting,
 * over a box asking for 审批); a refusal ends the bar.
 */
export function admissionStepBar(a) {
  const step = a?.step ?? 'applied';
  const dates = {
    applied: a?.appliedOn, reviewed: a?.reviewedOn, approved: a?.approvedOn, entered: a?.enteredOn, exited: a?.exitedOn,
  };
  const main = ADMISSION_STEPS.filter((s) => BAR[s.value]).map((s) => ({ ...s, bar: BAR[s.value] }));
  if (isRefused(step)) {
    const upTo = step === 'refused_review' ? 1 : 2;
    return [
      ...main.slice(0, upTo).map((s) => ({ value: s.value, label: s.bar, state: 'done', date: dates[s.value] ?? '' })),
      { value: step, label: stepLabel(step), state: 'current', date: a?.refusedOn ?? '' },
    ];
  }
  const at = main.findIndex((s) => s.value === step);
  return main.map((s, i) => ({
    value: s.value,
    label: s.bar,
    state: i <= at ? 'done' : i === at + 1 ? 'current' : 'todo',
    // The step the item is at (aria-current), beside the one to take next (red).
    current: i === at,
    date: i <= at ? (dates[s.value] ?? '') : '',
  }));
}

/**
 * What the admission `a` recorded at a step (审核意见, 审批机关 and 批准文号, 退出原因), shown
 * under the last arrival at that step: the form does not show them, so the timeline does.
 */
function stepNote(step, a) {
  if (step === 'reviewed' && text(a?.reviewOpinion)) return `审核意见：${text(a.reviewOpinion)}`;
  if (step === 'approved' && (text(a?.approvingBody) || text(a?.documentNumber))) {
    return [text(a.approvingBody) && `审批机关：${text(a.approvingBody)}`, text(a.documentNumber) && `批准文号：${text(a.documentNumber)}`]
      .filter(Boolean).join('，');
  }
  if (step === 'exited' && text(a?.exitReason)) return `退出原因：${text(a.exitReason)}`;
  return '';
}

/** The timeline rows of an admission's events, oldest first; `a` the admission (its step details). */
export function timelineRows(events, a = null) {
  const order = (s) => ADMISSION_STEPS.findIndex((x) => x.value === s);
  const all = list(events);
  const isBack = (e) => e.from != null && !isRefused(e.to) && order(e.to) < order(e.from);
  return all.map((e, i) => {
    const back = isBack(e);
    const reason = text(e.reason);
    const notes = reason ? [{ text: back || isRefused(e.to) ? `原因：${reason}` : reason, back }] : [];
    // Under the last forward arrival: a 退回 to 已审核 left the 审核意见 shown nowhere.
    const last = !back && !all.slice(i + 1).some((x) => x.to === e.to && !isBack(x));
    const note = last ? stepNote(e.to, a) : '';
    if (note) notes.push({ text: note, back: false });
    return {
      date: e.date ?? '',
      text: back ? `退回到“${stepLabel(e.to)}”` : stepLabel(e.to),
      back,
      notes,
      recordedAt: e.recordedAt ? formatDateTime(e.recordedAt) : '',
    };
  });
}

/** An admission → { steps, moves, timeline, backHint } for views/workflow.js. */
export function admissionWorkflow(a, { date = '' } = {}) {
  return {
    steps: admissionStepBar(a),
    moves: workflowMoves(a?.moves, { look: ADMISSION_LOOK, date }),
    timeline: timelineRows(a?.events, a),
    backHint: `“${a?.matter ?? ''}”现在是“${a?.stepLabel || stepLabel(a?.step)}”。退回到之前的步骤要写明原因，原因记入时间线。`,
  };
}

/** A move as typed → move_admission's step { to, date, reason, opinion, approvingBody, documentNumber, exitReason }. */
export function admissionMoveArgs(move, values) {
  return moveArgsWith(move, values, ['opinion', 'approvingBody', 'documentNumber', 'exitReason']);
}
