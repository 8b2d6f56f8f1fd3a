//! Leader contact points (领导联系点): leaders of every level, each linked to a
//! community, compound or grid (重点联系 for city leaders, 包保 for county
//! leaders, 全覆盖 for township leaders), their visits, and the coverage check
//! (every unit with its leaders; township leaders together cover every community).
//! Stored through [`ledger`].

pub mod sheets;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, required, text_field};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::store::attachments::AttachmentRef;
use crate::store::ledger::document;
use crate::store::ledger::{self, Document, NamedBy};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// A leader's level, highest first (the order lists show them in).
    #[derive(Default, PartialOrd, Ord)]
    pub enum LeaderLevel: "level", "领导层级" {
        City("city", "市", "市级"),
        County("county", "县/区", "县级", "县", "区", "区级", "县区", "县/区级"),
        #[default]
        Township("township", "乡镇/街道", "乡镇", "街道", "镇", "乡", "镇级", "乡级", "街道级", "乡镇级"),
    }
}

impl LeaderLevel {
    /// The kind of link a leader of this level has: 重点联系, 包保, 全覆盖.
    pub fn link(self) -> (&'static str, &'static str) {
        match self {
            LeaderLevel::City => ("key", "重点联系"),
            LeaderLevel::County => ("baobao", "包保"),
            LeaderLevel::Township => ("full", "全覆盖"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Leader {
    pub id: String,
    pub owner_code: String,
    pub name: String,
    pub level: LeaderLevel,
    pub post: String,
    pub unit: String,
    /// Full number; lists mask it.
    pub phone: String,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Leader, "leaders", "领导", [], |s| format!(
    "领导“{}”（{}）",
    s.name, s.post
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeaderInput {
    pub name: String,
    pub level: String,
    pub post: String,
    pub unit: String,
    pub phone: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeaderView {
    pub id: String,
    pub name: String,
    pub level: LeaderLevel,
    pub level_label: &'static str,
    pub post: String,
    pub unit: String,
    pub phone: String,
    pub note: String,
    pub points: usize,
}

pub fn leaders(conn: &Connection) -> Result<Vec<LeaderView>> {
    let points = crate::base::tally(
        ledger::list::<ContactPoint>(conn)?
            .into_iter()
            .map(|p| p.leader_id),
    );
    let mut out: Vec<LeaderView> = ledger::list::<Leader>(conn)?
        .into_iter()
        .map(|l| LeaderView {
            points: points.get(&l.id).copied().unwrap_or(0),
            level_label: l.level.label(),
            phone: crate::base::identity::mask_phone(&l.phone),
            id: l.id,
            name: l.name,
            level: l.level,
            post: l.post,
            unit: l.unit,
            note: l.note,
        })
        .collect();
    out.sort_by(|a, b| a.level.cmp(&b.level).then(a.name.cmp(&b.name)));
    Ok(out)
}

fn leader_out(conn: &Connection, id: &str) -> Result<LeaderView> {
    leaders(conn)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这位领导，请刷新后再试。".into()))
}

/// A mobile or an office landline, as for partner units.
pub(crate) fn phone_field(field: &'static str, raw: &str) -> Result<String> {
    crate::base::identity::contact_phone(raw).map_err(|e| Error::validation(field, e.to_string()))
}

pub(crate) fn checked_leader(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Leader>,
    input: &LeaderInput,
) -> Result<Leader> {
    let now = ctx.stamp();
    Ok(Leader {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        name: required("name", "姓名", &input.name, 20)?,
        level: LeaderLevel::parse(&input.level)?,
        post: required("post", "职务", &input.post, 40)?,
        unit: text_field("unit", "单位", &input.unit, 60)?,
        phone: phone_field("phone", &input.phone)?,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_leader(tx: &Tx, input: &LeaderInput) -> Result<LeaderView> {
    let l = ledger::upsert(tx, None, input, checked_leader)?;
    leader_out(tx, &l.id)
}

pub fn update_leader(tx: &Tx, id: &str, input: &LeaderInput) -> Result<LeaderView> {
    ledger::upsert(tx, Some(id), input, checked_leader)?;
    leader_out(tx, id)
}

pub fn delete_leader(tx: &Tx, id: &str) -> Result<Entry> {
    let points = NamedBy {
        table: ContactPoint::TABLE,
        column: "leader_id",
        what: "个联系点",
    };
    ledger::delete_unless_named::<Leader>(
        tx,
        id,
        &[points],
        "请先删除这些联系点；已有走访记录的联系点不能删除，领导调离时请给他的联系点填写结束日期（不再计入覆盖），领导记录留作历史。",
    )
}

pub fn reveal_leader_phone(conn: &Connection, id: &str) -> Result<String> {
    Ok(ledger::get::<Leader>(conn, id)?.phone)
}

// ---------- contact points ----------

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactPoint {
    pub id: String,
    pub owner_code: String,
    pub leader_id: String,
    /// A community (村/社区), compound (小区) or base grid (基础网格).
    pub unit_id: String,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(ContactPoint, "contact_points", "联系点", ["leader_id" => Some(s.leader_id.clone()), "unit_id" => Some(s.unit_id.clone())], |s| format!("联系点（{}起）", s.start_on.as_deref().unwrap_or("")));

impl ContactPoint {
    /// The day it counts from: its 开始日期, else the day in China it was entered (a
    /// point imported without one counted in every past period, probe AA).
    pub fn starts_on(&self) -> String {
        self.start_on
            .clone()
            .unwrap_or_else(|| crate::base::period::china_day(&self.created_at))
    }

    /// In force on `today`: started ([`ContactPoint::starts_on`]) and not yet ended.
    pub fn active(&self, today: NaiveDate) -> bool {
        let on = |d: Option<&str>| d.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        on(Some(&self.starts_on())).is_none_or(|s| s <= today)
            && on(self.end_on.as_deref()).is_none_or(|e| e >= today)
    }

    /// 联系中, 未开始 or 已结束 on `today` (a point starting next month is not 已结束).
    pub fn state_label(&self, today: NaiveDate) -> &'static str {
        let later = self
            .start_on
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|s| s > today);
        if self.active(today) {
            "联系中"
        } else if later {
            "未开始"
        } else {
            "已结束"
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactPointInput {
    pub leader_id: String,
    pub unit_id: String,
    pub start_on: String,
    pub end_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPointView {
    pub id: String,
    pub leader_id: String,
    pub leader_name: String,
    pub leader_level: LeaderLevel,
    pub unit_id: String,
    pub unit_name: String,
    pub unit_kind: UnitKind,
    pub unit_path: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
    pub active: bool,
    /// 联系中, 未开始 (a start after today) or 已结束, as the lists say it.
    pub state_label: &'static str,
    pub note: String,
    pub visits: usize,
}

/// "青溪社区 › 阳光花园 › 一网格"
pub(crate) fn unit_path(by_id: &BTreeMap<&str, &Unit>, u: &Unit) -> String {
    let mut names = vec![u.name.clone()];
    let mut at = u.parent_id.as_deref();
    while let Some(p) = at.and_then(|id| by_id.get(id)) {
        names.push(p.name.clone());
        at = p.parent_id.as_deref();
        if names.len() > 6 {
            break;
        }
    }
    names.reverse();
    names.join(" › ")
}

/// The units a contact point may link to, and the coverage (and the report) counts.
pub const TARGET_KINDS: [UnitKind; 3] = [UnitKind::Village, UnitKind::Compound, UnitKind::BaseGrid];

pub fn contact_points(conn: &Connection, today: NaiveDate) -> Result<Vec<ContactPointView>> {
    let all = hierarchy::list(conn)?;
    let by_id: BTreeMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let leaders: BTreeMap<String, Leader> = ledger::list::<Leader>(conn)?
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect();
    let visits = crate::base::tally(
        ledger::list::<Visit>(conn)?
            .into_iter()
            .map(|v| v.contact_point_id),
    );
    let mut out = Vec::new();
    for p in ledger::list::<ContactPoint>(conn)? {
        let (Some(l), Some(u)) = (leaders.get(&p.leader_id), by_id.get(p.unit_id.as_str())) else {
            continue;
        };
        let (kind, kind_label) = l.level.link();
        out.push(ContactPointView {
            visits: visits.get(&p.id).copied().unwrap_or(0),
            active: p.active(today),
            state_label: p.state_label(today),
            leader_name: l.name.clone(),
            leader_level: l.level,
            unit_name: u.name.clone(),
            unit_kind: u.kind,
            unit_path: unit_path(&by_id, u),
            kind,
            kind_label,
            id: p.id,
            leader_id: p.leader_id,
            unit_id: p.unit_id,
            start_on: p.start_on,
            end_on: p.end_on,
            note: p.note,
        });
    }
    out.sort_by(|a, b| {
        b.leader_level
            .cmp(&a.leader_level)
            .then(a.unit_path.cmp(&b.unit_path))
    });
    Ok(out)
}

fn point_out(conn: &Connection, id: &str, today: NaiveDate) -> Result<ContactPointView> {
    contact_points(conn, today)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这个联系点，请刷新后再试。".into()))
}

pub(crate) fn checked_point(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&ContactPoint>,
    input: &ContactPointInput,
) -> Result<ContactPoint> {
    let leader: Leader = ledger::find(conn, &input.leader_id)?
        .ok_or_else(|| Error::validation("leaderId", "请选择联系的领导。".to_string()))?;
    let unit = hierarchy::get(conn, &input.unit_id).map_err(|_| {
        Error::validation("unitId", "请选择联系的村/社区、小区或网格。".to_string())
    })?;
    if !TARGET_KINDS.contains(&unit.kind) {
        return Err(Error::validation(
            "unitId",
            format!(
                "联系点应是村/社区、小区或基础网格，{}不行。",
                unit.describe()
            ),
        ));
    }
    let start_on = date_field("startOn", "开始日期", &input.start_on)?;
    let end_on = date_field("endOn", "结束日期", &input.end_on)?;
    if let (Some(s), Some(e)) = (&start_on, &end_on) {
        if e < s {
            return Err(Error::validation(
                "endOn",
                "结束日期不能早于开始日期。".to_string(),
            ));
        }
    }
    // Its visits stay inside its dates: a start moved after one, or an end before
    // one, left visits outside the contact that could then not be saved again.
    if let Some(b) = before {
        let visits = ledger::list_by::<Visit>(conn, "contact_point_id", &b.id)?;
        // Its visits were made by that leader to that target: moving the point would
        // carry them, and the coverage of every period since its start, to another
        // (probe AA: 滨江社区 lost its leader in the third quarter's figures).
        let moved = if b.unit_id != unit.id {
            Some(("unitId", "联系对象"))
        } else if b.leader_id != leader.id {
            Some(("leaderId", "联系领导"))
        } else {
            None
        };
        if let (Some((field, what)), Some(first)) =
            (moved, visits.iter().map(|v| v.visited_on.as_str()).min())
        {
            return Err(Error::validation(
                field,
                format!(
                    "这个联系点已有 {} 次走访记录（最早 {first}），改{what}会把这些走访和以前的联系情况都算到新的{what}上。调整分工请给这个联系点填写结束日期，再新增一个联系点。",
                    visits.len()
                ),
            ));
        }
        let days = |outside: &dyn Fn(&str) -> bool| -> Vec<String> {
            let mut d: Vec<String> = visits
                .iter()
                .map(|v| v.visited_on.clone())
                .filter(|d| outside(d))
                .collect();
            d.sort();
            d.dedup();
            d
        };
        let named = |d: &[String]| {
            let shown: Vec<&str> = d.iter().take(3).map(String::as_str).collect();
            let more = if d.len() > 3 {
                format!("等 {} 天", d.len())
            } else {
                String::new()
            };
            format!("{}{more}", shown.join("、"))
        };
        if let Some(s) = &start_on {
            let early = days(&|d| d < s.as_str());
            if !early.is_empty() {
                return Err(Error::validation(
                    "startOn",
                    format!("这个联系点在 {} 已有走访记录，开始日期不能晚于最早的一次走访（{}）。如是走访日期记错了，请先改走访记录。", named(&early), early[0]),
                ));
            }
        }
        if let Some(e) = &end_on {
            let late = days(&|d| d > e.as_str());
            if !late.is_empty() {
                return Err(Error::validation(
                    "endOn",
                    format!("这个联系点在 {} 还有走访记录，结束日期不能早于最后一次走访（{}）。如是走访日期记错了，请先改走访记录。", named(&late), late[late.len() - 1]),
                ));
            }
        }
    }
    if ledger::list_by::<ContactPoint>(conn, "leader_id", &leader.id)?
        .iter()
        .any(|p| p.unit_id == unit.id && Some(&p.id) != before.map(|b| &b.id))
    {
        return Err(Error::Conflict {
            field: Some("unitId"),
            message: format!("{}已经联系{}了。", leader.summary(), unit.describe()),
        });
    }
    let now = ctx.stamp();
    Ok(ContactPoint {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        leader_id: leader.id,
        unit_id: unit.id,
        start_on,
        end_on,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_point(tx: &Tx, input: &ContactPointInput) -> Result<ContactPointView> {
    let p = ledger::upsert(tx, None, input, checked_point)?;
    point_out(tx, &p.id, tx.ctx.today())
}

pub fn update_point(tx: &Tx, id: &str, input: &ContactPointInput) -> Result<ContactPointView> {
    ledger::upsert(tx, Some(id), input, checked_point)?;
    point_out(tx, id, tx.ctx.today())
}

pub fn delete_point(tx: &Tx, id: &str) -> Result<Entry> {
    let visits = NamedBy {
        table: Visit::TABLE,
        column: "contact_point_id",
        what: "条走访记录",
    };
    // Named as the change log names it (高建平 → 石塘组网格（2026-02-01起）): its
    // own fields hold only ids and dates, and several points start the same day.
    ledger::delete_unless_named_as::<ContactPoint>(
        tx,
        id,
        &[visits],
        "可以填写结束日期，让它不再计入覆盖。",
        |p| {
            let leader = ledger::find::<Leader>(tx, &p.leader_id).ok().flatten();
            let unit = crate::hierarchy::get(tx, &p.unit_id).ok();
            match (leader, unit) {
                (Some(l), Some(u)) => format!(
                    "联系点“{} → {}”（{}起）",
                    l.name,
                    u.name,
                    p.start_on.as_deref().unwrap_or("")
                ),
                _ => p.summary(),
            }
        },
    )
}

// ---------- coverage ----------

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageLeader {
    pub leader_id: String,
    pub name: String,
    pub level_label: &'static str,
    pub kind_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageRow {
    pub unit_id: String,
    pub kind: UnitKind,
    pub name: String,
    pub path: String,
    pub leaders: Vec<CoverageLeader>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub rows: Vec<CoverageRow>,
    pub uncovered: Vec<CoverageRow>,
    /// Communities no township leader covers (乡镇/街道领导全覆盖的缺口).
    pub villages_without_township_leader: Vec<CoverageRow>,
    pub covered: usize,
    pub total: usize,
}

/// Every community, compound and base grid with the leaders whose contact points
/// are in force on `today`; those with none; and the communities that no township
/// leader covers.
pub fn coverage(conn: &Connection, today: NaiveDate) -> Result<Coverage> {
    Ok(coverage_of(
        &hierarchy::list(conn)?,
        &ledger::list::<Leader>(conn)?,
        &ledger::list::<ContactPoint>(conn)?,
        today,
    ))
}

/// [`coverage`] of any office's records (units in code order): the county reads its
/// townships' from the files they sent.
pub fn coverage_of(
    all: &[Unit],
    leaders: &[Leader],
    points: &[ContactPoint],
    today: NaiveDate,
) -> Coverage {
    let by_id: BTreeMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let leaders: BTreeMap<&str, &Leader> = leaders.iter().map(|l| (l.id.as_str(), l)).collect();
    let points: Vec<&ContactPoint> = points.iter().filter(|p| p.active(today)).collect();
    // As the tree nests them: a compound's grids under it, each level in code order
    // (by code alone, a community's grids came before its compounds: probe AA).
    let chain = |u: &'_ Unit| -> Vec<String> {
        let mut codes = vec![u.code.clone()];
        let mut at = u.parent_id.as_deref();
        while let Some(p) = at.and_then(|id| by_id.get(id)) {
            if codes.len() > 8 {
                break;
            }
            codes.push(p.code.clone());
            at = p.parent_id.as_deref();
        }
        codes.reverse();
        codes
    };
    let mut targets: Vec<(Vec<String>, &Unit)> = all
        .iter()
        .filter(|u| TARGET_KINDS.contains(&u.kind))
        .map(|u| (chain(u), u))
        .collect();
    targets.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let rows: Vec<CoverageRow> = targets
        .into_iter()
        .map(|(_, u)| CoverageRow {
            unit_id: u.id.clone(),
            kind: u.kind,
            name: u.name.clone(),
            path: unit_path(&by_id, u),
            leaders: points
                .iter()
                .filter(|p| p.unit_id == u.id)
                .filter_map(|p| leaders.get(p.leader_id.as_str()))
                .map(|l| CoverageLeader {
                    leader_id: l.id.clone(),
                    name: l.name.clone(),
                    level_label: l.level.label(),
                    kind_label: l.level.link().1,
                })
                .collect(),
        })
        .collect();
    // In the rows' order (not by their names' text: 第三网格 came before 第二网格).
    let uncovered: Vec<CoverageRow> = rows
        .iter()
        .filter(|r| r.leaders.is_empty())
        .cloned()
        .collect();
    let villages_without_township_leader = rows
        .iter()
        .filter(|r| {
            r.kind == UnitKind::Village
                && !r
                    .leaders
                    .iter()
                    .any(|l| l.level_label == LeaderLevel::Township.label())
        })
        .cloned()
        .collect();
    Coverage {
        covered: rows.len() - uncovered.len(),
        total: rows.len(),
        rows,
        uncovered,
        villages_without_township_leader,
    }
}

// ---------- visits ----------

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Visit {
    pub id: String,
    pub owner_code: String,
    pub contact_point_id: String,
    pub visited_on: String,
    pub visitors: String,
    pub found: String,
    pub coordinated: String,
    /// Demands made from this visit (the link is kept on both sides).
    pub demand_ids: Vec<String>,
    /// Photos and notes taken on the visit.
    pub attachments: Vec<AttachmentRef>,
    pub created_at: String,
    pub updated_at: String,
}

crate::store::attachments::attached!(Visit);
document!(Visit, "visits", "走访记录", ["contact_point_id" => Some(s.contact_point_id.clone())], |s| format!("{} 的走访记录", s.visited_on));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VisitInput {
    pub contact_point_id: String,
    pub visited_on: String,
    pub visitors: String,
    pub found: String,
    pub coordinated: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedDemand {
    pub id: String,
    pub title: String,
    pub status_label: &'static str,
}

/// Finds what visits show of the demands they became, by demand id. Contacts does
/// not read demands (the declared relation goes demands → contacts): the caller
/// passes `demands::linked_to_visits`, or [`no_linked_demands`] where the visits'
/// demands are not shown (a spreadsheet export).
pub type FindLinkedDemands = fn(&Connection) -> Result<BTreeMap<String, LinkedDemand>>;

/// For callers that do not show a visit's demands.
pub fn no_linked_demands(_: &Connection) -> Result<BTreeMap<String, LinkedDemand>> {
    Ok(BTreeMap::new())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitView {
    pub id: String,
    pub contact_point_id: String,
    pub leader_name: String,
    pub unit_name: String,
    pub visited_on: String,
    pub visitors: String,
    pub found: String,
    pub coordinated: String,
    pub demand_ids: Vec<String>,
    /// The linked demands that exist (one in the recycle bin is not listed).
    pub demands: Vec<LinkedDemand>,
}

pub fn visits(
    conn: &Connection,
    contact_point_id: &str,
    today: NaiveDate,
    linked: FindLinkedDemands,
) -> Result<Vec<VisitView>> {
    let points: BTreeMap<String, ContactPointView> = contact_points(conn, today)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let demands = linked(conn)?;
    let mut out: Vec<VisitView> = ledger::list::<Visit>(conn)?
        .into_iter()
        .filter(|v| contact_point_id.is_empty() || v.contact_point_id == contact_point_id)
        .map(|v| {
            let p = points.get(&v.contact_point_id);
            VisitView {
                leader_name: p.map(|p| p.leader_name.clone()).unwrap_or_default(),
                unit_name: p.map(|p| p.unit_name.clone()).unwrap_or_default(),
                demands: v
                    .demand_ids
                    .iter()
                    .filter_map(|id| demands.get(id))
                    .cloned()
                    .collect(),
                id: v.id,
                contact_point_id: v.contact_point_id,
                visited_on: v.visited_on,
                visitors: v.visitors,
                found: v.found,
                coordinated: v.coordinated,
                demand_ids: v.demand_ids,
            }
        })
        .collect();
    out.sort_by(|a, b| b.visited_on.cmp(&a.visited_on).then(b.id.cmp(&a.id)));
    Ok(out)
}

pub(crate) fn visit_out(
    conn: &Connection,
    id: &str,
    today: NaiveDate,
    linked: FindLinkedDemands,
) -> Result<VisitView> {
    visits(conn, "", today, linked)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这条走访记录，请刷新后再试。".into()))
}

pub(crate) fn checked_visit(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Visit>,
    input: &VisitInput,
) -> Result<Visit> {
    let point: ContactPoint = ledger::find(conn, &input.contact_point_id)?
        .ok_or_else(|| Error::validation("contactPointId", "请选择走访的联系点。".to_string()))?;
    let visited_on = date_field("visitedOn", "走访日期", &input.visited_on)?
        .ok_or_else(|| Error::validation("visitedOn", "请填写走访日期。".to_string()))?;
    check_not_future("visitedOn", "走访日期", Some(&visited_on), ctx.today())?;
    // A visit is made while the contact runs: not before its start, not after its end.
    if let Some(start) = point
        .start_on
        .as_deref()
        .filter(|s| visited_on.as_str() < *s)
    {
        return Err(Error::validation(
            "visitedOn",
            format!("走访日期 {visited_on} 早于这个联系点的开始日期 {start}。请核对走访日期；若联系早已开始，请先把联系点的开始日期改早。"),
        ));
    }
    if let Some(end) = point.end_on.as_deref().filter(|e| visited_on.as_str() > *e) {
        return Err(Error::validation(
            "visitedOn",
            format!("走访日期 {visited_on} 晚于这个联系点的结束日期 {end}。请核对走访日期，或记在现在负责的联系点下。"),
        ));
    }
    let now = ctx.stamp();
    Ok(Visit {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        contact_point_id: point.id,
        visited_on,
        visitors: text_field("visitors", "参加人员", &input.visitors, 200)?,
        found: required("found", "发现的问题或情况", &input.found, 2000)?,
        coordinated: text_field("coordinated", "协调解决的事项", &input.coordinated, 2000)?,
        demand_ids: before.map(|b| b.demand_ids.clone()).unwrap_or_default(),
        attachments: before.map(|b| b.attachments.clone()).unwrap_or_default(),
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// One visit a point a day: the visits' import and export know a visit by its point
/// and day (an import updates the one it finds), so a second one entered on the day
/// could not go through Excel again.
fn one_a_day(conn: &Connection, v: &Visit) -> Result<()> {
    if let Some(same) = ledger::list_by::<Visit>(conn, "contact_point_id", &v.contact_point_id)?
        .into_iter()
        .find(|o| o.visited_on == v.visited_on && o.id != v.id)
    {
        let found: String = same.found.chars().take(20).collect();
        return Err(Error::Conflict {
            field: Some("visitedOn"),
            message: format!(
                "这个联系点在 {} 已有一次走访记录（发现的问题：{found}）。同一天的走访请补充在那一条里；如是另一天，请改走访日期。",
                v.visited_on
            ),
        });
    }
    Ok(())
}

pub fn create_visit(tx: &Tx, input: &VisitInput, linked: FindLinkedDemands) -> Result<VisitView> {
    let v = ledger::upsert_then(tx, None, input, checked_visit, one_a_day)?;
    visit_out(tx, &v.id, tx.ctx.today(), linked)
}

pub fn update_visit(
    tx: &Tx,
    id: &str,
    input: &VisitInput,
    linked: FindLinkedDemands,
) -> Result<VisitView> {
    ledger::upsert_then(tx, Some(id), input, checked_visit, one_a_day)?;
    visit_out(tx, id, tx.ctx.today(), linked)
}

/// Deletes a visit into the recycle bin; its demands keep their link and show the
/// visit again when it is restored.
pub fn delete_visit(tx: &Tx, id: &str) -> Result<Entry> {
    // Named by whom and where, as the change log names it (the bin said only
    // “2026-05-20 的走访记录”, and one leader may visit twice a day).
    ledger::delete_unless_named_as::<Visit>(tx, id, &[], "", |v| {
        let point = ledger::find::<ContactPoint>(tx, &v.contact_point_id)
            .ok()
            .flatten();
        let leader = point
            .as_ref()
            .and_then(|p| ledger::find::<Leader>(tx, &p.leader_id).ok().flatten());
        let unit = point.and_then(|p| crate::hierarchy::get(tx, &p.unit_id).ok());
        match (leader, unit) {
            (Some(l), Some(u)) => format!("{} 的走访记录（{} → {}）", v.visited_on, l.name, u.name),
            _ => v.summary(),
        }
    })
}

/// What is attached to a unit from this module (for refusing its deletion).
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<ContactPoint>(conn, "unit_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 个领导联系点")))
}

// ---------- kinds (listed in crate::kinds) ----------

use crate::sheets::kind::{Def, Export, Names, Sheet};

pub static LEADERS: Def = Def {
    imports: &[&Sheet::<sheets::Leaders>::NEW],
    exports: &[Export::of::<sheets::Leaders>(sheets::export_rows)],
    ..Def::ledger::<Leader>()
};
pub static CONTACT_POINTS: Def = Def {
    // A point is called by its leader and place (何静 → 杨柳村), as its detail is
    // titled: the change log names a visit's point so, and the point's own rows.
    names: Names::Query(
        "SELECT cp.id, coalesce(json_extract(l.json, '$.name'), '') || ' → ' || coalesce(u.name, '') \
         FROM contact_points cp LEFT JOIN leaders l ON l.id = cp.leader_id \
         LEFT JOIN units u ON u.id = cp.unit_id WHERE cp.id IN (SELECT value FROM json_each(?1))",
    ),
    fields: &[("leaderId", "联系领导"), ("unitId", "联系对象")],
    blocks_unit_delete: Some(attached_to),
    imports: &[&Sheet::<sheets::ContactPoints>::NEW],
    exports: &[Export::of::<sheets::ContactPoints>(sheets::export_rows).also(&sheets::POINT_ALSO)],
    report_keys: &["contacts.points", "contacts.targets_covered"],
    // The leader may have been linked to the same place again meanwhile.
    restore: |tx, v| {
        ledger::restore_checked::<ContactPoint>(tx, v, |c, d| {
            let again = ledger::list_by::<ContactPoint>(c, "leader_id", &d.leader_id)?
                .into_iter()
                .any(|p| p.unit_id == d.unit_id);
            if again {
                return Err(Error::Conflict {
                    field: None,
                    message: "这位领导已经有同一联系对象的联系点（删除后又新建了一个），恢复会重复。要用回收站里的这一个，请先删除现有的那个再恢复。".to_string(),
                });
            }
            Ok(())
        })
    },
    ..Def::ledger::<ContactPoint>()
};
pub static VISITS: Def = Def {
    fields: &[("contactPointId", "联系点"), ("demandIds", "转成的诉求")],
    imports: &[&Sheet::<sheets::Visits>::NEW],
    exports: &[Export::of::<sheets::Visits>(sheets::export_rows).dated_by(&["visitedOn"])],
    evidence: Some(crate::store::attachments::Evidence::of::<Visit>()),
    report_keys: &["contacts.visits"],
    ..Def::ledger::<Visit>()
};

#[cfg(test)]
mod state_tests {
    use super::*;

    #[test]
    fn a_point_not_begun_is_not_said_to_have_ended() {
        let on = |start: Option<&str>, end: Option<&str>| ContactPoint {
            start_on: start.map(String::from),
            end_on: end.map(String::from),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(on(Some("2027-02-01"), None).state_label(today), "未开始");
        assert_eq!(
            on(Some("2026-01-01"), Some("2026-06-30")).state_label(today),
            "已结束"
        );
        assert_eq!(on(Some("2026-01-01"), None).state_label(today), "联系中");
        assert_eq!(on(None, None).state_label(today), "联系中");
    }
}
