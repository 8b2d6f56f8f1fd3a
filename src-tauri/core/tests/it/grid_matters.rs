//! 网格事项参考清单 and 认领 (issue 15, item 2): checks naming the field, one claim per
//! village and item, the claim matrix, the load per base grid and grid worker as of a
//! day (list items plus outside matters through the hook), the `gridlist.*` report
//! keys with drill-down on a hand-built fixture and through a package to the county,
//! imports with bad rows named by column, re-import unchanged, and what deleting a
//! village or an item does while claims name it.

use gridledger_core::base::period::Period;
use gridledger_core::exchange::report;
use gridledger_core::gridmatters::{
    self, ClaimInput, GridMatterInput, Load, MatterCategory, OutsideMatter, NO_OUTSIDE_MATTERS,
};
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::{Error, Store, Tx};

use crate::support::{
    commit_file, ctx, day, grids_township, imports_again_unchanged, office, person, problem_places,
    refused_on, role, unit, Grids,
};

fn matter(tx: &Tx, category: &str, name: &str) -> String {
    gridmatters::create_grid_matter(
        tx,
        &GridMatterInput {
            category: category.into(),
            name: name.into(),
            requirement: "按要求开展".into(),
            frequency: "每月一次".into(),
            listed_on: "2024-06-01".into(),
            remark: String::new(),
        },
    )
    .unwrap()
    .id
}

fn claim(tx: &Tx, village: &str, matter: &str, on: &str) -> Result<String, Error> {
    gridmatters::create_claim(
        tx,
        &ClaimInput {
            village_id: village.into(),
            matter_id: matter.into(),
            claimed_on: on.into(),
            remark: String::new(),
        },
    )
    .map(|c| c.id)
}

/// The fixture: `grids_township` (青溪社区 with g1, g2 under 阳光花园; 桃园村 with g3;
/// workers 张伟 g1, 李娜 g2, 王芳 g3) plus 赵敏 on g2 and g3, a third village 梅岭村
/// with no grid, and three items:
///
/// ```text
/// 入户走访 (联系群众)   claimed by 青溪社区 on 2025-01-01
/// 政策宣传 (宣传政策)   claimed by 青溪社区 on 2025-06-01
/// 矛盾调解 (调解矛盾纠纷) claimed by 桃园村 on 2026-01-01
/// 梅岭村 claims nothing
/// ```
struct Fixture {
    s: Store,
    g: Grids,
    rural: String,
    meiling: String,
    visit: String,
    publicity: String,
    mediation: String,
}

fn fixture() -> Fixture {
    let mut s = Store::open_in_memory().unwrap();
    let g = grids_township(&mut s);
    let (rural, meiling, visit, publicity, mediation) = s
        .write(&ctx(), |tx| {
            let rural = gridledger_core::hierarchy::find_by_code(tx, "320115101002")?
                .unwrap()
                .id;
            let meiling = unit(tx, "village", None, "320115101003", "梅岭村");
            person(
                tx,
                4,
                "赵敏",
                vec![role("grid_worker", Some("part_time"), &[&g.g2, &g.g3])],
            );
            let visit = matter(tx, "联系群众", "入户走访");
            let publicity = matter(tx, "宣传政策", "政策宣传");
            let mediation = matter(tx, "调解矛盾纠纷", "矛盾调解");
            claim(tx, &g.village, &visit, "2025-01-01")?;
            claim(tx, &g.village, &publicity, "2025-06-01")?;
            claim(tx, &rural, &mediation, "2026-01-01")?;
            Ok((rural, meiling, visit, publicity, mediation))
        })
        .unwrap();
    Fixture {
        s,
        g,
        rural,
        meiling,
        visit,
        publicity,
        mediation,
    }
}

