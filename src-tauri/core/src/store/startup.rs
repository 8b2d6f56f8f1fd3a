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

fn quick_check(store: &Store) -> Result<()> {
    let r: Vec<String> = store
        .conn()
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

/// Opens the app's database, setting a damaged one aside. The start-up backup is not
/// taken here: the window would wait for a whole-database copy. The shell runs
/// [`start_up_backup`] once the window is usable.
pub fn open_for_app(path: &Path, now: DateTime<Utc>) -> Result<Opened> {
    let first = Store::open(path).and_then(|s| quick_check(&s).map(|()| s));
    let (store, recovery) = match first {
        Ok(store) => (store, None),
        Err(e) if is_damage(&e, path) => {
            let set_aside_path = set_aside(path, now)?;
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

/// The start-up backup, after the window is usable ([`backup::after_start`]: its own
/// connection, nothing when nothing changed). `Err` is the sentence to show: the app
/// keeps working without it.
pub fn start_up_backup(
    path: &Path,
    now: DateTime<Utc>,
) -> std::result::Result<Option<BackupInfo>, String> {
    backup::after_start(path, now).map_err(|e| format!("启动时的自动备份没有成功：{e}"))
}
