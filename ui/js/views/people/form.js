// 人员名单, the person form (`#person-<field>`, name=<field>; a stored person's ID number
// and mobile masked until 显示, as in the list) with the roles and their
// units (身份与所在网格: a check box per role, 专职/兼职 for 网格员, the units to pick with
// a filter), 保存, 取消/撤销修改 and 保存后继续新增 for a new person; what it holds,
// whether that changed, the 变动日期 a history-relevant change asks for, and its errors.
// 保存 and 取消 go up as props.onSave / props.onCancel.
import { h, DATE_TEXT } from '../../dom.js';
import { bindFormKeys, isComposing, clearFieldErrors, showFieldError } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { localDate } from '../../logic/format.js';
import {
  ROLES, EMPLOYMENTS, STATUSES, GENDERS, PERSON_FIELD_LABELS, unitOptionsForRole, filterUnitOptions, errorSlot,
  emptyRoleState, historyRelevantChange, personFormDirty, MASKED_FORM_FIELDS, unmaskedValue,
} from '../../logic/people.js';

const HINT = 'Enter 保存 · Esc 取消';

/**
 * mountPersonForm(root, props) → { el, inputs, save, continueBox, warnings, readValues(), readRoles(), isDirty(),
 *   updateEffectiveDate(), clearErrors(), showError(field, message) → bool, destroy() }
 * props: { values, roles (role state), creating, person (the one edited), baseline, baseRoles, options, tree,
 *   onSave(), onCancel() }
 */
