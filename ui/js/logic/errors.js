// How the UI reacts to a backend error { kind, message, field? }. Pure: no DOM.
// Decisions depend only on `kind` and `field`, never on message text.

/**
 * 'field'  – show beside the input named by `field` (if the form has it)
 * 'reload' – show the message, then reload the data (record is gone)
 * 'reboot' – the app state changed underneath us: restart from app_status
 * 'alert'  – show the message in the alert box
 */
export function errorRoute(error, formFields = []) {
  const kind = error?.kind;
  const field = error?.field;
  if ((kind === 'validation' || kind === 'conflict') && field && formFields.includes(field)) {
    return 'field';
  }
  if (kind === 'not_found') return 'reload';
  if (kind === 'not_initialized' || kind === 'newer_version') return 'reboot';
  return 'alert';
}

/** Message to show for an error, with a Chinese fallback. */
export function errorMessage(error) {
  const m = error?.message;
  return typeof m === 'string' && m.trim() ? m : '操作没有成功，请重试。如果一直不成功，请联系技术支持。';
}

/**
 * Send an error where it belongs, by its route:
 *   'field'  → field(name, message), when `field` is given and the error's field is in `fields`
 *   'reload' → show(message), then reload(error) when given
 *   'reboot' → reboot(error) (without one: show(message))
 *   'alert'  → show(message)
 * Returns the route taken. The one switch every view and dialog uses.
 */
export function reportError(error, { show, fields = [], field, reload, reboot } = {}) {
  const route = errorRoute(error, field ? fields : []);
  const message = errorMessage(error);
  if (route === 'field') {
    field(error.field, message);
  } else if (route === 'reboot' && reboot) {
    reboot(error);
  } else {
    show?.(message);
    if (route === 'reload') reload?.(error);
  }
  return route;
}
