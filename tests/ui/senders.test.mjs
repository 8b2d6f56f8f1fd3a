import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  flagLabel, senderFlags, daysAgoText, dateOnly, sendersCounts, sendersSummaryText, levelBelowText, senderCells,
  parseExpectedForm, parseLateDays, receiptLogCells, hasExpectedList, offerExpectReceived, expectReceivedText,
  countColumns, countCell, offerAddToList, proposalLines, parseExpectedLines, expectedListText, unsentRows,
} from '../../ui/js/logic/senders.js';

const ROW = {
  code: '320115101000', name: '青溪街道', expected: true, sent: true, sequence: 3,
  exportedAt: '2026-11-20T02:00:00Z', receivedAt: '2026-11-21T03:00:00Z', fileName: 'a.zip', daysSinceExport: 7,
  counts: { units: 12, people: 30, business_grids: 4 }, flags: [], lastRefusal: null,
};

// As the core sends them (exchange::senders::FLAGS).
const FLAG_LABELS = [
  ['never_sent', '从未报送'], ['refused_last', '最近一次被拒收'], ['totals_mismatch', '汇总数与记录不符'],
  ['late', '逾期'], ['empty', '报送的文件没有记录'], ['unexpected', '不在应报名单'],
];

const SENDERS = {
  flagLabels: FLAG_LABELS,
  lateDays: 30,
  levelBelow: 'township',
  rows: [
    ROW,
    { ...ROW, code: '320115102000', name: '秣陵街道', flags: ['late'], daysSinceExport: 45, chase: '逾期（最近一次导出于 45 天前）' },
    { ...ROW, code: '320115103000', name: '东山街道', sent: false, sequence: null, exportedAt: null, receivedAt: null,
      daysSinceExport: null, counts: null, flags: ['never_sent'], chase: '从未报送' },
    { ...ROW, code: '320115104000', name: '淳化街道', flags: ['refused_last', 'late'],
      lastRefusal: { at: '2026-11-25T01:00:00Z', reason: 'older', message: '比已收到的文件旧。' },
      chase: '逾期（最近一次导出于 7 天前）；最近一次文件被拒收：比已收到的文件旧，请再导出一次最新的文件报送。' },
    { ...ROW, code: '320115199000', name: '外来单位', expected: false, flags: ['unexpected'] },
  ],
};

describe('flags', () => {
  test('named as the core names them; late names the days', () => {
    assert.equal(flagLabel('never_sent', FLAG_LABELS), '从未报送');
    assert.equal(flagLabel('late', FLAG_LABELS, 30), '逾期（超过30天）');
    assert.equal(flagLabel('late', FLAG_LABELS), '逾期');
    assert.equal(flagLabel('empty', FLAG_LABELS), '报送的文件没有记录');
    assert.equal(flagLabel('new_flag', FLAG_LABELS), 'new_flag');
    assert.equal(flagLabel('never_sent', null), 'never_sent', 'without the core\'s list a key shows as it is');
  });
  test('badges in the core\'s order (loudest first), flags it does not name last', () => {
    const row = { flags: ['unexpected', 'late', 'what', 'totals_mismatch', 'never_sent'] };
    assert.deepEqual(senderFlags(row, { lateDays: 14, flagLabels: FLAG_LABELS }).map((f) => [f.flag, f.tone, f.label]), [
      ['never_sent', 'bad', '从未报送'],
      ['totals_mismatch', 'bad', '汇总数与记录不符'],
      ['late', 'warn', '逾期（超过14天）'],
      ['unexpected', 'info', '不在应报名单'],
      ['what', 'info', 'what'],
    ]);
    assert.deepEqual(senderFlags({}, { lateDays: 30, flagLabels: FLAG_LABELS }), []);
    // An older version says which format it wrote (probe V).
    const old = senderFlags({ flags: ['old_version'], format: '2.13' }, { flagLabels: [['old_version', '软件版本较旧']] });
    assert.deepEqual(old.map((f) => f.label), ['软件版本较旧（2.13 格式）']);
  });
});

