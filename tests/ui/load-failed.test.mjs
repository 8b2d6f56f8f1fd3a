// dom.js loadFailed(): a list that did not load keeps what it showed, and an empty
// one says so (委员会, 跟进事项, 覆盖, 报送情况, 接收记录, 变更记录 … all go through it).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { all, textOf, newHost, domPerTest } from './dom-env.mjs';
import { h, loadFailed } from '../../ui/js/dom.js';

describe('loadFailed()', () => {
  domPerTest();

  test('an empty host (or one still saying 正在加载…) gets the empty-state line', () => {
    const host = newHost();
    host.append(h('p', { class: 'loading' }, '正在加载…'));
    loadFailed(host, '跟进事项没有加载成功。');
    assert.deepEqual(all(host, 'p').map((p) => [p.className, textOf(p)]), [['empty-state', '跟进事项没有加载成功。']]);
  });

  test('a table shown from the last answer stays as it was', () => {
    const host = newHost();
    const table = h('table', {}, h('tbody', {}, h('tr', {}, h('td', {}, '青溪社区'))));
    host.append(table);
    loadFailed(host, '覆盖情况没有加载成功。');
    assert.equal(host.querySelector('table'), table);
    assert.equal(host.querySelector('.empty-state'), null);
  });

  test('what counts as shown may be named (委员会 shows cards, not a table)', () => {
    const host = newHost();
    host.append(h('table', {}));
    loadFailed(host, '委员会没有加载成功。', '.committee-card');
    assert.equal(textOf(host), '委员会没有加载成功。', 'a table is not a committee card');
    const card = h('div', { class: 'committee-card' }, '大工委');
    host.replaceChildren(card);
    loadFailed(host, '委员会没有加载成功。', '.committee-card');
    assert.equal(textOf(host), '大工委');
  });
});
