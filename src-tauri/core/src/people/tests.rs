use chrono::TimeZone;

use super::*;
use crate::base::identity::check_char;
use crate::hierarchy::UnitInput;
use crate::store::{Ctx, Store};
use crate::{store::changelog, ErrorKind};

fn ctx_on(day: u32) -> Ctx {
    Ctx::new(
        chrono::Utc
            .with_ymd_and_hms(2026, 11, day, 2, 0, 0)
            .unwrap(),
    )
}
fn ctx() -> Ctx {
    ctx_on(26)
}

/// A valid ID number for a birth date and sequence (odd = male).
fn idn(birth: &str, seq: u32) -> String {
    let body = format!("320115{birth}{seq:03}");
    format!("{body}{}", check_char(&body).unwrap())
}

struct World {
    store: Store,
    village: String,
    compound: String,
    grid1: String,
    grid2: String,
    micro: String,
}

fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let ids = store
        .write(&ctx(), |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)?;
            let mk = |kind: &str, parent: Option<&str>, code: &str, name: &str| {
                hierarchy::create(tx, &UnitInput::new(kind, parent, code, name, "urban"))
                    .map(|u| u.id)
            };
            let v = mk("village", None, "320115101001", "青溪社区")?;
            let c = mk("compound", Some(&v), "C01", "阳光花园")?;
            let g1 = mk("base_grid", Some(&c), "G001", "阳光花园第一网格")?;
            let g2 = mk("base_grid", Some(&c), "G002", "阳光花园第二网格")?;
            let m = mk("micro_grid", Some(&g1), "M01", "1-2栋")?;
            Ok([v, c, g1, g2, m])
        })
        .unwrap();
    let [village, compound, grid1, grid2, micro] = ids;
    World {
        store,
        village,
        compound,
        grid1,
        grid2,
        micro,
    }
}

fn worker(name: &str, id_number: &str, phone: &str, grid: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        id_number: id_number.into(),
        phone: phone.into(),
        political_status: "中共党员".into(),
        education: "大学本科".into(),
        start_date: "2023-03-01".into(),
        roles: vec![RoleInput {
            role: "grid_worker".into(),
            employment: Some("full_time".into()),
            unit_ids: vec![grid.into()],
        }],
        ..Default::default()
    }
}

