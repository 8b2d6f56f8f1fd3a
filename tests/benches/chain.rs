//! `cargo bench -p gridledger-tests --bench chain`: the chain of files at county
//! scale, on generated data in one run. Prints figures (not pass/fail) for the
//! README: export of a township with 10,000 records; receipt at a county of 200
//! township packages holding 1,000,000 records in all (one call, as when a clerk
//! picks a folder); the county's export carrying all 200; receipt of that at a
//! city; the city report over all of it; peak memory of each step. Last, evidence
//! files up the chain: a township with `CHAIN_EVIDENCE_MB` (270) of photos exports,
//! a county receives and passes it up, a city receives that: each step's peak, which
//! must not grow with the files (`CHAIN_EVIDENCE_ONLY=1`: only this part).

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Utc;
use gridledger_core::exchange::package::{self, Manifest};
use gridledger_core::hierarchy;
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::{
    demo,
    exchange::{dashboard, report, senders},
    store::office,
    Ctx, Store,
};

const TOWNSHIPS: usize = 200;
const PER_TOWNSHIP: usize = 5_000;

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// A township with the demo data, `people` more grid workers (imported) and
/// base grids up to `records` records in all.
fn township(dir: &Path, code: &str, records: usize, people: usize) -> Store {
    let ctx = Ctx::new(Utc::now());
    let path = dir.join(format!("{code}.db"));
    let mut store = Store::open(&path).unwrap();
    store
        .write(&ctx, |tx| {
            office::setup(tx, "township", code, "青溪街道", false)
        })
        .unwrap();
    demo::fill(&mut store, &ctx).unwrap();
    let mut csv =
        String::from("姓名,身份证号码,手机号码,身份,专职/兼职,所属村/社区,所在网格/小区\n");
    for i in 0..people {
        let id = gridledger_tests::id_number(i);
        csv.push_str(&format!(
            "网格员{i},{id},139{i:08},网格员,{},青溪社区,阳光花园第一网格\n",
            if i % 3 == 0 { "兼职" } else { "专职" }
        ));
    }
    let roster = dir.join(format!("{code}.csv"));
    std::fs::write(&roster, csv).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    Kind::people()
        .commit(&mut store, &ctx, &roster, &cancel, &mut |_, _| {})
        .unwrap();
    let have = {
        let r = report::Records::own(store.conn()).unwrap();
        r.counts().values().sum::<usize>()
    };
    let village = hierarchy::list(store.conn()).unwrap()[0].id.clone();
    store
        .write(&ctx, |tx| {
            for i in have..records {
                hierarchy::create(tx, &gridledger_tests::base_grid(&village, i))?;
            }
            Ok(())
        })
        .unwrap();
    store
}

