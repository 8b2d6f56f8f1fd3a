//! 检查记录 (issue 16, item 5): an inspection of a sampled compound (in its quarter)
//! or of a base or micro grid (once each half-year), with the checklist's scores,
//! findings, photos (through [`attachments`], as co-building evidence), inspector and
//! date; and the half-year's progress over the grids.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::base::fields::{parse_date, required, text_field};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::sampling::{current_sample, HalfYear, Quarter, Sample};
use crate::store::attachments::{self, Attachment, AttachmentRef};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

/// The checklist: (key, item, most points, what is checked). The keys are the
/// import columns' keys; the points add up to 100.
pub const CHECKLIST: &[(&str, &str, u32, &str)] = &[
    ("visits", "网格员走访", 20, "按要求走访住户，有走访记录"),
    ("records", "台账记录", 20, "民情日志、工作台账完整及时"),
    (
        "publicity",
        "信息公示",
        15,
        "网格员信息、职责和联系方式公示",
    ),
    (
        "timeliness",
        "问题处理时效",
        25,
        "发现的问题按期上报、按期办结",
    ),
    ("sanliang", "三亮到位", 20, "亮身份、亮职责、亮承诺到位"),
];

/// One inspection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Inspection {
    pub id: String,
    pub owner_code: String,
    /// The compound or grid inspected, and how it was named then.
    pub unit_id: String,
    pub unit_kind: UnitKind,
    pub unit_code: String,
    pub unit_name: String,
    pub community_name: String,
    /// `2026Q4` for a sampled compound, `2026H2` for a grid.
    pub period: String,
    /// The sample that drew the compound.
    pub sample_id: Option<String>,
    pub date: String,
    /// 检查人员 (names, 、-separated).
    pub inspector: String,
    /// Checklist key → points.
    pub scores: BTreeMap<String, u32>,
    pub findings: String,
    /// Photos and other evidence.
    pub attachments: Vec<AttachmentRef>,
    pub remark: String,
    /// 复查: the first inspection (初查) of the same unit that this one checks again,
    /// once its problems were put right. A recheck belongs to its first's period and
    /// sample and is not another inspection of the period: progress and samples
    /// count the first ([`Inspection::is_first`]). Absent before format 2.15.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recheck_of: Option<String>,
    /// 换人 (双随机): the inspectors the sample drew for this compound when others
    /// checked it, and why (请假、回避 …); both absent when the drawn ones did (and
    /// before format 2.18).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub drawn_inspector: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub substitute_reason: String,
    pub created_at: String,
    pub updated_at: String,
}

crate::store::attachments::attached!(Inspection);

document!(Inspection, "inspections", "检查记录", ["unit_id" => Some(s.unit_id.clone()), "period" => Some(s.period.clone())], |s| format!(
    "{} {}的检查记录",
    s.date, s.unit_name
));

impl Inspection {
    /// 检查人员 as the notice and the county read them: 周敏、陈静（换人：原抽中郑丽、
    /// 吴刚；原因：请假）when others stood in for the drawn ones.
    pub fn inspectors_text(&self) -> String {
        if self.drawn_inspector.is_empty() {
            return self.inspector.clone();
        }
        format!(
            "{}（换人：原抽中{}；原因：{}）",
            self.inspector, self.drawn_inspector, self.substitute_reason
        )
    }

    pub fn total(&self) -> u32 {
        self.scores.values().sum()
    }

    pub fn is_grid(&self) -> bool {
        matches!(self.unit_kind, UnitKind::BaseGrid | UnitKind::MicroGrid)
    }

