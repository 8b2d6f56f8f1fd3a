//! Who has sent (报送情况): the offices a county or city expects packages from
//! (应报单位), the receipt log (接收记录) and the late-days setting, joined with the
//! snapshots held into one list with flags.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::exchange::package::{self, Sender};
use crate::sheets::kind::Wizard;
use crate::store::office::{self, Level};
use crate::store::recycle::{self, Entry};
use crate::store::Tx;

/// The Chinese name of the kind.
pub const LABEL: &str = "应报单位";
pub const TABLE: &str = "expected_offices";
/// Days after which an office's latest package counts as late, unless set.
pub const DEFAULT_LATE_DAYS: i64 = 31;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpectedOffice {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
}

/// The level of the offices this one receives from, if any.
pub fn level_below(conn: &Connection) -> Result<Option<Level>> {
    Ok(package::level_below(office::require(conn)?.level))
}

/// Checks that `code`/`name` name an office directly below this one.
fn validate(conn: &Connection, code: &str, name: &str) -> Result<(String, String)> {
    let me = office::require(conn)?;
    let Some(below) = package::level_below(me.level) else {
        return Err(Error::Refused(
            "乡镇/街道没有下级单位，不需要应报名单。".into(),
        ));
    };
    let code = office::validate_division_code(below, code)?;
    let name = office::validate_name("name", "单位名称", name, 40)?;
    let receiver = Sender {
        level: me.level,
        code: me.code.clone(),
        name: me.name.clone(),
    };
    let sender = Sender {
        level: below,
        code: code.clone(),
        name: name.clone(),
    };
    package::check_directly_below(&receiver, &sender)
        .map_err(|why| Error::validation("code", format!("这个区划代码{why}。")))?;
    Ok((code, name))
}

pub fn get(conn: &Connection, code: &str) -> Result<Option<ExpectedOffice>> {
    Ok(conn
        .query_row(
            "SELECT code, name, created_at, updated_at FROM expected_offices WHERE code = ?1",
            [code],
            row,
        )
        .optional()?)
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<ExpectedOffice> {
    Ok(ExpectedOffice {
        code: r.get(0)?,
        name: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
    })
}

pub fn list_expected(conn: &Connection) -> Result<Vec<ExpectedOffice>> {
    let mut stmt = conn
        .prepare("SELECT code, name, created_at, updated_at FROM expected_offices ORDER BY code")?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Adds an expected office, or renames one already listed.
pub fn set_expected(tx: &Tx, code: &str, name: &str) -> Result<ExpectedOffice> {
    let (code, name) = validate(tx, code, name)?;
    let before = get(tx, &code)?;
    if let Some(same) = before.as_ref().filter(|b| b.name == name) {
        return Ok(same.clone());
    }
    write_row(
        tx,
        &ExpectedOffice {
            created_at: before
                .as_ref()
                .map(|b| b.created_at.clone())
                .unwrap_or_else(|| tx.ctx.stamp()),
            updated_at: tx.ctx.stamp(),
            code: code.clone(),
            name,
        },
    )?;
    let after = get(tx, &code)?;
    let op = if before.is_some() { "update" } else { "create" };
    tx.log_change(TABLE, &code, op, before.as_ref(), after.as_ref())?;
    after.ok_or_else(|| Error::Internal("应报单位保存后没有找到".into()))
}

fn write_row(tx: &Tx, o: &ExpectedOffice) -> Result<()> {
    tx.execute(
        "INSERT INTO expected_offices (code, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
        params![o.code, o.name, o.created_at, o.updated_at],
    )?;
    Ok(())
}

/// Puts every office that has sent (a snapshot is held) and is not on the expected
/// list yet onto it, under the name its latest package gave; one change-log row each.
/// The one-click way to start the list (把已报送的单位设为应报名单). Returns the
/// offices added, by code.
pub fn expect_received(tx: &Tx) -> Result<Vec<ExpectedOffice>> {
    if level_below(tx)?.is_none() {
        return Err(Error::Refused(
            "乡镇/街道没有下级单位，不需要应报名单。".into(),
        ));
    }
    let held: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT s.code, s.name FROM snapshots s
             WHERE NOT EXISTS (SELECT 1 FROM expected_offices e WHERE e.code = s.code)
             ORDER BY s.code",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    held.iter()
        .map(|(code, name)| set_expected(tx, code, name))
        .collect()
}

/// Every office that reports to this one, as (code, name): the 应报单位, then the
/// senders of the files held that the list does not have (under the name their
/// latest file gave). Empty for a township.
pub fn offices_below(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = list_expected(conn)?
        .into_iter()
        .map(|o| (o.code, o.name))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT s.code, s.name FROM snapshots s
         WHERE NOT EXISTS (SELECT 1 FROM expected_offices e WHERE e.code = s.code)
         ORDER BY s.code",
    )?;
    for r in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
        out.push(r?);
    }
    Ok(out)
}

