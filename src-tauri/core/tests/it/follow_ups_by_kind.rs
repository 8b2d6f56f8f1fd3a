//! Each meeting kind's follow-ups in its own list (issue 14 item 8): 党建 › 联席会议
//! lists only the joint meetings' decisions, 诉求 › 协调机制 only the working
//! meetings'; a batch 标记办结 and a single one still reach either kind, each
//! writing one change-log row on its own meeting.

use chrono::NaiveDate;
use gridledger_core::batch::{self, Action};
use gridledger_core::demands::{self, FollowUpsOf};
use gridledger_core::party::DecisionInput;
use gridledger_core::party::FollowUpStatus;
use gridledger_core::{store::office, ErrorKind, Store};

use crate::support::{ctx, decision, joint_meeting, parking_meeting};

/// A joint meeting (车棚 open, overdue on 2026-11-26; 围墙 done; 绿化 open, due in
/// December) and a working meeting (停车位 open, due 11-29; 充电桩 open, no date).
/// Returns (store, joint meeting id, working meeting id).
fn fixture() -> (Store, String, String) {
    let mut store = Store::open_in_memory().unwrap();
    let ids = store
        .write(&ctx(), |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)?;
            let joint = joint_meeting(
                tx,
                vec![
                    decision("补种绿化", "2026-12-15", "open"),
                    decision("修缮车棚", "2026-11-25", "open"),
                    decision("修补围墙", "2026-11-18", "done"),
                ],
            )?;
            let working = parking_meeting(
                tx,
                vec![
                    decision("增设充电桩", "", "open"),
                    decision("划定停车位", "2026-11-29", "open"),
                ],
            )?;
            Ok((joint.id, working.id))
        })
        .unwrap();
    (store, ids.0, ids.1)
}

fn open(store: &Store, of: FollowUpsOf) -> Vec<String> {
    seen(store, of, true).into_iter().map(|r| r.0).collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// (decision, meeting kind, body, status) in list order.
fn seen(
    store: &Store,
    of: FollowUpsOf,
    only_open: bool,
) -> Vec<(String, &'static str, String, FollowUpStatus)> {
    demands::follow_ups_of(store.conn(), of, only_open, today())
        .unwrap()
        .into_iter()
        .map(|f| (f.decision, f.meeting_kind, f.committee_name, f.status))
        .collect()
}

fn row(
    d: &str,
    kind: &'static str,
    body: &str,
    st: FollowUpStatus,
) -> (String, &'static str, String, FollowUpStatus) {
    (d.into(), kind, body.into(), st)
}

#[test]
fn each_meeting_kind_lists_only_its_own_follow_ups() {
    use FollowUpStatus::{Done, Open};
    let (store, _, _) = fixture();
    let joint = "joint_meetings";
    let working = "working_meetings";
    // Overdue first, then open by due date, then done.
    assert_eq!(
        seen(&store, FollowUpsOf::Joint, false),
        vec![
            row("修缮车棚", joint, "青溪街道大工委", Open),
            row("补种绿化", joint, "青溪街道大工委", Open),
            row("修补围墙", joint, "青溪街道大工委", Done),
        ]
    );
    assert_eq!(
        seen(&store, FollowUpsOf::Joint, true),
        vec![
            row("修缮车棚", joint, "青溪街道大工委", Open),
            row("补种绿化", joint, "青溪街道大工委", Open),
        ]
    );
    // A dated one before one with no date.
    assert_eq!(
        seen(&store, FollowUpsOf::Working, true),
        vec![
            row("划定停车位", working, "停车治理专班", Open),
            row("增设充电桩", working, "停车治理专班", Open),
        ]
    );
    // Without a kind (batch actions, 首页): all five, the overdue one first.
    let all = seen(&store, FollowUpsOf::All, false);
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].0, "修缮车棚");
    assert_eq!(all[4].0, "修补围墙");
    assert_eq!(
        demands::follow_ups(store.conn(), false, today())
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn the_kind_is_named_by_its_table_and_nothing_else() {
    assert_eq!(FollowUpsOf::parse("").unwrap(), FollowUpsOf::All);
    assert_eq!(FollowUpsOf::parse("all").unwrap(), FollowUpsOf::All);
    assert_eq!(
        FollowUpsOf::parse("joint_meetings").unwrap(),
        FollowUpsOf::Joint
    );
    assert_eq!(
        FollowUpsOf::parse(" working_meetings ").unwrap(),
        FollowUpsOf::Working
    );
    let e = FollowUpsOf::parse("meetings").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.field(), Some("kind"));
    assert!(e.to_string().contains("联席会议和工作会议"), "{e}");
}

