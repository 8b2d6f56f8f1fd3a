// The only module that talks to the backend. One async function per command in
// docs/COMMANDS.md. Every rejection is normalised to { kind, message, field? }.

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
 * → KindCatalog { kinds: [{ table, label, imports, exports, reportKeys, travels }],
 * tableLabels: [[table, label]], imports: [{ name, aliases, label, unit, templateName,
 * example }], exports: [name] }: every record kind as the core declares it
 * (core/src/kinds.rs). Loaded once at start (main.js) into labels.js and importing.js.
 */
export async function kindCatalog() {
  return call('kind_catalog');
}

/** → AppStatus */
export async function appStatus() {
  return call('app_status');
}

/** { level, code, name } → Office */
export async function setupOffice({ level, code, name }) {
  return call('setup_office', { level, code, name });
}

/** → [Unit] (flat) */
export async function listUnits() {
  return call('list_units');
}

/** UnitInput → Unit */
export async function createUnit(input) {
  return call('create_unit', { input });
}

/** (id, UnitInput) → Unit */
export async function updateUnit(id, input) {
  return call('update_unit', { id, input });
}

/** (id, newParentId) → Unit */
export async function moveUnit(id, newParentId) {
  return call('move_unit', { id, newParentId });
}

/** id → RecycleEntry */
export async function deleteUnit(id) {
  return call('delete_unit', { id });
}

/** (kind, parentId|null) → string */
export async function suggestUnitCode(kind, parentId) {
  return call('suggest_unit_code', { kind, parentId: parentId ?? null });
}

/** → [RecycleEntry] newest first */
export async function listRecycleBin() {
  return call('list_recycle_bin');
}

/** entryId → null */
export async function restoreRecycled(entryId) {
  return call('restore_recycled', { entryId });
}

/** ({ limit, offset }) → [ChangeRow] newest first */
export async function listChangeLog({ limit = 50, offset = 0 } = {}) {
  return call('list_change_log', { limit, offset });
}

/** → [BackupInfo] newest first */
export async function listBackups() {
  return call('list_backups');
}

/** → BackupInfo */
export async function backupNow() {
  return call('backup_now');
}

/** fileName → { safetyBackup: BackupInfo } */
export async function restoreBackup(fileName, confirm = null) {
  return call('restore_backup', { fileName, confirm });
}

/** → CheckReport */
export async function checkDatabase() {
  return call('check_database');
}

// ---------- people registry (人员) ----------

/** → PeopleOptions */
export async function peopleOptions() {
  return call('people_options');
}

/** PersonQuery → Page */
export async function listPeople(query) {
  return call('list_people', { query });
}

/** PersonQuery → [id]: every person the query matches, on every page (选择全部符合条件的) */
export async function matchingPeopleIds(query) {
  return call('matching_people_ids', { query });
}

/** id → Person (full ID number and phone) */
export async function getPerson(id) {
  return call('get_person', { id });
}

/** id → [HistoryEvent] oldest first */
export async function personHistory(id) {
  return call('person_history', { id });
}

/** PersonInput → Saved */
export async function createPerson(input) {
  return call('create_person', { input });
}

/** (id, PersonInput) → Saved */
export async function updatePerson(id, input) {
  return call('update_person', { id, input });
}

/** id → RecycleEntry */
export async function deletePerson(id) {
  return call('delete_person', { id });
}

/** (id, "idNumber"|"phone") → string (full value) */
export async function revealPersonField(id, field) {
  return call('reveal_person_field', { id, field });
}

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
export async function importTemplate(kind, path) {
  return call('import_template', { kind, path });
}

/** (kind, path, sheet?) → Preview (writes nothing); sheet null = first visible */
export async function importPreview(kind, path, sheet = null) {
  return call('import_preview', { kind, path, sheet });
}

/** (kind, path, sheet?) → Summary; progress arrives through onImportProgress */
export async function importCommit(kind, path, sheet = null) {
  return call('import_commit', { kind, path, sheet });
}

/** → null: stops the running import (import_commit then rejects with `refused`) */
export async function importCancel() {
  return call('import_cancel');
}

/** (kind, path, out, sheet?) → number of rows written to the error workbook */
export async function importErrorWorkbook(kind, path, out, sheet = null) {
  return call('import_error_workbook', { kind, path, out, sheet });
}

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
export async function listBusinessGrids() {
  return call('list_business_grids');
}

