//! Export packages (交换文件) and receiving them: the chain township → county → city.
//! The format is specified in `docs/PACKAGE.md`. A package is a full snapshot of the
//! sending office's own records (so deletions and moves travel by themselves) plus,
//! from a county or city, the latest package it holds from each office below,
//! byte for byte.

use std::collections::BTreeMap;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::base::error::{Error, Result};
use crate::base::period::Period;
use crate::exchange::report::{self, kind_label, Records, Totals};
use crate::exchange::snapshot_figures;
use crate::store::office::{self, Level, Office};
use crate::store::{Ctx, Store, Tx};

pub const FORMAT: &str = "gridledger-package";
/// The major format version this build writes and the newest it reads. Readers
/// accept every major version up to their own and refuse newer ones with 请升级
/// (see docs/PACKAGE.md, "Versions").
pub const FORMAT_VERSION: u32 = 2;
/// The minor version within [`FORMAT_VERSION`]. A minor version only adds what an
/// older reader of the same major may ignore: optional fields, report keys, record
/// parts. 2.1 added `formatMinor` itself and these reading rules; 2.2 added the three
/// lists' items (`duty_items`) and their report keys (`lists.*`); 2.3 added the
/// kinds and report keys of issues 15 and 16 (see `KINDS_SINCE` and
/// `REPORT_KEYS_SINCE`, and docs/PACKAGE.md "Versions"); 2.4 added a person's dated
/// 离岗/复岗 (`statusChanges`), so a county counts people in post on a past day;
/// 2.5 the report key `people.grid_workers_published` (已公示的在岗网格员); 2.6
/// counts `party.part_time_members` as the members serving on the day (their 任期
/// holds it), see [`REPORT_RULES_SINCE`]; 2.7 a person's roles and 公示 before each
/// dated change (`pastStates`), so a county counts a past period with the roles of
/// its last day; 2.8 the sender's 应报单位 in the manifest (`expected`), so a city
/// sees which townships a county's package lacks; 2.9 a rectification item's 下达日期
/// (`issuedOn`), so a past period does not count an item issued after it; 2.10 a
/// unit's 设立日期 (`establishedOn`), so a past period does not count a grid set up
/// after it; 2.11 the report key `demands.received_resolved` (收到并已办结的诉求), so
/// 诉求办结率 counts the period's own demands (it passed 100%); 2.12 a unit counts
/// from its own 设立日期 (an older package's units are given the one above them,
/// as their sender counted) and the units 撤销 (`dissolved_units`), so a period
/// before a grid adjustment counts as it was reported; 2.13 a list item's 列入日期
/// (`listedOn` on `duty_items` and `grid_matters`), so a past period does not count
/// an item listed after it (else from the day it was entered, `createdAt`); 2.14
/// the report key `contacts.visits` (领导走访), so a county reads each township's
/// leaders' visits of a period beside its contact points; 2.15 an inspection's 复查
/// (`recheckOf` on `inspections`) and a 整改事项 made from an inspection
/// (`inspectionId` on `rectification_items`); 2.16 the report keys
/// `assessment.compounds_checked` and `assessment.compounds_quarters`, so 小区季度抽查
/// 覆盖率 counts the sampled compounds checked, quarter by quarter (it counted those
/// drawn, and a year only its last quarter); 2.17 the report keys `demands.assigned`
/// (交办的诉求) and `demands.overdue` (逾期未办结的诉求), the brief's 交办 beside
/// 收到, 办结 and 按期, so a county reads them for each township; 2.18 a party branch
/// carries `takenDown` (each 三亮 item taken down, with the days it was on the
/// board), so a receiver counts a past period's 三亮齐全 as it stood, and an
/// inspection carries `drawnInspector` and `substituteReason` when others than the
/// inspectors drawn checked a sampled compound (双随机); 2.19 the report key
/// `assessment.rectifications_overdue` (逾期未完成整改事项), so 考核 counts the
/// items past their 整改期限, not those still within it; 2.20 月调度: the task list
/// (`dispatch_tasks`), the monthly reports (`task_progress`) and the report keys
/// `tasks.*`, so a county reads each township's progress on the city's tasks.
pub const FORMAT_MINOR: u32 = 20;
/// The 列入日期 a list item of a package before 2.13 is given: it counted in every
/// period, as its sender counted it.
pub const LISTED_BEFORE_2_13: &str = "0001-01-01";
/// Caps on what a package may unpack to, against zip bombs: a record part or an
/// evidence file; a package file (and so a package carried from below, which is
/// read as one: a county passes up a township's package of 300 MB of photos). A
/// received package is kept whole in one SQLite value, which holds at most 1 GB.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
const MAX_PACKAGE_BYTES: u64 = 900 * 1024 * 1024;

/// The record kinds a package carries, one `records/<kind>.jsonl` each.
pub use crate::exchange::report::KINDS;
/// The record parts a package must have, by the format version from which every
/// writer wrote them. A kind added in a later minor version is appended with that
/// version; older packages lack it and are read as having none (a test holds every
/// kind of [`KINDS`] to be listed). Party building and co-building came with 2.0;
/// contacts, demands and coordination were added to 2.0 writers later without a
/// version change (81a7f6a wrote 2.0 without them), so they are required from 2.1.
#[rustfmt::skip]
pub const KINDS_SINCE: &[((u32, u32), &[&str])] = &[
    ((1, 0), &["units", "people", "business_grids"]),
    (
        (2, 0),
        &[
            "party_branches",
            "committees",
            "committee_members",
            "joint_meetings",
            "partner_units",
            "projects",
        ],
    ),
    (
        (2, 1),
        &[
            "departments",
            "leaders",
            "contact_points",
            "visits",
            "demands",
            "working_groups",
            "working_meetings",
        ],
    ),
    ((2, 2), &["duty_items"]),
    ((2, 3), &["grid_matters", "grid_matter_claims", "training_sessions", "training_participants", "pipeline_events", "admissions", "mechanisms", "plaques", "certificates", "secondments", "rechecks", "indicators", "rectification_items", "outpost_evaluations", "samples", "inspections", "questionnaires", "questionnaire_responses", "callbacks"]),
    ((2, 12), &["dissolved_units"]),
    ((2, 20), &["dispatch_tasks", "task_progress"]),
];

/// The record parts a package of format `(major, minor)` must have.
pub fn required_kinds(major: u32, minor: u32) -> Vec<&'static str> {
    since(KINDS_SINCE, major, minor)
}

