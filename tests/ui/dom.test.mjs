// h() against a minimal fake document: proves text goes in as text nodes and
// that the builder refuses inline styles, HTML strings and inline handlers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { h, append, clear, cssEscape, labelled, formField, thead, dateBox, optionNodes } from '../../ui/js/dom.js';
import { FakeText, installFakeDocument } from './fake-dom.mjs';

let uninstall;
before(() => { uninstall = installFakeDocument(); });
after(() => uninstall());

describe('h()', () => {
  test('creates the element with attributes', () => {
    const el = h('input', { id: 'unit-name', name: 'name', type: 'text', 'aria-invalid': 'true' });
    assert.equal(el.tagName, 'INPUT');
    assert.equal(el.getAttribute('id'), 'unit-name');
    assert.equal(el.getAttribute('name'), 'name');
    assert.equal(el.getAttribute('aria-invalid'), 'true');
  });

  const hostile = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '&lt;b&gt;',
    '"><svg onload=alert(1)>',
  ];
  for (const text of hostile) {
    test(`text ${JSON.stringify(text)} becomes one literal text node`, () => {
      const el = h('span', { class: 'node-name' }, text);
      assert.equal(el.childNodes.length, 1);
      assert.ok(el.childNodes[0] instanceof FakeText);
      assert.equal(el.childNodes[0].data, text);
      assert.equal(el.textContent, text);
    });
  }

  test('numbers become text; null, undefined, booleans are skipped; arrays flatten', () => {
    const el = h('p', {}, 'a', 0, null, undefined, false, true, ['b', ['c', null]], 7);
    assert.deepEqual(el.childNodes.map((c) => c.data), ['a', '0', 'b', 'c', '7']);
  });

  test('element children are appended as they are', () => {
    const child = h('b', {}, 'x');
    const el = h('p', null, child);
    assert.equal(el.childNodes[0], child);
  });

  test('class accepts a string or an array with falsy entries', () => {
    assert.equal(h('div', { class: 'a b' }).className, 'a b');
    assert.equal(h('div', { class: ['a', false, null, 'c'] }).className, 'a c');
  });

  test('boolean attributes: true → empty string, false/null → omitted', () => {
    const el = h('button', { disabled: true, hidden: false, title: null, 'aria-expanded': 'false' });
    assert.equal(el.getAttribute('disabled'), '');
    assert.equal(el.getAttribute('hidden'), null);
    assert.equal(el.getAttribute('title'), null);
    assert.equal(el.getAttribute('aria-expanded'), 'false');
  });

  test('value and checked are set as properties', () => {
    const el = h('input', { value: '<b>', checked: true });
    assert.equal(el.value, '<b>');
    assert.equal(el.checked, true);
    assert.equal(el.getAttribute('value'), null);
  });

  test('dataset entries are strings; null entries skipped', () => {
    const el = h('li', { dataset: { id: 5, kind: 'village', skip: null } });
    assert.deepEqual(el.dataset, { id: '5', kind: 'village' });
  });

  test('onX functions become event listeners, not attributes', () => {
    const fn = () => {};
    const el = h('button', { onClick: fn, onKeydown: fn });
    assert.deepEqual(el.listeners.click, [fn]);
    assert.deepEqual(el.listeners.keydown, [fn]);
    assert.equal(el.getAttribute('onClick'), null);
  });

  const refused = [
    ['style', 'color:red'],
    ['innerHTML', '<b>x</b>'],
    ['outerHTML', '<b>x</b>'],
    ['onclick', 'alert(1)'],
    ['onerror', 'alert(1)'],
  ];
  for (const [key, value] of refused) {
    test(`refuses ${key}`, () => {
      assert.throws(() => h('div', { [key]: value }));
    });
  }

  test('onX that is not a function is refused', () => {
    assert.throws(() => h('div', { onClick: 'alert(1)' }));
  });
});

test('append and clear', () => {
  const el = h('ul', {}, 'old');
  clear(el, 'a', ['b']);
  assert.deepEqual(el.childNodes.map((c) => c.data), ['a', 'b']);
  append(el, [null, 'c']);
  assert.equal(el.textContent, 'abc');
  clear(el);
  assert.equal(el.childNodes.length, 0);
});

describe('cssEscape', () => {
  const hadCSS = 'CSS' in globalThis;
  const saved = globalThis.CSS;
  after(() => { if (hadCSS) globalThis.CSS = saved; else delete globalThis.CSS; });

  test('uses CSS.escape when there is one', () => {
    globalThis.CSS = { escape: (s) => `<${s}>` };
    assert.equal(cssEscape('a1'), '<a1>');
    assert.equal(cssEscape(7), '<7>');
  });

  const fallback = [
    ['p1', 'p1'],
    ['a"b', 'a\\"b'],
    ['a\\b', 'a\\\\b'],
    ['"]', '\\"]'],
    [12, '12'],
  ];
  for (const [raw, want] of fallback) {
    test(`without CSS.escape: ${JSON.stringify(raw)} → ${JSON.stringify(want)}`, () => {
      delete globalThis.CSS;
      assert.equal(cssEscape(raw), want);
    });
  }
});

