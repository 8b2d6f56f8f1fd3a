import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  kindLabel, kindLabels, outcomeLabel, reasonLabel, countItems, countsText, approxSizeText, sequenceText, previewFacts,
  exportedText, nextExportPath, parsePaths, joinPaths, receiveSummary, senderText, receiptRows, receiveProgressText,
  FORCE_CONFIRM,
} from '../../ui/js/logic/exchange.js';
import { tableLabel } from '../../ui/js/logic/labels.js';

const PREVIEW = {
  fileName: '320115101000_青溪街道_20261127_0003.zip',
  nextSequence: 3,
  counts: { people: 30, units: 12, business_grids: 4 },
  officesBelow: 0,
  approxBytes: 1258291,
};

describe('labels', () => {
  test('record kinds in Chinese; unknown kinds as they are', () => {
    assert.equal(kindLabel('units'), '组织单位');
    assert.equal(kindLabel('people'), '人员');
    assert.equal(kindLabel('business_grids'), '业务网格');
    assert.equal(kindLabel('demands'), '诉求');
    assert.equal(kindLabel('trainings'), 'trainings', 'a kind the UI does not know yet keeps its name');
  });
  test('the package kinds, in display order, named as in the change log (one list of labels)', () => {
    assert.deepEqual(Object.entries(kindLabels()), [
      ['units', '组织单位'], ['people', '人员'], ['business_grids', '业务网格'], ['party_branches', '小区党支部'],
      ['committees', '委员会'], ['committee_members', '委员'], ['joint_meetings', '联席会议'], ['partner_units', '共建单位'],
      ['projects', '共建项目'], ['departments', '部门'], ['leaders', '领导'], ['contact_points', '联系点'], ['visits', '走访记录'],
      ['demands', '诉求'], ['working_groups', '专项工作组'], ['working_meetings', '工作会议'],
      ['duty_items', '履职事项'],
      ['grid_matters', '网格事项'], ['grid_matter_claims', '网格事项认领'],
      ['training_sessions', '培训'], ['training_participants', '培训参加人员'], ['pipeline_events', '引育留用记录'],
      ['admissions', '准入事项'],
      ['mechanisms', '工作机制'], ['plaques', '挂牌'], ['certificates', '证明事项'], ['secondments', '借调人员'],
      ['rechecks', '回头看'],
      ['indicators', '考核指标'], ['rectification_items', '整改事项'], ['outpost_evaluations', '派出机构考核评价'],
      ['samples', '抽查样本'], ['inspections', '检查记录'],
      ['questionnaires', '问卷'], ['questionnaire_responses', '问卷答卷'], ['callbacks', '电话回访'],
      ['dissolved_units', '已撤销的单位'],
      ['dispatch_tasks', '调度任务'],
      ['task_progress', '月度进展'],
    ]);
    for (const kind of Object.keys(kindLabels())) assert.equal(kindLabel(kind), tableLabel(kind), kind);
    assert.ok(Object.isFrozen(kindLabels()));
  });
  test('outcomes', () => {
    assert.equal(outcomeLabel('accepted'), '已接收');
    assert.equal(outcomeLabel('already_held'), '已收到过');
    assert.equal(outcomeLabel('refused'), '拒收');
  });
  test('every refusal reason of the contract has a label, from the core\'s catalog', () => {
    for (const r of ['empty', 'too_large', 'not_package', 'bad_sender', 'damaged', 'checksum', 'newer_format', 'counts',
      'foreign_records', 'totals', 'bad_below', 'not_below', 'older', 'conflict', 'unreadable',
      'not_a_file', 'bad_link', 'outside_folder', 'too_many_entries', 'unexpected_entry',
      'duplicate_entry', 'bad_sequence', 'sequence_jump', 'bad_time', 'future_time',
      'unknown_format', 'bad_record', 'duplicate_id']) {
      assert.match(reasonLabel(r), /[\u4e00-\u9fff]/, r);
    }
    assert.equal(reasonLabel(null), '');
    assert.equal(reasonLabel('future_reason'), 'future_reason');
  });
  test('the force confirmation says it replaces newer data and is change-logged', () => {
    assert.match(FORCE_CONFIRM, /替换/);
    assert.match(FORCE_CONFIRM, /较新/);
    assert.match(FORCE_CONFIRM, /变更记录/);
  });
});

