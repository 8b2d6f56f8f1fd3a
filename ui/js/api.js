// The only module that talks to the backend. One async function per command in
// docs/COMMANDS.md: declared by `command(name, ...argNames)` where the arguments go
// as they come, written out where they are shaped first. Every rejection is
// normalised to { kind, message, field? }.

const NO_RUNTIME_MESSAGE = '未检测到桌面程序运行环境。请从“基层治理台账”程序中打开，而不是用浏览器直接打开页面。';

/** Turn anything a command may reject with into { kind, message, field? }. */
export function normalizeError(e) {
  if (e && typeof e === 'object' && typeof e.kind === 'string' && e.kind !== '') {
    const out = {
      kind: e.kind,
      message: typeof e.message === 'string' && e.message !== ''
        ? e.message
        : '操作没有成功，请重试。如果一直不成功，请联系技术支持。',
    };
    if (typeof e.field === 'string' && e.field !== '') out.field = e.field;
    // Every field's problem when a form was checked whole (人员: all at once).
    if (Array.isArray(e.problems)) {
      const problems = e.problems
        .filter((p) => p && typeof p.field === 'string' && typeof p.message === 'string' && p.message !== '')
        .map((p) => ({ field: p.field, message: p.message }));
      if (problems.length) out.problems = problems;
    }
    return out;
  }
  if (typeof e === 'string') return { kind: 'internal', message: e };
  if (e && typeof e === 'object' && !(e instanceof Error)
      && typeof e.message === 'string' && e.message !== '') {
    return { kind: 'internal', message: e.message };
  }
  return { kind: 'internal', message: String(e) };
}

function resolveInvoke() {
  const invoke = globalThis.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw { kind: 'internal', message: NO_RUNTIME_MESSAGE };
  }
  return invoke;
}

async function call(command, args) {
  try {
    const invoke = resolveInvoke();
    return args === undefined ? await invoke(command) : await invoke(command, args);
  } catch (e) {
    throw normalizeError(e);
  }
}

/**
 * The function of a command that takes its arguments as they come:
 * `command('get_person', 'id')` is `(id) => call('get_person', { id })`. An argument
 * left out is sent as null (what a missing optional argument means to the core).
 */
function command(name, ...argNames) {
  if (argNames.length === 0) return async () => call(name);
  return async (...values) => call(name, Object.fromEntries(argNames.map((a, i) => [a, values[i] ?? null])));
}

/**
 * → KindCatalog { kinds: [{ table, label, imports, exports, reportKeys, travels, evidence: null | { travels } }],
 * tableLabels: [[table, label]], imports: [{ name, aliases, label, unit, templateName,
 * example }], exports: [{ name, fileName, hint, lead, columns, after, periodBy|null }], figureLabels, receiptOutcomes,
 * refusalReasons, opLabels: [[key, label]], fieldLabels, otherFieldLabels, valueLabels,
 * unitKinds: [{ value, label, parents: [kind|null] }], officeLevels: [[value, label]],
 * leaderLinks: [[level, value, label]], contactTargets: [unit kind], roles: [{ value, label, unitKinds, unitPhrase }] }:
 * every record kind as the core declares it, the names of figures and receipts, and the
 * rules the window draws by (core/src/kinds.rs). Loaded once at start (main.js) into
 * labels.js and importing.js.
 */
export const kindCatalog = command('kind_catalog');

/** → AppStatus */
export const appStatus = command('app_status');
export const restartApp = command('restart_app');

/** name → the name now written as 操作人 ('' → 本机) */
export const setOperator = command('set_operator', 'name');

/** { level, code, name } → Office */
export async function setupOffice({ level, code, name }) {
  return call('setup_office', { level, code, name });
}

/** → [Unit] (flat) */
export const listUnits = command('list_units');

/** UnitInput → Unit */
export const createUnit = command('create_unit', 'input');

/** (id, UnitInput) → Unit */
export const updateUnit = command('update_unit', 'id', 'input');

/** (id, newParentId) → Unit */
export const moveUnit = command('move_unit', 'id', 'newParentId');

/** id → RecycleEntry */
export const deleteUnit = command('delete_unit', 'id');

/** (id, {dissolvedOn, note}) → DissolvedUnit: 撤销 a unit on a day (网格划分调整) */
export const dissolveUnit = command('dissolve_unit', 'id', 'input');

/** id → string|null: why dissolve_unit would refuse the unit now (asked before the question) */
export const unitDissolveRefusal = command('unit_dissolve_refusal', 'id');

/** id → Unit: a 撤销 taken back */
export const reinstateUnit = command('reinstate_unit', 'id');

/** () → [DissolvedUnit]: the units 撤销, latest first */
export const listDissolvedUnits = command('list_dissolved_units');

/** id → string|null: why delete_unit would refuse the unit now (asked before the question) */
export const unitDeleteRefusal = command('unit_delete_refusal', 'id');

/** (kind, parentId|null, areaType?) → string; a 村 (areaType 'rural') is numbered from 200 */
export async function suggestUnitCode(kind, parentId, areaType) {
  return call('suggest_unit_code', areaType ? { kind, parentId: parentId ?? null, areaType } : { kind, parentId: parentId ?? null });
}

/** → [RecycleEntry] newest first */
export const listRecycleBin = command('list_recycle_bin');

/** entryId → null */
export const restoreRecycled = command('restore_recycled', 'entryId');
export const purgeRecycled = command('purge_recycled', 'entryId');

/** entryId → { tableName, record, names }: a deleted record, masked, before it is restored */
export const recycledRecord = command('recycled_record', 'entryId');

