// 组织架构, the Excel buttons above the tree.
import { excelTools } from '../excel-tools.js';

/**
 * The 组织架构 Excel buttons: export the whole tree in the `units` columns (one sheet,
 * a 层级 column, parents above children), import such a sheet, get its template.
 * Ids: #units-export, #units-import, #units-template.
 */
export function hierarchyExcelTools({ api, toast, onError, onImported }) {
  return excelTools({
    api,
    toast,
    onError,
    prefix: 'units',
    exportKind: 'units',
    imports: [{ kind: 'units', text: '从Excel导入组织架构' }],
    onImported,
  });
}
