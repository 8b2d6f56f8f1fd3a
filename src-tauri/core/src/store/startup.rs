//! Opening the database when the app starts: a damaged file is set aside (never
//! deleted or overwritten) and the latest good backup is offered; a database from
//! a newer version is refused unchanged.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::ErrorCode;
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::store::backup::{self, BackupInfo};
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    pub set_aside_path: String,
    pub latest_backup: Option<BackupInfo>,
}

pub struct Opened {
    pub store: Store,
    pub recovery: Option<Recovery>,
}

fn is_damage(e: &Error, path: &Path) -> bool {
    match e {
        // A header that is not SQLite's: damage only if the file is shaped like a
        // database (whole pages); anything else (a text file named by mistake) is
        // left where it is, untouched.
        Error::NotADatabase(_) => std::fs::metadata(path)
            .map(|m| m.len() >= 512 && m.len() % 512 == 0)
            .unwrap_or(false),
        Error::Storage(rusqlite::Error::SqliteFailure(f, _)) => {
            matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
        }
        _ => false,
    }
}

fn quick_check(conn: &rusqlite::Connection) -> Result<()> {
    let r: Vec<String> = conn
        .prepare("PRAGMA quick_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if r == ["ok"] {
        Ok(())
    } else {
        Err(Error::Storage(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(r.join("; ")),
        )))
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Renames the damaged file and its `-wal`/`-shm` companions together, so the
/// set-aside copy can still be opened by an expert.
fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let tag = format!(".damaged-{}", now.format("%Y%m%dT%H%M%SZ"));
    let target = with_suffix(path, &tag);
    for companion in ["-wal", "-shm"] {
        let from = with_suffix(path, companion);
        if from.exists() {
            let to = with_suffix(&target, companion);
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
    }
    std::fs::rename(path, &target).map_err(|e| Error::io(path, e))?;
    Ok(target)
}

/// Left beside the database when the check after start found it damaged: the next
/// start checks before opening, and sets the file aside.
fn check_failed_marker(path: &Path) -> PathBuf {
    with_suffix(path, ".check-failed")
}

/// Opens the app's database, setting a damaged one aside. Neither the whole-file
/// check nor the start-up backup runs here: each reads the whole database, and the
/// window would wait for them (a third of a second at 100,000 people, seconds at a
/// million). Opening still refuses a file whose header or schema is damaged; the
/// shell runs [`start_up_backup`] (check, then backup) once the window is usable,
/// and a damage it finds is set aside at the next start, which checks first.
pub fn open_for_app(path: &Path, now: DateTime<Utc>) -> Result<Opened> {
    let marker = check_failed_marker(path);
    let must_check = marker.exists();
    let first = Store::open(path).and_then(|s| {
        if must_check {
            quick_check(s.conn())?;
        }
        Ok(s)
    });
    let (store, recovery) = match first {
        Ok(store) => {
            if must_check {
                // Checked again and whole (a false alarm, or mended by hand).
                let _ = std::fs::remove_file(&marker);
            }
            (store, None)
        }
        Err(e) if is_damage(&e, path) => {
            let set_aside_path = set_aside(path, now)?;
            let _ = std::fs::remove_file(&marker);
            let latest_backup = backup::list_for(path)?
                .into_iter()
                .find(|b| backup::verify(Path::new(&b.path)).is_ok());
            let store = Store::open(path)?;
            (
                store,
                Some(Recovery {
                    set_aside_path: set_aside_path.display().to_string(),
                    latest_backup,
                }),
            )
        }
        Err(e) => return Err(e),
    };
    Ok(Opened { store, recovery })
}

/// After the window is usable, on its own read-only connection: the whole-file check
/// (`PRAGMA quick_check`), then the start-up backup ([`backup::after_start`]:
/// nothing when nothing changed). A damaged file is not backed up: the check leaves
/// a marker so the next start sets the file aside and offers the latest good
/// backup. `Err` is the sentence to show; the app keeps working.
pub fn start_up_backup(
    path: &Path,
    now: DateTime<Utc>,
) -> std::result::Result<Option<BackupInfo>, String> {
    let checked = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(Error::from)
    .and_then(|c| quick_check(&c));
    if let Err(e) = checked {
        let _ = std::fs::write(check_failed_marker(path), e.to_string());
        return Err(format!(
            "检查发现数据库文件已损坏（{e}）。请不要继续录入，先关闭软件再重新打开：软件会把损坏的文件放到一边（不会删除），并提供最近一次完好的备份来恢复。"
        ));
    }
    backup::after_start(path, now).map_err(|e| format!("启动时的自动备份没有成功：{e}"))
}
