//! One storage mechanism for the party-building and co-building record kinds:
//! each record is kept whole as JSON (its core type, exactly as it travels in a
//! package) beside the columns that references and queries need. A kind implements
//! [`Document`]; saving, listing, deleting into the recycle bin, restoring and the
//! change log come with it.

use rusqlite::{Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::store::recycle::{self, Entry};
use crate::store::{Ctx, Tx};

/// A record kind stored by this module.
pub trait Document: Serialize + DeserializeOwned + Clone + PartialEq {
    /// Its table (also its name in the change log and the recycle bin).
    const TABLE: &'static str;
    /// Its Chinese name (共建项目).
    const LABEL: &'static str;
    /// Reference columns beside `json`, in this order, e.g. `["village_id"]`.
    const COLUMNS: &'static [&'static str] = &[];
    fn id(&self) -> &str;
    fn owner_code(&self) -> &str;
    fn created_at(&self) -> &str;
    fn updated_at(&self) -> &str;
    /// The values of [`Document::COLUMNS`].
    fn column_values(&self) -> Vec<Option<String>> {
        Vec::new()
    }
    /// How the record is named in the recycle bin and messages.
    fn summary(&self) -> String;
}

fn select<D: Document>(filter: &str) -> String {
    format!("SELECT json FROM {} {filter}", D::TABLE)
}

/// A stored record of the kind from its JSON; one that no longer decodes is named.
fn decode<D: Document>(id: &str, json: &str) -> Result<D> {
    serde_json::from_str(json)
        .map_err(|e| crate::base::error::damaged_record(&format!("{}（编号 {id}）", D::LABEL), &e))
}

pub fn find<D: Document>(conn: &Connection, id: &str) -> Result<Option<D>> {
    // Cached: an import or a re-import check reads one record per row.
    let json: Option<String> = conn
        .prepare_cached(&select::<D>("WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    json.map(|j| decode::<D>(id, &j)).transpose()
}

/// Every stored record's id, oldest first: what an import compares its file with.
pub fn ids<D: Document>(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id FROM {} ORDER BY {OLDEST_FIRST}",
        D::TABLE
    ))?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub fn get<D: Document>(conn: &Connection, id: &str) -> Result<D> {
    find(conn, id)?.ok_or_else(|| {
        Error::NotFound(format!(
            "没有找到这条{}，它可能已被删除。请刷新后再试。",
            D::LABEL
        ))
    })
}

/// Whether another record of the kind (not `except_id`) has this `name` in its JSON.
/// For the kinds with an index on the name (migration 0008) this is a lookup.
pub fn name_taken<D: Document>(conn: &Connection, name: &str, except_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT 1 FROM {} WHERE json_extract(json, '$.name') = ?1 AND id <> ?2 LIMIT 1",
                D::TABLE
            ),
            [name, except_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// A kind's required, unique name (名称): filled in, at most `max` characters, and
/// no other record of the kind (but `before`, the one being edited) already has it.
pub fn unique_name<D: Document>(
    conn: &Connection,
    before: Option<&D>,
    label: &str,
    value: &str,
    max: usize,
) -> Result<String> {
    let name = crate::base::fields::required("name", label, value, max)?;
    if name_taken::<D>(conn, &name, before.map_or("", |b| b.id()))? {
        return Err(Error::Conflict {
            field: Some("name"),
            message: format!("已经有名为“{name}”的{}。", D::LABEL),
        });
    }
    Ok(name)
}

/// Every record of the kind, oldest first.
pub fn list<D: Document>(conn: &Connection) -> Result<Vec<D>> {
    list_where(conn, "", OLDEST_FIRST, [])
}

/// Records where `column = value` (a reference column), oldest first.
pub fn list_by<D: Document>(conn: &Connection, column: &str, value: &str) -> Result<Vec<D>> {
    debug_assert!(D::COLUMNS.contains(&column));
    list_where(conn, &format!("WHERE {column} = ?1"), OLDEST_FIRST, [value])
}

/// Records whose JSON holds `value` at `path` (`"$.name"`), oldest first. Where a
/// migration indexed `json_extract(json, path)` for the kind (0008, 0025) this is a
/// lookup, so a check per saved record stays cheap at any size; `path` is written
/// into the SQL (the index matches only the literal expression), hence `'static`.
pub fn list_by_json<D: Document>(
    conn: &Connection,
    path: &'static str,
    value: &str,
) -> Result<Vec<D>> {
    debug_assert!(path.starts_with("$.") && !path.contains('\''));
    list_where(
        conn,
        &format!("WHERE json_extract(json, '{path}') = ?1"),
        OLDEST_FIRST,
        [value],
    )
}

/// The records of the kind whose JSON field `path` is `value`, in capitals or in
/// small letters (p01, P01): one statement through the field's index, those
/// written exactly as `value` first.
pub fn list_by_json_any_case<D: Document>(
    conn: &Connection,
    path: &'static str,
    value: &str,
) -> Result<Vec<D>> {
    debug_assert!(path.starts_with("$.") && !path.contains('\''));
    list_where(
        conn,
        &format!("WHERE json_extract(json, '{path}') IN (?1, ?2, ?3)"),
        &format!("json_extract(json, '{path}') <> ?1, created_at, id"),
        [value, &value.to_uppercase(), &value.to_lowercase()],
    )
}

/// The order records are listed in unless asked otherwise.
const OLDEST_FIRST: &str = "created_at, id";

/// The kind's records under `filter` (a `WHERE`), in `order` (an `ORDER BY` list).
fn list_where<D: Document, P: rusqlite::Params>(
    conn: &Connection,
    filter: &str,
    order: &str,
    p: P,
) -> Result<Vec<D>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, json FROM {} {filter} ORDER BY {order}",
        D::TABLE
    ))?;
    let rows: Vec<(String, String)> = stmt
        .query_map(p, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.iter().map(|(id, j)| decode::<D>(id, j)).collect()
}

