//! The SQLite store: opening, pragmas, the single-writer lock, migrations and
//! transactions.
//!
//! Reads take a `&Connection`; writes take a [`Tx`], which can only be had from
//! [`Store::write`], so every write runs inside a transaction that knows the time
//! and the operator and can record change-log rows.

pub mod attachments;
pub mod backup;
pub mod changelog;
pub mod compact;
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

/// A migration by its file name (without `.sql`) in `core/migrations/`.
macro_rules! migration {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../migrations/", $name, ".sql")),
        )
    };
}

/// The ordered migrations. Never edit or remove a landed one; append a new file.
#[rustfmt::skip]
pub const MIGRATIONS: &[(&str, &str)] = &[
    migration!("0001_initial"),
    migration!("0002_history_indexes"),
    migration!("0003_people"),
    migration!("0004_packages"),
    migration!("0005_senders"),
    migration!("0006_party"),
    migration!("0007_contacts"),
    migration!("0008_name_indexes"),
    migration!("0009_database_identity"),
    migration!("0010_search_index"),
    migration!("0011_name_sort"),
    migration!("0012_duty_items"),
    migration!("0013_grid_matters"),
    migration!("0014_admissions"),
    migration!("0015_rectification"),
    migration!("0016_training"),
    migration!("0017_assessment"),
    migration!("0018_sampling"),
    migration!("0019_surveys"),
    migration!("0020_duty_list_versions"),
    migration!("0021_status_changes_by_date"),
    migration!("0022_name_grams_of_new_people"),
    migration!("0023_snapshot_period_figures"),
    migration!("0024_number_search_index"),
    migration!("0025_lookup_indexes"),
    migration!("0026_search_keys_by_row"),
    migration!("0027_roles_by_row"),
    migration!("0028_roles_unit_by_row"),
    migration!("0029_history_by_row"),
    migration!("0030_names_without_inner_spaces"),
    migration!("0031_person_past"),
    migration!("0032_unit_established"),
    migration!("0033_unit_adjustments"),
    migration!("0034_list_items_listed"),
    migration!("0035_names_by_surname_strokes"),
    migration!("0036_below_formats"),
    migration!("0037_dispatch_tasks"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// A migration's Rust step: runs right after the SQL of the migration it is named
/// for, inside the same transaction (so it sees that SQL's tables and, if it fails,
/// the SQL is rolled back with it and the version is not bumped). For what SQL
/// cannot do well, such as reshaping the JSON of stored documents (see
/// [`reshape_json`]).
pub type RustStep = fn(&Transaction<'_>) -> Result<()>;

/// Rust steps by migration name, e.g. `("0011_demand_deadlines", steps::deadlines)`.
/// A migration that is Rust only still has its `.sql` file (a comment saying so).
/// Like the SQL, a landed step is never edited or removed.
pub const RUST_STEPS: &[(&str, RustStep)] = &[
    ("0011_name_sort", fill_name_sort_keys),
    ("0030_names_without_inner_spaces", squeeze_person_names),
    ("0035_names_by_surname_strokes", rekey_name_strokes),
];

/// 0035: every person's 姓氏笔画 key as [`crate::base::sortkey::stroke_key`] now
/// writes it (surname together, by first stroke), where it differs.
fn rekey_name_strokes(tx: &Transaction<'_>) -> Result<()> {
    use crate::base::sortkey::stroke_key;
    let people: Vec<(i64, String, Option<String>)> = tx
        .prepare("SELECT rowid, name, name_strokes FROM people")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = tx.prepare("UPDATE people SET name_strokes = ?2 WHERE rowid = ?1")?;
    for (rowid, name, stored) in &people {
        let key = stroke_key(name);
        if stored.as_deref() != Some(key.as_str()) {
            stmt.execute(rusqlite::params![rowid, key])?;
        }
    }
    Ok(())
}

/// 0030: every person's name without the spaces typed inside it
/// ([`crate::base::fields::squeezed_name`]), with its sort keys; the name bigrams
/// follow through their update trigger.
fn squeeze_person_names(tx: &Transaction<'_>) -> Result<()> {
    use crate::base::fields::squeezed_name;
    use crate::base::sortkey::{sort_key, stroke_key};
    let spaced: Vec<(i64, String)> = tx
        .prepare("SELECT rowid, name FROM people WHERE name LIKE '% %' OR name LIKE '%\u{3000}%'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = tx.prepare(
        "UPDATE people SET name = ?2, name_sort = ?3, name_strokes = ?4 WHERE rowid = ?1",
    )?;
    for (rowid, name) in &spaced {
        let squeezed = squeezed_name(name);
        if squeezed != name.as_str() {
            stmt.execute(rusqlite::params![
                rowid,
                squeezed,
                sort_key(&squeezed),
                stroke_key(&squeezed)
            ])?;
        }
    }
    Ok(())
}

/// 0011: the pinyin and 姓氏笔画 sort keys of every person written before the
/// columns existed (SQL cannot compute them); every later write fills its own.
fn fill_name_sort_keys(tx: &Transaction<'_>) -> Result<()> {
    use crate::base::sortkey::{sort_key, stroke_key};
    let missing: Vec<(String, String)> = tx
        .prepare("SELECT id, name FROM people WHERE name_sort IS NULL OR name_strokes IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        tx.prepare("UPDATE people SET name_sort = ?2, name_strokes = ?3 WHERE id = ?1")?;
    for (id, name) in &missing {
        stmt.execute(rusqlite::params![id, sort_key(name), stroke_key(name)])?;
    }
    Ok(())
}

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
///
/// Ids rise within the process, as `Uuid::now_v7`'s do (people listed in the order
/// they were imported sort by id after their shared creation time), but the 74
/// random bits are drawn from the OS once a millisecond, not once an id: an import
/// asks for two ids a row, and a system call for each was 2% of its time. Within a
/// millisecond each id adds a step of 1 to 2^32 to the one before (splitmix64, seeded
/// from the OS); should the 74 bits run out, the next millisecond begins.
pub fn new_id() -> String {
    /// The last id's millisecond, its random part, and the state of the steps.
    static LAST: std::sync::Mutex<(u64, u128, u64)> = std::sync::Mutex::new((0, 0, 0));
    const RANDOM: u128 = (1 << 74) - 1;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let (ms, random, steps) = &mut *last;
    if *steps == 0 || now > *ms {
        let r = uuid::Uuid::new_v4().as_u128();
        // Half the space, so the steps of a busy millisecond never run out.
        *random = (r & RANDOM) >> 1;
        *steps = (r >> 74) as u64 | 1;
        *ms = now.max(*ms);
    } else {
        *steps = steps.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *steps;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let step = u128::from((z ^ (z >> 31)) >> 32) + 1;
        if *random + step > RANDOM {
            *ms += 1;
            *random = (uuid::Uuid::new_v4().as_u128() & RANDOM) >> 1;
        } else {
            *random += step;
        }
    }
    // The 74 bits where a v7 id keeps them: 12 after the version, 62 after the variant.
    let r = *random;
    let mut bytes = [0u8; 10];
    bytes[0] = ((r >> 70) & 0xF) as u8;
    bytes[1] = ((r >> 62) & 0xFF) as u8;
    bytes[2..].copy_from_slice(&(r as u64 & ((1 << 62) - 1)).to_be_bytes());
    uuid::Builder::from_unix_timestamp_millis(*ms, &bytes)
        .into_uuid()
        .to_string()
}

/// Whether `s` is an id [`new_id`] writes (36 characters, 8-4-4-4-12 hex).
pub fn is_id(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
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
        let value = |v: Option<&T>| -> Result<Option<serde_json::Value>> {
            v.map(|v| serde_json::to_value(v).map_err(Error::from))
                .transpose()
        };
        let json = |v: Option<serde_json::Value>| -> Result<Option<String>> {
            v.map(|v| serde_json::to_string(&v).map_err(Error::from))
                .transpose()
        };
        let whole = |v: &T| -> Result<Option<String>> {
            let text = compact::whole_json(v)?;
            // Every test that writes a record checks the quick way against the
            // `Value` way, for every record kind.
            debug_assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).ok(),
                compact::compact(None, value(Some(v))?).1,
            );
            Ok(Some(text))
        };
        let (before, after) = match (before, after) {
            // A create, delete or restore (every row of an import): the record
            // straight to text.
            (None, Some(a)) => (None, whole(a)?),
            (Some(b), None) => (whole(b)?, None),
            (b, a) => {
                let (b, a) = compact::compact(value(b)?, value(a)?);
                (json(b)?, json(a)?)
            }
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
                before,
                after,
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
        // An empty file (a copy that failed) is not a database to fill with an
        // empty ledger and report zeros from; unless its write-ahead log holds it.
        let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        if path.is_file() && len(path) == 0 && len(Path::new(&wal)) == 0 {
            return Err(Error::NotADatabase(format!(
                "文件“{}”是空的（0 字节），不是基层治理台账的数据库。如是复制时出错，请重新复制；要新建数据库，请用 init。",
                path.display()
            )));
        }
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

    /// A second connection to an open store's database, for reads only: lists,
    /// search, details and the dashboard answer from it while the store's own
    /// connection holds a long write transaction (an import, a receipt). In WAL mode
    /// it sees the last committed state; `query_only` makes any write through it an
    /// error. It takes no single-writer lock and runs no migration, so open it only
    /// after [`Store::open`] has brought the schema up to date.
    pub fn open_reader(path: &Path) -> Result<Connection> {
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "找不到数据库文件“{}”。",
                path.display()
            )));
        }
        // Read-write at the file level (no CREATE): a WAL reader may need to create
        // the `-shm` index; SQL-level writes are refused by `query_only`.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let found = user_version(&conn)?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerVersion {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(256);
        conn.pragma_update(None, "query_only", "ON")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The writer's page cache (32 MB at most, as the pages are read): 首页's
        // figures at 100,000 people read the same index pages in several queries,
        // and SQLite's default 2 MB made each query read them again.
        conn.pragma_update(None, "cache_size", -32768)?;
        Ok(conn)
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
        if found > 0 && found < SCHEMA_VERSION {
            self.back_up_before_upgrade(found)?;
        }
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
        // A 32 MiB page cache (the default is 2 MiB): a large import's transaction
        // stays in memory instead of spilling pages to the WAL half-way, and
        // statement journals (a row whose triggers write the search index) live in
        // memory rather than in temporary files. Durability is unchanged: only the
        // commit writes, and it is synced as before.
        self.conn.pragma_update(None, "cache_size", -32768)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrate(&mut self.conn)
    }

    /// Before any pending migration runs: a backup of the database as the older
    /// version left it (`…-before-v<N>.db` in `backups/`), so an upgrade that goes
    /// wrong, or a return to the older version, loses nothing. Named by the time the
    /// file was last written (the data's own time; no clock is read here). If the
    /// backup cannot be taken, nothing is migrated.
    fn back_up_before_upgrade(&self, found: u32) -> Result<()> {
        let Some(path) = self.path.as_deref() else {
            return Ok(());
        };
        let written: DateTime<Utc> = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map_err(|e| Error::io(path, e))?
            .into();
        backup::take_from(
            &self.conn,
            path,
            written,
            Some(&backup::before_upgrade(found, SCHEMA_VERSION)),
        )
        .map_err(|e| match e {
            // A damaged database stays a storage error (start-up sets it aside).
            Error::Storage(_) => e,
            other => Error::Refused(format!(
                "这个数据库来自较早的版本，升级前要先备份，但备份没有成功（{other}）。数据库没有改动。请检查磁盘空间和 backups 文件夹的权限后重试。"
            )),
        })?;
        Ok(())
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// For reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Moves everything written into the database file itself and empties its
    /// `-wal` file: what the window runs as it closes. A clerk copies "the
    /// database file" to a stick or a new PC; the last session's work was still in
    /// `<db>-wal` beside it (probe AB). Readers still open keep what they read; a
    /// checkpoint that could not finish is said, never fatal (the file stays whole
    /// and SQLite finishes it on the next open).
    pub fn checkpoint(&self) -> Result<()> {
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Err(Error::Internal(
                "数据库仍在被读取，最近的修改暂存在旁边的 -wal 文件中（下次打开时写回）".into(),
            ));
        }
        Ok(())
    }

    /// For whole-database operations (backup restore) only.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it wrote commits together,
    /// or, if it returns an error, nothing is written. A `ctx` of no one in
    /// particular ([`LOCAL_OPERATOR`]) writes under the name set on this database
    /// ([`office::operator`]), in the change log and the recycle bin.
    pub fn write<T>(&mut self, ctx: &Ctx, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let named;
        let ctx = match office::operator(&tx)? {
            Some(name) if ctx.operator == LOCAL_OPERATOR => {
                named = Ctx {
                    operator: name,
                    ..ctx.clone()
                };
                &named
            }
            _ => ctx,
        };
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
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies migrations up to `target` (tests build old-version databases with it).
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    if target >= 9 {
        repair_renumbered_v8(conn)?;
    }
    apply(conn, MIGRATIONS, RUST_STEPS, target)
}

