//! 准入事项 (issue 15 item 3): every transition of the step machine allowed or
//! refused (data-driven), what each step records, 应退出 as of a date, the matters in
//! force on grids, the `admission.*` report keys with drill-down on a hand-built
//! fixture, the package round trip of those keys, and import (a bad row named by
//! column, re-import unchanged, the export imports back unchanged).

use gridledger_core::admissions::{
    self, Admission, AdmissionInput, AdmissionQuery, AdmissionStep, AdmissionView, Move,
};
use gridledger_core::exchange::{package, report};
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::store::ledger;
use gridledger_core::{Error, Store};

use crate::support::{
    commit_file, ctx, day, export_imports_back, imports_again_unchanged, office, problem_places,
    refused_on, township, unit,
};

/// A township (青溪社区 with 第一网格 and 第二网格): (store, village, grid 1, grid 2).
fn store() -> (Store, String, String, String) {
    let mut s = Store::open_in_memory().unwrap();
    let village = township(&mut s);
    let (g1, g2) = s
        .write(&ctx(), |tx| {
            Ok((
                unit(
                    tx,
                    "base_grid",
                    Some(&village),
                    "320115101001001",
                    "第一网格",
                ),
                unit(
                    tx,
                    "base_grid",
                    Some(&village),
                    "320115101001002",
                    "第二网格",
                ),
            ))
        })
        .unwrap();
    (s, village, g1, g2)
}

fn input(matter: &str) -> AdmissionInput {
    AdmissionInput {
        department: "区民政局".into(),
        matter: matter.into(),
        content: "入户核查".into(),
        level: "township".into(),
        term: "long".into(),
        applied_on: "2026-11-01".into(),
        ..Default::default()
    }
}

fn create(s: &mut Store, i: &AdmissionInput) -> Result<AdmissionView, Error> {
    s.write(&ctx(), |tx| admissions::create_admission(tx, i))
}

fn step(s: &mut Store, id: &str, m: &Move) -> Result<AdmissionView, Error> {
    s.write(&ctx(), |tx| admissions::move_to(tx, id, m))
}

/// A move to `to` on `date` with everything any step needs (but no reason).
fn full(to: AdmissionStep, date: &str) -> Move {
    Move {
        to: to.as_str().into(),
        date: date.into(),
        opinion: "同意上报".into(),
        approving_body: "区委、区政府".into(),
        document_number: "宁区委办〔2026〕12号".into(),
        exit_reason: "工作完成".into(),
        ..Default::default()
    }
}

/// An admission brought to `to` the regular way, each step dated a day later.
fn brought_to(s: &mut Store, i: &AdmissionInput, to: AdmissionStep) -> AdmissionView {
    let mut v = create(s, i).unwrap();
    for (n, st) in to.path().into_iter().skip(1).enumerate() {
        let date = format!("2026-11-{:02}", 2 + n);
        let m = Move {
            reason: if st.is_refused() {
                "不符合准入条件".into()
            } else {
                String::new()
            },
            ..full(st, &date)
        };
        v = step(s, &v.id, &m).unwrap();
    }
    assert_eq!(v.step, to);
    v
}

/// Rows: from; columns: to, in the order of `AdmissionStep::ALL` (已申请, 已审核,
/// 已审批, 已进入, 已退出, 审核未通过, 审批未同意). `=` the same step, `F` forward
/// (allowed without a reason), `B` back and `E` a refusal (allowed only with a
/// reason), `x` refused (a skip, or a refusal not made at this step), `T` refused
/// because a refusal has ended it.
const EXPECTED: [&str; 7] = [
    "=FxxxEx", // 已申请: review passes (F) or refuses (E)
    "B=FxxxE", // 已审核: approval grants (F) or refuses (E)
    "BB=Fxxx", // 已审批
    "BBB=Fxx", // 已进入
    "BBBB=xx", // 已退出
    "TTTTT=T", // 审核未通过
    "TTTTTT=", // 审批未同意
];