/** { department, name, note } → BusinessGrid */
export async function createBusinessGrid(input) {
  return call('create_business_grid', { input });
}

/** (id, { department, name, note }) → BusinessGrid */
export async function updateBusinessGrid(id, input) {
  return call('update_business_grid', { id, input });
}

/** id → RecycleEntry */
export async function deleteBusinessGrid(id) {
  return call('delete_business_grid', { id });
}

/** (id, baseGridId, mergedOn "" | "2026-03-01") → BusinessGrid */
export async function setBusinessGridMapping(id, baseGridId, mergedOn) {
  return call('set_business_grid_mapping', { id, baseGridId, mergedOn: mergedOn ?? '' });
}

/** (id, baseGridId) → BusinessGrid */
export async function removeBusinessGridMapping(id, baseGridId) {
  return call('remove_business_grid_mapping', { id, baseGridId });
}

/** → [BaseGridMerge] */
export async function businessGridsByBaseGrid() {
  return call('business_grids_by_base_grid');
}

/** → Coverage */
export async function gridCoverage() {
  return call('grid_coverage');
}

// ---------- the chain of files (交换文件), who has sent, reports, dashboard ----------

/** → PackagePreview (writes nothing) */
export async function packagePreview() {
  return call('package_preview');
}

/**
 * (path, attachments) → Exported. path: a .zip file, or a folder (the standard
 * file name is used there); attachments: also carry the evidence files themselves.
 */
export async function exportPackage(path, attachments = false) {
  return call('export_package', { path, attachments: !!attachments });
}

/** title → [path] (several .zip files; [] when cancelled) */
export async function chooseOpenPackages(title) {
  return call('choose_open_packages', { title });
}

/** title → folder path or null */
export async function chooseFolder(title) {
  return call('choose_folder', { title });
}

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
export async function listSenders() {
  return call('list_senders');
}

/** (code, name) → ExpectedOffice (adds or renames) */
export async function setExpectedOffice(code, name) {
  return call('set_expected_office', { code, name });
}

/** code → RecycleEntry */
export async function removeExpectedOffice(code) {
  return call('remove_expected_office', { code });
}

/** → [ExpectedOffice]: every office that has sent, put on the expected list */
export async function expectReceivedOffices() {
  return call('expect_received_offices');
}

/** → Proposals { prefix, levelBelow, rows: [{ code, name, source }] }: offices below to put on the list */
export async function proposeExpectedOffices() {
  return call('propose_expected_offices');
}

/** [{ code, name }] → [ExpectedOffice] added or renamed (all or none; problems by line) */
export async function setExpectedOffices(offices) {
  return call('set_expected_offices', { offices });
}

/** path → number of offices in the 未报单位名单 written (for 催报) */
export async function exportUnsentOffices(path) {
  return call('export_unsent_offices', { path });
}

/** days (1–366) → the days now set */
export async function setLateDays(days) {
  return call('set_late_days', { days });
}

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

/** → PartyOptions { unitKinds, projectStatuses, categories, committeeKinds } */
export async function partyOptions() {
  return call('party_options');
}

/** onlyMissing → Sanliang { rows: [PartyBranch], compounds, complete, rate } */
export async function sanliangList(onlyMissing) {
  return call('sanliang_list', { onlyMissing: !!onlyMissing });
}

/** (compoundId, PartyBranchInput) → PartyBranch */
export async function savePartyBranch(compoundId, input) {
  return call('save_party_branch', { compoundId, input });
}

/** (compoundId, path) → PartyBranch; path '' removes the photo */
export async function setBranchPhoto(compoundId, path) {
  return call('set_branch_photo', { compoundId, path: path ?? '' });
}

/** → [Committee] (with members) */
export async function listCommittees() {
  return call('list_committees');
}

/** CommitteeInput → Committee */
export async function createCommittee(input) {
  return call('create_committee', { input });
}

/** (id, CommitteeInput) → Committee */
export async function updateCommittee(id, input) {
  return call('update_committee', { id, input });
}

/** id → RecycleEntry (refused while it has members or meetings) */
export async function deleteCommittee(id) {
  return call('delete_committee', { id });
}

/** MemberInput → CommitteeMember */
export async function createCommitteeMember(input) {
  return call('create_committee_member', { input });
}

