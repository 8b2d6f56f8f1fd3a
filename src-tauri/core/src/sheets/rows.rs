//! Helpers every domain's import sheets share: problems in a column, yes/no
//! cells, lists in a cell, per-file lookups of stored records, and "did this row
//! change anything". Below the domains, so any domain's sheets may use them.

use std::any::{Any, TypeId};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

use crate::base::error::{Error, Result};
use crate::sheets::import::{Applied, FileLookup, RecordKind, RowCells};
use crate::store::ledger::{self, Document};
use crate::store::{Ctx, Tx};

pub(crate) type Problems = Vec<(&'static str, String)>;

/// A context for validating rows outside a transaction (preview): stamps are
/// thrown away, only `today` matters.
pub(crate) fn ctx_for(today: NaiveDate) -> Ctx {
    let noon = today.and_hms_opt(4, 0, 0).unwrap_or_default();
    Ctx::new(Utc.from_utc_datetime(&noon))
}

pub(crate) fn on(column: &'static str) -> impl Fn(Error) -> Problems {
    move |e| vec![(column, e.to_string())]
}

/// Puts an error from a record kind's own checks in the column it is about: the
/// column with the error's field as key, else `renames` (field → column), else
/// `default`.
pub(crate) fn in_column<K: RecordKind>(
    renames: &'static [(&'static str, &'static str)],
    default: &'static str,
) -> impl Fn(Error) -> Problems {
    let column = move |field: Option<&str>| {
        renames
            .iter()
            .find(|(f, _)| Some(*f) == field)
            .map(|(_, c)| *c)
            .or_else(|| {
                K::COLUMNS
                    .iter()
                    .find(|c| Some(c.key) == field)
                    .map(|c| c.key)
            })
            .unwrap_or(default)
    };
    // A form's whole check (several fields wrong): each under its own column.
    move |e| match e {
        Error::Problems(list) => list
            .into_iter()
            .map(|p| (column(Some(p.field)), p.message))
            .collect(),
        e => vec![(column(e.field()), e.to_string())],
    }
}

pub(crate) fn yes_no(column: &'static str, s: &str) -> std::result::Result<bool, Problems> {
    match s.trim() {
        "已成立" | "已建" | "已建立" | "兼职" => Ok(true),
        "" | "未成立" | "未建" | "未建立" | "专职" => Ok(false),
        other => crate::base::fields::yes_or_no(other)
            .ok_or_else(|| vec![(column, format!("“{other}”无法识别，请填“是”或“否”。"))]),
    }
}

/// The records a party, co-building or contact sheet names (committees, partner
/// units, leaders, departments …), read once per file and indexed, so a row's
/// lookup does not read the whole list again: imports stay linear.
#[derive(Default)]
pub struct Refs {
    /// (record type, what the index is keyed by) → key → records.
    indexes: HashMap<(TypeId, &'static str), Box<dyn Any>>,
    /// What earlier rows of the file took, by what it is (`rebound` → entry id →
    /// the row): a change only one row may make.
    taken: HashMap<(&'static str, String), usize>,
}

impl FileLookup for Refs {
    fn build(_: &Connection, _: &[RowCells]) -> Result<Self> {
        Ok(Refs::default())
    }
}

impl Refs {
    /// The first row of the file that takes `key` for `what` (a rebound reopens its
    /// entry once): `None` when `row` is that first, else the row that took it.
    pub(crate) fn take(&mut self, what: &'static str, key: &str, row: usize) -> Option<usize> {
        let first = *self.taken.entry((what, key.to_string())).or_insert(row);
        (first != row).then_some(first)
    }

    /// The stored `D`s whose `key` is `value`; the index `tag` is built on first use.
    pub(crate) fn find<D: Document + 'static>(
        &mut self,
        conn: &Connection,
        tag: &'static str,
        key: fn(&D) -> String,
        value: &str,
    ) -> Result<&[D]> {
        let index = match self.indexes.entry((TypeId::of::<D>(), tag)) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let mut m: HashMap<String, Vec<D>> = HashMap::new();
                for d in ledger::list::<D>(conn)? {
                    m.entry(key(&d)).or_default().push(d);
                }
                e.insert(Box::new(m))
            }
        };
        let index = index
            .downcast_ref::<HashMap<String, Vec<D>>>()
            .ok_or_else(|| Error::Internal("Refs: index of another type".into()))?;
        Ok(index.get(value).map(Vec::as_slice).unwrap_or(&[]))
    }

    /// The one stored `D` named `text`.
    pub(crate) fn by_name<D: Document + 'static>(
        &mut self,
        conn: &Connection,
        name: fn(&D) -> String,
        text: &str,
        what: &str,
    ) -> std::result::Result<D, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(format!("请填写{what}。"));
        }
        let found = self
            .find::<D>(conn, "name", name, text)
            .map_err(|e| e.to_string())?;
        match found {
            [one] => Ok(one.clone()),
            [] => Err(format!("没有名为“{text}”的{what}。请先建立或先导入它。")),
            many => Err(format!(
                "名为“{text}”的{what}有 {} 个，请先改名区分。",
                many.len()
            )),
        }
    }
}

