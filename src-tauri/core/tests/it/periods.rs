//! Periods (issue 14, item 2) and the county report shaped for counties (item 4):
//! event keys counted inside a period, stock keys as of its last day; the same
//! figures at the township and at the county that received its file; one row per
//! office with its rates and rank.

use gridledger_core::base::period::Period;
use gridledger_core::cobuild::{Claim, Project, ProjectStatus};
use gridledger_core::demands::{Demand, Status as DemandStatus, WorkingMeeting};
use gridledger_core::exchange::report::{self, Records, Rule, KEYS, RULES};
use gridledger_core::hierarchy::{self, Unit, UnitInput, UnitKind};
use gridledger_core::kinds::ImportKind;
use gridledger_core::party::{self, Branch, BranchInput, Meeting, Member};
use gridledger_core::people::{self, Person, Role, RoleKind, Status};
use gridledger_core::surveys::{CallResult, Callback};
use gridledger_core::training::{TrainingParticipant, TrainingSession};
use gridledger_core::Store;

use crate::support::*;

fn period(s: &str) -> Period {
    Period::parse("period", s).unwrap()
}

fn s(x: &str) -> String {
    x.to_string()
}

fn demand(id: &str, received: &str, resolved: Option<&str>, deadline: Option<&str>) -> Demand {
    Demand {
        id: s(id),
        received_on: s(received),
        resolved_on: resolved.map(s),
        deadline: deadline.map(s),
        status: if resolved.is_some() {
            DemandStatus::Resolved
        } else {
            DemandStatus::Accepted
        },
        ..Default::default()
    }
}

fn worker(id: &str, start: Option<&str>, status: Status, role: RoleKind, grid: &str) -> Person {
    Person {
        id: s(id),
        name: s(id),
        start_date: start.map(s),
        status,
        roles: vec![Role {
            role,
            employment: None,
            unit_ids: vec![s(grid)],
        }],
        ..Default::default()
    }
}

fn branch(id: &str, compound: &str, last: &str) -> Branch {
    Branch {
        id: s(id),
        compound_id: s(compound),
        exists: true,
        structure_on: Some(s("2026-01-05")),
        duties_on: Some(s("2026-02-05")),
        identity_on: Some(s(last)),
        ..Default::default()
    }
}

fn session(id: &str, date: &str) -> TrainingSession {
    TrainingSession {
        id: s(id),
        date: s(date),
        ..Default::default()
    }
}

fn attended(
    id: &str,
    session: &str,
    person: Option<&str>,
    head_count: Option<i64>,
) -> TrainingParticipant {
    TrainingParticipant {
        id: s(id),
        session_id: s(session),
        person_id: person.map(s),
        name: s(person.unwrap_or("")),
        head_count,
        community_id: head_count.map(|_| s("v1")),
        ..Default::default()
    }
}

/// Records dated on both sides of the edges of 2026Q3 (07-01 .. 09-30) and of a
/// span across New Year, built by hand so every figure below is counted by eye.
fn dated() -> Records {
    let unit = |id: &str, kind| Unit {
        id: s(id),
        kind,
        ..Default::default()
    };
    let project = |id: &str, claimed: &str, completed: &str| Project {
        id: s(id),
        status: ProjectStatus::Completed,
        claims: vec![Claim {
            partner_unit_id: s("p"),
            claimed_on: s(claimed),
        }],
        actual_end: Some(s(completed)),
        ..Default::default()
    };
    Records {
        units: vec![
            unit("g1", UnitKind::BaseGrid),
            unit("g2", UnitKind::BaseGrid),
            unit("c1", UnitKind::Compound),
            unit("c2", UnitKind::Compound),
        ],
        people: vec![
            worker(
                "p-0930",
                Some("2026-09-30"),
                Status::Active,
                RoleKind::GridWorker,
                "g1",
            ),
            worker(
                "p-1001",
                Some("2026-10-01"),
                Status::Active,
                RoleKind::GridWorker,
                "g2",
            ),
            worker(
                "p-undated",
                None,
                Status::Active,
                RoleKind::GridWorker,
                "g1",
            ),
            worker(
                "p-left",
                Some("2020-01-01"),
                Status::Left,
                RoleKind::GridWorker,
                "g2",
            ),
            worker("cw", None, Status::Active, RoleKind::CommunityWorker, "c1"),
        ],
        party_branches: vec![
            branch("b1", "c1", "2026-09-30"),
            branch("b2", "c2", "2026-10-01"),
        ],
        committee_members: [
            (Some("2026-10-01"), None),
            (None, None),
            (Some("2026-09-30"), None),
            (None, Some("2026-08-31")),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (start, end))| Member {
            id: format!("m{i}"),
            name: format!("委员{i}"),
            part_time: true,
            term_start: start.map(s),
            term_end: end.map(s),
            ..Default::default()
        })
        .collect(),
        joint_meetings: ["2026-06-30", "2026-07-01", "2026-09-30", "2026-10-01"]
            .iter()
            .enumerate()
            .map(|(i, d)| Meeting {
                id: format!("m{i}"),
                held_on: s(d),
                ..Default::default()
            })
            .collect(),
        working_meetings: vec![WorkingMeeting {
            id: s("w1"),
            held_on: s("2026-07-15"),
            ..Default::default()
        }],
        projects: vec![
            project("pr-in", "2026-08-01", "2026-09-30"),
            project("pr-out", "2026-10-01", "2026-10-01"),
        ],
        demands: vec![
            // Received before the quarter, resolved in it, late.
            demand("d1", "2026-06-30", Some("2026-07-15"), Some("2026-07-10")),
            // Received on its first day, resolved on its last, on time.
            demand("d2", "2026-07-01", Some("2026-09-30"), Some("2026-09-30")),
            // Received on its last day, resolved after it.
            demand("d3", "2026-09-30", Some("2026-10-01"), None),
            demand("d4", "2026-10-01", None, None),
        ],
        training_sessions: vec![
            session("t0630", "2026-06-30"),
            session("t0701", "2026-07-01"),
            session("t0930", "2026-09-30"),
            session("t1215", "2025-12-15"),
            session("t0110", "2026-01-10"),
        ],
        training_participants: vec![
            attended("a1", "t0701", Some("cw"), None),
            attended("a2", "t0930", Some("cw"), None),
            attended("a3", "t0630", None, Some(5)),
            attended("a4", "t1215", None, Some(7)),
        ],
        callbacks: ["2026-09-30", "2026-10-01"]
            .iter()
            .enumerate()
            .map(|(i, d)| Callback {
                id: format!("cb{i}"),
                called_on: s(d),
                result: CallResult::Satisfied,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn every_key_has_one_rule() {
    let ruled: Vec<&str> = RULES.iter().map(|(k, _)| *k).collect();
    let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    assert_eq!(ruled, keys, "RULES lists every key once, in KEYS order");
    let events: Vec<&str> = RULES
        .iter()
        .filter(|(_, r)| !matches!(r, Rule::Stock(_)))
        .map(|(k, _)| *k)
        .collect();
    for k in [
        "demands.received",
        "demands.resolved",
        "party.joint_meetings",
        "coordination.meetings",
        "cobuild.projects_completed",
        "training.sessions",
        "assessment.callbacks",
    ] {
        assert!(events.contains(&k), "{k} is an event");
    }
    for k in [
        "grids.base",
        "people.grid_workers",
        "compounds.sanliang_complete",
    ] {
        assert!(!events.contains(&k), "{k} is a stock");
    }
}

#[test]
fn events_count_inside_the_period_and_stocks_as_of_its_end() {
    let r = dated();
    let today = day(2026, 11, 26);
    let t = report::totals_in(&r, &period("2026Q3"), today);
    let got = |k: &str| t[k];
    // Events: the edges 07-01 and 09-30 are in, 06-30 and 10-01 are not.
    assert_eq!(got("demands.received"), 2, "d2, d3");
    assert_eq!(got("demands.resolved"), 2, "d1 (07-15), d2 (09-30)");
    assert_eq!(got("demands.resolved_on_time"), 1, "d2");
    assert_eq!(got("party.joint_meetings"), 2);
    assert_eq!(got("coordination.meetings"), 1);
    assert_eq!(got("cobuild.projects_completed"), 1);
    assert_eq!(got("training.sessions"), 2, "07-01 and 09-30");
    assert_eq!(
        got("training.person_times"),
        2,
        "cw twice; the head count of 06-30 is out"
    );
    assert_eq!(got("training.community_workers_trained"), 1);
    assert_eq!(got("assessment.callbacks"), 1);
    assert_eq!(got("assessment.satisfaction"), 1);
    // Stocks on 09-30: the worker started 10-01 is not there yet, the one who left
    // is not in post; units carry no date.
    assert_eq!(got("people.grid_workers"), 2, "p-0930 and p-undated");
    assert_eq!(got("grids.base"), 2);
    assert_eq!(got("compounds.total"), 2);
    assert_eq!(got("compounds.sanliang_complete"), 1, "b2 completed 10-01");
    assert_eq!(got("cobuild.projects_claimed"), 1, "pr-out claimed 10-01");
    assert_eq!(
        got("party.part_time_members"),
        2,
        "the term begun 09-30 and the undated one; not the term from 10-01, nor the one ended 08-31"
    );
    assert_eq!(report::staffed_base_grids(&r, &period("2026Q3"), today), 1);

    // The quarter before: d1 received 06-30, the meeting of 06-30, the head count.
    let q2 = report::totals_in(&r, &period("2026Q2"), today);
    assert_eq!(q2["demands.received"], 1);
    assert_eq!(q2["demands.resolved"], 0);
    assert_eq!(q2["party.joint_meetings"], 1);
    assert_eq!(q2["training.person_times"], 5);
    assert_eq!(q2["people.grid_workers"], 1, "only the undated worker");
    assert_eq!(
        q2["party.part_time_members"], 2,
        "the undated member and the term that ended 08-31"
    );

    // A month, and a quarter not over yet: counted up to today (11-26).
    let oct = report::totals_in(&r, &period("2026-10"), today);
    assert_eq!(oct["demands.received"], 1);
    assert_eq!(oct["demands.resolved"], 1, "d3 resolved 10-01");
    assert_eq!(oct["demands.resolved_on_time"], 1, "no deadline");
    assert_eq!(oct["people.grid_workers"], 3);
    assert_eq!(oct["party.part_time_members"], 3);
    let on_10_01 = report::totals_in(&r, &period("2026Q4"), day(2026, 10, 1));
    assert_eq!(on_10_01["party.joint_meetings"], 1);
    let on_09_30 = report::totals_in(&r, &period("2026Q4"), day(2026, 9, 30));
    assert_eq!(
        on_09_30["party.joint_meetings"], 0,
        "a quarter not begun counts no event"
    );

    // A span across New Year keeps the sessions of both years (the year-bound
    // training keys count by the period, not by the count day's year).
    let winter = report::totals_in(&r, &period("2025-12-01..2026-01-31"), today);
    assert_eq!(winter["training.sessions"], 2);
    assert_eq!(winter["training.person_times"], 7);
}

#[test]
fn drill_down_lists_what_the_period_counts() {
    let mut st = Store::open_in_memory().unwrap();
    party_township(&mut st);
    let today = day(2026, 11, 26);
    // 阳光花园's 三亮 was complete on 2025-05-01: in 2025 and after, not in 2024.
    for (p, n) in [("2024", 0), ("2025", 1), ("2026Q4", 1)] {
        let p = period(p);
        let d = report::drill_in(
            st.conn(),
            "own",
            "compounds.sanliang_complete",
            Some(&p),
            today,
        )
        .unwrap();
        assert_eq!(d.count, n, "{p}");
        assert_eq!(d.period, p.to_string());
        let t = report::own_totals_in(st.conn(), &p, today).unwrap();
        assert_eq!(t["compounds.sanliang_complete"], n as i64);
    }
    let d = report::drill_in(
        st.conn(),
        "own",
        "people.grid_workers",
        Some(&period("2026")),
        today,
    )
    .unwrap();
    assert_eq!(
        d.code_label, "联系电话",
        "a masked phone is labelled as such"
    );
    assert!(
        d.rows.iter().all(|r| r.code.contains("****")),
        "{:?}",
        d.rows
    );
    // The workbook: a title with the period, the names under 姓名, then the phone
    // column under 联系电话, masked.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("明细.xlsx");
    report::write_drill_xlsx(st.conn(), &out, &d, "2026年", today).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let sheet = wb.worksheet_range("明细").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "青溪街道在岗网格员明细");
    assert!(rows[1][0].contains("统计期间 2026年"), "{:?}", rows[1]);
    // A person's role, 专职/兼职, 村/社区 and grid each in a column a reviewer
    // filters by (all in one 情况 cell before: probe AO).
    assert_eq!(
        rows[2],
        [
            "序号",
            "单位",
            "姓名",
            "联系电话",
            "身份",
            "专职/兼职",
            "所属村/社区",
            "所在网格/小区"
        ]
    );
    assert_eq!(rows.len(), 3 + 3, "three grid workers");
    assert!(rows[3][3].contains("****"), "{:?}", rows[3]);
    assert!(
        rows[3..]
            .iter()
            .all(|r| r[4] == "网格员" && !r[7].is_empty()),
        "{rows:?}"
    );
    let d = report::drill_in(st.conn(), "own", "grids.base", Some(&period("2026")), today).unwrap();
    assert_eq!(d.code_label, "代码");
    assert_eq!(d.name_label, "名称");
}

/// The own totals by aggregate queries are what the records give, for every key
/// and period (the demo township: people, demands, meetings, training …).
#[test]
fn aggregates_for_a_period_equal_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let today = ctx().today();
    // Received in one quarter, resolved in the next.
    let late = dir.path().join("跨期诉求.csv");
    std::fs::write(
        &late,
        "诉求事项,类别,诉求内容,受理日期,状态,承办部门,交办日期,办结日期,办理结果\n\
         跨季度办结的诉求,市政设施,路面塌陷,2026-09-20,已办结,城管科,2026-09-21,2026-10-10,已修复\n",
    )
    .unwrap();
    let sum = commit_file(
        &mut qx.store,
        &gridledger_core::kinds::ImportKind::parse("demands").unwrap(),
        &late,
    );
    assert_eq!(sum.created, 1, "{sum:?}");
    let records = Records::own(qx.store.conn()).unwrap();
    for p in [
        "2026",
        "2026Q4",
        "2026Q3",
        "2026-11",
        "2025",
        "2026-09-15..2026-11-20",
    ] {
        let listed = gridledger_core::demands::stats_in(qx.store.conn(), p, today).unwrap();
        let p = period(p);
        let by_sql = report::own_totals_in(qx.store.conn(), &p, today).unwrap();
        assert_eq!(by_sql, report::totals_in(&records, &p, today), "{p}");
        // The 诉求 list's counts for the period say what 首页 and 统计 say.
        assert_eq!(
            [listed.received, listed.resolved, listed.resolved_on_time].map(|n| n as i64),
            [
                by_sql["demands.received"],
                by_sql["demands.resolved"],
                by_sql["demands.resolved_on_time"]
            ],
            "{p}"
        );
    }
    // The period matters: the demo's demands and meetings are not all in one month.
    let year = report::own_totals_in(qx.store.conn(), &period("2026"), today).unwrap();
    let all = report::own_totals(qx.store.conn(), today).unwrap();
    assert!(year["demands.received"] > 0);
    assert_eq!(year["grids.base"], all["grids.base"]);
}

/// A county recounts any period from the records the packages carry and gets the
/// township's own figures.
#[test]
fn the_county_counts_any_period_as_the_township_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    // Both count on the day the file was exported (the tests' today).
    let today = ctx().today();
    for p in [
        "2026",
        "2026Q4",
        "2026Q3",
        "2026-11",
        "2025",
        "2026-10-01..2026-11-15",
    ] {
        let p = period(p);
        let own = report::own_totals_in(qx.store.conn(), &p, today).unwrap();
        let r = report::period_report(county.store.conn(), &p, today).unwrap();
        assert_eq!(r.rows.len(), 1, "the county's own ledger is empty: no row");
        assert_eq!(r.rows[0].code, "320115101000");
        assert_eq!(r.rows[0].figures, own, "{p}");
        assert_eq!(r.total.figures, own, "{p}");
        let at_township = report::period_report(qx.store.conn(), &p, today).unwrap();
        assert_eq!(at_township.rows[0].rates, r.rows[0].rates, "{p}");
        assert_eq!(at_township.total.previous, r.total.previous, "{p}");
        // The drill-down at the county lists what the figure counts.
        let d = report::drill_in(
            county.store.conn(),
            "320115101000",
            "demands.received",
            Some(&p),
            today,
        )
        .unwrap();
        assert_eq!(d.count as i64, own["demands.received"], "{p}");
    }
}

