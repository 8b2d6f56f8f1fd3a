//! 季度抽查 and 检查记录 (issue 16, items 4 and 5). The assessment team's roster of
//! inspectors ([`Inspector`], each with the village/community they work in, for
//! 回避); each quarter's sample ([`Sample`]: the compounds drawn by [`draw::draw`]
//! and their inspectors, with the seed, the rule and every input the draw used, so
//! anyone can redo it; a redraw keeps the old sample and its reason); and the
//! inspections ([`inspections`]) of the sampled compounds and of every base and
//! micro grid each half-year. Counted in the report (`assessment.*`).

pub mod draw;
pub mod inspections;
pub mod sheets;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::base::fields::{required, text_field};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

pub use draw::{
    Draw, DrawInputs, DrawnCompound, FrameCompound, HalfYear, Quarter, RosterInspector,
};

// ---------- inspectors (考核组名单) ----------

/// A member of the assessment team's roster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Inspector {
    pub id: String,
    pub owner_code: String,
    pub name: String,
    /// 工作单位 as written (镇党建办, 阳光社区居委会).
    pub unit_name: String,
    /// The village/community they work in, if any: never drawn for a compound there.
    pub community_id: Option<String>,
    /// Still on the roster (off-roster inspectors are not drawn; past samples keep them).
    pub active: bool,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Inspector, "inspectors", "检查人员", ["community_id" => s.community_id], |s| format!(
    "检查人员“{}”",
    s.name
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InspectorInput {
    pub name: String,
    pub unit_name: String,
    pub community_id: String,
    /// "否" / false takes the inspector off the roster; empty keeps them on.
    pub inactive: bool,
    pub remark: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InspectorView {
    pub id: String,
    pub name: String,
    pub unit_name: String,
    pub community_id: Option<String>,
    pub community_name: String,
    pub active: bool,
    pub remark: String,
}

fn inspector_view(conn: &Connection, i: Inspector) -> Result<InspectorView> {
    let community_name = match &i.community_id {
        Some(id) => hierarchy::find(conn, id)?
            .map(|u| u.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(InspectorView {
        id: i.id,
        name: i.name,
        unit_name: i.unit_name,
        community_id: i.community_id,
        community_name,
        active: i.active,
        remark: i.remark,
    })
}

pub fn inspectors(conn: &Connection) -> Result<Vec<InspectorView>> {
    let mut list = ledger::list::<Inspector>(conn)?;
    list.sort_by(|a, b| (!a.active, &a.name).cmp(&(!b.active, &b.name)));
    list.into_iter().map(|i| inspector_view(conn, i)).collect()
}

fn checked_inspector(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Inspector>,
    input: &InspectorInput,
) -> Result<Inspector> {
    let name = required("name", "姓名", &input.name, 30)?;
    let unit_name = text_field("unitName", "工作单位", &input.unit_name, 60)?;
    let remark = text_field("remark", "备注", &input.remark, 200)?;
    let community_id = match input.community_id.trim() {
        "" => None,
        id => {
            let u = hierarchy::find(conn, id)?.ok_or_else(|| {
                Error::validation("communityId", "所在村/社区已不存在，请重新选择。")
            })?;
            if u.kind != UnitKind::Village {
                return Err(Error::validation(
                    "communityId",
                    format!(
                        "{}不是村/社区，请选择检查人员工作所在的村/社区。",
                        u.describe()
                    ),
                ));
            }
            Some(u.id)
        }
    };
    let now = ctx.stamp();
    Ok(Inspector {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        name,
        unit_name,
        community_id,
        active: !input.inactive,
        remark,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_inspector(tx: &Tx, input: &InspectorInput) -> Result<InspectorView> {
    let i = ledger::upsert(tx, None, input, checked_inspector)?;
    inspector_view(tx, i)
}

pub fn update_inspector(tx: &Tx, id: &str, input: &InspectorInput) -> Result<InspectorView> {
    let i = ledger::upsert(tx, Some(id), input, checked_inspector)?;
    inspector_view(tx, i)
}

pub fn delete_inspector(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<Inspector>(tx, id)
}

// ---------- samples (抽查样本) ----------

/// A quarter's drawn sample. Never changed after the draw but to mark it
/// superseded by a redraw.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Sample {
    pub id: String,
    pub owner_code: String,
    /// `2026Q4`.
    pub quarter: String,
    pub rate_permille: u32,
    /// The number the team wrote down in the meeting.
    pub number: String,
    /// 16 hex digits (see [`draw::seed`]).
    pub seed: String,
    pub rule: String,
    /// Every compound the draw was made from (the sampling frame).
    pub frame: Vec<FrameCompound>,
    /// The roster as the draw saw it.
    pub roster: Vec<RosterInspector>,
    /// Last quarter's sample whose compounds were avoided.
    pub previous_sample_id: Option<String>,
    pub strata: Vec<draw::Stratum>,
    pub drawn: Vec<DrawnCompound>,
    /// The day of the draw.
    pub drawn_on: String,
    /// The sample this one replaced, and why.
    pub replaces: Option<String>,
    pub redraw_reason: String,
    /// Set when a redraw replaced it: it stays, marked, with the reason on the new one.
    pub superseded_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

document!(Sample, "samples", "抽查样本", ["quarter" => Some(s.quarter.clone())], |s| format!(
    "{}抽查样本（随机号 {}）",
    s.quarter, s.number
));

impl Sample {
    pub fn is_current(&self) -> bool {
        self.superseded_by.is_none()
    }

    /// The inputs this sample was drawn from, as recorded.
    pub fn inputs(&self) -> DrawInputs {
        DrawInputs {
            quarter: self.quarter.clone(),
            office_code: self.owner_code.clone(),
            number: self.number.clone(),
            rate_permille: self.rate_permille,
            frame: self.frame.clone(),
            roster: self.roster.clone(),
        }
    }
}

/// What a draw is asked with.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SampleInput {
    /// `2026Q4`.
    pub quarter: String,
    /// `30%`, `0.3`; empty = 30 %.
    pub rate: String,
    /// The meeting's number.
    pub number: String,
    /// Required when the quarter already has a sample.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleView {
    #[serde(flatten)]
    pub sample: Sample,
    pub quarter_label: String,
    pub current: bool,
    /// How many of the drawn compounds have an inspection this quarter.
    pub inspected: usize,
    pub office_name: String,
}

/// The quarter, `on`'s or the one before, whose sample in force drew `compound_id`:
/// a 抽查小区 call-back (电话回访) is about a compound drawn then, and its calls may
/// run into the next quarter as its rechecks do.
pub fn drawing_quarter(
    conn: &Connection,
    compound_id: &str,
    on: NaiveDate,
) -> Result<Option<Quarter>> {
    for q in [Quarter::of(on), Quarter::of(on).previous()] {
        let drew = current_sample(conn, &q.to_string())?
            .is_some_and(|s| s.drawn.iter().any(|d| d.compound_id == compound_id));
        if drew {
            return Ok(Some(q));
        }
    }
    Ok(None)
}

/// The stored sample of `quarter` that is in force, if any.
pub fn current_sample(conn: &Connection, quarter: &str) -> Result<Option<Sample>> {
    Ok(ledger::list_by::<Sample>(conn, "quarter", quarter)?
        .into_iter()
        .find(Sample::is_current))
}

fn community_of<'a>(by_id: &BTreeMap<&str, &'a Unit>, u: &'a Unit) -> Option<&'a Unit> {
    let mut cur = u;
    for _ in 0..8 {
        if cur.kind == UnitKind::Village {
            return Some(cur);
        }
        cur = by_id.get(cur.parent_id.as_deref()?)?;
    }
    None
}

/// The inputs of a draw from the store: every compound with its village/community,
/// last quarter's sample, and the active roster.
pub fn inputs_for(conn: &Connection, input: &SampleInput) -> Result<(DrawInputs, Option<String>)> {
    let quarter = Quarter::parse(&input.quarter)?.to_string();
    let rate_permille = draw::parse_rate(&input.rate)?;
    let number = draw::parse_number(&input.number)?;
    let office = office::require(conn)?;
    let previous = Quarter::parse(&quarter)?.previous().to_string();
    let previous = current_sample(conn, &previous)?;
    let before: BTreeSet<&str> = previous
        .iter()
        .flat_map(|p| p.drawn.iter().map(|d| d.compound_id.as_str()))
        .collect();
    let units = hierarchy::list(conn)?;
    let by_id: BTreeMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let frame = units
        .iter()
        .filter(|u| u.kind == UnitKind::Compound)
        .map(|c| {
            let (community_id, community_name) = community_of(&by_id, c)
                .map(|v| (v.id.clone(), v.name.clone()))
                .unwrap_or_default();
            FrameCompound {
                id: c.id.clone(),
                code: c.code.clone(),
                name: c.name.clone(),
                community_id,
                community_name,
                drawn_last_quarter: before.contains(c.id.as_str()),
            }
        })
        .collect();
    let roster = ledger::list::<Inspector>(conn)?
        .into_iter()
        .filter(|i| i.active)
        .map(|i| RosterInspector {
            id: i.id,
            name: i.name,
            unit_name: i.unit_name,
            community_id: i.community_id,
        })
        .collect();
    Ok((
        DrawInputs {
            quarter,
            office_code: office.code,
            number,
            rate_permille,
            frame,
            roster,
        },
        previous.map(|p| p.id),
    ))
}

/// The draw the store's data gives for these inputs, without saving it: what the
/// CLI prints and the screen previews. [`draw_sample`] saves exactly this.
pub fn preview_sample(conn: &Connection, input: &SampleInput) -> Result<Draw> {
    draw::draw(&inputs_for(conn, input)?.0)
}

/// Draws the quarter's sample and keeps it. A quarter that already has one is
/// redrawn only with a reason; the old one stays, marked as replaced.
pub fn draw_sample(tx: &Tx, input: &SampleInput) -> Result<SampleView> {
    let (inputs, previous_sample_id) = inputs_for(tx, input)?;
    let result = draw::draw(&inputs)?;
    let old = current_sample(tx, &inputs.quarter)?;
    let reason = text_field("reason", "重抽原因", &input.reason, 200)?;
    // A quarter drawn after it ended is a 补抽: said why, on the sample, so the
    // county sees it (probe AJ: 2026Q2 drawn on 2026-12-07 without a word, after any
    // number of previews).
    let q = Quarter::parse(&inputs.quarter)?;
    let late = q.last_day() < tx.ctx.today();
    if late && old.is_none() && reason.is_empty() {
        return Err(Error::validation(
            "reason",
            format!(
                "{}已经结束（{}）。补抽以前季度的样本，请在“原因”里写明当季为什么没有抽（如 当季漏抽，补录）；原因记在样本上，公示和上级都能看到。",
                q.label(),
                q.last_day()
            ),
        ));
    }
    if old.is_some() && reason.is_empty() {
        return Err(Error::validation(
            "reason",
            format!(
                "{}已经抽取过样本。如确需重抽，请填写重抽原因；原样本会保留并注明被替换。",
                Quarter::parse(&inputs.quarter)?.label()
            ),
        ));
    }
    // Not once its compounds are being inspected (probe O: redrawn after 4 of 5, the
    // results were dropped, one could no longer be corrected): under 双随机 a sample
    // is not redrawn once its results are known.
    if let Some(old) = &old {
        let done = inspections::for_sample(tx, old)?;
        if !done.is_empty() {
            let names: Vec<String> = old
                .drawn
                .iter()
                .filter(|d| done.contains_key(&d.compound_id))
                .map(|d| format!("{}（{}）", d.compound_name, d.community_name))
                .collect();
            return Err(Error::Refused(format!(
                "{}的样本已经检查了 {} 个小区：{}。检查开始后不能重抽，否则已有的检查结果会作废。如抽样确有错误，请先删除这些检查记录，再重抽。",
                Quarter::parse(&inputs.quarter)?.label(),
                names.len(),
                names.join("、")
            )));
        }
    }
    let now = tx.ctx.stamp();
    let id = new_id();
    let sample = Sample {
        id: id.clone(),
        owner_code: inputs.office_code.clone(),
        quarter: inputs.quarter.clone(),
        rate_permille: inputs.rate_permille,
        number: inputs.number.clone(),
        seed: result.seed,
        rule: result.rule,
        frame: inputs.frame,
        roster: inputs.roster,
        previous_sample_id,
        strata: result.strata,
        drawn: result.drawn,
        drawn_on: tx.ctx.today().to_string(),
        replaces: old.as_ref().map(|o| o.id.clone()),
        redraw_reason: if old.is_some() || late {
            reason
        } else {
            String::new()
        },
        superseded_by: None,
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    if let Some(mut o) = old {
        o.superseded_by = Some(id.clone());
        o.updated_at = now;
        ledger::save(tx, &o)?;
    }
    ledger::save(tx, &sample)?;
    sample_view(tx, sample)
}

fn sample_view(conn: &Connection, s: Sample) -> Result<SampleView> {
    let inspected = inspections::inspected_in_sample(conn, &s)?;
    Ok(SampleView {
        quarter_label: Quarter::parse(&s.quarter)
            .map(|q| q.label())
            .unwrap_or_else(|_| s.quarter.clone()),
        current: s.is_current(),
        inspected,
        office_name: office::require(conn)?.name,
        sample: s,
    })
}

/// Every sample, newest quarter first, the one in force before those it replaced.
pub fn samples(conn: &Connection) -> Result<Vec<SampleView>> {
    let mut list = ledger::list::<Sample>(conn)?;
    list.sort_by(|a, b| {
        b.quarter
            .cmp(&a.quarter)
            .then_with(|| b.is_current().cmp(&a.is_current()))
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
    list.into_iter().map(|s| sample_view(conn, s)).collect()
}

pub fn sample(conn: &Connection, id: &str) -> Result<SampleView> {
    sample_view(conn, ledger::get(conn, id)?)
}

/// Redoes a stored sample's draw from its recorded inputs: `true` when the same
/// compounds and inspectors come out (anyone can check a sample this way).
pub fn verify_sample(conn: &Connection, id: &str) -> Result<bool> {
    let s: Sample = ledger::get(conn, id)?;
    let again = draw::draw(&s.inputs())?;
    Ok(again.seed == s.seed && again.drawn == s.drawn)
}

// ---------- the public notice (公示) ----------

/// One row of the quarter's public notice.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoticeRow {
    pub community_name: String,
    pub compound_name: String,
    pub inspectors: String,
    pub inspected_on: String,
    pub score: Option<u32>,
    pub findings: String,
}

/// The results of a quarter's checks as a public notice (双随机、一公开).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub office_name: String,
    pub quarter: String,
    pub quarter_label: String,
    pub seed: String,
    pub number: String,
    pub rate_permille: u32,
    pub frame_size: usize,
    pub rule: String,
    pub drawn_on: String,
    pub rows: Vec<NoticeRow>,
    /// Drawn compounds not inspected yet.
    pub pending: usize,
}

pub fn notice(conn: &Connection, quarter: &str) -> Result<Notice> {
    let q = Quarter::parse(quarter)?;
    let s = current_sample(conn, &q.to_string())?
        .ok_or_else(|| Error::NotFound(format!("{}还没有抽查样本，请先抽取。", q.label())))?;
    let found = inspections::for_sample(conn, &s)?;
    let mut pending = 0;
    let rows = s
        .drawn
        .iter()
        .map(|d| {
            let i = found.get(d.compound_id.as_str());
            if i.is_none() {
                pending += 1;
            }
            NoticeRow {
                community_name: d.community_name.clone(),
                compound_name: d.compound_name.clone(),
                inspectors: i.map_or_else(|| d.inspector_names.join("、"), |i| i.inspectors_text()),
                inspected_on: i.map(|i| i.date.clone()).unwrap_or_default(),
                score: i.map(|i| i.total()),
                findings: i.map(|i| i.findings.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(Notice {
        office_name: office::require(conn)?.name,
        quarter: s.quarter.clone(),
        quarter_label: q.label(),
        seed: s.seed,
        number: s.number,
        rate_permille: s.rate_permille,
        frame_size: s.frame.len(),
        rule: s.rule,
        drawn_on: s.drawn_on,
        rows,
        pending,
    })
}

/// When a sample was drawn, as a county reads it beside each compound: " · 2026-10-08
/// 抽取", a redraw with its reason, or a 补抽 after the quarter ended with its reason
/// (probe AJ: a late draw of 2026Q2 showed nothing).
pub fn drawn_when(s: &Sample) -> String {
    let late = Quarter::parse(&s.quarter)
        .is_ok_and(|q| s.drawn_on.as_str() > q.last_day().to_string().as_str());
    match (s.replaces.is_some(), late) {
        (true, _) => format!(" · {} 重抽（{}）", s.drawn_on, s.redraw_reason),
        (false, true) => format!(" · 季度结束后 {} 补抽（{}）", s.drawn_on, s.redraw_reason),
        (false, false) => format!(" · {} 抽取", s.drawn_on),
    }
}

/// Whether the quarter of `as_of` (a report's day) is this sample's and it is in force.
pub fn counts_on(s: &Sample, as_of: NaiveDate) -> bool {
    s.is_current() && s.quarter == Quarter::of(as_of).to_string()
}

/// What of this module still names a unit (refuses its deletion).
pub fn named_by(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<Inspector>(conn, "community_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 名检查人员")))
}

pub static INSPECTORS: Def = Def {
    fields: &[
        ("name", "姓名"),
        ("unitName", "工作单位"),
        ("communityId", "所在村/社区"),
        ("active", "在名单中"),
        ("remark", "备注"),
    ],
    blocks_unit_delete: Some(named_by),
    // The roster is the township's own: samples carry the names they drew.
    travels: false,
    ..Def::ledger::<Inspector>()
};

pub static SAMPLES: Def = Def {
    fields: &[
        ("quarter", "季度"),
        ("ratePermille", "抽查比例（‰）"),
        ("number", "随机号"),
        ("seed", "随机种子"),
        ("rule", "抽取规则"),
        ("frame", "抽样范围"),
        ("roster", "检查人员名单"),
        ("previousSampleId", "上季度样本"),
        ("strata", "分层"),
        ("drawn", "抽中的小区"),
        ("drawnOn", "抽取日期"),
        ("replaces", "替换的样本"),
        ("redrawReason", "重抽原因"),
        ("supersededBy", "被替换为"),
    ],
    report_keys: &["assessment.compounds_sampled", "assessment.sample_rate"],
    exports: &[Export::new("samples", "抽查样本", sheets::export_samples)
        .also(sheets::SAMPLE_EXPORT)
        .dated_by(&["drawnOn", "inspectedOn"])
        .with_note("每个在用样本抽中的小区一行，检查过的带检查结果（即公示的内容）；样本由软件抽取，不能导入")],
    ..Def::ledger::<Sample>()
};

pub static INSPECTIONS: Def = Def {
    fields: &[
        ("unitId", "检查对象"),
        ("unitKind", "对象类型"),
        ("communityName", "所属村/社区"),
        ("period", "期间"),
        ("sampleId", "抽查样本"),
        ("recheckOf", "复查的检查记录"),
        ("drawnInspector", "原抽中的检查人员"),
        ("scores", "各项得分"),
        // the checklist's items inside `scores` (inspections::CHECKLIST)
        ("scores.visits", "网格员走访"),
        ("scores.records", "台账记录"),
        ("scores.publicity", "信息公示"),
        ("scores.timeliness", "问题处理时效"),
        ("scores.sanliang", "三亮到位"),
    ],
    imports: &[&Sheet::<sheets::Inspections>::NEW],
    exports: &[Export::of::<sheets::Inspections>(sheets::export_rows)
        .dated_by(&["date"])
        .also(&sheets::INSPECTION_ALSO)],
    blocks_unit_delete: Some(inspections::named_by),
    report_keys: &["assessment.grids_inspected", "assessment.compounds_checked"],
    restore: inspections::restore,
    evidence: Some(crate::store::attachments::Evidence::of::<
        inspections::Inspection,
    >()),
    ..Def::ledger::<inspections::Inspection>()
};
