//! 月调度: the task list (调度任务) and the monthly reports (月度进展). Checks that
//! name the field, one report a task and month, a task's standing month by month
//! (done carries forward, behind, overdue, not reported), deleting and restoring,
//! imports in the forms offices write (2026年11月, 2026年12月底, 长期) with bad rows
//! named by column, exports that import back, and the `tasks.*` keys through a
//! package to the county and the city, by period, with drill-down.

use gridledger_core::base::period::Period;
use gridledger_core::exchange::report;
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::tasks::{self, ProgressInput, TaskInput};
use gridledger_core::{Store, Tx};

use crate::support::{
    commit_file, ctx, ctx_on, day, export_imports_back, imports_again_unchanged, office,
    problem_places, refused_on, township,
};

fn task(tx: &Tx, code: &str, title: &str, deadline: &str) -> String {
    tasks::create_task(
        tx,
        &TaskInput {
            code: code.into(),
            title: title.into(),
            category: "党建引领".into(),
            lead: "区委组织部".into(),
            deadline: deadline.into(),
            remark: String::new(),
        },
    )
    .unwrap()
    .id
}

fn report_on(
    tx: &Tx,
    task: &str,
    month: &str,
    status: &str,
    done_on: &str,
) -> gridledger_core::Result<String> {
    tasks::save_task_progress(
        tx,
        &ProgressInput {
            task_id: task.into(),
            month: month.into(),
            status: status.into(),
            progress: format!("{month} 的进展"),
            done_on: done_on.into(),
            ..ProgressInput::default()
        },
    )
    .map(|p| p.id)
}

#[test]
fn months_and_deadlines_are_read_as_offices_write_them() {
    for (typed, month) in [
        ("2026-11", "2026-11"),
        ("2026/11", "2026-11"),
        ("2026.11", "2026-11"),
        ("2026年11月", "2026-11"),
        ("2026年1月", "2026-01"),
        ("202611", "2026-11"),
        ("2026-11-05", "2026-11"),
        ("46331", "2026-11"), // an Excel date serial (2026-11-05)
    ] {
        assert_eq!(
            tasks::parse_month("month", "月份", typed).unwrap(),
            month,
            "{typed}"
        );
    }
    for bad in ["", "11月", "2026-13", "2026-11-31", "下个月"] {
        let e = tasks::parse_month("month", "月份", bad).unwrap_err();
        assert_eq!(e.field(), Some("month"), "{bad}");
    }
    for (typed, deadline) in [
        ("2026-12-31", Some("2026-12-31")),
        ("2026年12月底", Some("2026-12-31")),
        ("2026年11月底前", Some("2026-11-30")),
        ("2027-02", Some("2027-02-28")),
        ("2026年底", Some("2026-12-31")),
        ("2026年年底前", Some("2026-12-31")),
        ("46387", Some("2026-12-31")), // a date cell as its serial
        ("长期坚持", None),
        ("持续推进", None),
        ("", None),
    ] {
        assert_eq!(
            tasks::parse_deadline(typed).unwrap().as_deref(),
            deadline,
            "{typed}"
        );
    }
    refused_on(
        &tasks::parse_deadline("尽快").unwrap_err(),
        "deadline",
        "长期",
    );
    let mut codes = vec!["10", "2", "1.10", "1.2", "一"];
    codes.sort_by_key(|c| tasks::code_order(c));
    assert_eq!(codes, ["1.2", "1.10", "2", "10", "一"]);
}

