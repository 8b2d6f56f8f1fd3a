//! Co-building (共建): partner units (共建单位) and the projects they claim. A project
//! moves 待认领 → 已认领 → 实施中 → 已完成 → 已评价 one step at a time, each step dated
//! in its timeline; going back needs a reason. Evidence files attach through
//! [`attachments`]. Stored through [`ledger`].

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{date_field, required, text_field};
use crate::base::period::ListPeriod;
use crate::base::steps::{Attempt, Field, Flow, MoveOption, Step};
use crate::hierarchy::{self, UnitKind};
pub mod sheets;
use crate::store::attachments::{self, Attachment, AttachmentRef};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

// ---------- partner units ----------

labelled_enum! {
    #[derive(Default)]
    pub enum PartnerKind: "kind", "单位类型" {
        #[default]
        Organ("organ", "机关", "机关单位", "党政机关"),
        Enterprise("enterprise", "企业", "国企", "国有企业", "央企", "民企", "民营企业", "私企", "公司"),
        Institution("institution", "事业单位", "事业"),
        SocialOrg("social_org", "社会组织"),
        SocialEnterprise("social_enterprise", "社区社会企业"),
        /// Couriers, delivery riders …
        NewEmployment("new_employment", "新就业群体"),
        Other("other", "其他"),
    }
}