/// The same package as if exported by another township: owner codes, the
/// manifest's sender and every checksum rewritten. (Building 200 real township
/// databases would take minutes and measure nothing more.)
fn as_township(package: &[u8], from: &str, code: &str, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(package)).unwrap();
    let mut manifest: Manifest = {
        let mut s = Vec::new();
        zip.by_name("manifest.json")
            .unwrap()
            .read_to_end(&mut s)
            .unwrap();
        serde_json::from_slice(&s).unwrap()
    };
    let old = format!("\"ownerCode\":\"{from}\"");
    let new = format!("\"ownerCode\":\"{code}\"");
    let mut parts = Vec::new();
    for part in &mut manifest.parts {
        let mut data = Vec::new();
        zip.by_name(&part.path)
            .unwrap()
            .read_to_end(&mut data)
            .unwrap();
        let text = String::from_utf8(data).unwrap().replace(&old, &new);
        part.sha256 = package::sha256(text.as_bytes());
        part.bytes = text.len() as u64;
        parts.push((part.path.clone(), text.into_bytes()));
    }
    manifest.office.code = code.into();
    manifest.office.name = name.into();
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("manifest.json", opts).unwrap();
    w.write_all(&serde_json::to_vec_pretty(&manifest).unwrap())
        .unwrap();
    for (path, bytes) in parts {
        w.start_file(path, opts).unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn county_store(dir: &Path, level: &str, code: &str, name: &str) -> Store {
    let mut s = Store::open(&dir.join(format!("{code}.db"))).unwrap();
    s.write(&Ctx::new(Utc::now()), |tx| {
        office::setup(tx, level, code, name, false)
    })
    .unwrap();
    s
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::new(Utc::now());
    if std::env::var_os("CHAIN_EVIDENCE_ONLY").is_some() {
        return evidence_up_the_chain(dir.path(), &ctx);
    }
    println!("generating townships …");

    // 1. Export of a township with 10,000 records.
    let big_dir = dir.path().join("big");
    std::fs::create_dir_all(&big_dir).unwrap();
    let mut big = township(&big_dir, "320115101000", 10_000, 2_000);
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let e = package::export(&mut big, &ctx, &big_dir).unwrap();
    println!(
        "export a township of 10,000 records:          {:7.2} s  ({:.1} MB file, peak {:.0} MB)",
        secs(t),
        e.bytes as f64 / 1e6,
        gridledger_tests::peak_mb()
    );
    drop(big);

    // 2. 200 township packages of 5,000 records each.
    let small_dir = dir.path().join("small");
    std::fs::create_dir_all(&small_dir).unwrap();
    let mut small = township(&small_dir, "320115101000", PER_TOWNSHIP, 1_000);
    let template = package::export(&mut small, &ctx, &small_dir).unwrap();
    let template = std::fs::read(&template.path).unwrap();
    drop(small);
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    for i in 0..TOWNSHIPS {
        let code = format!("320115{:03}000", 101 + i);
        let bytes = as_township(
            &template,
            "320115101000",
            &code,
            &format!("第{}街道", i + 1),
        );
        std::fs::write(inbox.join(format!("{code}.zip")), bytes).unwrap();
    }
    let mut county = county_store(dir.path(), "county", "320115000000", "江宁区");
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let receipts = package::receive_many(
        &mut county,
        &ctx,
        std::slice::from_ref(&inbox),
        false,
        |_, _, _| {},
    )
    .unwrap();
    let accepted = receipts.iter().filter(|r| r.outcome == "accepted").count();
    assert_eq!(
        accepted,
        TOWNSHIPS,
        "{:?}",
        receipts.iter().find(|r| r.outcome != "accepted")
    );
    let records: i64 = county
        .conn()
        .query_row("SELECT COUNT(*) FROM snapshot_records", [], |r| r.get(0))
        .unwrap();
    println!(
        "county receives {TOWNSHIPS} packages, {records} records:  {:7.2} s  (peak {:.0} MB)",
        secs(t),
        gridledger_tests::peak_mb()
    );
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let rep = report::report(county.conn(), chrono::Utc::now().date_naive()).unwrap();
    println!(
        "county report over them:                      {:7.3} s  ({} base grids)",
        secs(t),
        rep.total["grids.base"]
    );

    // 3. Passing up: the county's package carries all 200; the city receives it.
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let up = package::export(&mut county, &ctx, dir.path()).unwrap();
    println!(
        "county export carrying {TOWNSHIPS} townships:         {:7.2} s  ({:.0} MB file, peak {:.0} MB)",
        secs(t),
        up.bytes as f64 / 1e6,
        gridledger_tests::peak_mb()
    );
    drop(county);
    let mut city = county_store(dir.path(), "city", "320100000000", "南京市");
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let r = package::receive(&mut city, &ctx, &PathBuf::from(&up.path), false).unwrap();
    assert_eq!(r.outcome, "accepted");
    println!(
        "city receives it ({records} records):         {:7.2} s  (peak {:.0} MB)",
        secs(t),
        gridledger_tests::peak_mb()
    );
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let rep = report::report(city.conn(), chrono::Utc::now().date_naive()).unwrap();
    println!(
        "city report over all of it:                   {:7.3} s  ({} base grids, {} grid workers)",
        secs(t),
        rep.total["grids.base"],
        rep.total["people.grid_workers"]
    );
    // The 首页 at the city: this year beside the last, each received office's
    // figures for the period (kept at receipt).
    let kept: i64 = city
        .conn()
        .query_row("SELECT count(*) FROM snapshot_period_figures", [], |r| {
            r.get(0)
        })
        .unwrap();
    println!("city figures kept at receipt:                 {kept} (snapshot, period)");
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let d = dashboard::dashboard(city.conn(), chrono::Utc::now().date_naive()).unwrap();
    println!(
        "city dashboard (this year beside the last):   {:7.3} s  (peak {:.0} MB, {} grid workers)",
        secs(t),
        gridledger_tests::peak_mb(),
        d.total["people.grid_workers"]
    );
    // And who has sent, which a county's or city's 首页 shows beside the figures.
    let t = Instant::now();
    let sent = senders::who_has_sent(city.conn(), chrono::Utc::now().date_naive()).unwrap();
    println!(
        "city who-has-sent (首页 beside the figures):    {:7.3} s  ({} offices)",
        secs(t),
        sent.rows.len()
    );
    let t = Instant::now();
    let d = report::drill(
        city.conn(),
        "all",
        "people.grid_workers",
        chrono::Utc::now().date_naive(),
    )
    .unwrap();
    println!(
        "city drill-down to every grid worker ({}):  {:7.2} s",
        d.count,
        secs(t)
    );
    evidence_up_the_chain(dir.path(), &ctx);
    // CHAIN_KEEP_CITY=PATH keeps the city's database (the start-up bench launches
    // the app on it with STARTUP_CITY_DB=PATH).
    if let Ok(keep) = std::env::var("CHAIN_KEEP_CITY") {
        drop(city);
        std::fs::copy(dir.path().join("320100000000.db"), &keep).unwrap();
        println!("city database kept at {keep}");
    }
}

/// A township whose co-building projects carry `CHAIN_EVIDENCE_MB` of incompressible
/// files (90 MB each, under the 100 MB a file may have), through county and city.
fn evidence_up_the_chain(dir: &Path, ctx: &Ctx) {
    let mb: usize = std::env::var("CHAIN_EVIDENCE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(270);
    let dir = dir.join("evidence");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("township.db");
    let mut township = Store::open(&db).unwrap();
    township
        .write(ctx, |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)
        })
        .unwrap();
    demo::fill(&mut township, ctx).unwrap();
    // Co-building projects' evidence travels in the package (a visit's stays home).
    let projects =
        gridledger_core::store::ledger::list::<gridledger_core::cobuild::Project>(township.conn())
            .unwrap();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for (i, left) in (0..mb).step_by(90).map(|s| (mb - s).min(90)).enumerate() {
        let photo = dir.join(format!("照片{i}.jpg"));
        let mut bytes = Vec::with_capacity(left << 20);
        bytes.extend_from_slice(b"\xFF\xD8\xFF\xE0");
        while bytes.len() < left << 20 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.extend_from_slice(&seed.to_le_bytes());
        }
        std::fs::write(&photo, bytes).unwrap();
        let project = &projects[i % projects.len()].id;
        township
            .write(ctx, |tx| {
                gridledger_core::kinds::attach_files(tx, &db, "projects", project, &[photo])
            })
            .unwrap();
    }
    let e = step(
        &format!("township export with {mb} MB of evidence:"),
        || with_size(package::export_with(&mut township, ctx, &dir, true)),
    );
    drop(township);
    let mut county = county_store(&dir, "county", "320115000000", "江宁区");
    step("county receives it:", || {
        accepted(&mut county, ctx, &e.path)
    });
    let up = step("county export carrying it:", || {
        with_size(package::export(&mut county, ctx, &dir))
    });
    drop(county);
    let mut city = county_store(&dir, "city", "320100000000", "南京市");
    step("city receives that:", || accepted(&mut city, ctx, &up.path));
}

/// An export, and its size to print.
fn with_size(e: gridledger_core::Result<package::Exported>) -> (package::Exported, String) {
    let e = e.unwrap();
    let size = format!("{:.0} MB file, ", e.bytes as f64 / 1e6);
    (e, size)
}

/// Receives the package at `path`, which must be accepted.
fn accepted(store: &mut Store, ctx: &Ctx, path: &str) -> ((), String) {
    let r = package::receive(store, ctx, Path::new(path), false).unwrap();
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    ((), String::new())
}

/// Runs `f`, printing its time and how far the process's resident memory grew
/// over it, after what `f` says of its result.
fn step<T>(what: &str, f: impl FnOnce() -> (T, String)) -> T {
    let before = gridledger_tests::rss_mb();
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let (out, said) = f();
    println!(
        "{what:<46} {:7.2} s  ({said}peak {:.0} MB over the {before:.0} MB before)",
        secs(t),
        gridledger_tests::peak_mb() - before,
    );
    out
}
