//! Commands for 季度抽查 and 检查记录 (issue 16, items 4–5, core `sampling/`): the
//! inspectors' roster, the quarter's draw (previewed, drawn, verified, its public
//! notice), inspections with photos and the half-year's grid progress. As
//! everywhere in the shell: take the state, call one core function, map the error.

use std::path::Path;

use gridledger_core::sampling::inspections::{
    self, ChecklistItem, GridProgress, InspectionInput, InspectionView,
};
use gridledger_core::sampling::{
    self, Draw, InspectorInput, InspectorView, Notice, SampleInput, SampleView,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, ctx, db, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_inspectors(state: State<'_, AppState>) -> CmdResult<Vec<InspectorView>> {
    state.read(sampling::inspectors)
}

#[gridledger_macros::command]
pub async fn create_inspector(
    state: State<'_, AppState>,
    input: InspectorInput,
) -> CmdResult<InspectorView> {
    state.write(|tx| sampling::create_inspector(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_inspector(
    state: State<'_, AppState>,
    id: String,
    input: InspectorInput,
) -> CmdResult<InspectorView> {
    state.write(|tx| sampling::update_inspector(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_inspector(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| sampling::delete_inspector(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_samples(state: State<'_, AppState>) -> CmdResult<Vec<SampleView>> {
    state.read(sampling::samples)
}

#[gridledger_macros::command]
pub async fn preview_sample(state: State<'_, AppState>, input: SampleInput) -> CmdResult<Draw> {
    state.read(|conn| sampling::preview_sample(conn, &input))
}

#[gridledger_macros::command]
pub async fn draw_sample(state: State<'_, AppState>, input: SampleInput) -> CmdResult<SampleView> {
    state.write(|tx| sampling::draw_sample(tx, &input))
}

#[gridledger_macros::command]
pub async fn verify_sample(state: State<'_, AppState>, id: String) -> CmdResult<bool> {
    state.read(|conn| sampling::verify_sample(conn, &id))
}

#[gridledger_macros::command]
pub async fn sample_notice(state: State<'_, AppState>, quarter: String) -> CmdResult<Notice> {
    state.read(|conn| sampling::notice(conn, &quarter))
}

#[gridledger_macros::command]
pub async fn inspection_checklist() -> CmdResult<Vec<ChecklistItem>> {
    Ok(inspections::checklist())
}

#[gridledger_macros::command]
pub async fn list_inspections(state: State<'_, AppState>) -> CmdResult<Vec<InspectionView>> {
    state.read(|conn| inspections::inspections(conn, Some(db(&state))))
}

#[gridledger_macros::command]
pub async fn create_inspection(
    state: State<'_, AppState>,
    input: InspectionInput,
) -> CmdResult<InspectionView> {
    state.write(|tx| inspections::create_inspection(tx, Some(db(&state)), &input))
}

#[gridledger_macros::command]
pub async fn update_inspection(
    state: State<'_, AppState>,
    id: String,
    input: InspectionInput,
) -> CmdResult<InspectionView> {
    state.write(|tx| inspections::update_inspection(tx, Some(db(&state)), &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_inspection(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| inspections::delete_inspection(tx, &id))
}

#[gridledger_macros::command]
pub async fn attach_inspection_photo<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    path: String,
) -> CmdResult<InspectionView> {
    let ctx = ctx();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| {
            s.write(&ctx, |tx| {
                inspections::attach(tx, db(state), &id, Path::new(path.trim()))
            })
        })
    })
    .await
}

#[gridledger_macros::command]
pub async fn remove_inspection_photo(
    state: State<'_, AppState>,
    id: String,
    hash: String,
) -> CmdResult<InspectionView> {
    state.write(|tx| inspections::remove_attachment(tx, Some(db(&state)), &id, &hash))
}

#[gridledger_macros::command]
pub async fn grid_inspection_progress(
    state: State<'_, AppState>,
    half: String,
) -> CmdResult<GridProgress> {
    let half = if half.trim().is_empty() {
        sampling::HalfYear::of(ctx().today()).to_string()
    } else {
        half
    };
    state.read(|conn| inspections::grid_progress(conn, &half))
}
