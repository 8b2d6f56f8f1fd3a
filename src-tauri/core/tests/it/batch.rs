//! Batch actions on lists (issue 14 item 1): per kind, what a batch does and what it
//! refuses, as a table of cases over one small township. A batch is one
//! transaction: a refusal midway leaves every table as it was (`dump`), and the
//! refusal names the record and says why, the same why as one at a time. Each
//! record changed writes exactly one change-log row.

use gridledger_core::batch::{self, Action, Outcome};
use gridledger_core::demands::{self, DemandInput, DepartmentInput, Move};
use gridledger_core::hierarchy;
use gridledger_core::people::{self, PersonQuery};
use gridledger_core::{kinds, ErrorKind, Store, Tx};

use crate::support::{
    ctx, decision, dump, grids_township, joint_meeting, person, role, unit, Grids,
};

/// The township of `grids_township` (张伟 on g1, 李娜 on g2, 王芳 on g3, all 在岗,
/// none 公示) plus:
/// - 楼栋长 赵敏 on 阳光花园; an empty village 柳岸村 with an empty compound 柳岸一组;
/// - department 城管科; demands 路灯 and 占道 (已受理, received 2026-11-10) and
///   垃圾 (already 交办 on 2026-11-12);
/// - a joint meeting with follow-ups 车棚 (open), 围墙 (done 2026-11-20), 绿化 (open).
struct Town {
    store: Store,
    g: Grids,
    zhang: String,
    li: String,
    wang: String,
    zhao: String,
    empty_village: String,
    empty_compound: String,
    dept: String,
    d_light: String,
    d_stall: String,
    d_trash: String,
    f_shed: String,
    f_wall: String,
    f_green: String,
    /// The meeting holding the three follow-ups (the record their change-log rows name).
    meeting: String,
}

fn town() -> Town {
    let mut store = Store::open_in_memory().unwrap();
    let g = grids_township(&mut store);
    let ids = store
        .write(&ctx(), |tx| {
            let zhao = person(
                tx,
                7,
                "赵敏",
                vec![role("building_head", None, &[&g.compound])],
            );
            let empty_village = unit(tx, "village", None, "320115101003", "柳岸村");
            let empty_compound = unit(tx, "compound", Some(&empty_village), "C09", "柳岸一组");
            let dept = demands::create_department(
                tx,
                &DepartmentInput {
                    name: "城管科".into(),
                    level: "township".into(),
                    note: String::new(),
                },
            )?
            .id;
            let demand = |title: &str| DemandInput {
                title: title.into(),
                category: "环境卫生".into(),
                description: "居民反映".into(),
                received_on: "2026-11-10".into(),
                ..Default::default()
            };
            let d_light = demands::create_demand(tx, &demand("路灯不亮"))?.id;
            let d_stall = demands::create_demand(tx, &demand("占道经营"))?.id;
            let d_trash = demands::create_demand(tx, &demand("垃圾清运"))?.id;
            demands::move_to(
                tx,
                &d_trash,
                &Move {
                    to: "assigned".into(),
                    date: "2026-11-12".into(),
                    department_id: dept.clone(),
                    ..Default::default()
                },
            )?;
            let decision = |text: &str, status: &str| decision(text, "2026-11-30", status);
            let meeting = joint_meeting(
                tx,
                vec![
                    decision("修缮车棚", "open"),
                    decision("修补围墙", "done"),
                    decision("补种绿化", "open"),
                ],
            )?;
            let f = |text: &str| {
                meeting
                    .decisions
                    .iter()
                    .find(|d| d.decision == text)
                    .unwrap()
                    .id
                    .clone()
            };
            Ok((
                zhao,
                empty_village,
                empty_compound,
                dept,
                d_light,
                d_stall,
                d_trash,
                f("修缮车棚"),
                f("修补围墙"),
                f("补种绿化"),
                meeting.id.clone(),
            ))
        })
        .unwrap();
    let named = |name: &str| {
        people::list(store.conn(), &PersonQuery::default())
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.name == name)
            .unwrap()
            .id
    };
    let (zhang, li, wang) = (named("张伟"), named("李娜"), named("王芳"));
    Town {
        store,
        g,
        zhang,
        li,
        wang,
        zhao: ids.0,
        empty_village: ids.1,
        empty_compound: ids.2,
        dept: ids.3,
        d_light: ids.4,
        d_stall: ids.5,
        d_trash: ids.6,
        f_shed: ids.7,
        f_wall: ids.8,
        f_green: ids.9,
        meeting: ids.10,
    }
}

