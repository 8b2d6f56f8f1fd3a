// 组织架构, the tree pane: the units as a role=tree (↑/↓, →/←, Home/End, Enter or
// Space opens one; a search filters it) and the grids nobody serves (无人网格).
// unitTree(cx) draws from the screen's state (cx.st) into the pane's elements and
// sends a chosen unit up through cx.select.
import { h, clear, cssEscape } from '../../dom.js';
import { kindLabel, idKey, filterTree } from '../../logic/tree.js';

export function unitTree(cx) {
  const { st } = cx;
  const { treeEl, treeMessage, filterInput, uncoveredToggle, coverageLine, uncoveredPanel } = cx.els;
  const select = (key) => cx.select(key);
  const unitOf = (key) => cx.unitOf(key);
  const reveal = (key) => cx.reveal(key);

  // ---------- 无人网格 ----------
  function renderUncovered() {
    const list = st.coverage?.uncovered ?? [];
    const grids = (st.coverage?.baseGrids?.length ?? 0) + (st.coverage?.microGrids?.length ?? 0);
    uncoveredToggle.textContent = st.coverage ? `无人网格（${list.length}）` : '无人网格';
    uncoveredToggle.setAttribute('aria-pressed', String(st.uncoveredOpen));
    uncoveredToggle.disabled = !st.coverage;
    coverageLine.textContent = st.coverage
      ? (grids ? `网格 ${grids} 个，有人 ${grids - list.length} 个` : '')
      : '在岗人员没有加载成功';
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
          onClick: () => selectFromList(idKey(g.unitId)),
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

  async function selectFromList(key) {
    if (!unitOf(key)) return;
    reveal(key);
    if (st.filter) {
      st.filter = '';
      filterInput.value = '';
    }
    await select(key);
    renderTree();
    itemEl(key)?.scrollIntoView?.({ block: 'nearest' });
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

    // Roving tabindex: exactly one item is reachable with Tab.
    const focusKey = [st.focusedId, st.selectedId].find((k) => k && visibleKeys.includes(k)) ?? visibleKeys[0];
    if (focusKey) {
      st.focusedId = focusKey;
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
    st.focusedId = el.dataset.id;
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  }

  function toggle(key, open) {
    const filtering = !!filterTree(st.tree, st.filter);
    const now = isExpanded(key, filtering);
    const want = open ?? !now;
    if (want === now) return;
    if (filtering) {
      if (want) st.filterCollapsed.delete(key); else st.filterCollapsed.add(key);
    } else if (want) st.expanded.add(key);
    else st.expanded.delete(key);
    st.focusedId = key;
    renderTree();
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
    select(key);
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
      case 'Enter':
      case ' ':
        select(key);
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
      st.filter = '';
      renderTree();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(items()[0]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = treeEl.querySelector('.is-match') ?? items()[0];
      if (first) {
        focusItem(first);
        select(first.dataset.id);
      }
    }
  }

  return { renderTree, renderUncovered, selectFromList, itemEl, items, focusItem, onTreeClick, onTreeKey, onFilterKey };
}
