// 减负 › 网格事项 (网格事项参考清单, issue 15): three parts in tabs (tabbed.js, prefix gm):
//   事项清单  the items (filters 类别 and search, side form, Excel, 打印清单 on A4)
//   认领      the claim matrix village × item: 认领 with the date above, or 取消认领;
//             the villages that claimed nothing are named
//   负担      base grids and grid workers by load (清单 + 准入), heaviest first, as of a day
import { h, clear, labelled, thead, dateBox } from '../dom.js';
import { confirmDialog } from '../dialog.js';
import { printSheet } from '../print.js';
import { reportError } from '../logic/errors.js';
import { localDate, normalizeDateText } from '../logic/format.js';
import {
  GRID_MATTER_FIELDS, matterCategories, countGridMatters, filterGridMatters, gridMatterFormValues, loadText,
  matrixRows, parseGridMatterForm, printRows, unclaimedText,
} from '../logic/gridmatters.js';
import { excelTools } from './excel-tools.js';
import {
  mountRecordList, recycleTexts, noteField, listedOnField, createdText,
} from './record-list/index.js';
import { tabbedView, loadingTab } from './tabbed.js';

const PARTS = [
  { id: 'list', label: '事项清单', mount: mountMatterList },
  { id: 'claims', label: '认领', mount: mountClaims },
  { id: 'load', label: '负担', mount: mountLoad },
];

export function mountGridMatters(host, ctx) {
  const view = tabbedView({
    prefix: 'gm', label: '网格事项', tabs: PARTS,
    context: () => ctx,
  });
  host.append(h('div', { class: 'gridmatters', id: 'gridmatters-view' },
    h('p', { class: 'hint' }, '网格事项参考清单：网格员可被安排做的事。各村/社区认领本村要做的事项；“负担”按基础网格和网格员列出承担的事项数（认领的清单事项加上准入进来的事项）。'),
    view.tablist,
    view.panels));
  view.start(ctx.route?.part);
  // The part on show: the one whose panel is not hidden.
  const current = () => PARTS[view.panels.findIndex((p) => !p.hidden)]?.id;
  return {
    show: () => view.panel(current())?.show(),
    isDirty: () => PARTS.some((p) => view.panel(p.id)?.isDirty()),
    dispose: view.dispose,
  };
}

// ---------- 事项清单 ----------

function mountMatterList(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { category: '', search: '', disposed: false, all: [] };
  const counts = h('p', { class: 'muted', id: 'gm-counts', 'aria-live': 'polite' });
  const categoryFilter = h('select', { id: 'gm-filter-category', 'aria-label': '类别' },
    h('option', { value: '' }, '全部类别'),
    ...matterCategories().map((c) => h('option', { value: c }, c)));
  const search = h('input', { id: 'gm-search', type: 'search', placeholder: '搜索事项、要求、频次', 'aria-label': '搜索' });
  categoryFilter.addEventListener('change', () => { st.category = categoryFilter.value; list.reload(); });
  search.addEventListener('input', () => { st.search = search.value; list.reload(); });
  const printBtn = h('button', { id: 'gm-print', type: 'button', class: 'btn btn-secondary' }, '打印清单');
  printBtn.addEventListener('click', () => printList(ctx, st.all));
  const listHost = h('div', { id: 'gm-pane' });
  host.append(counts, listHost);

  const list = mountRecordList(listHost, {
    ctx,
    name: 'gm',
    tableId: 'gm-table',
    tableClass: 'gm-table',
    label: '网格事项',
    newText: '新增事项',
    emptyText: '没有符合条件的网格事项。点击“新增事项”，或用“从Excel导入”导入上级下发的网格事项参考清单。',
    emptyDetail: ['在左侧选择一个事项，查看和修改。', '事项名称不能重复；类别、要求和频次照清单填写。'],
    filters: [
      labelled('类别', categoryFilter),
      search,
    ],
    toolbar: h('div', { class: 'button-row' },
      excelTools({
        api, toast, onError, prefix: 'gm', exportKind: 'grid-matters',
        imports: [{ kind: 'grid-matters' }, { kind: 'grid-matter-claims' }],
        onImported: () => { if (!st.disposed) list.reload(); },
      }),
      // Which 村/社区 claimed which matter and when (the claims imported had no export).
      excelTools({ api, toast, onError, prefix: 'gmc', exportKind: 'grid-matter-claims', exportText: '导出认领情况' }),
      printBtn),
    columns: [
      { title: '类别', class: 'cell-nowrap', cell: (m) => h('span', { class: 'badge' }, m.categoryLabel ?? '') },
      { title: '事项名称', class: 'cell-name', cell: (m) => m.name ?? '' },
      { title: '频次', class: 'cell-nowrap', cell: (m) => m.frequency || '—' },
      // In force today, as 首页 counts; those dated ahead said apart.
      { title: '认领', class: 'cell-nowrap', cell: (m) => `${Number(m.claimedBy) || 0} 个村/社区${Number(m.claimedAhead) ? `（另 ${m.claimedAhead} 个待生效）` : ''}` },
    ],
    rowLabel: (m) => `${m.categoryLabel ?? ''}，${m.name ?? ''}`,
    load: async () => {
      st.all = await api.listGridMatters();
      const shown = filterGridMatters(st.all, st);
      const c = countGridMatters(st.all);
      counts.textContent = `共 ${c.total} 项${c.text ? `：${c.text}` : ''}`
        + (shown.length === st.all.length ? '' : `（当前显示 ${shown.length} 项）`);
      return shown;
    },
    form: {
      title: (m) => (m ? (m.name ?? '') : '新增事项'),
      values: (m) => gridMatterFormValues(m),
      fields: () => [
        { field: 'category', label: '类别', type: 'select', options: matterCategories().map((c) => ({ value: c, label: c })) },
        { field: 'name', label: '事项名称', maxlength: 100 },
        { field: 'requirement', label: '工作要求', type: 'textarea', rows: 3, maxlength: 2000 },
        { field: 'frequency', label: '频次', maxlength: 40, hint: '如：每月一次、每周走访。' },
        listedOnField(),
        noteField('remark'),
      ],
      parse: parseGridMatterForm,
      fieldNames: GRID_MATTER_FIELDS,
      focus: 'name',
    },
    create: (input) => api.createGridMatter(input),
    update: (id, input) => api.updateGridMatter(id, input),
    remove: (id) => api.deleteGridMatter(id),
    savedText: createdText('网格事项'),
    deleteText: recycleTexts({
      button: '删除事项',
      noun: '网格事项',
      name: (m) => m.name,
      rule: '已有村/社区认领的事项要先取消认领。',
      hint: '已有村/社区认领的事项不能删除；删除后可在回收站恢复。',
    }),
  });

  return list.asView(st);
}

