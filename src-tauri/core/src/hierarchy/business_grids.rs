//! 多格合一: business grids of other departments (综治 comprehensive governance, 城管
//! urban management, 市场监管 market supervision, and any the office adds), mapped
//! onto base grids; each mapping is marked merged (已纳入) with a date, one at a time.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::business_grid_sheets::BusinessGrids;
use crate::base::error::{Error, Result};
use crate::hierarchy::{self, UnitKind};
use crate::store::office::{self, validate_name};
use crate::store::recycle;
use crate::store::{new_id, Tx};

/// The Chinese name of the kind.
pub const LABEL: &str = "业务网格";
pub const TABLE: &str = "business_grids";

/// The departments offered first; the office may type others.
pub const DEPARTMENTS: &[&str] = &["综治", "城管", "市场监管", "应急", "消防", "公安", "环保"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Mapping {
    pub base_grid_id: String,
    pub base_grid_name: String,
    /// When it was merged into the base grid network; `None` = mapped, not merged yet.
    pub merged_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BusinessGrid {
    pub id: String,
    pub owner_code: String,
    pub department: String,
    pub name: String,
    pub note: String,
    pub mappings: Vec<Mapping>,
    /// Mapped onto at least one base grid and every mapping merged.
    pub merged: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BusinessGridInput {
    pub department: String,
    pub name: String,
    pub note: String,
}

fn mappings(conn: &Connection, id: &str) -> Result<Vec<Mapping>> {
    let mut stmt = conn.prepare(
        "SELECT m.base_grid_id, u.name, m.merged_on FROM business_grid_mappings m
         JOIN units u ON u.id = m.base_grid_id WHERE m.business_grid_id = ?1 ORDER BY u.code",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Mapping {
                base_grid_id: r.get(0)?,
                base_grid_name: r.get(1)?,
                merged_on: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn find(conn: &Connection, id: &str) -> Result<Option<BusinessGrid>> {
    let g = conn
        .query_row(
            "SELECT id, owner_code, department, name, note, created_at, updated_at
             FROM business_grids WHERE id = ?1",
            [id],
            |r| {
                Ok(BusinessGrid {
                    id: r.get(0)?,
                    owner_code: r.get(1)?,
                    department: r.get(2)?,
                    name: r.get(3)?,
                    note: r.get(4)?,
                    mappings: Vec::new(),
                    merged: false,
                    created_at: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            },
        )
        .optional()?;
    match g {
        None => Ok(None),
        Some(mut g) => {
            g.mappings = mappings(conn, &g.id)?;
            g.merged = !g.mappings.is_empty() && g.mappings.iter().all(|m| m.merged_on.is_some());
            Ok(Some(g))
        }
    }
}

pub fn get(conn: &Connection, id: &str) -> Result<BusinessGrid> {
    find(conn, id)?
        .ok_or_else(|| Error::NotFound("找不到这个业务网格，可能已被删除。请刷新后再试。".into()))
}

/// All business grids, by department then name.
pub fn list(conn: &Connection) -> Result<Vec<BusinessGrid>> {
    let mut stmt = conn.prepare("SELECT id FROM business_grids ORDER BY department, name")?;
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}

/// The input's department, name and note, checked (the name free in its department
/// but for `except_id`'s).
pub(crate) fn checked(
    conn: &Connection,
    input: &BusinessGridInput,
    except_id: &str,
) -> Result<(String, String, String)> {
    let department = validate_name("department", "所属部门", &input.department, 20)?;
    let name = validate_name("name", "业务网格名称", &input.name, 50)?;
    let note = input.note.trim().to_string();
    if note.chars().count() > 500 {
        return Err(Error::validation("note", "备注最多500个字。"));
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM business_grids WHERE department = ?1 AND name = ?2 AND id <> ?3",
            params![department, name, except_id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::Conflict {
            field: Some("name"),
            message: format!("{department}已有名为“{name}”的业务网格。"),
        });
    }
    Ok((department, name, note))
}

pub fn create(tx: &Tx, input: &BusinessGridInput) -> Result<BusinessGrid> {
    let office = office::require(tx)?;
    let (department, name, note) = checked(tx, input, "")?;
    let id = new_id();
    tx.execute(
        "INSERT INTO business_grids (id, owner_code, department, name, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, office.code, department, name, note, tx.ctx.stamp()],
    )?;
    let g = get(tx, &id)?;
    tx.log_change(TABLE, &id, "create", None, Some(&g))?;
    Ok(g)
}

pub fn update(tx: &Tx, id: &str, input: &BusinessGridInput) -> Result<BusinessGrid> {
    let before = get(tx, id)?;
    let (department, name, note) = checked(tx, input, id)?;
    tx.execute(
        "UPDATE business_grids SET department = ?2, name = ?3, note = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, department, name, note, tx.ctx.stamp()],
    )?;
    let after = get(tx, id)?;
    tx.log_change(TABLE, id, "update", Some(&before), Some(&after))?;
    Ok(after)
}

/// Maps a business grid onto a base grid, or changes the mapping's merged date
/// (`merged_on` empty = mapped but not merged yet). Recorded as an update.
pub fn set_mapping(tx: &Tx, id: &str, base_grid_id: &str, merged_on: &str) -> Result<BusinessGrid> {
    let before = get(tx, id)?;
    let grid = hierarchy::find(tx, base_grid_id)?
        .filter(|u| u.kind == UnitKind::BaseGrid)
        .ok_or_else(|| Error::validation("baseGridId", "请选择一个基础网格。"))?;
    let merged_on = match merged_on.trim() {
        "" => None,
        s => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                Error::validation(
                    "mergedOn",
                    format!("纳入日期“{s}”不是有效的日期，请写成 2024-03-01。"),
                )
            })?;
            if d > tx.ctx.today() {
                return Err(Error::validation(
                    "mergedOn",
                    format!("纳入日期 {d} 晚于今天。"),
                ));
            }
            Some(d.to_string())
        }
    };
    tx.execute(
        "INSERT INTO business_grid_mappings (business_grid_id, base_grid_id, merged_on) VALUES (?1, ?2, ?3)
         ON CONFLICT (business_grid_id, base_grid_id) DO UPDATE SET merged_on = excluded.merged_on",
        params![id, grid.id, merged_on],
    )?;
    touched(tx, id, &before)
}

pub fn remove_mapping(tx: &Tx, id: &str, base_grid_id: &str) -> Result<BusinessGrid> {
    let before = get(tx, id)?;
    let removed = tx.execute(
        "DELETE FROM business_grid_mappings WHERE business_grid_id = ?1 AND base_grid_id = ?2",
        params![id, base_grid_id],
    )?;
    if removed == 0 {
        // Nothing was mapped there: nothing changed, nothing to log.
        return Ok(before);
    }
    touched(tx, id, &before)
}

/// After a mapping changed: bump `updated_at`, log before/after, return the grid.
fn touched(tx: &Tx, id: &str, before: &BusinessGrid) -> Result<BusinessGrid> {
    tx.execute(
        "UPDATE business_grids SET updated_at = ?2 WHERE id = ?1",
        params![id, tx.ctx.stamp()],
    )?;
    let after = get(tx, id)?;
    tx.log_change(TABLE, id, "update", Some(before), Some(&after))?;
    Ok(after)
}

pub fn delete(tx: &Tx, id: &str) -> Result<recycle::Entry> {
    let g = get(tx, id)?;
    tx.execute(
        "DELETE FROM business_grid_mappings WHERE business_grid_id = ?1",
        [id],
    )?;
    tx.execute("DELETE FROM business_grids WHERE id = ?1", [id])?;
    let summary = format!("业务网格“{}”（{}）", g.name, g.department);
    recycle::discard(tx, TABLE, LABEL, id, &summary, &g)
}

pub(crate) fn restore(tx: &Tx, payload: &serde_json::Value) -> Result<BusinessGrid> {
    let g: BusinessGrid = serde_json::from_value(payload.clone())?;
    if find(tx, &g.id)?.is_some() {
        return Err(Error::Conflict {
            field: None,
            message: format!("业务网格“{}”已经存在，无需恢复。", g.name),
        });
    }
    checked(
        tx,
        &BusinessGridInput {
            department: g.department.clone(),
            name: g.name.clone(),
            note: g.note.clone(),
        },
        &g.id,
    )?;
    for m in &g.mappings {
        if hierarchy::find(tx, &m.base_grid_id)?.is_none() {
            return Err(Error::Refused(format!(
                "不能恢复业务网格“{}”：它对应的基础网格“{}”已被删除，请先恢复该网格。",
                g.name, m.base_grid_name
            )));
        }
    }
    tx.execute(
        "INSERT INTO business_grids (id, owner_code, department, name, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![g.id, g.owner_code, g.department, g.name, g.note, g.created_at, tx.ctx.stamp()],
    )?;
    for m in &g.mappings {
        tx.execute(
            "INSERT INTO business_grid_mappings (business_grid_id, base_grid_id, merged_on) VALUES (?1, ?2, ?3)",
            params![g.id, m.base_grid_id, m.merged_on],
        )?;
    }
    let restored = get(tx, &g.id)?;
    tx.log_change(TABLE, &g.id, "restore", None, Some(&restored))?;
    Ok(restored)
}

/// Business grids mapped onto a base grid, for the refusal to delete it.
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare(
        "SELECT b.department || ' · ' || b.name FROM business_grid_mappings m JOIN business_grids b ON b.id = m.business_grid_id
         WHERE m.base_grid_id = ?1 ORDER BY b.department, b.name",
    )?;
    let names: Vec<String> = stmt
        .query_map([unit_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((!names.is_empty()).then(|| {
        format!(
            "{} 个业务网格的对应关系（{}）",
            names.len(),
            names.join("、")
        )
    }))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Absorbed {
    pub business_grid_id: String,
    pub department: String,
    pub name: String,
    pub merged_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseGridMerge {
    pub base_grid_id: String,
    pub base_grid_name: String,
    pub base_grid_code: String,
    pub absorbed: Vec<Absorbed>,
}

/// Per base grid: which business grids it absorbed (merged or only mapped).
pub fn by_base_grid(conn: &Connection) -> Result<Vec<BaseGridMerge>> {
    let mut stmt = conn.prepare(
        "SELECT u.id, u.name, u.code, b.id, b.department, b.name, m.merged_on
         FROM units u LEFT JOIN business_grid_mappings m ON m.base_grid_id = u.id
         LEFT JOIN business_grids b ON b.id = m.business_grid_id
         WHERE u.kind = 'base_grid' ORDER BY u.code, b.department, b.name",
    )?;
    let mut out: Vec<BaseGridMerge> = Vec::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    for row in rows {
        let (gid, gname, gcode, bid, dept, bname, merged_on) = row?;
        if out.last().map(|l| l.base_grid_id != gid).unwrap_or(true) {
            out.push(BaseGridMerge {
                base_grid_id: gid,
                base_grid_name: gname,
                base_grid_code: gcode,
                absorbed: Vec::new(),
            });
        }
        if let (Some(id), Some(department), Some(name), Some(last)) =
            (bid, dept, bname, out.last_mut())
        {
            last.absorbed.push(Absorbed {
                business_grid_id: id,
                department,
                name,
                merged_on,
            });
        }
    }
    Ok(out)
}

/// Business grids (业务网格), each mapped onto base grids.
pub static KIND: crate::sheets::kind::Def = crate::sheets::kind::Def {
    names: crate::sheets::kind::Names::Column,
    fields: &[
        ("name", "名称"),
        ("department", "所属部门"),
        ("mappings", "对应基础网格"),
        ("merged", "已全部纳入"),
    ],
    table: TABLE,
    label: LABEL,
    restore: |tx, p| restore(tx, p).map(drop),
    blocks_unit_delete: Some(attached_to),
    report_keys: &["grids.business_merged"],
    imports: &[&crate::sheets::kind::Sheet::<BusinessGrids>::NEW],
    exports: &[crate::sheets::kind::Export::of::<BusinessGrids>(
        super::business_grid_sheets::export_rows,
    )],
    ..crate::sheets::kind::Def::EMPTY
};
