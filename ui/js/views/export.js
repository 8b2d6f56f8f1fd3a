// 导出Excel and 下载导入模板 dialogs. Both take a typed path or one picked with
// choose_save_file (files.js savePathPicker); an empty path opens the system
// dialog when the main button is pressed. openXlsxExportDialog is the plain
// 导出Excel of a list (党建, 共建) that has no masking choice.
import { h } from '../dom.js';
import { openModal, dialogErrors } from '../dialog.js';
import { hideMessage, showMessage } from '../forms.js';
import { openActions, savePathPicker } from '../files.js';
import { importKindInfo } from '../logic/importing.js';

export const UNMASKED_WARNING = '完整的身份证号码和手机号码属于敏感个人信息，导出会记入变更记录。';

/**
 * The frame both dialogs share: their own content, 保存到 [path] [选择位置…], an
 * error line, 取消 and the main button. The main button runs prepare() (false
 * stops; anything else is handed on), takes the path (asking when the box is
 * empty; cancelled = nothing happens), runs write(path, prepared) and closes the
 * dialog with the toast write() returns. → { close, where, showError }.
 */
function openSaveDialog({
  api, id, title, content, inputId, buttonId, errorId, goId, cancelId, goText, placeholder,
  pickTitle, defaultName, prepare = () => true, write, toast, onError,
}) {
  const error = h('p', { class: 'file-error', id: errorId, role: 'alert', hidden: true });
  const go = h('button', { id: goId, type: 'button', class: 'btn btn-primary' }, goText);
  const cancel = h('button', { id: cancelId, type: 'button', class: 'btn btn-secondary' }, '取消');
  const where = savePathPicker({
    api, inputId, buttonId, placeholder, title: pickTitle, defaultName,
    onEnter: () => go.click(), onChoose: () => hideMessage(error), onError: (e) => fail(e),
  });
  const { close } = openModal({
    id,
    title,
    className: 'dialog-medium',
    content: [content, where.el, error, h('div', { class: 'dialog-actions' }, cancel, go)],
  });
  const fail = dialogErrors(error, close, onError);
  const showError = (message) => showMessage(error, message);

  cancel.addEventListener('click', close);
  go.addEventListener('click', async () => {
    hideMessage(error);
    const prepared = prepare(showError);
    if (prepared === false) return;
    go.disabled = true;
    try {
      const path = await where.resolve();
      if (!path) return;
      const message = await write(path, prepared);
      close();
      // After a file is written the toast offers to open it or its folder.
      toast?.(message, openActions(api, path));
    } catch (e) {
      fail(e);
    } finally {
      go.disabled = false;
    }
  });
  return { close, where, showError };
}

/**
 * 导出Excel: exports `query` (the list's current filters and search, all rows).
 * `count` is how many people that is (shown as a reminder), `defaultName` the file name offered;
 * `selected`: the query names the ticked rows (`query.ids`, 导出所选).
 */
export function openExportDialog({ api, query, count, selected = false, defaultName, toast, onError }) {
  const masked = h('input', { type: 'radio', name: 'export-mode', id: 'export-masked', value: 'masked', checked: true });
  const unmasked = h('input', { type: 'radio', name: 'export-mode', id: 'export-unmasked', value: 'unmasked' });
  const confirmBox = h('input', { type: 'checkbox', id: 'export-unmasked-confirm' });
  const warning = h('div', { class: 'sensitive-warning', id: 'export-warning', hidden: true },
    h('p', { class: 'warning-text' }, UNMASKED_WARNING),
    h('div', { class: 'checkbox-row' }, confirmBox,
      h('label', { for: 'export-unmasked-confirm' }, '我确认因工作需要导出完整号码，并妥善保管导出的文件')));

  // 在岗 only or 离岗 too: asked when the list has both (a 网格员名单 sent up with its
  // 离岗 rows read as that many more in post: probe AN). Filled in once counted.
  const onlyActive = h('input', { type: 'radio', name: 'export-scope', id: 'export-active', value: 'active', checked: true });
  const withLeft = h('input', { type: 'radio', name: 'export-scope', id: 'export-with-left', value: 'all' });
  // 已公示 goes out as the 公示名单 (the core's layout for a notice board: whole phones,
  // no ID numbers, those in post only): no number or 离岗 choice to make (probe AP).
  const notice = !selected && query.published === 'yes';
  const scope = h('p', { class: 'hint', id: 'export-scope' }, notice ? NOTICE_TEXT : exportScopeText(count, selected));
  const who = h('fieldset', { class: 'radio-group', id: 'export-who', hidden: true });
  const { close } = openSaveDialog({
    api, toast, onError,
    id: 'export-dialog',
    title: '导出Excel',
    content: [
      scope,
      who,
      h('fieldset', { class: 'radio-group', id: 'export-numbers', hidden: notice },
        h('legend', {}, '身份证号码和手机号码'),
        h('div', { class: 'checkbox-row' }, masked, h('label', { for: 'export-masked' }, '号码打码（默认）')),
        h('div', { class: 'checkbox-row' }, unmasked, h('label', { for: 'export-unmasked' }, '完整号码'))),
      warning,
    ],
    inputId: 'export-path', buttonId: 'export-choose', errorId: 'export-error', goId: 'export-go', cancelId: 'export-cancel',
    goText: '导出',
    placeholder: '可留空，导出时选择位置',
    pickTitle: '导出人员名单',
    defaultName,
    prepare: (showError) => {
      // An empty list wrote a file of headers and said 已导出 0 人 (probe AP).
      if (count === 0) {
        showError(selected ? '没有勾选人员。' : '当前的筛选条件和搜索下没有人员，换个条件再导出。');
        return false;
      }
      const full = unmasked.checked;
      if (full && !confirmBox.checked) {
        showError('导出完整号码前，请先勾选确认。');
        confirmBox.focus();
        return false;
      }
      return { full, status: who.hidden || withLeft.checked ? query.status ?? '' : 'active' };
    },
    write: async (path, { full, status }) => {
      const n = await api.exportPeopleXlsx({ ...query, status }, full, path);
      return `已导出 ${Number(n) || 0} 人`;
    },
  });
  if (!notice && !selected && !query.status && typeof count === 'number' && count > 0 && api.listPeople) {
    api.listPeople({ ...query, status: 'left', page: 0, pageSize: 1 }).then((page) => {
      const left = Number(page?.total) || 0;
      if (!left || !who.isConnected) return;
      const text = exportWhoText(count, left);
      scope.textContent = text.scope;
      who.replaceChildren(
        h('legend', {}, '导出哪些人'),
        h('div', { class: 'checkbox-row' }, onlyActive, h('label', { for: 'export-active' }, text.active)),
        h('div', { class: 'checkbox-row' }, withLeft, h('label', { for: 'export-with-left' }, text.all)));
      who.hidden = false;
    }, () => {});
  }

  const sync = () => {
    warning.hidden = !unmasked.checked;
    if (!unmasked.checked) confirmBox.checked = false;
  };
  masked.addEventListener('change', sync);
  unmasked.addEventListener('change', sync);
  masked.focus();
  return close;
}

