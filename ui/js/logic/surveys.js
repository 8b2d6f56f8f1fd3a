// 考核 › 问卷 and 电话回访: the pure parts — a questionnaire's questions as lines of
// text and back, the bars of a question's results, rates as percentages, the
// call-back form. No DOM.
import { formValues } from './fields.js';
import { choicesOf } from './labels.js';

export const SCALES = choicesOf('questionnaires', 'scale');

export const CALLBACK_TOPICS = choicesOf('callbacks', 'topic');

export const CALLBACK_RESULTS = choicesOf('callbacks', 'result');

export const CALLBACK_FIELDS = Object.freeze(
  ['calledOn', 'communityId', 'personName', 'phone', 'topic', 'topicRef', 'result', 'note'],
);

/** The word that marks a satisfaction question in a line (题目｜满意度). */
const RATING = '满意度';

/**
 * Questions written one per line: `题目｜选项1、选项2、选项3` for a choice question,
 * `题目｜满意度` for a satisfaction question (answered on the questionnaire's scale).
 * `|` and `｜` both separate; options by 、 ， , / or ；.
 * → { ok: true, questions } or { ok: false, error: { field: 'questions', message } }
 */
export function parseQuestionLines(text) {
  const lines = String(text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const fail = (message) => ({ ok: false, error: { field: 'questions', message } });
  if (!lines.length) return fail('请至少写一道题：每行一题，如“您对网格员的服务是否满意？｜满意度”。');
  const questions = [];
  for (const [i, line] of lines.entries()) {
    const [text, rest] = line.split(/[|｜]/, 2).map((s) => (s ?? '').trim());
    if (!text) return fail(`第 ${i + 1} 行没有题目。`);
    if (rest === undefined || rest === '') {
      return fail(`第 ${i + 1} 行“${text}”没有选项：在“｜”后写选项（用顿号分开），或写“满意度”。`);
    }
    if (rest === RATING) {
      questions.push({ text, kind: 'satisfaction', options: [] });
    } else {
      questions.push({ text, kind: 'choice', options: rest.split(/[、，,/；;]/).map((o) => o.trim()).filter(Boolean) });
    }
  }
  return { ok: true, questions };
}

/** The lines `parseQuestionLines` reads, for a stored questionnaire. */
export function questionLines(questions) {
  return (questions ?? [])
    .map((q) => `${q.text ?? ''}｜${q.kind === 'satisfaction' ? RATING : (q.options ?? []).join('、')}`)
    .join('\n');
}

/** The definition form → { ok, input } or { ok: false, error: { field, message } }. */
export function parseQuestionnaireForm(values) {
  const title = String(values?.title ?? '').trim();
  if (!title) return { ok: false, error: { field: 'title', message: '请填写问卷名称。' } };
  const period = String(values?.period ?? '').trim();
  if (!period) return { ok: false, error: { field: 'period', message: '请填写测评期间，如“2026年第四季度”。' } };
  const q = parseQuestionLines(values?.questions);
  if (!q.ok) return q;
  return {
    ok: true,
    input: { title, period, scale: values?.scale || 'three', questions: q.questions, note: String(values?.note ?? '').trim() },
  };
}

/** A rate (0–1 or null) as 80.0%, or — when nothing was judged. */
export function percent(rate) {
  return typeof rate === 'number' && Number.isFinite(rate) ? `${(rate * 100).toFixed(1)}%` : '—';
}

/** The bars of one question's results: each option with its count and share of the papers that answered. */
export function optionBars(question) {
  const answered = Number(question?.answered) || 0;
  return (question?.options ?? []).map((o) => ({
    option: String(o.option ?? ''),
    count: Number(o.count) || 0,
    share: answered ? (Number(o.count) || 0) / answered : 0,
  }));
}

/** 满意和基本满意 4 / 参与评价 5 (those who answered a satisfaction question or call-back) */
export function rateCounts(r) {
  return `满意和基本满意 ${r?.satisfied ?? 0} / 参与评价 ${r?.judged ?? 0}`;
}

/** 满意和基本满意 4 / 参与评价 5（80.0%） */
export function rateText(r) {
  return `${rateCounts(r)}（${percent(r?.rate)}）`;
}

/**
 * The call-back form → { ok: true, input }, tidied. The core checks it whole and says
 * every problem at once, each beside its field: a check here said the blank ones
 * first and the core's (a future date, a bad phone) only on the next save (probe R).
 */
export function parseCallbackForm(values) {
  const v = values ?? {};
  const text = (k) => String(v[k] ?? '').trim();
  const topic = text('topic') || 'general';
  const topicRef = topic === 'general' ? null : text('topicRef') || null;
  return {
    ok: true,
    input: {
      calledOn: text('calledOn'),
      communityId: text('communityId'),
      personName: text('personName'),
      phone: text('phone'),
      topic,
      topicRef,
      result: text('result') || 'satisfied',
      note: text('note'),
    },
  };
}

/**
 * What a call-back may be about, for the form's 诉求或小区: the compounds drawn in a
 * sample in force (抽查小区, named with their quarter, newest first: any compound was
 * offered, and the core now refuses one no sample drew then), then the demands.
 */
export function callbackRefs(samples, demands) {
  const drawn = [];
  const seen = new Set();
  const current = (Array.isArray(samples) ? samples : []).filter((s) => s?.current)
    .sort((a, b) => String(b.quarter ?? '').localeCompare(String(a.quarter ?? '')));
  for (const s of current) {
    for (const d of s.drawn ?? []) {
      if (seen.has(d.compoundId)) continue;
      seen.add(d.compoundId);
      drawn.push({ value: d.compoundId, label: `小区：${d.communityName ?? ''} · ${d.compoundName ?? ''}（${s.quarterLabel ?? s.quarter}抽中）` });
    }
  }
  return [
    ...drawn,
    ...(Array.isArray(demands) ? demands : []).map((d) => ({ value: d.id, label: `诉求：${d.title ?? ''}` })),
  ];
}

/** A stored call-back as the form's values. */
export function callbackFormValues(c, today) {
  return formValues(c, CALLBACK_FIELDS, { blank: { calledOn: today ?? '', topic: 'general', result: 'satisfied' } });
}

// ---------- returned papers (问卷答卷), one at a time ----------

/** The form's field of question `i` (0-based): a1, a2, …, as the import's 第1题, 第2题. */
export const answerField = (i) => `a${i + 1}`;

/** A paper's fields besides its answers. */
export const PAPER_FIELDS = Object.freeze(['number', 'communityId', 'answeredOn']);

/** A stored paper (or a new one answered `today`) as the form's values: one per question. */
export function paperFormValues(paper, questionnaire, today = '') {
  const v = formValues(paper, PAPER_FIELDS, { blank: { answeredOn: today } });
  (questionnaire?.questions ?? []).forEach((_, i) => { v[answerField(i)] = String(paper?.answers?.[i] ?? ''); });
  return v;
}

/**
 * The paper form → { ok: true, input: ResponseInput }, tidied; the core checks it whole
 * (编号 taken, 填写日期 in the 测评期间, the answers) and says every problem at once. An
 * answer left blank is a question not answered (as an imported row's empty cell).
 */
export function parsePaperForm(values, questionnaire) {
  const v = values ?? {};
  const text = (k) => String(v[k] ?? '').trim();
  return {
    ok: true,
    input: {
      questionnaireId: questionnaire?.id ?? '',
      number: text('number'),
      communityId: text('communityId'),
      answeredOn: text('answeredOn'),
      answers: (questionnaire?.questions ?? []).map((_, i) => text(answerField(i))),
    },
  };
}

/** A paper's answers in one line: 1.熟悉 2.满意 3.— */
export function answersText(paper, questionnaire) {
  return (questionnaire?.questions ?? [])
    .map((_, i) => `${i + 1}.${String(paper?.answers?.[i] ?? '') || '—'}`)
    .join(' ');
}