#[test]
fn each_field_is_checked_and_a_task_has_one_report_a_month() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    s.write(&ctx(), |tx| {
        let t = task(tx, "1", "小区党支部应建尽建", "2026年12月底");
        let e = tasks::create_task(
            tx,
            &TaskInput {
                code: "1".into(),
                title: "另一项".into(),
                lead: "区委办".into(),
                ..TaskInput::default()
            },
        )
        .unwrap_err();
        refused_on(&e, "code", "已经用于“小区党支部应建尽建”");
        let e = tasks::create_task(
            tx,
            &TaskInput {
                code: "2".into(),
                title: "没有牵头单位".into(),
                ..TaskInput::default()
            },
        )
        .unwrap_err();
        refused_on(&e, "lead", "请填写牵头单位");

        // ctx() is 2026-11-26: December has not come.
        refused_on(
            &report_on(tx, &t, "2026-12", "推进中", "").unwrap_err(),
            "month",
            "还没到",
        );
        refused_on(
            &report_on(tx, &t, "2026-10", "已完成", "").unwrap_err(),
            "doneOn",
            "请填写完成日期",
        );
        refused_on(
            &report_on(tx, &t, "2026-10", "已完成", "2026-11-03").unwrap_err(),
            "doneOn",
            "请把“已完成”报在完成的那个月（2026年11月）",
        );
        refused_on(
            &report_on(tx, &t, "2026-10", "推进中", "2026-10-03").unwrap_err(),
            "doneOn",
            "只有“已完成”才填完成日期",
        );
        refused_on(
            &report_on(tx, &t, "2026-10", "差不多", "").unwrap_err(),
            "status",
            "未启动、推进中、滞后、已完成",
        );
        let e = tasks::save_task_progress(
            tx,
            &ProgressInput {
                task_id: t.clone(),
                month: "2026-10".into(),
                status: "推进中".into(),
                ..ProgressInput::default()
            },
        )
        .unwrap_err();
        refused_on(&e, "progress", "请填写进展情况");

        // Saving the month again updates its one report, whatever form the month has.
        let first = report_on(tx, &t, "2026-10", "推进中", "")?;
        let again = report_on(tx, &t, "2026年10月", "滞后", "")?;
        assert_eq!(first, again);
        let history = tasks::task_progress(tx, &t)?;
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].status_label, "滞后");
        assert_eq!(history[0].month_label, "2026年10月");
        Ok(())
    })
    .unwrap();
}

