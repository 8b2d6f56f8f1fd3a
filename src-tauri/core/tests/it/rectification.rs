//! 专项整治 (clean-ups, issue 15 item 4): each register's checks naming the field,
//! a re-check reopening its entry (and deciding it again), secondments overdue and
//! unapproved as of a date, the `rectification.*` report keys with drill-down on a
//! hand-built fixture, their package round trip, imports with bad rows named by
//! column, re-import (and export re-import) unchanged.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use gridledger_core::exchange::{package, report};
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::rectification::{self as rect, EntryInput, EntryView, RecheckInput, Register};
use gridledger_core::store::office;
use gridledger_core::{Error, Store, Tx};

use crate::support::{ctx, day, idn, person, problem_places, role, unit};

/// 青溪街道 with two villages; returns (青溪社区, 桃园村).
fn fill(tx: &Tx) -> (String, String) {
    office::setup(tx, "township", "320115101000", "青溪街道", false).unwrap();
    (
        unit(tx, "village", None, "320115101001", "青溪社区"),
        unit(tx, "village", None, "320115101002", "桃园村"),
    )
}

fn store() -> (Store, String, String) {
    let mut s = Store::open_in_memory().unwrap();
    let (a, b) = s.write(&ctx(), |tx| Ok(fill(tx))).unwrap();
    (s, a, b)
}

fn plaque(unit: &str, name: &str, decision: &str, date: &str) -> EntryInput {
    EntryInput {
        name: name.into(),
        unit_id: unit.into(),
        department: "区民政局".into(),
        decision: decision.into(),
        result_date: date.into(),
        basis: if decision == "保留" {
            "《村民委员会组织法》".into()
        } else {
            String::new()
        },
        ..Default::default()
    }
}

fn secondment(name: &str, seq: u32, start: &str, end: &str, approved: bool) -> EntryInput {
    EntryInput {
        name: name.into(),
        id_number: idn(seq),
        department: "区委组织部".into(),
        start_date: start.into(),
        end_date: end.into(),
        approved,
        approval_number: if approved {
            "江宁借准〔2026〕3号".into()
        } else {
            String::new()
        },
        ..Default::default()
    }
}

fn create(s: &mut Store, r: Register, i: &EntryInput) -> Result<EntryView, Error> {
    s.write(&ctx(), |tx| rect::create_entry(tx, r, i))
}

fn recheck(entry: &str, r: Register, date: &str, rebound: bool) -> RecheckInput {
    RecheckInput {
        register: r.as_str().into(),
        entry_id: entry.into(),
        date: date.into(),
        found: if rebound {
            "牌子又挂回了墙上".into()
        } else {
            "未发现反弹".into()
        },
        rebound,
        remark: String::new(),
    }
}

