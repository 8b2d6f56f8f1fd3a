//! Spreadsheets in and out: reading .xlsx, .xls and .csv (UTF-8 with or without BOM,
//! or GBK as older Chinese Excel writes it) into rows of text cells, and writing
//! .xlsx with text-formatted columns, atomically.

pub mod import;
pub mod kind;
pub mod rows;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use rust_xlsxwriter::{Format, Workbook};

use crate::base::error::{Error, Result};

pub(crate) mod builder;
mod hidden;
mod html;
mod markup;
mod xls_guard;
mod xml2003;

use builder::Builder;

/// Larger files are refused before reading: a township roster is far smaller.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Data rows one file may hold (header rows not counted).
pub const MAX_ROWS: usize = 50_000;
/// Rows above the header (titles, notes) allowed on top of [`MAX_ROWS`].
pub const MAX_TOP_ROWS: usize = 20;
/// Columns one sheet may use.
pub const MAX_COLUMNS: usize = 256;
/// Cells (including the empty ones inside the used area) one sheet may span.
pub const MAX_CELLS: usize = 4_000_000;
/// A cell longer than this marks its row as broken (not the whole file): the
/// longest field any kind keeps (a demand's 诉求内容, 2,000 characters).
pub const MAX_CELL_CHARS: usize = 2_000;
/// A cell longer than this makes the file unreadable: nothing a clerk types.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;
/// Unpacked size of an .xlsx: all parts, and the shared-strings part alone.
const MAX_XLSX_UNPACKED: u64 = 300 * 1024 * 1024;
const MAX_XLSX_PART: u64 = 150 * 1024 * 1024;
const MAX_XLSX_STRINGS: u64 = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES: usize = 10_000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    /// The spreadsheet stored a number (not text): fatal for ID numbers, which
    /// Excel has already rounded to 15 digits.
    pub numeric: bool,
    /// A formula whose result the file does not hold (written by a tool that does
    /// not calculate, such as a script): `text` is the formula (`=SUM(B2:B4)`), and
    /// the import refuses the cell rather than read it as empty and clear the
    /// stored value (`import::cell_problems`).
    pub formula_without_value: bool,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell {
            text: s.to_string(),
            numeric: false,
            formula_without_value: false,
        }
    }
}

/// One sheet (or the CSV) as rows; row 0 is the file's first line.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub rows: Vec<Vec<Cell>>,
    /// The worksheet read ("" for CSV).
    pub name: String,
    /// Every visible worksheet of the file, in order (empty for CSV).
    pub sheets: Vec<String>,
    /// What kind of file it turned out to be (xlsx, xls, xml2003, html, csv).
    pub format: &'static str,
    /// Rows hidden in the sheet (by hand or by 筛选), by index into `rows`, in order:
    /// read like the others, named in the import's preview.
    pub hidden_rows: Vec<usize>,
    /// The Excel row each row came from, where the rows were reshaped (a flat
    /// 网格划分表 spread into one row a unit: see `RecordKind::reshape`); empty when
    /// row `i` is Excel row `i + 1`.
    pub row_numbers: Vec<usize>,
    /// Rows whose blank cells say nothing, by index, in order: a flat table's parent
    /// units, spread from a row that describes a grid below them (its 户数 is the
    /// grid's). The import reads such a blank as a column the file lacks (a stored
    /// unit keeps its value), not as a value to clear.
    pub given_only: Vec<usize>,
}

impl Sheet {
    /// The row number as Excel shows it of row `index` (1 = the file's first row).
    pub fn excel_row(&self, index: usize) -> usize {
        self.row_numbers.get(index).copied().unwrap_or(index + 1)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn bad(msg: String) -> Error {
    Error::validation("file", msg)
}

/// Reads the first visible sheet of a spreadsheet, deciding the format from its
/// bytes, not its name.
pub fn read(path: &Path) -> Result<Sheet> {
    read_sheet(path, None)
}

/// Reads the bytes of a regular file, at most `cap` of them. FIFOs, devices,
/// folders and sockets are refused before opening, so nothing hangs or reads forever.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(bad(format!(
            "“{name}”不是普通文件（可能是文件夹、设备或管道），不能读取。请选择表格文件。"
        )));
    }
    if crate::base::outfile::is_protected_file(path) {
        return Err(bad(format!(
            "“{name}”是本软件正在使用的数据库文件，不能作为要读取的文件。请选择其他文件。"
        )));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never block on a FIFO swapped in after the check.
        opts.custom_flags(0o4000); // O_NONBLOCK
    }
    let f = opts.open(path).map_err(|e| Error::io(path, e))?;
    let meta = f.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(bad(format!("“{name}”不是普通文件，不能读取。")));
    }
    let mut bytes = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > cap {
        return Err(bad(format!(
            "文件“{name}”超过 {} MB 的上限。请拆成几个文件分别导入。",
            cap / 1024 / 1024
        )));
    }
    Ok(bytes)
}

/// Reads the sheet named `choose` (or the first visible one) of a spreadsheet:
/// .xlsx, .xls (also WPS .et), an .xls that is really XML Spreadsheet 2003 or an
/// HTML table (as web platforms export them), or CSV in UTF-8 or GBK. Every size is
/// capped before it is allocated, and a parser that panics on a damaged file is
/// reported as a damaged file.
pub fn read_sheet(path: &Path, choose: Option<&str>) -> Result<Sheet> {
    let name = file_name(path);
    let bytes = read_regular(path, MAX_FILE_BYTES)?;
    if bytes.is_empty() {
        return Err(bad(format!(
            "文件“{name}”是空的（0 字节），请选择填好的表格文件。"
        )));
    }
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse(&bytes, &name, choose)
    }));
    match parsed {
        Ok(r) => r,
        Err(_) => Err(bad(format!(
            "文件“{name}”已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
        ))),
    }
}

