// The 组织架构 screen's Excel buttons: export, import and template of the `units` kind.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDocument } from './fake-dom.mjs';
import { importKindInfo, importSummaryText } from '../js/logic/importing.js';

function find(el, pred) {
  if (el?.nodeType !== 1) return null;
  if (pred(el)) return el;
  for (const c of el.childNodes) {
    const f = find(c, pred);
    if (f) return f;
  }
  return null;
}
const byId = (root, id) => find(root, (e) => e.getAttribute('id') === id);

describe('组织架构 Excel buttons', () => {
  let restore;
  before(() => { restore = installFakeDocument(); });
  after(() => restore());

  test('export, import and template of the units kind', async () => {
    const { hierarchyExcelTools } = await import('../js/views/hierarchy.js');
    const row = hierarchyExcelTools({ api: {}, toast: () => {}, onError: () => {}, onImported: () => {} });
    const exp = byId(row, 'units-export');
    const imp = byId(row, 'units-import');
    const tpl = byId(row, 'units-template');
    assert.ok(exp && imp && tpl, 'the three buttons');
    assert.equal(exp.textContent, '导出Excel');
    assert.equal(imp.textContent, '从Excel导入组织架构');
    assert.equal(imp.getAttribute('data-import-kind'), 'units');
    assert.equal(tpl.getAttribute('data-template-kind'), 'units');
    assert.ok(exp.listeners.click?.length && imp.listeners.click?.length && tpl.listeners.click?.length);
  });

  test('the hierarchy kinds have labels and count units', () => {
    assert.equal(importKindInfo('units').label, '组织架构');
    assert.equal(importKindInfo('units').templateName, '组织架构导入模板.xlsx');
    for (const k of ['villages', 'compounds', 'grids', 'micro-grids']) {
      assert.notEqual(importKindInfo(k).unit, '条', k);
    }
    assert.match(importSummaryText({ kind: 'units', created: 12, updated: 0, unchanged: 0, rejected: 2 }), /12/);
  });
});
