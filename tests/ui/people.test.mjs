import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  PAGE_SIZE, ROLES, ROLE_TABS, COLUMNS, SORT_KEYS, PERSON_FIELDS, GENDERS, STATUSES, EMPLOYMENTS,
  roleLabel, employmentLabel, statusLabel, genderLabel, unitKindsForRole, errorSlot,
  defaultListState, showsEmployment, buildQuery, exportQuery, withFilter, toggleSort, sortIndicator, ariaSort,
  pageCount, pageText, clampPage, exportFileName,
  villageOptions, villageOf, unitFilterOptions, unitOptionsForRole, filterUnitOptions,
  emptyPersonValues, personToFormValues, emptyRoleState, rolesToState, copyRoleState,
  historyRelevantChange, buildPersonInput, personFormDirty, publishedTag, MASKED_FORM_FIELDS, unmaskedValue,
} from '../../ui/js/logic/people.js';
import { tree } from './fixtures.mjs';


describe('roles and the units they serve', () => {
  test('four roles in the brief order with Chinese labels', () => {
    assert.deepEqual(ROLES.map((r) => r.value), ['grid_worker', 'building_head', 'info_officer', 'community_worker']);
    assert.deepEqual(ROLES.map((r) => r.label), ['网格员', '楼栋长', '信息员', '社区工作者']);
  });

  const kinds = [
    ['grid_worker', ['base_grid']],
    ['building_head', ['micro_grid', 'compound']],
    ['info_officer', ['micro_grid', 'compound']],
    ['community_worker', ['village']],
    ['nobody', []],
    ['', []],
  ];
  for (const [role, expected] of kinds) {
    test(`${role || '(empty)'} → ${expected.join(', ') || 'nothing'}`, () => assert.deepEqual(unitKindsForRole(role), expected));
  }

  test('unitKindsForRole returns a copy', () => {
    const k = unitKindsForRole('grid_worker');
    k.push('village');
    assert.deepEqual(unitKindsForRole('grid_worker'), ['base_grid']);
  });

  test('tabs: one per role, then 全部 sending an empty role', () => {
    assert.deepEqual(ROLE_TABS.map((t) => t.tab), ['grid_worker', 'building_head', 'info_officer', 'community_worker', 'all']);
    assert.deepEqual(ROLE_TABS.at(-1), { tab: 'all', role: '', label: '全部' });
  });

  test('labels', () => {
    assert.equal(roleLabel('info_officer'), '信息员');
    assert.equal(roleLabel('x'), 'x');
    assert.equal(employmentLabel('full_time'), '专职');
    assert.equal(employmentLabel('part_time'), '兼职');
    assert.equal(employmentLabel(null), '');
    assert.equal(statusLabel('active'), '在岗');
    assert.equal(statusLabel('left'), '离岗');
    assert.equal(genderLabel('male'), '男');
    assert.equal(genderLabel('female'), '女');
    assert.deepEqual(GENDERS.map((g) => g.label), ['按身份证自动', '男', '女']);
    assert.deepEqual(STATUSES.map((s) => s.label), ['在岗', '离岗']);
    assert.deepEqual(EMPLOYMENTS.map((s) => s.label), ['专职', '兼职']);
  });

  test('units, roles and employment errors go to the roles section', () => {
    assert.equal(errorSlot('units'), 'roles');
    assert.equal(errorSlot('employment'), 'roles');
    assert.equal(errorSlot('roles'), 'roles');
    assert.equal(errorSlot('idNumber'), 'idNumber');
    assert.equal(errorSlot('effectiveDate'), 'effectiveDate');
  });

  test('every documented error field is known', () => {
    for (const f of ['name', 'gender', 'birthDate', 'idNumber', 'phone', 'politicalStatus', 'education', 'startDate',
      'status', 'note', 'roles', 'employment', 'units', 'effectiveDate']) assert.ok(PERSON_FIELDS.includes(f), f);
  });
});

