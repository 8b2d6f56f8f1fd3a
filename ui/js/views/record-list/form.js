// The record form of a record list (and of forms built alike: 诉求, 转为诉求): one
// control per field spec (`#<name>-<field>`), custom parts, 保存/取消 with Enter and
// Esc; and a masked number with 显示 (`[data-reveal-phone]`). Text only through textContent.
import { h, DATE_TEXT, optionNodes, limitedArea } from '../../dom.js';
import {
  bindFormKeys, oneAtATime, whileBusy, clearFieldErrors, showFieldError, fieldRow, clearWhenCorrected,
} from '../../forms.js';

/**
 * One control of a record form, `#<name>-<field>` with name=<field>. spec:
 *   { field, type: 'text'|'date'|'phone'|'select'|'textarea', options: [{value,label}], blank (text of the
 *     empty first option), maxlength, placeholder, rows, list (datalist values), disabled }
 * → { control, extra } (extra: the datalist).
 */
export function buildControl(name, spec, value) {
  const id = `${name}-${spec.field}`;
  const v = value ?? '';
  const common = { id, name: spec.field, 'aria-describedby': spec.describedBy, disabled: !!spec.disabled };
  const text = (attrs) => h('input', {
    type: 'text', ...common, autocomplete: 'off', maxlength: String(spec.maxlength ?? 100), placeholder: spec.placeholder,
    value: v, ...attrs,
  });
  switch (spec.type) {
    case 'date':
      return { control: text({ ...DATE_TEXT, placeholder: spec.placeholder ?? DATE_TEXT.placeholder }) };
    case 'phone':
      return {
        control: text({ class: 'input-code', maxlength: '20', inputmode: 'tel', spellcheck: 'false', placeholder: spec.placeholder ?? '手机或座机' }),
      };
    case 'select': {
      const options = Array.isArray(spec.options) ? spec.options : [];
      const select = h('select', common,
        spec.blank != null ? h('option', { value: '' }, spec.blank) : null,
        optionNodes(options));
      // A value the options lack (a unit deleted since) stays, named as the record had it.
      if (v !== '' && !options.some((o) => String(o.value) === String(v))) {
        select.append(h('option', { value: String(v) }, spec.missingLabel ?? '（已不存在）'));
      }
      select.value = String(v);
      return { control: select };
    }
    case 'checkbox':
      return { control: h('input', { type: 'checkbox', ...common, checked: !!value }) };
    case 'textarea': {
      const { area, count, show } = limitedArea(
        { ...common, rows: String(spec.rows ?? 3), placeholder: spec.placeholder }, Number(spec.maxlength ?? 2000));
      area.value = v;
      show();
      return { control: area, extra: count };
    }
    default: {
      const listId = spec.list ? `${id}-options` : null;
      const input = text({ class: spec.class, list: listId });
      const extra = spec.list ? h('datalist', { id: listId }, spec.list.map((x) => h('option', { value: x }))) : null;
      return { control: input, extra };
    }
  }
}

/**
 * The 备注 box every record form ends with: two rows, at most 500 characters (the
 * core's limit for a note); `field` names it (`remark` on some kinds), `more` adds
 * to it (a longer limit, a placeholder).
 */
export function noteField(field = 'note', more = {}) {
  return { field, label: '备注', type: 'textarea', rows: 2, maxlength: 500, ...more };
}

/** A list item's 列入日期 (履职事项, 网格事项): the day a past period counts it from. */
export function listedOnField(more = '') {
  return {
    field: 'listedOn',
    label: '列入日期',
    type: 'date',
    hint: `事项列入清单的日期，不晚于今天。统计以前的季度、年度时从这一天起计入；不填按录入的那一天。${more}`,
  };
}

