// 党建: compound party branches and their 三亮 (亮组织架构、亮职责、亮党员身份),
// the joint committees (大工委/大党委) and their members, joint meetings (联席会议)
// and the follow-up items their decisions become. Pure: no DOM.
import {
  fieldError, formValues, text, parseDateField, requiredText, yearOptions, rangeText, problemsOf,
} from './fields.js';
import { percent } from './charts.js';
import { choicesOf } from './labels.js';
import { daysBetween } from './format.js';

// ---------- 三亮 ----------

/** The three items, in display order: key (as in PartyBranch.missing), date field, labels. */
export const SANLIANG_ITEMS = Object.freeze([
  Object.freeze({ key: 'structure', field: 'structureOn', label: '亮组织架构', short: '组织架构' }),
  Object.freeze({ key: 'duties', field: 'dutiesOn', label: '亮职责', short: '职责' }),
  Object.freeze({ key: 'identity', field: 'identityOn', label: '亮党员身份', short: '党员身份' }),
]);

export const BRANCH_FIELDS = Object.freeze(['exists', 'secretary', 'structureOn', 'dutiesOn', 'identityOn', 'note']);

const n = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);

/**
 * The completion line of the 三亮 list: "三亮齐全 9/13 个小区（69.2%）".
 * `compounds` and `complete` count every compound, whatever the filter shows.
 */
export function sanliangSummary(s) {
  const compounds = n(s?.compounds);
  const complete = Math.min(n(s?.complete), compounds);
  if (!compounds) {
    return { compounds: 0, complete: 0, text: '还没有小区。请先在“组织架构”中建立小区，再登记党支部和三亮情况。' };
  }
  return {
    compounds,
    complete,
    text: `三亮齐全 ${complete}/${compounds} 个小区（${percent(complete, compounds)}）`,
  };
}

/** The items a branch still lacks (PartyBranch.missing, or worked out from the dates). */
export function missingItems(row) {
  if (Array.isArray(row?.missing)) return SANLIANG_ITEMS.filter((i) => row.missing.includes(i.key));
  return SANLIANG_ITEMS.filter((i) => !row?.[i.field]);
}

/**
 * How far a compound is: no_branch 未建支部, complete 三亮齐全, none 未公示,
 * partial 缺职责、党员身份.
 */
export function branchState(row) {
  if (!row?.exists) return { key: 'no_branch', label: '未建支部' };
  const missing = missingItems(row);
  if (row.complete || !missing.length) return { key: 'complete', label: '三亮齐全' };
  if (missing.length === SANLIANG_ITEMS.length) return { key: 'none', label: '三亮均未公示' };
  return { key: 'partial', label: `缺${missing.map((i) => i.short).join('、')}` };
}

/** The 撤下 spells of one item (PartyBranch.takenDown), the latest last. */
function spellsOf(row, item) {
  return (Array.isArray(row?.takenDown) ? row.takenDown : []).filter((t) => t?.item === item.key);
}

/**
 * One item of a row: published (with its date) or not; `takenDownOn`, when not
 * published, the day its board was last taken down (撤下).
 */
export function sanliangItem(row, item) {
  const date = row?.[item.field] ? String(row[item.field]) : '';
  const last = date ? null : spellsOf(row, item).at(-1);
  return { key: item.key, label: item.label, done: date !== '', date, takenDownOn: last ? String(last.until ?? '') : '' };
}

/** The detail's lines for the items taken down: "亮党员身份：2025-08-14 公示，2026-08-31 撤下". */
export function takenDownLines(row) {
  return SANLIANG_ITEMS.flatMap((item) => spellsOf(row, item)
    .map((t) => `${item.label}：${t.from} 公示，${t.until} 撤下`));
}

/** The items whose published date the form clears (`before` stored, `input` to save). */
export function clearedItems(before, input) {
  return SANLIANG_ITEMS.filter((item) => before?.[item.field] && !input?.[item.field]);
}

