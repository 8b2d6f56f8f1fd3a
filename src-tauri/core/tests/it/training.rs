//! 培训 and 引育留用 (issue 16, items 1 and 2): person-times with a person in several
//! sessions, a person listed twice, head counts only; coverage of community
//! workers; the report keys `training.*` and `people.selected_from_community_workers`
//! with drill-down on a hand-built fixture; pipeline events never edited; imports
//! with bad rows named by column, re-import unchanged; the package round trip.

use std::path::Path;

use gridledger_core::base::period::Period;
use gridledger_core::exchange::package;
use gridledger_core::exchange::report::{self, Records};
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::people::pipeline::{self, PipelineInput, PipelineKind};
use gridledger_core::people::{self, PersonInput};
use gridledger_core::store::{ledger, recycle};
use gridledger_core::training::{
    self, ParticipantInput, SessionInput, TrainingParticipant, TrainingSession,
};
use gridledger_core::{Error, ErrorKind, Store, Tx};

use crate::support::{
    commit_file, ctx, ctx_on, day, idn, imports_again_unchanged, office, person, problem_places,
    refused_on, role, unit,
};

/// What the fixture made, by name.
struct Fx {
    s: Store,
    qingxi: String,
    taoyuan: String,
    /// Community workers in post: 张伟, 李娜, 王芳 (never trained); 陈刚 has left.
    zhang: String,
    li: String,
    wang: String,
    chen: String,
    /// A building head (not a community worker).
    zhao: String,
    s1: String,
    s2: String,
    s3: String,
}

fn session(tx: &Tx, level: &str, date: &str, topic: &str, hours: &str) -> String {
    training::create_session(
        tx,
        &SessionInput {
            level: level.into(),
            organiser: "青溪街道党工委".into(),
            date: date.into(),
            topic: topic.into(),
            hours: hours.into(),
            place: "街道会议室".into(),
            method: "集中".into(),
            note: String::new(),
        },
    )
    .unwrap()
    .id
}

fn pick(tx: &Tx, session: &str, person: &str) {
    training::add_participant(
        tx,
        &ParticipantInput {
            session_id: session.into(),
            person_id: person.into(),
            ..Default::default()
        },
    )
    .unwrap();
}

fn heads(tx: &Tx, session: &str, community: &str, n: &str) {
    training::add_participant(
        tx,
        &ParticipantInput {
            session_id: session.into(),
            community_id: community.into(),
            head_count: n.into(),
            ..Default::default()
        },
    )
    .unwrap();
}

fn listed(tx: &Tx, session: &str, name: &str, id_number: &str) {
    training::add_participant(
        tx,
        &ParticipantInput {
            session_id: session.into(),
            name: name.into(),
            id_number: id_number.into(),
            ..Default::default()
        },
    )
    .unwrap();
}

