// 跟进事项 of one kind of meeting: 党建 › 联席会议 lists the joint meetings' decisions,
// 诉求 › 协调机制 the working meetings' (props.kind, the meeting kind's table), in the chosen
// 期间 (by 完成时限, or the meeting's date when it has none; `#<prefix>-period`), overdue
// ones marked 已逾期, each marked done or reopened with one button (只看未办结 by
// default), or ticked (Shift for a range, or all listed) and 标记办结 together (批量,
// views/selection.js).
// mountFollowUps(root, props) → { update(), destroy() }; props.changed(f, saved) after a change,
// props.changedMany() after a batch. props.prefix names the ids (`follow-ups` for 联席会议).
import { h, clear, cssEscape, thead, loadFailed } from '../../dom.js';
import { newest } from '../../newest.js';
import { whileBusy } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { localDate, normalizeDateText } from '../../logic/format.js';
import { promptDialog } from '../../dialog.js';
import { followUpCells, followUpSummary, followUpDay } from '../../logic/party.js';
import { inPeriod } from '../../logic/period.js';
import { periodControl } from '../../period-control.js';
import { mountSelection, openBatchDialog } from '../selection.js';

const KINDS = {
  joint_meetings: { source: '联席会议', hint: '联席会议的每条决定事项都是一项跟进事项。过了完成时限还没办结的标为“已逾期”。' },
  working_meetings: { source: '工作会议', hint: '工作组会议的每条决定事项都是一项跟进事项，和联席会议的分开列出。过了完成时限还没办结的标为“已逾期”。' },
};

/**
 * A follow-up was marked done or reopened while `list` (a record list of meetings) may
 * show its meeting: the decision's row in the form and what the form counts as
 * unchanged follow, so a later 保存 does not undo it; then the list is read again.
 */
export async function followUpInMeetingForm(list, f, saved) {
  const form = list.form();
  if (form && idKey(list.current()?.id) === idKey(f.meetingId)) {
    const done = saved.status === 'done';
    const row = form.parts.decisions?.rows.find((r) => idKey(r.id) === idKey(f.id));
    if (row) {
      row.done.checked = done;
      row.doneOn.hidden = !done;
      row.doneOn.value = done ? (saved.doneOn ?? '') : '';
    }
    const base = list.baseline()?.decisions?.find((d) => idKey(d.id) === idKey(f.id));
    if (base) {
      base.status = done ? 'done' : 'open';
      base.doneOn = done ? (saved.doneOn ?? '') : '';
    }
  }
  await list.reload();
}

