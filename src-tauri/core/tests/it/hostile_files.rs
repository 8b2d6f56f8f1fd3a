//! Every file from outside is hostile (issue 10): spreadsheets that lie about their
//! size, hide their first sheet, are not files at all, or are damaged; output paths
//! that name the database or the input; two names for one database; backups of
//! another database. Each is refused with a Chinese reason, the database unchanged,
//! and nothing crashes. The files are made in code here, so each is readable.

use crate::support::{ctx, dump, idn_born as idn, township_on_disk, unit};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::sheets::import;
use gridledger_core::{sheets, store::backup, store::office, Error, ErrorKind, Store};
use rust_xlsxwriter::Workbook;

struct World {
    store: Store,
    dir: tempfile::TempDir,
}

fn world() -> World {
    let (store, dir) = township_on_disk(|tx| {
        let v = unit(tx, "village", None, "320115101001", "青溪社区");
        for (code, name) in [("320115101001001", "一网格"), ("320115101001002", "二网格")] {
            unit(tx, "base_grid", Some(&v), code, name);
        }
    });
    World { store, dir }
}

const HEADERS: [&str; 6] = [
    "姓名",
    "身份证号码",
    "手机号码",
    "身份",
    "所在网格/小区",
    "专职/兼职",
];

fn roster_rows() -> Vec<[String; 6]> {
    vec![
        [
            "张伟".into(),
            idn("19850612", 13),
            "13812345678".into(),
            "网格员".into(),
            "一网格".into(),
            "专职".into(),
        ],
        [
            "李娜".into(),
            idn("19900101", 22),
            "13912345678".into(),
            "网格员".into(),
            "二网格".into(),
            "兼职".into(),
        ],
    ]
}

impl World {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn preview(&self, p: &Path) -> Result<import::Preview, Error> {
        Kind::people().preview(self.store.conn(), p, ctx().today())
    }
    fn commit(&mut self, p: &Path) -> Result<import::Summary, Error> {
        Kind::people().commit(
            &mut self.store,
            &ctx(),
            p,
            &AtomicBool::new(false),
            &mut |_, _| {},
        )
    }
    /// Refused with a message containing `want`, nothing written, no crash.
    fn refused(&mut self, p: &Path, want: &str) {
        let before = dump(&self.store);
        let err = self.preview(p).expect_err("preview refuses");
        assert!(err.to_string().contains(want), "{}: {err}", p.display());
        let err = self.commit(p).expect_err("import refuses");
        assert!(err.to_string().contains(want), "{}: {err}", p.display());
        assert_eq!(dump(&self.store), before, "{}", p.display());
    }
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

fn roster_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in roster_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn the_first_visible_sheet_is_read_and_named() {
    let mut w = world();
    let p = w.path("hidden.xlsx");
    let mut wb = Workbook::new();
    let hidden = wb.add_worksheet();
    hidden.set_name("旧名单").unwrap();
    hidden.write_string(0, 0, "姓名").unwrap();
    hidden.write_string(0, 1, "身份证号码").unwrap();
    hidden.write_string(1, 0, "不该导入").unwrap();
    hidden.set_hidden(true);
    let ws = wb.add_worksheet();
    ws.set_name("网格员").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in roster_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    ws.set_active(true);
    wb.save(&p).unwrap();
    let pv = w.preview(&p).unwrap();
    assert_eq!(pv.sheet_name, "网格员");
    assert_eq!(pv.sheets, vec!["网格员".to_string()]);
    assert_eq!(pv.valid_rows, 2, "{:?}", pv.problems);
    let s = w.commit(&p).unwrap();
    assert_eq!(s.created, 2);
}

#[test]
fn a_lying_shared_string_count_is_refused_before_allocating() {
    let mut w = world();
    let good = w.path("good.xlsx");
    roster_xlsx(&good);
    let bomb = w.path("bomb.xlsx");
    rezip(&good, &bomb, |name, bytes| {
        if name.ends_with("sharedStrings.xml") {
            let s = String::from_utf8(bytes).unwrap();
            let at = s.find("uniqueCount=\"").unwrap() + 13;
            let end = at + s[at..].find('"').unwrap();
            format!("{}4000000000{}", &s[..at], &s[end..]).into_bytes()
        } else {
            bytes
        }
    });
    assert!(std::fs::metadata(&bomb).unwrap().len() < 20_000);
    w.refused(&bomb, "已损坏");
}

#[test]
fn cells_far_apart_or_far_down_are_refused_with_the_place() {
    let mut w = world();
    let p = w.path("far.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&p).unwrap();
    w.refused(&p, "上限");
    let p = w.path("down.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(1_048_575, 0, "x").unwrap();
    wb.save(&p).unwrap();
    w.refused(&p, "第 1048576 行");
}

#[test]
fn a_huge_cell_or_part_is_refused() {
    let mut w = world();
    let good = w.path("good.xlsx");
    roster_xlsx(&good);
    // One sheet part inflating past the cap: 160 MB, a few hundred KB packed.
    let p = w.path("huge.xlsx");
    rezip(&good, &p, |name, bytes| {
        if name.ends_with("sheet1.xml") {
            let mut s = String::from_utf8(bytes).unwrap();
            let at = s.find("</sheetData>").unwrap();
            // Many small cells (one huge cell is refused sooner, as a cell).
            let cell = "<c r=\"A9\"><v>1</v></c>".repeat(160 * 1024 * 1024 / 22);
            s.insert_str(at, &cell);
            s.into_bytes()
        } else {
            bytes
        }
    });
    assert!(std::fs::metadata(&p).unwrap().len() < 2_000_000);
    w.refused(&p, "过大");
    // A 2 MB cell within the caps: refused as a cell no clerk types.
    let p = w.path("cell.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1, 0, "张伟").unwrap();
    wb.save(&p).unwrap();
    // rust_xlsxwriter caps strings at 32,767 characters, as Excel does: write the
    // long cell by editing the part instead.
    let q = w.path("cell2.xlsx");
    rezip(&p, &q, |name, bytes| {
        if name.ends_with("sheet1.xml") {
            let s = String::from_utf8(bytes).unwrap();
            let at = s.find("</sheetData>").unwrap();
            let mut s = s;
            s.insert_str(
                at,
                &format!(
                    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                    "c".repeat(2 * 1024 * 1024)
                ),
            );
            s.into_bytes()
        } else {
            bytes
        }
    });
    w.refused(&q, "超过 1 MB");
}

fn roster_xls() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/roster.xls"
    ))
    .unwrap()
}

#[test]
fn an_xls_claiming_billions_of_rows_is_refused_before_calamine_reserves() {
    let mut w = world();
    let mut bytes = roster_xls();
    // The DIMENSIONS record (0x0200, 14 bytes): last row + 1 to nearly 2^32.
    let at = bytes
        .windows(4)
        .position(|x| x == [0x00, 0x02, 0x0E, 0x00])
        .expect("dimensions record");
    bytes[at + 8..at + 12].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let p = w.path("dims.xls");
    std::fs::write(&p, &bytes).unwrap();
    w.refused(&p, "范围太大");
}

#[test]
fn damaged_xls_and_xlsx_never_crash() {
    let w = world();
    let xls = roster_xls();
    let good = w.path("good.xlsx");
    roster_xlsx(&good);
    let xlsx = std::fs::read(&good).unwrap();
    let p = w.path("damaged.bin");
    // Deterministic byte flips and truncations over both files.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (i, base) in [&xls, &xlsx].iter().enumerate() {
        for round in 0..150 {
            let mut b = (*base).clone();
            if round % 5 == 4 {
                let cut = (next() as usize) % b.len();
                b.truncate(cut.max(8));
            } else {
                for _ in 0..(1 + round % 4) {
                    let at = (next() as usize) % b.len();
                    b[at] = next() as u8;
                }
            }
            std::fs::write(&p, &b).unwrap();
            // Any outcome but a panic or an abort.
            let _ = sheets::read(&p);
            let _ = w.preview(&p);
            let _ = i;
        }
    }
}