// ---------- proposing the list, and setting it in one go ----------

/// An office the expected list could hold, proposed from what has come in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub code: String,
    pub name: String,
    /// Where it comes from: 已报送 (a package is held) or 文件被拒收 (a refused file
    /// named it as its sender).
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposals {
    /// The digits every office directly below shares (a county's 6): the list's UI
    /// completes a short code (the 3 digits of a township) with them.
    pub prefix: String,
    pub level_below: Option<Level>,
    /// The offices below this one that have shown up and are not on the list, by code.
    pub rows: Vec<Proposal>,
}

/// The townships (or counties) under this office's division code that the expected
/// list does not hold yet, proposed from the files received (held packages, and
/// refused files whose sender is directly below), so the list is confirmed rather
/// than typed office by office. An office with a wrong code is not proposed.
pub fn proposals(conn: &Connection) -> Result<Proposals> {
    let me = office::require(conn)?;
    let level_below = package::level_below(me.level);
    let prefix = me
        .code
        .get(..me.level.significant_digits())
        .unwrap_or(&me.code)
        .to_string();
    let mut rows: Vec<Proposal> = Vec::new();
    if level_below.is_none() {
        return Ok(Proposals {
            prefix,
            level_below,
            rows,
        });
    }
    let listed: std::collections::BTreeSet<String> =
        list_expected(conn)?.into_iter().map(|o| o.code).collect();
    let mut seen: Vec<(String, String, &'static str)> = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT code, name FROM snapshots ORDER BY code")?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (code, name) = r?;
            seen.push((code, name, "已报送"));
        }
        // The newest name a refused file gave, per sender.
        let mut stmt = conn.prepare(
            "SELECT l.sender_code, l.sender_name FROM receipt_log l
             WHERE l.sender_code IS NOT NULL AND l.sender_name IS NOT NULL
               AND l.seq = (SELECT MAX(seq) FROM receipt_log WHERE sender_code = l.sender_code)
             ORDER BY l.sender_code",
        )?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (code, name) = r?;
            seen.push((code, name, "文件被拒收"));
        }
    }
    for (code, name, source) in seen {
        if listed.contains(&code) || rows.iter().any(|p| p.code == code) {
            continue;
        }
        if validate(conn, &code, &name).is_err() {
            continue;
        }
        rows.push(Proposal { code, name, source });
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(Proposals {
        prefix,
        level_below,
        rows,
    })
}

/// One office of a list set in one go.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpectedInput {
    pub code: String,
    pub name: String,
}

