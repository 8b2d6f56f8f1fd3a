// 共建 › 项目, the parts of a project's detail beside the form: the status badge,
// 认领单位 (认领, 取消认领) and 佐证材料 (添加附件…, 打开, 删除; 文件已丢失 when gone).
// Each section is mounted with the project and sends its commands through `run`,
// which applies the project the command returns (actions up).
import { h, clear } from '../../dom.js';
import { confirmDialog, confirmDelete } from '../../dialog.js';
import { onEnter, oneAtATime, whileBusy, showFieldError, showMessage, hideMessage } from '../../forms.js';
import { pathRow, pickedPath } from '../../files.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { parseDateField } from '../../logic/fields.js';
import { claimCandidates, attachmentRow } from '../../logic/cobuild.js';
import { previewButton } from '../preview.js';

/**
 * props: { api, toast, onError, back(), run(task, buttons) → Promise<bool> (calls task, applies
 * the project it returns; false when the view moved on), partners() }
 * → { update(project), destroy() }
 */
export function mountClaims(root, props) {
  const section = h('section', { class: 'info-section', id: 'project-claims-section', 'aria-labelledby': 'project-claims-title' });
  root.append(section);
  function update(p) {
    const claims = Array.isArray(p.claims) ? p.claims : [];
    const partners = props.partners();
    const error = h('p', { class: 'field-error', id: 'claim-error', role: 'alert', hidden: true });
    const candidates = claimCandidates(partners, p);
    const unit = h('select', { id: 'claim-unit', 'aria-label': '认领单位', 'aria-describedby': 'claim-error' },
      h('option', { value: '' }, candidates.length ? '选择共建单位…' : (partners.length ? '共建单位都已认领' : '还没有共建单位')),
      candidates.map((c) => h('option', { value: c.id }, c.label)));
    const date = h('input', {
      id: 'claim-date', type: 'text', class: 'input-date', maxlength: '12', autocomplete: 'off', placeholder: '认领日期',
      'aria-label': '认领日期（留空为今天）',
    });
    const add = h('button', { id: 'claim-add', type: 'button', class: 'btn btn-primary', disabled: !candidates.length }, '认领');
    const report = (e) => reportError(e, {
      fields: ['partnerUnitId', 'claimedOn'],
      field: (f, message) => showFieldError(error, message, f === 'claimedOn' ? date : unit, { select: false }),
      show: (m) => showMessage(error, m),
      reboot: props.onError,
      reload: () => props.back(),
    });
    const refocus = () => section.querySelector('#claim-unit')?.focus();
    const doAdd = oneAtATime(async () => {
      hideMessage(error);
      if (!unit.value) {
        showFieldError(error, '请选择认领的共建单位。', unit, { select: false });
        return;
      }
      const parsedDate = parseDateField(date.value, 'claimedOn', '认领日期');
      if (!parsedDate.ok) {
        showFieldError(error, `${parsedDate.error.message}留空为今天。`, date);
        return;
      }
      const name = (unit.selectedOptions?.[0] ?? unit.options.find((o) => o.value === unit.value))?.textContent ?? '';
      const done = await props.run(() => props.api.claimProject(p.id, unit.value, parsedDate.value), [add, unit], report);
      if (done) {
        props.toast(`${name.replace('（结对）', '')} 已认领`);
        refocus();
      }
    });
    add.addEventListener('click', doAdd);
    onEnter(unit, doAdd);
    onEnter(date, doAdd);
    // A finished project's claims are its record: neither added to nor withdrawn
    // (a mistake is put right by moving the project back a step, with a reason).
    const finished = p.status === 'completed' || p.status === 'evaluated';
    clear(section,
      h('h3', { id: 'project-claims-title' }, `认领单位（${claims.length}）`),
      claims.length
        ? h('ul', { class: 'item-list', id: 'project-claims' }, claims.map((c) => {
          const uid = idKey(c.partnerUnitId);
          const remove = h('button', {
            type: 'button', class: 'btn btn-link btn-small link-danger', 'data-claim-remove': uid, 'aria-label': `取消${c.name ?? ''}的认领`,
          }, '取消认领');
          remove.addEventListener('click', async () => {
            const ok = await confirmDialog({
              title: '取消认领', message: `确定取消“${c.name ?? ''}”对这个项目的认领吗？`, okText: '取消认领', cancelText: '不取消', danger: true,
            });
            if (!ok) return;
            hideMessage(error);
            if (await props.run(() => props.api.unclaimProject(p.id, uid), [remove], report)) {
              props.toast(`已取消“${c.name ?? ''}”的认领`);
              refocus();
            }
          });
          return h('li', { class: 'item-row', 'data-claim-unit-id': uid },
            h('span', { class: 'item-name' }, c.name ?? ''),
            h('span', { class: 'item-meta' }, c.claimedOn ? `${c.claimedOn} 认领` : ''),
            c.beforeRegistration
              ? h('span', { class: 'flag flag-bad', 'data-claim-early': uid }, '早于登记日期，请核对')
              : null,
            finished ? null : remove);
        }))
        : h('p', { class: 'hint', id: 'project-claims-empty' }, '还没有单位认领。一个项目可以由多个共建单位共同认领。'),
      finished
        ? h('p', { class: 'hint' }, '项目已完成，不再接受认领。')
        : h('div', { class: 'button-row add-row' }, unit, date, add),
      error);
  }
  return { update, destroy: () => section.remove() };
}