#[test]
fn each_register_checks_its_fields_and_the_refusal_names_them() {
    let (mut s, v, _) = store();
    let base = |r: Register| -> EntryInput {
        match r {
            Register::Secondments => secondment("赵敏", 1, "2026-03-01", "2026-08-31", true),
            _ => plaque(&v, "某某工作站", "", ""),
        }
    };
    use Register::*;
    let cases: Vec<(Register, EntryInput, &str, &str)> = vec![
        (
            Plaques,
            EntryInput {
                name: " ".into(),
                ..base(Plaques)
            },
            "name",
            "牌子名称",
        ),
        (
            Mechanisms,
            EntryInput {
                name: "".into(),
                ..base(Mechanisms)
            },
            "name",
            "机制名称",
        ),
        (
            Plaques,
            EntryInput {
                unit_id: "".into(),
                ..base(Plaques)
            },
            "unitId",
            "挂牌村/社区",
        ),
        (
            Plaques,
            EntryInput {
                unit_id: "nope".into(),
                ..base(Plaques)
            },
            "unitId",
            "不存在",
        ),
        (
            Plaques,
            EntryInput {
                department: "".into(),
                ..base(Plaques)
            },
            "department",
            "发牌部门",
        ),
        (
            Certificates,
            EntryInput {
                department: "".into(),
                ..base(Certificates)
            },
            "department",
            "要求出具部门",
        ),
        (
            Plaques,
            EntryInput {
                decision: "撤销".into(),
                result_date: "2026-05-01".into(),
                ..base(Plaques)
            },
            "decision",
            "保留、摘除",
        ),
        (
            Mechanisms,
            EntryInput {
                decision: "摘除".into(),
                result_date: "2026-05-01".into(),
                ..base(Mechanisms)
            },
            "decision",
            "保留、整合、撤销",
        ),
        (
            Plaques,
            EntryInput {
                decision: "拆掉".into(),
                ..base(Plaques)
            },
            "decision",
            // This register's results only (probe T: 保留、整合、撤销 … 结束借调 too).
            "处理结果“拆掉”无法识别，挂牌可填：保留、摘除。",
        ),
        (
            Plaques,
            EntryInput {
                decision: "摘除".into(),
                ..base(Plaques)
            },
            "resultDate",
            "处理日期",
        ),
        (
            Plaques,
            EntryInput {
                result_date: "2026-05-01".into(),
                ..base(Plaques)
            },
            "decision",
            "处理结果",
        ),
        (
            Plaques,
            EntryInput {
                decision: "摘除".into(),
                result_date: "2026-12-25".into(),
                ..base(Plaques)
            },
            "resultDate",
            "晚于今天",
        ),
        (
            Plaques,
            EntryInput {
                decision: "保留".into(),
                result_date: "2026-05-01".into(),
                ..base(Plaques)
            },
            "basis",
            "保留依据",
        ),
        (
            Mechanisms,
            EntryInput {
                category: "协会".into(),
                ..base(Mechanisms)
            },
            "category",
            "机制类型",
        ),
        (
            Certificates,
            EntryInput {
                issued_this_year: "十份".into(),
                ..base(Certificates)
            },
            "issuedThisYear",
            "整数",
        ),
        (
            Certificates,
            EntryInput {
                decision: "取消".into(),
                result_date: "2026-05-01".into(),
                issued_this_year: "3".into(),
                ..base(Certificates)
            },
            "issuedThisYear",
            "已取消",
        ),
        (
            Secondments,
            EntryInput {
                name: "".into(),
                ..base(Secondments)
            },
            "name",
            "姓名",
        ),
        (
            Secondments,
            EntryInput {
                id_number: "32011519850612001".into(),
                ..base(Secondments)
            },
            "idNumber",
            "身份证",
        ),
        (
            Secondments,
            EntryInput {
                start_date: "".into(),
                ..base(Secondments)
            },
            "startDate",
            "借调开始日期",
        ),
        (
            Secondments,
            EntryInput {
                end_date: "2026-01-01".into(),
                ..base(Secondments)
            },
            "endDate",
            "早于开始日期",
        ),
        (
            Secondments,
            EntryInput {
                approval_number: "".into(),
                ..base(Secondments)
            },
            "approvalNumber",
            "文号",
        ),
        // A number typed without the box ticked: said, not dropped (probe AF).
        (
            Secondments,
            EntryInput {
                approved: false,
                approval_number: "江宁借准〔2026〕5号".into(),
                ..base(Secondments)
            },
            "approved",
            "请勾选“经县规范借调准入批准”",
        ),
        (
            Secondments,
            EntryInput {
                department: "".into(),
                ..base(Secondments)
            },
            "department",
            "借调单位",
        ),
        (
            Secondments,
            EntryInput {
                decision: "结束借调".into(),
                result_date: "2026-02-01".into(),
                ..base(Secondments)
            },
            "resultDate",
            "早于借调开始日期",
        ),
        (
            Secondments,
            EntryInput {
                person_id: "gone".into(),
                ..base(Secondments)
            },
            "personId",
            "人员库",
        ),
    ];
    for (r, i, field, word) in cases {
        let e = create(&mut s, r, &i).unwrap_err();
        assert_eq!(e.field(), Some(field), "{r:?} {field}: {e}");
        assert!(e.to_string().contains(word), "{field}: {e}");
    }
    for r in Register::ALL {
        assert!(rect::entries(s.conn(), None, r, day(2026, 11, 26))
            .unwrap()
            .is_empty());
    }

    // A name is unique within its village and register, not across them.
    create(&mut s, Plaques, &base(Plaques)).unwrap();
    let e = create(&mut s, Plaques, &base(Plaques)).unwrap_err();
    assert_eq!(e.field(), Some("name"), "{e}");
    create(&mut s, Mechanisms, &base(Mechanisms)).unwrap();
    // A secondment is one person from one start date.
    create(&mut s, Secondments, &base(Secondments)).unwrap();
    assert!(create(&mut s, Secondments, &base(Secondments)).is_err());

    // Someone of the registry is linked by ID number, and the name must match.
    let pid = s
        .write(&ctx(), |tx| {
            Ok(person(
                tx,
                7,
                "钱多",
                vec![role("community_worker", None, &[&v])],
            ))
        })
        .unwrap();
    let e = create(
        &mut s,
        Secondments,
        &secondment("钱少", 7, "2026-01-01", "2026-06-30", false),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("idNumber"), "{e}");
    let linked = create(
        &mut s,
        Secondments,
        &secondment("钱多", 7, "2026-01-01", "2026-06-30", false),
    )
    .unwrap();
    assert_eq!(linked.person_id.as_deref(), Some(pid.as_str()));
    assert!(linked.id_number.contains('*'), "masked in the view");
    // Chosen from the registry: name and number come from the person.
    let chosen = create(
        &mut s,
        Secondments,
        &EntryInput {
            person_id: pid.clone(),
            name: String::new(),
            id_number: String::new(),
            ..secondment("", 0, "2026-07-01", "2026-12-31", false)
        },
    )
    .unwrap();
    assert_eq!(chosen.name, "钱多");
    // The masked number sent back by the form keeps the stored one.
    let again = s
        .write(&ctx(), |tx| {
            rect::update_entry(
                tx,
                Secondments,
                &linked.id,
                &EntryInput {
                    id_number: linked.id_number.clone(),
                    remark: "改了备注".into(),
                    ..secondment("钱多", 0, "2026-01-01", "2026-06-30", false)
                },
            )
        })
        .unwrap();
    assert_eq!(again.remark, "改了备注");
    assert_eq!(again.person_id.as_deref(), Some(pid.as_str()));
    // A stored link is kept (issue 15 item 4): the one chosen from the registry,
    // saved again with name and masked number (as the form sends them), and even
    // once the registry no longer has the person.
    let update = |s: &mut Store, id: &str, remark: &str, number: &str| {
        s.write(&ctx(), |tx| {
            rect::update_entry(
                tx,
                Secondments,
                id,
                &EntryInput {
                    id_number: number.into(),
                    remark: remark.into(),
                    ..secondment("钱多", 0, "2026-07-01", "2026-12-31", false)
                },
            )
        })
    };
    let kept = update(&mut s, &chosen.id, "再改", &chosen.id_number).unwrap();
    assert_eq!(kept.person_id.as_deref(), Some(pid.as_str()));
    s.write(&ctx(), |tx| gridledger_core::people::delete(tx, &pid))
        .unwrap();
    let kept = update(&mut s, &chosen.id, "人员库已删除", &chosen.id_number).unwrap();
    assert_eq!(kept.person_id.as_deref(), Some(pid.as_str()));
    assert_eq!(kept.name, "钱多");
    // Another number is another person: the link goes.
    let other = update(&mut s, &chosen.id, "换人", &idn(8)).unwrap();
    assert_eq!(other.person_id, None);
}