fn parse(bytes: &[u8], name: &str, choose: Option<&str>) -> Result<Sheet> {
    let damaged = || {
        bad(format!(
            "文件“{name}”已损坏或不是 Excel 保存的表格，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
        ))
    };
    if bytes.starts_with(b"PK\x03\x04") {
        let facts = xlsx_guard(bytes, name)?;
        let recalculated_on_open = facts.recalculated_on_open;
        let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|_| damaged())?;
        let all = sheet_list(wb.sheets_metadata());
        let (at, sheets) = choose_sheet(&all, choose, name)?;
        let sheet_name = all[at].0.clone();
        let mut b = Builder::new(name, &sheet_name);
        // Styles that show a number other than as itself (90% is stored 0.9, P02 may be
        // 2 in a `"P"00` format): their numbers read as shown. Only a workbook with
        // such a style reads its cells' styles (a second, lighter pass over the sheet).
        let shown_by: Vec<Option<Shown>>;
        let mut any_number = false;
        {
            let mut cells = wb
                .worksheet_cells_reader(&sheet_name)
                .map_err(|_| damaged())?;
            shown_by = cells
                .styles()
                .iter()
                .map(|s| {
                    s.number_format
                        .as_ref()
                        .and_then(|f| Shown::of(&f.format_code))
                })
                .collect();
            let any_shown = shown_by.iter().any(Option::is_some);
            while let Some(c) = cells.next_cell_with_formula().map_err(|_| damaged())? {
                let (r, col) = c.pos;
                // No value at all (no <v>, or an empty one without a type), not a
                // formula whose result is "" (Excel writes that as t="str" <v></v>,
                // an empty string: a template's =IF(A5="","",…) on its blank rows).
                // A writer that does not calculate (xlsxwriter, rust_xlsxwriter) stores
                // 0 as every formula's result and asks Excel to calculate on opening:
                // that 0 is a placeholder, not the result.
                let no_value = matches!(c.value, calamine::DataRef::Empty)
                    || (recalculated_on_open
                        && matches!(
                            c.value,
                            calamine::DataRef::Int(0) | calamine::DataRef::Float(0.0)
                        ));
                any_number |= any_shown
                    && matches!(
                        c.value,
                        calamine::DataRef::Float(_) | calamine::DataRef::Int(_)
                    );
                let mut cell = cell_of(&calamine::Data::from(c.value));
                if let (true, Some(f)) = (no_value, c.formula) {
                    cell.text = format!("={f}");
                    cell.formula_without_value = true;
                }
                b.put(r as usize, col as usize, cell)?;
            }
        }
        if any_number {
            let mut styles = wb
                .worksheet_cells_reader(&sheet_name)
                .map_err(|_| damaged())?;
            while let Some((r, c, id)) = styles.next_style_id().map_err(|_| damaged())? {
                if let Some(Some(shown)) = shown_by.get(id) {
                    b.reshow_number(r as usize, c as usize, |v| shown.text(v))?;
                }
            }
        }
        let merges = if facts.may_merge(&sheet_name) {
            wb.merge_cells_by_sheet_name(&sheet_name)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut sheet = b.finish_with_merges(&merges, sheets, "xlsx")?;
        sheet.hidden_rows = facts.hidden_rows_of(&sheet_name);
        return Ok(sheet);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        xls_guard::check(bytes, name)?;
        let mut wb = calamine::Xls::new(Cursor::new(bytes)).map_err(|_| damaged())?;
        let all = sheet_list(wb.sheets_metadata());
        let (at, sheets) = choose_sheet(&all, choose, name)?;
        let sheet_name = all[at].0.clone();
        let range = wb.worksheet_range(&sheet_name).map_err(|_| damaged())?;
        let mut b = Builder::new(name, &sheet_name);
        for (r, c, d) in range.used_cells() {
            let (top, left) = range.start().unwrap_or((0, 0));
            b.put(r + top as usize, c + left as usize, cell_of(d))?;
        }
        let merges = wb
            .merge_cells_by_sheet_name(&sheet_name)
            .unwrap_or_default();
        return b.finish_with_merges(&merges, sheets, "xls");
    }
    let text = decode_text(bytes).ok_or_else(|| {
        bad(format!(
            "文件“{name}”不是可以读取的表格。请选择 Excel 文件（.xlsx 或 .xls）或 CSV 文件；其他表格请用 Excel 或 WPS 打开后另存为 .xlsx。"
        ))
    })?;
    let head: String = text.chars().take(4096).collect::<String>().to_lowercase();
    if head.contains("urn:schemas-microsoft-com:office:spreadsheet")
        || head.contains("progid=\"excel.sheet\"")
    {
        return xml2003::read(&text, name, choose);
    }
    let html = head.contains("<table") || head.contains("<html") || head.contains("<!doctype html");
    // Neither holds named sheets: a sheet asked for by name is not silently another.
    if let Some(c) = choose {
        let what = if html {
            "是网页表格"
        } else {
            "是 CSV 文件"
        };
        return Err(bad(format!(
            "文件“{name}”{what}，没有分工作表，不能选择工作表“{c}”。"
        )));
    }
    if html {
        return html::read(&text, name);
    }
    read_csv(&text, name)
}

/// Which worksheet to read, for every format with sheets: `all` is each sheet's name
/// and whether a clerk sees it. The one named `choose`, else the first visible one.
/// Returns its index in `all` and the visible sheets' names.
pub(crate) fn choose_sheet(
    all: &[(String, bool)],
    choose: Option<&str>,
    name: &str,
) -> Result<(usize, Vec<String>)> {
    let visible: Vec<String> = all
        .iter()
        .filter(|(_, v)| *v)
        .map(|(n, _)| n.clone())
        .collect();
    let chosen = match choose {
        Some(c) => all
            .iter()
            .position(|(n, _)| n == c)
            .ok_or_else(|| bad(format!("文件“{name}”里没有名为“{c}”的工作表。")))?,
        None => all.iter().position(|(_, v)| *v).ok_or_else(|| {
            bad(format!(
                "文件“{name}”里没有看得见的工作表。请在 Excel 或 WPS 里取消隐藏要导入的工作表后再试。"
            ))
        })?,
    };
    Ok((chosen, visible))
}

/// Each calamine sheet's name and whether it is a visible worksheet.
fn sheet_list(meta: &[calamine::Sheet]) -> Vec<(String, bool)> {
    meta.iter()
        .map(|s| {
            let shown = s.visible == calamine::SheetVisible::Visible
                && s.typ == calamine::SheetType::WorkSheet;
            (s.name.clone(), shown)
        })
        .collect()
}

