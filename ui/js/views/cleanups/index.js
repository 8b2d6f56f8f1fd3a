// 减负 › 专项整治 (issue 15 item 4): one screen for the four registers (工作机制, 挂牌,
// 证明事项, 借调人员), chosen with the buttons `[data-cleanup-register]`. Each is the
// same record list (record-list/: `tr[data-cleanup-id]`, `#cleanup-form`,
// `#cleanup-<field>`) with filters 村/社区 and 状态, a search, the register's counts,
// the side form, Excel buttons (the register and 回头看), and under an entry's form
// its evidence files (a removed plaque's photo: `#cleanup-evidence`) and its 回头看: the history, and a
// form that records a re-check (`#recheck-date`, `#recheck-found`, `#recheck-rebound`,
// `#recheck-save`); a rebound reopens the entry. A secondee is picked from the people
// registry (`#cleanup-person-search`, `#cleanup-person-find`, `[data-pick-person]`:
// fills 姓名 and 身份证号码 and links the person) or typed as name + ID number, which
// the core checks (typing into either unlinks a picked person). Unapproved and overdue
// secondments, and reopened entries, stand out (`.is-overdue`, `.is-unapproved`,
// `.is-reopened`).
//
// This module keeps the register chosen and its filters and mounts the list;
// register.js (columns and fields per register), person-picker.js (从人员库选择) and
// recheck.js (under an entry's form) each do one part; the evidence files are the
// 附件 section every kind with files shows (../evidence.js, kind = the register).
import { h, clear, labelled } from '../../dom.js';
import { confirmDiscard } from '../../dialog.js';
import { reportError } from '../../logic/errors.js';
import {
  REGISTERS, CLEANUP_FIELDS, registerOf, statusChoices, filterEntries, countsText, entryRowClass,
  secondmentState, entryFormValues, parseEntryForm,
} from '../../logic/cleanups.js';
import { excelTools } from '../excel-tools.js';
import { mountRecordList, createdText } from '../record-list/index.js';
import { columnsOf, fieldsOf } from './register.js';
import { personPicker } from './person-picker.js';
import { mountEvidence } from '../evidence.js';
import { recheckPart } from './recheck.js';
import { exportListInfo } from '../../logic/importing.js';

export function mountCleanups(panel, ctx) {
  const { api, toast, onError } = ctx;
  const st = {
    register: REGISTERS.some((r) => r.value === ctx.route?.register) ? ctx.route.register : 'mechanisms',
    unitId: '', status: '', search: '', villages: [], disposed: false, evidence: null,
  };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });
  let list = null;
  // What the parts under the form share: the api, how to report, whether the view is gone, the list again.
  const part = {
    api, toast, onError, fail, gone: () => st.disposed, reload: () => list?.reload(),
  };
  const fieldsOfReg = (reg, entry = null) => fieldsOf(reg, {
    villages: st.villages, personPicker: (v, inputs) => personPicker(v, inputs, part), entry,
  });

  const chooser = h('div', { class: 'button-row', role: 'group', 'aria-label': '整治台账', id: 'cleanups-registers' },
    REGISTERS.map((r) => h('button', {
      type: 'button', class: 'btn btn-secondary toggle-btn', 'data-cleanup-register': r.value, 'aria-pressed': String(r.value === st.register),
    }, r.label)));
  const counts = h('p', { class: 'muted', id: 'cleanups-counts', 'aria-live': 'polite' });
  const unitFilter = h('select', { id: 'cleanups-filter-unit', 'aria-label': '村/社区' });
  const statusFilter = h('select', { id: 'cleanups-filter-status', 'aria-label': '状态' });
  const search = h('input', { id: 'cleanups-search', type: 'search', placeholder: '搜索名称、部门、依据', 'aria-label': '搜索' });
  const listHost = h('div', { id: 'cleanups-pane' });
  panel.append(h('section', { class: 'cleanups', id: 'cleanups-view', 'aria-labelledby': 'cleanups-title' },
    h('div', { class: 'view-header' },
      h('h2', { id: 'cleanups-title', class: 'sr-only' }, '专项整治'),
      h('p', { class: 'hint' }, '村级工作机制、挂牌、证明事项和借调人员的清理台账：登记处理结果和日期、上传佐证，回头看发现反弹的重新打开，待重新认定。')),
    chooser, counts, listHost));

  const fillFilters = () => {
    clear(unitFilter,
      h('option', { value: '' }, '全部村/社区'),
      st.register === 'secondments' ? h('option', { value: '-' }, '乡镇（街道）机关') : null,
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
      emptyText: `没有符合条件的${reg.label}记录。点击“新增${reg.label}”，或用“从Excel导入”导入台账。`,
      emptyDetail: [`在左侧选择一条${reg.label}记录，查看、修改或回头看。`, `处理结果和日期一起填写；回头看发现反弹会重新打开记录。`],
      filters: [
        labelled('村/社区', unitFilter),
        labelled('状态', statusFilter),
        search,
      ],
      // 期间 by the date of the result (借调: its start); the export writes the same rows.
      period: reg.value === 'secondments'
        ? { date: (e) => e.startDate, by: exportListInfo(reg.value).periodBy, noun: '条' }
        : { date: (e) => e.resultDate, by: exportListInfo(reg.value).periodBy, noun: '条' },
      toolbar: excelTools({
        api, toast, onError, prefix: 'cleanups', exportKind: reg.value,
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
          return Object.fromEntries(fieldsOfReg(reg).map((f) => [f.field, all[f.field]]));
        },
        fields: (e) => fieldsOfReg(reg, e),
        parse: (v) => parseEntryForm(reg.value, v),
        fieldNames: CLEANUP_FIELDS,
        focus: 'name',
      },
      create: (input) => api.createCleanupEntry(reg.value, input),
      update: (id, input) => api.updateCleanupEntry(reg.value, id, input),
      remove: (id) => api.deleteCleanupEntry(reg.value, id),
      savedText: createdText(reg.label),
      deleteText: {
        button: '删除',
        message: (e) => `确定删除${reg.label}“${e.name ?? ''}”吗？删除后可在回收站恢复，它的回头看记录保留。`,
        done: (e) => `已删除“${e.name ?? ''}”，可在回收站恢复`,
        hint: '删除后可在回收站恢复。',
      },
      detailExtra: (e, section) => {
        st.evidence?.destroy();
        clear(section);
        st.evidence = mountEvidence(section, {
          api, toast, onError, kind: reg.value, id: e.id, prefix: 'cleanup',
          title: reg.value === 'plaques' ? '摘牌照片和佐证' : '佐证材料',
          hint: reg.value === 'plaques' ? '还没有摘牌照片。摘牌后请把现场照片添加进来。' : '还没有佐证材料。',
        });
        section.append(recheckPart(reg, e, part));
      },
    });
  }

  mountList();

  return {
    show: () => list?.reload(),
    isDirty: () => !!list?.isDirty(),
    dispose: () => {
      st.disposed = true;
      st.evidence?.destroy();
      list?.dispose();
    },
  };
}