/// Puts several offices on the expected list at once (the proposed list as the clerk
/// edited it): each checked as one added by hand, all or none. Every problem is
/// named by its line (第 n 行) in one message, field `offices`. Returns the offices
/// added or renamed (an office already listed under the same name is left alone).
pub fn set_expected_many(tx: &Tx, offices: &[ExpectedInput]) -> Result<Vec<ExpectedOffice>> {
    if offices.is_empty() {
        return Err(Error::validation(
            "offices",
            "名单是空的：每行填一个单位的区划代码和名称。".to_string(),
        ));
    }
    let mut checked: Vec<(String, String)> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for (i, o) in offices.iter().enumerate() {
        match validate(tx, &o.code, &o.name) {
            Ok((code, name)) => {
                if let Some(j) = checked.iter().position(|(c, _)| *c == code) {
                    problems.push(format!(
                        "第 {} 行：区划代码 {code} 与第 {} 行重复。",
                        i + 1,
                        j + 1
                    ));
                }
                checked.push((code, name));
            }
            Err(e) => {
                problems.push(format!("第 {} 行：{e}", i + 1));
                checked.push((String::new(), String::new()));
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::validation("offices", problems.join("\n")));
    }
    let mut changed = Vec::new();
    for (code, name) in &checked {
        let before = get(tx, code)?;
        let after = set_expected(tx, code, name)?;
        if before.as_ref() != Some(&after) {
            changed.push(after);
        }
    }
    Ok(changed)
}

// ---------- 未报单位 (for 催报) ----------

/// The flags that put an expected office on the 催报 list: it never sent, its
/// latest file is late, or that file lacks or carries late files of the offices
/// below it (probe AK: a county's file without 汤山街道 was not on the list).
/// An older version (its own or a township's inside) is chased too: to upgrade
/// (probe AL: counted in the summary, left off the list).
const CHASED_FLAGS: &[&str] = &[
    "never_sent",
    "late",
    "below_missing",
    "below_late",
    "old_version",
    "below_old_version",
];

/// The flags of a file received whose figures are not whole or not current: what
/// a ranking says beside the office (`scores::table`), [`CHASED_FLAGS`] but for an
/// office that never sent.
pub const INCOMPLETE_FLAGS: &[&str] = CHASED_FLAGS.split_at(1).1;

/// The expected offices to chase (催报): [`CHASED_FLAGS`]; in list order (by code).
pub fn unsent(conn: &Connection, today: NaiveDate) -> Result<Vec<SenderStatus>> {
    Ok(who_has_sent(conn, today)?
        .rows
        .into_iter()
        .filter(|r| r.chase.is_some())
        .collect())
}

/// What an office to chase is missing, in words: 从未报送, 逾期（最近一次导出于 40 天前）,
/// 下级未报齐 or 下级逾期 with who, with a refusal after it.
fn unsent_state(r: &SenderStatus) -> String {
    let mut said: Vec<String> = Vec::new();
    if !r.sent {
        said.push("从未报送".to_string());
    } else if r.flags.contains(&"late") {
        said.push(format!(
            "逾期（最近一次导出于 {} 天前）",
            r.days_since_export.unwrap_or_default()
        ));
    }
    if let Some(b) = r.below.as_ref().filter(|b| !b.missing.is_empty()) {
        said.push(format!("下级未报齐：{}", b.said.trim_end_matches('。')));
    }
    if r.flags.contains(&"old_version") {
        said.push(format!(
            "软件版本较旧（{} 格式），请升级到最新版本后重新导出",
            r.format.as_deref().unwrap_or("")
        ));
    }
    said.extend(
        r.below_notes
            .iter()
            .map(|n| n.split('。').next().unwrap_or(n).to_string()),
    );
    let mut out = said.join("；");
    if let Some(refusal) = &r.last_refusal {
        out.push_str("；最近一次文件被拒收：");
        out.push_str(&refusal_for_sender(refusal));
    }
    out
}

/// A refusal as the office that sent the file reads it in 未报单位名单: the messages
/// about a package's number speak to the receiver (请选择“强制接收”), so the sender
/// is told what happened and what to do itself; the others (a damaged file, a
/// future date, not directly below) already say what is wrong with the file.
fn refusal_for_sender(refusal: &LastRefusal) -> String {
    let again = "请再导出一次最新的文件报送";
    match refusal.reason.as_deref() {
        Some("conflict") => {
            format!("与上级已收到的同一次导出内容不同（可能从备份恢复后重新导出过），{again}。")
        }
        Some("renumbered") => format!(
            "导出序号比上级已收到的小（可能换了电脑或从备份恢复过），请与上级核实后{}。",
            again.trim_start_matches('请')
        ),
        Some("older") => format!("是较早的一次导出，上级已有更新的文件，{again}。"),
        Some("dated_earlier") => format!(
            "导出日期比上级已收到的文件早（电脑时钟可能调错过，或是换电脑之前的旧文件），请与上级核实后{}。",
            again.trim_start_matches('请')
        ),
        Some("emptied") => format!(
            "导出的文件里没有任何记录，上级已收到的文件有记录（可能从备份恢复了空的数据库，或在新电脑上还没有转入数据），请与上级核实后{}。",
            again.trim_start_matches('请')
        ),
        Some("sequence_jump") => format!(
            "导出序号与上级收到的上一次相差太多，上级无法确认文件未被改动，请与上级核实后{}。",
            again.trim_start_matches('请')
        ),
        _ => refusal.message.clone(),
    }
}

static UNSENT_COLUMNS: &[crate::sheets::import::Column] = &[
    crate::sheets::import::col("code", "区划代码", &[], true, true, "", 16.0),
    crate::sheets::import::col("name", "单位名称", &[], true, false, "", 18.0),
    crate::sheets::import::col("state", "报送情况", &[], false, false, "", 40.0),
    crate::sheets::import::col(
        "exportedAt",
        "最近一次导出日期",
        &[],
        false,
        false,
        "",
        16.0,
    ),
    crate::sheets::import::col("contact", "催报情况", &[], false, false, "", 24.0),
];

/// Writes the 未报单位名单 to `path` (.xlsx), titled as every export is
/// ("<office>未报单位名单", 填报单位, 填报日期, 序号), with an empty 催报情况 column
/// to fill by hand. Returns the number of offices (none at a township, which has
/// no expected list).
pub fn export_unsent(conn: &Connection, path: &std::path::Path, today: NaiveDate) -> Result<usize> {
    crate::base::outfile::check_target(path, &["xlsx"], &[])?;
    let rows: Vec<Vec<String>> = unsent(conn, today)?
        .iter()
        .map(|r| {
            vec![
                r.code.clone(),
                r.name.clone(),
                r.chase.clone().unwrap_or_default(),
                r.exported_at
                    .as_deref()
                    .map(crate::base::period::china_day)
                    .unwrap_or_default(),
                String::new(),
            ]
        })
        .collect();
    let title = crate::sheets::Title::of_list(conn, "未报单位名单", today)?;
    crate::sheets::write_list(path, ("未报单位名单", UNSENT_COLUMNS, rows), title)
}

static STATUS_COLUMNS: &[crate::sheets::import::Column] = &[
    crate::sheets::import::col("code", "区划代码", &[], false, true, "", 16.0),
    crate::sheets::import::col("name", "单位名称", &[], false, true, "", 18.0),
    crate::sheets::import::col("sent", "是否已报", &[], false, true, "", 8.0),
    crate::sheets::import::col("sequence", "第几次导出", &[], false, false, "", 8.0),
    crate::sheets::import::col("exportedAt", "导出日期", &[], false, false, "", 12.0),
    crate::sheets::import::col("receivedAt", "接收日期", &[], false, false, "", 12.0),
    crate::sheets::import::col("records", "记录数", &[], false, false, "", 8.0),
    crate::sheets::import::col("flags", "提示", &[], false, true, "", 24.0),
    crate::sheets::import::col("state", "情况", &[], false, true, "", 40.0),
];

/// 报送情况 as a titled .xlsx: every office expected or heard from, in the screen's
/// order, with whether it has sent, its latest file's 第几次导出 and days, how many
/// records it holds, its flags by name and what the screen says of it (only the 未报
/// could be exported: probe AO). → rows written.
pub fn export_status(conn: &Connection, path: &std::path::Path, today: NaiveDate) -> Result<usize> {
    crate::base::outfile::check_target(path, &["xlsx"], &[])?;
    let day = |t: &Option<String>| {
        t.as_deref()
            .map(crate::base::period::china_day)
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = who_has_sent(conn, today)?
        .rows
        .iter()
        .map(|r| {
            vec![
                r.code.clone(),
                r.name.clone(),
                if r.sent { "是" } else { "否" }.to_string(),
                r.sequence.map(|n| n.to_string()).unwrap_or_default(),
                day(&r.exported_at),
                day(&r.received_at),
                r.counts
                    .as_ref()
                    .map(|c| c.values().sum::<usize>().to_string())
                    .unwrap_or_default(),
                r.flags
                    .iter()
                    .map(|f| crate::base::label_in(FLAGS, f))
                    .collect::<Vec<_>>()
                    .join("、"),
                r.chase
                    .clone()
                    .or_else(|| r.below.as_ref().map(|b| b.said.clone()))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let n = rows.len();
    let title = crate::sheets::Title::of_list(conn, "报送情况", today)?;
    crate::sheets::write_list(path, ("报送情况", STATUS_COLUMNS, rows), title)?;
    Ok(n)
}

/// Takes an office off the expected list, into the recycle bin. What it sent stays.
pub fn remove_expected(tx: &Tx, code: &str) -> Result<Entry> {
    let o = get(tx, code)?.ok_or_else(|| {
        Error::NotFound(format!(
            "应报名单中没有区划代码为 {code} 的单位。请刷新后再试。"
        ))
    })?;
    tx.execute("DELETE FROM expected_offices WHERE code = ?1", [code])?;
    recycle::discard(
        tx,
        TABLE,
        LABEL,
        code,
        &format!("应报单位 {}（{}）", o.name, o.code),
        &o,
    )
}

/// Puts a removed expected office back (from the recycle bin).
pub fn restore(tx: &Tx, payload: &serde_json::Value) -> Result<()> {
    let o: ExpectedOffice = serde_json::from_value(payload.clone())?;
    if get(tx, &o.code)?.is_some() {
        return Err(Error::Refused(format!(
            "应报名单中已经有“{}”（{}），不需要恢复。",
            o.name, o.code
        )));
    }
    write_row(tx, &o)?;
    tx.log_change(TABLE, &o.code, "restore", None, Some(&o))
}

// ---------- settings ----------

pub fn late_days(conn: &Connection) -> Result<i64> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'late_days'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_LATE_DAYS))
}

pub fn set_late_days(tx: &Tx, days: i64) -> Result<i64> {
    if !(1..=366).contains(&days) {
        return Err(Error::validation(
            "lateDays",
            "逾期天数应在 1 到 366 之间。".to_string(),
        ));
    }
    let before = late_days(tx)?;
    if before == days {
        return Ok(days);
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('late_days', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [days.to_string()],
    )?;
    tx.log_change(
        "settings",
        "late_days",
        "update",
        Some(&before),
        Some(&days),
    )?;
    Ok(days)
}

// ---------- receipt log ----------

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptLogRow {
    pub seq: i64,
    pub at: String,
    pub file_name: String,
    pub outcome: String,
    pub reason: Option<String>,
    pub sender_code: Option<String>,
    pub sender_name: Option<String>,
    pub sequence: Option<i64>,
    pub message: String,
}

/// Newest first.
pub fn receipt_log(conn: &Connection, limit: u32, offset: u32) -> Result<Vec<ReceiptLogRow>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, file_name, outcome, reason, sender_code, sender_name, sequence, message
         FROM receipt_log ORDER BY seq DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt
        .query_map(params![limit, offset], |r| {
            Ok(ReceiptLogRow {
                seq: r.get(0)?,
                at: r.get(1)?,
                file_name: r.get(2)?,
                outcome: r.get(3)?,
                reason: r.get(4)?,
                sender_code: r.get(5)?,
                sender_name: r.get(6)?,
                sequence: r.get(7)?,
                message: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ---------- who has sent ----------

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastRefusal {
    pub at: String,
    pub reason: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SenderStatus {
    pub code: String,
    pub name: String,
    pub expected: bool,
    pub sent: bool,
    pub sequence: Option<i64>,
    pub exported_at: Option<String>,
    pub received_at: Option<String>,
    pub file_name: Option<String>,
    pub days_since_export: Option<i64>,
    /// Records per kind in the whole package (offices below it included).
    pub counts: Option<BTreeMap<String, usize>>,
    /// Keys of [`FLAGS`].
    pub flags: Vec<&'static str>,
    pub last_refusal: Option<LastRefusal>,
    /// For a county's package at a city: the county's 应报单位 against the townships
    /// its package carries (from format 2.8; `None` before, or when the county has
    /// no list).
    pub below: Option<BelowSent>,
    /// The exchange-file format of the file held (2.9): an older one than this
    /// version writes is flagged `old_version` (its sender has not upgraded).
    pub format: Option<String>,
    /// For a county's file: what its offices below say of their own files, one
    /// sentence each (下级逾期：…, 下级软件版本较旧：…), flagged `below_late` and
    /// `below_old_version` (probe AK: a township file 70 days old, or of format 1.0,
    /// inside a fresh county file read 正常 at the city).
    pub below_notes: Vec<String>,
    /// For a county's file: the offices it carries, each with its own export time
    /// and format, for the row's 详情 (probe AK: a city could not see its townships'
    /// dates).
    pub inside: Vec<Inside>,
    /// For an expected office to chase (催报), what it is missing as 未报单位名单
    /// says it ([`unsent_state`]); the window lists this text, not a copy of its rules.
    pub chase: Option<String>,
}

/// What an office's latest package says of the offices below it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BelowSent {
    /// How many offices it expects (its 应报单位).
    pub expected: usize,
    /// How many of those its package carries a file of.
    pub sent: usize,
    /// The expected ones it carries no file of, by code.
    pub missing: Vec<package::ExpectedBelow>,
    /// What the window and the CLI say of it: 应报下级 2 个，文件里有 1 个；未报：秣陵街道（320115102000）。
    pub said: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Senders {
    pub late_days: i64,
    pub level_below: Option<Level>,
    /// Whether any office is on the expected list; without one, no sender is flagged
    /// `unexpected` and the screen offers `expect_received`.
    pub has_expected_list: bool,
    pub rows: Vec<SenderStatus>,
    /// [`FLAGS`]: what the window calls each flag (`base::label_in` for the CLI).
    pub flag_labels: &'static [(&'static str, &'static str)],
}

/// Every flag a row of 报送情况 may carry, with its Chinese name: the window (through
/// [`Senders::flag_labels`]) and the CLI say them from here.
pub const FLAGS: &[(&str, &str)] = &[
    ("never_sent", "从未报送"),
    ("refused_last", "最近一次被拒收"),
    ("totals_mismatch", "汇总数与记录不符"),
    ("late", "逾期"),
    ("empty", "报送的文件没有记录"),
    ("unexpected", "不在应报名单"),
    ("below_missing", "下级未报齐"),
    ("below_late", "下级有逾期"),
    ("old_version", "软件版本较旧"),
    ("below_old_version", "下级软件版本较旧"),
];

/// One office inside a held file (a county's township at a city): its code, name,
/// export time and format (`None` when received before the format was kept).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inside {
    pub code: String,
    pub name: String,
    pub exported_at: String,
    #[serde(skip)]
    format: Option<(u32, u32)>,
    /// `2.17`, or empty when not known.
    pub format_text: String,
}

/// The offices inside the held file `code` (not the sender itself): a county's
/// townships at a city, none at a county.
pub(crate) fn inside(conn: &Connection, code: &str) -> Result<Vec<Inside>> {
    let rows = conn
        .prepare_cached(
            "SELECT office_code, name, exported_at, format FROM snapshot_offices
             WHERE snapshot_code = ?1 AND office_code <> ?1 ORDER BY office_code",
        )?
        .query_map([code], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(code, name, exported_at, format)| Inside {
            code,
            name,
            exported_at,
            format: format.as_deref().and_then(|f| {
                let (a, b) = f.split_once('.')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            }),
            format_text: format.unwrap_or_default(),
        })
        .collect())
}

/// Days from an export time (RFC 3339, UTC) to `today` (Beijing's date).
fn days_since(exported_at: &str, today: NaiveDate) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(exported_at)
        .ok()
        .map(|t| (today - (t + chrono::Duration::hours(8)).date_naive()).num_days())
}

struct Held {
    name: String,
    sequence: i64,
    exported_at: String,
    received_at: String,
    file_name: String,
    counts: BTreeMap<String, usize>,
    below: Option<BelowSent>,
    format: (u32, u32),
    inside: Vec<Inside>,
}

/// [`BelowSent`] of the snapshot `code` from its manifest's `expected` (`manifest`:
/// the stored JSON) and the offices it carries.
fn below_sent(conn: &Connection, code: &str, manifest: &str) -> Result<Option<BelowSent>> {
    #[derive(Deserialize, Default)]
    #[serde(default, rename_all = "camelCase")]
    struct Expected {
        format_version: u32,
        format_minor: u32,
        expected: Vec<package::ExpectedBelow>,
    }
    let Ok(m) = serde_json::from_str::<Expected>(manifest) else {
        return Ok(None);
    };
    let carried: std::collections::BTreeSet<String> = conn
        .prepare_cached(
            "SELECT office_code FROM snapshot_offices WHERE snapshot_code = ?1 AND office_code <> ?1",
        )?
        .query_map([code], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let expected = m.expected;
    if expected.is_empty() {
        // From 2.8 a county's file names its list; an empty one is a county without.
        let tells = (m.format_version, m.format_minor) >= (2, 8);
        return Ok(tells.then(|| BelowSent {
            expected: 0,
            sent: carried.len(),
            missing: Vec::new(),
            said: format!(
                "该单位没有设应报名单，看不出下级是否报齐（文件里有 {} 个下级单位）。",
                carried.len()
            ),
        }));
    }
    let total = expected.len();
    let missing: Vec<package::ExpectedBelow> = expected
        .into_iter()
        .filter(|e| !carried.contains(&e.code))
        .collect();
    let sent = total - missing.len();
    let said = if missing.is_empty() {
        format!("应报下级 {total} 个，文件里都有。")
    } else {
        format!(
            "应报下级 {total} 个，文件里有 {sent} 个；未报：{}。",
            missing
                .iter()
                .map(|e| format!("{}（{}）", e.name, e.code))
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    Ok(Some(BelowSent {
        expected: total,
        sent,
        missing,
        said,
    }))
}

/// How many offices below this one it holds a file of.
pub fn offices_held(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM snapshots", [], |r| r.get(0))?;
    Ok(n as usize)
}

/// Every expected office, then every office that sent without being expected, with
/// what was last received and flags. `today` is the local date.
pub fn who_has_sent(conn: &Connection, today: NaiveDate) -> Result<Senders> {
    let late = late_days(conn)?;
    let level_below = level_below(conn)?;
    let mut held: BTreeMap<String, Held> = BTreeMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT code, name, sequence, exported_at, received_at, file_name,
                    CASE WHEN level <> 'township' THEN manifest_json END,
                    coalesce(json_extract(manifest_json, '$.formatVersion'), 1),
                    coalesce(json_extract(manifest_json, '$.formatMinor'), 0)
             FROM snapshots",
        )?;
        // code, name, sequence, exported_at, received_at, file_name, a county's
        // manifest, its format
        type Row = (
            String,
            String,
            i64,
            String,
            String,
            String,
            Option<String>,
            (u32, u32),
        );
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    (r.get(7)?, r.get(8)?),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Kept at receipt (counting a million received records took 0.2 s).
        let mut kinds = conn.prepare_cached(
            "SELECT kind, records FROM snapshot_kind_counts WHERE snapshot_code = ?1",
        )?;
        for (code, name, sequence, exported_at, received_at, file_name, manifest, format) in rows {
            let (below, inside) = match manifest {
                Some(m) => (below_sent(conn, &code, &m)?, inside(conn, &code)?),
                None => (None, Vec::new()),
            };
            let mut counts: BTreeMap<String, usize> =
                package::KINDS.iter().map(|k| (k.to_string(), 0)).collect();
            for kc in kinds.query_map([&code], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
            })? {
                let (k, c) = kc?;
                counts.insert(k, c);
            }
            held.insert(
                code,
                Held {
                    name,
                    sequence,
                    exported_at,
                    received_at,
                    file_name,
                    counts,
                    below,
                    format,
                    inside,
                },
            );
        }
    }
    // The newest refusal per sender that leaves this office without its newest data,
    // until a file from it is accepted. A file older than the one held, refused,
    // leaves nothing to chase (a folder received again flagged every township with an
    // old file in it); a file already held, offered again, is no good file (it
    // cleared the flag of a township whose new file had been refused). Nor does a
    // damaged copy of a file held (its manifest names a number this office already
    // holds): the township was flagged 最近一次被拒收 with nothing missing.
    let mut refusals: BTreeMap<String, LastRefusal> = BTreeMap::new();
    {
        const CHASED: &str = "coalesce(r.reason, '') <> 'older'
               AND NOT (r.sequence IS NOT NULL
                        AND coalesce(r.reason, '') NOT IN ('conflict', 'renumbered')
                        AND r.sequence <= coalesce((SELECT s.sequence FROM snapshots s
                                                    WHERE s.code = r.sender_code), 0))";
        let mut stmt = conn.prepare(&format!(
            "SELECT l.sender_code, l.at, l.reason, l.message FROM receipt_log l
             WHERE l.outcome = 'refused' AND l.sender_code IS NOT NULL
               AND l.seq = (SELECT MAX(r.seq) FROM receipt_log r
                            WHERE r.sender_code = l.sender_code AND r.outcome = 'refused'
                              AND {CHASED})
               AND NOT EXISTS (SELECT 1 FROM receipt_log a
                               WHERE a.sender_code = l.sender_code AND a.outcome = 'accepted'
                                 AND a.seq > l.seq)"
        ))?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                LastRefusal {
                    at: r.get(1)?,
                    reason: r.get(2)?,
                    message: r.get(3)?,
                },
            ))
        })? {
            let (code, refusal) = row?;
            refusals.insert(code, refusal);
        }
    }
    let expected = list_expected(conn)?;
    let has_list = !expected.is_empty();
    let mut rows = Vec::new();
    let status = |code: &str, name: &str, is_expected: bool| {
        let h = held.get(code);
        let mut flags = Vec::new();
        // Without a list nothing is "not on it": every sender would be flagged.
        if !is_expected && has_list {
            flags.push("unexpected");
        }
        let days = h.and_then(|h| days_since(&h.exported_at, today));
        match (h, days) {
            (None, _) => flags.push("never_sent"),
            (Some(_), Some(d)) if d > late => flags.push("late"),
            _ => {}
        }
        // A file with no record of any kind: sent by mistake, or nothing entered yet.
        if h.is_some_and(|h| h.counts.values().all(|&n| n == 0)) {
            flags.push("empty");
        }
        let last_refusal = refusals.get(code).cloned();
        if let Some(r) = &last_refusal {
            flags.push("refused_last");
            if r.reason.as_deref() == Some("totals") {
                flags.push("totals_mismatch");
            }
        }
        let below = h.and_then(|h| h.below.clone());
        if below.as_ref().is_some_and(|b| !b.missing.is_empty()) {
            flags.push("below_missing");
        }
        // Its sender has not upgraded: what later versions added is not in its file
        // (probe Q: a 2.9 file read as 正常).
        if h.is_some_and(|h| h.format < (package::FORMAT_VERSION, package::FORMAT_MINOR)) {
            flags.push("old_version");
        }
        // The offices inside a county's file: each file's own age and version.
        let mut below_notes = Vec::new();
        let inside = h.map_or(&[][..], |h| &h.inside[..]);
        let late_inside: Vec<String> = inside
            .iter()
            .filter_map(|o| {
                let d = days_since(&o.exported_at, today).filter(|d| *d > late)?;
                Some(format!(
                    "{}（导出于 {}，{d} 天前）",
                    o.name,
                    crate::base::period::china_day(&o.exported_at)
                ))
            })
            .collect();
        if !late_inside.is_empty() {
            flags.push("below_late");
            below_notes.push(format!(
                "下级逾期：{}。它的数只到导出那天，请提醒它向县/区重新报送。",
                late_inside.join("、")
            ));
        }
        let current = (package::FORMAT_VERSION, package::FORMAT_MINOR);
        let old_inside: Vec<String> = inside
            .iter()
            .filter_map(|o| {
                let f = o.format.filter(|f| *f < current)?;
                Some(format!("{}（{}.{} 格式）", o.name, f.0, f.1))
            })
            .collect();
        if !old_inside.is_empty() {
            flags.push("below_old_version");
            below_notes.push(format!(
                "下级软件版本较旧：{}。它的版本还没有的台账，统计中不含它（显示为 0 的不一定是没有做），请提醒它升级到最新版本。",
                old_inside.join("、")
            ));
        }
        let mut row = SenderStatus {
            code: code.to_string(),
            name: name.to_string(),
            expected: is_expected,
            sent: h.is_some(),
            sequence: h.map(|h| h.sequence),
            exported_at: h.map(|h| h.exported_at.clone()),
            received_at: h.map(|h| h.received_at.clone()),
            file_name: h.map(|h| h.file_name.clone()),
            days_since_export: days,
            counts: h.map(|h| h.counts.clone()),
            flags,
            last_refusal,
            below,
            format: h.map(|h| format!("{}.{}", h.format.0, h.format.1)),
            below_notes,
            inside: inside.to_vec(),
            chase: None,
        };
        if row.expected && row.flags.iter().any(|f| CHASED_FLAGS.contains(f)) {
            row.chase = Some(unsent_state(&row));
        }
        row
    };
    for e in &expected {
        rows.push(status(&e.code, &e.name, true));
    }
    for (code, h) in &held {
        if !expected.iter().any(|e| &e.code == code) {
            rows.push(status(code, &h.name, false));
        }
    }
    Ok(Senders {
        late_days: late,
        level_below,
        has_expected_list: has_list,
        rows,
        flag_labels: FLAGS,
    })
}

// ---------- import of the expected-office list ----------

/// The expected-office list as an import kind (`expected-offices`): 区划代码, 单位名称.
pub struct ExpectedOffices;

static COLUMNS: &[crate::sheets::import::Column] = &[
    crate::sheets::import::col(
        "code",
        "区划代码",
        &["统计用区划代码", "代码", "单位代码", "区划编码"],
        true,
        true,
        "12位统计用区划代码，须是本单位的直接下级。这一列请设为“文本”格式。",
        16.0,
    ),
    crate::sheets::import::col(
        "name",
        "单位名称",
        &["名称", "乡镇/街道", "县/区", "单位"],
        true,
        false,
        "如 青溪街道。",
        16.0,
    ),
];

impl crate::sheets::import::RecordKind for ExpectedOffices {
    const NAME: &'static str = "expected-offices";
    const LABEL: &'static str = "应报单位";
    const ALIASES: &'static [&'static str] = &["expected_offices", "应报单位"];
    const WIZARD: Wizard = crate::wizard!("应报单位名单", "个", "应报单位名单.xlsx");
    const KEY_COLUMN: &'static str = "code";
    type Parsed = (String, String);
    type Lookup = ();

    const COLUMNS: &'static [crate::sheets::import::Column] = COLUMNS;

    fn parse(
        conn: &Connection,
        _lookup: &mut (),
        row: &crate::sheets::import::RowCells,
        _today: NaiveDate,
    ) -> std::result::Result<(String, String), Vec<(&'static str, String)>> {
        validate(conn, row.get("code"), row.get("name")).map_err(|e| {
            let column = if e.field() == Some("name") {
                "name"
            } else {
                "code"
            };
            vec![(column, e.to_string())]
        })
    }

    fn key(parsed: &(String, String)) -> String {
        parsed.0.clone()
    }

    fn existing(
        conn: &Connection,
        _: &mut (),
        parsed: &(String, String),
    ) -> Result<Option<String>> {
        Ok(get(conn, &parsed.0)?.map(|o| o.code))
    }

    fn apply(
        tx: &Tx,
        (code, name): &(String, String),
        existing: Option<&str>,
    ) -> Result<crate::sheets::import::Applied> {
        use crate::sheets::import::Applied;
        let before = get(tx, code)?;
        set_expected(tx, code, name)?;
        Ok(match (existing, before) {
            (None, _) | (_, None) => Applied::Created,
            (Some(_), Some(b)) if b.name == *name => Applied::Unchanged,
            _ => Applied::Updated,
        })
    }
}

