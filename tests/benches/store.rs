//! `cargo bench -p gridledger-tests`: prints how fast the store is at sizes well
//! beyond a large township (a township has tens of villages and a few hundred grids).
//! Figures, not pass/fail: the README quotes them.

use std::time::Instant;

use chrono::Utc;
use gridledger_core::units::{self, UnitInput};
use gridledger_core::{backup, check, demo, office, Ctx, Store};

fn grid(parent: &str, i: usize) -> UnitInput {
    UnitInput {
        kind: "base_grid".into(),
        parent_id: Some(parent.into()),
        code: format!("G{i:06}"),
        name: format!("第{i}网格"),
        area_type: "urban".into(),
        households: Some(300),
        residents: Some(900),
        boundary: "东至青溪路，南至文昌街，西至秦淮河，北至健康路".into(),
        ..Default::default()
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let ctx = Ctx::new(Utc::now());

    let t = Instant::now();
    let mut store = Store::open(&path).unwrap();
    println!("open + migrate a new database:            {:8.1} ms", ms(t));

    let t = Instant::now();
    let s = demo::fill(&mut store, &ctx).unwrap();
    println!(
        "demo township ({} units, one transaction):  {:8.1} ms",
        s.villages + s.compounds + s.base_grids + s.micro_grids,
        ms(t)
    );
    let village = units::list(store.conn()).unwrap()[0].id.clone();

    const ONE_BY_ONE: usize = 500;
    let t = Instant::now();
    for i in 0..ONE_BY_ONE {
        store
            .write(&ctx, |tx| units::create(tx, &grid(&village, i)))
            .unwrap();
    }
    let per = ms(t) / ONE_BY_ONE as f64;
    println!("create one unit per transaction (fsync):  {per:8.2} ms each ({ONE_BY_ONE} saves)");

    const BULK: usize = 20_000;
    let t = Instant::now();
    store
        .write(&ctx, |tx| {
            for i in ONE_BY_ONE..ONE_BY_ONE + BULK {
                units::create(tx, &grid(&village, i))?;
            }
            Ok(())
        })
        .unwrap();
    println!(
        "create {BULK} units in one transaction:     {:8.1} ms ({:.0} units/s)",
        ms(t),
        BULK as f64 / t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let n = units::list(store.conn()).unwrap().len();
    println!("list all {n} units (tree load):           {:8.1} ms", ms(t));

    let t = Instant::now();
    check::run(store.conn()).unwrap();
    println!("data check on {n} units:                  {:8.1} ms", ms(t));

    let t = Instant::now();
    let b = backup::take(&store, Utc::now(), None).unwrap();
    println!(
        "online backup of a {:.1} MB database:       {:8.1} ms",
        b.size_bytes as f64 / 1e6,
        ms(t)
    );
    assert!(office::get(store.conn()).unwrap().is_some());
}
