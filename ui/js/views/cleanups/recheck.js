// 减负 › 专项整治, under an entry's form: 回头看 (`#cleanup-rechecks`), the entry's
// re-checks (a rebound marked 反弹, with what it was before) and a form to record one
// (`#recheck-date`, `#recheck-found`, `#recheck-rebound`, `#recheck-save`); a rebound
// reopens the entry, to be decided again.
import { h, dateBox, limitedArea } from '../../dom.js';
import { whileBusy } from '../../forms.js';
import { reportError } from '../../logic/errors.js';
import { parseRecheckForm } from '../../logic/cleanups.js';

/** recheckPart(reg, entry, part) → the section. part: { api, toast, onError, gone(), reload() (the list again) } */
export function recheckPart(reg, e, { api, toast, onError, gone, reload }) {
  const history = (e.rechecks ?? []).map((c) => h('li', { 'data-recheck-id': String(c.id), class: c.rebound ? 'is-reopened' : null },
    h('strong', {}, c.date ?? ''), ' ',
    c.rebound ? h('span', { class: 'badge badge-bad' }, '反弹') : h('span', { class: 'badge' }, '未反弹'), ' ',
    c.found ?? '',
    c.previousResultDate ? h('span', { class: 'muted' }, `（原${c.previousDecisionLabel ?? ''} ${c.previousResultDate}）`) : null));
  const date = dateBox({ id: 'recheck-date', placeholder: '如 2026-09-15', 'aria-label': '回头看日期' });
  const { area: found, count: foundCount } = limitedArea({ id: 'recheck-found', rows: '2', 'aria-label': '发现情况' }, 1000);
  const rebound = h('input', { id: 'recheck-rebound', type: 'checkbox' });
  const save = h('button', { id: 'recheck-save', type: 'button', class: 'btn btn-primary' }, '登记回头看');
  const err = h('p', { class: 'field-error', id: 'recheck-error', role: 'alert', hidden: true });
  save.addEventListener('click', async () => {
    err.hidden = true;
    const parsed = parseRecheckForm(reg.value, e.id, { date: date.value, found: found.value, rebound: rebound.checked });
    if (!parsed.ok) {
      err.textContent = parsed.error.message;
      err.hidden = false;
      (parsed.error.field === 'date' ? date : found).focus();
      return;
    }
    await whileBusy(save, async () => {
      try {
        await api.createRecheck(parsed.input);
        if (gone()) return;
        toast(parsed.input.rebound ? `已登记回头看，“${e.name ?? ''}”重新打开，待重新认定` : '已登记回头看');
        await reload();
      } catch (x) {
        if (gone()) return;
        reportError(x, { show: (m) => { err.textContent = m; err.hidden = false; }, reboot: onError });
      }
    });
  });
  return h('div', { id: 'cleanup-rechecks' },
    h('h3', {}, '回头看'),
    e.reopenedOn ? h('p', { class: 'hint', id: 'cleanup-reopened' }, `${e.reopenedOn} 回头看发现反弹，这条记录已重新打开，待重新认定。`) : null,
    history.length ? h('ul', { class: 'plain-list', id: 'cleanup-recheck-list' }, history) : h('p', { class: 'hint' }, '还没有回头看记录。'),
    h('div', { class: 'form-grid' },
      h('label', { for: 'recheck-date' }, '回头看日期'), date,
      h('label', { for: 'recheck-found' }, '发现情况'), h('div', {}, found, foundCount),
      // The box in the value column, its words beside it (in the label column they
      // wrapped to three lines).
      h('span', {}), h('label', { class: 'check-item' }, rebound, h('span', {}, '发现反弹（重新打开这条记录）'))),
    err, save);
}
