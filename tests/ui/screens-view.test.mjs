// The remaining screens and dialogs mounted in the fake DOM with a fake api:
// 首次设置, 回收站, 变更记录, 设置, 统计, 首页, 上报 / 接收与上报, 报送情况 and the
// import / export / template dialogs. The ids the end-to-end tests select and the texts
// the clerk reads are checked where they are shown, not by grepping the view sources.
import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, textOf, settle, fakeApi, newHost, viewCtx, missingIds, domPerTest, submitFormWith, clickAndConfirm } from './dom-env.mjs';
import { mountSetup } from '../../ui/js/views/setup.js';
import { mountRecycle } from '../../ui/js/views/recycle.js';
import { mountChangelog } from '../../ui/js/views/changelog.js';
import { mountSettings } from '../../ui/js/views/settings.js';
import { mountReport } from '../../ui/js/views/report.js';
import { mountDashboard } from '../../ui/js/views/dashboard.js';
import { mountExchange } from '../../ui/js/views/exchange.js';
import { mountSenders } from '../../ui/js/views/senders/index.js';
import { openImportDialog } from '../../ui/js/views/import.js';
import { openExportDialog, openTemplateDialog } from '../../ui/js/views/export.js';

const OFFICE = { level: 'township', code: '320115101000', name: '青溪街道' };

/** A fake api: the methods in `impl`, list… answering [], on… an unsubscribe; every call is recorded. */
const api = (impl = {}) => fakeApi(impl, [[/^list/, () => []], [/^on[A-Z]/, () => () => {}]]);

let host;
const ctx = (a, extra = {}) => viewCtx(a, [], { office: OFFICE, navigate() {}, ...extra });
const missing = missingIds;
const seesAll = (texts) => texts.filter((t) => !textOf(document.body).includes(t));

