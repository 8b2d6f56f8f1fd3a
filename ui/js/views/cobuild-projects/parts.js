// 共建 › 项目, a part of a project's detail beside the form: 认领单位 (认领,
// 取消认领). It is mounted with the project and sends its commands through `run`,
// which applies the project the command returns (actions up). 佐证材料 is the
// 附件 section every kind shows (../evidence.js).
import { h, clear, dateBox } from '../../dom.js';
import { confirmDialog, promptDialog } from '../../dialog.js';
import { onEnter, oneAtATime, showFieldError, showMessage, hideMessage } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { parseDateField } from '../../logic/fields.js';
import { claimCandidates } from '../../logic/cobuild.js';

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
    const date = dateBox({ id: 'claim-date', placeholder: '认领日期', 'aria-label': '认领日期（留空为今天）' });
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
            // The last claim of a 已认领 project sends it back to 待认领: a step of its
            // own, asked its day (it was dated today unasked).
            let on = '';
            if (claims.length === 1 && p.status === 'claimed') {
              const given = await promptDialog({
                title: '取消认领',
                message: `“${c.name ?? ''}”是唯一的认领单位：取消后项目回到“待认领”，记在办理记录里。`,
                label: '撤回日期（如 2026-09-15；留空为今天）',
                okText: '取消认领',
                danger: true,
              });
              if (given === null) return;
              on = given.trim();
            } else if (!await confirmDialog({
              title: '取消认领', message: `确定取消“${c.name ?? ''}”对这个项目的认领吗？`, okText: '取消认领', cancelText: '不取消', danger: true,
            })) return;
            hideMessage(error);
            if (await props.run(() => props.api.unclaimProject(p.id, uid, on), [remove], report)) {
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