/// The change-log rows the last batch wrote: (table, record, op), in order.
fn last_rows(s: &Store, n: i64) -> Vec<(String, String, String)> {
    let mut stmt = s
        .conn()
        .prepare("SELECT table_name, record_id, op FROM change_log ORDER BY rowid DESC LIMIT ?1")
        .unwrap();
    let mut rows: Vec<(String, String, String)> = stmt
        .query_map([n], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.reverse();
    rows
}

/// What a case expects.
enum Expect {
    /// (changed, unchanged), and the change-log op every changed record writes.
    Done(usize, usize, &'static str),
    /// Refused: the error kind and what the message must say (the record named, the
    /// reason).
    Refused(ErrorKind, &'static [&'static str]),
}

struct Case {
    what: &'static str,
    ids: fn(&Town) -> Vec<String>,
    action: fn(&Town) -> Action,
    expect: Expect,
    /// The record a changed item's change-log row names: itself, or for a follow-up
    /// the meeting it is a decision of.
    log_id: fn(&Town, &str) -> String,
    /// After a successful batch: what must now be true.
    then: fn(&Town),
}

fn nothing(_: &Town) {}

fn itself(_: &Town, id: &str) -> String {
    id.to_string()
}

fn its_meeting(t: &Town, _: &str) -> String {
    t.meeting.clone()
}

fn status_of(t: &Town, id: &str) -> people::Status {
    people::get(t.store.conn(), id).unwrap().status
}

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        // ---------- people ----------
        Case {
            what: "离岗 of two grid workers, dated",
            ids: |t| vec![t.zhang.clone(), t.li.clone()],
            action: |_| Action::PeopleLeave {
                date: "2026-11-20".into(),
            },
            expect: Done(2, 0, "update"),
            log_id: itself,
            then: |t| {
                assert_eq!(status_of(t, &t.zhang), people::Status::Left);
                assert_eq!(status_of(t, &t.li), people::Status::Left);
                assert_eq!(status_of(t, &t.wang), people::Status::Active);
                // History is by date: the 离岗 dated as asked (the fixture's people joined today).
                let h = people::history(t.store.conn(), &t.zhang).unwrap();
                let left: Vec<&str> = h
                    .iter()
                    .filter(|e| e.event == "left")
                    .map(|e| e.date.as_str())
                    .collect();
                assert_eq!(left, vec!["2026-11-20"]);
            },
        },
        Case {
            what: "离岗 dated after today: refused at the first, as one at a time",
            ids: |t| vec![t.zhang.clone(), t.li.clone()],
            action: |_| Action::PeopleLeave {
                date: "2026-12-01".into(),
            },
            expect: Refused(
                ErrorKind::Validation,
                &[
                    "批量离岗没有执行",
                    "第 1 项网格员“张伟”",
                    "离岗日期“2026-12-01”晚于今天",
                    "整批记录都没有改动",
                ],
            ),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "复岗 of someone 在岗, given twice: unchanged, counted once",
            ids: |t| vec![t.wang.clone(), t.wang.clone()],
            action: |_| Action::PeopleReturn {
                date: String::new(),
            },
            expect: Done(0, 1, "update"),
            log_id: itself,
            then: |t| assert_eq!(status_of(t, &t.wang), people::Status::Active),
        },
        Case {
            what: "公示 on for all four",
            ids: |t| {
                vec![
                    t.zhang.clone(),
                    t.li.clone(),
                    t.wang.clone(),
                    t.zhao.clone(),
                ]
            },
            action: |_| Action::PeoplePublish {
                published: true,
                date: "2026-11-01".into(),
            },
            expect: Done(4, 0, "update"),
            log_id: itself,
            then: |t| {
                // 公示 from 1 November: not yet at the end of October.
                let all = people::all(t.store.conn()).unwrap();
                for id in [&t.zhang, &t.li, &t.wang, &t.zhao] {
                    let p = all.iter().find(|p| &p.id == id).unwrap();
                    assert!(p.published && p.published_on("2026-11-01"));
                    assert!(!p.published_on("2026-10-31"));
                }
            },
        },
        Case {
            what: "调岗 of two grid workers to 第二网格 (李娜 is there already)",
            ids: |t| vec![t.zhang.clone(), t.li.clone(), t.wang.clone()],
            action: |t| Action::PeopleReassign {
                unit_id: t.g.g2.clone(),
                date: "2026-11-25".into(),
            },
            expect: Done(2, 1, "update"),
            log_id: itself,
            then: |t| {
                for id in [&t.zhang, &t.wang] {
                    let p = people::get(t.store.conn(), id).unwrap();
                    assert_eq!(p.roles[0].unit_ids, vec![t.g.g2.clone()]);
                    let h = people::history(t.store.conn(), id).unwrap();
                    let moved: Vec<&str> = h
                        .iter()
                        .filter(|e| e.event == "reassigned")
                        .map(|e| e.date.as_str())
                        .collect();
                    assert_eq!(moved, vec!["2026-11-25"]);
                }
            },
        },
        Case {
            what: "调岗 with a building head in the middle: refused at the 2nd, 张伟 not moved",
            ids: |t| vec![t.zhang.clone(), t.zhao.clone(), t.wang.clone()],
            action: |t| Action::PeopleReassign {
                unit_id: t.g.g2.clone(),
                date: String::new(),
            },
            expect: Refused(
                ErrorKind::Refused,
                &[
                    "第 2 项楼栋长“赵敏”",
                    "身份是楼栋长，不能调到基础网格“阳光花园第二网格”",
                ],
            ),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "调岗 to a unit that is gone",
            ids: |t| vec![t.zhang.clone()],
            action: |_| Action::PeopleReassign {
                unit_id: "no-such-unit".into(),
                date: String::new(),
            },
            expect: Refused(ErrorKind::Validation, &["已不存在"]),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "a person deleted meanwhile: named by its place in the batch",
            ids: |t| vec![t.zhang.clone(), "gone".into()],
            action: |_| Action::PeopleLeave {
                date: String::new(),
            },
            expect: Refused(
                ErrorKind::NotFound,
                &["第 2 项（已不存在的记录）", "找不到这个人员"],
            ),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "nothing selected",
            ids: |_| vec![],
            action: |_| Action::PeopleLeave {
                date: String::new(),
            },
            expect: Refused(ErrorKind::Validation, &["请先勾选"]),
            log_id: itself,
            then: nothing,
        },
        // ---------- follow-ups ----------
        Case {
            what: "标记办结 of three, one already done: two rows, the done date kept",
            ids: |t| vec![t.f_shed.clone(), t.f_wall.clone(), t.f_green.clone()],
            action: |_| Action::FollowUpsDone {
                date: "2026-11-25".into(),
            },
            expect: Done(2, 1, "update"),
            log_id: its_meeting,
            then: |t| {
                let all = demands::follow_ups(t.store.conn(), false, ctx().today()).unwrap();
                let done_on = |id: &str| all.iter().find(|f| f.id == id).unwrap().done_on.clone();
                assert_eq!(done_on(&t.f_shed).as_deref(), Some("2026-11-25"));
                assert_eq!(done_on(&t.f_green).as_deref(), Some("2026-11-25"));
                assert_eq!(done_on(&t.f_wall).as_deref(), Some("2026-11-20"));
            },
        },
        Case {
            what: "标记办结 with an item gone: refused at the 2nd, the 1st still open",
            ids: |t| vec![t.f_shed.clone(), "gone".into()],
            action: |_| Action::FollowUpsDone {
                date: String::new(),
            },
            expect: Refused(
                ErrorKind::NotFound,
                &["批量标记办结没有执行：第 2 项", "没有找到这项跟进事项"],
            ),
            log_id: its_meeting,
            then: nothing,
        },
        Case {
            what: "标记办结 with a date that is not a date",
            ids: |t| vec![t.f_shed.clone()],
            action: |_| Action::FollowUpsDone {
                date: "明天".into(),
            },
            expect: Refused(
                ErrorKind::Validation,
                &["第 1 项跟进事项“修缮车棚”", "完成日期"],
            ),
            log_id: its_meeting,
            then: nothing,
        },
        Case {
            what: "标记办结 dated before the meeting, as the meeting's form refuses it",
            ids: |t| vec![t.f_shed.clone()],
            action: |_| Action::FollowUpsDone {
                date: "2020-01-01".into(),
            },
            expect: Refused(
                ErrorKind::Validation,
                &[
                    "第 1 项跟进事项“修缮车棚”",
                    "办结日期 2020-01-01 早于会议日期",
                ],
            ),
            log_id: its_meeting,
            then: nothing,
        },
        // ---------- units ----------
        Case {
            what: "move two grids from the compound to the village",
            ids: |t| vec![t.g.g1.clone(), t.g.g2.clone()],
            action: |t| Action::UnitsMove {
                parent_id: Some(t.g.village.clone()),
            },
            expect: Done(2, 0, "move"),
            log_id: itself,
            then: |t| {
                for id in [&t.g.g1, &t.g.g2] {
                    let u = hierarchy::get(t.store.conn(), id).unwrap();
                    assert_eq!(u.parent_id.as_deref(), Some(t.g.village.as_str()));
                }
            },
        },
        Case {
            what: "move under a micro grid, where no base grid may go: refused at the 1st",
            ids: |t| vec![t.g.g2.clone(), t.g.g3.clone()],
            action: |t| Action::UnitsMove {
                parent_id: Some(t.g.micro.clone()),
            },
            expect: Refused(
                ErrorKind::Validation,
                &["第 1 项基础网格“阳光花园第二网格”"],
            ),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "delete a village with its compound, given parent first: deepest first",
            ids: |t| vec![t.empty_village.clone(), t.empty_compound.clone()],
            action: |_| Action::UnitsDelete,
            expect: Done(2, 0, "delete"),
            log_id: itself,
            then: |t| {
                let bin = kinds::recycle_bin(t.store.conn()).unwrap();
                assert_eq!(bin.len(), 2);
                assert!(hierarchy::find(t.store.conn(), &t.empty_village)
                    .unwrap()
                    .is_none());
            },
        },
        Case {
            what: "delete with a grid that has a grid worker: refused at it, the micro grid kept",
            ids: |t| vec![t.g.micro.clone(), t.g.g3.clone()],
            action: |_| Action::UnitsDelete,
            expect: Refused(
                ErrorKind::Refused,
                &[
                    "批量删除没有执行",
                    "基础网格“桃园网格”下还有",
                    "王芳",
                    "不能删除",
                ],
            ),
            log_id: itself,
            then: nothing,
        },
        // ---------- demands ----------
        Case {
            what: "交办 two demands to 城管科",
            ids: |t| vec![t.d_light.clone(), t.d_stall.clone()],
            action: |t| Action::DemandsAssign {
                department_id: t.dept.clone(),
                date: "2026-11-24".into(),
            },
            expect: Done(2, 0, "交办"),
            log_id: itself,
            then: |t| {
                for id in [&t.d_light, &t.d_stall] {
                    let d = demands::demand(t.store.conn(), id, ctx().today()).unwrap();
                    assert_eq!(d.status.as_str(), "assigned");
                    assert_eq!(d.department_id.as_deref(), Some(t.dept.as_str()));
                }
            },
        },
        Case {
            what: "交办 including one already 交办: refused at it, as one at a time",
            ids: |t| vec![t.d_light.clone(), t.d_trash.clone()],
            action: |t| Action::DemandsAssign {
                department_id: t.dept.clone(),
                date: String::new(),
            },
            expect: Refused(
                ErrorKind::Refused,
                &["批量交办没有执行：第 2 项诉求“垃圾清运”"],
            ),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "交办 dated before the demand was received",
            ids: |t| vec![t.d_light.clone()],
            action: |t| Action::DemandsAssign {
                department_id: t.dept.clone(),
                date: "2026-11-01".into(),
            },
            expect: Refused(
                ErrorKind::Validation,
                &[
                    "第 1 项诉求“路灯不亮”",
                    "日期不能早于上一步的日期 2026-11-10",
                ],
            ),
            log_id: itself,
            then: nothing,
        },
        Case {
            what: "交办 to no department",
            ids: |t| vec![t.d_light.clone()],
            action: |_| Action::DemandsAssign {
                department_id: String::new(),
                date: String::new(),
            },
            expect: Refused(
                ErrorKind::Validation,
                &["第 1 项诉求“路灯不亮”：交办要选择承办部门。"],
            ),
            log_id: itself,
            then: nothing,
        },
    ]
}

