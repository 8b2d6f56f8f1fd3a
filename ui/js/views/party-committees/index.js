// 党建 › 委员会: the sub-district 大工委 and each community's 大党委, with their members
// (专职 or 兼职; a part-time member comes from a partner unit), and the part-time
// counts by committee and by unit. The committee form and the member form open
// beside the list (Enter saves, Esc undoes or closes).
// This module keeps the state and the commands; cards.js draws the counts and the
// cards, forms.js builds both forms with record-list's recordForm.
import { h, clear, cssEscape, loadFailed } from '../../dom.js';
import { newest } from '../../newest.js';
import { confirmDiscard, deleteRecord } from '../../dialog.js';
import {
  whileBusy, rememberFocus, undoEdits, showProblems,
} from '../../forms.js';
import { idKey } from '../../logic/tree.js';
import { reportError } from '../../logic/errors.js';
import { problemsIn } from '../../logic/form.js';
import { valuesChanged } from '../../logic/fields.js';
import {
  COMMITTEE_KINDS, COMMITTEE_FIELDS, MEMBER_FIELDS, parseCommitteeForm, parseMemberForm,
} from '../../logic/party.js';
import { excelTools } from '../excel-tools.js';
import { mountCounts, mountCards } from './cards.js';
import { committeeForm, memberForm } from './forms.js';

