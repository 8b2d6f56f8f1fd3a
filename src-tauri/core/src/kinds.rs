//! The one list of record kinds. Each kind is declared once, in its domain module
//! (its table, Chinese label, how it is restored, what of it blocks deleting a
//! unit, its import sheets, its export lists, the report keys it feeds); this
//! list names each kind in one line, and everything that goes over all kinds
//! reads it: the recycle bin, the change-log labels, a unit's deletion check,
//! import and export by name, the CLI's help and the UI's labels
//! ([`catalog`], served by the shell's `kind_catalog` command).
//!
//! This module is the top of the core: it may import every layer, and nothing
//! but the demo imports it. The layers below receive what they need from here
//! (a restore function, labels, the list of kinds) as arguments.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::base::period::ListPeriod;
use crate::sheets::kind::{
    ledger_title, Export, FieldValues, Importer, Kind, Wizard, MASKED_HEADERS,
};
use crate::store::changelog;
use crate::store::recycle::{self, Entry};
use crate::store::Tx;
// One line per domain, so that adding one is a line of its own.
use crate::admissions;
use crate::cobuild;
use crate::contacts;
use crate::demands;
use crate::duties;
use crate::exchange;
use crate::gridmatters;
use crate::hierarchy;
use crate::party;
use crate::people;
use crate::sampling;
use crate::scores;
use crate::surveys;
use crate::tasks;
use crate::training;

/// Every record kind, in package and report order. A new kind adds one line.
pub static ALL: &[&dyn Kind] = &[
    &hierarchy::UNITS,
    &people::PEOPLE,
    &hierarchy::business_grids::KIND,
    &party::BRANCHES,
    &party::COMMITTEES,
    &party::MEMBERS,
    &party::MEETINGS,
    &cobuild::PARTNER_UNITS,
    &cobuild::PROJECTS,
    &demands::DEPARTMENTS,
    &contacts::LEADERS,
    &contacts::CONTACT_POINTS,
    &contacts::VISITS,
    &demands::DEMANDS,
    &demands::WORKING_GROUPS,
    &demands::WORKING_MEETINGS,
    &duties::DUTY_ITEMS,
    &gridmatters::GRID_MATTERS,
    &gridmatters::GRID_MATTER_CLAIMS,
    &training::SESSIONS,
    &training::PARTICIPANTS,
    &people::pipeline::PIPELINE_EVENTS,
    &admissions::ADMISSIONS,
    &crate::rectification::MECHANISMS,
    &crate::rectification::PLAQUES,
    &crate::rectification::CERTIFICATES,
    &crate::rectification::SECONDMENTS,
    &crate::rectification::RECHECKS,
    &scores::INDICATORS,
    &scores::MANUAL_SCORES,
    &scores::RESULTS,
    &scores::RECTIFICATION_ITEMS,
    &scores::OUTPOST_EVALUATIONS,
    &sampling::INSPECTORS,
    &sampling::SAMPLES,
    &sampling::INSPECTIONS,
    &surveys::QUESTIONNAIRES,
    &surveys::QUESTIONNAIRE_RESPONSES,
    &surveys::CALLBACKS,
    &hierarchy::adjust::DISSOLVED_UNITS,
    &tasks::DISPATCH_TASKS,
    &tasks::TASK_PROGRESS,
    &exchange::senders::KIND,
];

/// The kind stored in `table`.
pub fn find(table: &str) -> Option<&'static dyn Kind> {
    ALL.iter().copied().find(|k| k.table() == table)
}

/// The Chinese name of a table as the change log and the recycle bin show it: a
/// record kind's label, or one of the other logged tables', else 记录.
pub fn label(table: &str) -> &'static str {
    find(table)
        .map(|k| k.label())
        .or_else(|| {
            changelog::OTHER_TABLES
                .iter()
                .find(|(t, _)| *t == table)
                .map(|(_, l)| *l)
        })
        .unwrap_or("记录")
}