describe('the other screens', () => {
  domPerTest(() => { host = newHost(); });

  test('首次设置: the form, its error slots and 保存并开始 sending the office', async () => {
    const done = [];
    const a = api({ setupOffice: async (input) => ({ ...input }) });
    mountSetup(host, { ...ctx(a), onDone: (x) => done.push(x) });
    assert.deepEqual(missing(['setup-level', 'setup-code', 'setup-name', 'setup-submit']), []);
    assert.ok(host.querySelector('[data-error-for="code"]'));
    assert.deepEqual(seesAll(['欢迎使用基层治理台账', '请设置本机服务的单位。设置后，本机录入的每条记录都归属该单位。',
      '12位数字，如 320115101000', '保存并开始', '层级', '统计用区划代码', '单位名称']), []);
    await dispatch(host.querySelector('#setup-form'), 'submit');
    await settle();
    assert.equal(a.calls.filter(([n]) => n === 'setupOffice').length, 0, 'nothing sent without a code');
    await submitFormWith(host, 'setup', { code: '320115101000', name: '青溪街道' });
    assert.equal(a.calls.filter(([n]) => n === 'setupOffice').length, 1);
    // 操作人 may be left empty: nothing more is sent.
    assert.equal(a.calls.filter(([n]) => n === 'setOperator').length, 0);
  });

  // Asked at the start, 变更记录 names who (probe AM: 本机 until found in 设置).
  test('首次设置 with 操作人 sets it after the office', async () => {
    const a = api({ setupOffice: async (input) => ({ ...input }), setOperator: async (name) => name });
    mountSetup(host, { ...ctx(a), onDone() {} });
    assert.match(textOf(host.querySelector('#setup-operator-hint')), /写入“变更记录”和“回收站”；可不填/);
    await submitFormWith(host, 'setup', { code: '320115101000', name: '青溪街道', operator: ' 李娜 ' });
    assert.deepEqual(a.calls.map(([n, x]) => [n, n === 'setOperator' ? x : undefined]).filter(([n]) => n !== 'setupOffice'),
      [['setOperator', '李娜']]);
  });

  test('首次设置 on a new PC: 从备份文件恢复 restores the chosen file and goes on; cancelling does nothing', async () => {
    const restored = [];
    let chosen = null;
    const a = api({
      chooseOpenFile: async () => chosen,
      inspectBackup: async () => ({ officeName: '青溪街道', officeCode: '320115101000', takenAt: '2026-12-05T00:30:00Z' }),
      restoreBackup: async (fileName) => ({ safetyBackup: { fileName: 'x.db' }, missingFiles: 0, restoredFrom: fileName }),
    });
    mountSetup(host, { ...ctx(a), onRestored: (r) => restored.push(r) });
    assert.deepEqual(seesAll(['换了电脑？', '从备份文件恢复…']), []);
    await dispatch(host.querySelector('#setup-restore'), 'click');
    await settle();
    assert.equal(a.calls.filter(([n]) => n === 'restoreBackup').length, 0, 'cancelled: nothing restored');
    chosen = 'E:\\旧电脑备份.db';
    // Asked first, naming whose backup it is and as of when.
    await clickAndConfirm(host.querySelector('#setup-restore'), (dlg) => {
      assert.equal(textOf(dlg.querySelector('#confirm-message')),
        '这是“青溪街道”（320115101000）的备份，数据截至 2026-12-05 08:30。恢复后本机就是这个单位的台账。确定恢复吗？');
    });
    assert.deepEqual(a.calls.find(([n]) => n === 'chooseOpenFile').slice(1), ['选择备份文件', 'backup']);
    assert.deepEqual(a.calls.filter(([n]) => n === 'restoreBackup').map(([, f]) => f), [chosen]);
    assert.equal(restored.length, 1);
    // A refusal is shown, and the form stays usable.
    const alerts = [];
    host.replaceChildren();
    const refusing = api({ chooseOpenFile: async () => '/u/说明.db',
      inspectBackup: async () => { throw { kind: 'refused', message: '备份“说明.db”不能使用：文件已损坏。' }; } });
    mountSetup(host, { ...viewCtx(refusing, [], { office: OFFICE, alert: (m) => alerts.push(m) }), onRestored: () => assert.fail('not restored') });
    await dispatch(host.querySelector('#setup-restore'), 'click');
    await settle();
    assert.deepEqual(alerts, ['备份“说明.db”不能使用：文件已损坏。']);
    assert.equal(host.querySelector('#setup-restore').disabled, false);
  });

  test('回收站 and 变更记录: their tables and paging', async () => {
    const a = api({
      listRecycleBin: async () => [{ table: 'people', id: 'p1', summary: '王网格', deletedAt: '2026-03-01T02:00:00Z', actor: '管理员' }],
      listChangeLog: async () => [{
        id: 1, at: '2026-03-01T02:00:00Z', actor: '本机', op: 'create', tableName: 'people', recordId: 'p1', after: { name: '王网格' },
      }],
    });
    mountRecycle(host, ctx(a));
    await settle();
    assert.deepEqual(seesAll(['类型', '摘要', '删除时间', '操作人', '恢复']), []);
    host.replaceChildren();
    mountRecycle(host, ctx(api()));
    await settle();
    assert.ok(textOf(host).includes('回收站是空的'));
    host.replaceChildren();
    mountChangelog(host, ctx(a));
    await settle();
    assert.deepEqual(seesAll(['时间', '操作人', '操作', '记录摘要', '详情', '上一页', '下一页']), []);
    assert.deepEqual(a.calls.find(([n]) => n === 'listChangeLog').slice(1), [{ limit: 50, offset: 0, table: '', text: '' }], '50 rows a page, from the newest');
    assert.ok(textOf(host).includes('王网格'));
    // 类型: one kind's changes, from the first page.
    const kind = host.querySelector('#changelog-kind');
    assert.ok([...kind.options].some((o) => o.value === 'people'), 'every kind the catalog names');
    kind.value = 'people';
    await dispatch(kind, 'change');
    await settle();
    assert.deepEqual(a.calls.filter(([n]) => n === 'listChangeLog').at(-1).slice(1), [{ limit: 50, offset: 0, table: 'people', text: '' }]);
    // A 类型 chosen while a page is still loading is asked for when that page is in.
    host.replaceChildren();
    let release;
    const slow = api({ listChangeLog: (q) => (q.table ? Promise.resolve([]) : new Promise((r) => { release = () => r([]); })) });
    mountChangelog(host, ctx(slow));
    const k = host.querySelector('#changelog-kind');
    k.value = 'people';
    await dispatch(k, 'change');
    release();
    await settle();
    assert.deepEqual(slow.calls.filter(([n]) => n === 'listChangeLog').map(([, q]) => q.table), ['', 'people']);
  });

  test('设置: the office, the files, 立即备份 and 数据检查', async () => {
    const a = api({ listBackups: async () => [] });
    mountSettings(host, { ...ctx(a), status: { office: OFFICE, dbPath: 'D:\\台账\\data.db', backupDir: 'D:\\台账\\备份' }, onDataReplaced() {} });
    await settle();
    assert.deepEqual(missing(['backup-now', 'check-db', 'db-path', 'backup-dir']), []);
    assert.deepEqual(seesAll(['本单位', '数据库文件', '备份文件夹', '立即备份', '数据检查']), []);
  });

  test('设置 backups: why one was taken beside its name, 立即备份 says when', async () => {
    const backups = [
      { fileName: 'gridledger-320115101000-ab12-20261205T000829Z-before-restore.db', path: '/b/1.db', takenAt: '2026-12-05T00:08:29Z',
        sizeBytes: 2048, officeCode: '320115101000', officeName: '青溪街道', sameDatabase: true, occasion: '恢复前自动备份' },
      { fileName: 'gridledger-320115101000-ab12-20261205T000825Z.db', path: '/b/2.db', takenAt: '2026-12-05T00:08:25Z',
        sizeBytes: 2048, officeCode: '320115101000', officeName: '青溪街道', sameDatabase: true, occasion: '' },
      // Cut short when copied: said so, not offered as another database's (probe AB).
      { fileName: 'gridledger-320115101000-ab12-20261204T000825Z.db', path: '/b/3.db', takenAt: '2026-12-04T00:08:25Z',
        sizeBytes: 1024, officeCode: '', officeName: '', sameDatabase: false, occasion: '', damaged: true },
    ];
    const toasts = [];
    const a = api({ listBackups: async () => backups, backupNow: async () => ({ ...backups[1], takenAt: '2026-12-05T00:30:00Z' }) });
    mountSettings(host, { ...viewCtx(a, toasts, { office: OFFICE }), status: { office: OFFICE, dbPath: 'D:\\台账\\data.db' }, onDataReplaced() {} });
    await settle();
    const rows = [...host.querySelectorAll('#backup-table tbody tr')];
    assert.match(textOf(rows[0]), /恢复前自动备份/);
    assert.doesNotMatch(textOf(rows[1]), /自动备份/);
    assert.match(textOf(rows[2]), /已损坏/);
    assert.doesNotMatch(textOf(rows[2]), /其他数据库/);
    assert.equal(rows[2].querySelector('button').disabled, true);
    assert.equal(rows[1].querySelector('button').disabled, false);
    await dispatch(host.querySelector('#backup-now'), 'click');
    await settle();
    assert.ok(toasts.some((t) => /^已备份（2026-12-05 08:30）$/.test(t)), JSON.stringify(toasts));
  });

  test('设置 操作人: saved, said, and a refusal shown under it (probe AB: every change read 本机)', async () => {
    const toasts = [];
    const a = api({
      listBackups: async () => [],
      setOperator: async (name) => {
        if (name.length > 20) throw Object.assign(new Error('操作人的名字最多 20 个字'), { kind: 'validation', field: 'operator', message: '操作人的名字最多 20 个字' });
        return name.trim() || '本机';
      },
    });
    const status = { office: OFFICE, dbPath: '/d/data.db', operator: '' };
    mountSettings(host, { ...viewCtx(a, toasts, { office: OFFICE }), status, onDataReplaced() {} });
    await settle();
    const input = host.querySelector('#settings-operator');
    assert.equal(input.value, '');
    input.value = '党建办李娜';
    await dispatch(host.querySelector('#settings-operator-save'), 'click');
    await settle();
    assert.deepEqual(a.calls.find(([n]) => n === 'setOperator').slice(1), ['党建办李娜']);
    assert.ok(toasts.includes('以后的修改记为“党建办李娜”操作'), JSON.stringify(toasts));
    assert.equal(status.operator, '党建办李娜');
    input.value = '李'.repeat(21);
    await dispatch(host.querySelector('#settings-operator-save'), 'click');
    await settle();
    assert.equal(textOf(host.querySelector('#settings-operator-error')), '操作人的名字最多 20 个字');
  });

  test('设置 恢复: the files a restore left on the old PC are said, and stay on screen', async () => {
    const backups = [
      { fileName: 'gridledger-320115101000-ab12-20261205T000825Z.db', path: '/b/2.db', takenAt: '2026-12-05T00:08:25Z',
        sizeBytes: 2048, officeCode: '320115101000', officeName: '青溪街道', sameDatabase: true, occasion: '' },
    ];
    const advice = '有 2 个附件（照片、会议纪要等）的文件不在本机……';
    const a = api({
      listBackups: async () => backups,
      restoreBackup: async () => ({ safetyBackup: { fileName: 'before.db' }, missingFiles: 2, missingAdvice: advice }),
      // Newest first: two changes after the backup, one before it.
      listChangeLog: async () => [
        { at: '2026-12-05T00:25:00Z', op: 'restore_backup', tableName: 'database', after: { restoredFrom: 'x.db' } },
        { at: '2026-12-05T00:20:00Z', op: 'update', tableName: 'units', after: { name: '后村组第二网格' } },
        { at: '2026-12-05T00:10:00Z', op: 'create', tableName: 'units', after: { name: '新网格' } },
        { at: '2026-12-05T00:05:00Z', op: 'create', tableName: 'units', after: { name: '更早' } },
      ],
    });
    const replaced = [];
    mountSettings(host, {
      ...viewCtx(a, [], { office: OFFICE }), status: { office: OFFICE, dbPath: 'D:\\台账\\data.db' },
      onDataReplaced(message, warning) { replaced.push([message, warning]); },
    });
    await settle();
    let asked = '';
    await clickAndConfirm(host.querySelector('#backup-table tbody tr button'), (d) => { asked = textOf(d); });
    // What goes back, named (probe AM: a rename vanished unsaid), the time to the second.
    assert.match(asked, /恢复会用 2026-12-05 08:08:25 的备份/);
    assert.match(asked, /这个备份之后记下了 2 条修改，最近一条：2026-12-05 08:20 .*“后村组第二网格”。恢复后这些修改都会撤销。/);
    assert.deepEqual(replaced, [['已恢复到 2026-12-05 08:08:25 的备份。恢复前的数据已另存为 before.db', advice]]);
  });

  test('设置 从其他位置恢复: the chosen file is restored after asking, as a listed backup is', async () => {
    const a = api({
      listBackups: async () => [],
      chooseOpenFile: async () => '/media/u/旧电脑备份.db',
      inspectBackup: async () => ({ officeName: '青溪街道', takenAt: '2026-12-05T00:30:00Z' }),
      restoreBackup: async () => ({ safetyBackup: { fileName: 'before.db' }, missingFiles: 0 }),
    });
    const replaced = [];
    mountSettings(host, {
      ...viewCtx(a, [], { office: OFFICE }), status: { office: OFFICE, dbPath: '/d/data.db' },
      onDataReplaced(message) { replaced.push(message); },
    });
    await settle();
    assert.ok(textOf(host).includes('换了电脑，或备份存在U盘上'));
    await clickAndConfirm(host.querySelector('#restore-from-file'), (dlg) => {
      assert.match(textOf(dlg.querySelector('#confirm-message')), /^恢复会用 2026-12-05 08:30:00 的备份（青溪街道）替换当前数据/);
    });
    assert.deepEqual(a.calls.filter(([n]) => n === 'restoreBackup').map(([, f]) => f), ['/media/u/旧电脑备份.db']);
    assert.deepEqual(replaced, ['已恢复到 2026-12-05 08:30:00 的备份。恢复前的数据已另存为 before.db']);
  });

  const KEYS = [
    { key: 'grids.base', label: '基础网格', rule: 'stock' },
    { key: 'people.grid_workers', label: '在岗网格员', rule: 'stock' },
    { key: 'demands.received', label: '收到的诉求', rule: 'event' },
  ];
  const row = (scope, name, sanliang, figures, extra = {}) => ({
    scope, code: scope === 'own' ? '320115000000' : scope, name,
    figures, previous: figures, rates: { coverage: 50, sanliang, onTime: null, satisfaction: null }, ...extra,
  });
  const COUNTY_REPORT = {
    period: { period: '2026', kind: 'year', label: '2026年', from: '2026-01-01', to: '2026-12-31' },
    previous: { period: '2025', kind: 'year', label: '2025年', from: '2025-01-01', to: '2025-12-31' },
    keys: KEYS,
    rows: [
      row('320115101000', '青溪街道', 33.3, { 'grids.base': 3, 'people.grid_workers': 3, 'demands.received': 0 }),
      row('320115102000', '梧桐镇', 100, { 'grids.base': 4, 'people.grid_workers': 1, 'demands.received': 2 }),
    ],
    total: row('total', '合计', 60, { 'grids.base': 7, 'people.grid_workers': 4, 'demands.received': 2 }),
  };

  test('统计 at a county: a row per township, sorted by 三亮率 with 排名, the period, a drill-down to export', async () => {
    const drills = [];
    const exports = [];
    const a = api({
      report: async () => COUNTY_REPORT,
      reportDrill: async (scope, key, period) => {
        drills.push([scope, key, period]);
        return {
          scope, key, label: '在岗网格员', count: 1, codeLabel: '联系电话', period,
          rows: [{ id: 'p1', officeCode: scope, officeName: '梧桐镇', kind: 'person', code: '138****0011', name: '赵敏' }],
        };
      },
      exportDrillXlsx: async (args) => { exports.push(args); return null; },
    });
    const county = { level: 'county', code: '320115000000', name: '江宁区' };
    mountReport(host, ctx(a, { office: county }));
    await settle();
    assert.deepEqual(missing(['report-table', 'report-drill', 'report-path', 'report-choose', 'report-export', 'report-print',
      'report-print-title', 'report-period', 'report-period-kind-quarter', 'report-all-keys']), []);
    assert.deepEqual(seesAll(['导出Excel', '打印', '排名', '单位', '三亮率', '网格覆盖率', '合计', '本期 2026年']), []);
    assert.ok(!textOf(host).includes('grids.base'), 'no key on screen');
    assert.equal(host.querySelector('#report-table .unlisted'), null, 'every office on the list');
    assert.match(textOf(host.querySelector('#report-rates-note')), /满意率 = 满意和基本满意 \/ 满意度评价总数（问卷和电话回访合计/,
      'what each rate divides is said under the table');
    const names = () => [...host.querySelectorAll('#report-table tbody tr')].map((tr) => textOf(tr.querySelector('th')));
    const ranks = () => [...host.querySelectorAll('#report-table tbody td[data-col="rank"]')].map((td) => textOf(td));
    assert.deepEqual(names(), ['青溪街道', '梧桐镇'], 'by division code at first');
    assert.deepEqual(ranks(), ['—', '—']);
    await dispatch(host.querySelector('#report-table [data-sort="sanliang"]'), 'click');
    assert.deepEqual(names(), ['梧桐镇', '青溪街道'], 'by 三亮率, best first');
    assert.deepEqual(ranks(), ['1', '2']);
    assert.equal(host.querySelector('#report-table th[data-col="sanliang"]').getAttribute('aria-sort'), 'descending');
    await dispatch(host.querySelector('#report-table [data-sort="people.grid_workers"]'), 'click');
    assert.deepEqual(names(), ['青溪街道', '梧桐镇']);
    await dispatch(host.querySelector('#report-table [data-sort="people.grid_workers"]'), 'click');
    assert.deepEqual(names(), ['梧桐镇', '青溪街道'], 'a second click turns the order round');
    assert.deepEqual(ranks(), ['2', '1'], 'the rank stays the rank by value');
    // The period control reloads for the chosen quarter.
    const before = a.calls.filter(([m]) => m === 'report').length;
    await dispatch(host.querySelector('#report-period-kind-quarter'), 'click');
    await settle();
    const reports = a.calls.filter(([m]) => m === 'report');
    assert.equal(reports.length, before + 1);
    assert.match(String(reports.at(-1)[1]), /^\d{4}Q[1-4]$/);
    const cell = host.querySelector('#report-table tr[data-scope="320115102000"] [data-drill-key="people.grid_workers"]');
    assert.ok(cell, 'a number opens its records');
    await dispatch(cell, 'click');
    await settle();
    assert.equal(drills[0][0], '320115102000');
    assert.match(drills[0][2], /Q/);
    assert.deepEqual(missing(['report-drill-table', 'report-drill-close', 'report-drill-readonly', 'report-drill-export',
      'report-drill-path']), []);
    assert.equal(textOf(host.querySelector('#report-drill-code')), '联系电话', 'not 代码');
    host.querySelector('#report-drill-path').value = 'D:/明细.xlsx';
    await dispatch(host.querySelector('#report-drill-export'), 'click');
    await settle();
    assert.deepEqual(exports, [{ scope: '320115102000', key: 'people.grid_workers', period: drills[0][2], path: 'D:/明细.xlsx' }]);
    const all = host.querySelector('#report-all-keys');
    all.checked = true;
    await dispatch(all, 'change');
    // Back to 统计 later: the quarter and 全部统计项 chosen stay (probe AD: it went back to 年度).
    host.replaceChildren();
    mountReport(host, ctx(a, { office: county }));
    await settle();
    assert.equal(host.querySelector('#report-period-kind-quarter').getAttribute('aria-pressed'), 'true');
    assert.equal(host.querySelector('#report-all-keys').checked, true);
    assert.match(String(a.calls.filter(([m]) => m === 'report').at(-1)[1]), /^\d{4}Q[1-4]$/);
  });

  // A county reviewer typed 2026/01/01 至 2026/03/31 and exported 2026年12月; an end
  // before the start left the month before on screen, exportable.
  test('统计 with 自定义 dates: tidied as typed; dates that make no period show no figures and export nothing', async () => {
    const a = api({ report: async () => COUNTY_REPORT, exportReportXlsx: async () => null });
    mountReport(host, ctx(a, { office: { level: 'county', code: '320115000000', name: '江宁区' } }));
    await settle();
    await dispatch(host.querySelector('#report-period-kind-custom'), 'click');
    await settle();
    const from = host.querySelector('#report-period-from');
    const to = host.querySelector('#report-period-to');
    from.value = '2026/1/1';
    await dispatch(from, 'change');
    to.value = '2026年3月31日';
    await dispatch(to, 'change');
    await settle();
    assert.equal(from.value, '2026-01-01');
    assert.equal(a.calls.filter(([m]) => m === 'report').at(-1)[1], '2026-01-01..2026-03-31');
    to.value = '2025-12-01';
    await dispatch(to, 'change');
    await settle();
    assert.equal(textOf(host.querySelector('#report-period-problem')), '结束日期 2025-12-01 早于开始日期 2026-01-01，请核对。');
    assert.equal(host.querySelector('#report-table'), null, 'no figures of another period');
    assert.match(textOf(host.querySelector('#report-period-invalid')), /改正统计期间后显示统计数/);
    assert.equal(host.querySelector('#report-export').disabled, true);
    assert.equal(host.querySelector('#report-print').disabled, true);
    to.value = '2026-06-30';
    await dispatch(to, 'change');
    await settle();
    assert.ok(host.querySelector('#report-table'));
    assert.equal(host.querySelector('#report-export').disabled, false);
    assert.equal(host.querySelector('#report-period-problem').hidden, true);
  });

  test('统计 at a county: an office off the 应报名单 is marked on its row (its figures are in 合计)', async () => {
    const report = { ...COUNTY_REPORT, rows: COUNTY_REPORT.rows.map((r, i) => ({ ...r, unlisted: i === 1 })) };
    mountReport(host, ctx(api({ report: async () => report }), { office: { level: 'county', code: '320115000000', name: '江宁区' } }));
    await settle();
    const badge = host.querySelector('#report-table tr[data-scope="320115102000"] .unlisted');
    assert.equal(textOf(badge), '不在应报名单');
    assert.match(badge.getAttribute('title'), /已计入合计/);
    // Said under the table, outside its sideways scroll (it scrolled off with the
    // last columns).
    const note = host.querySelector('#report-unlisted');
    assert.match(textOf(note), /^合计含不在应报名单的单位：/);
    assert.equal(host.querySelector('#report-host #report-unlisted'), null);
    assert.ok(host.querySelector('#report-notes #report-unlisted'));
  });

  test('统计 at a township: every figure, 本期 beside 上期, 期间 or 期末', async () => {
    const a = api({
      report: async () => ({
        ...COUNTY_REPORT,
        rows: [row('own', '青溪街道', 33.3, { 'grids.base': 3, 'people.grid_workers': 3, 'demands.received': 5 })],
        total: row('total', '合计', 33.3, { 'grids.base': 3, 'people.grid_workers': 3, 'demands.received': 5 },
          { previous: { 'grids.base': 2, 'people.grid_workers': 3, 'demands.received': 1 } }),
      }),
    });
    mountReport(host, ctx(a));
    await settle();
    assert.deepEqual(seesAll(['统计项', '口径', '本期（2026年）', '上期（2025年）', '收到的诉求', '期间', '期末']), []);
    const tr = host.querySelector('#report-table tr[data-key="demands.received"]');
    assert.deepEqual([...tr.children].map((c) => textOf(c)), ['收到的诉求', '期间', '5', '1']);
    assert.ok(!textOf(host).includes('demands.received'), 'no key on screen');
  });

  test('统计 at a township: a row whose 上期 counted another quarter says which, under its name', async () => {
    const keys = [{ key: 'assessment.compounds_sampled', label: '2026年第四季度抽中的小区', rule: 'stock', previousLabel: '2026年第三季度抽中的小区' }];
    const a = api({
      report: async () => ({
        ...COUNTY_REPORT,
        keys,
        rows: [row('own', '青溪街道', null, { 'assessment.compounds_sampled': 2 })],
        total: row('total', '合计', null, { 'assessment.compounds_sampled': 2 }, { previous: { 'assessment.compounds_sampled': 3 } }),
      }),
    });
    mountReport(host, ctx(a));
    await settle();
    const th = host.querySelector('#report-table tr[data-key="assessment.compounds_sampled"] th');
    assert.equal(textOf(th.querySelector('.row-note')), '上期为2026年第三季度抽中的小区');
    assert.ok(textOf(th).startsWith('2026年第四季度抽中的小区'));
  });

  test('首页: the figures and the charts (as tables without ECharts)', async () => {
    const a = api({ dashboard: async () => ({}), listSenders: async () => ({ rows: [] }) });
    mountDashboard(host, ctx(a));
    await settle();
    assert.deepEqual(missing(['dashboard-figures', 'dashboard-charts']), []);
    assert.ok(textOf(host).includes('首页'));
  });

  test('首页 under 自定义 dates that make no period shows no figures, and the next good period loads', async () => {
    const a = api({ dashboard: async () => ({ office: OFFICE, own: { 'grids.base': 3 } }), listSenders: async () => ({ rows: [] }) });
    mountDashboard(host, ctx(a));
    await settle();
    await dispatch(host.querySelector('#dashboard-period-kind-custom'), 'click');
    await settle();
    const to = host.querySelector('#dashboard-period-to');
    to.value = '明年';
    await dispatch(to, 'change');
    await settle();
    assert.match(textOf(host.querySelector('#dashboard-period-invalid')), /结束日期“明年”无法识别.*改正统计期间后显示/);
    assert.equal(host.querySelector('[data-figure="grids.base"]'), null);
    to.value = '2026.6.30';
    await dispatch(to, 'change');
    await settle();
    assert.equal(a.calls.filter(([m]) => m === 'dashboard').at(-1)[1], '2026-01-01..2026-06-30');
    assert.ok(host.querySelector('[data-figure="grids.base"]'));
  });

  test('首页 at a township: a card opens 统计 with its own records behind the figure, not the whole list', async () => {
    const dash = { office: OFFICE, own: { 'demands.received': 12, 'demands.resolved_on_time': 3, 'grids.base': 7 } };
    const went = [];
    mountDashboard(host, ctx(api({ dashboard: async () => dash, listSenders: async () => ({ rows: [] }) }),
      { office: OFFICE, navigate: (v, r) => went.push([v, r]) }));
    await settle();
    const card = host.querySelector('[data-figure="demands.resolved_on_time"]');
    assert.equal(card.getAttribute('title'), '在“统计”中查看这些记录');
    await dispatch(card, 'click');
    assert.deepEqual([went.at(-1)[0], went.at(-1)[1].drill], ['report', 'demands.resolved_on_time']);
    await dispatch(host.querySelector('[data-figure="grids.base"]'), 'click');
    assert.equal(went.at(-1)[1].drill, 'grids.base');
    assert.equal(host.querySelector('[data-figure="contacts.points"]')?.tagName, 'DIV', '0: nothing to list');
  });

  test('首页 at a county: a card opens 统计 in the same period with the records behind its total', async () => {
    const county = { level: 'county', code: '320115000000', name: '江宁区' };
    const dash = { office: county, own: {}, total: { 'demands.received': 17, 'grids.base': 7 }, byOffice: [] };
    const went = [];
    mountDashboard(host, ctx(api({ dashboard: async () => dash, listSenders: async () => ({ rows: [] }) }),
      { office: county, navigate: (v, r) => went.push([v, r]) }));
    await settle();
    await dispatch(host.querySelector('#dashboard-period-kind-quarter'), 'click');
    await settle();
    await dispatch(host.querySelector('[data-figure="demands.received"]'), 'click');
    const [view, route] = went.at(-1);
    assert.equal(view, 'report');
    assert.equal(route.drill, 'demands.received');
    assert.equal(route.period.kind, 'quarter', 'the period chosen on 首页');
    // A figure of 0 lists nothing: no link.
    assert.equal(host.querySelector('[data-figure="contacts.points"]')?.tagName, 'DIV');

    // 统计 opened so: that period, and the drill of the total.
    const statsHost = newHost();
    const drills = [];
    const figures = { 'demands.received': 17 };
    const office = (scope, name) => ({ scope, code: scope, name, figures, previous: figures, rates: {} });
    const a = api({
      report: async (period) => ({
        period: { period, kind: 'quarter', label: period, from: '2026-10-01', to: '2026-12-31' },
        keys: [{ key: 'demands.received', label: '收到的诉求', rule: 'event' }],
        rows: [office('320115101000', '青溪街道')],
        total: office('total', '合计'),
      }),
      reportDrill: async (scope, key, period) => { drills.push([scope, key, period]); return { scope, key, label: '收到的诉求', count: 2, period, rows: [] }; },
    });
    mountReport(statsHost, ctx(a, { office: county, route }));
    await settle();
    assert.equal(drills.length, 1);
    assert.equal(drills[0][0], 'all');
    assert.equal(drills[0][1], 'demands.received');
    assert.match(drills[0][2], /^\d{4}Q[1-4]$/);
  });

  test('首页 without a working chart component: each chart as its table, under 查看数据', async () => {
    globalThis.echarts = {}; // loaded, but without init: nothing can draw
    try {
      const dash = { office: OFFICE, own: {}, workerKinds: { fullTime: 3, partTime: 2 } };
      mountDashboard(host, ctx(api({ dashboard: async () => dash, listSenders: async () => ({ rows: [] }) })));
      await settle();
      assert.equal(textOf(host.querySelector('#dashboard-no-charts')), '图表组件没有加载，下面以表格显示。');
      assert.ok(textOf(host.querySelector('#dashboard-charts')).includes('查看数据'));
    } finally {
      delete globalThis.echarts;
    }
  });

  test('首页 of a township: the load per grid worker is asked after the figures, as a summary, never as every worker\'s list', async () => {
    const dash = { office: OFFICE, own: { 'gridlist.items': 12, 'gridlist.villages_claimed': 4 } };
    const a = api({
      dashboard: async () => dash,
      gridMatterLoadSummary: async () => ({ workers: 4, sum: 14, heaviest: { name: '赵敏', total: 5 } }),
      gridMatterLoad: async () => assert.fail('not at start'),
    });
    mountDashboard(host, ctx(a));
    await settle();
    assert.deepEqual(seesAll(['网格员承担事项', '人均 3.5 项', '4 名网格员，最多的是赵敏（5 项）']), []);
    const names = a.calls.map(([name]) => name);
    assert.ok(!names.includes('gridMatterLoad'));
    assert.ok(names.indexOf('dashboard') < names.indexOf('gridMatterLoadSummary'), names.join());
  });

  test('上报 / 接收与上报: the package card and the receive card', async () => {
    const a = api({ packagePreview: async () => ({ counts: {}, attachments: { count: 0, bytes: 0 } }) });
    mountExchange(host, ctx(a));
    await settle();
    assert.equal(textOf(host.querySelector('#exchange-title')), '上报');
    assert.equal(host.querySelector('#receive-card'), null, 'a township only sends');
    host.replaceChildren();
    mountExchange(host, ctx(a, { office: { ...OFFICE, level: 'county', code: '320115000000' } }));
    await settle();
    assert.equal(textOf(host.querySelector('#exchange-title')), '接收与上报');
    assert.deepEqual(missing(['package-preview', 'package-path', 'package-choose', 'package-export', 'package-error',
      'package-result', 'receive-path', 'receive-choose-files', 'receive-choose-folder', 'receive-force', 'receive-start',
      'receive-error', 'receive-progress', 'receive-progress-text']), []);
    assert.deepEqual(seesAll(['导出交换文件', '选择文件…', '选择文件夹…', '强制接收较早或内容不同的文件', '接收']), []);
  });

  test('接收: the files given, each one’s outcome, and where to look next', async () => {
    const gone = [];
    const fake = api({
      packagePreview: async () => ({ counts: {}, attachments: { count: 0, bytes: 0 } }),
      receivePackages: async () => [
        { fileName: 'a.zip', path: '/in/a.zip', outcome: 'accepted', senderCode: '320115101000', senderName: '青溪街道', sequence: 2, message: '已接收。' },
        { fileName: 'b.zip', path: '/in/b.zip', outcome: 'refused', reason: 'not_a_package', senderCode: '', senderName: '', sequence: 0, message: '不是交换文件。' },
      ],
    });
    // Progress is a subscription answered at once (the fake answers everything later).
    const a = new Proxy(fake, { get: (t, n) => (n === 'onReceiveProgress' ? () => () => {} : t[n]) });
    mountExchange(host, ctx(a, { office: { ...OFFICE, level: 'county', code: '320115000000' }, navigate: (v) => gone.push(v) }));
    await settle();
    await dispatch(host.querySelector('#receive-start'), 'click');
    assert.match(textOf(host.querySelector('#receive-error')), /请先选择或填写要接收的文件或文件夹/);
    host.querySelector('#receive-path').value = '/in';
    await dispatch(host.querySelector('#receive-start'), 'click');
    await settle();
    assert.deepEqual(fake.calls.find(([n]) => n === 'receivePackages').slice(1), [['/in'], false]);
    assert.equal(textOf(host.querySelector('#receive-summary')), '共 2 个文件：接收 1 个，拒收 1 个（原因见下表）');
    assert.equal(host.querySelectorAll('#receive-results tr[data-outcome]').length, 2);
    assert.equal(textOf(host.querySelector('#receive-to-senders')), '查看报送情况');
    await dispatch(host.querySelector('#receive-to-senders'), 'click');
    assert.deepEqual(gone, ['senders']);
  });

  test('导出全部台账: one workbook to the typed path, then 打开文件 / 打开所在文件夹 of it', async () => {
    const toasts = [];
    const a = api({
      packagePreview: async () => ({ counts: {}, attachments: { count: 0, bytes: 0 } }),
      exportAllXlsx: async () => ({ sheets: 21, rows: 480 }),
      openExported: async () => null,
    });
    mountExchange(host, { ...ctx(a), toast: (m, actions) => toasts.push([m, actions]) });
    await settle();
    assert.deepEqual(missing(['ledgers-card', 'ledgers-path', 'ledgers-choose', 'ledgers-export', 'ledgers-error', 'ledgers-result']), []);
    host.querySelector('#ledgers-path').value = 'D:/台账/青溪街道全部台账.xlsx';
    await dispatch(host.querySelector('#ledgers-export'), 'click');
    await settle();
    assert.deepEqual(a.calls.filter(([n]) => n === 'exportAllXlsx').map(([, ...args]) => args), [['D:/台账/青溪街道全部台账.xlsx']]);
    assert.equal(textOf(host.querySelector('#ledgers-result-text')), '已导出 21 张台账，共 480 行。');
    assert.equal(toasts.length, 1);
    assert.deepEqual(toasts[0][1].map((x) => x.label), ['打开文件', '打开所在文件夹']);
    await dispatch(host.querySelector('#ledgers-open-1'), 'click');
    await settle();
    assert.deepEqual(a.calls.filter(([n]) => n === 'openExported').map(([, ...args]) => args), [['D:/台账/青溪街道全部台账.xlsx', true]]);
  });
});