/// 梧桐镇: 4 base grids, one with a grid worker; 2 compounds, both with all three 亮.
fn wutong(dir: &std::path::Path) -> Office {
    let mut o = office(dir, "township", "320115102000", "梧桐镇", false);
    o.store
        .write(&ctx(), |tx| {
            let v = unit(tx, "village", None, "320115102001", "梧桐社区");
            let mut compounds = Vec::new();
            for (code, name) in [("W01", "梧桐苑"), ("W02", "银杏里")] {
                compounds.push(unit(tx, "compound", Some(&v), code, name));
            }
            let mut grids = Vec::new();
            for i in 1..=4 {
                grids.push(unit(
                    tx,
                    "base_grid",
                    Some(&compounds[0]),
                    &format!("WG{i}"),
                    &format!("梧桐第{i}网格"),
                ));
            }
            person(
                tx,
                11,
                "赵敏",
                vec![role("grid_worker", Some("full_time"), &[&grids[0]])],
            );
            for c in &compounds {
                party::save_branch(
                    tx,
                    None,
                    c,
                    &BranchInput {
                        exists: true,
                        secretary: "钱程".into(),
                        structure_on: "2025-03-01".into(),
                        duties_on: "2025-03-01".into(),
                        identity_on: "2025-03-01".into(),
                        note: String::new(),
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    o
}

/// A 三亮 board taken down (撤下) keeps counting in the periods before its day, at
/// the township and, through the package, at the county; a date cleared as a
/// mistake (no 撤下日期) counts as never published (probe AI: clearing 杨家组's
/// 亮党员身份 took 2025's 三亮齐全 from 9 to 8 unsaid).
#[test]
fn a_sanliang_item_taken_down_counts_in_the_periods_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut wt = wutong(dir.path());
    let compound = |st: &Store, code: &str| {
        hierarchy::list(st.conn())
            .unwrap()
            .into_iter()
            .find(|u| u.code == code)
            .unwrap()
            .id
    };
    let (w01, w02) = (compound(&wt.store, "W01"), compound(&wt.store, "W02"));
    let full = |identity_on: &str, taken_down_on: &str| BranchInput {
        exists: true,
        secretary: "钱程".into(),
        structure_on: "2025-03-01".into(),
        duties_on: "2025-03-01".into(),
        identity_on: identity_on.into(),
        taken_down_on: taken_down_on.into(),
        ..Default::default()
    };
    let save = |st: &mut Store, id: &str, input: &BranchInput| {
        st.write(&ctx(), |tx| party::save_branch(tx, None, id, input))
    };
    // A 撤下日期 not after the day it went up, or after today, is refused.
    for (until, says) in [
        ("2025-03-01", "要晚于公示的日期"),
        ("2026-12-01", "晚于今天"),
    ] {
        let e = save(&mut wt.store, &w01, &full("", until)).unwrap_err();
        assert!(e.to_string().contains(says), "{until}: {e}");
    }
    // W01's 党员身份 taken down on 15 November; W02's cleared as a mistake.
    let v = save(&mut wt.store, &w01, &full("", "2026-11-15")).unwrap();
    assert_eq!(
        v.taken_down,
        [party::TakenDown {
            item: "identity".into(),
            from: "2025-03-01".into(),
            until: "2026-11-15".into(),
        }]
    );
    assert!(!v.complete);
    save(&mut wt.store, &w02, &full("", "")).unwrap();
    let today = ctx().today();
    let figures = |conn: &rusqlite::Connection| -> Vec<i64> {
        ["2025", "2026-10", "2026-11-14..2026-11-14", "2026-11"]
            .iter()
            .map(|p| {
                report::own_totals_in(conn, &period(p), today).unwrap()
                    ["compounds.sanliang_complete"]
            })
            .collect()
    };
    assert_eq!(
        figures(wt.store.conn()),
        [1, 1, 1, 0],
        "W01 until 14 November"
    );
    // The county counts the township's periods alike from its package.
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&wt.export());
    let at_county = |p: &str| {
        report::period_report(county.store.conn(), &period(p), today)
            .unwrap()
            .total
            .figures["compounds.sanliang_complete"]
    };
    assert_eq!([at_county("2025"), at_county("2026-11")], [1, 0]);
    // Put up again: counted from then on, and 2025 still counts it.
    // Not put up again before the day it came down (probe AL).
    let e = save(&mut wt.store, &w01, &full("2026-11-10", "")).unwrap_err();
    assert!(
        e.to_string()
            .contains("在 2026-11-15 撤下过，重新公示的日期 2026-11-10 不能早于撤下那天"),
        "{e}"
    );
    // A drill-down of a day names the dates in force then.
    let d = report::drill_in(
        wt.store.conn(),
        "own",
        "compounds.sanliang_complete",
        Some(&period("2026-10")),
        today,
    )
    .unwrap();
    assert!(
        d.rows
            .iter()
            .any(|r| r.detail.ends_with("亮身份 2025-03-01（2026-11-15 撤下）")),
        "{:?}",
        d.rows
    );
    let v = save(&mut wt.store, &w01, &full("2026-11-20", "")).unwrap();
    assert!(v.complete);
    assert_eq!(v.taken_down.len(), 1, "the spell before is kept");
    assert_eq!(figures(wt.store.conn()), [1, 1, 1, 1]);
    let d = report::drill_in(
        wt.store.conn(),
        "own",
        "compounds.sanliang_complete",
        Some(&period("2026-11-16..2026-11-19")),
        today,
    )
    .unwrap();
    assert_eq!(d.count, 0, "between the 撤下 and the new board");
    // The export says it under 撤下记录 (not read back by an import).
    let out = dir.path().join("三亮.xlsx");
    gridledger_core::kinds::export_xlsx(wt.store.conn(), "party-branches", &out, today).unwrap();
    let rows = sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "撤下记录"))
        .unwrap();
    let at = rows[head].iter().position(|c| c == "撤下记录").unwrap();
    let w01_row = rows.iter().find(|r| r.iter().any(|c| c == "W01")).unwrap();
    assert_eq!(w01_row[at], "亮党员身份：2025-03-01 公示，2026-11-15 撤下");
    // A sheet says 撤下 in a date cell: a 撤下 on that day, not a correction (probe AL).
    let csv = dir.path().join("三亮撤下.csv");
    std::fs::write(
        &csv,
        "小区,村/社区,是否成立党支部,支部书记,亮组织架构日期,亮职责日期,亮党员身份日期\n\
         梧桐苑,梧桐社区,是,钱程,2025-03-01,撤下 2026-11-25,2026-11-20\n",
    )
    .unwrap();
    let k = ImportKind::parse("party-branches").unwrap();
    let sum = crate::support::commit_file(&mut wt.store, &k, &csv);
    assert_eq!(sum.updated, 1, "{sum:?}");
    let b = party::sanliang(wt.store.conn(), None, false)
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.compound_id == w01)
        .unwrap();
    assert_eq!(b.duties_on, None);
    assert!(
        b.taken_down
            .iter()
            .any(|t| t.item == "duties" && t.until == "2026-11-25"),
        "{:?}",
        b.taken_down
    );
    // Down on the 25th: not on November's count day (the 26th), still on the 14th.
    assert_eq!(figures(wt.store.conn()), [1, 1, 1, 0]);
    // A date emptied in a sheet is a correction, and the preview says what that means.
    std::fs::write(
        &csv,
        "小区,村/社区,是否成立党支部,支部书记,亮组织架构日期,亮职责日期,亮党员身份日期\n\
         梧桐苑,梧桐社区,是,钱程,,撤下 2026-11-25,2026-11-20\n",
    )
    .unwrap();
    let p = k.preview(wt.store.conn(), &csv, today).unwrap();
    assert!(
        p.notes.iter().any(|n| n.contains("会清空已有")
            && n.contains(
                "清空的公示日期按原来填错处理，那以后的各期（包括已经报送的）都按没有公示统计"
            )),
        "{:?}",
        p.notes
    );
}

