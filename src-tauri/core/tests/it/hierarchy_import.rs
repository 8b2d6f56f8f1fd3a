//! The hierarchy (村/社区, 小区, 基础网格, 微网格) in and out of Excel: the `units`
//! kind and one kind per level, on the one import machinery.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use gridledger_core::hierarchy::{self, UnitKind};
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::sheets::import::{Preview, Summary};
use gridledger_core::{store::changelog, Store};

use crate::support::{ctx, township_on_disk};

struct World {
    store: Store,
    dir: tempfile::TempDir,
}

fn world() -> World {
    let (store, dir) = township_on_disk(|_| {});
    World { store, dir }
}

impl World {
    fn csv(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    fn preview(&self, kind: &str, p: &Path) -> Preview {
        Kind::parse(kind)
            .unwrap()
            .preview(self.store.conn(), p, ctx().today())
            .unwrap()
    }
    fn commit(&mut self, kind: &str, p: &Path) -> Summary {
        Kind::parse(kind)
            .unwrap()
            .commit(
                &mut self.store,
                &ctx(),
                p,
                &AtomicBool::new(false),
                &mut |_, _| {},
            )
            .unwrap()
    }
    fn unit(&self, code: &str) -> hierarchy::Unit {
        hierarchy::find_by_code(self.store.conn(), code)
            .unwrap()
            .unwrap_or_else(|| panic!("no unit {code}"))
    }
    fn parent_code(&self, code: &str) -> Option<String> {
        self.unit(code)
            .parent_id
            .map(|p| hierarchy::get(self.store.conn(), &p).unwrap().code)
    }
    fn count(&self) -> usize {
        hierarchy::list(self.store.conn()).unwrap().len()
    }
}

/// One sheet building two villages, parents named by code and by name, some codes
/// left for the import to fill in.
const UNITS: &str = "\
层级,所属村/社区,上级单位,编码,名称,类型,户数,人口数,边界描述,备注
社区,,,320115101001,青溪社区,城镇,3000,8000,,
村,,,,杨柳村,农村,,,,
小区,青溪社区,,320115101001XQ01,阳光花园,,1200,3000,,
小区,青溪社区,,,翠竹苑,,,,,
自然村/组,杨柳村,,,东组,,,,,
基础网格,青溪社区,阳光花园,320115101001001,阳光花园第一网格,,600,1500,东至青溪路,
基础网格,青溪社区,翠竹苑,,翠竹苑网格,,,,,
基础网格,杨柳村,,,杨柳村一网格,,,,,
微网格,,320115101001001,32011510100100101,1-2栋,,80,200,1-2栋,
微网格,青溪社区,阳光花园第一网格,,3栋,,,,,
";

#[test]
fn one_sheet_builds_the_tree_parents_from_earlier_rows_and_suggested_codes() {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    let p = w.preview("units", &f);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!((p.total_rows, p.to_create, p.to_update), (10, 10, 0));
    // A problem's row is named by the kind's name column, under its header.
    assert_eq!(p.name_header, "名称");
    // Every filled-in code is named in the preview and the summary.
    assert_eq!(p.notes.len(), 6, "{:?}", p.notes);
    assert!(p
        .notes
        .iter()
        .any(|n| n.contains("第 3 行") && n.contains("杨柳村") && n.contains("320115101200")));
    let s = w.commit("units", &f);
    assert_eq!(
        (s.created, s.updated, s.unchanged, s.rejected),
        (10, 0, 0, 0)
    );
    assert!(s.text().contains("320115101001XQ02"), "{}", s.text());

    // The codes follow the app's rules and the parents are the rows above.
    // A 村 is numbered from 200, as 统计用区划代码 number 村委会 (居委会 001–199).
    assert_eq!(w.unit("320115101200").name, "杨柳村");
    assert_eq!(w.unit("320115101200").area_type, hierarchy::AreaType::Rural);
    assert_eq!(w.unit("320115101001XQ02").name, "翠竹苑");
    assert_eq!(w.unit("320115101200XQ01").name, "东组");
    assert_eq!(
        w.unit("320115101200XQ01").area_type,
        hierarchy::AreaType::Rural
    );
    assert_eq!(
        w.parent_code("320115101001001").as_deref(),
        Some("320115101001XQ01")
    );
    assert_eq!(w.unit("320115101001002").name, "翠竹苑网格");
    assert_eq!(
        w.parent_code("320115101001002").as_deref(),
        Some("320115101001XQ02")
    );
    assert_eq!(
        w.parent_code("320115101200001").as_deref(),
        Some("320115101200")
    );
    assert_eq!(w.unit("32011510100100102").name, "3栋");
    let g = w.unit("320115101001001");
    assert_eq!(
        (g.households, g.residents, g.boundary.as_str()),
        (Some(600), Some(1500), "东至青溪路")
    );
    assert_eq!(w.unit("320115101001").households, Some(3000));
    // Written through hierarchy::create: each unit has its change-log entry.
    let log = changelog::list(w.store.conn(), 100, 0).unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.table_name == "units" && e.op == "create")
            .count(),
        10
    );

    // The same file again changes nothing (codes left empty find the same units).
    let s = w.commit("units", &f);
    assert_eq!((s.created, s.updated, s.unchanged), (0, 0, 10));
    assert_eq!(w.count(), 10);

    // A changed figure updates the unit, by code.
    let f2 = w.csv("units2.csv", &UNITS.replace("600,1500", "650,1500"));
    let p = w.preview("units", &f2);
    assert_eq!((p.to_update, p.unchanged), (10, 9));
    let s = w.commit("units", &f2);
    assert_eq!((s.created, s.updated, s.unchanged), (0, 1, 9));
    assert_eq!(w.unit("320115101001001").households, Some(650));
}

