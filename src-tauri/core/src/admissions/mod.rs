//! 准入 (issue 15, item 3): a matter outside the township's lists (目录三清单) that a
//! department wants pushed down to the township or its grids. It is admitted only
//! through 申请 → 审核 (township review) → 审批 (county approval: 县级党委、政府同意)
//! → 进入 (entry, from its effective date) → 退出 (exit), on the step machine
//! ([`crate::base::steps`]); a refusal at 审核 or 审批 ends it with its reason.
//! A short-term matter past its end date is 应退出 until it exits. A matter counts
//! on grids only from 进入 until 退出 ([`in_force_targets`]).

pub mod sheets;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, required, text_field};
use crate::base::steps::{Attempt, Field, Flow, MoveOption, Step};
use crate::hierarchy::{self, UnitKind};
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// Where an admission stands; the step machine is [`FLOW`].
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum AdmissionStep: "step", "准入步骤" {
        #[default]
        Applied("applied", "已申请", "申请", "待审核"),
        Reviewed("reviewed", "已审核", "审核", "审核通过", "待审批"),
        Approved("approved", "已审批", "审批", "审批通过", "审批同意"),
        Entered("entered", "已进入", "进入", "准予进入"),
        Exited("exited", "已退出", "退出"),
        RefusedReview("refused_review", "审核未通过", "审核不通过"),
        RefusedApproval("refused_approval", "审批未同意", "审批不同意", "审批未通过"),
    }
}

impl AdmissionStep {
    pub fn is_refused(self) -> bool {
        matches!(
            self,
            AdmissionStep::RefusedReview | AdmissionStep::RefusedApproval
        )
    }
    /// The steps a record at `self` went through, in order (a refusal after the
    /// steps it was refused at).
    pub fn path(self) -> Vec<AdmissionStep> {
        use AdmissionStep::*;
        match self {
            RefusedReview => vec![Applied, RefusedReview],
            RefusedApproval => vec![Applied, Reviewed, RefusedApproval],
            s => [Applied, Reviewed, Approved, Entered, Exited]
                .into_iter()
                .filter(|x| *x <= s)
                .collect(),
        }
    }
}

labelled_enum! {
    /// What comes down with the matter (资源、服务、管理同步下沉).
    #[derive(PartialOrd, Ord, Hash)]
    pub enum Resource: "resources", "同步下沉" {
        Resources("resources", "资源"),
        Funds("funds", "资金", "经费"),
        Staff("staff", "人员", "编制"),
        Services("services", "服务"),
    }
}

labelled_enum! {
    /// Where the matter is carried out.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum TargetLevel: "level", "实施层面" {
        #[default]
        Township("township", "乡镇层面", "乡镇", "街道", "乡镇（街道）层面"),
        Grid("grid", "网格层面", "网格", "村/网格"),
    }
}

labelled_enum! {
    /// Short-term (with an end date) or long-term.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum Term: "term", "期限类型" {
        #[default]
        Long("long", "长期"),
        Short("short", "短期", "临时"),
    }
}

/// An admission's workflow, declared as data. A refusal at 审核 is made from 已申请,
/// one at 审批 from 已审核.
pub const FLOW: Flow = Flow {
    noun: "准入事项",
    verb: "办理",
    steps: &[
        step(AdmissionStep::Applied, "提交申请", &[]),
        step(
            AdmissionStep::Reviewed,
            "审核通过",
            &[Field::required(
                "opinion",
                "审核意见",
                "审核要填写乡镇审核意见。",
            )],
        )
        .hint("乡镇审核：日期为审核日期。"),
        step(
            AdmissionStep::Approved,
            "审批同意",
            &[
                Field::required(
                    "approvingBody",
                    "审批机关",
                    "审批要填写审批机关（县级党委、政府）。",
                ),
                Field::required("documentNumber", "批准文号", "审批要填写批准文号。"),
            ],
        )
        .hint("须经县级党委、政府同意：日期为审批日期。"),
        step(AdmissionStep::Entered, "准予进入", &[])
            .hint("日期为生效日期：从这天起计入网格事项。"),
        step(
            AdmissionStep::Exited,
            "退出",
            &[Field::required(
                "exitReason",
                "退出原因",
                "退出要写明退出原因。",
            )],
        )
        .hint("日期为退出日期：从这天起不再计入。"),
        Step::end(
            AdmissionStep::RefusedReview.as_str(),
            AdmissionStep::RefusedReview.label(),
            "审核不通过",
            &["applied"],
        ),
        Step::end(
            AdmissionStep::RefusedApproval.as_str(),
            AdmissionStep::RefusedApproval.label(),
            "审批不同意",
            &["reviewed"],
        ),
    ],
};

