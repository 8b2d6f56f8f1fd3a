// People registry (人员名单) logic. Pure: no DOM access.
//
// - roles and which unit kinds each serves (docs/COMMANDS.md: grid_worker → base grids,
//   building_head / info_officer → micro-grids and compounds, community_worker → villages)
// - the list's filter state → PersonQuery, sort toggling, paging text
// - unit option lists with paths ("青溪社区 › 阳光花园 › 第一网格")
// - the person form ↔ Person / PersonInput
import { walk, pathTo, pathLabel, idKey, kindLabel, normalizeQuery } from './tree.js';
import { toHalfWidth, fieldError } from './form.js';
import { normalizeDateText, maskIdNumber, maskPhone } from './format.js';
import { catalogList, choicesOf, labelOf } from './labels.js';

export const PAGE_SIZE = 20;
/** The page sizes a clerk can choose, as in WPS: 20, 50, 100 rows or 全部 (0). */
export const PAGE_SIZES = Object.freeze([
  { size: 20, label: '每页 20 行' },
  { size: 50, label: '每页 50 行' },
  { size: 100, label: '每页 100 行' },
  { size: 0, label: '全部显示' },
]);

/** 姓名 orders, as in WPS: by pinyin (the default) or by 姓氏笔画. */
export const NAME_ORDERS = Object.freeze([
  { value: 'pinyin', label: '姓名按拼音' },
  { value: 'strokes', label: '姓名按姓氏笔画' },
]);

/** The query's sort: the column's key; 姓名 by 姓氏笔画 is `nameStrokes`. */
function querySort(s) {
  const sort = SORT_KEYS.includes(s.sort) ? s.sort : 'name';
  return sort === 'name' && s.nameOrder === 'strokes' ? 'nameStrokes' : sort;
}

/** The list state's page size (20 unless one of PAGE_SIZES was chosen). */
export function listPageSize(state) {
  const n = Number(state?.pageSize);
  return PAGE_SIZES.some((p) => p.size === n) && state?.pageSize !== undefined && state?.pageSize !== '' ? n : PAGE_SIZE;
}

/** A role of the catalog's (`roles`) as the forms use it, or null for a malformed entry. */
function roleOf(r) {
  if (typeof r?.value !== 'string' || typeof r.label !== 'string') return null;
  const unitKinds = Array.isArray(r.unitKinds) ? r.unitKinds.filter((k) => typeof k === 'string') : [];
  return Object.freeze({ value: r.value, label: r.label, unitKinds: Object.freeze(unitKinds), unitPhrase: String(r.unitPhrase ?? '') });
}

/**
 * The four roles (网格员, 楼栋长, 信息员, 社区工作者) with the kinds of unit each is
 * assigned to and their phrase (微网格或小区): the core's (people::RoleKind), from the
 * catalog. Filled in place when the catalog arrives: read it when drawing.
 */
export const ROLES = catalogList('roles', roleOf);

/** Tabs across the top of 人员名单. `tab` is the data-role-tab value, `role` what the query sends. */
export const ROLE_TABS = catalogList(
  'roles',
  (r) => { const role = roleOf(r); return role && Object.freeze({ tab: role.value, role: role.value, label: role.label }); },
  [Object.freeze({ tab: 'all', role: '', label: '全部' })],
);

export const EMPLOYMENTS = choicesOf('people', 'employment');

export const STATUSES = choicesOf('people', 'status');

export const GENDERS = Object.freeze([
  Object.freeze({ value: '', label: '按身份证自动' }),
  Object.freeze({ value: 'male', label: '男' }),
  Object.freeze({ value: 'female', label: '女' }),
]);

/** Sort keys PersonQuery accepts. */
export const SORT_KEYS = Object.freeze(['name', 'gender', 'birthDate', 'startDate', 'status', 'politicalStatus', 'createdAt']);

/** Columns of the list. `sort` marks the sortable ones; `masked` the ones with a 显示 button. */
export const COLUMNS = Object.freeze([
  Object.freeze({ key: 'name', label: '姓名', sort: 'name' }),
  Object.freeze({ key: 'gender', label: '性别', sort: 'gender' }),
  Object.freeze({ key: 'birthDate', label: '出生日期', sort: 'birthDate' }),
  Object.freeze({ key: 'idNumber', label: '身份证号码', masked: true }),
  Object.freeze({ key: 'phone', label: '手机号码', masked: true }),
  Object.freeze({ key: 'politicalStatus', label: '政治面貌', sort: 'politicalStatus' }),
  Object.freeze({ key: 'roles', label: '身份' }),
  Object.freeze({ key: 'units', label: '所在网格/小区' }),
  Object.freeze({ key: 'villages', label: '所属村/社区' }),
  Object.freeze({ key: 'status', label: '状态', sort: 'status' }),
  Object.freeze({ key: 'published', label: '公示' }),
]);

