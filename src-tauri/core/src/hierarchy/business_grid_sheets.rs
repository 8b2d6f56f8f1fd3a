//! Excel in and out for 多格合一 (business grids, 业务网格): a row per business grid
//! and the base grids it is mapped onto (several in one cell, 、-separated, or a row
//! each), with the day they were merged (纳入日期). A department's list of its grids
//! goes in at once instead of one pick per base grid (probe W: several hundred), and
//! the ledger goes out with the office's others (probe X: it had no sheet).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::business_grids::{self, BusinessGrid, BusinessGridInput};
use super::sheets::unit_by;
use super::UnitKind;
use crate::base::error::Result;
use crate::base::fields::{check_not_future, date_field};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{list_of, Problems};
use crate::store::Tx;

pub struct BusinessGrids;

const COLUMNS: &[Column] = &[
    col(
        "department",
        "所属部门",
        &["部门", "业务部门", "主管部门"],
        true,
        false,
        "综治、城管、市场监管、应急、消防等，或本单位写的其他部门。",
        12.0,
    ),
    col(
        "name",
        "业务网格名称",
        &["业务网格", "专属网格", "专属网格名称", "部门网格"],
        true,
        false,
        "部门自己的网格名称，同一部门内不重名。",
        20.0,
    ),
    col(
        "village",
        "所属村/社区",
        &["村/社区", "社区"],
        false,
        false,
        "基础网格重名时填写，用来区分。",
        14.0,
    ),
    col(
        "baseGrids",
        "对应基础网格",
        &["基础网格", "对应网格", "纳入的基础网格", "对应的基础网格"],
        false,
        false,
        "这个业务网格对应的基础网格名称；几个用顿号分开，或每个一行。不填则只登记业务网格。",
        24.0,
    ),
    col(
        "baseGridCodes",
        "基础网格编码",
        &["网格编码"],
        false,
        true,
        "填了编码时以编码为准（几个用顿号分开，与“对应基础网格”一一对应）。",
        20.0,
    ),
    col(
        "mergedOn",
        "纳入日期",
        &["纳入时间", "合并日期", "纳入网格日期"],
        false,
        false,
        "已纳入基础网格的日期，如 2024-03-01；不填表示已对应、尚未纳入。",
        12.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

/// A checked row: the business grid, the base grids (id, name) it names, their
/// 纳入日期 (`None`: not merged yet; absent column: each keeps its stored one).
pub struct ParsedGrid {
    input: BusinessGridInput,
    grids: Vec<(String, String)>,
    merged_on: Option<Option<String>>,
    keeps_note: bool,
}

/// The stored business grid of `department` and `name`.
fn stored(conn: &Connection, department: &str, name: &str) -> Result<Option<BusinessGrid>> {
    let id: Option<String> = conn
        .prepare_cached("SELECT id FROM business_grids WHERE department = ?1 AND name = ?2")?
        .query_row(params![department.trim(), name.trim()], |r| r.get(0))
        .optional()?;
    id.map(|id| business_grids::get(conn, &id)).transpose()
}

impl RecordKind for BusinessGrids {
    const NAME: &'static str = "business-grids";
    const LABEL: &'static str = "业务网格";
    const ALIASES: &'static [&'static str] = &["业务网格", "多格合一", "专属网格"];
    // Counted by rows (a grid and its base grids), not grids (probe Y: 新增 3 个 for 2).
    const WIZARD: Wizard = crate::wizard!("业务网格", "条", "业务网格对应表.xlsx");
    const KEY_COLUMN: &'static str = "name";
    const KEY_WITH: &'static [&'static str] = &["department", "baseGrids"];
    const KEEPS_ABSENT_COLUMNS: bool = true;
    type Parsed = ParsedGrid;
    type Lookup = ();
    const COLUMNS: &'static [Column] = COLUMNS;

    fn parse(
        conn: &Connection,
        _: &mut (),
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedGrid, Problems> {
        let input = BusinessGridInput {
            department: row.get("department").into(),
            name: row.get("name").into(),
            note: row.get("note").into(),
        };
        let before = stored(conn, &input.department, &input.name)
            .map_err(|e| vec![("name", e.to_string())])?;
        business_grids::checked(conn, &input, before.as_ref().map_or("", |b| b.id.as_str()))
            .map_err(|e| vec![(e.field().unwrap_or("name"), e.to_string())])?;
        let village = match row.get("village").trim() {
            "" => None,
            v => Some(unit_by(conn, UnitKind::Village, v, None).map_err(|m| vec![("village", m)])?),
        };
        let names = list_of(row.get("baseGrids"));
        let codes = list_of(row.get("baseGridCodes"));
        if !codes.is_empty() && !names.is_empty() && codes.len() != names.len() {
            return Err(vec![(
                "baseGridCodes",
                format!(
                    "写了 {} 个基础网格、{} 个编码，对应不上：请一个名称一个编码，或只填其中一列。",
                    names.len(),
                    codes.len()
                ),
            )]);
        }
        let (column, texts) = if codes.is_empty() {
            ("baseGrids", names)
        } else {
            ("baseGridCodes", codes)
        };
        let mut grids: Vec<(String, String)> = Vec::new();
        for text in &texts {
            let u = unit_by(
                conn,
                UnitKind::BaseGrid,
                text,
                village.as_ref().map(|v| v.id.as_str()),
            )
            .map_err(|m| vec![(column, m)])?;
            if !grids.iter().any(|(id, _)| *id == u.id) {
                grids.push((u.id, u.name));
            }
        }
        let merged_on = if row.has("mergedOn") {
            let day = date_field("mergedOn", "纳入日期", row.get("mergedOn"))
                .map_err(|e| vec![("mergedOn", e.to_string())])?;
            check_not_future("mergedOn", "纳入日期", day.as_deref(), today)
                .map_err(|e| vec![("mergedOn", e.to_string())])?;
            if day.is_some() && grids.is_empty() {
                return Err(vec![(
                    "baseGrids",
                    "写了纳入日期，却没有写纳入哪个基础网格：请填写“对应基础网格”。".to_string(),
                )]);
            }
            Some(day)
        } else {
            None
        };
        Ok(ParsedGrid {
            input,
            grids,
            merged_on,
            keeps_note: !row.has("note"),
        })
    }

    fn key(p: &ParsedGrid) -> String {
        let mut ids: Vec<&str> = p.grids.iter().map(|(id, _)| id.as_str()).collect();
        ids.sort_unstable();
        format!(
            "{}\u{1f}{}\u{1f}{}",
            p.input.department.trim(),
            p.input.name.trim(),
            ids.join(",")
        )
    }

    /// A row is its mappings (a business grid's ledger has a row each): it names a
    /// stored record when the business grid is stored with every base grid it names,
    /// as `business grid id␟base grid ids`; a mapping to add is new.
    fn existing(conn: &Connection, _: &mut (), p: &ParsedGrid) -> Result<Option<String>> {
        let Some(g) = stored(conn, &p.input.department, &p.input.name)? else {
            return Ok(None);
        };
        let mapped = |id: &String| g.mappings.iter().any(|m| m.base_grid_id == *id);
        Ok(p.grids.iter().all(|(id, _)| mapped(id)).then(|| {
            let ids: Vec<&str> = p.grids.iter().map(|(id, _)| id.as_str()).collect();
            format!("{}\u{1f}{}", g.id, ids.join(","))
        }))
    }

    /// A new business grid that is a stored one but for its name (same department,
    /// the same base grids) or its department (same name): a name corrected in the
    /// file would add a second grid unsaid. Named as [`RecordKind::existing`] names
    /// the stored one's row, so a file holding that row too says nothing.
    fn near(
        conn: &Connection,
        p: &ParsedGrid,
        _: NaiveDate,
        _: &mut crate::sheets::rows::NearCache,
    ) -> Vec<(String, String)> {
        if stored(conn, &p.input.department, &p.input.name)
            .ok()
            .flatten()
            .is_some()
        {
            return Vec::new();
        }
        let (department, name) = (p.input.department.trim(), p.input.name.trim());
        let ids: Vec<&str> = p.grids.iter().map(|(id, _)| id.as_str()).collect();
        business_grids::list(conn)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|g| {
                let (header, was) = if g.department == department
                    && !ids.is_empty()
                    && ids.iter().all(|id| g.mappings.iter().any(|m| m.base_grid_id == *id))
                {
                    ("业务网格名称", g.name.clone())
                } else if g.name == name && g.department != department {
                    ("所属部门", g.department.clone())
                } else {
                    return None;
                };
                Some((
                    format!("{}\u{1f}{}", g.id, ids.join(",")),
                    format!(
                        "{}业务网格；已有一条只有“{header}”不同的业务网格（{header}：{was}），文件里没有它的行。如是改了{header}，请在软件里修改那一条，并把这一行从文件里删掉再导入（否则会多出一条）；确是另一条的，可以导入。",
                        crate::sheets::import::NEAR_NOTE
                    ),
                ))
            })
            .collect()
    }

    /// The stored mappings (and grids mapped nowhere) no row names: a row deleted
    /// from the exported ledger does not delete them, and is said so.
    fn absent(
        conn: &Connection,
        mentioned: &std::collections::HashSet<String>,
        _: &[&ParsedGrid],
    ) -> Option<crate::sheets::rows::Absent> {
        // A row of several base grids names each of their mappings.
        let named: std::collections::HashSet<String> = mentioned
            .iter()
            .flat_map(|m| {
                let (grid, ids) = m.split_once('\u{1f}').unwrap_or((m, ""));
                let each: Vec<String> = if ids.is_empty() {
                    vec![format!("{grid}\u{1f}")]
                } else {
                    ids.split(',')
                        .map(|id| format!("{grid}\u{1f}{id}"))
                        .collect()
                };
                each
            })
            .collect();
        let mut stored = Vec::new();
        for g in business_grids::list(conn).ok()? {
            if g.mappings.is_empty() {
                stored.push((format!("{}\u{1f}", g.id), g.name.clone()));
            }
            for m in &g.mappings {
                stored.push((
                    format!("{}\u{1f}{}", g.id, m.base_grid_id),
                    format!("{} › {}", g.name, m.base_grid_name),
                ));
            }
        }
        Some(crate::sheets::rows::Absent::among(
            &stored,
            &named,
            |_, name| name.to_string(),
            "条已有的业务网格对应".into(),
            "导入只新增和修改，不会删除。不再对应的，请在“多格合一”里取消对应。",
        ))
    }

    fn unchanged(conn: &Connection, p: &ParsedGrid, existing: &str, _: NaiveDate) -> bool {
        business_grids::get(conn, grid_of(existing)).is_ok_and(|g| changes(&g, p).is_empty())
    }

    fn changes(conn: &Connection, p: &ParsedGrid, existing: &str, _: NaiveDate) -> Vec<String> {
        business_grids::get(conn, grid_of(existing))
            .map(|g| changes(&g, p))
            .unwrap_or_default()
    }

    fn apply(tx: &Tx, p: &ParsedGrid, existing: Option<&str>) -> Result<Applied> {
        let found = match existing {
            Some(id) => Some(business_grids::get(tx, grid_of(id))?),
            None => stored(tx, &p.input.department, &p.input.name)?,
        };
        let (g, made) = match found {
            Some(g) => (g, false),
            None => (business_grids::create(tx, &p.input)?, true),
        };
        let said = changes(&g, p);
        if !made && !p.keeps_note && g.note.trim() != p.input.note.trim() {
            business_grids::update(tx, &g.id, &p.input)?;
        }
        for (grid, _) in &p.grids {
            let now = g.mappings.iter().find(|m| m.base_grid_id == *grid);
            let day = match &p.merged_on {
                Some(day) => day.clone(),
                None => now.and_then(|m| m.merged_on.clone()),
            };
            if now.is_none_or(|m| m.merged_on != day) {
                business_grids::set_mapping(tx, &g.id, grid, day.as_deref().unwrap_or(""))?;
            }
        }
        Ok(if made || existing.is_none() {
            Applied::Created
        } else if said.is_empty() {
            Applied::Unchanged
        } else {
            Applied::Updated
        })
    }
}

