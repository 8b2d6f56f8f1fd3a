// 首页: key figures and the ECharts options of the dashboard charts, each with a
// text alternative (a summary sentence and a data table). Pure: no DOM, no
// ECharts; the view hands `option` to echarts.setOption.
//
// Every option uses tooltips with renderMode 'richText' (drawn on the canvas),
// so ECharts never builds HTML or style attributes (strict CSP).
import { sendersCounts } from './senders.js';
import { localDate } from './format.js';

export const PALETTE = Object.freeze(['#b22222', '#5b8fd6', '#1a7f37', '#e0a800', '#8e5bd6', '#57606a', '#d9822b', '#2b9aa0']);
const FONT = 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const MUTED = '#9fb3c8';

/**
 * The key figures, in display order: [key, label, unit]. Each label is the figure's
 * name in 统计 and 考核 (the core's report labels; a test holds them equal), so a
 * county reviewer reads one name for one figure on every screen.
 */
export const FIGURES = Object.freeze([
  ['grids.base', '基础网格', '个'],
  ['grids.micro', '微网格', '个'],
  ['people.grid_workers', '在岗网格员', '人'],
  ['people.grid_workers_fulltime', '在岗专职网格员', '人'],
  ['people.building_heads_info_officers', '在岗楼栋长、信息员', '人'],
  ['people.community_workers', '在岗社区工作者', '人'],
  ['people.published', '已公示人员', '人'],
  ['people.grid_workers_published', '已公示的在岗网格员', '人'],
  ['compounds.total', '小区（自然村/组）', '个'],
  ['grids.business_merged', '已全部纳入的业务网格', '个'],
  // 领导联系点, 诉求, 协调机制
  ['contacts.points', '领导联系点', '个'],
  ['contacts.targets_covered', '有联系领导的对象', '个'],
  ['contacts.visits', '领导走访', '次'],
  ['demands.received', '收到的诉求', '件'],
  // 交办 and 逾期 beside 收到 and 办结, as the brief measures demands (probe AG).
  ['demands.assigned', '交办的诉求', '件'],
  ['demands.resolved', '已办结的诉求', '件'],
  ['demands.resolved_on_time', '按期办结的诉求', '件'],
  ['demands.overdue', '逾期未办结的诉求', '件'],
  // 诉求办结率's numerator: of the period's own demands, those resolved by its end
  // (it stood among the other cards, with no 件: probe N).
  ['demands.received_resolved', '收到并已办结的诉求', '件'],
  ['coordination.meetings', '协调机制工作会议', '次'],
  // 党建, 共建: fixed too, so a year with none shows 0 where the year before had
  // some (two reviewers lost them between years when a zero card was left out).
  ['party.part_time_members', '兼职委员', '人'],
  ['party.joint_meetings', '联席会议', '次'],
  ['cobuild.projects_claimed', '累计认领的共建项目', '个'],
  ['cobuild.projects_completed', '已完成的共建项目', '个'],
]);

/** The unit of a figure card outside the fixed list, when it has one (none yet). */
const OTHER_UNITS = Object.freeze({});

/** The report-key prefixes the panels show (the figure cards leave them out). */
export const PANEL_PREFIXES = Object.freeze(['lists.', 'gridlist.', 'admission.', 'rectification.', 'training.', 'assessment.', 'tasks.']);

/** Whether a report key is shown in a panel rather than as a figure card. */
export function inPanel(key) {
  return PANEL_PREFIXES.some((p) => String(key).startsWith(p)) || key === 'people.selected_from_community_workers';
}

/** Categories up to this many are drawn as columns; more as horizontal bars. */
export const COLUMN_LIMIT = 8;
/** Bars shown at once; more scroll (dataZoom). */
export const BAR_WINDOW = 40;

const n = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);

/** "87.5%" ('—' when the whole is 0). */
export function percent(part, whole) {
  const w = n(whole);
  if (!w) return '—';
  // One decimal, always, as 统计 writes them: 1% beside 68.2% (probe AN), 50%
  // beside 12.5% (probe AP) read as mistakes.
  return `${((n(part) / w) * 100).toFixed(1)}%`;
}

