//! Helper for the crash-safety test: writes large transactions through the core,
//! forever, printing `committed RUN BATCH` after each commit. The test kills it
//! with SIGKILL at a random moment.
//!
//! Usage: crash-writer DB RUN ROWS_PER_TRANSACTION

use chrono::Utc;
use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::{store::office, Ctx, Store};
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (db, run, rows) = match args.as_slice() {
        [db, run, rows] => (
            db,
            run.parse::<u32>().expect("RUN"),
            rows.parse::<u32>().expect("ROWS"),
        ),
        _ => {
            eprintln!("usage: crash-writer DB RUN ROWS_PER_TRANSACTION");
            std::process::exit(2);
        }
    };
    let mut store = Store::open(std::path::Path::new(db)).expect("open");
    let ctx = Ctx::new(Utc::now());
    let village = store
        .write(&ctx, |tx| {
            if office::get(tx)?.is_none() {
                office::setup(tx, "township", "320115101000", "崩溃测试街道", false)?;
            }
            match hierarchy::list(tx)?
                .into_iter()
                .find(|u| u.code == "320115101001")
            {
                Some(v) => Ok(v.id),
                None => hierarchy::create(tx, &gridledger_tests::test_community()).map(|u| u.id),
            }
        })
        .expect("setup");
    println!("ready {run}");
    std::io::stdout().flush().ok();
    for batch in 0.. {
        store
            .write(&ctx, |tx| {
                for i in 0..rows {
                    hierarchy::create(
                        tx,
                        &UnitInput {
                            kind: "base_grid".into(),
                            parent_id: Some(village.clone()),
                            code: format!("R{run:03}B{batch:04}-{i:05}"),
                            name: format!("第{run}轮第{batch}批第{i}号网格"),
                            area_type: "urban".into(),
                            households: Some(i as i64),
                            residents: Some(3 * i as i64),
                            boundary: "东至测试路".repeat(20),
                            ..Default::default()
                        },
                    )?;
                }
                Ok(())
            })
            .expect("write");
        println!("committed {run} {batch}");
        std::io::stdout().flush().ok();
    }
}