/**
 * The 撤下日期 asked when a date is cleared: "" is refused, a day before or on the
 * latest publication of a cleared item, or after `today`, too. → { ok, value } or
 * { ok: false, message }.
 */
export function parseTakenDown(value, cleared, before, today) {
  const d = parseDateField(value, 'takenDownOn', '撤下日期', { required: true });
  if (!d.ok) return { ok: false, message: d.error.message };
  if (today && d.value > today) return { ok: false, message: `撤下日期 ${d.value} 晚于今天（${today}）：撤下了才登记，请填撤下的那一天。` };
  const latest = cleared.map((i) => String(before?.[i.field] ?? '')).sort().at(-1) ?? '';
  if (latest && d.value <= latest) return { ok: false, message: `撤下日期 ${d.value} 要晚于公示的日期 ${latest}。` };
  return { ok: true, value: d.value };
}

/** "青溪社区 › 阳光花园" */
export function compoundTitle(row) {
  return [row?.villageName, row?.compoundName].filter((x) => x).join(' › ');
}

/** The branch form's values from a PartyBranch. */
export function branchFormValues(row) {
  return formValues(row, BRANCH_FIELDS, { set: { exists: !!row?.exists } });
}

/** The branch form → PartyBranchInput, or a field error. Dates are tidied ("2026/3/1" → "2026-03-01"). */
export function parseBranchForm(v) {
  const input = { exists: !!v?.exists, secretary: text(v?.secretary) };
  for (const item of SANLIANG_ITEMS) {
    const d = parseDateField(v?.[item.field], item.field, `${item.label}的公示日期`);
    if (!d.ok) return d;
    input[item.field] = d.value;
  }
  input.note = text(v?.note);
  return { ok: true, input };
}

// ---------- 委员会 ----------

export const COMMITTEE_KINDS = choicesOf('committees', 'kind');

export const COMMITTEE_FIELDS = Object.freeze(['kind', 'name', 'villageId', 'note']);
export const MEMBER_FIELDS = Object.freeze([
  'committeeId', 'name', 'partTime', 'partnerUnitId', 'post', 'termStart', 'termEnd', 'note',
]);

/** What a committee kind is for, shown under the kind select. */
export function committeeKindHint(kind) {
  return kind === 'community_joint'
    ? '社区“大党委”：设在一个村/社区，吸收驻区单位、共建单位的党员负责人任兼职委员。'
    : '街道“大工委”：街道（乡镇）层面的联合工作委员会，吸收驻区单位负责人任兼职委员。';
}

export function committeeFormValues(c, { kind = 'joint_working' } = {}) {
  return formValues(c, COMMITTEE_FIELDS, { blank: { kind } });
}

/**
 * A name to offer for an empty name box: "青溪街道大工委", "青溪社区大党委"; none when
 * a committee of `taken` (the names there are) has it already (saving it is refused).
 */
export function suggestCommitteeName(kind, { officeName = '', villageName = '', taken = [] } = {}) {
  const name = kind === 'community_joint'
    ? (villageName ? `${villageName}大党委` : '')
    : (officeName ? `${officeName}大工委` : '');
  return taken.includes(name) ? '' : name;
}

/** The committee form → CommitteeInput, or a field error. */
export function parseCommitteeForm(v) {
  const kind = text(v?.kind);
  if (!COMMITTEE_KINDS.some((k) => k.value === kind)) return fieldError('kind', '请选择委员会类型（大工委或大党委）。');
  const villageId = text(v?.villageId);
  if (kind === 'community_joint' && !villageId) {
    return fieldError('villageId', '社区“大党委”请选择它所在的村/社区。');
  }
  const name = requiredText(v?.name, 'name', '委员会名称');
  if (!name.ok) return name;
  return {
    ok: true,
    input: { kind, name: name.value, villageId: kind === 'community_joint' ? villageId : null, note: text(v?.note) },
  };
}

export function memberFormValues(m, committeeId = '') {
  return formValues(m, MEMBER_FIELDS, {
    blank: { committeeId: String(committeeId ?? '') },
    set: { partTime: !!m?.partTime },
  });
}

