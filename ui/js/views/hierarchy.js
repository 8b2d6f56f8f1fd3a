// 组织架构: tree of villages/communities, compounds, grids on the left;
// details form of the selected unit on the right.
//
// Keyboard: in the tree ↑/↓ move, → expands / goes to first child, ← collapses /
// goes to parent, Home/End, Enter or Space opens the unit. In the form Enter saves
// (not in multi-line fields), Esc cancels a new record or reverts edits.
// Ctrl+N starts a new sibling of the current unit (a new 村/社区 when none).
import { h, clear } from '../dom.js';
import { confirmDialog } from '../dialog.js';
import {
  buildTree, childKinds, kindLabel, newKindLabel, idKey, pathTo, pathLabel,
  ancestorIds, moveTargets, filterTree,
} from '../logic/tree.js';
import {
  AREA_TYPES, FIELD_LABELS, fieldsForKind, parseUnitForm, unitToFormValues,
  emptyUnitValues, defaultAreaType, valuesDiffer,
} from '../logic/form.js';
import { errorRoute, errorMessage } from '../logic/errors.js';
import { formatDateTime } from '../logic/format.js';

const HINT = 'Enter 保存 · Esc 取消 · Ctrl+N 新建同级';

export function mountHierarchy(container, { api, office, toast, alert, clearAlert, onError }) {
  const st = {
    units: [],
    tree: buildTree([]),
    expanded: new Set(),
    filterCollapsed: new Set(),
    firstLoad: true,
    selectedId: '', // idKey of the unit open in the form (edit mode) or the creation parent
    focusedId: '',
    mode: 'empty', // 'empty' | 'edit' | 'create'
    create: null, // { kind, parentId, returnTo }
    baseline: null, // form values when the form was (re)filled, for dirty checks
    saving: false,
    suggest: null, // pending suggest_unit_code promise
    createToken: 0,
    filter: '',
    disposed: false,
  };
  let formRefs = null; // { form, inputs: {field: el}, errors: {field: el}, fields, save, continueBox }

  // ---------- skeleton ----------
  const newVillage = h('button', {
    id: 'new-village', type: 'button', class: 'btn btn-primary',
    onClick: () => startCreate('village', null),
  }, '新建村/社区');
  const filterInput = h('input', {
    id: 'unit-filter', type: 'search', class: 'filter', placeholder: '搜索名称或代码',
    'aria-label': '搜索名称或代码', autocomplete: 'off',
    onInput: () => {
      st.filter = filterInput.value;
      st.filterCollapsed.clear();
      renderTree();
    },
    onKeydown: onFilterKey,
  });
  const treeEl = h('ul', {
    id: 'unit-tree', class: 'tree', role: 'tree', 'aria-label': '组织架构',
    onKeydown: onTreeKey, onClick: onTreeClick,
  });
  const treeMessage = h('p', { class: 'empty-state tree-message', hidden: true });
  const detail = h('div', { class: 'detail-pane', id: 'unit-detail' });

  container.append(h('section', { class: 'hierarchy' },
    h('div', { class: 'tree-pane' },
      h('div', { class: 'tree-toolbar' }, newVillage, filterInput),
      h('div', { class: 'tree-scroll' }, treeEl, treeMessage)),
    detail));

  const onGlobalKey = (e) => {
    if (st.disposed) return;
    if (e.key === 'Escape' && st.mode === 'create' && !e.defaultPrevented && !e.isComposing
        && e.target !== filterInput && !document.querySelector('dialog[open]')) {
      // Esc outside the form (e.g. focus went back to the tree) also cancels a new record.
      e.preventDefault();
      cancelCreate();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'n' || e.key === 'N')) {
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      newSibling();
    }
  };
  document.addEventListener('keydown', onGlobalKey);

  renderDetail();
  load();

  // ---------- data ----------
  async function load() {
    try {
      const units = await api.listUnits();
      if (st.disposed) return;
      setUnits(units);
    } catch (e) {
      if (st.disposed) return;
      treeMessage.textContent = '组织架构没有加载成功。';
      treeMessage.hidden = false;
      handleError(e);
      return;
    }
    renderTree();
    if (st.mode === 'edit' && !unitOf(st.selectedId)) {
      st.mode = 'empty';
      st.selectedId = '';
    }
    if (st.mode !== 'create') renderDetail();
  }

  function setUnits(units) {
    st.units = Array.isArray(units) ? units : [];
    st.tree = buildTree(st.units);
    if (st.firstLoad) {
      st.firstLoad = false;
      for (const root of st.tree.roots) st.expanded.add(idKey(root.unit.id));
    }
  }

  async function reload() {
    const units = await api.listUnits();
    if (st.disposed) return;
    setUnits(units);
  }

  const unitOf = (key) => st.tree.byId.get(idKey(key))?.unit ?? null;

  function reveal(key) {
    for (const a of ancestorIds(st.tree, key)) st.expanded.add(a);
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

  // ---------- selection & modes ----------
  async function confirmDiscard() {
    if (!isDirty()) return true;
    return confirmDialog({
      title: '放弃修改？',
      message: '当前表单有未保存的修改，确定放弃吗？',
      okText: '放弃修改',
      cancelText: '继续编辑',
      danger: true,
    });
  }

  async function select(key) {
    if (st.mode === 'edit' && st.selectedId === key) return;
    if (!(await confirmDiscard())) {
      itemEl(st.focusedId)?.focus();
      return;
    }
    clearAlert?.();
    st.mode = 'edit';
    st.create = null;
    st.selectedId = key;
    st.focusedId = key;
    renderTree();
    renderDetail();
  }

  async function startCreate(kind, parentId, { force = false } = {}) {
    if (!force && !(await confirmDiscard())) return;
    if (st.disposed) return;
    clearAlert?.();
    const returnTo = st.mode === 'edit' ? st.selectedId : (st.create?.returnTo ?? '');
    st.mode = 'create';
    st.create = { kind, parentId: parentId ?? null, returnTo };
    const parent = unitOf(parentId);
    if (parent) {
      reveal(idKey(parent.id));
      st.expanded.add(idKey(parent.id)); // new siblings show up under the parent as they are saved
    }
    renderTree();
    renderDetail();
    formRefs.inputs.name.focus();

    const token = ++st.createToken;
    const p = api.suggestUnitCode(kind, parentId ?? null).then((code) => {
      if (st.disposed || token !== st.createToken || st.mode !== 'create' || !formRefs) return;
      const input = formRefs.inputs.code;
      if (input.value.trim() === '' && typeof code === 'string') {
        input.value = code;
        st.baseline.code = code;
      }
    }).catch(() => { /* no suggestion: the clerk types the code */ })
      .finally(() => { if (st.suggest === p) st.suggest = null; });
    st.suggest = p;
  }

  function cancelCreate() {
    const back = st.create?.returnTo;
    st.create = null;
    st.createToken += 1;
    if (back && unitOf(back)) {
      st.mode = 'edit';
      st.selectedId = back;
      st.focusedId = back;
    } else {
      st.mode = 'empty';
    }
    renderTree();
    renderDetail();
    (itemEl(st.focusedId) ?? newVillage).focus();
  }

  function revert() {
    if (st.mode !== 'edit' || !formRefs) return;
    const activeId = document.activeElement?.id;
    const dirty = isDirty();
    renderDetail();
    if (activeId) document.getElementById(activeId)?.focus();
    if (dirty) toast('已撤销未保存的修改');
  }

  function newSibling() {
    if (st.mode === 'create' && st.create) {
      formRefs?.inputs.name.focus();
      return;
    }
    const u = st.mode === 'edit' ? unitOf(st.selectedId) : null;
    if (u) startCreate(u.kind, u.parentId ?? null);
    else startCreate('village', null);
  }

  // ---------- form ----------
  function readForm() {
    const values = {};
    for (const f of formRefs.fields) values[f] = formRefs.inputs[f].value;
    return values;
  }

  function isDirty() {
    if (!formRefs || st.mode === 'empty' || !st.baseline) return false;
    return valuesDiffer(st.baseline, readForm(), formRefs.fields);
  }

  function clearFieldErrors() {
    if (!formRefs) return;
    for (const f of Object.keys(formRefs.errors)) {
      formRefs.errors[f].hidden = true;
      formRefs.errors[f].textContent = '';
      formRefs.inputs[f]?.removeAttribute('aria-invalid');
    }
  }

  function showFieldError(field, message) {
    const el = formRefs?.errors[field];
    if (!el) {
      alert(message);
      return;
    }
    el.textContent = message;
    el.hidden = false;
    const input = formRefs.inputs[field];
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select?.();
  }

  function handleError(e, fields = []) {
    const route = errorRoute(e, fields);
    if (route === 'field') {
      showFieldError(e.field, errorMessage(e));
    } else if (route === 'reload') {
      alert(errorMessage(e));
      reload().then(() => {
        if (st.mode === 'edit' && !unitOf(st.selectedId)) {
          st.mode = 'empty';
          st.selectedId = '';
        }
        renderTree();
        if (st.mode !== 'create') renderDetail();
      }).catch(onError);
    } else if (route === 'reboot') {
      onError(e);
    } else {
      alert(errorMessage(e));
    }
  }

  async function save() {
    if (st.saving || !formRefs || st.mode === 'empty') return;
    if (st.mode === 'create' && st.suggest) await st.suggest;
    if (st.disposed || !formRefs) return;
    clearFieldErrors();
    const creating = st.mode === 'create';
    const editing = creating ? null : unitOf(st.selectedId);
    const kind = creating ? st.create.kind : editing?.kind;
    if (!creating && !editing) return;
    const parentId = creating ? st.create.parentId : (editing.parentId ?? null);
    const parsed = parseUnitForm(readForm(), { kind, parentId });
    if (!parsed.ok) {
      showFieldError(parsed.error.field, parsed.error.message);
      return;
    }
    st.saving = true;
    formRefs.save.disabled = true;
    try {
      if (creating) {
        const keepGoing = formRefs.continueBox.checked;
        const created = await api.createUnit(parsed.input);
        toast('已保存');
        await reload();
        if (st.disposed) return;
        if (keepGoing) {
          st.saving = false;
          await startCreate(kind, parentId, { force: true });
        } else {
          const key = idKey(created?.id);
          reveal(key);
          st.mode = unitOf(key) ? 'edit' : 'empty';
          st.create = null;
          st.selectedId = unitOf(key) ? key : '';
          st.focusedId = st.selectedId;
          renderTree();
          renderDetail();
          formRefs?.inputs.name.focus();
        }
      } else {
        await api.updateUnit(editing.id, parsed.input);
        toast('已保存');
        const activeId = document.activeElement?.id;
        await reload();
        if (st.disposed) return;
        renderTree();
        renderDetail();
        if (activeId) document.getElementById(activeId)?.focus();
      }
    } catch (e) {
      handleError(e, formRefs?.fields ?? []);
    } finally {
      st.saving = false;
      if (formRefs?.save.isConnected) formRefs.save.disabled = false;
    }
  }

  function fieldRow(field, control, errors, extra) {
    const id = control.id;
    const err = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, hidden: true });
    errors[field] = err;
    control.setAttribute('aria-describedby', [extra?.hintId, `${id}-error`].filter(Boolean).join(' '));
    return [
      h('label', { for: id }, FIELD_LABELS[field]),
      h('div', { class: 'field' }, control, extra?.hint ?? null, err),
    ];
  }

  function buildForm({ kind, values, creating }) {
    const fields = fieldsForKind(kind);
    const inputs = {};
    const errors = {};
    const text = (field, attrs = {}) => h('input', {
      id: `unit-${field}`, name: field, type: 'text', autocomplete: 'off', value: values[field] ?? '', ...attrs,
    });
    inputs.code = text('code', { maxlength: '40', spellcheck: 'false', class: 'input-code' });
    inputs.name = text('name', { maxlength: '100' });
    inputs.areaType = h('select', { id: 'unit-areaType', name: 'areaType' },
      AREA_TYPES.map((a) => h('option', { value: a.value }, a.label)));
    inputs.areaType.value = values.areaType;
    if (fields.includes('households')) {
      inputs.households = text('households', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
      inputs.residents = text('residents', { inputmode: 'numeric', class: 'input-count', maxlength: '12' });
    }
    if (fields.includes('boundary')) {
      inputs.boundary = h('textarea', { id: 'unit-boundary', name: 'boundary', rows: '3', maxlength: '1000' });
      inputs.boundary.value = values.boundary ?? '';
    }
    inputs.note = h('textarea', { id: 'unit-note', name: 'note', rows: '2', maxlength: '1000' });
    inputs.note.value = values.note ?? '';

    const rows = [];
    for (const f of fields) {
      const extra = f === 'households' || f === 'residents'
        ? { hintId: `unit-${f}-hint`, hint: h('span', { class: 'hint inline-hint', id: `unit-${f}-hint` }, '不清楚可留空') }
        : null;
      rows.push(...fieldRow(f, inputs[f], errors, extra));
    }

    const continueBox = h('input', { id: 'unit-continue', type: 'checkbox', checked: true });
    const saveBtn = h('button', { id: 'unit-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancel = h('button', {
      id: 'unit-cancel', type: 'button', class: 'btn btn-secondary',
      title: creating ? '放弃新建（Esc）' : '撤销未保存的修改（Esc）',
      onClick: () => (creating ? cancelCreate() : revert()),
    }, creating ? '取消' : '撤销修改');

    const form = h('form', { id: 'unit-form', class: 'form-grid unit-form', novalidate: true, 'aria-labelledby': 'unit-title' },
      rows,
      creating
        ? h('div', { class: 'form-wide checkbox-row' },
          continueBox, h('label', { for: 'unit-continue' }, '保存后继续新建同级'))
        : null,
      h('div', { class: 'form-actions' }, saveBtn, cancel),
      h('p', { class: 'hint form-wide', id: 'unit-hint' }, HINT));

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      save();
    });
    form.addEventListener('keydown', (e) => {
      if (e.isComposing || e.keyCode === 229) return; // IME is composing Chinese text
      const t = e.target;
      if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey
          && (t.tagName === 'INPUT' || t.tagName === 'SELECT')) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (st.mode === 'create') cancelCreate();
        else revert();
      }
    });

    formRefs = { form, inputs, errors, fields, save: saveBtn, continueBox };
    return form;
  }

  function breadcrumb(path, extra) {
    const parts = path.map((u) => h('span', { class: 'crumb' }, u.name));
    if (extra) parts.push(h('span', { class: 'crumb crumb-new' }, extra));
    if (!parts.length) return null;
    const out = [];
    parts.forEach((p, i) => {
      if (i) out.push(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'));
      out.push(p);
    });
    return h('nav', { class: 'breadcrumb', 'aria-label': '所在位置' }, out);
  }

  function renderDetail() {
    formRefs = null;
    clear(detail);
    if (st.mode === 'create' && st.create) {
      const { kind, parentId } = st.create;
      const parent = unitOf(parentId);
      const values = emptyUnitValues({ areaType: defaultAreaType(parent, office) });
      st.baseline = { ...values };
      const title = newKindLabel(kind, values.areaType);
      detail.append(
        breadcrumb(parent ? pathTo(st.tree, parent.id) : [], `（${title}）`),
        h('h2', { id: 'unit-title', class: 'detail-title' }, title),
        buildForm({ kind, values, creating: true }),
      );
      return;
    }
    const unit = st.mode === 'edit' ? unitOf(st.selectedId) : null;
    if (!unit) {
      st.mode = 'empty';
      st.baseline = null;
      detail.append(h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '请在左侧选择一个单位查看和修改。'),
        h('p', { class: 'hint' }, '也可以点击“新建村/社区”，或按 Ctrl+N 新建。')));
      return;
    }
    const values = unitToFormValues(unit);
    st.baseline = { ...values };
    const label = kindLabel(unit.kind, unit.areaType);
    detail.append(
      breadcrumb(pathTo(st.tree, unit.id)),
      h('h2', { id: 'unit-title', class: 'detail-title' },
        h('span', { class: ['kind-tag', `kind-${unit.kind}`] }, label), ' ', unit.name),
      h('p', { class: 'meta' },
        `创建于 ${formatDateTime(unit.createdAt)} · 最后修改 ${formatDateTime(unit.updatedAt)}`),
      buildForm({ kind: unit.kind, values, creating: false }),
      actions(unit),
    );
  }

  function actions(unit) {
    const out = h('div', { class: 'unit-actions' });
    const kids = childKinds(unit.kind);
    if (kids.length) {
      out.append(h('section', { class: 'action-group', 'aria-labelledby': 'new-child-title' },
        h('h3', { id: 'new-child-title' }, '新建下级'),
        h('div', { class: 'button-row' }, kids.map((k) => h('button', {
          type: 'button', class: 'btn btn-secondary', 'data-new-kind': k,
          onClick: () => startCreate(k, unit.id),
        }, newKindLabel(k, unit.areaType))))));
    }
    if (unit.kind !== 'village') {
      const targets = moveTargets(st.tree, unit.id);
      const moveErr = h('p', { class: 'field-error', id: 'unit-move-error', 'data-error-for': 'newParentId', hidden: true });
      const select = h('select', {
        id: 'unit-move-target', name: 'newParentId', disabled: !targets.length, 'aria-describedby': 'unit-move-error',
      },
      h('option', { value: '' }, targets.length ? '请选择新的上级…' : '没有可以移动到的位置'),
      targets.map((t) => h('option', { value: idKey(t.id) },
        `${kindLabel(t.kind, t.areaType)}：${pathLabel(pathTo(st.tree, t.id))}（${t.code}）`)));
      const moveBtn = h('button', {
        id: 'unit-move', type: 'button', class: 'btn btn-secondary', disabled: !targets.length,
        onClick: () => doMove(unit, select, moveErr, moveBtn),
      }, '移动');
      select.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.isComposing) {
          e.preventDefault();
          moveBtn.click();
        }
      });
      out.append(h('section', { class: 'action-group', 'aria-labelledby': 'move-title' },
        h('h3', { id: 'move-title' }, h('label', { for: 'unit-move-target' }, '移动到…')),
        h('div', { class: 'button-row' }, select, moveBtn),
        moveErr));
    }
    out.append(h('section', { class: 'action-group danger-zone', 'aria-labelledby': 'delete-title' },
      h('h3', { id: 'delete-title' }, '删除'),
      h('p', { class: 'hint' }, '删除后可在回收站恢复。有下级单位时需先删除或移走下级。'),
      h('button', {
        id: 'unit-delete', type: 'button', class: 'btn btn-danger',
        onClick: () => doDelete(unit),
      }, `删除${kindLabel(unit.kind, unit.areaType)}`)));
    return out;
  }

  async function doMove(unit, select, moveErr, moveBtn) {
    moveErr.hidden = true;
    moveErr.textContent = '';
    const target = unitOf(select.value);
    if (!target) {
      moveErr.textContent = '请先选择要移动到的上级。';
      moveErr.hidden = false;
      select.focus();
      return;
    }
    if (!(await confirmDiscard())) return;
    moveBtn.disabled = true;
    try {
      await api.moveUnit(unit.id, target.id);
      toast(`已移动到“${target.name}”`);
      await reload();
      if (st.disposed) return;
      const key = idKey(unit.id);
      reveal(key);
      st.selectedId = key;
      st.focusedId = key;
      renderTree();
      renderDetail();
      itemEl(key)?.focus();
    } catch (e) {
      if (moveBtn.isConnected) moveBtn.disabled = false;
      if (e?.field === 'newParentId' || e?.field === 'parentId') {
        moveErr.textContent = errorMessage(e);
        moveErr.hidden = false;
      } else {
        handleError(e);
      }
    }
  }

  async function doDelete(unit) {
    const ok = await confirmDialog({
      title: '删除确认',
      message: `确定删除“${unit.name}”吗？删除后可在回收站恢复。`,
      okText: '删除',
      danger: true,
    });
    if (!ok || st.disposed) return;
    try {
      await api.deleteUnit(unit.id);
      toast(`已删除“${unit.name}”，可在回收站恢复`);
      const parentKey = idKey(unit.parentId);
      await reload();
      if (st.disposed) return;
      if (parentKey && unitOf(parentKey)) {
        st.mode = 'edit';
        st.selectedId = parentKey;
      } else {
        st.mode = 'empty';
        st.selectedId = '';
      }
      st.focusedId = st.selectedId;
      renderTree();
      renderDetail();
      (itemEl(st.focusedId) ?? newVillage).focus();
    } catch (e) {
      handleError(e);
    }
  }

  return () => {
    st.disposed = true;
    document.removeEventListener('keydown', onGlobalKey);
  };
}

function cssEscape(s) {
  return globalThis.CSS?.escape ? globalThis.CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&');
}
