//! Commands for 专项整治 (clean-ups, core `rectification/`): one set for the four
//! registers (工作机制, 挂牌, 证明事项, 借调人员), chosen by `register`, and the 回头看
//! re-checks. Their evidence files go through `attachments.rs`, as every kind's. As
//! everywhere in the shell: take the state, call one core function, map the error.

use gridledger_core::rectification::{
    self as rect, EntryInput, EntryView, RecheckInput, RecheckView, Register,
};
use gridledger_core::store::recycle::Entry;

use crate::{ctx, db};

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
