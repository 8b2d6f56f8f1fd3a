// 组织架构, the Excel buttons above the tree.
import { excelTools } from '../excel-tools.js';

/**
 * The 组织架构 Excel buttons: export the whole tree in the `units` columns (one sheet,
 * a 层级 column, parents above children), import such a sheet or an office's flat
 * 网格划分表 (社区、小区、基础网格、微网格 side by side: the core spreads it into one
 * row a unit), or a list of base grids alone; get their templates.
 * Ids: #units-export, #units-import and #units-template, #units-import-villages,
 * #units-template-villages, #units-import-grids and #units-template-grids.
 */
export function hierarchyExcelTools({ api, toast, onError, onImported }) {
  return excelTools({
    api,
    toast,
    onError,
    prefix: 'units',
    exportKind: 'units',
    // The one-sheet tree with its 层级 column, and an office's flat 网格划分表
    // (levels side by side, no 层级 column), go in as units; a list of base grids
    // alone (所属社区, 所属小区, 网格名称) as grids.
    // A list of communities alone (名称, 代码, 城乡类型: no 层级 column) as villages
    // (probe W: such a list was refused by the 组织架构 import for its missing 层级).
    imports: [
      { kind: 'units', text: '导入组织架构或网格划分表' },
      { kind: 'villages', text: '导入村/社区名单' },
      { kind: 'grids', text: '导入基础网格名单' },
    ],
    onImported,
  });
}
