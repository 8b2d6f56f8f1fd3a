//! Periods on the dated lists (issue 14, item 2): 诉求 by 受理日期 and 联席会议 by
//! 会议日期 filtered in the core with the period text the list's control sends
//! (全部, a year as the old 年份 filter, a quarter, a month, two days); the list's
//! export writes only the rows of the period and names it in the title rows.

use gridledger_core::demands::{self, Demand, DemandQuery};
use gridledger_core::kinds;
use gridledger_core::party::{self, Meeting};
use gridledger_core::store::ledger;

use crate::support::*;

/// Received on the days either side of the quarter and month boundaries.
const RECEIVED: [(&str, &str); 6] = [
    ("d1", "2025-12-31"),
    ("d2", "2026-03-31"),
    ("d3", "2026-04-01"),
    ("d4", "2026-06-30"),
    ("d5", "2026-07-01"),
    ("d6", "2026-11-26"),
];

fn store() -> (gridledger_core::Store, tempfile::TempDir) {
    township_on_disk(|tx| {
        let committee = joint_committee(tx);
        for (id, on) in RECEIVED {
            let d = Demand {
                id: id.into(),
                title: format!("诉求{id}"),
                category: "道路".into(),
                received_on: on.into(),
                ..Default::default()
            };
            ledger::save(tx, &d).unwrap();
            let m = Meeting {
                id: format!("m{id}"),
                committee_id: committee.clone(),
                held_on: on.into(),
                ..Default::default()
            };
            ledger::save(tx, &m).unwrap();
        }
    })
}

fn demand_ids(s: &gridledger_core::Store, period: &str) -> Vec<String> {
    let q = DemandQuery {
        period: period.into(),
        ..Default::default()
    };
    let mut ids: Vec<String> = demands::demands(s.conn(), &q, day(2026, 11, 26))
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    ids.sort();
    ids
}

