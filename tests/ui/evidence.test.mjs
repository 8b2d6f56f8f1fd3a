import test from 'node:test';
import './catalog.mjs';
import assert from 'node:assert/strict';
import { fileType, maybePicture, evidenceRow, typedPaths, addedMessage } from '../../ui/js/logic/evidence.js';

test('file types by name, case-insensitive, 文件 for anything else', () => {
  assert.equal(fileType('现场.JPG'), '图片');
  assert.equal(fileType('纪要.docx'), 'Word');
  assert.equal(fileType('签到表.et'), 'Excel');
  assert.equal(fileType('scan.pdf'), 'PDF');
  assert.equal(fileType('录音.m4a'), '录音');
  assert.equal(fileType('noext'), '文件');
  assert.equal(fileType(null), '文件');
  assert.equal(maybePicture('a.webp'), true);
  assert.equal(maybePicture('a.pdf'), false);
});

test('a row shows size, type and whether the file is missing', () => {
  const r = evidenceRow({ hash: 'ab', name: '纪要.pdf', bytes: 2048, missing: true });
  assert.equal(r.type, 'PDF');
  assert.equal(r.missing, true);
  assert.match(r.size, /2(\.0)? KB/);
  assert.equal(evidenceRow({}).name, '');
});

test('typed paths: one per line or ；-separated, quotes off, repeats dropped', () => {
  assert.deepEqual(
    typedPaths(' "C:\\照片\\a.jpg"\r\nC:\\照片\\b.jpg；C:\\照片\\a.jpg\n\n /home/x/c.pdf '),
    ['C:\\照片\\a.jpg', 'C:\\照片\\b.jpg', '/home/x/c.pdf'],
  );
  assert.deepEqual(typedPaths(''), []);
  assert.deepEqual(typedPaths(undefined), []);
});

test('the message after adding names one file or counts several', () => {
  assert.equal(addedMessage(['C:\\a\\现场.jpg']), '已添加附件“现场.jpg”');
  assert.equal(addedMessage(['/x/a.jpg', '/x/b.jpg']), '已添加 2 个附件');
});

// The shared attachments section in the fake DOM: several files picked at once, a
// thumbnail only for pictures, typed paths (one per line), a refusal shown by the
// section, removal asks first.
import { describe } from 'node:test';
import { dispatch, textOf, settle, fakeApi, domPerTest, newHost } from './dom-env.mjs';
import { mountEvidence } from '../../ui/js/views/evidence.js';

describe('附件 section', () => {
  domPerTest();

  test('picks several files, shows thumbnails for pictures, takes typed paths, reports a refusal', async () => {
    let files = [{ hash: 'a1', name: '现场.jpg', bytes: 2048, addedAt: '2026-12-02T08:00:00Z', missing: false }];
    const api = fakeApi({
      listAttachments: async () => files,
      chooseEvidenceFiles: async () => ['/tmp/纪要.docx', '/tmp/签到.png'],
      attachFiles: async (kind, id, paths) => {
        if (paths.some((p) => p.includes('坏'))) throw { kind: 'validation', message: '“/tmp/坏.jpg”不是一个文件。', field: 'path' };
        files = files.concat(paths.map((p, i) => ({ hash: `n${files.length + i}`, name: p.split('/').pop(), bytes: 10, missing: false })));
        return files;
      },
      attachmentThumbnail: async (hash) => (hash === 'a1' ? 'data:image/jpeg;base64,AAAA' : null),
      detachFile: async (kind, id, hash) => { files = files.filter((f) => f.hash !== hash); return files; },
    });
    const toasts = [];
    const changed = [];
    const host = newHost();
    const view = mountEvidence(host, {
      api, toast: (m) => toasts.push(m), onError() {}, kind: 'visits', id: 'v1', prefix: 'visit', title: '走访照片和材料',
      onChanged: (list) => changed.push(list.length),
    });
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'listAttachments').slice(1), ['visits', 'v1']);
    assert.match(textOf(host.querySelector('#visit-evidence-title')), /走访照片和材料（1）/);
    assert.ok(host.querySelector('[data-evidence-hash="a1"] .evidence-thumb img'), 'a picture gets its thumbnail');
    // A picture the window cannot draw shows its type instead of a broken image.
    await dispatch(host.querySelector('[data-evidence-hash="a1"] .evidence-thumb img'), 'error');
    assert.equal(host.querySelector('[data-evidence-hash="a1"] .evidence-thumb img'), null);
    assert.equal(textOf(host.querySelector('[data-evidence-hash="a1"] .evidence-thumb')), '图片');

    await dispatch(host.querySelector('#visit-evidence-pick'), 'click');
    await settle();
    assert.deepEqual(api.calls.find(([n]) => n === 'attachFiles').slice(1), ['visits', 'v1', ['/tmp/纪要.docx', '/tmp/签到.png']]);
    assert.match(textOf(host.querySelector('#visit-evidence-title')), /（3）/);
    assert.equal(toasts.at(-1), '已添加 2 个附件');
    assert.deepEqual(changed, [3]);
    const word = host.querySelector('[data-evidence-hash="n1"] .evidence-thumb');
    assert.equal(textOf(word), 'Word', 'a document shows its type, no thumbnail asked');
    assert.equal(api.calls.filter(([n, h]) => n === 'attachmentThumbnail' && h === 'n1').length, 0);

    // Nothing typed: the section says what to do and calls nothing.
    const before = api.calls.length;
    await dispatch(host.querySelector('#visit-evidence-add'), 'click');
    assert.match(textOf(host.querySelector('#visit-evidence-error')), /每行一个/);
    assert.equal(api.calls.length, before);
    // A refused file: the message stays in the section, nothing added.
    host.querySelector('#visit-evidence-paths').value = '/tmp/坏.jpg\n/tmp/好.jpg';
    await dispatch(host.querySelector('#visit-evidence-add'), 'click');
    await settle();
    assert.match(textOf(host.querySelector('#visit-evidence-error')), /不是一个文件/);
    assert.match(textOf(host.querySelector('#visit-evidence-title')), /（3）/);
    view.destroy();
    assert.equal(host.querySelector('#visit-evidence'), null);
  });
});

import { droppedInside } from '../../ui/js/logic/evidence.js';

test('a drop counts inside the section at the screen’s pixel ratio', () => {
  const rect = { left: 100, right: 300, top: 50, bottom: 150 };
  assert.equal(droppedInside({ x: 400, y: 200 }, rect, 2), true, '200,100 in CSS pixels');
  assert.equal(droppedInside({ x: 400, y: 200 }, rect, 1), false);
  assert.equal(droppedInside({ x: 'a', y: 1 }, rect, 1), false);
  assert.equal(droppedInside({ x: 150, y: 60 }, rect, 0), true, 'a bad ratio counts as 1');
  assert.equal(droppedInside(null, rect), false);
});

describe('附件 section: where the files go', () => {
  domPerTest();

  test('a kind whose files may travel says how; the others say the files stay at the office', async () => {
    const api = fakeApi({ listAttachments: async () => [] });
    const shown = (props) => {
      const root = newHost();
      const s = mountEvidence(root, { api, kind: 'visits', id: 'x', prefix: props.prefix, ...props });
      const text = textOf(root);
      s.destroy();
      return text;
    };
    assert.match(shown({ prefix: 'a' }), /不随交换文件上报/);
    const travelling = shown({ prefix: 'b', kind: 'projects' });
    assert.match(travelling, /同时导出佐证材料/);
    assert.doesNotMatch(travelling, /不随交换文件上报/);
    await settle();
  });
});
