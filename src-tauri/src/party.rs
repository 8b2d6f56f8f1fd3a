//! Commands for party building (党建, core `party/`). As everywhere in the shell: take
//! the state, call one core function, map the error.

use std::path::PathBuf;

use gridledger_core::party::{
    self, BranchInput, BranchView, CommitteeInput, CommitteeView, MeetingInput, MeetingView,
    MemberInput, MemberView, Options, PartTimeCounts, Sanliang,
};
use gridledger_core::store::recycle::Entry;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, ctx, db, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn party_options() -> CmdResult<Options> {
    Ok(party::options())
}
#[gridledger_macros::command]
pub async fn sanliang_list(state: State<'_, AppState>, only_missing: bool) -> CmdResult<Sanliang> {
    state.read(|c| party::sanliang(c, Some(db(&state)), only_missing))
}
#[gridledger_macros::command]
pub async fn save_party_branch(
    state: State<'_, AppState>,
    compound_id: String,
    input: BranchInput,
) -> CmdResult<BranchView> {
    state.write(|tx| party::save_branch(tx, Some(db(&state)), &compound_id, &input))
}
#[gridledger_macros::command]
pub async fn set_branch_photo<R: Runtime>(
    app: AppHandle<R>,
    compound_id: String,
    path: String,
) -> CmdResult<BranchView> {
    let photo = (!path.trim().is_empty()).then(|| PathBuf::from(path.trim()));
    let ctx = ctx();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| {
            s.write(&ctx, |tx| {
                party::set_branch_photo(tx, db(state), &compound_id, photo.as_deref())
            })
        })
    })
    .await
}
#[gridledger_macros::command]
pub async fn list_committees(state: State<'_, AppState>) -> CmdResult<Vec<CommitteeView>> {
    state.read(party::committees)
}
#[gridledger_macros::command]
pub async fn create_committee(
    state: State<'_, AppState>,
    input: CommitteeInput,
) -> CmdResult<CommitteeView> {
    state.write(|tx| party::create_committee(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_committee(
    state: State<'_, AppState>,
    id: String,
    input: CommitteeInput,
) -> CmdResult<CommitteeView> {
    state.write(|tx| party::update_committee(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_committee(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| party::delete_committee(tx, &id))
}
#[gridledger_macros::command]
pub async fn create_committee_member(
    state: State<'_, AppState>,
    input: MemberInput,
) -> CmdResult<MemberView> {
    state.write(|tx| party::create_member(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_committee_member(
    state: State<'_, AppState>,
    id: String,
    input: MemberInput,
) -> CmdResult<MemberView> {
    state.write(|tx| party::update_member(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_committee_member(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| party::delete_member(tx, &id))
}
#[gridledger_macros::command]
pub async fn part_time_counts(state: State<'_, AppState>) -> CmdResult<PartTimeCounts> {
    state.read(party::part_time_counts)
}
#[gridledger_macros::command]
pub async fn list_joint_meetings(
    state: State<'_, AppState>,
    committee_id: String,
    period: String,
) -> CmdResult<Vec<MeetingView>> {
    let today = ctx().today();
    state.read(|c| party::meetings(c, &committee_id, &period, today))
}
#[gridledger_macros::command]
pub async fn create_joint_meeting(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> CmdResult<MeetingView> {
    state.write(|tx| party::create_meeting(tx, &input))
}
#[gridledger_macros::command]
pub async fn update_joint_meeting(
    state: State<'_, AppState>,
    id: String,
    input: MeetingInput,
) -> CmdResult<MeetingView> {
    state.write(|tx| party::update_meeting(tx, &id, &input))
}
#[gridledger_macros::command]
pub async fn delete_joint_meeting(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| party::delete_meeting(tx, &id))
}
/// Opens a stored evidence file with the system's viewer.
#[gridledger_macros::command]
pub async fn open_attachment(state: State<'_, AppState>, hash: String) -> CmdResult<()> {
    let file = state.read(|c| party::attachment_file(c, db(&state), &hash))?;
    crate::sheets::system_open(&file, false)
}
