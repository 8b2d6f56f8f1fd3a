//! Issue 14's flow fixes: a step that has happened is never dated after today; each
//! step of a demand or a project is logged as its own operation (交办, 办结, 开始实施 …);
//! 已完成 needs evidence or a stated reason; a project's 登记 date can be back-filled and
//! no claim predates it; the timeline in date order; the call-back asks for its 回访结果;
//! and 报送情况: the expected list proposed from the files received and set in one go,
//! the 未报单位名单 for 催报.

use gridledger_core::cobuild::{self, Move as ProjectMove, ProjectInput};
use gridledger_core::demands::{self, DemandInput, DepartmentInput, Move as DemandMove};
use gridledger_core::exchange::senders::{self, ExpectedInput};
use gridledger_core::store::changelog;
use gridledger_core::{kinds, sheets, ErrorKind, Store};

use crate::support::{ctx, day, office, partner_input, streetlight, township, township_on_disk};

/// The tests' today is 2026-11-26 (support::ctx).
const TODAY: &str = "2026-11-26";

/// A demand received 2026-11-01 (due 2026-11-20) and a department `dept` to take it.
fn a_demand(s: &mut Store, dept: &str) -> (String, String) {
    s.write(&ctx(), |tx| {
        let dept = demands::create_department(
            tx,
            &DepartmentInput {
                name: dept.into(),
                level: "township".into(),
                note: String::new(),
            },
        )?;
        let d = demands::create_demand(
            tx,
            &DemandInput {
                deadline: "2026-11-20".into(),
                ..streetlight()
            },
        )?;
        Ok((d.id, dept.id))
    })
    .unwrap()
}

fn demand_move(
    s: &mut Store,
    id: &str,
    dept: &str,
    to: &str,
    date: &str,
    reason: &str,
) -> gridledger_core::Result<demands::DemandView> {
    s.write(&ctx(), |tx| {
        demands::move_to(
            tx,
            id,
            &DemandMove {
                to: to.into(),
                date: date.into(),
                reason: reason.into(),
                department_id: dept.into(),
                result: "已修复".into(),
                satisfaction: "satisfied".into(),
            },
        )
    })
}

/// Demand `d` of [`a_demand`] 交办 to `dept` on 11-02, 办理中 on 11-03, 办结 on 11-10
/// (on time: its 办理时限 is 11-20).
fn resolved_on_the_10th(s: &mut Store, d: &str, dept: &str) {
    for (to, on) in [
        ("assigned", "2026-11-02"),
        ("in_progress", "2026-11-03"),
        ("resolved", "2026-11-10"),
    ] {
        demand_move(s, d, dept, to, on, "").unwrap();
    }
}

/// The change log's operations on one record, oldest first.
fn ops(s: &Store, table: &str, id: &str) -> Vec<String> {
    changelog::for_record(s.conn(), table, id)
        .unwrap()
        .into_iter()
        .map(|r| r.op)
        .collect()
}

#[test]
fn a_step_dated_after_today_is_refused_with_the_date_field_named() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let (id, dept) = a_demand(&mut s, "城管科");
    demand_move(&mut s, &id, &dept, "assigned", "2026-11-02", "").unwrap();
    demand_move(&mut s, &id, &dept, "in_progress", "2026-11-03", "").unwrap();
    // 办结 tomorrow: refused, the date named, nothing changed.
    let e = demand_move(&mut s, &id, &dept, "resolved", "2026-11-27", "").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.field(), Some("date"));
    assert_eq!(
        e.to_string(),
        "办结的日期 2026-11-27 晚于今天（2026-11-26）：已经发生的步骤不能填将来的日期。"
    );
    let d = demands::demand(s.conn(), &id, ctx().today()).unwrap();
    assert_eq!(d.status_label, "办理中");
    assert_eq!(d.resolved_on, None);
    // Today is fine; then the call-back cannot be dated tomorrow either.
    demand_move(&mut s, &id, &dept, "resolved", TODAY, "").unwrap();
    let e = demand_move(&mut s, &id, &dept, "called_back", "2026-12-01", "").unwrap_err();
    assert_eq!(e.field(), Some("date"));
    // 上报 in the future is refused too.
    let (other, _) = a_demand(&mut s, "平安办");
    let e = s
        .write(&ctx(), |tx| {
            demands::escalate(tx, &other, "county", "2026-11-30", "需区里协调")
        })
        .unwrap_err();
    assert_eq!(
        (e.field(), e.to_string().as_str()),
        (
            Some("date"),
            "上报的日期 2026-11-30 晚于今天（2026-11-26）：已经发生的步骤不能填将来的日期。"
        )
    );
}

#[test]
fn each_step_of_a_demand_is_logged_as_its_own_operation() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let (id, dept) = a_demand(&mut s, "城管科");
    for (to, date, reason) in [
        ("assigned", "2026-11-02", ""),
        ("in_progress", "2026-11-03", ""),
        ("assigned", "2026-11-04", "部门退回，重新交办"),
        ("in_progress", "2026-11-05", ""),
        ("resolved", "2026-11-10", ""),
        ("called_back", "2026-11-12", ""),
    ] {
        demand_move(&mut s, &id, &dept, to, date, reason).unwrap();
    }
    assert_eq!(
        ops(&s, "demands", &id),
        [
            "create",
            "交办",
            "开始办理",
            "退回",
            "开始办理",
            "办结",
            "回访"
        ]
    );
    let (other, _) = a_demand(&mut s, "平安办");
    s.write(&ctx(), |tx| {
        demands::escalate(tx, &other, "county", "2026-11-03", "需区里协调")
    })
    .unwrap();
    assert_eq!(ops(&s, "demands", &other), ["create", "上报"]);
    // An edit of the demand itself is still 修改 (update).
    s.write(&ctx(), |tx| {
        demands::update_demand(
            tx,
            &other,
            &DemandInput {
                title: "路灯不亮（3 号路口）".into(),
                category: "市政设施".into(),
                description: "3 号路口路灯不亮".into(),
                level: "county".into(),
                received_on: "2026-11-01".into(),
                deadline: "2026-11-20".into(),
                ..Default::default()
            },
        )
    })
    .unwrap();
    assert_eq!(ops(&s, "demands", &other).last().unwrap(), "update");
}

