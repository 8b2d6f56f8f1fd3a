//! The flat 网格划分表 offices keep (one row per grid, the levels side by side:
//! 社区 | 小区 | 基础网格 | 微网格 | 四至 …, often with the 社区 merged down over its
//! grids) read as the combined `units` sheet: one row a unit, each unit once, its
//! parent on a row above. The import then does the rest as for any `units` file
//! (units already stored are found by name under the same parent, new ones get the
//! next code), and every problem names the row of the office's own file.

use std::collections::HashSet;

use super::UnitKind;
use crate::base::error::{Error, Result};
use crate::sheets::import::{normalize_header, Reshaped};
use crate::sheets::{Cell, Sheet};

/// The headers each level's column goes by in offices' tables.
const LEVELS: [(UnitKind, &[&str]); 4] = [
    (
        UnitKind::Village,
        &[
            "社区",
            "村",
            "村/社区",
            "村（社区）",
            "社区（村）",
            "村(社区)",
            "社区(村)",
            "所属社区",
            "所属村",
            "所属村/社区",
            "所在社区",
            "所在村",
            "所在村/社区",
            "社区名称",
            "村名称",
            "村/社区名称",
            "社区（村）名称",
        ],
    ),
    (
        UnitKind::Compound,
        &[
            "小区",
            "小区名称",
            "小区/自然村",
            "小区（自然村/组）",
            "小区（自然村）",
            "自然村",
            "自然村/组",
            "村民小组",
            "组",
            "所属小区",
            "所在小区",
        ],
    ),
    (
        UnitKind::BaseGrid,
        &[
            "基础网格",
            "基础网格名称",
            "网格",
            "网格名称",
            "所属网格",
            "所属基础网格",
            "所在网格",
        ],
    ),
    (UnitKind::MicroGrid, &["微网格", "微网格名称", "所属微网格"]),
];

/// Each level's code column, when the table has one.
const CODES: [(UnitKind, &[&str]); 4] = [
    (
        UnitKind::Village,
        &[
            "社区代码",
            "社区编码",
            "村代码",
            "村编码",
            "村/社区代码",
            "村/社区编码",
            "社区编号",
            "村编号",
        ],
    ),
    (UnitKind::Compound, &["小区编码", "小区代码", "小区编号"]),
    (
        UnitKind::BaseGrid,
        &[
            "网格编码",
            "网格代码",
            "基础网格编码",
            "基础网格代码",
            // 网格编号 is how many offices head it (probe AM: ignored, and every
            // grid was then numbered anew, drifting from the office's own codes).
            "网格编号",
            "基础网格编号",
        ],
    ),
    (
        UnitKind::MicroGrid,
        &["微网格编码", "微网格代码", "微网格编号"],
    ),
];

/// The `units` columns a row's deepest unit takes from the table, with the headers
/// they go by.
const DETAILS: [(&str, &[&str]); 5] = [
    (
        "边界描述",
        &[
            "边界描述",
            "边界",
            "四至",
            "四至范围",
            "范围",
            "网格范围",
            "管辖范围",
            "包含楼栋",
            "楼栋",
        ],
    ),
    ("户数", &["户数", "总户数"]),
    ("人口数", &["人口数", "人口", "总人口", "常住人口"]),
    (
        "设立日期",
        &["设立日期", "成立日期", "设立时间", "成立时间"],
    ),
    ("备注", &["备注"]),
];

/// The headers of an identity-number column: a list of people (网格员花名册 has
/// 所在社区 and 所在网格 too), never a 网格划分表. Read as one, it wrote the
/// people's 备注 over the grids'.
const ID_NUMBER_HEADERS: [&str; 4] = ["身份证号码", "身份证号", "公民身份号码", "身份证"];

/// The headers of the sheet handed on, in the `units` columns.
const OUT: [&str; 5] = ["层级", "所属村/社区", "上级单位", "编码", "名称"];

