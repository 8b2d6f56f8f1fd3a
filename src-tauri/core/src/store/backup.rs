//! Online backups (SQLite backup API) into `backups/` beside the database, the
//! retention rule, and restoring one after checking it.

use std::fs;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, MAIN_DB};
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::store::{self, Ctx, Store, SCHEMA_VERSION};

/// Backups kept whatever their age; older ones are thinned to one per day.
pub const KEEP_RECENT: usize = 10;
const PREFIX: &str = "gridledger-";
const NAME_TIME: &str = "%Y%m%dT%H%M%SZ";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub path: String,
    pub taken_at: String,
    pub size_bytes: u64,
    /// The office whose data the backup holds, read from inside it ("" if unset or
    /// unreadable).
    pub office_code: String,
    pub office_name: String,
    /// The identity of the database it was taken from ("" for backups older than
    /// database identities).
    pub database_id: String,
    /// Taken from the database it is listed for.
    pub same_database: bool,
    /// Why it was taken when not by the schedule or by hand, in Chinese (恢复前自动备份,
    /// 升级前自动备份), from the tag in its name; "" otherwise.
    pub occasion: &'static str,
    /// It cannot be read as a database (damaged, cut short): listed so, never
    /// offered as another database's (probe AB).
    pub damaged: bool,
}

/// The tag of the backup taken before a restore replaces the data.
const BEFORE_RESTORE: &str = "before-restore";
/// The tag of the backup the window takes before an import writes
/// (`sheets::kind::ImportKind::commit_backed_up`).
pub const BEFORE_IMPORT: &str = "before-import";
/// What the tag of the backup taken before a migration ends with (`v3-before-v29`).
const BEFORE_UPGRADE: &str = "-before-v";

/// The tag of the backup taken before migrating a database of schema `from` to `to`.
pub(crate) fn before_upgrade(from: u32, to: u32) -> String {
    format!("v{from}{BEFORE_UPGRADE}{to}")
}

/// Why a backup named `file_name` was taken, by the tag [`take`] put in its name.
fn occasion(file_name: &str) -> &'static str {
    if file_name.contains(&format!("-{BEFORE_RESTORE}")) {
        "恢复前自动备份"
    } else if file_name.contains(&format!("-{BEFORE_IMPORT}")) {
        "导入前自动备份"
    } else if file_name.contains(BEFORE_UPGRADE) {
        "升级前自动备份"
    } else {
        ""
    }
}

/// This database's identity (see migration 0008).
pub fn database_id(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT id FROM database_identity WHERE singleton = 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default())
}

/// Who a backup file belongs to: (office code, office name, database id), read
/// without changing it; empty strings for what it does not hold.
/// (office code, office name, database identity) of the backup at `path`, or `None`
/// when it cannot be read as a database of this program (damaged, cut short, or
/// another file named like a backup).
fn owner_of(path: &Path) -> Option<(String, String, String)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let office: (String, String) = match conn.query_row(
        "SELECT code, name FROM office WHERE singleton = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ) {
        Ok(o) => o,
        // A database not set up yet has no office row.
        Err(rusqlite::Error::QueryReturnedNoRows) => Default::default(),
        Err(_) => return None,
    };
    Some((office.0, office.1, database_id(&conn).unwrap_or_default()))
}

pub use crate::base::outfile::backup_dir;

fn db_path(store: &Store) -> Result<&Path> {
    store
        .path()
        .ok_or_else(|| Error::Refused("内存数据库没有备份文件夹。".into()))
}

/// Takes a consistent online copy of the database. `tag` marks special backups
/// (`before-restore`). Written under a temporary name, flushed, then renamed.
pub fn take(store: &Store, now: DateTime<Utc>, tag: Option<&str>) -> Result<BackupInfo> {
    take_from(store.conn(), db_path(store)?, now, tag)
}