#[cfg(unix)]
#[test]
fn files_that_are_not_files_are_refused_without_hanging() {
    let mut w = world();
    let fifo = w.path("pipe.csv");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        w.refused(&fifo, "不是普通文件");
    }
    w.refused(Path::new("/dev/zero"), "不是普通文件");
    w.refused(w.dir.path().to_path_buf().as_path(), "不是普通文件");
    let link = w.path("dangling.csv");
    std::os::unix::fs::symlink(w.path("nowhere.csv"), &link).unwrap();
    let err = w.preview(&link).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
}

#[test]
fn csv_problems_name_the_row_and_column_and_counts_exclude_the_header() {
    let mut w = world();
    let p = w.path("ctl.csv");
    std::fs::write(&p, "姓名,身份证号码\n张伟,1\n李\u{1}娜,2\n").unwrap();
    w.refused(&p, "第 3 行第 1 列（A列）");
    let p = w.path("big.csv");
    let mut s = String::from("姓名,身份证号码,手机号码,身份,所在网格/小区,专职/兼职\n");
    for i in 0..50_001 {
        s.push_str(&format!("人{i},x,x,网格员,一网格,专职\n"));
    }
    std::fs::write(&p, s).unwrap();
    w.refused(&p, "50001 行数据（不含表头）");
}