/// Checks an .xlsx's zip before calamine reads it: entry count, the real unpacked
/// size of every part (inflated and counted, not the sizes the file declares), and
/// the declared shared-string count against what the part can hold. Says whether the
/// workbook asks to be calculated when opened (`fullCalcOnLoad`): the mark of a
/// writer that stores placeholder results.
fn xlsx_guard(bytes: &[u8], name: &str) -> Result<XlsxFacts> {
    use std::io::Read;
    let damaged = || {
        bad(format!(
            "文件“{name}”已损坏或不是 Excel 保存的表格，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
        ))
    };
    let too_big = |what: &str| {
        bad(format!(
            "文件“{name}”解压后{what}过大（上限：全部 {} MB，单个部分 {} MB，共享文字 {} MB），不像是正常的表格。请检查文件，或拆成几个文件分别导入。",
            MAX_XLSX_UNPACKED / 1024 / 1024,
            MAX_XLSX_PART / 1024 / 1024,
            MAX_XLSX_STRINGS / 1024 / 1024
        ))
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(damaged());
    }
    let mut total: u64 = 0;
    let mut facts = XlsxFacts::default();
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|_| damaged())?;
        let part = entry
            .name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let is_strings = part.ends_with("sharedstrings.xml");
        let is_workbook = part == "xl/workbook.xml";
        let is_relations = part == "xl/_rels/workbook.xml.rels";
        let kept: usize = facts.hidden_rows.iter().map(|(_, r)| r.len()).sum();
        let mut rows = (part.starts_with("xl/worksheets/") && part.ends_with(".xml"))
            .then(|| hidden::RowScan::new(hidden::MAX_KEPT.saturating_sub(kept)));
        let cap = if is_strings {
            MAX_XLSX_STRINGS
        } else {
            MAX_XLSX_PART
        };
        let mut size: u64 = 0;
        let mut head: Vec<u8> = Vec::new();
        // The longest run of text between two tags: one cell's value, at most.
        let (mut run, mut longest) = (0usize, 0usize);
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(_) => return Err(damaged()),
            };
            if let Some(rows) = rows.as_mut() {
                rows.feed(&buf[..n]);
            }
            if (is_strings || is_workbook || is_relations) && head.len() < HEAD_BYTES {
                head.extend_from_slice(&buf[..n.min(HEAD_BYTES - head.len())]);
            }
            let mut segments = buf[..n].split(|b| *b == b'<');
            if let Some(first) = segments.next() {
                run += first.len();
                longest = longest.max(run);
            }
            for seg in segments {
                run = seg.len();
                longest = longest.max(run);
            }
            // Only XML parts hold cells (pictures are long binary runs).
            if part.ends_with(".xml") && longest > MAX_CELL_BYTES + 64 * 1024 {
                return Err(bad(format!(
                    "文件“{name}”中有一个单元格的内容超过 1 MB，不像是填写的内容。请检查文件。"
                )));
            }
            size += n as u64;
            total += n as u64;
            if size > cap {
                return Err(too_big(if is_strings {
                    "共享文字部分"
                } else {
                    "某个部分"
                }));
            }
            if total > MAX_XLSX_UNPACKED {
                return Err(too_big("总大小"));
            }
        }
        if is_strings && !shared_string_count_is_sane(&head, size) {
            return Err(damaged());
        }
        if is_workbook {
            facts.recalculated_on_open = calculates_on_load(&head);
            facts.workbook = head;
        } else if is_relations {
            facts.relations = head;
        } else if let Some(rows) = rows {
            if !rows.merges {
                facts.unmerged.push(part.clone());
            }
            if !rows.rows.is_empty() {
                facts.hidden_rows.push((part, rows.rows));
            }
        }
    }
    Ok(facts)
}

/// What the size check of an .xlsx learnt on the way.
#[derive(Default)]
struct XlsxFacts {
    /// The workbook asks to be calculated when opened (`fullCalcOnLoad`).
    recalculated_on_open: bool,
    /// The hidden rows of each worksheet part that has any.
    hidden_rows: Vec<(String, Vec<usize>)>,
    /// The worksheet parts without a merged range.
    unmerged: Vec<String>,
    /// The first 64 KB of the workbook part and of its relations.
    workbook: Vec<u8>,
    relations: Vec<u8>,
}

impl XlsxFacts {
    /// Whether the sheet may have merged ranges: not when its part was found and
    /// holds no `<mergeCell>`.
    fn may_merge(&self, sheet: &str) -> bool {
        hidden::part_of(&self.workbook, &self.relations, sheet)
            .is_none_or(|part| !self.unmerged.contains(&part))
    }

    fn hidden_rows_of(&self, sheet: &str) -> Vec<usize> {
        if self.hidden_rows.is_empty() {
            return Vec::new();
        }
        let Some(part) = hidden::part_of(&self.workbook, &self.relations, sheet) else {
            return Vec::new();
        };
        self.hidden_rows
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default()
    }
}

/// Whether a workbook part's `<calcPr>` (within its first 64 KB) says
/// `fullCalcOnLoad="1"` (or "true").
fn calculates_on_load(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("calcPr") else {
        return false;
    };
    let tag = &text[start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let Some(at) = tag.find("fullCalcOnLoad") else {
        return false;
    };
    let value = tag[at + "fullCalcOnLoad".len()..]
        .trim_start()
        .strip_prefix('=')
        .unwrap_or("")
        .trim_start()
        .trim_start_matches(['"', '\'']);
    value.starts_with('1') || value.starts_with("true")
}

/// How much of the shared-strings part is searched for its start tag.
const HEAD_BYTES: usize = 64 * 1024;

/// The `<sst>` start tag's `uniqueCount` (in any quoting and spacing the XML reader
/// accepts) may not promise more strings than the part can hold: each `<si>` takes
/// at least 9 bytes. A larger count would make the reader reserve gigabytes. The tag
/// must be complete within the first 64 KB.
fn shared_string_count_is_sane(head: &[u8], size: u64) -> bool {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("<sst").or_else(|| text.find(":sst")) else {
        return size == 0 || !text.contains("uniqueCount");
    };
    let Some(len) = text[start..].find('>') else {
        return false;
    };
    let tag = &text[start..start + len];
    let mut rest = tag;
    while let Some(at) = rest.find("uniqueCount") {
        rest = &rest[at + "uniqueCount".len()..];
        let after = rest.trim_start();
        let Some(after) = after.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let after = after.strip_prefix(['"', '\'']).unwrap_or(after);
        let digits: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let n: u64 = digits.parse().unwrap_or(u64::MAX);
        if n > size / 9 + 1 {
            return false;
        }
    }
    true
}

fn cell_of(d: &Data) -> Cell {
    let numeric = |text: String| Cell {
        text,
        numeric: true,
        formula_without_value: false,
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
        // As Excel shows it (#N/A, #DIV/0!): the import refuses such a cell
        // (`import::cell_problems`) instead of storing the error's name as text.
        Data::Error(e) => Cell::text(&e.to_string()),
    }
}

/// How a number format shows its number, where the clerk sees other than the number
/// itself: a percentage (`0%`: 0.9 is 90%), or a whole number padded with zeros
/// behind a code's letters (`"P"00`: 2 is P02; `0000`: 7 is 0007, a code Excel keeps
/// as a number).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shown {
    Percent,
    Padded { prefix: String, width: usize },
}

