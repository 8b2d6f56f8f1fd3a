//! Grassroots demands (诉求) and the coordination mechanism (协调机制). A demand
//! moves 已受理 → 已交办 → 办理中 → 已办结 → 已回访 one dated step at a time, is
//! handled at a level (分级办理) by a department (交办), can be escalated to a higher
//! level keeping its history, and counts as on time when resolved by its deadline.
//! Working groups hold working meetings whose decisions are follow-ups, the same
//! [`Decision`] as joint meetings. Stored through [`ledger`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, required, text_field};
use crate::base::period::ListPeriod;
use crate::base::steps::{self, Attempt, Choice, Field, Flow, MoveOption, Step};
pub mod sheets;
use crate::contacts::{self, LinkedDemand, Visit};
use crate::hierarchy::{self, UnitKind};
use crate::party::{self, Decision, DecisionInput, FollowUp};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document, NamedBy};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// The level that should solve a demand (分级办理), and a department's level.
    #[derive(Default, PartialOrd, Ord)]
    pub enum Level: "level", "层级" {
        #[default]
        Village("village", "村/社区", "村", "社区"),
        Township("township", "乡镇/街道", "乡镇", "街道"),
        County("county", "县/区", "县", "区"),
        City("city", "市"),
    }
}

impl Level {}

