// Chinese labels for backend enums. Pure: no DOM access.
import { useImportCatalog } from './importing.js';
import { formatDateTime } from './format.js';

/** The change log's operations → Chinese (新建, 修改 …), from the catalog (store::changelog::OPS). */
export const OP_LABELS = new Map();

/**
 * Table → Chinese name, as the change log shows it. The core serves them (the
 * kind_catalog command, from core/src/kinds.rs); main.js loads them at start with
 * useKindCatalog, and the node tests load the same catalog from
 * tests/ui/fixtures/kind-catalog.json. There is no copy here: until the catalog is
 * loaded a table shows its own name.
 */
export const TABLE_LABELS = {};

/** Tables of the kinds whose records travel in exchange packages, in the core's order (from the catalog). */
export const PACKAGE_KINDS = [];

/** Tables of the kinds whose files (附件) may go up with an exchange file (from the catalog). */
const FILES_TRAVEL = new Set();

/** Whether the files of the kind stored in `table` may go up with an exchange file. */
export function filesTravel(table) {
  return FILES_TRAVEL.has(table);
}

/** What receiving a file came to, and why one was refused → Chinese (from the catalog). */
export const OUTCOME_LABELS = new Map();
export const REASON_LABELS = new Map();

/** Every figure of the report (统计项) → its Chinese name, in the report's order (from the catalog). */
export const FIGURE_LABELS = new Map();

export const SEVERITY_LABELS = Object.freeze({
  error: '错误',
  warning: '警告',
  info: '提示',
});

export function levelLabel(level) {
  return labelOf(level, OFFICE_LEVELS);
}

export function areaTypeLabel(areaType) {
  return labelOf(areaType, AREA_TYPES);
}

/**
 * A change's operation as the log shows it. A workflow's step (交办, 办结, 开始实施,
 * 退回, 认领 …) is logged by the core under its own Chinese name and shown as it is.
 */
export function opLabel(op) {
  return OP_LABELS.get(op) ?? String(op ?? '');
}

/** The tag's class: `op-create` …, and `op-step` for a workflow's named step. */
export function opClass(op) {
  return OP_LABELS.has(op) ? `op-${op}` : 'op-step';
}

/**
 * Takes the kinds' labels and import wizard texts from the core's catalog
 * (api.kindCatalog()): a kind added in the core is labelled here without a line
 * of JS.
 */
export function useKindCatalog(catalog) {
  const travelling = (catalog?.kinds ?? []).filter((k) => k?.travels && typeof k.table === 'string');
  if (travelling.length) PACKAGE_KINDS.splice(0, PACKAGE_KINDS.length, ...travelling.map((k) => k.table));
  for (const k of catalog?.kinds ?? []) {
    if (k?.evidence?.travels === true && typeof k.table === 'string') FILES_TRAVEL.add(k.table);
  }
  for (const [table, label] of catalog?.tableLabels ?? []) {
    if (typeof table === 'string' && typeof label === 'string') TABLE_LABELS[table] = label;
  }
  for (const [map, pairs] of [[FIGURE_LABELS, catalog?.figureLabels], [OUTCOME_LABELS, catalog?.receiptOutcomes], [REASON_LABELS, catalog?.refusalReasons],
    [OP_LABELS, catalog?.opLabels]]) {
    for (const [key, label] of pairs ?? []) {
      if (typeof key === 'string' && typeof label === 'string') map.set(key, label);
    }
  }
  for (const [table, fields] of catalog?.fieldLabels ?? []) {
    if (typeof table !== 'string' || !Array.isArray(fields)) continue;
    FIELD_LABELS_BY_TABLE.set(table, new Map(fields.filter(([f, l]) => typeof f === 'string' && typeof l === 'string')));
  }
  for (const [table, fields] of catalog?.valueLabels ?? []) {
    if (typeof table !== 'string' || !Array.isArray(fields)) continue;
    VALUE_LABELS_BY_TABLE.set(table, new Map(fields.filter(([f, pairs]) => typeof f === 'string' && Array.isArray(pairs))
      .map(([f, pairs]) => [f, new Map(pairs.filter(([k, l]) => typeof k === 'string' && typeof l === 'string'))])));
  }
  LIVE_CHOICES.forEach(fillChoices);
  LAST_CATALOG = catalog;
  LIVE_LISTS.forEach((live) => fillList(live, catalog));
  for (const [field, label] of catalog?.otherFieldLabels ?? []) {
    if (typeof field === 'string' && typeof label === 'string') OTHER_FIELD_LABELS.set(field, label);
  }
  for (const [table, fields] of FIELD_LABELS_BY_TABLE) FIELD_RANKS.set(table, new Map([...fields.keys()].map((f, i) => [f, i])));
  [...OTHER_FIELD_LABELS.keys()].forEach((f, i) => OTHER_FIELD_RANKS.set(f, i));
  useImportCatalog(catalog);
}

