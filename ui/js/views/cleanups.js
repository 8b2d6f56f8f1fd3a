// 减负 › 专项整治 (issue 15 item 4): one screen for the four registers (工作机制, 挂牌,
// 证明事项, 借调人员), chosen with the buttons `[data-cleanup-register]`. Each is the
// same record list (record-list/: `tr[data-cleanup-id]`, `#cleanup-form`,
// `#cleanup-<field>`) with filters 村/社区 and 状态, a search, the register's counts,
// the side form, Excel buttons (the register and 回头看), and under an entry's form
// its evidence files (a removed plaque's photo) and its 回头看: the history, and a
// form that records a re-check (`#recheck-date`, `#recheck-found`, `#recheck-rebound`,
// `#recheck-save`); a rebound reopens the entry. A secondee is picked from the people
// registry (`#cleanup-person-search`, `#cleanup-person-find`, `[data-pick-person]`:
// fills 姓名 and 身份证号码 and links the person) or typed as name + ID number, which
// the core checks (typing into either unlinks a picked person). Unapproved and overdue
// secondments, and reopened entries, stand out (`.is-overdue`, `.is-unapproved`,
// `.is-reopened`).
import { h, clear } from '../dom.js';
import { confirmDiscard, confirmDialog } from '../dialog.js';
import { onEnter, whileBusy } from '../forms.js';
import { pickedPath, pathRow } from '../files.js';
import { reportError } from '../logic/errors.js';
import { attachmentRow } from '../logic/cobuild.js';
import { previewButton } from './preview.js';
import {
  REGISTERS, MECHANISM_TYPES, CLEANUP_FIELDS, registerOf, statusChoices, filterEntries, countsText, entryRowClass,
  secondmentState, entryFormValues, parseEntryForm, parseRecheckForm,
} from '../logic/cleanups.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList } from './record-list/index.js';

