//! Excel in and out for leader contact points, demands and the coordination
//! mechanism: one [`RecordKind`] per kind on the shared import machinery, and the
//! rows of each list for export (in the import columns, so an export can be edited
//! and imported back). Helpers shared with [`crate::party::sheets`].

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::contacts::{
    self, ContactPoint, ContactPointInput, Leader, LeaderInput, Visit, VisitInput,
};
use crate::hierarchy::sheets::{unit_by, village_id_of};
use crate::hierarchy::{Unit, UnitKind};
use crate::sheets::import::{col, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, on, Problems, Refs};
use crate::store::ledger;

fn leader_by(
    refs: &mut Refs,
    conn: &Connection,
    name: &str,
) -> std::result::Result<Leader, String> {
    refs.by_name::<Leader>(conn, |l| l.name.clone(), name, "领导")
}

/// A contact point's target (联系对象): a community, compound or base grid, by name
/// or code, inside its 所属村/社区 when given; a refusal names its column (a wrong
/// 所属村/社区 was said under 联系对象, probe AD).
fn target_by(
    conn: &Connection,
    text: &str,
    village: &str,
) -> std::result::Result<Unit, (&'static str, String)> {
    let v = village_id_of(conn, village).map_err(|m| ("village", m))?;
    let mut last = String::new();
    let kinds = [UnitKind::Village, UnitKind::Compound, UnitKind::BaseGrid];
    for kind in kinds {
        match unit_by(conn, kind, text, v.as_deref()) {
            Ok(u) => return Ok(u),
            Err(e) if e.contains("有 ") => return Err(("target", e)),
            Err(e) => last = e,
        }
    }
    // Not found as any of them: the one meant of any (是不是“梧桐社区”？).
    if last.starts_with("没有名称或代码为") {
        return Err((
            "target",
            format!(
                "没有名称或代码为“{}”的村/社区、小区或基础网格。{}请先在“组织架构”中建立，或检查是否写错。",
                text.trim(),
                crate::hierarchy::sheets::did_you_mean(conn, &kinds, text.trim())
            ),
        ));
    }
    Err((
        "target",
        last.replace("基础网格", "村/社区、小区或基础网格"),
    ))
}

fn point_by(
    refs: &mut Refs,
    conn: &Connection,
    leader: &str,
    target: &str,
    village: &str,
) -> std::result::Result<ContactPoint, Problems> {
    let l = leader_by(refs, conn, leader).map_err(|m| vec![("leader", m)])?;
    let u = target_by(conn, target, village).map_err(|e| vec![e])?;
    ledger::list_by::<ContactPoint>(conn, "leader_id", &l.id)
        .map_err(on("target"))?
        .into_iter()
        .find(|p| p.unit_id == u.id)
        .ok_or_else(|| {
            vec![(
                "target",
                format!("“{}”没有联系“{}”的联系点，请先建立联系点。", l.name, u.name),
            )]
        })
}

// ---------- 领导 ----------

pub struct Leaders;

static LEADER_COLUMNS: &[Column] = &[
    col(
        "name",
        "姓名",
        &["领导姓名", "联系领导"],
        true,
        false,
        "同名的领导再次导入时更新。",
        10.0,
    ),
    col(
        "level",
        "层级",
        &["领导层级"],
        true,
        false,
        "市、县/区或乡镇/街道。",
        10.0,
    )
    .choose_from(&["市", "县/区", "乡镇/街道"]),
    col("post", "职务", &[], true, false, "", 16.0),
    col("unit", "单位", &["所在单位"], false, false, "", 20.0),
    col(
        "phone",
        "联系电话",
        &["电话", "手机号码"],
        false,
        true,
        "这一列请设为“文本”格式。",
        16.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for Leaders {
    const NAME: &'static str = "leaders";
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("level", crate::contacts::LeaderLevel::PAIRS)];
    const LABEL: &'static str = "领导";
    const ALIASES: &'static [&'static str] = &["领导"];
    const WIZARD: Wizard = Wizard {
        label: "领导",
        unit: "人",
        template_name: "联系领导导入模板.xlsx",
        example: "联系领导名单.xlsx",
    };
    const KEY_COLUMN: &'static str = "name";
    type Parsed = LeaderInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = LEADER_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<LeaderInput, Problems> {
        let stored = leader_by(refs, conn, row.get("name")).ok();
        // Leaders are known by name: a row of another level is another person of
        // the same name (a county's 林志远 rewrote the township secretary and moved
        // his villages out of 全覆盖), or a move the form should make on purpose.
        if let (Some(l), Ok(level)) = (&stored, contacts::LeaderLevel::parse(row.get("level"))) {
            if level != l.level {
                return Err(vec![(
                    "level",
                    format!(
                        "已有同名领导“{}”（{} {}），这一行的层级是“{}”。如是另一位同名领导，请在姓名后加以区分（如 {}（{}））；如是同一人调任，请在“领导”里修改他的层级。",
                        l.name,
                        l.level.label(),
                        l.post,
                        level.label(),
                        l.name,
                        level.label().split('/').next().unwrap_or(""),
                    ),
                )]);
            }
        }
        let input = LeaderInput {
            name: row.get("name").into(),
            level: row.get("level").into(),
            post: row.get("post").into(),
            unit: row.get("unit").into(),
            phone: crate::base::identity::unmask_phone(
                row.get("phone"),
                stored.as_ref().map(|l| l.phone.as_str()),
            ),
            note: row.get("note").into(),
        };
        contacts::checked_leader(conn, &ctx_for(today), None, &input)
            .map_err(in_column::<Self>(&[], "name"))?;
        Ok(input)
    }
    fn key(p: &LeaderInput) -> String {
        p.name.trim().into()
    }
    fn existing(conn: &Connection, refs: &mut Refs, p: &LeaderInput) -> Result<Option<String>> {
        Ok(leader_by(refs, conn, &p.name).ok().map(|l| l.id))
    }
    crate::sheets::rows::through!(contacts::checked_leader);
}

