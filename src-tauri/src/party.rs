//! Commands for party building (党建, core `party/`). As everywhere in the shell: take
//! the state, call one core function, map the error.

use std::path::PathBuf;

use gridledger_core::party::{
    self, BranchInput, BranchView, CommitteeInput, CommitteeView, MeetingInput, MeetingView,
    MemberInput, MemberView, Options, PartTimeCounts, Sanliang,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime};

use crate::{ctx, db, write_files, CmdResult};

#[gridledger_macros::command]
pub async fn party_options() -> CmdResult<Options> {
    Ok(party::options())
}

commands! {
    state;
    fn sanliang_list(only_missing: bool) -> Sanliang =
        state.read(|c| party::sanliang(c, Some(db(&state)), only_missing));
    fn save_party_branch(compound_id: String, input: BranchInput) -> BranchView =
        state.write(|tx| party::save_branch(tx, Some(db(&state)), &compound_id, &input));
}

#[gridledger_macros::command]
pub async fn set_branch_photo<R: Runtime>(
    app: AppHandle<R>,
    compound_id: String,
    path: String,
) -> CmdResult<BranchView> {
    let photo = (!path.trim().is_empty()).then(|| PathBuf::from(path.trim()));
    write_files(&app, move |tx, db| {
        party::set_branch_photo(tx, db, &compound_id, photo.as_deref())
    })
    .await
}

commands! {
    state;
    fn list_committees() -> Vec<CommitteeView> = state.read(party::committees);
    fn create_committee(input: CommitteeInput) -> CommitteeView =
        state.write(|tx| party::create_committee(tx, &input));
    fn update_committee(id: String, input: CommitteeInput) -> CommitteeView =
        state.write(|tx| party::update_committee(tx, &id, &input));
    fn delete_committee(id: String) -> Entry = state.write(|tx| party::delete_committee(tx, &id));
    fn create_committee_member(input: MemberInput) -> MemberView =
        state.write(|tx| party::create_member(tx, &input));
    fn update_committee_member(id: String, input: MemberInput) -> MemberView =
        state.write(|tx| party::update_member(tx, &id, &input));
    fn delete_committee_member(id: String) -> Entry =
        state.write(|tx| party::delete_member(tx, &id));
    fn part_time_counts() -> PartTimeCounts = {
        let today = ctx().today();
        state.read(|c| party::part_time_counts(c, today))
    };
    fn list_joint_meetings(committee_id: String, period: String) -> Vec<MeetingView> = {
        let today = ctx().today();
        state.read(|c| party::meetings(c, &committee_id, &period, today))
    };
    fn create_joint_meeting(input: MeetingInput) -> MeetingView =
        state.write(|tx| party::create_meeting(tx, &input));
    fn update_joint_meeting(id: String, input: MeetingInput) -> MeetingView =
        state.write(|tx| party::update_meeting(tx, &id, &input));
    fn delete_joint_meeting(id: String) -> Entry = state.write(|tx| party::delete_meeting(tx, &id));
    /// Opens a stored evidence file with the system's viewer.
    fn open_attachment(hash: String) -> () = {
        let file = state.read(|c| party::attachment_file(c, db(&state), &hash))?;
        crate::sheets::system_open(&file, false)
    };
}
