// 领导联系点: leaders (市, 县/区, 乡镇/街道 领导), the communities, compounds and
// grids each is linked to (重点联系 for city leaders, 包保 for county leaders,
// 全覆盖 for township leaders), the visits to them, the coverage (who has no
// contact leader; which villages no township leader covers) and the departments
// demands are assigned to. Pure: no DOM.
import {
  fieldError, formValues, text, phoneText, parseDateField, requiredText, rangeText, problemsOf,
} from './fields.js';
import { walk, pathTo, pathLabel, kindLabel, idKey } from './tree.js';
import { percent } from './charts.js';
import { DEMAND_LEVELS } from './demands.js';
import { catalogList, choicesOf, labelOf } from './labels.js';

export const LEADER_LEVELS = choicesOf('leaders', 'level');

/**
 * The kind of link follows the leader's level (市 重点联系, 县/区 包保, 乡镇/街道 全覆盖):
 * the core's rule, from the catalog ([level, value, label]).
 */
export const CONTACT_KINDS = catalogList('leaderLinks', (l) => (Array.isArray(l) && l.every((x) => typeof x === 'string')
  ? Object.freeze({ level: l[0], value: l[1], label: l[2] }) : null));

export const LEADER_FIELDS = Object.freeze(['name', 'level', 'post', 'unit', 'phone', 'note']);
export const POINT_FIELDS = Object.freeze(['leaderId', 'unitId', 'startOn', 'endOn', 'note']);
export const VISIT_FIELDS = Object.freeze(['visitedOn', 'visitors', 'found', 'coordinated']);
export const DEPARTMENT_FIELDS = Object.freeze(['name', 'level', 'note']);

/** The kinds of unit a leader may be linked to. */
export const TARGET_KINDS = catalogList('contactTargets', (k) => (typeof k === 'string' ? k : null));

/** 重点联系 / 包保 / 全覆盖 for a leader's level, or null. */
export function contactKindFor(level) {
  return CONTACT_KINDS.find((k) => k.level === level) ?? null;
}

/** "每个联系点按领导层级确定联系类型：…" for a chosen leader. */
export function contactKindHint(leader, levels = LEADER_LEVELS) {
  const kind = contactKindFor(leader?.level);
  if (!leader || !kind) return CONTACT_KINDS.length ? `${CONTACT_KINDS.map((k) => `${labelOf(k.level, levels)}领导为${k.label}`).join('，')}。` : '';
  return `${leader.name ?? ''}是${leader.levelLabel || labelOf(leader.level, levels)}领导：联系类型为“${kind.label}”。`;
}

// ---------- leaders ----------

/** The leader form's values. `fullPhone` is the revealed number (the list only has it masked). */
export function leaderFormValues(l, { fullPhone = '', level = 'township' } = {}) {
  return formValues(l, LEADER_FIELDS, { blank: { level }, set: { phone: l ? fullPhone : '' } });
}

/** The leader form → LeaderInput, or a field error. */
export function parseLeaderForm(v) {
  const name = requiredText(v?.name, 'name', '领导姓名');
  if (!name.ok) return name;
  const level = text(v?.level);
  if (!LEADER_LEVELS.some((l) => l.value === level)) return fieldError('level', '请选择领导的层级（市、县/区或乡镇/街道）。');
  return {
    ok: true,
    input: {
      name: name.value, level, post: text(v?.post), unit: text(v?.unit), phone: phoneText(v?.phone), note: text(v?.note),
    },
  };
}

export function leaderCells(l, levels = LEADER_LEVELS) {
  const points = Number(l?.points) || 0;
  return {
    name: l?.name ?? '',
    level: l?.levelLabel || labelOf(l?.level, levels),
    post: text(l?.post) || '—',
    unit: text(l?.unit) || '—',
    phone: l?.phone ?? '',
    points: points ? `${points} 个` : '—',
  };
}

/**
 * The leaders as a list box's choices, grouped by level (市领导, 县/区领导, 乡镇/街道领导,
 * in that order): [{ value: id, label: "张伟（副区长）", group }]. The level is the
 * group's, so the chosen text stays short enough for a side panel's box.
 */
export function leaderChoices(leaders, levels = LEADER_LEVELS) {
  const rank = (l) => {
    const i = levels.findIndex((x) => x.value === l?.level);
    return i < 0 ? levels.length : i;
  };
  return [...(leaders ?? [])]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map(({ l }) => ({
      value: String(l?.id ?? ''),
      label: `${l?.name ?? ''}${text(l?.post) ? `（${text(l.post)}）` : ''}`,
      group: `${l?.levelLabel || labelOf(l?.level, levels) || '其他'}领导`,
    }));
}

// ---------- contact points ----------

/**
 * The units a leader may be linked to (村/社区, 小区, 基础网格), in tree order, each
 * with its path: [{ id, kind, kindLabel, name, path, depth, label }]. The label is
 * the path with the kind: "青溪社区 › 阳光花园（小区）".
 */