#[test]
fn every_transition_is_allowed_or_refused() {
    let (mut s, ..) = store();
    for (i, from) in AdmissionStep::ALL.iter().enumerate() {
        let row: Vec<char> = EXPECTED[i].chars().collect();
        for (j, to) in AdmissionStep::ALL.iter().enumerate() {
            let what = format!("{} → {}", from.label(), to.label());
            let v = brought_to(&mut s, &input(&format!("事项{i}-{j}")), *from);
            let m = full(*to, "2026-11-20");
            let without = step(&mut s, &v.id, &m);
            let with = || Move {
                reason: "重新办理".into(),
                ..full(*to, "2026-11-20")
            };
            match row[j] {
                'F' => {
                    assert_eq!(without.unwrap().step, *to, "{what}");
                }
                'B' | 'E' => {
                    let e = without.expect_err(&what);
                    assert_eq!(e.field(), Some("reason"), "{what}: {e}");
                    assert_eq!(step(&mut s, &v.id, &with()).unwrap().step, *to, "{what}");
                }
                'x' | 'T' | '=' => {
                    let e = without.expect_err(&what);
                    assert!(step(&mut s, &v.id, &with()).is_err(), "{what}");
                    if row[j] == 'T' {
                        assert!(e.to_string().contains("流程已结束"), "{what}: {e}");
                    }
                }
                c => panic!("{c}"),
            }
            // The moves the UI offers are exactly the allowed ones.
            let offered: Vec<&str> = v.moves.iter().map(|m| m.to).collect();
            assert_eq!(
                offered.contains(&to.as_str()),
                matches!(row[j], 'F' | 'B' | 'E'),
                "{what} offered: {offered:?}"
            );
        }
    }
}

#[test]
fn each_step_records_what_it_needs_and_going_back_undoes_it() {
    let (mut s, ..) = store();
    let v = create(&mut s, &input("低保入户核查")).unwrap();
    assert_eq!(v.step, AdmissionStep::Applied);
    assert_eq!(v.events.len(), 1);
    assert_eq!(v.events[0].date, "2026-11-01");

    // 审核 needs the opinion, 审批 the approving body and document number, 退出 a reason.
    let cases: &[(AdmissionStep, Move, &str)] = &[
        (
            AdmissionStep::Reviewed,
            Move {
                opinion: String::new(),
                ..full(AdmissionStep::Reviewed, "2026-11-02")
            },
            "opinion",
        ),
        (
            AdmissionStep::Reviewed,
            full(AdmissionStep::Reviewed, "2026-10-31"),
            "date",
        ),
    ];
    for (_, m, field) in cases {
        let e = step(&mut s, &v.id, m).unwrap_err();
        assert_eq!(e.field(), Some(*field), "{e}");
    }
    let v = step(&mut s, &v.id, &full(AdmissionStep::Reviewed, "2026-11-02")).unwrap();
    assert_eq!(v.reviewed_on.as_deref(), Some("2026-11-02"));
    assert_eq!(v.review_opinion, "同意上报");
    for (field, m) in [
        (
            "approvingBody",
            Move {
                approving_body: " ".into(),
                ..full(AdmissionStep::Approved, "2026-11-03")
            },
        ),
        (
            "documentNumber",
            Move {
                document_number: String::new(),
                ..full(AdmissionStep::Approved, "2026-11-03")
            },
        ),
    ] {
        let e = step(&mut s, &v.id, &m).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
        assert!(e.to_string().contains("审批"), "{e}");
    }
    let v = step(&mut s, &v.id, &full(AdmissionStep::Approved, "2026-11-03")).unwrap();
    assert_eq!(v.document_number, "宁区委办〔2026〕12号");
    let v = step(&mut s, &v.id, &full(AdmissionStep::Entered, "2026-11-05")).unwrap();
    assert_eq!(v.entered_on.as_deref(), Some("2026-11-05"));
    let e = step(
        &mut s,
        &v.id,
        &Move {
            exit_reason: String::new(),
            ..full(AdmissionStep::Exited, "2026-11-06")
        },
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("exitReason"));
    let v = step(&mut s, &v.id, &full(AdmissionStep::Exited, "2026-11-06")).unwrap();
    assert_eq!(v.exited_on.as_deref(), Some("2026-11-06"));
    assert_eq!(v.exit_reason, "工作完成");

    // Back to 已审核: approval, entry and exit are undone; the timeline keeps all.
    let v = step(
        &mut s,
        &v.id,
        &Move {
            reason: "文号有误，重新报批".into(),
            ..full(AdmissionStep::Reviewed, "2026-11-07")
        },
    )
    .unwrap();
    assert_eq!(v.step, AdmissionStep::Reviewed);
    assert_eq!(
        (v.approved_on, v.entered_on, v.exited_on),
        (None, None, None)
    );
    assert!(v.document_number.is_empty() && v.exit_reason.is_empty());
    assert_eq!(v.review_opinion, "同意上报");
    assert_eq!(v.events.len(), 6);
    // What the undone steps recorded stays in the step that undid them.
    assert_eq!(
        v.events[5].reason,
        "文号有误，重新报批（退回前的审批机关：区委、区政府；批准文号：宁区委办〔2026〕12号；退出原因：工作完成）"
    );

    // Refused at 审批: the reason and date are kept, and it has ended.
    let v = step(
        &mut s,
        &v.id,
        &Move {
            reason: "县级未同意".into(),
            ..full(AdmissionStep::RefusedApproval, "2026-11-08")
        },
    )
    .unwrap();
    assert_eq!(v.refusal_reason, "县级未同意");
    assert_eq!(v.refused_on.as_deref(), Some("2026-11-08"));
    assert!(v.moves.is_empty());
}

