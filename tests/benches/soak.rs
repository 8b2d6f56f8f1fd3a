//! `cargo bench -p gridledger-tests --bench soak`: SIGKILL soak of the two long
//! writes a clerk starts from outside files (issue 10): an import of a 3,000-row
//! roster and the receipt of a folder of township packages, each killed at a random
//! moment 200 times (`SOAK_KILLS` to change). After every kill the database must be
//! intact (integrity_check ok) and all-or-nothing: the roster is wholly one file's
//! or the other's, each township's snapshot wholly one package's. Prints the kills
//! survived.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::{demo, exchange::package, store::office, Ctx, Store};

const ROWS: usize = 3_000;

fn kills() -> usize {
    std::env::var("SOAK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn writer() -> PathBuf {
    // The bench binary sits in target/<profile>/deps; the helper one folder up.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let p = dir.join("soak-writer");
    assert!(
        p.is_file(),
        "build the helper first: cargo build --release -p gridledger-tests --bin soak-writer"
    );
    p
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Runs the helper, kills it after a random share of `typical`; true if it was
/// killed before it finished.
fn run_and_kill(args: &[&str], typical: Duration, rng: &mut Rng) -> bool {
    let mut child = Command::new(writer())
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");
    let wait = typical.mul_f64((rng.next() % 1000) as f64 / 1000.0 * 1.2);
    std::thread::sleep(wait);
    child.kill().ok();
    child.wait().ok();
    !matches!(lines.next(), Some(Ok(l)) if l == "done")
}

/// Runs the helper to the end; true if it finished.
fn run_to_end(args: &[&str]) -> bool {
    let out = Command::new(writer()).args(args).output().unwrap();
    out.status.success() && String::from_utf8_lossy(&out.stdout).contains("done")
}

fn integrity(db: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    let r: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(r, "ok");
}

fn roster(path: &Path, phone_base: u64) {
    let mut s = String::from("姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区\n");
    for i in 0..ROWS {
        let id = gridledger_tests::id_number(i);
        s.push_str(&format!(
            "人{i},{id},{},网格员,专职,一网格\n",
            phone_base + i as u64
        ));
    }
    std::fs::write(path, s).unwrap();
}

fn import_soak(dir: &Path, n: usize) {
    let db = dir.join("import.db");
    {
        let mut s = Store::open(&db).unwrap();
        let ctx = Ctx::new(Utc::now());
        s.write(&ctx, |tx| {
            office::setup(tx, "township", "320115101000", "浸泡测试街道", false)?;
            let v = hierarchy::create(tx, &gridledger_tests::test_community())?;
            hierarchy::create(
                tx,
                &UnitInput::new(
                    "base_grid",
                    Some(&v.id),
                    "320115101001001",
                    "一网格",
                    "urban",
                ),
            )
            .map(|_| ())
        })
        .unwrap();
    }
    let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
    roster(&a, 13_800_000_000);
    roster(&b, 13_900_000_000);
    // How long one import takes, to spread the kills over it.
    let t = Instant::now();
    assert!(run_to_end(&[
        "import",
        db.to_str().unwrap(),
        a.to_str().unwrap()
    ]));
    let typical = t.elapsed();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut killed, mut survived) = (0, 0);
    for k in 0..n {
        let file = if k % 2 == 0 { &b } else { &a };
        if run_and_kill(
            &["import", db.to_str().unwrap(), file.to_str().unwrap()],
            typical,
            &mut rng,
        ) {
            killed += 1;
        }
        integrity(&db);
        let c = rusqlite::Connection::open(&db).unwrap();
        let (total, from_a, from_b): (i64, i64, i64) = c
            .query_row(
                "SELECT count(*), sum(phone LIKE '138%'), sum(phone LIKE '139%') FROM people",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(total as usize, ROWS);
        assert!(
            from_a as usize == ROWS || from_b as usize == ROWS,
            "kill {k}: half an import ({from_a} / {from_b})"
        );
        survived += 1;
    }
    println!(
        "import soak: {survived}/{n} kills survived ({killed} mid-import), one import {:.2} s",
        typical.as_secs_f64()
    );
}

fn receive_soak(dir: &Path, n: usize) {
    let ctx = Ctx::new(Utc::now());
    let (old, new) = (dir.join("old"), dir.join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    let mut counts = Vec::new();
    for t in 1..=4 {
        let code = format!("320115{:03}000", 100 + t);
        let mut s = Store::open(&dir.join(format!("t{t}.db"))).unwrap();
        s.write(&ctx, |tx| {
            office::setup(tx, "township", &code, &format!("浸泡{t}镇"), false).map(|_| ())
        })
        .unwrap();
        demo::fill(&mut s, &ctx).unwrap();
        package::export(&mut s, &ctx, &old).unwrap();
        let before =
            gridledger_core::exchange::report::report(s.conn(), chrono::Utc::now().date_naive())
                .unwrap()
                .own["grids.base"];
        // The second package differs: one more base grid.
        let village = hierarchy::list(s.conn())
            .unwrap()
            .into_iter()
            .find(|u| u.parent_id.is_none())
            .unwrap();
        s.write(&ctx, |tx| {
            hierarchy::create(
                tx,
                &UnitInput::new(
                    "base_grid",
                    Some(&village.id),
                    &format!("{}{:03}", village.code, 990),
                    "新增网格",
                    "urban",
                ),
            )
            .map(|_| ())
        })
        .unwrap();
        package::export(&mut s, &ctx, &new).unwrap();
        let after =
            gridledger_core::exchange::report::report(s.conn(), chrono::Utc::now().date_naive())
                .unwrap()
                .own["grids.base"];
        counts.push((code, before, after));
    }
    let db = dir.join("county.db");
    {
        let mut s = Store::open(&db).unwrap();
        s.write(&ctx, |tx| {
            office::setup(tx, "county", "320115000000", "浸泡测试区", false).map(|_| ())
        })
        .unwrap();
        package::receive_many(&mut s, &ctx, std::slice::from_ref(&old), true, |_, _, _| {})
            .unwrap();
    }
    let t = Instant::now();
    assert!(run_to_end(&[
        "receive",
        db.to_str().unwrap(),
        new.to_str().unwrap()
    ]));
    let typical = t.elapsed();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut killed, mut survived) = (0, 0);
    for k in 0..n {
        let folder = if k % 2 == 0 { &old } else { &new };
        if run_and_kill(
            &["receive", db.to_str().unwrap(), folder.to_str().unwrap()],
            typical,
            &mut rng,
        ) {
            killed += 1;
        }
        integrity(&db);
        let s = Store::open_existing(&db).unwrap();
        let r =
            gridledger_core::exchange::report::report(s.conn(), chrono::Utc::now().date_naive())
                .unwrap();
        for (code, a, b) in &counts {
            let held = r
                .offices
                .get(code)
                .map(|o| o.totals["grids.base"])
                .unwrap_or(0);
            assert!(
                held == *a || held == *b,
                "kill {k}: {code} holds {held} base grids, neither package ({a} / {b})"
            );
        }
        survived += 1;
    }
    println!(
        "folder receipt soak: {survived}/{n} kills survived ({killed} mid-receipt), one receipt of 4 packages {:.2} s",
        typical.as_secs_f64()
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let n = kills();
    import_soak(dir.path(), n);
    receive_soak(dir.path(), n);
}
