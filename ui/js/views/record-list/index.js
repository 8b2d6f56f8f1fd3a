// A list of records with the record's form beside it (领导, 联系点, 走访记录, 部门,
// 专项工作组, 工作会议): the table (rows `tr[data-<name>-id]`, ↑/↓ and Enter), 新增…,
// the form in a side panel (Enter saves, Esc undoes edits or closes; 放弃修改？ before
// leaving a changed form), 删除 into the recycle bin, and a masked number with 显示.
// The record kind supplies its columns, fields, parsing and commands.
// The form and the masked number are in form.js; this module keeps the list, the
// panel and the commands.
import { h, clear } from '../../dom.js';
import { confirmDiscard, deleteRecord, guardUnsaved } from '../../dialog.js';
import {
  whileBusy, rememberFocus, undoEdits, showProblems, showMessage,
} from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { problemsIn } from '../../logic/form.js';
import { valuesChanged } from '../../logic/fields.js';
import { inPeriod } from '../../logic/period.js';
import { periodControl } from '../../period-control.js';
import { recordForm } from './form.js';
import { mountRecordTable } from './table.js';
import { mountSelection } from '../selection.js';

export {
  buildControl, recordForm, revealCell, noteField, listedOnField,
} from './form.js';
export { recycleTexts, createdText } from './texts.js';

/**
 * mountRecordList(host, spec) → { show, reload, open(id), startCreate(prefill), isDirty, close, dispose, records, current, ready }
 * spec:
 *   ctx        { toast, alert, clearAlert, onError }
 *   name       'leader': `#leader-new`, `#leader-detail`, `#leader-form`, `tr[data-leader-id]`, `#leader-<field>`
 *   tableId    'leaders-table' (its host `#<tableId>-host`, the empty line `#<tableId>-empty`)
 *   label      '领导' (aria labels), newText '新增领导', emptyText, emptyDetail: [text, hint]
 *   toolbar    nodes beside 新增 (filters, Excel buttons)
 *   columns    [{ title, cell(record) → text|node, class }]
 *   rowLabel   record → the row's aria label
 *   load       () → Promise<[record]>
 *   prepare    record → Promise<extra> before its form opens (e.g. the full phone); may reject
 *   afterSave  (saved, input) → extra for the form after saving
 *   form       { title(record|null), fields(record|null, values, extra) → [spec], values(record|null, extra) → values,
 *                parse(values) → { ok, input }|{ ok: false, error }, fieldNames, focus }
 *   create(input), update(id, input), remove(id) → Promise
 *   confirmSave(record|null, input) → Promise<boolean>: asked before saving; false saves nothing
 *   savedText(saved, creating), remove texts: deleteText { button, message(r), done(r), hint }
 *   detailExtra(record, section) fills a section under the form of an existing record
 *   below      a node under the table, in the list's column (联系点: the selected point's visits, seen beside its form)
 *   onSelect(record|null) after the panel changed; onChanged() after a save or delete (the list reloaded)
 *   extraDirty() another form of the view that counts as unsaved edits here
 * and, where a screen needs them:
 *   key(record) its id when not record.id; rowAttr the row's id attribute (default data-<name>-id)
 *   newText null: no 新增; no remove: no 删除; removable(record) false: no 删除 for that record
 *              (月调度: only a month that has its report); emptyText may be a function
 *   hostId, detailId, wide, narrow, tableClass, rowClass(r), rowAttrs(r), rowHint ('按 Enter 打开')
 *   drawer     false: below 1200px wide the record's panel stays under the list rather than
 *              opening over it (a page of two lists; a list with `below`, whose panel sits
 *              beside what is under the table, never opens over it either)
 *   columns[].attrs(r), columns[].headAttrs, columns[].cellClass
 *   detailHead(record) a node above the form; form.focus may be record → field
 *   field specs: type 'checkbox' and 'custom' (build(value, inputs) sees the controls built before it)
 *   batch      { measure: '项', actions: [{ id, label, danger, run(ids, { done }) }] }: tick boxes on
 *              the rows and a bar of batch actions over the table (views/selection.js,
 *              `#<name>-batch-bar`); an action calls done() when it changed the records:
 *              the ticks clear and the list reloads
 *   period     { date(record) → YYYY-MM-DD, by: '会议日期', noun: '次' }: the period control (全部 / 年度 /
 *              季度 / 月 / 自定义, `#<name>-period`) over the list, which then shows the records whose
 *              date falls in it, and the line `#<name>-period-line` naming the period and the count;
 *              { core: true, by, noun }: the core filters instead, load({ period }) gets the text;
 *              onChange(text), if given, hears each change after the list is redrawn
 */