#[test]
fn create_derives_gender_and_birth_and_records_joining() {
    let mut w = world();
    let saved = w
        .store
        .write(&ctx(), |tx| {
            create(
                tx,
                // Typed with a space inside, as aligned lists write it: found as 张伟.
                &worker("张 伟", &idn("19850612", 13), "13812345678", &w.grid1),
            )
        })
        .unwrap();
    let p = saved.person;
    assert_eq!(p.name, "张伟");
    assert_eq!(
        (p.gender, p.birth_date.as_str()),
        (Gender::Male, "1985-06-12")
    );
    assert_eq!(
        p.roles,
        vec![Role {
            role: RoleKind::GridWorker,
            employment: Some(Employment::FullTime),
            unit_ids: vec![w.grid1.clone()]
        }]
    );
    assert!(saved.warnings.is_empty());
    let h = history(w.store.conn(), &p.id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(
        (h[0].event_label.as_str(), h[0].date.as_str()),
        ("入职", "2023-03-01")
    );
    assert_eq!(h[0].detail, "网格员（专职）：阳光花园第一网格");
    // Without a 到岗日期 the first event is dated on the day of entry: 登记, not 入职
    // (the 履历 said they started the day the clerk typed them in).
    let unknown = w
        .store
        .write(&ctx(), |tx| {
            create(
                tx,
                &PersonInput {
                    start_date: String::new(),
                    ..worker("李娜", &idn("19900101", 24), "13912345678", &w.grid1)
                },
            )
        })
        .unwrap()
        .person;
    let h2 = history(w.store.conn(), &unknown.id).unwrap();
    assert_eq!(
        (
            h2[0].event.as_str(),
            h2[0].event_label.as_str(),
            h2[0].date.as_str()
        ),
        ("joined", "登记", "2026-11-26")
    );
    assert_eq!(
        changelog::for_record(w.store.conn(), TABLE, &p.id)
            .unwrap()
            .len(),
        1
    );
    // 到岗日期 filled in later: that event stays 登记; and 张伟's 入职 stays 入职 when
    // his 到岗日期 is corrected.
    for (id, input, label) in [
        (
            &unknown.id,
            PersonInput {
                start_date: "2023-05-01".into(),
                ..worker("李娜", &idn("19900101", 24), "13912345678", &w.grid1)
            },
            "登记",
        ),
        (
            &p.id,
            PersonInput {
                start_date: "2023-04-01".into(),
                ..worker("张伟", &idn("19850612", 13), "13812345678", &w.grid1)
            },
            "入职",
        ),
    ] {
        w.store.write(&ctx(), |tx| update(tx, id, &input)).unwrap();
        let h = history(w.store.conn(), id).unwrap();
        assert_eq!(h[0].event_label, label, "{h:?}");
        // Saved again as it is: nothing changes, nothing is logged (a 修改 showed
        // only 姓名 张伟 → 张伟).
        let logged = changelog::for_record(w.store.conn(), TABLE, id)
            .unwrap()
            .len();
        let stamp = get(w.store.conn(), id).unwrap().updated_at;
        w.store
            .write(&ctx_on(27), |tx| update(tx, id, &input))
            .unwrap();
        assert_eq!(
            changelog::for_record(w.store.conn(), TABLE, id)
                .unwrap()
                .len(),
            logged
        );
        assert_eq!(get(w.store.conn(), id).unwrap().updated_at, stamp);
    }
}

#[test]
fn every_problem_of_an_input_is_reported_with_its_field() {
    let w = world();
    let input = PersonInput {
        name: "".into(),
        gender: "女".into(),
        birth_date: "1990-01-01".into(),
        id_number: idn("19850612", 13),
        phone: "1381234567".into(),
        political_status: "党外人士".into(), // 党员 is read as 中共党员 (issue 14)
        education: "博士后".into(),
        start_date: "2030-01-01".into(),
        status: "退休".into(),
        roles: vec![RoleInput {
            role: "grid_worker".into(),
            employment: Some("专职".into()),
            unit_ids: vec![w.micro.clone()],
        }],
        ..Default::default()
    };
    let problems = check(w.store.conn(), &input, ctx().today(), "").unwrap_err();
    let fields: Vec<&str> = problems.iter().filter_map(|e| e.field()).collect();
    for want in [
        "name",
        "gender",
        "birthDate",
        "phone",
        "politicalStatus",
        "education",
        "startDate",
        "status",
        "units",
    ] {
        assert!(fields.contains(&want), "{want} missing from {fields:?}");
    }
    let units_msg = problems
        .iter()
        .find(|e| e.field() == Some("units"))
        .unwrap()
        .to_string();
    assert!(
        units_msg.contains("网格员应分配到基础网格，“1-2栋”是微网格"),
        "{units_msg}"
    );
    // With the grid it is in, to write instead (probe AN).
    assert!(units_msg.contains("请填它所在的基础网格“"), "{units_msg}");
}

#[test]
fn role_rules() {
    let w = world();
    let c = w.store.conn();
    let today = ctx().today();
    let base = worker("李娜", &idn("19900101", 22), "13912345678", &w.grid1);
    let cases: Vec<(Vec<RoleInput>, &str, &str)> = vec![
        (vec![], "roles", "至少选择一个身份"),
        (
            vec![RoleInput {
                role: "网格员".into(),
                employment: None,
                unit_ids: vec![w.grid1.clone()],
            }],
            "employment",
            "专职还是兼职",
        ),
        (
            vec![RoleInput {
                role: "网格员".into(),
                employment: Some("专职".into()),
                unit_ids: vec![],
            }],
            "units",
            "必须分配到基础网格",
        ),
        (
            vec![RoleInput {
                role: "楼栋长".into(),
                employment: None,
                unit_ids: vec![w.grid1.clone()],
            }],
            "units",
            "微网格或小区",
        ),
        (
            vec![RoleInput {
                role: "社区工作者".into(),
                employment: None,
                unit_ids: vec![w.compound.clone()],
            }],
            "units",
            "村/社区",
        ),
        (
            vec![RoleInput {
                role: "队长".into(),
                employment: None,
                unit_ids: vec![],
            }],
            "roles",
            "无法识别",
        ),
        (
            vec![
                RoleInput {
                    role: "楼栋长".into(),
                    employment: None,
                    unit_ids: vec![w.micro.clone()],
                },
                RoleInput {
                    role: "building_head".into(),
                    employment: None,
                    unit_ids: vec![w.compound.clone()],
                },
            ],
            "roles",
            "重复",
        ),
    ];
    for (roles, field, want) in cases {
        let input = PersonInput {
            roles,
            ..base.clone()
        };
        let problems = check(c, &input, today, "").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field(), Some(field));
        assert!(
            problems[0].to_string().contains(want),
            "{} should contain {want}",
            problems[0]
        );
    }
    // Several roles at once, several grids: fine.
    let ok = PersonInput {
        roles: vec![
            RoleInput {
                role: "信息员".into(),
                employment: None,
                unit_ids: vec![w.micro.clone()],
            },
            RoleInput {
                role: "网格员".into(),
                employment: Some("兼职".into()),
                unit_ids: vec![w.grid1.clone(), w.grid2.clone()],
            },
            RoleInput {
                role: "社区工作者".into(),
                employment: None,
                unit_ids: vec![w.village.clone()],
            },
        ],
        ..base
    };
    let checked = check(c, &ok, today, "").unwrap();
    assert_eq!(checked.roles.len(), 3);
    assert_eq!(checked.roles[0].role, RoleKind::GridWorker, "sorted");
    assert_eq!(checked.roles[0].unit_ids.len(), 2);
}

