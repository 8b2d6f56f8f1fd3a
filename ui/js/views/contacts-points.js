// 联系点 › 联系点: each leader's link to a community, compound or base grid (the kind
// follows the leader's level: 重点联系 / 包保 / 全覆盖), with start and end dates; the
// form beside the list. Under the list, beside the point's form (so at 1366×768 both
// are seen at once), the selected point's visits (走访记录: date, who went,
// what was found, what was coordinated) with their own form; a visit's problem
// becomes a demand in one step (转为诉求, demand_from_visit), and the visit lists the
// demands made from it (each opens in 诉求).
import { mountEvidence } from './evidence.js';
import { h, clear, labelled, optionNodes } from '../dom.js';
import { confirmDiscard, openModal } from '../dialog.js';
import {
  whileBusy, hideMessage, showMessage, showProblems,
} from '../forms.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { problemsIn } from '../logic/form.js';
import { localDate } from '../logic/format.js';
import {
  LEADER_LEVELS, POINT_FIELDS, VISIT_FIELDS, contactKindHint, leaderChoices, pointFormValues,
  parsePointForm, pointCells, pointTitle, visitFormValues, parseVisitForm, visitCells, demandFromVisitValues, villageIdOf,
} from '../logic/contacts.js';
import { DEMAND_FIELDS, demandChoices, parseDemandForm } from '../logic/demands.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recordForm, noteField } from './record-list/index.js';
import { exportListInfo } from '../logic/importing.js';

