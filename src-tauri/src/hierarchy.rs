//! Commands for the hierarchy (core `hierarchy/`): units, business grids (多格合一) and the
//! data check. As everywhere in the shell: take the state, call one core function, map
//! the error.

use gridledger_core::hierarchy::adjust::{self, DissolveInput, DissolvedUnit};
use gridledger_core::hierarchy::business_grids::{
    self, BaseGridMerge, BusinessGrid, BusinessGridInput,
};
use gridledger_core::hierarchy::check::CheckReport;
use gridledger_core::hierarchy::{self, Unit, UnitInput};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime};

use crate::{blocking, CmdResult};

commands! {
    state;
    fn list_units() -> Vec<Unit> = state.read(hierarchy::list);
    fn create_unit(input: UnitInput) -> Unit = state.write(|tx| hierarchy::create(tx, &input));
    fn update_unit(id: String, input: UnitInput) -> Unit =
        state.write(|tx| hierarchy::update(tx, &id, &input));
    fn move_unit(id: String, new_parent_id: Option<String>) -> Unit =
        state.write(|tx| hierarchy::move_to(tx, &id, new_parent_id.as_deref()));
    fn delete_unit(id: String) -> Entry =
        state.write(|tx| gridledger_core::kinds::delete_unit(tx, &id));
    fn dissolve_unit(id: String, input: DissolveInput) -> DissolvedUnit =
        state.write(|tx| gridledger_core::kinds::dissolve_unit(tx, &id, &input));
    fn unit_dissolve_refusal(id: String) -> Option<String> =
        state.read(|c| gridledger_core::kinds::unit_dissolve_refusal(c, &id));
    fn reinstate_unit(id: String) -> Unit = state.write(|tx| adjust::reinstate(tx, &id));
    fn list_dissolved_units() -> Vec<DissolvedUnit> = state.read(adjust::dissolved);
    fn unit_delete_refusal(id: String) -> Option<String> =
        state.read(|c| gridledger_core::kinds::unit_delete_refusal(c, &id));
    fn suggest_unit_code(kind: String, parent_id: Option<String>, area_type: Option<String>) -> String =
        state.read(|c| {
            hierarchy::suggest_code(c, &kind, parent_id.as_deref(), area_type.as_deref())
        });
}

#[gridledger_macros::command]
pub async fn check_database<R: Runtime>(app: AppHandle<R>) -> CmdResult<CheckReport> {
    blocking(&app, |state| {
        state.read(gridledger_core::exchange::report::check)
    })
    .await
}

commands! {
    state;
    fn list_business_grids() -> Vec<BusinessGrid> = state.read(business_grids::list);
    fn create_business_grid(input: BusinessGridInput) -> BusinessGrid =
        state.write(|tx| business_grids::create(tx, &input));
    fn update_business_grid(id: String, input: BusinessGridInput) -> BusinessGrid =
        state.write(|tx| business_grids::update(tx, &id, &input));
    fn delete_business_grid(id: String) -> Entry =
        state.write(|tx| business_grids::delete(tx, &id));
    fn set_business_grid_mapping(
        id: String,
        base_grid_id: String,
        merged_on: String,
    ) -> BusinessGrid =
        state.write(|tx| business_grids::set_mapping(tx, &id, &base_grid_id, &merged_on));
    fn remove_business_grid_mapping(id: String, base_grid_id: String) -> BusinessGrid =
        state.write(|tx| business_grids::remove_mapping(tx, &id, &base_grid_id));
    fn business_grids_by_base_grid() -> Vec<BaseGridMerge> =
        state.read(business_grids::by_base_grid);
}
