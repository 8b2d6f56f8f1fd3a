// Row selection and batch actions (批量操作), shared by the lists that offer them
// (人员名单, 跟进事项, 诉求, 组织单位): a checkbox column (click, Shift-click for a
// range), a header checkbox for the rows shown, and a bar "已选 N 项" with
// 选择全部符合条件的 N 项, 清除选择 and the actions of the kind. An action opens
// openBatchDialog: its few fields and a sentence saying how many records and what
// changes; 确定 runs one batch (one transaction in the core), then a toast with the
// result and where to undo it. The rules (range, select all, clear on a new filter)
// are logic/selection.js.
import { h, clear, cssEscape, dateBox } from '../dom.js';
import { openModal, dialogErrors } from '../dialog.js';
import { hideMessage, showMessage } from '../forms.js';
import { normalizeDateText } from '../logic/format.js';
import {
  emptySelection, toggleRow, setRows, selectAllMatching, pageState, underFilter, keepListed, isSelected,
  selectionText, selectAllText, confirmText, outcomeText, whoText,
} from '../logic/selection.js';

/**
 * mountSelection(props) → { bar, headCell(), rowCell(id, label), box(id, label), update({ visible, total, key, root, listed }), ids(), clear(), sel() }
 * props: { name ('people': ids `#people-select-all`, `#people-batch-bar` …), measure (how a row is
 *   counted: 人, 件, 个; 项 by default), actions: [{ id, label, run(ids), danger }],
 *   allIds: () → Promise<[id]> (every row the filter matches), onChange(sel) }
 * The list calls update() each time it draws its rows (visible ids in order, the
 * filter's total and key) and puts headCell()/rowCell() in its table.
 */
export function mountSelection({ name, measure = '项', actions, allIds, onChange }) {
  let sel = emptySelection();
  let visible = [];
  let total = 0;
  let tableRoot = null;

  const count = h('span', { id: `${name}-selected-count`, class: 'batch-count', 'aria-live': 'polite' });
  const allBtn = h('button', { id: `${name}-select-matching`, type: 'button', class: 'btn btn-link btn-small' });
  const clearBtn = h('button', { id: `${name}-select-clear`, type: 'button', class: 'btn btn-link btn-small' }, '清除选择');
  const actionBtns = actions.map((a) => {
    const b = h('button', {
      id: `${name}-batch-${a.id}`, type: 'button', class: ['btn', 'btn-small', a.danger ? 'btn-danger' : 'btn-secondary'],
    }, a.label);
    b.addEventListener('click', () => a.run(sel.ids.slice()));
    return b;
  });
  const bar = h('div', { class: 'batch-bar', id: `${name}-batch-bar`, role: 'region', 'aria-label': '批量操作', hidden: true },
    count, allBtn, clearBtn, h('span', { class: 'batch-actions' }, actionBtns));

  allBtn.addEventListener('click', async () => {
    allBtn.disabled = true;
    try {
      const ids = await allIds();
      sel = selectAllMatching(sel, Array.isArray(ids) ? ids : []);
      changed();
    } finally {
      allBtn.disabled = false;
    }
  });
  clearBtn.addEventListener('click', () => {
    sel = emptySelection(sel.key);
    changed();
  });

  function changed() {
    syncDom();
    onChange?.(sel);
  }

  function syncDom() {
    const n = sel.ids.length;
    bar.hidden = n === 0;
    count.textContent = selectionText(n, measure);
    allBtn.hidden = !(total > n);
    allBtn.textContent = selectAllText(total, measure);
    if (!tableRoot?.isConnected) return;
    for (const input of tableRoot.querySelectorAll('input[data-select-id]')) {
      const on = isSelected(sel, input.dataset.selectId);
      input.checked = on;
      (input.closest('tr') ?? input.closest('.node-row'))?.classList.toggle('is-checked', on);
    }
    const head = tableRoot.querySelector(`#${name}-select-page`);
    if (head) {
      const state = pageState(sel, visible);
      head.checked = state === 'all';
      head.indeterminate = state === 'some';
    }
  }

  function headCell() {
    const box = h('input', { type: 'checkbox', id: `${name}-select-page`, 'aria-label': '选择本页全部' });
    box.addEventListener('click', () => {
      sel = setRows(sel, visible, pageState(sel, visible) !== 'all');
      changed();
    });
    return h('th', { scope: 'col', class: 'col-select' }, box);
  }

  /** The checkbox of one record (a tree item puts it in its row; a table in rowCell). */
  function box(id, label) {
    const key = String(id);
    const input = h('input', {
      type: 'checkbox', class: 'select-box', 'data-select-id': key, 'aria-label': `选择${label ?? ''}`, checked: isSelected(sel, key),
    });
    input.addEventListener('click', (e) => {
      e.stopPropagation();
      // The box ticks itself; the selection decides (a Shift range may tick more).
      sel = toggleRow(sel, key, visible, { shift: e.shiftKey });
      changed();
    });
    input.addEventListener('keydown', (e) => e.stopPropagation());
    return input;
  }

  function rowCell(id, label) {
    const input = box(id, label);
    const td = h('td', { class: 'cell-select' }, input);
    // A click beside the small box counts as on it.
    td.addEventListener('click', (e) => {
      if (e.target === input) return;
      e.stopPropagation();
      sel = toggleRow(sel, String(id), visible, { shift: e.shiftKey });
      changed();
    });
    return td;
  }

  return {
    bar,
    headCell,
    rowCell,
    box,
    /** After the list drew its rows: the rows shown, how many match, under which filter. */
    update({ visible: ids, total: n, key, root, listed }) {
      visible = ids.map(String);
      total = Number(n) || 0;
      tableRoot = root ?? tableRoot;
      const before = sel;
      sel = underFilter(sel, key ?? sel.key);
      if (listed) sel = keepListed(sel, listed);
      syncDom();
      if (sel !== before) onChange?.(sel);
    },
    ids: () => sel.ids.slice(),
    sel: () => sel,
    clear: () => {
      sel = emptySelection(sel.key);
      changed();
    },
    rowBox: (id) => tableRoot?.querySelector(`input[data-select-id="${cssEscape(String(id))}"]`) ?? null,
  };
}

