// reportError: the one switch that sends an error to a field, a reload, a restart
// or the alert box. Table-driven against recording handlers.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { reportError } from '../../ui/js/logic/errors.js';

/** Handlers that record what was called, in order. */
function recorder({ withField = true, withReload = true, withReboot = true } = {}) {
  const log = [];
  const handlers = {
    fields: ['name', 'code'],
    show: (m) => log.push(['show', m]),
  };
  if (withField) handlers.field = (f, m) => log.push(['field', f, m]);
  if (withReload) handlers.reload = (e) => log.push(['reload', e.kind]);
  if (withReboot) handlers.reboot = (e) => log.push(['reboot', e.kind]);
  return { log, handlers };
}

describe('reportError', () => {
  const cases = [
    ['validation on a form field', { kind: 'validation', field: 'name', message: '请填写名称' }, 'field',
      [['field', 'name', '请填写名称']]],
    ['conflict on a form field', { kind: 'conflict', field: 'code', message: '代码已被使用' }, 'field',
      [['field', 'code', '代码已被使用']]],
    ['validation on a field the form lacks', { kind: 'validation', field: 'other', message: '不对' }, 'alert',
      [['show', '不对']]],
    ['not_found: message, then reload', { kind: 'not_found', message: '记录已不存在' }, 'reload',
      [['show', '记录已不存在'], ['reload', 'not_found']]],
    ['not_initialized restarts, shows nothing', { kind: 'not_initialized', message: '请先设置' }, 'reboot',
      [['reboot', 'not_initialized']]],
    ['newer_version restarts', { kind: 'newer_version', message: '版本较新' }, 'reboot',
      [['reboot', 'newer_version']]],
    ['refused is shown', { kind: 'refused', message: '有下级单位' }, 'alert', [['show', '有下级单位']]],
    ['io is shown', { kind: 'io', message: '文件无法写入' }, 'alert', [['show', '文件无法写入']]],
  ];
  for (const [name, error, route, expected] of cases) {
    test(`${name} → ${route}`, () => {
      const { log, handlers } = recorder();
      assert.equal(reportError(error, handlers), route);
      assert.deepEqual(log, expected);
    });
  }

  test('without a field handler a field error is shown like any other', () => {
    const { log, handlers } = recorder({ withField: false });
    assert.equal(reportError({ kind: 'validation', field: 'name', message: '请填写名称' }, handlers), 'alert');
    assert.deepEqual(log, [['show', '请填写名称']]);
  });

  test('without a reload handler a gone record is only shown', () => {
    const { log, handlers } = recorder({ withReload: false });
    assert.equal(reportError({ kind: 'not_found', message: '已不存在' }, handlers), 'reload');
    assert.deepEqual(log, [['show', '已不存在']]);
  });

  test('without a reboot handler the message is shown', () => {
    const { log, handlers } = recorder({ withReboot: false });
    reportError({ kind: 'not_initialized', message: '请先设置' }, handlers);
    assert.deepEqual(log, [['show', '请先设置']]);
  });

  test('a message-less error gets the Chinese fallback', () => {
    const { log, handlers } = recorder();
    reportError({ kind: 'internal' }, handlers);
    assert.equal(log.length, 1);
    assert.match(log[0][1], /[\u4e00-\u9fff]/);
  });

  test('anything thrown (an Error, a string) is shown', () => {
    const { log, handlers } = recorder();
    assert.equal(reportError(new TypeError('boom'), handlers), 'alert');
    assert.equal(reportError(undefined, handlers), 'alert');
    assert.equal(log.length, 2);
    assert.equal(log[0][0], 'show');
  });

  test('the message text never picks the route', () => {
    const { log, handlers } = recorder();
    reportError({ kind: 'refused', field: 'name', message: 'not_found validation' }, handlers);
    assert.deepEqual(log, [['show', 'not_found validation']]);
  });
});
