//! The recycle bin (回收站): deleted records wait here, whole, until restored.
//! One mechanism for every record kind: each kind registers its restore function
//! in [`restore`].

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::store::ledger;
use crate::store::{new_id, Tx};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: String,
    pub table_name: String,
    pub record_id: String,
    pub kind_label: String,
    pub summary: String,
    pub deleted_at: String,
    pub deleted_by: String,
}

/// The Chinese name of a record kind by its table.
pub fn kind_label(table: &str) -> &'static str {
    match table {
        crate::hierarchy::TABLE => "组织单位",
        crate::people::TABLE => "人员",
        crate::hierarchy::business_grids::TABLE => "业务网格",
        crate::exchange::senders::TABLE => "应报单位",
        "party_branches" => "小区党支部",
        "committees" => "委员会",
        "committee_members" => "委员",
        "joint_meetings" => "联席会议",
        "partner_units" => "共建单位",
        "projects" => "共建项目",
        "departments" => "部门",
        "leaders" => "领导",
        "contact_points" => "联系点",
        "visits" => "走访记录",
        "demands" => "诉求",
        "working_groups" => "专项工作组",
        "working_meetings" => "工作会议",
        _ => "记录",
    }
}

/// Records a deletion: the change-log row and the recycle-bin entry holding the
/// whole record, so it can come back as it was. The caller has already removed
/// the row from its own table in the same transaction.
pub(crate) fn discard<T: serde::Serialize>(
    tx: &Tx,
    table: &str,
    record_id: &str,
    summary: &str,
    record: &T,
) -> Result<Entry> {
    let payload = serde_json::to_value(record)?;
    tx.log_change(table, record_id, "delete", Some(&payload), None)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO recycle_bin (id, table_name, record_id, summary, payload_json, deleted_at, deleted_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, table, record_id, summary, payload.to_string(), tx.ctx.stamp(), tx.ctx.operator],
    )?;
    get(tx, &id)
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let table: String = r.get(1)?;
    Ok(Entry {
        id: r.get(0)?,
        kind_label: kind_label(&table).to_string(),
        table_name: table,
        record_id: r.get(2)?,
        summary: r.get(3)?,
        deleted_at: r.get(4)?,
        deleted_by: r.get(5)?,
    })
}

const COLUMNS: &str = "id, table_name, record_id, summary, deleted_at, deleted_by";

pub fn get(conn: &Connection, id: &str) -> Result<Entry> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM recycle_bin WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("回收站中没有这条记录，它可能已被恢复。请刷新后再试。".into()))
}

/// Newest first.
pub fn list(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM recycle_bin ORDER BY deleted_at DESC, rowid DESC"
    ))?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The summary of the newest recycle-bin entry for a record, if it is there.
pub fn summary_of(conn: &Connection, table: &str, record_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT summary FROM recycle_bin WHERE table_name = ?1 AND record_id = ?2
             ORDER BY deleted_at DESC, rowid DESC LIMIT 1",
            params![table, record_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Restores one entry: the record goes back as it was and the entry leaves the bin.
pub fn restore(tx: &Tx, entry_id: &str) -> Result<()> {
    let entry = get(tx, entry_id)?;
    let payload: String = tx.query_row(
        "SELECT payload_json FROM recycle_bin WHERE id = ?1",
        [entry_id],
        |r| r.get(0),
    )?;
    let payload: serde_json::Value = serde_json::from_str(&payload)?;
    match entry.table_name.as_str() {
        crate::hierarchy::TABLE => {
            crate::hierarchy::restore(tx, &payload)?;
        }
        crate::people::TABLE => {
            crate::people::restore(tx, &payload)?;
        }
        crate::hierarchy::business_grids::TABLE => {
            crate::hierarchy::business_grids::restore(tx, &payload)?;
        }
        crate::exchange::senders::TABLE => {
            crate::exchange::senders::restore(tx, &payload)?;
        }
        "party_branches" => ledger::restore::<crate::party::Branch>(tx, &payload)?,
        "committees" => ledger::restore::<crate::party::Committee>(tx, &payload)?,
        "committee_members" => ledger::restore::<crate::party::Member>(tx, &payload)?,
        "joint_meetings" => ledger::restore::<crate::party::Meeting>(tx, &payload)?,
        "partner_units" => ledger::restore::<crate::cobuild::PartnerUnit>(tx, &payload)?,
        "projects" => ledger::restore::<crate::cobuild::Project>(tx, &payload)?,
        "departments" => ledger::restore::<crate::demands::Department>(tx, &payload)?,
        "leaders" => ledger::restore::<crate::contacts::Leader>(tx, &payload)?,
        "contact_points" => ledger::restore::<crate::contacts::ContactPoint>(tx, &payload)?,
        "visits" => ledger::restore::<crate::contacts::Visit>(tx, &payload)?,
        "demands" => ledger::restore::<crate::demands::Demand>(tx, &payload)?,
        "working_groups" => ledger::restore::<crate::demands::WorkingGroup>(tx, &payload)?,
        "working_meetings" => ledger::restore::<crate::demands::WorkingMeeting>(tx, &payload)?,
        other => {
            return Err(Error::Internal(format!(
                "回收站中的记录类型“{other}”无法恢复"
            )))
        }
    }
    tx.execute("DELETE FROM recycle_bin WHERE id = ?1", [entry_id])?;
    Ok(())
}
