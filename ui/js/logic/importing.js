// Import wizard texts (导入): people, the expected-office list (应报单位名单), the
// 党建/共建 kinds and those of 领导联系点, 诉求 and 协调机制. Pure: no DOM access.
import { formatDateTime } from './format.js';

/**
 * What each import kind is called and how its records are counted. The core
 * declares them with each kind (RecordKind::WIZARD) and serves them in the
 * kind_catalog; useImportCatalog (called by labels.js useKindCatalog at start)
 * fills this from there. No copy here: until the catalog is loaded,
 * importKindInfo falls back to the kind's own name.
 */
export const IMPORT_KINDS = {};

/** Takes every import kind's wizard texts from the core's catalog (api.kindCatalog()). */
export function useImportCatalog(catalog) {
  for (const k of catalog?.imports ?? []) {
    if (typeof k?.name !== 'string') continue;
    const info = Object.freeze({ label: k.label, unit: k.unit, templateName: k.templateName, example: k.example });
    IMPORT_KINDS[k.name] = info;
    for (const alias of k.aliases ?? []) IMPORT_KINDS[alias] ??= info;
  }
  useExportCatalog(catalog);
}

export function importKindInfo(kind) {
  return IMPORT_KINDS[kind] ?? { label: String(kind ?? ''), unit: '条', templateName: '导入模板.xlsx', example: '名单.xlsx' };
}

/** Each export list's dialog words (catalog.exports: file name, hint, the dates a period reads). */
const EXPORT_LISTS = new Map();

function useExportCatalog(catalog) {
  for (const e of catalog?.exports ?? []) {
    if (typeof e?.name !== 'string' || typeof e.fileName !== 'string' || typeof e.hint !== 'string') continue;
    const columns = Array.isArray(e.columns) && e.columns.every((c) => typeof c === 'string') ? e.columns : null;
    EXPORT_LISTS.set(e.name, Object.freeze({
      fileName: e.fileName,
      hint: e.hint,
      // The hint in parts (what the file holds, its columns, what follows), so the
      // dialog can keep each column whole on a line; null: only the whole hint.
      parts: columns && typeof e.lead === 'string' && typeof e.after === 'string'
        ? Object.freeze({ lead: e.lead, columns: Object.freeze([...columns]), after: e.after }) : null,
      periodBy: typeof e.periodBy === 'string' ? e.periodBy : '',
    }));
  }
}

/**
 * What the export dialog of list `name` says, from the core's declaration of it: the
 * file name offered (共建单位台账.xlsx), its columns (masked ones marked), and the
 * dates an export in a period reads ('' when the list has none).
 */
export function exportListInfo(name) {
  return EXPORT_LISTS.get(name) ?? { fileName: '导出.xlsx', hint: '', parts: null, periodBy: '' };
}

const n = (x) => Math.max(0, Number(x) || 0);

/**
 * "共 12 行，可导入 9 行：新增 7，更新 1，与已有记录相同 1；有错误 3 行；空行 1 行；
 * 忽略的列：序号、籍贯。" Zero counts for unchanged rows, errors, empty rows and ignored
 * columns are left out; when every importable row is the same as its record, it says
 * that importing changes nothing. (`toUpdate` counts every row that matched a record,
 * the unchanged ones too.)
 */
export function previewSummaryText(p) {
  const same = n(p?.unchanged);
  const counts = `新增 ${n(p?.toCreate)}，更新 ${Math.max(0, n(p?.toUpdate) - same)}${same ? `，与已有记录相同 ${same}` : ''}`;
  // A flat 网格划分表 says its own rows, then the units they spread to (9 rows read 共 18 行).
  const unit = p?.fileRows ? '个' : '行';
  const total = p?.fileRows ? `共 ${n(p.fileRows)} 行（按层级展开为 ${n(p?.totalRows)} 个单位）` : `共 ${n(p?.totalRows)} 行`;
  // Rows left out unless ticked (near rows, an older list's), said beside the count
  // the button lowers by them (可导入 22 read beside 导入可导入的 21 行).
  const held = nearRowChoices(p).length + staleRowChoices(p).length;
  const parts = [`${total}，可导入 ${n(p?.validRows)} ${unit}${held ? `（其中 ${held} ${unit}默认不导入，见下）` : ''}：${counts}`];
  if (n(p?.rejectedRows)) parts.push(`有错误 ${n(p.rejectedRows)} ${unit}`);
  // Rows repeating an earlier one to the letter: nothing to correct (they read as 有错误).
  if (n(p?.repeatedRows)) parts.push(`与前面的行完全相同 ${n(p.repeatedRows)} 行（只导入一次）`);
  if (n(p?.emptyRows)) parts.push(`空行 ${n(p.emptyRows)} 行`);
  const ignored = (p?.ignoredColumns ?? []).filter((c) => String(c ?? '').trim() !== '');
  if (ignored.length) parts.push(`忽略的列：${ignored.join('、')}`);
  // A list imported back as it was: say plainly that importing it changes nothing.
  return `${parts.join('；')}。${changesNothing(p) ? '导入后不会改变任何数据。' : ''}`;
}

