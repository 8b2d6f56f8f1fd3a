// The detail of a record that moves through steps (共建项目, 诉求): the step bar
// (✓ for done steps, each with its date), the moves offered now (下一步 with its
// fields, 退回… asking for a reason in a dialog) and the timeline of dated steps.
//
// Data down, actions up: the screen hands in the moves the core allows (`state.moves`,
// from a ProjectView's / DemandView's `moves`, dressed by logic/workflows.js); this
// component never decides them itself. It draws them, reads their fields and sends `props.onMove(move,
// values)`; the screen runs the command and answers with { ok } or the error to show.
import { h, clear, labelled, dateBox } from '../dom.js';
import { openModal, deleteRecord } from '../dialog.js';
import {
  oneAtATime, whileBusy, hideMessage, showFieldError, onEnter, isComposing, rememberFocus, showProblems,
} from '../forms.js';
import { reportError } from '../logic/errors.js';
import { problemsIn } from '../logic/form.js';
import { REASON_MISSING } from '../logic/workflows.js';
import { stepDateParts } from '../logic/steps.js';

export { REASON_MISSING };

/**
 * The screen's side of a move, as props.onMove answers it: check (`parse` → { ok, args }
 * or { ok: false, error }), run the command, hand its result to `done`, and turn a
 * failure into what the component shows: a field error, a message, or (the record is
 * gone, or the app must restart) nothing but closing, after `back()` or `onError`.
 */
export async function runMove({ parse, run, done, gone, fields, onError, back }) {
  const parsed = parse();
  // Every problem of the move at once, a line each, the first field marked.
  if (!parsed.ok) {
    const all = problemsIn(parsed);
    return { ok: false, field: all[0]?.field, message: all.map((p) => p.message).join('\n') };
  }
  try {
    const saved = await run(parsed.args);
    if (gone()) return { ok: false };
    done(saved, parsed.args);
    return { ok: true };
  } catch (e) {
    if (gone()) return { ok: false };
    let answer = { ok: false };
    reportError(e, {
      fields,
      field: (field, message) => { answer = { ok: false, field, message }; },
      show: (message) => { answer = { ok: false, message }; },
      reboot: (err) => { answer = { ok: false, close: true }; onError?.(err); },
      reload: () => { answer = { ok: false, close: true }; back(); },
    });
    return answer;
  }
}

/**
 * The screen's side of 改日期 (props.onRedate): `run(date)` the kind's command, then
 * say so and `apply` the record it answers; the rest as [`runMove`].
 */
export function runRedate({ date, title, run, toast, apply, ...rest }) {
  return runMove({
    parse: () => ({ ok: true, args: date }),
    run,
    done: (saved, day) => {
      toast(`“${title ?? ''}”这一步的日期已改为 ${day}`);
      apply(saved);
    },
    ...rest,
  });
}

/**
 * mountWorkflow(root, props) → { update(state), destroy() }
 * props:
 *   ids        { steps, move, advance, back, error, blocked, hint, timeline }: the element ids
 *   stepsLabel '项目进度'; moveLabel '推进项目'; doneText (no forward move left)
 *   backDialog { title, placeholder }: the 退回… dialog (its hint comes with the state)
 *   backDate() the date of a 退回 when no forward move has a date field
 *   timelineRoot, timelineTitle, timelineTitleId: where the timeline goes (optional)
 *   onMove(move, values) → Promise<{ ok: true } | { ok: false, field, message, close }>
 *   onRedate(date) → the same answer: the latest step's day corrected (改日期, offered
 *              on the timeline row marked `redatable`; absent: not offered)
 *   focusFallback() where focus goes when no move is left after a move
 * state:
 *   steps    [{ value, label, state: 'done'|'current'|'todo', date }]
 *   moves    [{ to, toLabel, label, back, needsReason, fields: [field], blocked, hint }]
 *            field: { name, id, type: 'date'|'select'|'textarea'|'text', label, value, options, blank, placeholder, maxlength }
 *            a blocked move's button is disabled and `blocked` says why; 退回 offers `toLabel`
 *   backHint the 退回 dialog's explanation
 *   side     nodes beside 退回… (e.g. 上报上级…); blockedExtra: a node in the blocked note
 *   after    nodes under the moves (e.g. the evaluation)
 *   timeline [{ date, text, back, escalated, redatable, notes: [{ text, back, attrs }], recordedAt }]
 */
