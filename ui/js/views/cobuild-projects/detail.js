// 共建 › 项目, one project's detail: 返回, its head, the steps (../workflow.js), the
// form, 删除, and beside them 认领单位, 佐证材料 and the timeline. Runs the commands
// of the detail and hands each returned project up (props.apply), which draws it
// again through update(project). The moves offered are the project's `moves`, as
// the core sent them.
import { h, clear } from '../../dom.js';
import { whileBusy, undoEdits } from '../../forms.js';
import { formatDateTime } from '../../logic/format.js';
import { reportError } from '../../logic/errors.js';
import { PROJECT_FIELDS, MOVE_FIELDS, statusLabel, parseProjectForm, scoreText } from '../../logic/cobuild.js';
import { projectWorkflow, projectMoveArgs } from '../../logic/workflows.js';
import { mountWorkflow, runMove, runRedate, statusBadge, saveRecordForm, deleteZone } from '../workflow.js';
import { mountProjectForm } from './form.js';
import { mountClaims } from './parts.js';
import { mountEvidence } from '../evidence.js';

const MOVE_IDS = {
  steps: 'project-steps', move: 'project-move', advance: 'project-advance', back: 'project-return', error: 'move-error',
  blocked: 'move-blocked', hint: 'move-hint', timeline: 'project-timeline',
};

/**
 * mountProjectDetail(root, props) → { update(project), isDirty(), form(), destroy() }
 * props: { api, toast, alert, clearAlert, onError, project (null: a new one), state() (the screen's:
 *   mode, villages, partners, categories, filters, statuses, viewToken, disposed), localDate(),
 *   back(), closed(), deleted(), apply(project), created(project), saved() }
 */
