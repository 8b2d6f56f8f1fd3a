// 考核 › 评分结果: for a period (年度 or 季度, the period control of 首页 and 统计; a
// choice scores at once), the score table per office (名次, each group's points,
// 总分; offices below from the files received), an office's detail (each indicator's
// value, points and note; each report key of a computed value drills into its records
// through report_drill; a manual indicator is scored here), 打印评分表, the results
// (assessment-results.js: 表彰 and 通报批评 with their 整改事项 tracked to done) and
// 派出机构考核评价 (assessment-outposts.js: the township's own, or at a county those received).
import { h, clear, thead } from '../dom.js';
import { loadingTab } from './tabbed.js';
import { num, scoreRows, pendingNote } from '../logic/assessment.js';
import { reportError, errorMessage } from '../logic/errors.js';
import { formKeyAction, showMessage, hideMessage } from '../forms.js';
import { localDate } from '../logic/format.js';
import { drillView } from '../logic/report.js';
import { outpostSection } from './assessment-outposts.js';
import { resultsSection } from './assessment-results.js';
import { confirmDialog, confirmDiscard } from '../dialog.js';
import { openXlsxExportDialog } from './export.js';
import { periodControl } from '../period-control.js';

export function mountScores(host, ctx) {
  const { api, toast, alert, onError, office } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const today = ctx.today ?? localDate();
  const st = { period: today.slice(0, 4), table: null, scope: '', disposed: false, token: 0 };

  // The clerk picks 2026年 or 2026年第四季度 as every other screen names it (a box that
  // took only 2026Q4 refused 2026年第四季度); the core reads its text (2026, 2026Q4).
  // In January and February the year to score is the one just ended (it opened on
  // five days of the new year, a provisional 总分, probe Z).
  const closing = Number(today.slice(5, 7)) <= 2;
  const period = periodControl({
    id: 'scores-period', title: '考核期间', today, only: ['year', 'quarter'], onChange: () => load(),
    initial: closing ? { kind: 'year', year: Number(today.slice(0, 4)) - 1, quarter: 4, month: 12 } : null,
  });
  st.period = period.value();
  const run = h('button', { type: 'button', class: 'btn btn-primary', id: 'scores-run' }, '计算评分');
  const print = h('button', { type: 'button', class: 'btn btn-secondary', id: 'scores-print' }, '打印评分表');
  const status = h('p', { class: 'muted', id: 'scores-status', 'aria-live': 'polite' });
  const tableHost = h('div', { id: 'scores-table-host', class: 'print-area table-scroll' });
  const detailHost = h('section', { id: 'scores-detail', hidden: true, 'aria-labelledby': 'scores-detail-title' });
  const drillHost = h('section', { id: 'scores-drill', class: 'no-print', hidden: true, tabindex: '-1', 'aria-labelledby': 'scores-drill-title' });
  run.addEventListener('click', () => load());
  print.addEventListener('click', () => globalThis.print?.());
  // 导出Excel: the table of the period on screen, for the county to hand on.
  const exportBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'scores-export' }, '导出Excel');
  exportBtn.addEventListener('click', () => {
    if (!st.table) {
      status.textContent = '请先计算评分，再导出。';
      return;
    }
    const p = st.table.period;
    const said = st.table.periodLabel || p;
    openXlsxExportDialog({
      api, toast, onError,
      hint: [`导出 ${said} 的评分表：评分结果（每个单位一行）和各项指标（每个单位每项指标一行）。`],
      pickTitle: '导出评分表',
      defaultName: `考核评分表（${said}）.xlsx`,
      write: async (path) => {
        await api.exportScoreXlsx(path, p);
        return '已导出评分表';
      },
    });
  });
  host.append(
    h('div', { class: 'button-row no-print' },
      period.el, run, print, exportBtn),
    status, tableHost, detailHost, drillHost);
  const results = resultsSection(ctx, { st, today, reload: () => reload() });
  host.append(results.el);
  const outposts = outpostSection(ctx, { period: st.period });
  host.append(outposts.el);

  // After a score is saved or withdrawn: the period the table is of (a choice scores
  // at once, so the control shows it).
  function reload() {
    return load();
  }

  async function load() {
    const p = period.value();
    const token = ++st.token;
    status.textContent = '正在计算…';
    let t;
    try { t = await api.scoreTable(p); } catch (e) {
      if (st.disposed || token !== st.token) return;
      status.textContent = '';
      // A period refused (2027 not begun): no table of another period stays under it
      // (a score saved there went to the refused period).
      st.table = null;
      clear(tableHost);
      clear(detailHost);
      drillHost.hidden = true;
      clear(drillHost);
      fail(e);
      return;
    }
    if (st.disposed || token !== st.token) return;
    // A refusal said before (2027年第一季度还没有开始…) is not about this table.
    ctx.clearAlert?.();
    st.period = p;
    st.table = t;
    // A drill-down open for the period scored before would now be another period's.
    drillHost.hidden = true;
    clear(drillHost);
    renderTable();
    if (st.scope) renderDetail(st.scope);
    results.load();
    outposts.load();
  }

  function renderTable() {
    const t = st.table;
    const rows = scoreRows(t);
    // A quarter or a month is scored against the year's targets: said, so a quarter's
    // 43.84 beside the year's 66.26 is not read as a fall (probe AJ).
    const partOfYear = t.period && !/^\d{4}$/.test(String(t.period))
      ? '。季度、月份的评分与年度用同一套目标，计数类指标（如会议次数、培训人次）在一年的一部分里通常达不到，仅供参考，以年度评分为准'
      : '';
    status.textContent = (t.indicators ?? []).length
      ? `${t.periodLabel || t.period} · 指标体系第 ${t.version} 版 · ${t.indicators.length} 项指标，满分 ${num(t.maxTotal)} 分${partOfYear}`
      : '还没有考核指标：请先在“指标体系”里装入默认指标体系或新增指标。';
    // No indicators: nothing to score (each office read 总分 0 with a 明细, probe AE).
    if (!(t.indicators ?? []).length) {
      clear(tableHost, h('p', { class: 'empty-state', id: 'scores-none' }, '还没有考核指标，所以还没有评分。装入或新增指标后，这里按指标为每个单位评分。'));
      return;
    }
    const groups = rows.find((r) => !r.notReported)?.groups ?? [];
    clear(tableHost,
      h('h2', { class: 'print-only' }, `${office?.name ?? ''} ${t.periodLabel || t.period} 考核评分表`),
      h('table', { class: 'data-table', id: 'scores-table' },
        thead('名次', '单位', groups.map((g) => `${g.label}（${g.max}）`), '总分', { sr: '操作', class: 'no-print' }),
        h('tbody', {}, rows.map((r) => {
          if (r.notReported) {
            return h('tr', { 'data-scope': r.scope, class: 'not-reported' },
              h('td', { class: 'cell-nowrap' }, r.rank),
              h('td', { class: 'cell-name' }, r.name),
              h('td', { colspan: String(groups.length + 1), class: 'hint' }, '未报送，不参加排名'),
              h('td', { class: 'no-print' }));
          }
          const open = h('button', { type: 'button', class: 'btn btn-small btn-secondary', 'data-open-scope': r.scope }, '明细');
          open.addEventListener('click', async () => {
            // Another office's 明细 replaces the open score form: asked first, as 评分 is.
            if (!(await keepsTypedScore())) renderDetail(r.scope);
          });
          return h('tr', { 'data-scope': r.scope },
            h('td', { class: 'cell-nowrap' }, r.rank),
            h('td', { class: 'cell-name' }, r.name, r.unlisted ? h('span', {
              class: 'badge badge-info unlisted', title: '这个单位不在“报送情况”的应报名单里，也参加了排名；如应报，请把它加入应报名单',
            }, '不在应报名单') : null,
            // What 报送情况 says against its file (probe AK: a county lacking a township ranked 1st).
            r.cautions.map((c) => h('span', { class: 'badge badge-warn score-caution', 'data-caution': r.scope }, c)),
            r.averagedOver ? h('span', { class: 'hint score-averaged', 'data-averaged': r.scope }, `（按 ${r.averagedOver} 个下级单位平均）`) : null),
            r.groups.map((g) => h('td', { class: 'num' }, g.points)),
            h('td', { class: 'num total', title: r.pending.count ? `另有 ${r.pending.count} 项待评分，暂按 0 分计入` : null },
              r.pending.count ? `${r.total}*` : r.total),
            h('td', { class: 'no-print' }, open));
        }))),
      pendingNote(rows) ? h('p', { class: 'hint', id: 'scores-pending' }, pendingNote(rows)) : null,
      rows.some((r) => r.averagedOver)
        ? h('p', { class: 'hint', id: 'scores-averaged' }, '县/区的数是它所含各乡镇/街道的合计：计数类指标按乡镇/街道平均后与目标比较，比率类指标不受影响，所以含乡镇多的县/区不会因此多得分。明细里的数仍是合计。')
        : null,
      rows.some((r) => r.cautions.length)
        ? h('p', { class: 'hint', id: 'scores-cautions' }, '名称旁有黄色标记的单位，报送的数据不完整或不是最新的（见“报送情况”），它的得分和名次可能变化：公布排名前请先核实，或等它重新报送。')
        : null,
      // A township's own team scores stay with it: the county's totals can differ
      // from the township's, unsaid (probe AA: 55.82 against 68.62).
      office?.level === 'county' || office?.level === 'city'
        ? h('p', { class: 'hint', id: 'scores-team-note' }, '考核组评分的指标由本级考核组在这里为每个下级单位评定；下级单位自己评的分不随数据包上报，所以这里的总分可能与下级单位自己看到的不同。')
        // …and the township is told its own (probe AJ: 67.76 at home, 53.47 at the county).
        : h('p', { class: 'hint', id: 'scores-team-note' }, '考核组评分的指标在这里由本单位自评，供本单位参考：自评的分不随数据包上报，上级按它自己考核组的评分计算，所以上级看到的总分可能不同。自评时请写明评分说明和佐证材料。'));
  }

  /** An indicator's target as the detail shows it: 95%（越高越好）; '' for one scored by the team. */
  function targetText(head) {
    if (!head || head.method !== 'computed') return '';
    return `${num(head.target)}${head.unit ?? ''}（${head.directionLabel ?? ''}）`;
  }

  function renderDetail(scope) {
    const t = st.table;
    const row = scoreRows(t).find((r) => r.scope === scope);
    if (!row) return;
    st.scope = scope;
    detailHost.hidden = false;
    const heads = t.indicators ?? [];
    clear(detailHost,
      h('h2', { id: 'scores-detail-title' }, `${row.name} · 各项指标`),
      h('table', { class: 'data-table', id: 'scores-detail-table' },
        thead(['编号', '指标', '值', '目标', '得分', '说明', { sr: '操作' }]),
        h('tbody', {}, row.cells.map((c, i) => h('tr', { 'data-indicator': c.code },
          h('td', { class: 'mono' }, c.code),
          h('td', {}, heads[i]?.name ?? ''),
          h('td', { class: 'num' }, c.value),
          // Why it scored so: the target beside the value, the formula with this
          // office's figures beside the note (a county saw 0 / 4 with neither).
          h('td', { class: 'cell-nowrap' }, targetText(heads[i])),
          h('td', { class: 'num' }, `${c.points} / ${num(heads[i]?.points)}`),
          h('td', { class: 'cell-summary' }, [c.note, c.how].filter(Boolean).join('；')),
          h('td', { class: 'no-print' },
            c.drills.map(({ key, label }) => {
              const b = h('button', { type: 'button', class: 'drill-btn', 'data-drill-key': key, 'data-drill-scope': scope, title: `查看“${label}”的记录` }, label);
              b.addEventListener('click', () => drill(scope, key));
              return b;
            }),
            c.manual ? scoreButton(row, c, heads[i]) : null))))));
  }

  // The open score form's 'has it typed what is not saved' (null: none open): 评分 on
  // another row closed it and lost a typed score without a word.
  let openScoreDirty = null;

  /**
   * Asked before something replaces the open score form that holds what is typed
   * (放弃修改？): true when nothing is to be done, the clerk keeping it (the form
   * focused again) or the view gone.
   */
  async function keepsTypedScore() {
    const open = detailHost.querySelector('#scores-manual-row') && openScoreDirty;
    if (open && !(await confirmDiscard(open()))) {
      detailHost.querySelector('#scores-manual-score')?.focus?.();
      return true;
    }
    return st.disposed;
  }

  function scoreButton(row, c, head) {
    const b = h('button', { type: 'button', class: 'btn btn-small btn-secondary', 'data-score-indicator': c.code }, '评分');
    b.addEventListener('click', async () => {
      if (await keepsTypedScore()) return;
      const score = h('input', { id: 'scores-manual-score', class: 'input-short', 'aria-label': '得分', size: 6 });
      const note = h('input', { id: 'scores-manual-note', 'aria-label': '评分说明' });
      const evidence = h('input', { id: 'scores-manual-evidence', 'aria-label': '佐证材料' });
      const save = h('button', { type: 'button', class: 'btn btn-primary btn-small', id: 'scores-manual-save' }, '保存评分');
      // A score given before opens as it is (scoring again wiped its 说明 and 佐证),
      // and 撤销评分 puts the cell back to 待评分.
      let given = null;
      try {
        const all = await api.listManualScores(st.period);
        given = (Array.isArray(all) ? all : []).find((m) => m.officeCode === row.code && m.indicatorCode === c.code) ?? null;
      } catch (e) {
        fail(e);
        return;
      }
      if (st.disposed) return;
      if (given) {
        score.value = String(given.score ?? '');
        note.value = given.note ?? '';
        evidence.value = given.evidence ?? '';
      }
      const withdraw = given
        ? h('button', { type: 'button', class: 'btn btn-link btn-small link-danger', id: 'scores-manual-withdraw' }, '撤销评分')
        : null;
      withdraw?.addEventListener('click', async () => {
        if (!await confirmDialog({
          title: '撤销评分',
          message: `撤销“${head?.name ?? c.code}”给${row.name}的评分？这一项回到“待评分”，评分放进回收站。`,
          okText: '撤销评分', cancelText: '不撤销', danger: true,
        })) return;
        try {
          await api.deleteManualScore(given.id);
        } catch (e) {
          fail(e);
          return;
        }
        if (st.disposed) return;
        toast(`已撤销“${head?.name ?? c.code}”的评分`);
        reload();
      });
      // A wrong score is said under the form it is about, and goes with it (a banner
      // stayed after the score was saved, over the next row's form).
      const error = h('p', { class: 'field-error', id: 'scores-manual-error', role: 'alert', hidden: true });
      save.addEventListener('click', async () => {
        hideMessage(error);
        try {
          await api.setManualScore({
            period: st.period, officeCode: row.code, indicatorCode: c.code,
            score: score.value, note: note.value, evidence: evidence.value,
          });
        } catch (e) {
          if (e?.kind === 'validation') showMessage(error, errorMessage(e));
          else fail(e);
          return;
        }
        if (st.disposed) return;
        ctx.clearAlert?.();
        openScoreDirty = null;
        toast(`已保存“${head?.name ?? c.code}”的评分`);
        reload();
      });
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'scores-manual-cancel' }, '取消');
      // The form opens on a row of its own under the indicator, so the table's columns
      // stay where they were; 取消 (or Esc) puts the 评分 button back.
      const formRow = h('tr', { class: 'manual-score-row no-print', id: 'scores-manual-row' },
        h('td', { colspan: '6' }, h('div', { class: 'inline-form labelled-form' },
          h('label', {}, `${head?.name ?? c.code} 得分（0–${num(head?.points)}）`, score),
          h('label', {}, '说明', note), h('label', {}, '佐证', evidence), save, cancel, withdraw), error));
      const close = () => {
        formRow.remove();
        openScoreDirty = null;
        b.hidden = false;
        b.focus?.();
      };
      const typed = [score.value, note.value, evidence.value];
      openScoreDirty = () => [score.value, note.value, evidence.value].some((v, k) => v !== typed[k]);
      cancel.addEventListener('click', close);
      formRow.addEventListener('keydown', (e) => {
        const action = formKeyAction(e); // Enter and Esc belong to a Chinese IME while it composes
        if (action === 'cancel') close();
        else if (action === 'save') save.click();
      });
      detailHost.querySelector('#scores-manual-row')?.remove();
      detailHost.querySelectorAll('[data-score-indicator]').forEach((x) => { x.hidden = false; });
      b.closest('tr').after(formRow);
      b.hidden = true;
      score.focus?.();
    });
    return b;
  }

  async function drill(scope, key) {
    const token = ++st.token;
    drillHost.hidden = false;
    clear(drillHost, h('p', { class: 'loading' }, '正在查找记录…'));
    let d;
    // The period scored: the records its figure counted, as 统计 drills them.
    try { d = await api.reportDrill(scope, key, st.table?.period); } catch (e) { if (!st.disposed) fail(e); return; }
    if (st.disposed || token !== st.token) return;
    const row = scoreRows(st.table).find((r) => r.scope === scope);
    const view = drillView(d, { office, columnLabel: row?.name ?? '' });
    clear(drillHost,
      h('h2', { id: 'scores-drill-title' }, `${view.title}（${d?.period || st.table?.period || ''}）`),
      h('p', { id: 'scores-drill-count' }, view.countText),
      view.rows.length
        ? h('table', { class: 'data-table drill-table', id: 'scores-drill-table' },
          thead('单位', '类型', view.nameLabel, view.codeLabel, '说明'),
          h('tbody', {}, view.rows.map((r) => h('tr', { 'data-record-id': r.id },
            h('td', {}, r.office), h('td', {}, r.kind), h('td', {}, r.name), h('td', { class: 'mono' }, r.code), h('td', {}, r.detail)))))
        : h('p', { class: 'hint' }, '没有对应的记录。'));
    drillHost.focus?.({ preventScroll: true });
    // The list sits under the table and the detail: brought into sight (a click
    // on a figure seemed to do nothing).
    drillHost.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }

  return loadingTab(st, load, { dispose: () => outposts.dispose() });
}