describe('list columns', () => {
  test('the brief columns in order', () => {
    assert.deepEqual(COLUMNS.map((c) => c.label), ['姓名', '性别', '出生日期', '身份证号码', '手机号码', '政治面貌',
      '身份', '所在网格/小区', '所属村/社区', '状态', '公示']);
  });
  test('masked columns are the ID number and the phone', () => {
    assert.deepEqual(COLUMNS.filter((c) => c.masked).map((c) => c.key), ['idNumber', 'phone']);
  });
  test('sortable columns only use sort keys the backend accepts', () => {
    for (const c of COLUMNS.filter((x) => x.sort)) assert.ok(SORT_KEYS.includes(c.sort), c.sort);
    assert.deepEqual(COLUMNS.filter((c) => c.sort).map((c) => c.key), ['name', 'gender', 'birthDate', 'politicalStatus', 'status']);
  });
});

describe('query building', () => {
  test('default state of a tab', () => {
    assert.deepEqual(buildQuery(defaultListState('grid_worker')), {
      role: 'grid_worker', text: '', villageId: '', unitId: '', status: '', politicalStatus: '', published: '', employment: '',
      sort: 'name', descending: false, page: 0, pageSize: 20,
    });
    assert.equal(PAGE_SIZE, 20);
  });

  test('all PersonQuery keys are always sent', () => {
    assert.deepEqual(Object.keys(buildQuery({})).sort(), ['descending', 'employment', 'page', 'pageSize',
      'politicalStatus', 'published', 'role', 'sort', 'status', 'text', 'unitId', 'villageId'].sort());
  });

  test('filters pass through; text is trimmed and made half-width', () => {
    const q = buildQuery({
      ...defaultListState('grid_worker'),
      text: '  １３８ ', villageId: 'v1', unitId: 'g1', status: 'left', politicalStatus: '中共党员', published: 'yes',
      employment: 'part_time', sort: 'birthDate', descending: true, page: 3,
    });
    assert.deepEqual(q, {
      role: 'grid_worker', text: '138', villageId: 'v1', unitId: 'g1', status: 'left', politicalStatus: '中共党员', published: 'yes',
      employment: 'part_time', sort: 'birthDate', descending: true, page: 3, pageSize: 20,
    });
  });

  test('employment is only sent on the 网格员 tab', () => {
    assert.equal(buildQuery({ ...defaultListState('building_head'), employment: 'full_time' }).employment, '');
    assert.equal(buildQuery({ ...defaultListState(''), employment: 'full_time' }).employment, '');
    assert.equal(buildQuery({ ...defaultListState('grid_worker'), employment: 'full_time' }).employment, 'full_time');
    assert.equal(showsEmployment('grid_worker'), true);
    assert.equal(showsEmployment(''), false);
  });

  test('bad values fall back to safe ones', () => {
    const q = buildQuery({ role: null, status: 'gone', sort: 'idNumber', page: -2, employment: 'sometimes', published: 'maybe' });
    assert.equal(q.published, '');
    assert.equal(q.role, '');
    assert.equal(q.status, '');
    assert.equal(q.sort, 'name');
    assert.equal(q.page, 0);
    assert.equal(q.employment, '');
  });

  test('ids are sent as strings', () => {
    assert.equal(buildQuery({ villageId: 7, unitId: 9 }).villageId, '7');
    assert.equal(buildQuery({ villageId: 7, unitId: 9 }).unitId, '9');
  });

  test('a custom page size', () => {
    assert.equal(buildQuery({}, { pageSize: 50 }).pageSize, 50);
  });

  test('export: the same filters and order, every row, from the start', () => {
    const state = { ...defaultListState('info_officer'), text: '王', villageId: 'v1', sort: 'status', descending: true, page: 4 };
    assert.deepEqual(exportQuery(state), { ...buildQuery(state), page: 0, pageSize: 0 });
  });

  test('changing a filter goes back to the first page', () => {
    const s = { ...defaultListState('grid_worker'), page: 3 };
    assert.equal(withFilter(s, 'status', 'active').page, 0);
    assert.equal(withFilter(s, 'status', 'active').status, 'active');
    assert.equal(withFilter(s, 'text', null).text, '');
  });

  test('changing the village clears the grid filter', () => {
    const s = { ...defaultListState('grid_worker'), villageId: 'v1', unitId: 'g1' };
    const n = withFilter(s, 'villageId', 'v2');
    assert.equal(n.villageId, 'v2');
    assert.equal(n.unitId, '');
  });

  test('leaving the 网格员 tab drops the employment filter', () => {
    const s = { ...defaultListState('grid_worker'), employment: 'full_time' };
    assert.equal(withFilter(s, 'role', 'building_head').employment, '');
    assert.equal(withFilter(s, 'role', 'grid_worker').employment, 'full_time');
  });

  test('withFilter does not mutate the state', () => {
    const s = defaultListState('grid_worker');
    withFilter(s, 'text', 'x');
    assert.equal(s.text, '');
  });
});

