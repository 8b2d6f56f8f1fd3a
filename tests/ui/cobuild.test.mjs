import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  PROJECT_STATUSES, UNIT_KINDS, PROJECT_FIELDS, MOVE_FIELDS, PARTNER_FIELDS, statusIndex, statusLabel,
  statusDates, stepBar, timelineRows, claimNames, projectCells,
  boardColumns, boardSummary, claimCandidates, scoreText, resourcesText, attachmentRow, projectFormValues,
  parseProjectForm, emptyProjectFilters, projectQuery, projectYears, unitKindLabel, partnerFormValues,
  parsePartnerForm, partnerCells, partnerProjects,
} from '../../ui/js/logic/cobuild.js';

const ORDER = ['open', 'claimed', 'in_progress', 'completed', 'evaluated'];

const PROJECT = (over = {}) => ({
  id: 'p1', title: '老旧小区加装电梯', villageId: 'v1', villageName: '青溪社区', category: '便民服务',
  status: 'open', statusLabel: '待认领', plannedStart: '2026-03-01', plannedEnd: '2026-09-30', actualStart: null, actualEnd: null,
  money: 50000, people: 12, goods: '', beneficiaries: '6 号楼住户 48 户', score: null, evaluation: '', note: '',
  claims: [], events: [{ date: '2026-02-20', from: null, to: 'open', reason: '', recordedAt: '2026-02-20T02:00:00Z' }],
  attachments: [], createdAt: '2026-02-20T02:00:00Z', updatedAt: '2026-02-20T02:00:00Z', ...over,
});
const CLAIMS = [
  { partnerUnitId: 'u1', name: '阳光物业', claimedOn: '2026-03-02' },
  { partnerUnitId: 'u2', name: '青溪小学', claimedOn: '2026-03-03' },
];

describe('statuses', () => {
  test('five statuses in life-cycle order', () => {
    assert.deepEqual(PROJECT_STATUSES.map((s) => s.value), ORDER);
    assert.deepEqual(PROJECT_STATUSES.map((s) => s.label), ['待认领', '已认领', '实施中', '已完成', '已评价']);
    assert.equal(statusIndex('completed'), 3);
    assert.equal(statusIndex('x'), -1);
    assert.equal(statusLabel('in_progress'), '实施中');
    assert.equal(statusLabel('weird'), 'weird');
  });
});

test('the move fields are those move_project takes', () => {
  assert.deepEqual(MOVE_FIELDS, ['to', 'date', 'reason', 'score', 'evaluation']);
});

describe('step bar and timeline', () => {
  const events = [
    { date: '2026-03-05', from: 'claimed', to: 'in_progress', reason: '', recordedAt: '2026-03-05T01:00:00Z' },
    { date: '2026-02-20', from: null, to: 'open', reason: '', recordedAt: '2026-02-20T01:00:00Z' },
    { date: '2026-03-02', from: 'open', to: 'claimed', reason: '', recordedAt: '2026-03-02T01:00:00Z' },
    { date: '2026-03-04', from: 'in_progress', to: 'claimed', reason: '施工方案要改', recordedAt: '2026-03-04T09:00:00Z' },
    { date: '2026-03-04', from: 'claimed', to: 'in_progress', reason: '', recordedAt: '2026-03-04T01:00:00Z' },
  ];
  test('timeline oldest first (by date, then when recorded); going back is marked', () => {
    const rows = timelineRows(events);
    assert.deepEqual(rows.map((r) => r.text), [
      '登记（待认领）', '待认领 → 已认领', '已认领 → 实施中', '实施中 → 已认领', '已认领 → 实施中',
    ]);
    assert.deepEqual(rows.map((r) => r.back), [false, false, false, true, false]);
    assert.equal(rows[3].reason, '施工方案要改');
    assert.equal(timelineRows(null).length, 0);
  });
  test('the date each status was last reached', () => {
    assert.deepEqual(statusDates(events), { open: '2026-02-20', claimed: '2026-03-04', in_progress: '2026-03-05' });
  });
  test('steps: done, current, to do', () => {
    const bar = stepBar(PROJECT({ status: 'in_progress', events }));
    assert.deepEqual(bar.map((s) => s.state), ['done', 'done', 'current', 'todo', 'todo']);
    // 已认领 keeps its claim's day when the project came back to it (03-04, 施工方案要改).
    assert.deepEqual(bar.map((s) => s.date), ['2026-02-20', '2026-03-02', '2026-03-05', '', '']);
    assert.deepEqual(bar.map((s) => s.label), ['待认领', '已认领', '实施中', '已完成', '已评价']);
  });
});

