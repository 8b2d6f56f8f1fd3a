// 党建 › 联席会议: the joint meetings of the committees (newest first, filtered by
// committee and year), the meeting form beside the list (committee, date,
// attendees from its members, topics, decisions as rows of text / owner / due
// date / 已办结), and below, the follow-up items (跟进事项) the decisions became,
// overdue ones marked 已逾期, each marked done or reopened with one button.
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, deleteRecord } from '../dialog.js';
import {
  bindFormKeys, bindRowKeys, oneAtATime, whileBusy, clearFieldErrors, showFieldError, rememberFocus, undoEdits,
  fieldRow,
} from '../forms.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import { valuesChanged } from '../logic/fields.js';
import {
  MEETING_FIELDS, meetingFormValues, parseMeetingForm, meetingCells, meetingYears, followUpCells,
  followUpSummary, committeeLabel,
} from '../logic/party.js';
import { excelTools } from './excel-tools.js';
import { decisionsEditor } from './decisions.js';

export function mountMeetings(host, { api, toast, alert, clearAlert, onError }) {
  const st = {
    committees: [],
    meetings: [],
    years: new Set(),
    filter: { committeeId: '', year: '' },
    followUps: [],
    onlyOpen: true,
    mode: 'empty', // 'empty' | 'create' | 'edit'
    meeting: null,
    baseline: null,
    loadToken: 0,
    followToken: 0,
    viewToken: 0,
    disposed: false,
  };
  let form = null;

  // ---------- skeleton ----------
  const committeeFilter = h('select', { id: 'meeting-filter-committee', 'aria-label': '委员会' });
  const yearFilter = h('select', { id: 'meeting-filter-year', 'aria-label': '年份' });
  const newBtn = h('button', { id: 'meeting-new', type: 'button', class: 'btn btn-primary' }, '记录联席会议');
  const listHost = h('div', { class: 'table-scroll', id: 'meetings-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const editor = h('aside', { class: 'side-panel side-panel-wide', id: 'meeting-editor', 'aria-label': '联席会议' });
  const onlyOpenBox = h('input', { type: 'checkbox', id: 'follow-ups-only-open', checked: true });
  const followSummary = h('p', { class: 'counts-line', id: 'follow-ups-summary', role: 'status' });
  const followHost = h('div', { class: 'table-scroll', id: 'follow-ups-host' }, h('p', { class: 'loading' }, '正在加载…'));

  host.append(
    h('div', { class: 'toolbar toolbar-spread' },
      h('div', { class: 'filter-row' },
        newBtn,
        h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '委员会'), committeeFilter),
        h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, '年份'), yearFilter)),
      excelTools({
        api, toast, onError, prefix: 'meetings', exportKind: 'joint-meetings', defaultName: '联席会议.xlsx',
        exportHint: '导出全部联席会议（日期、委员会、出席委员、议题和决定事项）。',
        imports: [{ kind: 'joint-meetings' }],
        onImported: () => { if (!st.disposed) refreshAll(); },
      })),
    h('div', { class: 'split-layout split-wide' }, h('div', { class: 'split-main' }, listHost), editor),
    h('section', { class: 'card follow-ups', id: 'follow-ups-section', 'aria-labelledby': 'follow-ups-title' },
      h('div', { class: 'card-header' },
        h('h2', { id: 'follow-ups-title' }, '跟进事项'),
        h('div', { class: 'checkbox-row' }, onlyOpenBox, h('label', { for: 'follow-ups-only-open' }, '只看未办结'))),
      h('p', { class: 'hint' }, '联席会议的每条决定事项都是一项跟进事项。过了办结期限还没办结的标为“已逾期”。'),
      followSummary,
      followHost));

  newBtn.addEventListener('click', () => openMeeting(null));
  committeeFilter.addEventListener('change', () => {
    st.filter.committeeId = committeeFilter.value;
    loadMeetings();
  });
  yearFilter.addEventListener('change', () => {
    st.filter.year = yearFilter.value;
    loadMeetings();
  });
  onlyOpenBox.addEventListener('change', () => {
    st.onlyOpen = onlyOpenBox.checked;
    loadFollowUps();
  });

  renderEditor();
  refreshAll();

  // ---------- data ----------
  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  async function refreshAll() {
    await loadCommittees();
    if (st.disposed) return;
    await Promise.all([loadMeetings(), loadFollowUps()]);
  }

  async function loadCommittees() {
    try {
      const list = await api.listCommittees();
      if (st.disposed) return;
      st.committees = Array.isArray(list) ? list : [];
    } catch (e) {
      if (!st.disposed) fail(e);
    }
    fillCommitteeFilter();
  }

  function fillCommitteeFilter() {
    clear(committeeFilter, h('option', { value: '' }, '全部委员会'),
      st.committees.map((c) => h('option', { value: idKey(c.id) }, committeeLabel(c))));
    if (st.filter.committeeId && !st.committees.some((c) => idKey(c.id) === st.filter.committeeId)) st.filter.committeeId = '';
    committeeFilter.value = st.filter.committeeId;
  }

  function fillYearFilter() {
    const years = meetingYears(new Date().getFullYear(), [...st.years].map((y) => ({ heldOn: `${y}-01-01` })));
    clear(yearFilter, h('option', { value: '' }, '全部年份'), years.map((y) => h('option', { value: y }, `${y}年`)));
    yearFilter.value = st.filter.year;
  }

  async function loadMeetings() {
    const token = ++st.loadToken;
    listHost.setAttribute('aria-busy', 'true');
    let list;
    try {
      list = await api.listJointMeetings(st.filter.committeeId, st.filter.year);
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      listHost.removeAttribute('aria-busy');
      fail(e);
      if (!listHost.querySelector('table')) clear(listHost, h('p', { class: 'empty-state' }, '联席会议没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    listHost.removeAttribute('aria-busy');
    st.meetings = Array.isArray(list) ? list : [];
    for (const m of st.meetings) if (/^\d{4}/.test(m?.heldOn ?? '')) st.years.add(m.heldOn.slice(0, 4));
    fillYearFilter();
    renderMeetings();
  }

  async function loadFollowUps() {
    const token = ++st.followToken;
    followHost.setAttribute('aria-busy', 'true');
    let list;
    try {
      list = await api.listFollowUps(st.onlyOpen);
    } catch (e) {
      if (st.disposed || token !== st.followToken) return;
      followHost.removeAttribute('aria-busy');
      fail(e);
      if (!followHost.querySelector('table')) clear(followHost, h('p', { class: 'empty-state' }, '跟进事项没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.followToken) return;
    followHost.removeAttribute('aria-busy');
    st.followUps = Array.isArray(list) ? list : [];
    renderFollowUps();
  }

  // ---------- the meetings list ----------
  function renderMeetings() {
    if (!st.meetings.length) {
      const filtered = st.filter.committeeId || st.filter.year;
      clear(listHost, h('p', { class: 'empty-state', id: 'meetings-empty' }, filtered
        ? '没有符合条件的联席会议。'
        : '还没有联席会议记录。点击“记录联席会议”开始录入。'));
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.dataset?.meetingId : null;
    clear(listHost, h('table', { class: 'data-table meetings-table', id: 'meetings-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '日期'),
        h('th', { scope: 'col' }, '委员会'),
        h('th', { scope: 'col' }, '出席'),
        h('th', { scope: 'col' }, '议题'),
        h('th', { scope: 'col' }, '决定事项'))),
      h('tbody', {}, st.meetings.map(meetingRow))));
    if (hadFocus) listHost.querySelector(`tr[data-meeting-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function meetingRow(m) {
    const id = idKey(m.id);
    const c = meetingCells(m);
    const selected = st.mode === 'edit' && idKey(st.meeting?.id) === id;
    const tr = h('tr', {
      class: ['record-row', selected && 'is-selected'], 'data-meeting-id': id, tabindex: '0', 'aria-selected': String(selected),
      'aria-label': `${c.heldOn} ${c.committee}，按 Enter 打开`,
    },
    h('td', { class: 'cell-time' }, c.heldOn),
    h('td', {}, c.committee),
    h('td', { class: 'cell-nowrap', title: c.attendeeNames }, c.attendees),
    h('td', { class: 'cell-summary' }, c.topics),
    h('td', { class: 'cell-nowrap' }, c.decisions));
    tr.addEventListener('click', () => openMeeting(m));
    bindRowKeys(tr, () => openMeeting(m), { root: listHost, selector: 'tr[data-meeting-id]', onTop: () => newBtn.focus() });
    return tr;
  }

  // ---------- the meeting form ----------
  function isDirty() {
    return !!form && valuesChanged(st.baseline, form.read());
  }

  async function openMeeting(m) {
    if (m && st.mode === 'edit' && idKey(st.meeting?.id) === idKey(m.id)) {
      form?.inputs.topics.focus();
      return;
    }
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = m ? 'edit' : 'create';
    st.meeting = m;
    renderEditor();
    renderMeetings();
    (m ? form?.inputs.topics : form?.inputs.committeeId)?.focus();
  }

  function closeEditor() {
    const id = idKey(st.meeting?.id);
    st.viewToken += 1;
    st.mode = 'empty';
    st.meeting = null;
    renderEditor();
    renderMeetings();
    ((id && listHost.querySelector(`tr[data-meeting-id="${cssEscape(id)}"]`)) || newBtn).focus();
  }

  function renderEditor() {
    form = null;
    if (st.mode === 'empty') {
      clear(editor, h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '选择一次会议查看和修改，或点击“记录联席会议”。'),
        h('p', { class: 'hint' }, '会议的每条决定事项可以写明责任人和办结期限，会出现在下面的“跟进事项”里。')));
      return;
    }
    clear(editor, meetingForm());
  }

  function meetingForm() {
    const m = st.meeting;
    const only = st.committees.length === 1 ? idKey(st.committees[0].id) : '';
    const values = meetingFormValues(m, { today: localDate(), committeeId: st.filter.committeeId || only });
    st.baseline = JSON.parse(JSON.stringify(values));
    const inputs = {};
    const errors = {};
    inputs.committeeId = h('select', { id: 'meeting-committeeId', name: 'committeeId' },
      h('option', { value: '' }, st.committees.length ? '请选择委员会' : '还没有委员会'),
      st.committees.map((c) => h('option', { value: idKey(c.id) }, committeeLabel(c))));
    if (values.committeeId && !st.committees.some((c) => idKey(c.id) === values.committeeId)) {
      inputs.committeeId.append(h('option', { value: values.committeeId }, m?.committeeName || '（已不存在的委员会）'));
    }
    inputs.committeeId.value = values.committeeId;
    inputs.heldOn = h('input', {
      type: 'text', id: 'meeting-heldOn', name: 'heldOn', class: 'input-date', maxlength: '12', autocomplete: 'off',
      placeholder: '如 2026-03-01', value: values.heldOn,
    });
    inputs.topics = h('textarea', { id: 'meeting-topics', name: 'topics', rows: '3', maxlength: '2000', placeholder: '会议议题，一行一个' });
    inputs.topics.value = values.topics;
    inputs.note = h('textarea', { id: 'meeting-note', name: 'note', rows: '2', maxlength: '1000' });
    inputs.note.value = values.note;

    // attendees: the chosen committee's members
    const attendeeHost = h('div', { class: 'check-list', id: 'meeting-attendees-list' });
    const allBtn = h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'meeting-attendees-all' }, '全选');
    const noneBtn = h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'meeting-attendees-none' }, '清空');
    const attendeeCount = h('span', { class: 'hint', 'aria-live': 'polite' });
    const attendeesError = h('p', { class: 'field-error', id: 'meeting-attendees-error', 'data-error-for': 'attendeeIds', hidden: true });
    errors.attendeeIds = attendeesError;
    const attendees = h('fieldset', { class: 'sub-fieldset', id: 'meeting-attendees', 'aria-describedby': 'meeting-attendees-error' },
      h('legend', {}, '出席委员'),
      h('div', { class: 'button-row' }, allBtn, noneBtn, attendeeCount),
      attendeeHost, attendeesError);
    const countAttendees = () => {
      const boxes = Array.from(attendeeHost.querySelectorAll('input[data-attendee-id]'));
      attendeeCount.textContent = boxes.length ? `已选 ${boxes.filter((b) => b.checked).length} / ${boxes.length} 人` : '';
    };
    const fillAttendees = (checked) => {
      const c = st.committees.find((x) => idKey(x.id) === inputs.committeeId.value);
      const members = Array.isArray(c?.members) ? c.members : [];
      const chosen = new Set(checked.map(String));
      const boxes = members.map((mem) => {
        const mid = idKey(mem.id);
        return h('label', { class: 'check-item' },
          h('input', { type: 'checkbox', id: `meeting-attendee-${mid}`, 'data-attendee-id': mid, checked: chosen.has(mid) }),
          h('span', {}, mem.name ?? ''),
          h('span', { class: 'muted' }, mem.partTime ? `兼职${mem.partnerUnitName ? ` · ${mem.partnerUnitName}` : ''}` : '专职'));
      });
      // Attendees of the meeting's own committee no longer among its members (moved or
      // deleted) stay ticked, shown by name; choosing another committee drops them.
      const own = !!m && idKey(m.committeeId) === inputs.committeeId.value;
      (own ? m.attendeeIds ?? [] : []).forEach((aid, k) => {
        const key = idKey(aid);
        if (chosen.has(key) && !members.some((mem) => idKey(mem.id) === key)) {
          boxes.push(h('label', { class: 'check-item' },
            h('input', { type: 'checkbox', id: `meeting-attendee-${key}`, 'data-attendee-id': key, checked: true }),
            h('span', {}, m?.attendeeNames?.[k] ?? '（已不在委员会）')));
        }
      });
      clear(attendeeHost, boxes.length ? boxes : h('p', { class: 'hint' }, c ? '这个委员会还没有委员，请先在“委员会”中添加。' : '先选择委员会。'));
      allBtn.hidden = !boxes.length;
      noneBtn.hidden = !boxes.length;
      countAttendees();
    };
    const readAttendees = () => Array.from(attendeeHost.querySelectorAll('input[data-attendee-id]'))
      .filter((b) => b.checked).map((b) => b.dataset.attendeeId);
    attendeeHost.addEventListener('change', countAttendees);
    allBtn.addEventListener('click', () => {
      for (const b of attendeeHost.querySelectorAll('input[data-attendee-id]')) b.checked = true;
      countAttendees();
    });
    noneBtn.addEventListener('click', () => {
      for (const b of attendeeHost.querySelectorAll('input[data-attendee-id]')) b.checked = false;
      countAttendees();
    });
    inputs.committeeId.addEventListener('change', () => fillAttendees(readAttendees()));
    fillAttendees(values.attendeeIds);

    // decisions (the editor is shared with the working meetings of 诉求 › 协调机制)
    const decisions = decisionsEditor({
      idPrefix: 'meeting', decisions: values.decisions, fieldsetId: 'meeting-decisions', addId: 'meeting-add-decision',
    });
    errors.decisions = decisions.error;

    const saveBtn = h('button', { id: 'meeting-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancelBtn = h('button', { id: 'meeting-cancel', type: 'button', class: 'btn btn-secondary' }, m ? '撤销修改' : '取消');
    const deleteBtn = m ? h('button', { id: 'meeting-delete', type: 'button', class: 'btn btn-danger' }, '删除会议') : null;
    const el = h('form', { id: 'meeting-form', class: 'side-form', novalidate: true, 'aria-labelledby': 'meeting-form-title' },
      h('h2', { class: 'detail-title', id: 'meeting-form-title' }, m ? `联席会议 · ${m.heldOn ?? ''}` : '记录联席会议'),
      fieldRow({ field: 'committeeId', label: '委员会', control: inputs.committeeId, errors }),
      fieldRow({ field: 'heldOn', label: '会议日期', control: inputs.heldOn, errors }),
      attendees,
      fieldRow({ field: 'topics', label: '议题', control: inputs.topics, errors, wide: true }),
      decisions.el,
      fieldRow({ field: 'note', label: '备注', control: inputs.note, errors, wide: true }),
      h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, deleteBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')));
    const read = () => ({
      committeeId: inputs.committeeId.value,
      heldOn: inputs.heldOn.value,
      attendeeIds: readAttendees(),
      topics: inputs.topics.value,
      note: inputs.note.value,
      decisions: decisions.read(),
    });
    const cancel = () => {
      if (isDirty() && st.mode === 'edit') {
        undoEdits({ dirty: true, render: renderEditor, toast, focus: () => form?.inputs.topics.focus() });
      } else {
        closeEditor();
      }
    };
    cancelBtn.addEventListener('click', cancel);
    deleteBtn?.addEventListener('click', () => deleteMeeting(m, deleteBtn));
    bindFormKeys(el, { save: oneAtATime(saveMeeting), cancel });
    form = { el, inputs, errors, saveBtn, read, rows: decisions.rows, attendeeHost, decisions };
    return el;
  }

  async function saveMeeting() {
    const refs = form;
    if (!refs) return;
    clearFieldErrors(refs.errors, refs.inputs);
    for (const r of refs.rows) for (const k of ['decision', 'dueOn', 'doneOn']) r[k].removeAttribute('aria-invalid');
    const parsed = parseMeetingForm(refs.read(), { today: localDate() });
    if (!parsed.ok) {
      showError(refs, parsed.error);
      return;
    }
    const creating = st.mode === 'create';
    const token = st.viewToken;
    await whileBusy(refs.saveBtn, async () => {
      try {
        const saved = creating
          ? await api.createJointMeeting(parsed.input)
          : await api.updateJointMeeting(st.meeting.id, parsed.input);
        if (st.disposed) return;
        const n = parsed.input.decisions.length;
        toast(creating ? `已记录联席会议${n ? `，${n} 条决定事项已列入跟进事项` : ''}` : '已保存');
        if (saved?.heldOn) st.years.add(String(saved.heldOn).slice(0, 4));
        await Promise.all([loadMeetings(), loadFollowUps()]);
        if (st.disposed || token !== st.viewToken) return;
        const refocus = rememberFocus();
        st.mode = 'edit';
        st.meeting = st.meetings.find((x) => idKey(x.id) === idKey(saved?.id)) ?? saved;
        renderEditor();
        renderMeetings();
        refocus(form?.inputs.topics);
      } catch (e) {
        if (st.disposed) return;
        reportError(e, {
          fields: MEETING_FIELDS,
          field: (f, message) => showError(refs, { field: f, message }),
          show: alert,
          reboot: onError,
          reload: () => {
            closeEditor();
            refreshAll();
          },
        });
      }
    });
  }

  /** A field error; a decision error also focuses its row's box (`row`, `part`). */
  function showError(refs, { field, message, row, part }) {
    const slot = refs.errors[field];
    if (!slot) {
      alert(message);
      return;
    }
    if (field === 'decisions') {
      refs.decisions.showError(message, { row, part });
      return;
    }
    if (field === 'attendeeIds') {
      showFieldError(slot, message, refs.attendeeHost.querySelector('input'), { mark: false, select: false });
      return;
    }
    const control = refs.inputs[field];
    showFieldError(slot, message, control, { select: control?.tagName === 'INPUT' });
  }

  function deleteMeeting(m, btn) {
    return deleteRecord({
      message: `确定删除 ${m.heldOn ?? ''} 的联席会议（${m.committeeName ?? ''}）吗？它的决定事项也不再跟进。删除后可在回收站恢复。`,
      button: btn,
      remove: () => api.deleteJointMeeting(m.id),
      done: '已删除联席会议，可在回收站恢复',
      toast, clearAlert, fail, gone: () => st.disposed,
      after: async () => {
        st.mode = 'empty';
        st.meeting = null;
        st.viewToken += 1;
        renderEditor();
        await Promise.all([loadMeetings(), loadFollowUps()]);
        newBtn.focus();
      },
    });
  }

  // ---------- follow-ups ----------
  function renderFollowUps() {
    followSummary.textContent = followUpSummary(st.followUps, { onlyOpen: st.onlyOpen });
    if (!st.followUps.length) {
      clear(followHost);
      return;
    }
    const hadFocus = followHost.contains(document.activeElement) ? document.activeElement?.closest?.('tr')?.dataset?.followUpId : null;
    clear(followHost, h('table', { class: 'data-table follow-up-table', id: 'follow-ups' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '决定事项'),
        h('th', { scope: 'col' }, '责任人'),
        h('th', { scope: 'col' }, '办结期限'),
        h('th', { scope: 'col' }, '状态'),
        h('th', { scope: 'col' }, '来源会议'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, '操作')))),
      h('tbody', {}, st.followUps.map(followUpRow))));
    if (hadFocus) followHost.querySelector(`tr[data-follow-up-id="${cssEscape(hadFocus)}"] button`)?.focus();
  }

  function followUpRow(f) {
    const id = idKey(f.id);
    const c = followUpCells(f);
    const btn = c.done
      ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-follow-up-reopen': id }, '重新打开')
      : h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-follow-up-done': id }, '标记办结');
    btn.setAttribute('aria-label', `${c.done ? '重新打开' : '标记办结'}：${c.decision}`);
    btn.addEventListener('click', () => setStatus(f, c.done ? 'open' : 'done', btn));
    return h('tr', {
      'data-follow-up-id': id, 'data-meeting-id-of': idKey(f.meetingId),
      class: ['follow-up-row', c.overdue && 'is-overdue', c.done && 'is-done'],
    },
    h('td', { class: 'cell-summary' }, c.decision),
    h('td', { class: 'cell-nowrap' }, c.owner),
    h('td', { class: 'cell-nowrap' }, c.due,
      c.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue': '' }, '已逾期') : null),
    h('td', { class: 'cell-nowrap' }, h('span', { class: ['badge', c.done ? 'badge-ok' : 'badge-info'] }, c.status)),
    h('td', { class: 'cell-nowrap' }, c.source),
    h('td', { class: 'cell-actions' }, btn));
  }

  async function setStatus(f, status, btn) {
    clearAlert?.();
    const doneOn = status === 'done' ? localDate() : '';
    await whileBusy(btn, async () => {
      try {
        const saved = await api.setFollowUpStatus(f.id, status, doneOn);
        if (st.disposed) return;
        toast(status === 'done' ? `已标记办结：${f.decision ?? ''}` : `已重新打开：${f.decision ?? ''}`);
        patchOpenForm(f, saved ?? { ...f, status, doneOn: doneOn || null });
      } catch (e) {
        if (st.disposed) return;
        reportError(e, { show: alert, reboot: onError, reload: () => loadFollowUps() });
        return;
      }
      await Promise.all([loadFollowUps(), loadMeetings()]);
    });
  }

  /**
   * The meeting form may show the decision whose status just changed: its row (and
   * what the form counts as unchanged) follow, so a later 保存 does not undo it.
   */
  function patchOpenForm(f, saved) {
    if (!form || st.mode !== 'edit' || idKey(st.meeting?.id) !== idKey(f.meetingId)) return;
    const done = saved.status === 'done';
    st.meeting = {
      ...st.meeting,
      decisions: (st.meeting.decisions ?? []).map((d) => (idKey(d.id) === idKey(f.id)
        ? { ...d, status: saved.status, doneOn: done ? (saved.doneOn ?? null) : null } : d)),
    };
    const row = form.rows.find((r) => idKey(r.id) === idKey(f.id));
    if (row) {
      row.done.checked = done;
      row.doneOn.hidden = !done;
      row.doneOn.value = done ? (saved.doneOn ?? '') : '';
    }
    const base = st.baseline?.decisions?.find((d) => idKey(d.id) === idKey(f.id));
    if (base) {
      base.status = done ? 'done' : 'open';
      base.doneOn = done ? (saved.doneOn ?? '') : '';
    }
  }

  return {
    show: () => { refreshAll(); },
    isDirty,
    dispose: () => { st.disposed = true; },
  };
}