/// Four tasks over three months, looked at month by month on 2026-11-26:
///
/// ```text
/// 1  deadline 2026-12-31  09 推进中  10 已完成 (10-20)          done from October on
/// 2  deadline 2026-10-31  09 推进中  10 滞后    11 滞后          overdue from November
/// 3  长期                 09 未启动             11 推进中        not reported in October
/// 10 deadline 2026-09-30  (no report)                            overdue since October
/// ```
#[test]
fn a_month_shows_each_task_as_its_reports_left_it() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let ids = s
        .write(&ctx(), |tx| {
            let a = task(tx, "1", "三亮公示到位", "2026-12-31");
            let b = task(tx, "2", "大工委组建", "2026-10-31");
            let c = task(tx, "3", "领导联系点", "长期");
            let d = task(tx, "10", "事项清理", "2026-09-30");
            report_on(tx, &a, "2026-09", "推进中", "")?;
            report_on(tx, &a, "2026-10", "已完成", "2026-10-20")?;
            report_on(tx, &b, "2026-09", "推进中", "")?;
            report_on(tx, &b, "2026-10", "滞后", "")?;
            report_on(tx, &b, "2026-11", "滞后", "")?;
            report_on(tx, &c, "2026-09", "未启动", "")?;
            report_on(tx, &c, "2026-11", "推进中", "")?;
            Ok([a, b, c, d])
        })
        .unwrap();
    let today = ctx().today();
    let states = |month: &str| {
        let l = tasks::tasks(s.conn(), month, today).unwrap();
        let rows: Vec<(String, &str, bool, bool)> = l
            .tasks
            .iter()
            .map(|t| (t.code.clone(), t.state, t.behind, t.overdue))
            .collect();
        (rows, l.summary)
    };
    let (rows, sum) = states("2026-09");
    assert_eq!(
        rows,
        [
            ("1".into(), "reported", false, false),
            ("2".into(), "reported", false, false),
            ("3".into(), "reported", false, false),
            ("10".into(), "missing", false, false),
        ]
    );
    assert_eq!(
        (sum.total, sum.done, sum.reported, sum.missing),
        (4, 0, 3, 1)
    );
    let (rows, sum) = states("2026-10");
    assert_eq!(
        rows,
        [
            ("1".into(), "done", false, false),
            ("2".into(), "reported", true, false),
            ("3".into(), "missing", false, false),
            ("10".into(), "missing", false, true),
        ]
    );
    assert_eq!(
        (sum.done, sum.reported, sum.missing, sum.behind, sum.overdue),
        (1, 1, 2, 1, 1)
    );
    // November (this month, seen today): task 1 needs no report; task 2 is overdue.
    let (rows, sum) = states("");
    assert_eq!(
        rows,
        [
            ("1".into(), "done", false, false),
            ("2".into(), "reported", true, true),
            ("3".into(), "reported", false, false),
            ("10".into(), "missing", false, true),
        ]
    );
    assert_eq!(
        (sum.done, sum.reported, sum.missing, sum.behind, sum.overdue),
        (1, 2, 1, 1, 2)
    );

    let l = tasks::tasks(s.conn(), "2026年11月", today).unwrap();
    assert_eq!(l.month, "2026-11");
    assert_eq!(l.month_label, "2026年11月");
    assert_eq!(l.months.first().map(String::as_str), Some("2026-11"));
    assert_eq!(l.months.len(), 12);
    let three = &l.tasks[2];
    assert_eq!(three.deadline_text, "长期");
    assert_eq!(
        three.previous.as_ref().map(|p| p.month.as_str()),
        Some("2026-09")
    );
    assert_eq!(l.tasks[0].done_on.as_deref(), Some("2026-10-20"));
    refused_on(
        &tasks::tasks(s.conn(), "2027-01", today).unwrap_err(),
        "month",
        "还没到",
    );

    // A task with reports is not deleted; once they are gone it is, and both come back.
    let e = s
        .write(&ctx(), |tx| tasks::delete_task(tx, &ids[1]))
        .unwrap_err();
    assert!(e.to_string().contains("还有 3 个月的进展，不能删除"), "{e}");
    let gone = s
        .write(&ctx(), |tx| {
            let reports = tasks::task_progress(tx, &ids[3])?;
            assert!(reports.is_empty());
            tasks::delete_task(tx, &ids[3])
        })
        .unwrap();
    s.write(&ctx(), |tx| {
        task(tx, "10", "重新录入的事项清理", "2026-12-31");
        Ok(())
    })
    .unwrap();
    let e = s
        .write(&ctx(), |tx| kinds::restore(tx, &gone.id))
        .unwrap_err();
    assert!(e.to_string().contains("编号为 10"), "{e}");

    let sept = tasks::task_progress(s.conn(), &ids[0]).unwrap();
    let entry = s
        .write(&ctx(), |tx| tasks::delete_task_progress(tx, &sept[1].id))
        .unwrap();
    assert_eq!(entry.kind_label, "月度进展");
    s.write(&ctx(), |tx| kinds::restore(tx, &entry.id)).unwrap();
    assert_eq!(tasks::task_progress(s.conn(), &ids[0]).unwrap().len(), 2);
}