/** The member form → MemberInput, or a field error. A part-time member names the partner unit. */
export function parseMemberForm(v) {
  const committeeId = text(v?.committeeId);
  const name = requiredText(v?.name, 'name', '委员姓名');
  const partTime = !!v?.partTime;
  const partnerUnitId = text(v?.partnerUnitId);
  const start = parseDateField(v?.termStart, 'termStart', '任期开始日期');
  const end = parseDateField(v?.termEnd, 'termEnd', '任期结束日期');
  const wrong = problemsOf([
    committeeId ? null : fieldError('committeeId', '请先选择委员会。'),
    name,
    partTime && !partnerUnitId ? fieldError('partnerUnitId', '兼职委员请选择他来自哪个共建单位。') : null,
    start,
    end,
    start.ok && end.ok && start.value && end.value && end.value < start.value
      ? fieldError('termEnd', '任期结束日期不能早于开始日期。') : null,
  ]);
  if (wrong) return wrong;
  return {
    ok: true,
    input: {
      committeeId,
      name: name.value,
      partTime,
      partnerUnitId: partnerUnitId || null,
      post: text(v?.post),
      termStart: start.value,
      termEnd: end.value,
      note: text(v?.note),
    },
  };
}

export function employmentText(partTime) {
  return partTime ? '兼职' : '专职';
}

/** A member's term: "2024-01-01 至 2026-12-31". */
export function termText(m, today = '') {
  const ended = termEnded(m, today);
  return `${rangeText(m?.termStart, m?.termEnd)}${ended ? '（已届满）' : ''}`;
}

/** Whether member `m`'s 任期 ended before `today` (YYYY-MM-DD; '' never). */
export function termEnded(m, today = '') {
  return !!today && !!m?.termEnd && String(m.termEnd) < today;
}

/**
 * The members of a committee whose 任期 ends within `within` days from `today`
 * (today included): { count, first and last end, days: until the first }, or null. A
 * 换届 is prepared months ahead; 首页 reminds only the week a term ends.
 */
export function termsEndingSoon(members, today = '', within = 90) {
  if (!today) return null;
  const ends = (members ?? [])
    .map((m) => String(m?.termEnd ?? ''))
    .filter((end) => end && end >= today && daysBetween(today, end) <= within)
    .sort();
  return ends.length ? { count: ends.length, first: ends[0], last: ends.at(-1), days: daysBetween(today, ends[0]) } : null;
}

/**
 * "在任兼职委员共 7 人，来自 4 个共建单位。" (the members whose 任期 holds today, as
 * 首页 and 统计 count them; each committee's card lists its whole roster). A person
 * on several committees counts once here and once in each committee's column; when
 * that makes the columns add up to more, the line says why.
 */
export function partTimeSummary(counts) {
  const total = n(counts?.total);
  if (!total) return '没有在任的兼职委员。';
  const units = (counts?.byUnit ?? []).filter((u) => n(u?.count) > 0).length;
  const seats = (counts?.byCommittee ?? []).reduce((sum, c) => sum + n(c?.count), 0);
  const shared = seats > total ? `各委员会合计 ${seats} 人次：有人同时在几个委员会兼职，只计 1 人。` : '';
  return (units ? `在任兼职委员共 ${total} 人，来自 ${units} 个共建单位。` : `在任兼职委员共 ${total} 人。`) + shared;
}

/** "大党委 · 青溪社区大党委（青溪社区）" */
export function committeeLabel(c) {
  const kind = c?.kindLabel || COMMITTEE_KINDS.find((k) => k.value === c?.kind)?.label || '';
  const name = c?.name ?? '';
  // 青溪街道大工委 says its kind already (no 大工委 · 青溪街道大工委).
  return kind && !name.includes(kind) ? `${kind} · ${name}` : name;
}

// ---------- 联席会议 ----------

export const MEETING_FIELDS = Object.freeze(['committeeId', 'heldOn', 'place', 'host', 'attendeeIds', 'observers', 'topics', 'note', 'decisions']);

