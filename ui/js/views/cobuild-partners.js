// 共建 › 共建单位: partner units (机关, 企业, 事业单位, 社会组织, 社区社会企业, 新就业群体 …)
// with the contact (phone masked; 显示 reveals it), the communities each pairs with
// and how many projects it claimed and finished. Selecting one opens its form (the
// full phone is fetched for editing) and lists the projects it claimed.
// A record list (record-list/): this module gives the columns, fields and commands.
import { h, clear } from '../dom.js';
import { newest } from '../newest.js';
import { showFieldError } from '../forms.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import {
  PARTNER_FIELDS, UNIT_KINDS, partnerFormValues, parsePartnerForm, partnerCells, partnerProjects, projectCells,
  PROJECT_STATUSES,
} from '../logic/cobuild.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recycleTexts, revealCell, noteField, createdText } from './record-list/index.js';

/** 结对村/社区: a check box a village (`[data-partner-village]`), those gone kept by name. */
function villagesPart(villages, unit, value) {
  const chosen = new Set(value ?? []);
  const items = villages.map((v) => h('label', { class: 'check-item' },
    h('input', { type: 'checkbox', id: `partner-village-${v.id}`, 'data-partner-village': v.id, checked: chosen.has(v.id) }),
    h('span', {}, v.label)));
  (unit?.villageIds ?? []).forEach((vid, k) => {
    const key = String(vid);
    if (!villages.some((v) => v.id === key)) {
      items.push(h('label', { class: 'check-item' },
        h('input', { type: 'checkbox', id: `partner-village-${key}`, 'data-partner-village': key, checked: true }),
        h('span', {}, unit.villageNames?.[k] ?? '（已不存在的村/社区）')));
    }
  });
  const error = h('p', { class: 'field-error', id: 'partner-villages-error', 'data-error-for': 'villageIds', hidden: true });
  const el = h('fieldset', { class: 'sub-fieldset', id: 'partner-villages', 'aria-describedby': 'partner-villages-error' },
    h('legend', {}, '结对村/社区'),
    items.length ? h('div', { class: 'check-list' }, items) : h('p', { class: 'hint' }, '还没有村/社区，请先在“组织架构”中建立。'),
    error);
  return {
    el,
    error,
    read: () => Array.from(el.querySelectorAll('input[data-partner-village]')).filter((b) => b.checked).map((b) => b.dataset.partnerVillage),
    showError: (message) => showFieldError(error, message, el.querySelector('input'), { mark: false, select: false }),
  };
}