/** 佐证材料; props as mountClaims. → { update(project), destroy() } */
export function mountAttachments(root, props) {
  const section = h('section', { class: 'info-section', id: 'project-attachments-section', 'aria-labelledby': 'project-attachments-title' });
  root.append(section);
  function update(p) {
    const list = (Array.isArray(p.attachments) ? p.attachments : []).map(attachmentRow);
    const error = h('p', { class: 'file-error', id: 'attach-error', role: 'alert', hidden: true });
    const report = (e) => reportError(e, { show: (m) => showMessage(error, m), reboot: props.onError, reload: () => props.back() });
    const picker = pathRow({
      inputId: 'attach-path', buttonId: 'attach-file', buttonText: '添加附件…',
      ariaLabel: '附件文件位置', placeholder: '文件位置，或点“添加附件…”选择',
    });
    const addTyped = h('button', { id: 'attach-add', type: 'button', class: 'btn btn-secondary' }, '添加');
    picker.row.append(addTyped);
    const refocus = () => section.querySelector('#attach-file')?.focus();
    const attach = async (path) => {
      hideMessage(error);
      if (await props.run(() => props.api.attachProjectFile(p.id, path), [picker.button, addTyped], report)) {
        props.toast('已添加附件');
        refocus();
      }
    };
    picker.button.addEventListener('click', async () => {
      hideMessage(error);
      try {
        const path = pickedPath(await props.api.chooseOpenFile('选择佐证材料（照片、PDF、Office 文档）', 'any'));
        if (path && section.isConnected) await attach(path);
      } catch (e) {
        report(e);
      }
    });
    const fromBox = () => {
      const path = picker.input.value.trim();
      if (!path) {
        showFieldError(error, '请填写文件的位置，或点“添加附件…”选择。', picker.input);
        return;
      }
      attach(path);
    };
    addTyped.addEventListener('click', fromBox);
    onEnter(picker.input, fromBox);

    clear(section,
      h('h3', { id: 'project-attachments-title' }, `佐证材料（${list.length}）`),
      list.length
        ? h('ul', { class: 'item-list', id: 'project-attachments' }, list.map((a) => {
          const open = h('button', {
            type: 'button', class: 'btn btn-secondary btn-small', 'data-attachment-open': a.hash, disabled: a.missing,
            'aria-label': `打开 ${a.name}`,
          }, '打开');
          const remove = h('button', {
            type: 'button', class: 'btn btn-link btn-small link-danger', 'data-attachment-remove': a.hash, 'aria-label': `删除 ${a.name}`,
          }, '删除');
          open.addEventListener('click', async () => {
            hideMessage(error);
            await whileBusy(open, async () => {
              try {
                await props.api.openAttachment(a.hash);
              } catch (e) {
                report(e);
              }
            });
          });
          remove.addEventListener('click', async () => {
            if (!(await confirmDelete(`确定从项目中删除附件“${a.name}”吗？`))) return;
            hideMessage(error);
            if (await props.run(() => props.api.removeProjectAttachment(p.id, a.hash), [remove], report)) {
              props.toast(`已删除附件“${a.name}”`);
              refocus();
            }
          });
          return h('li', { class: ['item-row', a.missing && 'is-missing'], 'data-attachment-hash': a.hash },
            h('span', { class: 'item-name file-name' }, a.name),
            h('span', { class: 'item-meta' }, `${a.size}${a.addedAt ? ` · ${a.addedAt}` : ''}`),
            a.missing ? h('span', { class: 'badge badge-bad', 'data-missing': '' }, '文件已丢失') : null,
            h('span', { class: 'item-actions' },
              previewButton({ api: props.api, hash: a.hash, name: a.name, missing: a.missing, onError: props.onError, before: () => hideMessage(error) }),
              open, remove));
        }))
        : h('p', { class: 'hint', id: 'project-attachments-empty' }, '还没有佐证材料。完成后请上传现场照片、验收单等。'),
      picker.row,
      error,
      h('p', { class: 'hint' }, '照片、PDF、Word/Excel 等文件会复制到数据文件旁的附件文件夹（相同内容只存一份），备份时一并保存。'));
  }
  return { update, destroy: () => section.remove() };
}
