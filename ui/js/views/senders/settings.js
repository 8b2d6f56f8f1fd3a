// 报送情况, the two cards under the proposed list: 添加应报单位 (code and name,
// `#expected-form`; 从Excel导入名单, 下载导入模板) and 逾期提醒 (`#late-days`: after how
// many days from its export a package counts as late). Both forms are built once;
// update(senders) only puts the saved 逾期天数 in its box while the clerk is not in it.
import { h } from '../../dom.js';
import { bindFormKeys, onEnter, oneAtATime, clearFieldErrors, showFieldError, showProblems, clearWhenCorrected } from '../../forms.js';
import { problemsIn } from '../../logic/form.js';
import { reportError } from '../../logic/errors.js';
import { LATE_DAYS_MIN, LATE_DAYS_MAX, parseExpectedForm, parseLateDays } from '../../logic/senders.js';
import { openImportDialog } from '../import.js';
import { openTemplateDialog } from '../export.js';

const EXPECTED_FIELDS = ['code', 'name'];

/**
 * sendersSettings(props) → { el, update(senders) }
 * props: { api, toast, alert, clearAlert, onError, gone() (the view has left),
 *   reload() (the senders again, after a change) }
 */
export function sendersSettings({ api, toast, alert, clearAlert, onError, gone, reload }) {
  // add an expected office
  const codeInput = h('input', {
    id: 'expected-code', name: 'code', type: 'text', class: 'input-code', maxlength: '20', autocomplete: 'off',
    placeholder: '12位区划代码', 'aria-describedby': 'expected-code-error',
  });
  const nameInput = h('input', {
    id: 'expected-name', name: 'name', type: 'text', maxlength: '40', autocomplete: 'off',
    placeholder: '单位名称', 'aria-describedby': 'expected-name-error',
  });
  const errors = {
    code: h('p', { class: 'field-error', id: 'expected-code-error', 'data-error-for': 'code', hidden: true }),
    name: h('p', { class: 'field-error', id: 'expected-name-error', 'data-error-for': 'name', hidden: true }),
  };
  const inputs = { code: codeInput, name: nameInput };
  for (const f of Object.keys(inputs)) clearWhenCorrected(inputs[f], () => errors[f]);
  const addBtn = h('button', { id: 'expected-add', type: 'submit', class: 'btn btn-primary' }, '添加');
  const form = h('form', { id: 'expected-form', class: 'expected-form', novalidate: true, 'aria-labelledby': 'expected-title' },
    h('div', { class: 'expected-field' },
      h('label', { for: 'expected-code', class: 'filter-label' }, '统计用区划代码'), codeInput, errors.code),
    h('div', { class: 'expected-field expected-field-name' },
      h('label', { for: 'expected-name', class: 'filter-label' }, '单位名称'), nameInput, errors.name),
    h('div', { class: 'expected-field expected-field-action' }, addBtn));
  const importBtn = h('button', { id: 'expected-import', type: 'button', class: 'btn btn-secondary' }, '从Excel导入名单');
  const templateBtn = h('button', { id: 'expected-template', type: 'button', class: 'btn btn-secondary' }, '下载导入模板');

  // 逾期天数
  const lateInput = h('input', {
    id: 'late-days', type: 'number', class: 'input-count', min: String(LATE_DAYS_MIN), max: String(LATE_DAYS_MAX),
    step: '1', inputmode: 'numeric', 'aria-describedby': 'late-days-error late-days-hint',
  });
  const lateSave = h('button', { id: 'late-days-save', type: 'button', class: 'btn btn-secondary' }, '保存');
  const lateError = h('p', { class: 'field-error', id: 'late-days-error', 'data-error-for': 'days', hidden: true });

  const el = h('div', { class: 'senders-settings' },
    h('section', { class: 'card', 'aria-labelledby': 'expected-title' },
      h('div', { class: 'card-header' },
        h('h2', { id: 'expected-title' }, '添加应报单位'),
        h('div', { class: 'button-row' }, importBtn, templateBtn)),
      form,
      h('p', { class: 'hint' }, '代码已在名单里时，会改成新填的名称。Excel 名单有两列：区划代码、单位名称。')),
    h('section', { class: 'card', 'aria-labelledby': 'late-title' },
      h('h2', { id: 'late-title' }, '逾期提醒'),
      h('div', { class: 'late-row' },
        h('label', { for: 'late-days' }, '导出日期超过'), lateInput, h('span', {}, '天算逾期'), lateSave),
      lateError,
      h('p', { class: 'hint', id: 'late-days-hint' }, `按最近一次收到的文件的导出日期计算，${LATE_DAYS_MIN}–${LATE_DAYS_MAX} 天。`)));

  // ---------- wiring ----------
  const addExpected = oneAtATime(saveExpected);
  bindFormKeys(form, { save: addExpected, cancel: () => resetForm() });
  importBtn.addEventListener('click', () => openImportDialog({
    api, kind: 'expected-offices', toast, onError, onImported: () => { if (!gone()) reload(); },
  }));
  templateBtn.addEventListener('click', () => openTemplateDialog({ api, kind: 'expected-offices', toast, onError }));
  const saveLate = oneAtATime(saveLateDays);
  lateSave.addEventListener('click', saveLate);
  onEnter(lateInput, saveLate);

  function update(senders) {
    if (document.activeElement !== lateInput) lateInput.value = String(senders.lateDays ?? '');
  }

  function resetForm() {
    codeInput.value = '';
    nameInput.value = '';
    clearFieldErrors(errors, inputs);
    codeInput.focus();
  }

  async function saveExpected() {
    clearFieldErrors(errors, inputs);
    const parsed = parseExpectedForm({ code: codeInput.value, name: nameInput.value });
    if (!parsed.ok) {
      showProblems(problemsIn(parsed), (f, m) => { showFieldError(errors[f], m, inputs[f]); return true; }, () => {});
      return;
    }
    addBtn.disabled = true;
    clearAlert?.();
    try {
      const saved = await api.setExpectedOffice(parsed.code, parsed.name);
      if (gone()) return;
      toast?.(`已添加应报单位：${saved?.name ?? parsed.name}`);
      codeInput.value = '';
      nameInput.value = '';
      codeInput.focus();
      await reload();
    } catch (e) {
      if (gone()) return;
      reportError(e, {
        fields: EXPECTED_FIELDS,
        field: (f, message) => showFieldError(errors[f], message, inputs[f]),
        show: alert,
        reboot: onError,
      });
    } finally {
      if (!gone()) addBtn.disabled = false;
    }
  }

  async function saveLateDays() {
    clearFieldErrors({ days: lateError }, { days: lateInput });
    const parsed = parseLateDays(lateInput.value);
    if (!parsed.ok) {
      showFieldError(lateError, parsed.error.message, lateInput);
      return;
    }
    lateSave.disabled = true;
    clearAlert?.();
    try {
      const days = await api.setLateDays(parsed.days);
      if (gone()) return;
      toast?.(`已设置：导出日期超过 ${days ?? parsed.days} 天算逾期`);
      await reload();
    } catch (e) {
      if (gone()) return;
      reportError(e, {
        // The backend names the setting lateDays; the box is days.
        fields: ['days', 'lateDays'],
        field: (_f, message) => showFieldError(lateError, message, lateInput),
        show: alert,
        reboot: onError,
      });
    } finally {
      if (!gone()) lateSave.disabled = false;
    }
  }

  return { el, update };
}