#[test]
fn imports_read_the_city_list_and_the_monthly_sheet_and_name_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let list = dir.path().join("市级任务清单.csv");
    std::fs::write(
        &list,
        "编号,具体任务,类别,牵头部门,完成时限,备注\n\
         1,推动小区党支部应建尽建,党建引领,区委组织部,2026年12月底,\n\
         2,推进多格合一,畅路,区委政法委,长期坚持,\n\
         3,清理证明事项,减负,区委社会工作部,尽快,\n\
         4,,减负,区委社会工作部,2026-12-31,\n",
    )
    .unwrap();
    let k = Kind::parse("tasks").unwrap();
    assert_eq!(Kind::parse("调度任务清单").unwrap(), k);
    let p = k.preview(s.conn(), &list, day(2026, 11, 26)).unwrap();
    assert_eq!((p.total_rows, p.valid_rows), (4, 2), "{:?}", p.problems);
    // The file's own headers name the columns.
    assert_eq!(problem_places(&p), [(4, "完成时限"), (5, "具体任务")]);
    let first = commit_file(&mut s, &k, &list);
    assert_eq!(first.created, 2);

    let sheet = dir.path().join("月调度表.csv");
    std::fs::write(
        &sheet,
        "任务编号,月份,进展状态,进展情况,存在问题,下步打算,完成日期\n\
         1,2026年10月,推进中,新建党支部2个,,继续推进,\n\
         1,2026年11月,已完成,全部建成,,,2026/11/20\n\
         2,2026.11,滞后,方案待审,部门意见未反馈,12月上报,\n\
         9,2026-11,推进中,编号不在清单,,,\n\
         2,2026-12,推进中,还没到的月份,,,\n\
         2,2026-10,已完成,没填完成日期,,,\n",
    )
    .unwrap();
    let g = Kind::parse("task-progress").unwrap();
    assert_eq!(Kind::parse("月调度表").unwrap(), g);
    let p = g.preview(s.conn(), &sheet, day(2026, 11, 26)).unwrap();
    assert_eq!(
        problem_places(&p),
        [(5, "任务编号"), (6, "月份"), (7, "完成日期")],
        "{:?}",
        p.problems
    );
    let done = commit_file(&mut s, &g, &sheet);
    assert_eq!((done.created, done.rejected), (3, 3));
    imports_again_unchanged(&mut s, &g, &sheet, 3);
    let l = tasks::tasks(s.conn(), "2026-11", day(2026, 11, 26)).unwrap();
    assert_eq!(
        (l.summary.done, l.summary.reported, l.summary.behind),
        (1, 1, 1)
    );

    // Both exports import back unchanged (the reports' with each task's words).
    export_imports_back(&mut s, &k, "tasks", dir.path(), day(2026, 11, 26), 2);
    export_imports_back(
        &mut s,
        &g,
        "task-progress",
        dir.path(),
        day(2026, 11, 26),
        3,
    );
    let out = dir.path().join("一个月.xlsx");
    assert_eq!(
        kinds::export_xlsx_in(
            s.conn(),
            "task-progress",
            &out,
            day(2026, 11, 26),
            "2026-11"
        )
        .unwrap(),
        2
    );
}

#[test]
fn the_keys_travel_to_the_county_and_the_city_by_period_with_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    qx.store
        .write(&ctx(), |tx| {
            let a = task(tx, "1", "三亮公示到位", "2026-12-31");
            let b = task(tx, "2", "大工委组建", "2026-10-31");
            task(tx, "3", "领导联系点", "长期");
            report_on(tx, &a, "2026-10", "已完成", "2026-10-20")?;
            report_on(tx, &b, "2026-10", "推进中", "")?;
            report_on(tx, &b, "2026-11", "滞后", "")?;
            Ok(())
        })
        .unwrap();
    let today = ctx().today();
    let own = report::report(qx.store.conn(), today).unwrap().own;
    assert_eq!(
        [
            own["tasks.total"],
            own["tasks.done"],
            own["tasks.behind"],
            own["tasks.overdue"],
            own["tasks.reports"]
        ],
        [3, 1, 1, 1, 3]
    );
    assert_eq!(county.receive(&qx.export()).outcome, "accepted");
    let r = report::report(county.store.conn(), today).unwrap();
    assert_eq!(r.total["tasks.done"], 1);
    assert_eq!(r.total["tasks.overdue"], 1);
    let inner = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    assert_eq!(
        (inner.dispatch_tasks.len(), inner.task_progress.len()),
        (3, 3)
    );

    // September's figures: nothing done, nothing overdue, no report.
    let sept = Period::parse("period", "2026-09").unwrap();
    let p = report::period_report(county.store.conn(), &sept, today).unwrap();
    assert_eq!(p.total.figures["tasks.done"], 0);
    assert_eq!(p.total.figures["tasks.reports"], 0);
    let oct = Period::parse("period", "2026-10").unwrap();
    let p = report::period_report(county.store.conn(), &oct, today).unwrap();
    assert_eq!(p.total.figures["tasks.done"], 1);
    assert_eq!(p.total.figures["tasks.reports"], 2);
    assert_eq!(p.total.figures["tasks.overdue"], 0);

    let d = report::drill(county.store.conn(), "all", "tasks.behind", today).unwrap();
    assert_eq!(d.rows.len(), 1);
    assert_eq!(
        (d.rows[0].code.as_str(), d.rows[0].name.as_str()),
        ("2", "大工委组建")
    );
    assert!(
        d.rows[0].detail.contains("2026年11月 滞后"),
        "{}",
        d.rows[0].detail
    );
    assert!(d.rows[0].detail.contains("逾期"), "{}", d.rows[0].detail);
    let d = report::drill(county.store.conn(), "all", "tasks.reports", today).unwrap();
    assert_eq!(d.rows[0].kind_label, "月度进展");
    assert_eq!(d.rows[0].code, "2026年10月");

    assert_eq!(city.receive(&county.export()).outcome, "accepted");
    let r = report::report(city.store.conn(), today).unwrap();
    assert_eq!(r.total["tasks.total"], 3);
    assert_eq!(r.total["tasks.reports"], 3);
}