describe('sorting', () => {
  test('a new column sorts ascending, the same column flips', () => {
    let s = { ...defaultListState('grid_worker'), page: 2 };
    s = toggleSort(s, 'birthDate');
    assert.equal(s.sort, 'birthDate');
    assert.equal(s.descending, false);
    assert.equal(s.page, 0);
    s = toggleSort(s, 'birthDate');
    assert.equal(s.descending, true);
    s = toggleSort(s, 'birthDate');
    assert.equal(s.descending, false);
    s = toggleSort({ ...s, descending: true }, 'name');
    assert.deepEqual([s.sort, s.descending], ['name', false]);
  });

  test('an unknown key changes nothing', () => {
    const s = defaultListState('grid_worker');
    assert.equal(toggleSort(s, 'idNumber'), s);
  });

  test('indicator and aria-sort', () => {
    const asc = { sort: 'name', descending: false };
    const desc = { sort: 'name', descending: true };
    assert.equal(sortIndicator(asc, 'name'), '▲');
    assert.equal(sortIndicator(desc, 'name'), '▼');
    assert.equal(sortIndicator(asc, 'gender'), '');
    assert.equal(ariaSort(asc, 'name'), 'ascending');
    assert.equal(ariaSort(desc, 'name'), 'descending');
    assert.equal(ariaSort(desc, 'status'), 'none');
  });
});

describe('paging', () => {
  const cases = [
    [0, 0, '第 1 / 1 页，共 0 人'],
    [0, 1, '第 1 / 1 页，共 1 人'],
    [0, 20, '第 1 / 1 页，共 20 人'],
    [0, 21, '第 1 / 2 页，共 21 人'],
    [1, 21, '第 2 / 2 页，共 21 人'],
    [4, 93, '第 5 / 5 页，共 93 人'],
    [9, 93, '第 5 / 5 页，共 93 人'], // past the end: clamped
    [-1, 93, '第 1 / 5 页，共 93 人'],
  ];
  for (const [page, total, text] of cases) {
    test(`page ${page} of ${total}`, () => assert.equal(pageText(page, total), text));
  }

  test('pageCount and clampPage', () => {
    assert.equal(pageCount(0), 1);
    assert.equal(pageCount(40), 2);
    assert.equal(pageCount(41), 3);
    assert.equal(pageCount(41, 50), 1);
    assert.equal(clampPage(5, 41), 2);
    assert.equal(clampPage(-3, 41), 0);
    assert.equal(clampPage(1, 0), 0);
  });
});

test('export file names', () => {
  assert.equal(exportFileName('grid_worker'), '网格员名单.xlsx');
  assert.equal(exportFileName('community_worker'), '社区工作者名单.xlsx');
  assert.equal(exportFileName(''), '人员名单.xlsx');
});