/// A header as offices write it, without spaces or line breaks (网格\n名称).
fn tidy(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `head` is one of `names`: as written, or as any import matches a header,
/// without a bracketed hint (小区（网格）名称 is 小区名称: probe AM, the whole 小区
/// level was dropped and the grids hung under the 社区).
fn named(head: &str, names: &[&str]) -> bool {
    if names.contains(&head) {
        return true;
    }
    let bare = normalize_header(head);
    !bare.is_empty() && names.iter().any(|n| normalize_header(n) == bare)
}

/// Where the table's columns are: each level's name and code, and the details.
struct Columns {
    header: usize,
    levels: [Option<usize>; 4],
    codes: [Option<usize>; 4],
    details: Vec<(&'static str, usize)>,
    /// Headers read for nothing (网格员, 联系电话 …), said in the note.
    ignored: Vec<String>,
}

/// The header row of a flat table among the sheet's first rows: two or more of the
/// levels, one of them a grid, and no 层级 or 名称 column (those make it a `units`
/// sheet already).
fn find_columns(s: &Sheet) -> Option<Columns> {
    for (at, row) in s
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.text.trim().is_empty()))
        .take(10)
    {
        let heads: Vec<String> = row.iter().map(|c| tidy(&c.text)).collect();
        if heads.iter().any(|h| {
            ["层级", "级别", "单位层级", "单位类型", "名称", "单位名称"].contains(&h.as_str())
        }) {
            return None;
        }
        let find = |names: &[&str], taken: &[usize]| {
            heads
                .iter()
                .enumerate()
                .position(|(i, h)| !taken.contains(&i) && named(h, names))
        };
        let mut taken = Vec::new();
        let mut levels = [None; 4];
        for (i, (_, names)) in LEVELS.iter().enumerate() {
            levels[i] = find(names, &taken);
            taken.extend(levels[i]);
        }
        let grids = levels[2].is_some() || levels[3].is_some();
        if levels.iter().flatten().count() < 2 || !grids {
            continue;
        }
        let mut codes = [None; 4];
        for (i, (_, names)) in CODES.iter().enumerate() {
            codes[i] = find(names, &taken);
            taken.extend(codes[i]);
        }
        let mut details = Vec::new();
        for (out, names) in DETAILS {
            if let Some(i) = find(names, &taken) {
                taken.push(i);
                details.push((out, i));
            }
        }
        let ignored = heads
            .iter()
            .enumerate()
            .filter(|(i, h)| !taken.contains(i) && !h.is_empty() && h.as_str() != "序号")
            .map(|(_, h)| h.clone())
            .collect();
        return Some(Columns {
            header: at,
            levels,
            codes,
            details,
            ignored,
        });
    }
    None
}

/// The sheet as a `units` sheet, and what the preview says of it; `Ok(None)` when
/// it is no flat table. The rows handed on carry the Excel row they came from. A
/// table whose units would hold more text than a sheet may (`MAX_SHEET_BYTES`: the
/// names are copied onto each unit's row) is refused, as a sheet that large is.
pub fn unflatten(s: &Sheet) -> Result<Option<Reshaped>> {
    unflatten_within(s, crate::sheets::builder::MAX_SHEET_BYTES)
}

