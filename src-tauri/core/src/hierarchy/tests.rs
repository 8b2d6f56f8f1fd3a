use chrono::TimeZone;

use super::*;
use crate::store::{Ctx, Store};
use crate::{store::changelog, ErrorKind};

fn ctx() -> Ctx {
    Ctx::new(chrono::Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap())
}

fn township() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.write(&ctx(), |tx| {
        crate::store::office::setup(tx, "township", "320115101000", "青溪街道", false)
    })
    .unwrap();
    s
}

fn input(kind: UnitKind, parent: Option<&str>, code: &str, name: &str) -> UnitInput {
    UnitInput {
        kind: kind.as_str().into(),
        parent_id: parent.map(str::to_string),
        code: code.into(),
        name: name.into(),
        area_type: "urban".into(),
        households: Some(120),
        residents: Some(300),
        boundary: "东至青溪路".into(),
        note: String::new(),
        established_on: String::new(),
    }
}

fn mk(s: &mut Store, kind: UnitKind, parent: Option<&str>, code: &str, name: &str) -> Unit {
    s.write(&ctx(), |tx| create(tx, &input(kind, parent, code, name)))
        .unwrap()
}

/// village → compound → base grid → micro grid, returns their ids.
fn chain(s: &mut Store) -> [String; 4] {
    let v = mk(s, UnitKind::Village, None, "320115101001", "青溪社区");
    let c = mk(
        s,
        UnitKind::Compound,
        Some(&v.id),
        "320115101001XQ01",
        "阳光花园",
    );
    let g = mk(
        s,
        UnitKind::BaseGrid,
        Some(&c.id),
        "320115101001001",
        "阳光花园第一网格",
    );
    let m = mk(
        s,
        UnitKind::MicroGrid,
        Some(&g.id),
        "32011510100100101",
        "1-2栋",
    );
    [v.id, c.id, g.id, m.id]
}

#[test]
fn create_every_kind_and_read_back() {
    let mut s = township();
    let [v, c, g, m] = chain(&mut s);
    let all = list(s.conn()).unwrap();
    assert_eq!(all.len(), 4);
    let grid = get(s.conn(), &g).unwrap();
    assert_eq!(grid.parent_id.as_deref(), Some(c.as_str()));
    assert_eq!(grid.owner_code, "320115101000");
    assert_eq!((grid.households, grid.residents), (Some(120), Some(300)));
    assert_eq!(grid.boundary, "东至青溪路");
    assert_eq!(grid.created_at, "2026-11-26T08:00:00Z");
    assert_eq!(get(s.conn(), &m).unwrap().kind, UnitKind::MicroGrid);
    // Villages carry no boundary.
    let village = get(s.conn(), &v).unwrap();
    assert_eq!(village.boundary.as_str(), "");
    // Ids are UUIDv7.
    assert_eq!(uuid::Uuid::parse_str(&v).unwrap().get_version_num(), 7);
}

#[test]
fn base_grid_may_sit_directly_under_village() {
    let mut s = township();
    let v = mk(&mut s, UnitKind::Village, None, "320115101201", "杨柳村");
    mk(
        &mut s,
        UnitKind::BaseGrid,
        Some(&v.id),
        "320115101201001",
        "杨柳村第一网格",
    );
}

#[test]
fn parent_rules_are_enforced() {
    let mut s = township();
    let [v, c, g, m] = chain(&mut s);
    let cases: &[(UnitKind, Option<&str>)] = &[
        (UnitKind::Village, Some(&v)),
        (UnitKind::Compound, None),
        (UnitKind::Compound, Some(&c)),
        (UnitKind::Compound, Some(&g)),
        (UnitKind::BaseGrid, None),
        (UnitKind::BaseGrid, Some(&m)),
        (UnitKind::MicroGrid, Some(&c)),
        (UnitKind::MicroGrid, Some(&v)),
        (UnitKind::MicroGrid, None),
        (UnitKind::Compound, Some("no-such-id")),
    ];
    for (i, (kind, parent)) in cases.iter().enumerate() {
        let err = s
            .write(&ctx(), |tx| {
                create(tx, &input(*kind, *parent, &format!("X{i}"), "名"))
            })
            .unwrap_err();
        assert_eq!(
            err.field(),
            Some("parentId"),
            "{kind:?} under {parent:?}: {err}"
        );
    }
    assert_eq!(list(s.conn()).unwrap().len(), 4);
}