/** ({ limit, offset, table?, text? }) → [ChangeRow] newest first, of one kind's table when
 * named, of the rows whose record holds `text` when given */
export async function listChangeLog({ limit = 50, offset = 0, table = '', text = '' } = {}) {
  const args = { limit, offset };
  if (table) args.table = table;
  if (text.trim()) args.text = text.trim();
  return call('list_change_log', args);
}

/** → [BackupInfo] newest first */
export const listBackups = command('list_backups');

/** → BackupInfo */
export const backupNow = command('backup_now');

/** path → BackupInfo of a backup file chosen anywhere, checked before the restore question */
export const inspectBackup = command('inspect_backup', 'path');

/** (fileName, confirm?) → { safetyBackup: BackupInfo, missingFiles, missingAdvice }; fileName: a listed backup's name or a backup file's full path */
export const restoreBackup = command('restore_backup', 'fileName', 'confirm');

/** → CheckReport */
export const checkDatabase = command('check_database');

// ---------- people registry (人员) ----------

/** → PeopleOptions */
export const peopleOptions = command('people_options');

/** PersonQuery → Page */
export const listPeople = command('list_people', 'query');

/** PersonQuery → [id]: every person the query matches, on every page (选择全部符合条件的) */
export const matchingPeopleIds = command('matching_people_ids', 'query');

/** id → Person (full ID number and phone) */
export const getPerson = command('get_person', 'id');

/** id → [HistoryEvent] oldest first */
export const personHistory = command('person_history', 'id');
export const redatePersonChange = command('redate_person_change', 'id', 'eventId', 'date');

/** PersonInput → Saved */
export const createPerson = command('create_person', 'input');

/** (id, PersonInput) → Saved */
export const updatePerson = command('update_person', 'id', 'input');

/** id → RecycleEntry */
export const deletePerson = command('delete_person', 'id');

/** (id) → string | null: why the person cannot be deleted now (asked before 确定删除) */
export const personDeleteBlocked = command('person_delete_blocked', 'id');

/** (id, "idNumber"|"phone") → string (full value) */
export const revealPersonField = command('reveal_person_field', 'id', 'field');

// ---------- files, import, export ----------

/**
 * (title, kind?) → path or null (system open dialog). Without `kind`: .xlsx/.xls/.csv
 * (files to import); kind 'any': any file (evidence photos, PDF, Office documents).
 */
export async function chooseOpenFile(title, kind) {
  return call('choose_open_file', kind ? { title, kind } : { title });
}

/**
 * (title, defaultName, kind?) → path or null (system save dialog). `kind` is
 * 'xlsx' (the default, also when left out) or 'zip' (an exchange package).
 */
export async function chooseSaveFile(title, defaultName, kind) {
  return call('choose_save_file', kind ? { title, defaultName, kind } : { title, defaultName });
}

/** (kind, path) → null: writes an empty import template */
export const importTemplate = command('import_template', 'kind', 'path');

/** (kind, path, sheet?, given?) → Preview (writes nothing); sheet null = first
 * visible; given: { columnKey: value } for columns the file lacks (the training open
 * on screen gives a sign-in sheet its 培训日期 and 培训主题) */
export const importPreview = command('import_preview', 'kind', 'path', 'sheet', 'given');

/** (kind, path, sheet?, leaveOut?, given?) → Summary; progress arrives through onImportProgress */
export const importCommit = command('import_commit', 'kind', 'path', 'sheet', 'leaveOut', 'given');

/** → null: stops the running import (import_commit then rejects with `refused`) */
export const importCancel = command('import_cancel');

/** (kind, path, out, sheet?, given?) → number of rows written to the error workbook */
export const importErrorWorkbook = command('import_error_workbook', 'kind', 'path', 'out', 'sheet', 'given');

/** (PersonQuery, unmasked, path) → number of rows exported */
export async function exportPeopleXlsx(query, unmasked, path) {
  return call('export_people_xlsx', { query, unmasked: !!unmasked, path });
}

/**
 * Subscribe to a Tauri event by name. Returns an unsubscribe function that may
 * be called at once, even before Tauri has finished registering the listener.
 * Without Tauri (tests) it subscribes to nothing.
 */
export function onEvent(name, callback) {
  const listen = globalThis.__TAURI__?.event?.listen;
  if (typeof listen !== 'function') return () => {};
  let stopped = false;
  let unlisten = null;
  Promise.resolve()
    .then(() => listen(name, (e) => {
      if (!stopped) callback(e?.payload);
    }))
    .then((fn) => {
      if (typeof fn !== 'function') return;
      if (stopped) fn();
      else unlisten = fn;
    })
    .catch(() => { /* no events: progress bars simply stay indeterminate */ });
  return () => {
    stopped = true;
    if (unlisten) {
      const fn = unlisten;
      unlisten = null;
      fn();
    }
  };
}

/** `import-progress` ({ done, total }) while import_commit runs. */
export function onImportProgress(callback) {
  return onEvent('import-progress', callback);
}

/**
 * Files dropped on the window (Tauri's `tauri://drag-drop`): callback({ paths,
 * position: { x, y } in physical pixels }).
 */
export function onFilesDropped(callback) {
  return onEvent('tauri://drag-drop', callback);
}

/** `window-shown`: a second launch on this database brought this window forward. */
export function onWindowShown(callback) {
  return onEvent('window-shown', callback);
}

// ---------- 多格合一 ----------

/** → [BusinessGrid] */
export const listBusinessGrids = command('list_business_grids');

