// 考核 › 评分结果 › 表彰与通报 (issue 16, item 6): awards and 通报批评 of the period
// (`#scores-result-list`, `#scores-result-form`), and the rectification items a notice
// asks for (`#scores-rectification-table`, `#scores-rect-form`): each entered,
// corrected (修改 → 保存修改), deleted into the recycle bin, an item marked done and
// back. The scores table reloads after a change to an item (an open one counts).
import { h, clear, labelled, thead, dateBox } from '../dom.js';
import { normalizeDateText } from '../logic/format.js';
import { deleteRecord, promptDialog } from '../dialog.js';
import { excelTools } from './excel-tools.js';
import { recycleTexts } from './record-list/texts.js';
import { reportError } from '../logic/errors.js';
import { problemsIn } from '../logic/form.js';
import {
  RESULT_KINDS, parseRectificationForm, rectificationDoneInput, rectificationHeading, rectificationRows, resultKindLabel,
} from '../logic/assessment.js';

/** ctx: the view's; st: the scores view's state (period, disposed); reload(): the table again. */
export function resultsSection(ctx, { st, today, reload }) {
  const { api, toast, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const resultsHost = h('section', { id: 'scores-results', class: 'card no-print', 'aria-labelledby': 'scores-results-title' });
  // 表彰与通报: the two forms are built once; a refresh redraws only the lists (and the
  // notices the 整改事项 form offers), so what the clerk is typing stays.
  const resultList = h('div', { id: 'scores-result-list-host' });
  const rectList = h('div', { id: 'scores-rectification-host' });
  const resultForm = buildResultForm();
  const rectForm = buildRectificationForm();
  // 整改事项 from the county's Excel list, and out again, as the other ledgers do.
  const rectTools = excelTools({
    api, toast, onError, prefix: 'rectification', exportKind: 'rectification-items',
    imports: [{ kind: 'rectification-items' }],
    onImported: () => { if (!st.disposed) loadResults(); },
  });

  async function loadResults() {
    let results; let items;
    try {
      [results, items] = await Promise.all([api.listAssessmentResults(), api.listRectificationItems()]);
    } catch (e) { if (!st.disposed) fail(e); return; }
    if (st.disposed) return;
    renderResults(results ?? [], rectificationRows(items, today));
  }

  function renderResults(results, rows) {
    const notices = results.filter((r) => r.kind === 'criticism');
    clear(resultList, results.length
      ? h('ul', { class: 'plain-list', id: 'scores-result-list' }, results.map((r) => h('li', { 'data-result-id': r.id, class: `result-${r.kind}` },
        h('span', { class: 'badge' }, resultKindLabel(r.kind)), ` ${r.period ?? ''} ${r.title ?? ''} · ${r.recipient ?? ''} ${r.documentNo ?? ''} `,
        // One entered wrong (a 文号 typo) is corrected or deleted: it stayed for good.
        editButton(r), ' ',
        noticeRemoveButton(r, rows.filter((x) => x.resultId === r.id).length))))
      : h('p', { class: 'hint' }, '还没有登记表彰或通报。'));
    clear(rectList,
      h('h3', {}, rectificationHeading(rows)),
      rectTools,
      rows.some((r) => r.supervised)
        ? h('p', { class: 'hint', id: 'scores-supervised-note' },
          '责任人是下级单位的事项为督办：由该单位在自己的台账登记并随报送文件计数，不计入本单位的未完成整改事项，也不随本单位的文件上报。')
        : null,
      h('table', { class: 'data-table', id: 'scores-rectification-table' },
        thead(['所属通报', '整改事项', '责任人', '期限', '状态', { sr: '操作' }]),
        h('tbody', {}, rows.map((r) => {
          // 标记完成, and back (marked by mistake it stayed done for good).
          const done = h('button', { type: 'button', class: 'btn btn-small btn-secondary', [r.open ? 'data-done-id' : 'data-undone-id']: r.id },
            r.open ? '标记完成' : '撤销完成');
          done.addEventListener('click', async () => {
            // The day it was done, today unless changed (one done on time and recorded
            // later showed 逾期完成 until corrected through 修改).
            // A day refused (after today, before the notice) is asked again with why,
            // the day typed kept (the dialog closed and had to be opened again).
            let typed = today;
            let problem = '';
            for (;;) {
              let doneOn = '';
              if (r.open) {
                const due = r.deadline ? `（整改期限 ${r.deadline}）` : '';
                typed = await promptDialog({
                  title: '标记完成',
                  message: `${problem}“${r.item}”哪天完成的${due}？之前完成、现在才登记的，请改成实际完成的日期。`,
                  label: '完成日期',
                  okText: '标记完成',
                  value: typed,
                });
                if (!typed || st.disposed) return;
                doneOn = normalizeDateText(typed);
              }
              try {
                await api.updateRectificationItem(r.id, rectificationDoneInput(r, doneOn));
                break;
              } catch (e) {
                if (!(r.open && e?.kind === 'validation')) { fail(e); return; }
                problem = `${e.message ?? ''} `;
              }
            }
            if (!st.disposed) { toast(r.open ? `“${r.item}”已完成` : `“${r.item}”改回整改中`); loadResults(); }
          });
          return h('tr', { 'data-rectification-id': r.id, class: r.overdue ? 'is-overdue' : null },
            h('td', {}, r.notice ?? ''), h('td', {}, r.item ?? ''),
            h('td', {}, r.owner ?? '', ...(r.supervised
              ? [' ', h('span', { class: 'status-tag is-left' }, '督办'),
                r.supervisedState ? h('span', { class: ['supervised-state', r.supervisedState.includes('尚未') ? 'is-warn' : null] }, r.supervisedState) : null]
              : [])),
            // A day on one line (probe U: 2026-12- / 02 at 1366 wide).
            h('td', { class: 'cell-time' }, r.deadline ?? ''),
            // As a tag, as a step is elsewhere: overdue in red, done in green.
            h('td', {}, r.open
              ? h('span', { class: ['status-tag', r.overdue ? 'is-overdue' : null] }, r.overdue ? '逾期未完成' : '整改中')
              : h('span', { class: ['status-tag', r.late ? 'is-late' : 'is-active'] }, `${r.doneOn} ${r.late ? '逾期完成' : '完成'}`)),
            h('td', { class: 'cell-nowrap' }, done, ' ', rectEditButton(r), ' ',
              removeButton(r, '整改事项', r.item, 'data-rectification-delete', () => api.deleteRectificationItem(r.id))));
        }))));
    // In the card from the first answer on, never taken out again (the 整改事项 form only
    // while there is a notice to attach an item to).
    if (resultForm.el.parentNode !== resultsHost) {
      resultsHost.append(h('h2', { id: 'scores-results-title' }, '表彰与通报'), resultList, resultForm.el, rectList);
    }
    rectForm.offer(notices);
    if (notices.length && rectForm.el.parentNode !== resultsHost) resultsHost.append(rectForm.el);
    else if (!notices.length) rectForm.el.remove();
  }

  /** 修改 for an award or notice: the entry form above takes it, to save again. */
  function editButton(r) {
    const b = h('button', { type: 'button', class: 'btn btn-link btn-small', 'data-result-edit': r.id }, '修改');
    b.addEventListener('click', () => resultForm.edit(r));
    return b;
  }

  /** 删除 for an award or notice; a notice that still has items says so at once (it
   * asked 确定删除 first, then refused). */
  function noticeRemoveButton(r, items) {
    if (!items) return removeButton(r, resultKindLabel(r.kind), r.title, 'data-result-delete', () => api.deleteAssessmentResult(r.id));
    const b = h('button', { type: 'button', class: 'btn btn-link btn-small link-danger', 'data-result-delete': r.id }, '删除');
    b.addEventListener('click', () => alert(`这条通报还有 ${items} 项整改事项，请先删除整改事项，再删除通报。`));
    return b;
  }

  /** 修改 for a rectification item: the item form below takes it. */
  function rectEditButton(r) {
    const b = h('button', { type: 'button', class: 'btn btn-link btn-small', 'data-rectification-edit': r.id }, '修改');
    b.addEventListener('click', () => rectForm.edit(r));
    return b;
  }

  /**
   * 删除 for one entry (`r`, a `noun` called `name`): asked first, into the recycle bin
   * (the wording and the asking every list's 删除 has), then the table and the lists
   * read again (an open 整改事项 counts against the office).
   */
  function removeButton(r, noun, name, attr, remove) {
    const b = h('button', { type: 'button', class: 'btn btn-link btn-small link-danger', [attr]: r.id }, '删除');
    const texts = recycleTexts({ button: '删除', noun, name: () => name });
    b.addEventListener('click', () => deleteRecord({
      message: texts.message(r), button: b, remove, done: texts.done(r), toast, clearAlert: ctx.clearAlert, fail,
      gone: () => st.disposed, after: reload,
    }));
    return b;
  }

  /**
   * An entry form that also corrects an entry: `edit(r)` fills it (`fill(r)`) and
   * turns `add` into 保存修改 with `cancel` beside it; `reset()` empties it
   * (`fill(null)`) for the next new one; `editingNow()` is the entry being corrected.
   */
  function entryEditing(add, cancel, first, fill) {
    const addText = add.textContent;
    let editing = null;
    const reset = () => {
      editing = null;
      fill(null);
      add.textContent = addText;
      cancel.hidden = true;
    };
    cancel.addEventListener('click', reset);
    return {
      editingNow: () => editing,
      reset,
      edit: (r) => {
        editing = r;
        fill(r);
        add.textContent = '保存修改';
        cancel.hidden = false;
        first.focus?.();
      },
    };
  }

  function buildResultForm() {
    const kind = h('select', { id: 'scores-result-kind' }, RESULT_KINDS.map((k) => h('option', { value: k.value }, k.label)));
    const title = h('input', { id: 'scores-result-title', placeholder: '先进单位、优秀社区工作者或通报名称', size: 38 });
    const recipient = h('input', { id: 'scores-result-recipient', placeholder: '单位或个人' });
    const doc = h('input', { id: 'scores-result-doc', placeholder: '如 青委办〔2026〕8号' });
    // 发文日期: a notice's items are open from it (not in the periods before).
    const issued = dateBox({ id: 'scores-result-issued' });
    const add = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'scores-result-add' }, '登记');
    const cancel = h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'scores-result-cancel', hidden: true }, '取消修改');
    const { editingNow, edit, reset } = entryEditing(add, cancel, title, (r) => {
      kind.value = r?.kind ?? RESULT_KINDS[0]?.value ?? '';
      title.value = r?.title ?? '';
      recipient.value = r?.recipient ?? '';
      doc.value = r?.documentNo ?? '';
      issued.value = r ? r.issuedOn ?? '' : today;
    });
    add.addEventListener('click', async () => {
      const editing = editingNow();
      const input = {
        period: editing?.period ?? st.period, kind: kind.value, title: title.value, recipient: recipient.value,
        issuedOn: normalizeDateText(issued.value), documentNo: doc.value, note: editing?.note ?? '',
      };
      try {
        if (editing) await api.updateAssessmentResult(editing.id, input);
        else await api.createAssessmentResult(input);
      } catch (e) { fail(e); return; }
      if (st.disposed) return;
      toast(editing ? '已保存修改' : '已登记');
      reset();
      loadResults();
    });
    const el = h('div', { class: 'inline-form labelled-form', id: 'scores-result-form', role: 'group', 'aria-label': '登记表彰或通报' },
      labelled('类型', kind), labelled('名称', title), labelled('对象', recipient), labelled('文号', doc), labelled('发文日期', issued), add, cancel);
    reset();
    return { el, edit };
  }

  function buildRectificationForm() {
    const notice = h('select', { id: 'scores-rect-notice' });
    const item = h('input', { id: 'scores-rect-item' });
    const owner = h('input', { id: 'scores-rect-owner' });
    const deadline = dateBox({ id: 'scores-rect-deadline' });
    // 完成日期 typed when the work was done earlier than it is recorded (标记完成 says today).
    const doneOn = dateBox({ id: 'scores-rect-done' });
    const note = h('input', { id: 'scores-rect-note', size: 16 });
    const msg = h('span', { class: 'field-error', id: 'scores-rect-error', 'aria-live': 'polite' });
    const add = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'scores-rect-add' }, '新增整改事项');
    const cancel = h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'scores-rect-cancel', hidden: true }, '取消修改');
    const { editingNow, edit, reset } = entryEditing(add, cancel, item, (r) => {
      // A new item goes under the notice chosen last (it jumped back to the first).
      notice.value = r ? noticeOf(r) : notice.value || (notice.options[0]?.value ?? '');
      item.value = r?.item ?? '';
      owner.value = r?.owner ?? '';
      deadline.value = r?.deadline ?? '';
      doneOn.value = r?.doneOn ?? '';
      note.value = r?.note ?? '';
      msg.textContent = '';
    });
    /** The option of an item's notice; one not registered here (or deleted since) is
     * offered by its title, which the core keeps (保存修改 said 请选择所属通报). */
    function noticeOf(r) {
      if (r.resultId && [...notice.options].some((o) => o.value === String(r.resultId))) return String(r.resultId);
      const title = String(r.notice ?? '');
      if (title && ![...notice.options].some((o) => o.value === title)) {
        // One made from an inspection (检查 › 转为整改) is named by it already.
        notice.append(h('option', { value: title }, r.inspectionId ? title : `${title}（未在本单位登记）`));
      }
      return title;
    }
    add.addEventListener('click', async () => {
      const editing = editingNow();
      const p = parseRectificationForm({
        notice: notice.value, item: item.value, owner: owner.value, deadline: normalizeDateText(deadline.value),
        doneOn: normalizeDateText(doneOn.value), note: note.value,
      });
      // Every problem at once, one sentence after another.
      if (!p.ok) { msg.textContent = problemsIn(p).map((e) => e.message).join(''); return; }
      try {
        if (editing) await api.updateRectificationItem(editing.id, p.input);
        else await api.createRectificationItem(p.input);
      } catch (e) { fail(e); return; }
      if (st.disposed) return;
      toast(editing ? `已保存整改事项“${p.input.item}”` : `已新增整改事项“${p.input.item}”`);
      reset();
      reload(); // an open item counts against the office
    });
    /** The notices an item can belong to; the one chosen stays while it is still offered. */
    const offer = (notices) => {
      const chosen = notice.value;
      // With its 文号: two notices of one title are told apart.
      clear(notice, notices.map((n) => h('option', { value: n.id }, `${n.title ?? ''}${n.documentNo ? `（${n.documentNo}）` : ''}`)));
      notice.value = notices.some((n) => String(n.id) === chosen) ? chosen : String(notices[0]?.id ?? '');
    };
    const el = h('div', { class: 'inline-form labelled-form', id: 'scores-rect-form', role: 'group', 'aria-label': '新增整改事项' },
      labelled('所属通报', notice), labelled('整改事项', item), labelled('责任人', owner), labelled('整改期限', deadline),
      labelled('完成日期', doneOn), labelled('备注', note), add, cancel, msg);
    return { el, offer, edit };
  }

  return { el: resultsHost, load: loadResults };
}