/// 江宁区 holding the packages of 青溪街道 (the demo) and 梧桐镇: (梧桐镇, 江宁区).
fn county_of_two(dir: &std::path::Path) -> (Office, Office) {
    let mut qx = office(dir, "township", "320115101000", "青溪街道", true);
    let mut wt = wutong(dir);
    let mut county = office(dir, "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    county.receive(&wt.export());
    (wt, county)
}

#[test]
fn the_county_report_has_a_row_per_township_with_rates_and_rank() {
    let dir = tempfile::tempdir().unwrap();
    // 青溪街道 (party_township): 3 base grids, each with a worker; 3 compounds, 1 complete.
    let path = {
        let mut st = Store::open(&dir.path().join("qx.db")).unwrap();
        party_township(&mut st);
        let out = dir.path().join("qx-out");
        std::fs::create_dir_all(&out).unwrap();
        gridledger_core::exchange::package::export(&mut st, &ctx(), &out)
            .unwrap()
            .path
    };
    let mut wt = wutong(dir.path());
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(std::path::Path::new(&path));
    county.receive(&wt.export());
    let today = ctx().today();
    let r = report::period_report(county.store.conn(), &period("2026"), today).unwrap();
    let names: Vec<&str> = r.rows.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        ["青溪街道", "梧桐镇"],
        "one row per township, none for the empty county ledger"
    );
    let (qx_row, wt_row) = (&r.rows[0], &r.rows[1]);
    assert_eq!(qx_row.rates.coverage, Some(100.0));
    assert_eq!(qx_row.rates.sanliang, Some(33.3), "1 of 3");
    assert_eq!(qx_row.rates.on_time, None, "no demand resolved");
    assert_eq!(wt_row.rates.coverage, Some(25.0), "1 of 4");
    assert_eq!(wt_row.rates.sanliang, Some(100.0));
    // The total row sums the figures and takes its rates from the sums.
    assert_eq!(r.total.figures["grids.base"], 7);
    assert_eq!(r.total.staffed_base_grids, 4);
    assert_eq!(r.total.rates.coverage, Some(57.1), "4 of 7");
    assert_eq!(r.total.rates.sanliang, Some(60.0), "3 of 5");
    // Ranked by 三亮率: 梧桐镇 first; by coverage: 青溪街道 first.
    let by = |col: &str| -> Vec<(Option<usize>, String)> {
        report::ranked(&r, col)
            .unwrap()
            .into_iter()
            .map(|(n, o)| (n, o.name.clone()))
            .collect()
    };
    assert_eq!(
        by("sanliang"),
        [(Some(1), s("梧桐镇")), (Some(2), s("青溪街道"))]
    );
    assert_eq!(
        by("coverage"),
        [(Some(1), s("青溪街道")), (Some(2), s("梧桐镇"))]
    );
    assert_eq!(
        by("compounds.total"),
        [(Some(1), s("青溪街道")), (Some(2), s("梧桐镇"))],
        "3 compounds before 2"
    );
    // No demand anywhere: no rate, no rank, in code order.
    assert_eq!(by("onTime"), [(None, s("青溪街道")), (None, s("梧桐镇"))]);
    assert!(report::ranked(&r, "no.such").is_err());
    // 2024: no 三亮 yet (published in 2025), grids undated.
    let old = report::period_report(county.store.conn(), &period("2024"), today).unwrap();
    assert_eq!(old.total.rates.sanliang, Some(0.0));
    assert_eq!(old.total.figures["grids.base"], 7);
    // The county's own ledger gets a row once it has records.
    county
        .store
        .write(&ctx(), |tx| {
            unit(tx, "village", None, "320115000001", "区直社区");
            Ok(())
        })
        .unwrap();
    let r = report::period_report(county.store.conn(), &period("2026"), today).unwrap();
    assert_eq!(r.rows.last().unwrap().scope, "own");
    // The county's own ledger is a row, never ranked among its townships: a county
    // with more base grids of its own than either was ranked 1st and pushed them down.
    county
        .store
        .write(&ctx(), |tx| {
            let v = gridledger_core::hierarchy::create(
                tx,
                &gridledger_core::hierarchy::UnitInput {
                    kind: "village".into(),
                    code: "320115000009".into(),
                    name: "区直属社区".into(),
                    area_type: "urban".into(),
                    ..Default::default()
                },
            )?;
            for n in 1..=9 {
                gridledger_core::hierarchy::create(
                    tx,
                    &gridledger_core::hierarchy::UnitInput {
                        kind: "base_grid".into(),
                        parent_id: Some(v.id.clone()),
                        code: format!("320115000009{n:03}"),
                        name: format!("直属第{n}网格"),
                        area_type: "urban".into(),
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    let r = report::period_report(county.store.conn(), &period("2026"), today).unwrap();
    assert!(r.rows.iter().any(|o| o.scope == "own"));
    assert!(r.not_reported.is_empty());
    // An office on the expected list with no file is named, not silently left out.
    expect_chunhua(&mut county.store);
    let r = report::period_report(county.store.conn(), &period("2026"), today).unwrap();
    assert_eq!(r.not_reported, ["淳化街道"]);
    assert!(r.rows.iter().all(|o| o.code != "320115103000"));
    let ranks: Vec<(Option<usize>, &str)> = report::ranked(&r, "grids.base")
        .unwrap()
        .into_iter()
        .map(|(n, o)| (n, o.scope.as_str()))
        .collect();
    assert_eq!(ranks.iter().find(|(_, s)| *s == "own").unwrap().0, None);
    let ranked: Vec<usize> = ranks.iter().filter_map(|(n, _)| *n).collect();
    assert_eq!(ranked, [1, 2], "{ranks:?}");
}

#[test]
fn the_period_workbook_has_a_row_per_office_and_keys_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let (_wutong, county) = county_of_two(dir.path());
    let out = dir.path().join("统计.xlsx");
    report::write_period_xlsx(county.store.conn(), &out, &period("2026Q4"), ctx().today()).unwrap();
    crate::import_headers::each_row_written_once(&out);
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["按单位", "汇总"]);
    let sheet = wb.worksheet_range("按单位").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(rows[1][0].contains("2026年第四季度"), "{:?}", rows[1]);
    // A span is said once (it read 2026-10-01至2026-11-15（2026-10-01 至 2026-11-15）).
    let span = dir.path().join("统计-自定义.xlsx");
    report::write_period_xlsx(
        county.store.conn(),
        &span,
        &period("2026-10-01..2026-11-15"),
        ctx().today(),
    )
    .unwrap();
    let line = &crate::support::sheet_rows(&span)[1][0];
    assert!(line.ends_with("统计期间 2026-10-01至2026-11-15"), "{line}");
    // A period not over says up to today, as the screen does (it read 至 12-31).
    let today = ctx().today();
    let year = gridledger_core::base::period::Period::year_of(today);
    let this_year = dir.path().join("统计-本年.xlsx");
    report::write_period_xlsx(county.store.conn(), &this_year, &year, today).unwrap();
    let line = &crate::support::sheet_rows(&this_year)[1][0];
    if today < year.to {
        assert!(line.ends_with(&format!("（截至 {today}）")), "{line}");
    }
    assert_eq!(
        &rows[2][..8],
        [
            "序号",
            "单位",
            "区划代码",
            "数据截至",
            "网格覆盖率",
            "三亮率",
            "按期办结率",
            "满意率"
        ]
    );
    assert!(
        rows[2].iter().all(|h| !h.contains('.')),
        "no key on screen: {:?}",
        rows[2]
    );
    assert!(rows[2].contains(&s("收到的诉求")));
    let names: Vec<&str> = rows[3..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["青溪街道", "梧桐镇", "合计"]);
    // A rate is a number shown as a percentage (a reviewer could not sort '25.0%').
    assert_eq!(sheet.get_value((4, 4)), Some(&calamine::Data::Float(0.25)));
    // Each office's day its figures stand on; 合计 is no office: no 序号, no day.
    // A date a reviewer sorts by (it was text: probe AO).
    match sheet.get_value((3, 3)) {
        Some(calamine::Data::DateTime(d)) => assert_eq!(
            d.as_datetime().map(|t| t.date().to_string()).as_deref(),
            Some("2026-11-26")
        ),
        other => panic!("数据截至 is no date: {other:?}"),
    }
    assert_eq!((rows[5][0].as_str(), rows[5][3].as_str()), ("", ""));
    let sum = wb.worksheet_range("汇总").unwrap();
    assert!(sum.rows().any(|r| r[2] == "demands.received"));

    // An expected office with no file: said under the table, as on screen.
    let mut county = county;
    expect_chunhua(&mut county.store);
    report::write_period_xlsx(county.store.conn(), &out, &period("2026Q4"), ctx().today()).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    for sheet in ["按单位", "汇总"] {
        let range = wb.worksheet_range(sheet).unwrap();
        let last: Vec<String> = range
            .rows()
            .next_back()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            last[0], "未报送（不在表中，也不在合计里）：淳化街道",
            "{sheet}"
        );
        // Across the table's width, wrapped there, not running off the page.
        let width = range.rows().nth(2).unwrap().len() as u32;
        let at = range.end().unwrap().0;
        let merged = wb.merge_cells_by_sheet_name(sheet).unwrap();
        assert!(
            merged
                .iter()
                .any(|d| d.start == (at, 0) && d.end == (at, width - 1)),
            "{sheet}: {merged:?}"
        );
    }
    // The headers' row as tall as its longest header wrapped in its column (one
    // line high, only a long header's last line showed).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    let header_row = &sheet[sheet.find("<row r=\"3\"").unwrap()..][..80];
    assert!(header_row.contains("customHeight=\"1\""), "{header_row}");
}

/// A grid worker who left in November was in post at the end of the third quarter:
/// the township counts them for 2026Q3 and not for 2026Q4, and so does the county
/// from the package (format 2.4 carries the dated 离岗/复岗). One who left in
/// August and came back in November is out for Q3 and in for Q4. Two grid workers
/// are always in post (the base line).
#[test]
fn people_who_left_after_a_period_are_counted_in_it_at_the_township_and_the_county() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let (left_nov, back_nov) = qx
        .store
        .write(&ctx_on(2026, 7, 1), |tx| {
            let v = unit(tx, "village", None, "320115101001", "青溪社区");
            let c = unit(tx, "compound", Some(&v), "C01", "青溪苑");
            let g = unit(tx, "base_grid", Some(&c), "G01", "青溪第1网格");
            // 李四 alone also serves G02: it is staffed only while 李四 is in post.
            let g2 = unit(tx, "base_grid", Some(&c), "G02", "青溪第2网格");
            let gw = || vec![role("grid_worker", Some("full_time"), &[g.as_str()])];
            let both = vec![role("grid_worker", Some("full_time"), &[&g, &g2])];
            person(tx, 1, "赵一", gw());
            person(tx, 2, "钱二", gw());
            Ok((person(tx, 3, "孙三", gw()), person(tx, 4, "李四", both)))
        })
        .unwrap();
    let set = |store: &mut Store, id: &str, status: &str, on: (i32, u32, u32)| {
        store
            .write(&ctx_on(on.0, on.1, on.2), |tx| {
                let mut input = people::input_of(&people::get(tx, id)?);
                input.status = status.into();
                input.effective_date = format!("{}-{:02}-{:02}", on.0, on.1, on.2);
                people::update(tx, id, &input).map(|_| ())
            })
            .unwrap();
    };
    set(&mut qx.store, &back_nov, "left", (2026, 8, 10));
    set(&mut qx.store, &left_nov, "left", (2026, 11, 5));
    set(&mut qx.store, &back_nov, "active", (2026, 11, 20));
    // Registered on 11-02, in post since 11-01 and on the 公示牌: not in Q3 or 2026-10.
    qx.store
        .write(&ctx_on(2026, 11, 2), |tx| {
            let g = people::get(tx, &left_nov)?.roles[0].unit_ids.clone();
            let late = person(
                tx,
                5,
                "周五",
                vec![role("grid_worker", Some("full_time"), &[g[0].as_str()])],
            );
            let mut input = people::input_of(&people::get(tx, &late)?);
            input.start_date = "2026-11-01".into();
            input.published = true;
            people::update(tx, &late, &input).map(|_| ())
        })
        .unwrap();
    let today = day(2026, 11, 26);
    let key = "people.grid_workers";
    // By hand: Q3 ends 09-30: 赵一, 钱二, 孙三 (left 11-05) = 3; 李四 out since 08-10;
    // 周五 starts 11-01. Q4 (as of today): 赵一, 钱二, 李四 (back 11-20), 周五 = 4; 孙三 left.
    // 2026-10 (ends 10-31): 赵一, 钱二, 孙三 = 3; 2026-08-10 itself: 李四 left that day.
    // Base grids staffed: G01 always, G02 while 李四 is in post (Q4 only).
    let want = [
        ("2026Q3", 3, vec!["赵一", "钱二", "孙三"], 1),
        ("2026Q4", 4, vec!["赵一", "钱二", "李四", "周五"], 2),
        ("2026-10", 3, vec!["赵一", "钱二", "孙三"], 1),
        ("2026-08-01..2026-08-10", 3, vec!["赵一", "钱二", "孙三"], 1),
    ];
    let own_records = Records::own(qx.store.conn()).unwrap();
    for (p, n, names, staffed) in want {
        let p = period(p);
        let own = report::own_totals_in(qx.store.conn(), &p, today).unwrap();
        assert_eq!(own[key], n, "{p} at the township (SQL)");
        let at_township = report::period_report(qx.store.conn(), &p, today).unwrap();
        assert_eq!(at_township.total.staffed_base_grids, staffed, "{p} (SQL)");
        assert_eq!(
            report::staffed_base_grids(&own_records, &p, today),
            staffed,
            "{p} (records)"
        );
        assert_eq!(
            own,
            report::totals_in(&own_records, &p, today),
            "{p}: every key"
        );
        assert_eq!(
            own["people.published"],
            i64::from(n == 4),
            "{p}: 周五 published"
        );
        assert_eq!(
            report::totals_in(&own_records, &p, today)[key],
            n,
            "{p} at the township (records)"
        );
        let mut got: Vec<String> = report::members_in(key, &own_records, &p, today)
            .iter()
            .map(|i| match i {
                report::Item::Person(x) => x.name.clone(),
                _ => String::new(),
            })
            .collect();
        got.sort();
        let mut names: Vec<String> = names.iter().map(|x| x.to_string()).collect();
        names.sort();
        assert_eq!(got, names, "{p}");
    }
    // The package carries the dates; the county counts the same for each period.
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    for p in [
        "2026Q3",
        "2026Q4",
        "2026-10",
        "2026-08-01..2026-08-10",
        "2026",
    ] {
        let p = period(p);
        let own = report::own_totals_in(qx.store.conn(), &p, today).unwrap();
        let r = report::period_report(county.store.conn(), &p, today).unwrap();
        assert_eq!(r.rows[0].figures[key], own[key], "{p} at the county");
        assert_eq!(r.rows[0].figures, own, "{p}");
    }
    // A person read for editing carries no dated changes (they are not edited).
    assert!(people::get(qx.store.conn(), &left_nov)
        .unwrap()
        .status_changes
        .is_empty());
}

/// A package written before format 2.4 has no dated changes: a county counts the
/// people by their status as exported, as it always did.
#[test]
fn without_dated_changes_a_person_counts_by_status() {
    let mut p = worker("p", None, Status::Left, RoleKind::GridWorker, "g");
    assert!(!p.in_post_on("2020-01-01"));
    p.status = Status::Active;
    assert!(p.in_post_on("2020-01-01"));
}

/// A city holds a county's package carrying two townships (青溪 with the demo, and
/// 梧桐). Its figures for a period, kept at receipt for 2026 and 2025 and counted
/// office by office for any other, equal counting every received record at once
/// (as before schema 23); figures kept under other rules are counted again, and a
/// replaced package's are forgotten.
#[test]
fn a_citys_period_figures_kept_or_counted_equal_every_received_record_counted() {
    use gridledger_core::exchange::snapshot_figures;
    let dir = tempfile::tempdir().unwrap();
    let (mut wt, mut county) = county_of_two(dir.path());
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    city.receive(&county.export());
    let today = ctx().today();
    let kept = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM snapshot_period_figures", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(kept(&city.store), 2, "2026 and 2025, at receipt");
    let check = |s: &Store| {
        let conn = s.conn();
        let on = report::as_of(
            &conn
                .query_row("SELECT exported_at FROM snapshots", [], |r| {
                    r.get::<_, String>(0)
                })
                .unwrap(),
        );
        let all = report::snapshot_records(conn, "320115000000", None).unwrap();
        assert!(all.people.len() > 20 && all.units.len() > 20);
        for p in ["2026", "2025", "2026Q3", "2026-11", "2024"] {
            let p = period(p);
            let r = report::period_report(conn, &p, today).unwrap();
            let row = &r.rows[0];
            assert_eq!(row.figures, report::totals_in(&all, &p, on), "{p}");
            let staffed = report::staffed_base_grids(&all, &p, on);
            assert_eq!(row.staffed_base_grids, staffed, "{p}");
            assert!(staffed > 1, "{p}: both townships staff grids");
            assert_eq!(row.previous, report::totals_in(&all, &p.previous(), on));
        }
    };
    check(&city.store);
    // The kept figures are what the report reads…
    let set = |s: &Store, sql: &str| s.conn().execute(sql, []).unwrap();
    set(
        &city.store,
        "UPDATE snapshot_period_figures SET figures_json = '{\"grids.base\": 999}'",
    );
    let year = period("2026");
    let r = report::period_report(city.store.conn(), &year, today).unwrap();
    assert_eq!(r.rows[0].figures["grids.base"], 999);
    // …unless they were kept under other rules: then counted again.
    set(
        &city.store,
        "UPDATE snapshot_period_figures SET rules_version = rules_version - 1",
    );
    check(&city.store);
    // After a start: what is missing or kept under other rules is counted, once.
    let counted = |s: &mut Store| {
        s.write(&ctx(), |tx| snapshot_figures::keep_missing(tx, today))
            .unwrap()
    };
    assert_eq!(counted(&mut city.store), 2);
    assert_eq!(counted(&mut city.store), 0);
    check(&city.store);
    set(&city.store, "DELETE FROM snapshot_period_figures");
    assert_eq!(counted(&mut city.store), 2);
    check(&city.store);
    // A newer package from the county replaces its figures with the new records'.
    wt.store
        .write(&ctx(), |tx| {
            let g = gridledger_core::hierarchy::list(tx)?
                .into_iter()
                .find(|u| u.code == "WG2")
                .unwrap()
                .id;
            person(
                tx,
                12,
                "梧桐新人",
                vec![role("grid_worker", Some("part_time"), &[g.as_str()])],
            );
            Ok(())
        })
        .unwrap();
    county.receive(&wt.export());
    city.receive(&county.export());
    assert_eq!(kept(&city.store), 2);
    check(&city.store);
}

/// A township that exported before its county is counted at the city as of its own
/// export day, as the county counted it: the city's row for the county equals the
/// county's own total (it was counted as of the county's day, and 收到的诉求 the
/// township had not yet received on its day came in).
#[test]
fn a_township_below_a_countys_file_counts_as_of_its_own_export_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let early = gridledger_core::exchange::package::export(
        &mut qx.store,
        &crate::support::ctx_on(2026, 6, 28),
        &qx.out,
    )
    .unwrap();
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(std::path::Path::new(&early.path));
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    let receipt = city.receive(&county.export());
    // The receipt names the township inside and counts its records (the county's
    // own counts alone read as an empty file).
    assert!(
        receipt
            .message
            .contains("，含下级单位 1 个：青溪街道（第 1 次导出）。"),
        "{}",
        receipt.message
    );
    assert!(!receipt.message.contains("人员 0，"), "{}", receipt.message);
    let today = ctx().today();
    let year = period("2026");
    let at_county = report::period_report(county.store.conn(), &year, today).unwrap();
    let at_city = report::period_report(city.store.conn(), &year, today).unwrap();
    let county_total = &at_county.total.figures;
    assert!(
        county_total["demands.received"] > 0,
        "the township had received demands by 06-28"
    );
    assert_eq!(at_city.rows[0].figures, *county_total);
    assert_eq!(at_city.total.figures, *county_total);
}