/** The totals the figures show: a township's own; a county's or city's total (own plus every office below). */
export function figureTotals(dash) {
  const level = dash?.office?.level;
  if (level === 'county' || level === 'city') return dash?.total ?? dash?.own ?? {};
  return dash?.own ?? {};
}

/**
 * Figure cards [{ key, label, unit, value }]: the fixed list, the 三亮 card after
 * 小区 when the dashboard has it, then any other report key (a later record kind)
 * that is not 0 in this period or the one before, with its report label (a card
 * does not vanish when a quarter has none of what the last one had).
 */
export function dashboardFigures(dash) {
  const totals = figureTotals(dash);
  const out = FIGURES.map(([key, label, unit]) => {
    const f = { key, label, unit, value: n(totals[key]) };
    if (key === 'demands.resolved_on_time' && n(totals['demands.resolved'])) {
      f.note = `按期办结率 ${percent(f.value, totals['demands.resolved'])}`;
      // Below 100% in amber, as 公示率 (a 0% read green, probe X).
      f.warn = f.value < n(totals['demands.resolved']);
    }
    if (key === 'demands.overdue') f.warn = f.value > 0;
    // 人员信息公示率 (考核 T03): of the grid workers in post, those published.
    if (key === 'people.grid_workers_published' && n(totals['people.grid_workers'])) {
      f.note = `公示率 ${percent(f.value, totals['people.grid_workers'])}`;
      f.warn = f.value < n(totals['people.grid_workers']);
    }
    return f;
  });
  const sanliang = sanliangFigure(dash);
  if (sanliang) out.splice(FIGURES.findIndex(([key]) => key === 'compounds.total') + 1, 0, sanliang);
  for (const k of Array.isArray(dash?.keys) ? dash.keys : []) {
    if (!k?.key || FIGURES.some(([key]) => key === k.key)) continue;
    if (inPanel(k.key)) continue; // 减负 and 培训与考核 have their own panels
    if (sanliang && k.key === SANLIANG_KEY) continue; // the 三亮 card says it, with the whole
    const value = n(totals[k.key]);
    if (!value && !n(dash?.previousTotal?.[k.key])) continue;
    const f = { key: k.key, label: String(k.label ?? k.key), unit: OTHER_UNITS[k.key] ?? '', value };
    // Training coverage: of the community workers in post, those trained this year.
    if (k.key === 'training.community_workers_trained' && n(totals['people.community_workers'])) {
      f.note = `培训覆盖率 ${percent(value, totals['people.community_workers'])}`;
    }
    out.push(f);
  }
  return out;
}

/**
 * 上期 beside a figure: "上期 12" from Dashboard.previousTotal (the 三亮 card:
 * "上期 9 / 13"), or '' when the dashboard has no previous period (older shell).
 */
export function previousText(dash, key) {
  const prev = dash?.previousTotal;
  if (!prev || typeof prev !== 'object') return '';
  if (key === 'sanliang') {
    const whole = n(prev['compounds.total']);
    return whole ? `上期 ${n(prev[SANLIANG_KEY])} / ${whole}` : '';
  }
  if (!(key in prev)) return '';
  return `上期 ${n(prev[key])}`;
}

/** The report key the 三亮 card stands for. */
export const SANLIANG_KEY = 'compounds.sanliang_complete';

/**
 * 三亮齐全的小区 "9 / 13" with the rate as a note, from Dashboard.sanliang
 * ({ compounds, complete }). Null when absent (older data) or without compounds.
 */
export function sanliangFigure(dash) {
  const s = dash?.sanliang;
  if (!s || typeof s !== 'object') return null;
  const compounds = n(s.compounds);
  if (!compounds) return null;
  const complete = Math.min(n(s.complete), compounds);
  return {
    key: 'sanliang', label: '三亮齐全的小区', unit: `/ ${compounds}`, value: complete,
    note: `三亮率 ${percent(complete, compounds)}`, warn: complete < compounds,
  };
}

