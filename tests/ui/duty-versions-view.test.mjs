// 减负 › 清单版本 (issue 15 item 1): the diff rows and texts, and the screen in the fake
// DOM (each list's current version and pending changes, publishing, a version read
// with its diff from the one before, the printable catalogue).
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, domPerTest, newHost } from './dom-env.mjs';
import { changesText, currentText, diffRows, parsePublishForm, pendingText } from '../../ui/js/logic/duty-versions.js';
import { mountDutyVersions } from '../../ui/js/views/duty-versions.js';

const DIFF = {
  added: [{ number: '4', name: '养老服务' }],
  removed: [{ number: '2', name: '森林防火' }],
  reworded: [{ before: { number: '3', name: '环境卫生整治' }, after: { number: '3', name: '人居环境整治' }, changed: ['事项名称'] }],
  unchanged: 1,
};
const EMPTY = { added: [], removed: [], reworded: [], unchanged: 0 };
const VERSIONS = [
  { id: 'v2', list: 'basic', listLabel: '基本履职事项', version: '2026版', publishedOn: '2026-03-01', items: 3, current: true, changes: { added: 1, removed: 1, reworded: 1 } },
  { id: 'v1', list: 'basic', listLabel: '基本履职事项', version: '2025版', publishedOn: '2025-03-01', items: 3, current: false, changes: null },
];

describe('清单版本 logic', () => {
  test('diff rows, texts and the publish form', () => {
    assert.deepEqual(diffRows(DIFF).map((r) => [r.label, r.item]), [['新增', '4. 养老服务'], ['删除', '2. 森林防火'], ['表述修改', '3. 人居环境整治']]);
    assert.match(diffRows(DIFF)[2].detail, /原为“环境卫生整治”/);
    assert.equal(changesText({ added: 1, removed: 0, reworded: 2 }), '新增 1 项、删除 0 项、表述修改 2 项');
    assert.equal(currentText(VERSIONS, 'basic'), '当前版本 2026版（2026-03-01 发布，3 项）');
    assert.equal(currentText(VERSIONS, 'assisting'), '尚未发布版本');
    assert.equal(parsePublishForm({ list: 'basic', version: ' ' }).error.field, 'version');
    assert.equal(parsePublishForm({ list: 'basic', version: '1', publishedOn: '' }).error.field, 'publishedOn');
    // The date is typed as a clerk types it, and tidied; a wrong one says how to write it.
    assert.equal(parsePublishForm({ list: 'basic', version: '1', publishedOn: '2026/3/1' }).input.publishedOn, '2026-03-01');
    const wrong = parsePublishForm({ list: 'basic', version: '1', publishedOn: '2026-02-30' });
    assert.deepEqual([wrong.ok, wrong.error.field], [false, 'publishedOn']);
    assert.match(wrong.error.message, /发布日期“2026-02-30”不是日历上的日子/);
  });

  test('what publishing would do: against the current version, or the first one', () => {
    const three = { added: [{}, {}, {}], removed: [], reworded: [] };
    assert.equal(pendingText(VERSIONS, 'basic', DIFF), '与当前版本相比：新增 1 项、删除 1 项、表述修改 1 项');
    assert.equal(pendingText(VERSIONS, 'basic', EMPTY), '与当前版本相同。');
    assert.equal(pendingText(VERSIONS, 'assisting', three), '首次发布将收入 3 项。', 'no current version to compare with');
    assert.equal(pendingText([], 'basic', EMPTY), '清单里还没有事项。');
  });
});

describe('减负 › 清单版本 screen', () => {
  domPerTest();

  test('current versions, pending changes, publishing, reading a version and the catalogue', async () => {
    const versions = VERSIONS.map((v) => ({ ...v }));
    const api = fakeApi({
      listDutyListVersions: async () => versions,
      pendingDutyListChanges: async (list) => (list === 'basic' ? DIFF : EMPTY),
      publishDutyListVersion: async (input) => {
        versions.forEach((v) => { v.current = false; });
        const v = { id: 'v3', list: input.list, listLabel: '基本履职事项', version: input.version, publishedOn: input.publishedOn, items: 3, current: true, changes: { added: 1, removed: 1, reworded: 1 } };
        versions.unshift(v);
        return v;
      },
      dutyListVersion: async (id) => ({ id, items: [{ number: '1', name: '基层党组织建设' }, { number: '4', name: '养老服务' }] }),
      compareDutyListVersions: async () => DIFF,
      dutyCatalogue: async () => [{
        list: 'basic', label: '基本履职事项', version: '2026版', publishedOn: '2026-03-01', published: true, total: 2,
        fields: [{ field: 'party', label: '党的建设', items: [{ number: '1', name: '基层党组织建设', basis: '党章', townshipRole: '抓好党建' }] },
          { field: 'livelihood', label: '民生服务', items: [{ number: '4', name: '养老服务' }] }],
      }],
    });
    const toasts = [];
    const host = newHost();
    const view = mountDutyVersions(host, {
      api, toast: (m) => toasts.push(m), alert() {}, clearAlert() {}, onError() {}, office: { name: '青溪街道' },
    });
    await settle();
    assert.match(textOf(host.querySelector('#duty-current-basic')), /当前版本 2026版/);
    assert.match(textOf(host.querySelector('#duty-pending-basic')), /新增 1 项、删除 1 项、表述修改 1 项/);
    assert.match(textOf(host.querySelector('#duty-pending-assisting')), /^清单里还没有事项。$/, 'no version and nothing to publish');
    assert.equal(host.querySelectorAll('#duty-versions-table tr[data-version-id]').length, 2);

    // Publishing without a 版本号 is refused here; with one it goes to the core.
    await dispatch(host.querySelector('#duty-publish-basic'), 'click');
    await settle();
    assert.equal(api.calls.some(([n]) => n === 'publishDutyListVersion'), false);
    assert.match(textOf(host.querySelector('#duty-publish-basic-error')), /版本号/);
    host.querySelector('#duty-publish-basic-version').value = '2027版';
    host.querySelector('#duty-publish-basic-publishedOn').value = '2027-01-01';
    await dispatch(host.querySelector('#duty-publish-basic'), 'click');
    await settle();
    const [, input] = api.calls.find(([n]) => n === 'publishDutyListVersion');
    assert.deepEqual(input, { list: 'basic', version: '2027版', publishedOn: '2027-01-01', note: '' });
    assert.ok(toasts.some((t) => t.includes('2027版')));
    assert.equal(host.querySelectorAll('#duty-versions-table tr[data-version-id]').length, 3);

    // A version read: its items and its diff from the one before.
    await dispatch(host.querySelector('[data-version-open="v2"]'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'compareDutyListVersions').slice(1), ['v1', 'v2']);
    assert.equal(host.querySelectorAll('#duty-version-diff [data-diff]').length, 3);
    assert.equal(host.querySelectorAll('#duty-version-items li').length, 2);

    // The catalogue, grouped by 领域.
    await dispatch(host.querySelector('#duty-catalogue-open'), 'click');
    await settle();
    const paper = host.querySelector('#duty-catalogue');
    assert.equal(paper.hidden, false);
    assert.match(textOf(paper), /青溪街道履职事项清单目录/);
    assert.deepEqual([...paper.querySelectorAll('.catalogue-field h3')].map(textOf), ['党的建设', '民生服务']);
    assert.match(textOf(paper), /版本：2026版/);
    await dispatch(host.querySelector('#duty-catalogue-back'), 'click');
    assert.equal(paper.hidden, true);
    view.dispose();
  });
});