/// Figures kept under `snapshot_figures::RULES_VERSION` are trusted by every later
/// start, so the number must change whenever what a period counts changes. The demo
/// township's figures for three periods are pinned beside it in
/// `fixtures/period_figures.json`. When this fails: if a rule or key changed, bump
/// `RULES_VERSION`; then (either way) rewrite the file with `GOLDEN_UPDATE=1`.
#[test]
fn period_figures_of_the_demo_are_pinned_to_the_rules_version() {
    use gridledger_core::exchange::snapshot_figures::{self, RULES_VERSION};
    let mut s = Store::open_in_memory().unwrap();
    gridledger_core::demo::fill(&mut s, &ctx()).unwrap();
    let records = Records::own(s.conn()).unwrap();
    let mut got = serde_json::json!({ "rulesVersion": RULES_VERSION });
    for p in ["2026", "2026Q3", "2025"] {
        let (figures, staffed) = snapshot_figures::of_office(&records, &period(p), ctx().today());
        got[p] = serde_json::json!({ "figures": figures, "staffedBaseGrids": staffed });
    }
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/period_figures.json");
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
    }
    let pinned: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        got,
        pinned,
        "the demo's period figures or the rules version changed: bump RULES_VERSION if a \
         rule did, then rewrite {} with GOLDEN_UPDATE=1",
        path.display()
    );
}

/// 淳化街道 on the county's expected list (应报名单), with no file from it.
fn expect_chunhua(store: &mut gridledger_core::Store) {
    use gridledger_core::exchange::senders::{set_expected_many, ExpectedInput};
    store
        .write(&ctx(), |tx| {
            set_expected_many(
                tx,
                &[ExpectedInput {
                    code: "320115103000".into(),
                    name: "淳化街道".into(),
                }],
            )
        })
        .unwrap();
}