impl Shown {
    /// What format `code` shows differently from the number, if anything.
    pub(super) fn of(code: &str) -> Option<Shown> {
        if shows_percent(code) {
            return Some(Shown::Percent);
        }
        // The first section (numbers ≥ 0): a code's letters (quoted or escaped), then
        // zeros. Text after the digits is a unit (0"户", 0"人") and a prefix other than
        // letters a currency ("￥"0): those show the number itself, which the number
        // columns read. Bounded: a format is a few characters, not a megabyte.
        let (mut prefix, mut width) = (String::new(), 0usize);
        let mut chars = code.chars();
        while let Some(ch) = chars.next() {
            match ch {
                ';' => break,
                '"' if width == 0 => {
                    for q in chars.by_ref() {
                        if q == '"' {
                            break;
                        }
                        prefix.push(q);
                        if prefix.len() > 8 {
                            return None;
                        }
                    }
                }
                '\\' if width == 0 => prefix.push(chars.next()?),
                '0' => width += 1,
                _ => return None,
            }
            if prefix.len() > 8 || width > 20 {
                return None;
            }
        }
        let letters = prefix
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
        (letters && (width >= 2 || (width >= 1 && !prefix.is_empty())))
            .then_some(Shown::Padded { prefix, width })
    }

    /// Number `v` as shown; `None` where the format would not change it (a padded
    /// format on a fraction or a negative number).
    pub(super) fn text(&self, v: f64) -> Option<String> {
        match self {
            Shown::Percent => Some(percent_text(v)),
            Shown::Padded { prefix, width } => (v.fract() == 0.0 && (0.0..1e15).contains(&v))
                .then(|| format!("{prefix}{:0width$}", v as u64)),
        }
    }
}

/// Whether a number format shows its number as a percentage: a `%` outside quoted
/// text and not escaped (`0%`, `0.0%`; not `0"%"` or `0\%`).
fn shows_percent(format_code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in format_code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A number shown as a percentage, as the clerk sees it: 0.9 → 90%, 0.955 → 95.5%.
fn percent_text(v: f64) -> String {
    let p = format!("{:.6}", v * 100.0);
    let p = p.trim_end_matches('0').trim_end_matches('.');
    format!("{p}%")
}

/// Text files as UTF-8 (BOM or not) or GBK. `None` if it does not look like text:
/// NUL bytes, or undecodable bytes in both encodings.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return None;
    }
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
    // Binary files decode "successfully" as GBK surprisingly often: a text file has
    // few control characters.
    let sample: Vec<char> = text.chars().take(4096).collect();
    let controls = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if controls > 16 && controls * 20 > sample.len() {
        return None;
    }
    Some(text)
}

/// CSV rows; a stray control character is reported with its row and column.
fn read_csv(text: &str, name: &str) -> Result<Sheet> {
    // One kind of line break (Windows CRLF and old Mac CR become LF), so that rows
    // can be counted by it.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut b = Builder::new(name, "");
    // Row numbers as Excel shows the file: a blank line is an (empty) row, which the
    // CSV reader skips, and a line break inside quotes stays in its row. A record's
    // row is the line breaks up to its end, less those inside quotes, less its own.
    let bytes = text.as_bytes();
    let (mut seen, mut newlines, mut inside) = (0usize, 0usize, 0usize);
    let mut count_to = |upto: usize| {
        let upto = upto.min(bytes.len());
        if upto > seen {
            newlines += bytes[seen..upto].iter().filter(|b| **b == b'\n').count();
            seen = upto;
        }
        // The last line may have no line break of its own.
        newlines + usize::from(upto == bytes.len() && !bytes.ends_with(b"\n"))
    };
    let mut rec = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map(|p| p.byte() as usize).unwrap_or(0);
                let row = count_to(at).saturating_sub(inside) + 1;
                return Err(bad(format!(
                    "文件“{name}”第 {row} 行的格式不对（可能是引号没有配对），请用 Excel 打开检查后另存再导入。"
                )));
            }
        }
        inside += rec.iter().map(|f| f.matches('\n').count()).sum::<usize>();
        let ended = count_to(reader.position().byte() as usize);
        let r = ended.saturating_sub(inside).saturating_sub(1);
        for (c, field) in rec.iter().enumerate() {
            if let Some(ch) = field
                .chars()
                .find(|ch| ch.is_control() && !matches!(ch, '\n' | '\r' | '\t'))
            {
                return Err(bad(format!(
                    "文件“{name}”第 {} 行第 {} 列（{}列）含有看不见的控制字符（U+{:04X}）。请删掉这个字符后再导入。",
                    r + 1,
                    c + 1,
                    builder::column_letters(c),
                    ch as u32
                )));
            }
            if !field.is_empty() {
                b.put(r, c, Cell::text(field))?;
            }
        }
        b.touch_row(r)?;
    }
    b.finish_with_merges(&[], Vec::new(), "csv")
}

/// One sheet to write: headers, rows of text, which columns are text-formatted
/// (ID numbers, phones, codes: never let Excel turn them into numbers).
#[derive(Default)]
pub struct SheetOut<'a> {
    pub name: &'a str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub text_columns: Vec<usize>,
    pub widths: Vec<f64>,
    /// Columns whose numbers are written as numbers (others as text): a cell that
    /// reads back exactly as written (38, 1.5, not 007 or 1.10) is a number, so
    /// Excel's SUM counts it; a rate written 66.7% is the number 0.667 shown so.
    pub number_columns: Vec<usize>,
    /// Columns kept for programs but not shown or printed (the report's keys).
    pub hidden_columns: Vec<usize>,
    /// For a list handed in or printed (exports): the title block, 序号 and A4
    /// page setup. Templates and error workbooks have none.
    pub title: Option<Title>,
}

