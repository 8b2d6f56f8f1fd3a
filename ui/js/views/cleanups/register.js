// 减负 › 专项整治, what each register shows: the list's columns and the entry form's
// fields (the four registers share one record list; 借调人员 has its own columns and
// fields, with 从人员库选择 first).
import { h } from '../../dom.js';
import { MECHANISM_TYPES, secondmentState } from '../../logic/cleanups.js';
import { noteField } from '../record-list/index.js';

/** The list's columns of register `reg` (logic/cleanups.js REGISTERS). */
export function columnsOf(reg) {
  if (reg.value === 'secondments') {
    return [
      { title: '姓名', class: 'cell-name', cell: (e) => e.name ?? '' },
      // The (masked) ID number is in the form: beside the form the list keeps room for 状态.
      { title: '派出', class: 'cell-nowrap', cell: (e) => e.unitName ?? '' },
      { title: '借调单位', cell: (e) => e.department ?? '' },
      { title: '借调期', class: 'cell-nowrap', cell: (e) => [e.startDate ?? '', h('br'), `至 ${e.endDate ?? ''}`] },
      { title: '准入', cell: (e) => (e.approved ? (e.approvalNumber ?? '') : h('span', { class: 'badge badge-bad', 'data-unapproved': '' }, '未经准入')) },
      { title: '状态', class: 'cell-nowrap', cell: (e) => h('span', { class: ['badge', (e.overdue || e.reopenedOn) ? 'badge-bad' : null], 'data-state': '' }, secondmentState(e)) },
    ];
  }
  return [
    { title: reg.unitLabel, class: 'cell-nowrap', cell: (e) => e.unitName ?? '' },
    { title: reg.nameLabel, class: 'cell-name', cell: (e) => e.name ?? '' },
    reg.value === 'mechanisms' ? { title: '类型', class: 'cell-nowrap', cell: (e) => e.categoryLabel ?? '' } : null,
    { title: reg.departmentLabel, cell: (e) => e.department || '—' },
    { title: '处理结果', class: 'cell-nowrap', cell: (e) => h('span', { class: ['badge', e.reopenedOn ? 'badge-bad' : null], 'data-state': '' }, e.statusLabel ?? '') },
    { title: '日期', class: 'cell-nowrap', cell: (e) => e.resultDate || (e.reopenedOn ? `${e.reopenedOn} 回头看` : '—') },
    reg.value === 'certificates' ? { title: '出具数量', class: 'cell-nowrap', cell: issuedCell } : null,
  ].filter(Boolean);
}

/** A certificate's count with the year it is of (出具年度): 12 份（2026年）. */
export function issuedCell(e) {
  if (e.issuedThisYear == null) return '—';
  return e.issuedYear ? `${e.issuedThisYear} 份（${e.issuedYear}年）` : `${e.issuedThisYear} 份`;
}

/**
 * The entry form's fields of register `reg` (record-list's field specs).
 * villages: [{ id, name }]; personPicker(value, inputs): the custom part of 借调人员;
 * entry: the entry the form edits (null for a new one).
 */
export function fieldsOf(reg, { villages, personPicker, entry = null }) {
  const villageOptions = villages.map((v) => ({ value: v.id, label: v.name }));
  const decision = {
    field: 'decision', label: '处理结果', type: 'select', blank: reg.value === 'secondments' ? '在借调' : '待认定',
    options: reg.decisions.map((d) => ({ value: d, label: d })),
    // Only where a re-check reopened the entry: on a new one it spoke of nothing there.
    hint: entry?.reopenedOn ? '回头看发现反弹后，选好处理结果并填写不早于回头看的日期，才算重新认定。' : null,
  };
  const resultDate = { field: 'resultDate', label: reg.dateLabel, type: 'date' };
  const remark = noteField('remark');
  if (reg.value === 'secondments') {
    return [
      { field: 'personId', type: 'custom', build: (v, inputs) => personPicker(v, inputs) },
      { field: 'name', label: '姓名', maxlength: 30 },
      { field: 'idNumber', label: '身份证号码', maxlength: 20, hint: '从人员库选择，或直接填写姓名和身份证号码（与人员库中的人自动关联）；显示为打码的不用改。' },
      { field: 'unitId', label: reg.unitLabel, type: 'select', blank: '乡镇（街道）机关', options: villageOptions },
      { field: 'department', label: reg.departmentLabel, maxlength: 60 },
      { field: 'startDate', label: '借调开始日期', type: 'date' },
      { field: 'endDate', label: '借调结束日期', type: 'date' },
      { field: 'approved', label: '经县规范借调准入批准', type: 'checkbox' },
      { field: 'approvalNumber', label: '准入文号', maxlength: 60 },
      decision, resultDate, remark,
    ];
  }
  return [
    { field: 'name', label: reg.nameLabel, maxlength: 100 },
    { field: 'unitId', label: reg.unitLabel, type: 'select', blank: '请选择', options: villageOptions },
    reg.value === 'mechanisms' ? { field: 'category', label: '机制类型', type: 'select', options: MECHANISM_TYPES.map((t) => ({ value: t.label, label: t.label })) } : null,
    { field: 'department', label: reg.departmentLabel, maxlength: 60 },
    reg.value === 'certificates' ? { field: 'basis', label: '依据', type: 'textarea', rows: 2, maxlength: 2000, hint: '处理结果为“保留”的必填。' } : null,
    decision, resultDate,
    reg.value === 'certificates'
      ? { field: 'issuedThisYear', label: '今年出具数量', maxlength: 8, hint: entry?.issuedYear ? `现为 ${entry.issuedYear} 年的数量；数量改动后记为今年的。` : null }
      : null,
    reg.value !== 'certificates'
      ? { field: 'basis', label: reg.value === 'plaques' ? '保留依据' : '依据', type: 'textarea', rows: 2, maxlength: 2000, hint: reg.value === 'plaques' ? '处理结果为“保留”的必填。' : null }
      : null,
    remark,
  ].filter(Boolean);
}
