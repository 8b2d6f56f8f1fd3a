// The one rule for answers that may arrive late (ui/README.md): a list or part asked
// for again while the last ask is under way keeps only the newest answer, and none
// once the view has gone. Every such load counts its asks in a key of its state
// (`st.loadToken`, `st.drillToken` …), which other code may bump to drop an answer
// still on its way (the drill closed, the detail left).

/**
 * newest(st, key, ask, gone = () => st.disposed) → Promise<answer | null>
 * Counts one more ask in `st[key]` and runs `ask()` (at once, before any await).
 * When its answer is still the newest and `gone()` is false: `{ ok: true, value, stale }`,
 * or `{ ok: false, error, stale }` for a failure; otherwise `null`, and the caller
 * drops it. `stale()` tells the same later, after the caller's own awaits.
 */
export async function newest(st, key, ask, gone = () => st.disposed) {
  const token = ++st[key];
  const stale = () => Boolean(gone()) || token !== st[key];
  try {
    const value = await ask();
    return stale() ? null : { ok: true, value, stale };
  } catch (error) {
    return stale() ? null : { ok: false, error, stale };
  }
}