/// The title block of an exported list, as offices hand lists in: a title row
/// (office + ledger), a line with 填报单位, 填报日期 and the period, then the headers
/// with 序号 first. Importing the file back skips all three (see `import::layout`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// 青溪街道网格员名单
    pub text: String,
    /// 填报单位
    pub office: String,
    /// 填报日期, YYYY-MM-DD
    pub date: String,
    /// 统计期间 (截至 2026-12-02, 2026年第四季度…)
    pub period: String,
    /// How many of the last rows are totals (合计): not numbered as records are.
    pub total_rows: usize,
    /// Lines under the table: what it leaves out (未报送的单位…), said where the
    /// table is printed or passed on, as the screen says it.
    pub below: Vec<String>,
}

impl Title {
    /// The title of a list of the office in `conn` as of `today`: "<office><ledger>",
    /// the period "截至 <today>" (lists are stock as of the day they are written).
    pub fn of_list(
        conn: &rusqlite::Connection,
        ledger: &str,
        today: chrono::NaiveDate,
    ) -> Result<Title> {
        let office = crate::store::office::get(conn)?
            .map(|o| o.name)
            .unwrap_or_default();
        let date = today.format("%Y-%m-%d").to_string();
        Ok(Title {
            text: format!("{office}{ledger}"),
            period: format!("截至 {date}"),
            total_rows: 0,
            below: Vec::new(),
            office,
            date,
        })
    }

    /// The header of the 序号 column, unless the list has its own 序号 or starts with
    /// a 名次 (then none: a 序号 beside a 名次 read as one number, 11, 21, 33).
    fn serial_header(headers: &[String]) -> Option<&'static str> {
        let own =
            headers.iter().any(|h| h == SERIAL) || headers.first().is_some_and(|h| h == "名次");
        (!own).then_some(SERIAL)
    }
}

/// The 序号 column an exported list starts with; an import ignores it.
pub const SERIAL: &str = "序号";

/// Writes sheets to `path` (an `.xlsx` the user named, checked by
/// [`crate::base::outfile::check_target`]) through a temporary file, flushed, then renamed.
pub fn write_xlsx(path: &Path, sheets: &[SheetOut]) -> Result<()> {
    write_xlsx_offering(path, &[], sheets)
}

/// How many rows below the headers a template's drop-downs reach.
const OFFERED_ROWS: u32 = 5_000;

/// [`write_xlsx`] with drop-downs: (sheet, column, values) each offers `values` in the
/// column's cells under its header (an import template's 性别, 政治面貌, 身份 …). A
/// value typed otherwise gets a warning the clerk may pass: the import reads other
/// spellings too (党员, 专职网格员).
pub fn write_xlsx_offering(
    path: &Path,
    offers: &[(usize, usize, &[&str])],
    sheets: &[SheetOut],
) -> Result<()> {
    let mut wb = Workbook::new();
    for (at, s) in sheets.iter().enumerate() {
        let mut rows = add_sheet(&mut wb, s)?;
        for (_, col, values) in offers.iter().filter(|(sheet, ..)| *sheet == at) {
            let offer = rust_xlsxwriter::DataValidation::new()
                .allow_list_strings(values)
                .and_then(|v| v.set_error_title("请核对"))
                .and_then(|v| {
                    v.set_error_message(format!(
                        "这一列一般填：{}。如确是别的写法，可点“是”保留。",
                        values.join("、")
                    ))
                })
                .map_err(xlsx_error)?
                .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning);
            let c = *col as u16 + u16::from(rows.serial);
            rows.ws
                .add_data_validation(
                    rows.header_row + 1,
                    c,
                    rows.header_row + OFFERED_ROWS,
                    c,
                    &offer,
                )
                .map_err(xlsx_error)?;
        }
        let totals = s.title.as_ref().map_or(0, |t| t.total_rows);
        let first_total = s.rows.len().saturating_sub(totals);
        for (i, row) in s.rows.iter().enumerate() {
            if i >= first_total {
                rows.push_total(row)?;
            } else {
                rows.push(row)?;
            }
        }
        if let Some(t) = &s.title {
            rows.below(&t.below)?;
        }
        rows.finish()?;
    }
    save(wb, path)
}

/// [`write_xlsx`] of one sheet whose rows `fill` pushes (`s.rows` is not read): a
/// long list written a page at a time, never held whole.
pub fn write_xlsx_with(
    path: &Path,
    s: &SheetOut,
    fill: &mut dyn FnMut(&mut SheetRows) -> Result<()>,
) -> Result<()> {
    let mut wb = Workbook::new();
    let mut rows = add_sheet(&mut wb, s)?;
    fill(&mut rows)?;
    rows.finish()?;
    save(wb, path)
}

fn save(mut wb: Workbook, path: &Path) -> Result<()> {
    let bytes = wb.save_to_buffer().map_err(xlsx_error)?;
    crate::base::outfile::write_checked(path, &["xlsx"], &[], &bytes)
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Internal(format!("写入 Excel 失败：{e}"))
}

/// The data rows of a sheet being written, in order, below its title and headers.
pub struct SheetRows<'w> {
    ws: &'w mut rust_xlsxwriter::Worksheet,
    /// The next row's index in the sheet.
    at: u32,
    /// Rows written.
    written: u32,
    /// The last numbered row's index: the filter covers the headers down to it,
    /// not a 合计 or the lines under the table.
    last_numbered: Option<u32>,
    /// Whether column 0 is 序号 (the data shifted one column right).
    serial: bool,
    /// Where the headers are: the panes freeze below them.
    header_row: u32,
    text_columns: Vec<usize>,
    number_columns: Vec<usize>,
    text_fmt: Format,
    /// [`SheetRows::text_fmt`] and [`SheetRows::cell_fmt`] wrapped, for a cell wider
    /// than its column: a printed 履职事项 or 边界描述 stopped at the next column
    /// (probe AO: 88 cells cut in one list). Excel and WPS make such a row as tall as
    /// its text when the file opens.
    wrap_text_fmt: Format,
    wrap_cell_fmt: Format,
    /// Each data column's width (Excel's units), to tell which cells need wrapping.
    widths: Vec<f64>,
    /// The other cells': ruled like the headers on a titled (printed) sheet, so a
    /// printed row is read across (a 评分表 handed to leaders had no lines).
    cell_fmt: Format,
    /// A rate in a number column (66.7%): a number Excel shows as a percentage.
    pct_fmt: Format,
    /// A day in a number column (2026-12-07): an Excel date shown so, which a clerk
    /// filters by month (every date was text, probe O).
    date_fmt: Format,
    /// The table's last column, and its visible width in Excel's units.
    last_col: u16,
    width: f64,
    /// The row after the last one written, while that one has a height of its own
    /// (tall headers with no rows under them, lines under the table): see `finish`.
    tall_end: Option<u32>,
}