export function tableLabel(tableName) {
  return TABLE_LABELS[tableName] ?? String(tableName ?? '');
}

export function severityLabel(severity) {
  return SEVERITY_LABELS[severity] ?? String(severity ?? '');
}

/**
 * Each kind's fields → Chinese, in the order the change log lists them (table →
 * Map), and the fields of the other logged rows (imports, exports, exchange files):
 * from the catalog (kinds::field_labels), so a kind added in the core is named here
 * without a line of JS.
 */
const FIELD_LABELS_BY_TABLE = new Map();
const OTHER_FIELD_LABELS = new Map();

/** A field of a record of `table` as the change log names it; unknown ones as they are. */
export function fieldLabel(field, table) {
  return FIELD_LABELS_BY_TABLE.get(table)?.get(field) ?? OTHER_FIELD_LABELS.get(field) ?? field;
}

/** Each kind's coded fields → their stored values in Chinese (table → field → Map), from the catalog. */
const VALUE_LABELS_BY_TABLE = new Map();

/**
 * Tables logged in the change log that are not kinds but hold a kind's codes: a
 * published 清单版本 holds 履职事项's 清单 and 领域 (its row read 清单 assisting and a
 * paragraph of party / economy …).
 */
const CODES_OF = new Map([['duty_list_versions', 'duty_items']]);
const codesOf = (table) => VALUE_LABELS_BY_TABLE.get(CODES_OF.get(table) ?? table);

/** A coded value of a record of `table` in Chinese (`approved` → 已审批); undefined when not declared. */
export function valueLabel(table, field, value) {
  return codesOf(table)?.get(field)?.get(value);
}

/** A code of any of `table`'s coded fields in Chinese (a step in a timeline: `open` → 待认领); undefined when none declares it. */
export function codeLabel(table, code) {
  for (const labels of codesOf(table)?.values() ?? []) {
    if (labels.has(code)) return labels.get(code);
  }
  return undefined;
}

const LIVE_CHOICES = [];

/**
 * The values of a kind's coded field with their Chinese names, in the core's order
 * ([{ value, label }], the enum's PAIRS through the catalog): what a form's list box
 * offers. The array is filled in place when the catalog arrives (at once if it has),
 * so read it when drawing, never copy it at load.
 */
export function choicesOf(table, field) {
  const live = { table, field, list: [] };
  LIVE_CHOICES.push(live);
  fillChoices(live);
  return live.list;
}

/**
 * The catalog's list `key` (e.g. `roles`), each entry through `entryOf` (null drops
 * it), then `after`: filled in place like choicesOf, so read it when drawing.
 */
export function catalogList(key, entryOf, after = []) {
  const live = { key, entryOf, after, list: [...after] };
  LIVE_LISTS.push(live);
  if (LAST_CATALOG) fillList(live, LAST_CATALOG);
  return live.list;
}

const LIVE_LISTS = [];
let LAST_CATALOG = null;

function fillList({ key, entryOf, after, list }, catalog) {
  const entries = (Array.isArray(catalog?.[key]) ? catalog[key] : []).map((e) => entryOf(e)).filter(Boolean);
  list.splice(0, list.length, ...entries, ...after);
}