/**
 * A record's status as a badge (`data-status-badge` holds the status); `prefix`
 * names its colour class (`status-claimed`, `demand-status-assigned` …).
 */
/**
 * The screen's side of 保存 on the form of a record that moves through steps (new or
 * existing): check the form (`parse(values)` → { ok, input } or { ok: false, error }),
 * run `create(input)` or `update(input)`, say so (`createdMessage(title)` for a new
 * one), tell `saved()`, then, unless the clerk has left it (`gone()`), hand the record
 * and the input on: a new one to `created` (the screen opens it), an existing one to
 * `accept`, which draws it and returns the new form, whose title takes the focus back. A failure becomes a field error or a
 * message as `reportError` decides (`back()` when the record is gone).
 */
export async function saveRecordForm({
  form, parse, creating, create, update, createdMessage, fields,
  toast, alert, onError, back, disposed, gone, saved, created, accept,
}) {
  form.clearErrors();
  const parsed = parse(form.read());
  if (!parsed.ok) {
    showProblems(problemsIn(parsed), form.showError, alert);
    return;
  }
  await whileBusy(form.saveBtn, async () => {
    try {
      const record = creating ? await create(parsed.input) : await update(parsed.input);
      if (disposed()) return;
      toast(creating ? createdMessage(record?.title ?? parsed.input.title) : '已保存');
      saved();
      if (gone() || !record) return;
      if (creating) {
        await created(record, parsed.input);
      } else {
        const refocus = rememberFocus();
        refocus(accept(record, parsed.input)?.inputs.title);
      }
    } catch (e) {
      if (disposed()) return;
      reportError(e, {
        fields,
        field: (field, message) => { if (!form.showError(field, message)) alert(message); },
        show: alert,
        reboot: onError,
        reload: back,
      });
    }
  });
}

/**
 * 删除 of a record that moves through steps: its button in a danger zone with a hint.
 * At the click the record as it is then (`current()`: a save may have renamed it) is
 * confirmed with `message(record)`, deleted into the recycle bin (`remove(record)`)
 * and said so; then `deleted()` (also when it was gone already).
 */
export function deleteZone({
  id, label, hint, current, message, remove, toast, clearAlert, alert, onError, disposed, deleted,
}) {
  const refused = h('p', { class: 'file-error', id: `${id}-error`, role: 'alert', hidden: true });
  const btn = h('button', { id, type: 'button', class: 'btn btn-danger', 'aria-describedby': `${id}-error` }, label);
  btn.addEventListener('click', () => {
    const record = current();
    return deleteRecord({
      message: message(record),
      button: btn,
      refusedIn: refused,
      remove: () => remove(record),
      done: `已删除“${record.title ?? ''}”，可在回收站恢复`,
      toast, clearAlert,
      fail: (e) => reportError(e, { show: alert, reboot: onError }),
      gone: disposed,
      after: deleted,
    });
  });
  return h('section', { class: 'action-group danger-zone', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, '删除'),
    h('p', { class: 'hint' }, hint),
    btn, refused);
}

export function statusBadge(status, label, prefix = 'status') {
  return h('span', { class: ['status-badge', `${prefix}-${status}`], 'data-status-badge': status }, label);
}

