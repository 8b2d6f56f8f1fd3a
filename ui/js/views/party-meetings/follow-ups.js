// 党建 › 联席会议, 跟进事项: the decisions of the meetings in the chosen 期间 (by 办结期限,
// or the meeting's date when it has none; `#follow-ups-period`), overdue ones marked 已逾期,
// each marked done or reopened with one button (只看未办结 by default), or ticked
// (Shift for a range, or all listed) and 标记办结 together (批量, views/selection.js).
// mountFollowUps(root, props) → { update(), destroy() }; props.changed(f, saved) after a change,
// props.changedMany() after a batch.
import { h, clear, cssEscape } from '../../dom.js';
import { whileBusy } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { localDate } from '../../logic/format.js';
import { followUpCells, followUpSummary, followUpDay } from '../../logic/party.js';
import { inPeriod } from '../../logic/period.js';
import { periodControl } from '../../period-control.js';
import { mountSelection, openBatchDialog } from '../selection.js';

export function mountFollowUps(root, { api, toast, alert, clearAlert, onError, changed, changedMany, navigate }) {
  const st = { loaded: [], followUps: [], onlyOpen: true, token: 0, destroyed: false };
  const period = periodControl({ id: 'follow-ups-period', all: true, title: '期间', onChange: () => render() });
  const selection = mountSelection({
    name: 'follow-ups',
    allIds: async () => st.followUps.map((f) => idKey(f.id)),
    actions: [{ id: 'done', label: '标记办结', run: (ids) => batchDone(ids) }],
  });
  const onlyOpenBox = h('input', { type: 'checkbox', id: 'follow-ups-only-open', checked: true });
  const summary = h('p', { class: 'counts-line', id: 'follow-ups-summary', role: 'status' });
  const listHost = h('div', { class: 'table-scroll', id: 'follow-ups-host' }, h('p', { class: 'loading' }, '正在加载…'));
  const section = h('section', { class: 'card follow-ups', id: 'follow-ups-section', 'aria-labelledby': 'follow-ups-title' },
    h('div', { class: 'card-header' },
      h('h2', { id: 'follow-ups-title' }, '跟进事项'),
      h('div', { class: 'checkbox-row' }, onlyOpenBox, h('label', { for: 'follow-ups-only-open' }, '只看未办结'))),
    h('p', { class: 'hint' }, '联席会议的每条决定事项都是一项跟进事项。过了办结期限还没办结的标为“已逾期”。'),
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
    const token = ++st.token;
    listHost.setAttribute('aria-busy', 'true');
    let list;
    try {
      list = await api.listFollowUps(st.onlyOpen);
    } catch (e) {
      if (st.destroyed || token !== st.token) return;
      listHost.removeAttribute('aria-busy');
      reportError(e, { show: alert, reboot: onError });
      if (!listHost.querySelector('table')) clear(listHost, h('p', { class: 'empty-state' }, '跟进事项没有加载成功。'));
      return;
    }
    if (st.destroyed || token !== st.token) return;
    listHost.removeAttribute('aria-busy');
    st.loaded = Array.isArray(list) ? list : [];
    render();
  }

  function render() {
    const text = period.value();
    st.followUps = st.loaded.filter((f) => inPeriod(followUpDay(f), text));
    const line = followUpSummary(st.followUps, { onlyOpen: st.onlyOpen });
    summary.textContent = text ? `${period.label()}（按办结期限）：${line}` : line;
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
    const heads = ['决定事项', '责任人', '办结期限', '状态', '来源会议'];
    clear(listHost, h('table', { class: 'data-table follow-up-table', id: 'follow-ups' },
      h('thead', {}, h('tr', {}, selection.headCell(), heads.map((t) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, '操作')))),
      h('tbody', {}, st.followUps.map(row))));
    drawn();
    if (hadFocus) listHost.querySelector(`tr[data-follow-up-id="${cssEscape(hadFocus)}"] button`)?.focus();
  }

  function row(f) {
    const id = idKey(f.id);
    const c = followUpCells(f);
    const btn = c.done
      ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-follow-up-reopen': id }, '重新打开')
      : h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-follow-up-done': id }, '标记办结');
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
    const doneOn = status === 'done' ? localDate() : '';
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
