// 预览 of an attachment: the pure parts (logic/preview.js) and the dialog in the fake
// DOM through the 附件 section, with a stand-in for PDF.js (the real one runs in the
// end-to-end test): a 预览 button for PDFs and pictures only, pages 1..N with
// 上一页/下一页 and the keys, Esc closes, a damaged PDF says so in Chinese.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  previewKind, asBytes, fitScale, zoomText, pixelScale, pageLabel, pageForKey, pdfProblem, imageMime, dataUrl, fromBase64,
} from '../../ui/js/logic/preview.js';
import { dispatch, key, textOf, settle, fakeApi, domPerTest, newHost } from './dom-env.mjs';
import { mountEvidence } from '../../ui/js/views/evidence.js';

test('only PDFs and pictures open in the preview', () => {
  assert.equal(previewKind('会议纪要.PDF'), 'pdf');
  assert.equal(previewKind('现场.jpeg'), 'image');
  assert.equal(previewKind('纪要.docx'), null);
  assert.equal(previewKind('台账.xlsx'), null);
  assert.equal(previewKind(undefined), null);
});

test('bytes from the command in any shape, else null', () => {
  assert.deepEqual([...asBytes(new Uint8Array([1, 2, 3]).buffer)], [1, 2, 3]);
  const big = new Uint8Array([9, 8, 7, 6]);
  assert.deepEqual([...asBytes(big.subarray(1, 3))], [8, 7]);
  assert.deepEqual([...asBytes([37, 80])], [37, 80]);
  assert.equal(asBytes([1, 300]), null);
  assert.equal(asBytes('%PDF'), null);
  assert.equal(asBytes(null), null);
});

test('a page fits whole in the stage; the canvas is sharp but bounded', () => {
  // A4 portrait (595×842 pt) in a 1000×700 stage: the height decides, 700/842.
  assert.equal(fitScale(595, 842, 1000, 700), 700 / 842);
  // Landscape in the same stage: still the height, 700/595 (1.176 < 1000/842 = 1.188);
  // in a 1000×800 stage the width decides, 1000/842.
  assert.equal(fitScale(842, 595, 1000, 700), 700 / 595);
  assert.equal(fitScale(842, 595, 1000, 800), 1000 / 842);
  // An unmeasured stage counts as 800×600.
  assert.equal(fitScale(595, 842, 0, undefined), 600 / 842);
  assert.equal(fitScale(0, 842, 1000, 700), 1);
  // 适合宽度: A4 as wide as the 1000 px stage, 1000/595 (taller than the stage).
  assert.equal(fitScale(595, 842, 1000, 700, 'width'), 1000 / 595);
  assert.equal(zoomText('page'), '适合宽度');
  assert.equal(zoomText('width'), '整页显示');
  assert.equal(pixelScale(0.5, 2, 595, 842), 1);
  assert.equal(pixelScale(0.5, undefined, 595, 842), 0.5);
  // 10× on a 2× screen of an A4 page would be 16840 px tall: held to 4096.
  assert.equal(pixelScale(10, 2, 595, 842), 4096 / 842);
});

test('page counter and keys', () => {
  assert.equal(pageLabel(2, 7), '第 2 / 7 页');
  assert.equal(pageForKey('ArrowRight', 1, 3), 2);
  assert.equal(pageForKey('PageDown', 3, 3), null, 'already on the last page');
  assert.equal(pageForKey('ArrowLeft', 1, 3), null);
  assert.equal(pageForKey('PageUp', 3, 3), 2);
  assert.equal(pageForKey('End', 1, 3), 3);
  assert.equal(pageForKey('Home', 3, 3), 1);
  assert.equal(pageForKey('a', 1, 3), null);
});

test('PDF.js failures in Chinese, by the exception name', () => {
  assert.match(pdfProblem({ name: 'InvalidPDFException', message: 'Invalid PDF structure.' }), /^这个 PDF 文件已损坏或不是 PDF，无法预览。/);
  assert.match(pdfProblem({ name: 'PasswordException' }), /密码/);
  assert.match(pdfProblem(new Error('x')), /没能显示/);
  assert.equal(pdfProblem({ name: 'Timeout' }), '这个 PDF 打开太久没有完成（文件很大或很复杂）。请关闭后再试，或点“打开”用电脑上的程序查看。');
  for (const m of [pdfProblem(null), pdfProblem({ name: 'PasswordException' })]) assert.match(m, /点“打开”/);
});