/** (id, MemberInput) → CommitteeMember */
export async function updateCommitteeMember(id, input) {
  return call('update_committee_member', { id, input });
}

/** id → RecycleEntry */
export async function deleteCommitteeMember(id) {
  return call('delete_committee_member', { id });
}

/** → PartTimeCounts { total, byCommittee, byUnit } */
export async function partTimeCounts() {
  return call('part_time_counts');
}

/** (committeeId '' = all, period '' = all, or '2026', '2026Q4', '2026-11', 'from..to' by 会议日期) → [JointMeeting] newest first */
export async function listJointMeetings(committeeId, period) {
  return call('list_joint_meetings', {
    committeeId: committeeId == null ? '' : String(committeeId),
    period: period == null ? '' : String(period),
  });
}

/** MeetingInput → JointMeeting */
export async function createJointMeeting(input) {
  return call('create_joint_meeting', { input });
}

/** (id, MeetingInput) → JointMeeting */
export async function updateJointMeeting(id, input) {
  return call('update_joint_meeting', { id, input });
}

/** id → RecycleEntry */
export async function deleteJointMeeting(id) {
  return call('delete_joint_meeting', { id });
}

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
export async function listPartnerUnits() {
  return call('list_partner_units');
}

/** PartnerUnitInput → PartnerUnit */
export async function createPartnerUnit(input) {
  return call('create_partner_unit', { input });
}

/** (id, PartnerUnitInput) → PartnerUnit */
export async function updatePartnerUnit(id, input) {
  return call('update_partner_unit', { id, input });
}

/** id → RecycleEntry (refused while it has members or claims) */
export async function deletePartnerUnit(id) {
  return call('delete_partner_unit', { id });
}

/** id → the contact's full phone number */
export async function revealPartnerPhone(id) {
  return call('reveal_partner_phone', { id });
}

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
export async function getProject(id) {
  return call('get_project', { id });
}

/** ProjectInput → Project (status 待认领) */
export async function createProject(input) {
  return call('create_project', { input });
}

/** (id, ProjectInput) → Project */
export async function updateProject(id, input) {
  return call('update_project', { id, input });
}

/** id → RecycleEntry */
export async function deleteProject(id) {
  return call('delete_project', { id });
}

/** (id, partnerUnitId, claimedOn '' | "2026-03-01") → Project */
export async function claimProject(id, partnerUnitId, claimedOn) {
  return call('claim_project', { id, partnerUnitId, claimedOn: claimedOn ?? '' });
}

/** (id, partnerUnitId) → Project */
export async function unclaimProject(id, partnerUnitId) {
  return call('unclaim_project', { id, partnerUnitId });
}

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

/** (id, path) → Project (the file is copied into attachments/ by content hash) */
export async function attachProjectFile(id, path) {
  return call('attach_project_file', { id, path });
}

/** (id, hash) → Project */
export async function removeProjectAttachment(id, hash) {
  return call('remove_project_attachment', { id, hash });
}

/** hash → null: opens the file with the system's viewer (not_found when it is missing) */
export async function openAttachment(hash) {
  return call('open_attachment', { hash });
}

/** title → string[]: several evidence files picked in the system dialog ([] when cancelled) */
export async function chooseEvidenceFiles(title) {
  return call('choose_evidence_files', { title });
}

/** (kind, id) → Attachment[] of one record; kind is the kind's table (visits, joint_meetings, …) */
export async function listAttachments(kind, id) {
  return call('list_attachments', { kind, id });
}

/** (kind, id, paths) → Attachment[]: all the files or none */
export async function attachFiles(kind, id, paths) {
  return call('attach_files', { kind, id, paths });
}

/** (kind, id, hash) → Attachment[] */
export async function detachFile(kind, id, hash) {
  return call('detach_file', { kind, id, hash });
}

/** hash → data: URL of a picture's thumbnail, or null */
export async function attachmentThumbnail(hash) {
  return call('attachment_thumbnail', { hash });
}

/**
 * hash → ArrayBuffer: the content of one stored attachment for the preview (预览 of a
 * PDF or a picture); not_found for a hash the store does not hold, refused over 50 MB
 */
export async function attachmentBytes(hash) {
  return call('attachment_bytes', { hash });
}