#[test]
fn same_id_number_is_one_person_and_a_repeated_phone_warns() {
    let mut w = world();
    let id = idn("19850612", 13);
    w.store
        .write(&ctx(), |tx| {
            create(tx, &worker("张伟", &id, "13812345678", &w.grid1))
        })
        .unwrap();
    let err = w
        .store
        .write(&ctx(), |tx| {
            create(
                tx,
                &worker("张卫", &id.to_lowercase(), "13912345678", &w.grid2),
            )
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let msg = err.to_string();
    assert!(
        msg.contains("已登记为网格员“张伟”（阳光花园第一网格）"),
        "{msg}"
    );
    assert!(
        msg.contains("3201**********"),
        "ID masked in the message: {msg}"
    );
    let saved = w
        .store
        .write(&ctx(), |tx| {
            create(
                tx,
                &worker("王芳", &idn("19920304", 24), "138-1234-5678", &w.grid2),
            )
        })
        .unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert!(
        saved.warnings[0].contains("138****5678也登记在张伟名下"),
        "{:?}",
        saved.warnings
    );
}

/// A move that leaves a grid with no grid worker in post says so as it is saved
/// (probe X: only 首页's coverage told); one that leaves a colleague there does not.
#[test]
fn a_move_leaving_a_grid_without_its_worker_is_said() {
    let mut w = world();
    let mut zhang = worker("张伟", &idn("19850612", 13), "13812345678", &w.grid1);
    let li = worker("李娜", &idn("19900101", 22), "13912345678", &w.grid1);
    let (p, _) = w
        .store
        .write(&ctx_on(1), |tx| {
            Ok((create(tx, &zhang)?.person, create(tx, &li)?))
        })
        .unwrap();
    zhang.roles[0].unit_ids = vec![w.grid2.clone()];
    zhang.effective_date = "2026-11-10".into();
    let saved = w
        .store
        .write(&ctx_on(10), |tx| update(tx, &p.id, &zhang))
        .unwrap();
    assert!(
        saved.warnings.is_empty(),
        "李娜 is still there: {:?}",
        saved.warnings
    );
    zhang.roles[0].unit_ids = vec![w.grid1.clone()];
    zhang.effective_date = "2026-11-12".into();
    let saved = w
        .store
        .write(&ctx_on(12), |tx| update(tx, &p.id, &zhang))
        .unwrap();
    assert_eq!(
        saved.warnings,
        ["阳光花园第二网格现在没有在岗的网格员了（网格覆盖率会下降），请安排接替的网格员。"]
    );
}

#[test]
fn a_role_taken_on_or_given_up_is_not_called_a_move() {
    let mut w = world();
    let mut input = worker("张伟", &idn("19850612", 13), "13812345678", &w.grid1);
    let p = w
        .store
        .write(&ctx_on(1), |tx| create(tx, &input))
        .unwrap()
        .person;
    let mut save = |input: &PersonInput, day: u32| {
        w.store
            .write(&ctx_on(day), |tx| update(tx, &p.id, input))
            .unwrap();
    };
    input.roles.push(RoleInput {
        role: "building_head".into(),
        employment: None,
        unit_ids: vec![w.compound.clone()],
    });
    input.effective_date = "2026-11-10".into();
    save(&input, 10);
    input.roles.pop();
    input.effective_date = "2026-11-20".into();
    save(&input, 20);
    input.roles[0].unit_ids = vec![w.grid2.clone()];
    input.effective_date = "2026-11-25".into();
    save(&input, 25);
    let h = history(w.store.conn(), &p.id).unwrap();
    let got: Vec<&str> = h.iter().map(|e| e.event_label.as_str()).collect();
    assert_eq!(got, ["入职", "增加岗位", "减少岗位", "调岗"], "{h:?}");
    assert!(h[1..].iter().all(|e| e.event == "reassigned"));
}

#[test]
fn reassignment_leaving_and_returning_are_dated_history() {
    let mut w = world();
    let mut input = worker("张伟", &idn("19850612", 13), "13812345678", &w.grid1);
    let p = w
        .store
        .write(&ctx_on(1), |tx| create(tx, &input))
        .unwrap()
        .person;
    input.roles[0].unit_ids = vec![w.grid2.clone()];
    input.effective_date = "2026-11-10".into();
    w.store
        .write(&ctx_on(10), |tx| update(tx, &p.id, &input))
        .unwrap();
    input.status = "离岗".into();
    input.effective_date = "".into();
    w.store
        .write(&ctx_on(20), |tx| update(tx, &p.id, &input))
        .unwrap();
    input.status = "在岗".into();
    w.store
        .write(&ctx_on(25), |tx| update(tx, &p.id, &input))
        .unwrap();
    // A plain edit (phone) adds no history.
    input.phone = "13912345678".into();
    w.store
        .write(&ctx_on(26), |tx| update(tx, &p.id, &input))
        .unwrap();
    let h = history(w.store.conn(), &p.id).unwrap();
    let got: Vec<(&str, &str)> = h
        .iter()
        .map(|e| (e.event_label.as_str(), e.date.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("入职", "2023-03-01"),
            ("调岗", "2026-11-10"),
            ("离岗", "2026-11-20"),
            ("复岗", "2026-11-25")
        ]
    );
    assert_eq!(
        h[1].detail,
        "网格员（专职）：阳光花园第一网格 → 网格员（专职）：阳光花园第二网格"
    );
    // 离岗 and 复岗 say what was left and taken up again (their 详情 was blank).
    assert_eq!(h[2].detail, "网格员（专职）：阳光花园第二网格");
    assert_eq!(h[3].detail, h[2].detail);
    let ops = changelog::for_record(w.store.conn(), TABLE, &p.id).unwrap();
    assert_eq!(ops.len(), 5);
    // Each logged with the day it took effect; a plain edit without one.
    let effective: Vec<Option<&str>> = ops
        .iter()
        .map(|o| o.after.as_ref()?.get("effectiveDate")?.as_str())
        .collect();
    assert_eq!(
        effective,
        [
            None,
            Some("2026-11-10"),
            Some("2026-11-20"),
            Some("2026-11-25"),
            None
        ]
    );

    // A change dated before the person came is refused, and nothing is written.
    input.status = "离岗".into();
    input.effective_date = "2023-02-15".into();
    let e = w
        .store
        .write(&ctx_on(27), |tx| update(tx, &p.id, &input))
        .unwrap_err();
    assert_eq!(e.field(), Some("effectiveDate"), "{e}");
    assert!(e.to_string().contains("早于到岗日期“2023-03-01”"), "{e}");
    assert_eq!(history(w.store.conn(), &p.id).unwrap().len(), 4);

    // 到岗日期 corrected: 履历's 入职 says the new day (it kept 2023-03-01).
    input.status = "在岗".into();
    input.effective_date = "".into();
    input.start_date = "2023-02-01".into();
    w.store
        .write(&ctx_on(27), |tx| update(tx, &p.id, &input))
        .unwrap();
    let h = history(w.store.conn(), &p.id).unwrap();
    assert_eq!(
        (h[0].event_label.as_str(), h[0].date.as_str(), h.len()),
        ("入职", "2023-02-01", 4)
    );
}

#[test]
fn units_with_people_cannot_be_deleted_and_people_restore_whole() {
    let mut w = world();
    let p = w
        .store
        .write(&ctx(), |tx| {
            create(
                tx,
                &worker("张伟", &idn("19850612", 13), "13812345678", &w.grid2),
            )
        })
        .unwrap()
        .person;
    let err = w
        .store
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &w.grid2))
        .unwrap_err();
    assert!(err.to_string().contains("1 名人员（张伟）"), "{err}");

    let entry = w.store.write(&ctx(), |tx| delete(tx, &p.id)).unwrap();
    assert_eq!(entry.kind_label, "人员");
    assert!(entry.summary.contains("网格员“张伟”"));
    assert!(find(w.store.conn(), &p.id).unwrap().is_none());
    // Now the grid is free; delete it too, and the person cannot come back before it.
    let grid_entry = w
        .store
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &w.grid2))
        .unwrap();
    let err = w
        .store
        .write(&ctx(), |tx| crate::kinds::restore(tx, &entry.id))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("请先在回收站中恢复基础网格“阳光花园第二网格”"),
        "{err}"
    );
    w.store
        .write(&ctx(), |tx| crate::kinds::restore(tx, &grid_entry.id))
        .unwrap();
    w.store
        .write(&ctx(), |tx| crate::kinds::restore(tx, &entry.id))
        .unwrap();
    let back = get(w.store.conn(), &p.id).unwrap();
    assert_eq!(back.roles, p.roles);
    assert_eq!(
        history(w.store.conn(), &p.id).unwrap().len(),
        1,
        "history came back too"
    );
}

