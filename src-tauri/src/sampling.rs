//! Commands for 季度抽查 and 检查记录 (issue 16, items 4–5, core `sampling/`): the
//! inspectors' roster, the quarter's draw (previewed, drawn, verified, its public
//! notice), inspections and the half-year's grid progress. Inspection photos go
//! through `attachments.rs`, as every kind's files. As everywhere in the shell: take
//! the state, call one core function, map the error.

use gridledger_core::sampling::inspections::{
    self, ChecklistItem, GridProgress, InspectionInput, InspectionView,
};
use gridledger_core::sampling::{
    self, Draw, InspectorInput, InspectorView, Notice, SampleInput, SampleView,
};
use gridledger_core::store::recycle::Entry;

use crate::{ctx, db, CmdResult};

commands! {
    state;
    fn list_inspectors() -> Vec<InspectorView> = state.read(sampling::inspectors);
    fn create_inspector(input: InspectorInput) -> InspectorView =
        state.write(|tx| sampling::create_inspector(tx, &input));
    fn update_inspector(id: String, input: InspectorInput) -> InspectorView =
        state.write(|tx| sampling::update_inspector(tx, &id, &input));
    fn delete_inspector(id: String) -> Entry =
        state.write(|tx| sampling::delete_inspector(tx, &id));
    fn list_samples() -> Vec<SampleView> = state.read(sampling::samples);
    fn preview_sample(input: SampleInput) -> Draw =
        state.read(|conn| sampling::preview_sample(conn, &input));
    fn draw_sample(input: SampleInput) -> SampleView =
        state.write(|tx| sampling::draw_sample(tx, &input));
    fn verify_sample(id: String) -> bool = state.read(|conn| sampling::verify_sample(conn, &id));
    fn sample_notice(quarter: String) -> Notice =
        state.read(|conn| sampling::notice(conn, &quarter));
}

#[gridledger_macros::command]
pub async fn inspection_checklist() -> CmdResult<Vec<ChecklistItem>> {
    Ok(inspections::checklist())
}

commands! {
    state;
    fn list_inspections() -> Vec<InspectionView> =
        state.read(|conn| inspections::inspections(conn, Some(db(&state))));
    fn create_inspection(input: InspectionInput) -> InspectionView =
        state.write(|tx| inspections::create_inspection(tx, Some(db(&state)), &input));
    fn update_inspection(id: String, input: InspectionInput) -> InspectionView =
        state.write(|tx| inspections::update_inspection(tx, Some(db(&state)), &id, &input));
    fn delete_inspection(id: String) -> Entry =
        state.write(|tx| inspections::delete_inspection(tx, &id));
    fn grid_inspection_progress(half: String) -> GridProgress = {
        let half = if half.trim().is_empty() {
            sampling::HalfYear::of(ctx().today()).to_string()
        } else {
            half
        };
        state.read(|conn| inspections::grid_progress(conn, &half))
    };
}