fn since(table: &[((u32, u32), &[&'static str])], major: u32, minor: u32) -> Vec<&'static str> {
    table
        .iter()
        .filter(|(since, _)| *since <= (major, minor))
        .flat_map(|(_, names)| names.iter().copied())
        .collect()
}

/// The report keys a manifest must carry, by the format version that introduced
/// them: a package of version (major, minor) must carry every key of the entries up
/// to its version; a key added later is computed by the receiver from the records
/// and, if the manifest has it anyway, checked. Frozen lists: a new report key is
/// appended with the version that adds it (a test holds every key of
/// [`report::KEYS`] to be listed here).
#[rustfmt::skip]
pub const REPORT_KEYS_SINCE: &[((u32, u32), &[&str])] = &[
    (
        (1, 0),
        &[
            "grids.base",
            "grids.micro",
            "grids.business_merged",
            "people.grid_workers",
            "people.grid_workers_fulltime",
            "people.building_heads_info_officers",
            "people.community_workers",
            "people.published",
            "compounds.total",
            "compounds.sanliang_complete",
            "party.part_time_members",
            "party.joint_meetings",
            "cobuild.projects_claimed",
            "cobuild.projects_completed",
            "contacts.points",
            "contacts.targets_covered",
            "demands.received",
            "demands.resolved",
            "demands.resolved_on_time",
            "coordination.meetings",
        ],
    ),
    (
        (2, 2),
        &[
            "lists.basic_duties",
            "lists.assisting_duties",
            "lists.taken_back",
        ],
    ),
    ((2, 3), &["gridlist.items", "gridlist.villages_claimed", "training.sessions", "training.person_times", "training.community_workers_trained", "people.selected_from_community_workers", "admission.applied", "admission.approved", "admission.refused", "admission.in_force", "admission.overdue_exit", "rectification.mechanisms_removed", "rectification.plaques_removed", "rectification.certificates_cancelled", "rectification.secondments_active", "rectification.secondments_unapproved", "rectification.rechecks", "assessment.indicators", "assessment.rectifications_open", "assessment.compounds_sampled", "assessment.sample_rate", "assessment.grids_inspected", "assessment.questionnaires", "assessment.satisfaction", "assessment.satisfaction_judged", "assessment.callbacks"]),
    // 2.5: grid workers whose name and phone are published (人员信息公示率, T03).
    ((2, 5), &["people.grid_workers_published"]),
    // 2.11: the period's demands resolved by its count day (诉求办结率, S01).
    ((2, 11), &["demands.received_resolved"]),
    // 2.14: leaders' visits to their contact points (领导走访).
    ((2, 14), &["contacts.visits"]),
    // 2.16: the sampled compounds checked, and the compounds, quarter by quarter
    // (小区季度抽查覆盖率, S03).
    (
        (2, 16),
        &[
            "assessment.compounds_checked",
            "assessment.compounds_quarters",
        ],
    ),
    // 2.17: 交办 and 逾期 of the demands.
    ((2, 17), &["demands.assigned", "demands.overdue"]),
    // 2.19: 整改事项 past their 整改期限 (D08).
    ((2, 19), &["assessment.rectifications_overdue"]),
    // 2.20: 月调度.
    (
        (2, 20),
        &[
            "tasks.total",
            "tasks.done",
            "tasks.behind",
            "tasks.overdue",
            "tasks.reports",
        ],
    ),
];

/// Report keys whose counting rule changed, with the format version from which
/// senders count them by this version's rule. An older package's figure for such a
/// key was counted by an older rule: it is not compared, and the receiver's count
/// (which is what it stores anyway) stands. Changing how a key counts needs a new
/// minor version and a line here. (2.0 senders before 2 December 2026 counted
/// part-time members per seat, and contact points and covered targets without the
/// as-of date and target kinds.)
pub const REPORT_RULES_SINCE: &[(&str, (u32, u32))] = &[
    // 2.1 counted people, not seats; 2.6 only the members serving on the day (a
    // term ended in 2021 was still counted, and the receiver would call an older
    // sender's figure tampered with).
    ("party.part_time_members", (2, 6)),
    ("contacts.points", (2, 1)),
    ("contacts.targets_covered", (2, 1)),
    // Count demands' 回访 too; before 2.3 no sender counted them under these keys.
    ("assessment.satisfaction", (2, 3)),
    ("assessment.satisfaction_judged", (2, 3)),
    ("assessment.callbacks", (2, 3)),
];

/// Report keys added after the records they count were first carried, with the
/// format version from which packages carry those records: a receiver counts such a
/// key from an older package's records (a 2.4 package's people tell
/// `people.grid_workers_published`, added in 2.5; 2.1 packages' demands tell the
/// 回访 the 2.3 keys count). Frozen, like [`REPORT_KEYS_SINCE`].
pub const REPORT_KEYS_FROM_EARLIER_RECORDS: &[(&str, (u32, u32))] = &[
    ("assessment.satisfaction", (2, 1)),
    ("assessment.satisfaction_judged", (2, 1)),
    ("assessment.callbacks", (2, 1)),
    ("people.grid_workers_published", (1, 0)),
    ("demands.received_resolved", (1, 0)),
    ("contacts.visits", (2, 1)),
    // Samples and their inspections travel from 2.3; units always have.
    ("assessment.compounds_checked", (2, 3)),
    ("assessment.compounds_quarters", (1, 0)),
    ("demands.assigned", (1, 0)),
    ("demands.overdue", (1, 0)),
    // Rectification items, with their 整改期限 and 完成日期, travel from 2.3.
    ("assessment.rectifications_overdue", (2, 3)),
];

/// A part of a package as a reviewer reads it: 诉求的记录（records/demands.jsonl）, the
/// path kept for whoever helps (it read 缺少“records/demands.jsonl”).
fn part_words(path: &str) -> String {
    match path
        .strip_prefix("records/")
        .and_then(|p| p.strip_suffix(".jsonl"))
    {
        Some(kind) => format!("{}的记录（{path}）", kind_label(kind)),
        None => format!("“{path}”"),
    }
}

/// Whether a package of format `(major, minor)` can tell report key `key`: its own
/// format carries the key, or the records the key counts
/// ([`REPORT_KEYS_FROM_EARLIER_RECORDS`]). A key it cannot tell is 无数据 where a
/// figure is judged (考核's score table), not 0.
pub fn tells(key: &str, major: u32, minor: u32) -> bool {
    required_report_keys(major, minor).contains(&key)
        || REPORT_KEYS_FROM_EARLIER_RECORDS
            .iter()
            .any(|(k, since)| *k == key && *since <= (major, minor))
}

/// Whether a package of format `(major, minor)` counts `key` by this version's rule.
pub fn counts_as_we_do(key: &str, major: u32, minor: u32) -> bool {
    REPORT_RULES_SINCE
        .iter()
        .filter(|(k, _)| *k == key)
        .all(|(_, since)| *since <= (major, minor))
}

/// The report keys a package of format `(major, minor)` must carry in its manifest.
pub fn required_report_keys(major: u32, minor: u32) -> Vec<&'static str> {
    since(REPORT_KEYS_SINCE, major, minor)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Sender {
    pub level: Level,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Part {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// Absent (0) in packages before 2.1.
    pub format_minor: u32,
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
    /// The offices the sender expects packages from (its 应报单位), from format 2.8:
    /// a city tells which townships a county's package carries no file of. Empty
    /// for a township, an office without a list, or an older package.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expected: Vec<ExpectedBelow>,
}

/// One office of a sender's 应报单位 list, as its manifest names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpectedBelow {
    pub code: String,
    pub name: String,
}

use crate::base::hash::hex;
pub use crate::base::hash::sha256;

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

/// Where an export goes: into a folder under its standard name, or to a named file.
enum ExportTarget<'a> {
    Folder(&'a Path),
    File(&'a Path),
}

/// Writes this office's package to `target`: an existing folder (the file gets its
/// standard name there) or a `.zip` file path in an existing folder; with the
/// evidence files themselves if `attachments`. A target that is not allowed is
/// refused before a sequence number is used up.
pub fn export_to(
    store: &mut Store,
    ctx: &Ctx,
    target: &Path,
    attachments: bool,
) -> Result<Exported> {
    let looks_like_folder = {
        let s = target.as_os_str().to_string_lossy();
        s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || target.extension().is_none()
    };
    if target.is_dir() {
        return export_at(store, ctx, ExportTarget::Folder(target), attachments);
    }
    if looks_like_folder && !target.exists() {
        return Err(Error::validation(
            "path",
            format!(
                "文件夹“{}”不存在。请先建好这个文件夹，或选择已有的文件夹。",
                target.display()
            ),
        ));
    }
    crate::base::outfile::check_target(target, &["zip"], &[])?;
    export_at(store, ctx, ExportTarget::File(target), attachments)
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
    if !dir.is_dir() {
        return Err(Error::validation(
            "path",
            format!(
                "文件夹“{}”不存在。请先建好这个文件夹，或选择已有的文件夹。",
                dir.display()
            ),
        ));
    }
    export_at(store, ctx, ExportTarget::Folder(dir), attachments)
}

fn export_at(
    store: &mut Store,
    ctx: &Ctx,
    target: ExportTarget,
    attachments: bool,
) -> Result<Exported> {
    let db = match (attachments, store.path()) {
        (false, _) => None,
        (true, Some(p)) => Some(p.to_path_buf()),
        (true, None) => return Err(Error::Refused("内存数据库没有附件文件夹。".into())),
    };
    let (exported, file) = store.write(ctx, |tx| {
        let office = office::require(tx)?;
        let sequence = next_sequence(tx)?;
        tx.execute(
            "INSERT INTO export_sequence (singleton, last) VALUES (1, ?1)
             ON CONFLICT (singleton) DO UPDATE SET last = excluded.last",
            [sequence],
        )?;
        let Built {
            manifest,
            parts,
            offices_below,
        } = build(tx, ctx, &office, sequence, db.as_deref())?;
        let path = match target {
            ExportTarget::Folder(dir) => dir.join(file_name(&office, ctx.now, sequence)),
            ExportTarget::File(f) => f.to_path_buf(),
        };
        // Packages carry full ID numbers: owner-only, never over a protected file;
        // in place only once the sequence number is committed (a failed commit leaves
        // no package carrying a number the database never recorded). Written as it
        // is zipped: evidence files go from disk into the file, never held whole.
        let (file, bytes) =
            crate::base::outfile::write_pending_with(&path, &["zip"], &[], &mut |f| {
                let mut out = std::io::BufWriter::new(f);
                write_zip(tx, &mut out, &manifest, &parts)?;
                out.flush().map_err(|e| Error::io(&path, e))
            })?;
        tx.log_change("packages", &office.code, "export", None, Some(&manifest))?;
        Ok((
            Exported {
                path: path.display().to_string(),
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sequence,
                counts: manifest.counts,
                offices_below,
                bytes,
                attachments: manifest
                    .parts
                    .iter()
                    .filter(|p| p.path.starts_with(ATTACHMENTS_DIR))
                    .count(),
            },
            file,
        ))
    })?;
    file.persist()?;
    Ok(exported)
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

/// What a part of a package holds: bytes made now, or an evidence file copied from
/// disk as the package is written (never held whole: a township's photos may run to
/// hundreds of MB).
enum PartData {
    Bytes(Vec<u8>),
    File(PathBuf),
    /// A package received from below, read from its `snapshots` row as it is
    /// written (a county may carry hundreds of MB of them).
    Received {
        rowid: i64,
    },
}

/// A package ready to be written: its manifest, its parts in the manifest's order,
/// and how many offices below it carries.
struct Built {
    manifest: Manifest,
    parts: Vec<(String, PartData)>,
    offices_below: usize,
}

/// The package of this office's records as of now, numbered `sequence`. With `db`,
/// the evidence files the records refer to go in too (a missing one refuses the
/// export).
fn build(
    conn: &rusqlite::Connection,
    ctx: &Ctx,
    office: &Office,
    sequence: i64,
    db: Option<&Path>,
) -> Result<Built> {
    let records = Records::own(conn)?;
    let mut parts: Vec<(String, PartData)> = records
        .jsonl()?
        .into_iter()
        .map(|(kind, bytes)| (format!("records/{kind}.jsonl"), PartData::Bytes(bytes)))
        .collect();
    if let Some(db) = db {
        for a in referenced(&records) {
            let file = crate::store::attachments::open_path(db, &a.hash, &a.name)
                .map_err(|e| Error::Refused(format!("{e}（可以不带附件导出）")))?;
            parts.push((format!("{ATTACHMENTS_DIR}{}", a.hash), PartData::File(file)));
        }
    }
    // A received package's checksum was taken of these bytes when it arrived.
    let mut stmt = conn.prepare(
        "SELECT rowid, code, package_sha256, length(package) FROM snapshots ORDER BY code",
    )?;
    let below: Vec<(i64, String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let offices_below = below.len();
    let mut received = BTreeMap::new();
    for (rowid, code, sha, len) in below {
        let path = format!("below/{code}.zip");
        received.insert(path.clone(), (sha, len as u64));
        parts.push((path, PartData::Received { rowid }));
    }
    let mut listed = Vec::with_capacity(parts.len());
    for (path, data) in &parts {
        let (sha256, bytes) = match data {
            PartData::Bytes(b) => (sha256(b), b.len() as u64),
            PartData::File(f) => hash_file(f)?,
            PartData::Received { .. } => received.remove(path).unwrap_or_default(),
        };
        listed.push(Part {
            path: path.clone(),
            sha256,
            bytes,
        });
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        format_minor: FORMAT_MINOR,
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
        parts: listed,
        expected: conn
            .prepare_cached("SELECT code, name FROM expected_offices ORDER BY code")?
            .query_map([], |r| {
                Ok(ExpectedBelow {
                    code: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?,
    };
    Ok(Built {
        manifest,
        parts,
        offices_below,
    })
}

/// A file's SHA-256 and length, read in pieces.
fn hash_file(path: &Path) -> Result<(String, u64)> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    crate::base::hash::sha256_read(f).map_err(|e| Error::io(path, e))
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
    let Built {
        manifest,
        parts,
        offices_below,
    } = build(conn, ctx, &office, sequence, None)?;
    let zip = write_zip(conn, Cursor::new(Vec::new()), &manifest, &parts)?.into_inner();
    let records = Records::own(conn)?;
    let refs = referenced(&records);
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
            .filter(|a| crate::store::attachments::view(db, a).missing)
            .count(),
    })
}

/// Zips the manifest, then each part in order (evidence files copied from disk), into
/// `out`; returns it.
fn write_zip<W: Write + std::io::Seek>(
    conn: &rusqlite::Connection,
    out: W,
    manifest: &Manifest,
    parts: &[(String, PartData)],
) -> Result<W> {
    use zip::write::SimpleFileOptions;
    let zerr = |e: zip::result::ZipError| Error::Internal(format!("写入交换文件失败：{e}"));
    let werr = |e: std::io::Error| Error::Internal(format!("写入交换文件失败：{e}"));
    let mut w = zip::ZipWriter::new(out);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("manifest.json", deflated).map_err(zerr)?;
    w.write_all(&serde_json::to_vec_pretty(manifest)?)
        .map_err(werr)?;
    for ((path, data), listed) in parts.iter().zip(&manifest.parts) {
        // Packages from below and evidence files (photos, scans, PDFs: compressed
        // already) are stored as they are; deflating 270 MB of photos took 4 of
        // the export's 5.5 s and saved nothing.
        let opts = if path.ends_with(".zip") || path.starts_with(ATTACHMENTS_DIR) {
            stored
        } else {
            deflated
        };
        w.start_file(path.as_str(), opts).map_err(zerr)?;
        match data {
            PartData::Bytes(bytes) => w.write_all(bytes).map_err(werr)?,
            PartData::File(file) => {
                let mut f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
                let copied = std::io::copy(&mut f, &mut w).map_err(|e| Error::io(file, e))?;
                // The manifest was written with the length read before.
                if copied != listed.bytes {
                    return Err(Error::Refused(format!(
                        "附件文件“{}”在导出过程中被改动了，请重新导出。",
                        file.display()
                    )));
                }
            }
            PartData::Received { rowid } => {
                let mut blob =
                    conn.blob_open(rusqlite::MAIN_DB, "snapshots", "package", *rowid, true)?;
                std::io::copy(&mut blob, &mut w).map_err(werr)?;
            }
        }
    }
    w.finish().map_err(zerr)
}

/// A package that passed every check: its manifest, the sender's records, and the
/// packages it carries from below (each checked the same way).
#[derive(Debug, Clone)]
pub struct Verified {
    pub manifest: Manifest,
    pub records: Records,
    /// The sender's own totals as computed from its records (equal to the manifest's).
    pub own_totals: Totals,
    pub below: Vec<Verified>,
}

impl Verified {
    /// Totals of everything inside: the sender's own (already checked against its
    /// records) plus every package below.
    pub fn all_totals(&self) -> Totals {
        let mut t = self.own_totals.clone();
        for inner in &self.below {
            report::add(&mut t, &inner.all_totals());
        }
        t
    }

    /// Calls `f` with the records of each office inside: the sender's own, then
    /// those of every package below (as stored in `snapshot_offices`).
    pub fn each_office(&self, f: &mut dyn FnMut(&Records)) {
        f(&self.records);
        for inner in &self.below {
            inner.each_office(f);
        }
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
        let reason = if error.kind() == crate::base::error::ErrorKind::Io {
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

/// What the window and the CLI call each outcome of offering a file ([`Receipt::outcome`]).
pub const OUTCOMES: &[(&str, &str)] = &[
    ("accepted", "已接收"),
    ("already_held", "已收到过"),
    ("refused", "拒收"),
    ("skipped", "跳过"),
];

/// Why a file was refused ([`Receipt::reason`]), as a short Chinese label beside the
/// message: the window (through the kind catalog) and the CLI say them from here.
pub const REASONS: &[(&str, &str)] = &[
    ("empty", "空文件"),
    ("too_large", "文件过大"),
    ("not_package", "不是交换文件"),
    ("bad_sender", "发送单位信息有误"),
    ("damaged", "文件已损坏"),
    ("checksum", "校验值不符"),
    ("newer_format", "格式版本较新"),
    ("counts", "记录数与清单不符"),
    ("foreign_records", "含有其他单位的记录"),
    ("totals", "汇总数与记录不符"),
    ("bad_below", "所附下级数据有误"),
    ("not_below", "不是本单位的直接下级"),
    ("own_file", "本单位自己的文件"),
    ("older", "比已收到的文件旧"),
    ("renumbered", "序号较小但导出日期较新"),
    ("dated_earlier", "序号较大但导出日期较早"),
    ("emptied", "没有任何记录"),
    ("conflict", "与已收到的同一次导出内容不同"),
    ("unreadable", "无法读取"),
    ("not_a_file", "不是普通文件"),
    ("bad_link", "快捷方式无效"),
    ("outside_folder", "指向文件夹之外"),
    ("too_many_entries", "内容项过多"),
    ("unexpected_entry", "含有格式之外的内容"),
    ("duplicate_entry", "内容项重复"),
    ("bad_sequence", "导出序号有误"),
    ("sequence_jump", "导出序号跳跃过大"),
    ("bad_time", "导出时间有误"),
    ("future_time", "导出时间晚于本机"),
    ("unknown_format", "格式版本有误"),
    ("bad_record", "记录内容有误"),
    ("duplicate_id", "记录编号重复"),
];

/// How a refusal names the file it is about: 文件“x.zip”.
fn named(file_name: &str) -> String {
    format!("文件“{file_name}”")
}

/// A receipt's message without the 文件“x.zip”： it starts with, for where the file is
/// named beside it already (the CLI's line; the window's tables do the same).
pub fn without_file_name<'a>(message: &'a str, file_name: &str) -> &'a str {
    message
        .strip_prefix(&format!("{}：", named(file_name)))
        .unwrap_or(message)
}

fn refused(what: &str, reason: &'static str, why: String) -> Refusal {
    Refusal {
        reason,
        error: Error::Refused(format!(
            "{what}：{}。本次没有导入任何内容。",
            why.trim_end_matches('。')
        )),
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
    check_with(&mut Cursor::new(bytes), what, &mut KeepAll)
}

/// What becomes of a package's records while it is verified. [`check`] keeps them
/// all in the [`Verified`] it returns. Receiving stores each office's records as
/// soon as they pass and lets them go ([`Receiving`]), so a city's package carrying
/// a million records is never held whole (it peaked at 840 MB).
trait Sink {
    /// The sender's manifest, checked, before any of its records is read (the
    /// outermost package only).
    fn begin(&mut self, manifest: &Manifest) -> std::result::Result<(), Refusal>;
    /// One office's records once every check on them passed: each office below
    /// first, then the sender's own. Returns what the `Verified` keeps.
    fn office(
        &mut self,
        manifest: &Manifest,
        records: Records,
    ) -> std::result::Result<Records, Refusal>;
}

struct KeepAll;

impl Sink for KeepAll {
    fn begin(&mut self, _: &Manifest) -> std::result::Result<(), Refusal> {
        Ok(())
    }
    fn office(&mut self, _: &Manifest, records: Records) -> std::result::Result<Records, Refusal> {
        Ok(records)
    }
}

fn check_with(
    package: &mut dyn ReadSeek,
    what: &str,
    sink: &mut dyn Sink,
) -> std::result::Result<Verified, Refusal> {
    let mut budget = Budget {
        bytes: MAX_UNPACKED_BYTES,
        carried: MAX_CARRIED_BYTES,
    };
    // A panic anywhere in reading (zip, JSON, our checks) is a damaged file, not a
    // crash of the app.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        verify_at(package, what, 0, &mut budget, sink)
    }))
    .unwrap_or_else(|_| Err(refused(what, "not_package", "文件已损坏，无法读取".into())))
}

/// The most one part may unpack to: a package carried from below is a whole
/// package file; any other part, [`MAX_PART_BYTES`].
fn part_cap(path: &str) -> u64 {
    if path.starts_with("below/") {
        MAX_PACKAGE_BYTES
    } else {
        MAX_PART_BYTES
    }
}

/// What a package is read from: its bytes, its file, or a slice of a temporary file.
/// One type for all (`dyn`), so the reading code and the zip library's are compiled
/// once, not once per source (three copies made the app 0.4 MB larger).
trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// `len` bytes of `inner` from `start`, read and sought as a file of their own: a
/// package carried inside another, in the temporary file it was copied to.
struct Slice<'a, R> {
    inner: &'a mut R,
    start: u64,
    len: u64,
    pos: u64,
}

impl<R: Read + Seek> Read for Slice<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let n = (buf.len() as u64).min(left) as usize;
        if n == 0 {
            return Ok(0);
        }
        self.inner.seek(SeekFrom::Start(self.start + self.pos))?;
        let got = self.inner.read(&mut buf[..n])?;
        self.pos += got as u64;
        Ok(got)
    }
}

impl<R> Seek for Slice<'_, R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        }
        .ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "位置在文件开头之前")
        })?;
        Ok(self.pos)
    }
}

