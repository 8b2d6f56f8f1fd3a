//! What has happened is not dated after today, in every kind that records an event:
//! a visit, a meeting (joint or working), a decision or follow-up done, a training
//! held, a rectification done, a demand received, an admission applied, a notice
//! issued (besides the steps of demands, projects and
//! admissions, the pipeline, rechecks and inspections, tested with their kinds).
//! Dates that plan (整改期限, 完成时限, 收回日期 from a notice) may lie ahead.

use gridledger_core::base::error::ErrorKind;
use gridledger_core::contacts::{self, ContactPoint};
use gridledger_core::party::DecisionInput;
use gridledger_core::{demands, scores, store::ledger, training, Store};

use crate::support::{ctx, decision, joint_meeting, parking_meeting};

const AHEAD: &str = "2026-11-27"; // the day after ctx()'s

#[track_caller]
fn refused_as_ahead<T: std::fmt::Debug>(r: gridledger_core::Result<T>, field: &str) {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
    assert_eq!(e.field(), Some(field), "{e}");
    assert!(e.to_string().contains("晚于今天"), "{e}");
    assert!(e.to_string().contains(AHEAD), "{e}");
}

#[test]
fn an_event_dated_after_today_is_refused_a_plan_is_not() {
    let mut s = Store::open_in_memory().unwrap();
    gridledger_core::demo::fill(&mut s, &ctx()).unwrap();
    let point: ContactPoint = ledger::list(s.conn()).unwrap().remove(0);
    let visit = contacts::VisitInput {
        contact_point_id: point.id.clone(),
        visited_on: AHEAD.into(),
        visitors: "王书记".into(),
        ..Default::default()
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| {
            contacts::create_visit(tx, &visit, demands::linked_to_visits)
        }),
        "visitedOn",
    );
    // A joint meeting held on a day, with no decisions.
    let meeting_on = |s: &mut Store, held: &str| {
        s.write(&ctx(), |tx| {
            let committee_id = crate::support::joint_committee(tx);
            gridledger_core::party::create_meeting(
                tx,
                &gridledger_core::party::MeetingInput {
                    committee_id,
                    held_on: held.into(),
                    topics: "冬季工作".into(),
                    ..Default::default()
                },
            )
        })
    };
    // A meeting held tomorrow; a decision done tomorrow; due tomorrow is fine.
    refused_as_ahead(meeting_on(&mut s, AHEAD), "heldOn");
    let done_tomorrow = DecisionInput {
        done_on: AHEAD.into(),
        ..decision("清理楼道", AHEAD, "done")
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| joint_meeting(tx, vec![done_tomorrow.clone()])),
        "decisions",
    );
    // A working meeting held tomorrow; one held today is taken.
    refused_as_ahead(
        s.write(&ctx(), |tx| {
            let group_id = crate::support::parking_group(tx);
            demands::create_working_meeting(
                tx,
                &demands::WorkingMeetingInput {
                    group_id,
                    held_on: AHEAD.into(),
                    topics: "停车难".into(),
                    ..Default::default()
                },
            )
        }),
        "heldOn",
    );
    let today = ctx().today().format("%Y-%m-%d").to_string();
    meeting_on(&mut s, &today).unwrap();
    let m = s
        .write(&ctx(), |tx| {
            parking_meeting(tx, vec![decision("协调车位", AHEAD, "open")])
        })
        .unwrap();
    refused_as_ahead(
        s.write(&ctx(), |tx| {
            demands::set_follow_up(tx, &m.decisions[0].id, "done", AHEAD)
        }),
        "doneOn",
    );
    refused_as_ahead(
        s.write(&ctx(), |tx| {
            training::create_session(
                tx,
                &training::SessionInput {
                    level: "乡镇级".into(),
                    organiser: "青溪街道党工委".into(),
                    date: AHEAD.into(),
                    topic: "安全培训".into(),
                    hours: "2".into(),
                    method: "集中".into(),
                    ..Default::default()
                },
            )
        }),
        "date",
    );
    let item = |done: &str| scores::RectificationItemInput {
        notice: "县通报〔2026〕3号".into(),
        item: "台账整理".into(),
        owner: "王主任".into(),
        deadline: "2026-12-31".into(),
        done_on: done.into(),
        note: String::new(),
        ..Default::default()
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &item(AHEAD))
        }),
        "doneOn",
    );
    // 整改期限 ahead, not done yet: a plan.
    s.write(&ctx(), |tx| {
        scores::create_rectification_item(tx, &item(""))
    })
    .unwrap();
    // A demand received tomorrow (counted by no period up to today). One stored
    // with such a date before the rule (here: entered on a later day) still saves
    // as it is; only a new 受理日期 is checked.
    let received = |on: &str| demands::DemandInput {
        received_on: on.into(),
        ..crate::support::streetlight()
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| demands::create_demand(tx, &received(AHEAD))),
        "receivedOn",
    );
    let later = gridledger_core::Ctx::new(
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 28, 2, 0, 0).unwrap(),
    );
    let id = s
        .write(&later, |tx| demands::create_demand(tx, &received(AHEAD)))
        .unwrap()
        .id;
    let edited = demands::DemandInput {
        description: "路灯还是不亮".into(),
        ..received(AHEAD)
    };
    s.write(&ctx(), |tx| demands::update_demand(tx, &id, &edited))
        .unwrap();
    let e = s
        .write(&ctx(), |tx| {
            demands::update_demand(tx, &id, &received("2026-11-29"))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("receivedOn"), "{e}");
}