export function mountPoints(host, ctx) {
  const {
    api, toast, alert, onError, shared, navigate, route, office,
  } = ctx;
  const st = {
    leaders: [], units: { tree: null, targets: [], villages: [] }, levels: LEADER_LEVELS,
    leaderFilter: '', pointId: null, visits: null, disposed: false,
  };
  const fail = (e) => reportError(e, { show: alert, reboot: onError });

  const leaderFilter = h('select', { id: 'points-filter-leader', 'aria-label': '联系领导' });
  leaderFilter.addEventListener('change', () => {
    st.leaderFilter = leaderFilter.value;
    points.reload();
  });
  const pointsHost = h('div', { id: 'points-pane' });
  const visitsBody = h('div', { id: 'visits-body' });
  const visitsTitle = h('span', { class: 'visits-point', id: 'visits-point' });
  const visitsSection = h('section', { class: 'card visits', id: 'visits-section', 'aria-labelledby': 'visits-title' },
    h('div', { class: 'card-header' },
      h('h2', { id: 'visits-title' }, '走访记录', visitsTitle),
      excelTools({
        api, toast, onError, prefix: 'visits', exportKind: 'visits', exportNote: '所有联系点的走访记录都导出，不只是选中的联系点。',
        imports: [{ kind: 'visits' }],
        onImported: () => { if (!st.disposed) { st.visits?.reload(); points.reload(); } },
      })),
    visitsBody);
  host.append(pointsHost);

  const points = mountRecordList(pointsHost, {
    ctx,
    name: 'point',
    tableId: 'points-table',
    tableClass: 'points-table',
    label: '联系点',
    newText: '新增联系点',
    emptyText: '还没有联系点。点击“新增联系点”，为领导安排联系的村/社区、小区或网格。',
    emptyDetail: ['在左侧选择一个联系点，查看和修改；左侧列表下面列出它的走访记录。', '一个对象可以有多位联系领导，一位领导也可以联系多个对象。'],
    filters: labelled('领导', leaderFilter),
    below: visitsSection,
    toolbar: excelTools({
      api, toast, onError, prefix: 'points', exportKind: 'contact-points',
      imports: [{ kind: 'contact-points' }],
      onImported: () => { if (!st.disposed) points.reload(); },
    }),
    columns: [
      { title: '联系领导', class: 'cell-nowrap', cell: (p) => h('span', {}, h('span', { class: 'cell-name' }, pointCells(p).leader), ' ', h('span', { class: 'muted' }, pointCells(p, st.levels).level)) },
      { title: '联系对象', cell: (p) => pointCells(p).target },
      { title: '联系类型', class: 'cell-nowrap', cell: (p) => h('span', { class: ['badge', `kind-link-${p.kind ?? ''}`] }, pointCells(p).kind) },
      { title: '起止日期', class: 'cell-nowrap', cell: (p) => pointCells(p).period },
      {
        title: '状态',
        class: 'cell-nowrap',
        cell: (p) => (pointCells(p).active
          ? h('span', { class: 'badge badge-ok' }, '联系中')
          : h('span', { class: 'badge badge-muted', 'data-ended': '' }, pointCells(p).state)),
      },
      { title: '走访', class: 'cell-nowrap', cell: (p) => pointCells(p).visits },
    ],
    rowLabel: (p) => pointTitle(p),
    rowAttrs: (p) => ({ 'data-active': String(p.active !== false) }),
    init: async () => { await refreshShared(false); },
    load: async () => {
      const list = await api.listContactPoints();
      const all = Array.isArray(list) ? list : [];
      return st.leaderFilter ? all.filter((p) => idKey(p.leaderId) === st.leaderFilter) : all;
    },
    form: {
      title: (p) => (p ? pointTitle(p) : '新增联系点'),
      values: (p, extra) => pointFormValues(p, { today: localDate(), ...(extra?.prefill ?? {}) }),
      fields: (p) => {
        const kindHint = h('p', { class: 'hint', id: 'point-kind-hint', 'aria-live': 'polite' });
        return [
          {
            field: 'leaderId', label: '联系领导', type: 'select', blank: st.leaders.length ? '请选择领导' : '还没有领导，请先在“领导”中添加',
            options: leaderChoices(st.leaders, st.levels),
            missingLabel: p?.leaderName || '（已不存在的领导）',
            extra: kindHint,
            onBuild: (select) => {
              const update = () => {
                kindHint.textContent = contactKindHint(st.leaders.find((l) => idKey(l.id) === select.value), st.levels);
              };
              select.addEventListener('change', update);
              update();
            },
          },
          {
            field: 'unitId', label: '联系对象', type: 'select',
            blank: st.units.targets.length ? '请选择村/社区、小区或网格' : '还没有村/社区，请先在“组织架构”中建立',
            options: st.units.targets.map((t) => ({ value: t.id, label: t.label })),
            missingLabel: p?.unitPath || p?.unitName || '（已不存在的单位）',
          },
          { field: 'startOn', label: '开始日期', type: 'date' },
          { field: 'endOn', label: '结束日期', type: 'date', placeholder: '仍在联系可不填', hint: '调整分工后填写结束日期，原来的走访记录保留。' },
          noteField(),
        ];
      },
      parse: parsePointForm,
      fieldNames: POINT_FIELDS,
      focus: 'leaderId',
    },
    create: (input) => api.createContactPoint(input),
    update: (id, input) => api.updateContactPoint(id, input),
    remove: (id) => api.deleteContactPoint(id),
    savedText: (saved, creating) => (creating ? `已新增联系点：${saved ? pointTitle(saved) : ''}` : '已保存'),
    deleteText: {
      button: '删除联系点',
      message: (p) => `确定删除联系点“${pointTitle(p)}”吗？有走访记录的联系点不能删除。删除后可在回收站恢复。`,
      done: () => '已删除联系点，可在回收站恢复',
      hint: '登记错了才删除。已有走访记录的联系点不能删除：不再联系时填写结束日期即可。',
    },
    onSelect: (p) => selectPoint(p),
    onChanged: () => { shared.leaders({ fresh: true }); },
    extraDirty: () => !!st.visits?.isDirty(),
  });

  // Another view sent the clerk here (诉求 › 来源 → the visit it came from).
  if (route?.pointId) {
    points.open(idKey(route.pointId)).then(async (ok) => {
      if (ok && route.visitId && !st.disposed) await st.visits?.open(idKey(route.visitId));
    });
  }

  async function refreshShared(fresh) {
    const [leaders, units] = await Promise.all([shared.leaders({ fresh }), shared.units({ fresh })]);
    if (st.disposed) return;
    st.leaders = leaders;
    st.units = units;
    const keep = st.leaderFilter;
    clear(leaderFilter, h('option', { value: '' }, '全部领导'), optionNodes(leaderChoices(leaders, st.levels)));
    st.leaderFilter = leaders.some((l) => idKey(l.id) === keep) ? keep : '';
    leaderFilter.value = st.leaderFilter;
  }

  // ---------- the visits of the selected point ----------
  function selectPoint(p) {
    const id = p ? idKey(p.id) : '';
    visitsTitle.textContent = p ? ` · ${pointTitle(p)}` : '';
    if (id === st.pointId) return;
    st.pointId = id;
    st.visits?.dispose();
    st.visits = null;
    clear(visitsBody);
    if (!p) {
      visitsBody.append(h('p', { class: 'hint', id: 'visits-placeholder' }, '选择上面的一个联系点，查看和记录领导的走访。'));
      return;
    }
    st.visits = mountVisits(visitsBody, p);
  }

  function mountVisits(body, point) {
    const list = mountRecordList(body, {
      ctx,
      name: 'visit',
      tableId: 'visits-table',
      tableClass: 'visits-table',
      label: '走访记录',
      newText: '记录走访',
      emptyText: '这个联系点还没有走访记录。点击“记录走访”。',
      emptyDetail: ['选择一次走访查看和修改，或点击“记录走访”。', '走访发现的问题可以“转为诉求”，交办到部门跟踪办理。'],
      period: { date: (v) => v.visitedOn, by: exportListInfo('visits').periodBy, noun: '次' },
      columns: [
        { title: '走访日期', class: 'cell-time', cell: (v) => visitCells(v).visitedOn },
        { title: '走访人员', cell: (v) => visitCells(v).visitors },
        { title: '发现的问题', class: 'cell-summary', cell: (v) => visitCells(v).found },
        { title: '协调解决', class: 'cell-summary', cell: (v) => visitCells(v).coordinated },
        { title: '诉求', cell: (v) => demandLinks(v, point) },
      ],
      rowLabel: (v) => `${v.visitedOn ?? ''} 走访`,
      load: () => api.listVisits(idKey(point.id)),
      form: {
        title: (v) => (v ? `走访 · ${v.visitedOn ?? ''}` : '记录走访'),
        values: (v) => visitFormValues(v, { today: localDate() }),
        fields: () => [
          { field: 'visitedOn', label: '走访日期', type: 'date' },
          { field: 'visitors', label: '走访人员', maxlength: 100, placeholder: '如 张伟（副区长）、王芳（街道）' },
          { field: 'found', label: '发现的问题', type: 'textarea', rows: 4, placeholder: '走访中了解到的问题和群众诉求' },
          { field: 'coordinated', label: '协调解决的事项', type: 'textarea', rows: 3, placeholder: '现场协调、决定的事项' },
        ],
        parse: (values) => parseVisitForm(values, { contactPointId: idKey(point.id) }),
        fieldNames: VISIT_FIELDS,
        focus: 'visitedOn',
      },
      create: (input) => api.createVisit(input),
      update: (id, input) => api.updateVisit(id, input),
      remove: (id) => api.deleteVisit(id),
      savedText: (saved, creating) => (creating ? '已记录走访。发现的问题可以“转为诉求”。' : '已保存'),
      deleteText: {
        button: '删除走访记录',
        message: (v) => `确定删除 ${v.visitedOn ?? ''} 的走访记录吗？由它转成的诉求保留，来源仍指向这次走访。删除后可在回收站恢复。`,
        done: () => '已删除走访记录，可在回收站恢复',
      },
      detailExtra: (v, section) => {
        const c = visitCells(v);
        // A visit may find several problems: once one is a demand, the button says it makes another.
        const to = h('button', { type: 'button', id: 'visit-to-demand', class: 'btn btn-secondary' },
          c.demands.length ? '再转一条诉求…' : '转为诉求…');
        to.addEventListener('click', () => openDemandDialog(v, point));
        section.setAttribute('aria-labelledby', 'visit-demands-title');
        clear(section,
          h('h3', { id: 'visit-demands-title' }, `转成的诉求（${c.demands.length}）`),
          c.demands.length
            ? h('ul', { class: 'item-list', id: 'visit-demands' }, c.demands.map((d) => h('li', { class: 'item-row' }, demandLink(d))))
            : h('p', { class: 'hint' }, '走访发现的问题需要部门办理的，转为诉求后在“诉求”中交办、跟踪到回访。'),
          h('div', { class: 'button-row' }, to));
        st.evidence?.destroy();
        const photos = h('div', { class: 'visit-evidence' });
        section.append(photos);
        st.evidence = mountEvidence(photos, {
          api, toast, onError, kind: 'visits', id: idKey(v.id), prefix: 'visit', title: '走访照片和材料',
          hint: '还没有照片或材料。可一次添加现场照片、签到表、走访记录表等多个文件。',
        });
      },
      onChanged: () => points.reload(),
    });
    return list;
  }

  function demandLink(d) {
    const btn = h('button', {
      type: 'button', class: 'btn btn-link demand-link', 'data-visit-demand-id': d.id, title: '在“诉求”中打开',
    }, d.text);
    btn.addEventListener('click', () => goDemand(d.id));
    return btn;
  }

  function demandLinks(v, point) {
    const c = visitCells(v);
    const to = h('button', {
      type: 'button', class: 'btn btn-secondary btn-small', 'data-visit-to-demand': idKey(v.id), 'aria-label': `把 ${c.visitedOn} 走访发现的问题转为诉求`,
    }, c.demands.length ? '再转一条诉求' : '转为诉求');
    to.addEventListener('click', (e) => {
      e.stopPropagation();
      openDemandDialog(v, point);
    });
    return h('div', { class: 'visit-demands' }, c.demands.map(demandLink), to);
  }

  async function goDemand(id) {
    if (!(await confirmDiscard(points.isDirty())) || st.disposed) return;
    navigate?.('demands', { demandId: id });
  }

  // ---------- 转为诉求 ----------
  async function openDemandDialog(visit, point) {
    const [options, units] = await Promise.all([shared.options(), shared.units()]);
    if (st.disposed) return;
    const choices = demandChoices(options);
    const level = ['township', 'county', 'city'].includes(office?.level) ? office.level : 'township';
    const base = demandFromVisitValues(visit, point, { villageId: villageIdOf(units.tree, point.unitId), level });
    const error = h('p', { class: 'file-error', id: 'demand-dialog-error', role: 'alert', hidden: true });
    let close = () => {};
    const f = recordForm({
      name: 'demand',
      title: null,
      className: 'side-form demand-dialog-form',
      creating: true,
      saveText: '保存为诉求',
      values: base,
      fields: [
        { field: 'title', label: '诉求事项', maxlength: 100, placeholder: '简要写明要解决的问题' },
        { field: 'category', label: '类别', maxlength: 30, list: choices.categories, placeholder: '可选择或填写' },
        { field: 'level', label: '办理层级', type: 'select', options: choices.levels, hint: '应由哪一级解决（分级办理）；办不了可以再上报上级。' },
        { field: 'receivedOn', label: '受理日期', type: 'date' },
        { field: 'deadline', label: '办理时限', type: 'date', placeholder: '如 2026-03-31' },
        { field: 'description', label: '诉求内容', type: 'textarea', rows: 4, hint: '已填入走访发现的群众反映，可修改。' },
        { field: 'reporter', label: '反映人', maxlength: 40, placeholder: '反映问题的群众，可稍后在诉求中补填' },
        // Its own box, masked in lists: typed into 反映人 it stood whole in 变更记录 (probe N).
        { field: 'reporterPhone', label: '反映人电话', type: 'phone', hint: '列表和导出中按规定打码显示。' },
      ],
      cancel: () => close(),
      save: async () => {
        hideMessage(error);
        f.clearErrors();
        const parsed = parseDemandForm({ ...base, ...f.read() });
        if (!parsed.ok) {
          showProblems(problemsIn(parsed), f.showError, (m) => showMessage(error, m));
          return;
        }
        await whileBusy([f.saveBtn, f.cancelBtn], async () => {
          try {
            const saved = await api.demandFromVisit(visit.id, parsed.input);
            close();
            if (st.disposed) return;
            toast(`已转为诉求“${saved?.title ?? parsed.input.title}”，可在“诉求”中交办`);
            await st.visits?.reload();
            points.reload();
          } catch (e) {
            reportError(e, {
              fields: DEMAND_FIELDS,
              field: (field, message) => { if (!f.showError(field, message)) showMessage(error, message); },
              show: (message) => showMessage(error, message),
              reboot: (err) => { close(); onError?.(err); },
            });
          }
        });
      },
    });
    const modal = openModal({
      id: 'demand-dialog',
      title: '走访发现的问题转为诉求',
      className: 'dialog-wide',
      content: [
        h('p', { class: 'hint' }, `来源：${point.leaderName ?? ''} ${visit.visitedOn ?? ''} 走访${pointCells(point).target}。`
          + '保存后诉求和这次走访互相关联，诉求的办理在“诉求”中跟踪。'),
        f.el,
        error,
      ],
    });
    close = modal.close;
    f.inputs.title.focus();
    f.inputs.title.select?.();
  }

  return {
    show: async () => {
      await refreshShared(true);
      if (st.disposed) return;
      points.refreshForm();
      await points.reload();
      st.visits?.reload();
    },
    openPoint: (id) => points.open(idKey(id)),
    newPoint: (prefill) => points.startCreate(prefill ?? {}),
    isDirty: points.isDirty,
    dispose: () => {
      st.disposed = true;
      st.evidence?.destroy();
      st.visits?.dispose();
      points.dispose();
    },
  };
}
