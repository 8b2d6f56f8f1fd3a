//! 月调度 of the offices below (下级进展), the review side of the monthly dispatch:
//! every task number the received files' lists hold, with how each office stood on
//! it in a month, from the file held from it (as of the day that file was
//! exported). A file exported before the month began says nothing of the month:
//! its cells are 文件早于该月, not 未报.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::Result;
use crate::exchange::report::{as_of, held_records, offices_below_named};
use crate::tasks::{self, code_order, month_label, DispatchTask, TaskProgress};

/// One office's standing on one task in the month.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeTask {
    pub office_code: String,
    pub office_name: String,
    pub as_of: String,
    /// done / reported / missing / stale.
    pub state: &'static str,
    pub state_label: &'static str,
    /// The month's report's status, when it has one.
    pub status_label: Option<&'static str>,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub done_on: Option<String>,
    pub overdue: bool,
    pub behind: bool,
    /// Where the newest report before the month left it (2026年10月：滞后), for a
    /// cell without the month's own report.
    pub previous: Option<String>,
}

/// One task number, over the offices whose lists hold it.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskBelow {
    pub code: String,
    pub title: String,
    pub lead: String,
    pub deadline_text: String,
    pub done: usize,
    pub reported: usize,
    pub missing: usize,
    pub behind: usize,
    pub overdue: usize,
    pub stale: usize,
    /// The offices with a list that lacks this number.
    pub lacking: Vec<String>,
    pub offices: Vec<OfficeTask>,
}

/// An office below whose file is held.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeHeld {
    pub code: String,
    pub name: String,
    pub as_of: String,
    /// How many tasks its list has.
    pub tasks: usize,
    /// Its file was exported before the month began.
    pub stale: bool,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BelowSummary {
    pub tasks: usize,
    pub offices: usize,
    pub done: usize,
    pub reported: usize,
    pub missing: usize,
    pub behind: usize,
    pub overdue: usize,
    pub stale: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TasksBelow {
    pub month: String,
    pub month_label: String,
    pub months: Vec<String>,
    pub offices: Vec<OfficeHeld>,
    pub tasks: Vec<TaskBelow>,
    pub summary: BelowSummary,
}

/// Every task number of the offices below in `month` (empty: this month), read one
/// office at a time from its held file (two kinds of it, nothing else).
pub fn tasks_below(conn: &Connection, month: &str, today: NaiveDate) -> Result<TasksBelow> {
    let month = tasks::month_asked(month, today)?;
    let mut offices = Vec::new();
    let mut rows: BTreeMap<(Vec<(u64, String)>, String), TaskBelow> = BTreeMap::new();
    let mut reported_months: Vec<String> = Vec::new();
    // (office name, the codes its list holds), for what each list lacks.
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    for (snapshot, office, name, exported_at) in offices_below_named(conn)? {
        let day = as_of(&exported_at);
        let all: Vec<DispatchTask> = held_records(conn, &snapshot, &office, "dispatch_tasks")?;
        let reports: Vec<TaskProgress> = held_records(conn, &snapshot, &office, "task_progress")?;
        reported_months.extend(reports.iter().map(|p| p.month.clone()));
        let stale = tasks::month_of(day) < month;
        offices.push(OfficeHeld {
            code: office.clone(),
            name: name.clone(),
            as_of: day.to_string(),
            tasks: all.len(),
            stale,
        });
        if all.is_empty() {
            continue;
        }
        lists.push((name.clone(), all.iter().map(|t| t.code.clone()).collect()));
        for v in tasks::views_in(&all, &reports, &month, day) {
            let row = rows
                .entry((code_order(&v.code), v.code.clone()))
                .or_insert_with(|| TaskBelow {
                    code: v.code.clone(),
                    title: v.title.clone(),
                    lead: v.lead.clone(),
                    deadline_text: v.deadline_text.clone(),
                    ..TaskBelow::default()
                });
            let (state, state_label) = if stale {
                ("stale", "文件早于该月")
            } else {
                (v.state, v.state_label)
            };
            match state {
                "done" => row.done += 1,
                "reported" => row.reported += 1,
                "missing" => row.missing += 1,
                _ => row.stale += 1,
            }
            let p = v.progress.as_ref().filter(|_| !stale);
            let behind = !stale && v.behind;
            let overdue = !stale && v.overdue;
            row.behind += usize::from(behind);
            row.overdue += usize::from(overdue);
            row.offices.push(OfficeTask {
                office_code: office.clone(),
                office_name: name.clone(),
                as_of: day.to_string(),
                state,
                state_label,
                status_label: p.map(|p| p.status_label),
                progress: p.map(|p| p.progress.clone()).unwrap_or_default(),
                problems: p.map(|p| p.problems.clone()).unwrap_or_default(),
                next_steps: p.map(|p| p.next_steps.clone()).unwrap_or_default(),
                done_on: if stale { None } else { v.done_on.clone() },
                overdue,
                behind,
                previous: v
                    .previous
                    .as_ref()
                    .map(|p| format!("{}：{}", p.month_label, p.status_label)),
            });
        }
    }
    let mut tasks_out: Vec<TaskBelow> = rows.into_values().collect();
    let mut summary = BelowSummary {
        tasks: tasks_out.len(),
        offices: offices.len(),
        ..BelowSummary::default()
    };
    for t in &mut tasks_out {
        t.lacking = lists
            .iter()
            .filter(|(_, codes)| !codes.contains(&t.code))
            .map(|(name, _)| name.clone())
            .collect();
        summary.done += t.done;
        summary.reported += t.reported;
        summary.missing += t.missing;
        summary.behind += t.behind;
        summary.overdue += t.overdue;
        summary.stale += t.stale;
    }
    Ok(TasksBelow {
        month_label: month_label(&month),
        months: tasks::months_offered(today, &month, reported_months.iter().map(String::as_str)),
        offices,
        tasks: tasks_out,
        summary,
        month,
    })
}
