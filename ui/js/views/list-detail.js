// The frame of a screen whose detail takes the place of its list (共建 › 项目, 诉求 › 诉求):
// the detail's host after the list, which of the two shows, and Esc in the detail
// (outside its form and boxes, with no dialog open) going back to the list.
import { h } from '../dom.js';
import { isComposing } from '../forms.js';

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