#[test]
fn bad_fields_are_refused_with_the_field_named() {
    let mut s = township();
    let [v, ..] = chain(&mut s);
    let base = input(UnitKind::Compound, Some(&v), "C1", "小区");
    let cases: Vec<(UnitInput, &str, &str)> = vec![
        (
            UnitInput {
                name: "  ".into(),
                ..base.clone()
            },
            "name",
            "请填写名称",
        ),
        (
            UnitInput {
                name: "名".repeat(51),
                ..base.clone()
            },
            "name",
            "最多50个字",
        ),
        (
            UnitInput {
                code: "".into(),
                ..base.clone()
            },
            "code",
            "请填写编码",
        ),
        (
            UnitInput {
                code: "A B".into(),
                ..base.clone()
            },
            "code",
            "“ ”",
        ),
        (
            UnitInput {
                code: "网格1".into(),
                ..base.clone()
            },
            "code",
            "“网”",
        ),
        (
            UnitInput {
                area_type: "space".into(),
                ..base.clone()
            },
            "areaType",
            "城镇",
        ),
        (
            UnitInput {
                households: Some(-1),
                ..base.clone()
            },
            "households",
            "负数",
        ),
        (
            UnitInput {
                residents: Some(99_999_999),
                ..base.clone()
            },
            "residents",
            "太大",
        ),
        (
            UnitInput {
                note: "字".repeat(501),
                ..base.clone()
            },
            "note",
            "最多500个字",
        ),
        (
            UnitInput {
                kind: "planet".into(),
                ..base.clone()
            },
            "kind",
            "无法识别",
        ),
        (
            input(UnitKind::Village, None, "32011510100", "短"),
            "code",
            "现在是11位。请按统计局公布的代码填写：本单位代码的前9位“320115101”再加3位，如 320115101001。",
        ),
        (
            input(UnitKind::Village, None, "32011510100A", "字母"),
            "code",
            "现在含有数字以外的字符",
        ),
        (
            input(UnitKind::Village, None, "320115102001", "别的乡镇"),
            "code",
            "320115101",
        ),
        (
            input(UnitKind::Village, None, "320115101000", "本身"),
            "code",
            "000",
        ),
    ];
    for (inp, field, want) in cases {
        let err = s.write(&ctx(), |tx| create(tx, &inp)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(
            err.to_string().contains(want),
            "{err} should contain {want}"
        );
    }
    assert_eq!(list(s.conn()).unwrap().len(), 4, "nothing written");
}

#[test]
fn duplicate_code_is_a_conflict_naming_the_holder() {
    let mut s = township();
    let [v, ..] = chain(&mut s);
    let err = s
        .write(&ctx(), |tx| {
            create(
                tx,
                &input(UnitKind::Compound, Some(&v), "320115101001XQ01", "重复"),
            )
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("阳光花园"), "{err}");
}

/// Two units of one parent do not share a name (two 第二网格 in one compound, a
/// second 青溪社区): refused when made, renamed or moved there; the same name under
/// another parent is fine.
#[test]
fn a_name_is_not_shared_under_one_parent() {
    let mut s = township();
    let [v, c, _, _] = chain(&mut s);
    let refused = |s: &mut Store, f: &dyn Fn(&Tx) -> Result<Unit>| {
        let e = s.write(&ctx(), |tx| f(tx)).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::Conflict, Some("name")),
            "{e}"
        );
        e.to_string()
    };
    let e = refused(&mut s, &|tx| {
        create(
            tx,
            &input(
                UnitKind::BaseGrid,
                Some(&c),
                "320115101001002",
                "阳光花园第一网格",
            ),
        )
    });
    assert!(
        e.contains(
            "小区“阳光花园”下已经有名为“阳光花园第一网格”的基础网格（编码 320115101001001）"
        ),
        "{e}"
    );
    let e = refused(&mut s, &|tx| {
        create(
            tx,
            &input(UnitKind::Village, None, "320115101002", "青溪社区"),
        )
    });
    assert!(e.contains("本乡镇（街道）下已经有名为“青溪社区”"), "{e}");
    // Renamed to a sibling's name; moved under a parent that has one of its name.
    let g2 = mk(
        &mut s,
        UnitKind::BaseGrid,
        Some(&c),
        "320115101001002",
        "第二网格",
    );
    refused(&mut s, &|tx| {
        update(
            tx,
            &g2.id,
            &input(
                UnitKind::BaseGrid,
                Some(&c),
                "320115101001002",
                "阳光花园第一网格",
            ),
        )
    });
    // (A grid of that name directly under 青溪社区 is refused already: a base grid's
    // name is its village's alone.)
    let e = refused(&mut s, &|tx| {
        create(
            tx,
            &input(UnitKind::BaseGrid, Some(&v), "320115101001003", "第二网格"),
        )
    });
    assert!(e.contains("同一村/社区的基础网格不能重名"), "{e}");
    let elsewhere = mk(&mut s, UnitKind::Village, None, "320115101003", "杨柳村");
    let g3 = mk(
        &mut s,
        UnitKind::BaseGrid,
        Some(&elsewhere.id),
        "320115101003001",
        "第二网格",
    );
    refused(&mut s, &|tx| move_to(tx, &g3.id, Some(&c)));
    // Restored after another took its name: said so, with what to do.
    let binned = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &g2.id))
        .unwrap();
    mk(
        &mut s,
        UnitKind::BaseGrid,
        Some(&c),
        "320115101001004",
        "第二网格",
    );
    let e = s
        .write(&ctx(), |tx| crate::kinds::restore(tx, &binned.id))
        .unwrap_err();
    assert!(
        e.to_string().contains(
            "不能恢复“第二网格”：小区“阳光花园”下已经有同名的基础网格（编码 320115101001004）"
        ),
        "{e}"
    );
    // Another parent may have one of the same name.
    let v2 = mk(&mut s, UnitKind::Village, None, "320115101002", "梧桐社区");
    mk(
        &mut s,
        UnitKind::BaseGrid,
        Some(&v2.id),
        "320115101002001",
        "第二网格",
    );
}