describe('counts', () => {
  test('known kinds first in their order, then others by name', () => {
    assert.deepEqual(countItems({ zeta: 1, people: 30, units: 12, alpha: 2, business_grids: 4 }).map((i) => i.kind),
      ['units', 'people', 'business_grids', 'alpha', 'zeta']);
  });
  test('text', () => {
    assert.equal(countsText(PREVIEW.counts), '组织单位 12，人员 30，业务网格 4');
    assert.equal(countsText({ units: 1, people: 2 }, ' · '), '组织单位 1 · 人员 2');
    assert.equal(countsText(null), '—');
    assert.equal(countsText({}), '—');
    assert.equal(countsText({ units: 'x' }), '组织单位 0');
  });
});

describe('package preview', () => {
  test('size and sequence', () => {
    assert.equal(approxSizeText(1258291), '约 1.2 MB');
    assert.equal(approxSizeText(800), '约 800 B');
    assert.equal(approxSizeText(null), '—');
    assert.equal(sequenceText(3), '第 3 次导出');
    assert.equal(sequenceText(null), '—');
  });
  test('a township: file, sequence, counts, size', () => {
    assert.deepEqual(previewFacts(PREVIEW, 'township'), [
      { key: 'sequence', label: '下一次导出', value: '第 3 次导出' },
      { key: 'fileName', label: '下次的文件名', value: '320115101000_青溪街道_20261127_0003.zip' },
      { key: 'counts', label: '本单位的记录', value: '组织单位 12，人员 30，业务网格 4' },
      { key: 'size', label: '大小', value: '约 1.2 MB' },
    ]);
  });
  test('a county also says what it carries from below', () => {
    const facts = previewFacts({ ...PREVIEW, officesBelow: 12 }, 'county');
    assert.deepEqual(facts.map((f) => f.key), ['sequence', 'fileName', 'counts', 'officesBelow', 'size']);
    assert.match(facts[3].value, /^12 个下级单位/);
    assert.equal(previewFacts({ ...PREVIEW, officesBelow: 0 }, 'city')[3].value, '还没有收到下级单位的文件');
  });
  test('exported', () => {
    assert.equal(exportedText({ sequence: 3, counts: PREVIEW.counts, officesBelow: 0, bytes: 2048 }),
      '已导出第 3 次交换文件（共 46 条记录；2.0 KB）');
    assert.equal(exportedText({ sequence: 1, counts: { units: 1 }, officesBelow: 5, bytes: 100 }),
      '已导出第 1 次交换文件（共 1 条记录；附带 5 个下级单位的数据；100 B）');
  });
});

describe('nextExportPath', () => {
  const next = '320115101000_青溪街道_20261127_0004.zip';
  const cases = [
    ['D:\\上报\\320115101000_青溪街道_20261127_0003.zip', 'D:\\上报\\320115101000_青溪街道_20261127_0004.zip'],
    ['/home/a/上报/my.ZIP', `/home/a/上报/${next}`],
    ['old.zip', next],
    ['D:\\上报', 'D:\\上报'],
    ['D:\\上报\\', 'D:\\上报\\'],
    ['', ''],
    ['  /tmp/x.zip  ', `/tmp/${next}`],
  ];
  for (const [path, want] of cases) test(JSON.stringify(path), () => assert.equal(nextExportPath(path, next), want));
  test('without a next name the path stays', () => assert.equal(nextExportPath('/tmp/a.zip', ''), '/tmp/a.zip'));
});

describe('parsePaths', () => {
  const cases = [
    ['', []],
    ['   \n  ', []],
    ['D:\\收件\\a.zip', ['D:\\收件\\a.zip']],
    ['D:\\收件\\a.zip\nD:\\收件\\b.zip', ['D:\\收件\\a.zip', 'D:\\收件\\b.zip']],
    ['D:\\收件\\a.zip\r\n\r\nD:\\收件\\b.zip\n', ['D:\\收件\\a.zip', 'D:\\收件\\b.zip']],
    ['/a/1.zip; /a/2.zip ;/a/3.zip', ['/a/1.zip', '/a/2.zip', '/a/3.zip']],
    ['/a/1.zip；/a/2.zip', ['/a/1.zip', '/a/2.zip']],
    ['"D:\\收件 十一月\\青溪街道.zip"', ['D:\\收件 十一月\\青溪街道.zip']],
    ['“D:\\收件\\a.zip”', ['D:\\收件\\a.zip']],
    ["'/tmp/a b.zip'", ['/tmp/a b.zip']],
    ['/a/1.zip\n/a/1.zip\n/a/2.zip', ['/a/1.zip', '/a/2.zip']],
    ['  /path with spaces/file name.zip  ', ['/path with spaces/file name.zip']],
  ];
  for (const [text, want] of cases) test(JSON.stringify(text), () => assert.deepEqual(parsePaths(text), want));
  test('null and undefined', () => {
    assert.deepEqual(parsePaths(null), []);
    assert.deepEqual(parsePaths(undefined), []);
  });
  test('joinPaths puts one per line, dropping empties', () => {
    assert.equal(joinPaths(['/a/1.zip', '', null, '/a/2.zip']), '/a/1.zip\n/a/2.zip');
    assert.equal(joinPaths(null), '');
    assert.deepEqual(parsePaths(joinPaths(['/a/1.zip', '/a/2.zip'])), ['/a/1.zip', '/a/2.zip']);
  });
});

