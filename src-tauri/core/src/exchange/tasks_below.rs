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
    /// How many offices stand in each state.
    #[serde(flatten)]
    pub counts: Counts,
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

/// Office-task cells by state (滞后 and 逾期 lie across the others).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub done: usize,
    pub reported: usize,
    pub missing: usize,
    pub behind: usize,
    pub overdue: usize,
    pub stale: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.done += o.done;
        self.reported += o.reported;
        self.missing += o.missing;
        self.behind += o.behind;
        self.overdue += o.overdue;
        self.stale += o.stale;
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BelowSummary {
    pub tasks: usize,
    pub offices: usize,
    #[serde(flatten)]
    pub counts: Counts,
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
            let n = &mut row.counts;
            match state {
                "done" => n.done += 1,
                "reported" => n.reported += 1,
                "missing" => n.missing += 1,
                _ => n.stale += 1,
            }
            let p = v.progress.as_ref().filter(|_| !stale);
            let behind = !stale && v.behind;
            let overdue = !stale && v.overdue;
            n.behind += usize::from(behind);
            n.overdue += usize::from(overdue);
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
        summary.counts.add(&t.counts);
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

use crate::sheets::import::{col, Column};

/// The columns of [`export_tasks_below`]: one row an office and task, to filter by
/// 本月状态 or 单位 in Excel.
static BELOW_COLUMNS: [Column; 14] = [
    col("code", "任务编号", &[], false, true, "", 9.0),
    col("title", "任务内容", &[], false, false, "", 36.0),
    col("lead", "牵头单位", &[], false, false, "", 14.0),
    col("deadline", "完成时限", &[], false, true, "", 11.0),
    col("office", "单位", &[], false, false, "", 12.0),
    col("officeCode", "区划代码", &[], false, true, "", 13.0),
    col("asOf", "数据截至", &[], false, true, "", 11.0),
    col("state", "本月状态", &[], false, false, "", 11.0),
    col("progress", "进展情况", &[], false, false, "", 36.0),
    col("problems", "存在问题", &[], false, false, "", 20.0),
    col("nextSteps", "下步打算", &[], false, false, "", 20.0),
    col("doneOn", "完成日期", &[], false, true, "", 11.0),
    col("overdue", "是否逾期", &[], false, false, "", 8.0),
    col("previous", "上次进展", &[], false, false, "", 16.0),
];

/// 下级进展 of `month` to Excel (月调度 meetings go through it on paper): every
/// office's cell of every task, the offices whose list lacks a task named as
/// 清单中没有. → rows written.
pub fn export_tasks_below(
    conn: &Connection,
    month: &str,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<usize> {
    crate::base::outfile::check_target(path, &["xlsx"], &[])?;
    let b = tasks_below(conn, month, today)?;
    let mut rows = Vec::new();
    for t in &b.tasks {
        let task = [
            t.code.clone(),
            t.title.clone(),
            t.lead.clone(),
            t.deadline_text.clone(),
        ];
        for o in &t.offices {
            let mut row = task.to_vec();
            row.extend([
                o.office_name.clone(),
                o.office_code.clone(),
                o.as_of.clone(),
                o.status_label.unwrap_or(o.state_label).to_string(),
                o.progress.clone(),
                o.problems.clone(),
                o.next_steps.clone(),
                o.done_on.clone().unwrap_or_default(),
                if o.overdue { "是" } else { "否" }.to_string(),
                o.previous.clone().unwrap_or_default(),
            ]);
            rows.push(row);
        }
        for name in &t.lacking {
            let held = b.offices.iter().find(|o| &o.name == name);
            let mut row = task.to_vec();
            row.extend([
                name.clone(),
                held.map(|o| o.code.clone()).unwrap_or_default(),
                held.map(|o| o.as_of.clone()).unwrap_or_default(),
                "清单中没有".to_string(),
            ]);
            row.resize(BELOW_COLUMNS.len(), String::new());
            rows.push(row);
        }
    }
    let n = rows.len();
    let mut title = crate::sheets::Title::of_list(conn, "下级月调度进展", today)?;
    title.period = format!(
        "{}\u{3000}\u{3000}各单位按其交换文件导出之日（见“数据截至”）",
        b.month_label
    );
    crate::sheets::write_list(path, ("下级月调度进展", &BELOW_COLUMNS[..], rows), title)?;
    Ok(n)
}
