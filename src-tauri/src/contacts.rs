//! Commands for leader contact points (领导联系点, core `contacts/`): leaders, contact
//! points, coverage and visits. As everywhere in the shell: take the state, call one
//! core function, map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::{contacts, demands};
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_leaders(state: State<'_, AppState>) -> CmdResult<Vec<contacts::LeaderView>> {
    state.read(contacts::leaders)
}
#[gridledger_macros::command]
pub async fn create_leader(
    state: State<'_, AppState>,
    input: contacts::LeaderInput,
) -> CmdResult<contacts::LeaderView> {
    state.write(|tx| contacts::create_leader(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_leader(
    state: State<'_, AppState>,
    id: String,
    input: contacts::LeaderInput,
) -> CmdResult<contacts::LeaderView> {
    state.write(|tx| contacts::update_leader(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_leader(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| contacts::delete_leader(tx, &id))
}
#[gridledger_macros::command]
pub async fn reveal_leader_phone(state: State<'_, AppState>, id: String) -> CmdResult<String> {
    state.read(|c| contacts::reveal_leader_phone(c, &id))
}
#[gridledger_macros::command]
pub async fn list_contact_points(
    state: State<'_, AppState>,
) -> CmdResult<Vec<contacts::ContactPointView>> {
    let today = ctx().today();
    state.read(|c| contacts::contact_points(c, today))
}
#[gridledger_macros::command]
pub async fn create_contact_point(
    state: State<'_, AppState>,
    input: contacts::ContactPointInput,
) -> CmdResult<contacts::ContactPointView> {
    state.write(|tx| contacts::create_point(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_contact_point(
    state: State<'_, AppState>,
    id: String,
    input: contacts::ContactPointInput,
) -> CmdResult<contacts::ContactPointView> {
    state.write(|tx| contacts::update_point(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_contact_point(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| contacts::delete_point(tx, &id))
}
#[gridledger_macros::command]
pub async fn contact_coverage(state: State<'_, AppState>) -> CmdResult<contacts::Coverage> {
    let today = ctx().today();
    state.read(|c| contacts::coverage(c, today))
}
#[gridledger_macros::command]
pub async fn list_visits(
    state: State<'_, AppState>,
    contact_point_id: String,
) -> CmdResult<Vec<contacts::VisitView>> {
    let today = ctx().today();
    state.read(|c| contacts::visits(c, &contact_point_id, today, demands::linked_to_visits))
}
#[gridledger_macros::command]
pub async fn create_visit(
    state: State<'_, AppState>,
    input: contacts::VisitInput,
) -> CmdResult<contacts::VisitView> {
    state.write(|tx| contacts::create_visit(tx, &input, demands::linked_to_visits))
}
#[gridledger_macros::command]
pub async fn update_visit(
    state: State<'_, AppState>,
    id: String,
    input: contacts::VisitInput,
) -> CmdResult<contacts::VisitView> {
    state.write(|tx| contacts::update_visit(tx, &id, &input, demands::linked_to_visits))
}
#[gridledger_macros::command]
pub async fn delete_visit(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| contacts::delete_visit(tx, &id))
}
