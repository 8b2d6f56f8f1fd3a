//! Commands for spreadsheets (core `sheets/`, through the list of kinds in core
//! `kinds`): the file choosers, Excel import of every kind and export by kind. As
//! everywhere in the shell: take the state, call one core function, map the error.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use gridledger_core::people::roster;
use gridledger_core::sheets::import::{self, Preview, Summary};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use gridledger_core::Error;

use crate::dialog::{self, Choose};
use crate::{blocking, ctx, CmdResult};

/// The system's open dialog ([`dialog`]). Commands themselves always take explicit
/// paths.
#[gridledger_macros::command]
pub async fn choose_open_file<R: Runtime>(
    app: AppHandle<R>,
    title: String,
    kind: Option<String>,
) -> CmdResult<Option<String>> {
    let d = dialog::titled(&title);
    // Evidence files (photos, PDF, Office documents) may be anything; a backup
    // copied from another PC may have been renamed.
    let d = match kind.as_deref() {
        Some("any") => d,
        Some("backup") => d
            .add_filter("备份文件（.db）", &["db"])
            .add_filter("所有文件", &["*"]),
        _ => d.add_filter("表格文件（Excel、CSV）", &["xlsx", "xls", "csv"]),
    };
    Ok(dialog::choose(&app, d, Choose::File).await.pop())
}

#[gridledger_macros::command]
pub async fn choose_save_file<R: Runtime>(
    app: AppHandle<R>,
    title: String,
    default_name: String,
    kind: Option<String>,
) -> CmdResult<Option<String>> {
    let (filter, ext): (&str, &[&str]) = match kind.as_deref() {
        Some("zip") => ("交换文件", &["zip"]),
        _ => ("Excel 工作簿", &["xlsx"]),
    };
    let d = dialog::titled(&title)
        .set_file_name(default_name)
        .add_filter(filter, ext);
    Ok(dialog::choose(&app, d, Choose::Save).await.pop())
}
/// A path typed in a 保存到 box, checked before the work starts (not a whole path,
/// a missing folder, a name too long or with a symbol Windows refuses …): true when
/// a file is there already, which the window asks about before replacing it. A
/// package (`kind` zip) may go into a folder.
#[gridledger_macros::command]
pub async fn check_save_path(path: String, kind: Option<String>) -> CmdResult<bool> {
    // An exchange package may be written into a folder, named anew.
    let (exts, folder_ok): (&[&str], bool) = match kind.as_deref() {
        Some("zip") => (&["zip"], true),
        _ => (&["xlsx"], false),
    };
    gridledger_core::base::outfile::check_typed_target(std::path::Path::new(&path), exts, folder_ok)
        .map_err(|e| e.payload())
}

fn kind(name: &str) -> CmdResult<gridledger_core::kinds::ImportKind> {
    gridledger_core::kinds::ImportKind::parse(name).map_err(|e| e.payload())
}

#[gridledger_macros::command]
pub async fn import_template<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: String,
) -> CmdResult<()> {
    let out = PathBuf::from(path);
    let k = self::kind(&kind)?;
    blocking(&app, move |state| {
        k.write_template(&out).map_err(|e| e.payload())?;
        state.wrote(&out);
        Ok(())
    })
    .await
}

#[gridledger_macros::command]
pub async fn import_preview<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: String,
    sheet: Option<String>,
    given: Option<Given>,
) -> CmdResult<Preview> {
    let k = self::kind(&kind)?;
    let today = ctx().today();
    let path = PathBuf::from(&path);
    let given = given.unwrap_or_default();
    blocking(&app, move |state| {
        let given = pairs(&given);
        state.read(|c| k.preview(c, source(&path, &sheet, &given), today))
    })
    .await
}

/// Values for columns the file lacks, by column key (`import::Source::given`).
type Given = std::collections::BTreeMap<String, String>;

