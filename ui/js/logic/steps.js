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

/** The date each step was last reached, from the events (each { to, date }). */
export function stepDates(events) {
  const out = {};
  for (const e of sortEvents(events)) if (e?.to && e.date) out[e.to] = e.date;
  return out;
}

/**
 * The step bar: [{ value, label, state: 'done'|'current'|'todo', date }] for the
 * steps `order` ({ value }) with the record at `status`; `label(value)` names a step.
 */
export function stepBarOf(order, status, events, label) {
  const i = order.findIndex((s) => s.value === status);
  const dates = stepDates(events);
  return order.map((s, k) => {
    let state = 'todo';
    if (k < i) state = 'done';
    else if (k === i) state = 'current';
    return { value: s.value, label: label(s.value), state, date: state === 'todo' ? '' : (dates[s.value] ?? '') };
  });
}
