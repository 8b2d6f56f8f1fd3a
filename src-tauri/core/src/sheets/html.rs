//! HTML tables saved under an ".xls" name, as web platforms and older systems
//! export them: the first table with rows, every cell as text, `colspan`/`rowspan`
//! filled like merged cells.

use std::collections::{HashMap, HashSet};

use super::builder::Builder;
use super::markup::{tokens, Tok};
use super::{bad, Cell, Sheet};
use crate::base::error::Result;

fn span(v: Option<&str>) -> usize {
    v.and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 1000)
}

pub(super) fn read(text: &str, file: &str) -> Result<Sheet> {
    let mut b = Builder::new(file, "");
    let mut depth = 0usize; // table nesting: only the first top-level table counts
    let mut done = false;
    let mut row: Option<usize> = None;
    let mut next_row = 0usize;
    let mut col = 0usize;
    // Columns covered from rows above: col -> (rows left, value)
    let mut pending: HashMap<usize, (usize, String)> = HashMap::new();
    // The columns a rowspan from above covers in the current row: its own cells go
    // past them (in the last row a rowspan covers too, when it has left `pending`).
    let mut covered_now: HashSet<usize> = HashSet::new();
    let mut cell: Option<(String, usize, usize)> = None; // (text, colspan, rowspan)
    let mut merges = Vec::new();
    let skip_covered = |col: &mut usize, covered: &HashSet<usize>| {
        while covered.contains(col) {
            *col += 1;
        }
    };
    for t in tokens(text) {
        if done {
            break;
        }
        match &t {
            Tok::Open { name, .. } if name == "table" => depth += 1,
            Tok::Close(name) if name == "table" => {
                depth = depth.saturating_sub(1);
                if depth == 0 && next_row > 0 {
                    done = true;
                }
            }
            _ if depth != 1 => {
                if let (Tok::Text(s), Some(c)) = (&t, cell.as_mut()) {
                    c.0.push_str(s);
                }
            }
            Tok::Open { name, .. } if name == "tr" => {
                let r = next_row;
                next_row += 1;
                row = Some(r);
                col = 0;
                // Fill the cells that rowspans from above cover.
                let mut covered: Vec<(usize, String)> = Vec::new();
                pending.retain(|c, (left, v)| {
                    covered.push((*c, v.clone()));
                    *left -= 1;
                    *left > 0
                });
                covered_now = covered.iter().map(|(c, _)| *c).collect();
                for (c, v) in covered {
                    b.put(r, c, Cell::text(&v))?;
                }
            }
            Tok::Close(name) if name == "tr" => row = None,
            Tok::Open {
                name, self_closing, ..
            } if name == "td" || name == "th" => {
                if row.is_none() {
                    // A cell without <tr>: browsers open a row.
                    row = Some(next_row);
                    next_row += 1;
                    col = 0;
                    covered_now.clear();
                }
                let c = (
                    String::new(),
                    span(t.attr("colspan")),
                    span(t.attr("rowspan")),
                );
                if *self_closing {
                    skip_covered(&mut col, &covered_now);
                    col += c.1;
                } else {
                    cell = Some(c);
                }
            }
            Tok::Close(name) if name == "td" || name == "th" => {
                if let (Some((text, cs, rs)), Some(r)) = (cell.take(), row) {
                    skip_covered(&mut col, &covered_now);
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    b.put(r, col, Cell::text(&text))?;
                    if cs > 1 || rs > 1 {
                        merges.push(calamine::Dimensions {
                            start: (r as u32, col as u32),
                            end: ((r + rs - 1) as u32, (col + cs - 1) as u32),
                        });
                    }
                    if rs > 1 {
                        for c in col..col + cs {
                            pending.insert(c, (rs - 1, text.clone()));
                        }
                    }
                    col += cs;
                }
            }
            Tok::Open { name, .. } if name == "br" || name == "p" => {
                if let Some(c) = cell.as_mut() {
                    c.0.push(' ');
                }
            }
            Tok::Text(s) => {
                if let Some(c) = cell.as_mut() {
                    c.0.push_str(s);
                }
            }
            _ => {}
        }
    }
    if next_row == 0 {
        return Err(bad(format!(
            "文件“{file}”是网页格式，但里面没有表格。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
        )));
    }
    b.finish_with_merges(&merges, Vec::new(), "html")
}
