//! Evidence files (附件: photos, PDFs, Office documents). A file is copied into
//! `attachments/` beside the database under its SHA-256, so the same content is
//! stored once however often it is attached; records keep an [`AttachmentRef`].
//! Backups carry the folder (`backups/attachments/`, also by content) and a restore
//! brings missing files back. A missing file is reported, never a crash.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::store::Tx;

/// Larger evidence files are refused (a photo or a scanned PDF is a few MB).
pub const MAX_BYTES: u64 = 100 * 1024 * 1024;

/// An attached file as a record holds it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AttachmentRef {
    pub hash: String,
    /// The file's name when it was attached (shown, and used when opening it).
    pub name: String,
    pub bytes: u64,
    pub added_at: String,
}

/// An attachment as the UI sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub hash: String,
    pub name: String,
    pub bytes: u64,
    pub added_at: String,
    /// The file is gone from `attachments/` (deleted by hand, or a database copied
    /// without its folder).
    pub missing: bool,
}

/// `attachments/` beside the database.
pub fn dir(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join("attachments")
}

fn valid_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Where the content with `hash` lives under `root` (`ab/abcdef…`).
fn under(root: &Path, hash: &str) -> PathBuf {
    root.join(&hash[..2]).join(hash)
}

pub fn file_path(db: &Path, hash: &str) -> Option<PathBuf> {
    valid_hash(hash).then(|| under(&dir(db), hash))
}

pub fn view(db: Option<&Path>, r: &AttachmentRef) -> Attachment {
    let missing = match db {
        Some(db) => !file_path(db, &r.hash).is_some_and(|p| p.is_file()),
        None => true,
    };
    Attachment {
        hash: r.hash.clone(),
        name: r.name.clone(),
        bytes: r.bytes,
        added_at: r.added_at.clone(),
        missing,
    }
}

/// Copies `src` into the store (once per content) and records it.
pub fn store_file(tx: &Tx, db: &Path, src: &Path) -> Result<AttachmentRef> {
    let meta = std::fs::metadata(src).map_err(|e| Error::io(src, e))?;
    if !meta.is_file() {
        return Err(Error::validation(
            "path",
            format!(
                "“{}”不是一个文件。请选择照片、PDF 或 Office 文档。",
                src.display()
            ),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::validation(
            "path",
            format!(
                "文件“{}”有 {:.0} MB，超过 100 MB 的上限。请压缩后再添加。",
                src.display(),
                meta.len() as f64 / 1e6
            ),
        ));
    }
    let bytes = std::fs::read(src).map_err(|e| Error::io(src, e))?;
    let hash = crate::base::hash::sha256(&bytes);
    let target = under(&dir(db), &hash);
    if !target.is_file() {
        crate::base::outfile::write_file(&target, &bytes)?;
    }
    tx.execute(
        "INSERT OR IGNORE INTO attachments (hash, bytes, added_at) VALUES (?1, ?2, ?3)",
        rusqlite::params![hash, bytes.len() as i64, tx.ctx.stamp()],
    )?;
    Ok(AttachmentRef {
        hash,
        name: src
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "附件".into()),
        bytes: bytes.len() as u64,
        added_at: tx.ctx.stamp(),
    })
}

/// A record that carries evidence files (附件: photos, a 纪要, scans). Projects,
/// visits, meetings, inspections and clean-up entries implement it, and their kind
/// declares [`Evidence::of`], so one mechanism attaches, removes and lists files for
/// all of them.
pub trait Attached: crate::store::ledger::Document {
    fn attachments(&self) -> &[AttachmentRef];
    fn attachments_mut(&mut self) -> &mut Vec<AttachmentRef>;
    /// Marks the record changed (its `updated_at`).
    fn touch(&mut self, stamp: String);
    /// The kind's own rule for a record that just lost a file (already removed
    /// from `self`): an error refuses the removal. Most kinds have none.
    fn may_lose_file(&self) -> Result<()> {
        Ok(())
    }
}

/// Implements [`Attached`] for a record with `attachments` and `updated_at` fields;
/// `attached!(Type, may_lose_file = path)` names the kind's rule for removing a file
/// (see [`Attached::may_lose_file`]), which every way of removing one goes through.
macro_rules! attached {
    ($ty:ty $(, may_lose_file = $rule:path)?) => {
        impl $crate::store::attachments::Attached for $ty {
            fn attachments(&self) -> &[$crate::store::attachments::AttachmentRef] {
                &self.attachments
            }
            fn attachments_mut(&mut self) -> &mut Vec<$crate::store::attachments::AttachmentRef> {
                &mut self.attachments
            }
            fn touch(&mut self, stamp: String) {
                self.updated_at = stamp;
            }
            $(
                fn may_lose_file(&self) -> $crate::base::error::Result<()> {
                    $rule(self)
                }
            )?
        }
    };
}
pub(crate) use attached;