fn unflatten_within(s: &Sheet, most_bytes: usize) -> Result<Option<Reshaped>> {
    let Some(cols) = find_columns(s) else {
        return Ok(None);
    };
    if let Some(id) = cols
        .ignored
        .iter()
        .find(|h| ID_NUMBER_HEADERS.contains(&h.as_str()))
    {
        return Err(Error::validation(
            "file",
            format!(
                "这个文件有“{id}”列，是人员名单，不是组织架构或网格划分表，没有导入。请到“人员名单”里导入它（人员的所在社区、网格按名称对应到已有的单位）。"
            ),
        ));
    }
    let mut bytes = 0usize;
    let cell = |row: &[Cell], i: Option<usize>| -> String {
        i.and_then(|i| row.get(i))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default()
    };
    let header: Vec<Cell> = OUT
        .iter()
        .copied()
        .chain(cols.details.iter().map(|(h, _)| *h))
        .map(Cell::text)
        .collect();
    let mut rows = vec![header];
    let mut numbers = vec![cols.header + 1];
    let mut hidden = Vec::new();
    let mut given_only = Vec::new();
    let mut data_rows = 0usize;
    let mut made: HashSet<Vec<String>> = HashSet::new();
    let mut counts = [0usize; 4];
    let mut village_above = String::new();
    // `hidden_rows` is in order: looked up, not scanned (a file may hide every row).
    let hidden_in_file = |index: usize| s.hidden_rows.binary_search(&index).is_ok();
    for (index, row) in s.rows.iter().enumerate().skip(cols.header + 1) {
        let mut names: Vec<String> = cols.levels.iter().map(|i| cell(row, *i)).collect();
        // A 合计 row's count stands in a level's column (合计 | | | 63个 | 23794 made
        // a grid named 63个 holding the township's households, probe W).
        if names.iter().all(String::is_empty) || crate::sheets::import::footer(row).is_some() {
            // A blank line (counted as one), or one the import says is no record
            // (合计, 填表人 …): handed on as it is, to be said so.
            if hidden_in_file(index) {
                hidden.push(rows.len());
            }
            rows.push(row.clone());
            numbers.push(index + 1);
            continue;
        }
        // A 村/社区 left blank under the one above (a CSV cannot merge cells).
        if names[0].is_empty() && cols.levels[0].is_some() {
            names[0].clone_from(&village_above);
        }
        village_above.clone_from(&names[0]);
        let deepest = (0..4).rev().find(|i| !names[*i].is_empty());
        // A blank line inside the 社区's merged cell reads as that 社区 alone: it makes
        // nothing and says nothing, so it is the blank line it looks like (probe AM:
        // 共 13 行 above, 14 行按层级展开 in the note).
        // (Its code is merged down with it; a detail, 户数 or 四至, would be news.)
        let says_more = cols
            .details
            .iter()
            .any(|(_, at)| !cell(row, Some(*at)).is_empty());
        if !says_more && deepest.is_some_and(|d| made.contains(&names[..=d])) {
            if hidden_in_file(index) {
                hidden.push(rows.len());
            }
            rows.push(Vec::new());
            numbers.push(index + 1);
            continue;
        }
        data_rows += 1;
        for (i, (kind, _)) in LEVELS.iter().enumerate() {
            if names[i].is_empty() {
                continue;
            }
            let path: Vec<String> = names[..=i].to_vec();
            if !made.insert(path) {
                continue;
            }
            let parent = match kind {
                UnitKind::Village => String::new(),
                UnitKind::Compound => names[0].clone(),
                UnitKind::BaseGrid if !names[1].is_empty() => names[1].clone(),
                UnitKind::BaseGrid => names[0].clone(),
                UnitKind::MicroGrid => names[2].clone(),
            };
            let mut out: Vec<Cell> = [
                kind.label().to_string(),
                if *kind == UnitKind::Village {
                    String::new()
                } else {
                    names[0].clone()
                },
                parent,
                cell(row, cols.codes[i]),
                names[i].clone(),
            ]
            .iter()
            .map(|t| Cell::text(t))
            .collect();
            out.extend(cols.details.iter().map(|(_, at)| {
                if Some(i) == deepest {
                    row.get(*at).cloned().unwrap_or_else(|| Cell::text(""))
                } else {
                    Cell::text("")
                }
            }));
            if hidden_in_file(index) {
                hidden.push(rows.len());
            }
            if Some(i) != deepest {
                given_only.push(rows.len());
            }
            bytes += out.iter().map(|c| c.text.len()).sum::<usize>();
            if bytes > most_bytes {
                return Err(Error::validation(
                    "file",
                    format!(
                        "这张网格划分表按层级展开后太大（第 {} 行时已超过 {} MB 文字）。请拆成几个文件分别导入。",
                        index + 1,
                        most_bytes / (1024 * 1024)
                    ),
                ));
            }
            rows.push(out);
            numbers.push(index + 1);
            counts[i] += 1;
        }
    }
    let said: Vec<String> = LEVELS
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|((k, _), n)| format!("{}{n} 个", k.label()))
        .collect();
    let mut note = format!(
        "这是一张网格划分表（各层级分列）：{data_rows} 行按层级展开为{}，上级在前，下面的行数、问题按展开后的单位计（行号仍是文件里的行号）。已有的单位按名称对应，不会重复建立，它们的户数、边界等只由以它为最末一级的行修改；没有编码的新单位按顺序编码。",
        said.join("、")
    );
    if !cols.ignored.is_empty() {
        note.push_str(&format!(
            "没有导入的列：{}（网格员等人员请用“人员名单”导入）。",
            cols.ignored.join("、")
        ));
    }
    Ok(Some((
        Sheet {
            rows,
            name: s.name.clone(),
            sheets: s.sheets.clone(),
            format: s.format,
            hidden_rows: hidden,
            row_numbers: numbers,
            given_only,
        },
        note,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| Cell::text(t)).collect())
                .collect(),
            name: String::new(),
            sheets: Vec::new(),
            format: "csv",
            hidden_rows: Vec::new(),
            row_numbers: Vec::new(),
            given_only: Vec::new(),
        }
    }

    fn texts(s: &Sheet) -> Vec<Vec<&str>> {
        s.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn each_unit_once_parents_first_details_on_the_deepest() {
        let flat = sheet(&[
            &["网格划分表"],
            &[
                "序号",
                "社区",
                "小区",
                "网格名称",
                "微网格",
                "四至范围",
                "网格员",
            ],
            &[
                "1",
                "青溪社区",
                "阳光花园",
                "第一网格",
                "1-2栋",
                "1、2栋",
                "张伟",
            ],
            &["2", "", "阳光花园", "第一网格", "3-4栋", "3、4栋", "李娜"],
            &["3", "青溪社区", "", "第二网格", "", "青溪路以东", "王芳"],
            &["", "", "", "", "", "", ""],
            &["合计", "", "", "2个", "", "", ""],
            &["填表人：王芳", "", "", "", "", "", ""],
        ]);
        let (out, note) = unflatten(&flat).unwrap().unwrap();
        assert_eq!(
            texts(&out),
            [
                vec![
                    "层级",
                    "所属村/社区",
                    "上级单位",
                    "编码",
                    "名称",
                    "边界描述"
                ],
                vec!["村/社区", "", "", "", "青溪社区", ""],
                vec!["小区", "青溪社区", "青溪社区", "", "阳光花园", ""],
                vec!["基础网格", "青溪社区", "阳光花园", "", "第一网格", ""],
                vec!["微网格", "青溪社区", "第一网格", "", "1-2栋", "1、2栋"],
                vec!["微网格", "青溪社区", "第一网格", "", "3-4栋", "3、4栋"],
                vec![
                    "基础网格",
                    "青溪社区",
                    "青溪社区",
                    "",
                    "第二网格",
                    "青溪路以东"
                ],
                // The blank line is handed on too, to be counted as one.
                vec!["", "", "", "", "", "", ""],
                // Its count in the grids' column makes no grid named 2个.
                vec!["合计", "", "", "2个", "", "", ""],
                vec!["填表人：王芳", "", "", "", "", "", ""],
            ]
        );
        assert_eq!(out.row_numbers, [2, 3, 3, 3, 3, 4, 5, 6, 7, 8]);
        // The parents spread from a grid's row: their blanks say nothing.
        assert_eq!(out.given_only, [1, 2, 3]);
        assert!(note.contains("3 行按层级展开为"), "{note}");
        assert!(
            note.contains("村/社区1 个、小区1 个、基础网格2 个、微网格2 个"),
            "{note}"
        );
        assert!(note.contains("没有导入的列：网格员"), "{note}");
    }

    #[test]
    fn a_units_sheet_or_a_list_of_one_level_is_not_flat() {
        let flat = |rows: &[&[&str]]| unflatten(&sheet(rows)).unwrap();
        assert!(flat(&[&["层级", "名称", "社区", "网格"]]).is_none());
        assert!(flat(&[&["社区", "小区", "户数"]]).is_none(), "no grid");
        assert!(flat(&[&["网格名称", "四至"]]).is_none(), "one level");
        assert!(flat(&[]).is_none());
    }

    #[test]
    fn a_list_of_people_is_no_grid_table() {
        let roster = sheet(&[
            &[
                "所在社区",
                "所在网格",
                "姓名",
                "身份证号",
                "联系电话",
                "备注",
            ],
            &[
                "青溪社区",
                "第一网格",
                "王芳",
                "320115198501011234",
                "13800000000",
                "网格长",
            ],
        ]);
        let e = unflatten(&roster).unwrap_err().to_string();
        assert!(e.contains("“身份证号”列，是人员名单"), "{e}");
        // A grid table naming its grid workers (网格员, 联系电话) is one.
        let grids = sheet(&[
            &["社区", "网格", "网格员", "联系电话"],
            &["青溪社区", "第一网格", "王芳", "13800000000"],
        ]);
        assert!(unflatten(&grids).unwrap().is_some());
    }

    #[test]
    fn a_table_too_large_once_spread_is_refused() {
        let long = "网".repeat(100);
        let rows: Vec<Vec<String>> = std::iter::once(vec!["社区".to_string(), "网格".into()])
            .chain((0..50).map(|i| vec![format!("{long}{i}"), format!("{long}{i}")]))
            .collect();
        let refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        let e = unflatten_within(&sheet(&refs), 20_000).unwrap_err();
        assert_eq!(e.field(), Some("file"));
        assert!(e.to_string().contains("请拆成几个文件"), "{e}");
        assert!(unflatten_within(&sheet(&refs), 10_000_000)
            .unwrap()
            .is_some());
    }
}
