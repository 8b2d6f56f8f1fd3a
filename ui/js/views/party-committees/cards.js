// 党建 › 委员会, what is drawn from the data: the part-time counts (兼职委员 by committee
// and by unit) and a card per committee with its members. Data down (the committees,
// what is selected), actions up (props.onEditCommittee, onAddMember, onDeleteCommittee,
// onEditMember, onDeleteMember).
import { h, clear, thead } from '../../dom.js';
import { bindRowKeys } from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import {
  COMMITTEE_KINDS, employmentText, termText, termEnded, termsEndingSoon, partTimeSummary,
} from '../../logic/party.js';
import { localDate } from '../../logic/format.js';

/** mountCounts(root) → { update(counts), destroy() }: the 兼职委员 card. */
export function mountCounts(root) {
  const el = h('section', { class: 'card counts-card', id: 'part-time-counts', 'aria-labelledby': 'part-time-title' },
    h('h2', { id: 'part-time-title' }, '兼职委员'), h('p', { class: 'loading' }, '正在统计…'));
  root.append(el);
  return { el, update: (counts) => drawCounts(el, counts), destroy: () => el.remove() };
}

/**
 * mountCards(root, props) → { el, update(state), destroy() }: the committee cards.
 * state: { committees, selectedCommittee, selectedMember }
 */
