// Evidence files (附件) as the shared attachments section shows them: the row of
// one file, the short type badge beside a file that has no thumbnail, and the
// paths a clerk typed (one per line). Pure.
import { formatBytes, formatDateTime } from './format.js';

const TYPES = [
  [/\.(png|jpe?g|gif|webp|bmp)$/i, '图片'],
  [/\.pdf$/i, 'PDF'],
  [/\.(docx?|wps|odt|rtf)$/i, 'Word'],
  [/\.(xlsx?|et|ods|csv)$/i, 'Excel'],
  [/\.(pptx?|dps|odp)$/i, 'PPT'],
  [/\.(mp4|mov|avi|wmv)$/i, '视频'],
  [/\.(mp3|wav|m4a|amr)$/i, '录音'],
];

/** The short type of a file by its name: 图片, PDF, Word, Excel, PPT, 视频, 录音 or 文件. */
export function fileType(name) {
  const n = String(name ?? '');
  for (const [re, label] of TYPES) if (re.test(n)) return label;
  return '文件';
}

/** Whether a thumbnail is worth asking for (the core still checks the content). */
export function maybePicture(name) {
  return fileType(name) === '图片';
}

/** One file as the list shows it. */
export function evidenceRow(a) {
  return {
    hash: String(a?.hash ?? ''),
    name: a?.name ?? '',
    type: fileType(a?.name),
    size: formatBytes(a?.bytes),
    addedAt: a?.addedAt ? formatDateTime(a.addedAt) : '',
    missing: !!a?.missing,
  };
}

/**
 * The paths typed in the box: one per line (or separated by ；/;), trimmed, quotes
 * that Windows' 复制为路径 adds taken off, blanks and repeats dropped.
 */
export function typedPaths(text) {
  const out = [];
  for (const part of String(text ?? '').split(/[\r\n;；]+/)) {
    const p = part.trim().replace(/^"(.*)"$/, '$1').trim();
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * Whether a drop at `position` (physical pixels, as Tauri reports it) landed inside
 * `rect` (CSS pixels, getBoundingClientRect) at device pixel ratio `ratio`.
 */
export function droppedInside(position, rect, ratio = 1) {
  const r = Number(ratio) > 0 ? Number(ratio) : 1;
  const x = Number(position?.x) / r;
  const y = Number(position?.y) / r;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !rect) return false;
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/** “已添加 3 个附件” / “已添加附件“a.jpg”” after a pick of `paths`. */
export function addedMessage(paths) {
  if (paths.length === 1) {
    const name = String(paths[0]).split(/[\\/]/).pop();
    return `已添加附件“${name}”`;
  }
  return `已添加 ${paths.length} 个附件`;
}