/** What the export writes: the ticked rows or the whole filter. */
export function exportScopeText(count, selected) {
  if (selected) return `只导出已勾选的 ${Number(count) || 0} 人（带标题行的花名册）。`;
  return typeof count === 'number' ? `按当前的筛选条件和搜索导出，共 ${count} 人。` : '按当前的筛选条件和搜索导出。';
}

/** What the 公示名单 holds, said in its export dialog. */
export const NOTICE_TEXT = '导出公示名单：只含在岗、已公示的人员，写村/社区、网格/小区、身份、姓名和完整的手机号码（按公示写出），不含身份证号码，可直接打印张贴。';

/** The 在岗/离岗 choice's words, for a list of `count` people of whom `left` are 离岗. */
export function exportWhoText(count, left) {
  return {
    scope: `按当前的筛选条件和搜索，共 ${count} 人，其中离岗 ${left} 人。`,
    active: `只导出在岗的 ${Math.max(count - left, 0)} 人（默认）`,
    all: `在岗和离岗的 ${count} 人都导出（离岗的写明离岗日期，标题注明含离岗人数）`,
  };
}

/** 下载导入模板: writes the empty template of an import kind. */
export function openTemplateDialog({ api, kind = 'people', toast, onError }) {
  const info = importKindInfo(kind);
  const { close, where } = openSaveDialog({
    api, toast, onError,
    id: 'template-dialog',
    title: '下载导入模板',
    content: h('p', { class: 'hint' }, `模板是一个 Excel 文件，列出了导入${info.label}需要的各列。按模板填写后，用“导入”读入。`),
    inputId: 'template-path', buttonId: 'template-choose', errorId: 'template-error', goId: 'template-go', cancelId: 'template-cancel',
    goText: '保存模板',
    placeholder: '可留空，保存时选择位置',
    pickTitle: '保存导入模板',
    defaultName: info.templateName,
    write: async (path) => {
      await api.importTemplate(kind, path);
      return '已保存导入模板';
    },
  });
  where.button.focus();
  return close;
}

/**
 * 导出Excel of a list with nothing to choose (党建, 共建): a hint (a string, or its
 * lines as an array, each its own paragraph), the path, 导出.
 * `write(path)` does the export and returns the toast (e.g. 已导出 12 行).
 */
export function openXlsxExportDialog({ api, hint, pickTitle, defaultName, write, toast, onError }) {
  const { close, where } = openSaveDialog({
    api, toast, onError,
    id: 'export-dialog',
    title: '导出Excel',
    content: (Array.isArray(hint) ? hint : [hint]).filter(Boolean).map((line) => h('p', { class: 'hint' }, line)),
    inputId: 'export-path', buttonId: 'export-choose', errorId: 'export-error', goId: 'export-go', cancelId: 'export-cancel',
    goText: '导出',
    placeholder: '可留空，导出时选择位置',
    pickTitle,
    defaultName,
    write,
  });
  where.input.focus();
  return close;
}
