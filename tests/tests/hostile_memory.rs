//! Bomb files are refused within a memory budget (issue 10): a small spreadsheet or
//! package that inflates to gigabytes, or claims an enormous area, is refused by a
//! process whose peak resident memory, as the kernel counts it, stays under 200 MB.

use std::io::Write;
use std::path::Path;
use std::process::Command;

const BUDGET_KB: u64 = 200 * 1024;

fn probe(mode: &str, path: &Path) -> (String, u64) {
    let out = Command::new(env!("CARGO_BIN_EXE_read-probe"))
        .args([mode, path.to_str().unwrap()])
        .output()
        .expect("run read-probe");
    assert!(
        out.status.success(),
        "{}: probe crashed: {:?} {}",
        path.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let peak = text
        .rsplit("peak_kb=")
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(u64::MAX);
    (text, peak)
}

/// A zip with one deflated entry of `size` bytes of `fill`, written in chunks.
fn zip_with(path: &Path, entries: &[(&str, &[u8])], big: (&str, u64)) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.start_file(big.0, opts).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..big.1 / (1 << 20) {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn bomb_spreadsheets_are_refused_under_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    // A sheet part of 1 GiB of one cell: a few MB packed.
    let bomb = dir.path().join("bomb.xlsx");
    zip_with(
        &bomb,
        &[
            ("[Content_Types].xml", b"<Types/>"),
            (
                "xl/workbook.xml",
                b"<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ),
        ],
        ("xl/worksheets/sheet1.xml", 1 << 30),
    );
    // Cells at A1 and XFD1048576.
    let far = dir.path().join("far.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "x").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&far).unwrap();
    for p in [&bomb, &far] {
        let (text, peak) = probe("sheet", p);
        assert!(
            text.starts_with("outcome=refused"),
            "{}: {text}",
            p.display()
        );
        assert!(peak < BUDGET_KB, "{}: peak {peak} KB", p.display());
        println!("{}: refused, peak {} MB", p.display(), peak / 1024);
    }
}

#[test]
fn a_bomb_package_is_refused_under_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.zip");
    zip_with(
        &bomb,
        &[(
            "manifest.json",
            b"{\"format\":\"gridledger-package\",\"formatVersion\":2}",
        )],
        ("records/people.json", 2 << 30),
    );
    let (text, peak) = probe("package", &bomb);
    assert!(text.starts_with("outcome=refused"), "{text}");
    assert!(peak < BUDGET_KB, "peak {peak} KB");
    println!("bomb package: refused, peak {} MB", peak / 1024);
}