/// A demand's 办理时限 moved (probe N: an overdue demand left 逾期, a resolved one's
/// 按期 flipped, seen only in 变更记录): a change needs its reason and goes into
/// 办理记录; once 办结 the 时限 stays (按期 is judged then) until a 退回.
#[test]
fn a_deadline_moved_says_why_in_the_history_and_stays_once_resolved() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let (d, dept) = a_demand(&mut s, "城管科");
    let edit = |s: &mut Store, deadline: &str, reason: &str| {
        s.write(&ctx(), |tx| {
            demands::update_demand(
                tx,
                &d,
                &DemandInput {
                    deadline: deadline.into(),
                    deadline_reason: reason.into(),
                    ..streetlight()
                },
            )
        })
    };
    let e = edit(&mut s, "2027-01-31", "").unwrap_err();
    assert_eq!(e.field(), Some("deadlineReason"), "{e}");
    assert!(e.to_string().contains("2026-11-20 改为 2027-01-31"), "{e}");
    let v = edit(&mut s, "2027-01-31", "经分管领导同意延期").unwrap();
    let last = v.history.last().unwrap();
    assert_eq!(
        (
            last.deadline_from.as_deref(),
            last.deadline_to.as_deref(),
            last.reason.as_str(),
            last.date.as_str(),
            last.to,
        ),
        (
            Some("2026-11-20"),
            Some("2027-01-31"),
            "经分管领导同意延期",
            TODAY,
            demands::Status::Accepted
        )
    );
    // Not a step: nothing moved back, the period figures are as before.
    resolved_on_the_10th(&mut s, &d, &dept);
    let e = edit(&mut s, "2026-11-05", "更正").unwrap_err();
    assert_eq!(e.field(), Some("deadline"), "{e}");
    assert!(e.to_string().contains("退回"), "{e}");
    let t = figures(&s, "2026-11");
    assert_eq!(
        (t["demands.resolved"], t["demands.resolved_on_time"]),
        (1, 1)
    );
    // Nor by a file: the row is refused in that column, the rest of the file goes in.
    let dir = tempfile::tempdir().unwrap();
    let mut x = crate::support::exported(s.conn(), "demands", dir.path(), "办理时限");
    let col = x.col("办理时限");
    let row = x.row_where(col, |c| c == "2027-01-31");
    x.rows[row][col] = "2026-11-05".into();
    let path = dir.path().join("诉求.csv");
    std::fs::write(&path, x.csv()).unwrap();
    let k = kinds::ImportKind::parse("demands").unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!(p.rejected_rows, 1, "{:?}", p.problems);
    assert_eq!(p.problems[0].column, "办理时限", "{:?}", p.problems);
    assert!(p.problems[0].message.contains("不能改"), "{:?}", p.problems);
    // The other fields still change with the 时限 as it was.
    let v = s
        .write(&ctx(), |tx| {
            demands::update_demand(
                tx,
                &d,
                &DemandInput {
                    deadline: "2027-01-31".into(),
                    description: "3 号路口两盏路灯不亮".into(),
                    ..streetlight()
                },
            )
        })
        .unwrap();
    assert_eq!(v.description, "3 号路口两盏路灯不亮");
}

/// A demand moved back or escalated keeps its steps in its history, not in its
/// Excel row: the list exports what the status has reached, imports back
/// unchanged, and a row that fills in a step its status has not reached is refused
/// in that column (it would be dropped without a word).
#[test]
fn a_demand_moved_back_or_escalated_exports_only_the_steps_it_has_reached() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _keep) = township_on_disk(|_| {});
    let (back, dept) = a_demand(&mut s, "城管科");
    for (to, date, reason) in [
        ("assigned", "2026-11-02", ""),
        ("in_progress", "2026-11-03", ""),
        ("resolved", "2026-11-10", ""),
        ("in_progress", "2026-11-11", "群众反映仍未修好"),
    ] {
        demand_move(&mut s, &back, &dept, to, date, reason).unwrap();
    }
    let v = demands::demand(s.conn(), &back, day(2026, 11, 26)).unwrap();
    assert_eq!((v.result.as_str(), v.resolved_on.as_deref()), ("", None));
    let up = s
        .write(&ctx(), |tx| {
            demands::create_demand(
                tx,
                &DemandInput {
                    title: "路灯闪烁".into(),
                    ..streetlight()
                },
            )
        })
        .unwrap()
        .id;
    demand_move(&mut s, &up, &dept, "assigned", "2026-11-02", "").unwrap();
    s.write(&ctx(), |tx| {
        demands::escalate(tx, &up, "county", "2026-11-03", "需区里协调")
    })
    .unwrap();
    let k = kinds::ImportKind::parse("demands").unwrap();
    let out = dir.path().join("诉求.xlsx");
    kinds::export_xlsx(s.conn(), "demands", &out, day(2026, 11, 26)).unwrap();
    let rows = crate::support::sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "交办日期"))
        .unwrap();
    let col = |name: &str| rows[head].iter().position(|c| c == name).unwrap();
    let row = |title: &str| {
        rows.iter()
            .filter(|r| r.get(1).is_some_and(|c| c == title))
            .cloned()
            .collect::<Vec<_>>()
    };
    let moved = &row("路灯不亮")[0];
    assert_eq!(moved[col("状态")], "办理中", "{moved:?}");
    assert_eq!(moved[col("交办日期")], "2026-11-02");
    assert_eq!(
        (
            moved[col("办结日期")].as_str(),
            moved[col("办理结果")].as_str()
        ),
        ("", "")
    );
    let escalated = &row("路灯闪烁")[0];
    assert_eq!(escalated[col("状态")], "已受理", "{escalated:?}");
    assert_eq!(escalated[col("交办日期")], "", "{escalated:?}");
    let p = k.preview(s.conn(), &out, day(2026, 11, 26)).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let again = crate::support::commit_file(&mut s, &k, &out);
    assert_eq!(
        (again.created, again.updated, again.rejected),
        (0, 0, 0),
        "{}",
        again.text()
    );

    // A 已受理 row that names a department: refused in 承办部门.
    let file = dir.path().join("受理.csv");
    std::fs::write(
        &file,
        "诉求事项,类别,诉求内容,受理日期,状态,承办部门\n新路灯不亮,市政设施,路灯不亮,2026-11-20,已受理,城管科\n",
    )
    .unwrap();
    let p = k.preview(s.conn(), &file, day(2026, 11, 26)).unwrap();
    crate::support::the_problem(&p, "承办部门", "还没有交办");
}