#[test]
fn the_demo_reports_on_seven_tasks_for_the_two_months_before_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let l = tasks::tasks(qx.store.conn(), "2026-10", ctx().today()).unwrap();
    assert_eq!(l.summary.total, 7);
    assert_eq!(l.tasks.last().map(|t| t.code.as_str()), Some("10"));
    assert_eq!(
        (l.summary.done, l.summary.behind, l.summary.missing),
        (1, 1, 1)
    );
    // Another day's demo: months move with the clock, never ahead of it.
    let mut s = Store::open_in_memory().unwrap();
    gridledger_core::demo::fill(&mut s, &ctx_on(2027, 3, 2)).unwrap();
    let l = tasks::tasks(s.conn(), "", day(2027, 3, 2)).unwrap();
    assert_eq!(l.month, "2027-03");
    assert_eq!(l.summary.reported, 1);
}

/// 导出月度进展 is also the month's sheet to fill: a row for each task not yet
/// reported nor done, 任务编号 and 月份 filled. Filled in and imported back, the
/// filled rows go in; those still empty are passed over with one note.
#[test]
fn the_export_is_the_month_sheet_to_fill_and_its_empty_rows_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    s.write(&ctx(), |tx| {
        let a = task(tx, "1", "三亮公示到位", "2026-12-31");
        let b = task(tx, "2", "大工委组建", "2026-10-31");
        task(tx, "3", "领导联系点", "长期");
        task(tx, "10", "事项清理", "2026-12-31");
        report_on(tx, &a, "2026-11", "推进中", "")?;
        report_on(tx, &b, "2026-10", "已完成", "2026-10-20")?;
        Ok(())
    })
    .unwrap();
    let mut e = crate::support::exported(s.conn(), "task-progress", dir.path(), "任务编号");
    let (code, month, status, progress) = (
        e.col("任务编号"),
        e.col("月份"),
        e.col("进展状态"),
        e.col("进展情况"),
    );
    let body: Vec<(String, String, String)> = e.rows[e.head + 1..]
        .iter()
        .map(|r| (r[code].clone(), r[month].clone(), r[status].clone()))
        .collect();
    // November: task 1's report; 3 and 10 to fill; 2 was done in October.
    assert_eq!(
        body,
        [
            ("1".into(), "2026-11".into(), "推进中".into()),
            ("3".into(), "2026-11".into(), String::new()),
            ("10".into(), "2026-11".into(), String::new()),
            ("2".into(), "2026-10".into(), "已完成".into()),
        ]
    );
    let row = e.row_where(code, |c| c == "3");
    e.rows[row][status] = "推进中".into();
    e.rows[row][progress] = "走访联系点4次".into();
    let path = dir.path().join("填好的月调度表.csv");
    std::fs::write(&path, e.csv()).unwrap();
    let k = Kind::parse("task-progress").unwrap();
    let p = k.preview(s.conn(), &path, ctx().today()).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!((p.to_create, p.unchanged), (1, 2));
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("有 1 行只有任务编号和月份、进展还没填")),
        "{:?}",
        p.notes
    );
    let done = commit_file(&mut s, &k, &path);
    assert_eq!((done.created, done.rejected), (1, 0));
    let l = tasks::tasks(s.conn(), "2026-11", ctx().today()).unwrap();
    assert_eq!(
        (l.summary.done, l.summary.reported, l.summary.missing),
        (1, 2, 1)
    );
}

