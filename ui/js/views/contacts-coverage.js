// 联系点 › 覆盖: every community, compound and base grid with its contact leaders
// (active contact points, as of today); those with none marked 无联系领导 in red,
// 只看没有联系领导的; and the rule that township leaders together cover every
// community, with its gaps (乡镇/街道领导全覆盖的缺口). 安排联系领导 starts a new
// contact point for the unit.
import { h, clear, thead, loadFailed } from '../dom.js';
import { newest } from '../newest.js';
import { reportError } from '../logic/errors.js';
import { kindLabel } from '../logic/tree.js';
import { coverageSummary, coverageRows, townshipGaps, receivedCoverageRows } from '../logic/contacts.js';

export function mountCoverage(host, {
  api, alert, onError, shared, newPoint, office,
}) {
  // A county or city sees each office below's coverage from its file first (it saw
  // only 有联系领导的对象 11 in 统计, not of how many nor which: probe AA).
  const above = office?.level === 'county' || office?.level === 'city';
  const received = above ? h('section', { class: 'card', id: 'coverage-received', 'aria-labelledby': 'coverage-received-title' }) : null;
  if (received) host.append(received);
  const st = { coverage: null, tree: null, onlyUncovered: false, loadToken: 0, disposed: false };

  const summary = h('p', { class: 'rate-text', id: 'coverage-summary', role: 'status' });
  const progress = h('progress', { class: 'rate-bar', id: 'coverage-progress', max: '1', value: '0', 'aria-label': '有联系领导的比例' });
  const onlyBox = h('input', { type: 'checkbox', id: 'coverage-only-uncovered' });
  const tableHost = h('div', { class: 'table-scroll', id: 'coverage-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const gaps = h('aside', { class: 'side-panel township-gaps', id: 'township-gaps', 'aria-labelledby': 'township-gaps-title' });

  // This office's own targets (a county without communities of its own shows none).
  const ownPart = h('div', { id: 'coverage-own' },
    h('div', { class: 'rate-card' }, summary, progress,
      h('div', { class: 'checkbox-row' }, onlyBox, h('label', { for: 'coverage-only-uncovered' }, '只看没有联系领导的'))),
    h('p', { class: 'hint' }, '按正在联系的联系点计算（结束日期已过的不算）。一个村/社区、小区或网格有任何一位领导联系即为“有联系领导”。'),
    h('div', { class: 'split-layout' }, h('div', { class: 'split-main' }, tableHost), gaps));
  host.append(ownPart);

  onlyBox.addEventListener('change', () => {
    st.onlyUncovered = onlyBox.checked;
    renderTable();
  });

  load();

  async function loadReceived() {
    if (!received) return;
    try {
      const list = await api.receivedContactCoverage();
      if (!st.disposed) renderReceived(receivedCoverageRows(list));
    } catch (e) {
      if (!st.disposed) reportError(e, { show: alert, reboot: onError });
    }
  }

  function renderReceived(rows) {
    const below = office?.level === 'county' ? '乡镇/街道' : '县/区及其乡镇/街道';
    clear(received,
      h('h2', { id: 'coverage-received-title' }, `${below}报送的联系覆盖情况`),
      h('p', { class: 'hint' }, '按各单位报送文件里的记录，在其导出之日正在联系的联系点计算。'),
      rows.length
        ? h('table', { class: 'data-table', id: 'coverage-received-table' },
          thead('单位', '有联系领导的对象', '覆盖率', '没有乡镇/街道领导联系的村/社区', '没有联系领导的对象'),
          h('tbody', {}, rows.map((r) => h('tr', { 'data-office-code': r.code },
            h('td', {}, r.name, h('br'), h('span', { class: 'muted' }, `截至 ${r.asOf}`)),
            h('td', { class: 'cell-num' }, `${r.covered} / ${r.total}`),
            h('td', { class: 'cell-num' }, r.rate),
            h('td', {}, r.gaps.length ? h('span', { class: 'gap-line is-gap' }, r.gaps.join('、')) : '无（已全覆盖）'),
            h('td', {}, r.uncovered.length
              ? h('details', { class: 'folded-list' }, h('summary', {}, `${r.uncovered.length} 个`),
                h('ul', { class: 'item-list' }, r.uncovered.map((p) => h('li', {}, p))))
              : '无')))))
        : h('p', { class: 'empty-state', id: 'coverage-received-empty' }, `还没有收到${below}报送的文件。`));
  }

  async function load() {
    loadReceived();
    tableHost.setAttribute('aria-busy', 'true');
    const got = await newest(st, 'loadToken', () => Promise.all([api.contactCoverage(), shared.units({ fresh: true })]));
    if (!got) return;
    tableHost.removeAttribute('aria-busy');
    if (!got.ok) {
      reportError(got.error, { show: alert, reboot: onError });
      loadFailed(tableHost, '覆盖情况没有加载成功。');
      return;
    }
    const [coverage, units] = got.value;
    st.coverage = coverage ?? {};
    st.tree = units?.tree ?? null;
    render();
  }

  function render() {
    const s = coverageSummary(st.coverage);
    ownPart.hidden = above && !s.total;
    summary.textContent = s.text;
    progress.value = s.total ? s.covered / s.total : 0;
    progress.hidden = !s.total;
    renderTable();
    renderGaps();
  }

  function kindText(r) {
    return kindLabel(r.kind, st.tree?.byId.get(r.id)?.unit.areaType);
  }

  function assignButton(id, name, attr) {
    const btn = h('button', {
      type: 'button', class: 'btn btn-secondary btn-small', [attr]: id, 'aria-label': `为${name}安排联系领导`,
    }, '安排联系领导');
    btn.addEventListener('click', () => newPoint?.({ unitId: id }));
    return btn;
  }

  function renderTable() {
    const rows = coverageRows(st.coverage, { onlyUncovered: st.onlyUncovered });
    if (!rows.length) {
      clear(tableHost, h('p', { class: 'empty-state', id: 'coverage-empty' }, st.onlyUncovered
        ? '每个村/社区、小区和网格都有联系领导。'
        : '还没有村/社区、小区或网格。请先在“组织架构”中建立。'));
      return;
    }
    clear(tableHost, h('table', { class: ['data-table', 'coverage-table', st.onlyUncovered && 'with-paths'], id: 'coverage-table' },
      thead('联系对象', '类型', '联系领导', { sr: '操作' }),
      h('tbody', {}, rows.map((r) => h('tr', {
        'data-unit-id': r.id, 'data-kind': r.kind, class: ['coverage-row', r.uncovered && 'is-uncovered'],
      },
      h('td', { class: ['cell-target', `depth-${r.depth}`] },
        h('span', { class: 'target-name' }, st.onlyUncovered ? r.path : r.name),
        st.onlyUncovered || r.depth === 1 ? null : h('span', { class: 'sr-only' }, `（${r.path}）`)),
      h('td', { class: 'cell-nowrap' }, h('span', { class: ['kind-tag', `kind-${r.kind}`] }, kindText(r))),
      h('td', {}, r.uncovered
        ? h('span', { class: 'badge badge-bad', 'data-uncovered': '' }, '无联系领导')
        : h('ul', { class: 'leader-chips' }, r.leaders.map((l) => h('li', { class: 'leader-chip' }, l)))),
      h('td', { class: 'cell-actions' }, r.uncovered ? assignButton(r.id, r.name, 'data-assign-unit') : null))))));
  }

  function renderGaps() {
    const g = townshipGaps(st.coverage);
    clear(gaps,
      h('h2', { class: 'detail-title', id: 'township-gaps-title' }, g.items.length ? '乡镇/街道领导全覆盖的缺口' : '乡镇/街道领导全覆盖'),
      h('p', { class: 'hint' }, '乡镇/街道领导要全覆盖：每个村/社区至少有一位乡镇/街道领导联系。'),
      h('p', { class: g.items.length ? 'gap-line is-gap' : 'ok-line', id: 'township-gaps-text' }, g.text),
      g.items.length
        ? h('ul', { class: 'item-list', id: 'township-gaps-list' }, g.items.map((v) => h('li', { class: 'item-row', 'data-gap-unit-id': v.id },
          h('span', { class: 'item-name' }, v.name),
          h('span', { class: 'item-actions' }, assignButton(v.id, v.name, 'data-gap-assign')))))
        : null);
  }

  return {
    show: () => { load(); },
    isDirty: () => false,
    dispose: () => { st.disposed = true; },
  };
}