test('pictures by content, as data: URLs', () => {
  assert.equal(imageMime(new Uint8Array([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])), 'image/png');
  assert.equal(imageMime(new Uint8Array([0xFF, 0xD8, 0xFF, 0xE0])), 'image/jpeg');
  assert.equal(imageMime(new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')])), 'image/webp');
  assert.equal(imageMime(new Uint8Array([...Buffer.from('%PDF-1.4')])), null);
  assert.equal(imageMime(new Uint8Array([])), null);
  assert.equal(dataUrl(new Uint8Array([...Buffer.from('Man')]), 'image/png'), 'data:image/png;base64,TWFu');
  // Longer than one chunk of 32 768 bytes: still one correct base64 text.
  const long = new Uint8Array(70000).map((_, i) => i % 256);
  assert.equal(dataUrl(long, 'image/bmp'), `data:image/bmp;base64,${Buffer.from(long).toString('base64')}`);
});

test('base64 back to bytes', () => {
  assert.deepEqual([...fromBase64('TWFu')], [77, 97, 110]);
  assert.deepEqual([...fromBase64('')], []);
});

/** A stand-in for PDF.js: `pages` pages, or a rejection named `fails`. */
function fakePdfjs({ pages = 3, fails = null } = {}) {
  const drawn = [];
  const opened = [];
  return {
    drawn,
    opened,
    getDocument(params) {
      opened.push(params);
      const promise = fails
        ? Promise.reject(Object.assign(new Error('Invalid PDF structure.'), { name: fails }))
        : Promise.resolve({
          numPages: pages,
          async getPage(n) {
            return {
              getViewport: ({ scale }) => ({ width: 595 * scale, height: 842 * scale }),
              render: () => ({ promise: Promise.resolve().then(() => drawn.push(n)), cancel() {} }),
            };
          },
        });
      return { promise, destroy() {} };
    },
  };
}

describe('预览 in the 附件 section', () => {
  domPerTest();

  const files = [
    { hash: 'p1', name: '会议纪要.pdf', bytes: 900, missing: false },
    { hash: 'w1', name: '会议纪要.docx', bytes: 900, missing: false },
    { hash: 'i1', name: '现场.png', bytes: 900, missing: false },
    { hash: 'p2', name: '丢失.pdf', bytes: 900, missing: true },
  ];
  const PNG = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2];
  function mount(pdfjs, bytes = (hash) => (hash === 'i1' ? new Uint8Array(PNG).buffer : new Uint8Array([...Buffer.from('%PDF-1.4')]).buffer)) {
    const api = fakeApi({
      listAttachments: async () => files,
      attachmentThumbnail: async () => null,
      attachmentBytes: async (hash) => bytes(hash),
      openAttachment: async () => null,
    });
    const host = newHost();
    mountEvidence(host, { api, kind: 'joint_meetings', id: 'm1', prefix: 'meeting', onError() {}, loadPdf: async () => pdfjs });
    return { api, host };
  }

  test('a 预览 button for a PDF and a picture, not for a Word file; none usable for a missing file', async () => {
    const { host } = mount(fakePdfjs());
    await settle();
    assert.ok(host.querySelector('[data-evidence-preview="p1"]'), '.pdf');
    assert.ok(host.querySelector('[data-evidence-preview="i1"]'), '.png');
    assert.equal(host.querySelector('[data-evidence-preview="w1"]'), null, '.docx');
    assert.equal(textOf(host.querySelector('[data-evidence-preview="p1"]')), '预览');
    assert.equal(host.querySelector('[data-evidence-preview="p2"]').disabled, true);
  });

  test('pages with 上一页/下一页 and keys; Esc closes', async () => {
    const pdfjs = fakePdfjs({ pages: 3 });
    const { api, host } = mount(pdfjs);
    await settle();
    await dispatch(host.querySelector('[data-evidence-preview="p1"]'), 'click');
    await settle(10);
    assert.deepEqual(api.calls.filter(([n]) => n === 'attachmentBytes'), [['attachmentBytes', 'p1']]);
    const dlg = document.querySelector('#attachment-preview');
    assert.ok(dlg?.open, 'the dialog is open');
    assert.equal(textOf(dlg.querySelector('#attachment-preview-title')), '预览：会议纪要.pdf');
    assert.equal(pdfjs.opened[0].isEvalSupported, false, 'no eval under the CSP');
    // Predefined CMaps come from the bundled module, not fetched (the CSP allows the IPC only).
    const cmaps = new pdfjs.opened[0].CMapReaderFactory({ baseUrl: null, isCompressed: true });
    const { cMapData, isCompressed } = await cmaps.fetch({ name: 'UniGB-UCS2-H' });
    assert.equal(isCompressed, true);
    assert.ok(cMapData instanceof Uint8Array && cMapData.length === 43366, `UniGB-UCS2-H.bcmap is 43 366 bytes: ${cMapData.length}`);
    await assert.rejects(cmaps.fetch({ name: '../../js/main' }), /not bundled/);
    assert.equal(textOf(dlg.querySelector('#preview-page')), '第 1 / 3 页');
    assert.deepEqual(pdfjs.drawn, [1]);
    assert.equal(dlg.querySelector('#preview-canvas').hidden, false);
    assert.equal(dlg.querySelector('#preview-canvas').getAttribute('data-drawn-page'), '1');
    // 800×600 stage (not measured here): the page is drawn 600 px tall.
    assert.equal(dlg.querySelector('#preview-canvas').height, 600);
    assert.equal(dlg.querySelector('#preview-prev').disabled, true);
    await dispatch(dlg.querySelector('#preview-next'), 'click');
    await settle(10);
    assert.equal(textOf(dlg.querySelector('#preview-page')), '第 2 / 3 页');
    assert.equal(dlg.querySelector('#preview-prev').disabled, false);
    await key(dlg, 'End');
    await settle(10);
    assert.equal(textOf(dlg.querySelector('#preview-page')), '第 3 / 3 页');
    assert.equal(dlg.querySelector('#preview-next').disabled, true);
    await dispatch(dlg.querySelector('#preview-prev'), 'click');
    await settle(10);
    assert.deepEqual(pdfjs.drawn, [1, 2, 3, 2]);
    // 适合宽度: page 2 again, 800 px wide (the unmeasured stage) and taller: 800/595 × 842.
    await dispatch(dlg.querySelector('#preview-zoom'), 'click');
    await settle(10);
    assert.deepEqual(pdfjs.drawn, [1, 2, 3, 2, 2]);
    assert.equal(dlg.querySelector('#preview-canvas').width, 800);
    assert.equal(dlg.querySelector('#preview-canvas').height, Math.floor(842 * (800 / 595)));
    assert.equal(textOf(dlg.querySelector('#preview-zoom')), '整页显示');
    assert.ok(dlg.querySelector('#preview-stage').classList.contains('is-fit-width'));
    await key(dlg, 'Escape');
    assert.equal(document.querySelector('#attachment-preview'), null, 'Esc closed it');
  });

  test('a damaged PDF: a Chinese message, no page', async () => {
    const { api, host } = mount(fakePdfjs({ fails: 'InvalidPDFException' }));
    await settle();
    await dispatch(host.querySelector('[data-evidence-preview="p1"]'), 'click');
    await settle(10);
    const dlg = document.querySelector('#attachment-preview');
    assert.match(textOf(dlg.querySelector('#preview-error')), /这个 PDF 文件已损坏或不是 PDF，无法预览/);
    assert.equal(dlg.querySelector('#preview-error').hidden, false);
    assert.equal(dlg.querySelector('#preview-stage').hidden, true, 'no empty page area');
    assert.equal(dlg.querySelector('.preview-nav').hidden, true, 'no page buttons');
    // 打开 hands the file to the system's viewer, as the message says.
    await dispatch(dlg.querySelector('#preview-open'), 'click');
    assert.deepEqual(api.calls.filter(([n]) => n === 'openAttachment'), [['openAttachment', 'p1']]);
    await dispatch(dlg.querySelector('#preview-close'), 'click');
    assert.equal(document.querySelector('#attachment-preview'), null, '关闭');
  });

  test('a refusal of the command (over 50 MB) shows its message; a picture opens larger', async () => {
    const { host } = mount(fakePdfjs(), (hash) => {
      if (hash === 'p1') throw { kind: 'refused', message: '这个附件有 60 MB，超过 50 MB，不能在软件里预览。' };
      return new Uint8Array(PNG).buffer;
    });
    await settle();
    await dispatch(host.querySelector('[data-evidence-preview="p1"]'), 'click');
    await settle(10);
    assert.match(textOf(document.querySelector('#preview-error')), /超过 50 MB/);
    assert.equal(document.querySelector('#preview-stage').hidden, true);
    await dispatch(document.querySelector('#preview-close'), 'click');

    await dispatch(host.querySelector('[data-evidence-preview="i1"]'), 'click');
    await settle(10);
    const dlg = document.querySelector('#attachment-preview');
    const img = dlg.querySelector('#preview-image');
    assert.equal(img.hidden, false);
    assert.equal(img.getAttribute('src'), `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    assert.equal(dlg.querySelector('.preview-nav').hidden, true, 'no pages for a picture');
  });
});
