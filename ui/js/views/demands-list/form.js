// 诉求 › 诉求, a demand's form (诉求信息): built with record-list's recordForm
// (`#demand-<field>`); Enter saves (props.onSave), Esc and 取消/撤销修改 run props.onCancel.
import { valuesChanged } from '../../logic/fields.js';
import { localDate } from '../../logic/format.js';
import { demandFormValues, statusIndex } from '../../logic/demands.js';
import { recordForm } from '../record-list/index.js';

/**
 * mountDemandForm(root, props) → the recordForm ({ el, inputs, read, saveBtn, showError, clearErrors })
 *   and isDirty(), focus(), baseline, destroy()
 * props: { demand (null: a new one), fullPhone, level (of a new one), choices, villages, onSave(), onCancel() }
 */
export function mountDemandForm(root, props) {
  const d = props.demand;
  const creating = !d;
  // 按期 is judged at 办结: the 办理时限 stays from then on (the core refuses it too).
  const resolved = !creating && statusIndex(d.status) >= statusIndex('resolved');
  const values = demandFormValues(d, { fullPhone: props.fullPhone, today: localDate(), level: props.level });
  const baseline = { ...values };
  const { choices } = props;
  // Linked to the visit it came from: that source stays. One imported as 领导联系点走访
  // without a visit may be corrected to any source.
  const fromVisit = d?.source === 'visit' && !!d?.sourceRef;
  // A demand made from a visit keeps that source (the link); others choose any but 领导联系点走访.
  const sources = fromVisit ? choices.sources.filter((s) => s.value === 'visit')
    : d?.source === 'visit' ? choices.sources : choices.sources.filter((s) => s.value !== 'visit');
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
      { field: 'category', label: '类别', maxlength: 30, list: choices.categories, placeholder: '可选择或填写' },
      {
        field: 'unitId', label: '所在村/社区', type: 'select', blank: '（不限村/社区）',
        options: props.villages.map((v) => ({ value: v.id, label: v.label })), missingLabel: d?.unitName || '（已不存在的村/社区）',
      },
      {
        field: 'level', label: '办理层级', type: 'select', options: choices.levels,
        // Editable to correct a slip; a demand sent up goes by 上报… (probe AG: the hint
        // read as if the box could not be changed).
        hint: creating ? '应由哪一级解决（分级办理）。' : '录错了可在这里改正；本级办不了、要报到上级的，请用上面的“上报…”，办理记录会保留。',
      },
      { field: 'receivedOn', label: '受理日期', type: 'date' },
      {
        field: 'deadline', label: '办理时限', type: 'date', placeholder: '如 2026-03-31', disabled: resolved,
        hint: resolved ? '已办结：是否按期以办结时的办理时限为准，不能再改（确需更正请先退回）。' : '过了期限还没办结的标为“已逾期”。',
      },
      ...(creating || resolved ? [] : [{
        field: 'deadlineReason', label: '时限调整原因', maxlength: 500,
        placeholder: '改办理时限时填写，如：经分管领导同意延期', hint: '记入办理记录。',
      }]),
      { field: 'description', label: '诉求内容', type: 'textarea', rows: 4 },
    ],
    save: () => props.onSave(),
    cancel: () => props.onCancel(),
  });
  root.append(f.el);
  return {
    ...f,
    baseline,
    isDirty: () => valuesChanged(baseline, f.read()),
    focus: () => f.inputs.title.focus(),
    destroy: () => f.el.remove(),
  };
}
