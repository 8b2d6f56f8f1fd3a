// The decisions of a meeting as editable rows (决定事项: text, 责任人, 完成时限,
// 已办结 with its date, 删除), shared by the joint meetings of 党建 (联席会议) and the
// working meetings of the coordination mechanism (工作会议). Each decision becomes a
// follow-up item (跟进事项). Rows: li[data-decision-row] with
// [data-decision-field="decision"|"owner"|"dueOn"|"done"|"doneOn"] and [data-decision-remove].
import { h, clear, dateBox } from '../dom.js';
import { showFieldError } from '../forms.js';
import { localDate } from '../logic/format.js';
import { decisionTarget, emptyDecision } from '../logic/party.js';
import { idKey } from '../logic/tree.js';
import { mountEvidence } from './evidence.js';

let rowKey = 0;
/** The boxes of a decision row an error may point at. */
const PARTS = ['decision', 'owner', 'dueOn', 'doneOn'];

/**
 * What the record lists of meetings (联席会议, 工作会议) share, as parts of their
 * record-list spec: the decisions field, what saving and deleting say, and the
 * photos and minutes (照片和会议纪要) under the form.
 *   what       the kind of meeting (联席会议)
 *   kind       its table, for its evidence files (joint_meetings)
 *   prefix     the evidence part's id prefix; idPrefix the decision rows' (see decisionsEditor)
 *   groupName  a meeting → the committee or group that held it
 *   st         the view's state: its open evidence part is kept in st.evidence
 */
export function meetingListParts({ api, toast, onError, st, what, kind, prefix, idPrefix, groupName }) {
  return {
    decisionsField: {
      field: 'decisions',
      type: 'custom',
      build: (decisions) => decisionsEditor({
        idPrefix, decisions, fieldsetId: `${idPrefix}-decisions`, addId: `${idPrefix}-add-decision`,
      }),
    },
    savedText: (saved, creating, input) => {
      const n = input.decisions.length;
      return creating ? `已记录${what}${n ? `，${n} 条决定事项已列入跟进事项` : ''}` : '已保存';
    },
    deleteText: {
      button: '删除会议',
      message: (m) => `确定删除 ${m.heldOn ?? ''} 的${what}（${groupName(m) ?? ''}）吗？它的决定事项也不再跟进。删除后可在回收站恢复。`,
      done: () => `已删除${what}，可在回收站恢复`,
    },
    detailExtra: (m, section) => {
      st.evidence?.destroy();
      clear(section);
      st.evidence = mountEvidence(section, {
        api, toast, onError, kind, id: idKey(m.id), prefix, title: '照片和会议纪要',
        hint: '还没有照片或纪要。会后可把会议纪要（Word、PDF）和现场照片一起添加进来。',
      });
    },
  };
}

/**
 * decisionsEditor({ idPrefix, decisions, fieldsetId, addId })
 *   idPrefix   the row boxes are `<idPrefix>-decision-<n>`, `<idPrefix>-decision-owner-<n>` …
 *   decisions  the rows to start with (meetingFormValues: at least one, maybe empty)
 *   fieldsetId the fieldset's id; its list is `<idPrefix>-decision-list`, its error slot
 *              `<idPrefix>-decisions-error` ([data-error-for="decisions"])
 *   addId      the ＋ 添加一条决定事项 button's id
 * → { el, rows, read(), error, addBtn, showError(message, { row, part }) }
 *   rows: [{ key, id, li, decision, owner, dueOn, done, doneOn }] in order (a row removed leaves it)
 */
