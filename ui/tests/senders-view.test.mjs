// views/senders.js: while there is no expected list, the button 把已报送的单位设为应报名单
// is offered; one click calls expect_received_offices and reloads; once the list
// exists the button is gone. Run against the small fake DOM.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FakeElement, FakeText, fire, find, byId } from './fake-dom.mjs';

class El extends FakeElement {
  contains() { return false; }
  removeAttribute(k) { this.attributes.delete(k); }
  get textContent() { return super.textContent; }
  set textContent(t) { this.childNodes = [new FakeText(String(t))]; }
  querySelector() { return null; }
  focus() {}
}

const tick = () => new Promise((r) => setTimeout(r, 0));

const SENT = {
  code: '320115101000', name: '青溪街道', expected: false, sent: true, sequence: 1,
  exportedAt: '2026-11-20T02:00:00Z', receivedAt: '2026-11-21T03:00:00Z', fileName: 'a.zip',
  daysSinceExport: 3, counts: { units: 1 }, flags: [], lastRefusal: null,
};

describe('报送情况 without an expected list', () => {
  before(() => {
    globalThis.document = {
      createElement: (tag) => new El(tag),
      createTextNode: (text) => new FakeText(text),
      activeElement: null,
    };
  });
  after(() => { delete globalThis.document; });

  test('offers the one click, calls the command, and the button goes once the list exists', async () => {
    const { mountSenders } = await import('../js/views/senders.js');
    let listed = false;
    const calls = [];
    const api = {
      listSenders: async () => {
        calls.push('listSenders');
        return listed
          ? { lateDays: 31, levelBelow: 'township', hasExpectedList: true, rows: [{ ...SENT, expected: true }] }
          : { lateDays: 31, levelBelow: 'township', hasExpectedList: false, rows: [SENT] };
      },
      listReceiptLog: async () => [],
      expectReceivedOffices: async () => {
        calls.push('expectReceivedOffices');
        listed = true;
        return [{ code: SENT.code, name: SENT.name }];
      },
    };
    const toasts = [];
    const container = new El('div');
    const dispose = mountSenders(container, {
      api, toast: (t) => toasts.push(t), alert: (e) => assert.fail(String(e?.message ?? e)), clearAlert() {}, onError() {},
    });
    await tick();
    const btn = byId(container, 'expect-received');
    assert.ok(btn, 'the button is there');
    assert.equal(btn.textContent, '把已报送的单位设为应报名单');
    assert.equal(btn.hidden, false, 'offered while there is no list');
    assert.match(byId(container, 'senders-summary').textContent, /还没有应报名单/);
    assert.equal(find(container, (e) => e.getAttribute('data-flag') === 'unexpected'), null);

    await fire(btn, 'click');
    await tick();
    assert.deepEqual(calls, ['listSenders', 'expectReceivedOffices', 'listSenders']);
    assert.deepEqual(toasts, ['已把 1 个已报送的单位设为应报单位']);
    assert.equal(btn.hidden, true, 'gone once the list exists');
    assert.match(byId(container, 'senders-summary').textContent, /^应报 1 个，已报 1 个/);
    dispose();
  });
});
