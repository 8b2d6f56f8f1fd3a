//! Figures by aggregate queries equal the records they stand for: for every report
//! key, `report::own_totals` (no person loaded) equals the number of
//! `report::members` of the loaded records, which drill-down lists; the dashboard's
//! coverage equals the record-by-record count; `people::all` equals `get` of each.

use gridledger_core::exchange::report::{self, Records, KEYS};
use gridledger_core::people::{self, PersonInput, RoleInput};
use gridledger_core::{demo, exchange::dashboard, store::office, Connection, Store};

use crate::support::{ctx, idn, unit};

fn agree(conn: &Connection) {
    let today = ctx().today();
    let records = Records::own(conn).unwrap();
    let own = report::own_totals(conn, today).unwrap();
    for (key, _) in KEYS {
        assert_eq!(own[*key], report::count(key, &records, today), "{key}");
    }
    assert_eq!(own, report::totals(&records, today));
    assert_eq!(report::report(conn, today).unwrap().own, own);
    assert_eq!(
        format!(
            "{:?}",
            dashboard::own_coverage_by_village(conn, &today.to_string()).unwrap()
        ),
        format!(
            "{:?}",
            dashboard::coverage_by_village(&records, &today.to_string())
        )
    );
    let one_by_one: Vec<_> = records
        .people
        .iter()
        .map(|p| people::get(conn, &p.id).unwrap())
        .collect();
    // `all` adds the dated 离岗/复岗 that reports and packages read; `get` (a record
    // for editing) does not.
    let without_changes: Vec<_> = records
        .people
        .iter()
        .cloned()
        .map(|mut p| {
            p.status_changes.clear();
            p.past_states.clear();
            p
        })
        .collect();
    assert_eq!(without_changes, one_by_one);
}

#[test]
fn demo_aggregates_equal_members() {
    let mut s = Store::open_in_memory().unwrap();
    demo::fill(&mut s, &ctx()).unwrap();
    agree(s.conn());
    assert!(report::own_totals(s.conn(), ctx().today()).unwrap()["people.grid_workers"] > 0);
}

#[test]
fn hand_built_aggregates_equal_members() {
    let mut s = Store::open_in_memory().unwrap();
    s.write(&ctx(), |tx| {
        office::setup(tx, "township", "320115101000", "青溪街道", false)?;
        let v1 = unit(tx, "village", None, "320115101001", "青溪社区");
        let v2 = unit(tx, "village", None, "320115101002", "桃园村");
        let c1 = unit(tx, "compound", Some(&v1), "C01", "阳光花园");
        let g1 = unit(tx, "base_grid", Some(&c1), "G001", "第一网格");
        let g2 = unit(tx, "base_grid", Some(&c1), "G002", "第二网格");
        let g3 = unit(tx, "base_grid", Some(&v2), "G003", "桃园网格");
        let _empty = unit(tx, "base_grid", Some(&v2), "G004", "空网格");
        let m1 = unit(tx, "micro_grid", Some(&g1), "M01", "1-2栋");
        let role = |role: &str, emp: Option<&str>, units: &[&String]| RoleInput {
            role: role.into(),
            employment: emp.map(str::to_string),
            unit_ids: units.iter().map(|u| u.to_string()).collect(),
        };
        let people: Vec<(&str, &str, bool, Vec<RoleInput>)> = vec![
            // Full-time, two grids in one village: counted once there.
            (
                "张伟",
                "",
                false,
                vec![role("grid_worker", Some("full_time"), &[&g1, &g2])],
            ),
            // Part-time, published, also a community worker.
            (
                "李娜",
                "",
                true,
                vec![
                    role("grid_worker", Some("part_time"), &[&g3]),
                    role("community_worker", None, &[&v2]),
                ],
            ),
            // Left: counted nowhere.
            (
                "王强",
                "离岗",
                true,
                vec![role("grid_worker", Some("full_time"), &[&g3])],
            ),
            // Building head and information officer: one person, counted once.
            (
                "赵敏",
                "",
                true,
                vec![
                    role("building_head", None, &[&m1]),
                    role("info_officer", None, &[&c1]),
                ],
            ),
            (
                "孙丽",
                "",
                false,
                vec![role("community_worker", None, &[&v1])],
            ),
        ];
        for (i, (name, status, published, roles)) in people.into_iter().enumerate() {
            people::create(
                tx,
                &PersonInput {
                    name: name.into(),
                    id_number: idn(11 + 2 * i as u32),
                    phone: format!("1381234567{i}"),
                    status: status.into(),
                    published,
                    roles,
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    agree(s.conn());
    let t = report::own_totals(s.conn(), ctx().today()).unwrap();
    let want = [
        ("people.grid_workers", 2),
        ("people.grid_workers_fulltime", 1),
        ("people.building_heads_info_officers", 1),
        ("people.community_workers", 2),
        ("people.published", 2),
        ("grids.base", 4),
        ("grids.micro", 1),
        ("compounds.total", 1),
    ];
    for (k, n) in want {
        assert_eq!(t[k], n, "{k}");
    }
    let cov = dashboard::own_coverage_by_village(s.conn(), &ctx().today().to_string()).unwrap();
    let cov: Vec<_> = cov
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.base_grids,
                v.staffed_base_grids,
                v.grid_workers,
            )
        })
        .collect();
    assert_eq!(cov, [("青溪社区", 2, 2, 1), ("桃园村", 2, 1, 1)]);
}
