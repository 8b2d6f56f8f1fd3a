//! Commands for the three lists' items (履职事项, 目录三清单). As everywhere in the
//! shell: take the state, call one core function, map the error.

use gridledger_core::duties;
use gridledger_core::store::recycle::Entry;
use tauri::State;

use crate::{AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_duty_items(state: State<'_, AppState>) -> CmdResult<Vec<duties::DutyItemView>> {
    state.read(duties::duty_items)
}

#[gridledger_macros::command]
pub async fn create_duty_item(
    state: State<'_, AppState>,
    input: duties::DutyItemInput,
) -> CmdResult<duties::DutyItemView> {
    state.write(|tx| duties::create_duty_item(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_duty_item(
    state: State<'_, AppState>,
    id: String,
    input: duties::DutyItemInput,
) -> CmdResult<duties::DutyItemView> {
    state.write(|tx| duties::update_duty_item(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_duty_item(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| duties::delete_duty_item(tx, &id))
}

// ---------- versions of the lists and the catalogue ----------

use gridledger_core::duties::versions;

#[gridledger_macros::command]
pub async fn list_duty_list_versions(
    state: State<'_, AppState>,
) -> CmdResult<Vec<versions::VersionSummary>> {
    state.read(versions::versions)
}

#[gridledger_macros::command]
pub async fn duty_list_version(
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<versions::DutyListVersion> {
    state.read(|c| versions::version(c, &id))
}

#[gridledger_macros::command]
pub async fn compare_duty_list_versions(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> CmdResult<versions::Diff> {
    state.read(|c| versions::compare(c, &from, &to))
}

#[gridledger_macros::command]
pub async fn pending_duty_list_changes(
    state: State<'_, AppState>,
    list: String,
) -> CmdResult<versions::Diff> {
    state.read(|c| versions::pending_changes(c, duties::DutyList::parse(&list)?))
}

#[gridledger_macros::command]
pub async fn publish_duty_list_version(
    state: State<'_, AppState>,
    input: versions::PublishInput,
) -> CmdResult<versions::VersionSummary> {
    state.write(|tx| versions::publish(tx, &input))
}

#[gridledger_macros::command]
pub async fn duty_catalogue(state: State<'_, AppState>) -> CmdResult<Vec<versions::CatalogueList>> {
    state.read(versions::catalogue)
}
