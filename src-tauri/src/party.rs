//! Commands for party building (党建) and co-building (共建). As everywhere in the
//! shell: take the state, call one core function, map the error.

use std::path::{Path, PathBuf};

use gridledger_core::cobuild::{
    self, Move, PartnerUnitInput, PartnerUnitView, ProjectInput, ProjectQuery, ProjectView,
};
use gridledger_core::party::{
    self, BranchInput, BranchView, CommitteeInput, CommitteeView, FollowUp, MeetingInput,
    MeetingView, MemberInput, MemberView, Options, PartTimeCounts, Sanliang,
};
use gridledger_core::people::roster;
use gridledger_core::store::recycle::Entry;
use gridledger_core::Error;
use tauri::{AppHandle, Runtime, State};

use crate::{blocking, ctx, AppState, CmdResult};

fn db(state: &AppState) -> &Path {
    &state.db_path
}

#[tauri::command]
pub async fn party_options() -> CmdResult<Options> {
    Ok(party::options())
}

#[tauri::command]
pub async fn sanliang_list(state: State<'_, AppState>, only_missing: bool) -> CmdResult<Sanliang> {
    state.read(|c| party::sanliang(c, Some(db(&state)), only_missing))
}

#[tauri::command]
pub async fn save_party_branch(
    state: State<'_, AppState>,
    compound_id: String,
    input: BranchInput,
) -> CmdResult<BranchView> {
    state.write(|tx| party::save_branch(tx, Some(db(&state)), &compound_id, &input))
}

#[tauri::command]
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

#[tauri::command]
pub async fn list_committees(state: State<'_, AppState>) -> CmdResult<Vec<CommitteeView>> {
    state.read(party::committees)
}

#[tauri::command]
pub async fn create_committee(
    state: State<'_, AppState>,
    input: CommitteeInput,
) -> CmdResult<CommitteeView> {
    state.write(|tx| party::create_committee(tx, &input))
}