/// 2026 (as of 26 Nov):
/// - S1 乡镇级 2026-03-10, 3 h: 张伟, 李娜 (registry), 赵六 (listed, not in the registry),
///   陈刚 (who has left since) → 4 person-times
/// - S2 县级 2026-05-20, 2 h: 张伟 (registry), head counts 青溪社区 12, 桃园村 8 → 21
/// - S3 市级 2026-06-01, 1.5 h: head count 青溪社区 30 only → 30
/// - S4 乡镇级 2025-12-01: 张伟 (last year, not counted)
/// - S5 乡镇级 2026-12-20: 李娜 (after the as-of day, not counted)
///
/// Sessions 3, person-times 55, community workers trained 2 (张伟, 李娜) of 3 in post.
fn fixture(dir: &Path) -> Fx {
    let mut o = office(dir, "township", "320115101000", "青溪街道", false);
    // Entered at the year's end (S5 is dated 2026-12-20: a training is entered once
    // held); the figures are taken as of earlier days.
    let ids = o
        .store
        .write(&crate::support::ctx_on(2026, 12, 31), |tx| {
            let qingxi = unit(tx, "village", None, "320115101001", "青溪社区");
            let taoyuan = unit(tx, "village", None, "320115101002", "桃园村");
            let compound = unit(tx, "compound", Some(&qingxi), "320115101001001", "阳光花园");
            let cw = |v: &str| vec![role("community_worker", None, &[v])];
            let zhang = person(tx, 1, "张伟", cw(&qingxi));
            let li = person(tx, 2, "李娜", cw(&taoyuan));
            let wang = person(tx, 3, "王芳", cw(&qingxi));
            let chen = person(tx, 4, "陈刚", cw(&qingxi));
            let zhao = person(
                tx,
                5,
                "赵强",
                vec![role("building_head", None, &[&compound])],
            );
            let s1 = session(tx, "乡镇级", "2026-03-10", "网格员履职能力提升", "3");
            let s2 = session(tx, "县级", "2026-05-20", "社区治理专题培训", "2");
            let s3 = session(tx, "市级", "2026-06-01", "基层治理现代化", "1.5");
            let s4 = session(tx, "乡镇级", "2025-12-01", "年终业务培训", "2");
            let s5 = session(tx, "乡镇级", "2026-12-20", "岁末安全培训", "2");
            pick(tx, &s1, &zhang);
            pick(tx, &s1, &li);
            listed(tx, &s1, "赵六", &idn(50));
            pick(tx, &s1, &chen);
            pick(tx, &s2, &zhang);
            heads(tx, &s2, &qingxi, "12");
            heads(tx, &s2, &taoyuan, "8");
            heads(tx, &s3, &qingxi, "30");
            pick(tx, &s4, &zhang);
            pick(tx, &s5, &li);
            Ok((qingxi, taoyuan, zhang, li, wang, chen, zhao, s1, s2, s3))
        })
        .unwrap();
    // 陈刚 leaves after the training.
    let chen_now = people::get(o.store.conn(), &ids.5).unwrap();
    o.store
        .write(&ctx(), |tx| {
            people::update(
                tx,
                &chen_now.id,
                &PersonInput {
                    name: chen_now.name.clone(),
                    id_number: chen_now.id_number.clone(),
                    phone: chen_now.phone.clone(),
                    status: "left".into(),
                    roles: vec![role("community_worker", None, &[&ids.0])],
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let (qingxi, taoyuan, zhang, li, wang, chen, zhao, s1, s2, s3) = ids;
    Fx {
        s: o.store,
        qingxi,
        taoyuan,
        zhang,
        li,
        wang,
        chen,
        zhao,
        s1,
        s2,
        s3,
    }
}

#[test]
fn person_times_and_coverage_count_each_person_once_per_session_and_head_counts_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let today = ctx().today();
    let t = report::own_totals(f.s.conn(), today).unwrap();
    assert_eq!(t["training.sessions"], 3);
    assert_eq!(t["training.person_times"], 4 + 21 + 30);
    assert_eq!(t["training.community_workers_trained"], 2);
    assert_eq!(t["people.community_workers"], 3);

    // Each session's own person-times, as the list shows them.
    let list = training::sessions(f.s.conn()).unwrap();
    let pt = |id: &str| list.iter().find(|s| s.id == id).unwrap().person_times;
    assert_eq!((pt(&f.s1), pt(&f.s2), pt(&f.s3)), (4, 21, 30));

    // The same person twice in one session: picking again is refused, the count holds.
    let again = f.s.write(&ctx(), |tx| {
        training::add_participant(
            tx,
            &ParticipantInput {
                session_id: f.s1.clone(),
                person_id: f.zhang.clone(),
                ..Default::default()
            },
        )
    });
    assert_eq!(again.unwrap_err().kind(), ErrorKind::Conflict);
    // An imported list naming her by ID number is her, not one more person.
    let li = people::get(f.s.conn(), &f.li).unwrap();
    let dup = f.s.write(&ctx(), |tx| {
        training::add_participant(
            tx,
            &ParticipantInput {
                session_id: f.s1.clone(),
                name: "李娜".into(),
                id_number: li.id_number.clone(),
                ..Default::default()
            },
        )
    });
    assert!(dup.is_err());
    // And where two rows of one session are the same person anyway (a package from
    // an older copy), the rule counts them once.
    let mut r = Records::own(f.s.conn()).unwrap();
    let mut twin = r
        .training_participants
        .iter()
        .find(|p| p.person_id.as_deref() == Some(f.zhang.as_str()) && p.session_id == f.s1)
        .unwrap()
        .clone();
    twin.id = "twin".into();
    r.training_participants.push(twin);
    assert_eq!(report::count("training.person_times", &r, today), 55);

    // A person listed before being entered in the registry counts as trained once entered.
    f.s.write(&ctx(), |tx| {
        listed(tx, &f.s1, "孙七", &idn(60));
        Ok(())
    })
    .unwrap();
    let sun =
        f.s.write(&ctx(), |tx| {
            Ok(people::create(
                tx,
                &PersonInput {
                    name: "孙七".into(),
                    id_number: idn(60),
                    phone: "13812345660".into(),
                    roles: vec![role("community_worker", None, &[&f.taoyuan])],
                    ..Default::default()
                },
            )?
            .person
            .id)
        })
        .unwrap();
    let t = report::own_totals(f.s.conn(), today).unwrap();
    assert_eq!(t["training.person_times"], 56);
    assert_eq!(t["training.community_workers_trained"], 3);
    let rec = training::person_record(f.s.conn(), &sun, today).unwrap();
    assert_eq!(rec.sessions.len(), 1);

    // Coverage: 3 of 4 community workers in post; hours 张伟 3+2, 李娜 3, 孙七 3.
    let c = training::coverage(f.s.conn(), today).unwrap();
    assert_eq!((c.community_workers, c.trained), (4, 3));
    assert_eq!(c.share, 0.75);
    assert_eq!(c.hours, 11.0);
    assert_eq!(c.hours_per_worker, 2.8);
    assert_eq!(c.person_times, 56);
    assert_eq!(c.sessions, 3);

    // 张伟's record: this year's two sessions and last year's one, newest first.
    let rec = training::person_record(f.s.conn(), &f.zhang, today).unwrap();
    let dates: Vec<&str> = rec.sessions.iter().map(|s| s.date.as_str()).collect();
    assert_eq!(dates, ["2026-05-20", "2026-03-10", "2025-12-01"]);
    assert_eq!(
        (rec.year_sessions, rec.year_hours, rec.total_hours),
        (2, 5.0, 7.0)
    );
    let rec = training::person_record(f.s.conn(), &f.wang, today).unwrap();
    assert!(rec.sessions.is_empty());

    // Every key as the aggregate counts it equals what drill-down lists.
    let records = Records::own(f.s.conn()).unwrap();
    assert_eq!(t, report::totals(&records, today));
}

#[test]
fn the_training_keys_drill_down_to_exactly_the_records_counted() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path());
    let today = ctx().today();
    let d = report::drill(f.s.conn(), "own", "training.sessions", today).unwrap();
    let mut topics: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    topics.sort();
    assert_eq!(
        topics,
        ["基层治理现代化", "社区治理专题培训", "网格员履职能力提升"]
    );
    assert_eq!(d.count, 3);

    let d = report::drill(f.s.conn(), "own", "training.person_times", today).unwrap();
    assert_eq!(d.count, 55);
    assert_eq!(d.rows.len(), 8, "4 people of S1, 1 of S2, 3 head counts");
    let row = d.rows.iter().find(|r| r.name == "赵六").unwrap();
    assert!(row.detail.contains("未对应"), "{}", row.detail);
    assert!(row.code.contains('*'), "masked: {}", row.code);
    assert!(d.rows.iter().any(|r| r.detail.contains("30 人")));
    // A head count's row names its community as one, not as a person (probe AG).
    assert!(
        d.rows.iter().any(|r| r.name.ends_with("（按人数 30 人）")),
        "{:?}",
        d.rows
    );

    let d = report::drill(
        f.s.conn(),
        "own",
        "training.community_workers_trained",
        today,
    )
    .unwrap();
    let mut names: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["张伟", "李娜"],
        "not 王芳 (untrained), not 陈刚 (left)"
    );
    let _ = (&f.wang, &f.chen, &f.qingxi);
}

