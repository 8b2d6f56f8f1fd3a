// The Excel buttons of a 党建 / 共建 list: 导出Excel (export_party_xlsx through the
// save-path dialog), 从Excel导入 (the generic import wizard, one button per import
// kind) and 下载导入模板. Ids: #<prefix>-export, #<prefix>-import (the first kind;
// further kinds #<prefix>-import-<kind>), #<prefix>-template (likewise).
import { h } from '../dom.js';
import { openImportDialog } from './import.js';
import { openTemplateDialog, openXlsxExportDialog } from './export.js';
import { exportListInfo, importKindInfo } from '../logic/importing.js';

/**
 * → a div.button-row. `exportKind` may be null (nothing to export here); the
 * dialog's hint and the file name it offers are the core's words for that list
 * (exportListInfo); `exportNote` adds what only this screen knows (rows it hides or a
 * selection the file does not follow), and the hint ends saying that the screen's
 * filters other than 期间 do not apply (scopeNote). `imports`: [{ kind, text? }]; `onImported(kind)` refreshes
 * the lists; `exportText` names the export button where a screen has two (培训:
 * sessions and participants). `period` () → { text, label }: the list's 期间; the
 * export then writes the rows of that period only, its title rows name it, and the
 * dialog says so ('' = 全部).
 */
export function excelTools({
  api, toast, onError, prefix, exportKind, exportNote = '', imports = [], onImported, exportText = '导出Excel', period,
}) {
  const buttons = [];
  if (exportKind) {
    const exportBtn = h('button', { id: `${prefix}-export`, type: 'button', class: 'btn btn-secondary' }, exportText);
    exportBtn.addEventListener('click', () => {
      const p = period?.() ?? { text: '', label: '全部' };
      const info = exportListInfo(exportKind);
      openXlsxExportDialog({
        api,
        toast,
        onError,
        hint: exportHintLines(info, p, exportNote),
        pickTitle: '导出Excel',
        defaultName: p.text ? info.fileName.replace(/(\.xlsx)?$/, `（${p.label}）.xlsx`) : info.fileName,
        write: async (path) => {
          const n = await (p.text ? api.exportPartyXlsx(exportKind, path, p.text) : api.exportPartyXlsx(exportKind, path));
          return `已导出 ${Number(n) || 0} 行`;
        },
      });
    });
    buttons.push(exportBtn);
  }
  imports.forEach(({ kind, text }, i) => {
    const label = importKindInfo(kind).label;
    const suffix = i === 0 ? '' : `-${kind}`;
    const importBtn = h('button', { id: `${prefix}-import${suffix}`, type: 'button', class: 'btn btn-secondary', 'data-import-kind': kind },
      text ?? (imports.length > 1 ? `从Excel导入${label}` : '从Excel导入'));
    importBtn.addEventListener('click', () => openImportDialog({
      api, kind, toast, onError, onImported: () => onImported?.(kind),
    }));
    const templateBtn = h('button', {
      id: `${prefix}-template${suffix}`, type: 'button', class: 'btn btn-link btn-small', 'data-template-kind': kind,
      title: `下载${label}导入模板`,
    }, imports.length > 1 ? `${label}模板` : '下载导入模板');
    templateBtn.addEventListener('click', () => openTemplateDialog({ api, kind, toast, onError }));
    buttons.push(importBtn, templateBtn);
  });
  return h('div', { class: 'button-row excel-tools', role: 'group', 'aria-label': 'Excel 导入导出' }, buttons);
}

/**
 * The export dialog's lines: the list's 期间 with the dates it reads ("期间：2026年第四季度，
 * 只导出计划开始、实际开始或实际完成在这一期间的记录（表头写明期间）。"), then what the file
 * holds (the core's words and the screen's note), then what it leaves out.
 */
export function exportHintLines(info, p, note = '') {
  return [
    p?.text ? `期间：${p.label}，只导出${info?.periodBy ? `${info.periodBy}在` : ''}这一期间的记录（表头写明期间）。` : '',
    info?.parts ? columnsLine(info.parts, note) : `${info?.hint ?? ''}${note}`,
    scopeNote(p),
  ].filter(Boolean);
}

/** What the file holds with each column kept whole on a line (联系电话（打码） never split). */
function columnsLine({ lead, columns, after }, note) {
  const list = columns.flatMap((c, i) => [i ? '、' : null, h('span', { class: 'export-column' }, c)]);
  return h('span', {}, lead, ...list, `${after}${note}`);
}

/**
 * What an export of a list leaves out, said last: it follows the list's 期间 and
 * nothing else on the screen (export_party_xlsx takes only the period).
 */
export function scopeNote(p) {
  return p?.text ? '只按期间挑选，不看列表上其他的筛选和搜索。' : '全部记录都导出，不只是当前列出的。';
}
