//! Imported history is dated from the file: each step of a project's timeline, a
//! demand's history, a person's first history row, a contact point and a visit carry
//! the dates the row gives (its own column, else the row's nearest date), never the
//! import day (here 2026-11-26).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use gridledger_core::base::identity::check_char;
use gridledger_core::cobuild::Project;
use gridledger_core::contacts::{ContactPoint, Visit};
use gridledger_core::demands::Demand;
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::people::{self, PersonQuery};
use gridledger_core::{store::ledger, Store};

use crate::support::{ctx, township_on_disk};

struct World {
    store: Store,
    dir: tempfile::TempDir,
}

impl World {
    fn import(&mut self, kind: &str, text: &str) -> gridledger_core::sheets::import::Summary {
        self.import_on(&ctx(), kind, text)
    }

    fn import_on(
        &mut self,
        on: &gridledger_core::store::Ctx,
        kind: &str,
        text: &str,
    ) -> gridledger_core::sheets::import::Summary {
        let p: PathBuf = self.dir.path().join(format!("{kind}.csv"));
        std::fs::write(&p, text).unwrap();
        let s = Kind::parse(kind)
            .unwrap()
            .commit(
                &mut self.store,
                on,
                &p,
                &AtomicBool::new(false),
                &mut |_, _| {},
            )
            .unwrap();
        assert_eq!(s.rejected, 0, "{kind}: {}", s.text());
        s
    }
}

fn world() -> World {
    let (store, dir) = township_on_disk(|_| {});
    let mut w = World { store, dir };
    w.import(
        "units",
        "层级,所属村/社区,上级单位,编码,名称,类型\n\
         社区,,,320115101001,青溪社区,城镇\n\
         基础网格,青溪社区,,320115101001001,一网格,\n",
    );
    w.import("partner-units", "单位名称,单位类型\n青溪供电所,机关\n");
    w.import("departments", "部门名称,层级\n城管科,乡镇/街道\n");
    w
}

fn project(w: &World, title: &str) -> Project {
    ledger::list::<Project>(w.store.conn())
        .unwrap()
        .into_iter()
        .find(|p| p.title == title)
        .unwrap()
}

#[test]
fn a_project_timeline_is_dated_by_its_columns_or_the_nearest_one() {
    let mut w = world();
    let rows = "项目名称,村/社区,类别,状态,认领单位,认领日期,开工日期,完成日期,评分,评价日期\n\
         加装路灯,青溪社区,环境整治,已评价,青溪供电所,2024-03-01,2024-04-01,2024-12-13,5,2025-01-10\n\
         清理楼道,青溪社区,环境整治,已完成,青溪供电所,,,2024-12-13,,\n";
    // Done before they come in, with no 佐证材料: said (probe AI).
    let first = w.dir.path().join("first.csv");
    std::fs::write(&first, rows).unwrap();
    let p = Kind::parse("projects")
        .unwrap()
        .preview(w.store.conn(), &first, ctx().today())
        .unwrap();
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("2 个已完成的项目（加装路灯、清理楼道）导入后没有佐证材料")),
        "{:?}",
        p.notes
    );
    w.import("projects", rows);
    let p = project(&w, "加装路灯");
    let dates: Vec<&str> = p.events.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2024-03-01",
            "2024-03-01",
            "2024-04-01",
            "2024-12-13",
            "2025-01-10"
        ]
    );
    assert_eq!(p.claims[0].claimed_on, "2024-03-01");
    // Only 完成日期 given: every step takes it, none the import day.
    let p = project(&w, "清理楼道");
    assert_eq!(p.events.len(), 4);
    assert!(
        p.events.iter().all(|e| e.date == "2024-12-13"),
        "{:?}",
        p.events
    );
    assert_eq!(p.claims[0].claimed_on, "2024-12-13");

    // The export carries the dates back, and importing it changes nothing.
    let out = w.dir.path().join("projects.xlsx");
    gridledger_core::kinds::export_xlsx(w.store.conn(), "projects", &out, ctx().today()).unwrap();
    let s = Kind::parse("projects")
        .unwrap()
        .commit(
            &mut w.store,
            &ctx(),
            &out,
            &AtomicBool::new(false),
            &mut |_, _| {},
        )
        .unwrap();
    assert_eq!(
        (s.created, s.updated, s.unchanged),
        (0, 0, 2),
        "{}",
        s.text()
    );
    assert_eq!(project(&w, "加装路灯").events[4].date, "2025-01-10");
    // The import check tells an update that changes nothing from one that does:
    // 清理楼道 moves on to 已评价.
    let moved = w.dir.path().join("moved.csv");
    std::fs::write(
        &moved,
        "项目名称,村/社区,类别,状态,认领单位,认领日期,开工日期,完成日期,评分,评价日期
         加装路灯,青溪社区,环境整治,已评价,青溪供电所,2024-03-01,2024-04-01,2024-12-13,5,2025-01-10
         清理楼道,青溪社区,环境整治,已评价,青溪供电所,,,2024-12-13,4,2025-01-10
",
    )
    .unwrap();
    let p = Kind::parse("projects")
        .unwrap()
        .preview(w.store.conn(), &moved, ctx().today())
        .unwrap();
    assert_eq!((p.to_update, p.unchanged), (2, 1));
    // An evaluation on a project not yet 已评价 would be dropped: refused in 评分.
    let early = w.dir.path().join("early.csv");
    std::fs::write(
        &early,
        "项目名称,村/社区,类别,状态,认领单位,认领日期,开工日期,完成日期,评分,评价日期\n\
         清理楼道,青溪社区,环境整治,已完成,青溪供电所,,,2024-12-13,4,\n",
    )
    .unwrap();
    let p = Kind::parse("projects")
        .unwrap()
        .preview(w.store.conn(), &early, ctx().today())
        .unwrap();
    crate::support::the_problem(&p, "评分", "还没有到“已评价”");
}

