// 多格合一, a business grid's form: 所属部门 (a choice, or 其他… and a name), 名称, 备注;
// 保存 / 取消 or 撤销修改 (Enter saves, Esc undoes or closes) go up as props.onSave / onCancel.
import { h } from '../../dom.js';
import { bindFormKeys, clearFieldErrors } from '../../forms.js';
import { OTHER_DEPARTMENT, departmentChoice } from '../../logic/bizgrids.js';

/**
 * mountGridForm(root, props) → { el, inputs, errors, saveBtn, read(), isDirty(), focusFor(field), destroy() }
 * props: { grid (null: a new one), departments, onSave(), onCancel() }
 */
export function mountGridForm(root, { grid: bg, departments, onSave, onCancel }) {
  const choice = departmentChoice(bg?.department ?? '', departments);
  const inputs = {};
  const errors = {};
  inputs.department = h('select', { id: 'bg-department', name: 'department' },
    departments.map((d) => h('option', { value: d }, d)),
    h('option', { value: OTHER_DEPARTMENT }, '其他…'));
  inputs.department.value = choice.select;
  inputs.other = h('input', {
    id: 'bg-department-other', type: 'text', name: 'departmentOther', maxlength: '20', autocomplete: 'off',
    placeholder: '填写部门名称', 'aria-label': '其他部门名称', value: choice.other, hidden: choice.select !== OTHER_DEPARTMENT,
  });
  inputs.name = h('input', { id: 'bg-name', type: 'text', name: 'name', maxlength: '50', autocomplete: 'off', value: bg?.name ?? '' });
  inputs.note = h('textarea', { id: 'bg-note', name: 'note', rows: '2', maxlength: '500' });
  inputs.note.value = bg?.note ?? '';
  inputs.department.addEventListener('change', () => {
    inputs.other.hidden = inputs.department.value !== OTHER_DEPARTMENT;
    if (!inputs.other.hidden) inputs.other.focus();
  });
  const row = (field, label, ...controls) => {
    const err = h('p', { class: 'field-error', id: `bg-${field}-error`, 'data-error-for': field, hidden: true });
    errors[field] = err;
    controls[0].setAttribute('aria-describedby', `bg-${field}-error`);
    return [h('label', { for: controls[0].id }, label), h('div', { class: 'field' }, controls, err)];
  };
  const saveBtn = h('button', { id: 'bg-save', type: 'submit', class: 'btn btn-primary' }, '保存');
  const cancel = h('button', { id: 'bg-cancel', type: 'button', class: 'btn btn-secondary' }, bg ? '撤销修改' : '取消');
  const el = h('form', { id: 'bg-form', class: 'form-grid bg-form', novalidate: true, 'aria-labelledby': 'bg-form-title' },
    row('department', '所属部门', inputs.department, inputs.other),
    row('name', '名称', inputs.name),
    row('note', '备注', inputs.note),
    h('div', { class: 'form-actions' }, saveBtn, cancel));
  cancel.addEventListener('click', () => onCancel());
  bindFormKeys(el, { save: () => onSave(), cancel: () => onCancel() });
  root.append(el);

  const read = () => ({ select: inputs.department.value, other: inputs.other.value, name: inputs.name.value, note: inputs.note.value });
  const baseline = read();
  return {
    el,
    inputs,
    errors,
    saveBtn,
    read,
    isDirty() {
      const now = read();
      const norm = (x) => String(x ?? '').trim();
      return Object.keys(now).some((k) => norm(now[k]) !== norm(baseline[k]));
    },
    /** The control an error of `field` points at (the department's box when 其他… is chosen). */
    focusFor: (field) => (field === 'department'
      ? (inputs.department.value === OTHER_DEPARTMENT ? inputs.other : inputs.department)
      : inputs[field]),
    clearErrors: () => clearFieldErrors(errors),
    destroy: () => el.remove(),
  };
}
