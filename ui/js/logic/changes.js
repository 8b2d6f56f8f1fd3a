// Change-log presentation logic. Pure: no DOM access.
import {
  codeLabel, fieldLabel, fieldRank, ownFieldLabel, opLabel, valueLabel, areaTypeLabel, levelLabel, tableLabel, FIGURE_LABELS, TABLE_LABELS,
} from './labels.js';
import { kindLabel } from './tree.js';
import { periodLabel } from './assessment.js';
import { importKindInfo } from './importing.js';
import { formatBytes, formatDateTime, maskIdNumber, maskPhone } from './format.js';

const EMPTY = '（空）';

/**
 * What restoring a backup taken at `takenAt` undoes, from the change log's newest rows
 * (`rows`, newest first, as many as were read: `more` when there may be others):
 * 这个备份之后记下了 3 条修改，最近一条：… 。 The question named only the backup's
 * time, and nothing said afterwards what had gone (probe AM: a rename vanished).
 */
export function changesAfterText(rows, takenAt, more = false) {
  const since = Date.parse(takenAt ?? '');
  if (Number.isNaN(since)) return '';
  // A restore since is no change of the data to undo (restoring the same backup again
  // said 1 条修改：恢复备份数据库).
  const after = (Array.isArray(rows) ? rows : [])
    .filter((r) => Date.parse(r?.at ?? '') > since && r?.op !== 'restore_backup');
  if (!after.length) return '这个备份之后没有记下任何修改。';
  const [last] = after;
  const what = `${opLabel(last.op)}${tableLabel(last.tableName)}“${changeSummary(last)}”`;
  const n = more && after.length === rows.length ? `${after.length} 条以上` : `${after.length} 条`;
  return `这个备份之后记下了 ${n}修改，最近一条：${formatDateTime(last.at)} ${what}。恢复后这些修改都会撤销。`;
}

/**
 * Short description of the record a change row is about, by what a clerk knows it by:
 * its name (a deleted person's too, kept in the bin's payload), title or code; a visit
 * by its date and contact point, as the core names the point in the row's `names`
 * (何静 → 杨柳村); a meeting by its date and kind (联席会议, or 工作组会议 for a working
 * group's); else as the core summarises it, else its id.
 */
export function changeSummary(row) {
  const rec = row?.after ?? row?.before ?? null;
  if (rec && typeof rec === 'object') {
    // An export: its manifest, named by its sequence number as the file name has it.
    if (row?.tableName === 'packages' && rec.sequence != null) {
      return `${rec.office?.name ?? ''}第 ${rec.sequence} 次导出的交换文件`;
    }
    // A unit under its parent (two 第一网格 read alike): as the core names the unit
    // (翠竹苑 › 第三网格; an update's row carries no parent), else under the parent's
    // name (a deleted unit's, from its payload).
    if (row?.tableName === 'units') {
      const own = row?.names?.[String(row?.recordId ?? '')];
      if (own) return String(own);
      if (rec.name && rec.parentId && row?.names?.[String(rec.parentId)]) return `${row.names[String(rec.parentId)]} › ${rec.name}`;
    }
    if (rec.name) return String(rec.name);
    if (rec.person && typeof rec.person === 'object' && rec.person.name) return String(rec.person.name);
    if (rec.title) return String(rec.title); // 共建项目, 诉求
    if (rec.code) return String(rec.code);
    if (rec.visitedOn) {
      const point = row?.names?.[String(rec.contactPointId ?? '')];
      return point ? `${rec.visitedOn} 走访 ${point}` : `${rec.visitedOn} 走访`;
    }
    if (rec.heldOn) {
      const working = row?.tableName === 'working_meetings' || rec.groupId !== undefined;
      return `${rec.heldOn} ${working ? '工作组会议' : '联席会议'}`;
    }
    if (rec.calledOn) return `${rec.calledOn} 电话回访${rec.personName ? ` ${rec.personName}` : ''}`;
    if (rec.entryName) return `${rec.entryName}${rec.date ? ` ${rec.date}` : ''} 回头看`;
    if (rec.unitName && rec.date) return `${rec.date} ${rec.unitName} 检查`;
    if (rec.quarter) return `${rec.quarter} 抽查样本${rec.number ? `（随机号 ${rec.number}）` : ''}`;
    if (rec.number && row?.tableName === 'questionnaire_responses') return `${rec.number} 号答卷`;
    if (rec.claimedOn) {
      // Who claimed what (it read 2026-12-07 认领, the village and item only under 展开).
      const village = row?.names?.[String(rec.villageId ?? '')];
      const matter = row?.names?.[String(rec.matterId ?? '')];
      return village && matter ? `${village}认领“${matter}”（${rec.claimedOn}）` : `${rec.claimedOn} 认领`;
    }
    // A published 清单版本: which list, which version, how many items.
    if (row?.tableName === 'duty_list_versions' && rec.version) {
      const n = Array.isArray(rec.items) ? `（${rec.items.length} 项）` : '';
      return `${valueLabel('duty_items', 'list', rec.list) ?? '清单'} ${rec.version}${n}`;
    }
    // A 小区党支部 by its compound, as the core names it (it read 书记 吴晓燕: probe N, P).
    if (row?.tableName === 'party_branches' && typeof row?.summary === 'string' && row.summary) return row.summary;
    if (rec.secretary) return `小区党支部（书记 ${rec.secretary}）`;
    // An import says what it imported (导入 | 导入 | 花名册.xlsx did not).
    if (row?.tableName === 'imports' && rec.fileName && row?.recordId) {
      return `${importKindInfo(row.recordId).label}：${rec.fileName}`;
    }
    if (rec.fileName) return String(rec.fileName);
    if (rec.file) return String(rec.file);
  }
  // What the kind calls it (the core's summary, kinds::change_log): a kind whose
  // fields say nothing above.
  if (typeof row?.summary === 'string' && row.summary) return row.summary;
  // Never a bare internal id (#01a2355e-…): a record id that is a generated one is
  // named by its kind instead; other ids (an office code, a setting's key) are what
  // a clerk knows them by.
  const id = row?.recordId;
  if (id == null || id === '') return '';
  if (GENERATED_ID.test(String(id))) return `一条${tableLabel(row?.tableName) || '记录'}`;
  return String(id);
}

