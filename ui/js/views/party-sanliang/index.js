// 党建 › 三亮: every compound (小区) with its party branch and the three items made
// public (亮组织架构、亮职责、亮党员身份), each ✓ with its date or 未公示; the completion
// rate; 只看未完成. A row opens the editor beside the list: the branch form (Enter
// saves, Esc undoes or closes) and the photo of the notice (选择照片…, 打开, 移除).
// A record list (../record-list/) keyed by compound, without 新增 or 删除; photo.js
// draws the photo section.
import { dateBox, h } from '../../dom.js';
import { openModal } from '../../dialog.js';
import { idKey } from '../../logic/tree.js';
import { formatDateTime, localDate } from '../../logic/format.js';
import {
  SANLIANG_ITEMS, BRANCH_FIELDS, sanliangSummary, branchState, sanliangItem, compoundTitle, branchFormValues,
  parseBranchForm, clearedItems, parseTakenDown, takenDownLines,
} from '../../logic/party.js';
import { excelTools } from '../excel-tools.js';
import { mountRecordList, noteField } from '../record-list/index.js';
import { renderPhoto } from './photo.js';

export function mountSanliang(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { data: null, onlyMissing: false, disposed: false };

  const rate = h('p', { class: 'rate-text', id: 'sanliang-rate' }, '正在统计…');
  const progress = h('progress', { class: 'rate-bar', id: 'sanliang-progress', max: '1', value: '0', 'aria-labelledby': 'sanliang-rate' });
  const onlyMissing = h('input', { type: 'checkbox', id: 'sanliang-only-missing' });
  host.append(h('div', { class: 'rate-card', id: 'sanliang-summary', role: 'status' }, rate, progress));
  onlyMissing.addEventListener('change', () => {
    st.onlyMissing = onlyMissing.checked;
    list.reload();
  });

  const today = (field, label) => {
    const btn = h('button', {
      type: 'button', class: 'btn btn-link btn-small', 'data-today-for': field, 'aria-label': `${label}的公示日期填今天`,
    }, '今天');
    btn.addEventListener('click', () => {
      const input = document.getElementById(`branch-${field}`);
      if (!input) return;
      input.value = localDate();
      input.focus();
    });
    return btn;
  };

  const list = mountRecordList(host, {
    ctx,
    name: 'branch',
    key: (row) => row.compoundId,
    rowAttr: 'data-compound-id',
    rowHint: '按 Enter 编辑',
    tableId: 'sanliang-table',
    tableClass: 'sanliang-table',
    hostId: 'sanliang-host',
    detailId: 'branch-editor',
    narrow: true,
    label: '党支部和三亮情况',
    newText: null,
    emptyText: () => (st.onlyMissing && st.data?.compounds
      ? '每个小区的三亮都已齐全。'
      : '还没有小区。请先在“组织架构”中建立小区。'),
    emptyDetail: ['在左侧选择一个小区，登记党支部和三亮公示情况。', '三亮：亮组织架构、亮职责、亮党员身份。三项都公示了，才算三亮齐全。'],
    filters: h('div', { class: 'checkbox-row' }, onlyMissing, h('label', { for: 'sanliang-only-missing' }, '只看未完成')),
    toolbar: excelTools({
      api, toast, onError, prefix: 'sanliang', exportKind: 'party-branches',
      imports: [{ kind: 'party-branches' }],
      onImported: () => { if (!st.disposed) list.reload(); },
    }),
    columns: [
      { title: '村/社区', class: 'cell-nowrap', cell: (r) => r.villageName ?? '' },
      { title: '小区', class: 'cell-name', cell: (r) => r.compoundName ?? '' },
      {
        title: '党支部', class: 'cell-nowrap',
        cell: (r) => (r.exists ? h('span', { class: 'badge badge-ok' }, '已建') : h('span', { class: 'badge badge-muted' }, '未建')),
      },
      { title: '书记', class: 'cell-nowrap', cell: (r) => r.secretary || h('span', { class: 'muted' }, '—') },
      ...SANLIANG_ITEMS.map((item) => ({
        title: item.label,
        class: 'cell-nowrap',
        headAttrs: { 'data-item': item.key },
        attrs: (r) => ({ 'data-item': item.key, 'data-done': String(sanliangItem(r, item).done) }),
        cell: (r) => {
          const c = sanliangItem(r, item);
          if (c.done) {
            return h('span', { class: 'check-done' }, h('span', { 'aria-hidden': 'true' }, '✓ '), h('span', { class: 'sr-only' }, '已公示 '), c.date);
          }
          return c.takenDownOn
            ? h('span', { class: 'badge badge-missing', title: `${c.takenDownOn} 撤下` }, `已撤下 ${c.takenDownOn}`)
            : h('span', { class: 'badge badge-missing' }, '未公示');
        },
      })),
      {
        // 缺职责、党员身份 may wrap inside its tag rather than run past the list's edge.
        title: '完成情况', class: 'cell-state',
        cell: (r) => { const s = branchState(r); return h('span', { class: ['state-tag', `state-${s.key}`] }, s.label); },
      },
    ],
    rowAttrs: (r) => ({ 'data-state': branchState(r).key }),
    rowLabel: (r) => `${compoundTitle(r)}：${branchState(r).label}`,
    load: async () => {
      const data = await api.sanliangList(st.onlyMissing);
      st.data = data ?? { rows: [], compounds: 0, complete: 0 };
      const s = sanliangSummary(st.data);
      rate.textContent = s.text;
      progress.hidden = !s.compounds;
      progress.max = Math.max(1, s.compounds);
      progress.value = s.complete;
      return Array.isArray(st.data.rows) ? st.data.rows : [];
    },
    detailHead: (b) => {
      const state = branchState(b);
      const spells = takenDownLines(b);
      return [
        h('p', { class: 'detail-state' }, h('span', { class: ['state-tag', `state-${state.key}`], id: 'branch-state' }, state.label)),
        h('p', { class: 'meta' }, [b.compoundCode ? `编码 ${b.compoundCode}` : '', b.updatedAt ? `最后修改 ${formatDateTime(b.updatedAt)}` : '尚未登记']
          .filter(Boolean).join(' · ')),
        spells.length
          ? h('div', { class: 'meta', id: 'branch-taken-down' }, h('p', {}, '撤下记录（撤下以前的各期仍按已公示统计）：'),
            h('ul', {}, ...spells.map((line) => h('li', {}, line))))
          : null,
      ];
    },
    form: {
      title: (b) => compoundTitle(b),
      values: (b) => branchFormValues(b),
      fields: () => [
        { field: 'exists', label: '已建立小区党支部', type: 'checkbox' },
        { field: 'secretary', label: '支部书记', maxlength: 20 },
        ...SANLIANG_ITEMS.map((item) => ({
          field: item.field, label: item.label, type: 'date', extra: today(item.field, item.label),
          hint: item.key === 'structure' ? '填公示的日期；留空表示还没有公示。' : null,
        })),
        noteField(),
      ],
      parse: parseBranchForm,
      fieldNames: BRANCH_FIELDS,
      focus: 'secretary',
    },
    // A published date cleared: asked whether the board came down (a 撤下日期: the
    // periods before it keep counting it) or the date was a mistake (every period
    // since counts it as never published; probe AI: 2025's 9 became 8 unsaid).
    confirmSave: (b, input) => {
      const cleared = clearedItems(b, input);
      if (!cleared.length) return Promise.resolve(true);
      return askTakenDown(b, cleared).then((answer) => {
        if (answer == null) return false;
        input.takenDownOn = answer;
        return true;
      });
    },
    update: (compoundId, input) => api.savePartyBranch(idKey(compoundId), input),
    savedText: () => `已保存“${list.current()?.compoundName ?? ''}”的党支部和三亮情况`,
    detailExtra: (b, section) => renderPhoto(section, b, {
      api, toast, onError, gone: () => st.disposed, changed: () => list.reload(),
    }),
  });

  return list.asView(st);
}