#[test]
fn each_field_is_checked_and_a_village_claims_an_item_once() {
    let mut f = fixture();
    let bad_matters: Vec<(GridMatterInput, &str, &str)> = vec![
        (
            GridMatterInput {
                category: "体育".into(),
                name: "x".into(),
                ..Default::default()
            },
            "category",
            "类别",
        ),
        (
            GridMatterInput {
                category: "其他".into(),
                name: " ".into(),
                ..Default::default()
            },
            "name",
            "事项名称",
        ),
        (
            GridMatterInput {
                category: "其他".into(),
                name: "入户走访".into(),
                ..Default::default()
            },
            "name",
            "入户走访",
        ),
        (
            GridMatterInput {
                category: "其他".into(),
                name: "y".into(),
                frequency: "频".repeat(41),
                ..Default::default()
            },
            "frequency",
            "频次",
        ),
    ];
    for (input, field, word) in bad_matters {
        let e =
            f.s.write(&ctx(), |tx| gridmatters::create_grid_matter(tx, &input))
                .unwrap_err();
        refused_on(&e, field, word);
    }
    // Other words for a category are accepted.
    let v =
        f.s.write(&ctx(), |tx| {
            gridmatters::create_grid_matter(
                tx,
                &GridMatterInput {
                    category: "巡防".into(),
                    name: "夜间巡防".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(v.category, MatterCategory::Patrol);
    assert_eq!(v.category_label, "巡防走访");

    let (village, g1, visit) = (f.g.village.clone(), f.g.g1.clone(), f.visit.clone());
    let bad_claims: Vec<(ClaimInput, &str, &str)> = vec![
        // Claimed already (2025-01-01).
        (
            ClaimInput {
                village_id: village.clone(),
                matter_id: visit.clone(),
                claimed_on: "2026-01-01".into(),
                ..Default::default()
            },
            "matterId",
            "2025-01-01",
        ),
        // A grid does not claim.
        (
            ClaimInput {
                village_id: g1,
                matter_id: visit.clone(),
                claimed_on: "2026-01-01".into(),
                ..Default::default()
            },
            "villageId",
            "不是村/社区",
        ),
        (
            ClaimInput {
                village_id: "no-such".into(),
                matter_id: visit.clone(),
                claimed_on: "2026-01-01".into(),
                ..Default::default()
            },
            "villageId",
            "村/社区",
        ),
        (
            ClaimInput {
                village_id: f.meiling.clone(),
                matter_id: "no-such".into(),
                claimed_on: "2026-01-01".into(),
                ..Default::default()
            },
            "matterId",
            "网格事项",
        ),
        (
            ClaimInput {
                village_id: f.meiling.clone(),
                matter_id: visit.clone(),
                claimed_on: "".into(),
                ..Default::default()
            },
            "claimedOn",
            "认领日期",
        ),
        (
            ClaimInput {
                village_id: f.meiling.clone(),
                matter_id: visit.clone(),
                claimed_on: "上个月".into(),
                ..Default::default()
            },
            "claimedOn",
            "认领日期",
        ),
    ];
    for (input, field, word) in bad_claims {
        let e =
            f.s.write(&ctx(), |tx| gridmatters::create_claim(tx, &input))
                .unwrap_err();
        refused_on(&e, field, word);
    }
    assert_eq!(gridmatters::claims(f.s.conn()).unwrap().len(), 3);

    // Updating a claim (its date) is not a second claim.
    let id = gridmatters::claims(f.s.conn()).unwrap()[0].id.clone();
    let c =
        f.s.write(&ctx(), |tx| {
            gridmatters::update_claim(
                tx,
                &id,
                &ClaimInput {
                    village_id: village.clone(),
                    matter_id: visit.clone(),
                    claimed_on: "2025-02-01".into(),
                    remark: "补登".into(),
                },
            )
        })
        .unwrap();
    assert_eq!(
        (c.claimed_on.as_str(), c.village_name.as_str()),
        ("2025-02-01", "青溪社区")
    );
}

#[test]
fn the_matrix_shows_who_claimed_what_and_who_claimed_nothing() {
    let f = fixture();
    let m = gridmatters::claim_matrix(f.s.conn(), ctx().today()).unwrap();
    // Items by category order: 联系群众, 宣传政策, 调解矛盾纠纷.
    let names: Vec<&str> = m.matters.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["入户走访", "政策宣传", "矛盾调解"]);
    assert_eq!(
        m.matters.iter().map(|x| x.villages).collect::<Vec<_>>(),
        [1, 1, 1]
    );
    let rows: Vec<(&str, usize)> = m
        .villages
        .iter()
        .map(|v| (v.name.as_str(), v.claimed))
        .collect();
    assert_eq!(rows, [("青溪社区", 2), ("桃园村", 1), ("梅岭村", 0)]);
    let qx = &m.villages[0];
    assert_eq!(qx.cells[0].as_ref().unwrap().claimed_on, "2025-01-01");
    assert!(qx.cells[2].is_none());
    assert_eq!(m.villages[1].id, f.rural);
    assert!(m.villages[1].cells[2].is_some());
    assert_eq!(m.unclaimed, ["梅岭村"]);
    assert!(m.claimed_ahead.is_empty());
}

/// A claim dated ahead is in the matrix, but its village is not yet a claimer: 首页
/// and 统计 count it from its day (the screen said 全部 3 个 while they said 2).
#[test]
fn a_claim_dated_ahead_leaves_its_village_unclaimed_until_its_day() {
    let mut f = fixture();
    let meiling = f.meiling.clone();
    let visit = f.visit.clone();
    f.s.write(&ctx(), |tx| claim(tx, &meiling, &visit, "2099-03-15"))
        .unwrap();
    let m = gridmatters::claim_matrix(f.s.conn(), ctx().today()).unwrap();
    assert_eq!(m.villages[2].claimed, 1, "shown in its cell");
    assert_eq!(m.unclaimed, ["梅岭村"]);
    assert_eq!(m.claimed_ahead, ["梅岭村（自 2099-03-15 起）"]);
    // The list counts it apart from the claims in force (it said 2 beside 首页's 1).
    let visit = gridmatters::grid_matters(f.s.conn(), ctx().today())
        .unwrap()
        .into_iter()
        .find(|m| m.name == "入户走访")
        .unwrap();
    assert_eq!((visit.claimed_by, visit.claimed_ahead), (1, 1));
    assert_eq!(m.matters[0].villages, 1);
    let later = gridmatters::claim_matrix(f.s.conn(), day(2099, 3, 15)).unwrap();
    assert!(later.unclaimed.is_empty() && later.claimed_ahead.is_empty());
}

fn grid_totals(l: &Load) -> Vec<(&str, usize, usize, usize)> {
    l.grids
        .iter()
        .map(|g| (g.grid_name.as_str(), g.listed, g.outside, g.total))
        .collect()
}

fn worker_totals(l: &Load) -> Vec<(&str, usize)> {
    l.workers
        .iter()
        .map(|w| (w.name.as_str(), w.total))
        .collect()
}

#[test]
fn load_per_grid_and_worker_counts_claimed_items_and_outside_matters_as_of_a_day() {
    let f = fixture();
    let conn = f.s.conn();
    // The list alone, before 桃园村's claim (2026-01-01) counts.
    let l = gridmatters::load(conn, day(2025, 12, 31), NO_OUTSIDE_MATTERS).unwrap();
    assert_eq!(l.as_of, "2025-12-31");
    assert_eq!(
        grid_totals(&l),
        [
            ("阳光花园第一网格", 2, 0, 2),
            ("阳光花园第二网格", 2, 0, 2),
            ("桃园网格", 0, 0, 0)
        ]
    );
    // Only the first claim as of 2025-03-01.
    let l = gridmatters::load(conn, day(2025, 3, 1), NO_OUTSIDE_MATTERS).unwrap();
    assert_eq!(l.grids[0].matters, ["入户走访"]);

    // Outside matters: one on g1 and the same one on its compound (so on g1 and g2,
    // counted once on g1), one on 桃园村 (its grid g3), one on the whole township.
    let extra = vec![
        OutsideMatter {
            unit_id: f.g.g1.clone(),
            name: "安全生产检查".into(),
        },
        OutsideMatter {
            unit_id: f.g.compound.clone(),
            name: "安全生产检查".into(),
        },
        OutsideMatter {
            unit_id: f.rural.clone(),
            name: "农房排查".into(),
        },
        OutsideMatter {
            unit_id: String::new(),
            name: "人口普查".into(),
        },
    ];
    let l = gridmatters::load_with(conn, day(2025, 12, 31), &extra).unwrap();
    assert_eq!(
        grid_totals(&l),
        [
            ("阳光花园第一网格", 2, 2, 4),
            ("阳光花园第二网格", 2, 2, 4),
            ("桃园网格", 0, 2, 2)
        ]
    );
    assert_eq!(
        l.grids[0].matters,
        ["入户走访", "政策宣传", "人口普查", "安全生产检查"]
    );
    assert_eq!(l.grids[0].workers, ["张伟"]);
    assert_eq!(l.grids[1].workers, ["李娜", "赵敏"]);
    // 赵敏 (g2 and g3) carries what both carry, each once: 入户走访, 政策宣传,
    // 安全生产检查, 人口普查, 农房排查.
    assert_eq!(
        worker_totals(&l),
        [("赵敏", 5), ("张伟", 4), ("李娜", 4), ("王芳", 2)]
    );

    // From 2026-01-01 桃园村's claim counts: g3 and its workers carry one more.
    let l = gridmatters::load_with(conn, day(2026, 6, 1), &extra).unwrap();
    assert_eq!(
        grid_totals(&l),
        [
            ("阳光花园第一网格", 2, 2, 4),
            ("阳光花园第二网格", 2, 2, 4),
            ("桃园网格", 1, 2, 3)
        ]
    );
    assert_eq!(
        worker_totals(&l),
        [("赵敏", 6), ("张伟", 4), ("李娜", 4), ("王芳", 3)]
    );

    // The hook: a finder of outside matters is called with the day asked for.
    fn finder(
        _: &gridledger_core::Connection,
        d: chrono::NaiveDate,
    ) -> gridledger_core::Result<Vec<OutsideMatter>> {
        Ok(
            if d >= chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() {
                vec![OutsideMatter {
                    unit_id: String::new(),
                    name: "人口普查".into(),
                }]
            } else {
                Vec::new()
            },
        )
    }
    let before = gridmatters::load(conn, day(2025, 12, 31), finder).unwrap();
    let after = gridmatters::load(conn, day(2026, 1, 1), finder).unwrap();
    assert_eq!(before.grids[2].total, 0);
    assert_eq!(
        grid_totals(&after),
        [
            ("阳光花园第一网格", 2, 1, 3),
            ("阳光花园第二网格", 2, 1, 3),
            ("桃园网格", 1, 1, 2)
        ]
    );
}

/// 首页's figures of the load (`load_summary`, no list of matters per worker) are
/// those of `load`'s worker list: how many, their sum, the first of the heaviest.
#[test]
fn the_load_summary_on_the_dashboard_is_the_worker_list_summed() {
    let f = fixture();
    let conn = f.s.conn();
    fn outside(
        _: &gridledger_core::Connection,
        _: chrono::NaiveDate,
    ) -> gridledger_core::Result<Vec<OutsideMatter>> {
        Ok(vec![
            OutsideMatter {
                unit_id: String::new(),
                name: "人口普查".into(),
            },
            OutsideMatter {
                unit_id: String::new(),
                name: "安全生产检查".into(),
            },
        ])
    }
    let finders: [gridmatters::FindOutsideMatters; 2] = [NO_OUTSIDE_MATTERS, outside];
    // The summary equals the list summed; the list, for what else the test asks of it.
    let agree = |conn: &gridledger_core::Connection, on, find| -> Load {
        let l = gridmatters::load(conn, on, find).unwrap();
        let s = gridmatters::load_summary(conn, on, find).unwrap().unwrap();
        assert_eq!(s.as_of, on.to_string());
        assert_eq!(s.workers, l.workers.len(), "{on}");
        assert_eq!(
            s.sum,
            l.workers.iter().map(|w| w.total).sum::<usize>(),
            "{on}"
        );
        assert_eq!(
            (s.heaviest.name.as_str(), s.heaviest.total),
            (l.workers[0].name.as_str(), l.workers[0].total),
            "{on}"
        );
        let tied = l.workers.iter().filter(|w| w.total == l.workers[0].total);
        assert_eq!(s.heaviest.tied, tied.count(), "{on}");
        l
    };
    let mut seen_multi_grid = false;
    for on in [day(2025, 3, 1), day(2025, 12, 31), day(2026, 6, 1)] {
        for find in finders {
            let l = agree(conn, on, find);
            seen_multi_grid |= l.workers.iter().any(|w| w.grids.len() > 1);
        }
    }
    // 赵敏 sits on two grids: her load is the union, not the sum.
    assert!(seen_multi_grid);
    // Ties go to the first name as the list sorts them (张伟 and 李娜 both carry 4).
    let l = gridmatters::load(conn, day(2025, 12, 31), NO_OUTSIDE_MATTERS).unwrap();
    assert_eq!(l.workers[0].total, l.workers[1].total);
    let s = gridmatters::load_summary(conn, day(2025, 12, 31), NO_OUTSIDE_MATTERS)
        .unwrap()
        .unwrap();
    assert!(s.heaviest.tied >= 2, "{s:?}");

    // Many workers on the lightest grid and one who has left on the heaviest: the
    // heaviest are then few among many (read by name through the unit index).
    let mut f = f;
    let g3 = f.g.g3.clone();
    let g1 = f.g.g1.clone();
    f.s.write(&ctx(), |tx| {
        for i in 0..240u32 {
            let input = gridledger_core::people::PersonInput {
                name: format!("桃园{i:03}"),
                id_number: crate::support::idn_born("19900101", i),
                phone: format!("1391234{i:04}"),
                roles: vec![role("grid_worker", Some("part_time"), &[&g3])],
                ..Default::default()
            };
            gridledger_core::people::create(tx, &input)?;
        }
        let gone = gridledger_core::people::PersonInput {
            name: "丁离岗".into(),
            id_number: crate::support::idn_born("19900102", 1),
            phone: "13912349999".into(),
            status: "left".into(),
            effective_date: "2025-06-01".into(),
            roles: vec![role("grid_worker", Some("part_time"), &[&g1])],
            ..Default::default()
        };
        gridledger_core::people::create(tx, &gone)?;
        Ok(())
    })
    .unwrap();
    let conn = f.s.conn();
    for on in [day(2025, 12, 31), day(2026, 6, 1)] {
        for find in finders {
            let l = agree(conn, on, find);
            assert!(l.workers.len() > 240);
            assert_ne!(l.workers[0].name, "丁离岗");
        }
    }
}

#[test]
fn report_keys_count_the_list_and_the_villages_that_claimed_and_drill_into_them() {
    let f = fixture();
    let conn = f.s.conn();
    let t = report::own_totals(conn, day(2025, 12, 31)).unwrap();
    assert_eq!(t["gridlist.items"], 3);
    assert_eq!(t["gridlist.villages_claimed"], 1);
    let t = report::own_totals(conn, day(2026, 1, 1)).unwrap();
    assert_eq!(t["gridlist.villages_claimed"], 2);
    let t = report::own_totals(conn, day(2024, 12, 31)).unwrap();
    assert_eq!(t["gridlist.villages_claimed"], 0);
    assert_eq!(t["gridlist.items"], 3);

    let d = report::drill(conn, "own", "gridlist.villages_claimed", day(2026, 1, 1)).unwrap();
    assert_eq!(d.count, 2);
    assert_eq!(d.label, "认领网格事项的村/社区");
    let qx = d.rows.iter().find(|r| r.name == "青溪社区").unwrap();
    assert_eq!(qx.kind, "claiming_village");
    assert_eq!(qx.detail, "认领 2 项：入户走访、政策宣传");
    let d = report::drill(conn, "own", "gridlist.items", day(2026, 1, 1)).unwrap();
    assert_eq!(d.count, 3);
    let m = d.rows.iter().find(|r| r.name == "矛盾调解").unwrap();
    assert_eq!((m.kind, m.code.as_str()), ("grid_matter", "调解矛盾纠纷"));
    assert_eq!(m.detail, "每月一次 · 1 个村/社区认领");
    let _ = (&f.publicity, &f.mediation);
}

/// An item added today leaves a reported period as it was (probe K: adding two
/// made the third quarter's 网格事项 14 instead of 12): it counts from its 列入日期,
/// or from the day it was entered when it has none.
#[test]
fn an_item_counts_from_its_listing_day_or_the_day_it_was_entered() {
    let mut f = fixture();
    let entered = crate::support::ctx_on(2026, 12, 7);
    f.s.write(&entered, |tx| {
        for (name, listed_on) in [("防汛值守", ""), ("人口信息采集", "2026-07-01")] {
            gridmatters::create_grid_matter(
                tx,
                &GridMatterInput {
                    category: "其他".into(),
                    name: name.into(),
                    listed_on: listed_on.into(),
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    let conn = f.s.conn();
    let items = |on: chrono::NaiveDate| {
        let p = Period::parse("period", &format!("2026-01-01..{on}")).unwrap();
        report::own_totals_in(conn, &p, day(2026, 12, 7)).unwrap()["gridlist.items"]
    };
    assert_eq!(items(day(2026, 6, 30)), 3, "the second quarter as reported");
    assert_eq!(items(day(2026, 9, 30)), 4, "listed on 07-01: in the third");
    assert_eq!(items(day(2026, 12, 6)), 4);
    assert_eq!(
        items(day(2026, 12, 7)),
        5,
        "entered on 12-07 with no 列入日期"
    );
    let q3 = Period::parse("period", "2026Q3").unwrap();
    let q3 = report::drill_in(conn, "own", "gridlist.items", Some(&q3), day(2026, 12, 7)).unwrap();
    assert!(q3.rows.iter().any(|r| r.name == "人口信息采集"));
    assert!(q3.rows.iter().all(|r| r.name != "防汛值守"));

    // A bad day is refused naming the field; the list shows the day given.
    let bad =
        f.s.write(&entered, |tx| {
            gridmatters::create_grid_matter(
                tx,
                &GridMatterInput {
                    category: "其他".into(),
                    name: "错日期".into(),
                    listed_on: "2026-13-01".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert!(
        matches!(
            bad,
            Error::Validation {
                field: "listedOn",
                ..
            }
        ),
        "{bad:?}"
    );
    let listed: Vec<_> = gridmatters::grid_matters(f.s.conn(), day(2026, 12, 7))
        .unwrap()
        .into_iter()
        .filter(|m| m.name == "人口信息采集")
        .map(|m| m.listed_on)
        .collect();
    assert_eq!(listed, [Some("2026-07-01".to_string())]);
}

#[test]
fn the_keys_travel_to_the_county_and_the_city_and_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    qx.store
        .write(&ctx(), |tx| {
            let a = unit(tx, "village", None, "320115101001", "青溪社区");
            let b = unit(tx, "village", None, "320115101002", "桃园村");
            unit(tx, "village", None, "320115101003", "梅岭村");
            let m1 = matter(tx, "联系群众", "入户走访");
            let m2 = matter(tx, "巡防走访", "夜间巡防");
            matter(tx, "其他", "文明创建");
            claim(tx, &a, &m1, "2025-01-01")?;
            claim(tx, &a, &m2, "2025-01-01")?;
            claim(tx, &b, &m2, "2025-05-01")?;
            // After the export day (2026-11-26): travels, not counted yet.
            claim(tx, &b, &m1, "2027-01-01")?;
            Ok(())
        })
        .unwrap();
    let own = report::report(qx.store.conn(), ctx().today()).unwrap().own;
    assert_eq!(own["gridlist.items"], 3);
    assert_eq!(own["gridlist.villages_claimed"], 2);

    let p = qx.export();
    assert_eq!(county.receive(&p).outcome, "accepted");
    let r = report::report(county.store.conn(), ctx().today()).unwrap();
    assert_eq!(r.total["gridlist.items"], 3);
    assert_eq!(r.total["gridlist.villages_claimed"], 2);
    assert_eq!(
        r.offices["320115101000"].totals["gridlist.villages_claimed"],
        2
    );
    let inner = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    assert_eq!(inner.grid_matters.len(), 3);
    assert_eq!(inner.grid_matter_claims.len(), 4);
    let d = report::drill(
        county.store.conn(),
        "all",
        "gridlist.villages_claimed",
        ctx().today(),
    )
    .unwrap();
    let mut names: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["桃园村", "青溪社区"]);
    assert!(d.rows.iter().all(|r| r.office_name == "青溪街道"));

    assert_eq!(city.receive(&county.export()).outcome, "accepted");
    let r = report::report(city.store.conn(), ctx().today()).unwrap();
    assert_eq!(r.total["gridlist.items"], 3);
    assert_eq!(r.total["gridlist.villages_claimed"], 2);
}

#[test]
fn imports_name_bad_rows_by_column_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_in_memory().unwrap();
    grids_township(&mut s);

    let items = dir.path().join("网格事项.csv");
    std::fs::write(
        &items,
        "事项名称,类别,工作要求,频次,备注\n\
         入户走访,联系群众,每户每年至少一次,每月一次,\n\
         政策宣传,宣传政策,,每季度一次,\n\
         矛盾调解,调解纠纷,,随时,\n\
         文体活动,体育,,,\n",
    )
    .unwrap();
    let k = Kind::parse("grid-matters").unwrap();
    assert_eq!(Kind::parse("网格事项").unwrap(), k);
    let p = k.preview(s.conn(), &items, day(2026, 12, 2)).unwrap();
    assert_eq!((p.total_rows, p.valid_rows, p.rejected_rows), (4, 3, 1));
    assert_eq!(p.problems[0].row, 5);
    assert_eq!(p.problems[0].column, "类别");
    assert!(p.problems[0].message.contains("体育"));
    let first = commit_file(&mut s, &k, &items);
    assert_eq!((first.created, first.rejected), (3, 1));
    imports_again_unchanged(&mut s, &k, &items, 3);

    let claims = dir.path().join("认领.csv");
    std::fs::write(
        &claims,
        "村/社区,事项名称,认领日期,备注\n\
         青溪社区,入户走访,2025-01-01,\n\
         320115101002,政策宣传,2025-02-01,按代码\n\
         桃园村,入户走访,2025-03-01,\n\
         东山村,入户走访,2025-01-01,\n\
         青溪社区,卫生检查,2025-01-01,\n\
         青溪社区,政策宣传,明天,\n",
    )
    .unwrap();
    let c = Kind::parse("grid-matter-claims").unwrap();
    let p = c.preview(s.conn(), &claims, day(2026, 12, 2)).unwrap();
    assert_eq!((p.total_rows, p.valid_rows, p.rejected_rows), (6, 3, 3));
    let cols = problem_places(&p);
    assert_eq!(cols, [(5, "村/社区"), (6, "事项名称"), (7, "认领日期")]);
    assert!(p.problems[0].message.contains("东山村"));
    assert!(p.problems[1].message.contains("卫生检查"));
    let first = commit_file(&mut s, &c, &claims);
    assert_eq!((first.created, first.rejected), (3, 3));
    imports_again_unchanged(&mut s, &c, &claims, 3);
    let m = gridmatters::claim_matrix(s.conn(), ctx().today()).unwrap();
    assert_eq!(m.villages.iter().map(|v| v.claimed).sum::<usize>(), 3);

    // Two differing rows of one village's claim are told so, naming both key columns
    // (政策宣传 stands for other villages in the same file).
    let twice = dir.path().join("认领两次.csv");
    std::fs::write(
        &twice,
        "村/社区,事项名称,认领日期,备注
         青溪社区,入户走访,2025-01-01,
         桃园村,入户走访,2025-03-01,
         青溪社区,入户走访,2025-01-02,
",
    )
    .unwrap();
    let p = c.preview(s.conn(), &twice, day(2026, 12, 2)).unwrap();
    assert!(
        p.problems[0]
            .message
            .starts_with("与第 4 行重复（同一事项名称和村/社区）"),
        "{:?}",
        p.problems
    );

    // Both exports import back unchanged.
    for (name, kind, n) in [("grid-matters", &k, 3), ("grid-matter-claims", &c, 3)] {
        let out = dir.path().join(format!("{name}.xlsx"));
        assert_eq!(
            kinds::export_xlsx(s.conn(), name, &out, day(2026, 12, 2)).unwrap(),
            n
        );
        let back = commit_file(&mut s, kind, &out);
        assert_eq!(
            (back.created, back.updated, back.unchanged),
            (0, 0, n),
            "{name}"
        );
    }
}

#[test]
fn a_village_or_item_with_claims_is_not_deleted_and_a_cancelled_claim_comes_back() {
    let mut f = fixture();
    let (meiling, visit, mediation) = (f.meiling.clone(), f.visit.clone(), f.mediation.clone());
    let c =
        f.s.write(&ctx(), |tx| claim(tx, &meiling, &visit, "2026-03-01"))
            .unwrap();
    // The village: refused, naming the claims.
    let e =
        f.s.write(&ctx(), |tx| kinds::delete_unit(tx, &meiling))
            .unwrap_err();
    assert!(e.to_string().contains("1 项网格事项认领"), "{e}");
    // The item: refused, naming the villages that claimed it.
    let e =
        f.s.write(&ctx(), |tx| gridmatters::delete_grid_matter(tx, &visit))
            .unwrap_err();
    assert!(e.to_string().contains("2 个村/社区认领"), "{e}");
    assert!(e.to_string().contains("梅岭村"), "{e}");

    // Cancelling the claim (取消认领) puts it in the recycle bin, named.
    let entry =
        f.s.write(&ctx(), |tx| gridmatters::delete_claim(tx, &c))
            .unwrap();
    let bin = kinds::recycle_bin(f.s.conn()).unwrap();
    let e = bin.iter().find(|e| e.id == entry.id).unwrap();
    assert_eq!(e.kind_label, "网格事项认领");
    assert_eq!(e.summary, "梅岭村认领网格事项“入户走访”（2026-03-01）");
    // Restored, unless the village has claimed the item again since.
    let again =
        f.s.write(&ctx(), |tx| claim(tx, &meiling, &visit, "2026-04-01"))
            .unwrap();
    let e =
        f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
            .unwrap_err();
    assert!(e.to_string().contains("2026-04-01"), "{e}");
    f.s.write(&ctx(), |tx| gridmatters::delete_claim(tx, &again))
        .unwrap();
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    let m = gridmatters::claim_matrix(f.s.conn(), ctx().today()).unwrap();
    assert!(m.unclaimed.is_empty());

    // With its claim cancelled, the village goes; its claim cannot come back then.
    let claim_entry =
        f.s.write(&ctx(), |tx| gridmatters::delete_claim(tx, &c))
            .unwrap();
    f.s.write(&ctx(), |tx| kinds::delete_unit(tx, &meiling))
        .unwrap();
    let e =
        f.s.write(&ctx(), |tx| kinds::restore(tx, &claim_entry.id))
            .unwrap_err();
    assert!(
        e.to_string().contains("已被删除。请先在回收站中恢复"),
        "{e}"
    );

    // An item nobody claimed is deleted and restored.
    let rural = f.rural.clone();
    let mc = gridmatters::claims(f.s.conn())
        .unwrap()
        .into_iter()
        .find(|x| x.village_id == rural)
        .unwrap();
    f.s.write(&ctx(), |tx| gridmatters::delete_claim(tx, &mc.id))
        .unwrap();
    let entry =
        f.s.write(&ctx(), |tx| gridmatters::delete_grid_matter(tx, &mediation))
            .unwrap();
    assert_eq!(
        gridmatters::grid_matters(f.s.conn(), ctx().today())
            .unwrap()
            .len(),
        2
    );
    f.s.write(&ctx(), |tx| kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(
        gridmatters::grid_matters(f.s.conn(), ctx().today())
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn the_demo_has_twelve_items_claimed_unevenly_and_one_village_claiming_none() {
    let mut s = Store::open_in_memory().unwrap();
    gridledger_core::demo::fill(&mut s, &ctx()).unwrap();
    let m = gridmatters::claim_matrix(s.conn(), ctx().today()).unwrap();
    assert_eq!(m.matters.len(), 12);
    let mut counts: Vec<usize> = m.villages.iter().map(|v| v.claimed).collect();
    counts.sort_unstable();
    counts.dedup();
    assert!(counts.len() >= 3, "uneven: {counts:?}");
    assert_eq!(m.unclaimed, ["石塘村"]);
    let l = gridmatters::load(s.conn(), ctx().today(), NO_OUTSIDE_MATTERS).unwrap();
    assert!(l.grids.first().unwrap().total > l.grids.last().unwrap().total);
    assert!(!l.workers.is_empty());
}