/**
 * 打印清单: the list as offices publish it, on A4 (the print stylesheet shows only
 * `.print-sheet` while `body.printing-sheet`). The sheet is removed after printing.
 */
export function printList(ctx, items) {
  const office = ctx.office?.name ?? '';
  const rows = printRows(items);
  return printSheet('gm-print-sheet',
    h('h1', { class: 'print-sheet-title' }, `${office}网格事项参考清单`),
    h('p', { class: 'print-sheet-date' }, `共 ${rows.length} 项　打印日期：${localDate()}`),
    h('table', { class: 'print-sheet-table' },
      thead(['序号', '类别', '事项名称', '工作要求', '频次', '备注']),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c)))))));
}

// ---------- 认领 ----------

function mountClaims(host, ctx) {
  const { api, toast, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const st = { matrix: null, disposed: false, token: 0 };
  const date = dateBox({ id: 'gm-claim-date', value: localDate(), 'aria-label': '认领日期' });
  const summary = h('p', { id: 'gm-unclaimed', class: 'muted', 'aria-live': 'polite' });
  const tableHost = h('div', { id: 'gm-matrix-host', class: 'table-scroll' });
  host.append(
    h('div', { class: 'filter-row' },
      labelled('认领日期', date),
      h('span', { class: 'hint' }, '点“认领”按此日期登记；点已认领的格子可取消认领（进回收站，可恢复）。')),
    summary,
    tableHost);

  async function load() {
    const token = ++st.token;
    try {
      const m = await api.gridMatterClaimMatrix();
      if (st.disposed || token !== st.token) return;
      st.matrix = m;
      render();
    } catch (e) {
      if (!st.disposed) fail(e);
    }
  }

  function render() {
    const m = st.matrix;
    summary.textContent = unclaimedText(m);
    const matters = m?.matters ?? [];
    if (!matters.length) {
      clear(tableHost, h('p', { class: 'muted', id: 'gm-matrix-empty' }, '还没有网格事项。请先在“事项清单”中新增或导入。'));
      return;
    }
    const rows = matrixRows(m);
    clear(tableHost, h('table', { id: 'gm-matrix', class: 'data-table gm-matrix' },
      thead('村/社区', matters.map((x) => ({ text: x.name ?? '', title: x.categoryLabel ?? '' })), '认领数'),
      h('tbody', {}, ...rows.map((v) => h('tr', { 'data-village-id': v.id, class: v.claimed ? '' : 'gm-none' },
        h('th', { scope: 'row' }, v.name),
        ...v.cells.map((c) => h('td', {}, cellButton(v, c))),
        h('td', { class: 'num' }, String(v.claimed)))))));
  }

  function cellButton(v, c) {
    if (c.claimId) {
      const b = h('button', {
        type: 'button', class: 'btn btn-small gm-claimed', 'data-claim-id': c.claimId,
        'aria-label': `${v.name}已于 ${c.claimedOn} 认领“${c.matterName}”，点击取消认领`,
      }, `✓ ${c.claimedOn}`);
      b.addEventListener('click', () => unclaim(v, c));
      return b;
    }
    const b = h('button', {
      type: 'button', class: 'btn btn-small btn-secondary gm-claim', 'data-village-id': v.id, 'data-matter-id': c.matterId,
      'aria-label': `${v.name}认领“${c.matterName}”`,
    }, '认领');
    b.addEventListener('click', () => claim(v, c));
    return b;
  }

  async function claim(v, c) {
    try {
      const saved = await api.createGridMatterClaim({ villageId: v.id, matterId: c.matterId, claimedOn: date.value, remark: '' });
      if (st.disposed) return;
      // A claim dated ahead (a list in force from 1 January) counts from its day: said,
      // so a mistyped year is seen at once.
      const on = saved?.claimedOn ?? '';
      toast(on > localDate()
        ? `${v.name}认领“${c.matterName}”，自 ${on} 起计入统计`
        : `${v.name}已认领“${c.matterName}”`);
      await load();
    } catch (e) {
      if (!st.disposed) fail(e);
    }
  }

  async function unclaim(v, c) {
    const ok = await confirmDialog({
      title: '取消认领',
      message: `确定取消${v.name}对“${c.matterName}”的认领（${c.claimedOn}）吗？取消后可在回收站恢复。`,
      okText: '取消认领',
      cancelText: '不取消',
      danger: true,
    });
    if (!ok || st.disposed) return;
    try {
      await api.deleteGridMatterClaim(c.claimId);
      if (st.disposed) return;
      toast(`已取消${v.name}对“${c.matterName}”的认领，可在回收站恢复`);
      await load();
    } catch (e) {
      if (!st.disposed) fail(e);
    }
  }

  return loadingTab(st, load);
}

// ---------- 负担 ----------

function mountLoad(host, ctx) {
  const { api, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const st = { disposed: false, token: 0 };
  const date = dateBox({ id: 'gm-load-date', value: localDate(), 'aria-label': '统计日期' });
  date.addEventListener('change', () => load());
  // A day chosen earlier stays while the screen is open: said when it is not today,
  // with a way back (probe AF: an exit today looked as if it did nothing, counted
  // on a day chosen two days before).
  const today = h('button', { type: 'button', id: 'gm-load-today', class: 'btn btn-link btn-small' }, '改为今天');
  const notToday = h('span', { class: 'warning-text', id: 'gm-load-not-today', hidden: true });
  today.addEventListener('click', () => {
    date.value = localDate();
    load();
  });
  const sayDay = () => {
    const other = normalizeDateText(date.value) !== localDate();
    notToday.hidden = !other;
    clear(notToday, other ? [`按 ${date.value} 统计，不是今天。`, today] : []);
  };
  const gridsHost = h('div', { id: 'gm-load-grids' });
  const workersHost = h('div', { id: 'gm-load-workers' });
  host.append(
    h('div', { class: 'filter-row' },
      labelled('统计日期', date), notToday,
      h('span', { class: 'hint' }, '按承担事项数从多到少排列。清单事项：网格所在村/社区在该日期前认领的事项；准入事项：该日期在进入和退出之间的准入事项。')),
    h('h2', {}, '基础网格'), gridsHost,
    h('h2', {}, '网格员'), workersHost);

  const table = (id, head, rows) => (rows.length
    ? h('table', { id, class: 'data-table gm-load' },
      thead(head),
      h('tbody', {}, ...rows))
    : h('p', { class: 'muted', id: `${id}-empty` }, '没有数据。'));

  async function load() {
    const token = ++st.token;
    sayDay();
    try {
      const l = await api.gridMatterLoad(date.value);
      if (st.disposed || token !== st.token) return;
      clear(gridsHost, table('gm-grid-load', ['基础网格', '所属村/社区', '网格员', '承担事项', '事项'],
        (l?.grids ?? []).map((g) => h('tr', { 'data-grid-id': g.gridId },
          h('th', { scope: 'row' }, g.gridName ?? ''),
          h('td', {}, g.villageName ?? ''),
          h('td', {}, (g.workers ?? []).join('、') || '—'),
          h('td', { class: 'cell-nowrap', title: loadText(g) }, `${Number(g.total) || 0} 项`),
          h('td', { class: 'muted' }, (g.matters ?? []).join('、'))))));
      clear(workersHost, table('gm-worker-load', ['网格员', '网格', '承担事项', '事项'],
        (l?.workers ?? []).map((w) => h('tr', { 'data-person-id': w.personId },
          h('th', { scope: 'row' }, w.name ?? ''),
          h('td', {}, (w.grids ?? []).join('、')),
          h('td', { class: 'cell-nowrap', title: loadText(w) }, `${Number(w.total) || 0} 项`),
          h('td', { class: 'muted' }, (w.matters ?? []).join('、'))))));
    } catch (e) {
      if (!st.disposed) fail(e);
    }
  }

  return loadingTab(st, load);
}
