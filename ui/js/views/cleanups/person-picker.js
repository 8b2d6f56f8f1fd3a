// 减负 › 专项整治 › 借调人员, 从人员库选择 (`#cleanup-person-picker`): a search of the
// registry (as 培训 picks participants); picking a person fills 姓名 and 身份证号码
// (masked) and 派出村/社区 (their village, when none is chosen) and links the person, whose own name and number the core then uses. Typing
// into 姓名 or 身份证号码 unlinks.
import { h, clear } from '../../dom.js';

/**
 * personPicker(value, inputs, part) → { el, read(), error, showError(message) }: record-list's custom field.
 * value: the linked person's id ('' for none); inputs: the form's boxes (name and idNumber are built
 * after this part, so they are looked up when needed); part: { api, fail(e), gone() }.
 */
export function personPicker(value, inputs, { api, fail, gone }) {
  let picked = String(value ?? '');
  const linked = h('p', { class: 'hint', id: 'cleanup-person-linked', 'aria-live': 'polite' });
  const unlink = h('button', { type: 'button', class: 'btn btn-link', id: 'cleanup-person-unlink' }, '取消关联');
  const showLinked = (name) => {
    clear(linked, picked ? [`已关联人员库：${name || '（已选人员）'}　`, unlink] : '未关联人员库：可从下面查找，或直接填写姓名和身份证号码。');
  };
  const search = h('input', { id: 'cleanup-person-search', type: 'search', placeholder: '姓名、身份证号、社区', 'aria-label': '在人员库中查找借调人员' });
  const find = h('button', { id: 'cleanup-person-find', type: 'button', class: 'btn btn-secondary btn-small' }, '查找');
  const results = h('div', { id: 'cleanup-person-results' });
  const error = h('p', { class: 'field-error', id: 'cleanup-personId-error', role: 'alert', hidden: true });
  let token = 0;
  // Typing a name or number by hand unlinks the picked person.
  let watched = false;
  const watch = () => {
    if (watched) return;
    for (const f of ['name', 'idNumber']) {
      inputs[f]?.addEventListener('input', () => { if (picked) { picked = ''; showLinked(''); } });
    }
    watched = !!inputs.name;
  };
  const pick = (p) => {
    watch();
    picked = String(p.id);
    if (inputs.name) inputs.name.value = p.name ?? '';
    if (inputs.idNumber) inputs.idNumber.value = p.idNumber ?? '';
    // 派出村/社区: the person's village or community, unless one is chosen already
    // (probe AF: it stayed at 乡镇（街道）机关 for a 网格员 of 梧桐社区).
    const unit = inputs.unitId;
    if (unit && !unit.value) {
      const first = String(p.villages ?? '').split(/[、,，]/)[0].trim();
      const option = [...unit.querySelectorAll('option')].find((o) => o.value && o.textContent === first);
      if (option) unit.value = option.value;
    }
    clear(results);
    error.hidden = true;
    showLinked(p.name ?? '');
  };
  const run = async () => {
    watch();
    const mine = ++token;
    try {
      const page = await api.listPeople({ text: search.value.trim(), status: 'active', page: 0, pageSize: 20 });
      if (gone() || mine !== token) return;
      const rows = page?.rows ?? [];
      clear(results, rows.length
        ? h('ul', { class: 'pick-list' }, rows.map((p) => {
          const b = h('button', { type: 'button', class: 'btn btn-link', 'data-pick-person': String(p.id) },
            `${p.name ?? ''}　${p.idNumber ?? ''}　${p.roles ?? ''}　${p.villages ?? ''}`);
          b.addEventListener('click', () => pick(p));
          return h('li', {}, b);
        }))
        : h('p', { class: 'hint' }, '人员库中没有找到，可直接填写姓名和身份证号码。'));
    } catch (e) { fail(e); }
  };
  find.addEventListener('click', run);
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault?.(); e.stopPropagation?.(); run(); } });
  unlink.addEventListener('click', () => { picked = ''; showLinked(''); });
  showLinked('');
  // After the whole form is built: the linked person's name, and the unlink on typing.
  queueMicrotask(() => { watch(); if (picked) showLinked(inputs.name?.value ?? ''); });
  const el = h('div', { class: 'form-row form-row-wide', id: 'cleanup-person-picker' },
    h('span', { class: 'field-label' }, '从人员库选择'),
    h('div', { class: 'filter-row' }, search, find), results, linked, error);
  return {
    el,
    read: () => picked,
    error,
    showError: (message) => { error.textContent = message; error.hidden = false; search.focus?.(); },
  };
}