#[test]
fn a_demand_history_is_dated_by_its_columns_or_the_nearest_one() {
    let mut w = world();
    w.import(
        "demands",
        "诉求标题,类别,诉求内容,村/社区,受理日期,状态,承办部门,交办日期,办结日期,办理结果,回访满意度,回访日期\n\
         路灯不亮,环境卫生,三栋门口,青溪社区,2025-01-02,已回访,城管科,2025-01-03,2025-01-20,已修复,满意,2025-01-25\n\
         垃圾满溢,环境卫生,北门,青溪社区,2025-01-02,已回访,城管科,,2025-01-20,已清运,满意,\n",
    );
    let all = ledger::list::<Demand>(w.store.conn()).unwrap();
    let dates = |title: &str| -> Vec<String> {
        all.iter()
            .find(|d| d.title == title)
            .unwrap()
            .history
            .iter()
            .map(|e| e.date.clone())
            .collect()
    };
    assert_eq!(
        dates("路灯不亮"),
        [
            "2025-01-02",
            "2025-01-03",
            "2025-01-03",
            "2025-01-20",
            "2025-01-25"
        ]
    );
    // 交办 takes 受理日期 (nearer), 办理中 and 回访 take 办结日期.
    assert_eq!(
        dates("垃圾满溢"),
        [
            "2025-01-02",
            "2025-01-02",
            "2025-01-20",
            "2025-01-20",
            "2025-01-20"
        ]
    );
}

#[test]
fn a_person_contact_point_and_visit_carry_the_file_dates() {
    let mut w = world();
    let body = "32011519850612013";
    let id = format!("{body}{}", check_char(body).unwrap());
    let month_body = "32011519900202024";
    let month_id = format!("{month_body}{}", check_char(month_body).unwrap());
    // 到岗日期 as rosters give it, a month without its day: its first day.
    w.import(
        "people",
        &format!(
            "姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区,到岗日期\n\
             张伟,{id},13812345678,网格员,专职,320115101001001,2023-03-01\n\
             李娜,{month_id},13812345679,网格员,专职,320115101001001,2023.05\n"
        ),
    );
    let joined = |name: &str| {
        let p = people::list(w.store.conn(), &PersonQuery::default())
            .unwrap()
            .rows
            .into_iter()
            .find(|p| p.name == name)
            .unwrap();
        people::history(w.store.conn(), &p.id).unwrap()[0]
            .date
            .clone()
    };
    assert_eq!(joined("张伟"), "2023-03-01");
    assert_eq!(joined("李娜"), "2023-05-01");

    w.import("leaders", "姓名,层级,职务\n王镇长,乡镇/街道,镇长\n");
    w.import(
        "contact-points",
        "领导姓名,联系对象,开始日期,结束日期\n王镇长,青溪社区,2024-01-01,2025-12-31\n",
    );
    w.import(
        "visits",
        "领导姓名,联系对象,走访日期,发现的问题或情况\n王镇长,青溪社区,2024-05-06,路灯不亮\n",
    );
    let cp = &ledger::list::<ContactPoint>(w.store.conn()).unwrap()[0];
    assert_eq!(
        (cp.start_on.as_deref(), cp.end_on.as_deref()),
        (Some("2024-01-01"), Some("2025-12-31"))
    );
    let v = &ledger::list::<Visit>(w.store.conn()).unwrap()[0];
    assert_eq!(v.visited_on, "2024-05-06");
}

