//! Commands for batch actions on lists (core `batch`): one command, the action named
//! in its input. One transaction for the whole batch, as everywhere a write.

use gridledger_core::batch::{self, BatchInput, Outcome};

commands! {
    state;
    fn batch_apply(input: BatchInput) -> Outcome = state.write(|tx| batch::run_input(tx, &input));
    /// What a batch 公示 / 取消公示 dated `date` would override, said in its dialog
    /// before 确定 (a later 公示 change that then no longer counts); null for none.
    fn batch_publish_overrides(ids: Vec<String>, published: bool, date: String) -> Option<String> =
        state.read(|c| batch::publish_overrides(c, &ids, published, &date));
    /// The base grids a batch 离岗 of `ids` would leave with no 网格员 in post, said
    /// in its dialog before 确定; null for none.
    fn batch_leave_empties(ids: Vec<String>) -> Option<String> =
        state.read(|c| batch::leave_empties(c, &ids));
}
