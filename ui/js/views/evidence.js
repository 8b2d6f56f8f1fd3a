// The attachments section (附件) every record that carries files shows: visits,
// joint and working meetings, co-building projects (佐证材料) and the 专项整治
// registers (inspections list their photos in their own rows, through the same
// commands). Pick several files at once or type their paths (one per line), see a
// thumbnail of each picture, preview a PDF or a picture inside the app (预览,
// views/preview.js), open a file with the system's viewer, remove one.
// One set of commands serves every kind: list_attachments, attach_files,
// detach_file, attachment_thumbnail, attachment_bytes (kind = the kind's table).
import { h, clear } from '../dom.js';
import { onFilesDropped } from '../api.js';
import { confirmDelete } from '../dialog.js';
import { whileBusy, showFieldError, showMessage, hideMessage } from '../forms.js';
import { reportError } from '../logic/errors.js';
import { filesTravel } from '../logic/labels.js';
import { previewButton } from './preview.js';
import { evidenceRow, maybePicture, typedPaths, addedMessage, droppedInside } from '../logic/evidence.js';

/**
 * Mounts the section into `root` for record `id` of `kind`.
 * props: { api, toast, onError, kind, id, prefix, title = '附件', hint, what (what may be
 *   added, e.g. 现场照片; 照片、纪要（Word、PDF）等 by default), pickText (its picker
 *   button, 添加文件… by default: 添加照片… where the record's form says so), onChanged(list),
 *   loadPdf (PDF.js loader, for tests) }. Whether the kind's files may go with an
 * exchange file the core's catalog says (filesTravel; docs/PACKAGE.md).
 * → { reload(), destroy() }
 */