/**
 * (kind, path) → number of rows. kind: 'party-branches', 'committee-members',
 * 'joint-meetings', 'partner-units', 'projects'; also 'leaders', 'contact-points',
 * 'visits', 'departments', 'demands', 'working-groups', 'working-meetings'.
 */
export async function exportPartyXlsx(kind, path, period = '') {
  return call('export_party_xlsx', { kind, path, period: period == null ? '' : String(period) });
}

/** 导出全部台账: path → { sheets, rows } (a titled sheet per list in one workbook). */
export async function exportAllXlsx(path) {
  return call('export_all_xlsx', { path });
}

/** 打开文件 (folder false) / 打开所在文件夹 (true) of a file an export of this window wrote. */
export async function openExported(path, folder = false) {
  return call('open_exported', { path, folder: Boolean(folder) });
}

// ---------- 领导联系点: leaders, contact points, visits, coverage, departments ----------

/** → ContactOptions { leaderLevels, departmentLevels, demandSources, demandStatuses, satisfactions, categories } */
export async function contactOptions() {
  return call('contact_options');
}

/** → [Department] */
export async function listDepartments() {
  return call('list_departments');
}

/** DepartmentInput → Department */
export async function createDepartment(input) {
  return call('create_department', { input });
}

/** (id, DepartmentInput) → Department */
export async function updateDepartment(id, input) {
  return call('update_department', { id, input });
}

/** id → RecycleEntry (refused while demands are assigned to it) */
export async function deleteDepartment(id) {
  return call('delete_department', { id });
}

// ---------- 减负 › 三清单: the items of the three lists ----------

/** → [DutyItem] by list, then 序号 */
export async function listDutyItems() {
  return call('list_duty_items');
}

/** DutyItemInput → DutyItem */
export async function createDutyItem(input) {
  return call('create_duty_item', { input });
}

/** (id, DutyItemInput) → DutyItem */
export async function updateDutyItem(id, input) {
  return call('update_duty_item', { id, input });
}

/** id → RecycleEntry */
export async function deleteDutyItem(id) {
  return call('delete_duty_item', { id });
}

// ---------- 减负 › 网格事项: the grid matter list, claims (认领) and load (负担) ----------

/** → [GridMatter] by category, then name, each with claimedBy */
export async function listGridMatters() {
  return call('list_grid_matters');
}

/** GridMatterInput → GridMatter */
export async function createGridMatter(input) {
  return call('create_grid_matter', { input });
}

/** (id, GridMatterInput) → GridMatter */
export async function updateGridMatter(id, input) {
  return call('update_grid_matter', { id, input });
}

/** id → RecycleEntry (refused while a village's claim names it) */
export async function deleteGridMatter(id) {
  return call('delete_grid_matter', { id });
}

/** → [GridMatterClaim] by village code, then item */
export async function listGridMatterClaims() {
  return call('list_grid_matter_claims');
}

/** → { matters, villages: [{ cells: [{ claimId, claimedOn } | null] }], unclaimed } */
export async function gridMatterClaimMatrix() {
  return call('grid_matter_claim_matrix');
}

/** ClaimInput { villageId, matterId, claimedOn, remark } → GridMatterClaim */
export async function createGridMatterClaim(input) {
  return call('create_grid_matter_claim', { input });
}

/** (id, ClaimInput) → GridMatterClaim */
export async function updateGridMatterClaim(id, input) {
  return call('update_grid_matter_claim', { id, input });
}

/** id → RecycleEntry (取消认领) */
export async function deleteGridMatterClaim(id) {
  return call('delete_grid_matter_claim', { id });
}

/** 首页's figures of the grid workers' load today: { workers, sum, heaviest: { name, total } } or null. */
export async function gridMatterLoadSummary() {
  return call('grid_matter_load_summary');
}

/** asOf (YYYY-MM-DD, '' = today) → { asOf, grids, workers }, heaviest first */
export async function gridMatterLoad(asOf) {
  return call('grid_matter_load', { asOf: asOf || null });
}

// ---------- 培训 and 引育留用 (issue 16) ----------

/** → [SessionView] newest first, each with personTimes */
export async function listTrainingSessions() {
  return call('list_training_sessions');
}

/** SessionInput → SessionView */
export async function createTrainingSession(input) {
  return call('create_training_session', { input });
}

/** (id, SessionInput) → SessionView */
export async function updateTrainingSession(id, input) {
  return call('update_training_session', { id, input });
}

