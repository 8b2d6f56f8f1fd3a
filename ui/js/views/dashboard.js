// 首页: the office's key figures, and charts (Apache ECharts, vendored in
// ui/vendor/echarts and loaded by index.html as the global `echarts`). Each chart
// has a text alternative: an aria-label summary and its data as a table under
// 查看数据. Without ECharts the figures stay and each chart is shown as its table.
// Options come from logic/charts.js; this view only inits, sets, resizes and
// disposes the charts.
import { h, clear, thead } from '../dom.js';
import { newest } from '../newest.js';
import { reportError } from '../logic/errors.js';
import { dashboardFigures, dashboardCharts, sendersFigure, previousText, SANLIANG_KEY } from '../logic/charts.js';
import { periodControl } from '../period-control.js';
import { periodLine } from '../logic/period.js';
import { reminderRows, remindersSummary } from '../logic/reminders.js';
import { dashboardPanels } from '../logic/panels.js';

export function mountDashboard(container, { api, alert, onError, office, navigate }) {
  const st = { disposed: false, charts: [], drawn: 0, period: '', loads: 0 };
  const level = office?.level ?? 'township';
  const upper = level === 'county' || level === 'city';

  const figures = h('div', { class: 'figure-grid', id: 'dashboard-figures', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, '正在加载…'));
  const chartsHost = h('div', { class: 'chart-grid', id: 'dashboard-charts' });
  // 本周提醒: what is overdue or due this week, each one click from its record.
  const remindersHost = h('section', { class: 'card reminders', id: 'dashboard-reminders', 'aria-labelledby': 'dashboard-reminders-title', hidden: true, tabindex: '-1' });
  // Its summary above the figures, one click from the list: on a 1366×768 office
  // screen the list itself sits below twenty figure cards and two panels.
  const remindersLine = h('p', { class: 'reminders-line', id: 'dashboard-reminders-line', hidden: true });
  const note = h('p', { class: 'hint', id: 'dashboard-note' });
  // 减负 and 培训与考核 (issues 15, 16): their report keys as two panels.
  const panelsHost = h('div', { class: 'panel-grid', id: 'dashboard-panels' });

  // 统计期间 (this year by default): events in the period, stocks at its end, 上期 beside.
  const periodNote = h('p', { class: 'hint period-line', id: 'dashboard-period-line', role: 'status' });
  const period = periodControl({
    id: 'dashboard-period',
    onChange: (text) => {
      st.period = text;
      load();
    },
    onInvalid: (problem) => {
      st.loads += 1;
      figures.removeAttribute('aria-busy');
      periodNote.textContent = '';
      clear(figures, h('p', { class: 'empty-state', id: 'dashboard-period-invalid' }, `${problem}改正统计期间后显示。`));
      clear(panelsHost);
      disposeCharts();
      clear(chartsHost);
    },
  });
  st.period = period.value();

  container.append(h('section', { class: 'view view-wide dashboard', id: 'dashboard-view', 'aria-labelledby': 'dashboard-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'dashboard-title' }, '首页'),
      note),
    h('div', { class: 'report-controls' }, period.el),
    periodNote,
    remindersLine,
    figures,
    panelsHost,
    remindersHost,
    chartsHost));

  const onResize = () => {
    for (const c of st.charts) c.resize();
  };
  globalThis.addEventListener?.('resize', onResize);

  load();

  async function load() {
    figures.setAttribute('aria-busy', 'true');
    // A county or city also shows who has sent; without that list the page still works.
    const senders = upper ? api.listSenders().catch(() => null) : Promise.resolve(null);
    const got = await newest(st, 'loads', () => api.dashboard(st.period));
    if (!got) return;
    if (!got.ok) {
      figures.removeAttribute('aria-busy');
      clear(figures, h('p', { class: 'empty-state' }, '首页数据没有加载成功。'));
      reportError(got.error, { show: alert, reboot: onError });
      return;
    }
    const dash = got.value ?? {};
    const sent = await senders;
    if (got.stale()) return;
    figures.removeAttribute('aria-busy');
    render(dash, sent);
    // A township's panels include what its grid workers carry (网格事项 and 准入):
    // asked once the figures are on screen, summed by the core (optional too).
    const carried = upper || !api.gridMatterLoadSummary ? null : await api.gridMatterLoadSummary().catch(() => null);
    if (got.stale()) return;
    renderPanels(dash, carried);
  }

  function render(dash, senders) {
    const name = dash.office?.name ?? office?.name ?? '';
    note.textContent = upper
      ? `${name}：本单位及各下级单位最近一次报送的数据合计。`
      : `${name}：本单位的台账数据。`;

    periodNote.textContent = periodLine(dash.period, dash.previous);
    const cards = dashboardFigures(dash).map((f) => {
      const prev = previousText(dash, f.key);
      const parts = [
        h('span', { class: 'figure-label' }, f.label),
        h('span', { class: 'figure-value' }, String(f.value),
          f.unit ? h('span', { class: 'figure-unit' }, f.unit) : null),
        f.note ? h('span', { class: 'figure-note' }, f.note) : null,
        prev ? h('span', { class: 'figure-prev' }, prev) : null,
      ];
      // A card opens 统计 in the same period with the records behind its figure (at a
      // county it opened its own empty 诉求, which said 收到 0 under 17; at a township
      // 按期办结的诉求 3 opened every 诉求, 12 of them: probe AG). 0 lists nothing.
      const drillKey = f.key === 'sanliang' ? SANLIANG_KEY : f.key;
      const link = f.value ? 'report' : null;
      if (!link) return h('div', { class: ['figure-card', f.warn ? 'is-warn' : null], 'data-figure': f.key }, parts);
      const card = h('button', {
        type: 'button', class: ['figure-card', 'figure-link', f.warn ? 'is-warn' : null], 'data-figure': f.key,
        id: `dashboard-${f.key}`, title: upper ? '在“统计”中查看各单位的记录' : '在“统计”中查看这些记录',
      }, parts);
      card.addEventListener('click', () => navigate?.('report', { period: period.choice(), drill: drillKey }));
      return card;
    });
    const sent = sendersFigure(dash, senders);
    if (sent) {
      const card = h('button', {
        type: 'button', class: ['figure-card', 'figure-link', sent.warn ? 'is-warn' : null, sent.todo ? 'is-todo' : null],
        'data-figure': 'offices.sent',
        id: 'dashboard-senders', title: '查看报送情况',
      },
      h('span', { class: 'figure-label' }, sent.label),
      h('span', { class: 'figure-value' }, String(sent.value), h('span', { class: 'figure-unit' }, sent.unit)),
      sent.note ? h('span', { class: 'figure-note' }, sent.note) : null);
      card.addEventListener('click', () => navigate?.('senders'));
      cards.unshift(card);
    }
    clear(figures, cards);
    renderReminders(dash.reminders);

    disposeCharts();
    const specs = dashboardCharts(dash);
    if (!specs.length) {
      clear(chartsHost, h('p', { class: 'empty-state', id: 'dashboard-no-data' }, upper
        ? '还没有可以画图的数据。收到下级单位的交换文件、或录入本单位的网格和人员后，这里会显示图表。'
        : '还没有可以画图的数据。在“组织架构”录入网格、在“人员名单”录入网格员、在“共建”登记项目后，这里会显示图表。'));
      return;
    }
    // ECharts (1 MB) is read after the figures are on screen, not before the app
    // starts: the first figures never wait for it.
    const token = ++st.drawn;
    if (!globalThis.echarts && !chartsUnavailable) {
      clear(chartsHost, h('p', { class: 'hint', id: 'dashboard-charts-loading' }, '正在载入图表…'));
      loadECharts().then(() => {}, () => { chartsUnavailable = true; })
        .then(() => { if (!st.disposed && token === st.drawn) drawCharts(specs); });
      return;
    }
    drawCharts(specs);
  }

  function drawCharts(specs) {
    const echarts = globalThis.echarts;
    const canDraw = !!echarts && typeof echarts.init === 'function';
    const chartCards = specs.map((spec) => chartCard(spec, canDraw));
    clear(chartsHost,
      canDraw ? null : h('p', { class: 'hint', id: 'dashboard-no-charts' }, '图表组件没有加载，下面以表格显示。'),
      chartCards.map((c) => c.el));
    if (!canDraw) return;
    for (const c of chartCards) {
      try {
        const chart = echarts.init(c.canvas, null, { renderer: 'canvas' });
        chart.setOption(c.spec.option);
        st.charts.push(chart);
      } catch {
        // A chart that cannot be drawn still has its table.
        c.canvas.hidden = true;
        c.details.open = true;
      }
    }
  }

  function renderPanels(dash, carried) {
    clear(panelsHost, dashboardPanels(dash, carried).map((p) => {
      const open = h('button', { type: 'button', class: 'btn-link', id: `dashboard-panel-${p.id}-open` }, '查看');
      open.addEventListener('click', () => navigate?.(p.link, p.link === 'report' ? { period: period.choice() } : undefined));
      return h('section', { class: 'card dashboard-panel', id: `dashboard-panel-${p.id}`, 'aria-labelledby': `dashboard-panel-${p.id}-title` },
        h('div', { class: 'panel-head' }, h('h2', { id: `dashboard-panel-${p.id}-title` }, p.title), open),
        h('dl', { class: 'panel-rows' }, p.rows.map((r) => [
          h('dt', {}, r.label),
          h('dd', { class: r.warn ? 'is-warn' : null },
            h('span', { class: 'panel-value' }, r.value),
            r.note ? h('span', { class: 'panel-note' }, r.note) : null),
        ])));
    }));
  }

  function renderReminders(reminders) {
    remindersHost.hidden = !reminders || upper;
    remindersLine.hidden = remindersHost.hidden || !reminders.items?.length;
    if (remindersHost.hidden) return;
    const rows = reminderRows(reminders);
    if (!remindersLine.hidden) {
      const show = h('button', { type: 'button', class: 'btn-link', id: 'dashboard-reminders-show' }, '查看本周提醒');
      show.addEventListener('click', () => {
        remindersHost.scrollIntoView?.({ block: 'start' });
        remindersHost.focus?.({ preventScroll: true });
      });
      clear(remindersLine,
        h('span', { class: ['reminders-line-text', reminders.overdue ? 'is-warn' : null] }, remindersSummary(reminders)),
        ' ', show);
    }
    clear(remindersHost,
      h('h2', { id: 'dashboard-reminders-title' }, '本周提醒'),
      h('p', { class: 'hint', id: 'dashboard-reminders-summary' }, remindersSummary(reminders)),
      rows.length ? h('ul', { class: 'reminder-list', id: 'dashboard-reminder-list' }, rows.map((r) => {
        const open = h('button', { type: 'button', class: 'btn-link', 'data-reminder': r.key, title: '打开这条记录' }, r.title);
        open.addEventListener('click', () => {
          if (r.target) navigate?.(r.target.view, r.target.route);
        });
        return h('li', { class: ['reminder', r.overdue ? 'is-overdue' : null] },
          open,
          h('span', { class: 'reminder-source' }, r.source),
          h('span', { class: 'reminder-due' }, r.due),
          h('span', { class: ['reminder-state', r.overdue ? 'is-warn' : null] }, r.state));
      })) : null);
  }

  function chartCard(spec, canDraw) {
    const titleId = `chart-${spec.id}-title`;
    const table = h('table', { class: 'data-table chart-table', id: `chart-${spec.id}-table` },
      h('caption', { class: 'sr-only' }, spec.title),
      thead(spec.table.columns.map((c, i) => ({ text: c, class: i ? 'cell-num' : null }))),
      h('tbody', {}, spec.table.rows.map((r) => h('tr', {},
        r.map((v, i) => (i ? h('td', { class: 'cell-num' }, v) : h('th', { scope: 'row' }, v)))))));
    const summaryId = `chart-${spec.id}-summary`;
    const canvas = h('div', {
      class: ['chart', `chart-${spec.size}`], id: `chart-${spec.id}`, role: 'img',
      'aria-labelledby': titleId, 'aria-describedby': summaryId, hidden: !canDraw,
    });
    const details = h('details', { class: 'chart-data', open: !canDraw },
      h('summary', {}, '查看数据'),
      h('div', { class: 'table-scroll' }, table));
    const el = h('section', { class: 'card chart-card', 'data-chart': spec.id, 'aria-labelledby': titleId },
      h('h2', { id: titleId }, spec.title),
      h('p', { class: 'chart-summary hint', id: summaryId }, spec.summary),
      canvas,
      details);
    return { el, canvas, details, spec };
  }

  function disposeCharts() {
    for (const c of st.charts) {
      try { c.dispose(); } catch { /* already gone */ }
    }
    st.charts = [];
  }

  return () => {
    st.disposed = true;
    globalThis.removeEventListener?.('resize', onResize);
    disposeCharts();
  };
}

const ECHARTS_SRC = 'vendor/echarts/echarts.min.js';
let echartsLoading = null;
let chartsUnavailable = false;

/** Loads the vendored ECharts once (a classic script, as CSP `script-src 'self'` allows). */
function loadECharts() {
  if (globalThis.echarts) return Promise.resolve(globalThis.echarts);
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = ECHARTS_SRC;
      script.addEventListener('load', () => (globalThis.echarts ? resolve(globalThis.echarts) : reject(new Error('ECharts'))));
      script.addEventListener('error', () => reject(new Error('ECharts')));
      document.head.appendChild(script);
    });
  }
  return echartsLoading;
}