#[test]
fn the_call_back_step_asks_for_its_result() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    let (id, dept) = a_demand(&mut s, "城管科");
    for (to, date) in [
        ("assigned", "2026-11-02"),
        ("in_progress", "2026-11-03"),
        ("resolved", "2026-11-04"),
    ] {
        demand_move(&mut s, &id, &dept, to, date, "").unwrap();
    }
    let d = demands::demand(s.conn(), &id, ctx().today()).unwrap();
    let call_back = &d.moves[0];
    assert_eq!(call_back.label, "回访");
    assert_eq!(
        (call_back.fields[0].name, call_back.fields[0].label),
        ("satisfaction", "回访结果")
    );
}

/// A township with one partner unit: (store, its village, the partner's id).
fn township_with_partner() -> (Store, String, String) {
    let mut s = Store::open_in_memory().unwrap();
    let village = township(&mut s);
    let partner = s
        .write(&ctx(), |tx| {
            cobuild::create_partner(tx, &partner_input("甲公司"))
        })
        .unwrap()
        .id;
    (s, village, partner)
}

fn project_in(
    s: &mut Store,
    village: &str,
    registered_on: &str,
) -> gridledger_core::Result<cobuild::ProjectView> {
    s.write(&ctx(), |tx| {
        cobuild::create_project(
            tx,
            None,
            &ProjectInput {
                title: "助餐点".into(),
                village_id: village.into(),
                category: "为老服务".into(),
                registered_on: registered_on.into(),
                ..Default::default()
            },
        )
    })
}

fn project_move(
    s: &mut Store,
    id: &str,
    to: &str,
    date: &str,
    reason: &str,
) -> gridledger_core::Result<cobuild::ProjectView> {
    s.write(&ctx(), |tx| {
        cobuild::move_to(
            tx,
            None,
            id,
            &ProjectMove {
                to: to.into(),
                date: date.into(),
                reason: reason.into(),
                score: Some(5),
                evaluation: String::new(),
            },
        )
    })
}