#[test]
fn a_session_and_a_participant_are_checked_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let base = SessionInput {
        level: "县级".into(),
        organiser: "区委组织部".into(),
        date: "2026-04-01".into(),
        topic: "新任社区书记培训".into(),
        hours: "4".into(),
        place: String::new(),
        method: "线上".into(),
        note: String::new(),
    };
    let cases: Vec<(SessionInput, &str, &str)> = vec![
        (
            SessionInput {
                level: "省级".into(),
                ..base.clone()
            },
            "level",
            "培训层级",
        ),
        (
            SessionInput {
                method: "函授".into(),
                ..base.clone()
            },
            "method",
            "培训方式",
        ),
        (
            SessionInput {
                date: "".into(),
                ..base.clone()
            },
            "date",
            "培训日期",
        ),
        (
            SessionInput {
                date: "四月".into(),
                ..base.clone()
            },
            "date",
            "培训日期",
        ),
        (
            SessionInput {
                topic: " ".into(),
                ..base.clone()
            },
            "topic",
            "培训主题",
        ),
        (
            SessionInput {
                organiser: "".into(),
                ..base.clone()
            },
            "organiser",
            "主办单位",
        ),
        (
            SessionInput {
                hours: "两小时".into(),
                ..base.clone()
            },
            "hours",
            "学时",
        ),
        (
            SessionInput {
                hours: "0".into(),
                ..base.clone()
            },
            "hours",
            "学时",
        ),
        (
            SessionInput {
                date: "2026-03-10".into(),
                topic: "网格员履职能力提升".into(),
                ..base.clone()
            },
            "topic",
            "已经有",
        ),
    ];
    for (input, field, word) in cases {
        let e =
            f.s.write(&ctx(), |tx| training::create_session(tx, &input))
                .unwrap_err();
        refused_on(&e, field, word);
    }
    let ok =
        f.s.write(&ctx(), |tx| training::create_session(tx, &base))
            .unwrap();
    assert_eq!((ok.hours, ok.method_label), (4.0, "线上"));

    let part = |p: ParticipantInput| ParticipantInput {
        session_id: f.s1.clone(),
        ..p
    };
    let cases: Vec<(ParticipantInput, &str, &str)> = vec![
        (
            ParticipantInput {
                session_id: "nope".into(),
                name: "甲".into(),
                ..Default::default()
            },
            "sessionId",
            "培训",
        ),
        (
            part(ParticipantInput {
                name: "".into(),
                id_number: idn(70),
                ..Default::default()
            }),
            "name",
            "姓名",
        ),
        (
            part(ParticipantInput {
                name: "钱八".into(),
                id_number: "320115".into(),
                ..Default::default()
            }),
            "idNumber",
            "身份证",
        ),
        (
            part(ParticipantInput {
                name: "钱八".into(),
                id_number: "3201**********1234".into(),
                ..Default::default()
            }),
            "idNumber",
            "打码",
        ),
        // Head counts only above the township (S1 is 乡镇级).
        (
            part(ParticipantInput {
                community_id: f.qingxi.clone(),
                head_count: "5".into(),
                ..Default::default()
            }),
            "headCount",
            "市级、县级",
        ),
        (
            ParticipantInput {
                session_id: f.s2.clone(),
                community_id: f.qingxi.clone(),
                head_count: "五".into(),
                ..Default::default()
            },
            "headCount",
            "人数",
        ),
        (
            ParticipantInput {
                session_id: f.s2.clone(),
                community_id: "x".into(),
                head_count: "5".into(),
                ..Default::default()
            },
            "communityId",
            "村/社区",
        ),
        (
            ParticipantInput {
                session_id: f.s2.clone(),
                community_id: f.qingxi.clone(),
                head_count: "3".into(),
                ..Default::default()
            },
            "communityId",
            "已在",
        ),
        (
            part(ParticipantInput {
                person_id: "nobody".into(),
                ..Default::default()
            }),
            "personId",
            "人员",
        ),
    ];
    for (input, field, word) in cases {
        let e =
            f.s.write(&ctx(), |tx| training::add_participant(tx, &input))
                .unwrap_err();
        refused_on(&e, field, word);
    }
    // Picking several at once skips those already there.
    let added =
        f.s.write(&ctx(), |tx| {
            training::add_people(
                tx,
                &f.s1,
                &[f.zhang.clone(), f.wang.clone(), f.zhao.clone()],
            )
        })
        .unwrap();
    assert_eq!(added, 2);
    // One that cannot be added among several: the others are not either, and it
    // says so (probe AG: 5 of 6 silently left out).
    let e =
        f.s.write(&ctx(), |tx| {
            training::add_people(tx, &f.s1, &[f.zhang.clone(), "nobody".into()])
        })
        .unwrap_err();
    refused_on(&e, "personId", "勾选的 2 人都还没有添加");
    // A participant goes to the bin and back.
    let rows = training::participants(f.s.conn(), &f.s1).unwrap();
    let zhao = rows.iter().find(|r| r.name == "赵强").unwrap();
    assert!(zhao.matched && zhao.roles.contains("楼栋长"));
    let entry =
        f.s.write(&ctx(), |tx| training::delete_participant(tx, &zhao.id))
            .unwrap();
    assert_eq!(
        training::participants(f.s.conn(), &f.s1).unwrap().len(),
        rows.len() - 1
    );
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(
        training::participants(f.s.conn(), &f.s1).unwrap().len(),
        rows.len()
    );
    // A community named by a head count is not deleted from under it.
    let units =
        gridledger_core::hierarchy::attachments(f.s.conn(), &f.taoyuan, kinds::ALL).unwrap();
    assert!(units.iter().any(|u| u.contains("培训")), "{units:?}");

    // A session is deleted with its participants, and restored with them; one
    // removed on its own before stays in the bin.
    let rows = training::participants(f.s.conn(), &f.s1).unwrap();
    // Removed on its own in the same second as the session's deletion below: it
    // stays out of what the session took (it came back with it, and went with a
    // 彻底删除 of it).
    let alone =
        f.s.write(&ctx_on(2026, 11, 27), |tx| {
            training::delete_participant(tx, &rows[0].id)
        })
        .unwrap();
    let entry =
        f.s.write(&ctx_on(2026, 11, 27), |tx| {
            training::delete_session(tx, &f.s1)
        })
        .unwrap();
    assert!(training::participants(f.s.conn(), &f.s1)
        .unwrap()
        .is_empty());
    let bin = |s: &Store| recycle::list(s.conn(), &|_| "").unwrap().len();
    assert_eq!(bin(&f.s), rows.len() + 1);
    assert!(
        entry
            .summary
            .ends_with(&format!("（连同 {} 条参加人员记录）", rows.len() - 1)),
        "{}",
        entry.summary
    );
    let listed = recycle::list(f.s.conn(), &|_| "").unwrap();
    assert!(
        listed
            .iter()
            .filter(|e| e.id != entry.id && e.id != alone.id)
            .all(|e| e.summary.contains("随培训“") && e.summary.ends_with("恢复培训时一起恢复）")),
        "{listed:?}"
    );
    // One of them alone does not come back without its session.
    let taken = listed
        .iter()
        .find(|e| e.id != entry.id && e.id != alone.id)
        .unwrap();
    let err =
        f.s.write(&ctx(), |tx| kinds::restore(tx, &taken.id))
            .unwrap_err();
    assert!(
        err.to_string().contains("的培训“网格员履职能力提升”")
            && err.to_string().contains("已被删除。请先在回收站中恢复")
            // The session named once, its （连同 …） with it (it was pasted twice).
            && err.to_string().matches("网格员履职能力提升").count() == 1,
        "{err}"
    );
    // Purged on its own, it is no longer counted on the session's entry (it said
    // 连同 3 条 with two left).
    f.s.write(&ctx(), |tx| kinds::purge(tx, &taken.id)).unwrap();
    let session_summary = || {
        recycle::list(f.s.conn(), &|_| "")
            .unwrap()
            .into_iter()
            .find(|e| e.id == entry.id)
            .unwrap()
            .summary
    };
    let left = rows.len() - 2;
    assert!(left > 0);
    assert!(
        session_summary().ends_with(&format!("（连同 {left} 条参加人员记录）")),
        "{}",
        session_summary()
    );
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(
        training::participants(f.s.conn(), &f.s1).unwrap().len(),
        left
    );
    assert_eq!(bin(&f.s), 1, "only the participant removed on its own");
    f.s.write(&ctx(), |tx| kinds::restore(tx, &alone.id))
        .unwrap();
    assert_eq!(
        training::participants(f.s.conn(), &f.s1).unwrap().len(),
        left + 1
    );
}

fn event(
    s: &mut Store,
    person: &str,
    kind: &str,
    date: &str,
    detail: &str,
) -> Result<String, Error> {
    s.write(&ctx(), |tx| {
        pipeline::add_event(
            tx,
            &PipelineInput {
                person_id: person.into(),
                event: kind.into(),
                date: date.into(),
                batch: if kind == "招录" {
                    "2020年第一批".into()
                } else {
                    String::new()
                },
                way: if kind == "招录" {
                    "公开招聘".into()
                } else {
                    String::new()
                },
                detail: detail.into(),
            },
        )
        .map(|v| v.id)
    })
}