/** id → RecycleEntry (refused while it has participants) */
export async function deleteTrainingSession(id) {
  return call('delete_training_session', { id });
}

/** sessionId → [ParticipantView] (ID numbers masked) */
export async function listTrainingParticipants(sessionId) {
  return call('list_training_participants', { sessionId });
}

/** ParticipantInput → ParticipantView */
export async function addTrainingParticipant(input) {
  return call('add_training_participant', { input });
}

/** (sessionId, [personId]) → number added */
export async function addTrainingPeople(sessionId, personIds) {
  return call('add_training_people', { sessionId, personIds });
}

/** id → RecycleEntry */
export async function deleteTrainingParticipant(id) {
  return call('delete_training_participant', { id });
}

/** → Coverage of this year */
export async function trainingCoverage() {
  return call('training_coverage');
}

/** personId → PersonRecord (培训记录) */
export async function personTrainingRecord(personId) {
  return call('person_training_record', { personId });
}

/** personId → [PipelineView] oldest first */
export async function listPipelineEvents(personId) {
  return call('list_pipeline_events', { personId });
}

/** PipelineInput → PipelineView */
export async function addPipelineEvent(input) {
  return call('add_pipeline_event', { input });
}

/** id → RecycleEntry */
export async function deletePipelineEvent(id) {
  return call('delete_pipeline_event', { id });
}

/** → Summary of this year's pipeline */
export async function pipelineSummary() {
  return call('pipeline_summary');
}

// ---------- 减负 › 准入: matters admitted from outside the lists ----------

/** { step, department, term, overdue, text } → [Admission] (inForce, overdueExit, moves as of today) */
export async function listAdmissions(query = {}) {
  return call('list_admissions', { query });
}

/** → { total, byStep, byDepartment, byTerm, inForce, overdueExit } */
export async function admissionCounts() {
  return call('admission_counts');
}

/** AdmissionInput → Admission */
export async function createAdmission(input) {
  return call('create_admission', { input });
}

/** (id, AdmissionInput) → Admission */
export async function updateAdmission(id, input) {
  return call('update_admission', { id, input });
}

/** id → RecycleEntry */
export async function deleteAdmission(id) {
  return call('delete_admission', { id });
}

/** (id, { to, date, reason, opinion, approvingBody, documentNumber, exitReason }) → Admission */
export async function moveAdmission(id, step) {
  return call('move_admission', { id, step });
}

// ---------- 减负 › 清单版本: versions of the three lists, their diffs, the catalogue ----------

/** → [VersionSummary] by list, newest first (current, changes from the one before) */
export async function listDutyListVersions() {
  return call('list_duty_list_versions');
}

/** id → DutyListVersion with its items */
export async function dutyListVersion(id) {
  return call('duty_list_version', { id });
}

/** (from id, to id) → Diff { added, removed, reworded, unchanged } */
export async function compareDutyListVersions(from, to) {
  return call('compare_duty_list_versions', { from, to });
}

/** list → Diff from its current version to its items now */
export async function pendingDutyListChanges(list) {
  return call('pending_duty_list_changes', { list });
}

/** { list, version, publishedOn, note } → VersionSummary */
export async function publishDutyListVersion(input) {
  return call('publish_duty_list_version', { input });
}

/** → [CatalogueList] each list's current version grouped by 领域 */
export async function dutyCatalogue() {
  return call('duty_catalogue');
}

// ---------- 减负 › 专项整治: four registers (mechanisms, plaques, certificates, secondments) and 回头看 ----------

/** register → [CleanupEntry] by village/community, then name (flags as of today) */
export async function listCleanupEntries(register) {
  return call('list_cleanup_entries', { register });
}

/** (register, CleanupEntryInput) → CleanupEntry */
export async function createCleanupEntry(register, input) {
  return call('create_cleanup_entry', { register, input });
}

/** (register, id, CleanupEntryInput) → CleanupEntry */
export async function updateCleanupEntry(register, id, input) {
  return call('update_cleanup_entry', { register, id, input });
}

/** (register, id) → RecycleEntry */
export async function deleteCleanupEntry(register, id) {
  return call('delete_cleanup_entry', { register, id });
}

/** (register, id, path) → CleanupEntry with the evidence file (a plaque's photo) */
export async function attachCleanupFile(register, id, path) {
  return call('attach_cleanup_file', { register, id, path });
}