describe('dates', () => {
  test('days ago', () => {
    assert.equal(daysAgoText(0), '今天');
    assert.equal(daysAgoText(1), '1 天前');
    assert.equal(daysAgoText(45), '45 天前');
    assert.equal(daysAgoText(null), '');
    assert.equal(daysAgoText(undefined), '');
    assert.equal(daysAgoText('x'), '');
  });
  test('date only', () => {
    assert.match(dateOnly('2026-11-20T02:00:00Z'), /^2026-11-2[01]$/);
    assert.equal(dateOnly(null), '');
  });
});

describe('summary', () => {
  test('counts', () => {
    assert.deepEqual(sendersCounts(SENDERS), { expected: 4, sent: 3, missing: 1, late: 2, unexpected: 1, unlisted: 0, problems: 1, empty: 0, belowMissing: 0, oldVersion: 0, belowLate: 0, belowOld: 0 });
  });
  test('text', () => {
    assert.equal(sendersSummaryText(SENDERS),
      '应报 4 个，已报 3 个，未报 1 个，逾期 2 个；另有 1 个不在应报名单的单位报送了数据；1 个单位最近一次报送被拒收，请查看接收记录');
    // An office whose file held no record counts as sent, and the line says so.
    const empty = { ...SENDERS, rows: SENDERS.rows.map((r, i) => (i === 0 ? { ...r, flags: [...(r.flags ?? []), 'empty'] } : r)) };
    assert.equal(SENDERS.rows[0].expected && SENDERS.rows[0].sent, true);
    assert.equal(sendersCounts(empty).empty, 1);
    assert.match(sendersSummaryText(empty), /^应报 4 个，已报 3 个（其中 1 个报送的文件没有记录），未报 1 个/);
    assert.equal(sendersSummaryText({ rows: [] }), '应报 0 个，已报 0 个，未报 0 个，逾期 0 个');
    assert.equal(sendersSummaryText(null), '应报 0 个，已报 0 个，未报 0 个，逾期 0 个');
  });
  test('without an expected list: nobody is 不在应报名单, and the senders can become the list', () => {
    const noList = {
      lateDays: 30,
      levelBelow: 'township',
      hasExpectedList: false,
      rows: [
        { ...ROW, expected: false, flags: [] },
        { ...ROW, code: '320115102000', name: '秣陵街道', expected: false, flags: ['late'] },
      ],
    };
    assert.equal(hasExpectedList(noList), false);
    assert.deepEqual(sendersCounts(noList), { expected: 0, sent: 0, missing: 0, late: 1, unexpected: 0, unlisted: 2, problems: 0, empty: 0, belowMissing: 0, oldVersion: 0, belowLate: 0, belowOld: 0 });
    assert.equal(sendersSummaryText(noList), '还没有应报名单；已收到 2 个单位的报送，可以把它们设为应报名单');
    assert.doesNotMatch(sendersSummaryText(noList), /不在应报名单/);
    assert.equal(offerExpectReceived(noList), true);
    // Once a list exists, the offer goes and a sender off the list counts as unexpected.
    assert.equal(offerExpectReceived(SENDERS), false);
    assert.equal(offerExpectReceived({ ...SENDERS, hasExpectedList: true }), false);
    assert.equal(sendersCounts({ ...SENDERS, hasExpectedList: true }).unexpected, 1);
    // Nothing received and no list: nothing to offer.
    assert.equal(offerExpectReceived({ hasExpectedList: false, rows: [] }), false);
    assert.equal(offerExpectReceived(null), false);
    // An answer without the field: a list exists when a row is expected.
    assert.equal(hasExpectedList({ rows: [ROW] }), true);
    assert.equal(hasExpectedList({ rows: [{ ...ROW, expected: false }] }), false);
  });
  test('the one-click result', () => {
    assert.equal(expectReceivedText([{ code: '1' }, { code: '2' }]), '已把 2 个已报送的单位设为应报单位');
    assert.equal(expectReceivedText([]), '已报送的单位都已在应报名单中');
  });
  test('who is expected', () => {
    assert.match(levelBelowText('township'), /乡镇\/街道/);
    assert.match(levelBelowText('county'), /县\/区/);
    assert.match(levelBelowText(null), /没有下级/);
  });
});

