// 诉求 › 诉求, one demand's detail: 返回, its head, the source (a visit links back to
// 联系点), the steps (../workflow.js, with 上报上级… beside 退回…), the form, 删除,
// and beside them 办理情况 and 办理记录. Runs the detail's commands; a returned
// demand goes up (props.apply) and comes back down through update(demand). The moves
// offered (上报 among them) are the demand's `moves`, as the core sent them.
import { h, clear } from '../../dom.js';
import { confirmDiscard } from '../../dialog.js';
import { whileBusy, undoEdits } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import {
  DEMAND_FIELDS, MOVE_FIELDS, statusLabel, demandCells, satisfactionText, parseDemandForm, assignmentSheet,
} from '../../logic/demands.js';
import { labelOf } from '../../logic/labels.js';
import { printSheet } from '../../print.js';
import { demandWorkflow, demandMoveArgs, otherMove } from '../../logic/workflows.js';
import { mountWorkflow, runMove, runRedate, statusBadge, saveRecordForm, deleteZone } from '../workflow.js';
import { revealCell } from '../record-list/index.js';
import { mountDemandForm } from './form.js';
import { openEscalate } from './escalate.js';

const MOVE_IDS = {
  steps: 'demand-steps', move: 'demand-move', advance: 'demand-advance', back: 'demand-return', error: 'demand-move-error',
  blocked: 'demand-move-blocked', hint: 'demand-move-hint', timeline: 'demand-history',
};

/**
 * mountDemandDetail(root, props) → { update(demand), isDirty(), form(), destroy() }
 * props: { api, toast, alert, clearAlert, onError, navigate, demand (null: a new one), state() (the screen's),
 *   level (of a new one), back(), closed(), deleted(), apply(demand), created(demand), saved() }
 */