export function mountCommittees(host, {
  api, toast, alert, clearAlert, onError, office, shared, navigate,
}) {
  const st = {
    committees: [],
    counts: null,
    partners: [],
    villages: [],
    kinds: COMMITTEE_KINDS,
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

  const newBtn = h('button', { id: 'committee-new', type: 'button', class: 'btn btn-primary' }, '新建委员会');
  const listRoot = h('div', { class: 'split-main' });
  const editor = h('aside', { class: 'side-panel', id: 'committee-editor', 'aria-label': '委员会和委员' });
  host.append(h('div', { class: 'toolbar toolbar-spread' },
    newBtn,
    h('div', { class: 'button-row' },
      // The committees themselves (name, type, community), so the list moves whole.
      excelTools({ api, toast, onError, prefix: 'committees-list', exportKind: 'committees', exportText: '导出委员会' }),
      excelTools({
        api, toast, onError, prefix: 'committees', exportKind: 'committee-members', exportText: '导出委员',
        imports: [{ kind: 'committees', text: '从Excel导入委员会' }, { kind: 'committee-members', text: '从Excel导入委员' }],
        onImported: () => { if (!st.disposed) load({ partners: true }); },
      }))));
  const countsCard = mountCounts(host);
  host.append(h('div', { class: 'split-layout' }, listRoot, editor));
  const cards = mountCards(listRoot, {
    onEditCommittee: (c) => openCommittee(c),
    onAddMember: (id) => openMember(null, id),
    onDeleteCommittee: (c, btn, refused) => deleteCommittee(c, btn, refused),
    onEditMember: (m, committeeId) => openMember(m, committeeId),
    onDeleteMember: (m, btn) => deleteMember(m, btn),
  });
  const listHost = cards.el;
  newBtn.addEventListener('click', () => openCommittee(null));

  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  renderEditor();
  boot();

  // ---------- data ----------
  async function boot() {
    const villages = await shared.villages();
    if (st.disposed) return;
    st.villages = villages;
    await load({ partners: true });
  }

  async function load({ partners = false } = {}) {
    listHost.setAttribute('aria-busy', 'true');
    const got = await newest(st, 'loadToken', () => Promise.all([
      api.listCommittees(),
      api.partTimeCounts().catch((e) => { fail(e); return null; }),
      partners ? shared.partners({ fresh: true }).then((p) => { st.partners = p; }) : null,
    ]));
    if (!got) return;
    listHost.removeAttribute('aria-busy');
    if (!got.ok) {
      fail(got.error);
      loadFailed(listHost, '委员会没有加载成功。', '.committee-card');
      return;
    }
    const [committees, counts] = got.value;
    st.committees = Array.isArray(committees) ? committees : [];
    st.counts = counts;
    countsCard.update(st.counts);
    renderList();
  }

  const findCommittee = (id) => st.committees.find((c) => idKey(c.id) === idKey(id)) ?? null;

  function renderList() {
    const focusSel = focusSelector();
    cards.update({
      committees: st.committees,
      selectedCommittee: st.mode === 'committee' ? idKey(st.committee?.id) : '',
      selectedMember: st.mode === 'member' ? idKey(st.member?.id) : '',
    });
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

  // ---------- the editor ----------
  const isDirty = () => !!form && valuesChanged(st.baseline, form.read());

  async function openCommittee(c) {
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
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
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
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
      const c = st.committee;
      const built = committeeForm({
        committee: c, kinds: st.kinds, villages: st.villages, officeName: office?.name ?? '',
        taken: st.committees.map((x) => x.name), save: saveCommittee,
        cancel: cancelFor(c ? `[data-committee-edit="${cssEscape(idKey(c.id))}"]` : ''),
      });
      form = { ...built.form, fields: COMMITTEE_FIELDS };
      st.baseline = built.values;
      clear(editor, form.el);
    } else if (st.mode === 'member') {
      const m = st.member;
      const built = memberForm({
        member: m, committeeId: st.memberCommitteeId, committees: st.committees, partners: st.partners, save: saveMember,
        cancel: cancelFor(m ? `tr[data-member-id="${cssEscape(idKey(m.id))}"]` : `[data-member-add="${cssEscape(st.memberCommitteeId)}"]`),
        toPartners: async () => {
          if (await confirmDiscard(isDirty())) {
            st.baseline = null;
            form = null;
            navigate?.('cobuild', { tab: 'partners' });
          }
        },
      });
      form = { ...built.form, fields: MEMBER_FIELDS };
      st.baseline = built.values;
      clear(editor, form.el);
    } else {
      clear(editor, h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '选择一位委员或一个委员会进行编辑，或点击“新建委员会”。'),
        h('p', { class: 'hint' }, '兼职委员来自共建单位，请先在“共建 › 共建单位”中登记这些单位。')));
    }
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

  /** Save the open form: check, run the command, then what `after(saved, input)` does. */
  async function saveWith(parse, run, after) {
    const f = form;
    if (!f) return;
    f.clearErrors();
    const parsed = parse(f.read());
    if (!parsed.ok) {
      showProblems(problemsIn(parsed), f.showError, alert);
      return;
    }
    const token = st.viewToken;
    await whileBusy(f.saveBtn, async () => {
      try {
        const saved = await run(parsed.input);
        if (st.disposed) return;
        await after(saved, parsed.input, f, () => st.disposed || token !== st.viewToken);
      } catch (e) {
        if (st.disposed) return;
        reportError(e, {
          fields: f.fields,
          field: (field, message) => { if (!f.showError(field, message)) alert(message); },
          show: alert,
          reboot: onError,
          reload: () => {
            closeEditor();
            load({ partners: true });
          },
        });
      }
    });
  }

  function saveCommittee() {
    const creating = !st.committee;
    return saveWith(parseCommitteeForm,
      (input) => (creating ? api.createCommittee(input) : api.updateCommittee(st.committee.id, input)),
      async (saved, input, f, gone) => {
        toast(creating ? `已新建“${saved?.name ?? input.name}”，可以添加委员了` : '已保存');
        await load();
        if (gone()) return;
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
      });
  }

  function saveMember() {
    const creating = !st.member;
    const keepGoing = creating && form?.continueBox?.checked;
    return saveWith(parseMemberForm,
      (input) => (creating ? api.createCommitteeMember(input) : api.updateCommitteeMember(st.member.id, input)),
      async (saved, input, f, gone) => {
        toast(creating ? `已添加委员“${saved?.name ?? input.name}”` : '已保存');
        await load();
        if (gone()) return;
        if (keepGoing) {
          st.memberCommitteeId = input.committeeId;
          renderEditor();
          form?.inputs.name.focus();
        } else {
          st.member = saved ?? null;
          st.mode = saved ? 'member' : 'empty';
          st.memberCommitteeId = idKey(saved?.committeeId ?? input.committeeId);
          const refocus = rememberFocus();
          renderEditor();
          renderList();
          refocus(form?.inputs.name);
        }
      });
  }

  // ---------- delete ----------
  function deleteCommittee(c, btn, refused) {
    return deleteRecord({
      message: `确定删除委员会“${c.name}”吗？有委员或联席会议记录的委员会不能删除。删除后可在回收站恢复。`,
      button: btn,
      refusedIn: refused,
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
    // Partner units may have been added in 共建 meanwhile.
    show: () => { load({ partners: true }); },
    isDirty,
    dispose: () => { st.disposed = true; },
  };
}
