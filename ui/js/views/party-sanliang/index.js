// 党建 › 三亮: every compound (小区) with its party branch and the three items made
// public (亮组织架构、亮职责、亮党员身份), each ✓ with its date or 未公示; the completion
// rate; 只看未完成. A row opens the editor beside the list: the branch form (Enter
// saves, Esc undoes or closes) and the photo of the notice (选择照片…, 打开, 移除).
// A record list (../record-list/) keyed by compound, without 新增 or 删除; photo.js
// draws the photo section.
import { h } from '../../dom.js';
import { confirmDialog } from '../../dialog.js';
import { idKey } from '../../logic/tree.js';
import { formatDateTime, localDate } from '../../logic/format.js';
import {
  SANLIANG_ITEMS, BRANCH_FIELDS, sanliangSummary, branchState, sanliangItem, compoundTitle, branchFormValues,
  parseBranchForm,
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
          return c.done
            ? h('span', { class: 'check-done' }, h('span', { 'aria-hidden': 'true' }, '✓ '), h('span', { class: 'sr-only' }, '已公示 '), c.date)
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
      return [
        h('p', { class: 'detail-state' }, h('span', { class: ['state-tag', `state-${state.key}`], id: 'branch-state' }, state.label)),
        h('p', { class: 'meta' }, [b.compoundCode ? `编码 ${b.compoundCode}` : '', b.updatedAt ? `最后修改 ${formatDateTime(b.updatedAt)}` : '尚未登记']
          .filter(Boolean).join(' · ')),
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
    // A published date cleared: every period since counts the compound as not
    // published, the ones already reported too (probe AI: 2025's 9 became 8 unsaid).
    confirmSave: (b, input) => {
      const cleared = SANLIANG_ITEMS.filter((item) => b?.[item.field] && !input[item.field]);
      if (!cleared.length) return Promise.resolve(true);
      return confirmDialog({
        title: '清空公示日期？',
        message: `清空${cleared.map((i) => `“${i.label}”（${b[i.field]}）`).join('、')}后，这个小区从那天以来的各期（包括已经报送的）都按没有公示统计。`
          + '如果只是公示牌暂时撤下，请保留日期，在备注里写明撤下和恢复的日期。',
        okText: '仍然清空',
        cancelText: '不清空',
        danger: true,
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
