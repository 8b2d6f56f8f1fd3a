// 共建: partner units (共建单位) and co-building projects (共建项目) with their life
// cycle 待认领 → 已认领 → 实施中 → 已完成 → 已评价: labels, the step bar, the
// timeline, cells and forms. Which moves a project allows is the core's (its
// `moves`, see workflows.js). Pure: no DOM.
import {
  fieldError, formValues, text, phoneText, parseDateField, parseAmount, parseWhole, requiredText, yearOptions, rangeText,
  problemsOf,
} from './fields.js';
import { formatBytes, formatDateTime } from './format.js';
import { sortEvents, indexed, stepBarOf, stepDates } from './steps.js';
import { choicesOf, labelOf } from './labels.js';

export const PROJECT_STATUSES = choicesOf('projects', 'status');

/** Partner unit kinds (the catalog's). */
export const UNIT_KINDS = choicesOf('partner_units', 'kind');

export const PROJECT_FIELDS = Object.freeze([
  'title', 'villageId', 'category', 'registeredOn', 'plannedStart', 'plannedEnd', 'money', 'people', 'goods', 'beneficiaries',
  'note',
]);
export const MOVE_FIELDS = Object.freeze(['to', 'date', 'reason', 'score', 'evaluation']);
export const PARTNER_FIELDS = Object.freeze(['name', 'kind', 'contactName', 'contactPhone', 'villageIds', 'note']);

export function statusIndex(status) {
  return PROJECT_STATUSES.findIndex((s) => s.value === status);
}

export function statusLabel(status, statuses = PROJECT_STATUSES) {
  return labelOf(status, statuses);
}

/** The date each status was last reached, from the events (oldest first). */
export const statusDates = stepDates;

/** The step bar: [{ value, label, state: 'done'|'current'|'todo', date }]. */
export function stepBar(project, statuses = PROJECT_STATUSES) {
  return stepBarOf(PROJECT_STATUSES, project?.status, project?.events, (v) => statusLabel(v, statuses), { backKeepsDate: true });
}

/** The timeline, oldest first: [{ date, from, to, text, reason, back, recordedAt }]. */
export function timelineRows(events, statuses = PROJECT_STATUSES) {
  return sortEvents(indexed(events)).map((e) => {
    const back = e?.from != null && statusIndex(e.to) < statusIndex(e.from);
    const from = e?.from ? statusLabel(e.from, statuses) : '';
    const to = statusLabel(e?.to, statuses);
    return {
      date: e?.date ?? '',
      from,
      to,
      text: from ? `${from} → ${to}` : `登记（${to}）`,
      reason: text(e?.reason),
      back,
      recordedAt: e?.recordedAt ? formatDateTime(e.recordedAt) : '',
      index: e.index,
    };
  });
}

/** "阳光物业、青溪小学" or '—'. */
export function claimNames(project) {
  const claims = Array.isArray(project?.claims) ? project.claims : [];
  return claims.length ? claims.map((c) => c?.name ?? '').join('、') : '—';
}

/** Cells of the project table. */
export function projectCells(p, statuses = PROJECT_STATUSES) {
  const attachments = Array.isArray(p?.attachments) ? p.attachments : [];
  return {
    title: p?.title ?? '',
    village: p?.villageName ?? '',
    category: p?.category ?? '',
    claims: claimNames(p),
    status: p?.status ?? '',
    statusLabel: p?.statusLabel || statusLabel(p?.status, statuses),
    planned: rangeText(p?.plannedStart, p?.plannedEnd),
    actualEnd: p?.actualEnd ?? '',
    attachments: attachments.length ? `${attachments.length} 个` : '—',
    score: p?.score ? scoreText(p.score) : '',
    // The core's: past 计划完成 and not 已完成, or past 计划开始 and not 实施中.
    overdue: !!p?.overdue,
  };
}

/** The 看板: one column per status, in order, each with its projects (as listed). */
export function boardColumns(projects, statuses = PROJECT_STATUSES) {
  const list = Array.isArray(projects) ? projects : [];
  return PROJECT_STATUSES.map((s) => {
    const items = list.filter((p) => p?.status === s.value);
    return { value: s.value, label: statusLabel(s.value, statuses), count: items.length, projects: items };
  });
}

/** "待认领 2 · 已认领 3 · 实施中 1 · 已完成 0 · 已评价 4（共 10 个）" */
export function boardSummary(projects, statuses = PROJECT_STATUSES) {
  const cols = boardColumns(projects, statuses);
  const total = cols.reduce((s, c) => s + c.count, 0);
  return `${cols.map((c) => `${c.label} ${c.count}`).join(' · ')}（共 ${total} 个）`;
}

/**
 * Partner units that may still claim a project: not claiming yet; units paired
 * with the project's community first. [{ id, label, paired }].
 */
export function claimCandidates(units, project) {
  const taken = new Set((project?.claims ?? []).map((c) => String(c?.partnerUnitId)));
  const village = project?.villageId == null ? '' : String(project.villageId);
  return (Array.isArray(units) ? units : [])
    .filter((u) => !taken.has(String(u?.id)))
    .map((u, k) => {
      const paired = !!village && (u?.villageIds ?? []).map(String).includes(village);
      return { id: String(u.id), label: `${u?.name ?? ''}${paired ? '（结对）' : ''}`, paired, k };
    })
    .sort((a, b) => Number(b.paired) - Number(a.paired) || a.k - b.k)
    .map(({ id, label, paired }) => ({ id, label, paired }));
}

/** "★★★★☆ 4 分" */
export function scoreText(score) {
  const s = Math.max(0, Math.min(5, Math.round(Number(score) || 0)));
  return s ? `${'★'.repeat(s)}${'☆'.repeat(5 - s)} ${s} 分` : '';
}