describe('unit options', () => {
  test('villages in tree order', () => {
    assert.deepEqual(villageOptions(tree()), [{ id: 'v1', label: '青溪社区' }, { id: 'v2', label: '石塘村' }]);
  });

  test('villageOf', () => {
    assert.equal(villageOf(tree(), 'm2').id, 'v1');
    assert.equal(villageOf(tree(), 'v2').id, 'v2');
    assert.equal(villageOf(tree(), 'nope'), null);
  });

  test('grid filter without a village: every compound and grid with full paths', () => {
    const opts = unitFilterOptions(tree(), '');
    assert.deepEqual(opts.map((o) => o.id), ['c1', 'g1', 'm1', 'm2', 'g2', 'g3', 'g4', 'c2']);
    assert.equal(opts.find((o) => o.id === 'm1').label, '微网格：青溪社区 › 阳光花园 › 第一网格 › 1号楼');
    assert.equal(opts.find((o) => o.id === 'c2').label, '自然村/组：石塘村 › 西组');
  });

  test('grid filter narrowed to a village, paths below the village', () => {
    const opts = unitFilterOptions(tree(), 'v1');
    assert.deepEqual(opts.map((o) => o.id), ['c1', 'g1', 'm1', 'm2', 'g2', 'g3']);
    assert.equal(opts.find((o) => o.id === 'g1').label, '基础网格：阳光花园 › 第一网格');
    assert.deepEqual(unitFilterOptions(tree(), 'v2').map((o) => o.id), ['g4', 'c2']);
  });

  test('grid workers pick base grids', () => {
    const opts = unitOptionsForRole(tree(), 'grid_worker');
    assert.deepEqual(opts.map((o) => o.id), ['g1', 'g2', 'g3', 'g4']);
    assert.deepEqual(opts[0], {
      id: 'g1', kind: 'base_grid', kindLabel: '基础网格', name: '第一网格', path: '青溪社区 › 阳光花园 › 第一网格',
    });
  });

  test('building heads and information officers pick micro-grids and compounds', () => {
    for (const role of ['building_head', 'info_officer']) {
      const opts = unitOptionsForRole(tree(), role);
      assert.deepEqual(opts.map((o) => o.id), ['c1', 'm1', 'm2', 'c2']);
      assert.equal(opts.find((o) => o.id === 'c2').kindLabel, '自然村/组');
    }
  });

  test('community workers pick villages', () => {
    assert.deepEqual(unitOptionsForRole(tree(), 'community_worker').map((o) => [o.id, o.path]),
      [['v1', '青溪社区'], ['v2', '石塘村']]);
  });

  test('filtering options by path text', () => {
    const opts = unitOptionsForRole(tree(), 'grid_worker');
    assert.deepEqual(filterUnitOptions(opts, '阳光').map((o) => o.id), ['g1', 'g2']);
    assert.deepEqual(filterUnitOptions(opts, '  石塘 ').map((o) => o.id), ['g4']);
    assert.equal(filterUnitOptions(opts, ''), opts);
    assert.deepEqual(filterUnitOptions(opts, '没有'), []);
  });
});

// ---------- the person form ----------

const PERSON = Object.freeze({
  id: 'p1', name: '张伟', gender: 'male', birthDate: '1985-06-12', idNumber: '32010219850612123X', phone: '13812345678',
  politicalStatus: '中共党员', education: '大学本科', startDate: '2023-03-01', status: 'active', published: true, note: '老网格员',
  roles: [
    { role: 'grid_worker', employment: 'full_time', unitIds: ['g2', 'g1'] },
    { role: 'building_head', employment: null, unitIds: ['m1'] },
  ],
});

const formOf = (p) => ({ ...personToFormValues(p) });

describe('form values', () => {
  test('a new person: 在岗, not published, everything empty', () => {
    assert.deepEqual(emptyPersonValues(), {
      name: '', idNumber: '', phone: '', gender: '', birthDate: '', politicalStatus: '', education: '',
      startDate: '', status: 'active', published: false, note: '', effectiveDate: '',
    });
  });

  test('an existing person shows full values', () => {
    assert.deepEqual(personToFormValues(PERSON), {
      name: '张伟', idNumber: '32010219850612123X', phone: '13812345678', gender: 'male', birthDate: '1985-06-12',
      politicalStatus: '中共党员', education: '大学本科', startDate: '2023-03-01', status: 'active', published: true,
      note: '老网格员', effectiveDate: '',
    });
  });

  test('a masked box stands for the stored number until it shows something else', () => {
    assert.equal(MASKED_FORM_FIELDS.idNumber('32010219850612123X'), '3201**********123X');
    assert.equal(MASKED_FORM_FIELDS.phone('13812345678'), '138****5678');
    assert.equal(unmaskedValue('idNumber', '3201**********123X', '32010219850612123X'), '32010219850612123X');
    assert.equal(unmaskedValue('phone', '138****5678', '13812345678'), '13812345678');
    assert.equal(unmaskedValue('phone', '13812345678', '13812345678'), '13812345678', 'revealed');
    assert.equal(unmaskedValue('phone', '13900001111', '13812345678'), '13900001111', 'retyped');
    assert.equal(unmaskedValue('phone', '13900001111', undefined), '13900001111', 'a new person: as typed');
    assert.equal(unmaskedValue('name', '张伟', '张伟'), '张伟');
  });

  test('null start date becomes empty', () => {
    assert.equal(personToFormValues({ ...PERSON, startDate: null }).startDate, '');
  });

  test('role state from a tab pre-checks that role', () => {
    const s = emptyRoleState('building_head');
    assert.equal(s.building_head.checked, true);
    assert.equal(s.grid_worker.checked, false);
    assert.deepEqual(Object.keys(s), ['grid_worker', 'building_head', 'info_officer', 'community_worker']);
    assert.equal(Object.values(emptyRoleState('')).some((r) => r.checked), false);
  });

  test('role state from a person', () => {
    const s = rolesToState(PERSON.roles);
    assert.deepEqual(s.grid_worker, { checked: true, employment: 'full_time', unitIds: ['g2', 'g1'] });
    assert.deepEqual(s.building_head, { checked: true, employment: '', unitIds: ['m1'] });
    assert.equal(s.info_officer.checked, false);
  });

  test('copyRoleState is deep', () => {
    const a = rolesToState(PERSON.roles);
    const b = copyRoleState(a);
    b.grid_worker.unitIds.push('g3');
    assert.deepEqual(a.grid_worker.unitIds, ['g2', 'g1']);
  });
});

