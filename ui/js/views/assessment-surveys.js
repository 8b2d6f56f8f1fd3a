// 考核 › 问卷: the office's questionnaires (title, period, satisfaction scale, questions
// written one per line) and, for the chosen one, its results: papers held, a bar per
// option of every question, the satisfaction rate overall and per community
// (满意 and 基本满意 answers ÷ answers to satisfaction questions). Papers come from
// Excel (`questionnaire-responses`, tens of thousands at a time) through excel-tools;
// one at a time in the list under the results (assessment-papers.js).
import { h, clear, labelled, thead } from '../dom.js';
import { loadingTab } from './tabbed.js';
import { reportError } from '../logic/errors.js';
import {
  SCALES, optionBars, parseQuestionnaireForm, percent, questionLines, rateCounts,
} from '../logic/surveys.js';
import { excelTools } from './excel-tools.js';
import { mountPapers } from './assessment-papers.js';

export function mountAssessmentSurveys(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { list: [], chosen: '', editing: null, dirty: false, disposed: false, shown: 0 };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });

  const picker = h('select', { id: 'surveys-select', 'aria-label': '问卷' });
  const newBtn = h('button', { type: 'button', id: 'surveys-new', class: 'btn btn-secondary' }, '新建问卷');
  const editBtn = h('button', { type: 'button', id: 'surveys-edit', class: 'btn btn-link' }, '修改问卷');
  const formHost = h('div', { id: 'surveys-form-host' });
  const results = h('div', { id: 'surveys-results', 'aria-live': 'polite' });
  const papersHost = h('div', { id: 'surveys-papers' });
  host.append(h('section', { class: 'assessment-surveys', id: 'surveys-view' },
    h('p', { class: 'hint' }, '先建立问卷（每行一题），再把回收的答卷按模板填入 Excel 后导入：每份答卷一行，每题一列，填选项内容或字母；个别答卷也可以在下面的“答卷”里录入和改正。满意率 = 满意和基本满意的回答 ÷ 满意度题的全部回答。'),
    h('div', { class: 'button-row' },
      labelled('问卷', picker),
      newBtn, editBtn,
      excelTools({
        api, toast, onError, prefix: 'surveys', exportKind: 'questionnaire-responses',
        imports: [{ kind: 'questionnaire-responses' }],
        onImported: () => { if (!st.disposed) load(); },
      })),
    formHost, results,
    h('h3', { class: 'section-title' }, '答卷'), papersHost));
  const chosen = () => st.list.find((q) => q.id === st.chosen) ?? null;
  const papers = mountPapers(papersHost, ctx, {
    questionnaire: chosen,
    // A paper saved or deleted: the counts above and in the picker follow.
    onChanged: () => { if (!st.disposed) load({ papers: false }); },
  });

  picker.addEventListener('change', () => { st.chosen = picker.value; showResults(); papers.reload(); });
  newBtn.addEventListener('click', () => openForm(null));
  editBtn.addEventListener('click', () => openForm(st.list.find((q) => q.id === st.chosen) ?? null));

  async function load({ papers: withPapers = true } = {}) {
    const list = await api.listQuestionnaires().catch((e) => { fail(e); return null; });
    if (st.disposed || !list) return;
    st.list = Array.isArray(list) ? list : [];
    if (!st.list.some((q) => q.id === st.chosen)) st.chosen = st.list[0]?.id ?? '';
    clear(picker, st.list.map((q) => h('option', { value: q.id }, `${q.title ?? ''}（${q.period ?? ''}，${q.responses ?? 0} 份）`)));
    picker.value = st.chosen;
    picker.disabled = !st.list.length;
    editBtn.hidden = !st.list.length;
    if (withPapers) papers.reload();
    await showResults();
  }

  async function showResults() {
    // Only the latest call draws (a reload while results are loading).
    const token = ++st.shown;
    clear(results);
    if (!st.chosen) {
      results.append(h('p', { class: 'empty', id: 'surveys-empty' }, '还没有问卷。点击“新建问卷”建立一份，再导入答卷。'));
      return;
    }
    const r = await api.questionnaireResults(st.chosen).catch((e) => { fail(e); return null; });
    if (st.disposed || !r || token !== st.shown) return;
    results.append(
      h('p', { class: 'summary', id: 'surveys-summary' },
        `${r.title ?? ''} · ${r.period ?? ''} · 答卷 ${r.responses ?? 0} 份 · 满意率 ${percent(r.satisfaction?.rate)}（${rateCounts(r.satisfaction)}）`),
      h('ol', { class: 'survey-questions', id: 'surveys-questions' }, (r.questions ?? []).map((q) => h('li', { 'data-question': q.number },
        h('p', { class: 'question-text' }, `${q.text ?? ''}（${q.kindLabel ?? ''}，${q.answered ?? 0} 人作答）`),
        h('table', { class: 'bars' }, h('tbody', {}, optionBars(q).map((b) => h('tr', { 'data-option': b.option },
          h('th', { scope: 'row' }, b.option),
          h('td', {}, h('progress', { max: '1', value: String(b.share), 'aria-label': `${b.option} ${percent(b.share)}` })),
          h('td', { class: 'cell-nowrap' }, `${b.count}（${percent(b.share)}）`))))),
        q.satisfied == null ? null : h('p', { class: 'muted' }, `本题满意和基本满意 ${q.satisfied} 人`)))),
      communityTable(r.communities ?? []),
    );
  }

  function communityTable(rows) {
    if (!rows.length) return null;
    return h('table', { class: 'data-table compact-table', id: 'surveys-communities' },
      h('caption', {}, '各村/社区满意率'),
      thead(['村/社区', '答卷', '满意和基本满意', '参与评价', '满意率']),
      h('tbody', {}, rows.map((c) => h('tr', {},
        h('th', { scope: 'row' }, c.communityName ?? ''),
        h('td', {}, String(c.responses ?? 0)),
        h('td', {}, String(c.satisfied ?? 0)),
        h('td', {}, String(c.judged ?? 0)),
        h('td', {}, percent(c.rate))))));
  }

  function openForm(q) {
    st.editing = q;
    st.dirty = false;
    const field = (id, label, control, hint) => h('div', { class: 'form-row' },
      h('label', { for: id }, label),
      h('div', { class: 'field' }, control, hint ? h('p', { class: 'hint' }, hint) : null));
    const title = h('input', { id: 'surveys-title', type: 'text', maxlength: '60', value: q?.title ?? '' });
    const period = h('input', { id: 'surveys-period', type: 'text', maxlength: '30', value: q?.period ?? '', placeholder: '如 2026年第四季度' });
    const scale = h('select', { id: 'surveys-scale' }, SCALES.map((s) => h('option', { value: s.value }, s.label)));
    scale.value = q?.scale ?? 'three';
    const questions = h('textarea', { id: 'surveys-questions-text', rows: '8', maxlength: '8000' });
    questions.value = questionLines(q?.questions);
    const note = h('input', { id: 'surveys-note', type: 'text', maxlength: '500', value: q?.note ?? '' });
    const error = h('p', { class: 'field-error', id: 'surveys-form-error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', id: 'surveys-save', class: 'btn btn-primary' }, '保存问卷');
    const cancel = h('button', { type: 'button', id: 'surveys-cancel', class: 'btn btn-secondary' }, '取消');
    const form = h('form', { id: 'surveys-form', class: 'record-form survey-form', 'aria-label': q ? '修改问卷' : '新建问卷' },
      h('h2', {}, q ? `修改问卷“${q.title ?? ''}”` : '新建问卷'),
      field('surveys-title', '问卷名称', title),
      field('surveys-period', '测评期间', period),
      field('surveys-scale', '满意度量表', scale),
      field('surveys-questions-text', '题目', questions,
        '每行一题：选择题写“题目｜选项1、选项2、选项3”，满意度题写“题目｜满意度”。已有答卷的问卷只能改文字（改了选项的文字，选了它的答卷随之改）。'),
      field('surveys-note', '备注', note),
      error,
      h('div', { class: 'button-row form-actions-row' }, save, cancel));
    form.addEventListener('input', () => { st.dirty = true; });
    cancel.addEventListener('click', () => { st.dirty = false; clear(formHost); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const parsed = parseQuestionnaireForm({
        title: title.value, period: period.value, scale: scale.value, questions: questions.value, note: note.value,
      });
      const show = (message) => { error.textContent = message; error.hidden = false; };
      if (!parsed.ok) { show(parsed.error.message); return; }
      try {
        const saved = q ? await api.updateQuestionnaire(q.id, parsed.input) : await api.createQuestionnaire(parsed.input);
        st.dirty = false;
        st.chosen = saved?.id ?? st.chosen;
        clear(formHost);
        toast?.(q ? '已保存问卷' : `已建立问卷“${parsed.input.title}”`);
        await load();
      } catch (err) {
        if (err?.field) show(err.message ?? String(err));
        else fail(err);
      }
    });
    clear(formHost, form);
    title.focus?.();
  }

  return loadingTab(st, load, { isDirty: () => st.dirty || papers.isDirty(), dispose: () => papers.dispose() });
}
