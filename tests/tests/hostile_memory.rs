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

/// Rewrites the zip at `src` into `dst`, with `edit` changing entries' bytes.
fn rezip(src: &Path, dst: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut a = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    for i in 0..a.len() {
        let mut e = a.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(&edit(&name, bytes)).unwrap();
    }
    w.finish().unwrap();
}

/// Bombs that stay under every size cap but would multiply in memory: a merged area
/// copying a long cell millions of times, a shared-string count in single quotes,
/// one 140 MB cell, a web page of one tag with millions of attributes.
#[test]
fn bombs_inside_the_size_caps_are_refused_under_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "x".repeat(30_000)).unwrap();
    ws.write_string(1, 0, "姓名").unwrap();
    ws.write_string(14_999, 0, "y").unwrap();
    wb.save(&base).unwrap();
    let merged = dir.path().join("merged.xlsx");
    rezip(&base, &merged, |name, bytes| {
        if name.ends_with("sheet1.xml") {
            let s = String::from_utf8(bytes).unwrap();
            s.replace(
                "</sheetData>",
                "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:IV15000\"/></mergeCells>",
            )
            .into_bytes()
        } else {
            bytes
        }
    });
    let quoted = dir.path().join("quoted.xlsx");
    rezip(&base, &quoted, |name, bytes| {
        if name.ends_with("sharedStrings.xml") {
            let s = String::from_utf8(bytes).unwrap();
            let at = s.find("uniqueCount=\"").unwrap();
            let end = at + 13 + s[at + 13..].find('"').unwrap();
            format!("{}uniqueCount = '4000000000'{}", &s[..at], &s[end + 1..]).into_bytes()
        } else {
            bytes
        }
    });
    let cell = dir.path().join("cell.xlsx");
    rezip(&base, &cell, |name, bytes| {
        if name.ends_with("sheet1.xml") {
            let s = String::from_utf8(bytes).unwrap();
            s.replace(
                "</sheetData>",
                &format!(
                    "<row r=\"20000\"><c r=\"A20000\" t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData>",
                    "c".repeat(140 * 1024 * 1024)
                ),
            )
            .into_bytes()
        } else {
            bytes
        }
    });
    let html = dir.path().join("attrs.xls");
    let mut page = String::from("<html><table><tr><td");
    page.push_str(&" a".repeat(9_000_000));
    page.push_str(">x</td></tr></table></html>");
    std::fs::write(&html, page).unwrap();
    for p in [&merged, &quoted, &cell, &html] {
        let (text, peak) = probe("sheet", p);
        assert!(peak < BUDGET_KB, "{}: peak {peak} KB ({text})", p.display());
        println!(
            "{}: {} peak {} MB",
            p.display(),
            text.split(" peak").next().unwrap_or(""),
            peak / 1024
        );
    }
    for p in [&merged, &quoted, &cell] {
        let (text, _) = probe("sheet", p);
        assert!(
            text.starts_with("outcome=refused"),
            "{}: {text}",
            p.display()
        );
    }
}
