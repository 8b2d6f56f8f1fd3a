//! `cargo bench -p gridledger-tests --bench scale`: GridLedger at a hundred times a
//! real township (issue 13), each figure beside the same work done the plainest way
//! in the same run (the baseline) and the ratio. 100,000 people by default;
//! `SCALE_PEOPLE=1000000` for a million. Figures, not pass/fail.
//!
//! - import: the people CSV through `gridledger_core::kinds::ImportKind::people().commit`, in files of
//!   50,000 rows, against one transaction of prepared inserts into a plain table
//!   with two indexes (WAL, synchronous=FULL);
//! - search: `people::list` (first page of 20 + total count) p95 against a `LIKE`
//!   scan + `count(*)` over the plain table;
//! - the 网格员 tab (opens by default): first page and page 100;
//! - the dashboard, and the database size per person against the plain table's.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
use gridledger_core::hierarchy::{self, UnitKind};
use gridledger_core::people::{self, PersonQuery};
use gridledger_core::{demo, exchange::dashboard, Ctx, Store};
use gridledger_tests::aim;
use rusqlite::Connection;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "欧阳", "司马", "诸葛",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "桂英", "秀兰", "玉兰", "晓东", "建国", "建华", "志强", "海燕", "春梅", "国庆",
    "红梅", "丽华", "文斌", "晓明", "子涵", "雨轩", "浩然", "欣怡", "宇航", "思远", "佳怡", "俊杰",
    "晓燕", "建军", "德华", "国华", "振华", "少华", "明辉", "志明",
];

struct Row {
    name: String,
    id_number: String,
    phone: String,
    employment: &'static str,
    grid_code: String,
    grid_name: String,
}

