//! `cargo bench -p gridledger-tests --bench startup`: launch to the dashboard's
//! first figures, GridLedger against a bare Tauri 2 app (`tests/bare-app`, whose page
//! invokes one command), in the real window under Xvfb (issue 13, item 5).
//!
//! Needs both release binaries and Xvfb:
//! `cargo build --release -p gridledger && cargo build --release -p gridledger-bare`
//! first: two commands, since one would unify the bare app's Tauri features into ours
//! and the size printed would not be the shipped binary's (or point
//! `STARTUP_BIN_DIR` at the folder holding both). Each figure is
//! the median of `STARTUP_RUNS` (default 7) launches, the two apps taking turns so
//! both meet the same warm caches. Databases: the demo township, and the demo plus
//! `STARTUP_PEOPLE` (default 100,000) imported people; with `STARTUP_CITY_DB=PATH`
//! also a city's database (`CHAIN_KEEP_CITY=PATH cargo bench -p gridledger-tests
//! --bench chain` writes one holding 1,000,000 received records). Figures, not
//! pass/fail.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
use gridledger_core::hierarchy::{self, UnitKind};
use gridledger_core::{demo, Ctx, Store};
use gridledger_tests::aim;

fn release_bin(name: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("STARTUP_BIN_DIR") {
        let p = PathBuf::from(dir).join(name);
        return p.exists().then_some(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let p = target.join("release").join(name);
    p.exists().then_some(p)
}

/// Runs `cmd` until it prints the probe line; the time from spawn to that line.
/// A launch that ends first (seen at the first launch, while Xvfb was still
/// starting) is tried again once, saying what it wrote to stderr.
fn launch(mut cmd: Command) -> f64 {
    for attempt in 0..2 {
        let err = tempfile::NamedTempFile::new().expect("stderr file");
        let t = Instant::now();
        let mut child: Child = cmd
            .stdout(Stdio::piped())
            .stderr(err.reopen().expect("stderr file"))
            .spawn()
            .expect("launch the app");
        let out = child.stdout.take().expect("stdout");
        let mut seen = None;
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if line.starts_with("startup-probe: ready") {
                seen = Some(t.elapsed().as_secs_f64() * 1000.0);
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        if let Some(ms) = seen {
            return ms;
        }
        let said = std::fs::read_to_string(err.path()).unwrap_or_default();
        let tail: Vec<&str> = said.lines().rev().take(5).collect();
        eprintln!(
            "startup bench: launch {} of {:?} ended before its first figures; stderr: {tail:?}",
            attempt + 1,
            cmd.get_program()
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    panic!("the app exited twice before showing its first figures")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn demo_db(path: &Path) {
    let mut store = Store::open(path).unwrap();
    demo::fill(&mut store, &Ctx::new(Utc::now())).unwrap();
}

/// The demo township plus `n` valid grid workers imported from CSV.
fn big_db(path: &Path, n: usize) {
    demo_db(path);
    let mut store = Store::open(path).unwrap();
    let ctx = Ctx::new(Utc::now());
    let grids: Vec<String> = hierarchy::list(store.conn())
        .unwrap()
        .into_iter()
        .filter(|u| u.kind == UnitKind::BaseGrid)
        .map(|u| u.code)
        .collect();
    let dir = path.parent().unwrap();
    let cancel = AtomicBool::new(false);
    for (k, start) in (0..n).step_by(50_000).enumerate() {
        let csv = dir.join(format!("people-{k}.csv"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
        writeln!(f, "姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区").unwrap();
        for i in start..(start + 50_000).min(n) {
            let id = gridledger_tests::id_number(i);
            let phone = format!("13{:09}", (i as u64 * 7919) % 1_000_000_000);
            writeln!(
                f,
                "网格员{i},{id},{phone},网格员,专职,{}",
                grids[i % grids.len()]
            )
            .unwrap();
        }
        drop(f);
        let s = gridledger_core::kinds::ImportKind::people()
            .commit(&mut store, &ctx, &csv, &cancel, &mut |_, _| {})
            .unwrap();
        assert_eq!(s.rejected, 0, "{}", s.text());
    }
}

fn main() {
    let (Some(app), Some(bare)) = (release_bin("gridledger"), release_bin("gridledger-bare"))
    else {
        println!(
            "startup bench: build the release binaries first:\n  cargo build --release -p gridledger && cargo build --release -p gridledger-bare"
        );
        return;
    };
    let runs: usize = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let people: usize = std::env::var("STARTUP_PEOPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (display, xvfb) = gridledger_tests::display();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let demo_path = dir.path().join("demo").join("demo.db");
    std::fs::create_dir_all(demo_path.parent().unwrap()).unwrap();
    demo_db(&demo_path);
    let big_path = dir.path().join("big").join("big.db");
    std::fs::create_dir_all(big_path.parent().unwrap()).unwrap();
    let t = Instant::now();
    big_db(&big_path, people);
    println!(
        "GridLedger start-up bench: {runs} launches each under Xvfb ({} people imported in {:.1} s)",
        people,
        t.elapsed().as_secs_f64()
    );
    let command = |bin: &Path, db: Option<&Path>| {
        let mut c = Command::new(bin);
        if let Some(db) = db {
            c.arg("--db").arg(db);
        }
        c.env("DISPLAY", &display)
            .env("HOME", &home)
            .env("GRIDLEDGER_STARTUP_PROBE", "1");
        c
    };
    // Warm the caches once each.
    launch(command(&bare, None));
    launch(command(&app, Some(&demo_path)));
    // A copy of the city's database, as the app may write to it (its start-up work).
    let city = std::env::var("STARTUP_CITY_DB").ok().map(|from| {
        let to = dir.path().join("city").join("city.db");
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
        let records: i64 = Store::open(&to)
            .unwrap()
            .conn()
            .query_row("SELECT count(*) FROM snapshot_records", [], |r| r.get(0))
            .unwrap();
        launch(command(&app, Some(&to)));
        (to, records)
    });
    let (mut b, mut d, mut g, mut c) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        b.push(launch(command(&bare, None)));
        d.push(launch(command(&app, Some(&demo_path))));
        g.push(launch(command(&app, Some(&big_path))));
        if let Some((path, _)) = &city {
            c.push(launch(command(&app, Some(path))));
        }
    }
    let bare_ms = median(b);
    let mut rows = vec![
        ("launch to dashboard figures, demo township".to_string(), d),
        (format!("launch to dashboard figures, {people} people"), g),
    ];
    if let Some((_, records)) = &city {
        rows.push((
            format!("launch to dashboard figures, city ({records} received)"),
            c,
        ));
    }
    let mut ratios = Vec::new();
    for (label, v) in rows {
        let ms = median(v);
        println!(
            "{label:<52} {ms:>8.0} ms  bare app {bare_ms:>6.0} ms  ratio {:>5.2}",
            ms / bare_ms
        );
        ratios.push(ms / bare_ms);
    }
    // Issue 13's aims, as measured in this run (the demo, the large township, the city).
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    println!("\nissue 13's aims:");
    let limits = [1.3, 1.5, 1.5];
    let names = [
        "the demo township".to_string(),
        format!("{people} people"),
        "the city".to_string(),
    ];
    for ((ratio, limit), name) in ratios.iter().zip(limits).zip(names) {
        aim(
            &format!("start-up <= {limit}x the bare app, {name}"),
            &format!("{ratio:.2}x"),
            *ratio <= limit,
        );
    }
    let bytes = size(&app);
    aim(
        &format!("release binary <= 15 MB (bare app {} B)", size(&bare)),
        &format!("{bytes} B"),
        bytes <= 15_000_000,
    );
    if let Some(mut x) = xvfb {
        let _ = x.kill();
        let _ = x.wait();
    }
}