/// The business grid of an [`RecordKind::existing`] id.
fn grid_of(existing: &str) -> &str {
    existing.split('\u{1f}').next().unwrap_or(existing)
}

/// What row `p` changes on stored grid `g`: 备注, each base grid it adds, each
/// 纳入日期 it sets (对应基础网格（加上 第一网格）、纳入日期（第二网格 空 → 2024-03-01）).
fn changes(g: &BusinessGrid, p: &ParsedGrid) -> Vec<String> {
    let mut out = Vec::new();
    if !p.keeps_note && g.note.trim() != p.input.note.trim() {
        out.push("备注".to_string());
    }
    let added: Vec<&str> = p
        .grids
        .iter()
        .filter(|(id, _)| !g.mappings.iter().any(|m| m.base_grid_id == *id))
        .map(|(_, name)| name.as_str())
        .collect();
    if !added.is_empty() {
        out.push(format!("对应基础网格（加上 {}）", added.join("、")));
    }
    if let Some(day) = &p.merged_on {
        for m in g
            .mappings
            .iter()
            .filter(|m| p.grids.iter().any(|(id, _)| *id == m.base_grid_id))
            .filter(|m| m.merged_on != *day)
        {
            out.push(format!(
                "纳入日期（{} {} → {}）",
                m.base_grid_name,
                m.merged_on.as_deref().unwrap_or("空"),
                day.as_deref().unwrap_or("空")
            ));
        }
    }
    out
}