#[test]
fn a_rebound_reopens_the_entry_until_it_is_decided_again() {
    let (mut s, v, _) = store();
    let today = day(2026, 11, 26);
    let p = create(
        &mut s,
        Register::Plaques,
        &plaque(&v, "老年协会", "摘除", "2026-04-01"),
    )
    .unwrap();
    assert!(p.removed);
    assert_eq!(p.status_label, "摘除");
    let count =
        |s: &Store| report::own_totals(s.conn(), today).unwrap()["rectification.plaques_removed"];
    assert_eq!(count(&s), 1);

    // A re-check that found nothing wrong changes nothing.
    s.write(&ctx(), |tx| {
        rect::create_recheck(tx, &recheck(&p.id, Register::Plaques, "2026-06-01", false))
    })
    .unwrap();
    assert_eq!(count(&s), 1);

    // Dated before the removal, or of an entry not removed: refused, naming the field.
    let e = s
        .write(&ctx(), |tx| {
            rect::create_recheck(tx, &recheck(&p.id, Register::Plaques, "2026-03-01", true))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("date"), "{e}");
    let kept = create(
        &mut s,
        Register::Plaques,
        &plaque(&v, "党群服务中心", "保留", "2026-04-01"),
    )
    .unwrap();
    let e = s
        .write(&ctx(), |tx| {
            rect::create_recheck(
                tx,
                &recheck(&kept.id, Register::Plaques, "2026-09-01", true),
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("rebound"), "{e}");
    let e = s
        .write(&ctx(), |tx| {
            rect::create_recheck(tx, &recheck(&p.id, Register::Plaques, "2026-12-01", true))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("date"), "future: {e}");

    // The rebound: the result is cleared, kept in the re-check; not counted.
    let c = s
        .write(&ctx(), |tx| {
            rect::create_recheck(tx, &recheck(&p.id, Register::Plaques, "2026-09-15", true))
        })
        .unwrap();
    assert_eq!(c.previous_result_date.as_deref(), Some("2026-04-01"));
    assert_eq!(c.previous_decision_label, "摘除");
    let now = rect::entry(s.conn(), None, Register::Plaques, &p.id, today).unwrap();
    assert_eq!(now.result_date, None);
    assert_eq!(now.reopened_on.as_deref(), Some("2026-09-15"));
    assert_eq!(now.status_label, "反弹待重新认定");
    assert!(!now.removed);
    assert_eq!(now.rechecks.len(), 2, "its history");
    assert_eq!(count(&s), 0, "a reopened plaque does not count as removed");
    // Counted as of a day before the re-check? The entry no longer holds its old
    // result: a reopened entry is not removed on any day.
    assert_eq!(
        report::own_totals(s.conn(), day(2026, 5, 1)).unwrap()["rectification.plaques_removed"],
        0
    );
    // A second rebound on an open entry is refused, naming the re-check that
    // reopened it (a file that corrected that re-check's date was told about
    // 是否反弹 instead).
    let e = s
        .write(&ctx(), |tx| {
            rect::create_recheck(tx, &recheck(&p.id, Register::Plaques, "2026-10-01", true))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("date"), "{e}");
    assert!(
        e.to_string()
            .contains("已因 2026-09-15 的回头看发现反弹而重新打开，待重新认定处理结果，不能再登记 2026-10-01 的反弹。如是改了那次回头看的日期"),
        "{e}"
    );
    // Its re-check cannot be deleted while the entry is open.
    let e = s
        .write(&ctx(), |tx| rect::delete_recheck(tx, &c.id))
        .unwrap_err();
    assert!(e.to_string().contains("重新认定"), "{e}");
    // Editing it without a new result keeps it open.
    let edited = s
        .write(&ctx(), |tx| {
            rect::update_entry(
                tx,
                Register::Plaques,
                &p.id,
                &EntryInput {
                    remark: "已通知村里".into(),
                    ..plaque(&v, "老年协会", "摘除", "")
                },
            )
        })
        .unwrap();
    assert_eq!(edited.reopened_on.as_deref(), Some("2026-09-15"));
    // Exported as the list shows it (it read 摘除 with no date, counted as removed in
    // the file sent up), and imported back unchanged; a new row cannot be so.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("挂牌.xlsx");
    kinds::export_xlsx(s.conn(), "plaques", &out, today).unwrap();
    let rows = crate::support::sheet_rows(&out);
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "处理结果"))
        .unwrap();
    let at = rows[header].iter().position(|c| c == "处理结果").unwrap();
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "老年协会"))
        .unwrap();
    assert_eq!(row[at], "反弹待重新认定");
    let k = Kind::parse("plaques").unwrap();
    let p2 = k.preview(s.conn(), &out, today).unwrap();
    assert!(p2.problems.is_empty(), "{:?}", p2.problems);
    assert_eq!(p2.to_update, p2.unchanged, "imported back unchanged");
    let e = s
        .write(&ctx(), |tx| {
            rect::create_entry(
                tx,
                Register::Plaques,
                &plaque(&v, "新牌子", "反弹待重新认定", ""),
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("decision"), "{e}");
    // Deciding it again before the re-check is refused; on or after closes it.
    let e = s
        .write(&ctx(), |tx| {
            rect::update_entry(
                tx,
                Register::Plaques,
                &p.id,
                &plaque(&v, "老年协会", "摘除", "2026-09-01"),
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("resultDate"), "{e}");
    let done = s
        .write(&ctx(), |tx| {
            rect::update_entry(
                tx,
                Register::Plaques,
                &p.id,
                &plaque(&v, "老年协会", "摘除", "2026-10-08"),
            )
        })
        .unwrap();
    assert_eq!(done.reopened_on, None);
    assert!(done.removed);
    assert_eq!(count(&s), 1);
    // Now the re-check is history and may go.
    s.write(&ctx(), |tx| rect::delete_recheck(tx, &c.id))
        .unwrap();

    // A secondment that ended and is found still in place is active again.
    let sec = create(
        &mut s,
        Register::Secondments,
        &EntryInput {
            decision: "结束借调".into(),
            result_date: "2026-06-30".into(),
            ..secondment("赵敏", 1, "2026-01-01", "2026-06-30", true)
        },
    )
    .unwrap();
    assert!(!sec.active);
    s.write(&ctx(), |tx| {
        rect::create_recheck(
            tx,
            &recheck(&sec.id, Register::Secondments, "2026-09-01", true),
        )
    })
    .unwrap();
    let sec = rect::entry(s.conn(), None, Register::Secondments, &sec.id, today).unwrap();
    assert!(sec.active && sec.overdue);
}

#[test]
fn secondments_are_active_overdue_and_unapproved_as_of_a_date() {
    let (mut s, v, _) = store();
    use Register::Secondments as S;
    // (name, start, end, approved, ended on)
    let rows = [
        ("甲", "2026-01-01", "2026-06-30", true, None), // overdue from 07-01
        ("乙", "2026-03-01", "2027-02-28", false, None), // unapproved
        ("丙", "2026-02-01", "2026-05-31", false, Some("2026-05-31")), // ended
        ("丁", "2026-12-01", "2027-05-31", true, None), // not started yet
    ];
    for (i, (name, start, end, approved, ended)) in rows.iter().enumerate() {
        let mut input = secondment(name, i as u32 + 1, start, end, *approved);
        if i == 0 {
            input.unit_id = v.clone();
        }
        if let Some(d) = ended {
            input.decision = "结束借调".into();
            input.result_date = (*d).into();
        }
        create(&mut s, S, &input).unwrap();
    }
    let flags = |on| -> Vec<(String, bool, bool, bool)> {
        rect::entries(s.conn(), None, S, on)
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.active, e.overdue, e.unapproved))
            .collect()
    };
    let f = flags(day(2026, 11, 26));
    let get =
        |f: &[(String, bool, bool, bool)], n: &str| f.iter().find(|x| x.0 == n).cloned().unwrap();
    assert_eq!(get(&f, "甲"), ("甲".into(), true, true, false));
    assert_eq!(get(&f, "乙"), ("乙".into(), true, false, true));
    assert_eq!(get(&f, "丙"), ("丙".into(), false, false, false));
    assert_eq!(get(&f, "丁"), ("丁".into(), false, false, false));
    // On 2026-06-30 甲 is not overdue yet; 丙 is still seconded on 05-30.
    let f = flags(day(2026, 6, 30));
    assert_eq!(get(&f, "甲"), ("甲".into(), true, false, false));
    let f = flags(day(2026, 5, 30));
    assert_eq!(get(&f, "丙"), ("丙".into(), true, false, true));
    // The township's own staff come from 乡镇（街道）机关, as the form names it.
    assert_eq!(
        rect::entries(s.conn(), None, S, day(2026, 11, 26))
            .unwrap()
            .iter()
            .find(|e| e.name == "乙")
            .unwrap()
            .unit_name,
        "乡镇（街道）机关"
    );

    let t = |on| report::own_totals(s.conn(), on).unwrap();
    assert_eq!(t(day(2026, 11, 26))["rectification.secondments_active"], 2);
    assert_eq!(
        t(day(2026, 11, 26))["rectification.secondments_unapproved"],
        1
    );
    assert_eq!(t(day(2026, 5, 30))["rectification.secondments_active"], 3);
    assert_eq!(
        t(day(2026, 5, 30))["rectification.secondments_unapproved"],
        2
    );
    assert_eq!(t(day(2026, 12, 1))["rectification.secondments_active"], 3);
}

/// The hand-built fixture of the report keys: what each key counts is visible here.
fn fixture(tx: &Tx) {
    let (a, b) = fill(tx);
    let mk = |r: Register, i: EntryInput| rect::create_entry(tx, r, &i).unwrap().id;
    let mech = |unit: &str, name: &str, d: &str, date: &str| EntryInput {
        department: String::new(),
        basis: String::new(),
        ..plaque(unit, name, d, date)
    };
    // Mechanisms: 撤销 + 整合 count; 保留 and undecided do not; one 撤销 only next year? no:
    // result dates are never in the future, so one reopened instead.
    mk(
        Register::Mechanisms,
        mech(&a, "创建文明村领导小组", "撤销", "2026-03-01"),
    );
    mk(
        Register::Mechanisms,
        mech(&a, "环境整治工作组", "整合", "2026-03-02"),
    );
    mk(
        Register::Mechanisms,
        mech(&b, "村务监督委员会", "保留", "2026-03-03"),
    );
    mk(Register::Mechanisms, mech(&b, "河长制工作站", "", ""));
    let reopened = mk(
        Register::Mechanisms,
        mech(&b, "网格化工作领导小组", "撤销", "2026-03-04"),
    );
    rect::create_recheck(
        tx,
        &recheck(&reopened, Register::Mechanisms, "2026-10-01", true),
    )
    .unwrap();
    // Plaques: 2 摘除 (one in each village), 1 保留.
    let removed = mk(
        Register::Plaques,
        plaque(&a, "老年协会", "摘除", "2026-04-01"),
    );
    mk(
        Register::Plaques,
        plaque(&b, "科普示范站", "摘除", "2026-04-02"),
    );
    mk(
        Register::Plaques,
        plaque(&b, "村民委员会", "保留", "2026-04-02"),
    );
    rect::create_recheck(
        tx,
        &recheck(&removed, Register::Plaques, "2026-11-01", false),
    )
    .unwrap();
    // Certificates: 1 取消, 1 保留 with issued count.
    mk(
        Register::Certificates,
        plaque(&a, "亲属关系证明", "取消", "2026-05-01"),
    );
    mk(
        Register::Certificates,
        EntryInput {
            issued_this_year: "12".into(),
            ..plaque(&a, "居住证明", "保留", "2026-05-01")
        },
    );
    // Secondments: 2 active (1 unapproved), 1 ended.
    mk(
        Register::Secondments,
        secondment("甲", 1, "2026-01-01", "2026-06-30", true),
    );
    mk(
        Register::Secondments,
        secondment("乙", 2, "2026-03-01", "2027-02-28", false),
    );
    mk(
        Register::Secondments,
        EntryInput {
            decision: "结束借调".into(),
            result_date: "2026-05-31".into(),
            ..secondment("丙", 3, "2026-02-01", "2026-05-31", false)
        },
    );
}

const EXPECTED: &[(&str, i64)] = &[
    ("rectification.mechanisms_removed", 2),
    ("rectification.plaques_removed", 2),
    ("rectification.certificates_cancelled", 1),
    ("rectification.secondments_active", 2),
    ("rectification.secondments_unapproved", 1),
    ("rectification.rechecks", 2),
];

#[test]
fn the_report_keys_count_the_fixture_and_drill_into_it() {
    let mut s = Store::open_in_memory().unwrap();
    s.write(&ctx(), |tx| {
        fixture(tx);
        Ok(())
    })
    .unwrap();
    let today = day(2026, 11, 26);
    let t = report::own_totals(s.conn(), today).unwrap();
    for (key, n) in EXPECTED {
        assert_eq!(t[*key], *n, "{key}");
        let d = report::drill(s.conn(), "own", key, today).unwrap();
        assert_eq!(d.count as i64, *n, "{key}");
    }
    let d = report::drill(s.conn(), "own", "rectification.mechanisms_removed", today).unwrap();
    let mut names: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["创建文明村领导小组", "环境整治工作组"]);
    assert_eq!(d.rows[0].kind, "mechanisms");
    let d = report::drill(
        s.conn(),
        "own",
        "rectification.secondments_unapproved",
        today,
    )
    .unwrap();
    assert_eq!(d.rows[0].name, "乙");
    assert!(
        d.rows[0].detail.contains("未经准入"),
        "{}",
        d.rows[0].detail
    );
    let d = report::drill(s.conn(), "own", "rectification.rechecks", today).unwrap();
    assert!(d.rows.iter().any(|r| r.detail.contains("反弹")));
    // As of a day before the re-checks and removals.
    let early = report::own_totals(s.conn(), day(2026, 3, 1)).unwrap();
    assert_eq!(early["rectification.mechanisms_removed"], 1);
    assert_eq!(early["rectification.plaques_removed"], 0);
    assert_eq!(early["rectification.rechecks"], 0);
}

#[test]
fn the_keys_travel_in_the_package_and_the_county_sums_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Store::open(&dir.path().join("t.db")).unwrap();
    t.write(&ctx(), |tx| {
        fixture(tx);
        Ok(())
    })
    .unwrap();
    let e = package::export(&mut t, &ctx(), dir.path()).unwrap();
    let mut county =
        crate::support::office(dir.path(), "county", "320115000000", "江宁区", false).store;
    package::receive(&mut county, &ctx(), Path::new(&e.path), false).unwrap();
    let today = ctx().today();
    let total = report::report(county.conn(), today).unwrap().total;
    for (key, n) in EXPECTED {
        assert_eq!(total[*key], *n, "{key}");
        assert_eq!(
            report::drill(county.conn(), "all", key, today)
                .unwrap()
                .count as i64,
            *n,
            "{key}"
        );
    }
    assert!(package::required_kinds(2, 3).contains(&"rechecks"));
    assert!(!package::required_kinds(2, 2).contains(&"plaques"));
}

#[test]
fn a_deleted_entry_goes_to_the_recycle_bin_and_its_village_cannot_go() {
    let (mut s, v, _) = store();
    let p = create(
        &mut s,
        Register::Plaques,
        &plaque(&v, "老年协会", "摘除", "2026-04-01"),
    )
    .unwrap();
    let e = s
        .write(&ctx(), |tx| {
            gridledger_core::hierarchy::delete(tx, &v, kinds::ALL)
        })
        .unwrap_err();
    assert!(e.to_string().contains("挂牌"), "{e}");
    let bin = s
        .write(&ctx(), |tx| {
            rect::delete_entry(tx, Register::Plaques, &p.id)
        })
        .unwrap();
    assert!(
        rect::entries(s.conn(), None, Register::Plaques, ctx().today())
            .unwrap()
            .is_empty()
    );
    assert!(kinds::recycle_bin(s.conn())
        .unwrap()
        .iter()
        .any(|e| e.id == bin.id && e.kind_label == "挂牌"));
    s.write(&ctx(), |tx| kinds::restore(tx, &bin.id)).unwrap();
    let back = rect::entries(s.conn(), None, Register::Plaques, ctx().today()).unwrap();
    assert_eq!(back[0].id, p.id);
}

#[test]
fn evidence_photos_are_attached_to_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = Store::open(&db).unwrap();
    let (v, _) = s.write(&ctx(), |tx| Ok(fill(tx))).unwrap();
    let p = create(
        &mut s,
        Register::Plaques,
        &plaque(&v, "老年协会", "摘除", "2026-04-01"),
    )
    .unwrap();
    let photo = dir.path().join("摘牌照片.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff fake jpeg").unwrap();
    // The registers attach through the one mechanism every kind with files uses
    // (the kind is the register's table); the same photo twice is kept once.
    for _ in 0..2 {
        s.write(&ctx(), |tx| {
            kinds::attach_files(tx, &db, "plaques", &p.id, std::slice::from_ref(&photo))
        })
        .unwrap();
    }
    let entry = |s: &Store| {
        rect::entries(s.conn(), Some(&db), Register::Plaques, ctx().today())
            .unwrap()
            .remove(0)
    };
    let with = entry(&s);
    assert_eq!(with.attachments.len(), 1);
    assert_eq!(with.attachments[0].name, "摘牌照片.jpg");
    assert!(!with.attachments[0].missing);
    assert_eq!(
        kinds::attachments(s.conn(), Some(&db), "plaques", &p.id).unwrap(),
        with.attachments
    );
    let hash = with.attachments[0].hash.clone();
    s.write(&ctx(), |tx| kinds::detach_file(tx, "plaques", &p.id, &hash))
        .unwrap();
    assert!(entry(&s).attachments.is_empty());
    let e = s
        .write(&ctx(), |tx| kinds::detach_file(tx, "plaques", &p.id, &hash))
        .unwrap_err();
    assert!(e.to_string().contains("挂牌"), "{e}");
    // Every register takes files; 回头看 does not.
    for table in ["mechanisms", "plaques", "certificates", "secondments"] {
        assert!(kinds::find(table).unwrap().evidence().is_some(), "{table}");
    }
    assert!(kinds::find("rechecks").unwrap().evidence().is_none());
}

