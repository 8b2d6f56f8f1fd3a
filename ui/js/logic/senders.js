// 报送情况: who has sent, flags, the expected-office form and the late-days
// setting. Pure: no DOM.
import { toHalfWidth, fieldError, problemsOf, unlessOk } from './form.js';
import { formatDateTime } from './format.js';
import { levelLabel, tableLabel, PACKAGE_KINDS } from './labels.js';
import { countsText, reasonLabel, outcomeLabel, senderText, withoutOwnName } from './exchange.js';

export const LATE_DAYS_MIN = 1;
export const LATE_DAYS_MAX = 366;

/** How loud each flag is ('bad' | 'warn' | 'info'); their order and names are the core's (Senders.flagLabels). */
const TONES = Object.freeze({
  never_sent: 'bad', refused_last: 'bad', totals_mismatch: 'bad', late: 'warn', empty: 'warn', unexpected: 'info',
  below_missing: 'warn', old_version: 'warn', below_late: 'warn', below_old_version: 'warn',
});

/** A flag's name from the core's list (`labels`: Senders.flagLabels, [[key, name]]); 逾期 names the days. */
export function flagLabel(flag, labels, lateDays) {
  const name = (Array.isArray(labels) ? labels : []).find((l) => Array.isArray(l) && l[0] === flag)?.[1] ?? String(flag ?? '');
  return flag === 'late' && Number(lateDays) > 0 ? `${name}（超过${Number(lateDays)}天）` : name;
}

/**
 * A row's flags as badges [{ flag, label, tone }] in the core's order (loudest
 * first); a flag the core's list does not name comes last, as it is.
 */
export function senderFlags(row, senders) {
  const flags = Array.isArray(row?.flags) ? row.flags : [];
  const labels = Array.isArray(senders?.flagLabels) ? senders.flagLabels : [];
  const order = labels.map((l) => l?.[0]);
  const shown = [...order.filter((k) => flags.includes(k)), ...flags.filter((f) => !order.includes(f))];
  return shown.map((flag) => {
    const label = flagLabel(flag, labels, senders?.lateDays);
    // Which format the older version wrote (probe V: only `senders --json` said it).
    const said = flag === 'old_version' && row?.format ? `${label}（${row.format} 格式）` : label;
    return { flag, label: said, tone: TONES[flag] ?? 'info' };
  });
}

/** "今天", "1 天前", "12 天前" ('' when unknown). */
export function daysAgoText(days) {
  if (days === null || days === undefined || days === '' || !Number.isFinite(Number(days))) return '';
  const d = Math.max(0, Math.floor(Number(days)));
  return d === 0 ? '今天' : `${d} 天前`;
}

/** "2026-11-20" from a timestamp, in local time ('' when missing). */
export function dateOnly(value) {
  return formatDateTime(value).slice(0, 10);
}

/**
 * Whether an expected list exists: the backend says (hasExpectedList); an older
 * answer without it, when any row is expected.
 */
export function hasExpectedList(senders) {
  if (typeof senders?.hasExpectedList === 'boolean') return senders.hasExpectedList;
  return Array.isArray(senders?.rows) && senders.rows.some((r) => r?.expected);
}

/**
 * Counts over the rows: expected offices, how many of them have sent (`empty`: of
 * those, how many sent a file with no record in it), have not, are late, offices that sent without being expected (flagged only once a list
 * exists), and offices that sent while there is no list (`unlisted`).
 */