describe('buildPersonInput: creating', () => {
  const values = {
    ...emptyPersonValues(), name: ' 李娜 ', idNumber: ' 32010219900101123x ', phone: '１３８ 0000 1111',
    politicalStatus: '群众', startDate: '2024/3/1', note: ' 新人 ', published: true,
  };
  const roles = () => {
    const r = emptyRoleState('grid_worker');
    r.grid_worker.employment = 'part_time';
    r.grid_worker.unitIds = ['g3', 'g1', 'g3'];
    return r;
  };

  test('the full PersonInput', () => {
    const r = buildPersonInput(values, roles());
    assert.equal(r.ok, true);
    assert.deepEqual(r.input, {
      name: '李娜', gender: '', birthDate: '', idNumber: '32010219900101123X', phone: '138 0000 1111',
      politicalStatus: '群众', education: '', startDate: '2024-03-01', status: 'active', published: true, note: '新人',
      roles: [{ role: 'grid_worker', employment: 'part_time', unitIds: ['g3', 'g1'] }],
      effectiveDate: '',
    });
    assert.equal(r.relevantChange, false);
  });

  test('every problem at once: an ID number of 17 digits and a 10-digit phone beside a missing 专职/兼职 and grid (probe S: three rounds)', () => {
    const r = emptyRoleState('grid_worker');
    const out = buildPersonInput({ ...values, idNumber: '32011519900515123', phone: '1381234567' }, r);
    assert.equal(out.ok, false);
    assert.deepEqual(out.problems.map((p) => p.field).sort(), ['employment', 'idNumber', 'phone', 'units']);
    assert.match(out.problems.find((p) => p.field === 'idNumber').message, /应为18位，“32011519900515123”是17位/);
    assert.match(out.problems.find((p) => p.field === 'phone').message, /手机号码“1381234567”不正确/);
    // The masked values of a stored person are left to the core.
    const kept = buildPersonInput({ ...values, idNumber: '3201**********123X', phone: '138****1111' }, r);
    assert.deepEqual(kept.problems.map((p) => p.field).sort(), ['employment', 'units']);
  });

  test('an explicit gender and birth date are sent when creating', () => {
    const r = buildPersonInput({ ...values, gender: 'female', birthDate: '1990.1.1' }, roles());
    assert.equal(r.input.gender, 'female');
    assert.equal(r.input.birthDate, '1990-01-01');
  });

  test('effectiveDate is never sent when creating', () => {
    const r = buildPersonInput({ ...values, effectiveDate: '2026-01-01', status: 'left' }, roles());
    assert.equal(r.input.effectiveDate, '');
  });

  test('several roles, in role order, employment only for grid workers', () => {
    const r = roles();
    r.info_officer = { checked: true, employment: 'full_time', unitIds: ['m2'] };
    r.community_worker = { checked: false, employment: '', unitIds: ['v1'] };
    const out = buildPersonInput(values, r);
    assert.deepEqual(out.input.roles, [
      { role: 'grid_worker', employment: 'part_time', unitIds: ['g3', 'g1'] },
      { role: 'info_officer', employment: null, unitIds: ['m2'] },
    ]);
  });

  const errors = [
    ['name', { name: '  ' }, null, '请填写姓名。'],
    ['idNumber', { idNumber: '' }, null, '请填写身份证号码。'],
    ['phone', { phone: ' ' }, null, '请填写手机号码。'],
    ['roles', {}, () => emptyRoleState(''), null],
    ['employment', {}, () => { const r = roles(); r.grid_worker.employment = ''; return r; }, '请选择网格员是专职还是兼职。'],
    ['units', {}, () => { const r = roles(); r.grid_worker.unitIds = []; return r; }, '网格员必须分配到基础网格。'],
    ['units', {}, () => { const r = roles(); r.building_head = { checked: true, employment: '', unitIds: [] }; return r; },
      '楼栋长必须分配到微网格或小区。'],
    ['units', {}, () => ({ ...emptyRoleState('community_worker') }), '社区工作者必须分配到村/社区。'],
  ];
  for (const [field, patch, makeRoles, message] of errors) {
    test(`error on ${field}${message ? `: ${message}` : ''}`, () => {
      const error = assertRefused(buildPersonInput({ ...values, ...patch }, makeRoles ? makeRoles() : roles()), field);
      if (message) assert.equal(error.message, message);
    });
  }
});