export function mountPersonForm(root, props) {
  const { values, roles: roleState, creating } = props;
  const st = { options: props.options, tree: props.tree };
  let refs = null;
function buildForm(values, roleState, creating) {
  const inputs = {};
  const errors = {};
  const text = (field, attrs = {}) => h('input', {
    id: `person-${field}`, name: field, type: 'text', autocomplete: 'off', value: values[field] ?? '', ...attrs,
  });
  const select = (field, options, value) => {
    const el = h('select', { id: `person-${field}`, name: field },
      options.map((o) => h('option', { value: o.value }, o.label)));
    if (value && !options.some((o) => o.value === value)) el.append(h('option', { value }, value));
    el.value = value ?? '';
    return el;
  };
  inputs.name = text('name', { maxlength: '20' });
  inputs.idNumber = text('idNumber', { maxlength: '22', spellcheck: 'false', class: 'input-code' });
  inputs.phone = text('phone', { maxlength: '20', inputmode: 'tel', spellcheck: 'false', class: 'input-code' });
  // A stored person's numbers open masked (the form showed them whole as soon as a row
  // was opened); `masked` holds the number a masked box stands for, read by readValues.
  const masked = {};
  const reveals = {};
  for (const [field, mask] of Object.entries(MASKED_FORM_FIELDS)) {
    const full = String(values[field] ?? '');
    if (creating || !full) continue;
    const input = inputs[field];
    const label = PERSON_FIELD_LABELS[field];
    const btn = h('button', {
      type: 'button', class: 'btn btn-link btn-small reveal-btn', id: `person-${field}-reveal`, 'data-reveal': field,
      'aria-pressed': 'false', 'aria-label': `显示完整${label}`,
    }, '显示');
    const show = (on) => {
      if (on) {
        input.value = unmaskedValue(field, input.value, masked[field]);
        input.removeAttribute('readonly');
        input.removeAttribute('title');
      } else {
        masked[field] = input.value;
        input.value = mask(input.value);
        input.setAttribute('readonly', '');
        input.setAttribute('title', `点“显示”后可以修改${label}`);
      }
      btn.textContent = on ? '隐藏' : '显示';
      btn.setAttribute('aria-pressed', String(on));
      btn.setAttribute('aria-label', `${on ? '隐藏' : '显示'}完整${label}`);
    };
    btn.addEventListener('click', () => {
      const on = input.hasAttribute('readonly');
      show(on);
      if (on) input.focus();
    });
    show(false);
    reveals[field] = { btn, show: () => { if (input.hasAttribute('readonly')) show(true); } };
  }
  inputs.gender = select('gender', GENDERS, values.gender);
  inputs.birthDate = text('birthDate', { ...DATE_TEXT, placeholder: '可留空，按身份证' });
  inputs.politicalStatus = select('politicalStatus',
    [{ value: '', label: '（未填写）' }, ...(st.options.politicalStatuses ?? []).map((x) => ({ value: x, label: x }))],
    values.politicalStatus);
  inputs.education = select('education',
    [{ value: '', label: '（未填写）' }, ...(st.options.educations ?? []).map((x) => ({ value: x, label: x }))],
    values.education);
  inputs.startDate = text('startDate', { ...DATE_TEXT, placeholder: '如 2024-03-01' });
  inputs.status = select('status', STATUSES, values.status);
  inputs.published = h('input', { id: 'person-published', name: 'published', type: 'checkbox', checked: !!values.published });
  inputs.note = h('textarea', { id: 'person-note', name: 'note', rows: '2', maxlength: '500' });
  inputs.note.value = values.note ?? '';
  inputs.effectiveDate = text('effectiveDate', { ...DATE_TEXT, placeholder: null, 'aria-describedby': 'person-effectiveDate-hint person-effectiveDate-error' });

  const row = (field, control, extra) => {
    const id = control.id;
    const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
    errors[field] = err;
    if (!control.hasAttribute('aria-describedby')) control.setAttribute('aria-describedby', `${id}-error`);
    return h('div', { class: 'form-row', 'data-row': field },
      h('label', { for: id }, PERSON_FIELD_LABELS[field]),
      h('div', { class: 'field' }, control, extra ?? null, err));
  };

  const effectiveRow = row('effectiveDate', inputs.effectiveDate,
    h('span', { class: 'hint inline-hint', id: 'person-effectiveDate-hint' }, '变动生效的日期：这一天以前的统计仍按变动前计算（更正原来录错的内容，请填到岗日期）；身份、网格和状态的变动记入履历'));
  effectiveRow.classList.add('form-row-wide');
  effectiveRow.hidden = true;

  const publishedRow = h('div', { class: 'form-row', 'data-row': 'published' },
    h('span', { class: 'row-label' }, PERSON_FIELD_LABELS.published),
    h('div', { class: 'field checkbox-row' }, inputs.published,
      h('label', { for: 'person-published' }, '在小区和公示牌上公示姓名和手机号码')));

  const roles = buildRoles(roleState, errors);

  const noteRow = row('note', inputs.note);
  noteRow.classList.add('form-row-wide');

  const continueBox = h('input', { id: 'person-continue', type: 'checkbox', checked: true });
  const saveBtn = h('button', { id: 'person-save', type: 'submit', class: 'btn btn-primary' }, '保存');
  const cancelBtn = h('button', {
    id: 'person-cancel', type: 'button', class: 'btn btn-secondary',
    title: creating ? '放弃新增（Esc）' : '撤销未保存的修改（Esc）',
  }, creating ? '取消' : '撤销修改');
  cancelBtn.addEventListener('click', () => props.onCancel());

  const el = h('form', { id: 'person-form', class: 'person-form', novalidate: true, 'aria-labelledby': 'person-title' },
    h('div', { class: 'form-cols' },
      row('name', inputs.name),
      row('idNumber', inputs.idNumber, reveals.idNumber?.btn),
      row('phone', inputs.phone, reveals.phone?.btn),
      row('gender', inputs.gender),
      row('birthDate', inputs.birthDate),
      row('politicalStatus', inputs.politicalStatus),
      row('education', inputs.education),
      row('startDate', inputs.startDate),
      row('status', inputs.status),
      publishedRow,
      effectiveRow),
    roles.el,
    h('div', { class: 'form-cols' }, noteRow),
    h('div', { class: 'person-actions' },
      saveBtn, cancelBtn,
      creating ? h('span', { class: 'checkbox-row continue-row' }, continueBox,
        h('label', { for: 'person-continue' }, '保存后继续新增')) : null,
      h('span', { class: 'hint', id: 'person-hint' }, HINT)));

  bindFormKeys(el, { save: () => props.onSave(), cancel: () => props.onCancel() });
  el.addEventListener('input', () => updateEffectiveDate());
  el.addEventListener('change', () => updateEffectiveDate());

  return { el, inputs, errors, roles, save: saveBtn, continueBox, effectiveRow, warnings: null, masked, reveals };
}

function buildRoles(roleState, errors) {
  const rolesError = h('p', { class: 'field-error', id: 'person-roles-error', 'data-error-for': 'roles', hidden: true });
  errors.roles = rolesError;
  const blocks = {};
  const list = h('div', { class: 'role-blocks' });
  for (const r of ROLES) {
    const s = roleState[r.value] ?? { checked: false, employment: '', unitIds: [] };
    const check = h('input', {
      type: 'checkbox', id: `person-role-${r.value}`, 'data-role-check': r.value, checked: !!s.checked,
    });
    const options = unitOptionsForRole(st.tree, r.value);
    const chosen = new Set(s.unitIds.map(idKey));
    const count = h('span', { class: 'unit-count', 'aria-live': 'polite' });
    const chosenLine = h('p', { class: 'unit-chosen' });
    const items = options.map((o) => {
      const box = h('input', { type: 'checkbox', 'data-unit-option': o.id, value: o.id, checked: chosen.has(o.id) });
      const li = h('li', { class: 'unit-option', 'data-kind': o.kind },
        h('label', {}, box, h('span', { class: ['kind-tag', `kind-${o.kind}`] }, o.kindLabel), h('span', { class: 'unit-path' }, o.path)));
      return { o, box, li };
    });
    // Units that are chosen but no longer in the tree (deleted meanwhile) stay selected, shown plainly.
    for (const id of chosen) {
      if (!options.some((o) => o.id === id)) {
        const box = h('input', { type: 'checkbox', 'data-unit-option': id, value: id, checked: true });
        const o = { id, kind: '', kindLabel: '', path: `（已不存在的单位 ${id}）` };
        items.push({ o, box, li: h('li', { class: 'unit-option' }, h('label', {}, box, h('span', { class: 'unit-path' }, o.path))) });
      }
    }
    const filter = h('input', {
      type: 'search', class: 'filter unit-filter', 'data-unit-filter': r.value, autocomplete: 'off',
      placeholder: `筛选${r.unitPhrase}`, 'aria-label': `筛选${r.unitPhrase}`,
    });
    const ul = h('ul', { class: 'unit-options', 'data-unit-list': r.value, 'aria-label': `${r.label}所在的${r.unitPhrase}` },
      items.map((x) => x.li));
    const noUnits = h('p', { class: 'hint' }, `还没有${r.unitPhrase}，请先在“组织架构”中建立。`);
    const refresh = () => {
      const picked = items.filter((x) => x.box.checked);
      count.textContent = `已选 ${picked.length} 个`;
      chosenLine.textContent = picked.length ? `已选：${picked.map((x) => x.o.path.split(' › ').pop()).join('、')}` : '';
    };
    const applyFilter = () => {
      const shown = new Set(filterUnitOptions(items.map((x) => x.o), filter.value).map((o) => o.id));
      for (const x of items) x.li.hidden = !shown.has(x.o.id);
    };
    filter.addEventListener('input', applyFilter);
    // The filter box has keys of its own: Enter never saves the form, Esc empties the box first.
    filter.addEventListener('keydown', (e) => {
      if (isComposing(e)) return;
      if (e.key === 'Enter') {
        e.preventDefault();
      } else if (e.key === 'Escape' && filter.value) {
        e.preventDefault();
        filter.value = '';
        applyFilter();
      }
    });
    ul.addEventListener('change', refresh);
    refresh();

    let emp = null;
    if (r.value === 'grid_worker') {
      emp = h('select', { id: 'person-employment', name: 'employment', 'aria-describedby': 'person-roles-error' },
        h('option', { value: '' }, '请选择'),
        EMPLOYMENTS.map((e) => h('option', { value: e.value }, e.label)));
      emp.value = s.employment ?? '';
    }
    const body = h('div', { class: 'role-body', hidden: !s.checked },
      emp ? h('div', { class: 'role-employment' }, h('label', { for: 'person-employment' }, '专职/兼职'), emp) : null,
      options.length || chosen.size
        ? [h('div', { class: 'unit-picker-head' }, filter, count), ul, chosenLine]
        : noUnits);
    check.addEventListener('change', () => {
      body.hidden = !check.checked;
      if (check.checked) (emp && !emp.value ? emp : items.length ? filter : null)?.focus();
    });
    blocks[r.value] = { check, items, emp };
    list.append(h('div', { class: ['role-block', s.checked && 'is-on'], 'data-role': r.value },
      h('div', { class: 'checkbox-row role-head' }, check, h('label', { for: `person-role-${r.value}` }, r.label),
        h('span', { class: 'hint' }, `（${r.unitPhrase}）`)),
      body));
    check.addEventListener('change', () => {
      check.closest('.role-block').classList.toggle('is-on', check.checked);
    });
  }
  const el = h('fieldset', { class: 'roles-section', id: 'person-roles', 'aria-describedby': 'person-roles-error' },
    h('legend', {}, '身份与所在网格'), rolesError, list);
  return { el, blocks };
}

  refs = buildForm(values, roleState, creating);
  root.append(refs.el);

  // ---------- what the form holds ----------
  function readValues() {
    const i = refs.inputs;
    return {
      name: i.name.value,
      idNumber: unmaskedValue('idNumber', i.idNumber.value, refs.masked.idNumber),
      phone: unmaskedValue('phone', i.phone.value, refs.masked.phone),
      gender: i.gender.value,
      birthDate: i.birthDate.value,
      politicalStatus: i.politicalStatus.value,
      education: i.education.value,
      startDate: i.startDate.value,
      status: i.status.value,
      published: i.published.checked,
      note: i.note.value,
      effectiveDate: refs.effectiveRow.hidden ? '' : i.effectiveDate.value,
    };
  }

  function readRoles() {
    const out = emptyRoleState();
    for (const r of ROLES) {
      const b = refs.roles.blocks[r.value];
      out[r.value] = {
        checked: b.check.checked,
        employment: b.emp ? b.emp.value : '',
        unitIds: b.items.filter((x) => x.box.checked).map((x) => x.o.id),
      };
    }
    return out;
  }

  /** 变动日期 shows while a role, unit, status or 公示 of an existing person changed (today by default). */
  function updateEffectiveDate() {
    const show = !creating && historyRelevantChange(props.person, readValues(), readRoles());
    if (show && refs.effectiveRow.hidden) {
      refs.effectiveRow.hidden = false;
      if (!refs.inputs.effectiveDate.value) refs.inputs.effectiveDate.value = localDate();
    } else if (!show && !refs.effectiveRow.hidden) {
      refs.effectiveRow.hidden = true;
    }
  }

  function focusTargetForRoles(field) {
    const blocks = Object.values(refs.roles.blocks);
    if (field === 'units') {
      const missing = blocks.find((b) => b.check.checked && !b.items.some((x) => x.box.checked));
      if (missing) return missing.items.find((x) => !x.li.hidden)?.box ?? missing.check;
    }
    return blocks.find((b) => b.check.checked)?.check ?? blocks[0].check;
  }

  return {
    ...refs,
    readValues,
    readRoles,
    updateEffectiveDate,
    isDirty: () => personFormDirty(props.baseline, readValues(), props.baseRoles, readRoles()),
    clearErrors() {
      clearFieldErrors(refs.errors, refs.inputs);
      refs.roles.el.classList.remove('has-error');
    },
    /** An error beside its field (roles and units at the roles); false when the form has no such field. */
    showError(field, message) {
      const slot = errorSlot(field);
      const el = refs.errors[slot];
      if (!el) return false;
      if (slot === 'roles') {
        refs.roles.el.classList.add('has-error');
        const target = field === 'employment' ? refs.roles.blocks.grid_worker.emp : focusTargetForRoles(field);
        // 专职/兼职 and the grid share the slot: both said (probe U: the grid only on
        // the second 保存). Problems come last first, so the earlier goes before.
        const prior = !el.hidden ? String(el.textContent ?? '') : '';
        const both = prior && !prior.includes(message) ? `${message}${prior}` : message;
        showFieldError(el, both, target, { mark: false, select: false });
        return true;
      }
      if (field === 'effectiveDate') refs.effectiveRow.hidden = false;
      refs.reveals[field]?.show(); // a refused number is shown whole, to be corrected
      showFieldError(el, message, refs.inputs[field]);
      return true;
    },
    destroy: () => refs.el.remove(),
  };
}
