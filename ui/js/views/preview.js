// 预览: one attachment, larger, in a dialog. A PDF is drawn page by page on a canvas
// by PDF.js (ui/vendor/pdfjs, imported only when the first PDF preview opens, so
// start-up never reads it); a picture is shown whole. 上一页/下一页 (or ←/→,
// PageUp/PageDown), 第 n / N 页, 适合宽度/整页显示, 打开 (the system's viewer), 关闭
// (or Esc). The bytes come from attachment_bytes
// (by the file's hash, ≤ 50 MB); nothing is fetched from the network.
import { h } from '../dom.js';
import { openModal, dialogErrors } from '../dialog.js';
import { showMessage } from '../forms.js';
import {
  previewKind, asBytes, fitScale, zoomText, pixelScale, pageLabel, pageForKey, pdfProblem, imageMime, dataUrl, fromBase64,
  OPEN_INSTEAD,
} from '../logic/preview.js';

const PDFJS = '../../vendor/pdfjs/pdf.min.mjs';
const PDFJS_WORKER = '../../vendor/pdfjs/pdf.worker.min.mjs';
const CMAPS_GB = '../../vendor/pdfjs/cmaps-gb.mjs';
let pdfjsLoading = null;
/** A PDF that has not opened by then is reported (a stuck worker must not spin forever). */
const LOAD_TIMEOUT_MS = 60000;

/**
 * PDF.js, imported on first use. Its worker is started here from our own folder
 * (same origin: the CSP's 'self' covers it, no blob: URL); where module workers are
 * missing PDF.js runs on the page instead (slower, same pages).
 */
export function loadPdfjs() {
  if (!pdfjsLoading) {
    pdfjsLoading = import(PDFJS).then((pdfjs) => {
      const src = new URL(PDFJS_WORKER, import.meta.url).href;
      pdfjs.GlobalWorkerOptions.workerSrc = src;
      try {
        if (typeof Worker === 'function') {
          const worker = new Worker(src, { type: 'module' });
          // A worker that cannot start would leave PDF.js waiting: the next preview
          // loads afresh without it (PDF.js then runs on the page).
          worker.addEventListener('error', () => {
            if (pdfjs.GlobalWorkerOptions.workerPort === worker) pdfjs.GlobalWorkerOptions.workerPort = null;
          });
          pdfjs.GlobalWorkerOptions.workerPort = worker;
        }
      } catch {
        pdfjs.GlobalWorkerOptions.workerPort = null;
      }
      // Which PDF.js the window read, and that it read it only now (seen by the e2e test).
      globalThis.document?.documentElement?.setAttribute('data-pdfjs', String(pdfjs.version ?? ''));
      return pdfjs;
    }).catch((e) => {
      pdfjsLoading = null;
      throw e;
    });
  }
  return pdfjsLoading;
}

/**
 * Where PDF.js gets a predefined CMap (a Chinese font the PDF names but does not
 * embed, e.g. STSong-Light with UniGB-UCS2-H): from the bundled module, imported on
 * first need, never fetched (the CSP lets the page connect to the IPC only).
 */
async function bundledCMap({ name }) {
  const { CMAPS } = await import(CMAPS_GB);
  const data = Object.hasOwn(CMAPS, name) ? CMAPS[name] : null;
  if (!data) throw new Error(`CMap ${name} is not bundled`);
  return { cMapData: fromBase64(data), isCompressed: true };
}
class BundledCMaps {}
// PDF.js calls the method by this name (its CMapReaderFactory interface); nothing goes
// to the network.
BundledCMaps.prototype.fetch = bundledCMap;

/** Whether `name` opens in the preview (PDFs and pictures). */
export const canPreview = (name) => previewKind(name) !== null;

/**
 * The 预览 button of one file (`[data-evidence-preview=hash]`), or null for a file
 * that does not preview (Word, Excel, …). Every attachment list uses it.
 * { api, hash, name, missing, onError, loadPdf, before() }
 */
export function previewButton({ api, hash, name, missing = false, onError, loadPdf, before }) {
  if (!canPreview(name)) return null;
  const b = h('button', {
    type: 'button', class: 'btn btn-secondary btn-small', 'data-evidence-preview': hash, disabled: !!missing, 'aria-label': `预览 ${name}`,
  }, '预览');
  b.addEventListener('click', () => {
    before?.();
    openPreview({ api, hash, name, onError, loadPdf });
  });
  return b;
}

/**
 * Opens the preview of the stored file `hash` named `name`.
 * { api, hash, name, onError, loadPdf = loadPdfjs } → { close, done: Promise }
 */
