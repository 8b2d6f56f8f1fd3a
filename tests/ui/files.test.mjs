// files.js: a typed path or one picked in the system dialog. resolveSavePath and
// pickedPath are pure given a fake api; the path row runs against a fake document;
// saveFileAction (the 导出 button of a page) against plain objects.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pickedPath, resolveSavePath, pathRow, savePathPicker, saveFileAction } from '../../ui/js/files.js';
import { installFakeDocument, fire } from './fake-dom.mjs';
import { domPerTest, dispatch, settle, textOf } from './dom-env.mjs';

/** An api whose chooseSaveFile answers from a list and records its calls. */
function fakeApi(...answers) {
  const calls = [];
  return {
    calls,
    async chooseSaveFile(title, defaultName, ...kind) {
      calls.push([title, defaultName, ...kind]);
      const a = answers.shift();
      if (a instanceof Error || (a && typeof a === 'object')) throw a;
      return a;
    },
  };
}
const WHERE = { title: '导出人员名单', defaultName: '网格员名单.xlsx' };

describe('pickedPath', () => {
  const cases = [
    ['D:\\台账\\名单.xlsx', 'D:\\台账\\名单.xlsx'],
    ['/home/a/名单.xlsx', '/home/a/名单.xlsx'],
    [null, ''],
    [undefined, ''],
    ['', ''],
    [42, ''],
    [{ path: '/x' }, ''],
  ];
  for (const [p, want] of cases) test(`${JSON.stringify(p)} → ${JSON.stringify(want)}`, () => assert.equal(pickedPath(p), want));
});

describe('resolveSavePath', () => {
  test('a typed path is used as it is (trimmed); no dialog', async () => {
    const api = fakeApi();
    const input = { value: '  D:\\out.xlsx ' };
    assert.equal(await resolveSavePath(api, input, WHERE), 'D:\\out.xlsx');
    assert.deepEqual(api.calls, []);
  });

  test('an empty box asks, and the answer goes into the box', async () => {
    const api = fakeApi('/tmp/名单.xlsx');
    const input = { value: '   ' };
    assert.equal(await resolveSavePath(api, input, WHERE), '/tmp/名单.xlsx');
    assert.equal(input.value, '/tmp/名单.xlsx');
    assert.deepEqual(api.calls, [['导出人员名单', '网格员名单.xlsx']]);
  });

  test('a cancelled dialog gives "" and leaves the box alone', async () => {
    const api = fakeApi(null);
    const input = { value: '' };
    assert.equal(await resolveSavePath(api, input, WHERE), '');
    assert.equal(input.value, '');
  });

  test('ask: the dialog opens even with a typed path; cancelling keeps the typed one', async () => {
    const api = fakeApi(null, '/tmp/b.xlsx');
    const input = { value: '/tmp/a.xlsx' };
    assert.equal(await resolveSavePath(api, input, { ...WHERE, ask: true }), '');
    assert.equal(input.value, '/tmp/a.xlsx');
    assert.equal(await resolveSavePath(api, input, { ...WHERE, ask: true }), '/tmp/b.xlsx');
    assert.equal(input.value, '/tmp/b.xlsx');
    assert.equal(api.calls.length, 2);
  });

  test('kind goes to the dialog only when given; defaultName may be a function', async () => {
    const api = fakeApi('/tmp/a.zip', '/tmp/b.xlsx');
    let n = 3;
    const where = { title: '导出交换文件', defaultName: () => `包_${n}.zip`, kind: 'zip' };
    assert.equal(await resolveSavePath(api, { value: '' }, where), '/tmp/a.zip');
    n = 4;
    assert.equal(await resolveSavePath(api, { value: '' }, { ...where, kind: undefined }), '/tmp/b.xlsx');
    assert.deepEqual(api.calls, [['导出交换文件', '包_3.zip', 'zip'], ['导出交换文件', '包_4.zip']]);
  });

  test('a rejected dialog rejects', async () => {
    const api = fakeApi({ kind: 'io', message: '无法打开对话框' });
    await assert.rejects(resolveSavePath(api, { value: '' }, WHERE), { kind: 'io' });
  });
});

// ---------- the row, against a fake document ----------

let uninstall;
before(() => { uninstall = installFakeDocument(); });
after(() => uninstall());