/// The list of offices expected to report (应报单位): this office's own setting,
/// never sent in a package.
pub static KIND: crate::sheets::kind::Def = crate::sheets::kind::Def {
    table: TABLE,
    label: LABEL,
    restore,
    imports: &[&crate::sheets::kind::Sheet::<ExpectedOffices>::NEW],
    travels: false,
    ..crate::sheets::kind::Def::EMPTY
};

#[cfg(test)]
mod tests {
    use super::*;

    fn late_with(reason: &str, message: &str) -> SenderStatus {
        SenderStatus {
            code: "320115102000".into(),
            name: "秣陵街道".into(),
            expected: true,
            sent: true,
            sequence: Some(3),
            exported_at: None,
            received_at: None,
            file_name: None,
            days_since_export: Some(40),
            counts: None,
            flags: vec!["late", "refused"],
            last_refusal: Some(LastRefusal {
                at: "2026-12-01T02:00:00Z".into(),
                reason: Some(reason.into()),
                message: message.into(),
            }),
            below: None,
            format: Some("2.13".into()),
            below_notes: Vec::new(),
            inside: Vec::new(),
            chase: None,
        }
    }

    #[test]
    fn the_list_sent_to_a_township_never_tells_it_to_force_a_receipt() {
        for reason in [
            "conflict",
            "renumbered",
            "older",
            "dated_earlier",
            "emptied",
            "sequence_jump",
        ] {
            let said = unsent_state(&late_with(reason, "……如确认无误，请选择“强制接收”"));
            assert!(said.starts_with("逾期（最近一次导出于 40 天前）；最近一次文件被拒收："));
            assert!(!said.contains("强制接收"), "{reason}: {said}");
            assert!(said.contains("导出"), "{reason}: {said}");
            assert!(said.ends_with("报送。"), "{reason}: {said}");
        }
        // What is wrong with the file itself is said as the receiver saw it.
        let damaged = unsent_state(&late_with("damaged", "文件已损坏，无法读取"));
        assert!(damaged.ends_with("最近一次文件被拒收：文件已损坏，无法读取"));
    }
}