/// What separates the items of a list in one cell (名单、多个单位), line breaks aside.
pub(crate) const LIST_BREAKS: [char; 5] = ['、', '；', ';', ',', '，'];

pub(crate) fn list_of(s: &str) -> Vec<String> {
    s.split(|c| LIST_BREAKS.contains(&c) || c == '\n')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Applies a parsed row: create or update through the record kind's own
/// functions, then says whether anything changed.
pub(crate) fn applied<D: Document>(
    tx: &Tx,
    existing: Option<&str>,
    write: impl FnOnce(&Tx) -> Result<String>,
) -> Result<Applied> {
    let before: Option<D> = existing.map(|id| ledger::get(tx, id)).transpose()?;
    let id = write(tx)?;
    let after: D = ledger::get(tx, &id)?;
    Ok(match before {
        None => Applied::Created,
        Some(b) if ledger::same(&b, &after) => Applied::Unchanged,
        Some(_) => Applied::Updated,
    })
}

/// Applies a parsed row of a [`Document`] kind through the kind's check
/// ([`ledger::upsert_from`]) and says whether anything changed: one read of the
/// stored record, no read back.
/// The table of the records `check` makes ([`RecordKind::stored_in`]).
pub(crate) fn table_of<D: Document, I>(_check: ledger::Check<D, I>) -> &'static str {
    D::TABLE
}

pub(crate) fn upserted<D: Document, I>(
    tx: &Tx,
    existing: Option<&str>,
    input: &I,
    check: ledger::Check<D, I>,
    then: fn(&Tx, &D, &D) -> Result<()>,
) -> Result<Applied> {
    let (before, after) = ledger::upsert_from(tx, existing, input, check)?;
    Ok(match before {
        None => Applied::Created,
        Some(b) if ledger::same(&b, &after) => Applied::Unchanged,
        Some(b) => {
            then(tx, &b, &after)?;
            Applied::Updated
        }
    })
}

/// Whether `input` put through `check` onto stored record `id` would leave it as it
/// is (the import preview's 没有变化), read without writing; `false` when the record
/// cannot be read or the check refuses.
pub(crate) fn would_keep<D: Document, I>(
    conn: &Connection,
    today: NaiveDate,
    id: &str,
    input: &I,
    check: ledger::Check<D, I>,
) -> bool {
    let Ok(before) = ledger::get::<D>(conn, id) else {
        return false;
    };
    check(conn, &ctx_for(today), Some(&before), input)
        .is_ok_and(|after| ledger::same(&before, &after))
}

/// What `input` put through `check` onto stored record `id` would change
/// ([`changed_columns`]); nothing when the record cannot be read or the check
/// refuses (the row is then refused anyway).
pub(crate) fn would_change<K: RecordKind, D: Document, I>(
    conn: &Connection,
    today: NaiveDate,
    id: &str,
    input: &I,
    check: ledger::Check<D, I>,
) -> Vec<String> {
    let Ok(before) = ledger::get::<D>(conn, id) else {
        return Vec::new();
    };
    match check(conn, &ctx_for(today), Some(&before), input) {
        Ok(after) => changed_columns::<K>(&before, &after),
        Err(_) => Vec::new(),
    }
}

/// The missing columns (by key) whose values `input` put through `check` onto
/// stored record `id` would clear ([`cleared_columns`]); every missing column when
/// the record cannot be read or the check refuses (the row is then refused anyway).
pub(crate) fn would_clear<K: RecordKind, D: Document, I>(
    conn: &Connection,
    today: NaiveDate,
    id: &str,
    input: &I,
    check: ledger::Check<D, I>,
    present: &dyn Fn(&str) -> bool,
) -> Vec<&'static str> {
    let missing = || missing_columns(K::COLUMNS, present);
    let Ok(before) = ledger::get::<D>(conn, id) else {
        return missing();
    };
    let Ok(after) = check(conn, &ctx_for(today), Some(&before), input) else {
        return missing();
    };
    cleared_columns::<K>(&before, &after, present)
}