describe('pathRow', () => {
  test('label, box and button with the given ids (选择位置… by default)', () => {
    const r = pathRow({ inputId: 'export-path', buttonId: 'export-choose', label: '保存到', placeholder: '可留空' });
    assert.equal(r.input.getAttribute('id'), 'export-path');
    assert.equal(r.input.getAttribute('type'), 'text');
    assert.equal(r.input.className, 'input-path');
    assert.equal(r.input.getAttribute('autocomplete'), 'off');
    assert.equal(r.input.getAttribute('spellcheck'), 'false');
    assert.equal(r.input.getAttribute('placeholder'), '可留空');
    assert.equal(r.input.getAttribute('aria-label'), null);
    assert.equal(r.button.getAttribute('id'), 'export-choose');
    assert.equal(r.button.getAttribute('type'), 'button');
    assert.equal(r.button.textContent, '选择位置…');
    assert.equal(r.row.className, 'path-row');
    assert.deepEqual(r.row.childNodes, [r.input, r.button]);
    const [label, row] = r.el;
    assert.equal(label.tagName, 'LABEL');
    assert.equal(label.getAttribute('for'), 'export-path');
    assert.equal(label.className, 'block-label');
    assert.equal(label.textContent, '保存到');
    assert.equal(row, r.row);
  });

  test('without a label: the box is named by aria-label; own button text and row class', () => {
    const r = pathRow({
      inputId: 'import-errors-path', buttonId: 'import-save-errors', buttonText: '保存错误清单…',
      ariaLabel: '错误清单保存位置', rowClass: 'errors-row', describedBy: 'hint-1',
    });
    assert.equal(r.el[0], null);
    assert.equal(r.input.getAttribute('aria-label'), '错误清单保存位置');
    assert.equal(r.input.getAttribute('aria-describedby'), 'hint-1');
    assert.equal(r.button.textContent, '保存错误清单…');
    assert.equal(r.row.className, 'path-row errors-row');
  });
});

describe('savePathPicker', () => {
  test('the button always asks and fills the box; onChoose runs first', async () => {
    const api = fakeApi('/tmp/新.xlsx');
    const log = [];
    const p = savePathPicker({
      api, inputId: 'template-path', buttonId: 'template-choose', title: '保存导入模板', defaultName: '人员导入模板.xlsx',
      onChoose: () => log.push('choose'), onError: (e) => log.push(e),
    });
    assert.equal(p.el[0].textContent, '保存到');
    p.input.value = '/tmp/旧.xlsx';
    await fire(p.button, 'click');
    assert.equal(p.input.value, '/tmp/新.xlsx');
    assert.deepEqual(api.calls, [['保存导入模板', '人员导入模板.xlsx']]);
    assert.deepEqual(log, ['choose']);
  });

  test('kind and a changing defaultName reach the dialog', async () => {
    const api = fakeApi('/tmp/1.zip', '/tmp/2.zip');
    let name = '320115101000_青溪街道_20261127_0001.zip';
    const p = savePathPicker({
      api, inputId: 'package-path', buttonId: 'package-choose', title: '导出交换文件', defaultName: () => name, kind: 'zip',
    });
    await fire(p.button, 'click');
    name = '320115101000_青溪街道_20261127_0002.zip';
    p.input.value = '';
    assert.equal(await p.resolve(), '/tmp/2.zip');
    assert.deepEqual(api.calls, [
      ['导出交换文件', '320115101000_青溪街道_20261127_0001.zip', 'zip'],
      ['导出交换文件', '320115101000_青溪街道_20261127_0002.zip', 'zip'],
    ]);
  });

  test('a rejected dialog goes to onError', async () => {
    const failure = { kind: 'io', message: '无法打开对话框' };
    const api = fakeApi(failure);
    const errors = [];
    const p = savePathPicker({ api, inputId: 'a', buttonId: 'b', ...WHERE, onError: (e) => errors.push(e) });
    await fire(p.button, 'click');
    assert.deepEqual(errors, [failure]);
  });

  test('Enter in the box runs onEnter (not while the IME composes)', async () => {
    let n = 0;
    const p = savePathPicker({ api: fakeApi(), inputId: 'a', buttonId: 'b', ...WHERE, onEnter: () => { n += 1; } });
    const e = await fire(p.input, 'keydown', { key: 'Enter' });
    await fire(p.input, 'keydown', { key: 'Enter', isComposing: true });
    assert.equal(n, 1);
    assert.ok(e.defaultPrevented);
  });

  test('resolve(): the typed path, else the dialog', async () => {
    const api = fakeApi('/tmp/picked.xlsx');
    const p = savePathPicker({ api, inputId: 'a', buttonId: 'b', ...WHERE });
    p.input.value = '/tmp/typed.xlsx';
    assert.equal(await p.resolve(), '/tmp/typed.xlsx');
    p.input.value = '';
    assert.equal(await p.resolve(), '/tmp/picked.xlsx');
    assert.equal(p.input.value, '/tmp/picked.xlsx');
  });
});