#[test]
fn each_field_is_checked_and_the_refusal_names_it() {
    let (mut s, village, g1, _) = store();
    let s = &mut s;
    let compound = s
        .write(&ctx(), |tx| {
            Ok(unit(
                tx,
                "compound",
                Some(&village),
                "320115101001101",
                "阳光花园",
            ))
        })
        .unwrap();
    let cases: Vec<(AdmissionInput, &str, &str)> = vec![
        (
            AdmissionInput {
                department: " ".into(),
                ..input("事项")
            },
            "department",
            "申请部门",
        ),
        (input(""), "matter", "事项名称"),
        (
            AdmissionInput {
                level: "省级".into(),
                ..input("事项")
            },
            "level",
            "实施层面",
        ),
        (
            AdmissionInput {
                level: "网格层面".into(),
                ..input("事项")
            },
            "unitIds",
            "村/社区或网格",
        ),
        (
            AdmissionInput {
                level: "grid".into(),
                unit_ids: vec![compound.clone()],
                ..input("事项")
            },
            "unitIds",
            "小区",
        ),
        (
            AdmissionInput {
                term: "短期".into(),
                ..input("事项")
            },
            "endDate",
            "截止日期",
        ),
        (
            AdmissionInput {
                term: "短期".into(),
                end_date: "2026-10-01".into(),
                ..input("事项")
            },
            "endDate",
            "早于申请日期",
        ),
        (
            AdmissionInput {
                term: "永久".into(),
                ..input("事项")
            },
            "term",
            "期限类型",
        ),
        (
            AdmissionInput {
                resources: vec!["资金".into(), "房子".into()],
                ..input("事项")
            },
            "resources",
            "同步下沉",
        ),
        (
            AdmissionInput {
                applied_on: "昨天".into(),
                ..input("事项")
            },
            "appliedOn",
            "申请日期",
        ),
    ];
    for (i, field, word) in cases {
        let e = create(s, &i).unwrap_err();
        refused_on(&e, field, word);
    }
    let v = create(
        s,
        &AdmissionInput {
            level: "网格".into(),
            unit_ids: vec![village.clone(), g1.clone(), g1.clone()],
            resources: vec!["人员".into(), "资金".into(), "资金".into()],
            term: "短期".into(),
            end_date: "2026-12-31".into(),
            ..input("事项")
        },
    )
    .unwrap();
    assert_eq!(v.unit_names, ["青溪社区", "第一网格"]);
    assert_eq!(v.resource_labels, ["资金", "人员"]);
    // One department, one matter of a name.
    let e = create(s, &input("事项")).unwrap_err();
    assert_eq!(e.field(), Some("matter"));
    create(
        s,
        &AdmissionInput {
            department: "区人社局".into(),
            ..input("事项")
        },
    )
    .unwrap();
    // A unit an admission names cannot be deleted, and the window is told so before
    // it asks (the same words).
    let e = s
        .write(&ctx(), |tx| kinds::delete_unit(tx, &g1))
        .unwrap_err();
    assert!(e.to_string().contains("准入事项"), "{e}");
    assert_eq!(
        kinds::unit_delete_refusal(s.conn(), &g1).unwrap(),
        Some(e.to_string())
    );
}

