// What views/workflow.js draws for a 共建项目 and for a 诉求: the steps, the moves
// and the timeline. The core decides the moves: a ProjectView / DemandView carries
// `moves` ([{ to, toLabel, label, back, needsReason, fields: [{ name, label,
// required, choices }], action, blocked, hint }]) and the UI offers those and no
// other. Here they are only dressed for the component (element ids, control types,
// the date every move asks for) and what the clerk typed is read back into the
// arguments of move_project / move_demand / escalate_demand. Pure: no DOM.
import * as cobuild from './cobuild.js';
import * as demands from './demands.js';
import { fieldError, problemsOf, text, parseDateField } from './fields.js';

export const SCORE_LABELS = Object.freeze(['', '1 分（差）', '2 分（较差）', '3 分（一般）', '4 分（好）', '5 分（很好）']);
export const REASON_MISSING = '退回到之前的状态，请写明原因。';

/**
 * How each field a screen may be given looks: element id, control, texts. Only
 * presentation: which fields a move has, their labels and whether they are required
 * come from the core; a field not listed here gets a text box `<prefix>-<name>`.
 */
export const PROJECT_LOOK = Object.freeze({
  prefix: 'move',
  date: { id: 'move-date' },
  score: {
    id: 'move-score', type: 'select', blank: '请评分',
    options: [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: SCORE_LABELS[n] })),
  },
  evaluation: { id: 'move-evaluation', type: 'textarea', placeholder: '评价意见（可不填）', maxlength: 1000 },
});

export const DEMAND_LOOK = Object.freeze({
  prefix: 'demand-move',
  date: { id: 'demand-move-date' },
  // optionalBlank: a 村/社区 demand's 交办 may name no department (the core says so).
  departmentId: {
    id: 'demand-departmentId', type: 'select', blank: '选择承办部门…', emptyBlank: '还没有部门',
    optionalBlank: '不选：村/社区自办',
  },
  satisfaction: { id: 'demand-satisfaction', type: 'select', ariaLabel: '回访满意度', blank: '回访结果…' },
  result: {
    id: 'demand-result', type: 'textarea', placeholder: '办理结果（必填）：怎么解决的', maxlength: 2000,
    ctrlEnterHint: 'Ctrl+Enter 办结',
  },
});

const list = (x) => (Array.isArray(x) ? x : []);

/** One field of a move as the component draws it. */
function dressField(f, look) {
  const ui = look[f?.name] ?? {};
  const choices = list(f?.choices).map((c) => ({ value: String(c?.value ?? ''), label: String(c?.label ?? c?.value ?? '') }));
  const select = choices.length > 0 || ui.type === 'select';
  const options = choices.length ? choices : list(ui.options);
  return {
    name: f.name,
    id: ui.id ?? `${look.prefix ?? 'move'}-${f.name}`,
    type: select ? 'select' : (ui.type ?? 'text'),
    label: f.label ?? f.name,
    ariaLabel: ui.ariaLabel,
    required: !!f.required,
    options: select ? options : undefined,
    blank: !select ? undefined
      : !f.required && ui.optionalBlank ? ui.optionalBlank
        : options.length ? (ui.blank ?? `选择${f.label ?? ''}…`) : (ui.emptyBlank ?? ui.blank ?? ''),
    placeholder: ui.placeholder,
    maxlength: ui.maxlength ?? (select ? undefined : (ui.type === 'textarea' ? 2000 : 200)),
    ctrlEnterHint: ui.ctrlEnterHint,
  };
}

/**
 * The core's moves made by the step command (`action` "move") → the component's
 * moves: [{ to, toLabel, label, back, needsReason, fields, blocked, hint }]. A move
 * forward asks for its date first (prefilled with `date`) and, when the core wants a
 * reason, for that too; 退回 asks for its reason in the component's dialog.
 */
export function workflowMoves(moves, { look = {}, date = '' } = {}) {
  return list(moves)
    .filter((m) => m && (m.action ?? 'move') === 'move' && m.to)
    .map((m) => {
      const back = !!m.back;
      const fields = [];
      if (!back) {
        fields.push({
          name: 'date', id: look.date?.id ?? `${look.prefix ?? 'move'}-date`, type: 'date', label: '日期', value: date,
          ariaLabel: `${m.label ?? ''}的日期`,
        });
        fields.push(...list(m.fields).filter((f) => f?.name && f.name !== 'date' && f.name !== 'reason').map((f) => dressField(f, look)));
        if (m.needsReason) {
          fields.push({
            name: 'reason', id: `${look.prefix ?? 'move'}-reason`, type: 'textarea', label: '原因', required: true,
            placeholder: '原因（必填）', maxlength: 500,
          });
        }
      }
      return {
        to: String(m.to),
        toLabel: m.toLabel ?? '',
        label: m.label ?? String(m.to),
        back,
        needsReason: !!m.needsReason,
        fields,
        blocked: m.blocked ?? '',
        hint: m.hint ?? '',
        notBefore: m.notBefore ?? '',
      };
    });
}

/** The core's move made by another command (a demand's 上报: `action` "escalate"), or null. */
export function otherMove(moves, action) {
  return list(moves).find((m) => m?.action === action) ?? null;
}

/**
 * What the clerk typed for a move (the component's move, see workflowMoves) →
 * { ok, args: { to, date, reason, <field>: text } }, or a field error: the date as a
 * date, a reason where the move needs one, the required fields filled, a select's
 * value one of its options. Whether the move is allowed is the core's to say.
 */
