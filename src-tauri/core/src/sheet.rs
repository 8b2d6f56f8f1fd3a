//! Spreadsheets in and out: reading .xlsx, .xls and .csv (UTF-8 with or without BOM,
//! or GBK as older Chinese Excel writes it) into rows of text cells, and writing
//! .xlsx with text-formatted columns, atomically.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook};

use crate::error::{Error, Result};

/// Larger files are refused before reading: a township roster is far smaller.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
pub const MAX_ROWS: usize = 50_000;
/// A cell longer than this marks its row as broken (not the whole file).
pub const MAX_CELL_CHARS: usize = 1_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// The spreadsheet stored a number (not text): fatal for ID numbers, which
    /// Excel has already rounded to 15 digits.
    pub numeric: bool,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell {
            text: s.to_string(),
            numeric: false,
        }
    }
}

/// The first sheet (or the CSV) as rows; row 0 is the file's first line.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub rows: Vec<Vec<Cell>>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a spreadsheet, deciding the format from its bytes, not only its name.
pub fn read(path: &Path) -> Result<Sheet> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() == 0 {
        return Err(Error::validation(
            "file",
            format!("文件“{name}”是空的（0 字节），请选择填好的表格文件。"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::validation(
            "file",
            format!(
                "文件“{name}”有 {:.1} MB，超过 20 MB 的上限。请拆成几个文件分别导入。",
                meta.len() as f64 / 1e6
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let not_a_sheet = || {
        Error::validation(
            "file",
            format!(
                "文件“{name}”不是可以读取的表格。请选择 Excel 文件（.xlsx 或 .xls）或 CSV 文件。"
            ),
        )
    };
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|_| not_a_sheet())?;
        first_sheet(&mut wb, &name)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let mut wb = calamine::Xls::new(Cursor::new(bytes)).map_err(|_| not_a_sheet())?;
        first_sheet(&mut wb, &name)?
    } else {
        read_csv(&bytes).ok_or_else(not_a_sheet)?
    };
    if rows.len() > MAX_ROWS + 1 {
        return Err(Error::validation(
            "file",
            format!(
                "文件“{name}”有 {} 行，超过 {MAX_ROWS} 行的上限。请拆成几个文件分别导入。",
                rows.len()
            ),
        ));
    }
    Ok(Sheet { rows })
}

fn first_sheet<RS, R>(wb: &mut R, name: &str) -> Result<Vec<Vec<Cell>>>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
{
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| Error::validation("file", format!("文件“{name}”里没有工作表。")))?
        .map_err(|_| Error::validation("file", format!("文件“{name}”的第一个工作表无法读取，文件可能已损坏。请用 Excel 打开后另存一份再试。")))?;
    // Rows start at the sheet's first used row; pad so row numbers match Excel's.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = (0..top).map(|_| Vec::new()).collect();
    for row in range.rows() {
        let mut cells: Vec<Cell> = (0..left).map(|_| Cell::text("")).collect();
        cells.extend(row.iter().map(cell_of));
        rows.push(cells);
    }
    Ok(rows)
}

fn cell_of(d: &Data) -> Cell {
    let numeric = |text: String| Cell {
        text,
        numeric: true,
    };
    match d {
        Data::Empty => Cell::text(""),
        Data::String(s) => Cell::text(s),
        Data::Int(i) => numeric(i.to_string()),
        // Whole numbers without ".0"; others as Excel shows them.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => numeric(format!("{}", *f as i64)),
        Data::Float(f) => numeric(f.to_string()),
        Data::Bool(b) => Cell::text(if *b { "是" } else { "否" }),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => Cell::text(&t.date().to_string()),
            None => numeric(dt.as_f64().to_string()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text(s.get(..10).unwrap_or(s)),
        Data::Error(e) => Cell::text(&format!("#{e:?}")),
    }
}

/// CSV as UTF-8 (BOM or not) or GBK. `None` if it does not look like text.
fn read_csv(bytes: &[u8]) -> Option<Vec<Vec<Cell>>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (s, _, had_errors) = encoding_rs::GBK.decode(bytes);
            if had_errors {
                return None;
            }
            s.into_owned()
        }
    };
    // Binary files decode "successfully" as GBK surprisingly often: refuse control bytes.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.ok()?;
        rows.push(rec.iter().map(Cell::text).collect());
    }
    Some(rows)
}