export function emptyDecision() {
  return { id: null, decision: '', owner: '', dueOn: '', status: 'open', doneOn: '' };
}

/**
 * What every meeting form shares (联席会议, and the working meetings of the
 * coordination mechanism): the date (today for a new meeting), topics, note and the
 * decision rows (one empty row for a new meeting).
 */
export function meetingBaseValues(m, today = '') {
  const decisions = (m?.decisions ?? []).map((d) => ({
    id: d?.id ?? null,
    decision: d?.decision ?? '',
    owner: d?.owner ?? '',
    dueOn: d?.dueOn ?? '',
    status: d?.status === 'done' ? 'done' : 'open',
    doneOn: d?.doneOn ?? '',
  }));
  return {
    heldOn: m ? (m.heldOn ?? '') : today,
    topics: m?.topics ?? '',
    note: m?.note ?? '',
    decisions: decisions.length ? decisions : [emptyDecision()],
  };
}

/** The meeting form's values: an existing meeting, or a new one held today. */
export function meetingFormValues(m, { today = '', committeeId = '' } = {}) {
  return {
    committeeId: String(m?.committeeId ?? committeeId ?? ''),
    place: m?.place ?? '',
    host: m?.host ?? '',
    observers: m?.observers ?? '',
    attendeeIds: (m?.attendeeIds ?? []).map(String),
    ...meetingBaseValues(m, today),
  };
}

/** A decision row the clerk left empty (it is not sent; an existing one left empty is removed). */
export function isBlankDecision(d) {
  return !text(d?.decision) && !text(d?.owner) && !text(d?.dueOn);
}

/**
 * Where a decision error from the store points: "第 3 项的办结日期 …" → { row, part }
 * (part 'decision', 'owner', 'dueOn' or 'doneOn'), the number counted among the
 * filled rows of `rows` (blank rows are not sent), or {} when it names no row.
 */
export function decisionTarget(message, rows) {
  const m = /第 (\d+) 项(?:决定事项)?(?:的)?(办结日期|完成时限|责任人)?/.exec(String(message ?? ''));
  if (!m) return {};
  const filled = (Array.isArray(rows) ? rows : []).flatMap((d, i) => (isBlankDecision(d) ? [] : [i]));
  const row = filled[Number(m[1]) - 1];
  if (row === undefined) return {};
  return { row, part: { 办结日期: 'doneOn', 完成时限: 'dueOn', 责任人: 'owner' }[m[2]] ?? 'decision' };
}

/**
 * The meeting form → MeetingInput, or a field error. Decision errors carry
 * field 'decisions', the row index `row` and the `part` to focus.
 */
export function parseMeetingForm(v, { today = '' } = {}) {
  const committeeId = text(v?.committeeId);
  if (!committeeId) return fieldError('committeeId', '请选择召开会议的委员会。');
  const base = parseMeetingBase(v, today);
  if (!base.ok) return base;
  return {
    ok: true,
    input: {
      committeeId,
      place: text(v?.place),
      host: text(v?.host),
      observers: text(v?.observers),
      attendeeIds: [...new Set((v?.attendeeIds ?? []).map(String).filter((x) => x))],
      ...base.value,
    },
  };
}

/** The parts of [`meetingBaseValues`] back from the form: { ok, value } or a field error. */
export function parseMeetingBase(v, today = '') {
  const held = parseDateField(v?.heldOn, 'heldOn', '会议日期', { required: true });
  if (!held.ok) return held;
  const decisions = parseDecisions(v?.decisions, { today });
  if (!decisions.ok) return decisions;
  return {
    ok: true,
    value: { heldOn: held.value, topics: text(v?.topics), note: text(v?.note), decisions: decisions.value },
  };
}

/** A meeting's decisions in a list cell: "3 项（未办结 1）", or '—'. */
export function decisionsCell(m) {
  const decisions = Array.isArray(m?.decisions) ? m.decisions : [];
  const open = decisions.filter((d) => d?.status !== 'done').length;
  return decisions.length ? `${decisions.length} 项${open ? `（未办结 ${open}）` : '（均已办结）'}` : '—';
}

