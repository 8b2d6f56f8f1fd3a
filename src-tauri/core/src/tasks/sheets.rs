//! Excel in and out for 月调度: the task list (调度任务清单, as the city sends it) and
//! the monthly reports (月度进展, the sheet an office fills each month). One
//! [`RecordKind`] each on the shared import machinery, and their export lists.
//! Columns are documented in `docs/IMPORT.md`.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::sheets::import::{col, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, Problems, Refs};
use crate::store::ledger;
use crate::tasks::{
    self, code_order, month_label, reports_by_task, DispatchTask, ProgressInput, TaskInput,
    TaskProgress, TaskStatus,
};

pub struct Tasks;

const TASK_IMPORT: [Column; 6] = [
    col(
        "code",
        "任务编号",
        &["编号", "任务序号", "序号（编号）"],
        true,
        true,
        "照上级任务清单的编号填（如 1、2.3）；同一编号再次导入时更新这项任务。",
        10.0,
    ),
    col(
        "title",
        "任务内容",
        &[
            "具体任务",
            "工作任务",
            "重点任务",
            "具体举措",
            "工作举措",
            "任务",
            "任务名称",
        ],
        true,
        false,
        "",
        48.0,
    ),
    col(
        "category",
        "任务类别",
        &["类别", "所属板块", "板块", "分类"],
        false,
        false,
        "如：党建引领、畅路、减负。",
        12.0,
    ),
    col(
        "lead",
        "牵头单位",
        &["牵头部门", "责任单位", "责任部门", "牵头责任单位"],
        true,
        false,
        "",
        18.0,
    ),
    col(
        "deadline",
        "完成时限",
        &["时限", "完成时间", "完成期限", "时间节点"],
        false,
        true,
        "如 2026-12-31 或 2026年12月底；长期任务填“长期”或不填。",
        14.0,
    ),
    col("remark", "备注", &[], false, false, "", 20.0),
];

/// The export of the task list: its import columns, then where each task stood
/// at its last report (a county reviewer reads the list with them).
pub const TASK_ALSO: [Column; 2] = [
    col(
        "latestMonth",
        "最近报送月份",
        &[],
        false,
        false,
        "最近一次报送进展的月份。",
        12.0,
    ),
    col(
        "latestStatus",
        "最近进展状态",
        &[],
        false,
        false,
        "最近一次报送的进展状态；从未报送的写“未报”。",
        12.0,
    ),
];

static TASK_EXPORT: [Column; 8] = crate::sheets::import::then(&TASK_IMPORT, TASK_ALSO);

impl RecordKind for Tasks {
    const NAME: &'static str = "tasks";
    const LABEL: &'static str = "调度任务";
    const ALIASES: &'static [&'static str] =
        &["调度任务", "任务清单", "调度任务清单", "月调度任务清单"];
    const WIZARD: Wizard = crate::wizard!("调度任务", "项", "调度任务清单.xlsx");
    const KEY_COLUMN: &'static str = "code";
    type Parsed = TaskInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = &TASK_IMPORT;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<TaskInput, Problems> {
        let input = TaskInput {
            code: row.get("code").into(),
            title: row.get("title").into(),
            category: row.get("category").into(),
            lead: row.get("lead").into(),
            deadline: row.get("deadline").into(),
            remark: row.get("remark").into(),
        };
        let before = tasks::find_task(conn, &input.code).map_err(in_column::<Self>(&[], "code"))?;
        tasks::checked_task(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "title"))?;
        Ok(input)
    }
    fn key(p: &TaskInput) -> String {
        p.code.trim().to_string()
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &TaskInput) -> Result<Option<String>> {
        Ok(tasks::find_task(conn, &p.code)?.map(|t| t.id))
    }
    crate::sheets::rows::through!(tasks::checked_task);
}

pub struct Progress;

const PROGRESS_IMPORT: [Column; 8] = [
    col(
        "task",
        "任务编号",
        &["编号", "任务序号"],
        true,
        true,
        "须是调度任务清单里已有的编号。",
        10.0,
    ),
    col(
        "month",
        "月份",
        &["报送月份", "调度月份", "所属月份"],
        true,
        true,
        "所报的月份，如 2026-11 或 2026年11月；同一任务同一月份再次导入时更新。",
        10.0,
    ),
    col(
        "status",
        "进展状态",
        &["状态", "完成状态", "推进状态"],
        true,
        false,
        "未启动、推进中、滞后或已完成。",
        10.0,
    )
    .choose_from(&["未启动", "推进中", "滞后", "已完成"]),
    col(
        "progress",
        "进展情况",
        &["工作进展", "进展", "推进情况", "完成情况", "本月进展"],
        true,
        false,
        "本月做了什么、做到哪一步。",
        40.0,
    ),
    col(
        "problems",
        "存在问题",
        &["存在的问题", "困难问题", "问题"],
        false,
        false,
        "",
        24.0,
    ),
    col(
        "nextSteps",
        "下步打算",
        &["下一步打算", "下步计划", "下一步工作", "下步工作"],
        false,
        false,
        "",
        24.0,
    ),
    col(
        "doneOn",
        "完成日期",
        &["完成时间", "实际完成日期"],
        false,
        true,
        "进展状态为“已完成”时必填，不晚于所报月份的最后一天。",
        12.0,
    ),
    col("remark", "备注", &[], false, false, "", 16.0),
];

/// What the monthly report's export adds after its import columns: the task as
/// the list words it, so the file reads alone (ignored when imported back).
pub const PROGRESS_EXPORT_COLUMNS: [Column; 3] = [
    col("title", "任务内容", &[], false, false, "", 40.0),
    col("lead", "牵头单位", &[], false, false, "", 16.0),
    col("deadline", "完成时限", &[], false, false, "", 12.0),
];

