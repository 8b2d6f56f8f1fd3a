// 诉求 › 诉求: the counts (收到, 已交办, 已办结, 按期办结 and its rate, 逾期, 回访满意),
// filters (状态, 层级, 承办部门, 来源, 年份, search, 只看逾期), the list with overdue ones
// marked 已逾期 in red, and a demand's detail:
//   - its source (a visit links back to 联系点), the step bar 已受理 → 已交办 → 办理中 →
//     已办结 → 已回访 with the date of each step
//   - 下一步 (one step forward, dated; 交办 asks the department, 办结 the result, 回访 the
//     reporter's satisfaction), 退回… (asks a reason), 上报上级… (a higher level and a reason:
//     back to 已受理, department cleared, all kept in the history)
//   - the history, and the fields (Enter saves, Esc undoes or goes back)
// This module holds the state and loads; list.js, detail.js (with ../workflow.js),
// form.js and escalate.js draw and send what the clerk does.
// Rules live in logic/demands.js; the backend decides.
import { idKey } from '../../logic/tree.js';
import { newest } from '../../newest.js';
import { reportError } from '../../logic/errors.js';
import { demandChoices, statsText, emptyDemandFilters, demandQuery } from '../../logic/demands.js';
import { listDetailFrame, listDetailNav } from '../list-detail.js';
import { mountDemandTable } from './list.js';
import { mountDemandDetail } from './detail.js';
import { mountSelection, openBatchDialog } from '../selection.js';
import { localDate } from '../../logic/format.js';