describe('buildPersonInput: editing', () => {
  test('nothing changed: gender and birth date left to the ID number, no effectiveDate', () => {
    const r = buildPersonInput({ ...formOf(PERSON), effectiveDate: '2026-01-01' }, rolesToState(PERSON.roles), { original: PERSON });
    assert.equal(r.ok, true);
    assert.equal(r.relevantChange, false);
    assert.equal(r.input.gender, '');
    assert.equal(r.input.birthDate, '');
    assert.equal(r.input.effectiveDate, '');
    assert.equal(r.input.idNumber, PERSON.idNumber);
    assert.equal(r.input.phone, PERSON.phone);
  });

  test('stored unit order is kept so an unchanged role compares equal', () => {
    const r = buildPersonInput(formOf(PERSON), rolesToState(PERSON.roles), { original: PERSON });
    assert.deepEqual(r.input.roles[0].unitIds, ['g2', 'g1']);
  });

  test('ticked units in another order still keep the stored order, new ones last', () => {
    const s = rolesToState(PERSON.roles);
    s.grid_worker.unitIds = ['g3', 'g1', 'g2'];
    const r = buildPersonInput({ ...formOf(PERSON), effectiveDate: '2026-02-01' }, s, { original: PERSON });
    assert.deepEqual(r.input.roles[0].unitIds, ['g2', 'g1', 'g3']);
    assert.equal(r.relevantChange, true);
    assert.equal(r.input.effectiveDate, '2026-02-01');
  });

  test('a changed gender is sent', () => {
    const r = buildPersonInput({ ...formOf(PERSON), gender: 'female' }, rolesToState(PERSON.roles), { original: PERSON });
    assert.equal(r.input.gender, 'female');
  });

  test('a changed birth date is sent, tidied', () => {
    const r = buildPersonInput({ ...formOf(PERSON), birthDate: '1985年6月13日' }, rolesToState(PERSON.roles), { original: PERSON });
    assert.equal(r.input.birthDate, '1985-06-13');
  });

  const relevant = [
    ['status 在岗 → 离岗', (v) => { v.status = 'left'; }, null],
    ['a unit removed', null, (s) => { s.grid_worker.unitIds = ['g1']; }],
    ['a unit added', null, (s) => { s.building_head.unitIds = ['m1', 'm2']; }],
    ['a role added', null, (s) => { s.community_worker = { checked: true, employment: '', unitIds: ['v1'] }; }],
    ['a role removed', null, (s) => { s.building_head.checked = false; }],
    ['专职 → 兼职', null, (s) => { s.grid_worker.employment = 'part_time'; }],
    ['公示 unset', (v) => { v.published = !PERSON.published; }, null],
  ];
  for (const [label, changeValues, changeRoles] of relevant) {
    test(`${label} sends effectiveDate`, () => {
      const v = { ...formOf(PERSON), effectiveDate: ' 2026/4/30 ' };
      const s = rolesToState(PERSON.roles);
      changeValues?.(v);
      changeRoles?.(s);
      assert.equal(historyRelevantChange(PERSON, v, s), true);
      const r = buildPersonInput(v, s, { original: PERSON });
      assert.equal(r.ok, true);
      assert.equal(r.relevantChange, true);
      assert.equal(r.input.effectiveDate, '2026-04-30');
    });
  }

  const irrelevant = [
    ['name', (v) => { v.name = '张伟伟'; }],
    ['phone', (v) => { v.phone = '13900000000'; }],
    ['note', (v) => { v.note = ''; }],
    ['political status', (v) => { v.politicalStatus = '群众'; }],
  ];
  for (const [label, change] of irrelevant) {
    test(`${label} alone sends no effectiveDate`, () => {
      const v = { ...formOf(PERSON), effectiveDate: '2026-04-30' };
      change(v);
      const s = rolesToState(PERSON.roles);
      assert.equal(historyRelevantChange(PERSON, v, s), false);
      assert.equal(buildPersonInput(v, s, { original: PERSON }).input.effectiveDate, '');
    });
  }

  test('an unticked role\'s leftover units do not count as a change', () => {
    const s = rolesToState(PERSON.roles);
    s.info_officer.unitIds = ['m2']; // picked, then the role was unticked
    assert.equal(historyRelevantChange(PERSON, formOf(PERSON), s), false);
  });

  test('employment on a non-grid role is ignored', () => {
    const p = { ...PERSON, roles: [{ role: 'building_head', employment: null, unitIds: ['m1'] }] };
    const s = rolesToState(p.roles);
    s.building_head.employment = 'full_time';
    assert.equal(historyRelevantChange(p, formOf(p), s), false);
  });

  test('an empty effective date is sent empty (the backend uses today)', () => {
    const v = { ...formOf(PERSON), status: 'left', effectiveDate: '' };
    assert.equal(buildPersonInput(v, rolesToState(PERSON.roles), { original: PERSON }).input.effectiveDate, '');
  });

  test('creating never counts as a history change', () => {
    assert.equal(historyRelevantChange(null, { status: 'left' }, emptyRoleState('grid_worker')), false);
  });
});