export function mountRecordList(host, spec) {
  const { toast, alert, clearAlert, onError } = spec.ctx;
  const st = {
    records: [], mode: 'empty', rec: null, extra: {}, baseline: null, section: null, loadToken: 0, viewToken: 0, disposed: false,
  };
  let form = null;
  const attr = spec.rowAttr ?? `data-${spec.name}-id`;
  // A record's id (spec.key for records keyed otherwise, such as 三亮's compounds), and as a string.
  const rawId = (r) => (spec.key ? spec.key(r) : r?.id);
  const keyOf = (r) => idKey(rawId(r));

  // Without newText there is no 新增 (a list of things made elsewhere, such as 三亮's compounds).
  const newBtn = spec.newText == null ? null : h('button', { id: `${spec.name}-new`, type: 'button', class: 'btn btn-primary' }, spec.newText);
  const main = h('div', { class: 'split-main' });
  const detail = h('aside', {
    class: ['side-panel', spec.below || spec.drawer === false ? null : 'record-panel', spec.narrow ? null : 'side-panel-wide'], id: spec.detailId ?? `${spec.name}-detail`, 'aria-label': spec.label,
  });
  // 期间: one control for every dated list (views filter what they loaded; logic/period.js inPeriod).
  const period = spec.period ? periodControl({
    id: `${spec.name}-period`,
    all: true,
    title: '期间',
    onChange: async () => {
      if (spec.period.core) await load();
      else renderList();
      closeIfNotShown();
      spec.period.onChange?.(period.value());
    },
  }) : null;
  const periodLine = spec.period ? h('p', { class: 'hint list-period-line', id: `${spec.name}-period-line`, role: 'status' }) : null;
  host.append(...[
    h('div', { class: 'toolbar toolbar-spread' }, h('div', { class: 'filter-row' }, newBtn, spec.filters ?? null), spec.toolbar ?? null),
    period ? h('div', { class: 'list-period-row' }, period.el, periodLine) : null,
    h('div', { class: ['split-layout', spec.wide && 'split-wide'] }, main, detail)].filter(Boolean));
  // Ticked rows and their actions (三清单: 删除 the items a county's new list drops).
  const selection = spec.batch ? mountSelection({
    name: spec.name,
    measure: spec.batch.measure ?? '项',
    allIds: async () => shown().map(keyOf),
    actions: spec.batch.actions.map((a) => ({
      ...a,
      run: (ids) => a.run(ids, {
        done: () => {
          if (st.disposed) return;
          selection.clear();
          load();
        },
      }),
    })),
  }) : null;
  if (selection) main.append(selection.bar);
  const table = mountRecordTable(main, {
    spec, attr, keyOf, selection, onOpen: (r) => openRecord(r), onTop: () => newBtn?.focus(),
  });
  if (spec.below) main.append(spec.below);
  newBtn?.addEventListener('click', () => startCreate());
  const focusTop = () => (newBtn ?? table.first())?.focus();
  /** The field that takes focus when the form opens: spec.form.focus, a name or record → name. */
  const focusField = () => (typeof spec.form.focus === 'function' ? spec.form.focus(st.rec) : spec.form.focus);

  const fail = (e) => reportError(e, { show: alert, reboot: onError });

  renderDetail();
  // What the form's choices come from (spec.init: the units an admission lands on …):
  // a form opened before it has arrived would offer none.
  const initDone = (async () => spec.init?.())();
  const ready = (async () => {
    await initDone;
    if (!st.disposed) await load();
  })();

  /** `saving`: the reload of the form's own save (which then redraws the form itself). */
  async function load({ saving = false } = {}) {
    const token = ++st.loadToken;
    table.busy();
    let list;
    try {
      list = await spec.load({ period: period?.value() ?? '' });
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      fail(e);
      table.failed(`${spec.label}没有加载成功。`);
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    st.records = Array.isArray(list) ? list : [];
    // The open record as the list has it now. Changed elsewhere (an import) while its
    // form holds nothing typed: the form shows the new values (it kept the old ones,
    // and 保存 put them back over the import: probe AC). With edits typed, they stay,
    // and the clerk is told that saving overwrites the change.
    if (st.mode === 'edit') {
      const fresh = st.records.find((x) => keyOf(x) === keyOf(st.rec));
      if (fresh) {
        // A refusal to delete said before may no longer hold (its visits deleted since:
        // it stayed on screen, probe AB); 删除 asks again.
        const refused = detail.querySelector(`#${spec.name}-delete-error`);
        if (refused) refused.hidden = true;
        // Any change, not only one the form shows: what the form was opened with
        // (spec.prepare: a partner's full phone) is asked again (an import that emptied
        // the phone left the old one in the form, and 保存 put it back: probe AD).
        const moved = !saving && !!form && JSON.stringify(fresh) !== JSON.stringify(st.rec);
        const typed = moved && isDirty();
        st.rec = fresh;
        if (moved && !typed) {
          if (spec.prepare) {
            try {
              st.extra = (await spec.prepare(fresh)) ?? {};
            } catch (e) {
              if (st.disposed || token !== st.loadToken) return;
              fail(e);
            }
            if (st.disposed || token !== st.loadToken) return;
          }
          renderDetail();
        } else if (st.section?.isConnected) spec.detailExtra(fresh, st.section);
        if (typed) {
          alert?.(`正在修改的这条${spec.label}刚刚在别处改过（如导入）。表单里仍是你正在改的内容，保存会覆盖那些改动；要看改动后的内容，请点“取消”放弃修改后重新打开。`);
        }
      }
    }
    renderList();
  }

  // ---------- the list ----------
  /** The records in the chosen period (all of them without a period control). */
  function shown() {
    if (!period || spec.period.core) return st.records;
    const text = period.value();
    return st.records.filter((r) => inPeriod(spec.period.date(r), text));
  }

  function renderList() {
    const records = shown();
    if (periodLine) {
      const { by, noun = '条' } = spec.period;
      const all = spec.period.core ? '' : `，共 ${st.records.length} ${noun}`;
      periodLine.textContent = period.value()
        ? `${period.label()}（按${by}）：${records.length} ${noun}${all}。`
        : `全部：${st.records.length} ${noun}。`;
    }
    // Records there are, none in the period: say so rather than "还没有…".
    const emptyText = period?.value() && !records.length && (spec.period.core || st.records.length)
      ? `${period.label()}没有${spec.label}（按${spec.period.by}）。选“全部”查看所有${spec.label}。` : undefined;
    table.update({ records, selectedKey: st.mode === 'edit' ? keyOf(st.rec) : null, emptyText });
  }

  // ---------- the panel ----------
  // Asked by the main menu while this list is on screen (not in a hidden tab, whose
  // edits a tab switch already let go); taken away when the list is disposed.
  const unguard = guardUnsaved(() => !st.disposed && !host.closest('[hidden]') && isDirty());
  const stop = () => {
    st.disposed = true;
    unguard();
  };

  function isDirty() {
    return (!!form && valuesChanged(st.baseline, form.read())) || !!spec.extraDirty?.();
  }

  function focusForm() {
    (form?.inputs[focusField()] ?? form?.el.querySelector('input, select, textarea'))?.focus();
  }

  async function openRecord(r) {
    if (st.mode === 'edit' && keyOf(st.rec) === keyOf(r)) {
      focusForm();
      return;
    }
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    clearAlert?.();
    const token = ++st.viewToken;
    let extra = {};
    if (spec.prepare) {
      try {
        extra = (await spec.prepare(r)) ?? {};
      } catch (e) {
        if (st.disposed || token !== st.viewToken) return;
        reportError(e, { show: alert, reboot: onError, reload: () => load() });
        return;
      }
    }
    if (st.disposed || token !== st.viewToken) return;
    st.mode = 'edit';
    st.rec = r;
    st.extra = extra;
    renderDetail();
    renderList();
    focusForm();
  }

  async function startCreate(prefill = {}) {
    // A failure of init is the list's to report (see `ready`).
    await initDone.catch(() => {});
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'create';
    st.rec = null;
    st.extra = { prefill };
    renderDetail();
    renderList();
    focusForm();
  }

  /**
   * After the period changed: the open record's panel closes when the list no longer
   * shows it, unless it holds edits (培训 kept editing a session the month left out).
   */
  function closeIfNotShown() {
    if (st.disposed || st.mode !== 'edit' || isDirty()) return;
    if (!shown().some((r) => keyOf(r) === keyOf(st.rec))) emptyPanel();
  }

  /** The panel back to its empty state, the list redrawn without a selection. */
  function emptyPanel() {
    st.viewToken += 1;
    st.mode = 'empty';
    st.rec = null;
    st.extra = {};
    renderDetail();
    renderList();
  }

  function closeDetail() {
    const id = keyOf(st.rec);
    emptyPanel();
    const row = table.rowOf(id);
    if (row) row.focus();
    else focusTop();
  }

  function renderDetail() {
    form = null;
    st.section = null;
    if (st.mode === 'empty') {
      const [line, hint] = spec.emptyDetail ?? [];
      clear(detail, h('div', { class: 'empty-state detail-empty' }, h('p', {}, line ?? ''), hint ? h('p', { class: 'hint' }, hint) : null));
      spec.onSelect?.(null);
      return;
    }
    const r = st.rec;
    const values = spec.form.values(r, st.extra);
    st.baseline = JSON.parse(JSON.stringify(values));
    form = recordForm({
      name: spec.name,
      title: spec.form.title(r),
      fields: spec.form.fields(r, values, st.extra),
      values,
      creating: !r,
      save: saveRecord,
      cancel,
    });
    const section = r && spec.detailExtra ? h('section', { class: 'info-section', id: `${spec.name}-related` }) : null;
    st.section = section;
    clear(detail, r ? spec.detailHead?.(r) ?? null : null, form.el, section, r && spec.remove && (spec.removable?.(r) ?? true) ? deleteSection(r) : null);
    if (section) spec.detailExtra(r, section);
    spec.onSelect?.(r);
  }

  async function cancel() {
    if (st.mode === 'edit' && form && valuesChanged(st.baseline, form.read())) {
      undoEdits({ dirty: true, toast, render: () => renderDetail(), focus: focusForm });
    } else if (st.mode === 'create' && isDirty()) {
      // A new record typed in is asked about, as leaving it by a tab is (Esc threw
      // it away whole, without a word).
      if ((await confirmDiscard(true)) && !st.disposed) closeDetail();
      else focusForm();
    } else {
      closeDetail();
    }
  }

  async function saveRecord() {
    const f = form;
    if (!f) return;
    f.clearErrors();
    const parsed = spec.form.parse(f.read());
    if (!parsed.ok) {
      showProblems(problemsIn(parsed), f.showError, alert);
      return;
    }
    const creating = st.mode === 'create';
    // What the save would do that the clerk should agree to first (三亮: a date
    // cleared changes the periods already reported).
    if (spec.confirmSave && !(await spec.confirmSave(creating ? null : st.rec, parsed.input))) return;
    if (st.disposed) return;
    const token = st.viewToken;
    await whileBusy(f.saveBtn, async () => {
      try {
        const editedKey = keyOf(st.rec);
        const saved = creating ? await spec.create(parsed.input) : await spec.update(rawId(st.rec), parsed.input);
        if (st.disposed) return;
        toast(spec.savedText?.(saved, creating, parsed.input) ?? '已保存');
        await load({ saving: true });
        if (st.disposed) return;
        spec.onChanged?.();
        if (token !== st.viewToken || !saved) return;
        const refocus = rememberFocus();
        st.mode = 'edit';
        const savedKey = creating ? keyOf(saved) : editedKey;
        st.rec = st.records.find((x) => keyOf(x) === savedKey) ?? saved;
        st.extra = spec.afterSave?.(saved, parsed.input) ?? {};
        renderDetail();
        renderList();
        refocus(form?.inputs[focusField()]);
      } catch (e) {
        if (st.disposed) return;
        // The core's whole check (several fields wrong): each beside its field.
        if (e?.kind === 'validation' && Array.isArray(e.problems) && e.problems.length > 1) {
          showProblems(e.problems, f.showError, alert);
          return;
        }
        reportError(e, {
          fields: spec.form.fieldNames,
          field: (field, message) => { if (!f.showError(field, message)) alert(message); },
          show: alert,
          reboot: onError,
          reload: () => {
            closeDetail();
            load();
          },
        });
      }
    });
  }

  function deleteSection(r) {
    const t = spec.deleteText;
    const refused = h('p', { class: 'file-error', id: `${spec.name}-delete-error`, role: 'alert', hidden: true });
    const btn = h('button', {
      id: `${spec.name}-delete`, type: 'button', class: 'btn btn-danger', 'aria-describedby': `${spec.name}-delete-error`,
    }, t.button);
    btn.addEventListener('click', () => {
      // What the list already knows blocks it: said under the button, nothing asked
      // first (确定删除领导…吗？ was followed by 不能删除, probe AB).
      const blocked = t.blocked?.(r);
      if (blocked) {
        showMessage(refused, blocked);
        refused.scrollIntoView?.({ block: 'nearest' });
        return undefined;
      }
      return deleteRecordOf(r, btn, refused);
    });
    return h('section', { class: 'action-group danger-zone', 'aria-labelledby': `${spec.name}-delete-title` },
      h('h3', { id: `${spec.name}-delete-title` }, '删除'),
      t.hint ? h('p', { class: 'hint' }, t.hint) : null,
      btn, refused);
  }

  function deleteRecordOf(r, btn, refused) {
    const t = spec.deleteText;
    return deleteRecord({
      message: t.message(r),
      button: btn,
      refusedIn: refused,
      remove: () => spec.remove(rawId(r)),
      done: t.done(r),
      toast, clearAlert, fail, gone: () => st.disposed,
      after: async () => {
        st.mode = 'empty';
        st.rec = null;
        st.viewToken += 1;
        renderDetail();
        await load();
        if (st.disposed) return;
        spec.onChanged?.();
        focusTop();
      },
    });
  }

  /** Open the record with `id` once the list has it (after the first load). */
  async function open(id) {
    await ready;
    if (st.disposed) return false;
    let r = st.records.find((x) => keyOf(x) === idKey(id));
    if (!r) {
      await load();
      r = st.records.find((x) => keyOf(x) === idKey(id));
    }
    if (!r || st.disposed) return false;
    await openRecord(r);
    table.rowOf(idKey(id))?.scrollIntoView?.({ block: 'nearest' });
    return true;
  }

  return {
    show: () => load(),
    reload: () => load(),
    open,
    /** A new record (prefill: values for the empty form), once the list and what its form needs are loaded. */
    startCreate: async (prefill) => {
      await ready;
      if (!st.disposed) await startCreate(prefill);
    },
    isDirty,
    /** Close the record's panel, edits and all (the caller asked 放弃修改？ first: 月调度's month changed). */
    close: () => {
      if (!st.disposed && st.mode !== 'empty') emptyPanel();
    },
    /** Draw the panel again from the record (the selects' options may have changed), unless it holds edits. */
    refreshForm: () => {
      if (st.mode !== 'empty' && form && !valuesChanged(st.baseline, form.read())) {
        const refocus = rememberFocus();
        renderDetail();
        refocus();
      }
    },
    dispose: stop,
    /**
     * The tab contract of a view that is this list and little else: show() loads it
     * again, dispose() stops it and marks `owner` (the view's state) disposed.
     */
    asView: (owner) => ({
      show: () => load(),
      isDirty,
      dispose: () => {
        if (owner) owner.disposed = true;
        stop();
      },
    }),
    /** The mount contract of the view modules: update() loads the list again; destroy() stops it. */
    update: () => load(),
    destroy: stop,
    records: () => st.records,
    /** The records the list shows now (those in the chosen period). */
    shown: () => shown(),
    /** The chosen period: { text ('' for 全部), label }. */
    period: () => ({ text: period?.value() ?? '', label: period?.label() ?? '全部' }),
    /** Offer these years in the period control too (the years the records are dated in). */
    offerYears: (years) => period?.offerYears(years),
    /** The open form ({ el, inputs, parts, read … }) and what it counts as unchanged; null when none. */
    form: () => form,
    baseline: () => (form ? st.baseline : null),
    current: () => st.rec,
    ready,
  };
}