fn spill_failed(e: std::io::Error) -> Refusal {
    Error::Internal(format!("写入临时文件失败（磁盘空间可能不足）：{e}")).into()
}

/// A city's package holds counties' packages, which hold townships': two levels.
const MAX_DEPTH: usize = 2;
/// What a package's record parts and evidence files may unpack to, with those of
/// every package it carries, all levels together (records are read into memory).
const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;
/// What one package's record parts may unpack to together (its own records, not
/// those of the packages it carries): they are read into memory, about 3.4 times
/// their bytes at the peak (240 MB of records: 813 MB). A township of 100,000 people
/// writes about 60 MB, one with 10,000 of every kind (the imports bench) 135 MB;
/// 5.6 MB of records made to unpack to 960 MB took 3.2 GB to receive.
const MAX_RECORD_BYTES: u64 = 160 * 1024 * 1024;
/// What the packages carried may take, all levels together: each is copied to a
/// temporary file and read from there. A city's largest package (900 MB) carries
/// counties' packages that carry townships': twice the bytes.
const MAX_CARRIED_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// What is left of [`MAX_UNPACKED_BYTES`] and [`MAX_CARRIED_BYTES`] as a package and
/// the packages inside it are read.
struct Budget {
    bytes: u64,
    carried: u64,
}
/// An entry over 1 MiB may not expand more than this many times its compressed
/// size (deflate of real records stays far below; zeros reach about 1000).
const MAX_RATIO: u64 = 200;
const RATIO_FLOOR: u64 = 1024 * 1024;
/// Offices carried from below, evidence files, and so all entries of one package.
const MAX_BELOW: usize = 10_000;
const MAX_ATTACHMENTS: usize = 10_000;
const MAX_ENTRIES: usize = 1 + KINDS.len() + MAX_BELOW + MAX_ATTACHMENTS;
/// The highest sequence number a package may carry (an office exporting every
/// minute for years stays far below).
pub const MAX_SEQUENCE: i64 = 1_000_000;
/// How far a sequence may jump over the last one accepted from that office
/// without a forced receipt.
pub const MAX_SEQUENCE_JUMP: i64 = 1000;
/// Caps on record text: names and titles, every other text.
const MAX_NAME_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = crate::base::fields::MAX_TEXT_CHARS;
const MAX_CODE_CHARS: usize = 64;

/// A zip whose parts cannot be read as written (cut short, or changed on the way).
fn damaged_file(what: &str) -> Refusal {
    refused(
        what,
        "damaged",
        "文件不完整或已损坏（可能没有复制完，或传输中断）。请让对方重新导出，或重新拷贝这个文件后再接收".into(),
    )
}

/// The names in a zip's central directory, read directly (a zip library may keep
/// only one of two entries with the same name). Refuses more than `MAX_ENTRIES`
/// before walking them.
fn central_names(
    src: &mut dyn ReadSeek,
    len: u64,
    what: &str,
) -> std::result::Result<Vec<Vec<u8>>, Refusal> {
    // A file that starts as a zip but whose directory cannot be found was cut short
    // (copied or sent only in part): damaged, to be sent again, not "not a package".
    let mut head = [0u8; 4];
    let starts_as_zip = src.seek(SeekFrom::Start(0)).is_ok()
        && src.read_exact(&mut head).is_ok()
        && head == *b"PK\x03\x04";
    let not_package = || {
        if starts_as_zip {
            damaged_file(what)
        } else {
            refused(
                what,
                "not_package",
                "这不是基层治理台账的交换文件（应为本软件“导出交换文件”生成的 .zip 文件）".into(),
            )
        }
    };
    let u16_in = |b: &[u8], p: usize| -> Option<u64> {
        Some(u16::from_le_bytes(b.get(p..p + 2)?.try_into().ok()?) as u64)
    };
    let u32_in = |b: &[u8], p: usize| -> Option<u64> {
        Some(u32::from_le_bytes(b.get(p..p + 4)?.try_into().ok()?) as u64)
    };
    let u64_in = |b: &[u8], p: usize| -> Option<u64> {
        Some(u64::from_le_bytes(b.get(p..p + 8)?.try_into().ok()?))
    };
    // `n` bytes at `at`, or none if the file ends first.
    let read_at = |src: &mut dyn ReadSeek, at: u64, n: u64| -> Option<Vec<u8>> {
        src.seek(SeekFrom::Start(at)).ok()?;
        let mut b = Vec::new();
        Read::take(&mut *src, n).read_to_end(&mut b).ok()?;
        Some(b)
    };
    if len < 22 {
        return Err(not_package());
    }
    // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
    let tail_at = len.saturating_sub(22 + 65535);
    let tail = read_at(src, tail_at, len - tail_at).ok_or_else(not_package)?;
    let eocd = (0..=tail.len().checked_sub(22).ok_or_else(not_package)?)
        .rev()
        .find(|&p| tail[p..p + 4] == *b"PK\x05\x06")
        .ok_or_else(not_package)?;
    let (mut count, mut offset) = (
        u16_in(&tail, eocd + 10).ok_or_else(not_package)?,
        u32_in(&tail, eocd + 16).ok_or_else(not_package)?,
    );
    if count == 0xFFFF || offset == 0xFFFF_FFFF {
        // Zip64: the locator sits just before the end record.
        let loc = (tail_at + eocd as u64)
            .checked_sub(20)
            .ok_or_else(not_package)?;
        let locator = read_at(src, loc, 20).ok_or_else(not_package)?;
        if locator.get(..4) != Some(b"PK\x06\x07") {
            return Err(not_package());
        }
        let at = u64_in(&locator, 8).ok_or_else(not_package)?;
        let record = read_at(src, at, 56).ok_or_else(not_package)?;
        if record.get(..4) != Some(b"PK\x06\x06") {
            return Err(not_package());
        }
        count = u64_in(&record, 32).ok_or_else(not_package)?;
        offset = u64_in(&record, 48).ok_or_else(not_package)?;
    }
    if count > MAX_ENTRIES as u64 {
        return Err(refused(
            what,
            "too_many_entries",
            format!("文件中有 {count} 项内容，超过上限 {MAX_ENTRIES} 项，不是正常的交换文件"),
        ));
    }
    src.seek(SeekFrom::Start(offset))
        .map_err(|_| not_package())?;
    let mut dir = BufReader::new(Read::take(&mut *src, len.saturating_sub(offset)));
    let mut names = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let mut head = [0u8; 46];
        dir.read_exact(&mut head).map_err(|_| not_package())?;
        if head[..4] != *b"PK\x01\x02" {
            return Err(not_package());
        }
        let n = u16_in(&head, 28).ok_or_else(not_package)? as usize;
        let rest = u16_in(&head, 30).ok_or_else(not_package)?
            + u16_in(&head, 32).ok_or_else(not_package)?;
        let mut name = vec![0u8; n];
        dir.read_exact(&mut name).map_err(|_| not_package())?;
        let skipped = std::io::copy(&mut dir.by_ref().take(rest), &mut std::io::sink())
            .map_err(|_| not_package())?;
        if skipped != rest {
            return Err(not_package());
        }
        names.push(name);
    }
    Ok(names)
}

/// Whether `name` is an entry `docs/PACKAGE.md` allows (other than `manifest.json`).
/// Whether `name` is an entry the format allows. With `newer_kinds` (a package of
/// this major version but a newer minor one) a record part of a kind this version
/// does not know is allowed too: it is checked and then ignored.
fn documented_part(name: &str, newer_kinds: bool) -> bool {
    if let Some(kind) = name
        .strip_prefix("records/")
        .and_then(|n| n.strip_suffix(".jsonl"))
    {
        return KINDS.contains(&kind) || (newer_kinds && is_kind_name(kind));
    }
    if let Some(hash) = name.strip_prefix(ATTACHMENTS_DIR) {
        return hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    }
    if let Some(code) = name
        .strip_prefix("below/")
        .and_then(|n| n.strip_suffix(".zip"))
    {
        return code.len() == 12 && code.bytes().all(|b| b.is_ascii_digit());
    }
    false
}

