// 统计: the report table (rows = report keys, columns = 本单位, each office
// below, 合计), the drill-down list and the print/export names. Pure: no DOM.
import { formatDateTime, localDate } from './format.js';

export const DRILL_KIND_LABELS = Object.freeze({
  unit: '组织单位',
  person: '人员',
  business_grid: '业务网格',
  party_branch: '小区党支部',
  committee_member: '委员',
  joint_meeting: '联席会议',
  project: '共建项目',
  contact_point: '联系点',
  demand: '诉求',
  working_meeting: '工作会议',
  duty_item: '履职事项',
  grid_matter: '网格事项',
  claiming_village: '认领的村/社区',
  training_session: '培训',
  training_participant: '培训参加人员',
  pipeline_event: '引育留用记录',
  admission: '准入事项',
  mechanisms: '工作机制',
  plaques: '挂牌',
  certificates: '证明事项',
  secondments: '借调人员',
  recheck: '回头看',
  indicator: '考核指标',
  rectification_item: '整改事项',
  sample: '抽查样本',
  inspection: '检查记录',
  questionnaire_response: '问卷答卷',
  callback: '电话回访',
});

/**
 * Rows shown at most in a drill-down list (the backend lists at most 2000 too; the
 * count above the list is always the full one).
 */
export const DRILL_LIMIT = 2000;

const num = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);

/**
 * Columns: 本单位 ('own'), each office below by division code (ordered by code),
 * and 合计 ('all') when there are offices below.
 */
export function reportColumns(report, office) {
  const offices = report?.offices && typeof report.offices === 'object' ? report.offices : {};
  const codes = Object.keys(offices).sort();
  const cols = [{
    scope: 'own', label: '本单位', code: office?.code ?? '', title: office?.name ? `本单位：${office.name}` : '本单位', received: false,
  }];
  for (const code of codes) {
    const o = offices[code] ?? {};
    const bits = [`${o.name ?? code}（${code}）`];
    if (o.sequence !== null && o.sequence !== undefined) bits.push(`第 ${o.sequence} 次导出`);
    if (o.exportedAt) bits.push(`导出于 ${formatDateTime(o.exportedAt)}`);
    if (o.receivedAt) bits.push(`接收于 ${formatDateTime(o.receivedAt)}`);
    cols.push({ scope: code, label: String(o.name ?? code), code, title: bits.join('，'), received: true });
  }
  if (codes.length) {
    cols.push({ scope: 'all', label: '合计', code: '', title: '本单位与各下级单位之和', received: false });
  }
  return cols;
}

/** The totals behind a column. */
export function columnTotals(report, scope) {
  if (scope === 'own') return report?.own ?? {};
  if (scope === 'all') return report?.total ?? {};
  return report?.offices?.[scope]?.totals ?? {};
}

/**
 * The whole table: { columns, rows: [{ key, label, cells: [{ scope, value, drillable }] }] }.
 * Rows follow `report.keys` (the stable display order); a number is drillable when not 0.
 */
export function reportTable(report, office) {
  const columns = reportColumns(report, office);
  const keys = Array.isArray(report?.keys) ? report.keys : [];
  const rows = keys.map(({ key, label }) => ({
    key,
    label: String(label ?? key),
    cells: columns.map((c) => {
      const value = num(columnTotals(report, c.scope)[key]);
      return { scope: c.scope, value, drillable: value !== 0 };
    }),
  }));
  return { columns, rows };
}

/** The label of a column by scope ('本单位', an office's name, '合计'). */
export function scopeLabel(report, scope, office) {
  return reportColumns(report, office).find((c) => c.scope === scope)?.label ?? String(scope ?? '');
}

export function drillKindLabel(kind) {
  return DRILL_KIND_LABELS[kind] ?? String(kind ?? '');
}

/**
 * The drill-down list: title, count line, whether it shows received (read-only)
 * data, and at most `limit` rows { id, office, officeCode, kind, code, name, detail, received }.
 */
export function drillView(drill, { office, columnLabel, limit = DRILL_LIMIT } = {}) {
  const d = drill ?? {};
  const all = Array.isArray(d.rows) ? d.rows : [];
  const own = office?.code ?? null;
  const count = typeof d.count === 'number' && Number.isFinite(d.count) ? d.count : all.length;
  const isReceived = (r) => (own !== null ? String(r?.officeCode ?? '') !== own : d.scope !== 'own');
  const rows = all.slice(0, Math.max(0, limit)).map((r) => ({
    id: String(r?.id ?? ''),
    office: String(r?.officeName ?? r?.officeCode ?? ''),
    officeCode: String(r?.officeCode ?? ''),
    kind: drillKindLabel(r?.kind),
    code: String(r?.code ?? ''),
    name: String(r?.name ?? ''),
    detail: String(r?.detail ?? ''),
    received: isReceived(r),
  }));
  const received = d.scope !== 'own' && (all.length ? all.some(isReceived) : d.scope !== 'all');
  let countText = `共 ${count} 条`;
  if (rows.length < count) countText += `，下面列出前 ${rows.length} 条`;
  return {
    title: `${d.label ?? d.key ?? ''} · ${columnLabel ?? ''}`,
    countText,
    received,
    rows,
  };
}

/** "青溪街道统计报表" */
export function reportTitle(office) {
  return `${office?.name ?? ''}统计报表`;
}

/** "青溪街道_统计报表_20261127.xlsx" */
export function reportFileName(office, date = new Date()) {
  const safe = String(office?.name ?? '').replace(/[\\/:*?"<>|]/g, '_');
  return `${safe ? `${safe}_` : ''}统计报表_${localDate(date).replace(/-/g, '')}.xlsx`;
}

/** "打印日期：2026-11-27" */
export function printDateText(date = new Date()) {
  return `打印日期：${localDate(date)}`;
}
