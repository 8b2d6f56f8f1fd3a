//! Commands for batch actions on lists (core `batch`): one command, the action named
//! in its input. One transaction for the whole batch, as everywhere a write.

use gridledger_core::batch::{self, BatchInput, Outcome};
use tauri::State;

use crate::{AppState, CmdResult};

#[gridledger_macros::command]
pub async fn batch_apply(state: State<'_, AppState>, input: BatchInput) -> CmdResult<Outcome> {
    state.write(|tx| batch::run_input(tx, &input))
}