// ---------- departments ----------

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Department {
    pub id: String,
    pub owner_code: String,
    pub name: String,
    pub level: Level,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Department, "departments", "部门", [], |s| format!(
    "部门“{}”",
    s.name
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DepartmentInput {
    pub name: String,
    pub level: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentView {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub level_label: &'static str,
    pub note: String,
}

fn department_view(d: Department) -> DepartmentView {
    DepartmentView {
        level_label: d.level.label(),
        id: d.id,
        name: d.name,
        level: d.level,
        note: d.note,
    }
}

pub fn departments(conn: &Connection) -> Result<Vec<DepartmentView>> {
    let mut out: Vec<DepartmentView> = ledger::list::<Department>(conn)?
        .into_iter()
        .map(department_view)
        .collect();
    out.sort_by(|a, b| a.level.cmp(&b.level).then(a.name.cmp(&b.name)));
    Ok(out)
}

pub(crate) fn checked_department(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Department>,
    input: &DepartmentInput,
) -> Result<Department> {
    let name = ledger::unique_name(conn, before, "部门名称", &input.name, 40)?;
    let now = ctx.stamp();
    Ok(Department {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        name,
        level: Level::parse(&input.level)?,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_department(tx: &Tx, input: &DepartmentInput) -> Result<DepartmentView> {
    let d = ledger::upsert(tx, None, input, checked_department)?;
    Ok(department_view(d))
}

pub fn update_department(tx: &Tx, id: &str, input: &DepartmentInput) -> Result<DepartmentView> {
    let d = ledger::upsert(tx, Some(id), input, checked_department)?;
    Ok(department_view(d))
}

pub fn delete_department(tx: &Tx, id: &str) -> Result<Entry> {
    let demands = NamedBy {
        table: Demand::TABLE,
        column: "department_id",
        what: "件交办给它的诉求",
    };
    ledger::delete_unless_named::<Department>(tx, id, &[demands], "")
}

// ---------- demands ----------

labelled_enum! {
    /// Where a demand stands; the step machine is [`FLOW`].
    #[derive(Default, PartialOrd, Ord)]
    pub enum Status: "status", "诉求状态" {
        #[default]
        Accepted("accepted", "已受理"),
        Assigned("assigned", "已交办"),
        InProgress("in_progress", "办理中"),
        Resolved("resolved", "已办结"),
        CalledBack("called_back", "已回访"),
    }
}

impl Status {}

/// A demand's workflow: 已受理 → 已交办 → 办理中 → 已办结 → 已回访, run by the step
/// machine ([`crate::base::steps`]). Escalation ([`escalate`]) starts it again at
/// 已受理 one level up.
pub const FLOW: Flow = Flow {
    noun: "诉求",
    verb: "办理",
    steps: &[
        step(Status::Accepted, "受理", &[]),
        step(
            Status::Assigned,
            "交办",
            &[Field::required(
                "departmentId",
                "承办部门",
                "交办要选择承办部门。",
            )],
        )
        .hint("选择承办部门（交办），日期记入办理记录。"),
        step(Status::InProgress, "开始办理", &[]).hint("承办部门已开始办理。"),
        step(
            Status::Resolved,
            "办结",
            &[Field::required(
                "result",
                "办理结果",
                "办结要写明办理结果。",
            )],
        )
        .hint("写明办理结果；日期记为办结日期，用来判断是否按期办结。"),
        step(
            Status::CalledBack,
            "回访",
            &[Field::required(
                "satisfaction",
                "回访结果",
                "回访要填写反映人的满意度。",
            )],
        )
        .hint("回访反映人，记录是否满意。"),
    ],
};

const fn step(s: Status, action: &'static str, fields: &'static [Field]) -> Step {
    Step::main(s.as_str(), s.label(), action, fields)
}

const NO_DEPARTMENT: &str = "还没有部门。请先在“联系点 › 部门”中添加承办部门，再交办。";

/// What a 村/社区-level demand handled by the village itself (自办) shows where a
/// department would stand: 分级办理 means the village solves what it can, with no
/// department of the office to hand it to.
pub const SELF_HANDLED: &str = "村/社区自办";

/// Whether a 承办部门 cell says the village handles the demand itself.
pub fn says_self_handled(cell: &str) -> bool {
    matches!(
        cell.trim(),
        SELF_HANDLED | "自办" | "村自办" | "社区自办" | "村（社区）自办" | "本村/社区自办"
    )
}

impl Demand {
    /// Whether it may be 交办'd and 办结 without a department: a 村/社区-level demand
    /// of a named village, which handles it itself (without the village, a printed
    /// 交办单 named nobody).
    pub fn handled_by_village(&self) -> bool {
        self.level == Level::Village && self.unit_id.is_some()
    }
}

/// The moves the UI may offer for a demand: the step machine's, with the choices
/// the core knows (departments, satisfactions), and 上报 while it is not resolved
/// and a higher level exists.
/// 交办's departments: those of the demand's level first, each named with its level
/// (a 乡镇/街道 demand was handed to 区住建局 from a list that showed no levels).
fn moves(d: &Demand, departments: &[(String, String, Level)]) -> Vec<MoveOption> {
    let mut out = FLOW.moves_after(d.status.as_str(), d.last_step().map(|e| e.date.as_str()));
    let mut ordered: Vec<&(String, String, Level)> = departments.iter().collect();
    ordered.sort_by_key(|(_, _, level)| *level != d.level);
    for m in &mut out {
        for f in &mut m.fields {
            f.choices = match f.name {
                "departmentId" => ordered
                    .iter()
                    .map(|(id, name, level)| Choice {
                        value: id.clone(),
                        label: format!("{name}（{}）", level.label()),
                    })
                    .collect(),
                "satisfaction" => SATISFACTIONS
                    .iter()
                    .map(|(v, l)| Choice {
                        value: v.to_string(),
                        label: l.to_string(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
        }
        if m.to == Status::Assigned.as_str() && !m.back {
            if d.handled_by_village() {
                for f in &mut m.fields {
                    f.required = false;
                }
                m.hint = format!(
                    "{}部门不选即由村/社区自办；日期记入办理记录。",
                    if departments.is_empty() {
                        "还没有部门，"
                    } else {
                        ""
                    }
                );
            } else if departments.is_empty() {
                m.blocked = Some(NO_DEPARTMENT.to_string());
            }
        }
    }
    let higher: Vec<Choice> = Level::ALL
        .into_iter()
        .filter(|l| *l > d.level)
        .map(|l| Choice {
            value: l.as_str().to_string(),
            label: l.label().to_string(),
        })
        .collect();
    if !d.is_resolved() && !higher.is_empty() {
        out.push(MoveOption {
            to: Status::Accepted.as_str(),
            to_label: Status::Accepted.label(),
            label: "上报".to_string(),
            back: false,
            needs_reason: true,
            fields: vec![steps::FieldView {
                name: "level",
                label: "上报到",
                required: true,
                choices: higher,
            }],
            action: "escalate",
            blocked: None,
            hint: "上报后诉求在新的层级重新受理，原承办部门清空，办理记录保留。".to_string(),
            not_before: None,
        });
    }
    out
}

/// Where a demand came from. `hotline` (12345热线) was added after package format
/// 2.10 without a new format: a package or stored row is decoded as before, and an
/// older app that receives it shows the source it does not know as 其他.
pub const SOURCES: [(&str, &str); 6] = [
    ("village", "村/社区上报"),
    ("grid_worker", "网格员上报"),
    ("visit", "领导联系点走访"),
    ("joint_meeting", "联席会议"),
    ("hotline", "12345热线"),
    ("other", "其他"),
];

/// Other words a sheet or a clerk uses for a source.
const SOURCE_ALIASES: [(&str, &str); 7] = [
    ("网格员", "grid_worker"),
    ("走访", "visit"),
    ("12345", "hotline"),
    ("热线", "hotline"),
    ("市民热线", "hotline"),
    ("政务服务热线", "hotline"),
    ("12345政务服务便民热线", "hotline"),
];

fn source_label(s: &str) -> &'static str {
    SOURCES
        .iter()
        .find(|(v, _)| *v == s)
        .map_or("其他", |(_, l)| l)
}

fn parse_source(s: &str) -> Result<String> {
    let s = s.trim();
    SOURCES
        .iter()
        .find(|(v, l)| *v == s || *l == s)
        .map(|(v, _)| *v)
        .or_else(|| {
            SOURCE_ALIASES
                .iter()
                .find(|(a, _)| *a == s)
                .map(|(_, v)| *v)
        })
        .map(str::to_string)
        .ok_or_else(|| {
            Error::validation(
                "source",
                format!(
                    "诉求来源“{s}”无法识别，可填：{}。",
                    SOURCES.map(|(_, l)| l).join("、")
                ),
            )
        })
}

pub const SATISFACTIONS: [(&str, &str); 3] = [
    ("satisfied", "满意"),
    ("basic", "基本满意"),
    ("unsatisfied", "不满意"),
];

fn parse_satisfaction(s: &str) -> Result<Option<String>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    SATISFACTIONS
        .iter()
        .find(|(v, l)| *v == s || *l == s)
        .map(|(v, _)| Some(v.to_string()))
        .ok_or_else(|| {
            Error::validation(
                "satisfaction",
                format!("回访满意度“{s}”无法识别，请填“满意”“基本满意”或“不满意”。"),
            )
        })
}

pub const CATEGORIES: &[&str] = &[
    "环境卫生",
    "物业管理",
    "道路交通",
    "安全隐患",
    "邻里纠纷",
    "民生保障",
    "市政设施",
    "其他",
];

/// One step of a demand's history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DemandEvent {
    pub date: String,
    pub from: Option<Status>,
    pub to: Status,
    pub level_from: Option<Level>,
    pub level_to: Option<Level>,
    /// The department assigned at this step, by name.
    pub department: String,
    /// An 办理时限 changed (延期 or corrected) at the step it stood at, with the
    /// reason: from and to (`""` none), absent on every other event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_to: Option<String>,
    pub reason: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Demand {
    pub id: String,
    pub owner_code: String,
    pub title: String,
    /// `village`, `grid_worker`, `visit`, `joint_meeting`, `hotline`, `other`.
    pub source: String,
    /// The visit (or meeting) it came from.
    pub source_ref: Option<String>,
    pub reporter: String,
    pub reporter_phone: String,
    pub category: String,
    pub description: String,
    pub unit_id: Option<String>,
    pub level: Level,
    pub department_id: Option<String>,
    pub received_on: String,
    pub deadline: Option<String>,
    pub status: Status,
    pub resolved_on: Option<String>,
    pub result: String,
    pub satisfaction: Option<String>,
    pub history: Vec<DemandEvent>,
    pub created_at: String,
    pub updated_at: String,
}

document!(Demand, "demands", "诉求", ["department_id" => s.department_id, "source_ref" => s.source_ref], |s| format!("诉求“{}”", s.title));

fn day(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

impl Demand {
    pub fn is_resolved(&self) -> bool {
        self.status >= Status::Resolved
    }
    /// Not yet resolved and past its deadline, as of `today` (passed in).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.is_resolved() && day(&self.deadline).is_some_and(|d| d < today)
    }
    /// Overdue as it stood at the end of `on` (YYYY-MM-DD): received by then, past
    /// its deadline and not resolved by then (逾期未办结的诉求).
    pub fn overdue_on(&self, on: &str) -> bool {
        crate::base::period::day_of(&self.received_on) <= on
            && self
                .deadline
                .as_deref()
                .is_some_and(|d| !d.is_empty() && d < on)
            && !self.resolved_by(on)
    }
    /// The day it was first 交办 (assigned to whoever handles it, a department or
    /// the village itself), from its 办理记录; one sent back or escalated since was
    /// still 交办 then. A record without that step but past it (an older import):
    /// its 受理日期.
    pub fn assigned_on(&self) -> Option<String> {
        self.history
            .iter()
            .find(|e| e.deadline_to.is_none() && e.to >= Status::Assigned)
            .map(|e| e.date.clone())
            .or_else(|| (self.status >= Status::Assigned).then(|| self.received_on.clone()))
    }
    /// Resolved by the end of `day` (YYYY-MM-DD): 收到并已办结 counts a period's demands
    /// resolved by its count day, not one resolved after it. Resolved without a day
    /// (an older record): resolved whenever asked.
    pub fn resolved_by(&self, day_: &str) -> bool {
        self.resolved_as_of(day_)
            .is_some_and(|d| d.is_empty() || crate::base::period::day_of(&d) <= day_)
    }
    /// The day it was 办结 as it stood at the end of `day`, `Some("")` when resolved
    /// with no day; `None` when it stood unresolved. A demand sent back (退回) reads
    /// its 办理记录, so a period counts it as it stood at its end (an 办结 undone in
    /// December stays in November); any other reads its fields, whatever `day`.
    pub fn resolved_as_of(&self, day: &str) -> Option<String> {
        if crate::base::steps::went_back(self.history.iter().map(|e| (e.from, e.to))) {
            let steps = self.history.iter().map(|e| (e.date.as_str(), e.to));
            return crate::base::steps::reached_by(steps, Status::Resolved, day);
        }
        self.is_resolved()
            .then(|| self.resolved_on.clone().unwrap_or_default())
    }
    /// The last step of its history: a 办理时限 changed ([`DemandEvent::deadline_to`])
    /// is not a step, so a step that happened before it may still be entered.
    pub fn last_step(&self) -> Option<&DemandEvent> {
        self.history.iter().rev().find(|e| e.deadline_to.is_none())
    }
    /// Resolved by its deadline (or it had none), as it stood at the end of `day`.
    pub fn on_time_as_of(&self, on: &str) -> bool {
        self.resolved_as_of(on)
            .is_some_and(|done| match (day(&self.deadline), day(&Some(done))) {
                (Some(deadline), Some(done)) => done <= deadline,
                (None, _) => true,
                (Some(_), None) => false,
            })
    }
    /// Resolved by its deadline (or it had none). Depends on no clock.
    pub fn on_time(&self) -> bool {
        self.is_resolved()
            && match (day(&self.deadline), day(&self.resolved_on)) {
                (Some(deadline), Some(done)) => done <= deadline,
                (None, _) => true,
                (Some(_), None) => false,
            }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DemandInput {
    pub title: String,
    pub source: String,
    pub reporter: String,
    pub reporter_phone: String,
    pub category: String,
    pub description: String,
    pub unit_id: Option<String>,
    pub level: String,
    pub received_on: String,
    pub deadline: String,
    /// Why a stored 办理时限 changes (延期, 更正): required then, kept in 办理记录.
    pub deadline_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DemandQuery {
    pub status: String,
    pub level: String,
    pub department_id: String,
    pub source: String,
    pub overdue_only: bool,
    /// 期间 by 受理日期 (`""` all, `2026`, `2026Q4`, `2026-11`, `from..to`); `year` as before.
    #[serde(alias = "year")]
    pub period: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemandView {
    pub id: String,
    pub title: String,
    pub source: String,
    pub source_label: &'static str,
    pub source_ref: Option<String>,
    /// What the source is, e.g. "张三 走访 青溪社区（2026-11-02）" or "（来源走访已删除，在回收站）".
    pub source_text: String,
    /// The visit it came from is in the recycle bin (查看走访记录 cannot open it).
    pub source_gone: bool,
    pub reporter: String,
    pub reporter_phone: String,
    pub category: String,
    pub description: String,
    pub unit_id: Option<String>,
    pub unit_name: String,
    pub level: Level,
    pub level_label: &'static str,
    pub department_id: Option<String>,
    pub department_name: String,
    pub received_on: String,
    pub deadline: Option<String>,
    pub status: Status,
    pub status_label: &'static str,
    pub resolved_on: Option<String>,
    pub result: String,
    pub satisfaction: Option<String>,
    pub satisfaction_label: &'static str,
    pub overdue: bool,
    pub on_time: Option<bool>,
    pub history: Vec<DemandEvent>,
    /// What the user may do next, decided here: the UI offers these and no other.
    pub moves: Vec<MoveOption>,
    /// Whether the latest step's day may be corrected ([`redate_step`]): it is not
    /// the 受理, nor a change of 办理时限.
    pub last_step_redatable: bool,
    /// The steps (indexes into `history`) whose day may be corrected: all but the 受理
    /// and the changes of 办理时限.
    pub redatable_steps: Vec<usize>,
}

struct Names {
    units: BTreeMap<String, String>,
    departments: BTreeMap<String, String>,
    /// Every department with its level, in name order: 交办's choices.
    department_levels: Vec<(String, String, Level)>,
    visits: BTreeMap<String, contacts::VisitView>,
}

fn names(conn: &Connection, today: NaiveDate) -> Result<Names> {
    Ok(Names {
        units: hierarchy::list(conn)?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect(),
        departments: ledger::list::<Department>(conn)?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect(),
        department_levels: {
            let mut all: Vec<(String, String, Level)> = ledger::list::<Department>(conn)?
                .into_iter()
                .map(|d| (d.id, d.name, d.level))
                .collect();
            all.sort_by(|a, b| a.1.cmp(&b.1));
            all
        },
        visits: contacts::visits(conn, "", today, linked_to_visits)?
            .into_iter()
            .map(|v| (v.id.clone(), v))
            .collect(),
    })
}

fn demand_view(d: Demand, n: &Names, today: NaiveDate) -> DemandView {
    let source_gone = d.source == "visit"
        && d.source_ref
            .as_ref()
            .is_some_and(|v| !n.visits.contains_key(v));
    let source_text = match (d.source.as_str(), &d.source_ref) {
        ("visit", Some(v)) => n.visits.get(v).map_or_else(
            || "（来源走访记录已删除，在回收站中可恢复）".to_string(),
            |v| {
                format!(
                    "{} 联系 {}，{} 走访",
                    v.leader_name, v.unit_name, v.visited_on
                )
            },
        ),
        _ => String::new(),
    };
    DemandView {
        moves: moves(&d, &n.department_levels),
        last_step_redatable: d.history.len() > 1
            && d.history.last().is_some_and(|e| e.deadline_to.is_none()),
        redatable_steps: (1..d.history.len())
            .filter(|&i| d.history[i].deadline_to.is_none())
            .collect(),
        source_label: source_label(&d.source),
        source_text,
        source_gone,
        reporter_phone: crate::base::identity::mask_phone(&d.reporter_phone),
        unit_name: d
            .unit_id
            .as_ref()
            .and_then(|u| n.units.get(u).cloned())
            .unwrap_or_default(),
        level_label: d.level.label(),
        department_name: match &d.department_id {
            Some(x) => n.departments.get(x).cloned().unwrap_or_default(),
            None if d.status >= Status::Assigned && d.handled_by_village() => {
                SELF_HANDLED.to_string()
            }
            None => String::new(),
        },
        status_label: d.status.label(),
        satisfaction_label: d
            .satisfaction
            .as_deref()
            .and_then(|s| SATISFACTIONS.iter().find(|(v, _)| *v == s))
            .map_or("", |(_, l)| l),
        overdue: d.overdue(today),
        on_time: d.is_resolved().then(|| d.on_time()),
        id: d.id,
        title: d.title,
        source: d.source,
        source_ref: d.source_ref,
        reporter: d.reporter,
        category: d.category,
        description: d.description,
        unit_id: d.unit_id,
        level: d.level,
        department_id: d.department_id,
        received_on: d.received_on,
        deadline: d.deadline,
        status: d.status,
        resolved_on: d.resolved_on,
        result: d.result,
        satisfaction: d.satisfaction,
        history: d.history,
    }
}

pub fn demands(conn: &Connection, q: &DemandQuery, today: NaiveDate) -> Result<Vec<DemandView>> {
    let n = names(conn, today)?;
    let status = (!q.status.is_empty())
        .then(|| Status::parse(&q.status))
        .transpose()?;
    let level = (!q.level.is_empty())
        .then(|| Level::parse(&q.level))
        .transpose()?;
    let period = ListPeriod::parse("period", &q.period)?;
    let text = q.text.trim();
    let mut out: Vec<DemandView> = ledger::list::<Demand>(conn)?
        .into_iter()
        .filter(|d| status.is_none_or(|s| d.status == s))
        .filter(|d| level.is_none_or(|l| d.level == l))
        .filter(|d| {
            q.department_id.is_empty()
                || d.department_id.as_deref() == Some(q.department_id.as_str())
        })
        .filter(|d| q.source.is_empty() || d.source == q.source)
        .filter(|d| !q.overdue_only || d.overdue(today))
        .filter(|d| period.admits(&d.received_on))
        .filter(|d| {
            text.is_empty()
                || d.title.contains(text)
                || d.description.contains(text)
                || d.category.contains(text)
                || d.reporter.contains(text)
        })
        .map(|d| demand_view(d, &n, today))
        .collect();
    out.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.received_on.cmp(&a.received_on))
            .then(b.id.cmp(&a.id))
    });
    Ok(out)
}

pub fn demand(conn: &Connection, id: &str, today: NaiveDate) -> Result<DemandView> {
    let d: Demand = ledger::get(conn, id)?;
    Ok(demand_view(d, &names(conn, today)?, today))
}

/// Checks a demand's editable fields into `d` (status, department and history are
/// changed only by the steps). A 受理日期 newly set after `today` is refused (one
/// stored before the rule stays as it is).
pub(crate) fn apply_input(
    conn: &Connection,
    d: &mut Demand,
    input: &DemandInput,
    today: NaiveDate,
) -> Result<()> {
    d.title = required("title", "诉求事项", &input.title, 60)?;
    d.source = parse_source(if input.source.trim().is_empty() {
        "other"
    } else {
        &input.source
    })?;
    d.reporter = text_field("reporter", "反映人", &input.reporter, 40)?;
    d.reporter_phone = contacts::phone_field("reporterPhone", &input.reporter_phone)?;
    d.category = required("category", "诉求类别", &input.category, 20)?;
    d.description = required("description", "诉求内容", &input.description, 2000)?;
    d.unit_id = match input.unit_id.as_deref().filter(|u| !u.is_empty()) {
        Some(u) => {
            let unit = hierarchy::get(conn, u).map_err(|_| {
                Error::validation(
                    "unitId",
                    "所选的村/社区已不存在，请刷新后再选。".to_string(),
                )
            })?;
            if unit.kind != UnitKind::Village {
                return Err(Error::validation(
                    "unitId",
                    format!("“{}”不是村/社区。", unit.name),
                ));
            }
            Some(unit.id)
        }
        None => None,
    };
    d.level = Level::parse(if input.level.trim().is_empty() {
        "township"
    } else {
        &input.level
    })?;
    let received = date_field("receivedOn", "受理日期", &input.received_on)?;
    if received.as_deref().is_some_and(|r| r != d.received_on) {
        check_not_future("receivedOn", "受理日期", received.as_deref(), today)?;
    }
    d.received_on = received.unwrap_or_else(|| d.received_on.clone());
    // The 受理 entry of the history is dated by 受理日期: corrected, it moves with it
    // (the bar and 办理记录 kept the old day, and a 交办 before the new one went
    // through); a write refuses it past a later step ([`received_before_steps`]).
    let received_on = d.received_on.clone();
    if let Some(first) = d.history.iter_mut().find(|e| e.from.is_none()) {
        first.date = received_on;
    }
    d.deadline = date_field("deadline", "办理时限", &input.deadline)?;
    if let (Some(deadline), Some(received)) = (
        day(&d.deadline),
        NaiveDate::parse_from_str(&d.received_on, "%Y-%m-%d").ok(),
    ) {
        if deadline < received {
            return Err(Error::validation(
                "deadline",
                "办理时限不能早于受理日期。".to_string(),
            ));
        }
    }
    Ok(())
}

pub(crate) fn blank_demand(conn: &Connection, ctx: &Ctx) -> Result<Demand> {
    let now = ctx.stamp();
    let today = ctx.today().format("%Y-%m-%d").to_string();
    Ok(Demand {
        id: new_id(),
        owner_code: office::require(conn)?.code,
        title: String::new(),
        source: "other".into(),
        source_ref: None,
        reporter: String::new(),
        reporter_phone: String::new(),
        category: String::new(),
        description: String::new(),
        unit_id: None,
        level: Level::Township,
        department_id: None,
        received_on: today.clone(),
        deadline: None,
        status: Status::Accepted,
        resolved_on: None,
        result: String::new(),
        satisfaction: None,
        history: vec![DemandEvent {
            date: today,
            from: None,
            to: Status::Accepted,
            level_from: None,
            level_to: None,
            department: String::new(),
            deadline_from: None,
            deadline_to: None,
            reason: "受理".into(),
            recorded_at: now.clone(),
        }],
        created_at: now.clone(),
        updated_at: now,
    })
}

pub fn create_demand(tx: &Tx, input: &DemandInput) -> Result<DemandView> {
    let id = create_demand_id(tx, input)?;
    demand(tx, &id, tx.ctx.today())
}

/// Creates a demand and returns its id, without building its view (for imports,
/// where a view per row would read every unit, department and visit per row).
pub(crate) fn create_demand_id(tx: &Tx, input: &DemandInput) -> Result<String> {
    let mut d = blank_demand(tx, tx.ctx)?;
    apply_input(tx, &mut d, input, tx.ctx.today())?;
    if let Some(first) = d.history.first_mut() {
        first.level_to = Some(d.level);
    }
    ledger::save(tx, &d)?;
    Ok(d.id)
}

/// Saves a step of the demand's workflow, logged as that operation (`op`: 交办, 办结,
/// 退回, 上报 …).
fn saved(tx: &Tx, mut d: Demand, op: &str) -> Result<DemandView> {
    d.updated_at = tx.ctx.stamp();
    ledger::save_as(tx, &d, op)?;
    demand(tx, &d.id, tx.ctx.today())
}

pub fn update_demand(tx: &Tx, id: &str, input: &DemandInput) -> Result<DemandView> {
    update_demand_id(tx, id, input)?;
    // A demand the village handles itself keeps its village and level: without them
    // it stood 已交办 with nobody to handle it (the write is undone).
    let d: Demand = ledger::get(tx, id)?;
    if d.status >= Status::Assigned && d.department_id.is_none() && !d.handled_by_village() {
        return Err(Error::validation(
            if d.level == Level::Village {
                "unitId"
            } else {
                "level"
            },
            "这条诉求由村/社区自办（没有承办部门），所在村/社区和“村/社区”层级不能去掉。如要改由部门承办，请先退回到“已受理”，再交办给部门。",
        ));
    }
    demand(tx, id, tx.ctx.today())
}

/// A demand's 受理日期 is not after a later step of its history.
fn received_before_steps(d: &Demand) -> Result<()> {
    let later = d
        .history
        .iter()
        .filter(|e| e.from.is_some() && !e.date.is_empty())
        .map(|e| e.date.as_str())
        .min();
    match later.filter(|later| *later < d.received_on.as_str()) {
        Some(later) => Err(Error::validation(
            "receivedOn",
            format!(
                "受理日期 {} 晚于这条诉求之后的办理日期 {later}：请核对。",
                d.received_on
            ),
        )),
        None => Ok(()),
    }
}

/// Updates a demand without building its view (for imports).
pub(crate) fn update_demand_id(tx: &Tx, id: &str, input: &DemandInput) -> Result<()> {
    let mut d: Demand = ledger::get(tx, id)?;
    let before = d.deadline.clone();
    update_fields(tx, &mut d, input, tx.ctx.today())?;
    received_before_steps(&d)?;
    if d.deadline != before {
        deadline_changed(tx, &mut d, before, &input.deadline_reason)?;
    }
    d.updated_at = tx.ctx.stamp();
    ledger::save(tx, &d)
}

/// A stored demand's 办理时限 changed from `before` (probe N: moved silently, it took
/// an overdue demand off 逾期 and turned a resolved one's 按期 into 超期): refused once
/// 办结 (按期 is judged at 办结: 退回 first), otherwise it needs a reason when a
/// 时限 stood, and goes into 办理记录 as an event at the step it stands at, dated today.
fn deadline_changed(tx: &Tx, d: &mut Demand, before: Option<String>, reason: &str) -> Result<()> {
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无）".into());
    if d.is_resolved() {
        return Err(Error::validation(
            "deadline",
            format!(
                "这条诉求已{}，是否按期以办结时的办理时限（{}）为准，不能再改。确需更正的，请先“退回”到办理中并写明原因，再改办理时限。",
                d.status.label(),
                shown(&before)
            ),
        ));
    }
    let reason = text_field("deadlineReason", "调整原因", reason, 500)?;
    if before.is_some() && reason.is_empty() {
        return Err(Error::validation(
            "deadlineReason",
            format!(
                "办理时限由 {} 改为 {}：请写明调整原因（如：经分管领导同意延期），它会记入办理记录。",
                shown(&before),
                shown(&d.deadline)
            ),
        ));
    }
    d.history.push(DemandEvent {
        date: tx.ctx.today().to_string(),
        from: Some(d.status),
        to: d.status,
        level_from: None,
        level_to: None,
        department: String::new(),
        deadline_from: Some(before.unwrap_or_default()),
        deadline_to: Some(d.deadline.clone().unwrap_or_default()),
        reason,
        recorded_at: tx.ctx.stamp(),
    });
    Ok(())
}

/// An update's input onto a stored demand; one made from a visit stays linked to it.
fn update_fields(
    conn: &Connection,
    d: &mut Demand,
    input: &DemandInput,
    today: NaiveDate,
) -> Result<()> {
    let (source, source_ref) = (d.source.clone(), d.source_ref.clone());
    apply_input(conn, d, input, today)?;
    if source_ref.is_some() {
        d.source = source;
        d.source_ref = source_ref;
    }
    Ok(())
}

/// Stored demand `id` and what an imported row would make of it (the update and the
/// sheet's state, its timeline aside), read without writing; `None` if either
/// cannot be had.
pub(crate) fn import_result(
    conn: &Connection,
    id: &str,
    input: &DemandInput,
    s: &ImportedState,
    today: NaiveDate,
) -> Option<(Demand, Demand)> {
    let before = ledger::get::<Demand>(conn, id).ok()?;
    let mut after = before.clone();
    update_fields(conn, &mut after, input, today).ok()?;
    after.status = s.status;
    s.set_fields(&mut after).ok()?;
    Some((before, after))
}

/// Deletes a demand into the recycle bin. A visit it came from keeps the link, and
/// shows the demand again when it is restored.
pub fn delete_demand(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<Demand>(tx, id)
}

pub fn reveal_phone(conn: &Connection, id: &str) -> Result<String> {
    Ok(ledger::get::<Demand>(conn, id)?.reporter_phone)
}

/// Turns a problem found on a visit into a demand, linked both ways.
pub fn from_visit(tx: &Tx, visit_id: &str, input: &DemandInput) -> Result<DemandView> {
    let mut visit: Visit = ledger::get(tx, visit_id)?;
    let mut d = blank_demand(tx, tx.ctx)?;
    let input = DemandInput {
        source: "visit".into(),
        description: if input.description.trim().is_empty() {
            visit.found.clone()
        } else {
            input.description.clone()
        },
        ..input.clone()
    };
    apply_input(tx, &mut d, &input, tx.ctx.today())?;
    if d.received_on < visit.visited_on {
        return Err(Error::validation(
            "receivedOn",
            format!(
                "受理日期 {} 早于发现它的走访日期 {}：走访发现以后才受理，请核对。",
                d.received_on, visit.visited_on
            ),
        ));
    }
    d.source_ref = Some(visit.id.clone());
    if let Some(first) = d.history.first_mut() {
        first.level_to = Some(d.level);
        first.reason = format!("{} 走访发现", visit.visited_on);
    }
    ledger::save(tx, &d)?;
    visit.demand_ids.push(d.id.clone());
    visit.updated_at = tx.ctx.stamp();
    ledger::save(tx, &visit)?;
    demand(tx, &d.id, tx.ctx.today())
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Move {
    pub to: String,
    pub date: String,
    pub reason: String,
    pub department_id: String,
    pub result: String,
    pub satisfaction: String,
}

/// Moves a demand by the rules of [`FLOW`]: forward one step at a time (已交办
/// needs a department, 已办结 a result, 已回访 a satisfaction), back with a reason.
/// Every step is dated, not before the previous one, and kept.
pub fn move_to(tx: &Tx, id: &str, m: &Move) -> Result<DemandView> {
    let mut d: Demand = ledger::get(tx, id)?;
    let to = Status::parse(&m.to)?;
    let from = d.status;
    let date = date_field("date", "日期", &m.date)?
        .unwrap_or_else(|| tx.ctx.today().format("%Y-%m-%d").to_string());
    let reason = text_field("reason", "原因", &m.reason, 500)?;
    let today = tx.ctx.today().format("%Y-%m-%d").to_string();
    let given = |field: &str| match field {
        "departmentId" => !m.department_id.trim().is_empty() || d.handled_by_village(),
        "result" => !m.result.trim().is_empty(),
        "satisfaction" => !m.satisfaction.trim().is_empty(),
        _ => false,
    };
    let step = FLOW.check(&Attempt {
        subject: &d.summary(),
        from: from.as_str(),
        to: to.as_str(),
        date: &date,
        last_date: d.last_step().map(|e| e.date.as_str()),
        today: Some(today.as_str()),
        reason: &reason,
        given: &given,
    })?;
    let op = if step.back { "退回" } else { step.to.action };
    let mut department = String::new();
    let mut reason = reason;
    if step.back && to < Status::Resolved {
        // The result undone stays on the ticket, in the step that undid it: the
        // county sees what was done first and why it was reopened.
        reason = crate::base::steps::reason_keeping(&reason, &[("办理结果", &d.result)]);
    }
    if step.back {
        if to < Status::CalledBack {
            d.satisfaction = None;
        }
        if to < Status::Resolved {
            // 办结 undone: its date and result go (the history keeps the step); a new
            // result is asked for at the next 办结.
            d.resolved_on = None;
            d.result.clear();
        }
        if to < Status::Assigned {
            d.department_id = None;
        }
    } else {
        match to {
            Status::Assigned if m.department_id.trim().is_empty() && d.handled_by_village() => {
                department = SELF_HANDLED.to_string();
                d.department_id = None;
            }
            Status::Assigned => {
                let dept: Department =
                    ledger::find(tx, m.department_id.trim())?.ok_or_else(|| {
                        Error::validation("departmentId", "交办要选择承办部门。".to_string())
                    })?;
                department = dept.name.clone();
                d.department_id = Some(dept.id);
            }
            Status::Resolved => {
                d.result = required("result", "办理结果", &m.result, 2000)?;
                d.resolved_on = Some(date.clone());
            }
            Status::CalledBack => {
                d.satisfaction = Some(parse_satisfaction(&m.satisfaction)?.ok_or_else(|| {
                    Error::validation("satisfaction", "回访要填写反映人的满意度。".to_string())
                })?);
            }
            _ => {}
        }
    }
    d.history.push(DemandEvent {
        date,
        from: Some(from),
        to,
        level_from: None,
        level_to: None,
        department,
        deadline_from: None,
        deadline_to: None,
        reason,
        recorded_at: tx.ctx.stamp(),
    });
    d.status = to;
    saved(tx, d, op)
}

/// Corrects the day of the demand's latest step (改日期) to `date`: the step stays,
/// a 办结's 办结日期 moves with it. Its 受理 is dated in the form; a step followed by a
/// change of 办理时限 is not the latest.
pub fn redate_step(tx: &Tx, id: &str, date: &str, index: Option<usize>) -> Result<DemandView> {
    let mut d: Demand = ledger::get(tx, id)?;
    let n = d.history.len();
    let Some(i) = steps::redated_index(n, index).filter(|&i| d.history[i].deadline_to.is_none())
    else {
        return Err(Error::Refused(format!(
            "{}没有可以改日期的这一步：受理日期请在诉求里修改，办理时限的变更不能改日期。",
            d.summary()
        )));
    };
    let (before, after) = (
        d.history[i - 1].date.clone(),
        d.history.get(i + 1).map(|e| e.date.clone()),
    );
    let event = &d.history[i];
    let back = event.level_to.is_none() && event.from.is_some_and(|f| f > event.to);
    let step = if event.level_to.is_some() {
        "上报"
    } else if back {
        "退回"
    } else {
        event.to.label()
    };
    let today = tx.ctx.today().format("%Y-%m-%d").to_string();
    let date = steps::check_redate(&before, after.as_deref(), date, &today, step)?;
    let resolves = !back && event.level_to.is_none() && event.to == Status::Resolved;
    // The latest step's 办结日期 always; an earlier 办结's where it is still its day.
    let old = event.date.clone();
    if resolves && (i + 1 == n || d.resolved_on.as_deref() == Some(old.as_str())) {
        d.resolved_on = Some(date.clone());
    }
    let e = &mut d.history[i];
    e.reason = steps::note_redate(&e.reason, &old, &date);
    e.date = date;
    saved(tx, d, "改日期")
}

/// Escalates a demand to a higher level (上报): its department is cleared and it is
/// 已受理 again there; the history keeps the step.
pub fn escalate(tx: &Tx, id: &str, level: &str, date: &str, reason: &str) -> Result<DemandView> {
    let mut d: Demand = ledger::get(tx, id)?;
    let to = Level::parse(level)?;
    if to <= d.level {
        return Err(Error::validation(
            "level",
            format!("只能上报到比“{}”更高的层级。", d.level.label()),
        ));
    }
    if d.is_resolved() {
        return Err(Error::Refused(format!(
            "{}已经办结，不能再上报。",
            d.summary()
        )));
    }
    let reason = required("reason", "上报原因", reason, 500)?;
    let date = date_field("date", "日期", date)?
        .unwrap_or_else(|| tx.ctx.today().format("%Y-%m-%d").to_string());
    steps::check_date(d.last_step().map(|e| e.date.as_str()), &date)?;
    let today = tx.ctx.today().format("%Y-%m-%d").to_string();
    steps::check_not_future(Some(today.as_str()), &date, "上报")?;
    d.history.push(DemandEvent {
        date,
        from: Some(d.status),
        to: Status::Accepted,
        level_from: Some(d.level),
        level_to: Some(to),
        department: String::new(),
        deadline_from: None,
        deadline_to: None,
        reason,
        recorded_at: tx.ctx.stamp(),
    });
    d.level = to;
    d.department_id = None;
    d.status = Status::Accepted;
    saved(tx, d, "上报")
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub received: usize,
    pub assigned: usize,
    pub resolved: usize,
    pub resolved_on_time: usize,
    pub overdue: usize,
    /// Of a period's counts: demands received before it, still open and past their
    /// deadline today (the current year's list said 逾期 0 while four of last year's
    /// were overdue, probe Z). 0 for the whole ledger.
    pub overdue_earlier: usize,
    pub satisfied: usize,
    pub called_back: usize,
    pub on_time_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
}

pub fn stats(conn: &Connection, today: NaiveDate) -> Result<Stats> {
    stats_in(conn, "", today)
}

/// [`stats`] in `period` (the 诉求 list's 期间; `""` all): received, assigned, overdue
/// and called back among the demands received in it, and resolved (on time or not)
/// by the day they were resolved, as 首页 and 统计 count `demands.resolved` (the
/// list said 已办结 0 for a month in which 首页 said 1).
pub fn stats_in(conn: &Connection, period: &str, today: NaiveDate) -> Result<Stats> {
    let period = ListPeriod::parse("period", period)?;
    let every: Vec<Demand> = ledger::list::<Demand>(conn)?;
    // As the period stood at its end (or today), as the report counts: an 办结
    // undone by a later 退回 stays in the month it was resolved in.
    let at = period
        .period()
        .map_or(today, |p| p.as_of(today))
        .to_string();
    let done_in: Vec<&Demand> = every
        .iter()
        .filter(|d| {
            // A resolved demand without its day (an old record) counts in the
            // whole ledger only, as the report leaves it out of every period.
            match d.resolved_as_of(&at).as_deref() {
                None => false,
                Some("") => period.period().is_none(),
                Some(on) => period.admits(on),
            }
        })
        .collect();
    let resolved = done_in.len();
    let on_time = done_in.iter().filter(|d| d.on_time_as_of(&at)).count();
    let overdue_earlier = period.period().map_or(0, |p| {
        let start = p.from.to_string();
        every
            .iter()
            .filter(|d| d.received_on.as_str() < start.as_str() && d.overdue(today))
            .count()
    });
    let all: Vec<Demand> = every
        .into_iter()
        .filter(|d| period.admits(&d.received_on))
        .collect();
    let called_back = all
        .iter()
        .filter(|d| d.status == Status::CalledBack)
        .count();
    let satisfied = all
        .iter()
        .filter(|d| {
            d.status == Status::CalledBack && d.satisfaction.as_deref() != Some("unsatisfied")
        })
        .count();
    let rate = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
    Ok(Stats {
        received: all.len(),
        // 交办过: assigned at some step, also one sent back or escalated since (probe
        // N: the count said where demands stand now).
        assigned: all
            .iter()
            .filter(|d| {
                d.status >= Status::Assigned || d.history.iter().any(|e| e.to >= Status::Assigned)
            })
            .count(),
        resolved,
        resolved_on_time: on_time,
        overdue: all.iter().filter(|d| d.overdue(today)).count(),
        overdue_earlier,
        satisfied,
        called_back,
        on_time_rate: rate(on_time, resolved),
        satisfaction_rate: rate(satisfied, called_back),
    })
}

// ---------- working groups and meetings ----------

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkingGroup {
    pub id: String,
    pub owner_code: String,
    pub name: String,
    pub topic: String,
    pub lead_unit: String,
    pub members: String,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    WorkingGroup,
    "working_groups",
    "专项工作组",
    [],
    |s| format!("专项工作组“{}”", s.name)
);

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkingGroupInput {
    pub name: String,
    pub topic: String,
    pub lead_unit: String,
    pub members: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkingGroupView {
    pub id: String,
    pub name: String,
    pub topic: String,
    pub lead_unit: String,
    pub members: String,
    pub note: String,
    pub meetings: usize,
}

pub fn working_groups(conn: &Connection) -> Result<Vec<WorkingGroupView>> {
    let meetings = crate::base::tally(
        ledger::list::<WorkingMeeting>(conn)?
            .into_iter()
            .map(|m| m.group_id),
    );
    Ok(ledger::list::<WorkingGroup>(conn)?
        .into_iter()
        .map(|g| WorkingGroupView {
            meetings: meetings.get(&g.id).copied().unwrap_or(0),
            id: g.id,
            name: g.name,
            topic: g.topic,
            lead_unit: g.lead_unit,
            members: g.members,
            note: g.note,
        })
        .collect())
}

fn group_out(conn: &Connection, id: &str) -> Result<WorkingGroupView> {
    working_groups(conn)?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这个专项工作组，请刷新后再试。".into()))
}

pub(crate) fn checked_group(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&WorkingGroup>,
    input: &WorkingGroupInput,
) -> Result<WorkingGroup> {
    let name = ledger::unique_name(conn, before, "工作组名称", &input.name, 40)?;
    let now = ctx.stamp();
    Ok(WorkingGroup {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        name,
        topic: required("topic", "工作主题", &input.topic, 200)?,
        lead_unit: required("leadUnit", "牵头单位", &input.lead_unit, 60)?,
        members: text_field("members", "成员单位", &input.members, 500)?,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_group(tx: &Tx, input: &WorkingGroupInput) -> Result<WorkingGroupView> {
    let g = ledger::upsert(tx, None, input, checked_group)?;
    group_out(tx, &g.id)
}

pub fn update_group(tx: &Tx, id: &str, input: &WorkingGroupInput) -> Result<WorkingGroupView> {
    ledger::upsert(tx, Some(id), input, checked_group)?;
    group_out(tx, id)
}

pub fn delete_group(tx: &Tx, id: &str) -> Result<Entry> {
    let meetings = NamedBy {
        table: WorkingMeeting::TABLE,
        column: "group_id",
        what: "次工作会议记录",
    };
    ledger::delete_unless_named::<WorkingGroup>(tx, id, &[meetings], "")
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkingMeeting {
    pub id: String,
    pub owner_code: String,
    pub group_id: String,
    pub held_on: String,
    pub participants: String,
    pub topics: String,
    pub note: String,
    pub decisions: Vec<Decision>,
    /// Photos and the 纪要 (minutes) file.
    pub attachments: Vec<crate::store::attachments::AttachmentRef>,
    pub created_at: String,
    pub updated_at: String,
}

crate::store::attachments::attached!(WorkingMeeting);
document!(WorkingMeeting, "working_meetings", "工作会议", ["group_id" => Some(s.group_id.clone())], |s| format!("{} 的协调机制工作会议", s.held_on));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkingMeetingInput {
    pub group_id: String,
    pub held_on: String,
    pub participants: String,
    pub topics: String,
    pub note: String,
    pub decisions: Vec<DecisionInput>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkingMeetingView {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub held_on: String,
    pub participants: String,
    pub topics: String,
    pub note: String,
    pub decisions: Vec<FollowUp>,
}

pub fn working_meetings(
    conn: &Connection,
    group_id: &str,
    today: NaiveDate,
) -> Result<Vec<WorkingMeetingView>> {
    let groups: BTreeMap<String, String> = ledger::list::<WorkingGroup>(conn)?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut out: Vec<WorkingMeetingView> = ledger::list::<WorkingMeeting>(conn)?
        .into_iter()
        .filter(|m| group_id.is_empty() || m.group_id == group_id)
        .map(|m| {
            let group = groups.get(&m.group_id).cloned().unwrap_or_default();
            WorkingMeetingView {
                decisions: m
                    .decisions
                    .iter()
                    .map(|d| {
                        party::follow_up_of(
                            WorkingMeeting::TABLE,
                            &m.id,
                            &m.held_on,
                            d,
                            &group,
                            today,
                        )
                    })
                    .collect(),
                id: m.id,
                group_id: m.group_id,
                group_name: group,
                held_on: m.held_on,
                participants: m.participants,
                topics: m.topics,
                note: m.note,
            }
        })
        .collect();
    out.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
    Ok(out)
}

pub(crate) fn checked_working_meeting(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&WorkingMeeting>,
    input: &WorkingMeetingInput,
) -> Result<WorkingMeeting> {
    let group: WorkingGroup = ledger::find(conn, &input.group_id)?
        .ok_or_else(|| Error::validation("groupId", "请选择召开会议的专项工作组。".to_string()))?;
    let held_on = date_field("heldOn", "会议日期", &input.held_on)?
        .ok_or_else(|| Error::validation("heldOn", "请填写会议日期。".to_string()))?;
    check_not_future("heldOn", "会议日期", Some(&held_on), ctx.today())?;
    let decisions = party::checked_decisions(
        ctx,
        &held_on,
        before.map_or(&[][..], |b| &b.decisions),
        &input.decisions,
    )?;
    let now = ctx.stamp();
    Ok(WorkingMeeting {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        group_id: group.id,
        held_on,
        participants: text_field("participants", "参会单位和人员", &input.participants, 500)?,
        topics: required("topics", "会议议题", &input.topics, 2000)?,
        note: text_field("note", "备注", &input.note, 2000)?,
        decisions,
        attachments: before.map(|b| b.attachments.clone()).unwrap_or_default(),
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

fn working_meeting_out(
    conn: &Connection,
    id: &str,
    today: NaiveDate,
) -> Result<WorkingMeetingView> {
    working_meetings(conn, "", today)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这次工作会议，请刷新后再试。".into()))
}

pub fn create_working_meeting(tx: &Tx, input: &WorkingMeetingInput) -> Result<WorkingMeetingView> {
    let m = ledger::upsert(tx, None, input, checked_working_meeting)?;
    working_meeting_out(tx, &m.id, tx.ctx.today())
}

pub fn update_working_meeting(
    tx: &Tx,
    id: &str,
    input: &WorkingMeetingInput,
) -> Result<WorkingMeetingView> {
    ledger::upsert(tx, Some(id), input, checked_working_meeting)?;
    working_meeting_out(tx, id, tx.ctx.today())
}

pub fn delete_working_meeting(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<WorkingMeeting>(tx, id)
}

impl party::HasDecisions for WorkingMeeting {
    fn decisions_mut(&mut self) -> &mut Vec<Decision> {
        &mut self.decisions
    }
    fn held_on(&self) -> &str {
        &self.held_on
    }
}

/// The categories a demand's form suggests (its field takes any text). The coded
/// choices (statuses, sources, levels, satisfactions, leaders' levels) are the
/// kinds' declared values, served once in `kinds::catalog`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub categories: Vec<&'static str>,
}

pub fn options() -> Options {
    Options {
        categories: CATEGORIES.to_vec(),
    }
}

/// A demand's state as an imported sheet gives it; the history records that it
/// came from a sheet.
#[derive(Debug, Clone)]
pub struct ImportedState {
    pub status: Status,
    /// The row's 层级, and whether its demand is [`Demand::handled_by_village`] (it
    /// may then have no department: 自办).
    pub level: Level,
    pub by_village: bool,
    pub department_id: Option<String>,
    pub resolved_on: Option<String>,
    pub result: String,
    pub satisfaction: String,
    /// 交办日期 and 回访日期 from the sheet.
    pub assigned_on: Option<String>,
    pub called_back_on: Option<String>,
}

impl ImportedState {
    /// The fields the sheet sets beside the steps: 承办部门 from 交办 on, 办结日期 and
    /// 办理结果 from 办结 on, 满意度 once called back.
    fn set_fields(&self, d: &mut Demand) -> Result<()> {
        d.department_id = self
            .department_id
            .clone()
            .filter(|_| self.status >= Status::Assigned);
        d.resolved_on = self
            .resolved_on
            .clone()
            .filter(|_| self.status >= Status::Resolved);
        d.result = if self.status >= Status::Resolved {
            self.result.clone()
        } else {
            String::new()
        };
        d.satisfaction = if self.status == Status::CalledBack {
            parse_satisfaction(&self.satisfaction)?
        } else {
            None
        };
        Ok(())
    }

    /// The date of each step up to the status (受理, 交办, 办理中, 办结, 回访): the
    /// sheet's date for the step, else its nearest one (see [`crate::sheets::import::step_dates`]).
    /// 办理中 has no column of its own: it is dated by 交办日期 when given.
    pub fn step_dates(&self, received_on: &str) -> Vec<String> {
        let given = [
            Some(received_on.to_string()).filter(|d| !d.is_empty()),
            self.assigned_on.clone(),
            self.assigned_on.clone(),
            self.resolved_on.clone(),
            self.called_back_on.clone(),
        ];
        crate::sheets::import::step_dates(&given, self.status as usize, received_on)
    }

    /// The same rules a step-by-step demand meets; and nothing filled in for a step
    /// the status has not reached (it would be dropped without a word).
    pub fn check(&self) -> Result<()> {
        let ahead: [(&'static str, bool, Status, &str); 6] = [
            (
                "departmentId",
                self.department_id.is_some(),
                Status::Assigned,
                "承办部门",
            ),
            (
                "assignedOn",
                self.assigned_on.is_some(),
                Status::Assigned,
                "交办日期",
            ),
            (
                "resolvedOn",
                self.resolved_on.is_some(),
                Status::Resolved,
                "办结日期",
            ),
            (
                "result",
                !self.result.is_empty(),
                Status::Resolved,
                "办理结果",
            ),
            (
                "satisfaction",
                !self.satisfaction.is_empty(),
                Status::CalledBack,
                "回访满意度",
            ),
            (
                "calledBackOn",
                self.called_back_on.is_some(),
                Status::CalledBack,
                "回访日期",
            ),
        ];
        if let Some((field, step, label)) = crate::base::steps::filled_ahead(self.status, &ahead) {
            return Err(Error::validation(
                field,
                format!(
                    "状态为“{}”的诉求还没有{}：{label}不填；如已{}，请把状态改成“{}”。",
                    self.status.label(),
                    step.label().trim_start_matches('已'),
                    step.label().trim_start_matches('已'),
                    step.label()
                ),
            ));
        }
        if self.status >= Status::Assigned && self.department_id.is_none() && !self.by_village {
            return Err(Error::validation(
                "departmentId",
                format!(
                    "状态为“{}”的{}级诉求要填写承办部门{}。",
                    self.status.label(),
                    self.level.label(),
                    if self.level == Level::Village {
                        "（或填写所在村/社区，由村/社区自办）"
                    } else {
                        "（只有村/社区级的诉求可以自办、不填部门）"
                    }
                ),
            ));
        }
        if self.status >= Status::Resolved {
            // Named by the one missing (an empty 办理结果 was said under 办结日期).
            let missing = match (self.resolved_on.is_none(), self.result.is_empty()) {
                (true, true) => Some(("resolvedOn", "办结日期和办理结果")),
                (true, false) => Some(("resolvedOn", "办结日期")),
                (false, true) => Some(("result", "办理结果")),
                (false, false) => None,
            };
            if let Some((field, what)) = missing {
                return Err(Error::validation(
                    field,
                    format!("状态为“{}”的诉求要填写{what}。", self.status.label()),
                ));
            }
        }
        if self.status == Status::CalledBack && parse_satisfaction(&self.satisfaction)?.is_none() {
            return Err(Error::validation(
                "satisfaction",
                "已回访的诉求要填写回访满意度。".to_string(),
            ));
        }
        Ok(())
    }
}

/// Sets an imported demand's status, department and result.
pub fn import_state(tx: &Tx, id: &str, s: &ImportedState) -> Result<()> {
    s.check()?;
    let before: Demand = ledger::get(tx, id)?;
    let mut d = before.clone();
    // Each step is dated from the sheet (its own column, else the row's nearest
    // date), never the import day.
    let dates = s.step_dates(&d.received_on);
    let on = |st: Status| dates.get(st as usize).cloned().unwrap_or_default();
    if d.status != s.status {
        // One entry per step, as if it had been kept step by step.
        let steps: Vec<Status> = if s.status > d.status {
            Status::ALL
                .into_iter()
                .filter(|st| *st > d.status && *st <= s.status)
                .collect()
        } else {
            vec![s.status]
        };
        for st in steps {
            d.history.push(DemandEvent {
                date: on(st),
                from: Some(d.status),
                to: st,
                level_from: None,
                level_to: None,
                department: String::new(),
                deadline_from: None,
                deadline_to: None,
                reason: "由 Excel 导入".into(),
                recorded_at: tx.ctx.stamp(),
            });
            d.status = st;
        }
    }
    s.set_fields(&mut d)?;
    if !ledger::same(&before, &d) {
        d.updated_at = tx.ctx.stamp();
        ledger::save_known(tx, Some(&before), &d)?;
    }
    Ok(())
}

/// Which meetings' follow-ups a list shows: 党建 › 联席会议 lists only the joint
/// meetings' decisions, 诉求 › 协调机制 only the working meetings'; batch actions and
/// a single 标记办结 find an item among all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpsOf {
    All,
    /// 联席会议 (`joint_meetings`).
    Joint,
    /// 协调机制的工作会议 (`working_meetings`).
    Working,
}

impl FollowUpsOf {
    /// "" or "all", or a meeting kind's table name.
    pub fn parse(s: &str) -> Result<FollowUpsOf> {
        match s.trim() {
            "" | "all" => Ok(FollowUpsOf::All),
            t if t == party::Meeting::TABLE => Ok(FollowUpsOf::Joint),
            t if t == WorkingMeeting::TABLE => Ok(FollowUpsOf::Working),
            _ => Err(Error::validation(
                "kind",
                "跟进事项只分联席会议和工作会议两类，请刷新后再试。",
            )),
        }
    }
}

/// Every decision's follow-up, of joint meetings (党建) and working meetings alike:
/// overdue first, then by due date. Here, not in party, because demands' working
/// meetings reuse party's decisions (demands → party), never the other way round.
pub fn follow_ups(conn: &Connection, only_open: bool, today: NaiveDate) -> Result<Vec<FollowUp>> {
    follow_ups_of(conn, FollowUpsOf::All, only_open, today)
}

/// The follow-ups of one kind of meeting (or all), in the order of [`follow_ups`].
pub fn follow_ups_of(
    conn: &Connection,
    of: FollowUpsOf,
    only_open: bool,
    today: NaiveDate,
) -> Result<Vec<FollowUp>> {
    let mut out: Vec<FollowUp> = Vec::new();
    if of != FollowUpsOf::Working {
        out.extend(
            party::meetings(conn, "", "", today)?
                .into_iter()
                .flat_map(|m| m.decisions),
        );
    }
    if of != FollowUpsOf::Joint {
        out.extend(
            working_meetings(conn, "", today)?
                .into_iter()
                .flat_map(|m| m.decisions),
        );
    }
    out.retain(|f| !only_open || f.status == party::FollowUpStatus::Open);
    out.sort_by(|a, b| {
        (
            !a.overdue,
            a.status == party::FollowUpStatus::Done,
            a.due_on.is_none(),
            &a.due_on,
        )
            .cmp(&(
                !b.overdue,
                b.status == party::FollowUpStatus::Done,
                b.due_on.is_none(),
                &b.due_on,
            ))
    });
    Ok(out)
}

/// Marks a follow-up done (on `done_on`, default today) or open again, whichever
/// kind of meeting it came from.
pub fn set_follow_up(tx: &Tx, id: &str, status: &str, done_on: &str) -> Result<FollowUp> {
    let status = party::FollowUpStatus::parse(status)?;
    let done_on = date_field("doneOn", "完成日期", done_on)?;
    let today = tx.ctx.today();
    check_not_future("doneOn", "完成日期", done_on.as_deref(), today)?;
    let found = party::mark::<party::Meeting>(tx, id, status, &done_on)?
        || party::mark::<WorkingMeeting>(tx, id, status, &done_on)?;
    if !found {
        return Err(Error::NotFound(
            "没有找到这项跟进事项，请刷新后再试。".into(),
        ));
    }
    follow_ups(tx, false, today)?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(|| Error::Internal("跟进事项保存后没有找到".into()))
}

// ---------- kinds (listed in crate::kinds) ----------

use crate::sheets::kind::{Def, Export, Sheet};

pub static DEPARTMENTS: Def = Def {
    imports: &[&Sheet::<sheets::Departments>::NEW],
    exports: &[Export::of::<sheets::Departments>(sheets::export_rows)],
    restore: |tx, v| {
        ledger::restore_checked::<Department>(tx, v, |c, d| {
            ledger::restore_name_free(c, d, &d.name)
        })
    },
    ..Def::ledger::<Department>()
};
pub static DEMANDS: Def = Def {
    fields: &[
        ("unitId", "村/社区"),
        ("departmentId", "承办部门"),
        ("sourceRef", "来源记录"),
        ("history", "办理记录"),
    ],
    imports: &[&Sheet::<sheets::Demands>::NEW],
    exports: &[Export::of::<sheets::Demands>(sheets::export_rows)
        .dated_by(&["receivedOn"])
        .also(&sheets::DEMAND_ALSO)
        .with_note("文件只写各步的日期（已交办和办理中共用交办日期）；退回、上报上级的记录和各步的说明只保存在本软件里。")],
    report_keys: &[
        "demands.received",
        "demands.resolved",
        "demands.resolved_on_time",
        "demands.received_resolved",
        "demands.assigned",
        "demands.overdue",
    ],
    blocks_unit_delete: Some(filed_under),
    restore: |tx, v| {
        ledger::restore_checked::<Demand>(tx, v, |c, d| {
            if let Some(id) = &d.department_id {
                ledger::restore_needs::<Department>(c, d, "承办部门", id)?;
            }
            // Its 村/社区 could be deleted while the demand was in the bin.
            match &d.unit_id {
                Some(id) => crate::hierarchy::restore_needs(c, &d.summary(), "所在的村/社区", id),
                None => Ok(()),
            }
        })
    },
    ..Def::ledger::<Demand>()
};

/// The demands filed under a 村/社区, which keep it from being deleted (they would
/// name no place, and the county could not place them).
fn filed_under(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::list_by_json::<Demand>(conn, "$.unitId", unit_id)?.len();
    Ok((n > 0).then(|| format!("{n} 件诉求")))
}
pub static WORKING_GROUPS: Def = Def {
    imports: &[&Sheet::<sheets::WorkingGroups>::NEW],
    exports: &[Export::of::<sheets::WorkingGroups>(sheets::export_rows)],
    restore: |tx, v| {
        ledger::restore_checked::<WorkingGroup>(tx, v, |c, d| {
            ledger::restore_name_free(c, d, &d.name)
        })
    },
    ..Def::ledger::<WorkingGroup>()
};
pub static WORKING_MEETINGS: Def = Def {
    fields: &[
        ("groupId", "专项工作组"),
        ("decisions.owner", "责任人"),
        ("decisions.dueOn", "完成时限"),
        ("decisions.doneOn", "完成日期"),
    ],
    // a decision's follow-up, inside `decisions`
    imports: &[&Sheet::<sheets::WorkingMeetings>::NEW],
    exports: &[Export::of::<sheets::WorkingMeetings>(sheets::export_rows).dated_by(&["heldOn"])],
    report_keys: &["coordination.meetings"],
    evidence: Some(crate::store::attachments::Evidence::of::<WorkingMeeting>()),
    ..Def::ledger::<WorkingMeeting>()
};

/// What a visit shows of the demands it became (id, title, status), by demand id:
/// handed to `contacts::visits` and the visit commands (see
/// [`contacts::FindLinkedDemands`]). A demand in the recycle bin is not listed.
pub fn linked_to_visits(conn: &Connection) -> Result<BTreeMap<String, LinkedDemand>> {
    Ok(ledger::list::<Demand>(conn)?
        .into_iter()
        .map(|d| {
            let link = LinkedDemand {
                id: d.id.clone(),
                title: d.title.clone(),
                status_label: d.status.label(),
            };
            (d.id, link)
        })
        .collect())
}