/** "资金 5000 元 · 人力 12 人 · 物资：图书 200 册", or '—'. */
export function resourcesText(p) {
  const parts = [];
  if (p?.money !== null && p?.money !== undefined && p.money !== '') parts.push(`资金 ${p.money} 元`);
  if (p?.people !== null && p?.people !== undefined && p.people !== '') parts.push(`人力 ${p.people} 人`);
  if (text(p?.goods)) parts.push(`物资：${text(p.goods)}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** An attachment as shown: name, size, when it was added, whether the file is gone. */
export function attachmentRow(a) {
  return {
    hash: String(a?.hash ?? ''),
    name: a?.name ?? '',
    size: formatBytes(a?.bytes),
    addedAt: a?.addedAt ? formatDateTime(a.addedAt) : '',
    missing: !!a?.missing,
  };
}

// ---------- the project form and filters ----------

export function projectFormValues(p, { villageId = '' } = {}) {
  return formValues(p, PROJECT_FIELDS, { blank: { villageId: p ? '' : String(villageId ?? '') } });
}

/** The project form → ProjectInput ('' for amounts not filled), or a field error. */
export function parseProjectForm(v) {
  const title = requiredText(v?.title, 'title', '项目名称');
  const villageId = text(v?.villageId);
  const registered = parseDateField(v?.registeredOn, 'registeredOn', '登记日期');
  const start = parseDateField(v?.plannedStart, 'plannedStart', '计划开始日期');
  const end = parseDateField(v?.plannedEnd, 'plannedEnd', '计划完成日期');
  const money = parseAmount(v?.money, 'money', '投入资金');
  const people = parseWhole(v?.people, 'people', '投入人力');
  // 类别 as the core asks it, so that all are said at once.
  const wrong = problemsOf([
    title,
    villageId ? null : fieldError('villageId', '请选择提出需求的村/社区。'),
    text(v?.category) ? null : fieldError('category', '请填写项目类别。'),
    registered,
    start,
    end,
    start.ok && end.ok && start.value && end.value && end.value < start.value
      ? fieldError('plannedEnd', '计划完成日期不能早于开始日期。') : null,
    money,
    people,
  ]);
  if (wrong) return wrong;
  return {
    ok: true,
    input: {
      title: title.value,
      villageId,
      category: text(v?.category),
      registeredOn: registered.value,
      plannedStart: start.value,
      plannedEnd: end.value,
      money: money.value,
      people: people.value,
      goods: text(v?.goods),
      beneficiaries: text(v?.beneficiaries),
      note: text(v?.note),
    },
  };
}

export function emptyProjectFilters() {
  return { villageId: '', partnerUnitId: '', status: '', period: '', text: '' };
}

/** The list filters → ProjectQuery (every key present, strings). */
export function projectQuery(f) {
  return {
    villageId: text(f?.villageId),
    partnerUnitId: text(f?.partnerUnitId),
    status: text(f?.status),
    period: text(f?.period),
    text: text(f?.text),
  };
}

/** Years for the project filter. */
export function projectYears(currentYear, projects = []) {
  const seen = [];
  for (const p of projects ?? []) {
    for (const d of [p?.plannedStart, p?.plannedEnd, p?.actualEnd, p?.createdAt]) {
      if (d) seen.push(String(d).slice(0, 4));
    }
  }
  return yearOptions(currentYear, seen);
}

// ---------- partner units ----------

export function unitKindLabel(kind, kinds = UNIT_KINDS) {
  return labelOf(kind, kinds);
}

/** The partner form's values. `fullPhone` is the revealed number (the list only has it masked). */
export function partnerFormValues(u, { fullPhone = '', kind = '' } = {}) {
  return formValues(u, PARTNER_FIELDS, { blank: { kind, villageIds: [] }, set: { contactPhone: u ? fullPhone : '' } });
}

/** The partner form → PartnerUnitInput, or a field error. */
export function parsePartnerForm(v) {
  const name = requiredText(v?.name, 'name', '共建单位名称');
  if (!name.ok) return name;
  const kind = text(v?.kind);
  if (!kind) return fieldError('kind', '请选择单位类型。');
  const phone = phoneText(v?.contactPhone);
  return {
    ok: true,
    input: {
      name: name.value,
      kind,
      contactName: text(v?.contactName),
      contactPhone: phone,
      villageIds: [...new Set((v?.villageIds ?? []).map(String).filter((x) => x))],
      note: text(v?.note),
    },
  };
}

/** Cells of the partner-unit table. */
export function partnerCells(u, kinds = UNIT_KINDS) {
  const villages = Array.isArray(u?.villageNames) ? u.villageNames.filter((x) => x) : [];
  return {
    name: u?.name ?? '',
    kind: u?.kindLabel || unitKindLabel(u?.kind, kinds),
    contactName: text(u?.contactName) || '—',
    phone: u?.contactPhone ?? '',
    villages: villages.length ? villages.join('、') : '—',
    counts: `认领 ${Number(u?.claimed) || 0} · 完成 ${Number(u?.completed) || 0}`,
  };
}

/** What a partner unit claimed, split into finished (已完成/已评价) and not yet. */
export function partnerProjects(projects) {
  const list = Array.isArray(projects) ? projects : [];
  const finished = list.filter((p) => p?.status === 'completed' || p?.status === 'evaluated');
  const ongoing = list.filter((p) => !(p?.status === 'completed' || p?.status === 'evaluated'));
  return {
    finished,
    ongoing,
    text: list.length ? `认领 ${list.length} 个项目，已完成 ${finished.length} 个。` : '还没有认领项目。',
  };
}
