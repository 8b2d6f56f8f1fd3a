//! `docs/IMPORT.md` documents every import template; it is generated from the
//! import kinds' columns and must stay in step with them. To regenerate after
//! changing a kind: `UPDATE_DOCS=1 cargo test -p gridledger-core --test import_docs`.

use gridledger_core::import::{template_header, Kind};

fn render() -> String {
    let mut out = String::from(
        "# Import templates (导入模板)\n\n\
         Generated from the code by `src-tauri/core/tests/import_docs.rs`; do not edit by hand.\n\n\
         Every kind imports from .xlsx, .xls or .csv (UTF-8 or GBK) through the same machinery:\n\
         a preview lists every problem (row, column, message) before anything is written; valid\n\
         rows are written in one transaction; rejected rows can be saved as an error workbook with\n\
         a reason column, fixed and imported again; importing the same rows again changes nothing\n\
         (the key column says which stored record a row updates). Headers may sit below title\n\
         rows. A header matches a column if, after removing spaces, `*`/`＊` and any bracketed\n\
         hint (`（…）`, `(…)`, `【…】`, `[…]`), it equals the column's header or one of the\n\
         alternative headers listed: `身份证号码（文本格式）*`, `身份证号码(18位)` and\n\
         `身份证号码` are the same column. The column header below is exactly what the\n\
         template writes (`*` = required); \"text\" columns are formatted as text in the\n\
         template (type ID numbers, phones and codes as text, or Excel drops digits). Get a\n\
         template with `gridledger-cli template --kind KIND FILE.xlsx` or the 下载导入模板\n\
         button.\n",
    );
    for k in Kind::ALL {
        out.push_str(&format!("\n## `{}` — {}\n\n", k.name(), k.label()));
        out.push_str(
            "| column | required | text | also accepted | what to write |\n| --- | --- | --- | --- | --- |\n",
        );
        for c in k.columns() {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                template_header(c),
                if c.required { "是" } else { "" },
                if c.text { "text" } else { "" },
                c.aliases.join("、"),
                c.hint.replace('|', "／")
            ));
        }
    }
    out
}

#[test]
fn import_md_matches_the_templates() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/IMPORT.md");
    let want = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/IMPORT.md is out of date: run UPDATE_DOCS=1 cargo test -p gridledger-core --test import_docs"
    );
}
