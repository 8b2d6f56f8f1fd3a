// 诉求 › 诉求, 上报上级…: to which higher level, on which date, and why (required).
// The levels offered are the choices of the core's 上报 move (`action` "escalate");
// the clerk's answer goes up through props.send(args), which runs escalate_demand.
import { h, dateBox } from '../../dom.js';
import { openModal } from '../../dialog.js';
import { onEnter, isComposing, oneAtATime, whileBusy, showFieldError, showMessage, hideMessage } from '../../forms.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import { parseEscalate, ESCALATE_FIELDS } from '../../logic/demands.js';
import { labelOf } from '../../logic/labels.js';

/**
 * props: { demand, move (the core's 上报 move: fields [{ name: 'level', choices }], hint),
 *   levels (labels of the demand's own level), send(args) → Promise (rejects with the backend's error), onError }
 */
export function openEscalate({ demand: d, move, levels, send, onError }) {
  const options = (move?.fields ?? []).find((f) => f?.name === 'level')?.choices ?? [];
  const level = h('select', { id: 'escalate-level' }, options.map((o) => h('option', { value: o.value }, o.label)));
  const date = dateBox({ id: 'escalate-date', value: localDate() });
  const reason = h('textarea', {
    id: 'escalate-reason', rows: '3', maxlength: '500', placeholder: '例如：涉及供电线路改造，本级无法解决', 'aria-describedby': 'escalate-error',
  });
  const error = h('p', { class: 'file-error', id: 'escalate-error', role: 'alert', hidden: true });
  const ok = h('button', { id: 'escalate-ok', type: 'button', class: 'btn btn-primary' }, '上报');
  const cancel = h('button', { id: 'escalate-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
  const { close } = openModal({
    id: 'escalate-dialog',
    title: '上报上级',
    className: 'dialog-medium',
    content: [
      h('p', { class: 'hint' }, `“${d.title ?? ''}”现由${d.levelLabel || labelOf(d.level, levels)}办理。${move?.hint ?? ''}`),
      h('label', { for: 'escalate-level', class: 'block-label' }, '上报到'), level,
      h('label', { for: 'escalate-date', class: 'block-label return-reason-label' }, '上报日期'), date,
      h('label', { for: 'escalate-reason', class: 'block-label return-reason-label' }, '原因（必填）'), reason,
      // The 办理时限 stays as it was: a demand past it reaches the level above 逾期
      // (probe AH). Said here, with where to give the new one.
      d.deadline
        ? h('p', { class: 'hint', id: 'escalate-deadline-note' }, `办理时限仍是 ${d.deadline}${d.overdue ? '（已逾期）' : ''}。上级定了新的时限的，上报后请在下面的表单里修改办理时限并写明原因。`)
        : null,
      h('p', { class: 'hint' }, 'Ctrl+Enter 上报 · Esc 取消'),
      error,
      h('div', { class: 'dialog-actions' }, cancel, ok),
    ],
  });
  cancel.addEventListener('click', close);
  const controls = { level, date, reason };
  const submit = oneAtATime(async () => {
    hideMessage(error);
    const parsed = parseEscalate({ level: level.value, date: date.value, reason: reason.value }, { levels: options });
    if (!parsed.ok) {
      showFieldError(error, parsed.error.message, controls[parsed.error.field] ?? reason, { select: false });
      return;
    }
    await whileBusy([ok, cancel], async () => {
      try {
        await send(parsed.args);
        close();
      } catch (e) {
        reportError(e, {
          fields: ESCALATE_FIELDS,
          field: (f, message) => showFieldError(error, message, controls[f] ?? reason, { select: false }),
          show: (m) => showMessage(error, m),
          reboot: (err) => { close(); onError?.(err); },
        });
      }
    });
  });
  ok.addEventListener('click', submit);
  onEnter(level, submit);
  onEnter(date, submit);
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !isComposing(e)) {
      e.preventDefault();
      submit();
    }
  });
  reason.focus();
}
