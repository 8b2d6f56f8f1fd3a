//! Commands for the store (core `store/`): setting up the office, the recycle bin, the
//! change log, backups, and the catalog of record kinds (core `kinds`). As everywhere
//! in the shell: take the state, call one core function, map the error.

use chrono::Utc;
use gridledger_core::store::backup::{self, BackupInfo};
use gridledger_core::store::changelog::ChangeRow;
use gridledger_core::store::office::{self, Office};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime};

use crate::{blocking, ctx, CmdResult};

#[gridledger_macros::command]
pub async fn setup_office<R: Runtime>(
    app: AppHandle<R>,
    level: String,
    code: String,
    name: String,
) -> CmdResult<Office> {
    blocking(&app, move |state| {
        let ctx = ctx();
        let office = state.with_store_waiting(|s| {
            s.write(&ctx, |tx| office::setup(tx, &level, &code, &name, false))
        })?;
        // The first backup of a newly set-up database. The office is saved either way;
        // a failed backup shows up in Settings' backup list, not as a failed setup.
        let now = Utc::now();
        let _ = state.with_store_waiting(|s| backup::on_start(s, now));
        Ok(office)
    })
    .await
}

commands! {
    state;
    fn list_recycle_bin() -> Vec<Entry> = state.read(gridledger_core::kinds::recycle_bin);
    fn restore_recycled(entry_id: String) -> () =
        state.write(|tx| gridledger_core::kinds::restore(tx, &entry_id));
    fn purge_recycled(entry_id: String) -> usize =
        state.write(|tx| gridledger_core::kinds::purge(tx, &entry_id));
    fn recycled_record(entry_id: String) -> gridledger_core::kinds::Recycled =
        state.read(|c| gridledger_core::kinds::recycled(c, &entry_id));
    fn set_operator(name: String) -> String =
        state.write(|tx| gridledger_core::store::office::set_operator(tx, &name));
}

/// Every record kind with its label, import sheets and export lists, and the
/// Chinese name of every table the change log shows: the UI's labels come from
/// here (`crate::kinds` in the core), never from a copy in JS.
#[gridledger_macros::command]
pub async fn kind_catalog() -> CmdResult<gridledger_core::kinds::Catalog> {
    Ok(gridledger_core::kinds::catalog())
}

commands! {
    state;
    fn list_change_log(
        limit: u32,
        offset: u32,
        table: Option<String>,
        text: Option<String>,
    ) -> Vec<ChangeRow> =
        state.read(|c| {
            let table = table.as_deref().map(str::trim).filter(|t| !t.is_empty());
            gridledger_core::kinds::change_log(c, table, text.as_deref(), limit, offset)
        });
    fn list_backups() -> Vec<BackupInfo> =
        backup::list_for(&state.db_path).map_err(|e| e.payload());
    fn inspect_backup(path: String) -> BackupInfo =
        backup::inspect(&state.db_path, std::path::Path::new(&path)).map_err(|e| e.payload());
}

#[gridledger_macros::command]
pub async fn backup_now<R: Runtime>(app: AppHandle<R>) -> CmdResult<BackupInfo> {
    let now = Utc::now();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| backup::take(s, now, None))
    })
    .await
}

#[gridledger_macros::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    file_name: String,
    confirm: Option<String>,
) -> CmdResult<backup::Restored> {
    let ctx = ctx();
    blocking(&app, move |state| {
        // Idle readers are closed around the replacement of the file's pages (a
        // read meanwhile opens its own and sees the old or the new data whole).
        state.close_idle_readers();
        let restored =
            state.with_store_waiting(|s| backup::restore(s, &ctx, &file_name, confirm.as_deref()));
        state.close_idle_readers();
        let restored = restored?;
        if let Ok(mut r) = state.recovery.lock() {
            *r = None;
        }
        Ok(restored)
    })
    .await
}