export function mountDemandList(host, ctx) {
  const {
    api, toast, alert, clearAlert, onError, shared, navigate, route, office,
  } = ctx;
  // A new demand is first graded at this office's own level (a county office handles county demands).
  const ownLevel = ['township', 'county', 'city'].includes(office?.level) ? office.level : 'township';
  const st = {
    filters: emptyDemandFilters(),
    demands: [],
    years: new Set(),
    choices: demandChoices(null),
    departments: [],
    villages: [],
    mode: 'list', // 'list' | 'create' | 'edit'
    demand: null,
    fullPhone: '',
    loading: true,
    failed: false,
    loadToken: 0,
    statsToken: 0,
    viewToken: 0,
    disposed: false,
  };
  const fail = (e) => reportError(e, { show: alert, reboot: onError });

  // 批量交办: tick demands (Shift for a range, or every one listed), then one department for all.
  const selection = mountSelection({
    name: 'demands',
    measure: '件',
    allIds: async () => st.demands.map((d) => idKey(d.id)),
    actions: [{ id: 'assign', label: '交办', run: (ids) => batchAssign(ids) }],
  });
  const list = mountDemandTable(host, {
    api, toast, onError, selection,
    onOpen: (id) => nav.open(id),
    onCreate: () => nav.create(),
    onFilter: (key, value) => {
      st.filters[key] = value;
      loadList();
      // The counts are of the demands received in the 期间, as the list.
      if (key === 'period') loadStats();
    },
    onSearch: (text) => {
      st.filters.text = text;
      loadList();
    },
    onImported: () => { if (!st.disposed) refreshCounts(); },
  });
  const frame = listDetailFrame(host, {
    id: 'demand-detail', className: 'project-detail demand-detail', listEl: list.el,
    isOpen: () => !st.disposed && st.mode !== 'list', formEl: () => nav.detail()?.form()?.el, back: () => nav.back(),
  });
  const detailHost = frame.el;
  const nav = listDetailNav(frame, {
    st, key: 'demand', clearAlert,
    mount: mountDetail,
    reloadList: () => loadList(),
    focusRow: (id) => list.focusDemand(id),
    prepareCreate: async () => {
      st.fullPhone = '';
      await refreshShared(true);
    },
    load: async (id) => {
      const [demand] = await Promise.all([api.getDemand(id), refreshShared(true)]);
      // The demand has the number masked: the form needs the full one, or saving would store the mask.
      const phone = demand?.reporterPhone ? String(await api.revealDemandPhone(demand.id) ?? '') : '';
      return { demand, phone };
    },
    opened: ({ demand, phone }) => {
      st.fullPhone = phone;
      return demand;
    },
    failed: (e) => reportError(e, {
      show: alert, reboot: onError, reload: () => { if (st.mode === 'list') loadList(); else nav.back(); },
    }),
    openFocus: ['#demand-advance:not([disabled])'],
  });

  boot();

  // ---------- data ----------
  async function boot() {
    await refreshShared(false);
    if (st.disposed) return;
    await Promise.all([loadList(), loadStats()]);
    if (!st.disposed && route?.demandId) nav.open(idKey(route.demandId));
  }

  async function refreshShared(fresh) {
    const [options, departments, units] = await Promise.all([
      shared.options(), shared.departments({ fresh }), shared.units({ fresh }),
    ]);
    if (st.disposed) return;
    st.choices = demandChoices(options);
    st.departments = departments;
    st.villages = units.villages;
    // A filter naming a choice that is gone is dropped.
    const has = (options2, key) => options2.some((o) => String(o.value) === String(st.filters[key]));
    if (!has(st.choices.statuses, 'status')) st.filters.status = '';
    if (!has(st.choices.levels, 'level')) st.filters.level = '';
    if (!has(st.choices.sources, 'source')) st.filters.source = '';
    if (!st.departments.some((d) => idKey(d.id) === st.filters.departmentId)) st.filters.departmentId = '';
    drawList();
  }

  function drawList() {
    list.update({
      demands: st.demands, choices: st.choices, departments: st.departments, filters: st.filters, years: st.years,
      loading: st.loading, failed: st.failed,
    });
  }

  async function loadList() {
    st.loading = true;
    drawList();
    const got = await newest(st, 'loadToken', () => api.listDemands(demandQuery(st.filters)));
    if (!got) return;
    st.loading = false;
    st.failed = !got.ok;
    if (!got.ok) {
      drawList();
      fail(got.error);
      return;
    }
    st.demands = Array.isArray(got.value) ? got.value : [];
    for (const d of st.demands) if (/^\d{4}/.test(d?.receivedOn ?? '')) st.years.add(d.receivedOn.slice(0, 4));
    drawList();
  }

  async function loadStats() {
    const got = await newest(st, 'statsToken', () => api.demandStats(st.filters.period));
    if (!got) return;
    if (!got.ok) {
      list.stats('诉求统计没有加载成功。');
      fail(got.error);
      return;
    }
    const text = statsText(got.value ?? {}, { inPeriod: !!st.filters.period });
    list.stats(st.filters.period ? `${list.periodLabel()}：${text}` : text);
  }

  function batchAssign(ids) {
    const options = st.departments.map((d) => ({ value: idKey(d.id), label: d.name ?? '' }));
    const names = new Map(options.map((o) => [o.value, o.label]));
    openBatchDialog({
      api, toast, navigate, onError,
      title: '批量交办', action: 'demandsAssign', ids, noun: { measure: '件', name: '诉求' },
      fields: [
        { name: 'departmentId', label: '承办部门', type: 'select', value: options[0]?.value ?? '', options },
        { name: 'date', label: '交办日期', type: 'date', value: localDate() },
      ],
      args: (v) => ({ args: { departmentId: v.departmentId, date: v.date }, names: { departmentName: names.get(v.departmentId) ?? '' } }),
      done: () => {
        if (st.disposed) return;
        selection.clear();
        refreshCounts();
      },
    });
  }

  function refreshCounts() {
    loadList();
    loadStats();
  }

  // ---------- list ↔ detail ----------
  function mountDetail() {
    return mountDemandDetail(detailHost, {
      api, toast, alert, clearAlert, onError, navigate, office,
      demand: st.demand,
      state: () => st,
      level: ownLevel,
      back: () => nav.back(),
      closed: () => {
        nav.showList();
        list.focusNew();
      },
      deleted: () => {
        nav.showList();
        refreshCounts();
        list.focusNew();
      },
      apply: (d) => {
        if (!d) return;
        st.demand = d;
        nav.detail()?.update(d);
        refreshCounts();
      },
      created: (saved) => {
        nav.edit(saved);
        nav.showDetail();
        nav.focus('#demand-departmentId', '#demand-advance');
      },
      saved: () => refreshCounts(),
    });
  }

  return {
    show: async () => {
      await refreshShared(true);
      if (st.disposed) return;
      loadStats();
      if (st.mode === 'list') loadList();
      else if (st.mode === 'edit') nav.detail()?.redrawSteps();
    },
    openDemand: (id) => nav.open(idKey(id)),
    isDirty: nav.isDirty,
    dispose: () => {
      st.disposed = true;
      nav.destroy();
      list.destroy();
    },
  };
}