/// The ledger: a row per mapping (a business grid mapped nowhere, a row alone), in
/// the import's columns, so it imports back unchanged.
pub fn export_rows(conn: &Connection, kind: &str, _today: NaiveDate) -> Result<Option<ListRows>> {
    if kind != BusinessGrids::NAME {
        return Ok(None);
    }
    let units = super::list(conn)?;
    let by_id: std::collections::HashMap<&str, &super::Unit> =
        units.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut rows = Vec::new();
    for g in business_grids::list(conn)? {
        let row = |village: String, grid: String, code: String, day: String| {
            vec![
                g.department.clone(),
                g.name.clone(),
                village,
                grid,
                code,
                day,
                g.note.clone(),
            ]
        };
        if g.mappings.is_empty() {
            rows.push(row(
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ));
        }
        for m in &g.mappings {
            let village =
                super::village_of(&by_id, &m.base_grid_id).map_or("", |v| v.name.as_str());
            let code = by_id
                .get(m.base_grid_id.as_str())
                .map_or("", |u| u.code.as_str());
            rows.push(row(
                village.to_string(),
                m.base_grid_name.clone(),
                code.to_string(),
                m.merged_on.clone().unwrap_or_default(),
            ));
        }
    }
    Ok(Some((BusinessGrids::LABEL, COLUMNS, rows)))
}
