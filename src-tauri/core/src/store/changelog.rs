//! Reading the append-only change log (变更记录). Rows are written by
//! [`crate::store::Tx::log_change`] inside the same transaction as the change.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::base::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRow {
    pub seq: i64,
    pub at: String,
    pub operator: String,
    pub table_name: String,
    pub record_id: String,
    pub op: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

fn parse(s: Option<String>) -> Option<serde_json::Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

const SELECT: &str =
    "SELECT seq, at, operator, table_name, record_id, op, before_json, after_json \
                      FROM change_log";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ChangeRow> {
    Ok(ChangeRow {
        seq: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        table_name: r.get(3)?,
        record_id: r.get(4)?,
        op: r.get(5)?,
        before: parse(r.get(6)?),
        after: parse(r.get(7)?),
    })
}

/// Newest first.
pub fn list(conn: &Connection, limit: u32, offset: u32) -> Result<Vec<ChangeRow>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY seq DESC LIMIT ?1 OFFSET ?2"))?;
    let rows = stmt
        .query_map(params![limit.min(1000), offset], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One record's history, oldest first.
pub fn for_record(conn: &Connection, table: &str, record_id: &str) -> Result<Vec<ChangeRow>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE table_name = ?1 AND record_id = ?2 ORDER BY seq"
    ))?;
    let rows = stmt
        .query_map(params![table, record_id], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The tables that are not record kinds but show up in the change log, with
/// their Chinese names (the record kinds' come from `crate::kinds`).
pub const OTHER_TABLES: &[(&str, &str)] = &[
    ("office", "本单位"),
    ("imports", "导入"),
    ("packages", "交换文件"),
    ("snapshots", "下级报送的数据"),
    ("settings", "设置项"),
    ("attachments", "附件"),
];