/**
 * For a county or city, the 报送 card: how many expected offices have sent, of how
 * many, and who is missing or late (from list_senders). Without that list, how
 * many offices below it holds data from (Dashboard.byOffice). Null for a township.
 * The list is today's: beside a period that ended before `today` the card says so
 * (a 2025 首页 read 已报送 3/4 as if of 2025).
 */
export function sendersFigure(dash, senders, today = localDate()) {
  const level = dash?.office?.level;
  if (level !== 'county' && level !== 'city') return null;
  if (senders && Array.isArray(senders.rows)) {
    const c = sendersCounts(senders);
    if (c.expected) {
      const notes = [];
      if (c.missing) notes.push(`未报 ${c.missing} 个`);
      if (c.late) notes.push(`逾期 ${c.late} 个`);
      // Their figures are in the totals too (统计 marks their rows 不在应报名单).
      if (c.unexpected) notes.push(`另有 ${c.unexpected} 个不在应报名单`);
      // What the files below lack (probe Q: 2/2 都已报送 in green, two townships missing).
      if (c.belowMissing) notes.push(`下级文件里缺 ${c.belowMissing} 个应报单位`);
      if (c.oldVersion) notes.push(`${c.oldVersion} 个软件版本较旧`);
      const said = notes.length ? notes.join('，') : '应报单位都已报送';
      const to = dash?.period?.to;
      const past = Boolean(to && today && to < today);
      return {
        label: '已报送的下级单位', value: c.sent, unit: `/ ${c.expected}`,
        note: past ? `今天的报送情况：${said}` : said, warn: notes.length > 0,
      };
    }
    return {
      label: '已报送的下级单位', value: senders.rows.filter((r) => r?.sent).length, unit: '个',
      // Not a success: a setting still to make, shown as a task (is-todo), never in green.
      note: '还没有设置应报单位，点此设置', warn: false, todo: true,
    };
  }
  const list = Array.isArray(dash?.byOffice) ? dash.byOffice : [];
  return { label: '已收到报送的下级单位', value: list.length, unit: '个', note: '', warn: false };
}

/** 'normal' (≤ 8 bars), 'tall' (≤ 20), 'xtall': a CSS class picks the height. */
export function chartSize(count) {
  if (count <= COLUMN_LIMIT) return 'normal';
  if (count <= 20) return 'tall';
  return 'xtall';
}

function baseOption() {
  return {
    animation: false,
    color: [...PALETTE],
    textStyle: { fontFamily: FONT },
    tooltip: { renderMode: 'richText', confine: true },
  };
}

/**
 * A grouped bar chart. Up to COLUMN_LIMIT categories as columns; more as
 * horizontal bars (long names fit), scrolling past BAR_WINDOW.
 */
export function barOption({ categories, series, unit = '' }) {
  const cats = categories.map(String);
  const horizontal = cats.length > COLUMN_LIMIT;
  const category = {
    type: 'category',
    data: cats,
    axisTick: { alignWithLabel: true },
    axisLabel: horizontal
      ? { interval: 0, width: 140, overflow: 'truncate' }
      : { interval: 0, width: 90, overflow: 'truncate', rotate: cats.length > 5 ? 30 : 0 },
  };
  const value = { type: 'value', minInterval: 1, name: unit || undefined };
  const option = {
    ...baseOption(),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText', confine: true },
    legend: { top: 0, data: series.map((s) => s.name) },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.data.map(n),
      barMaxWidth: 28,
      ...(s.color ? { itemStyle: { color: s.color } } : {}),
      label: { show: cats.length <= 20, position: horizontal ? 'right' : 'top', fontSize: 11 },
    })),
  };
  if (horizontal && cats.length > BAR_WINDOW) {
    option.dataZoom = [
      { type: 'slider', yAxisIndex: 0, startValue: 0, endValue: BAR_WINDOW - 1, right: 0, width: 16, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: BAR_WINDOW - 1, filterMode: 'none' },
    ];
    option.grid.right = 40;
  }
  return option;
}

