//! 首页's reminders: what is due this week or overdue — demands by their 办理时限,
//! meeting follow-ups by their 完成时限, co-building projects by their planned start
//! and end, 准入事项 due to exit by their 截止日期, 整改事项 by their 整改期限, 调度任务
//! by their 完成时限 and the month's unreported ones in the week it ends — each
//! with what the UI needs to open its record in one click. `today` is passed in;
//! nothing here reads the clock.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::admissions::{Admission, Term};
use crate::base::error::Result;
use crate::cobuild::{Project, ProjectStatus};
use crate::demands::Demand;
use crate::party::FollowUpStatus;
use crate::store::ledger;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// `demand`, `follow_up` (a 联席会议 decision), `working_follow_up` (a 协调机制
    /// 工作会议 decision), `project`, `admission` (a 准入事项 due to exit),
    /// `rectification` (a 整改事项) or `committee_term` (a committee's members whose
    /// 任期 ends: the committee, once a day), `task` (a 调度任务 not done by its 完成时限)
    /// or `task_report` (the month's tasks not yet reported, in the week it ends; no
    /// record).
    pub kind: &'static str,
    /// The record to open: the demand, the meeting, the project.
    pub record_id: String,
    /// The follow-up's own id (its decision), else "".
    pub item_id: String,
    /// What a clerk knows it by: the demand's or project's title, the decision.
    pub title: String,
    /// Where it comes from, in words: 诉求, 联席会议（2026-11-02）, 共建项目 …
    pub source: String,
    /// Which date is due: 办理时限, 完成时限, 计划开始, 计划完成.
    pub due_label: &'static str,
    pub due_on: String,
    /// Past its date as of today.
    pub overdue: bool,
    /// Days past the date (positive) or left until it (negative or 0).
    pub days_late: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminders {
    /// This week, Monday to Sunday, around `today`.
    pub week_start: String,
    pub week_end: String,
    /// Overdue first (the longest overdue first), then by date.
    pub items: Vec<Reminder>,
    pub overdue: usize,
    pub due_this_week: usize,
}