/// How many records of the kind have `column = value`.
pub fn count_by<D: Document>(conn: &Connection, column: &str, value: &str) -> Result<usize> {
    debug_assert!(D::COLUMNS.contains(&column));
    let n: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM {} WHERE {column} = ?1", D::TABLE),
        [value],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// Counts the rows of `table` whose indexed `column` is `value`: for a kind that
/// refuses a deletion while a kind above it still names the record (a declared
/// relation, see docs/ARCHITECTURE.md), without importing that kind.
pub fn count_in(conn: &Connection, table: &str, column: &str, value: &str) -> Result<usize> {
    let n: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM {table} WHERE {column} = ?1"),
        [value],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

pub(crate) fn write_row<D: Document>(tx: &Tx, d: &D) -> Result<()> {
    let mut values: Vec<Option<String>> = vec![
        Some(d.id().to_string()),
        Some(d.owner_code().to_string()),
        Some(serde_json::to_string(d)?),
        Some(d.created_at().to_string()),
        Some(d.updated_at().to_string()),
    ];
    values.extend(d.column_values());
    upsert_row(tx, D::TABLE, D::COLUMNS, values)
}

/// The statement of [`write_row`], not generic over the kind: one copy in the binary.
fn upsert_row(tx: &Tx, table: &str, columns: &[&str], values: Vec<Option<String>>) -> Result<()> {
    let mut cols = vec!["id", "owner_code", "json", "created_at", "updated_at"];
    cols.extend(columns);
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
        cols.join(", "),
        marks.join(", "),
        updates.join(", ")
    );
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// The same record but for when it was last updated.
pub fn same<D: Document>(a: &D, b: &D) -> bool {
    let strip = |d: &D| {
        let mut v = serde_json::to_value(d).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.remove("updatedAt");
        }
        v
    };
    a == b || strip(a) == strip(b)
}

/// Saves a new record or a changed one, with its change-log row. Saving a record
/// equal to the stored one (but for `updatedAt`) writes nothing.
pub fn save<D: Document>(tx: &Tx, d: &D) -> Result<()> {
    let before: Option<D> = find(tx, d.id())?;
    save_known(tx, before.as_ref(), d)
}

/// [`save`] for a caller that already holds the stored record (`before`, None for a
/// new one), e.g. from a per-file index of an import at volume: no lookup per row.
pub fn save_known<D: Document>(tx: &Tx, before: Option<&D>, d: &D) -> Result<()> {
    if before.is_some_and(|b| same(b, d)) {
        return Ok(());
    }
    write_row(tx, d)?;
    let op = if before.is_some() { "update" } else { "create" };
    tx.log_change(D::TABLE, d.id(), op, before, Some(d))
}

/// [`save`] of a change that is an operation of its own (a workflow's step: 交办,
/// 办结, 开始实施, 退回, a claim …): the change log names it by `op`, the action's
/// Chinese name, instead of 修改 (`update`).
pub fn save_as<D: Document>(tx: &Tx, d: &D, op: &str) -> Result<()> {
    let before: Option<D> = find(tx, d.id())?;
    if before.as_ref().is_some_and(|b| same(b, d)) {
        return Ok(());
    }
    write_row(tx, d)?;
    tx.log_change(D::TABLE, d.id(), op, before.as_ref(), Some(d))
}

/// A kind's check: its input (and the stored record, when updating) → the record.
pub type Check<D, I> = fn(&Connection, &Ctx, Option<&D>, &I) -> Result<D>;

/// Creates (`id` None) or updates a record from its input through the kind's own
/// check, and saves it.
pub fn upsert<D: Document, I>(
    tx: &Tx,
    id: Option<&str>,
    input: &I,
    check: Check<D, I>,
) -> Result<D> {
    Ok(upsert_from(tx, id, input, check)?.1)
}

/// [`upsert`] with a rule the app's form keeps beside the kind's check, run on the
/// checked record before it is saved (one visit a point a day, a committee member
/// not twice): an import, which finds a row's stored record by the same key and
/// updates it, needs only the check.
pub fn upsert_then<D: Document, I>(
    tx: &Tx,
    id: Option<&str>,
    input: &I,
    check: Check<D, I>,
    then: fn(&Connection, &D) -> Result<()>,
) -> Result<D> {
    Ok(checked_upsert(tx, id, input, check, then)?.1)
}

/// [`upsert`], giving also the record as it was stored before (None for a new one),
/// so a caller can tell created, changed and unchanged apart without reading again.
pub fn upsert_from<D: Document, I>(
    tx: &Tx,
    id: Option<&str>,
    input: &I,
    check: Check<D, I>,
) -> Result<(Option<D>, D)> {
    checked_upsert(tx, id, input, check, |_, _| Ok(()))
}

fn checked_upsert<D: Document, I>(
    tx: &Tx,
    id: Option<&str>,
    input: &I,
    check: Check<D, I>,
    then: fn(&Connection, &D) -> Result<()>,
) -> Result<(Option<D>, D)> {
    let before: Option<D> = id.map(|id| get(tx, id)).transpose()?;
    let d = check(tx, tx.ctx, before.as_ref(), input)?;
    then(tx, &d)?;
    save_known(tx, before.as_ref(), &d)?;
    Ok((before, d))
}

/// Deletes a record into the recycle bin.
pub fn delete<D: Document>(tx: &Tx, id: &str) -> Result<Entry> {
    let d: D = get(tx, id)?;
    delete_called(tx, &d, &d.summary())
}

/// [`delete`] of a record already read, named `called` in the recycle bin (a kind
/// whose own fields do not name it: a contact point by its leader and place).
fn delete_called<D: Document>(tx: &Tx, d: &D, called: &str) -> Result<Entry> {
    tx.execute(&format!("DELETE FROM {} WHERE id = ?1", D::TABLE), [d.id()])?;
    recycle::discard(tx, D::TABLE, D::LABEL, d.id(), called, d)
}

/// Records of another kind that name a record in one of their columns: while any
/// exist, the record is not deleted ([`delete_unless_named`]).
pub struct NamedBy {
    pub table: &'static str,
    pub column: &'static str,
    /// What they are, after their number: "个联系点", "次联席会议记录".
    pub what: &'static str,
}

/// Deletes a record into the recycle bin, refused while records of the kinds in
/// `named_by` still name it: "{summary}还有 2 名委员、1 次联席会议记录，不能删除。"
/// and then `advice` (what to do instead). Only the kinds that do name it are listed.
pub fn delete_unless_named<D: Document>(
    tx: &Tx,
    id: &str,
    named_by: &[NamedBy],
    advice: &str,
) -> Result<Entry> {
    delete_unless_named_as::<D>(tx, id, named_by, advice, D::summary)
}

/// [`delete_unless_named`], the record named by `called` in the refusal and the
/// recycle bin.
pub fn delete_unless_named_as<D: Document>(
    tx: &Tx,
    id: &str,
    named_by: &[NamedBy],
    advice: &str,
    called: impl Fn(&D) -> String,
) -> Result<Entry> {
    let d: D = get(tx, id)?;
    let mut still = Vec::new();
    for n in named_by {
        let k = count_in(tx, n.table, n.column, id)?;
        if k > 0 {
            still.push(format!("{k} {}", n.what));
        }
    }
    if !still.is_empty() {
        return Err(Error::Refused(format!(
            "{}还有 {}，不能删除。{advice}",
            called(&d),
            still.join("、")
        )));
    }
    delete_called(tx, &d, &called(&d))
}

/// Puts a deleted record back (from the recycle bin), as it was.
pub fn restore<D: Document>(tx: &Tx, payload: &serde_json::Value) -> Result<()> {
    restore_checked::<D>(tx, payload, |_, _| Ok(()))
}

/// [`restore`] after `check`: what the kind's own save refuses and the table cannot
/// (a name another record took meanwhile, a record named only inside the JSON that
/// has gone since), so a record never comes back in a state no form allows.
pub fn restore_checked<D: Document>(
    tx: &Tx,
    payload: &serde_json::Value,
    check: fn(&Connection, &D) -> Result<()>,
) -> Result<()> {
    let d: D = serde_json::from_value(payload.clone())?;
    if find::<D>(tx, d.id())?.is_some() {
        return Err(Error::Refused(format!(
            "{}已经存在，不需要恢复。",
            d.summary()
        )));
    }
    check(tx, &d)?;
    if let Some(why) = missing_reference(tx, &d)? {
        return Err(Error::Refused(format!("不能恢复{}：{why}", d.summary())));
    }
    if let Some(twin) = same_content(tx, &d)? {
        return Err(Error::Refused(format!(
            "不能恢复{}：已经有一条内容完全相同的{}（{}），多半是删除后又从Excel导入的。恢复会让它算两次；如果确实是两条，请先修改现有的那一条。",
            d.summary(),
            D::LABEL,
            twin.summary()
        )));
    }
    write_row(tx, &d).map_err(|e| restore_refusal(&d.summary(), e))?;
    tx.log_change(D::TABLE, d.id(), "restore", None, Some(&d))
}

/// A record of the office whose content is `d`'s but for its id and stamps: the
/// same row imported again after `d` was deleted (probe O: the 电话回访 deleted, then
/// imported again from the file, then restored, counted twice). Read only on a
/// restore.
fn same_content<D: Document>(conn: &Connection, d: &D) -> Result<Option<D>> {
    let strip = |v: serde_json::Value| match v {
        serde_json::Value::Object(mut m) => {
            for k in ["id", "createdAt", "updatedAt"] {
                m.remove(k);
            }
            Some(m)
        }
        _ => None,
    };
    let Some(own) = strip(serde_json::to_value(d)?) else {
        return Ok(None);
    };
    let mut st = conn.prepare(&format!(
        "SELECT json FROM {} WHERE owner_code = ?1",
        D::TABLE
    ))?;
    let mut rows = st.query([d.owner_code()])?;
    while let Some(r) = rows.next()? {
        let json: String = r.get(0)?;
        let Ok(other) = serde_json::from_str::<D>(&json) else {
            continue;
        };
        if strip(serde_json::to_value(&other)?).as_ref() == Some(&own) {
            return Ok(Some(other));
        }
    }
    Ok(None)
}

/// References a table holds without `REFERENCES` (the column came without one, or
/// a parent's delete takes its children into the bin itself): (table, column, the
/// table it names by id). [`missing_reference`] reads them as it reads the declared
/// ones, so a 培训参加人员 whose person, session or 村/社区 went meanwhile is not
/// brought back alone (it was, and counted in the figures). A test holds every
/// `…_id` column of the schema to one of the two.
pub const PLAIN_REFERENCES: &[(&str, &[(&str, &str)])] = &[
    (
        "training_participants",
        &[
            ("session_id", "training_sessions"),
            ("person_id", "people"),
            ("community_id", "units"),
        ],
    ),
    ("pipeline_events", &[("person_id", "people")]),
    ("inspections", &[("unit_id", "units")]),
    ("inspectors", &[("community_id", "units")]),
    ("demands", &[("department_id", "departments")]),
];

/// What a record to restore refers to that is gone, read from its table's own
/// references (`REFERENCES`): the gone record as the recycle bin names it, and
/// where to get it back (a 委员 whose 共建单位 was deleted was refused "例如所属的
/// 村/社区或委员会…", naming neither).
fn missing_reference<D: Document>(conn: &Connection, d: &D) -> Result<Option<String>> {
    let mut references: Vec<(String, String, String)> = conn
        .prepare_cached(
            "SELECT \"table\", \"from\", coalesce(\"to\", 'id') FROM pragma_foreign_key_list(?1)",
        )?
        .query_map([D::TABLE], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    references.extend(
        PLAIN_REFERENCES
            .iter()
            .filter(|(table, _)| *table == D::TABLE)
            .flat_map(|(_, columns)| columns.iter())
            .map(|(from, to)| (to.to_string(), from.to_string(), "id".to_string())),
    );
    let values = d.column_values();
    for (table, from, to) in references {
        let Some(Some(value)) = D::COLUMNS
            .iter()
            .position(|c| *c == from)
            .map(|i| values.get(i).cloned().flatten())
        else {
            continue;
        };
        let there: Option<i64> = conn
            .query_row(
                &format!("SELECT 1 FROM \"{table}\" WHERE \"{to}\" = ?1"),
                [&value],
                |r| r.get(0),
            )
            .optional()?;
        if there.is_none() {
            return Ok(Some(match recycle::summary_of(conn, &table, &value)? {
                // Named once: the bin's summary may carry （连同 7 条参加人员记录）.
                Some(gone) => {
                    format!("它关联的{gone}已被删除。请先在回收站中恢复那一条，再恢复这一条。")
                }
                None => "它关联的记录已被彻底删除（回收站里也没有），无法恢复。".into(),
            }));
        }
    }
    Ok(None)
}

/// What a restore that the table refused means: a reference whose record is gone,
/// or a record the table holds only once (a compound's 三亮) entered again since.
/// Any other failure (a full disk, a read-only file) says itself.
fn restore_refusal(summary: &str, e: Error) -> Error {
    use rusqlite::ffi;
    let Error::Storage(rusqlite::Error::SqliteFailure(f, _)) = &e else {
        return e;
    };
    match f.extended_code {
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => Error::Refused(format!(
            "{summary}引用的记录已不存在（例如所属的村/社区或委员会已被删除），请先恢复它们。"
        )),
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => Error::Conflict {
            field: None,
            message: format!(
                "已经有一条与{summary}相同的记录（删除后又新填了一条），恢复会重复。要用回收站里的这一条，请先删除现有的那条再恢复。"
            ),
        },
        _ => e,
    }
}

/// For [`restore_checked`]: the record's unique `name` must still be free.
pub fn restore_name_free<D: Document>(conn: &Connection, d: &D, name: &str) -> Result<()> {
    if name_taken::<D>(conn, name, d.id())? {
        return Err(Error::Conflict {
            field: Some("name"),
            message: format!(
                "已经有名为“{name}”的{}，恢复后会有两个同名的。请先把现有的那个改名，再恢复这一条。",
                D::LABEL
            ),
        });
    }
    Ok(())
}

/// For [`restore_checked`]: record `id` of kind `R`, which `d` names as its `what`
/// (认领单位, 承办部门), must be there; one in the recycle bin is named.
pub fn restore_needs<R: Document>(
    conn: &Connection,
    d: &impl Document,
    what: &str,
    id: &str,
) -> Result<()> {
    if find::<R>(conn, id)?.is_some() {
        return Ok(());
    }
    let hint = recycle::summary_of(conn, R::TABLE, id)?
        .map(|s| format!("请先在回收站中恢复{s}。"))
        .unwrap_or_else(|| format!("该{}已不存在。", R::LABEL));
    Err(Error::Refused(format!(
        "不能恢复{}：它的{what}已被删除。{hint}",
        d.summary()
    )))
}

/// Implements [`Document`] for a record type: its table, Chinese label, the
/// indexed columns with their values, and its one-line summary.
macro_rules! document {
    ($ty:ty, $table:literal, $label:literal, [$($col:literal => $val:expr),*], |$s:ident| $summary:expr) => {
        impl Document for $ty {
            const TABLE: &'static str = $table;
            const LABEL: &'static str = $label;
            const COLUMNS: &'static [&'static str] = &[$($col),*];
            fn id(&self) -> &str { &self.id }
            fn owner_code(&self) -> &str { &self.owner_code }
            fn created_at(&self) -> &str { &self.created_at }
            fn updated_at(&self) -> &str { &self.updated_at }
            #[allow(clippy::redundant_closure_call)]
            fn column_values(&self) -> Vec<Option<String>> {
                let $s = self;
                let _ = $s;
                vec![$(($val).clone()),*]
            }
            fn summary(&self) -> String {
                let $s = self;
                $summary
            }
        }
    };
}
pub(crate) use document;

#[cfg(test)]
mod tests {
    use super::*;

    /// A restore the table refuses says why: a gone reference, a record held once
    /// and entered again, or the failure itself (a full disk is no missing parent).
    #[test]
    fn a_refused_restore_says_what_the_table_refused() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = ON; CREATE TABLE once (a UNIQUE);
             CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (p REFERENCES parent (id));
             INSERT INTO once VALUES (1);",
        )
        .unwrap();
        let unique: Error = c
            .execute("INSERT INTO once VALUES (1)", [])
            .unwrap_err()
            .into();
        let e = restore_refusal("小区“阳光花园”的三亮", unique);
        assert!(matches!(e, Error::Conflict { .. }), "{e:?}");
        assert!(
            e.to_string()
                .contains("已经有一条与小区“阳光花园”的三亮相同的记录"),
            "{e}"
        );
        let gone: Error = c
            .execute("INSERT INTO child VALUES ('x')", [])
            .unwrap_err()
            .into();
        let e = restore_refusal("委员", gone);
        assert!(e.to_string().contains("委员引用的记录已不存在"), "{e}");
        let full = Error::Storage(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        ));
        let e = restore_refusal("委员", full);
        assert!(e.to_string().contains("磁盘空间不足"), "{e}");
    }
}