/**
 * The confirmation of a batch, with the action's fields: the sentence (how many,
 * what changes) follows the fields as they are filled. 确定 sends
 * { ids, action, ...args(values) } through api.batchApply (one transaction); a
 * refusal stays in the dialog (it names the record and why; nothing was changed);
 * success closes it, toasts the outcome with a way to where it is undone, and calls
 * done(outcome).
 * fields: [{ name, label, type: 'date'|'select', value, options: [{ value, label }] }]
 * args(values) → { args (sent), names (shown: unitName, parentName, departmentName …) }
 */
export function openBatchDialog({
  api, title, action, ids, noun, fields = [], args = () => ({ args: {}, names: {} }), okText = '确定', danger = false,
  toast, navigate, onError, done, who = [], warn = null,
}) {
  const inputs = {};
  const rows = fields.map((f) => {
    const id = `batch-${f.name}`;
    const control = f.type === 'select'
      ? h('select', { id, class: 'input' }, (f.options ?? []).map((o) => h('option', { value: o.value }, o.label)))
      // A date is typed (2026-03-01, 2026/3/1, 2026年3月1日), as in every form: the
      // browser's own date box shows the PC's format (12/05/2026).
      : f.type === 'date'
        ? dateBox({ id, class: 'input' })
        : h('input', { id, type: f.type ?? 'text', class: 'input' });
    control.value = f.value ?? '';
    inputs[f.name] = control;
    return h('div', { class: 'field' }, h('label', { class: 'field-label', for: id }, f.label), control);
  });
  const sentence = h('p', { id: 'batch-confirm-text', class: 'dialog-message' });
  // By name, so a status change on ten people is checked against who they are.
  const whoLine = whoText(who, ids.length, noun);
  const whom = whoLine ? h('p', { id: 'batch-who', class: 'hint' }, whoLine) : null;
  const error = h('p', { class: 'file-error', id: 'batch-error', role: 'alert', hidden: true });
  const ok = h('button', { id: 'batch-ok', type: 'button', class: ['btn', danger ? 'btn-danger' : 'btn-primary'] }, okText);
  const cancel = h('button', { id: 'batch-cancel', type: 'button', class: 'btn btn-secondary' }, '取消');
  const fieldsBox = h('div', { class: 'batch-fields' }, rows);
  // What the batch would override, asked of the core as the fields change (`warn`,
  // e.g. a 公示 dated before a later change): said before 确定, not only after.
  const warnBox = h('p', { id: 'batch-warn', class: 'warning-text', hidden: true });
  // What the batch did that the clerk must know (a 公示 dated before a later change,
  // which then no longer counts): kept on screen until read, not in a passing toast.
  const notesBox = h('div', { id: 'batch-notes', class: 'callout callout-warning', role: 'status', hidden: true });
  const { close } = openModal({
    id: 'batch-dialog', title, className: 'dialog-medium',
    content: [fieldsBox, sentence, whom, warnBox, notesBox, error, h('div', { class: 'dialog-actions' }, cancel, ok)],
  });
  let finished = false;
  const fail = dialogErrors(error, close, onError);
  const dates = new Set(fields.filter((f) => f.type === 'date').map((f) => f.name));
  const values = () => Object.fromEntries(Object.entries(inputs)
    .map(([k, el]) => [k, dates.has(k) ? normalizeDateText(el.value) : el.value]));
  const say = () => {
    const { args: a, names } = args(values());
    sentence.textContent = confirmText(action, ids.length, noun, { ...a, ...names });
  };
  let asked = 0;
  const check = async () => {
    if (!warn) return;
    const n = ++asked;
    let text = null;
    try { text = await warn(values()); } catch { text = null; }
    if (n !== asked || finished) return;
    warnBox.textContent = text ?? '';
    warnBox.hidden = !text;
  };
  for (const el of Object.values(inputs)) {
    el.addEventListener('input', say);
    el.addEventListener('change', say);
    el.addEventListener('input', check);
    el.addEventListener('change', check);
  }
  say();
  check();
  cancel.addEventListener('click', close);
  ok.addEventListener('click', async () => {
    if (finished) { close(); return; }
    hideMessage(error);
    // A field the batch needs, left at 请选择: said, nothing sent.
    const blank = fields.find((f) => f.required && !String(inputs[f.name]?.value ?? '').trim());
    if (blank) {
      showMessage(error, blank.required);
      inputs[blank.name]?.focus?.();
      return;
    }
    ok.disabled = true;
    try {
      const outcome = await api.batchApply({ ids, action, ...args(values()).args });
      const notes = (outcome?.notes ?? []).map((n) => String(n ?? '').trim()).filter(Boolean);
      if (notes.length) {
        finished = true;
        fieldsBox.hidden = true;
        if (whom) whom.hidden = true;
        cancel.hidden = true;
        sentence.textContent = outcomeText(outcome, noun);
        clear(notesBox, h('p', { class: 'callout-title' }, '请注意：'), notes.map((n) => h('p', {}, n)));
        notesBox.hidden = false;
        ok.textContent = '知道了';
        ok.focus();
        await done?.(outcome);
        return;
      }
      close();
      const where = outcome?.undo === '回收站'
        ? [{ label: '打开回收站', run: () => navigate?.('recycle') }]
        : [{ label: '查看变更记录', run: () => navigate?.('changelog') }];
      toast?.(outcomeText(outcome, noun), navigate ? where : []);
      await done?.(outcome);
    } catch (e) {
      fail(e);
    } finally {
      ok.disabled = false;
    }
  });
  (danger ? cancel : (Object.values(inputs)[0] ?? ok)).focus();
  return { close, inputs, sentence };
}
