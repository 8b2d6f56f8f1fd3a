//! Collecting a sheet's cells into rows with every cap checked before memory is
//! taken: rows, columns, the area spanned, and the size of one cell.

use super::{bad, Cell, Sheet, MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS, MAX_TOP_ROWS};

/// Text one sheet may hold in all, merged areas' copies included.
pub const MAX_SHEET_BYTES: usize = 64 * 1024 * 1024;
use crate::base::error::Result;

/// Excel's name for a column index: 0 → A, 26 → AA.
pub fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(super) struct Builder<'a> {
    file: &'a str,
    sheet: &'a str,
    rows: Vec<Vec<Cell>>,
    cells: usize,
    bytes: usize,
}

impl<'a> Builder<'a> {
    pub fn new(file: &'a str, sheet: &'a str) -> Self {
        Builder {
            file,
            sheet,
            rows: Vec::new(),
            cells: 0,
            bytes: 0,
        }
    }

    fn where_(&self) -> String {
        if self.sheet.is_empty() {
            format!("文件“{}”", self.file)
        } else {
            format!("文件“{}”的工作表“{}”", self.file, self.sheet)
        }
    }

    /// Makes sure row `r` exists (so row numbers match the file's).
    pub fn touch_row(&mut self, r: usize) -> Result<()> {
        if r > MAX_ROWS + MAX_TOP_ROWS {
            return Err(bad(format!(
                "{}到第 {} 行还有内容，超过每个文件 {MAX_ROWS} 行数据的上限。请拆成几个文件分别导入。",
                self.where_(),
                r + 1
            )));
        }
        while self.rows.len() <= r {
            self.rows.push(Vec::new());
        }
        Ok(())
    }

    /// Puts a cell at (row, column), both counted from 0.
    pub fn put(&mut self, r: usize, c: usize, cell: Cell) -> Result<()> {
        if cell.text.is_empty() {
            return Ok(());
        }
        if c >= MAX_COLUMNS {
            return Err(bad(format!(
                "{}第 {} 行在第 {} 列（{}列）还有内容，超过 {MAX_COLUMNS} 列的上限。请删掉多余的列后再导入。",
                self.where_(),
                r + 1,
                c + 1,
                column_letters(c)
            )));
        }
        if cell.text.len() > MAX_CELL_BYTES {
            return Err(bad(format!(
                "{}第 {} 行第 {} 列（{}列）的内容超过 1 MB，不像是填写的内容。请检查这个单元格。",
                self.where_(),
                r + 1,
                c + 1,
                column_letters(c)
            )));
        }
        self.hold(cell.text.len())?;
        self.touch_row(r)?;
        let row = &mut self.rows[r];
        if row.len() <= c {
            self.cells += c + 1 - row.len();
            if self.cells > MAX_CELLS {
                return Err(bad(format!(
                    "{}用到的范围太大（超过 {MAX_CELLS} 个单元格）。请删掉表格外多余的内容，或拆成几个文件分别导入。",
                    self.where_()
                )));
            }
            row.resize(c + 1, Cell::text(""));
        }
        row[c] = cell;
        Ok(())
    }

    /// Counts `n` more bytes of text against the sheet's cap.
    fn hold(&mut self, n: usize) -> Result<()> {
        self.bytes += n;
        if self.bytes > MAX_SHEET_BYTES {
            return Err(bad(format!(
                "{}的内容太多（超过 {} MB 文字）。请拆成几个文件分别导入。",
                self.where_(),
                MAX_SHEET_BYTES / 1024 / 1024
            )));
        }
        Ok(())
    }