/// The Chinese name of every field the change log may show for a record of
/// `table`, in the order its before/after table lists them: its import columns in
/// the sheet's order (姓名 first, as in the sheet), then the fields only the kind
/// names ([`Kind::fields`]: 身份, 任职经历 …), then the fields every record has; a
/// table that is not a kind's, the log's own ([`changelog::OTHER_FIELDS`]). A
/// field the kind names itself takes that name wherever it stands, and what a
/// column names by its text stands after that column (`unitId` after 村/社区).
pub fn field_labels(table: &str) -> Vec<(&'static str, &'static str)> {
    type Names = Vec<(&'static str, &'static str)>;
    let (named, columns): (&[(&'static str, &'static str)], Names) = match find(table) {
        Some(k) => (
            k.fields(),
            k.imports()
                .iter()
                .flat_map(|i| i.columns())
                .map(|c| (c.key, c.header))
                .collect(),
        ),
        None => (&[], changelog::OTHER_FIELDS.to_vec()),
    };
    // What a column's text stands for comes right after the column: the log holds
    // the id or the code, the sheet the name (`unitId` or `unitIds` after `unit` or
    // `units`, and any field the kind names as the column is headed: `kind` 层级
    // after the column 层级, `roles` 身份 after 身份).
    let fills = |(column, header): (&str, &str), (field, label): (&str, &str)| {
        label == header
            || field
                .strip_prefix(column.strip_suffix('s').unwrap_or(column))
                .is_some_and(|rest| rest == "Id" || rest == "Ids")
    };
    let in_sheet_order = columns.into_iter().flat_map(|c| {
        std::iter::once(c).chain(named.iter().copied().filter(move |&f| fills(c, f)))
    });
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for (field, label) in in_sheet_order
        .chain(named.iter().copied())
        .chain(changelog::COMMON_FIELDS.iter().copied())
    {
        if !out.iter().any(|(f, _)| *f == field) {
            let own = named.iter().find(|(f, _)| *f == field).map(|(_, l)| *l);
            out.push((field, own.unwrap_or(label)));
        }
    }
    out
}

/// The Chinese name the change log shows for `field` of a record of `table`: its
/// own ([`field_labels`]), else a logged row's ([`changelog::OTHER_FIELDS`]: an
/// export of the roster is logged under 人员 with its file and row count).
pub fn field_label(table: &str, field: &str) -> Option<&'static str> {
    field_labels(table)
        .into_iter()
        .chain(changelog::OTHER_FIELDS.iter().copied())
        .find(|(f, _)| *f == field)
        .map(|(_, l)| l)
}