/**
 * The decision rows of a meeting form (联席会议, and the working meetings of the
 * coordination mechanism) → { ok, value: [decision] } with blank rows left out, or
 * a field error with field 'decisions', the row index `row` and the `part` to focus.
 */
export function parseDecisions(list, { today = '' } = {}) {
  const decisions = [];
  const rows = Array.isArray(list) ? list : [];
  for (let i = 0; i < rows.length; i += 1) {
    const d = rows[i];
    if (isBlankDecision(d)) continue;
    const no = `第 ${i + 1} 条决定事项`;
    const decision = text(d.decision);
    if (!decision) return fieldError('decisions', `${no}请填写内容（不需要这一条可以点“删除”）。`, { row: i, part: 'decision' });
    const due = parseDateField(d.dueOn, 'decisions', `${no}的完成时限`);
    if (!due.ok) return fieldError('decisions', due.error.message, { row: i, part: 'dueOn' });
    const status = d.status === 'done' ? 'done' : 'open';
    let doneOn = '';
    if (status === 'done') {
      const done = parseDateField(d.doneOn, 'decisions', `${no}的办结日期`);
      if (!done.ok) return fieldError('decisions', done.error.message, { row: i, part: 'doneOn' });
      doneOn = done.value || today;
    }
    decisions.push({ id: d.id ?? null, decision, owner: text(d.owner), dueOn: due.value, status, doneOn });
  }
  return { ok: true, value: decisions };
}

/** Table cells of a meeting in the list. */
export function meetingCells(m) {
  const names = Array.isArray(m?.attendeeNames) ? m.attendeeNames : [];
  const count = Array.isArray(m?.attendeeIds) ? m.attendeeIds.length : names.length;
  const topics = text(m?.topics).replace(/\s+/g, ' ');
  return {
    heldOn: m?.heldOn ?? '',
    committee: m?.committeeName ?? '',
    attendees: count ? `${count} 人` : '—',
    attendeeNames: names.map((n) => n || '（已不在委员会）').join('、'),
    topics: topics.length > 60 ? `${topics.slice(0, 60)}…` : topics,
    decisions: decisionsCell(m),
  };
}

/** Years for the meeting filter: this year and the last few, plus years meetings were held. */
export function meetingYears(currentYear, meetings = []) {
  return yearOptions(currentYear, (meetings ?? []).map((m) => String(m?.heldOn ?? '').slice(0, 4)));
}

/** Cells of a follow-up item. `overdue` is the backend's (open and due before today). */
export function followUpCells(f) {
  const done = f?.status === 'done';
  return {
    decision: f?.decision ?? '',
    owner: text(f?.owner) || '—',
    due: f?.dueOn || '未定期限',
    overdue: !done && !!f?.overdue,
    done,
    status: done ? `已办结${f?.doneOn ? `（${f.doneOn}）` : ''}` : '未办结',
    source: [f?.meetingHeldOn, f?.committeeName].filter((x) => x).join(' · '),
  };
}

/** The day a follow-up is put in a 期间 by: its 完成时限, or without one the meeting's date. */
export function followUpDay(f) {
  return f?.dueOn || f?.meetingHeldOn || '';
}

/** "未办结 5 项，其中已逾期 2 项。" over the list shown (source: 联席会议 or 工作会议). */
export function followUpSummary(list, { onlyOpen = false, source = '联席会议' } = {}) {
  const items = Array.isArray(list) ? list : [];
  const open = items.filter((f) => f?.status !== 'done');
  const overdue = open.filter((f) => f?.overdue).length;
  if (!items.length) return onlyOpen ? '没有未办结的跟进事项。' : `还没有跟进事项。${source}的决定事项会列在这里。`;
  const head = `未办结 ${open.length} 项${overdue ? `，其中已逾期 ${overdue} 项` : ''}`;
  return onlyOpen ? `${head}。` : `共 ${items.length} 项：${head}，已办结 ${items.length - open.length} 项。`;
}
