//! Excel in and out for the grid matter list (网格事项) and the claims (认领): one
//! [`RecordKind`] each on the shared import machinery, and their export lists.
//! Columns are documented in `docs/IMPORT.md`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::gridmatters::{self, ClaimInput, GridMatter, GridMatterInput};
use crate::hierarchy::sheets::unit_by;
use crate::hierarchy::{self, UnitKind};
use crate::sheets::import::{col, Column, RecordKind, RowCells, LISTED_ON};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, Problems, Refs};

pub struct GridMatters;

static GRID_MATTER_COLUMNS: &[Column] = &[
    col(
        "name",
        "事项名称",
        &["事项", "名称", "网格事项"],
        true,
        false,
        "同名的事项再次导入时更新。",
        28.0,
    ),
    col(
        "category",
        "类别",
        &["事项类别", "分类"],
        true,
        false,
        "联系群众、宣传政策、调解矛盾纠纷、巡防走访或其他。",
        14.0,
    )
    .choose_from(&["联系群众", "宣传政策", "调解矛盾纠纷", "巡防走访", "其他"]),
    col(
        "requirement",
        "工作要求",
        &["要求", "具体要求"],
        false,
        false,
        "",
        36.0,
    ),
    col(
        "frequency",
        "频次",
        &["工作频次", "频率"],
        false,
        false,
        "如：每月一次、每周走访。",
        14.0,
    ),
    LISTED_ON,
    col("remark", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for GridMatters {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("category", crate::gridmatters::MatterCategory::PAIRS)];
    const NAME: &'static str = "grid-matters";
    const LABEL: &'static str = "网格事项";
    const ALIASES: &'static [&'static str] = &["网格事项", "网格事项清单", "网格事项参考清单"];
    const WIZARD: Wizard = crate::wizard!("网格事项", "项", "网格事项参考清单.xlsx");
    const KEY_COLUMN: &'static str = "name";
    type Parsed = GridMatterInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = GRID_MATTER_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<GridMatterInput, Problems> {
        let input = GridMatterInput {
            category: row.get("category").into(),
            name: row.get("name").into(),
            requirement: row.get("requirement").into(),
            frequency: row.get("frequency").into(),
            listed_on: row.get("listedOn").into(),
            remark: row.get("remark").into(),
        };
        let before =
            gridmatters::find_matter(conn, &input.name).map_err(in_column::<Self>(&[], "name"))?;
        gridmatters::checked_grid_matter(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "name"))?;
        Ok(input)
    }
    fn key(p: &GridMatterInput) -> String {
        p.name.trim().to_string()
    }
    fn existing(
        conn: &Connection,
        _refs: &mut Refs,
        p: &GridMatterInput,
    ) -> Result<Option<String>> {
        Ok(gridmatters::find_matter(conn, &p.name)?.map(|m| m.id))
    }
    crate::sheets::rows::through!(gridmatters::checked_grid_matter);
}

pub struct GridMatterClaims;

static CLAIM_COLUMNS: &[Column] = &[
    col(
        "village",
        "村/社区",
        &["村社区", "村（社区）", "认领村/社区", "村/社区代码"],
        true,
        true,
        "村或社区的名称或代码，须已在“组织架构”中建立。",
        18.0,
    ),
    col(
        "matter",
        "事项名称",
        &["网格事项", "事项", "认领事项"],
        true,
        false,
        "须是网格事项清单里已有的事项。",
        28.0,
    ),
    col(
        "claimedOn",
        "认领日期",
        &["认领时间", "日期"],
        true,
        false,
        "如 2025-03-01。",
        12.0,
    ),
    col("remark", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for GridMatterClaims {
    const NAME: &'static str = "grid-matter-claims";
    const LABEL: &'static str = "网格事项认领";
    const ALIASES: &'static [&'static str] = &["网格事项认领", "认领"];
    const WIZARD: Wizard = crate::wizard!("网格事项认领", "项", "网格事项认领表.xlsx");
    const KEY_COLUMN: &'static str = "matter";
    const KEY_WITH: &'static [&'static str] = &["village"];
    type Parsed = ClaimInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = CLAIM_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ClaimInput, Problems> {
        let village = unit_by(conn, UnitKind::Village, row.get("village"), None)
            .map_err(|m| vec![("village", m)])?;
        let matter = refs
            .by_name::<GridMatter>(conn, |m| m.name.clone(), row.get("matter"), "网格事项")
            .map_err(|m| vec![("matter", m)])?;
        let input = ClaimInput {
            village_id: village.id,
            matter_id: matter.id,
            claimed_on: row.get("claimedOn").into(),
            remark: row.get("remark").into(),
        };
        let before = gridmatters::find_claim(conn, &input.village_id, &input.matter_id)
            .map_err(in_column::<Self>(&[], "matter"))?;
        gridmatters::checked_claim(conn, &ctx_for(today), before.as_ref(), &input).map_err(
            in_column::<Self>(
                &[("villageId", "village"), ("matterId", "matter")],
                "matter",
            ),
        )?;
        Ok(input)
    }
    fn key(p: &ClaimInput) -> String {
        format!("{}\u{1f}{}", p.village_id, p.matter_id)
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &ClaimInput) -> Result<Option<String>> {
        Ok(gridmatters::find_claim(conn, &p.village_id, &p.matter_id)?.map(|c| c.id))
    }
    crate::sheets::rows::through!(gridmatters::checked_claim);
}

pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    match kind {
        "grid-matters" => {
            let rows = gridmatters::grid_matters(conn, today)?
                .into_iter()
                .map(|m| {
                    vec![
                        m.name,
                        m.category_label.into(),
                        m.requirement,
                        m.frequency,
                        m.listed_on.unwrap_or_default(),
                        m.remark,
                    ]
                })
                .collect();
            Ok(Some(("网格事项", GRID_MATTER_COLUMNS, rows)))
        }
        "grid-matter-claims" => {
            // The village by code when its name is shared by another, so the file
            // imports back to the same village.
            let mut named: HashMap<String, usize> = HashMap::new();
            for u in hierarchy::list(conn)?
                .iter()
                .filter(|u| u.kind == UnitKind::Village)
            {
                *named.entry(u.name.clone()).or_default() += 1;
            }
            let rows = gridmatters::claims(conn)?
                .into_iter()
                .map(|c| {
                    let village = if named.get(&c.village_name).copied().unwrap_or(0) > 1 {
                        c.village_code
                    } else {
                        c.village_name
                    };
                    vec![village, c.matter_name, c.claimed_on, c.remark]
                })
                .collect();
            Ok(Some(("网格事项认领", CLAIM_COLUMNS, rows)))
        }
        _ => Ok(None),
    }
}