describe('cells', () => {
  test('a sender that sent', () => {
    const c = senderCells(ROW);
    assert.equal(c.code, '320115101000');
    assert.equal(c.sequence, '第 3 次');
    assert.match(c.exported, /^2026-11-2[01]（7 天前）$/);
    assert.equal(c.counts, '组织单位 12 · 人员 30 · 业务网格 4');
    assert.match(c.receivedAt, /^2026-11-21 \d\d:00$/);
    assert.equal(c.refusal, null);
  });
  test('one that never sent', () => {
    const c = senderCells(SENDERS.rows[2]);
    assert.deepEqual([c.receivedAt, c.sequence, c.exported, c.counts], ['—', '—', '—', '—']);
  });
  test('the last refusal', () => {
    const c = senderCells(SENDERS.rows[3]);
    assert.equal(c.refusal.reason, '比已收到的文件旧');
    assert.equal(c.refusal.message, '比已收到的文件旧。');
    assert.match(c.refusal.at, /^2026-11-25/);
  });
});

describe('expected office form', () => {
  const cases = [
    [{ code: '320115101000', name: ' 青溪街道 ' }, { ok: true, code: '320115101000', name: '青溪街道' }],
    [{ code: '３２０１１５１０１０００', name: '青溪街道' }, { ok: true, code: '320115101000', name: '青溪街道' }],
    [{ code: '3201 1510 1000', name: '青溪街道' }, { ok: true, code: '320115101000', name: '青溪街道' }],
  ];
  for (const [values, want] of cases) test(JSON.stringify(values), () => assert.deepEqual(parseExpectedForm(values), want));
  test('errors name the field', () => {
    assert.equal(parseExpectedForm({ code: '', name: 'x' }).error.field, 'code');
    assert.equal(parseExpectedForm({ code: '32011510100a', name: 'x' }).error.field, 'code');
    const short = parseExpectedForm({ code: '32011510100', name: 'x' });
    assert.deepEqual([short.error.kind, short.error.field], ['validation', 'code']);
    assert.match(short.error.message, /现在是11位/);
    assert.equal(parseExpectedForm({ code: '320115101000', name: '  ' }).error.field, 'name');
    assert.equal(parseExpectedForm(null).ok, false);
    const both = parseExpectedForm({ code: '3201', name: '' });
    assert.deepEqual(both.problems.map((p) => p.field), ['code', 'name'], 'both said at once');
    assert.equal(both.error.field, 'code');
  });
});

describe('late days', () => {
  const ok = [['30', 30], [' 1 ', 1], ['366', 366], ['７', 7]];
  for (const [raw, days] of ok) test(`${JSON.stringify(raw)} → ${days}`, () => assert.deepEqual(parseLateDays(raw), { ok: true, days }));
  for (const raw of ['', '0', '367', '3.5', '-1', 'abc', null]) {
    test(`${JSON.stringify(raw)} is refused on field days`, () => {
      assertRefused(parseLateDays(raw), 'days');
    });
  }
});

describe('receipt log', () => {
  test('cells', () => {
    const c = receiptLogCells({
      seq: 7, at: '2026-11-21T03:00:00Z', fileName: 'a.zip', outcome: 'refused', reason: 'older',
      senderCode: '320115101000', senderName: '青溪街道', sequence: 2, message: '比已收到的文件旧。',
    });
    assert.equal(c.seq, '7');
    assert.equal(c.sender, '青溪街道（320115101000）');
    assert.equal(c.sequence, '第 2 次');
    assert.equal(c.outcomeLabel, '拒收');
    assert.equal(c.reason, '比已收到的文件旧');
    assert.equal(receiptLogCells({ outcome: 'accepted', sequence: null }).sequence, '—');
  });
});