const RECEIPTS = [
  {
    fileName: '320115101000_青溪街道_20261127_0003.zip', path: '/in/a.zip', outcome: 'accepted', reason: null,
    senderCode: '320115101000', senderName: '青溪街道', sequence: 3, message: '已接收“青溪街道”的第 3 次导出。',
  },
  {
    fileName: 'b.zip', path: '/in/b.zip', outcome: 'already_held', reason: null,
    senderCode: '320115102000', senderName: '秣陵街道', sequence: 2, message: '这个文件已经收到过了。',
  },
  {
    fileName: 'c.zip', path: '/in/c.zip', outcome: 'refused', reason: 'checksum',
    senderCode: null, senderName: null, sequence: null, message: '文件已损坏：校验值不符。',
  },
  {
    fileName: 'd.zip', path: '/in/d.zip', outcome: 'refused', reason: 'not_below',
    senderCode: '320200101000', senderName: '', sequence: 1, message: '不是本单位的下级。',
  },
];

describe('receipts', () => {
  test('summary', () => {
    const s = receiveSummary(RECEIPTS);
    assert.deepEqual({ ...s, text: undefined, tone: undefined }, { total: 4, accepted: 1, alreadyHeld: 1, refused: 2, skipped: 0, text: undefined, tone: undefined });
    assert.equal(s.text, '共 4 个文件：接收 1 个，此前已收到 1 个，拒收 2 个（原因见下表）');
    assert.equal(s.tone, 'some-refused');
    assert.equal(receiveSummary([]).text, '没有找到要接收的文件');
    assert.deepEqual([receiveSummary([{ outcome: 'accepted' }]).text, receiveSummary([{ outcome: 'accepted' }]).tone],
      ['共 1 个文件：接收 1 个', 'all-ok']);
    assert.equal(receiveSummary([{ outcome: 'refused' }]).tone, 'has-refused');
    // A folder's other files are skipped, not refused: counted apart, in grey.
    const folder = receiveSummary([{ outcome: 'accepted' }, { outcome: 'skipped' }]);
    assert.deepEqual([folder.text, folder.tone, folder.refused], ['共 2 个文件：接收 1 个，跳过 1 个不是交换文件的文件', 'all-ok', 0]);
    assert.equal(receiveSummary([{ outcome: 'skipped' }]).tone, 'some-refused', 'nothing received is a warning');
    assert.deepEqual(receiptRows([{ outcome: 'skipped', fileName: 'a.txt' }]).map((r) => [r.outcome, r.outcomeLabel]), [['skipped', '跳过']]);
    assert.equal(receiveSummary(null).total, 0);
  });
  test('sender text', () => {
    assert.equal(senderText('青溪街道', '320115101000'), '青溪街道（320115101000）');
    assert.equal(senderText('', '320115101000'), '320115101000');
    assert.equal(senderText('青溪街道', null), '青溪街道');
    assert.equal(senderText(null, null), '—');
  });
  test('rows', () => {
    const rows = receiptRows(RECEIPTS);
    assert.deepEqual(rows.map((r) => [r.sender, r.sequence, r.outcome, r.outcomeLabel, r.reason]), [
      ['青溪街道（320115101000）', '第 3 次', 'accepted', '已接收', ''],
      ['秣陵街道（320115102000）', '第 2 次', 'already_held', '已收到过', ''],
      ['—', '—', 'refused', '拒收', '校验值不符'],
      ['320200101000', '第 1 次', 'refused', '拒收', '不是本单位的直接下级'],
    ]);
    assert.equal(rows[0].message, '已接收“青溪街道”的第 3 次导出。');
    assert.equal(rows[2].path, '/in/c.zip');
  });
  test('a refusal does not name its file again: the row names it', () => {
    const [own, other] = receiptRows([
      { fileName: '坏文件.zip', outcome: 'refused', reason: 'not_package', message: '文件“坏文件.zip”：这不是基层治理台账的交换文件' },
      { fileName: 'a.zip', outcome: 'refused', reason: 'bad_below', message: '文件“b.zip”：已损坏' },
    ]);
    assert.equal(own.message, '这不是基层治理台账的交换文件');
    assert.equal(other.message, '文件“b.zip”：已损坏', 'another file named in the message stays named');
  });
  test('an unknown outcome is shown as refused, never as accepted', () => {
    assert.equal(receiptRows([{ outcome: 'weird' }])[0].outcome, 'refused');
    assert.equal(receiveSummary([{ outcome: 'weird' }]).refused, 1);
  });
  test('names stay literal text', () => {
    const rows = receiptRows([{ fileName: '<img src=x>.zip', senderName: '<b>x</b>', senderCode: '1', outcome: 'accepted' }]);
    assert.equal(rows[0].fileName, '<img src=x>.zip');
    assert.equal(rows[0].sender, '<b>x</b>（1）');
  });
});

