//! The SQLite store: opening, pragmas, the single-writer lock, migrations and
//! transactions.
//!
//! Reads take a `&Connection`; writes take a [`Tx`], which can only be had from
//! [`Store::write`], so every write runs inside a transaction that knows the time
//! and the operator and can record change-log rows.

pub mod attachments;
pub mod backup;
pub mod changelog;
pub mod instance;
pub mod ledger;
pub mod office;
pub mod recycle;
pub mod startup;

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::base::error::{Error, Result};

/// The ordered migrations. Never edit or remove a landed one; append a new file.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../../migrations/0001_initial.sql"),
    ),
    (
        "0002_history_indexes",
        include_str!("../../migrations/0002_history_indexes.sql"),
    ),
    (
        "0003_people",
        include_str!("../../migrations/0003_people.sql"),
    ),
    (
        "0004_packages",
        include_str!("../../migrations/0004_packages.sql"),
    ),
    (
        "0005_senders",
        include_str!("../../migrations/0005_senders.sql"),
    ),
    (
        "0006_party",
        include_str!("../../migrations/0006_party.sql"),
    ),
    (
        "0007_contacts",
        include_str!("../../migrations/0007_contacts.sql"),
    ),
    (
        "0008_name_indexes",
        include_str!("../../migrations/0008_name_indexes.sql"),
    ),
    (
        "0009_database_identity",
        include_str!("../../migrations/0009_database_identity.sql"),
    ),
    (
        "0010_search_index",
        include_str!("../../migrations/0010_search_index.sql"),
    ),
    (
        "0011_name_sort",
        include_str!("../../migrations/0011_name_sort.sql"),
    ),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The operator name until user accounts exist.
pub const LOCAL_OPERATOR: &str = "本机";

/// Who is acting and when. Business logic reads time only from here.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub now: DateTime<Utc>,
    pub operator: String,
}

impl Ctx {
    pub fn new(now: DateTime<Utc>) -> Self {
        Ctx {
            now,
            operator: LOCAL_OPERATOR.to_string(),
        }
    }

    /// Today's date in China (UTC+8), for dates a clerk would call "today".
    pub fn today(&self) -> chrono::NaiveDate {
        (self.now + chrono::Duration::hours(8)).date_naive()
    }

    /// The timestamp as stored: RFC 3339, UTC, whole seconds.
    pub fn stamp(&self) -> String {
        stamp(self.now)
    }
}

pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A new globally unique record id (UUIDv7: time-ordered, unique across offices).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A write transaction with its context.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    pub ctx: &'a Ctx,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// Appends one change-log row: the record as it was and as it is now (either
    /// may be absent), as JSON. Every write of a record calls this.
    pub fn log_change<T: serde::Serialize + ?Sized>(
        &self,
        table: &str,
        record_id: &str,
        op: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<()> {
        let json = |v: Option<&T>| -> Result<Option<String>> {
            v.map(|v| serde_json::to_string(v).map_err(Error::from))
                .transpose()
        };
        self.tx.prepare_cached(
            "INSERT INTO change_log (at, operator, table_name, record_id, op, before_json, after_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?.execute(
            rusqlite::params![
                self.ctx.stamp(),
                self.ctx.operator,
                table,
                record_id,
                op,
                json(before)?,
                json(after)?,
            ],
        )?;
        Ok(())
    }
}

