// 党建 › 委员会: the sub-district 大工委 and each community's 大党委, with their members
// (专职 or 兼职; a part-time member comes from a partner unit), and the part-time
// counts by committee and by unit. The committee form and the member form open
// beside the list (Enter saves, Esc undoes or closes).
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, deleteRecord } from '../dialog.js';
import {
  bindFormKeys, bindRowKeys, oneAtATime, whileBusy, clearFieldErrors, showFieldError, rememberFocus, undoEdits, fieldRow,
} from '../forms.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { valuesChanged } from '../logic/fields.js';
import {
  COMMITTEE_KINDS, COMMITTEE_FIELDS, MEMBER_FIELDS, committeeKindHint, committeeFormValues, suggestCommitteeName,
  parseCommitteeForm, memberFormValues, parseMemberForm, employmentText, termText, partTimeSummary, committeeLabel,
} from '../logic/party.js';
import { excelTools } from './excel-tools.js';

export function mountCommittees(host, {
  api, toast, alert, clearAlert, onError, office, shared, navigate,
}) {
  const st = {
    committees: [],
    counts: null,
    partners: [],
    villages: [],
    kinds: COMMITTEE_KINDS.map((k) => ({ ...k })),
    mode: 'empty', // 'empty' | 'committee' | 'member'
    committee: null, // the committee being edited (null when new)
    member: null, // the member being edited (null when new)
    memberCommitteeId: '',
    baseline: null,
    loadToken: 0,
    viewToken: 0,
    disposed: false,
  };
  let form = null;

  // ---------- skeleton ----------
  const countsHost = h('section', { class: 'card counts-card', id: 'part-time-counts', 'aria-labelledby': 'part-time-title' },
    h('h2', { id: 'part-time-title' }, '兼职委员'), h('p', { class: 'loading' }, '正在统计…'));
  const newBtn = h('button', { id: 'committee-new', type: 'button', class: 'btn btn-primary' }, '新建委员会');
  const listHost = h('div', { id: 'committee-list', class: 'committee-list', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const editor = h('aside', { class: 'side-panel', id: 'committee-editor', 'aria-label': '委员会和委员' });

  host.append(
    h('div', { class: 'toolbar toolbar-spread' },
      newBtn,
      excelTools({
        api, toast, onError, prefix: 'committees', exportKind: 'committee-members', defaultName: '委员会委员名单.xlsx',
        exportHint: '导出全部委员会的委员（姓名、专职/兼职、来自单位、职务、任期）。',
        imports: [{ kind: 'committees', text: '从Excel导入委员会' }, { kind: 'committee-members', text: '从Excel导入委员' }],
        onImported: () => { if (!st.disposed) load({ partners: true }); },
      })),
    countsHost,
    h('div', { class: 'split-layout' }, h('div', { class: 'split-main' }, listHost), editor));

  newBtn.addEventListener('click', () => openCommittee(null));

  renderEditor();
  boot();

  // ---------- data ----------
  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  async function boot() {
    const [options, villages] = await Promise.all([shared.options(), shared.villages()]);
    if (st.disposed) return;
    if (Array.isArray(options?.committeeKinds) && options.committeeKinds.length) st.kinds = options.committeeKinds;
    st.villages = villages;
    await load({ partners: true });
  }

  async function load({ partners = false } = {}) {
    const token = ++st.loadToken;
    listHost.setAttribute('aria-busy', 'true');
    let committees;
    let counts;
    try {
      [committees, counts] = await Promise.all([
        api.listCommittees(),
        api.partTimeCounts().catch((e) => { fail(e); return null; }),
        partners ? shared.partners({ fresh: true }).then((p) => { st.partners = p; }) : null,
      ]);
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      listHost.removeAttribute('aria-busy');
      fail(e);
      if (!listHost.querySelector('.committee-card')) clear(listHost, h('p', { class: 'empty-state' }, '委员会没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    listHost.removeAttribute('aria-busy');
    st.committees = Array.isArray(committees) ? committees : [];
    st.counts = counts;
    renderCounts();
    renderList();
  }

  const findCommittee = (id) => st.committees.find((c) => idKey(c.id) === idKey(id)) ?? null;

  // ---------- part-time counts ----------
  function renderCounts() {
    const c = st.counts;
    const byCommittee = (c?.byCommittee ?? []).filter((x) => Number(x?.count) > 0);
    const byUnit = (c?.byUnit ?? []).filter((x) => Number(x?.count) > 0);
    const small = (id, head, list, key) => h('table', { class: 'data-table compact-table', id },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, head), h('th', { scope: 'col', class: 'cell-num' }, '兼职委员'))),
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

  // ---------- the list ----------
  function renderList() {
    if (!st.committees.length) {
      clear(listHost, h('div', { class: 'empty-state', id: 'committee-empty' },
        h('p', {}, '还没有委员会。'),
        h('p', { class: 'hint' }, '点击“新建委员会”，建立街道“大工委”或社区“大党委”，再添加委员。')));
      return;
    }
    const focusSel = focusSelector();
    clear(listHost, st.committees.map(committeeCard));
    if (focusSel) listHost.querySelector(focusSel)?.focus();
  }

  /** Where focus was inside the list, so a re-render puts it back. */
  function focusSelector() {
    const el = document.activeElement;
    if (!listHost.contains(el)) return '';
    for (const key of ['memberId', 'committeeEdit', 'memberAdd', 'memberEdit']) {
      const v = el?.dataset?.[key];
      if (v) return `[data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${cssEscape(v)}"]`;
    }
    return '';
  }

  function committeeCard(c) {
    const id = idKey(c.id);
    const members = Array.isArray(c.members) ? c.members : [];
    const partTime = Number.isFinite(Number(c.partTime)) ? Number(c.partTime) : members.filter((m) => m.partTime).length;
    const edit = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-committee-edit': id }, '编辑');
    const add = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-member-add': id }, '添加委员');
    const del = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-committee-delete': id }, '删除');
    edit.addEventListener('click', () => openCommittee(c));
    add.addEventListener('click', () => openMember(null, id));
    del.addEventListener('click', () => deleteCommittee(c, del));
    const selected = (st.mode === 'committee' && idKey(st.committee?.id) === id);
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
    h('p', { class: 'hint' }, `委员 ${members.length} 人，其中兼职 ${partTime} 人${c.note ? ` · ${c.note}` : ''}`),
    members.length
      ? h('table', { class: 'data-table member-table', 'data-members-of': id },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, '姓名'),
          h('th', { scope: 'col' }, '专职/兼职'),
          h('th', { scope: 'col' }, '来自单位'),
          h('th', { scope: 'col' }, '职务'),
          h('th', { scope: 'col' }, '任期'),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, '操作')))),
        h('tbody', {}, members.map((m) => memberRow(c, m))))
      : h('p', { class: 'hint' }, '还没有委员。'));
  }

  function memberRow(c, m) {
    const id = idKey(m.id);
    const edit = h('button', { type: 'button', class: 'btn btn-link btn-small', 'data-member-edit': id }, '编辑');
    const del = h('button', { type: 'button', class: 'btn btn-link btn-small link-danger', 'data-member-delete': id }, '删除');
    edit.addEventListener('click', (e) => { e.stopPropagation(); openMember(m, idKey(c.id)); });
    del.addEventListener('click', (e) => { e.stopPropagation(); deleteMember(m, del); });
    const selected = st.mode === 'member' && idKey(st.member?.id) === id;
    const tr = h('tr', {
      class: ['record-row', selected && 'is-selected'], 'data-member-id': id, tabindex: '0',
      'aria-label': `${m.name ?? ''}，${employmentText(m.partTime)}，按 Enter 编辑`,
    },
    h('td', { class: 'cell-name' }, m.name ?? ''),
    h('td', { class: 'cell-nowrap' }, h('span', { class: ['badge', m.partTime ? 'badge-info' : 'badge-muted'] }, employmentText(m.partTime))),
    h('td', {}, m.partnerUnitName || h('span', { class: 'muted' }, '—')),
    h('td', {}, m.post || h('span', { class: 'muted' }, '—')),
    h('td', { class: 'cell-nowrap' }, termText(m)),
    h('td', { class: 'cell-actions' }, edit, del));
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button')) return;
      openMember(m, idKey(c.id));
    });
    bindRowKeys(tr, () => openMember(m, idKey(c.id)), { root: listHost, selector: 'tr[data-member-id]' });
    return tr;
  }

  // ---------- the editor ----------
  function isDirty() {
    return !!form && valuesChanged(st.baseline, form.read());
  }

  async function leaveEditor() {
    return confirmDiscard(isDirty());
  }

  async function openCommittee(c) {
    if (!(await leaveEditor()) || st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'committee';
    st.committee = c;
    st.member = null;
    renderEditor();
    renderList();
    (c ? form?.inputs.name : form?.inputs.kind)?.focus();
  }

  async function openMember(m, committeeId) {
    if (!(await leaveEditor()) || st.disposed) return;
    clearAlert?.();
    st.viewToken += 1;
    st.mode = 'member';
    st.member = m;
    st.memberCommitteeId = idKey(m?.committeeId ?? committeeId);
    renderEditor();
    renderList();
    form?.inputs.name.focus();
  }

  /** Close the form; focus goes to `focusSel` in the re-rendered list (or 新建委员会). */
  function closeEditor(focusSel) {
    st.viewToken += 1;
    st.mode = 'empty';
    st.committee = null;
    st.member = null;
    renderEditor();
    renderList();
    ((focusSel && listHost.querySelector(focusSel)) || newBtn).focus();
  }

  function renderEditor() {
    form = null;
    if (st.mode === 'committee') {
      clear(editor, committeeForm(st.committee));
    } else if (st.mode === 'member') {
      clear(editor, memberForm(st.member));
    } else {
      clear(editor, h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '选择一位委员或一个委员会进行编辑，或点击“新建委员会”。'),
        h('p', { class: 'hint' }, '兼职委员来自共建单位，请先在“共建 › 共建单位”中登记这些单位。')));
    }
  }

  function actions(id, creating) {
    const saveBtn = h('button', { id: `${id}-save`, type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancelBtn = h('button', { id: `${id}-cancel`, type: 'button', class: 'btn btn-secondary' }, creating ? '取消' : '撤销修改');
    return { saveBtn, cancelBtn, row: h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')) };
  }

  /** Esc / 取消: undo edits of a record being edited, or leave a new or unchanged one. */
  function cancelFor(focusSel) {
    return () => {
      if (isDirty() && st.mode !== 'empty' && (st.mode === 'committee' ? st.committee : st.member)) {
        undoEdits({ dirty: true, render: renderEditor, toast, focus: () => form?.inputs.name.focus() });
      } else {
        closeEditor(focusSel);
      }
    };
  }

  function committeeForm(c) {
    const values = committeeFormValues(c);
    st.baseline = { ...values };
    const inputs = {};
    const errors = {};
    inputs.kind = h('select', { id: 'committee-kind', name: 'kind' }, st.kinds.map((k) => h('option', { value: k.value }, k.label)));
    inputs.kind.value = values.kind;
    inputs.villageId = h('select', { id: 'committee-villageId', name: 'villageId' },
      h('option', { value: '' }, st.villages.length ? '请选择村/社区' : '还没有村/社区'),
      st.villages.map((v) => h('option', { value: v.id }, v.label)));
    if (values.villageId && !st.villages.some((v) => v.id === values.villageId)) {
      inputs.villageId.append(h('option', { value: values.villageId }, c?.villageName || '（已不存在的村/社区）'));
    }
    inputs.villageId.value = values.villageId;
    inputs.name = h('input', { type: 'text', id: 'committee-name', name: 'name', maxlength: '50', autocomplete: 'off', value: values.name });
    inputs.note = h('textarea', { id: 'committee-note', name: 'note', rows: '2', maxlength: '500' });
    inputs.note.value = values.note;
    const kindHint = h('p', { class: 'hint', id: 'committee-kind-hint' });
    const villageRow = fieldRow({ field: 'villageId', label: '所在村/社区', control: inputs.villageId, errors });
    let suggested = '';
    const sync = () => {
      kindHint.textContent = committeeKindHint(inputs.kind.value);
      villageRow.hidden = inputs.kind.value !== 'community_joint';
      // Offer a name while the box is empty or still holds the last offer.
      const village = st.villages.find((v) => v.id === inputs.villageId.value);
      const offer = suggestCommitteeName(inputs.kind.value, { officeName: office?.name ?? '', villageName: village?.label ?? '' });
      if (!c && (inputs.name.value.trim() === '' || inputs.name.value === suggested)) {
        inputs.name.value = offer;
        suggested = offer;
      }
    };
    inputs.kind.addEventListener('change', sync);
    inputs.villageId.addEventListener('change', sync);
    sync();
    if (!c) st.baseline = { ...st.baseline, name: inputs.name.value };

    const { saveBtn, cancelBtn, row } = actions('committee', !c);
    const el = h('form', { id: 'committee-form', class: 'side-form', novalidate: true, 'aria-labelledby': 'committee-form-title' },
      h('h2', { class: 'detail-title', id: 'committee-form-title' }, c ? `编辑委员会 · ${c.name ?? ''}` : '新建委员会'),
      fieldRow({ field: 'kind', label: '类型', control: inputs.kind, errors, extra: kindHint }),
      villageRow,
      fieldRow({ field: 'name', label: '名称', control: inputs.name, errors }),
      fieldRow({ field: 'note', label: '备注', control: inputs.note, errors, wide: true }),
      row);
    const read = () => ({ kind: inputs.kind.value, name: inputs.name.value, villageId: inputs.villageId.value, note: inputs.note.value });
    const cancel = cancelFor(c ? `[data-committee-edit="${cssEscape(idKey(c.id))}"]` : '');
    cancelBtn.addEventListener('click', cancel);
    const save = oneAtATime(() => saveCommittee());
    bindFormKeys(el, { save, cancel });
    form = { el, inputs, errors, saveBtn, read, fields: COMMITTEE_FIELDS };
    return el;
  }

  async function saveCommittee() {
    const refs = form;
    if (!refs) return;
    clearFieldErrors(refs.errors, refs.inputs);
    const parsed = parseCommitteeForm(refs.read());
    if (!parsed.ok) {
      showError(refs, parsed.error.field, parsed.error.message);
      return;
    }
    const creating = !st.committee;
    const token = st.viewToken;
    await whileBusy(refs.saveBtn, async () => {
      try {
        const saved = creating
          ? await api.createCommittee(parsed.input)
          : await api.updateCommittee(st.committee.id, parsed.input);
        if (st.disposed) return;
        toast(creating ? `已新建“${saved?.name ?? parsed.input.name}”，可以添加委员了` : '已保存');
        await load();
        if (st.disposed || token !== st.viewToken) return;
        if (creating) {
          // Straight on to its first member.
          st.mode = 'member';
          st.member = null;
          st.memberCommitteeId = idKey(saved?.id);
          renderEditor();
          renderList();
          form?.inputs.name.focus();
        } else {
          const refocus = rememberFocus();
          st.committee = findCommittee(saved?.id ?? st.committee.id) ?? saved;
          renderEditor();
          renderList();
          refocus(form?.inputs.name);
        }
      } catch (e) {
        if (!st.disposed) handle(e, refs);
      }
    });
  }

  function memberForm(m) {
    const creating = !m;
    const values = memberFormValues(m, st.memberCommitteeId);
    st.baseline = { ...values };
    const inputs = {};
    const errors = {};
    inputs.committeeId = h('select', { id: 'member-committeeId', name: 'committeeId' },
      st.committees.map((c) => h('option', { value: idKey(c.id) }, committeeLabel(c))));
    inputs.committeeId.value = values.committeeId;
    inputs.name = h('input', { type: 'text', id: 'member-name', name: 'name', maxlength: '20', autocomplete: 'off', value: values.name });
    inputs.partTime = h('input', { type: 'checkbox', id: 'member-partTime', name: 'partTime', checked: values.partTime });
    inputs.partnerUnitId = h('select', { id: 'member-partnerUnitId', name: 'partnerUnitId' },
      h('option', { value: '' }, st.partners.length ? '（不是来自共建单位）' : '（还没有共建单位）'),
      st.partners.map((u) => h('option', { value: idKey(u.id) }, u.name ?? '')));
    if (values.partnerUnitId && !st.partners.some((u) => idKey(u.id) === values.partnerUnitId)) {
      inputs.partnerUnitId.append(h('option', { value: values.partnerUnitId }, m?.partnerUnitName || '（已不存在的单位）'));
    }
    inputs.partnerUnitId.value = values.partnerUnitId;
    inputs.post = h('input', { type: 'text', id: 'member-post', name: 'post', maxlength: '30', autocomplete: 'off', value: values.post, placeholder: '如 兼职委员、副书记' });
    inputs.termStart = h('input', { type: 'text', id: 'member-termStart', name: 'termStart', class: 'input-date', maxlength: '12', autocomplete: 'off', value: values.termStart, placeholder: '如 2026-01-01' });
    inputs.termEnd = h('input', { type: 'text', id: 'member-termEnd', name: 'termEnd', class: 'input-date', maxlength: '12', autocomplete: 'off', value: values.termEnd, placeholder: '如 2028-12-31' });
    inputs.note = h('textarea', { id: 'member-note', name: 'note', rows: '2', maxlength: '500' });
    inputs.note.value = values.note;

    const toPartners = st.partners.length ? null : h('button', { type: 'button', class: 'btn btn-link btn-small', id: 'member-to-partners' }, '去登记共建单位');
    toPartners?.addEventListener('click', async () => {
      if (await leaveEditor()) {
        st.baseline = null;
        navigate?.('cobuild', { tab: 'partners' });
      }
    });
    const unitHint = h('p', { class: 'hint', id: 'member-unit-hint' });
    const syncUnit = () => {
      unitHint.textContent = inputs.partTime.checked ? '兼职委员必须选择来自哪个共建单位。' : '专职委员可以不选。';
    };
    inputs.partTime.addEventListener('change', () => {
      syncUnit();
      if (inputs.partTime.checked && !inputs.partnerUnitId.value) inputs.partnerUnitId.focus();
    });
    syncUnit();

    const continueBox = creating ? h('input', { type: 'checkbox', id: 'member-continue', checked: true }) : null;
    const { saveBtn, cancelBtn, row } = actions('member', creating);
    if (continueBox) {
      row.insertBefore(h('span', { class: 'checkbox-row' }, continueBox, h('label', { for: 'member-continue' }, '保存后继续添加')), row.lastChild);
    }
    const committee = findCommittee(values.committeeId);
    const el = h('form', { id: 'member-form', class: 'side-form', novalidate: true, 'aria-labelledby': 'member-form-title' },
      h('h2', { class: 'detail-title', id: 'member-form-title' }, creating ? `添加委员 · ${committee?.name ?? ''}` : `编辑委员 · ${m.name ?? ''}`),
      fieldRow({ field: 'committeeId', label: '委员会', control: inputs.committeeId, errors }),
      fieldRow({ field: 'name', label: '姓名', control: inputs.name, errors }),
      fieldRow({ field: 'partTime', label: '兼职委员（来自共建单位）', control: inputs.partTime, errors }),
      fieldRow({ field: 'partnerUnitId', label: '来自单位', control: inputs.partnerUnitId, errors, extra: [unitHint, toPartners] }),
      fieldRow({ field: 'post', label: '职务', control: inputs.post, errors }),
      fieldRow({ field: 'termStart', label: '任期开始', control: inputs.termStart, errors }),
      fieldRow({ field: 'termEnd', label: '任期结束', control: inputs.termEnd, errors }),
      fieldRow({ field: 'note', label: '备注', control: inputs.note, errors, wide: true }),
      row);
    const read = () => ({
      committeeId: inputs.committeeId.value,
      name: inputs.name.value,
      partTime: inputs.partTime.checked,
      partnerUnitId: inputs.partnerUnitId.value,
      post: inputs.post.value,
      termStart: inputs.termStart.value,
      termEnd: inputs.termEnd.value,
      note: inputs.note.value,
    });
    const cancel = cancelFor(m
      ? `tr[data-member-id="${cssEscape(idKey(m.id))}"]`
      : `[data-member-add="${cssEscape(values.committeeId)}"]`);
    cancelBtn.addEventListener('click', cancel);
    const save = oneAtATime(() => saveMember());
    bindFormKeys(el, { save, cancel });
    form = { el, inputs, errors, saveBtn, read, continueBox, fields: MEMBER_FIELDS };
    return el;
  }

  async function saveMember() {
    const refs = form;
    if (!refs) return;
    clearFieldErrors(refs.errors, refs.inputs);
    const parsed = parseMemberForm(refs.read());
    if (!parsed.ok) {
      showError(refs, parsed.error.field, parsed.error.message);
      return;
    }
    const creating = !st.member;
    const keepGoing = creating && refs.continueBox?.checked;
    const token = st.viewToken;
    await whileBusy(refs.saveBtn, async () => {
      try {
        const saved = creating
          ? await api.createCommitteeMember(parsed.input)
          : await api.updateCommitteeMember(st.member.id, parsed.input);
        if (st.disposed) return;
        toast(creating ? `已添加委员“${saved?.name ?? parsed.input.name}”` : '已保存');
        await load();
        if (st.disposed || token !== st.viewToken) return;
        if (keepGoing) {
          st.memberCommitteeId = parsed.input.committeeId;
          renderEditor();
          form?.inputs.name.focus();
        } else {
          st.member = saved ?? null;
          st.mode = saved ? 'member' : 'empty';
          st.memberCommitteeId = idKey(saved?.committeeId ?? parsed.input.committeeId);
          const refocus = rememberFocus();
          renderEditor();
          renderList();
          refocus(form?.inputs.name);
        }
      } catch (e) {
        if (!st.disposed) handle(e, refs);
      }
    });
  }

  function showError(refs, field, message) {
    const slot = refs.errors[field];
    if (!slot) {
      alert(message);
      return;
    }
    const control = refs.inputs[field];
    showFieldError(slot, message, control, { select: control?.tagName === 'INPUT' && control.type === 'text' });
  }

  function handle(e, refs) {
    reportError(e, {
      fields: refs.fields,
      field: (f, message) => showError(refs, f, message),
      show: alert,
      reboot: onError,
      reload: () => {
        closeEditor();
        load({ partners: true });
      },
    });
  }

  // ---------- delete ----------
  function deleteCommittee(c, btn) {
    return deleteRecord({
      message: `确定删除委员会“${c.name}”吗？有委员或联席会议记录的委员会不能删除。删除后可在回收站恢复。`,
      button: btn,
      remove: () => api.deleteCommittee(c.id),
      done: `已删除“${c.name}”，可在回收站恢复`,
      toast, clearAlert, fail, gone: () => st.disposed,
      after: async () => {
        if (st.mode !== 'empty' && (idKey(st.committee?.id) === idKey(c.id) || st.memberCommitteeId === idKey(c.id))) closeEditor();
        await load();
        newBtn.focus();
      },
    });
  }

  function deleteMember(m, btn) {
    const committeeId = idKey(m.committeeId);
    return deleteRecord({
      message: `确定删除委员“${m.name}”吗？删除后可在回收站恢复。委员任期结束一般改任期，不用删除。`,
      button: btn,
      remove: () => api.deleteCommitteeMember(m.id),
      done: `已删除委员“${m.name}”，可在回收站恢复`,
      toast, clearAlert, fail, gone: () => st.disposed,
      after: async () => {
        if (st.mode === 'member' && idKey(st.member?.id) === idKey(m.id)) {
          st.mode = 'empty';
          st.member = null;
          renderEditor();
        }
        await load();
        listHost.querySelector(`[data-member-add="${cssEscape(committeeId)}"]`)?.focus();
      },
    });
  }

  return {
    show: () => {
      // Partner units may have been added in 共建 meanwhile.
      load({ partners: true });
    },
    isDirty,
    dispose: () => { st.disposed = true; },
  };
}