/** Every importable row is an update that changes nothing (a list imported back as it was). */
export function changesNothing(p) {
  return n(p?.validRows) > 0 && n(p?.unchanged) === n(p?.validRows);
}

/**
 * What the import fills in (Preview.notes / Summary.notes, e.g. codes it suggested),
 * one per line, at most `max` lines then "……另有 N 条未列出"; "" when there are none.
 * The box scrolls: it shows every note a file of a few hundred units makes (it
 * showed 20 and asked the clerk to read all 125, probe W).
 */
export function notesText(x, max = 500) {
  const notes = (x?.notes ?? []).map((s) => String(s ?? '').trim()).filter(Boolean);
  const shown = notes.slice(0, max);
  // A summary keeps its first 200 notes and counts the rest (notesLeftOut).
  const more = notes.length - shown.length + (Number(x?.notesLeftOut) || 0);
  if (more > 0) shown.push(`……另有 ${more} 条未列出`);
  return shown.join('\n');
}

/** Whether the check found no row under the header at all. */
export function noRows(p) {
  return typeof p?.totalRows === 'number' && p.totalRows === 0;
}

/**
 * The line under the notes when no row is refused: 没有发现问题, or, when the check
 * has something to say (会清空…, 将新增一条…已有一条只有“会议日期”不同…), a pointer to
 * it: a green 没有发现问题 under them read as if they needed no look.
 */
export function noProblemsText(p) {
  // A header and no row: nothing to import is no "no problems" (it read green).
  if (noRows(p)) return '文件里只有表头，没有要导入的数据行。请确认选对了文件和工作表。';
  const k = (p?.notes ?? []).filter((s) => String(s ?? '').trim()).length;
  // Rows left out unless ticked are not "every row" (probe U).
  const out = nearRowChoices(p).length + staleRowChoices(p).length;
  if (out) return `没有错误行；其中 ${out} 行默认不导入（见下方），其余都可以导入。${k ? `请先看上面的 ${k} 条提示，确认无误再导入。` : ''}`;
  return k ? `每一行都可以导入。请先看上面的 ${k} 条提示，确认无误再导入。` : '没有发现问题。';
}

/**
 * Text of the 导入可导入的 X 行 button; when every row is the same as its record it is
 * 仍然导入 X 行, a secondary button (the line above says it changes nothing).
 */
export function commitButtonText(p, leaveOut = []) {
  const rows = n(p?.validRows) - leaveOut.length;
  // A spread 网格划分表 counts units, as its summary does.
  const unit = p?.fileRows ? '个单位' : '行';
  return changesNothing(p) ? `仍然导入 ${rows} ${unit}` : `导入可导入的 ${rows} ${unit}`;
}

export function canCommit(p, leaveOut = []) {
  return n(p?.validRows) - leaveOut.length > 0;
}

/**
 * The rows that would add a second record beside a stored one but for one column (a
 * 会议日期 or 受理日期 corrected in Excel: a second meeting went in), each with what the
 * check said of it: [{ row, note }]. They are left out unless ticked.
 */
export function nearRowChoices(p) {
  // Each row's note by its row (one pass: a file may hold thousands).
  const byRow = new Map();
  for (const s of (p?.notes ?? []).map((x) => String(x ?? ''))) {
    const m = /^第 (\d+) 行：/.exec(s);
    if (m && !byRow.has(Number(m[1]))) byRow.set(Number(m[1]), s.slice(m[0].length));
  }
  return [...new Set((p?.nearRows ?? []).map(Number).filter((r) => r > 0))]
    .map((row) => ({ row, note: byRow.get(row) ?? '' }));
}

/** The preview's notes but those of its near rows, which have their own box. */
export function notesBesideNear(p) {
  const own = new Set(nearRowChoices(p).map((c) => `第 ${c.row} 行：${c.note}`));
  // What an older list's row would do is said as not done unless ticked (probe S:
  // 会给“陈芳”调岗 stood above the box that left the row out).
  const stale = new Set(staleRowChoices(p).map((c) => c.row));
  const marked = (s) => {
    const row = Number(/^第 (\d+) 行：/.exec(s)?.[1]);
    return stale.has(row) ? `${s}（这一行默认不导入，见下方“可能是以前的名单”）` : s;
  };
  return { ...p, notes: (p?.notes ?? []).filter((s) => !own.has(String(s ?? ''))).map((s) => marked(String(s ?? ''))) };
}

