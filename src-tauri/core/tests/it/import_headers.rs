//! One header rule for every import kind: a header names a column if, after removing
//! spaces, `*`/`＊` and any bracketed hint, it equals the column's header or an alias.

use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::sheets::import::{column_for, normalize_header, template_header};

#[test]
fn header_variants_table() {
    // (kind, header as found in a file, the column key it must name, or None)
    let table: &[(&str, &str, Option<&str>)] = &[
        ("people", "身份证号码", Some("idNumber")),
        ("people", "身份证号码（文本格式）", Some("idNumber")),
        ("people", "身份证号码(文本格式)", Some("idNumber")),
        ("people", "身份证号码*", Some("idNumber")),
        ("people", "＊身份证号码", Some("idNumber")),
        (
            "people",
            "身份证号码*（18位，最后一位可为X）",
            Some("idNumber"),
        ),
        ("people", "身份证号码（文本格式）*", Some("idNumber")),
        ("people", " 身份证 号码 ", Some("idNumber")),
        ("people", "身份证号码【必填】", Some("idNumber")),
        ("people", "公民身份号码(必填)", Some("idNumber")),
        ("people", "身份证号", Some("idNumber")),
        ("people", "手机号码（文本格式）", Some("phone")),
        ("people", "所在网格/小区（文本格式）", Some("units")),
        ("people", "所在网格/小区", Some("units")),
        ("people", "姓名*", Some("name")),
        ("people", "身份证号码2", None),
        ("people", "（身份证号码）", None),
        ("people", "*", None),
        ("people", "", None),
        ("projects", "投入资金（元）", Some("money")),
        ("projects", "投入资金", Some("money")),
        ("projects", "投入人力(人)", Some("people")),
        // A clerk's own words (probe AI).
        ("projects", "项目类型", Some("category")),
        ("projects", "开工时间", Some("actualStart")),
        ("projects", "完工时间", Some("actualEnd")),
        ("partner-units", "手机号", Some("contactPhone")),
        ("units", "层级*", Some("level")),
        ("units", "编码（不填自动生成）", Some("code")),
        ("units", "上级单位(编码或名称)", Some("parent")),
        ("villages", "区划代码（文本格式）", Some("code")),
        ("grids", "所属小区（文本格式）", Some("parent")),
        // As offices' own lists head them (probe W): the brackets read as words, and
        // any 村/社区 header names a kind's column of the village.
        ("people", "村（社区）", Some("village")),
        ("people", "村社区", Some("village")),
        ("people", "负责网格", Some("units")),
        ("people", "职务", Some("role")),
        ("party-branches", "所属社区", Some("village")),
        ("party-branches", "所在村（社区）", Some("village")),
        ("party-branches", "所属村/社区", Some("village")),
        ("partner-units", "单位性质", Some("kind")),
        ("leaders", "领导姓名", Some("name")),
        ("units", "统计用区划代码", Some("code")),
        ("people", "联系村（社区）", None),
        ("contact-points", "联系村（社区）", Some("target")),
        ("contact-points", "开始时间", Some("startOn")),
    ];
    for (kind, header, want) in table {
        let cols = Kind::parse(kind).unwrap().columns();
        let got = column_for(cols, header).map(|c| c.key);
        assert_eq!(got, *want, "{kind}: “{header}”");
    }
}

#[test]
fn every_template_header_names_its_own_column_and_no_two_columns_share_a_header() {
    for k in Kind::all() {
        let cols = k.columns();
        let mut seen = std::collections::HashMap::new();
        for c in cols {
            // The template's own header (with * and brackets) reads back as the column.
            assert_eq!(
                column_for(cols, &template_header(c)).map(|x| x.key),
                Some(c.key),
                "{}: {}",
                k.name(),
                c.header
            );
            assert_eq!(
                column_for(cols, &format!("{}（文本格式）", c.header)).map(|x| x.key),
                Some(c.key)
            );
            // 专职／兼职 typed with a full-width slash is 专职/兼职.
            assert_eq!(
                column_for(cols, &c.header.replace('/', "／")).map(|x| x.key),
                Some(c.key)
            );
            for h in std::iter::once(c.header).chain(c.aliases.iter().copied()) {
                let n = normalize_header(h);
                if let Some(other) = seen.insert(n.clone(), c.key) {
                    panic!("{}: “{n}” names both {other} and {}", k.name(), c.key);
                }
            }
        }
    }
}

#[test]
fn every_kind_name_is_kebab_case_and_the_old_underscore_name_still_works() {
    for k in Kind::all() {
        assert!(
            k.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            k.name()
        );
        assert_eq!(Kind::parse(k.name()).unwrap(), k);
    }
    assert_eq!(
        Kind::parse("expected_offices").unwrap(),
        Kind::parse("expected-offices").unwrap()
    );
    assert_eq!(
        Kind::parse("expected_offices").unwrap().name(),
        "expected-offices"
    );
}

