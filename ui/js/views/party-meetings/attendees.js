// 党建 › 联席会议, 出席委员: a check box per member of the chosen committee (全选, 清空,
// 已选 n / m 人); attendees no longer among its members stay ticked, shown by name.
// A custom part of the record form (record-list/form.js): { el, error, read(), showError }.
import { h, clear } from '../../dom.js';
import { showFieldError } from '../../forms.js';
import { idKey } from '../../logic/tree.js';

/** committeeSelect: the form's #meeting-committeeId; meeting: the one edited (null when new). */
export function attendeesPart({ committees, committeeSelect, meeting: m, value }) {
  const host = h('div', { class: 'check-list', id: 'meeting-attendees-list' });
  const allBtn = h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'meeting-attendees-all' }, '全选');
  const noneBtn = h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'meeting-attendees-none' }, '清空');
  const count = h('span', { class: 'hint', 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', id: 'meeting-attendees-error', 'data-error-for': 'attendeeIds', hidden: true });
  const el = h('fieldset', { class: 'sub-fieldset', id: 'meeting-attendees', 'aria-describedby': 'meeting-attendees-error' },
    h('legend', {}, '出席委员'),
    h('div', { class: 'button-row' }, allBtn, noneBtn, count),
    host, error);
  const boxes = () => Array.from(host.querySelectorAll('input[data-attendee-id]'));
  const countAttendees = () => {
    const list = boxes();
    count.textContent = list.length ? `已选 ${list.filter((b) => b.checked).length} / ${list.length} 人` : '';
  };
  const read = () => boxes().filter((b) => b.checked).map((b) => b.dataset.attendeeId);
  const fill = (checked) => {
    const c = committees.find((x) => idKey(x.id) === committeeSelect.value);
    const members = Array.isArray(c?.members) ? c.members : [];
    const chosen = new Set(checked.map(String));
    const items = members.map((mem) => {
      const mid = idKey(mem.id);
      return h('label', { class: 'check-item' },
        h('input', { type: 'checkbox', id: `meeting-attendee-${mid}`, 'data-attendee-id': mid, checked: chosen.has(mid) }),
        h('span', { class: 'check-name' }, mem.name ?? ''),
        // The unit gives way (cut, whole on hover), never the name (钱 / 伟).
        h('span', { class: 'muted check-note', title: mem.partnerUnitName || null },
          mem.partTime ? `兼职${mem.partnerUnitName ? ` · ${mem.partnerUnitName}` : ''}` : '专职'));
    });
    // Choosing another committee drops the ones gone from the meeting's own committee.
    const own = !!m && idKey(m.committeeId) === committeeSelect.value;
    (own ? m.attendeeIds ?? [] : []).forEach((aid, k) => {
      const key = idKey(aid);
      if (chosen.has(key) && !members.some((mem) => idKey(mem.id) === key)) {
        items.push(h('label', { class: 'check-item' },
          h('input', { type: 'checkbox', id: `meeting-attendee-${key}`, 'data-attendee-id': key, checked: true }),
          h('span', {}, m?.attendeeNames?.[k] || '（已不在委员会）')));
      }
    });
    clear(host, items.length ? items : h('p', { class: 'hint' }, c ? '这个委员会还没有委员，请先在“委员会”中添加。' : '先选择委员会。'));
    allBtn.hidden = !items.length;
    noneBtn.hidden = !items.length;
    countAttendees();
  };
  host.addEventListener('change', countAttendees);
  allBtn.addEventListener('click', () => {
    for (const b of boxes()) b.checked = true;
    countAttendees();
  });
  noneBtn.addEventListener('click', () => {
    for (const b of boxes()) b.checked = false;
    countAttendees();
  });
  committeeSelect.addEventListener('change', () => fill(read()));
  fill(value ?? []);
  return {
    el,
    error,
    read,
    showError: (message) => showFieldError(error, message, host.querySelector('input'), { mark: false, select: false }),
  };
}