    /// The period's inspection of its unit (初查), not a 复查 of one.
    pub fn is_first(&self) -> bool {
        self.recheck_of.is_none()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InspectionInput {
    pub unit_id: String,
    pub date: String,
    pub inspector: String,
    /// Checklist key → points as written.
    pub scores: BTreeMap<String, String>,
    pub findings: String,
    pub remark: String,
    /// 复查: the id of the first inspection checked again; empty, the unit's latest
    /// first inspection on or before the date (an import row); absent, a first
    /// inspection. Set when the record is made; a correction keeps what it was.
    pub recheck_of: Option<String>,
    /// 换人原因: why others checked a sampled compound than the inspectors drawn.
    pub substitute_reason: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InspectionView {
    #[serde(flatten)]
    pub inspection: Inspection,
    pub unit_kind_label: &'static str,
    pub total: u32,
    pub photos: Vec<Attachment>,
}

fn view(db: Option<&Path>, i: Inspection) -> InspectionView {
    InspectionView {
        unit_kind_label: i.unit_kind.label(),
        total: i.total(),
        photos: i
            .attachments
            .iter()
            .map(|a| attachments::view(db, a))
            .collect(),
        inspection: i,
    }
}

/// The checklist as the screens and the printed sheet show it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub key: &'static str,
    pub label: &'static str,
    pub max: u32,
    pub hint: &'static str,
}

pub fn checklist() -> Vec<ChecklistItem> {
    CHECKLIST
        .iter()
        .map(|&(key, label, max, hint)| ChecklistItem {
            key,
            label,
            max,
            hint,
        })
        .collect()
}

fn community_name(conn: &Connection, u: &Unit) -> Result<String> {
    Ok(community_of(conn, u)?.map(|v| v.name).unwrap_or_default())
}

/// The village or community `u` is in (itself, for one).
fn community_of(conn: &Connection, u: &Unit) -> Result<Option<Unit>> {
    let mut cur = u.clone();
    for _ in 0..8 {
        if cur.kind == UnitKind::Village {
            return Ok(Some(cur));
        }
        match cur.parent_id.as_deref() {
            Some(p) => match hierarchy::find(conn, p)? {
                Some(parent) => cur = parent,
                None => break,
            },
            None => break,
        }
    }
    Ok(None)
}

/// The names of 检查人员 as typed (separated by 、，; or spaces).
fn names_of(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', ';', '；', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// 双随机: a sampled compound is checked by the inspectors drawn for it (`drawn`).
/// Others may stand in, with the reason said wherever the check is shown (probe
/// AJ: the 公示 listed two substitutes under 双随机 unsaid). → (drawn, reason) to
/// keep on the record, both empty when the drawn ones checked. A record saved again
/// with its inspectors unchanged keeps what it had.
fn substitution(
    inspector: &str,
    drawn: &[String],
    before: Option<&Inspection>,
    reason: &str,
) -> Result<(String, String)> {
    let mut names = names_of(inspector);
    let mut wanted = drawn.to_vec();
    names.sort();
    wanted.sort();
    if drawn.is_empty() || names == wanted {
        return Ok((String::new(), String::new()));
    }
    let reason = text_field("substituteReason", "换人原因", reason, 100)?;
    if !reason.is_empty() {
        return Ok((drawn.join("、"), reason));
    }
    if let Some(b) = before.filter(|b| b.inspector == inspector) {
        return Ok((b.drawn_inspector.clone(), b.substitute_reason.clone()));
    }
    Err(Error::validation(
        "substituteReason",
        format!(
            "这个小区抽中的检查人员是{}，这里填的是{}。换人检查请在“换人原因”写明原因（如请假、回避），公示时一并写出；不换人请填回抽中的人员。",
            drawn.join("、"),
            names_of(inspector).join("、")
        ),
    ))
}

/// 回避: an inspector on the 考核组名单 who works in the unit's village or community
/// does not inspect it (the draw never sends them there; a record named one). Once
/// the office keeps a 考核组名单, a new name must be on it: a name off the list
/// escaped the 回避 check (probe AA: 张三). A name kept from `before` is not asked
/// again (an inspector since taken off the list).
fn check_inspectors(
    conn: &Connection,
    unit: &Unit,
    inspector: &str,
    before: Option<&str>,
) -> Result<()> {
    let names = names_of(inspector);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let kept = before.map(names_of).unwrap_or_default();
    let roster = ledger::list::<super::Inspector>(conn)?;
    if !roster.is_empty() {
        if let Some(off) = names.iter().find(|n| {
            !kept.iter().any(|k| k == *n) && !roster.iter().any(|i| i.active && i.name == **n)
        }) {
            return Err(Error::validation(
                "inspector",
                format!(
                    "检查人员“{off}”不在考核组名单中：请改为名单中的人，或先在 考核 › 抽查 › 考核组名单 添加（添加时写明工作单位，以便回避本村/社区）。几位检查人员之间用顿号分开。"
                ),
            ));
        }
    }
    let Some(community) = community_of(conn, unit)? else {
        return Ok(());
    };
    if let Some(i) = roster.iter().find(|i| {
        i.community_id.as_deref() == Some(community.id.as_str()) && names.contains(&i.name.as_str())
    }) {
        return Err(Error::validation(
            "inspector",
            format!(
                "检查人员{}在{}工作{}，按回避规则不检查本村/社区，请换一位检查人员。",
                i.name,
                community.name,
                if i.unit_name.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", i.unit_name)
                }
            ),
        ));
    }
    Ok(())
}

/// The inspection of `unit_id` in `period` (its 初查), if one is stored.
pub fn find_for(conn: &Connection, unit_id: &str, period: &str) -> Result<Option<Inspection>> {
    Ok(ledger::list_by::<Inspection>(conn, "unit_id", unit_id)?
        .into_iter()
        .find(|i| i.period == period && i.is_first()))
}

/// The rechecks (复查) of inspection `first`, by date (found by the id they name,
/// whatever unit the first now names).
pub fn rechecks_of(conn: &Connection, first: &Inspection) -> Result<Vec<Inspection>> {
    let mut all: Vec<Inspection> =
        ledger::list_by_json::<Inspection>(conn, "$.recheckOf", &first.id)?;
    all.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(all)
}

/// The first inspection a recheck (复查) of `unit` checks again: by id, or (an import
/// row, which names no id) the unit's latest first inspection on or before `date`.
fn first_rechecked(
    conn: &Connection,
    unit: &Unit,
    id: &str,
    date: chrono::NaiveDate,
) -> Result<Inspection> {
    let day = date.to_string();
    let first = if id.is_empty() {
        ledger::list_by::<Inspection>(conn, "unit_id", &unit.id)?
            .into_iter()
            .filter(|i| i.is_first() && i.date <= day)
            .max_by(|a, b| a.date.cmp(&b.date))
    } else {
        ledger::find::<Inspection>(conn, id)?
    };
    let Some(first) = first else {
        return Err(Error::validation(
            "recheckOf",
            if id.is_empty() {
                format!(
                    "{}在 {day} 以前没有检查记录，没有可以复查的检查。请先登记那次检查（可以写在同一个文件里，检查类型填“初查”），或核对复查日期。",
                    unit.describe()
                )
            } else {
                "要复查的那次检查记录已不存在（可能已被删除），请重新选择。".to_string()
            },
        ));
    };
    if !first.is_first() {
        return Err(Error::validation(
            "recheckOf",
            "复查要对应一次初次检查，不能对应另一次复查。",
        ));
    }
    if first.unit_id != unit.id {
        return Err(Error::validation(
            "unitId",
            format!(
                "复查的对象应与初次检查相同（{}），请核对。",
                first.unit_name
            ),
        ));
    }
    if day < first.date {
        return Err(Error::validation(
            "date",
            format!("复查日期 {day} 早于初次检查的日期 {}，请核对。", first.date),
        ));
    }
    Ok(first)
}

pub(crate) fn checked_inspection(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Inspection>,
    input: &InspectionInput,
) -> Result<Inspection> {
    if input.unit_id.trim().is_empty() {
        return Err(Error::validation(
            "unitId",
            "请选择检查对象：抽中的小区，或基础网格、微网格。",
        ));
    }
    let unit = hierarchy::find(conn, input.unit_id.trim())?.ok_or_else(|| {
        Error::validation("unitId", "检查对象已不存在（可能已被删除），请重新选择。")
    })?;
    let date = parse_date("date", "检查日期", &input.date)?
        .ok_or_else(|| Error::validation("date", "请填写检查日期。"))?;
    if date > ctx.today() {
        return Err(Error::validation(
            "date",
            format!("检查日期 {date} 还没到，请填写实际检查的日期。"),
        ));
    }
    // Not before the unit was set up (probe O: a grid set up on 03-01 inspected on
    // 02-15 counted in that half-year).
    if let Some(set_up) = unit
        .established_on
        .as_deref()
        .filter(|d| date.to_string().as_str() < *d)
    {
        return Err(Error::validation(
            "date",
            format!(
                "检查日期 {date} 早于{}的设立日期 {set_up}，那时它还没有设立。请核对检查日期或检查对象。",
                unit.describe()
            ),
        ));
    }
    let inspector = required("inspector", "检查人员", &input.inspector, 60)?;
    check_inspectors(
        conn,
        &unit,
        &inspector,
        before.map(|b| b.inspector.as_str()),
    )?;
    let findings = text_field("findings", "发现的问题", &input.findings, 2000)?;
    let remark = text_field("remark", "备注", &input.remark, 500)?;
    let mut scores = BTreeMap::new();
    for &(key, label, max, _) in CHECKLIST {
        let raw = input.scores.get(key).map(|s| s.trim()).unwrap_or("");
        if raw.is_empty() {
            return Err(Error::validation(
                key,
                format!("请填写“{label}”的得分（0–{max} 分）。"),
            ));
        }
        let v: u32 = raw
            .parse::<f64>()
            .ok()
            .filter(|v| v.fract() == 0.0 && *v >= 0.0)
            .map(|v| v as u32)
            .ok_or_else(|| {
                Error::validation(
                    key,
                    format!("“{label}”的得分“{raw}”不是整数分，请填 0–{max} 的整数。"),
                )
            })?;
        if v > max {
            return Err(Error::validation(
                key,
                format!("“{label}”最多 {max} 分，填的是 {v} 分。"),
            ));
        }
        scores.insert(key.to_string(), v);
    }
    // A recheck keeps its first's period and sample (a December inspection may be
    // rechecked in January); a correction keeps whether the record was one.
    let recheck = match before {
        Some(b) => b.recheck_of.clone(),
        None => input.recheck_of.as_deref().map(|s| s.trim().to_string()),
    };
    let first = match &recheck {
        Some(id) => Some(first_rechecked(conn, &unit, id, date)?),
        None => None,
    };
    // The inspectors the sample drew for the compound (a first check of one).
    let mut drawn: Vec<String> = Vec::new();
    let (period, sample_id) = match (&first, unit.kind) {
        (Some(f), _) => (f.period.clone(), f.sample_id.clone()),
        (None, UnitKind::Compound) => {
            let q = Quarter::of(date);
            let s = current_sample(conn, &q.to_string())?;
            let mine = s.and_then(|s| {
                let d = s.drawn.iter().find(|d| d.compound_id == unit.id)?;
                Some((s.id.clone(), d.inspector_names.clone()))
            });
            match mine {
                Some((id, names)) => {
                    drawn = names;
                    (q.to_string(), Some(id))
                }
                None => {
                    return Err(Error::validation(
                        "unitId",
                        format!(
                            "{}不在{}的抽查样本中。小区的检查记录只记抽中的小区；请核对检查日期所在的季度，或先抽取本季度样本。",
                            unit.describe(),
                            q.label()
                        ),
                    ))
                }
            }
        }
        (None, UnitKind::BaseGrid | UnitKind::MicroGrid) => (HalfYear::of(date).to_string(), None),
        (None, UnitKind::Village) => {
            return Err(Error::validation(
                "unitId",
                format!(
                    "{}不能作为检查对象：请选择抽中的小区，或基础网格、微网格。",
                    unit.describe()
                ),
            ))
        }
    };
    // A first inspection re-dated after its rechecks would be rechecked before it,
    // and moved to another unit, they would check a unit it no longer names (probe V).
    if let Some(b) = before.filter(|b| b.is_first()) {
        let rechecks = rechecks_of(conn, b)?;
        if let Some(r) = rechecks.first().filter(|_| unit.id != b.unit_id) {
            return Err(Error::validation(
                "unitId",
                format!(
                    "这次检查在 {} 已有复查，检查对象不能改。如对象登记错了，请先删除复查记录，改好后再登记复查。",
                    r.date
                ),
            ));
        }
        if let Some(r) = rechecks.into_iter().find(|r| r.date < date.to_string()) {
            return Err(Error::validation(
                "date",
                format!(
                    "这次检查在 {} 已有复查，检查日期不能晚于复查日期。请核对。",
                    r.date
                ),
            ));
        }
    }
    if let Some(other) = find_for(conn, &unit.id, &period)?.filter(|_| first.is_none()) {
        if before.is_none_or(|b| b.id != other.id) {
            return Err(Error::Conflict {
                field: Some("unitId"),
                message: format!(
                    "{}在{}已有检查记录（{}），请修改那一条。",
                    unit.describe(),
                    period_label(&period),
                    other.date
                ),
            });
        }
    }
    let (drawn_inspector, substitute_reason) =
        substitution(&inspector, &drawn, before, &input.substitute_reason)?;
    let now = ctx.stamp();
    Ok(Inspection {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        community_name: community_name(conn, &unit)?,
        unit_id: unit.id,
        unit_kind: unit.kind,
        unit_code: unit.code,
        unit_name: unit.name,
        period,
        sample_id,
        date: date.to_string(),
        inspector,
        scores,
        findings,
        attachments: before.map(|b| b.attachments.clone()).unwrap_or_default(),
        remark,
        recheck_of: first.map(|f| f.id),
        drawn_inspector,
        substitute_reason,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// The period an inspection of a unit of `kind` on `date` falls in: the quarter for
/// a compound, the half-year for a grid.
pub fn period_of(kind: UnitKind, date: chrono::NaiveDate) -> String {
    match kind {
        UnitKind::Compound => Quarter::of(date).to_string(),
        _ => HalfYear::of(date).to_string(),
    }
}

/// 2026年第四季度 or 2026年下半年.
pub fn period_label(period: &str) -> String {
    if period.contains('Q') {
        Quarter::parse(period)
            .map(|q| q.label())
            .unwrap_or_else(|_| period.into())
    } else {
        HalfYear::parse(period)
            .map(|h| h.label())
            .unwrap_or_else(|_| period.into())
    }
}

pub fn inspections(conn: &Connection, db: Option<&Path>) -> Result<Vec<InspectionView>> {
    let mut list = ledger::list::<Inspection>(conn)?;
    list.sort_by(|a, b| (&b.date, &a.unit_code).cmp(&(&a.date, &b.unit_code)));
    Ok(list.into_iter().map(|i| view(db, i)).collect())
}

pub fn create_inspection(
    tx: &Tx,
    db: Option<&Path>,
    input: &InspectionInput,
) -> Result<InspectionView> {
    ledger::upsert(tx, None, input, checked_inspection).map(|i| view(db, i))
}

pub fn update_inspection(
    tx: &Tx,
    db: Option<&Path>,
    id: &str,
    input: &InspectionInput,
) -> Result<InspectionView> {
    ledger::upsert(tx, Some(id), input, checked_inspection).map(|i| view(db, i))
}

/// Deletes an inspection into the recycle bin; a first inspection with rechecks
/// (复查) is refused: they would check nothing.
pub fn delete_inspection(tx: &Tx, id: &str) -> Result<Entry> {
    if let Some(i) = ledger::find::<Inspection>(tx, id)? {
        let rechecks = rechecks_of(tx, &i)?;
        if let Some(last) = rechecks.last() {
            return Err(Error::Conflict {
                field: None,
                message: format!(
                    "{}的这次检查（{}）有 {} 次复查（最近一次 {}），请先删除复查记录，再删除这次检查。",
                    i.unit_name,
                    i.date,
                    rechecks.len(),
                    last.date
                ),
            });
        }
    }
    ledger::delete::<Inspection>(tx, id)
}

/// Restores an inspection from the recycle bin: a recheck (复查) only while the
/// inspection it checks again stands.
pub fn restore(tx: &Tx, v: &serde_json::Value) -> Result<()> {
    ledger::restore_checked::<Inspection>(tx, v, |c, d| {
        if let Some(first) = d.recheck_of.as_deref() {
            if ledger::find::<Inspection>(c, first)?.is_none() {
                return Err(Error::Conflict {
                    field: None,
                    message: format!(
                        "这是{}的一次复查（{}），它复查的那次检查已被删除。请先在回收站恢复那次检查，再恢复这条复查。",
                        d.unit_name, d.date
                    ),
                });
            }
        }
        Ok(())
    })
}

/// One inspection as the window shows it (its photos are added and removed through
/// the files every kind carries: `kinds::attach_files`, `kinds::detach_file`).
pub fn inspection(conn: &Connection, db: Option<&Path>, id: &str) -> Result<InspectionView> {
    Ok(view(db, ledger::get(conn, id)?))
}

/// The inspections of a sample's compounds in its quarter, by compound id.
pub fn for_sample(conn: &Connection, s: &Sample) -> Result<BTreeMap<String, Inspection>> {
    Ok(ledger::list_by::<Inspection>(conn, "period", &s.quarter)?
        .into_iter()
        .filter(|i| i.is_first() && s.drawn.iter().any(|d| d.compound_id == i.unit_id))
        .map(|i| (i.unit_id.clone(), i))
        .collect())
}

pub fn inspected_in_sample(conn: &Connection, s: &Sample) -> Result<usize> {
    Ok(for_sample(conn, s)?.len())
}

/// A grid in the half-year's progress.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressGrid {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind_label: &'static str,
    pub community_name: String,
    pub inspection_id: Option<String>,
    pub date: String,
    pub total: Option<u32>,
}

/// How many of the half-year's grids are inspected, and which are left.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridProgress {
    pub half: String,
    pub half_label: String,
    pub total: usize,
    pub inspected: usize,
    pub done: Vec<ProgressGrid>,
    pub left: Vec<ProgressGrid>,
}

pub fn grid_progress(conn: &Connection, half: &str) -> Result<GridProgress> {
    let h = HalfYear::parse(half)?;
    let period = h.to_string();
    let by_unit: BTreeMap<String, Inspection> =
        ledger::list_by::<Inspection>(conn, "period", &period)?
            .into_iter()
            .filter(Inspection::is_first)
            .map(|i| (i.unit_id.clone(), i))
            .collect();
    // The grids that stood at the half-year's end: set up by then (a grid set up in
    // March is not one of 2025's), and those 撤销 after it (probe O: 2025年下半年
    // counted 79 grids, 4 of them set up in 2026).
    let end = h.last_day().to_string();
    let units: Vec<Unit> = hierarchy::list(conn)?
        .into_iter()
        .chain(
            hierarchy::adjust::dissolved(conn)?
                .into_iter()
                .filter(|d| end.as_str() < d.dissolved_on.as_str())
                .map(|d| d.unit),
        )
        .collect();
    let names: BTreeMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let community = |u: &Unit| {
        let mut cur = u;
        for _ in 0..8 {
            if cur.kind == UnitKind::Village {
                return cur.name.clone();
            }
            match cur.parent_id.as_deref().and_then(|p| names.get(p)) {
                Some(p) => cur = p,
                None => break,
            }
        }
        String::new()
    };
    let (mut done, mut left) = (Vec::new(), Vec::new());
    for u in units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::BaseGrid | UnitKind::MicroGrid) && u.set_up_by(&end))
    {
        let i = by_unit.get(&u.id);
        let g = ProgressGrid {
            id: u.id.clone(),
            code: u.code.clone(),
            name: u.name.clone(),
            kind_label: u.kind.label(),
            community_name: community(u),
            inspection_id: i.map(|i| i.id.clone()),
            date: i.map(|i| i.date.clone()).unwrap_or_default(),
            total: i.map(Inspection::total),
        };
        if i.is_some() {
            done.push(g);
        } else {
            left.push(g);
        }
    }
    Ok(GridProgress {
        half: period,
        half_label: h.label(),
        total: done.len() + left.len(),
        inspected: done.len(),
        done,
        left,
    })
}

/// What of this module still names a unit (refuses its deletion).
pub fn named_by(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<Inspection>(conn, "unit_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 条检查记录")))
}