/// How wide `text` is in Excel's column units: a Chinese character about two.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
        .sum()
}

/// The number a cell's text is, when it reads back exactly as written (an import
/// shows a number cell as 38 or 1.5: [`cell_of`]); a code with leading zeros, a
/// 1.10 or a 15-digit-plus number stays text.
fn as_number(v: &str) -> Option<f64> {
    let n: f64 = v.parse().ok().filter(|n: &f64| n.is_finite())?;
    let shown = match cell_of(&Data::Float(n)).text {
        t if t == "-0" => "0".to_string(),
        t => t,
    };
    (shown == v && v.len() <= 15).then_some(n)
}

/// The day a cell's text is, when it is one written YYYY-MM-DD (it reads back as
/// written: [`cell_of`]); a time, a month or a span stays text.
fn as_day(v: &str) -> Option<rust_xlsxwriter::ExcelDateTime> {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    use chrono::Datelike;
    let d = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        d.month() as u8,
        d.day() as u8,
    )
    .ok()
}

impl SheetRows<'_> {
    /// Writes the next row: text columns as text, whole numbers in number columns
    /// as numbers, the rest as strings.
    pub fn push(&mut self, row: &[String]) -> Result<()> {
        self.push_row(row, true)
    }

    /// Writes a total row (合计): as [`SheetRows::push`], without a 序号.
    pub fn push_total(&mut self, row: &[String]) -> Result<()> {
        self.push_row(row, false)
    }

    fn push_row(&mut self, row: &[String], numbered: bool) -> Result<()> {
        let rr = self.at;
        let shift = u16::from(self.serial);
        if self.serial && numbered {
            self.ws
                .write_number_with_format(rr, 0, f64::from(self.written + 1), &self.cell_fmt)
                .map_err(xlsx_error)?;
        } else if self.serial {
            self.ws
                .write_blank(rr, 0, &self.cell_fmt)
                .map_err(xlsx_error)?;
        }
        for (c, v) in row.iter().enumerate() {
            let col = c as u16 + shift;
            // A text's width is at most 1.1 a byte: most cells are told apart by
            // their length alone, without reading their characters (exports run a
            // hundred thousand rows).
            let wraps = self
                .widths
                .get(c)
                .is_some_and(|w| *w > 0.0 && 1.1 * v.len() as f64 > *w && text_width(v) > *w);
            if self.text_columns.contains(&c) {
                let f = if wraps {
                    &self.wrap_text_fmt
                } else {
                    &self.text_fmt
                };
                self.ws
                    .write_string_with_format(rr, col, v, f)
                    .map_err(xlsx_error)?;
            } else if let (true, Some(n)) = (self.number_columns.contains(&c), as_number(v)) {
                self.ws
                    .write_number_with_format(rr, col, n, &self.cell_fmt)
                    .map_err(xlsx_error)?;
            } else if let (true, Some(d)) = (self.number_columns.contains(&c), as_day(v)) {
                self.ws
                    .write_datetime_with_format(rr, col, &d, &self.date_fmt)
                    .map_err(xlsx_error)?;
            } else if let (true, Some(n)) = (
                self.number_columns.contains(&c),
                v.strip_suffix('%')
                    .and_then(|p| p.parse::<f64>().ok())
                    .filter(|n| n.is_finite()),
            ) {
                // 69.2% stored as 0.692, not 0.6920000000000001 (n / 100 in floating
                // point), which a value pasted elsewhere shows (probe AO).
                let share = (n * 1e7).round() / 1e9;
                self.ws
                    .write_number_with_format(rr, col, share, &self.pct_fmt)
                    .map_err(xlsx_error)?;
            } else {
                let f = if wraps {
                    &self.wrap_cell_fmt
                } else {
                    &self.cell_fmt
                };
                self.ws
                    .write_string_with_format(rr, col, v, f)
                    .map_err(xlsx_error)?;
            }
        }
        if numbered || row.iter().any(|v| !v.is_empty()) {
            self.tall_end = None;
        }
        if numbered {
            self.last_numbered = Some(rr);
        }
        self.at += 1;
        self.written += u32::from(numbered);
        Ok(())
    }

    /// Lines under the table, after an empty row: each across the table's width,
    /// wrapped, its row as tall as its text needs (a long 未报送 list ran far past
    /// the table's right edge, off the printed page).
    pub fn below(&mut self, lines: &[String]) -> Result<()> {
        let wrap = Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top)
            .set_align(rust_xlsxwriter::FormatAlign::Left);
        for (i, line) in lines.iter().enumerate() {
            let r = self.at + 1 + i as u32;
            if self.last_col == 0 {
                self.ws.write_string(r, 0, line).map_err(xlsx_error)?;
                continue;
            }
            self.ws
                .merge_range(r, 0, r, self.last_col, line, &wrap)
                .map_err(xlsx_error)?;
            let lines = (text_width(line) / self.width.max(1.0)).ceil().max(1.0);
            // Excel's tallest row is 409 points (27 lines).
            self.ws
                .set_row_height(r, (15.0 * lines).min(409.0))
                .map_err(xlsx_error)?;
            self.tall_end = Some(r + 1);
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        self.ws
            .set_freeze_panes(self.header_row + 1, 0)
            .map_err(xlsx_error)?;
        // Every list with rows opens with its filter buttons on the headers, so a
        // clerk picks one 村/社区 or the 离岗 without setting it up (probe AN: none had).
        if let Some(last) = self.last_numbered {
            self.ws
                .autofilter(self.header_row, 0, last, self.last_col)
                .map_err(xlsx_error)?;
        }
        // rust_xlsxwriter 0.102's constant-memory sheet writes its last row twice
        // when that row has a height of its own (`<row r="1">` twice in every template
        // with a wrapped header, which Excel offers to repair): an empty text cell
        // after it makes it an ordinary row (`import_headers.rs` checks every row once).
        if let Some(end) = self.tall_end {
            self.ws
                .write_blank(end, 0, &self.text_fmt)
                .map_err(xlsx_error)?;
        }
        Ok(())
    }
}

/// A printed table's widest in Excel's width units on one A4 landscape page, fitted:
/// about twice what the page holds at full size.
const WIDEST_ON_ONE_PAGE: f64 = 280.0;
/// What each page of a wider table holds (about three quarters' size).
const WIDTH_PER_PAGE: f64 = 190.0;