    /// Rewrites the number a cell already put holds, as `shown` shows it (a number
    /// shown as a percentage, known only after the values were read); nothing if the
    /// cell holds no number. The longer text counts against the sheet's cap.
    pub fn reshow_number(
        &mut self,
        r: usize,
        c: usize,
        shown: impl FnOnce(f64) -> Option<String>,
    ) -> Result<()> {
        let Some(cell) = self.rows.get_mut(r).and_then(|row| row.get_mut(c)) else {
            return Ok(());
        };
        let (true, Ok(v)) = (cell.numeric, cell.text.parse::<f64>()) else {
            return Ok(());
        };
        let Some(text) = shown(v) else {
            return Ok(());
        };
        let grown = text.len().saturating_sub(cell.text.len());
        cell.text = text;
        self.hold(grown)
    }

    /// The rows, with merged areas filled from their top-left cell (as a clerk sees
    /// them: a 村/社区 merged down over its grids belongs to every row).
    pub fn finish_with_merges(
        mut self,
        merges: &[calamine::Dimensions],
        sheets: Vec<String>,
        format: &'static str,
    ) -> Result<Sheet> {
        if merges.len() > 100_000 {
            return Err(bad(format!(
                "{}的合并单元格太多（超过 100000 处）。请取消合并后再导入。",
                self.where_()
            )));
        }
        for m in merges {
            let (top, left) = (m.start.0 as usize, m.start.1 as usize);
            let (bottom, right) = (m.end.0 as usize, m.end.1 as usize);
            let Some(value) = self
                .rows
                .get(top)
                .and_then(|r| r.get(left))
                .filter(|c| !c.text.is_empty())
                .cloned()
            else {
                continue;
            };
            // Only over rows that exist (a merge cannot make a sheet longer), and
            // every copy counts against the caps: the first one exceeded ends it.
            let bottom = bottom.min(self.rows.len().saturating_sub(1));
            let right = right.min(MAX_COLUMNS - 1);
            for r in top..=bottom {
                for c in left..=right {
                    let empty = self.rows[r].get(c).is_none_or(|x| x.text.is_empty());
                    if empty {
                        self.put(r, c, value.clone())?;
                    }
                }
            }
        }
        Ok(Sheet {
            rows: self.rows,
            name: self.sheet.to_string(),
            sheets,
            format,
            hidden_rows: Vec::new(),
            row_numbers: Vec::new(),
            given_only: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn caps_are_checked_before_allocating() {
        let mut b = Builder::new("f.xlsx", "Sheet1");
        b.put(0, 0, Cell::text("a")).unwrap();
        let e = b.put(1_048_575, 0, Cell::text("x")).unwrap_err();
        assert!(e.to_string().contains("1048576 行"), "{e}");
        let e = b.put(0, 16383, Cell::text("x")).unwrap_err();
        assert!(e.to_string().contains("XFD"), "{e}");
        let big = "x".repeat(MAX_CELL_BYTES + 1);
        let e = b.put(2, 0, Cell::text(&big)).unwrap_err();
        assert!(e.to_string().contains("1 MB"), "{e}");
    }

    #[test]
    fn merged_cells_are_filled() {
        let mut b = Builder::new("f.xlsx", "S");
        b.put(0, 0, Cell::text("村")).unwrap();
        b.put(2, 1, Cell::text("x")).unwrap();
        let s = b
            .finish_with_merges(
                &[calamine::Dimensions {
                    start: (0, 0),
                    end: (2, 0),
                }],
                vec![],
                "xlsx",
            )
            .unwrap();
        assert!(s.rows.iter().all(|r| r[0].text == "村"));
        // A merged area whose copies exceed the text cap is refused, not filled.
        let mut b = Builder::new("f.xlsx", "S");
        b.put(0, 0, Cell::text(&"x".repeat(MAX_CELL_BYTES)))
            .unwrap();
        b.put(14_999, 0, Cell::text("y")).unwrap();
        let e = b
            .finish_with_merges(
                &[calamine::Dimensions {
                    start: (0, 0),
                    end: (14_999, 255),
                }],
                vec![],
                "xlsx",
            )
            .unwrap_err();
        assert!(e.to_string().contains("内容太多"), "{e}");
    }
}