// ---------- 联系点 ----------

pub struct ContactPoints;

static POINT_COLUMNS: &[Column] = &POINT_IMPORT;

/// The export of 领导联系点: its import columns, then what the list on screen shows
/// of each (the file had only who and where: probe AO).
static POINT_EXPORT: [Column; 10] = crate::sheets::import::then(&POINT_IMPORT, POINT_ALSO);

pub const POINT_ALSO: [Column; 4] = [
    col("leaderLevel", "领导层级", &[], false, false, "", 8.0),
    col("linkKind", "联系类型", &[], false, false, "", 10.0),
    col("state", "状态", &[], false, false, "导出之日的状态。", 8.0),
    col("visits", "走访次数", &[], false, false, "", 8.0),
];

const POINT_IMPORT: [Column; 6] = [
    col(
        "leader",
        "领导姓名",
        &["领导", "联系领导"],
        true,
        false,
        "须已登记（或先导入领导）。",
        10.0,
    ),
    col(
        "target",
        "联系对象",
        &[
            "联系点",
            "村/社区、小区或网格",
            "联系村/社区",
            "联系村社区",
            "联系村",
            "联系社区",
            "联系网格",
        ],
        true,
        true,
        "村/社区、小区或基础网格的名称或代码。",
        20.0,
    ),
    col(
        "village",
        "所属村/社区",
        &["村/社区"],
        false,
        false,
        "联系对象重名时填写。",
        14.0,
    ),
    col(
        "startOn",
        "开始日期",
        &["开始时间", "联系开始日期"],
        false,
        false,
        "如 2026-01-01。",
        12.0,
    ),
    col(
        "endOn",
        "结束日期",
        &["结束时间", "联系结束日期"],
        false,
        false,
        "联系结束时填写。",
        12.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for ContactPoints {
    const NAME: &'static str = "contact-points";
    const LABEL: &'static str = "领导联系点";
    const ALIASES: &'static [&'static str] = &["联系点", "领导联系点"];
    const WIZARD: Wizard = Wizard {
        label: "联系点",
        unit: "个",
        template_name: "领导联系点导入模板.xlsx",
        example: "领导联系点.xlsx",
    };
    const KEY_COLUMN: &'static str = "target";
    const KEY_WITH: &'static [&'static str] = &["leader"];
    type Parsed = ContactPointInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = POINT_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ContactPointInput, Problems> {
        let l = leader_by(refs, conn, row.get("leader")).map_err(|m| vec![("leader", m)])?;
        let u = target_by(conn, row.get("target"), row.get("village")).map_err(|e| vec![e])?;
        let input = ContactPointInput {
            leader_id: l.id,
            unit_id: u.id,
            start_on: row.get("startOn").into(),
            end_on: row.get("endOn").into(),
            note: row.get("note").into(),
        };
        let before = find_point(conn, &input).map_err(on("target"))?;
        contacts::checked_point(conn, &ctx_for(today), before.as_ref(), &input).map_err(
            in_column::<Self>(&[("unitId", "target"), ("leaderId", "leader")], "note"),
        )?;
        Ok(input)
    }
    fn key(p: &ContactPointInput) -> String {
        format!("{}|{}", p.leader_id, p.unit_id)
    }
    fn existing(
        conn: &Connection,
        _refs: &mut Refs,
        p: &ContactPointInput,
    ) -> Result<Option<String>> {
        Ok(find_point(conn, p)?.map(|x| x.id))
    }
    crate::sheets::rows::through!(contacts::checked_point);
}

