// 组织架构, a unit's form (`#unit-<field>`, name=<field>): the fields of its kind, 保存,
// 取消/撤销修改, 保存后继续新建同级 for a new one, what it holds, whether that changed and
// its errors; and the breadcrumb above it. Enter saves (props.onSave), Esc and 取消 /
// 撤销修改 run props.onCancel.
import { h, DATE_TEXT } from '../../dom.js';
import {
  bindFormKeys, clearFieldErrors, showFieldError, clearWhenCorrected,
} from '../../forms.js';
import { AREA_TYPES, FIELD_LABELS, fieldsForKind, valuesDiffer } from '../../logic/form.js';
import { suggestAreaType } from '../../logic/naming.js';

const HINT = 'Enter 保存 · Esc 取消 · Ctrl+N 新建同级 · Ctrl+Shift+N 新建下级';

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

/**
 * mountUnitForm(root, props) → { form, inputs, errors, fields, save, continueBox, read(), isDirty(), clearErrors(),
 *   showError(field, message) → bool, destroy() }
 * props: { kind, values, creating, baseline() (what counts as unchanged, e.g. with a suggested code), onSave(), onCancel() }
 */
export function mountUnitForm(root, { kind, values, creating, baseline, onSave, onCancel }) {
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
  // Only a 村/社区 has a type of its own; the levels below follow it (a grid's form
  // offered 城镇/农村 to change: probe AM).
  if (kind !== 'village') inputs.areaType.disabled = true;
  if (creating && kind === 'village') {
    // …村 is 农村, …社区 is 城镇, until the clerk picks the type themselves.
    let picked = false;
    inputs.areaType.addEventListener('change', () => { picked = true; });
    inputs.name.addEventListener('input', () => {
      const t = suggestAreaType(inputs.name.value);
      if (!t || picked || inputs.areaType.value === t) return;
      inputs.areaType.value = t;
      // Said as the clerk's own pick would be: the suggested code follows the type.
      inputs.areaType.dispatchEvent(new Event('input'));
    });
  }
  if (fields.includes('households')) {
    inputs.households = text('households', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
    inputs.residents = text('residents', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
  }
  if (fields.includes('boundary')) {
    inputs.boundary = h('textarea', { id: 'unit-boundary', name: 'boundary', rows: '3', maxlength: '1000' });
    inputs.boundary.value = values.boundary ?? '';
  }
  inputs.establishedOn = text('establishedOn', DATE_TEXT);
  inputs.note = h('textarea', { id: 'unit-note', name: 'note', rows: '2', maxlength: '1000' });
  inputs.note.value = values.note ?? '';

  const rows = [];
  const hints = {
    households: '不清楚可留空',
    residents: '不清楚可留空',
    // Said for what it changes: which periods count the unit.
    establishedOn: '新设的请填，不填则各期（含已上报的）都计入',
    ...(kind === 'village' ? {} : { areaType: '随所属村/社区' }),
  };
  for (const f of fields) {
    const extra = hints[f]
      ? { hintId: `unit-${f}-hint`, hint: h('span', { class: 'hint inline-hint', id: `unit-${f}-hint` }, hints[f]) }
      : null;
    rows.push(...fieldRow(f, inputs[f], errors, extra));
    clearWhenCorrected(inputs[f], () => errors[f]);
  }

  const continueBox = h('input', { id: 'unit-continue', type: 'checkbox', checked: true });
  const saveBtn = h('button', { id: 'unit-save', type: 'submit', class: 'btn btn-primary' }, '保存');
  const cancel = h('button', {
    id: 'unit-cancel', type: 'button', class: 'btn btn-secondary',
    title: creating ? '放弃新建（Esc）' : '撤销未保存的修改（Esc）',
    onClick: () => onCancel(),
  }, creating ? '取消' : '撤销修改');

  const form = h('form', { id: 'unit-form', class: 'form-grid unit-form', novalidate: true, 'aria-labelledby': 'unit-title' },
    rows,
    creating
      ? h('div', { class: 'form-wide checkbox-row' },
        continueBox, h('label', { for: 'unit-continue' }, '保存后继续新建同级'))
      : null,
    h('div', { class: 'form-actions' }, saveBtn, cancel),
    h('p', { class: 'hint form-wide', id: 'unit-hint' }, HINT));

  bindFormKeys(form, { save: () => onSave(), cancel: () => onCancel() });
  root.append(form);

  const read = () => Object.fromEntries(fields.map((f) => [f, inputs[f].value]));
  return {
    form,
    inputs,
    errors,
    fields,
    save: saveBtn,
    continueBox,
    read,
    isDirty: () => !!baseline() && valuesDiffer(baseline(), read(), fields),
    clearErrors: () => clearFieldErrors(errors, inputs),
    showError(field, message) {
      if (!errors[field]) return false;
      showFieldError(errors[field], message, inputs[field]);
      return true;
    },
    destroy: () => form.remove(),
  };
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

