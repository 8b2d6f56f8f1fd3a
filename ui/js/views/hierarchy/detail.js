// 组织架构, the detail pane: the empty hint, a new unit's form under its parent's
// breadcrumb, or a unit's title (打印公示牌), its form, who serves it and its actions.
import { h, clear, append } from '../../dom.js';
import { kindLabel, newKindLabel, pathTo } from '../../logic/tree.js';
import { unitToFormValues, emptyUnitValues, defaultAreaType } from '../../logic/form.js';
import { formatDateTime } from '../../logic/format.js';
import { hasNoticeCard } from '../../logic/notice.js';
import { breadcrumb } from './form.js';
import { suggestSiblingName, siblingNames, takenNames, newChildKind } from '../../logic/naming.js';

export function detailPart(cx) {
  const { st, office } = cx;
  const { detail } = cx.els;
  const unitOf = (key) => cx.unitOf(key);
  const openNotice = (unit) => cx.openNotice(unit);
  const gridSections = (unit) => cx.gridSections(unit);
  const actions = (unit) => cx.actions(unit);

  // Another unit opens at its top: the pane kept the last one's scroll (a refusal
  // under 删除), and the new form's first fields were out of sight.
  let shown = null;
  function renderDetail() {
    cx.setFormRefs(null);
    clear(detail);
    const now = `${st.mode}:${st.selectedId}`;
    if (now !== shown) {
      shown = now;
      detail.scrollTop = 0;
    }
    if (st.mode === 'create' && st.create) {
      const { kind, parentId } = st.create;
      const parent = unitOf(parentId);
      // 设立日期 is asked, not filled in: two reviewers typing in long-standing grids
      // dropped them from every earlier period with today's date (the hint says why).
      const values = emptyUnitValues({ areaType: defaultAreaType(parent, office) });
      // The next name by the siblings' numbering (第10网格 → 第11网格), to accept or type over.
      values.name = suggestSiblingName(siblingNames(st.units, kind, parentId), takenNames(st.units, kind, parentId));
      st.baseline = { ...values };
      const title = newKindLabel(kind, values.areaType);
      append(detail, [
        breadcrumb(parent ? pathTo(st.tree, parent.id) : [], `（${title}）`),
        h('h2', { id: 'unit-title', class: 'detail-title' }, title),
        cx.buildForm({ kind, values, creating: true }),
      ]);
      return;
    }
    const unit = st.mode === 'edit' ? unitOf(st.selectedId) : null;
    if (!unit) {
      st.mode = 'empty';
      st.baseline = null;
      append(detail, [h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '请在左侧选择一个单位查看和修改。'),
        h('p', { class: 'hint' }, '也可以点击“新建村/社区”，或按 Ctrl+N 新建。'))]);
      return;
    }
    const values = unitToFormValues(unit);
    st.baseline = { ...values };
    const label = kindLabel(unit.kind, unit.areaType);
    append(detail, [
      breadcrumb(pathTo(st.tree, unit.id)),
      h('div', { class: 'detail-title-row' },
        h('h2', { id: 'unit-title', class: 'detail-title' },
          h('span', { class: ['kind-tag', `kind-${unit.kind}`] }, label), ' ', unit.name),
        newChildButton(unit),
        hasNoticeCard(unit.kind)
          ? h('button', {
            id: 'print-notice', type: 'button', class: 'btn btn-secondary',
            onClick: () => openNotice(unit),
          }, '打印公示牌')
          : null),
      h('p', { class: 'meta' },
        `创建于 ${formatDateTime(unit.createdAt)} · 最后修改 ${formatDateTime(unit.updatedAt)}`),
      cx.buildForm({ kind: unit.kind, values, creating: false }),
      // (a village has no grid sections: append() skips the null, where Element.append would write "null")
      gridSections(unit),
      actions(unit),
    ]);
  }

  /** 新建下级 beside the title (also Ctrl+Shift+N), of the kind its children have. */
  function newChildButton(unit) {
    const kind = newChildKind(unit, st.units);
    if (!kind) return null;
    return h('button', {
      id: 'unit-new-child', type: 'button', class: 'btn btn-secondary', 'data-new-child-kind': kind,
      title: `${newKindLabel(kind, unit.areaType)}（Ctrl+Shift+N）`,
      onClick: () => cx.startCreate(kind, unit.id),
    }, `${newKindLabel(kind, unit.areaType)}`);
  }

  return { renderDetail };
}
