// The `moves` a ProjectView / DemandView carries, shaped as the core sends them
// (src-tauri/core/tests/it/ui_payloads.rs, base/steps.rs MoveOption): the fake apis
// of the view tests answer with these, so the UI is tested against what it really
// gets. This mimics the core's flows for the tests only; the UI decides nothing.

const back = (to, toLabel) => ({
  to, toLabel, label: `退回到“${toLabel}”`, back: true, needsReason: true, fields: [], action: 'move', blocked: null, hint: '',
});
const forward = (to, toLabel, label, { fields = [], hint = '', blocked = null } = {}) => ({
  to, toLabel, label, back: false, needsReason: false, fields, action: 'move', blocked, hint,
});

const PROJECT_STEPS = [
  ['open', '待认领'], ['claimed', '已认领'], ['in_progress', '实施中'], ['completed', '已完成'], ['evaluated', '已评价'],
];

export const NO_CLAIM = '还没有共建单位认领这个项目。请先添加认领单位。';
export const NO_EVIDENCE_HINT = '还没有佐证材料：请先在下面上传照片等附件，或在这里写明没有附件的原因。';

/** What the core offers for a project (cobuild::moves). */
export function projectMoves(p) {
  const i = PROJECT_STEPS.findIndex(([k]) => k === p.status);
  const out = [];
  const claims = p.claims ?? [];
  const attachments = p.attachments ?? [];
  if (p.status === 'open') out.push(forward('claimed', '已认领', '标记为已认领', { blocked: claims.length ? null : NO_CLAIM }));
  if (p.status === 'claimed') out.push(forward('in_progress', '实施中', '开始实施', { hint: '开始实施的日期记入时间线，也是实际开始日期。' }));
  if (p.status === 'in_progress') {
    const m = forward('completed', '已完成', '标记为已完成', {
      hint: attachments.length ? '完成日期记为实际完成日期。' : NO_EVIDENCE_HINT,
    });
    // 已完成 needs evidence, or a stated reason why there is none.
    if (!attachments.length) m.needsReason = true;
    out.push(m);
  }
  if (p.status === 'completed') {
    out.push(forward('evaluated', '已评价', '评价', {
      fields: [
        { name: 'score', label: '评分（1–5 分）', required: true, choices: [] },
        { name: 'evaluation', label: '评价意见', required: false, choices: [] },
      ],
      hint: '评价记入时间线；评价意见可以不写。',
    }));
  }
  out.push(...PROJECT_STEPS.slice(0, Math.max(i, 0)).reverse().map(([k, l]) => back(k, l)));
  return out;
}

const DEMAND_STEPS = [
  ['accepted', '已受理'], ['assigned', '已交办'], ['in_progress', '办理中'], ['resolved', '已办结'], ['called_back', '已回访'],
];
const LEVELS = [['village', '村/社区'], ['township', '乡镇/街道'], ['county', '县/区'], ['city', '市']];
export const SATISFACTION_CHOICES = [
  { value: 'satisfied', label: '满意' }, { value: 'basic', label: '基本满意' }, { value: 'unsatisfied', label: '不满意' },
];
export const NO_DEPARTMENT = '还没有部门。请先在“联系点 › 部门”中添加承办部门，再交办。';

/** What the core offers for a demand (demands::moves); departments: [{ id, name }]. */
export function demandMoves(d, departments = []) {
  const i = DEMAND_STEPS.findIndex(([k]) => k === d.status);
  const out = [];
  if (d.status === 'accepted') {
    // A 村/社区 demand may be handled by the village itself: no department needed.
    const itself = d.level === 'village';
    out.push(forward('assigned', '已交办', '交办', {
      fields: [{
        name: 'departmentId', label: '承办部门', required: !itself,
        choices: departments.map((x) => ({ value: String(x.id), label: x.name })),
      }],
      hint: itself ? `${departments.length ? '' : '还没有部门，'}部门不选即由村/社区自办；日期记入办理记录。`
        : '选择承办部门（交办），日期记入办理记录。',
      blocked: departments.length || itself ? null : NO_DEPARTMENT,
    }));
  }
  if (d.status === 'assigned') out.push(forward('in_progress', '办理中', '开始办理', { hint: '承办部门已开始办理。' }));
  if (d.status === 'in_progress') {
    out.push(forward('resolved', '已办结', '办结', {
      fields: [{ name: 'result', label: '办理结果', required: true, choices: [] }],
      hint: '写明办理结果；日期记为办结日期，用来判断是否按期办结。',
    }));
  }
  if (d.status === 'resolved') {
    out.push(forward('called_back', '已回访', '回访', {
      fields: [{ name: 'satisfaction', label: '回访结果', required: true, choices: SATISFACTION_CHOICES }],
      hint: '回访反映人，记录是否满意。',
    }));
  }
  out.push(...DEMAND_STEPS.slice(0, Math.max(i, 0)).reverse().map(([k, l]) => back(k, l)));
  const higher = LEVELS.slice(LEVELS.findIndex(([k]) => k === d.level) + 1).map(([value, label]) => ({ value, label }));
  if (!['resolved', 'called_back'].includes(d.status) && higher.length && LEVELS.some(([k]) => k === d.level)) {
    out.push({
      to: 'accepted', toLabel: '已受理', label: '上报', back: false, needsReason: true,
      fields: [{ name: 'level', label: '上报到', required: true, choices: higher }],
      action: 'escalate', blocked: null, hint: '上报后诉求在新的层级重新受理，原承办部门清空，办理记录保留。',
    });
  }
  return out;
}