/// A 调岗, a change of 专职/兼职 and a 公示 dated after a period's last day leave that
/// period's figures as they were reported (2025's 网格覆盖率 went from 100% to 86.4%
/// after a 2026 调岗): the aggregate queries, the records, 首页's coverage by village
/// and a county recounting the township's package all say so.
#[test]
fn later_role_and_publish_changes_leave_a_closed_period_as_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("qx");
    std::fs::create_dir_all(&out).unwrap();
    let mut store = Store::open(&out.join("g.db")).unwrap();
    let g = grids_township(&mut store);
    let mut qx = Office { store, out };
    let today = ctx().today();
    let change = |s: &mut Store, name: &str, on: &str, f: &dyn Fn(&mut people::PersonInput)| {
        s.write(&ctx(), |tx| {
            let p = people::all(tx)?
                .into_iter()
                .find(|p| p.name == name)
                .unwrap();
            let mut input = people::input_of(&p);
            input.effective_date = on.into();
            f(&mut input);
            people::update(tx, &p.id, &input)
        })
        .unwrap();
    };
    // 王芳 moves from 桃园网格 (g3) to 阳光花园第二网格 on 1 October; 李娜's
    // information is published from that day; 张伟 is 兼职 from 1 September.
    let g2 = g.g2.clone();
    change(&mut qx.store, "王芳", "2026-10-01", &|i| {
        i.roles = vec![role("grid_worker", Some("full_time"), &[&g2])]
    });
    change(&mut qx.store, "李娜", "2026-10-01", &|i| {
        i.published = true
    });
    change(&mut qx.store, "张伟", "2026-09-01", &|i| {
        i.roles[0].employment = Some("part_time".into())
    });
    let records = Records::own(qx.store.conn()).unwrap();
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    // (period, full-time, published, staffed base grids, 桃园村's grid workers)
    for (p, full_time, published, staffed, taoyuan) in [
        ("2026Q2", 3, 0, 3, 1),
        ("2026Q3", 2, 0, 3, 1),
        ("2026Q4", 2, 1, 2, 0),
        ("2026", 2, 1, 2, 0),
    ] {
        let p = period(p);
        let own = report::own_totals_in(qx.store.conn(), &p, today).unwrap();
        assert_eq!(own, report::totals_in(&records, &p, today), "{p}");
        assert_eq!(own["people.grid_workers"], 3, "{p}");
        assert_eq!(own["people.grid_workers_fulltime"], full_time, "{p}");
        assert_eq!(own["people.published"], published, "{p}");
        assert_eq!(own["people.grid_workers_published"], published, "{p}");
        let at_township = report::period_report(qx.store.conn(), &p, today).unwrap();
        assert_eq!(at_township.total.staffed_base_grids, staffed, "{p}");
        assert_eq!(
            report::staffed_base_grids(&records, &p, today),
            staffed,
            "{p}"
        );
        // The county counts the package's records as the township does.
        let at_county = report::period_report(county.store.conn(), &p, today).unwrap();
        assert_eq!(at_county.rows[0].figures, own, "{p}");
        assert_eq!(at_county.rows[0].staffed_base_grids, staffed, "{p}");
        assert_eq!(at_county.rows[0].rates, at_township.total.rates, "{p}");
        // 首页 for the period: coverage by village as of its last day.
        let dash =
            gridledger_core::exchange::dashboard::dashboard_in(qx.store.conn(), today, &p).unwrap();
        let cov: Vec<_> = dash
            .coverage_by_village
            .iter()
            .map(|v| (v.name.as_str(), v.staffed_base_grids, v.grid_workers))
            .collect();
        let in_qingxi = if staffed == 3 { 2 } else { 3 };
        assert_eq!(
            cov,
            [
                ("青溪社区", 2, in_qingxi),
                ("桃园村", staffed as usize - 2, taoyuan)
            ],
            "{p}"
        );
        let day = p.as_of(today).to_string();
        assert_eq!(
            format!("{:?}", dash.coverage_by_village),
            format!(
                "{:?}",
                gridledger_core::exchange::dashboard::coverage_by_village(&records, &day)
            ),
            "{p}"
        );
    }
    // The drill-down names the grid each served on the period's last day.
    for (p, grid) in [("2026Q3", "桃园网格"), ("2026Q4", "阳光花园第二网格")] {
        let d = report::drill_in(
            qx.store.conn(),
            "own",
            "people.grid_workers",
            Some(&period(p)),
            today,
        )
        .unwrap();
        let wang = d.rows.iter().find(|r| r.name == "王芳").unwrap();
        assert!(wang.detail.contains(grid), "{p}: {}", wang.detail);
    }
    // A 调岗 dated before her October one is refused, naming it: the 履历 would
    // say a move from a grid she had already left.
    let g1 = g.g1.clone();
    let refused = qx
        .store
        .write(&ctx(), |tx| {
            let p = people::all(tx)?
                .into_iter()
                .find(|p| p.name == "王芳")
                .unwrap();
            let mut input = people::input_of(&p);
            input.effective_date = "2026-08-01".into();
            input.roles = vec![role("grid_worker", Some("full_time"), &[&g1])];
            people::update(tx, &p.id, &input)
        })
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("早于“王芳”上一次调岗的日期 2026-10-01") && refused.contains("改日期"),
        "{refused}"
    );
    // A 公示 dated before it holds from its own day on, and the roles kept for the
    // days before the 调岗 stay as they were.
    change(&mut qx.store, "王芳", "2026-08-01", &|i| {
        i.published = true
    });
    let wang = people::all(qx.store.conn())
        .unwrap()
        .into_iter()
        .find(|p| p.name == "王芳")
        .unwrap();
    let grids_on = |day: &str| -> Vec<String> {
        wang.roles_on(day)
            .iter()
            .flat_map(|r| r.unit_ids.clone())
            .collect()
    };
    assert_eq!(grids_on("2026-07-31"), [g.g3.as_str()]);
    assert_eq!(grids_on("2026-09-30"), [g.g3.as_str()]);
    assert_eq!(grids_on("2026-10-01"), [g.g2.as_str()]);
    assert!(!wang.published_on("2026-07-31"));
    assert!(wang.published_on("2026-08-01") && wang.published_on("2026-10-15"));
    let records = Records::own(qx.store.conn()).unwrap();
    for p in ["2026Q2", "2026Q3", "2026Q4"] {
        let p = period(p);
        let own = report::own_totals_in(qx.store.conn(), &p, today).unwrap();
        assert_eq!(own, report::totals_in(&records, &p, today), "{p}");
        let at_township = report::period_report(qx.store.conn(), &p, today).unwrap();
        assert_eq!(
            at_township.total.staffed_base_grids,
            report::staffed_base_grids(&records, &p, today),
            "{p}"
        );
    }
    // Deleted and restored from the recycle bin, 王芳 keeps what she held then.
    let entry = qx
        .store
        .write(&ctx(), |tx| people::delete(tx, &wang.id))
        .unwrap();
    qx.store
        .write(&ctx(), |tx| gridledger_core::kinds::restore(tx, &entry.id))
        .unwrap();
    let back = people::all(qx.store.conn())
        .unwrap()
        .into_iter()
        .find(|p| p.name == "王芳")
        .unwrap();
    assert_eq!(back.past_states, wang.past_states);
}

/// A 调岗 or 离岗 whose 变动日期 was typed wrong is corrected in the 履历: the
/// figures of the periods around it follow; a day across another change, after
/// today or before 到岗日期 is refused, and an 入职 is dated by 到岗日期.
#[test]
fn correcting_a_change_day_moves_the_figures_with_it() {
    let mut s = Store::open_in_memory().unwrap();
    let g = grids_township(&mut s);
    let today = ctx().today();
    let wang = |s: &Store| {
        people::all(s.conn())
            .unwrap()
            .into_iter()
            .find(|p| p.name == "王芳")
            .unwrap()
    };
    let id = wang(&s).id;
    let g2 = g.g2.clone();
    // 王芳 moved to 阳光花园第二网格 "on 2026-10-01" (it was 2026-09-01), and left
    // on 2026-11-10.
    s.write(&ctx(), |tx| {
        let mut input = people::input_of(&people::get(tx, &id)?);
        input.effective_date = "2026-10-01".into();
        input.roles = vec![role("grid_worker", Some("full_time"), &[&g2])];
        people::update(tx, &id, &input)?;
        let mut input = people::input_of(&people::get(tx, &id)?);
        input.effective_date = "2026-11-10".into();
        input.status = "left".into();
        people::update(tx, &id, &input)
    })
    .unwrap();
    let staffed_in_q3 = |s: &Store| {
        report::period_report(s.conn(), &period("2026Q3"), today)
            .unwrap()
            .total
            .staffed_base_grids
    };
    assert_eq!(staffed_in_q3(&s), 3, "g3 still hers on 30 September");
    let h = people::history(s.conn(), &id).unwrap();
    let moved = h
        .iter()
        .find(|e| e.event == "reassigned")
        .unwrap()
        .id
        .clone();
    let left = h.iter().find(|e| e.event == "left").unwrap().id.clone();
    let joined = h.iter().find(|e| e.event == "joined").unwrap().id.clone();
    let redate = |s: &mut Store, event: &str, day: &str| {
        s.write(&ctx(), |tx| people::redate_change(tx, &id, event, day))
    };
    let h = redate(&mut s, &moved, "2026-09-01").unwrap();
    assert_eq!(h.iter().find(|e| e.id == moved).unwrap().date, "2026-09-01");
    assert_eq!(staffed_in_q3(&s), 2, "g3 was left on 1 September");
    assert_eq!(wang(&s).roles_on("2026-08-31")[0].unit_ids, [g.g3.as_str()]);
    let q3 = report::own_totals_in(s.conn(), &period("2026Q3"), today).unwrap();
    assert_eq!(
        q3,
        report::totals_in(&Records::own(s.conn()).unwrap(), &period("2026Q3"), today)
    );
    // The 离岗 moved into October: not in post at the end of October.
    let in_post = |s: &Store, p: &str| {
        report::own_totals_in(s.conn(), &period(p), today).unwrap()["people.grid_workers"]
    };
    assert_eq!(in_post(&s, "2026-10"), 3);
    redate(&mut s, &left, "2026-10-20").unwrap();
    assert_eq!(in_post(&s, "2026-10"), 2);
    // Refused: across the 调岗, after today, before 到岗日期 (none here), an 入职,
    // not a date.
    let refused =
        |s: &mut Store, event: &str, day: &str| redate(s, event, day).unwrap_err().to_string();
    assert!(
        refused(&mut s, &left, "2026-08-15").contains("2026-09-01 还有一次调岗"),
        "{}",
        refused(&mut s, &left, "2026-08-15")
    );
    assert!(refused(&mut s, &moved, "2026-12-01").contains("晚于今天"));
    assert!(refused(&mut s, &joined, "2026-01-01").contains("请修改到岗日期"));
    assert!(refused(&mut s, &moved, "2026-13-01").contains("变动日期"));
    // A 到岗日期 moved after the first change is refused: the 入职 would stand below it.
    let late_start = s
        .write(&ctx(), |tx| {
            let mut input = people::input_of(&people::get(tx, &id)?);
            input.start_date = "2026-09-15".into();
            people::update(tx, &id, &input)
        })
        .unwrap_err()
        .to_string();
    assert!(
        late_start.contains("到岗日期“2026-09-15”晚于“王芳” 2026-09-01 的调岗"),
        "{late_start}"
    );
    // A 公示 from 15 September, then the 调岗 moved over it to 30 September: the
    // state kept for the 公示 takes the roles of its day (桃园网格 still).
    s.write(&ctx(), |tx| {
        let mut input = people::input_of(&people::get(tx, &id)?);
        input.effective_date = "2026-09-15".into();
        input.published = true;
        people::update(tx, &id, &input)
    })
    .unwrap();
    redate(&mut s, &moved, "2026-09-30").unwrap();
    let w = wang(&s);
    assert_eq!(w.roles_on("2026-09-20")[0].unit_ids, [g.g3.as_str()]);
    assert_eq!(w.roles_on("2026-09-30")[0].unit_ids, [g.g2.as_str()]);
    assert!(w.published_on("2026-09-20") && !w.published_on("2026-09-14"));
    // And back before it: the 公示's state takes the roles after the 调岗.
    redate(&mut s, &moved, "2026-09-01").unwrap();
    let w = wang(&s);
    assert_eq!(w.roles_on("2026-09-20")[0].unit_ids, [g.g2.as_str()]);
    assert_eq!(w.roles_on("2026-08-31")[0].unit_ids, [g.g3.as_str()]);
    for p in ["2026-09", "2026Q3", "2026-10"] {
        assert_eq!(
            report::own_totals_in(s.conn(), &period(p), today).unwrap(),
            report::totals_in(&Records::own(s.conn()).unwrap(), &period(p), today),
            "{p}"
        );
    }
    // The change log says what moved.
    let logged: String = crate::support::one(
        &s,
        "SELECT after_json FROM change_log WHERE table_name = 'people' ORDER BY rowid DESC LIMIT 1",
    );
    assert_eq!(logged, r#"{"history":"调岗 2026-09-01","name":"王芳"}"#);
}

/// A 复岗 to another grid on one day reads in the 履历 as it happened: 复岗 to the
/// old post, then the 调岗; a 调岗 with a 离岗 the other way round. The 登记 of one
/// registered without 到岗日期 comes first, though dated after the changes.
#[test]
fn a_return_with_a_move_reads_in_the_order_it_happened() {
    let mut s = Store::open_in_memory().unwrap();
    let g = grids_township(&mut s);
    let id = people::all(s.conn())
        .unwrap()
        .into_iter()
        .find(|p| p.name == "王芳")
        .unwrap()
        .id;
    let save = |s: &mut Store, on: &str, status: &str, grid: &str| {
        s.write(&ctx(), |tx| {
            let mut input = people::input_of(&people::get(tx, &id)?);
            input.effective_date = on.into();
            input.status = status.into();
            input.roles = vec![role("grid_worker", Some("full_time"), &[grid])];
            people::update(tx, &id, &input)
        })
        .unwrap();
    };
    save(&mut s, "2026-09-01", "left", &g.g3);
    save(&mut s, "2026-10-01", "active", &g.g2);
    save(&mut s, "2026-11-01", "left", &g.g1);
    let history = people::history(s.conn(), &id).unwrap();
    assert_eq!(history[0].event_label, "登记");
    let events: Vec<(String, String)> = history
        .into_iter()
        .skip(1)
        .map(|e| (e.date, e.event))
        .collect();
    let want = [
        ("2026-09-01", "left"),
        ("2026-10-01", "returned"),
        ("2026-10-01", "reassigned"),
        ("2026-11-01", "reassigned"),
        ("2026-11-01", "left"),
    ];
    assert_eq!(events, want.map(|(d, e)| (d.to_string(), e.to_string())));
    // Two changes of one day each keep their day's order when one is re-dated: the
    // 复岗 (first of its day) moves earlier, the 调岗 before the 离岗 cannot move
    // past it, nor the 离岗 before it.
    let h = people::history(s.conn(), &id).unwrap();
    let of = |event: &str, day: &str| {
        h.iter()
            .find(|e| e.event == event && e.date == day)
            .unwrap()
            .id
            .clone()
    };
    let redate = |s: &mut Store, event: &str, day: &str| {
        s.write(&ctx(), |tx| people::redate_change(tx, &id, event, day))
    };
    redate(&mut s, &of("returned", "2026-10-01"), "2026-09-20").unwrap();
    let e = redate(&mut s, &of("reassigned", "2026-11-01"), "2026-11-05")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("2026-11-01 还有一次离岗，变动日期不能改到它以后"),
        "{e}"
    );
    let e = redate(&mut s, &of("left", "2026-11-01"), "2026-10-25")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("2026-11-01 还有一次调岗，变动日期不能改到它以前"),
        "{e}"
    );
    redate(&mut s, &of("reassigned", "2026-11-01"), "2026-10-25").unwrap();
}