describe('报送情况', () => {
  domPerTest(() => { host = newHost(); });

  test('the summary, the senders, the expected list form, 逾期天数 and the receipt log', async () => {
    const sent = {
      code: '320115101001', name: '下级街道', expected: true, sent: true, sequence: 2, exportedAt: '2026-11-20T02:00:00Z',
      receivedAt: '2026-11-21T03:00:00Z', fileName: 'a.zip', daysSinceExport: 3, counts: { units: 1 }, flags: [], lastRefusal: null,
    };
    const a = api({
      listSenders: async () => ({ lateDays: 31, levelBelow: 'township', hasExpectedList: true, rows: [sent] }),
      listReceiptLog: async () => [{
        seq: 1, at: '2026-11-21T03:00:00Z', fileName: '坏文件.zip', senderCode: '320115101001', senderName: '下级街道',
        sequence: 2, outcome: 'refused', reason: 'damaged', message: '文件损坏',
      }],
    });
    const dispose = mountSenders(host, ctx(a, { office: { ...OFFICE, level: 'county' } }));
    await settle();
    assert.deepEqual(missing(['senders-summary', 'senders-table', 'expected-form', 'expected-code', 'expected-name',
      'expected-add', 'expected-import', 'expected-template', 'late-days', 'late-days-save', 'receipt-log']), []);
    assert.ok(host.querySelector('#senders-table [data-sender-code="320115101001"]'));
    assert.ok(textOf(host.querySelector('#receipt-log')).includes('坏文件.zip'));
    // The verdict beside 拒收 (the message after it no longer starts with it).
    assert.equal(textOf(host.querySelector('#receipt-log .receipt-reason')), '文件已损坏');
    assert.deepEqual(seesAll(['报送情况', '区划代码', '单位名称', '最近接收', '第几次导出', '导出日期', '接收记录', '移出名单']), []);
    dispose();
  });
});

