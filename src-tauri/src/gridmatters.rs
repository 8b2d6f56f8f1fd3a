//! Commands for the grid matter list (网格事项参考清单), the claims (认领) and the
//! load per grid and grid worker (负担). As everywhere in the shell: take the state,
//! call one core function, map the error.

use gridledger_core::gridmatters::{self, ClaimInput, GridMatterInput};
use gridledger_core::store::recycle::Entry;

use crate::ctx;

commands! {
    state;
    fn list_grid_matters() -> Vec<gridmatters::GridMatterView> = {
        let today = ctx().today();
        state.read(|c| gridmatters::grid_matters(c, today))
    };
    fn create_grid_matter(input: GridMatterInput) -> gridmatters::GridMatterView =
        state.write(|tx| gridmatters::create_grid_matter(tx, &input));
    fn update_grid_matter(id: String, input: GridMatterInput) -> gridmatters::GridMatterView =
        state.write(|tx| gridmatters::update_grid_matter(tx, &id, &input));
    fn delete_grid_matter(id: String) -> Entry =
        state.write(|tx| gridmatters::delete_grid_matter(tx, &id));
    fn list_grid_matter_claims() -> Vec<gridmatters::ClaimView> = state.read(gridmatters::claims);
    fn grid_matter_claim_matrix() -> gridmatters::ClaimMatrix = {
        let today = ctx().today();
        state.read(|c| gridmatters::claim_matrix(c, today))
    };
    fn create_grid_matter_claim(input: ClaimInput) -> gridmatters::ClaimView =
        state.write(|tx| gridmatters::create_claim(tx, &input));
    fn update_grid_matter_claim(id: String, input: ClaimInput) -> gridmatters::ClaimView =
        state.write(|tx| gridmatters::update_claim(tx, &id, &input));
    fn delete_grid_matter_claim(id: String) -> Entry =
        state.write(|tx| gridmatters::delete_claim(tx, &id));
    /// 首页's figures of the load today (how many grid workers, their summed load, the
    /// heaviest), asked after the first figures are on screen: not every worker's list.
    fn grid_matter_load_summary() -> Option<gridmatters::LoadSummary> = {
        let today = ctx().today();
        let outside = gridledger_core::admissions::outside_matters;
        state.read(|c| gridmatters::load_summary(c, today, outside))
    };
    /// The load on `asOf` (empty or absent: today): the villages' claimed list items
    /// plus the admitted matters (准入) in force on that day.
    fn grid_matter_load(as_of: Option<String>) -> gridmatters::Load = {
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
    };
}
