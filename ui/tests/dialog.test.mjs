// dialog.js presets that need no browser: 放弃修改？ is not asked when nothing
// changed, and how a small dialog reports a failed command (dialogErrors).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { confirmDiscard, dialogErrors } from '../js/dialog.js';

describe('confirmDiscard', () => {
  test('a clean form leaves at once, without a dialog (no document needed)', async () => {
    assert.equal('document' in globalThis, false);
    assert.equal(await confirmDiscard(false), true);
    assert.equal(await confirmDiscard(undefined), true);
  });
});

describe('dialogErrors', () => {
  const setup = () => {
    const errorEl = { hidden: true, textContent: '' };
    const log = [];
    const fail = dialogErrors(errorEl, () => log.push('close'), (e) => log.push(['onError', e.kind]));
    return { errorEl, log, fail };
  };

  test('a failed command shows its message (as text) in the dialog', () => {
    const { errorEl, log, fail } = setup();
    fail({ kind: 'io', message: '<b>文件</b>无法写入' });
    assert.deepEqual(errorEl, { hidden: false, textContent: '<b>文件</b>无法写入' });
    assert.deepEqual(log, []);
  });

  test('a gone record is shown too (the dialog has nothing to reload)', () => {
    const { errorEl, log, fail } = setup();
    fail({ kind: 'not_found', message: '记录已不存在' });
    assert.equal(errorEl.textContent, '记录已不存在');
    assert.deepEqual(log, []);
  });

  test('an error that needs a restart closes the dialog, then goes to onError', () => {
    const { errorEl, log, fail } = setup();
    fail({ kind: 'not_initialized', message: '请先设置' });
    assert.deepEqual(log, ['close', ['onError', 'not_initialized']]);
    assert.equal(errorEl.hidden, true);
  });

  test('onError is optional', () => {
    const errorEl = { hidden: true, textContent: '' };
    let closed = 0;
    dialogErrors(errorEl, () => { closed += 1; })({ kind: 'newer_version', message: '版本较新' });
    assert.equal(closed, 1);
  });
});