/// One sheet to write: headers, rows of text, which columns are text-formatted
/// (ID numbers, phones, codes: never let Excel turn them into numbers).
pub struct SheetOut<'a> {
    pub name: &'a str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub text_columns: Vec<usize>,
    pub widths: Vec<f64>,
    /// Columns of whole numbers, written as numbers (others as text).
    pub number_columns: Vec<usize>,
}

/// Writes sheets to `path` through a temporary file, flushed, then renamed.
pub fn write_xlsx(path: &Path, sheets: &[SheetOut]) -> Result<()> {
    let mut wb = Workbook::new();
    let header_fmt = Format::new().set_bold().set_background_color(0xF2E6E6);
    let text_fmt = Format::new().set_num_format("@");
    let xerr = |e: rust_xlsxwriter::XlsxError| Error::Internal(format!("写入 Excel 失败：{e}"));
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).map_err(xerr)?;
        for (c, h) in s.headers.iter().enumerate() {
            let col = c as u16;
            ws.write_string_with_format(0, col, h, &header_fmt)
                .map_err(xerr)?;
            let width = s.widths.get(c).copied().unwrap_or(14.0);
            ws.set_column_width(col, width).map_err(xerr)?;
            if s.text_columns.contains(&c) {
                ws.set_column_format(col, &text_fmt).map_err(xerr)?;
            }
        }
        for (r, row) in s.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, col) = (r as u32 + 1, c as u16);
                if s.text_columns.contains(&c) {
                    ws.write_string_with_format(r, col, v, &text_fmt)
                        .map_err(xerr)?;
                } else if let (true, Ok(n)) = (s.number_columns.contains(&c), v.parse::<i64>()) {
                    ws.write_number(r, col, n as f64).map_err(xerr)?;
                } else {
                    ws.write_string(r, col, v).map_err(xerr)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xerr)?;
    }
    let bytes = wb.save_to_buffer().map_err(xerr)?;
    write_file(path, &bytes)
}

/// Writes bytes to `path` via a temporary name, flushed, then renamed.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    crate::backup::write_through(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Sheet) -> Vec<Vec<String>> {
        s.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn csv_in_utf8_bom_and_gbk() {
        let dir = tempfile::tempdir().unwrap();
        let want = vec![
            vec!["姓名", "手机号码"],
            vec!["张伟", "13812345678"],
            vec!["李, 娜", "x"],
        ];
        let body = "姓名,手机号码\r\n张伟,13812345678\r\n\"李, 娜\",x\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        for (name, bytes) in [
            ("utf8.csv", body.as_bytes().to_vec()),
            (
                "bom.csv",
                [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat(),
            ),
            ("gbk.csv", gbk.into_owned()),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let s = read(&p).unwrap();
            assert_eq!(texts(&s), want, "{name}");
        }
    }

    #[test]
    fn xlsx_round_trip_keeps_text_and_flags_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.xlsx");
        write_xlsx(
            &p,
            &[SheetOut {
                name: "人员",
                headers: vec!["姓名".into(), "身份证号码".into()],
                rows: vec![vec!["张伟".into(), "11010519491231002X".into()]],
                text_columns: vec![1],
                widths: vec![],
                number_columns: vec![],
            }],
        )
        .unwrap();
        let s = read(&p).unwrap();
        assert_eq!(
            texts(&s),
            vec![
                vec!["姓名", "身份证号码"],
                vec!["张伟", "11010519491231002X"]
            ]
        );
        assert!(!s.rows[1][1].numeric);
        // A numeric cell, as Excel makes when an ID number is typed into a General column.
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "身份证号码").unwrap();
        ws.write_number(1, 0, 110105194912310000.0).unwrap();
        let p2 = dir.path().join("n.xlsx");
        wb.save(&p2).unwrap();
        let s = read(&p2).unwrap();
        assert!(s.rows[1][0].numeric);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty.xlsx", vec![], "0 字节"),
            (
                "fake.xlsx",
                b"PK\x03\x04 not really a zip".to_vec(),
                "不是可以读取的表格",
            ),
            (
                "picture.png",
                vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 0xFF, 0xFE],
                "不是可以读取的表格",
            ),
            (
                "old.xls",
                vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0],
                "不是可以读取的表格",
            ),
        ];
        for (name, bytes, want) in cases {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let err = read(&p).unwrap_err();
            assert!(err.to_string().contains(want), "{name}: {err}");
            assert!(
                err.to_string().contains(name),
                "{name}: message names the file: {err}"
            );
        }
        let err = read(&dir.path().join("missing.csv")).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Io);
    }
}