fn import(s: &mut Store, kind: &str, path: &Path) -> (usize, usize, usize, usize) {
    let k = Kind::parse(kind).unwrap();
    let r = k
        .commit(s, &ctx(), path, &AtomicBool::new(false), &mut |_, _| {})
        .unwrap();
    (r.created, r.updated, r.unchanged, r.rejected)
}

#[test]
fn imports_name_bad_rows_by_column_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, _) = store();
    let today = day(2026, 11, 26);
    // (kind, file, problems as (row, column), valid rows)
    type Case<'a> = (&'a str, String, Vec<(usize, &'a str)>, usize);
    let files: Vec<Case> = vec![
        (
            "plaques",
            "牌子名称,村/社区,发牌部门,处理结果,处理日期,保留依据,备注\n\
             老年协会,青溪社区,区民政局,摘除,2026-04-01,,\n\
             村民委员会,桃园村,区民政局,保留,2026-04-01,村民委员会组织法,\n\
             科普示范站,不存在村,区科协,摘除,2026-04-01,,\n\
             文明户评选站,桃园村,区文明办,保留,2026-04-01,,\n\
             卫生室,桃园村,区卫健委,拆掉,2026-04-01,,\n"
                .into(),
            vec![(4, "村/社区"), (5, "保留依据"), (6, "处理结果")],
            2,
        ),
        (
            "mechanisms",
            "机制名称,村/社区,机制类型,设立部门,处理结果,处理日期,依据,备注\n\
             创建文明村领导小组,青溪社区,领导小组,区文明办,撤销,2026-03-01,,\n\
             环境整治工作组,青溪社区,,,整合,,,\n"
                .into(),
            vec![(3, "处理日期")],
            1,
        ),
        (
            "certificates",
            "证明事项名称,村/社区,要求出具部门,依据,处理结果,处理日期,今年出具数量,备注\n\
             亲属关系证明,青溪社区,区公安分局,,取消,2026-05-01,,\n\
             居住证明,青溪社区,区公安分局,居住证暂行条例,保留,2026-05-01,12,\n\
             无犯罪证明,青溪社区,区人社局,公安部规定,保留,2026-05-01,很多,\n"
                .into(),
            vec![(4, "今年出具数量")],
            2,
        ),
        (
            "secondments",
            format!(
                "姓名,身份证号码,派出村/社区,借调单位,借调开始日期,借调结束日期,经准入,准入文号,处理结果,结束借调日期,备注\n\
                 甲,{},青溪社区,区委组织部,2026-01-01,2026-06-30,是,江宁借准〔2026〕3号,,,\n\
                 乙,{},乡镇（街道）机关,区信访局,2026-03-01,2027-02-28,否,,,,\n\
                 丙,3201151985061200,,区信访局,2026-03-01,2027-02-28,否,,,,\n\
                 丁,{},,区信访局,2026-03-01,2027-02-28,是,,,,\n\
                 戊,{},,区信访局,2026-03-01,2027-02-28,也许,,,,\n\
                 己,{},,区信访局,2026-03-01,2027-02-28,否,江宁借准〔2026〕9号,,,\n",
                idn(1),
                idn(2),
                idn(4),
                idn(5),
                idn(6)
            ),
            // 己: a number on a secondment not approved would be dropped.
            vec![(4, "身份证号码"), (5, "准入文号"), (6, "经准入"), (7, "准入文号")],
            2,
        ),
    ];
    for (kind, csv, problems, valid) in &files {
        let path = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&path, csv).unwrap();
        let k = Kind::parse(kind).unwrap();
        let p = k.preview(s.conn(), &path, today).unwrap();
        let got = problem_places(&p);
        assert_eq!(got, *problems, "{kind}: {:?}", p.problems);
        assert_eq!(p.valid_rows, *valid, "{kind}");
        assert_eq!(
            import(&mut s, kind, &path),
            (*valid, 0, 0, problems.len()),
            "{kind}"
        );
        assert_eq!(
            import(&mut s, kind, &path),
            (0, 0, *valid, problems.len()),
            "{kind} again"
        );
        // The export (ID numbers masked) imports back unchanged.
        let out = dir.path().join(format!("{kind}-导出.xlsx"));
        assert_eq!(
            kinds::export_xlsx(s.conn(), kind, &out, today).unwrap(),
            *valid,
            "{kind}"
        );
        assert_eq!(
            import(&mut s, kind, &out),
            (0, 0, *valid, 0),
            "{kind} export"
        );
    }
    // A secondment from the township's organ is listed, exported and read back as
    // the form says it (乡镇（街道）机关; an empty cell means the same).
    let second = rect::entries(s.conn(), None, Register::Secondments, today).unwrap();
    let yi = second.iter().find(|e| e.name == "乙").unwrap();
    assert_eq!(
        (yi.unit_id.as_deref(), yi.unit_name.as_str()),
        (None, "乡镇（街道）机关")
    );
    // Chinese names are accepted for the kinds.
    assert_eq!(
        Kind::parse("挂牌").unwrap(),
        Kind::parse("plaques").unwrap()
    );

    // Re-checks: one reopens 老年协会; an unknown entry and a bad date are named.
    let path = dir.path().join("rechecks.csv");
    std::fs::write(
        &path,
        "整治台账,对象名称,村/社区,回头看日期,发现情况,是否反弹,备注\n\
         挂牌,老年协会,青溪社区,2026-09-15,牌子又挂回去了,是,\n\
         挂牌,村民委员会,,2026-09-15,正常,否,\n\
         挂牌,没有这块牌子,,2026-09-15,x,否,\n\
         证明事项,居住证明,,昨天,x,否,\n\
         工作机制,创建文明村领导小组,,2026-09-15,,否,\n",
    )
    .unwrap();
    let k = Kind::parse("回头看").unwrap();
    let p = k.preview(s.conn(), &path, today).unwrap();
    let got = problem_places(&p);
    assert_eq!(
        got,
        [(4, "对象名称"), (5, "回头看日期"), (6, "发现情况")],
        "{:?}",
        p.problems
    );
    assert_eq!(import(&mut s, "rechecks", &path), (2, 0, 0, 3));
    assert_eq!(import(&mut s, "rechecks", &path), (0, 0, 2, 3));
    let plaques = rect::entries(s.conn(), None, Register::Plaques, today).unwrap();
    let reopened = plaques.iter().find(|e| e.name == "老年协会").unwrap();
    assert_eq!(reopened.reopened_on.as_deref(), Some("2026-09-15"));
    let out = dir.path().join("rechecks-导出.xlsx");
    assert_eq!(
        kinds::export_xlsx(s.conn(), "rechecks", &out, today).unwrap(),
        2
    );
    assert_eq!(import(&mut s, "rechecks", &out), (0, 0, 2, 0));
    // The reopened plaque's own export still imports back unchanged.
    let out = dir.path().join("plaques-再导出.xlsx");
    kinds::export_xlsx(s.conn(), "plaques", &out, today).unwrap();
    assert_eq!(import(&mut s, "plaques", &out), (0, 0, 2, 0));
}

