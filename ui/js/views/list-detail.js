// The frame of a screen whose detail takes the place of its list (共建 › 项目, 诉求 › 诉求):
// the detail's host after the list, which of the two shows, and Esc in the detail
// (outside its form and boxes, with no dialog open) going back to the list; and the
// moves between the two (`listDetailNav`).
import { h } from '../dom.js';
import { newest } from '../newest.js';
import { isComposing } from '../forms.js';
import { confirmDiscard } from '../dialog.js';
import { idKey } from '../logic/tree.js';

/**
 * listDetailFrame(host, props) → { el, showList(), showDetail(), destroy() }
 * props: { id, className, listEl, isOpen() (the detail shows), formEl() (the open form, if any), back() }
 */
export function listDetailFrame(host, { id, className, listEl, isOpen, formEl, back }) {
  const el = h('div', { id, class: className, hidden: true });
  host.append(el);
  const onKey = (e) => {
    if (!isOpen() || e.key !== 'Escape' || e.defaultPrevented || isComposing(e)) return;
    if (document.querySelector('dialog[open]') || !el.contains(e.target)) return;
    if (formEl()?.contains(e.target) || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target?.tagName ?? '')) return;
    e.preventDefault();
    back();
  };
  document.addEventListener('keydown', onKey);
  return {
    el,
    showList() {
      el.hidden = true;
      listEl.hidden = false;
    },
    showDetail() {
      listEl.hidden = true;
      el.hidden = false;
    },
    destroy: () => document.removeEventListener('keydown', onKey),
  };
}

/**
 * The moves between such a screen's list and one record's detail: the detail mounted
 * afresh for each record, a form with unsaved changes asked about before it is left,
 * and an answer that comes back after the clerk opened another record dropped. The
 * screen's own state `st` keeps `mode` ('list' | 'create' | 'edit'), the open record
 * as `st[key]`, `viewToken` and `disposed`, where the detail reads them.
 *
 * listDetailNav(frame, props) → { isDirty(), detail(), showList(), showDetail(), edit(record),
 *   focus(...selectors), back(), create(), open(id), destroy() }
 * props: {
 *   st, key,
 *   clearAlert(),
 *   mount() → the detail of st[key] (null: a new record), mounted in frame.el,
 *   reloadList() (awaited on the way back), focusRow(id),
 *   prepareCreate() (awaited before a new record's form: choices that may have changed),
 *   load(id) → what opening a record reads (throws on failure),
 *   opened(loaded) → the record to show (default: loaded itself; may keep more of it in st),
 *   failed(error) (a load that threw, still current),
 *   openFocus: selectors tried first after a record opens (else the form's title),
 * }
 */
export function listDetailNav(frame, props) {
  const { st, key } = props;
  let detail = null;
  const isDirty = () => !!detail?.isDirty();

  function showList() {
    st.viewToken += 1;
    st.mode = 'list';
    st[key] = null;
    detail?.destroy();
    detail = null;
    frame.showList();
  }

  function showDetail() {
    detail?.destroy();
    detail = props.mount();
    frame.showDetail();
  }

  function focus(...selectors) {
    const el = selectors.map((s) => frame.el.querySelector(s)).find(Boolean);
    (el ?? detail?.form()?.inputs.title)?.focus();
  }

  return {
    isDirty,
    detail: () => detail,
    showList,
    showDetail,
    edit(record) {
      st.mode = 'edit';
      st[key] = record;
    },
    focus,
    async back() {
      if (!(await confirmDiscard(isDirty())) || st.disposed) return;
      const id = idKey(st[key]?.id);
      showList();
      props.clearAlert?.();
      await props.reloadList();
      if (st.disposed) return;
      props.focusRow(id);
    },
    async create() {
      if (st.mode !== 'list' && !(await confirmDiscard(isDirty()))) return;
      if (st.disposed) return;
      props.clearAlert?.();
      st.viewToken += 1;
      st.mode = 'create';
      st[key] = null;
      await props.prepareCreate?.();
      if (st.disposed) return;
      showDetail();
      detail?.form()?.focus();
    },
    async open(id) {
      if (st.mode !== 'list' && idKey(st[key]?.id) !== idKey(id) && !(await confirmDiscard(isDirty()))) return;
      if (st.disposed) return;
      props.clearAlert?.();
      const got = await newest(st, 'viewToken', () => props.load(id));
      if (!got) return;
      if (!got.ok) {
        props.failed(got.error);
        return;
      }
      const record = props.opened ? props.opened(got.value) : got.value;
      if (!record) return;
      st.mode = 'edit';
      st[key] = record;
      showDetail();
      focus(...(props.openFocus ?? []));
    },
    destroy() {
      detail?.destroy();
      frame.destroy();
    },
  };
}