/**
 * The rows of an older list (Preview.staleRows): each would change a record changed
 * here after the file was saved → [{ row, record, changedAt }] (changedAt as shown).
 */
export function staleRowChoices(p) {
  return (Array.isArray(p?.staleRows) ? p.staleRows : [])
    .filter((x) => Number(x?.row) > 0)
    .map((x) => ({ row: Number(x.row), record: String(x.record ?? ''), changedAt: formatDateTime(x.changedAt) }));
}

/** The legend over the older list's rows: when the file was saved, and what then. */
export function staleRowsLegend(p) {
  const n = staleRowChoices(p).length;
  const saved = p?.fileSavedAt ? `（${formatDateTime(p.fileSavedAt)} 保存）` : '';
  return `这个文件${saved}可能是以前的名单：以下 ${n} 行对应的记录在那之后又在软件里改过，导入会把那些修改改回去，默认不导入：`;
}

/** The rows to leave out: every near row and older list's row not ticked (`taken`, a Set of rows). */
export function leftOutRows(p, taken) {
  return [...nearRowChoices(p).map((c) => c.row), ...staleRowChoices(p).map((c) => c.row)].filter((r) => !taken.has(r));
}

/**
 * Problems in row order, each with a column ('整行' when the problem is the whole row)
 * and, when the row has one, its name (姓名 or the record's name), for finding the row.
 */
export function problemRows(p) {
  return [...(p?.problems ?? [])]
    .map((x, i) => ({
      row: n(x.row), column: String(x.column ?? '').trim() || '整行', message: String(x.message ?? ''),
      name: String(x.name ?? '').trim(), i,
    }))
    .sort((a, b) => a.row - b.row || a.i - b.i)
    .map(({ row, column, message, name }) => (name ? { row, name, column, message } : { row, column, message }));
}

/**
 * The sheets of a workbook left to import after `p.sheetName`, in the file's order
 * (not one already imported in this dialog, nor a template's 填写说明): a file of one
 * sheet per 社区 imports one sheet at a time, and the window did not say so (probe AM).
 */
export function sheetsLeft(p, imported = []) {
  const done = new Set([...(imported ?? []), p?.sheetName]);
  return (Array.isArray(p?.sheets) ? p.sheets : []).filter((n) => n !== '填写说明' && !done.has(n));
}

/** 这次只导入工作表“秣陵社区”；文件里还有 … , or '' for a workbook of one sheet. */
export function sheetsLeftText(p, imported = []) {
  const left = sheetsLeft(p, imported);
  if (!left.length) return '';
  const names = left.slice(0, 8).map((n) => `“${n}”`).join('、');
  return `这次只导入工作表“${p.sheetName}”。文件里还有 ${left.length} 个工作表：${names}${left.length > 8 ? ' 等' : ''}，导入后可以接着导入下一个。`;
}

/**
 * What the finish screen says of the backup taken before the import wrote (导入前自动
 * 备份), or '' when none was kept.
 */
export function backupText(s) {
  if (!s?.backupTakenAt) return '';
  return `导入前的数据已自动备份（${formatDateTime(s.backupTakenAt)}，导入前自动备份）。如这次导入有误，可在“设置 › 备份”中恢复这个备份，整体退回到导入前（之后的其他修改也会退回）。`;
}

/**
 * What the progress line says before the first row is written: the file is read and
 * every row checked again first, which takes most of a large import (it said 已处理 0
 * / 19999 for 13 seconds, probe AB).
 */
export function checkingText(total) {
  return `正在读取并再次检查文件里的 ${n(total)} 行，检查完后开始写入…`;
}

/** "已处理 40 / 120" */
export function progressText(done, total) {
  return `已处理 ${n(done)} / ${n(total)}`;
}

/**
 * "新增 5 人，更新 2 人，1 人与已有记录相同，2 行有错误未导入" (`updated` and
 * `unchanged` are separate counts in Summary).
 */
export function importSummaryText(s, kind = s?.kind) {
  const unit = importKindInfo(kind).unit;
  let text = `新增 ${n(s?.created)} ${unit}，更新 ${n(s?.updated)} ${unit}`;
  if (n(s?.unchanged)) text += `，${n(s.unchanged)} ${unit}与已有记录相同`;
  text += n(s?.rejected) ? `，${n(s.rejected)} 行有错误未导入` : '，没有错误行';
  if (n(s?.repeated)) text += `，${n(s.repeated)} 行与前面的行完全相同，只导入一次`;
  return text;
}