describe('the import and export dialogs', () => {
  domPerTest();

  test('导入: every step is in the dialog; 检查文件 needs a file', async () => {
    const a = api();
    openImportDialog({ api: a, kind: 'people', toast() {}, onError() {}, onImported() {} });
    assert.deepEqual(missing(['import-dialog', 'import-path', 'import-choose', 'import-preview', 'import-commit',
      'import-save-errors', 'import-errors-path', 'import-cancel-dialog', 'import-progress', 'import-stop', 'import-summary',
      'import-done', 'import-file-error']), []);
    assert.deepEqual(seesAll(['选择文件…', '检查文件', '保存错误清单…', '取消导入', '完成', '正在导入，请不要关闭程序。']), []);
    await dispatch(document.querySelector('#import-preview'), 'click');
    assert.equal(document.querySelector('#import-file-error').hidden, false);
    assert.equal(a.calls.filter(([n]) => n === 'importPreview').length, 0);
  });

  test('导入: a file that would change nothing does not offer 导入 to Enter', async () => {
    for (const [unchanged, focused] of [[22, 'import-back'], [21, 'import-commit']]) {
      const a = api({
        importPreview: async () => ({
          totalRows: 22, validRows: 22, toCreate: 0, toUpdate: 22, unchanged, rejectedRows: 0, emptyRows: 0, problems: [], ignoredColumns: [],
        }),
      });
      openImportDialog({ api: a, kind: 'people', toast() {}, onError() {}, onImported() {} });
      document.querySelector('#import-path').value = '/in/网格员名单.xlsx';
      await dispatch(document.querySelector('#import-preview'), 'click');
      await settle();
      assert.equal(document.activeElement?.getAttribute('id'), focused, `${unchanged} of 22 unchanged`);
      assert.equal(document.querySelector('#import-commit').disabled, false, 'the clerk may still import');
      // …from a secondary button: the dialog does not lead to a step that does nothing.
      assert.equal(document.querySelector('#import-commit').classList.contains('btn-primary'), unchanged !== 22);
      await dispatch(document.querySelector('#import-cancel-dialog'), 'click');
      await settle();
    }
  });

  test('导入: a row that is a stored record but for one column is left out unless ticked', async () => {
    const note = '将新增一条联席会议；已有一条只有“会议日期”不同的联席会议（2026-03-18），文件里没有它的行。';
    const a = api({
      importPreview: async () => ({
        totalRows: 7, validRows: 6, toCreate: 1, toUpdate: 5, unchanged: 5, rejectedRows: 1, emptyRows: 0, ignoredColumns: [],
        problems: [{ row: 7, column: '会议日期', message: '会议日期“2026-13-01”不是有效日期。' }],
        notes: [`第 4 行：${note}`], nearRows: [4],
      }),
      importCommit: async () => ({
        created: 0, updated: 1, unchanged: 5, rejected: 1, emptyRows: 0, leftOut: 1, notes: ['按你的选择，第 4 行没有导入。'],
        backupTakenAt: '2026-12-07T10:00:00Z',
      }),
    });
    // Subscribing to progress answers at once (the fake api answers every call later).
    const live = new Proxy(a, { get: (t, n) => (n === 'onImportProgress' ? () => () => {} : t[n]) });
    openImportDialog({ api: live, kind: 'joint-meetings', toast() {}, onError() {}, onImported() {} });
    document.querySelector('#import-path').value = '/in/联席会议.xlsx';
    await dispatch(document.querySelector('#import-preview'), 'click');
    await settle();
    const near = document.querySelector('#import-near-rows');
    assert.equal(near.hidden, false);
    assert.match(textOf(near), /第 4 行仍作为新记录导入：将新增一条联席会议/);
    assert.doesNotMatch(textOf(document.querySelector('#import-preview-notes')), /第 4 行/, 'said once, in its box');
    const box = document.querySelector('#import-near-4');
    assert.equal(box.checked, false, 'left out by default');
    assert.equal(textOf(document.querySelector('#import-commit')), '导入可导入的 5 行');
    // Ticked: it goes in; unticked again: it stays out, and the commit says which.
    box.checked = true;
    await dispatch(box, 'change');
    assert.equal(textOf(document.querySelector('#import-commit')), '导入可导入的 6 行');
    box.checked = false;
    await dispatch(box, 'change');
    await dispatch(document.querySelector('#import-commit'), 'click');
    await settle();
    assert.deepEqual(a.calls.find(([n]) => n === 'importCommit').slice(1), ['joint-meetings', '/in/联席会议.xlsx', null, [4]]);
    assert.match(textOf(document.querySelector('#import-summary-notes')), /按你的选择，第 4 行没有导入/);
    // The refused rows by number, with the error list to save, on the last step too.
    assert.match(textOf(document.querySelector('#import-summary-refused')), /没有导入的行：第 7 行/);
    assert.ok(document.querySelector('#import-step-done #import-save-errors'));
    // The way back from a wrong file: the backup taken before the import wrote (probe AB).
    assert.equal(textOf(document.querySelector('#import-summary-backup')),
      '导入前的数据已自动备份（2026-12-07 18:00，导入前自动备份）。如这次导入有误，可在“设置 › 备份”中恢复这个备份，整体退回到导入前（之后的其他修改也会退回）。');
  });

  test('导入: a row of an older list (its person changed here since the file was saved) is left out unless ticked', async () => {
    const a = api({
      importPreview: async () => ({
        totalRows: 3, validRows: 3, toCreate: 0, toUpdate: 3, unchanged: 1, rejectedRows: 0, emptyRows: 0, ignoredColumns: [],
        problems: [], notes: ['第 2 行：会给“王建国”调岗（阳光花园第二网格 → 阳光花园第一网格），自今天起。'],
        fileSavedAt: '2026-11-01T00:00:00Z',
        staleRows: [{ row: 2, record: '人员“王建国”', changedAt: '2026-11-16T02:00:00Z' }],
      }),
      importCommit: async () => ({ created: 0, updated: 1, unchanged: 1, rejected: 0, emptyRows: 0, leftOut: 1, notes: ['按你的选择，第 2 行没有导入。'] }),
    });
    const live = new Proxy(a, { get: (t, n) => (n === 'onImportProgress' ? () => () => {} : t[n]) });
    openImportDialog({ api: live, kind: 'people', toast() {}, onError() {}, onImported() {} });
    document.querySelector('#import-path').value = '/in/网格员花名册.xlsx';
    await dispatch(document.querySelector('#import-preview'), 'click');
    await settle();
    const stale = document.querySelector('#import-stale-rows');
    assert.equal(stale.hidden, false);
    assert.match(textOf(stale), /这个文件（2026-11-01 08:00 保存）可能是以前的名单/);
    assert.match(textOf(stale), /第 2 行仍然导入：人员“王建国”（2026-11-16 10:00 在软件里改过）/);
    const box = document.querySelector('#import-stale-2');
    assert.equal(box.checked, false, 'left out by default');
    assert.equal(textOf(document.querySelector('#import-commit')), '导入可导入的 2 行');
    box.checked = true;
    await dispatch(box, 'change');
    assert.equal(textOf(document.querySelector('#import-commit')), '导入可导入的 3 行');
    box.checked = false;
    await dispatch(box, 'change');
    await dispatch(document.querySelector('#import-commit'), 'click');
    await settle();
    assert.deepEqual(a.calls.find(([n]) => n === 'importCommit').slice(1), ['people', '/in/网格员花名册.xlsx', null, [2]]);
  });

  test('导出Excel with the masked default and the confirmed full numbers; 下载导入模板', async () => {
    const a = api();
    openExportDialog({ api: a, query: {}, count: 3, defaultName: '网格员名单.xlsx', toast() {}, onError() {} });
    assert.deepEqual(missing(['export-unmasked', 'export-unmasked-confirm', 'export-path', 'export-choose', 'export-go']), []);
    assert.deepEqual(seesAll(['号码打码（默认）', '完整号码', '完整的身份证号码和手机号码属于敏感个人信息，导出会记入变更记录。']), []);
    await dispatch(document.querySelector('#export-cancel'), 'click');
    openTemplateDialog({ api: a, kind: 'people', toast() {}, onError() {} });
    assert.deepEqual(missing(['template-path', 'template-choose', 'template-go']), []);
    assert.ok(textOf(document.body).includes('保存模板'));
  });
});
