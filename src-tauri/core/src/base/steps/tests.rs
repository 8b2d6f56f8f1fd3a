//! The step machine, table-driven: every pair of steps of a flow with a refusal.

use super::*;
use crate::ErrorKind;

/// An admissions-like workflow (入驻/准入), declared purely as data: five steps on
/// the main line and a refusal reachable at 审核 and 审批 that ends it.
const ADMISSIONS: Flow = Flow {
    noun: "申请",
    verb: "办理",
    steps: &[
        Step::main("applied", "申请", "提交申请", &[]),
        Step::main(
            "reviewed",
            "审核",
            "审核通过",
            &[Field::required("reviewer", "审核人", "审核要填写审核人。")],
        ),
        Step::main(
            "approved",
            "审批",
            "审批通过",
            &[
                Field::required("approver", "审批人", ""),
                Field::required("document", "批准文号", ""),
                Field::optional("opinion", "审批意见"),
            ],
        ),
        Step::main("entered", "进入", "准予进入", &[]),
        Step::main("exited", "退出", "退出", &[]),
        Step::end("refused", "不予通过", "不予通过", &["reviewed", "approved"]),
    ],
};

/// Rows: from; columns: to, in the order of `ADMISSIONS.steps`.
/// `=` same step, `F` forward (allowed), `B` back (needs a reason), `E` to the end
/// (needs a reason), `x` refused (a skip, or an end not reachable from here),
/// `T` refused because the workflow has ended.
const EXPECTED: [&str; 6] = [
    "=Fxxxx", // 申请
    "B=FxxE", // 审核
    "BB=FxE", // 审批
    "BBB=Fx", // 进入
    "BBBB=x", // 退出
    "TTTTT=", // 不予通过
];

fn all_given(_: &str) -> bool {
    true
}

fn attempt<'a>(from: &'a str, to: &'a str, reason: &'a str) -> Attempt<'a> {
    Attempt {
        subject: "张三的申请",
        from,
        to,
        date: "2026-12-02",
        last_date: Some("2026-12-02"),
        today: None,
        reason,
        given: &all_given,
    }
}

#[test]
fn the_declarations_hold_together() {
    ADMISSIONS.validate().unwrap();
    let bad = |steps: &'static [Step]| {
        Flow {
            noun: "x",
            verb: "办理",
            steps,
        }
        .validate()
    };
    const A: Step = Step::main("a", "甲", "到甲", &[]);
    const A_AGAIN: Step = Step::main("a", "乙", "到乙", &[]);
    const NO_FROM_A: Step = Step::end("no", "否", "否决", &["a"]);
    const NO_FROM_B: Step = Step::end("no", "否", "否决", &["b"]);
    assert!(bad(&[]).is_err());
    assert!(bad(&[NO_FROM_A]).is_err(), "an end first");
    assert!(bad(&[A, A_AGAIN]).is_err(), "a key twice");
    assert!(bad(&[A, NO_FROM_B]).is_err(), "an end from nowhere");
    assert!(bad(&[A, NO_FROM_A]).is_ok());
}

#[test]
fn every_pair_of_steps_is_allowed_or_refused_as_the_table_says() {
    let steps = ADMISSIONS.steps;
    for (i, from) in steps.iter().enumerate() {
        let row = EXPECTED[i].as_bytes();
        let offered: Vec<&str> = ADMISSIONS.moves(from.key).iter().map(|m| m.to).collect();
        for (j, to) in steps.iter().enumerate() {
            let case = format!("{} → {}", from.label, to.label);
            let bare = ADMISSIONS.check(&attempt(from.key, to.key, ""));
            let with_reason = ADMISSIONS.check(&attempt(from.key, to.key, "材料不全"));
            match row[j] {
                b'=' => {
                    let e = bare.unwrap_err();
                    assert_eq!(e.kind(), ErrorKind::Refused, "{case}");
                    assert!(e.to_string().contains("已经是"), "{case}: {e}");
                }
                b'F' => {
                    let t = bare.unwrap_or_else(|e| panic!("{case}: {e}"));
                    assert_eq!((t.from.key, t.to.key, t.back), (from.key, to.key, false));
                }
                b'B' | b'E' => {
                    let e = bare.unwrap_err();
                    assert_eq!(e.field(), Some("reason"), "{case}: {e}");
                    let t = with_reason.unwrap_or_else(|e| panic!("{case}: {e}"));
                    assert_eq!(t.back, row[j] == b'B', "{case}");
                }
                b'x' => {
                    let e = with_reason.unwrap_err();
                    assert_eq!(e.kind(), ErrorKind::Refused, "{case}: {e}");
                    assert!(
                        e.to_string().contains("一步一步")
                            || e.to_string().contains("只有在")
                            || e.to_string().contains("最后一步"),
                        "{case}: {e}"
                    );
                }
                b'T' => {
                    let e = with_reason.unwrap_err();
                    assert_eq!(e.kind(), ErrorKind::Refused, "{case}");
                    assert!(e.to_string().contains("流程已结束"), "{case}: {e}");
                }
                other => panic!("bad table entry {}", other as char),
            }
            // What the UI is offered is exactly what the machine allows.
            assert_eq!(
                offered.contains(&to.key),
                matches!(row[j], b'F' | b'B' | b'E'),
                "{case}: offered {offered:?}"
            );
        }
    }
}