/// A person with 引育留用 records is not deleted (a deleted recruit still counted as
/// recruited and not retained); the refusal names the records and what to do. Once
/// they are deleted, the person goes to the recycle bin.
#[test]
fn a_person_with_pipeline_records_is_kept_until_they_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let e = event(&mut f.s, &f.wang, "招录", "2026-03-01", "").unwrap();
    let err =
        f.s.write(&ctx(), |tx| {
            gridledger_core::kinds::delete_person(tx, &f.wang)
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("还有 1 条引育留用记录，不能删除。已经离开的人员请用“离岗”"),
        "{err}"
    );
    let gone =
        f.s.write(&ctx(), |tx| pipeline::delete_event(tx, &e))
            .unwrap();
    f.s.write(&ctx(), |tx| {
        gridledger_core::kinds::delete_person(tx, &f.wang)
    })
    .unwrap();
    // Its record does not come back without the person: it counted a recruit no one
    // could find (招录 9 where 8 were on the roster).
    let err =
        f.s.write(&ctx(), |tx| kinds::restore(tx, &gone.id))
            .unwrap_err();
    assert!(
        err.to_string().contains("它关联的社区工作者“王芳”")
            && err.to_string().contains("已被删除。请先在回收站中恢复"),
        "{err}"
    );
}

