// 共建 › 项目: filters (社区, 共建单位, 状态, 年份, search), the projects as a table or
// as a 看板 with a column per status, and a project's detail:
//   - the step bar 待认领 → 已认领 → 实施中 → 已完成 → 已评价 with the date of each step
//   - 下一步 (one step forward, dated; 评价 asks a score 1–5 and a comment) and 退回… (asks a reason)
//   - the fields (Enter saves, Esc undoes or goes back), claiming units (认领, 取消认领)
//   - the timeline of steps, and evidence files (添加附件…, 打开, 删除; 文件已丢失 when gone)
// This module holds the state and the commands; list.js, form.js, parts.js and
// ../workflow.js draw (data down) and send what the clerk does (actions up).
// Rules live in logic/cobuild.js; the backend decides.
import { idKey } from '../../logic/tree.js';
import { newest } from '../../newest.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import { PROJECT_STATUSES, emptyProjectFilters, projectQuery, projectYears } from '../../logic/cobuild.js';
import { listDetailFrame, listDetailNav } from '../list-detail.js';
import { mountProjectList } from './list.js';
import { mountProjectDetail } from './detail.js';

export function mountProjects(host, { api, toast, alert, clearAlert, onError, shared }) {
  const st = {
    filters: emptyProjectFilters(),
    projects: [],
    years: new Set(),
    partners: [],
    villages: [],
    statuses: PROJECT_STATUSES,
    // party_options' suggestions (the field takes any text).
    categories: [],
    view: 'list', // 'list' | 'board'
    mode: 'list', // 'list' | 'create' | 'edit'
    project: null,
    loading: true,
    failed: false,
    loadToken: 0,
    viewToken: 0,
    disposed: false,
  };

  const list = mountProjectList(host, {
    api, toast, onError,
    onOpen: (id) => nav.open(id),
    onCreate: () => nav.create(),
    onFilter: (key, value) => {
      st.filters[key] = value;
      loadList();
    },
    onSearch: (text) => {
      st.filters.text = text;
      loadList();
    },
    onView: (view) => {
      st.view = view;
      drawList();
    },
    onImported: () => { if (!st.disposed) loadList(); },
  });
  const frame = listDetailFrame(host, {
    id: 'project-detail', className: 'project-detail', listEl: list.el,
    isOpen: () => !st.disposed && st.mode !== 'list', formEl: () => nav.detail()?.form()?.el, back: () => nav.back(),
  });
  const detailHost = frame.el;
  const nav = listDetailNav(frame, {
    st, key: 'project', clearAlert,
    mount: mountDetail,
    reloadList: () => loadList(),
    focusRow: (id) => list.focusProject(id),
    // Partner units and villages may have changed in the other tab.
    prepareCreate: async () => {
      st.villages = await shared.villages({ fresh: true });
    },
    load: async (id) => {
      const [project, partners] = await Promise.all([api.getProject(id), shared.partners({ fresh: true })]);
      st.partners = partners;
      return project;
    },
    failed: (e) => reportError(e, { show: alert, reboot: onError, reload: () => loadList() }),
    openFocus: ['#project-advance:not([disabled])'],
  });

  boot();

  // ---------- data ----------
  async function boot() {
    const [options, villages, partners] = await Promise.all([shared.options(), shared.villages(), shared.partners()]);
    if (st.disposed) return;
    if (Array.isArray(options?.categories)) st.categories = options.categories.map(String);
    setChoices(villages, partners);
    await loadList();
  }

  /** New villages and partner units; a filter naming one that is gone is dropped. */
  function setChoices(villages, partners) {
    st.villages = villages;
    st.partners = partners;
    if (!villages.some((v) => String(v.id) === st.filters.villageId)) st.filters.villageId = '';
    if (!partners.some((u) => idKey(u.id) === st.filters.partnerUnitId)) st.filters.partnerUnitId = '';
  }

  function drawList() {
    list.update({
      projects: st.projects, statuses: st.statuses, villages: st.villages, partners: st.partners, filters: st.filters,
      years: st.years, view: st.view, loading: st.loading, failed: st.failed,
    });
  }

  async function loadList() {
    st.loading = true;
    drawList();
    const got = await newest(st, 'loadToken', () => api.listProjects(projectQuery(st.filters)));
    if (!got) return;
    st.loading = false;
    st.failed = !got.ok;
    if (!got.ok) {
      drawList();
      reportError(got.error, { show: alert, reboot: onError });
      return;
    }
    st.projects = Array.isArray(got.value) ? got.value : [];
    for (const y of projectYears(0, st.projects)) st.years.add(y);
    drawList();
  }

  // ---------- list ↔ detail ----------
  function mountDetail() {
    return mountProjectDetail(detailHost, {
      api, toast, alert, clearAlert, onError,
      project: st.project,
      state: () => st,
      localDate,
      back: () => nav.back(),
      closed: () => {
        nav.showList();
        list.focusNew();
      },
      deleted: async () => {
        nav.showList();
        await loadList();
        list.focusNew();
      },
      // A command that returned the project: draw it, and the list behind.
      apply: (p) => {
        if (!p) return;
        st.project = p;
        nav.detail()?.update(p);
        loadList();
      },
      created: async (saved) => {
        nav.edit(saved);
        st.partners = await shared.partners({ fresh: true });
        if (st.disposed) return;
        nav.showDetail();
        nav.focus('#claim-unit');
      },
      saved: () => loadList(),
    });
  }

  return {
    show: async () => {
      const [villages, partners] = await Promise.all([shared.villages({ fresh: true }), shared.partners({ fresh: true })]);
      if (st.disposed) return;
      setChoices(villages, partners);
      if (st.mode === 'list') loadList();
      else {
        drawList();
        if (st.mode === 'edit') nav.detail()?.update(st.project);
      }
    },
    openProject: (id) => nav.open(idKey(id)),
    isDirty: nav.isDirty,
    dispose: () => {
      st.disposed = true;
      nav.destroy();
      list.destroy();
    },
  };
}
