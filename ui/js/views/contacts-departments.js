// 联系点 › 部门: the departments demands are assigned to (交办), each with its level
// (村/社区, 乡镇/街道, 县/区, 市); the form beside the list.
import { DEMAND_LEVELS } from '../logic/demands.js';
import {
  DEPARTMENT_FIELDS, departmentFormValues, parseDepartmentForm, departmentCells,
} from '../logic/contacts.js';
import { h } from '../dom.js';
import { excelTools } from './excel-tools.js';
import { mountRecordList, recycleTexts, noteField, createdText } from './record-list/index.js';

export function mountDepartments(host, ctx) {
  const { api, toast, onError, shared } = ctx;
  const levels = DEMAND_LEVELS;
  let disposed = false;

  const list = mountRecordList(host, {
    ctx,
    name: 'department',
    tableId: 'departments-table',
    tableClass: 'departments-table',
    label: '部门',
    newText: '新增部门',
    emptyText: '还没有部门。点击“新增部门”，登记诉求要交办的部门（如 街道城管办、区住建局）。',
    emptyDetail: ['在左侧选择一个部门，查看和修改。', '诉求交办时从这里选择承办部门；有诉求交办给它的部门不能删除。'],
    toolbar: excelTools({
      api, toast, onError, prefix: 'departments', exportKind: 'departments',
      imports: [{ kind: 'departments' }],
      onImported: () => { if (!disposed) list.reload(); },
    }),
    columns: [
      { title: '部门名称', class: 'cell-name', cell: (d) => departmentCells(d, levels).name },
      { title: '层级', class: 'cell-nowrap', cell: (d) => h('span', { class: ['level-badge', `level-${d.level ?? ''}`] }, departmentCells(d, levels).level) },
      { title: '备注', cell: (d) => departmentCells(d, levels).note },
    ],
    rowLabel: (d) => `${d.name ?? ''}，${departmentCells(d, levels).level}`,
    load: () => api.listDepartments(),
    form: {
      title: (d) => (d ? (d.name ?? '') : '新增部门'),
      values: (d) => departmentFormValues(d),
      fields: () => [
        { field: 'name', label: '部门名称', maxlength: 60, placeholder: '如 区住房和城乡建设局' },
        { field: 'level', label: '层级', type: 'select', options: levels, hint: '部门所在的层级，交办时同级部门排在前面。' },
        noteField('note', { placeholder: '联系人、职责范围等' }),
      ],
      parse: parseDepartmentForm,
      fieldNames: DEPARTMENT_FIELDS,
      focus: 'name',
    },
    create: (input) => api.createDepartment(input),
    update: (id, input) => api.updateDepartment(id, input),
    remove: (id) => api.deleteDepartment(id),
    savedText: createdText('部门'),
    deleteText: recycleTexts({
      button: '删除部门',
      noun: '部门',
      name: (d) => d.name,
      rule: '有诉求交办给它的部门不能删除。',
      hint: '有诉求交办给它的部门不能删除。',
    }),
    onChanged: () => { shared.departments({ fresh: true }); },
  });

  return {
    show: () => list.reload(),
    isDirty: list.isDirty,
    dispose: () => {
      disposed = true;
      list.dispose();
    },
  };
}