/**
 * 公示牌撤下了吗？ for the items `cleared` of branch `b`: resolves the 撤下日期 typed
 * (登记撤下), '' (原来填错了: a correction), or null (取消: nothing saved).
 */
function askTakenDown(b, cleared) {
  return new Promise((resolve) => {
    let result = null;
    const named = cleared.map((i) => `“${i.label}”（${b[i.field]}）`).join('、');
    const input = dateBox({ id: 'taken-down-on', 'aria-describedby': 'taken-down-error' });
    input.value = localDate();
    const error = h('p', { class: 'file-error', id: 'taken-down-error', role: 'alert', hidden: true });
    const record = h('button', { type: 'button', id: 'taken-down-ok', class: 'btn btn-primary' }, '登记撤下');
    const mistake = h('button', { type: 'button', id: 'taken-down-mistake', class: 'btn btn-danger' }, '原来填错了，清空');
    const cancel = h('button', { type: 'button', id: 'taken-down-cancel', class: 'btn btn-secondary' }, '取消');
    const content = h('div', {},
      h('p', { class: 'dialog-message' }, `要去掉${named}。公示牌撤下了，请填撤下的日期：撤下以前的各期（包括已经报送的）仍按已公示统计，以后重新公示再填新的日期。`),
      h('label', { class: 'field-label', for: 'taken-down-on' }, '撤下日期'),
      input, error,
      h('p', { class: 'hint' }, '如果原来的日期是填错的（其实没有公示过），选“原来填错了，清空”：从那天以来的各期都按没有公示统计。'),
      h('div', { class: 'dialog-actions' }, cancel, mistake, record));
    const { close } = openModal({ id: 'taken-down-dialog', title: '公示牌撤下了吗？', content, onClose: () => resolve(result) });
    record.addEventListener('click', () => {
      const d = parseTakenDown(input.value, cleared, b, localDate());
      if (!d.ok) {
        error.textContent = d.message;
        error.hidden = false;
        input.focus();
        return;
      }
      result = d.value;
      close();
    });
    mistake.addEventListener('click', () => { result = ''; close(); });
    cancel.addEventListener('click', () => close());
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); record.click(); }
    });
    input.focus();
  });
}
