// views/senders/: while there is no expected list, the button 把已报送的单位设为应报名单
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
    const { mountSenders } = await import('../../ui/js/views/senders/index.js');
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
      proposeExpectedOffices: async () => ({ prefix: '320115', levelBelow: 'township', rows: [] }),
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

describe('报送情况 with a list: counts in columns, 加入应报名单, the proposed list, 未报单位', () => {
  test('all of it, in the full fake DOM', async () => {
    const { installDom, dispatch, textOf, settle, fakeApi } = await import('./dom-env.mjs');
    const dom = installDom();
    try {
      const { PACKAGE_KINDS, TABLE_LABELS } = await import('../../ui/js/logic/labels.js');
      PACKAGE_KINDS.splice(0, PACKAGE_KINDS.length, 'units', 'people', 'demands');
      Object.assign(TABLE_LABELS, { units: '组织架构', people: '人员', demands: '诉求' });
      const { mountSenders } = await import('../../ui/js/views/senders/index.js');
      let expected = [{ code: '320115001000', name: '青溪街道' }, { code: '320115002000', name: '桃园镇' }];
      const rows = () => [
        { ...SENT, code: '320115001000', name: '青溪街道', expected: true, counts: { people: 12, units: 3, demands: 0 }, flags: [] },
        ...(expected.some((e) => e.code === '320115002000')
          ? [{
            code: '320115002000', name: '桃园镇', expected: true, sent: false, counts: null, flags: ['never_sent', 'refused_last'],
            lastRefusal: { at: '2026-11-22T02:00:00Z', reason: 'conflict', message: '文件“t.zip”：已经收到过同一次导出，内容却不同。本次没有导入任何内容。' },
            chase: '从未报送；最近一次文件被拒收：与上级已收到的同一次导出内容不同（可能从备份恢复后重新导出过），请再导出一次最新的文件报送。',
          }]
          : []),
        ...(expected.some((e) => e.code === '320115003000') ? [] : [{
          ...SENT, code: '320115003000', name: '柳湾镇', expected: false, counts: { people: 4, units: 1 }, flags: ['unexpected'],
        }]),
      ].map((r) => ({ ...r, expected: expected.some((e) => e.code === r.code) }));
      const api = fakeApi({
        listSenders: async () => ({ lateDays: 31, levelBelow: 'township', hasExpectedList: true, rows: rows() }),
        listReceiptLog: async () => [],
        proposeExpectedOffices: async () => ({
          prefix: '320115', levelBelow: 'township',
          rows: expected.some((e) => e.code === '320115003000') ? [] : [{ code: '320115003000', name: '柳湾镇', source: '已报送' }],
        }),
        setExpectedOffice: async (code, name) => { expected.push({ code, name }); return { code, name }; },
        setExpectedOffices: async (offices) => { expected = [...expected, ...offices]; return offices; },
      });
      const toasts = [];
      const host = document.createElement('div');
      document.body.append(host);
      const printed = [];
      globalThis.print = () => printed.push(document.querySelector('#unsent-print-sheet'));
      const dispose = mountSenders(host, {
        api, toast: (t) => toasts.push(t), alert: (e) => assert.fail(String(e?.message ?? e)), clearAlert() {}, onError() {},
        office: { level: 'county', code: '320115000000', name: '江宁区' },
      });
      await settle();
      // Record counts: one column per kind anyone sent, in the packages' order.
      const heads = Array.from(host.querySelectorAll('#senders-table [data-count-kind]')).map(textOf);
      assert.deepEqual(heads, ['组织架构', '人员']);
      const cells = (code) => Array.from(host.querySelectorAll(`[data-sender-code="${code}"] [data-count]`)).map(textOf);
      assert.deepEqual(cells('320115001000'), ['3', '12']);
      assert.deepEqual(cells('320115002000'), ['—', '—']);
      // A refusal in a line (when, why), its whole message behind it.
      const refusal = host.querySelector('[data-refusal="320115002000"]');
      assert.equal(refusal.tagName, 'DETAILS');
      assert.match(textOf(refusal.querySelector('summary')), /^2026-11-22 10:00 拒收（/);
      assert.doesNotMatch(textOf(refusal.querySelector('summary')), /本次没有导入/);
      assert.match(textOf(refusal.querySelector('p')), /内容却不同/);

      // The proposed list, and a row not on the list offers 加入应报名单.
      assert.equal(host.querySelector('#expected-lines').value, '320115003000 柳湾镇');
      const add = host.querySelector('[data-add-expected="320115003000"]');
      assert.equal(textOf(add), '加入应报名单');
      assert.equal(host.querySelector('[data-add-expected="320115001000"]'), null);

      // 未报单位: print shows who never sent; export is offered.
      assert.equal(host.querySelector('#unsent-print').hidden, false);
      assert.equal(host.querySelector('#unsent-export').hidden, false);
      await dispatch(host.querySelector('#unsent-print'), 'click');
      const sheet = printed[0];
      assert.ok(sheet, 'a sheet was printed');
      assert.equal(textOf(sheet.querySelector('.print-sheet-title')), '江宁区未报单位名单');
      assert.ok(sheet.querySelector('[data-unsent="320115002000"]'));
      assert.equal(sheet.querySelector('[data-unsent="320115001000"]'), null);
      assert.ok(textOf(sheet).includes('从未报送'));
      // The whole table goes to Excel too (probe AO: only the 未报).
      await dispatch(host.querySelector('#senders-export'), 'click');
      assert.match(textOf(document.querySelector('#export-dialog')), /导出报送情况表：每个应报或报送过的单位一行/);
      await dispatch(document.querySelector('#export-cancel'), 'click');

      await dispatch(add, 'click');
      await settle();
      assert.deepEqual(api.calls.filter(([n]) => n === 'setExpectedOffice'), [['setExpectedOffice', '320115003000', '柳湾镇']]);
      assert.ok(toasts.includes('已把“柳湾镇”加入应报名单'));
      assert.equal(host.querySelector('[data-add-expected="320115003000"]'), null);

      // The list edited by hand: a short code is completed; a bad line is named and nothing is sent.
      host.querySelector('#expected-lines').value = '004 石门乡\n青山镇';
      await dispatch(host.querySelector('#expected-lines'), 'input');
      await dispatch(host.querySelector('#expected-lines-save'), 'click');
      await settle();
      assert.equal(api.calls.filter(([n]) => n === 'setExpectedOffices').length, 0);
      assert.match(textOf(host.querySelector('#expected-lines-error')), /第 2 行：没有区划代码/);
      host.querySelector('#expected-lines').value = '004 石门乡';
      await dispatch(host.querySelector('#expected-lines-save'), 'click');
      await settle();
      assert.deepEqual(api.calls.filter(([n]) => n === 'setExpectedOffices'),
        [['setExpectedOffices', [{ code: '320115004000', name: '石门乡' }]]]);
      assert.ok(toasts.includes('已加入应报名单：1 个单位'));
      dispose();

      // At a city: a county's file that lacks some of its townships says which.
      const cityApi = fakeApi({
        listSenders: async () => ({
          lateDays: 31, levelBelow: 'county', hasExpectedList: true,
          flagLabels: [['never_sent', '从未报送'], ['below_missing', '下级未报齐'], ['below_late', '下级有逾期']],
          rows: [{
            ...SENT, code: '320115000000', name: '江宁区', expected: true, flags: ['below_missing'],
            below: { expected: 2, sent: 1, missing: [{ code: '320115102000', name: '秣陵街道' }],
              said: '应报下级 2 个，文件里有 1 个；未报：秣陵街道（320115102000）。' },
          }, {
            // A fresh county file carrying a township's file 70 days old (probe AK).
            ...SENT, code: '320111000000', name: '浦口区', expected: true, flags: ['below_late'],
            below: { expected: 2, sent: 2, missing: [], said: '应报下级 2 个，文件里都有。' },
            belowNotes: ['下级逾期：桥林街道（导出于 2026-09-28，70 天前）。它的数只到导出那天，请提醒它向县/区重新报送。'],
            inside: [
              { code: '320111101000', name: '江浦街道', exportedAt: '2026-12-06T02:00:00Z', formatText: '2.18' },
              { code: '320111102000', name: '桥林街道', exportedAt: '2026-09-28T02:00:00Z', formatText: '' },
            ],
          }],
        }),
        listReceiptLog: async () => [],
        proposeExpectedOffices: async () => ({ prefix: '3201', levelBelow: 'county', rows: [] }),
      });
      const cityHost = document.createElement('div');
      document.body.append(cityHost);
      const disposeCity = mountSenders(cityHost, {
        api: cityApi, toast() {}, alert: (e) => assert.fail(String(e?.message ?? e)), clearAlert() {}, onError() {},
        office: { level: 'city', code: '320100000000', name: '南京市' },
      });
      await settle();
      const county = cityHost.querySelector('[data-sender-code="320115000000"]');
      assert.equal(textOf(county.querySelector('[data-flag="below_missing"]')), '下级未报齐');
      assert.ok(county.querySelector('[data-flag="below_missing"]').className.includes('flag-warn'));
      assert.equal(textOf(county.querySelector('[data-below="320115000000"]')),
        '应报下级 2 个，文件里有 1 个；未报：秣陵街道（320115102000）。');
      const pukou = cityHost.querySelector('[data-sender-code="320111000000"]');
      assert.equal(textOf(pukou.querySelector('[data-flag="below_late"]')), '下级有逾期');
      assert.ok(pukou.querySelector('[data-below="320111000000"]').className.includes('is-ok'), 'all in: not in the warning colour');
      assert.match(textOf(pukou.querySelector('[data-below-note="320111000000"]')), /^下级逾期：桥林街道（导出于 2026-09-28，70 天前）/);
      assert.match(textOf(cityHost), /1 个单位的文件里有逾期的下级/);
      const inside = pukou.querySelector('[data-inside="320111000000"]');
      assert.equal(textOf(inside.querySelector('summary')), '文件里的下级（2 个）');
      assert.deepEqual([...inside.querySelectorAll('li')].map(textOf), ['江浦街道 · 2026-12-06 导出 · 2.18 格式', '桥林街道 · 2026-09-28 导出']);
      disposeCity();
    } finally {
      delete globalThis.print;
      dom.cleanup();
    }
  });
});

