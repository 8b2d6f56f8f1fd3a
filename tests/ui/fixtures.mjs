// Shared test data: a small hierarchy, as list_units returns it.
import { buildTree } from '../../ui/js/logic/tree.js';

const U = (id, kind, parentId, code, name, areaType = 'urban') => ({
  id, kind, parentId, code, name, areaType, households: null, residents: null, boundary: '', note: '',
});

export const UNITS = [
  U('v1', 'village', null, '320115101001', '青溪社区'),
  U('c1', 'compound', 'v1', '320115101001001', '阳光花园'),
  U('g1', 'base_grid', 'c1', '320115101001001001', '第一网格'),
  U('m1', 'micro_grid', 'g1', '320115101001001001001', '1号楼'),
  U('m2', 'micro_grid', 'g1', '320115101001001001002', '2号楼'),
  U('g2', 'base_grid', 'c1', '320115101001001002', '第二网格'),
  U('g3', 'base_grid', 'v1', '320115101001002', '第三网格'),
  U('v2', 'village', null, '320115101002', '石塘村', 'rural'),
  U('g4', 'base_grid', 'v2', '320115101002001', '石塘一组网格', 'rural'),
  U('c2', 'compound', 'v2', '320115101002002', '西组', 'rural'),
];

export const tree = () => buildTree(UNITS);
