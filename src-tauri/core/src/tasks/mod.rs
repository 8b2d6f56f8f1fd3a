//! 月调度 (monthly dispatch): the city turns the programme into a task list of
//! concrete measures, each with a lead unit (牵头单位) and a deadline (完成时限), and
//! reviews it monthly; every office reports its progress on each task each month.
//!
//! An office keeps its copy of the list (调度任务, [`DispatchTask`], found by its
//! 任务编号 as the city numbers it: the same number names the same measure in every
//! office's file) and one report a task and month (月度进展, [`TaskProgress`]). A
//! task's standing in a month is its newest report up to that month: done (已完成)
//! once a report says so, until a later one says otherwise; a task done in an
//! earlier month needs no more reports.

pub mod sheets;

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{
    check_not_future, date_field, date_serial, parse_date, required, text_field,
};
use crate::base::period::Period;
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document, NamedBy};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// 进展状态: how a task stood in the month reported.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum TaskStatus: "status", "进展状态" {
        NotStarted("not_started", "未启动", "未开始", "尚未启动"),
        #[default]
        OnTrack("on_track", "推进中", "按计划推进", "正常推进", "进行中", "正在推进", "有序推进"),
        Behind("behind", "滞后", "进度滞后", "推进滞后", "未按计划推进"),
        Done("done", "已完成", "完成", "已办结", "办结"),
    }
}

/// One measure of the task list (调度任务).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DispatchTask {
    pub id: String,
    pub owner_code: String,
    /// 任务编号, as the list numbers it (1, 2.3, 三-1): unique in the office.
    pub code: String,
    /// 任务内容 (the measure, as the list words it).
    pub title: String,
    /// 任务类别 (the list's part: 党建引领, 畅路, 减负 …), free text.
    pub category: String,
    /// 牵头单位.
    pub lead: String,
    /// 完成时限 (YYYY-MM-DD); `None`: a standing task (长期).
    pub deadline: Option<String>,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(DispatchTask, "dispatch_tasks", "调度任务", [], |s| format!(
    "调度任务 {}（{}）",
    s.code,
    crate::base::fields::first_chars(&s.title, 20)
));

/// One month's report on one task (月度进展).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskProgress {
    pub id: String,
    pub owner_code: String,
    pub task_id: String,
    /// YYYY-MM.
    pub month: String,
    pub status: TaskStatus,
    /// 进展情况.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下步打算.
    pub next_steps: String,
    /// 完成日期 (YYYY-MM-DD), for a report that says 已完成.
    pub done_on: Option<String>,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    TaskProgress,
    "task_progress",
    "月度进展",
    ["task_id" => Some(s.task_id.clone())],
    |s| format!("{}的月度进展（{}）", month_label(&s.month), s.status.label())
);

/// The month `YYYY-MM` as a period (its days and its name).
fn month_period(month: &str) -> Option<Period> {
    let (y, m) = month.split_once('-')?;
    Period::month(y.parse().ok()?, m.parse().ok()?)
}

/// 2026-11 → 2026年11月 (as given when it is not a month).
pub fn month_label(month: &str) -> String {
    month_period(month).map_or_else(|| month.to_string(), |p| p.label())
}

/// The month (YYYY-MM) of day `d`.
pub fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The last day of month `YYYY-MM`.
fn month_end(month: &str) -> Option<NaiveDate> {
    month_period(month).map(|p| p.to)
}

/// A month as clerks write it: 2026-11, 2026/11, 2026.11, 2026年11月(份), 202611, a
/// day of it (2026-11-05), or an Excel date serial → "2026-11". Beyond the serial
/// and the six digits, it is what every date field reads (`parse_date`: a day, or a
/// month as its first day).
pub fn parse_month(field: &'static str, label: &str, s: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::validation(
            field,
            format!("请填写{label}，如 2026-11。"),
        ));
    }
    let bad = || {
        Error::validation(
            field,
            format!("{label}“{t}”看不懂，请填年和月，如 2026-11 或 2026年11月。"),
        )
    };
    if let Some(day) = date_serial(t) {
        return Ok(day[..7].to_string());
    }
    let written = t.strip_suffix('份').unwrap_or(t).replace('－', "-");
    // 202611 (a day's format would read it as 2026-01-01).
    let six = (written.len() == 6 && written.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}", &written[..4], &written[4..]));
    let day = parse_date(field, label, six.as_deref().unwrap_or(&written))
        .ok()
        .flatten()
        .filter(|d| (2000..=2100).contains(&d.year()))
        .ok_or_else(bad)?;
    Ok(month_of(day))
}

