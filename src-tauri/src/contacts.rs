//! Commands for leader contact points (领导联系点, core `contacts/`): leaders, contact
//! points, coverage and visits. As everywhere in the shell: take the state, call one
//! core function, map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::{contacts, demands};

use crate::ctx;

commands! {
    state;
    fn list_leaders() -> Vec<contacts::LeaderView> = state.read(contacts::leaders);
    fn create_leader(input: contacts::LeaderInput) -> contacts::LeaderView =
        state.write(|tx| contacts::create_leader(tx, &input));
    fn update_leader(id: String, input: contacts::LeaderInput) -> contacts::LeaderView =
        state.write(|tx| contacts::update_leader(tx, &id, &input));
    fn delete_leader(id: String) -> Entry = state.write(|tx| contacts::delete_leader(tx, &id));
    fn reveal_leader_phone(id: String) -> String =
        state.read(|c| contacts::reveal_leader_phone(c, &id));
    fn list_contact_points() -> Vec<contacts::ContactPointView> = {
        let today = ctx().today();
        state.read(|c| contacts::contact_points(c, today))
    };
    fn create_contact_point(input: contacts::ContactPointInput) -> contacts::ContactPointView =
        state.write(|tx| contacts::create_point(tx, &input));
    fn update_contact_point(
        id: String,
        input: contacts::ContactPointInput,
    ) -> contacts::ContactPointView = state.write(|tx| contacts::update_point(tx, &id, &input));
    fn delete_contact_point(id: String) -> Entry =
        state.write(|tx| contacts::delete_point(tx, &id));
    fn contact_coverage() -> contacts::Coverage = {
        let today = ctx().today();
        state.read(|c| contacts::coverage(c, today))
    };
    fn received_contact_coverage() -> Vec<gridledger_core::exchange::report::ReceivedCoverage> =
        state.read(gridledger_core::exchange::report::received_coverage);
    fn list_visits(contact_point_id: String) -> Vec<contacts::VisitView> = {
        let today = ctx().today();
        state.read(|c| contacts::visits(c, &contact_point_id, today, demands::linked_to_visits))
    };
    fn create_visit(input: contacts::VisitInput) -> contacts::VisitView =
        state.write(|tx| contacts::create_visit(tx, &input, demands::linked_to_visits));
    fn update_visit(id: String, input: contacts::VisitInput) -> contacts::VisitView =
        state.write(|tx| contacts::update_visit(tx, &id, &input, demands::linked_to_visits));
    fn delete_visit(id: String) -> Entry = state.write(|tx| contacts::delete_visit(tx, &id));
}
