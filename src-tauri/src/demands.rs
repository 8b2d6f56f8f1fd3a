//! Commands for demands (诉求, core `demands/`): departments, demands and their steps,
//! follow-ups, and the coordination mechanism (协调机制). As everywhere in the shell: take
//! the state, call one core function, map the error.

use gridledger_core::demands;
use gridledger_core::party::FollowUp;
use gridledger_core::store::recycle::Entry;

use crate::{ctx, CmdResult};

#[gridledger_macros::command]
pub async fn contact_options() -> CmdResult<demands::Options> {
    Ok(demands::options())
}

commands! {
    state;
    fn list_departments() -> Vec<demands::DepartmentView> = state.read(demands::departments);
    fn create_department(input: demands::DepartmentInput) -> demands::DepartmentView =
        state.write(|tx| demands::create_department(tx, &input));
    fn update_department(id: String, input: demands::DepartmentInput) -> demands::DepartmentView =
        state.write(|tx| demands::update_department(tx, &id, &input));
    fn delete_department(id: String) -> Entry =
        state.write(|tx| demands::delete_department(tx, &id));
    fn demand_from_visit(visit_id: String, input: demands::DemandInput) -> demands::DemandView =
        state.write(|tx| demands::from_visit(tx, &visit_id, &input));
    fn list_demands(query: demands::DemandQuery) -> Vec<demands::DemandView> = {
        let today = ctx().today();
        state.read(|c| demands::demands(c, &query, today))
    };
    fn get_demand(id: String) -> demands::DemandView = {
        let today = ctx().today();
        state.read(|c| demands::demand(c, &id, today))
    };
    fn create_demand(input: demands::DemandInput) -> demands::DemandView =
        state.write(|tx| demands::create_demand(tx, &input));
    fn update_demand(id: String, input: demands::DemandInput) -> demands::DemandView =
        state.write(|tx| demands::update_demand(tx, &id, &input));
    fn delete_demand(id: String) -> Entry = state.write(|tx| demands::delete_demand(tx, &id));
    fn escalate_demand(
        id: String,
        level: String,
        date: String,
        reason: String,
    ) -> demands::DemandView = state.write(|tx| demands::escalate(tx, &id, &level, &date, &reason));
    fn reveal_demand_phone(id: String) -> String = state.read(|c| demands::reveal_phone(c, &id));
    fn demand_stats(period: Option<String>) -> demands::Stats = {
        let today = ctx().today();
        let period = period.unwrap_or_default();
        state.read(|c| demands::stats_in(c, &period, today))
    };
    fn received_demands() -> Vec<gridledger_core::exchange::report::ReceivedDemand> =
        state.read(gridledger_core::exchange::report::received_demands);
    fn list_working_groups() -> Vec<demands::WorkingGroupView> =
        state.read(demands::working_groups);
    fn create_working_group(input: demands::WorkingGroupInput) -> demands::WorkingGroupView =
        state.write(|tx| demands::create_group(tx, &input));
    fn update_working_group(
        id: String,
        input: demands::WorkingGroupInput,
    ) -> demands::WorkingGroupView = state.write(|tx| demands::update_group(tx, &id, &input));
    fn delete_working_group(id: String) -> Entry = state.write(|tx| demands::delete_group(tx, &id));
    fn list_working_meetings(group_id: String) -> Vec<demands::WorkingMeetingView> = {
        let today = ctx().today();
        state.read(|c| demands::working_meetings(c, &group_id, today))
    };
    fn create_working_meeting(input: demands::WorkingMeetingInput) -> demands::WorkingMeetingView =
        state.write(|tx| demands::create_working_meeting(tx, &input));
    fn update_working_meeting(
        id: String,
        input: demands::WorkingMeetingInput,
    ) -> demands::WorkingMeetingView =
        state.write(|tx| demands::update_working_meeting(tx, &id, &input));
    fn delete_working_meeting(id: String) -> Entry =
        state.write(|tx| demands::delete_working_meeting(tx, &id));
    #[allow(clippy::too_many_arguments)]
    fn move_demand(
        id: String,
        to: String,
        date: String,
        reason: String,
        department_id: String,
        result: String,
        satisfaction: String,
    ) -> demands::DemandView = {
        let m = demands::Move {
            to,
            date,
            reason,
            department_id,
            result,
            satisfaction,
        };
        state.write(|tx| demands::move_to(tx, &id, &m))
    };
    fn redate_demand_step(id: String, date: String, index: Option<usize>) -> demands::DemandView =
        state.write(|tx| demands::redate_step(tx, &id, &date, index));
    fn list_follow_ups(only_open: bool, kind: Option<String>) -> Vec<FollowUp> = {
        let today = ctx().today();
        let kind = kind.unwrap_or_default();
        state.read(|c| {
            let of = gridledger_core::demands::FollowUpsOf::parse(&kind)?;
            gridledger_core::demands::follow_ups_of(c, of, only_open, today)
        })
    };
    fn set_follow_up_status(id: String, status: String, done_on: String) -> FollowUp =
        state.write(|tx| gridledger_core::demands::set_follow_up(tx, &id, &status, &done_on));
}