#[test]
fn a_short_term_matter_past_its_end_date_is_due_to_exit_until_it_exits() {
    let (mut s, ..) = store();
    let short = AdmissionInput {
        term: "short".into(),
        end_date: "2026-12-31".into(),
        ..input("冬季防火巡查")
    };
    let v = brought_to(&mut s, &short, AdmissionStep::Entered);
    // Approved but not entered: not in force, never due.
    let waiting = brought_to(
        &mut s,
        &AdmissionInput {
            matter: "未进入".into(),
            ..short.clone()
        },
        AdmissionStep::Approved,
    );
    let long = brought_to(&mut s, &input("长期事项"), AdmissionStep::Entered);
    let due = |s: &Store, on| {
        let q = AdmissionQuery {
            overdue: true,
            ..Default::default()
        };
        admissions::admissions(s.conn(), &q, on)
            .unwrap()
            .into_iter()
            .map(|a| a.matter)
            .collect::<Vec<_>>()
    };
    assert!(due(&s, day(2026, 12, 31)).is_empty(), "the end date itself");
    assert_eq!(due(&s, day(2027, 1, 1)), ["冬季防火巡查"]);
    let one = admissions::admission(s.conn(), &v.id, day(2027, 1, 1)).unwrap();
    assert!(one.overdue_exit && one.in_force);
    assert!(
        !admissions::admission(s.conn(), &waiting.id, day(2027, 1, 1))
            .unwrap()
            .overdue_exit
    );
    assert!(
        !admissions::admission(s.conn(), &long.id, day(2030, 1, 1))
            .unwrap()
            .overdue_exit
    );
    // Recorded on the day it exits (a step is not dated after today).
    s.write(&crate::support::ctx_on(2027, 1, 5), |tx| {
        admissions::move_to(tx, &v.id, &full(AdmissionStep::Exited, "2027-01-05"))
    })
    .unwrap();
    assert_eq!(
        due(&s, day(2027, 1, 4)),
        ["冬季防火巡查"],
        "before its exit"
    );
    assert!(due(&s, day(2027, 1, 5)).is_empty());
    let c = admissions::admission_counts(s.conn(), day(2027, 1, 4)).unwrap();
    assert_eq!(c.overdue_exit, 1);
    assert_eq!(c.total, 3);
    let n = |v: &[admissions::Count], k: &str| v.iter().find(|c| c.key == k).unwrap().count;
    assert_eq!(n(&c.by_term, "short"), 2);
    assert_eq!(n(&c.by_term, "long"), 1);
    assert_eq!(n(&c.by_step, "exited"), 1);
    assert_eq!(n(&c.by_step, "approved"), 1);
    assert_eq!(n(&c.by_department, "区民政局"), 3);
    // Past its 截止日期 a short-term matter is not entered (it was 已进入 and 应退出 at
    // once, its exit not datable on the deadline); on the day itself it is.
    let late = brought_to(
        &mut s,
        &AdmissionInput {
            matter: "过期才进入".into(),
            end_date: "2026-11-03".into(),
            ..short.clone()
        },
        AdmissionStep::Approved,
    );
    let e = step(
        &mut s,
        &late.id,
        &full(AdmissionStep::Entered, "2026-11-05"),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("date"), "{e}");
    assert!(
        e.to_string()
            .contains("晚于这项短期事项的截止日期 2026-11-03"),
        "{e}"
    );
    step(
        &mut s,
        &late.id,
        &full(AdmissionStep::Entered, "2026-11-03"),
    )
    .unwrap();
}

#[test]
fn only_entered_and_not_exited_grid_matters_are_in_force_on_grids() {
    let (mut s, village, g1, g2) = store();
    let grid = |m: &str, units: Vec<String>| AdmissionInput {
        level: "grid".into(),
        unit_ids: units,
        ..input(m)
    };
    // brought_to dates the steps 11-02 (审核), 11-03 (审批), 11-04 (进入), 11-05 (退出).
    brought_to(
        &mut s,
        &grid("入户走访", vec![g1.clone(), g2.clone()]),
        AdmissionStep::Entered,
    );
    let exited = brought_to(
        &mut s,
        &grid("疫苗接种动员", vec![g1.clone()]),
        AdmissionStep::Exited,
    );
    brought_to(
        &mut s,
        &grid("已审批未进入", vec![g1.clone()]),
        AdmissionStep::Approved,
    );
    brought_to(
        &mut s,
        &grid("被拒绝", vec![village.clone()]),
        AdmissionStep::RefusedApproval,
    );
    brought_to(&mut s, &input("乡镇层面事项"), AdmissionStep::Entered);
    assert_eq!(exited.exited_on.as_deref(), Some("2026-11-05"));
    assert_eq!(exited.entered_on.as_deref(), Some("2026-11-04"));

    let on = |d| {
        admissions::in_force_targets(s.conn(), d)
            .unwrap()
            .into_iter()
            .map(|t| (if t.unit_id == g1 { "g1" } else { "g2" }, t.matter))
            .collect::<Vec<_>>()
    };
    let mut now = on(day(2026, 11, 10));
    now.sort();
    assert_eq!(
        now,
        [
            ("g1", "入户走访".to_string()),
            ("g2", "入户走访".to_string())
        ]
    );
    // On the day both entered, before 疫苗接种动员 exited.
    let mut then = on(day(2026, 11, 4));
    then.sort();
    assert_eq!(
        then,
        [
            ("g1", "入户走访".to_string()),
            ("g1", "疫苗接种动员".to_string()),
            ("g2", "入户走访".to_string())
        ]
    );
    assert!(on(day(2026, 11, 3)).is_empty());
}

