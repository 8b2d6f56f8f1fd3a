// The dated steps every workflow shows (共建项目, 诉求, 准入事项 …): events in the
// order they happened and the step bar. Which moves are allowed is the core's
// (workflows.js); this only draws what happened. Pure: no DOM.

/** Events oldest first: by date, then by when they were recorded, then as given. */
export function sortEvents(events) {
  return (Array.isArray(events) ? events : [])
    .map((e, k) => ({ e, k }))
    .sort((a, b) => String(a.e?.date ?? '').localeCompare(String(b.e?.date ?? ''))
      || String(a.e?.recordedAt ?? '').localeCompare(String(b.e?.recordedAt ?? ''))
      || a.k - b.k)
    .map(({ e }) => e);
}

/** Each event with its place in the stored list (`index`): what 改日期 names. */
export function indexed(events) {
  return (Array.isArray(events) ? events : []).map((e, index) => ({ ...e, index }));
}

/** Whether an event moved a demand to another level (上报): it is received anew there. */
export function escalated(e) {
  return !!e?.levelFrom && !!e?.levelTo && e.levelFrom !== e.levelTo;
}

/**
 * The date each step was last reached, from the events (each { from, to, date }).
 * With the steps' `order`, a move back onto a step already dated keeps that date: a
 * project sent back to 实施中 still began it on its 实际开始, not on the day it was
 * sent back (which the timeline shows); a demand 退回 to 已受理 was still received on
 * its 受理日期 (an escalation, received anew, is dated). An event that stays at its
 * step (a 办理时限 changed) is not a step.
 */
export function stepDates(events, order = null) {
  const at = (v) => (order ? order.findIndex((s) => s.value === v) : -1);
  const out = {};
  for (const e of sortEvents(events)) {
    if (!e?.to || !e.date) continue;
    if (e.from != null && e.from === e.to && !escalated(e)) continue;
    const back = order && !escalated(e) && e.from != null && at(e.to) >= 0 && at(e.to) < at(e.from);
    if (!(back && out[e.to])) out[e.to] = e.date;
  }
  return out;
}

/**
 * The step bar: [{ value, label, state: 'done'|'current'|'todo', date, current }] for
 * the steps `order` ({ value }) with the record at `status`; `label(value)` names a
 * step. The last step reached is the end of the work: done (green, ✓), not a current
 * step still waiting (red); `current` marks the step the record is at either way.
 * `backKeepsDate`: a step reached again by a move back keeps the date it was first
 * reached (a project's, a demand's; a demand escalated back to 已受理 is received anew).
 */
export function stepBarOf(order, status, events, label, { backKeepsDate = false } = {}) {
  const i = order.findIndex((s) => s.value === status);
  const dates = stepDates(events, backKeepsDate ? order : null);
  return order.map((s, k) => {
    let state = 'todo';
    if (k < i || (k === i && i === order.length - 1)) state = 'done';
    else if (k === i) state = 'current';
    return {
      value: s.value, label: label(s.value), state, current: k === i, date: state === 'todo' ? '' : (dates[s.value] ?? ''),
    };
  });
}

/**
 * The dates under a step bar, split so that they can be shortened: { year: '2026-',
 * day: '12-05', again } where `again` says the dated step before it is in the same
 * year. A side panel hides such a year (2026-12-05, 12-05, 12-05), so five dates fit
 * under five steps; a full-width bar shows every date whole.
 */
export function stepDateParts(dates) {
  let year = '';
  return (Array.isArray(dates) ? dates : []).map((d) => {
    const m = /^(\d{4})-(\d{2}-\d{2})$/.exec(String(d ?? ''));
    if (!m) return { year: '', day: String(d ?? ''), again: false };
    const again = m[1] === year;
    year = m[1];
    return { year: `${m[1]}-`, day: m[2], again };
  });
}

