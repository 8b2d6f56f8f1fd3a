import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as api from '../js/api.js';

const CONTRACT = fileURLToPath(new URL('../../docs/COMMANDS.md', import.meta.url));

/** Commands from the table in docs/COMMANDS.md: [{ name, args: [argName] }]. */
function contractCommands() {
  const md = readFileSync(CONTRACT, 'utf8');
  const section = md.slice(md.indexOf('## Commands'));
  const out = [];
  for (const line of section.split('\n')) {
    const m = line.match(/^\|\s*`([a-z_]+)`\s*\|\s*([^|]*)\|/);
    if (!m) continue;
    const argText = m[2].replace(/`/g, '').trim();
    const args = argText.startsWith('{')
      ? argText.replace(/[{}]/g, '').split(',').map((s) => s.split(':')[0].trim()).filter(Boolean)
      : [];
    out.push({ name: m[1], args });
  }
  return out;
}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// How the UI calls each function, and the args object the command must receive.
const CALLS = {
  appStatus: [[], undefined],
  setupOffice: [[{ level: 'township', code: '320115101000', name: '秣陵街道' }],
    { level: 'township', code: '320115101000', name: '秣陵街道' }],
  listUnits: [[], undefined],
  createUnit: [[{ kind: 'village', parentId: null }], { input: { kind: 'village', parentId: null } }],
  updateUnit: [[7, { name: 'x' }], { id: 7, input: { name: 'x' } }],
  moveUnit: [[7, 3], { id: 7, newParentId: 3 }],
  deleteUnit: [[7], { id: 7 }],
  suggestUnitCode: [['compound', 3], { kind: 'compound', parentId: 3 }],
  listRecycleBin: [[], undefined],
  restoreRecycled: [[12], { entryId: 12 }],
  listChangeLog: [[{ limit: 50, offset: 100 }], { limit: 50, offset: 100 }],
  listBackups: [[], undefined],
  backupNow: [[], undefined],
  restoreBackup: [['b.db'], { fileName: 'b.db' }],
  checkDatabase: [[], undefined],
};

let calls;
function fakeInvoke(result) {
  calls = [];
  globalThis.__TAURI__ = {
    core: {
      invoke: async (...a) => {
        calls.push(a);
        if (typeof result === 'function') return result(...a);
        return result;
      },
    },
  };
}

beforeEach(() => fakeInvoke('ok'));
afterEach(() => { delete globalThis.__TAURI__; });

describe('contract: docs/COMMANDS.md', () => {
  const commands = contractCommands();

  test('the contract table was found and parsed', () => {
    assert.ok(commands.length >= 15, `found ${commands.length} commands`);
    assert.deepEqual(commands.find((c) => c.name === 'move_unit').args, ['id', 'newParentId']);
  });

  for (const { name, args } of commands) {
    test(`${name}: api.${camel(name)} sends exactly { ${args.join(', ')} }`, async () => {
      const fn = api[camel(name)];
      assert.equal(typeof fn, 'function', `api.js must export ${camel(name)}`);
      const spec = CALLS[camel(name)];
      assert.ok(spec, `test table lacks ${camel(name)}`);
      const [callArgs, expected] = spec;
      const result = await fn(...callArgs);
      assert.equal(result, 'ok');
      assert.equal(calls.length, 1);
      assert.equal(calls[0][0], name);
      const sent = calls[0][1];
      assert.deepEqual(Object.keys(sent ?? {}).sort(), [...args].sort());
      if (expected !== undefined) assert.deepEqual(sent, expected);
    });
  }

  test('api.js exports no command the contract lacks', () => {
    const names = new Set(commands.map((c) => camel(c.name)));
    const extra = Object.keys(api).filter((k) => k !== 'normalizeError' && !names.has(k));
    assert.deepEqual(extra, []);
  });
});

describe('argument details', () => {
  test('suggestUnitCode sends parentId null for a village', async () => {
    await api.suggestUnitCode('village');
    assert.deepEqual(calls[0], ['suggest_unit_code', { kind: 'village', parentId: null }]);
  });

  test('listChangeLog defaults to the first 50', async () => {
    await api.listChangeLog();
    assert.deepEqual(calls[0], ['list_change_log', { limit: 50, offset: 0 }]);
  });

  test('setupOffice sends only level, code and name', async () => {
    await api.setupOffice({ level: 'city', code: '320100000000', name: '南京市', extra: 'x' });
    assert.deepEqual(calls[0][1], { level: 'city', code: '320100000000', name: '南京市' });
  });

  test('results are passed through untouched', async () => {
    const units = [{ id: 1, name: '<b>x</b>' }];
    fakeInvoke(units);
    assert.equal(await api.listUnits(), units);
  });
});

describe('normalizeError', () => {
  const cases = [
    ['backend error is kept', { kind: 'validation', message: '请填写名称。', field: 'name' },
      { kind: 'validation', message: '请填写名称。', field: 'name' }],
    ['field is optional', { kind: 'refused', message: '有下级' }, { kind: 'refused', message: '有下级' }],
    ['empty field dropped', { kind: 'conflict', message: 'm', field: '' }, { kind: 'conflict', message: 'm' }],
    ['extra keys dropped', { kind: 'io', message: 'm', stack: 's' }, { kind: 'io', message: 'm' }],
    ['plain string', 'command list_units not found', { kind: 'internal', message: 'command list_units not found' }],
    ['empty kind', { kind: '', message: 'm' }, { kind: 'internal', message: 'm' }],
    ['object without kind', { message: '坏了' }, { kind: 'internal', message: '坏了' }],
    ['Error object', new TypeError('boom'), { kind: 'internal', message: 'TypeError: boom' }],
    ['number', 42, { kind: 'internal', message: '42' }],
    ['undefined', undefined, { kind: 'internal', message: 'undefined' }],
  ];
  for (const [label, input, expected] of cases) {
    test(label, () => assert.deepEqual(api.normalizeError(input), expected));
  }

  test('a kind without a message gets a Chinese message', () => {
    const e = api.normalizeError({ kind: 'storage' });
    assert.equal(e.kind, 'storage');
    assert.match(e.message, /[\u4e00-\u9fff]/);
  });
});

describe('rejections are normalised', () => {
  const rejections = [
    ['string', 'boom', { kind: 'internal', message: 'boom' }],
    ['backend', { kind: 'not_found', message: '记录不存在' }, { kind: 'not_found', message: '记录不存在' }],
    ['Error', new Error('x'), { kind: 'internal', message: 'Error: x' }],
  ];
  for (const [label, rejection, expected] of rejections) {
    test(label, async () => {
      fakeInvoke(() => { throw rejection; });
      await assert.rejects(api.deleteUnit(1), (e) => {
        assert.deepEqual(e, expected);
        return true;
      });
    });
  }

  test('a synchronous throw from invoke is normalised too', async () => {
    globalThis.__TAURI__ = { core: { invoke: () => { throw 'sync'; } } };
    await assert.rejects(api.listUnits(), { kind: 'internal', message: 'sync' });
  });

  test('without the Tauri runtime every call rejects with a Chinese internal error', async () => {
    delete globalThis.__TAURI__;
    await assert.rejects(api.appStatus(), (e) => {
      assert.equal(e.kind, 'internal');
      assert.match(e.message, /[\u4e00-\u9fff]/);
      return true;
    });
  });
});