/** { department, name, note } → BusinessGrid */
export const createBusinessGrid = command('create_business_grid', 'input');

/** (id, { department, name, note }) → BusinessGrid */
export const updateBusinessGrid = command('update_business_grid', 'id', 'input');

/** id → RecycleEntry */
export const deleteBusinessGrid = command('delete_business_grid', 'id');

/** (id, baseGridId, mergedOn "" | "2026-03-01") → BusinessGrid */
export async function setBusinessGridMapping(id, baseGridId, mergedOn) {
  return call('set_business_grid_mapping', { id, baseGridId, mergedOn: mergedOn ?? '' });
}

/** (id, baseGridId) → BusinessGrid */
export const removeBusinessGridMapping = command('remove_business_grid_mapping', 'id', 'baseGridId');

/** → [BaseGridMerge] */
export const businessGridsByBaseGrid = command('business_grids_by_base_grid');

/** → Coverage */
export const gridCoverage = command('grid_coverage');

// ---------- the chain of files (交换文件), who has sent, reports, dashboard ----------

/** → PackagePreview (writes nothing) */
export const packagePreview = command('package_preview');

/**
 * (path, attachments) → Exported. path: a .zip file, or a folder (the standard
 * file name is used there); attachments: also carry the evidence files themselves.
 */
export async function exportPackage(path, attachments = false) {
  return call('export_package', { path, attachments: !!attachments });
}

/** title → [path] (several .zip files; [] when cancelled) */
export const chooseOpenPackages = command('choose_open_packages', 'title');

/** title → folder path or null */
export const chooseFolder = command('choose_folder', 'title');

/**
 * (paths, force) → [Receipt], one per file in order (a folder stands for its .zip
 * files). Progress arrives through onReceiveProgress.
 */
export async function receivePackages(paths, force) {
  return call('receive_packages', { paths: Array.from(paths ?? []), force: !!force });
}

/** `receive-progress` ({ done, total, fileName }) while receive_packages runs. */
export function onReceiveProgress(callback) {
  return onEvent('receive-progress', callback);
}

/** → Senders */
export const listSenders = command('list_senders');

/** (code, name) → ExpectedOffice (adds or renames) */
export const setExpectedOffice = command('set_expected_office', 'code', 'name');

/** code → RecycleEntry */
export const removeExpectedOffice = command('remove_expected_office', 'code');

/** → [ExpectedOffice]: every office that has sent, put on the expected list */
export const expectReceivedOffices = command('expect_received_offices');

/** → Proposals { prefix, levelBelow, rows: [{ code, name, source }] }: offices below to put on the list */
export const proposeExpectedOffices = command('propose_expected_offices');

/** [{ code, name }] → [ExpectedOffice] added or renamed (all or none; problems by line) */
export const setExpectedOffices = command('set_expected_offices', 'offices');

/** path → number of offices in the 未报单位名单 written (for 催报) */
export const exportUnsentOffices = command('export_unsent_offices', 'path');
export const exportReceivedDemands = command('export_received_demands', 'path');

/** days (1–366) → the days now set */
export const setLateDays = command('set_late_days', 'days');

/** { limit, offset } → [ReceiptLogRow] newest first */
export async function listReceiptLog({ limit = 50, offset = 0 } = {}) {
  return call('list_receipt_log', { limit, offset });
}

/** period? ('2026', '2026Q4', '2026-11', 'from..to'; this year when left out) → PeriodReport */
export async function report(period) {
  return call('report', period ? { period } : undefined);
}

/** (scope: 'own' | 'all' | a division code, key, period?) → Drill */
export async function reportDrill(scope, key, period) {
  return call('report_drill', period ? { scope, key, period } : { scope, key });
}

/** (path, period?) → null (sheet 按单位: a row per office; sheet 汇总: a row per key) */
export async function exportReportXlsx(path, period) {
  return call('export_report_xlsx', period ? { path, period } : { path });
}

/** { scope, key, period?, path } → null: one drill-down as a titled list */
export async function exportDrillXlsx({ scope, key, period, path }) {
  return call('export_drill_xlsx', period ? { scope, key, period, path } : { scope, key, path });
}

/** period? → Dashboard for the period (this year when left out) */
export async function dashboard(period) {
  return call('dashboard', period ? { period } : undefined);
}

// ---------- 党建: 三亮, committees, joint meetings, follow-ups ----------

/** → PartyOptions { categories }: suggested project categories (coded choices are the catalog's) */
export const partyOptions = command('party_options');

/** onlyMissing → Sanliang { rows: [PartyBranch], compounds, complete, rate } */
export async function sanliangList(onlyMissing) {
  return call('sanliang_list', { onlyMissing: !!onlyMissing });
}

/** (compoundId, PartyBranchInput) → PartyBranch */
export const savePartyBranch = command('save_party_branch', 'compoundId', 'input');

/** (compoundId, path) → PartyBranch; path '' removes the photo */
export async function setBranchPhoto(compoundId, path) {
  return call('set_branch_photo', { compoundId, path: path ?? '' });
}

/** → [Committee] (with members) */
export const listCommittees = command('list_committees');

/** CommitteeInput → Committee */
export const createCommittee = command('create_committee', 'input');

/** (id, CommitteeInput) → Committee */
export const updateCommittee = command('update_committee', 'id', 'input');

/** id → RecycleEntry (refused while it has members or meetings) */
export const deleteCommittee = command('delete_committee', 'id');

/** MemberInput → CommitteeMember */
export const createCommitteeMember = command('create_committee_member', 'input');