fn csv_text() -> String {
    let mut s = HEADERS.join(",");
    s.push('\n');
    for r in roster_rows() {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s
}

#[test]
fn web_platform_xls_files_import_like_the_same_xlsx() {
    let mut w = world();
    let rows = roster_rows();
    let cell = |v: &str, ty: &str| format!("<Cell><Data ss:Type=\"{ty}\">{v}</Data></Cell>");
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n<Worksheet ss:Name=\"人员名单\"><Table>\n<Row>",
    );
    for h in HEADERS {
        xml.push_str(&cell(h, "String"));
    }
    xml.push_str("</Row>\n");
    for r in &rows {
        xml.push_str("<Row>");
        for v in r {
            xml.push_str(&cell(v, "String"));
        }
        xml.push_str("</Row>\n");
    }
    xml.push_str("</Table></Worksheet></Workbook>\n");
    let x = w.path("platform.xls");
    std::fs::write(&x, &xml).unwrap();
    let mut html = String::from(
        "<html><head><meta charset=\"utf-8\"><style>td{mso-number-format:'\\@'}</style></head><body><table border=1>\n<tr>",
    );
    for h in HEADERS {
        html.push_str(&format!("<th>{h}</th>"));
    }
    html.push_str("</tr>\n");
    for r in &rows {
        html.push_str("<tr>");
        for v in r {
            html.push_str(&format!("<td>{v}</td>"));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table></body></html>");
    let h = w.path("table.xls");
    // Older systems write GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    std::fs::write(&h, &gbk).unwrap();
    let c = w.path("same.csv");
    std::fs::write(&c, csv_text()).unwrap();
    let want = sheets::read(&c).unwrap().rows;
    for p in [&x, &h] {
        let s = sheets::read(p).unwrap();
        let texts = |rows: &Vec<Vec<sheets::Cell>>| -> Vec<Vec<String>> {
            rows.iter()
                .map(|r| r.iter().map(|c| c.text.clone()).collect())
                .collect()
        };
        assert_eq!(texts(&s.rows), texts(&want), "{}", p.display());
        assert!(s.rows.iter().flatten().all(|c| !c.numeric));
        let pv = w.preview(p).unwrap();
        assert_eq!(pv.valid_rows, 2, "{}: {:?}", p.display(), pv.problems);
    }
    assert_eq!(sheets::read(&x).unwrap().name, "人员名单");
    let s = w.commit(&x).unwrap();
    assert_eq!(s.created, 2);
    // Text that is neither: named as what to do, not as missing columns.
    let junk = w.path("junk.xls");
    std::fs::write(&junk, "<html><body><p>没有表格</p></body></html>").unwrap();
    w.refused(&junk, "另存为 .xlsx");
}

#[test]
fn merged_cells_are_filled_down() {
    let w = world();
    let p = w.path("merged.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = roster_rows();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().take(3) {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
        ws.write_string(r as u32 + 1, 4, &row[4]).unwrap();
        ws.write_string(r as u32 + 1, 5, &row[5]).unwrap();
    }
    // 身份 merged down over both people.
    ws.merge_range(1, 3, 2, 3, "网格员", &rust_xlsxwriter::Format::new())
        .unwrap();
    wb.save(&p).unwrap();
    let pv = w.preview(&p).unwrap();
    assert_eq!(pv.valid_rows, 2, "{:?}", pv.problems);
}

#[test]
fn outputs_never_overwrite_the_input_or_the_database() {
    let mut w = world();
    let input = w.path("in.csv");
    std::fs::write(&input, csv_text()).unwrap();
    let db = w.path("g.db");
    let before = dump(&w.store);
    let db_bytes = std::fs::read(&db).unwrap();
    let link = w.path("g-link.xlsx");
    std::fs::hard_link(&db, &link).unwrap();
    for out in [input.clone(), link.clone(), db.clone()] {
        let err = Kind::people()
            .write_error_workbook(w.store.conn(), &input, &out, ctx().today())
            .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::Validation,
            "{}: {err}",
            out.display()
        );
        if out != input {
            let err = Kind::people().write_template(&out).unwrap_err();
            assert_eq!(
                err.kind(),
                ErrorKind::Validation,
                "{}: {err}",
                out.display()
            );
        }
    }
    assert_eq!(std::fs::read(&input).unwrap(), csv_text().as_bytes());
    assert_eq!(std::fs::read(&db).unwrap(), db_bytes);
    assert_eq!(dump(&w.store), before);
    // A package into a folder that is not there: refused, no number used up.
    let newdir = w.path("newdir/");
    let err = gridledger_core::exchange::package::export_to(&mut w.store, &ctx(), &newdir, false)
        .unwrap_err();
    assert!(err.to_string().contains("不存在"), "{err}");
    assert!(!w.path("newdir").exists());
    assert_eq!(dump(&w.store), before);
    let folder = w.dir.path().to_path_buf();
    let e = gridledger_core::exchange::package::export_to(&mut w.store, &ctx(), &folder, false)
        .unwrap();
    assert_eq!(e.sequence, 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&e.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "packages carry ID numbers: owner only");
    }
    // Over the database with a .zip name (a hard link).
    let zlink = w.path("g.zip");
    std::fs::hard_link(&db, &zlink).unwrap();
    let err = gridledger_core::exchange::package::export_to(&mut w.store, &ctx(), &zlink, false)
        .unwrap_err();
    assert!(err.to_string().contains("数据库"), "{err}");
}

#[test]
fn one_database_one_writer_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let _first = Store::open(&db).unwrap();
    let other = dir.path().join("b.db");
    std::fs::hard_link(&db, &other).unwrap();
    let err = Store::open(&other).err().expect("second name refused");
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(
        err.to_string().contains("已被另一个窗口或程序打开"),
        "{err}"
    );
    // A missing path: nothing created; a file that is not a database: untouched.
    let missing = dir.path().join("typo.db");
    let err = Store::open_existing(&missing).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let text = dir.path().join("passwd");
    std::fs::write(&text, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let err = Store::open_existing(&text).err().unwrap();
    assert!(
        err.to_string().contains("不是基层治理台账的数据库"),
        "{err}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["a.db", "a.db-shm", "a.db-wal", "b.db", "passwd"]);
    assert_eq!(
        std::fs::read(&text).unwrap(),
        b"root:x:0:0:root:/root:/bin/bash\n"
    );
    // Another program's SQLite database is not ours either.
    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = Store::open_existing(&foreign).err().unwrap();
    assert!(
        err.to_string().contains("不是基层治理台账的数据库"),
        "{err}"
    );
}

#[test]
fn another_databases_backup_needs_the_office_name() {
    let dir = tempfile::tempdir().unwrap();
    let setup = |name: &str, code: &str, office_name: &str| {
        let path = dir.path().join(name);
        let mut s = Store::open(&path).unwrap();
        s.write(&ctx(), |tx| {
            office::setup(tx, "township", code, office_name, false).map(|_| ())
        })
        .unwrap();
        s
    };
    let county_like = setup("a.db", "320115101000", "青溪街道");
    let b = backup::take(&county_like, ctx().now, None).unwrap();
    drop(county_like);
    let mut other = setup("b.db", "320115102000", "梧桐镇");
    let before = dump(&other);
    let list = backup::list(&other).unwrap();
    let listed = list.iter().find(|x| x.file_name == b.file_name).unwrap();
    assert_eq!(
        (listed.office_name.as_str(), listed.same_database),
        ("青溪街道", false)
    );
    let err = backup::restore(&mut other, &ctx(), &b.file_name, None).unwrap_err();
    assert_eq!(err.field(), Some("confirm"));
    assert!(err.to_string().contains("青溪街道"), "{err}");
    let err = backup::restore(&mut other, &ctx(), &b.file_name, Some("梧桐镇")).unwrap_err();
    assert_eq!(err.field(), Some("confirm"));
    assert_eq!(dump(&other), before, "refused: nothing changed");
    backup::restore(&mut other, &ctx(), &b.file_name, Some("青溪街道")).unwrap();
    assert_eq!(office::require(other.conn()).unwrap().name, "青溪街道");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&dir.path().join("b.db")),
            0o600,
            "a new database: owner only"
        );
        assert_eq!(mode(Path::new(&b.path)), 0o600, "a backup: owner only");
    }
    // The data before was set aside first.
    assert!(backup::list(&other)
        .unwrap()
        .iter()
        .any(|x| x.file_name.contains("before-restore")));
}

