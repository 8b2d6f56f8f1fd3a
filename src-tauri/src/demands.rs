//! Commands for demands (诉求, core `demands/`): departments, demands and their steps,
//! follow-ups, and the coordination mechanism (协调机制). As everywhere in the shell: take
//! the state, call one core function, map the error.

use gridledger_core::demands;
use gridledger_core::party::FollowUp;
use gridledger_core::store::recycle::Entry;
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn contact_options() -> CmdResult<demands::Options> {
    Ok(demands::options())
}
#[gridledger_macros::command]
pub async fn list_departments(
    state: State<'_, AppState>,
) -> CmdResult<Vec<demands::DepartmentView>> {
    state.read(demands::departments)
}
#[gridledger_macros::command]
pub async fn create_department(
    state: State<'_, AppState>,
    input: demands::DepartmentInput,
) -> CmdResult<demands::DepartmentView> {
    state.write(|tx| demands::create_department(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_department(
    state: State<'_, AppState>,
    id: String,
    input: demands::DepartmentInput,
) -> CmdResult<demands::DepartmentView> {
    state.write(|tx| demands::update_department(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_department(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_department(tx, &id))
}
#[gridledger_macros::command]
pub async fn demand_from_visit(
    state: State<'_, AppState>,
    visit_id: String,
    input: demands::DemandInput,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::from_visit(tx, &visit_id, &input))
}
#[gridledger_macros::command]
pub async fn list_demands(
    state: State<'_, AppState>,
    query: demands::DemandQuery,
) -> CmdResult<Vec<demands::DemandView>> {
    let today = ctx().today();
    state.read(|c| demands::demands(c, &query, today))
}
#[gridledger_macros::command]
pub async fn get_demand(state: State<'_, AppState>, id: String) -> CmdResult<demands::DemandView> {
    let today = ctx().today();
    state.read(|c| demands::demand(c, &id, today))
}
#[gridledger_macros::command]
pub async fn create_demand(
    state: State<'_, AppState>,
    input: demands::DemandInput,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::create_demand(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_demand(
    state: State<'_, AppState>,
    id: String,
    input: demands::DemandInput,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::update_demand(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_demand(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_demand(tx, &id))
}
#[gridledger_macros::command]
pub async fn escalate_demand(
    state: State<'_, AppState>,
    id: String,
    level: String,
    date: String,
    reason: String,
) -> CmdResult<demands::DemandView> {
    state.write(|tx| demands::escalate(tx, &id, &level, &date, &reason))
}
#[gridledger_macros::command]
pub async fn reveal_demand_phone(state: State<'_, AppState>, id: String) -> CmdResult<String> {
    state.read(|c| demands::reveal_phone(c, &id))
}
#[gridledger_macros::command]
pub async fn demand_stats(
    state: State<'_, AppState>,
    period: Option<String>,
) -> CmdResult<demands::Stats> {
    let today = ctx().today();
    let period = period.unwrap_or_default();
    state.read(|c| demands::stats_in(c, &period, today))
}
#[gridledger_macros::command]
pub async fn list_working_groups(
    state: State<'_, AppState>,
) -> CmdResult<Vec<demands::WorkingGroupView>> {
    state.read(demands::working_groups)
}
#[gridledger_macros::command]
pub async fn create_working_group(
    state: State<'_, AppState>,
    input: demands::WorkingGroupInput,
) -> CmdResult<demands::WorkingGroupView> {
    state.write(|tx| demands::create_group(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_working_group(
    state: State<'_, AppState>,
    id: String,
    input: demands::WorkingGroupInput,
) -> CmdResult<demands::WorkingGroupView> {
    state.write(|tx| demands::update_group(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_working_group(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_group(tx, &id))
}
#[gridledger_macros::command]
pub async fn list_working_meetings(
    state: State<'_, AppState>,
    group_id: String,
) -> CmdResult<Vec<demands::WorkingMeetingView>> {
    let today = ctx().today();
    state.read(|c| demands::working_meetings(c, &group_id, today))
}
#[gridledger_macros::command]
pub async fn create_working_meeting(
    state: State<'_, AppState>,
    input: demands::WorkingMeetingInput,
) -> CmdResult<demands::WorkingMeetingView> {
    state.write(|tx| demands::create_working_meeting(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_working_meeting(
    state: State<'_, AppState>,
    id: String,
    input: demands::WorkingMeetingInput,
) -> CmdResult<demands::WorkingMeetingView> {
    state.write(|tx| demands::update_working_meeting(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_working_meeting(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| demands::delete_working_meeting(tx, &id))
}
#[gridledger_macros::command]
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
#[gridledger_macros::command]
pub async fn list_follow_ups(
    state: State<'_, AppState>,
    only_open: bool,
    kind: Option<String>,
) -> CmdResult<Vec<FollowUp>> {
    let today = ctx().today();
    let kind = kind.unwrap_or_default();
    state.read(|c| {
        let of = gridledger_core::demands::FollowUpsOf::parse(&kind)?;
        gridledger_core::demands::follow_ups_of(c, of, only_open, today)
    })
}
#[gridledger_macros::command]
pub async fn set_follow_up_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
    done_on: String,
) -> CmdResult<FollowUp> {
    state.write(|tx| gridledger_core::demands::set_follow_up(tx, &id, &status, &done_on))
}