/// A 离职 of 引育留用 dated before the person's latest 调岗 is refused as a 离岗 in
/// the form is: the 履历 would run backwards.
#[test]
fn a_leaving_by_the_pipeline_is_not_dated_before_the_latest_change() {
    let mut s = Store::open_in_memory().unwrap();
    let g = grids_township(&mut s);
    let rural = s
        .conn()
        .query_row(
            "SELECT id FROM units WHERE code = '320115101002'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    let id = s
        .write(&ctx(), |tx| {
            Ok(person(
                tx,
                31,
                "孙丽",
                vec![role("community_worker", None, &[&g.village])],
            ))
        })
        .unwrap();
    s.write(&ctx(), |tx| {
        let mut input = people::input_of(&people::get(tx, &id)?);
        input.effective_date = "2026-10-01".into();
        input.roles = vec![role("community_worker", None, &[&rural])];
        people::update(tx, &id, &input)
    })
    .unwrap();
    let leave = |s: &mut Store, day: &str| {
        s.write(&ctx(), |tx| {
            people::pipeline::add_event(
                tx,
                &people::pipeline::PipelineInput {
                    person_id: id.clone(),
                    event: "left".into(),
                    date: day.into(),
                    detail: "考取公务员".into(),
                    ..Default::default()
                },
            )
        })
    };
    let e = leave(&mut s, "2026-09-15").unwrap_err().to_string();
    assert!(
        e.contains("离职日期“2026-09-15”早于“孙丽”上一次调岗的日期 2026-10-01"),
        "{e}"
    );
    leave(&mut s, "2026-10-15").unwrap();
    assert_eq!(
        people::get(s.conn(), &id).unwrap().status,
        people::Status::Left
    );
}

/// A 公示 change dated before a later one holds from its day on and says that the
/// later one no longer counts (公示 changes have no 履历 row to see it by).
#[test]
fn a_publish_change_before_a_later_one_says_it_overrides_it() {
    let mut s = Store::open_in_memory().unwrap();
    grids_township(&mut s);
    let id = people::all(s.conn())
        .unwrap()
        .into_iter()
        .find(|p| p.name == "李娜")
        .unwrap()
        .id;
    let publish = |s: &mut Store, on: &str, published: bool| {
        s.write(&ctx(), |tx| {
            let mut input = people::input_of(&people::get(tx, &id)?);
            input.effective_date = on.into();
            input.published = published;
            people::update(tx, &id, &input)
        })
        .unwrap()
        .warnings
    };
    assert!(publish(&mut s, "2026-03-15", true).is_empty());
    assert!(publish(&mut s, "2026-09-01", false).is_empty());
    let said = publish(&mut s, "2026-06-30", true);
    assert_eq!(
        said,
        ["“李娜”在 2026-09-01 已有一次是否公示的变动；这次的变动日期 2026-06-30 在它之前，那一次不再计算：自 2026-06-30 起都按“是”统计。"]
    );
    let li = people::all(s.conn())
        .unwrap()
        .into_iter()
        .find(|p| p.name == "李娜")
        .unwrap();
    assert!(li.published_on("2026-09-15") && li.published_on("2026-04-01"));
    assert!(!li.published_on("2026-03-14"));
    // A batch 公示 dated before a later 取消公示 says the same, after it ran.
    let batch = |s: &mut Store, published: bool, date: &str| {
        use gridledger_core::batch::{self, Action};
        s.write(&ctx(), |tx| {
            batch::apply(
                tx,
                std::slice::from_ref(&id),
                &Action::PeoplePublish {
                    published,
                    date: date.into(),
                },
            )
        })
        .unwrap()
    };
    assert!(publish(&mut s, "2026-10-01", false).is_empty());
    // Said before the batch runs, as its dialog asks (read only).
    let ahead = gridledger_core::batch::publish_overrides(
        s.conn(),
        std::slice::from_ref(&id),
        true,
        "2026/9/1",
    )
    .unwrap();
    assert_eq!(
        ahead.as_deref(),
        Some("“李娜”（2026-10-01）在 2026-09-01 之后已有一次是否公示的变动，那一次不再计算：自 2026-09-01 起都按“是”统计。")
    );
    assert_eq!(
        gridledger_core::batch::publish_overrides(
            s.conn(),
            std::slice::from_ref(&id),
            true,
            "2026-10-02"
        )
        .unwrap(),
        None
    );
    let done = batch(&mut s, true, "2026/9/1");
    assert_eq!(done.changed, 1);
    assert_eq!(
        done.notes,
        ["“李娜”（2026-10-01）在 2026-09-01 之后已有一次是否公示的变动，那一次不再计算：自 2026-09-01 起都按“是”统计。"]
    );
    // Undated (today): nothing later to override.
    assert!(batch(&mut s, false, "").notes.is_empty());
}

/// A unit counts from its 设立日期 (helper D: a grid added in December changed 2025's
/// 基础网格 and 网格覆盖率). The demo's 金桥新村第三网格 was set up on 2026-03-01: it and
/// its micro-grids are not in 2025; a grid added today with today's date changes
/// 2026 only, one without a date every period (as every unit saved before).
#[test]
fn a_unit_set_up_after_a_period_is_not_counted_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let today = ctx().today();
    let (y2025, y2026) = (period("2025"), period("2026"));
    let figures = |s: &Store, p: &Period| {
        let t = report::own_totals_in(s.conn(), p, today).unwrap();
        (t["grids.base"], t["grids.micro"], t["compounds.total"])
    };
    let (before25, before26) = (figures(&qx.store, &y2025), figures(&qx.store, &y2026));
    // The 2026 grid and its three micro grids are not in 2025; the micro grid 撤销
    // in October 2026 is, and not in 2026's figures (counted at its end).
    assert_eq!(
        (before25.0 + 1, before25.1 + 3 - 1),
        (before26.0, before26.1)
    );
    let r = Records::own(qx.store.conn()).unwrap();
    let names = |key: &str, p: &Period| -> Vec<String> {
        report::members_in(key, &r, p, today)
            .iter()
            .filter_map(|i| match i {
                report::Item::Unit(u) => Some(u.name.clone()),
                _ => None,
            })
            .collect()
    };
    assert!(!names("grids.base", &y2025).contains(&s("金桥新村第三网格")));
    assert!(names("grids.base", &y2026).contains(&s("金桥新村第三网格")));
    // Its micro-grids stand under it: not in 2025 either.
    let third =
        hierarchy::find_by_name(qx.store.conn(), "金桥新村第三网格", None).unwrap()[0].clone();
    let micro: Vec<String> = hierarchy::children(qx.store.conn(), &third.id)
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(micro.len(), 3);
    assert!(micro
        .iter()
        .all(|m| !names("grids.micro", &y2025).contains(m)));

    let compound = hierarchy::find_by_name(qx.store.conn(), "金桥新村", None).unwrap()[0]
        .id
        .clone();
    let grid = |code: &str, name: &str, set_up: &str| UnitInput {
        established_on: set_up.into(),
        ..UnitInput::new("base_grid", Some(&compound), code, name, "urban")
    };
    // A date after today is refused, naming the field.
    let e = qx
        .store
        .write(&ctx(), |tx| {
            hierarchy::create(
                tx,
                &grid("320115101002091", "金桥新村第四网格", "2026-12-01"),
            )
        })
        .unwrap_err();
    refused_on(&e, "establishedOn", "晚于今天");
    qx.store
        .write(&ctx(), |tx| {
            hierarchy::create(
                tx,
                &grid("320115101002091", "金桥新村第四网格", "2026年11月26日"),
            )?;
            hierarchy::create(tx, &grid("320115101002092", "金桥新村第五网格", ""))
        })
        .unwrap();
    assert_eq!(
        figures(&qx.store, &y2025).0,
        before25.0 + 1,
        "the undated one"
    );
    assert_eq!(figures(&qx.store, &y2026).0, before26.0 + 2);
    let fourth = hierarchy::find_by_code(qx.store.conn(), "320115101002091")
        .unwrap()
        .unwrap();
    assert_eq!(fourth.established_on.as_deref(), Some("2026-11-26"));

    // A village set up in 2026 is not in 2025's coverage table (it said 7 村/社区 for
    // 2024 of an office that had 5), by records or by the aggregate queries alike.
    qx.store
        .write(&ctx(), |tx| {
            let v = hierarchy::create(
                tx,
                &UnitInput {
                    established_on: "2026-11-01".into(),
                    ..UnitInput::new("village", None, "320115101009", "新设社区", "urban")
                },
            )?;
            hierarchy::create(
                tx,
                &UnitInput::new(
                    "base_grid",
                    Some(&v.id),
                    "320115101009001",
                    "新设社区网格",
                    "urban",
                ),
            )
        })
        .unwrap();
    let villages = |day: &str| -> Vec<String> {
        let own =
            gridledger_core::exchange::dashboard::own_coverage_by_village(qx.store.conn(), day)
                .unwrap();
        let by_records = gridledger_core::exchange::dashboard::coverage_by_village(
            &Records::own(qx.store.conn()).unwrap(),
            day,
        );
        assert_eq!(format!("{own:?}"), format!("{by_records:?}"), "{day}");
        own.into_iter().map(|c| c.name).collect()
    };
    assert!(!villages("2025-12-31").contains(&s("新设社区")));
    // 梧桐社区 in 2025: the worker of 金桥新村第三网格 (set up 2026-03-01) is not
    // among its 网格员 (probe H: 6 over 5 grids).
    let wutong = |day: &str| {
        gridledger_core::exchange::dashboard::own_coverage_by_village(qx.store.conn(), day)
            .unwrap()
            .into_iter()
            .find(|c| c.name == "梧桐社区")
            .map(|c| (c.base_grids, c.grid_workers))
            .unwrap()
    };
    let (g25, w25) = wutong("2025-12-31");
    let (g26, w26) = wutong("2026-11-26");
    // (2026 also has 第四网格, set up today, with nobody on it yet.)
    assert_eq!(
        (g26 - g25, w26 - w25),
        (2, 1),
        "2025 {g25}/{w25}, 2026 {g26}/{w26}"
    );
    assert!(villages("2026-11-26").contains(&s("新设社区")));
    assert_eq!(
        figures(&qx.store, &y2025).0,
        before25.0 + 1,
        "its grid is under it"
    );

    // The import: 设立日期 read, said as a change, checked as the form checks it.
    let file = dir.path().join("grids.csv");
    std::fs::write(
        &file,
        "所属村/社区,所属小区,编码,名称,设立日期\n\
         ,金桥新村,320115101002092,金桥新村第五网格,2026-09-01\n\
         ,金桥新村,320115101002093,金桥新村第六网格,2027-01-01\n",
    )
    .unwrap();
    let grids = ImportKind::parse("grids").unwrap();
    let p = grids.preview(qx.store.conn(), &file, today).unwrap();
    assert_eq!(
        p.notes,
        ["第 2 行：会修改已有基础网格“金桥新村第五网格”的设立日期（空 → 2026-09-01）。"]
    );
    the_problem(&p, "设立日期", "晚于今天");
    std::fs::write(
        &file,
        "所属村/社区,所属小区,编码,名称,设立日期\n,金桥新村,320115101002092,金桥新村第五网格,2026-09-01\n",
    )
    .unwrap();
    commit_file(&mut qx.store, &grids, &file);
    assert_eq!(figures(&qx.store, &y2025).0, before25.0, "now dated 2026");
    // A new grid without one is counted in every period: the check says so.
    std::fs::write(
        &file,
        "所属村/社区,所属小区,编码,名称\n,金桥新村,320115101002094,金桥新村第七网格\n",
    )
    .unwrap();
    let p = grids.preview(qx.store.conn(), &file, today).unwrap();
    assert_eq!(
        p.notes,
        ["有 1 个新增单位没有设立日期（基础网格“金桥新村第七网格”）：各期统计（包括已上报的期间）都计入它。如是新设的，请在文件或组织架构里填上设立日期。"]
    );
    // The export carries the column and imports back unchanged.
    let n = hierarchy::list(qx.store.conn())
        .unwrap()
        .iter()
        .filter(|u| u.kind == UnitKind::BaseGrid)
        .count();
    export_imports_back(&mut qx.store, &grids, "grids", dir.path(), today, n);

    // The county counts 2025 as the township does (the file carries establishedOn).
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    for p in [&y2025, &y2026] {
        let at_county = report::period_report(county.store.conn(), p, today).unwrap();
        assert_eq!(
            at_county.rows[0].figures,
            report::own_totals_in(qx.store.conn(), p, today).unwrap(),
            "{p}"
        );
    }
}

