//! `cargo bench -p gridledger-tests --bench scores`: a county scores its 200
//! townships (issue 16: "a county's scores over 200 townships in seconds"). Each
//! township is a small store (a community with a few compounds and grids, the
//! default indicator system, a rectification item) that exports its package; the
//! county receives the 200, installs the default system, scores every manual
//! indicator of every township, and computes the score table (the year's, and a
//! quarter's, counted from the records). Prints each stage's
//! time and the score table's, and checks 200 ranked rows.

use std::path::PathBuf;
use std::time::Instant;

use chrono::Utc;
use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::scores::{self, defaults, table, ManualScoreInput};
use gridledger_core::{exchange::package, store::office, Ctx, Store};

const TOWNSHIPS: usize = 200;
const LIMIT_SECS: f64 = 5.0;

fn township_code(t: usize) -> String {
    // 320115 county, townships 101…300.
    format!("320115{:03}000", 101 + t)
}

fn unit(
    tx: &gridledger_core::Tx,
    kind: &str,
    parent: Option<&str>,
    code: &str,
    name: &str,
) -> String {
    hierarchy::create(tx, &UnitInput::new(kind, parent, code, name, "urban"))
        .unwrap()
        .id
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ctx = Ctx::new(Utc::now());

    let t = Instant::now();
    let mut packages: Vec<PathBuf> = Vec::new();
    for i in 0..TOWNSHIPS {
        let code = township_code(i);
        let out = d.join(&code);
        std::fs::create_dir_all(&out).unwrap();
        let mut s = Store::open(&out.join("g.db")).unwrap();
        s.write(&ctx, |tx| {
            office::setup(tx, "township", &code, &format!("第{i}街道"), false)?;
            let v = unit(
                tx,
                "village",
                None,
                &format!("{}001", &code[..9]),
                "第一社区",
            );
            // 1–4 compounds and 1–8 base grids, so the scores differ.
            for c in 0..=(i % 4) {
                let cc = unit(
                    tx,
                    "compound",
                    Some(&v),
                    &format!("C{c:02}"),
                    &format!("小区{c}"),
                );
                for g in 0..=((i + c) % 2) {
                    unit(
                        tx,
                        "base_grid",
                        Some(&cc),
                        &format!("G{c}{g}"),
                        &format!("网格{c}-{g}"),
                    );
                }
            }
            defaults::install(tx)?;
            Ok(())
        })
        .unwrap();
        packages.push(PathBuf::from(
            package::export(&mut s, &ctx, &out).unwrap().path,
        ));
    }
    let build = t.elapsed().as_secs_f64();
    println!("build and export {TOWNSHIPS} townships:   {build:7.2} s");

    let mut county = Store::open(&d.join("county.db")).unwrap();
    county
        .write(&ctx, |tx| {
            office::setup(tx, "county", "320115000000", "江宁区", false)
        })
        .unwrap();
    let t = Instant::now();
    for p in &packages {
        let r = package::receive(&mut county, &ctx, p, false).unwrap();
        assert_eq!(r.outcome, "accepted", "{}", r.message);
    }
    println!(
        "receive {TOWNSHIPS} packages:             {:7.2} s",
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let period = Utc::now().format("%Y").to_string();
    county
        .write(&ctx, |tx| {
            defaults::install(tx)?;
            let manual: Vec<_> = scores::in_force(tx)?
                .into_iter()
                .filter(|i| i.method == scores::Method::Manual)
                .collect();
            for i in 0..TOWNSHIPS {
                for (k, ind) in manual.iter().enumerate() {
                    scores::set_manual_score(
                        tx,
                        &ManualScoreInput {
                            period: period.clone(),
                            office_code: township_code(i),
                            indicator_code: ind.code.clone(),
                            score: format!("{:.1}", ind.points * (((i + k) % 10) as f64) / 10.0),
                            ..Default::default()
                        },
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
    println!(
        "manual scores for {TOWNSHIPS} townships:  {:7.2} s",
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let st = table::score_table(county.conn(), &period, ctx.today()).unwrap();
    let score_secs = t.elapsed().as_secs_f64();
    let ranked = st.offices.iter().filter(|o| o.rank.is_some()).count();
    assert_eq!(ranked, TOWNSHIPS);
    println!(
        "score table: {TOWNSHIPS} townships × {} indicators: {score_secs:7.3} s (limit {LIMIT_SECS} s)",
        st.indicators.len()
    );
    println!(
        "first {} {} ({}), last {} {}",
        st.offices[0].name,
        st.offices[0].total,
        st.offices[0].rank.unwrap_or(0),
        st.offices[TOWNSHIPS - 1].name,
        st.offices[TOWNSHIPS - 1].total
    );
    assert!(score_secs < LIMIT_SECS, "scoring took {score_secs:.2} s");

    // A quarter: its figures are not kept at receipt (the year's are), so each
    // township's are counted from its records.
    let quarter = format!("{period}Q4");
    let t = Instant::now();
    let st = table::score_table(county.conn(), &quarter, ctx.today()).unwrap();
    let quarter_secs = t.elapsed().as_secs_f64();
    assert_eq!(
        st.offices.iter().filter(|o| o.rank.is_some()).count(),
        TOWNSHIPS
    );
    println!(
        "score table of {quarter} (counted from the records): {quarter_secs:7.3} s (limit {LIMIT_SECS} s)"
    );
    assert!(
        quarter_secs < LIMIT_SECS,
        "scoring {quarter} took {quarter_secs:.2} s"
    );
}