/// A kind name as a later version may write one: `a-z`, `0-9`, `_`, at most 40.
fn is_kind_name(kind: &str) -> bool {
    (1..=40).contains(&kind.len())
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// An entry name for a message: printable, short.
fn shown(name: &[u8]) -> String {
    let s: String = String::from_utf8_lossy(name)
        .chars()
        .map(|c| {
            if c.is_control() || crate::base::canon::is_invisible(c) {
                '?'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    s
}

/// A record of `kind` at `line`, for messages: 人员“张三”（第 3 行）.
fn record_label(kind: &str, line: usize, v: &serde_json::Value) -> String {
    let label = kind_label(kind);
    let name = ["name", "title", "id"]
        .iter()
        .find_map(|k| v.get(*k).and_then(|x| x.as_str()))
        .map(|s| shown(s.as_bytes()))
        .filter(|s| !s.is_empty());
    match name {
        Some(n) => format!("records/{kind}.jsonl 第 {line} 行的{label}“{n}”"),
        None => format!("records/{kind}.jsonl 第 {line} 行的{label}"),
    }
}

/// The one validation every received record passes, whatever its kind, over its
/// JSON: every string is normalised (see [`crate::base::canon`]) in place, by what its
/// field is: ids and codes (`id`, `…Id`, `…Ids`, `code`, `…Code`, `hash`), the
/// record's own `name` or `title` (required), ID numbers (`idNumber`, GB 11643,
/// real region, birth from 1900 to `today`), a person's mobile (`phone` of
/// `people`), other phone fields (mobile or landline, may be empty), and free text.
/// `Err((field, why))`.
fn canon_record(
    kind: &str,
    v: &mut serde_json::Value,
    today: chrono::NaiveDate,
) -> std::result::Result<(), (String, String)> {
    let serde_json::Value::Object(map) = v else {
        return Err(("".into(), "不是一个 JSON 对象".into()));
    };
    if map
        .get("id")
        .and_then(|x| x.as_str())
        .is_none_or(|s| s.trim().is_empty())
    {
        return Err(("id".into(), "缺少记录编号".into()));
    }
    for key in ["name", "title"] {
        if let Some(x) = map.get(key) {
            if !x.is_string() {
                return Err((key.into(), "应为文字".into()));
            }
        }
    }
    for (key, x) in map.iter_mut() {
        canon_json(kind, key, true, x, today).map_err(|why| (key.clone(), why))?;
    }
    Ok(())
}

fn canon_json(
    kind: &str,
    key: &str,
    top: bool,
    v: &mut serde_json::Value,
    today: chrono::NaiveDate,
) -> std::result::Result<(), String> {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            *s = canon_field(kind, key, top, s, today).map_err(|e| e.to_string())?;
        }
        Value::Array(items) => {
            for x in items {
                canon_json(kind, key, false, x, today)?;
            }
        }
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                canon_json(kind, k, false, x, today).map_err(|why| format!("{k}：{why}"))?;
            }
        }
        Value::Number(n) => {
            // Counts, hours, money and scores: none is below zero (but the few a
            // clerk may set below, SIGNED_NUMBERS), and a figure beyond a trillion
            // is a doctored file, not a township's ledger.
            let x = n.as_f64().unwrap_or(f64::MAX);
            let least = if SIGNED_NUMBERS.contains(&(kind, key)) {
                -MAX_NUMBER
            } else {
                0.0
            };
            if !(least..=MAX_NUMBER).contains(&x) {
                return Err(if least < 0.0 {
                    format!("数值 {n} 不对，应在 -1000000000000 到 1000000000000 之间")
                } else {
                    format!("数值 {n} 不对，应在 0 到 1000000000000 之间")
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// The numbers a record may hold below zero, by (kind, field): an indicator's
/// 目标值 (a fall of 10% is -10).
const SIGNED_NUMBERS: &[(&str, &str)] = &[("indicators", "target")];

/// The largest number a received record may hold (see [`canon_json`]).
const MAX_NUMBER: f64 = 1e12;

/// Whether a field holds a date (`2026-03-01`): `date`, `deadline`, `…On`,
/// `…Date`, `…Start`, `…End`, as every kind names its dates.
fn is_date_key(key: &str) -> bool {
    key == "date"
        || key == "deadline"
        || ["On", "Date", "Start", "End"]
            .iter()
            .any(|end| key.ends_with(end))
}

fn canon_field(
    kind: &str,
    key: &str,
    top: bool,
    s: &str,
    today: chrono::NaiveDate,
) -> Result<String> {
    use crate::base::canon;
    if key == "idNumber" {
        if s.trim().is_empty() && !(top && kind == "people") {
            return Ok(String::new());
        }
        return crate::base::identity::check_id_number(s, today).map(|(id, _)| id);
    }
    if is_date_key(key) {
        // A date as writers write it (2026-03-01) is taken as it is; anything else
        // is read as a clerk's date would be, or refused.
        if crate::base::fields::is_plain_date(s) {
            return Ok(s.to_string());
        }
        return Ok(crate::base::fields::date_field("date", "日期", s)?.unwrap_or_default());
    }
    if key.ends_with("At") && !s.trim().is_empty() {
        return chrono::DateTime::parse_from_rfc3339(s.trim())
            .map(|_| s.trim().to_string())
            .map_err(|_| {
                Error::validation(
                    "time",
                    format!("时间“{}”不是有效的时间", shown(s.as_bytes())),
                )
            });
    }
    let lower = key.to_ascii_lowercase();
    if lower.ends_with("phone") {
        if kind == "people" && top && key == "phone" {
            return crate::base::identity::check_mobile(s);
        }
        return crate::base::identity::contact_phone(s);
    }
    if key == "id"
        || key.ends_with("Id")
        || key.ends_with("Ids")
        || key == "code"
        || key.ends_with("Code")
        || key == "hash"
    {
        return canon::code("code", "编号", s, MAX_CODE_CHARS);
    }
    if top && (key == "name" || key == "title") {
        return canon::name("name", "名称", s, MAX_NAME_CHARS);
    }
    canon::text("text", "文字", s, MAX_TEXT_CHARS)
}

/// Checks and types the lines of one `records/<kind>.jsonl` part: each line
/// normalised and validated by the same rules whatever its kind, ids unique across
/// the package.
fn parse_lines(
    what: &str,
    kind: &'static str,
    data: &[u8],
    today: chrono::NaiveDate,
    records: &mut Records,
    ids: &mut std::collections::HashMap<String, String>,
) -> std::result::Result<(), Refusal> {
    // The kind's text fields as its typed records write them, from its first line.
    let mut text_fields: Option<Vec<String>> = None;
    for (i, line) in data.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let line_no = i + 1;
        let unreadable = |e: String| {
            refused(
                what,
                "damaged",
                format!("records/{kind}.jsonl 第 {line_no} 行的记录无法读取（{e}）"),
            )
        };
        let mut v: serde_json::Value = serde_json::from_slice(line)
            .map_err(|e| unreadable(crate::base::error::json_reason(&e)))?;
        canon_record(kind, &mut v, today).map_err(|(field, why)| {
            refused(
                what,
                "bad_record",
                format!(
                    "{}的字段“{field}”不正确：{why}",
                    record_label(kind, line_no, &v)
                ),
            )
        })?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        if let Some(first) = ids.insert(id.clone(), record_label(kind, line_no, &v)) {
            return Err(refused(
                what,
                "duplicate_id",
                format!(
                    "{}与{first}的记录编号（id）相同：{id}，同一编号只能出现一次",
                    record_label(kind, line_no, &v)
                ),
            ));
        }
        // A field the line leaves out is read as its default (data outlives
        // versions), so it must pass as that default too: a person without
        // `idNumber` is a person whose ID number is empty, and refused as one.
        // The first line of a kind keeps its keys and its label for the check after
        // it is typed (the line itself is moved into the records); the others are
        // checked before, and name themselves only when refused.
        let first = text_fields.is_none().then(|| {
            let keys: Vec<String> = v
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            (keys, record_label(kind, line_no, &v))
        });
        let missing = |key: &str, label: &dyn Fn() -> String| {
            canon_field(kind, key, true, "", today).err().map(|why| {
                refused(
                    what,
                    "bad_record",
                    format!("{}缺少字段“{key}”：{why}", label()),
                )
            })
        };
        if let Some(keys) = &text_fields {
            if let Some(r) = keys
                .iter()
                .filter(|k| v.get(k.as_str()).is_none())
                .find_map(|k| missing(k, &|| record_label(kind, line_no, &v)))
            {
                return Err(r);
            }
        }
        records
            .push_value(kind, v)
            .map_err(|e| unreadable(crate::base::error::json_reason(&e)))?;
        if let Some((present, label)) = first {
            let keys = records.text_fields(kind);
            if let Some(r) = keys
                .iter()
                .filter(|k| !present.contains(k))
                .find_map(|k| missing(k, &|| label.clone()))
            {
                return Err(r);
            }
            text_fields = Some(keys);
        }
    }
    Ok(())
}

fn verify_at(
    src: &mut dyn ReadSeek,
    what: &str,
    depth: usize,
    budget: &mut Budget,
    sink: &mut dyn Sink,
) -> std::result::Result<Verified, Refusal> {
    use std::collections::{HashMap, HashSet};
    let len = src
        .seek(SeekFrom::End(0))
        .map_err(|e| Error::Internal(format!("读取交换文件失败：{e}")))?;
    if len == 0 {
        return Err(refused(what, "empty", "文件是空的（0 字节）".into()));
    }
    if len > MAX_PACKAGE_BYTES {
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
    // The central directory as written, before any library reads it: not too
    // many entries; below, every name documented and none twice.
    let names = central_names(src, len, what)?;
    let mut zip = zip::ZipArchive::new(&mut *src).map_err(|_| damaged_file(what))?;
    let raw = {
        let mut f = zip.by_name("manifest.json").map_err(|_| not_package())?;
        let mut s = Vec::new();
        f.by_ref()
            .take(16 * 1024 * 1024)
            .read_to_end(&mut s)
            .map_err(|_| damaged_file(what))?;
        s
    };
    // Only what every version's manifest has, first (the rest is skipped unread).
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Head {
        #[serde(default)]
        format: String,
        #[serde(default)]
        format_version: u64,
    }
    let head: Head = serde_json::from_slice(&raw).map_err(|_| damaged_file(what))?;
    if head.format != FORMAT {
        return Err(not_package());
    }
    // A newer major version first, before anything else is judged by this version's
    // rules: its manifest or entries may be shaped in ways this version cannot read.
    if head.format_version > u64::from(FORMAT_VERSION) {
        return Err(refused(
            what,
            "newer_format",
            format!(
                "这个文件由更新版本的软件导出（格式版本 {}，本软件只能读取 1 到 {FORMAT_VERSION}），本软件无法读取。请升级本软件到最新版本后再接收",
                head.format_version
            ),
        ));
    }
    let mut manifest: Manifest = serde_json::from_slice(&raw).map_err(|_| not_package())?;
    drop(raw);
    // Same major, newer minor: record parts of kinds this version does not know
    // are allowed (and ignored).
    let newer_kinds =
        manifest.format_version == FORMAT_VERSION && manifest.format_minor > FORMAT_MINOR;
    let mut seen: HashSet<&[u8]> = HashSet::with_capacity(names.len());
    for name in &names {
        let ok = name.as_slice() == b"manifest.json"
            || std::str::from_utf8(name).is_ok_and(|n| documented_part(n, newer_kinds));
        if !ok {
            return Err(refused(
                what,
                "unexpected_entry",
                format!(
                    "文件中有交换文件格式之外的内容“{}”，可能被改动过",
                    shown(name)
                ),
            ));
        }
        if !seen.insert(name.as_slice()) {
            return Err(refused(
                what,
                "duplicate_entry",
                format!("文件中“{}”出现了两次，可能被改动过", shown(name)),
            ));
        }
    }
    if zip.len() != names.len() {
        return Err(refused(
            what,
            "damaged",
            "文件已损坏（目录中的项数不一致）".into(),
        ));
    }
    let bad_sender = |e: Error| refused(what, "bad_sender", format!("发送单位的信息不正确（{e}）"));
    let code = crate::base::canon::code("code", "区划代码", &manifest.office.code, 12)
        .and_then(|c| office::validate_division_code(manifest.office.level, &c))
        .map_err(bad_sender)?;
    let name =
        office::validate_name("name", "单位名称", &manifest.office.name, 40).map_err(bad_sender)?;
    manifest.office.code = code;
    manifest.office.name = name;
    let sender = Some(Box::new((manifest.office.clone(), manifest.sequence)));
    let with_sender = |mut r: Refusal| {
        r.sender = sender.clone();
        r
    };
    if manifest.sequence < 1 || manifest.sequence > MAX_SEQUENCE {
        return Err(with_sender(refused(
            what,
            "bad_sequence",
            format!(
                "导出序号 {} 不正确（应为 1 到 {MAX_SEQUENCE} 之间的整数）",
                manifest.sequence
            ),
        )));
    }
    let exported = DateTime::parse_from_rfc3339(manifest.exported_at.trim())
        .map_err(|_| {
            with_sender(refused(
                what,
                "bad_time",
                format!(
                    "导出时间“{}”不是有效的时间",
                    shown(manifest.exported_at.as_bytes())
                ),
            ))
        })?
        .with_timezone(&Utc);
    manifest.exported_at = crate::store::stamp(exported);
    // Checksums before anything else in the manifest is trusted. Every part is a
    // documented entry, listed once; every entry but the manifest is listed.
    let mut listed: HashSet<&str> = HashSet::with_capacity(manifest.parts.len());
    for p in &manifest.parts {
        if p.path == "manifest.json" || !documented_part(&p.path, newer_kinds) {
            return Err(refused(
                what,
                "unexpected_entry",
                format!(
                    "清单中列出了交换文件格式之外的内容“{}”，可能被改动过",
                    shown(p.path.as_bytes())
                ),
            ));
        }
        if !listed.insert(p.path.as_str()) {
            return Err(refused(
                what,
                "duplicate_entry",
                format!(
                    "清单中“{}”出现了两次，可能被改动过",
                    shown(p.path.as_bytes())
                ),
            ));
        }
    }
    for name in &names {
        let name = std::str::from_utf8(name).unwrap_or_default();
        if name != "manifest.json" && !listed.contains(name) {
            return Err(refused(
                what,
                "damaged",
                format!(
                    "文件中有清单之外的内容“{}”，可能被改动过",
                    shown(name.as_bytes())
                ),
            ));
        }
    }
    if manifest
        .parts
        .iter()
        .filter(|p| p.path.starts_with(ATTACHMENTS_DIR))
        .count()
        > MAX_ATTACHMENTS
        || manifest
            .parts
            .iter()
            .filter(|p| p.path.starts_with("below/"))
            .count()
            > MAX_BELOW
    {
        return Err(refused(
            what,
            "too_many_entries",
            format!("文件中的附件或下级文件超过上限（各 {MAX_BELOW} 个）"),
        ));
    }
    // Sizes as declared, before reading anything: the manifest's, then the zip's
    // own (and its compression ratio). Reading below never trusts either.
    let too_large = |why: String| refused(what, "too_large", why);
    let sum = |carried: bool| {
        manifest
            .parts
            .iter()
            .filter(|p| p.path.starts_with("below/") == carried)
            .try_fold(0u64, |sum, p| sum.checked_add(p.bytes))
            .unwrap_or(u64::MAX)
    };
    let (declared, carried) = (sum(false), sum(true));
    if declared > budget.bytes
        || carried > budget.carried
        || manifest.parts.iter().any(|p| p.bytes > part_cap(&p.path))
    {
        return Err(too_large(format!(
            "文件解压后超过大小上限（单项 {} MB，合计 {} MB；下级单位的文件每个 {} MB，合计 {} MB），不是正常的交换文件",
            MAX_PART_BYTES >> 20,
            MAX_UNPACKED_BYTES >> 20,
            MAX_PACKAGE_BYTES >> 20,
            MAX_CARRIED_BYTES >> 20,
        )));
    }
    // The record parts are read into memory (as records, about three times their
    // bytes): a package's own may not pass MAX_RECORD_BYTES together.
    let records: u64 = manifest
        .parts
        .iter()
        .filter(|p| p.path.starts_with("records/"))
        .try_fold(0u64, |sum, p| sum.checked_add(p.bytes))
        .unwrap_or(u64::MAX);
    if records > MAX_RECORD_BYTES {
        return Err(too_large(format!(
            "文件里的记录解压后有 {} MB，超过上限 {} MB（一个十万人的乡镇约 60 MB），不是正常的交换文件",
            records >> 20,
            MAX_RECORD_BYTES >> 20,
        )));
    }
    budget.bytes -= declared;
    budget.carried -= carried;
    for part in &manifest.parts {
        let f = zip
            .index_for_name(&part.path)
            .and_then(|i| zip.by_index_raw(i).ok())
            .ok_or_else(|| {
                refused(
                    what,
                    "damaged",
                    format!("文件不完整，缺少{}", part_words(&part.path)),
                )
            })?;
        if f.size() != part.bytes {
            return Err(refused(
                what,
                "damaged",
                format!(
                    "“{}”的大小与清单不符，文件可能已损坏或被改动。请让对方重新导出，或重新拷贝这个文件后再接收",
                    part.path
                ),
            ));
        }
        if f.size() > RATIO_FLOOR && f.size() / MAX_RATIO > f.compressed_size() {
            return Err(too_large(format!(
                "“{}”的压缩比异常（{} 字节解压为 {} 字节），不是正常的交换文件",
                part.path,
                f.compressed_size(),
                f.size()
            )));
        }
    }
    if manifest.format_version < 1 {
        return Err(with_sender(refused(
            what,
            "unknown_format",
            format!(
                "格式版本 {} 不是本软件认识的版本（1 到 {FORMAT_VERSION}）",
                manifest.format_version
            ),
        )));
    }
    if depth == 0 {
        sink.begin(&manifest)?;
    }
    // Records: each line normalised and validated by the same rules whatever its
    // kind, then typed. ID numbers are judged as of the day the package was made.
    let today = (exported + chrono::Duration::hours(8)).date_naive();
    let mut records = Records::default();
    let required = required_kinds(manifest.format_version, manifest.format_minor);
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut parsed: HashSet<&str> = HashSet::new();
    // Record parts of kinds this version does not know, with their record counts.
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    // Read: record files are kept, packages from below are copied one after another
    // into one temporary file (a county's may carry hundreds of MB of a township's
    // photos, a city's hundreds of packages), evidence files are only hashed. At
    // most the declared length plus one byte is ever read.
    let mut spill: Option<std::fs::File> = None;
    let mut spilled = 0u64;
    let mut below_parts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for part in &manifest.parts {
        let mut f = zip.by_name(&part.path).map_err(|_| {
            refused(
                what,
                "damaged",
                format!("文件不完整，缺少{}", part_words(&part.path)),
            )
        })?;
        let damaged = || {
            refused(
                what,
                "damaged",
                format!("{}已损坏，无法读取", part_words(&part.path)),
            )
        };
        let mut limited = f.by_ref().take(part.bytes + 1);
        let mut hasher = Sha256::new();
        let mut len = 0u64;
        let evidence = part.path.starts_with(ATTACHMENTS_DIR);
        let carried = part.path.starts_with("below/");
        if carried && spill.is_none() {
            spill = Some(tempfile::tempfile().map_err(spill_failed)?);
        }
        let mut to_spill = spill.as_mut().filter(|_| carried);
        let mut data = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = limited.read(&mut buf).map_err(|_| damaged())?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            len += n as u64;
            match &mut to_spill {
                Some(file) => file.write_all(&buf[..n]).map_err(spill_failed)?,
                None if !evidence => data.extend_from_slice(&buf[..n]),
                None => {}
            }
        }
        if len != part.bytes || hex(&hasher.finalize()) != part.sha256 {
            return Err(refused(
                what,
                "checksum",
                format!(
                    "“{}”的校验值不符，文件已损坏或被改动。请让对方重新导出后再发送",
                    part.path
                ),
            ));
        }
        if evidence && part.path[ATTACHMENTS_DIR.len()..] != part.sha256 {
            return Err(refused(
                what,
                "damaged",
                format!("附件“{}”的名称与内容不符，文件可能被改动过", part.path),
            ));
        }
        // Record parts are checked and typed at once and their bytes let go, so a
        // package never holds all its parts' raw bytes together.
        let kind = part
            .path
            .strip_prefix("records/")
            .and_then(|k| k.strip_suffix(".jsonl"))
            .and_then(|k| KINDS.iter().copied().find(|x| *x == k));
        if let Some(kind) = kind {
            parse_lines(what, kind, &data, today, &mut records, &mut ids)?;
            parsed.insert(kind);
        } else if let Some(kind) = part
            .path
            .strip_prefix("records/")
            .and_then(|k| k.strip_suffix(".jsonl"))
        {
            // A newer minor version's kind: each line must be a JSON object; then
            // it is left alone (it still travels up inside this package).
            let lines = count_objects(&data).ok_or_else(|| {
                refused(
                    what,
                    "damaged",
                    format!("“{}”中有无法读取的记录", part.path),
                )
            })?;
            ignored.insert(kind.to_string(), lines);
        } else if carried {
            below_parts.insert(part.path.clone(), (spilled, len));
            spilled += len;
        }
    }
    for kind in &required {
        if !parsed.contains(kind) {
            return Err(refused(
                what,
                "damaged",
                format!(
                    "文件不完整，缺少{}",
                    part_words(&format!("records/{kind}.jsonl"))
                ),
            ));
        }
    }
    // Parents within the package.
    let unit_ids: HashSet<&str> = records.units.iter().map(|u| u.id.as_str()).collect();
    if let Some(u) = records.units.iter().find(|u| {
        u.parent_id
            .as_deref()
            .is_some_and(|p| !unit_ids.contains(p))
    }) {
        return Err(refused(
            what,
            "bad_record",
            format!(
                "组织单位“{}”（{}）的字段“parentId”不正确：它的上级单位不在文件中",
                shown(u.name.as_bytes()),
                u.id
            ),
        ));
    }
    // Evidence files only for what some record refers to.
    let referenced: HashSet<&str> = referenced(&records)
        .into_iter()
        .map(|a| a.hash.as_str())
        .collect();
    if let Some(p) = manifest.parts.iter().find(|p| {
        p.path
            .strip_prefix(ATTACHMENTS_DIR)
            .is_some_and(|h| !referenced.contains(h))
    }) {
        return Err(refused(
            what,
            "unexpected_entry",
            format!("附件“{}”没有任何记录引用，可能被改动过", p.path),
        ));
    }
    // `merged` is derived, never taken on trust.
    for g in &mut records.business_grids {
        g.merged = !g.mappings.is_empty() && g.mappings.iter().all(|m| m.merged_on.is_some());
    }
    let counts = records.counts();
    if counts
        .iter()
        .any(|(k, n)| manifest.counts.get(k).copied().unwrap_or(0) != *n)
        || manifest
            .counts
            .iter()
            .any(|(k, n)| !counts.contains_key(k) && ignored.get(k) != Some(n))
        || ignored.keys().any(|k| !manifest.counts.contains_key(k))
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
            "文件中有不属于发送单位的记录，可能被改动过。请让对方重新导出".into(),
        ));
    }
    // Counted as of the export date stored in the package, as the sender counted.
    // Every key this version knows is checked if present; the keys of the
    // package's own format version must be present; keys this version does not
    // know are ignored (a newer minor version's).
    // Before 2.12 a unit without a 设立日期 of its own counted from the one above it:
    // given that date, it counts as its sender counted it (and is stored so).
    if (manifest.format_version, manifest.format_minor) < (2, 12) {
        crate::hierarchy::adjust::inherit_established(&mut records.units);
    }
    // Before 2.13 a list item (履职事项, 网格事项) counted in every period: given
    // the earliest 列入日期, it counts so (probe Q: an older township's third
    // quarter showed 0 items at the county and the city, 46 at home).
    if (manifest.format_version, manifest.format_minor) < (2, 13) {
        for d in records.duty_items.iter_mut() {
            d.listed_on.get_or_insert_with(|| LISTED_BEFORE_2_13.into());
        }
        for m in records.grid_matters.iter_mut() {
            m.listed_on.get_or_insert_with(|| LISTED_BEFORE_2_13.into());
        }
    }
    let own_totals = report::totals(&records, report::as_of(&manifest.exported_at));
    let required_keys = required_report_keys(manifest.format_version, manifest.format_minor);
    for (key, label) in report::KEYS {
        let computed = own_totals.get(*key).copied().unwrap_or(0);
        let comparable = counts_as_we_do(key, manifest.format_version, manifest.format_minor);
        // Named as the report names it (已全部纳入的业务网格), the key after it.
        match manifest.totals.get(*key) {
            Some(v) if *v == computed || !comparable => {}
            Some(v) => {
                return Err(refused(
                    what,
                    "totals",
                    format!(
                        "清单中的汇总数“{label}”（{key}）是 {v}，但按记录计算是 {computed}，文件可能被改动过。请让对方重新导出"
                    ),
                ))
            }
            None if !required_keys.contains(key) => {}
            None => {
                return Err(refused(
                    what,
                    "totals",
                    format!("清单中缺少汇总数“{label}”（{key}），文件可能被改动过。请让对方重新导出"),
                ))
            }
        }
    }
    let mut below: Vec<Verified> = Vec::new();
    let mut below_codes: HashSet<String> = HashSet::new();
    for (path, (start, len)) in below_parts {
        if depth >= MAX_DEPTH {
            return Err(refused(
                what,
                "bad_below",
                "文件中下级文件的嵌套层级过多，不是正常的交换文件".into(),
            ));
        }
        let Some(file) = spill.as_mut() else {
            break;
        };
        let inner = verify_at(
            &mut Slice {
                inner: file,
                start,
                len,
                pos: 0,
            },
            &format!("{what}中的“{path}”"),
            depth + 1,
            budget,
            sink,
        )?;
        let office = &inner.manifest.office;
        check_directly_below(&manifest.office, office)
            .map_err(|why| refused(what, "bad_below", format!("其中的“{}”{why}", office.name)))?;
        if path != format!("below/{}.zip", office.code) {
            return Err(refused(
                what,
                "bad_below",
                format!("其中的“{path}”与它的发送单位“{}”不符", office.code),
            ));
        }
        if !below_codes.insert(office.code.clone()) {
            return Err(refused(
                what,
                "bad_below",
                format!("其中“{}”的文件出现了两次", office.name),
            ));
        }
        below.push(inner);
    }
    let records = sink.office(&manifest, records)?;
    Ok(Verified {
        manifest,
        records,
        own_totals,
        below,
    })
}

/// The number of lines of a record part of an unknown kind, if each non-empty
/// line is a JSON object.
fn count_objects(data: &[u8]) -> Option<usize> {
    let mut n = 0;
    for line in data.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line).ok()?;
        if !v.is_object() {
            return None;
        }
        n += 1;
    }
    Some(n)
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
    // This office's own file (picked from the folder it exported to): it goes up.
    if sender.code == receiver.code {
        return Err(format!(
            "这是本单位“{}”自己导出的文件，不用在这里接收：请把它报送给上级",
            receiver.name
        ));
    }
    let Some(want) = level_below(receiver.level) else {
        return Err(format!(
            "是{}，乡镇/街道不接收下级的交换文件",
            sender.level.label()
        ));
    };
    if sender.level != want {
        return Err(format!(
            "来自{}“{}”：{}只接收{}的文件",
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
            "来自“{}”（{}），不是本单位“{}”（{}）的下级",
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
    /// `accepted`, `already_held`, `refused`, or `skipped` (a folder's other file
    /// or a folder inside it: no office's package, not logged).
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
    receive_one(store, ctx, path, None, force).map_err(Error::from)
}

fn receive_one(
    store: &mut Store,
    ctx: &Ctx,
    path: &Path,
    folder: Option<&Path>,
    force: bool,
) -> std::result::Result<Receipt, Refusal> {
    let outcome = receive_checked(store, ctx, path, folder, force);
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
fn peek_sender(mut file: &std::fs::File) -> Option<Box<(Sender, i64)>> {
    let mut zip = zip::ZipArchive::new(&mut file as &mut dyn ReadSeek).ok()?;
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
    folder: Option<&Path>,
    force: bool,
) -> std::result::Result<Receipt, Refusal> {
    let file_name = file_name_of(path);
    let what = named(&file_name);
    let file = open_regular(path, folder, &what)?;
    receive_file(store, ctx, path, &file, force).map_err(|mut r| {
        r.sender = r.sender.take().or_else(|| peek_sender(&file));
        r
    })
}

/// What a file that is not a regular file is, for a message.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "管道（FIFO）";
        }
        if t.is_char_device() || t.is_block_device() {
            return "设备";
        }
        if t.is_socket() {
            return "套接字";
        }
    }
    if meta.is_dir() {
        "文件夹"
    } else {
        "特殊文件"
    }
}

/// The package file at `path`, opened for reading once it is known to be a regular
/// file of at most [`MAX_PACKAGE_BYTES`] (a link is followed only to one, and,
/// inside a chosen `folder`, only to one inside that folder). The type is checked
/// before opening, so a FIFO or a device is never opened, and the open does not
/// block. It is read in pieces from there, never whole, and never more than the
/// size cap plus one byte, whatever the file claims its length is.
fn open_regular(
    path: &Path,
    folder: Option<&Path>,
    what: &str,
) -> std::result::Result<std::fs::File, Refusal> {
    let link = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    let meta = if link.file_type().is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(refused(
                    what,
                    "bad_link",
                    "这是一个快捷方式（符号链接），它指向的文件不存在".into(),
                ))
            }
            Err(_) => {
                return Err(refused(
                    what,
                    "bad_link",
                    "这是一个无法打开的快捷方式（符号链接，可能循环指向自己）".into(),
                ))
            }
        }
    } else {
        link.clone()
    };
    if !meta.is_file() {
        return Err(refused(
            what,
            "not_a_file",
            format!(
                "这不是普通文件，而是{}，不能作为交换文件接收",
                file_kind(&meta)
            ),
        ));
    }
    if crate::base::outfile::is_protected_file(path) {
        return Err(refused(
            what,
            "not_a_file",
            "这是本软件正在使用的数据库文件，不能作为交换文件接收".into(),
        ));
    }
    if let (true, Some(folder)) = (link.file_type().is_symlink(), folder) {
        let inside = match (std::fs::canonicalize(path), std::fs::canonicalize(folder)) {
            (Ok(target), Ok(folder)) => target.starts_with(folder),
            _ => false,
        };
        if !inside {
            return Err(refused(
                what,
                "outside_folder",
                "这是一个快捷方式（符号链接），指向所选文件夹之外的文件，为安全起见不接收。请把文件本身放进文件夹".into(),
            ));
        }
    }
    if meta.len() > MAX_PACKAGE_BYTES {
        return Err(refused(
            what,
            "too_large",
            "文件超过 900 MB，不是正常的交换文件".into(),
        ));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the file have been swapped for a FIFO since it was checked.
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(|e| Error::io(path, e))?;
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    #[cfg(unix)]
    let same = {
        use std::os::unix::fs::MetadataExt;
        opened.dev() == meta.dev() && opened.ino() == meta.ino()
    };
    #[cfg(not(unix))]
    let same = true;
    if !opened.is_file() || !same {
        return Err(refused(
            what,
            "not_a_file",
            format!(
                "这不是普通文件，而是{}，不能作为交换文件接收",
                file_kind(&opened)
            ),
        ));
    }
    Ok(file)
}