export function mountCleanups(panel, ctx) {
  const { api, toast, onError } = ctx;
  const st = {
    register: REGISTERS.some((r) => r.value === ctx.route?.register) ? ctx.route.register : 'mechanisms',
    unitId: '', status: '', search: '', villages: [], disposed: false,
  };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });
  let list = null;

  const chooser = h('div', { class: 'button-row', role: 'group', 'aria-label': '整治台账', id: 'cleanups-registers' },
    REGISTERS.map((r) => h('button', {
      type: 'button', class: 'btn btn-secondary', 'data-cleanup-register': r.value, 'aria-pressed': String(r.value === st.register),
    }, r.label)));
  const counts = h('p', { class: 'muted', id: 'cleanups-counts', 'aria-live': 'polite' });
  const unitFilter = h('select', { id: 'cleanups-filter-unit', 'aria-label': '村/社区' });
  const statusFilter = h('select', { id: 'cleanups-filter-status', 'aria-label': '状态' });
  const search = h('input', { id: 'cleanups-search', type: 'search', placeholder: '搜索名称、部门、依据', 'aria-label': '搜索' });
  const listHost = h('div', { id: 'cleanups-pane' });
  panel.append(h('section', { class: 'view view-wide cleanups', id: 'cleanups-view', 'aria-labelledby': 'cleanups-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'cleanups-title' }, '减负 · 专项整治'),
      h('p', { class: 'hint' }, '村级工作机制、挂牌、证明事项和借调人员的清理台账：登记处理结果和日期、上传佐证，回头看发现反弹的重新打开，待重新认定。')),
    chooser, counts, listHost));

  const fillFilters = () => {
    clear(unitFilter,
      h('option', { value: '' }, '全部村/社区'),
      st.register === 'secondments' ? h('option', { value: '-' }, '乡镇机关') : null,
      st.villages.map((v) => h('option', { value: v.id }, v.name)));
    unitFilter.value = st.unitId;
    clear(statusFilter, h('option', { value: '' }, '全部状态'),
      statusChoices(st.register).map((c) => h('option', { value: c.value }, c.label)));
    statusFilter.value = st.status;
  };
  unitFilter.addEventListener('change', () => { st.unitId = unitFilter.value; list?.reload(); });
  statusFilter.addEventListener('change', () => { st.status = statusFilter.value; list?.reload(); });
  search.addEventListener('input', () => { st.search = search.value; list?.reload(); });

  chooser.addEventListener('click', async (ev) => {
    const b = ev.target.closest('[data-cleanup-register]');
    const to = b?.getAttribute('data-cleanup-register');
    if (!to || to === st.register || st.disposed) return;
    if (list && !(await confirmDiscard(list.isDirty()))) return;
    if (st.disposed) return;
    st.register = to;
    st.status = '';
    st.unitId = '';
    for (const x of chooser.querySelectorAll('[data-cleanup-register]')) {
      x.setAttribute('aria-pressed', String(x.getAttribute('data-cleanup-register') === to));
    }
    mountList();
  });

  const loadVillages = async () => {
    try {
      const units = await api.listUnits();
      st.villages = (Array.isArray(units) ? units : []).filter((u) => u.kind === 'village')
        .map((u) => ({ id: String(u.id), name: u.name ?? '' }));
    } catch (e) {
      fail(e);
    }
  };

  function columnsOf(reg) {
    if (reg.value === 'secondments') {
      return [
        { title: '姓名', class: 'cell-name', cell: (e) => e.name ?? '' },
        { title: '身份证号码', class: 'cell-nowrap', cell: (e) => e.idNumber ?? '' },
        { title: '派出', cell: (e) => e.unitName ?? '' },
        { title: '借调单位', cell: (e) => e.department ?? '' },
        { title: '借调期', class: 'cell-nowrap', cell: (e) => `${e.startDate ?? ''} 至 ${e.endDate ?? ''}` },
        { title: '准入', cell: (e) => (e.approved ? (e.approvalNumber ?? '') : h('span', { class: 'badge badge-bad', 'data-unapproved': '' }, '未经准入')) },
        { title: '状态', class: 'cell-nowrap', cell: (e) => h('span', { class: ['badge', (e.overdue || e.reopenedOn) ? 'badge-bad' : null], 'data-state': '' }, secondmentState(e)) },
      ];
    }
    return [
      { title: reg.unitLabel, class: 'cell-nowrap', cell: (e) => e.unitName ?? '' },
      { title: reg.nameLabel, class: 'cell-name', cell: (e) => e.name ?? '' },
      reg.value === 'mechanisms' ? { title: '类型', class: 'cell-nowrap', cell: (e) => e.categoryLabel ?? '' } : null,
      { title: reg.departmentLabel, cell: (e) => e.department || '—' },
      { title: '处理结果', class: 'cell-nowrap', cell: (e) => h('span', { class: ['badge', e.reopenedOn ? 'badge-bad' : null], 'data-state': '' }, e.statusLabel ?? '') },
      { title: '日期', class: 'cell-nowrap', cell: (e) => e.resultDate || (e.reopenedOn ? `${e.reopenedOn} 回头看` : '—') },
      reg.value === 'certificates' ? { title: '今年出具', class: 'cell-nowrap', cell: (e) => (e.issuedThisYear == null ? '—' : String(e.issuedThisYear)) } : null,
    ].filter(Boolean);
  }

  function fieldsOf(reg) {
    const villages = st.villages.map((v) => ({ value: v.id, label: v.name }));
    const decision = {
      field: 'decision', label: '处理结果', type: 'select', blank: reg.value === 'secondments' ? '在借调' : '待认定',
      options: reg.decisions.map((d) => ({ value: d, label: d })),
      hint: '回头看发现反弹后，选好处理结果并填写不早于回头看的日期，才算重新认定。',
    };
    const resultDate = { field: 'resultDate', label: reg.dateLabel, type: 'date' };
    const remark = { field: 'remark', label: '备注', type: 'textarea', rows: 2, maxlength: 500 };
    if (reg.value === 'secondments') {
      return [
        { field: 'personId', type: 'custom', build: (v, inputs) => personPicker(v, inputs) },
        { field: 'name', label: '姓名', maxlength: 30 },
        { field: 'idNumber', label: '身份证号码', maxlength: 20, hint: '从人员库选择，或直接填写姓名和身份证号码（与人员库中的人自动关联）；显示为打码的不用改。' },
        { field: 'unitId', label: reg.unitLabel, type: 'select', blank: '乡镇（街道）机关', options: villages },
        { field: 'department', label: reg.departmentLabel, maxlength: 60 },
        { field: 'startDate', label: '借调开始日期', type: 'date' },
        { field: 'endDate', label: '借调结束日期', type: 'date' },
        { field: 'approved', label: '经县规范借调准入批准', type: 'checkbox' },
        { field: 'approvalNumber', label: '准入文号', maxlength: 60 },
        decision, resultDate, remark,
      ];
    }
    return [
      { field: 'name', label: reg.nameLabel, maxlength: 100 },
      { field: 'unitId', label: reg.unitLabel, type: 'select', blank: '请选择', options: villages },
      reg.value === 'mechanisms' ? { field: 'category', label: '机制类型', type: 'select', options: MECHANISM_TYPES.map((t) => ({ value: t, label: t })) } : null,
      { field: 'department', label: reg.departmentLabel, maxlength: 60 },
      reg.value === 'certificates' ? { field: 'basis', label: '依据', type: 'textarea', rows: 2, maxlength: 2000, hint: '保留的必填。' } : null,
      decision, resultDate,
      reg.value === 'certificates' ? { field: 'issuedThisYear', label: '今年出具数量', maxlength: 8 } : null,
      reg.value !== 'certificates'
        ? { field: 'basis', label: reg.value === 'plaques' ? '保留依据' : '依据', type: 'textarea', rows: 2, maxlength: 2000, hint: reg.value === 'plaques' ? '保留的必填。' : null }
        : null,
      remark,
    ].filter(Boolean);
  }

  /**
   * 从人员库选择: a search of the registry (as 培训 picks participants); picking a
   * person fills 姓名 and 身份证号码 (masked) and links the person, whose own name and
   * number the core then uses. Typing into 姓名 or 身份证号码 unlinks. The name and
   * number boxes are built after this part, so they are looked up when needed.
   */
  function personPicker(value, inputs) {
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
      clear(results);
      error.hidden = true;
      showLinked(p.name ?? '');
    };
    const run = async () => {
      watch();
      const mine = ++token;
      try {
        const page = await api.listPeople({ text: search.value.trim(), status: 'active', page: 0, pageSize: 20 });
        if (st.disposed || mine !== token) return;
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

  /** Evidence files of an entry: 选择文件… or a typed path and 上传; 打开, 移除. */
  function evidencePart(reg, e) {
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
          if (st.disposed) return;
          toast(`已上传“${path.split(/[\\/]/).pop()}”`);
          await list?.reload();
        } catch (x) {
          if (!st.disposed) showErr(x);
        }
      });
    };
    picker.button.addEventListener('click', async () => {
      err.hidden = true;
      try {
        const path = pickedPath(await api.chooseOpenFile(title, 'any'));
        if (path && !st.disposed) await upload(path);
      } catch (x) {
        if (!st.disposed) showErr(x);
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
        if (!ok || st.disposed) return;
        try {
          await api.removeCleanupAttachment(reg.value, e.id, a.hash);
          if (!st.disposed) await list?.reload();
        } catch (x) {
          if (!st.disposed) showErr(x);
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

  /** 回头看: the entry's re-checks and a form to record one. */
  function recheckPart(reg, e) {
    const history = (e.rechecks ?? []).map((c) => h('li', { 'data-recheck-id': String(c.id), class: c.rebound ? 'is-reopened' : null },
      h('strong', {}, c.date ?? ''), ' ',
      c.rebound ? h('span', { class: 'badge badge-bad' }, '反弹') : h('span', { class: 'badge' }, '未反弹'), ' ',
      c.found ?? '',
      c.previousResultDate ? h('span', { class: 'muted' }, `（原${c.previousDecisionLabel ?? ''} ${c.previousResultDate}）`) : null));
    const date = h('input', { id: 'recheck-date', type: 'text', class: 'input-date', maxlength: '12', placeholder: '如 2026-09-15', 'aria-label': '回头看日期' });
    const found = h('textarea', { id: 'recheck-found', rows: '2', maxlength: '1000', 'aria-label': '发现情况' });
    const rebound = h('input', { id: 'recheck-rebound', type: 'checkbox' });
    const save = h('button', { id: 'recheck-save', type: 'button', class: 'btn btn-primary' }, '登记回头看');
    const err = h('p', { class: 'field-error', id: 'recheck-error', role: 'alert', hidden: true });
    save.addEventListener('click', async () => {
      err.hidden = true;
      const parsed = parseRecheckForm(reg.value, e.id, { date: date.value, found: found.value, rebound: rebound.checked });
      if (!parsed.ok) {
        err.textContent = parsed.error.message;
        err.hidden = false;
        (parsed.error.field === 'date' ? date : found).focus();
        return;
      }
      await whileBusy(save, async () => {
        try {
          await api.createRecheck(parsed.input);
          if (st.disposed) return;
          toast(parsed.input.rebound ? `已登记回头看，“${e.name ?? ''}”重新打开，待重新认定` : '已登记回头看');
          await list?.reload();
        } catch (x) {
          if (st.disposed) return;
          reportError(x, { show: (m) => { err.textContent = m; err.hidden = false; }, reboot: onError });
        }
      });
    });
    return h('div', { id: 'cleanup-rechecks' },
      h('h3', {}, '回头看'),
      e.reopenedOn ? h('p', { class: 'hint', id: 'cleanup-reopened' }, `${e.reopenedOn} 回头看发现反弹，这条记录已重新打开，待重新认定。`) : null,
      history.length ? h('ul', { class: 'plain-list', id: 'cleanup-recheck-list' }, history) : h('p', { class: 'hint' }, '还没有回头看记录。'),
      h('div', { class: 'form-grid' },
        h('label', { for: 'recheck-date' }, '回头看日期'), date,
        h('label', { for: 'recheck-found' }, '发现情况'), found,
        h('label', { class: 'check-item' }, rebound, h('span', {}, '发现反弹（重新打开这条记录）'))),
      err, save);
  }

  function mountList() {
    list?.dispose();
    clear(listHost);
    fillFilters();
    search.value = st.search;
    const reg = registerOf(st.register);
    list = mountRecordList(listHost, {
      ctx,
      name: 'cleanup',
      tableId: 'cleanups-table',
      tableClass: 'cleanups-table',
      label: reg.label,
      newText: `新增${reg.label}`,
      emptyText: `没有符合条件的${reg.label}记录。点击“新增${reg.label}”，或用“导入Excel”导入台账。`,
      emptyDetail: [`在左侧选择一条${reg.label}记录，查看、修改或回头看。`, `处理结果和日期一起填写；回头看发现反弹会重新打开记录。`],
      filters: [
        h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '村/社区'), unitFilter),
        h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '状态'), statusFilter),
        search,
      ],
      // 期间 by the date of the result (借调: its start); the export writes the same rows.
      period: reg.value === 'secondments'
        ? { date: (e) => e.startDate, by: '借调开始日期', noun: '条' }
        : { date: (e) => e.resultDate, by: reg.dateLabel, noun: '条' },
      toolbar: excelTools({
        api, toast, onError, prefix: 'cleanups', exportKind: reg.value, defaultName: `${reg.label}台账.xlsx`,
        exportHint: `导出${reg.label}台账的记录（身份证号码打码）。`,
        period: () => list?.period() ?? { text: '', label: '全部' },
        imports: [{ kind: reg.value }, { kind: 'rechecks' }],
        onImported: () => { if (!st.disposed) list?.reload(); },
      }),
      columns: columnsOf(reg),
      rowClass: entryRowClass,
      rowLabel: (e) => `${reg.label}，${e.name ?? ''}，${reg.value === 'secondments' ? secondmentState(e) : (e.statusLabel ?? '')}`,
      init: async () => {
        if (!st.villages.length) await loadVillages();
        if (!st.disposed) fillFilters();
      },
      load: async () => {
        const all = await api.listCleanupEntries(reg.value);
        const shown = filterEntries(all, st);
        counts.textContent = countsText(reg.value, all, shown.length);
        return shown;
      },
      form: {
        title: (e) => (e ? (e.name ?? '') : `新增${reg.label}`),
        // Only the register's own fields: a field the form lacks would count as an edit.
        values: (e) => {
          const all = entryFormValues(e, reg.value);
          return Object.fromEntries(fieldsOf(reg).map((f) => [f.field, all[f.field]]));
        },
        fields: () => fieldsOf(reg),
        parse: (v) => parseEntryForm(reg.value, v),
        fieldNames: CLEANUP_FIELDS,
        focus: 'name',
      },
      create: (input) => api.createCleanupEntry(reg.value, input),
      update: (id, input) => api.updateCleanupEntry(reg.value, id, input),
      remove: (id) => api.deleteCleanupEntry(reg.value, id),
      savedText: (saved, creating, input) => (creating ? `已新增${reg.label}“${saved?.name ?? input.name}”` : '已保存'),
      deleteText: {
        button: '删除',
        message: (e) => `确定删除${reg.label}“${e.name ?? ''}”吗？删除后可在回收站恢复，它的回头看记录保留。`,
        done: (e) => `已删除“${e.name ?? ''}”，可在回收站恢复`,
        hint: '删除后可在回收站恢复。',
      },
      detailExtra: (e, section) => {
        clear(section, evidencePart(reg, e), recheckPart(reg, e));
      },
    });
  }

  mountList();

  return {
    show: () => list?.reload(),
    isDirty: () => !!list?.isDirty(),
    dispose: () => {
      st.disposed = true;
      list?.dispose();
    },
  };
}
