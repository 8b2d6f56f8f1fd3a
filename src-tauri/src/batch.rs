//! Commands for batch actions on lists (core `batch`): one command, the action named
//! in its input. One transaction for the whole batch, as everywhere a write.

use gridledger_core::batch::{self, BatchInput, Outcome};

commands! {
    state;
    fn batch_apply(input: BatchInput) -> Outcome = state.write(|tx| batch::run_input(tx, &input));
}