#[test]
fn a_back_filled_project_keeps_its_registration_date_and_no_claim_predates_it() {
    let (mut s, village, partner) = township_with_partner();
    // Registered today by default; back-filled to its real date when given.
    let today = project_in(&mut s, &village, "").unwrap();
    assert_eq!(today.registered_on.as_deref(), Some(TODAY));
    let p = project_in(&mut s, &village, "2025-05-10").unwrap();
    assert_eq!(p.registered_on.as_deref(), Some("2025-05-10"));
    assert_eq!(p.events[0].date, "2025-05-10");
    // Not in the future.
    let e = project_in(&mut s, &village, "2026-12-01").unwrap_err();
    assert_eq!(
        (e.field(), e.to_string().as_str()),
        (
            Some("registeredOn"),
            "登记日期 2026-12-01 晚于今天（2026-11-26）。"
        )
    );
    // A claim before the registration is refused, naming both dates.
    let claim = |s: &mut Store, on: &str| {
        s.write(&ctx(), |tx| cobuild::claim(tx, None, &p.id, &partner, on))
    };
    let e = claim(&mut s, "2025-05-09").unwrap_err();
    assert_eq!(e.field(), Some("claimedOn"));
    assert!(
        e.to_string()
            .starts_with("认领日期 2025-05-09 早于项目的登记日期 2025-05-10。"),
        "{e}"
    );
    let e = claim(&mut s, "2026-11-27").unwrap_err();
    assert_eq!(e.field(), Some("claimedOn"));
    let p = claim(&mut s, "2025-05-20").unwrap();
    assert_eq!(p.claims[0].claimed_on, "2025-05-20");
    assert!(!p.claims[0].before_registration);
    // The registration cannot then move past the claim.
    let e = s
        .write(&ctx(), |tx| {
            cobuild::update_project(
                tx,
                None,
                &p.id,
                &ProjectInput {
                    title: "助餐点".into(),
                    village_id: village.clone(),
                    category: "为老服务".into(),
                    registered_on: "2025-06-01".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert_eq!(
        (e.field(), e.to_string().as_str()),
        (
            Some("registeredOn"),
            "登记日期 2025-06-01 晚于项目之后的认领或办理日期 2025-05-20。"
        )
    );
    // The timeline in date order; steps dated from the registration on.
    let p = project_move(&mut s, &p.id, "in_progress", "2025-06-01", "").unwrap();
    let dates: Vec<&str> = p.events.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2025-05-10", "2025-05-20", "2025-06-01"]);
    assert_eq!(p.actual_start.as_deref(), Some("2025-06-01"));
    // Evaluated, then back: the score and evaluation undone stay in the timeline.
    project_move(
        &mut s,
        &p.id,
        "completed",
        "2025-07-01",
        "现场验收，未留照片",
    )
    .unwrap();
    project_move(&mut s, &p.id, "evaluated", "2025-07-02", "").unwrap();
    let p = project_move(&mut s, &p.id, "completed", "2025-07-03", "评分录错").unwrap();
    assert_eq!(p.score, None);
    assert_eq!(
        p.events.last().unwrap().reason,
        "评分录错（退回前的评分：5 分）"
    );
}

/// 共建项目's export says 是否逾期 as 本周提醒 counts it: past 计划完成 and not yet
/// 已完成, or past 计划开始 and not yet 实施中 (a county filters them, as it does the
/// overdue 诉求).
#[test]
fn the_projects_export_says_which_are_behind_their_plan() {
    use cobuild::{Project, ProjectStatus};
    let today = ctx().today(); // 2026-11-26
    let project = |status, start: &str, end: &str| Project {
        status,
        planned_start: (!start.is_empty()).then(|| start.to_string()),
        planned_end: (!end.is_empty()).then(|| end.to_string()),
        ..Project::default()
    };
    for (status, start, end, overdue) in [
        (ProjectStatus::Open, "2026-11-01", "2027-03-01", true),
        (ProjectStatus::Claimed, "2026-12-01", "2027-03-01", false),
        (ProjectStatus::InProgress, "2026-10-01", "2027-03-01", false),
        (ProjectStatus::InProgress, "2026-10-01", "2026-11-25", true),
        (ProjectStatus::InProgress, "2026-10-01", "2026-11-26", false),
        (ProjectStatus::Completed, "2026-10-01", "2026-11-20", false),
        (ProjectStatus::Evaluated, "", "2026-11-20", false),
        (ProjectStatus::Open, "", "", false),
    ] {
        assert_eq!(
            project(status, start, end).overdue(today),
            overdue,
            "{status:?} {start} {end}"
        );
    }
    let (mut s, dir) = township_on_disk(|_| {});
    let village = crate::support::new_village(&mut s, "320115101001", "青溪社区");
    s.write(&ctx(), |tx| {
        for (title, start) in [("未按期开工", "2026-11-01"), ("下月开工", "2026-12-01")] {
            cobuild::create_project(
                tx,
                None,
                &ProjectInput {
                    title: title.into(),
                    village_id: village.clone(),
                    category: "为老服务".into(),
                    planned_start: start.into(),
                    planned_end: "2027-03-01".into(),
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    let out = dir.path().join("共建项目.xlsx");
    kinds::export_xlsx(s.conn(), "projects", &out, today).unwrap();
    let rows = crate::support::sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "项目名称"))
        .unwrap();
    let (title, late) = (
        rows[head].iter().position(|h| h == "项目名称").unwrap(),
        rows[head].iter().position(|h| h == "是否逾期").unwrap(),
    );
    let mut said: Vec<(&str, &str)> = rows[head + 1..]
        .iter()
        .map(|r| (r[title].as_str(), r[late].as_str()))
        .collect();
    said.sort();
    assert_eq!(said, [("下月开工", "否"), ("未按期开工", "是")]);
    // The list and the detail say the same to the screen.
    let listed: Vec<(String, bool)> = cobuild::projects(s.conn(), None, &Default::default(), today)
        .unwrap()
        .into_iter()
        .map(|p| (p.title, p.overdue))
        .collect();
    assert_eq!(listed.len(), 2);
    for (title, overdue) in &listed {
        assert_eq!(*overdue, title == "未按期开工", "{title}");
    }
    // The column is the export's alone: the file imports back unchanged.
    crate::support::imports_again_unchanged(
        &mut s,
        &kinds::ImportKind::parse("projects").unwrap(),
        &out,
        2,
    );
}

#[test]
fn a_project_is_completed_only_with_evidence_or_a_stated_reason() {
    let (mut s, dir) = township_on_disk(|_| {});
    let village = crate::support::new_village(&mut s, "320115101001", "青溪社区");
    let partner = s
        .write(&ctx(), |tx| {
            cobuild::create_partner(tx, &partner_input("甲公司"))
        })
        .unwrap()
        .id;
    let p = project_in(&mut s, &village, "2026-10-01").unwrap();
    s.write(&ctx(), |tx| {
        cobuild::claim(tx, None, &p.id, &partner, "2026-10-02")
    })
    .unwrap();
    let p = project_move(&mut s, &p.id, "in_progress", "2026-10-05", "").unwrap();
    // Without a file the move asks for a reason, and says so.
    let complete = &p.moves[0];
    assert_eq!(complete.to, "completed");
    assert!(complete.needs_reason);
    assert_eq!(
        complete.hint,
        "还没有佐证材料：请先在下面上传照片等附件，或在这里写明没有附件的原因。"
    );
    let e = project_move(&mut s, &p.id, "completed", "2026-11-01", "").unwrap_err();
    assert_eq!(
        (e.field(), e.to_string().as_str()),
        (
            Some("reason"),
            "标记为已完成要有佐证材料：请先在下面上传照片等附件，或写明没有附件的原因。"
        )
    );
    assert_eq!(
        cobuild::project(s.conn(), None, &p.id, ctx().today())
            .unwrap()
            .actual_end,
        None
    );
    // With a file: no reason needed.
    let db = dir.path().join("g.db");
    let photo = dir.path().join("验收照片.jpg");
    std::fs::write(&photo, b"\xFF\xD8\xFF photo").unwrap();
    let p = s
        .write(&ctx(), |tx| {
            kinds::attach_files(tx, &db, "projects", &p.id, std::slice::from_ref(&photo))?;
            cobuild::project(tx, Some(&db), &p.id, ctx().today())
        })
        .unwrap();
    assert!(!p.moves[0].needs_reason);
    let p = project_move(&mut s, &p.id, "completed", "2026-11-01", "").unwrap();
    assert_eq!(p.actual_end.as_deref(), Some("2026-11-01"));
    // The exported list names it (probe AO: the file said nothing of the evidence).
    let out = dir.path().join("共建项目.xlsx");
    kinds::export_xlsx(s.conn(), "projects", &out, ctx().today()).unwrap();
    let rows = crate::support::sheet_rows(&out);
    let at = rows[2].iter().position(|h| h == "佐证材料").unwrap();
    assert_eq!(rows[3][at], "1 个：验收照片.jpg");
    // Its only evidence cannot then be taken away.
    let hash = p.attachments[0].hash.clone();
    let e = s
        .write(&ctx(), |tx| {
            kinds::detach_file(tx, "projects", &p.id, &hash)
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.to_string().contains("唯一的佐证材料"), "{e}");
    assert_eq!(
        cobuild::project(s.conn(), None, &p.id, ctx().today())
            .unwrap()
            .attachments
            .len(),
        1
    );
    // Logged as what they are.
    assert_eq!(
        ops(&s, "projects", &p.id),
        ["create", "认领", "开始实施", "添加附件", "标记为已完成"]
    );

    // Another completed with a stated reason instead.
    let q = project_in(&mut s, &village, "2026-10-01").unwrap();
    s.write(&ctx(), |tx| {
        cobuild::claim(tx, None, &q.id, &partner, "2026-10-02")
    })
    .unwrap();
    project_move(&mut s, &q.id, "in_progress", "2026-10-05", "").unwrap();
    let q = project_move(
        &mut s,
        &q.id,
        "completed",
        "2026-11-01",
        "验收单为纸质，存档于社区",
    )
    .unwrap();
    assert_eq!(q.events.last().unwrap().reason, "验收单为纸质，存档于社区");
    let q = project_move(&mut s, &q.id, "in_progress", "2026-11-02", "还有一户未完工").unwrap();
    assert_eq!(q.actual_end, None);
    assert_eq!(ops(&s, "projects", &q.id).last().unwrap(), "退回");
}

#[test]
fn the_expected_list_is_proposed_from_the_files_received_and_set_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut ml = office(dir.path(), "township", "320115102000", "秣陵街道", false);
    let mut elsewhere = office(dir.path(), "township", "320116101000", "外县街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    county.receive(&ml.export());
    // A file from another county is refused and never proposed.
    county.refuse(&elsewhere.export());
    let p = senders::proposals(county.store.conn()).unwrap();
    assert_eq!(p.prefix, "320115");
    let rows: Vec<(&str, &str, &str)> = p
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str(), r.source))
        .collect();
    assert_eq!(
        rows,
        [
            ("320115101000", "青溪街道", "已报送"),
            ("320115102000", "秣陵街道", "已报送"),
        ]
    );
    // The edited list: the two proposed plus one that has not sent; all or none.
    let input = |code: &str, name: &str| ExpectedInput {
        code: code.into(),
        name: name.into(),
    };
    let e = county
        .store
        .write(&ctx(), |tx| {
            senders::set_expected_many(
                tx,
                &[
                    input("320115101000", "青溪街道"),
                    input("320116101000", "外县街道"),
                    input("320115101000", "青溪"),
                ],
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("offices"));
    let msg = e.to_string();
    assert!(msg.starts_with("第 2 行：这个区划代码"), "{msg}");
    assert!(
        msg.contains("第 3 行：区划代码 320115101000 与第 1 行重复。"),
        "{msg}"
    );
    assert!(senders::list_expected(county.store.conn())
        .unwrap()
        .is_empty());
    let added = county
        .store
        .write(&ctx(), |tx| {
            senders::set_expected_many(
                tx,
                &[
                    input("320115101000", "青溪街道"),
                    input("320115102000", "秣陵街道"),
                    input("320115103000", "东山街道"),
                ],
            )
        })
        .unwrap();
    assert_eq!(added.len(), 3);
    assert!(senders::proposals(county.store.conn())
        .unwrap()
        .rows
        .is_empty());
    // Again with nothing new: nothing changes.
    let again = county
        .store
        .write(&ctx(), |tx| {
            senders::set_expected_many(tx, &[input("320115103000", "东山街道")])
        })
        .unwrap();
    assert!(again.is_empty());
    // A township proposes nothing.
    assert!(senders::proposals(qx.store.conn()).unwrap().rows.is_empty());

    // 未报单位: 东山街道 never sent; 青溪街道 is late by the day after the late days.
    let today = day(2026, 11, 27);
    let unsent: Vec<String> = senders::unsent(county.store.conn(), today)
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.name, r.chase.as_deref().unwrap_or("（不催报）")))
        .collect();
    assert_eq!(unsent, ["东山街道 从未报送"]);
    let later = day(2027, 1, 10);
    let unsent: Vec<String> = senders::unsent(county.store.conn(), later)
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.name, r.chase.as_deref().unwrap_or("（不催报）")))
        .collect();
    assert_eq!(
        unsent,
        [
            "青溪街道 逾期（最近一次导出于 45 天前）",
            "秣陵街道 逾期（最近一次导出于 45 天前）",
            "东山街道 从未报送",
        ]
    );
    // Exported titled like every list: title, 填报单位/填报日期, 序号, the offices.
    let out = dir.path().join("未报单位名单.xlsx");
    let n = senders::export_unsent(county.store.conn(), &out, today).unwrap();
    assert_eq!(n, 1);
    let sheet = sheets::read(&out).unwrap();
    let text = |r: usize, c: usize| crate::support::cell(&sheet, r, c);
    assert_eq!(text(0, 0), "江宁区未报单位名单");
    assert!(text(1, 0).contains("填报单位：江宁区"), "{}", text(1, 0));
    assert!(
        text(1, 0).contains("填报日期：2026-11-27"),
        "{}",
        text(1, 0)
    );
    let headers: Vec<String> = (0..6).map(|c| text(2, c)).collect();
    assert_eq!(
        headers,
        [
            "序号",
            "区划代码",
            "单位名称",
            "报送情况",
            "最近一次导出日期",
            "催报情况"
        ]
    );
    assert_eq!(
        (0..4).map(|c| text(3, c)).collect::<Vec<_>>(),
        ["1", "320115103000", "东山街道", "从未报送"]
    );
    // Not over the database.
    assert!(senders::export_unsent(county.store.conn(), &dir.path().join("x.txt"), today).is_err());
    // The whole 报送情况, sent or not (probe AO: only the 未报 could go out).
    let out = dir.path().join("报送情况.xlsx");
    assert_eq!(
        senders::export_status(county.store.conn(), &out, today).unwrap(),
        3
    );
    let rows = crate::support::sheet_rows(&out);
    assert_eq!(
        rows[2],
        [
            "序号",
            "区划代码",
            "单位名称",
            "是否已报",
            "第几次导出",
            "导出日期",
            "接收日期",
            "记录数",
            "提示",
            "情况"
        ]
    );
    let east = rows.iter().find(|r| r[2] == "东山街道").unwrap();
    assert_eq!(
        (east[3].as_str(), east[8].as_str()),
        ("否", "从未报送"),
        "{east:?}"
    );
    let qing = rows.iter().find(|r| r[2] == "青溪街道").unwrap();
    assert_eq!(qing[3], "是");
    // Sent empty: its 记录数 and the flag say so.
    assert_eq!(
        (qing[4].as_str(), qing[7].as_str(), qing[8].as_str()),
        ("1", "0", "报送的文件没有记录"),
        "{qing:?}"
    );
}

/// 交办 offers the departments of the demand's level first, each named with its
/// level: a 乡镇/街道 demand was handed to 区住建局 from a list that showed none.
#[test]
fn the_assign_step_names_each_departments_level_its_own_first() {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    s.write(&ctx(), |tx| {
        demands::create_department(
            tx,
            &DepartmentInput {
                name: "区住建局".into(),
                level: "county".into(),
                note: String::new(),
            },
        )
    })
    .unwrap();
    let (id, _) = a_demand(&mut s, "城管科");
    let d = demands::demand(s.conn(), &id, ctx().today()).unwrap();
    let assign = d.moves.iter().find(|m| m.to == "assigned").unwrap();
    let labels: Vec<&str> = assign.fields[0]
        .choices
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, ["城管科（乡镇/街道）", "区住建局（县/区）"]);
}

/// An update's preview says what it changes, column by column (it said only 更新 2,
/// and the clerk found out in 变更记录).
#[test]
fn an_imports_preview_says_what_each_update_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _keep) = township_on_disk(|_| {});
    let (id, dept) = a_demand(&mut s, "城管科");
    demand_move(&mut s, &id, &dept, "assigned", "2026-11-02", "").unwrap();
    let out = dir.path().join("诉求.xlsx");
    kinds::export_xlsx(s.conn(), "demands", &out, day(2026, 11, 26)).unwrap();
    let rows = crate::support::sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "办理时限"))
        .unwrap();
    let col = |name: &str| rows[head].iter().position(|c| c == name).unwrap();
    let mut body: Vec<Vec<String>> = rows[head + 1..]
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .cloned()
        .collect();
    assert_eq!(body.len(), 1);
    body[0][col("办理时限")] = "2027-01-15".into();
    body[0][col("诉求内容")] = "3 号路口两盏路灯不亮".into();
    let csv: String = std::iter::once(&rows[head])
        .chain(body.iter())
        .map(|r| r.join(","))
        .collect::<Vec<_>>()
        .join("\n");
    let file = dir.path().join("改.csv");
    std::fs::write(&file, csv).unwrap();
    let k = kinds::ImportKind::parse("demands").unwrap();
    let p = k.preview(s.conn(), &file, day(2026, 11, 26)).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(
        p.notes,
        ["第 2 行：会修改已有诉求“路灯不亮”的诉求内容（3 号路口路灯不亮 → 3 号路口两盏路灯不亮）、办理时限（2026-11-20 → 2027-01-15）。"]
    );
    // The file as exported: nothing said.
    let p = k.preview(s.conn(), &out, day(2026, 11, 26)).unwrap();
    assert!(p.notes.is_empty(), "{:?}", p.notes);
    assert_eq!(p.unchanged, 1);
}