/// Adds the sheet `s` to `wb` with its title block (if any), headers, column
/// widths and formats, and returns where its rows go. Each row goes to a temporary
/// file as it is written, not into a grid of every cell kept to the end: a list of
/// 100,000 people took 469 MB that way.
fn add_sheet<'w>(wb: &'w mut Workbook, s: &SheetOut) -> Result<SheetRows<'w>> {
    let header_fmt = Format::new()
        .set_bold()
        .set_background_color(0xF2E6E6)
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_text_wrap();
    // Centred top to bottom: a row made tall by one wrapped cell keeps the others
    // level with it.
    let ruled = |f: Format| match s.title {
        Some(_) => f
            .set_border(rust_xlsxwriter::FormatBorder::Thin)
            .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter),
        None => f,
    };
    let cell_fmt = ruled(Format::new());
    let text_fmt = Format::new().set_num_format("@");
    let text_cell_fmt = ruled(text_fmt.clone());
    let title_fmt = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(rust_xlsxwriter::FormatAlign::Center)
        .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter);
    let xerr = xlsx_error;
    let ws = wb.add_worksheet_with_low_memory().map_err(xerr)?;
    ws.set_name(sheet_name(s.name)).map_err(xerr)?;
    // With a title: two rows above the headers, and 序号 as column 0.
    let serial = s
        .title
        .as_ref()
        .and_then(|_| Title::serial_header(&s.headers));
    let (top, shift) = match &s.title {
        Some(_) => (2u32, u16::from(serial.is_some())),
        None => (0, 0),
    };
    let width_all = s.headers.len() as u16 + shift;
    let width_of = |c: usize| s.widths.get(c).copied().unwrap_or(14.0);
    let shown = |c: &usize| !s.hidden_columns.contains(c);
    let serial_width = if serial.is_some() { 6.0 } else { 0.0 };
    let visible: f64 = serial_width
        + (0..s.headers.len())
            .filter(shown)
            .map(width_of)
            .sum::<f64>();
    let last = width_all.saturating_sub(1);
    if let Some(t) = &s.title {
        if last > 0 {
            ws.merge_range(0, 0, 0, last, &t.text, &title_fmt)
                .map_err(xerr)?;
        } else {
            ws.write_string_with_format(0, 0, &t.text, &title_fmt)
                .map_err(xerr)?;
        }
        ws.set_row_height(0, 30).map_err(xerr)?;
        ws.write_string(
            1,
            0,
            format!(
                "填报单位：{}　　填报日期：{}　　{}",
                t.office, t.date, t.period
            ),
        )
        .map_err(xerr)?;
        if let Some(h) = serial {
            ws.write_string_with_format(top, 0, h, &header_fmt)
                .map_err(xerr)?;
            ws.set_column_width(0, 6.0).map_err(xerr)?;
        }
        ws.set_landscape();
        // A4, one page wide while the type stays readable (about half size at most);
        // a wider table (统计's 按单位, 65 columns: 2-point type) goes over several
        // pages wide, its first columns (and 序号) on each (probe AO).
        ws.set_paper_size(9);
        let pages_wide = if visible > WIDEST_ON_ONE_PAGE {
            (visible / WIDTH_PER_PAGE).ceil().min(20.0) as u16
        } else {
            1
        };
        ws.set_print_fit_to_pages(pages_wide, 0);
        // 序号 and the first two columns: the second names the row where the first
        // is a 部门 or 村/社区 (准入事项's pages 2–3 said no 事项名称: probe AP).
        if pages_wide > 1 {
            let through = shift + u16::try_from(s.headers.len().min(2)).unwrap_or(1) - 1;
            ws.set_repeat_columns(0, through).map_err(xerr)?;
        }
        ws.set_repeat_rows(0, top).map_err(xerr)?;
        ws.set_footer("&C第 &P 页，共 &N 页");
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    }
    // The header row's height in lines: its tallest wrapped header (only the last
    // line of a long one showed). Set before the row is written: in constant-memory
    // mode a height set after it wrote the row a second time (`<row r="1">` twice,
    // which Excel offers to repair).
    let header_lines = s
        .headers
        .iter()
        .enumerate()
        .filter(|(c, _)| shown(c))
        .map(|(c, h)| (text_width(h) / width_of(c).max(1.0)).ceil())
        .fold(1.0_f64, f64::max);
    if header_lines > 1.0 {
        ws.set_row_height(top, 15.0 * header_lines.min(6.0))
            .map_err(xerr)?;
    }
    for (c, h) in s.headers.iter().enumerate() {
        let col = c as u16 + shift;
        ws.write_string_with_format(top, col, h, &header_fmt)
            .map_err(xerr)?;
        ws.set_column_width(col, width_of(c)).map_err(xerr)?;
        if s.text_columns.contains(&c) {
            ws.set_column_format(col, &text_fmt).map_err(xerr)?;
        }
        if s.hidden_columns.contains(&c) {
            ws.set_column_hidden(col).map_err(xerr)?;
        }
    }
    Ok(SheetRows {
        ws,
        at: top + 1,
        written: 0,
        last_numbered: None,
        serial: serial.is_some(),
        header_row: top,
        text_columns: s.text_columns.clone(),
        number_columns: s.number_columns.clone(),
        wrap_text_fmt: text_cell_fmt.clone().set_text_wrap(),
        wrap_cell_fmt: cell_fmt.clone().set_text_wrap(),
        widths: (0..s.headers.len())
            .map(|c| if shown(&c) { width_of(c) } else { 0.0 })
            .collect(),
        text_fmt: text_cell_fmt,
        pct_fmt: ruled(Format::new().set_num_format("0.0%")),
        date_fmt: ruled(Format::new().set_num_format("yyyy-mm-dd")),
        cell_fmt,
        last_col: last,
        width: visible,
        tall_end: (header_lines > 1.0).then_some(top + 1),
    })
}

/// A worksheet name Excel accepts: none of `[ ] : * ? / \` (a label such as
/// 村/社区 becomes 村、社区), no leading or trailing apostrophe, at most 31 characters.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' => '、',
            '[' | ']' | ':' | '*' | '?' => '_',
            c => c,
        })
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    if clean.is_empty() {
        "Sheet1".into()
    } else {
        clean
    }
}

pub use crate::base::outfile::write_file;