const fn step(s: AdmissionStep, action: &'static str, fields: &'static [Field]) -> Step {
    Step::main(s.as_str(), s.label(), action, fields)
}

/// One step of an admission's timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    pub date: String,
    pub from: Option<AdmissionStep>,
    pub to: AdmissionStep,
    pub reason: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Admission {
    pub id: String,
    pub owner_code: String,
    /// 申请部门.
    pub department: String,
    /// 事项名称.
    pub matter: String,
    /// 事项内容.
    pub content: String,
    /// 依据 (laws, documents).
    pub basis: String,
    /// 同步下沉: what comes down with it.
    pub resources: Vec<Resource>,
    pub resources_note: String,
    pub level: TargetLevel,
    /// For grid level: the villages/communities and grids it is carried out in.
    pub unit_ids: Vec<String>,
    pub term: Term,
    /// Short-term only.
    pub end_date: Option<String>,
    pub step: AdmissionStep,
    pub applied_on: String,
    pub reviewed_on: Option<String>,
    pub review_opinion: String,
    pub approved_on: Option<String>,
    pub approving_body: String,
    pub document_number: String,
    /// 生效日期.
    pub entered_on: Option<String>,
    pub exited_on: Option<String>,
    pub exit_reason: String,
    pub refused_on: Option<String>,
    pub refusal_reason: String,
    pub events: Vec<Event>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Admission, "admissions", "准入事项", [], |s| format!(
    "准入事项“{}”",
    s.matter
));

fn before(a: &Option<String>, as_of: &str) -> bool {
    a.as_deref().is_some_and(|d| d <= as_of)
}