export function openPreview({ api, hash, name, onError, loadPdf = loadPdfjs }) {
  const kind = previewKind(name);
  const status = h('p', { class: 'hint preview-status', id: 'preview-status', role: 'status' }, '正在打开…');
  const error = h('p', { class: 'file-error', id: 'preview-error', role: 'alert', hidden: true });
  const canvas = h('canvas', { id: 'preview-canvas', class: 'preview-page', hidden: true, 'aria-label': `${name} 的页面` });
  const img = h('img', { id: 'preview-image', class: 'preview-page', alt: name, hidden: true });
  const stage = h('div', { class: 'preview-stage', id: 'preview-stage' }, canvas, img, status);
  const prev = h('button', { type: 'button', class: 'btn btn-secondary', id: 'preview-prev', disabled: true }, '上一页');
  const next = h('button', { type: 'button', class: 'btn btn-secondary', id: 'preview-next', disabled: true }, '下一页');
  const page = h('span', { class: 'preview-page-no', id: 'preview-page', 'aria-live': 'polite' });
  const openButton = h('button', {
    type: 'button', class: 'btn btn-secondary preview-open', id: 'preview-open', title: '用电脑上的程序打开这个文件',
  }, '打开');
  const closeButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'preview-close' }, '关闭');
  const zoom = h('button', { type: 'button', class: 'btn btn-secondary', id: 'preview-zoom', disabled: true }, zoomText('page'));
  const nav = h('div', { class: 'preview-nav', hidden: kind !== 'pdf' }, prev, page, next, zoom);
  const content = h('div', { class: 'preview-body' },
    h('div', { class: 'preview-bar' }, nav, openButton, closeButton), error, stage);

  let closed = false;
  let loading = null;
  let doc = null;
  let task = null;
  let pageNo = 0;
  let total = 0;
  let drawing = 0;
  let mode = 'page';

  const { dlg, close } = openModal({
    id: 'attachment-preview', title: `预览：${name}`, className: 'dialog-preview', content,
    onClose() {
      closed = true;
      try { task?.cancel(); } catch { /* already done */ }
      try { loading?.destroy(); } catch { /* already gone */ }
    },
  });
  const commandError = dialogErrors(error, close, onError);
  const fail = (message) => {
    if (closed) return;
    nav.hidden = true;
    stage.hidden = true;
    showMessage(error, message);
  };

  async function show(n) {
    if (!doc || closed || n < 1 || n > total) return;
    if (n !== pageNo) stage.scrollTop = 0;
    pageNo = n;
    page.textContent = pageLabel(pageNo, total);
    prev.disabled = pageNo <= 1;
    next.disabled = pageNo >= total;
    const mine = ++drawing;
    try {
      try { task?.cancel(); } catch { /* already done */ }
      const p = await doc.getPage(pageNo);
      if (closed || mine !== drawing) return;
      const base = p.getViewport({ scale: 1 });
      const css = fitScale(base.width, base.height, stage.clientWidth, stage.clientHeight, mode);
      const viewport = p.getViewport({ scale: pixelScale(css, globalThis.devicePixelRatio, base.width, base.height) });
      canvas.width = Math.max(1, Math.floor(viewport.width));
      canvas.height = Math.max(1, Math.floor(viewport.height));
      task = p.render({ canvasContext: canvas.getContext?.('2d'), viewport });
      await task.promise;
      if (closed || mine !== drawing) return;
      canvas.hidden = false;
      status.hidden = true;
      canvas.setAttribute('data-drawn-page', String(pageNo));
      zoom.disabled = false;
    } catch (e) {
      if (e?.name === 'RenderingCancelledException' || mine !== drawing) return;
      fail(pdfProblem(e));
    }
  }

  prev.addEventListener('click', () => show(pageNo - 1));
  // 适合宽度 ⇄ 整页显示: the same page drawn again at the other size.
  zoom.addEventListener('click', () => {
    mode = mode === 'page' ? 'width' : 'page';
    zoom.textContent = zoomText(mode);
    stage.classList.toggle('is-fit-width', mode === 'width');
    stage.scrollTop = 0;
    show(pageNo);
  });
  next.addEventListener('click', () => show(pageNo + 1));
  closeButton.addEventListener('click', () => close());
  // The file with the system's viewer (what the messages below point to).
  openButton.addEventListener('click', async () => {
    openButton.disabled = true;
    try {
      await api.openAttachment(hash);
    } catch (e) {
      if (!closed) commandError(e);
    } finally {
      openButton.disabled = false;
    }
  });
  dlg.addEventListener('keydown', (e) => {
    if (!doc) return;
    const to = pageForKey(e.key, pageNo, total);
    if (to === null) return;
    e.preventDefault();
    show(to);
  });
  img.addEventListener('error', () => fail(`这张图片已损坏，无法显示。${OPEN_INSTEAD}`));
  img.addEventListener('load', () => { status.hidden = true; });

  async function start() {
    let bytes;
    try {
      bytes = asBytes(await api.attachmentBytes(hash));
    } catch (e) {
      if (!closed) {
        nav.hidden = true;
        stage.hidden = true;
        commandError(e);
      }
      return;
    }
    if (closed) return;
    if (!bytes) {
      fail('没有收到文件的内容，请关闭后再试。');
      return;
    }
    if (kind === 'image') {
      const mime = imageMime(bytes);
      if (!mime) {
        fail(`这个文件不是能显示的图片（可能已损坏）。${OPEN_INSTEAD}`);
        return;
      }
      img.setAttribute('src', dataUrl(bytes, mime));
      img.hidden = false;
      return;
    }
    let pdfjs;
    try {
      pdfjs = await loadPdf();
    } catch {
      fail(`PDF 预览组件没有加载成功。${OPEN_INSTEAD}`);
      return;
    }
    if (closed) return;
    try {
      loading = pdfjs.getDocument({
        data: bytes, isEvalSupported: false, stopAtErrors: false, verbosity: 0, CMapReaderFactory: BundledCMaps,
      });
      let timer;
      const slow = new Promise((_, reject) => {
        timer = setTimeout(() => reject({ name: 'Timeout' }), LOAD_TIMEOUT_MS);
      });
      try {
        doc = await Promise.race([loading.promise, slow]);
      } finally {
        clearTimeout(timer);
      }
      if (closed) return;
      total = doc.numPages;
      await show(1);
    } catch (e) {
      fail(pdfProblem(e));
    }
  }

  const done = start();
  return { close, done };
}