/// 已全部纳入的业务网格 counted from the last mapping's 纳入日期 (probe G: a grid
/// merged in 2026 showed 1 in 2022 and 2024 alike).
#[test]
fn a_business_grid_counts_as_merged_from_its_last_merge_day() {
    use gridledger_core::hierarchy::business_grids::{BusinessGrid, Mapping};
    let mapping = |grid: &str, on: &str| Mapping {
        base_grid_id: grid.to_string(),
        merged_on: Some(on.to_string()),
        ..Default::default()
    };
    let grid = |id: &str| Unit {
        id: s(id),
        kind: UnitKind::BaseGrid,
        ..Default::default()
    };
    let r = Records {
        units: vec![grid("g1"), grid("g2")],
        business_grids: vec![BusinessGrid {
            id: s("b1"),
            merged: true,
            mappings: vec![mapping("g1", "2025-12-01"), mapping("g2", "2026-06-01")],
            ..Default::default()
        }],
        ..Default::default()
    };
    let today = ctx().today();
    let n = |p: &str| report::members_in("grids.business_merged", &r, &period(p), today).len();
    assert_eq!(
        (n("2024"), n("2025"), n("2026Q1"), n("2026Q2"), n("2026")),
        (0, 0, 0, 1, 1)
    );
}

/// A county reviewer (probe E): an office below that is not on the 应报名单 is in the
/// total and said so on its row; the county's own 考核指标 (its scoring scheme) do not
/// make a row of 0s for the county's own ledger.
#[test]
fn an_office_off_the_expected_list_is_marked_and_indicators_make_no_own_row() {
    let dir = tempfile::tempdir().unwrap();
    let (mut wutong, mut county) = county_of_two(dir.path());
    county
        .store
        .write(&ctx(), |tx| {
            gridledger_core::exchange::senders::set_expected(tx, "320115101000", "青溪街道")?;
            gridledger_core::scores::defaults::install(tx)
        })
        .unwrap();
    let r = report::period_report(county.store.conn(), &period("2026"), ctx().today()).unwrap();
    let rows: Vec<(&str, bool)> = r
        .rows
        .iter()
        .map(|o| (o.name.as_str(), o.unlisted))
        .collect();
    assert_eq!(
        rows,
        [("青溪街道", false), ("梧桐镇", true)],
        "no row of the county's own"
    );
    let out = dir.path().join("统计.xlsx");
    report::write_period_xlsx(county.store.conn(), &out, &period("2026"), ctx().today()).unwrap();
    let names: Vec<String> = crate::support::sheet_rows(&out)
        .into_iter()
        .map(|r| r.get(1).cloned().unwrap_or_default())
        .collect();
    assert!(names.contains(&s("梧桐镇（不在应报名单）")), "{names:?}");
    let said = crate::support::sheet_rows(&out).concat().join(" ");
    assert!(said.contains("合计含不在应报名单的单位：梧桐镇"), "{said}");
    // Its next file says so on receipt (a plain 已接收 let it into 合计 unnoticed).
    let receipt = county.receive(&wutong.export());
    assert_eq!(receipt.outcome, "accepted");
    assert!(
        receipt
            .message
            .contains("注意：“梧桐镇”不在本单位的应报名单中，它的数据已计入合计和考核排名"),
        "{}",
        receipt.message
    );
    // 变更记录 keeps it with the receipt.
    let logged = crate::support::last_receipt_logged(&county.store, "$.notes[0]");
    assert!(
        logged.starts_with("注意：“梧桐镇”不在本单位的应报名单中"),
        "{logged}"
    );
}

/// 本季度/本半年 figures are named by the count day: a yearly or past report read
/// 本季度抽中的小区 and the reviewer could not tell which quarter.
#[test]
fn this_quarter_figures_are_named_by_the_count_day() {
    let dir = tempfile::tempdir().unwrap();
    let (_wutong, county) = county_of_two(dir.path());
    let today = ctx().today();
    let label = |r: &report::PeriodReport, key: &str| {
        r.keys.iter().find(|k| k.key == key).unwrap().label.clone()
    };
    let last_year = report::period_report(county.store.conn(), &period("2025"), today).unwrap();
    assert_eq!(
        label(&last_year, "assessment.compounds_sampled"),
        "2025年第四季度抽中的小区"
    );
    assert_eq!(
        label(&last_year, "assessment.grids_inspected"),
        "2025年下半年已检查的网格"
    );
    let spring = report::period_report(county.store.conn(), &period("2026Q2"), today).unwrap();
    assert_eq!(
        label(&spring, "assessment.sample_rate"),
        "2026年第二季度抽查的抽样基数（小区）"
    );
    assert_eq!(
        label(&spring, "assessment.grids_inspected"),
        "2026年上半年已检查的网格"
    );
    // The other labels are as they are.
    assert_eq!(
        label(&spring, "grids.base"),
        report::label_of("grids.base").unwrap()
    );
    // 上期 beside them is another quarter's: named where it differs (it sat under a
    // row named after this one).
    let before = |r: &report::PeriodReport, key: &str| {
        r.keys
            .iter()
            .find(|k| k.key == key)
            .unwrap()
            .previous_label
            .clone()
    };
    assert_eq!(
        before(&spring, "assessment.compounds_sampled").as_deref(),
        Some("2026年第一季度抽中的小区")
    );
    assert_eq!(
        before(&spring, "assessment.grids_inspected").as_deref(),
        None,
        "Q1 and Q2 are the same half-year"
    );
    assert_eq!(
        before(&last_year, "assessment.grids_inspected").as_deref(),
        Some("2024年下半年已检查的网格")
    );
    assert_eq!(before(&spring, "grids.base"), None);
    // 首页 says its count day, and its keys the same words.
    let dash = gridledger_core::exchange::dashboard::dashboard_in(
        county.store.conn(),
        today,
        &period("2025"),
    )
    .unwrap();
    assert_eq!(dash.as_of, "2025-12-31");
    assert!(dash
        .keys
        .iter()
        .any(|k| k.label == "2025年第四季度抽中的小区"));
    // The workbook's columns are the screen's.
    let out = dir.path().join("统计-2025.xlsx");
    report::write_period_xlsx(county.store.conn(), &out, &period("2025"), today).unwrap();
    let rows = crate::support::sheet_rows(&out);
    assert!(
        rows.iter()
            .flatten()
            .any(|c| c == "2025年下半年已检查的网格"),
        "{:?}",
        rows.get(2)
    );
    let summary = crate::support::nth_sheet_rows(&out, 1);
    assert!(
        summary
            .iter()
            .any(|r| r[1]
                == "2025年下半年已检查的网格；上期合计一列统计的是“2024年下半年已检查的网格”"),
        "{summary:?}"
    );
}

/// A county's 共建项目 chart is what the files tell: claimed by the period's end and
/// completed in it, not their difference as 已认领未完成 (a quarter read all 21 unfinished).
#[test]
fn a_county_charts_projects_claimed_by_the_end_and_completed_in_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let (_wutong, county) = county_of_two(dir.path());
    let today = ctx().today();
    for p in ["2026", "2026Q4"] {
        let dash = gridledger_core::exchange::dashboard::dashboard_in(
            county.store.conn(),
            today,
            &period(p),
        )
        .unwrap();
        let got: Vec<(&str, i64)> = dash
            .projects_by_status
            .iter()
            .map(|s| (s.status, s.count))
            .collect();
        assert_eq!(
            got,
            [
                ("claimed_by_end", dash.total["cobuild.projects_claimed"]),
                (
                    "completed_in_period",
                    dash.total["cobuild.projects_completed"]
                ),
            ],
            "{p}"
        );
    }
}

/// 在用考核指标 is an office's set-up, not its work: the county's 合计 is the largest
/// of its offices', not their sum (two townships of the same system read twice it).
#[test]
fn the_indicators_in_use_are_not_summed_over_offices() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    for (code, name) in [("320115101000", "青溪街道"), ("320115102000", "汤山街道")] {
        county.receive(&office(dir.path(), "township", code, name, true).export());
    }
    let r = report::period_report(county.store.conn(), &period("2026"), ctx().today()).unwrap();
    let key = "assessment.indicators";
    let each: Vec<i64> = r.rows.iter().map(|o| o.figures[key]).collect();
    assert!(each.iter().filter(|n| **n > 0).count() >= 2, "{each:?}");
    assert_eq!(
        r.total.figures[key],
        *each.iter().max().unwrap(),
        "{each:?}"
    );
    assert_eq!(
        r.total.previous[key],
        r.rows.iter().map(|o| o.previous[key]).max().unwrap()
    );
    // Every other key is the sum.
    let sum: i64 = r.rows.iter().map(|o| o.figures["grids.base"]).sum();
    assert_eq!(r.total.figures["grids.base"], sum);
    // The 合计's drill-down counts it as the 合计 does, and says why its rows are more
    // (the 合计 36 opened 共 108 条).
    let d = report::drill_in(
        county.store.conn(),
        "all",
        key,
        Some(&period("2026")),
        ctx().today(),
    )
    .unwrap();
    assert_eq!(d.count as i64, r.total.figures[key]);
    assert_eq!(d.records as i64, each.iter().sum::<i64>());
    assert!(d.note.contains("各单位中最多的一个"), "{}", d.note);
    let one = report::drill_in(
        county.store.conn(),
        "320115101000",
        key,
        Some(&period("2026")),
        ctx().today(),
    )
    .unwrap();
    assert!(one.note.is_empty());
    assert_eq!(one.count as i64, r.rows[0].figures[key]);
}

