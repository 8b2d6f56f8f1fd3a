// ui/js/newest.js: the rule for answers that may arrive late, which every list and
// part that loads again (人员名单, 诉求, 项目, 统计, 首页 …) follows through it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { newest } from '../../ui/js/newest.js';

/** A promise with its resolve and reject at hand, for answers in any order. */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('newest', () => {
  test('the only ask: its answer, with the key counted', async () => {
    const st = { loadToken: 0, disposed: false };
    const got = await newest(st, 'loadToken', async () => ['甲']);
    assert.equal(got.ok, true);
    assert.deepEqual(got.value, ['甲']);
    assert.equal(got.stale(), false);
    assert.equal(st.loadToken, 1);
  });

  test('asks the api at once, before any await (the call order a view makes)', () => {
    const st = { loadToken: 0 };
    const calls = [];
    newest(st, 'loadToken', () => { calls.push('asked'); return Promise.resolve(); });
    calls.push('after');
    assert.deepEqual(calls, ['asked', 'after']);
  });

  test('an older answer arriving last is dropped; the newer one is kept', async () => {
    const st = { loadToken: 0, disposed: false };
    const first = deferred();
    const second = deferred();
    const a = newest(st, 'loadToken', () => first.promise);
    const b = newest(st, 'loadToken', () => second.promise);
    second.resolve('新');
    first.resolve('旧');
    assert.equal(await a, null);
    assert.deepEqual((await b).value, '新');
  });

  test('a failure comes back as the error, unless overtaken', async () => {
    const st = { loadToken: 0, disposed: false };
    const boom = new Error('读取失败');
    const got = await newest(st, 'loadToken', () => Promise.reject(boom));
    assert.equal(got.ok, false);
    assert.equal(got.error, boom);

    const late = deferred();
    const a = newest(st, 'loadToken', () => late.promise);
    await newest(st, 'loadToken', async () => 'ok');
    late.reject(boom);
    assert.equal(await a, null, 'an overtaken failure is not reported');
  });

  test('a call that throws at once is a failure, not an exception', async () => {
    const st = { t: 0 };
    const got = await newest(st, 't', () => { throw new Error('坏参数'); });
    assert.equal(got.ok, false);
    assert.equal(got.error.message, '坏参数');
  });

  test('nothing once the view has gone (st.disposed), answer or failure', async () => {
    const st = { loadToken: 0, disposed: false };
    const answer = deferred();
    const failure = deferred();
    const a = newest(st, 'loadToken', () => answer.promise);
    st.disposed = true;
    answer.resolve('x');
    assert.equal(await a, null);
    const b = newest(st, 'loadToken', () => failure.promise);
    failure.reject(new Error('x'));
    assert.equal(await b, null);
  });

  test('bumping the key elsewhere drops the answer on its way (the drill closed)', async () => {
    const st = { drillToken: 0, disposed: false };
    const answer = deferred();
    const a = newest(st, 'drillToken', () => answer.promise);
    st.drillToken += 1;
    answer.resolve('明细');
    assert.equal(await a, null);
  });

  test('gone() may be the caller’s own; stale() tells later, after the caller’s awaits', async () => {
    const st = { token: 0, destroyed: false };
    const got = await newest(st, 'token', async () => 1, () => st.destroyed);
    assert.equal(got.stale(), false);
    st.destroyed = true;
    assert.equal(got.stale(), true);

    const st2 = { loads: 0, disposed: false };
    const first = await newest(st2, 'loads', async () => 1);
    await newest(st2, 'loads', async () => 2);
    assert.equal(first.stale(), true, 'a newer ask makes the earlier answer stale');
  });
});