#[test]
fn batch_actions_per_kind_allowed_and_refused_in_one_transaction() {
    for case in cases() {
        // A fresh township per case: the cases do not lean on each other.
        let mut t = town();
        let ids = (case.ids)(&t);
        let action = (case.action)(&t);
        let before = dump(&t.store);
        let rows_before = crate::support::change_log_rows(&t.store);
        let r: gridledger_core::Result<Outcome> =
            t.store.write(&ctx(), |tx| batch::apply(tx, &ids, &action));
        match case.expect {
            Expect::Done(changed, unchanged, op) => {
                let out = r.unwrap_or_else(|e| panic!("{}: refused: {e}", case.what));
                assert_eq!(
                    (out.changed, out.unchanged),
                    (changed, unchanged),
                    "{}: {out:?}",
                    case.what
                );
                let written = crate::support::change_log_rows(&t.store) - rows_before;
                assert_eq!(written, changed as i64, "{}: change-log rows", case.what);
                // One row per changed record, each naming its record.
                let rows = last_rows(&t.store, written);
                let mut expected: Vec<String> = out
                    .items
                    .iter()
                    .filter(|i| i.changed)
                    .map(|i| (case.log_id)(&t, &i.id))
                    .collect();
                let mut logged: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
                logged.sort();
                expected.sort();
                assert_eq!(logged, expected, "{}", case.what);
                assert!(rows.iter().all(|r| r.2 == op), "{}: {rows:?}", case.what);
                assert!(
                    out.items.iter().all(|i| !i.label.is_empty()),
                    "{}: every record named: {out:?}",
                    case.what
                );
                (case.then)(&t);
            }
            Expect::Refused(kind, says) => {
                let e = r
                    .err()
                    .unwrap_or_else(|| panic!("{}: not refused", case.what));
                assert_eq!(e.kind(), kind, "{}: {e}", case.what);
                let msg = e.to_string();
                for s in says {
                    assert!(msg.contains(s), "{}: «{msg}» should say «{s}»", case.what);
                }
                assert_eq!(dump(&t.store), before, "{}: nothing changed", case.what);
            }
        }
    }
}