impl Admission {
    /// Applied on or before `as_of` (`admission.applied`).
    pub fn applied_by(&self, as_of: NaiveDate) -> bool {
        self.applied_on.as_str() <= as_of.to_string().as_str()
    }
    /// Approved by the county on or before `as_of` (`admission.approved`).
    pub fn approved_by(&self, as_of: NaiveDate) -> bool {
        before(&self.approved_on, &as_of.to_string())
    }
    /// Refused on or before `as_of` (`admission.refused`).
    pub fn refused_by(&self, as_of: NaiveDate) -> bool {
        self.step.is_refused() && before(&self.refused_on, &as_of.to_string())
    }
    /// Entered on or before `as_of` and not exited on or before it
    /// (`admission.in_force`).
    pub fn in_force(&self, as_of: NaiveDate) -> bool {
        let d = as_of.to_string();
        before(&self.entered_on, &d) && !before(&self.exited_on, &d)
    }
    /// 应退出: in force, short-term, and its end date is before `as_of`
    /// (`admission.overdue_exit`).
    pub fn overdue_exit(&self, as_of: NaiveDate) -> bool {
        self.term == Term::Short
            && self.in_force(as_of)
            && self
                .end_date
                .as_deref()
                .is_some_and(|e| e < as_of.to_string().as_str())
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AdmissionInput {
    pub department: String,
    pub matter: String,
    pub content: String,
    pub basis: String,
    /// Keys or labels: 资源、资金、人员、服务.
    pub resources: Vec<String>,
    pub resources_note: String,
    pub level: String,
    pub unit_ids: Vec<String>,
    pub term: String,
    pub end_date: String,
    /// 申请日期 (default today).
    pub applied_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AdmissionQuery {
    pub step: String,
    pub department: String,
    pub term: String,
    /// Only those 应退出 as of the day.
    pub overdue: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionView {
    pub id: String,
    pub department: String,
    pub matter: String,
    pub content: String,
    pub basis: String,
    pub resources: Vec<Resource>,
    pub resource_labels: Vec<&'static str>,
    pub resources_note: String,
    pub level: TargetLevel,
    pub level_label: &'static str,
    pub unit_ids: Vec<String>,
    pub unit_names: Vec<String>,
    pub term: Term,
    pub term_label: &'static str,
    pub end_date: Option<String>,
    pub step: AdmissionStep,
    pub step_label: &'static str,
    pub applied_on: String,
    pub reviewed_on: Option<String>,
    pub review_opinion: String,
    pub approved_on: Option<String>,
    pub approving_body: String,
    pub document_number: String,
    pub entered_on: Option<String>,
    pub exited_on: Option<String>,
    pub exit_reason: String,
    pub refused_on: Option<String>,
    pub refusal_reason: String,
    pub events: Vec<Event>,
    pub note: String,
    /// In force as of the day the list was asked for.
    pub in_force: bool,
    /// 应退出 as of that day.
    pub overdue_exit: bool,
    pub created_at: String,
    pub updated_at: String,
    /// What the user may do next, decided here: the UI offers these and no other.
    pub moves: Vec<MoveOption>,
}

fn view(a: Admission, names: &HashMap<String, String>, today: NaiveDate) -> AdmissionView {
    AdmissionView {
        moves: FLOW.moves_after(a.step.as_str(), a.events.last().map(|e| e.date.as_str())),
        in_force: a.in_force(today),
        overdue_exit: a.overdue_exit(today),
        resource_labels: a.resources.iter().map(|r| r.label()).collect(),
        level_label: a.level.label(),
        term_label: a.term.label(),
        step_label: a.step.label(),
        unit_names: a
            .unit_ids
            .iter()
            .map(|u| names.get(u).cloned().unwrap_or_default())
            .collect(),
        id: a.id,
        department: a.department,
        matter: a.matter,
        content: a.content,
        basis: a.basis,
        resources: a.resources,
        resources_note: a.resources_note,
        level: a.level,
        unit_ids: a.unit_ids,
        term: a.term,
        end_date: a.end_date,
        step: a.step,
        applied_on: a.applied_on,
        reviewed_on: a.reviewed_on,
        review_opinion: a.review_opinion,
        approved_on: a.approved_on,
        approving_body: a.approving_body,
        document_number: a.document_number,
        entered_on: a.entered_on,
        exited_on: a.exited_on,
        exit_reason: a.exit_reason,
        refused_on: a.refused_on,
        refusal_reason: a.refusal_reason,
        events: a.events,
        note: a.note,
        created_at: a.created_at,
        updated_at: a.updated_at,
    }
}

/// The admissions matching `q`, as of `today` (for 应退出): by step, then newest
/// application first.
pub fn admissions(
    conn: &Connection,
    q: &AdmissionQuery,
    today: NaiveDate,
) -> Result<Vec<AdmissionView>> {
    let step = (!q.step.trim().is_empty())
        .then(|| AdmissionStep::parse(&q.step))
        .transpose()?;
    let term = (!q.term.trim().is_empty())
        .then(|| Term::parse(&q.term))
        .transpose()?;
    let department = q.department.trim();
    let text = q.text.trim();
    let names = hierarchy::names(conn)?;
    let mut list: Vec<Admission> = ledger::list::<Admission>(conn)?
        .into_iter()
        .filter(|a| step.is_none_or(|s| a.step == s))
        .filter(|a| term.is_none_or(|t| a.term == t))
        .filter(|a| department.is_empty() || a.department == department)
        .filter(|a| !q.overdue || a.overdue_exit(today))
        .filter(|a| {
            text.is_empty()
                || a.matter.contains(text)
                || a.department.contains(text)
                || a.content.contains(text)
        })
        .collect();
    list.sort_by(|a, b| {
        a.step
            .cmp(&b.step)
            .then_with(|| b.applied_on.cmp(&a.applied_on))
            .then_with(|| a.matter.cmp(&b.matter))
    });
    Ok(list.into_iter().map(|a| view(a, &names, today)).collect())
}

pub fn admission(conn: &Connection, id: &str, today: NaiveDate) -> Result<AdmissionView> {
    let a: Admission = ledger::get(conn, id)?;
    Ok(view(a, &hierarchy::names(conn)?, today))
}

/// One count of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: usize,
}

/// The list's counts: by step, by department, short vs long term, and how many
/// are 应退出 and in force as of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionCounts {
    pub total: usize,
    pub by_step: Vec<Count>,
    pub by_department: Vec<Count>,
    pub by_term: Vec<Count>,
    pub in_force: usize,
    pub overdue_exit: usize,
}

pub fn admission_counts(conn: &Connection, today: NaiveDate) -> Result<AdmissionCounts> {
    let all = ledger::list::<Admission>(conn)?;
    let by_step = AdmissionStep::ALL
        .iter()
        .map(|s| Count {
            key: s.as_str().into(),
            label: s.label().into(),
            count: all.iter().filter(|a| a.step == *s).count(),
        })
        .collect();
    let by_term = Term::ALL
        .iter()
        .map(|t| Count {
            key: t.as_str().into(),
            label: t.label().into(),
            count: all.iter().filter(|a| a.term == *t).count(),
        })
        .collect();
    let mut departments: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &all {
        *departments.entry(a.department.as_str()).or_default() += 1;
    }
    let mut by_department: Vec<Count> = departments
        .into_iter()
        .map(|(d, n)| Count {
            key: d.into(),
            label: d.into(),
            count: n,
        })
        .collect();
    by_department.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    Ok(AdmissionCounts {
        total: all.len(),
        by_step,
        by_department,
        by_term,
        in_force: all.iter().filter(|a| a.in_force(today)).count(),
        overdue_exit: all.iter().filter(|a| a.overdue_exit(today)).count(),
    })
}

/// A matter in force on a unit (村/社区 or grid) as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InForceTarget {
    pub unit_id: String,
    pub matter: String,
    pub admission_id: String,
}

/// The grid-level matters in force as of `as_of` (entered on or before it, not
/// exited on or before it), one row per target unit: what the grid-matter load
/// counts on grids. Township-level matters are not on any grid.
pub fn in_force_targets(conn: &Connection, as_of: NaiveDate) -> Result<Vec<InForceTarget>> {
    let mut out: Vec<InForceTarget> = ledger::list::<Admission>(conn)?
        .into_iter()
        .filter(|a| a.level == TargetLevel::Grid && a.in_force(as_of))
        .flat_map(|a| {
            a.unit_ids
                .iter()
                .map(|u| InForceTarget {
                    unit_id: u.clone(),
                    matter: a.matter.clone(),
                    admission_id: a.id.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by(|a, b| a.unit_id.cmp(&b.unit_id).then(a.matter.cmp(&b.matter)));
    Ok(out)
}

/// The admitted matters in force on `as_of` as the grid-matter load counts them
/// ([`crate::gridmatters::FindOutsideMatters`]): a grid-level matter on each of its
/// villages and grids, from 进入 until 退出.
pub fn outside_matters(
    conn: &Connection,
    as_of: NaiveDate,
) -> Result<Vec<crate::gridmatters::OutsideMatter>> {
    Ok(in_force_targets(conn, as_of)?
        .into_iter()
        .map(|t| crate::gridmatters::OutsideMatter {
            unit_id: t.unit_id,
            name: format!("{}（准入）", t.matter),
        })
        .collect())
}

/// The stored admission of `department` named `matter`, if any.
pub(crate) fn find_by_name(
    conn: &Connection,
    department: &str,
    matter: &str,
) -> Result<Option<Admission>> {
    let department = department.trim();
    Ok(
        ledger::list_by_json::<Admission>(conn, "$.matter", matter.trim())?
            .into_iter()
            .find(|a| a.department == department),
    )
}

use crate::base::error::take;

/// The record's own fields checked (not its step, which only moves change), every
/// problem at once.
pub(crate) fn checked_admission(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Admission>,
    input: &AdmissionInput,
) -> Result<Admission> {
    // Every field's problem at once (the form and an import row said them one at a
    // time), then the record.
    let mut problems: Vec<Error> = Vec::new();
    let p = &mut problems;
    let department = take(p, required("department", "申请部门", &input.department, 60));
    let matter = take(p, required("matter", "事项名称", &input.matter, 100));
    let content = take(p, text_field("content", "事项内容", &input.content, 2000));
    let basis = take(p, text_field("basis", "依据", &input.basis, 2000));
    let mut resources = Vec::new();
    for r in &input.resources {
        if r.trim().is_empty() {
            continue;
        }
        if let Some(r) = take(p, Resource::parse(r)) {
            if !resources.contains(&r) {
                resources.push(r);
            }
        }
    }
    resources.sort();
    let resources_note = take(
        p,
        text_field("resourcesNote", "下沉说明", &input.resources_note, 500),
    );
    let level = take(p, TargetLevel::parse(&input.level));
    let mut unit_ids = Vec::new();
    if level == Some(TargetLevel::Grid) {
        for id in &input.unit_ids {
            let Some(u) = take(
                p,
                hierarchy::get(conn, id).map_err(|_| {
                    Error::validation("unitIds", "所选的村/社区或网格有的已不存在，请刷新后再选。")
                }),
            ) else {
                continue;
            };
            if u.kind == UnitKind::Compound {
                p.push(Error::validation(
                    "unitIds",
                    format!("“{}”是小区，请选择村/社区或网格。", u.name),
                ));
            } else if !unit_ids.contains(&u.id) {
                unit_ids.push(u.id);
            }
        }
        if unit_ids.is_empty() && !p.iter().any(|e| e.field() == Some("unitIds")) {
            p.push(Error::validation(
                "unitIds",
                "网格层面的事项请选择落到哪些村/社区或网格。",
            ));
        }
    }
    let term = take(p, Term::parse(&input.term));
    let end_date = take(p, date_field("endDate", "截止日期", &input.end_date)).flatten();
    let applied_on = match take(p, date_field("appliedOn", "申请日期", &input.applied_on)).flatten()
    {
        Some(d) => d,
        None => before.map_or_else(|| ctx.today().to_string(), |b| b.applied_on.clone()),
    };
    // Dated after today, its steps could only follow that day: an item applied
    // 2026-12-08 on the 6th could not be 审批 until then.
    take(
        p,
        check_not_future("appliedOn", "申请日期", Some(&applied_on), ctx.today()),
    );
    let end_date = match term {
        Some(Term::Short) => match end_date {
            None => {
                p.push(Error::validation(
                    "endDate",
                    "短期事项请填写截止日期（到期应退出）。",
                ));
                None
            }
            Some(e) if e < applied_on => {
                p.push(Error::validation(
                    "endDate",
                    format!("截止日期 {e} 不能早于申请日期 {applied_on}。"),
                ));
                None
            }
            e => e,
        },
        _ => None,
    };
    if let Some(next) = before.and_then(|b| b.events.get(1)) {
        if applied_on > next.date {
            p.push(Error::validation(
                "appliedOn",
                format!("申请日期不能晚于下一步的日期 {}。", next.date),
            ));
        }
    }
    let note = take(p, text_field("note", "备注", &input.note, 500));
    let except = before.map_or("", |b| b.id.as_str());
    if let (Some(department), Some(matter)) = (&department, &matter) {
        if let Some(other) = find_by_name(conn, department, matter)? {
            if other.id != except {
                p.push(Error::Conflict {
                    field: Some("matter"),
                    message: format!("{department}已经申请过名为“{matter}”的准入事项。"),
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::from_problems(problems));
    }
    let (
        Some(department),
        Some(matter),
        Some(content),
        Some(basis),
        Some(resources_note),
        Some(level),
        Some(term),
        Some(note),
    ) = (
        department,
        matter,
        content,
        basis,
        resources_note,
        level,
        term,
        note,
    )
    else {
        return Err(Error::Internal("准入事项的检查没有完成".into()));
    };
    let now = ctx.stamp();
    let mut a = match before {
        Some(b) => b.clone(),
        None => Admission {
            id: new_id(),
            owner_code: office::require(conn)?.code,
            step: AdmissionStep::Applied,
            events: vec![Event {
                date: applied_on.clone(),
                from: None,
                to: AdmissionStep::Applied,
                reason: "提交申请".into(),
                recorded_at: now.clone(),
            }],
            created_at: now.clone(),
            ..Default::default()
        },
    };
    if let Some(first) = a.events.first_mut() {
        if first.from.is_none() {
            first.date = applied_on.clone();
        }
    }
    a.department = department;
    a.matter = matter;
    a.content = content;
    a.basis = basis;
    a.resources = resources;
    a.resources_note = resources_note;
    a.level = level;
    a.unit_ids = unit_ids;
    a.term = term;
    a.end_date = end_date;
    a.applied_on = applied_on;
    a.note = note;
    a.updated_at = now;
    Ok(a)
}

pub fn create_admission(tx: &Tx, input: &AdmissionInput) -> Result<AdmissionView> {
    let a = ledger::upsert(tx, None, input, checked_admission)?;
    admission(tx, &a.id, tx.ctx.today())
}

pub fn update_admission(tx: &Tx, id: &str, input: &AdmissionInput) -> Result<AdmissionView> {
    ledger::upsert(tx, Some(id), input, checked_admission)?;
    admission(tx, id, tx.ctx.today())
}

/// Deletes an admission into the recycle bin.
pub fn delete_admission(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<Admission>(tx, id)
}

/// A move asked for: the step, its date (default today), a reason (going back, a
/// refusal) and what the step needs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Move {
    pub to: String,
    pub date: String,
    pub reason: String,
    /// 审核意见.
    pub opinion: String,
    /// 审批机关.
    pub approving_body: String,
    /// 批准文号.
    pub document_number: String,
    /// 退出原因.
    pub exit_reason: String,
}

/// Clears what the steps after `to` recorded (going back).
fn undo_after(a: &mut Admission, to: AdmissionStep) {
    if to < AdmissionStep::Exited {
        a.exited_on = None;
        a.exit_reason.clear();
    }
    if to < AdmissionStep::Entered {
        a.entered_on = None;
    }
    if to < AdmissionStep::Approved {
        a.approved_on = None;
        a.approving_body.clear();
        a.document_number.clear();
    }
    if to < AdmissionStep::Reviewed {
        a.reviewed_on = None;
        a.review_opinion.clear();
    }
}

/// Moves an admission by the rules of [`FLOW`]: forward one step at a time with
/// what the step needs, a refusal at 审核 (from 已申请) or 审批 (from 已审核) with
/// its reason, back to an earlier step with a reason; dated (default today) not
/// before the previous step, and kept in the timeline.
pub fn move_to(tx: &Tx, id: &str, m: &Move) -> Result<AdmissionView> {
    let mut a: Admission = ledger::get(tx, id)?;
    let to = AdmissionStep::parse(&m.to).map_err(|_| {
        Error::validation(
            "to",
            format!(
                "准入步骤“{}”无法识别，可填：{}。",
                m.to.trim(),
                AdmissionStep::labels()
            ),
        )
    })?;
    let today = tx.ctx.today().to_string();
    let date = date_field("date", "日期", &m.date)?.unwrap_or_else(|| today.clone());
    let reason = text_field("reason", "原因", &m.reason, 500)?;
    let opinion = text_field("opinion", "审核意见", &m.opinion, 1000)?;
    let approving_body = text_field("approvingBody", "审批机关", &m.approving_body, 60)?;
    let document_number = text_field("documentNumber", "批准文号", &m.document_number, 60)?;
    let exit_reason = text_field("exitReason", "退出原因", &m.exit_reason, 500)?;
    let given = |field: &str| match field {
        "opinion" => !opinion.is_empty(),
        "approvingBody" => !approving_body.is_empty(),
        "documentNumber" => !document_number.is_empty(),
        "exitReason" => !exit_reason.is_empty(),
        _ => false,
    };
    let from = a.step;
    let t = FLOW.check(&Attempt {
        subject: &a.summary(),
        from: from.as_str(),
        to: to.as_str(),
        date: &date,
        last_date: a.events.last().map(|e| e.date.as_str()),
        // A step has happened: not dated after today (a 审核 on 12-10 entered on the
        // 6th left the item unable to move until then).
        today: Some(today.as_str()),
        reason: &reason,
        given: &given,
    })?;
    let mut reason = reason;
    if t.back {
        // What the undone steps recorded stays in the timeline, in the step that
        // undid them (the admission's own fields are cleared).
        let mut cleared = Vec::new();
        if to < AdmissionStep::Reviewed {
            cleared.push(("审核意见", a.review_opinion.as_str()));
        }
        if to < AdmissionStep::Approved {
            cleared.push(("审批机关", a.approving_body.as_str()));
            cleared.push(("批准文号", a.document_number.as_str()));
        }
        if to < AdmissionStep::Exited {
            cleared.push(("退出原因", a.exit_reason.as_str()));
        }
        reason = crate::base::steps::reason_keeping(&reason, &cleared);
        undo_after(&mut a, to);
    } else {
        match to {
            AdmissionStep::Reviewed => {
                a.reviewed_on = Some(date.clone());
                a.review_opinion = opinion;
            }
            AdmissionStep::Approved => {
                a.approved_on = Some(date.clone());
                a.approving_body = approving_body;
                a.document_number = document_number;
            }
            AdmissionStep::Entered => {
                // A short-term matter past its 截止日期 admits nothing: it would be
                // 已进入 and 应退出 at once, its exit not datable on the deadline.
                if let Some(end) = a
                    .end_date
                    .as_ref()
                    .filter(|end| date.as_str() > end.as_str())
                {
                    return Err(Error::validation(
                        "date",
                        format!("准予进入的日期 {date} 晚于这项短期事项的截止日期 {end}：到期的事项不能再进入。确需进入，请先把截止日期改为新的期限，或改按长期事项办理。"),
                    ));
                }
                a.entered_on = Some(date.clone())
            }
            AdmissionStep::Exited => {
                a.exited_on = Some(date.clone());
                a.exit_reason = exit_reason;
            }
            AdmissionStep::RefusedReview | AdmissionStep::RefusedApproval => {
                a.refused_on = Some(date.clone());
                a.refusal_reason = reason.clone();
            }
            AdmissionStep::Applied => {}
        }
    }
    a.events.push(Event {
        date,
        from: Some(from),
        to,
        reason,
        recorded_at: tx.ctx.stamp(),
    });
    a.step = to;
    a.updated_at = tx.ctx.stamp();
    ledger::save(tx, &a)?;
    admission(tx, id, tx.ctx.today())
}

/// Where an imported row says an admission stands, with each step's date and
/// what it recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedState {
    pub step: AdmissionStep,
    pub reviewed_on: Option<String>,
    pub review_opinion: String,
    pub approved_on: Option<String>,
    pub approving_body: String,
    pub document_number: String,
    pub entered_on: Option<String>,
    pub exited_on: Option<String>,
    pub exit_reason: String,
    pub refused_on: Option<String>,
    pub refusal_reason: String,
}

impl ImportedState {
    /// The date the row gives for reaching `s`.
    fn date_of(&self, s: AdmissionStep, applied_on: &str) -> Option<String> {
        match s {
            AdmissionStep::Applied => Some(applied_on.to_string()),
            AdmissionStep::Reviewed => self.reviewed_on.clone(),
            AdmissionStep::Approved => self.approved_on.clone(),
            AdmissionStep::Entered => self.entered_on.clone(),
            AdmissionStep::Exited => self.exited_on.clone(),
            _ => self.refused_on.clone(),
        }
    }

    /// The same rules a step-by-step admission meets: each step reached has its
    /// date and what it needs, dates in order. Errors name the field (the column).
    pub fn check(&self, applied_on: &str, today: chrono::NaiveDate) -> Result<()> {
        use AdmissionStep::*;
        let path = self.step.path();
        let need = |ok: bool, field: &'static str, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(Error::validation(
                    field,
                    format!("状态为“{}”的准入事项要填写{what}。", self.step.label()),
                ))
            }
        };
        let mut last = applied_on.to_string();
        for s in &path {
            match s {
                Applied => {}
                Reviewed => {
                    need(self.reviewed_on.is_some(), "reviewedOn", "审核日期")?;
                    need(!self.review_opinion.is_empty(), "reviewOpinion", "审核意见")?;
                }
                Approved => {
                    need(self.approved_on.is_some(), "approvedOn", "审批日期")?;
                    need(!self.approving_body.is_empty(), "approvingBody", "审批机关")?;
                    need(
                        !self.document_number.is_empty(),
                        "documentNumber",
                        "批准文号",
                    )?;
                }
                Entered => need(self.entered_on.is_some(), "enteredOn", "进入（生效）日期")?,
                Exited => {
                    need(self.exited_on.is_some(), "exitedOn", "退出日期")?;
                    need(!self.exit_reason.is_empty(), "exitReason", "退出原因")?;
                }
                RefusedReview | RefusedApproval => {
                    need(self.refused_on.is_some(), "refusedOn", "不予通过日期")?;
                    need(
                        !self.refusal_reason.is_empty(),
                        "refusalReason",
                        "不予通过原因",
                    )?;
                }
            }
            let d = self.date_of(*s, applied_on).unwrap_or_default();
            let field = match s {
                Applied => "appliedOn",
                Reviewed => "reviewedOn",
                Approved => "approvedOn",
                Entered => "enteredOn",
                Exited => "exitedOn",
                _ => "refusedOn",
            };
            check_not_future(field, &format!("“{}”的日期", s.label()), Some(&d), today)?;
            if d < last {
                let field = match s {
                    Reviewed => "reviewedOn",
                    Approved => "approvedOn",
                    Entered => "enteredOn",
                    Exited => "exitedOn",
                    _ => "refusedOn",
                };
                return Err(Error::validation(
                    field,
                    format!("“{}”的日期 {d} 不能早于上一步的日期 {last}。", s.label()),
                ));
            }
            last = d;
        }
        // What a step off the path records would be dropped without a word.
        let off: [(&'static str, bool, &[AdmissionStep], &str); 10] = [
            (
                "reviewedOn",
                self.reviewed_on.is_some(),
                &[Reviewed],
                "审核日期",
            ),
            (
                "reviewOpinion",
                !self.review_opinion.is_empty(),
                &[Reviewed],
                "审核意见",
            ),
            (
                "approvedOn",
                self.approved_on.is_some(),
                &[Approved],
                "审批日期",
            ),
            (
                "approvingBody",
                !self.approving_body.is_empty(),
                &[Approved],
                "审批机关",
            ),
            (
                "documentNumber",
                !self.document_number.is_empty(),
                &[Approved],
                "批准文号",
            ),
            (
                "enteredOn",
                self.entered_on.is_some(),
                &[Entered],
                "进入（生效）日期",
            ),
            ("exitedOn", self.exited_on.is_some(), &[Exited], "退出日期"),
            (
                "exitReason",
                !self.exit_reason.is_empty(),
                &[Exited],
                "退出原因",
            ),
            (
                "refusedOn",
                self.refused_on.is_some(),
                &[RefusedReview, RefusedApproval],
                "不予通过日期",
            ),
            (
                "refusalReason",
                !self.refusal_reason.is_empty(),
                &[RefusedReview, RefusedApproval],
                "不予通过原因",
            ),
        ];
        if let Some((field, _, steps, label)) = off
            .iter()
            .find(|(_, filled, steps, _)| *filled && !steps.iter().any(|s| path.contains(s)))
        {
            return Err(Error::validation(
                field,
                format!(
                    "状态为“{}”的准入事项没有经过“{}”这一步：{label}不填；如已经过，请把状态改成相应的一步。",
                    self.step.label(),
                    steps[0].label()
                ),
            ));
        }
        Ok(())
    }
}

/// Sets an imported admission's step and what each step recorded. A change of
/// step is recorded in the timeline as coming from the sheet, one entry per step.
pub(crate) fn import_state(tx: &Tx, id: &str, s: &ImportedState) -> Result<()> {
    let before: Admission = ledger::get(tx, id)?;
    let mut a = before.clone();
    s.check(&a.applied_on, tx.ctx.today())?;
    set_state(&mut a, s, &tx.ctx.stamp());
    if !ledger::same(&before, &a) {
        a.updated_at = tx.ctx.stamp();
        ledger::save_known(tx, Some(&before), &a)?;
    }
    Ok(())
}

/// Stored admission `id` and what an imported row would make of it, told without
/// writing; `None` when the row would be refused.
pub(crate) fn import_result(
    conn: &Connection,
    id: &str,
    input: &AdmissionInput,
    s: &ImportedState,
    today: chrono::NaiveDate,
) -> Option<(Admission, Admission)> {
    let before = ledger::get::<Admission>(conn, id).ok()?;
    let ctx = crate::sheets::rows::ctx_for(today);
    let mut after = checked_admission(conn, &ctx, Some(&before), input).ok()?;
    s.check(&after.applied_on, today).ok()?;
    set_state(&mut after, s, "");
    Some((before, after))
}

/// An imported row's state onto admission `a` (a new timeline entry recorded at
/// `stamp`).
fn set_state(a: &mut Admission, s: &ImportedState, stamp: &str) {
    if a.step != s.step {
        let done = a.step.path();
        let steps: Vec<AdmissionStep> = if s.step.path().starts_with(&done) {
            s.step.path().split_off(done.len())
        } else {
            vec![s.step]
        };
        for st in steps {
            a.events.push(Event {
                date: s.date_of(st, &a.applied_on).unwrap_or_default(),
                from: Some(a.step),
                to: st,
                reason: "由 Excel 导入".into(),
                recorded_at: stamp.into(),
            });
            a.step = st;
        }
    }
    let reached = |x: AdmissionStep| s.step.path().contains(&x);
    let keep = |on: &Option<String>, x: AdmissionStep| on.clone().filter(|_| reached(x));
    a.reviewed_on = keep(&s.reviewed_on, AdmissionStep::Reviewed);
    a.review_opinion = if reached(AdmissionStep::Reviewed) {
        s.review_opinion.clone()
    } else {
        String::new()
    };
    a.approved_on = keep(&s.approved_on, AdmissionStep::Approved);
    let approved = reached(AdmissionStep::Approved);
    a.approving_body = if approved {
        s.approving_body.clone()
    } else {
        String::new()
    };
    a.document_number = if approved {
        s.document_number.clone()
    } else {
        String::new()
    };
    a.entered_on = keep(&s.entered_on, AdmissionStep::Entered);
    a.exited_on = keep(&s.exited_on, AdmissionStep::Exited);
    a.exit_reason = if reached(AdmissionStep::Exited) {
        s.exit_reason.clone()
    } else {
        String::new()
    };
    if s.step.is_refused() {
        a.refused_on = s.refused_on.clone();
        a.refusal_reason = s.refusal_reason.clone();
    } else {
        a.refused_on = None;
        a.refusal_reason.clear();
    }
}

/// What is attached to a unit from this module (for refusing its deletion).
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::list::<Admission>(conn)?
        .iter()
        .filter(|a| a.unit_ids.iter().any(|u| u == unit_id))
        .count();
    Ok((n > 0).then(|| format!("{n} 个准入事项")))
}

pub static ADMISSIONS: Def = Def {
    fields: &[("unitIds", "落实的村/网格"), ("events", "办理记录")],
    blocks_unit_delete: Some(attached_to),
    imports: &[&Sheet::<sheets::Admissions>::NEW],
    exports: &[Export::of::<sheets::Admissions>(sheets::export_rows).dated_by(&["appliedOn"])],
    report_keys: &[
        "admission.applied",
        "admission.approved",
        "admission.refused",
        "admission.in_force",
        "admission.overdue_exit",
    ],
    // A village or grid it is carried out in may have gone while it was in the bin;
    // the department may have applied for the matter again meanwhile (a restore made
    // two, which the form refuses and the export no longer imported).
    restore: |tx, v| {
        ledger::restore_checked::<Admission>(tx, v, |c, a| {
            if let Some(other) = find_by_name(c, &a.department, &a.matter)? {
                if other.id != a.id {
                    return Err(Error::Conflict {
                        field: Some("matter"),
                        message: format!(
                            "不能恢复：{}已经有名为“{}”的准入事项，恢复后会有两个。请先把现有的那个改名或删除，再恢复这一条。",
                            a.department, a.matter
                        ),
                    });
                }
            }
            a.unit_ids.iter().try_for_each(|id| {
                crate::hierarchy::restore_needs(c, &a.summary(), "落实的村/网格", id)
            })
        })
    },
    ..Def::ledger::<Admission>()
};