/// The change log, newest first and masked ([`changelog::list`]), each row with
/// what its record is called by its kind ([`Kind::summary`]).
pub fn change_log(
    conn: &Connection,
    table: Option<&str>,
    text: Option<&str>,
    limit: u32,
    offset: u32,
) -> Result<Vec<changelog::ChangeRow>> {
    // Each word of the search (split at spaces), with the stored values a word the
    // screen shows for them names: 离岗, 已办结 ….
    let words: Vec<(&str, Vec<&str>)> = text
        .unwrap_or("")
        .split_whitespace()
        .map(|w| {
            let codes = ALL
                .iter()
                .flat_map(|k| k.values().iter())
                .flat_map(|(_, pairs)| pairs.iter())
                .filter(|(_, label)| *label == w)
                .map(|(code, _)| *code)
                .collect();
            (w, codes)
        })
        .collect();
    let mut rows = changelog::list_of(conn, table, &words, limit, offset)?;
    // The page's records and every record they point to, each read once.
    let mut ids: BTreeSet<String> = rows
        .iter()
        .flat_map(|r| referenced_ids(r.before.iter().chain(r.after.iter())))
        .map(str::to_string)
        .collect();
    ids.extend(rows.iter().map(|r| r.record_id.clone()));
    let known = Known::read(conn, &ids)?;
    for row in &mut rows {
        // A 彻底删除 keeps no record, only what the bin called it.
        if row.op == "purge" {
            if let Some(s) = row
                .after
                .as_ref()
                .and_then(|a| a.get("summary"))
                .and_then(|s| s.as_str())
            {
                row.summary = Some(s.to_string());
            }
            continue;
        }
        // A logged update keeps the fields it changed and those that name the
        // record: its summary reads them over the record as it is stored now (a
        // deleted one's logged row holds it whole).
        if let Some(kind) = find(&row.table_name) {
            let mut record = known
                .records
                .get(&row.record_id)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| serde_json::Value::Object(Default::default()));
            if let (serde_json::Value::Object(base), Some(serde_json::Value::Object(logged))) =
                (&mut record, row.after.as_ref().or(row.before.as_ref()))
            {
                base.extend(logged.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            // A kind named by a query (a unit under its parent, a contact point by
            // its leader and place) is summarised by that name while it exists.
            let named = matches!(kind.names(), crate::sheets::kind::Names::Query(_))
                .then(|| known.names.get(&row.record_id).cloned())
                .flatten();
            row.summary = named.or_else(|| kind.summary(&record));
        } else if row.table_name == "settings" {
            // Which setting, in words (it read “operator”, probe AD).
            row.summary = crate::base::lookup(changelog::SETTINGS, row.record_id.as_str())
                .map(str::to_string);
        }
        row.names = known.names_of(referenced_ids(row.before.iter().chain(row.after.iter())));
    }
    Ok(rows)
}

/// The records a page of the change log names, read once per kind.
struct Known {
    /// A record of a kind stored as JSON, masked, with its kind.
    records: std::collections::HashMap<String, (&'static dyn Kind, serde_json::Value)>,
    /// What any other record is called: a unit's or a person's name, a deleted
    /// record's (from the recycle bin), a person's history event (2026-06-30 离岗).
    names: std::collections::HashMap<String, String>,
}

impl Known {
    fn read(conn: &Connection, ids: &BTreeSet<String>) -> Result<Known> {
        use crate::sheets::kind::Names;
        let mut known = Known {
            records: Default::default(),
            names: Default::default(),
        };
        // A record that names no other (回收站's 查看 of most kinds): nothing to read.
        if ids.is_empty() {
            return Ok(known);
        }
        let ids_json = serde_json::to_string(ids)?;
        let each = |sql: &str, f: &mut dyn FnMut(String, String)| -> Result<()> {
            // Some 40 statements once a page: more than the statement cache holds.
            let mut stmt = conn.prepare(sql)?;
            let mut rows = stmt.query([&ids_json])?;
            while let Some(r) = rows.next()? {
                f(r.get(0)?, r.get(1)?);
            }
            Ok(())
        };
        const IN: &str = "IN (SELECT value FROM json_each(?1))";
        for kind in ALL.iter().copied() {
            let table = kind.table();
            match kind.names() {
                Names::Json => each(
                    &format!("SELECT id, json FROM {table} WHERE id {IN}"),
                    &mut |id, json| {
                        if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&json) {
                            changelog::mask_personal(&mut value);
                            known.records.insert(id, (kind, value));
                        }
                    },
                )?,
                Names::Column => each(
                    &format!("SELECT id, name FROM {table} WHERE id {IN}"),
                    &mut |id, name| {
                        known.names.insert(id, name);
                    },
                )?,
                Names::Query(sql) => each(sql, &mut |id, name| {
                    known.names.insert(id, name);
                })?,
                Names::None => {}
            }
        }
        // A history event, of a person here or of one in the recycle bin (a 选拔's
        // 离岗 of a person deleted since).
        for sql in [
            format!("SELECT id, date || ' ' || event FROM person_history WHERE id {IN}"),
            format!(
                "SELECT json_extract(h.value, '$.id'),
                        json_extract(h.value, '$.date') || ' ' || json_extract(h.value, '$.event')
                 FROM recycle_bin r, json_each(r.payload_json, '$.history') h
                 WHERE r.table_name = 'people' AND json_extract(h.value, '$.id') {IN}"
            ),
        ] {
            each(&sql, &mut |id, text| {
                let (date, event) = text.split_once(' ').unwrap_or((&text, ""));
                let day = date.get(..10).unwrap_or(date);
                let named = format!("{day} {}", crate::people::event_label(event));
                known.names.entry(id).or_insert(named);
            })?;
        }
        // A deleted record, by the name its recycle-bin entry keeps.
        each(
            &format!(
                "SELECT record_id, coalesce(nullif(json_extract(payload_json, '$.name'), ''), \
                 nullif(json_extract(payload_json, '$.person.name'), ''), summary) \
                 FROM recycle_bin WHERE record_id {IN}"
            ),
            &mut |id, name| {
                known.names.entry(id).or_insert(name);
            },
        )?;
        Ok(known)
    }

    /// What each of `ids` is called now, leaving out those no record has.
    fn names_of<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> std::collections::BTreeMap<String, String> {
        ids.into_iter()
            .filter_map(|id| self.name(id).map(|n| (id.to_string(), n)))
            .collect()
    }

    /// What the record `id` is called now, if any record has the id.
    fn name(&self, id: &str) -> Option<String> {
        if let Some((kind, value)) = self.records.get(id) {
            let name = value
                .get("name")
                .and_then(|n| n.as_str())
                .filter(|n| !n.is_empty());
            return name.map(str::to_string).or_else(|| kind.summary(value));
        }
        self.names.get(id).cloned()
    }
}

/// The record ids a logged record's fields hold (`unitId`, `attendeeIds`, a
/// project's claims' `partnerUnitId` …) at any depth, the records' own ids aside:
/// generated ids (36 characters, 8-4-4-4-12).
fn referenced_ids<'a>(records: impl Iterator<Item = &'a serde_json::Value>) -> Vec<&'a str> {
    fn walk<'a>(value: &'a serde_json::Value, ids: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::String(s) if crate::store::is_id(s) => ids.push(s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, ids)),
            serde_json::Value::Object(fields) => fields
                .iter()
                .filter(|(field, _)| *field != "id")
                .for_each(|(_, v)| walk(v, ids)),
            _ => {}
        }
    }
    let mut ids = Vec::new();
    records.for_each(|r| walk(r, &mut ids));
    ids
}

// ---------- evidence files (附件) ----------