export function decisionsEditor({ idPrefix, decisions, fieldsetId, addId }) {
  const list = h('ol', { class: 'decision-list', id: `${idPrefix}-decision-list` });
  const error = h('p', {
    class: 'field-error', id: `${idPrefix}-decisions-error`, 'data-error-for': 'decisions', hidden: true, role: 'alert',
  });
  const addBtn = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: addId }, '＋ 添加一条决定事项');
  const rows = [];

  const addRow = (d) => {
    const key = ++rowKey;
    const decision = h('input', {
      type: 'text', id: `${idPrefix}-decision-${key}`, class: 'decision-text', 'data-decision-field': 'decision', maxlength: '500',
      autocomplete: 'off', value: d.decision, placeholder: '决定事项', 'aria-label': '决定事项',
    });
    const owner = h('input', {
      type: 'text', id: `${idPrefix}-decision-owner-${key}`, 'data-decision-field': 'owner', maxlength: '50', autocomplete: 'off',
      value: d.owner, placeholder: '责任人', 'aria-label': '责任人', class: 'decision-owner',
    });
    const dueOn = dateBox({
      id: `${idPrefix}-decision-dueOn-${key}`, 'data-decision-field': 'dueOn', value: d.dueOn, placeholder: '完成时限',
      'aria-label': '完成时限（如 2026-03-31）',
    });
    const done = h('input', {
      type: 'checkbox', id: `${idPrefix}-decision-done-${key}`, 'data-decision-field': 'done', checked: d.status === 'done',
    });
    const doneOn = dateBox({
      id: `${idPrefix}-decision-doneOn-${key}`, 'data-decision-field': 'doneOn', value: d.doneOn, placeholder: '办结日期',
      'aria-label': '办结日期', hidden: d.status !== 'done',
    });
    const remove = h('button', {
      type: 'button', class: 'btn btn-link btn-small link-danger', 'data-decision-remove': String(key), 'aria-label': '删除这条决定事项',
    }, '删除');
    const li = h('li', { class: 'decision-row', 'data-decision-row': String(key), 'data-decision-id': d.id ?? null },
      h('div', { class: 'decision-line' }, decision),
      h('div', { class: 'decision-line decision-meta' },
        owner, dueOn,
        h('span', { class: 'checkbox-row' }, done, h('label', { for: `${idPrefix}-decision-done-${key}` }, '已办结')),
        doneOn, remove));
    const row = { key, id: d.id ?? null, li, decision, owner, dueOn, done, doneOn };
    done.addEventListener('change', () => {
      doneOn.hidden = !done.checked;
      if (done.checked && !doneOn.value) doneOn.value = localDate();
    });
    remove.addEventListener('click', () => {
      const i = rows.indexOf(row);
      rows.splice(i, 1);
      li.remove();
      (rows[i]?.decision ?? rows[i - 1]?.decision ?? addBtn).focus();
    });
    rows.push(row);
    list.append(li);
    return row;
  };
  (Array.isArray(decisions) ? decisions : []).forEach(addRow);
  addBtn.addEventListener('click', () => addRow(emptyDecision()).decision.focus());

  const read = () => rows.map((r) => ({
    id: r.id,
    decision: r.decision.value,
    owner: r.owner.value,
    dueOn: r.dueOn.value,
    status: r.done.checked ? 'done' : 'open',
    doneOn: r.done.checked ? r.doneOn.value : '',
  }));

  const el = h('fieldset', { class: 'sub-fieldset', id: fieldsetId, 'aria-describedby': `${idPrefix}-decisions-error` },
    h('legend', {}, '决定事项'),
    h('p', { class: 'hint' }, '每条写明内容、责任人和完成时限；空着的行不保存。'),
    list, error, addBtn);

  /**
   * A decision error: the message, and the row's box (`row`, `part`) marked and
   * focused; an error from the store names its row in its words (第 2 项的办结日期).
   */
  const showError = (message, meta = {}) => {
    for (const r of rows) for (const k of PARTS) r[k].removeAttribute('aria-invalid');
    const { row, part } = Number.isInteger(meta.row) ? meta : decisionTarget(message, read());
    const r = Number.isInteger(row) ? rows[row] : null;
    showFieldError(error, message, r ? r[PARTS.includes(part) ? part : 'decision'] : rows[0]?.decision ?? null);
  };

  return { el, rows, read, error, addBtn, showError };
}