export function sendersCounts(senders) {
  const rows = Array.isArray(senders?.rows) ? senders.rows : [];
  const listed = hasExpectedList(senders);
  const c = {
    expected: 0, sent: 0, missing: 0, late: 0, unexpected: 0, unlisted: 0, problems: 0, empty: 0, belowMissing: 0, oldVersion: 0,
    belowLate: 0, belowOld: 0,
  };
  for (const r of rows) {
    const flags = Array.isArray(r?.flags) ? r.flags : [];
    if (r?.expected) {
      c.expected += 1;
      if (r.sent) c.sent += 1;
      else c.missing += 1;
      if (r.sent && flags.includes('empty')) c.empty += 1;
    } else if (listed) {
      c.unexpected += 1;
    } else if (r?.sent) {
      c.unlisted += 1;
    }
    if (flags.includes('late')) c.late += 1;
    if (flags.includes('refused_last') || flags.includes('totals_mismatch')) c.problems += 1;
    // A county's file lacking townships it expects (the city's 首页 read 都已报送).
    if (flags.includes('below_missing')) c.belowMissing += Array.isArray(r?.below?.missing) ? r.below.missing.length : 1;
    if (flags.includes('old_version')) c.oldVersion += 1;
    // A county's file carrying a township's late or old-version file (probe AK).
    if (flags.includes('below_late')) c.belowLate += 1;
    if (flags.includes('below_old_version')) c.belowOld += 1;
  }
  return c;
}

/**
 * "应报 20 个，已报 17 个，未报 3 个，逾期 2 个" (+ empty files, unexpected and refused when any);
 * without a list, how many have sent and that they can become the list.
 */
export function sendersSummaryText(senders) {
  const c = sendersCounts(senders);
  let text = c.unlisted
    ? `还没有应报名单；已收到 ${c.unlisted} 个单位的报送，可以把${c.unlisted > 1 ? '它们' : '它'}设为应报名单`
    : `应报 ${c.expected} 个，已报 ${c.sent} 个${c.empty ? `（其中 ${c.empty} 个报送的文件没有记录）` : ''}，未报 ${c.missing} 个，逾期 ${c.late} 个`;
  if (c.unexpected) text += `；另有 ${c.unexpected} 个不在应报名单的单位报送了数据`;
  if (c.belowMissing) text += `；下级未报齐 ${c.belowMissing} 个`;
  if (c.belowLate) text += `；${c.belowLate} 个单位的文件里有逾期的下级`;
  if (c.belowOld) text += `；${c.belowOld} 个单位的文件里有旧版本的下级`;
  if (c.problems) text += `；${c.problems} 个单位最近一次报送被拒收，请查看接收记录`;
  return text;
}

/**
 * Whether to offer 把已报送的单位设为应报名单: there is no expected list yet and
 * some office has sent.
 */
export function offerExpectReceived(senders) {
  return sendersCounts(senders).unlisted > 0;
}

/** "已把 2 个已报送的单位设为应报单位" from the offices added. */
export function expectReceivedText(added) {
  const n = Array.isArray(added) ? added.length : 0;
  return n ? `已把 ${n} 个已报送的单位设为应报单位` : '已报送的单位都已在应报名单中';
}

/** Who is expected here: "应报单位：本单位直接下级的乡镇/街道。" */
export function levelBelowText(levelBelow) {
  if (!levelBelow) return '本单位没有下级单位，不需要接收报送。';
  return `应报单位是本单位直接下级的${levelLabel(levelBelow)}，区划代码以本单位代码开头。`;
}

/** A SenderStatus as display cells. */
export function senderCells(row) {
  const r = row ?? {};
  const exported = dateOnly(r.exportedAt);
  const ago = daysAgoText(r.daysSinceExport);
  return {
    code: String(r.code ?? ''),
    name: String(r.name ?? ''),
    receivedAt: r.receivedAt ? formatDateTime(r.receivedAt) : '—',
    sequence: r.sequence === null || r.sequence === undefined ? '—' : `第 ${r.sequence} 次`,
    exported: exported ? (ago ? `${exported}（${ago}）` : exported) : '—',
    counts: r.counts ? countsText(r.counts, ' · ') : '—',
    refusal: r.lastRefusal
      ? {
        at: formatDateTime(r.lastRefusal.at),
        reason: reasonLabel(r.lastRefusal.reason),
        message: String(r.lastRefusal.message ?? ''),
      }
      : null,
  };
}

/**
 * The add-expected-office form: a 12-digit division code (spaces dropped,
 * full-width digits accepted) and a name. Whether the code is directly below
 * this office is the backend's to say.
 */
