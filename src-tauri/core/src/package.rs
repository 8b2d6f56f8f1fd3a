//! Export packages (交换文件) and receiving them: the chain township → county → city.
//! The format is specified in `docs/PACKAGE.md`. A package is a full snapshot of the
//! sending office's own records (so deletions and moves travel by themselves) plus,
//! from a county or city, the latest package it holds from each office below,
//! byte for byte.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::office::{self, Level, Office};
use crate::report::{self, kind_label, Records, Totals};
use crate::sheet;
use crate::store::{Ctx, Store, Tx};

pub const FORMAT: &str = "gridledger-package";
/// The version this build writes and the newest it reads. Readers accept every
/// version up to their own and refuse newer ones (see docs/PACKAGE.md).
pub const FORMAT_VERSION: u32 = 2;
/// Caps on what a package may unpack to, against zip bombs.
const MAX_PART_BYTES: u64 = 512 * 1024 * 1024;
const MAX_PACKAGE_BYTES: u64 = 900 * 1024 * 1024;

/// The record kinds a package carries, one `records/<kind>.jsonl` each.
pub use crate::report::KINDS;
/// The kinds a version-1 package has (party building and co-building came in 2).
const KINDS_V1: [&str; 3] = ["units", "people", "business_grids"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    pub level: Level,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub office: Sender,
    pub sequence: i64,
    pub exported_at: String,
    /// Records per kind in `records/`.
    pub counts: BTreeMap<String, usize>,
    /// The sender's own totals (report keys), computed from `records/`.
    pub totals: Totals,
    /// Every other entry of the zip with its SHA-256.
    pub parts: Vec<Part>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `320115101000_青溪街道_20261127_0003.zip`
pub fn file_name(office: &Office, now: DateTime<Utc>, sequence: i64) -> String {
    let date = (now + chrono::Duration::hours(8)).format("%Y%m%d");
    let safe: String = office
        .name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}_{}_{}_{:04}.zip", office.code, safe, date, sequence)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub file_name: String,
    pub sequence: i64,
    pub counts: BTreeMap<String, usize>,
    pub offices_below: usize,
    pub bytes: u64,
    /// Evidence files carried in the package.
    pub attachments: usize,
}

/// Where evidence files sit inside a package: `attachments/<sha256>`.
const ATTACHMENTS_DIR: &str = "attachments/";

/// Writes this office's package to `target`: a folder (the file gets its standard
/// name there) or a file path; with the evidence files themselves if `attachments`.
pub fn export_to(
    store: &mut Store,
    ctx: &Ctx,
    target: &Path,
    attachments: bool,
) -> Result<Exported> {
    if target.is_dir() {
        return export_with(store, ctx, target, attachments);
    }
    let with_zip;
    let target = if target
        .extension()
        .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case("zip"))
    {
        target
    } else {
        let mut name = target.as_os_str().to_owned();
        name.push(".zip");
        with_zip = PathBuf::from(name);
        with_zip.as_path()
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut e = export_with(store, ctx, dir, attachments)?;
    let from = PathBuf::from(&e.path);
    if from != target {
        std::fs::rename(&from, target).map_err(|err| Error::io(target, err))?;
        e.path = target.display().to_string();
        e.file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(e)
}

/// Writes this office's package into `dir`. The sequence number grows with every
/// export; the export is recorded in the change log.
pub fn export(store: &mut Store, ctx: &Ctx, dir: &Path) -> Result<Exported> {
    export_with(store, ctx, dir, false)
}

/// [`export`], with the evidence files themselves when `attachments` (they are
/// otherwise carried by reference: name, size, hash).
pub fn export_with(
    store: &mut Store,
    ctx: &Ctx,
    dir: &Path,
    attachments: bool,
) -> Result<Exported> {
    let db = match (attachments, store.path()) {
        (false, _) => None,
        (true, Some(p)) => Some(p.to_path_buf()),
        (true, None) => return Err(Error::Refused("内存数据库没有附件文件夹。".into())),
    };
    store.write(ctx, |tx| {
        let office = office::require(tx)?;
        let sequence = next_sequence(tx)?;
        tx.execute(
            "INSERT INTO export_sequence (singleton, last) VALUES (1, ?1)
             ON CONFLICT (singleton) DO UPDATE SET last = excluded.last",
            [sequence],
        )?;
        let (manifest, zip, offices_below) = build(tx, ctx, &office, sequence, db.as_deref())?;
        let name = file_name(&office, ctx.now, sequence);
        let path = dir.join(&name);
        sheet::write_file(&path, &zip)?;
        tx.log_change("packages", &office.code, "export", None, Some(&manifest))?;
        Ok(Exported {
            path: path.display().to_string(),
            file_name: name,
            sequence,
            counts: manifest.counts,
            offices_below,
            bytes: zip.len() as u64,
            attachments: manifest
                .parts
                .iter()
                .filter(|p| p.path.starts_with(ATTACHMENTS_DIR))
                .count(),
        })
    })
}

/// The number this office's next export gets.
fn next_sequence(conn: &rusqlite::Connection) -> Result<i64> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT last FROM export_sequence WHERE singleton = 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(last.unwrap_or(0) + 1)
}