/// [`take`] through any connection to the database at `db` (the start-up backup
/// uses its own read-only one, off the window's thread; the store's open path its
/// pre-upgrade backup).
pub(crate) fn take_from(
    conn: &Connection,
    db: &Path,
    now: DateTime<Utc>,
    tag: Option<&str>,
) -> Result<BackupInfo> {
    let dir = backup_dir(db);
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    // Whose it is, in the name: office code and the database's identity.
    let code = crate::store::office::get(conn)?
        .map(|o| o.code)
        .unwrap_or_else(|| "000000000000".into());
    let id = database_id(conn)?;
    let base = format!(
        "{PREFIX}{code}-{}-{}{}",
        id.get(..8).unwrap_or("00000000"),
        now.format(NAME_TIME),
        tag.map(|t| format!("-{t}")).unwrap_or_default()
    );
    let mut name = format!("{base}.db");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{base}-{n}.db");
        n += 1;
    }
    let target = dir.join(&name);
    let tmp = dir.join(format!("{name}.tmp"));
    conn.backup(MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)
        .inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })?;
    // The copy carries the database's WAL mode in its header, and every read of a
    // WAL file (the list, a restore's check) left an empty `-wal` and a `-shm`
    // beside it, three files a backup, and could not open it at all from a
    // read-only stick or share. A backup is one file in rollback-journal mode; a
    // restore turns WAL back on.
    Connection::open(&tmp)
        .and_then(|c| {
            c.query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
        })
        .inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })?;
    #[cfg(unix)]
    {
        // A backup holds every ID number: readable by its owner only.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(&tmp, e))?;
    }
    write_through(&tmp, &target)?;
    crate::store::attachments::back_up(db)?;
    // Taken of this database: said so, as the list says it.
    Ok(BackupInfo {
        same_database: true,
        ..info(&target)?
    })
}

/// Flushes `tmp` to disk and renames it to `target`, so a crash never leaves a
/// half-written file under the real name.
pub fn write_through(tmp: &Path, target: &Path) -> Result<()> {
    fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(tmp, e))?;
    fs::rename(tmp, target).map_err(|e| Error::io(target, e))?;
    if let Some(dir) = target.parent() {
        // Make the rename itself durable (not possible on Windows; harmless to skip).
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// The time in a backup's name: `gridledger-<time>…` (older versions) or
/// `gridledger-<office code>-<database id>-<time>…`.
fn parse_time(file_name: &str) -> Option<DateTime<Utc>> {
    let rest = file_name.strip_prefix(PREFIX)?;
    let rest = match rest.split_once('-') {
        Some((code, tail)) if code.len() == 12 && code.bytes().all(|b| b.is_ascii_digit()) => {
            let (id, tail) = tail.split_once('-')?;
            if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            tail
        }
        _ => rest,
    };
    let stamp = rest.get(..16)?;
    NaiveDateTime::parse_from_str(stamp, NAME_TIME)
        .ok()
        .map(|t| t.and_utc())
}

/// Where a backup stands among the others, newest last: its time, then its number
/// among those taken in the same second (`…Z.db` the first, `…Z-2.db` …, `-10`
/// after `-9`), whatever its tag (`-before-restore`).
fn taken_order(file_name: &str) -> Option<(DateTime<Utc>, u32)> {
    let t = parse_time(file_name)?;
    let stem = file_name.strip_suffix(".db").unwrap_or(file_name);
    let n = stem
        .rsplit_once('-')
        .and_then(|(_, n)| n.parse::<u32>().ok())
        .filter(|_| !stem.ends_with('Z'))
        .unwrap_or(1);
    Some((t, n))
}

fn info(path: &Path) -> Result<BackupInfo> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let taken_at = parse_time(&file_name).map(store::stamp).unwrap_or_default();
    let owner = owner_of(path);
    let damaged = owner.is_none();
    let (office_code, office_name, database_id) = owner.unwrap_or_default();
    let why = occasion(&file_name);
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name,
        taken_at,
        size_bytes: meta.len(),
        office_code,
        office_name,
        database_id,
        same_database: false,
        occasion: why,
        damaged,
    })
}