/** Field names of PersonInput that may come back in a validation error. */
export const PERSON_FIELDS = Object.freeze([
  'name', 'gender', 'birthDate', 'idNumber', 'phone', 'politicalStatus', 'education', 'startDate',
  'status', 'note', 'roles', 'employment', 'units', 'effectiveDate',
]);

export const PERSON_FIELD_LABELS = Object.freeze({
  name: '姓名',
  idNumber: '身份证号码',
  phone: '手机号码',
  gender: '性别',
  birthDate: '出生日期',
  politicalStatus: '政治面貌',
  education: '学历',
  startDate: '到岗日期',
  status: '状态',
  published: '公示',
  note: '备注',
  roles: '身份',
  effectiveDate: '变动日期',
});

export function roleInfo(role) {
  return ROLES.find((r) => r.value === role) ?? null;
}

export function roleLabel(role) {
  return roleInfo(role)?.label ?? String(role ?? '');
}

export function employmentLabel(e) {
  return EMPLOYMENTS.find((x) => x.value === e)?.label ?? '';
}

export function statusLabel(s) {
  return labelOf(s, STATUSES);
}

/**
 * The 公示 cell of a person's row: 是 / 否, and 待撤下 for one who has left (离岗) but
 * is still marked published, so the clerk takes the name and phone off the board.
 * `warn`: the one state that asks the clerk to act (shown as a warning; 是 is not).
 */
export function publishedTag(row) {
  if (!row?.published) return { text: '否', title: '未公示', on: false, warn: false };
  if (row.status === '离岗') {
    return { text: '待撤下', title: '已离岗，仍标为公示：请撤下公示牌上的姓名和电话，再把“是否公示”改为否', on: true, warn: true };
  }
  return { text: '是', title: '已公示', on: true, warn: false };
}

export function genderLabel(g) {
  return g === 'male' ? '男' : g === 'female' ? '女' : String(g ?? '');
}

/** Unit kinds a role serves ([] for an unknown role). */
export function unitKindsForRole(role) {
  return [...(roleInfo(role)?.unitKinds ?? [])];
}

/** Where a form error goes: units/roles/employment errors all show in the roles section. */
export function errorSlot(field) {
  return field === 'units' || field === 'employment' || field === 'roles' ? 'roles' : field;
}

// ---------- list state ----------

/** Filter state of the list when a tab opens. */
export function defaultListState(role = 'grid_worker') {
  return {
    role: role ?? '',
    text: '',
    villageId: '',
    unitId: '',
    status: '',
    politicalStatus: '',
    published: '',
    employment: '',
    sort: 'name',
    descending: false,
    page: 0,
  };
}

/** Whether the 专职/兼职 filter applies (only on the 网格员 tab). */
export function showsEmployment(role) {
  return role === 'grid_worker';
}

/**
 * The PersonQuery for a list state. Every key is sent; text is trimmed and
 * full-width characters made half-width; employment only on the 网格员 tab.
 */
export function buildQuery(state, { pageSize = listPageSize(state) } = {}) {
  const s = state ?? {};
  const str = (v) => (v === null || v === undefined ? '' : String(v));
  return {
    role: str(s.role),
    text: toHalfWidth(s.text).trim(),
    villageId: str(s.villageId),
    unitId: str(s.unitId),
    status: s.status === 'active' || s.status === 'left' ? s.status : '',
    politicalStatus: str(s.politicalStatus),
    published: s.published === 'yes' || s.published === 'no' ? s.published : '',
    employment: showsEmployment(s.role) && (s.employment === 'full_time' || s.employment === 'part_time')
      ? s.employment : '',
    sort: querySort(s),
    descending: !!s.descending,
    page: Math.max(0, Math.floor(Number(s.page) || 0)),
    pageSize,
  };
}

/** The query for exporting what the list shows: same filters and order, every row. */
export function exportQuery(state) {
  return { ...buildQuery(state, { pageSize: 0 }), page: 0 };
}

/** A new state with one filter changed; paging starts over. */
export function withFilter(state, key, value) {
  const next = { ...state, [key]: value ?? '', page: 0 };
  if (key === 'role' && !showsEmployment(value)) next.employment = '';
  if (key === 'villageId') next.unitId = '';
  return next;
}