fn receive_file(
    store: &mut Store,
    ctx: &Ctx,
    path: &Path,
    file: &std::fs::File,
    force: bool,
) -> std::result::Result<Receipt, Refusal> {
    let file_name = file_name_of(path);
    let what = named(&file_name);
    let receiver = office::require(store.conn())?;
    let me = Sender {
        level: receiver.level,
        code: receiver.code.clone(),
        name: receiver.name.clone(),
    };
    // Its checksum and length, read through once (at most one byte past the cap).
    // What is kept in the end (`finish`) is checked to be these bytes.
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    let mut reader = file;
    let (sha, len) = crate::base::hash::sha256_read(reader.take(MAX_PACKAGE_BYTES + 1))
        .map_err(|e| Error::io(path, e))?;
    // Checked and stored in one transaction, each office's records written as soon
    // as they pass: a refusal found on the way (in the last office below, say)
    // leaves nothing behind.
    let mut refusal = None;
    let written = store.write(ctx, |tx| {
        let mut receiving = Receiving {
            tx,
            me: &me,
            what: &what,
            file_name: &file_name,
            path,
            file,
            len,
            modified: opened.modified().ok(),
            sha: &sha,
            force,
            not_below: None,
            plan: None,
            counts: BTreeMap::new(),
            figures: Vec::new(),
            started: false,
            snapshot: String::new(),
            below: Vec::new(),
            held_counts: None,
            held_records: None,
        };
        check_with(&mut reader, &what, &mut receiving)
            .and_then(|v| receiving.finish(&v))
            .map_err(|r| {
                refusal = Some(r);
                Error::Refused("交换文件未通过检查".into())
            })
    });
    match (written, refusal) {
        (_, Some(r)) => Err(r),
        (Ok(receipt), None) => Ok(receipt),
        (Err(e), None) => Err(e.into()),
    }
}