/// The kind stored in `table` whose records carry evidence files.
fn evidence(table: &str) -> Result<crate::store::attachments::Evidence> {
    find(table)
        .and_then(|k| k.evidence())
        .ok_or_else(|| Error::validation("kind", format!("“{table}”这类记录不能添加附件。")))
}

/// Attaches files to record `id` of the kind stored in `table` (all or none).
pub fn attach_files(
    tx: &Tx,
    db: &Path,
    table: &str,
    id: &str,
    files: &[std::path::PathBuf],
) -> Result<()> {
    (evidence(table)?.attach)(tx, db, id, files)
}

/// Takes file `hash` off record `id` of the kind stored in `table`.
pub fn detach_file(tx: &Tx, table: &str, id: &str, hash: &str) -> Result<()> {
    (evidence(table)?.detach)(tx, id, hash)
}

/// The files on record `id` of the kind stored in `table`, as the window shows them.
pub fn attachments(
    conn: &Connection,
    db: Option<&Path>,
    table: &str,
    id: &str,
) -> Result<Vec<crate::store::attachments::Attachment>> {
    Ok((evidence(table)?.list)(conn, id)?
        .iter()
        .map(|a| crate::store::attachments::view(db, a))
        .collect())
}

// ---------- recycle bin ----------

/// The recycle bin, newest first, each entry with its kind's label.
pub fn recycle_bin(conn: &Connection) -> Result<Vec<Entry>> {
    recycle::list(conn, &label)
}

/// A deleted record as the recycle bin keeps it, masked, with the names of the
/// records it points to: what 回收站's 查看 shows before a clerk restores it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recycled {
    pub table_name: String,
    pub record: serde_json::Value,
    pub names: std::collections::BTreeMap<String, String>,
}

/// The recycle-bin entry `entry_id`'s record ([`Recycled`]).
pub fn recycled(conn: &Connection, entry_id: &str) -> Result<Recycled> {
    let (table_name, mut record) = recycle::payload(conn, entry_id)?;
    changelog::mask_personal(&mut record);
    let referenced = referenced_ids(std::iter::once(&record));
    let ids: BTreeSet<String> = referenced.iter().map(|id| id.to_string()).collect();
    let names = Known::read(conn, &ids)?.names_of(referenced);
    Ok(Recycled {
        table_name,
        record,
        names,
    })
}

/// Restores one recycle-bin entry through its kind, and with it what its deletion
/// took along ([`Kind::goes_with`]: a 培训's 参加人员, a 小区's 三亮); one of those
/// deleted on its own before stays in the bin.
pub fn restore(tx: &Tx, entry_id: &str) -> Result<()> {
    let along = taken_along(tx, entry_id)?;
    recycle::restore(tx, entry_id, &|tx, table, payload| {
        find(table).map(|k| k.restore(tx, payload))
    })?;
    along.iter().try_for_each(|child| restore(tx, child))
}

/// Deletes one recycle-bin entry for good, and with it those its deletion took
/// along (they could not come back without it). → how many entries went.
pub fn purge(tx: &Tx, entry_id: &str) -> Result<usize> {
    let along = taken_along(tx, entry_id)?;
    // A child going on its own: its parent's entry stops counting it.
    let (table, _) = recycle::payload(tx, entry_id)?;
    if let Some(g) = find(&table).and_then(|k| k.goes_with()) {
        recycle::forget_taken_along(tx, entry_id, &g)?;
    }
    recycle::purge(tx, entry_id)?;
    let mut gone = 1;
    for child in along {
        gone += purge(tx, &child)?;
    }
    Ok(gone)
}

/// The bin entries that went in with entry `entry_id` (its kind's children by
/// [`Kind::goes_with`], deleted in the same moment).
fn taken_along(tx: &Tx, entry_id: &str) -> Result<Vec<String>> {
    let (table, payload) = recycle::payload(tx, entry_id)?;
    let record_id = payload.get("id").and_then(|v| v.as_str()).unwrap_or("");
    let mut along = Vec::new();
    for (k, g) in taken_along_from(&table) {
        along.extend(recycle::deleted_with(
            tx,
            &table,
            record_id,
            k.table(),
            g.field,
            true,
        )?);
    }
    Ok(along)
}

/// The kinds whose records go into the bin with a record of `table`.
fn taken_along_from(
    table: &str,
) -> impl Iterator<Item = (&'static dyn Kind, recycle::GoesWith)> + '_ {
    ALL.iter()
        .filter_map(move |k| k.goes_with().filter(|g| g.parent == table).map(|g| (*k, g)))
}

// ---------- units ----------

/// Every kind but units themselves, which judge their own children.
fn others() -> Vec<&'static dyn Kind> {
    ALL.iter()
        .copied()
        .filter(|k| k.table() != hierarchy::TABLE)
        .collect()
}

