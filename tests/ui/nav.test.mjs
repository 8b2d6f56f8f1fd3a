// The menu by office level (main.js viewsFor): what a township, a county and a
// city see, in order, with 首页 first.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { viewsFor } from '../../ui/js/main.js';

const ids = (level) => viewsFor(level).map((v) => v.id);
const labels = (level) => viewsFor(level).map((v) => (typeof v.label === 'string' ? v.label : v.label[level]));

describe('menu by office level', () => {
  test('township', () => {
    assert.deepEqual(ids('township'),
      ['dashboard', 'hierarchy', 'people', 'business-grids', 'party', 'cobuild', 'contacts', 'demands', 'jianfu', 'training',
        'tasks', 'assessment', 'report', 'exchange', 'recycle', 'changelog', 'settings']);
    assert.deepEqual(labels('township'),
      ['首页', '组织架构', '人员名单', '多格合一', '党建', '共建', '联系点', '诉求', '减负', '培训', '月调度', '考核', '统计', '上报', '回收站',
        '变更记录', '设置']);
  });
  for (const level of ['county', 'city']) {
    test(level, () => {
      assert.deepEqual(ids(level),
        ['dashboard', 'senders', 'exchange', 'report', 'assessment', 'hierarchy', 'people', 'party', 'cobuild', 'contacts',
          'demands', 'tasks', 'recycle', 'changelog', 'settings']);
      assert.deepEqual(labels(level),
        ['首页', '报送情况', '接收与上报', '统计', '考核', '组织架构', '人员名单', '党建', '共建', '联系点', '诉求', '月调度', '回收站', '变更记录',
          '设置']);
    });
  }
  test('an unknown level gets the township menu', () => {
    assert.deepEqual(ids(undefined), ids('township'));
  });
  test('every view has a mount function', () => {
    for (const level of ['township', 'county', 'city']) {
      for (const v of viewsFor(level)) assert.equal(typeof v.mount, 'function', `${level}: ${v.id}`);
    }
  });
});