/// The grid-matter load (网格事项负担) counts an admitted matter on its grids from
/// 进入 until 退出: it rises on entry and falls on exit.
#[test]
fn the_grid_load_rises_on_entry_and_falls_on_exit() {
    use gridledger_core::gridmatters;
    let (mut s, _village, g1, g2) = store();
    let grid = AdmissionInput {
        level: "grid".into(),
        unit_ids: vec![g1.clone()],
        ..input("疫苗接种动员")
    };
    // Entered 11-04, exited 11-05 (see brought_to).
    brought_to(&mut s, &grid, AdmissionStep::Exited);
    let outside = |d| {
        let l = gridmatters::load(s.conn(), d, admissions::outside_matters).unwrap();
        let of = |id: &str| {
            l.grids
                .iter()
                .find(|g| g.grid_id == id)
                .map(|g| (g.outside, g.total))
                .unwrap()
        };
        (of(&g1), of(&g2))
    };
    assert_eq!(outside(day(2026, 11, 3)), ((0, 0), (0, 0)), "before entry");
    assert_eq!(
        outside(day(2026, 11, 4)),
        ((1, 1), (0, 0)),
        "on its grid once entered"
    );
    assert_eq!(
        outside(day(2026, 11, 5)),
        ((0, 0), (0, 0)),
        "gone once exited"
    );
    let l = gridmatters::load(s.conn(), day(2026, 11, 4), admissions::outside_matters).unwrap();
    let g = l.grids.iter().find(|g| g.grid_id == g1).unwrap();
    assert_eq!(g.matters, ["疫苗接种动员（准入）"]);
}

/// A hand-built fixture: one admission at every step, two of them short-term.
fn fixture(s: &mut Store) {
    let short = |m: &str| AdmissionInput {
        term: "short".into(),
        end_date: "2026-11-20".into(),
        ..input(m)
    };
    brought_to(s, &input("申请中"), AdmissionStep::Applied);
    brought_to(s, &input("审核中"), AdmissionStep::Reviewed);
    brought_to(s, &input("已批准"), AdmissionStep::Approved);
    brought_to(s, &short("短期已进入"), AdmissionStep::Entered);
    brought_to(s, &input("长期已进入"), AdmissionStep::Entered);
    brought_to(s, &short("已退出"), AdmissionStep::Exited);
    brought_to(s, &input("审核拒绝"), AdmissionStep::RefusedReview);
    brought_to(s, &input("审批拒绝"), AdmissionStep::RefusedApproval);
}

const KEYS: [&str; 5] = [
    "admission.applied",
    "admission.approved",
    "admission.refused",
    "admission.in_force",
    "admission.overdue_exit",
];

