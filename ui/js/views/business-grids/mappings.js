// 多格合一, the base grids a business grid is mapped onto: each with its 纳入日期
// (标记已纳入 / 修改日期, 移除), and a row to add one. Commands go through props.mutate,
// which reloads the screen and draws this section again.
import { h, cssEscape, dateBox } from '../../dom.js';
import { confirmDialog } from '../../dialog.js';
import { onEnter } from '../../forms.js';
import { idKey, pathTo, pathLabel } from '../../logic/tree.js';
import { localDate } from '../../logic/format.js';
import { mappableBaseGrids, mergedOnArg } from '../../logic/bizgrids.js';

/**
 * props: { api, tree, clearErrors(refs), showError(refs, field, message, focusEl),
 *   mutate(run, refs, focusSelector, message, dateEl, addEls) }
 */
export function mappingSection(bg, props) {
  const { api, tree } = props;
  const refs = { errors: {} };
  const mapError = h('p', { class: 'field-error', id: 'bg-map-error', 'data-error-for': 'mergedOn', hidden: true, role: 'alert' });
  refs.errors.mergedOn = mapError;
  const gridError = h('p', { class: 'field-error', id: 'bg-map-grid-error', 'data-error-for': 'baseGridId', hidden: true });
  refs.errors.baseGridId = gridError;

  const rows = (bg.mappings ?? []).map((m) => {
    const gid = idKey(m.baseGridId);
    const unit = tree.byId.get(gid)?.unit;
    const dateInput = dateBox({
      'data-map-date': gid, value: m.mergedOn ?? '', placeholder: m.mergedOn ? '' : '如 2026-03-01',
      'aria-label': `${m.baseGridName}的纳入日期`,
    });
    const mergeBtn = h('button', {
      type: 'button', class: 'btn btn-secondary btn-small', 'data-map-merge': gid,
    }, m.mergedOn ? '修改日期' : '标记已纳入');
    const removeBtn = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-map-remove': gid }, '移除');
    const doMerge = async () => {
      let date = mergedOnArg(dateInput.value);
      if (!m.mergedOn && date === '') date = localDate();
      if (m.mergedOn && date === '') {
        const ok = await confirmDialog({
          title: '改为未纳入？',
          message: `清空日期会把“${m.baseGridName}”改为未纳入。确定吗？`,
          okText: '改为未纳入',
        });
        if (!ok) return;
      }
      await props.mutate(() => api.setBusinessGridMapping(bg.id, gid, date), refs, `[data-map-merge="${cssEscape(gid)}"]`,
        date ? `已标记“${m.baseGridName}”于 ${date} 纳入` : `已把“${m.baseGridName}”改为未纳入`, dateInput);
    };
    mergeBtn.addEventListener('click', doMerge);
    onEnter(dateInput, doMerge);
    removeBtn.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: '移除对应关系',
        message: `确定不再把“${bg.name}”对应到“${m.baseGridName}”吗？`,
        okText: '移除',
        danger: true,
      });
      if (!ok) return;
      await props.mutate(() => api.removeBusinessGridMapping(bg.id, gid), refs, '#bg-map-grid', `已移除“${m.baseGridName}”`);
    });
    return h('li', { 'data-map-grid-id': gid, class: ['mapping-item', m.mergedOn ? 'is-merged' : 'is-pending'] },
      h('div', { class: 'mapping-top' },
        h('span', { class: 'mapping-path' }, unit ? pathLabel(pathTo(tree, gid)) : (m.baseGridName ?? '')),
        m.mergedOn
          ? h('span', { class: 'bg-status bg-status-merged' }, `${m.mergedOn} 已纳入`)
          : h('span', { class: 'bg-status bg-status-pending' }, '未纳入')),
      h('div', { class: 'mapping-controls' },
        h('span', { class: 'filter-label' }, '纳入日期'), dateInput, mergeBtn, removeBtn));
  });

  const options = mappableBaseGrids(tree, bg);
  const gridSelect = h('select', { id: 'bg-map-grid', 'aria-label': '基础网格', 'aria-describedby': 'bg-map-grid-error' },
    h('option', { value: '' }, options.length ? '选择基础网格…' : '没有可以添加的基础网格'),
    options.map((o) => h('option', { value: o.id }, o.label)));
  const dateInput = dateBox({
    id: 'bg-map-date', placeholder: '纳入日期（可留空）', 'aria-label': '纳入日期（可留空，表示还未纳入）', 'aria-describedby': 'bg-map-error',
  });
  const addBtn = h('button', { id: 'bg-map-add', type: 'button', class: 'btn btn-primary', disabled: !options.length }, '添加');
  const add = async () => {
    props.clearErrors(refs);
    if (!gridSelect.value) {
      props.showError(refs, 'baseGridId', '请选择一个基础网格。', gridSelect);
      return;
    }
    const name = (gridSelect.selectedOptions?.[0] ?? gridSelect.options.find((o) => o.value === gridSelect.value))?.textContent ?? '';
    const date = mergedOnArg(dateInput.value);
    await props.mutate(() => api.setBusinessGridMapping(bg.id, gridSelect.value, date), refs, '#bg-map-grid',
      date ? `已添加并标记于 ${date} 纳入：${name}` : `已添加：${name}`, null, { grid: gridSelect, date: dateInput });
  };
  addBtn.addEventListener('click', add);
  onEnter(gridSelect, add);
  onEnter(dateInput, add);

  return h('section', { class: 'info-section bg-mappings', 'aria-labelledby': 'bg-map-title' },
    h('h3', { id: 'bg-map-title' }, '对应的基础网格'),
    rows.length
      ? h('ul', { class: 'mapping-list', id: 'bg-mappings' }, rows)
      : h('p', { class: 'hint', id: 'bg-mappings-empty' }, '还没有对应的基础网格。'),
    h('div', { class: 'map-add' },
      h('label', { for: 'bg-map-grid', class: 'block-label' }, '添加对应的基础网格'),
      h('div', { class: 'button-row map-add-row' }, gridSelect, dateInput, addBtn),
      gridError, mapError,
      h('p', { class: 'hint' }, '纳入日期留空表示已对应、还未纳入；纳入后点“标记已纳入”。日期写成 2026-03-01。')));
}
