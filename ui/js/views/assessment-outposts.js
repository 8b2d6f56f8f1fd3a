// 考核 › 评分结果 › 派出机构考核评价 (issue 16, item 7): the township's evaluation of
// the county departments' outposts in its area (镇街对县直部门派出机构考核评价权):
// the list (`#outposts-table`, `tr[data-outpost-id]`), a form to add one or, opened
// from its row, to correct it (`#outpost-period`, `#outpost-department`,
// `#outpost-score`, `#outpost-comments`, `#outpost-save`), 删除 into the recycle bin;
// they travel up in the office's package. At a county (or city), the evaluations its
// townships sent, per township (`#outposts-received`), read-only.
import { h, clear, labelled, formField, thead } from '../dom.js';
import { confirmDialog } from '../dialog.js';
import { excelTools } from './excel-tools.js';
import { reportError } from '../logic/errors.js';
import { num, parseOutpostForm, periodLabel, receivedByOffice } from '../logic/assessment.js';

export function outpostSection(ctx, { period: initialPeriod }) {
  const { api, toast, alert, onError, office } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const st = { rows: [], received: [], editing: null, disposed: false, token: 0 };
  const below = office?.level === 'county' || office?.level === 'city';

  const el = h('section', { id: 'scores-outposts', class: 'card no-print', 'aria-labelledby': 'outposts-title' });
  const own = h('div', { id: 'outposts-own' });
  const received = h('div', { id: 'outposts-received' });
  const formTitle = h('h3', { id: 'outpost-form-title' }, '新增评价');
  const period = h('input', { id: 'outpost-period', class: 'input-short', value: initialPeriod, size: 8, 'aria-label': '考核期间', placeholder: '2026 或 2026Q4' });
  const department = h('input', { id: 'outpost-department', maxlength: '60', 'aria-label': '派出机构', placeholder: '如 区市场监管局青溪分局', size: 28 });
  const score = h('input', { id: 'outpost-score', class: 'input-short', size: 6, inputmode: 'decimal', 'aria-label': '评价得分（0–100）' });
  const comments = h('textarea', { id: 'outpost-comments', rows: '2', maxlength: '1000', 'aria-label': '评价意见' });
  const error = h('p', { class: 'field-error', id: 'outpost-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'button', class: 'btn btn-primary btn-small', id: 'outpost-save' }, '保存评价');
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'outpost-cancel', hidden: true }, '取消修改');
  const controls = { period, department, score, comments };
  const ownList = h('div', { id: 'outposts-own-list' });
  const ownForm = h('div', { id: 'outposts-own-form' },
    formTitle,
    h('div', { class: 'inline-form labelled-form' },
      labelled('期间', period), labelled('派出机构', department), labelled('得分', score)),
    formField('评价意见', comments),
    error, h('div', { class: 'button-row' }, save, cancel));
  own.append(ownList);

  const reset = () => {
    st.editing = null;
    formTitle.textContent = '新增评价';
    department.value = '';
    score.value = '';
    comments.value = '';
    save.textContent = '保存评价';
    cancel.hidden = true;
    error.hidden = true;
  };
  const edit = (o) => {
    st.editing = o;
    formTitle.textContent = `修改评价：${o.department ?? ''}（${o.period ?? ''}）`;
    period.value = o.period ?? '';
    department.value = o.department ?? '';
    score.value = o.score == null ? '' : String(o.score);
    comments.value = o.comments ?? '';
    save.textContent = '保存修改';
    cancel.hidden = false;
    error.hidden = true;
    department.focus?.();
  };
  cancel.addEventListener('click', reset);
  save.addEventListener('click', async () => {
    error.hidden = true;
    const r = parseOutpostForm(Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value])));
    const show = (e) => { error.textContent = e.message; error.hidden = false; controls[e.field]?.focus?.(); };
    if (!r.ok) { show(r.error); return; }
    const editing = st.editing;
    try {
      const saved = editing ? await api.updateOutpostEvaluation(editing.id, r.input) : await api.createOutpostEvaluation(r.input);
      if (st.disposed) return;
      toast(`已${editing ? '修改' : '登记'}对“${saved?.department ?? r.input.department}”的评价`);
      reset();
      await load();
    } catch (e) {
      if (st.disposed) return;
      if (e?.field && controls[e.field]) show(e); else fail(e);
    }
  });

  function renderOwn() {
    const rows = st.rows.map((o) => {
      const open = h('button', { type: 'button', class: 'btn btn-link', 'data-outpost-edit': o.id }, '修改');
      open.addEventListener('click', () => edit(o));
      const del = h('button', { type: 'button', class: 'btn btn-link', 'data-outpost-delete': o.id }, '删除');
      del.addEventListener('click', async () => {
        const ok = await confirmDialog({
          title: '删除评价', message: `确定删除对“${o.department ?? ''}”（${o.period ?? ''}）的评价吗？删除后可在回收站恢复。`, okText: '删除', danger: true,
        });
        if (!ok || st.disposed) return;
        try {
          await api.deleteOutpostEvaluation(o.id);
          if (st.disposed) return;
          if (st.editing?.id === o.id) reset();
          toast(`已删除对“${o.department ?? ''}”的评价，可在回收站恢复`);
          await load();
        } catch (e) { if (!st.disposed) fail(e); }
      });
      const row = h('tr', { 'data-outpost-id': o.id },
        h('td', { class: 'cell-nowrap' }, periodLabel(o.period)), h('td', {}, o.department ?? ''),
        h('td', { class: 'num' }, num(o.score)), h('td', { class: 'cell-summary' }, o.comments ?? ''),
        h('td', { class: 'cell-nowrap' }, open, ' ', del));
      row.addEventListener('click', (ev) => { if (!ev.target?.closest?.('button')) edit(o); });
      return row;
    });
    // Only the list is redrawn: the form stays in place, so a field being typed in
    // keeps its focus and text when the list refreshes.
    clear(ownList,
      h('table', { class: 'data-table', id: 'outposts-table' },
        thead(['期间', '派出机构', '得分', '评价意见', { sr: '操作' }]),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '还没有评价记录。')))));
    if (ownForm.parentNode !== own) own.append(ownForm);
  }

  function renderReceived() {
    const groups = receivedByOffice(st.received);
    clear(received,
      h('h3', {}, `下级报送的评价（${groups.length} 个乡镇（街道），${st.received.length} 条）`),
      groups.length
        ? groups.map((g) => h('div', { class: 'received-office', 'data-office-code': g.code },
          h('h4', {}, `${g.name} · ${g.rows.length} 条，平均 ${num(g.average)} 分`),
          h('table', { class: 'data-table' },
            thead(['期间', '派出机构', '得分', '评价意见']),
            h('tbody', {}, g.rows.map((o) => h('tr', { 'data-received-outpost-id': o.id },
              h('td', { class: 'cell-nowrap' }, periodLabel(o.period)), h('td', {}, o.department ?? ''),
              h('td', { class: 'num' }, num(o.score)), h('td', { class: 'cell-summary' }, o.comments ?? '')))))))
        : h('p', { class: 'hint' }, '还没有收到下级报送的派出机构考核评价。'));
  }

  async function load() {
    const token = ++st.token;
    try {
      const [rows, got] = await Promise.all([
        below ? [] : api.listOutpostEvaluations(),
        below ? api.listReceivedOutpostEvaluations() : [],
      ]);
      if (st.disposed || token !== st.token) return;
      st.rows = rows ?? [];
      st.received = got ?? [];
      if (below) renderReceived(); else renderOwn();
    } catch (e) { if (!st.disposed) fail(e); }
  }

  el.append(
    h('h2', { id: 'outposts-title' }, '派出机构考核评价'),
    h('p', { class: 'hint' }, below
      ? '各乡镇（街道）对县直部门派出机构的考核评价，随其数据包报送，只读。'
      : '本单位对县直部门派出机构的考核评价（考核评价权），随本单位数据包上报。'),
    below ? received : h('div', {},
      excelTools({ api, toast, onError, prefix: 'outposts', exportKind: 'outpost-evaluations', exportText: '导出评价台账' }), own));
  if (!below) renderOwn();
  return { el, load, dispose: () => { st.disposed = true; } };
}