fn pairs(given: &Given) -> Vec<(&str, &str)> {
    given
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The file and the worksheet the clerk picked (none: the first visible one), and
/// the values given for columns it lacks.
fn source<'a>(
    path: &'a std::path::Path,
    sheet: &'a Option<String>,
    given: &'a [(&'a str, &'a str)],
) -> import::Source<'a> {
    import::Source {
        path,
        sheet: sheet.as_deref().filter(|s| !s.is_empty()),
        given,
    }
}

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[gridledger_macros::command]
pub async fn import_commit<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: String,
    sheet: Option<String>,
    leave_out: Option<Vec<usize>>,
    given: Option<Given>,
) -> CmdResult<Summary> {
    let k = self::kind(&kind)?;
    let ctx = ctx();
    let path = PathBuf::from(&path);
    let emitter = app.clone();
    let given = given.unwrap_or_default();
    blocking(&app, move |state| {
        let given = pairs(&given);
        state.import_cancel.store(false, Ordering::SeqCst);
        let cancel = &state.import_cancel;
        let leave_out = leave_out.unwrap_or_default();
        state.with_store_waiting(|s| {
            k.commit_backed_up(
                s,
                &ctx,
                source(&path, &sheet, &given),
                cancel,
                &mut |done, total| {
                    let _ = emitter.emit("import-progress", Progress { done, total });
                },
                &leave_out,
            )
        })
    })
    .await
}

commands! {
    state;
    fn import_cancel() -> () = {
        state.import_cancel.store(true, Ordering::SeqCst);
        Ok(())
    };
}

#[gridledger_macros::command]
pub async fn import_error_workbook<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: String,
    out: String,
    sheet: Option<String>,
    given: Option<Given>,
) -> CmdResult<usize> {
    let k = self::kind(&kind)?;
    let out = PathBuf::from(out);
    roster::check_xlsx_path(&out).map_err(|e| e.payload())?;
    let today = ctx().today();
    let path = PathBuf::from(&path);
    let given = given.unwrap_or_default();
    blocking(&app, move |state| {
        let given = pairs(&given);
        let n = state
            .read(|c| k.write_error_workbook(c, source(&path, &sheet, &given), &out, today))?;
        state.wrote(&out);
        Ok(n)
    })
    .await
}

#[gridledger_macros::command]
pub async fn export_party_xlsx<R: Runtime>(
    app: AppHandle<R>,
    kind: String,
    path: String,
    period: Option<String>,
) -> CmdResult<usize> {
    let period = period.unwrap_or_default();
    crate::write_xlsx(&app, path, move |c, path, today| {
        gridledger_core::kinds::export_xlsx_in(c, &kind, path, today, &period)
    })
    .await
}

/// 导出全部台账: every list into one workbook, a titled sheet per list.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedAll {
    sheets: usize,
    rows: usize,
}

#[gridledger_macros::command]
pub async fn export_all_xlsx<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> CmdResult<ExportedAll> {
    let counts = crate::write_xlsx(&app, path, gridledger_core::kinds::export_all_xlsx).await?;
    Ok(ExportedAll {
        sheets: counts.len(),
        rows: counts.iter().map(|(_, n)| n).sum(),
    })
}

commands! {
    state;
    /// 打开文件 / 打开所在文件夹 after an export: only a file this window's exports
    /// wrote (never a path the page makes up).
    fn open_exported(path: String, folder: bool) -> () = {
        let path = PathBuf::from(path);
        if !state.did_write(&path) {
            return Err(Error::Refused("只能打开本软件刚导出的文件。".into()).payload());
        }
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "文件“{}”已不在原处（可能已被移动或删除）。",
                path.display()
            ))
            .payload());
        }
        system_open(&path, folder)
    };
}

/// Opens `file` with the system's program for it, or (`folder`) shows it in its
/// folder. The path goes to the program as one argument, never through a shell.
pub(crate) fn system_open(file: &std::path::Path, folder: bool) -> CmdResult<()> {
    let mut cmd;
    if cfg!(target_os = "windows") {
        cmd = std::process::Command::new("explorer.exe");
        if folder {
            cmd.arg(format!("/select,{}", file.display()));
        } else {
            cmd.arg(file);
        }
    } else if cfg!(target_os = "macos") {
        cmd = std::process::Command::new("open");
        if folder {
            cmd.arg("-R");
        }
        cmd.arg(file);
    } else {
        cmd = std::process::Command::new("xdg-open");
        match (folder, file.parent()) {
            (true, Some(dir)) => cmd.arg(dir),
            _ => cmd.arg(file),
        };
    }
    cmd.spawn().map(|_| ()).map_err(|e| {
        Error::Refused(format!(
            "没有能打开这个文件的程序（{e}）。文件在：{}",
            file.display()
        ))
        .payload()
    })
}
