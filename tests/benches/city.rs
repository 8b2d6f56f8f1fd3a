//! `cargo bench -p gridledger-tests --bench city`: a scripted city from files alone
//! (issue 11: "a scripted city of 9,000 grids imports and rolls up in under a
//! minute"). 3 counties × 10 townships; each township gets a units sheet (10
//! villages × 3 compounds × 10 base grids = 300 base grids) and a roster (one grid
//! worker per base grid), imported through the import machinery (`Kind::commit`);
//! each township exports its package, each county receives its ten and exports, the
//! city receives the three and reports. Prints each stage's time and the total, and
//! checks the city's totals equal what was generated.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::{exchange::package, exchange::report, store::office, Ctx, Store};

const COUNTIES: usize = 3;
const TOWNSHIPS: usize = 10;
const VILLAGES: usize = 10;
const COMPOUNDS: usize = 3;
const GRIDS: usize = 10;
const LIMIT_SECS: f64 = 60.0;

fn county_code(c: usize) -> String {
    format!("3201{:02}000000", 15 + c)
}

fn township_code(c: usize, t: usize) -> String {
    format!("3201{:02}{:03}000", 15 + c, 101 + t)
}

/// The township's two files: its units sheet and its roster. Returns the paths and
/// the number of base grids written.
fn files(dir: &Path, code: &str) -> (PathBuf, PathBuf, usize) {
    let prefix = &code[..9];
    let mut units = String::from("层级,所属村/社区,上级单位,编码,名称,类型,户数,人口数\n");
    let mut people =
        String::from("姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区,到岗日期\n");
    let mut grids = 0;
    for v in 1..=VILLAGES {
        let vc = format!("{prefix}{v:03}");
        units.push_str(&format!("社区,,,{vc},第{v}社区,城镇,3000,9000\n"));
        for c in 1..=COMPOUNDS {
            let cc = format!("{vc}XQ{c:02}");
            units.push_str(&format!("小区,{vc},{vc},{cc},小区{v}-{c},,,\n"));
            for g in 1..=GRIDS {
                let n = (c - 1) * GRIDS + g;
                let gc = format!("{vc}{n:03}");
                units.push_str(&format!("基础网格,{vc},{cc},{gc},网格{v}-{n},,100,300\n"));
                people.push_str(&format!(
                    "网格员{grids},{},138{grids:08},网格员,{},{gc},2024-03-01\n",
                    gridledger_tests::id_number(grids),
                    if grids % 4 == 0 { "兼职" } else { "专职" }
                ));
                grids += 1;
            }
        }
    }
    let u = dir.join(format!("{code}_units.csv"));
    let p = dir.join(format!("{code}_people.csv"));
    std::fs::write(&u, units).unwrap();
    std::fs::write(&p, people).unwrap();
    (u, p, grids)
}

fn open(dir: &Path, level: &str, code: &str, name: &str) -> Store {
    let mut s = Store::open(&dir.join(format!("{code}.db"))).unwrap();
    s.write(&Ctx::new(Utc::now()), |tx| {
        office::setup(tx, level, code, name, false)
    })
    .unwrap();
    s
}