/** (id, MemberInput) → CommitteeMember */
export const updateCommitteeMember = command('update_committee_member', 'id', 'input');

/** id → RecycleEntry */
export const deleteCommitteeMember = command('delete_committee_member', 'id');

/** → PartTimeCounts { total, byCommittee, byUnit } */
export const partTimeCounts = command('part_time_counts');

/** (committeeId '' = all, period '' = all, or '2026', '2026Q4', '2026-11', 'from..to' by 会议日期) → [JointMeeting] newest first */
export async function listJointMeetings(committeeId, period) {
  return call('list_joint_meetings', {
    committeeId: committeeId == null ? '' : String(committeeId),
    period: period == null ? '' : String(period),
  });
}

/** MeetingInput → JointMeeting */
export const createJointMeeting = command('create_joint_meeting', 'input');

/** (id, MeetingInput) → JointMeeting */
export const updateJointMeeting = command('update_joint_meeting', 'id', 'input');

/** id → RecycleEntry */
export const deleteJointMeeting = command('delete_joint_meeting', 'id');

/**
 * (onlyOpen, kind?) → [FollowUp] (overdue first, then by due date); kind 'joint_meetings' or
 * 'working_meetings' lists only that kind of meeting's decisions, none lists both.
 */
export async function listFollowUps(onlyOpen, kind) {
  return call('list_follow_ups', kind ? { onlyOpen: !!onlyOpen, kind } : { onlyOpen: !!onlyOpen });
}

/** (id, 'open'|'done', doneOn '' | "2026-03-01") → FollowUp */
export async function setFollowUpStatus(id, status, doneOn) {
  return call('set_follow_up_status', { id, status, doneOn: doneOn ?? '' });
}

// ---------- 共建: partner units, projects, attachments, Excel ----------

/** → [PartnerUnit] (phones masked) */
export const listPartnerUnits = command('list_partner_units');

/** PartnerUnitInput → PartnerUnit */
export const createPartnerUnit = command('create_partner_unit', 'input');

/** (id, PartnerUnitInput) → PartnerUnit */
export const updatePartnerUnit = command('update_partner_unit', 'id', 'input');

/** id → RecycleEntry (refused while it has members or claims) */
export const deletePartnerUnit = command('delete_partner_unit', 'id');

/** id → the contact's full phone number */
export const revealPartnerPhone = command('reveal_partner_phone', 'id');

/** ProjectQuery (keys left out mean "all") → [Project] */
export async function listProjects(query) {
  const q = query ?? {};
  return call('list_projects', {
    query: {
      villageId: q.villageId ?? '',
      partnerUnitId: q.partnerUnitId ?? '',
      status: q.status ?? '',
      period: q.period == null ? '' : String(q.period),
      text: q.text ?? '',
    },
  });
}

/** id → Project */
export const getProject = command('get_project', 'id');

/** ProjectInput → Project (status 待认领) */
export const createProject = command('create_project', 'input');

/** (id, ProjectInput) → Project */
export const updateProject = command('update_project', 'id', 'input');

/** id → RecycleEntry */
export const deleteProject = command('delete_project', 'id');

/** (id, partnerUnitId, claimedOn '' | "2026-03-01") → Project */
export async function claimProject(id, partnerUnitId, claimedOn) {
  return call('claim_project', { id, partnerUnitId, claimedOn: claimedOn ?? '' });
}

/** (id, partnerUnitId) → Project */
/** (id, partnerUnitId, on?) → ProjectView; `on` dates the step back to 待认领 when it is the last claim */
export const unclaimProject = command('unclaim_project', 'id', 'partnerUnitId', 'on');

/**
 * (id, { to, date, reason, score, evaluation }) → Project. Forward one step at a
 * time; back needs a reason; 已评价 needs a score 1–5.
 */
export async function moveProject(id, { to, date, reason, score, evaluation } = {}) {
  return call('move_project', {
    id,
    to,
    date: date ?? '',
    reason: reason ?? '',
    score: score === undefined || score === '' ? null : score,
    evaluation: evaluation ?? '',
  });
}

/** (id, date) → Project: the latest step's day corrected (改日期) */
export const redateProjectStep = command('redate_project_step', 'id', 'date', 'index');

/** hash → null: opens the file with the system's viewer (not_found when it is missing) */
export const openAttachment = command('open_attachment', 'hash');

/** title → string[]: several evidence files picked in the system dialog ([] when cancelled) */
export const chooseEvidenceFiles = command('choose_evidence_files', 'title');

/** (kind, id) → Attachment[] of one record; kind is the kind's table (visits, joint_meetings, …) */
export const listAttachments = command('list_attachments', 'kind', 'id');

/** (kind, id, paths) → Attachment[]: all the files or none */
export const attachFiles = command('attach_files', 'kind', 'id', 'paths');

/** (kind, id, hash) → Attachment[] */
export const detachFile = command('detach_file', 'kind', 'id', 'hash');

/** hash → data: URL of a picture's thumbnail, or null */
export const attachmentThumbnail = command('attachment_thumbnail', 'hash');

/**
 * hash → ArrayBuffer: the content of one stored attachment for the preview (预览 of a
 * PDF or a picture); not_found for a hash the store does not hold, refused over 50 MB
 */
export const attachmentBytes = command('attachment_bytes', 'hash');

/**
 * (kind, path) → number of rows. kind: 'party-branches', 'committee-members',
 * 'joint-meetings', 'partner-units', 'projects'; also 'leaders', 'contact-points',
 * 'visits', 'departments', 'demands', 'working-groups', 'working-meetings'.
 */