export function mountCards(root, props) {
  const el = h('div', { id: 'committee-list', class: 'committee-list', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  root.append(el);
  return { el, update: (state) => drawCards(el, state, props), destroy: () => el.remove() };
}

/** The 兼职委员 card: the total, and small tables by committee and by unit. */
function drawCounts(countsHost, c) {
  const byCommittee = (c?.byCommittee ?? []).filter((x) => Number(x?.count) > 0);
  const byUnit = (c?.byUnit ?? []).filter((x) => Number(x?.count) > 0);
  const small = (id, head, list, key) => h('table', { class: 'data-table compact-table', id },
    thead(head, { text: '兼职委员', class: 'cell-num' }),
    h('tbody', {}, list.map((x) => h('tr', { 'data-count-for': idKey(x[key]) },
      h('td', {}, x.name ?? ''), h('td', { class: 'cell-num' }, `${Number(x.count) || 0} 人`)))));
  clear(countsHost,
    h('h2', { id: 'part-time-title' }, '兼职委员'),
    h('p', { class: 'counts-line', id: 'part-time-total' }, c ? partTimeSummary(c) : '兼职委员人数没有统计出来。'),
    byCommittee.length || byUnit.length
      ? h('div', { class: 'counts-tables' },
        byCommittee.length ? small('part-time-by-committee', '委员会', byCommittee, 'committeeId') : null,
        byUnit.length ? small('part-time-by-unit', '共建单位', byUnit, 'partnerUnitId') : null)
      : null);
}

function drawCards(listHost, state, props) {
  if (!state.committees.length) {
    clear(listHost, h('div', { class: 'empty-state', id: 'committee-empty' },
      h('p', {}, '还没有委员会。'),
      h('p', { class: 'hint' }, '点击“新建委员会”，建立街道“大工委”或社区“大党委”，再添加委员。')));
    return;
  }
  clear(listHost, state.committees.map((c) => committeeCard(listHost, c, state, props)));
}

function committeeCard(listHost, c, state, props) {
  const id = idKey(c.id);
  const members = Array.isArray(c.members) ? c.members : [];
  const partTime = Number.isFinite(Number(c.partTime)) ? Number(c.partTime) : members.filter((m) => m.partTime).length;
  const today = state.today ?? localDate();
  const ended = members.filter((m) => termEnded(m, today)).length;
  const soon = termsEndingSoon(members, today);
  const edit = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-committee-edit': id }, '编辑');
  const add = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-member-add': id }, '添加委员');
  // A refused delete (members or meetings still name it) says why under the card's head.
  const refused = h('p', { class: 'file-error', id: `committee-${id}-delete-error`, role: 'alert', hidden: true });
  const del = h('button', {
    type: 'button', class: 'btn btn-danger btn-small', 'data-committee-delete': id, 'aria-describedby': refused.id,
  }, '删除');
  edit.addEventListener('click', () => props.onEditCommittee(c));
  add.addEventListener('click', () => props.onAddMember(id));
  del.addEventListener('click', () => props.onDeleteCommittee(c, del, refused));
  const selected = state.selectedCommittee === id;
  return h('section', {
    class: ['card', 'committee-card', selected && 'is-selected'], 'data-committee-id': id, 'data-kind': c.kind ?? '',
    'aria-labelledby': `committee-${id}-title`,
  },
  h('div', { class: 'card-header' },
    h('h3', { id: `committee-${id}-title`, class: 'committee-title' },
      h('span', { class: ['kind-badge', `kind-${c.kind}`] }, c.kindLabel || COMMITTEE_KINDS.find((k) => k.value === c.kind)?.label || ''),
      h('span', {}, c.name ?? ''),
      c.villageName ? h('span', { class: 'muted committee-village' }, c.villageName) : null),
    h('div', { class: 'button-row' }, add, edit, del)),
  refused,
  h('p', { class: 'hint' }, `委员 ${members.length} 人，其中兼职 ${partTime} 人${c.note ? ` · ${c.note}` : ''}`),
  // Terms that ended are said on the card (probe Z: 委员 5 人 in 2027 of terms to 2026-12-31).
  ended ? h('p', { class: 'warning-text', 'data-terms-ended': id }, `其中 ${ended} 人任期已届满，不再计入在任的兼职委员：请换届，或在委员里延长任期。`) : null,
  soon
    ? h('p', { class: 'warning-text', 'data-terms-ending': id },
      `${soon.count} 人任期将于 ${soon.first === soon.last ? soon.first : `${soon.first} 至 ${soon.last} 间`} 届满（${soon.days ? `还有 ${soon.days} 天` : '今天'}）：请准备换届，或在委员里延长任期。`)
    : null,
  members.length
    ? h('table', { class: 'data-table member-table', 'data-members-of': id },
      thead(['姓名', '专职/兼职', '来自单位', '职务', '任期'], { sr: '操作' }),
      h('tbody', {}, members.map((m) => memberRow(listHost, c, m, state, props))))
    : h('p', { class: 'hint' }, '还没有委员。'));
}

function memberRow(listHost, c, m, state, props) {
  const id = idKey(m.id);
  const edit = h('button', { type: 'button', class: 'btn btn-link btn-small', 'data-member-edit': id }, '编辑');
  const del = h('button', { type: 'button', class: 'btn btn-link btn-small link-danger', 'data-member-delete': id }, '删除');
  edit.addEventListener('click', (e) => { e.stopPropagation(); props.onEditMember(m, idKey(c.id)); });
  del.addEventListener('click', (e) => { e.stopPropagation(); props.onDeleteMember(m, del); });
  const selected = state.selectedMember === id;
  const tr = h('tr', {
    class: ['record-row', selected && 'is-selected'], 'data-member-id': id, tabindex: '0',
    'aria-label': `${m.name ?? ''}，${employmentText(m.partTime)}，按 Enter 编辑`,
  },
  h('td', { class: 'cell-name' }, m.name ?? ''),
  h('td', { class: 'cell-nowrap' }, h('span', { class: ['badge', m.partTime ? 'badge-info' : 'badge-muted'] }, employmentText(m.partTime))),
  h('td', {}, m.partnerUnitName || h('span', { class: 'muted' }, '—')),
  h('td', {}, m.post || h('span', { class: 'muted' }, '—')),
  h('td', { class: 'cell-nowrap' }, termText(m, state.today ?? localDate())),
  h('td', { class: 'cell-actions' }, edit, del));
  tr.addEventListener('click', (e) => {
    if (e.target.closest('button')) return;
    props.onEditMember(m, idKey(c.id));
  });
  bindRowKeys(tr, () => props.onEditMember(m, idKey(c.id)), { root: listHost, selector: 'tr[data-member-id]' });
  return tr;
}