/// Whether the database at `db_path` reads (read-only, nothing migrated) and has
/// an identity: only then can [`list_for`] tell another database's backups.
pub fn identity_known(db_path: &Path) -> bool {
    Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| database_id(&c).ok())
        .is_some_and(|id| !id.is_empty())
}

/// Backups beside `db_path`, newest first.
pub fn list_for(db_path: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db_path);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Only regular files: opening a FIFO named like a backup waits for ever, and
        // a link may lead anywhere.
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && name.ends_with(".db") && parse_time(&name).is_some() {
            out.push(info(&entry.path())?);
        }
    }
    // Whose is whose: compare with the database itself when it can be read.
    let here = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok();
    let own = here
        .as_ref()
        .and_then(|c| database_id(c).ok())
        .unwrap_or_default();
    let own_code = here
        .as_ref()
        .and_then(|c| crate::store::office::get(c).ok().flatten())
        .map(|o| o.code)
        .unwrap_or_default();
    for b in &mut out {
        // A backup older than identities (taken before an upgrade from schema 8 or
        // earlier) is this database's when it holds this office, as `restore` judges
        // it: it was badged 其他数据库 on the very path a clerk takes to undo.
        b.same_database = !own.is_empty()
            && (b.database_id == own
                || (b.database_id.is_empty() && !own_code.is_empty() && b.office_code == own_code));
    }
    out.sort_by(|a, b| {
        taken_order(&b.file_name)
            .cmp(&taken_order(&a.file_name))
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(out)
}

pub fn list(store: &Store) -> Result<Vec<BackupInfo>> {
    list_for(db_path(store)?)
}

/// The retention rule: keep the newest [`KEEP_RECENT`]; beyond those, keep at most
/// one per calendar day (UTC), the newest of that day. The newest backup taken
/// before a restore and the newest taken before an upgrade are kept whatever comes
/// after them, outside that count: each is the one way back from its step (a
/// restore of the wrong week's backup, then a busy day of backups, had deleted the
/// data it replaced). Returns the file names to delete. `names` may be in any order.
pub fn to_prune(names: &[String]) -> Vec<String> {
    let mut dated: Vec<((DateTime<Utc>, u32), &String)> = names
        .iter()
        .filter_map(|n| taken_order(n).map(|t| (t, n)))
        .collect();
    // Newest first: the one just taken is never among those pruned.
    dated.sort_by(|a, b| b.cmp(a));
    let mut occasions_kept = std::collections::HashSet::new();
    dated.retain(|(_, name)| {
        let occasion = occasion(name);
        occasion.is_empty() || !occasions_kept.insert(occasion)
    });
    let mut days_kept = std::collections::HashSet::new();
    let mut prune = Vec::new();
    for ((t, _), name) in dated.into_iter().skip(KEEP_RECENT) {
        if !days_kept.insert(t.date_naive()) {
            prune.push(name.clone());
        }
    }
    prune
}

/// Deletes this database's backups the retention rule no longer keeps (another
/// database's backups in the same folder are its own business).
pub fn prune(store: &Store) -> Result<Vec<String>> {
    prune_for(store.conn(), db_path(store)?)
}

fn prune_for(conn: &Connection, db: &Path) -> Result<Vec<String>> {
    let dir = backup_dir(db);
    let own = database_id(conn)?;
    let code = crate::store::office::get(conn)?.map(|o| o.code);
    // Backups older than database identities: this office's only.
    let names: Vec<String> = list_for(db)?
        .into_iter()
        .filter(|b| {
            b.database_id == own
                || (b.database_id.is_empty() && code.as_deref() == Some(b.office_code.as_str()))
        })
        .map(|b| b.file_name)
        .collect();
    let doomed = to_prune(&names);
    for name in &doomed {
        let p = dir.join(name);
        fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        // What SQLite left beside it when it was read (they would pile up).
        for side in ["-wal", "-shm"] {
            let _ = fs::remove_file(dir.join(format!("{name}{side}")));
        }
    }
    Ok(doomed)
}

/// The start-up backup: taken when the office is set up, then pruned.
pub fn on_start(store: &Store, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    if crate::store::office::get(store.conn())?.is_none() {
        return Ok(None);
    }
    let b = take(store, now, None)?;
    prune(store)?;
    Ok(Some(b))
}

/// What a backup would capture, cheaply: the schema version and the last entries of
/// the two append-only logs. Every change writes a change-log row in its own
/// transaction and every receipt a receipt-log row, so two databases (or a database
/// and its backup) with the same fingerprint hold the same data.
fn fingerprint(conn: &Connection) -> Result<(u32, i64, i64)> {
    let (changes, receipts) = conn.query_row(
        "SELECT (SELECT ifnull(max(seq), 0) FROM change_log),
                (SELECT ifnull(max(seq), 0) FROM receipt_log)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((store::user_version(conn)?, changes, receipts))
}

/// The start-up backup, for after the window is usable: on its own read-only
/// connection (the window's store stays free), and only when something changed since
/// this database's newest backup (same fingerprint: nothing to do, no whole-database
/// copy). Nothing before the office is set up. Then the retention rule.
pub fn after_start(db: &Path, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if crate::store::office::get(&conn)?.is_none() {
        return Ok(None);
    }
    let own = database_id(&conn)?;
    let now_print = fingerprint(&conn)?;
    let newest = list_for(db)?
        .into_iter()
        .find(|b| b.database_id == own && parse_time(&b.file_name).is_some());
    if let Some(b) = newest {
        let same = Connection::open_with_flags(&b.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()
            .and_then(|c| fingerprint(&c).ok())
            == Some(now_print);
        if same {
            return Ok(None);
        }
    }
    let b = take_from(&conn, db, now, None)?;
    prune_for(&conn, db)?;
    Ok(Some(b))
}

/// Checks that a file is a sound GridLedger database this version can read.
pub fn verify(path: &Path) -> Result<()> {
    let shown = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let broken = |why: String| {
        Error::Refused(format!(
            "备份“{shown}”不能使用：{why}。当前数据没有改动，请选择另一个备份。"
        ))
    };
    // Said in Chinese only: SQLite's own words (database disk image is malformed,
    // file is not a database) tell a clerk nothing more.
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| broken("无法打开这个文件".into()))?;
    let results: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|_| broken("文件已损坏，或者不是数据库文件".into()))?;
    if results != ["ok"] {
        return Err(broken(format!(
            "文件已损坏（完整性检查发现 {} 处问题）",
            results.len()
        )));
    }
    let version = store::user_version(&conn)?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let has_office: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'office'",
        [],
        |r| r.get(0),
    )?;
    if !has_office {
        return Err(broken("它不是本软件的数据库".into()));
    }
    Ok(())
}

