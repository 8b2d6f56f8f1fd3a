// 导出Excel and 下载导入模板 dialogs. Both take a typed path or one picked with
// choose_save_file; an empty path opens the system dialog when the button is pressed.
import { h } from '../dom.js';
import { openModal } from '../dialog.js';
import { errorRoute, errorMessage } from '../logic/errors.js';
import { importKindInfo } from '../logic/importing.js';

export const UNMASKED_WARNING = '完整的身份证号码和手机号码属于敏感个人信息，导出会记入变更记录。';

function pathRow({ inputId, buttonId, label, placeholder }) {
  const input = h('input', {
    id: inputId, type: 'text', class: 'input-path', autocomplete: 'off', spellcheck: 'false', placeholder,
  });
  const button = h('button', { id: buttonId, type: 'button', class: 'btn btn-secondary' }, '选择位置…');
  return {
    input,
    button,
    el: [h('label', { for: inputId, class: 'block-label' }, label), h('div', { class: 'path-row' }, input, button)],
  };
}

function failWith(errorEl, close, onError) {
  return (e) => {
    if (errorRoute(e) === 'reboot') {
      close();
      onError?.(e);
      return;
    }
    errorEl.textContent = errorMessage(e);
    errorEl.hidden = false;
  };
}

/**
 * 导出Excel: exports `query` (the list's current filters and search, all rows).
 * `count` is how many people that is (shown as a reminder), `defaultName` the file name offered.
 */
export function openExportDialog({ api, query, count, defaultName, toast, onError }) {
  const masked = h('input', { type: 'radio', name: 'export-mode', id: 'export-masked', value: 'masked', checked: true });
  const unmasked = h('input', { type: 'radio', name: 'export-mode', id: 'export-unmasked', value: 'unmasked' });
  const confirmBox = h('input', { type: 'checkbox', id: 'export-unmasked-confirm' });
  const warning = h('div', { class: 'sensitive-warning', id: 'export-warning', hidden: true },
    h('p', { class: 'warning-text' }, UNMASKED_WARNING),
    h('div', { class: 'checkbox-row' }, confirmBox,
      h('label', { for: 'export-unmasked-confirm' }, '我确认因工作需要导出完整号码，并妥善保管导出的文件')));
  const where = pathRow({
    inputId: 'export-path', buttonId: 'export-choose', label: '保存到', placeholder: '可留空，导出时选择位置',
  });
  const error = h('p', { class: 'file-error', id: 'export-error', role: 'alert', hidden: true });
  const go = h('button', { id: 'export-go', type: 'button', class: 'btn btn-primary' }, '导出');
  const cancel = h('button', { id: 'export-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');

  const { close } = openModal({
    id: 'export-dialog',
    title: '导出Excel',
    className: 'dialog-medium',
    content: [
      h('p', { class: 'hint' }, typeof count === 'number'
        ? `按当前的筛选条件和搜索导出，共 ${count} 人。`
        : '按当前的筛选条件和搜索导出。'),
      h('fieldset', { class: 'radio-group' },
        h('legend', {}, '身份证号码和手机号码'),
        h('div', { class: 'checkbox-row' }, masked, h('label', { for: 'export-masked' }, '号码打码（默认）')),
        h('div', { class: 'checkbox-row' }, unmasked, h('label', { for: 'export-unmasked' }, '完整号码'))),
      warning,
      where.el,
      error,
      h('div', { class: 'dialog-actions' }, cancel, go),
    ],
  });
  const fail = failWith(error, close, onError);

  const sync = () => {
    warning.hidden = !unmasked.checked;
    if (!unmasked.checked) confirmBox.checked = false;
  };
  masked.addEventListener('change', sync);
  unmasked.addEventListener('change', sync);
  cancel.addEventListener('click', close);
  where.button.addEventListener('click', async () => {
    error.hidden = true;
    try {
      const p = await api.chooseSaveFile('导出人员名单', defaultName);
      if (typeof p === 'string' && p) where.input.value = p;
    } catch (e) {
      fail(e);
    }
  });
  where.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      go.click();
    }
  });
  go.addEventListener('click', async () => {
    error.hidden = true;
    const full = unmasked.checked;
    if (full && !confirmBox.checked) {
      error.textContent = '导出完整号码前，请先勾选确认。';
      error.hidden = false;
      confirmBox.focus();
      return;
    }
    go.disabled = true;
    try {
      let path = where.input.value.trim();
      if (!path) {
        const p = await api.chooseSaveFile('导出人员名单', defaultName);
        if (typeof p !== 'string' || !p) return;
        path = p;
        where.input.value = p;
      }
      const n = await api.exportPeopleXlsx(query, full, path);
      close();
      toast?.(`已导出 ${Number(n) || 0} 人`);
    } catch (e) {
      fail(e);
    } finally {
      go.disabled = false;
    }
  });
  masked.focus();
  return close;
}

/** 下载导入模板: writes the empty template of an import kind. */
export function openTemplateDialog({ api, kind = 'people', toast, onError }) {
  const info = importKindInfo(kind);
  const where = pathRow({
    inputId: 'template-path', buttonId: 'template-choose', label: '保存到', placeholder: '可留空，保存时选择位置',
  });
  const error = h('p', { class: 'file-error', id: 'template-error', role: 'alert', hidden: true });
  const go = h('button', { id: 'template-go', type: 'button', class: 'btn btn-primary' }, '保存模板');
  const cancel = h('button', { id: 'template-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
  const { close } = openModal({
    id: 'template-dialog',
    title: '下载导入模板',
    className: 'dialog-medium',
    content: [
      h('p', { class: 'hint' }, `模板是一个 Excel 文件，列出了导入${info.label}需要的各列。按模板填写后，用“导入”读入。`),
      where.el,
      error,
      h('div', { class: 'dialog-actions' }, cancel, go),
    ],
  });
  const fail = failWith(error, close, onError);
  cancel.addEventListener('click', close);
  const pick = async () => {
    const p = await api.chooseSaveFile('保存导入模板', info.templateName);
    if (typeof p === 'string' && p) where.input.value = p;
    return typeof p === 'string' && p ? p : '';
  };
  where.button.addEventListener('click', async () => {
    error.hidden = true;
    try { await pick(); } catch (e) { fail(e); }
  });
  where.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      go.click();
    }
  });
  go.addEventListener('click', async () => {
    error.hidden = true;
    go.disabled = true;
    try {
      const path = where.input.value.trim() || await pick();
      if (!path) return;
      await api.importTemplate(kind, path);
      close();
      toast?.('已保存导入模板');
    } catch (e) {
      fail(e);
    } finally {
      go.disabled = false;
    }
  });
  where.button.focus();
  return close;
}
