//! Commands for the people registry (core `people/`): records, history, the roster
//! export and grid coverage. As everywhere in the shell: take the state, call one core
//! function, map the error.

use std::path::PathBuf;

use gridledger_core::people::coverage::{self, Coverage};
use gridledger_core::people::{
    self, roster, HistoryEvent, Page, PeopleOptions, Person, PersonInput, PersonQuery, Saved,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn people_options() -> CmdResult<PeopleOptions> {
    Ok(people::options())
}
#[gridledger_macros::command]
pub async fn list_people(state: State<'_, AppState>, query: PersonQuery) -> CmdResult<Page> {
    state.read(|c| people::list(c, &query))
}
/// Every id the query matches, on every page ("select all matching" before a batch action).
#[gridledger_macros::command]
pub async fn matching_people_ids(
    state: State<'_, AppState>,
    query: PersonQuery,
) -> CmdResult<Vec<String>> {
    state.read(|c| people::matching_ids(c, &query))
}
#[gridledger_macros::command]
pub async fn get_person(state: State<'_, AppState>, id: String) -> CmdResult<Person> {
    state.read(|c| people::get(c, &id))
}
#[gridledger_macros::command]
pub async fn person_history(
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Vec<HistoryEvent>> {
    state.read(|c| people::history(c, &id))
}
#[gridledger_macros::command]
pub async fn create_person(state: State<'_, AppState>, input: PersonInput) -> CmdResult<Saved> {
    state.write(|tx| people::create(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> CmdResult<Saved> {
    state.write(|tx| people::update(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_person(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| people::delete(tx, &id))
}
#[gridledger_macros::command]
pub async fn reveal_person_field(
    state: State<'_, AppState>,
    id: String,
    field: String,
) -> CmdResult<String> {
    state.read(|c| people::reveal(c, &id, &field))
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
#[gridledger_macros::command]
pub async fn grid_coverage(state: State<'_, AppState>) -> CmdResult<Coverage> {
    state.read(coverage::grid_coverage)
}
#[gridledger_macros::command]
pub async fn list_pipeline_events(
    state: State<'_, AppState>,
    person_id: String,
) -> CmdResult<Vec<people::pipeline::PipelineView>> {
    state.read(|c| people::pipeline::events_of(c, &person_id))
}
#[gridledger_macros::command]
pub async fn add_pipeline_event(
    state: State<'_, AppState>,
    input: people::pipeline::PipelineInput,
) -> CmdResult<people::pipeline::PipelineView> {
    state.write(|tx| people::pipeline::add_event(tx, &input))
}
#[gridledger_macros::command]
pub async fn delete_pipeline_event(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| people::pipeline::delete_event(tx, &id))
}
#[gridledger_macros::command]
pub async fn pipeline_summary(state: State<'_, AppState>) -> CmdResult<people::pipeline::Summary> {
    let today = ctx().today();
    state.read(|c| people::pipeline::summary(c, today))
}
