//! A received snapshot's report figures for a period, kept (issue 13: the 首页 of a
//! county or a city counted every received record at every start: 2.8 s and 1.1 GB
//! for 1,000,000 records). A snapshot never changes once received, and neither do
//! its figures for a period: they are counted when the package arrives, for the
//! receiving day's year and the year before (what 首页 shows), and after each start
//! for the current year and the year before where they are missing (a new year, a
//! database from before schema 23). Any other period, or figures kept under other rules, is counted from
//! the records, one office at a time.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::base::error::Result;
use crate::base::period::Period;
use crate::exchange::report::{self, Records, Totals};
use crate::store::Tx;

/// Bump when what a period counts changes (a rule, a key, a fix): figures kept
/// under another number are counted again. `period_figures_of_the_demo_are_pinned`
/// fails when the demo's figures change while this stays the same.
/// 2: the key `people.grid_workers_published` (figures kept under 1 lack it).
/// 3: each office inside a snapshot counted as of its own export day, not the
/// snapshot's (a county's file at a city).
/// 4: a committee member (兼职委员) counted while the term (任期) holds the day, not
/// in every period before it began or after it ended.
/// 5: a rectification item (整改事项) open from its 下达日期 (or the day it was
/// entered), not in every period before it.
/// 6: a unit (village, compound, grid) counted from its 设立日期, not in every period
/// before it.
/// 7: a business grid counted as wholly merged (多格合一) from its last 纳入日期.
/// 8: 在用考核指标 over the offices of a snapshot the largest, not the sum
/// ([`report::NOT_SUMMED`]).
/// 9: the key `demands.received_resolved` (figures kept under 8 lack it).
/// 10: a unit counted from its own 设立日期, and a unit 撤销 (`dissolved_units`,
/// format 2.12) in the periods before its 撤销日期; a business grid wholly merged by
/// its mappings onto the grids standing on the day.
/// 11: a list item (履职事项, 网格事项) counted from its 列入日期 (`listedOn`), else
/// from the day it was entered, not in every period before it.
/// 12: a project or a demand sent back (退回) counted as its timeline stood at the
/// period's end (认领, 已完成, 办结 undone later still count before).
/// 13: the key `contacts.visits` (figures kept under 12 lack it).
/// 14: 领导联系点 (`contacts.points`) counts the points in force on the day, not every
/// point begun by it; a point without 开始日期 counts from the day it was entered.
/// 15: the keys `assessment.compounds_checked` and `assessment.compounds_quarters`
/// (figures kept under 14 lack them).
/// 16: the keys `demands.assigned` and `demands.overdue` (figures kept under 15
/// lack them).
/// 17: `compounds.sanliang_complete` counts a branch as it stood on the day, a 三亮
/// item taken down (撤下) since still counted before its day.
/// 18: the key `assessment.rectifications_overdue` (figures kept under 17 lack it).
/// 19: the keys `tasks.*` of 月调度 (figures kept under 18 lack them).
pub const RULES_VERSION: i64 = 19;

/// A period's figures and the base grids staffed in it (the coverage rate's numerator).
pub type Figures = (Totals, i64);

/// The periods kept for a snapshot received or checked on `today`: its year and the
/// year before (首页 shows one beside the other).
pub fn kept_periods(today: NaiveDate) -> [Period; 2] {
    let this = Period::year_of(today);
    let before = this.previous();
    [this, before]
}

fn key(p: &Period) -> String {
    format!("{}..{}", p.from, p.to)
}

/// The figures of the records of one office for `p`, counted as of `on`.
pub fn of_office(records: &Records, p: &Period, on: NaiveDate) -> Figures {
    (
        report::totals_in(records, p, on),
        report::staffed_base_grids(records, p, on),
    )
}

/// `sum` plus `x`.
pub fn add(sum: &mut Figures, x: &Figures) {
    report::add(&mut sum.0, &x.0);
    sum.1 += x.1;
}

