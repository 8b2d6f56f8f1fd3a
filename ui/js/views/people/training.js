// 人员名单, below an existing person's 履历: the person's 培训记录 (sessions, hours this
// year and in all) and 引育留用 (招录, 晋升, 选拔, 评优, 离职: dated events, added and
// never edited; a wrong one is deleted into the recycle bin). Each loads on its own.
import { h, clear, formField, thead, dateBox } from '../../dom.js';
import { confirmDelete } from '../../dialog.js';
import { reportError } from '../../logic/errors.js';
import { PIPELINE_EVENTS, hoursText, parsePipelineForm } from '../../logic/training.js';

/** The 引育留用 events that make the person leave (离岗) from their day. */
const LEAVES = Object.freeze(['left', 'selected_civil_servant', 'selected_institution']);

export function trainingPart(cx) {
  const { st, api, toast } = cx;
  const fail = (e) => reportError(e, { show: cx.alert ?? (() => {}), reboot: cx.onError });

  function recordSection(person) {
    const body = h('div', { id: 'person-training-body' }, h('p', { class: 'hint' }, '正在加载培训记录…'));
    const section = h('section', { class: 'person-training', id: 'person-training', 'aria-labelledby': 'person-training-title' },
      h('h3', { id: 'person-training-title' }, '培训记录'), body);
    (async () => {
      let rec;
      try {
        rec = await api.personTrainingRecord(person.id);
      } catch {
        if (!st.disposed) clear(body, h('p', { class: 'hint' }, '培训记录没有加载成功。'));
        return;
      }
      if (st.disposed || st.person?.id !== person.id) return;
      const rows = rec?.sessions ?? [];
      clear(body,
        h('p', { class: 'muted', id: 'person-training-summary' },
          `今年 ${rec?.yearSessions ?? 0} 次、${hoursText(rec?.yearHours ?? 0)} 学时；累计 ${rows.length} 次、${hoursText(rec?.totalHours ?? 0)} 学时`),
        rows.length
          ? h('table', { class: 'data-table', id: 'person-training-table' },
            thead('日期', '层级', '主题', '主办单位', '学时'),
            h('tbody', {}, rows.map((s) => h('tr', { 'data-session-id': s.sessionId ?? '' },
              h('td', { class: 'cell-time' }, s.date ?? ''),
              h('td', { class: 'cell-nowrap' }, s.levelLabel ?? ''),
              h('td', {}, s.topic ?? ''),
              h('td', {}, s.organiser ?? ''),
              h('td', { class: 'cell-nowrap' }, hoursText(s.hours))))))
          : h('p', { class: 'hint', id: 'person-training-empty' }, '还没有参加培训的记录。'));
    })();
    return section;
  }

  function pipelineSection(person) {
    const body = h('div', { id: 'person-pipeline-body' });
    const event = h('select', { id: 'pipeline-event', name: 'event' },
      PIPELINE_EVENTS.map((e) => h('option', { value: e.value }, e.label)));
    const date = dateBox({ id: 'pipeline-date', name: 'date' });
    const batch = h('input', { id: 'pipeline-batch', name: 'batch', maxlength: '40', placeholder: '如 2026年第一批' });
    const way = h('input', { id: 'pipeline-way', name: 'way', maxlength: '40', placeholder: '如 公开招聘' });
    const detail = h('input', { id: 'pipeline-detail', name: 'detail', maxlength: '200', placeholder: '晋升的职务、荣誉名称或离职原因' });
    const error = h('p', { class: 'field-error', id: 'pipeline-error', hidden: true });
    const recruitOnly = [formField('招录批次', batch), formField('招录方式', way)];
    const syncEvent = () => { for (const el of recruitOnly) el.hidden = event.value !== 'recruited'; };
    event.addEventListener('change', syncEvent);
    syncEvent();
    const add = h('button', { id: 'pipeline-add', type: 'button', class: 'btn btn-secondary' }, '登记');
    const refresh = async () => {
      let rows;
      try {
        rows = await api.listPipelineEvents(person.id);
      } catch {
        if (!st.disposed) clear(body, h('p', { class: 'hint' }, '引育留用记录没有加载成功。'));
        return;
      }
      if (st.disposed || st.person?.id !== person.id) return;
      const del = (ev) => {
        const b = h('button', { type: 'button', class: 'btn btn-link btn-small', 'data-delete-event': ev.id }, '删除');
        b.addEventListener('click', async () => {
          // A 离职 or 选拔 made the person leave: its deletion puts them back (probe S).
          const back = LEAVES.includes(ev.event) ? '这名人员因这条记录记为离岗，删除后恢复为在岗（之后又有别的变动的除外），履历里对应的离岗一并撤销。' : '';
          const ok = await confirmDelete(`确定删除这条“${ev.eventLabel ?? ''}”记录吗？登记错了才删除；${back}删除后可在回收站恢复。`);
          if (!ok || st.disposed) return;
          try {
            await api.deletePipelineEvent(ev.id);
            toast('已删除，可在回收站恢复');
            await refresh();
            if (LEAVES.includes(ev.event)) await cx.personChanged?.();
          } catch (e) { fail(e); }
        });
        return b;
      };
      clear(body, rows.length
        ? h('table', { class: 'data-table', id: 'person-pipeline' },
          thead('日期', '事件', '说明', { sr: '操作' }),
          h('tbody', {}, rows.map((ev) => h('tr', { 'data-event': ev.event ?? '' },
            h('td', { class: 'cell-time' }, ev.date ?? ''),
            h('td', { class: 'cell-nowrap' }, ev.eventLabel ?? ''),
            h('td', {}, [ev.batch, ev.way, ev.detail].filter(Boolean).join(' · ')
              + (ev.communityWorker ? '' : '（当时不是社区工作者）')),
            h('td', {}, del(ev))))))
        : h('p', { class: 'hint', id: 'person-pipeline-empty' }, '还没有引育留用记录。'));
    };
    // Enter in any of the form's boxes registers, as Enter saves every other form.
    for (const box of [date, batch, way, detail]) {
      box.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.isComposing) {
          e.preventDefault();
          add.click();
        }
      });
    }
    add.addEventListener('click', async () => {
      error.hidden = true;
      const parsed = parsePipelineForm({
        event: event.value, date: date.value, batch: batch.value, way: way.value, detail: detail.value,
      }, person.id);
      if (!parsed.ok) {
        error.textContent = parsed.error.message;
        error.hidden = false;
        return;
      }
      add.disabled = true; // a second Enter while it registers does not register twice
      try {
        const saved = await api.addPipelineEvent(parsed.input);
        toast(`已登记“${saved?.eventLabel ?? ''}”`);
        date.value = '';
        batch.value = '';
        way.value = '';
        detail.value = '';
        await refresh();
        // 离职 and 选拔 make the person leave from that day: the form shows it (a 选拔
        // left the page at 在岗 and its next 保存 refused, probe S).
        if (LEAVES.includes(parsed.input.event)) await cx.personChanged?.();
      } catch (e) {
        if (e?.field) {
          error.textContent = e.message ?? String(e);
          error.hidden = false;
        } else {
          fail(e);
        }
      } finally {
        add.disabled = false;
      }
    });
    refresh();
    return h('section', { class: 'person-pipeline', id: 'person-pipeline-section', 'aria-labelledby': 'person-pipeline-title' },
      h('h3', { id: 'person-pipeline-title' }, '引育留用'),
      h('p', { class: 'hint' }, '招录、晋升、选拔进入乡镇公务员/事业编、评优、离职：按日期登记，登记后不修改，历史不会被覆盖。选拔和离职自当天起把这名人员记为离岗。'),
      body,
      h('div', { class: 'pipeline-form field-row', id: 'pipeline-form' },
        formField('事件', event), formField('日期', date), ...recruitOnly, formField('说明', detail), add, error));
  }

  return { recordSection, pipelineSection };
}
