// 组织架构, what can be done to a unit below its form: 新建下级, 移动到…, 撤销
// (dissolve.js) and 删除.
import { h } from '../../dom.js';
import { confirmDialog, confirmDiscard, deleteRecord } from '../../dialog.js';
import { onEnter, showMessage, hideMessage } from '../../forms.js';
import { childKinds, kindLabel, newKindLabel, idKey, pathTo, pathLabel, moveTargets } from '../../logic/tree.js';
import { errorMessage, errorRoute } from '../../logic/errors.js';

export function actionsPart(cx) {
  const { st, api, toast } = cx;
  const { newVillage } = cx.els;
  const startCreate = (kind, parentId) => cx.startCreate(kind, parentId);
  const unitOf = (key) => cx.unitOf(key);
  const reveal = (key) => cx.reveal(key);
  const isDirty = () => cx.isDirty();
  const reload = () => cx.reload();
  const renderTree = () => cx.renderTree();
  const renderDetail = () => cx.renderDetail();
  const itemEl = (key) => cx.itemEl(key);
  const handleError = (e) => cx.handleError(e);

  function actions(unit) {
    const out = h('div', { class: 'unit-actions' });
    const kids = childKinds(unit.kind);
    if (kids.length) {
      out.append(h('section', { class: 'action-group', 'aria-labelledby': 'new-child-title' },
        h('h3', { id: 'new-child-title' }, '新建下级'),
        h('div', { class: 'button-row' }, kids.map((k) => h('button', {
          type: 'button', class: 'btn btn-secondary', 'data-new-kind': k,
          onClick: () => startCreate(k, unit.id),
        }, newKindLabel(k, unit.areaType))))));
    }
    if (unit.kind !== 'village') {
      const targets = moveTargets(st.tree, unit.id);
      const moveErr = h('p', { class: 'field-error', id: 'unit-move-error', 'data-error-for': 'newParentId', hidden: true });
      const select = h('select', {
        id: 'unit-move-target', name: 'newParentId', disabled: !targets.length, 'aria-describedby': 'unit-move-error',
      },
      h('option', { value: '' }, targets.length ? '请选择新的上级…' : '没有可以移动到的位置'),
      targets.map((t) => h('option', { value: idKey(t.id) },
        `${kindLabel(t.kind, t.areaType)}：${pathLabel(pathTo(st.tree, t.id))}（${t.code}）`)));
      const moveBtn = h('button', {
        id: 'unit-move', type: 'button', class: 'btn btn-secondary', disabled: !targets.length,
        onClick: () => doMove(unit, select, moveErr, moveBtn),
      }, '移动');
      onEnter(select, () => moveBtn.click());
      out.append(h('section', { class: 'action-group', 'aria-labelledby': 'move-title' },
        h('h3', { id: 'move-title' }, h('label', { for: 'unit-move-target' }, '移动到…')),
        h('div', { class: 'button-row' }, select, moveBtn),
        moveErr));
    }
    out.append(cx.dissolveGroup(unit));
    // A refusal (what still names the unit, one line each) stands under the button it answers.
    const deleteErr = h('p', { class: 'file-error', id: 'unit-delete-error', role: 'alert', hidden: true });
    out.append(h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'delete-title' },
      h('h3', { id: 'delete-title' }, '删除'),
      h('p', { class: 'hint' }, '删除只用于建错了的单位：删除后可在回收站恢复，但已上报的各期统计会随之改变。'
        + '有下级单位时需先删除或移走下级。'),
      h('button', {
        id: 'unit-delete', type: 'button', class: 'btn btn-danger', 'aria-describedby': 'unit-delete-error',
        onClick: (e) => doDelete(unit, deleteErr, e.currentTarget),
      }, `删除${kindLabel(unit.kind, unit.areaType)}`),
      deleteErr));
    return out;
  }

  /** What 移动确认 says of moving `unit` under `target` (whose path from the top is `path`). */
  function moveMessage(unit, target, path) {
    const village = path[0];
    const code = String(unit.code ?? '');
    const another = village && village.code && code && !code.startsWith(village.code);
    return `把${kindLabel(unit.kind)}“${unit.name}”连同它的下级、在岗人员和各项记录移到“${pathLabel(path)}”下？`
      + (another ? `它的编码 ${code} 仍以原村/社区的代码开头，移动后请在表单里改为以 ${village.code} 开头的编码。` : '');
  }

  async function doMove(unit, select, moveErr, moveBtn) {
    hideMessage(moveErr);
    const target = unitOf(select.value);
    if (!target) {
      showMessage(moveErr, '请先选择要移动到的上级。');
      select.focus();
      return;
    }
    if (!(await confirmDiscard(isDirty()))) return;
    // Asked first (it moved at once): what goes along, and a code that now names
    // another 村/社区 than the one the unit sits in.
    if (!(await confirmDialog({
      title: '移动确认',
      message: moveMessage(unit, target, pathTo(st.tree, target.id)),
      okText: '移动',
    }))) return;
    moveBtn.disabled = true;
    try {
      await api.moveUnit(unit.id, target.id);
      toast(`已移动到“${target.name}”`);
      await reload();
      if (st.disposed) return;
      const key = idKey(unit.id);
      reveal(key);
      st.selectedId = key;
      st.focusedId = key;
      renderTree();
      renderDetail();
      itemEl(key)?.focus();
    } catch (e) {
      if (moveBtn.isConnected) moveBtn.disabled = false;
      if (e?.field === 'newParentId' || e?.field === 'parentId') {
        showMessage(moveErr, errorMessage(e));
      } else {
        handleError(e);
      }
    }
  }

  // 删除 through the one flow every list's delete has (dialog.js deleteRecord): asked,
  // refused under the button, and a unit already gone is taken as deleted.
  async function doDelete(unit, deleteErr, button) {
    // One question at a time: the button waits while what goes with the unit is
    // looked up. A unit that cannot go says why under the button, without asking
    // first (确定删除…吗？ was followed by 不能删除).
    button.disabled = true;
    let message;
    try {
      const refusal = await api.unitDeleteRefusal(unit.id).catch(() => null);
      if (refusal) {
        if (deleteErr.isConnected) {
          showMessage(deleteErr, refusal);
          // Below the fold on a long form (probe AB: nothing seemed to happen).
          deleteErr.scrollIntoView?.({ block: 'nearest' });
        }
        return undefined;
      }
      message = await deleteQuestion(unit);
    } finally {
      if (button.isConnected) button.disabled = false;
    }
    if (st.disposed) return undefined;
    return deleteRecord({
      message,
      button,
      refusedIn: deleteErr,
      remove: () => api.deleteUnit(unit.id),
      done: `已删除“${unit.name}”，可在回收站恢复`,
      toast,
      // Gone already: after() below reloads and selects the parent, as after a delete.
      fail: (e) => { if (errorRoute(e) !== 'reload') handleError(e); },
      gone: () => st.disposed,
      after: () => showParentOf(unit),
    });
  }

  /** After a unit left the tree (删除, 撤销): the tree again, its parent open. */
  async function showParentOf(unit) {
    const parentKey = idKey(unit.parentId);
    await reload();
    if (st.disposed) return;
    if (parentKey && unitOf(parentKey)) {
      st.mode = 'edit';
      st.selectedId = parentKey;
    } else {
      st.mode = 'empty';
      st.selectedId = '';
    }
    st.focusedId = st.selectedId;
    renderTree();
    renderDetail();
    (itemEl(st.focusedId) ?? newVillage).focus();
  }

  /**
   * 确定删除…吗？ A compound's 党支部和三亮 record goes with it (and comes back with
   * it): said when it has one, with its secretary; hedged if that cannot be looked up.
   */
  async function deleteQuestion(unit) {
    const plain = `确定删除“${unit.name}”吗？删除后可在回收站恢复。`;
    if (unit.kind !== 'compound') return plain;
    let row;
    try {
      row = (await api.sanliangList(false))?.rows?.find((r) => idKey(r.compoundId) === idKey(unit.id));
    } catch {
      return `确定删除“${unit.name}”吗？它的党支部和三亮记录（如有）一起放入回收站，恢复小区时一起恢复。`;
    }
    if (!row?.updatedAt) return plain;
    const secretary = row.secretary ? `（书记 ${row.secretary}）` : '';
    return `确定删除“${unit.name}”吗？它的党支部和三亮记录${secretary}一起放入回收站，恢复小区时一起恢复。`;
  }

  return { actions, showParentOf };
}
