//! `cargo bench -p gridledger-tests`: prints how fast the store is at sizes well
//! beyond a large township (a township has tens of villages and a few hundred grids).
//! Figures, not pass/fail: the README quotes them.

use std::time::Instant;

use chrono::Utc;
use gridledger_core::hierarchy;
use gridledger_core::{demo, hierarchy::check, store::backup, store::office, Ctx, Store};

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
        "demo township ({} units, {} people, one transaction): {:8.1} ms",
        s.villages + s.compounds + s.base_grids + s.micro_grids,
        s.people,
        ms(t)
    );
    let village = hierarchy::list(store.conn()).unwrap()[0].id.clone();

    const ONE_BY_ONE: usize = 500;
    let t = Instant::now();
    for i in 0..ONE_BY_ONE {
        store
            .write(&ctx, |tx| {
                hierarchy::create(tx, &gridledger_tests::base_grid(&village, i))
            })
            .unwrap();
    }
    let per = ms(t) / ONE_BY_ONE as f64;
    println!("create one unit per transaction (fsync):  {per:8.2} ms each ({ONE_BY_ONE} saves)");

    const BULK: usize = 20_000;
    let t = Instant::now();
    store
        .write(&ctx, |tx| {
            for i in ONE_BY_ONE..ONE_BY_ONE + BULK {
                hierarchy::create(tx, &gridledger_tests::base_grid(&village, i))?;
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
    let n = hierarchy::list(store.conn()).unwrap().len();
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

    people_figures(&dir, &mut store, &ctx);
    chain_figures(&dir, &mut store, &ctx);
}

/// Export of this (very large) township, receipt at a county, the county's report.
fn chain_figures(dir: &tempfile::TempDir, store: &mut Store, ctx: &Ctx) {
    use gridledger_core::{exchange::package, exchange::report};
    let records = report::Records::own(store.conn()).unwrap();
    let n: usize = records.counts().values().sum();
    let t = Instant::now();
    let e = package::export(store, ctx, dir.path()).unwrap();
    println!(
        "export a township package ({n} records):  {:8.1} ms ({:.1} MB)",
        ms(t),
        e.bytes as f64 / 1e6
    );
    let mut county = Store::open(&dir.path().join("county.db")).unwrap();
    county
        .write(ctx, |tx| {
            office::setup(tx, "county", "320115000000", "江宁区", false)
        })
        .unwrap();
    let t = Instant::now();
    let r = package::receive(&mut county, ctx, std::path::Path::new(&e.path), false).unwrap();
    println!(
        "receive it at the county ({}):          {:8.1} ms",
        r.outcome,
        ms(t)
    );
    let t = Instant::now();
    let rep = report::report(county.conn(), chrono::Utc::now().date_naive()).unwrap();
    println!(
        "county report over {n} received records: {:8.1} ms ({} base grids)",
        ms(t),
        rep.total["grids.base"]
    );
}

/// The people registry at 5,000 people (a large township has a few hundred).
fn people_figures(dir: &tempfile::TempDir, store: &mut Store, ctx: &Ctx) {
    use gridledger_core::kinds::ImportKind as Kind;
    use gridledger_core::people::{self, roster, PersonQuery};
    const N: usize = 5_000;
    let mut csv =
        String::from("姓名,身份证号码,手机号码,身份,专职/兼职,所属村/社区,所在网格/小区\n");
    let given = ["伟", "芳", "娜", "敏", "静", "晓东", "海燕", "志强"];
    for i in 0..N {
        let id = gridledger_tests::id_number(i);
        csv.push_str(&format!(
            "{}{}{},{id},1{}{:08},网格员,专职,青溪社区,阳光花园第一网格\n",
            ["王", "李", "张", "刘", "陈"][i % 5],
            given[i % given.len()],
            i,
            38,
            i
        ));
    }
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, csv).unwrap();
    let t = Instant::now();
    let preview = Kind::people()
        .preview(store.conn(), &path, ctx.today())
        .unwrap();
    println!(
        "preview a {N}-row roster file:            {:8.1} ms ({} valid)",
        ms(t),
        preview.valid_rows
    );
    let t = Instant::now();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let s = Kind::people()
        .commit(store, ctx, &path, &cancel, &mut |_, _| {})
        .unwrap();
    println!(
        "import {N} people (one transaction):      {:8.1} ms ({} created)",
        ms(t),
        s.created
    );
    let t = Instant::now();
    let s = Kind::people()
        .commit(store, ctx, &path, &cancel, &mut |_, _| {})
        .unwrap();
    println!(
        "re-import the same file (all unchanged):  {:8.1} ms ({} unchanged)",
        ms(t),
        s.unchanged
    );
    let q = PersonQuery {
        role: "grid_worker".into(),
        text: "晓东".into(),
        page_size: 20,
        ..Default::default()
    };
    let t = Instant::now();
    let rounds = 20;
    let mut total = 0;
    for _ in 0..rounds {
        total = people::list(store.conn(), &q).unwrap().total;
    }
    println!(
        "search \"晓东\" among {N} (first page of 20):   {:8.2} ms ({total} found)",
        ms(t) / rounds as f64
    );
    let t = Instant::now();
    let n = roster::export_xlsx(
        store,
        ctx,
        &PersonQuery::default(),
        false,
        &dir.path().join("all.xlsx"),
    )
    .unwrap();
    println!("export {n} people to .xlsx (masked):      {:8.1} ms", ms(t));

    // 变更记录's page (50 rows, as the window asks), each with its record's summary and
    // the names of the records it points to, first and last page of the whole log.
    let total: u32 = store
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    for (what, offset) in [("first", 0), ("last", total.saturating_sub(50))] {
        let t = Instant::now();
        let rows =
            gridledger_core::kinds::change_log(store.conn(), None, None, 50, offset).unwrap();
        let names: usize = rows.iter().map(|r| r.names.len()).sum();
        println!(
            "change log, {what} page of {total} rows (50, {names} records named): {:8.1} ms",
            ms(t)
        );
    }
}