/// Writes one exported list (see [`kind::Export`]) to .xlsx: its sheet with the
/// title block (`title`), its import columns' headers (so the file imports back),
/// text columns formatted as text. Returns the number of rows.
pub fn write_list(path: &Path, list: kind::ListRows, title: Title) -> Result<usize> {
    let n = list.2.len();
    write_xlsx(path, &[list_sheet(list, title)])?;
    Ok(n)
}

/// One exported list as a sheet to write.
pub fn list_sheet(list: kind::ListRows, title: Title) -> SheetOut<'static> {
    let (name, columns, rows) = list;
    SheetOut {
        name,
        headers: columns.iter().map(|c| c.header.to_string()).collect(),
        rows,
        text_columns: columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.text)
            .map(|(i, _)| i)
            .collect(),
        widths: columns.iter().map(|c| c.width).collect(),
        number_columns: columns
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text)
            .map(|(i, _)| i)
            .collect(),
        hidden_columns: vec![],
        title: Some(title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last row a rowspan covers keeps its own cells in their columns (they moved
    /// one left: a working group's 牵头单位 took its 成员单位, its 备注 was lost).
    #[test]
    fn an_html_rowspan_keeps_every_row_it_covers_in_place() {
        let html = "<html><table>\
            <tr><th>名称</th><th>主题</th><th>牵头</th><th>成员</th><th>备注</th></tr>\
            <tr><td>甲</td><td>物业</td><td rowspan=\"3\">区住建局</td><td>城管科</td><td>一</td></tr>\
            <tr><td>乙</td><td>网格</td><td>综治中心</td><td>二</td></tr>\
            <tr><td>丙</td><td>停车</td><td>交警中队</td><td>三</td></tr>\
            <tr><td>丁</td><td>绿化</td><td>园林所</td><td>环卫所</td><td>四</td></tr>\
            </table></html>";
        let s = parse(html.as_bytes(), "t.xls", None).unwrap();
        let texts: Vec<Vec<&str>> = s
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(texts[2], ["乙", "网格", "区住建局", "综治中心", "二"]);
        assert_eq!(texts[3], ["丙", "停车", "区住建局", "交警中队", "三"]);
        assert_eq!(texts[4], ["丁", "绿化", "园林所", "环卫所", "四"]);
    }

    #[test]
    fn a_percentage_format_and_its_text() {
        for (code, shows) in [
            ("0%", true),
            ("0.0%", true),
            ("#,##0.00%;[Red]-0.00%", true),
            ("General", false),
            ("0\"%\"", false),
            ("0\\%", false),
            ("yyyy-mm-dd", false),
        ] {
            assert_eq!(shows_percent(code), shows, "{code}");
        }
        let shown = |code: &str, v: f64| Shown::of(code).and_then(|s| s.text(v));
        assert_eq!(shown("\"P\"00", 2.0).as_deref(), Some("P02"));
        assert_eq!(shown("0000", 7.0).as_deref(), Some("0007"));
        assert_eq!(shown("\\A000", 12.0).as_deref(), Some("A012"));
        // Units and currency show the number itself (the number columns read it).
        for unit in ["0\"户\"", "0\"人\"", "\"￥\"0", "00\"次\""] {
            assert_eq!(Shown::of(unit), None, "{unit}");
        }
        // Bounded (a hostile format of a million letters or zeros).
        assert_eq!(Shown::of(&format!("\"{}\"0", "A".repeat(1_000_000))), None);
        assert_eq!(Shown::of(&"0".repeat(70_000)), None);
        assert_eq!(shown("0000", 1.5), None, "a fraction is left as it is");
        assert_eq!(shown("0%", 0.9).as_deref(), Some("90%"));
        for plain in [
            "0",
            "General",
            "0.00",
            "#,##0",
            "yyyy\"年\"m\"月\"",
            "@",
            "[Red]0",
            "00.0",
        ] {
            assert_eq!(Shown::of(plain), None, "{plain}");
        }
        assert_eq!(percent_text(0.9), "90%");
        assert_eq!(percent_text(0.955), "95.5%");
        assert_eq!(percent_text(1.0), "100%");
        assert_eq!(percent_text(0.0), "0%");
        assert_eq!(
            percent_text(0.07),
            "7%",
            "no float noise (7.000000000000001)"
        );
    }

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
    fn sheet_names_are_made_acceptable_to_excel() {
        assert_eq!(sheet_name("村/社区导入模板"), "村、社区导入模板");
        assert_eq!(
            sheet_name("小区（自然村/组）导入模板"),
            "小区（自然村、组）导入模板"
        );
        assert_eq!(sheet_name("a[b]:c*d?e\\f"), "a_b__c_d_e、f");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name("''"), "Sheet1");
        // And the workbook is written.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.xlsx");
        write_xlsx(
            &p,
            &[SheetOut {
                name: "村/社区导入模板",
                headers: vec!["名称".into()],
                rows: vec![],
                text_columns: vec![],
                widths: vec![],
                number_columns: vec![],
                hidden_columns: vec![],
                title: None,
            }],
        )
        .unwrap();
        assert_eq!(read(&p).unwrap().name, "村、社区导入模板");
    }

    #[test]
    fn csv_rows_are_numbered_as_excel_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gaps.csv");
        std::fs::write(&p, "姓名,备注\n\n张伟,\"两行\n备注\"\n\n\n李娜,x\n").unwrap();
        let s = read(&p).unwrap();
        let at = |r: usize| {
            s.rows
                .get(r)
                .and_then(|c| c.first())
                .map(|c| c.text.clone())
        };
        assert_eq!(at(0).as_deref(), Some("姓名"));
        assert_eq!(at(2).as_deref(), Some("张伟"), "{:?}", s.rows);
        assert_eq!(at(5).as_deref(), Some("李娜"), "{:?}", s.rows);
    }

    #[test]
    fn a_number_column_writes_what_reads_back_as_written_as_a_number() {
        for (text, number) in [
            ("38", Some(38.0)),
            ("1.5", Some(1.5)),
            ("-2", Some(-2.0)),
            ("0", Some(0.0)),
            ("007", None),
            ("1.10", None),
            ("1e5", None),
            ("inf", None),
            ("NaN", None),
            ("1234567890123456", None),
            ("2026-03-01", None),
            ("是", None),
            ("", None),
        ] {
            assert_eq!(as_number(text), number, "{text:?}");
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
                hidden_columns: vec![],
                title: None,
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
                "无法读取",
            ),
            (
                "picture.png",
                vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 0xFF, 0xFE],
                "不是可以读取的表格",
            ),
            (
                "old.xls",
                vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0],
                "已损坏",
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
