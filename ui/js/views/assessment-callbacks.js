// 考核 › 电话回访: phone call-backs on record-list (date, community, who was called with
// the phone masked, topic — a demand, a sampled compound or general — and result), with
// the count above that includes the demands' own 回访 (recorded on the demand, counted
// here) and the satisfaction rate per community; Excel import/export (`callbacks`).
import { h, clear, thead } from '../dom.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import { exportListInfo } from '../logic/importing.js';
import { inPeriod } from '../logic/period.js';
import {
  CALLBACK_FIELDS, CALLBACK_RESULTS, CALLBACK_TOPICS, callbackFormValues, callbackRefs, parseCallbackForm, percent, rateText,
} from '../logic/surveys.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, noteField } from './record-list/index.js';

export function mountAssessmentCallbacks(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { villages: [], refs: [], disposed: false };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });
  const summary = h('p', { class: 'muted', id: 'callbacks-summary', 'aria-live': 'polite' });
  const communities = h('div', { id: 'callbacks-communities' });
  const listHost = h('div', { id: 'callbacks-pane' });
  host.append(h('section', { class: 'assessment-callbacks', id: 'callbacks-view' },
    h('p', { class: 'hint' }, '登记电话回访：回访谁（号码只显示部分）、回访什么（诉求、抽查小区或一般回访）和结果。诉求在“诉求”里回访的，也计入这里的回访次数和满意率。'),
    summary, communities, listHost));

  // The counts of the chosen 期间 (回访日期), as the list below.
  const showSummary = (s, periodText, periodLabel) => {
    summary.textContent = `${periodText ? `${periodLabel}：` : ''}电话回访 ${s?.total ?? 0} 次（登记 ${s?.recorded ?? 0} 次，诉求回访 ${s?.fromDemands ?? 0} 次）`
      + ` · 满意 ${s?.satisfied ?? 0} · 基本满意 ${s?.basic ?? 0} · 不满意 ${s?.unsatisfied ?? 0} · 满意率 ${percent(s?.satisfaction?.rate)}`;
    summary.title = rateText(s?.satisfaction);
    clear(communities);
    const rows = s?.communities ?? [];
    if (!rows.length) return;
    communities.append(h('table', { class: 'data-table compact-table', id: 'callbacks-by-community' },
      h('caption', {}, '按村/社区'),
      thead(['村/社区', '回访次数', '满意率']),
      h('tbody', {}, rows.map((c) => h('tr', {},
        h('th', { scope: 'row' }, c.communityName ?? ''),
        h('td', {}, String(c.callbacks ?? 0)),
        h('td', { title: rateText(c) }, percent(c.rate)))))));
  };

  const loadRefs = async () => {
    const [units, demands, samples] = await Promise.all([
      api.listUnits().catch((e) => { fail(e); return []; }),
      api.listDemands({}).catch((e) => { fail(e); return []; }),
      api.listSamples().catch((e) => { fail(e); return []; }),
    ]);
    const all = Array.isArray(units) ? units : [];
    st.villages = all.filter((u) => u.kind === 'village').map((u) => ({ value: u.id, label: u.name ?? '' }));
    st.refs = callbackRefs(samples, demands);
  };

  const list = mountRecordList(listHost, {
    ctx,
    name: 'callback',
    tableId: 'callbacks-table',
    tableClass: 'callbacks-table',
    label: '电话回访',
    newText: '登记回访',
    emptyText: '还没有登记电话回访。点击“登记回访”，或用“从Excel导入”导入回访登记表。',
    emptyDetail: ['在左侧选择一次回访，查看和修改。', '诉求的回访在“诉求”里记录，这里只计数。'],
    period: { core: true, by: exportListInfo('callbacks').periodBy || '回访日期', noun: '次' },
    toolbar: excelTools({
      api, toast, onError, prefix: 'callbacks', exportKind: 'callbacks',
      period: () => list.period(),
      imports: [{ kind: 'callbacks' }],
      onImported: () => { if (!st.disposed) list.reload(); },
    }),
    columns: [
      { title: '回访日期', class: 'cell-nowrap', cell: (c) => c.calledOn ?? '' },
      { title: '村/社区', class: 'cell-nowrap', cell: (c) => c.communityName ?? '' },
      { title: '被回访人', class: 'cell-name', cell: (c) => c.personName ?? '' },
      { title: '联系电话', cellClass: 'cell-masked', cell: (c) => c.phone || '—' },
      { title: '回访事项', cell: (c) => (c.topicName ? `${c.topicLabel ?? ''}：${c.topicName}` : (c.topicLabel ?? '')) },
      { title: '结果', class: 'cell-nowrap', cell: (c) => h('span', { class: ['badge', `callback-${c.result ?? ''}`] }, c.resultLabel ?? '') },
    ],
    rowLabel: (c) => `${c.calledOn ?? ''} ${c.personName ?? ''}`,
    load: async ({ period = '' } = {}) => {
      const [rows, s] = await Promise.all([api.listCallbacks(), api.callbackSummary(period), loadRefs()]);
      showSummary(s, period, list?.period().label);
      const all = Array.isArray(rows) ? rows : [];
      list?.offerYears([...new Set(all.map((c) => Number((c.calledOn ?? '').slice(0, 4))).filter(Boolean))]);
      return all.filter((c) => inPeriod(c.calledOn, period));
    },
    form: {
      title: (c) => (c ? `${c.calledOn ?? ''} ${c.personName ?? ''}` : '登记回访'),
      values: (c) => callbackFormValues(c, localDate()),
      fields: () => [
        { field: 'calledOn', label: '回访日期', type: 'date' },
        { field: 'communityId', label: '村/社区', type: 'select', blank: '请选择', options: st.villages },
        { field: 'personName', label: '被回访人', maxlength: 30 },
        { field: 'phone', label: '联系电话', type: 'phone', hint: '列表里只显示部分号码；修改其他内容时可保留不动。' },
        { field: 'topic', label: '回访事项', type: 'select', options: CALLBACK_TOPICS },
        { field: 'topicRef', label: '诉求或小区', type: 'select', blank: '（一般回访不选）', options: st.refs, hint: '只列抽查样本抽中的小区；回访日期要在抽中的那个季度或下一季度。' },
        { field: 'result', label: '回访结果', type: 'select', options: CALLBACK_RESULTS },
        noteField(),
      ],
      parse: parseCallbackForm,
      fieldNames: CALLBACK_FIELDS,
      focus: 'personName',
    },
    create: (input) => api.createCallback(input),
    update: (id, input) => api.updateCallback(id, input),
    remove: (id) => api.deleteCallback(id),
    savedText: (saved, creating, input) => (creating ? `已登记对${saved?.personName ?? input.personName}的回访` : '已保存'),
    deleteText: {
      button: '删除回访',
      message: (c) => `确定删除 ${c.calledOn ?? ''} 对${c.personName ?? ''}的回访吗？删除后可在回收站恢复。`,
      done: (c) => `已删除对${c.personName ?? ''}的回访，可在回收站恢复`,
      hint: '删除后可在回收站恢复。',
    },
  });

  return list.asView(st);
}