/** Clicking a column header: same column flips the direction, a new column sorts ascending. */
export function toggleSort(state, key) {
  if (!SORT_KEYS.includes(key)) return state;
  if (state.sort === key) return { ...state, descending: !state.descending, page: 0 };
  return { ...state, sort: key, descending: false, page: 0 };
}

/** ▲ / ▼ on the sorted column, '' elsewhere. */
export function sortIndicator(state, key) {
  if (state?.sort !== key) return '';
  return state.descending ? '▼' : '▲';
}

/** aria-sort value for a column header. */
export function ariaSort(state, key) {
  if (state?.sort !== key) return 'none';
  return state.descending ? 'descending' : 'ascending';
}

export function pageCount(total, pageSize = PAGE_SIZE) {
  const t = Math.max(0, Number(total) || 0);
  if (!pageSize) return 1; // 全部: one page
  return Math.max(1, Math.ceil(t / pageSize));
}

/** "第 2 / 5 页，共 93 人" (page is 0-based). */
export function pageText(page, total, pageSize = PAGE_SIZE) {
  const count = pageCount(total, pageSize);
  const p = Math.min(Math.max(0, Number(page) || 0), count - 1);
  return `第 ${p + 1} / ${count} 页，共 ${Math.max(0, Number(total) || 0)} 人`;
}

/** A page index kept inside 0 … last page. */
export function clampPage(page, total, pageSize = PAGE_SIZE) {
  return Math.min(Math.max(0, Math.floor(Number(page) || 0)), pageCount(total, pageSize) - 1);
}

/** Default export file name: "网格员名单.xlsx", "人员名单.xlsx" on 全部. */
export function exportFileName(role) {
  const info = roleInfo(role);
  return `${info ? info.label : '人员'}名单.xlsx`;
}

// ---------- unit options ----------

/** Villages/communities for the 村/社区 filter, in tree order. */
export function villageOptions(tree) {
  const out = [];
  walk(tree.roots, (n) => {
    if (n.unit.kind === 'village') out.push({ id: idKey(n.unit.id), label: n.unit.name });
  });
  return out;
}

/** The village a unit belongs to (itself if it is one), or null. */
export function villageOf(tree, unitId) {
  return pathTo(tree, unitId).find((u) => u.kind === 'village') ?? null;
}

/**
 * Units for the 网格 filter: compounds, base grids and micro-grids, narrowed to a
 * village when one is chosen. Labels are paths below the village when narrowed,
 * full paths otherwise, prefixed with the kind ("小区：阳光花园").
 */
export function unitFilterOptions(tree, villageId = '') {
  const kinds = ['compound', 'base_grid', 'micro_grid'];
  const vk = idKey(villageId);
  const out = [];
  walk(tree.roots, (n) => {
    const u = n.unit;
    if (!kinds.includes(u.kind)) return;
    const path = pathTo(tree, u.id);
    if (vk && !path.some((p) => idKey(p.id) === vk)) return;
    const shown = vk ? path.filter((p) => idKey(p.id) !== vk) : path;
    out.push({ id: idKey(u.id), kind: u.kind, label: `${kindLabel(u.kind, u.areaType)}：${pathLabel(shown)}` });
  });
  return out;
}

/**
 * Units a role may be assigned to, in tree order, each with its full path:
 * [{ id, kind, kindLabel, name, path }].
 */
export function unitOptionsForRole(tree, role) {
  const kinds = unitKindsForRole(role);
  const out = [];
  walk(tree.roots, (n) => {
    const u = n.unit;
    if (!kinds.includes(u.kind)) return;
    out.push({
      id: idKey(u.id),
      kind: u.kind,
      kindLabel: kindLabel(u.kind, u.areaType),
      name: u.name,
      path: pathLabel(pathTo(tree, u.id)),
    });
  });
  return out;
}

/** Options whose path contains the (normalised) text; all of them for empty text. */
export function filterUnitOptions(options, text) {
  const q = normalizeQuery(text);
  if (!q) return options;
  return options.filter((o) => o.path.toLowerCase().includes(q));
}

// ---------- the person form ----------

/** Form values for a new person. */
export function emptyPersonValues() {
  return {
    name: '',
    idNumber: '',
    phone: '',
    gender: '',
    birthDate: '',
    politicalStatus: '',
    education: '',
    startDate: '',
    status: 'active',
    published: false,
    note: '',
    effectiveDate: '',
  };
}

/**
 * Form values for a person being registered now: 到岗日期 today (a person entered
 * without one counts in every period already reported; an earlier start is typed
 * over it).
 */
export function newPersonValues(today) {
  return { ...emptyPersonValues(), startDate: String(today ?? '') };
}

