// 党建 › 联席会议: the joint meetings of the committees (newest first, filtered by
// committee and by 期间 of the 会议日期 in the core), the meeting form beside the list (committee, date,
// attendees from its members, topics, decisions as rows of text / owner / due
// date / 已办结), and below, the follow-up items (跟进事项) the decisions became,
// overdue ones marked 已逾期, each marked done or reopened with one button.
// A record list (../record-list/) with two custom parts (attendees.js and the shared
// decisions editor) and the follow-ups beside it (follow-ups.js).
import { h, clear, labelled } from '../../dom.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import {
  MEETING_FIELDS, meetingFormValues, parseMeetingForm, meetingCells, meetingYears, committeeLabel,
} from '../../logic/party.js';
import { excelTools } from '../excel-tools.js';
import { meetingListParts } from '../decisions.js';
import { mountRecordList, noteField } from '../record-list/index.js';
import { attendeesPart } from './attendees.js';
import { mountFollowUps, followUpInMeetingForm } from './follow-ups.js';
import { exportListInfo } from '../../logic/importing.js';

export function mountMeetings(host, ctx) {
  const { api, toast, alert, onError } = ctx;
  const st = { committees: [], years: new Set(), filter: { committeeId: '' }, disposed: false };
  const fail = (e) => reportError(e, { show: alert, reboot: onError });

  const committeeFilter = h('select', { id: 'meeting-filter-committee', 'aria-label': '委员会' });
  committeeFilter.addEventListener('change', () => {
    st.filter.committeeId = committeeFilter.value;
    list.reload();
  });

  const parts = meetingListParts({
    api, toast, onError, st, what: '联席会议', kind: 'joint_meetings', prefix: 'meeting', idPrefix: 'meeting',
    groupName: (m) => m.committeeName,
  });
  const list = mountRecordList(host, {
    ctx,
    name: 'meeting',
    tableId: 'meetings-table',
    tableClass: 'meetings-table',
    hostId: 'meetings-host',
    detailId: 'meeting-editor',
    wide: true,
    label: '联席会议',
    newText: '记录联席会议',
    emptyText: '还没有联席会议记录。点击“记录联席会议”开始录入。',
    emptyDetail: ['选择一次会议查看和修改，或点击“记录联席会议”。', '会议的每条决定事项可以写明责任人和完成时限，会出现在下面的“跟进事项”里。'],
    filters: [labelled('委员会', committeeFilter)],
    period: { core: true, by: exportListInfo('joint-meetings').periodBy, noun: '次' },
    toolbar: excelTools({
      api, toast, onError, prefix: 'meetings', exportKind: 'joint-meetings',
      period: () => list.period(),
      imports: [{ kind: 'joint-meetings' }],
      onImported: () => { if (!st.disposed) refreshAll(); },
    }),
    columns: [
      { title: '日期', class: 'cell-time', cell: (m) => meetingCells(m).heldOn },
      { title: '委员会', cell: (m) => meetingCells(m).committee },
      { title: '出席', class: 'cell-nowrap', cell: (m) => meetingCells(m).attendees },
      { title: '议题', class: 'cell-summary', cell: (m) => meetingCells(m).topics },
      { title: '决定事项', class: 'cell-nowrap', cell: (m) => meetingCells(m).decisions },
    ],
    rowLabel: (m) => { const c = meetingCells(m); return `${c.heldOn} ${c.committee}`; },
    init: () => loadCommittees(),
    load: async ({ period }) => {
      const meetings = await api.listJointMeetings(st.filter.committeeId, period);
      for (const m of Array.isArray(meetings) ? meetings : []) if (/^\d{4}/.test(m?.heldOn ?? '')) st.years.add(m.heldOn.slice(0, 4));
      list?.offerYears(meetingYears(new Date().getFullYear(), [...st.years].map((y) => ({ heldOn: `${y}-01-01` }))));
      return meetings;
    },
    form: {
      title: (m) => (m ? `联席会议 · ${m.heldOn ?? ''}` : '记录联席会议'),
      values: (m) => {
        const only = st.committees.length === 1 ? idKey(st.committees[0].id) : '';
        return meetingFormValues(m, { today: localDate(), committeeId: st.filter.committeeId || only });
      },
      fields: (m) => [
        {
          field: 'committeeId', label: '委员会', type: 'select', blank: st.committees.length ? '请选择委员会' : '还没有委员会',
          options: st.committees.map((c) => ({ value: idKey(c.id), label: committeeLabel(c) })),
          missingLabel: m?.committeeName || '（已不存在的委员会）',
        },
        { field: 'heldOn', label: '会议日期', type: 'date' },
        { field: 'place', label: '会议地点', maxlength: 100, placeholder: '如 街道党群服务中心三楼会议室' },
        { field: 'host', label: '主持人', maxlength: 40 },
        {
          field: 'attendeeIds', type: 'custom',
          build: (value, inputs) => attendeesPart({ committees: st.committees, committeeSelect: inputs.committeeId, meeting: m, value }),
        },
        { field: 'observers', label: '列席人员', maxlength: 500, placeholder: '非委员参会的人，如 区住建局 李明' },
        { field: 'topics', label: '议题', type: 'textarea', rows: 3, maxlength: 2000, placeholder: '会议议题，一行一个' },
        // Shared with the working meetings of 诉求 › 协调机制.
        parts.decisionsField,
        noteField('note', { maxlength: 1000 }),
      ],
      parse: (values) => parseMeetingForm(values, { today: localDate() }),
      fieldNames: MEETING_FIELDS,
      focus: (m) => (m ? 'topics' : 'committeeId'),
    },
    create: (input) => api.createJointMeeting(input),
    update: (id, input) => api.updateJointMeeting(id, input),
    remove: (id) => api.deleteJointMeeting(id),
    savedText: parts.savedText,
    deleteText: parts.deleteText,
    detailExtra: parts.detailExtra,
    onChanged: () => followUps.update(),
  });

  const followUps = mountFollowUps(host, {
    ...ctx,
    kind: 'joint_meetings',
    changed: (f, saved) => followUpInMeetingForm(list, f, saved),
    // After a batch: the open meeting as stored now (its form redrawn unless it holds edits).
    changedMany: async () => {
      await list.reload();
      list.refreshForm();
    },
  });
  followUps.update();

  async function loadCommittees() {
    try {
      const committees = await api.listCommittees();
      if (st.disposed) return;
      st.committees = Array.isArray(committees) ? committees : [];
    } catch (e) {
      if (!st.disposed) fail(e);
    }
    clear(committeeFilter, h('option', { value: '' }, '全部委员会'),
      st.committees.map((c) => h('option', { value: idKey(c.id) }, committeeLabel(c))));
    if (st.filter.committeeId && !st.committees.some((c) => idKey(c.id) === st.filter.committeeId)) st.filter.committeeId = '';
    committeeFilter.value = st.filter.committeeId;
  }

  // Back on the tab: the committees, then the meetings as stored now, then the open
  // meeting's form from them (drawn before the reload, it showed a member deleted
  // meanwhile under their plain name).
  async function refreshAll() {
    await loadCommittees();
    if (st.disposed) return;
    await Promise.all([list.reload(), followUps.update()]);
    if (!st.disposed) list.refreshForm();
  }

  // 首页's 本周提醒 opens the meeting a follow-up came from.
  if (ctx.route?.meetingId) list.open(idKey(ctx.route.meetingId));

  return {
    show: () => { refreshAll(); },
    isDirty: list.isDirty,
    dispose: () => {
      st.disposed = true;
      st.evidence?.destroy();
      list.dispose();
      followUps.destroy();
    },
  };
}