/// 下级进展: a county reads every township's standing on each task number of their
/// lists for a month, from the files it holds; a file exported before the month says
/// nothing of it, and a number one list lacks is said.
#[test]
fn a_county_reviews_each_task_over_the_townships_files() {
    use gridledger_core::exchange::{package, tasks_below};
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut ml = office(dir.path(), "township", "320115103000", "秣陵街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    qx.store
        .write(&ctx(), |tx| {
            let a = task(tx, "1", "三亮公示到位", "2026-12-31");
            let b = task(tx, "2", "大工委组建", "2026-10-31");
            report_on(tx, &a, "2026-11", "已完成", "2026-11-20")?;
            report_on(tx, &b, "2026-11", "滞后", "")?;
            Ok(())
        })
        .unwrap();
    ml.store
        .write(&ctx_on(2026, 10, 20), |tx| {
            let a = task(tx, "1", "三亮公示到位", "2026-12-31");
            task(tx, "3", "领导联系点", "长期");
            report_on(tx, &a, "2026-10", "推进中", "")?;
            Ok(())
        })
        .unwrap();
    assert_eq!(county.receive(&qx.export()).outcome, "accepted");
    // 秣陵街道's file is of 20 October.
    let old = package::export(&mut ml.store, &ctx_on(2026, 10, 20), &ml.out).unwrap();
    assert_eq!(
        county.receive(std::path::Path::new(&old.path)).outcome,
        "accepted"
    );

    let today = ctx().today();
    let b = tasks_below::tasks_below(county.store.conn(), "2026-11", today).unwrap();
    let codes: Vec<&str> = b.tasks.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["1", "2", "3"]);
    let one = &b.tasks[0];
    assert_eq!(
        (one.counts.done, one.counts.stale, one.counts.missing),
        (1, 1, 0)
    );
    let cells: Vec<(&str, &str)> = one
        .offices
        .iter()
        .map(|o| (o.office_name.as_str(), o.state_label))
        .collect();
    assert_eq!(
        cells,
        [("青溪街道", "已完成"), ("秣陵街道", "文件早于该月")]
    );
    let two = &b.tasks[1];
    assert_eq!(
        (two.counts.reported, two.counts.behind, two.counts.overdue),
        (1, 1, 1)
    );
    assert_eq!(two.offices[0].status_label, Some("滞后"));
    assert_eq!(two.lacking, ["秣陵街道"]);
    assert_eq!(b.tasks[2].lacking, ["青溪街道"]);
    assert!(b.offices.iter().any(|o| o.name == "秣陵街道" && o.stale));
    assert_eq!(
        (
            b.summary.tasks,
            b.summary.offices,
            b.summary.counts.done,
            b.summary.counts.stale
        ),
        (3, 2, 1, 2)
    );
    // October: 秣陵街道's file speaks of it; 青溪街道 had not reported.
    let oct = tasks_below::tasks_below(county.store.conn(), "2026-10", today).unwrap();
    let one = &oct.tasks[0];
    assert_eq!(
        (one.counts.reported, one.counts.missing, one.counts.stale),
        (1, 1, 0)
    );
    // November for 秣陵街道 is stale; its October report is said beside it.
    let nov_ml = &b.tasks[0].offices[1];
    assert_eq!(nov_ml.previous.as_deref(), Some("2026年10月：推进中"));
    assert_eq!(oct.months.first().map(String::as_str), Some("2026-11"));
    // To Excel: a row an office and task, and one for each list lacking a task.
    let out = dir.path().join("下级月调度进展.xlsx");
    let n = tasks_below::export_tasks_below(county.store.conn(), "2026-11", &out, today).unwrap();
    assert_eq!(n, 6);
    let rows = crate::support::sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.contains(&"本月状态".to_string()))
        .unwrap();
    let at = |h: &str| rows[head].iter().position(|c| c == h).unwrap();
    let cells: Vec<(String, String, String)> = rows[head + 1..]
        .iter()
        .map(|r| {
            (
                r[at("任务编号")].clone(),
                r[at("单位")].clone(),
                r[at("本月状态")].clone(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("1".into(), "青溪街道".into(), "已完成".into()),
            ("1".into(), "秣陵街道".into(), "文件早于该月".into()),
            ("2".into(), "青溪街道".into(), "滞后".into()),
            ("2".into(), "秣陵街道".into(), "清单中没有".into()),
            ("3".into(), "秣陵街道".into(), "文件早于该月".into()),
            ("3".into(), "青溪街道".into(), "清单中没有".into()),
        ]
    );
    assert!(rows[1][0].contains("2026年11月"), "{:?}", rows[1]);
    // A township holds no files from below.
    let none = tasks_below::tasks_below(qx.store.conn(), "", today).unwrap();
    assert!(none.offices.is_empty() && none.tasks.is_empty());
}

/// 首页's 本周提醒: a task not done by its 完成时限 (overdue, or due this week), and,
/// in the week a month ends, one line for the month's tasks without a report.
#[test]
fn reminders_name_overdue_tasks_and_the_months_unreported_ones_in_its_last_week() {
    use gridledger_core::exchange::reminders::reminders;
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let ids = s
        .write(&ctx(), |tx| {
            let late = task(tx, "1", "大工委组建", "2026-10-31");
            let done = task(tx, "2", "三亮公示到位", "2026-10-31");
            let this_week = task(tx, "3", "事项清理", "2026-11-27");
            let later = task(tx, "4", "领导联系点", "2026-12-31");
            let standing = task(tx, "5", "网格员培训", "长期");
            report_on(tx, &done, "2026-10", "已完成", "2026-10-20")?;
            report_on(tx, &late, "2026-11", "滞后", "")?;
            Ok([late, done, this_week, later, standing])
        })
        .unwrap();
    // ctx() is Thursday 2026-11-26: the week (11-23 to 11-29) does not hold the 30th.
    let r = reminders(s.conn(), ctx().today()).unwrap();
    let seen: Vec<(&str, &str, &str, &str, bool)> = r
        .items
        .iter()
        .filter(|x| x.kind.starts_with("task"))
        .map(|x| {
            (
                x.kind,
                x.record_id.as_str(),
                x.title.as_str(),
                x.due_on.as_str(),
                x.overdue,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("task", ids[0].as_str(), "大工委组建", "2026-10-31", true),
            ("task", ids[2].as_str(), "事项清理", "2026-11-27", false),
        ]
    );
    assert_eq!(r.items[0].due_label, "完成时限");
    assert_eq!(r.items[0].source, "调度任务（1）");
    assert_eq!(r.items[0].days_late, 26);

    // Monday the 30th, the month's last week: the three not done and not reported in
    // November are one line, due that day (task 1 was reported, task 2 is done).
    let r = reminders(s.conn(), day(2026, 11, 30)).unwrap();
    let month: Vec<(&str, &str, &str, &str)> = r
        .items
        .iter()
        .filter(|x| x.kind == "task_report")
        .map(|x| {
            (
                x.record_id.as_str(),
                x.title.as_str(),
                x.due_label,
                x.due_on.as_str(),
            )
        })
        .collect();
    assert_eq!(
        month,
        [(
            "",
            "2026年11月还有 3 项调度任务没有报进展",
            "月底",
            "2026-11-30"
        )]
    );
    assert!(r.items.iter().any(|x| x.record_id == ids[2] && x.overdue));
    assert!(
        r.items.iter().all(|x| x.record_id != ids[1]),
        "done: no reminder"
    );

    // Everything reported (task 2 done before): no month line.
    s.write(&ctx_on(2026, 11, 30), |tx| {
        for id in [&ids[2], &ids[3], &ids[4]] {
            report_on(tx, id, "2026-11", "推进中", "")?;
        }
        Ok(())
    })
    .unwrap();
    let r = reminders(s.conn(), day(2026, 11, 30)).unwrap();
    assert!(r.items.iter().all(|x| x.kind != "task_report"));
    // The first week of December is not a month's last: no month line either.
    let r = reminders(s.conn(), day(2026, 12, 2)).unwrap();
    assert!(r.items.iter().all(|x| x.kind != "task_report"));
}