export function mountDemandDetail(root, props) {
  const { api, toast, alert, clearAlert, onError, navigate } = props;
  const st = props.state();
  const token = st.viewToken;
  let demand = props.demand;
  let destroyed = false;
  const gone = () => destroyed || st.disposed || token !== st.viewToken;
  const creating = !demand;

  const back = h('button', { id: 'demand-back', type: 'button', class: 'btn btn-secondary btn-small' }, '‹ 返回诉求列表');
  back.addEventListener('click', () => props.back());
  const head = h('div', { class: 'detail-head' });
  const source = h('div', { class: 'demand-source', id: 'demand-source-box' });
  const steps = h('div', { class: 'project-steps-host' });
  const facts = h('section', { class: 'info-section', id: 'demand-facts-section', 'aria-labelledby': 'demand-facts-title' });
  const history = h('section', { class: 'info-section', id: 'demand-history-section', 'aria-labelledby': 'demand-history-title' });
  const formHost = h('div', { class: 'demand-form-host' });
  clear(root,
    h('div', { class: 'detail-head' }, back, head),
    creating ? h('p', { class: 'meta' }, '登记收到的诉求。保存后交办到部门，一步步办理到回访。') : [source, steps],
    h('div', { class: creating ? 'project-create' : 'project-grid' },
      h('div', { class: 'project-main' }, formHost, creating ? null : deleteSection()),
      creating ? null : h('div', { class: 'project-side' }, facts, history)));

  const workflow = creating ? null : mountWorkflow(steps, {
    ids: MOVE_IDS,
    stepsLabel: '办理进度',
    moveLabel: '办理诉求',
    doneText: '诉求已回访，办理结束。',
    backDialog: { title: '退回诉求', placeholder: '例如：承办部门认为不属于其职责，需要重新交办' },
    backDate: () => localDate(),
    timelineRoot: history,
    timelineTitle: '办理记录',
    timelineTitleId: 'demand-history-title',
    onMove: move,
    onRedate: redate,
    focusFallback: () => back.focus(),
  });

  let form = null;
  function mountForm(d) {
    form?.destroy();
    form = mountDemandForm(formHost, {
      demand: d, fullPhone: st.fullPhone, level: props.level, choices: st.choices, villages: st.villages,
      onSave: save, onCancel: cancel,
    });
  }

  function draw(d) {
    const c = d ? demandCells(d, st.choices) : null;
    clear(head,
      h('h2', { class: 'detail-title', id: 'demand-detail-title' }, d ? (d.title ?? '') : '登记诉求'),
      d ? statusBadge(c.status, c.statusLabel, 'demand-status') : null,
      d ? h('span', { class: ['level-badge', `level-${d.level ?? ''}`], id: 'demand-level-badge' }, c.level) : null,
      c?.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue': '', id: 'demand-overdue' }, '已逾期') : null);
    if (!d) return;
    drawSource(d, c);
    drawSteps(d);
    const row = (label, value, id) => [h('dt', {}, label), h('dd', { id }, value || '—')];
    clear(facts,
      h('h3', { id: 'demand-facts-title' }, '办理情况'),
      h('dl', { class: 'info-grid demand-facts', id: 'demand-facts' },
        row('办理层级', c.level, 'demand-fact-level'),
        row('承办部门', d.departmentName, 'demand-fact-department'),
        row('受理日期', d.receivedOn, 'demand-fact-receivedOn'),
        row('办理时限', d.deadline, 'demand-fact-deadline'),
        row('办结日期', d.resolvedOn, 'demand-fact-resolvedOn'),
        row('是否按期', c.onTime, 'demand-fact-onTime'),
        row('办理结果', d.result, 'demand-fact-result'),
        row('回访满意度', satisfactionText(d, st.choices.satisfactions), 'demand-fact-satisfaction')),
      printButton(d));
  }

  /** 打印交办单 (督办单 when its department is late): A4, through the app's print sheet. */
  function printButton(d) {
    const { kind } = assignmentSheet(d, { choices: st.choices });
    const btn = h('button', { id: 'demand-print', type: 'button', class: 'btn btn-secondary' }, `打印${kind}`);
    btn.addEventListener('click', () => printAssignment(d));
    return h('div', { class: 'button-row' }, btn);
  }

  function printAssignment(d) {
    const sheet = assignmentSheet(d, { office: props.office?.name ?? '', today: localDate(), choices: st.choices });
    return printSheet('demand-print-sheet',
      h('h1', { class: 'print-sheet-title' }, sheet.title),
      h('p', { class: 'print-sheet-date' }, `打印日期：${localDate()}`),
      h('table', { class: 'print-sheet-table assign-sheet-table' },
        h('tbody', {}, ...sheet.rows.map(([label, value]) => h('tr', {},
          h('th', { scope: 'row', class: 'assign-label' }, label), h('td', {}, value))))),
      h('p', { class: 'assign-request', id: 'demand-print-request' }, `${sheet.kind === '督办单' ? '督办' : '交办'}要求：${sheet.request}`),
      h('div', { class: 'assign-result' }, h('p', {}, '办理结果（承办部门填写）：'), h('div', { class: 'assign-blank' })),
      h('div', { class: 'assign-signatures' },
        ...sheet.signatures.map((label) => h('p', { class: 'assign-sign' }, `${label}：`, h('span', { class: 'assign-line' })))));
  }

  function drawSource(d, c) {
    const parts = [h('span', { class: 'source-label' }, `来源：${c.source}`)];
    if (d.sourceText) parts.push(h('span', { class: 'muted' }, d.sourceText));
    if (d.source === 'visit' && d.sourceRef != null && d.sourceRef !== '') {
      // A visit in the recycle bin is restored there (the link said only 已删除).
      const link = d.sourceGone
        ? h('button', { type: 'button', id: 'demand-source-recycle', class: 'btn btn-link' }, '去回收站恢复')
        : h('button', { type: 'button', id: 'demand-source-visit', class: 'btn btn-link' }, '查看走访记录');
      link.addEventListener('click', () => (d.sourceGone ? goRecycle() : goVisit(idKey(d.sourceRef), link)));
      parts.push(link);
    }
    if (d.reporter || d.reporterPhone) {
      parts.push(h('span', { class: 'reporter' }, `反映人：${d.reporter || '—'}`,
        d.reporterPhone
          ? revealCell({
            id: idKey(d.id), masked: d.reporterPhone, label: '反映人',
            reveal: () => api.revealDemandPhone(d.id),
            onError: (e) => reportError(e, { show: alert, reboot: onError }),
          })
          : null));
    }
    clear(source, h('p', { class: 'source-line', id: 'demand-source-line' }, parts));
  }

  function drawSteps(d) {
    const up = otherMove(d.moves, 'escalate');
    const escalate = up ? h('button', { id: 'demand-escalate', type: 'button', class: 'btn btn-secondary' }, `${up.label}…`) : null;
    escalate?.addEventListener('click', () => openEscalate({
      demand: d, move: up, levels: st.choices.levels, send: escalateTo, onError,
    }));
    const go = h('button', { type: 'button', class: 'btn btn-link', id: 'demand-go-departments' }, '去添加部门');
    go.addEventListener('click', async () => {
      if (!(await confirmDiscard(isDirty())) || st.disposed) return;
      navigate?.('contacts', { tab: 'departments' });
    });
    // The next step of this demand starts at the day of its last one (entering a
    // backlog, each step's date had to be typed again from today).
    const last = st.moveDate?.id === d.id ? st.moveDate.date : '';
    const wf = demandWorkflow(d, { statuses: st.choices.statuses, levels: st.choices.levels, date: last || localDate() });
    workflow?.update({ ...wf, side: escalate, blockedExtra: go });
  }

  async function goRecycle() {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    navigate?.('recycle');
  }

  /** 查看走访记录: the visit this demand came from, in 联系点 › 联系点. */
  async function goVisit(visitId, button) {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    let visits;
    try {
      visits = await whileBusy(button, () => api.listVisits(''));
    } catch (e) {
      if (!st.disposed) reportError(e, { show: alert, reboot: onError });
      return;
    }
    if (st.disposed) return;
    const v = (Array.isArray(visits) ? visits : []).find((x) => idKey(x.id) === visitId);
    if (!v) {
      alert('这条走访记录已删除，可在回收站恢复。');
      return;
    }
    navigate?.('contacts', { tab: 'points', pointId: idKey(v.contactPointId), visitId });
  }

  /** 下一步 or 退回 (from the workflow): check, move_demand, answer what to show. */
  function move(m, values) {
    const d = demand;
    clearAlert?.();
    return runMove({
      parse: () => demandMoveArgs(m, values),
      run: (args) => api.moveDemand(d.id, args),
      done: (saved, args) => {
        if (args.date) st.moveDate = { id: d.id, date: args.date };
        toast(`“${d.title ?? ''}”已改为“${m.toLabel || statusLabel(args.to, st.choices.statuses)}”`);
        props.apply(saved);
      },
      gone, fields: MOVE_FIELDS, onError, back: () => props.back(),
    });
  }

  /** 改日期 of a step (from the 办理记录; `index` into its history): redate_demand_step. */
  function redate(date, index) {
    const d = demand;
    clearAlert?.();
    return runRedate({
      date, title: d.title, run: (day) => api.redateDemandStep(d.id, day, index), toast, apply: props.apply,
      gone, fields: MOVE_FIELDS, onError, back: () => props.back(),
    });
  }

  async function escalateTo(args) {
    const d = demand;
    const saved = await api.escalateDemand(d.id, args);
    if (gone()) return;
    toast(`“${d.title ?? ''}”已上报到${labelOf(args.level, st.choices.levels)}，请重新交办`);
    props.apply(saved);
    root.querySelector('#demand-departmentId, #demand-advance')?.focus();
  }

  const isDirty = () => !!form?.isDirty();

  function cancel() {
    if (creating) props.closed();
    else if (isDirty()) undoEdits({ dirty: true, toast, render: () => mountForm(demand), focus: () => form?.focus() });
    else props.back();
  }

  function save() {
    return saveRecordForm({
      form, parse: parseDemandForm, creating,
      create: (input) => api.createDemand(input),
      update: (input) => api.updateDemand(demand.id, input),
      createdMessage: (title) => `已登记诉求“${title}”，请交办到部门`,
      fields: DEMAND_FIELDS,
      toast, alert, onError, back: () => props.back(),
      disposed: () => st.disposed, gone,
      saved: () => props.saved(),
      created: (saved, input) => {
        st.fullPhone = input.reporterPhone;
        props.created(saved);
      },
      accept: (saved, input) => {
        st.fullPhone = input.reporterPhone;
        demand = saved;
        st.demand = saved;
        mountForm(saved);
        draw(saved);
        return form;
      },
    });
  }

  function deleteSection() {
    return deleteZone({
      id: 'demand-delete', label: '删除诉求',
      hint: '登记错了才删除；不需要办理的可以在办理结果中写明后办结。',
      current: () => demand,
      // Its 受理日期 tells two of one title apart; the visit only where it has one.
      message: (d) => `确定删除诉求“${d.title ?? ''}”${d.receivedOn ? `（受理日期 ${d.receivedOn}）` : ''}吗？删除后可在回收站恢复${d.source === 'visit' && d.sourceRef ? '，恢复后仍与原走访记录关联' : ''}。`,
      remove: (d) => api.deleteDemand(d.id),
      toast, clearAlert, alert, onError,
      disposed: () => st.disposed,
      deleted: () => props.deleted(),
    });
  }

  mountForm(demand);
  draw(demand);

  return {
    /** A demand a command returned: everything but a form holding edits. */
    update(d) {
      demand = d;
      draw(d);
      if (!isDirty()) {
        mountForm(d);
      } else if (form?.inputs.level) {
        // An escalation changed the level: the form follows, so 保存 does not undo it.
        form.inputs.level.value = d.level ?? '';
        form.baseline.level = d.level ?? '';
      }
    },
    /**
     * The steps again: departments may have changed, and with them what 交办 offers,
     * so the demand (and its moves) is fetched again. On failure the steps stay.
     */
    redrawSteps: async () => {
      const d = demand;
      if (!d) return;
      let fresh;
      try {
        fresh = await api.getDemand(d.id);
      } catch {
        return;
      }
      if (!gone() && fresh && demand === d) props.apply(fresh);
    },
    isDirty,
    form: () => form,
    destroy() {
      destroyed = true;
      workflow?.destroy();
      clear(root);
    },
  };
}