/// Every kind's template can be written as .xlsx and as .csv, and reads back with its
/// headers (a label such as 村/社区 once made an invalid worksheet name).
#[test]
fn every_kind_writes_its_template_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    for k in gridledger_core::kinds::ImportKind::all() {
        for ext in ["xlsx", "csv"] {
            let p = dir.path().join(format!("{}.{ext}", k.name()));
            k.write_template(&p)
                .unwrap_or_else(|e| panic!("{} .{ext}: {e}", k.name()));
            let s = gridledger_core::sheets::read(&p).unwrap();
            let first = s.rows[0][0].text.trim_end_matches('*').to_string();
            assert_eq!(first, k.columns()[0].header, "{} .{ext}", k.name());
            if ext == "xlsx" {
                each_row_written_once(&p);
            }
        }
    }
    // The 填写说明 says who must fill a column needed by some rows (probe W: 专职/兼职
    // read 选填 though every 网格员 row needs it).
    let p = dir.path().join("people.xlsx");
    let help = gridledger_core::sheets::read_sheet(&p, Some("填写说明")).unwrap();
    let row = help.rows.iter().find(|r| r[0].text == "专职/兼职").unwrap();
    assert_eq!(row[1].text, "网格员必填");
}

/// No row of any worksheet in workbook `p` is written twice: a header row's height
/// set after its cells wrote `<row r="1">` a second time in ten templates, which
/// Excel offers to repair on the file a clerk starts from.
pub fn each_row_written_once(p: &std::path::Path) {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    let sheets: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    assert!(!sheets.is_empty(), "{}", p.display());
    for name in sheets {
        let mut xml = String::new();
        z.by_name(&name).unwrap().read_to_string(&mut xml).unwrap();
        let mut seen = std::collections::HashSet::new();
        for row in xml.split("<row r=\"").skip(1) {
            let n = row.split('"').next().unwrap_or("");
            assert!(
                seen.insert(n.to_string()),
                "{} {name}: row {n} twice",
                p.display()
            );
        }
    }
}

/// The columns whose other bad dates a refused row names beside the kind's first
/// problem: every 日期 column of every kind, and no other but 实际开始/实际完成.
#[test]
fn every_date_column_is_known_as_one() {
    use gridledger_core::sheets::import::is_date_column;
    for k in Kind::all() {
        for c in k.columns() {
            let named = c.header.contains("日期") || matches!(c.header, "实际开始" | "实际完成");
            assert_eq!(
                is_date_column(c),
                named,
                "{}: {} ({})",
                k.name(),
                c.header,
                c.key
            );
        }
    }
}

/// A stored record whose row the file has but refuses is not said to be missing from
/// the file (probe T: twelve kinds said 文件里没有 of the very records their problem
/// list named), and the refusal says what is wrong. Each kind's list is exported
/// from the demo, one cell of its first row changed, and the check is read:
/// (kind, column, the cell's new value, words of the problem).
#[test]
fn a_refused_rows_record_is_not_said_missing_from_the_file() {
    let table: &[(&str, &str, &str, &str)] = &[
        ("duty-items", "领域", "", "请填写领域（可选："),
        ("inspections", "检查人员", "", "检查人员"),
        ("callbacks", "回访结果", "", "回访结果"),
        ("indicators", "分值", "", "分值"),
        ("leaders", "层级", "", "层级"),
        ("visits", "发现的问题或情况", "", "发现"),
        ("training-sessions", "培训层级", "", "层级"),
        ("joint-meetings", "议题", "", "议题"),
        // A blank 专职/兼职 was read as 专职: a 兼职 member changed unsaid (probe T).
        ("committee-members", "专职/兼职", "", "请填写“专职”或“兼职”"),
        // It said 没有主题为“”的培训 (probe T).
        ("training-participants", "培训主题", "", "请填写培训主题"),
        // The days form was not said (probe T).
        (
            "demands",
            "办理时限",
            "明天",
            "或受理后的天数（如 7天、15日）",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let o = crate::support::office(dir.path(), "township", "320115101000", "青溪街道", true);
    for (kind, column, value, words) in table {
        let mut e = crate::support::exported(o.store.conn(), kind, dir.path(), column);
        let c = e.col(column);
        let r = e.row_where(c, |v| !v.is_empty());
        e.rows[r][c] = value.to_string();
        let path = dir.path().join(format!("{kind}-refused.csv"));
        std::fs::write(&path, e.csv()).unwrap();
        let k = Kind::parse(kind).unwrap();
        let p = k
            .preview(o.store.conn(), &path, crate::support::day(2026, 11, 26))
            .unwrap();
        assert_eq!(p.rejected_rows, 1, "{kind}: {:?}", p.problems);
        assert!(
            p.problems.iter().any(|x| x.message.contains(words)),
            "{kind}: {:?}",
            p.problems
        );
        assert!(
            p.notes.iter().all(|n| !n.contains("文件里没有")),
            "{kind}: {:?}",
            p.notes
        );
    }
}