const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/**
 * One field value of a record of `table` as display text: a coded value by the
 * kind's Chinese name for it (from the core's catalog), a record named by id by what
 * it is called (`names`, from the core's change log: 上级单位 阳光社区, not its id;
 * one no record has any more as 已删除的记录), a yes/no as 是/否, a list with 、.
 */
export function formatFieldValue(field, value, record, { table, names } = {}) {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return value ? '是' : '否';
  const ctx = { table, names, field };
  if (typeof value === 'string' && valueLabel(table, field, value) !== undefined) return valueLabel(table, field, value);
  if (typeof value === 'string' && GENERATED_ID.test(value)) return recordName(value, ctx);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    const shown = value.map((v) => valueLabel(table, field, v) ?? (GENERATED_ID.test(v) ? recordName(v, ctx) : v));
    // Sentences (an import's notes, each ending 。) one after another, not 。、.
    const sentences = shown.length > 1 && shown.every((v) => /[。！？]$/.test(v));
    return shown.join(sentences ? '' : '、') || EMPTY;
  }
  switch (field) {
    case 'areaType': return areaTypeLabel(value);
    // A unit's kind as its area names it (村 or 社区); an import's, the kind imported.
    case 'kind': {
      const unit = kindLabel(value, record?.areaType);
      return unit !== String(value) ? unit : TABLE_LABELS[value] ?? importKindInfo(value).label;
    }
    case 'level': return levelLabel(value);
    // Sensitive personal information stays masked in the change log too.
    case 'idNumber': return maskIdNumber(value);
    case 'phone':
    case 'contactPhone': return maskPhone(value);
    case 'roles': return Array.isArray(value) ? rolesText(value, names) : String(value);
    case 'mappings': return Array.isArray(value)
      ? value.map((m) => `${m?.baseGridName ?? ''}（${m?.mergedOn ? `${m.mergedOn} 纳入` : '未纳入'}）`).join('、') || EMPTY
      : String(value);
    // A 三亮 item taken down: 亮党员身份：2025-08-14 公示，2026-08-31 撤下.
    case 'takenDown': return Array.isArray(value)
      ? value.map((t) => `${valueLabel(table, field, t?.item) ?? t?.item ?? ''}：${t?.from ?? ''} 公示，${t?.until ?? ''} 撤下`).join('；') || EMPTY
      : String(value);
    case 'createdAt':
    case 'updatedAt': return formatDateTime(value);
    // 考核期间 as the screens say it (2026年第四季度), not 2026Q4.
    case 'period': return periodLabel(String(value));
    // A 清单版本's items by name, not every field of each run together.
    case 'items': if (table === 'duty_list_versions' && Array.isArray(value)) {
      return `${value.length} 项：${value.map((i) => i?.name ?? '').filter(Boolean).join('、')}`;
    }
      return readable(value, ctx) || EMPTY;
    default:
      return typeof value === 'object' ? readable(value, ctx) || EMPTY : String(value);
  }
}

/** A record named by its id: what it is called now, never the id itself. */
function recordName(id, { names }) {
  return Object.hasOwn(names ?? {}, id) ? names[id] : '（已删除的记录）';
}

// A list item's own id, when a step was recorded, a file's checksum, whether the
// window offers to correct an event's day: kept in the record, not shown (a lone
// 否 closed a 任职经历 line in the recycle bin).
const UNSHOWN_KEYS = new Set(['id', 'recordedAt', 'hash', 'redatable']);

/**
 * A list or a nested record (a timeline, a project's claims, an inspection's scores,
 * an export's counts) as text: items parted by ；(a list inside an item by 、), each
 * item's values by a space. A value is named as 名称：值 when its key is: by the kind
 * (`field.key`, e.g. 信息公示 in an inspection's scores), a table (an export's counts)
 * or a report figure; a key that only holds a number keeps its key. A step reads
 * from → to (levelFrom → levelTo); a file, its name and size. Codes by the kind's
 * Chinese (codeLabel), records by their names.
 */