#[test]
fn pipeline_events_are_dated_never_edited_and_give_the_selected_share() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let today = ctx().today();
    event(&mut f.s, &f.zhang, "招录", "2020-07-01", "").unwrap();
    event(&mut f.s, &f.li, "招录", "2022-07-01", "").unwrap();
    event(&mut f.s, &f.wang, "招录", "2026-03-01", "").unwrap();
    event(&mut f.s, &f.zhang, "评优", "2025-12-20", "优秀社区工作者").unwrap();
    event(&mut f.s, &f.zhang, "晋升", "2026-01-05", "社区副书记").unwrap();
    let sel = event(
        &mut f.s,
        &f.zhang,
        "选拔进入乡镇公务员",
        "2026-09-01",
        "青溪街道党政办",
    )
    .unwrap();
    // Not counted: a building head selected; 李娜 selected last year; 王芳 left.
    event(&mut f.s, &f.zhao, "事业编", "2026-08-01", "").unwrap();
    event(&mut f.s, &f.li, "选拔进入乡镇事业编", "2025-06-01", "").unwrap();
    event(&mut f.s, &f.wang, "离职", "2026-10-01", "考取外地公务员").unwrap();

    let t = report::own_totals(f.s.conn(), today).unwrap();
    assert_eq!(t["people.selected_from_community_workers"], 1);
    let d = report::drill(
        f.s.conn(),
        "own",
        "people.selected_from_community_workers",
        today,
    )
    .unwrap();
    assert_eq!(d.rows.len(), 1);
    assert_eq!(d.rows[0].name, "张伟");
    assert!(
        d.rows[0].detail.contains("选拔进入乡镇公务员"),
        "{}",
        d.rows[0].detail
    );
    // As of the day before the selection it was not yet counted.
    let before = report::own_totals(f.s.conn(), day(2026, 8, 31)).unwrap();
    assert_eq!(before["people.selected_from_community_workers"], 0);

    let sum = pipeline::summary(f.s.conn(), today).unwrap();
    assert_eq!(
        (
            sum.recruited,
            sum.promoted,
            sum.selected,
            sum.selected_from_community_workers
        ),
        (1, 1, 2, 1)
    );
    assert_eq!((sum.awarded, sum.left), (0, 1));
    // Recruited 张伟, 李娜, 王芳; 王芳 left → 2 of 3 retained.
    assert_eq!((sum.recruited_ever, sum.retained), (3, 2));
    assert_eq!(sum.retention, 0.667);

    // The person's events, oldest first; the person's later change leaves them as they were.
    let ev = pipeline::events_of(f.s.conn(), &f.zhang).unwrap();
    let kinds_: Vec<PipelineKind> = ev.iter().map(|e| e.event).collect();
    assert_eq!(
        kinds_,
        [
            PipelineKind::Recruited,
            PipelineKind::Awarded,
            PipelineKind::Promoted,
            PipelineKind::SelectedCivilServant
        ]
    );
    assert!(ev.iter().all(|e| e.community_worker));

    // Never edited: an update is refused; a wrong one is deleted and comes back from the bin.
    let before: pipeline::PipelineEvent = ledger::get(f.s.conn(), &sel).unwrap();
    let e =
        f.s.write(&ctx(), |tx| {
            ledger::upsert(
                tx,
                Some(&sel),
                &PipelineInput {
                    person_id: f.zhang.clone(),
                    event: "晋升".into(),
                    date: "2026-09-01".into(),
                    detail: "改写".into(),
                    ..Default::default()
                },
                pipeline::checked,
            )
        })
        .map(|_: pipeline::PipelineEvent| ());
    assert!(e.is_err());
    assert_eq!(
        ledger::get::<pipeline::PipelineEvent>(f.s.conn(), &sel).unwrap(),
        before
    );
    let entry =
        f.s.write(&ctx(), |tx| pipeline::delete_event(tx, &sel))
            .unwrap();
    assert_eq!(
        report::own_totals(f.s.conn(), today).unwrap()["people.selected_from_community_workers"],
        0
    );
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(
        report::own_totals(f.s.conn(), today).unwrap()["people.selected_from_community_workers"],
        1
    );

    // Each event's checks name the field.
    let cases = [
        ("招录", "2026-01-01", "", "way"),
        ("晋升", "2026-01-01", "", "detail"),
        ("评优", "2026-01-01", "", "detail"),
        ("离职", "2026-01-01", "", "detail"),
        ("调走", "2026-01-01", "x", "event"),
        ("评优", "2027-01-01", "优秀", "date"),
        ("评优", "", "优秀", "date"),
    ];
    for (kind, date, detail, field) in cases {
        let e =
            f.s.write(&ctx(), |tx| {
                pipeline::add_event(
                    tx,
                    &PipelineInput {
                        person_id: f.li.clone(),
                        event: kind.into(),
                        date: date.into(),
                        detail: detail.into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap_err();
        assert_eq!(e.field(), Some(field), "{kind}: {e}");
    }
    let e = event(&mut f.s, "nobody", "评优", "2026-01-01", "优秀").unwrap_err();
    assert_eq!(e.field(), Some("personId"));
}

#[test]
fn imports_name_a_bad_row_by_column_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let today = day(2026, 11, 26);

    let path = dir.path().join("培训.csv");
    std::fs::write(
        &path,
        "培训层级,主办单位,培训日期,培训主题,学时,培训地点,培训方式,备注\n\
         县级,区委社会工作部,2026-04-10,社区工作者能力提升,6,区党校,集中,\n\
         省级,省委组织部,2026-04-11,省级示范培训,6,,集中,\n\
         乡镇级,青溪街道,2026/04/12,消防安全知识,两个小时,,现场,\n\
         乡镇级,青溪街道,2026-04-13,矛盾纠纷调处,2,,线上,\n",
    )
    .unwrap();
    let k = Kind::parse("training-sessions").unwrap();
    assert_eq!(Kind::parse("培训").unwrap(), k);
    let p = k.preview(f.s.conn(), &path, today).unwrap();
    assert_eq!((p.total_rows, p.valid_rows, p.rejected_rows), (4, 2, 2));
    let cols = problem_places(&p);
    assert_eq!(cols, [(3, "培训层级"), (4, "学时")]);
    let first = commit_file(&mut f.s, &k, &path);
    assert_eq!((first.created, first.rejected), (2, 2));
    imports_again_unchanged(&mut f.s, &k, &path, 2);

    let zhang = people::get(f.s.conn(), &f.zhang).unwrap();
    let path = dir.path().join("签到表.csv");
    std::fs::write(
        &path,
        format!(
            "培训日期,培训主题,姓名,身份证号码,村/社区,人数,备注\n\
             2026-04-10,社区工作者能力提升,张伟,{},,,\n\
             2026-04-10,社区工作者能力提升,周 九,{},,,\n\
             2026-04-10,社区工作者能力提升,,,青溪社区,15,\n\
             2026-04-10,不存在的培训,吴十,{},,,\n\
             2026-04-10,社区工作者能力提升,郑一,12345,,,\n\
             2026-04-10,社区工作者能力提升,,,月亮村,3,\n\
             2026-04-13,矛盾纠纷调处,,,桃园村,3,\n\
             2026-04-10,社区工作者能力提升,张三,{},,,\n",
            zhang.id_number,
            idn(80),
            idn(81),
            zhang.id_number
        ),
    )
    .unwrap();
    let k = Kind::parse("training-participants").unwrap();
    let p = k.preview(f.s.conn(), &path, today).unwrap();
    assert_eq!((p.total_rows, p.valid_rows, p.rejected_rows), (8, 3, 5));
    let cols = problem_places(&p);
    // 张三 with 张伟's ID number: refused, not stored as 张伟.
    assert_eq!(
        cols,
        [
            (5, "培训主题"),
            (6, "身份证号码"),
            (7, "村/社区"),
            (8, "人数"),
            (9, "身份证号码")
        ]
    );
    assert!(
        p.problems[4].message.contains("与姓名“张三”不符"),
        "{}",
        p.problems[4].message
    );
    let first = commit_file(&mut f.s, &k, &path);
    assert_eq!((first.created, first.rejected), (3, 5));
    imports_again_unchanged(&mut f.s, &k, &path, 3);
    // 张伟 matched to the registry, 周九 kept with a masked ID number only.
    let s = training::sessions(f.s.conn())
        .unwrap()
        .into_iter()
        .find(|s| s.topic == "社区工作者能力提升")
        .unwrap()
        .id;
    let rows = training::participants(f.s.conn(), &s).unwrap();
    let zw = rows.iter().find(|r| r.name == "张伟").unwrap();
    assert_eq!(zw.person_id.as_deref(), Some(f.zhang.as_str()));
    let zj = rows.iter().find(|r| r.name == "周九").unwrap();
    assert!(!zj.matched && zj.id_number_masked.contains('*'));
    let stored: Vec<TrainingParticipant> = ledger::list(f.s.conn()).unwrap();
    assert!(stored
        .iter()
        .all(|r| !r.id_number_masked.contains(&idn(80)[6..14])));

    // A registered person named alone, or with the number masked as the lists export
    // it, is that person; a name the registry lacks, or a masked number it does not
    // hold, asks for the full number.
    let li = people::get(f.s.conn(), &f.li).unwrap();
    let wang = people::get(f.s.conn(), &f.wang).unwrap();
    let by_name = dir.path().join("只填姓名.csv");
    std::fs::write(
        &by_name,
        format!(
            "培训日期,培训主题,姓名,身份证号码,村/社区,人数,备注
             2026-04-10,社区工作者能力提升,李娜,,,,
             2026-04-10,社区工作者能力提升,王芳,{},,,
             2026-04-10,社区工作者能力提升,钱二,,,,
             2026-04-10,社区工作者能力提升,王芳,3201**********9999,,,
",
            gridledger_core::base::identity::mask_id_number(&wang.id_number)
        ),
    )
    .unwrap();
    let p = k.preview(f.s.conn(), &by_name, today).unwrap();
    assert_eq!(
        problem_places(&p),
        [(4, "身份证号码"), (5, "身份证号码")],
        "{:?}",
        p.problems
    );
    assert!(p.problems[0].message.contains("人员名单里没有“钱二”"));
    commit_file(&mut f.s, &k, &by_name);
    let rows = training::participants(f.s.conn(), &s).unwrap();
    for who in [&li, &wang] {
        let r = rows.iter().find(|r| r.name == who.name).unwrap();
        assert_eq!(
            r.person_id.as_deref(),
            Some(who.id.as_str()),
            "{}",
            who.name
        );
    }
    // Typed 周 九, stored as a name is (周九); the sheet back with the masked number
    // and the name as typed is that row again, not a refusal.
    let masked = dir.path().join("签到-打码.csv");
    std::fs::write(
        &masked,
        format!(
            "培训日期,培训主题,姓名,身份证号码,村/社区,人数,备注\n\
             2026-04-10,社区工作者能力提升,周 九,{},,,\n",
            zj.id_number_masked
        ),
    )
    .unwrap();
    imports_again_unchanged(&mut f.s, &k, &masked, 1);

    // A sign-in sheet (title, 序号, 姓名, 身份证号码, 签到, 合计) into the training
    // open on screen: its 培训日期 and 培训主题 given (probe S: refused for lacking
    // them); without them it is refused as before.
    let sign_in = dir.path().join("签到表-只有姓名.csv");
    std::fs::write(
        &sign_in,
        format!(
            "社区工作者能力提升签到表,,,\n序号,姓名,身份证号码,签到\n1,李娜,,已签\n2,吴十,{},已签\n合计,2 人,,\n",
            idn(81)
        ),
    )
    .unwrap();
    let e = k.preview(f.s.conn(), &sign_in, today).unwrap_err();
    assert!(
        e.to_string().contains("缺少必填列：培训日期、培训主题"),
        "{e}"
    );
    let given = [
        ("sessionDate", "2026-04-10"),
        ("sessionTopic", "社区工作者能力提升"),
    ];
    let src = gridledger_core::sheets::import::Source {
        path: &sign_in,
        sheet: None,
        given: &given,
    };
    let p = k.preview(f.s.conn(), src, today).unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (2, 0), "{:?}", p.problems);
    // Who the registry lacks is said before the import (probe S: only after it).
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("有 1 人在人员名单里对应不上（吴十）")),
        "{:?}",
        p.notes
    );
    let done = k
        .commit(
            &mut f.s,
            &crate::support::ctx(),
            src,
            &std::sync::atomic::AtomicBool::new(false),
            &mut |_, _| {},
        )
        .unwrap();
    assert_eq!(
        (done.created, done.unchanged),
        (1, 1),
        "李娜 was there already"
    );
    let rows = training::participants(f.s.conn(), &s).unwrap();
    assert!(rows.iter().any(|r| r.name == "吴十"));
    // The same sheet with each person's 所在社区 (probe AG: read as head counts and
    // refused, asking for a 人数 column a 乡镇级 training must not have): the column
    // says where they work, even a place the office does not hold.
    let with_community = dir.path().join("签到表-所在社区.csv");
    std::fs::write(
        &with_community,
        format!(
            "签到表,,,,\n序号,姓名,身份证号码,所在社区,签名\n1,李娜,,青溪社区,已签\n2,吴十,{},柳树村,已签\n",
            idn(81)
        ),
    )
    .unwrap();
    let p = k
        .preview(
            f.s.conn(),
            gridledger_core::sheets::import::Source {
                path: &with_community,
                sheet: None,
                given: &given,
            },
            today,
        )
        .unwrap();
    assert_eq!(
        (p.valid_rows, p.rejected_rows, p.to_create),
        (2, 0, 0),
        "{:?}",
        p.problems
    );
    // A column the file has is the file's: a row of another training stays its own.
    let other = dir.path().join("签到表-别的培训.csv");
    std::fs::write(
        &other,
        "培训日期,培训主题,姓名\n2026-04-13,矛盾纠纷调处,李娜\n",
    )
    .unwrap();
    let p = k
        .preview(
            f.s.conn(),
            gridledger_core::sheets::import::Source {
                path: &other,
                sheet: None,
                given: &given,
            },
            today,
        )
        .unwrap();
    assert_eq!(p.to_create, 1, "李娜 into 矛盾纠纷调处: {:?}", p.problems);

    // The exports import back unchanged.
    for (name, n) in [("training-sessions", 7), ("training-participants", 16)] {
        let out = dir.path().join(format!("{name}.xlsx"));
        assert_eq!(
            kinds::export_xlsx(f.s.conn(), name, &out, today).unwrap(),
            n,
            "{name}"
        );
        // 学时 and 人数 are numbers in the file (Excel's SUM gave 0 over text).
        if name == "training-sessions" {
            use calamine::Reader;
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
            let sheet = wb.sheet_names()[0].clone();
            let range = wb.worksheet_range(&sheet).unwrap();
            let rows: Vec<_> = range.rows().collect();
            let header = rows
                .iter()
                .position(|r| {
                    r.iter()
                        .any(|c| matches!(c, calamine::Data::String(s) if s == "学时"))
                })
                .unwrap();
            let at = rows[header]
                .iter()
                .position(|c| matches!(c, calamine::Data::String(s) if s == "学时"))
                .unwrap();
            assert!(
                matches!(
                    rows[header + 1][at],
                    calamine::Data::Float(_) | calamine::Data::Int(_)
                ),
                "{:?}",
                rows[header + 1][at]
            );
        }
        // At the year's end, when the fixture's last session (2026-12-20) was held.
        let back = Kind::parse(name)
            .unwrap()
            .commit(
                &mut f.s,
                &crate::support::ctx_on(2026, 12, 31),
                &out,
                &std::sync::atomic::AtomicBool::new(false),
                &mut |_, _| {},
            )
            .unwrap();
        assert_eq!(
            (back.created, back.updated, back.unchanged),
            (0, 0, n),
            "{name} {:?}",
            back
        );
    }
}