#[test]
fn the_report_keys_count_by_their_rules_and_drill_into_the_records() {
    let (mut s, ..) = store();
    fixture(&mut s);
    let names = |key: &str, on| {
        let mut v: Vec<String> = report::drill(s.conn(), "own", key, on)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect();
        v.sort();
        v
    };
    let today = day(2026, 11, 26);
    let t = report::own_totals(s.conn(), today).unwrap();
    assert_eq!(t["admission.applied"], 8);
    assert_eq!(t["admission.approved"], 4, "approved, entered ×2, exited");
    assert_eq!(t["admission.refused"], 2);
    assert_eq!(t["admission.in_force"], 2);
    assert_eq!(t["admission.overdue_exit"], 1);
    assert_eq!(
        names("admission.in_force", today),
        ["短期已进入", "长期已进入"]
    );
    assert_eq!(names("admission.overdue_exit", today), ["短期已进入"]);
    assert_eq!(names("admission.refused", today), ["审批拒绝", "审核拒绝"]);
    for key in KEYS {
        let d = report::drill(s.conn(), "own", key, today).unwrap();
        assert_eq!(d.count as i64, t[key], "{key}");
        assert!(d.rows.iter().all(|r| r.kind == "admission"));
    }
    let d = report::drill(s.conn(), "own", "admission.overdue_exit", today).unwrap();
    assert!(
        d.rows[0].detail.contains("区民政局"),
        "{}",
        d.rows[0].detail
    );
    assert!(
        d.rows[0].detail.contains("2026-11-20"),
        "{}",
        d.rows[0].detail
    );

    // As of earlier days: the dates decide, not the step.
    let t = report::own_totals(s.conn(), day(2026, 11, 3)).unwrap();
    // Steps are dated 11-02 (review), 11-03 (approval or refusal at approval).
    assert_eq!(t["admission.approved"], 4);
    assert_eq!(t["admission.refused"], 2);
    assert_eq!(t["admission.in_force"], 0);
    let t = report::own_totals(s.conn(), day(2026, 10, 31)).unwrap();
    assert!(KEYS.iter().all(|k| t[*k] == 0), "{t:?}");
    // 已退出 exited on 11-05: in force on 11-04 only.
    let t = report::own_totals(s.conn(), day(2026, 11, 4)).unwrap();
    assert_eq!(t["admission.in_force"], 3);
    assert_eq!(t["admission.overdue_exit"], 0);
}

#[test]
fn the_report_keys_travel_in_a_package() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    fixture(&mut qx.store);
    let own = report::own_totals(qx.store.conn(), ctx().today()).unwrap();
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let p = qx.export();
    let v = package::verify(&std::fs::read(&p).unwrap(), "包").unwrap();
    // Admissions travel from 2.3 on.
    assert!((v.manifest.format_version, v.manifest.format_minor) >= (2, 3));
    assert_eq!(county.receive(&p).outcome, "accepted");
    let r = report::report(county.store.conn(), ctx().today()).unwrap();
    for key in KEYS {
        assert_eq!(r.offices["320115101000"].totals[key], own[key], "{key}");
        let d = report::drill(county.store.conn(), "320115101000", key, ctx().today()).unwrap();
        assert_eq!(d.count as i64, own[key], "{key}");
    }
    assert_eq!(r.total["admission.applied"], 8);
}