#[test]
fn search_filters_sorts_pages_and_masks() {
    let mut w = world();
    let people = [
        (
            "张伟",
            idn("19850612", 13),
            "13812345678",
            w.grid1.clone(),
            "full_time",
            "中共党员",
        ),
        (
            "张晓伟",
            idn("19900101", 21),
            "13912345678",
            w.grid2.clone(),
            "part_time",
            "群众",
        ),
        (
            "李娜",
            idn("19920304", 24),
            "13712345678",
            w.grid1.clone(),
            "full_time",
            "群众",
        ),
    ];
    for (name, id, phone, grid, emp, pol) in &people {
        let mut input = worker(name, id, phone, grid);
        input.roles[0].employment = Some(emp.to_string());
        input.political_status = pol.to_string();
        w.store.write(&ctx(), |tx| create(tx, &input)).unwrap();
    }
    w.store
        .write(&ctx(), |tx| {
            create(
                tx,
                &PersonInput {
                    name: "赵敏".into(),
                    id_number: idn("19800101", 42),
                    phone: "13612345678".into(),
                    roles: vec![RoleInput {
                        role: "楼栋长".into(),
                        employment: None,
                        unit_ids: vec![w.micro.clone()],
                    }],
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let names_in = |c: &Connection, q: PersonQuery| -> Vec<String> {
        list(c, &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    let c = w.store.conn();
    let names = |q: PersonQuery| names_in(c, q);
    let q = |f: &dyn Fn(&mut PersonQuery)| {
        let mut q = PersonQuery {
            role: "grid_worker".into(),
            ..Default::default()
        };
        f(&mut q);
        q
    };
    // Two-character Chinese fragments, ID and phone fragments, unit names.
    assert_eq!(names(q(&|q| q.text = "晓伟".into())), ["张晓伟"]);
    assert_eq!(names(q(&|q| q.text = "张".into())), ["张伟", "张晓伟"]);
    assert_eq!(names(q(&|q| q.text = "1985".into())), ["张伟"]);
    assert_eq!(names(q(&|q| q.text = "1371234".into())), ["李娜"]);
    assert_eq!(names(q(&|q| q.text = "第二网格".into())), ["张晓伟"]);
    // A village's or compound's name finds who serves inside it (the list's
    // 所属村/社区 column showed 青溪社区, and searching 青溪 found no one).
    assert_eq!(names(q(&|q| q.text = "青溪".into())).len(), 3);
    assert_eq!(names(q(&|q| q.text = "阳光花园".into())).len(), 3);
    // Brackets either way (the window sends them half-width).
    let compound = w.compound.clone();
    w.store
        .write(&ctx(), |tx| {
            let code = hierarchy::get(tx, &compound)?.code;
            hierarchy::update(
                tx,
                &compound,
                &UnitInput::new("compound", None, &code, "阳光花园（一期）", "urban"),
            )
        })
        .unwrap();
    let c = w.store.conn();
    let names = |q: PersonQuery| names_in(c, q);
    for text in ["阳光花园（一期）", "阳光花园(一期)", "(一期)"] {
        assert_eq!(names(q(&|q| q.text = text.into())).len(), 3, "{text}");
    }
    assert_eq!(
        names(PersonQuery {
            text: "1-2栋".into(),
            ..Default::default()
        }),
        ["赵敏"]
    );
    assert_eq!(names(q(&|q| q.text = "%".into())), Vec::<String>::new());
    // Filters.
    assert_eq!(names(q(&|q| q.employment = "part_time".into())), ["张晓伟"]);
    assert_eq!(
        names(q(&|q| q.political_status = "中共党员".into())),
        ["张伟"]
    );
    assert_eq!(names(q(&|q| q.unit_id = w.grid1.clone())).len(), 2);
    // A unit holds who serves inside it: the compound its grids' people and the
    // micro-grid's 楼栋长, the micro-grid's grid its 楼栋长 (probe S: a compound
    // listed nobody).
    let all = |unit: &str| PersonQuery {
        unit_id: unit.into(),
        ..Default::default()
    };
    assert_eq!(names(all(&w.compound)).len(), 4);
    assert!(names(all(&w.compound)).contains(&"赵敏".to_string()));
    assert_eq!(names(all(&w.micro)), ["赵敏"]);
    assert_eq!(names(q(&|q| q.village_id = w.village.clone())).len(), 3);
    assert_eq!(
        names(PersonQuery {
            role: "楼栋长".into(),
            village_id: w.village.clone(),
            ..Default::default()
        }),
        ["赵敏"]
    );
    assert_eq!(names(PersonQuery::default()).len(), 4);
    // Sorting and paging.
    let by_birth = names(q(&|q| {
        q.sort = "birthDate".into();
        q.descending = true
    }));
    assert_eq!(by_birth, ["李娜", "张晓伟", "张伟"]);
    let page = list(
        c,
        &q(&|q| {
            q.sort = "birthDate".into();
            q.page_size = 2;
            q.page = 1
        }),
    )
    .unwrap();
    assert_eq!(
        (page.total, page.rows.len(), page.rows[0].name.as_str()),
        (3, 1, "李娜")
    );
    // Masked by default; the row says what and where.
    let row = &list(c, &q(&|q| q.text = "张伟".into())).unwrap().rows[0];
    assert_eq!(
        row.id_number,
        format!("3201**********{}", &people[0].1[14..])
    );
    assert_eq!(row.phone, "138****5678");
    assert_eq!(
        (
            row.roles.as_str(),
            row.units.as_str(),
            row.villages.as_str()
        ),
        ("网格员（专职）", "阳光花园第一网格", "青溪社区")
    );
    assert_eq!((row.gender.as_str(), row.status.as_str()), ("男", "在岗"));
    let full = list(
        c,
        &PersonQuery {
            text: "张伟".into(),
            unmasked: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(full.rows[0].id_number, people[0].1);
    // As a clerk types or pastes them: a number in groups or full-width.
    let phone_of = |text: &str| -> Vec<String> {
        let q = PersonQuery {
            text: text.into(),
            ..Default::default()
        };
        list(c, &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    // A name typed with a space inside is looked for without it, as it is stored.
    for text in [
        "138 1234 5678",
        "１３８１２３４５６７８",
        " 张伟 ",
        "张 伟",
        "张\u{3000}伟",
    ] {
        assert_eq!(phone_of(text), ["张伟"], "{text:?}");
    }
    let grouped = format!("{} {}", &people[0].1[..6], &people[0].1[6..]);
    assert_eq!(phone_of(&grouped), ["张伟"]);
    assert_eq!(reveal(c, &row.id, "phone").unwrap(), "13812345678");
    assert_eq!(
        reveal(c, &row.id, "name").unwrap_err().kind(),
        ErrorKind::Validation
    );
}

#[test]
fn a_person_with_several_roles_and_grids_saved_unchanged_gets_no_false_history() {
    let mut w = world();
    let mut input = worker("张伟", &idn("19850612", 13), "13812345678", &w.grid2);
    // Units given out of code order, roles out of enum order.
    input.roles[0].unit_ids = vec![w.grid2.clone(), w.grid1.clone()];
    input.roles.insert(
        0,
        RoleInput {
            role: "楼栋长".into(),
            employment: None,
            unit_ids: vec![w.micro.clone()],
        },
    );
    let p = w
        .store
        .write(&ctx(), |tx| create(tx, &input))
        .unwrap()
        .person;
    let stored = get(w.store.conn(), &p.id).unwrap();
    assert_eq!(stored.roles, p.roles);
    // Save again with only the phone changed: no 调岗.
    input.phone = "13912345678".into();
    w.store
        .write(&ctx(), |tx| update(tx, &p.id, &input))
        .unwrap();
    let events: Vec<String> = history(w.store.conn(), &p.id)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(events, ["joined"]);
    // And it compares equal for re-import.
    let c = check(w.store.conn(), &input, ctx().today(), &p.id).unwrap();
    assert!(same_as(&get(w.store.conn(), &p.id).unwrap(), &c));
}

#[test]
fn a_future_effective_date_is_refused() {
    let w = world();
    let mut input = worker("张伟", &idn("19850612", 13), "13812345678", &w.grid1);
    input.effective_date = "2099-01-01".into();
    let problems = check(w.store.conn(), &input, ctx().today(), "").unwrap_err();
    assert_eq!(problems[0].field(), Some("effectiveDate"));
}

/// The people `text` finds the plain way (the behaviour before the search index):
/// name, ID number or phone contains it (ASCII case folded, as LIKE does), or a
/// unit they serve has it in its name or code.
fn scan(c: &Connection, text: &str) -> Vec<String> {
    let t = text.to_ascii_lowercase();
    let mut stmt = c
        .prepare(
            "SELECT p.name, p.id_number, p.phone,
                    (SELECT group_concat(u.name || '|' || u.code, '|') FROM person_roles r
                     JOIN units u ON u.rowid = r.unit WHERE r.person = p.rowid)
             FROM people p",
        )
        .unwrap();
    let mut names: Vec<String> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .filter(|(n, i, p, u)| {
            [n, i, p, u]
                .iter()
                .any(|f| f.to_ascii_lowercase().contains(&t))
        })
        .map(|(n, ..)| n)
        .collect();
    names.sort();
    names
}

fn found(c: &Connection, text: &str) -> Vec<String> {
    let mut names: Vec<String> = list(
        c,
        &PersonQuery {
            text: text.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r.name)
    .collect();
    names.sort();
    names
}

/// Every bigram row the index should hold: each person's distinct name bigrams.
fn grams_expected(c: &Connection) -> i64 {
    let mut stmt = c.prepare("SELECT name FROM people").unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    names
        .iter()
        .map(|n| super::search::grams(n, 2).len() as i64)
        .sum()
}

fn grams_held(c: &Connection) -> i64 {
    c.query_row("SELECT count(*) FROM person_name_grams", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_search_indexes_follow_every_write_and_find_what_a_scan_finds() {
    let mut w = world();
    let names = ["张晓东", "王建国", "Anna", "欧阳晓东东", "晓", "李建国"];
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let grid = if i % 2 == 0 { &w.grid1 } else { &w.grid2 };
        let input = worker(
            name,
            &idn("19850612", 11 + i as u32 * 2),
            &format!("1381234{:04}", 5678 + i),
            grid,
        );
        ids.push(
            w.store
                .write(&ctx(), |tx| create(tx, &input))
                .unwrap()
                .person
                .id,
        );
    }
    let queries = [
        "晓东",
        "建国",
        "晓",
        "东东",
        "欧阳晓东",
        "张晓东",
        "an",
        "AN",
        "nna",
        "x",
        "1985",
        "5679",
        "38123",
        "19850612",
        "612",
        "61201",
        "0612001",
        "3812345680",
        "13998765",
        "1385",
        "第一网格",
        "G002",
        "阳光",
        "晓东东",
        "张王",
        "%",
        "_",
        "李建",
    ];
    let check = |c: &Connection| {
        for q in queries {
            assert_eq!(found(c, q), scan(c, q), "query {q}");
        }
        assert_eq!(grams_held(c), grams_expected(c));
        // The number index (0024) equals what `people` holds.
        c.execute(
            "INSERT INTO person_numbers (person_numbers, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    };
    check(w.store.conn());
    assert_eq!(found(w.store.conn(), "晓东"), ["张晓东", "欧阳晓东东"]);
    // A rename moves the person in the index.
    // A new phone moves them in the number index.
    let mut renamed = worker("张建军", &idn("19850612", 11), "13998765432", &w.grid1);
    renamed.effective_date = "2026-11-01".into();
    w.store
        .write(&ctx(), |tx| update(tx, &ids[0], &renamed))
        .unwrap();
    check(w.store.conn());
    assert_eq!(found(w.store.conn(), "晓东"), ["欧阳晓东东"]);
    assert_eq!(found(w.store.conn(), "建军"), ["张建军"]);
    assert_eq!(found(w.store.conn(), "9987654"), ["张建军"]);
    assert!(found(w.store.conn(), "3812345678").is_empty());
    // Deleting takes them out; restoring puts them back.
    let entry = w.store.write(&ctx(), |tx| delete(tx, &ids[1])).unwrap();
    check(w.store.conn());
    assert_eq!(found(w.store.conn(), "建国"), ["李建国"]);
    w.store
        .write(&ctx(), |tx| crate::kinds::restore(tx, &entry.id))
        .unwrap();
    check(w.store.conn());
    assert_eq!(found(w.store.conn(), "建国"), ["李建国", "王建国"]);
}

#[test]
fn people_from_before_the_index_are_found_after_the_upgrade() {
    let mut conn = Connection::open_in_memory().unwrap();
    crate::store::migrate_to(&mut conn, 8).unwrap();
    conn.execute(
        "INSERT INTO people (id, owner_code, name, gender, birth_date, id_number, phone,
             status, created_at, updated_at)
         VALUES ('p1', '320115101000', '刘晓东', 'male', '1985-06-12', ?1, '13812345678',
             'active', '2026-01-01', '2026-01-01')",
        [idn("19850612", 11)],
    )
    .unwrap();
    crate::store::migrate(&mut conn).unwrap();
    assert_eq!(found(&conn, "晓东"), ["刘晓东"]);
    assert_eq!(grams_held(&conn), 2);
    // And by their numbers, through the number index (0024).
    assert_eq!(found(&conn, "2345"), ["刘晓东"]);
    assert_eq!(found(&conn, "19850612"), ["刘晓东"]);
}

#[test]
fn tab_counts_from_the_role_index_equal_the_rows_listed() {
    let mut w = world();
    let mk = |name: &str, seq: u32, roles: Vec<RoleInput>| PersonInput {
        name: name.into(),
        id_number: idn("19850612", seq),
        phone: format!("138123456{seq:02}"),
        roles,
        ..Default::default()
    };
    let gw = |emp: &str, grids: &[&String]| RoleInput {
        role: "grid_worker".into(),
        employment: Some(emp.into()),
        unit_ids: grids.iter().map(|g| g.to_string()).collect(),
    };
    let head = RoleInput {
        role: "building_head".into(),
        employment: None,
        unit_ids: vec![w.micro.clone()],
    };
    let inputs = [
        mk("甲", 11, vec![gw("full_time", &[&w.grid1, &w.grid2])]),
        mk("乙", 13, vec![gw("part_time", &[&w.grid1]), head.clone()]),
        mk("丙", 15, vec![head.clone()]),
        mk("丁", 17, vec![gw("full_time", &[&w.grid2]), head]),
    ];
    for input in &inputs {
        w.store.write(&ctx(), |tx| create(tx, input)).unwrap();
    }
    let c = w.store.conn();
    for role in [
        "",
        "grid_worker",
        "building_head",
        "info_officer",
        "community_worker",
    ] {
        for employment in ["", "full_time", "part_time"] {
            let page = list(
                c,
                &PersonQuery {
                    role: role.into(),
                    employment: employment.into(),
                    ..Default::default()
                },
            )
            .unwrap();
            assert_eq!(page.total as usize, page.rows.len(), "{role}/{employment}");
        }
    }
    let total = |role: &str, employment: &str| {
        list(
            c,
            &PersonQuery {
                role: role.into(),
                employment: employment.into(),
                page_size: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .total
    };
    assert_eq!(total("grid_worker", ""), 3);
    assert_eq!(total("grid_worker", "full_time"), 2);
    assert_eq!(total("building_head", "full_time"), 1);
    assert_eq!(total("", "part_time"), 1);
}

#[test]
fn a_text_search_reports_its_total_on_every_page_and_past_the_end() {
    let mut w = world();
    for i in 0..5u32 {
        let input = worker(
            &format!("王晓东{}", ["甲", "乙", "丙", "丁", "戊"][i as usize]),
            &idn("19850612", 11 + 2 * i),
            &format!("1381234560{i}"),
            &w.grid1,
        );
        w.store.write(&ctx(), |tx| create(tx, &input)).unwrap();
    }
    let c = w.store.conn();
    let page = |n: u32| {
        let p = list(
            c,
            &PersonQuery {
                text: "晓东".into(),
                page: n,
                page_size: 2,
                ..Default::default()
            },
        )
        .unwrap();
        (p.total, p.rows.len())
    };
    assert_eq!(page(0), (5, 2));
    assert_eq!(page(2), (5, 1));
    assert_eq!(page(3), (5, 0));
}

/// A search whose matches are dense in name order (pinyin or strokes) walks that name
/// index (`search::walk_by_name`); every page and total it gives equals the plan that sorts
/// every match (`matching_ids`), with each other filter beside the text, and a
/// search it should not walk falls back.
#[test]
fn a_dense_search_walked_in_name_order_pages_as_sorting_every_match_does() {
    let mut w = world();
    let given = ["建华", "国庆", "丽华", "志强", "华", "明"];
    let surnames = ["王", "李", "华", "张", "陈"];
    for i in 0..60u32 {
        let mut input = worker(
            &format!("{}{}", surnames[i as usize % 5], given[i as usize % 6]),
            &idn("19850612", 1 + 2 * i),
            &format!("139{:08}", 1000 + i),
            if i % 3 == 0 { &w.grid2 } else { &w.grid1 },
        );
        if i % 4 == 0 {
            input.political_status = "群众".into();
        }
        w.store.write(&ctx(), |tx| create(tx, &input)).unwrap();
    }
    let c = w.store.conn();
    let mut walked = 0;
    for text in ["华", "国", "王", "第二", "G00", "1390000", "无此人"] {
        for role in ["", "grid_worker", "building_head"] {
            for political in ["", "群众"] {
                for (sort, descending) in [
                    ("", false),
                    ("", true),
                    ("nameStrokes", false),
                    ("nameStrokes", true),
                ] {
                    let q = PersonQuery {
                        text: text.into(),
                        role: role.into(),
                        political_status: political.into(),
                        sort: sort.into(),
                        descending,
                        page_size: 7,
                        ..Default::default()
                    };
                    let all = matching_ids(c, &q).unwrap();
                    for n in 0..=(all.len() as u32 / 7 + 1) {
                        let q = PersonQuery {
                            page: n,
                            ..q.clone()
                        };
                        let offset = n as i64 * 7;
                        if search::walk_by_name(c, &q, 7, offset).unwrap().is_some() {
                            walked += 1;
                        }
                        let p = list(c, &q).unwrap();
                        let want: Vec<&String> = all.iter().skip(offset as usize).take(7).collect();
                        let got: Vec<&String> = p.rows.iter().map(|r| &r.id).collect();
                        assert_eq!(
                            got, want,
                            "{text} {role} {political} {sort} {descending} page {n}"
                        );
                        if !want.is_empty() {
                            assert_eq!(
                                p.total as usize,
                                all.len(),
                                "{text} {role} {political} page {n}"
                            );
                        }
                    }
                }
            }
        }
    }
    // The dense searches (华 in most names, everyone in 第二网格's grid …) walked, in
    // both name orders and both directions.
    assert!(walked >= 40, "walked {walked} times");
    // A name order turned round is the same list read backwards (people with the
    // same name included); another column turned round keeps names A to Z.
    for sort in ["", "nameStrokes"] {
        for text in ["", "华"] {
            let q = |descending| PersonQuery {
                text: text.into(),
                sort: sort.into(),
                descending,
                ..Default::default()
            };
            let mut up = matching_ids(c, &q(false)).unwrap();
            up.reverse();
            assert_eq!(matching_ids(c, &q(true)).unwrap(), up, "{sort} {text}");
        }
    }
}

/// A name typed with a space inside is the stored name (the sign-in sheet of a
/// training, a secondee's row, an 引育留用 row all check the name against the
/// registry by ID number): 张 伟 is 张伟, 张为 is not.
#[test]
fn a_name_with_a_space_inside_is_the_same_name() {
    assert!(same_name("张 伟", "张伟"));
    assert!(same_name(" 刘\u{3000}洋", "刘洋"));
    assert!(!same_name("张伟", "张为"));
    assert!(!same_name("Mary 李", "Mary李"));
}