#[test]
fn batch_done_over_both_kinds_then_each_list_shows_its_own_done() {
    let (mut store, joint_id, working_id) = fixture();
    let id_of = |s: &Store, of: FollowUpsOf, text: &str| {
        demands::follow_ups_of(s.conn(), of, false, today())
            .unwrap()
            .into_iter()
            .find(|f| f.decision == text)
            .unwrap()
            .id
    };
    let shed = id_of(&store, FollowUpsOf::Joint, "修缮车棚");
    let parking = id_of(&store, FollowUpsOf::Working, "划定停车位");
    let before = crate::support::change_log_rows(&store);
    let out = store
        .write(&ctx(), |tx| {
            batch::apply(
                tx,
                &[shed.clone(), parking.clone()],
                &Action::FollowUpsDone {
                    date: "2026-11-26".into(),
                },
            )
        })
        .unwrap();
    assert_eq!((out.changed, out.unchanged), (2, 0));
    // One row on each meeting, each in its own table.
    let mut logged: Vec<(String, String)> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT table_name, record_id FROM change_log WHERE rowid > ?1 ORDER BY rowid")
            .unwrap();
        stmt.query_map([before], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    logged.sort();
    assert_eq!(
        logged,
        vec![
            ("joint_meetings".to_string(), joint_id),
            ("working_meetings".to_string(), working_id),
        ]
    );
    assert_eq!(open(&store, FollowUpsOf::Joint), vec!["补种绿化"]);
    assert_eq!(open(&store, FollowUpsOf::Working), vec!["增设充电桩"]);

    // One at a time from the working meetings' list: reopened there, still not in 党建's.
    store
        .write(&ctx(), |tx| {
            demands::set_follow_up(tx, &parking, "open", "").map(|_| ())
        })
        .unwrap();
    assert_eq!(
        open(&store, FollowUpsOf::Working),
        vec!["划定停车位", "增设充电桩"]
    );
    assert_eq!(open(&store, FollowUpsOf::Joint), vec!["补种绿化"]);
}

/// A decision's deadline before the meeting that set it would be 已逾期 from the
/// start (a clerk typed 12-01 for a meeting on 12-05): refused, in either kind of
/// meeting, naming the item; on the meeting's day it is accepted.
#[test]
fn a_deadline_before_its_meeting_is_refused() {
    let mut s = Store::open_in_memory().unwrap();
    s.write(&ctx(), |tx| {
        office::setup(tx, "township", "320115101000", "青溪街道", false)
    })
    .unwrap();
    let e = s
        .write(&ctx(), |tx| {
            joint_meeting(
                tx,
                vec![
                    decision("加装电梯", "2026-11-30", "open"),
                    decision("协调增容", "2026-11-01", "open"),
                ],
            )
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(
        e.to_string()
            .contains("第 2 项的完成时限 2026-11-01 早于会议日期 2026-11-02"),
        "{e}"
    );
    let e = s
        .write(&ctx(), |tx| {
            parking_meeting(tx, vec![decision("划线", "2026-11-09", "open")])
        })
        .unwrap_err();
    assert!(e.to_string().contains("早于会议日期 2026-11-10"), "{e}");
    s.write(&ctx(), |tx| {
        parking_meeting(tx, vec![decision("划线", "2026-11-10", "open")])
    })
    .unwrap();
    // Nor is one 办结 before the meeting (said by the form's word, 办结日期).
    let e = s
        .write(&ctx(), |tx| {
            joint_meeting(
                tx,
                vec![DecisionInput {
                    done_on: "2026.11.1".into(),
                    ..decision("加装电梯", "2026-11-30", "done")
                }],
            )
        })
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("第 1 项的办结日期 2026-11-01 早于会议日期 2026-11-02"),
        "{e}"
    );
}
