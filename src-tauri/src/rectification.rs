//! Commands for 专项整治 (clean-ups, core `rectification/`): one set for the four
//! registers (工作机制, 挂牌, 证明事项, 借调人员), chosen by `register`, with their
//! evidence files, and the 回头看 re-checks. As everywhere in the shell: take the
//! state, call one core function, map the error.

use std::path::Path;

use gridledger_core::rectification::{
    self as rect, EntryInput, EntryView, RecheckInput, RecheckView, Register,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, ctx, db, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_cleanup_entries(
    state: State<'_, AppState>,
    register: String,
) -> CmdResult<Vec<EntryView>> {
    let today = ctx().today();
    let path = db(&state).to_path_buf();
    state.read(|c| rect::entries(c, Some(&path), Register::parse(&register)?, today))
}
#[gridledger_macros::command]
pub async fn create_cleanup_entry(
    state: State<'_, AppState>,
    register: String,
    input: EntryInput,
) -> CmdResult<EntryView> {
    state.write(|tx| rect::create_entry(tx, Register::parse(&register)?, &input))
}
#[gridledger_macros::command]
pub async fn update_cleanup_entry(
    state: State<'_, AppState>,
    register: String,
    id: String,
    input: EntryInput,
) -> CmdResult<EntryView> {
    state.write(|tx| rect::update_entry(tx, Register::parse(&register)?, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_cleanup_entry(
    state: State<'_, AppState>,
    register: String,
    id: String,
) -> CmdResult<Entry> {
    state.write(|tx| rect::delete_entry(tx, Register::parse(&register)?, &id))
}
#[gridledger_macros::command]
pub async fn attach_cleanup_file<R: Runtime>(
    app: AppHandle<R>,
    register: String,
    id: String,
    path: String,
) -> CmdResult<EntryView> {
    let ctx = ctx();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| {
            s.write(&ctx, |tx| {
                let register = Register::parse(&register)?;
                rect::add_evidence(tx, db(state), register, &id, Path::new(path.trim()))
            })
        })
    })
    .await
}
#[gridledger_macros::command]
pub async fn remove_cleanup_attachment(
    state: State<'_, AppState>,
    register: String,
    id: String,
    hash: String,
) -> CmdResult<EntryView> {
    state.write(|tx| {
        let register = Register::parse(&register)?;
        rect::remove_evidence(tx, Some(db(&state)), register, &id, &hash)
    })
}
#[gridledger_macros::command]
pub async fn list_rechecks(
    state: State<'_, AppState>,
    register: String,
) -> CmdResult<Vec<RecheckView>> {
    state.read(|c| {
        let register = match register.trim() {
            "" => None,
            r => Some(Register::parse(r)?),
        };
        rect::rechecks(c, register)
    })
}
#[gridledger_macros::command]
pub async fn create_recheck(
    state: State<'_, AppState>,
    input: RecheckInput,
) -> CmdResult<RecheckView> {
    state.write(|tx| rect::create_recheck(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_recheck(
    state: State<'_, AppState>,
    id: String,
    input: RecheckInput,
) -> CmdResult<RecheckView> {
    state.write(|tx| rect::update_recheck(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_recheck(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| rect::delete_recheck(tx, &id))
}