#[test]
fn moves_carry_labels_reasons_and_fields() {
    let moves = ADMISSIONS.moves("reviewed");
    let summary: Vec<(&str, &str, bool, bool)> = moves
        .iter()
        .map(|m| (m.to, m.label.as_str(), m.back, m.needs_reason))
        .collect();
    assert_eq!(
        summary,
        [
            ("approved", "审批通过", false, false),
            ("refused", "不予通过", false, true),
            ("applied", "退回到“申请”", true, true),
        ]
    );
    let fields: Vec<(&str, bool)> = moves[0]
        .fields
        .iter()
        .map(|f| (f.name, f.required))
        .collect();
    assert_eq!(
        fields,
        [("approver", true), ("document", true), ("opinion", false)]
    );
    assert!(
        ADMISSIONS.moves("refused").is_empty(),
        "an end offers nothing"
    );
    assert!(ADMISSIONS.moves("nonsense").is_empty());
    let json = serde_json::to_value(&moves[0]).unwrap();
    for key in [
        "hint",
        "to",
        "toLabel",
        "label",
        "back",
        "needsReason",
        "fields",
        "action",
        "blocked",
    ] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
}

#[test]
fn back_without_a_reason_is_refused_and_a_blank_reason_is_none() {
    for reason in ["", "   "] {
        let e = ADMISSIONS
            .check(&attempt("entered", "reviewed", reason))
            .unwrap_err();
        assert_eq!(e.field(), Some("reason"));
        assert_eq!(e.to_string(), "把申请从“进入”退回到“审核”要写明原因。");
    }
}

#[test]
fn a_date_before_the_previous_step_is_refused_forward_and_back() {
    for (from, to, reason) in [
        ("applied", "reviewed", ""),
        ("entered", "applied", "重新审核"),
    ] {
        let a = Attempt {
            date: "2026-12-01",
            ..attempt(from, to, reason)
        };
        let e = ADMISSIONS.check(&a).unwrap_err();
        assert_eq!(e.field(), Some("date"), "{from} → {to}");
        assert_eq!(e.to_string(), "日期不能早于上一步的日期 2026-12-02。");
        // The same day, or a record with no history yet, is fine.
        ADMISSIONS
            .check(&Attempt {
                last_date: None,
                ..a
            })
            .unwrap();
    }
}

#[test]
fn a_required_field_is_asked_for_with_its_message() {
    let none = |_: &str| false;
    let e = ADMISSIONS
        .check(&Attempt {
            given: &none,
            ..attempt("applied", "reviewed", "")
        })
        .unwrap_err();
    assert_eq!(
        (e.field(), e.to_string().as_str()),
        (Some("reviewer"), "审核要填写审核人。")
    );
    let e = ADMISSIONS
        .check(&Attempt {
            given: &none,
            ..attempt("reviewed", "approved", "")
        })
        .unwrap_err();
    // Every missing field at once (one fixed and imported again, the next only then
    // said), the first one's box marked.
    assert_eq!(
        (e.field(), e.to_string().as_str()),
        (Some("approver"), "审批通过要填写审批人、批准文号。")
    );
    // Going back asks for no field.
    ADMISSIONS
        .check(&Attempt {
            given: &none,
            ..attempt("approved", "reviewed", "退回")
        })
        .unwrap();
}

#[test]
fn steps_are_named_by_key_or_label_and_unknown_ones_are_refused() {
    let t = ADMISSIONS.check(&attempt("applied", "审核", "")).unwrap();
    assert_eq!(t.to.key, "reviewed");
    let e = ADMISSIONS
        .check(&attempt("applied", "通过", ""))
        .unwrap_err();
    assert_eq!(e.field(), Some("to"));
    assert!(
        e.to_string()
            .contains("可填：申请、审核、审批、进入、退出、不予通过"),
        "{e}"
    );
}