describe('receive progress', () => {
  const cases = [
    [{ done: 0, total: 0 }, '已处理 0 / ?'],
    [{ done: 2, total: 10, fileName: '青溪街道.zip' }, '已处理 2 / 10 · 正在检查 青溪街道.zip'],
    [{ done: 4, total: 4, fileName: '' }, '已处理 4 / 4'],
    [{ done: 10, total: 10, fileName: '最后.zip' }, '已处理 10 / 10'],
    [{ done: 3, total: 10 }, '已处理 3 / 10'],
    [null, '已处理 0 / ?'],
  ];
  for (const [p, want] of cases) test(JSON.stringify(p), () => assert.equal(receiveProgressText(p), want));
});

describe('attachmentsChoice', () => {
  test('is hidden when the records refer to no evidence files', async () => {
    const { attachmentsChoice } = await import('../../ui/js/logic/exchange.js');
    assert.equal(attachmentsChoice({ attachments: 0 }).show, false);
    assert.equal(attachmentsChoice(null).show, false);
  });
  test('offers the files with their count and size', async () => {
    const { attachmentsChoice } = await import('../../ui/js/logic/exchange.js');
    const c = attachmentsChoice({ attachments: 3, attachmentsBytes: 2_500_000, attachmentsMissing: 0 });
    assert.equal(c.show, true);
    assert.equal(c.disabled, false);
    assert.match(c.label, /3 个文件/);
    assert.match(c.label, /约 2\.\d+ MB/);
  });
  test('is disabled and says why when a file is missing', async () => {
    const { attachmentsChoice } = await import('../../ui/js/logic/exchange.js');
    const c = attachmentsChoice({ attachments: 2, attachmentsBytes: 10, attachmentsMissing: 1 });
    assert.equal(c.disabled, true);
    assert.match(c.note, /1 个佐证材料的文件在附件文件夹中找不到/);
  });
});

test('a county or city ledger screen says it is its own ledger, and where the offices below are', async () => {
  const { ownLedgerText } = await import('../../ui/js/logic/exchange.js');
  assert.equal(ownLedgerText('township', 'people', '青溪街道'), '');
  assert.equal(ownLedgerText('county', 'report', '江宁区'), '');
  assert.equal(ownLedgerText('county', 'people', '江宁区'),
    '这里是江宁区自己的台账。乡镇/街道报送的记录不在这里：请在“统计”中点击不为 0 的数查看明细，明细可导出 Excel。');
  // 诉求 points to 下级报送, which lists the demands sent up to this level (probe AG).
  assert.equal(ownLedgerText('city', 'demands', '南京市'),
    '这里是南京市自己的诉求；县/区报送的应由本级办理的诉求在“下级报送”里，其余报送的记录请在“统计”中点击不为 0 的数查看明细，明细可导出 Excel。');
  assert.ok(ownLedgerText('county', 'jianfu', '江宁区').includes('乡镇/街道报送的记录不在这里'));
  // 月调度: a county or city reports its own progress on the task list too; 下级进展
  // lists each office below's progress from its file.
  assert.equal(ownLedgerText('city', 'tasks', '南京市'),
    '这里的任务清单和本月进展是南京市自己的台账；县/区报送的月调度进展在“下级进展”里，按任务逐项列出各单位的状态。');
  // 联系点 points to 覆盖, which lists each office below's coverage (probe AA).
  assert.equal(ownLedgerText('county', 'contacts', '江宁区'),
    '这里的领导、联系点和走访是江宁区自己的台账；乡镇/街道报送的联系覆盖情况在“覆盖”里，其余报送的记录请在“统计”中点击不为 0 的数查看明细，明细可导出 Excel。');
  // 考核 says which of its records are its own (probe O: 检查 0 / 0 at a county).
  assert.ok(ownLedgerText('county', 'assessment', '江宁区').startsWith('这里的检查、抽查、问卷、电话回访和整改是江宁区自己的记录'));
});
