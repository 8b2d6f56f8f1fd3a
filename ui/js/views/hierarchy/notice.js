// 组织架构, the printable 网格服务公示牌 of a compound or base grid: it replaces the
// hierarchy until 返回 (or Esc); 打印 prints it on A4.
import { h, clear, thead } from '../../dom.js';
import { confirmDiscard } from '../../dialog.js';
import { idKey } from '../../logic/tree.js';
import { localDate } from '../../logic/format.js';
import { noticeModel } from '../../logic/notice.js';

export function noticePart(cx) {
  const { st, office } = cx;
  const { hierarchySection, noticeScreen } = cx.els;
  const isDirty = () => cx.isDirty();
  const handleError = (e) => cx.handleError(e);
  const compoundStaff = (unit) => cx.compoundStaff(unit);

  // ---------- 网格服务公示牌 ----------
  async function openNotice(unit) {
    if (!(await confirmDiscard(isDirty()))) return;
    const key = idKey(unit.id);
    let unitStaff = [];
    if (unit.kind === 'compound') {
      try {
        unitStaff = await compoundStaff(unit);
      } catch (e) {
        if (!st.disposed) handleError(e);
        return;
      }
    }
    // The clerk went on to another unit while the compound's people loaded: no card over it.
    if (st.disposed || st.mode !== 'edit' || st.selectedId !== key) return;
    const model = noticeModel({ tree: st.tree, coverage: st.coverage, unitId: unit.id, office, unitStaff });
    renderNotice(model);
    hierarchySection.hidden = true;
    noticeScreen.hidden = false;
    document.getElementById('notice-print')?.focus();
  }

  function closeNotice() {
    noticeScreen.hidden = true;
    clear(noticeScreen);
    hierarchySection.hidden = false;
    document.getElementById('print-notice')?.focus();
  }

  function noticeHead() {
    return thead(
      { text: '身份', class: 'notice-role' },
      { text: '姓名', class: 'notice-name' },
      { text: '联系电话', class: 'notice-phone' });
  }

  function personLine(p) {
    return h('tr', {},
      h('td', { class: 'notice-role' }, p.role),
      h('td', { class: 'notice-name' }, p.name),
      h('td', { class: 'notice-phone' }, p.phone));
  }

  function renderNotice(m) {
    const today = localDate();
    const [y, mo, d] = today.split('-');
    const gridBlocks = m.grids.length
      ? m.grids.map((g) => h('section', { class: 'notice-grid', 'data-grid-id': g.id },
        h('h3', { class: 'notice-grid-name' }, g.name),
        h('table', { class: 'notice-table' },
          noticeHead(),
          h('tbody', {},
            g.pending
              ? h('tr', { class: 'notice-pending' }, h('td', { colspan: '3' }, '网格员信息待公示'))
              : g.workers.map(personLine),
            g.micro.map((mg) => mg.staff.map((p) => personLine({ ...p, role: `${mg.name} · ${p.role}` })))))))
      : [h('p', { class: 'notice-pending-block' }, '这里还没有基础网格。')];
    const ownBlock = m.unitStaff.length
      ? h('section', { class: 'notice-grid' },
        h('h3', { class: 'notice-grid-name' }, `${m.unitName} · 楼栋长和信息员`),
        h('table', { class: 'notice-table' }, noticeHead(), h('tbody', {}, m.unitStaff.map(personLine))))
      : null;
    clear(noticeScreen,
      h('div', { class: 'notice-toolbar' },
        h('button', { id: 'notice-back', type: 'button', class: 'btn btn-secondary', onClick: closeNotice }, '返回'),
        h('button', { id: 'notice-print', type: 'button', class: 'btn btn-primary', onClick: () => globalThis.print() }, '打印'),
        h('span', { class: 'hint' }, '打印时请选择 A4 纸、纵向。只公示已勾选“公示”的人员：姓名和完整的手机号码，方便群众联系。')),
      h('div', { class: 'notice-paper' },
        h('article', { id: 'notice-card', class: 'notice-card', 'aria-labelledby': 'notice-title' },
          h('header', { class: 'notice-head' },
            h('p', { class: 'notice-office' }, m.officeName),
            h('h1', { id: 'notice-title', class: 'notice-title' }, m.title),
            h('p', { class: 'notice-path' }, m.path)),
          h('div', { class: 'notice-body' }, gridBlocks, ownBlock),
          h('section', { class: 'notice-duties' },
            h('h2', { class: 'notice-duties-title' }, '主要职责'),
            h('ul', { class: 'notice-duty-list' }, m.duties.map((d) => h('li', {}, d)))),
          h('footer', { class: 'notice-foot' },
            h('span', {}, m.officeName),
            h('span', {}, `公示日期：${y}年${Number(mo)}月${Number(d)}日`)))));
  }

  return { openNotice, closeNotice };
}
