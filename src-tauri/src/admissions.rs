//! Commands for admissions (准入事项, core `admissions/`): the list with its filters
//! and counts, create/update/delete, and the steps. As everywhere in the shell: take
//! the state, call one core function, map the error. "Today" (for 应退出) is the
//! office's local day.

use gridledger_core::admissions;
use gridledger_core::store::recycle::Entry;
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_admissions(
    state: State<'_, AppState>,
    query: admissions::AdmissionQuery,
) -> CmdResult<Vec<admissions::AdmissionView>> {
    let today = ctx().today();
    state.read(|c| admissions::admissions(c, &query, today))
}

#[gridledger_macros::command]
pub async fn admission_counts(
    state: State<'_, AppState>,
) -> CmdResult<admissions::AdmissionCounts> {
    let today = ctx().today();
    state.read(|c| admissions::admission_counts(c, today))
}

#[gridledger_macros::command]
pub async fn create_admission(
    state: State<'_, AppState>,
    input: admissions::AdmissionInput,
) -> CmdResult<admissions::AdmissionView> {
    state.write(|tx| admissions::create_admission(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_admission(
    state: State<'_, AppState>,
    id: String,
    input: admissions::AdmissionInput,
) -> CmdResult<admissions::AdmissionView> {
    state.write(|tx| admissions::update_admission(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_admission(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| admissions::delete_admission(tx, &id))
}

#[gridledger_macros::command]
pub async fn move_admission(
    state: State<'_, AppState>,
    id: String,
    step: admissions::Move,
) -> CmdResult<admissions::AdmissionView> {
    state.write(|tx| admissions::move_to(tx, &id, &step))
}