/** Form values for an existing person (full ID number and phone, as get_person returns them). */
export function personToFormValues(p) {
  return {
    name: p?.name ?? '',
    idNumber: p?.idNumber ?? '',
    phone: p?.phone ?? '',
    gender: p?.gender === 'male' || p?.gender === 'female' ? p.gender : '',
    birthDate: p?.birthDate ?? '',
    politicalStatus: p?.politicalStatus ?? '',
    education: p?.education ?? '',
    startDate: p?.startDate ?? '',
    status: p?.status === 'left' ? 'left' : 'active',
    published: !!p?.published,
    note: p?.note ?? '',
    effectiveDate: '',
  };
}

/**
 * The stored person's ID number and mobile open masked in the form, as the list shows
 * them (3201**********123X, 138****5678); 显示 reveals one for editing.
 */
export const MASKED_FORM_FIELDS = Object.freeze({ idNumber: maskIdNumber, phone: maskPhone });

/**
 * What a masked box stands for: the stored number while the box still shows its masked
 * text (a 保存 without 显示 keeps the number, never sends the stars), else what is typed.
 */
export function unmaskedValue(field, shown, full) {
  const mask = MASKED_FORM_FIELDS[field];
  return mask && full && shown === mask(full) ? full : shown;
}

/**
 * Role state of the form: { grid_worker: { checked, employment, unitIds }, … }.
 * `preRole` is ticked for a new person created from a role tab.
 */
export function emptyRoleState(preRole = '') {
  const out = {};
  for (const r of ROLES) out[r.value] = { checked: r.value === preRole, employment: '', unitIds: [] };
  return out;
}

export function rolesToState(roles) {
  const out = emptyRoleState();
  for (const r of roles ?? []) {
    if (!out[r.role]) continue;
    out[r.role] = {
      checked: true,
      employment: r.employment === 'full_time' || r.employment === 'part_time' ? r.employment : '',
      unitIds: (r.unitIds ?? []).map(idKey),
    };
  }
  return out;
}

/** Copy of a role state (for continuous entry: the next person keeps the same roles). */
export function copyRoleState(state) {
  const out = {};
  for (const r of ROLES) {
    const s = state?.[r.value] ?? { checked: false, employment: '', unitIds: [] };
    out[r.value] = { checked: !!s.checked, employment: s.employment ?? '', unitIds: [...(s.unitIds ?? [])] };
  }
  return out;
}

/** Normalised roles for comparing: role → "employment|sorted unit ids". */
function roleSignature(roles) {
  const out = {};
  for (const r of roles) out[r.role] = `${r.employment ?? ''}|${[...r.unitIds].map(idKey).sort().join(',')}`;
  return out;
}

function checkedRoles(roleState) {
  return ROLES.filter((r) => roleState?.[r.value]?.checked).map((r) => ({
    role: r.value,
    employment: r.value === 'grid_worker' ? (roleState[r.value].employment || null) : null,
    unitIds: [...new Set((roleState[r.value].unitIds ?? []).map(idKey))],
  }));
}

/**
 * Whether the form changes something that the history records: roles, their
 * units or employment, or the status. Only meaningful when editing.
 */
export function historyRelevantChange(original, values, roleState) {
  if (!original) return false;
  const status = values?.status === 'left' ? 'left' : 'active';
  if ((original.status === 'left' ? 'left' : 'active') !== status) return true;
  // 公示 too: the figures of the days before its 变动日期 keep what it was.
  if (values && 'published' in values && !!values.published !== !!original.published) return true;
  const before = roleSignature((original.roles ?? []).map((r) => ({
    role: r.role,
    employment: r.role === 'grid_worker' ? (r.employment ?? null) : null,
    unitIds: r.unitIds ?? [],
  })));
  const after = roleSignature(checkedRoles(roleState));
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].some((k) => before[k] !== after[k]);
}

/**
 * Whether an 18-character ID number's last character is its check digit (GB 11643);
 * anything not shaped like one is left to the core's full check.
 */
export function idCheckDigitOk(idNumber) {
  const s = String(idNumber ?? '');
  if (!/^\d{17}[\dX]$/.test(s)) return true;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(s[i]) * weights[i];
  return '10X98765432'[sum % 11] === s[17];
}

/** Keep the person's stored unit order for units still chosen, new ones after. */
function orderedUnitIds(ids, originalIds) {
  const chosen = new Set(ids);
  const kept = (originalIds ?? []).map(idKey).filter((id) => chosen.has(id));
  const keptSet = new Set(kept);
  return [...kept, ...ids.filter((id) => !keptSet.has(id))];
}

