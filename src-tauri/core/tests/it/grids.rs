//! 多格合一 (business grids mapped and merged onto base grids) and grid coverage,
//! on the small township `support::grids_township` builds (not the demo).

use gridledger_core::hierarchy::business_grids::{self, BusinessGridInput};
use gridledger_core::people::{self, PersonInput, PersonQuery};
use gridledger_core::{hierarchy, people::coverage, ErrorKind, Store};

use crate::support::{ctx, grids_township, Grids};

fn fixture() -> (Store, Grids) {
    let mut s = Store::open_in_memory().unwrap();
    let g = grids_township(&mut s);
    (s, g)
}

#[test]
fn business_grids_map_merge_and_show_per_base_grid() {
    let (mut s, grids) = fixture();
    let (g1, g2) = (grids.g1.clone(), grids.g2.clone());
    let zz = s
        .write(&ctx(), |tx| {
            business_grids::create(
                tx,
                &BusinessGridInput {
                    department: "综治".into(),
                    name: "青溪综治一网格".into(),
                    note: String::new(),
                },
            )
        })
        .unwrap();
    let err = s
        .write(&ctx(), |tx| {
            business_grids::create(
                tx,
                &BusinessGridInput {
                    department: "综治".into(),
                    name: " 青溪综治一网格 ".into(),
                    note: String::new(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    s.write(&ctx(), |tx| {
        business_grids::set_mapping(tx, &zz.id, &g1, "2026-03-01")
    })
    .unwrap();
    let after = s
        .write(&ctx(), |tx| {
            business_grids::set_mapping(tx, &zz.id, &g2, "")
        })
        .unwrap();
    assert!(!after.merged, "one mapping still not merged");
    let after = s
        .write(&ctx(), |tx| {
            business_grids::set_mapping(tx, &zz.id, &g2, "2026-06-01")
        })
        .unwrap();
    assert!(after.merged);
    assert_eq!(after.mappings.len(), 2);
    for (date, want) in [("2026-13-01", "不是有效的日期"), ("2027-01-01", "晚于今天")] {
        let err = s
            .write(&ctx(), |tx| {
                business_grids::set_mapping(tx, &zz.id, &g1, date)
            })
            .unwrap_err();
        assert!(err.to_string().contains(want), "{err}");
    }
    let micro = grids.micro.clone();
    let err = s
        .write(&ctx(), |tx| {
            business_grids::set_mapping(tx, &zz.id, &micro, "")
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("baseGridId"));

    let per_grid = business_grids::by_base_grid(s.conn()).unwrap();
    let first = per_grid.iter().find(|g| g.base_grid_id == g1).unwrap();
    // The fixture already merged 青溪社区's comprehensive-governance grid here.
    let names: Vec<(&str, Option<&str>)> = first
        .absorbed
        .iter()
        .map(|a| (a.name.as_str(), a.merged_on.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("青溪社区综治网格", Some("2025-06-01")),
            ("青溪综治一网格", Some("2026-03-01"))
        ]
    );
    assert!(
        per_grid.iter().any(|g| g.absorbed.is_empty()),
        "some grids absorbed nothing yet"
    );

    // A base grid with a mapping cannot be deleted (after its micro-grids and people
    // would go, the mapping still holds it).
    let err = s
        .write(&ctx(), |tx| gridledger_core::kinds::delete_unit(tx, &g1))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("2 个业务网格的对应关系（综治 · 青溪社区综治网格、综治 · 青溪综治一网格）"),
        "{err}"
    );
    // Deleting the business grid keeps its mappings in the recycle bin.
    let e = s
        .write(&ctx(), |tx| business_grids::delete(tx, &zz.id))
        .unwrap();
    assert_eq!(e.kind_label, "业务网格");
    assert!(!business_grids::list(s.conn())
        .unwrap()
        .iter()
        .any(|g| g.id == zz.id));
    s.write(&ctx(), |tx| gridledger_core::kinds::restore(tx, &e.id))
        .unwrap();
    assert_eq!(
        business_grids::get(s.conn(), &zz.id)
            .unwrap()
            .mappings
            .len(),
        2
    );
}

#[test]
fn coverage_lists_staff_and_grids_with_nobody() {
    let (mut s, grids) = fixture();
    let cov = coverage::grid_coverage(s.conn()).unwrap();
    let ids: Vec<&str> = cov.base_grids.iter().map(|g| g.unit_id.as_str()).collect();
    assert_eq!(ids.len(), 3);
    for g in [&grids.g1, &grids.g2, &grids.g3] {
        assert!(ids.contains(&g.as_str()));
    }
    assert!(
        cov.base_grids.iter().all(|g| !g.staff.is_empty()),
        "the fixture staffs every base grid"
    );
    assert_eq!(cov.micro_grids.len(), 1);
    let compound = hierarchy::get(s.conn(), &grids.compound).unwrap();
    assert_eq!(compound.parent_id.as_deref(), Some(grids.village.as_str()));
    let first = cov
        .base_grids
        .iter()
        .find(|g| g.name == "阳光花园第一网格")
        .unwrap();
    assert_eq!(first.path, "青溪社区 › 阳光花园 › 阳光花园第一网格");
    assert!(first.staff[0].role.starts_with("网格员"));
    assert!(first.staff[0].phone_masked.contains("****"));
    // The whole number only for one marked 公示 (the 公示牌 prints it).
    for x in cov.base_grids.iter().flat_map(|g| &g.staff) {
        assert_eq!(
            x.public_phone.as_deref().map(|p| p.contains('*')),
            x.published.then_some(false),
            "{x:?}"
        );
    }
    let empty_micro = cov
        .micro_grids
        .iter()
        .filter(|g| g.staff.is_empty())
        .count();
    assert_eq!(cov.uncovered.len(), empty_micro);

    // The grid worker leaves: the grid shows up as uncovered.
    let worker = people::list(
        s.conn(),
        &PersonQuery {
            role: "grid_worker".into(),
            unit_id: first.unit_id.clone(),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .remove(0);
    let p = people::get(s.conn(), &worker.id).unwrap();
    let input = PersonInput {
        name: p.name.clone(),
        id_number: p.id_number.clone(),
        phone: p.phone.clone(),
        political_status: p.political_status.clone(),
        education: p.education.clone(),
        status: "离岗".into(),
        roles: p
            .roles
            .iter()
            .map(|r| people::RoleInput {
                role: r.role.as_str().into(),
                employment: r.employment.map(|e| e.as_str().into()),
                unit_ids: r.unit_ids.clone(),
            })
            .collect(),
        ..Default::default()
    };
    s.write(&ctx(), |tx| people::update(tx, &p.id, &input))
        .unwrap();
    let cov = coverage::grid_coverage(s.conn()).unwrap();
    assert!(cov.uncovered.iter().any(|g| g.unit_id == first.unit_id));
}

#[test]
fn removing_a_mapping_that_is_not_there_changes_and_logs_nothing() {
    let (mut s, grids) = fixture();
    let g = business_grids::list(s.conn())
        .unwrap()
        .into_iter()
        .find(|g| g.mappings.is_empty())
        .unwrap();
    assert_eq!(g.name, "桃园村综治网格");
    let grid = grids.g1.clone();
    let logged = crate::support::change_log_rows;
    let before = logged(&s);
    let after = s
        .write(&ctx(), |tx| {
            business_grids::remove_mapping(tx, &g.id, &grid)
        })
        .unwrap();
    assert_eq!(after, g);
    assert_eq!(logged(&s), before);
}

/// 多格合一 from Excel (probe W: each mapping picked one at a time, hundreds of picks;
/// probe X: the ledger had no sheet): a row per business grid with its base grids
/// (several in a cell, or a row each) and their 纳入日期; a bad row named by its
/// column; the same file again changes nothing, and the export imports back.
#[test]
fn business_grids_go_in_from_a_department_list_and_out_as_a_ledger() {
    use gridledger_core::kinds::ImportKind as Kind;
    let (mut s, _) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("城管网格.csv");
    std::fs::write(
        &path,
        "所属部门,业务网格名称,所属村/社区,对应基础网格,纳入日期,备注\n\
         城管,青溪城管一片,青溪社区,阳光花园第一网格、阳光花园第二网格,2026-03-01,\n\
         城管,桃园城管片,,桃园网格,,尚未纳入\n\
         城管,错片,,不存在的网格,,\n\
         城管,无格片,,,2026-03-01,\n\
         城管,未来片,,桃园网格,2099-01-01,\n",
    )
    .unwrap();
    let k = Kind::parse("business-grids").unwrap();
    assert_eq!(Kind::parse("多格合一").unwrap(), k);
    let p = k
        .preview(s.conn(), &path, crate::support::day(2026, 11, 26))
        .unwrap();
    let refused: Vec<(usize, &str)> = p
        .problems
        .iter()
        .map(|x| (x.row, x.column.as_str()))
        .collect();
    assert_eq!(
        refused,
        [(4, "对应基础网格"), (5, "对应基础网格"), (6, "纳入日期")],
        "{:?}",
        p.problems
    );
    assert_eq!(p.to_create, 2);
    let r = crate::support::commit_file(&mut s, &k, &path);
    assert_eq!((r.created, r.rejected), (2, 3));
    let all = business_grids::list(s.conn()).unwrap();
    let qx = all.iter().find(|g| g.name == "青溪城管一片").unwrap();
    assert_eq!(qx.mappings.len(), 2);
    assert!(qx.merged, "both merged on 2026-03-01");
    let ty = all.iter().find(|g| g.name == "桃园城管片").unwrap();
    assert_eq!(
        (ty.mappings.len(), ty.merged, ty.note.as_str()),
        (1, false, "尚未纳入")
    );
    crate::support::imports_again_unchanged(&mut s, &k, &path, 2);

    // A later list merges 桃园网格: said, then done; the note kept (no 备注 column).
    let later = dir.path().join("纳入.csv");
    std::fs::write(
        &later,
        "所属部门,业务网格名称,对应基础网格,纳入日期\n城管,桃园城管片,桃园网格,2026-11-20\n",
    )
    .unwrap();
    let p = k
        .preview(s.conn(), &later, crate::support::day(2026, 11, 26))
        .unwrap();
    assert_eq!(
        p.notes,
        ["第 2 行：会修改已有业务网格“桃园城管片”的纳入日期（桃园网格 空 → 2026-11-20）。"],
        "{:?}",
        p.notes
    );
    let r = crate::support::commit_file(&mut s, &k, &later);
    assert_eq!(r.updated, 1);
    let ty = business_grids::list(s.conn())
        .unwrap()
        .into_iter()
        .find(|g| g.name == "桃园城管片")
        .unwrap();
    assert!(ty.merged);
    assert_eq!(ty.note, "尚未纳入");

    // The ledger: a row a mapping (the fixture's two 综治 grids too), imported back
    // unchanged.
    crate::support::export_imports_back(
        &mut s,
        &k,
        "business-grids",
        dir.path(),
        crate::support::day(2026, 11, 26),
        5,
    );
}
