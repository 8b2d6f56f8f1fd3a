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

/// The stored file for `hash`, or a message saying it is missing.
pub fn open_path(db: &Path, hash: &str, name: &str) -> Result<PathBuf> {
    match file_path(db, hash) {
        Some(p) if p.is_file() => Ok(p),
        _ => Err(Error::NotFound(format!(
            "附件“{name}”的文件不在附件文件夹“{}”中（可能被删除或移动了）。可以从备份恢复，或重新添加这个文件。",
            dir(db).display()
        ))),
    }
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

/// After a restore: brings back files the backups hold and the folder lacks.
pub fn bring_back(db: &Path) -> Result<usize> {
    sync(
        &crate::base::outfile::backup_dir(db).join("attachments"),
        &dir(db),
    )
}
