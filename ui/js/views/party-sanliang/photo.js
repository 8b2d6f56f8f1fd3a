// 党建 › 三亮, the photo of a compound's notice (公示照片): 选择照片… or a typed path and
// 上传, 打开, 移除; 文件已丢失 when the file is gone. Draws into `section`; a change goes up
// through props.changed(), which loads the list again (and this section with it).
import { h, clear } from '../../dom.js';
import { confirmDialog } from '../../dialog.js';
import { onEnter, whileBusy } from '../../forms.js';
import { pickedPath, pathRow } from '../../files.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { attachmentRow } from '../../logic/cobuild.js';

/** props: { api, toast, onError, changed() → Promise, gone() } */
export function renderPhoto(section, b, props) {
  const { api, toast, onError } = props;
  section.id = 'branch-photo';
  section.classList.add('photo-section');
  section.setAttribute('aria-labelledby', 'branch-photo-title');
  const photo = b.photo ? attachmentRow(b.photo) : null;
  const err = h('p', { class: 'file-error', id: 'branch-photo-error', role: 'alert', hidden: true });
  const showErr = (e) => reportError(e, {
    show: (m) => { err.textContent = m; err.hidden = false; },
    reboot: onError,
  });
  const picker = pathRow({
    inputId: 'branch-photo-path', buttonId: 'branch-photo-choose', buttonText: '选择照片…',
    ariaLabel: '公示照片文件位置', placeholder: '照片文件的位置，或点“选择照片…”',
  });
  const setBtn = h('button', { id: 'branch-photo-set', type: 'button', class: 'btn btn-secondary' }, '上传');
  picker.row.append(setBtn);
  const compoundId = idKey(b.compoundId);

  const upload = async (path) => {
    err.hidden = true;
    await whileBusy([picker.button, setBtn], async () => {
      try {
        await api.setBranchPhoto(compoundId, path);
        if (props.gone()) return;
        toast(path ? '已上传公示照片' : '已移除公示照片');
        // Only the photo changes: the form keeps what the clerk is typing.
        await props.changed();
        (document.querySelector('#branch-photo-open') ?? document.querySelector('#branch-photo-choose'))?.focus();
      } catch (e) {
        if (!props.gone()) showErr(e);
      }
    });
  };
  picker.button.addEventListener('click', async () => {
    err.hidden = true;
    try {
      const path = pickedPath(await api.chooseOpenFile('选择三亮公示照片', 'any'));
      if (path && !props.gone()) await upload(path);
    } catch (e) {
      if (!props.gone()) showErr(e);
    }
  });
  const fromBox = () => {
    const path = picker.input.value.trim();
    if (!path) {
      err.textContent = '请填写照片文件的位置，或点“选择照片…”。';
      err.hidden = false;
      picker.input.focus();
      return;
    }
    upload(path);
  };
  setBtn.addEventListener('click', fromBox);
  onEnter(picker.input, fromBox);

  let current = h('p', { class: 'hint', id: 'branch-photo-none' }, '还没有上传公示照片。');
  if (photo) {
    const open = h('button', { id: 'branch-photo-open', type: 'button', class: 'btn btn-secondary btn-small', disabled: photo.missing }, '打开');
    const remove = h('button', { id: 'branch-photo-remove', type: 'button', class: 'btn btn-danger btn-small' }, '移除');
    open.addEventListener('click', async () => {
      err.hidden = true;
      await whileBusy(open, async () => {
        try {
          await api.openAttachment(photo.hash);
        } catch (e) {
          if (!props.gone()) showErr(e);
        }
      });
    });
    remove.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: '移除照片', message: `确定移除公示照片“${photo.name}”吗？`, okText: '移除', danger: true,
      });
      if (ok && !props.gone()) upload('');
    });
    current = h('div', { class: ['file-item', photo.missing && 'is-missing'], 'data-attachment-hash': photo.hash },
      h('span', { class: 'file-name' }, photo.name),
      h('span', { class: 'file-meta' }, `${photo.size}${photo.addedAt ? ` · ${photo.addedAt}` : ''}`),
      photo.missing ? h('span', { class: 'badge badge-bad', 'data-missing': '' }, '文件已丢失') : null,
      h('span', { class: 'file-actions' }, open, remove));
  }
  clear(section,
    h('h3', { id: 'branch-photo-title' }, '公示照片'),
    current,
    photo?.missing ? h('p', { class: 'hint' }, '照片文件在附件文件夹里找不到了，可以重新上传一张。') : null,
    picker.row,
    err,
    h('p', { class: 'hint' }, '拍下小区公示栏的照片上传，作为三亮公示的佐证。照片会复制到数据文件旁的附件文件夹，备份时一并保存。'));
}
