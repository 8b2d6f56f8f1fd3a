// 上报 / 接收与上报: texts and parsing for the exchange package (交换文件). Pure: no DOM.
import { formatBytes } from './format.js';
import { PACKAGE_KINDS, tableLabel, OUTCOME_LABELS, REASON_LABELS } from './labels.js';

/**
 * Record kinds in a package → label, in the core's order. The backend's kind names
 * are its table names, so the labels are the change log's (labels.js, from the
 * core's kind_catalog). Computed when asked: the catalog arrives after this module
 * loads.
 */
export function kindLabels() {
  return Object.freeze(Object.fromEntries(PACKAGE_KINDS.map((k) => [k, tableLabel(k)])));
}

export const FORCE_CONFIRM = '强制接收会用这次选择的文件替换已收到的较新文件（或同一次导出但内容不同的文件），'
  + '该单位的统计数随之改变。强制接收会记入变更记录。只有在确认上级要求以这份文件为准时才这样做。确定强制接收吗？';

const n = (x) => Math.max(0, Number(x) || 0);

export function kindLabel(kind) {
  return PACKAGE_KINDS.includes(kind) ? tableLabel(kind) : String(kind ?? '');
}

/** What receiving a file came to (已接收, 已收到过, 拒收), as the core names it (catalog). */
export function outcomeLabel(outcome) {
  return OUTCOME_LABELS.get(outcome) ?? String(outcome ?? '');
}

/** Why a file was refused, as the core names it (catalog); '' when there is no reason. */
export function reasonLabel(reason) {
  if (reason === null || reason === undefined || reason === '') return '';
  return REASON_LABELS.get(reason) ?? String(reason);
}

/** Counts → [{ kind, label, count }]: the known kinds first in their order, then any others by name. */
export function countItems(counts) {
  if (!counts || typeof counts !== 'object') return [];
  const known = PACKAGE_KINDS.filter((k) => k in counts);
  const others = Object.keys(counts).filter((k) => !PACKAGE_KINDS.includes(k)).sort();
  return [...known, ...others].map((kind) => ({ kind, label: kindLabel(kind), count: n(counts[kind]) }));
}

/** "组织单位 12，人员 30，业务网格 4" ('—' when there are no counts). */
export function countsText(counts, sep = '，') {
  const items = countItems(counts);
  if (!items.length) return '—';
  return items.map((i) => `${i.label} ${i.count}`).join(sep);
}

/** "约 1.2 MB" */
export function approxSizeText(bytes) {
  const s = formatBytes(bytes);
  return s === '—' ? '—' : `约 ${s}`;
}

/** "第 3 次导出" (or '—'). */
export function sequenceText(sequence) {
  if (sequence === null || sequence === undefined || sequence === '') return '—';
  return `第 ${sequence} 次导出`;
}

/**
 * The lines describing the package an export would write now (PackagePreview): the
 * next one, also right after an export (its file is said in the result below).
 */
export function previewFacts(preview, level) {
  const p = preview ?? {};
  const facts = [
    { key: 'sequence', label: '下一次导出', value: sequenceText(p.nextSequence) },
    { key: 'fileName', label: '下次的文件名', value: String(p.fileName ?? '') },
    { key: 'counts', label: '本单位的记录', value: countsText(p.counts) },
  ];
  if (level && level !== 'township') {
    facts.push({
      key: 'officesBelow',
      label: '附带下级数据',
      value: n(p.officesBelow)
        ? `${n(p.officesBelow)} 个下级单位最近一次报送的文件（原样转交，上级可逐个核对）`
        : '还没有收到下级单位的文件',
    });
  }
  facts.push({ key: 'size', label: '大小', value: approxSizeText(p.approxBytes) });
  return facts;
}

/**
 * The "also export the evidence files" choice for a PackagePreview:
 * { show, label, disabled, note }. Hidden when the records refer to no files;
 * disabled (with why) when some file is missing from the attachments folder.
 */