/// A row hidden in the file (filtered out by 筛选, or hidden by hand) is imported
/// like the others, but the preview names it: a clerk who filtered a county's list
/// down to the township's rows sees only those. An empty hidden row is not named.
#[test]
fn hidden_rows_are_named_in_the_preview() {
    let mut w = world();
    let p = w.path("筛选过.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("说明")
        .unwrap()
        .set_row_hidden(1)
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in roster_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    ws.set_row_hidden(2).unwrap();
    ws.set_row_hidden(7).unwrap();
    wb.save(&p).unwrap();
    let pv = w.preview(&p).unwrap();
    assert_eq!(pv.sheet_name, "名单");
    assert_eq!(pv.valid_rows, 2);
    assert_eq!(pv.notes.len(), 1, "{:?}", pv.notes);
    assert!(
        pv.notes[0].starts_with("第 3 行在表格里被隐藏（或被筛选掉）"),
        "{}",
        pv.notes[0]
    );
    let done = w.commit(&p).unwrap();
    assert_eq!(done.created, 2);
    assert!(
        done.text().contains("第 3 行在表格里被隐藏"),
        "{}",
        done.text()
    );

    // The same rows from Excel 2003 XML (ss:Hidden), as web platforms write it.
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n<Worksheet ss:Name=\"名单\"><Table>\n<Row>",
    );
    for h in HEADERS {
        xml.push_str(&format!("<Cell><Data ss:Type=\"String\">{h}</Data></Cell>"));
    }
    xml.push_str("</Row>\n");
    for (i, r) in roster_rows().iter().enumerate() {
        xml.push_str(if i == 0 {
            "<Row ss:Hidden=\"1\">"
        } else {
            "<Row>"
        });
        for v in r {
            xml.push_str(&format!("<Cell><Data ss:Type=\"String\">{v}</Data></Cell>"));
        }
        xml.push_str("</Row>\n");
    }
    xml.push_str("</Table></Worksheet></Workbook>\n");
    let x = w.path("平台.xls");
    std::fs::write(&x, &xml).unwrap();
    let pv = w.preview(&x).unwrap();
    assert!(
        pv.notes
            .iter()
            .any(|n| n.starts_with("第 2 行在表格里被隐藏")),
        "{:?}",
        pv.notes
    );
}

#[test]
fn the_clerk_can_pick_another_sheet() {
    let mut w = world();
    let p = w.path("two.xlsx");
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "请在第二个工作表填写").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in roster_rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(&p).unwrap();
    // The first visible sheet is a note without headers: the first sheet with the
    // kind's headers is taken, and named.
    let pv = w.preview(&p).unwrap();
    assert_eq!(pv.sheet_name, "名单");
    // Chosen explicitly, the note sheet is refused, named, with what to do.
    let note = import::Source {
        path: &p,
        sheet: Some("说明"),
        given: &[],
    };
    let err = Kind::people()
        .preview(w.store.conn(), note, ctx().today())
        .unwrap_err();
    assert!(err.to_string().contains("工作表“说明”"), "{err}");
    let src = import::Source {
        path: &p,
        sheet: Some("名单"),
        given: &[],
    };
    let pv = Kind::people()
        .preview(w.store.conn(), src, ctx().today())
        .unwrap();
    assert_eq!(pv.sheet_name, "名单");
    assert_eq!(pv.sheets, ["说明", "名单"]);
    assert_eq!(pv.valid_rows, 2);
    let s = Kind::people()
        .commit(
            &mut w.store,
            &ctx(),
            src,
            &AtomicBool::new(false),
            &mut |_, _| {},
        )
        .unwrap();
    assert_eq!(s.created, 2);
    let missing = import::Source {
        path: &p,
        sheet: Some("没有这个"),
        given: &[],
    };
    let err = Kind::people()
        .preview(w.store.conn(), missing, ctx().today())
        .unwrap_err();
    assert!(
        err.to_string().contains("没有名为“没有这个”的工作表"),
        "{err}"
    );
    // A CSV file has no sheets: one asked for by name is refused, not read as the file.
    let csv = p.with_extension("csv");
    std::fs::write(&csv, format!("{}\n", HEADERS.join(","))).unwrap();
    let named = import::Source {
        path: &csv,
        sheet: Some("名单"),
        given: &[],
    };
    let err = Kind::people()
        .preview(w.store.conn(), named, ctx().today())
        .unwrap_err();
    assert!(
        err.to_string().contains("是 CSV 文件，没有分工作表"),
        "{err}"
    );
}

/// The demo township, for the checks an imported row meets against stored records.
fn demo_township(dir: &Path) -> crate::support::Office {
    crate::support::office(dir, "township", "320115101000", "青溪街道", true)
}

/// The import check of demands `csv` (written to 诉求.csv in `dir`) in `o`.
fn check_demands(o: &crate::support::Office, dir: &Path, csv: &str) -> import::Preview {
    let path = dir.join("诉求.csv");
    std::fs::write(&path, csv).unwrap();
    Kind::parse("demands")
        .unwrap()
        .preview_source(o.store.conn(), (&*path).into(), ctx().today())
        .unwrap()
}