/// A project already stored keeps its 登记日期 when a later file claims it: only a
/// project the import creates is dated from the file's steps (a claim imported onto
/// 梧桐社区楼道杂物清理, registered on 2026-04-20, made it registered on the claim's
/// day, unsaid).
#[test]
fn a_claim_imported_onto_a_stored_project_keeps_its_registration_day() {
    let mut w = world();
    w.import(
        "projects",
        "项目名称,村/社区,类别,状态\n加装路灯,青溪社区,环境整治,待认领\n",
    );
    let registered = project(&w, "加装路灯").events[0].date.clone();
    assert_eq!(registered, "2026-11-26", "registered on the import day");
    // The next day's file claims it.
    w.import_on(
        &crate::support::ctx_on(2026, 11, 27),
        "projects",
        "项目名称,村/社区,类别,状态,认领单位,认领日期\n\
         加装路灯,青溪社区,环境整治,已认领,青溪供电所,２０２６．１１．２７\n",
    );
    let p = project(&w, "加装路灯");
    let dates: Vec<&str> = p.events.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2026-11-26", "2026-11-27"]);
}

/// 共建项目's 登记日期 column dates the timeline's first step: a new project takes it,
/// a blank cell keeps a stored project's, a filled one corrects it, the export carries
/// it, and one after the row's 认领日期 is refused under its own column.
#[test]
fn a_projects_registration_day_comes_from_its_column() {
    let mut w = world();
    let header = "项目名称,村/社区,类别,状态,登记日期,认领单位,认领日期\n";
    w.import(
        "projects",
        &format!("{header}加装路灯,青溪社区,环境整治,已认领,2026-03-02,青溪供电所,2026-04-20\n"),
    );
    let dates = |w: &World| -> Vec<String> {
        project(w, "加装路灯")
            .events
            .iter()
            .map(|e| e.date.clone())
            .collect()
    };
    assert_eq!(dates(&w), ["2026-03-02", "2026-04-20"]);
    let s = w.import(
        "projects",
        &format!("{header}加装路灯,青溪社区,环境整治,已认领,,青溪供电所,\n"),
    );
    assert_eq!(s.unchanged, 1, "{}", s.text());
    w.import(
        "projects",
        &format!("{header}加装路灯,青溪社区,环境整治,已认领,2026.3.1,青溪供电所,\n"),
    );
    assert_eq!(dates(&w), ["2026-03-01", "2026-04-20"]);

    let out = w.dir.path().join("projects.xlsx");
    gridledger_core::kinds::export_xlsx(w.store.conn(), "projects", &out, ctx().today()).unwrap();
    let sheet = Kind::parse("projects")
        .unwrap()
        .preview(w.store.conn(), &out, ctx().today())
        .unwrap();
    assert_eq!((sheet.to_update, sheet.unchanged), (1, 1), "{sheet:?}");

    let late = w.dir.path().join("late.csv");
    std::fs::write(
        &late,
        format!("{header}清理楼道,青溪社区,环境整治,已认领,2026-05-01,青溪供电所,2026-04-20\n"),
    )
    .unwrap();
    let p = Kind::parse("projects")
        .unwrap()
        .preview(w.store.conn(), &late, ctx().today())
        .unwrap();
    crate::support::the_problem(&p, "认领日期", "早于登记");
}

/// A row with several wrong dates names them all at once: the kind stops at its
/// first problem, and a clerk mended 登记日期 only to be told of 实际开始 next.
#[test]
fn a_refused_row_names_every_wrong_date_at_once() {
    let w = world();
    let p = w.dir.path().join("bad-projects.csv");
    std::fs::write(
        &p,
        "村/社区,类别,项目名称,状态,登记日期,实际开始,实际完成\n\
         青溪社区,文明实践,修路,已完成,2026-99-01,上周,2026-02-30\n",
    )
    .unwrap();
    let preview = Kind::parse("projects")
        .unwrap()
        .preview(w.store.conn(), &p, crate::support::day(2026, 11, 26))
        .unwrap();
    assert_eq!(
        crate::support::problem_places(&preview),
        [(2, "登记日期"), (2, "实际开始"), (2, "实际完成")]
    );
    assert!(preview.problems[1].message.contains("“上周”不是有效的日期"));
}

/// An import's check names a coded value by its label wherever the kind declares
/// them once on its sheet (单位类型（机关 → 企业）, not 单位类型 alone).
#[test]
fn a_changed_coded_value_is_named_by_its_label() {
    let w = world();
    let p = w.dir.path().join("共建单位.csv");
    std::fs::write(&p, "单位名称,单位类型\n青溪供电所,国企\n").unwrap();
    let preview = Kind::parse("partner-units")
        .unwrap()
        .preview(w.store.conn(), &p, ctx().today())
        .unwrap();
    assert!(
        preview
            .notes
            .iter()
            .any(|n| n.contains("单位类型（机关 → 企业）")),
        "{:?}",
        preview.notes
    );
}