/// What receiving does with a package, decided from its sender's manifest before
/// any record is read.
enum Plan {
    /// Stored, replacing what was held from that office; `forced` when it replaces
    /// a newer package or jumps far ahead (强制接收).
    Store { held: Option<i64>, forced: bool },
    /// The same file was received before.
    AlreadyHeld(Receipt),
    /// Older, a conflicting copy or a far jump, without 强制接收.
    Refuse(Refusal),
}

/// Receiving's [`Sink`]. `begin` decides from the manifest (and what this office
/// holds from the sender) whether the package is stored; when it is, the old
/// snapshot is cleared and each office's records are written as they pass, with
/// their counts and 首页's figures. Refusals are said in the order they always were:
/// the file itself, not directly below, exported in the future, then its sequence.
struct Receiving<'a, 't> {
    tx: &'a Tx<'t>,
    me: &'a Sender,
    what: &'a str,
    file_name: &'a str,
    path: &'a Path,
    /// The package file, its length and time when opened, and the checksum of
    /// those `len` bytes.
    file: &'a std::fs::File,
    len: u64,
    modified: Option<std::time::SystemTime>,
    sha: &'a str,
    force: bool,
    not_below: Option<Refusal>,
    plan: Option<Plan>,
    counts: BTreeMap<String, usize>,
    /// The figures of [`snapshot_figures::kept_periods`], summed over the offices
    /// written so far.
    figures: Vec<(Period, snapshot_figures::Figures)>,
    /// The snapshot has been started (each office's figures are counted as of its
    /// own export day).
    started: bool,
    /// The snapshot being written: the sender's code.
    snapshot: String,
    /// The offices below the sender that the file carries, as the receipt names
    /// them: 东山街道（第 3 次导出）.
    below: Vec<String>,
    /// The number and the records by kind of the file held from the sender before
    /// this one, to say what changed.
    held_counts: Option<(i64, BTreeMap<String, i64>)>,
    /// The records of that file, each as this version writes it (hashed), to say
    /// which came, changed or went: `None` when it held more than [`DIFF_MOST`].
    held_records: Option<HeldRecords>,
}

/// Up to this many records held from a sender are compared record by record on
/// receipt (诉求 新增 3 条、修改 2 条); a larger file (a county's at a city) says the
/// counts by kind only, so a receipt does not read a million records twice.
const DIFF_MOST: i64 = 100_000;

/// The held file's records by (office, kind, id) and a hash of their JSON, and what
/// the new file did to them by kind: (新增, 修改).
#[derive(Default)]
struct HeldRecords {
    hashes: std::collections::HashMap<(String, String, String), u64>,
    moved: BTreeMap<&'static str, (usize, usize)>,
}

impl HeldRecords {
    fn hash(json: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        json.hash(&mut h);
        h.finish()
    }

    /// A record of the new file, against the held one of its id.
    fn see(&mut self, office: &str, kind: &'static str, id: &str, json: &str) {
        let key = (office.to_string(), kind.to_string(), id.to_string());
        let moved = self.moved.entry(kind).or_default();
        match self.hashes.remove(&key) {
            None => moved.0 += 1,
            Some(h) if h != Self::hash(json) => moved.1 += 1,
            Some(_) => {}
        }
    }

    /// 诉求 新增 3 条、修改 2 条、删除 1 条, kind by kind in package order; empty when
    /// nothing changed.
    fn said(&self) -> Vec<String> {
        KINDS
            .iter()
            .filter_map(|k| {
                let (added, changed) = self.moved.get(k).copied().unwrap_or((0, 0));
                let gone = self.hashes.keys().filter(|(_, kind, _)| kind == k).count();
                let parts: Vec<String> = [("新增", added), ("修改", changed), ("删除", gone)]
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(w, n)| format!("{w} {n} 条"))
                    .collect();
                (!parts.is_empty()).then(|| format!("{} {}", kind_label(k), parts.join("、")))
            })
            .collect()
    }
}

impl Sink for Receiving<'_, '_> {
    fn begin(&mut self, m: &Manifest) -> std::result::Result<(), Refusal> {
        // Said with what to do: a township's file goes up through its county;
        // another county's, back to whoever sent it.
        self.not_below = check_directly_below(self.me, &m.office).err().map(|why| {
            let next = match level_below(self.me.level) {
                Some(want)
                    if std::iter::successors(level_below(want), |l| level_below(*l))
                        .any(|l| l == m.office.level) =>
                {
                    format!("请把它交给所属的{0}，由{0}汇总后报来", want.label())
                }
                _ if m.office.code == self.me.code => String::new(),
                _ => "请与对方核对是否发错了单位。".to_string(),
            };
            // This office's own file is no office below's: its own reason (under
            // 不是本单位的直接下级 it read as a contradiction).
            let reason = if m.office.code == self.me.code {
                "own_file"
            } else {
                "not_below"
            };
            refused(self.what, reason, format!("{why}。{next}"))
        });
        // What is held from this office: its number, and whether this file is the
        // one held, byte for byte or by content. A file zipped again (or passed on
        // by a program that repacks) has other bytes but the same manifest, whose
        // parts' checksums the whole file is verified against before it is judged.
        let manifest = serde_json::to_string(m).map_err(Error::from)?;
        let held: Option<(i64, bool, String, String)> = self
            .tx
            .query_row(
                "SELECT sequence, package_sha256 = ?2 OR manifest_json = ?3, exported_at,
                        manifest_json
                 FROM snapshots WHERE code = ?1",
                params![m.office.code, self.sha, manifest],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(Error::from)?;
        // The records of the office's own the held file carried (its manifest's counts).
        let held = held.map(|(seq, same, at, manifest)| {
            let records = serde_json::from_str::<Manifest>(&manifest)
                .map_or(0, |h| h.counts.values().sum::<usize>());
            (seq, same, at, records)
        });
        let plan = self.plan_for(m, held);
        if self.not_below.is_none() && matches!(plan, Plan::Store { .. }) {
            self.start_snapshot(m)?;
        }
        self.plan = Some(plan);
        Ok(())
    }

    fn office(&mut self, m: &Manifest, records: Records) -> std::result::Result<Records, Refusal> {
        if self.started && self.storing() {
            let held = &mut self.held_records;
            insert_office(
                self.tx,
                &self.snapshot,
                m,
                &records,
                &mut |kind, id, json| {
                    if let Some(h) = held.as_mut() {
                        h.see(&m.office.code, kind, id, json);
                    }
                },
            )?;
            if m.office.code != self.snapshot {
                self.below
                    .push(format!("{}（第 {} 次导出）", m.office.name, m.sequence));
            }
            for (kind, n) in records.counts() {
                *self.counts.entry(kind).or_default() += n;
            }
            // As of this office's own export day (an office below the one that sent
            // the file exported earlier), as its receiver counted it.
            let on = report::as_of(&m.exported_at);
            for (p, sum) in &mut self.figures {
                snapshot_figures::add(sum, &snapshot_figures::of_office(&records, p, on));
            }
        }
        Ok(Records::default())
    }
}

impl Receiving<'_, '_> {
    fn storing(&self) -> bool {
        self.not_below.is_none() && matches!(self.plan, Some(Plan::Store { .. }))
    }

