// 组织架构, the tree pane: 新建村/社区 and the search, the Excel buttons, 无人网格 and the
// units as a role=tree (↑/↓, →/←, Home/End, Enter opens one, Space ticks it for a batch action; the search
// filters it). Data down: update(state) draws from the screen's state; actions up:
// props.onSelect, onToggle, onFocus, onFilter, onUncoveredToggle, onPickUncovered.
import { h, clear, cssEscape } from '../../dom.js';
import { kindLabel, idKey, filterTree } from '../../logic/tree.js';

/**
 * mountUnitTree(root, props) → { update(state), updateUncovered(state), itemEl(key), filterInput, failed(text), destroy() }
 * props: { newButton, excel (nodes of the toolbar), onSelect(key), onToggle(key, open, filtering), onFocus(key),
 *   onFilter(text), onUncoveredToggle(), onPickUncovered(key), selection (views/selection.js: a checkbox per unit
 *   for 批量移动/删除, its bar above the tree), subbar (a node beside 无人网格: 已撤销的单位) }
 * state: { tree, units, filter, expanded, filterCollapsed, selectedId, mode, focusedId, coverage, uncoveredOpen }
 */
export function mountUnitTree(root, props) {
  let st = null;
  const filterInput = h('input', {
    id: 'unit-filter', type: 'search', class: 'filter', placeholder: '搜索名称或代码',
    'aria-label': '搜索名称或代码', autocomplete: 'off',
    onInput: () => props.onFilter(filterInput.value),
    onKeydown: (e) => onFilterKey(e),
  });
  const treeEl = h('ul', {
    id: 'unit-tree', class: 'tree', role: 'tree', 'aria-label': '组织架构',
    onKeydown: (e) => onTreeKey(e), onClick: (e) => onTreeClick(e),
  });
  const treeMessage = h('p', { class: 'empty-state tree-message', hidden: true });
  const uncoveredToggle = h('button', {
    id: 'uncovered-toggle', type: 'button', class: 'btn btn-secondary btn-small uncovered-toggle',
    'aria-pressed': 'false', 'aria-controls': 'uncovered-panel',
    onClick: () => {
      props.onUncoveredToggle();
      if (st?.uncoveredOpen) uncoveredPanel.querySelector('button')?.focus();
    },
  }, '无人网格');
  const coverageLine = h('span', { class: 'coverage-line hint', id: 'coverage-line' });
  const uncoveredPanel = h('div', { id: 'uncovered-panel', class: 'uncovered-panel', hidden: true });
  const pane = h('div', { class: 'tree-pane' },
    h('div', { class: 'tree-toolbar' }, props.newButton, filterInput),
    h('div', { class: 'tree-excel' }, props.excel),
    h('div', { class: 'tree-subbar' }, uncoveredToggle, props.subbar ?? null, coverageLine),
    uncoveredPanel,
    props.selection?.bar ?? null,
    h('div', { class: 'tree-scroll' }, treeEl, treeMessage));
  root.append(pane);

  /** The tree again (the search box follows the state's filter); 无人网格 has updateUncovered. */
  function update(state) {
    st = state;
    if (filterInput.value !== st.filter) filterInput.value = st.filter;
    renderTree();
  }

  // ---------- 无人网格 ----------
  function renderUncovered() {
    const list = st.coverage?.uncovered ?? [];
    const base = st.coverage?.baseGrids?.length ?? 0;
    const micro = st.coverage?.microGrids?.length ?? 0;
    const grids = base + micro;
    uncoveredToggle.textContent = st.coverage ? `无人网格（${list.length}）` : '无人网格';
    uncoveredToggle.setAttribute('aria-pressed', String(st.uncoveredOpen));
    uncoveredToggle.disabled = !st.coverage;
    // Both kinds named: 网格 79 个 read as 79 base grids beside 统计's 22. Each line
    // kept whole (基础网格 wrapped away from its 3 in a narrow tree pane).
    const lines = !st.coverage ? ['在岗人员没有加载成功']
      : grids ? [`基础网格 ${base}、微网格 ${micro}`, `有在岗人员的 ${grids - list.length} 个`] : [];
    clear(coverageLine, lines.map((l) => h('span', { class: 'coverage-part' }, l)));
    uncoveredPanel.hidden = !st.uncoveredOpen;
    if (!st.uncoveredOpen) return;
    if (!list.length) {
      clear(uncoveredPanel, h('p', { class: 'hint uncovered-empty' }, '每个网格都有在岗人员。'));
      return;
    }
    clear(uncoveredPanel,
      h('p', { class: 'uncovered-title' }, `没有在岗人员的网格（${list.length}）`),
      h('ul', { id: 'uncovered-list', class: 'uncovered-list' }, list.map((g) => h('li', {},
        h('button', {
          type: 'button', class: 'uncovered-item', 'data-unit-id': idKey(g.unitId),
          onClick: () => props.onPickUncovered(idKey(g.unitId)),
        },
        h('span', { class: ['kind-tag', `kind-${g.kind}`] }, kindLabel(g.kind)),
        // The grid's own name first: long paths are cut at the end, never the name.
        h('span', { class: 'uncovered-name' }, g.name),
        h('span', { class: 'uncovered-path' }, parentPath(g.path)))))));
  }

  /** "青溪社区 › 阳光花园 › 一网格" → "青溪社区 › 阳光花园" */
  function parentPath(path) {
    return String(path ?? '').split(' › ').slice(0, -1).join(' › ');
  }

  // ---------- tree ----------
  function isExpanded(key, filtering) {
    return filtering ? !st.filterCollapsed.has(key) : st.expanded.has(key);
  }

  function renderTree() {
    const hadFocus = treeEl.contains(document.activeElement);
    const filter = filterTree(st.tree, st.filter);
    const shown = (node) => !filter || filter.visibleIds.has(idKey(node.unit.id));
    const visibleKeys = [];

    const renderNode = (node, level, pos, size) => {
      const u = node.unit;
      const key = idKey(u.id);
      const kids = node.children.filter(shown);
      const expanded = kids.length > 0 && isExpanded(key, !!filter);
      visibleKeys.push(key);
      const li = h('li', {
        role: 'treeitem',
        class: ['tree-item', filter?.matchIds.has(key) && 'is-match'],
        'data-id': key,
        'data-kind': u.kind,
        'aria-level': String(level),
        'aria-posinset': String(pos),
        'aria-setsize': String(size),
        'aria-expanded': kids.length ? String(expanded) : null,
        'aria-selected': String(key === st.selectedId && st.mode === 'edit'),
        tabindex: '-1',
      },
      h('div', { class: ['node-row', `lvl-${Math.min(level, 6)}`], title: `${u.name}（${u.code}）` },
        h('span', { class: 'node-toggle', 'aria-hidden': 'true' }, kids.length ? (expanded ? '▾' : '▸') : ''),
        props.selection?.box(key, u.name) ?? null,
        h('span', { class: ['kind-tag', `kind-${u.kind}`] }, kindLabel(u.kind, u.areaType)),
        h('span', { class: 'node-name' }, u.name),
        h('span', { class: 'node-code' }, u.code)));
      if (expanded) {
        li.append(h('ul', { role: 'group', class: 'tree-group' },
          kids.map((c, i) => renderNode(c, level + 1, i + 1, kids.length))));
      }
      return li;
    };

    const roots = st.tree.roots.filter(shown);
    clear(treeEl, roots.map((n, i) => renderNode(n, 1, i + 1, roots.length)));

    if (!st.units.length) {
      treeMessage.textContent = '还没有村/社区。点击“新建村/社区”开始录入。';
      treeMessage.hidden = false;
    } else if (filter && !roots.length) {
      treeMessage.textContent = '没有找到匹配的单位。';
      treeMessage.hidden = false;
    } else {
      treeMessage.hidden = true;
    }

    // What is ticked follows the search: every unit it matches can be selected at once.
    props.selection?.update({
      visible: visibleKeys,
      total: filter ? filter.matchIds.size : st.units.length,
      key: st.filter ?? '',
      root: treeEl,
      listed: st.units.map((u) => idKey(u.id)),
    });

    // Roving tabindex: exactly one item is reachable with Tab.
    const focusKey = [st.focusedId, st.selectedId].find((k) => k && visibleKeys.includes(k)) ?? visibleKeys[0];
    if (focusKey) {
      if (focusKey !== st.focusedId) props.onFocus(focusKey);
      const item = itemEl(focusKey);
      item.tabIndex = 0;
      if (hadFocus) item.focus();
    }
  }

  const itemEl = (key) => treeEl.querySelector(`[role="treeitem"][data-id="${cssEscape(key)}"]`);
  const items = () => Array.from(treeEl.querySelectorAll('[role="treeitem"]'));

  function focusItem(el) {
    if (!el) return;
    for (const other of treeEl.querySelectorAll('[role="treeitem"][tabindex="0"]')) other.tabIndex = -1;
    el.tabIndex = 0;
    props.onFocus(el.dataset.id);
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  }

  /** Open or close a unit (as the clerk asked): the screen keeps which are open and draws again. */
  function toggle(key, open) {
    const filtering = !!filterTree(st.tree, st.filter);
    const now = isExpanded(key, filtering);
    const want = open ?? !now;
    if (want !== now) props.onToggle(key, want, filtering);
  }

  function onTreeClick(e) {
    const item = e.target.closest('[role="treeitem"]');
    if (!item || !treeEl.contains(item)) return;
    const key = item.dataset.id;
    if (e.target.closest('.node-toggle')) {
      toggle(key);
      itemEl(key)?.focus();
      return;
    }
    focusItem(item);
    props.onSelect(key);
  }

  function onTreeKey(e) {
    const item = e.target.closest('[role="treeitem"]');
    if (!item) return;
    const list = items();
    const i = list.indexOf(item);
    const key = item.dataset.id;
    const expanded = item.getAttribute('aria-expanded');
    switch (e.key) {
      case 'ArrowDown': focusItem(list[i + 1]); break;
      case 'ArrowUp': focusItem(list[i - 1]); break;
      case 'Home': focusItem(list[0]); break;
      case 'End': focusItem(list[list.length - 1]); break;
      case 'ArrowRight':
        if (expanded === 'false') toggle(key, true);
        else if (expanded === 'true') focusItem(item.querySelector('[role="treeitem"]'));
        break;
      case 'ArrowLeft':
        if (expanded === 'true') toggle(key, false);
        else focusItem(item.parentElement?.closest('[role="treeitem"]'));
        break;
      case ' ': {
        // Space ticks the unit's box for a batch action (as in a multi-select tree);
        // without boxes it opens the unit, as Enter does.
        const box = item.querySelector('.select-box'); // its own row comes before its children
        if (box) box.click();
        else props.onSelect(key);
        break;
      }
      case 'Enter':
        props.onSelect(key);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  function onFilterKey(e) {
    if (e.key === 'Escape' && filterInput.value) {
      e.preventDefault();
      filterInput.value = '';
      props.onFilter('');
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(items()[0]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = treeEl.querySelector('.is-match') ?? items()[0];
      if (first) {
        focusItem(first);
        props.onSelect(first.dataset.id);
      }
    }
  }


  return {
    update,
    /** Only 无人网格 and the coverage line (the coverage came, or the panel opened or closed). */
    updateUncovered(state) {
      st = state;
      renderUncovered();
    },
    itemEl,
    filterInput,
    /** The units could not be loaded: say so where the tree would be. */
    failed(text) {
      treeMessage.textContent = text;
      treeMessage.hidden = false;
    },
    destroy: () => pane.remove(),
  };
}
