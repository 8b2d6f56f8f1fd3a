import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as api from '../../ui/js/api.js';

const CONTRACT = fileURLToPath(new URL('../../docs/COMMANDS.md', import.meta.url));

/** Commands from the table in docs/COMMANDS.md: [{ name, args: [argName] }]. */
function contractCommands() {
  const md = readFileSync(CONTRACT, 'utf8');
  const section = md.slice(md.indexOf('## Commands'));
  const out = [];
  for (const line of section.split('\n')) {
    const row = commandRow(line);
    if (row) out.push(row);
  }
  return out;
}

/**
 * One row of a command table: `| \`name\` | \`{ args }\` | result |`. The args cell is
 * the code span as a whole: a `|` inside it ("open"|"done") does not end the cell.
 */
function commandRow(line) {
  const m = line.match(/^\|\s*`([a-z_]+)`\s*\|\s*(`[^`]*`|[^|`]*?)\s*\|/);
  if (!m) return null;
  return { name: m[1], args: topLevelKeys(m[2].replace(/`/g, '').trim()) };
}

/**
 * Argument names of `{ a, b: "x"|"y", input: { c, d } }`: only the top-level keys
 * (a nested object such as `input: { … }` is one argument).
 */
function topLevelKeys(argText) {
  if (!argText.startsWith('{')) return [];
  const inner = argText.slice(1, argText.lastIndexOf('}'));
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of inner) {
    if (ch === '{' || ch === '[' || ch === '(') depth += 1;
    if (ch === '}' || ch === ']' || ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  // The name is the leading identifier (`kind?` keeps its ?); a note after it such as
  // `committeeId ("" = all)` is not part of the name.
  return parts.map((p) => p.split(':')[0].trim().match(/^[A-Za-z_$][\w$]*\??/)?.[0] ?? '').filter(Boolean);
}

/** An argument written `name?` in the contract may be left out. */
const isOptional = (arg) => arg.endsWith('?');
const argName = (arg) => arg.replace(/\?$/, '');

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// How the UI calls each function, and the args object the command must receive.
const CALLS = {
  appStatus: [[], undefined],
  restartApp: [[], undefined],
  setOperator: [['李娜'], { name: '李娜' }],
  setupOffice: [[{ level: 'township', code: '320115101000', name: '秣陵街道' }],
    { level: 'township', code: '320115101000', name: '秣陵街道' }],
  listUnits: [[], undefined],
  createUnit: [[{ kind: 'village', parentId: null }], { input: { kind: 'village', parentId: null } }],
  updateUnit: [[7, { name: 'x' }], { id: 7, input: { name: 'x' } }],
  moveUnit: [[7, 3], { id: 7, newParentId: 3 }],
  deleteUnit: [[7], { id: 7 }],
  dissolveUnit: [[7, { dissolvedOn: '2026-11-01', note: '' }], { id: 7, input: { dissolvedOn: '2026-11-01', note: '' } }],
  reinstateUnit: [[7], { id: 7 }],
  unitDissolveRefusal: [['u1'], { id: 'u1' }],
  listDissolvedUnits: [[], undefined],
  suggestUnitCode: [['village', 3, 'rural'], { kind: 'village', parentId: 3, areaType: 'rural' }],
  inspectBackup: [['/u/旧电脑备份.db'], { path: '/u/旧电脑备份.db' }],
  unitDeleteRefusal: [['u1'], { id: 'u1' }],
  listRecycleBin: [[], undefined],
  kindCatalog: [[], undefined],
  restoreRecycled: [[12], { entryId: 12 }],
  purgeRecycled: [[12], { entryId: 12 }],
  recycledRecord: [[12], { entryId: 12 }],
  listChangeLog: [[{ limit: 50, offset: 100, table: 'people', text: ' 林志远 ' }], { limit: 50, offset: 100, table: 'people', text: '林志远' }],
  listBackups: [[], undefined],
  backupNow: [[], undefined],
  restoreBackup: [['b.db', '青溪街道'], { fileName: 'b.db', confirm: '青溪街道' }],
  checkDatabase: [[], undefined],
  peopleOptions: [[], undefined],
  listPeople: [[{ role: 'grid_worker', page: 0 }], { query: { role: 'grid_worker', page: 0 } }],
  matchingPeopleIds: [[{ role: 'grid_worker' }], { query: { role: 'grid_worker' } }],
  batchApply: [[{ ids: ['p1'], action: 'peopleLeave', date: '2026-12-02' }], { input: { ids: ['p1'], action: 'peopleLeave', date: '2026-12-02' } }],
  batchPublishOverrides: [[['p1'], false, '2026-11-01'], { ids: ['p1'], published: false, date: '2026-11-01' }],
  batchLeaveEmpties: [[['p1']], { ids: ['p1'] }],
  checkSavePath: [['D:/a.xlsx', 'xlsx'], { path: 'D:/a.xlsx', kind: 'xlsx' }],
  exportReceivedPeople: [['D:/a.xlsx'], { path: 'D:/a.xlsx' }],
  exportSenderStatus: [['D:/a.xlsx'], { path: 'D:/a.xlsx' }],
  getPerson: [['p1'], { id: 'p1' }],
  personHistory: [['p1'], { id: 'p1' }],
  redatePersonChange: [['p1', 'e1', '2026-10-01'], { id: 'p1', eventId: 'e1', date: '2026-10-01' }],
  createPerson: [[{ name: '张三' }], { input: { name: '张三' } }],
  updatePerson: [['p1', { name: '张三' }], { id: 'p1', input: { name: '张三' } }],
  deletePerson: [['p1'], { id: 'p1' }],
  personDeleteBlocked: [['p1'], { id: 'p1' }],
  revealPersonField: [['p1', 'phone'], { id: 'p1', field: 'phone' }],
  chooseOpenFile: [['选择佐证材料', 'any'], { title: '选择佐证材料', kind: 'any' }],
  chooseSaveFile: [['导出', '网格员名单.xlsx', 'zip'], { title: '导出', defaultName: '网格员名单.xlsx', kind: 'zip' }],
  importTemplate: [['people', 'C:/t.xlsx'], { kind: 'people', path: 'C:/t.xlsx' }],
  importPreview: [['people', 'C:/a.xlsx', '名单'], { kind: 'people', path: 'C:/a.xlsx', sheet: '名单', given: null }],
  importCommit: [['training-participants', 'C:/a.xlsx', null, [8], { sessionDate: '2026-12-03', sessionTopic: '政策解读' }], {
    kind: 'training-participants', path: 'C:/a.xlsx', sheet: null, leaveOut: [8], given: { sessionDate: '2026-12-03', sessionTopic: '政策解读' },
  }],
  importCancel: [[], undefined],
  importErrorWorkbook: [['people', 'C:/a.xlsx', 'C:/e.xlsx'], { kind: 'people', path: 'C:/a.xlsx', out: 'C:/e.xlsx', sheet: null, given: null }],
  exportPeopleXlsx: [[{ role: '' }, true, 'C:/o.xlsx'], { query: { role: '' }, unmasked: true, path: 'C:/o.xlsx' }],
  listBusinessGrids: [[], undefined],
  createBusinessGrid: [[{ department: '综治', name: '一网格', note: '' }],
    { input: { department: '综治', name: '一网格', note: '' } }],
  updateBusinessGrid: [['b1', { department: '城管', name: 'x', note: '' }],
    { id: 'b1', input: { department: '城管', name: 'x', note: '' } }],
  deleteBusinessGrid: [['b1'], { id: 'b1' }],
  setBusinessGridMapping: [['b1', 'g1', '2026-03-01'], { id: 'b1', baseGridId: 'g1', mergedOn: '2026-03-01' }],
  removeBusinessGridMapping: [['b1', 'g1'], { id: 'b1', baseGridId: 'g1' }],
  businessGridsByBaseGrid: [[], undefined],
  gridCoverage: [[], undefined],
  packagePreview: [[], undefined],
  exportPackage: [['D:/上报/a.zip', true], { path: 'D:/上报/a.zip', attachments: true }],
  chooseOpenPackages: [['选择交换文件'], { title: '选择交换文件' }],
  chooseFolder: [['选择文件夹'], { title: '选择文件夹' }],
  receivePackages: [[['D:/收件/a.zip', 'D:/收件'], true], { paths: ['D:/收件/a.zip', 'D:/收件'], force: true }],
  listSenders: [[], undefined],
  setExpectedOffice: [['320115101000', '青溪街道'], { code: '320115101000', name: '青溪街道' }],
  removeExpectedOffice: [['320115101000'], { code: '320115101000' }],
  expectReceivedOffices: [[], undefined],
  proposeExpectedOffices: [[], undefined],
  setExpectedOffices: [[[{ code: '320115101000', name: '青溪街道' }]], { offices: [{ code: '320115101000', name: '青溪街道' }] }],
  exportUnsentOffices: [['D:/未报单位名单.xlsx'], { path: 'D:/未报单位名单.xlsx' }],
  exportReceivedDemands: [['D:/下级报送的诉求.xlsx'], { path: 'D:/下级报送的诉求.xlsx' }],
  setLateDays: [[45], { days: 45 }],
  listReceiptLog: [[{ limit: 50, offset: 50 }], { limit: 50, offset: 50 }],
  report: [['2026Q4'], { period: '2026Q4' }],
  reportDrill: [['320115101000', 'people.grid_workers', '2026'], { scope: '320115101000', key: 'people.grid_workers', period: '2026' }],
  exportReportXlsx: [['D:/统计.xlsx', '2026-11'], { path: 'D:/统计.xlsx', period: '2026-11' }],
  exportDrillXlsx: [[{ scope: 'all', key: 'demands.received', period: '2026Q4', path: 'D:/明细.xlsx' }],
    { scope: 'all', key: 'demands.received', period: '2026Q4', path: 'D:/明细.xlsx' }],
  dashboard: [['2026Q4'], { period: '2026Q4' }],
  // 党建 and 共建
  partyOptions: [[], undefined],
  sanliangList: [[true], { onlyMissing: true }],
  savePartyBranch: [['c1', { exists: true, secretary: '王芳' }], { compoundId: 'c1', input: { exists: true, secretary: '王芳' } }],
  setBranchPhoto: [['c1', 'D:/照片/公示.jpg'], { compoundId: 'c1', path: 'D:/照片/公示.jpg' }],
  listCommittees: [[], undefined],
  createCommittee: [[{ kind: 'joint_working', name: '青溪街道大工委' }],
    { input: { kind: 'joint_working', name: '青溪街道大工委' } }],
  updateCommittee: [['k1', { name: 'x' }], { id: 'k1', input: { name: 'x' } }],
  deleteCommittee: [['k1'], { id: 'k1' }],
  createCommitteeMember: [[{ committeeId: 'k1', name: '李明' }], { input: { committeeId: 'k1', name: '李明' } }],
  updateCommitteeMember: [['m1', { name: '李明' }], { id: 'm1', input: { name: '李明' } }],
  deleteCommitteeMember: [['m1'], { id: 'm1' }],
  partTimeCounts: [[], undefined],
  listJointMeetings: [['k1', '2026Q2'], { committeeId: 'k1', period: '2026Q2' }],
  createJointMeeting: [[{ committeeId: 'k1', heldOn: '2026-03-01' }], { input: { committeeId: 'k1', heldOn: '2026-03-01' } }],
  updateJointMeeting: [['j1', { topics: 'x' }], { id: 'j1', input: { topics: 'x' } }],
  deleteJointMeeting: [['j1'], { id: 'j1' }],
  listFollowUps: [[true, 'working_meetings'], { onlyOpen: true, kind: 'working_meetings' }],
  setFollowUpStatus: [['f1', 'done', '2026-03-05'], { id: 'f1', status: 'done', doneOn: '2026-03-05' }],
  listPartnerUnits: [[], undefined],
  createPartnerUnit: [[{ name: '阳光物业' }], { input: { name: '阳光物业' } }],
  updatePartnerUnit: [['u1', { name: '阳光物业' }], { id: 'u1', input: { name: '阳光物业' } }],
  deletePartnerUnit: [['u1'], { id: 'u1' }],
  revealPartnerPhone: [['u1'], { id: 'u1' }],
  listProjects: [[{ villageId: 'v1', partnerUnitId: 'u1', status: 'open', period: '2026', text: '加装' }],
    { query: { villageId: 'v1', partnerUnitId: 'u1', status: 'open', period: '2026', text: '加装' } }],
  getProject: [['p1'], { id: 'p1' }],
  createProject: [[{ title: '加装电梯' }], { input: { title: '加装电梯' } }],
  updateProject: [['p1', { title: '加装电梯' }], { id: 'p1', input: { title: '加装电梯' } }],
  deleteProject: [['p1'], { id: 'p1' }],
  claimProject: [['p1', 'u1', '2026-03-01'], { id: 'p1', partnerUnitId: 'u1', claimedOn: '2026-03-01' }],
  unclaimProject: [['p1', 'u1', '2026-09-15'], { id: 'p1', partnerUnitId: 'u1', on: '2026-09-15' }],
  moveProject: [['p1', { to: 'evaluated', date: '2026-06-01', reason: '', score: 5, evaluation: '居民满意' }],
    { id: 'p1', to: 'evaluated', date: '2026-06-01', reason: '', score: 5, evaluation: '居民满意' }],
  redateProjectStep: [['p1', '2026-10-15', 2], { id: 'p1', date: '2026-10-15', index: 2 }],
  openAttachment: [['ab12'], { hash: 'ab12' }],
  chooseEvidenceFiles: [['选择'], { title: '选择' }],
  listAttachments: [['visits', 'v1'], { kind: 'visits', id: 'v1' }],
  attachFiles: [['visits', 'v1', ['/a.jpg']], { kind: 'visits', id: 'v1', paths: ['/a.jpg'] }],
  detachFile: [['visits', 'v1', 'ab12'], { kind: 'visits', id: 'v1', hash: 'ab12' }],
  attachmentThumbnail: [['ab12'], { hash: 'ab12' }],
  attachmentBytes: [['ab12'], { hash: 'ab12' }],
  exportPartyXlsx: [['projects', 'D:/共建项目.xlsx', '2026Q4'], { kind: 'projects', path: 'D:/共建项目.xlsx', period: '2026Q4' }],
  exportAllXlsx: [['D:/全部台账.xlsx'], { path: 'D:/全部台账.xlsx' }],
  openExported: [['D:/全部台账.xlsx', true], { path: 'D:/全部台账.xlsx', folder: true }],
  // 领导联系点, 诉求, 协调机制
  contactOptions: [[], undefined],
  listDepartments: [[], undefined],
  createDepartment: [[{ name: '区住建局', level: 'county', note: '' }], { input: { name: '区住建局', level: 'county', note: '' } }],
  updateDepartment: [['d1', { name: '区住建局' }], { id: 'd1', input: { name: '区住建局' } }],
  deleteDepartment: [['d1'], { id: 'd1' }],
  listLeaders: [[], undefined],
  createLeader: [[{ name: '张伟', level: 'county' }], { input: { name: '张伟', level: 'county' } }],
  updateLeader: [['l1', { name: '张伟' }], { id: 'l1', input: { name: '张伟' } }],
  deleteLeader: [['l1'], { id: 'l1' }],
  revealLeaderPhone: [['l1'], { id: 'l1' }],
  listContactPoints: [[], undefined],
  createContactPoint: [[{ leaderId: 'l1', unitId: 'v1' }], { input: { leaderId: 'l1', unitId: 'v1' } }],
  updateContactPoint: [['c1', { leaderId: 'l1', unitId: 'v2' }], { id: 'c1', input: { leaderId: 'l1', unitId: 'v2' } }],
  deleteContactPoint: [['c1'], { id: 'c1' }],
  contactCoverage: [[], undefined],
  receivedContactCoverage: [[], undefined],
  listVisits: [['c1'], { contactPointId: 'c1' }],
  createVisit: [[{ contactPointId: 'c1', visitedOn: '2026-03-02' }], { input: { contactPointId: 'c1', visitedOn: '2026-03-02' } }],
  updateVisit: [['v9', { found: '路灯不亮' }], { id: 'v9', input: { found: '路灯不亮' } }],
  deleteVisit: [['v9'], { id: 'v9' }],
  demandFromVisit: [['v9', { title: '路灯不亮' }], { visitId: 'v9', input: { title: '路灯不亮' } }],
  listDemands: [[{
    status: 'assigned', level: 'county', departmentId: 'd1', source: 'visit', overdueOnly: true, period: '2026-11', text: '路灯',
  }], {
    query: {
      status: 'assigned', level: 'county', departmentId: 'd1', source: 'visit', overdueOnly: true, period: '2026-11', text: '路灯',
    },
  }],
  getDemand: [['q1'], { id: 'q1' }],
  createDemand: [[{ title: '路灯不亮' }], { input: { title: '路灯不亮' } }],
  updateDemand: [['q1', { title: '路灯不亮' }], { id: 'q1', input: { title: '路灯不亮' } }],
  deleteDemand: [['q1'], { id: 'q1' }],
  moveDemand: [['q1', { to: 'called_back', date: '2026-04-01', reason: '', departmentId: '', result: '', satisfaction: 'satisfied' }],
    { id: 'q1', to: 'called_back', date: '2026-04-01', reason: '', departmentId: '', result: '', satisfaction: 'satisfied' }],
  redateDemandStep: [['q1', '2026-11-21', 3], { id: 'q1', date: '2026-11-21', index: 3 }],
  escalateDemand: [['q1', { level: 'county', date: '2026-03-05', reason: '本级无法解决' }],
    { id: 'q1', level: 'county', date: '2026-03-05', reason: '本级无法解决' }],
  revealDemandPhone: [['q1'], { id: 'q1' }],
  demandStats: [['2026Q4'], { period: '2026Q4' }],
  receivedDemands: [[], undefined],
  listWorkingGroups: [[], undefined],
  createWorkingGroup: [[{ name: '小区治理专项工作组' }], { input: { name: '小区治理专项工作组' } }],
  updateWorkingGroup: [['g1', { name: '网格治理专项工作组' }], { id: 'g1', input: { name: '网格治理专项工作组' } }],
  deleteWorkingGroup: [['g1'], { id: 'g1' }],
  listWorkingMeetings: [['g1'], { groupId: 'g1' }],
  createWorkingMeeting: [[{ groupId: 'g1', heldOn: '2026-03-10' }], { input: { groupId: 'g1', heldOn: '2026-03-10' } }],
  updateWorkingMeeting: [['w1', { topics: 'x' }], { id: 'w1', input: { topics: 'x' } }],
  deleteWorkingMeeting: [['w1'], { id: 'w1' }],
  listDutyItems: [[], undefined],
  createDutyItem: [[{ list: 'basic', name: '矛盾纠纷排查化解' }], { input: { list: 'basic', name: '矛盾纠纷排查化解' } }],
  updateDutyItem: [['i1', { name: 'x' }], { id: 'i1', input: { name: 'x' } }],
  deleteDutyItem: [['i1'], { id: 'i1' }],
  listGridMatters: [[], undefined],
  createGridMatter: [[{ category: '联系群众', name: '入户走访' }], { input: { category: '联系群众', name: '入户走访' } }],
  updateGridMatter: [['m1', { name: 'x' }], { id: 'm1', input: { name: 'x' } }],
  deleteGridMatter: [['m1'], { id: 'm1' }],
  listGridMatterClaims: [[], undefined],
  gridMatterClaimMatrix: [[], undefined],
  createGridMatterClaim: [[{ villageId: 'v1', matterId: 'm1', claimedOn: '2025-03-01' }],
    { input: { villageId: 'v1', matterId: 'm1', claimedOn: '2025-03-01' } }],
  updateGridMatterClaim: [['c1', { claimedOn: '2025-03-02' }], { id: 'c1', input: { claimedOn: '2025-03-02' } }],
  deleteGridMatterClaim: [['c1'], { id: 'c1' }],
  gridMatterLoad: [['2026-01-01'], { asOf: '2026-01-01' }],
  gridMatterLoadSummary: [[], undefined],
  listTrainingSessions: [[], undefined],
  createTrainingSession: [[{ topic: '社区治理' }], { input: { topic: '社区治理' } }],
  updateTrainingSession: [['t1', { topic: 'x' }], { id: 't1', input: { topic: 'x' } }],
  deleteTrainingSession: [['t1'], { id: 't1' }],
  listTrainingParticipants: [['t1'], { sessionId: 't1' }],
  addTrainingParticipant: [[{ sessionId: 't1', personId: 'p1' }], { input: { sessionId: 't1', personId: 'p1' } }],
  addTrainingPeople: [['t1', ['p1', 'p2']], { sessionId: 't1', personIds: ['p1', 'p2'] }],
  deleteTrainingParticipant: [['r1'], { id: 'r1' }],
  trainingCoverage: [['2026Q4'], { period: '2026Q4' }],
  personTrainingRecord: [['p1'], { personId: 'p1' }],
  listPipelineEvents: [['p1'], { personId: 'p1' }],
  addPipelineEvent: [[{ personId: 'p1', event: 'recruited' }], { input: { personId: 'p1', event: 'recruited' } }],
  deletePipelineEvent: [['e1'], { id: 'e1' }],
  pipelineSummary: [[], undefined],
  listTasks: [['2026-11'], { month: '2026-11' }],
  createTask: [[{ code: '3', title: '推进网格化管理', lead: '区委社会工作部' }],
    { input: { code: '3', title: '推进网格化管理', lead: '区委社会工作部' } }],
  updateTask: [['t1', { deadline: '2026年12月底' }], { id: 't1', input: { deadline: '2026年12月底' } }],
  deleteTask: [['t1'], { id: 't1' }],
  taskProgress: [['t1'], { taskId: 't1' }],
  saveTaskProgress: [[{ taskId: 't1', month: '2026-11', status: 'on_track', progress: '已完成选址' }],
    { input: { taskId: 't1', month: '2026-11', status: 'on_track', progress: '已完成选址' } }],
  deleteTaskProgress: [['p1'], { id: 'p1' }],
  listTasksBelow: [['2026-11'], { month: '2026-11' }],
  exportTasksBelow: [['2026-11', '/tmp/下级月调度进展.xlsx'], { month: '2026-11', path: '/tmp/下级月调度进展.xlsx' }],
  listAdmissions: [[{ step: 'entered', overdue: true }], { query: { step: 'entered', overdue: true } }],
  admissionCounts: [[], undefined],
  createAdmission: [[{ department: '区民政局', matter: '低保入户核查' }], { input: { department: '区民政局', matter: '低保入户核查' } }],
  updateAdmission: [['a1', { matter: 'x' }], { id: 'a1', input: { matter: 'x' } }],
  deleteAdmission: [['a1'], { id: 'a1' }],
  moveAdmission: [['a1', { to: 'reviewed', date: '2026-11-02', opinion: '同意' }],
    { id: 'a1', step: { to: 'reviewed', date: '2026-11-02', opinion: '同意' } }],
  listDutyListVersions: [[], undefined],
  dutyListVersion: [['v1'], { id: 'v1' }],
  compareDutyListVersions: [['v1', 'v2'], { from: 'v1', to: 'v2' }],
  pendingDutyListChanges: [['basic'], { list: 'basic' }],
  publishDutyListVersion: [[{ list: 'basic', version: '2026版', publishedOn: '2026-03-01' }],
    { input: { list: 'basic', version: '2026版', publishedOn: '2026-03-01' } }],
  dutyCatalogue: [[], undefined],
  listCleanupEntries: [['plaques'], { register: 'plaques' }],
  createCleanupEntry: [['plaques', { name: '老年协会' }], { register: 'plaques', input: { name: '老年协会' } }],
  updateCleanupEntry: [['plaques', 'e1', { name: 'x' }], { register: 'plaques', id: 'e1', input: { name: 'x' } }],
  deleteCleanupEntry: [['plaques', 'e1'], { register: 'plaques', id: 'e1' }],
  listRechecks: [['plaques'], { register: 'plaques' }],
  createRecheck: [[{ entryId: 'e1', rebound: true }], { input: { entryId: 'e1', rebound: true } }],
  updateRecheck: [['c1', { found: 'x' }], { id: 'c1', input: { found: 'x' } }],
  deleteRecheck: [['c1'], { id: 'c1' }],
  listIndicators: [[], undefined],
  createIndicator: [[{ code: 'P01' }], { input: { code: 'P01' } }],
  updateIndicator: [['i1', { points: '8' }], { id: 'i1', input: { points: '8' } }],
  deleteIndicator: [['i1'], { id: 'i1' }],
  installDefaultIndicators: [[], undefined],
  listIndicatorVersions: [[], undefined],
  getIndicatorVersion: [[2], { version: 2 }],
  scoreTable: [['2026'], { period: '2026' }],
  exportScoreXlsx: [['/tmp/s.xlsx', '2026'], { path: '/tmp/s.xlsx', period: '2026' }],
  listManualScores: [['2026'], { period: '2026' }],
  setManualScore: [[{ indicatorCode: 'P02', score: '3' }], { input: { indicatorCode: 'P02', score: '3' } }],
  deleteManualScore: [['s1'], { id: 's1' }],
  listAssessmentResults: [[], undefined],
  createAssessmentResult: [[{ kind: 'award' }], { input: { kind: 'award' } }],
  updateAssessmentResult: [['r1', { title: 'x' }], { id: 'r1', input: { title: 'x' } }],
  deleteAssessmentResult: [['r1'], { id: 'r1' }],
  listRectificationItems: [[], undefined],
  createRectificationItem: [[{ item: '补齐记录' }], { input: { item: '补齐记录' } }],
  updateRectificationItem: [['x1', { doneOn: '2026-12-01' }], { id: 'x1', input: { doneOn: '2026-12-01' } }],
  deleteRectificationItem: [['x1'], { id: 'x1' }],
  listOutpostEvaluations: [[], undefined],
  createOutpostEvaluation: [[{ department: '区城管局' }], { input: { department: '区城管局' } }],
  updateOutpostEvaluation: [['o1', { score: '90' }], { id: 'o1', input: { score: '90' } }],
  deleteOutpostEvaluation: [['o1'], { id: 'o1' }],
  listReceivedOutpostEvaluations: [[], undefined],
  listInspectors: [[], undefined],
  createInspector: [[{ name: '丙' }], { input: { name: '丙' } }],
  updateInspector: [['p1', { name: '丁' }], { id: 'p1', input: { name: '丁' } }],
  deleteInspector: [['p1'], { id: 'p1' }],
  listSamples: [[], undefined],
  previewSample: [[{ quarter: '2026Q4', number: '2741' }], { input: { quarter: '2026Q4', number: '2741' } }],
  drawSample: [[{ quarter: '2026Q4', number: '2741' }], { input: { quarter: '2026Q4', number: '2741' } }],
  verifySample: [['s1'], { id: 's1' }],
  sampleNotice: [['2026Q4'], { quarter: '2026Q4' }],
  inspectionChecklist: [[], undefined],
  listInspections: [[], undefined],
  createInspection: [[{ unitId: 'u1' }], { input: { unitId: 'u1' } }],
  updateInspection: [['n1', { date: '2026-11-20' }], { id: 'n1', input: { date: '2026-11-20' } }],
  deleteInspection: [['n1'], { id: 'n1' }],
  gridInspectionProgress: [['2026H2'], { half: '2026H2' }],
  listQuestionnaires: [[], undefined],
  createQuestionnaire: [[{ title: '测评' }], { input: { title: '测评' } }],
  updateQuestionnaire: [['q1', { title: '测评' }], { id: 'q1', input: { title: '测评' } }],
  deleteQuestionnaire: [['q1'], { id: 'q1' }],
  questionnaireResults: [['q1'], { questionnaireId: 'q1' }],
  listQuestionnaireResponses: [['q1'], { questionnaireId: 'q1', communityId: null }],
  createQuestionnaireResponse: [[{ number: '1' }], { input: { number: '1' } }],
  updateQuestionnaireResponse: [['r1', { number: '1' }], { id: 'r1', input: { number: '1' } }],
  deleteQuestionnaireResponse: [['r1'], { id: 'r1' }],
  listCallbacks: [[], undefined],
  callbackSummary: [['2026Q4'], { period: '2026Q4' }],
  createCallback: [[{ personName: '孙八' }], { input: { personName: '孙八' } }],
  updateCallback: [['c1', { personName: '孙八' }], { id: 'c1', input: { personName: '孙八' } }],
  deleteCallback: [['c1'], { id: 'c1' }],
};

// Exports of api.js that are not commands.
const NOT_COMMANDS = new Set(['normalizeError', 'onEvent', 'onImportProgress', 'onWindowShown', 'onReceiveProgress', 'onFilesDropped']);

let calls;
function fakeInvoke(result) {
  calls = [];
  globalThis.__TAURI__ = {
    core: {
      invoke: async (...a) => {
        calls.push(a);
        if (typeof result === 'function') return result(...a);
        return result;
      },
    },
  };
}

beforeEach(() => fakeInvoke('ok'));
afterEach(() => { delete globalThis.__TAURI__; });

describe('contract: docs/COMMANDS.md', () => {
  const commands = contractCommands();

  test('the contract table was found and parsed', () => {
    assert.ok(commands.length >= 15, `found ${commands.length} commands`);
    assert.deepEqual(commands.find((c) => c.name === 'move_unit').args, ['id', 'newParentId']);
  });

  for (const { name, args } of commands) {
    test(`${name}: api.${camel(name)} sends exactly { ${args.join(', ')} }`, async () => {
      const fn = api[camel(name)];
      assert.equal(typeof fn, 'function', `api.js must export ${camel(name)}`);
      const spec = CALLS[camel(name)];
      assert.ok(spec, `test table lacks ${camel(name)}`);
      const [callArgs, expected] = spec;
      const result = await fn(...callArgs);
      assert.equal(result, 'ok');
      assert.equal(calls.length, 1);
      assert.equal(calls[0][0], name);
      const sent = calls[0][1];
      const keys = Object.keys(sent ?? {});
      for (const a of args.filter((x) => !isOptional(x))) assert.ok(keys.includes(a), `${name} must send ${a}`);
      const allowed = args.map(argName);
      for (const k of keys) assert.ok(allowed.includes(k), `${name} sends ${k}, which the contract lacks`);
      // The test table's call passes every optional argument too: all of them go out.
      assert.deepEqual([...keys].sort(), [...allowed].sort());
      if (expected !== undefined) assert.deepEqual(sent, expected);
    });
  }

  test('api.js exports no command the contract lacks', () => {
    const names = new Set(commands.map((c) => camel(c.name)));
    const extra = Object.keys(api).filter((k) => !NOT_COMMANDS.has(k) && !names.has(k));
    assert.deepEqual(extra, []);
  });
});

describe('contract parser', () => {
  const cases = [
    ['–', []],
    ['{ id }', ['id']],
    ['{ id, newParentId }', ['id', 'newParentId']],
    ['{ input: { department, name, note } }', ['input']],
    ['{ id, field: "idNumber"|"phone" }', ['id', 'field']],
    ['{ id, baseGridId, mergedOn: "" or "2026-03-01" }', ['id', 'baseGridId', 'mergedOn']],
    ['{ query: PersonQuery, unmasked: bool, path }', ['query', 'unmasked', 'path']],
    ['{ title, defaultName, kind? }', ['title', 'defaultName', 'kind?']],
    ['{ paths, force: bool }', ['paths', 'force']],
    ['{ committeeId ("" = all), period ("" = all, or 2026, 2026Q4, 2026-11, from..to by 会议日期) }', ['committeeId', 'period']],
    ['{ id, status: "open"|"done", doneOn: ""|date }', ['id', 'status', 'doneOn']],
    ['{ id, to, date: ""|date, reason, score: int|null, evaluation }', ['id', 'to', 'date', 'reason', 'score', 'evaluation']],
    ['{ title, kind? }', ['title', 'kind?']],
  ];
  for (const [text, keys] of cases) {
    test(text, () => assert.deepEqual(topLevelKeys(text), keys));
  }

  test('a | inside the args code span does not end the cell', () => {
    assert.deepEqual(commandRow('| `set_follow_up_status` | `{ id, status: "open"|"done", doneOn: ""|date }` | `FollowUp` |'),
      { name: 'set_follow_up_status', args: ['id', 'status', 'doneOn'] });
    assert.deepEqual(commandRow('| `app_status` | – | `AppStatus` |'), { name: 'app_status', args: [] });
    assert.equal(commandRow('| command | args | result |'), null);
  });

  test('the party and co-building commands are in the contract', () => {
    const cmds = contractCommands();
    const names = cmds.map((c) => c.name);
    for (const n of ['sanliang_list', 'move_project', 'set_follow_up_status', 'export_party_xlsx', 'open_attachment']) {
      assert.ok(names.includes(n), n);
    }
    assert.deepEqual(cmds.find((c) => c.name === 'move_project').args, ['id', 'to', 'date', 'reason', 'score', 'evaluation']);
    assert.deepEqual(cmds.find((c) => c.name === 'list_joint_meetings').args, ['committeeId', 'period']);
  });

  test('the contact-point, demand and coordination commands are in the contract', () => {
    const cmds = contractCommands();
    const names = cmds.map((c) => c.name);
    for (const n of ['contact_options', 'contact_coverage', 'demand_from_visit', 'move_demand', 'escalate_demand', 'demand_stats',
      'list_working_meetings']) {
      assert.ok(names.includes(n), n);
    }
    assert.deepEqual(cmds.find((c) => c.name === 'move_demand').args,
      ['id', 'to', 'date', 'reason', 'departmentId', 'result', 'satisfaction']);
    assert.deepEqual(cmds.find((c) => c.name === 'list_visits').args, ['contactPointId']);
  });

  test('the people commands are in the contract', () => {
    const names = contractCommands().map((c) => c.name);
    for (const n of ['list_people', 'import_commit', 'grid_coverage', 'set_business_grid_mapping']) {
      assert.ok(names.includes(n), n);
    }
  });
});

describe('argument details', () => {
  test('suggestUnitCode sends parentId null for a village', async () => {
    await api.suggestUnitCode('village');
    assert.deepEqual(calls[0], ['suggest_unit_code', { kind: 'village', parentId: null }]);
  });

  test('setBusinessGridMapping sends an empty mergedOn when none is given', async () => {
    await api.setBusinessGridMapping('b1', 'g1');
    assert.deepEqual(calls[0], ['set_business_grid_mapping', { id: 'b1', baseGridId: 'g1', mergedOn: '' }]);
  });

  test('exportPeopleXlsx always sends unmasked as a boolean', async () => {
    await api.exportPeopleXlsx({ role: '' }, undefined, 'a.xlsx');
    assert.equal(calls[0][1].unmasked, false);
  });

  test('chooseSaveFile leaves kind out unless given (xlsx is the default)', async () => {
    await api.chooseSaveFile('导出', 'a.xlsx');
    assert.deepEqual(calls[0], ['choose_save_file', { title: '导出', defaultName: 'a.xlsx' }]);
    await api.chooseSaveFile('导出交换文件', 'a.zip', 'zip');
    assert.deepEqual(calls[1], ['choose_save_file', { title: '导出交换文件', defaultName: 'a.zip', kind: 'zip' }]);
  });

  test('receivePackages sends an array of paths and force as a boolean', async () => {
    await api.receivePackages(new Set(['a.zip']));
    assert.deepEqual(calls[0], ['receive_packages', { paths: ['a.zip'], force: false }]);
    await api.receivePackages(undefined, 1);
    assert.deepEqual(calls[1], ['receive_packages', { paths: [], force: true }]);
  });

  test('chooseOpenFile leaves kind out unless given (spreadsheets are the default)', async () => {
    await api.chooseOpenFile('选择要导入的文件');
    assert.deepEqual(calls[0], ['choose_open_file', { title: '选择要导入的文件' }]);
    await api.chooseOpenFile('选择照片', 'any');
    assert.deepEqual(calls[1], ['choose_open_file', { title: '选择照片', kind: 'any' }]);
  });

  test('booleans of the party lists are sent as booleans', async () => {
    await api.sanliangList();
    await api.listFollowUps(0);
    assert.deepEqual(calls[0], ['sanliang_list', { onlyMissing: false }]);
    assert.deepEqual(calls[1], ['list_follow_ups', { onlyOpen: false }]);
  });

  test('empty filters and dates are sent as ""', async () => {
    await api.listJointMeetings();
    await api.listJointMeetings('k1', 2026);
    await api.setFollowUpStatus('f1', 'open');
    await api.claimProject('p1', 'u1');
    await api.setBranchPhoto('c1');
    assert.deepEqual(calls[0], ['list_joint_meetings', { committeeId: '', period: '' }]);
    assert.deepEqual(calls[1], ['list_joint_meetings', { committeeId: 'k1', period: '2026' }]);
    assert.deepEqual(calls[2], ['set_follow_up_status', { id: 'f1', status: 'open', doneOn: '' }]);
    assert.deepEqual(calls[3], ['claim_project', { id: 'p1', partnerUnitId: 'u1', claimedOn: '' }]);
    assert.deepEqual(calls[4], ['set_branch_photo', { compoundId: 'c1', path: '' }]);
  });

  test('listProjects fills every ProjectQuery key ("" = all)', async () => {
    await api.listProjects({ partnerUnitId: 'u1' });
    await api.listProjects();
    const all = { villageId: '', partnerUnitId: '', status: '', period: '', text: '' };
    assert.deepEqual(calls[0], ['list_projects', { query: { ...all, partnerUnitId: 'u1' } }]);
    assert.deepEqual(calls[1], ['list_projects', { query: all }]);
  });

  test('moveProject sends every argument; score null unless given', async () => {
    await api.moveProject('p1', { to: 'claimed' });
    assert.deepEqual(calls[0], ['move_project', { id: 'p1', to: 'claimed', date: '', reason: '', score: null, evaluation: '' }]);
    await api.moveProject('p1', { to: 'open', date: '2026-03-02', reason: '单位撤回认领' });
    assert.deepEqual(calls[1][1], { id: 'p1', to: 'open', date: '2026-03-02', reason: '单位撤回认领', score: null, evaluation: '' });
  });

  test('listDemands fills every DemandQuery key ("" = all, overdueOnly a boolean)', async () => {
    await api.listDemands({ departmentId: 7, period: 2026 });
    await api.listDemands();
    const all = { status: '', level: '', departmentId: '', source: '', overdueOnly: false, period: '', text: '' };
    assert.deepEqual(calls[0], ['list_demands', { query: { ...all, departmentId: '7', period: '2026' } }]);
    assert.deepEqual(calls[1], ['list_demands', { query: all }]);
  });

  test('moveDemand sends every argument as a string ("" unless given)', async () => {
    await api.moveDemand('q1', { to: 'in_progress' });
    assert.deepEqual(calls[0], ['move_demand', {
      id: 'q1', to: 'in_progress', date: '', reason: '', departmentId: '', result: '', satisfaction: '',
    }]);
    await api.moveDemand('q1', { to: 'assigned', date: '2026-03-02', departmentId: 7 });
    assert.deepEqual(calls[1][1], {
      id: 'q1', to: 'assigned', date: '2026-03-02', reason: '', departmentId: '7', result: '', satisfaction: '',
    });
    await api.moveDemand('q1', { to: 'accepted', reason: '部门退回', departmentId: null, satisfaction: null });
    assert.equal(calls[2][1].departmentId, '');
    assert.equal(calls[2][1].satisfaction, '');
  });

  test('escalateDemand sends level, date and reason', async () => {
    await api.escalateDemand('q1', { level: 'city' });
    assert.deepEqual(calls[0], ['escalate_demand', { id: 'q1', level: 'city', date: '', reason: '' }]);
  });

  test('visits and working meetings of every point / group are asked with ""', async () => {
    await api.listVisits();
    await api.listWorkingMeetings(null);
    await api.listVisits(12);
    assert.deepEqual(calls[0], ['list_visits', { contactPointId: '' }]);
    assert.deepEqual(calls[1], ['list_working_meetings', { groupId: '' }]);
    assert.deepEqual(calls[2], ['list_visits', { contactPointId: '12' }]);
  });

  test('the tasks of the current month are asked with month ""', async () => {
    await api.listTasks();
    await api.listTasks(null);
    await api.listTasks('2026-10');
    assert.deepEqual(calls.map((c) => c[1]), [{ month: '' }, { month: '' }, { month: '2026-10' }]);
  });

  test('the offices below in the current month are asked with month ""', async () => {
    await api.listTasksBelow();
    await api.listTasksBelow(null);
    await api.listTasksBelow('2026-10');
    assert.deepEqual(calls.map((c) => [c[0], c[1]]),
      [['list_tasks_below', { month: '' }], ['list_tasks_below', { month: '' }], ['list_tasks_below', { month: '2026-10' }]]);
  });

  test('listReceiptLog defaults to the first 50', async () => {
    await api.listReceiptLog();
    assert.deepEqual(calls[0], ['list_receipt_log', { limit: 50, offset: 0 }]);
  });

  test('listChangeLog defaults to the first 50', async () => {
    await api.listChangeLog();
    assert.deepEqual(calls[0], ['list_change_log', { limit: 50, offset: 0 }]);
  });

  test('setupOffice sends only level, code and name', async () => {
    await api.setupOffice({ level: 'city', code: '320100000000', name: '南京市', extra: 'x' });
    assert.deepEqual(calls[0][1], { level: 'city', code: '320100000000', name: '南京市' });
  });

  test('results are passed through untouched', async () => {
    const units = [{ id: 1, name: '<b>x</b>' }];
    fakeInvoke(units);
    assert.equal(await api.listUnits(), units);
  });
});

describe('onImportProgress', () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));
  function fakeEvents() {
    const state = { handlers: [], unlistened: 0, names: [] };
    globalThis.__TAURI__ = {
      core: { invoke: async () => null },
      event: {
        listen: async (name, handler) => {
          state.names.push(name);
          state.handlers.push(handler);
          return () => { state.unlistened += 1; };
        },
      },
    };
    return state;
  }

  test('passes each event payload to the callback', async () => {
    const ev = fakeEvents();
    const seen = [];
    const stop = api.onImportProgress((p) => seen.push(p));
    await tick();
    assert.deepEqual(ev.names, ['import-progress']);
    ev.handlers[0]({ event: 'import-progress', payload: { done: 20, total: 50 } });
    ev.handlers[0]({ event: 'import-progress', payload: { done: 50, total: 50 } });
    assert.deepEqual(seen, [{ done: 20, total: 50 }, { done: 50, total: 50 }]);
    stop();
    assert.equal(ev.unlistened, 1);
    stop();
    assert.equal(ev.unlistened, 1, 'unsubscribing twice is harmless');
  });

  test('unsubscribing before the listener is registered still unlistens and drops events', async () => {
    const ev = fakeEvents();
    const seen = [];
    const stop = api.onImportProgress((p) => seen.push(p));
    stop();
    await tick();
    await tick();
    assert.equal(ev.unlistened, 1);
    ev.handlers[0]?.({ payload: { done: 1, total: 1 } });
    assert.deepEqual(seen, []);
  });

  test('without the event API it returns a no-op', () => {
    globalThis.__TAURI__ = { core: { invoke: async () => null } };
    const stop = api.onImportProgress(() => {});
    assert.equal(typeof stop, 'function');
    stop();
  });

  test('onReceiveProgress listens to receive-progress and passes { done, total, fileName }', async () => {
    const ev = fakeEvents();
    const seen = [];
    const stop = api.onReceiveProgress((p) => seen.push(p));
    await tick();
    assert.deepEqual(ev.names, ['receive-progress']);
    ev.handlers[0]({ event: 'receive-progress', payload: { done: 1, total: 3, fileName: '青溪街道.zip' } });
    assert.deepEqual(seen, [{ done: 1, total: 3, fileName: '青溪街道.zip' }]);
    stop();
    assert.equal(ev.unlistened, 1);
  });
});

describe('normalizeError', () => {
  const cases = [
    ['backend error is kept', { kind: 'validation', message: '请填写名称。', field: 'name' },
      { kind: 'validation', message: '请填写名称。', field: 'name' }],
    ['field is optional', { kind: 'refused', message: '有下级' }, { kind: 'refused', message: '有下级' }],
    ['empty field dropped', { kind: 'conflict', message: 'm', field: '' }, { kind: 'conflict', message: 'm' }],
    ['extra keys dropped', { kind: 'io', message: 'm', stack: 's' }, { kind: 'io', message: 'm' }],
    ['plain string', 'command list_units not found', { kind: 'internal', message: 'command list_units not found' }],
    ['empty kind', { kind: '', message: 'm' }, { kind: 'internal', message: 'm' }],
    ['object without kind', { message: '坏了' }, { kind: 'internal', message: '坏了' }],
    ['Error object', new TypeError('boom'), { kind: 'internal', message: 'TypeError: boom' }],
    ['number', 42, { kind: 'internal', message: '42' }],
    ['undefined', undefined, { kind: 'internal', message: 'undefined' }],
  ];
  for (const [label, input, expected] of cases) {
    test(label, () => assert.deepEqual(api.normalizeError(input), expected));
  }

  test('a kind without a message gets a Chinese message', () => {
    const e = api.normalizeError({ kind: 'storage' });
    assert.equal(e.kind, 'storage');
    assert.match(e.message, /[\u4e00-\u9fff]/);
  });
});

describe('rejections are normalised', () => {
  const rejections = [
    ['string', 'boom', { kind: 'internal', message: 'boom' }],
    ['backend', { kind: 'not_found', message: '记录不存在' }, { kind: 'not_found', message: '记录不存在' }],
    ['Error', new Error('x'), { kind: 'internal', message: 'Error: x' }],
  ];
  for (const [label, rejection, expected] of rejections) {
    test(label, async () => {
      fakeInvoke(() => { throw rejection; });
      await assert.rejects(api.deleteUnit(1), (e) => {
        assert.deepEqual(e, expected);
        return true;
      });
    });
  }

  test('a synchronous throw from invoke is normalised too', async () => {
    globalThis.__TAURI__ = { core: { invoke: () => { throw 'sync'; } } };
    await assert.rejects(api.listUnits(), { kind: 'internal', message: 'sync' });
  });

  test('without the Tauri runtime every call rejects with a Chinese internal error', async () => {
    delete globalThis.__TAURI__;
    await assert.rejects(api.appStatus(), (e) => {
      assert.equal(e.kind, 'internal');
      assert.match(e.message, /[\u4e00-\u9fff]/);
      return true;
    });
  });
});