#[test]
fn the_training_and_pipeline_keys_travel_in_the_package() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    event(
        &mut f.s,
        &f.zhang,
        "选拔进入乡镇事业编",
        "2026-09-01",
        "街道便民服务中心",
    )
    .unwrap();
    // 变更记录 says the day the 选拔 made the person leave (it said 在岗 → 离岗 alone).
    let logged = gridledger_core::store::changelog::for_record(f.s.conn(), "people", &f.zhang)
        .unwrap()
        .into_iter()
        .filter_map(|o| o.after?.get("effectiveDate")?.as_str().map(String::from))
        .collect::<Vec<_>>();
    assert_eq!(logged, ["2026-09-01"]);
    let e = package::export(&mut f.s, &ctx(), dir.path()).unwrap();
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    package::receive(&mut county.store, &ctx(), Path::new(&e.path), false).unwrap();
    let own = report::own_totals(f.s.conn(), ctx().today()).unwrap();
    let total = report::report(county.store.conn(), ctx().today())
        .unwrap()
        .total;
    for key in [
        "training.sessions",
        "training.person_times",
        "training.community_workers_trained",
        "people.selected_from_community_workers",
    ] {
        assert!(own[key] > 0, "{key}");
        assert_eq!(total[key], own[key], "{key}");
        let d = report::drill(county.store.conn(), "all", key, ctx().today()).unwrap();
        assert_eq!(d.count as i64, own[key], "{key}");
    }
    let sessions: Vec<TrainingSession> = ledger::list(f.s.conn()).unwrap();
    let back = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    assert_eq!(back.training_sessions.len(), sessions.len());
    assert_eq!(back.pipeline_events.len(), 1);
    assert!(package::required_kinds(2, 3).contains(&"training_participants"));
    assert!(!package::required_kinds(2, 2).contains(&"training_participants"));
    assert!(package::required_report_keys(2, 3).contains(&"training.person_times"));
}

#[test]
fn pipeline_events_import_with_bad_rows_named_and_never_change_a_recorded_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let today = day(2026, 11, 26);
    let zhang = people::get(f.s.conn(), &f.zhang).unwrap();
    let li = people::get(f.s.conn(), &f.li).unwrap();
    let path = dir.path().join("引育留用.csv");
    std::fs::write(
        &path,
        format!(
            "姓名,身份证号码,事件,日期,招录批次,招录方式,说明\n\
             张伟,{z},招录,2020-07-01,2020年第一批,公开招聘,\n\
             张伟,{z},选拔进入乡镇公务员,2026-09-01,,,党政办\n\
             李娜,{l},离职,2026-10-01,,,\n\
             无名,{x},评优,2026-10-01,,,优秀\n\
             李娜,{l},调走,2026-10-01,,,\n",
            z = zhang.id_number,
            l = li.id_number,
            x = idn(90)
        ),
    )
    .unwrap();
    let k = Kind::parse("pipeline-events").unwrap();
    let p = k.preview(f.s.conn(), &path, today).unwrap();
    let cols = problem_places(&p);
    assert_eq!(cols, [(4, "说明"), (5, "身份证号码"), (6, "事件")]);
    let first = commit_file(&mut f.s, &k, &path);
    assert_eq!((first.created, first.rejected), (2, 3));
    imports_again_unchanged(&mut f.s, &k, &path, 2);
    assert_eq!(
        report::own_totals(f.s.conn(), today).unwrap()["people.selected_from_community_workers"],
        1
    );
    // The export (ID numbers masked) imports back unchanged; a changed detail is refused.
    let out = dir.path().join("导出.xlsx");
    assert_eq!(
        kinds::export_xlsx(f.s.conn(), "pipeline-events", &out, today).unwrap(),
        2
    );
    let back = commit_file(&mut f.s, &k, &out);
    assert_eq!((back.created, back.unchanged), (0, 2));
    let changed = dir.path().join("改.csv");
    std::fs::write(
        &changed,
        format!(
            "姓名,身份证号码,事件,日期,说明\n张伟,{},选拔进入乡镇公务员,2026-09-01,办公室\n",
            zhang.id_number
        ),
    )
    .unwrap();
    let p = k.preview(f.s.conn(), &changed, today).unwrap();
    crate::support::the_problem(&p, "说明", "不能修改");
    // A corrected 日期 is another event: said, beside the one recorded (probe T).
    let redated = dir.path().join("改日期.csv");
    std::fs::write(
        &redated,
        format!(
            "姓名,身份证号码,事件,日期,招录批次,招录方式,说明\n张伟,{},招录,2020-07-03,2020年第一批,公开招聘,\n",
            zhang.id_number
        ),
    )
    .unwrap();
    let p = k.preview(f.s.conn(), &redated, today).unwrap();
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("已有一条只有“日期”不同的引育留用记录（日期：2020-07-01）")),
        "{:?} {:?}",
        p.notes,
        p.problems
    );
    // A changed 招录批次 is named in its own column; a 招录方式 on a 评优 row (it
    // would be dropped) is refused there.
    let other = dir.path().join("批次.csv");
    std::fs::write(
        &other,
        format!(
            "姓名,身份证号码,事件,日期,招录批次,招录方式,说明\n\
             张伟,{z},招录,2020-07-01,2020年第二批,公开招聘,\n\
             张伟,{z},评优,2026-08-01,,公开招聘,优秀社区工作者\n",
            z = zhang.id_number
        ),
    )
    .unwrap();
    let p = k.preview(f.s.conn(), &other, today).unwrap();
    assert_eq!(
        problem_places(&p),
        [(2, "招录批次"), (3, "招录方式")],
        "{:?}",
        p.problems
    );
}

