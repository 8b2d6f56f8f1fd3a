//! Commands for training (培训, core `training/`): sessions, their participants,
//! coverage and a person's training record. As everywhere in the shell: take the
//! state, call one core function, map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::training;

use crate::ctx;

commands! {
    state;
    fn list_training_sessions() -> Vec<training::SessionView> = state.read(training::sessions);
    fn create_training_session(input: training::SessionInput) -> training::SessionView =
        state.write(|tx| training::create_session(tx, &input));
    fn update_training_session(id: String, input: training::SessionInput) -> training::SessionView =
        state.write(|tx| training::update_session(tx, &id, &input));
    fn delete_training_session(id: String) -> Entry =
        state.write(|tx| training::delete_session(tx, &id));
    fn list_training_participants(session_id: String) -> Vec<training::ParticipantView> =
        state.read(|c| training::participants(c, &session_id));
    fn add_training_participant(input: training::ParticipantInput) -> training::ParticipantView =
        state.write(|tx| training::add_participant(tx, &input));
    fn add_training_people(session_id: String, person_ids: Vec<String>) -> usize =
        state.write(|tx| training::add_people(tx, &session_id, &person_ids));
    fn delete_training_participant(id: String) -> Entry =
        state.write(|tx| training::delete_participant(tx, &id));
    fn training_coverage(period: Option<String>) -> training::Coverage = {
        let today = ctx().today();
        let period = period.unwrap_or_default();
        state.read(|c| training::coverage_in(c, &period, today))
    };
    fn person_training_record(person_id: String) -> training::PersonRecord = {
        let today = ctx().today();
        state.read(|c| training::person_record(c, &person_id, today))
    };
}