export function mountProjectDetail(root, props) {
  const { api, toast, alert, clearAlert, onError } = props;
  const st = props.state();
  const token = st.viewToken;
  let project = props.project;
  let destroyed = false;
  const gone = () => destroyed || st.disposed || token !== st.viewToken;
  const creating = !project;

  const back = h('button', { id: 'project-back', type: 'button', class: 'btn btn-secondary btn-small' }, '‹ 返回项目列表');
  back.addEventListener('click', () => props.back());
  const head = h('div', { class: 'detail-head' });
  const steps = h('div', { class: 'project-steps-host' });
  const formHost = h('div', { class: 'project-form-host' });
  const side = h('div', { class: 'project-side' });
  const timeline = h('section', { class: 'info-section', id: 'project-timeline-section', 'aria-labelledby': 'project-timeline-title' });
  clear(root,
    h('div', { class: 'detail-head' }, back, head),
    creating ? h('p', { class: 'meta' }, '登记社区提出的需求。保存后可以添加认领单位，并一步步推进。') : steps,
    h('div', { class: creating ? 'project-create' : 'project-grid' },
      h('div', { class: 'project-main' }, formHost, creating ? null : deleteSection()),
      creating ? null : side));

  // A command of a part: run it, then apply the project it returns. → true when it went through.
  const run = async (task, buttons, report) => {
    let ok = false;
    await whileBusy(buttons, async () => {
      try {
        const saved = await task();
        if (gone()) return;
        props.apply(saved);
        ok = true;
      } catch (e) {
        if (!gone()) report(e);
      }
    });
    return ok;
  };
  const partProps = { api, toast, onError, back: () => props.back(), run, partners: () => st.partners };
  const claims = creating ? null : mountClaims(side, partProps);
  // 佐证材料: the 附件 section every kind with files shows; a file added or removed
  // can change what the project may do next (完成 asks for evidence), so the
  // project is asked again and applied.
  const evidence = creating ? null : mountEvidence(side, {
    api, toast, onError, kind: 'projects', id: project.id, prefix: 'project', title: '佐证材料',
    hint: '还没有佐证材料。完成后请上传现场照片、验收单等。',
    onChanged: async () => {
      try {
        const p = await api.getProject(project.id);
        if (!gone()) props.apply(p);
      } catch (e) {
        if (!gone()) reportError(e, { show: alert, reboot: onError });
      }
    },
  });
  if (!creating) side.append(timeline);
  const workflow = creating ? null : mountWorkflow(steps, {
    ids: MOVE_IDS,
    stepsLabel: '项目进度',
    moveLabel: '推进项目',
    doneText: '项目已评价，流程结束。',
    backDialog: { title: '退回项目', placeholder: '例如：认领单位撤回，需要重新认领' },
    backDate: () => props.localDate(),
    timelineRoot: timeline,
    timelineTitle: '时间线',
    timelineTitleId: 'project-timeline-title',
    onMove: move,
    onRedate: redate,
    focusFallback: () => back.focus(),
  });

  let form = null;
  function mountForm(p) {
    form?.destroy();
    form = mountProjectForm(formHost, {
      project: p, villages: st.villages, categories: st.categories, villageId: st.filters.villageId,
      onSave: save, onCancel: cancel,
    });
  }

  function draw(p) {
    clear(head,
      h('h2', { class: 'detail-title', id: 'project-detail-title' }, p ? (p.title ?? '') : '新建共建项目'),
      p ? statusBadge(p.status, p.statusLabel || statusLabel(p.status, st.statuses)) : null,
      p?.overdue ? h('span', { class: 'badge badge-bad', id: 'project-overdue', 'data-overdue': '' }, '已逾期') : null,
      p ? h('span', { class: 'meta', id: 'project-registered' },
        `${p.villageName ?? ''} · 登记于 ${p.registeredOn || formatDateTime(p.createdAt)}`) : null);
    if (!p) return;
    const evaluation = p.score || p.evaluation
      ? h('div', { class: 'evaluation', id: 'project-evaluation' },
        h('span', { class: 'evaluation-score' }, scoreText(p.score) || '未打分'),
        p.evaluation ? h('span', { class: 'evaluation-text' }, p.evaluation) : null)
      : null;
    workflow?.update({ ...projectWorkflow(p, st.statuses, { date: props.localDate() }), after: evaluation });
    claims?.update(p);
    form?.update?.(p);
  }

  /** 改日期 of a step (from the timeline; `index` into its events): redate_project_step. */
  function redate(date, index) {
    const p = project;
    clearAlert?.();
    return runRedate({
      date, title: p.title, run: (d) => api.redateProjectStep(p.id, d, index), toast, apply: props.apply,
      gone, fields: MOVE_FIELDS, onError, back: () => props.back(),
    });
  }

  /** 下一步 or 退回 (from the workflow): check, move_project, answer what to show. */
  function move(m, values) {
    const p = project;
    clearAlert?.();
    return runMove({
      parse: () => projectMoveArgs(m, values),
      run: (args) => api.moveProject(p.id, args),
      done: (saved, args) => {
        toast(`“${p.title ?? ''}”已${args.to === 'evaluated' ? '评价' : `改为“${m.toLabel || statusLabel(args.to, st.statuses)}”`}`);
        props.apply(saved);
      },
      gone, fields: MOVE_FIELDS, onError, back: () => props.back(),
    });
  }

  function cancel() {
    if (creating) {
      props.closed();
    } else if (form.isDirty()) {
      undoEdits({ dirty: true, toast, render: () => mountForm(project), focus: () => form?.focus() });
    } else {
      props.back();
    }
  }

  function save() {
    return saveRecordForm({
      form, parse: parseProjectForm, creating,
      create: (input) => api.createProject(input),
      update: (input) => api.updateProject(project.id, input),
      createdMessage: (title) => `已新建项目“${title}”，请添加认领单位`,
      fields: PROJECT_FIELDS,
      toast, alert, onError, back: () => props.back(),
      disposed: () => st.disposed, gone,
      saved: () => props.saved(),
      created: (saved) => props.created(saved),
      accept: (saved) => {
        project = saved;
        st.project = saved;
        mountForm(saved);
        draw(saved);
        return form;
      },
    });
  }

  function deleteSection() {
    return deleteZone({
      id: 'project-delete', label: '删除项目',
      hint: '登记错了才删除；项目不做了可以退回或在说明里写明。',
      current: () => project,
      message: (p) => `确定删除共建项目“${p.title ?? ''}”吗？删除后可在回收站恢复，附件一并保留。`,
      remove: (p) => api.deleteProject(p.id),
      toast, clearAlert, alert, onError,
      disposed: () => st.disposed,
      deleted: () => props.deleted(),
    });
  }

  mountForm(project);
  draw(project);

  return {
    update(p) {
      project = p;
      draw(p);
    },
    isDirty: () => !!form?.isDirty(),
    form: () => form,
    destroy() {
      destroyed = true;
      workflow?.destroy();
      evidence?.destroy();
      clear(root);
    },
  };
}