export function mountFollowUps(root, {
  api, toast, alert, clearAlert, onError, changed, changedMany, navigate, kind = 'joint_meetings', prefix = 'follow-ups',
}) {
  const st = { loaded: [], followUps: [], onlyOpen: true, token: 0, destroyed: false };
  const about = KINDS[kind] ?? KINDS.joint_meetings;
  const period = periodControl({ id: `${prefix}-period`, all: true, title: '期间', onChange: () => render() });
  const selection = mountSelection({
    name: prefix,
    allIds: async () => st.followUps.map((f) => idKey(f.id)),
    actions: [{ id: 'done', label: '标记办结', run: (ids) => batchDone(ids) }],
  });
  const onlyOpenBox = h('input', { type: 'checkbox', id: `${prefix}-only-open`, checked: true });
  const summary = h('p', { class: 'counts-line', id: `${prefix}-summary`, role: 'status' });
  const listHost = h('div', { class: 'table-scroll', id: `${prefix}-host` }, h('p', { class: 'loading' }, '正在加载…'));
  const section = h('section', {
    class: 'card follow-ups', id: `${prefix}-section`, 'aria-labelledby': `${prefix}-title`, 'data-meeting-kind': kind,
  },
  h('div', { class: 'card-header' },
    h('h2', { id: `${prefix}-title` }, '跟进事项'),
    h('div', { class: 'checkbox-row' }, onlyOpenBox, h('label', { for: `${prefix}-only-open` }, '只看未办结'))),
  h('p', { class: 'hint' }, about.hint),
  h('div', { class: 'list-period-row' }, period.el),
    summary,
    selection.bar,
    listHost);
  root.append(section);
  onlyOpenBox.addEventListener('change', () => {
    st.onlyOpen = onlyOpenBox.checked;
    load();
  });

  async function load() {
    listHost.setAttribute('aria-busy', 'true');
    const got = await newest(st, 'token', () => api.listFollowUps(st.onlyOpen, kind), () => st.destroyed);
    if (!got) return;
    listHost.removeAttribute('aria-busy');
    if (!got.ok) {
      reportError(got.error, { show: alert, reboot: onError });
      loadFailed(listHost, '跟进事项没有加载成功。');
      return;
    }
    st.loaded = Array.isArray(got.value) ? got.value : [];
    render();
  }

  function render() {
    const text = period.value();
    st.followUps = st.loaded.filter((f) => inPeriod(followUpDay(f), text));
    const line = followUpSummary(st.followUps, { onlyOpen: st.onlyOpen, source: about.source });
    summary.textContent = text ? `${period.label()}（按完成时限）：${line}` : line;
    const drawn = () => selection.update({
      visible: st.followUps.map((f) => idKey(f.id)), total: st.followUps.length, key: `${st.onlyOpen}|${text}`,
      root: listHost, listed: st.followUps.map((f) => idKey(f.id)),
    });
    if (!st.followUps.length) {
      clear(listHost);
      drawn();
      return;
    }
    const hadFocus = listHost.contains(document.activeElement) ? document.activeElement?.closest?.('tr')?.dataset?.followUpId : null;
    const heads = ['决定事项', '责任人', '完成时限', '状态', '来源会议'];
    clear(listHost, h('table', { class: 'data-table follow-up-table', id: prefix },
      thead(selection.headCell(), heads, { sr: '操作' }),
      h('tbody', {}, st.followUps.map(row))));
    drawn();
    if (hadFocus) listHost.querySelector(`tr[data-follow-up-id="${cssEscape(hadFocus)}"] button`)?.focus();
  }

  function row(f) {
    const id = idKey(f.id);
    const c = followUpCells(f);
    const btn = c.done
      ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-follow-up-reopen': id }, '重新打开')
      : h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-follow-up-done': id }, '标记办结');
    btn.setAttribute('aria-label', `${c.done ? '重新打开' : '标记办结'}：${c.decision}`);
    btn.addEventListener('click', () => setStatus(f, c.done ? 'open' : 'done', btn));
    return h('tr', {
      'data-follow-up-id': id, 'data-meeting-id-of': idKey(f.meetingId),
      class: ['follow-up-row', c.overdue && 'is-overdue', c.done && 'is-done'],
    },
    selection.rowCell(id, c.decision),
    h('td', { class: 'cell-summary' }, c.decision),
    h('td', { class: 'cell-nowrap' }, c.owner),
    h('td', { class: 'cell-nowrap' }, c.due,
      c.overdue ? h('span', { class: 'badge badge-bad', 'data-overdue': '' }, '已逾期') : null),
    h('td', { class: 'cell-nowrap' }, h('span', { class: ['badge', c.done ? 'badge-ok' : 'badge-info'] }, c.status)),
    h('td', { class: 'cell-nowrap' }, c.source),
    h('td', { class: 'cell-actions' }, btn));
  }

  async function setStatus(f, status, btn) {
    clearAlert?.();
    // 办结 on the day it was done: asked, today unless changed (it took today unasked);
    // a refused day is said in the dialog, which keeps what was typed.
    if (status === 'done') {
      let saved = null;
      const typed = await promptDialog({
        title: '标记办结', message: `“${f.decision ?? ''}”办结的日期（不是今天的，请改为实际办结的那一天）：`,
        label: '办结日期', value: localDate(), okText: '标记办结',
        submit: async (text) => {
          try {
            saved = await api.setFollowUpStatus(f.id, status, normalizeDateText(text));
            return null;
          } catch (e) {
            let said = null;
            reportError(e, { field: (_, m) => { said = m; }, show: (m) => { said = m; }, reboot: onError, reload: () => load() });
            return said;
          }
        },
      });
      if (typed == null || st.destroyed) return;
      toast(`已标记办结：${f.decision ?? ''}`);
      await changed(f, saved ?? { ...f, status, doneOn: normalizeDateText(typed) });
      await load();
      return;
    }
    const doneOn = '';
    await whileBusy(btn, async () => {
      try {
        const saved = await api.setFollowUpStatus(f.id, status, doneOn);
        if (st.destroyed) return;
        toast(status === 'done' ? `已标记办结：${f.decision ?? ''}` : `已重新打开：${f.decision ?? ''}`);
        await changed(f, saved ?? { ...f, status, doneOn: doneOn || null });
      } catch (e) {
        if (st.destroyed) return;
        reportError(e, { show: alert, reboot: onError, reload: () => load() });
        return;
      }
      await load();
    });
  }

  function batchDone(ids) {
    openBatchDialog({
      api, toast, navigate, onError,
      title: '批量标记办结', action: 'followUpsDone', ids, noun: { measure: '项', name: '跟进事项' },
      fields: [{ name: 'date', label: '办结日期', type: 'date', value: localDate() }],
      args: (v) => ({ args: { date: v.date }, names: {} }),
      done: async () => {
        if (st.destroyed) return;
        selection.clear();
        await changedMany?.();
        await load();
      },
    });
  }

  return {
    update: () => load(),
    destroy() {
      st.destroyed = true;
      section.remove();
    },
  };
}
