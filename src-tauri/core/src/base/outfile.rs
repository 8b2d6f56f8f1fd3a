//! Writing files the user named (exports, templates, error workbooks, packages,
//! reports) without ever destroying something that must not be overwritten.
//!
//! Every such write goes through [`check_target`] and [`write_atomic`]:
//! - the target must carry the expected extension and sit in a folder that exists;
//! - it must not be the open database, its `-wal`/`-shm` files, a backup, a SQLite
//!   database of any kind, or a file being read by the same operation, compared by
//!   file identity (device + inode on Unix, the canonical path elsewhere), not by
//!   name, so a hard link or `./x/../t.db` does not slip through;
//! - the bytes go to a unique temporary file beside the target (created new, readable
//!   by the owner only: exports carry ID numbers), flushed, then renamed over it.
//!
//! Open stores register their files here ([`protect`]); the registry is per process.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::base::error::{Error, Result};

/// What identifies one file whatever name it is reached by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(String);

/// The identity of an existing file (following links), or `None` if there is none.
pub fn file_id(path: &Path) -> Option<FileId> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(FileId(format!("{}:{}", meta.dev(), meta.ino())))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        let p = fs::canonicalize(path).ok()?;
        Some(FileId(p.to_string_lossy().to_lowercase()))
    }
}

/// Protected paths by owner (one owner per open store).
static PROTECTED: Mutex<Option<HashMap<u64, Vec<PathBuf>>>> = Mutex::new(None);
static NEXT_OWNER: AtomicU64 = AtomicU64::new(1);

/// Registers paths (files or folders) that no output may overwrite or write into,
/// for as long as the returned guard lives.
pub fn protect(paths: Vec<PathBuf>) -> Protection {
    let owner = NEXT_OWNER.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut g) = PROTECTED.lock() {
        g.get_or_insert_with(HashMap::new).insert(owner, paths);
    }
    Protection(owner)
}

/// Ends a [`protect`] registration when dropped.
#[derive(Debug)]
pub struct Protection(u64);

impl Drop for Protection {
    fn drop(&mut self) {
        if let Ok(mut g) = PROTECTED.lock() {
            if let Some(m) = g.as_mut() {
                m.remove(&self.0);
            }
        }
    }
}

fn protected_paths() -> Vec<PathBuf> {
    PROTECTED
        .lock()
        .ok()
        .and_then(|g| g.as_ref().map(|m| m.values().flatten().cloned().collect()))
        .unwrap_or_default()
}

/// True when `path` is (by identity) one of the files an open store registered:
/// the database itself or its journal files. Opening such a file again in this
/// process and closing it would release SQLite's own locks on it (POSIX locks are
/// per process), so readers refuse it before opening.
pub fn is_protected_file(path: &Path) -> bool {
    let Some(id) = file_id(path) else {
        return false;
    };
    protected_paths()
        .iter()
        .filter(|p| !p.is_dir())
        .any(|p| file_id(p).as_ref() == Some(&id))
}

/// The files of a database that must never be overwritten: the file, its journal
/// files, and its backups folder.
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    let with = |suffix: &str| {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    vec![
        db.to_path_buf(),
        with("-wal"),
        with("-shm"),
        with("-journal"),
        with(".lock"),
        backup_dir(db),
    ]
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// True when the file starts with SQLite's header.
fn is_sqlite_file(path: &Path) -> bool {
    let mut head = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|_| &head == b"SQLite format 3\0")
        .unwrap_or(false)
}

