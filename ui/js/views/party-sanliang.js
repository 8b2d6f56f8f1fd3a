// 党建 › 三亮: every compound (小区) with its party branch and the three items made
// public (亮组织架构、亮职责、亮党员身份), each ✓ with its date or 未公示; the completion
// rate; 只看未完成. A row opens the editor beside the list: the branch form (Enter
// saves, Esc undoes or closes) and the photo of the notice (选择照片…, 打开, 移除).
import { h, clear, cssEscape } from '../dom.js';
import { confirmDiscard, confirmDialog } from '../dialog.js';
import {
  bindFormKeys, bindRowKeys, onEnter, oneAtATime, whileBusy, clearFieldErrors, showFieldError, rememberFocus,
  undoEdits, fieldRow,
} from '../forms.js';
import { pickedPath, pathRow } from '../files.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import { formatDateTime, localDate } from '../logic/format.js';
import { valuesChanged } from '../logic/fields.js';
import {
  SANLIANG_ITEMS, BRANCH_FIELDS, sanliangSummary, branchState, sanliangItem, compoundTitle, branchFormValues,
  parseBranchForm,
} from '../logic/party.js';
import { attachmentRow } from '../logic/cobuild.js';
import { excelTools } from './excel-tools.js';

export function mountSanliang(host, { api, toast, alert, clearAlert, onError }) {
  const st = {
    data: null,
    onlyMissing: false,
    selectedId: '',
    branch: null, // the PartyBranch in the editor
    baseline: null,
    loadToken: 0,
    viewToken: 0,
    disposed: false,
  };
  let form = null;
  const save = oneAtATime(saveBranch);

  // ---------- skeleton ----------
  const rate = h('p', { class: 'rate-text', id: 'sanliang-rate' }, '正在统计…');
  const progress = h('progress', { class: 'rate-bar', id: 'sanliang-progress', max: '1', value: '0', 'aria-labelledby': 'sanliang-rate' });
  const onlyMissing = h('input', { type: 'checkbox', id: 'sanliang-only-missing' });
  const tableHost = h('div', { class: 'table-scroll', id: 'sanliang-host', 'aria-busy': 'true' }, h('p', { class: 'loading' }, '正在加载…'));
  const editor = h('aside', { class: 'side-panel', id: 'branch-editor', 'aria-label': '党支部和三亮情况' });

  host.append(
    h('div', { class: 'rate-card', id: 'sanliang-summary', role: 'status' }, rate, progress),
    h('div', { class: 'toolbar toolbar-spread' },
      h('div', { class: 'checkbox-row' }, onlyMissing, h('label', { for: 'sanliang-only-missing' }, '只看未完成')),
      excelTools({
        api, toast, onError, prefix: 'sanliang', exportKind: 'party-branches', defaultName: '小区三亮情况.xlsx',
        exportHint: '导出全部小区的党支部和三亮公示情况（不受“只看未完成”影响）。',
        imports: [{ kind: 'party-branches' }],
        onImported: () => { if (!st.disposed) load(); },
      })),
    h('div', { class: 'split-layout' }, h('div', { class: 'split-main' }, tableHost), editor));

  onlyMissing.addEventListener('change', () => {
    st.onlyMissing = onlyMissing.checked;
    load();
  });

  renderEditor();
  load();

  // ---------- data ----------
  function fail(e) {
    reportError(e, { show: alert, reboot: onError });
  }

  async function load() {
    const token = ++st.loadToken;
    tableHost.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await api.sanliangList(st.onlyMissing);
    } catch (e) {
      if (st.disposed || token !== st.loadToken) return;
      tableHost.removeAttribute('aria-busy');
      fail(e);
      if (!tableHost.querySelector('table')) clear(tableHost, h('p', { class: 'empty-state' }, '三亮情况没有加载成功。'));
      return;
    }
    if (st.disposed || token !== st.loadToken) return;
    tableHost.removeAttribute('aria-busy');
    st.data = data ?? { rows: [], compounds: 0, complete: 0 };
    renderSummary();
    renderTable();
  }

  function renderSummary() {
    const s = sanliangSummary(st.data);
    rate.textContent = s.text;
    progress.hidden = !s.compounds;
    progress.max = Math.max(1, s.compounds);
    progress.value = s.complete;
  }

  function rows() {
    return Array.isArray(st.data?.rows) ? st.data.rows : [];
  }

  function renderTable() {
    const list = rows();
    if (!list.length) {
      clear(tableHost, h('p', { class: 'empty-state', id: 'sanliang-empty' }, st.onlyMissing && st.data?.compounds
        ? '每个小区的三亮都已齐全。'
        : '还没有小区。请先在“组织架构”中建立小区。'));
      return;
    }
    const hadFocus = tableHost.contains(document.activeElement) ? document.activeElement?.dataset?.compoundId : null;
    clear(tableHost, h('table', { class: 'data-table sanliang-table', id: 'sanliang-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '村/社区'),
        h('th', { scope: 'col' }, '小区'),
        h('th', { scope: 'col' }, '党支部'),
        h('th', { scope: 'col' }, '书记'),
        SANLIANG_ITEMS.map((i) => h('th', { scope: 'col', 'data-item': i.key }, i.label)),
        h('th', { scope: 'col' }, '完成情况'))),
      h('tbody', {}, list.map(branchRow))));
    if (hadFocus) tableHost.querySelector(`tr[data-compound-id="${cssEscape(hadFocus)}"]`)?.focus();
  }

  function branchRow(row) {
    const id = idKey(row.compoundId);
    const state = branchState(row);
    const tr = h('tr', {
      class: ['record-row', id === st.selectedId && 'is-selected'], 'data-compound-id': id, 'data-state': state.key,
      tabindex: '0', 'aria-selected': String(id === st.selectedId),
      'aria-label': `${compoundTitle(row)}：${state.label}，按 Enter 编辑`,
    },
    h('td', { class: 'cell-nowrap' }, row.villageName ?? ''),
    h('td', { class: 'cell-name' }, row.compoundName ?? ''),
    h('td', { class: 'cell-nowrap' }, row.exists
      ? h('span', { class: 'badge badge-ok' }, '已建')
      : h('span', { class: 'badge badge-muted' }, '未建')),
    h('td', { class: 'cell-nowrap' }, row.secretary || h('span', { class: 'muted' }, '—')),
    SANLIANG_ITEMS.map((item) => {
      const c = sanliangItem(row, item);
      return h('td', { class: 'cell-nowrap', 'data-item': item.key, 'data-done': String(c.done) }, c.done
        ? h('span', { class: 'check-done' }, h('span', { 'aria-hidden': 'true' }, '✓ '), h('span', { class: 'sr-only' }, '已公示 '), c.date)
        : h('span', { class: 'badge badge-missing' }, '未公示'));
    }),
    h('td', { class: 'cell-nowrap' }, h('span', { class: ['state-tag', `state-${state.key}`] }, state.label)));
    tr.addEventListener('click', () => select(id));
    bindRowKeys(tr, () => select(id), { root: tableHost, selector: 'tr[data-compound-id]', onTop: () => onlyMissing.focus() });
    return tr;
  }

  // ---------- the editor ----------
  async function select(id) {
    if (id === st.selectedId && form) {
      form.inputs.secretary.focus();
      return;
    }
    if (!(await confirmDiscard(isDirty())) || st.disposed) return;
    const row = rows().find((r) => idKey(r.compoundId) === id);
    if (!row) return;
    clearAlert?.();
    st.viewToken += 1;
    st.selectedId = id;
    st.branch = row;
    markSelected();
    renderEditor();
    form?.inputs.secretary.focus();
  }

  function markSelected() {
    for (const tr of tableHost.querySelectorAll('tr[data-compound-id]')) {
      const on = tr.dataset.compoundId === st.selectedId;
      tr.classList.toggle('is-selected', on);
      tr.setAttribute('aria-selected', String(on));
    }
  }

  function close() {
    st.viewToken += 1;
    const id = st.selectedId;
    st.selectedId = '';
    st.branch = null;
    markSelected();
    renderEditor();
    tableHost.querySelector(`tr[data-compound-id="${cssEscape(id)}"]`)?.focus();
  }

  function readValues() {
    const i = form.inputs;
    return {
      exists: i.exists.checked,
      secretary: i.secretary.value,
      structureOn: i.structureOn.value,
      dutiesOn: i.dutiesOn.value,
      identityOn: i.identityOn.value,
      note: i.note.value,
    };
  }

  function isDirty() {
    return !!form && valuesChanged(st.baseline, readValues());
  }

  function renderEditor() {
    form = null;
    const b = st.branch;
    if (!b) {
      clear(editor, h('div', { class: 'empty-state detail-empty' },
        h('p', {}, '在左侧选择一个小区，登记党支部和三亮公示情况。'),
        h('p', { class: 'hint' }, '三亮：亮组织架构、亮职责、亮党员身份。三项都公示了，才算三亮齐全。')));
      return;
    }
    const state = branchState(b);
    clear(editor,
      h('h2', { class: 'detail-title', id: 'branch-title' }, compoundTitle(b),
        h('span', { class: ['state-tag', `state-${state.key}`], id: 'branch-state' }, state.label)),
      h('p', { class: 'meta' }, [b.compoundCode ? `编码 ${b.compoundCode}` : '', b.updatedAt ? `最后修改 ${formatDateTime(b.updatedAt)}` : '尚未登记']
        .filter(Boolean).join(' · ')),
      buildForm(b),
      photoSection(b));
  }

  function buildForm(b) {
    const values = branchFormValues(b);
    st.baseline = { ...values };
    const inputs = {};
    const errors = {};
    inputs.exists = h('input', { type: 'checkbox', id: 'branch-exists', name: 'exists', checked: values.exists });
    inputs.secretary = h('input', {
      type: 'text', id: 'branch-secretary', name: 'secretary', maxlength: '20', autocomplete: 'off', value: values.secretary,
    });
    const dateRows = SANLIANG_ITEMS.map((item) => {
      inputs[item.field] = h('input', {
        type: 'text', id: `branch-${item.field}`, name: item.field, class: 'input-date', maxlength: '12', autocomplete: 'off',
        placeholder: '如 2026-03-01', value: values[item.field],
      });
      const today = h('button', {
        type: 'button', class: 'btn btn-link btn-small', 'data-today-for': item.field,
        'aria-label': `${item.label}的公示日期填今天`,
      }, '今天');
      today.addEventListener('click', () => {
        inputs[item.field].value = localDate();
        inputs[item.field].focus();
      });
      return fieldRow({
        field: item.field, label: `${item.label}`, control: inputs[item.field], errors, extra: today,
        hint: item.key === 'structure' ? '填公示的日期；留空表示还没有公示。' : null,
      });
    });
    inputs.note = h('textarea', { id: 'branch-note', name: 'note', rows: '2', maxlength: '500' });
    inputs.note.value = values.note;

    const saveBtn = h('button', { id: 'branch-save', type: 'submit', class: 'btn btn-primary' }, '保存');
    const cancelBtn = h('button', { id: 'branch-cancel', type: 'button', class: 'btn btn-secondary', title: '撤销未保存的修改；没有修改时关闭（Esc）' }, '取消');
    const el = h('form', { id: 'branch-form', class: 'side-form', novalidate: true, 'aria-labelledby': 'branch-title' },
      fieldRow({ field: 'exists', label: '已建立小区党支部', control: inputs.exists, errors }),
      fieldRow({ field: 'secretary', label: '支部书记', control: inputs.secretary, errors }),
      dateRows,
      fieldRow({ field: 'note', label: '备注', control: inputs.note, errors, wide: true }),
      h('div', { class: 'form-actions-row' }, saveBtn, cancelBtn, h('span', { class: 'hint' }, 'Enter 保存 · Esc 取消')));
    const cancel = () => {
      if (isDirty()) undoEdits({ dirty: true, render: renderEditor, toast, focus: () => form?.inputs.secretary.focus() });
      else close();
    };
    cancelBtn.addEventListener('click', cancel);
    bindFormKeys(el, { save, cancel });
    form = { el, inputs, errors, saveBtn };
    return el;
  }

  async function saveBranch() {
    if (!form || !st.branch) return;
    const refs = form;
    clearFieldErrors(refs.errors, refs.inputs);
    const parsed = parseBranchForm(readValues());
    if (!parsed.ok) {
      showError(refs, parsed.error.field, parsed.error.message);
      return;
    }
    const token = st.viewToken;
    const id = st.selectedId;
    const name = st.branch.compoundName ?? '';
    await whileBusy(refs.saveBtn, async () => {
      try {
        const saved = await api.savePartyBranch(id, parsed.input);
        if (st.disposed) return;
        toast(`已保存“${name}”的党支部和三亮情况`);
        load();
        if (token !== st.viewToken) return;
        const refocus = rememberFocus();
        st.branch = saved ?? { ...st.branch, ...parsed.input };
        renderEditor();
        refocus(form?.inputs.secretary);
      } catch (e) {
        if (st.disposed) return;
        if (token !== st.viewToken) {
          fail(e);
          return;
        }
        reportError(e, {
          fields: BRANCH_FIELDS,
          field: (f, message) => showError(refs, f, message),
          show: alert,
          reboot: onError,
          reload: () => {
            close();
            load();
          },
        });
      }
    });
  }

  function showError(refs, field, message) {
    const slot = refs.errors[field];
    if (!slot) {
      alert(message);
      return;
    }
    showFieldError(slot, message, refs.inputs[field], { select: refs.inputs[field]?.tagName === 'INPUT' });
  }

  // ---------- the photo of the notice ----------
  function photoSection(b) {
    const section = h('section', { class: 'info-section photo-section', id: 'branch-photo', 'aria-labelledby': 'branch-photo-title' });
    renderPhoto(section, b);
    return section;
  }

  function renderPhoto(section, b) {
    const photo = b.photo ? attachmentRow(b.photo) : null;
    const err = h('p', { class: 'file-error', id: 'branch-photo-error', role: 'alert', hidden: true });
    const showErr = (e) => reportError(e, {
      show: (m) => { err.textContent = m; err.hidden = false; },
      reboot: onError,
    });
    const picker = pathRow({
      inputId: 'branch-photo-path', buttonId: 'branch-photo-choose', buttonText: '选择照片…',
      ariaLabel: '公示照片文件位置', placeholder: '照片文件的位置，或点“选择照片…”',
    });
    const setBtn = h('button', { id: 'branch-photo-set', type: 'button', class: 'btn btn-secondary' }, '上传');
    picker.row.append(setBtn);
    const compoundId = idKey(b.compoundId);

    const upload = async (path) => {
      err.hidden = true;
      const token = st.viewToken;
      await whileBusy([picker.button, setBtn], async () => {
        try {
          const saved = await api.setBranchPhoto(compoundId, path);
          if (st.disposed) return;
          toast(path ? '已上传公示照片' : '已移除公示照片');
          load();
          if (token !== st.viewToken) return;
          // Only the photo changes: the form keeps what the clerk is typing.
          st.branch = { ...st.branch, photo: saved?.photo ?? null, updatedAt: saved?.updatedAt ?? st.branch.updatedAt };
          renderPhoto(section, st.branch);
          (section.querySelector('#branch-photo-open') ?? section.querySelector('#branch-photo-choose'))?.focus();
        } catch (e) {
          if (!st.disposed) showErr(e);
        }
      });
    };
    picker.button.addEventListener('click', async () => {
      err.hidden = true;
      try {
        const path = pickedPath(await api.chooseOpenFile('选择三亮公示照片', 'any'));
        if (path && !st.disposed) await upload(path);
      } catch (e) {
        if (!st.disposed) showErr(e);
      }
    });
    const fromBox = () => {
      const path = picker.input.value.trim();
      if (!path) {
        err.textContent = '请填写照片文件的位置，或点“选择照片…”。';
        err.hidden = false;
        picker.input.focus();
        return;
      }
      upload(path);
    };
    setBtn.addEventListener('click', fromBox);
    onEnter(picker.input, fromBox);

    let current = h('p', { class: 'hint', id: 'branch-photo-none' }, '还没有上传公示照片。');
    if (photo) {
      const open = h('button', { id: 'branch-photo-open', type: 'button', class: 'btn btn-secondary btn-small', disabled: photo.missing }, '打开');
      const remove = h('button', { id: 'branch-photo-remove', type: 'button', class: 'btn btn-danger btn-small' }, '移除');
      open.addEventListener('click', async () => {
        err.hidden = true;
        await whileBusy(open, async () => {
          try {
            await api.openAttachment(photo.hash);
          } catch (e) {
            if (!st.disposed) showErr(e);
          }
        });
      });
      remove.addEventListener('click', async () => {
        const ok = await confirmDialog({
          title: '移除照片', message: `确定移除公示照片“${photo.name}”吗？`, okText: '移除', danger: true,
        });
        if (ok && !st.disposed) upload('');
      });
      current = h('div', { class: ['file-item', photo.missing && 'is-missing'], 'data-attachment-hash': photo.hash },
        h('span', { class: 'file-name' }, photo.name),
        h('span', { class: 'file-meta' }, `${photo.size}${photo.addedAt ? ` · ${photo.addedAt}` : ''}`),
        photo.missing ? h('span', { class: 'badge badge-bad', 'data-missing': '' }, '文件已丢失') : null,
        h('span', { class: 'file-actions' }, open, remove));
    }
    clear(section,
      h('h3', { id: 'branch-photo-title' }, '公示照片'),
      current,
      photo?.missing ? h('p', { class: 'hint' }, '照片文件在附件文件夹里找不到了，可以重新上传一张。') : null,
      picker.row,
      err,
      h('p', { class: 'hint' }, '拍下小区公示栏的照片上传，作为三亮公示的佐证。照片会复制到数据文件旁的附件文件夹，备份时一并保存。'));
  }

  return {
    show: () => load(),
    isDirty,
    dispose: () => { st.disposed = true; },
  };
}