static PROGRESS_EXPORT: [Column; 11] =
    crate::sheets::import::then(&PROGRESS_IMPORT, PROGRESS_EXPORT_COLUMNS);

impl RecordKind for Progress {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[("status", TaskStatus::PAIRS)];
    const NAME: &'static str = "task-progress";
    const LABEL: &'static str = "月度进展";
    const ALIASES: &'static [&'static str] = &["月度进展", "月调度", "月调度表", "进展情况表"];
    const WIZARD: Wizard = crate::wizard!("月度进展", "条", "月调度进展表.xlsx");
    /// A report's task and month are not changed in the app: one sent under the
    /// wrong task is deleted and filled again under the right one.
    const NEAR_FIX: &'static str = "删除那一条后在正确的任务下重新填写";
    const KEY_COLUMN: &'static str = "task";
    const KEY_WITH: &'static [&'static str] = &["month"];
    const UNFILLED: &'static str = "只有任务编号和月份、进展还没填（这些任务这个月仍是“未报”）";
    /// The export's rows for this month's tasks not yet reported, left as written.
    fn unfilled(row: &RowCells) -> bool {
        [
            "status",
            "progress",
            "problems",
            "nextSteps",
            "doneOn",
            "remark",
        ]
        .iter()
        .all(|k| row.get(k).trim().is_empty())
            && !row.get("task").trim().is_empty()
    }
    type Parsed = ProgressInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = &PROGRESS_IMPORT;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ProgressInput, Problems> {
        let code = row.get("task").trim();
        if code.is_empty() {
            return Err(vec![("task", "请填写任务编号。".to_string())]);
        }
        let task = match refs
            .find::<DispatchTask>(conn, "code", |t| t.code.clone(), code)
            .map_err(|e| vec![("task", e.to_string())])?
        {
            [one] => one.clone(),
            _ => {
                return Err(vec![(
                    "task",
                    format!("任务编号“{code}”不在调度任务清单里：请先在“任务清单”中导入或新增这项任务，或核对编号。"),
                )])
            }
        };
        let month =
            tasks::parse_month("month", "月份", row.get("month"))
                .map_err(in_column::<Self>(&[], "month"))?;
        let input = ProgressInput {
            task_id: task.id,
            month,
            status: row.get("status").into(),
            progress: row.get("progress").into(),
            problems: row.get("problems").into(),
            next_steps: row.get("nextSteps").into(),
            done_on: row.get("doneOn").into(),
            remark: row.get("remark").into(),
        };
        let before = tasks::find_report(conn, &input.task_id, &input.month)
            .map_err(in_column::<Self>(&[], "task"))?;
        tasks::checked_progress(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[("taskId", "task")], "progress"))?;
        Ok(input)
    }
    fn key(p: &ProgressInput) -> String {
        format!("{}\u{1f}{}", p.task_id, p.month)
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &ProgressInput) -> Result<Option<String>> {
        Ok(tasks::find_report(conn, &p.task_id, &p.month)?.map(|r| r.id))
    }
    crate::sheets::rows::through!(tasks::checked_progress);
}

pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    let mut all: Vec<DispatchTask> = ledger::list(conn)?;
    all.sort_by_cached_key(|t| (code_order(&t.code), t.code.clone()));
    let reports: Vec<TaskProgress> = ledger::list(conn)?;
    let by = reports_by_task(&reports);
    let deadline = |t: &DispatchTask| t.deadline.clone().unwrap_or_else(|| "长期".into());
    match kind {
        "tasks" => {
            let rows = all
                .iter()
                .map(|t| {
                    let latest = by
                        .get(t.id.as_str())
                        .and_then(|r| r.iter().max_by(|a, b| a.month.cmp(&b.month)));
                    vec![
                        t.code.clone(),
                        t.title.clone(),
                        t.category.clone(),
                        t.lead.clone(),
                        deadline(t),
                        t.remark.clone(),
                        latest.map(|p| month_label(&p.month)).unwrap_or_default(),
                        latest.map_or("未报", |p| p.status.label()).to_string(),
                    ]
                })
                .collect();
            Ok(Some(("调度任务", &TASK_EXPORT[..], rows)))
        }
        "task-progress" => {
            // Newest month first, then the list's order: this month's sheet on top,
            // with a row to fill for each task not yet reported nor done (the import
            // passes over such a row while it stays empty).
            let this_month = tasks::month_of(today);
            let mut rows = Vec::new();
            for t in &all {
                let reports = by.get(t.id.as_str()).map_or(&[][..], Vec::as_slice);
                if !reports.iter().any(|p| p.month == this_month)
                    && !tasks::standing_on(t, reports, today).done
                {
                    let mut blank = vec![String::new(); PROGRESS_EXPORT.len()];
                    blank[0] = t.code.clone();
                    blank[1] = this_month.clone();
                    blank[8] = t.title.clone();
                    blank[9] = t.lead.clone();
                    blank[10] = deadline(t);
                    rows.push((this_month.clone(), blank));
                }
                for p in reports {
                    rows.push((
                        p.month.clone(),
                        vec![
                            t.code.clone(),
                            p.month.clone(),
                            p.status.label().to_string(),
                            p.progress.clone(),
                            p.problems.clone(),
                            p.next_steps.clone(),
                            p.done_on.clone().unwrap_or_default(),
                            p.remark.clone(),
                            t.title.clone(),
                            t.lead.clone(),
                            deadline(t),
                        ],
                    ));
                }
            }
            rows.sort_by(|a, b| b.0.cmp(&a.0));
            Ok(Some((
                "月度进展",
                &PROGRESS_EXPORT[..],
                rows.into_iter().map(|(_, r)| r).collect(),
            )))
        }
        _ => Ok(None),
    }
}