/// What a kind whose records carry files declares (`Def::evidence`).
#[derive(Clone, Copy)]
pub struct Evidence {
    pub attach: fn(&Tx, &Path, &str, &[PathBuf]) -> Result<()>,
    pub detach: fn(&Tx, &str, &str) -> Result<()>,
    pub list: fn(&rusqlite::Connection, &str) -> Result<Vec<AttachmentRef>>,
    /// The files may go up with the exchange file (同时导出佐证材料), as
    /// `exchange::package::referenced` collects them; otherwise they stay at the office.
    pub travels: bool,
}

impl Evidence {
    /// Files that stay at the office (a visit's photos).
    pub const fn of<D: Attached>() -> Evidence {
        Evidence {
            attach: attach_files::<D>,
            detach: detach::<D>,
            list: list::<D>,
            travels: false,
        }
    }

    /// Files that may go up with the exchange file (a project's 佐证材料).
    pub const fn travelling<D: Attached>() -> Evidence {
        Evidence {
            travels: true,
            ..Evidence::of::<D>()
        }
    }
}

/// At most this many files in one go (a clerk picks a day's photos, not an archive).
pub const MAX_FILES_AT_ONCE: usize = 50;

/// Attaches `files` to record `id` in one go: each is copied in by content, a file
/// already on the record is not added twice, and one file that cannot be attached
/// refuses the lot (its name in the message), so the record never holds half a pick.
/// The change log names the step 添加附件 (and [`detach`] 删除附件), for every kind.
pub fn attach_files<D: Attached>(tx: &Tx, db: &Path, id: &str, files: &[PathBuf]) -> Result<()> {
    if files.is_empty() {
        return Err(Error::validation("path", "请选择要添加的文件。"));
    }
    if files.len() > MAX_FILES_AT_ONCE {
        return Err(Error::validation(
            "path",
            format!(
                "一次选了 {} 个文件，最多 {MAX_FILES_AT_ONCE} 个。请分几次添加。",
                files.len()
            ),
        ));
    }
    let mut d: D = crate::store::ledger::get(tx, id)?;
    let mut added = false;
    for f in files {
        let a = store_file(tx, db, f)?;
        if !d.attachments().iter().any(|x| x.hash == a.hash) {
            d.attachments_mut().push(a);
            added = true;
        }
    }
    if added {
        d.touch(tx.ctx.stamp());
        crate::store::ledger::save_as(tx, &d, "添加附件")?;
    }
    Ok(())
}

/// Takes the file `hash` off record `id` (the stored content stays: other records
/// or backups may hold it).
pub fn detach<D: Attached>(tx: &Tx, id: &str, hash: &str) -> Result<()> {
    let mut d: D = crate::store::ledger::get(tx, id)?;
    let before = d.attachments().len();
    d.attachments_mut().retain(|a| a.hash != hash);
    if d.attachments().len() == before {
        return Err(Error::NotFound(format!(
            "这个附件已经不在这条{}上了，请刷新。",
            D::LABEL
        )));
    }
    d.may_lose_file()?;
    d.touch(tx.ctx.stamp());
    crate::store::ledger::save_as(tx, &d, "删除附件")
}

/// The files on record `id`.
pub fn list<D: Attached>(conn: &rusqlite::Connection, id: &str) -> Result<Vec<AttachmentRef>> {
    let d: D = crate::store::ledger::get(conn, id)?;
    Ok(d.attachments().to_vec())
}

/// Image files small enough to show as a thumbnail (the bytes go to the window).
pub const MAX_THUMBNAIL_BYTES: u64 = 8 * 1024 * 1024;

/// The picture type of an image by its first bytes (never by its name).
pub fn image_type(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("image/webp")
    } else if head.starts_with(b"BM") {
        Some("image/bmp")
    } else {
        None
    }
}

/// A thumbnail of the stored file `hash` as a `data:` URL, when it is a picture
/// (PNG, JPEG, GIF, WebP, BMP by content) of at most [`MAX_THUMBNAIL_BYTES`];
/// otherwise `None` (the window shows the file's type instead).
pub fn thumbnail(db: &Path, hash: &str) -> Result<Option<String>> {
    use base64::Engine as _;
    let Some(p) = file_path(db, hash) else {
        return Ok(None);
    };
    let Ok(meta) = std::fs::metadata(&p) else {
        return Ok(None);
    };
    if !meta.is_file() || meta.len() > MAX_THUMBNAIL_BYTES {
        return Ok(None);
    }
    let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
    Ok(image_type(&bytes).map(|mime| {
        format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        )
    }))
}

/// The largest file the window previews (预览): it is read whole and sent to the window.
pub const MAX_PREVIEW_BYTES: u64 = 50 * 1024 * 1024;

