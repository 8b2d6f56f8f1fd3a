// 组织架构, a unit's form (`#unit-<field>`, name=<field>): the fields of its kind, 保存,
// 取消/撤销修改, 保存后继续新建同级 for a new one; and the breadcrumb above it.
// Enter saves (cx.save), Esc cancels or reverts (cx.cancelCreate, cx.revert).
import { h } from '../../dom.js';
import { bindFormKeys } from '../../forms.js';
import { AREA_TYPES, FIELD_LABELS, fieldsForKind } from '../../logic/form.js';

const HINT = 'Enter 保存 · Esc 取消 · Ctrl+N 新建同级';

function fieldRow(field, control, errors, extra) {
  const id = control.id;
  const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
  errors[field] = err;
  control.setAttribute('aria-describedby', [extra?.hintId, `${id}-error`].filter(Boolean).join(' '));
  return [
    h('label', { for: id }, FIELD_LABELS[field]),
    h('div', { class: 'field' }, control, extra?.hint ?? null, err),
  ];
}

export function unitForm(cx, { kind, values, creating }) {
  const fields = fieldsForKind(kind);
  const inputs = {};
  const errors = {};
  const text = (field, attrs = {}) => h('input', {
    id: `unit-${field}`, name: field, type: 'text', autocomplete: 'off', value: values[field] ?? '', ...attrs,
  });
  inputs.code = text('code', { maxlength: '40', spellcheck: 'false', class: 'input-code' });
  inputs.name = text('name', { maxlength: '100' });
  inputs.areaType = h('select', { id: 'unit-areaType', name: 'areaType' },
    AREA_TYPES.map((a) => h('option', { value: a.value }, a.label)));
  inputs.areaType.value = values.areaType;
  if (fields.includes('households')) {
    inputs.households = text('households', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
    inputs.residents = text('residents', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
  }
  if (fields.includes('boundary')) {
    inputs.boundary = h('textarea', { id: 'unit-boundary', name: 'boundary', rows: '3', maxlength: '1000' });
    inputs.boundary.value = values.boundary ?? '';
  }
  inputs.note = h('textarea', { id: 'unit-note', name: 'note', rows: '2', maxlength: '1000' });
  inputs.note.value = values.note ?? '';

  const rows = [];
  for (const f of fields) {
    const extra = f === 'households' || f === 'residents'
      ? { hintId: `unit-${f}-hint`, hint: h('span', { class: 'hint inline-hint', id: `unit-${f}-hint` }, '不清楚可留空') }
      : null;
    rows.push(...fieldRow(f, inputs[f], errors, extra));
  }

  const continueBox = h('input', { id: 'unit-continue', type: 'checkbox', checked: true });
  const saveBtn = h('button', { id: 'unit-save', type: 'submit', class: 'btn btn-primary' }, '保存');
  const cancel = h('button', {
    id: 'unit-cancel', type: 'button', class: 'btn btn-secondary',
    title: creating ? '放弃新建（Esc）' : '撤销未保存的修改（Esc）',
    onClick: () => (creating ? cx.cancelCreate() : cx.revert()),
  }, creating ? '取消' : '撤销修改');

  const form = h('form', { id: 'unit-form', class: 'form-grid unit-form', novalidate: true, 'aria-labelledby': 'unit-title' },
    rows,
    creating
      ? h('div', { class: 'form-wide checkbox-row' },
        continueBox, h('label', { for: 'unit-continue' }, '保存后继续新建同级'))
      : null,
    h('div', { class: 'form-actions' }, saveBtn, cancel),
    h('p', { class: 'hint form-wide', id: 'unit-hint' }, HINT));

  bindFormKeys(form, { save: () => cx.save(), cancel: () => (cx.st.mode === 'create' ? cx.cancelCreate() : cx.revert()) });

  return { form, inputs, errors, fields, save: saveBtn, continueBox };
}

export function breadcrumb(path, extra) {
  const parts = path.map((u) => h('span', { class: 'crumb' }, u.name));
  if (extra) parts.push(h('span', { class: 'crumb crumb-new' }, extra));
  if (!parts.length) return null;
  const out = [];
  parts.forEach((p, i) => {
    if (i) out.push(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'));
    out.push(p);
  });
  return h('nav', { class: 'breadcrumb', 'aria-label': '所在位置' }, out);
}