/** A pie (ring) of named counts. */
export function pieOption({ name, data, unit = '' }) {
  return {
    ...baseOption(),
    tooltip: { trigger: 'item', renderMode: 'richText', confine: true, formatter: `{b}：{c} ${unit}（{d}%）` },
    legend: { bottom: 0 },
    series: [{
      name,
      type: 'pie',
      // One decimal, as the rates beside the chart say them (34.62% beside 65.4%).
      percentPrecision: 1,
      radius: ['38%', '66%'],
      center: ['50%', '46%'],
      avoidLabelOverlap: true,
      label: { formatter: `{b}\n{c} ${unit}（{d}%）` },
      data: data.map((d) => ({ name: d.name, value: n(d.value) })),
    }],
  };
}

// ---------- the charts ----------

/** 网格员覆盖情况（按村/社区）: base grids vs base grids with a grid worker. Null without villages. */
export function coverageChart(villages) {
  const list = (Array.isArray(villages) ? villages : []).filter((v) => v && typeof v === 'object');
  if (!list.length || !list.some((v) => n(v.baseGrids))) return null;
  const base = list.reduce((s, v) => s + n(v.baseGrids), 0);
  const staffed = list.reduce((s, v) => s + n(v.staffedBaseGrids), 0);
  const gaps = list.filter((v) => n(v.staffedBaseGrids) < n(v.baseGrids)).map((v) => String(v.name ?? ''));
  let summary = `${list.length} 个村/社区共有基础网格 ${base} 个，其中 ${staffed} 个有网格员（${percent(staffed, base)}）。`;
  if (gaps.length) {
    const shown = gaps.slice(0, 5).join('、');
    summary += `还有基础网格没有网格员的：${shown}${gaps.length > 5 ? ` 等 ${gaps.length} 个村/社区` : ''}。`;
  } else {
    summary += '每个基础网格都有网格员。';
  }
  return {
    id: 'coverage',
    title: '网格员覆盖情况（按村/社区）',
    size: chartSize(list.length),
    summary,
    option: barOption({
      categories: list.map((v) => v.name ?? ''),
      series: [
        { name: '基础网格', data: list.map((v) => v.baseGrids), color: MUTED },
        { name: '有网格员的基础网格', data: list.map((v) => v.staffedBaseGrids), color: PALETTE[0] },
      ],
      unit: '个',
    }),
    table: {
      columns: ['村/社区', '基础网格', '有网格员的基础网格', '覆盖率', '网格员'],
      rows: list.map((v) => [String(v.name ?? ''), String(n(v.baseGrids)), String(n(v.staffedBaseGrids)),
        percent(v.staffedBaseGrids, v.baseGrids), String(n(v.gridWorkers))]),
    },
  };
}

/** 网格员专职/兼职: a pie. Null when there are no grid workers. */
export function workerKindsChart(kinds) {
  const full = n(kinds?.fullTime);
  const part = n(kinds?.partTime);
  if (!full && !part) return null;
  return {
    id: 'worker-kinds',
    title: '网格员专职/兼职',
    size: 'normal',
    summary: `在岗网格员中专职 ${full} 人，兼职 ${part} 人，专职占 ${percent(full, full + part)}。`,
    option: pieOption({ name: '网格员', unit: '人', data: [{ name: '专职', value: full }, { name: '兼职', value: part }] }),
    table: {
      columns: ['类别', '人数', '占比'],
      rows: [['专职', String(full), percent(full, full + part)], ['兼职', String(part), percent(part, full + part)]],
    },
  };
}

/** 在岗人员（按身份）: a bar per role. Null when every count is 0. */
export function peopleByRoleChart(list) {
  const items = (Array.isArray(list) ? list : []).filter((x) => x && typeof x === 'object');
  if (!items.some((x) => n(x.count))) return null;
  return {
    id: 'people-by-role',
    title: '在岗人员（按身份）',
    size: chartSize(items.length),
    summary: `在岗人员按身份：${items.map((x) => `${x.label ?? ''} ${n(x.count)} 人`).join('，')}。`,
    option: {
      ...barOption({ categories: items.map((x) => x.label ?? ''), series: [{ name: '人数', data: items.map((x) => x.count) }], unit: '人' }),
      legend: { show: false },
    },
    table: { columns: ['身份', '人数'], rows: items.map((x) => [String(x.label ?? ''), String(n(x.count))]) },
  };
}

