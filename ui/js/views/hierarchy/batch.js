// 组织架构, 批量移动/删除 of the ticked units (views/selection.js): 移动到… a unit that can
// hold them (not a 微网格, not one of them), 删除 into the recycle bin (batch_apply through
// openBatchDialog). After a batch the ticks go, the tree is read again and an open unit
// that is gone leaves the form.
import { openBatchDialog } from '../selection.js';
import { idKey, walk, kindLabel, pathTo, pathLabel } from '../../logic/tree.js';

const UNITS_NOUN = { measure: '个', name: '单位' };

/** batchPart(cx) → the selection's actions, each run(ids). cx: { st, api, toast, navigate, onError, selection(), ... } */
export function batchPart(cx) {
  const { st, api, toast, navigate, onError } = cx;

  async function batchDone() {
    if (st.disposed) return;
    cx.selection().clear();
    await cx.reload().catch((e) => cx.handleError(e));
    if (st.disposed) return;
    if (st.selectedId && !cx.unitOf(st.selectedId)) {
      st.mode = 'empty';
      st.selectedId = '';
    }
    cx.renderTree();
    cx.renderDetail();
  }

  function batchMove(ids) {
    const options = [];
    walk(st.tree.roots, (n) => {
      const u = n.unit;
      if (u.kind === 'micro_grid' || ids.includes(idKey(u.id))) return;
      options.push({ value: idKey(u.id), label: `${kindLabel(u.kind, u.areaType)}：${pathLabel(pathTo(st.tree, u.id))}` });
    });
    const names = new Map(options.map((o) => [o.value, o.label.split('：').slice(1).join('：')]));
    openBatchDialog({
      api, toast, navigate, onError,
      title: '批量移动', action: 'unitsMove', ids, noun: UNITS_NOUN,
      fields: [{ name: 'parentId', label: '移到', type: 'select', value: options[0]?.value ?? '', options }],
      args: (v) => ({ args: { parentId: v.parentId }, names: { parentName: names.get(v.parentId) ?? '' } }),
      done: batchDone,
    });
  }

  function batchDelete(ids) {
    openBatchDialog({
      api, toast, navigate, onError,
      title: '批量删除', action: 'unitsDelete', ids, noun: UNITS_NOUN, okText: '删除', danger: true,
      done: batchDone,
    });
  }

  return {
    actions: [
      { id: 'move', label: '移动到…', run: (ids) => batchMove(ids) },
      { id: 'delete', label: '删除', danger: true, run: (ids) => batchDelete(ids) },
    ],
  };
}