/**
 * Build a PersonInput from the form. `original` is the Person being edited
 * (null when creating). Returns { ok: true, input, relevantChange } or
 * { ok: false, error } for what the form itself can tell:
 * a name, an ID number, a phone, at least one role, units for each role,
 * 专职/兼职 for a grid worker. Everything else is checked by the backend.
 *
 * When editing, gender and birth date that still equal the stored ones are sent
 * empty (the ID number decides), so correcting a mistyped ID number does not
 * trip over the old gender. effectiveDate is sent only when a role, unit,
 * employment, the status or 公示 changed.
 */
export function buildPersonInput(values, roleState, { original = null } = {}) {
  const v = values ?? {};
  // Every problem found here at once (the clerk fixes them in one go); `error` is the first.
  const problems = [];
  const problem = (field, message) => problems.push({ field, message });
  const name = String(v.name ?? '').trim();
  if (name === '') problem('name', '请填写姓名。');
  const idNumber = toHalfWidth(v.idNumber).replace(/\s+/g, '').toUpperCase();
  if (idNumber === '') problem('idNumber', '请填写身份证号码。');
  const phone = toHalfWidth(v.phone).trim();
  if (phone === '') problem('phone', '请填写手机号码。');

  const roles = checkedRoles(roleState);
  if (!roles.length) {
    problem('roles', `请至少选择一个身份（${ROLES.map((r) => r.label).join('、')}）。`);
  }
  for (const r of roles) {
    const info = roleInfo(r.role);
    if (r.role === 'grid_worker' && !r.employment) problem('employment', '请选择网格员是专职还是兼职。');
    if (!r.unitIds.length) problem('units', `${info.label}必须分配到${info.unitPhrase}。`);
    const originalRole = original?.roles?.find((o) => o.role === r.role);
    r.unitIds = orderedUnitIds(r.unitIds, originalRole?.unitIds);
  }
  // The core checks the ID number and phone fully when the form goes to it; when a
  // problem here keeps it from going, their forms are checked here, in the core's
  // words, so they show with the rest (probe S: a 10-digit phone was said only on
  // the third 保存). A masked value is the stored one, left as it was.
  if (problems.length && idNumber !== '' && !idNumber.includes('*')) {
    if (idNumber.length !== 18) {
      problem('idNumber', `身份证号码应为18位，“${idNumber}”是${idNumber.length}位。`);
    } else if (!idCheckDigitOk(idNumber)) {
      problem('idNumber', '身份证号码最后一位（校验码）不对，请逐位核对。');
    }
  }
  const dialled = phone.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  if (problems.length && phone !== '' && !phone.includes('*') && !/^1[3-9]\d{9}$/.test(dialled)) {
    problem('phone', `手机号码“${phone}”不正确：应为以1开头的11位数字，如 13812345678。`);
  }
  if (problems.length) {
    const out = fieldError(problems[0].field, problems[0].message);
    out.problems = problems;
    return out;
  }

  let gender = v.gender === 'male' || v.gender === 'female' ? v.gender : '';
  let birthDate = normalizeDateText(v.birthDate);
  if (original) {
    if (gender === original.gender) gender = '';
    if (birthDate === (original.birthDate ?? '')) birthDate = '';
  }
  const status = v.status === 'left' ? 'left' : 'active';
  const relevantChange = historyRelevantChange(original, { status, published: !!v.published }, roleState);
  return {
    ok: true,
    relevantChange,
    input: {
      name,
      gender,
      birthDate,
      idNumber,
      phone,
      politicalStatus: String(v.politicalStatus ?? '').trim(),
      education: String(v.education ?? '').trim(),
      startDate: normalizeDateText(v.startDate),
      status,
      published: !!v.published,
      note: String(v.note ?? '').trim(),
      roles,
      effectiveDate: relevantChange ? normalizeDateText(v.effectiveDate) : '',
      // The core refuses the update if the person changed since the form showed them.
      ...(original ? { seenUpdatedAt: String(original.updatedAt ?? '') } : {}),
    },
  };
}

/** Whether the form differs from where it started (for "放弃修改？"). */
export function personFormDirty(baseline, values, baseRoles, roles) {
  if (!baseline) return false;
  const keys = Object.keys(emptyPersonValues()).filter((k) => k !== 'effectiveDate');
  const norm = (x) => (typeof x === 'boolean' ? String(x) : String(x ?? '').trim());
  if (keys.some((k) => norm(baseline[k]) !== norm(values?.[k]))) return true;
  const a = roleSignature(checkedRoles(baseRoles));
  const b = roleSignature(checkedRoles(roles));
  const all = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...all].some((k) => a[k] !== b[k]);
}