/** 下级单位网格员与基础网格: for a county or city. Null without offices below. */
export function byOfficeChart(list) {
  const items = (Array.isArray(list) ? list : []).filter((x) => x && typeof x === 'object');
  if (!items.length) return null;
  const sent = items.filter((o) => o.receivedAt).length;
  const workers = items.reduce((s, o) => s + n(o.gridWorkers), 0);
  const grids = items.reduce((s, o) => s + n(o.baseGrids), 0);
  const label = (o) => `${o.name ?? o.code ?? ''}${o.receivedAt ? '' : '（未报送）'}`;
  const missing = items.filter((o) => !o.receivedAt).map((o) => String(o.name ?? o.code ?? ''));
  const head = missing.length ? `下级单位 ${items.length} 个，已报送 ${sent} 个` : `已收到 ${items.length} 个下级单位的报送`;
  let summary = `${head}；网格员合计 ${workers} 人，基础网格合计 ${grids} 个。`;
  if (missing.length) summary += `未报送：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个` : ''}。`;
  return {
    id: 'by-office',
    title: '各下级单位网格员与基础网格',
    size: chartSize(items.length),
    summary,
    option: barOption({
      categories: items.map(label),
      series: [
        { name: '在岗网格员', data: items.map((o) => o.gridWorkers), color: PALETTE[0] },
        { name: '基础网格', data: items.map((o) => o.baseGrids), color: PALETTE[1] },
      ],
    }),
    table: {
      columns: ['单位', '区划代码', '在岗网格员', '基础网格', '微网格', '报送'],
      rows: items.map((o) => [String(o.name ?? ''), String(o.code ?? ''), String(n(o.gridWorkers)), String(n(o.baseGrids)),
        String(n(o.microGrids)), o.receivedAt ? '已报送' : '未报送']),
    },
  };
}

/**
 * A bar per status of a kind whose records go step by step (共建项目, 诉求), from the
 * dashboard's [{ status, label, count }]: each bar in its status's colour with its count
 * over it, a summary of every status and of those done, and the same as a table.
 * Null when absent or when there are none. `spec`: id, title, noun (共建项目), unit (个),
 * series (项目数: the bars' and the table column's name), colors by status, done (the
 * statuses that count as done) and doneText(items, done) (已完成 4 个).
 */
function statusBarChart(list, { id, title, noun, unit, series, colors, done: doneStatuses, doneText }) {
  const items = (Array.isArray(list) ? list : []).filter((x) => x && typeof x === 'object');
  const total = items.reduce((s, x) => s + n(x.count), 0);
  if (!total) return null;
  const label = (x) => String(x.label ?? x.status ?? '');
  const done = items.filter((x) => doneStatuses.includes(x.status)).reduce((s, x) => s + n(x.count), 0);
  const listed = items.map((x) => `${label(x)} ${n(x.count)} ${unit}`).join('，');
  const doneSaid = doneText(items, done);
  return {
    id,
    title,
    size: 'normal',
    summary: `${noun} ${total} ${unit}：${listed}；${doneSaid}，占 ${percent(done, total)}。`,
    option: coloredBars(items, { label, series, unit, colors }),
    table: {
      columns: ['状态', series, '占比'],
      rows: items.map((x) => [label(x), String(n(x.count)), percent(x.count, total)]),
    },
  };
}

/** A bar per item ({ status, count }) in its status's colour, its count over it. */
function coloredBars(items, { label, series, unit, colors }) {
  return {
    ...barOption({ categories: items.map(label), series: [{ name: series, data: items.map((x) => x.count) }], unit }),
    legend: { show: false },
    series: [{
      name: series,
      type: 'bar',
      barMaxWidth: 36,
      label: { show: true, position: 'top', fontSize: 11 },
      data: items.map((x) => ({ value: n(x.count), itemStyle: { color: colors[x.status] ?? PALETTE[1] } })),
    }],
  };
}

/** Colours of the project statuses, in life-cycle order. */
const STATUS_COLORS = Object.freeze({
  open: '#9fb3c8', claimed: '#5b8fd6', in_progress: '#e0a800', completed: '#1a7f37', evaluated: '#8e5bd6',
});

/**
 * 共建项目（按状态）: from Dashboard.projectsByStatus ([{ status, label, count }]); null
 * without projects. A township's are all its projects as they stand now, whatever
 * period the cards show (`now`): the title says so (a 2025 首页 read 0 projects on a
 * card beside a chart of 9).
 */
export function projectsByStatusChart(list, { now = false } = {}) {
  const items = Array.isArray(list) ? list : [];
  if (items.some((x) => x?.status === 'claimed_by_end')) return claimedAndCompletedChart(items);
  return statusBarChart(list, {
    id: 'projects-by-status',
    title: now ? '共建项目（全部，按现在的状态）' : '共建项目（按状态）',
    noun: '共建项目',
    unit: '个',
    series: '项目数',
    colors: STATUS_COLORS,
    done: ['completed', 'evaluated'],
    doneText: (items, done) => `${items.some((x) => x.status === 'evaluated') ? '已完成和已评价共' : '已完成'} ${done} 个`,
  });
}

/**
 * A county's or a city's 共建项目: claimed by the period's end (a stock) and completed
 * in the period (an event), as the files tell them; one is not part of the other's
 * total, so no share of a sum.
 */
function claimedAndCompletedChart(items) {
  const count = (status) => n(items.find((x) => x?.status === status)?.count);
  const claimed = count('claimed_by_end');
  const completed = count('completed_in_period');
  if (!claimed && !completed) return null;
  // Short enough for the bar's label (累计认领（期… was cut); the title and summary say 期末.
  const bars = [{ status: 'claimed', label: '累计认领', count: claimed }, { status: 'completed', label: '本期完成', count: completed }];
  return {
    id: 'projects-by-status',
    title: '共建项目（累计认领与本期完成）',
    size: 'normal',
    summary: `共建项目截至期末累计认领 ${claimed} 个，本期完成 ${completed} 个。`,
    option: coloredBars(bars, { label: (x) => x.label, series: '项目数', unit: '个', colors: STATUS_COLORS }),
    table: { columns: ['项目', '项目数'], rows: bars.map((x) => [x.label, String(x.count)]) },
  };
}

/** Colours of the demand statuses, in life-cycle order. */
const DEMAND_STATUS_COLORS = Object.freeze({
  accepted: '#9fb3c8', assigned: '#5b8fd6', in_progress: '#e0a800', resolved: '#1a7f37', called_back: '#8e5bd6',
});

/** 诉求（按状态）: from Dashboard.demandsByStatus ([{ status, label, count }]), a township's
 * demands all as they stand now, whatever period the cards show; null without demands. */
export function demandsByStatusChart(list) {
  return statusBarChart(list, {
    id: 'demands-by-status',
    title: '诉求（全部，按现在的状态）',
    noun: '诉求',
    unit: '件',
    series: '诉求数',
    colors: DEMAND_STATUS_COLORS,
    done: ['resolved', 'called_back'],
    doneText: (items, done) => `已办结（含已回访）${done} 件`,
  });
}

/**
 * The charts for this office, those with data only. A township: coverage by
 * village, 专职/兼职, people by role, co-building projects by status, demands by status. A county or
 * city: by office below, the same pie and bars (over everything it holds), and
 * coverage if it has villages of its own.
 */
export function dashboardCharts(dash) {
  const level = dash?.office?.level;
  const upper = level === 'county' || level === 'city';
  const charts = upper
    ? [byOfficeChart(dash?.byOffice), coverageChart(dash?.coverageByVillage),
      workerKindsChart(dash?.workerKinds), peopleByRoleChart(dash?.peopleByRole), projectsByStatusChart(dash?.projectsByStatus),
      demandsByStatusChart(dash?.demandsByStatus)]
    : [coverageChart(dash?.coverageByVillage), workerKindsChart(dash?.workerKinds), peopleByRoleChart(dash?.peopleByRole),
      projectsByStatusChart(dash?.projectsByStatus, { now: true }), demandsByStatusChart(dash?.demandsByStatus)];
  return charts.filter(Boolean);
}