describe('personFormDirty', () => {
  const base = formOf(PERSON);
  const roles = rolesToState(PERSON.roles);

  test('untouched is clean', () => assert.equal(personFormDirty(base, { ...base }, roles, copyRoleState(roles)), false));
  test('whitespace only is clean', () => assert.equal(personFormDirty(base, { ...base, name: ' 张伟 ' }, roles, roles), false));
  test('a field change is dirty', () => assert.equal(personFormDirty(base, { ...base, phone: '1' }, roles, roles), true));
  test('the published box is dirty', () => assert.equal(personFormDirty(base, { ...base, published: false }, roles, roles), true));
  test('a unit change is dirty', () => {
    const r = copyRoleState(roles);
    r.building_head.unitIds = [];
    assert.equal(personFormDirty(base, base, roles, r), true);
  });
  test('the effective date alone is not dirty', () => {
    assert.equal(personFormDirty(base, { ...base, effectiveDate: '2026-01-01' }, roles, roles), false);
  });
  test('no baseline is clean', () => assert.equal(personFormDirty(null, base, roles, roles), false));
});

test('公示 cell: 是, 否, and 待撤下 for one who left while still published', () => {
  assert.deepEqual(['text', 'on', 'warn'].map((k) => publishedTag({ published: true, status: '在岗' })[k]), ['是', true, false]);
  assert.deepEqual(['text', 'on'].map((k) => publishedTag({ published: false, status: '离岗' })[k]), ['否', false]);
  const left = publishedTag({ published: true, status: '离岗' });
  assert.equal(left.text, '待撤下');
  assert.equal(left.warn, true, 'the one state that asks for action looks unlike 是');
  assert.match(left.title, /撤下公示牌/);
  assert.equal(publishedTag(undefined).text, '否');
});