function readable(value, ctx, depth = 0) {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') {
    if (GENERATED_ID.test(value)) return recordName(value, ctx);
    return codeLabel(ctx.table, value) ?? value;
  }
  if (Array.isArray(value)) return value.map((v) => readable(v, ctx, depth + 1)).filter(Boolean).join(depth ? '、' : '；');
  if (typeof value !== 'object') return String(value);
  if (typeof value.hash === 'string' && typeof value.name === 'string') {
    return Number.isFinite(value.size) ? `${value.name}（${formatBytes(value.size)}）` : value.name;
  }
  // A step (base::steps) reads from → to where `from` stands: from/to, levelFrom/levelTo.
  const toOf = (k) => (k === 'from' ? 'to' : k.endsWith('From') ? `${k.slice(0, -4)}To` : null);
  const paired = new Set(Object.keys(value).map(toOf).filter((to) => to && to in value));
  const parts = [];
  for (const [k, v] of Object.entries(value)) {
    // A code beside its own label (event and eventLabel) shows once, as the label.
    if (UNSHOWN_KEYS.has(k) || paired.has(k) || value[`${k}Label`]) continue;
    if (paired.has(toOf(k))) {
      parts.push([v, value[toOf(k)]].map((x) => readable(x, ctx, depth + 1)).filter(Boolean).join(' → '));
      continue;
    }
    const text = k === 'level' && typeof v === 'string' ? levelLabel(v) : readable(v, ctx, depth + 1);
    const label = ownFieldLabel(`${ctx.field}.${k}`, ctx.table) ?? TABLE_LABELS[k] ?? FIGURE_LABELS.get(k)
      ?? (typeof v === 'number' ? k : undefined);
    // A yes or no says nothing without its name.
    if (typeof v === 'boolean' && !label) continue;
    parts.push(text && label ? `${label}：${text}` : text);
  }
  return parts.filter(Boolean).join(' ');
}

/** "网格员（专职）：阳光花园 › 第一网格；楼栋长：1 个单位" (units by name where the core named them all). */
function rolesText(roles, names) {
  if (!roles.length) return EMPTY;
  return roles.map((r) => {
    const name = valueLabel('people', 'role', r?.role) ?? String(r?.role ?? '');
    const emp = valueLabel('people', 'employment', r?.employment) ? `（${valueLabel('people', 'employment', r.employment)}）` : '';
    const units = r?.unitIds ?? [];
    const named = units.length && units.every((id) => Object.hasOwn(names ?? {}, id));
    return `${name}${emp}：${named ? units.map((id) => names[id]).join('、') : `${units.length} 个单位`}`;
  }).join('；');
}

/**
 * A logged record as its fields: a deleted person is kept as { person, history }
 * (what the recycle bin puts back), shown as the person's fields and 任职经历.
 */
function recordOf(r, table) {
  if (!r || typeof r !== 'object') return null;
  if (table === 'people' && r.person && typeof r.person === 'object') return { ...r.person, history: r.history };
  return r;
}

/**
 * The entries `after` adds at the end of `before` when both are lists of entries
 * (a timeline's steps, a person's history) and it keeps every entry of `before`;
 * else null. Lists of ids (结对村/社区, 参会委员) are shown whole.
 */
function appended(before, after) {
  if (!Array.isArray(before) || !Array.isArray(after) || before.length === 0 || after.length <= before.length) return null;
  if (!after.every((x) => x !== null && typeof x === 'object')) return null;
  const same = before.every((x, i) => JSON.stringify(x) === JSON.stringify(after[i]));
  return same ? after.slice(before.length) : null;
}

/**
 * Rows for a before/after table of a record of `table` (`names`: the records it
 * names by id, see formatFieldValue):
 * [{ field, label, before, after, changed }], the kind's fields first in the
 * core's order, then unknown ones alphabetically.
 */
export function diffRows(before, after, table, names) {
  const b = recordOf(before, table);
  const a = recordOf(after, table);
  // A record's own generated id says nothing to a clerk (an office's code does).
  const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})]
    .filter((k) => !(k === 'id' && GENERATED_ID.test(String((a ?? b)?.id ?? '')))));
  const rank = (k) => fieldRank(k, table);
  const ordered = [...keys].sort((x, y) => (rank(x) === rank(y) ? 0 : rank(x) < rank(y) ? -1 : 1) || (x < y ? -1 : x > y ? 1 : 0));
  return ordered.map((field) => {
    const bv = b ? formatFieldValue(field, b[field], b, { table, names }) : '—';
    // A list the change only added to (a timeline's next step) shows what it added,
    // not the whole history again beside the history before.
    const added = appended(b?.[field], a?.[field]);
    const av = !a ? '—'
      : added ? `原有 ${b[field].length} 条，新增：${formatFieldValue(field, added, a, { table, names })}`
        : formatFieldValue(field, a[field], a, { table, names });
    const changed = b !== null && a !== null
      ? JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null)
      : true;
    return { field, label: fieldLabel(field, table), before: bv, after: av, changed };
  });
}
