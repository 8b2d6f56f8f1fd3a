// How a test checks that a form's parser refused a value: the one shape every parser
// answers with (logic/form.js fieldError): { ok: false, error: { kind: 'validation',
// field, message } }, the message in Chinese, the field one of the form's own.
import assert from 'node:assert/strict';

/** Some Chinese in a text shown to the clerk. */
export const CJK = /[\u4e00-\u9fff]/;

/**
 * Asserts `r` refuses on `field`; with `fields`, that the field is one of the form's
 * (the names its inputs use). Returns the error for further checks.
 */
export function assertRefused(r, field, { fields } = {}) {
  assert.equal(r.ok, false);
  assert.equal(r.error.kind, 'validation');
  assert.equal(r.error.field, field);
  assert.match(r.error.message, CJK);
  if (fields) assert.ok(fields.includes(field), `${field} is a field of the form`);
  return r.error;
}