/// The snapshot `code`'s figures for each of `periods` as of `on` (its package's
/// export day): kept ones where there are; the others counted together in one pass
/// over its records, office by office (no figure counts across offices: each
/// office's records refer only to its own).
pub fn figures(
    conn: &Connection,
    code: &str,
    periods: &[&Period],
    on: NaiveDate,
) -> Result<Vec<Figures>> {
    let mut out = Vec::with_capacity(periods.len());
    let mut missing = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        let f = kept(conn, code, p)?;
        if f.is_none() {
            missing.push(i);
        }
        out.push(f);
    }
    let wanted: Vec<&Period> = missing.iter().map(|&i| periods[i]).collect();
    for (i, f) in missing.into_iter().zip(count(conn, code, &wanted, on)?) {
        out[i] = Some(f);
    }
    Ok(out.into_iter().flatten().collect())
}

fn kept(conn: &Connection, code: &str, p: &Period) -> Result<Option<Figures>> {
    let row: Option<(String, i64)> = conn
        .prepare_cached(
            "SELECT figures_json, staffed_base_grids FROM snapshot_period_figures
             WHERE snapshot_code = ?1 AND period = ?2 AND rules_version = ?3",
        )?
        .query_row(params![code, key(p), RULES_VERSION], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    // Kept figures that do not read (written by hand, say) are counted again.
    Ok(row.and_then(|(json, staffed)| {
        serde_json::from_str::<Totals>(&json)
            .ok()
            .map(|t| (t, staffed))
    }))
}

/// The figures for each of `periods`, reading each office's records once.
fn count(
    conn: &Connection,
    code: &str,
    periods: &[&Period],
    on: NaiveDate,
) -> Result<Vec<Figures>> {
    let mut sums: Vec<Figures> = periods.iter().map(|_| (report::zero(), 0)).collect();
    if periods.is_empty() {
        return Ok(sums);
    }
    // Each office as of its own package's export day, as the county that received
    // it counted it (a township below a county's file exports earlier than the
    // county: counted as of the county's day, its terms ran out and its half-year's
    // inspections fell away, and the city's row for the county differed from the
    // county's own total and from the city's own drill-down).
    let offices: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT office_code, exported_at FROM snapshot_offices
             WHERE snapshot_code = ?1 ORDER BY office_code",
        )?
        .query_map([code], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // A snapshot received before schema 5 lists no offices: its records at once.
    let offices: Vec<(Option<String>, NaiveDate)> = if offices.is_empty() {
        vec![(None, on)]
    } else {
        offices
            .into_iter()
            .map(|(office, exported_at)| (Some(office), report::as_of(&exported_at)))
            .collect()
    };
    for (office, as_of) in offices {
        let records = report::snapshot_records(conn, code, office.as_deref())?;
        for (sum, p) in sums.iter_mut().zip(periods) {
            add(sum, &of_office(&records, p, as_of));
        }
    }
    Ok(sums)
}

/// Keeps `f` as the snapshot `code`'s figures for `p` under this version's rules.
pub fn keep(tx: &Tx, code: &str, p: &Period, f: &Figures) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO snapshot_period_figures
             (snapshot_code, period, rules_version, figures_json, staffed_base_grids)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            code,
            key(p),
            RULES_VERSION,
            serde_json::to_string(&f.0)?,
            f.1
        ],
    )?;
    Ok(())
}

/// Forgets the kept figures of the snapshot `code` (it is being replaced).
pub fn forget(tx: &Tx, code: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM snapshot_period_figures WHERE snapshot_code = ?1",
        [code],
    )?;
    Ok(())
}

/// After a start: counts and keeps the figures of [`kept_periods`] for every
/// snapshot that lacks them under this version's rules (nothing to do on most
/// starts; the first of a year, or the first after an upgrade, counts each
/// snapshot once, one office at a time). How many (snapshot, period) were counted.
pub fn keep_missing(tx: &Tx, today: NaiveDate) -> Result<usize> {
    let snaps: Vec<(String, String)> = tx
        .prepare_cached("SELECT code, exported_at FROM snapshots ORDER BY code")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counted = 0;
    for (code, exported_at) in snaps {
        let periods = kept_periods(today);
        let mut missing = Vec::new();
        for p in &periods {
            if kept(tx, &code, p)?.is_none() {
                missing.push(p);
            }
        }
        let figures = count(tx, &code, &missing, report::as_of(&exported_at))?;
        for (p, f) in missing.iter().zip(&figures) {
            keep(tx, &code, p, f)?;
        }
        counted += missing.len();
    }
    Ok(counted)
}
