// 党建 › 委员会, the two forms beside the cards, built with record-list's recordForm:
// the committee (类型 with its hint, 所在村/社区 only for a 大党委, a suggested name) and
// the member (专职/兼职, 来自单位, 任期; 保存后继续添加 for a new one).
import { h } from '../../dom.js';
import { idKey } from '../../logic/tree.js';
import {
  committeeKindHint, committeeFormValues, suggestCommitteeName, memberFormValues, committeeLabel,
} from '../../logic/party.js';
import { recordForm, noteField } from '../record-list/index.js';

/**
 * The committee form. props: { committee (null: new), kinds, villages, officeName, taken (the
 * committees' names), save, cancel }
 * → the recordForm and `values` (what counts as unchanged).
 */
export function committeeForm({ committee: c, kinds, villages, officeName, taken = [], save, cancel }) {
  const values = committeeFormValues(c);
  const kindHint = h('p', { class: 'hint', id: 'committee-kind-hint' });
  const form = recordForm({
    name: 'committee',
    title: c ? `编辑委员会 · ${c.name ?? ''}` : '新建委员会',
    creating: !c,
    values,
    fields: [
      { field: 'kind', label: '类型', type: 'select', options: kinds, extra: kindHint },
      {
        field: 'villageId', label: '所在村/社区', type: 'select', blank: villages.length ? '请选择村/社区' : '还没有村/社区',
        options: villages.map((v) => ({ value: v.id, label: v.label })), missingLabel: c?.villageName || '（已不存在的村/社区）',
      },
      { field: 'name', label: '名称', maxlength: 50 },
      noteField(),
    ],
    save,
    cancel,
  });
  const { inputs } = form;
  const villageRow = inputs.villageId.closest('.form-row');
  let suggested = '';
  const sync = () => {
    kindHint.textContent = committeeKindHint(inputs.kind.value);
    villageRow.hidden = inputs.kind.value !== 'community_joint';
    // Offer a name while the box is empty or still holds the last offer.
    const village = villages.find((v) => v.id === inputs.villageId.value);
    const offer = suggestCommitteeName(inputs.kind.value, { officeName, villageName: village?.label ?? '', taken });
    if (!c && (inputs.name.value.trim() === '' || inputs.name.value === suggested)) {
      inputs.name.value = offer;
      suggested = offer;
    }
  };
  inputs.kind.addEventListener('change', sync);
  inputs.villageId.addEventListener('change', sync);
  sync();
  return { form, values: c ? values : { ...values, name: inputs.name.value } };
}

/**
 * The member form. props: { member (null: new), committeeId, committees, partners, save, cancel, toPartners }
 * → the recordForm with `continueBox`, and `values`.
 */
export function memberForm({ member: m, committeeId, committees, partners, save, cancel, toPartners }) {
  const creating = !m;
  const values = memberFormValues(m, committeeId);
  const unitHint = h('p', { class: 'hint', id: 'member-unit-hint' });
  const toPartnersBtn = partners.length ? null : h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'member-to-partners' }, '去登记共建单位');
  toPartnersBtn?.addEventListener('click', () => toPartners());
  const committee = committees.find((c) => idKey(c.id) === values.committeeId);
  const form = recordForm({
    name: 'member',
    title: creating ? `添加委员 · ${committee?.name ?? ''}` : `编辑委员 · ${m.name ?? ''}`,
    creating,
    values,
    fields: [
      { field: 'committeeId', label: '委员会', type: 'select', options: committees.map((c) => ({ value: idKey(c.id), label: committeeLabel(c) })) },
      { field: 'name', label: '姓名', maxlength: 20 },
      { field: 'partTime', label: '兼职委员（来自共建单位）', type: 'checkbox' },
      {
        field: 'partnerUnitId', label: '来自单位', type: 'select', blank: partners.length ? '（不是来自共建单位）' : '（还没有共建单位）',
        options: partners.map((u) => ({ value: idKey(u.id), label: u.name ?? '' })), missingLabel: m?.partnerUnitName || '（已不存在的单位）',
        extra: [unitHint, toPartnersBtn],
      },
      { field: 'post', label: '职务', maxlength: 30, placeholder: '如 兼职委员、副书记' },
      { field: 'termStart', label: '任期开始', type: 'date', placeholder: '如 2026-01-01' },
      { field: 'termEnd', label: '任期结束', type: 'date', placeholder: '如 2028-12-31' },
      noteField(),
    ],
    save,
    cancel,
  });
  const { inputs } = form;
  const syncUnit = () => {
    unitHint.textContent = inputs.partTime.checked ? '兼职委员必须选择来自哪个共建单位。' : '专职委员可以不选。';
  };
  inputs.partTime.addEventListener('change', () => {
    syncUnit();
    if (inputs.partTime.checked && !inputs.partnerUnitId.value) inputs.partnerUnitId.focus();
  });
  syncUnit();
  const continueBox = creating ? h('input', { type: 'checkbox', id: 'member-continue', checked: true }) : null;
  if (continueBox) {
    const row = form.el.querySelector('.form-actions-row');
    row.insertBefore(h('span', { class: 'checkbox-row' }, continueBox, h('label', { for: 'member-continue' }, '保存后继续添加')), row.lastChild);
  }
  return { form: { ...form, continueBox }, values };
}
