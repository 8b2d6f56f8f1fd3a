// 诉求 › 协调机制: the special working groups (专项工作组: topic, lead unit, member
// units) and their working meetings (工作会议: date, participants, topics and
// decisions, each decision a follow-up item as in 联席会议; the decisions editor is
// shared with 党建 › 联席会议). Each list has its form beside it. Below, the working
// meetings' own 跟进事项 (the list 党建 › 联席会议 has for its meetings, party-meetings/follow-ups.js).
import { h, clear, labelled } from '../dom.js';
import { idKey } from '../logic/tree.js';
import { localDate } from '../logic/format.js';
import {
  GROUP_FIELDS, WORKING_MEETING_FIELDS, groupFormValues, parseGroupForm, groupCells, workingMeetingFormValues,
  parseWorkingMeetingForm, workingMeetingCells,
} from '../logic/demands.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recycleTexts, noteField, createdText } from './record-list/index.js';
import { meetingListParts } from './decisions.js';
import { mountFollowUps, followUpInMeetingForm } from './party-meetings/follow-ups.js';
import { exportListInfo } from '../logic/importing.js';

export function mountCoordination(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { groupFilter: '', disposed: false };

  const groupsHost = h('section', { class: 'coordination-part', id: 'groups-section', 'aria-labelledby': 'groups-title' },
    h('h2', { id: 'groups-title' }, '专项工作组'),
    h('p', { class: 'hint' }, '党委领导的协调机制下设的专项工作组，如小区治理、网格治理、社区工作者队伍、物业服务、治理平台等。'));
  const meetingsHost = h('section', { class: 'coordination-part', id: 'wmeetings-section', 'aria-labelledby': 'wmeetings-title' },
    h('h2', { id: 'wmeetings-title' }, '工作会议'),
    h('p', { class: 'hint' }, '工作组召开的会议，决定事项写明责任人和期限，会列入下面的“跟进事项”（和联席会议的跟进事项分开列出）。'));
  host.append(groupsHost, meetingsHost);

  const groups = mountRecordList(groupsHost, {
    ctx,
    drawer: false, // two lists on the page: their panels would open over each other
    name: 'group',
    tableId: 'groups-table',
    tableClass: 'groups-table',
    label: '专项工作组',
    newText: '新增工作组',
    emptyText: '还没有专项工作组。点击“新增工作组”。',
    emptyDetail: ['选择一个工作组查看和修改，或点击“新增工作组”。', '有工作会议的工作组不能删除。'],
    toolbar: excelTools({
      api, toast, onError, prefix: 'groups', exportKind: 'working-groups',
      imports: [{ kind: 'working-groups' }],
      onImported: () => { if (!st.disposed) { groups.reload().then(groupsChanged); } },
    }),
    columns: [
      { title: '工作组', class: 'cell-name', cell: (g) => groupCells(g).name },
      { title: '工作主题', cell: (g) => groupCells(g).topic },
      { title: '牵头单位', cell: (g) => groupCells(g).leadUnit },
      { title: '成员单位', cell: (g) => groupCells(g).members },
      { title: '会议', class: 'cell-nowrap', cell: (g) => groupCells(g).meetings },
    ],
    rowLabel: (g) => g.name ?? '',
    load: () => api.listWorkingGroups(),
    form: {
      title: (g) => (g ? (g.name ?? '') : '新增专项工作组'),
      values: (g) => groupFormValues(g),
      fields: () => [
        { field: 'name', label: '名称', maxlength: 60, placeholder: '如 小区治理专项工作组' },
        { field: 'topic', label: '工作主题', maxlength: 200, placeholder: '如 物业服务和小区治理' },
        { field: 'leadUnit', label: '牵头单位', maxlength: 60, placeholder: '如 区委社会工作部' },
        { field: 'members', label: '成员单位', type: 'textarea', rows: 2, maxlength: 1000, placeholder: '如 区住建局、区民政局、各街道' },
        noteField(),
      ],
      parse: parseGroupForm,
      fieldNames: GROUP_FIELDS,
      focus: 'name',
    },
    create: (input) => api.createWorkingGroup(input),
    update: (id, input) => api.updateWorkingGroup(id, input),
    remove: (id) => api.deleteWorkingGroup(id),
    savedText: createdText('工作组'),
    deleteText: recycleTexts({
      button: '删除工作组',
      noun: '工作组',
      name: (g) => g.name,
      rule: '有工作会议的工作组不能删除。',
      hint: '有工作会议的工作组不能删除。',
    }),
    onChanged: () => groupsChanged(),
  });

  const groupFilter = h('select', { id: 'wmeeting-filter-group', 'aria-label': '专项工作组' });
  groupFilter.addEventListener('change', () => {
    st.groupFilter = groupFilter.value;
    meetings.reload();
  });

  const parts = meetingListParts({
    api, toast, onError, st, what: '工作会议', kind: 'working_meetings', prefix: 'working-meeting', idPrefix: 'wmeeting',
    groupName: (m) => m.groupName,
  });
  const meetings = mountRecordList(meetingsHost, {
    ctx,
    drawer: false,
    name: 'wmeeting',
    tableId: 'wmeetings-table',
    tableClass: 'meetings-table',
    label: '工作会议',
    newText: '记录工作会议',
    emptyText: '还没有工作会议记录。点击“记录工作会议”。',
    emptyDetail: ['选择一次会议查看和修改，或点击“记录工作会议”。', '会议的每条决定事项可以写明责任人和完成时限。'],
    wide: true,
    filters: labelled('工作组', groupFilter),
    period: { date: (m) => m.heldOn, by: exportListInfo('working-meetings').periodBy, noun: '次' },
    toolbar: excelTools({
      api, toast, onError, prefix: 'wmeetings', exportKind: 'working-meetings',
      period: () => meetings.period(),
      imports: [{ kind: 'working-meetings' }],
      onImported: () => { if (!st.disposed) { meetings.reload(); groups.reload(); } },
    }),
    columns: [
      { title: '日期', class: 'cell-time', cell: (m) => workingMeetingCells(m).heldOn },
      { title: '工作组', cell: (m) => workingMeetingCells(m).group },
      { title: '参会人员', cell: (m) => workingMeetingCells(m).participants },
      { title: '议题', class: 'cell-summary', cell: (m) => workingMeetingCells(m).topics },
      { title: '决定事项', class: 'cell-nowrap', cell: (m) => workingMeetingCells(m).decisions },
    ],
    rowLabel: (m) => `${m.heldOn ?? ''} ${m.groupName ?? ''}`,
    init: async () => { await groups.ready; fillGroupFilter(); },
    load: () => api.listWorkingMeetings(st.groupFilter),
    form: {
      title: (m) => (m ? `工作会议 · ${m.heldOn ?? ''}` : '记录工作会议'),
      values: (m) => {
        const list = groups.records();
        const only = list.length === 1 ? idKey(list[0].id) : '';
        return workingMeetingFormValues(m, { today: localDate(), groupId: st.groupFilter || only });
      },
      fields: (m) => [
        {
          field: 'groupId', label: '专项工作组', type: 'select',
          blank: groups.records().length ? '请选择工作组' : '还没有工作组，请先在上面新增',
          options: groups.records().map((g) => ({ value: idKey(g.id), label: g.name ?? '' })),
          missingLabel: m?.groupName || '（已不存在的工作组）',
        },
        { field: 'heldOn', label: '会议日期', type: 'date' },
        { field: 'participants', label: '参会人员', type: 'textarea', rows: 2, maxlength: 1000, placeholder: '参会领导和单位' },
        { field: 'topics', label: '议题', type: 'textarea', rows: 3, maxlength: 2000, placeholder: '会议议题，一行一个' },
        parts.decisionsField,
        noteField('note', { maxlength: 1000 }),
      ],
      parse: (values) => parseWorkingMeetingForm(values, { today: localDate() }),
      fieldNames: WORKING_MEETING_FIELDS,
      focus: 'groupId',
    },
    create: (input) => api.createWorkingMeeting(input),
    update: (id, input) => api.updateWorkingMeeting(id, input),
    remove: (id) => api.deleteWorkingMeeting(id),
    savedText: parts.savedText,
    deleteText: parts.deleteText,
    detailExtra: parts.detailExtra,
    onChanged: () => { groups.reload(); st.followUps?.update(); },
    extraDirty: () => groups.isDirty(),
  });

  st.followUps = mountFollowUps(host, {
    ...ctx,
    kind: 'working_meetings',
    prefix: 'wfollow-ups',
    changed: (f, saved) => followUpInMeetingForm(meetings, f, saved),
    // After a batch: the open meeting as stored now (its form redrawn unless it holds edits).
    changedMany: async () => {
      await meetings.reload();
      meetings.refreshForm();
    },
  });
  st.followUps.update();

  // 首页's 本周提醒 opens the working meeting a follow-up came from.
  if (ctx.route?.meetingId) meetings.open(idKey(ctx.route.meetingId));

  function fillGroupFilter() {
    const list = groups.records();
    clear(groupFilter, h('option', { value: '' }, '全部工作组'), list.map((g) => h('option', { value: idKey(g.id) }, g.name ?? '')));
    if (!list.some((g) => idKey(g.id) === st.groupFilter)) st.groupFilter = '';
    groupFilter.value = st.groupFilter;
  }

  /** Groups were added, renamed or deleted: the meetings' filter and an untouched meeting form follow. */
  function groupsChanged() {
    if (st.disposed) return;
    fillGroupFilter();
    meetings.refreshForm();
  }

  return {
    show: async () => {
      await groups.reload();
      if (st.disposed) return;
      groupsChanged();
      meetings.reload();
      st.followUps.update();
    },
    // Either form holding edits counts (the meetings' check includes the groups').
    isDirty: () => meetings.isDirty(),
    dispose: () => {
      st.disposed = true;
      st.evidence?.destroy();
      st.followUps.destroy();
      groups.dispose();
      meetings.dispose();
    },
  };
}