export function parseExpectedForm(values) {
  const typed = toHalfWidth(values?.code).replace(/\s+/g, '');
  // A county known by its 6 digits, a township by its 9: the zeros left off (probe
  // AL: 320111 was refused here while the list box took it).
  const code = /^\d{6}$|^\d{9}$/.test(typed) ? typed.padEnd(12, '0') : typed;
  const name = String(values?.name ?? '').trim();
  const codeProblem = code === '' ? '请填写应报单位的统计用区划代码（12位数字）。'
    : /\D/.test(code) ? '统计用区划代码只能由数字组成（12位）。'
      : code.length !== 12 ? `统计用区划代码应为12位数字，现在是${code.length}位，请检查。` : '';
  // Both at once (a clerk fixed the code and only then heard of the name).
  return problemsOf([
    unlessOk(!codeProblem, 'code', codeProblem),
    unlessOk(name !== '', 'name', '请填写应报单位的名称。'),
  ]) ?? { ok: true, code, name };
}

/** The 逾期天数 box: a whole number of days from 1 to 366. */
export function parseLateDays(raw) {
  const s = toHalfWidth(raw).trim();
  if (s === '') return fieldError('days', `请填写天数（${LATE_DAYS_MIN}–${LATE_DAYS_MAX}）。`);
  if (!/^\d+$/.test(s)) return fieldError('days', `天数只能是 ${LATE_DAYS_MIN} 到 ${LATE_DAYS_MAX} 之间的整数。`);
  const days = Number(s);
  if (days < LATE_DAYS_MIN || days > LATE_DAYS_MAX) {
    return fieldError('days', `天数只能是 ${LATE_DAYS_MIN} 到 ${LATE_DAYS_MAX} 之间的整数。`);
  }
  return { ok: true, days };
}

/** Receipt-log rows as display cells. */
export function receiptLogCells(row) {
  const r = row ?? {};
  const outcome = ['accepted', 'already_held', 'refused'].includes(r.outcome) ? r.outcome : 'refused';
  return {
    seq: String(r.seq ?? ''),
    at: formatDateTime(r.at),
    fileName: String(r.fileName ?? ''),
    sender: senderText(r.senderName, r.senderCode),
    sequence: r.sequence === null || r.sequence === undefined ? '—' : `第 ${r.sequence} 次`,
    outcome,
    outcomeLabel: outcomeLabel(outcome),
    reason: reasonLabel(r.reason),
    message: withoutOwnName(String(r.message ?? ''), String(r.fileName ?? '')),
  };
}

// ---------- record counts in columns ----------

/**
 * The kinds to show a column of counts for: those any row has records of, in the
 * packages' order (the core's, from the catalog), then any other by name.
 * → [{ kind, label }]
 */
export function countColumns(rows) {
  const kinds = new Set();
  for (const r of Array.isArray(rows) ? rows : []) {
    for (const [k, n] of Object.entries(r?.counts ?? {})) if (Number(n) > 0) kinds.add(k);
  }
  const order = (k) => {
    const i = PACKAGE_KINDS.indexOf(k);
    return i === -1 ? PACKAGE_KINDS.length : i;
  };
  return [...kinds]
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((kind) => ({ kind, label: tableLabel(kind) }));
}

/** One count cell: the number ('0' when the package has none), '—' when nothing was received. */
export function countCell(row, kind) {
  if (!row?.counts) return '—';
  return String(Number(row.counts[kind] ?? 0));
}

/** Whether a row gets 加入应报名单: it sent without being on an existing list. */
export function offerAddToList(row, senders) {
  return !!row && !row.expected && hasExpectedList(senders);
}

// ---------- the proposed list, edited as text ----------

/** Proposals → the list's text, one office a line: "320105001000 青溪街道". */
export function proposalLines(proposals) {
  const rows = Array.isArray(proposals?.rows) ? proposals.rows : [];
  return rows.map((p) => `${p?.code ?? ''} ${p?.name ?? ''}`.trim()).join('\n');
}