/// The package of this office's records as of now, numbered `sequence`: its
/// manifest, the zip bytes, and how many offices below it carries. With `db`, the
/// evidence files the records refer to go in too (a missing one refuses the export).
fn build(
    conn: &rusqlite::Connection,
    ctx: &Ctx,
    office: &Office,
    sequence: i64,
    db: Option<&Path>,
) -> Result<(Manifest, Vec<u8>, usize)> {
    let records = Records::own(conn)?;
    let mut parts: Vec<(String, Vec<u8>)> = records
        .jsonl()?
        .into_iter()
        .map(|(kind, bytes)| (format!("records/{kind}.jsonl"), bytes))
        .collect();
    if let Some(db) = db {
        for a in crate::attachments::referenced(&records) {
            let file = crate::attachments::open_path(db, &a.hash, &a.name)
                .map_err(|e| Error::Refused(format!("{e}（可以不带附件导出）")))?;
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            parts.push((format!("{ATTACHMENTS_DIR}{}", a.hash), bytes));
        }
    }
    let mut stmt = conn.prepare("SELECT code, package FROM snapshots ORDER BY code")?;
    let below: Vec<(String, Vec<u8>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let offices_below = below.len();
    for (code, bytes) in below {
        parts.push((format!("below/{code}.zip"), bytes));
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        app_version: crate::APP_VERSION.into(),
        office: Sender {
            level: office.level,
            code: office.code.clone(),
            name: office.name.clone(),
        },
        sequence,
        exported_at: ctx.stamp(),
        counts: records.counts(),
        totals: report::totals(&records, report::as_of(&ctx.stamp())),
        parts: parts
            .iter()
            .map(|(path, bytes)| Part {
                path: path.clone(),
                sha256: sha256(bytes),
                bytes: bytes.len() as u64,
            })
            .collect(),
    };
    let zip = write_zip(&manifest, &parts)?;
    Ok((manifest, zip, offices_below))
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackagePreview {
    pub file_name: String,
    pub next_sequence: i64,
    pub counts: BTreeMap<String, usize>,
    pub offices_below: usize,
    /// The size the file would have if exported now (without evidence files).
    pub approx_bytes: u64,
    /// Evidence files the records refer to, their total size, and how many of them
    /// are missing from the attachments folder (those would refuse an export with
    /// attachments).
    pub attachments: usize,
    pub attachments_bytes: u64,
    pub attachments_missing: usize,
}

/// What an export would write now, without writing it or using up a number.
pub fn preview(
    conn: &rusqlite::Connection,
    ctx: &Ctx,
    db: Option<&Path>,
) -> Result<PackagePreview> {
    let office = office::require(conn)?;
    let sequence = next_sequence(conn)?;
    let (manifest, zip, offices_below) = build(conn, ctx, &office, sequence, None)?;
    let records = Records::own(conn)?;
    let refs = crate::attachments::referenced(&records);
    Ok(PackagePreview {
        file_name: file_name(&office, ctx.now, sequence),
        next_sequence: sequence,
        counts: manifest.counts,
        offices_below,
        approx_bytes: zip.len() as u64,
        attachments: refs.len(),
        attachments_bytes: refs.iter().map(|a| a.bytes).sum(),
        attachments_missing: refs
            .iter()
            .filter(|a| crate::attachments::view(db, a).missing)
            .count(),
    })
}

fn write_zip(manifest: &Manifest, parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let zerr = |e: zip::result::ZipError| Error::Internal(format!("写入交换文件失败：{e}"));
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("manifest.json", deflated).map_err(zerr)?;
    w.write_all(&serde_json::to_vec_pretty(manifest)?)
        .map_err(|e| Error::Internal(e.to_string()))?;
    for (path, bytes) in parts {
        let opts = if path.ends_with(".zip") {
            stored
        } else {
            deflated
        };
        w.start_file(path.as_str(), opts).map_err(zerr)?;
        w.write_all(bytes)
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(w.finish().map_err(zerr)?.into_inner())
}

/// A package that passed every check: its manifest, the sender's records, and the
/// packages it carries from below (each checked the same way).
#[derive(Debug, Clone)]
pub struct Verified {
    pub manifest: Manifest,
    pub records: Records,
    /// The sender's own totals as computed from its records (equal to the manifest's).
    pub own_totals: Totals,
    pub below: Vec<(Vec<u8>, Verified)>,
}

impl Verified {
    /// Totals of everything inside: the sender's own (already checked against its
    /// records) plus every package below.
    pub fn all_totals(&self) -> Totals {
        let mut t = self.own_totals.clone();
        for (_, inner) in &self.below {
            report::add(&mut t, &inner.all_totals());
        }
        t
    }
}

/// A refused package: a stable reason code (for the receipt log, `--json` and the
/// who-has-sent screen) and the Chinese message. `sender` is what the file's
/// manifest claims, unverified, when it could be read at all.
#[derive(Debug)]
pub struct Refusal {
    pub reason: &'static str,
    pub error: Error,
    pub sender: Option<Box<(Sender, i64)>>,
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        r.error
    }
}

impl From<Error> for Refusal {
    fn from(error: Error) -> Refusal {
        let reason = if error.kind() == crate::error::ErrorKind::Io {
            "unreadable"
        } else {
            "error"
        };
        Refusal {
            reason,
            error,
            sender: None,
        }
    }
}

impl From<rusqlite::Error> for Refusal {
    fn from(e: rusqlite::Error) -> Refusal {
        Error::from(e).into()
    }
}

fn refused(what: &str, reason: &'static str, why: String) -> Refusal {
    Refusal {
        reason,
        error: Error::Refused(format!("{what}：{why}。本次没有导入任何内容。")),
        sender: None,
    }
}

/// Checks a package, in order: it is a package at all, from a valid office; every
/// checksum matches; the format version is one this build reads; counts, owners and
/// totals match the records; and every package it carries from below sits directly
/// below it and passes the same checks.
pub fn verify(bytes: &[u8], what: &str) -> Result<Verified> {
    check(bytes, what).map_err(Error::from)
}

/// [`verify`], keeping the reason a package was refused.
pub fn check(bytes: &[u8], what: &str) -> std::result::Result<Verified, Refusal> {
    let mut budget = MAX_UNPACKED_BYTES;
    verify_at(bytes, what, 0, &mut budget)
}

/// A city's package holds counties' packages, which hold townships': two levels.
const MAX_DEPTH: usize = 2;
/// Everything a package may unpack to, all levels together.
const MAX_UNPACKED_BYTES: u64 = 2 * 1024 * 1024 * 1024;

fn verify_at(
    bytes: &[u8],
    what: &str,
    depth: usize,
    budget: &mut u64,
) -> std::result::Result<Verified, Refusal> {
    if bytes.is_empty() {
        return Err(refused(what, "empty", "文件是空的（0 字节）".into()));
    }
    if bytes.len() as u64 > MAX_PACKAGE_BYTES {
        return Err(refused(
            what,
            "too_large",
            "文件超过 900 MB，不是正常的交换文件".into(),
        ));
    }
    let not_package = || {
        refused(
            what,
            "not_package",
            "这不是基层治理台账的交换文件（应为本软件“导出交换文件”生成的 .zip 文件）".into(),
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_package())?;
    let manifest: Manifest = {
        let mut f = zip.by_name("manifest.json").map_err(|_| not_package())?;
        let mut s = Vec::new();
        f.by_ref()
            .take(16 * 1024 * 1024)
            .read_to_end(&mut s)
            .map_err(|_| not_package())?;
        serde_json::from_slice(&s).map_err(|_| not_package())?
    };
    if manifest.format != FORMAT {
        return Err(not_package());
    }
    office::validate_division_code(manifest.office.level, &manifest.office.code)
        .and_then(|_| office::validate_name("name", "单位名称", &manifest.office.name, 40))
        .map_err(|e| refused(what, "bad_sender", format!("发送单位的信息不正确（{e}）")))?;
    // Checksums before anything else in the manifest is trusted.
    let listed: Vec<&str> = manifest.parts.iter().map(|p| p.path.as_str()).collect();
    for i in 0..zip.len() {
        let f = zip
            .by_index(i)
            .map_err(|_| refused(what, "damaged", "文件已损坏（压缩数据无法读取）".into()))?;
        let name = f
            .enclosed_name()
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        match name.as_deref() {
            Some("manifest.json") => {}
            Some(n) if listed.contains(&n) => {}
            _ => {
                let shown = f.name().map(|n| n.to_string()).unwrap_or_default();
                return Err(refused(
                    what,
                    "damaged",
                    format!("文件中有清单之外的内容“{shown}”，可能被改动过"),
                ));
            }
        }
    }
    let declared: u64 = manifest.parts.iter().map(|p| p.bytes).sum();
    if declared > *budget || manifest.parts.iter().any(|p| p.bytes > MAX_PART_BYTES) {
        return Err(refused(
            what,
            "too_large",
            "文件解压后超过大小上限，不是正常的交换文件".into(),
        ));
    }
    *budget -= declared;
    let mut contents: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for part in &manifest.parts {
        let mut f = zip
            .by_name(&part.path)
            .map_err(|_| refused(what, "damaged", format!("文件不完整，缺少“{}”", part.path)))?;
        if f.size() != part.bytes {
            return Err(refused(
                what,
                "damaged",
                format!("“{}”的大小与清单不符，文件可能已损坏或被改动", part.path),
            ));
        }
        let mut data = Vec::with_capacity(f.size() as usize);
        f.by_ref()
            .take(part.bytes)
            .read_to_end(&mut data)
            .map_err(|_| refused(what, "damaged", format!("“{}”已损坏，无法读取", part.path)))?;
        if data.len() as u64 != part.bytes || sha256(&data) != part.sha256 {
            return Err(refused(
                what,
                "checksum",
                format!(
                    "“{}”的校验值不符，文件已损坏或被改动。请让对方重新导出后再发送",
                    part.path
                ),
            ));
        }
        contents.insert(part.path.clone(), data);
    }
    if manifest.format_version > FORMAT_VERSION {
        return Err(refused(
            what,
            "newer_format",
            format!(
                "这个文件由更新版本的软件导出（格式版本 {}，本软件最高支持 {}），请先升级软件",
                manifest.format_version, FORMAT_VERSION
            ),
        ));
    }
    for (path, data) in contents
        .iter()
        .filter(|(p, _)| p.starts_with(ATTACHMENTS_DIR))
    {
        if path[ATTACHMENTS_DIR.len()..] != sha256(data) {
            return Err(refused(
                what,
                "damaged",
                format!("附件“{path}”的名称与内容不符，文件可能被改动过"),
            ));
        }
    }
    let mut records = Records::default();
    let required: &[&str] = if manifest.format_version < 2 {
        &KINDS_V1
    } else {
        KINDS
    };
    for kind in KINDS {
        let Some(data) = contents.get(&format!("records/{kind}.jsonl")) else {
            if !required.contains(kind) {
                continue; // an older package, from before this kind existed
            }
            return Err(refused(
                what,
                "damaged",
                format!("文件不完整，缺少 records/{kind}.jsonl"),
            ));
        };
        for line in data.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            records.push_json(kind, line).map_err(|e| {
                refused(
                    what,
                    "damaged",
                    format!("records/{kind}.jsonl 中的记录无法读取（{e}）"),
                )
            })?;
        }
    }
    // `merged` is derived, never taken on trust.
    for g in &mut records.business_grids {
        g.merged = !g.mappings.is_empty() && g.mappings.iter().all(|m| m.merged_on.is_some());
    }
    let counts = records.counts();
    if counts
        .iter()
        .any(|(k, n)| manifest.counts.get(k).copied().unwrap_or(0) != *n)
        || manifest.counts.keys().any(|k| !counts.contains_key(k))
    {
        return Err(refused(
            what,
            "counts",
            "清单中的记录数与文件内容不符".into(),
        ));
    }
    let sender = &manifest.office.code;
    if records
        .rows()
        .map_err(|e| refused(what, "damaged", e.to_string()))?
        .iter()
        .any(|(_, _, owner, _)| owner != sender)
    {
        return Err(refused(
            what,
            "foreign_records",
            "文件中有不属于发送单位的记录".into(),
        ));
    }
    // Counted as of the export date stored in the package, as the sender counted.
    let own_totals = report::totals(&records, report::as_of(&manifest.exported_at));
    for (key, _) in report::KEYS {
        let computed = own_totals.get(*key).copied().unwrap_or(0);
        match manifest.totals.get(*key) {
            Some(v) if *v == computed => {}
            Some(v) => {
                return Err(refused(
                    what,
                    "totals",
                    format!("清单中的汇总数“{key}”是 {v}，但按记录计算是 {computed}"),
                ))
            }
            None => return Err(refused(what, "totals", format!("清单中缺少汇总数“{key}”"))),
        }
    }
    let mut below: Vec<(Vec<u8>, Verified)> = Vec::new();
    for (path, data) in contents.iter().filter(|(p, _)| p.starts_with("below/")) {
        if depth >= MAX_DEPTH {
            return Err(refused(
                what,
                "bad_below",
                "文件中下级文件的嵌套层级过多，不是正常的交换文件".into(),
            ));
        }
        let inner = verify_at(data, &format!("{what}中的“{path}”"), depth + 1, budget)?;
        let office = &inner.manifest.office;
        check_directly_below(&manifest.office, office)
            .map_err(|why| refused(what, "bad_below", format!("其中的“{}”{why}", office.name)))?;
        if path != &format!("below/{}.zip", office.code) {
            return Err(refused(
                what,
                "bad_below",
                format!("其中的“{path}”与它的发送单位“{}”不符", office.code),
            ));
        }
        if below
            .iter()
            .any(|(_, b)| b.manifest.office.code == office.code)
        {
            return Err(refused(
                what,
                "bad_below",
                format!("其中“{}”的文件出现了两次", office.name),
            ));
        }
        below.push((data.clone(), inner));
    }
    Ok(Verified {
        manifest,
        records,
        own_totals,
        below,
    })
}

/// The level of the offices that send to an office of `level`.
pub fn level_below(level: Level) -> Option<Level> {
    match level {
        Level::City => Some(Level::County),
        Level::County => Some(Level::Township),
        Level::Township => None,
    }
}

/// `Err(why)` unless `sender` is one level directly below `receiver`.
pub(crate) fn check_directly_below(
    receiver: &Sender,
    sender: &Sender,
) -> std::result::Result<(), String> {
    let Some(want) = level_below(receiver.level) else {
        return Err(format!(
            "是{}，乡镇/街道不接收下级的交换文件",
            sender.level.label()
        ));
    };
    if sender.level != want {
        return Err(format!(
            "来自{}“{}”，不是本单位的直接下级（{}只接收{}的文件）",
            sender.level.label(),
            sender.name,
            receiver.level.label(),
            want.label()
        ));
    }
    let prefix = receiver
        .code
        .get(..receiver.level.significant_digits())
        .unwrap_or(&receiver.code);
    if !sender.code.starts_with(prefix) {
        return Err(format!(
            "来自“{}”（{}），不属于本单位“{}”（{}）",
            sender.name, sender.code, receiver.name, receiver.code
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub file_name: String,
    pub path: String,
    /// `accepted`, `already_held` or `refused`.
    pub outcome: &'static str,
    /// Why it was refused (see [`Refusal`]); `None` otherwise.
    pub reason: Option<&'static str>,
    pub sender_code: Option<String>,
    pub sender_name: Option<String>,
    pub sequence: Option<i64>,
    pub message: String,
}

/// Receives one package: checks it (see [`verify`]), that the sender is directly
/// below this office, and that its sequence is newer than the one held; then
/// replaces that office's snapshot in one transaction. The same sequence again is a
/// no-op; an older one is refused unless `force`, which the change log records.
/// Whatever the outcome, one row goes to the receipt log (接收记录); a refusal
/// changes nothing else.
pub fn receive(store: &mut Store, ctx: &Ctx, path: &Path, force: bool) -> Result<Receipt> {
    receive_one(store, ctx, path, force).map_err(Error::from)
}

fn receive_one(
    store: &mut Store,
    ctx: &Ctx,
    path: &Path,
    force: bool,
) -> std::result::Result<Receipt, Refusal> {
    let outcome = receive_checked(store, ctx, path, force);
    match &outcome {
        Ok(r) if r.outcome == "accepted" => {} // logged with the snapshot
        Ok(r) => log_receipt(store, ctx, r)?,
        // The refusal is what the clerk needs to see, even if logging it failed.
        Err(refusal) => {
            let _ = log_receipt(store, ctx, &refusal_receipt(path, refusal));
        }
    }
    outcome
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn refusal_receipt(path: &Path, r: &Refusal) -> Receipt {
    Receipt {
        file_name: file_name_of(path),
        path: path.display().to_string(),
        outcome: "refused",
        reason: Some(r.reason),
        sender_code: r.sender.as_ref().map(|s| s.0.code.clone()),
        sender_name: r.sender.as_ref().map(|s| s.0.name.clone()),
        sequence: r.sender.as_ref().map(|s| s.1),
        message: r.error.to_string(),
    }
}

fn log_receipt(store: &mut Store, ctx: &Ctx, r: &Receipt) -> Result<()> {
    store.write(ctx, |tx| insert_receipt_log(tx, r))
}

fn insert_receipt_log(tx: &Tx, r: &Receipt) -> Result<()> {
    tx.execute(
        "INSERT INTO receipt_log (at, file_name, outcome, reason, sender_code, sender_name, sequence, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            tx.ctx.stamp(),
            r.file_name,
            r.outcome,
            r.reason,
            r.sender_code,
            r.sender_name,
            r.sequence,
            r.message
        ],
    )?;
    Ok(())
}

/// What a file's manifest claims about its sender, unverified: for the receipt log
/// of a file that was refused.
fn peek_sender(bytes: &[u8]) -> Option<Box<(Sender, i64)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut f = zip.by_name("manifest.json").ok()?;
    let mut s = Vec::new();
    f.by_ref().take(16 * 1024 * 1024).read_to_end(&mut s).ok()?;
    let m: Manifest = serde_json::from_slice(&s).ok()?;
    Some(Box::new((m.office, m.sequence)))
}

fn receive_checked(
    store: &mut Store,
    ctx: &Ctx,
    path: &Path,
    force: bool,
) -> std::result::Result<Receipt, Refusal> {
    let file_name = file_name_of(path);
    let what = format!("文件“{file_name}”");
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_PACKAGE_BYTES {
        return Err(refused(
            &what,
            "too_large",
            "文件超过 900 MB，不是正常的交换文件".into(),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    receive_bytes(store, ctx, path, &bytes, force).map_err(|mut r| {
        r.sender = r.sender.take().or_else(|| peek_sender(&bytes));
        r
    })
}

fn receive_bytes(
    store: &mut Store,
    ctx: &Ctx,
    path: &Path,
    bytes: &[u8],
    force: bool,
) -> std::result::Result<Receipt, Refusal> {
    let file_name = file_name_of(path);
    let what = format!("文件“{file_name}”");
    let v = check(bytes, &what)?;
    let package_sha = sha256(bytes);
    let receiver = office::require(store.conn())?;
    let me = Sender {
        level: receiver.level,
        code: receiver.code.clone(),
        name: receiver.name.clone(),
    };
    check_directly_below(&me, &v.manifest.office)
        .map_err(|why| refused(&what, "not_below", why))?;
    let m = &v.manifest;
    let held: Option<(i64, String)> = store
        .conn()
        .query_row(
            "SELECT sequence, package_sha256 FROM snapshots WHERE code = ?1",
            [&m.office.code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let held_sha = held.as_ref().map(|(_, sha)| sha.clone());
    let held = held.map(|(seq, _)| seq);
    let base = Receipt {
        file_name: file_name.clone(),
        path: path.display().to_string(),
        outcome: "accepted",
        reason: None,
        sender_code: Some(m.office.code.clone()),
        sender_name: Some(m.office.name.clone()),
        sequence: Some(m.sequence),
        message: String::new(),
    };
    match held {
        Some(h) if h == m.sequence && held_sha.as_deref() != Some(package_sha.as_str()) && !force => {
            return Err(refused(
                &what, "conflict",
                format!(
                    "已经收到过“{}”的第 {} 次导出，但这个文件的内容与之前的不同（对方可能从备份恢复后重新导出过）。请让对方再导出一次新的文件；如确认要用这个文件替换，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ))
        }
        Some(h) if h == m.sequence && held_sha.as_deref() == Some(package_sha.as_str()) => {
            return Ok(Receipt {
                outcome: "already_held",
                message: format!("“{}”的第 {} 次导出已经收到过，没有变化。", m.office.name, m.sequence),
                ..base
            })
        }
        Some(h) if h > m.sequence && !force => {
            return Err(refused(
                &what, "older",
                format!(
                    "这是“{}”较早的第 {} 次导出，本单位已有更新的第 {h} 次。如确需用旧文件替换，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ))
        }
        _ => {}
    }
    let forced = matches!(held, Some(h) if h >= m.sequence);
    let message = format!(
        "已接收“{}”的第 {} 次导出（{}）{}。",
        m.office.name,
        m.sequence,
        KINDS
            .iter()
            .map(|k| format!("{} {}", kind_label(k), m.counts.get(*k).unwrap_or(&0)))
            .collect::<Vec<_>>()
            .join("，"),
        if forced {
            "，按要求替换了较新的文件"
        } else {
            ""
        }
    );
    let receipt = Receipt { message, ..base };
    store.write(ctx, |tx| {
        replace_snapshot(tx, &v, bytes, &file_name, &package_sha)?;
        let op = if forced { "receive_forced" } else { "receive" };
        tx.log_change(
            "snapshots",
            &m.office.code,
            op,
            None,
            Some(&serde_json::json!({
                "file": file_name, "sequence": m.sequence, "previousSequence": held, "sha256": package_sha,
            })),
        )?;
        insert_receipt_log(tx, &receipt)
    })?;
    Ok(receipt)
}

fn replace_snapshot(
    tx: &Tx,
    v: &Verified,
    bytes: &[u8],
    file_name: &str,
    package_sha: &str,
) -> Result<()> {
    let m = &v.manifest;
    tx.execute(
        "DELETE FROM snapshot_records WHERE snapshot_code = ?1",
        [&m.office.code],
    )?;
    tx.execute(
        "DELETE FROM snapshot_offices WHERE snapshot_code = ?1",
        [&m.office.code],
    )?;
    tx.execute("DELETE FROM snapshots WHERE code = ?1", [&m.office.code])?;
    tx.execute(
        "INSERT INTO snapshots (code, name, level, sequence, exported_at, received_at, file_name, package_sha256, manifest_json, totals_json, package)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            m.office.code,
            m.office.name,
            m.office.level.as_str(),
            m.sequence,
            m.exported_at,
            tx.ctx.stamp(),
            file_name,
            package_sha,
            serde_json::to_string(m)?,
            serde_json::to_string(&v.all_totals())?,
            bytes,
        ],
    )?;
    insert_records(tx, &m.office.code, v)
}

fn insert_records(tx: &Tx, snapshot: &str, v: &Verified) -> Result<()> {
    let office = &v.manifest.office.code;
    tx.execute(
        "INSERT INTO snapshot_offices (snapshot_code, office_code, name, level, sequence, exported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            snapshot,
            office,
            v.manifest.office.name,
            v.manifest.office.level.as_str(),
            v.manifest.sequence,
            v.manifest.exported_at
        ],
    )?;
    let mut stmt = tx.prepare(
        "INSERT INTO snapshot_records (snapshot_code, office_code, kind, record_id, json) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (kind, id, _, json) in v.records.rows()? {
        stmt.execute(params![snapshot, office, kind, id, json])?;
    }
    for (_, inner) in &v.below {
        insert_records(tx, snapshot, inner)?;
    }
    Ok(())
}

/// The files `paths` name: a file as given, a folder as its `.zip` files by name.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| Error::io(p, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| {
                f.is_file()
                    && f.extension()
                        .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case("zip"))
            })
            .collect();
        if found.is_empty() {
            return Err(Error::validation(
                "paths",
                format!(
                    "文件夹“{}”中没有 .zip 交换文件。请选择存放交换文件的文件夹。",
                    p.display()
                ),
            ));
        }
        found.sort();
        files.extend(found);
    }
    if files.is_empty() {
        return Err(Error::validation(
            "paths",
            "请选择要接收的交换文件或文件夹。".to_string(),
        ));
    }
    Ok(files)
}

/// Receives several files (or folders of them, see [`expand_paths`]), each accepted
/// or refused on its own; `progress(done, total, file_name)` runs before each file
/// and once at the end.
pub fn receive_many(
    store: &mut Store,
    ctx: &Ctx,
    paths: &[PathBuf],
    force: bool,
    mut progress: impl FnMut(usize, usize, &str),
) -> Result<Vec<Receipt>> {
    let files = expand_paths(paths)?;
    let total = files.len();
    let mut out = Vec::with_capacity(total);
    for (i, p) in files.iter().enumerate() {
        progress(i, total, &file_name_of(p));
        out.push(receive_one(store, ctx, p, force).unwrap_or_else(|r| refusal_receipt(p, &r)));
    }
    progress(total, total, "");
    Ok(out)
}