/**
 * A record form: `form#<name>-form` with a title, one row per field, custom parts
 * (spec.type 'custom': spec.build(value) → { el, read(), error, showError(message, meta) }),
 * 保存 `#<name>-save`, 取消/撤销修改 `#<name>-cancel` and a hint. Enter saves, Esc runs cancel.
 * → { el, inputs, errors, read(), saveBtn, cancelBtn, showError(field, message, meta) → bool }
 */
export function recordForm({ name, title, fields, values, creating, save, cancel, saveText = '保存', className = 'side-form' }) {
  const inputs = {};
  const errors = {};
  const customs = {};
  const rows = fields.map((spec) => {
    if (spec.type === 'custom') {
      const part = spec.build(values[spec.field], inputs);
      customs[spec.field] = part;
      errors[spec.field] = part.error;
      return part.el;
    }
    const { control, extra } = buildControl(name, spec, values[spec.field]);
    inputs[spec.field] = control;
    spec.onBuild?.(control, inputs);
    const row = fieldRow({
      field: spec.field, label: spec.label, control, errors, hint: spec.hint, extra: [extra, spec.extra ?? null],
      wide: spec.type === 'textarea' || spec.wide,
    });
    clearWhenCorrected(control, () => errors[spec.field]);
    return row;
  });
  const saveBtn = h('button', { id: `${name}-save`, type: 'submit', class: 'btn btn-primary' }, saveText);
  const cancelBtn = h('button', { id: `${name}-cancel`, type: 'button', class: 'btn btn-secondary' }, creating ? '取消' : '撤销修改');
  const el = h('form', {
    id: `${name}-form`, class: className, novalidate: true, 'aria-labelledby': title == null ? null : `${name}-form-title`,
  },
  title == null ? null : h('h2', { class: 'detail-title', id: `${name}-form-title` }, title),
  rows,
  h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')));
  const read = () => Object.fromEntries(fields.map((f) => {
    if (customs[f.field]) return [f.field, customs[f.field].read()];
    return [f.field, f.type === 'checkbox' ? inputs[f.field].checked : inputs[f.field].value];
  }));
  cancelBtn.addEventListener('click', () => cancel());
  bindFormKeys(el, { save: oneAtATime(save), cancel });
  const showError = (field, message, meta) => {
    if (customs[field]) {
      customs[field].showError(message, meta ?? {});
      return true;
    }
    const slot = errors[field];
    if (!slot) return false;
    const control = inputs[field];
    showFieldError(slot, message, control, { select: control?.tagName === 'INPUT' });
    return true;
  };
  const clearErrors = () => clearFieldErrors(errors, inputs);
  return { el, inputs, parts: customs, errors, read, saveBtn, cancelBtn, showError, clearErrors };
}

/**
 * A masked number with 显示/隐藏 (`[data-reveal-phone="<id>"]`): reveal() fetches the
 * full number; it is shown until hidden again or the list is drawn anew.
 */
export function revealCell({ id, masked, label, reveal, onError, what = '号码' }) {
  if (!masked) return h('span', { class: 'muted' }, '—');
  let full = null;
  const value = h('span', { class: 'masked-value' }, masked);
  const btn = h('button', {
    type: 'button', class: 'btn btn-link btn-small reveal-btn', 'data-reveal-phone': id, 'aria-pressed': 'false',
    'aria-label': `显示${label}的完整${what}`,
  }, '显示');
  btn.addEventListener('click', async (e) => {
    e.stopPropagation();
    if (full === null) {
      try {
        full = String(await whileBusy(btn, () => reveal()) ?? '');
      } catch (err) {
        onError(err);
        return;
      }
    } else {
      full = null;
    }
    const on = full !== null;
    value.textContent = on ? full : masked;
    value.classList.toggle('is-revealed', on);
    btn.textContent = on ? '隐藏' : '显示';
    btn.setAttribute('aria-pressed', String(on));
    btn.setAttribute('aria-label', `${on ? '隐藏' : '显示'}${label}的完整${what}`);
  });
  return h('span', { class: 'cell-masked' }, value, btn);
}

