// 组织架构, 撤销 (网格划分调整): a unit merged away or dropped in a redraw leaves the
// tree on its 撤销日期 and still counts in the periods before it (deleting it
// changed every period already reported). The action under a unit's form, and
// 已撤销的单位: the list, each with 取消撤销.
import { h, clear, thead } from '../../dom.js';
import { confirmDialog, confirmDiscard, openModal } from '../../dialog.js';
import { onEnter, showMessage, hideMessage } from '../../forms.js';
import { kindLabel, idKey } from '../../logic/tree.js';
import { errorMessage } from '../../logic/errors.js';
import { localDate, normalizeDateText } from '../../logic/format.js';

/**
 * dissolvePart(cx) → { dissolveGroup(unit), openDissolved() }
 * cx: { st, api, toast, isDirty(), handleError(e), reload(), renderTree(), unitOf(key), showParentOf(unit) }
 */
export function dissolvePart(cx) {
  const { api, toast } = cx;

  /** The 撤销 group under a unit's form: 撤销日期, 撤销说明, the button, its refusal. */
  function dissolveGroup(unit) {
    const label = kindLabel(unit.kind, unit.areaType);
    const date = h('input', {
      id: 'unit-dissolve-date', name: 'dissolvedOn', type: 'text', class: 'input-date', value: localDate(),
      placeholder: '如 2026-11-01', autocomplete: 'off', 'aria-describedby': 'unit-dissolve-error',
    });
    const note = h('input', {
      id: 'unit-dissolve-note', name: 'note', type: 'text', maxlength: '200', autocomplete: 'off',
      placeholder: '如 并入第二网格（文号）',
    });
    const err = h('p', { class: 'file-error', id: 'unit-dissolve-error', role: 'alert', hidden: true });
    const btn = h('button', {
      id: 'unit-dissolve', type: 'button', class: 'btn btn-secondary',
      onClick: () => doDissolve(unit, date, note, err, btn),
    }, `撤销${label}…`);
    onEnter(date, () => btn.click());
    onEnter(note, () => btn.click());
    return h('section', { class: 'action-group', 'aria-labelledby': 'dissolve-title' },
      h('h3', { id: 'dissolve-title' }, '撤销'),
      h('p', { class: 'hint' }, '网格合并、拆分或重新划分后不再保留的单位，请用“撤销”：从撤销日期起不再计入统计，'
        + '此前的各期（含已上报的）仍按原样计入。先把它的下级移到保留的单位下、把网格员调岗（变动日期填调整的那一天）。'),
      h('div', { class: 'button-row' },
        h('label', { for: 'unit-dissolve-date' }, '撤销日期'), date,
        h('label', { for: 'unit-dissolve-note' }, '撤销说明'), note,
        btn),
      err);
  }

  async function doDissolve(unit, date, note, err, btn) {
    hideMessage(err);
    // The day first, tidied (2026/11/1 → 2026-11-01): the question names it, and a
    // blank or unreadable one is said before asking (it read "从 撤销日期 起…").
    const on = normalizeDateText(date.value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) {
      showMessage(err, on ? `撤销日期“${on}”不是有效的日期，请写成 2026-11-01 这样的格式。` : '请填写撤销日期（调整生效的那一天）。');
      date.focus();
      return;
    }
    date.value = on;
    if (!(await confirmDiscard(cx.isDirty()))) return;
    // What still stands in it, said under the button before any question.
    btn.disabled = true;
    const refusal = await api.unitDissolveRefusal(unit.id).catch(() => null);
    if (btn.isConnected) btn.disabled = false;
    if (cx.st.disposed) return;
    if (refusal) {
      showMessage(err, refusal);
      return;
    }
    if (!(await confirmDialog({
      title: '撤销确认',
      message: `撤销${kindLabel(unit.kind, unit.areaType)}“${unit.name}”？它将从组织架构中移出，`
        + `从 ${on || '撤销日期'} 起不再计入统计，此前的各期仍计入。撤销错了可在“已撤销的单位”里取消撤销。`,
      okText: '撤销',
      danger: true,
    }))) return;
    btn.disabled = true;
    try {
      const gone = await api.dissolveUnit(unit.id, { dissolvedOn: on, note: note.value });
      toast(`已撤销“${unit.name}”，${gone?.dissolvedOn || on} 起不再计入统计`);
      await cx.showParentOf(unit);
    } catch (e) {
      if (btn.isConnected) btn.disabled = false;
      // Refused (what still stands in it) or a bad date: said under the button.
      if (e?.kind === 'refused' || e?.field === 'dissolvedOn' || e?.field === 'note') {
        if (err.isConnected) showMessage(err, errorMessage(e));
        if (e?.field === 'dissolvedOn') date.focus();
      } else {
        cx.handleError(e);
      }
    }
  }

  // ---------- 已撤销的单位 ----------
  /** The name of a parent that is 撤销 too, marked so; '' when none. */
  function gone(list, parentId) {
    const p = list.find((x) => idKey(x.id) === idKey(parentId));
    return p ? `${p.name}（已撤销）` : '';
  }

  async function openDissolved() {
    const body = h('div', { class: 'dissolved-body' });
    const err = h('p', { class: 'file-error', id: 'dissolved-error', role: 'alert', hidden: true });
    const closeBtn = h('button', { type: 'button', class: 'btn btn-secondary', onClick: () => close() }, '关闭');
    const { close } = openModal({
      id: 'dissolved-dialog',
      title: '已撤销的单位',
      className: 'dialog-wide',
      content: h('div', {},
        h('p', { class: 'hint' }, '撤销的单位在撤销日期以前的各期仍计入统计。撤销错了，可以取消撤销，它会回到原来的上级下。'),
        body, err, h('div', { class: 'dialog-actions' }, closeBtn)),
    });
    async function fill() {
      let list;
      try {
        list = await api.listDissolvedUnits();
      } catch (e) {
        showMessage(err, errorMessage(e));
        return;
      }
      if (!list.length) {
        clear(body, h('p', { class: 'empty-state' }, '还没有撤销过单位。'));
        return;
      }
      clear(body, h('table', { class: 'table', id: 'dissolved-table' },
        thead('名称', '所属', '层级', '编码', '设立日期', '撤销日期', '撤销说明', ''),
        h('tbody', {}, list.map((d) => h('tr', { 'data-id': d.id },
          h('td', {}, d.name),
          h('td', {}, cx.unitOf(idKey(d.parentId))?.name ?? gone(list, d.parentId)),
          h('td', { class: 'cell-nowrap' }, kindLabel(d.kind, d.areaType)),
          h('td', { class: 'input-code cell-nowrap' }, d.code),
          h('td', { class: 'cell-nowrap' }, d.establishedOn ?? ''),
          h('td', { class: 'cell-nowrap' }, d.dissolvedOn),
          h('td', {}, d.dissolveNote),
          h('td', {}, h('button', {
            type: 'button', class: 'btn btn-link btn-small', 'data-reinstate': d.id,
            onClick: (e) => reinstate(d, e.currentTarget),
          }, '取消撤销')))))));
    }
    async function reinstate(d, button) {
      hideMessage(err);
      button.disabled = true;
      try {
        await api.reinstateUnit(d.id);
        toast(`已取消撤销“${d.name}”，它回到了原来的上级下`);
        await cx.reload();
        if (cx.st.disposed) return;
        cx.renderTree();
        await fill();
      } catch (e) {
        if (button.isConnected) button.disabled = false;
        showMessage(err, errorMessage(e));
      }
    }
    await fill();
  }

  return { dissolveGroup, openDissolved };
}
