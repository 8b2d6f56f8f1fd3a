//! Evidence files (附件) on every kind whose records carry them: one set of commands
//! for projects, visits, meetings and inspections alike (`kind` is the kind's table).

use std::path::PathBuf;

use gridledger_core::kinds;
use gridledger_core::store::attachments::{self, Attachment};
use tauri::{AppHandle, Runtime};

use crate::{blocking, db, write_files, CmdResult};

/// Lets the clerk pick several evidence files at once (any type).
#[gridledger_macros::command]
pub async fn choose_evidence_files<R: Runtime>(
    app: AppHandle<R>,
    title: String,
) -> CmdResult<Vec<String>> {
    let d = crate::dialog::titled(&title);
    Ok(crate::dialog::choose(&app, d, crate::dialog::Choose::Files).await)
}

commands! {
    state;
    /// The files on one record.
    fn list_attachments(kind: String, id: String) -> Vec<Attachment> =
        state.read(|c| kinds::attachments(c, Some(db(&state)), &kind, &id));
}

/// Attaches the files at `paths` to one record, all or none; returns its files.
#[gridledger_macros::command]
pub async fn attach_files<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    id: String,
    paths: Vec<String>,
) -> CmdResult<Vec<Attachment>> {
    let files: Vec<PathBuf> = paths.iter().map(|p| PathBuf::from(p.trim())).collect();
    write_files(&app, move |tx, db| {
        kinds::attach_files(tx, db, &kind, &id, &files)?;
        kinds::attachments(tx, Some(db), &kind, &id)
    })
    .await
}

commands! {
    state;
    /// Takes one file off one record; returns its files.
    fn detach_file(kind: String, id: String, hash: String) -> Vec<Attachment> = {
        state.write(|tx| {
            kinds::detach_file(tx, &kind, &id, &hash)?;
            kinds::attachments(tx, Some(db(&state)), &kind, &id)
        })
    };
    /// A picture's thumbnail as a `data:` URL, or null for other files.
    fn attachment_thumbnail(hash: String) -> Option<String> =
        state.read(|_| attachments::thumbnail(db(&state), &hash));
}

/// The content of one stored attachment for the in-app preview (预览), as raw bytes
/// (an `ArrayBuffer` in the window, not JSON). Only content the store took in, by its
/// hash; refused over 50 MB. Read off the async workers: a scan may be large.
#[gridledger_macros::command]
pub async fn attachment_bytes<R: Runtime>(
    app: AppHandle<R>,
    hash: String,
) -> CmdResult<tauri::ipc::Response> {
    let bytes = blocking(&app, move |state| {
        state.read(|c| attachments::preview_bytes(c, db(state), &hash))
    })
    .await?;
    Ok(tauri::ipc::Response::new(bytes))
}
