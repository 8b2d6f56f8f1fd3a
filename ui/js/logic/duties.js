// 减负 › 三清单 (目录三清单, issue 15): the lists and fields, filtering and counting
// the items, and the item form's values and parsing. Pure, tested with node --test.
import {
  formValues, formText, text, problemsOf, unlessOk,
} from './fields.js';
import { choicesOf, labelOf } from './labels.js';

/** The three lists (the core's DutyList, from the catalog), in its order. */
export const DUTY_LISTS = choicesOf('duty_items', 'list');

/** A list's one-word tag in the table: drawing, not data. */
const LIST_SHORT = Object.freeze({ basic: '基本', assisting: '配合', taken_back: '收回' });

export function listShort(list) {
  return LIST_SHORT[list] ?? listLabel(list);
}

/** The fields (领域, the core's DutyField, from the catalog); the form sends a field by its name. */
export const DUTY_FIELDS = choicesOf('duty_items', 'field');

export const DUTY_ITEM_FIELDS = [
  'list', 'field', 'number', 'name', 'basis', 'townshipRole', 'leadDepartment', 'takenBackBy', 'takenBackOn', 'listedOn', 'remark',
];

export function listLabel(list) {
  return list ? labelOf(list, DUTY_LISTS) : '';
}

/** Items on `list` ('' = all) in `field` ('' = all) whose name, basis, role or departments contain `search`. */
export function filterDutyItems(items, { list = '', field = '', search = '' } = {}) {
  const q = text(search);
  return (items ?? []).filter((d) => (!list || d.list === list)
    && (!field || (d.fieldLabel ?? d.field) === field)
    && (!q || [d.number, d.name, d.basis, d.townshipRole, d.leadDepartment, d.takenBackBy, d.remark]
      .some((s) => String(s ?? '').includes(q))));
}

/** { basic, assisting, taken_back, total } of `items`. */
export function countDutyItems(items, today = '') {
  const out = { basic: 0, assisting: 0, taken_back: 0, total: 0, takenBackAhead: 0 };
  for (const d of items ?? []) {
    if (d.list in out) out[d.list] += 1;
    out.total += 1;
    // Counted by 首页 and 统计 from its 收回日期 on (core duties::counts_on).
    if (d.list === 'taken_back' && today && (d.takenBackOn ?? '') > today) out.takenBackAhead += 1;
  }
  return out;
}

export function dutyFormValues(d, list = 'basic') {
  return formValues(d, DUTY_ITEM_FIELDS, { blank: { list }, set: { field: d?.fieldLabel ?? '其他' } });
}

/** The form's values → { ok, input } or { ok: false, error: { field, message } }. */
export function parseDutyForm(v) {
  const input = formText(v, DUTY_ITEM_FIELDS);
  const back = input.list === 'taken_back';
  const wrong = problemsOf([
    unlessOk(DUTY_LISTS.some((l) => l.value === input.list), 'list', '请选择清单。'),
    unlessOk(input.field, 'field', '请选择领域。'),
    unlessOk(input.name, 'name', '请填写事项名称。'),
    unlessOk(input.list !== 'assisting' || input.leadDepartment, 'leadDepartment', '配合履职事项请填写牵头部门。'),
    unlessOk(!back || input.takenBackBy, 'takenBackBy', '上级部门收回事项请填写收回部门。'),
    unlessOk(!back || input.takenBackOn, 'takenBackOn', '上级部门收回事项请填写收回日期。'),
  ]);
  if (wrong) return wrong;
  if (input.list !== 'taken_back') {
    input.takenBackBy = '';
    input.takenBackOn = '';
  }
  return { ok: true, input };
}

/**
 * The others of an item's list printed with its 序号 (the core's `sameNumber`),
 * as a phrase: “食品安全隐患排查”、“燃气安全检查”; '' when its number stands once.
 */
export function sameNumberNames(d) {
  const names = Array.isArray(d?.sameNumber) ? d.sameNumber : [];
  return names.map((n) => `“${n}”`).join('、');
}

/**
 * What 保存 says: `said` (已新增事项… / 已保存), then, when another item of the list
 * has the same 序号, that the printed 目录 would show it twice.
 */
export function savedWithNumber(said, d) {
  const others = sameNumberNames(d);
  if (!others) return said;
  return `${said}。注意：${listLabel(d?.list)}里${others}的序号也是 ${d?.number ?? ''}，清单按序号打印成目录，请改一个序号`;
}
