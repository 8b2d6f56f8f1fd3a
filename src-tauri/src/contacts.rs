//! Commands for leader contact points (领导联系点), demands (诉求) and the
//! coordination mechanism (协调机制). As everywhere in the shell: take the state,
//! call one core function, map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::{contacts, demands};
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[tauri::command]
pub async fn contact_options() -> CmdResult<demands::Options> {
    Ok(demands::options())
}

#[tauri::command]
pub async fn list_departments(
    state: State<'_, AppState>,
) -> CmdResult<Vec<demands::DepartmentView>> {
    state.read(demands::departments)
}

#[tauri::command]
pub async fn create_department(
    state: State<'_, AppState>,
    input: demands::DepartmentInput,
) -> CmdResult<demands::DepartmentView> {
    state.write(|tx| demands::create_department(tx, &input))
}

#[tauri::command]
pub async fn update_department(
    state: State<'_, AppState>,
    id: String,
    input: demands::DepartmentInput,
) -> CmdResult<demands::DepartmentView> {
    state.write(|tx| demands::update_department(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_department(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_department(tx, &id))
}

#[tauri::command]
pub async fn list_leaders(state: State<'_, AppState>) -> CmdResult<Vec<contacts::LeaderView>> {
    state.read(contacts::leaders)
}

#[tauri::command]
pub async fn create_leader(
    state: State<'_, AppState>,
    input: contacts::LeaderInput,
) -> CmdResult<contacts::LeaderView> {
    state.write(|tx| contacts::create_leader(tx, &input))
}

#[tauri::command]
pub async fn update_leader(
    state: State<'_, AppState>,
    id: String,
    input: contacts::LeaderInput,
) -> CmdResult<contacts::LeaderView> {
    state.write(|tx| contacts::update_leader(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_leader(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| contacts::delete_leader(tx, &id))
}

#[tauri::command]
pub async fn reveal_leader_phone(state: State<'_, AppState>, id: String) -> CmdResult<String> {
    state.read(|c| contacts::reveal_leader_phone(c, &id))
}

#[tauri::command]
pub async fn list_contact_points(
    state: State<'_, AppState>,
) -> CmdResult<Vec<contacts::ContactPointView>> {
    let today = ctx().today();
    state.read(|c| contacts::contact_points(c, today))
}

#[tauri::command]
pub async fn create_contact_point(
    state: State<'_, AppState>,
    input: contacts::ContactPointInput,
) -> CmdResult<contacts::ContactPointView> {
    state.write(|tx| contacts::create_point(tx, &input))
}

#[tauri::command]
pub async fn update_contact_point(
    state: State<'_, AppState>,
    id: String,
    input: contacts::ContactPointInput,
) -> CmdResult<contacts::ContactPointView> {
    state.write(|tx| contacts::update_point(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_contact_point(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| contacts::delete_point(tx, &id))
}

#[tauri::command]
pub async fn contact_coverage(state: State<'_, AppState>) -> CmdResult<contacts::Coverage> {
    let today = ctx().today();
    state.read(|c| contacts::coverage(c, today))
}

#[tauri::command]
pub async fn list_visits(
    state: State<'_, AppState>,
    contact_point_id: String,
) -> CmdResult<Vec<contacts::VisitView>> {
    let today = ctx().today();
    state.read(|c| contacts::visits(c, &contact_point_id, today))
}

#[tauri::command]
pub async fn create_visit(
    state: State<'_, AppState>,
    input: contacts::VisitInput,
) -> CmdResult<contacts::VisitView> {
    state.write(|tx| contacts::create_visit(tx, &input))
}

#[tauri::command]
pub async fn update_visit(
    state: State<'_, AppState>,
    id: String,
    input: contacts::VisitInput,
) -> CmdResult<contacts::VisitView> {
    state.write(|tx| contacts::update_visit(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_visit(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| contacts::delete_visit(tx, &id))
}

#[tauri::command]
pub async fn demand_from_visit(
    state: State<'_, AppState>,
    visit_id: String,
    input: demands::DemandInput,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::from_visit(tx, &visit_id, &input))
}

#[tauri::command]
pub async fn list_demands(
    state: State<'_, AppState>,
    query: demands::DemandQuery,
) -> CmdResult<Vec<demands::DemandView>> {
    let today = ctx().today();
    state.read(|c| demands::demands(c, &query, today))
}

#[tauri::command]
pub async fn get_demand(state: State<'_, AppState>, id: String) -> CmdResult<demands::DemandView> {
    let today = ctx().today();
    state.read(|c| demands::demand(c, &id, today))
}

#[tauri::command]
pub async fn create_demand(
    state: State<'_, AppState>,
    input: demands::DemandInput,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::create_demand(tx, &input))
}

#[tauri::command]
pub async fn update_demand(
    state: State<'_, AppState>,
    id: String,
    input: demands::DemandInput,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::update_demand(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_demand(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_demand(tx, &id))
}

#[tauri::command]
pub async fn escalate_demand(
    state: State<'_, AppState>,
    id: String,
    level: String,
    date: String,
    reason: String,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::escalate(tx, &id, &level, &date, &reason))
}

#[tauri::command]
pub async fn reveal_demand_phone(state: State<'_, AppState>, id: String) -> CmdResult<String> {
    state.read(|c| demands::reveal_phone(c, &id))
}

#[tauri::command]
pub async fn demand_stats(state: State<'_, AppState>) -> CmdResult<demands::Stats> {
    let today = ctx().today();
    state.read(|c| demands::stats(c, today))
}

#[tauri::command]
pub async fn list_working_groups(
    state: State<'_, AppState>,
) -> CmdResult<Vec<demands::WorkingGroupView>> {
    state.read(demands::working_groups)
}

#[tauri::command]
pub async fn create_working_group(
    state: State<'_, AppState>,
    input: demands::WorkingGroupInput,
) -> CmdResult<demands::WorkingGroupView> {
    state.write(|tx| demands::create_group(tx, &input))
}

#[tauri::command]
pub async fn update_working_group(
    state: State<'_, AppState>,
    id: String,
    input: demands::WorkingGroupInput,
) -> CmdResult<demands::WorkingGroupView> {
    state.write(|tx| demands::update_group(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_working_group(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_group(tx, &id))
}

#[tauri::command]
pub async fn list_working_meetings(
    state: State<'_, AppState>,
    group_id: String,
) -> CmdResult<Vec<demands::WorkingMeetingView>> {
    let today = ctx().today();
    state.read(|c| demands::working_meetings(c, &group_id, today))
}

#[tauri::command]
pub async fn create_working_meeting(
    state: State<'_, AppState>,
    input: demands::WorkingMeetingInput,
) -> CmdResult<demands::WorkingMeetingView> {
    state.write(|tx| demands::create_working_meeting(tx, &input))
}

#[tauri::command]
pub async fn update_working_meeting(
    state: State<'_, AppState>,
    id: String,
    input: demands::WorkingMeetingInput,
) -> CmdResult<demands::WorkingMeetingView> {
    state.write(|tx| demands::update_working_meeting(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_working_meeting(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_working_meeting(tx, &id))
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn move_demand(
    state: State<'_, AppState>,
    id: String,
    to: String,
    date: String,
    reason: String,
    department_id: String,
    result: String,
    satisfaction: String,
) -> CmdResult<demands::DemandView> {
    let m = demands::Move {
        to,
        date,
        reason,
        department_id,
        result,
        satisfaction,
    };
    state.write(|tx| demands::move_to(tx, &id, &m))
}
