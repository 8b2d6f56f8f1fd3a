//! XML Spreadsheet 2003 (`<?mso-application progid="Excel.Sheet"?>`), which many web
//! platforms export under an ".xls" name. Text cells stay text; `Number` cells are
//! marked numeric like Excel's; merged cells are filled like a real workbook's.

use super::builder::Builder;
use super::markup::{tokens, Tok};
use super::{bad, Cell, Sheet};
use crate::base::error::Result;

struct Parsed {
    name: String,
    hidden: bool,
    /// Rows marked `ss:Hidden="1"` (by hand or by 筛选).
    hidden_rows: Vec<usize>,
    /// (row, col, cell, merge across, merge down)
    cells: Vec<(usize, usize, Cell, usize, usize)>,
}

fn number(v: Option<&str>) -> Option<usize> {
    v.and_then(|s| s.trim().parse::<usize>().ok())
}

pub(super) fn read(text: &str, file: &str, choose: Option<&str>) -> Result<Sheet> {
    let mut sheets: Vec<Parsed> = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    let mut in_data: Option<bool> = None; // Some(numeric)
    let mut in_visible = false;
    let mut value = String::new();
    let mut cell_at: Option<(usize, usize, usize, usize)> = None;
    // Styles that show a number other than as itself (`<NumberFormat
    // ss:Format="Percent"/>`, a `0%` or `"P"00` code): their numbers read as shown, as
    // in an .xlsx.
    let mut style: Option<String> = None;
    let mut shown_by = std::collections::HashMap::new();
    let mut cell_style: Option<String> = None;
    // What every sheet's cells hold so far (all sheets are read before one is chosen).
    let mut held = 0usize;
    for t in tokens(text) {
        match &t {
            Tok::Open { name, .. } if name == "worksheet" => {
                sheets.push(Parsed {
                    name: t.attr("name").unwrap_or("").to_string(),
                    hidden: false,
                    hidden_rows: Vec::new(),
                    cells: Vec::new(),
                });
                row = 0;
            }
            Tok::Open {
                name, self_closing, ..
            } if name == "row" => {
                row = number(t.attr("index"))
                    .map(|i| i.saturating_sub(1))
                    .unwrap_or(row);
                col = 0;
                if let (Some("1" | "true"), Some(s)) = (t.attr("hidden"), sheets.last_mut()) {
                    if s.hidden_rows.len() <= super::MAX_ROWS + super::MAX_TOP_ROWS {
                        s.hidden_rows.push(row);
                    }
                }
                if *self_closing {
                    row += 1;
                }
            }
            Tok::Close(name) if name == "row" => row += 1,
            Tok::Open { name, .. } if name == "style" => {
                style = t.attr("id").map(str::to_string);
            }
            Tok::Close(name) if name == "style" => style = None,
            Tok::Open { name, .. } if name == "numberformat" => {
                let format = t.attr("format").unwrap_or("");
                let shown = if format.eq_ignore_ascii_case("percent") {
                    Some(super::Shown::Percent)
                } else {
                    super::Shown::of(format)
                };
                if let (Some(id), Some(shown)) = (&style, shown) {
                    shown_by.insert(id.clone(), shown);
                }
            }
            Tok::Open {
                name, self_closing, ..
            } if name == "cell" => {
                cell_style = t.attr("styleid").map(str::to_string);
                col = number(t.attr("index"))
                    .map(|i| i.saturating_sub(1))
                    .unwrap_or(col);
                let across = number(t.attr("mergeacross")).unwrap_or(0);
                let down = number(t.attr("mergedown")).unwrap_or(0);
                if *self_closing {
                    col += 1 + across;
                } else {
                    cell_at = Some((row, col, across, down));
                }
            }
            Tok::Close(name) if name == "cell" => {
                if let Some((_, c, across, _)) = cell_at.take() {
                    col = c + 1 + across;
                }
            }
            Tok::Open {
                name,
                self_closing: false,
                ..
            } if name == "data" => {
                in_data = Some(
                    t.attr("type")
                        .is_some_and(|ty| ty.eq_ignore_ascii_case("number")),
                );
                value.clear();
            }
            Tok::Close(name) if name == "data" => {
                if let (Some(numeric), Some((r, c, across, down)), Some(s)) =
                    (in_data.take(), cell_at, sheets.last_mut())
                {
                    let text = value.trim_end_matches(['\r', '\n']).to_string();
                    let text = if text.len() >= 19 && text.as_bytes().get(10) == Some(&b'T') {
                        // ss:Type="DateTime": 2024-03-01T00:00:00.000
                        text[..10].to_string()
                    } else {
                        let shown = cell_style.as_ref().and_then(|id| shown_by.get(id));
                        match (numeric, shown, text.trim().parse::<f64>()) {
                            (true, Some(shown), Ok(v)) => shown.text(v).unwrap_or(text),
                            _ => text,
                        }
                    };
                    held += text.len() + 64;
                    if held > super::builder::MAX_SHEET_BYTES {
                        return Err(bad(format!(
                            "文件“{file}”的内容太多（超过 {} MB）。请拆成几个文件分别导入。",
                            super::builder::MAX_SHEET_BYTES / 1024 / 1024
                        )));
                    }
                    s.cells.push((
                        r,
                        c,
                        Cell {
                            text,
                            numeric,
                            formula_without_value: false,
                        },
                        across,
                        down,
                    ));
                }
            }
            Tok::Open {
                name,
                self_closing: false,
                ..
            } if name == "visible" => in_visible = true,
            Tok::Close(name) if name == "visible" => in_visible = false,
            Tok::Text(s)
                if in_visible && s.trim().starts_with("Sheet") && s.trim() != "SheetVisible" =>
            {
                if let Some(last) = sheets.last_mut() {
                    last.hidden = true;
                }
            }
            Tok::Text(_) if in_visible => {}
            Tok::Text(s) if in_data.is_some() => value.push_str(s),
            _ => {}
        }
    }
    let all: Vec<(String, bool)> = sheets.iter().map(|s| (s.name.clone(), !s.hidden)).collect();
    let (chosen, visible) = super::choose_sheet(&all, choose, file)?;
    let s = &sheets[chosen];
    let mut b = Builder::new(file, &s.name);
    let mut merges = Vec::new();
    for (r, c, cell, across, down) in &s.cells {
        if across + down > 0 {
            merges.push(calamine::Dimensions {
                start: (*r as u32, *c as u32),
                end: ((r + down) as u32, (c + across) as u32),
            });
        }
        b.put(*r, *c, cell.clone())?;
    }
    let mut sheet = b.finish_with_merges(&merges, visible, "xml2003")?;
    sheet.hidden_rows = s.hidden_rows.clone();
    Ok(sheet)
}
