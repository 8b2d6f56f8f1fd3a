//! Kill a writer with SIGKILL in the middle of large transactions, many times, and
//! check that the database is intact: integrity ok, every batch all-or-nothing,
//! every reported commit present, and the change log in step with the records.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use gridledger_core::Store;

const RUNS: u32 = 24;
const ROWS: u32 = 2000;

#[test]
fn sigkill_mid_transaction_never_corrupts_or_half_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    let mut reported: Vec<(u32, u32)> = Vec::new();
    let mut killed_mid_run = 0;
    for run in 0..RUNS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
            .args([db.to_str().unwrap(), &run.to_string(), &ROWS.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn crash-writer");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), format!("ready {run}"));
        // Let a first batch commit in most runs, then kill at a random moment, which
        // usually falls inside the next (long) transaction.
        let started = Instant::now();
        let first = lines.next().unwrap().unwrap();
        let batch_time = started.elapsed();
        reported.push(parse(&first));
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = batch_time.mul_f64(((seed >> 33) % 1000) as f64 / 1000.0 * 1.5);
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        for line in lines.map_while(Result::ok) {
            reported.push(parse(&line));
        }
        if wait < batch_time {
            killed_mid_run += 1;
        }
        check(&db, &reported);
    }
    assert!(
        killed_mid_run >= 5,
        "kills mostly land mid-transaction ({killed_mid_run})"
    );
    // Every batch the writer reported committed is there, and nothing else beyond
    // at most one interrupted batch per run was ever visible.
    assert!(reported.len() >= RUNS as usize);
}

fn parse(line: &str) -> (u32, u32) {
    let parts: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(parts[0], "committed", "{line}");
    (parts[1].parse().unwrap(), parts[2].parse().unwrap())
}

fn check(db: &std::path::Path, reported: &[(u32, u32)]) {
    // Opening takes the lock: the killed writer must have released it.
    let store = Store::open(db).expect("reopen after SIGKILL");
    let c = store.conn();
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let mut stmt = c
        .prepare(
            "SELECT substr(code, 1, 9), count(*) FROM units WHERE kind = 'base_grid' GROUP BY 1",
        )
        .unwrap();
    let batches: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (batch, n) in &batches {
        assert_eq!(*n, ROWS as i64, "batch {batch} is half-written");
    }
    for (run, batch) in reported {
        let key = format!("R{run:03}B{batch:04}");
        assert!(
            batches.iter().any(|(b, _)| *b == key),
            "committed batch {key} lost"
        );
    }
    let units: i64 = c
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap();
    let logged: i64 = c
        .query_row(
            "SELECT count(*) FROM change_log WHERE table_name = 'units' AND op = 'create'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(units, logged, "change log out of step with records");
}