describe('lists and the board', () => {
  test('project cells', () => {
    const c = projectCells(PROJECT({ claims: CLAIMS, status: 'evaluated', statusLabel: '', score: 4, attachments: [{}, {}] }));
    assert.equal(c.claims, '阳光物业、青溪小学');
    assert.equal(c.statusLabel, '已评价');
    assert.equal(c.planned, '2026-03-01 至 2026-09-30');
    assert.equal(c.attachments, '2 个');
    assert.equal(c.score, '★★★★☆ 4 分');
    assert.equal(claimNames(PROJECT()), '—');
  });
  test('five columns in order with their projects', () => {
    const list = [PROJECT({ id: 'a' }), PROJECT({ id: 'b', status: 'completed' }), PROJECT({ id: 'c' }), PROJECT({ id: 'd', status: 'weird' })];
    const cols = boardColumns(list);
    assert.deepEqual(cols.map((c) => [c.value, c.label, c.count]), [
      ['open', '待认领', 2], ['claimed', '已认领', 0], ['in_progress', '实施中', 0], ['completed', '已完成', 1], ['evaluated', '已评价', 0],
    ]);
    assert.deepEqual(cols[0].projects.map((p) => p.id), ['a', 'c']);
    assert.equal(boardSummary(list), '待认领 2 · 已认领 0 · 实施中 0 · 已完成 1 · 已评价 0（共 3 个）');
  });
  test('units that may claim: not yet claiming, paired ones first', () => {
    const units = [
      { id: 'u1', name: '阳光物业', villageIds: ['v1'] },
      { id: 'u3', name: '区税务局', villageIds: ['v2'] },
      { id: 'u4', name: '快递小哥联盟', villageIds: ['v1', 'v2'] },
    ];
    assert.deepEqual(claimCandidates(units, PROJECT({ claims: [CLAIMS[0]] })), [
      { id: 'u4', label: '快递小哥联盟（结对）', paired: true },
      { id: 'u3', label: '区税务局', paired: false },
    ]);
    assert.equal(claimCandidates(null, PROJECT()).length, 0);
  });
  test('texts', () => {
    assert.equal(scoreText(5), '★★★★★ 5 分');
    assert.equal(scoreText(null), '');
    assert.equal(resourcesText(PROJECT({ goods: '图书 200 册' })), '资金 50000 元 · 人力 12 人 · 物资：图书 200 册');
    assert.equal(resourcesText(PROJECT({ money: null, people: null })), '—');
    assert.equal(resourcesText(PROJECT({ money: 0, people: null })), '资金 0 元');
  });
  test('attachments: size and a missing file', () => {
    const a = attachmentRow({ hash: 'ab', name: '完工照片.jpg', bytes: 2048, addedAt: '2026-03-01T00:00:00Z', missing: true });
    assert.equal(a.name, '完工照片.jpg');
    assert.equal(a.size, '2.0 KB');
    assert.equal(a.missing, true);
    assert.match(a.addedAt, /^2026-03-0[12] /);
  });
});