/// Words that say a task has no deadline (长期坚持, 持续推进, 常态化).
const STANDING: &[&str] = &["长期", "持续", "常态", "长效"];

/// A deadline as task lists write it: a day (2026-12-31), a month or its end
/// (2026年12月底, 2026-12, 2026年12月底前), a year's end (2026年底), or a standing
/// task (长期坚持, 持续推进; empty) → `None`.
pub fn parse_deadline(s: &str) -> Result<Option<String>> {
    let t = s.trim();
    if t.is_empty() || STANDING.iter().any(|w| t.contains(w)) {
        return Ok(None);
    }
    if let Some(day) = date_serial(t) {
        return Ok(Some(day));
    }
    // A day has three groups of digits (2026-12-31, 2026年12月31日) or eight in a
    // row; a month (2026-12, 202612) is read below, as its last day.
    let groups: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    if groups.len() >= 3 || groups.first().is_some_and(|g| g.len() == 8) {
        if let Some(d) = date_field("deadline", "完成时限", t)? {
            return Ok(Some(d));
        }
    }
    let core = t
        .trim_end_matches('前')
        .trim_end_matches('底')
        .trim_end_matches('末');
    let year_end = core
        .strip_suffix("年年")
        .or_else(|| core.strip_suffix("年"))
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    if let Some(y) = year_end {
        return Ok(Some(format!("{y}-12-31")));
    }
    if let Some(end) = parse_month("deadline", "完成时限", core)
        .ok()
        .and_then(|m| month_end(&m))
    {
        return Ok(Some(end.format("%Y-%m-%d").to_string()));
    }
    Err(Error::validation(
        "deadline",
        format!("完成时限“{t}”看不懂：请填日期（如 2026-12-31）或月份（如 2026年12月底）；长期任务填“长期”或不填。"),
    ))
}

/// The order of task numbers as a list reads them: 2 before 10, 1.2 before 1.10.
pub fn code_order(code: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut other = String::new();
    for c in code.chars() {
        if c.is_ascii_digit() {
            if !other.is_empty() {
                out.push((u64::MAX, std::mem::take(&mut other)));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push((digits.parse().unwrap_or(u64::MAX), String::new()));
                digits.clear();
            }
            other.push(c);
        }
    }
    if !digits.is_empty() {
        out.push((digits.parse().unwrap_or(u64::MAX), String::new()));
    }
    if !other.is_empty() {
        out.push((u64::MAX, other));
    }
    out
}

// ---------- tasks ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskInput {
    pub code: String,
    pub title: String,
    pub category: String,
    pub lead: String,
    pub deadline: String,
    pub remark: String,
}

/// The stored task numbered `code`, if any.
pub(crate) fn find_task(conn: &Connection, code: &str) -> Result<Option<DispatchTask>> {
    Ok(
        ledger::list_by_json::<DispatchTask>(conn, "$.code", code.trim())?
            .into_iter()
            .next(),
    )
}