fn find_point(conn: &Connection, p: &ContactPointInput) -> Result<Option<ContactPoint>> {
    Ok(
        ledger::list_by::<ContactPoint>(conn, "leader_id", &p.leader_id)?
            .into_iter()
            .find(|x| x.unit_id == p.unit_id),
    )
}

// ---------- 走访记录 ----------

pub struct Visits;

static VISIT_COLUMNS: &[Column] = &[
    col("leader", "领导姓名", &["领导"], true, false, "", 10.0),
    col(
        "target",
        "联系对象",
        &["联系点"],
        true,
        true,
        "须已有该领导联系该对象的联系点。",
        20.0,
    ),
    col(
        "village",
        "所属村/社区",
        &["村/社区"],
        false,
        false,
        "联系对象重名时填写。",
        14.0,
    ),
    col(
        "visitedOn",
        "走访日期",
        &["日期"],
        true,
        false,
        "同一联系点同一天的走访再次导入时更新。",
        12.0,
    ),
    col("visitors", "参加人员", &[], false, false, "", 16.0),
    col(
        "found",
        "发现的问题或情况",
        &["发现问题", "问题"],
        true,
        false,
        "",
        36.0,
    ),
    col(
        "coordinated",
        "协调解决的事项",
        &["协调事项", "决定事项"],
        false,
        false,
        "",
        36.0,
    ),
];

impl RecordKind for Visits {
    const NAME: &'static str = "visits";
    const LABEL: &'static str = "走访记录";
    const ALIASES: &'static [&'static str] = &["走访记录"];
    const WIZARD: Wizard = crate::wizard!("走访记录", "次", "走访记录.xlsx");
    const KEY_COLUMN: &'static str = "visitedOn";
    type Parsed = VisitInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = VISIT_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<VisitInput, Problems> {
        let p = point_by(
            refs,
            conn,
            row.get("leader"),
            row.get("target"),
            row.get("village"),
        )?;
        let visited_on =
            crate::base::fields::date_field("visitedOn", "走访日期", row.get("visitedOn"))
                .map_err(on("visitedOn"))?
                .unwrap_or_default();
        let input = VisitInput {
            contact_point_id: p.id,
            visited_on,
            visitors: row.get("visitors").into(),
            found: row.get("found").into(),
            coordinated: row.get("coordinated").into(),
        };
        contacts::checked_visit(conn, &ctx_for(today), None, &input)
            .map_err(in_column::<Self>(&[("contactPointId", "target")], "found"))?;
        Ok(input)
    }
    fn key(p: &VisitInput) -> String {
        format!("{}|{}", p.contact_point_id, p.visited_on)
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &VisitInput) -> Result<Option<String>> {
        Ok(
            ledger::list_by::<Visit>(conn, "contact_point_id", &p.contact_point_id)?
                .into_iter()
                .find(|v| v.visited_on == p.visited_on)
                .map(|v| v.id),
        )
    }
    crate::sheets::rows::through!(contacts::checked_visit);
}

// ---------- export ----------

/// (sheet name, columns, rows) of one list, in the import columns. Phones masked.
pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let points = || contacts::contact_points(conn, today);
    let rows = match kind {
        "leaders" => (
            "领导",
            LEADER_COLUMNS,
            contacts::leaders(conn)?
                .into_iter()
                .map(|l| {
                    vec![
                        l.name,
                        l.level_label.into(),
                        l.post,
                        l.unit,
                        l.phone,
                        l.note,
                    ]
                })
                .collect(),
        ),
        "contact-points" => (
            "领导联系点",
            &POINT_EXPORT[..],
            points()?
                .into_iter()
                .map(|p| {
                    vec![
                        p.leader_name,
                        p.unit_name,
                        village_of(&p.unit_path),
                        opt(&p.start_on),
                        opt(&p.end_on),
                        p.note,
                        p.leader_level.label().to_string(),
                        p.kind_label.to_string(),
                        p.state_label.to_string(),
                        p.visits.to_string(),
                    ]
                })
                .collect(),
        ),
        "visits" => {
            let paths: HashMap<String, String> =
                points()?.into_iter().map(|p| (p.id, p.unit_path)).collect();
            let rows = contacts::visits(conn, "", today, contacts::no_linked_demands)?
                .into_iter()
                .map(|v| {
                    let path = paths.get(&v.contact_point_id).cloned().unwrap_or_default();
                    vec![
                        v.leader_name,
                        v.unit_name,
                        village_of(&path),
                        v.visited_on,
                        v.visitors,
                        v.found,
                        v.coordinated,
                    ]
                })
                .collect();
            ("走访记录", VISIT_COLUMNS, rows)
        }
        _ => return Ok(None),
    };
    Ok(Some(rows))
}

/// The community at the head of a "村 › 小区 › 网格" path.
fn village_of(path: &str) -> String {
    path.split(" › ").next().unwrap_or_default().to_string()
}