#[test]
fn create_requires_setup() {
    let mut s = Store::open_in_memory().unwrap();
    let err = s
        .write(&ctx(), |tx| {
            create(tx, &input(UnitKind::Village, None, "320115101001", "x"))
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotInitialized);
}

#[test]
fn update_changes_fields_and_logs_before_after() {
    let mut s = township();
    let [_, _, g, _] = chain(&mut s);
    let mut inp = input(
        UnitKind::BaseGrid,
        None,
        "320115101001001",
        "阳光花园一网格",
    );
    inp.households = None;
    inp.kind = "ignored".into();
    let after = s.write(&ctx(), |tx| update(tx, &g, &inp)).unwrap();
    assert_eq!(after.name, "阳光花园一网格");
    assert_eq!(after.households, None);
    assert_eq!(after.kind, UnitKind::BaseGrid);
    let hist = changelog::for_record(s.conn(), TABLE, &g).unwrap();
    assert_eq!(
        hist.iter().map(|r| r.op.as_str()).collect::<Vec<_>>(),
        ["create", "update"]
    );
    let last = hist.last().unwrap();
    assert_eq!(last.before.as_ref().unwrap()["name"], "阳光花园第一网格");
    assert_eq!(last.after.as_ref().unwrap()["name"], "阳光花园一网格");
    assert_eq!(last.operator, "本机");
    assert_eq!(last.at, "2026-11-26T08:00:00Z");
    // Saved again as it is: no second 修改.
    s.write(&ctx(), |tx| update(tx, &g, &inp)).unwrap();
    assert_eq!(changelog::for_record(s.conn(), TABLE, &g).unwrap().len(), 2);
}

#[test]
fn move_between_parents_and_refuse_bad_targets() {
    let mut s = township();
    let [v, c, g, m] = chain(&mut s);
    let c2 = mk(
        &mut s,
        UnitKind::Compound,
        Some(&v),
        "320115101001XQ02",
        "翠竹苑",
    );
    let moved = s.write(&ctx(), |tx| move_to(tx, &g, Some(&c2.id))).unwrap();
    assert_eq!(moved.parent_id.as_deref(), Some(c2.id.as_str()));
    // The micro grid came along.
    assert_eq!(
        get(s.conn(), &m).unwrap().parent_id.as_deref(),
        Some(g.as_str())
    );
    // A base grid may also move up to sit directly under its village.
    s.write(&ctx(), |tx| move_to(tx, &g, Some(&v))).unwrap();
    for (id, target) in [
        (&g, Some(m.as_str())),
        (&c, None),
        (&m, Some(c.as_str())),
        (&c, Some(c.as_str())),
    ] {
        let err = s.write(&ctx(), |tx| move_to(tx, id, target)).unwrap_err();
        assert_eq!(err.field(), Some("parentId"), "{err}");
    }
    let ops: Vec<String> = changelog::for_record(s.conn(), TABLE, &g)
        .unwrap()
        .into_iter()
        .map(|r| r.op)
        .collect();
    assert_eq!(ops, ["create", "move", "move"]);
}

#[test]
fn delete_with_children_is_refused_naming_them() {
    let mut s = township();
    let [v, c, g, _m] = chain(&mut s);
    mk(
        &mut s,
        UnitKind::Compound,
        Some(&v),
        "320115101001XQ02",
        "翠竹苑",
    );
    let err = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &v))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    let msg = err.to_string();
    assert!(
        msg.contains("社区“青溪社区”下还有 2 个小区（阳光花园、翠竹苑）"),
        "{msg}"
    );
    let err = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &g))
        .unwrap_err();
    assert!(err.to_string().contains("1 个微网格（1-2栋）"), "{err}");
    let err = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &c))
        .unwrap_err();
    assert!(err.to_string().contains("基础网格"), "{err}");
    assert_eq!(list(s.conn()).unwrap().len(), 5);
}

