// 联系点 › 领导: the leaders (市, 县/区, 乡镇/街道 领导; those above the township as the
// township is told of them), the phone masked (显示 reveals it), the form beside the
// list (the full phone is fetched for editing), and the leader's contact points.
import { h, clear } from '../dom.js';
import { idKey } from '../logic/tree.js';
import { reportError } from '../logic/errors.js';
import {
  LEADER_LEVELS, LEADER_FIELDS, leaderFormValues, parseLeaderForm, leaderCells, pointCells,
} from '../logic/contacts.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recycleTexts, revealCell, noteField, createdText } from './record-list/index.js';

export function mountLeaders(host, ctx) {
  const { api, toast, alert, onError, shared, openPoint, newPoint } = ctx;
  const levels = LEADER_LEVELS;
  let disposed = false;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });

  const list = mountRecordList(host, {
    ctx,
    name: 'leader',
    tableId: 'leaders-table',
    tableClass: 'leaders-table',
    label: '联系领导',
    newText: '新增领导',
    emptyText: '还没有联系领导。点击“新增领导”，或从 Excel 导入名单。市、县/区领导按上级公布的名单录入。',
    emptyDetail: ['在左侧选择一位领导，查看和修改。', '每位领导联系哪个村/社区、小区或网格，在“联系点”中安排。'],
    toolbar: excelTools({
      api, toast, onError, prefix: 'leaders', exportKind: 'leaders',
      imports: [{ kind: 'leaders' }],
      onImported: () => { if (!disposed) list.reload(); },
    }),
    columns: [
      { title: '姓名', class: 'cell-name', cell: (l) => leaderCells(l, levels).name },
      { title: '层级', class: 'cell-nowrap', cell: (l) => h('span', { class: ['level-badge', `level-${l.level ?? ''}`] }, leaderCells(l, levels).level) },
      { title: '职务', cell: (l) => leaderCells(l, levels).post },
      { title: '单位', cell: (l) => leaderCells(l, levels).unit },
      {
        title: '联系电话',
        class: 'cell-masked',
        cell: (l) => revealCell({
          id: idKey(l.id), masked: l.phone ?? '', label: `${l.name ?? ''}`,
          reveal: () => api.revealLeaderPhone(l.id),
          onError: (e) => reportError(e, { show: alert, reboot: onError, reload: () => list.reload() }),
        }),
      },
      { title: '联系点', class: 'cell-nowrap', cell: (l) => leaderCells(l, levels).points },
    ],
    rowLabel: (l) => `${l.name ?? ''}，${leaderCells(l, levels).level}`,
    load: () => api.listLeaders(),
    // The list only has the masked number: the form needs the full one, or saving would store the mask.
    prepare: async (l) => ({ fullPhone: l.phone ? String(await api.revealLeaderPhone(l.id) ?? '') : '' }),
    afterSave: (saved, input) => ({ fullPhone: input.phone }),
    form: {
      title: (l) => (l ? (l.name ?? '') : '新增领导'),
      values: (l, extra) => leaderFormValues(l, { fullPhone: extra?.fullPhone ?? '' }),
      fields: () => [
        { field: 'name', label: '姓名', maxlength: 20 },
        {
          field: 'level', label: '层级', type: 'select', options: levels,
          hint: '市领导为重点联系，县/区领导为包保，乡镇/街道领导为全覆盖。',
        },
        { field: 'post', label: '职务', maxlength: 40, placeholder: '如 副区长、街道党工委书记' },
        { field: 'unit', label: '单位', maxlength: 60, placeholder: '如 区人民政府' },
        { field: 'phone', label: '联系电话', type: 'phone', hint: '列表和导出中按规定打码显示。' },
        noteField(),
      ],
      parse: parseLeaderForm,
      fieldNames: LEADER_FIELDS,
      focus: 'name',
    },
    create: (input) => api.createLeader(input),
    update: (id, input) => api.updateLeader(id, input),
    remove: (id) => api.deleteLeader(id),
    savedText: createdText('领导'),
    deleteText: recycleTexts({
      button: '删除领导',
      noun: '领导',
      name: (l) => l.name,
      rule: '有联系点的领导不能删除。',
      hint: '有联系点的领导不能删除：先在“联系点”中删除或改派。',
      blocked: (l) => (Number(l?.points) > 0
        ? `“${l.name ?? ''}”还有 ${Number(l.points)} 个联系点，不能删除。调整分工请给联系点填写结束日期；联系点删除或改派后才能删除这位领导。` : ''),
    }),
    detailExtra: (l, section) => renderPoints(l, section),
    onChanged: () => { shared.leaders({ fresh: true }); },
  });

  /** The leader's contact points, each opening in 联系点; 安排联系点 starts a new one for the leader. */
  async function renderPoints(l, section) {
    const add = h('button', { type: 'button', id: 'leader-add-point', class: 'btn btn-secondary btn-small' }, '＋ 安排联系点');
    add.addEventListener('click', () => newPoint?.({ leaderId: idKey(l.id) }));
    const head = h('h3', { id: 'leader-points-title' }, '联系点');
    clear(section, head, h('p', { class: 'loading' }, '正在加载…'));
    section.setAttribute('aria-labelledby', 'leader-points-title');
    let points;
    try {
      points = await api.listContactPoints();
    } catch (e) {
      if (disposed || !section.isConnected) return;
      clear(section, head, h('p', { class: 'hint' }, '联系点没有加载成功。'));
      fail(e);
      return;
    }
    if (disposed || !section.isConnected) return;
    const mine = (Array.isArray(points) ? points : []).filter((p) => idKey(p.leaderId) === idKey(l.id));
    clear(section,
      h('h3', { id: 'leader-points-title' }, `联系点（${mine.length}）`),
      mine.length
        ? h('ul', { class: 'item-list', id: 'leader-points' }, mine.map((p) => {
          const c = pointCells(p, levels);
          const btn = h('button', { type: 'button', class: 'btn btn-link', 'data-leader-point-id': idKey(p.id) }, c.target);
          btn.addEventListener('click', () => openPoint?.(idKey(p.id)));
          return h('li', { class: 'item-row' }, btn,
            h('span', { class: 'item-meta' }, [c.kind, c.period, `走访 ${c.visits}`].filter(Boolean).join(' · ')),
            c.active ? null : h('span', { class: 'badge badge-muted' }, c.state));
        }))
        : h('p', { class: 'hint', id: 'leader-points-empty' }, '还没有安排联系点。'),
      h('div', { class: 'button-row' }, add));
  }

  return {
    show: async () => {
      await list.reload();
    },
    isDirty: list.isDirty,
    dispose: () => {
      disposed = true;
      list.dispose();
    },
  };
}