/// Databases written by the app between d814215 and 141b27a (2 December 2026) had
/// the database identity as migration 8; when issue 11 merged it became 0009, after
/// 0008_name_indexes, so 0009 would fail on them ("table database_identity already
/// exists") and the app could not open them. Such a database (version 8, with the
/// identity table, without 0008's indexes) gets 0008's indexes and version 9 in one
/// transaction; its identity is kept. (Found by the golden databases.)
fn repair_renumbered_v8(conn: &mut Connection) -> Result<()> {
    if user_version(conn)? != 8 {
        return Ok(());
    }
    let has = |name: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = ?1",
            [name],
            |r| r.get(0),
        )?)
    };
    if !has("database_identity")? || has("departments_by_name")? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(MIGRATIONS[7].1)?;
    tx.pragma_update(None, "user_version", 9)?;
    tx.commit()?;
    Ok(())
}

/// Applies `migrations[current..target]` in order, each (its SQL, then its Rust
/// step if `steps` names one) in its own transaction together with the version bump.
fn apply(
    conn: &mut Connection,
    migrations: &[(&str, &str)],
    steps: &[(&str, RustStep)],
    target: u32,
) -> Result<()> {
    let current = user_version(conn)?;
    let latest = migrations.len() as u32;
    if current > latest {
        return Err(Error::NewerVersion {
            found: current,
            supported: latest,
        });
    }
    for (index, (name, sql)) in migrations
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(current as usize)
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        for (_, step) in steps.iter().filter(|(n, _)| n == name) {
            step(&tx)?;
        }
        tx.pragma_update(None, "user_version", (index + 1) as u32)?;
        tx.commit()?;
    }
    Ok(())
}