export function mountPartners(host, ctx) {
  const { api, toast, onError, shared, openProject } = ctx;
  const st = { kinds: UNIT_KINDS, statuses: PROJECT_STATUSES, villages: [], disposed: false, projectsToken: 0 };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });

  const list = mountRecordList(host, {
    ctx,
    name: 'partner',
    tableId: 'partners-table',
    tableClass: 'partners-table',
    label: '共建单位',
    newText: '新增共建单位',
    emptyText: '还没有共建单位。点击“新增共建单位”，或从 Excel 导入名单。',
    emptyDetail: ['在左侧选择一个共建单位，查看它认领和完成的项目。', '也可以点击“新增共建单位”。兼职委员、项目认领都要先在这里登记单位。'],
    toolbar: excelTools({
      api, toast, onError, prefix: 'partners', exportKind: 'partner-units',
      imports: [{ kind: 'partner-units' }],
      onImported: () => { if (!st.disposed) list.reload(); },
    }),
    columns: [
      { title: '单位名称', class: 'cell-name', cell: (u) => partnerCells(u, st.kinds).name },
      { title: '类型', class: 'cell-nowrap', cell: (u) => h('span', { class: 'badge badge-muted' }, partnerCells(u, st.kinds).kind) },
      { title: '联系人', class: 'cell-nowrap', cell: (u) => partnerCells(u, st.kinds).contactName },
      {
        title: '联系电话',
        cellClass: 'cell-masked',
        cell: (u) => revealCell({
          id: idKey(u.id), masked: partnerCells(u, st.kinds).phone, label: `${u.name ?? ''}联系人`, what: '手机号码',
          reveal: () => api.revealPartnerPhone(u.id),
          onError: (e) => reportError(e, { show: ctx.alert, reboot: onError, reload: () => list.reload() }),
        }),
      },
      { title: '结对村/社区', cell: (u) => partnerCells(u, st.kinds).villages },
      { title: '项目', class: 'cell-nowrap', cell: (u) => partnerCells(u, st.kinds).counts },
    ],
    rowAttrs: (u) => ({ 'data-kind': u.kind ?? '' }),
    rowLabel: (u) => { const c = partnerCells(u, st.kinds); return `${c.name}，${c.kind}`; },
    init: async () => {
      st.villages = await shared.villages();
    },
    load: () => api.listPartnerUnits(),
    // The list only has the masked number: the form needs the full one, or saving would store the mask.
    prepare: async (u) => ({ fullPhone: u.contactPhone ? String(await api.revealPartnerPhone(u.id) ?? '') : '' }),
    afterSave: (saved, input) => ({ fullPhone: input.contactPhone }),
    form: {
      title: (u) => (u ? (u.name ?? '') : '新增共建单位'),
      // A new unit's 类型 is chosen, not taken from the list's first (one saved
      // without a look was recorded as 机关).
      values: (u, extra) => partnerFormValues(u, { fullPhone: extra.fullPhone ?? '' }),
      fields: (u, values) => [
        { field: 'name', label: '单位名称', maxlength: 60 },
        {
          field: 'kind', label: '类型', type: 'select', options: st.kinds, missingLabel: u?.kindLabel || values.kind,
          blank: u ? null : '请选择类型…',
        },
        { field: 'contactName', label: '联系人', maxlength: 20 },
        { field: 'contactPhone', label: '联系电话', type: 'phone', hint: '列表和导出中按规定打码显示。' },
        { field: 'villageIds', type: 'custom', build: (v) => villagesPart(st.villages, u, v) },
        noteField(),
      ],
      parse: parsePartnerForm,
      fieldNames: PARTNER_FIELDS,
      focus: 'name',
    },
    create: (input) => api.createPartnerUnit(input),
    update: (id, input) => api.updatePartnerUnit(id, input),
    remove: (id) => api.deletePartnerUnit(id),
    savedText: createdText('共建单位'),
    deleteText: recycleTexts({
      button: '删除共建单位',
      noun: '共建单位',
      name: (u) => u.name,
      rule: '有兼职委员或认领了项目的单位不能删除。',
      hint: '有兼职委员或认领了项目的单位不能删除。',
    }),
    detailExtra: (u, section) => loadUnitProjects(u, section),
  });

  // ---------- what it claimed and finished ----------
  async function loadUnitProjects(u, section) {
    section.setAttribute('aria-labelledby', 'partner-projects-title');
    const title = () => h('h3', { id: 'partner-projects-title' }, '认领的项目');
    clear(section, title(), h('p', { class: 'loading' }, '正在加载…'));
    const got = await newest(st, 'projectsToken', () => api.listProjects({ partnerUnitId: idKey(u.id) }));
    if (!got) return;
    if (!got.ok) {
      clear(section, title(), h('p', { class: 'hint' }, '认领的项目没有加载成功。'));
      fail(got.error);
      return;
    }
    const r = partnerProjects(got.value);
    const group = (name, items, id) => (items.length
      ? h('div', { class: 'project-group' },
        h('h4', {}, `${name}（${items.length}）`),
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
      title(),
      h('p', { class: 'counts-line', id: 'partner-projects-summary' }, r.text),
      group('已完成', r.finished, 'partner-projects-finished'),
      group('进行中', r.ongoing, 'partner-projects-ongoing'));
  }

  return {
    show: async () => {
      st.villages = await shared.villages({ fresh: true });
      if (st.disposed) return;
      list.refreshForm();
      list.reload();
    },
    isDirty: list.isDirty,
    dispose: () => {
      st.disposed = true;
      list.dispose();
    },
  };
}
