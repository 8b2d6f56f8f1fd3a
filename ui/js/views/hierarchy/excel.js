// 组织架构, the Excel buttons above the tree.
import { excelTools } from '../excel-tools.js';

/**
 * The 组织架构 Excel buttons: export the whole tree in the `units` columns (one sheet,
 * a 层级 column, parents above children), import such a sheet or a 网格划分 sheet of
 * grids (no 层级 column), get their templates.
 * Ids: #units-export, #units-import and #units-template, #units-import-grids and
 * #units-template-grids.
 */
export function hierarchyExcelTools({ api, toast, onError, onImported }) {
  return excelTools({
    api,
    toast,
    onError,
    prefix: 'units',
    exportKind: 'units',
    // The usual 网格划分 sheet (所属社区, 所属小区, 网格名称, no 层级 column) goes in
    // as grids; the one-sheet tree with its 层级 column as units.
    imports: [
      { kind: 'units', text: '从Excel导入组织架构' },
      { kind: 'grids', text: '导入网格划分表' },
    ],
    onImported,
  });
}