/**
 * The edited list → { ok: true, offices: [{ code, name }] } or { ok: false, errors: ['第 2 行：…'] }.
 * A line is a code and a name in either order, separated by spaces, a tab (two
 * cells pasted from Excel), a comma or 、; blank lines are skipped. A short code
 * (the digits after `prefix`, e.g. a township's 3) is completed with the prefix
 * and zeros to 12 digits. Whether the code lies below this office is the core's to say.
 */
const SHORT_DIGITS = { 6: 3, 4: 2 };

export function parseExpectedLines(text, prefix = '') {
  const pre = String(prefix ?? '').replace(/\D/g, '');
  const offices = [];
  const errors = [];
  const lines = String(text ?? '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = toHalfWidth(raw).trim();
    if (!line) return;
    const n = i + 1;
    const parts = line.split(/[\s,，、;；]+/).filter(Boolean);
    const codeAt = parts.findIndex((p) => /^\d+$/.test(p));
    if (codeAt === -1) {
      errors.push(`第 ${n} 行：没有区划代码（12位数字，或本单位代码后面的几位）。`);
      return;
    }
    let code = parts[codeAt];
    // The digits after this office's own: a township's 3 under a county (6), a
    // county's 2 under a city (4). More is no short code (12345 became 320115123450,
    // and the core's answer named digits the clerk never typed).
    const short = SHORT_DIGITS[pre.length] ?? 12 - pre.length;
    // A code written from the start, its zeros left off (a county known as 320111,
    // a township as 320115101; probe AK: 320111 was refused at the city).
    if (pre && code.length < 12 && code.length > pre.length && code.startsWith(pre)) {
      code = code.padEnd(12, '0');
    } else if (pre && (code.length === 6 || code.length === 9) && !code.startsWith(pre)) {
      // Written from its start, but another office's (probe AL: 320211 at 南京市).
      errors.push(`第 ${n} 行：区划代码“${code}”不在本单位（${pre.padEnd(12, '0')}）之下，请核对。`);
      return;
    } else if (code.length < 12 && pre) {
      if (code.length > short) {
        const eg = '101'.slice(-short);
        errors.push(`第 ${n} 行：区划代码“${code}”不对：请填12位代码，或本单位代码后面的 ${short} 位（如 ${eg} 表示 ${(pre + eg).padEnd(12, '0')}）。`);
        return;
      }
      code = (pre + code).padEnd(12, '0');
    }
    const name = parts.filter((_, k) => k !== codeAt).join(' ').trim();
    if (code.length !== 12) {
      errors.push(`第 ${n} 行：区划代码“${parts[codeAt]}”应为12位数字。`);
      return;
    }
    if (!name) {
      errors.push(`第 ${n} 行：缺少单位名称。`);
      return;
    }
    const dup = offices.findIndex((o) => o.code === code);
    if (dup !== -1) {
      errors.push(`第 ${n} 行：区划代码 ${code} 与前面的“${offices[dup].name}”重复。`);
      return;
    }
    offices.push({ code, name });
  });
  if (errors.length) return { ok: false, errors };
  if (!offices.length) return { ok: false, errors: ['名单是空的：每行填一个单位的区划代码和名称。'] };
  return { ok: true, offices };
}

/** "已加入应报名单 3 个单位" from the offices the core added or renamed. */
export function expectedListText(changed) {
  const n = Array.isArray(changed) ? changed.length : 0;
  return n ? `已加入应报名单：${n} 个单位` : '这些单位都已在应报名单中，名称未变';
}

// ---------- 未报单位 (for 催报) ----------

/**
 * The expected offices to chase (never sent, late, a file lacking or carrying late
 * or old files of the offices below: probe AK) → [{ code, name, state, exported }] in
 * list order; the state is the core's own sentence (`chase`), as the printed and
 * exported 未报单位名单 say it.
 */
export function unsentRows(senders) {
  const rows = Array.isArray(senders?.rows) ? senders.rows : [];
  return rows
    .filter((r) => r?.expected && typeof r.chase === 'string')
    .map((r) => ({ code: String(r.code ?? ''), name: String(r.name ?? ''), state: r.chase, exported: dateOnly(r.exportedAt) || '—' }));
}
