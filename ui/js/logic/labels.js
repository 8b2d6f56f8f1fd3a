// Chinese labels for backend enums. Pure: no DOM access.
import { kindLabel } from './tree.js';
import { LEVELS, AREA_TYPES, FIELD_LABELS } from './form.js';
import { useImportCatalog } from './importing.js';

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
  return LEVELS.find((l) => l.value === level)?.label ?? String(level ?? '');
}

export function areaTypeLabel(areaType) {
  return AREA_TYPES.find((a) => a.value === areaType)?.label ?? String(areaType ?? '');
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
  useImportCatalog(catalog);
}

export function tableLabel(tableName) {
  return TABLE_LABELS[tableName] ?? String(tableName ?? '');
}

export function severityLabel(severity) {
  return SEVERITY_LABELS[severity] ?? String(severity ?? '');
}

/** Labels for record fields shown in the change log. */
export const RECORD_FIELD_LABELS = Object.freeze({
  id: '记录号',
  ownerCode: '所属单位代码',
  kind: '种类',
  parentId: '上级记录号',
  ...FIELD_LABELS,
  level: '层级',
  isDemo: '示例数据',
  // people
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号码',
  phone: '手机号码',
  politicalStatus: '政治面貌',
  education: '学历',
  startDate: '到岗日期',
  status: '状态',
  published: '公示',
  roles: '身份',
  // business grids
  department: '所属部门',
  mappings: '对应基础网格',
  merged: '已全部纳入',
  // 党建 / 共建
  secretary: '支部书记',
  structureOn: '亮组织架构日期',
  dutiesOn: '亮职责日期',
  identityOn: '亮党员身份日期',
  exists: '已建支部',
  committeeId: '委员会',
  partTime: '兼职',
  partnerUnitId: '共建单位',
  post: '职务',
  termStart: '任期开始',
  termEnd: '任期结束',
  heldOn: '会议日期',
  attendeeIds: '出席委员',
  topics: '议题',
  decisions: '决定事项',
  contactName: '联系人',
  contactPhone: '联系电话',
  villageIds: '结对村/社区',
  villageId: '村/社区',
  title: '项目名称',
  category: '类别',
  plannedStart: '计划开始',
  plannedEnd: '计划完成',
  actualStart: '实际开始',
  actualEnd: '实际完成',
  money: '投入资金（元）',
  goods: '投入物资',
  beneficiaries: '受益对象',
  score: '评分',
  evaluation: '评价',
  claims: '认领单位',
  events: '时间线',
  people: '投入人力',
  photo: '公示照片',
  attachments: '附件',
  // 领导联系点 / 诉求 / 协调机制
  unit: '所在单位',
  leaderId: '联系领导',
  unitId: '联系对象',
  startOn: '开始日期',
  endOn: '结束日期',
  contactPointId: '联系点',
  visitedOn: '走访日期',
  visitors: '走访人员',
  found: '发现的问题',
  coordinated: '协调解决的事项',
  demandIds: '转成的诉求',
  source: '来源',
  sourceRef: '来源记录',
  reporter: '反映人',
  reporterPhone: '反映人电话',
  description: '诉求内容',
  receivedOn: '受理日期',
  deadline: '办理期限',
  departmentId: '承办部门',
  resolvedOn: '办结日期',
  result: '办理结果',
  satisfaction: '回访满意度',
  history: '办理记录',
  topic: '工作主题',
  leadUnit: '牵头单位',
  members: '成员单位',
  groupId: '专项工作组',
  participants: '参会人员',
  // imports / exports
  fileName: '文件名',
  created: '新增',
  updated: '更新',
  unchanged: '没有变化',
  rejected: '有错误未导入',
  emptyRows: '空行',
  rows: '行数',
  unmasked: '完整号码',
  // exchange packages
  file: '文件',
  sequence: '第几次导出',
  previousSequence: '原来收到的第几次导出',
  sha256: '校验值（SHA-256）',
  createdAt: '创建时间',
  updatedAt: '修改时间',
});

export function fieldLabel(field) {
  return RECORD_FIELD_LABELS[field] ?? field;
}

export { kindLabel };

/** Confirmation shown before restoring a backup (settings and recovery banner). */
export const RESTORE_CONFIRM = '恢复会用该备份替换当前数据。恢复前会先把当前数据另存一份备份。确定吗？';
