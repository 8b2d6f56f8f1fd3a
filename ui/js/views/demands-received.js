// 诉求 › 下级报送 (county, city): the demands the offices below graded or escalated to
// this level (分级办理: 县/区 or 市 at a county, 市 at a city), from their files,
// read-only, overdue first (probe AG: a county's 诉求 said 收到 0 and nothing of the
// demands sent up to it). 只看逾期 narrows the list; each row names its office and
// the day its file was exported, the day 逾期 is told on.
import { h, clear, thead, detailRow } from '../dom.js';
import { historyRows } from '../logic/demands.js';
import { reportError } from '../logic/errors.js';
import { loadingTab } from './tabbed.js';
import { openXlsxExportDialog } from './export.js';

/** The rows to show: every one, or the overdue only. */
export function receivedDemandRows(list, { overdueOnly = false } = {}) {
  const rows = Array.isArray(list) ? list : [];
  return overdueOnly ? rows.filter((d) => d.overdue) : rows;
}

/** A received demand's 详情: its content, result and 办理记录 (read-only). */
function demandDetail(d) {
  const events = historyRows(d.history ?? []);
  return [
    d.description ? h('p', {}, h('strong', {}, '诉求内容：'), d.description) : null,
    d.result ? h('p', {}, h('strong', {}, '办理结果：'), d.result) : null,
    events.length
      ? h('ol', { class: 'timeline' }, events.map((e) => h('li', { class: ['timeline-item', e.back && 'is-back', e.escalated && 'is-escalated'] },
        h('span', { class: 'timeline-date' }, e.date),
        h('span', { class: 'timeline-text' }, e.text, e.level ? `（${e.level}）` : '', e.department ? ` · ${e.department}` : ''),
        // Why it went back or up; a 登记's note is a note.
        e.reason ? h('span', { class: 'timeline-reason' }, e.back || e.escalated ? `原因：${e.reason}` : e.reason) : null)))
      : h('p', { class: 'muted' }, '没有办理记录。'),
  ];
}

export function mountReceivedDemands(host, ctx) {
  const { api, alert, onError, office, toast } = ctx;
  const st = { disposed: false, token: 0, list: [] };
  const below = office?.level === 'city' ? '县/区及其乡镇/街道' : '乡镇/街道';
  const level = office?.level === 'city' ? '市级' : '县/区级（含上报到市的）';
  const overdueOnly = h('input', { type: 'checkbox', id: 'received-demands-overdue' });
  overdueOnly.addEventListener('change', () => render());
  const summary = h('p', { class: 'hint', id: 'received-demands-summary', 'aria-live': 'polite' });
  const tableHost = h('div', { class: 'table-scroll', id: 'received-demands-host' });
  // The list a county or city forwards to its departments (probe AK: no export).
  const exportBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'received-demands-export' }, '导出Excel');
  exportBtn.addEventListener('click', () => openXlsxExportDialog({
    api,
    hint: '导出下级报送文件里应由本级办理的全部诉求（含逾期标记、诉求内容和办理结果），带标题、填报单位和日期。',
    pickTitle: '导出下级报送的诉求',
    defaultName: `${office?.name ?? ''}下级报送的诉求.xlsx`,
    write: async (path) => `已导出下级报送的诉求：${await api.exportReceivedDemands(path)} 件`,
    toast,
    onError,
  }));
  host.append(
    h('p', { class: 'hint' }, `${below}报送文件里应由${level}办理的诉求（只读）：逾期的排在前面，按各单位导出文件之日计算。`),
    h('div', { class: 'filter-row' }, h('label', { class: 'check' }, overdueOnly, ' 只看逾期'), exportBtn),
    summary, tableHost);

  function render() {
    const rows = receivedDemandRows(st.list, { overdueOnly: overdueOnly.checked });
    const late = st.list.filter((d) => d.overdue).length;
    summary.textContent = st.list.length ? `共 ${st.list.length} 件，其中逾期 ${late} 件。` : '';
    clear(tableHost, rows.length
      ? h('table', { class: 'data-table demands-table', id: 'received-demands-table' },
        thead('单位', '诉求事项', '村/社区', '办理层级', '承办部门', '受理日期', '办理时限', '状态', { text: '', sr: '详情' }),
        h('tbody', {}, rows.flatMap((d, n) => {
          // What it is about and its 办理记录, why it was sent up among them (probe AH).
          const more = detailRow({
            id: `received-demand-detail-${n}`, colspan: 9, text: '详情', label: d.title ?? '',
            fill: (cell) => clear(cell, demandDetail(d)),
          });
          return [h('tr', {
            class: ['demand-row', d.overdue && 'is-overdue'], 'data-office-code': d.officeCode, 'data-overdue': d.overdue ? '' : null,
          },
        h('td', {}, d.officeName ?? '', h('br'), h('span', { class: 'muted' }, `截至 ${d.asOf ?? ''}`)),
        h('td', { class: 'cell-title' }, d.title ?? '', d.category ? h('span', { class: 'muted' }, ` ${d.category}`) : null),
        h('td', { class: 'cell-nowrap' }, d.unitName || '—'),
        h('td', { class: 'cell-nowrap' }, d.levelLabel ?? ''),
        h('td', {}, d.department || '未交办'),
        h('td', { class: 'cell-time' }, d.receivedOn ?? ''),
        h('td', { class: 'cell-time' }, d.deadline || '—'),
        h('td', { class: 'cell-nowrap' }, d.statusLabel ?? '', d.overdue ? [' ', h('span', { class: 'badge badge-warn' }, '逾期')] : null,
          d.resolvedOn ? h('span', { class: 'muted' }, ` ${d.resolvedOn}`) : null),
        h('td', {}, more.button)), more.row];
        })))
      : h('p', { class: 'empty-state', id: 'received-demands-empty' }, st.list.length
        ? '没有逾期的诉求。'
        : `还没有收到${below}报送的、应由${level}办理的诉求。`));
  }

  async function load() {
    const token = ++st.token;
    try {
      const list = await api.receivedDemands();
      if (st.disposed || token !== st.token) return;
      st.list = Array.isArray(list) ? list : [];
      render();
    } catch (e) {
      if (!st.disposed) reportError(e, { show: alert, reboot: onError });
    }
  }

  return loadingTab(st, load);
}