describe('the project form', () => {
  test('values of a new project (community preset) and of an existing one', () => {
    assert.deepEqual(projectFormValues(null, { villageId: 'v1' }), {
      title: '', villageId: 'v1', category: '', registeredOn: '', plannedStart: '', plannedEnd: '', money: '', people: '', goods: '',
      beneficiaries: '', note: '',
    });
    const v = projectFormValues(PROJECT());
    assert.equal(v.money, '50000');
    assert.equal(v.people, '12');
    assert.deepEqual(Object.keys(v), PROJECT_FIELDS);
  });
  test('parsed into ProjectInput', () => {
    const r = parseProjectForm({
      ...projectFormValues(PROJECT()), title: ' 加装电梯 ', money: '5,000', people: '', plannedStart: '2026/3/1', registeredOn: '2025/12/8',
    });
    assert.deepEqual(r, {
      ok: true,
      input: {
        title: '加装电梯', villageId: 'v1', category: '便民服务', registeredOn: '2025-12-08', plannedStart: '2026-03-01', plannedEnd: '2026-09-30',
        money: 5000, people: '', goods: '', beneficiaries: '6 号楼住户 48 户', note: '',
      },
    });
  });
  const errors = [
    [{ title: '' }, 'title'],
    [{ villageId: '' }, 'villageId'],
    [{ plannedStart: 'x' }, 'plannedStart'],
    [{ registeredOn: '2026-13-01' }, 'registeredOn'],
    [{ plannedEnd: '2026-01-01' }, 'plannedEnd'],
    [{ money: '-5' }, 'money'],
    [{ people: '1.5' }, 'people'],
  ];
  for (const [over, field] of errors) {
    test(`error on ${field}`, () => {
      assertRefused(parseProjectForm({ ...projectFormValues(PROJECT()), ...over }), field, { fields: PROJECT_FIELDS });
    });
  }
  test('every problem of the project form at once, the first as the error', () => {
    const r = parseProjectForm({ ...projectFormValues(PROJECT()), title: '', money: '多', people: '1.5' });
    assert.deepEqual(r.problems.map((e) => e.field), ['title', 'money', 'people']);
  });
  test('filters → ProjectQuery', () => {
    assert.deepEqual(projectQuery(emptyProjectFilters()), { villageId: '', partnerUnitId: '', status: '', period: '', text: '' });
    assert.deepEqual(projectQuery({ status: 'open', period: '2026Q3', text: ' 电梯 ' }),
      { villageId: '', partnerUnitId: '', status: 'open', period: '2026Q3', text: '电梯' });
  });
  test('years from the projects', () => {
    assert.deepEqual(projectYears(2026, [PROJECT({ plannedStart: '2018-01-01' })]), ['2026', '2025', '2024', '2023', '2022', '2018']);
  });
});

describe('partner units', () => {
  const UNIT = {
    id: 'u1', name: '阳光物业', kind: 'enterprise', kindLabel: '企业', contactName: '张强', contactPhone: '138****5678',
    villageIds: ['v1', 'v2'], villageNames: ['青溪社区', '石塘村'], note: '', claimed: 3, completed: 1,
  };
  test('kinds', () => {
    assert.deepEqual(UNIT_KINDS.map((k) => k.label), ['机关', '企业', '事业单位', '社会组织', '社区社会企业', '新就业群体', '其他']);
    assert.equal(unitKindLabel('new_employment'), '新就业群体');
  });
  test('form values: the phone is the revealed full number, never the masked one', () => {
    const v = partnerFormValues(UNIT, { fullPhone: '13812345678' });
    assert.equal(v.contactPhone, '13812345678');
    assert.deepEqual(v.villageIds, ['v1', 'v2']);
    assert.deepEqual(Object.keys(v), PARTNER_FIELDS);
    assert.equal(partnerFormValues(null, { kind: 'enterprise' }).kind, 'enterprise');
  });
  test('parsed into PartnerUnitInput', () => {
    assert.deepEqual(parsePartnerForm({ name: ' 阳光物业 ', kind: 'enterprise', contactName: ' 张强 ', contactPhone: '１３８ 1234 5678', villageIds: ['v1', 'v1', ''], note: '' }), {
      ok: true,
      input: { name: '阳光物业', kind: 'enterprise', contactName: '张强', contactPhone: '13812345678', villageIds: ['v1'], note: '' },
    });
    assert.equal(parsePartnerForm({ name: '', kind: 'enterprise' }).error.field, 'name');
    assert.equal(parsePartnerForm({ name: 'x', kind: '' }).error.field, 'kind');
  });
  test('cells', () => {
    assert.deepEqual(partnerCells(UNIT), {
      name: '阳光物业', kind: '企业', contactName: '张强', phone: '138****5678', villages: '青溪社区、石塘村', counts: '认领 3 · 完成 1',
    });
    assert.equal(partnerCells({ kind: 'organ' }).kind, '机关');
    assert.equal(partnerCells({}).villages, '—');
  });
  test('what a unit claimed and finished', () => {
    const r = partnerProjects([PROJECT({ status: 'completed' }), PROJECT({ status: 'evaluated' }), PROJECT({ status: 'claimed' })]);
    assert.equal(r.finished.length, 2);
    assert.equal(r.ongoing.length, 1);
    assert.equal(r.text, '认领 3 个项目，已完成 2 个。');
    assert.equal(partnerProjects([]).text, '还没有认领项目。');
  });
});