export function targetOptions(tree) {
  const out = [];
  if (!tree?.roots) return out;
  walk(tree.roots, (n) => {
    const u = n.unit;
    if (!TARGET_KINDS.includes(u.kind)) return;
    const path = pathLabel(pathTo(tree, u.id));
    const kl = kindLabel(u.kind, u.areaType);
    // 杨柳村, not 杨柳村（村）: the kind is said only when the name does not say it.
    const named = String(u.name ?? '').endsWith(kl);
    out.push({ id: idKey(u.id), kind: u.kind, kindLabel: kl, name: u.name ?? '', path, depth: n.depth, label: named ? path : `${path}（${kl}）` });
  });
  return out;
}

/** The village (村/社区) a unit sits in, itself when it is one: its id, or ''. */
export function villageIdOf(tree, unitId) {
  if (!tree?.byId) return '';
  const v = pathTo(tree, unitId).find((u) => u.kind === 'village');
  return v ? idKey(v.id) : '';
}

/** The contact point form's values: an existing point, or a new one from today (a prefill may name the leader or unit). */
export function pointFormValues(p, { today = '', leaderId = '', unitId = '' } = {}) {
  const blank = p ? {} : { leaderId: String(leaderId ?? ''), unitId: String(unitId ?? ''), startOn: today };
  return formValues(p, POINT_FIELDS, { blank });
}

/** The contact point form → ContactPointInput, or a field error. */
export function parsePointForm(v) {
  const leaderId = text(v?.leaderId);
  const unitId = text(v?.unitId);
  const start = parseDateField(v?.startOn, 'startOn', '开始日期');
  const end = parseDateField(v?.endOn, 'endOn', '结束日期');
  const wrong = problemsOf([
    leaderId ? null : fieldError('leaderId', '请选择联系领导（没有的话先在“领导”中添加）。'),
    unitId ? null : fieldError('unitId', '请选择联系的村/社区、小区或网格。'),
    start,
    end,
    start.ok && end.ok && start.value && end.value && end.value < start.value
      ? fieldError('endOn', '结束日期不能早于开始日期。') : null,
  ]);
  if (wrong) return wrong;
  return { ok: true, input: { leaderId, unitId, startOn: start.value, endOn: end.value, note: text(v?.note) } };
}

export function pointCells(p, levels = LEADER_LEVELS) {
  const visits = Number(p?.visits) || 0;
  return {
    leader: p?.leaderName ?? '',
    level: labelOf(p?.leaderLevel, levels),
    target: text(p?.unitPath) || text(p?.unitName),
    kind: p?.kindLabel || contactKindFor(p?.leaderLevel)?.label || '',
    period: rangeText(p?.startOn, p?.endOn),
    active: p?.active !== false,
    state: p?.stateLabel || (p?.active === false ? '已结束' : '联系中'),
    visits: visits ? `${visits} 次` : '—',
  };
}

/** "李明 → 青溪社区 › 阳光花园（包保）" */
export function pointTitle(p) {
  const c = pointCells(p);
  return `${c.leader} → ${c.target}${c.kind ? `（${c.kind}）` : ''}`;
}

// ---------- visits ----------

export function visitFormValues(v, { today = '' } = {}) {
  return formValues(v, VISIT_FIELDS, { blank: { visitedOn: v ? '' : today } });
}

/** The visit form → VisitInput (for the contact point `contactPointId`), or a field error. */
export function parseVisitForm(v, { contactPointId } = {}) {
  const point = text(contactPointId);
  if (!point) return fieldError('visitedOn', '请先选择一个联系点。');
  const date = parseDateField(v?.visitedOn, 'visitedOn', '走访日期', { required: true });
  if (!date.ok) return date;
  return {
    ok: true,
    input: {
      contactPointId: point, visitedOn: date.value, visitors: text(v?.visitors), found: text(v?.found), coordinated: text(v?.coordinated),
    },
  };
}