#[test]
fn delete_goes_to_recycle_bin_and_restores_whole() {
    let mut s = township();
    let [_, _, g, m] = chain(&mut s);
    let original = get(s.conn(), &m).unwrap();
    let entry = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &m))
        .unwrap();
    assert_eq!(entry.record_id, m);
    assert_eq!(entry.kind_label, "组织单位");
    assert!(entry.summary.contains("1-2栋"));
    assert!(find(s.conn(), &m).unwrap().is_none());
    assert_eq!(crate::kinds::recycle_bin(s.conn()).unwrap().len(), 1);
    s.write(&ctx(), |tx| crate::kinds::restore(tx, &entry.id))
        .unwrap();
    let back = get(s.conn(), &m).unwrap();
    assert_eq!(
        Unit {
            updated_at: original.updated_at.clone(),
            ..back.clone()
        },
        original
    );
    assert_eq!(back.parent_id.as_deref(), Some(g.as_str()));
    assert!(crate::kinds::recycle_bin(s.conn()).unwrap().is_empty());
    let ops: Vec<String> = changelog::for_record(s.conn(), TABLE, &m)
        .unwrap()
        .into_iter()
        .map(|r| r.op)
        .collect();
    assert_eq!(ops, ["create", "delete", "restore"]);
}

#[test]
fn restore_needs_parent_back_first() {
    let mut s = township();
    let [_, _, g, m] = chain(&mut s);
    let em = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &m))
        .unwrap();
    let eg = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &g))
        .unwrap();
    let err = s
        .write(&ctx(), |tx| crate::kinds::restore(tx, &em.id))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(
        err.to_string().contains("请先在回收站中恢复它的上级"),
        "{err}"
    );
    assert!(err.to_string().contains("阳光花园第一网格"), "{err}");
    s.write(&ctx(), |tx| crate::kinds::restore(tx, &eg.id))
        .unwrap();
    s.write(&ctx(), |tx| crate::kinds::restore(tx, &em.id))
        .unwrap();
    assert_eq!(list(s.conn()).unwrap().len(), 4);
}

