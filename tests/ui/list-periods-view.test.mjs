// 期间 on the dated lists (issue 14, item 2), mounted in the fake DOM: 诉求 (the core
// filters: the query carries the period text) and 培训 (a record list: the view
// filters what it loaded with inPeriod), each starting at 全部, switched to this
// quarter, this month, a custom span and back, with the line naming the period and the
// export sending it. Dates are made from today, as the control's choices are.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import './catalog.mjs';
import { all, dispatch, textOf, settle, fakeApi, newHost, viewCtx, domPerTest } from './dom-env.mjs';
import { mountDemandList } from '../../ui/js/views/demands-list/index.js';
import { mountTraining } from '../../ui/js/views/training.js';
import { mountAssessmentCallbacks } from '../../ui/js/views/assessment-callbacks.js';
import { localDate } from '../../ui/js/logic/format.js';
import {
  inPeriod, periodBounds, periodText, periodLabel, thisQuarter,
} from '../../ui/js/logic/period.js';

const TODAY = localDate();
const QUARTER = thisQuarter(TODAY);
const Q = periodBounds(periodText(QUARTER));
/** The day before this quarter starts (in the quarter before). */
const BEFORE = (() => {
  const d = new Date(`${Q.from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
})();

async function choose(host, id, kind) {
  await dispatch(host.querySelector(`#${id}-kind-${kind}`), 'click');
  await settle();
}

/** The export dialog's columns, each kept whole (set by exportWith). */
let exportColumns = [];

/** Exports through the dialog to `path`; '' leaves the box empty, so the save dialog is asked. */
async function exportWith(host, button, path = '/tmp/out.xlsx') {
  await dispatch(host.querySelector(button), 'click');
  await settle();
  const hint = textOf(document.querySelector('#export-dialog'));
  exportColumns = all(document, '#export-dialog .export-column').map((c) => textOf(c));
  document.querySelector('#export-path').value = path;
  await dispatch(document.querySelector('#export-go'), 'click');
  await settle();
  return hint;
}

describe('期间 on the 诉求 list (filtered in the core)', () => {
  domPerTest();

  const demand = (id, receivedOn) => ({
    id, title: `诉求${id}`, source: 'grid_worker', category: '市政', level: 'township', receivedOn, status: 'accepted', history: [],
  });

  test('全部 at first; 季度 sends this quarter and lists its demands; 全部 again sends ""', async () => {
    const store = [demand('a', TODAY), demand('b', BEFORE), demand('c', '2019-05-01')];
    const api = fakeApi({
      listDemands: async (q) => store.filter((d) => inPeriod(d.receivedOn, q.period)),
      demandStats: async (period) => ({ received: store.filter((d) => inPeriod(d.receivedOn, period)).length }),
      exportPartyXlsx: async () => 1,
      chooseSaveFile: async (_title, name) => { offered.push(name); return '/tmp/out.xlsx'; },
    });
    const offered = [];
    const toasts = [];
    const host = newHost();
    const view = mountDemandList(host, {
      ...viewCtx(api, toasts),
      office: { level: 'township' },
      shared: { options: async () => ({}), departments: async () => [], units: async () => ({ villages: [] }) },
    });
    await settle();
    const queries = () => api.calls.filter(([n]) => n === 'listDemands').map(([, q]) => q);
    const rows = () => all(host, '#demands-table tr[data-demand-id]').map((r) => r.getAttribute('data-demand-id'));
    assert.equal(queries().at(-1).period, '', '全部 by default: an open demand from last year stays in sight');
    assert.deepEqual(rows(), ['a', 'b', 'c']);
    assert.equal(host.querySelector('#demand-period-kind-all').getAttribute('aria-pressed'), 'true');
    // The years the demands were received in are offered (2019, older than five years back).
    assert.ok(all(host, '#demand-period-year option').some((o) => o.value === '2019'));

    await choose(host, 'demand-period', 'quarter');
    assert.equal(queries().at(-1).period, periodText(QUARTER));
    assert.deepEqual(rows(), ['a']);
    assert.equal(textOf(host.querySelector('#demands-summary')), `${periodLabel(QUARTER)}（按受理日期）列出 1 件。`);
    // The counts above are of the same demands, and say the period.
    assert.equal(api.calls.filter(([n]) => n === 'demandStats').at(-1)[1], periodText(QUARTER));
    assert.match(textOf(host.querySelector('#demand-stats')), new RegExp(`^${periodLabel(QUARTER)}：收到 1，`));

    // The export sends the period, and the dialog says only its rows are written.
    const hint = await exportWith(host, '#demands-export', '');
    // The file offered, the dates it reads and the columns it writes are the core's words for the list.
    assert.match(hint, new RegExp(`期间：${periodLabel(QUARTER)}，只导出受理日期在这一期间的记录`));
    assert.match(hint, /导出的诉求有这些列：序号、诉求事项、来源、反映人、联系电话（打码）、/);
    assert.deepEqual(offered, [`诉求台账（${periodLabel(QUARTER)}）.xlsx`]);
    // Each column a span of its own, so 联系电话（打码） is never split across lines.
    assert.deepEqual(exportColumns.slice(0, 5), ['序号', '诉求事项', '来源', '反映人', '联系电话（打码）']);
    const [, kind, path, sent] = api.calls.find(([n]) => n === 'exportPartyXlsx');
    assert.deepEqual([kind, path, sent], ['demands', '/tmp/out.xlsx', periodText(QUARTER)]);

    // The year 2019 as the old 年份 filter did.
    await choose(host, 'demand-period', 'year');
    const year = host.querySelector('#demand-period-year');
    year.value = '2019';
    await dispatch(year, 'change');
    await settle();
    assert.equal(queries().at(-1).period, '2019');
    assert.deepEqual(rows(), ['c']);

    await choose(host, 'demand-period', 'all');
    assert.equal(queries().at(-1).period, '');
    assert.deepEqual(rows(), ['a', 'b', 'c']);
    assert.equal(textOf(host.querySelector('#demands-summary')), '列出 3 件。');
    assert.match(textOf(host.querySelector('#demand-stats')), /^收到 3，/);
    view.dispose();
  });
});

describe('期间 on the 培训 list (a record list, filtered in the view)', () => {
  domPerTest();

  test('quarter, month and a custom span filter by 培训日期; the line names the period and the count', async () => {
    const sessions = [
      { id: 's1', level: 'township', levelLabel: '乡镇级', date: TODAY, topic: '网格员履职能力提升', hours: 3, personTimes: 4 },
      { id: 's2', level: 'county', levelLabel: '县级', date: BEFORE, topic: '社区治理专题培训', hours: 1.5, personTimes: 21 },
    ];
    const api = fakeApi({
      listTrainingSessions: async () => sessions.map((s) => ({ ...s })),
      trainingCoverage: async (period) => ({ year: 2026, label: period ? `期间 ${period}` : '全部', sessions: period ? 1 : 2 }),
      exportPartyXlsx: async () => 1,
    });
    const host = newHost();
    const view = mountTraining(host, viewCtx(api, []));
    await settle();
    const rows = () => all(host, '#training-table tr[data-training-id]').map((r) => r.getAttribute('data-training-id'));
    const line = () => textOf(host.querySelector('#training-period-line'));
    assert.deepEqual(rows(), ['s1', 's2']);
    assert.equal(line(), '全部：2 次。');
    // The older session open: the quarter leaves it out, so its panel closes.
    await dispatch(host.querySelector('#training-table tr[data-training-id="s2"]'), 'click');
    await settle();
    assert.ok(host.querySelector('#training-form'), 'opened');

    await choose(host, 'training-period', 'quarter');
    assert.deepEqual(rows(), ['s1']);
    assert.equal(host.querySelector('#training-form'), null, 'the panel of a session not listed is closed');
    assert.equal(line(), `${periodLabel(QUARTER)}（按培训日期）：1 次，共 2 次。`);
    // The coverage line above follows the period, as the core counts it.
    const covered = () => api.calls.filter(([n]) => n === 'trainingCoverage').at(-1)[1];
    assert.equal(covered(), periodText(QUARTER));
    assert.match(textOf(host.querySelector('#training-coverage')), new RegExp(`^期间 ${periodText(QUARTER)}：培训 1 次`));
    await choose(host, 'training-period', 'month');
    assert.deepEqual(rows(), ['s1']);

    // A custom span ending the day before the quarter: only the older session.
    await choose(host, 'training-period', 'custom');
    const from = host.querySelector('#training-period-from');
    const to = host.querySelector('#training-period-to');
    from.value = `${BEFORE.slice(0, 4)}-01-01`;
    to.value = BEFORE;
    await dispatch(to, 'change');
    await settle();
    assert.deepEqual(rows(), ['s2']);
    assert.equal(line(), `${from.value}至${BEFORE}（按培训日期）：1 次，共 2 次。`);

    // The sessions' export sends the span.
    await exportWith(host, '#training-export');
    const call = api.calls.find(([n]) => n === 'exportPartyXlsx');
    assert.deepEqual(call.slice(1), ['training-sessions', '/tmp/out.xlsx', `${from.value}..${BEFORE}`]);

    // A span with none: the list says so, not "还没有…".
    from.value = '2001-01-01';
    to.value = '2001-12-31';
    await dispatch(to, 'change');
    await settle();
    assert.deepEqual(rows(), []);
    assert.match(textOf(host.querySelector('#training-empty')), /^2001-01-01至2001-12-31没有培训（按培训日期）/);

    await choose(host, 'training-period', 'all');
    assert.deepEqual(rows(), ['s1', 's2']);
    assert.equal(covered(), '');
    assert.match(textOf(host.querySelector('#training-coverage')), /^全部期间：培训 2 次/);
    view.dispose?.();
  });
});

describe('期间 on 电话回访 (the counts above follow the period)', () => {
  domPerTest();

  test('a quarter lists its call-backs, asks the counts of that quarter and says it; the export sends it', async () => {
    const calls = [
      { id: 'c1', calledOn: TODAY, communityName: '青溪社区', personName: '孙八', result: 'satisfied', resultLabel: '满意' },
      { id: 'c2', calledOn: BEFORE, communityName: '桃园村', personName: '周九', result: 'basic', resultLabel: '基本满意' },
    ];
    const api = fakeApi({
      listCallbacks: async () => calls.map((c) => ({ ...c })),
      callbackSummary: async (period) => {
        const n = calls.filter((c) => inPeriod(c.calledOn, period)).length;
        return { total: n, recorded: n, fromDemands: 0, satisfied: n, basic: 0, unsatisfied: 0, satisfaction: { rate: 1 }, communities: [] };
      },
      listUnits: async () => [],
      listDemands: async () => [],
      exportPartyXlsx: async () => 1,
    });
    const host = newHost();
    const view = mountAssessmentCallbacks(host, viewCtx(api, []));
    await view.show();
    await settle();
    const rows = () => all(host, '#callbacks-table tr[data-callback-id]').map((r) => r.getAttribute('data-callback-id'));
    const summary = () => textOf(host.querySelector('#callbacks-summary'));
    assert.deepEqual(rows(), ['c1', 'c2']);
    assert.match(summary(), /^电话回访 2 次/);

    await choose(host, 'callback-period', 'quarter');
    assert.deepEqual(rows(), ['c1']);
    assert.equal(api.calls.filter(([n]) => n === 'callbackSummary').at(-1)[1], periodText(QUARTER));
    assert.match(summary(), new RegExp(`^${periodLabel(QUARTER)}：电话回访 1 次`));
    assert.match(textOf(host.querySelector('#callback-period-line')), /按回访日期/);

    await exportWith(host, '#callbacks-export');
    const call = api.calls.find(([n]) => n === 'exportPartyXlsx');
    assert.deepEqual(call.slice(1), ['callbacks', '/tmp/out.xlsx', periodText(QUARTER)]);

    await choose(host, 'callback-period', 'all');
    assert.deepEqual(rows(), ['c1', 'c2']);
    assert.match(summary(), /^电话回访 2 次/);
    view.dispose?.();
  });
});
