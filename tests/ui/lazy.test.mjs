// Issue 13, start-up: main.js reads the views on first use (lazyView), so the window
// starts with the dashboard's modules only.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyView, viewsFor } from '../../ui/js/main.js';

const UI = fileURLToPath(new URL('../../ui', import.meta.url));

/** The modules a file pulls in through static imports (itself included). */
function staticGraph(start) {
  const seen = new Set();
  const stack = [resolve(UI, start)];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      stack.push(resolve(dirname(f), m[1]));
    }
  }
  return [...seen].map((f) => relative(UI, f).split('\\').join('/')).sort();
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('lazyView', () => {
  test('reads the module once, then mounts with the container and props', async () => {
    let loads = 0;
    const calls = [];
    const mount = lazyView(async () => {
      loads += 1;
      return { mountThing: (c, p) => { calls.push([c, p.x]); return () => calls.push('unmounted'); } };
    }, 'mountThing');
    const unmount = mount('host-1', { x: 1 });
    assert.equal(typeof unmount, 'function');
    assert.deepEqual(calls, [], 'mounted once the module has arrived, not before');
    await unmount.ready;
    assert.deepEqual(calls, [['host-1', 1]]);
    unmount();
    assert.deepEqual(calls, [['host-1', 1], 'unmounted']);
    mount('host-2', { x: 2 });
    await tick();
    assert.equal(loads, 1);
    assert.deepEqual(calls.at(-1), ['host-2', 2]);
  });

  test('left before the module arrived: never mounted', async () => {
    let release;
    const gate = new Promise((r) => { release = r; });
    const calls = [];
    const mount = lazyView(() => gate.then(() => ({ mountThing: () => { calls.push('mounted'); } })), 'mountThing');
    const unmount = mount('host', {});
    unmount();
    release();
    await tick();
    assert.deepEqual(calls, []);
  });

  test('a module that fails to load goes to onError and is read again next time', async () => {
    let loads = 0;
    const errors = [];
    const mount = lazyView(async () => {
      loads += 1;
      if (loads === 1) throw new Error('读取失败');
      return { mountThing: () => null };
    }, 'mountThing');
    mount('host', { onError: (e) => errors.push(e.message) });
    await tick();
    assert.deepEqual(errors, ['读取失败']);
    mount('host', { onError: (e) => errors.push(e.message) });
    await tick();
    assert.equal(loads, 2);
    assert.deepEqual(errors, ['读取失败']);
  });

  test('every menu entry of every level resolves to its real mount function', async () => {
    for (const level of ['township', 'county', 'city']) {
      for (const v of viewsFor(level)) {
        assert.equal(typeof v.mount, 'function', `${level}: ${v.id}`);
      }
    }
    // The lazy entries name exports that exist.
    const main = readFileSync(resolve(UI, 'js/main.js'), 'utf8');
    const entries = [...main.matchAll(/lazyView\(\(\) => import\('\.\/([^']+)'\), '([^']+)'\)/g)];
    assert.equal(entries.length, 18);
    for (const [, file, name] of entries) {
      const mod = await import(new URL(`../../ui/js/${file}`, import.meta.url).href);
      assert.equal(typeof mod[name], 'function', `${file} exports ${name}`);
    }
  });
});

describe('start-up reads few modules', () => {
  test('main.js statically imports the dashboard and the shared modules, no other view', () => {
    const graph = staticGraph('js/main.js');
    const views = graph.filter((f) => f.startsWith('js/views/'));
    assert.deepEqual(views, ['js/views/dashboard.js']);
    // 124 modules (962 KB) before views were read on first use.
    assert.ok(graph.length <= 25, `${graph.length} modules at start: ${graph.join(', ')}`);
  });
});