/// Person `i`: a valid, unique ID number (real check character), a unique mobile.
fn person(i: usize, grids: &[(String, String)]) -> Row {
    let mix = i.wrapping_mul(2_654_435_761) >> 7;
    let name = format!(
        "{}{}",
        SURNAMES[mix % SURNAMES.len()],
        GIVEN[(mix / 31) % GIVEN.len()]
    );
    let id_number = gridledger_tests::id_number(i);
    let phone = format!("13{:09}", (i as u64 * 7919) % 1_000_000_000);
    let (grid_code, grid_name) = grids[i % grids.len()].clone();
    Row {
        name,
        id_number,
        phone,
        employment: if mix.is_multiple_of(3) {
            "兼职"
        } else {
            "专职"
        },
        grid_code,
        grid_name,
    }
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn p95(mut f: impl FnMut()) -> f64 {
    f(); // warm
    let mut times: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            f();
            secs(t) * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[(times.len() * 95).div_ceil(100) - 1]
}

fn line(what: &str, ours: f64, base: f64, unit: &str) {
    println!(
        "{what:<44} {ours:>10.1} {unit:<6} baseline {base:>10.1} {unit:<6} ratio {:>6.2}",
        ours / base
    );
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn checkpoint(conn: &Connection) {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

fn main() {
    let n: usize = std::env::var("SCALE_PEOPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::new(Utc::now());
    let path = dir.path().join("scale.db");
    let mut store = Store::open(&path).unwrap();
    demo::fill(&mut store, &ctx).unwrap();
    let demo_people = people::list(store.conn(), &PersonQuery::default())
        .unwrap()
        .total as usize;
    let grids: Vec<(String, String)> = hierarchy::list(store.conn())
        .unwrap()
        .into_iter()
        .filter(|u| u.kind == UnitKind::BaseGrid)
        .map(|u| (u.code, u.name))
        .collect();
    println!(
        "GridLedger scale bench: {n} people over {} base grids (demo township)",
        grids.len()
    );
    let rows: Vec<Row> = (0..n).map(|i| person(i, &grids)).collect();

    // ---- baseline: plain inserts ----
    let base_path = dir.path().join("plain.db");
    let mut base = Connection::open(&base_path).unwrap();
    base.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, id_number TEXT NOT NULL,
             phone TEXT NOT NULL, role TEXT NOT NULL, employment TEXT, grid TEXT NOT NULL);
         CREATE INDEX people_by_id_number ON people (id_number);
         CREATE INDEX people_by_phone ON people (phone);",
    )
    .unwrap();
    let t = Instant::now();
    {
        let tx = base.transaction().unwrap();
        {
            let mut ins = tx
                .prepare("INSERT INTO people VALUES (?1, ?2, ?3, ?4, 'grid_worker', ?5, ?6)")
                .unwrap();
            for (i, r) in rows.iter().enumerate() {
                ins.execute(rusqlite::params![
                    format!("{i:012}"),
                    r.name,
                    r.id_number,
                    r.phone,
                    r.employment,
                    r.grid_name
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let base_rate = n as f64 / secs(t);

    // ---- GridLedger: the CSV import, 50,000 rows a file ----
    let files: Vec<_> = rows
        .chunks(50_000)
        .enumerate()
        .map(|(k, chunk)| {
            let p = dir.path().join(format!("people-{k}.csv"));
            let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
            writeln!(f, "姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区").unwrap();
            for r in chunk {
                writeln!(
                    f,
                    "{},{},{},网格员,{},{}",
                    r.name, r.id_number, r.phone, r.employment, r.grid_code
                )
                .unwrap();
            }
            p
        })
        .collect();
    let cancel = AtomicBool::new(false);
    let t = Instant::now();
    for f in &files {
        let s = gridledger_core::kinds::ImportKind::people()
            .commit(&mut store, &ctx, f, &cancel, &mut |_, _| {})
            .unwrap();
        assert_eq!(s.rejected, 0, "{}", s.text());
    }
    let rate = n as f64 / secs(t);
    line("import people (CSV), rows/s", rate, base_rate, "rows/s");
    // The same people from .xlsx (files of 50,000 rows) into a fresh demo township.
    let xlsx_secs = {
        let xlsx_path = dir.path().join("xlsx.db");
        let mut xs = Store::open(&xlsx_path).unwrap();
        demo::fill(&mut xs, &ctx).unwrap();
        let files: Vec<_> = rows
            .chunks(50_000)
            .enumerate()
            .map(|(k, chunk)| {
                let p = dir.path().join(format!("people-{k}.xlsx"));
                let mut wb = rust_xlsxwriter::Workbook::new();
                let ws = wb.add_worksheet();
                for (c, h) in [
                    "姓名",
                    "身份证号码",
                    "手机号码",
                    "身份",
                    "专职/兼职",
                    "所在网格/小区",
                ]
                .iter()
                .enumerate()
                {
                    ws.write_string(0, c as u16, *h).unwrap();
                }
                for (i, r) in chunk.iter().enumerate() {
                    let row = i as u32 + 1;
                    for (c, v) in [
                        r.name.as_str(),
                        &r.id_number,
                        &r.phone,
                        "网格员",
                        r.employment,
                        &r.grid_code,
                    ]
                    .iter()
                    .enumerate()
                    {
                        ws.write_string(row, c as u16, *v).unwrap();
                    }
                }
                wb.save(&p).unwrap();
                p
            })
            .collect();
        let t = Instant::now();
        for f in &files {
            let s = gridledger_core::kinds::ImportKind::people()
                .commit(&mut xs, &ctx, f, &cancel, &mut |_, _| {})
                .unwrap();
            assert_eq!(s.rejected, 0, "{}", s.text());
        }
        let took = secs(t);
        println!(
            "{:<44} {:>10.1} s      ({:.0} rows/s)",
            format!("import {n} people (.xlsx), s"),
            took,
            n as f64 / took
        );
        took
    };
    if std::env::var_os("SCALE_IMPORT_ONLY").is_some() {
        return; // for profiling the import alone
    }

    // ---- search: first page + total ----
    let c = store.conn();
    let sample = &rows[n / 2];
    // (text, label, role tab: "" = the search over everyone, sort: "" = by pinyin, a
    // leading "-" = descending)
    let searches = [
        ("晓东".to_string(), "name 晓东", "", ""),
        ("建国".to_string(), "name 建国", "", ""),
        // What type-ahead searches first: one character, no bigram to look up.
        ("华".to_string(), "name 华 (one character)", "", ""),
        (
            sample.id_number[6..14].to_string(),
            "ID fragment (birth date)",
            "",
            "",
        ),
        (
            sample.phone[5..11].to_string(),
            "phone fragment (6 digits)",
            "",
            "",
        ),
        (grids[grids.len() / 2].1.clone(), "grid name", "", ""),
        // The same searches typed in the tab the people view opens on.
        ("华".to_string(), "华 in the 网格员 tab", "grid_worker", ""),
        (
            "晓东".to_string(),
            "晓东 in the 网格员 tab",
            "grid_worker",
            "",
        ),
        // 姓氏笔画, the other name order a clerk picks.
        ("华".to_string(), "华 sorted by 姓氏笔画", "", "nameStrokes"),
        // The name column clicked twice: Z to A.
        ("华".to_string(), "华 sorted by name Z to A", "", "-name"),
    ];
    // The slowest search line, for the aims printed last.
    let mut slowest = (0.0f64, String::new());
    let page = |q: PersonQuery| {
        let p = people::list(c, &q).unwrap();
        std::hint::black_box(p.total);
    };
    for (text, label, role, sort) in &searches {
        let query = || PersonQuery {
            text: text.clone(),
            role: role.to_string(),
            sort: sort.trim_start_matches('-').to_string(),
            descending: sort.starts_with('-'),
            page_size: 20,
            ..Default::default()
        };
        let ours = p95(|| page(query()));
        let like = format!("%{text}%");
        // Every baseline row is a grid worker's: the tab is the role test alone.
        let in_tab = if role.is_empty() { "" } else { "role = ?2 AND" };
        let matches = format!(
            "{in_tab} (name LIKE ?1 OR id_number LIKE ?1 OR phone LIKE ?1 OR grid LIKE ?1)"
        );
        let baseline = p95(|| {
            let args: Vec<&str> = if role.is_empty() {
                vec![&like]
            } else {
                vec![&like, role]
            };
            let total: i64 = base
                .query_row(
                    &format!("SELECT count(*) FROM people WHERE {matches}"),
                    rusqlite::params_from_iter(&args),
                    |r| r.get(0),
                )
                .unwrap();
            let mut st = base
                .prepare(&format!(
                    "SELECT id, name, id_number, phone, grid FROM people WHERE {matches}
                     ORDER BY name, id LIMIT 20"
                ))
                .unwrap();
            let got = st
                .query_map(rusqlite::params_from_iter(&args), |r| r.get::<_, String>(0))
                .unwrap()
                .count();
            std::hint::black_box((total, got));
        });
        let total = people::list(c, &query()).unwrap().total;
        if ours > slowest.0 {
            slowest = (ours, label.to_string());
        }
        line(
            &format!("search p95 {label} ({total} found), ms"),
            ours,
            baseline,
            "ms",
        );
    }
    for page_no in [0u32, 100] {
        let ours = p95(|| {
            page(PersonQuery {
                role: "grid_worker".into(),
                page: page_no,
                page_size: 20,
                ..Default::default()
            })
        });
        let baseline = p95(|| {
            let total: i64 = base
                .query_row(
                    "SELECT count(*) FROM people WHERE role = 'grid_worker'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let mut st = base
                .prepare(
                    "SELECT id, name, id_number, phone, grid FROM people WHERE role = 'grid_worker'
                     ORDER BY name, id LIMIT 20 OFFSET ?1",
                )
                .unwrap();
            let got = st
                .query_map([page_no * 20], |r| r.get::<_, String>(0))
                .unwrap()
                .count();
            std::hint::black_box((total, got));
        });
        if ours > slowest.0 {
            slowest = (ours, format!("网格员 tab page {page_no}"));
        }
        line(
            &format!("网格员 tab page {page_no}, p95 ms"),
            ours,
            baseline,
            "ms",
        );
    }

    // ---- dashboard ----
    let t = Instant::now();
    let d = dashboard::dashboard(c, chrono::Utc::now().date_naive()).unwrap();
    let dash = secs(t) * 1000.0;
    println!(
        "{:<44} {dash:>10.1} ms     ({} grid workers)",
        "dashboard (all figures), ms", d.own["people.grid_workers"]
    );

    // ---- size ----
    checkpoint(c);
    checkpoint(&base);
    let ours = file_size(&path) as f64 / (n + demo_people) as f64;
    let plain = file_size(&base_path) as f64 / n as f64;
    line("database bytes per person", ours, plain, "B");
    let size_ratio = ours / plain;
    let mut st = c
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
        .unwrap();
    let parts: Vec<(String, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (name, bytes) in parts {
        println!("  {name:<40} {:>8.1} MiB", bytes as f64 / 1048576.0);
    }
    // ---- start-up: open (migrations, quick check) + dashboard, then the backup ----
    drop(st);
    drop(store);
    let t = Instant::now();
    let mut opened = gridledger_core::store::startup::open_for_app(&path, Utc::now()).unwrap();
    let d = dashboard::dashboard(opened.store.conn(), chrono::Utc::now().date_naive()).unwrap();
    let start = secs(t) * 1000.0;
    std::hint::black_box(d);
    let t = Instant::now();
    let plain = Connection::open(&base_path).unwrap();
    let _: i64 = plain
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    let bare = secs(t) * 1000.0;
    line("open + dashboard figures (core), ms", start, bare, "ms");
    // As the window asks them: on the app's reader connection, new at start (its
    // page cache empty), this year beside the last.
    let today = chrono::Utc::now().date_naive();
    let year = gridledger_core::base::period::Period::year_of(today);
    let t = Instant::now();
    let reader = Store::open_reader(&path).unwrap();
    std::hint::black_box(dashboard::dashboard_in(&reader, today, &year).unwrap());
    let first = secs(t) * 1000.0;
    let t = Instant::now();
    std::hint::black_box(dashboard::dashboard_in(&reader, today, &year).unwrap());
    println!(
        "{:<44} {first:>10.1} ms     (asked again on it: {:.1} ms)",
        "new reader + dashboard, as the window asks, ms",
        secs(t) * 1000.0
    );
    drop(reader);
    // What the window asks for 首页: the dashboard of this year beside the last
    // (`dashboard`, before the first figures), then the grid workers' load summed
    // (`grid_matter_load_summary`); the full grid load (网格事项 screen) it no longer
    // asks at start. Medians of 5.
    let c = opened.store.conn();
    let median = |f: &dyn Fn()| {
        let mut ms: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                secs(t) * 1000.0
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        ms[2]
    };
    let outside = gridledger_core::admissions::outside_matters;
    let dash_ms = median(&|| {
        std::hint::black_box(dashboard::dashboard_in(c, today, &year).unwrap());
    });
    let summary_ms = median(&|| {
        std::hint::black_box(
            gridledger_core::gridmatters::load_summary(c, today, outside).unwrap(),
        );
    });
    let load_ms = median(&|| {
        std::hint::black_box(gridledger_core::gridmatters::load_on(c, "", today, outside).unwrap());
    });
    println!(
        "{:<44} {dash_ms:>10.1} ms     (then the load summary {summary_ms:.1} ms; the full grid load {load_ms:.1} ms)",
        "dashboard of this year beside the last, ms",
    );
    // Where the dashboard's time goes.
    let report_ms = median(&|| {
        std::hint::black_box(
            gridledger_core::exchange::report::period_report(c, &year, today).unwrap(),
        );
    });
    let coverage_ms = median(&|| {
        std::hint::black_box(dashboard::own_coverage_by_village(c, &today.to_string()).unwrap());
    });
    let reminders_ms = median(&|| {
        std::hint::black_box(gridledger_core::exchange::reminders::reminders(c, today).unwrap());
    });
    println!(
        "  of which: period report (both periods) {report_ms:.1} ms, coverage by village {coverage_ms:.1} ms, reminders {reminders_ms:.1} ms"
    );
    let t = Instant::now();
    let first = gridledger_core::store::startup::start_up_backup(&path, Utc::now()).unwrap();
    let took = secs(t) * 1000.0;
    let t = Instant::now();
    let again = gridledger_core::store::startup::start_up_backup(&path, Utc::now()).unwrap();
    println!(
        "{:<44} {took:>10.1} ms     (taken: {}); unchanged since: {:.1} ms (taken: {})",
        "start-up backup (after the window)",
        first.is_some(),
        secs(t) * 1000.0,
        again.is_some()
    );
    // The whole roster exported (人员名单 › 导出Excel, numbers masked): its time and
    // the step's peak resident memory.
    let out = dir.path().join("roster.xlsx");
    let before = gridledger_tests::rss_mb();
    gridledger_tests::reset_peak();
    let t = Instant::now();
    let exported = people::roster::export_xlsx(
        &mut opened.store,
        &ctx,
        &PersonQuery::default(),
        false,
        &out,
    )
    .unwrap();
    println!(
        "{:<44} {:>10.1} s      ({exported} rows, {:.1} MB file; peak {:.0} MB, {before:.0} MB before)",
        "export the roster to .xlsx, s",
        secs(t),
        file_size(&out) as f64 / 1048576.0,
        gridledger_tests::peak_mb()
    );
    // A year's changes: 1% of the people change their 公示 today. Last year's
    // figures then count those people with last year's roles and 公示
    // (`people::changed_after`): what it costs, beside this year's (none changed
    // after today).
    let changed = n / 100;
    let ids: Vec<String> = opened
        .store
        .conn()
        .prepare("SELECT id FROM people ORDER BY rowid LIMIT ?1")
        .unwrap()
        .query_map([changed as i64], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    opened
        .store
        .write(&ctx, |tx| {
            for id in &ids {
                let mut input = people::input_of(&people::get(tx, id)?);
                input.published = !input.published;
                people::update(tx, id, &input)?;
            }
            Ok(())
        })
        .unwrap();
    let c = opened.store.conn();
    let last_year = year.previous();
    let this_year_ms = median(&|| {
        std::hint::black_box(dashboard::dashboard_in(c, today, &year).unwrap());
    });
    let last_year_ms = median(&|| {
        std::hint::black_box(dashboard::dashboard_in(c, today, &last_year).unwrap());
    });
    println!(
        "{:<44} {last_year_ms:>10.1} ms     (this year beside the last: {this_year_ms:.1} ms)",
        format!("dashboard of last year, {changed} changed since, ms"),
    );
    drop(opened);
    // ---- issue 13's aims, as measured in this run ----
    // (Start-up and the binary's size: `cargo bench -p gridledger-tests --bench startup`.)
    println!("\nissue 13's aims at {n} people:");
    let import_share = rate / base_rate;
    aim(
        "import (CSV) >= 30% of plain inserts",
        &format!("{:.0}%", import_share * 100.0),
        import_share >= 0.30,
    );
    if n == 100_000 {
        aim(
            "import 100,000 rows from .xlsx <= 5 s",
            &format!("{xlsx_secs:.1} s"),
            xlsx_secs <= 5.0,
        );
    }
    let search_aim = if n <= 100_000 { 50.0 } else { 250.0 };
    aim(
        &format!("every search p95 <= {search_aim:.0} ms"),
        &format!("{:.1} ms ({})", slowest.0, slowest.1),
        slowest.0 <= search_aim,
    );
    aim(
        "database <= 3x the plain table a person",
        &format!("{size_ratio:.1}x"),
        size_ratio <= 3.0,
    );
    // SCALE_KEEP=PATH keeps the database for a closer look.
    if let Ok(keep) = std::env::var("SCALE_KEEP") {
        std::fs::copy(&path, keep).unwrap();
    }
}