export function mountWorkflow(root, props) {
  const { ids } = props;
  let state = null;
  let destroyed = false;
  let dialogClose = null;
  const host = h('div', { class: 'workflow' });
  root.append(host);

  function update(next) {
    state = next;
    if (destroyed) return;
    const forward = (state.moves ?? []).filter((m) => !m.back);
    const backs = (state.moves ?? []).filter((m) => m.back);
    clear(host, stepBar(state.steps ?? []), moveBar(forward, backs), state.after ?? null);
    if (props.timelineRoot) renderTimeline(state.timeline ?? []);
  }

  function stepBar(steps) {
    const dates = stepDateParts(steps.map((s) => s.date));
    return h('ol', { class: 'step-bar', id: ids.steps, 'aria-label': props.stepsLabel },
      steps.map((s, i) => h('li', {
        class: ['step-item', `is-${s.state}`], 'data-step': s.value, 'aria-current': (s.current ?? s.state === 'current') ? 'step' : null,
      },
      h('span', { class: 'step-dot', 'aria-hidden': 'true' }, s.state === 'done' ? '✓' : String(i + 1)),
      h('span', { class: 'step-label' }, s.label),
      h('span', { class: 'step-date', title: s.date || null },
        dates[i].year ? h('span', { class: ['step-year', dates[i].again ? 'step-year-again' : null] }, dates[i].year) : null,
        dates[i].day))));
  }

  /** One control of a move; `value` is what the clerk had typed before a redraw. */
  function control(f) {
    const common = { id: f.id, name: f.name, 'aria-label': f.ariaLabel ?? f.label };
    if (f.type === 'select') {
      const sel = h('select', common,
        f.blank != null ? h('option', { value: '' }, f.blank) : null,
        (f.options ?? []).map((o) => h('option', { value: String(o.value) }, o.label)));
      sel.value = String(f.value ?? '');
      return sel;
    }
    if (f.type === 'textarea') {
      const area = h('textarea', { ...common, rows: String(f.rows ?? 2), maxlength: String(f.maxlength ?? 2000), placeholder: f.placeholder });
      area.value = f.value ?? '';
      return area;
    }
    const attrs = { ...common, maxlength: String(f.maxlength ?? 12), placeholder: f.placeholder, value: f.value ?? '' };
    return f.type === 'date' ? dateBox(attrs) : h('input', { type: 'text', autocomplete: 'off', ...attrs });
  }

  function moveBar(forward, backs) {
    // A line a problem (a move's check says them all at once).
    const error = h('p', { class: 'field-error lines', id: ids.error, role: 'alert', hidden: true });
    // Each move reads its own boxes: two moves offered at once (审核通过 and 审核不通过) each
    // have a date, and the date typed beside one must be the date that move records.
    // A box whose id an earlier move took gets the move's name after it.
    const inputs = {};
    const used = new Set();
    const buttons = [];
    const rows = [];
    const below = [];
    forward.forEach((m, k) => {
      const controls = [];
      const areas = [];
      const own = {};
      for (const f of m.fields ?? []) {
        const id = f.id && used.has(f.id) ? `${f.id}-${m.to}` : f.id;
        if (id) used.add(id);
        const c = control({ ...f, id });
        own[f.name] = c;
        if (!(f.name in inputs)) inputs[f.name] = c;
        if (f.type === 'textarea') areas.push(h('div', { class: 'move-evaluation' }, c));
        else controls.push(labelled(f.label, c));
      }
      const btn = h('button', {
        // The first move is the way forward; another offered beside it (审核不通过) is
        // drawn plain, so the two are not pressed for each other.
        id: k === 0 ? ids.advance : `${ids.advance}-${m.to}`, type: 'button', class: k === 0 ? 'btn btn-primary' : 'btn btn-secondary',
        disabled: !!m.blocked, 'data-to': m.to, 'aria-describedby': m.blocked && k === 0 ? ids.blocked : null,
      }, m.label);
      buttons.push(btn);
      // Two moves each in its own group (审核通过 and 审核不通过): a move's problem is
      // said in its group, under its button (probe AF: 审核通过's date before 申请 was
      // said under 审核不通过, and read as that move's).
      const grouped = areas.length && forward.length > 1;
      const ownError = grouped
        ? h('p', { class: 'field-error lines', id: `${ids.error}-${m.to}`, role: 'alert', hidden: true })
        : error;
      const run = oneAtATime(() => send(() => props.onMove(m, read(m, own)), buttons, ownError, own, false));
      btn.addEventListener('click', run);
      for (const f of m.fields ?? []) {
        const c = own[f.name];
        if (f.type === 'textarea') {
          c.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !isComposing(e)) {
              e.preventDefault();
              if (!btn.disabled) run();
            }
          });
        } else {
          onEnter(c, () => { if (!btn.disabled) run(); });
        }
      }
      // A move that asks for a reason or an opinion takes it before its button: the
      // clerk fills it in, then presses (退出 under 退出原因, not beside the date).
      // When two moves are offered at once (审核通过 and 审核不通过), each stands in
      // its own group (date, text, button) so a date sits with the move it records.
      if (grouped) {
        below.push(h('div', { class: 'move-group', 'data-to': m.to },
          controls.length ? h('div', { class: 'move-row' }, controls) : null,
          ...areas, h('div', { class: 'button-row move-after' }, btn), ownError));
      } else if (areas.length) {
        rows.push(controls);
        below.push(...areas, h('div', { class: 'button-row move-after' }, btn));
      } else {
        rows.push(controls, btn);
      }
    });
    const backBtn = backs.length ? h('button', { id: ids.back, type: 'button', class: 'btn btn-secondary' }, '退回…') : null;
    if (backBtn) {
      buttons.push(backBtn);
      backBtn.addEventListener('click', () => openBack(backs, dateOf(forward, inputs)));
    }
    const first = forward[0];
    // With a move in a group of its own below, the others' problems are said under
    // their row, not after that group (where they read as its).
    const groupedBelow = below.some((b) => b.classList?.contains('move-group'));
    // Why the move cannot be made, or what its date records, right under the date.
    return h('section', { class: 'move-bar', id: ids.move, 'aria-label': props.moveLabel },
      h('div', { class: 'move-row' },
        forward.length ? rows : h('span', { class: 'ok-line' }, props.doneText),
        h('span', { class: 'move-side' }, backBtn, state.side ?? null)),
      groupedBelow ? error : null,
      first?.blocked ? h('p', { class: 'callout callout-warning', id: ids.blocked }, first.blocked, state.blockedExtra ?? null) : null,
      first?.hint && !first.blocked ? h('p', { class: 'hint', id: ids.hint }, first.hint) : null,
      below,
      forward.some((m) => (m.fields ?? []).some((f) => f.type === 'textarea' && f.ctrlEnterHint))
        ? h('p', { class: 'hint' }, forward.flatMap((m) => m.fields ?? []).find((f) => f.ctrlEnterHint).ctrlEnterHint) : null,
      groupedBelow ? null : error);
  }

  const read = (m, inputs) => Object.fromEntries((m.fields ?? []).map((f) => [f.name, inputs[f.name]?.value ?? '']));
  const dateOf = (forward, inputs) => {
    const f = forward.flatMap((m) => m.fields ?? []).find((x) => x.type === 'date');
    return f ? inputs[f.name].value : (props.backDate?.() ?? '');
  };

  /**
   * Send a move (or a 改日期) up, `ask()` being the screen's handler; show what the
   * screen answers. → true when it went through.
   */
  async function send(ask, buttons, errorEl, controls, inDialog) {
    hideMessage(errorEl);
    let answer = null;
    await whileBusy(buttons, async () => {
      answer = await ask();
    });
    if (destroyed) return false;
    if (answer?.ok) {
      const next = host.querySelector(`#${ids.advance}:not([disabled])`) ?? host.querySelector(`#${ids.back}`);
      if (next) next.focus();
      else props.focusFallback?.();
      return true;
    }
    if (answer?.message) {
      showFieldError(errorEl, answer.message, controls[answer.field] ?? Object.values(controls)[0], {
        select: false, mark: !inDialog || answer.field === 'reason' || answer.field === 'date',
      });
    }
    if (answer?.close) dialogClose?.();
    return false;
  }

  /** 退回…: which of the offered earlier steps, and why. */
  function openBack(backs, date) {
    const d = props.backDialog ?? {};
    const to = h('select', { id: 'return-to' }, backs.map((m) => h('option', { value: m.to }, m.toLabel || m.label)));
    // The day of the return, shown and changeable: a clerk entering March's work in
    // December returned it "today" unseen, and every later step was then late.
    const when = dateBox({ id: 'return-date', value: date ?? '', 'aria-describedby': 'return-error' });
    const reason = h('textarea', {
      id: 'return-reason', rows: '3', maxlength: '500', placeholder: d.placeholder, 'aria-describedby': 'return-error',
    });
    const error = h('p', { class: 'file-error', id: 'return-error', role: 'alert', hidden: true });
    const ok = h('button', { id: 'return-ok', type: 'button', class: 'btn btn-primary' }, '退回');
    const cancel = h('button', { id: 'return-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
    const { close } = openModal({
      id: 'return-dialog',
      title: d.title ?? '退回',
      className: 'dialog-medium',
      onClose: () => { dialogClose = null; },
      content: [
        state.backHint ? h('p', { class: 'hint' }, state.backHint) : null,
        h('label', { for: 'return-to', class: 'block-label' }, '退回到'), to,
        h('label', { for: 'return-date', class: 'block-label' }, '退回日期'), when,
        h('label', { for: 'return-reason', class: 'block-label return-reason-label' }, '原因（必填）'), reason,
        h('p', { class: 'hint' }, 'Ctrl+Enter 退回 · Esc 取消'),
        error,
        h('div', { class: 'dialog-actions' }, cancel, ok),
      ],
    });
    dialogClose = close;
    cancel.addEventListener('click', close);
    const submit = oneAtATime(async () => {
      hideMessage(error);
      const move = backs.find((m) => m.to === to.value);
      if (!move) {
        showFieldError(error, '请选择要改成的状态。', to, { select: false });
        return;
      }
      if (move.needsReason !== false && !reason.value.trim()) {
        showFieldError(error, REASON_MISSING, reason, { select: false });
        return;
      }
      const values = { date: when.value.trim(), reason: reason.value };
      if (await send(() => props.onMove(move, values), [ok, cancel], error, { to, date: when, reason }, true)) close();
    });
    ok.addEventListener('click', submit);
    onEnter(to, submit);
    onEnter(when, submit);
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !isComposing(e)) {
        e.preventDefault();
        submit();
      }
    });
    reason.focus();
  }

  /** 改日期 of a step: the day it happened, typed wrong (a 完成日期). */
  function openRedate(row) {
    const when = dateBox({ id: 'redate-date', value: row.date ?? '', 'aria-describedby': 'redate-error' });
    const error = h('p', { class: 'file-error', id: 'redate-error', role: 'alert', hidden: true });
    const ok = h('button', { id: 'redate-ok', type: 'button', class: 'btn btn-primary' }, '保存');
    const cancel = h('button', { id: 'redate-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
    const { close } = openModal({
      id: 'redate-dialog',
      title: '改日期',
      className: 'dialog-medium',
      onClose: () => { dialogClose = null; },
      content: [
        h('p', { class: 'hint' }, `“${row.text ?? ''}”这一步的日期填错了，在这里改正：这一步不变，只改它的日期，统计按改正后的日期计算。不要用“退回”再重做一遍来改日期。`),
        h('label', { for: 'redate-date', class: 'block-label' }, '改为'), when,
        error,
        h('div', { class: 'dialog-actions' }, cancel, ok),
      ],
    });
    dialogClose = close;
    cancel.addEventListener('click', close);
    const submit = oneAtATime(async () => {
      if (await send(() => props.onRedate(when.value.trim(), row.index), [ok, cancel], error, { date: when }, true)) close();
    });
    ok.addEventListener('click', submit);
    onEnter(when, submit);
    when.focus();
  }

  function renderTimeline(rows) {
    clear(props.timelineRoot,
      h('h3', { id: props.timelineTitleId }, props.timelineTitle),
      rows.length
        ? h('ol', { class: 'timeline', id: ids.timeline }, rows.map((r, i) => h('li', {
          class: ['timeline-item', r.back && 'is-back', r.escalated && 'is-escalated'], 'data-event-index': String(i),
        },
        h('span', { class: 'timeline-date' }, r.date,
          r.redatable && props.onRedate
            ? h('button', {
              type: 'button', class: 'btn-link timeline-redate', id: i === rows.length - 1 ? 'timeline-redate' : null,
              'data-redate-index': String(r.index ?? i), onClick: () => openRedate(r),
            }, '改日期')
            : null),
        h('span', { class: 'timeline-text' }, r.text,
          r.back ? h('span', { class: 'badge badge-warn' }, '退回') : null,
          r.escalated ? h('span', { class: 'badge badge-info' }, '上报') : null),
        (r.notes ?? []).map((n) => h('span', { class: ['timeline-reason', n.back && 'timeline-reason-back'], ...(n.attrs ?? {}) }, n.text)),
        r.recordedAt ? h('span', { class: 'timeline-recorded' }, `记录于 ${r.recordedAt}`) : null)))
        : h('p', { class: 'hint' }, '还没有记录。'));
  }

  return {
    update,
    destroy() {
      destroyed = true;
      dialogClose?.();
      host.remove();
    },
  };
}