fn asked<'a>(to: &'a str, date: &'a str, reason: &'a str) -> Asked<'a> {
    Asked {
        subject: "申请",
        to,
        date,
        reason,
        given: &all_given,
    }
}

#[test]
fn an_admissions_workflow_runs_from_data_alone_and_keeps_its_history() {
    // Refused at 审批: the workflow ends there.
    let mut a = ADMISSIONS.start("2026-12-01", "提交申请", "t0");
    for (to, date, reason) in [
        ("reviewed", "2026-12-02", ""),
        ("approved", "2026-12-03", ""),
        ("applied", "2026-12-04", "材料需补充"),
        ("reviewed", "2026-12-05", ""),
        ("refused", "2026-12-06", "不符合条件"),
    ] {
        ADMISSIONS
            .advance(&mut a, &asked(to, date, reason), "t")
            .unwrap_or_else(|e| panic!("{to}: {e}"));
    }
    assert_eq!(a.step, "refused");
    let path: Vec<(Option<&str>, &str, &str)> = a
        .history
        .iter()
        .map(|e| (e.from.as_deref(), e.to.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        path,
        [
            (None, "applied", "提交申请"),
            (Some("applied"), "reviewed", ""),
            (Some("reviewed"), "approved", ""),
            (Some("approved"), "applied", "材料需补充"),
            (Some("applied"), "reviewed", ""),
            (Some("reviewed"), "refused", "不符合条件"),
        ]
    );
    for to in ["applied", "reviewed", "approved", "entered", "exited"] {
        let e = ADMISSIONS
            .advance(&mut a, &asked(to, "2026-12-07", "再议"), "t")
            .unwrap_err();
        assert!(e.to_string().contains("流程已结束"), "{to}: {e}");
    }
    assert_eq!(a.history.len(), 6, "a refused move is not recorded");

    // Admitted, then leaves: every step dated, never before the one before.
    let mut b = ADMISSIONS.start("2026-12-01", "提交申请", "t0");
    for (to, date) in [
        ("reviewed", "2026-12-01"),
        ("approved", "2026-12-02"),
        ("entered", "2026-12-10"),
    ] {
        ADMISSIONS
            .advance(&mut b, &asked(to, date, ""), "t")
            .unwrap();
    }
    let e = ADMISSIONS
        .advance(&mut b, &asked("exited", "2026-12-09", ""), "t")
        .unwrap_err();
    assert_eq!(e.field(), Some("date"));
    ADMISSIONS
        .advance(&mut b, &asked("exited", "2027-06-30", ""), "t")
        .unwrap();
    assert!(ADMISSIONS
        .advance(&mut b, &asked("refused", "2027-07-01", "x"), "t")
        .unwrap_err()
        .to_string()
        .contains("只有在“审核”或“审批”时才能不予通过"));
    let offered: Vec<&str> = ADMISSIONS.moves(&b.step).iter().map(|m| m.to).collect();
    assert_eq!(offered, ["entered", "approved", "reviewed", "applied"]);
}

#[test]
fn a_move_is_not_dated_after_today_where_the_flow_says_so() {
    let a = Attempt {
        date: "2026-12-03",
        today: Some("2026-12-02"),
        ..attempt("applied", "reviewed", "")
    };
    let e = ADMISSIONS.check(&a).unwrap_err();
    assert_eq!(e.field(), Some("date"));
    assert_eq!(
        e.to_string(),
        "审核通过的日期 2026-12-03 晚于今天（2026-12-02）：已经发生的步骤不能填将来的日期。"
    );
    // Today itself is fine, and so is no `today` (a flow that plans ahead).
    ADMISSIONS
        .check(&Attempt {
            date: "2026-12-02",
            ..a
        })
        .unwrap();
    ADMISSIONS.check(&Attempt { today: None, ..a }).unwrap();
    let back = Attempt {
        date: "2026-12-05",
        today: Some("2026-12-02"),
        ..attempt("entered", "applied", "重新审核")
    };
    assert!(ADMISSIONS
        .check(&back)
        .unwrap_err()
        .to_string()
        .starts_with("退回的日期 2026-12-05 晚于今天"));
}

/// Each move says the earliest day it may take, the last step's (the window says it
/// beside the fields a step lacks, at once).
#[test]
fn moves_after_a_step_say_the_earliest_day() {
    let moves = ADMISSIONS.moves_after("reviewed", Some("2026-11-07"));
    assert!(!moves.is_empty());
    assert!(moves
        .iter()
        .all(|m| m.not_before.as_deref() == Some("2026-11-07")));
    assert!(ADMISSIONS
        .moves("reviewed")
        .iter()
        .all(|m| m.not_before.is_none()));
}