#[test]
fn import_names_a_bad_row_by_column_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, ..) = store();
    let path = dir.path().join("准入.csv");
    std::fs::write(
        &path,
        "申请部门,事项名称,事项内容,依据,同步下沉,下沉说明,实施层面,落实的村/网格,期限类型,截止日期,状态,申请日期,审核日期,审核意见,审批日期,审批机关,批准文号,进入日期,退出日期,退出原因,不予通过日期,不予通过原因,备注\n\
         区民政局,低保入户核查,入户,社会救助暂行办法,资金、人员,每年 2 万元,网格层面,第一网格、第二网格,长期,,已进入,2026-09-01,2026-09-05,同意,2026-09-20,区委、区政府,宁委办〔2026〕3号,2026-10-01,,,,,\n\
         区应急局,冬季防火巡查,巡查,,,,乡镇层面,,短期,2026-11-30,已申请,2026-10-01,,,,,,,,,,,\n\
         区卫健委,疫苗接种动员,,,,,网格层面,第九网格,长期,,已申请,2026-10-01,,,,,,,,,,,\n\
         区城管局,违建巡查,,,,,乡镇层面,,长期,,已审批,2026-10-01,2026-10-02,同意,2026-10-03,区政府,,,,,,,\n\
         区文旅局,文明创建打分,,,,,乡镇层面,,长期,,审核未通过,2026-10-01,,,,,,,,,2026-10-02,,\n\
         区司法局,普法,,,房子,,乡镇层面,,长期,,,2026-10-01,,,,,,,,,,,\n",
    )
    .unwrap();
    let k = Kind::parse("admissions").unwrap();
    assert_eq!(Kind::parse("准入事项").unwrap(), k);
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!((p.total_rows, p.valid_rows, p.rejected_rows), (6, 2, 4));
    let cols = problem_places(&p);
    assert_eq!(
        cols,
        [
            (4, "落实的村/网格"),
            (5, "批准文号"),
            (6, "不予通过原因"),
            (7, "同步下沉"),
        ],
        "{:?}",
        p.problems
    );
    assert!(p.problems[0].message.contains("第九网格"));

    let first = commit_file(&mut s, &k, &path);
    assert_eq!((first.created, first.rejected), (2, 4));
    let all = admissions::admissions(s.conn(), &AdmissionQuery::default(), ctx().today()).unwrap();
    let entered = all.iter().find(|a| a.matter == "低保入户核查").unwrap();
    assert_eq!(entered.step, AdmissionStep::Entered);
    assert_eq!(
        entered
            .events
            .iter()
            .map(|e| e.date.as_str())
            .collect::<Vec<_>>(),
        ["2026-09-01", "2026-09-05", "2026-09-20", "2026-10-01"]
    );
    assert_eq!(entered.unit_names, ["第一网格", "第二网格"]);
    assert_eq!(entered.resource_labels, ["资金", "人员"]);
    let overdue = all.iter().find(|a| a.matter == "冬季防火巡查").unwrap();
    assert!(!overdue.overdue_exit, "not entered");

    imports_again_unchanged(&mut s, &k, &path, 2);

    // The export imports back unchanged.
    export_imports_back(&mut s, &k, "admissions", dir.path(), day(2026, 11, 26), 2);

    // The import check tells an update that changes nothing from one that does:
    // 冬季防火巡查 is reviewed.
    let moved = dir.path().join("审核.csv");
    std::fs::write(
        &moved,
        "申请部门,事项名称,事项内容,依据,同步下沉,下沉说明,实施层面,落实的村/网格,期限类型,截止日期,状态,申请日期,审核日期,审核意见,审批日期,审批机关,批准文号,进入日期,退出日期,退出原因,不予通过日期,不予通过原因,备注\n\
         区民政局,低保入户核查,入户,社会救助暂行办法,资金、人员,每年 2 万元,网格层面,第一网格、第二网格,长期,,已进入,2026-09-01,2026-09-05,同意,2026-09-20,区委、区政府,宁委办〔2026〕3号,2026-10-01,,,,,\n\
         区应急局,冬季防火巡查,巡查,,,,乡镇层面,,短期,2026-11-30,已审核,2026-10-01,2026-10-05,同意,,,,,,,,,\n",
    )
    .unwrap();
    let p = k.preview(s.conn(), &moved, day(2026, 11, 26)).unwrap();
    assert_eq!((p.to_update, p.unchanged), (2, 1), "{:?}", p.problems);

    // What the row's status or term does not keep would be dropped: refused there.
    let dropped = dir.path().join("多填.csv");
    std::fs::write(
        &dropped,
        "申请部门,事项名称,期限类型,截止日期,状态,申请日期,审核意见,实施层面\n\
         区应急局,夏季防汛巡查,长期,2026-12-31,已申请,2026-10-01,,乡镇层面\n\
         区应急局,秋季森林防火,短期,2026-12-31,已申请,2026-10-01,同意,乡镇层面\n",
    )
    .unwrap();
    let p = k.preview(s.conn(), &dropped, day(2026, 11, 26)).unwrap();
    assert_eq!(
        problem_places(&p),
        [(2, "截止日期"), (3, "审核意见")],
        "{:?}",
        p.problems
    );
    assert!(
        p.problems[1].message.contains("没有经过“已审核”"),
        "{}",
        p.problems[1].message
    );
}

#[test]
fn a_deleted_admission_goes_to_the_recycle_bin_and_comes_back() {
    let (mut s, ..) = store();
    let v = brought_to(&mut s, &input("低保入户核查"), AdmissionStep::Approved);
    let entry = s
        .write(&ctx(), |tx| admissions::delete_admission(tx, &v.id))
        .unwrap();
    let bin = kinds::recycle_bin(s.conn()).unwrap();
    assert_eq!(
        bin.iter().find(|e| e.id == entry.id).unwrap().kind_label,
        "准入事项"
    );
    // Applied for again meanwhile: the restore would make two (probe F), refused.
    let again = s
        .write(&ctx(), |tx| {
            admissions::create_admission(tx, &input("低保入户核查"))
        })
        .unwrap();
    let e = s
        .write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap_err();
    assert!(e.to_string().contains("恢复后会有两个"), "{e}");
    s.write(&ctx(), |tx| admissions::delete_admission(tx, &again.id))
        .unwrap();
    s.write(&ctx(), |tx| kinds::restore(tx, &entry.id)).unwrap();
    let back = admissions::admission(s.conn(), &v.id, ctx().today()).unwrap();
    assert_eq!(back.step, AdmissionStep::Approved);
    assert_eq!(back.events.len(), 3);
}

