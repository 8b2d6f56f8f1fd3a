//! End to end in the real app window: Tauri under Xvfb, driven through tauri-driver
//! and WebKitWebDriver. Each test gets its own database through `--db`.
//! Screenshots of every main screen land in `tests/artifacts/`.
//!
//! Needs Xvfb, webkit2gtk-driver, tauri-driver and a built app: `tests/run.sh`
//! installs and builds them, then runs these with `--ignored`.

#[path = "e2e/harness.rs"]
mod harness;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use gridledger_core::{backup, demo, office, units, Ctx, Store};
use harness::{screenshot, Driver};
use serde_json::json;

const XSS: &str = "<img src=x onerror=alert(1)>";

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn css(c: &Client, sel: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(sel))
        .await
        .unwrap_or_else(|e| panic!("element {sel} did not appear: {e}"))
}

/// Types into a field found by CSS selector.
async fn fill(c: &Client, sel: &str, text: &str) {
    css(c, sel).await.send_keys(text).await.unwrap();
}

/// Polls a JavaScript expression until it is truthy.
async fn until(c: &Client, what: &str, expr: &str, args: Vec<serde_json::Value>) {
    let t = Instant::now();
    loop {
        let v = c
            .execute(&format!("return !!({expr});"), args.clone())
            .await
            .unwrap();
        if v == json!(true) {
            return;
        }
        if t.elapsed() > Duration::from_secs(10) {
            screenshot(c, &format!("FAILED-{}", what.replace(' ', "-"))).await;
            panic!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn node_names(c: &Client) -> Vec<String> {
    let v = c
        .execute(
            "return [...document.querySelectorAll('#unit-tree .node-name')].map(e => e.textContent);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Types into whatever has focus, as a clerk at the keyboard would.
async fn type_keys(c: &Client, text: &str) {
    c.active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

async fn select_node(c: &Client, name: &str) {
    until(
        c,
        &format!("tree shows {name}"),
        "[...document.querySelectorAll('#unit-tree .node-name')].some(e => e.textContent === arguments[0])",
        vec![json!(name)],
    )
    .await;
    c.execute(
        "[...document.querySelectorAll('#unit-tree .node-name')].find(e => e.textContent === arguments[0]).click();",
        vec![json!(name)],
    )
    .await
    .unwrap();
    until(
        c,
        &format!("details of {name}"),
        "document.querySelector('#unit-name') && document.querySelector('#unit-name').value === arguments[0]",
        vec![json!(name)],
    )
    .await;
}

/// Clicks the expand arrow of a collapsed node.
async fn expand(c: &Client, name: &str) {
    until(
        c,
        &format!("tree shows {name}"),
        "[...document.querySelectorAll('#unit-tree .node-name')].some(e => e.textContent === arguments[0])",
        vec![json!(name)],
    )
    .await;
    c.execute(
        "const item = [...document.querySelectorAll('#unit-tree .node-name')]
            .find(e => e.textContent === arguments[0]).closest('[role=treeitem]');
         if (item.getAttribute('aria-expanded') === 'false') item.querySelector('.node-toggle').click();",
        vec![json!(name)],
    )
    .await
    .unwrap();
}

/// Opens the "new child" form of the selected unit and waits for the name field to
/// have focus with the suggested code filled in.
async fn new_child(c: &Client, kind: &str) {
    css(c, &format!("[data-new-kind=\"{kind}\"]"))
        .await
        .click()
        .await
        .unwrap();
    until(
        c,
        "new form focused",
        "document.activeElement && document.activeElement.id === 'unit-name' && document.querySelector('#unit-code').value !== ''",
        vec![],
    )
    .await;
}

/// Name, Enter: saves and (continuous entry) reopens the form for the next sibling.
async fn enter_record(c: &Client, name: &str) {
    type_keys(c, name).await;
    type_keys(c, &key(Key::Enter)).await;
    until(
        c,
        &format!("{name} saved and form reopened"),
        "[...document.querySelectorAll('#unit-tree .node-name')].some(e => e.textContent === arguments[0]) \
         && document.activeElement && document.activeElement.id === 'unit-name' && document.activeElement.value === ''",
        vec![json!(name)],
    )
    .await;
}

async fn escape(c: &Client) {
    type_keys(c, &key(Key::Escape)).await;
}

/// Reopens a database the app has closed; waits for the app process to let go.
fn reopen(db: &Path) -> Store {
    let t = Instant::now();
    loop {
        match Store::open(db) {
            Ok(s) => return s,
            Err(e) if t.elapsed() < Duration::from_secs(10) => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => panic!("database still held: {e}"),
        }
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run tests/run.sh"]
async fn first_run_keyboard_entry_restart_and_literal_names() {
    let driver = Driver::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");

    let c = driver.session(&db).await;
    // First-run setup, with a bad division code first.
    fill(&c, "#setup-code", "32011510100").await;
    fill(&c, "#setup-name", "青溪街道").await;
    type_keys(&c, &key(Key::Enter)).await;
    until(
        &c,
        "code error shown",
        "(document.querySelector('[data-error-for=\"code\"]') || {}).textContent?.includes('应为12位数字，现在是11位')",
        vec![],
    )
    .await;
    screenshot(&c, "01-setup-bad-code").await;
    let code = css(&c, "#setup-code").await;
    code.clear().await.unwrap();
    code.send_keys("320115101000").await.unwrap();
    code.send_keys(&key(Key::Enter)).await.unwrap();
    css(&c, "#unit-tree").await;
    assert_eq!(
        css(&c, "#office-name").await.text().await.unwrap(),
        "青溪街道"
    );

    // A village, then by keyboard alone a compound, a grid and ten micro-grids.
    css(&c, "#new-village").await.click().await.unwrap();
    until(
        &c,
        "village form",
        "document.activeElement && document.activeElement.id === 'unit-name'",
        vec![],
    )
    .await;
    assert_eq!(
        css(&c, "#unit-code")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap(),
        "320115101001"
    );
    enter_record(&c, "青溪社区").await;
    escape(&c).await;

    select_node(&c, "青溪社区").await;
    new_child(&c, "compound").await;
    enter_record(&c, "阳光花园").await;
    enter_record(&c, XSS).await;
    escape(&c).await;

    select_node(&c, "阳光花园").await;
    new_child(&c, "base_grid").await;
    assert_eq!(
        css(&c, "#unit-code")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap(),
        "320115101001001"
    );
    // Name, Tab to the next fields: households and residents.
    type_keys(&c, "阳光花园第一网格").await;
    fill(&c, "#unit-households", "320").await;
    fill(&c, "#unit-residents", "860").await;
    fill(&c, "#unit-boundary", "东至青溪路，西至文昌街").await;
    css(&c, "#unit-residents")
        .await
        .send_keys(&key(Key::Enter))
        .await
        .unwrap();
    until(
        &c,
        "grid saved and form reopened",
        "[...document.querySelectorAll('#unit-tree .node-name')].some(e => e.textContent === '阳光花园第一网格') \
         && document.activeElement && document.activeElement.id === 'unit-name' && document.activeElement.value === ''",
        vec![],
    )
    .await;
    escape(&c).await;

    select_node(&c, "阳光花园第一网格").await;
    new_child(&c, "micro_grid").await;
    for i in 1..=10 {
        enter_record(&c, &format!("{i}号楼")).await;
    }
    escape(&c).await;
    select_node(&c, "阳光花园第一网格").await;
    screenshot(&c, "02-hierarchy-grid-details").await;

    // The hostile name is shown literally and never becomes markup.
    let names = node_names(&c).await;
    assert!(names.iter().any(|n| n == XSS), "{names:?}");
    let imgs = c
        .execute(
            "return document.querySelectorAll('#unit-tree img, #unit-detail img').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(imgs, json!(0));
    select_node(&c, XSS).await;
    assert!(c.get_alert_text().await.is_err(), "no alert() ran");
    screenshot(&c, "03-literal-name").await;
    c.close().await.unwrap();

    // Restart: everything is still there.
    let c = driver.session(&db).await;
    css(&c, "#unit-tree").await;
    expand(&c, "阳光花园").await;
    expand(&c, "阳光花园第一网格").await;
    until(
        &c,
        "micro-grids after restart",
        "document.querySelectorAll('#unit-tree [data-kind=\"micro_grid\"]').length === 10",
        vec![],
    )
    .await;
    let names = node_names(&c).await;
    for want in [
        "青溪社区",
        "阳光花园",
        XSS,
        "阳光花园第一网格",
        "1号楼",
        "10号楼",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing after restart: {names:?}"
        );
    }
    c.close().await.unwrap();

    // And the store agrees, with a change-log row per record.
    let store = reopen(&db);
    let all = units::list(store.conn()).unwrap();
    assert_eq!(all.len(), 14);
    let grid = all.iter().find(|u| u.name == "阳光花园第一网格").unwrap();
    assert_eq!((grid.households, grid.residents), (Some(320), Some(860)));
    assert_eq!(grid.boundary, "东至青溪路，西至文昌街");
    let logged: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE table_name = 'units'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 14);
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run tests/run.sh"]
async fn refused_delete_recycle_bin_change_log_and_settings() {
    let driver = Driver::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    {
        let mut s = Store::open(&db).unwrap();
        demo::fill(&mut s, &Ctx::new(Utc::now())).unwrap();
    }
    let c = driver.session(&db).await;
    css(&c, "#demo-badge").await;
    expand(&c, "阳光花园").await;
    select_node(&c, "阳光花园第一网格").await;
    screenshot(&c, "04-demo-hierarchy").await;

    // A village with compounds cannot be deleted; the message names them.
    select_node(&c, "青溪社区").await;
    css(&c, "#unit-delete").await.click().await.unwrap();
    css(&c, "#confirm-ok").await.click().await.unwrap();
    until(
        &c,
        "refusal shown",
        "!document.querySelector('#alert').hidden && document.querySelector('#alert').textContent.includes('下还有3 个小区')",
        vec![],
    )
    .await;
    screenshot(&c, "05-delete-refused").await;

    // A bad code on an edit is refused beside the field; nothing changes.
    select_node(&c, "杨柳村").await;
    let code = css(&c, "#unit-code").await;
    code.clear().await.unwrap();
    code.send_keys("3201151").await.unwrap();
    code.send_keys(&key(Key::Enter)).await.unwrap();
    until(
        &c,
        "code field error",
        "(document.querySelector('[data-error-for=\"code\"]') || {}).textContent?.includes('12位')",
        vec![],
    )
    .await;
    screenshot(&c, "06-field-error").await;
    escape(&c).await;

    // Delete an empty micro-grid, then restore it from the recycle bin.
    let filter = css(&c, "#unit-filter").await;
    filter.send_keys("阳光花园1-2栋").await.unwrap();
    select_node(&c, "阳光花园1-2栋").await;
    css(&c, "#unit-delete").await.click().await.unwrap();
    css(&c, "#confirm-ok").await.click().await.unwrap();
    until(
        &c,
        "micro-grid gone",
        "![...document.querySelectorAll('#unit-tree .node-name')].some(e => e.textContent === '阳光花园1-2栋')",
        vec![],
    )
    .await;
    css(&c, "[data-nav=\"recycle\"]")
        .await
        .click()
        .await
        .unwrap();
    let restore = css(&c, "button[data-entry-id]").await;
    screenshot(&c, "07-recycle-bin").await;
    restore.click().await.unwrap();
    until(
        &c,
        "bin empty",
        "document.body.textContent.includes('回收站是空的')",
        vec![],
    )
    .await;

    css(&c, "[data-nav=\"changelog\"]")
        .await
        .click()
        .await
        .unwrap();
    until(
        &c,
        "change log rows",
        "document.querySelectorAll('#content tbody tr').length > 3",
        vec![],
    )
    .await;
    screenshot(&c, "08-change-log").await;

    css(&c, "[data-nav=\"settings\"]")
        .await
        .click()
        .await
        .unwrap();
    css(&c, "#backup-now").await.click().await.unwrap();
    until(
        &c,
        "backup listed",
        "document.querySelectorAll('button[data-file-name]').length >= 1",
        vec![],
    )
    .await;
    css(&c, "#check-db").await.click().await.unwrap();
    until(
        &c,
        "check result",
        "document.querySelector('#content').textContent.includes('数据库文件完好')",
        vec![],
    )
    .await;
    screenshot(&c, "09-settings").await;
    c.close().await.unwrap();

    let store = reopen(&db);
    assert!(units::list(store.conn())
        .unwrap()
        .iter()
        .any(|u| u.name == "阳光花园1-2栋"));
    assert!(
        backup::list(&store).unwrap().len() >= 2,
        "start-up backup and the manual one"
    );
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run tests/run.sh"]
async fn damaged_database_is_set_aside_and_backup_restored() {
    let driver = Driver::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    {
        let mut s = Store::open(&db).unwrap();
        let ctx = Ctx::new(Utc::now());
        s.write(&ctx, |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)
        })
        .unwrap();
        demo::fill(&mut s, &ctx).unwrap();
        backup::take(&s, Utc::now(), None).unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].copy_from_slice(&[0x42; 100]);
    std::fs::write(&db, &bytes).unwrap();

    let c = driver.session(&db).await;
    css(&c, "#recovery-banner").await;
    screenshot(&c, "10-recovery-offered").await;
    css(&c, "#recovery-restore").await.click().await.unwrap();
    css(&c, "#confirm-ok").await.click().await.unwrap();
    until(
        &c,
        "restored tree",
        "[...document.querySelectorAll('#unit-tree .node-name')].some(e => e.textContent === '青溪社区')",
        vec![],
    )
    .await;
    c.close().await.unwrap();
    // The damaged file was kept, byte for byte.
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("g.db.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), bytes);
}