    fn plan_for(&self, m: &Manifest, held: Option<(i64, bool, String, usize)>) -> Plan {
        let what = self.what;
        let same_file = held.as_ref().is_some_and(|(_, same, _, _)| *same);
        // A newer file with none of the records the held one had: an office that
        // restored the backup of a database not yet filled in, or exported from a new
        // PC before moving its data over. Taken in, it emptied the office unsaid (a
        // green 已接收, 58 units and 45 people gone, its score from 36.83 to 12.5).
        let emptied =
            held.as_ref().map_or(0, |(_, _, _, n)| *n) > 0 && m.counts.values().sum::<usize>() == 0;
        let held_records = held.as_ref().map_or(0, |(_, _, _, n)| *n);
        // A lower number exported later than the file held: an office that moved to
        // another PC or restored an older backup numbers on from that backup's. Its
        // data is new, not old: refused under its own reason, which stays flagged.
        let instant = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
        let later = held.as_ref().is_some_and(|(_, _, at, _)| {
            matches!((instant(&m.exported_at), instant(at)), (Some(new), Some(old)) if new > old)
        });
        // And the other way round: a higher number exported before the file held is
        // the old PC's (or the backup's) numbering after the office's new file was
        // taken in: it put the old data back unsaid (a folder received again did).
        let earlier = held.as_ref().is_some_and(|(_, _, at, _)| {
            matches!((instant(&m.exported_at), instant(at)), (Some(new), Some(old)) if new < old)
        });
        let held_at = held
            .as_ref()
            .map(|(_, _, at, _)| at.clone())
            .unwrap_or_default();
        let held = held.map(|(seq, _, _, _)| seq);
        let refuse = |reason, why| Plan::Refuse(refused(what, reason, why));
        match held {
            Some(h) if h == m.sequence && !same_file && !self.force => refuse(
                "conflict",
                format!(
                    "已经收到过“{}”的第 {} 次导出，但这个文件的内容与之前的不同（对方可能从备份恢复后重新导出过）。请让对方再导出一次新的文件；如确认要用这个文件替换，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ),
            Some(h) if h == m.sequence && same_file => Plan::AlreadyHeld(Receipt {
                outcome: "already_held",
                message: format!("“{}”的第 {} 次导出已经收到过，没有变化。", m.office.name, m.sequence),
                ..self.receipt(m)
            }),
            Some(h) if h > m.sequence && later && !self.force => refuse(
                "renumbered",
                format!(
                    "这是“{}”的第 {} 次导出，比本单位已有的第 {h} 次序号小，但导出日期更晚（对方可能换了电脑或从备份恢复过）。请与对方核实；如确认是新的数据，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ),
            // Its own reason, still chased in 报送情况: a PC whose clock ran ahead and
            // was put right writes genuinely new files dated earlier too.
            Some(h) if h < m.sequence && earlier && !self.force => refuse(
                "dated_earlier",
                format!(
                    "这是“{}”的第 {} 次导出（{}），比本单位已有的第 {h} 次（{}）序号大，但导出日期更早：可能是对方换电脑或从备份恢复之前的旧文件（接收会用旧数据替换较新的数据），也可能是对方电脑的时钟曾经调错。请与对方核实；如确认这个文件的数据是新的，请选择“强制接收”",
                    m.office.name,
                    m.sequence,
                    crate::base::period::china_day(&m.exported_at),
                    crate::base::period::china_day(&held_at),
                ),
            ),
            Some(h) if h < m.sequence && emptied && !self.force => refuse(
                "emptied",
                format!(
                    "这是“{}”的第 {} 次导出，其中没有任何记录，而本单位已有的第 {h} 次有 {held_records} 条记录：接收会用空的台账替换它们（对方可能从备份恢复了还没有录入数据时的数据库，或在新电脑上还没有把数据转过来就导出了）。请与对方核实；如确认对方的台账确实已经清空，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ),
            Some(h) if h > m.sequence && !self.force => refuse(
                "older",
                format!(
                    "这是“{}”较早的第 {} 次导出，本单位已有更新的第 {h} 次。如确需用旧文件替换，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ),
            // The first package from an office: its number may not start far out
            // either, or it would make every genuine later package look older.
            None if m.sequence > MAX_SEQUENCE_JUMP && !self.force => refuse(
                "sequence_jump",
                format!(
                    "这是第一次收到“{}”的文件，但它自称是第 {} 次导出（超过 {MAX_SEQUENCE_JUMP} 次），文件可能被改动过。请与对方核实；如确认无误，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ),
            Some(h) if m.sequence > h.saturating_add(MAX_SEQUENCE_JUMP) && !self.force => refuse(
                "sequence_jump",
                format!(
                    "这是“{}”的第 {} 次导出，但本单位收到的上一次是第 {h} 次，序号跳过了 {MAX_SEQUENCE_JUMP} 次以上，文件可能被改动过。请与对方核实；如确认无误，请选择“强制接收”",
                    m.office.name, m.sequence
                ),
            ),
            _ => Plan::Store {
                held,
                forced: match held {
                    Some(h) => {
                        h >= m.sequence
                            || earlier
                            || m.sequence > h.saturating_add(MAX_SEQUENCE_JUMP)
                    }
                    None => m.sequence > MAX_SEQUENCE_JUMP,
                },
            },
        }
    }

    fn receipt(&self, m: &Manifest) -> Receipt {
        Receipt {
            file_name: self.file_name.to_string(),
            path: self.path.display().to_string(),
            outcome: "accepted",
            reason: None,
            sender_code: Some(m.office.code.clone()),
            sender_name: Some(m.office.name.clone()),
            sequence: Some(m.sequence),
            message: String::new(),
        }
    }

    /// Clears what was held from the sender and writes the new snapshot's row; its
    /// totals follow in `finish`, once every office below is counted.
    fn start_snapshot(&mut self, m: &Manifest) -> Result<()> {
        let tx = self.tx;
        let code = &m.office.code;
        // What the file held before had, kind by kind, to say what changed.
        let before: Option<i64> = tx
            .query_row(
                "SELECT sequence FROM snapshots WHERE code = ?1",
                [code],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(seq) = before {
            let mut stmt = tx.prepare_cached(
                "SELECT kind, records FROM snapshot_kind_counts WHERE snapshot_code = ?1",
            )?;
            let counts = stmt
                .query_map([code], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<BTreeMap<String, i64>>>()?;
            // Each as this version writes it, so that an upgrade in between does
            // not read as every record changed.
            if counts.values().sum::<i64>() <= DIFF_MOST {
                let mut held = HeldRecords::default();
                let mut stmt = tx.prepare_cached(
                    "SELECT office_code, kind, record_id, json FROM snapshot_records WHERE snapshot_code = ?1",
                )?;
                let mut rows = stmt.query([code])?;
                while let Some(r) = rows.next()? {
                    let (office, kind, id): (String, String, String) =
                        (r.get(0)?, r.get(1)?, r.get(2)?);
                    let json: String = r.get(3)?;
                    let mut one = Records::default();
                    let written = match one.push_json(&kind, json.as_bytes()) {
                        Ok(true) => one
                            .rows()
                            .ok()
                            .and_then(|mut v| v.pop())
                            .map(|(_, _, _, j)| j)
                            .unwrap_or(json),
                        _ => json,
                    };
                    held.hashes
                        .insert((office, kind, id), HeldRecords::hash(&written));
                }
                self.held_records = Some(held);
            }
            self.held_counts = Some((seq, counts));
        }
        snapshot_figures::forget(tx, code)?;
        for table in [
            "snapshot_kind_counts",
            "snapshot_records",
            "snapshot_offices",
        ] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE snapshot_code = ?1"),
                [code],
            )?;
        }
        tx.execute("DELETE FROM snapshots WHERE code = ?1", [code])?;
        tx.execute(
            "INSERT INTO snapshots (code, name, level, sequence, exported_at, received_at, file_name, package_sha256, manifest_json, totals_json, package)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '{}', X'')",
            params![
                code,
                m.office.name,
                m.office.level.as_str(),
                m.sequence,
                m.exported_at,
                tx.ctx.stamp(),
                self.file_name,
                self.sha,
                serde_json::to_string(m)?,
            ],
        )?;
        self.snapshot = code.clone();
        self.started = true;
        self.figures = snapshot_figures::kept_periods(tx.ctx.today())
            .into_iter()
            .map(|p| (p, (report::zero(), 0)))
            .collect();
        Ok(())
    }

    /// After the whole package passed: the refusals judged from its manifest, or
    /// the stored snapshot completed (totals, counts, figures) and logged.
    fn finish(&mut self, v: &Verified) -> std::result::Result<Receipt, Refusal> {
        if let Some(r) = self.not_below.take() {
            return Err(r);
        }
        check_not_future(v, self.tx.ctx.now)
            .map_err(|why| refused(self.what, "future_time", why))?;
        let (held, forced) = match self.plan.take() {
            Some(Plan::Store { held, forced }) => (held, forced),
            Some(Plan::AlreadyHeld(receipt)) => return Ok(receipt),
            Some(Plan::Refuse(r)) => return Err(r),
            None => {
                return Err(refused(
                    self.what,
                    "not_package",
                    "文件已损坏，无法读取".into(),
                ))
            }
        };
        let tx = self.tx;
        let m = &v.manifest;
        // The totals, and the file kept byte for byte, written into its row in
        // pieces: bound as one value, or in the row when it is updated, SQLite builds
        // the whole row in memory twice more (a 270 MB package peaked at 842 MB).
        tx.execute(
            "UPDATE snapshots SET totals_json = ?1, package = zeroblob(?2) WHERE code = ?3",
            params![
                serde_json::to_string(&v.all_totals()).map_err(Error::from)?,
                self.len as i64,
                m.office.code
            ],
        )
        .map_err(Error::from)?;
        let rowid: i64 = tx
            .query_row(
                "SELECT rowid FROM snapshots WHERE code = ?1",
                [&m.office.code],
                |r| r.get(0),
            )
            .map_err(Error::from)?;
        let mut blob = tx
            .blob_open(rusqlite::MAIN_DB, "snapshots", "package", rowid, false)
            .map_err(Error::from)?;
        // From the file in 1 MB pieces. The bytes kept are the bytes whose checksum
        // was taken and that were judged: the file's length and time are still as
        // when it was opened. (The checksum goes in with the row: updating the row
        // once the package is in it would rewrite the whole row in memory.)
        let mut src = self.file;
        src.seek(SeekFrom::Start(0))
            .map_err(|e| Error::io(self.path, e))?;
        let mut src = src.take(self.len);
        let mut piece = vec![0u8; 1 << 20];
        let mut copied = 0u64;
        loop {
            let n = src.read(&mut piece).map_err(|e| Error::io(self.path, e))?;
            if n == 0 {
                break;
            }
            copied += n as u64;
            blob.write_all(&piece[..n])
                .map_err(|e| Error::Internal(format!("保存交换文件失败：{e}")))?;
        }
        drop(blob);
        let now = self.file.metadata().ok();
        if copied != self.len
            || now.as_ref().map(|m| m.len()) != Some(self.len)
            || now.and_then(|m| m.modified().ok()) != self.modified
        {
            return Err(refused(
                self.what,
                "damaged",
                "文件在接收过程中被改动了。请等文件复制完成后重新接收".into(),
            ));
        }
        let mut count = tx
            .prepare_cached(
                "INSERT INTO snapshot_kind_counts (snapshot_code, kind, records) VALUES (?1, ?2, ?3)",
            )
            .map_err(Error::from)?;
        for (kind, n) in self.counts.iter().filter(|(_, n)| **n > 0) {
            count
                .execute(params![m.office.code, kind, *n as i64])
                .map_err(Error::from)?;
        }
        // The figures 首页 asks first, counted as the records went by.
        for (p, sum) in &self.figures {
            snapshot_figures::keep(tx, &m.office.code, p, sum)?;
        }
        // A county's file carries its townships': named, and counted with them (its
        // own counts alone read as an empty file at the city).
        // A sender that has not upgraded: the kinds its version cannot carry are said
        // as such, not counted as 0 (probe Q: a 2.9 file listed 已撤销的单位 0 and
        // read as 正常).
        let format = (m.format_version, m.format_minor);
        let carried = required_kinds(m.format_version, m.format_minor);
        let lacks: Vec<&str> = KINDS
            .iter()
            .copied()
            .filter(|k| !carried.contains(k) && self.counts.get(*k).copied().unwrap_or(0) == 0)
            .collect();
        let older = if format < (FORMAT_VERSION, FORMAT_MINOR) {
            format!(
                "“{}”用的软件版本较旧：它导出的交换文件是 {}.{} 格式，本软件导出的是 {FORMAT_VERSION}.{FORMAT_MINOR} 格式。{}以前的期间按它当时的算法计数。请提醒对方升级到最新版本。",
                m.office.name,
                m.format_version,
                m.format_minor,
                if lacks.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}是它的版本还没有的台账，统计中与这些台账有关的数不含它。",
                        lacks.iter().map(|k| kind_label(k)).collect::<Vec<_>>().join("、")
                    )
                }
            )
        } else {
            String::new()
        };
        let counts = KINDS
            .iter()
            .filter(|k| !lacks.contains(k))
            .map(|k| format!("{} {}", kind_label(k), self.counts.get(*k).unwrap_or(&0)))
            .collect::<Vec<_>>()
            .join("，");
        let below = match self.below.len() {
            0 => String::new(),
            n => format!("，含下级单位 {n} 个：{}", self.below.join("、")),
        };
        // Against the file held before: what came and what went (a township's
        // deleted demand dropped 诉求 7 to 6 unsaid).
        let changed = self
            .held_counts
            .as_ref()
            .map(|(seq, before)| {
                let moved: Vec<String> = KINDS
                    .iter()
                    .filter_map(|k| {
                        let now = *self.counts.get(*k).unwrap_or(&0) as i64;
                        let was = *before.get(*k).unwrap_or(&0);
                        (now != was).then(|| format!("{} {was} → {now}", kind_label(k)))
                    })
                    .collect();
                // Record by record where the held file was compared: a demand
                // finished or a phone changed moves no count (人员 82 → 84 said
                // nothing of 2 demands 已办结).
                let records = self.held_records.as_ref().map(HeldRecords::said);
                match records {
                    Some(r) if r.is_empty() => format!("；与第 {seq} 次相比没有记录变化"),
                    Some(r) => format!("；与第 {seq} 次相比：{}", r.join("；")),
                    None if moved.is_empty() => {
                        format!("；与第 {seq} 次相比各类记录数没有变化")
                    }
                    None => format!("；与第 {seq} 次相比：{}", moved.join("，")),
                }
            })
            .unwrap_or_default();
        // An office off a kept 应报名单 is counted all the same: said at once (only a
        // small tag in 统计 told it was in the 合计 and ranked in 考核).
        let expected = crate::exchange::senders::list_expected(tx)?;
        let unlisted = if !expected.is_empty() && !expected.iter().any(|e| e.code == m.office.code)
        {
            format!(
                "注意：“{0}”不在本单位的应报名单中，它的数据已计入合计和考核排名。如果它应当向本单位报送，请在“报送情况”里把它加入应报名单；如果不应当，请与对方核实是否发错了单位。",
                m.office.name
            )
        } else {
            String::new()
        };
        // What needs a look first (an office off the list, what changed), the
        // counts of every kind last: both came after a long list of counts, unread.
        let since = changed.trim_start_matches('；');
        let message = format!(
            "已接收“{}”的第 {} 次导出{}。{older}{unlisted}{since}{}各类记录数：{counts}{below}。",
            m.office.name,
            m.sequence,
            if forced {
                "，按要求替换了较新的文件"
            } else {
                ""
            },
            if since.is_empty() { "" } else { "。" },
        );
        let receipt = Receipt {
            message,
            ..self.receipt(m)
        };
        let op = if forced { "receive_forced" } else { "receive" };
        tx.log_change(
            "snapshots",
            &m.office.code,
            op,
            None,
            // With what changed, as the receipt says it (变更记录 showed the file's
            // name and checksum only).
            Some(&serde_json::json!({
                "file": self.file_name, "sequence": m.sequence, "previousSequence": held, "sha256": self.sha,
                "changes": (!changed.is_empty()).then(|| changed.trim_start_matches('；').to_string()),
                "notes": (!unlisted.is_empty()).then(|| vec![unlisted.clone()]),
            })),
        )?;
        insert_receipt_log(tx, &receipt)?;
        Ok(receipt)
    }
}

/// `Err(why)` if the package, or one it carries, claims to have been exported more
/// than a day after `now` (the receiving office's clock).
fn check_not_future(v: &Verified, now: DateTime<Utc>) -> std::result::Result<(), String> {
    let at = DateTime::parse_from_rfc3339(&v.manifest.exported_at)
        .map_err(|_| format!("导出时间“{}”不是有效的时间", v.manifest.exported_at))?;
    if at.with_timezone(&Utc) > now + chrono::Duration::days(1) {
        return Err(format!(
            "“{}”的导出时间 {} 晚于本机时间 {} 一天以上。请核对对方电脑和本机的日期",
            v.manifest.office.name,
            v.manifest.exported_at,
            crate::store::stamp(now)
        ));
    }
    v.below
        .iter()
        .try_for_each(|inner| check_not_future(inner, now))
}

/// One office's row in the snapshot `snapshot` and its records, each shown to
/// `seen` (kind, id, JSON) as it is written.
fn insert_office(
    tx: &Tx,
    snapshot: &str,
    m: &Manifest,
    records: &Records,
    seen: &mut dyn FnMut(&'static str, &str, &str),
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO snapshot_offices (snapshot_code, office_code, name, level, sequence, exported_at, format)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        snapshot,
        m.office.code,
        m.office.name,
        m.office.level.as_str(),
        m.sequence,
        m.exported_at,
        format!("{}.{}", m.format_version, m.format_minor)
    ])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO snapshot_records (snapshot_code, office_code, kind, record_id, json) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (kind, id, _, json) in records.rows()? {
        stmt.execute(params![snapshot, m.office.code, kind, id, json])?;
        seen(kind, id, &json);
    }
    Ok(())
}

/// The files `paths` name: a file as given, a folder as its `.zip` files by name.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    Ok(expand(paths)?.into_iter().map(|(p, _)| p).collect())
}

/// Whether a file's name says it is a package (`*.zip`, any case).
fn zip_named(f: &Path) -> bool {
    f.extension()
        .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case("zip"))
}

/// Whether a file not named `*.zip` is a package all the same, by what it holds: a
/// name without an ending (汤山上报) or a browser's download name (秣陵 (1).zip.download),
/// starting as a zip file does. A spreadsheet or a document (.xlsx, .docx: zip files
/// too) is not; a FIFO or a device is not opened.
fn zip_inside(f: &Path) -> bool {
    use std::io::Read;
    let ending = f
        .extension()
        .map(|x| x.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(
        ending.as_str(),
        "" | "download" | "crdownload" | "part" | "tmp"
    ) {
        return false;
    }
    let regular = std::fs::metadata(f).is_ok_and(|m| m.is_file());
    let mut head = [0u8; 4];
    regular
        && std::fs::File::open(f)
            .and_then(|mut file| file.read_exact(&mut head))
            .is_ok()
        && head == *b"PK\x03\x04"
}

/// [`expand_paths`], each file with the folder chosen (`None` for a file chosen by
/// itself). Every entry of a folder that is not itself a folder is kept, whatever
/// it is (a FIFO, a device, a link going nowhere, a package a browser renamed, a
/// note beside the packages): the receipt then receives or refuses it with a
/// reason, rather than skipping it unseen (a township whose file lost its .zip
/// looked as if it had never sent). The folders in it are read too, one level
/// down (a county files each township's packages in a folder of its own: they
/// were skipped unsaid, or the folder called empty); a folder below those is said
/// as not opened.
fn expand(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Option<PathBuf>)>> {
    let entries = |dir: &Path| -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for e in std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok())
        {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(e.path());
            } else {
                files.push(e.path());
            }
        }
        files.sort();
        dirs.sort();
        Ok((files, dirs))
    };
    let mut files = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push((p.clone(), None));
            continue;
        }
        let (mut found, dirs) = entries(p)?;
        for dir in dirs {
            // A drive's own folders ($RECYCLE.BIN, System Volume Information) and
            // hidden ones hold no package; one that cannot be read is said, not a
            // reason to receive nothing.
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with(['.', '$']) || name == "System Volume Information" {
                continue;
            }
            match entries(&dir) {
                Ok((inner, deeper)) => {
                    found.extend(inner);
                    found.extend(deeper);
                }
                Err(_) => found.push(dir),
            }
        }
        if !found.iter().any(|f| zip_named(f) || zip_inside(f)) {
            return Err(Error::validation(
                "paths",
                format!(
                    "文件夹“{}”中没有 .zip 交换文件。请选择存放交换文件的文件夹。",
                    p.display()
                ),
            ));
        }
        files.extend(found.into_iter().map(|f| (f, Some(p.clone()))));
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
    let files = expand(paths)?;
    let total = files.len();
    let mut out = Vec::with_capacity(total);
    for (i, (p, folder)) in files.iter().enumerate() {
        progress(i, total, &file_name_of(p));
        // A folder two levels down is said, not opened.
        if folder.is_some() && p.is_dir() {
            out.push(Receipt {
                file_name: file_name_of(p),
                path: p.display().to_string(),
                outcome: "skipped",
                reason: Some("not_a_file"),
                sender_code: None,
                sender_name: None,
                sequence: None,
                message: if std::fs::read_dir(p).is_err() {
                    "是文件夹，但无法打开（可能没有权限），其中的文件没有接收。".into()
                } else {
                    "是文件夹，没有打开（只接收所选文件夹和它下一层文件夹里的文件）。如其中有交换文件，请选择这个文件夹再接收。".into()
                },
            });
            continue;
        }
        // A folder's other files (a note, a spreadsheet) are said, not received
        // nor logged: they are no office's refused package.
        if folder.is_some() && !zip_named(p) && !zip_inside(p) {
            out.push(Receipt {
                file_name: file_name_of(p),
                path: p.display().to_string(),
                outcome: "skipped",
                reason: Some("not_package"),
                sender_code: None,
                sender_name: None,
                sequence: None,
                message: "不是 .zip 文件，没有接收（不记入接收记录）。如它是改了名的交换文件，请单独选择它再接收。".into(),
            });
            continue;
        }
        out.push(
            receive_one(store, ctx, p, folder.as_deref(), force)
                .unwrap_or_else(|r| refusal_receipt(p, &r)),
        );
    }
    progress(total, total, "");
    Ok(out)
}

/// Every evidence file the records refer to, once per content: the files of the
/// kinds declared `Evidence::travelling`, and branch photos (the kinds test,
/// `files_go_up_with_the_exchange_file…`, holds the two lists together).
pub fn referenced(records: &Records) -> Vec<&crate::store::attachments::AttachmentRef> {
    let mut seen = std::collections::BTreeSet::new();
    records
        .projects
        .iter()
        .flat_map(|p| p.attachments.iter())
        .chain(
            records
                .party_branches
                .iter()
                .filter_map(|b| b.photo.as_ref()),
        )
        .chain(
            records
                .mechanisms
                .iter()
                .flat_map(|e| e.entry.attachments.iter()),
        )
        .chain(
            records
                .plaques
                .iter()
                .flat_map(|e| e.entry.attachments.iter()),
        )
        .chain(
            records
                .certificates
                .iter()
                .flat_map(|e| e.entry.attachments.iter()),
        )
        .chain(
            records
                .secondments
                .iter()
                .flat_map(|e| e.entry.attachments.iter()),
        )
        .filter(|a| seen.insert(a.hash.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_reads_and_seeks_as_a_file_of_its_own() {
        let mut file = Cursor::new(b"outer[inner bytes]after".to_vec());
        let mut s = Slice {
            inner: &mut file,
            start: 6,
            len: 11,
            pos: 0,
        };
        let mut all = String::new();
        s.read_to_string(&mut all).unwrap();
        assert_eq!(all, "inner bytes");
        assert_eq!(s.seek(SeekFrom::End(-5)).unwrap(), 6);
        let mut tail = Vec::new();
        s.read_to_end(&mut tail).unwrap();
        assert_eq!(tail, b"bytes", "nothing past its end");
        assert_eq!(s.seek(SeekFrom::Current(-11)).unwrap(), 0);
        assert!(
            s.seek(SeekFrom::Current(-1)).is_err(),
            "not before its start"
        );
        assert_eq!(s.seek(SeekFrom::Start(40)).unwrap(), 40);
        assert_eq!(
            s.read(&mut [0u8; 4]).unwrap(),
            0,
            "past its end reads nothing"
        );
        // Another read of the file in between does not move it.
        s.inner.seek(SeekFrom::Start(0)).unwrap();
        s.seek(SeekFrom::Start(0)).unwrap();
        let mut head = [0u8; 5];
        s.read_exact(&mut head).unwrap();
        assert_eq!(&head, b"inner");
    }
}