/// 离职 (issue 16 item 2) is the registry's own 离岗: the person leaves as of the
/// event's date, with a history row; deleting the event undoes that leave while it
/// is still the person's latest status change, and restoring it leaves again; a
/// person who had left already, or who returned since, keeps what the registry says.
#[test]
fn a_leaving_event_makes_the_person_leave_and_deleting_or_restoring_it_stays_consistent() {
    use gridledger_core::people::Status;
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let today = ctx().today();
    let in_post =
        |s: &Store| report::own_totals(s.conn(), today).unwrap()["people.community_workers"];
    let left_rows = |s: &Store, id: &str| -> Vec<(String, String)> {
        people::history(s.conn(), id)
            .unwrap()
            .into_iter()
            .filter(|h| h.event == "left" || h.event == "returned")
            .map(|h| (h.event, h.date))
            .collect()
    };
    // 张伟, 李娜, 王芳 in post; 陈刚 left through the registry.
    assert_eq!(in_post(&f.s), 3);

    let id = event(&mut f.s, &f.wang, "离职", "2026-10-01", "考取外地公务员").unwrap();
    let wang = people::get(f.s.conn(), &f.wang).unwrap();
    assert_eq!(wang.status, Status::Left);
    assert_eq!(
        wang.roles.len(),
        1,
        "roles stay, as with the registry's 离岗"
    );
    let h = people::history(f.s.conn(), &f.wang).unwrap();
    let left: Vec<_> = h.iter().filter(|h| h.event == "left").collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].date, "2026-10-01");
    assert!(
        left[0].detail.contains("考取外地公务员"),
        "{}",
        left[0].detail
    );
    assert_eq!(in_post(&f.s), 2);

    // Deleted: the leave never happened.
    let entry =
        f.s.write(&ctx(), |tx| pipeline::delete_event(tx, &id))
            .unwrap();
    assert_eq!(
        people::get(f.s.conn(), &f.wang).unwrap().status,
        Status::Active
    );
    assert!(left_rows(&f.s, &f.wang).is_empty());
    assert_eq!(in_post(&f.s), 3);
    // Restored: left again, the same day.
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(
        people::get(f.s.conn(), &f.wang).unwrap().status,
        Status::Left
    );
    assert_eq!(
        left_rows(&f.s, &f.wang),
        [("left".to_string(), "2026-10-01".to_string())]
    );
    assert_eq!(in_post(&f.s), 2);

    // 王芳 comes back through the registry; deleting the old 离职 then changes nothing
    // in the registry, nor does restoring it.
    let w = people::get(f.s.conn(), &f.wang).unwrap();
    f.s.write(&ctx(), |tx| {
        people::update(
            tx,
            &w.id,
            &PersonInput {
                name: w.name.clone(),
                id_number: w.id_number.clone(),
                phone: w.phone.clone(),
                status: "active".into(),
                effective_date: "2026-11-01".into(),
                roles: vec![role("community_worker", None, &[&f.qingxi])],
                ..Default::default()
            },
        )
    })
    .unwrap();
    let entry =
        f.s.write(&ctx(), |tx| pipeline::delete_event(tx, &id))
            .unwrap();
    assert_eq!(
        people::get(f.s.conn(), &f.wang).unwrap().status,
        Status::Active
    );
    let both = vec![
        ("left".to_string(), "2026-10-01".to_string()),
        ("returned".to_string(), "2026-11-01".to_string()),
    ];
    assert_eq!(left_rows(&f.s, &f.wang), both);
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(
        people::get(f.s.conn(), &f.wang).unwrap().status,
        Status::Active
    );
    assert_eq!(left_rows(&f.s, &f.wang), both);

    // 陈刚 had left already: his 离职 records the reason, the registry stays as it was,
    // and deleting it does not bring him back.
    let chen_rows = left_rows(&f.s, &f.chen);
    assert_eq!(chen_rows.len(), 1);
    let c = event(&mut f.s, &f.chen, "离职", "2026-11-20", "家庭原因").unwrap();
    assert_eq!(
        people::get(f.s.conn(), &f.chen).unwrap().status,
        Status::Left
    );
    assert_eq!(left_rows(&f.s, &f.chen), chen_rows);
    f.s.write(&ctx(), |tx| pipeline::delete_event(tx, &c))
        .unwrap();
    assert_eq!(
        people::get(f.s.conn(), &f.chen).unwrap().status,
        Status::Left
    );
    assert_eq!(left_rows(&f.s, &f.chen), chen_rows);
}

#[test]
fn pipeline_events_fit_the_persons_history_and_are_not_registered_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    event(&mut f.s, &f.zhang, "招录", "2024-03-11", "").unwrap();
    event(&mut f.s, &f.zhang, "晋升", "2026-03-05", "社区党委委员").unwrap();
    let field_message = |e: Error| match e {
        Error::Validation { field, message } => (field, message),
        other => panic!("{other:?}"),
    };
    // The same event on the same day again: refused, naming what is recorded.
    let (field, m) =
        field_message(event(&mut f.s, &f.zhang, "晋升", "2026-03-05", "社区党委委员").unwrap_err());
    assert_eq!(field, "date");
    assert!(
        m.contains("2026-03-05 已登记过“晋升”（社区党委委员）"),
        "{m}"
    );
    // Before the 招录: refused, whichever comes second.
    let (_, m) = field_message(
        event(&mut f.s, &f.zhang, "选拔进入乡镇公务员", "2020-01-01", "").unwrap_err(),
    );
    assert!(m.contains("招录日期是 2024-03-11"), "{m}");
    event(&mut f.s, &f.li, "评优", "2023-05-01", "优秀社区工作者").unwrap();
    let (_, m) = field_message(event(&mut f.s, &f.li, "招录", "2024-01-01", "").unwrap_err());
    assert!(m.contains("2023-05-01 已有“评优”记录"), "{m}");
    event(&mut f.s, &f.li, "招录", "2022-07-01", "").unwrap();
    // After the 离职 that left them 离岗: only a new 招录.
    event(&mut f.s, &f.wang, "离职", "2026-06-01", "考取公务员").unwrap();
    let (_, m) = field_message(event(&mut f.s, &f.wang, "评优", "2026-09-01", "优秀").unwrap_err());
    assert!(m.contains("已于 2026-06-01 离职"), "{m}");
    assert!(event(&mut f.s, &f.wang, "离职", "2026-07-01", "又一次").is_err());
    event(&mut f.s, &f.wang, "评优", "2026-05-01", "优秀社区工作者").unwrap();
    // Selected into a township post once (probe F: twice counted her in 2025 and 2026).
    event(&mut f.s, &f.li, "选拔进入乡镇公务员", "2025-10-10", "").unwrap();
    let e = event(&mut f.s, &f.li, "选拔进入乡镇公务员", "2026-11-06", "").unwrap_err();
    assert_eq!(e.field(), Some("event"));
    assert!(
        e.to_string()
            .contains("已于 2025-10-10 选拔进入乡镇公务员，不会再次选拔进入"),
        "{e}"
    );
    // An exported list still imports back, every row the event it was.
    let file = dir.path().join("pipeline.xlsx");
    let n = kinds::export_xlsx(f.s.conn(), "pipeline-events", &file, ctx().today()).unwrap();
    let k = Kind::parse("pipeline-events").unwrap();
    let back = commit_file(&mut f.s, &k, &file);
    assert_eq!((back.created, back.unchanged), (0, n));
}