export async function exportPartyXlsx(kind, path, period = '') {
  return call('export_party_xlsx', { kind, path, period: period == null ? '' : String(period) });
}

/** 导出全部台账: path → { sheets, rows } (a titled sheet per list in one workbook). */
export const exportAllXlsx = command('export_all_xlsx', 'path');

/** 打开文件 (folder false) / 打开所在文件夹 (true) of a file an export of this window wrote. */
export async function openExported(path, folder = false) {
  return call('open_exported', { path, folder: Boolean(folder) });
}

// ---------- 领导联系点: leaders, contact points, visits, coverage, departments ----------

/** → ContactOptions { categories }: suggested demand categories (coded choices are the catalog's) */
export const contactOptions = command('contact_options');

/** → [Department] */
export const listDepartments = command('list_departments');

/** DepartmentInput → Department */
export const createDepartment = command('create_department', 'input');

/** (id, DepartmentInput) → Department */
export const updateDepartment = command('update_department', 'id', 'input');

/** id → RecycleEntry (refused while demands are assigned to it) */
export const deleteDepartment = command('delete_department', 'id');

// ---------- 减负 › 三清单: the items of the three lists ----------

/** → [DutyItem] by list, then 序号 */
export const listDutyItems = command('list_duty_items');

/** DutyItemInput → DutyItem */
export const createDutyItem = command('create_duty_item', 'input');

/** (id, DutyItemInput) → DutyItem */
export const updateDutyItem = command('update_duty_item', 'id', 'input');

/** id → RecycleEntry */
export const deleteDutyItem = command('delete_duty_item', 'id');

// ---------- 减负 › 网格事项: the grid matter list, claims (认领) and load (负担) ----------

/** → [GridMatter] by category, then name, each with claimedBy */
export const listGridMatters = command('list_grid_matters');

/** GridMatterInput → GridMatter */
export const createGridMatter = command('create_grid_matter', 'input');

/** (id, GridMatterInput) → GridMatter */
export const updateGridMatter = command('update_grid_matter', 'id', 'input');

/** id → RecycleEntry (refused while a village's claim names it) */
export const deleteGridMatter = command('delete_grid_matter', 'id');

/** → [GridMatterClaim] by village code, then item */
export const listGridMatterClaims = command('list_grid_matter_claims');

/** → { matters, villages: [{ cells: [{ claimId, claimedOn } | null] }], unclaimed } */
export const gridMatterClaimMatrix = command('grid_matter_claim_matrix');

/** ClaimInput { villageId, matterId, claimedOn, remark } → GridMatterClaim */
export const createGridMatterClaim = command('create_grid_matter_claim', 'input');

/** (id, ClaimInput) → GridMatterClaim */
export const updateGridMatterClaim = command('update_grid_matter_claim', 'id', 'input');

/** id → RecycleEntry (取消认领) */
export const deleteGridMatterClaim = command('delete_grid_matter_claim', 'id');

/** 首页's figures of the grid workers' load today: { workers, sum, heaviest: { name, total, tied } } or null. */
export const gridMatterLoadSummary = command('grid_matter_load_summary');

/** asOf (YYYY-MM-DD, '' = today) → { asOf, grids, workers }, heaviest first */
export async function gridMatterLoad(asOf) {
  return call('grid_matter_load', { asOf: asOf || null });
}

// ---------- 培训 and 引育留用 (issue 16) ----------

/** → [SessionView] newest first, each with personTimes */
export const listTrainingSessions = command('list_training_sessions');

/** SessionInput → SessionView */
export const createTrainingSession = command('create_training_session', 'input');

/** (id, SessionInput) → SessionView */
export const updateTrainingSession = command('update_training_session', 'id', 'input');

/** id → RecycleEntry (refused while it has participants) */
export const deleteTrainingSession = command('delete_training_session', 'id');

/** sessionId → [ParticipantView] (ID numbers masked) */
export const listTrainingParticipants = command('list_training_participants', 'sessionId');

/** ParticipantInput → ParticipantView */
export const addTrainingParticipant = command('add_training_participant', 'input');

/** (sessionId, [personId]) → number added */
export const addTrainingPeople = command('add_training_people', 'sessionId', 'personIds');

/** id → RecycleEntry */
export const deleteTrainingParticipant = command('delete_training_participant', 'id');

/** → Coverage of this year */
export const trainingCoverage = command('training_coverage', 'period');

/** personId → PersonRecord (培训记录) */
export const personTrainingRecord = command('person_training_record', 'personId');

/** personId → [PipelineView] oldest first */
export const listPipelineEvents = command('list_pipeline_events', 'personId');

/** PipelineInput → PipelineView */
export const addPipelineEvent = command('add_pipeline_event', 'input');

/** id → RecycleEntry */
export const deletePipelineEvent = command('delete_pipeline_event', 'id');

/** → Summary of this year's pipeline */
export const pipelineSummary = command('pipeline_summary');

// ---------- 月调度: the city's task list and each task's monthly progress ----------

/** month ('YYYY-MM', '' = the current month) → TaskList { month, monthLabel, months, tasks, summary } */
export async function listTasks(month = '') {
  return call('list_tasks', { month: month ?? '' });
}

/** TaskInput { code, title, category, lead, deadline, remark } → TaskView */
export const createTask = command('create_task', 'input');

/** (id, TaskInput) → TaskView */
export const updateTask = command('update_task', 'id', 'input');