pub(crate) fn checked_task(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&DispatchTask>,
    input: &TaskInput,
) -> Result<DispatchTask> {
    let code = required("code", "任务编号", &input.code, 20)?;
    if code.chars().any(char::is_whitespace) {
        return Err(Error::validation(
            "code",
            format!("任务编号“{code}”中间有空格，请去掉（如 2.3、三-1）。"),
        ));
    }
    if let Some(other) = find_task(conn, &code)?.filter(|t| Some(&t.id) != before.map(|b| &b.id)) {
        return Err(Error::Conflict {
            field: Some("code"),
            message: format!(
                "任务编号 {code} 已经用于“{}”：同一编号只能有一项任务，请核对编号。",
                crate::base::fields::first_chars(&other.title, 30)
            ),
        });
    }
    // A package holds a record's title to 200 characters; a longer measure keeps
    // its details in 备注.
    let title = required("title", "任务内容", &input.title, 200)?;
    let category = text_field("category", "任务类别", &input.category, 40)?;
    let lead = required("lead", "牵头单位", &input.lead, 100)?;
    let deadline = parse_deadline(&input.deadline)?;
    let remark = text_field("remark", "备注", &input.remark, 500)?;
    let now = ctx.stamp();
    Ok(DispatchTask {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        code,
        title,
        category,
        lead,
        deadline,
        remark,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

// ---------- progress ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProgressInput {
    pub task_id: String,
    pub month: String,
    pub status: String,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub done_on: String,
    pub remark: String,
}

/// The report on task `task_id` for `month` (YYYY-MM), if any.
pub(crate) fn find_report(
    conn: &Connection,
    task_id: &str,
    month: &str,
) -> Result<Option<TaskProgress>> {
    Ok(ledger::list_by::<TaskProgress>(conn, "task_id", task_id)?
        .into_iter()
        .find(|p| p.month == month))
}

pub(crate) fn checked_progress(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&TaskProgress>,
    input: &ProgressInput,
) -> Result<TaskProgress> {
    let task: DispatchTask = ledger::find(conn, input.task_id.trim())?.ok_or_else(|| {
        Error::validation("taskId", "找不到这项调度任务，可能已被删除，请刷新后再填。")
    })?;
    let month = parse_month("month", "月份", &input.month)?;
    let today = ctx.today();
    if month > month_of(today) {
        return Err(Error::validation(
            "month",
            format!(
                "{} 还没到：只报已经到了的月份（今天是 {today}）。",
                month_label(&month)
            ),
        ));
    }
    let status = TaskStatus::parse(&input.status)?;
    let progress = required("progress", "进展情况", &input.progress, 2000)?;
    let problems = text_field("problems", "存在问题", &input.problems, 1000)?;
    let next_steps = text_field("nextSteps", "下步打算", &input.next_steps, 1000)?;
    let remark = text_field("remark", "备注", &input.remark, 500)?;
    let done_on = date_field("doneOn", "完成日期", &input.done_on)?;
    match (status, &done_on) {
        (TaskStatus::Done, None) => {
            return Err(Error::validation(
                "doneOn",
                "进展状态是“已完成”，请填写完成日期。",
            ))
        }
        (TaskStatus::Done, Some(d)) => {
            check_not_future("doneOn", "完成日期", Some(d), today)?;
            if month_end(&month)
                .is_some_and(|end| d.as_str() > end.format("%Y-%m-%d").to_string().as_str())
            {
                return Err(Error::validation(
                    "doneOn",
                    format!(
                        "完成日期 {d} 在 {} 之后：请把“已完成”报在完成的那个月（{}），或核对日期。",
                        month_label(&month),
                        month_label(&d[..7])
                    ),
                ));
            }
        }
        (other, Some(_)) => {
            return Err(Error::validation(
                "doneOn",
                format!(
                "只有“已完成”才填完成日期：进展状态是“{}”，请清空完成日期，或把状态改为已完成。",
                other.label()
            ),
            ))
        }
        (_, None) => {}
    }
    if let Some(other) =
        find_report(conn, &task.id, &month)?.filter(|p| Some(&p.id) != before.map(|b| &b.id))
    {
        return Err(Error::Conflict {
            field: Some("month"),
            message: format!(
                "任务 {} 已有{}的进展（{}）：每项任务每月一条，请打开那一条修改。",
                task.code,
                month_label(&month),
                other.status.label()
            ),
        });
    }
    let now = ctx.stamp();
    Ok(TaskProgress {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        task_id: task.id,
        month,
        status,
        progress,
        problems,
        next_steps,
        done_on,
        remark,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

// ---------- standing ----------

/// How a task stood on a day, from its reports: the newest report of the day's
/// month or before decides (done only from its 完成日期 on).
#[derive(Debug, Clone, Copy, Default)]
pub struct Standing<'a> {
    /// The newest report up to the day's month.
    pub latest: Option<&'a TaskProgress>,
    pub done: bool,
    /// That report says 滞后.
    pub behind: bool,
    /// Not done, and its deadline has passed by the day.
    pub overdue: bool,
}

/// Task `t`'s standing on `day`, given its reports (any order).
pub fn standing_on<'a>(
    t: &DispatchTask,
    reports: &[&'a TaskProgress],
    day: NaiveDate,
) -> Standing<'a> {
    let month = month_of(day);
    let day_text = day.format("%Y-%m-%d").to_string();
    let latest = reports
        .iter()
        .filter(|p| p.month <= month)
        .max_by(|a, b| a.month.cmp(&b.month))
        .copied();
    let done = latest.is_some_and(|p| {
        p.status == TaskStatus::Done && p.done_on.as_deref().is_none_or(|d| d <= day_text.as_str())
    });
    Standing {
        latest,
        done,
        behind: latest.is_some_and(|p| p.status == TaskStatus::Behind),
        overdue: !done && t.deadline.as_deref().is_some_and(|d| d < day_text.as_str()),
    }
}

/// The day task `t` counts from: the day it was entered, or the first day of the
/// month of its first report if earlier (a list typed in December, reported on
/// for October, stood in October).
pub fn listed_from(t: &DispatchTask, reports: &[&TaskProgress]) -> NaiveDate {
    let entered = NaiveDate::parse_from_str(t.created_at.get(..10).unwrap_or(""), "%Y-%m-%d")
        .unwrap_or(NaiveDate::MIN);
    reports
        .iter()
        .filter_map(|p| NaiveDate::parse_from_str(&format!("{}-01", p.month), "%Y-%m-%d").ok())
        .min()
        .map_or(entered, |first| first.min(entered))
}

/// Reports by task id.
pub fn reports_by_task(reports: &[TaskProgress]) -> HashMap<&str, Vec<&TaskProgress>> {
    let mut by: HashMap<&str, Vec<&TaskProgress>> = HashMap::new();
    for p in reports {
        by.entry(p.task_id.as_str()).or_default().push(p);
    }
    by
}

// ---------- views ----------

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressView {
    pub id: String,
    pub task_id: String,
    pub month: String,
    pub month_label: String,
    pub status: TaskStatus,
    pub status_label: &'static str,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub done_on: Option<String>,
    pub remark: String,
    pub updated_at: String,
}

impl From<&TaskProgress> for ProgressView {
    fn from(p: &TaskProgress) -> Self {
        ProgressView {
            id: p.id.clone(),
            task_id: p.task_id.clone(),
            month: p.month.clone(),
            month_label: month_label(&p.month),
            status: p.status,
            status_label: p.status.label(),
            progress: p.progress.clone(),
            problems: p.problems.clone(),
            next_steps: p.next_steps.clone(),
            done_on: p.done_on.clone(),
            remark: p.remark.clone(),
            updated_at: p.updated_at.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub id: String,
    pub code: String,
    pub title: String,
    pub category: String,
    pub lead: String,
    pub deadline: Option<String>,
    /// The deadline, or 长期.
    pub deadline_text: String,
    pub remark: String,
    /// done / reported / missing, for the month shown.
    pub state: &'static str,
    /// 已完成 / 已报 / 未报.
    pub state_label: &'static str,
    /// The day it was done, when done by the month shown.
    pub done_on: Option<String>,
    pub overdue: bool,
    pub behind: bool,
    /// The month's own report.
    pub progress: Option<ProgressView>,
    /// The newest report before the month.
    pub previous: Option<ProgressView>,
    /// How many months it has reports for.
    pub reports: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TaskSummary {
    pub total: usize,
    pub done: usize,
    pub reported: usize,
    pub missing: usize,
    pub behind: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskList {
    pub month: String,
    pub month_label: String,
    /// The months to choose from, newest first: this month and the eleven before,
    /// and every month with a report.
    pub months: Vec<String>,
    pub tasks: Vec<TaskView>,
    pub summary: TaskSummary,
}

/// The day a month is looked at on: its last day, or today in the month itself.
fn seen_on(month: &str, today: NaiveDate) -> NaiveDate {
    month_end(month).map_or(today, |end| end.min(today))
}

fn task_view(
    t: &DispatchTask,
    reports: &[&TaskProgress],
    month: &str,
    today: NaiveDate,
) -> TaskView {
    let on = seen_on(month, today);
    let s = standing_on(t, reports, on);
    let own = reports.iter().find(|p| p.month == month).copied();
    let previous = reports
        .iter()
        .filter(|p| p.month.as_str() < month)
        .max_by(|a, b| a.month.cmp(&b.month))
        .copied();
    // Done by the month (its own report, or an earlier one not undone since).
    let done = s.done || own.is_some_and(|p| p.status == TaskStatus::Done);
    let (state, state_label) = if done {
        ("done", "已完成")
    } else if own.is_some() {
        ("reported", "已报")
    } else {
        ("missing", "未报")
    };
    TaskView {
        id: t.id.clone(),
        code: t.code.clone(),
        title: t.title.clone(),
        category: t.category.clone(),
        lead: t.lead.clone(),
        deadline: t.deadline.clone(),
        deadline_text: t.deadline.clone().unwrap_or_else(|| "长期".into()),
        remark: t.remark.clone(),
        state,
        state_label,
        done_on: if done {
            s.latest.or(own).and_then(|p| p.done_on.clone())
        } else {
            None
        },
        overdue: !done && s.overdue,
        behind: own.is_some_and(|p| p.status == TaskStatus::Behind),
        progress: own.map(ProgressView::from),
        previous: previous.map(ProgressView::from),
        reports: reports.len(),
    }
}

fn summary_of(tasks: &[TaskView]) -> TaskSummary {
    let mut s = TaskSummary {
        total: tasks.len(),
        ..TaskSummary::default()
    };
    for t in tasks {
        match t.state {
            "done" => s.done += 1,
            "reported" => s.reported += 1,
            _ => s.missing += 1,
        }
        s.behind += usize::from(t.behind);
        s.overdue += usize::from(t.overdue);
    }
    s
}

/// The month asked for (YYYY-MM or 2026年11月; empty: `today`'s), refused when it
/// has not begun.
pub fn month_asked(month: &str, today: NaiveDate) -> Result<String> {
    let this_month = month_of(today);
    let month = if month.trim().is_empty() {
        this_month.clone()
    } else {
        parse_month("month", "月份", month)?
    };
    if month > this_month {
        return Err(Error::validation(
            "month",
            format!("{} 还没到，请选今天以前的月份。", month_label(&month)),
        ));
    }
    Ok(month)
}

/// The months a month box offers, newest first: `today`'s and the eleven before,
/// `asked`, and `reported` (months with a report), none after `today`'s.
pub fn months_offered<'a>(
    today: NaiveDate,
    asked: &str,
    reported: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let this_month = month_of(today);
    let mut months: BTreeSet<String> = reported.map(str::to_string).collect();
    let mut m = today.with_day(1).unwrap_or(today);
    for _ in 0..12 {
        months.insert(month_of(m));
        m = m.pred_opt().and_then(|d| d.with_day(1)).unwrap_or(m);
    }
    months.insert(asked.to_string());
    months.retain(|m| *m <= this_month);
    months.into_iter().rev().collect()
}

/// Tasks `all` with their `reports` as they stood in `month` (seen on `today`,
/// or the month's last day), in the list's order of numbers.
pub fn views_in(
    all: &[DispatchTask],
    reports: &[TaskProgress],
    month: &str,
    today: NaiveDate,
) -> Vec<TaskView> {
    let by = reports_by_task(reports);
    let mut sorted: Vec<&DispatchTask> = all.iter().collect();
    sorted.sort_by_cached_key(|t| (code_order(&t.code), t.code.clone()));
    sorted
        .into_iter()
        .map(|t| {
            task_view(
                t,
                by.get(t.id.as_str()).map_or(&[], Vec::as_slice),
                month,
                today,
            )
        })
        .collect()
}

/// Every task, in the list's order of numbers, as it stands in `month` (YYYY-MM or
/// 2026年11月; empty: this month).
pub fn tasks(conn: &Connection, month: &str, today: NaiveDate) -> Result<TaskList> {
    let month = month_asked(month, today)?;
    let all: Vec<DispatchTask> = ledger::list(conn)?;
    let reports: Vec<TaskProgress> = ledger::list(conn)?;
    let views = views_in(&all, &reports, &month, today);
    Ok(TaskList {
        month_label: month_label(&month),
        months: months_offered(today, &month, reports.iter().map(|p| p.month.as_str())),
        summary: summary_of(&views),
        tasks: views,
        month,
    })
}

fn view_of(tx: &Tx, t: &DispatchTask) -> Result<TaskView> {
    let reports = ledger::list_by::<TaskProgress>(tx, "task_id", &t.id)?;
    let refs: Vec<&TaskProgress> = reports.iter().collect();
    let today = tx.ctx.today();
    Ok(task_view(t, &refs, &month_of(today), today))
}

pub fn create_task(tx: &Tx, input: &TaskInput) -> Result<TaskView> {
    let t = ledger::upsert(tx, None, input, checked_task)?;
    view_of(tx, &t)
}

pub fn update_task(tx: &Tx, id: &str, input: &TaskInput) -> Result<TaskView> {
    let t = ledger::upsert(tx, Some(id), input, checked_task)?;
    view_of(tx, &t)
}

/// Deletes a task into the recycle bin; refused while it has reports (they are
/// the office's record of what it did: delete them first if the task is wrong).
pub fn delete_task(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete_unless_named::<DispatchTask>(
        tx,
        id,
        &[NamedBy {
            table: "task_progress",
            column: "task_id",
            what: "个月的进展",
        }],
        "请先在“本月进展”中删除这些月份的进展；任务已不再调度的，可在备注中写明，不必删除。",
    )
}

/// Task `task_id`'s reports, newest month first.
pub fn task_progress(conn: &Connection, task_id: &str) -> Result<Vec<ProgressView>> {
    let _: DispatchTask = ledger::get(conn, task_id)?;
    let mut reports = ledger::list_by::<TaskProgress>(conn, "task_id", task_id)?;
    reports.sort_by(|a, b| b.month.cmp(&a.month));
    Ok(reports.iter().map(ProgressView::from).collect())
}

/// Saves THE report of (task, month): creates it, or updates the one there.
pub fn save_task_progress(tx: &Tx, input: &ProgressInput) -> Result<ProgressView> {
    let month = parse_month("month", "月份", &input.month)?;
    let existing = find_report(tx, input.task_id.trim(), &month)?;
    let p = ledger::upsert(
        tx,
        existing.as_ref().map(|p| p.id.as_str()),
        input,
        checked_progress,
    )?;
    Ok(ProgressView::from(&p))
}

pub fn delete_task_progress(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<TaskProgress>(tx, id)
}

fn restore_task(tx: &Tx, v: &serde_json::Value) -> Result<()> {
    ledger::restore_checked::<DispatchTask>(tx, v, |c, d| {
        match find_task(c, &d.code)? {
            Some(other) if other.id != d.id => Err(Error::Conflict {
                field: Some("code"),
                message: format!(
                    "已经有编号为 {} 的调度任务，恢复后会有两项同号的任务。请先把现有的那一项改号，再恢复这一条。",
                    d.code
                ),
            }),
            _ => Ok(()),
        }
    })
}

fn restore_report(tx: &Tx, v: &serde_json::Value) -> Result<()> {
    ledger::restore_checked::<TaskProgress>(tx, v, |c, d| {
        ledger::restore_needs::<DispatchTask>(c, d, "调度任务", &d.task_id)?;
        match find_report(c, &d.task_id, &d.month)? {
            Some(other) if other.id != d.id => Err(Error::Conflict {
                field: Some("month"),
                message: format!(
                    "这项任务已经另填了{}的进展，恢复会重复。要用回收站里的这一条，请先删除现有的那条再恢复。",
                    month_label(&d.month)
                ),
            }),
            _ => Ok(()),
        }
    })
}

// ---------- kinds (listed in crate::kinds) ----------

pub static DISPATCH_TASKS: Def = Def {
    imports: &[&Sheet::<sheets::Tasks>::NEW],
    exports: &[Export::of::<sheets::Tasks>(sheets::export_rows).also(&sheets::TASK_ALSO)],
    report_keys: &["tasks.total", "tasks.done", "tasks.behind", "tasks.overdue"],
    restore: restore_task,
    ..Def::ledger::<DispatchTask>()
};

pub static TASK_PROGRESS: Def = Def {
    fields: &[("taskId", "调度任务")],
    restore: restore_report,
    imports: &[&Sheet::<sheets::Progress>::NEW],
    exports: &[Export::of::<sheets::Progress>(sheets::export_rows)
        .also(&sheets::PROGRESS_EXPORT_COLUMNS)
        .dated_by(&["month"])
        .with_note("本月还没报、也没完成的任务各有一行空着（只有任务编号和月份），填好进展后可以直接导回；仍空着的行导入时跳过。")],
    report_keys: &["tasks.reports"],
    ..Def::ledger::<TaskProgress>()
};
