// 考核 › 检查 › 转为整改: a 整改事项 made from an inspection's findings, in a small form
// under the list (整改事项 prefilled with what was found, 责任人, 整改期限). The item is
// then tracked with the others in 评分结果; the inspection's row says how many it has
// and how many are open.
import { h, clear, labelled, dateBox } from '../dom.js';
import { reportError } from '../logic/errors.js';
import { parseInspectionRectification } from '../logic/assessment.js';
import { problemsIn } from '../logic/form.js';
import { normalizeDateText } from '../logic/format.js';

/**
 * The form, hidden until `open(inspection)`. `onSaved()` runs after an item is made
 * (the list reads the items again).
 */
export function inspectionRectifyForm({ api, toast, onError, alert, onSaved }) {
  const st = { inspection: null };
  const title = h('h3', { id: 'inspection-rect-title' });
  const item = h('textarea', { id: 'inspection-rect-item', rows: 2 });
  const owner = h('input', { id: 'inspection-rect-owner', size: 16, placeholder: '责任人或责任单位' });
  const deadline = dateBox({ id: 'inspection-rect-deadline' });
  const error = h('p', { class: 'field-error', id: 'inspection-rect-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'inspection-rect-save' }, '保存整改事项');
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inspection-rect-cancel' }, '取消');
  const el = h('div', { class: 'inline-form labelled-form', id: 'inspection-rect-form', role: 'group', 'aria-labelledby': 'inspection-rect-title', hidden: true },
    title,
    h('p', { class: 'hint' }, '整改事项记在“评分结果”的整改事项里，完成后在那里标记完成；整改后可在这条检查记录上点“复查”。'),
    labelled('整改事项', item), labelled('责任人', owner), labelled('整改期限', deadline),
    h('div', { class: 'button-row' }, save, cancel), error);

  function close() {
    st.inspection = null;
    el.hidden = true;
  }
  cancel.addEventListener('click', close);
  save.addEventListener('click', async () => {
    const i = st.inspection;
    if (!i) return;
    error.hidden = true;
    const p = parseInspectionRectification({
      item: item.value, owner: owner.value, deadline: normalizeDateText(deadline.value),
    }, i.id);
    const show = (problems) => {
      error.textContent = problems.map((e) => e.message).join('');
      error.hidden = false;
      el.querySelector(`#inspection-rect-${problems[0]?.field}`)?.focus?.();
    };
    if (!p.ok) { show(problemsIn(p)); return; }
    try {
      await api.createRectificationItem(p.input);
    } catch (e) {
      if (e?.field) show([e]);
      else reportError(e, { show: alert, reboot: onError });
      return;
    }
    toast?.(`已新增整改事项“${p.input.item}”，可在“评分结果”里跟踪`);
    close();
    onSaved?.();
  });

  /** Opens the form for inspection `i`, its findings as the item to put right. */
  function open(i) {
    st.inspection = i;
    title.textContent = `转为整改事项：${i.communityName ? `${i.communityName} · ` : ''}${i.unitName ?? ''}（${i.date ?? ''} 检查）`;
    item.value = String(i.findings ?? '');
    owner.value = '';
    deadline.value = '';
    clear(error);
    error.hidden = true;
    el.hidden = false;
    el.scrollIntoView?.({ block: 'nearest' });
    item.focus?.();
  }

  return { el, open, close };
}
