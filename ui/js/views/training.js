// 培训 (issue 16, item 1): this year's coverage of community workers on top; the
// sessions (filter by level, search) with the session's form beside the list
// (record-list) and, under the form, its participants: picked from the people
// registry with a search, imported as a list (name + ID number), or, for a 市级/县级
// session, a head count by community. Excel import/export of both kinds.
import { h, clear, labelled, thead } from '../dom.js';
import { confirmDelete } from '../dialog.js';
import { reportError } from '../logic/errors.js';
import {
  TRAINING_LEVELS, TRAINING_METHODS, SESSION_FIELDS, coverageText, filterSessions, hoursText, levelLabelOf,
  parseSessionForm, participantText, sessionFormValues,
} from '../logic/training.js';
import { excelTools } from './excel-tools.js';
import { openImportDialog } from './import.js';
import { mountRecordList, noteField, createdText } from './record-list/index.js';
import { exportListInfo } from '../logic/importing.js';
import { ROLE_TABS } from '../logic/people.js';

export function mountTraining(host, ctx) {
  const { api, toast, onError } = ctx;
  const alertFn = ctx.alert ?? (() => {});
  const st = { level: '', search: '', disposed: false, villages: null };
  const coverage = h('p', { class: 'muted', id: 'training-coverage', 'aria-live': 'polite' });
  const levelFilter = h('select', { id: 'training-filter-level', 'aria-label': '培训层级' },
    h('option', { value: '' }, '全部层级'),
    ...TRAINING_LEVELS.map((l) => h('option', { value: l.value }, l.label)));
  const search = h('input', { id: 'training-search', type: 'search', placeholder: '搜索主题、主办单位、地点', 'aria-label': '搜索' });
  levelFilter.addEventListener('change', () => { st.level = levelFilter.value; list.reload(); });
  search.addEventListener('input', () => { st.search = search.value; list.reload(); });
  const listHost = h('div', { id: 'training-pane' });
  host.append(h('section', { class: 'view view-wide training', id: 'training-view', 'aria-labelledby': 'training-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'training-title' }, '培训'),
      h('p', { class: 'hint' }, '市、县、乡镇各级培训和参加人员，按人次统计：同一次培训同一人只算一次；市级、县级培训可只按村/社区报人数。')),
    coverage, listHost));

  const fail = (e) => reportError(e, { show: alertFn, reboot: onError });

  // The figures of the period the list shows; the last one asked wins.
  let coverageAsked = 0;
  async function loadCoverage(period = list?.period().text ?? '') {
    const asked = ++coverageAsked;
    try {
      const c = await api.trainingCoverage(period);
      // The figures are of every level: said beside a list filtered to one.
      const all = st.level ? '（各层级合计，不只是所选层级）' : '';
      if (!st.disposed && asked === coverageAsked) coverage.textContent = `${coverageText(c)}${all}`;
    } catch {
      if (!st.disposed && asked === coverageAsked) coverage.textContent = '';
    }
  }

  async function villages() {
    if (!st.villages) {
      const units = await api.listUnits();
      st.villages = (units ?? []).filter((u) => u.kind === 'village');
    }
    return st.villages;
  }

  // ---------- the participants of the open session ----------
  function renderParticipants(session, section) {
    const token = {};
    section.token = token;
    const count = h('p', { class: 'muted', id: 'training-person-times' }, `人次：${session.personTimes ?? 0}`);
    const tableHost = h('div', { id: 'training-participants-host' });
    const refresh = async () => {
      let rows;
      try {
        rows = await api.listTrainingParticipants(session.id);
      } catch (e) {
        if (section.token === token) clear(tableHost, h('p', { class: 'hint' }, '参加人员没有加载成功。'));
        fail(e);
        return;
      }
      if (st.disposed || section.token !== token) return;
      const del = (p) => {
        const b = h('button', { type: 'button', class: 'btn btn-link btn-small', 'data-delete-participant': p.id }, '移除');
        b.addEventListener('click', async () => {
          const ok = await confirmDelete(`确定从这次培训移除“${participantText(p)}”吗？可在回收站恢复。`);
          if (!ok || st.disposed) return;
          try {
            await api.deleteTrainingParticipant(p.id);
            toast(`已移除“${participantText(p)}”`);
            await changed();
          } catch (e) { fail(e); }
        });
        return b;
      };
      clear(tableHost, rows.length
        ? h('table', { class: 'data-table', id: 'training-participants' },
          thead('人员', '身份证号码', '身份', { sr: '操作' }),
          h('tbody', {}, rows.map((p) => h('tr', { 'data-participant-id': p.id },
            // In the side panel: the name may wrap, 身份 and 移除 do not (they broke
            // a character a line).
            h('td', {}, participantText(p)),
            h('td', { class: 'cell-code' }, p.idNumberMasked || '—'),
            h('td', { class: 'cell-nowrap' }, p.headCount != null ? '按人数' : (p.matched ? (p.roles || '人员名单') : '未对应到人员')),
            h('td', { class: 'cell-nowrap' }, del(p))))))
        : h('p', { class: 'hint', id: 'training-participants-empty' }, '还没有参加人员：从人员名单添加、导入名单，或（市级、县级培训）按村/社区填人数。'));
    };
    const changed = async () => {
      await refresh();
      await list.reload();
      await loadCoverage();
    };

    // Pick from the registry with a search.
    const pickSearch = h('input', { id: 'training-pick-search', type: 'search', placeholder: '姓名、身份证号、网格', 'aria-label': '查找人员' });
    // By 村/社区 and 身份 too: the search finds a person by the units they serve, so a
    // community's name found only its 社区工作者, never its grid workers.
    const pickRole = h('select', { id: 'training-pick-role', 'aria-label': '身份' },
      h('option', { value: '' }, '全部身份'),
      ROLE_TABS.filter((t) => t.role).map((t) => h('option', { value: t.role }, t.label)));
    const pickVillage = h('select', { id: 'training-pick-village', 'aria-label': '村/社区' }, h('option', { value: '' }, '全部村/社区'));
    api.listUnits().then((units) => {
      if (st.disposed) return;
      for (const u of (units ?? []).filter((x) => x.kind === 'village')) pickVillage.append(h('option', { value: u.id }, u.name ?? ''));
    }).catch(() => {});
    const pickBtn = h('button', { id: 'training-pick-find', type: 'button', class: 'btn btn-secondary btn-small' }, '查找');
    const results = h('div', { id: 'training-pick-results' });
    const addBtn = h('button', { id: 'training-pick-add', type: 'button', class: 'btn btn-primary btn-small', disabled: true }, '添加选中的人员');
    // Thirty at a session: ticked at once (probe AG: one box at a time).
    const allBtn = h('button', { id: 'training-pick-all', type: 'button', class: 'btn btn-secondary btn-small', disabled: true }, '全选');
    allBtn.addEventListener('click', () => {
      // Not who has left (probe AH: 全选 ticked them, and the add was refused).
      const boxes = [...results.querySelectorAll('input[data-pick-person]:not([data-left])')];
      const on = boxes.some((b) => !b.checked);
      for (const b of boxes) b.checked = on;
      allBtn.textContent = on ? '全不选' : '全选';
    });
    const find = async () => {
      try {
        const page = await api.listPeople({
          // Those who have left since too: a past session is completed with who came
          // then (probe S: 没有找到 for a worker who left after it).
          text: pickSearch.value.trim(), role: pickRole.value, villageId: pickVillage.value, page: 0, pageSize: 50,
        });
        if (st.disposed || section.token !== token) return;
        const rows = page?.rows ?? [];
        clear(results, rows.length
          ? h('ul', { class: 'pick-list' }, rows.map((p) => h('li', {},
            h('label', {}, h('input', {
              type: 'checkbox', value: p.id, 'data-pick-person': p.id, 'data-left': p.status === 'left' || p.status === '离岗' ? '' : null,
            }),
              ` ${p.name ?? ''}${p.status === 'left' || p.status === '离岗' ? '（已离岗）' : ''}　${p.roles ?? ''}　${p.villages ?? ''}`))))
          : h('p', { class: 'hint' }, '没有找到符合条件的人员。'));
        addBtn.disabled = rows.length === 0;
        allBtn.disabled = rows.length === 0;
        allBtn.textContent = '全选';
      } catch (e) { fail(e); }
    };
    pickBtn.addEventListener('click', find);
    pickSearch.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); find(); } });
    addBtn.addEventListener('click', async () => {
      const ids = [...results.querySelectorAll('input[data-pick-person]')].filter((c) => c.checked).map((c) => c.value);
      if (!ids.length) { toast('请先勾选要添加的人员'); return; }
      try {
        const n = await api.addTrainingPeople(session.id, ids);
        toast(`已添加 ${Number(n) || 0} 人${Number(n) < ids.length ? '（已在名单中的不重复添加）' : ''}`);
        clear(results);
        addBtn.disabled = true;
        await changed();
      } catch (e) { fail(e); }
    });

    // Head counts by community, for sessions above the township.
    let heads = null;
    if (session.level !== 'township') {
      const community = h('select', { id: 'training-heads-community', 'aria-label': '村/社区' }, h('option', { value: '' }, '选择村/社区'));
      const count = h('input', { id: 'training-heads-count', type: 'number', min: '1', inputmode: 'numeric', placeholder: '人数', 'aria-label': '人数' });
      const add = h('button', { id: 'training-heads-add', type: 'button', class: 'btn btn-secondary btn-small' }, '添加人数');
      villages().then((vs) => {
        if (st.disposed) return;
        community.append(...vs.map((v) => h('option', { value: v.id }, v.name ?? '')));
      }).catch(() => {});
      add.addEventListener('click', async () => {
        try {
          await api.addTrainingParticipant({ sessionId: session.id, communityId: community.value, headCount: count.value.trim() });
          toast('已添加参加人数');
          count.value = '';
          await changed();
        } catch (e) { fail(e); }
      });
      heads = h('div', { class: 'training-heads', id: 'training-heads' },
        h('h4', {}, '按村/社区填人数'),
        h('p', { class: 'hint' }, '市级、县级培训只报人数时使用；同一村/社区在一次培训里只填一条。'),
        h('div', { class: 'filter-row' }, community, count, add));
    }

    clear(section,
      h('h3', {}, '参加人员'),
      count,
      tableHost,
      h('div', { class: 'training-pick', id: 'training-pick' },
        h('h4', {}, '从人员名单添加'),
        h('div', { class: 'filter-row' }, pickVillage, pickRole, pickSearch, pickBtn),
        results, h('div', { class: 'button-row' }, allBtn, addBtn)),
      heads,
      h('div', { class: 'training-sign-in', id: 'training-sign-in' },
        h('h4', {}, '导入签到表'),
        h('p', { class: 'hint' }, '名单（姓名 + 身份证号码）导入到这次培训：能对应到人员名单的自动对应，对应不上的只保存打码后的身份证号码。'),
        signInButton(session, changed)));
    refresh();
  }

  /**
   * A sign-in sheet (姓名 + 身份证号码) into the training open on screen: the file
   * needs no 培训日期 or 培训主题 (probe S: it was refused for lacking them).
   */
  function signInButton(session, changed) {
    const b = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id: 'training-sign-in-import' }, '导入签到表…');
    b.addEventListener('click', () => openImportDialog({
      api, kind: 'training-participants', toast, onError,
      given: { sessionDate: session.date ?? '', sessionTopic: session.topic ?? '' },
      givenNote: `导入到这次培训（${session.date ?? ''} ${session.topic ?? ''}）：签到表有姓名和身份证号码就可以，不用填培训日期和培训主题。`,
      onImported: () => { if (!st.disposed) changed(); },
    }));
    return b;
  }

  const list = mountRecordList(listHost, {
    ctx,
    name: 'training',
    tableId: 'training-table',
    label: '培训',
    newText: '新增培训',
    emptyText: '没有符合条件的培训。点击“新增培训”，或用“从Excel导入”导入培训台账。',
    emptyDetail: ['在左侧选择一次培训，查看和修改，并登记参加人员。', '人次按每次培训的参加人员计：同一人同一次培训只算一次。'],
    filters: [
      labelled('层级', levelFilter),
      search,
    ],
    // The coverage line above follows the period.
    period: {
      date: (s) => s.date, by: exportListInfo('training-sessions').periodBy, noun: '次', onChange: (text) => loadCoverage(text),
    },
    toolbar: h('div', { class: 'button-row' },
      excelTools({
        api, toast, onError, prefix: 'training', exportKind: 'training-sessions',
        period: () => list.period(),
        imports: [{ kind: 'training-sessions' }, { kind: 'training-participants' }],
        onImported: () => { if (!st.disposed) list.reload(); },
      }),
      excelTools({
        api, toast, onError, prefix: 'training-participants', exportKind: 'training-participants',
        exportText: '导出参加人员',
        period: () => list.period(),
      })),
    columns: [
      { title: '日期', class: 'cell-nowrap', cell: (s) => s.date ?? '' },
      { title: '层级', class: 'cell-nowrap', cell: (s) => h('span', { class: ['badge', `training-level-${s.level ?? ''}`] }, s.levelLabel ?? levelLabelOf(s.level)) },
      { title: '主题', class: 'cell-name', cell: (s) => s.topic ?? '' },
      { title: '主办单位', cell: (s) => s.organiser ?? '' },
      { title: '学时', class: 'cell-nowrap', cell: (s) => hoursText(s.hours) },
      { title: '方式', class: 'cell-nowrap', cell: (s) => s.methodLabel ?? '' },
      { title: '人次', class: 'cell-nowrap', cell: (s) => String(s.personTimes ?? 0) },
    ],
    rowLabel: (s) => `${s.date ?? ''}，${s.topic ?? ''}`,
    load: async ({ period = '' } = {}) => {
      const [all] = await Promise.all([api.listTrainingSessions(), loadCoverage(period)]);
      return filterSessions(all, st);
    },
    form: {
      title: (s) => (s ? (s.topic ?? '') : '新增培训'),
      values: (s) => sessionFormValues(s),
      fields: () => [
        { field: 'level', label: '培训层级', type: 'select', options: TRAINING_LEVELS },
        { field: 'organiser', label: '主办单位', maxlength: 60 },
        { field: 'date', label: '培训日期', type: 'date' },
        { field: 'topic', label: '培训主题', maxlength: 100 },
        { field: 'hours', label: '学时', maxlength: 6, hint: '如 2 或 1.5。' },
        { field: 'place', label: '培训地点', maxlength: 100 },
        { field: 'method', label: '培训方式', type: 'select', options: TRAINING_METHODS },
        noteField(),
      ],
      parse: parseSessionForm,
      fieldNames: SESSION_FIELDS,
      focus: 'topic',
    },
    detailExtra: (s, section) => renderParticipants(s, section),
    create: (input) => api.createTrainingSession(input),
    update: (id, input) => api.updateTrainingSession(id, input),
    remove: (id) => api.deleteTrainingSession(id),
    onChanged: () => loadCoverage(),
    savedText: createdText('培训', { key: 'topic' }),
    deleteText: {
      button: '删除培训',
      message: (s) => (s.rows > 0
        ? `确定删除培训“${s.topic ?? ''}”吗？它的 ${s.rows} 条参加人员记录一起删除。都进回收站：恢复这次培训时，参加人员一起恢复。`
        : `确定删除培训“${s.topic ?? ''}”吗？删除后可在回收站恢复。`),
      done: (s) => `已删除“${s.topic ?? ''}”，可在回收站恢复`,
      hint: '删除后可在回收站恢复。',
    },
  });

  return {
    show: () => list.reload(),
    isDirty: list.isDirty,
    dispose: () => {
      st.disposed = true;
      list.dispose();
    },
  };
}