describe('labelled()', () => {
  test('a label.filter-field holding the name (span.filter-label, as text) and then the control', () => {
    const box = h('select', { id: 'x-filter' });
    const el = labelled('<b>村/社区</b>', box);
    assert.equal(el.tagName, 'LABEL');
    assert.equal(el.className, 'filter-field');
    assert.equal(el.childNodes.length, 2);
    const [name, control] = el.childNodes;
    assert.equal(name.tagName, 'SPAN');
    assert.equal(name.className, 'filter-label');
    assert.equal(name.childNodes.length, 1);
    assert.ok(name.childNodes[0] instanceof FakeText);
    assert.equal(name.childNodes[0].textContent, '<b>村/社区</b>');
    assert.equal(control, box);
  });

  test('an extra class goes on the label beside filter-field', () => {
    assert.equal(labelled('专职/兼职', h('select', {}), 'employment-filter').className, 'filter-field employment-filter');
  });
});

describe('formField()', () => {
  test('a label.form-field holding the name (span.field-label, as text) and then the control', () => {
    const box = h('input', { id: 'x-date' });
    const el = formField('<i>日期</i>', box);
    assert.equal(el.tagName, 'LABEL');
    assert.equal(el.className, 'form-field');
    const [name, control] = el.childNodes;
    assert.equal(name.className, 'field-label');
    assert.ok(name.childNodes[0] instanceof FakeText);
    assert.equal(name.textContent, '<i>日期</i>');
    assert.equal(control, box);
  });
});

describe('thead()', () => {
  const cells = (head) => head.childNodes[0].childNodes;
  test('one row, a th scope=col per column, text as text', () => {
    const head = thead('时间', '<b>操作人</b>');
    assert.equal(head.tagName, 'THEAD');
    assert.deepEqual(cells(head).map((c) => [c.tagName, c.getAttribute('scope'), c.textContent]),
      [['TH', 'col', '时间'], ['TH', 'col', '<b>操作人</b>']]);
    assert.ok(cells(head)[1].childNodes[0] instanceof FakeText);
  });
  test('lists are spread, null and false skipped, a ready th kept, attributes passed on', () => {
    const ready = h('th', { class: 'select-all' });
    const head = thead(ready, ['姓名', ['身份']], null, false && '网格', { text: '行号', class: 'cell-num', title: '原表行号' });
    const [first, ...rest] = cells(head);
    assert.equal(first, ready);
    assert.deepEqual(rest.map((c) => c.textContent), ['姓名', '身份', '行号']);
    assert.deepEqual([rest[2].className, rest[2].getAttribute('title'), rest[2].getAttribute('scope')], ['cell-num', '原表行号', 'col']);
  });
  test('a column of buttons is named to screen readers only', () => {
    const [c] = cells(thead({ sr: '操作', class: 'no-print' }));
    assert.equal(c.className, 'no-print');
    assert.equal(c.childNodes[0].className, 'sr-only');
    assert.equal(c.textContent, '操作');
  });
});

describe('dateBox', () => {
  let restore;
  before(() => { restore = installFakeDocument(); });
  after(() => restore());

  test('types a date as 2026-03-01 in a text box, whatever else the view adds', () => {
    const box = dateBox({ id: 'x-date', class: 'input', value: '2026-12-04', placeholder: undefined });
    assert.equal(box.getAttribute('type'), 'text');
    assert.equal(box.className, 'input-date input');
    assert.equal(box.getAttribute('maxlength'), '12');
    assert.equal(box.getAttribute('autocomplete'), 'off');
    assert.equal(box.getAttribute('placeholder'), '如 2026-03-01', 'undefined keeps the default hint');
    assert.equal(box.value, '2026-12-04');
    assert.equal(dateBox({ placeholder: null }).getAttribute('placeholder'), null, 'null takes it away');
    assert.equal(dateBox({ maxlength: '10' }).getAttribute('maxlength'), '10');
  });
});

describe('optionNodes', () => {
  let restore;
  before(() => { restore = installFakeDocument(); });
  after(() => restore());

  test('options that name a group go under one optgroup each run; the others stand alone', () => {
    const nodes = optionNodes([
      { value: 1, label: '李强（副市长）', group: '市领导' },
      { value: 2, label: '何静（党工委副书记）', group: '乡镇/街道领导' },
      { value: 3, label: '王新民', group: '乡镇/街道领导' },
      { value: '', label: '（不限）' },
    ]);
    assert.deepEqual(nodes.map((n) => [n.tagName, n.getAttribute('label'), n.childNodes.length]),
      [['OPTGROUP', '市领导', 1], ['OPTGROUP', '乡镇/街道领导', 2], ['OPTION', null, 1]]);
    assert.equal(nodes[1].childNodes[1].value, '3');
    assert.deepEqual(optionNodes(null), []);
  });
});

