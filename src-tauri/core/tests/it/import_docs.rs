//! `docs/IMPORT.md` documents every import template; it is generated from the
//! import kinds' columns and must stay in step with them. To regenerate after
//! changing a kind: `UPDATE_DOCS=1 cargo test -p gridledger-core --test it import_docs`.

use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::sheets::import::template_header;

fn render() -> String {
    let mut out = String::from(
        "# Import templates (导入模板)\n\n\
         Generated from the code by `src-tauri/core/tests/it/import_docs.rs`; do not edit by hand.\n\n\
         Every kind imports from .xlsx, .xls or .csv (UTF-8 or GBK) through the same machinery:\n\
         a preview lists every problem (row, column, message) before anything is written; valid\n\
         rows are written in one transaction; rejected rows can be saved as an error workbook with\n\
         a reason column (the file's own columns and the required ones: an optional column the\n\
         file lacked, written empty, would clear stored values when the fixed rows came back;\n\
         a column every row was given by the file's name, 身份 of a 网格员花名册, written out;\n\
         an ID number or code Excel stored as a number of more than 15 digits left empty, its\n\
         changed digits never written back as text), fixed and imported again; importing the same rows again changes nothing\n\
         (the key column says which stored record a row updates). Headers may sit below title\n\
         rows, and in two rows: a group heading over some columns (办理情况 over 状态、承办部门)\n\
         with the other headings merged down both rows. A header matches a column if, after removing spaces, `*`/`＊` and any bracketed\n\
         hint (`（…）`, `(…)`, `【…】`, `[…]`) and reading `／` as `/`, it equals the column's header or one of the\n\
         alternative headers listed: `身份证号码（文本格式）*`, `身份证号码(18位)` and\n\
         `身份证号码` are the same column. Failing that, the brackets are read as words\n\
         (`村（社区）` as `村社区` and `村/社区`), and a 村/社区 header (`所属社区`, `所在村/社区`,\n\
         `村社区` …) names the kind's column of the village. A 人员 file without a 身份 column\n\
         whose file name, sheet name or title names one role (网格员花名册) is a list of that\n\
         role, and the check says so. The column header below is exactly what the\n\
         template writes (`*` = required); \"text\" columns are formatted as text in the\n\
         template (type ID numbers, phones and codes as text, or Excel drops digits). Get a\n\
         template with `gridledger-cli template --kind KIND FILE.xlsx` or the 下载导入模板\n\
         button.\n\n\
         A file may leave out columns that are not required. A new record takes them as empty.\n\
         A row that updates a stored record never clears what a missing column holds: units and\n\
         people keep the stored value (a 楼栋长 list of name, ID, phone, role and place adds the\n\
         role to a person already registered). A people row that only adds roles the person\n\
         does not hold keeps their details even where its cells are empty, keeps their 到岗日期\n\
         and 是否公示, and dates the new role by its own 到岗日期; a 网格员's 专职/兼职 is kept\n\
         when the file has no such column. For every other kind the row is refused, naming\n\
         the missing columns, when the row would change what the record has under them (to\n\
         empty, or to the default an empty cell gives). A column that is there\n\
         but empty does clear its value. A row of a demand, project or admission whose step is\n\
         before the stored record's (an old list imported again) is refused: an import never\n\
         moves a record back. Two rows of one file that name the same record (the same key,\n\
         or two keys that find one stored record) are both refused, each naming the other,\n\
         unless they hold the same in every column: then the first goes in and the second is\n\
         counted as a repeat, not an error (a key typed over another record's key no longer rewrites that\n\
         record); the 组织架构 kinds keep their own rule, the later row of a code, or of a name\n\
         under one parent, refused. A new row that is a stored record but for one column (a 会议日期, a name\n\
         corrected in the file), while the file has no row for that record, is said beside\n\
         the row (将新增一条…已有一条只有“会议日期”不同的…); the window leaves such a row out\n\
         unless the clerk ticks it (仍作为新记录导入), the CLI imports it as a second record; a new person whose name\n\
         and phone are a registered person's under another ID number is refused, naming the\n\
         person to edit. A row that changes a stored record says which columns, from what to\n\
         what (会修改已有诉求“路灯不亮”的办理时限（2026-11-20 → 2027-01-15）), for the first 200 such\n\
         rows of a file (a roster says its changes its own way). A row that would change a person or a unit changed in the app after the file was saved (an .xlsx's own 修改时间, else the file's) is of an older list: the window leaves it out unless ticked (仍然导入), the CLI unless given `--include-older-rows`, as an old roster would move a grid worker back. An import never deletes: when a file names all of a kind's stored records but a few\n\
         (at most one in ten or two, and under a quarter: an exported list with rows deleted in\n\
         Excel), the preview says how many it leaves out and names the first five (文件里没有 2 个已有的共建单位…不会删除它们);\n\
         a roster file is compared with the people in post in the roles its rows set, a\n\
         组织架构 file with the levels its rows are of, 问卷答卷 with the papers of the\n\
         questionnaires it names; nothing is said while a row of the file is refused before\n\
         it is read as a record (it may be one of them).\n\
         A filled cell the row would not keep is refused in its column\n\
         rather than dropped: a step's fields on a row whose status has not reached that step\n\
         (承办部门 on a 已受理 demand, 评分 on a 已完成 project, 审核意见 on a 已申请 admission),\n\
         a 截止日期 on a 长期 matter, 招录批次 on an event that is not 招录, a 准入文号 on a\n\
         secondment not approved, a 诉求或小区 on a 一般回访, a formula on a 考核组评分\n\
         indicator, a boundary on a 村/社区 or 小区, a question after an empty one. A record's\n\
         event date (走访、会议、培训、完成日期) may not be after today. A unit's name may\n\
         not hold 、，； (they separate the units of a list).\n\n\
         A number Excel shows as a percentage (90% is stored 0.9) reads as shown, `90%`: a\n\
         目标值 typed 90% is 90; so does a whole number shown padded or with text by its\n\
         format (`0000` shows 7 as 0007, `\"P\"00` shows 2 as P02) (.xlsx and Excel 2003 XML;\n\
         an old binary .xls reads the bare number: save it as .xlsx first).\n\
         A cell typed in full-width mode that holds only a number, a code or a date (`１３８…`,\n\
         `２０２６年３月１日`) reads as half-width. A date written as a month only
(`2023.05`, `2023-5`, `2023年5月`, as rosters give 入职时间) is the first day of that month. A date
left as its Excel serial (`44582`: a date cell that lost its format) in a date column is its day
(2022-01-21), said once for the file. A refused
row names each of its date cells that is not a date, beside the first problem the kind found. A problem is said
under the column's header as the file writes it (离岗日期, not the template's 变动日期). A row empty in every column the kind reads (a\n\
         template's blank row with only 序号 filled in) and the header row repeated are counted\n\
         as empty rows. A cell holding a formula's error (`#N/A`), a formula whose result the file\n\
         does not hold (a file written by a tool that does not calculate: open and save it in\n\
         Excel or WPS first), a text column's number of more than 15 digits (Excel has changed its last digits), a two-digit year, or an invisible\n\
         character in the column that names the record is refused with its row and column.\n",
    );
    out.push_str(
        "\n## Dates in the timeline (导入的时间线日期)\n\n\
         Imported history carries the dates in the file, never the import day. Each step of a\n\
         record's timeline is dated by its own column; a step whose column is empty (or has no\n\
         column) takes the row's date of the nearest step (the earlier one on a tie). Only a row\n\
         that gives no step date at all is dated otherwise (a project: 计划开始/计划完成, else the\n\
         import day).\n\n\
         | kind | step | dated by |\n| --- | --- | --- |\n\
         | projects | 提出需求 | nearest of the dates below (no column of its own) |\n\
         | projects | 已认领 (and each claim's date) | 认领日期 |\n\
         | projects | 实施中 | 实际开始（开工日期） |\n\
         | projects | 已完成 | 实际完成（完成日期） |\n\
         | projects | 已评价 | 评价日期 |\n\
         | demands | 已受理 | 受理日期 |\n\
         | demands | 已交办, 办理中 | 交办日期 |\n\
         | demands | 已办结 | 办结日期 |\n\
         | demands | 已回访 | 回访日期 |\n\
         | people | first history row (入职) | 到岗日期 (else the import day) |\n\
         | contact-points | in force from / until | 开始日期 / 结束日期 |\n\
         | visits | the visit | 走访日期 |\n\n\
         A record imported again moves forward one step at a time (one timeline entry per\n\
         step, each dated as above); steps already in its timeline, and claims already\n\
         recorded, keep their dates.\n",
    );
    out.push_str(
        "\n## A flat 网格划分表 (组织架构 import)\n\n\
         The `units` import also reads the table offices keep: one row a grid, the levels\n\
         side by side and no 层级 column (社区 | 小区 | 基础网格 | 微网格, under any of the\n\
         headers `hierarchy::flat` lists: 村（社区）, 小区/自然村, 网格名称 …, a bracketed hint\n\
         left out as any import reads one, 小区（网格）名称 being 小区名称; at least two\n\
         levels, one of them a grid). Each row is spread into one row a unit, parents first,\n\
         each unit once; a 社区 left blank takes the one above (merged cells are read as\n\
         filled, and a row that names only units above and nothing else is a blank line).\n\
         四至范围, 户数, 人口, 设立日期 and 备注 go to the row's deepest unit; code\n\
         columns (社区代码, 网格编码 or 网格编号, 微网格编码 …) are read when present. Units already stored\n\
         are found by name under the same parent; new ones are numbered. Every problem names\n\
         the row of the office's own file, and the preview says what the table spread into\n\
         and which columns (网格长, 联系电话 …) were not read.\n",
    );
    for k in Kind::all() {
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
        "docs/IMPORT.md is out of date: run UPDATE_DOCS=1 cargo test -p gridledger-core --test it import_docs"
    );
}