export function mountEvidence(root, props) {
  const { api, prefix } = props;
  const title = props.title ?? '附件';
  const section = h('section', { class: 'info-section evidence', id: `${prefix}-evidence`, 'aria-labelledby': `${prefix}-evidence-title` });
  const heading = h('h3', { id: `${prefix}-evidence-title` }, title);
  const list = h('ul', { class: 'evidence-list', id: `${prefix}-evidence-list` });
  const empty = h('p', { class: 'hint', id: `${prefix}-evidence-empty` }, props.hint ?? '还没有附件。');
  const error = h('p', { class: 'file-error', id: `${prefix}-evidence-error`, role: 'alert', hidden: true });
  const pickText = props.pickText ?? '添加文件…';
  const pick = h('button', { type: 'button', class: 'btn btn-secondary', id: `${prefix}-evidence-pick` }, pickText);
  const box = h('textarea', {
    id: `${prefix}-evidence-paths`, class: 'input-path', rows: 1, spellcheck: 'false',
    'aria-label': `${title}文件位置（每行一个）`, placeholder: '文件位置，每行一个',
  });
  const addTyped = h('button', { type: 'button', class: 'btn btn-secondary', id: `${prefix}-evidence-add` }, '添加');
  root.append(section);
  clear(section, heading, list, empty,
    h('div', { class: 'path-row' }, box, pick, addTyped), error,
    h('p', { class: 'hint' }, `${props.what ?? '照片、纪要（Word、PDF）等'}可一次选多个，也可以把文件拖到这里；文件复制到数据文件旁的附件文件夹，相同内容只存一份，备份时一并带上；${
      filesTravel(props.kind) ? '导出交换文件时可以勾选“同时导出佐证材料”，一并上报。' : '这些文件留在本单位，不随交换文件上报。'}`));

  let disposed = false;
  let generation = 0;
  const report = (e) => reportError(e, { show: (m) => showMessage(error, m), reboot: props.onError, reload });

  function draw(files) {
    const rows = files.map(evidenceRow);
    heading.textContent = `${title}（${rows.length}）`;
    empty.hidden = rows.length > 0;
    clear(list, ...rows.map(row));
  }

  function row(a) {
    const thumb = h('span', { class: 'evidence-thumb', 'aria-hidden': 'true' }, a.type);
    if (!a.missing && maybePicture(a.name)) {
      api.attachmentThumbnail(a.hash).then((url) => {
        if (url && !disposed && String(url).startsWith('data:image/')) {
          const img = h('img', { src: url, alt: '' });
          // A file that starts like a picture but is not one keeps its type, not a broken image.
          img.addEventListener('error', () => { clear(thumb, a.type); thumb.classList.remove('has-image'); });
          clear(thumb, img);
          thumb.classList.add('has-image');
        }
      }).catch(() => {});
    }
    const open = h('button', {
      type: 'button', class: 'btn btn-secondary btn-small', 'data-evidence-open': a.hash, disabled: a.missing, 'aria-label': `打开 ${a.name}`,
    }, '打开');
    const preview = previewButton({
      api, hash: a.hash, name: a.name, missing: a.missing, onError: props.onError, loadPdf: props.loadPdf, before: () => hideMessage(error),
    });
    const remove = h('button', {
      type: 'button', class: 'btn btn-link btn-small link-danger', 'data-evidence-remove': a.hash, 'aria-label': `删除 ${a.name}`,
    }, '删除');
    open.addEventListener('click', () => whileBusy(open, async () => {
      hideMessage(error);
      try { await api.openAttachment(a.hash); } catch (e) { report(e); }
    }));
    remove.addEventListener('click', async () => {
      if (!(await confirmDelete(`确定删除附件“${a.name}”吗？`))) return;
      hideMessage(error);
      await whileBusy(remove, async () => {
        try {
          const files = await api.detachFile(props.kind, props.id, a.hash);
          if (disposed) return;
          draw(files);
          props.toast?.(`已删除附件“${a.name}”`);
          props.onChanged?.(files);
          pick.focus();
        } catch (e) { report(e); }
      });
    });
    return h('li', { class: ['evidence-item', a.missing && 'is-missing'], 'data-evidence-hash': a.hash },
      thumb,
      h('span', { class: 'evidence-text' },
        h('span', { class: 'item-name file-name' }, a.name),
        // Each part whole on a line when the card is narrow (a date never splits at its dash).
        h('span', { class: 'item-meta' }, ...[a.type, a.size, a.addedAt].filter(Boolean)
          .flatMap((part, i) => [i ? ' · ' : '', h('span', { class: 'nowrap' }, part)])),
        a.missing ? h('span', { class: 'badge badge-bad', 'data-missing': '' }, '文件已丢失') : null),
      h('span', { class: 'item-actions' }, preview, open, remove));
  }

  async function attach(paths, buttons) {
    hideMessage(error);
    for (const b of buttons) b.disabled = true;
    try {
      const files = await api.attachFiles(props.kind, props.id, paths);
      if (disposed) return;
      draw(files);
      box.value = '';
      props.toast?.(addedMessage(paths));
      props.onChanged?.(files);
    } catch (e) {
      report(e);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }

  pick.addEventListener('click', async () => {
    hideMessage(error);
    try {
      const picked = await api.chooseEvidenceFiles(`选择${title}（可多选：照片、PDF、Office 文档）`);
      const paths = Array.isArray(picked) ? picked.filter((p) => typeof p === 'string' && p) : [];
      if (paths.length && !disposed) await attach(paths, [pick, addTyped]);
    } catch (e) {
      report(e);
    }
  });
  addTyped.addEventListener('click', () => {
    const paths = typedPaths(box.value);
    if (!paths.length) {
      showFieldError(error, `请填写文件的位置（每行一个），或点“${pickText}”选择。`, box);
      return;
    }
    attach(paths, [pick, addTyped]);
  });

  async function reload() {
    const mine = ++generation;
    try {
      const files = await api.listAttachments(props.kind, props.id);
      if (!disposed && mine === generation) draw(files);
    } catch (e) {
      if (!disposed) report(e);
    }
  }
  // Files dragged from the file manager onto this section are added like picked ones.
  const stopDrop = onFilesDropped((p) => {
    const paths = Array.isArray(p?.paths) ? p.paths.filter((x) => typeof x === 'string' && x) : [];
    if (disposed || !paths.length || !section.isConnected) return;
    if (!droppedInside(p.position, section.getBoundingClientRect(), globalThis.devicePixelRatio)) return;
    attach(paths, [pick, addTyped]);
  });

  draw([]);
  reload();
  return {
    reload,
    destroy() {
      disposed = true;
      stopDrop();
      section.remove();
    },
  };
}
