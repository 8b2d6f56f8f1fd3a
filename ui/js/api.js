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
export async function restoreBackup(fileName) {
  return call('restore_backup', { fileName });
}

/** → CheckReport */
export async function checkDatabase() {
  return call('check_database');
}
