//! The recycle bin (回收站): deleted records wait here, whole, until restored.
//! One mechanism for every record kind. The bin does not know the kinds: whoever
//! lists or restores passes the kinds' labels and restore functions (the kinds
//! registry, `crate::kinds`, does), so the store never imports a domain.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::base::error::{Error, Result};
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

/// The Chinese name of a record kind by its table (see `crate::kinds::label`).
pub type Labels<'a> = &'a dyn Fn(&str) -> &'static str;

/// Puts one record back from its payload, by its table; `None` for a table no
/// kind claims.
pub type Restore<'a> = &'a dyn Fn(&Tx, &str, &serde_json::Value) -> Option<Result<()>>;

/// Records a deletion: the change-log row and the recycle-bin entry holding the
/// whole record, so it can come back as it was. The caller has already removed
/// the row from its own table in the same transaction.
pub(crate) fn discard<T: serde::Serialize>(
    tx: &Tx,
    table: &str,
    label: &'static str,
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
    get(tx, &id, &|_| label)
}

fn row(r: &rusqlite::Row, labels: Labels) -> rusqlite::Result<Entry> {
    let table: String = r.get(1)?;
    Ok(Entry {
        id: r.get(0)?,
        kind_label: labels(&table).to_string(),
        table_name: table,
        record_id: r.get(2)?,
        summary: r.get(3)?,
        deleted_at: r.get(4)?,
        deleted_by: r.get(5)?,
    })
}

const COLUMNS: &str = "id, table_name, record_id, summary, deleted_at, deleted_by";

fn not_in_bin() -> Error {
    Error::NotFound("回收站中没有这条记录，它可能已被恢复。请刷新后再试。".into())
}

pub fn get(conn: &Connection, id: &str, labels: Labels) -> Result<Entry> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM recycle_bin WHERE id = ?1"),
        [id],
        |r| row(r, labels),
    )
    .optional()?
    .ok_or_else(not_in_bin)
}

/// Newest first.
pub fn list(conn: &Connection, labels: Labels) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM recycle_bin ORDER BY deleted_at DESC, rowid DESC"
    ))?;
    let rows = stmt
        .query_map([], |r| row(r, labels))?
        .collect::<rusqlite::Result<_>>()?;
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