/// What still stops a unit from being deleted, as Chinese phrases.
pub fn unit_attachments(conn: &Connection, id: &str) -> Result<Vec<String>> {
    hierarchy::attachments(conn, id, &others())
}

/// Why a unit cannot be deleted now, as [`delete_unit`] would refuse it; `None`
/// when it can.
pub fn unit_delete_refusal(conn: &Connection, id: &str) -> Result<Option<String>> {
    hierarchy::delete_refusal(conn, id, &others())
}

/// Why a unit cannot be 撤销 now, as [`dissolve_unit`] would refuse it.
pub fn unit_dissolve_refusal(conn: &Connection, id: &str) -> Result<Option<String>> {
    hierarchy::adjust::refusal(conn, id, &others())
}

/// 撤销 a unit on a day (网格划分调整), refused while anything stands in it now.
pub fn dissolve_unit(
    tx: &Tx,
    id: &str,
    input: &hierarchy::adjust::DissolveInput,
) -> Result<hierarchy::adjust::DissolvedUnit> {
    // Someone who served it on the day (调岗 away later) would serve a unit that no
    // longer stood: the 撤销日期 is no earlier than the last one left.
    if let Ok(Some(on)) =
        crate::base::fields::date_field("dissolvedOn", "撤销日期", &input.dissolved_on)
    {
        for p in people::changed_after(tx, &on)? {
            if p.roles_on(&on)
                .iter()
                .any(|r| r.unit_ids.iter().any(|u| u == id))
            {
                return Err(Error::validation(
                    "dissolvedOn",
                    format!(
                        "“{}”在 {on} 还在这里任职（之后才调岗离开）：撤销日期不能早于最后一名人员调离的那一天。请核对撤销日期，或先在该人员的履历里核对调岗日期。",
                        p.name
                    ),
                ));
            }
        }
    }
    hierarchy::adjust::dissolve(tx, id, input, &others())
}

/// Deletes a unit into the recycle bin, refused while any kind still names it.
pub fn delete_unit(tx: &Tx, id: &str) -> Result<Entry> {
    let name = hierarchy::get(tx, id)?.name;
    let entry = hierarchy::delete(tx, id, &others())?;
    // What went with it (a 小区's 三亮) is said on both sides, and comes back with it.
    let mut summary = entry.summary.clone();
    for (k, g) in taken_along_from(hierarchy::TABLE) {
        let taken = recycle::deleted_with(tx, hierarchy::TABLE, id, k.table(), g.field, false)?;
        summary += &recycle::say_taken_along(tx, &entry.id, &name, &taken, &g)?;
    }
    Ok(Entry { summary, ..entry })
}

/// Deletes a person into the recycle bin, refused while records of another kind
/// still name them (their 引育留用 and training records would count a person no list
/// holds: a deleted recruit lowered 留用率).
pub fn delete_person(tx: &Tx, id: &str) -> Result<Entry> {
    if let Some(why) = person_delete_blocked(tx, id)? {
        return Err(Error::Refused(why));
    }
    crate::people::delete(tx, id)
}

/// Why person `id` cannot be deleted now (the records of other kinds that name
/// them), or `None`: asked before the window asks 确定删除 (probe S: it asked, then
/// refused).
pub fn person_delete_blocked(conn: &Connection, id: &str) -> Result<Option<String>> {
    let mut still = Vec::new();
    for k in ALL {
        if let Some(what) = k.blocks_person_delete(conn, id)? {
            still.push(what);
        }
    }
    if still.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{}还有 {}，不能删除。已经离开的人员请用“离岗”，记录都会保留；确实是录错了的人，请先删除这些记录。",
        crate::people::get(conn, id)?.describe(),
        still.join("、")
    )))
}

// ---------- import ----------

/// Every import sheet, in list order.
pub fn importers() -> impl Iterator<Item = &'static dyn Importer> {
    ALL.iter().flat_map(|k| k.imports().iter().copied())
}

/// The import sheet named `name` (its CLI name or an alias).
pub fn importer(name: &str) -> Result<&'static dyn Importer> {
    let name = name.trim();
    importers()
        .find(|i| i.name() == name || i.aliases().contains(&name))
        .ok_or_else(|| {
            Error::validation(
                "kind",
                format!(
                    "没有名为“{name}”的导入类型。可用的有：{}。",
                    importers().map(|i| i.name()).collect::<Vec<_>>().join("、")
                ),
            )
        })
}

// ---------- export ----------

/// The names of every list that exports to Excel, in list order.
pub fn export_names() -> Vec<&'static str> {
    exports().map(|e| e.name).collect()
}

/// Every list that exports to Excel, in list order.
pub fn exports() -> impl Iterator<Item = &'static Export> {
    ALL.iter().flat_map(|k| k.exports().iter())
}

