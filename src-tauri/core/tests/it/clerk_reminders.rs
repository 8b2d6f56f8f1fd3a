//! 首页's reminders (issue 14): what is overdue or due this week, from hand-built
//! demands, meeting follow-ups and projects, with `today` passed in.

use chrono::NaiveDate;
use gridledger_core::cobuild::{self, ProjectInput};
use gridledger_core::demands::{self, DemandInput};
use gridledger_core::exchange::reminders::reminders;
use gridledger_core::{store::office, Store};

use crate::support::{ctx, decision, joint_meeting, parking_meeting, unit};

// Now (support::ctx) is Thursday 2026-11-26 in China: the week runs Monday 11-23 to
// Sunday 11-29.

fn fixture() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(&ctx(), |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)?;
            let village = unit(tx, "village", None, "320115101001", "青溪社区");
            let demand = |title: &str, deadline: &str| DemandInput {
                title: title.into(),
                category: "环境卫生".into(),
                description: "居民反映".into(),
                received_on: "2026-11-01".into(),
                deadline: deadline.into(),
                ..Default::default()
            };
            demands::create_demand(tx, &demand("路灯不亮", "2026-11-20"))?;
            demands::create_demand(tx, &demand("垃圾清运", "2026-11-28"))?;
            demands::create_demand(tx, &demand("下月再办", "2026-12-10"))?;
            demands::create_demand(tx, &demand("没有时限", ""))?;
            joint_meeting(
                tx,
                vec![
                    decision("修缮车棚", "2026-11-25", "open"),
                    decision("已办完的", "2026-11-20", "done"),
                    decision("年底前", "2026-12-31", "open"),
                ],
            )?;
            parking_meeting(tx, vec![decision("划定停车位", "2026-11-29", "open")])?;
            let project = |title: &str, start: &str, end: &str| ProjectInput {
                title: title.into(),
                village_id: village.clone(),
                category: "为老服务".into(),
                planned_start: start.into(),
                planned_end: end.into(),
                ..Default::default()
            };
            cobuild::create_project(tx, None, &project("助餐点", "2026-11-24", "2027-03-01"))?;
            cobuild::create_project(tx, None, &project("健身角", "2026-10-01", "2026-11-27"))?;
            cobuild::create_project(tx, None, &project("明年项目", "2027-01-01", "2027-06-01"))?;
            Ok(())
        })
        .unwrap();
    store
}

#[test]
fn this_weeks_due_and_overdue_items_in_order_each_with_its_record() {
    let store = fixture();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let r = reminders(store.conn(), today).unwrap();
    assert_eq!(
        (r.week_start.as_str(), r.week_end.as_str()),
        ("2026-11-23", "2026-11-29")
    );
    let seen: Vec<(&str, &str, &str, bool)> = r
        .items
        .iter()
        .map(|x| (x.kind, x.title.as_str(), x.due_label, x.overdue))
        .collect();
    assert_eq!(
        seen,
        [
            ("demand", "路灯不亮", "办理时限", true),
            ("project", "助餐点", "计划开始", true),
            ("follow_up", "修缮车棚", "完成时限", true),
            ("project", "健身角", "计划完成", false),
            ("demand", "垃圾清运", "办理时限", false),
            ("working_follow_up", "划定停车位", "完成时限", false),
        ]
    );
    assert_eq!((r.overdue, r.due_this_week), (3, 3));
    let late = &r.items[0];
    assert_eq!((late.days_late, late.due_on.as_str()), (6, "2026-11-20"));
    // Each names the record to open: the demand, the meeting (and its decision).
    let demand = demands::demand(store.conn(), &late.record_id, today).unwrap();
    assert_eq!(demand.title, "路灯不亮");
    let follow = r.items.iter().find(|x| x.kind == "follow_up").unwrap();
    assert!(!follow.item_id.is_empty());
    assert_eq!(follow.source, "联席会议（2026-11-02）");
    let working = r
        .items
        .iter()
        .find(|x| x.kind == "working_follow_up")
        .unwrap();
    assert_eq!(working.source, "工作组会议（2026-11-10）");

    // The Thursday after (week to 12-06): all six are overdue, and 12-10 is not yet due.
    let next = reminders(store.conn(), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()).unwrap();
    assert_eq!(next.due_this_week, 0);
    assert_eq!(next.overdue, 6);
    // The dashboard carries the same list.
    let d = gridledger_core::exchange::dashboard::dashboard(store.conn(), today).unwrap();
    assert_eq!(d.reminders, r);
}