export function attachmentsChoice(preview) {
  const p = preview ?? {};
  const count = n(p.attachments);
  if (!count) return { show: false, label: '', disabled: true, note: '' };
  const missing = n(p.attachmentsMissing);
  return {
    show: true,
    label: `同时导出佐证材料（${count} 个文件，${approxSizeText(p.attachmentsBytes)}）`,
    disabled: missing > 0,
    note: missing > 0
      ? `有 ${missing} 个佐证材料的文件在附件文件夹中找不到，不能随交换文件导出；可以只导出记录（附件按名称和校验值登记）。`
      : '不勾选时，交换文件只登记附件的名称、大小和校验值，文件本身留在本机。',
  };
}

/**
 * "已导出第 3 次交换文件（共 46 条记录；1.2 MB）": each kind's count stands in the
 * lines above it (本单位的记录), so the result says the total.
 */
export function exportedText(e) {
  const x = e ?? {};
  const total = Object.values(x.counts ?? {}).reduce((s, v) => s + n(v), 0);
  const parts = [`共 ${total} 条记录`];
  if (n(x.officesBelow)) parts.push(`附带 ${n(x.officesBelow)} 个下级单位的数据`);
  if (n(x.attachments)) parts.push(`含 ${n(x.attachments)} 个佐证材料`);
  parts.push(formatBytes(x.bytes));
  return `已导出第 ${x.sequence ?? '?'} 次交换文件（${parts.join('；')}）`;
}

/**
 * The path to offer for the next export: a file path ending in .zip gets the
 * next standard file name in the same folder (so the last file is not
 * overwritten); a folder (or anything else) stays as typed.
 */
export function nextExportPath(path, nextFileName) {
  const p = String(path ?? '').trim();
  if (!p || !nextFileName || !/\.zip$/i.test(p)) return p;
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return cut === -1 ? String(nextFileName) : p.slice(0, cut + 1) + nextFileName;
}

/**
 * Paths typed or pasted in the receive box: one per line or separated by ';'
 * (also the full-width '；'). Surrounding spaces and quotes (Explorer's “复制文件地址”
 * adds them) are dropped, empty entries skipped, repeats removed, order kept.
 */