/// Checks that `target` may be written: the right extension (one of `exts`, without
/// the dot, any case), an existing folder, not a folder itself, and not any file that
/// must not be overwritten, including the files in `reading`.
pub fn check_target(target: &Path, exts: &[&str], reading: &[&Path]) -> Result<()> {
    let name = display_name(target);
    let ext_ok = target
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)));
    let stem_ok = target
        .file_stem()
        .is_some_and(|s| !s.is_empty() && !s.to_string_lossy().starts_with('.'));
    // A folder typed without a file name was told the name had no .xlsx (probe AP).
    if target.is_dir() {
        return Err(Error::validation(
            "path",
            format!(
                "“{}”是一个文件夹：请在后面加上文件名，如“{}”。",
                target.display(),
                target
                    .join(format!("名单.{}", exts.first().copied().unwrap_or("xlsx")))
                    .display()
            ),
        ));
    }
    if !ext_ok || !stem_ok || target.as_os_str().to_string_lossy().ends_with('/') {
        let list = exts
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" 或 ");
        return Err(Error::validation(
            "path",
            format!(
                "输出文件“{name}”的名称不对：文件名应以 {list} 结尾，例如“网格员名单{}”。",
                exts.first().map(|e| format!(".{e}")).unwrap_or_default()
            ),
        ));
    }
    // Said before the work, not as the temporary file's English error (probe AO:
    // “…xlsx.16946-8.tmp”读写失败（File name too long）).
    if name.len() > MAX_NAME_BYTES {
        return Err(Error::validation(
            "path",
            format!(
                "文件名太长（{} 个字）。请改短一些，如 40 个字以内。",
                target
                    .file_stem()
                    .map_or(0, |s| s.to_string_lossy().chars().count())
            ),
        ));
    }
    // Names Windows refuses, refused everywhere: a file written here is sent on.
    if let Some(c) = name
        .chars()
        .find(|c| WINDOWS_REFUSES.contains(*c) || c.is_control())
    {
        let shown = if c.is_control() {
            "控制字符".to_string()
        } else {
            format!("“{c}”")
        };
        return Err(Error::validation(
            "path",
            format!("文件名“{name}”里有{shown}：文件名不能含 < > : \" | ? * 这些符号。请去掉或换成别的字。"),
        ));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::validation(
            "path",
            format!(
                "要保存到的文件夹“{}”不存在。请先建好这个文件夹，或选择另一个文件夹。",
                dir.display()
            ),
        ));
    }
    if let Ok(meta) = fs::metadata(target) {
        if !meta.is_file() {
            return Err(Error::validation(
                "path",
                format!("“{name}”不是普通文件（可能是文件夹或设备），不能写入。请换一个文件名。"),
            ));
        }
    }
    let Some(id) = file_id(target) else {
        // Nothing there yet: only the folder matters.
        return check_folder(&dir, &name);
    };
    for p in reading {
        if file_id(p).as_ref() == Some(&id) {
            return Err(Error::validation(
                "path",
                format!("输出文件“{name}”就是正在读取的文件，不能覆盖它。请换一个文件名。"),
            ));
        }
    }
    for p in protected_paths() {
        if file_id(&p).as_ref() == Some(&id) {
            return Err(Error::validation(
                "path",
                format!("“{name}”是本软件的数据库文件，不能被导出文件覆盖。请换一个文件名。"),
            ));
        }
    }
    if is_sqlite_file(target) {
        return Err(Error::validation(
            "path",
            format!("“{name}”是一个数据库文件，不能被导出文件覆盖。请换一个文件名。"),
        ));
    }
    check_folder(&dir, &name)
}

/// The longest file name written, in bytes: the temporary file beside it adds about
/// 25 to what a file system takes (255).
const MAX_NAME_BYTES: usize = 220;
/// What a Windows file name cannot hold.
const WINDOWS_REFUSES: &str = "<>:\"|?*";

/// A path typed in the window's 保存到 box, checked before the work starts: a whole
/// path (a bare name was written into the program's own folder, unseen: probe AO),
/// then [`check_target`]. Returns whether a file is there already, for the window to
/// ask before replacing it (it was replaced without a word). `folder_ok`: a folder
/// is a place to write a file named anew (an exchange package), taken as it is.
pub fn check_typed_target(target: &Path, exts: &[&str], folder_ok: bool) -> Result<bool> {
    if !target.is_absolute() {
        return Err(Error::validation(
            "path",
            "请写出完整的保存位置，从盘符开始（如 D:\\台账\\网格员名单.xlsx），或点“选择位置…”选择。",
        ));
    }
    if folder_ok && target.is_dir() {
        return Ok(false);
    }
    check_target(target, exts, &[])?;
    Ok(target.is_file())
}

