import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { exportListInfo } from '../../ui/js/logic/importing.js';
import { exportHintLines, scopeNote } from '../../ui/js/views/excel-tools.js';
import {
  importKindInfo, previewSummaryText, commitButtonText, canCommit, problemRows, progressText, checkingText, importSummaryText,
} from '../../ui/js/logic/importing.js';

const PREVIEW = {
  kind: 'people', fileName: '网格员.xlsx', totalRows: 12, validRows: 9, toCreate: 7, toUpdate: 2,
  rejectedRows: 3, emptyRows: 1, ignoredColumns: ['序号', '籍贯'],
  problems: [
    { row: 8, column: '手机号码', message: '手机号码不正确' },
    { row: 3, column: '身份证号码', message: '校验位不正确' },
    { row: 8, column: '', message: '与第 3 行重复' },
    { row: 3, column: '性别', message: '性别与身份证不符' },
  ],
};

describe('preview summary', () => {
  test('every part', () => {
    assert.equal(previewSummaryText(PREVIEW), '共 12 行，可导入 9 行：新增 7，更新 2；有错误 3 行；空行 1 行；忽略的列：序号、籍贯。');
    // A flat 网格划分表: the file's rows, then the units they spread to.
    assert.equal(previewSummaryText({ ...PREVIEW, fileRows: 5, totalRows: 10, validRows: 9, toCreate: 9, toUpdate: 0, rejectedRows: 1, emptyRows: 0, ignoredColumns: [] }),
      '共 5 行（按层级展开为 10 个单位），可导入 9 个：新增 9，更新 0；有错误 1 个。');
    assert.equal(commitButtonText({ fileRows: 5, validRows: 9 }), '导入可导入的 9 个单位');
    // Rows left out unless ticked are said beside the count the button lowers.
    assert.match(previewSummaryText({ validRows: 3, totalRows: 3, toUpdate: 3, staleRows: [{ row: 2, record: '人员“王建国”', changedAt: '' }] }),
      /^共 3 行，可导入 3 行（其中 1 行默认不导入，见下）：/);
    // A list exported and imported back: the updates that change nothing are said so.
    assert.equal(previewSummaryText({ ...PREVIEW, toCreate: 0, toUpdate: 22, unchanged: 22, validRows: 22, totalRows: 22, rejectedRows: 0, emptyRows: 0, ignoredColumns: [] }),
      '共 22 行，可导入 22 行：新增 0，更新 0，与已有记录相同 22。导入后不会改变任何数据。');
    // Rows repeating an earlier one are no errors (probe W: they read 有错误 10 行).
    assert.equal(previewSummaryText({ ...PREVIEW, totalRows: 15, repeatedRows: 3, emptyRows: 0, ignoredColumns: [] }),
      '共 15 行，可导入 9 行：新增 7，更新 2；有错误 3 行；与前面的行完全相同 3 行（只导入一次）。');
    // Some of them change something: only the count.
    assert.equal(previewSummaryText({ ...PREVIEW, toCreate: 0, toUpdate: 22, unchanged: 21, validRows: 22, totalRows: 22, rejectedRows: 0, emptyRows: 0, ignoredColumns: [] }),
      '共 22 行，可导入 22 行：新增 0，更新 1，与已有记录相同 21。');
  });
  test('zero errors, empty rows and ignored columns are left out', () => {
    assert.equal(previewSummaryText({ ...PREVIEW, rejectedRows: 0, emptyRows: 0, ignoredColumns: [] }),
      '共 12 行，可导入 9 行：新增 7，更新 2。');
  });
  test('nothing importable', () => {
    const p = { totalRows: 4, validRows: 0, toCreate: 0, toUpdate: 0, rejectedRows: 4, emptyRows: 0, ignoredColumns: [' '] };
    assert.equal(previewSummaryText(p), '共 4 行，可导入 0 行：新增 0，更新 0；有错误 4 行。');
    assert.equal(canCommit(p), false);
    assert.equal(commitButtonText(p), '导入可导入的 0 行');
  });
  test('missing preview', () => assert.equal(previewSummaryText(null), '共 0 行，可导入 0 行：新增 0，更新 0。'));
  test('commit button', () => {
    assert.equal(commitButtonText(PREVIEW), '导入可导入的 9 行');
    assert.equal(canCommit(PREVIEW), true);
    // A list imported back as it was: the button does not promise a change.
    assert.equal(commitButtonText({ ...PREVIEW, toCreate: 0, toUpdate: 9, unchanged: 9 }), '仍然导入 9 行');
  });
});

describe('problemRows', () => {
  test('in row order, stable inside a row, 整行 for whole-row problems', () => {
    assert.deepEqual(problemRows(PREVIEW), [
      { row: 3, column: '身份证号码', message: '校验位不正确' },
      { row: 3, column: '性别', message: '性别与身份证不符' },
      { row: 8, column: '手机号码', message: '手机号码不正确' },
      { row: 8, column: '整行', message: '与第 3 行重复' },
    ]);
  });
  test('every problem is kept (no truncation)', () => {
    const many = { problems: Array.from({ length: 500 }, (_, i) => ({ row: i + 2, column: 'x', message: 'm' })) };
    assert.equal(problemRows(many).length, 500);
  });
  test('no problems', () => assert.deepEqual(problemRows({}), []));
});