/// Files that lack some of a kind's columns, found by probing with the CLI: updating
/// a record from one must not clear what the missing columns held. A 已回访 demand
/// named by a four-column file stays as it was (before: back to 已受理, its
/// department, result and satisfaction cleared, the report's 已办结 one fewer);
/// a new demand in the same file is still added.
#[test]
fn a_file_lacking_columns_does_not_roll_back_or_clear_a_stored_demand() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = demo_township(dir.path());
    let (title, received, before): (String, String, String) = o
        .store
        .conn()
        .query_row(
            "SELECT json_extract(json, '$.title'), json_extract(json, '$.receivedOn'), json FROM demands \
             WHERE json_extract(json, '$.status') = 'called_back' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let path = dir.path().join("诉求.csv");
    std::fs::write(
        &path,
        format!(
            "诉求事项,类别,诉求内容,受理日期\n{title},其他,外墙瓷砖脱落,{received}\n新的诉求,其他,路灯不亮,{received}\n"
        ),
    )
    .unwrap();
    let demands = Kind::parse("demands").unwrap();
    let p = demands
        .preview_source(o.store.conn(), (&*path).into(), ctx().today())
        .unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (1, 1), "{:?}", p.problems);
    assert!(
        p.problems[0].message.contains("缺少“"),
        "{}",
        p.problems[0].message
    );
    let done = crate::support::commit_file(&mut o.store, &demands, &path);
    assert_eq!((done.created, done.updated, done.rejected), (1, 0, 1));
    // An old list with every column (the demand still 已受理 in it) does not move
    // the demand back either: the step is refused in 状态.
    let export = dir.path().join("诉求台账.xlsx");
    gridledger_core::kinds::export_xlsx(o.store.conn(), "demands", &export, ctx().today()).unwrap();
    let sheet = gridledger_core::sheets::read_sheet(&export, None).unwrap();
    let column = |name: &str| {
        sheet
            .rows
            .iter()
            .find_map(|r| r.iter().position(|c| c.text.starts_with(name)))
            .unwrap()
    };
    let status = column("状态");
    // What the list said then: no step after 受理 filled in.
    let later: Vec<usize> = [
        "承办部门",
        "交办日期",
        "办结日期",
        "办理结果",
        "回访满意度",
        "回访日期",
    ]
    .into_iter()
    .map(column)
    .collect();
    let quoted = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let text: String = sheet
        .rows
        .iter()
        .map(|r| {
            let mine = r.iter().any(|c| c.text == title);
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    quoted(if mine && i == status {
                        "已受理"
                    } else if mine && later.contains(&i) {
                        ""
                    } else {
                        &c.text
                    })
                })
                .collect();
            cells.join(",") + "\n"
        })
        .collect();
    let old = dir.path().join("旧名单.csv");
    std::fs::write(&old, text).unwrap();
    let p = demands
        .preview_source(o.store.conn(), (&*old).into(), ctx().today())
        .unwrap();
    // Only that row: the rest of the list is as stored.
    crate::support::the_problem(&p, "状态", "导入不会改变记录已经走过的步骤");
    let after: String = o
        .store
        .conn()
        .query_row(
            "SELECT json FROM demands WHERE json_extract(json, '$.title') = ?1",
            [&title],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(after, before);
}