fn check_folder(dir: &Path, name: &str) -> Result<()> {
    let Some(dir_id) = file_id(dir) else {
        return Ok(());
    };
    for p in protected_paths() {
        if p.is_dir() && file_id(&p).as_ref() == Some(&dir_id) {
            return Err(Error::validation(
                "path",
                format!("不能把“{name}”保存到备份文件夹里。请选择另一个文件夹。"),
            ));
        }
    }
    Ok(())
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `target` through a new, uniquely named temporary file in the
/// same folder (owner-only on Unix), flushed, then renamed; the folder is synced so
/// the rename survives a power cut. Never leaves a half-written target.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    temp_beside(target, bytes)?.persist()
}

/// A file written under a temporary name beside its target, flushed, waiting to be
/// renamed into place by [`Pending::persist`]; dropped without that, it is removed.
/// Lets a write that must match a transaction appear only once the transaction
/// committed.
#[derive(Debug)]
pub struct Pending {
    tmp: PathBuf,
    target: PathBuf,
}

impl Pending {
    pub fn persist(self) -> Result<()> {
        let (tmp, target) = (self.tmp.clone(), self.target.clone());
        std::mem::forget(self);
        if let Err(e) = fs::rename(&tmp, &target) {
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(&target, e));
        }
        if let Some(dir) = target.parent() {
            if let Ok(d) = File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.tmp);
    }
}

/// [`check_target`], then the bytes written to a new owner-only temporary file beside
/// the target and flushed; [`Pending::persist`] puts it in place.
pub fn write_pending(
    target: &Path,
    exts: &[&str],
    reading: &[&Path],
    bytes: &[u8],
) -> Result<Pending> {
    check_target(target, exts, reading)?;
    temp_beside(target, bytes)
}

/// [`write_pending`] of what `write` writes to the file (a package streamed from
/// its parts, never held whole); also returns how many bytes it wrote.
pub fn write_pending_with(
    target: &Path,
    exts: &[&str],
    reading: &[&Path],
    write: &mut dyn FnMut(&mut File) -> Result<()>,
) -> Result<(Pending, u64)> {
    check_target(target, exts, reading)?;
    let (pending, mut file) = create_beside(target)?;
    write(&mut file)?;
    file.sync_all().map_err(|e| Error::io(&pending.tmp, e))?;
    let len = file
        .metadata()
        .map_err(|e| Error::io(&pending.tmp, e))?
        .len();
    Ok((pending, len))
}

/// The bytes in a new, uniquely named, owner-only temporary file beside `target`,
/// flushed.
fn temp_beside(target: &Path, bytes: &[u8]) -> Result<Pending> {
    let (pending, mut file) = create_beside(target)?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| Error::io(&pending.tmp, e))?;
    Ok(pending)
}

/// Temporary files an earlier write of the same file left behind when its process
/// was killed (`.名单.zip.<pid>-<n>.tmp`: a full copy of what it wrote, personal
/// data included), an hour old or more: no write takes that long.
fn remove_stale_temps(dir: &Path, base: &str) {
    let prefix = format!(".{base}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(&prefix) && name.ends_with(".tmp");
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < hour_ago);
        if ours && old && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A new, uniquely named, owner-only empty file beside `target`, removed again
/// unless persisted.
fn create_beside(target: &Path) -> Result<(Pending, File)> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = display_name(target);
    remove_stale_temps(&dir, &base);
    let (tmp, file) = loop {
        let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{base}.{}-{n}.tmp", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&tmp, e)),
        }
    };
    let pending = Pending {
        tmp,
        target: target.to_path_buf(),
    };
    Ok((pending, file))
}

/// [`check_target`] then [`write_atomic`].
pub fn write_checked(target: &Path, exts: &[&str], reading: &[&Path], bytes: &[u8]) -> Result<()> {
    check_target(target, exts, reading)?;
    write_atomic(target, bytes)
}

pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// Writes `bytes` to `path` atomically, creating its folder first.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A typed 保存到 path is checked before the work and says what to do (probe AO:
    /// a bare name went to the program's folder, a long one failed with the temporary
    /// file's English error, `a:b*?.xlsx` was written for a Windows office).
    #[test]
    fn a_typed_path_is_whole_short_and_windows_safe_and_says_when_a_file_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let said = |p: &Path| {
            check_typed_target(p, &["xlsx"], false)
                .unwrap_err()
                .to_string()
        };
        assert!(said(Path::new("名单.xlsx")).contains("请写出完整的保存位置"));
        let long = dir.path().join(format!("{}.xlsx", "长".repeat(80)));
        assert!(
            said(&long).contains("文件名太长（80 个字）"),
            "{}",
            said(&long)
        );
        let odd = dir.path().join("a:b*?.xlsx");
        assert!(said(&odd).contains("里有“:”"), "{}", said(&odd));
        let out = dir.path().join("名单.xlsx");
        assert!(!check_typed_target(&out, &["xlsx"], false).unwrap());
        fs::write(&out, b"x").unwrap();
        assert!(check_typed_target(&out, &["xlsx"], false).unwrap());
        // A folder is a place for a package named anew, not for a list.
        assert!(!check_typed_target(dir.path(), &["zip"], true).unwrap());
        assert!(said(dir.path()).contains("是一个文件夹"));
        // Sixty characters are fine.
        let name = dir.path().join(format!("{}.xlsx", "名".repeat(60)));
        assert!(!check_typed_target(&name, &["xlsx"], false).unwrap());
    }

    #[test]
    fn refuses_what_must_not_be_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = crate::Store::open(&db).unwrap();
        let before = fs::read(&db).unwrap();
        // The database under its own name, a hard link and a dotted path.
        let link = dir.path().join("link.xlsx");
        fs::hard_link(&db, &link).unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        for target in [link.clone(), dir.path().join("sub/../link.xlsx")] {
            let err = write_checked(&target, &["xlsx"], &[], b"x").unwrap_err();
            assert!(err.to_string().contains("数据库"), "{err}");
        }
        // Wrong extension, a missing folder, a folder, hidden-name targets.
        for (t, want) in [
            (dir.path().join("t.db"), "应以 .xlsx 结尾"),
            (dir.path().join("nodir/out.xlsx"), "不存在"),
            (dir.path().join(".xlsx"), "应以 .xlsx 结尾"),
        ] {
            let err = write_checked(&t, &["xlsx"], &[], b"x").unwrap_err();
            assert!(err.to_string().contains(want), "{}: {err}", t.display());
        }
        fs::create_dir(dir.path().join("d.xlsx")).unwrap();
        let err = write_checked(&dir.path().join("d.xlsx"), &["xlsx"], &[], b"x").unwrap_err();
        assert!(
            err.to_string().contains("是一个文件夹：请在后面加上文件名"),
            "{err}"
        );
        // The file being read.
        let input = dir.path().join("in.xlsx");
        fs::write(&input, b"input").unwrap();
        let err = write_checked(&input, &["xlsx"], &[&input], b"x").unwrap_err();
        assert!(err.to_string().contains("正在读取"), "{err}");
        assert_eq!(fs::read(&input).unwrap(), b"input");
        // Into the backups folder.
        crate::store::backup::take(&store, chrono::Utc::now(), None).unwrap();
        let err =
            write_checked(&dir.path().join("backups/x.xlsx"), &["xlsx"], &[], b"x").unwrap_err();
        assert!(err.to_string().contains("备份文件夹"), "{err}");
        assert_eq!(fs::read(&db).unwrap(), before);
        // Another SQLite file, not open here.
        drop(store);
        let copy = dir.path().join("copy.xlsx");
        fs::copy(&db, &copy).unwrap();
        let err = write_checked(&copy, &["xlsx"], &[], b"x").unwrap_err();
        assert!(err.to_string().contains("数据库文件"), "{err}");
        // A good target is written owner-only, with no temporary file left.
        let out = dir.path().join("out.XLSX");
        write_checked(&out, &["xlsx"], &[&input], b"data").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"data");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&out).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        // What a write killed midway left (a copy of the data) goes at the next
        // write of that file once an hour old; a fresh one (a write running) stays.
        let stale = dir
            .path()
            .join(format!(".{}.999999-0.tmp", display_name(&out)));
        let fresh = dir
            .path()
            .join(format!(".{}.999999-1.tmp", display_name(&out)));
        fs::write(&stale, b"unmasked").unwrap();
        fs::write(&fresh, b"running").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        write_checked(&out, &["xlsx"], &[&input], b"again").unwrap();
        assert!(!stale.exists() && fresh.exists());
    }
}
