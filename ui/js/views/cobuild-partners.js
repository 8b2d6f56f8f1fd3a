// 共建 › 共建单位: partner units (机关, 企业, 事业单位, 社会组织, 社区社会企业, 新就业群体 …)
// with the contact (phone masked; 显示 reveals it), the communities each pairs with
// and how many projects it claimed and finished. Selecting one opens its form (the
// full phone is fetched for editing) and lists the projects it claimed.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, deleteRecord } from '../dialog.js';
import {
  bindFormKeys, bindRowKeys, oneAtATime, whileBusy, clearFieldErrors, showFieldError, rememberFocus, undoEdits, fieldRow,
} from '../forms.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { valuesChanged } from '../logic/fields.js';
import {
  PARTNER_FIELDS, unitKindList, partnerFormValues, parsePartnerForm, partnerCells, partnerProjects, projectCells,
  statusList,
} from '../logic/cobuild.js';
import { excelTools } from './excel-tools.js';

export function mountPartners(host, {
  api, toast, alert, clearAlert, onError, shared, openProject,
}) {
  const st = {
    units: [],
    kinds: unitKindList(null),
    statuses: statusList(null),
    villages: [],
    mode: 'empty', // 'empty' | 'create' | 'edit'
    unit: null,
    fullPhone: '',
    baseline: null,
    revealed: new Map(), // id → full phone shown in the list
    loadToken: 0,
    viewToken: 0,
    disposed: false,
  };
  let form = null;

  const newBtn = h('button', { id: 'partner-new', type: 'button', class: 'btn btn-primary' }, '新增共建单位');
  const listHost = h('div', { class: 'table-scroll', id: 'partners-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const detail = h('aside', { class: 'side-panel side-panel-wide', id: 'partner-detail', 'aria-label': '共建单位' });
  host.append(
    h('div', { class: 'toolbar toolbar-spread' },
      newBtn,
      excelTools({
        api, toast, onError, prefix: 'partners', exportKind: 'partner-units', defaultName: '共建单位.xlsx',
        exportHint: '导出全部共建单位（类型、联系人、结对社区、认领和完成的项目数）。',
        imports: [{ kind: 'partner-units' }],
        onImported: () => { if (!st.disposed) load(); },
      })),
    h('div', { class: 'split-layout' }, h('div', { class: 'split-main' }, listHost), detail));

  newBtn.addEventListener('click', () => startCreate());

  renderDetail();
  boot();

  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  async function boot() {
    const [options, villages] = await Promise.all([shared.options(), shared.villages()]);
    if (st.disposed) return;
    st.kinds = unitKindList(options);
    st.statuses = statusList(options);
    st.villages = villages;
    await load();
  }

  async function load() {
    const token = ++st.loadToken;
    st.revealed.clear(); // full numbers never outlive the rows they were revealed in
    listHost.setAttribute('aria-busy', 'true');
    let list;
    try {
      list = await api.listPartnerUnits();
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      listHost.removeAttribute('aria-busy');
      fail(e);
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    listHost.removeAttribute('aria-busy');
    st.units = Array.isArray(list) ? list : [];
    renderList();
  }

  // ---------- the list ----------
  function renderList() {
    if (!st.units.length) {
      clear(listHost, h('p', { class: 'empty-state', id: 'partners-empty' }, '还没有共建单位。点击“新增共建单位”，或从 Excel 导入名单。'));
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.closest?.('tr')?.dataset?.partnerId : null;
    clear(listHost, h('table', { class: 'data-table partners-table', id: 'partners-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '单位名称'),
        h('th', { scope: 'col' }, '类型'),
        h('th', { scope: 'col' }, '联系人'),
        h('th', { scope: 'col' }, '联系电话'),
        h('th', { scope: 'col' }, '结对社区'),
        h('th', { scope: 'col' }, '项目'))),
      h('tbody', {}, st.units.map(unitRow))));
    if (hadFocus) listHost.querySelector(`tr[data-partner-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function unitRow(u) {
    const id = idKey(u.id);
    const c = partnerCells(u, st.kinds);
    const selected = st.mode === 'edit' && idKey(st.unit?.id) === id;
    const tr = h('tr', {
      class: ['record-row', selected && 'is-selected'], 'data-partner-id': id, 'data-kind': u.kind ?? '', tabindex: '0',
      'aria-selected': String(selected), 'aria-label': `${c.name}，${c.kind}，按 Enter 打开`,
    },
    h('td', { class: 'cell-name' }, c.name),
    h('td', { class: 'cell-nowrap' }, h('span', { class: 'badge badge-muted' }, c.kind)),
    h('td', { class: 'cell-nowrap' }, c.contactName),
    phoneCell(u, c),
    h('td', {}, c.villages),
    h('td', { class: 'cell-nowrap' }, c.counts));
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button')) return;
      openUnit(u);
    });
    bindRowKeys(tr, () => openUnit(u), { root: listHost, selector: 'tr[data-partner-id]', onTop: () => newBtn.focus() });
    return tr;
  }

  function phoneCell(u, c) {
    const id = idKey(u.id);
    if (!c.phone) return h('td', { class: 'cell-masked' }, h('span', { class: 'muted' }, '—'));
    const value = h('span', { class: ['masked-value', st.revealed.has(id) && 'is-revealed'] }, st.revealed.get(id) ?? c.phone);
    const label = () => `${st.revealed.has(id) ? '隐藏' : '显示'}${c.name}联系人的完整手机号码`;
    const btn = h('button', {
      type: 'button', class: 'btn btn-link btn-small reveal-btn', 'data-reveal-phone': id,
      'aria-pressed': String(st.revealed.has(id)), 'aria-label': label(),
    }, st.revealed.has(id) ? '隐藏' : '显示');
    btn.addEventListener('click', async (e) => {
      e.stopPropagation();
      if (st.revealed.has(id)) {
        st.revealed.delete(id);
      } else {
        const token = st.loadToken;
        let full;
        try {
          full = await whileBusy(btn, () => api.revealPartnerPhone(id));
        } catch (err) {
          if (!st.disposed) reportError(err, { show: alert, reboot: onError, reload: () => load() });
          return;
        }
        if (st.disposed || token !== st.loadToken) return;
        st.revealed.set(id, String(full ?? ''));
      }
      const on = st.revealed.has(id);
      value.textContent = on ? st.revealed.get(id) : c.phone;
      value.classList.toggle('is-revealed', on);
      btn.textContent = on ? '隐藏' : '显示';
      btn.setAttribute('aria-pressed', String(on));
      btn.setAttribute('aria-label', label());
    });
    return h('td', { class: 'cell-masked' }, value, btn);
  }

  // ---------- the detail ----------
  function isDirty() {
    return !!form && valuesChanged(st.baseline, form.read());
  }

  async function startCreate() {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'create';
    st.unit = null;
    st.fullPhone = '';
    renderDetail();
    renderList();
    form?.inputs.name.focus();
  }

  async function openUnit(u) {
    if (st.mode === 'edit' && idKey(st.unit?.id) === idKey(u.id)) {
      form?.inputs.name.focus();
      return;
    }
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    clearAlert?.();
    const token = ++st.viewToken;
    // The list only has the masked number: the form needs the full one, or saving would store the mask.
    let phone = '';
    if (u.contactPhone) {
      try {
        phone = String(await api.revealPartnerPhone(u.id) ?? '');
      } catch (e) {
        if (st.disposed || token !== st.viewToken) return;
        reportError(e, { show: alert, reboot: onError, reload: () => load() });
        return;
      }
    }
    if (st.disposed || token !== st.viewToken) return;
    st.mode = 'edit';
    st.unit = u;
    st.fullPhone = phone;
    renderDetail();
    renderList();
    form?.inputs.name.focus();
  }

  function closeDetail() {
    const id = idKey(st.unit?.id);
    st.viewToken += 1;
    st.mode = 'empty';
    st.unit = null;
    renderDetail();
    renderList();
    ((id && listHost.querySelector(`tr[data-partner-id="${cssEscape(id)}"]`)) || newBtn).focus();
  }

  function renderDetail() {
    form = null;
    if (st.mode === 'empty') {
      clear(detail, h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '在左侧选择一个共建单位，查看它认领和完成的项目。'),
        h('p', { class: 'hint' }, '也可以点击“新增共建单位”。兼职委员、项目认领都要先在这里登记单位。')));
      return;
    }
    const u = st.unit;
    const projects = h('section', { class: 'info-section', id: 'partner-projects-section', 'aria-labelledby': 'partner-projects-title' });
    clear(detail, buildForm(u), u ? projects : null, u ? deleteSection(u) : null);
    if (u) loadUnitProjects(u, projects);
  }

  function buildForm(u) {
    const values = partnerFormValues(u, { fullPhone: st.fullPhone, kind: st.kinds[0]?.value ?? '' });
    st.baseline = { ...values, villageIds: [...values.villageIds] };
    const inputs = {};
    const errors = {};
    inputs.name = h('input', { type: 'text', id: 'partner-name', name: 'name', maxlength: '60', autocomplete: 'off', value: values.name });
    inputs.kind = h('select', { id: 'partner-kind', name: 'kind' }, st.kinds.map((k) => h('option', { value: k.value }, k.label)));
    if (values.kind && !st.kinds.some((k) => k.value === values.kind)) inputs.kind.append(h('option', { value: values.kind }, u?.kindLabel || values.kind));
    inputs.kind.value = values.kind;
    inputs.contactName = h('input', { type: 'text', id: 'partner-contactName', name: 'contactName', maxlength: '20', autocomplete: 'off', value: values.contactName });
    inputs.contactPhone = h('input', {
      type: 'text', id: 'partner-contactPhone', name: 'contactPhone', class: 'input-code', maxlength: '20', inputmode: 'tel',
      autocomplete: 'off', spellcheck: 'false', value: values.contactPhone, placeholder: '手机或座机',
    });
    inputs.note = h('textarea', { id: 'partner-note', name: 'note', rows: '2', maxlength: '500' });
    inputs.note.value = values.note;

    const chosen = new Set(values.villageIds);
    const villageItems = st.villages.map((v) => h('label', { class: 'check-item' },
      h('input', { type: 'checkbox', id: `partner-village-${v.id}`, 'data-partner-village': v.id, checked: chosen.has(v.id) }),
      h('span', {}, v.label)));
    (u?.villageIds ?? []).forEach((vid, k) => {
      const key = String(vid);
      if (!st.villages.some((v) => v.id === key)) {
        villageItems.push(h('label', { class: 'check-item' },
          h('input', { type: 'checkbox', id: `partner-village-${key}`, 'data-partner-village': key, checked: true }),
          h('span', {}, u.villageNames?.[k] ?? '（已不存在的村/社区）')));
      }
    });
    const villagesError = h('p', { class: 'field-error', id: 'partner-villages-error', 'data-error-for': 'villageIds', hidden: true });
    errors.villageIds = villagesError;
    const villages = h('fieldset', { class: 'sub-fieldset', id: 'partner-villages', 'aria-describedby': 'partner-villages-error' },
      h('legend', {}, '结对社区'),
      villageItems.length ? h('div', { class: 'check-list' }, villageItems) : h('p', { class: 'hint' }, '还没有村/社区，请先在“组织架构”中建立。'),
      villagesError);
    const readVillages = () => Array.from(villages.querySelectorAll('input[data-partner-village]')).filter((b) => b.checked).map((b) => b.dataset.partnerVillage);

    const creating = !u;
    const saveBtn = h('button', { id: 'partner-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancelBtn = h('button', { id: 'partner-cancel', type: 'button', class: 'btn btn-secondary' }, creating ? '取消' : '撤销修改');
    const el = h('form', { id: 'partner-form', class: 'side-form', novalidate: true, 'aria-labelledby': 'partner-form-title' },
      h('h2', { class: 'detail-title', id: 'partner-form-title' }, creating ? '新增共建单位' : (u.name ?? '')),
      fieldRow({ field: 'name', label: '单位名称', control: inputs.name, errors }),
      fieldRow({ field: 'kind', label: '类型', control: inputs.kind, errors }),
      fieldRow({ field: 'contactName', label: '联系人', control: inputs.contactName, errors }),
      fieldRow({ field: 'contactPhone', label: '联系电话', control: inputs.contactPhone, errors, hint: '列表和导出中按规定打码显示。' }),
      villages,
      fieldRow({ field: 'note', label: '备注', control: inputs.note, errors, wide: true }),
      h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')));
    const read = () => ({
      name: inputs.name.value,
      kind: inputs.kind.value,
      contactName: inputs.contactName.value,
      contactPhone: inputs.contactPhone.value,
      villageIds: readVillages(),
      note: inputs.note.value,
    });
    const cancel = () => {
      if (!creating && isDirty()) {
        undoEdits({
          dirty: true,
          toast,
          render: () => form.el.replaceWith(buildForm(st.unit)),
          focus: () => form?.inputs.name.focus(),
        });
      } else {
        closeDetail();
      }
    };
    cancelBtn.addEventListener('click', cancel);
    bindFormKeys(el, { save: oneAtATime(saveUnit), cancel });
    form = { el, inputs, errors, saveBtn, read, villages };
    return el;
  }

  async function saveUnit() {
    const f = form;
    if (!f) return;
    clearFieldErrors(f.errors, f.inputs);
    const parsed = parsePartnerForm(f.read());
    if (!parsed.ok) {
      showError(f, parsed.error.field, parsed.error.message);
      return;
    }
    const creating = st.mode === 'create';
    const token = st.viewToken;
    await whileBusy(f.saveBtn, async () => {
      try {
        const saved = creating
          ? await api.createPartnerUnit(parsed.input)
          : await api.updatePartnerUnit(st.unit.id, parsed.input);
        if (st.disposed) return;
        toast(creating ? `已新增共建单位“${saved?.name ?? parsed.input.name}”` : '已保存');
        await load();
        if (st.disposed || token !== st.viewToken || !saved) return;
        const refocus = rememberFocus();
        st.mode = 'edit';
        st.unit = st.units.find((x) => idKey(x.id) === idKey(saved.id)) ?? saved;
        st.fullPhone = parsed.input.contactPhone;
        renderDetail();
        renderList();
        refocus(form?.inputs.name);
      } catch (e) {
        if (st.disposed) return;
        reportError(e, {
          fields: PARTNER_FIELDS,
          field: (field, message) => showError(f, field, message),
          show: alert,
          reboot: onError,
          reload: () => {
            closeDetail();
            load();
          },
        });
      }
    });
  }

  function showError(f, field, message) {
    const slot = f.errors[field];
    if (!slot) {
      alert(message);
      return;
    }
    if (field === 'villageIds') {
      showFieldError(slot, message, f.villages.querySelector('input'), { mark: false, select: false });
      return;
    }
    const control = f.inputs[field];
    showFieldError(slot, message, control, { select: control?.tagName === 'INPUT' });
  }

  // ---------- what it claimed and finished ----------
  async function loadUnitProjects(u, section) {
    const token = st.viewToken;
    clear(section, h('h3', { id: 'partner-projects-title' }, '认领的项目'), h('p', { class: 'loading' }, '正在加载…'));
    let list;
    try {
      list = await api.listProjects({ partnerUnitId: idKey(u.id) });
    } catch (e) {
      if (st.disposed || token !== st.viewToken) return;
      clear(section, h('h3', { id: 'partner-projects-title' }, '认领的项目'), h('p', { class: 'hint' }, '认领的项目没有加载成功。'));
      fail(e);
      return;
    }
    if (st.disposed || token !== st.viewToken) return;
    const r = partnerProjects(list);
    const group = (title, items, id) => (items.length
      ? h('div', { class: 'project-group' },
        h('h4', {}, `${title}（${items.length}）`),
        h('ul', { class: 'item-list', id }, items.map((p) => {
          const c = projectCells(p, st.statuses);
          const btn = h('button', { type: 'button', class: 'btn btn-link', 'data-partner-project-id': idKey(p.id) }, c.title);
          // 共建 asks 放弃修改？ itself before leaving this tab.
          btn.addEventListener('click', () => openProject?.(idKey(p.id)));
          return h('li', { class: 'item-row' }, btn,
            h('span', { class: 'item-meta' }, [c.village, c.actualEnd ? `完成于 ${c.actualEnd}` : ''].filter(Boolean).join(' · ')),
            h('span', { class: ['status-badge', `status-${c.status}`] }, c.statusLabel));
        })))
      : null);
    clear(section,
      h('h3', { id: 'partner-projects-title' }, '认领的项目'),
      h('p', { class: 'counts-line', id: 'partner-projects-summary' }, r.text),
      group('已完成', r.finished, 'partner-projects-finished'),
      group('进行中', r.ongoing, 'partner-projects-ongoing'));
  }

  function deleteSection(u) {
    const btn = h('button', { id: 'partner-delete', type: 'button', class: 'btn btn-danger' }, '删除共建单位');
    btn.addEventListener('click', () => deleteRecord({
      message: `确定删除共建单位“${u.name ?? ''}”吗？有兼职委员或认领了项目的单位不能删除。删除后可在回收站恢复。`,
      button: btn,
      remove: () => api.deletePartnerUnit(u.id),
      done: `已删除“${u.name ?? ''}”，可在回收站恢复`,
      toast, clearAlert, fail, gone: () => st.disposed,
      after: async () => {
        st.mode = 'empty';
        st.unit = null;
        st.viewToken += 1;
        renderDetail();
        await load();
        newBtn.focus();
      },
    }));
    return h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'partner-delete-title' },
      h('h3', { id: 'partner-delete-title' }, '删除'),
      h('p', { class: 'hint' }, '有兼职委员或认领了项目的单位不能删除。'),
      btn);
  }

  return {
    show: async () => {
      st.villages = await shared.villages({ fresh: true });
      if (!st.disposed) load();
    },
    isDirty,
    dispose: () => { st.disposed = true; },
  };
}
