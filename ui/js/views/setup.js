// 首次设置: choose the office this installation serves.
import { h } from '../dom.js';
import { clearFieldErrors, showFieldError } from '../forms.js';
import { LEVELS, parseSetupForm } from '../logic/form.js';
import { reportError } from '../logic/errors.js';
import { confirmDialog } from '../dialog.js';
import { setupRestoreQuestion } from '../logic/labels.js';

const FIELDS = ['level', 'code', 'name'];

export function mountSetup(container, { api, alert, clearAlert, onError, onDone, onRestored }) {
  const errors = {};
  const errorEl = (field) => {
    errors[field] = h('p', { class: 'field-error', id: `setup-${field}-error`, 'data-error-for': field, hidden: true });
    return errors[field];
  };

  const level = h('select', { id: 'setup-level', name: 'level', 'aria-describedby': 'setup-level-error' },
    LEVELS.map((l) => h('option', { value: l.value }, l.label)));
  level.value = 'township';
  const code = h('input', {
    id: 'setup-code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'off',
    maxlength: '20', spellcheck: 'false', 'aria-describedby': 'setup-code-hint setup-code-error',
  });
  const name = h('input', {
    id: 'setup-name', name: 'name', type: 'text', autocomplete: 'off', maxlength: '100',
    'aria-describedby': 'setup-name-error',
  });
  // Who enters the data, for 变更记录 and 回收站 (probe AM: never asked, every change
  // read 本机 until the clerk found it in 设置). Optional.
  const operator = h('input', {
    id: 'setup-operator', name: 'operator', type: 'text', autocomplete: 'off', maxlength: '30',
    'aria-describedby': 'setup-operator-hint setup-operator-error',
  });
  const inputs = { level, code, name, operator };
  const submit = h('button', { id: 'setup-submit', type: 'submit', class: 'btn btn-primary' }, '保存并开始');

  const form = h('form', { id: 'setup-form', class: 'form-grid setup-form', novalidate: true },
    h('label', { for: 'setup-level' }, '层级'),
    h('div', { class: 'field' }, level, errorEl('level')),
    h('label', { for: 'setup-code' }, '统计用区划代码'),
    h('div', { class: 'field' }, code,
      h('p', { class: 'hint', id: 'setup-code-hint' }, '12位数字，如 320115101000'),
      errorEl('code')),
    h('label', { for: 'setup-name' }, '单位名称'),
    h('div', { class: 'field' }, name, errorEl('name')),
    h('label', { for: 'setup-operator' }, '操作人'),
    h('div', { class: 'field' }, operator,
      h('p', { class: 'hint', id: 'setup-operator-hint' }, '您的名字，写入“变更记录”和“回收站”；可不填，以后在“设置”里改。'),
      errorEl('operator')),
    h('div', { class: 'form-actions' }, submit));

  const showError = (field, message) => showFieldError(errors[field], message, inputs[field], { select: false });

  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    clearFieldErrors(errors, inputs);
    clearAlert?.();
    const parsed = parseSetupForm({ level: level.value, code: code.value, name: name.value });
    if (!parsed.ok) {
      showError(parsed.error.field, parsed.error.message);
      return;
    }
    busy = true;
    submit.disabled = true;
    try {
      const office = await api.setupOffice(parsed.input);
      const who = operator.value.trim();
      if (who) {
        try {
          await api.setOperator(who);
        } catch (err) {
          // The office is set up: said, and the name left to 设置.
          reportError(err, { show: alert, reboot: onError });
        }
      }
      await onDone?.(office);
    } catch (err) {
      reportError(err, { fields: FIELDS, field: showError, show: alert, reboot: onError });
    } finally {
      busy = false;
      if (submit.isConnected) submit.disabled = false;
    }
  });

  // A new PC: the ledgers come back from the old PC's backup file, office and all.
  const restore = h('button', { id: 'setup-restore', type: 'button', class: 'btn btn-secondary' }, '从备份文件恢复…');
  restore.addEventListener('click', async () => {
    if (busy) return;
    clearAlert?.();
    busy = true;
    restore.disabled = true;
    try {
      const path = await api.chooseOpenFile('选择备份文件', 'backup');
      // Looked at first: the clerk sees whose ledgers they are before this PC
      // becomes that office's.
      const info = path ? await api.inspectBackup(path) : null;
      if (info && await confirmDialog({ title: '从备份文件恢复', message: setupRestoreQuestion(info), okText: '恢复' })) {
        await onRestored?.(await api.restoreBackup(path));
      }
    } catch (err) {
      reportError(err, { show: alert, reboot: onError });
    } finally {
      busy = false;
      if (restore.isConnected) restore.disabled = false;
    }
  });

  container.append(h('section', { class: 'setup card', 'aria-labelledby': 'setup-title' },
    h('h1', { id: 'setup-title' }, '欢迎使用基层治理台账'),
    h('p', { class: 'lead' }, '请设置本机服务的单位。设置后，本机录入的每条记录都归属该单位。'),
    form,
    h('section', { class: 'setup-restore', 'aria-labelledby': 'setup-restore-title' },
      h('h2', { id: 'setup-restore-title' }, '换了电脑？'),
      h('p', { class: 'hint', id: 'setup-restore-hint' },
        '有从旧电脑复制来的备份文件（.db，在旧电脑“设置”页所列的备份文件夹里）时，可以直接恢复全部台账，不必重新设置。'),
      restore)));
  level.focus();
  return () => {};
}