/** (register, id, hash) → CleanupEntry */
export async function removeCleanupAttachment(register, id, hash) {
  return call('remove_cleanup_attachment', { register, id, hash });
}

/** register ('' = all) → [Recheck] newest first */
export async function listRechecks(register) {
  return call('list_rechecks', { register });
}

/** RecheckInput → Recheck (rebound: true reopens the entry) */
export async function createRecheck(input) {
  return call('create_recheck', { input });
}

/** (id, RecheckInput) → Recheck (only found and remark change) */
export async function updateRecheck(id, input) {
  return call('update_recheck', { id, input });
}

/** id → RecycleEntry (refused while the entry it reopened is still open) */
export async function deleteRecheck(id) {
  return call('delete_recheck', { id });
}

// ---------- 考核: indicators, versions, scores, results, rectification, outposts ----------

/** → [Indicator] (retired too) by group, then code */
export async function listIndicators() {
  return call('list_indicators');
}

/** IndicatorInput → Indicator (a new version of the system) */
export async function createIndicator(input) {
  return call('create_indicator', { input });
}

/** (id, IndicatorInput) → Indicator (a new version) */
export async function updateIndicator(id, input) {
  return call('update_indicator', { id, input });
}

/** id → RecycleEntry */
export async function deleteIndicator(id) {
  return call('delete_indicator', { id });
}

/** → [Indicator]: the default system (refused if there are indicators) */
export async function installDefaultIndicators() {
  return call('install_default_indicators');
}

/** → [Version] newest first */
export async function listIndicatorVersions() {
  return call('list_indicator_versions');
}

/** version → Version with its indicators */
export async function getIndicatorVersion(version) {
  return call('get_indicator_version', { version });
}

/** '2026' | '2026Q4' → ScoreTable */
export async function scoreTable(period) {
  return call('score_table', { period });
}

/** period → [ManualScore] */
export async function listManualScores(period) {
  return call('list_manual_scores', { period });
}

/** ManualScoreInput → ManualScore */
export async function setManualScore(input) {
  return call('set_manual_score', { input });
}

/** → [AssessmentResult] */
export async function listAssessmentResults() {
  return call('list_assessment_results');
}

/** AssessmentResultInput → AssessmentResult */
export async function createAssessmentResult(input) {
  return call('create_assessment_result', { input });
}

/** (id, AssessmentResultInput) → AssessmentResult */
export async function updateAssessmentResult(id, input) {
  return call('update_assessment_result', { id, input });
}

/** id → RecycleEntry (refused while rectification items name it) */
export async function deleteAssessmentResult(id) {
  return call('delete_assessment_result', { id });
}

/** → [RectificationItem] open first */
export async function listRectificationItems() {
  return call('list_rectification_items');
}

/** RectificationItemInput → RectificationItem */
export async function createRectificationItem(input) {
  return call('create_rectification_item', { input });
}

/** (id, RectificationItemInput) → RectificationItem */
export async function updateRectificationItem(id, input) {
  return call('update_rectification_item', { id, input });
}

/** id → RecycleEntry */
export async function deleteRectificationItem(id) {
  return call('delete_rectification_item', { id });
}

/** → [OutpostEvaluation] */
export async function listOutpostEvaluations() {
  return call('list_outpost_evaluations');
}

/** OutpostEvaluationInput → OutpostEvaluation */
export async function createOutpostEvaluation(input) {
  return call('create_outpost_evaluation', { input });
}

/** (id, OutpostEvaluationInput) → OutpostEvaluation */
export async function updateOutpostEvaluation(id, input) {
  return call('update_outpost_evaluation', { id, input });
}

/** id → RecycleEntry */
export async function deleteOutpostEvaluation(id) {
  return call('delete_outpost_evaluation', { id });
}

/** → [ReceivedOutpost]: the evaluations the offices below sent up */
export async function listReceivedOutpostEvaluations() {
  return call('list_received_outpost_evaluations');
}

// ---------- 考核 › 抽查, 检查: the roster, the quarter's draw, inspections ----------

/** → [Inspector] (考核组名单) */
export async function listInspectors() {
  return call('list_inspectors');
}

/** InspectorInput → Inspector */
export async function createInspector(input) {
  return call('create_inspector', { input });
}

