//! Commands for the hierarchy (core `hierarchy/`): units, business grids (多格合一) and the
//! data check. As everywhere in the shell: take the state, call one core function, map
//! the error.

use gridledger_core::hierarchy::business_grids::{
    self, BaseGridMerge, BusinessGrid, BusinessGridInput,
};
use gridledger_core::hierarchy::check::{self, CheckReport};
use gridledger_core::hierarchy::{self, Unit, UnitInput};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_units(state: State<'_, AppState>) -> CmdResult<Vec<Unit>> {
    state.read(hierarchy::list)
}
#[gridledger_macros::command]
pub async fn create_unit(state: State<'_, AppState>, input: UnitInput) -> CmdResult<Unit> {
    state.write(|tx| hierarchy::create(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_unit(
    state: State<'_, AppState>,
    id: String,
    input: UnitInput,
) -> CmdResult<Unit> {
    state.write(|tx| hierarchy::update(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn move_unit(
    state: State<'_, AppState>,
    id: String,
    new_parent_id: Option<String>,
) -> CmdResult<Unit> {
    state.write(|tx| hierarchy::move_to(tx, &id, new_parent_id.as_deref()))
}
#[gridledger_macros::command]
pub async fn delete_unit(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| gridledger_core::kinds::delete_unit(tx, &id))
}
#[gridledger_macros::command]
pub async fn suggest_unit_code(
    state: State<'_, AppState>,
    kind: String,
    parent_id: Option<String>,
) -> CmdResult<String> {
    state.read(|c| hierarchy::suggest_code(c, &kind, parent_id.as_deref()))
}
#[gridledger_macros::command]
pub async fn check_database<R: Runtime>(app: AppHandle<R>) -> CmdResult<CheckReport> {
    blocking(&app, |state| state.read(check::run)).await
}
#[gridledger_macros::command]
pub async fn list_business_grids(state: State<'_, AppState>) -> CmdResult<Vec<BusinessGrid>> {
    state.read(business_grids::list)
}
#[gridledger_macros::command]
pub async fn create_business_grid(
    state: State<'_, AppState>,
    input: BusinessGridInput,
) -> CmdResult<BusinessGrid> {
    state.write(|tx| business_grids::create(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_business_grid(
    state: State<'_, AppState>,
    id: String,
    input: BusinessGridInput,
) -> CmdResult<BusinessGrid> {
    state.write(|tx| business_grids::update(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_business_grid(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| business_grids::delete(tx, &id))
}
#[gridledger_macros::command]
pub async fn set_business_grid_mapping(
    state: State<'_, AppState>,
    id: String,
    base_grid_id: String,
    merged_on: String,
) -> CmdResult<BusinessGrid> {
    state.write(|tx| business_grids::set_mapping(tx, &id, &base_grid_id, &merged_on))
}
#[gridledger_macros::command]
pub async fn remove_business_grid_mapping(
    state: State<'_, AppState>,
    id: String,
    base_grid_id: String,
) -> CmdResult<BusinessGrid> {
    state.write(|tx| business_grids::remove_mapping(tx, &id, &base_grid_id))
}
#[gridledger_macros::command]
pub async fn business_grids_by_base_grid(
    state: State<'_, AppState>,
) -> CmdResult<Vec<BaseGridMerge>> {
    state.read(business_grids::by_base_grid)
}