fn meeting_ids(s: &gridledger_core::Store, period: &str) -> Vec<String> {
    let mut ids: Vec<String> = party::meetings(s.conn(), "", period, day(2026, 11, 26))
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn demands_and_meetings_are_listed_by_their_own_date_in_the_period() {
    let (s, _dir) = store();
    let all = ["d1", "d2", "d3", "d4", "d5", "d6"];
    assert_eq!(demand_ids(&s, ""), all);
    assert_eq!(demand_ids(&s, "全部"), all);
    // A year as the old 年份 filter: 2025-12-31 is not in 2026.
    assert_eq!(demand_ids(&s, "2026"), ["d2", "d3", "d4", "d5", "d6"]);
    assert_eq!(demand_ids(&s, "2025"), ["d1"]);
    // The quarter's first and last day are in it, the days either side are not.
    assert_eq!(demand_ids(&s, "2026Q2"), ["d3", "d4"]);
    assert_eq!(demand_ids(&s, "2026年第一季度"), ["d2"]);
    assert_eq!(demand_ids(&s, "2026-11"), ["d6"]);
    assert_eq!(demand_ids(&s, "2026-02"), Vec::<String>::new());
    assert_eq!(
        demand_ids(&s, "2026-03-31..2026-07-01"),
        ["d2", "d3", "d4", "d5"]
    );
    // The counts above the list are of the same demands.
    let stats = |p: &str| demands::stats_in(s.conn(), p, day(2026, 11, 26)).unwrap();
    assert_eq!(stats("").received, 6);
    assert_eq!(stats("2026Q2").received, 2);
    assert_eq!(stats("2025").received, 1);
    // Beside a period, the overdue demands received before it (probe Z: this year's
    // list said 逾期 0 while last year's were overdue); none beside the whole ledger.
    let everything =
        demands::demands(s.conn(), &DemandQuery::default(), day(2026, 11, 26)).unwrap();
    let overdue_before = |start: &str| {
        everything
            .iter()
            .filter(|d| d.overdue && d.received_on.as_str() < start)
            .count()
    };
    assert_eq!(stats("").overdue_earlier, 0);
    assert_eq!(
        stats("2026-11").overdue_earlier,
        overdue_before("2026-11-01")
    );
    assert_eq!(meeting_ids(&s, "2026Q2"), ["md3", "md4"]);
    assert_eq!(meeting_ids(&s, "2026Q3"), ["md5"]);
    assert_eq!(meeting_ids(&s, "").len(), 6);
}

#[test]
fn an_old_year_query_still_reads_and_bad_text_is_refused_by_name() {
    let (s, _dir) = store();
    // The screens sent `year` before; it is read as the period.
    let q: DemandQuery = serde_json::from_str(r#"{"year": "2025"}"#).unwrap();
    assert_eq!(q.period, "2025");
    let listed = demands::demands(s.conn(), &q, day(2026, 11, 26)).unwrap();
    assert_eq!(listed.len(), 1);
    let q = DemandQuery {
        period: "2026Q5".into(),
        ..Default::default()
    };
    let err = demands::demands(s.conn(), &q, day(2026, 11, 26)).unwrap_err();
    assert!(
        err.to_string().contains("统计期间“2026Q5”无法识别"),
        "{err}"
    );
    let err =
        party::meetings(s.conn(), "", "2026-12-31..2026-01-01", day(2026, 11, 26)).unwrap_err();
    assert!(err.to_string().contains("晚于结束日期"), "{err}");
}

#[test]
fn the_export_of_a_list_in_a_period_writes_its_rows_and_names_it() {
    let (s, dir) = store();
    let out = dir.path().join("诉求.xlsx");
    let n = kinds::export_xlsx_in(s.conn(), "demands", &out, day(2026, 11, 26), "2026Q2").unwrap();
    assert_eq!(n, 2);
    let rows = sheet_rows(&out);
    let text = rows
        .iter()
        .map(|r| r.join("|"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("青溪街道诉求台账"), "{text}");
    assert!(text.contains("2026年第二季度"), "{text}");
    assert!(text.contains("诉求d3") && text.contains("诉求d4"), "{text}");
    assert!(
        !text.contains("诉求d2") && !text.contains("诉求d5"),
        "{text}"
    );
    // An ongoing period says up to which day.
    let n = kinds::export_xlsx_in(
        s.conn(),
        "joint-meetings",
        &out,
        day(2026, 11, 26),
        "2026Q4",
    )
    .unwrap();
    assert_eq!(n, 1);
    let text = sheet_rows(&out)
        .iter()
        .map(|r| r.join("|"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("2026年第四季度（截至 2026-11-26）"), "{text}");
    // 全部 writes every row, titled as before.
    let n = kinds::export_xlsx_in(s.conn(), "demands", &out, day(2026, 11, 26), "").unwrap();
    assert_eq!(n, 6);
    // A list without dates refuses a period instead of writing all rows under its name.
    let err = kinds::export_xlsx_in(s.conn(), "departments", &out, day(2026, 11, 26), "2026")
        .unwrap_err();
    assert!(err.to_string().contains("不能按统计期间导出"), "{err}");
}

#[test]
fn every_dated_export_reads_its_date_columns_in_a_period() {
    // The demo's lists: each dated export (Export::dated_by) has those columns and
    // writes in a period no more rows than in all, and none in a year before any record.
    let dir = tempfile::tempdir().unwrap();
    let mut s = gridledger_core::Store::open(&dir.path().join("g.db")).unwrap();
    gridledger_core::demo::fill(&mut s, &ctx()).unwrap();
    let today = ctx().today();
    let year = gridledger_core::base::period::Period::year_of(today).to_string();
    let dated: Vec<&str> = kinds::exports()
        .filter(|e| !e.dated_by.is_empty())
        .map(|e| e.name)
        .collect();
    assert_eq!(dated.len(), 16, "{dated:?}");
    for name in dated {
        let out = dir.path().join(format!("{name}.xlsx"));
        let all = kinds::export_xlsx_in(s.conn(), name, &out, today, "").unwrap();
        let in_year = kinds::export_xlsx_in(s.conn(), name, &out, today, &year)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(in_year <= all, "{name}: {in_year} of {all}");
        let none = kinds::export_xlsx_in(s.conn(), name, &out, today, "2001").unwrap();
        assert_eq!(none, 0, "{name} in 2001");
    }
}