/// What the export dialog says of a list, from its declaration: the file name it
/// offers, its columns (masked ones marked), what an export in a period reads
/// ([`Export::dated_by`]), and
/// its note. The window writes none of it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportEntry {
    pub name: &'static str,
    /// 共建单位台账.xlsx: the ledger's title, as the file's title row says.
    pub file_name: String,
    /// 导出的共建单位有这些列：单位名称、…、联系电话（打码）、…。改好后可以再导入。
    pub hint: String,
    /// The hint in three parts, for a window that keeps each column whole on a line:
    /// the words before the columns (导出的共建单位有这些列：), the columns as the hint
    /// lists them, and the words after them (。the note, 改好后可以再导入).
    pub lead: String,
    pub columns: Vec<String>,
    pub after: String,
    /// The columns a period is read from, 计划开始、实际开始或实际完成 (`None`: the
    /// list has no dates and exports whole).
    pub period_by: Option<String>,
}

impl ExportEntry {
    fn of(e: &Export) -> ExportEntry {
        let sheet = importer(e.name).ok();
        let columns = sheet.map(|i| i.columns()).unwrap_or_default();
        let header = |key: &str| {
            columns
                .iter()
                .chain(e.also)
                .find(|c| c.key == key)
                .map(|c| c.header)
        };
        let label = sheet.map_or(e.sheet, |i| i.label());
        // The file starts with 序号 (an import skips it) unless the list has its own.
        let mut listed: Vec<String> = Vec::new();
        if !columns.iter().any(|c| c.header == crate::sheets::SERIAL) {
            listed.push(crate::sheets::SERIAL.to_string());
        }
        let mut questions = 0;
        for c in columns.iter().chain(e.also) {
            // 第1题 … 第20题: one phrase, not twenty.
            if c.header.starts_with('第') && c.header.ends_with('题') {
                questions += 1;
                if questions > 1 {
                    continue;
                }
            }
            listed.push(if MASKED_HEADERS.contains(&c.header) {
                format!("{}（打码）", c.header)
            } else {
                c.header.to_string()
            });
        }
        if questions > 1 {
            if let Some(first) = listed.iter_mut().find(|h| h.as_str() == "第1题") {
                *first = format!("第1题至第{questions}题（每题一列）");
            }
        }
        let lead = format!("导出的{label}有这些列：");
        let mut after = format!("。{}", e.note);
        if sheet.is_some() {
            after.push_str("改好后可以再导入");
            if !e.also.is_empty() {
                let also: Vec<&str> = e.also.iter().map(|c| c.header).collect();
                after.push_str(&format!("（{}只供查看，导入时不读）", also.join("、")));
            }
            after.push('。');
        }
        let hint = format!("{lead}{}{after}", listed.join("、"));
        let period_by = (!e.dated_by.is_empty()).then(|| {
            let names: Vec<&str> = e.dated_by.iter().filter_map(|k| header(k)).collect();
            match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{}或{last}", rest.join("、"))
                }
                _ => names.join(""),
            }
        });
        ExportEntry {
            name: e.name,
            file_name: e.file_name(),
            hint,
            lead,
            columns: listed,
            after,
            period_by,
        }
    }
}

/// Writes the list named `name` to .xlsx in its import columns (phones masked).
/// Returns the number of rows.
pub fn export_xlsx(conn: &Connection, name: &str, path: &Path, today: NaiveDate) -> Result<usize> {
    export_xlsx_in(conn, name, path, today, "")
}

/// [`export_xlsx`] of the rows in `period` (`""` or 全部: every row; else as
/// [`ListPeriod`] reads it), the title's 统计期间 naming it. A list without dates
/// refuses a period rather than writing every row under its name.
pub fn export_xlsx_in(
    conn: &Connection,
    name: &str,
    path: &Path,
    today: NaiveDate,
    period: &str,
) -> Result<usize> {
    let export = exports().find(|e| e.name == name).ok_or_else(|| {
        Error::validation(
            "kind",
            format!(
                "没有名为“{name}”的导出列表。可用的有：{}。",
                export_names().join("、")
            ),
        )
    })?;
    let period = ListPeriod::parse("period", period)?;
    let mut rows = (export.rows)(conn, name, today)?
        .ok_or_else(|| Error::Internal(format!("导出列表“{name}”没有写出它的行")))?;
    let mut title = crate::sheets::Title::of_list(conn, &ledger_title(rows.0), today)?;
    if let Some(p) = period.period() {
        let keys = export.dated_by;
        if keys.is_empty() {
            return Err(Error::validation(
                "period",
                format!("“{}”没有日期，不能按统计期间导出。", rows.0),
            ));
        }
        let at: Vec<usize> = keys
            .iter()
            .filter_map(|k| rows.1.iter().position(|c| c.key == *k))
            .collect();
        if at.is_empty() {
            return Err(Error::Internal(format!(
                "导出列表“{name}”没有日期列 {}",
                keys.join("、")
            )));
        }
        rows.2
            .retain(|r| period.admits_any(at.iter().filter_map(|&i| r.get(i).map(String::as_str))));
        title.period = if p.to > today {
            format!("{}（截至 {}）", p.label(), title.date)
        } else {
            p.label()
        };
    }
    crate::sheets::write_list(path, rows, title)
}