/// Statements through the connection's statement cache: parsed and planned once per
/// connection, not once per call. Hot paths (a row of an import, a list, a report)
/// use `exec`/`row`/`prepare_cached` instead of `execute`/`query_row`/`prepare`.
pub trait Cached {
    fn exec<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    fn row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl Cached for Connection {
    fn exec<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }
    fn row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Held for the life of the store: one app instance (one writer) per database.
    /// An OS lock on the database file itself, so two names (hard links) for one
    /// database share it.
    _lock: Option<File>,
    /// The database's files are registered as never-to-be-overwritten by exports.
    _protection: Option<crate::base::outfile::Protection>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, takes the single-writer
    /// lock, and brings the schema up to date. A database from a newer version is
    /// refused unchanged.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
        }
        Store::open_with(path, true)
    }

    /// Opens an existing GridLedger database; a path with no file is refused and
    /// nothing is created (a mistyped `--db` must not make an empty database).
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store> {
        let lock = take_lock(path, create)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            _lock: Some(lock),
            _protection: Some(crate::base::outfile::protect(
                crate::base::outfile::database_files(path),
            )),
        };
        store.prepare()?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            _lock: None,
            _protection: None,
        };
        store.prepare()?;
        Ok(store)
    }

    fn prepare(&mut self) -> Result<()> {
        // Refuse a newer database before touching anything, including the journal mode.
        let found = user_version(&self.conn)?;
        if found == 0 {
            // A SQLite file of some other program: leave it alone.
            let tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(not_ours(self.path.as_deref()));
            }
        }
        if found > SCHEMA_VERSION {
            return Err(Error::NewerVersion {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Hot paths run through the statement cache (`Cached`); room for every
        // statement an import or a list touches, so none is parsed twice.
        self.conn.set_prepared_statement_cache_capacity(256);
        // WAL where the file system allows it (not on some network shares); else the
        // rollback journal, which is just as safe, never an in-memory journal.
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .or_else(|_| self.conn.pragma_update(None, "journal_mode", "DELETE"))?;
        // FULL: a committed transaction survives a power cut, not only a crash.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut self.conn)
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// For reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// For whole-database operations (backup restore) only.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it wrote commits together,
    /// or, if it returns an error, nothing is written.
    pub fn write<T>(&mut self, ctx: &Ctx, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tx = Tx { tx, ctx };
        let value = f(&tx)?;
        tx.tx.commit()?;
        Ok(value)
    }
}

fn not_ours(path: Option<&Path>) -> Error {
    Error::NotADatabase(format!(
        "“{}”不是基层治理台账的数据库文件，没有打开也没有改动它。请检查路径是否正确。",
        path.map(|p| p.display().to_string()).unwrap_or_default()
    ))
}

/// Opens the database file itself and takes an exclusive OS lock on it (`flock` on
/// Unix, which SQLite's own `fcntl` locks do not interfere with), so one database has
/// one writer whatever name it is opened by. Refuses a file that is not a SQLite
/// database before SQLite touches it, and creates nothing unless `create`.
fn take_lock(db: &Path, create: bool) -> Result<File> {
    let exists = db.exists();
    if !exists && !create {
        return Err(Error::NotFound(format!(
            "找不到数据库文件“{}”。请检查路径；要新建数据库，请先用 init 命令（或在软件里完成首次设置）。",
            db.display()
        )));
    }
    let meta = std::fs::metadata(db).ok();
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(not_ours(Some(db)));
    }
    // Open in this process already (under this or another name): refuse before
    // opening a second descriptor, whose closing would drop SQLite's POSIX locks.
    if crate::base::outfile::is_protected_file(db) {
        return Err(Error::Refused(format!(
            "数据库“{}”已被另一个窗口或程序打开。请关闭那个窗口后再试。",
            db.display()
        )));
    }
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(create).truncate(false);
    #[cfg(unix)]
    {
        // A new database holds ID numbers: readable by its owner only (SQLite gives
        // the -wal and -shm files the database's own mode).
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(db).map_err(|e| Error::io(db, e))?;
    let mut head = [0u8; 16];
    let len = meta.map(|m| m.len()).unwrap_or(0);
    if len > 0 {
        use std::io::Read;
        let ok = file.read_exact(&mut head).is_ok() && &head == b"SQLite format 3\0";
        if !ok {
            return Err(not_ours(Some(db)));
        }
    }
    let target = lock_target(db, file)?;
    match target.try_lock() {
        Ok(()) => Ok(target),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Refused(format!(
            "数据库“{}”已被另一个窗口或程序打开。请关闭那个窗口后再试。",
            db.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(db, e)),
    }
}

/// On Unix the database file itself carries the lock.
#[cfg(unix)]
fn lock_target(_db: &Path, file: File) -> Result<File> {
    Ok(file)
}

/// On Windows a whole-file lock would block SQLite's own byte-range locks, so the
/// lock file sits beside the database's canonical path (resolving other spellings of
/// the same path; Windows hard links to a database are not a supported setup).
#[cfg(not(unix))]
fn lock_target(db: &Path, _file: File) -> Result<File> {
    let canonical = std::fs::canonicalize(db).map_err(|e| Error::io(db, e))?;
    let mut name = canonical.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))
}

pub fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies every migration after the database's `user_version`, each in its own
/// transaction together with the version bump.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)?;
    // Data a SQL migration cannot compute: the pinyin sort key of names written
    // before 0011 (a no-op once filled).
    crate::people::sortkey::fill_missing(conn)?;
    Ok(())
}

/// Applies migrations up to `target` (tests build old-version databases with it).
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let current = user_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::NewerVersion {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, (_name, sql)) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(current as usize)
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as u32)?;
        tx.commit()?;
    }
    Ok(())
}

/// The schema as SQLite stores it, for comparing two databases.
pub fn schema_dump(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_has_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(user_version(store.conn()).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn every_partial_upgrade_equals_fresh() {
        let fresh = Store::open_in_memory().unwrap();
        let want = schema_dump(fresh.conn()).unwrap();
        for start in 0..=SCHEMA_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            assert_eq!(user_version(&conn).unwrap(), start);
            migrate(&mut conn).unwrap();
            assert_eq!(schema_dump(&conn).unwrap(), want, "upgrade from v{start}");
        }
    }

    #[test]
    fn newer_database_is_refused_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::NewerVersion);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn second_open_of_same_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let _first = Store::open(&path).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::Refused);
        assert!(err.to_string().contains("已被另一个窗口"));
    }

    #[test]
    fn pragmas_are_durable() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("p.db")).unwrap();
        let c = store.conn();
        let mode: String = c
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        let fk: i64 = c
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    }

    #[test]
    fn change_log_is_append_only() {
        let mut store = Store::open_in_memory().unwrap();
        let ctx = Ctx::new(Utc::now());
        store
            .write(&ctx, |tx| {
                tx.log_change::<()>("units", "x", "create", None, None)
            })
            .unwrap();
        assert!(store
            .conn()
            .execute("UPDATE change_log SET op = 'x'", [])
            .is_err());
        assert!(store.conn().execute("DELETE FROM change_log", []).is_err());
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let ctx = Ctx::new(Utc::now());
        let r: Result<()> = store.write(&ctx, |tx| {
            tx.log_change::<()>("units", "x", "create", None, None)?;
            Err(Error::Refused("no".into()))
        });
        assert!(r.is_err());
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