#[test]
fn export_then_reimport_changes_nothing_for_every_hierarchy_kind() {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    for (kind, n) in [
        ("units", 10),
        ("villages", 2),
        ("compounds", 3),
        ("grids", 3),
        ("micro-grids", 2),
    ] {
        let out = w.dir.path().join(format!("{kind}.xlsx"));
        let rows =
            gridledger_core::kinds::export_xlsx(w.store.conn(), kind, &out, ctx().today()).unwrap();
        assert_eq!(rows, n, "{kind}");
        let p = w.preview(kind, &out);
        assert!(p.problems.is_empty(), "{kind}: {:?}", p.problems);
        assert_eq!(
            (p.to_update, p.unchanged),
            (n, n),
            "{kind}: told before the import"
        );
        let s = w.commit(kind, &out);
        assert_eq!((s.created, s.updated, s.unchanged), (0, 0, n), "{kind}");
    }
    // The sheets name a unit's village and parent as the clerk reads them (probe X:
    // the 小区 and 基础网格 sheets showed codes).
    let rows = crate::support::sheet_rows(&w.dir.path().join("grids.xlsx"));
    let grid = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "阳光花园第一网格"))
        .unwrap();
    assert!(grid.iter().any(|c| c == "青溪社区"), "{grid:?}");
    assert!(grid.iter().any(|c| c == "阳光花园"), "{grid:?}");
    // The export of one township imports into another store as the same tree.
    let out = w.dir.path().join("all.xlsx");
    gridledger_core::kinds::export_xlsx(w.store.conn(), "units", &out, ctx().today()).unwrap();
    let mut other = world();
    let s = other.commit("units", &out);
    assert_eq!((s.created, s.rejected), (10, 0));
    for u in hierarchy::list(w.store.conn()).unwrap() {
        let v = other.unit(&u.code);
        assert_eq!(
            (v.kind, v.name, v.households, v.boundary),
            (u.kind, u.name.clone(), u.households, u.boundary.clone())
        );
        assert_eq!(other.parent_code(&u.code), w.parent_code(&u.code));
    }
}

/// A blank cell of a stored unit's 户数, 人口数, 边界描述 or 备注 clears it, as in every
/// list, and the check says so first (it cleared a grid's 边界描述 unsaid).
#[test]
fn a_blank_cell_that_clears_a_unit_is_said_before_the_import() {
    let mut w = world();
    let v = w.csv(
        "v.csv",
        "编码,名称,类型,户数,人口数\n320115101001,青溪社区,城镇,10,20\n",
    );
    assert_eq!(w.commit("villages", &v).created, 1);
    let blank = w.csv(
        "blank.csv",
        "编码,名称,类型,户数,人口数\n320115101001,青溪社区,城镇,,20\n",
    );
    let p = w.preview("villages", &blank);
    assert_eq!(p.to_update, 1, "{:?}", p.problems);
    assert_eq!(
        p.notes,
        ["第 2 行：会清空已有社区“青溪社区”的户数（10）：文件里这些格子是空的。不想清空的，请填上后再导入。"]
    );
    // A column left out keeps what it holds, and says nothing.
    let fewer = w.csv(
        "fewer.csv",
        "编码,名称,类型,人口数\n320115101001,青溪社区,城镇,20\n",
    );
    assert!(w.preview("villages", &fewer).notes.is_empty());
    let g = w.csv(
        "g.csv",
        "所属村/社区,编码,名称,户数,边界描述\n青溪社区,320115101001001,一网格,5,东至青溪路\n",
    );
    assert_eq!(w.commit("grids", &g).created, 1);
    let g = w.csv(
        "g2.csv",
        "所属村/社区,编码,名称,户数,边界描述\n青溪社区,320115101001001,一网格,5,\n",
    );
    assert_eq!(
        w.preview("grids", &g).notes,
        ["第 2 行：会清空已有基础网格“一网格”的边界描述（东至青溪路）：文件里这些格子是空的。不想清空的，请填上后再导入。"]
    );
}

#[test]
fn each_level_kind_imports_from_its_own_sheet() {
    let mut w = world();
    let v = w.csv(
        "v.csv",
        "编码,名称,类型,户数,人口数\n320115101001,青溪社区,城镇,10,20\n,杨柳村,村,,\n",
    );
    assert_eq!(w.commit("villages", &v).created, 2);
    let c = w.csv(
        "c.csv",
        "所属村/社区,编码,名称\n青溪社区,,阳光花园\n320115101200,,东组\n",
    );
    assert_eq!(w.commit("compounds", &c).created, 2);
    assert_eq!(w.unit("320115101200XQ01").name, "东组");
    let g = w.csv(
        "g.csv",
        "所属村/社区,所属小区,编码,名称,户数\n青溪社区,阳光花园,,一网格,5\n杨柳村,,,杨柳一网格,\n",
    );
    let s = w.commit("grids", &g);
    assert_eq!(s.created, 2, "{}", s.text());
    assert_eq!(
        w.parent_code("320115101001001").as_deref(),
        Some("320115101001XQ01")
    );
    assert_eq!(
        w.parent_code("320115101200001").as_deref(),
        Some("320115101200")
    );
    let m = w.csv(
        "m.csv",
        "所属村/社区,所属基础网格,编码,名称\n青溪社区,一网格,,1栋\n,320115101200001,32011510120000105,5栋\n",
    );
    let s = w.commit("micro-grids", &m);
    assert_eq!(s.created, 2, "{}", s.text());
    assert_eq!(w.unit("32011510100100101").name, "1栋");
    assert_eq!(w.unit("32011510120000105").kind, UnitKind::MicroGrid);
}