/// A record refused one at a time (by the plain core function, not a batch).
struct Same {
    single: fn(&Tx, &Town) -> gridledger_core::Result<()>,
    ids: fn(&Town) -> Vec<String>,
    action: fn(&Town) -> Action,
    /// The refused record's place in the batch and its name.
    at: usize,
    name: &'static str,
}

/// Per kind: a batch refuses a record with exactly the message one at a time gives
/// for it, named and placed.
#[test]
fn a_batch_refuses_with_the_reason_one_at_a_time_gives() {
    let cases = [
        Same {
            single: |tx, t| kinds::delete_unit(tx, &t.g.g3).map(drop),
            ids: |t| vec![t.g.micro.clone(), t.g.g3.clone()],
            action: |_| Action::UnitsDelete,
            at: 2,
            name: "基础网格“桃园网格”",
        },
        Same {
            single: |tx, t| hierarchy::move_to(tx, &t.g.g2, Some(&t.g.micro)).map(drop),
            ids: |t| vec![t.g.g2.clone()],
            action: |t| Action::UnitsMove {
                parent_id: Some(t.g.micro.clone()),
            },
            at: 1,
            name: "基础网格“阳光花园第二网格”",
        },
        Same {
            single: |tx, t| {
                let mut input = people::input_of(&people::get(tx, &t.zhang)?);
                input.status = "left".into();
                input.effective_date = "2026-12-01".into();
                people::update(tx, &t.zhang, &input).map(drop)
            },
            ids: |t| vec![t.zhang.clone()],
            action: |_| Action::PeopleLeave {
                date: "2026-12-01".into(),
            },
            at: 1,
            name: "网格员“张伟”",
        },
        Same {
            single: |tx, t| {
                let m = Move {
                    to: "assigned".into(),
                    department_id: t.dept.clone(),
                    ..Default::default()
                };
                demands::move_to(tx, &t.d_trash, &m).map(drop)
            },
            ids: |t| vec![t.d_light.clone(), t.d_trash.clone()],
            action: |t| Action::DemandsAssign {
                department_id: t.dept.clone(),
                date: String::new(),
            },
            at: 2,
            name: "诉求“垃圾清运”",
        },
        Same {
            single: |tx, _| demands::set_follow_up(tx, "gone", "done", "").map(drop),
            ids: |t| vec![t.f_shed.clone(), "gone".into()],
            action: |_| Action::FollowUpsDone {
                date: String::new(),
            },
            at: 2,
            name: "（已不存在的记录）",
        },
    ];
    for c in cases {
        let mut t = town();
        // The store out of the town while the town's ids are read inside its write.
        let mut store = std::mem::replace(&mut t.store, Store::open_in_memory().unwrap());
        let single = store
            .write(&ctx(), |tx| (c.single)(tx, &t))
            .unwrap_err()
            .to_string();
        t.store = store;
        let (ids, action) = ((c.ids)(&t), (c.action)(&t));
        let batch = t
            .store
            .write(&ctx(), |tx| batch::apply(tx, &ids, &action))
            .unwrap_err()
            .to_string();
        // The date as the batch dialog names it (离岗日期), not as a person's form does.
        let single = match action {
            Action::PeopleLeave { .. } => single.replace("变动日期", "离岗日期"),
            _ => single,
        };
        assert_eq!(
            batch,
            format!(
                "批量{}没有执行：第 {} 项{}：{single}整批记录都没有改动，请处理后重试。",
                action.label(),
                c.at,
                c.name
            )
        );
    }
}

