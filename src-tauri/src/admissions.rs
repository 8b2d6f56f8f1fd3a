//! Commands for admissions (准入事项, core `admissions/`): the list with its filters
//! and counts, create/update/delete, and the steps. As everywhere in the shell: take
//! the state, call one core function, map the error. "Today" (for 应退出) is the
//! office's local day.

use gridledger_core::admissions;
use gridledger_core::store::recycle::Entry;

use crate::ctx;

commands! {
    state;
    fn list_admissions(query: admissions::AdmissionQuery) -> Vec<admissions::AdmissionView> = {
        let today = ctx().today();
        state.read(|c| admissions::admissions(c, &query, today))
    };
    fn admission_counts() -> admissions::AdmissionCounts = {
        let today = ctx().today();
        state.read(|c| admissions::admission_counts(c, today))
    };
    fn create_admission(input: admissions::AdmissionInput) -> admissions::AdmissionView =
        state.write(|tx| admissions::create_admission(tx, &input));
    fn update_admission(
        id: String,
        input: admissions::AdmissionInput,
    ) -> admissions::AdmissionView =
        state.write(|tx| admissions::update_admission(tx, &id, &input));
    fn delete_admission(id: String) -> Entry =
        state.write(|tx| admissions::delete_admission(tx, &id));
    fn move_admission(id: String, step: admissions::Move) -> admissions::AdmissionView =
        state.write(|tx| admissions::move_to(tx, &id, &step));
}