export function readMove(move, values = {}) {
  // Every problem at once (a 审核 lacking its opinion and dated before the 申请 took
  // two rounds): the date, no earlier than the day the core says (notBefore), the
  // reason, each field.
  const found = [];
  const date = parseDateField(values?.date, 'date', '日期');
  if (!date.ok) found.push(date);
  else if (move?.notBefore && date.value && date.value < move.notBefore) {
    found.push(fieldError('date', `日期不能早于上一步的日期 ${move.notBefore}。`));
  }
  const reason = text(values?.reason);
  if (move?.needsReason && !reason) found.push(fieldError('reason', move.back ? REASON_MISSING : '请写明原因。'));
  const args = { to: String(move?.to ?? ''), date: date.ok ? date.value : '', reason };
  for (const f of list(move?.fields)) {
    if (f.name === 'date' || f.name === 'reason') continue;
    const v = text(values?.[f.name]);
    const verb = f.type === 'select' ? '请选择' : '请填写';
    if (f.required && !v) found.push(fieldError(f.name, `${verb}${f.label}。`));
    else if (v && f.type === 'select' && !list(f.options).some((o) => String(o.value) === v)) {
      found.push(fieldError(f.name, `请选择${f.label}。`));
    }
    args[f.name] = v;
  }
  return problemsOf(found) ?? { ok: true, args };
}

/**
 * [`readMove`], then the move command's own fields `names` as text ('' where the
 * move has none): the arguments every move command takes.
 */
export function moveArgsWith(move, values, names) {
  const r = readMove(move, values);
  if (!r.ok) return r;
  const args = { to: r.args.to, date: r.args.date, reason: r.args.reason };
  for (const n of names) args[n] = r.args[n] ?? '';
  return { ok: true, args };
}

/** A project's move → move_project's { to, date, reason, score (number or null), evaluation }. */
export function projectMoveArgs(move, values) {
  const r = moveArgsWith(move, values, ['score', 'evaluation']);
  if (r.ok) r.args.score = r.args.score ? Number(r.args.score) : null;
  return r;
}

/** A demand's move → move_demand's { to, date, reason, departmentId, result, satisfaction } (strings). */
export function demandMoveArgs(move, values) {
  return moveArgsWith(move, values, ['departmentId', 'result', 'satisfaction']);
}

/**
 * The timeline's rows marked `redatable` where the core says the step's day may be
 * corrected (改日期: `steps`, indexes into the stored steps); a record from before
 * that list says only whether its latest step may be (`last`).
 */
function markRedatable(rows, steps, last) {
  const can = new Set(Array.isArray(steps) ? steps.map(Number) : []);
  // Without the list: the latest row (the rows are in date order).
  return rows.map((r, i) => (can.has(Number(r.index)) || (!Array.isArray(steps) && last && i === rows.length - 1)
    ? { ...r, redatable: true } : r));
}

/** Where a day typed wrong is corrected instead of by 退回 (it counted the step twice). */
function redateHint(redatable, where) {
  return redatable ? `只是某一步的日期填错了的，请点${where}里那一步旁的“改日期”，不要退回。` : '';
}

/** A project → { steps, moves, timeline, backHint }; `date` prefills the date of a move forward. */
export function projectWorkflow(p, statuses = cobuild.PROJECT_STATUSES, { date = '' } = {}) {
  return {
    steps: cobuild.stepBar(p, statuses),
    moves: workflowMoves(p?.moves, { look: PROJECT_LOOK, date }),
    timeline: markRedatable(cobuild.timelineRows(p?.events, statuses).map((r) => ({
      ...r, notes: r.reason ? [{ text: r.back ? `原因：${r.reason}` : r.reason, back: r.back }] : [],
    })), p?.redatableSteps, p?.lastStepRedatable),
    backHint: `“${p?.title ?? ''}”现在是“${p?.statusLabel || cobuild.statusLabel(p?.status, statuses)}”。退回到之前的状态要写明原因，原因记入时间线。`
      + (p?.claims?.length ? '退回到“待认领”会撤回全部认领单位。' : '') + redateHint(p?.lastStepRedatable, '时间线'),
  };
}

/** A demand → { steps, moves, timeline, backHint }. choices: { statuses, levels }; date prefills a move's date. */
export function demandWorkflow(d, { statuses = demands.DEMAND_STATUSES, levels = demands.DEMAND_LEVELS, date = '' } = {}) {
  return {
    steps: demands.stepBar(d, statuses),
    moves: workflowMoves(d?.moves, { look: DEMAND_LOOK, date }),
    timeline: markRedatable(demands.historyRows(d?.history, { statuses, levels }).map((r) => ({
      ...r,
      notes: [
        r.level ? { text: `办理层级：${r.level}`, attrs: { 'data-level-change': '' } } : null,
        r.department ? { text: `交办：${r.department}` } : null,
        // A step back or up says why; a step forward's note (走访发现 …) is shown as it is.
        r.reason ? { text: r.back || r.escalated ? `原因：${r.reason}` : r.reason, back: r.back || r.escalated } : null,
      ].filter(Boolean),
    })), d?.redatableSteps, d?.lastStepRedatable),
    backHint: `“${d?.title ?? ''}”现在是“${d?.statusLabel || demands.statusLabel(d?.status, statuses)}”。退回到之前的状态要写明原因，原因记入办理记录。`
      + redateHint(d?.lastStepRedatable, '办理记录'),
  };
}