/** id → RecycleEntry (refused while the task has progress reports) */
export const deleteTask = command('delete_task', 'id');

/** taskId → [ProgressView] newest month first (the task's history) */
export const taskProgress = command('task_progress', 'taskId');

/** ProgressInput { taskId, month, status, progress, problems, nextSteps, doneOn, remark } → ProgressView (THE report of that task and month, created or updated) */
export const saveTaskProgress = command('save_task_progress', 'input');

/** id → RecycleEntry */
export const deleteTaskProgress = command('delete_task_progress', 'id');

/**
 * month ('YYYY-MM', '' = the current month) → TasksBelow { month, monthLabel, months, offices, tasks, summary }:
 * each task as the offices below (their newest files) stand in the month; a township: no offices
 */
export async function listTasksBelow(month = '') {
  return call('list_tasks_below', { month: month ?? '' });
}

/** (month, path) → rows written: 下级月调度进展 of the month, a row an office and task */
export const exportTasksBelow = command('export_tasks_below', 'month', 'path');

// ---------- 减负 › 准入: matters admitted from outside the lists ----------

/** { step, department, term, overdue, text } → [Admission] (inForce, overdueExit, moves as of today) */
export async function listAdmissions(query = {}) {
  return call('list_admissions', { query });
}

/** → { total, byStep, byDepartment, byTerm, inForce, overdueExit } */
export const admissionCounts = command('admission_counts');

/** AdmissionInput → Admission */
export const createAdmission = command('create_admission', 'input');

/** (id, AdmissionInput) → Admission */
export const updateAdmission = command('update_admission', 'id', 'input');

/** id → RecycleEntry */
export const deleteAdmission = command('delete_admission', 'id');

/** (id, { to, date, reason, opinion, approvingBody, documentNumber, exitReason }) → Admission */
export const moveAdmission = command('move_admission', 'id', 'step');

// ---------- 减负 › 清单版本: versions of the three lists, their diffs, the catalogue ----------

/** → [VersionSummary] by list, newest first (current, changes from the one before) */
export const listDutyListVersions = command('list_duty_list_versions');

/** id → DutyListVersion with its items */
export const dutyListVersion = command('duty_list_version', 'id');

/** (from id, to id) → Diff { added, removed, reworded, unchanged } */
export const compareDutyListVersions = command('compare_duty_list_versions', 'from', 'to');

/** list → Diff from its current version to its items now */
export const pendingDutyListChanges = command('pending_duty_list_changes', 'list');

/** { list, version, publishedOn, note } → VersionSummary */
export const publishDutyListVersion = command('publish_duty_list_version', 'input');

/** → [CatalogueList] each list's current version grouped by 领域 */
export const dutyCatalogue = command('duty_catalogue');

// ---------- 减负 › 专项整治: four registers (mechanisms, plaques, certificates, secondments) and 回头看 ----------

/** register → [CleanupEntry] by village/community, then name (flags as of today) */
export const listCleanupEntries = command('list_cleanup_entries', 'register');

/** (register, CleanupEntryInput) → CleanupEntry */
export const createCleanupEntry = command('create_cleanup_entry', 'register', 'input');

/** (register, id, CleanupEntryInput) → CleanupEntry */
export const updateCleanupEntry = command('update_cleanup_entry', 'register', 'id', 'input');

/** (register, id) → RecycleEntry */
export const deleteCleanupEntry = command('delete_cleanup_entry', 'register', 'id');

/** register ('' = all) → [Recheck] newest first */
export const listRechecks = command('list_rechecks', 'register');

/** RecheckInput → Recheck (rebound: true reopens the entry) */
export const createRecheck = command('create_recheck', 'input');

/** (id, RecheckInput) → Recheck (only found and remark change) */
export const updateRecheck = command('update_recheck', 'id', 'input');

/** id → RecycleEntry (refused while the entry it reopened is still open) */
export const deleteRecheck = command('delete_recheck', 'id');

// ---------- 考核: indicators, versions, scores, results, rectification, outposts ----------

/** → [Indicator] (retired too) by group, then code */
export const listIndicators = command('list_indicators');

/** IndicatorInput → Indicator (a new version of the system) */
export const createIndicator = command('create_indicator', 'input');

/** (id, IndicatorInput) → Indicator (a new version) */
export const updateIndicator = command('update_indicator', 'id', 'input');

/** id → RecycleEntry */
export const deleteIndicator = command('delete_indicator', 'id');

/** → [Indicator]: the default system (refused if there are indicators) */
export const installDefaultIndicators = command('install_default_indicators');

/** → [Version] newest first */
export const listIndicatorVersions = command('list_indicator_versions');

/** version → Version with its indicators */
export const getIndicatorVersion = command('get_indicator_version', 'version');

/** '2026' | '2026Q4' → ScoreTable */
export const scoreTable = command('score_table', 'period');

/** (path, period) → null: the score table as a workbook */
export const exportScoreXlsx = command('export_score_xlsx', 'path', 'period');

/** period → [ManualScore] */
export const listManualScores = command('list_manual_scores', 'period');

/** ManualScoreInput → ManualScore */
export const setManualScore = command('set_manual_score', 'input');

/** id → RecycleEntry: 撤销评分, the cell back to 待评分 */
export const deleteManualScore = command('delete_manual_score', 'id');

/** → [AssessmentResult] */
export const listAssessmentResults = command('list_assessment_results');

/** AssessmentResultInput → AssessmentResult */
export const createAssessmentResult = command('create_assessment_result', 'input');