/// Cells any kind refuses before reading the row, found by probing with the CLI: a
/// formula's error (#N/A) where a name should be (it was stored as a person named
/// "#NA"); a zero-width space in the name that identifies a leader (a second 沈文华
/// that looks like the first); a 17-digit code Excel stored as a number (its last
/// digits changed, a second unit added beside the real one).
#[test]
fn formula_errors_invisible_names_and_long_numbers_are_refused_by_cell() {
    let (mut s, dir) = township_on_disk(|tx| {
        let v = unit(tx, "village", None, "320115101001", "青溪社区");
        let c = unit(tx, "compound", Some(&v), "320115101001XQ01", "阳光花园");
        unit(
            tx,
            "base_grid",
            Some(&c),
            "320115101001001",
            "阳光花园第一网格",
        );
    });
    let leaders = Kind::parse("leaders").unwrap();
    let path = dir.path().join("领导.csv");
    std::fs::write(
        &path,
        "姓名,层级,职务\n沈文华\u{200b},市,副市长\n#N/A,区,区长\n韩立,区,#VALUE!\n周新,区,副区长\n",
    )
    .unwrap();
    let p = leaders
        .preview_source(s.conn(), (&*path).into(), ctx().today())
        .unwrap();
    assert_eq!(
        crate::support::problem_places(&p),
        [(2, "姓名"), (3, "姓名"), (4, "职务")],
        "{:?}",
        p.problems
    );
    assert!(
        p.problems[0].message.contains("U+200B"),
        "{}",
        p.problems[0].message
    );
    assert!(
        p.problems[1].message.contains("公式出错的结果（#N/A）"),
        "{}",
        p.problems[1].message
    );
    assert_eq!(p.valid_rows, 1);

    let grids = Kind::parse("micro-grids").unwrap();
    let path = dir.path().join("微网格.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["所属基础网格", "编码", "名称"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "阳光花园第一网格").unwrap();
    ws.write_number(1, 1, 32011510100100101.0).unwrap();
    ws.write_string(1, 2, "1-2栋").unwrap();
    wb.save(&path).unwrap();
    let done = crate::support::commit_file(&mut s, &grids, &path);
    assert_eq!((done.created, done.rejected), (0, 1));
    let p = grids
        .preview_source(s.conn(), (&*path).into(), ctx().today())
        .unwrap();
    assert_eq!(p.problems[0].column, "编码");
    assert!(
        p.problems[0].message.contains("被 Excel 存成了数字"),
        "{}",
        p.problems[0].message
    );
}

/// A formula the file holds no result for (a script's openpyxl writes `<f>` with no
/// `<v>`, and nothing calculates it until Excel opens the file) was read as empty:
/// a stored leader's 职务 was cleared without a word. It is refused in its column now,
/// naming the formula; a formula with its result reads as the result, one whose
/// result is "" (a template's =IF(…,"",…) on its blank rows) as an empty cell.
#[test]
fn a_formula_without_its_result_is_refused_not_read_as_empty() {
    let (mut s, dir) = township_on_disk(|_| {});
    let leaders = Kind::parse("leaders").unwrap();
    let first = dir.path().join("领导.csv");
    std::fs::write(&first, "姓名,层级,职务\n沈文华,市,副市长\n韩立,区,区长\n").unwrap();
    let done = crate::support::commit_file(&mut s, &leaders, &first);
    assert_eq!(done.created, 2);

    let calculated = dir.path().join("算好.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "层级", "职务", "备注"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, level)) in [("沈文华", "市"), ("韩立", "区")].iter().enumerate() {
        ws.write_string(r as u32 + 1, 0, *name).unwrap();
        ws.write_string(r as u32 + 1, 1, *level).unwrap();
        // A template's formula whose result is "" (Excel writes t="str" <v></v>): an
        // empty cell, not a formula without its result.
        ws.write_formula(
            r as u32 + 1,
            3,
            rust_xlsxwriter::Formula::new("=IF(A1=\"\",\"x\",\"\")").set_result(""),
        )
        .unwrap();
    }
    ws.write_formula(
        1,
        2,
        rust_xlsxwriter::Formula::new("=\"常务\"&\"副市长\"").set_result("常务副市长"),
    )
    .unwrap();
    ws.write_string(2, 2, "区长").unwrap();
    wb.save(&calculated).unwrap();
    // rust_xlsxwriter writes the "" result as 0; Excel writes t="str" with an empty
    // <v></v>: make the file say it as Excel does.
    let written = dir.path().join("写好.xlsx");
    std::fs::rename(&calculated, &written).unwrap();
    rezip(&written, &calculated, |name, bytes| {
        if name.ends_with("sheet1.xml") {
            let s = String::from_utf8(bytes).unwrap();
            let (from, to) = (r#""x","")</f><v>0</v>"#, r#""x","")</f><v></v>"#);
            assert_eq!(s.matches(from).count(), 2, "{s}");
            let s = s.replace(from, to);
            s.replace(r#"<c r="D2">"#, r#"<c r="D2" t="str">"#)
                .replace(r#"<c r="D3">"#, r#"<c r="D3" t="str">"#)
                .into_bytes()
        } else {
            bytes
        }
    });
    let p = leaders
        .preview_source(s.conn(), (&*calculated).into(), ctx().today())
        .unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);

    // The same file as a tool that does not calculate writes it: no <v> after <f>.
    let uncalculated = dir.path().join("没算.xlsx");
    rezip(&calculated, &uncalculated, |name, bytes| {
        if name.ends_with("sheet1.xml") {
            let s = String::from_utf8(bytes).unwrap();
            let at = s.find("</f>").unwrap() + 4;
            let end = at + s[at..].find("</c>").unwrap();
            assert!(s[at..end].starts_with("<v>"), "{}", &s[at..end]);
            format!("{}{}", &s[..at], &s[end..]).into_bytes()
        } else {
            bytes
        }
    });
    let p = leaders
        .preview_source(s.conn(), (&*uncalculated).into(), ctx().today())
        .unwrap();
    assert_eq!(
        crate::support::problem_places(&p),
        [(2, "职务")],
        "{:?}",
        p.problems
    );
    assert!(
        p.problems[0].message.contains("没有保存它的计算结果")
            && p.problems[0].message.contains("=\"常务\"&\"副市长\""),
        "{}",
        p.problems[0].message
    );
    let done = crate::support::commit_file(&mut s, &leaders, &uncalculated);
    assert_eq!((done.created, done.rejected), (0, 1));
    let title: String = crate::support::one(
        &s,
        "SELECT json_extract(json, '$.post') FROM leaders WHERE json_extract(json, '$.name') = '沈文华'",
    );
    assert_eq!(title, "副市长");

    // xlsxwriter and rust_xlsxwriter store 0 as an uncalculated formula's result and
    // ask Excel to calculate on opening (fullCalcOnLoad): the 0 is refused as no
    // result; the same file once Excel has saved it (no such request) reads as stored.
    let placeholder = dir.path().join("脚本生成.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "层级", "职务"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "沈文华").unwrap();
    ws.write_string(1, 1, "市").unwrap();
    ws.write_formula(1, 2, "=\"常务\"&\"副市长\"").unwrap();
    wb.save(&placeholder).unwrap();
    let p = leaders
        .preview_source(s.conn(), (&*placeholder).into(), ctx().today())
        .unwrap();
    assert_eq!(
        crate::support::problem_places(&p),
        [(2, "职务")],
        "{:?}",
        p.problems
    );
    let saved = dir.path().join("打开保存过.xlsx");
    rezip(&placeholder, &saved, |name, bytes| {
        if name == "xl/workbook.xml" {
            let s = String::from_utf8(bytes).unwrap();
            assert!(s.contains(r#"fullCalcOnLoad="1""#), "{s}");
            s.replace(r#" fullCalcOnLoad="1""#, "").into_bytes()
        } else {
            bytes
        }
    });
    let p = leaders
        .preview_source(s.conn(), (&*saved).into(), ctx().today())
        .unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

/// A demand's step dates from a file keep the order the step machine keeps on
/// screen: 办结 before 受理 (a timeline running backwards, counted as on time) or a
/// step after today is refused, naming the column; so is a 受理日期 after today (it
/// was received, and counted as 收到的诉求 by no period up to today).
#[test]
fn a_demands_dates_out_of_order_or_in_the_future_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_township(dir.path());
    let today = ctx().today();
    let dept: String = crate::support::one(
        &o.store,
        "SELECT json_extract(json, '$.name') FROM departments LIMIT 1",
    );
    let later = (today + chrono::Days::new(30)).format("%Y-%m-%d");
    let p = check_demands(
        &o,
        dir.path(),
        &format!(
            "诉求事项,类别,诉求内容,村/社区,受理日期,状态,承办部门,办结日期,办理结果\n\
             倒着办结,其他,路灯不亮,青溪社区,2026-01-05,已办结,{dept},2025-12-01,已修好\n\
             明天办结,其他,路灯不亮,青溪社区,2026-01-05,已办结,{dept},{later},已修好\n\
             顺着办结,其他,路灯不亮,青溪社区,2026-01-05,已办结,{dept},2026-01-20,已修好\n\
             明天受理,其他,路灯不亮,青溪社区,{later},已受理,,,\n"
        ),
    );
    assert_eq!(
        crate::support::problem_places(&p),
        [(2, "办结日期"), (3, "办结日期"), (5, "受理日期")],
        "{:?}",
        p.problems
    );
    assert!(
        p.problems[0].message.contains("早于受理日期（2026-01-05）"),
        "{}",
        p.problems[0].message
    );
    assert!(
        p.problems[2].message.contains("晚于今天"),
        "{}",
        p.problems[2].message
    );
    assert_eq!(p.valid_rows, 1);
}

/// The township's own export with one row edited, as CSV (every column kept).
fn edited_export(
    o: &crate::support::Office,
    dir: &Path,
    kind: &str,
    edit: impl Fn(&[String], &mut Vec<String>) -> bool,
) -> PathBuf {
    let out = dir.join(format!("{kind}-导出.xlsx"));
    gridledger_core::kinds::export_xlsx(o.store.conn(), kind, &out, ctx().today()).unwrap();
    let mut rows = crate::support::sheet_rows(&out);
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "状态"))
        .unwrap();
    let head = rows[header].clone();
    let edited = rows[header + 1..]
        .iter_mut()
        .map(|r| edit(&head, r))
        .filter(|e| *e)
        .count();
    assert_eq!(edited, 1, "one row edited");
    let quoted = |c: &String| format!("\"{}\"", c.replace('"', "\"\""));
    let text: Vec<String> = rows
        .iter()
        .map(|r| r.iter().map(quoted).collect::<Vec<_>>().join(","))
        .collect();
    let path = dir.join(format!("{kind}-改过.csv"));
    std::fs::write(&path, text.join("\n")).unwrap();
    path
}

/// A stored record's step may not be dated before the steps its history already
/// holds (on screen: 日期不能早于上一步的日期): the probe's demand, 办理中 since
/// 06-18, imported as 已办结 on 06-12, counted as resolved on time. The same dates
/// from the day of its last step on import.
#[test]
fn an_imported_step_is_not_dated_before_the_stored_history() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_township(dir.path());
    let (title, last): (String, String) = o
        .store
        .conn()
        .query_row(
            "SELECT json_extract(json, '$.title'), json_extract(json, '$.history[#-1].date') \
             FROM demands WHERE json_extract(json, '$.status') = 'in_progress' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let last_day = chrono::NaiveDate::parse_from_str(&last, "%Y-%m-%d").unwrap();
    let demands = Kind::parse("demands").unwrap();
    for (day, refused) in [(last_day - chrono::Days::new(6), true), (last_day, false)] {
        let file = edited_export(&o, dir.path(), "demands", |head, row| {
            let at = |h: &str| head.iter().position(|c| c == h).unwrap();
            if row[at("诉求事项")] != title {
                return false;
            }
            row[at("状态")] = "已办结".into();
            row[at("办结日期")] = day.format("%Y-%m-%d").to_string();
            row[at("办理结果")] = "已协调完成".into();
            true
        });
        let p = demands
            .preview(o.store.conn(), &file, ctx().today())
            .unwrap();
        if refused {
            crate::support::the_problem(
                &p,
                "办结日期",
                &format!("早于这条记录已有的上一步“办理中”（{last}）"),
            );
        } else {
            assert!(p.problems.is_empty(), "{:?}", p.problems);
            assert_eq!(p.to_update - p.unchanged, 1, "only the edited row changes");
        }
    }
}

/// A project's step dates from a file keep the step machine's order too: the
/// probe's project, claimed in 2027, started 2029, finished 2028 and evaluated 2027,
/// counted as completed. Each is refused, naming the column.
#[test]
fn a_projects_dates_out_of_order_or_in_the_future_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_township(dir.path());
    let partner: String = crate::support::one(
        &o.store,
        "SELECT json_extract(json, '$.name') FROM partner_units LIMIT 1",
    );
    let path = dir.path().join("项目.csv");
    std::fs::write(
        &path,
        format!(
            "项目名称,村/社区,类别,状态,认领单位,认领日期,实际开始,实际完成,评分,评价意见,评价日期\n\
             未来项目,青溪社区,环境整治,已认领,{partner},2099-05-01,,,,,\n\
             倒着完成,青溪社区,环境整治,已完成,{partner},2026-01-05,2026-03-01,2026-02-01,,,\n\
             顺着评价,青溪社区,环境整治,已评价,{partner},2026-01-05,2026-01-10,2026-02-01,5,好,2026-02-10\n\
             后来认领,青溪社区,环境整治,实施中,{partner},2026-03-05,2026-03-01,,,,\n\
             待认领却有单位,青溪社区,环境整治,待认领,{partner},2026-03-05,,,,,\n\
             完成后才认领,青溪社区,环境整治,已完成,{partner},2026-03-05,2026-01-10,2026-02-01,,,\n"
        ),
    )
    .unwrap();
    let p = Kind::parse("projects")
        .unwrap()
        .preview(o.store.conn(), &path, ctx().today())
        .unwrap();
    // A unit may claim a project under way (its export names that later date); a
    // project 待认领 has no claiming unit (a state no form makes).
    assert_eq!(
        crate::support::problem_places(&p),
        [
            (2, "认领日期"),
            (3, "实际完成"),
            (6, "认领单位"),
            (7, "实际完成")
        ],
        "{:?}",
        p.problems
    );
    assert!(
        p.problems[0].message.contains("晚于今天"),
        "{}",
        p.problems[0].message
    );
    assert!(
        p.problems[1]
            .message
            .contains("早于实际开始日期（2026-03-01）"),
        "{}",
        p.problems[1].message
    );
    assert_eq!(p.valid_rows, 2);
}

/// A 台账 with its header in two rows (a group heading 办理情况 over 状态、承办部门、
/// 办结日期、办理结果, the other headings merged down): the columns under the group
/// are read, the second header row is not a data row (the probe's demand, 已办结 by
/// 城管科 in the file, was stored 已受理 with no department), both in an .xlsx with
/// merged cells and in a CSV (blanks under the merged headings).
#[test]
fn a_header_in_two_rows_reads_the_columns_under_its_group_heading() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_township(dir.path());
    let dept: String = crate::support::one(
        &o.store,
        "SELECT json_extract(json, '$.name') FROM departments LIMIT 1",
    );
    let top = ["诉求事项", "类别", "诉求内容", "村/社区", "受理日期"];
    // 督办人, a heading the kind does not know, under the group too.
    let group = ["状态", "承办部门", "办结日期", "办理结果", "督办人"];
    let row = [
        "路灯不亮",
        "其他",
        "3 号路口路灯不亮",
        "青溪社区",
        "2026-01-05",
        "已办结",
        &dept,
        "2026-01-20",
        "已修好",
        "王主任",
    ];
    let check = |p: import::Preview| {
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(
            (p.total_rows, p.valid_rows, p.empty_rows),
            (1, 1, 0),
            "{p:?}"
        );
        assert_eq!(p.ignored_columns, ["督办人"]);
    };
    // CSV: a title row, the group heading once, blanks below the others.
    let csv = format!(
        "青溪街道诉求台账,,,,,,,,,\n{},办理情况,,,,\n,,,,,{}\n{}\n",
        top.join(","),
        group.join(","),
        row.join(",")
    );
    check(check_demands(&o, dir.path(), &csv));
    // .xlsx: the same with merged cells.
    let path = dir.path().join("诉求台账.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 0, 8, "青溪街道诉求台账", &plain)
        .unwrap();
    for (c, h) in top.iter().enumerate() {
        ws.merge_range(1, c as u16, 2, c as u16, h, &plain).unwrap();
    }
    ws.merge_range(1, 5, 1, 9, "办理情况", &plain).unwrap();
    for (c, h) in group.iter().enumerate() {
        ws.write_string(2, 5 + c as u16, *h).unwrap();
    }
    for (c, v) in row.iter().enumerate() {
        ws.write_string(3, c as u16, *v).unwrap();
    }
    wb.save(&path).unwrap();
    check(
        Kind::parse("demands")
            .unwrap()
            .preview_source(o.store.conn(), (&*path).into(), ctx().today())
            .unwrap(),
    );
}

/// A value a row needs in a column the file does not have: the message says the
/// column is missing, not only that the value is (要填写承办部门, with no such column
/// in the file, sent clerks looking for an empty cell).
#[test]
fn a_value_asked_for_in_a_missing_column_names_the_column_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_township(dir.path());
    let p = check_demands(
        &o,
        dir.path(),
        "诉求事项,类别,诉求内容,受理日期,状态,办结日期\n路灯,其他,路灯不亮,2026-01-05,已办结,2026-01-20\n",
    );
    assert_eq!(crate::support::problem_places(&p), [(2, "承办部门")]);
    assert!(
        p.problems[0].message.contains("文件里没有“承办部门”这一列"),
        "{}",
        p.problems[0].message
    );
}

/// A missing column whose empty cell would give a default (办理层级 → 乡镇/街道)
/// counts as clearing what is stored: a demand escalated to 县/区 is not quietly
/// brought back by a file without that column.
#[test]
fn a_missing_column_does_not_put_a_default_over_a_stored_value() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_township(dir.path());
    let (title, received, category, description, village): (String, String, String, String, String) = o
        .store
        .conn()
        .query_row(
            "SELECT json_extract(d.json, '$.title'), json_extract(d.json, '$.receivedOn'), \
             json_extract(d.json, '$.category'), json_extract(d.json, '$.description'), u.name \
             FROM demands d JOIN units u ON u.id = json_extract(d.json, '$.unitId') \
             WHERE json_extract(d.json, '$.level') = 'county' AND json_extract(d.json, '$.status') = 'accepted' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    let p = check_demands(
        &o,
        dir.path(),
        &format!("诉求事项,类别,诉求内容,村/社区,受理日期,状态\n{title},{category},\"{description}\",{village},{received},已受理\n"),
    );
    assert_eq!(p.rejected_rows, 1, "{:?}", p.problems);
    assert!(
        p.problems[0].message.contains("办理层级"),
        "{}",
        p.problems[0].message
    );
}
