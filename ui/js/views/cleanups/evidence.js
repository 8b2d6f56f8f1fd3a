// 减负 › 专项整治, under an entry's form: its evidence files (`#cleanup-evidence`; a
// removed plaque's photo): 选择文件… or a typed path and 上传, then per file 预览, 打开
// and 移除 (asked first). A failure shows in `#cleanup-evidence-error`.
import { h } from '../../dom.js';
import { confirmDialog } from '../../dialog.js';
import { onEnter, whileBusy } from '../../forms.js';
import { pickedPath, pathRow } from '../../files.js';
import { reportError } from '../../logic/errors.js';
import { attachmentRow } from '../../logic/cobuild.js';
import { previewButton } from '../preview.js';

/** evidencePart(reg, entry, part) → the section. part: { api, toast, onError, gone(), reload() (the list again) } */
export function evidencePart(reg, e, { api, toast, onError, gone, reload }) {
  const title = reg.value === 'plaques' ? '摘牌照片和佐证' : '佐证材料';
  const err = h('p', { class: 'file-error', id: 'cleanup-evidence-error', role: 'alert', hidden: true });
  const showErr = (x) => reportError(x, { show: (m) => { err.textContent = m; err.hidden = false; }, reboot: onError });
  const picker = pathRow({
    inputId: 'cleanup-evidence-path', buttonId: 'cleanup-evidence-choose', buttonText: reg.value === 'plaques' ? '选择照片…' : '选择文件…',
    ariaLabel: '佐证文件位置', placeholder: '文件的位置，或点“选择…”',
  });
  const up = h('button', { id: 'cleanup-evidence-add', type: 'button', class: 'btn btn-secondary' }, '上传');
  picker.row.append(up);
  const upload = async (path) => {
    err.hidden = true;
    await whileBusy([picker.button, up], async () => {
      try {
        await api.attachCleanupFile(reg.value, e.id, path);
        if (gone()) return;
        toast(`已上传“${path.split(/[\\/]/).pop()}”`);
        await reload();
      } catch (x) {
        if (!gone()) showErr(x);
      }
    });
  };
  picker.button.addEventListener('click', async () => {
    err.hidden = true;
    try {
      const path = pickedPath(await api.chooseOpenFile(title, 'any'));
      if (path && !gone()) await upload(path);
    } catch (x) {
      if (!gone()) showErr(x);
    }
  });
  const fromBox = () => {
    const path = picker.input.value.trim();
    if (!path) {
      err.textContent = '请填写文件的位置，或点“选择…”。';
      err.hidden = false;
      picker.input.focus();
      return;
    }
    upload(path);
  };
  up.addEventListener('click', fromBox);
  onEnter(picker.input, fromBox);
  const files = (e.attachments ?? []).map(attachmentRow).map((a) => {
    const open = h('button', { type: 'button', class: 'btn btn-secondary btn-small', disabled: a.missing }, '打开');
    const remove = h('button', { type: 'button', class: 'btn btn-danger btn-small' }, '移除');
    open.addEventListener('click', () => whileBusy(open, () => api.openAttachment(a.hash).catch(showErr)));
    remove.addEventListener('click', async () => {
      const ok = await confirmDialog({ title: '移除佐证', message: `确定移除“${a.name}”吗？`, okText: '移除', danger: true });
      if (!ok || gone()) return;
      try {
        await api.removeCleanupAttachment(reg.value, e.id, a.hash);
        if (!gone()) await reload();
      } catch (x) {
        if (!gone()) showErr(x);
      }
    });
    return h('div', { class: ['file-item', a.missing && 'is-missing'], 'data-attachment-hash': a.hash },
      h('span', { class: 'file-name' }, a.name),
      h('span', { class: 'file-meta' }, `${a.size}${a.addedAt ? ` · ${a.addedAt}` : ''}`),
      a.missing ? h('span', { class: 'badge badge-bad', 'data-missing': '' }, '文件已丢失') : null,
      h('span', { class: 'file-actions' },
        previewButton({ api, hash: a.hash, name: a.name, missing: a.missing, onError, before: () => { err.hidden = true; } }),
        open, remove));
  });
  return h('div', { id: 'cleanup-evidence' },
    h('h3', {}, title),
    files.length ? files : h('p', { class: 'hint', id: 'cleanup-evidence-none' }, '还没有佐证材料。'),
    picker.row, err);
}
