//! The CLI as a county script would use it: exit codes, `--json`, Chinese errors.

use std::process::{Command, Output};

fn cli(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("GRIDLEDGER_DB")
        .output()
        .expect("run gridledger-cli")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_demo_tree_check_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = cli(
        &db,
        &[
            "init",
            "--level",
            "township",
            "--code",
            "320115101000",
            "--name",
            "青溪街道",
        ],
    );
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
    assert!(dir.path().join("backups").join(&name).is_file());

    let o = cli(&db, &["--json", "restore", &name]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn refused_and_bad_data_exit_1_with_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = cli(
        &db,
        &[
            "init",
            "--level",
            "township",
            "--code",
            "32011510100",
            "--name",
            "x",
        ],
    );
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

    cli(
        &db,
        &[
            "init",
            "--level",
            "county",
            "--code",
            "320115000000",
            "--name",
            "江宁区",
        ],
    );
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
    let help = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    assert!(stdout(&help).contains("基层治理台账"));
}

#[test]
fn missing_db_is_bad_data_not_a_panic() {
    let o = Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("check")
        .env_remove("GRIDLEDGER_DB")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--db"));
}
