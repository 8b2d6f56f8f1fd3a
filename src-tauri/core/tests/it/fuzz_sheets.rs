//! Property tests over every spreadsheet reader and every import kind's row parser
//! (issue 10): whatever bytes or cells come in, the answer is a value or a Chinese
//! error, never a panic, and nothing is written by a preview. CI runs a few thousand
//! cases; `PROPTEST_CASES=100000 cargo test -p gridledger-core --test it fuzz_sheets`
//! runs many more.

use std::path::Path;

use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::{demo, sheets, Store};
use proptest::prelude::*;

use crate::support::ctx;

fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn read_bytes(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("f.xlsx");
    std::fs::write(&p, bytes).unwrap();
    let _ = sheets::read(&p);
}

fn good_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号码", "手机号码"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "张伟").unwrap();
    ws.write_number(1, 1, 3.2e17).unwrap();
    ws.merge_range(2, 0, 3, 1, "合并", &rust_xlsxwriter::Format::new())
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// A cell value of the kinds clerks and attackers type.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("2024-03-01".to_string()),
        Just("2024/3/1".to_string()),
        Just("11010519491231002X".to_string()),
        Just("13812345678".to_string()),
        Just("青溪社区".to_string()),
        Just("一网格".to_string()),
        Just("网格员".to_string()),
        Just("专职".to_string()),
        Just("已办结".to_string()),
        Just("县级".to_string()),
        Just("\u{202E}反转".to_string()),
        Just("9".repeat(40)),
        "[0-9]{0,20}",
        "[\\p{Han}a-z0-9 ,\"\\n-]{0,30}",
        any::<String>().prop_map(|s| s.chars().take(50).collect()),
    ]
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(cases(600))]

    #[test]
    fn any_bytes_never_crash_the_readers(
        magic in prop_oneof![
            Just(b"".to_vec()),
            Just(b"PK\x03\x04".to_vec()),
            Just(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            Just(b"\xEF\xBB\xBF".to_vec()),
            Just(b"<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".to_vec()),
            Just(b"<html><table><tr><td colspan=\"99999\" rowspan=\"99999\">".to_vec()),
        ],
        body in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = magic;
        bytes.extend(body);
        read_bytes(&bytes);
    }

    #[test]
    fn flipped_and_cut_xlsx_never_crash(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut b = good_xlsx();
        for (at, v) in flips {
            let i = at.index(b.len());
            b[i] = v;
        }
        if let Some(c) = cut {
            let n = c.index(b.len()).max(4);
            b.truncate(n);
        }
        read_bytes(&b);
    }
}

struct Demo {
    store: Store,
    _dir: tempfile::TempDir,
}

fn demo_store() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    demo::fill(&mut store, &ctx()).unwrap();
    Demo { store, _dir: dir }
}

thread_local! {
    static DEMO: Demo = demo_store();
}

proptest! {
    #![proptest_config(cases(1500))]

    /// Every import kind's parser, over rows of random cells under its own headers.
    #[test]
    fn every_import_kind_parses_any_row_without_crashing(
        kind in prop::sample::select(Kind::all()),
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..20), 1..6),
        hinted in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rows.csv");
        let headers: Vec<String> = kind
            .columns()
            .iter()
            .map(|c| if hinted && c.required { format!("{}*", c.header) } else { c.header.to_string() })
            .collect();
        let mut text = headers.join(",");
        text.push('\n');
        for r in &rows {
            let fields: Vec<String> = r.iter().take(headers.len()).map(|s| csv_field(s)).collect();
            text.push_str(&fields.join(","));
            text.push('\n');
        }
        std::fs::write(&p, text).unwrap();
        DEMO.with(|d| {
            let before = crate::support::change_log_rows(&d.store);
            let _ = kind.preview(d.store.conn(), Path::new(&p), ctx().today());
            prop_assert_eq!(crate::support::change_log_rows(&d.store), before);
            Ok(())
        })?;
    }
}