export function parsePaths(text) {
  const out = [];
  for (const raw of String(text ?? '').split(/[\r\n;；]+/)) {
    let p = raw.trim();
    const m = p.match(/^(["'“”])(.*)(["'“”])$/);
    if (m) p = m[2].trim();
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** Paths for the receive box, one per line. */
export function joinPaths(paths) {
  return (Array.isArray(paths) ? paths : []).filter((p) => typeof p === 'string' && p !== '').join('\n');
}

/** Counts of a receipt list and its summary line. */
export function receiveSummary(receipts) {
  const list = Array.isArray(receipts) ? receipts : [];
  const c = { total: list.length, accepted: 0, alreadyHeld: 0, refused: 0, skipped: 0 };
  for (const r of list) {
    if (r?.outcome === 'accepted') c.accepted += 1;
    else if (r?.outcome === 'already_held') c.alreadyHeld += 1;
    else if (r?.outcome === 'skipped') c.skipped += 1;
    else c.refused += 1;
  }
  // Only the outcomes that happened; 此前已收到 rather than a bare 已有. A folder's
  // other files are skipped, no office's refused package.
  const parts = [
    c.accepted ? `接收 ${c.accepted} 个` : '',
    c.alreadyHeld ? `此前已收到 ${c.alreadyHeld} 个` : '',
    c.refused ? `拒收 ${c.refused} 个（原因见下表）` : '',
    c.skipped ? `跳过 ${c.skipped} 个不是交换文件的文件` : '',
  ].filter(Boolean);
  return {
    ...c,
    // all-ok, some refused beside accepted ones (a warning), or nothing accepted.
    // A folder of other files only is a warning: nothing was received.
    tone: c.refused
      ? (c.accepted || c.alreadyHeld ? 'some-refused' : 'has-refused')
      : (c.accepted || c.alreadyHeld || !c.skipped ? 'all-ok' : 'some-refused'),
    text: c.total ? `共 ${c.total} 个文件：${parts.join('，')}` : '没有找到要接收的文件',
  };
}

/** "青溪街道（320115101000）", the code alone, or '—'. */
export function senderText(name, code) {
  const nm = String(name ?? '').trim();
  const cd = String(code ?? '').trim();
  if (nm && cd) return `${nm}（${cd}）`;
  return nm || cd || '—';
}

const RECEIPT_OUTCOMES = ['accepted', 'already_held', 'refused', 'skipped'];

/** Receipts as table rows. */
export function receiptRows(receipts) {
  return (Array.isArray(receipts) ? receipts : []).map((r) => ({
    fileName: String(r?.fileName ?? ''),
    // The row names its file already: the message need not start by naming it again.
    message: withoutOwnName(String(r?.message ?? ''), String(r?.fileName ?? '')),
    path: String(r?.path ?? ''),
    sender: senderText(r?.senderName, r?.senderCode),
    senderCode: String(r?.senderCode ?? ''),
    sequence: r?.sequence === null || r?.sequence === undefined ? '—' : `第 ${r.sequence} 次`,
    outcome: RECEIPT_OUTCOMES.includes(r?.outcome) ? r.outcome : 'refused',
    outcomeLabel: outcomeLabel(RECEIPT_OUTCOMES.includes(r?.outcome) ? r.outcome : 'refused'),
    reason: reasonLabel(r?.reason),
  }));
}

/** A receipt's message without the 文件“x.zip”： it starts with when its row names the file already (as the CLI's line: core package::without_file_name). */
export function withoutOwnName(message, fileName) {
  const own = `文件“${fileName}”：`;
  return fileName && message.startsWith(own) ? message.slice(own.length) : message;
}

/**
 * Progress while receiving. Each event names the file about to be checked, with
 * `done` files finished before it: "已处理 1 / 4 · 正在检查 秣陵街道.zip"; the last
 * event (done = total, no name) gives "已处理 4 / 4"; "已处理 0 / ?" before any event.
 */
export function receiveProgressText(p) {
  const done = n(p?.done);
  const total = n(p?.total);
  const file = String(p?.fileName ?? '').trim();
  const head = `已处理 ${done} / ${total || '?'}`;
  return file && !(total && done >= total) ? `${head} · 正在检查 ${file}` : head;
}

/** The ledger screens a county or city keeps for its own records only. */
export const OWN_LEDGER_VIEWS = Object.freeze([
  'hierarchy', 'people', 'party', 'cobuild', 'contacts', 'demands', 'jianfu', 'training', 'tasks', 'assessment',
]);

/**
 * The line above a ledger screen at a county or city: the screen is its own ledger,
 * and where the offices below's records are ("" at a township, or on other screens).
 * An empty 人员名单 with 新增人员 at a county read as if no township had sent anyone.
 */
export function ownLedgerText(level, viewId, officeName) {
  if (level !== 'county' && level !== 'city') return '';
  if (!OWN_LEDGER_VIEWS.includes(viewId)) return '';
  const below = level === 'county' ? '乡镇/街道' : '县/区';
  const where = '请在“统计”中点击不为 0 的数查看明细，明细可导出 Excel。';
  // 考核 scores the offices below from their files: only its records are its own (a
  // county read 检查 0 / 0 as if no township had inspected anything, probe O).
  if (viewId === 'assessment') {
    return `这里的检查、抽查、问卷、电话回访和整改是${officeName || '本单位'}自己的记录；${below}报送的在“统计”里：${where}评分按各单位报送的数计算。`;
  }
  // 覆盖 lists each office below's coverage from its file (probe AA).
  if (viewId === 'contacts') {
    return `这里的领导、联系点和走访是${officeName || '本单位'}自己的台账；${below}报送的联系覆盖情况在“覆盖”里，其余报送的记录${where}`;
  }
  // 下级报送 lists the demands sent up to this level (probe AG).
  if (viewId === 'demands') {
    return `这里是${officeName || '本单位'}自己的诉求；${below}报送的应由本级办理的诉求在“下级报送”里，其余报送的记录${where}`;
  }
  // 下级进展 lists each office below's progress on every task from its file.
  if (viewId === 'tasks') {
    return `这里的任务清单和本月进展是${officeName || '本单位'}自己的台账；${below}报送的月调度进展在“下级进展”里，按任务逐项列出各单位的状态。`;
  }
  return `这里是${officeName || '本单位'}自己的台账。${below}报送的记录不在这里：${where}`;
}