/// What `input` put through `check` onto stored record `id` would empty among the
/// `blank` columns ([`emptied_columns`]); nothing when the record cannot be read or
/// the check refuses (the row is then refused anyway).
pub(crate) fn would_empty<K: RecordKind, D: Document, I>(
    conn: &Connection,
    today: NaiveDate,
    id: &str,
    input: &I,
    check: ledger::Check<D, I>,
    blank: &[&'static str],
) -> Vec<String> {
    let Ok(before) = ledger::get::<D>(conn, id) else {
        return Vec::new();
    };
    match check(conn, &ctx_for(today), Some(&before), input) {
        Ok(after) => emptied_columns::<K>(&before, &after, blank),
        Err(_) => Vec::new(),
    }
}

/// The `blank` columns (by key) whose field had a value in `before` and has
/// another in `after` (none, or the default an empty cell gives: 来源 → 其他), each
/// as 联系电话（139****0005）: phones and ID numbers masked as every list shows them,
/// a 是否 as 是, a list by its count. A column's field is the one of its key, or
/// the id it names (村/社区 → `unitId`, 结对村/社区 `villages` → `villageIds`,
/// 参会委员 `attendees` → `attendeeIds`), shown by the column's name alone.
pub(crate) fn emptied_columns<K: RecordKind>(
    before: &impl serde::Serialize,
    after: &impl serde::Serialize,
    blank: &[&'static str],
) -> Vec<String> {
    match (serde_json::to_value(before), serde_json::to_value(after)) {
        (Ok(b), Ok(a)) => emptied_in(K::COLUMNS, &b, &a, blank),
        _ => Vec::new(),
    }
}

/// Whether `t` is ASCII holding a dotted key (`100 * compounds.sanliang_complete /
/// compounds.total`): stored for the program, shown to a clerk by name elsewhere.
fn holds_keys(t: &str) -> bool {
    t.is_ascii()
        && t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .any(|w| {
                w.split_once('.').is_some_and(|(a, b)| {
                    a.starts_with(|c: char| c.is_ascii_lowercase())
                        && b.starts_with(|c: char| c.is_ascii_lowercase())
                })
            })
}

/// [`emptied_columns`] compiled once for every kind (its body once per kind made
/// the release binary 395 KB larger: 21,174,128 against 20,779,120 bytes).
fn emptied_in(
    columns: &'static [crate::sheets::import::Column],
    before: &serde_json::Value,
    a: &serde_json::Value,
    blank: &[&'static str],
) -> Vec<String> {
    let serde_json::Value::Object(b) = before else {
        return Vec::new();
    };
    columns
        .iter()
        .filter(|c| blank.contains(&c.key))
        .filter_map(|c| {
            let (field, was) = column_fields(c)
                .into_iter()
                .find_map(|f| b.get(&f).filter(|v| !empty_value(Some(v))).map(|v| (f, v)))?;
            if a.get(field.as_str()) == Some(was) {
                return None;
            }
            Some(match shown(c, &field, was) {
                Some(shown) => format!("{}（{shown}）", c.header),
                None => c.header.to_string(),
            })
        })
        .collect()
}

/// The fields a column may fill: its key, or the id it names (村/社区 → `unitId`,
/// 结对村/社区 `villages` → `villageIds`, 参会委员 `attendees` → `attendeeIds`).
fn column_fields(c: &crate::sheets::import::Column) -> Vec<String> {
    let singular = c.key.strip_suffix('s').unwrap_or(c.key);
    let mut named = vec![
        c.key.to_string(),
        format!("{}Id", c.key),
        format!("{singular}Ids"),
    ];
    if matches!(c.key, "village" | "unit") {
        named.push("unitId".to_string());
    }
    named
}

/// A stored value of column `c` (in `field`) as a clerk reads it: phones and ID
/// numbers masked as every list shows them, a 是否 as 是, a list by its count, a long
/// text cut; `None` where only the column's name says anything (an id, a stored
/// code such as 来源 `visit`, a formula of figure keys).
fn shown(c: &crate::sheets::import::Column, field: &str, v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    Some(match v {
        _ if field != c.key => match v {
            Value::Array(x) => format!("{} 项", x.len()),
            _ => return None,
        },
        Value::String(t) if c.header == "身份证号码" => {
            crate::base::identity::mask_id_number(t)
        }
        Value::String(t) if crate::sheets::kind::MASKED_HEADERS.contains(&c.header) => {
            crate::base::identity::mask_phone(t)
        }
        Value::String(t)
            if !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                || holds_keys(t) =>
        {
            return None
        }
        Value::String(t) if t.chars().count() > 20 => {
            format!("{}…", t.chars().take(20).collect::<String>())
        }
        Value::String(t) => t.clone(),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::Null => "空".into(),
        Value::Array(x) => format!("{} 项", x.len()),
        // 90, not 90.0 (as the clerk typed it and the list shows it).
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    })
}

/// A change as a note says it: 手机号码（138****5678 → 139****0012）. Two values shown
/// alike (139****5066 → 139****5066: only masked digits change, probe AB) say so.
pub(crate) fn change_said(header: &str, was: &str, now: &str) -> String {
    if was == now {
        format!("{header}（{was}，打码的几位有改动）")
    } else {
        format!("{header}（{was} → {now}）")
    }
}

/// The columns whose value a row changes on a stored record (`before` → `after`),
/// each as 办理时限（2026-12-01 → 2027-01-15）, or by its name alone where a value
/// says nothing to a clerk: what an update does, said before it is imported (the
/// preview said only 更新 2). A column the row empties is left to
/// [`RecordKind::empties`].
pub(crate) fn changed_columns<K: RecordKind>(
    before: &impl serde::Serialize,
    after: &impl serde::Serialize,
) -> Vec<String> {
    let (Ok(serde_json::Value::Object(b)), Ok(serde_json::Value::Object(a))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    K::COLUMNS
        .iter()
        .filter_map(|c| {
            let field = column_fields(c)
                .into_iter()
                .find(|f| b.contains_key(f) || a.contains_key(f))?;
            let (was, now) = (b.get(&field), a.get(&field));
            if was == now || empty_value(now) {
                return None;
            }
            // A list as long as before: which of its items change (决定事项 said
            // （1 项 → 1 项）).
            if let (Some(serde_json::Value::Array(w)), Some(serde_json::Value::Array(n))) =
                (was, now)
            {
                if w.len() == n.len() {
                    let which: Vec<String> = w
                        .iter()
                        .zip(n)
                        .enumerate()
                        .filter(|(_, (a, b))| a != b)
                        .map(|(i, _)| (i + 1).to_string())
                        .collect();
                    return Some(format!("{}（第 {} 项有改动）", c.header, which.join("、")));
                }
            }
            // A coded value by its label, where the kind names them.
            let label = |v: &serde_json::Value| {
                shown(c, &field, v).or_else(|| {
                    let code = v.as_str()?;
                    crate::base::lookup(K::VALUES, field.as_str())?
                        .iter()
                        .find(|(k, _)| *k == code)
                        .map(|(_, l)| l.to_string())
                })
            };
            let said = |v: Option<&serde_json::Value>| match v {
                Some(v) if !empty_value(Some(v)) => label(v),
                _ => Some("空".into()),
            };
            Some(match (said(was), now.and_then(label)) {
                (Some(w), Some(n)) => change_said(c.header, &w, &n),
                _ => c.header.to_string(),
            })
        })
        .collect()
}

/// The `empties` of a [`RecordKind`] whose rows carry an `input` and a `state`
/// (a dated workflow: 诉求, 共建项目, 准入事项), told from `$result(conn, id,
/// input, state, today)`, which gives the stored record and what the row would
/// make of it.
macro_rules! empties_of_workflow {
    ($result:path) => {
        /// Unchanged when the row put onto the stored record leaves it as it is (a
        /// change of step adds a timeline entry: never the same).
        fn unchanged(
            conn: &rusqlite::Connection,
            p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
        ) -> bool {
            $result(conn, existing, &p.input, &p.state, today)
                .is_some_and(|(before, after)| $crate::store::ledger::same(&before, &after))
        }
        fn near(
            conn: &rusqlite::Connection,
            p: &Self::Parsed,
            today: chrono::NaiveDate,
            cache: &mut $crate::sheets::rows::NearCache,
        ) -> Vec<(String, String)> {
            $crate::sheets::rows::near_onto::<Self, _>(conn, cache, |id| {
                $result(conn, id, &p.input, &p.state, today)
            })
        }
        fn absent(
            conn: &rusqlite::Connection,
            mentioned: &std::collections::HashSet<String>,
            _rows: &[&Self::Parsed],
        ) -> Option<$crate::sheets::rows::Absent> {
            $crate::sheets::rows::absent_by_result(conn, mentioned, $result)
        }
        fn empties(
            conn: &rusqlite::Connection,
            p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
            blank: &[&'static str],
        ) -> Vec<String> {
            $result(conn, existing, &p.input, &p.state, today)
                .map(|(before, after)| {
                    $crate::sheets::rows::emptied_columns::<Self>(&before, &after, blank)
                })
                .unwrap_or_default()
        }
        fn changes(
            conn: &rusqlite::Connection,
            p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
        ) -> Vec<String> {
            $result(conn, existing, &p.input, &p.state, today)
                .map(|(before, after)| {
                    $crate::sheets::rows::changed_columns::<Self>(&before, &after)
                })
                .unwrap_or_default()
        }
    };
}
pub(crate) use empties_of_workflow;

/// The kind's columns (by key) the file does not have.
pub(crate) fn missing_columns(
    columns: &'static [crate::sheets::import::Column],
    present: &dyn Fn(&str) -> bool,
) -> Vec<&'static str> {
    columns
        .iter()
        .filter(|c| !present(c.key))
        .map(|c| c.key)
        .collect()
}

/// The missing columns (by key) whose values putting a row onto stored record
/// `before` would clear in `after` (see [`RecordKind::clears`]): a field whose value
/// was not empty and is now empty or gone, and whose name is not a column of the
/// file (a column the clerk emptied clears its field, as it should).
pub(crate) fn cleared_columns<K: RecordKind>(
    before: &impl serde::Serialize,
    after: &impl serde::Serialize,
    present: &dyn Fn(&str) -> bool,
) -> Vec<&'static str> {
    let missing = || missing_columns(K::COLUMNS, present);
    let (Ok(serde_json::Value::Object(b)), Ok(a)) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return missing();
    };
    let missing_keys = missing();
    // A missing column's own field that had a value and would change at all (to
    // empty, or to the default an empty cell gives: a demand's 来源 or 办理层级);
    // a field no column is named after that would be emptied (a department's id,
    // cleared by a missing 承办部门) names every missing column.
    let mut named: Vec<&'static str> = Vec::new();
    let mut unnamed = false;
    for (k, v) in &b {
        if empty_value(Some(v)) || present(k) || matches!(k.as_str(), "updatedAt" | "createdAt") {
            continue;
        }
        match missing_keys.iter().find(|m| **m == k.as_str()) {
            Some(m) if a.get(k.as_str()) != Some(v) => named.push(m),
            Some(_) => {}
            None if empty_value(a.get(k.as_str())) => unnamed = true,
            None => {}
        }
    }
    if unnamed {
        missing_keys
    } else {
        // In the file's column order.
        missing_keys
            .into_iter()
            .filter(|k| named.contains(k))
            .collect()
    }
}

/// Nothing there: absent, null, "", [] or false (a 是否 left at 否).
pub(crate) fn empty_value(v: Option<&serde_json::Value>) -> bool {
    match v {
        None | Some(serde_json::Value::Null) | Some(serde_json::Value::Bool(false)) => true,
        Some(serde_json::Value::String(s)) => s.is_empty(),
        Some(serde_json::Value::Array(x)) => x.is_empty(),
        Some(_) => false,
    }
}

/// The stored records of a kind as an import compares them with a new row (see
/// [`near_records`]): built once per file, on the first new row.
pub struct Near {
    /// A stored record's id, for the kinds that build a row's record onto one.
    base: Option<String>,
    /// The fields compared: the kind's columns the record holds but those exports
    /// mask (a clerk retypes or clears them), and, for the kinds that say so, the
    /// references (`…Id`, `…Ids`) a row sets.
    fields: Vec<String>,
    /// Each stored record: its id and its value of every field (empty as `Null`).
    stored: Vec<(String, Vec<serde_json::Value>)>,
    /// (field left out, hash of the other fields) → stored records.
    index: HashMap<(usize, u64), Vec<usize>>,
}

/// The per-file cache of [`Near`].
pub type NearCache = Option<Near>;

fn near_fields(
    columns: &[crate::sheets::import::Column],
    o: &serde_json::Map<String, serde_json::Value>,
    references: bool,
) -> Vec<String> {
    use crate::sheets::kind::MASKED_HEADERS;
    let mut fields: Vec<String> = columns
        .iter()
        .filter(|c| o.contains_key(c.key) && !MASKED_HEADERS.contains(&c.header))
        .map(|c| c.key.to_string())
        .collect();
    if references {
        let set: Vec<String> = o
            .iter()
            .filter(|(k, v)| {
                (k.ends_with("Id") || k.ends_with("Ids"))
                    && !fields.contains(k)
                    && !empty_value(Some(v))
            })
            .map(|(k, _)| k.clone())
            .collect();
        fields.extend(set);
    }
    fields
}

/// A value as compared: empty as `Null`, and the ids the records of a list carry
/// (a meeting's decisions) left out, as each import makes new ones.
fn near_value(v: Option<&serde_json::Value>) -> serde_json::Value {
    use serde_json::Value;
    match v {
        x if empty_value(x) => Value::Null,
        Some(Value::Array(a)) => Value::Array(
            a.iter()
                .map(|x| match x {
                    Value::Object(o) => {
                        let mut o = o.clone();
                        o.remove("id");
                        Value::Object(o)
                    }
                    other => other.clone(),
                })
                .collect(),
        ),
        Some(x) => x.clone(),
        None => Value::Null,
    }
}

fn near_values(v: &serde_json::Value, fields: &[String]) -> Option<Vec<serde_json::Value>> {
    let o = v.as_object()?;
    Some(fields.iter().map(|f| near_value(o.get(f))).collect())
}

/// Each value's hash, once: [`hash_but`] combines them for every field left out.
fn hashes(values: &[serde_json::Value]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    values
        .iter()
        .map(|v| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v.to_string().hash(&mut h);
            h.finish()
        })
        .collect()
}

fn hash_but(hashes: &[u64], left_out: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (i, v) in hashes.iter().enumerate() {
        if i != left_out {
            v.hash(&mut h);
        }
    }
    h.finish()
}

/// The stored records a new row is but for one of the kind's columns: each as
/// (its id, what to say). `make(id)` is the row as a record (put onto stored record
/// `id`, for the kinds that build it onto one; only the compared fields are read).
/// A corrected key (a 会议日期, a 培训日期, a name) made a second record unsaid
/// while the first stayed; the import says so, and the caller keeps only those the
/// file has no row for. A row with fewer than three filled fields is not compared
/// (two departments of one level differ by their name alone). Generic only in
/// reading the kind's records ([`near_records`] is the shim each kind compiles).
fn near_in(
    columns: &[crate::sheets::import::Column],
    label: &str,
    fix: &str,
    cache: &mut NearCache,
    references: bool,
    stored: &dyn Fn() -> Vec<(String, serde_json::Value)>,
    make: &dyn Fn(&str) -> Option<serde_json::Value>,
) -> Vec<(String, String)> {
    let near = cache.get_or_insert_with(|| {
        let stored = stored();
        let base = stored.first().map(|(id, _)| id.clone());
        let mut fields = base
            .as_deref()
            .and_then(make)
            .and_then(|v| v.as_object().map(|o| near_fields(columns, o, references)))
            .unwrap_or_default();
        // What a row put onto a record leaves as that record had it (a demand's 来源
        // is set once) is the base's, not the row's: told by putting the row onto
        // several records (their values differ there), and not compared.
        let tried: Vec<Vec<serde_json::Value>> = stored
            .iter()
            .take(8)
            .filter_map(|(id, _)| make(id))
            .filter_map(|v| near_values(&v, &fields))
            .collect();
        if let Some(first) = tried.first() {
            let kept: Vec<bool> = (0..fields.len())
                .map(|i| tried.iter().all(|t| t[i] == first[i]))
                .collect();
            let mut i = 0;
            fields.retain(|_| {
                i += 1;
                kept[i - 1]
            });
        }
        let mut near = Near {
            base,
            fields,
            stored: Vec::new(),
            index: HashMap::new(),
        };
        for (id, v) in &stored {
            let Some(values) = near_values(v, &near.fields) else {
                continue;
            };
            let at = near.stored.len();
            let each = hashes(&values);
            for f in 0..near.fields.len() {
                near.index
                    .entry((f, hash_but(&each, f)))
                    .or_default()
                    .push(at);
            }
            near.stored.push((id.clone(), values));
        }
        near
    });
    let Some(after) = near.base.as_deref().and_then(make) else {
        return Vec::new();
    };
    let Some(values) = near_values(&after, &near.fields) else {
        return Vec::new();
    };
    if values.iter().filter(|v| !v.is_null()).count() < 3 {
        return Vec::new();
    }
    let each = hashes(&values);
    let mut found = Vec::new();
    for (f, field) in near.fields.iter().enumerate() {
        // A reference (taskId) by the column it is read from (task): its stored
        // value is an id, so the note names the column, not the value.
        let Some(column) = columns
            .iter()
            .find(|c| c.key == field || field.strip_suffix("Id") == Some(c.key))
        else {
            continue;
        };
        for &at in near
            .index
            .get(&(f, hash_but(&each, f)))
            .into_iter()
            .flatten()
        {
            let (id, theirs) = &near.stored[at];
            let one_apart = theirs
                .iter()
                .zip(&values)
                .enumerate()
                .all(|(i, (a, b))| (i == f) != (a == b));
            if !one_apart {
                continue;
            }
            let was = match &theirs[f] {
                _ if column.key != field => String::new(),
                serde_json::Value::String(t) => format!("（{}：{t}）", column.header),
                serde_json::Value::Number(n) => format!("（{}：{n}）", column.header),
                _ => String::new(),
            };
            found.push((
                id.clone(),
                format!(
                    "{}{label}；已有一条只有“{h}”不同的{label}{was}，文件里没有它的行。如是改了{h}，请在软件里{fix}，并把这一行从文件里删掉再导入（否则会多出一条）；确是另一条的，可以导入。",
                    crate::sheets::import::NEAR_NOTE,
                    h = column.header,
                ),
            ));
        }
    }
    found
}

/// [`near_in`] for kind `K` of records `D`.
pub(crate) fn near_records<K: RecordKind, D: Document>(
    conn: &Connection,
    cache: &mut NearCache,
    references: bool,
    make: &dyn Fn(&str) -> Option<D>,
) -> Vec<(String, String)> {
    let stored = || {
        ledger::list::<D>(conn)
            .unwrap_or_default()
            .iter()
            .filter_map(|d| Some((d.id().to_string(), serde_json::to_value(d).ok()?)))
            .collect()
    };
    let make = |id: &str| make(id).and_then(|d| serde_json::to_value(d).ok());
    near_in(
        K::COLUMNS,
        K::LABEL,
        K::NEAR_FIX,
        cache,
        references,
        &stored,
        &make,
    )
}

/// [`near_records`] for the workflow kinds, whose row is put onto a stored record
/// (`result(id)`: that record before and after).
pub(crate) fn near_onto<K: RecordKind, D: Document>(
    conn: &Connection,
    cache: &mut NearCache,
    result: impl Fn(&str) -> Option<(D, D)>,
) -> Vec<(String, String)> {
    near_records::<K, D>(conn, cache, false, &|id| result(id).map(|(_, after)| after))
}

/// The stored records of a kind a file's rows do not name (see
/// [`RecordKind::absent`]).
pub struct Absent {
    /// Records stored.
    pub total: usize,
    /// Of them, those no row names.
    pub missing: usize,
    /// The first few of those, by what they are called.
    pub names: Vec<String>,
    /// What the records are, with their measure word (个已有的共建单位, 位在岗人员),
    /// and what the clerk is told to do instead of deleting rows; `None`: the
    /// kind's label, and 在软件里删除.
    pub what: Option<String>,
    pub instead: Option<&'static str>,
}

impl Absent {
    /// Of `stored` (id, name), those `mentioned` leaves out, the first five named by
    /// `name`; said as `what`, with what to do `instead`.
    pub(crate) fn among(
        stored: &[(String, String)],
        mentioned: &std::collections::HashSet<String>,
        name: impl Fn(&str, &str) -> String,
        what: String,
        instead: &'static str,
    ) -> Absent {
        let missing: Vec<&(String, String)> = stored
            .iter()
            .filter(|(id, _)| !mentioned.contains(id))
            .collect();
        Absent {
            total: stored.len(),
            missing: missing.len(),
            names: missing.iter().take(5).map(|(id, n)| name(id, n)).collect(),
            what: Some(what),
            instead: Some(instead),
        }
    }
}

/// [`Absent`] for records `D`, against the ids a file's rows matched; each named by
/// its summary (without the kind's label before a quoted name).
pub(crate) fn absent_of<D: Document>(
    conn: &Connection,
    mentioned: &std::collections::HashSet<String>,
) -> Option<Absent> {
    absent_named::<D>(conn, mentioned, &|d| {
        let named = d.summary();
        // 共建单位“青溪社工服务中心” is said under 已有的共建单位 already.
        match named.strip_prefix(D::LABEL) {
            Some(rest) if rest.starts_with('“') => rest.to_string(),
            _ => named,
        }
    })
}

/// [`absent_of`] with the records named by `name`.
pub(crate) fn absent_named<D: Document>(
    conn: &Connection,
    mentioned: &std::collections::HashSet<String>,
    name: &dyn Fn(&D) -> String,
) -> Option<Absent> {
    let ids = ledger::ids::<D>(conn).ok()?;
    let missing: Vec<&String> = ids.iter().filter(|id| !mentioned.contains(*id)).collect();
    let names = missing
        .iter()
        .take(5)
        .filter_map(|id| ledger::find::<D>(conn, id).ok().flatten())
        .map(|d| name(&d))
        .collect();
    Some(Absent {
        total: ids.len(),
        missing: missing.len(),
        names,
        what: None,
        instead: None,
    })
}

/// [`absent_of`] for the records `check` makes (the kinds of [`through`]).
pub(crate) fn absent_by_check<D: Document, I>(
    conn: &Connection,
    mentioned: &std::collections::HashSet<String>,
    _check: ledger::Check<D, I>,
) -> Option<Absent> {
    absent_of::<D>(conn, mentioned)
}

/// What a dated workflow's row makes of stored record `id` (see
/// [`empties_of_workflow`]): the record before and after.
pub(crate) type WorkflowResult<D, I, S> =
    fn(&Connection, &str, &I, &S, NaiveDate) -> Option<(D, D)>;

/// [`absent_of`] for the records `result` tells (the kinds of [`empties_of_workflow`]).
pub(crate) fn absent_by_result<D: Document, I, S>(
    conn: &Connection,
    mentioned: &std::collections::HashSet<String>,
    _result: WorkflowResult<D, I, S>,
) -> Option<Absent> {
    absent_of::<D>(conn, mentioned)
}

/// The `apply` and `unchanged` of a [`RecordKind`] whose rows go through their
/// record's own check as they are: `through!(cobuild::checked_partner)` when the
/// parsed row is the check's input, `through!(check, input)` when its `input` field
/// is. The preview then tells an update that changes nothing from one that does.
/// `through!(check, then follow)` runs `follow(tx, before, after)` after an update,
/// in its transaction, as the kind's own update does (a questionnaire's renamed
/// options carried into its answers).
macro_rules! through {
    ($check:expr) => {
        $crate::sheets::rows::through!(@ $check, |p| p, |_, _, _| Ok(()));
    };
    ($check:expr, then $then:expr) => {
        $crate::sheets::rows::through!(@ $check, |p| p, $then);
    };
    ($check:expr, $field:ident) => {
        $crate::sheets::rows::through!(@ $check, |p| &p.$field, |_, _, _| Ok(()));
    };
    (@ $check:expr, |$p:ident| $input:expr, $then:expr) => {
        fn stored_in() -> &'static str {
            $crate::sheets::rows::table_of($check)
        }
        fn apply(
            tx: &$crate::store::Tx,
            $p: &Self::Parsed,
            existing: Option<&str>,
        ) -> $crate::base::error::Result<$crate::sheets::import::Applied> {
            $crate::sheets::rows::upserted(tx, existing, $input, $check, $then)
        }
        fn unchanged(
            conn: &rusqlite::Connection,
            $p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
        ) -> bool {
            $crate::sheets::rows::would_keep(conn, today, existing, $input, $check)
        }
        fn changes(
            conn: &rusqlite::Connection,
            $p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
        ) -> Vec<String> {
            $crate::sheets::rows::would_change::<Self, _, _>(conn, today, existing, $input, $check)
        }
        fn clears(
            conn: &rusqlite::Connection,
            $p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
            present: &dyn Fn(&str) -> bool,
        ) -> Vec<&'static str> {
            $crate::sheets::rows::would_clear::<Self, _, _>(
                conn, today, existing, $input, $check, present,
            )
        }
        fn empties(
            conn: &rusqlite::Connection,
            $p: &Self::Parsed,
            existing: &str,
            today: chrono::NaiveDate,
            blank: &[&'static str],
        ) -> Vec<String> {
            $crate::sheets::rows::would_empty::<Self, _, _>(
                conn, today, existing, $input, $check, blank,
            )
        }
        fn near(
            conn: &rusqlite::Connection,
            $p: &Self::Parsed,
            today: chrono::NaiveDate,
            cache: &mut $crate::sheets::rows::NearCache,
        ) -> Vec<(String, String)> {
            let ctx = $crate::sheets::rows::ctx_for(today);
            $crate::sheets::rows::near_records::<Self, _>(conn, cache, true, &|_: &str| {
                $check(conn, &ctx, None, $input).ok()
            })
        }
        fn absent(
            conn: &rusqlite::Connection,
            mentioned: &std::collections::HashSet<String>,
            _rows: &[&Self::Parsed],
        ) -> Option<$crate::sheets::rows::Absent> {
            $crate::sheets::rows::absent_by_check(conn, mentioned, $check)
        }
    };
}
pub(crate) use through;