#[test]
fn a_person_form_opened_before_a_leaving_event_cannot_put_them_back() {
    use gridledger_core::people::Status;
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let opened = people::get(f.s.conn(), &f.wang).unwrap();
    event(&mut f.s, &f.wang, "离职", "2026-10-30", "考取公务员").unwrap();
    // The form still says 在岗; the clerk changes the phone and saves.
    let stale = PersonInput {
        phone: "13900000001".into(),
        seen_updated_at: opened.updated_at.clone(),
        ..people::input_of(&opened)
    };
    let e =
        f.s.write(&ctx(), |tx| people::update(tx, &f.wang, &stale))
            .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert!(e.to_string().contains("现在是离岗"), "{e}");
    let now = people::get(f.s.conn(), &f.wang).unwrap();
    assert_eq!(now.status, Status::Left);
    assert_eq!(now.phone, opened.phone);
    // Shown again as stored, the same edit saves and the person stays 离岗.
    let fresh = PersonInput {
        phone: "13900000001".into(),
        seen_updated_at: now.updated_at.clone(),
        ..people::input_of(&now)
    };
    f.s.write(&ctx(), |tx| people::update(tx, &f.wang, &fresh))
        .unwrap();
    let saved = people::get(f.s.conn(), &f.wang).unwrap();
    assert_eq!(
        (saved.status, saved.phone.as_str()),
        (Status::Left, "13900000001")
    );
}

/// A file whose own rows conflict only once written (a 离职, then an 评优 after it
/// for the same person: each fits what is stored) passes its check; the import then
/// refuses the second row as it writes it, names that row, and writes nothing.
#[test]
fn a_row_refused_while_writing_names_its_row_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let wang = people::get(f.s.conn(), &f.wang).unwrap();
    let path = dir.path().join("离职后评优.csv");
    std::fs::write(
        &path,
        format!(
            "姓名,身份证号码,事件,日期,招录批次,招录方式,说明\n\
             王芳,{id},离职,2026-06-01,,,考取公务员\n\
             王芳,{id},评优,2026-09-01,,,优秀社区工作者\n",
            id = wang.id_number
        ),
    )
    .unwrap();
    let k = Kind::parse("pipeline-events").unwrap();
    let p = k.preview(f.s.conn(), &path, ctx().today()).unwrap();
    assert_eq!((p.valid_rows, p.problems.len()), (2, 0));
    let e = k
        .commit(
            &mut f.s,
            &ctx(),
            &path,
            &std::sync::atomic::AtomicBool::new(false),
            &mut |_, _| {},
        )
        .unwrap_err();
    let m = e.to_string();
    assert!(m.starts_with("第 3 行："), "{m}");
    assert!(
        m.contains("已于 2026-06-01 离职") && m.contains("没有写入任何数据"),
        "{m}"
    );
    assert!(pipeline::events_of(f.s.conn(), &f.wang).unwrap().is_empty());
    assert_eq!(
        people::get(f.s.conn(), &f.wang).unwrap().status,
        gridledger_core::people::Status::Active
    );
}

/// The training screen's coverage line follows the period its list shows, counted
/// as 统计 counts the period: workers in post on its last day, sessions held by then.
#[test]
fn coverage_follows_the_period_the_list_shows() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(dir.path());
    let (conn, today) = (f.s.conn(), ctx().today());
    let q1 = training::coverage_in(conn, "2026Q1", today).unwrap();
    assert_eq!(q1.label, "2026年第一季度");
    assert_eq!((q1.sessions, q1.person_times), (1, 4));
    // 陈刚 was in post then: 4 workers, 3 of them at S1 (3 h each).
    assert_eq!((q1.community_workers, q1.trained, q1.hours), (4, 3, 9.0));
    for text in ["2026Q1", "2025", "2026-05"] {
        let c = training::coverage_in(conn, text, today).unwrap();
        let p = Period::parse("period", text).unwrap();
        let t = report::own_totals_in(conn, &p, today).unwrap();
        assert_eq!(
            (
                c.community_workers as i64,
                c.trained as i64,
                c.sessions as i64,
                c.person_times
            ),
            (
                t["people.community_workers"],
                t["training.community_workers_trained"],
                t["training.sessions"],
                t["training.person_times"]
            ),
            "{text}"
        );
    }
    // This year through the period filter is the dashboard's figure.
    let (year, now) = (
        training::coverage_in(conn, "2026", today).unwrap(),
        training::coverage(conn, today).unwrap(),
    );
    assert_eq!(
        (
            year.sessions,
            year.trained,
            year.community_workers,
            year.hours,
            year.label.as_str()
        ),
        (
            now.sessions,
            now.trained,
            now.community_workers,
            now.hours,
            "2026年"
        )
    );
    // 全部: every session held by today (last year's too, not one dated ahead).
    let all = training::coverage_in(conn, "", today).unwrap();
    assert_eq!((all.label.as_str(), all.sessions), ("全部", 4));
    let e = training::coverage_in(conn, "明年", today).unwrap_err();
    assert_eq!(e.field(), Some("period"), "{e}");
}

/// Who had left by a session's day is not one of its participants (probe U: a worker
/// 离岗 in November went into a December session unsaid); a session before the 离岗
/// takes them, and an undated 离岗 (from before dated changes) says nothing of the day.
#[test]
fn a_person_who_had_left_by_the_day_is_not_a_participant() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let wang = people::get(f.s.conn(), &f.wang).unwrap();
    f.s.write(&ctx(), |tx| {
        let mut input = people::input_of(&wang);
        input.status = "left".into();
        input.effective_date = "2026-10-01".into();
        people::update(tx, &f.wang, &input).map(drop)
    })
    .unwrap();
    let (before, after) =
        f.s.write(&ctx(), |tx| {
            Ok((
                session(tx, "township", "2026-09-20", "离岗前的培训", "2"),
                session(tx, "township", "2026-10-20", "离岗后的培训", "2"),
            ))
        })
        .unwrap();
    let add = |s: &mut Store, session: &str, person: &str| {
        s.write(&ctx(), |tx| {
            training::add_participant(
                tx,
                &ParticipantInput {
                    session_id: session.into(),
                    person_id: person.into(),
                    ..Default::default()
                },
            )
        })
    };
    refused_on(
        &add(&mut f.s, &after, &f.wang).unwrap_err(),
        "personId",
        "在 2026-10-20（这次培训的日期）已经离岗",
    );
    add(&mut f.s, &before, &f.wang).unwrap();
    // 陈刚 left without a day (the fixture's undated 离岗): taken as before.
    add(&mut f.s, &after, &f.chen).unwrap();
}