/// A rebound the entry cannot have (not removed, or dated before its removal) is
/// refused by the import check, naming its row and column: the check passed it and
/// the import then failed whole, naming no row.
#[test]
fn an_impossible_rebound_is_refused_by_the_check_on_its_row() {
    let (mut s, v, _) = store();
    create(
        &mut s,
        Register::Plaques,
        &plaque(&v, "党群服务中心", "保留", "2026-04-01"),
    )
    .unwrap();
    create(
        &mut s,
        Register::Plaques,
        &plaque(&v, "老年协会", "摘除", "2026-04-01"),
    )
    .unwrap();
    let village = gridledger_core::hierarchy::get(s.conn(), &v).unwrap().name;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("回头看.csv");
    std::fs::write(
        &path,
        format!(
            "台账,对象名称,村/社区,回头看日期,发现情况,是否反弹\n\
             挂牌,党群服务中心,{village},2026-09-01,又挂上了,是\n\
             挂牌,老年协会,{village},2026-03-01,又挂上了,是\n\
             挂牌,老年协会,{village},2026-09-01,又挂上了,是\n\
             挂牌,老年协会,{village},2026-10-01,还在,是\n"
        ),
    )
    .unwrap();
    let p = Kind::parse("rechecks")
        .unwrap()
        .preview(s.conn(), &path, day(2026, 11, 26))
        .unwrap();
    // A second rebound of one entry in the file: the first reopens it.
    assert_eq!(
        problem_places(&p),
        [(2, "是否反弹"), (3, "回头看日期"), (5, "是否反弹")]
    );
    assert!(
        p.problems[2]
            .message
            .starts_with("第 4 行已登记“老年协会”反弹"),
        "{}",
        p.problems[2].message
    );
    assert_eq!(p.to_create, 1);
    let (created, _, _, rejected) = import(&mut s, "rechecks", &path);
    assert_eq!((created, rejected), (1, 3));
}