/// The figures of `period` (a quarter, a month or `from..to`) as counted today.
fn figures(s: &Store, period: &str) -> std::collections::BTreeMap<String, i64> {
    let p = gridledger_core::base::period::Period::parse("period", period).unwrap();
    gridledger_core::exchange::report::own_totals_in(s.conn(), &p, day(2026, 11, 26))
        .unwrap()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// A 退回 (step back) leaves a period that ended before it as it stood (probe N: a
/// project sent back to 待认领 in December took the third quarter's 累计认领 from 8
/// to 7; one completed on 11-20 and reopened on 12-01 left November's 已完成): a
/// period counts a workflow as its timeline stood at the period's end.
#[test]
fn a_step_back_leaves_a_period_that_ended_before_it_as_it_stood() {
    let (mut s, village, partner) = township_with_partner();
    let p = project_in(&mut s, &village, "2026-08-01").unwrap().id;
    s.write(&ctx(), |tx| {
        cobuild::claim(tx, None, &p, &partner, "2026-08-10")
    })
    .unwrap();
    project_move(&mut s, &p, "in_progress", "2026-08-20", "").unwrap();
    project_move(&mut s, &p, "completed", "2026-09-20", "现场验收").unwrap();
    let projects = |s: &Store, period: &str| {
        let t = figures(s, period);
        (
            t["cobuild.projects_claimed"],
            t["cobuild.projects_completed"],
        )
    };
    let q3 = projects(&s, "2026Q3");
    assert_eq!(q3, (1, 1));
    // Reopened in October, completed again in November, then sent back to 待认领.
    project_move(&mut s, &p, "in_progress", "2026-10-05", "整改后重新验收").unwrap();
    assert_eq!(projects(&s, "2026Q3"), q3, "Q3 as it stood on 09-30");
    assert_eq!(projects(&s, "2026-10"), (1, 0));
    project_move(&mut s, &p, "completed", "2026-11-20", "现场验收").unwrap();
    assert_eq!(projects(&s, "2026-11"), (1, 1));
    project_move(&mut s, &p, "open", "2026-11-25", "认领单位退出，重新征集").unwrap();
    assert_eq!(projects(&s, "2026Q3"), q3);
    assert_eq!(projects(&s, "2026-10"), (1, 0));
    assert_eq!(projects(&s, "2026-11-01..2026-11-24"), (1, 1));
    assert_eq!(projects(&s, "2026-11"), (0, 0), "as it stands today");
    assert_eq!(projects(&s, "2026"), (0, 0));

    // A demand 办结 on 11-10 and sent back on 11-15 stays 办结 (on time) in a
    // period that ended before.
    let (d, dept) = a_demand(&mut s, "城管科");
    resolved_on_the_10th(&mut s, &d, &dept);
    let demands = |s: &Store, period: &str| {
        let t = figures(s, period);
        (
            t["demands.resolved"],
            t["demands.resolved_on_time"],
            t["demands.received_resolved"],
        )
    };
    assert_eq!(demands(&s, "2026-11-01..2026-11-12"), (1, 1, 1));
    demand_move(
        &mut s,
        &d,
        &dept,
        "in_progress",
        "2026-11-15",
        "群众反映仍不亮",
    )
    .unwrap();
    assert_eq!(demands(&s, "2026-11-01..2026-11-12"), (1, 1, 1));
    assert_eq!(demands(&s, "2026-11"), (0, 0, 0));
    // The 诉求 list's counts of a period agree, and it was 交办过 though not now.
    let listed = |s: &Store, period: &str| {
        let st = demands::stats_in(s.conn(), period, day(2026, 11, 26)).unwrap();
        (st.resolved, st.resolved_on_time, st.assigned)
    };
    assert_eq!(listed(&s, "2026-11-01..2026-11-12"), (1, 1, 1));
    assert_eq!(listed(&s, "2026-11"), (0, 0, 1));
    demand_move(&mut s, &d, &dept, "accepted", "2026-11-16", "交错部门").unwrap();
    assert_eq!(listed(&s, "2026-11"), (0, 0, 1), "交办过 once");
    demand_move(&mut s, &d, &dept, "assigned", "2026-11-17", "").unwrap();
    demand_move(&mut s, &d, &dept, "in_progress", "2026-11-18", "").unwrap();
    // 办结 again after its 办理时限: resolved, not on time, in the month.
    demand_move(&mut s, &d, &dept, "resolved", "2026-11-22", "").unwrap();
    assert_eq!(demands(&s, "2026-11"), (1, 0, 1));
    assert_eq!(demands(&s, "2026-11-01..2026-11-12"), (1, 1, 1));
}

/// 改日期 on a workflow's latest step (probe X: a 完成日期 typed wrong could only be
/// mended by 退回 and a new 完成, which left the project 已完成 in the third quarter
/// and again in the fourth): the step keeps its place, its day and the date it set
/// move, and every period counts it once, on its new day.
#[test]
fn the_latest_step_of_a_workflow_is_redated_in_place() {
    let (mut s, village, partner) = township_with_partner();
    let p = project_in(&mut s, &village, "2026-06-01").unwrap().id;
    let redate = |s: &mut Store, id: &str, date: &str| {
        s.write(&ctx(), |tx| cobuild::redate_step(tx, None, id, date, None))
    };
    let e = redate(&mut s, &p, "2026-06-02").unwrap_err();
    assert!(e.to_string().contains("登记这一步"), "{e}");
    s.write(&ctx(), |tx| {
        cobuild::claim(tx, None, &p, &partner, "2026-06-10")
    })
    .unwrap();
    project_move(&mut s, &p, "in_progress", "2026-06-15", "").unwrap();
    project_move(&mut s, &p, "completed", "2026-07-15", "现场验收").unwrap();
    let completed = |s: &Store, period: &str| figures(s, period)["cobuild.projects_completed"];
    assert_eq!((completed(&s, "2026Q3"), completed(&s, "2026Q4")), (1, 0));
    // Not before the step before it, not after today.
    let e = redate(&mut s, &p, "2026-06-14").unwrap_err();
    assert_eq!(e.field(), Some("date"));
    assert!(
        e.to_string().contains("不能早于上一步的日期 2026-06-15"),
        "{e}"
    );
    assert_eq!(
        redate(&mut s, &p, "2026-11-27").unwrap_err().field(),
        Some("date")
    );
    let v = redate(&mut s, &p, "2026-10-15").unwrap();
    assert_eq!(v.actual_end.as_deref(), Some("2026-10-15"));
    assert_eq!(v.events.len(), 4, "no step added");
    assert_eq!(v.events[3].date, "2026-10-15");
    // The timeline says it was corrected, from its first day (probe AD: no mark).
    assert_eq!(
        v.events[3].reason,
        "现场验收（日期由 2026-07-15 改为 2026-10-15）"
    );
    let again = redate(&mut s, &p, "2026-10-16").unwrap();
    assert_eq!(
        again.events[3].reason,
        "现场验收（日期由 2026-07-15 改为 2026-10-16）"
    );
    let back = redate(&mut s, &p, "2026-07-15").unwrap();
    assert_eq!(back.events[3].reason, "现场验收");
    redate(&mut s, &p, "2026-10-15").unwrap();
    assert_eq!(
        (
            completed(&s, "2026Q3"),
            completed(&s, "2026Q4"),
            completed(&s, "2026")
        ),
        (0, 1, 1)
    );
    assert_eq!(
        ops(&s, "projects", &p).last().map(String::as_str),
        Some("改日期")
    );
    // Its drill-down row says the day it was completed (probe Y: no date).
    let q4 = gridledger_core::base::period::Period::parse("period", "2026Q4").unwrap();
    let d = gridledger_core::exchange::report::drill_in(
        s.conn(),
        "own",
        "cobuild.projects_completed",
        Some(&q4),
        day(2026, 11, 26),
    )
    .unwrap();
    assert!(
        d.rows[0].detail.ends_with("完成 2026-10-15"),
        "{:?}",
        d.rows
    );

    // A demand's 办结 redated after its 办理时限: resolved late.
    let (d, dept) = a_demand(&mut s, "城管科");
    resolved_on_the_10th(&mut s, &d, &dept);
    let on_time = |s: &Store| {
        let t = figures(s, "2026-11");
        (t["demands.resolved"], t["demands.resolved_on_time"])
    };
    assert_eq!(on_time(&s), (1, 1));
    let v = s
        .write(&ctx(), |tx| {
            demands::redate_step(tx, &d, "2026-11-21", None)
        })
        .unwrap();
    assert_eq!(v.resolved_on.as_deref(), Some("2026-11-21"));
    assert_eq!(on_time(&s), (1, 0));
    assert_eq!(
        ops(&s, "demands", &d).last().map(String::as_str),
        Some("改日期")
    );

    // An open demand past its 办理时限 (11-20), received on 11-01: in November's
    // counts as 逾期; beside a later span's, as received before it and overdue.
    let (open, _) = a_demand(&mut s, "城建科");
    let stats = |p: &str| demands::stats_in(s.conn(), p, day(2026, 11, 26)).unwrap();
    assert_eq!(
        (stats("2026-11").overdue, stats("2026-11").overdue_earlier),
        (1, 0)
    );
    let later = stats("2026-11-21..2026-11-26");
    assert_eq!((later.overdue, later.overdue_earlier), (0, 1), "{open}");
}

/// 改日期 on an earlier step (probe Y: an evaluated project's 完成日期, a 回访ed
/// demand's 办结, could be mended only by 退回): between the steps around it; the
/// date it set moves with it; the 登记 and a change of 办理时限 are not offered.
#[test]
fn an_earlier_step_is_redated_between_its_neighbours() {
    let (mut s, village, partner) = township_with_partner();
    let p = project_in(&mut s, &village, "2026-06-01").unwrap().id;
    s.write(&ctx(), |tx| {
        cobuild::claim(tx, None, &p, &partner, "2026-06-10")
    })
    .unwrap();
    project_move(&mut s, &p, "in_progress", "2026-06-15", "").unwrap();
    project_move(&mut s, &p, "completed", "2026-07-15", "现场验收").unwrap();
    let v = project_move(&mut s, &p, "evaluated", "2026-10-20", "").unwrap();
    assert_eq!(v.redatable_steps, [1, 2, 3, 4]);
    let redate = |s: &mut Store, date: &str, index: usize| {
        s.write(&ctx(), |tx| {
            cobuild::redate_step(tx, None, &p, date, Some(index))
        })
    };
    // 完成 (step 3) not after the 评价 that follows it, nor before 实施.
    let e = redate(&mut s, "2026-10-21", 3).unwrap_err();
    assert!(
        e.to_string().contains("不能晚于下一步的日期 2026-10-20"),
        "{e}"
    );
    let e = redate(&mut s, "2026-06-14", 3).unwrap_err();
    assert!(
        e.to_string().contains("不能早于上一步的日期 2026-06-15"),
        "{e}"
    );
    assert!(
        redate(&mut s, "2026-05-01", 0).is_err(),
        "the 登记 is not a step to redate"
    );
    assert!(redate(&mut s, "2026-10-20", 9).is_err());
    let v = redate(&mut s, "2026-10-10", 3).unwrap();
    assert_eq!(v.actual_end.as_deref(), Some("2026-10-10"));
    assert_eq!(v.events[3].date, "2026-10-10");
    assert_eq!(v.events[4].date, "2026-10-20", "the 评价 stays");
    let completed = |s: &Store, period: &str| figures(s, period)["cobuild.projects_completed"];
    assert_eq!((completed(&s, "2026Q3"), completed(&s, "2026Q4")), (0, 1));
    // 实施 (step 2) moves 实际开始 with it.
    let v = redate(&mut s, "2026-06-20", 2).unwrap();
    assert_eq!(v.actual_start.as_deref(), Some("2026-06-20"));

    // A demand 办结 on the 10th and 回访ed: its 办结 redated late, resolved late.
    let (d, dept) = a_demand(&mut s, "城管科");
    resolved_on_the_10th(&mut s, &d, &dept);
    let v = demand_move(&mut s, &d, &dept, "called_back", "2026-11-24", "").unwrap();
    let resolved_at = v
        .history
        .iter()
        .position(|e| e.to.as_str() == "resolved")
        .unwrap();
    assert!(v.redatable_steps.contains(&resolved_at));
    let v = s
        .write(&ctx(), |tx| {
            demands::redate_step(tx, &d, "2026-11-21", Some(resolved_at))
        })
        .unwrap();
    assert_eq!(v.resolved_on.as_deref(), Some("2026-11-21"));
    let t = figures(&s, "2026-11");
    assert_eq!(
        (t["demands.resolved"], t["demands.resolved_on_time"]),
        (1, 0)
    );
    let e = s
        .write(&ctx(), |tx| {
            demands::redate_step(tx, &d, "2026-11-25", Some(resolved_at))
        })
        .unwrap_err();
    assert!(
        e.to_string().contains("不能晚于下一步的日期 2026-11-24"),
        "{e}"
    );
}