/** A choice's label in `list` ({value,label}[], e.g. from choicesOf); the value itself when it is not there. */
export function labelOf(value, list) {
  return list?.find((x) => x.value === value)?.label ?? String(value ?? '');
}

function fillChoices({ table, field, list }) {
  const labels = VALUE_LABELS_BY_TABLE.get(table)?.get(field);
  if (labels) list.splice(0, list.length, ...[...labels].map(([value, label]) => Object.freeze({ value, label })));
}

/** A field `table`'s kind names itself (not a logged row's like 文件名): for keys inside a nested record. */
export function ownFieldLabel(field, table) {
  return FIELD_LABELS_BY_TABLE.get(table)?.get(field);
}

/** Where `field` comes in `table`'s before/after table: its own fields first, in the core's order. */
export function fieldRank(field, table) {
  const own = FIELD_LABELS_BY_TABLE.get(table);
  const rank = FIELD_RANKS.get(table)?.get(field) ?? OTHER_FIELD_RANKS.get(field);
  return rank === undefined ? Infinity : rank + (own && !own.has(field) ? own.size : 0);
}
// Each field's place in its table's list and in the other logged rows' (from the catalog).
const FIELD_RANKS = new Map();
const OTHER_FIELD_RANKS = new Map();


/** 首次设置's 从备份文件恢复 question: whose ledgers, as of when. */
export function setupRestoreQuestion(backup) {
  const office = backup?.officeName ? `“${backup.officeName}”（${backup.officeCode ?? ''}）` : '一个单位';
  const when = backup?.takenAt ? `，数据截至 ${formatDateTime(backup.takenAt)}` : '';
  return `这是${office}的备份${when}。恢复后本机就是这个单位的台账。确定恢复吗？`;
}

/**
 * 从备份恢复's question, naming the backup by its time (Beijing time) and office when
 * they are known: a clerk choosing among ten backups saw only 该备份. Shown before restoring a
 * backup (settings and the recovery banner).
 */
export function restoreQuestion(backup, office = null, undone = '') {
  // Another database's (a township's backup in a county's folder): said first, as the
  // core will ask for its name before it turns this database into that office's.
  // Another copy of this office's own database: the same office, other data.
  if (backup?.sameDatabase === false && office?.code && backup.officeCode === office.code) {
    const when = backup.takenAt ? ` ${formatDateTime(backup.takenAt)} ` : '';
    return `这个${when}的备份是本单位另一份数据库的（不是现在打开的这一份）。恢复后当前数据会换成那一份的数据（当前数据会先另存一份备份）。确定要恢复吗？`;
  }
  if (backup?.sameDatabase === false) {
    const office = backup.officeName ? `“${backup.officeName}”（${backup.officeCode ?? ''}）` : '另一个数据库';
    const when = backup.takenAt ? ` ${formatDateTime(backup.takenAt)} ` : '';
    return `这个${when}的备份是${office}的，不是当前数据库的。恢复后当前数据库会变成那个单位的数据（当前数据会先另存一份备份）。确定要恢复吗？`;
  }
  const whose = backup?.officeName ? `（${backup.officeName}）` : '';
  // To the second, as the list says it: two backups of one minute read alike (probe AM).
  const which = backup?.takenAt ? `${formatDateTime(backup.takenAt, { seconds: true })} 的备份${whose}` : '该备份';
  // A time is set off by spaces, as every date in a sentence is (恢复会用 2026-12-05 … 的备份).
  // `undone`: what the change log says goes back (changesAfterText), before the question.
  return `恢复会用${backup?.takenAt ? ' ' : ''}${which}替换当前数据，之后的录入和修改都会回到那时的样子。${undone}恢复前会先把当前数据另存一份备份。确定吗？`;
}

/** A unit's area types (城镇（社区）, 农村（村）): the core's `AreaType`, from the catalog. */
export const AREA_TYPES = choicesOf('units', 'areaType');

/** An office's levels (乡镇/街道, 县/区, 市): the core's `office::Level`, from the catalog. */
export const OFFICE_LEVELS = catalogList('officeLevels', (p) => (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string'
  ? Object.freeze({ value: p[0], label: p[1] }) : null));