#[test]
fn restore_refuses_a_code_taken_meanwhile() {
    let mut s = township();
    let [v, ..] = chain(&mut s);
    let c2 = mk(&mut s, UnitKind::Compound, Some(&v), "CODE9", "临时");
    let e = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &c2.id))
        .unwrap();
    mk(&mut s, UnitKind::Compound, Some(&v), "CODE9", "新的");
    let err = s
        .write(&ctx(), |tx| crate::kinds::restore(tx, &e.id))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    // Said for the bin: the unit that took the code is the one to change.
    assert!(
        err.to_string()
            .ends_with("已被小区“新的”使用。请先把那个单位改用别的编码，再恢复。"),
        "{err}"
    );
    assert_eq!(
        crate::kinds::recycle_bin(s.conn()).unwrap().len(),
        1,
        "entry stays in the bin"
    );
}

#[test]
fn suggested_codes_follow_the_scheme_and_skip_taken() {
    let mut s = township();
    let c = s.conn();
    assert_eq!(
        suggest_code(c, "village", None, None).unwrap(),
        "320115101001"
    );
    let [v, comp, g, _] = chain(&mut s);
    let c = s.conn();
    assert_eq!(
        suggest_code(c, "village", None, None).unwrap(),
        "320115101002"
    );
    assert_eq!(
        suggest_code(c, "compound", Some(&v), None).unwrap(),
        "320115101001XQ02"
    );
    // Grids continue the village's sequence even when created under a compound.
    assert_eq!(
        suggest_code(c, "base_grid", Some(&comp), None).unwrap(),
        "320115101001002"
    );
    assert_eq!(
        suggest_code(c, "base_grid", Some(&v), None).unwrap(),
        "320115101001002"
    );
    assert_eq!(
        suggest_code(c, "micro_grid", Some(&g), None).unwrap(),
        "32011510100100102"
    );
    assert_eq!(
        suggest_code(c, "micro_grid", Some(&v), None)
            .unwrap_err()
            .field(),
        Some("parentId")
    );
    // A 村 is numbered from 200, as the import numbers one (a 村 at 002 took a
    // community's number); a 社区 goes on from 001.
    assert_eq!(
        suggest_code(c, "village", None, Some("rural")).unwrap(),
        "320115101200"
    );
    assert_eq!(
        suggest_code(c, "village", None, Some("urban")).unwrap(),
        "320115101002"
    );
    assert_eq!(
        suggest_code(c, "village", None, Some("乱写"))
            .unwrap_err()
            .field(),
        Some("areaType")
    );
    // A unit in the recycle bin keeps its code: not offered again (a new grid took a
    // binned grid's code, and 恢复 was then refused).
    let g2 = mk(
        &mut s,
        UnitKind::BaseGrid,
        Some(&v),
        "320115101001002",
        "阳光花园第二网格",
    );
    s.write(&ctx(), |tx| crate::kinds::delete_unit(tx, &g2.id))
        .unwrap();
    assert_eq!(
        suggest_code(s.conn(), "base_grid", Some(&v), None).unwrap(),
        "320115101001003"
    );
}

#[test]
fn every_write_leaves_exactly_one_log_row() {
    let mut s = township();
    let count = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
            .unwrap()
    };
    let start = count(&s); // the setup row
    assert_eq!(start, 1);
    let [v, ..] = chain(&mut s);
    assert_eq!(count(&s), 5);
    let c2 = mk(&mut s, UnitKind::Compound, Some(&v), "C2", "二");
    s.write(&ctx(), |tx| {
        update(tx, &c2.id, &input(UnitKind::Compound, None, "C2", "二号"))
    })
    .unwrap();
    let e = s
        .write(&ctx(), |tx| crate::kinds::delete_unit(tx, &c2.id))
        .unwrap();
    s.write(&ctx(), |tx| crate::kinds::restore(tx, &e.id))
        .unwrap();
    assert_eq!(count(&s), 9);
    // A refused write adds nothing.
    let _ = s.write(&ctx(), |tx| crate::kinds::delete_unit(tx, &v));
    assert_eq!(count(&s), 9);
}