/** (id, InspectorInput) → Inspector */
export async function updateInspector(id, input) {
  return call('update_inspector', { id, input });
}

/** id → RecycleEntry */
export async function deleteInspector(id) {
  return call('delete_inspector', { id });
}

/** → [Sample] newest quarter first */
export async function listSamples() {
  return call('list_samples');
}

/** SampleInput { quarter, rate, number } → Draw (not saved) */
export async function previewSample(input) {
  return call('preview_sample', { input });
}

/** SampleInput { quarter, rate, number, reason } → Sample (saved; a redraw needs reason) */
export async function drawSample(input) {
  return call('draw_sample', { input });
}

/** id → true when the recorded inputs give the recorded draw */
export async function verifySample(id) {
  return call('verify_sample', { id });
}

/** quarter → Notice (公示) */
export async function sampleNotice(quarter) {
  return call('sample_notice', { quarter });
}

/** → [{ key, label, max, hint }] */
export async function inspectionChecklist() {
  return call('inspection_checklist');
}

/** → [Inspection] newest first */
export async function listInspections() {
  return call('list_inspections');
}

/** InspectionInput → Inspection */
export async function createInspection(input) {
  return call('create_inspection', { input });
}

/** (id, InspectionInput) → Inspection */
export async function updateInspection(id, input) {
  return call('update_inspection', { id, input });
}

/** id → RecycleEntry */
export async function deleteInspection(id) {
  return call('delete_inspection', { id });
}

/** (id, path) → Inspection */
export async function attachInspectionPhoto(id, path) {
  return call('attach_inspection_photo', { id, path });
}

/** (id, hash) → Inspection */
export async function removeInspectionPhoto(id, hash) {
  return call('remove_inspection_photo', { id, hash });
}

/** half ("" = this half-year, or 2026H2) → GridProgress */
export async function gridInspectionProgress(half) {
  return call('grid_inspection_progress', { half });
}

/** → [Leader] (phones masked) */
export async function listLeaders() {
  return call('list_leaders');
}

/** LeaderInput → Leader */
export async function createLeader(input) {
  return call('create_leader', { input });
}

/** (id, LeaderInput) → Leader */
export async function updateLeader(id, input) {
  return call('update_leader', { id, input });
}

/** id → RecycleEntry (refused while it has contact points) */
export async function deleteLeader(id) {
  return call('delete_leader', { id });
}

/** id → the leader's full phone number */
export async function revealLeaderPhone(id) {
  return call('reveal_leader_phone', { id });
}

/** → [ContactPoint] */
export async function listContactPoints() {
  return call('list_contact_points');
}

/** ContactPointInput → ContactPoint */
export async function createContactPoint(input) {
  return call('create_contact_point', { input });
}

/** (id, ContactPointInput) → ContactPoint */
export async function updateContactPoint(id, input) {
  return call('update_contact_point', { id, input });
}

/** id → RecycleEntry (refused while it has visits) */
export async function deleteContactPoint(id) {
  return call('delete_contact_point', { id });
}

/** → Coverage { rows, uncovered, villagesWithoutTownshipLeader, covered, total } */
export async function contactCoverage() {
  return call('contact_coverage');
}

/** contactPointId ('' or left out = every point) → [Visit] newest first */
export async function listVisits(contactPointId) {
  return call('list_visits', { contactPointId: contactPointId == null ? '' : String(contactPointId) });
}

/** VisitInput → Visit */
export async function createVisit(input) {
  return call('create_visit', { input });
}

/** (id, VisitInput) → Visit */
export async function updateVisit(id, input) {
  return call('update_visit', { id, input });
}

/** id → RecycleEntry */
export async function deleteVisit(id) {
  return call('delete_visit', { id });
}

// ---------- 诉求 (demands) ----------

/** (visitId, DemandInput) → Demand (source 领导联系点走访, linked both ways) */
export async function demandFromVisit(visitId, input) {
  return call('demand_from_visit', { visitId, input });
}

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
export async function getDemand(id) {
  return call('get_demand', { id });
}

/** DemandInput → Demand (status 已受理) */
export async function createDemand(input) {
  return call('create_demand', { input });
}

/** (id, DemandInput) → Demand */
export async function updateDemand(id, input) {
  return call('update_demand', { id, input });
}

/** id → RecycleEntry */
export async function deleteDemand(id) {
  return call('delete_demand', { id });
}

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

