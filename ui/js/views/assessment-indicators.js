// 考核 › 指标体系: the indicators by group (filter, search, retired shown on request),
// the form beside the list (record-list), 装入默认指标体系 for an office with none,
// the versions (each edit is one; an old one opens read-only), Excel in and out.
import { h, clear, labelled, thead } from '../dom.js';
import {
  DIRECTIONS, GROUPS, INDICATOR_FIELDS, METHODS, filterIndicators, formulaTerms, formulaText, groupLabel, indicatorFormValues,
  directionLabel, methodLabel, num, parseIndicatorForm, systemSummary,
} from '../logic/assessment.js';
import { FIGURE_LABELS } from '../logic/labels.js';
import { reportError } from '../logic/errors.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recycleTexts, createdText } from './record-list/index.js';

export function mountIndicators(host, ctx) {
  const { api, toast, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const st = { group: '', retired: false, search: '', disposed: false, all: [] };
  const summary = h('p', { class: 'muted', id: 'indicators-summary', 'aria-live': 'polite' });
  const groupFilter = h('select', { id: 'indicators-filter-group', 'aria-label': '指标组' },
    h('option', { value: '' }, '全部指标组'), ...GROUPS.map((g) => h('option', { value: g.value }, g.label)));
  const retired = h('input', { type: 'checkbox', id: 'indicators-show-retired' });
  const search = h('input', { id: 'indicators-search', type: 'search', placeholder: '搜索编号、名称、公式', 'aria-label': '搜索' });
  groupFilter.addEventListener('change', () => { st.group = groupFilter.value; list.reload(); });
  retired.addEventListener('change', () => { st.retired = retired.checked; list.reload(); });
  search.addEventListener('input', () => { st.search = search.value; list.reload(); });

  const install = h('button', { type: 'button', class: 'btn btn-secondary', id: 'indicators-install', hidden: true }, '装入默认指标体系');
  install.addEventListener('click', async () => {
    try {
      const got = await api.installDefaultIndicators();
      if (st.disposed) return;
      toast(`已装入默认指标体系，共 ${got?.length ?? 0} 项指标`);
      list.reload();
      loadVersions();
    } catch (e) { fail(e); }
  });
  const versions = h('section', { class: 'card', id: 'indicators-versions', 'aria-labelledby': 'indicators-versions-title' });
  const listHost = h('div', { id: 'indicators-pane' });
  host.append(summary, h('div', { class: 'button-row indicators-install-row' }, install), listHost, versions);

  async function loadVersions() {
    let vs = [];
    try { vs = await api.listIndicatorVersions(); } catch (e) { fail(e); return; }
    if (st.disposed) return;
    clear(versions,
      h('h2', { id: 'indicators-versions-title' }, '版本'),
      vs.length
        ? h('ul', { class: 'plain-list', id: 'indicators-version-list' }, vs.map((v) => {
          const b = h('button', { type: 'button', class: 'btn btn-link', 'data-version': String(v.version) }, `第 ${v.version} 版`);
          b.addEventListener('click', () => openVersion(v.version));
          return h('li', {}, b, ` ${v.madeOn ?? ''} ${v.note ?? ''}`);
        }))
        : h('p', { class: 'hint' }, '还没有指标体系。'),
      h('div', { id: 'indicators-version-detail' }));
  }

  async function openVersion(n) {
    let v;
    try { v = await api.getIndicatorVersion(n); } catch (e) { fail(e); return; }
    const detail = versions.querySelector('#indicators-version-detail');
    if (st.disposed || !detail) return;
    clear(detail,
      h('h3', {}, `第 ${v.version} 版（${v.madeOn ?? ''}，只读）`),
      h('table', { class: 'data-table', id: 'indicators-version-table' },
        // What a version scored by: its unit, direction and formula too, so a change
        // of formula between versions can be seen.
        thead(['编号', '指标组', '名称', '单位', '分值', '目标值', '方向', '方式', '计算公式', '停用']),
        h('tbody', {}, (v.indicators ?? []).map((i) => h('tr', {},
          h('td', { class: 'mono' }, i.code ?? ''), h('td', {}, groupLabel(i.group)), h('td', {}, i.name ?? ''),
          h('td', { class: 'cell-nowrap' }, i.unit ?? ''), h('td', {}, num(i.points)), h('td', {}, num(i.target)),
          h('td', { class: 'cell-nowrap' }, directionLabel(i.direction)), h('td', { class: 'cell-nowrap' }, methodLabel(i.method)),
          h('td', {}, i.method === 'computed' ? formulaText(i.formula, FIGURE_LABELS) : ''),
          h('td', {}, i.retired ? '是' : ''))))));
  }

  /**
   * 计算公式, written with the figures' names in 【】 as 统计 shows them: choose a figure
   * and 插入 puts 【its name】 at the cursor; the line below lists the figures the
   * formula uses, or says which one 统计 does not have (once the catalog is in). A
   * figure's key (compounds.total, as older files have it) is read too.
   */
  function formulaField() {
    const picker = h('select', { id: 'indicator-formula-pick', class: 'formula-pick', 'aria-label': '选择统计项' },
      h('option', { value: '' }, '选择统计项…'),
      [...FIGURE_LABELS].map(([key, label]) => h('option', { value: key }, label)));
    const insert = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'indicator-formula-insert' }, '插入');
    const terms = h('p', { class: 'hint formula-terms', id: 'indicator-formula-terms' });
    const show = (formula) => {
      const all = formulaTerms(formula, FIGURE_LABELS);
      const known = all.filter((t) => t.label !== null);
      const unknown = FIGURE_LABELS.size ? all.filter((t) => t.label === null).map((t) => t.written) : [];
      clear(terms,
        known.length ? `用到的统计项：${known.map((t) => t.label).join('、')}` : '',
        unknown.length ? h('span', { class: 'formula-unknown' }, `${known.length ? '；' : ''}统计中没有：${unknown.join('、')}`) : null);
    };
    return {
      field: 'formula', label: '计算公式', type: 'textarea', rows: 2, maxlength: 300,
      hint: '统计项写在【】里（用“选择统计项”和“插入”），再用数字、+ - × ÷ 和括号连起来。', extra: [h('div', { class: 'formula-add' }, picker, insert), terms],
      onBuild: (area) => {
        show(area.value);
        area.addEventListener('input', () => show(area.value));
        insert.addEventListener('click', () => {
          const key = picker.value;
          if (!key) { picker.focus(); return; }
          const name = `【${FIGURE_LABELS.get(key) ?? key}】`;
          const at = typeof area.selectionStart === 'number' ? area.selectionStart : area.value.length;
          const to = typeof area.selectionEnd === 'number' ? area.selectionEnd : at;
          const before = area.value.slice(0, at);
          const after = area.value.slice(to);
          const text = `${before && !/\s$/.test(before) ? ' ' : ''}${name}${after && !/^\s/.test(after) ? ' ' : ''}`;
          area.value = `${before}${text}${after}`;
          area.setSelectionRange?.(before.length + text.length, before.length + text.length);
          show(area.value);
          area.focus();
        });
      },
    };
  }

  const list = mountRecordList(listHost, {
    ctx,
    name: 'indicator',
    tableId: 'indicators-table',
    tableClass: 'indicators-table',
    label: '考核指标',
    newText: '新增指标',
    emptyText: '还没有考核指标。点击“装入默认指标体系”，或用“从Excel导入”导入。',
    emptyDetail: ['在左侧选择一个指标，查看和修改（修改会生成新版本）。', '按统计计算的指标写公式：从“选择统计项”插入统计项（写在【】里），再用数字和 + - × ÷ 连起来，如 100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】。'],
    filters: [
      labelled('指标组', groupFilter),
      h('label', { class: 'filter-field' }, retired, ' 显示已停用'),
      search,
    ],
    toolbar: excelTools({
      api, toast, onError, prefix: 'indicators', exportKind: 'indicators', exportNote: '已停用的指标也导出（“是否停用”为“是”）。',
      imports: [{ kind: 'indicators' }],
      onImported: () => { if (!st.disposed) { list.reload(); loadVersions(); } },
    }),
    columns: [
      { title: '编号', class: 'cell-nowrap mono', cell: (i) => i.code ?? '' },
      { title: '指标组', class: 'cell-nowrap', cell: (i) => groupLabel(i.group) },
      { title: '指标名称', class: 'cell-name', cell: (i) => (i.retired ? `${i.name ?? ''}（已停用）` : (i.name ?? '')) },
      { title: '分值', class: 'cell-nowrap', cell: (i) => num(i.points) },
      // 考核组评分 has no target (the group gives the points): not "0分".
      { title: '目标', class: 'cell-nowrap', cell: (i) => (i.method === 'manual' ? '—' : `${num(i.target)}${i.unit ?? ''}`) },
      {
        title: '方式',
        class: 'cell-formula',
        // A computed one as the clerk reads it (the figures by name), never its keys.
        cell: (i) => (i.method === 'computed'
          ? formulaText(i.formula, FIGURE_LABELS)
          : methodLabel(i.method)),
      },
    ],
    rowLabel: (i) => `${i.code ?? ''} ${i.name ?? ''}`,
    load: async () => {
      const all = await api.listIndicators();
      st.all = all ?? [];
      const s = systemSummary(st.all);
      install.hidden = st.all.length > 0;
      summary.textContent = `在用指标 ${s.count} 项，满分 ${num(s.points)} 分：`
        + s.groups.map((g) => `${g.label} ${g.count} 项 ${num(g.points)} 分`).join(' · ');
      return filterIndicators(st.all, { ...st, labels: FIGURE_LABELS });
    },
    form: {
      title: (i) => (i ? `${i.code ?? ''} ${i.name ?? ''}` : '新增指标'),
      values: (i) => indicatorFormValues(i, st.group || 'party', FIGURE_LABELS),
      fields: () => [
        { field: 'group', label: '指标组', type: 'select', options: GROUPS },
        { field: 'code', label: '指标编号', maxlength: 20 },
        { field: 'name', label: '指标名称', maxlength: 60 },
        { field: 'unit', label: '单位', maxlength: 10 },
        { field: 'points', label: '分值', hint: '该指标的满分（权重）。' },
        { field: 'target', label: '目标值' },
        { field: 'direction', label: '方向', type: 'select', options: DIRECTIONS },
        { field: 'method', label: '评分方式', type: 'select', options: METHODS },
        formulaField(),
        { field: 'retired', label: '是否停用', type: 'select', options: [{ value: '否', label: '在用' }, { value: '是', label: '停用' }] },
        { field: 'note', label: '说明', type: 'textarea', rows: 2, maxlength: 500 },
      ],
      parse: parseIndicatorForm,
      fieldNames: INDICATOR_FIELDS,
      focus: 'name',
    },
    create: async (input) => { const r = await api.createIndicator(input); loadVersions(); return r; },
    update: async (id, input) => { const r = await api.updateIndicator(id, input); loadVersions(); return r; },
    remove: async (id) => { const r = await api.deleteIndicator(id); loadVersions(); return r; },
    savedText: createdText('指标', { edited: '已保存，指标体系生成了新版本' }),
    deleteText: recycleTexts({
      button: '删除指标',
      noun: '指标',
      name: (i) => i.name,
      rule: '不再使用的指标一般改为停用。',
      hint: '不再使用的指标一般改为停用，旧版本里仍可查看。',
    }),
  });
  loadVersions();

  return {
    show: () => { list.reload(); loadVersions(); },
    isDirty: list.isDirty,
    dispose: () => {
      st.disposed = true;
      list.dispose();
    },
  };
}
