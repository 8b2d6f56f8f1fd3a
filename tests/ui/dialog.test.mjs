// dialog.js presets that need no browser: 放弃修改？ is not asked when nothing
// changed, how a small dialog reports a failed command (dialogErrors), and the
// 删除 of a record (deleteRecord; 删除确认 falls back to confirm() without <dialog>).
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { confirmDiscard, dialogErrors, deleteRecord } from '../../ui/js/dialog.js';
import { installFakeConfirm } from './fake-dom.mjs';

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

describe('deleteRecord', () => {
  let log;
  let answer;
  let uninstall;
  beforeEach(() => {
    log = [];
    answer = true;
    uninstall = installFakeConfirm((message) => {
      log.push(['confirm', message]);
      return answer;
    });
  });
  afterEach(() => uninstall());

  /** A delete button and a record list; `remove` is the command. */
  function run({ remove = async () => { log.push('remove'); }, gone = () => false } = {}) {
    const button = { disabled: false };
    return {
      button,
      done: deleteRecord({
        message: '确定删除委员会“青溪社区大党委”吗？',
        button,
        remove: async () => {
          log.push(['busy', button.disabled]);
          return remove();
        },
        done: '已删除“青溪社区大党委”，可在回收站恢复',
        toast: (m) => log.push(['toast', m]),
        clearAlert: () => log.push('clearAlert'),
        fail: (e) => log.push(['fail', e.kind]),
        gone,
        after: async () => log.push('after'),
      }),
    };
  }

  test('asks, then deletes with the button disabled, toasts and refreshes', async () => {
    const r = run();
    await r.done;
    assert.deepEqual(log, [
      ['confirm', '确定删除委员会“青溪社区大党委”吗？'], 'clearAlert', ['busy', true], 'remove',
      ['toast', '已删除“青溪社区大党委”，可在回收站恢复'], 'after',
    ]);
    assert.equal(r.button.disabled, false);
  });

  test('取消: nothing is deleted', async () => {
    answer = false;
    await run().done;
    assert.deepEqual(log.map((x) => x[0] ?? x), ['confirm']);
  });

  test('a refusal is shown and ends there; the list stays as it is', async () => {
    const r = run({ remove: async () => { throw { kind: 'conflict', message: '有委员的委员会不能删除' }; } });
    await r.done;
    assert.deepEqual(log.slice(1), ['clearAlert', ['busy', true], ['fail', 'conflict']]);
    assert.equal(r.button.disabled, false);
  });

  test('a record gone already (not_found) is shown, then the view refreshes as after a deletion', async () => {
    await run({ remove: async () => { throw { kind: 'not_found', message: '记录已不存在' }; } }).done;
    assert.deepEqual(log.slice(1), ['clearAlert', ['busy', true], ['fail', 'not_found'], 'after']);
  });

  test('the view left meanwhile: no toast, no error, no refresh', async () => {
    let left = false;
    await run({ remove: async () => { left = true; }, gone: () => left }).done;
    assert.deepEqual(log.slice(1), ['clearAlert', ['busy', true]]);
    log = [];
    left = false;
    await run({ remove: async () => { left = true; throw { kind: 'not_found', message: 'x' }; }, gone: () => left }).done;
    assert.deepEqual(log.slice(1), ['clearAlert', ['busy', true]]);
  });

  test('the view left while 删除确认 was open: nothing is deleted', async () => {
    await run({ gone: () => true }).done;
    assert.deepEqual(log.map((x) => x[0] ?? x), ['confirm']);
  });
});
