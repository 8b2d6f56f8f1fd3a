// The preview (预览) of one attachment: which files open in it, how large a page is
// drawn, the page counter, and what a clerk reads when a PDF cannot be shown. Pure.
import { fileType } from './evidence.js';

/** 'pdf', 'image' or null (no preview: Word, Excel, …) by the file's name. */
export function previewKind(name) {
  const t = fileType(name);
  if (t === 'PDF') return 'pdf';
  if (t === '图片') return 'image';
  return null;
}

/**
 * The bytes the attachment_bytes command answered with, as a Uint8Array (an
 * ArrayBuffer, a typed array or a plain array of numbers), else null.
 */
export function asBytes(x) {
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (Array.isArray(x) && x.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return Uint8Array.from(x);
  return null;
}

/** The size used when the window cannot measure the preview area (hidden, not laid out). */
export const FALLBACK_BOX = { width: 800, height: 600 };

/**
 * The scale at which a page of `pageW`×`pageH` (PDF points) fits whole inside a box
 * of `boxW`×`boxH` CSS pixels (contain; `mode` 'width': as wide as the box). A box
 * that cannot be measured counts as FALLBACK_BOX.
 */
export function fitScale(pageW, pageH, boxW, boxH, mode = 'page') {
  const pw = Number(pageW);
  const ph = Number(pageH);
  if (!(pw > 0) || !(ph > 0)) return 1;
  const bw = Number(boxW) > 0 ? Number(boxW) : FALLBACK_BOX.width;
  const bh = Number(boxH) > 0 ? Number(boxH) : FALLBACK_BOX.height;
  // 适合宽度: the page as wide as the box, read by scrolling down.
  if (mode === 'width') return Math.max(0.05, bw / pw);
  return Math.max(0.05, Math.min(bw / pw, bh / ph));
}

/** The zoom button's text in `mode` (it offers the other one). */
export const zoomText = (mode) => (mode === 'width' ? '整页显示' : '适合宽度');

/** Longest side of a drawn page in device pixels (a canvas beyond this is slow or blank). */
export const MAX_CANVAS_SIDE = 4096;

/**
 * The scale the canvas is drawn at: `cssScale` times the device pixel ratio (sharp on
 * high-DPI screens), lowered so the longer side stays within MAX_CANVAS_SIDE.
 */
export function pixelScale(cssScale, ratio, pageW, pageH) {
  const r = Number(ratio) > 0 ? Number(ratio) : 1;
  const s = (Number(cssScale) > 0 ? Number(cssScale) : 1) * r;
  const longest = Math.max(Number(pageW) || 0, Number(pageH) || 0);
  if (!(longest > 0)) return s;
  return Math.min(s, MAX_CANVAS_SIDE / longest);
}

/** 第 n / N 页 */
export function pageLabel(n, total) {
  return `第 ${Number(n) || 0} / ${Number(total) || 0} 页`;
}

/** The page after a key (←/→, PageUp/PageDown, Home/End) on page `n` of `total`, or null. */
export function pageForKey(key, n, total) {
  const to = {
    ArrowLeft: n - 1, PageUp: n - 1, ArrowRight: n + 1, PageDown: n + 1, Home: 1, End: total,
  }[key];
  if (to === undefined) return null;
  const clamped = Math.min(Math.max(1, to), Math.max(1, total));
  return clamped === n ? null : clamped;
}

export const OPEN_INSTEAD = '可以点“打开”用电脑上的程序查看。';

/**
 * What the clerk reads when PDF.js could not show a file (by the exception's name,
 * never its English message).
 */
export function pdfProblem(e) {
  switch (e?.name) {
    case 'InvalidPDFException':
    case 'MissingPDFException':
    case 'UnexpectedResponseException':
    case 'FormatError':
      return `这个 PDF 文件已损坏或不是 PDF，无法预览。${OPEN_INSTEAD}`;
    case 'Timeout':
      return `这个 PDF 打开太久没有完成（文件很大或很复杂）。请关闭后再试，或${OPEN_INSTEAD.slice(2)}`;
    case 'PasswordException':
      return `这个 PDF 设了打开密码，软件里不能预览。${OPEN_INSTEAD}`;
    default:
      return `这个 PDF 没能显示出来（可能已损坏，或用了软件不支持的内容）。${OPEN_INSTEAD}`;
  }
}

/** The picture type by its first bytes (as the core's thumbnails decide), else null. */
export function imageMime(bytes) {
  const b = bytes ?? [];
  const starts = (sig) => sig.every((v, i) => b[i] === v);
  if (starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return 'image/png';
  if (starts([0xFF, 0xD8, 0xFF])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  if (starts([0x42, 0x4D])) return 'image/bmp';
  return null;
}

/** A `data:` URL of `bytes` (the CSP allows data: pictures, not blob:). */
export function dataUrl(bytes, mime) {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  }
  return `data:${mime};base64,${btoa(bin)}`;
}

/** The bytes of a base64 text (the bundled CMaps). */
export function fromBase64(text) {
  const bin = atob(String(text ?? ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}
