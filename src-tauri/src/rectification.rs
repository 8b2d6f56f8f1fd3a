//! Commands for 专项整治 (clean-ups, core `rectification/`): one set for the four
//! registers (工作机制, 挂牌, 证明事项, 借调人员), chosen by `register`, with their
//! evidence files, and the 回头看 re-checks. As everywhere in the shell: take the
//! state, call one core function, map the error.

use std::path::Path;

use gridledger_core::rectification::{
    self as rect, EntryInput, EntryView, RecheckInput, RecheckView, Register,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime};

use crate::{ctx, db, write_files, CmdResult};

commands! {
    state;
    fn list_cleanup_entries(register: String) -> Vec<EntryView> = {
        let today = ctx().today();
        let path = db(&state).to_path_buf();
        state.read(|c| rect::entries(c, Some(&path), Register::parse(&register)?, today))
    };
    fn create_cleanup_entry(register: String, input: EntryInput) -> EntryView =
        state.write(|tx| rect::create_entry(tx, Register::parse(&register)?, &input));
    fn update_cleanup_entry(register: String, id: String, input: EntryInput) -> EntryView =
        state.write(|tx| rect::update_entry(tx, Register::parse(&register)?, &id, &input));
    fn delete_cleanup_entry(register: String, id: String) -> Entry =
        state.write(|tx| rect::delete_entry(tx, Register::parse(&register)?, &id));
}

#[gridledger_macros::command]
pub async fn attach_cleanup_file<R: Runtime>(
    app: AppHandle<R>,
    register: String,
    id: String,
    path: String,
) -> CmdResult<EntryView> {
    write_files(&app, move |tx, db| {
        let register = Register::parse(&register)?;
        rect::add_evidence(tx, db, register, &id, Path::new(path.trim()))
    })
    .await
}

commands! {
    state;
    fn remove_cleanup_attachment(register: String, id: String, hash: String) -> EntryView = {
        state.write(|tx| {
            let register = Register::parse(&register)?;
            rect::remove_evidence(tx, Some(db(&state)), register, &id, &hash)
        })
    };
    fn list_rechecks(register: String) -> Vec<RecheckView> = {
        state.read(|c| {
            let register = match register.trim() {
                "" => None,
                r => Some(Register::parse(r)?),
            };
            rect::rechecks(c, register)
        })
    };
    fn create_recheck(input: RecheckInput) -> RecheckView =
        state.write(|tx| rect::create_recheck(tx, &input));
    fn update_recheck(id: String, input: RecheckInput) -> RecheckView =
        state.write(|tx| rect::update_recheck(tx, &id, &input));
    fn delete_recheck(id: String) -> Entry = state.write(|tx| rect::delete_recheck(tx, &id));
}