test('progress text', () => {
  assert.equal(progressText(40, 120), '已处理 40 / 120');
  assert.equal(progressText(undefined, undefined), '已处理 0 / 0');
  // Before the first row is written, the line says what is happening.
  assert.equal(checkingText(19999), '正在读取并再次检查文件里的 19999 行，检查完后开始写入…');
});

describe('import summary', () => {
  test('the rows the same as their records are said apart from the updated ones', () => {
    assert.equal(importSummaryText({ kind: 'people', created: 5, updated: 2, unchanged: 1, rejected: 2 }),
      '新增 5 人，更新 2 人，1 人与已有记录相同，2 行有错误未导入');
  });
  test('no unchanged, no errors', () => {
    assert.equal(importSummaryText({ kind: 'people', created: 5, updated: 2, unchanged: 0, rejected: 0 }),
      '新增 5 人，更新 2 人，没有错误行');
  });
  test('an unknown kind counts 条', () => {
    assert.equal(importSummaryText({ kind: 'things', created: 1, updated: 0, unchanged: 0, rejected: 1 }),
      '新增 1 条，更新 0 条，1 行有错误未导入');
  });
  test('kind info', () => {
    assert.deepEqual({ ...importKindInfo('people') },
      { label: '人员', unit: '人', templateName: '人员导入模板.xlsx', example: '网格员名单.xlsx' });
    assert.deepEqual({ ...importKindInfo('expected-offices') },
      { label: '应报单位名单', unit: '个', templateName: '应报单位名单导入模板.xlsx', example: '应报单位名单.xlsx' });
    assert.equal(importKindInfo('things').example, '名单.xlsx');
  });
  test('every 党建 / 共建 kind (CLI names) has a label, a unit and a template name', () => {
    const kinds = ['party-branches', 'committees', 'committee-members', 'joint-meetings', 'partner-units', 'projects'];
    for (const k of kinds) {
      const info = importKindInfo(k);
      assert.match(info.label, /[\u4e00-\u9fff]/, k);
      assert.match(info.templateName, /导入模板\.xlsx$/, k);
      assert.notEqual(info.unit, '条', k);
    }
    assert.equal(importKindInfo('projects').label, '共建项目');
    assert.equal(importSummaryText({ kind: 'committee-members', created: 7, updated: 1, unchanged: 0, rejected: 0 }),
      '新增 7 人，更新 1 人，没有错误行');
    assert.equal(importSummaryText({ kind: 'party-branches', created: 3, updated: 0, unchanged: 0, rejected: 1 }),
      '新增 3 条三亮记录，更新 0 条三亮记录，1 行有错误未导入', 'records of compounds that stand already, not new 小区');
  });
  test('the expected-office list counts 个', () => {
    assert.equal(importSummaryText({ kind: 'expected-offices', created: 18, updated: 2, unchanged: 2, rejected: 0 }),
      '新增 18 个，更新 2 个，2 个与已有记录相同，没有错误行');
  });
});

describe('export lists (the core\'s words, from the catalog)', () => {
  test('a list offers its ledger\'s file name, names its columns with the masked ones marked, and the dates a period reads', () => {
    const partners = exportListInfo('partner-units');
    assert.equal(partners.fileName, '共建单位台账.xlsx');
    assert.match(partners.hint, /^导出的共建单位有这些列：序号、单位名称、单位类型、联系人、联系电话（打码）、结对村\/社区、备注。/);
    assert.equal(partners.periodBy, '');
    assert.equal(exportListInfo('projects').periodBy, '计划开始、实际开始或实际完成');
    assert.match(exportListInfo('callbacks').hint, /诉求里记录的回访不在其中/);
  });

  test('a list the catalog does not know is offered as 导出.xlsx, with nothing promised', () => {
    assert.deepEqual(exportListInfo('planets'), { fileName: '导出.xlsx', hint: '', parts: null, periodBy: '' });
  });

  test('the dialog\'s lines: the period with the dates it reads, what the file holds, what it leaves out', () => {
    const p = { text: '2026Q4', label: '2026年第四季度' };
    assert.deepEqual(exportHintLines({ hint: 'H', periodBy: '受理日期' }, p, 'N'), [
      '期间：2026年第四季度，只导出受理日期在这一期间的记录（表头写明期间）。', 'HN', '只按期间挑选，不看列表上其他的筛选和搜索。',
    ]);
    assert.equal(exportHintLines({ hint: 'H', periodBy: '' }, p)[0], '期间：2026年第四季度，只导出这一期间的记录（表头写明期间）。');
    assert.deepEqual(exportHintLines({ hint: 'H', periodBy: '受理日期' }, { text: '', label: '全部' }), ['H', '全部记录都导出，不只是当前列出的。']);
  });

  test('the hint ends saying the screen\'s other filters do not apply (the export takes only the period)', () => {
    assert.equal(scopeNote({ text: '', label: '全部' }), '全部记录都导出，不只是当前列出的。');
    assert.equal(scopeNote({ text: '2026Q4', label: '2026年第四季度' }), '只按期间挑选，不看列表上其他的筛选和搜索。');
  });
});