describe('issue 14: counts in columns, the proposed list, 未报单位', () => {
  test('a column per kind anyone sent, in the packages\' order; a cell per row', () => {
    const cols = countColumns(SENDERS.rows);
    assert.deepEqual(cols.map((c) => c.kind).sort(), ['business_grids', 'people', 'units']);
    assert.ok(cols.every((c) => c.label && c.label !== c.kind), 'labelled from the catalog');
    assert.equal(countCell(ROW, 'people'), '30');
    assert.equal(countCell(ROW, 'demands'), '0');
    assert.equal(countCell(SENDERS.rows[2], 'people'), '—', 'nothing received');
    assert.deepEqual(countColumns([{ counts: { people: 0 } }]), []);
  });
  test('加入应报名单 only for a row not on an existing list', () => {
    assert.equal(offerAddToList(SENDERS.rows[4], SENDERS), true);
    assert.equal(offerAddToList(ROW, SENDERS), false);
    assert.equal(offerAddToList(SENDERS.rows[4], { hasExpectedList: false, rows: [] }), false);
  });
  test('proposals as lines, and lines read back', () => {
    assert.equal(proposalLines({ rows: [{ code: '320115001000', name: '青溪街道' }, { code: '320115002000', name: '桃园镇' }] }),
      '320115001000 青溪街道\n320115002000 桃园镇');
    assert.deepEqual(parseExpectedLines('320115001000 青溪街道\n\n  002\t桃园镇 \n柳湾镇，003\n３２０１１５００４０００、石门乡', '320115'), {
      ok: true,
      offices: [
        { code: '320115001000', name: '青溪街道' },
        { code: '320115002000', name: '桃园镇' },
        { code: '320115003000', name: '柳湾镇' },
        { code: '320115004000', name: '石门乡' },
      ],
    });
    // A code written from its start with the zeros left off: a county's 6 digits at a
    // city, a township's 9 at a county (probe AK: 320111 was refused).
    assert.deepEqual(parseExpectedLines('320111 浦口区\n13 栖霞区', '3201').offices,
      [{ code: '320111000000', name: '浦口区' }, { code: '320113000000', name: '栖霞区' }]);
    assert.deepEqual(parseExpectedLines('320115101 青溪街道', '320115').offices, [{ code: '320115101000', name: '青溪街道' }]);
    assert.deepEqual(parseExpectedLines('320211 锡山区', '3201').errors, ['第 1 行：区划代码“320211”不在本单位（320100000000）之下，请核对。']);
    assert.equal(parseExpectedForm({ code: '320111', name: '浦口区' }).code, '320111000000', 'the one-row form too (probe AL)');
    assert.deepEqual(parseExpectedLines('青山镇\n001 甲\n001 乙\n1234567 丙\n320115005000', '320115'), {
      ok: false,
      errors: [
        '第 1 行：没有区划代码（12位数字，或本单位代码后面的几位）。',
        '第 3 行：区划代码 320115001000 与前面的“甲”重复。',
        '第 4 行：区划代码“1234567”不对：请填12位代码，或本单位代码后面的 3 位（如 101 表示 320115101000）。',
        '第 5 行：缺少单位名称。',
      ],
    });
    assert.equal(parseExpectedLines(' \n', '320115').ok, false);
    // A short code longer than a township's 3 digits is named as typed, with what to type.
    assert.deepEqual(parseExpectedLines('12345 乱码', '320115').errors,
      ['第 1 行：区划代码“12345”不对：请填12位代码，或本单位代码后面的 3 位（如 101 表示 320115101000）。']);
    // Under a city (4 digits), a county's 2.
    assert.deepEqual(parseExpectedLines('15 江宁区', '3201'), { ok: true, offices: [{ code: '320115000000', name: '江宁区' }] });
    assert.equal(expectedListText([{}, {}]), '已加入应报名单：2 个单位');
    assert.equal(expectedListText([]), '这些单位都已在应报名单中，名称未变');
  });
  test('未报单位: the offices the core says to chase, in its words, expected only, in list order', () => {
    assert.deepEqual(unsentRows(SENDERS), [
      { code: '320115102000', name: '秣陵街道', state: '逾期（最近一次导出于 45 天前）', exported: '2026-11-20' },
      { code: '320115103000', name: '东山街道', state: '从未报送', exported: '—' },
      { code: '320115104000', name: '淳化街道', state: '逾期（最近一次导出于 7 天前）；最近一次文件被拒收：比已收到的文件旧，请再导出一次最新的文件报送。', exported: '2026-11-20' },
    ]);
    // The sentence is the core's (the exported list's): a row without one is not chased,
    // and one outside the expected list never is.
    assert.deepEqual(unsentRows({ rows: [{ code: 'x', expected: false, chase: '从未报送' }, { code: 'y', expected: true, flags: ['late'] }] }), []);
    assert.deepEqual(unsentRows(null), []);
  });
});