/// A batch delete is undone from the recycle bin, one entry per record.
#[test]
fn a_batch_delete_is_restored_from_the_recycle_bin() {
    let mut t = town();
    let ids = vec![t.empty_village.clone(), t.empty_compound.clone()];
    let out = t
        .store
        .write(&ctx(), |tx| batch::apply(tx, &ids, &Action::UnitsDelete))
        .unwrap();
    assert_eq!(out.undo, "回收站");
    let bin = kinds::recycle_bin(t.store.conn()).unwrap();
    // The village first (its compound waits for it).
    let village = bin
        .iter()
        .find(|e| e.record_id == t.empty_village)
        .unwrap()
        .id
        .clone();
    let compound = bin
        .iter()
        .find(|e| e.record_id == t.empty_compound)
        .unwrap()
        .id
        .clone();
    t.store
        .write(&ctx(), |tx| kinds::restore(tx, &village))
        .unwrap();
    t.store
        .write(&ctx(), |tx| kinds::restore(tx, &compound))
        .unwrap();
    let u = hierarchy::get(t.store.conn(), &t.empty_compound).unwrap();
    assert_eq!(u.parent_id.as_deref(), Some(t.empty_village.as_str()));
}

/// "Select all N matching the filter": every page's ids, in the list's order; and
/// the export of the selected rows lists only them.
#[test]
fn all_matching_ids_and_only_the_selected_rows() {
    let t = town();
    let q = PersonQuery {
        role: "grid_worker".into(),
        page_size: 1,
        ..Default::default()
    };
    let ids = people::matching_ids(t.store.conn(), &q).unwrap();
    // Every grid worker (by pinyin: 李娜, 王芳, 张伟), not just the one-row page.
    assert_eq!(ids, vec![t.li.clone(), t.wang.clone(), t.zhang.clone()]);
    let picked = PersonQuery {
        ids: vec![t.zhang.clone(), t.zhao.clone()],
        ..Default::default()
    };
    let page = people::list(t.store.conn(), &picked).unwrap();
    let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["张伟", "赵敏"]);
    assert_eq!(page.total, 2);
}

