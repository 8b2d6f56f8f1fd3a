// 考核 › 抽查 (issue 16, item 4): the quarter's draw of compounds and inspectors
// (双随机). A form (季度, 比例 ≥ 30%, 随机号 from the meeting, 重抽原因) with 预览 and
// 抽取; every sample of every quarter, the one in force first, a replaced one kept
// with the reason; 核验 redoes a draw from its record; 打印抽查名单 and 打印公示 print
// on A4 with the seed and the rule. Below, the assessment team's roster (回避 by the
// community an inspector works in).
import { h, clear, formField, thead } from '../dom.js';
import { loadingTab } from './tabbed.js';
import { excelTools } from './excel-tools.js';
import { reportError } from '../logic/errors.js';
import { localDate } from '../logic/format.js';
import {
  drawCountText, ratePermilleOf, parseSampleForm, periodLabel, quarterChoices, quarterOf, rateText, sampleReasonLabel,
} from '../logic/assessment.js';

export function mountSampling(panel, ctx) {
  const { api, toast, onError } = ctx;
  const today = ctx.today ?? localDate();
  const st = { samples: [], inspectors: [], villages: [], disposed: false, dirty: false };
  const previewBox = h('div', { id: 'sampling-preview-box' });
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });

  // A preview is of the values it was made with: any change takes it away, so the
  // list on screen is never another number's (probe AJ: 13 compounds stayed under 30% / 5).
  const stalePreview = () => { if (previewBox.firstChild) clear(previewBox); };
  const field = (id, label, attrs = {}) => {
    const input = h('input', { id: `sampling-${id}`, name: id, ...attrs });
    input.addEventListener('input', () => { st.dirty = true; stalePreview(); });
    return { input, el: formField(label, input) };
  };
  // Picked by name (2026年第四季度), not typed as 2026Q4.
  const quarterSelect = h('select', { id: 'sampling-quarter', name: 'quarter' },
    quarterChoices(today).map((o) => h('option', { value: o.value }, o.label)));
  quarterSelect.value = quarterOf(today);
  quarterSelect.addEventListener('change', () => { st.dirty = true; stalePreview(); });
  const quarter = { input: quarterSelect, el: formField('季度', quarterSelect) };
  const rate = field('rate', '抽查比例', { value: '30%', size: 6 });
  const number = field('number', '随机号', { placeholder: '会上写下的数字', inputmode: 'numeric', size: 17 });
  const reason = field('reason', '原因', { placeholder: '重抽或补抽以前的季度时填写', size: 24 });
  const error = h('p', { class: 'field-error', id: 'sampling-error', role: 'alert', hidden: true });
  const previewBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'sampling-preview' }, '预览');
  const drawBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'sampling-draw' }, '抽取并保存');
  const list = h('div', { id: 'sampling-list', 'aria-live': 'polite' });
  const roster = h('div', { id: 'sampling-roster' });
  const main = h('div', { class: 'sampling-main' },
    h('p', { class: 'hint' }, '每季度按村/社区分层随机抽取不少于 30% 的小区（向上取整，每个村/社区至少 1 个，优先抽上季度未抽中的），检查人员同时随机抽取并回避本村/社区。随机号在抽查会上当场写下并记入会议记录，任何人用同样的季度、单位代码和随机号都能重抽出同样的结果。'),
    h('form', { class: 'field-row', id: 'sampling-form' }, quarter.el, rate.el, number.el, reason.el, previewBtn, drawBtn),
    error, previewBox,
    h('div', { class: 'card-header' }, h('h2', {}, '各季度抽查样本'),
      excelTools({ api, toast, onError, prefix: 'samples', exportKind: 'samples', exportText: '导出抽查台账' })),
    list,
    h('h2', {}, '考核组名单（检查人员）'), roster);
  const screen = h('div', { class: 'notice-screen', id: 'sampling-print', hidden: true });
  panel.append(main, screen);

  const showError = (e) => {
    stalePreview();
    error.textContent = e.message;
    error.hidden = false;
    const target = panel.querySelector(`#sampling-${e.field}`);
    if (target) target.focus();
  };
  const current = (q) => st.samples.find((s) => s.quarter === q && s.current);
  const read = () => parseSampleForm(
    { quarter: quarter.input.value, rate: rate.input.value, number: number.input.value, reason: reason.input.value },
    { needsReason: Boolean(current(quarter.input.value.trim().toUpperCase())), today },
  );
  const fieldOf = (e) => e?.field ?? e?.details?.field;

  previewBtn.addEventListener('click', async () => {
    error.hidden = true;
    const r = parseSampleForm({ quarter: quarter.input.value, rate: rate.input.value, number: number.input.value });
    if (!r.ok) { showError(r.error); return; }
    try {
      const d = await api.previewSample(r.input);
      if (st.disposed) return;
      // How many and why that many, as the card will say it (probe AL).
      const strata = Array.isArray(d.strata) ? d.strata : [];
      const frame = strata.reduce((n, x) => n + (Number(x.compounds) || 0), 0);
      clear(previewBox, h('h3', {}, `预览（未保存）：抽取 ${d.size} 个小区，复核码 ${d.seed}`),
        frame ? h('p', { class: 'hint', id: 'sampling-preview-count' }, drawCountText(frame, strata.length, d.drawn.length, ratePermilleOf(r.input.rate))) : null,
        drawnTable(d.drawn, 'sampling-preview-table'));
    } catch (e) {
      if (fieldOf(e)) showError({ field: fieldOf(e), message: e.message }); else fail(e);
    }
  });
  drawBtn.addEventListener('click', async () => {
    error.hidden = true;
    const r = read();
    if (!r.ok) { showError(r.error); return; }
    try {
      const s = await api.drawSample(r.input);
      if (st.disposed) return;
      st.dirty = false;
      reason.input.value = '';
      clear(previewBox);
      toast?.(`已抽取${s.quarterLabel ?? periodLabel(s.quarter)}样本：${s.drawn.length} 个小区`);
      await load();
    } catch (e) {
      if (fieldOf(e)) showError({ field: fieldOf(e), message: e.message }); else fail(e);
    }
  });

  function drawnTable(drawn, id) {
    return h('table', { class: 'data-table', id },
      thead(['序号', '村/社区', '小区', '检查人员', '备注']),
      h('tbody', {}, drawn.map((d, i) => h('tr', { 'data-compound-id': d.compoundId },
        h('td', {}, String(i + 1)), h('td', {}, d.communityName), h('td', {}, d.compoundName),
        h('td', {}, (d.inspectorNames ?? []).join('、')), h('td', { class: 'muted' }, d.drawnLastQuarter ? '上季度也抽中' : '')))));
  }

  function sampleCard(s) {
    const verify = h('button', { type: 'button', class: 'btn btn-link', 'data-verify': s.id }, '核验');
    const verdict = h('span', { class: 'muted', 'data-verdict': s.id });
    verify.addEventListener('click', async () => {
      try {
        const same = await api.verifySample(s.id);
        verdict.textContent = same ? '核验一致：按记录重抽得到同样的小区和检查人员' : '核验不一致：记录可能被改动过';
      } catch (e) { fail(e); }
    });
    const printList = h('button', { type: 'button', class: 'btn btn-secondary', 'data-print-list': s.id }, '打印抽查名单');
    printList.addEventListener('click', () => openPrint(sampleSheet(s)));
    const printNotice = h('button', { type: 'button', class: 'btn btn-secondary', 'data-print-notice': s.id }, '打印公示');
    printNotice.addEventListener('click', async () => {
      try {
        const n = await api.sampleNotice(s.quarter);
        if (!st.disposed) openPrint(noticeSheet(n, s));
      } catch (e) { fail(e); }
    });
    const status = s.current
      ? h('span', { class: 'badge' }, '在用')
      : h('span', { class: 'badge badge-muted' }, '已被重抽替换');
    return h('section', { class: 'sample-card', 'data-sample-id': s.id, 'data-current': String(Boolean(s.current)) },
      h('h3', {}, `${s.quarterLabel ?? periodLabel(s.quarter)} `, status),
      h('p', { class: 'muted' }, `抽查比例 ${rateText(s.ratePermille)} · 小区 ${s.frame?.length ?? 0} 个，抽中 ${s.drawn.length} 个 · 已检查 ${s.inspected ?? 0} 个 · 随机号 ${s.number} · 复核码 ${s.seed} · ${s.drawnOn} 抽取`),
      h('p', { class: 'hint', 'data-count': s.id }, drawCountText(s.frame?.length ?? 0, communitiesOf(s.drawn), s.drawn.length, s.ratePermille)),
      s.redrawReason ? h('p', { class: 'hint', 'data-reason': s.id }, `${sampleReasonLabel(s)}：${s.redrawReason}`) : null,
      s.current ? h('div', { class: 'toolbar' }, printList, printNotice, verify, verdict) : h('div', { class: 'toolbar' }, verify, verdict),
      drawnTable(s.drawn, `sample-table-${s.id}`));
  }

  // ---------- A4 sheets ----------
  function paper(title, sub, body, foot) {
    return h('article', { class: 'notice-card', 'aria-labelledby': 'sampling-print-title' },
      h('header', { class: 'notice-head' },
        h('p', { class: 'notice-office' }, sub),
        h('h1', { id: 'sampling-print-title', class: 'notice-title' }, title)),
      h('div', { class: 'notice-body' }, body),
      h('footer', { class: 'notice-foot' }, foot));
  }
  const communitiesOf = (rows) => new Set((rows ?? []).map((r) => r.communityName)).size;
  function sampleSheet(s) {
    return paper(`${s.quarterLabel ?? periodLabel(s.quarter)}小区抽查名单`, s.officeName ?? '',
      [drawnTable(s.drawn, 'sampling-print-table'),
        h('p', { class: 'print-seed' }, `随机号 ${s.number}，复核码 ${s.seed}，抽查比例 ${rateText(s.ratePermille)}。${drawCountText(s.frame?.length ?? 0, communitiesOf(s.drawn), s.drawn.length, s.ratePermille)}`),
        reasonLine(s),
        h('p', { class: 'print-rule' }, `抽取规则：${s.rule}`)],
      [h('span', {}, `${s.drawnOn} 抽取`), h('span', {}, '考核组签字：____________')]);
  }
  /** A redraw's or a late draw's reason, printed with the sample (probe AL). */
  const reasonLine = (s) => (s?.redrawReason ? h('p', { class: 'print-seed', 'data-print-reason': '' }, `${sampleReasonLabel(s)}：${s.redrawReason}`) : null);
  function noticeSheet(n, s) {
    const rows = n.rows.map((r, i) => h('tr', {},
      h('td', {}, String(i + 1)), h('td', {}, r.communityName), h('td', {}, r.compoundName), h('td', {}, r.inspectors),
      h('td', {}, r.inspectedOn || '待检查'), h('td', {}, r.score == null ? '' : `${r.score} 分`), h('td', {}, r.findings)));
    return paper(`${n.quarterLabel}小区抽查结果公示`, n.officeName,
      [h('table', { class: 'notice-table', id: 'sampling-notice-table' },
        thead(['序号', '村/社区', '小区', '检查人员', '检查日期', '得分', '发现的问题']),
        h('tbody', {}, rows)),
      h('p', { class: 'print-seed' }, `按“双随机、一公开”要求公示。${drawCountText(n.frameSize, communitiesOf(n.rows), n.rows.length, n.ratePermille)}${n.pending ? `尚有 ${n.pending} 个小区待检查。` : ''}`),
      reasonLine(s),
      // For residents: how it was drawn in words; the seed and generator are on the
      // 抽查名单 and in 核验 (probe AJ: SHA-256 and SplitMix64 meant nothing here).
      h('p', { class: 'print-rule' }, `抽取方法：按村/社区分层随机抽取小区，检查人员从考核组名单中随机抽取，不检查本人工作所在的村/社区。随机号 ${n.number}（考核组在抽查会上当场写下），复核码 ${n.seed}，任何人可据此重抽核验。`)],
      [h('span', {}, `${n.officeName} · 发布日期 ${today}`), h('span', {}, '公示期：自发布之日起 5 个工作日，如有异议请向本单位反映')]);
  }
  function openPrint(card) {
    const back = h('button', { type: 'button', class: 'btn btn-secondary', id: 'sampling-print-back' }, '返回');
    back.addEventListener('click', closePrint);
    clear(screen,
      h('div', { class: 'notice-toolbar' }, back,
        h('button', { type: 'button', class: 'btn btn-primary', id: 'sampling-print-go', onClick: () => globalThis.print?.() }, '打印'),
        h('span', { class: 'hint' }, '打印时请选择 A4 纸、纵向。')),
      h('div', { class: 'notice-paper' }, card));
    main.hidden = true;
    screen.hidden = false;
  }
  function closePrint() {
    screen.hidden = true;
    clear(screen);
    main.hidden = false;
  }

  // ---------- the roster ----------
  function renderRoster() {
    const name = h('input', { id: 'inspector-name', size: 8 });
    const unit = h('input', { id: 'inspector-unit', placeholder: '如 街道党政办', size: 14 });
    const community = h('select', { id: 'inspector-community' },
      h('option', { value: '' }, '不在村/社区工作（乡镇机关等）'),
      st.villages.map((v) => h('option', { value: v.id }, v.name)));
    const add = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inspector-add' }, '添加检查人员');
    const rosterError = h('p', { class: 'field-error', id: 'inspector-error', role: 'alert', hidden: true });
    add.addEventListener('click', async () => {
      rosterError.hidden = true;
      try {
        await api.createInspector({ name: name.value, unitName: unit.value, communityId: community.value });
        if (st.disposed) return;
        toast?.(`已添加检查人员“${name.value.trim()}”`);
        await load();
      } catch (e) {
        if (fieldOf(e)) { rosterError.textContent = e.message; rosterError.hidden = false; } else fail(e);
      }
    });
    const rows = st.inspectors.map((i) => {
      const del = h('button', { type: 'button', class: 'btn btn-link', 'data-inspector-delete': i.id }, '删除');
      del.addEventListener('click', async () => {
        try {
          await api.deleteInspector(i.id);
          if (!st.disposed) { toast?.(`已删除“${i.name}”，可在回收站恢复`); await load(); }
        } catch (e) { fail(e); }
      });
      return h('tr', { 'data-inspector-id': i.id },
        h('td', {}, i.name), h('td', {}, i.unitName), h('td', {}, i.communityName || '—'), h('td', {}, i.active ? '在册' : '不在册'), h('td', {}, del));
    });
    clear(roster,
      h('p', { class: 'hint' }, '填写检查人员工作所在的村/社区：抽取时不会派他检查本村/社区的小区（回避）。'),
      h('table', { class: 'data-table', id: 'inspectors-table' },
        thead(['姓名', '工作单位', '所在村/社区', '状态', { sr: '操作' }]),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '还没有检查人员，请先添加。')))),
      h('div', { class: 'field-row', id: 'inspector-form' },
        formField('姓名', name), formField('工作单位', unit), formField('所在村/社区', community), add),
      rosterError);
  }

  async function load() {
    try {
      const [samples, inspectors, units] = await Promise.all([api.listSamples(), api.listInspectors(), api.listUnits()]);
      if (st.disposed) return;
      st.samples = samples ?? [];
      st.inspectors = inspectors ?? [];
      st.villages = (units ?? []).filter((u) => u.kind === 'village');
      clear(list, st.samples.length
        ? st.samples.map(sampleCard)
        : h('p', { class: 'muted', id: 'sampling-empty' }, '还没有抽查样本。填写季度和随机号，先预览，再抽取并保存。'));
      renderRoster();
    } catch (e) {
      if (!st.disposed) fail(e);
    }
  }

  return loadingTab(st, load, { isDirty: () => st.dirty });
}