/// 网格划分调整 (probe K): a grid split in November (a new grid, micro grids moved
/// under it, its worker 调岗 to it) and two grids merged (the worker 调岗, the micro
/// grids moved, the emptied grid 撤销 on the day, not deleted) leave the third
/// quarter as it was reported, at the township and at the county, while the
/// current quarter counts the new layout. A 撤销 taken back changes nothing either.
#[test]
fn a_grid_adjustment_leaves_a_reported_period_as_it_was() {
    use gridledger_core::hierarchy::adjust::{self, DissolveInput};
    use gridledger_core::kinds;
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let today = ctx().today();
    let (q3, q4) = (period("2026Q3"), period("2026Q4"));
    // 撤销 as the window does it.
    let dissolve = |s: &mut Store, id: &str, on: &str| {
        s.write(&ctx(), |tx| {
            kinds::dissolve_unit(
                tx,
                id,
                &DissolveInput {
                    dissolved_on: on.into(),
                    note: "并入相邻网格".into(),
                },
            )
        })
    };
    let figures = |s: &Store, p: &Period| {
        let t = report::own_totals_in(s.conn(), p, today).unwrap();
        let keys = ["grids.base", "grids.micro", "people.grid_workers"];
        keys.map(|k| t[k])
    };
    // Coverage by village, by aggregate queries and from the records: [grids, staffed, workers].
    let coverage = |s: &Store| {
        let sum = |c: &[gridledger_core::exchange::dashboard::VillageCoverage]| {
            c.iter().fold([0; 3], |a, v| {
                [
                    a[0] + v.base_grids,
                    a[1] + v.staffed_base_grids,
                    a[2] + v.grid_workers,
                ]
            })
        };
        let fast =
            gridledger_core::exchange::dashboard::own_coverage_by_village(s.conn(), "2026-09-30")
                .unwrap();
        let r = Records::own(s.conn()).unwrap();
        let slow = gridledger_core::exchange::dashboard::coverage_by_village(&r, "2026-09-30");
        assert_eq!(sum(&fast), sum(&slow), "the two ways agree");
        sum(&fast)
    };
    let (q3_before, q4_before, cover_before) = (
        figures(&qx.store, &q3),
        figures(&qx.store, &q4),
        coverage(&qx.store),
    );
    assert_eq!(
        cover_before[0], cover_before[1],
        "every grid staffed in the demo"
    );

    let units = hierarchy::list(qx.store.conn()).unwrap();
    let micro_of = |g: &Unit| -> Vec<Unit> {
        units
            .iter()
            .filter(|u| u.parent_id.as_deref() == Some(g.id.as_str()))
            .cloned()
            .collect()
    };
    let people_of = |s: &Store, g: &str| -> Vec<Person> {
        people::all(s.conn())
            .unwrap()
            .into_iter()
            .filter(|p| p.roles.iter().any(|r| r.unit_ids.iter().any(|u| u == g)))
            .collect()
    };
    let mapped: Vec<String> = hierarchy::business_grids::list(qx.store.conn())
        .unwrap()
        .iter()
        .flat_map(|b| b.mappings.iter().map(|m| m.base_grid_id.clone()))
        .collect();
    let grids: Vec<&Unit> = units
        .iter()
        .filter(|u| {
            u.kind == UnitKind::BaseGrid
                && u.established_on.is_none()
                && micro_of(u).len() >= 2
                && !mapped.contains(&u.id)
        })
        .collect();
    // Split: the first grid gives two micro grids and its worker to a new one.
    let split = grids[0].clone();
    let parent = split.parent_id.clone();
    let moved_to = |s: &mut Store, who: &Person, grid: &str| {
        s.write(&ctx(), |tx| {
            people::update(
                tx,
                &who.id,
                &people::PersonInput {
                    roles: vec![role("grid_worker", Some("full_time"), &[grid])],
                    effective_date: "2026-11-01".into(),
                    ..people::input_of(who)
                },
            )
        })
        .unwrap();
    };
    let new_grid = qx
        .store
        .write(&ctx(), |tx| {
            let code = hierarchy::suggest_code(tx, "base_grid", parent.as_deref(), None)?;
            hierarchy::create(
                tx,
                &UnitInput {
                    established_on: "2026-11-01".into(),
                    ..UnitInput::new(
                        "base_grid",
                        parent.as_deref(),
                        &code,
                        "调整新设网格",
                        "urban",
                    )
                },
            )
        })
        .unwrap();
    for m in &micro_of(&split)[..2] {
        qx.store
            .write(&ctx(), |tx| {
                hierarchy::move_to(tx, &m.id, Some(&new_grid.id))
            })
            .unwrap();
        // A micro grid moved keeps its own (no) date: it stood, under its old grid.
        assert_eq!(
            hierarchy::get(qx.store.conn(), &m.id)
                .unwrap()
                .established_on,
            None
        );
    }
    let worker = people_of(&qx.store, &split.id).remove(0);
    // Not into the new grid before it was set up (its coverage fell with no word).
    let early = qx
        .store
        .write(&ctx(), |tx| {
            people::update(
                tx,
                &worker.id,
                &people::PersonInput {
                    roles: vec![role("grid_worker", Some("full_time"), &[&new_grid.id])],
                    effective_date: "2026-09-01".into(),
                    ..people::input_of(&worker)
                },
            )
        })
        .unwrap_err();
    refused_on(&early, "effectiveDate", "设立日期 2026-11-01");
    moved_to(&mut qx.store, &worker, &new_grid.id);
    // Nor by 改日期 in the 履历 afterwards.
    let moved_in = people::history(qx.store.conn(), &worker.id)
        .unwrap()
        .into_iter()
        .rfind(|e| e.event == "reassigned")
        .unwrap();
    let redated = qx
        .store
        .write(&ctx(), |tx| {
            people::redate_change(tx, &worker.id, &moved_in.id, "2026-09-01")
        })
        .unwrap_err();
    refused_on(&redated, "date", "设立日期 2026-11-01");
    assert_eq!(figures(&qx.store, &q3), q3_before, "after the split");
    assert_eq!(coverage(&qx.store), cover_before, "after the split");
    // The new grid mapped onto a wholly merged 综治网格, merged or not yet: the
    // third quarter's 已全部纳入 stays (the mapping is onto a grid not yet set up).
    let merged_q3 =
        |s: &Store| report::own_totals_in(s.conn(), &q3, today).unwrap()["grids.business_merged"];
    let before_biz = merged_q3(&qx.store);
    assert!(before_biz > 0);
    let whole = hierarchy::business_grids::list(qx.store.conn())
        .unwrap()
        .into_iter()
        .find(|b| b.merged)
        .unwrap();
    for on in ["", "2026-11-01"] {
        qx.store
            .write(&ctx(), |tx| {
                hierarchy::business_grids::set_mapping(tx, &whole.id, &new_grid.id, on)
            })
            .unwrap();
        assert_eq!(merged_q3(&qx.store), before_biz, "mapped, merged on {on:?}");
    }
    qx.store
        .write(&ctx(), |tx| {
            hierarchy::business_grids::remove_mapping(tx, &whole.id, &new_grid.id)
        })
        .unwrap();

    // Merge: another grid's worker and micro grids go to a grid of the same parent.
    let (gone, kept) = grids[1..]
        .iter()
        .find_map(|a| {
            let b = units.iter().find(|b| {
                b.kind == UnitKind::BaseGrid
                    && b.id != a.id
                    && b.id != split.id
                    && b.parent_id == a.parent_id
            })?;
            Some(((*a).clone(), b.clone()))
        })
        .expect("two grids under one parent");
    let e = dissolve(&mut qx.store, &gone.id, "2026-11-01").unwrap_err();
    assert!(e.to_string().contains("不能撤销"), "{e}");
    for w in people_of(&qx.store, &gone.id) {
        moved_to(&mut qx.store, &w, &kept.id);
    }
    for m in micro_of(&gone) {
        qx.store
            .write(&ctx(), |tx| hierarchy::move_to(tx, &m.id, Some(&kept.id)))
            .unwrap();
    }
    refused_on(
        &dissolve(&mut qx.store, &gone.id, "").unwrap_err(),
        "dissolvedOn",
        "请填写撤销日期",
    );
    // Not before its worker left it (调岗 on 2026-11-01).
    let early = dissolve(&mut qx.store, &gone.id, "2026-10-15").unwrap_err();
    refused_on(&early, "dissolvedOn", "还在这里任职");
    refused_on(
        &dissolve(&mut qx.store, &gone.id, "2026-12-01").unwrap_err(),
        "dissolvedOn",
        "晚于今天",
    );
    dissolve(&mut qx.store, &gone.id, "2026-11-01").unwrap();
    assert!(
        hierarchy::find(qx.store.conn(), &gone.id)
            .unwrap()
            .is_none(),
        "out of the tree"
    );
    // Its code stays its own: not suggested, not taken (probe M: a new grid took it).
    let suggested = hierarchy::suggest_code(
        qx.store.conn(),
        "base_grid",
        gone.parent_id.as_deref(),
        None,
    )
    .unwrap();
    assert_ne!(suggested, gone.code);
    let taken = qx
        .store
        .write(&ctx(), |tx| {
            hierarchy::create(
                tx,
                &UnitInput::new(
                    "base_grid",
                    gone.parent_id.as_deref(),
                    &gone.code,
                    "新的网格",
                    "urban",
                ),
            )
        })
        .unwrap_err();
    assert!(taken.to_string().contains("已撤销"), "{taken}");
    // 变更记录 names the 撤销 under its parent.
    let log = kinds::change_log(qx.store.conn(), None, None, 50, 0).unwrap();
    let row = log.iter().find(|r| r.op == "dissolve").unwrap();
    let summary = row.summary.clone().unwrap_or_default();
    assert!(
        summary.contains(" › ") && summary.contains(&gone.name),
        "{summary}"
    );
    assert_eq!(figures(&qx.store, &q3), q3_before, "after the merge");
    assert_eq!(coverage(&qx.store), cover_before, "after the merge");
    // Today: one grid more (the new one), one less (the merged one).
    assert_eq!(figures(&qx.store, &q4), q4_before);
    // The third quarter's grid workers are each listed with a grid of that day.
    let r = Records::own(qx.store.conn()).unwrap();
    let names: Vec<String> = report::members_in("grids.base", &r, &q3, today)
        .iter()
        .filter_map(|i| match i {
            report::Item::Unit(u) => Some(u.name.clone()),
            _ => None,
        })
        .collect();
    assert!(
        names.contains(&gone.name) && !names.contains(&new_grid.name),
        "{names:?}"
    );

    // The county counts the third quarter as the township reported it.
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    let at_county = |c: &Store, p: &Period| {
        let r = report::period_report(c.conn(), p, today).unwrap();
        let keys = ["grids.base", "grids.micro", "people.grid_workers"];
        keys.map(|k| r.rows[0].figures[k])
    };
    assert_eq!(at_county(&county.store, &q3), q3_before);
    assert_eq!(at_county(&county.store, &q4), q4_before);
    // The third quarter's grid workers each with the grid they served then, a grid
    // 撤销 since said so (its worker showed no grid), here and at the county.
    let said = format!("{}（2026-11-01 撤销）", gone.name);
    for (store, scope) in [(&qx.store, "own"), (&county.store, "320115101000")] {
        let d =
            report::drill_in(store.conn(), scope, "people.grid_workers", Some(&q3), today).unwrap();
        assert!(
            d.rows.iter().any(|r| r.detail.contains(&said)),
            "{scope}: {:?}",
            d.rows
        );
        let grids = report::drill_in(store.conn(), scope, "grids.base", Some(&q3), today).unwrap();
        let codes: Vec<&str> = grids.rows.iter().map(|r| r.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "{scope}: by code");
    }

    // A record whose table names the unit by a foreign key (a 整治 entry) keeps it
    // from going: refused naming it, not a database error.
    let conn = qx.store.conn();
    conn.execute(
        "INSERT INTO mechanisms (id, owner_code, json, created_at, updated_at, unit_id)
         SELECT 'm-test', owner_code, '{}', created_at, updated_at, id FROM units WHERE id = ?1",
        [&new_grid.id],
    )
    .unwrap();
    for m in micro_of(&split)[..2].iter() {
        qx.store
            .write(&ctx(), |tx| hierarchy::move_to(tx, &m.id, Some(&split.id)))
            .unwrap();
    }
    moved_to(&mut qx.store, &worker, &split.id);
    let e = dissolve(&mut qx.store, &new_grid.id, "2026-11-20").unwrap_err();
    assert!(
        e.to_string().contains("不能撤销") && e.to_string().contains("工作机制"),
        "{e}"
    );

    // A compound's 三亮 record would leave the periods it counted in: it is said too.
    let branches: Vec<Branch> = gridledger_core::store::ledger::list(qx.store.conn()).unwrap();
    let why = kinds::unit_dissolve_refusal(qx.store.conn(), &branches[0].compound_id)
        .unwrap()
        .unwrap();
    assert!(why.contains("党支部和三亮记录"), "{why}");

    // Taken back: in the tree again, every period as before.
    qx.store
        .write(&ctx(), |tx| adjust::reinstate(tx, &gone.id))
        .unwrap();
    assert!(hierarchy::find(qx.store.conn(), &gone.id)
        .unwrap()
        .is_some());
    assert!(adjust::dissolved(qx.store.conn())
        .unwrap()
        .iter()
        .all(|d| d.unit.id != gone.id));
    assert_eq!(figures(&qx.store, &q3), q3_before);
}
