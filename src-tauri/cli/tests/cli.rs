//! The CLI as a county script would use it: exit codes, `--json`, Chinese errors.

mod common;

use common::cli;
use std::path::Path;
use std::process::{Command, Output};

/// A township database filled with the demo records, through the CLI.
fn demo_township(db: &std::path::Path) {
    let o = init(db, "township", "320115101000", "青溪街道");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(cli(db, &["demo"]).status.success());
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `init` of an office on `db`.
fn init(db: &Path, level: &str, code: &str, name: &str) -> Output {
    cli(
        db,
        &["init", "--level", level, "--code", code, "--name", name],
    )
}

#[test]
fn init_demo_tree_check_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = init(&db, "township", "320115101000", "青溪街道");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已设置本单位：青溪街道"));

    let o = cli(&db, &["--json", "demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["villages"], 5);
    assert_eq!(v["officeCreated"], false);

    let o = cli(&db, &["tree"]);
    let text = stdout(&o);
    assert!(text.contains("社区 青溪社区（320115101001）"), "{text}");
    assert!(text.contains("  小区 阳光花园"), "{text}");
    assert!(
        text.contains("村 杨柳村（320115101201）") || text.contains("村 杨柳村"),
        "{text}"
    );

    let o = cli(&db, &["--json", "check"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["integrity"], "ok");

    let o = cli(&db, &["--json", "backup"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let name = v["backup"]["fileName"].as_str().unwrap().to_string();
    assert_eq!(v["backup"]["sameDatabase"], true, "as `backups` says of it");
    assert!(dir.path().join("backups").join(&name).is_file());

    // Another office's database in the same folder: its backups sit beside ours,
    // named as another database's; ours are not.
    let other = dir.path().join("county.db");
    let o = init(&other, "county", "320115000000", "江宁区");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(cli(&other, &["backup"]).status.success());
    let o = cli(&db, &["backups"]);
    let text = stdout(&o);
    let (theirs, ours): (Vec<&str>, Vec<&str>) =
        text.lines().partition(|l| l.contains("320115000000-"));
    assert!(!theirs.is_empty() && !ours.is_empty(), "{text}");
    assert!(
        theirs
            .iter()
            .all(|l| l.ends_with("字节\t其他数据库（江宁区，320115000000）")),
        "{text}"
    );
    assert!(ours.iter().all(|l| l.ends_with(" 字节")), "{text}");

    let o = cli(&db, &["--json", "restore", &name]);
    assert!(o.status.success(), "{}", stderr(&o));

    // A damaged database: its backups are still listed, and a restore sets it aside
    // (kept, not deleted) and brings the backup back, as the app does at start.
    let f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    f.set_len(1_000_000).unwrap();
    drop(f);
    let o = cli(&db, &["backups"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&name), "{}", stdout(&o));
    let o = cli(&db, &["restore", &name]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("数据库文件已损坏，已另存为"),
        "{}",
        stdout(&o)
    );
    let o = cli(&db, &["--json", "check"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["integrity"], "ok");
    assert!(std::fs::read_dir(dir.path()).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".damaged-")));
}

#[test]
fn refused_and_bad_data_exit_1_with_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = init(&db, "township", "32011510100", "x");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("统计用区划代码应为12位数字，现在是11位"),
        "{}",
        stderr(&o)
    );

    let o = cli(
        &db,
        &[
            "--json",
            "init",
            "--level",
            "county",
            "--code",
            "320115101000",
            "--name",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(v["kind"], "validation");
    assert_eq!(v["field"], "code");

    init(&db, "county", "320115000000", "江宁区");
    let o = cli(&db, &["demo"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("示例组织架构是乡镇/街道的数据"));

    let o = cli(&db, &["restore", "../t.db"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(cli(&db, &["no-such-command"]).status.code(), Some(2));
    assert_eq!(
        cli(&db, &["init", "--level", "township"]).status.code(),
        Some(2)
    );
    // With --json the usage error is JSON on standard error too.
    for args in [
        &["--json", "no-such-command"][..],
        &["--json", "report", "--bogus"],
    ] {
        let o = cli(&db, args);
        assert_eq!(o.status.code(), Some(2));
        let v: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
        assert_eq!(v["kind"], "validation");
        assert!(
            v["message"].as_str().unwrap().starts_with("用法错误"),
            "{v}"
        );
    }
    let help = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    assert!(stdout(&help).contains("基层治理台账"));
}

#[test]
fn missing_db_is_a_usage_error_not_a_panic() {
    let o = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("check")
        .env_remove("GRIDLEDGER_DB")
        .output()
        .unwrap();
    // An option missing or given a value it does not take: 2, as the help says.
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--db"));
    // An empty file (a failed copy) is refused, not filled with an empty ledger.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("空.db");
    std::fs::write(&empty, b"").unwrap();
    let o = cli(&empty, &["report"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("是空的（0 字节）"), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
}

#[test]
fn import_through_the_cli_equals_import_through_the_core() {
    use gridledger_core::kinds::ImportKind as Kind;
    use gridledger_core::people::{self, PersonQuery};
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for db in [&a, &b] {
        demo_township(db);
    }
    let template = dir.path().join("模板.xlsx");
    assert!(cli(
        &a,
        &["template", "--kind", "people", template.to_str().unwrap()]
    )
    .status
    .success());
    assert!(template.is_file());
    let id = |body: &str| {
        format!(
            "{body}{}",
            gridledger_core::base::identity::check_char(body).unwrap()
        )
    };
    let csv = dir.path().join("roster.csv");
    std::fs::write(
        &csv,
        format!(
            "姓名,身份证号码,手机号码,身份,专职/兼职,所属村/社区,所在网格/小区\n\
             钱多多,{},13800001111,网格员,专职,青溪社区,阳光花园第一网格\n\
             错号码,{},1380000,网格员,专职,青溪社区,阳光花园第一网格\n",
            id("32011519880808123"),
            id("32011519880808125"),
        ),
    )
    .unwrap();
    let errors = dir.path().join("errors.xlsx");
    let o = cli(
        &a,
        &[
            "--json",
            "import",
            "--kind",
            "people",
            csv.to_str().unwrap(),
            "--errors",
            errors.to_str().unwrap(),
        ],
    );
    // A refused row makes the exit code 1; the good row is imported all the same.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["created"], 1);
    assert_eq!(v["summary"]["rejected"], 1);
    assert!(errors.is_file());
    // A file with no bad row writes no empty error list (checked only: `a` must
    // stay as `b`).
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        format!(
            "姓名,身份证号码,手机号码,身份,专职/兼职,所属村/社区,所在网格/小区\n\
             赵好,{},13800002222,网格员,专职,青溪社区,阳光花园第一网格\n",
            id("32011519900101123"),
        ),
    )
    .unwrap();
    let none = dir.path().join("none.xlsx");
    let o = cli(
        &a,
        &[
            "import",
            "--preview",
            "--kind",
            "people",
            good.to_str().unwrap(),
            "--errors",
            none.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("没有有错误的行，没有保存错误清单。"),
        "{}",
        stdout(&o)
    );
    assert!(!none.exists());

    let mut store = gridledger_core::Store::open(&b).unwrap();
    let ctx = gridledger_core::Ctx::new(chrono::Utc::now());
    let s = Kind::people()
        .commit(
            &mut store,
            &ctx,
            &csv,
            &std::sync::atomic::AtomicBool::new(false),
            &mut |_, _| {},
        )
        .unwrap();
    assert_eq!((s.created, s.rejected), (1, 1));
    let rows = |store: &gridledger_core::Store| -> Vec<(String, String, String, String)> {
        people::list(
            store.conn(),
            &PersonQuery {
                unmasked: true,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.name, r.id_number, r.roles, r.units))
        .collect()
    };
    let via_core = rows(&store);
    drop(store);
    let via_cli = rows(&gridledger_core::Store::open(&a).unwrap());
    assert_eq!(via_cli, via_core);

    let out = dir.path().join("名单.xlsx");
    let o = cli(
        &a,
        &[
            "export-xlsx",
            "--kind",
            "people",
            "--role",
            "grid_worker",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("号码已打码"));
    let o = cli(&a, &["import", "--kind", "planets", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("可用的有：") && stderr(&o).contains("people"));
}

#[test]
fn export_receive_report_for_a_county_script() {
    let dir = tempfile::tempdir().unwrap();
    let township = dir.path().join("t.db");
    let county = dir.path().join("c.db");
    demo_township(&township);
    assert!(init(&county, "county", "320115000000", "江宁区")
        .status
        .success());
    // A county that has nothing yet is told what to do first, not only its settings.
    let said = stdout(&cli(&county, &["senders"]));
    assert!(
        said.starts_with("还没有收到下级单位的文件，也还没有应报名单。"),
        "{said}"
    );
    let said = stdout(&cli(&county, &["score", "--period", "2026"]));
    assert!(
        said.contains("还没有考核指标：请在软件的“考核 › 指标体系”中装入默认指标体系"),
        "{said}"
    );
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let o = cli(&township, &["--json", "export", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let pkg = v["path"].as_str().unwrap().to_string();
    assert!(v["fileName"]
        .as_str()
        .unwrap()
        .starts_with("320115101000_青溪街道_"));
    let junk = dir.path().join("junk.zip");
    std::fs::write(&junk, b"not a package").unwrap();

    let o = cli(
        &county,
        &["--json", "receive", &pkg, junk.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "one file refused");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["outcome"], "accepted");
    assert_eq!(v[1]["outcome"], "refused");
    assert_eq!(v[0]["reason"], serde_json::Value::Null);
    assert_eq!(v[1]["reason"], "not_package");
    assert!(v[1]["message"]
        .as_str()
        .unwrap()
        .contains("不是基层治理台账的交换文件"));
    // In words the line names the file once: before its message, not inside it too.
    let o = cli(&county, &["receive", junk.to_str().unwrap()]);
    let said = stdout(&o);
    assert!(
        said.contains("junk.zip：这不是基层治理台账的交换文件"),
        "{said}"
    );
    assert_eq!(said.matches("junk.zip").count(), 1, "{said}");
    let o = cli(&county, &["receive", &pkg]);
    assert_eq!(o.status.code(), Some(0), "already held is fine");
    assert!(stdout(&o).contains("[已收到过]"));

    let o = cli(&county, &["--json", "report"]);
    assert!(o.status.success());
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let t: serde_json::Value = {
        let o = cli(&township, &["--json", "report"]);
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    for key in [
        "grids.base",
        "grids.micro",
        "people.grid_workers",
        "people.published",
        "compounds.total",
        "demands.received",
    ] {
        assert_eq!(r["total"][key], t["own"][key], "{key}");
        assert_eq!(
            r["offices"]["320115101000"]["totals"][key], t["own"][key],
            "{key}"
        );
    }
    assert_eq!(r["offices"]["320115101000"]["name"], "青溪街道");
    assert_eq!(r["own"]["grids.base"], 0);

    // For a period the county recounts the records the file carries and gets the
    // township's own figures; --sort ranks the offices (issue 14).
    for period in ["2026", "2026Q4", "2026-11", "2025-12-01..2026-11-30"] {
        let o = cli(
            &county,
            &["--json", "report", "--period", period, "--sort", "sanliang"],
        );
        assert!(o.status.success(), "{period}: {}", stderr(&o));
        let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let o = cli(&township, &["--json", "report", "--period", period]);
        assert!(o.status.success(), "{period}: {}", stderr(&o));
        let t: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(c["rows"][0]["figures"], t["rows"][0]["figures"], "{period}");
        assert_eq!(c["total"]["figures"], t["total"]["figures"], "{period}");
        assert_eq!(c["total"]["previous"], t["total"]["previous"], "{period}");
        assert_eq!(
            c["rows"].as_array().unwrap().len(),
            1,
            "no row for the empty county ledger"
        );
        assert_eq!(c["ranking"][0]["name"], "青溪街道");
    }
    let o = cli(&county, &["report", "--period", "2026Q4"]);
    let text = stdout(&o);
    assert!(
        text.contains("2026年第四季度") && text.contains("收到的诉求") && text.contains("三亮率"),
        "{text}"
    );
    // Ranked by a figure, the figure is printed beside each office, and each
    // office's figures say the day they stand on.
    let o = cli(
        &county,
        &["report", "--period", "2026Q4", "--sort", "demands.received"],
    );
    let text = stdout(&o);
    let head = text.lines().find(|l| l.starts_with("排名")).unwrap();
    assert!(
        head.contains("\t数据截至\t") && head.ends_with("\t收到的诉求"),
        "{text}"
    );
    let first = text.lines().find(|l| l.starts_with("1\t")).unwrap();
    assert!(first.starts_with("1\t青溪街道\t20"), "{text}");
    // The county's lists are its own ledger: an empty one says where the
    // townships' records are.
    let out = county.with_file_name("县人员.xlsx");
    let o = cli(
        &county,
        &["export-xlsx", "--kind", "people", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("已导出 0 人") && stdout(&o).contains("下级单位报送的记录不在这里"),
        "{}",
        stdout(&o)
    );
    let o = cli(&county, &["report", "--period", "2026Q5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("统计期间“2026Q5”无法识别"),
        "{}",
        stderr(&o)
    );

    // No expected list yet: the sender is not flagged 不在应报名单, and one option
    // makes every office that has sent the list.
    let s: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&county, &["--json", "senders"]))).unwrap();
    assert_eq!(s["hasExpectedList"], false);
    assert_eq!(s["rows"][0]["flags"], serde_json::json!([]), "{s:#}");
    assert!(stdout(&cli(&county, &["senders"])).contains("senders --expect-received"));
    let o = cli(&county, &["--json", "senders", "--expect-received"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["added"][0]["code"], "320115101000");
    assert_eq!(s["added"][0]["name"], "青溪街道");
    assert_eq!(s["hasExpectedList"], true);
    assert_eq!(s["rows"][0]["expected"], true);
    let o = cli(&county, &["senders", "--expect-received"]);
    assert!(stdout(&o).contains("没有新增"), "{}", stdout(&o));

    // Who has sent: the expected list imports like any list; 青溪 sent, 秣陵 never did.
    let list = dir.path().join("应报单位.csv");
    std::fs::write(
        &list,
        "区划代码,单位名称\n320115101000,青溪街道\n320115102000,秣陵街道\n",
    )
    .unwrap();
    let o = cli(
        &county,
        &[
            "import",
            "--kind",
            "expected_offices",
            list.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(&county, &["--json", "senders"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["rows"][0]["code"], "320115101000");
    assert_eq!(s["rows"][0]["sequence"], 1);
    assert_eq!(s["rows"][1]["flags"], serde_json::json!(["never_sent"]));
    let o = cli(&county, &["senders"]);
    assert!(
        stdout(&o).contains("320115102000 秣陵街道  未收到  从未报送"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn party_and_cobuild_lists_import_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    demo_township(&db);
    let csv = dir.path().join("共建单位.csv");
    std::fs::write(
        &csv,
        "单位名称,单位类型,联系人,联系电话,结对村/社区\n青溪书店,企业,王五,13912345678,青溪社区\n坏单位,外星组织,,,\n",
    )
    .unwrap();
    let o = cli(
        &db,
        &[
            "--json",
            "import",
            "--kind",
            "partner-units",
            csv.to_str().unwrap(),
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["created"], 1, "{}", stdout(&o));
    assert_eq!(v["summary"]["rejected"], 1);
    assert_eq!(v["preview"]["problems"][0]["column"], "单位类型");
    for kind in [
        "party-branches",
        "committee-members",
        "joint-meetings",
        "partner-units",
        "projects",
    ] {
        let out = dir.path().join(format!("{kind}.xlsx"));
        let o = cli(
            &db,
            &[
                "--json",
                "export-xlsx",
                "--kind",
                kind,
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        assert!(out.is_file());
        let o = cli(
            &db,
            &[
                "template",
                "--kind",
                kind,
                dir.path().join(format!("{kind}-t.xlsx")).to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
    }
    let o = cli(&db, &["--json", "report"]);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["own"]["compounds.sanliang_complete"], 9);
    // 周强 sits on two committees for the same partner unit: one person.
    assert_eq!(r["own"]["party.part_time_members"], 7);
    assert_eq!(r["own"]["party.joint_meetings"], 4);
    assert_eq!(r["own"]["cobuild.projects_claimed"], 7);
    assert_eq!(r["own"]["cobuild.projects_completed"], 3);
    assert_eq!(r["own"]["contacts.points"], 9);
    assert_eq!(r["own"]["demands.received"], 8);
    assert_eq!(r["own"]["coordination.meetings"], 2);
    for kind in [
        "leaders",
        "contact-points",
        "visits",
        "departments",
        "demands",
        "working-groups",
        "working-meetings",
    ] {
        let out = dir.path().join(format!("{kind}.xlsx"));
        let o = cli(&db, &["export-xlsx", "--kind", kind, out.to_str().unwrap()]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let o = cli(
            &db,
            &[
                "--json",
                "import",
                "--preview",
                "--kind",
                kind,
                out.to_str().unwrap(),
            ],
        );
        // Every list re-imports as it is; leaders' and partner units' phones are
        // exported masked and read back as the stored numbers.
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", stderr(&o));
        if kind == "departments" {
            // Told in words too: the file is the list as it is.
            let o = cli(
                &db,
                &["import", "--preview", "--kind", kind, out.to_str().unwrap()],
            );
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(text.contains("与已有记录相同"), "{text}");
            assert!(text.contains("导入后不会改变任何数据"), "{text}");
        }
    }
    // all: every list as a titled sheet of one workbook.
    let out = dir.path().join("全部台账.xlsx");
    let o = cli(
        &db,
        &[
            "--json",
            "export-xlsx",
            "--kind",
            "all",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["sheets"].as_u64().unwrap() >= 15, "{v}");
    assert!(out.is_file());
}

/// Issue 10, finding 15 and item 8: the CLI speaks Chinese and tells the truth.
#[test]
fn usage_and_help_are_chinese_and_exit_codes_tell_the_truth() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // Usage errors: Chinese, exit 2, nothing created.
    for args in [
        vec!["bogus"],
        vec!["tree", "--no-such-flag"],
        vec!["import", "--kind", "people"],
        vec![],
    ] {
        let o = cli(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(e.starts_with("用法错误："), "{args:?}: {e}");
        assert!(!e.contains("error:") && !e.contains("Usage"), "{e}");
    }
    assert!(!db.exists(), "a usage error creates nothing");
    // Help in Chinese, listing every kind with its label.
    let o = cli(&db, &["import", "--help"]);
    assert!(o.status.success());
    let h = stdout(&o);
    assert!(h.contains("用法：") && h.contains("显示帮助"), "{h}");
    for k in gridledger_core::kinds::ImportKind::all() {
        assert!(
            h.contains(k.name()) && h.contains(k.label()),
            "{}",
            k.name()
        );
    }
    // A mistyped --db: refused, nothing created beside it.
    let o = cli(&dir.path().join("typo.db"), &["tree"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("找不到数据库文件"), "{}", stderr(&o));
    let passwd = dir.path().join("passwd");
    std::fs::write(&passwd, "root:x:0:0\n").unwrap();
    let o = cli(&passwd, &["tree"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("不是基层治理台账的数据库"),
        "{}",
        stderr(&o)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["passwd"]);

    demo_township(&db);
    // --unmasked only where it applies.
    let out = dir.path().join("l.xlsx");
    let o = cli(
        &db,
        &[
            "export-xlsx",
            "--kind",
            "leaders",
            "--unmasked",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("只适用于 people"), "{}", stderr(&o));
    assert!(!out.exists());
    // --errors over the input or the database: refused before anything is read.
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "姓名,身份证号码\n张三,123\n").unwrap();
    for target in [&input, &db] {
        let o = cli(
            &db,
            &[
                "import",
                "--kind",
                "people",
                input.to_str().unwrap(),
                "--errors",
                target.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("输出文件"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "姓名,身份证号码\n张三,123\n"
    );
    assert!(cli(&db, &["check"]).status.success());
    // The template as CSV, UTF-8 with a BOM, headers readable by the importer.
    let t = dir.path().join("模板.csv");
    let o = cli(
        &db,
        &[
            "template",
            "--kind",
            "expected-offices",
            t.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&t).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    // A template needs no database: none named, none created.
    let bare = dir.path().join("无库模板.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .args(["template", "--kind", "people"])
        .arg(&bare)
        .env_remove("GRIDLEDGER_DB")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(bare.is_file());
    // report --json carries each key's label.
    let o = cli(&db, &["--json", "report"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["labels"]["grids.base"], "基础网格");
}

/// Finding 14: stdout closed or full, and paths that are not UTF-8, never panic.
#[cfg(unix)]
#[test]
fn closed_or_full_output_and_odd_paths_never_panic() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    demo_township(&db);
    // `report | head -1`: the reader goes away.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("--db")
        .arg(&db)
        .args(["--json", "report"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(
        matches!(o.status.code(), Some(0) | Some(1)),
        "{:?}",
        o.status
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    // `> /dev/full`.
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    if let Ok(full) = full {
        let o = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
            .arg("--db")
            .arg(&db)
            .arg("report")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("无法输出结果"), "{}", stderr(&o));
    }
    // An output path that is not UTF-8: written, reported, no panic.
    let odd = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"\xff\xfe-list.xlsx"));
    let o = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("--db")
        .arg(&db)
        .args(["--json", "export-xlsx", "--kind", "people"])
        .arg(&odd)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(odd.exists());
    assert!(stdout(&o).contains("list.xlsx"));
}

#[test]
fn the_demo_tree_exports_per_level_and_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    demo_township(&db);
    for kind in ["units", "villages", "compounds", "grids", "micro-grids"] {
        let out = dir.path().join(format!("{kind}.xlsx"));
        let o = cli(&db, &["export-xlsx", "--kind", kind, out.to_str().unwrap()]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let o = cli(
            &db,
            &["--json", "import", "--kind", kind, out.to_str().unwrap()],
        );
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["summary"]["created"], 0, "{kind}");
        assert_eq!(v["summary"]["updated"], 0, "{kind}");
        assert_eq!(v["summary"]["rejected"], 0, "{kind}: {v}");
        assert!(v["summary"]["unchanged"].as_u64().unwrap() > 0, "{kind}");
    }
}

#[test]
fn sample_prints_the_same_draw_for_the_same_inputs_and_refuses_a_rate_below_thirty_percent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    demo_township(&db);
    let args = [
        "--json",
        "sample",
        "--quarter",
        "2026Q4",
        "--rate",
        "0.3",
        "--seed",
        "2741",
    ];
    let one = cli(&db, &args);
    assert!(one.status.success(), "{}", stderr(&one));
    let two = cli(&db, &args);
    assert_eq!(stdout(&one), stdout(&two), "the same inputs, the same draw");
    let v: serde_json::Value = serde_json::from_str(&stdout(&one)).unwrap();
    assert_eq!(v["seed"], "234e9e8ba6048084");
    let drawn = v["drawn"].as_array().unwrap();
    assert!(!drawn.is_empty());
    assert!(drawn
        .iter()
        .all(|d| !d["inspectorNames"].as_array().unwrap().is_empty()));
    assert!(v["rule"]
        .as_str()
        .unwrap()
        .contains("2026Q4|320115101000|2741"));
    // The text form names the seed and the rule.
    let text = cli(&db, &["sample", "--quarter", "2026Q4", "--seed", "2741"]);
    assert!(
        stdout(&text).contains("复核码 234e9e8ba6048084"),
        "{}",
        stdout(&text)
    );
    assert!(stdout(&text).contains("规则："));
    // Another number, another seed.
    let other = cli(
        &db,
        &["--json", "sample", "--quarter", "2026Q4", "--seed", "9"],
    );
    assert_ne!(stdout(&other), stdout(&one));
    let low = cli(
        &db,
        &[
            "sample",
            "--quarter",
            "2026Q4",
            "--rate",
            "0.2",
            "--seed",
            "1",
        ],
    );
    assert_eq!(low.status.code(), Some(1));
    assert!(stderr(&low).contains("不能低于 30%"), "{}", stderr(&low));
}

/// A workbook of several sheets: the CLI says which one it read and reads another
/// with `--sheet` (it had no way to, and did not say which it read).
#[test]
fn import_names_the_sheet_it_read_and_reads_another_with_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    demo_township(&db);
    let file = dir.path().join("领导.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, name) in [("市领导", "周新民"), ("区领导", "郑雅")] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, h) in ["姓名", "层级", "职务"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in [name, "区", "副区长"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.save(&file).unwrap();
    let path = file.to_str().unwrap();
    let o = cli(&db, &["import", "--kind", "leaders", "--preview", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("读取的是工作表“市领导”；文件里还有：区领导"),
        "{}",
        stdout(&o)
    );
    let o = cli(
        &db,
        &[
            "--json",
            "import",
            "--kind",
            "leaders",
            "--sheet",
            "区领导",
            path,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["preview"]["sheetName"], "区领导", "{v}");
    assert_eq!(v["summary"]["created"], 1, "{v}");
    let o = cli(
        &db,
        &["import", "--kind", "leaders", "--sheet", "没有", path],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("没有名为“没有”的工作表"),
        "{}",
        stderr(&o)
    );
}

/// `import --preview` says before importing what the import would empty, as the
/// window does (it said it only after the import had cleared the phone).
#[test]
fn the_preview_says_what_a_blank_cell_would_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    demo_township(&db);
    let file = dir.path().join("领导.csv");
    std::fs::write(
        &file,
        "姓名,层级,职务,单位,联系电话\n高建平,乡镇/街道,办事处主任,青溪街道,\n",
    )
    .unwrap();
    let o = cli(
        &db,
        &[
            "import",
            "--kind",
            "leaders",
            "--preview",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("第 2 行：会清空已有领导的联系电话（139****0005）"),
        "{}",
        stdout(&o)
    );
    // Imported: said once, in the summary, as done.
    let o = cli(
        &db,
        &["import", "--kind", "leaders", file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("会清空"), "{}", stdout(&o));
    assert_eq!(
        stdout(&o).matches("已清空已有领导的联系电话").count(),
        1,
        "{}",
        stdout(&o)
    );
}

/// A database only the CLI opens has its indicators brought to this build's default
/// system, as the app does at start: its 诉求办结率 was scored by the old formula
/// (150%) and sent up in its file (helper I).
#[test]
fn the_cli_scores_by_this_builds_default_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    demo_township(&db);
    let old = "100 * demands.resolved / demands.received";
    {
        let store = gridledger_core::Store::open(&db).unwrap();
        let n = store
            .conn()
            .execute(
                "UPDATE indicators SET json = json_set(json, '$.formula', ?1, '$.note', '')
                 WHERE json_extract(json, '$.code') = 'S01'",
                [old],
            )
            .unwrap();
        assert_eq!(n, 1, "the demo installs the default system");
    }
    let o = cli(&db, &["--json", "score", "--period", "2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let s01 = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "S01")
        .unwrap();
    assert_eq!(
        s01["formula"], "100 * demands.received_resolved / demands.received",
        "{s01:#}"
    );
}

/// The CLI leaves an older list's rows out, as the window does unless they are
/// ticked, and says so; `--include-older-rows` imports them (helper J: the same file
/// put an old phone back through the CLI).
#[test]
fn the_cli_leaves_an_older_lists_rows_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    demo_township(&db);
    let out = dir.path().join("roster.xlsx");
    let o = cli(
        &db,
        &[
            "export-xlsx",
            "--kind",
            "people",
            "--unmasked",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // The export, its first person's phone changed in a CSV saved long ago.
    let v: serde_json::Value = {
        let o = cli(
            &db,
            &[
                "--json",
                "import",
                "--kind",
                "people",
                "--preview",
                out.to_str().unwrap(),
            ],
        );
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    assert_eq!(v["staleRows"].as_array().map(Vec::len), Some(0), "{v:#}");
    let csv = dir.path().join("old.csv");
    let store = gridledger_core::Store::open(&db).unwrap();
    let (name, id_number, phone, grid): (String, String, String, String) = store
        .conn()
        .query_row(
            "SELECT p.name, p.id_number, p.phone, u.name FROM people p
             JOIN person_roles r ON r.person = p.rowid AND r.role = 'grid_worker'
             JOIN units u ON u.rowid = r.unit ORDER BY p.name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    drop(store);
    let new_phone = if phone.ends_with('0') {
        "13900000001"
    } else {
        "13900000000"
    };
    std::fs::write(
        &csv,
        format!("姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区\n{name},{id_number},{new_phone},网格员,专职,{grid}\n"),
    )
    .unwrap();
    let long_ago =
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    std::fs::File::options()
        .write(true)
        .open(&csv)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let phone_now = || -> String {
        gridledger_core::Store::open(&db)
            .unwrap()
            .conn()
            .query_row(
                "SELECT phone FROM people WHERE id_number = ?1",
                [&id_number],
                |r| r.get(0),
            )
            .unwrap()
    };
    let o = cli(&db, &["import", "--kind", "people", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("可能是以前的名单"), "{}", stdout(&o));
    assert_eq!(phone_now(), phone, "left out");
    let o = cli(
        &db,
        &[
            "import",
            "--kind",
            "people",
            "--include-older-rows",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(phone_now(), new_phone, "imported when asked");
}
