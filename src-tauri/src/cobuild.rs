//! Commands for co-building (共建, core `cobuild/`): partner units and projects with
//! their evidence files. As everywhere in the shell: take the state, call one core
//! function, map the error.

use std::path::Path;

use gridledger_core::cobuild::{
    self, Move, PartnerUnitInput, PartnerUnitView, ProjectInput, ProjectQuery, ProjectView,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, ctx, db, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_partner_units(state: State<'_, AppState>) -> CmdResult<Vec<PartnerUnitView>> {
    state.read(cobuild::partner_units)
}
#[gridledger_macros::command]
pub async fn create_partner_unit(
    state: State<'_, AppState>,
    input: PartnerUnitInput,
) -> CmdResult<PartnerUnitView> {
    state.write(|tx| cobuild::create_partner(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_partner_unit(
    state: State<'_, AppState>,
    id: String,
    input: PartnerUnitInput,
) -> CmdResult<PartnerUnitView> {
    state.write(|tx| cobuild::update_partner(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_partner_unit(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| cobuild::delete_partner(tx, &id))
}
#[gridledger_macros::command]
pub async fn reveal_partner_phone(state: State<'_, AppState>, id: String) -> CmdResult<String> {
    state.read(|c| cobuild::reveal_phone(c, &id))
}
#[gridledger_macros::command]
pub async fn list_projects(
    state: State<'_, AppState>,
    query: ProjectQuery,
) -> CmdResult<Vec<ProjectView>> {
    state.read(|c| cobuild::projects(c, Some(db(&state)), &query))
}
#[gridledger_macros::command]
pub async fn get_project(state: State<'_, AppState>, id: String) -> CmdResult<ProjectView> {
    state.read(|c| cobuild::project(c, Some(db(&state)), &id))
}
#[gridledger_macros::command]
pub async fn create_project(
    state: State<'_, AppState>,
    input: ProjectInput,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::create_project(tx, Some(db(&state)), &input))
}
#[gridledger_macros::command]
pub async fn update_project(
    state: State<'_, AppState>,
    id: String,
    input: ProjectInput,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::update_project(tx, Some(db(&state)), &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_project(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| cobuild::delete_project(tx, &id))
}
#[gridledger_macros::command]
pub async fn claim_project(
    state: State<'_, AppState>,
    id: String,
    partner_unit_id: String,
    claimed_on: String,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::claim(tx, Some(db(&state)), &id, &partner_unit_id, &claimed_on))
}
#[gridledger_macros::command]
pub async fn unclaim_project(
    state: State<'_, AppState>,
    id: String,
    partner_unit_id: String,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::unclaim(tx, Some(db(&state)), &id, &partner_unit_id))
}
#[gridledger_macros::command]
#[allow(clippy::too_many_arguments)]
pub async fn move_project(
    state: State<'_, AppState>,
    id: String,
    to: String,
    date: String,
    reason: String,
    score: Option<i64>,
    evaluation: String,
) -> CmdResult<ProjectView> {
    let m = Move {
        to,
        date,
        reason,
        score,
        evaluation,
    };
    state.write(|tx| cobuild::move_to(tx, Some(db(&state)), &id, &m))
}
#[gridledger_macros::command]
pub async fn attach_project_file<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    path: String,
) -> CmdResult<ProjectView> {
    let ctx = ctx();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| {
            s.write(&ctx, |tx| {
                cobuild::attach(tx, db(state), &id, Path::new(path.trim()))
            })
        })
    })
    .await
}
#[gridledger_macros::command]
pub async fn remove_project_attachment(
    state: State<'_, AppState>,
    id: String,
    hash: String,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::remove_attachment(tx, Some(db(&state)), &id, &hash))
}