/// The path of `file_name` in this database's backup folder, if it names one.
fn listed(store: &Store, file_name: &str) -> Result<std::path::PathBuf> {
    if file_name.is_empty()
        || file_name.contains(['/', '\\'])
        || file_name.starts_with('.')
        || !file_name.ends_with(".db")
        || file_name.contains(':')
        || parse_time(file_name).is_none()
    {
        return Err(Error::validation(
            "fileName",
            "请从备份列表中选择一个备份；其他位置的备份文件请给出它的完整位置。",
        ));
    }
    let path = backup_dir(db_path(store)?).join(file_name);
    if !path.is_file() {
        return Err(Error::NotFound(format!(
            "备份“{file_name}”不存在，可能已被删除。请刷新备份列表。"
        )));
    }
    Ok(path)
}

/// A backup file chosen outside the backup folder, by its full path: any name (a
/// clerk may have renamed it 旧电脑备份.db), but a file, and not this database
/// itself or the files SQLite keeps beside it (restoring the data from itself
/// would first overwrite what it reads).
fn outside_file(db: &Path, path: &Path) -> Result<std::path::PathBuf> {
    let shown = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = fs::metadata(path).map_err(|_| {
        Error::NotFound(format!(
            "找不到文件“{shown}”（{}）。如果它在U盘上，请确认U盘已插好，再重新选择。",
            path.display()
        ))
    })?;
    if !meta.is_file() {
        return Err(Error::validation(
            "fileName",
            format!("“{shown}”是一个文件夹，请选择其中的备份文件（.db）。"),
        ));
    }
    let chosen = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let live = fs::canonicalize(db).map_err(|e| Error::io(db, e))?;
    let beside = |suffix: &str| {
        let mut name = live.clone().into_os_string();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    if chosen == live || chosen == beside("-wal") || chosen == beside("-shm") {
        return Err(Error::Refused(format!(
            "“{shown}”是本机正在使用的数据库文件，不是备份。请选择备份文件（在备份文件夹里，或从旧电脑复制来的 .db 文件）。"
        )));
    }
    Ok(path.to_path_buf())
}

/// A backup file chosen anywhere, looked at before the clerk is asked to restore
/// it (the question names its office and time; a file that is no backup is refused
/// before any question): [`outside_file`]'s checks, [`verify`], and what [`info`]
/// reads. A renamed file has no time in its name: its time is that of the last
/// change it holds. `db` is the database it would replace.
pub fn inspect(db: &Path, path: &Path) -> Result<BackupInfo> {
    let path = outside_file(db, path)?;
    verify(&path)?;
    let mut b = info(&path)?;
    if b.taken_at.is_empty() {
        b.taken_at = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| {
                c.query_row("SELECT max(at) FROM change_log", [], |r| {
                    r.get::<_, Option<String>>(0)
                })
            })
            .ok()
            .flatten()
            .unwrap_or_default();
    }
    let own = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| database_id(&c).ok())
        .unwrap_or_default();
    b.same_database = !own.is_empty() && b.database_id == own;
    Ok(b)
}