impl PartnerKind {}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PartnerUnit {
    pub id: String,
    pub owner_code: String,
    pub name: String,
    pub kind: PartnerKind,
    pub contact_name: String,
    /// Full number; lists and exports mask it.
    pub contact_phone: String,
    /// The communities (村/社区) it pairs with.
    pub village_ids: Vec<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(PartnerUnit, "partner_units", "共建单位", [], |s| format!(
    "共建单位“{}”",
    s.name
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PartnerUnitInput {
    pub name: String,
    pub kind: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub village_ids: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerUnitView {
    pub id: String,
    pub name: String,
    pub kind: PartnerKind,
    pub kind_label: &'static str,
    pub contact_name: String,
    /// Masked (138****5678).
    pub contact_phone: String,
    pub village_ids: Vec<String>,
    pub village_names: Vec<String>,
    pub note: String,
    pub claimed: usize,
    pub completed: usize,
}

pub(crate) use crate::base::identity::contact_phone;

/// Party committees name partner units (the declared relation party → co-building):
/// a partner unit a committee member sits for cannot be deleted. Counted by table,
/// so co-building does not import party.
const COMMITTEE_MEMBERS: &str = "committee_members";

pub fn partner_units(conn: &Connection) -> Result<Vec<PartnerUnitView>> {
    let names = hierarchy::names(conn)?;
    // (claimed, completed) per partner unit, from one pass over the projects.
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for x in ledger::list::<Project>(conn)? {
        let done = usize::from(x.status.is_completed());
        let mut units: Vec<&str> = x
            .claims
            .iter()
            .map(|c| c.partner_unit_id.as_str())
            .collect();
        units.sort_unstable();
        units.dedup();
        for u in units {
            let c = counts.entry(u.to_string()).or_default();
            c.0 += 1;
            c.1 += done;
        }
    }
    let mut out: Vec<PartnerUnitView> = ledger::list::<PartnerUnit>(conn)?
        .into_iter()
        .map(|p| {
            let (claimed, completed) = counts.get(&p.id).copied().unwrap_or_default();
            PartnerUnitView {
                claimed,
                completed,
                kind_label: p.kind.label(),
                contact_phone: crate::base::identity::mask_phone(&p.contact_phone),
                village_names: p
                    .village_ids
                    .iter()
                    .filter_map(|v| names.get(v).cloned())
                    .collect(),
                id: p.id,
                name: p.name,
                kind: p.kind,
                contact_name: p.contact_name,
                village_ids: p.village_ids,
                note: p.note,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn partner_out(conn: &Connection, id: &str) -> Result<PartnerUnitView> {
    partner_units(conn)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这个共建单位，请刷新后再试。".into()))
}

pub(crate) fn checked_partner(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&PartnerUnit>,
    input: &PartnerUnitInput,
) -> Result<PartnerUnit> {
    let name = ledger::unique_name(conn, before, "单位名称", &input.name, 60)?;
    let mut village_ids = Vec::new();
    for v in &input.village_ids {
        let u = hierarchy::get(conn, v).map_err(|_| {
            Error::validation(
                "villageIds",
                "所选的村/社区有的已不存在，请刷新后再选。".to_string(),
            )
        })?;
        if u.kind != UnitKind::Village {
            return Err(Error::validation(
                "villageIds",
                format!("“{}”不是村/社区。", u.name),
            ));
        }
        if !village_ids.contains(&u.id) {
            village_ids.push(u.id);
        }
    }
    let now = ctx.stamp();
    Ok(PartnerUnit {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        name,
        kind: PartnerKind::parse(&input.kind)?,
        contact_name: text_field("contactName", "联系人", &input.contact_name, 20)?,
        contact_phone: contact_phone(&input.contact_phone)?,
        village_ids,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_partner(tx: &Tx, input: &PartnerUnitInput) -> Result<PartnerUnitView> {
    let p = ledger::upsert(tx, None, input, checked_partner)?;
    partner_out(tx, &p.id)
}

pub fn update_partner(tx: &Tx, id: &str, input: &PartnerUnitInput) -> Result<PartnerUnitView> {
    ledger::upsert(tx, Some(id), input, checked_partner)?;
    partner_out(tx, id)
}

pub fn delete_partner(tx: &Tx, id: &str) -> Result<Entry> {
    let p: PartnerUnit = ledger::get(tx, id)?;
    let members = ledger::count_in(tx, COMMITTEE_MEMBERS, "partner_unit_id", id)?;
    let (mut claimed, mut started) = (0, 0);
    for x in ledger::list::<Project>(tx)? {
        if x.claims.iter().any(|c| c.partner_unit_id == id) {
            if x.status <= ProjectStatus::Claimed {
                claimed += 1;
            } else {
                started += 1;
            }
        }
    }
    // Work begun or done keeps the unit that claimed it: that unit stays in the ledger.
    if started > 0 {
        return Err(Error::Refused(format!(
            "{}认领的 {started} 个共建项目已开始实施或已完成，项目记录要保留它，不能删除。\
             不再结对的，可在备注中注明。",
            p.summary()
        )));
    }
    let mut still = Vec::new();
    let mut advice = Vec::new();
    if members > 0 {
        still.push(format!("{members} 名来自这个单位的委员"));
        advice.push("在“党建 › 委员会”中删除这些委员或改换他们的来自单位");
    }
    if claimed > 0 {
        still.push(format!("{claimed} 个认领的共建项目"));
        advice.push("在“共建 › 项目”中取消它的认领");
    }
    if !still.is_empty() {
        return Err(Error::Refused(format!(
            "{}还有 {}，不能删除。请先{}。",
            p.summary(),
            still.join("、"),
            advice.join("，并")
        )));
    }
    ledger::delete::<PartnerUnit>(tx, id)
}

pub fn reveal_phone(conn: &Connection, id: &str) -> Result<String> {
    Ok(ledger::get::<PartnerUnit>(conn, id)?.contact_phone)
}

// ---------- projects ----------

labelled_enum! {
    /// Where a project stands; the step machine is [`FLOW`].
    #[derive(Default, PartialOrd, Ord)]
    pub enum ProjectStatus: "status", "项目状态" {
        #[default]
        Open("open", "待认领"),
        Claimed("claimed", "已认领"),
        InProgress("in_progress", "实施中"),
        Completed("completed", "已完成"),
        Evaluated("evaluated", "已评价"),
    }
}

impl ProjectStatus {
    pub fn is_claimed(self) -> bool {
        self >= ProjectStatus::Claimed
    }
    pub fn is_completed(self) -> bool {
        self >= ProjectStatus::Completed
    }
}

/// A project's workflow: 待认领 → 已认领 → 实施中 → 已完成 → 已评价, run by the
/// step machine ([`crate::base::steps`]). 已认领 is reached by a claim ([`claim`]) or, once a
/// unit has claimed it, by a move.
pub const FLOW: Flow = Flow {
    noun: "项目",
    verb: "推进",
    steps: &[
        step(ProjectStatus::Open, "提出需求", &[]),
        step(ProjectStatus::Claimed, "标记为已认领", &[]),
        step(ProjectStatus::InProgress, "开始实施", &[])
            .hint("开始实施的日期记入时间线，也是实际开始日期。"),
        step(ProjectStatus::Completed, "标记为已完成", &[]).hint("完成日期记为实际完成日期。"),
        step(
            ProjectStatus::Evaluated,
            "评价",
            &[
                Field::required("score", "评分（1–5 分）", "评价要打分：1 到 5 分。"),
                Field::optional("evaluation", "评价意见"),
            ],
        )
        .hint("评价记入时间线；评价意见可以不写。"),
    ],
};

const fn step(s: ProjectStatus, action: &'static str, fields: &'static [Field]) -> Step {
    Step::main(s.as_str(), s.label(), action, fields)
}

/// The moves the UI may offer for a project, with why one is blocked.
pub fn moves(p: &Project) -> Vec<MoveOption> {
    let mut out = FLOW.moves_after(p.status.as_str(), last_date(p));
    for m in &mut out {
        if m.to == ProjectStatus::Claimed.as_str() && !m.back && p.claims.is_empty() {
            m.blocked = Some(NO_CLAIM.to_string());
        }
        if m.to == ProjectStatus::Completed.as_str() && !m.back && p.attachments.is_empty() {
            // 已完成 needs evidence, or a stated reason why there is none.
            m.needs_reason = true;
            m.hint = NO_EVIDENCE_HINT.to_string();
        }
    }
    out
}

const NO_CLAIM: &str = "还没有共建单位认领这个项目。请先添加认领单位。";
const NO_EVIDENCE_HINT: &str =
    "还没有佐证材料：请先在下面上传照片等附件，或在这里写明没有附件的原因。";
const NO_EVIDENCE: &str =
    "标记为已完成要有佐证材料：请先在下面上传照片等附件，或写明没有附件的原因。";

/// The date the need was registered (登记): the first step of the timeline.
pub fn registered_on(p: &Project) -> Option<&str> {
    p.events
        .iter()
        .find(|e| e.from.is_none())
        .map(|e| e.date.as_str())
}

/// The latest date in the timeline (steps are kept in the order they were made; a
/// back-filled claim may date earlier than the step before it).
fn last_date(p: &Project) -> Option<&str> {
    p.events.iter().map(|e| e.date.as_str()).max()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Claim {
    pub partner_unit_id: String,
    pub claimed_on: String,
}

/// One step of a project's timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    pub date: String,
    pub from: Option<ProjectStatus>,
    pub to: ProjectStatus,
    pub reason: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Project {
    pub id: String,
    pub owner_code: String,
    pub title: String,
    /// The community (村/社区) that listed the need.
    pub village_id: String,
    pub category: String,
    pub status: ProjectStatus,
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    /// Money committed, in 元.
    pub money: Option<f64>,
    /// People committed.
    pub people: Option<i64>,
    /// Goods committed.
    pub goods: String,
    pub beneficiaries: String,
    pub score: Option<u8>,
    pub evaluation: String,
    pub note: String,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    pub attachments: Vec<AttachmentRef>,
    pub created_at: String,
    pub updated_at: String,
}

crate::store::attachments::attached!(Project, may_lose_file = keeps_its_evidence);

document!(Project, "projects", "共建项目", ["village_id" => Some(s.village_id.clone())], |s| format!("共建项目“{}”", s.title));

impl Project {
    /// Behind its plan on `today`: past its 计划完成 and not yet 已完成, or past its
    /// 计划开始 and not yet 实施中 (what 本周提醒 warns of, and the export's 是否逾期).
    pub fn overdue(&self, today: chrono::NaiveDate) -> bool {
        let past = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .is_some_and(|d| d < today)
        };
        (self.status < ProjectStatus::Completed && past(&self.planned_end))
            || (self.status < ProjectStatus::InProgress && past(&self.planned_start))
    }

    /// The day it had reached `step` (已认领: its first claim; 已完成: 实际完成) as it
    /// stood at the end of `day`, `Some("")` when reached with no day given; `None`
    /// when it stood before. A project sent back (退回) reads its timeline, so a
    /// period counts it as it stood at its end; any other reads its fields, whatever
    /// `day` (the period's rule compares the day).
    pub fn reached_on(&self, step: ProjectStatus, day: &str) -> Option<String> {
        let steps = || self.events.iter().map(|e| (e.date.as_str(), e.to));
        if crate::base::steps::went_back(self.events.iter().map(|e| (e.from, e.to))) {
            return crate::base::steps::reached_by(steps(), step, day);
        }
        (self.status >= step).then(|| {
            match step {
                ProjectStatus::Claimed => self
                    .claims
                    .iter()
                    .map(|c| c.claimed_on.clone())
                    .filter(|d| !d.is_empty())
                    .min(),
                ProjectStatus::InProgress => self.actual_start.clone(),
                ProjectStatus::Completed => self.actual_end.clone(),
                _ => None,
            }
            .unwrap_or_default()
        })
    }
}

pub const CATEGORIES: &[&str] = &[
    "环境整治",
    "为老服务",
    "助学帮困",
    "文化体育",
    "平安建设",
    "便民服务",
    "就业创业",
    "设施改造",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProjectInput {
    pub title: String,
    pub village_id: String,
    pub category: String,
    pub planned_start: String,
    pub planned_end: String,
    pub money: serde_json::Value,
    pub people: serde_json::Value,
    pub goods: String,
    pub beneficiaries: String,
    pub note: String,
    /// 登记日期, for a project back-filled from older records; empty keeps it (a
    /// new project: today).
    pub registered_on: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProjectQuery {
    pub village_id: String,
    pub partner_unit_id: String,
    pub status: String,
    /// 期间 (`""` all, `2026`, `2026Q4`, `2026-11`, `from..to`; `year` as before): a
    /// project registered, planned to start, started or completed in it.
    #[serde(alias = "year")]
    pub period: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    pub partner_unit_id: String,
    pub name: String,
    pub claimed_on: String,
    /// Claimed before the project was registered (older data): shown flagged.
    pub before_registration: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectView {
    pub id: String,
    pub title: String,
    pub village_id: String,
    pub village_name: String,
    pub category: String,
    pub status: ProjectStatus,
    pub status_label: &'static str,
    /// Behind its plan today ([`Project::overdue`]): the list's 逾期.
    pub overdue: bool,
    /// 登记日期: the date of the timeline's first step.
    pub registered_on: Option<String>,
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    pub money: Option<f64>,
    pub people: Option<i64>,
    pub goods: String,
    pub beneficiaries: String,
    pub score: Option<u8>,
    pub evaluation: String,
    pub note: String,
    pub claims: Vec<ClaimView>,
    pub events: Vec<Event>,
    pub attachments: Vec<Attachment>,
    pub created_at: String,
    pub updated_at: String,
    /// What the user may do next, decided here: the UI offers these and no other.
    pub moves: Vec<MoveOption>,
    /// Whether the latest step's day may be corrected ([`redate_step`]): it is not
    /// the 登记.
    pub last_step_redatable: bool,
    /// The steps (indexes into `events`) whose day may be corrected: every one but
    /// the 登记.
    pub redatable_steps: Vec<usize>,
}

fn view(
    p: Project,
    villages: &BTreeMap<String, String>,
    partners: &BTreeMap<String, String>,
    db: Option<&Path>,
    today: chrono::NaiveDate,
) -> ProjectView {
    let registered = registered_on(&p).map(str::to_string);
    // The timeline in date order (a stable sort: steps of one day stay as made).
    let mut events = p.events.clone();
    events.sort_by(|a, b| a.date.cmp(&b.date));
    ProjectView {
        overdue: p.overdue(today),
        moves: moves(&p),
        last_step_redatable: p.events.len() > 1,
        redatable_steps: (1..p.events.len()).collect(),
        village_name: villages.get(&p.village_id).cloned().unwrap_or_default(),
        status_label: p.status.label(),
        claims: p
            .claims
            .iter()
            .map(|c| ClaimView {
                partner_unit_id: c.partner_unit_id.clone(),
                name: partners
                    .get(&c.partner_unit_id)
                    .cloned()
                    .unwrap_or_default(),
                claimed_on: c.claimed_on.clone(),
                before_registration: registered
                    .as_deref()
                    .is_some_and(|r| !c.claimed_on.is_empty() && c.claimed_on.as_str() < r),
            })
            .collect(),
        registered_on: registered,
        attachments: p
            .attachments
            .iter()
            .map(|a| attachments::view(db, a))
            .collect(),
        id: p.id,
        title: p.title,
        village_id: p.village_id,
        category: p.category,
        status: p.status,
        planned_start: p.planned_start,
        planned_end: p.planned_end,
        actual_start: p.actual_start,
        actual_end: p.actual_end,
        money: p.money,
        people: p.people,
        goods: p.goods,
        beneficiaries: p.beneficiaries,
        score: p.score,
        evaluation: p.evaluation,
        note: p.note,
        events,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

/// Unit names and partner-unit names by id, for showing projects.
type Names = (BTreeMap<String, String>, BTreeMap<String, String>);

fn names(conn: &Connection) -> Result<Names> {
    Ok((
        hierarchy::list(conn)?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect(),
        ledger::list::<PartnerUnit>(conn)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
    ))
}

pub fn projects(
    conn: &Connection,
    db: Option<&Path>,
    q: &ProjectQuery,
    today: chrono::NaiveDate,
) -> Result<Vec<ProjectView>> {
    let (villages, partners) = names(conn)?;
    let status = (!q.status.is_empty())
        .then(|| ProjectStatus::parse(&q.status))
        .transpose()?;
    let period = ListPeriod::parse("period", &q.period)?;
    let text = q.text.trim();
    let mut out: Vec<ProjectView> = ledger::list::<Project>(conn)?
        .into_iter()
        .filter(|p| q.village_id.is_empty() || p.village_id == q.village_id)
        .filter(|p| {
            q.partner_unit_id.is_empty()
                || p.claims
                    .iter()
                    .any(|c| c.partner_unit_id == q.partner_unit_id)
        })
        .filter(|p| status.is_none_or(|s| p.status == s))
        .filter(|p| {
            period.admits_any(
                [&p.planned_start, &p.actual_start, &p.actual_end]
                    .into_iter()
                    .filter_map(|d| d.as_deref())
                    .chain([p.created_at.as_str()]),
            )
        })
        .filter(|p| text.is_empty() || p.title.contains(text) || p.category.contains(text))
        .map(|p| view(p, &villages, &partners, db, today))
        .collect();
    out.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.created_at.cmp(&a.created_at))
    });
    Ok(out)
}

/// Project `id` as the screens show it, `today` deciding whether it is behind its plan.
pub fn project(
    conn: &Connection,
    db: Option<&Path>,
    id: &str,
    today: chrono::NaiveDate,
) -> Result<ProjectView> {
    let p: Project = ledger::get(conn, id)?;
    let (villages, partners) = names(conn)?;
    Ok(view(p, &villages, &partners, db, today))
}

fn number(field: &'static str, label: &str, v: &serde_json::Value) -> Result<Option<f64>> {
    let bad = || Error::validation(field, format!("{label}应是不小于 0 的数字。"));
    let n = match v {
        serde_json::Value::Null => return Ok(None),
        serde_json::Value::Number(n) => n.as_f64().ok_or_else(bad)?,
        serde_json::Value::String(s) if s.trim().is_empty() => return Ok(None),
        serde_json::Value::String(s) => {
            let t = s
                .trim()
                .trim_end_matches('元')
                .trim_end_matches('人')
                .trim();
            crate::base::fields::ungrouped(t)
                .parse::<f64>()
                .map_err(|_| bad())?
        }
        _ => return Err(bad()),
    };
    if !n.is_finite() || n < 0.0 {
        return Err(bad());
    }
    Ok(Some(n))
}

pub(crate) fn apply_input(conn: &Connection, p: &mut Project, input: &ProjectInput) -> Result<()> {
    p.title = required("title", "项目名称", &input.title, 60)?;
    let village = hierarchy::get(conn, &input.village_id)
        .map_err(|_| Error::validation("villageId", "请选择提出需求的村/社区。".to_string()))?;
    if village.kind != UnitKind::Village {
        return Err(Error::validation(
            "villageId",
            format!("“{}”不是村/社区。", village.name),
        ));
    }
    p.village_id = village.id;
    p.category = required("category", "项目类别", &input.category, 20)?;
    p.planned_start = date_field("plannedStart", "计划开始日期", &input.planned_start)?;
    p.planned_end = date_field("plannedEnd", "计划完成日期", &input.planned_end)?;
    if let (Some(s), Some(e)) = (&p.planned_start, &p.planned_end) {
        if e < s {
            return Err(Error::validation(
                "plannedEnd",
                "计划完成日期不能早于计划开始日期。".to_string(),
            ));
        }
    }
    p.money = number("money", "投入资金（元）", &input.money)?;
    p.people = match number("people", "投入人力（人）", &input.people)? {
        Some(n) if n.fract() != 0.0 => {
            return Err(Error::validation(
                "people",
                "投入人力（人）应是整数。".to_string(),
            ))
        }
        other => other.map(|n| n as i64),
    };
    p.goods = text_field("goods", "投入物资", &input.goods, 200)?;
    p.beneficiaries = text_field("beneficiaries", "受益对象", &input.beneficiaries, 200)?;
    p.note = text_field("note", "备注", &input.note, 2000)?;
    Ok(())
}

fn today_str(tx: &Tx) -> String {
    tx.ctx.today().format("%Y-%m-%d").to_string()
}

pub fn create_project(tx: &Tx, db: Option<&Path>, input: &ProjectInput) -> Result<ProjectView> {
    let id = create_project_id(tx, input)?;
    project(tx, db, &id, tx.ctx.today())
}

/// Creates a project and returns its id, without building its view (for imports,
/// where a view per row would read every village and partner unit per row).
pub(crate) fn create_project_id(tx: &Tx, input: &ProjectInput) -> Result<String> {
    let now = tx.ctx.stamp();
    let mut p = Project {
        id: new_id(),
        owner_code: office::require(tx)?.code,
        title: String::new(),
        village_id: String::new(),
        category: String::new(),
        status: ProjectStatus::Open,
        planned_start: None,
        planned_end: None,
        actual_start: None,
        actual_end: None,
        money: None,
        people: None,
        goods: String::new(),
        beneficiaries: String::new(),
        score: None,
        evaluation: String::new(),
        note: String::new(),
        claims: Vec::new(),
        events: vec![Event {
            date: today_str(tx),
            from: None,
            to: ProjectStatus::Open,
            reason: "提出需求".into(),
            recorded_at: now.clone(),
        }],
        attachments: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply_input(tx, &mut p, input)?;
    set_registered(&today_str(tx), &mut p, &input.registered_on)?;
    ledger::save(tx, &p)?;
    Ok(p.id)
}

/// Sets the 登记日期 (the timeline's first step) of a project back-filled from older
/// records: not after today, nor after a later step or a claim.
fn set_registered(today: &str, p: &mut Project, given: &str) -> Result<()> {
    let Some(date) = date_field("registeredOn", "登记日期", given)? else {
        return Ok(());
    };
    if date.as_str() > today {
        return Err(Error::validation(
            "registeredOn",
            format!("登记日期 {date} 晚于今天（{today}）。"),
        ));
    }
    let later = p
        .events
        .iter()
        .filter(|e| e.from.is_some())
        .map(|e| e.date.as_str())
        .chain(p.claims.iter().map(|c| c.claimed_on.as_str()))
        .filter(|d| !d.is_empty())
        .min();
    if let Some(later) = later.filter(|d| *d < date.as_str()) {
        return Err(Error::validation(
            "registeredOn",
            format!("登记日期 {date} 晚于项目之后的认领或办理日期 {later}。"),
        ));
    }
    if let Some(first) = p.events.iter_mut().find(|e| e.from.is_none()) {
        first.date = date;
    }
    Ok(())
}

/// Saves a project after an operation of its own, logged by its name (`op`: 认领,
/// 开始实施, 退回, 添加附件 …).
fn saved(tx: &Tx, db: Option<&Path>, mut p: Project, op: &str) -> Result<ProjectView> {
    p.updated_at = tx.ctx.stamp();
    ledger::save_as(tx, &p, op)?;
    project(tx, db, &p.id, tx.ctx.today())
}

pub fn update_project(
    tx: &Tx,
    db: Option<&Path>,
    id: &str,
    input: &ProjectInput,
) -> Result<ProjectView> {
    update_project_id(tx, id, input)?;
    project(tx, db, id, tx.ctx.today())
}

/// Updates a project without building its view (for imports).
pub(crate) fn update_project_id(tx: &Tx, id: &str, input: &ProjectInput) -> Result<()> {
    let mut p: Project = ledger::get(tx, id)?;
    apply_input(tx, &mut p, input)?;
    set_registered(&today_str(tx), &mut p, &input.registered_on)?;
    p.updated_at = tx.ctx.stamp();
    ledger::save(tx, &p)
}

pub fn delete_project(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<Project>(tx, id)
}

/// A partner unit claims a project (认领). A project still 待认领 becomes 已认领.
pub fn claim(
    tx: &Tx,
    db: Option<&Path>,
    id: &str,
    partner_unit_id: &str,
    claimed_on: &str,
) -> Result<ProjectView> {
    let mut p: Project = ledger::get(tx, id)?;
    let unit: PartnerUnit = ledger::find(tx, partner_unit_id)?
        .ok_or_else(|| Error::validation("partnerUnitId", "请选择认领的共建单位。".to_string()))?;
    if p.claims.iter().any(|c| c.partner_unit_id == unit.id) {
        return Err(Error::Conflict {
            field: Some("partnerUnitId"),
            message: format!("{}已经认领了这个项目。", unit.summary()),
        });
    }
    if p.status.is_completed() {
        return Err(Error::Refused(format!(
            "{}已经{}，不能再认领。",
            p.summary(),
            p.status.label()
        )));
    }
    let today = today_str(tx);
    let on = date_field("claimedOn", "认领日期", claimed_on)?.unwrap_or_else(|| today.clone());
    if on > today {
        return Err(Error::validation(
            "claimedOn",
            format!("认领日期 {on} 晚于今天（{today}）。"),
        ));
    }
    if let Some(registered) = registered_on(&p).filter(|r| on.as_str() < *r) {
        return Err(Error::validation(
            "claimedOn",
            format!(
                "认领日期 {on} 早于项目的登记日期 {registered}。补录的老项目请先在“项目信息（可修改）”里把登记日期改为实际登记的日期。"
            ),
        ));
    }
    p.claims.push(Claim {
        partner_unit_id: unit.id.clone(),
        claimed_on: on.clone(),
    });
    if p.status == ProjectStatus::Open {
        p.events.push(Event {
            date: on,
            from: Some(ProjectStatus::Open),
            to: ProjectStatus::Claimed,
            reason: format!("{}认领", unit.name),
            recorded_at: tx.ctx.stamp(),
        });
        p.status = ProjectStatus::Claimed;
    }
    saved(tx, db, p, "认领")
}

/// Withdraws a claim. The last claim of a project that is only 已认领 sends it back
/// to 待认领, in the timeline, on day `on` (default today; a step back by the
/// project's own rules: not in the future, not before the step before it — a
/// withdrawal of September entered in December was dated December unasked).
pub fn unclaim(
    tx: &Tx,
    db: Option<&Path>,
    id: &str,
    partner_unit_id: &str,
    on: &str,
) -> Result<ProjectView> {
    let mut p: Project = ledger::get(tx, id)?;
    let before = p.claims.len();
    p.claims.retain(|c| c.partner_unit_id != partner_unit_id);
    if p.claims.len() == before {
        return Err(Error::NotFound(
            "这个单位没有认领这个项目。请刷新后再试。".into(),
        ));
    }
    // A project sent back to 待认领 by an earlier version kept its claims: they go.
    if p.claims.is_empty() && p.status != ProjectStatus::Open {
        if p.status != ProjectStatus::Claimed {
            return Err(Error::Refused(format!(
                "{}已{}，至少要保留一个认领单位。",
                p.summary(),
                p.status.label()
            )));
        }
        let date = date_field("date", "日期", on)?.unwrap_or_else(|| today_str(tx));
        let reason = "认领单位全部撤回";
        FLOW.check(&Attempt {
            subject: &p.summary(),
            from: ProjectStatus::Claimed.as_str(),
            to: ProjectStatus::Open.as_str(),
            date: &date,
            last_date: last_date(&p),
            today: Some(today_str(tx).as_str()),
            reason,
            given: &|_| false,
        })?;
        p.events.push(Event {
            date,
            from: Some(ProjectStatus::Claimed),
            to: ProjectStatus::Open,
            reason: reason.into(),
            recorded_at: tx.ctx.stamp(),
        });
        p.status = ProjectStatus::Open;
    }
    saved(tx, db, p, "撤回认领")
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Move {
    pub to: String,
    pub date: String,
    pub reason: String,
    pub score: Option<i64>,
    pub evaluation: String,
}

/// Moves a project to another status by the rules of [`FLOW`]: forward one step at
/// a time (认领 needs a claiming unit, 已评价 a score 1–5), back to any earlier
/// status with a reason, dated (default today) not before the previous step, and
/// kept in the timeline. Going back undoes what the later steps recorded.
pub fn move_to(tx: &Tx, db: Option<&Path>, id: &str, m: &Move) -> Result<ProjectView> {
    let mut p: Project = ledger::get(tx, id)?;
    let to = ProjectStatus::parse(&m.to)?;
    let date = date_field("date", "日期", &m.date)?.unwrap_or_else(|| today_str(tx));
    let reason = text_field("reason", "原因", &m.reason, 500)?;
    let from = p.status;
    let given = |field: &str| match field {
        "score" => m.score.is_some(),
        "evaluation" => !m.evaluation.trim().is_empty(),
        _ => false,
    };
    let step = FLOW.check(&Attempt {
        subject: &p.summary(),
        from: from.as_str(),
        to: to.as_str(),
        date: &date,
        last_date: last_date(&p),
        today: Some(today_str(tx).as_str()),
        reason: &reason,
        given: &given,
    })?;
    let op = if step.back { "退回" } else { step.to.action };
    let mut reason = reason;
    if step.back && to < ProjectStatus::Evaluated {
        // The evaluation undone stays in the timeline, in the step that undid it.
        let score = p.score.map(|s| format!("{s} 分")).unwrap_or_default();
        reason = crate::base::steps::reason_keeping(
            &reason,
            &[("评分", &score), ("评价意见", &p.evaluation)],
        );
    }
    if step.back {
        if to < ProjectStatus::Evaluated {
            p.score = None;
            p.evaluation.clear();
        }
        if to < ProjectStatus::Completed {
            p.actual_end = None;
        }
        if to < ProjectStatus::InProgress {
            p.actual_start = None;
        }
        // Back to 待认领: no unit claims it any more (the units kept as claiming
        // could neither withdraw nor claim again, and were kept from deletion).
        if to == ProjectStatus::Open {
            p.claims.clear();
        }
    } else {
        match to {
            ProjectStatus::Claimed if p.claims.is_empty() => {
                return Err(Error::Refused(NO_CLAIM.into()))
            }
            ProjectStatus::InProgress => p.actual_start = Some(date.clone()),
            ProjectStatus::Completed => {
                if p.attachments.is_empty() && reason.is_empty() {
                    return Err(Error::validation("reason", NO_EVIDENCE.to_string()));
                }
                p.actual_end = Some(date.clone())
            }
            ProjectStatus::Evaluated => {
                let score = m.score.filter(|s| (1..=5).contains(s)).ok_or_else(|| {
                    Error::validation("score", "评价要打分：1 到 5 分。".to_string())
                })?;
                p.score = Some(score as u8);
                p.evaluation = text_field("evaluation", "评价意见", &m.evaluation, 1000)?;
            }
            _ => {}
        }
    }
    p.events.push(Event {
        date,
        from: Some(from),
        to,
        reason,
        recorded_at: tx.ctx.stamp(),
    });
    p.status = to;
    saved(tx, db, p, op)
}

/// Corrects the day of the project's latest step (改日期) to `date`: the step stays,
/// the 实际开始 or 实际完成 it set moves with it, and a 认领 its claims' day. Its first
/// step (登记) has no day to correct here.
pub fn redate_step(
    tx: &Tx,
    db: Option<&Path>,
    id: &str,
    date: &str,
    index: Option<usize>,
) -> Result<ProjectView> {
    let mut p: Project = ledger::get(tx, id)?;
    let n = p.events.len();
    let Some(i) = crate::base::steps::redated_index(n, index) else {
        return Err(Error::Refused(format!(
            "{}没有这一步，或它是登记这一步（登记日期请在项目里修改）：请刷新后再试。",
            p.summary()
        )));
    };
    let (before, after) = (
        p.events[i - 1].date.clone(),
        p.events.get(i + 1).map(|e| e.date.clone()),
    );
    let event = &p.events[i];
    let back = event.from.is_some_and(|f| f > event.to);
    let step = if back { "退回" } else { event.to.label() };
    let date =
        crate::base::steps::check_redate(&before, after.as_deref(), date, &today_str(tx), step)?;
    let (old, to, latest) = (event.date.clone(), event.to, i + 1 == n);
    // The dates the step set move with it: the latest step's always, an earlier
    // one's where they are still its day (a later step may have set them since).
    let moves = |d: &Option<String>| latest || d.as_deref() == Some(old.as_str());
    if !back {
        match to {
            ProjectStatus::Claimed => {
                for c in p.claims.iter_mut().filter(|c| c.claimed_on == old) {
                    c.claimed_on.clone_from(&date);
                }
            }
            ProjectStatus::InProgress if moves(&p.actual_start) => {
                p.actual_start = Some(date.clone());
            }
            ProjectStatus::Completed if moves(&p.actual_end) => {
                p.actual_end = Some(date.clone());
            }
            _ => {}
        }
    }
    let e = &mut p.events[i];
    e.reason = crate::base::steps::note_redate(&e.reason, &old, &date);
    e.date = date;
    saved(tx, db, p, "改日期")
}

/// A completed project keeps its evidence, unless its completion said why there was
/// none: the rule for `p` having just lost a file (through the 附件 commands every
/// kind with files shares).
fn keeps_its_evidence(p: &Project) -> Result<()> {
    let completed_without_reason = p.status.is_completed()
        && p.events
            .iter()
            .rev()
            .find(|e| e.to == ProjectStatus::Completed)
            .is_some_and(|e| e.reason.trim().is_empty());
    if p.attachments.is_empty() && completed_without_reason {
        return Err(Error::Refused(format!(
            "{}已{}，这是它唯一的佐证材料，不能删除。请先上传新的佐证材料再删除这一个。",
            p.summary(),
            p.status.label()
        )));
    }
    Ok(())
}

/// The co-building projects of a village, which keep it from being deleted.
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<Project>(conn, "village_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 个共建项目")))
}

/// The partner units paired with a village (结对), which keep it from being deleted.
pub fn paired_with(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let paired = ledger::list::<PartnerUnit>(conn)?
        .iter()
        .filter(|p| p.village_ids.iter().any(|v| v == unit_id))
        .count();
    Ok((paired > 0).then(|| format!("{paired} 个结对的共建单位")))
}

/// An empty project, for checking a row's fields before anything exists.
pub(crate) fn blank_project() -> Project {
    Project {
        id: String::new(),
        owner_code: String::new(),
        title: String::new(),
        village_id: String::new(),
        category: String::new(),
        status: ProjectStatus::Open,
        planned_start: None,
        planned_end: None,
        actual_start: None,
        actual_end: None,
        money: None,
        people: None,
        goods: String::new(),
        beneficiaries: String::new(),
        score: None,
        evaluation: String::new(),
        note: String::new(),
        claims: Vec::new(),
        events: Vec::new(),
        attachments: Vec::new(),
        created_at: String::new(),
        updated_at: String::new(),
    }
}

/// A project's state as an imported sheet gives it (the sheet states where a
/// project stands; the timeline records that it came from a sheet).
#[derive(Debug, Clone)]
pub struct ImportedState {
    pub status: ProjectStatus,
    /// Partner unit ids.
    pub claims: Vec<String>,
    /// 登记日期 from the sheet: the date of the timeline's first step.
    pub registered_on: Option<String>,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    pub score: Option<u8>,
    pub evaluation: String,
    /// 认领日期 and 评价日期 from the sheet.
    pub claimed_on: Option<String>,
    pub evaluated_on: Option<String>,
}

impl ImportedState {
    /// The date of each step up to the status (提出需求, 认领, 开工, 完成, 评价): the
    /// sheet's date for the step, else its nearest one (see [`crate::sheets::import::step_dates`]).
    pub fn step_dates(&self, planned: &[Option<String>], today: &str) -> Vec<String> {
        let given = [
            self.registered_on.clone(),
            self.claimed_on.clone(),
            self.actual_start.clone(),
            self.actual_end.clone(),
            self.evaluated_on.clone(),
        ];
        let fallback = planned
            .iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_else(|| today.to_string());
        crate::sheets::import::step_dates(&given, self.status as usize, &fallback)
    }

    /// The same rules a step-by-step project meets.
    pub fn check(&self) -> Result<()> {
        // 待认领 with a claiming unit is a state no form makes (退回到“待认领”
        // withdraws every claim).
        if self.status == ProjectStatus::Open && !self.claims.is_empty() {
            return Err(Error::validation(
                "claims",
                "状态为“待认领”的项目还没有单位认领：认领单位不填；如已有单位认领，请把状态改成“已认领”。".to_string(),
            ));
        }
        if self.status.is_claimed() && self.claims.is_empty() {
            return Err(Error::validation(
                "claims",
                format!("状态为“{}”的项目要填写认领单位。", self.status.label()),
            ));
        }
        if self.status.is_completed() && self.actual_end.is_none() {
            return Err(Error::validation(
                "actualEnd",
                format!("状态为“{}”的项目要填写实际完成日期。", self.status.label()),
            ));
        }
        if self.status == ProjectStatus::Evaluated && self.score.is_none() {
            return Err(Error::validation(
                "score",
                "已评价的项目要填写评分（1 到 5）。".to_string(),
            ));
        }
        // What belongs to a step the status has not reached would be dropped.
        let ahead: [(&'static str, bool, ProjectStatus, &str); 4] = [
            (
                "actualStart",
                self.actual_start.is_some(),
                ProjectStatus::InProgress,
                "实际开工日期",
            ),
            (
                "score",
                self.score.is_some(),
                ProjectStatus::Evaluated,
                "评分",
            ),
            (
                "evaluation",
                !self.evaluation.is_empty(),
                ProjectStatus::Evaluated,
                "评价意见",
            ),
            (
                "evaluatedOn",
                self.evaluated_on.is_some(),
                ProjectStatus::Evaluated,
                "评价日期",
            ),
        ];
        if let Some((field, step, label)) = crate::base::steps::filled_ahead(self.status, &ahead) {
            return Err(Error::validation(
                field,
                format!(
                    "状态为“{}”的项目还没有到“{}”：{label}不填；如已到，请把状态改成“{}”。",
                    self.status.label(),
                    step.label(),
                    step.label()
                ),
            ));
        }
        Ok(())
    }
}

/// Sets an imported project's claims, status and dates. A change of status is
/// recorded in the timeline as coming from the sheet.
pub fn import_state(tx: &Tx, id: &str, s: &ImportedState) -> Result<()> {
    s.check()?;
    let before: Project = ledger::get(tx, id)?;
    let mut p = before.clone();
    set_state(&mut p, s, &today_str(tx), &tx.ctx.stamp());
    if !ledger::same(&before, &p) {
        p.updated_at = tx.ctx.stamp();
        ledger::save_known(tx, Some(&before), &p)?;
    }
    Ok(())
}

/// Stored project `id` and what an imported row would make of it, told without
/// writing; `None` when the row would be refused.
pub(crate) fn import_result(
    conn: &Connection,
    id: &str,
    input: &ProjectInput,
    s: &ImportedState,
    today: chrono::NaiveDate,
) -> Option<(Project, Project)> {
    let before = ledger::get::<Project>(conn, id).ok()?;
    let today = today.format("%Y-%m-%d").to_string();
    let mut after = before.clone();
    s.check().ok()?;
    apply_input(conn, &mut after, input).ok()?;
    set_registered(&today, &mut after, &input.registered_on).ok()?;
    set_state(&mut after, s, &today, "");
    Some((before, after))
}

/// An imported row's state onto project `p` (steps dated `today` where the sheet
/// gives no date; a new timeline entry recorded at `stamp`).
fn set_state(p: &mut Project, s: &ImportedState, today: &str, stamp: &str) {
    // Each step is dated from the sheet (its own column, else the row's nearest
    // date), never the import day while the row gives any date.
    let dates = s.step_dates(&[p.planned_start.clone(), p.planned_end.clone()], today);
    let on = |st: ProjectStatus| dates.get(st as usize).cloned().unwrap_or_default();
    // A project this import creates (its only entry written in this transaction)
    // gets that entry dated from the sheet too, when the row gives a step date. A
    // stored project keeps its 登记日期: a claim imported onto one registered on
    // 2026-04-20 made it registered on the claim's day, unsaid.
    let any_date = [
        &s.registered_on,
        &s.claimed_on,
        &s.actual_start,
        &s.actual_end,
        &s.evaluated_on,
    ]
    .iter()
    .any(|d| d.is_some());
    if let [only] = p.events.as_mut_slice() {
        let created_now = !stamp.is_empty() && only.recorded_at == stamp;
        if any_date && created_now && only.to == ProjectStatus::Open && only.from.is_none() {
            only.date = on(ProjectStatus::Open);
        }
    }
    // A claim already recorded keeps its date; a new one is dated by the sheet.
    let old: Vec<Claim> = std::mem::take(&mut p.claims);
    for unit in &s.claims {
        let claimed_on = match old.iter().find(|c| &c.partner_unit_id == unit) {
            Some(c) => c.claimed_on.clone(),
            None => on(ProjectStatus::Claimed),
        };
        if !p.claims.iter().any(|c| &c.partner_unit_id == unit) {
            p.claims.push(Claim {
                partner_unit_id: unit.clone(),
                claimed_on,
            });
        }
    }
    if p.status != s.status {
        // One entry per step, as if it had been kept step by step.
        let steps: Vec<ProjectStatus> = if s.status > p.status {
            ProjectStatus::ALL
                .into_iter()
                .filter(|st| *st > p.status && *st <= s.status)
                .collect()
        } else {
            vec![s.status]
        };
        for st in steps {
            p.events.push(Event {
                date: on(st),
                from: Some(p.status),
                to: st,
                reason: "由 Excel 导入".into(),
                recorded_at: stamp.into(),
            });
            p.status = st;
        }
    }
    p.actual_start = s.actual_start.clone().or(p
        .actual_start
        .take()
        .filter(|_| s.status >= ProjectStatus::InProgress));
    p.actual_end = s.actual_end.clone();
    p.score = s.score.filter(|_| s.status == ProjectStatus::Evaluated);
    p.evaluation = if s.status == ProjectStatus::Evaluated {
        s.evaluation.trim().to_string()
    } else {
        String::new()
    };
}

// ---------- kinds (listed in crate::kinds) ----------

use crate::sheets::kind::{Def, Export, Sheet};

pub static PARTNER_UNITS: Def = Def {
    fields: &[("villageIds", "结对村/社区")],
    blocks_unit_delete: Some(paired_with),
    imports: &[&Sheet::<sheets::PartnerUnits>::NEW],
    exports: &[Export::of::<sheets::PartnerUnits>(sheets::export_rows)],
    restore: |tx, v| {
        ledger::restore_checked::<PartnerUnit>(tx, v, |c, d| {
            ledger::restore_name_free(c, d, &d.name)
        })
    },
    ..Def::ledger::<PartnerUnit>()
};
pub static PROJECTS: Def = Def {
    fields: &[
        ("villageId", "村/社区"),
        ("claims", "认领单位"),
        ("events", "时间线"),
    ],
    blocks_unit_delete: Some(attached_to),
    imports: &[&Sheet::<sheets::Projects>::NEW],
    exports: &[Export::of::<sheets::Projects>(sheets::export_rows)
        .dated_by(&["plannedStart", "actualStart", "actualEnd"])
        .also(&sheets::PROJECT_ALSO)],
    report_keys: &["cobuild.projects_claimed", "cobuild.projects_completed"],
    evidence: Some(crate::store::attachments::Evidence::travelling::<Project>()),
    // A partner unit is kept from deletion while a project names it: one deleted
    // after the project went to the bin must come back first.
    restore: |tx, v| {
        ledger::restore_checked::<Project>(tx, v, |c, d| {
            d.claims.iter().try_for_each(|claim| {
                ledger::restore_needs::<PartnerUnit>(c, d, "认领单位", &claim.partner_unit_id)
            })
        })
    },
    ..Def::ledger::<Project>()
};