/// For a Rust step: rewrites the JSON column `column` of every row of `table`
/// through `reshape` (which edits the value in place), writing back only the rows
/// it changed. Returns how many rows changed.
pub fn reshape_json(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    reshape: impl Fn(&mut serde_json::Value) -> Result<()>,
) -> Result<usize> {
    reshape_where(tx, table, column, "", &[], &reshape)
}

/// For a Rust step that reshapes a record kind kept as JSON (`ledger`): every record of
/// `table` and every one of its records in the recycle bin (deleted before the
/// upgrade, restored after it: "as it was" must mean as this version reads it).
/// Returns how many rows changed, both together.
pub fn reshape_records(
    tx: &Transaction<'_>,
    table: &str,
    reshape: impl Fn(&mut serde_json::Value) -> Result<()>,
) -> Result<usize> {
    Ok(reshape_where(tx, table, "json", "", &[], &reshape)?
        + reshape_where(
            tx,
            "recycle_bin",
            "payload_json",
            "WHERE table_name = ?1",
            &[&table],
            &reshape,
        )?)
}

/// [`reshape_json`] over the rows `filter` (with `args`) selects.
fn reshape_where(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
    reshape: &dyn Fn(&mut serde_json::Value) -> Result<()>,
) -> Result<usize> {
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!("SELECT rowid, {column} FROM {table} {filter}"))?;
        let rows = stmt
            .query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let mut changed = 0;
    for (rowid, json) in rows {
        let before: serde_json::Value = serde_json::from_str(&json)?;
        let mut after = before.clone();
        reshape(&mut after)?;
        if after != before {
            tx.execute(
                &format!("UPDATE {table} SET {column} = ?1 WHERE rowid = ?2"),
                rusqlite::params![serde_json::to_string(&after)?, rowid],
            )?;
            changed += 1;
        }
    }
    Ok(changed)
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
    fn new_ids_are_v7_rising_and_distinct() {
        let ids: Vec<String> = (0..20_000).map(|_| new_id()).collect();
        for pair in ids.windows(2) {
            assert!(pair[0] < pair[1], "{} then {}", pair[0], pair[1]);
        }
        for id in &ids {
            assert!(is_id(id), "{id}");
            let u = uuid::Uuid::parse_str(id).unwrap();
            assert_eq!(u.get_version_num(), 7, "{id}");
            assert_eq!(u.get_variant(), uuid::Variant::RFC4122, "{id}");
        }
        // The time in the id is now's (to the second).
        let (secs, _) = uuid::Uuid::parse_str(ids.last().unwrap())
            .unwrap()
            .get_timestamp()
            .unwrap()
            .to_unix();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!(now.abs_diff(secs) <= 2, "{secs} against {now}");
    }

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

    const STEP_TEST: &[(&str, &str)] = &[
        (
            "0001_docs",
            "CREATE TABLE docs (id TEXT PRIMARY KEY, json TEXT NOT NULL);
             INSERT INTO docs VALUES ('a', '{\"name\":\"甲\"}'), ('b', '{\"title\":\"乙\"}');",
        ),
        (
            "0002_seen",
            "CREATE TABLE seen (n INTEGER PRIMARY KEY, what TEXT);",
        ),
        ("0003_after", "INSERT INTO seen (what) VALUES ('sql 3');"),
    ];

    /// Renames `name` to `title` in every document, after 0002's SQL, before its bump.
    fn rename_step(tx: &Transaction<'_>) -> Result<()> {
        assert!(
            !tx.is_autocommit(),
            "a Rust step runs inside the transaction"
        );
        assert_eq!(user_version(tx)?, 1, "before its own version bump");
        tx.execute("INSERT INTO seen (what) VALUES ('rust 2')", [])?;
        let changed = reshape_json(tx, "docs", "json", |v| {
            if let Some(o) = v.as_object_mut() {
                if let Some(name) = o.remove("name") {
                    o.insert("title".into(), name);
                }
            }
            Ok(())
        })?;
        assert_eq!(changed, 1, "only the row that changed is written");
        Ok(())
    }

    /// A reshaping step reaches the records in the recycle bin too: one deleted before
    /// the upgrade comes back as the new version reads it.
    #[test]
    fn a_reshaped_kind_reshapes_its_records_in_the_recycle_bin() {
        let mut store = Store::open_in_memory().unwrap();
        let ctx = Ctx::new(chrono::Utc::now());
        let entry = store
            .write(&ctx, |tx| {
                crate::store::office::setup(tx, "township", "320115101000", "青溪街道", false)?;
                crate::demands::create_department(
                    tx,
                    &crate::demands::DepartmentInput {
                        name: "城管科".into(),
                        level: "乡镇/街道".into(),
                        note: String::new(),
                    },
                )?;
                let gone = crate::demands::create_department(
                    tx,
                    &crate::demands::DepartmentInput {
                        name: "信访办".into(),
                        level: "乡镇/街道".into(),
                        note: String::new(),
                    },
                )?;
                crate::demands::delete_department(tx, &gone.id)
            })
            .unwrap();
        let tx = store.conn_mut().transaction().unwrap();
        let changed = reshape_records(&tx, "departments", |v| {
            v["note"] = serde_json::json!("迁移后");
            Ok(())
        })
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(changed, 2, "the live record and the binned one");
        let (_, payload) = crate::store::recycle::payload(store.conn(), &entry.id).unwrap();
        assert_eq!(payload["note"], "迁移后");
        store
            .write(&ctx, |tx| crate::kinds::restore(tx, &entry.id))
            .unwrap();
        let notes: Vec<String> = store
            .conn()
            .prepare("SELECT json_extract(json, '$.note') FROM departments")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(notes, ["迁移后", "迁移后"]);
    }

    fn failing_step(tx: &Transaction<'_>) -> Result<()> {
        reshape_json(tx, "docs", "json", |v| {
            v["title"] = serde_json::json!("改了");
            Ok(())
        })?;
        Err(Error::Refused("步骤失败".into()))
    }

    fn docs(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("SELECT json FROM docs ORDER BY id").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn rust_step_runs_in_order_inside_the_migration_transaction() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, STEP_TEST, &[("0002_seen", rename_step)], 3).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 3);
        let mut stmt = conn.prepare("SELECT what FROM seen ORDER BY n").unwrap();
        let seen: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(seen, ["rust 2", "sql 3"], "after 0002's SQL, before 0003");
        assert_eq!(docs(&conn), [r#"{"title":"甲"}"#, r#"{"title":"乙"}"#]);
    }

    #[test]
    fn failed_rust_step_rolls_back_its_migration() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, STEP_TEST, &[], 1).unwrap();
        let before = docs(&conn);
        let err = apply(&mut conn, STEP_TEST, &[("0002_seen", failing_step)], 3)
            .err()
            .unwrap();
        assert!(err.to_string().contains("步骤失败"));
        assert_eq!(user_version(&conn).unwrap(), 1, "version not bumped");
        assert_eq!(docs(&conn), before, "the step's JSON edits rolled back");
        let seen: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'seen'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(seen, 0, "the migration's SQL rolled back with its step");
        // Fixed, the same database upgrades.
        apply(&mut conn, STEP_TEST, &[("0002_seen", rename_step)], 3).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 3);
    }

    #[test]
    fn every_rust_step_names_a_migration() {
        for (name, _) in RUST_STEPS {
            assert!(MIGRATIONS.iter().any(|(m, _)| m == name), "{name}");
        }
    }

    #[test]
    fn opening_an_old_database_backs_it_up_before_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, 3).unwrap();
            conn.execute_batch(
                "INSERT INTO office (singleton, level, code, name, is_demo, created_at, updated_at)
                 VALUES (1, 'township', '320115101000', '青溪街道', 0,
                         '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(user_version(store.conn()).unwrap(), SCHEMA_VERSION);
        let backups = backup::list(&store).unwrap();
        assert_eq!(backups.len(), 1, "{backups:?}");
        let b = &backups[0];
        assert!(
            b.file_name
                .ends_with(&format!("-v3-before-v{SCHEMA_VERSION}.db")),
            "{}",
            b.file_name
        );
        assert!(!b.taken_at.is_empty(), "listed with its time");
        let old = Connection::open(&b.path).unwrap();
        assert_eq!(user_version(&old).unwrap(), 3, "the pre-migration database");
        let name: String = old
            .query_row("SELECT name FROM office", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "青溪街道");
        drop(old);
        // Opening the upgraded database again takes no further backup.
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(backup::list(&again).unwrap().len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn an_old_database_is_not_migrated_when_its_backup_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, 3).unwrap();
        }
        // `backups` is a file: no backup can be written there.
        std::fs::write(dir.path().join("backups"), b"x").unwrap();
        let err = Store::open(&path).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::Refused, "{err}");
        assert!(err.to_string().contains("备份没有成功"), "{err}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 3, "not migrated");
    }

    #[test]
    fn a_new_database_takes_no_upgrade_backup() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("new.db")).unwrap();
        assert!(backup::list(&store).unwrap().is_empty());
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