/// A clerk's month (probe F): an admission applied and reviewed ahead of today was
/// stuck (审批 today was "before the previous step"), a notice issued ahead and an
/// item done before its notice was issued counted in no period. Each is refused,
/// naming its field. (A 认领 may be dated ahead: it counts from its day.)
#[test]
fn admissions_claims_and_notices_are_not_dated_ahead() {
    use gridledger_core::admissions;
    let mut s = Store::open_in_memory().unwrap();
    gridledger_core::demo::fill(&mut s, &ctx()).unwrap();
    let input = admissions::AdmissionInput {
        department: "区住建局".into(),
        matter: "燃气安全巡查".into(),
        level: "township".into(),
        term: "long".into(),
        applied_on: AHEAD.into(),
        ..Default::default()
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| admissions::create_admission(tx, &input)),
        "appliedOn",
    );
    let open = s
        .write(&ctx(), |tx| {
            admissions::create_admission(
                tx,
                &admissions::AdmissionInput {
                    applied_on: "2026-11-20".into(),
                    ..input.clone()
                },
            )
        })
        .unwrap();
    let reviewed = admissions::Move {
        to: "reviewed".into(),
        date: AHEAD.into(),
        opinion: "同意".into(),
        ..Default::default()
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| admissions::move_to(tx, &open.id, &reviewed)),
        "date",
    );
    let notice = scores::AssessmentResultInput {
        period: "2026".into(),
        kind: "criticism".into(),
        title: "通报".into(),
        recipient: "青溪社区".into(),
        issued_on: AHEAD.into(),
        ..Default::default()
    };
    refused_as_ahead(
        s.write(&ctx(), |tx| scores::create_result(tx, &notice)),
        "issuedOn",
    );
    // Done before the notice was issued.
    s.write(&ctx(), |tx| {
        scores::create_result(
            tx,
            &scores::AssessmentResultInput {
                issued_on: "2026-11-20".into(),
                ..notice.clone()
            },
        )
    })
    .unwrap();
    let item = scores::RectificationItemInput {
        notice: "通报".into(),
        item: "台账不全".into(),
        owner: "青溪社区".into(),
        deadline: "2026-12-31".into(),
        done_on: "2026-11-01".into(),
        ..Default::default()
    };
    let e = s
        .write(&ctx(), |tx| scores::create_rectification_item(tx, &item))
        .unwrap_err();
    assert_eq!(e.field(), Some("doneOn"));
    assert_eq!(
        e.to_string(),
        "完成日期 2026-11-01 早于通报的发文日期 2026-11-20，请核对。"
    );
}
