// 组织架构, who serves a grid or compound (在岗人员, from grid_coverage and for a
// compound its own people) and the business grids a base grid absorbed (多格合一).
import { h, thead } from '../../dom.js';
import { kindLabel, idKey } from '../../logic/tree.js';
import { absorbedText } from '../../logic/bizgrids.js';

export function staffPart(cx) {
  const { st, api } = cx;

  // ---------- 在岗人员 / 已纳入的业务网格 ----------
  function staffTable(rows, { withGrid = false } = {}) {
    return h('table', { class: 'data-table staff-table' },
      thead(withGrid && '网格', '姓名', '身份', '手机号码', '公示'),
      h('tbody', {}, rows.map((s) => h('tr', { 'data-person-id': idKey(s.personId) },
        withGrid ? h('td', { class: 'cell-nowrap' }, s.grid ?? '') : null,
        h('td', { class: 'cell-nowrap' }, s.name ?? ''),
        h('td', {}, s.role ?? ''),
        h('td', { class: 'cell-nowrap masked-value' }, s.phoneMasked ?? ''),
        h('td', { class: 'cell-center' }, s.published
          ? h('span', { class: 'pub-tag is-on' }, '是')
          : h('span', { class: 'pub-tag' }, '否'))))));
  }

  function gridSections(unit) {
    if (!['base_grid', 'micro_grid', 'compound'].includes(unit.kind)) return null;
    const out = h('div', { class: 'grid-sections' });
    const staffSection = h('section', { class: 'info-section', id: 'unit-staff', 'aria-labelledby': 'unit-staff-title' },
      h('h3', { id: 'unit-staff-title' }, '在岗人员'));
    out.append(staffSection);
    if (!st.coverage) {
      staffSection.append(h('p', { class: 'hint' }, '在岗人员没有加载成功。'));
    } else if (unit.kind === 'compound') {
      staffSection.append(h('p', { class: 'hint', id: 'unit-staff-loading' }, '正在加载…'));
      fillCompoundStaff(unit, staffSection);
    } else {
      const staff = st.staffOf.get(idKey(unit.id)) ?? [];
      staffSection.append(staff.length
        ? staffTable(staff)
        : h('p', { class: 'hint', id: 'unit-staff-empty' },
          unit.kind === 'base_grid' ? '这个网格还没有在岗的网格员。可在“人员名单”中新增或调整。'
            : '这个微网格还没有在岗的楼栋长或信息员。可在“人员名单”中新增或调整。'));
    }
    if (unit.kind === 'base_grid') {
      const merge = st.merges?.find((m) => idKey(m.baseGridId) === idKey(unit.id));
      const absorbed = merge?.absorbed ?? [];
      out.append(h('section', { class: 'info-section', id: 'unit-business-grids', 'aria-labelledby': 'unit-bg-title' },
        h('h3', { id: 'unit-bg-title' }, '已纳入的业务网格'),
        !st.merges
          ? h('p', { class: 'hint' }, '业务网格没有加载成功。')
          : absorbed.length
            ? h('ul', { class: 'absorbed-list' }, absorbed.map((a) => h('li', {
              class: a.mergedOn ? 'is-merged' : 'is-pending',
            }, absorbedText(a))))
            : h('p', { class: 'hint' }, '还没有业务网格对应到这个网格。可在“多格合一”中设置。')));
    }
    return out;
  }

  /** Compound: people serving the compound itself, then everyone on its grids. */
  async function compoundStaff(unit) {
    const page = await api.listPeople({
      role: '', text: '', villageId: '', unitId: idKey(unit.id), status: 'active', politicalStatus: '',
      employment: '', sort: 'name', descending: false, page: 0, pageSize: 0,
    });
    const own = (page?.rows ?? []).map((r) => ({
      personId: r.id, name: r.name, role: r.roles, phoneMasked: r.phone, published: !!r.published, publicPhone: r.publicPhone,
    }));
    return own;
  }

  async function fillCompoundStaff(unit, section) {
    const token = ++st.unitStaffToken;
    let own = [];
    let failed = false;
    try {
      own = await compoundStaff(unit);
    } catch {
      failed = true;
    }
    if (st.disposed || token !== st.unitStaffToken || !section.isConnected) return;
    section.querySelector('#unit-staff-loading')?.remove();
    const rows = own.map((s) => ({ ...s, grid: `本${kindLabel(unit.kind, unit.areaType)}` }));
    const node = st.tree.byId.get(idKey(unit.id));
    const walkGrids = (n) => {
      for (const c of n.children) {
        if (c.unit.kind === 'base_grid' || c.unit.kind === 'micro_grid') {
          for (const s of st.staffOf.get(idKey(c.unit.id)) ?? []) rows.push({ ...s, grid: c.unit.name });
          walkGrids(c);
        }
      }
    };
    if (node) walkGrids(node);
    // The compound's list holds the people of its grids too: each is listed once,
    // under the grid (probe AD: 6 people in 12 rows, 本小区 and again by grid).
    const onGrids = new Set(rows.slice(own.length).map((s) => idKey(s.personId)));
    const listed = rows.filter((s, i) => i >= own.length || !onGrids.has(idKey(s.personId)));
    if (failed) section.append(h('p', { class: 'hint' }, '小区本级的人员没有加载成功。'));
    section.append(listed.length
      ? staffTable(listed, { withGrid: true })
      : h('p', { class: 'hint', id: 'unit-staff-empty' }, '这个小区和它的网格还没有在岗人员。'));
  }

  return { gridSections, compoundStaff };
}