/// The content of one stored attachment for the in-app preview (a PDF drawn by the
/// window, a picture shown larger). `hash` must name content the store took in (a
/// row of `attachments`), so no other file on the disk can be read this way. Refused
/// over [`MAX_PREVIEW_BYTES`]; a file whose content no longer matches its hash is
/// reported as damaged rather than shown.
pub fn preview_bytes(conn: &rusqlite::Connection, db: &Path, hash: &str) -> Result<Vec<u8>> {
    use rusqlite::OptionalExtension as _;
    let unknown = || Error::NotFound("没有找到这个附件，请刷新后再试。".into());
    let Some(p) = file_path(db, hash) else {
        return Err(unknown());
    };
    conn.query_row("SELECT 1 FROM attachments WHERE hash = ?1", [hash], |_| {
        Ok(())
    })
    .optional()?
    .ok_or_else(unknown)?;
    let meta = match std::fs::metadata(&p) {
        Ok(m) if m.is_file() => m,
        _ => return Err(missing_file(db, "附件")),
    };
    if meta.len() > MAX_PREVIEW_BYTES {
        return Err(Error::Refused(format!(
            "这个附件有 {:.0} MB，超过 {} MB，不能在软件里预览。请点“打开”用电脑上的程序查看。",
            meta.len() as f64 / 1e6,
            MAX_PREVIEW_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
    if crate::base::hash::sha256(&bytes) != hash.to_ascii_lowercase() {
        return Err(Error::Refused(format!(
            "附件文件“{}”已损坏（内容和添加时不一样）。可以从备份恢复，或重新添加这个文件。",
            p.display()
        )));
    }
    Ok(bytes)
}

/// The stored file for `hash`, or a message saying it is missing.
pub fn open_path(db: &Path, hash: &str, name: &str) -> Result<PathBuf> {
    match file_path(db, hash) {
        Some(p) if p.is_file() => Ok(p),
        _ => Err(missing_file(db, name)),
    }
}

fn missing_file(db: &Path, name: &str) -> Error {
    Error::NotFound(format!(
        "附件“{name}”的文件不在附件文件夹“{}”中（可能被删除或移动了）。可以从备份恢复，或重新添加这个文件。",
        dir(db).display()
    ))
}

/// Copies every stored file not yet in `to` (both content-addressed folders).
/// Returns how many were copied.
fn sync(from: &Path, to: &Path) -> Result<usize> {
    let Ok(prefixes) = std::fs::read_dir(from) else {
        return Ok(0);
    };
    let mut copied = 0;
    for prefix in prefixes.flatten() {
        let Ok(files) = std::fs::read_dir(prefix.path()) else {
            continue;
        };
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if !valid_hash(&name) {
                continue;
            }
            let target = under(to, &name);
            if target.is_file() {
                continue;
            }
            let bytes = std::fs::read(f.path()).map_err(|e| Error::io(f.path(), e))?;
            // Never copy a damaged file onward under a hash it does not have.
            if crate::base::hash::sha256(&bytes) != name {
                continue;
            }
            crate::base::outfile::write_file(&target, &bytes)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Backups keep the attachment files too, once per content.
pub fn back_up(db: &Path) -> Result<usize> {
    sync(
        &dir(db),
        &crate::base::outfile::backup_dir(db).join("attachments"),
    )
}

/// How many stored files (by content) the folder beside database `db` lacks: a
/// database restored on a new PC without its `attachments/` folder (nor
/// `backups/attachments/`) keeps its records, and their photos and minutes are gone
/// from view. Said by 数据检查 and by a restore.
pub fn missing_count(conn: &rusqlite::Connection, db: &Path) -> Result<usize> {
    let root = dir(db);
    let mut stmt = conn.prepare_cached("SELECT hash FROM attachments")?;
    let hashes = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut missing = 0;
    for hash in hashes {
        let hash = hash?;
        if valid_hash(&hash) && !under(&root, &hash).is_file() {
            missing += 1;
        }
    }
    Ok(missing)
}

/// What a clerk does about `n` missing files ([`missing_count`]).
pub fn missing_advice(n: usize) -> String {
    format!(
        "有 {n} 个附件（照片、会议纪要等）的文件不在本机，记录还在，打开附件时会显示“文件缺失”。如果是换了电脑：请把原电脑上数据文件旁的 attachments 文件夹（或 backups 文件夹里的 attachments）复制到本机数据文件旁，再做一次数据检查。"
    )
}

/// After a restore: brings back files the backups hold and the folder lacks.
pub fn bring_back(db: &Path) -> Result<usize> {
    sync(
        &crate::base::outfile::backup_dir(db).join("attachments"),
        &dir(db),
    )
}
