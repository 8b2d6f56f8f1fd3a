//! Commands for the people registry (core `people/`): records, history, the roster
//! export and grid coverage. As everywhere in the shell: take the state, call one core
//! function, map the error.

use std::path::PathBuf;

use gridledger_core::people::coverage::{self, Coverage};
use gridledger_core::people::{
    self, roster, HistoryEvent, Page, PeopleOptions, Person, PersonInput, PersonQuery, Saved,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime};

use crate::{blocking, ctx, CmdResult};

#[gridledger_macros::command]
pub async fn people_options() -> CmdResult<PeopleOptions> {
    Ok(people::options())
}

commands! {
    state;
    fn list_people(query: PersonQuery) -> Page = state.read(|c| people::list(c, &query));
    /// Every id the query matches, on every page ("select all matching" before a batch action).
    fn matching_people_ids(query: PersonQuery) -> Vec<String> =
        state.read(|c| people::matching_ids(c, &query));
    fn get_person(id: String) -> Person = state.read(|c| people::get(c, &id));
    fn person_history(id: String) -> Vec<HistoryEvent> = state.read(|c| people::history(c, &id));
    /// Corrects the day of a 调岗, 离岗 or 复岗 in the 履历; the 履历 as it then stands.
    fn redate_person_change(id: String, event_id: String, date: String) -> Vec<HistoryEvent> =
        state.write(|tx| people::redate_change(tx, &id, &event_id, &date));
    fn create_person(input: PersonInput) -> Saved = state.write(|tx| people::create(tx, &input));
    fn update_person(id: String, input: PersonInput) -> Saved =
        state.write(|tx| people::update(tx, &id, &input));
    fn delete_person(id: String) -> Entry =
        state.write(|tx| gridledger_core::kinds::delete_person(tx, &id));
    /// Why the person cannot be deleted now, or null (asked before 确定删除).
    fn person_delete_blocked(id: String) -> Option<String> =
        state.read(|c| gridledger_core::kinds::person_delete_blocked(c, &id));
    fn reveal_person_field(id: String, field: String) -> String =
        state.read(|c| people::reveal(c, &id, &field));
}

#[gridledger_macros::command]
pub async fn export_people_xlsx<R: Runtime>(
    app: AppHandle<R>,
    query: PersonQuery,
    unmasked: bool,
    path: String,
) -> CmdResult<usize> {
    let out = PathBuf::from(path);
    roster::check_xlsx_path(&out).map_err(|e| e.payload())?;
    let ctx = ctx();
    blocking(&app, move |state| {
        let n =
            state.with_store_waiting(|s| roster::export_xlsx(s, &ctx, &query, unmasked, &out))?;
        state.wrote(&out);
        Ok(n)
    })
    .await
}

commands! {
    state;
    fn grid_coverage() -> Coverage = state.read(coverage::grid_coverage);
    fn list_pipeline_events(person_id: String) -> Vec<people::pipeline::PipelineView> =
        state.read(|c| people::pipeline::events_of(c, &person_id));
    fn add_pipeline_event(
        input: people::pipeline::PipelineInput,
    ) -> people::pipeline::PipelineView = state.write(|tx| people::pipeline::add_event(tx, &input));
    fn delete_pipeline_event(id: String) -> Entry =
        state.write(|tx| people::pipeline::delete_event(tx, &id));
    fn pipeline_summary() -> people::pipeline::Summary = {
        let today = ctx().today();
        state.read(|c| people::pipeline::summary(c, today))
    };
}
