// The 组织架构 screen's Excel buttons: export, import and template of the `units` kind.
import './catalog.mjs';
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDocument, byId } from './fake-dom.mjs';
import { importKindInfo, importSummaryText } from '../../ui/js/logic/importing.js';

describe('组织架构 Excel buttons', () => {
  let restore;
  before(() => { restore = installFakeDocument(); });
  after(() => restore());

  test('export, import and template of the units kind', async () => {
    const { hierarchyExcelTools } = await import('../../ui/js/views/hierarchy/excel.js');
    const row = hierarchyExcelTools({ api: {}, toast: () => {}, onError: () => {}, onImported: () => {} });
    const exp = byId(row, 'units-export');
    const imp = byId(row, 'units-import');
    const tpl = byId(row, 'units-template');
    assert.ok(exp && imp && tpl, 'the three buttons');
    assert.equal(exp.textContent, '导出Excel');
    assert.equal(imp.textContent, '导入组织架构或网格划分表', 'a flat 网格划分表 goes in here too');
    assert.equal(imp.getAttribute('data-import-kind'), 'units');
    assert.equal(tpl.getAttribute('data-template-kind'), 'units');
    assert.ok(exp.listeners.click?.length && imp.listeners.click?.length && tpl.listeners.click?.length);
    // A list of base grids alone (no 层级 column) has its own import.
    const grids = byId(row, 'units-import-grids');
    assert.equal(grids.textContent, '导入基础网格名单');
    assert.equal(grids.getAttribute('data-import-kind'), 'grids');
    assert.equal(byId(row, 'units-template-grids').getAttribute('data-template-kind'), 'grids');
    // So has a list of communities alone (probe W: refused for its missing 层级).
    const villages = byId(row, 'units-import-villages');
    assert.equal(villages.textContent, '导入村/社区名单');
    assert.equal(villages.getAttribute('data-import-kind'), 'villages');
  });

  test('the hierarchy kinds have labels and count units', () => {
    assert.equal(importKindInfo('units').label, '组织架构');
    assert.equal(importKindInfo('units').templateName, '组织架构导入模板.xlsx');
    for (const k of ['villages', 'compounds', 'grids', 'micro-grids']) {
      assert.notEqual(importKindInfo(k).unit, '条', k);
    }
    assert.match(importSummaryText({ kind: 'units', created: 12, updated: 0, unchanged: 0, rejected: 2 }), /12/);
    assert.match(importSummaryText({ kind: 'leaders', created: 5, updated: 0, rejected: 0, repeated: 10 }),
      /，没有错误行，10 行与前面的行完全相同，只导入一次$/);
  });
});

describe('notes of an import (suggested codes)', () => {
  test('one per line, capped, empty when none', async () => {
    const { notesText } = await import('../../ui/js/logic/importing.js');
    assert.equal(notesText({}), '');
    assert.equal(notesText({ notes: [] }), '');
    assert.equal(
      notesText({ notes: ['第 3 行：村“杨柳村”未填编码，已编为 320115101002。', '第 5 行：小区“翠竹苑”未填编码，已编为 320115101001XQ02。'] }),
      '第 3 行：村“杨柳村”未填编码，已编为 320115101002。\n第 5 行：小区“翠竹苑”未填编码，已编为 320115101001XQ02。',
    );
    const many = { notes: Array.from({ length: 505 }, (_, i) => `n${i}`) };
    const lines = notesText(many).split('\n');
    assert.equal(lines.length, 501);
    assert.equal(lines[500], '……另有 5 条未列出');
    // Every note of a file of a few hundred units is listed (the box scrolls).
    assert.equal(notesText({ notes: many.notes.slice(0, 125) }).split('\n').length, 125);
    // A summary keeps 200 notes and counts the rest: they are said too.
    const kept = { notes: many.notes.slice(0, 200), notesLeftOut: 99800 };
    assert.equal(notesText(kept).split('\n')[200], '……另有 99800 条未列出');
    assert.equal(notesText({ notes: ['a'], notesLeftOut: 0 }), 'a');
  });
});

test('near rows: each with its note, left out unless taken; the button counts what goes in', async () => {
  const { nearRowChoices, leftOutRows, commitButtonText, canCommit } = await import('../../ui/js/logic/importing.js');
  const p = { validRows: 3, notes: ['第 2 行：将新增一条联席会议；…', '第 3 行：别的'], nearRows: [2, 2, 3] };
  assert.deepEqual(nearRowChoices(p), [{ row: 2, note: '将新增一条联席会议；…' }, { row: 3, note: '别的' }]);
  assert.deepEqual(leftOutRows(p, new Set([3])), [2]);
  // An older list's rows too, as the core names them.
  const { staleRowChoices } = await import('../../ui/js/logic/importing.js');
  const q = { ...p, staleRows: [{ row: 5, record: '人员“王建国”', changedAt: '2026-11-16T02:00:00Z' }] };
  assert.deepEqual(staleRowChoices(q), [{ row: 5, record: '人员“王建国”', changedAt: '2026-11-16 10:00' }]);
  assert.deepEqual(leftOutRows(q, new Set([3])), [2, 5]);
  assert.deepEqual(staleRowChoices({}), []);
  // What an older list's row would do is said as left out unless ticked (probe S).
  const { notesBesideNear } = await import('../../ui/js/logic/importing.js');
  const r = notesBesideNear({ ...q, nearRows: [], notes: ['第 5 行：会给“王建国”调岗', '第 6 行：别的'] });
  assert.deepEqual(r.notes, ['第 5 行：会给“王建国”调岗（这一行默认不导入，见下方“可能是以前的名单”）', '第 6 行：别的']);
  const { noProblemsText } = await import('../../ui/js/logic/importing.js');
  assert.equal(noProblemsText({ ...q, nearRows: [], notes: [], validRows: 3, totalRows: 3 }), '没有错误行；其中 1 行默认不导入（见下方），其余都可以导入。');
  assert.equal(commitButtonText(p, [2]), '导入可导入的 2 行');
  assert.equal(canCommit({ validRows: 1 }, [2]), false);
  assert.deepEqual(nearRowChoices({}), []);
});

test('no refused row: the line under the check points to its notes, or says no problems', async () => {
  const { noProblemsText } = await import('../../ui/js/logic/importing.js');
  assert.equal(noProblemsText({ notes: [] }), '没有发现问题。');
  assert.equal(noProblemsText({}), '没有发现问题。');
  assert.match(noProblemsText({ totalRows: 0, notes: [] }), /^文件里只有表头，没有要导入的数据行/);
  assert.equal(
    noProblemsText({ notes: ['第 2 行：将新增一条联席会议；已有一条只有“会议日期”不同的联席会议', ' '] }),
    '每一行都可以导入。请先看上面的 1 条提示，确认无误再导入。',
  );
});
