//! Commands for training (培训, core `training/`): sessions, their participants,
//! coverage and a person's training record. As everywhere in the shell: take the
//! state, call one core function, map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::training;
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_training_sessions(
    state: State<'_, AppState>,
) -> CmdResult<Vec<training::SessionView>> {
    state.read(training::sessions)
}

#[gridledger_macros::command]
pub async fn create_training_session(
    state: State<'_, AppState>,
    input: training::SessionInput,
) -> CmdResult<training::SessionView> {
    state.write(|tx| training::create_session(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_training_session(
    state: State<'_, AppState>,
    id: String,
    input: training::SessionInput,
) -> CmdResult<training::SessionView> {
    state.write(|tx| training::update_session(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_training_session(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| training::delete_session(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_training_participants(
    state: State<'_, AppState>,
    session_id: String,
) -> CmdResult<Vec<training::ParticipantView>> {
    state.read(|c| training::participants(c, &session_id))
}

#[gridledger_macros::command]
pub async fn add_training_participant(
    state: State<'_, AppState>,
    input: training::ParticipantInput,
) -> CmdResult<training::ParticipantView> {
    state.write(|tx| training::add_participant(tx, &input))
}

#[gridledger_macros::command]
pub async fn add_training_people(
    state: State<'_, AppState>,
    session_id: String,
    person_ids: Vec<String>,
) -> CmdResult<usize> {
    state.write(|tx| training::add_people(tx, &session_id, &person_ids))
}

#[gridledger_macros::command]
pub async fn delete_training_participant(
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Entry> {
    state.write(|tx| training::delete_participant(tx, &id))
}

#[gridledger_macros::command]
pub async fn training_coverage(state: State<'_, AppState>) -> CmdResult<training::Coverage> {
    let today = ctx().today();
    state.read(|c| training::coverage(c, today))
}

#[gridledger_macros::command]
pub async fn person_training_record(
    state: State<'_, AppState>,
    person_id: String,
) -> CmdResult<training::PersonRecord> {
    let today = ctx().today();
    state.read(|c| training::person_record(c, &person_id, today))
}