/// What a restore leaves: the safety backup of the data it replaced (none when
/// nothing was set up yet: a new PC's empty database has nothing to keep), and how many
/// attachment files are not on this PC ([`crate::store::attachments::missing_count`]:
/// a backup restored on a new PC without them).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    pub safety_backup: Option<BackupInfo>,
    pub missing_files: usize,
    /// What to do about them, in Chinese ("" when none are missing).
    pub missing_advice: String,
}

/// Replaces the current data with a backup, after checking the backup and taking
/// a safety backup of the current data. Returns the safety backup.
///
/// `file_name` is a name from this database's backup list, or the full path of a
/// backup file anywhere else: one copied from the old PC onto a new one, kept on a
/// USB drive, or renamed (chosen in the open dialog; see [`outside_file`]). A path
/// with a folder is that file; a bare name is looked up in the list.
///
/// A backup of another database (or another office) is refused unless `confirm` is
/// the name (or code) of the office it holds: restoring it turns this database into
/// that office's.
pub fn restore(
    store: &mut Store,
    ctx: &Ctx,
    file_name: &str,
    confirm: Option<&str>,
) -> Result<Restored> {
    // `backups/…db`, as `backup` prints it, or the path of this database's own
    // backup folder: the name inside it (a folder of another PC's, also named
    // backups, is not this one's).
    let given = Path::new(file_name);
    let own_folder = |p: &Path| {
        p == Path::new("backups")
            || db_path(store).is_ok_and(|db| {
                let dir = backup_dir(db);
                matches!((fs::canonicalize(p), fs::canonicalize(&dir)), (Ok(a), Ok(b)) if a == b)
            })
    };
    let (path, file_name) = match (given.parent(), given.file_name().and_then(|n| n.to_str())) {
        (Some(p), Some(name)) if !p.as_os_str().is_empty() && own_folder(p) => {
            (listed(store, name)?, name)
        }
        (Some(p), Some(name)) if !p.as_os_str().is_empty() => {
            (outside_file(db_path(store)?, given)?, name)
        }
        _ => (listed(store, file_name)?, file_name),
    };
    verify(&path)?;
    let (code, name, id) = owner_of(&path).unwrap_or_default();
    let here = crate::store::office::get(store.conn())?;
    // A database with no office yet (new, or made anew after damage) has nothing to
    // lose: any of the listed backups may come back.
    let same = if here.is_none() {
        true
    } else if id.is_empty() {
        // Older backups carry no identity: the office must match.
        here.as_ref().is_none_or(|o| o.code == code)
    } else {
        id == database_id(store.conn())?
    };
    let confirmed = confirm
        .map(str::trim)
        .is_some_and(|c| !c.is_empty() && (c == name || c == code));
    // A name typed that is not the office's: said, not asked again unexplained.
    let mistyped = confirm
        .map(str::trim)
        .filter(|c| !c.is_empty() && !confirmed)
        .map(|c| format!("输入的“{c}”与备份中的单位不一致。"))
        .unwrap_or_default();
    if !same && !confirmed {
        let whose = if name.is_empty() {
            "另一个数据库".to_string()
        } else {
            format!("另一个数据库（{name}，{code}）")
        };
        // A backup whose office has no name (or no office) is confirmed by its code.
        let typed = if name.is_empty() { &code } else { &name };
        let what = if name.is_empty() { "代码" } else { "名称" };
        return Err(Error::Conflict {
            field: Some("confirm"),
            message: format!(
                "{mistyped}备份“{file_name}”来自{whose}，不是当前数据库的备份。恢复后当前数据库会变成那个单位的数据（当前数据会先另存一份）。如确实要恢复，请输入该单位的{what}“{typed}”确认。"
            ),
        });
    }
    let safety = match &here {
        Some(_) => Some(take(store, ctx.now, Some(BEFORE_RESTORE))?),
        None => None,
    };
    // The exchange files this office has numbered stay numbered: an export after
    // the restore gets the next number, not one the county already holds (it would
    // call the newest data an older file and refuse it).
    // The same office (by its code: a database made anew has a new identity) keeps
    // its numbers; another office's backup brings its own.
    let same_office = here.as_ref().is_some_and(|o| o.code == code);
    let exported: Option<i64> = if same_office {
        store
            .conn()
            .query_row(
                "SELECT last FROM export_sequence WHERE singleton = 1",
                [],
                |r| r.get(0),
            )
            .optional()?
    } else {
        None
    };
    // A backup older than identities gets one when it is migrated: the same
    // office's keeps this database's, so its own backups stay its own.
    let keep_identity = (id.is_empty() && same_office)
        .then(|| database_id(store.conn()))
        .transpose()?;
    let conn = store.conn_mut();
    conn.restore(MAIN_DB, &path, None::<fn(rusqlite::backup::Progress)>)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    store::migrate(conn)?;
    if let Some(identity) = keep_identity.filter(|i| !i.is_empty()) {
        conn.execute(
            "UPDATE database_identity SET id = ?1 WHERE singleton = 1",
            [identity],
        )?;
    }
    if let Some(last) = exported {
        conn.execute(
            "INSERT INTO export_sequence (singleton, last) VALUES (1, ?1)
             ON CONFLICT (singleton) DO UPDATE SET last = max(last, excluded.last)",
            [last],
        )?;
    }
    // A new PC's first restore: its data now has a copy in the list (设置 said
    // 还没有备份 until the next start).
    if safety.is_none() {
        take(store, ctx.now, None)?;
    }
    crate::store::attachments::bring_back(db_path(store)?)?;
    let missing_files = crate::store::attachments::missing_count(store.conn(), db_path(store)?)?;
    store.write(ctx, |tx| {
        tx.log_change(
            "database",
            file_name,
            "restore_backup",
            None,
            Some(&serde_json::json!({
                "restoredFrom": file_name,
                "safetyBackup": safety.as_ref().map(|b| b.file_name.as_str()),
            })),
        )
    })?;
    Ok(Restored {
        safety_backup: safety,
        missing_files,
        missing_advice: if missing_files > 0 {
            crate::store::attachments::missing_advice(missing_files)
        } else {
            String::new()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keeps_ten_recent_then_one_per_day() {
        // 12 backups on 2026-11-20 (hourly), 3 on 11-19, 1 on 11-18.
        let mut all = Vec::new();
        for h in 0..12 {
            all.push(format!("gridledger-20261120T{h:02}0000Z.db"));
        }
        for h in [8, 12, 16] {
            all.push(format!("gridledger-20261119T{h:02}0000Z.db"));
        }
        all.push("gridledger-20261118T090000Z.db".into());
        let mut pruned = to_prune(&all);
        pruned.sort();
        // Newest ten are the 20th 02..11h. Beyond them, one per day: the 20th
        // keeps 01h, the 19th its 16h, the 18th its only one.
        assert_eq!(
            pruned,
            names(&[
                "gridledger-20261119T080000Z.db",
                "gridledger-20261119T120000Z.db",
                "gridledger-20261120T000000Z.db",
            ])
        );
    }

    #[test]
    fn backups_taken_in_one_second_are_kept_newest_first() {
        // Sixteen in one second: …Z.db, …Z-2.db … …Z-16.db. The ten kept are the
        // newest (-7 to -16, the one just taken among them); -10 is newer than -9.
        let all: Vec<String> = std::iter::once("gridledger-20261120T010000Z.db".to_string())
            .chain((2..=16).map(|n| format!("gridledger-20261120T010000Z-{n}.db")))
            .collect();
        let pruned = to_prune(&all);
        assert!(!pruned.contains(&"gridledger-20261120T010000Z-16.db".to_string()));
        assert!(!pruned.contains(&"gridledger-20261120T010000Z-10.db".to_string()));
        assert!(pruned.contains(&"gridledger-20261120T010000Z.db".to_string()));
        assert_eq!(pruned.len(), 5, "{pruned:?}");
        let mut order = all.clone();
        order.sort_by_key(|n| std::cmp::Reverse(taken_order(n)));
        assert_eq!(order[0], "gridledger-20261120T010000Z-16.db");
        assert_eq!(order[6], "gridledger-20261120T010000Z-10.db");
        assert_eq!(order[7], "gridledger-20261120T010000Z-9.db");
        assert_eq!(order[15], "gridledger-20261120T010000Z.db");
        assert_eq!(
            taken_order("gridledger-20261120T010000Z-before-restore-2.db").map(|(_, n)| n),
            Some(2)
        );
    }

    #[test]
    fn the_newest_backup_before_a_restore_or_an_upgrade_outlives_a_busy_day() {
        let mut all = names(&[
            "gridledger-20261118T090000Z-before-restore.db",
            "gridledger-20261119T090000Z-v28-before-v29.db",
            "gridledger-20261120T000500Z-before-restore.db",
        ]);
        for h in 1..=15 {
            all.push(format!("gridledger-20261120T{h:02}0000Z.db"));
        }
        let pruned = to_prune(&all);
        for kept in [
            "gridledger-20261120T000500Z-before-restore.db",
            "gridledger-20261119T090000Z-v28-before-v29.db",
        ] {
            assert!(!pruned.contains(&kept.to_string()), "{kept}: {pruned:?}");
        }
        // An older one before a restore is a backup like the others: the 18th's only.
        assert!(!pruned.contains(&"gridledger-20261118T090000Z-before-restore.db".to_string()));
        // The ordinary ones: the newest ten, then one of the 20th (05h); 01h-04h go.
        assert_eq!(pruned.len(), 4, "{pruned:?}");
    }

    #[test]
    fn few_backups_are_all_kept() {
        let all: Vec<String> = (0..10)
            .map(|d| format!("gridledger-202611{:02}T010000Z.db", d + 1))
            .collect();
        assert!(to_prune(&all).is_empty());
    }

    #[test]
    fn tagged_and_foreign_names() {
        let all = names(&[
            "gridledger-20261120T000000Z-before-restore.db",
            "notes.db",
            "gridledger-garbage.db",
        ]);
        assert!(to_prune(&all).is_empty());
        assert!(parse_time("gridledger-20261120T000000Z-before-restore.db").is_some());
        assert!(parse_time("gridledger-garbage.db").is_none());
    }
}
