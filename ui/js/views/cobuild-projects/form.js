// 共建 › 项目, a project's form (项目信息): title, village, category, planned dates,
// resources, beneficiaries and a note; the facts the steps record under it.
// Enter saves (props.onSave), Esc and 取消/撤销修改 run props.onCancel.
import { h, DATE_TEXT } from '../../dom.js';
import { bindFormKeys, oneAtATime, clearFieldErrors, showFieldError, fieldRow } from '../../forms.js';
import { valuesChanged } from '../../logic/fields.js';
import { PROJECT_FIELDS, resourcesText, projectFormValues } from '../../logic/cobuild.js';

/**
 * mountProjectForm(root, props) → { el, read(), isDirty(), focus(), showError(field, message) → bool,
 *   clearErrors(), saveBtn, destroy() }
 * props: { project (null: a new one), villages, categories, villageId (the filter's, for a new one),
 *          onSave(), onCancel() }
 */
export function mountProjectForm(root, props) {
  const p = props.project;
  const values = projectFormValues(p, { villageId: props.villageId });
  const baseline = { ...values };
  const inputs = {};
  const errors = {};
  const text = (field, attrs = {}) => h('input', {
    type: 'text', id: `project-${field}`, name: field, autocomplete: 'off', value: values[field], ...attrs,
  });
  inputs.title = text('title', { maxlength: '100' });
  inputs.villageId = h('select', { id: 'project-villageId', name: 'villageId' },
    h('option', { value: '' }, props.villages.length ? '请选择村/社区' : '还没有村/社区'),
    props.villages.map((v) => h('option', { value: v.id }, v.label)));
  if (values.villageId && !props.villages.some((v) => v.id === values.villageId)) {
    inputs.villageId.append(h('option', { value: values.villageId }, p?.villageName || '（已不存在的村/社区）'));
  }
  inputs.villageId.value = values.villageId;
  inputs.category = text('category', { maxlength: '30', list: 'project-categories', placeholder: '可选择或填写' });
  const categories = h('datalist', { id: 'project-categories' }, props.categories.map((c) => h('option', { value: c })));
  inputs.registeredOn = text('registeredOn', {
    ...DATE_TEXT, placeholder: p ? '' : '默认今天', 'aria-describedby': 'project-registeredOn-hint',
  });
  inputs.plannedStart = text('plannedStart', DATE_TEXT);
  inputs.plannedEnd = text('plannedEnd', { ...DATE_TEXT, placeholder: '如 2026-09-30' });
  inputs.money = text('money', { class: 'input-count', maxlength: '16', inputmode: 'decimal', placeholder: '元' });
  inputs.people = text('people', { class: 'input-count', maxlength: '8', inputmode: 'numeric', placeholder: '人' });
  inputs.goods = text('goods', { maxlength: '200', placeholder: '如 图书 200 册、健身器材一套' });
  inputs.beneficiaries = text('beneficiaries', { maxlength: '200', placeholder: '如 6 号楼住户 48 户、辖区老人 120 人' });
  inputs.note = h('textarea', { id: 'project-note', name: 'note', rows: '3', maxlength: '2000', placeholder: '需求的具体内容、实施情况等' });
  inputs.note.value = values.note;

  const creating = !p;
  const saveBtn = h('button', { id: 'project-save', type: 'submit', class: 'btn btn-primary' }, creating ? '保存并继续' : '保存');
  const cancelBtn = h('button', { id: 'project-cancel', type: 'button', class: 'btn btn-secondary' }, creating ? '取消' : '撤销修改');
  // What the steps record: redrawn by update(project) after each step, the form kept.
  const facts = p ? h('dl', { class: 'info-grid project-facts', id: 'project-facts' }) : null;
  const drawFacts = (q) => facts?.replaceChildren(
    h('dt', {}, '实际开始'), h('dd', { 'data-fact': 'actualStart' }, q?.actualStart || '—'),
    h('dt', {}, '实际完成'), h('dd', { 'data-fact': 'actualEnd' }, q?.actualEnd || '—'),
    h('dt', {}, '投入资源'), h('dd', {}, resourcesText(q)));
  drawFacts(p);
  const row = (field, label, extra) => fieldRow({ field, label, control: inputs[field], errors, extra, wide: field === 'note' });
  const el = h('form', { id: 'project-form', class: 'project-form', novalidate: true, 'aria-labelledby': 'project-form-title' },
    h('h3', { id: 'project-form-title' }, creating ? '项目信息' : '项目信息（可修改）'),
    row('title', '项目名称'),
    row('villageId', '提出需求的村/社区'),
    row('category', '类别', categories),
    row('registeredOn', '登记日期', h('p', { class: 'hint', id: 'project-registeredOn-hint' },
      '补录以前的项目时填实际登记的日期；认领日期不能早于它。')),
    row('plannedStart', '计划开始'),
    row('plannedEnd', '计划完成'),
    row('money', '投入资金（元）'),
    row('people', '投入人力（人）'),
    row('goods', '投入物资'),
    row('beneficiaries', '受益对象'),
    row('note', '说明'),
    h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')),
    facts);
  const read = () => Object.fromEntries(PROJECT_FIELDS.map((f) => [f, inputs[f].value]));
  cancelBtn.addEventListener('click', () => props.onCancel());
  bindFormKeys(el, { save: oneAtATime(() => props.onSave()), cancel: () => props.onCancel() });
  root.append(el);

  return {
    el,
    inputs,
    saveBtn,
    read,
    isDirty: () => valuesChanged(baseline, read()),
    focus: () => inputs.title.focus(),
    /** The facts the steps record (实际开始, 实际完成 …), from the project a command returned. */
    update: (q) => drawFacts(q),
    clearErrors: () => clearFieldErrors(errors, inputs),
    showError(field, message) {
      const slot = errors[field];
      if (!slot) return false;
      const control = inputs[field];
      showFieldError(slot, message, control, { select: control?.tagName === 'INPUT' });
      return true;
    },
    destroy: () => el.remove(),
  };
}