/** (id, { level, date, reason }) → Demand (a higher level; back to 已受理, department cleared) */
export async function escalateDemand(id, { level, date, reason } = {}) {
  return call('escalate_demand', { id, level, date: date ?? '', reason: reason ?? '' });
}

/** id → the reporter's full phone number */
export async function revealDemandPhone(id) {
  return call('reveal_demand_phone', { id });
}

/** period? ('' = all, or as listDemands: by 受理日期) → DemandStats { received, assigned, resolved, resolvedOnTime, overdue, satisfied, calledBack, onTimeRate, satisfactionRate } */
export async function demandStats(period = '') {
  return call('demand_stats', { period: period == null ? '' : String(period) });
}

// ---------- 协调机制: working groups and working meetings ----------

/** → [WorkingGroup] */
export async function listWorkingGroups() {
  return call('list_working_groups');
}

/** WorkingGroupInput → WorkingGroup */
export async function createWorkingGroup(input) {
  return call('create_working_group', { input });
}

/** (id, WorkingGroupInput) → WorkingGroup */
export async function updateWorkingGroup(id, input) {
  return call('update_working_group', { id, input });
}

/** id → RecycleEntry (refused while it has meetings) */
export async function deleteWorkingGroup(id) {
  return call('delete_working_group', { id });
}

/** groupId ('' or left out = every group) → [WorkingMeeting] newest first */
export async function listWorkingMeetings(groupId) {
  return call('list_working_meetings', { groupId: groupId == null ? '' : String(groupId) });
}

/** WorkingMeetingInput → WorkingMeeting */
export async function createWorkingMeeting(input) {
  return call('create_working_meeting', { input });
}

/** (id, WorkingMeetingInput) → WorkingMeeting */
export async function updateWorkingMeeting(id, input) {
  return call('update_working_meeting', { id, input });
}

/** id → RecycleEntry */
export async function deleteWorkingMeeting(id) {
  return call('delete_working_meeting', { id });
}

// ---------- 考核 › 问卷 and 电话回访 ----------

/** → [QuestionnaireView] newest first, each with `responses` (papers held) */
export async function listQuestionnaires() {
  return call('list_questionnaires');
}

/** QuestionnaireInput → Questionnaire */
export async function createQuestionnaire(input) {
  return call('create_questionnaire', { input });
}

/** (id, QuestionnaireInput) → Questionnaire */
export async function updateQuestionnaire(id, input) {
  return call('update_questionnaire', { id, input });
}

/** id → RecycleEntry (refused while it has papers) */
export async function deleteQuestionnaire(id) {
  return call('delete_questionnaire', { id });
}

/** questionnaire id → Results (per question and option, satisfaction overall and per community) */
export async function questionnaireResults(questionnaireId) {
  return call('questionnaire_results', { questionnaireId });
}

/** (questionnaire id, community id or null) → [ResponseView] by 编号 */
export async function listQuestionnaireResponses(questionnaireId, communityId) {
  return call('list_questionnaire_responses', { questionnaireId, communityId: communityId ?? null });
}

/** ResponseInput → QuestionnaireResponse */
export async function createQuestionnaireResponse(input) {
  return call('create_questionnaire_response', { input });
}

/** (id, ResponseInput) → QuestionnaireResponse */
export async function updateQuestionnaireResponse(id, input) {
  return call('update_questionnaire_response', { id, input });
}

/** id → RecycleEntry */
export async function deleteQuestionnaireResponse(id) {
  return call('delete_questionnaire_response', { id });
}

/** → [CallbackView] newest first, phones masked */
export async function listCallbacks() {
  return call('list_callbacks');
}

/** → CallbackSummary (the records and demands' 回访, by result and community) */
export async function callbackSummary() {
  return call('callback_summary');
}

/** CallbackInput → CallbackView */
export async function createCallback(input) {
  return call('create_callback', { input });
}

/** (id, CallbackInput) → CallbackView */
export async function updateCallback(id, input) {
  return call('update_callback', { id, input });
}

/** id → RecycleEntry */
export async function deleteCallback(id) {
  return call('delete_callback', { id });
}

// ---------- batch actions (批量操作) ----------

/** { ids, action, …its fields } → Outcome { action, changed, unchanged, items, undo } (one transaction) */
export async function batchApply(input) {
  return call('batch_apply', { input });
}