/** (id, AssessmentResultInput) → AssessmentResult */
export const updateAssessmentResult = command('update_assessment_result', 'id', 'input');

/** id → RecycleEntry (refused while rectification items name it) */
export const deleteAssessmentResult = command('delete_assessment_result', 'id');

/** → [RectificationItem] open first */
export const listRectificationItems = command('list_rectification_items');

/** RectificationItemInput → RectificationItem */
export const createRectificationItem = command('create_rectification_item', 'input');

/** (id, RectificationItemInput) → RectificationItem */
export const updateRectificationItem = command('update_rectification_item', 'id', 'input');

/** id → RecycleEntry */
export const deleteRectificationItem = command('delete_rectification_item', 'id');

/** → [OutpostEvaluation] */
export const listOutpostEvaluations = command('list_outpost_evaluations');

/** OutpostEvaluationInput → OutpostEvaluation */
export const createOutpostEvaluation = command('create_outpost_evaluation', 'input');

/** (id, OutpostEvaluationInput) → OutpostEvaluation */
export const updateOutpostEvaluation = command('update_outpost_evaluation', 'id', 'input');

/** id → RecycleEntry */
export const deleteOutpostEvaluation = command('delete_outpost_evaluation', 'id');

/** → [ReceivedOutpost]: the evaluations the offices below sent up */
export const listReceivedOutpostEvaluations = command('list_received_outpost_evaluations');

// ---------- 考核 › 抽查, 检查: the roster, the quarter's draw, inspections ----------

/** → [Inspector] (考核组名单) */
export const listInspectors = command('list_inspectors');

/** InspectorInput → Inspector */
export const createInspector = command('create_inspector', 'input');

/** (id, InspectorInput) → Inspector */
export const updateInspector = command('update_inspector', 'id', 'input');

/** id → RecycleEntry */
export const deleteInspector = command('delete_inspector', 'id');

/** → [Sample] newest quarter first */
export const listSamples = command('list_samples');

/** SampleInput { quarter, rate, number } → Draw (not saved) */
export const previewSample = command('preview_sample', 'input');

/** SampleInput { quarter, rate, number, reason } → Sample (saved; a redraw needs reason) */
export const drawSample = command('draw_sample', 'input');

/** id → true when the recorded inputs give the recorded draw */
export const verifySample = command('verify_sample', 'id');

/** quarter → Notice (公示) */
export const sampleNotice = command('sample_notice', 'quarter');

/** → [{ key, label, max, hint }] */
export const inspectionChecklist = command('inspection_checklist');

/** → [Inspection] newest first */
export const listInspections = command('list_inspections');

/** InspectionInput → Inspection */
export const createInspection = command('create_inspection', 'input');

/** (id, InspectionInput) → Inspection */
export const updateInspection = command('update_inspection', 'id', 'input');

/** id → RecycleEntry */
export const deleteInspection = command('delete_inspection', 'id');



/** half ("" = this half-year, or 2026H2) → GridProgress */
export const gridInspectionProgress = command('grid_inspection_progress', 'half');

/** → [Leader] (phones masked) */
export const listLeaders = command('list_leaders');

/** LeaderInput → Leader */
export const createLeader = command('create_leader', 'input');

/** (id, LeaderInput) → Leader */
export const updateLeader = command('update_leader', 'id', 'input');

/** id → RecycleEntry (refused while it has contact points) */
export const deleteLeader = command('delete_leader', 'id');

/** id → the leader's full phone number */
export const revealLeaderPhone = command('reveal_leader_phone', 'id');

/** → [ContactPoint] */
export const listContactPoints = command('list_contact_points');

/** ContactPointInput → ContactPoint */
export const createContactPoint = command('create_contact_point', 'input');

/** (id, ContactPointInput) → ContactPoint */
export const updateContactPoint = command('update_contact_point', 'id', 'input');

/** id → RecycleEntry (refused while it has visits) */
export const deleteContactPoint = command('delete_contact_point', 'id');

/** → Coverage { rows, uncovered, villagesWithoutTownshipLeader, covered, total } */
export const contactCoverage = command('contact_coverage');

/** → [ReceivedCoverage] each office below's coverage from its file (county, city) */
export const receivedContactCoverage = command('received_contact_coverage');

/** contactPointId ('' or left out = every point) → [Visit] newest first */
export async function listVisits(contactPointId) {
  return call('list_visits', { contactPointId: contactPointId == null ? '' : String(contactPointId) });
}

/** VisitInput → Visit */
export const createVisit = command('create_visit', 'input');

/** (id, VisitInput) → Visit */
export const updateVisit = command('update_visit', 'id', 'input');

/** id → RecycleEntry */
export const deleteVisit = command('delete_visit', 'id');

// ---------- 诉求 (demands) ----------

/** (visitId, DemandInput) → Demand (source 领导联系点走访, linked both ways) */
export const demandFromVisit = command('demand_from_visit', 'visitId', 'input');

/** DemandQuery (keys left out mean "all") → [Demand] overdue first, then newest */
export async function listDemands(query) {
  const q = query ?? {};
  return call('list_demands', {
    query: {
      status: q.status ?? '',
      level: q.level ?? '',
      departmentId: q.departmentId == null ? '' : String(q.departmentId),
      source: q.source ?? '',
      overdueOnly: !!q.overdueOnly,
      period: q.period == null ? '' : String(q.period),
      text: q.text ?? '',
    },
  });
}

/** id → Demand */
export const getDemand = command('get_demand', 'id');

/** DemandInput → Demand (status 已受理) */
export const createDemand = command('create_demand', 'input');