/// Two fields of every record of `table` in the bin (JSON paths into what it kept,
/// `$.person.idNumber`), with the day it was deleted (China time): what a file is
/// checked against once (a roster row for a person in the bin).
pub fn fields_of(
    conn: &Connection,
    table: &str,
    paths: [&str; 2],
) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(payload_json, ?2), json_extract(payload_json, ?3),
                date(deleted_at, '+8 hours')
         FROM recycle_bin WHERE table_name = ?1",
    )?;
    let text = |r: &rusqlite::Row, i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
    let rows = stmt
        .query_map(params![table, paths[0], paths[1]], |r| {
            Ok((text(r, 0)?, text(r, 1)?, text(r, 2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The `name` of a record in the bin (its newest entry), for a record that names
/// one that is gone (a meeting's attendee); `None` once purged.
pub fn name_of(conn: &Connection, table: &str, record_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT json_extract(payload_json, '$.name') FROM recycle_bin
             WHERE table_name = ?1 AND record_id = ?2
             ORDER BY deleted_at DESC, rowid DESC LIMIT 1",
            params![table, record_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Entry `id`'s table and the record as it was deleted (not masked), or
/// [`get`]'s not-found error.
pub fn payload(conn: &Connection, id: &str) -> Result<(String, serde_json::Value)> {
    let (table_name, payload): (String, String) = conn
        .query_row(
            "SELECT table_name, payload_json FROM recycle_bin WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(not_in_bin)?;
    Ok((table_name, serde_json::from_str(&payload)?))
}

/// Adds `note` to entry `id`'s summary, as the bin lists it: a record deleted with
/// another says so (随培训“…”删除).
pub(crate) fn add_to_summary(tx: &Tx, id: &str, note: &str) -> Result<()> {
    tx.execute(
        "UPDATE recycle_bin SET summary = summary || ?2 WHERE id = ?1",
        params![id, note],
    )?;
    Ok(())
}

/// Records that go into the bin with their parent and come back with it (a 培训's
/// 参加人员, a 小区's 党支部和三亮): a kind declares it in its `Def`, the kind's
/// deletion takes them (`training::delete_session`, a unit's `on_unit_delete`), and
/// `kinds::restore` brings back what went with an entry.
#[derive(Debug, Clone, Copy)]
pub struct GoesWith {
    /// The parent's table, and the field of this kind's JSON that names it.
    pub parent: &'static str,
    pub field: &'static str,
    /// What the parent is called (培训, 小区), and these records beside it
    /// (参加人员记录).
    pub parent_label: &'static str,
    pub label: &'static str,
}

/// Says on the entries `taken`, which went into the bin with entry `parent` (a
/// record called `name`), that they go together: each "（随培训“…”删除，恢复培训时
/// 一起恢复）", and the parent "（连同 30 条参加人员记录）". → the parent's note, or
/// "" when nothing went with it.
pub(crate) fn say_taken_along(
    tx: &Tx,
    parent: &str,
    name: &str,
    taken: &[String],
    g: &GoesWith,
) -> Result<String> {
    if taken.is_empty() {
        return Ok(String::new());
    }
    let kind = g.parent_label;
    for t in taken {
        add_to_summary(
            tx,
            t,
            &format!("（随{kind}“{name}”删除，恢复{kind}时一起恢复）"),
        )?;
    }
    let note = format!("（连同 {} 条{}）", taken.len(), g.label);
    add_to_summary(tx, parent, &note)?;
    Ok(note)
}

/// A child entry `child` that [`say_taken_along`] marked is going for good on its
/// own (彻底删除): its parent's entry counts one fewer（连同 2 条…, or nothing when it
/// was the last), so the bin does not promise what a restore cannot bring.
pub(crate) fn forget_taken_along(tx: &Tx, child: &str, g: &GoesWith) -> Result<()> {
    let parent: Option<(String, String)> = tx
        .query_row(
            "SELECT p.id, p.summary FROM recycle_bin c
             JOIN recycle_bin p ON p.table_name = ?2 AND p.deleted_at = c.deleted_at
                               AND p.record_id = json_extract(c.payload_json, '$.' || ?3)
             WHERE c.id = ?1 AND c.summary LIKE '%时一起恢复）'",
            params![child, g.parent, g.field],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, summary)) = parent else {
        return Ok(());
    };
    let Some(mended) = one_fewer(&summary, g.label) else {
        return Ok(());
    };
    tx.execute(
        "UPDATE recycle_bin SET summary = ?2 WHERE id = ?1",
        params![id, mended],
    )?;
    Ok(())
}

/// `summary` with its（连同 N 条`label`）counting one fewer, or gone at the last;
/// `None` when it has no such note.
fn one_fewer(summary: &str, label: &str) -> Option<String> {
    let (open, close) = ("（连同 ", format!(" 条{label}）"));
    let start = summary.find(open)?;
    let len = summary[start..].find(&close)?;
    let n: usize = summary[start + open.len()..start + len].parse().ok()?;
    let note = match n {
        0 | 1 => String::new(),
        n => format!("{open}{}{close}", n - 1),
    };
    Some(format!(
        "{}{note}{}",
        &summary[..start],
        &summary[start + len + close.len()..]
    ))
}

/// The entries of `table` deleted together with record `record_id` of `parent` (in
/// the same transaction, so at the same moment) whose record names it in its
/// `field`: the children a parent's deletion took with it, to come back with it.
/// `marked`: only those [`say_taken_along`] marked so (a child removed on its own in
/// the same second is not one of them); unmarked, those to mark.
pub fn deleted_with(
    conn: &Connection,
    parent: &str,
    record_id: &str,
    table: &str,
    field: &str,
    marked: bool,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id FROM recycle_bin c
         JOIN recycle_bin p ON p.table_name = ?1 AND p.record_id = ?2
                           AND c.deleted_at = p.deleted_at
         WHERE c.table_name = ?3 AND json_extract(c.payload_json, '$.' || ?4) = ?2
           AND (NOT ?5 OR c.summary LIKE '%时一起恢复）')
         ORDER BY c.rowid",
    )?;
    let ids = stmt
        .query_map(params![parent, record_id, table, field, marked], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Deletes entry `entry_id` for good (彻底删除): the record it kept (a person's full
/// ID number and phone among it) leaves this PC's data, and the change log says
/// that it went, naming it by the bin's summary only. It cannot come back.
pub fn purge(tx: &Tx, entry_id: &str) -> Result<Entry> {
    let entry = get(tx, entry_id, &|_| "")?;
    tx.execute("DELETE FROM recycle_bin WHERE id = ?1", [entry_id])?;
    tx.log_change(
        &entry.table_name,
        &entry.record_id,
        "purge",
        None,
        Some(&serde_json::json!({ "summary": entry.summary })),
    )?;
    Ok(entry)
}

/// Restores one entry: the record goes back as it was and the entry leaves the bin.
pub fn restore(tx: &Tx, entry_id: &str, restore: Restore) -> Result<()> {
    let entry = get(tx, entry_id, &|_| "")?;
    let (_, payload) = payload(tx, entry_id)?;
    match restore(tx, &entry.table_name, &payload) {
        Some(done) => done?,
        None => {
            return Err(Error::Internal(format!(
                "回收站中的记录类型“{}”无法恢复",
                entry.table_name
            )))
        }
    }
    tx.execute("DELETE FROM recycle_bin WHERE id = ?1", [entry_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_parent_entry_counts_one_fewer_child_and_none_after_the_last() {
        let one_fewer = |s: &str| super::one_fewer(s, "参加人员记录");
        assert_eq!(
            one_fewer("培训“防汛”（连同 3 条参加人员记录）").as_deref(),
            Some("培训“防汛”（连同 2 条参加人员记录）")
        );
        assert_eq!(
            one_fewer("培训“防汛”（连同 1 条参加人员记录）").as_deref(),
            Some("培训“防汛”")
        );
        assert_eq!(
            one_fewer("小区“新建组”（连同 1 条小区党支部和三亮记录）"),
            None
        );
        assert_eq!(one_fewer("培训“防汛”"), None);
    }
}