#[tauri::command]
pub async fn update_committee(
    state: State<'_, AppState>,
    id: String,
    input: CommitteeInput,
) -> CmdResult<CommitteeView> {
    state.write(|tx| party::update_committee(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_committee(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| party::delete_committee(tx, &id))
}

#[tauri::command]
pub async fn create_committee_member(
    state: State<'_, AppState>,
    input: MemberInput,
) -> CmdResult<MemberView> {
    state.write(|tx| party::create_member(tx, &input))
}

#[tauri::command]
pub async fn update_committee_member(
    state: State<'_, AppState>,
    id: String,
    input: MemberInput,
) -> CmdResult<MemberView> {
    state.write(|tx| party::update_member(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_committee_member(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| party::delete_member(tx, &id))
}

#[tauri::command]
pub async fn part_time_counts(state: State<'_, AppState>) -> CmdResult<PartTimeCounts> {
    state.read(party::part_time_counts)
}

#[tauri::command]
pub async fn list_joint_meetings(
    state: State<'_, AppState>,
    committee_id: String,
    year: String,
) -> CmdResult<Vec<MeetingView>> {
    let today = ctx().today();
    state.read(|c| party::meetings(c, &committee_id, &year, today))
}

#[tauri::command]
pub async fn create_joint_meeting(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> CmdResult<MeetingView> {
    state.write(|tx| party::create_meeting(tx, &input))
}

#[tauri::command]
pub async fn update_joint_meeting(
    state: State<'_, AppState>,
    id: String,
    input: MeetingInput,
) -> CmdResult<MeetingView> {
    state.write(|tx| party::update_meeting(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_joint_meeting(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| party::delete_meeting(tx, &id))
}

#[tauri::command]
pub async fn list_follow_ups(
    state: State<'_, AppState>,
    only_open: bool,
) -> CmdResult<Vec<FollowUp>> {
    let today = ctx().today();
    state.read(|c| gridledger_core::demands::follow_ups(c, only_open, today))
}

#[tauri::command]
pub async fn set_follow_up_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
    done_on: String,
) -> CmdResult<FollowUp> {
    state.write(|tx| gridledger_core::demands::set_follow_up(tx, &id, &status, &done_on))
}

#[tauri::command]
pub async fn list_partner_units(state: State<'_, AppState>) -> CmdResult<Vec<PartnerUnitView>> {
    state.read(cobuild::partner_units)
}

#[tauri::command]
pub async fn create_partner_unit(
    state: State<'_, AppState>,
    input: PartnerUnitInput,
) -> CmdResult<PartnerUnitView> {
    state.write(|tx| cobuild::create_partner(tx, &input))
}

#[tauri::command]
pub async fn update_partner_unit(
    state: State<'_, AppState>,
    id: String,
    input: PartnerUnitInput,
) -> CmdResult<PartnerUnitView> {
    state.write(|tx| cobuild::update_partner(tx, &id, &input))
}

#[tauri::command]
pub async fn delete_partner_unit(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| cobuild::delete_partner(tx, &id))
}

#[tauri::command]
pub async fn reveal_partner_phone(state: State<'_, AppState>, id: String) -> CmdResult<String> {
    state.read(|c| cobuild::reveal_phone(c, &id))
}

#[tauri::command]
pub async fn list_projects(
    state: State<'_, AppState>,
    query: ProjectQuery,
) -> CmdResult<Vec<ProjectView>> {
    state.read(|c| cobuild::projects(c, Some(db(&state)), &query))
}

#[tauri::command]
pub async fn get_project(state: State<'_, AppState>, id: String) -> CmdResult<ProjectView> {
    state.read(|c| cobuild::project(c, Some(db(&state)), &id))
}

#[tauri::command]
pub async fn create_project(
    state: State<'_, AppState>,
    input: ProjectInput,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::create_project(tx, Some(db(&state)), &input))
}

#[tauri::command]
pub async fn update_project(
    state: State<'_, AppState>,
    id: String,
    input: ProjectInput,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::update_project(tx, Some(db(&state)), &id, &input))
}

#[tauri::command]
pub async fn delete_project(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| cobuild::delete_project(tx, &id))
}

#[tauri::command]
pub async fn claim_project(
    state: State<'_, AppState>,
    id: String,
    partner_unit_id: String,
    claimed_on: String,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::claim(tx, Some(db(&state)), &id, &partner_unit_id, &claimed_on))
}

#[tauri::command]
pub async fn unclaim_project(
    state: State<'_, AppState>,
    id: String,
    partner_unit_id: String,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::unclaim(tx, Some(db(&state)), &id, &partner_unit_id))
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn move_project(
    state: State<'_, AppState>,
    id: String,
    to: String,
    date: String,
    reason: String,
    score: Option<i64>,
    evaluation: String,
) -> CmdResult<ProjectView> {
    let m = Move {
        to,
        date,
        reason,
        score,
        evaluation,
    };
    state.write(|tx| cobuild::move_to(tx, Some(db(&state)), &id, &m))
}

#[tauri::command]
pub async fn attach_project_file<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    path: String,
) -> CmdResult<ProjectView> {
    let ctx = ctx();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| {
            s.write(&ctx, |tx| {
                cobuild::attach(tx, db(state), &id, Path::new(path.trim()))
            })
        })
    })
    .await
}

#[tauri::command]
pub async fn remove_project_attachment(
    state: State<'_, AppState>,
    id: String,
    hash: String,
) -> CmdResult<ProjectView> {
    state.write(|tx| cobuild::remove_attachment(tx, Some(db(&state)), &id, &hash))
}

/// Opens a stored evidence file with the system's viewer.
#[tauri::command]
pub async fn open_attachment(state: State<'_, AppState>, hash: String) -> CmdResult<()> {
    let file = state.read(|c| party::attachment_file(c, db(&state), &hash))?;
    let spawned = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(&file)
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(&file).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(&file).spawn()
    };
    spawned.map(|_| ()).map_err(|e| {
        Error::Refused(format!(
            "没有能打开这个文件的程序（{e}）。文件在：{}",
            file.display()
        ))
        .payload()
    })
}

#[tauri::command]
pub async fn export_party_xlsx<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: String,
) -> CmdResult<usize> {
    let path = PathBuf::from(path);
    roster::check_xlsx_path(&path).map_err(|e| e.payload())?;
    let today = ctx().today();
    blocking(&app, move |state| {
        state.read(|c| gridledger_core::kinds::export_xlsx(c, &kind, &path, today))
    })
    .await
}