/** (id, DemandInput) → Demand */
export const updateDemand = command('update_demand', 'id', 'input');

/** id → RecycleEntry */
export const deleteDemand = command('delete_demand', 'id');

/**
 * (id, { to, date, reason, departmentId, result, satisfaction }) → Demand. Forward one
 * step at a time (已交办 needs departmentId, 已办结 a result, 已回访 a satisfaction);
 * back needs a reason. Every argument is a string ('' when the step does not take it).
 */
export async function moveDemand(id, {
  to, date, reason, departmentId, result, satisfaction,
} = {}) {
  return call('move_demand', {
    id,
    to,
    date: date ?? '',
    reason: reason ?? '',
    departmentId: departmentId == null ? '' : String(departmentId),
    result: result ?? '',
    satisfaction: satisfaction ?? '',
  });
}

/** (id, date) → Demand: the latest step's day corrected (改日期) */
export const redateDemandStep = command('redate_demand_step', 'id', 'date', 'index');

/** (id, { level, date, reason }) → Demand (a higher level; back to 已受理, department cleared) */
export async function escalateDemand(id, { level, date, reason } = {}) {
  return call('escalate_demand', { id, level, date: date ?? '', reason: reason ?? '' });
}

/** id → the reporter's full phone number */
export const revealDemandPhone = command('reveal_demand_phone', 'id');

/** period? ('' = all, or as listDemands: by 受理日期) → DemandStats { received, assigned, resolved, resolvedOnTime, overdue, satisfied, calledBack, onTimeRate, satisfactionRate } */
/** → [ReceivedDemand] the demands of the offices below graded or escalated to this office's level (county, city), overdue first */
export const receivedDemands = command('received_demands');

export async function demandStats(period = '') {
  return call('demand_stats', { period: period == null ? '' : String(period) });
}

// ---------- 协调机制: working groups and working meetings ----------

/** → [WorkingGroup] */
export const listWorkingGroups = command('list_working_groups');

/** WorkingGroupInput → WorkingGroup */
export const createWorkingGroup = command('create_working_group', 'input');

/** (id, WorkingGroupInput) → WorkingGroup */
export const updateWorkingGroup = command('update_working_group', 'id', 'input');

/** id → RecycleEntry (refused while it has meetings) */
export const deleteWorkingGroup = command('delete_working_group', 'id');

/** groupId ('' or left out = every group) → [WorkingMeeting] newest first */
export async function listWorkingMeetings(groupId) {
  return call('list_working_meetings', { groupId: groupId == null ? '' : String(groupId) });
}

/** WorkingMeetingInput → WorkingMeeting */
export const createWorkingMeeting = command('create_working_meeting', 'input');

/** (id, WorkingMeetingInput) → WorkingMeeting */
export const updateWorkingMeeting = command('update_working_meeting', 'id', 'input');

/** id → RecycleEntry */
export const deleteWorkingMeeting = command('delete_working_meeting', 'id');

// ---------- 考核 › 问卷 and 电话回访 ----------

/** → [QuestionnaireView] newest first, each with `responses` (papers held) */
export const listQuestionnaires = command('list_questionnaires');

/** QuestionnaireInput → Questionnaire */
export const createQuestionnaire = command('create_questionnaire', 'input');

/** (id, QuestionnaireInput) → Questionnaire */
export const updateQuestionnaire = command('update_questionnaire', 'id', 'input');

/** id → RecycleEntry (refused while it has papers) */
export const deleteQuestionnaire = command('delete_questionnaire', 'id');

/** questionnaire id → Results (per question and option, satisfaction overall and per community) */
export const questionnaireResults = command('questionnaire_results', 'questionnaireId');

/** (questionnaire id, community id or null) → [ResponseView] by 编号 */
export async function listQuestionnaireResponses(questionnaireId, communityId) {
  return call('list_questionnaire_responses', { questionnaireId, communityId: communityId ?? null });
}

/** ResponseInput → QuestionnaireResponse */
export const createQuestionnaireResponse = command('create_questionnaire_response', 'input');

/** (id, ResponseInput) → QuestionnaireResponse */
export const updateQuestionnaireResponse = command('update_questionnaire_response', 'id', 'input');

/** id → RecycleEntry */
export const deleteQuestionnaireResponse = command('delete_questionnaire_response', 'id');

/** → [CallbackView] newest first, phones masked */
export const listCallbacks = command('list_callbacks');

/** period ('' = 全部) → CallbackSummary (the records and demands' 回访 dated in it, by result and community) */
export const callbackSummary = command('callback_summary', 'period');

/** CallbackInput → CallbackView */
export const createCallback = command('create_callback', 'input');

/** (id, CallbackInput) → CallbackView */
export const updateCallback = command('update_callback', 'id', 'input');

/** id → RecycleEntry */
export const deleteCallback = command('delete_callback', 'id');

// ---------- batch actions (批量操作) ----------

/** { ids, action, …its fields } → Outcome { action, changed, unchanged, items, undo } (one transaction) */
export const batchApply = command('batch_apply', 'input');
/** What a batch 公示 dated `date` would override, before 确定: a sentence or null. */
export const batchPublishOverrides = command('batch_publish_overrides', 'ids', 'published', 'date');
export const batchLeaveEmpties = command('batch_leave_empties', 'ids');
export const checkSavePath = command('check_save_path', 'path', 'kind');
export const exportReceivedPeople = command('export_received_people', 'path');
export const exportSenderStatus = command('export_sender_status', 'path');