#[test]
fn the_demo_has_an_admission_at_every_step_one_refused_and_one_due_to_exit() {
    let mut s = Store::open_in_memory().unwrap();
    let summary = gridledger_core::demo::fill(&mut s, &ctx()).unwrap();
    assert_eq!(summary.admissions, 6);
    let all = admissions::admissions(s.conn(), &AdmissionQuery::default(), ctx().today()).unwrap();
    let mut steps: Vec<AdmissionStep> = all.iter().map(|a| a.step).collect();
    steps.sort();
    assert_eq!(
        steps,
        [
            AdmissionStep::Applied,
            AdmissionStep::Reviewed,
            AdmissionStep::Approved,
            AdmissionStep::Entered,
            AdmissionStep::Exited,
            AdmissionStep::RefusedApproval,
        ]
    );
    assert_eq!(all.iter().filter(|a| a.overdue_exit).count(), 1);
    assert!(all
        .iter()
        .any(|a| a.step == AdmissionStep::Exited && !a.in_force));
    assert!(!admissions::in_force_targets(s.conn(), ctx().today())
        .unwrap()
        .is_empty());
}

/// 首页's reminders (issue 14 item 10): a short-term admission in force whose 截止日期
/// has passed is overdue to exit, one click from its record; long-term, exited and
/// refused ones are not reminders.
#[test]
fn an_admission_due_to_exit_is_a_reminder_on_the_dashboard() {
    let (mut s, ..) = store();
    fixture(&mut s);
    let today = day(2026, 11, 26);
    let r = gridledger_core::exchange::reminders::reminders(s.conn(), today).unwrap();
    let mine: Vec<_> = r.items.iter().filter(|x| x.kind == "admission").collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
    let a = mine[0];
    assert_eq!(
        (a.title.as_str(), a.due_on.as_str(), a.overdue, a.days_late),
        ("短期已进入", "2026-11-20", true, 6)
    );
    assert_eq!(a.due_label, "截止日期（应退出）");
    assert!(a.source.starts_with("准入事项（"), "{}", a.source);
    let stored: Admission = ledger::get(s.conn(), &a.record_id).unwrap();
    assert_eq!(stored.matter, "短期已进入");
    // Before its end date week, no reminder; in that week, due (not overdue) on the day.
    let early =
        gridledger_core::exchange::reminders::reminders(s.conn(), day(2026, 11, 9)).unwrap();
    assert!(early.items.iter().all(|x| x.kind != "admission"));
    let on_the_day =
        gridledger_core::exchange::reminders::reminders(s.conn(), day(2026, 11, 20)).unwrap();
    let a = on_the_day.items.iter().find(|x| x.kind == "admission");
    assert!(a.is_some_and(|a| !a.overdue && a.days_late == 0), "{a:?}");
}

/// Every problem of a row at once (probe K: an unknown grid, a 短期 without 截止日期
/// and an 已审批 without 审批机关 took three rounds of fix-and-import).
#[test]
fn import_names_every_problem_of_a_row_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (s, ..) = store();
    let path = dir.path().join("准入.csv");
    std::fs::write(
        &path,
        "申请部门,事项名称,实施层面,落实的村/网格,期限类型,截止日期,状态,申请日期,审核日期,审核意见,审批日期,审批机关,批准文号\n\
         区民政局,居家养老需求摸排,网格层面,没有这个网格,短期,,已审批,2026-10-01,2026-10-02,同意,2026-10-03,,\n",
    )
    .unwrap();
    let k = Kind::parse("admissions").unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    let cols: Vec<&str> = p.problems.iter().map(|x| x.column.as_str()).collect();
    assert!(cols.contains(&"落实的村/网格"), "{:?}", p.problems);
    assert!(cols.contains(&"截止日期"), "{:?}", p.problems);
    assert!(
        cols.contains(&"审批机关") || cols.contains(&"批准文号"),
        "{:?}",
        p.problems
    );
    // The grid not found is said once, not again as none chosen.
    assert_eq!(
        cols.iter().filter(|c| **c == "落实的村/网格").count(),
        1,
        "{:?}",
        p.problems
    );
}