/// 导出全部台账: the roster (masked), then every export list, into one workbook, a
/// titled sheet per list (sheet names made unique). Returns (list name, rows) per
/// sheet.
pub fn export_all_xlsx(
    conn: &Connection,
    path: &Path,
    today: NaiveDate,
) -> Result<Vec<(&'static str, usize)>> {
    let roster = people::roster::masked_sheet(conn, today)?;
    let mut lists = Vec::new();
    let mut names: Vec<String> = vec![roster.name.to_string()];
    for export in exports() {
        let Some(rows) = (export.rows)(conn, export.name, today)? else {
            continue;
        };
        let title = crate::sheets::Title::of_list(conn, &ledger_title(rows.0), today)?;
        let stem = crate::sheets::sheet_name(rows.0);
        let mut name = stem.clone();
        let mut i = 2;
        while names.contains(&name) {
            name = format!("{}{i}", stem.chars().take(28).collect::<String>());
            i += 1;
        }
        names.push(name);
        lists.push((export.name, rows, title));
    }
    let counts: Vec<(&'static str, usize)> = std::iter::once(("people", roster.rows.len()))
        .chain(lists.iter().map(|(n, r, _)| (*n, r.2.len())))
        .collect();
    let sheets: Vec<crate::sheets::SheetOut> = std::iter::once(roster)
        .chain(
            lists
                .into_iter()
                .zip(&names[1..])
                .map(|((_, rows, title), name)| {
                    let mut sheet: crate::sheets::SheetOut = crate::sheets::list_sheet(rows, title);
                    sheet.name = name;
                    sheet
                }),
        )
        .collect();
    crate::sheets::write_xlsx(path, &sheets)?;
    Ok(counts)
}

// ---------- the catalog, for the UI and the CLI ----------

/// One import sheet as the UI's wizard shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportEntry {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    #[serde(flatten)]
    pub wizard: Wizard,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindEntry {
    pub table: &'static str,
    pub label: &'static str,
    pub imports: Vec<&'static str>,
    pub exports: Vec<&'static str>,
    pub report_keys: &'static [&'static str],
    pub travels: bool,
    /// Its records carry files (附件) at all, and whether those may go up with the
    /// exchange file: the window says which.
    pub evidence: Option<EvidenceEntry>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceEntry {
    pub travels: bool,
}

/// Everything the UI and the CLI say about kinds, from [`ALL`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub kinds: Vec<KindEntry>,
    /// Chinese names of every table the change log shows, kinds first.
    pub table_labels: Vec<(&'static str, &'static str)>,
    pub imports: Vec<ImportEntry>,
    pub exports: Vec<ExportEntry>,
    /// Every figure of the report (统计项) with its Chinese name, in the report's
    /// order: what an indicator's formula may name (考核 › 指标体系).
    pub figure_labels: Vec<(&'static str, &'static str)>,
    /// What receiving a file came to, and why one was refused, in Chinese
    /// (`exchange::package::OUTCOMES`, `REASONS`): 接收与上报 and 报送情况 say them.
    pub receipt_outcomes: &'static [(&'static str, &'static str)],
    pub refusal_reasons: &'static [(&'static str, &'static str)],
    /// The change log's operations in Chinese (`store::changelog::OPS`).
    pub op_labels: &'static [(&'static str, &'static str)],
    /// The Chinese names of each kind's fields ([`field_labels`]), in the order
    /// the change log lists them, and of the fields of the other logged rows
    /// (imports, exports, exchange files …), for any table after its own.
    pub field_labels: Vec<(&'static str, Vec<(&'static str, &'static str)>)>,
    pub other_field_labels: Vec<(&'static str, &'static str)>,
    /// The four kinds of unit, in order, each with the kinds it may stand under
    /// (`null`: directly under the office; `hierarchy::UnitKind::allowed_parents`):
    /// the tree offers 新建 and 移动 by it.
    pub unit_kinds: Vec<UnitKindEntry>,
    /// An office's levels (乡镇/街道, 县/区, 市): the setup screen offers them.
    pub office_levels: &'static [(&'static str, &'static str)],
    /// The link a leader of each level has with a contact point (level, key, label):
    /// 市 重点联系, 县/区 包保, 乡镇/街道 全覆盖 (`contacts::LeaderLevel::link`).
    pub leader_links: Vec<(&'static str, &'static str, &'static str)>,
    /// The kinds of unit a leader may be linked to (`contacts::TARGET_KINDS`).
    pub contact_targets: Vec<&'static str>,
    /// 人员's roles, in tab order, with the units each serves: the form offers only
    /// those (`people::RoleKind::unit_kinds`).
    pub roles: Vec<RoleEntry>,
    /// The Chinese names of the stored values of each kind's coded fields
    /// ([`Kind::values`]): the change log shows 已审批, not `approved`.
    pub value_labels: Vec<(&'static str, &'static [FieldValues])>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitKindEntry {
    pub value: &'static str,
    pub label: &'static str,
    pub parents: Vec<Option<&'static str>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleEntry {
    pub value: &'static str,
    pub label: &'static str,
    /// `base_grid`, `micro_grid` …: the kinds of unit the role is assigned to.
    pub unit_kinds: Vec<&'static str>,
    /// Those in a phrase: 微网格或小区.
    pub unit_phrase: &'static str,
}

pub fn catalog() -> Catalog {
    Catalog {
        kinds: ALL
            .iter()
            .map(|k| KindEntry {
                table: k.table(),
                label: k.label(),
                imports: k.imports().iter().map(|i| i.name()).collect(),
                exports: k.exports().iter().map(|e| e.name).collect(),
                report_keys: k.report_keys(),
                travels: k.travels(),
                evidence: k.evidence().map(|e| EvidenceEntry { travels: e.travels }),
            })
            .collect(),
        table_labels: ALL
            .iter()
            .map(|k| (k.table(), k.label()))
            .chain(changelog::OTHER_TABLES.iter().copied())
            .collect(),
        imports: importers()
            .map(|i| ImportEntry {
                name: i.name(),
                aliases: i.aliases(),
                wizard: i.wizard(),
            })
            .collect(),
        exports: exports().map(ExportEntry::of).collect(),
        figure_labels: crate::exchange::report::KEYS.to_vec(),
        receipt_outcomes: crate::exchange::package::OUTCOMES,
        refusal_reasons: crate::exchange::package::REASONS,
        op_labels: changelog::OPS,
        field_labels: ALL
            .iter()
            .map(|k| (k.table(), field_labels(k.table())))
            .collect(),
        other_field_labels: changelog::OTHER_FIELDS
            .iter()
            .chain(changelog::COMMON_FIELDS)
            .copied()
            .collect(),
        unit_kinds: hierarchy::UnitKind::ALL
            .iter()
            .map(|k| UnitKindEntry {
                value: k.as_str(),
                label: k.label(),
                parents: k
                    .allowed_parents()
                    .iter()
                    .map(|p| p.map(|p| p.as_str()))
                    .collect(),
            })
            .collect(),
        office_levels: crate::store::office::Level::PAIRS,
        leader_links: contacts::LeaderLevel::ALL
            .iter()
            .map(|l| (l.as_str(), l.link().0, l.link().1))
            .collect(),
        contact_targets: contacts::TARGET_KINDS.iter().map(|k| k.as_str()).collect(),
        roles: people::RoleKind::ALL
            .iter()
            .map(|r| RoleEntry {
                value: r.as_str(),
                label: r.label(),
                unit_kinds: r.unit_kinds().iter().map(|k| k.as_str()).collect(),
                unit_phrase: r.unit_phrase(),
            })
            .collect(),
        value_labels: ALL
            .iter()
            .filter(|k| !k.values().is_empty())
            .map(|k| (k.table(), k.values()))
            .collect(),
    }
}

// ---------- import kinds by name, for callers that hold one ----------

/// An import sheet chosen by name: what the CLI, the shell and tests hold. Compares
/// by name.
#[derive(Clone, Copy)]
pub struct ImportKind(pub &'static dyn Importer);

impl ImportKind {
    /// The sheet named `name` (its CLI name or an alias).
    pub fn parse(name: &str) -> Result<ImportKind> {
        importer(name).map(ImportKind)
    }

    /// Every import sheet, in list order.
    pub fn all() -> Vec<ImportKind> {
        importers().map(ImportKind).collect()
    }

    /// People (人员), the kind most imports are of.
    pub fn people() -> ImportKind {
        ImportKind(&crate::sheets::kind::Sheet::<people::roster::People>::NEW)
    }
}

impl std::ops::Deref for ImportKind {
    type Target = dyn Importer;
    fn deref(&self) -> &(dyn Importer + 'static) {
        self.0
    }
}

impl PartialEq for ImportKind {
    fn eq(&self, other: &ImportKind) -> bool {
        self.0.name() == other.0.name()
    }
}

impl Eq for ImportKind {}

impl std::fmt::Debug for ImportKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImportKind({})", self.0.name())
    }
}