fn problems_of(p: &Preview, row: usize) -> String {
    p.problems
        .iter()
        .filter(|x| x.row == row)
        .map(|x| format!("{}：{}", x.column, x.message))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn every_bad_row_is_reported_in_the_preview_and_nothing_of_it_written() {
    let mut w = world();
    let base = w.csv(
        "base.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         社区,,,320115101001,青溪社区,城镇\n\
         社区,,,320115101002,梧桐社区,城镇\n\
         小区,青溪社区,,320115101001XQ01,阳光花园,\n\
         小区,梧桐社区,,320115101002XQ01,阳光花园,\n\
         基础网格,青溪社区,阳光花园,320115101001001,一网格,\n\
         微网格,,320115101001001,32011510100100101,1栋,\n",
    );
    assert_eq!(w.commit("units", &base).created, 6);
    let bad = w.csv(
        "bad.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         基础网格,,不存在的小区,,二网格,\n\
         基础网格,,阳光花园,,二网格,\n\
         小区,青溪社区,,320115101001XQ05,新小区,\n\
         小区,青溪社区,,320115101001XQ05,又一个小区,\n\
         小区,青溪社区,,320115101001,撞码小区,\n\
         基础网格,梧桐社区,,320115101001009,错前缀网格,\n\
         基础网格,青溪社区,32011510100100101,,网格下微网格,\n\
         小区,青溪社区,乙小区,320115101001XQ07,甲小区,\n\
         小区,青溪社区,甲小区,320115101001XQ08,乙小区,\n\
         ,,,,,\n\
         小区,,,320115101001XQ09,没有社区,\n\
         微网格,,320115101001XQ01,,放错层级,\n\
         村,,,3201151010,短码村,农村\n\
         小区,青溪社区,,320115101001XQ01,阳光花园,\n\
         层,,,,名称,\n\
         基础网格,青溪社区,320115101001005,320115101001005,自己的上级,\n",
    );
    let p = w.preview("units", &bad);
    // Unknown parent; parent by name ambiguous (two 阳光花园 in two communities).
    assert!(
        problems_of(&p, 2).contains("没有编码或名称为“不存在的小区”"),
        "{}",
        problems_of(&p, 2)
    );
    // Inside a 村/社区 the parent looked for is what lies below one, not a 村/社区.
    let inside = w.csv(
        "inside.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n基础网格,青溪社区,不存在的小区,,三网格,\n",
    );
    let said = problems_of(&w.preview("units", &inside), 2);
    assert!(
        said.contains("里没有编码或名称为“不存在的小区”的小区") && !said.contains("或村/社区"),
        "{said}"
    );
    // Inside a 村 the same parent is a 自然村/组, as the 村 names it.
    let rural = w.csv(
        "rural.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         村/社区,,,320115101005,石塘村,农村\n\
         基础网格,石塘村,不存在的组,,石塘网格,\n",
    );
    let said = problems_of(&w.preview("units", &rural), 3);
    assert!(
        said.contains("里没有编码或名称为“不存在的组”的自然村/组") && !said.contains("小区"),
        "{said}"
    );
    assert!(
        problems_of(&p, 3).contains("有 2 个"),
        "{}",
        problems_of(&p, 3)
    );
    // Duplicate code in the file; a code a different stored unit holds.
    assert!(problems_of(&p, 4).is_empty(), "{}", problems_of(&p, 4));
    assert!(
        problems_of(&p, 5).contains("与第 4 行的编码相同"),
        "{}",
        problems_of(&p, 5)
    );
    assert!(
        problems_of(&p, 6).contains("已被社区“青溪社区”"),
        "{}",
        problems_of(&p, 6)
    );
    // Wrong code prefix: a grid of 梧桐社区 coded under 青溪社区.
    assert!(
        problems_of(&p, 7).contains("应以“320115101002”开头"),
        "{}",
        problems_of(&p, 7)
    );
    // A grid under a micro-grid.
    assert!(
        problems_of(&p, 8).contains("微网格“1栋”（32011510100100101）不能作上级"),
        "{}",
        problems_of(&p, 8)
    );
    // A cycle: each names the other as parent; neither is accepted.
    assert!(
        problems_of(&p, 9).contains("第 10 行"),
        "{}",
        problems_of(&p, 9)
    );
    assert!(
        problems_of(&p, 10).contains("第 9 行没有通过检查"),
        "{}",
        problems_of(&p, 10)
    );
    // The empty row is skipped, not an error.
    assert!(problems_of(&p, 11).is_empty());
    assert_eq!(p.empty_rows, 1);
    assert!(
        problems_of(&p, 12).contains("请填写所属村/社区"),
        "{}",
        problems_of(&p, 12)
    );
    // Wrong level: a micro-grid under a compound.
    assert!(
        problems_of(&p, 13).contains("微网格只能建在基础网格之下"),
        "{}",
        problems_of(&p, 13)
    );
    assert!(
        problems_of(&p, 14).contains("12位"),
        "{}",
        problems_of(&p, 14)
    );
    // A stored unit again: fine (unchanged).
    assert!(problems_of(&p, 15).is_empty(), "{}", problems_of(&p, 15));
    assert!(
        problems_of(&p, 16).contains("层级“层”无法识别"),
        "{}",
        problems_of(&p, 16)
    );
    // A row naming itself as its parent.
    assert!(
        problems_of(&p, 17).contains("不能是自己的上级"),
        "{}",
        problems_of(&p, 17)
    );
    assert_eq!((p.valid_rows, p.rejected_rows), (2, 13), "{:?}", p.problems);

    let before = w.count();
    let s = w.commit("units", &bad);
    assert_eq!((s.created, s.unchanged, s.rejected), (1, 1, 13));
    assert_eq!(w.count(), before + 1);
    assert!(hierarchy::find_by_code(w.store.conn(), "320115101001009")
        .unwrap()
        .is_none());

    // The error workbook holds the 13 rows with their reasons.
    let out = w.dir.path().join("errors.xlsx");
    let n = Kind::parse("units")
        .unwrap()
        .write_error_workbook(w.store.conn(), &bad, &out, ctx().today())
        .unwrap();
    assert_eq!(n, 13);
}

#[test]
fn a_moved_parent_is_refused_not_silently_moved_and_gbk_files_read() {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    // 320115101001001 sits under 阳光花园; a row putting it under 翠竹苑 is refused.
    let text = "所属村/社区,所属小区,编码,名称\n青溪社区,翠竹苑,320115101001001,阳光花园第一网格\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let p = w.dir.path().join("gbk.csv");
    std::fs::write(&p, gbk).unwrap();
    let pv = w.preview("grids", &p);
    assert!(
        problems_of(&pv, 2).contains("要调整上级，请在“组织架构”中移动它（可勾选几个单位"),
        "{:?}",
        pv.problems
    );
    assert_eq!(
        w.parent_code("320115101001001").as_deref(),
        Some("320115101001XQ01")
    );
}

/// What a row would lose or what would read wrong later is refused in the import
/// check, by row and column: a unit name with a list separator (阳光花园1、2栋 read
/// back as two grids in the people list), a count too large (the import itself
/// stopped at it, naming no row), a boundary on a 村/社区 or 小区, a 类型 on a row
/// below a 村/社区 other than its village's.
#[test]
fn what_a_unit_row_would_lose_is_refused_by_row_and_column() {
    let mut w = world();
    let base = w.csv(
        "base.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         社区,,,320115101001,青溪社区,城镇\n\
         小区,青溪社区,,320115101001XQ01,阳光花园,\n",
    );
    assert_eq!(w.commit("units", &base).created, 2);
    let bad = w.csv(
        "bad.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型,户数,边界描述\n\
         小区,青溪社区,,320115101001XQ02,翠竹苑1、2栋,,,\n\
         小区,青溪社区,,320115101001XQ03,翠竹苑,,99999999999,\n\
         社区,,,320115101001,青溪社区,城镇,,东至青溪路\n\
         小区,青溪社区,,320115101001XQ01,阳光花园,农村,,\n\
         小区,青溪社区,,320115101001XQ04,望江名邸,城镇,12,\n",
    );
    let p = w.preview("units", &bad);
    assert_eq!((p.valid_rows, p.rejected_rows), (1, 4), "{:?}", p.problems);
    assert!(
        problems_of(&p, 2).starts_with("名称："),
        "{}",
        problems_of(&p, 2)
    );
    assert!(
        problems_of(&p, 2).contains("1-2栋"),
        "{}",
        problems_of(&p, 2)
    );
    assert!(
        problems_of(&p, 3).starts_with("户数："),
        "{}",
        problems_of(&p, 3)
    );
    assert!(
        problems_of(&p, 3).contains("太大"),
        "{}",
        problems_of(&p, 3)
    );
    assert!(
        problems_of(&p, 4).starts_with("边界描述："),
        "{}",
        problems_of(&p, 4)
    );
    assert!(
        problems_of(&p, 5).starts_with("类型："),
        "{}",
        problems_of(&p, 5)
    );
    assert!(
        problems_of(&p, 5).contains("城镇"),
        "{}",
        problems_of(&p, 5)
    );
    let sum = w.commit("units", &bad);
    assert_eq!((sum.created, sum.rejected), (1, 4));
    // On screen too: a name with a separator is refused.
    let e = w
        .store
        .write(&ctx(), |tx| {
            hierarchy::create(
                tx,
                &hierarchy::UnitInput {
                    kind: "village".into(),
                    code: "320115101002".into(),
                    name: "东村，西村".into(),
                    area_type: "rural".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("name"), "{e}");
    // A name stored before the rule stays: the unit saves and imports back.
    w.store
        .conn()
        .execute(
            "UPDATE units SET name = '阳光花园1、2栋' WHERE code = '320115101001XQ01'",
            [],
        )
        .unwrap();
    let u = w.unit("320115101001XQ01");
    w.store
        .write(&ctx(), |tx| {
            hierarchy::update(
                tx,
                &u.id,
                &hierarchy::UnitInput {
                    kind: "compound".into(),
                    code: u.code.clone(),
                    name: u.name.clone(),
                    area_type: "urban".into(),
                    households: Some(12),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let again = w.csv(
        "again.csv",
        "层级,所属村/社区,上级单位,编码,名称\n小区,青溪社区,,320115101001XQ01,阳光花园1、2栋\n",
    );
    let p = w.preview("units", &again);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

/// Two units of one parent may not share a name (the forms refuse it): a row with
/// its own code whose name a sibling has, stored or in an earlier row, is refused
/// in the preview, naming the other; the commit then writes the good rows (the
/// whole file had failed at the first such row, after a preview with no problem).
#[test]
fn a_coded_row_of_a_siblings_name_is_refused_in_the_preview() {
    let mut w = world();
    let first = w.csv("a.csv", "编码,名称,类型\n320115101001,青溪社区,城镇\n");
    assert_eq!(w.commit("villages", &first).created, 1);
    let p = w.csv(
        "b.csv",
        "编码,名称,类型\n320115101003,青溪社区,城镇\n320115101004,新社区,城镇\n320115101005,新社区,城镇\n",
    );
    let pv = w.preview("villages", &p);
    assert_eq!(
        crate::support::problem_places(&pv),
        [(2, "名称"), (4, "名称")],
        "{:?}",
        pv.problems
    );
    assert!(
        pv.problems[0]
            .message
            .contains("同一上级下已经有社区“青溪社区”（320115101001）"),
        "{}",
        pv.problems[0].message
    );
    let done = w.commit("villages", &p);
    assert_eq!((done.created, done.rejected), (1, 2));
    // A name an earlier row frees by renaming its unit may be taken by a later one,
    // as two saves in the form would.
    let freed = w.csv(
        "c.csv",
        "编码,名称,类型\n320115101004,更新社区,城镇\n320115101006,新社区,城镇\n",
    );
    let pv = w.preview("villages", &freed);
    assert!(pv.problems.is_empty(), "{:?}", pv.problems);
}

/// A county enters no village of a township that reports to it (expected, or whose
/// package it holds): counted from that township's package, it was counted twice.
/// Refused in the form and in the import preview; a code of no reporting township is
/// the county's own. The refusal's example has 12 digits at a county too.
#[test]
fn a_county_does_not_enter_a_reporting_townships_villages() {
    use gridledger_core::exchange::senders;
    let dir = tempfile::tempdir().unwrap();
    let mut county = crate::support::office(dir.path(), "county", "320115000000", "江宁区", false);
    county
        .store
        .write(&ctx(), |tx| {
            senders::set_expected(tx, "320115101000", "东山街道")
        })
        .unwrap();
    let village = |code: &str| hierarchy::UnitInput {
        kind: "village".into(),
        code: code.into(),
        name: "青溪社区".into(),
        area_type: "urban".into(),
        ..Default::default()
    };
    let e = county
        .store
        .write(&ctx(), |tx| hierarchy::create(tx, &village("320115101001")))
        .unwrap_err();
    assert_eq!(e.field(), Some("code"));
    assert!(
        e.to_string()
            .contains("属于下级单位“东山街道”（320115101000）"),
        "{e}"
    );
    let e = county
        .store
        .write(&ctx(), |tx| {
            hierarchy::create(tx, &village("320115101001001"))
        })
        .unwrap_err();
    // The example is a code the county may enter, not one inside 东山街道.
    assert!(e.to_string().contains("再加6位，如 320115000001。"), "{e}");
    let path = dir.path().join("村.csv");
    std::fs::write(&path, "编码,名称,类型\n320115101002,梧桐社区,城镇\n").unwrap();
    let pv = Kind::parse("villages")
        .unwrap()
        .preview(county.store.conn(), &path, ctx().today())
        .unwrap();
    assert_eq!(
        crate::support::problem_places(&pv),
        [(2, "编码")],
        "{:?}",
        pv.problems
    );
    county
        .store
        .write(&ctx(), |tx| hierarchy::create(tx, &village("320115199001")))
        .unwrap();
    // Entered before the township it belongs to came on the list: 数据检查 says so.
    let warned = |s: &Store| {
        hierarchy::check::run(s.conn())
            .unwrap()
            .findings
            .iter()
            .any(|f| {
                f.message
                    .contains("属于下级单位“汤山街道”（320115199000）的范围")
            })
    };
    assert!(!warned(&county.store));
    county
        .store
        .write(&ctx(), |tx| {
            senders::set_expected(tx, "320115199000", "汤山街道")
        })
        .unwrap();
    assert!(warned(&county.store));
}

/// A name written in full-width digits or with half-width brackets is the same name
/// (a clerk's IME writes either): a second file naming 阳光花园(一期) and 第1网格
/// adds nothing beside 阳光花园（一期） and 第１网格 (it added both again, and the
/// figures counted them twice), a people row naming either finds the grid, the form
/// refuses it as a sibling's name, and a name typed full-width is stored half-width.
#[test]
fn a_name_written_in_another_width_is_the_same_name() {
    let mut w = world();
    let first = w.csv(
        "first.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         社区,,,320115101001,青溪社区,城镇\n\
         小区,青溪社区,,320115101001XQ01,阳光花园（一期）,\n\
         基础网格,青溪社区,阳光花园（一期）,320115101001001,阳光花园第１网格,\n",
    );
    let s = w.commit("units", &first);
    assert_eq!(s.created, 3, "{}", s.text());
    assert_eq!(w.unit("320115101001001").name, "阳光花园第1网格");
    // The same two named the other way, with no codes: found, nothing added.
    let second = w.csv(
        "second.csv",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         小区,青溪社区,,,阳光花园(一期),城镇\n\
         基础网格,青溪社区,阳光花园(一期),,阳光花园第１网格,\n",
    );
    let p = w.preview("units", &second);
    assert_eq!(p.to_create, 0, "{p:?}");
    let before = w.count();
    w.commit("units", &second);
    assert_eq!(w.count(), before);
    // A people row finds the grid by either writing.
    let people = w.csv(
        "people.csv",
        &format!(
            "姓名,身份证号码,手机号码,身份,专职/兼职,所在网格\n\
             王芳,{},13912345678,网格员,专职,阳光花园第１网格\n",
            crate::support::idn(1)
        ),
    );
    let p = w.preview("people", &people);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    // The form refuses a sibling of the same name written another way.
    let compound = w.unit("320115101001XQ01");
    let err = w
        .store
        .write(&ctx(), |tx| {
            hierarchy::create(
                tx,
                &hierarchy::UnitInput::new(
                    "base_grid",
                    Some(&compound.id),
                    "320115101001002",
                    "阳光花园第1网格",
                    "urban",
                ),
            )
        })
        .unwrap_err();
    assert!(err.to_string().contains("不能重名"), "{err}");
    // Found by its other writing, the stored name stays as it was.
    assert_eq!(compound.name, "阳光花园（一期）");
}

/// The one-sheet tree reads 所属小区 as the parent: a 网格划分 sheet given a 层级
/// column put its grids straight under the village, 所属小区 ignored.
#[test]
fn the_tree_sheet_reads_a_compound_column_as_the_parent() {
    let mut w = world();
    let f = w.csv(
        "tree.csv",
        "层级,所属社区,所属小区,编码,网格名称,类型\n\
         社区,,,320115101001,青溪社区,城镇\n\
         小区,青溪社区,,320115101001XQ01,阳光花园,\n\
         基础网格,青溪社区,阳光花园,320115101001001,阳光花园第三网格,\n",
    );
    let p = w.preview("units", &f);
    assert!(p.ignored_columns.is_empty(), "{:?}", p.ignored_columns);
    w.commit("units", &f);
    assert_eq!(
        w.parent_code("320115101001001").as_deref(),
        Some("320115101001XQ01")
    );
}

/// A 合计 row and the sign-off under a hand-made list are said and passed over, not
/// refused as bad rows; and with them the file is still told when it leaves a stored
/// unit out (a renamed one: a bad row switched that warning off).
#[test]
fn a_total_row_and_the_sign_off_are_passed_over() {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    let renamed = UNITS.replace(",3栋,", ",3号楼,");
    let g = w.csv(
        "again.csv",
        &format!("{renamed}合计,,,,,,=SUM(G2:G11),4500,,\n制表人：王芳,,,,审核人：李明,,日期：2024年3月,,,\n"),
    );
    let p = w.preview("units", &g);
    assert_eq!(p.rejected_rows, 0, "{:?}", p.problems);
    assert!(
        p.notes.iter().any(|n| n.contains("第 12 行：这是合计行")),
        "{:?}",
        p.notes
    );
    assert!(
        p.notes.iter().any(|n| n.contains("第 13 行：这是落款")),
        "{:?}",
        p.notes
    );
    // As offices write them (probe Y): a 合计 merged over the first columns (its text
    // in each), with a full-width space; a village's 小计; 联系电话 in the sign-off;
    // a 注 under the table.
    let more = w.csv(
        "more.csv",
        &format!(
            "{renamed}合　计,合　计,合　计,,,,4500,9000,,\n\
             青溪社区小计,,,,,,3000,8000,,\n\
             填表人：王芳,,,,联系电话：025-84101234,,,,,\n\
             注：户数以2024年普查为准,,,,,,,,,\n"
        ),
    );
    let p2 = w.preview("units", &more);
    assert_eq!(p2.rejected_rows, 0, "{:?}", p2.problems);
    for (row, what) in [
        (12, "合计行"),
        (13, "合计行"),
        (14, "落款"),
        (15, "表下的说明"),
    ] {
        assert!(
            p2.notes
                .iter()
                .any(|n| n.contains(&format!("第 {row} 行：这是{what}"))),
            "{row}: {:?}",
            p2.notes
        );
    }
    // A count said in words under a text column (probe AG: 合计 | … | 共30件 was
    // refused as a record).
    let said = w.csv(
        "said.csv",
        &format!("{renamed}合计,5 个单位,共 30 件,,,,4500 户,,,\n"),
    );
    let p3 = w.preview("units", &said);
    assert_eq!(p3.rejected_rows, 0, "{:?}", p3.problems);
    assert!(
        p3.notes.iter().any(|n| n.contains("第 12 行：这是合计行")),
        "{:?}",
        p3.notes
    );
    // Said by their notes, not counted again as blank rows.
    assert_eq!(p.empty_rows, 0);
    assert!(
        p.notes.iter().any(|n| n.contains("3栋")),
        "the stored unit the file leaves out is named: {:?}",
        p.notes
    );
    // A row that cannot be read no longer silences it: said, with that row's hedge.
    let bad = w.csv(
        "bad.csv",
        &format!("{renamed}微网格,,没有这个网格,,坏行,,,,,\n"),
    );
    let p = w.preview("units", &bad);
    assert_eq!(p.rejected_rows, 1, "{:?}", p.problems);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("3栋") && n.contains("另有 1 行有错误")),
        "{:?}",
        p.notes
    );
}

/// A file without 类型 says it by 层级 (社区, 村) or by the name (…社区, …村): every
/// village row was refused, and every grid under it.
#[test]
fn a_villages_type_is_read_from_its_level_or_name() {
    let mut w = world();
    let f = w.csv(
        "no-type.csv",
        "层级,所属村/社区,编码,名称\n\
         社区,,320115101001,青溪\n\
         村,,320115101002,杨柳\n\
         村/社区,,320115101003,石塘村\n\
         村/社区,,320115101004,东方红\n\
         基础网格,石塘村,320115101003001,石塘村一网格\n\
         村/社区,,320115101005,金桥新村\n",
    );
    // Neither 东方红 nor 金桥新村 (a town's 新村 as often as a village) is guessed.
    let p = w.preview("units", &f);
    assert_eq!(
        crate::support::problem_places(&p),
        [(5, "类型"), (7, "类型")]
    );
    w.commit("units", &f);
    use hierarchy::AreaType::{Rural, Urban};
    assert_eq!(w.unit("320115101001").area_type, Urban);
    assert_eq!(w.unit("320115101002").area_type, Rural);
    assert_eq!(w.unit("320115101003").area_type, Rural);
    assert_eq!(w.unit("320115101003001").area_type, Rural);
}

/// A base grid's name is its village's alone (probe G: a row naming the wrong 小区
/// made a second 菊花苑第一网格 in one 社区, and the roster's own export stopped
/// importing): refused by the form, a move, a restore and the import, naming where
/// the other one is; a grid of another village may share it.
#[test]
fn a_base_grid_name_is_its_villages_alone() {
    use gridledger_core::hierarchy::UnitInput;
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    let cuizhu = w.unit("320115101001XQ02").id;
    let e = w
        .store
        .write(&ctx(), |tx| {
            hierarchy::create(
                tx,
                &UnitInput::new(
                    "base_grid",
                    Some(&cuizhu),
                    "320115101001091",
                    "阳光花园第一网格",
                    "urban",
                ),
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("name"));
    assert_eq!(
        e.to_string(),
        "社区“青溪社区”已经有名为“阳光花园第一网格”的基础网格（小区“阳光花园”的编码 320115101001001）。同一村/社区的基础网格不能重名，否则导入人员时分不清，请换一个名称。"
    );
    // The import says it on the row, and how to make it the same grid.
    let g = w.csv(
        "grids.csv",
        "所属村/社区,所属小区,编码,名称\n青溪社区,翠竹苑,,阳光花园第一网格\n杨柳村,,,阳光花园第一网格\n",
    );
    let p = w.preview("grids", &g);
    crate::support::the_problem(&p, "名称", "同一村/社区的基础网格不能重名");
    assert!(
        p.problems[0]
            .message
            .contains("请把编码改成 320115101001001、所属小区改成“阳光花园”"),
        "{}",
        p.problems[0].message
    );
    assert_eq!(p.to_create, 1, "another village's grid may share the name");
    // Renaming or moving one onto the name is refused too.
    let other = w.unit("320115101001002").id;
    let e = w
        .store
        .write(&ctx(), |tx| {
            let mut input = UnitInput::new(
                "base_grid",
                None,
                "320115101001002",
                "阳光花园第一网格",
                "urban",
            );
            input.kind = String::new();
            hierarchy::update(tx, &other, &input)
        })
        .unwrap_err();
    assert!(
        e.to_string().contains("同一村/社区的基础网格不能重名"),
        "{e}"
    );
}

/// The preview of three base grids (two stored by the units file, one new) whose
/// 设立日期 cells are `days`, over the stored units.
fn grids_set_up_on(days: [&str; 3]) -> Preview {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    let g = w.csv(
        "grids.csv",
        &format!(
            "所属村/社区,所属小区,编码,名称,设立日期\n\
             青溪社区,阳光花园,320115101001001,阳光花园第一网格,{}\n\
             青溪社区,翠竹苑,320115101001002,翠竹苑网格,{}\n\
             杨柳村,,320115101200001,杨柳村一网格,{}\n",
            days[0], days[1], days[2]
        ),
    );
    w.preview("grids", &g)
}

/// A stored unit's row refused (a 设立日期 after today) is named by its code: not also
/// said to be missing from the file (probe H).
#[test]
fn a_refused_row_of_a_stored_unit_is_not_said_missing() {
    let p = grids_set_up_on(["2099-01-01", "", ""]);
    crate::support::the_problem(&p, "设立日期", "晚于今天");
    assert!(
        p.notes.iter().all(|n| !n.contains("阳光花园第一网格")),
        "{:?}",
        p.notes
    );
}

/// A 设立日期 written to the month (2019.6, 2019年6月) is read as its 1st, and the
/// preview says so once for the file (it did so unsaid; the day decides periods).
#[test]
fn dates_to_the_month_are_said_to_be_read_as_its_first() {
    let p = grids_set_up_on(["2019.6", "2019年6月", "2019-06-15"]);
    assert_eq!(p.rejected_rows, 0, "{:?}", p.problems);
    assert!(
        p.notes.contains(
            &"有 2 个日期只写到了月（如第 2 行设立日期“2019.6”），都按当月 1 日导入。如不是 1 日，请写出具体日期。"
                .to_string()
        ),
        "{:?}",
        p.notes
    );
}

/// The note names the column as the file heads it (成立时间), not as the template
/// does: a clerk looked for 设立日期 in a file without it.
#[test]
fn a_month_only_date_is_named_under_the_files_own_header() {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    let g = w.csv(
        "grids.csv",
        "所属村/社区,所属小区,编码,名称,成立时间\n\
         青溪社区,阳光花园,320115101001001,阳光花园第一网格,2019.6\n",
    );
    let p = w.preview("grids", &g);
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("第 2 行成立时间“2019.6”只写到了月")),
        "{:?}",
        p.notes
    );
}

/// The office's flat 网格划分表 (one row a grid, the levels side by side, the 社区
/// left blank under the one above) builds the tree through the 组织架构 import:
/// each unit once, parents first, problems named by the rows of the office's own
/// file, and the same file again changes nothing.
/// A 网格员花名册 (所在社区, 所在网格, 姓名, 身份证号, 备注) chosen in 导入组织架构 is
/// refused whole, naming where it goes: read as a 网格划分表 it wrote the people's
/// 备注 over the grids' (helper G, 7 Dec).
#[test]
fn a_list_of_people_given_as_units_is_refused_and_changes_nothing() {
    let mut w = world();
    let p = w.csv(
        "网格员花名册.csv",
        "所在社区,所在网格,姓名,身份证号,联系电话,备注\n\
         青溪社区,第一网格,王芳,320115198501011234,13800000000,网格长\n",
    );
    let before = hierarchy::list(w.store.conn()).unwrap();
    for e in [
        Kind::parse("units")
            .unwrap()
            .preview(w.store.conn(), &p, ctx().today())
            .unwrap_err(),
        Kind::parse("units")
            .unwrap()
            .commit(
                &mut w.store,
                &ctx(),
                &p,
                &AtomicBool::new(false),
                &mut |_, _| {},
            )
            .unwrap_err(),
    ] {
        assert!(e.to_string().contains("请到“人员名单”里导入"), "{e}");
    }
    assert_eq!(hierarchy::list(w.store.conn()).unwrap(), before);
}

/// Headers as offices write them (probe AM): 小区（网格）名称 is the 小区 column, as
/// any import reads a bracketed hint, and 网格编号 the grids' codes. The 小区 level
/// was dropped (grids hung under the 社区) and the office's codes numbered anew.
#[test]
fn a_flat_grid_table_reads_bracketed_headers_and_grid_numbers() {
    let mut w = world();
    let p = w.csv(
        "网格划分台账.csv",
        "序号,社区名称,社区代码,小区（网格）名称,网格名称,网格编号,户数\n\
         1,青溪社区,320115101001,阳光花园,阳光花园一网格,320115101001007,300\n\
         ,青溪社区,320115101001,,,,\n\
         2,青溪社区,320115101001,阳光花园,阳光花园二网格,320115101001009,280\n",
    );
    let pv = w.preview("units", &p);
    let said = pv.notes.join("\n");
    assert!(
        said.contains("村/社区1 个、小区1 个、基础网格2 个"),
        "{said}"
    );
    // A blank line inside the 社区's merged cell reads as the 社区 alone: a blank
    // line, not a third row (probe AM: 共 13 行, then 14 行按层级展开).
    assert!(said.contains("：2 行按层级展开"), "{said}");
    assert_eq!(pv.empty_rows, 1, "{pv:?}");
    assert!(!said.contains("没有导入的列"), "{said}");
    // The 小区 has no code column, so it is numbered; the grids keep theirs.
    assert!(!said.contains("基础网格“阳光花园一网格”未填编码"), "{said}");
    w.commit("units", &p);
    let units = hierarchy::list(w.store.conn()).unwrap();
    let find = |name: &str| units.iter().find(|u| u.name == name).unwrap();
    assert_eq!(find("阳光花园二网格").code, "320115101001009");
    assert_eq!(
        w.parent_code("320115101001009"),
        Some(find("阳光花园").code.clone())
    );
}

#[test]
fn a_flat_grid_table_builds_the_tree_and_names_its_own_rows() {
    let mut w = world();
    let p = w.csv(
        "网格划分表.csv",
        "网格划分表（青溪街道）\n\
         序号,社区,小区,基础网格,微网格,四至范围,户数,网格长\n\
         1,青溪社区,阳光花园,阳光花园第一网格,1-2栋,1、2栋,80,张伟\n\
         2,,阳光花园,阳光花园第一网格,3-4栋,3、4栋,90,张伟\n\
         3,青溪社区,,青溪第二网格,,青溪路以东,300,李娜\n\
         4,杨柳村,东组,杨柳村一网格,,,,王芳\n\
         5,杨柳村,东组,杨柳村一网格,5栋,,十户,王芳\n\
         ,,,,,,,\n\
         合计,,,,,,470,\n",
    );
    let pv = w.preview("units", &p);
    // The blank line is one 空行; the 合计 row is said by its own note, not counted
    // again (a clerk read 空行 2 行 of a file with one).
    assert_eq!(pv.empty_rows, 1, "{pv:?}");
    assert!(
        pv.notes.iter().any(|n| n.contains("这是合计行")),
        "{:?}",
        pv.notes
    );
    let said = pv.notes.join("\n");
    assert!(said.contains("这是一张网格划分表"), "{said}");
    assert!(
        said.contains("村/社区2 个、小区2 个、基础网格3 个、微网格3 个"),
        "{said}"
    );
    assert!(said.contains("没有导入的列：网格长"), "{said}");
    // 户数 十户 is refused on the file's own row 7 (the 6th grid row), naming it.
    assert_eq!(pv.rejected_rows, 1, "{:?}", pv.problems);
    assert!(problems_of(&pv, 7).contains("户数"), "{:?}", pv.problems);
    assert_eq!(pv.to_create, 9, "{pv:?}");
    // The file's own rows, beside the units they spread to (共 10 行 read as the file's).
    assert_eq!((pv.file_rows, pv.total_rows), (Some(5), 10), "{pv:?}");
    w.commit("units", &p);
    let units = hierarchy::list(w.store.conn()).unwrap();
    let find = |name: &str| units.iter().find(|u| u.name == name).unwrap();
    let code_of = |name: &str| find(name).code.clone();
    assert_eq!(
        w.parent_code(&code_of("1-2栋")),
        Some(code_of("阳光花园第一网格"))
    );
    assert_eq!(
        w.parent_code(&code_of("阳光花园第一网格")),
        Some(code_of("阳光花园"))
    );
    assert_eq!(
        w.parent_code(&code_of("青溪第二网格")),
        Some(code_of("青溪社区"))
    );
    assert_eq!(find("青溪第二网格").households, Some(300));
    assert_eq!(find("青溪第二网格").boundary, "青溪路以东");
    assert_eq!(find("杨柳村").area_type, hierarchy::AreaType::Rural);
    assert_eq!(units.len(), 9);

    // Again, with the bad cell fixed: the one row left goes in, the others are as they were.
    let fixed = w.csv(
        "网格划分表2.csv",
        &std::fs::read_to_string(&p).unwrap().replace("十户", "10"),
    );
    let again = w.preview("units", &fixed);
    assert_eq!((again.to_create, again.rejected_rows), (1, 0), "{again:?}");
    assert_eq!(again.unchanged, 9, "{again:?}");

    // A micro grid added under a stored grid leaves the grid's 户数 and 四至 as they
    // are (the row's 户数 is the micro grid's): nothing is said to be cleared.
    let more = w.csv(
        "加微网格.csv",
        "社区,基础网格,微网格,户数\n青溪社区,青溪第二网格,5栋,20\n",
    );
    let pv = w.preview("units", &more);
    assert_eq!((pv.to_create, pv.rejected_rows), (1, 0), "{pv:?}");
    assert!(
        !pv.notes.iter().any(|n| n.contains("清空")),
        "{:?}",
        pv.notes
    );
    w.commit("units", &more);
    let grid = hierarchy::list(w.store.conn())
        .unwrap()
        .into_iter()
        .find(|u| u.name == "青溪第二网格")
        .unwrap();
    assert_eq!(
        (grid.households, grid.boundary.as_str()),
        (Some(300), "青溪路以东")
    );

    // A file without a 小区 column names a grid under its village alone: it is the
    // stored grid (names are the village's alone), which stays in its 小区.
    let no_compound = w.csv(
        "无小区.csv",
        "社区,基础网格,微网格\n青溪社区,阳光花园第一网格,9栋\n",
    );
    let pv = w.preview("units", &no_compound);
    assert_eq!(
        (pv.to_create, pv.rejected_rows),
        (1, 0),
        "{:?}",
        pv.problems
    );
    w.commit("units", &no_compound);
    let units = hierarchy::list(w.store.conn()).unwrap();
    let code_of = |name: &str| units.iter().find(|u| u.name == name).unwrap().code.clone();
    assert_eq!(
        w.parent_code(&code_of("9栋")),
        Some(code_of("阳光花园第一网格"))
    );
    assert_eq!(
        w.parent_code(&code_of("阳光花园第一网格")),
        Some(code_of("阳光花园"))
    );

    // A village name written wrongly would make a new village: said, with those there are.
    let typo = w.csv(
        "错名.csv",
        "社区,基础网格\n青溪社区,青溪第二网格\n桃源社区,桃源一网格\n",
    );
    let said = w.preview("units", &typo).notes.join("\n");
    assert!(
        said.contains("会新建 1 个村/社区：桃源社区。本单位已有 2 个村/社区（青溪社区、杨柳村）"),
        "{said}"
    );
}

/// A compound given a 设立日期 takes the units below it that had none with it (a
/// unit is not set up before the one above): the check says so, and the same file
/// imported again changes and clears nothing (probe T: the check said 更新 1, the
/// import changed 4, and every later import said 已清空 of the 3 grids' dates it kept).
#[test]
fn a_dated_parent_takes_its_undated_units_along_and_the_file_comes_back_unchanged() {
    let mut w = world();
    let f = w.csv("units.csv", UNITS);
    w.commit("units", &f);
    let dated: String = UNITS
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0 => format!("{l},设立日期\n"),
            _ if l.contains(",320115101001XQ01,阳光花园,") => format!("{l},2026-06-01\n"),
            _ => format!("{l},\n"),
        })
        .collect();
    let g = w.csv("dated.csv", &dated);
    let p = w.preview("units", &g);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(
        (p.to_create, p.to_update, p.unchanged),
        (0, 10, 9),
        "{:?}",
        p.notes
    );
    assert!(
        p.notes.iter().any(|n| n.contains(
            "小区“阳光花园”的设立日期改为 2026-06-01，它下面设立日期也空着的 3 个单位随之改为 2026-06-01"
        )),
        "{:?}",
        p.notes
    );
    let s = w.commit("units", &g);
    assert_eq!((s.created, s.updated), (0, 1));
    let grid = hierarchy::find_by_code(w.store.conn(), "320115101001001")
        .unwrap()
        .unwrap();
    assert_eq!(grid.established_on.as_deref(), Some("2026-06-01"));
    // Again: nothing to change, nothing said cleared.
    let again = w.preview("units", &g);
    assert_eq!(
        (again.to_update, again.unchanged),
        (10, 10),
        "{:?}",
        again.notes
    );
    assert!(
        again
            .notes
            .iter()
            .all(|n| !n.contains("清空") && !n.contains("随之")),
        "{:?}",
        again.notes
    );
    let s = w.commit("units", &g);
    assert_eq!((s.created, s.updated, s.unchanged), (0, 0, 10));
}

/// A list of communities alone has no 层级: the 组织架构 import says which import
/// takes it, and that one does (probe W: refused with no word of where it goes).
#[test]
fn a_list_of_villages_alone_is_pointed_to_its_own_import() {
    let mut w = world();
    let p = w.csv(
        "村社区名单.csv",
        "名称,代码,城乡类型\n青溪社区,320115101001,城镇\n新村,320115101009,农村\n",
    );
    let e = Kind::parse("units")
        .unwrap()
        .preview(w.store.conn(), &p, ctx().today())
        .unwrap_err();
    assert!(
        e.to_string().contains("缺少必填列：层级")
            && e.to_string()
                .contains("请用“导入村/社区名单”（命令行 --kind villages）"),
        "{e}"
    );
    assert_eq!(w.preview("villages", &p).rejected_rows, 0);
    assert_eq!(w.commit("villages", &p).created, 2);
    assert_eq!(w.unit("320115101009").kind, UnitKind::Village);
}