describe('saveFileAction', () => {
  /** A page's 导出 button and picker; `resolve` answers the path (or rejects). */
  function page({ resolve = async () => 'D:\\out.zip', busyText, write } = {}) {
    const log = [];
    const button = { disabled: false, textContent: '导出交换文件' };
    const where = { button: { disabled: false }, resolve };
    let gone = false;
    const during = [];
    const run = saveFileAction({
      where,
      button,
      busyText,
      start: () => log.push('start'),
      write: write ?? (async (path) => {
        during.push([button.disabled, where.button.disabled, button.textContent]);
        log.push(['write', path]);
      }),
      fail: (e) => log.push(['fail', e.message]),
      gone: () => gone,
    });
    return { run, log, button, where, during, leave: () => { gone = true; } };
  }

  test('start, buttons disabled (and the busy text) while writing, then back', async () => {
    const p = page({ busyText: '正在导出…' });
    await p.run();
    assert.deepEqual(p.log, ['start', ['write', 'D:\\out.zip']]);
    assert.deepEqual(p.during, [[true, true, '正在导出…']]);
    assert.deepEqual([p.button.disabled, p.where.button.disabled, p.button.textContent], [false, false, '导出交换文件']);
  });

  test('without busyText the button keeps its text', async () => {
    const p = page();
    await p.run();
    assert.deepEqual(p.during, [[true, true, '导出交换文件']]);
  });

  test('a cancelled path dialog writes nothing; the buttons come back', async () => {
    const p = page({ resolve: async () => '' });
    await p.run();
    assert.deepEqual(p.log, ['start']);
    assert.deepEqual([p.button.disabled, p.where.button.disabled], [false, false]);
  });

  test('one at a time: a second run while one is running does nothing', async () => {
    let release;
    const p = page({ resolve: () => new Promise((r) => { release = r; }) });
    const first = p.run();
    await p.run();
    assert.deepEqual(p.log, ['start']);
    release('D:\\a.zip');
    await first;
    assert.deepEqual(p.log, ['start', ['write', 'D:\\a.zip']]);
    p.where.resolve = async () => 'D:\\b.zip';
    await p.run();
    assert.deepEqual(p.log.slice(2), ['start', ['write', 'D:\\b.zip']]);
  });

  test('a failure of the dialog or of the write goes to fail(); the buttons come back', async () => {
    const p = page({ resolve: async () => { throw new Error('对话框失败'); } });
    await p.run();
    assert.deepEqual(p.log, ['start', ['fail', '对话框失败']]);
    const q = page({ busyText: '正在导出…', write: async () => { throw new Error('写入失败'); } });
    await q.run();
    assert.deepEqual(q.log, ['start', ['fail', '写入失败']]);
    assert.deepEqual([q.button.disabled, q.where.button.disabled, q.button.textContent], [false, false, '导出交换文件']);
  });

  test('the view left meanwhile: no write, no failure shown, the buttons are not touched', async () => {
    let release;
    const p = page({ busyText: '正在导出…', resolve: () => new Promise((r) => { release = r; }) });
    const running = p.run();
    p.leave();
    release('D:\\a.zip');
    await running;
    assert.deepEqual(p.log, ['start']);
    assert.deepEqual([p.button.disabled, p.where.button.disabled, p.button.textContent], [true, true, '正在导出…']);

    let reject;
    const q = page({ resolve: () => new Promise((_, r) => { reject = r; }) });
    const failing = q.run();
    q.leave();
    reject(new Error('x'));
    await failing;
    assert.deepEqual(q.log, ['start']);
  });
});

describe('resolveSavePath checks a typed path before the work (probe AO)', () => {
  domPerTest();
  /** An api whose check answers `exists` (or throws it) and records its calls. */
  const checking = (exists) => {
    const calls = [];
    return {
      calls,
      async checkSavePath(path, kind) {
        calls.push([path, kind]);
        if (exists instanceof Error || (exists && typeof exists === 'object')) throw exists;
        return exists;
      },
      async chooseSaveFile() { return 'D:\\台账\\选的.xlsx'; },
    };
  };

  test('a free path goes through, checked as its kind', async () => {
    const api = checking(false);
    assert.equal(await resolveSavePath(api, { value: 'D:\\a.zip' }, { ...WHERE, kind: 'zip' }), 'D:\\a.zip');
    assert.deepEqual(api.calls, [['D:\\a.zip', 'zip']]);
    assert.equal(document.querySelector('#confirm-dialog'), null);
  });

  test('a file already there is replaced only when the clerk says so', async () => {
    for (const [button, want] of [['#confirm-cancel', ''], ['#confirm-ok', 'D:\\台账\\名单.xlsx']]) {
      const answer = resolveSavePath(checking(true), { value: 'D:\\台账\\名单.xlsx' }, WHERE);
      await settle();
      assert.equal(textOf(document.querySelector('#confirm-title')), '替换已有文件？');
      assert.match(textOf(document.querySelector('#confirm-message')), /“名单.xlsx”已经存在。替换后，原来的内容就没有了/);
      await dispatch(document.querySelector(button), 'click');
      assert.equal(await answer, want);
    }
  });

  test('a refused path rejects as the command does; one picked in the system dialog is not asked again', async () => {
    const refusal = { kind: 'validation', field: 'path', message: '请写出完整的保存位置' };
    await assert.rejects(resolveSavePath(checking(refusal), { value: '名单.xlsx' }, WHERE), (e) => e === refusal);
    const api = checking(true);
    const input = { value: '' };
    assert.equal(await resolveSavePath(api, input, WHERE), 'D:\\台账\\选的.xlsx');
    assert.equal(await resolveSavePath(api, input, WHERE), 'D:\\台账\\选的.xlsx');
    assert.deepEqual(api.calls, [], 'the system dialog asked');
  });
});
