// After a 三清单 import (issue 15 item 1): in the same flow, the offer to publish the
// imported lists as new versions (`#duties-publish-offer`): each list the import
// changed, with what changed against its current version (新增, 删除, 表述修改), its
// version number prefilled as the next one (`#duties-publish-<list>-version`) and
// today's date (`#duties-publish-<list>-publishedOn`); 发布新版本
// (`#duties-publish-go`) publishes the ticked ones, 暂不发布 (`#duties-publish-skip`)
// closes it. The old versions stay readable and comparable in 清单版本.
import { h, clear, dateBox, labelled } from '../dom.js';
import { reportError } from '../logic/errors.js';
import { DUTY_LISTS } from '../logic/duties.js';
import { changesText, hasChanges, nextVersion, parsePublishForm } from '../logic/duty-versions.js';

/** → [the published versions, each list's changes not yet published (in DUTY_LISTS order)]. */
export async function loadDutyVersions(api) {
  const [versions, ...pending] = await Promise.all([
    api.listDutyListVersions(),
    ...DUTY_LISTS.map((l) => api.pendingDutyListChanges(l.value)),
  ]);
  return [versions, pending];
}

/** Fills `host` with the offer (or empties it when nothing changed); resolves when drawn. */
export async function offerToPublish(host, { api, toast, alert, onError, today, isDisposed = () => false }) {
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  let versions;
  let pending;
  try {
    [versions, pending] = await loadDutyVersions(api);
  } catch (e) {
    if (!isDisposed()) fail(e);
    return;
  }
  if (isDisposed()) return;
  const changed = DUTY_LISTS.map((l, i) => ({ l, d: pending[i] })).filter(({ d }) => hasChanges(d));
  if (!changed.length) {
    clear(host, h('p', { class: 'hint', id: 'duties-publish-none' }, '导入的清单与当前版本相同，不需要发布新版本。'));
    return;
  }
  const rows = changed.map(({ l, d }) => {
    const pick = h('input', { type: 'checkbox', id: `duties-publish-${l.value}`, checked: true });
    const version = h('input', {
      id: `duties-publish-${l.value}-version`, 'aria-label': `${l.label}新版本号`, maxlength: 40, size: 16, value: nextVersion(versions, l.value, today),
    });
    const on = dateBox({ id: `duties-publish-${l.value}-publishedOn`, 'aria-label': `${l.label}发布日期`, value: today });
    const current = (versions ?? []).find((v) => v.list === l.value && v.current);
    return {
      l, pick, version, on,
      el: h('li', { 'data-list': l.value },
        h('label', { class: 'check-item' }, pick, h('strong', {}, l.label)),
        h('span', { class: 'muted' }, current ? `（当前版本 ${current.version}）` : '（此前未发布过版本）'),
        ` ${changesText({ added: d.added?.length ?? 0, removed: d.removed?.length ?? 0, reworded: d.reworded?.length ?? 0 })}`,
        h('div', { class: 'filter-row' },
          labelled('版本号', version), labelled('发布日期', on))),
    };
  });
  const error = h('p', { class: 'field-error', id: 'duties-publish-error', role: 'alert', hidden: true });
  const go = h('button', { type: 'button', class: 'btn btn-primary', id: 'duties-publish-go' }, '发布新版本');
  const skip = h('button', { type: 'button', class: 'btn btn-secondary', id: 'duties-publish-skip' }, '暂不发布');
  skip.addEventListener('click', () => clear(host));
  go.addEventListener('click', async () => {
    error.hidden = true;
    const chosen = rows.filter((r) => r.pick.checked);
    if (!chosen.length) { error.textContent = '请勾选要发布新版本的清单。'; error.hidden = false; return; }
    const inputs = [];
    for (const r of chosen) {
      const p = parsePublishForm({ list: r.l.value, version: r.version.value, publishedOn: r.on.value, note: '导入后发布' });
      if (!p.ok) {
        error.textContent = `${r.l.label}：${p.error.message}`;
        error.hidden = false;
        (p.error.field === 'publishedOn' ? r.on : r.version).focus?.();
        return;
      }
      inputs.push([r, p.input]);
    }
    go.disabled = true;
    const done = [];
    try {
      for (const [r, input] of inputs) {
        const saved = await api.publishDutyListVersion(input);
        done.push(`${r.l.label}“${saved?.version ?? input.version}”`);
      }
    } catch (e) {
      if (isDisposed()) return;
      go.disabled = false;
      const show = (m) => { error.textContent = (done.length ? `已发布${done.join('、')}；` : '') + m; error.hidden = false; };
      reportError(e, { field: (_, m) => show(m), show, reboot: onError });
      return;
    }
    if (isDisposed()) return;
    toast(`已发布${done.join('、')}`);
    clear(host, h('p', { class: 'hint', id: 'duties-publish-done' },
      `已发布${done.join('、')}。旧版本仍保留，可在“清单版本”中查看并比较新增、删除和表述修改。`));
  });
  clear(host, h('section', { class: 'info-section', id: 'duties-publish-offer', 'aria-labelledby': 'duties-publish-title' },
    // Every list that differs from its version, changed by this import or before it
    // (probe AH: 配合 and 收回 offered as 导入的清单 after a file of one basic item).
    h('h3', { id: 'duties-publish-title' }, '导入完成：以下清单与当前版本不同（含以前的改动），发布为新版本？'),
    h('p', { class: 'hint' }, '发布后，当前版本保留可查；清单版本中可以比较两个版本的新增、删除和表述修改。'),
    h('ul', { class: 'plain-list' }, rows.map((r) => r.el)),
    error, h('div', { class: 'button-row' }, go, skip)));
  rows[0].version.focus?.();
}