fn import(store: &mut Store, ctx: &Ctx, kind: &str, path: &Path) -> usize {
    let s = Kind::parse(kind)
        .unwrap()
        .commit(store, ctx, path, &AtomicBool::new(false), &mut |_, _| {})
        .unwrap();
    assert_eq!(s.rejected, 0, "{kind} {}: rows refused", path.display());
    s.created
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ctx = Ctx::new(Utc::now());

    let t = Instant::now();
    let mut generated = Vec::new();
    let mut grids_total = 0;
    for c in 0..COUNTIES {
        for t in 0..TOWNSHIPS {
            let code = township_code(c, t);
            let (u, p, n) = files(d, &code);
            grids_total += n;
            generated.push((c, code, u, p));
        }
    }
    let generate = t.elapsed().as_secs_f64();
    println!(
        "generate {} townships' files ({grids_total} base grids):  {generate:7.2} s",
        generated.len()
    );

    // Each township: init, units, people, export.
    let (mut import_secs, mut export_secs) = (0.0, 0.0);
    let mut packages: Vec<Vec<PathBuf>> = vec![Vec::new(); COUNTIES];
    let mut units_created = 0;
    let mut people_created = 0;
    for (c, code, u, p) in &generated {
        let out = d.join(code);
        std::fs::create_dir_all(&out).unwrap();
        let mut store = open(&out, "township", code, &format!("第{}街道", &code[6..9]));
        let t = Instant::now();
        units_created += import(&mut store, &ctx, "units", u);
        people_created += import(&mut store, &ctx, "people", p);
        import_secs += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let e = package::export(&mut store, &ctx, &out).unwrap();
        export_secs += t.elapsed().as_secs_f64();
        packages[*c].push(PathBuf::from(e.path));
    }
    println!(
        "import units + people, 30 townships:         {import_secs:7.2} s  ({units_created} units, {people_created} people)"
    );
    println!("export 30 township packages:                 {export_secs:7.2} s");

    // Each county receives its ten and exports.
    let (mut receive_secs, mut county_export_secs) = (0.0, 0.0);
    let mut up = Vec::new();
    for (c, pkgs) in packages.iter().enumerate() {
        let code = county_code(c);
        let out = d.join(&code);
        std::fs::create_dir_all(&out).unwrap();
        let mut county = open(&out, "county", &code, &format!("第{}区", c + 1));
        let t = Instant::now();
        let receipts = package::receive_many(&mut county, &ctx, pkgs, false, |_, _, _| {}).unwrap();
        receive_secs += t.elapsed().as_secs_f64();
        assert!(
            receipts.iter().all(|r| r.outcome == "accepted"),
            "{:?}",
            receipts.iter().find(|r| r.outcome != "accepted")
        );
        let t = Instant::now();
        let e = package::export(&mut county, &ctx, &out).unwrap();
        county_export_secs += t.elapsed().as_secs_f64();
        up.push(PathBuf::from(e.path));
    }
    println!("3 counties receive 10 packages each:          {receive_secs:7.2} s");
    println!("export 3 county packages:                     {county_export_secs:7.2} s");

    let mut city = open(d, "city", "320100000000", "南京市");
    let t = Instant::now();
    let receipts = package::receive_many(&mut city, &ctx, &up, false, |_, _, _| {}).unwrap();
    let city_receive = t.elapsed().as_secs_f64();
    assert!(receipts.iter().all(|r| r.outcome == "accepted"));
    println!("city receives 3 county packages:              {city_receive:7.2} s");

    let t = Instant::now();
    let rep = report::report(city.conn(), chrono::Utc::now().date_naive()).unwrap();
    let report_secs = t.elapsed().as_secs_f64();
    println!(
        "city report:                                  {report_secs:7.3} s  ({} base grids, {} grid workers)",
        rep.total["grids.base"], rep.total["people.grid_workers"]
    );

    let total =
        import_secs + export_secs + receive_secs + county_export_secs + city_receive + report_secs;
    println!("total (import to city report):               {total:7.2} s  (limit {LIMIT_SECS} s)");

    assert_eq!(rep.total["grids.base"], grids_total as i64);
    assert_eq!(rep.total["people.grid_workers"], grids_total as i64);
    // Per township, every fourth grid worker (index 0, 4, …) is part-time.
    let per = VILLAGES * COMPOUNDS * GRIDS;
    assert_eq!(
        rep.total["people.grid_workers_fulltime"],
        ((per - per.div_ceil(4)) * COUNTIES * TOWNSHIPS) as i64
    );
    assert_eq!(
        rep.total["compounds.total"],
        (COUNTIES * TOWNSHIPS * VILLAGES * COMPOUNDS) as i64
    );
    assert!(total < LIMIT_SECS, "the city took {total:.1} s");
}