/// A certificate's 今年出具数量 is of a year (出具年度): the year it was entered, kept
/// while the count stays, this year when it changes, the year an imported row names;
/// a record saved before the field reads the year it was last saved.
#[test]
fn a_certificates_count_is_of_the_year_it_was_entered() {
    use crate::support::ctx_on;
    let (mut s, a, _) = store();
    let count = |issued: &str, year: &str| EntryInput {
        issued_this_year: issued.into(),
        issued_year: year.into(),
        ..plaque(&a, "居住证明", "保留", "2026-05-01")
    };
    let v = create(&mut s, Register::Certificates, &count("12", "")).unwrap();
    assert_eq!((v.issued_this_year, v.issued_year), (Some(12), Some(2026)));
    let id = v.id.clone();
    let update = |s: &mut Store, on: (i32, u32, u32), input: &EntryInput| {
        s.write(&ctx_on(on.0, on.1, on.2), |tx| {
            rect::update_entry(tx, Register::Certificates, &id, input)
        })
    };
    // In January a change of another field keeps last year's count as last year's.
    let kept = EntryInput {
        remark: "一月核对".into(),
        ..count("12", "")
    };
    let v = update(&mut s, (2027, 1, 5), &kept).unwrap();
    assert_eq!((v.issued_this_year, v.issued_year), (Some(12), Some(2026)));
    // A new count is this year's; a year given is taken.
    let v = update(&mut s, (2027, 1, 6), &count("2", "")).unwrap();
    assert_eq!(v.issued_year, Some(2027));
    let v = update(&mut s, (2027, 1, 6), &count("30", "2026年")).unwrap();
    assert_eq!((v.issued_this_year, v.issued_year), (Some(30), Some(2026)));
    for (year, says) in [("2028", "2000 至 2027"), ("去年", "不是")] {
        match update(&mut s, (2027, 1, 6), &count("30", year)) {
            Err(Error::Validation { field, message }) => {
                assert_eq!(field, "issuedYear");
                assert!(message.contains(says), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(update(&mut s, (2027, 1, 6), &count("", "2026")).is_err());
    // A record written before the field: the year it was last saved, in China.
    s.conn()
        .execute_batch(
            "UPDATE certificates SET updated_at = '2025-12-31T17:00:00Z',
                 json = json_set(json_remove(json, '$.issuedYear'),
                                 '$.updatedAt', '2025-12-31T17:00:00Z')",
        )
        .unwrap();
    let v = rect::entry(s.conn(), None, Register::Certificates, &id, day(2027, 1, 6)).unwrap();
    assert_eq!(v.issued_year, Some(2026));
    // The ledger carries the year out and back in unchanged.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("c.csv");
    std::fs::write(
        &csv,
        "证明事项名称,村/社区,要求出具部门,依据,处理结果,处理日期,今年出具数量,出具年度,备注\n\
         居住证明,青溪社区,区民政局,《村民委员会组织法》,保留,2026-05-01,30,2026,\n",
    )
    .unwrap();
    assert_eq!(import(&mut s, "certificates", &csv).1, 1);
    let v = rect::entry(s.conn(), None, Register::Certificates, &id, day(2027, 1, 6)).unwrap();
    assert_eq!((v.issued_this_year, v.issued_year), (Some(30), Some(2026)));
}

/// A village typed one character wrong is named with the one meant (probe AA: 梧侗社区
/// got no hint); one far from any, not.
#[test]
fn a_misspelled_village_is_told_the_name_it_is_near() {
    let (s, _, _) = store();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(
        &csv,
        "牌子名称,村/社区,发牌部门\n老年协会,青溪社,区民政局\n科普站,青渓社区,区科协\n书屋,石塘村,区文旅局\n",
    )
    .unwrap();
    let p = Kind::parse("plaques")
        .unwrap()
        .preview(s.conn(), &csv, day(2026, 11, 26))
        .unwrap();
    let said: Vec<&str> = p.problems.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(said[0].contains("是不是“青溪社区”？"), "{}", said[0]);
    assert!(said[1].contains("是不是“青溪社区”？"), "{}", said[1]);
    assert!(!said[2].contains("是不是"), "{}", said[2]);
}