const short = (s, n = 60) => {
  const t = text(s).replace(/\s+/g, ' ');
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

export function visitCells(v) {
  const demands = Array.isArray(v?.demands) ? v.demands : [];
  return {
    visitedOn: v?.visitedOn ?? '',
    visitors: short(v?.visitors, 30) || '—',
    found: short(v?.found) || '—',
    coordinated: short(v?.coordinated) || '—',
    demands: demands.map((d) => ({
      id: idKey(d?.id), title: d?.title ?? '', statusLabel: d?.statusLabel ?? '', text: `${d?.title ?? ''}${d?.statusLabel ? `（${d.statusLabel}）` : ''}`,
    })),
  };
}

/**
 * The 转为诉求 form, filled from a visit: the title is the first line of what was
 * found (cut at 40 characters), the description all of it; received on the visit's
 * date; the reporter is the leader; the village is the point's.
 */
export function demandFromVisitValues(visit, point, { villageId = '', level = 'township' } = {}) {
  const found = text(visit?.found);
  const first = found.split(/\r?\n/).map((l) => l.trim()).find((l) => l) ?? '';
  return {
    title: first.length > 40 ? `${first.slice(0, 40)}…` : first,
    source: 'visit',
    // 反映人 is the residents who raised it, not the visiting leader: left for the clerk.
    reporter: '',
    reporterPhone: '',
    category: '',
    description: found,
    unitId: villageId,
    level,
    receivedOn: visit?.visitedOn ?? '',
    deadline: '',
  };
}

// ---------- coverage ----------

/**
 * "村/社区、小区和网格中有联系领导的 9/12 个（75%）" over every community, compound and
 * base grid: says what is counted, so it does not read against 全覆盖 (a leader of the
 * township for every village) beside it.
 */
export function coverageSummary(c) {
  const total = Math.max(0, Number(c?.total) || 0);
  const covered = Math.min(Math.max(0, Number(c?.covered) || 0), total);
  if (!total) {
    return { covered: 0, total: 0, text: '还没有村/社区、小区或网格。请先在“组织架构”中建立。' };
  }
  return { covered, total, text: `村/社区、小区和网格中有联系领导的 ${covered}/${total} 个（${percent(covered, total)}）` };
}

/**
 * The coverage table: [{ id, kind, name, path, depth, leaders: [text], uncovered }], all
 * rows or only those without a contact leader. Depth indents compounds and grids.
 */
export function coverageRows(c, { onlyUncovered = false } = {}) {
  const rows = Array.isArray(c?.rows) ? c.rows : [];
  const depthOf = (kind) => (kind === 'village' ? 1 : kind === 'compound' ? 2 : 3);
  return rows
    .map((r) => {
      const leaders = (Array.isArray(r?.leaders) ? r.leaders : []).map((l) => {
        const bits = [l?.levelLabel, l?.kindLabel].filter((x) => text(x));
        return `${l?.name ?? ''}${bits.length ? `（${bits.join(' · ')}）` : ''}`;
      });
      return {
        id: idKey(r?.unitId), kind: r?.kind ?? '', name: r?.name ?? '', path: text(r?.path) || (r?.name ?? ''),
        depth: depthOf(r?.kind), leaders, uncovered: leaders.length === 0,
      };
    })
    .filter((r) => !onlyUncovered || r.uncovered);
}

/** The villages without a township leader (乡镇/街道领导全覆盖的缺口): { items, text }. */
export function townshipGaps(c) {
  const items = (Array.isArray(c?.villagesWithoutTownshipLeader) ? c.villagesWithoutTownshipLeader : [])
    .map((r) => ({ id: idKey(r?.unitId), name: r?.name ?? '', path: text(r?.path) || (r?.name ?? '') }));
  const villages = (Array.isArray(c?.rows) ? c.rows : []).filter((r) => r?.kind === 'village').length;
  let line;
  if (!villages && !items.length) line = '还没有村/社区。';
  else if (!items.length) line = '每个村/社区都有乡镇/街道领导联系，全覆盖已达成。';
  else line = `还有 ${items.length} 个村/社区没有乡镇/街道领导联系：`;
  return { items, text: line };
}

/**
 * Each office below's coverage from its file (a county, a city): [{ code, name, asOf,
 * covered, total, rate, gaps: [community], uncovered: [path] }], offices with no
 * targets left out (a county's own part of its file).
 */
export function receivedCoverageRows(list) {
  return (Array.isArray(list) ? list : [])
    .filter((o) => Number(o?.total) > 0)
    .map((o) => {
      const total = Number(o.total) || 0;
      const covered = Math.min(Number(o.covered) || 0, total);
      const named = (rows) => (Array.isArray(rows) ? rows : []).map((r) => text(r?.path) || (r?.name ?? ''));
      return {
        code: String(o.officeCode ?? ''),
        name: String(o.officeName ?? ''),
        asOf: String(o.asOf ?? ''),
        covered,
        total,
        rate: percent(covered, total),
        gaps: (Array.isArray(o.villagesWithoutTownshipLeader) ? o.villagesWithoutTownshipLeader : []).map((r) => r?.name ?? ''),
        uncovered: named(o.uncovered),
      };
    });
}

// ---------- departments ----------

export function departmentFormValues(d, { level = 'township' } = {}) {
  return formValues(d, DEPARTMENT_FIELDS, { blank: { level } });
}

/** The department form → DepartmentInput, or a field error. */
export function parseDepartmentForm(v) {
  const name = requiredText(v?.name, 'name', '部门名称');
  if (!name.ok) return name;
  const level = text(v?.level);
  if (!level) return fieldError('level', '请选择部门所在的层级。');
  return { ok: true, input: { name: name.value, level, note: text(v?.note) } };
}

export function departmentCells(d, levels = DEMAND_LEVELS) {
  return {
    name: d?.name ?? '',
    level: d?.levelLabel || labelOf(d?.level, levels),
    note: short(d?.note, 40) || '—',
  };
}
