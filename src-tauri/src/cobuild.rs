//! Commands for co-building (共建, core `cobuild/`): partner units and projects
//! (their evidence files go through `attachments.rs`, as every kind's). As everywhere
//! in the shell: take the state, call one core function, map the error.

use gridledger_core::cobuild::{
    self, Move, PartnerUnitInput, PartnerUnitView, ProjectInput, ProjectQuery, ProjectView,
};
use gridledger_core::store::recycle::Entry;

use crate::{ctx, db};

commands! {
    state;
    fn list_partner_units() -> Vec<PartnerUnitView> = state.read(cobuild::partner_units);
    fn create_partner_unit(input: PartnerUnitInput) -> PartnerUnitView =
        state.write(|tx| cobuild::create_partner(tx, &input));
    fn update_partner_unit(id: String, input: PartnerUnitInput) -> PartnerUnitView =
        state.write(|tx| cobuild::update_partner(tx, &id, &input));
    fn delete_partner_unit(id: String) -> Entry =
        state.write(|tx| cobuild::delete_partner(tx, &id));
    fn reveal_partner_phone(id: String) -> String = state.read(|c| cobuild::reveal_phone(c, &id));
    fn list_projects(query: ProjectQuery) -> Vec<ProjectView> =
        state.read(|c| cobuild::projects(c, Some(db(&state)), &query, ctx().today()));
    fn get_project(id: String) -> ProjectView =
        state.read(|c| cobuild::project(c, Some(db(&state)), &id, ctx().today()));
    fn create_project(input: ProjectInput) -> ProjectView =
        state.write(|tx| cobuild::create_project(tx, Some(db(&state)), &input));
    fn update_project(id: String, input: ProjectInput) -> ProjectView =
        state.write(|tx| cobuild::update_project(tx, Some(db(&state)), &id, &input));
    fn delete_project(id: String) -> Entry = state.write(|tx| cobuild::delete_project(tx, &id));
    fn claim_project(id: String, partner_unit_id: String, claimed_on: String) -> ProjectView =
        state.write(|tx| cobuild::claim(tx, Some(db(&state)), &id, &partner_unit_id, &claimed_on));
    fn unclaim_project(id: String, partner_unit_id: String, on: Option<String>) -> ProjectView =
        state.write(|tx| {
            cobuild::unclaim(
                tx,
                Some(db(&state)),
                &id,
                &partner_unit_id,
                on.as_deref().unwrap_or(""),
            )
        });
    #[allow(clippy::too_many_arguments)]
    fn move_project(
        id: String,
        to: String,
        date: String,
        reason: String,
        score: Option<i64>,
        evaluation: String,
    ) -> ProjectView = {
        let m = Move {
            to,
            date,
            reason,
            score,
            evaluation,
        };
        state.write(|tx| cobuild::move_to(tx, Some(db(&state)), &id, &m))
    };
    fn redate_project_step(id: String, date: String, index: Option<usize>) -> ProjectView =
        state.write(|tx| cobuild::redate_step(tx, Some(db(&state)), &id, &date, index));
}
