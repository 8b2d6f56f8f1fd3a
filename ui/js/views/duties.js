// 减负 › 三清单 (目录三清单, issue 15), a tab of jianfu.js: the township's 基本履职事项, 配合履职事项 and
// 上级部门收回事项 in one list, filtered by list and 领域 with a search, each list's
// count above; the item's form beside the list (record-list), Excel import/export;
// after an import, the offer to publish the imported lists as new versions
// (duty-publish-offer.js, `#duties-publish-host`).
import { h, labelled } from '../dom.js';
import { localDate } from '../logic/format.js';
import { offerToPublish } from './duty-publish-offer.js';
import {
  DUTY_LISTS, DUTY_FIELDS, DUTY_ITEM_FIELDS, listShort, countDutyItems, dutyFormValues, filterDutyItems, listLabel, parseDutyForm,
  sameNumberNames, savedWithNumber,
} from '../logic/duties.js';
import { excelTools } from './excel-tools.js';
import { openBatchDialog } from './selection.js';
import {
  mountRecordList, recycleTexts, noteField, listedOnField, createdText,
} from './record-list/index.js';

export function mountDuties(host, ctx) {
  const { api, toast, onError } = ctx;
  const st = { list: '', field: '', search: '', disposed: false };
  const counts = h('p', { class: 'muted', id: 'duties-counts', 'aria-live': 'polite' });
  const select = (id, label, options) => {
    const el = h('select', { id, 'aria-label': label },
      h('option', { value: '' }, `全部${label}`),
      ...options.map((o) => h('option', { value: o.value }, o.label)));
    return el;
  };
  const listFilter = select('duties-filter-list', '清单', DUTY_LISTS);
  const fieldFilter = select('duties-filter-field', '领域', DUTY_FIELDS.map(({ label }) => ({ value: label, label })));
  const search = h('input', { id: 'duties-search', type: 'search', placeholder: '搜索事项、依据、部门', 'aria-label': '搜索' });
  listFilter.addEventListener('change', () => { st.list = listFilter.value; list.reload(); });
  fieldFilter.addEventListener('change', () => { st.field = fieldFilter.value; list.reload(); });
  search.addEventListener('input', () => { st.search = search.value; list.reload(); });
  const listHost = h('div', { id: 'duties-pane' });
  const offerHost = h('div', { id: 'duties-publish-host', 'aria-live': 'polite' });
  // A tab of 减负 (jianfu.js): its panel is the frame, so no title of its own.
  host.append(h('div', { class: 'duties', id: 'duties-view' },
    h('p', { class: 'hint' }, '本单位的基本履职事项、配合履职事项和上级部门收回事项：按清单和领域查找，可从Excel导入上级下发的清单。'),
    counts, offerHost, listHost));

  const showCounts = (all, shown) => {
    const c = countDutyItems(all, localDate());
    // 当前显示 belongs to the whole list, not to the last of the three; items taken back
    // from a day ahead said, as 首页 and 统计 count them from that day.
    const ahead = c.takenBackAhead ? `（其中 ${c.takenBackAhead} 项尚未到收回日期）` : '';
    counts.textContent = `基本履职事项 ${c.basic} 项 · 配合履职事项 ${c.assisting} 项 · 上级部门收回事项 ${c.taken_back} 项${ahead}`
      + (shown === all.length ? '' : `；共 ${all.length} 项，当前显示 ${shown} 项`);
  };

  const list = mountRecordList(listHost, {
    ctx,
    name: 'duty',
    tableId: 'duties-table',
    tableClass: 'duties-table',
    label: '履职事项',
    newText: '新增事项',
    emptyText: '没有符合条件的事项。点击“新增事项”，或用“从Excel导入”导入乡镇履职事项清单。',
    emptyDetail: ['在左侧选择一个事项，查看和修改。', '配合履职事项要写牵头部门；上级部门收回事项要写收回部门和日期。'],
    filters: [
      labelled('清单', listFilter),
      labelled('领域', fieldFilter),
      search,
    ],
    toolbar: excelTools({
      api, toast, onError, prefix: 'duties', exportKind: 'duty-items',
      imports: [{ kind: 'duty-items' }],
      onImported: () => {
        if (st.disposed) return;
        list.reload();
        offerToPublish(offerHost, {
          api, toast, alert: ctx.alert, onError, today: ctx.today ?? localDate(), isDisposed: () => st.disposed,
        });
      },
    }),
    columns: [
      { title: '清单', class: 'cell-nowrap', cell: (d) => h('span', { class: ['badge', `duty-list-${d.list ?? ''}`] }, listShort(d.list)) },
      { title: '领域', class: 'cell-nowrap', cell: (d) => d.fieldLabel ?? '' },
      {
        title: '序号',
        class: 'cell-nowrap',
        // A number another item of the list also has: marked, naming the other.
        cell: (d) => (sameNumberNames(d)
          ? [d.number, ' ', h('span', { class: 'badge badge-warn', 'data-same-number': '', title: `与${sameNumberNames(d)}序号相同` }, '重复')]
          : d.number || '—'),
      },
      { title: '事项名称', class: 'cell-name', cell: (d) => d.name ?? '' },
      {
        title: '部门',
        class: 'cell-dept',
        cell: (d) => (d.list === 'assisting' ? `牵头：${d.leadDepartment ?? ''}`
          : d.list === 'taken_back' ? `${d.takenBackBy ?? ''} ${d.takenBackOn ?? ''} 收回` : '—'),
      },
    ],
    rowLabel: (d) => `${listLabel(d.list)}，${d.name ?? ''}`,
    // A county's new list drops items: ticked and deleted at once (probe AF: 46 of
    // them, one form each), into the recycle bin.
    batch: {
      measure: '项',
      actions: [{
        id: 'delete',
        label: '删除',
        danger: true,
        run: (ids, { done }) => openBatchDialog({
          api, toast, onError, navigate: ctx.navigate,
          title: '批量删除事项', action: 'dutyItemsDelete', ids, noun: { measure: '项', name: '事项' },
          okText: '删除', danger: true, done,
        }),
      }],
    },
    load: async () => {
      const all = await api.listDutyItems();
      const shown = filterDutyItems(all, st);
      showCounts(all, shown.length);
      return shown;
    },
    form: {
      title: (d) => (d ? (d.name ?? '') : '新增事项'),
      values: (d) => dutyFormValues(d, st.list || 'basic'),
      fields: () => [
        { field: 'list', label: '清单', type: 'select', options: DUTY_LISTS.map(({ value, label }) => ({ value, label })) },
        { field: 'field', label: '领域', type: 'select', options: DUTY_FIELDS.map(({ label }) => ({ value: label, label })) },
        { field: 'number', label: '序号', maxlength: 20 },
        { field: 'name', label: '事项名称', maxlength: 100 },
        { field: 'basis', label: '法律政策依据', type: 'textarea', rows: 2, maxlength: 2000 },
        { field: 'townshipRole', label: '乡镇职责', type: 'textarea', rows: 2, maxlength: 2000 },
        { field: 'leadDepartment', label: '牵头部门', maxlength: 60, hint: '配合履职事项必填。' },
        { field: 'takenBackBy', label: '收回部门', maxlength: 60, hint: '上级部门收回事项必填。' },
        { field: 'takenBackOn', label: '收回日期', type: 'date', hint: '上级部门收回事项必填。' },
        listedOnField('上级部门收回事项按收回日期计入。'),
        noteField('remark'),
      ],
      parse: parseDutyForm,
      fieldNames: DUTY_ITEM_FIELDS,
      focus: 'name',
    },
    create: (input) => api.createDutyItem(input),
    update: (id, input) => api.updateDutyItem(id, input),
    remove: (id) => api.deleteDutyItem(id),
    savedText: (saved, creating, input) => savedWithNumber(createdText('事项')(saved, creating, input), saved),
    deleteText: recycleTexts({ button: '删除事项', noun: '事项', name: (d) => d.name }),
  });

  return list.asView(st);
}