describe('报送情况 parts (views/senders/)', () => {
  let dom;
  let env;
  before(async () => { env = await import('./dom-env.mjs'); });
  const start = () => { dom = env.installDom(); };
  const stop = () => dom?.cleanup();

  test('接收记录 pages on, says when there are no more, and drops an older answer', async () => {
    start();
    try {
      const { dispatch, textOf, settle, fakeApi } = env;
      const { receiptLog, LOG_PAGE_SIZE } = await import('../../ui/js/views/senders/receipt-log.js');
      const row = (seq) => ({ seq, at: '2026-11-21T03:00:00Z', fileName: `f${seq}.zip`, senderName: '青溪街道', sequence: 1, outcome: 'received', message: '' });
      const api = fakeApi({
        listReceiptLog: async ({ offset }) => (offset === 0
          ? Array.from({ length: LOG_PAGE_SIZE }, (_, i) => row(i + 1))
          : []),
      });
      const log = receiptLog({ api, fail: (e) => assert.fail(String(e)), gone: () => false });
      document.body.append(log.el);
      await log.load(0);
      const prev = log.el.querySelector('#receipt-log-prev');
      const next = log.el.querySelector('#receipt-log-next');
      assert.equal(log.el.querySelectorAll('#receipt-log tr[data-seq]').length, LOG_PAGE_SIZE);
      assert.equal(textOf(log.el.querySelector('#receipt-log-page')), `第 1 页 · 第 1–${LOG_PAGE_SIZE} 条`);
      assert.equal(prev.disabled, true);
      assert.equal(next.disabled, false, 'a full page: there may be more');
      await dispatch(next, 'click');
      await settle();
      assert.deepEqual(api.calls.map(([, q]) => q.offset), [0, LOG_PAGE_SIZE]);
      assert.equal(textOf(log.el.querySelector('#receipt-log-page')), '第 1 页 · 没有更多记录了');
      assert.equal(log.el.querySelectorAll('#receipt-log tr[data-seq]').length, LOG_PAGE_SIZE, 'the first page stays');

      // Two loads at once: an older answer arriving last is not drawn.
      let release;
      let asked = 0;
      const slow = fakeApi({
        listReceiptLog: () => {
          asked += 1;
          return asked === 1 ? new Promise((r) => { release = () => r([row(7)]); }) : Promise.resolve([row(8)]);
        },
      });
      const log2 = receiptLog({ api: slow, fail: () => {}, gone: () => false });
      const older = log2.load(0);
      await log2.load(0);
      release();
      await older;
      assert.deepEqual([...log2.el.querySelectorAll('#receipt-log tr[data-seq]')].map((r) => r.getAttribute('data-seq')), ['8']);
    } finally { stop(); }
  });

  test('逾期天数 and 添加应报单位: a bad value is named, a good one saved and the senders read again', async () => {
    start();
    try {
      const { dispatch, textOf, settle, fakeApi } = env;
      const { sendersSettings } = await import('../../ui/js/views/senders/settings.js');
      const api = fakeApi({
        setLateDays: async (days) => days,
        setExpectedOffice: async (code, name) => ({ code, name }),
      });
      const toasts = [];
      let reloads = 0;
      const part = sendersSettings({
        api, toast: (t) => toasts.push(t), alert: (m) => assert.fail(m), clearAlert() {}, onError() {},
        gone: () => false, reload: async () => { reloads += 1; },
      });
      document.body.append(part.el);
      const late = part.el.querySelector('#late-days');
      part.update({ lateDays: 31 });
      assert.equal(late.value, '31');
      // The saved value does not overwrite the box the clerk is typing in.
      late.focus();
      late.value = '4';
      part.update({ lateDays: 31 });
      assert.equal(late.value, '4');
      late.value = '0';
      await dispatch(part.el.querySelector('#late-days-save'), 'click');
      assert.equal(part.el.querySelector('#late-days-error').hidden, false);
      assert.ok(textOf(part.el.querySelector('#late-days-error')).length > 0);
      assert.equal(api.calls.length, 0);
      late.value = '45';
      await dispatch(part.el.querySelector('#late-days-save'), 'click');
      await settle();
      assert.deepEqual(api.calls, [['setLateDays', 45]]);
      assert.equal(part.el.querySelector('#late-days-error').hidden, true);
      assert.deepEqual(toasts, ['已设置：导出日期超过 45 天算逾期']);
      assert.equal(reloads, 1);

      // 添加 with both boxes empty: both are said at once, the code box focused; the
      // name's message goes as the name is typed.
      await dispatch(part.el.querySelector('#expected-form'), 'submit');
      assert.equal(part.el.querySelector('#expected-code-error').hidden, false);
      assert.equal(part.el.querySelector('#expected-name-error').hidden, false);
      assert.equal(document.activeElement, part.el.querySelector('#expected-code'));
      part.el.querySelector('#expected-name').value = '石门乡';
      await dispatch(part.el.querySelector('#expected-name'), 'input');
      assert.equal(part.el.querySelector('#expected-name-error').hidden, true);
      // 添加: the code is asked for first; once added the boxes are empty again.
      await dispatch(part.el.querySelector('#expected-form'), 'submit');
      assert.equal(part.el.querySelector('#expected-code-error').hidden, false);
      part.el.querySelector('#expected-code').value = '320115004000';
      await dispatch(part.el.querySelector('#expected-form'), 'submit');
      await settle();
      assert.deepEqual(api.calls.at(-1), ['setExpectedOffice', '320115004000', '石门乡']);
      assert.equal(part.el.querySelector('#expected-code').value, '');
      assert.equal(part.el.querySelector('#expected-name').value, '');
      assert.equal(reloads, 2);
    } finally { stop(); }
  });

  test('the proposed list is not written over what the clerk typed until 重新按收到的文件提议', async () => {
    start();
    try {
      const { dispatch, textOf, settle, fakeApi } = env;
      const { expectedLinesCard } = await import('../../ui/js/views/senders/lines.js');
      const api = fakeApi({
        proposeExpectedOffices: async () => ({ prefix: '320115', rows: [{ code: '320115003000', name: '柳湾镇' }] }),
      });
      const card = expectedLinesCard({
        api, toast() {}, alert() {}, clearAlert() {}, onError() {}, fail: (e) => assert.fail(String(e)), gone: () => false, reload: async () => {},
      });
      document.body.append(card.el);
      await card.load();
      const box = card.el.querySelector('#expected-lines');
      assert.equal(box.value, '320115003000 柳湾镇');
      assert.match(textOf(card.el.querySelector('#expected-lines-hint')), /1 个单位.*320115/);
      box.value = '004 石门乡';
      await dispatch(box, 'input');
      await card.load();
      assert.equal(box.value, '004 石门乡', 'typed lines kept');
      await dispatch(card.el.querySelector('#expected-lines-propose'), 'click');
      await settle();
      assert.equal(box.value, '320115003000 柳湾镇');
      assert.equal(textOf(card.el.querySelector('#expected-lines-title')), '应报名单（按收到的文件提议）');
    } finally { stop(); }
  });

  // Nothing to propose: the card is where offices are typed in, named so (a reviewer
  // saw 按收到的文件提议 over an empty box and a button that proposed nothing).
  test('with nothing to propose the card is 加入应报名单, without 重新按收到的文件提议', async () => {
    start();
    try {
      const { textOf, fakeApi } = env;
      const { expectedLinesCard } = await import('../../ui/js/views/senders/lines.js');
      const api = fakeApi({ proposeExpectedOffices: async () => ({ prefix: '320115', rows: [] }) });
      const card = expectedLinesCard({
        api, toast() {}, alert() {}, clearAlert() {}, onError() {}, fail: (e) => assert.fail(String(e)), gone: () => false, reload: async () => {},
      });
      document.body.append(card.el);
      await card.load();
      assert.equal(textOf(card.el.querySelector('#expected-lines-title')), '加入应报名单');
      assert.equal(card.el.querySelector('#expected-lines-propose').hidden, true);
    } finally { stop(); }
  });
});
