//! Commands for the grid matter list (网格事项参考清单), the claims (认领) and the
//! load per grid and grid worker (负担). As everywhere in the shell: take the state,
//! call one core function, map the error.

use gridledger_core::gridmatters::{self, ClaimInput, GridMatterInput};
use gridledger_core::store::recycle::Entry;
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_grid_matters(
    state: State<'_, AppState>,
) -> CmdResult<Vec<gridmatters::GridMatterView>> {
    state.read(gridmatters::grid_matters)
}

#[gridledger_macros::command]
pub async fn create_grid_matter(
    state: State<'_, AppState>,
    input: GridMatterInput,
) -> CmdResult<gridmatters::GridMatterView> {
    state.write(|tx| gridmatters::create_grid_matter(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_grid_matter(
    state: State<'_, AppState>,
    id: String,
    input: GridMatterInput,
) -> CmdResult<gridmatters::GridMatterView> {
    state.write(|tx| gridmatters::update_grid_matter(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_grid_matter(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| gridmatters::delete_grid_matter(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_grid_matter_claims(
    state: State<'_, AppState>,
) -> CmdResult<Vec<gridmatters::ClaimView>> {
    state.read(gridmatters::claims)
}

#[gridledger_macros::command]
pub async fn grid_matter_claim_matrix(
    state: State<'_, AppState>,
) -> CmdResult<gridmatters::ClaimMatrix> {
    state.read(gridmatters::claim_matrix)
}

#[gridledger_macros::command]
pub async fn create_grid_matter_claim(
    state: State<'_, AppState>,
    input: ClaimInput,
) -> CmdResult<gridmatters::ClaimView> {
    state.write(|tx| gridmatters::create_claim(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_grid_matter_claim(
    state: State<'_, AppState>,
    id: String,
    input: ClaimInput,
) -> CmdResult<gridmatters::ClaimView> {
    state.write(|tx| gridmatters::update_claim(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_grid_matter_claim(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| gridmatters::delete_claim(tx, &id))
}

/// 首页's figures of the load today (how many grid workers, their summed load, the
/// heaviest), asked after the first figures are on screen: not every worker's list.
#[gridledger_macros::command]
pub async fn grid_matter_load_summary(
    state: State<'_, AppState>,
) -> CmdResult<Option<gridmatters::LoadSummary>> {
    let today = ctx().today();
    state
        .read(|c| gridmatters::load_summary(c, today, gridledger_core::admissions::outside_matters))
}

/// The load on `asOf` (empty or absent: today): the villages' claimed list items
/// plus the admitted matters (准入) in force on that day.
#[gridledger_macros::command]
pub async fn grid_matter_load(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> CmdResult<gridmatters::Load> {
    let today = ctx().today();
    let as_of = as_of.unwrap_or_default();
    state.read(|c| {
        gridmatters::load_on(
            c,
            &as_of,
            today,
            gridledger_core::admissions::outside_matters,
        )
    })
}
