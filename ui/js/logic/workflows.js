// What views/workflow.js draws for a 共建项目 and for a 诉求: the steps, the moves
// allowed now and the timeline. The moves come from the rules in logic/cobuild.js
// and logic/demands.js until the core supplies them; the component only draws what
// it is given. Pure: no DOM.
import * as cobuild from './cobuild.js';
import * as demands from './demands.js';

export const SCORE_LABELS = Object.freeze(['', '1 分（差）', '2 分（较差）', '3 分（一般）', '4 分（好）', '5 分（很好）']);

const dateField = (id, plan, value) => ({
  name: 'date', id, type: 'date', label: '日期', value, ariaLabel: `${plan.text.replace('下一步：', '')}的日期`,
});

const backMoves = (earlier) => earlier.map((s) => ({ to: s.value, label: s.label, back: true, needsReason: true, fields: [] }));

/** A project → { steps, moves, timeline, backHint }; `date` prefills 下一步's date. */
export function projectWorkflow(p, statuses = cobuild.PROJECT_STATUSES, { date = '' } = {}) {
  const plan = cobuild.advancePlan(p);
  const moves = [];
  if (plan) {
    const fields = [dateField('move-date', plan, date)];
    if (plan.needsScore) {
      fields.push(
        {
          name: 'score', id: 'move-score', type: 'select', label: '评分', blank: '请评分',
          options: [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: SCORE_LABELS[n] })),
        },
        { name: 'evaluation', id: 'move-evaluation', type: 'textarea', label: '评价意见', placeholder: '评价意见（可不填）', maxlength: 1000 },
      );
    }
    moves.push({ to: plan.to, label: plan.text, back: false, needsReason: false, fields, blocked: plan.blocked, hint: plan.hint });
  }
  moves.push(...backMoves(cobuild.earlierStatuses(p?.status, statuses)));
  return {
    steps: cobuild.stepBar(p, statuses),
    moves,
    timeline: cobuild.timelineRows(p?.events, statuses).map((r) => ({
      ...r, notes: r.reason ? [{ text: r.back ? `原因：${r.reason}` : r.reason, back: r.back }] : [],
    })),
    backHint: `“${p?.title ?? ''}”现在是“${cobuild.statusLabel(p?.status, statuses)}”。退回到之前的状态要写明原因，原因记入时间线。`,
  };
}

/**
 * A demand → { steps, moves, timeline, backHint }. choices: { statuses, levels, satisfactions },
 * departments (for 交办), date (prefills 下一步's date).
 */
export function demandWorkflow(d, { statuses = demands.DEMAND_STATUSES, levels = demands.DEMAND_LEVELS,
  satisfactions = demands.SATISFACTIONS, departments, date = '' } = {}) {
  const plan = demands.advancePlan(d, { departments });
  const moves = [];
  if (plan) {
    const fields = [dateField('demand-move-date', plan, date)];
    if (plan.needs === 'department') {
      const choices = demands.departmentChoices(departments, d?.level, levels);
      fields.push({
        name: 'departmentId', id: 'demand-departmentId', type: 'select', label: '交办给', ariaLabel: '承办部门',
        blank: choices.length ? '选择承办部门…' : '还没有部门', options: choices.map((c) => ({ value: c.id, label: c.label })),
      });
    }
    if (plan.needs === 'satisfaction') {
      fields.push({
        name: 'satisfaction', id: 'demand-satisfaction', type: 'select', label: '反映人', ariaLabel: '回访满意度',
        blank: '回访结果…', options: satisfactions.map((s) => ({ value: s.value, label: s.label })),
      });
    }
    if (plan.needs === 'result') {
      fields.push({
        name: 'result', id: 'demand-result', type: 'textarea', label: '办理结果', placeholder: '办理结果（必填）：怎么解决的',
        maxlength: 2000, ctrlEnterHint: 'Ctrl+Enter 办结',
      });
    }
    moves.push({ to: plan.to, label: plan.text, back: false, needsReason: false, fields, blocked: plan.blocked, hint: plan.hint });
  }
  moves.push(...backMoves(demands.earlierStatuses(d?.status, statuses)));
  return {
    steps: demands.stepBar(d, statuses),
    moves,
    timeline: demands.historyRows(d?.history, { statuses, levels }).map((r) => ({
      ...r,
      notes: [
        r.level ? { text: `办理层级：${r.level}`, attrs: { 'data-level-change': '' } } : null,
        r.department ? { text: `交办：${r.department}` } : null,
        r.reason ? { text: `原因：${r.reason}`, back: r.back || r.escalated } : null,
      ].filter(Boolean),
    })),
    backHint: `“${d?.title ?? ''}”现在是“${demands.statusLabel(d?.status, statuses)}”。退回到之前的状态要写明原因，原因记入办理记录。`,
  };
}