fn day(s: Option<&str>) -> Option<NaiveDate> {
    s.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Everything open that is overdue or due by the end of `today`'s week.
pub fn reminders(conn: &Connection, today: NaiveDate) -> Result<Reminders> {
    let week_start = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let week_end = week_start + Duration::days(6);
    let mut items = Vec::new();
    let mut push = |kind,
                    record_id: &str,
                    item_id: &str,
                    title: &str,
                    source: String,
                    due_label,
                    due: NaiveDate| {
        if due > week_end {
            return;
        }
        items.push(Reminder {
            kind,
            record_id: record_id.to_string(),
            item_id: item_id.to_string(),
            title: title.to_string(),
            source,
            due_label,
            due_on: due.to_string(),
            overdue: due < today,
            days_late: (today - due).num_days(),
        });
    };
    for d in ledger::list::<Demand>(conn)? {
        if d.is_resolved() {
            continue;
        }
        if let Some(due) = day(d.deadline.as_deref()) {
            push(
                "demand",
                &d.id,
                "",
                &d.title,
                "诉求".into(),
                "办理时限",
                due,
            );
        }
    }
    // The open decisions of joint meetings (联席会议) and working meetings (工作组会议):
    // (kind, source label, meeting id, held on, decisions).
    let joint = ledger::list::<crate::party::Meeting>(conn)?
        .into_iter()
        .map(|m| ("follow_up", "联席会议", m.id, m.held_on, m.decisions));
    let working = ledger::list::<crate::demands::WorkingMeeting>(conn)?
        .into_iter()
        .map(|m| {
            (
                "working_follow_up",
                "工作组会议",
                m.id,
                m.held_on,
                m.decisions,
            )
        });
    for (kind, label, id, held_on, decisions) in joint.chain(working) {
        for x in decisions
            .iter()
            .filter(|x| x.status == FollowUpStatus::Open)
        {
            if let Some(due) = day(x.due_on.as_deref()) {
                let source = format!("{label}（{held_on}）");
                push(kind, &id, &x.id, &x.decision, source, "完成时限", due);
            }
        }
    }
    for p in ledger::list::<Project>(conn)? {
        let end = day(p.planned_end.as_deref()).filter(|_| p.status < ProjectStatus::Completed);
        let start =
            day(p.planned_start.as_deref()).filter(|_| p.status < ProjectStatus::InProgress);
        // The end, when it is due, says more than the start.
        match (end, start) {
            (Some(e), _) if e <= week_end => push(
                "project",
                &p.id,
                "",
                &p.title,
                "共建项目".into(),
                "计划完成",
                e,
            ),
            (_, Some(s)) => push(
                "project",
                &p.id,
                "",
                &p.title,
                "共建项目".into(),
                "计划开始",
                s,
            ),
            _ => {}
        }
    }
    // 准入事项 due to exit (应退出): short-term, in force, its 截止日期 this week or
    // past. Due on the end date itself; overdue from the day after, as
    // `Admission::overdue_exit` counts it.
    for a in ledger::list::<Admission>(conn)? {
        if a.term != Term::Short || !a.in_force(today) {
            continue;
        }
        if let Some(end) = day(a.end_date.as_deref()) {
            push(
                "admission",
                &a.id,
                "",
                &a.matter,
                format!("准入事项（{}）", a.department),
                "截止日期（应退出）",
                end,
            );
        }
    }
    // 整改事项 by their 整改期限, those supervised (督办) named so.
    for r in crate::scores::rectification_items(conn)? {
        if !crate::scores::is_open(&r, today) {
            continue;
        }
        if let Some(due) = day(r.deadline.as_deref()) {
            let source = if r.supervised_office.is_empty() {
                format!("整改事项（{}）", r.notice)
            } else {
                format!("整改事项（督办{}）", r.supervised_office)
            };
            push("rectification", &r.id, "", &r.item, source, "整改期限", due);
        }
    }
    // A committee's members whose 任期 ends this week, or ended in the last 90 days
    // (换届 or a longer term to enter): one line a committee and day (probe Z: the
    // terms ending 2026-12-31 were not reminded, and 2027's cards still counted them).
    let committees: std::collections::HashMap<String, String> =
        ledger::list::<crate::party::Committee>(conn)?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
    let mut ending: std::collections::BTreeMap<(String, NaiveDate), usize> =
        std::collections::BTreeMap::new();
    for m in ledger::list::<crate::party::Member>(conn)? {
        if let Some(end) = day(m.term_end.as_deref()).filter(|e| (today - *e).num_days() <= 90) {
            *ending.entry((m.committee_id, end)).or_default() += 1;
        }
    }
    for ((committee, end), n) in ending {
        let name = committees.get(&committee).cloned().unwrap_or_default();
        push(
            "committee_term",
            &committee,
            "",
            &format!("{name}：{n} 名委员任期届满，请换届或延长任期"),
            "委员会".into(),
            "任期结束",
            end,
        );
    }
    // 调度任务 not done by their 完成时限; and, in the week a month ends, one line
    // for the tasks that month has no report of yet (进展 is reported month by month).
    let tasks = ledger::list::<crate::tasks::DispatchTask>(conn)?;
    let reports = ledger::list::<crate::tasks::TaskProgress>(conn)?;
    let by_task = crate::tasks::reports_by_task(&reports);
    let month = crate::tasks::month_of(today);
    let month_end =
        crate::base::period::Period::month(today.year(), today.month()).map_or(today, |m| m.to);
    let mut unreported = 0;
    for t in &tasks {
        let reports = by_task.get(t.id.as_str()).map_or(&[][..], Vec::as_slice);
        if crate::tasks::listed_from(t, reports) > today {
            continue;
        }
        let standing = crate::tasks::standing_on(t, reports, today);
        if standing.done {
            continue;
        }
        if !reports.iter().any(|p| p.month == month) {
            unreported += 1;
        }
        if let Some(due) = day(t.deadline.as_deref()) {
            let source = format!("调度任务（{}）", t.code);
            push("task", &t.id, "", &t.title, source, "完成时限", due);
        }
    }
    if unreported > 0 {
        push(
            "task_report",
            "",
            "",
            &format!(
                "{}还有 {unreported} 项调度任务没有报进展",
                crate::tasks::month_label(&month)
            ),
            "月调度".into(),
            "月底",
            month_end,
        );
    }
    items.sort_by(|a, b| {
        (!a.overdue, &a.due_on, a.kind, &a.title).cmp(&(!b.overdue, &b.due_on, b.kind, &b.title))
    });
    let overdue = items.iter().filter(|r| r.overdue).count();
    Ok(Reminders {
        week_start: week_start.to_string(),
        week_end: week_end.to_string(),
        due_this_week: items.len() - overdue,
        overdue,
        items,
    })
}
