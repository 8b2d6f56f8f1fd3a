// 考核 › 问卷 › 答卷: the chosen questionnaire's returned papers on record-list, one at
// a time — found by 编号 or 村/社区, typed in, corrected or deleted (into the recycle
// bin). Papers by the hundred come from Excel; a paper typed wrong was only put right
// by exporting every paper, fixing one row and importing again, and one entered by
// mistake could not be removed at all (probe O).
import { h, labelled } from '../dom.js';
import { localDate } from '../logic/format.js';
import {
  PAPER_FIELDS, answerField, answersText, paperFormValues, parsePaperForm,
} from '../logic/surveys.js';
import { mountRecordList } from './record-list/index.js';

/**
 * mountPapers(host, ctx, props) → the record list ({ reload, dispose, isDirty, … })
 * props: { questionnaire() → the chosen QuestionnaireView or null, onChanged() after a
 * save or delete (the results and the picker's count) }
 */
export function mountPapers(host, ctx, props) {
  const { api } = ctx;
  const st = { villages: [], search: '' };
  const search = h('input', {
    id: 'papers-search', type: 'search', placeholder: '编号或村/社区', 'aria-label': '查找答卷',
  });
  search.addEventListener('input', () => { st.search = search.value.trim(); list.reload(); });

  const list = mountRecordList(host, {
    ctx,
    name: 'paper',
    tableId: 'papers-table',
    tableClass: 'papers-table',
    label: '答卷',
    newText: '录入一份答卷',
    emptyText: () => (st.search ? '没有编号或村/社区符合的答卷。' : '这份问卷还没有答卷。点击“录入一份答卷”，或用上面的“从Excel导入”导入。'),
    emptyDetail: ['在左侧选择一份答卷，查看、改正或删除。', '大量答卷请用 Excel 导入；这里用来录入或改正个别答卷。'],
    filters: [labelled('查找', search)],
    columns: [
      { title: '编号', class: 'cell-nowrap', cell: (p) => p.number ?? '' },
      { title: '村/社区', class: 'cell-nowrap', cell: (p) => p.communityName ?? '' },
      { title: '填写日期', class: 'cell-nowrap', cell: (p) => p.answeredOn || '—' },
      { title: '答案', cell: (p) => answersText(p, props.questionnaire()) },
    ],
    rowLabel: (p) => `${p.number ?? ''} 号答卷`,
    load: async () => {
      const q = props.questionnaire();
      if (!q) return [];
      const [rows, units] = await Promise.all([
        api.listQuestionnaireResponses(q.id, null),
        st.villages.length ? null : api.listUnits(),
      ]);
      if (Array.isArray(units)) {
        st.villages = units.filter((u) => u.kind === 'village').map((u) => ({ value: u.id, label: u.name ?? '' }));
      }
      const all = Array.isArray(rows) ? rows : [];
      const t = st.search;
      return t ? all.filter((p) => String(p.number ?? '').includes(t) || String(p.communityName ?? '').includes(t)) : all;
    },
    form: {
      title: (p) => (p ? `${p.number ?? ''} 号答卷` : '录入一份答卷'),
      values: (p) => paperFormValues(p, props.questionnaire(), localDate()),
      fields: () => [
        { field: 'number', label: '编号', maxlength: 40, hint: '答卷上的编号；同一份问卷里不重复。' },
        { field: 'communityId', label: '村/社区', type: 'select', blank: '请选择', options: st.villages },
        { field: 'answeredOn', label: '填写日期', type: 'date', hint: '不早于问卷的测评期间，不晚于今天；不知道可不填。' },
        ...(props.questionnaire()?.questions ?? []).map((q, i) => ({
          field: answerField(i),
          label: `第${i + 1}题`,
          type: 'select',
          blank: '（未作答）',
          options: (q.options ?? []).map((o) => ({ value: o, label: o })),
          hint: q.text ?? '',
        })),
      ],
      parse: (v) => parsePaperForm(v, props.questionnaire()),
      // The core names a paper's answers as one field (each bad one a line: 第 2 题：…).
      fieldNames: [...PAPER_FIELDS, 'answers'],
      focus: 'number',
    },
    create: (input) => api.createQuestionnaireResponse(input),
    update: (id, input) => api.updateQuestionnaireResponse(id, input),
    remove: (id) => api.deleteQuestionnaireResponse(id),
    savedText: (saved, creating, input) => (creating ? `已录入 ${saved?.number ?? input.number} 号答卷` : '已保存'),
    deleteText: {
      button: '删除答卷',
      message: (p) => `确定删除 ${p.number ?? ''} 号答卷吗？删除后可在回收站恢复。`,
      done: (p) => `已删除 ${p.number ?? ''} 号答卷，可在回收站恢复`,
      hint: '录错或重复的答卷才删除；删除后可在回收站恢复。',
    },
    onChanged: () => props.onChanged?.(),
  });
  return list;
}