/// 批量调岗 leaves no one who has left moved (probe S: 陈刚's 履历 got a 调岗 after
/// his 离岗): refused by name, the others not moved either.
#[test]
fn a_person_who_has_left_is_not_reassigned() {
    let mut t = town();
    t.store
        .write(&ctx(), |tx| {
            let mut input = people::input_of(&people::get(tx, &t.wang)?);
            input.status = "left".into();
            input.effective_date = "2026-11-20".into();
            people::update(tx, &t.wang, &input).map(drop)
        })
        .unwrap();
    let ids = vec![t.zhang.clone(), t.wang.clone()];
    let e = t
        .store
        .write(&ctx(), |tx| {
            batch::apply(
                tx,
                &ids,
                &Action::PeopleReassign {
                    unit_id: t.g.g2.clone(),
                    date: String::new(),
                },
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("第 2 项"), "{e}");
    assert!(e.to_string().contains("已离岗，不能调岗"), "{e}");
    let zhang = people::get(t.store.conn(), &t.zhang).unwrap();
    assert_ne!(zhang.roles[0].unit_ids, vec![t.g.g2.clone()]);
}

/// 三清单's 批量删除 (probe AF: a county's new list drops 46 items, deleted one form
/// at a time): every ticked item into the recycle bin in one transaction, named in
/// the outcome; a gone one refuses the whole batch.
#[test]
fn duty_items_are_deleted_in_one_batch_into_the_recycle_bin() {
    use gridledger_core::duties::{self, DutyItemInput};
    let mut t = town();
    let ids: Vec<String> = t
        .store
        .write(&ctx(), |tx| {
            ["两委班子建设", "民兵整组", "农村危房排查"]
                .iter()
                .enumerate()
                .map(|(n, name)| {
                    duties::create_duty_item(
                        tx,
                        &DutyItemInput {
                            list: "basic".into(),
                            field: "党的建设".into(),
                            number: (n + 1).to_string(),
                            name: (*name).into(),
                            ..Default::default()
                        },
                    )
                    .map(|v| v.id)
                })
                .collect()
        })
        .unwrap();
    let before = dump(&t.store);
    let gone = vec![ids[0].clone(), "no-such-item".to_string()];
    let e = t
        .store
        .write(&ctx(), |tx| {
            batch::apply(tx, &gone, &Action::DutyItemsDelete)
        })
        .unwrap_err();
    assert!(e.to_string().contains("批量删除没有执行"), "{e}");
    assert_eq!(dump(&t.store), before, "nothing deleted");
    let out = t
        .store
        .write(&ctx(), |tx| {
            batch::apply(tx, &ids[..2], &Action::DutyItemsDelete)
        })
        .unwrap();
    assert_eq!((out.action, out.changed, out.undo), ("删除", 2, "回收站"));
    assert!(
        out.items[0].label.contains("两委班子建设"),
        "{:?}",
        out.items
    );
    let left: Vec<String> = duties::duty_items(t.store.conn())
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(left, ["农村危房排查"]);
    assert_eq!(kinds::recycle_bin(t.store.conn()).unwrap().len(), 2);
}
