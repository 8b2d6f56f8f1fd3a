//! Excel in and out for the three lists' items (履职事项): one [`RecordKind`] on
//! the shared import machinery, and its export list. Columns are documented in
//! `docs/IMPORT.md`.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::duties::{self, DutyItem, DutyItemInput, DutyList};
use crate::sheets::import::{col, Column, RecordKind, RowCells, LISTED_ON};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, Problems, Refs};

pub struct DutyItems;

static DUTY_ITEM_COLUMNS: &[Column] = &[
    col(
        "list",
        "清单",
        &["清单类型", "事项类型"],
        true,
        false,
        "基本履职事项、配合履职事项或上级部门收回事项。县里下发的一个清单一张工作表、表名就是清单名的，可以不要这一列。",
        16.0,
    )
    // The county's workbook: a sheet a list, named by it (probe AF: refused for
    // lacking 清单).
    .or_from_title(&["基本履职事项", "配合履职事项", "上级部门收回事项"])
    .choose_from(&["基本履职事项", "配合履职事项", "上级部门收回事项"]),
    col(
        "field",
        "领域",
        &["所属领域"],
        true,
        false,
        "党的建设、经济发展、民生服务、平安法治、乡村振兴/城市管理或其他。",
        16.0,
    )
    .choose_from(&["党的建设", "经济发展", "民生服务", "平安法治", "乡村振兴/城市管理", "其他"]),
    col("number", "序号", &["编号"], false, true, "", 8.0),
    col(
        "name",
        "事项名称",
        &["事项", "名称", "履职事项"],
        true,
        false,
        "同一清单里同名的事项再次导入时更新。",
        28.0,
    ),
    col(
        "basis",
        "法律政策依据",
        &["依据", "政策依据"],
        false,
        false,
        "",
        30.0,
    ),
    col(
        "townshipRole",
        "乡镇职责",
        // 乡镇（街道）配合职责 reads 乡镇配合职责 (probe AF: ignored, its text lost).
        &["职责", "乡镇配合职责", "乡镇履职职责", "具体职责"],
        false,
        false,
        "",
        30.0,
    ),
    col(
        "leadDepartment",
        "牵头部门",
        &["牵头单位"],
        false,
        false,
        "配合履职事项必填。",
        16.0,
    ),
    col(
        "takenBackBy",
        "收回部门",
        &["收回单位"],
        false,
        false,
        "上级部门收回事项必填。",
        16.0,
    ),
    col(
        "takenBackOn",
        "收回日期",
        &["收回时间"],
        false,
        false,
        "上级部门收回事项必填，如 2024-03-01。",
        12.0,
    ),
    LISTED_ON,
    col("remark", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for DutyItems {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("list", crate::duties::DutyList::PAIRS),
        ("field", crate::duties::DutyField::PAIRS),
    ];
    const NAME: &'static str = "duty-items";
    const LABEL: &'static str = "履职事项";
    const ALIASES: &'static [&'static str] = &["履职事项", "三清单"];
    const WIZARD: Wizard = Wizard {
        label: "履职事项",
        unit: "项",
        template_name: "履职事项清单导入模板.xlsx",
        example: "乡镇履职事项清单.xlsx",
    };
    const KEY_COLUMN: &'static str = "name";
    const KEY_WITH: &'static [&'static str] = &["list"];
    type Parsed = DutyItemInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = DUTY_ITEM_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<DutyItemInput, Problems> {
        let mut input = DutyItemInput {
            list: row.get("list").into(),
            field: row.get("field").into(),
            number: row.get("number").into(),
            name: row.get("name").into(),
            basis: row.get("basis").into(),
            township_role: row.get("townshipRole").into(),
            lead_department: row.get("leadDepartment").into(),
            taken_back_by: row.get("takenBackBy").into(),
            taken_back_on: row.get("takenBackOn").into(),
            listed_on: row.get("listedOn").into(),
            remark: row.get("remark").into(),
        };
        let before = existing_item(conn, &input).map_err(in_column::<Self>(&[], "name"))?;
        // A column the file lacks keeps what the stored item has: a county's list
        // gives no 依据 or 列入日期 (probe AH: every row of a stored item refused).
        if let Some(b) = &before {
            let keep = |key: &str, field: &mut String, stored: &str| {
                if !row.has(key) {
                    *field = stored.to_string();
                }
            };
            keep("field", &mut input.field, b.field.label());
            keep("number", &mut input.number, &b.number);
            keep("basis", &mut input.basis, &b.basis);
            keep("townshipRole", &mut input.township_role, &b.township_role);
            keep(
                "leadDepartment",
                &mut input.lead_department,
                &b.lead_department,
            );
            keep("takenBackBy", &mut input.taken_back_by, &b.taken_back_by);
            keep(
                "takenBackOn",
                &mut input.taken_back_on,
                b.taken_back_on.as_deref().unwrap_or(""),
            );
            keep(
                "listedOn",
                &mut input.listed_on,
                b.listed_on.as_deref().unwrap_or(""),
            );
            keep("remark", &mut input.remark, &b.remark);
        }
        duties::checked_duty_item(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "name"))?;
        Ok(input)
    }
    fn key(p: &DutyItemInput) -> String {
        let list = DutyList::find(&p.list).map_or("", |l| l.as_str());
        format!("{list}\u{1f}{}", p.name.trim())
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &DutyItemInput) -> Result<Option<String>> {
        Ok(existing_item(conn, p)?.map(|d| d.id))
    }
    crate::sheets::rows::through!(duties::checked_duty_item);

    /// A 序号 the list would carry twice once the file is in (the file's rows and
    /// the stored items it leaves as they are): said before importing, as the list
    /// is printed as the office's 目录.
    fn file_note(conn: &Connection, rows: &[(&DutyItemInput, bool)]) -> Option<String> {
        let in_file: Vec<(DutyList, &str, &str)> = rows
            .iter()
            .filter_map(|(p, _)| {
                DutyList::find(&p.list).map(|l| (l, p.number.as_str(), p.name.trim()))
            })
            .collect();
        let stored = duties::duty_items(conn).ok()?;
        let kept = stored.iter().filter(|d| {
            !in_file
                .iter()
                .any(|(l, _, name)| *l == d.list && *name == d.name)
        });
        let kept: Vec<&duties::DutyItemView> = kept.collect();
        // A list the file gives five or more items of is likely the county's new
        // list: the items it leaves out stay (probe AF: 46 old items kept beside the
        // new ones, nothing said, and the new version read 删除 0 项).
        let left: Vec<String> = DutyList::ALL
            .iter()
            .filter_map(|list| {
                let given = in_file.iter().filter(|(l, ..)| l == list).count();
                let out: Vec<&str> = kept
                    .iter()
                    .filter(|d| d.list == *list)
                    .map(|d| d.name.as_str())
                    .collect();
                (given >= 5 && !out.is_empty()).then(|| {
                    format!(
                        "文件里有{} {given} 项，清单里另有 {} 项不在文件里（{}），导入后仍保留。",
                        list.label(),
                        out.len(),
                        crate::base::fields::first_few(&out, 3)
                    )
                })
            })
            .collect();
        let left = (!left.is_empty()).then(|| {
            format!(
                "{}导入只新增和修改，不会删除。县里下发的是新的完整清单的，导入后请在“三清单”里删除不再列入的事项（删除的进回收站），再发布新版本。",
                left.concat()
            )
        });
        let taken = duties::numbers_taken(
            in_file.iter().copied().chain(
                kept.iter()
                    .map(|d| (d.list, d.number.as_str(), d.name.as_str())),
            ),
        );
        if taken.is_empty() {
            return left;
        }
        let said: Vec<String> = taken
            .iter()
            .take(5)
            .map(|((list, number), names)| {
                format!("{}序号 {number}（{}）", list.label(), names.join("、"))
            })
            .collect();
        Some(format!(
            "{}导入后有 {} 个序号重复：{}{}。清单按序号打印成目录，请在文件或清单里改正。",
            left.unwrap_or_default(),
            taken.len(),
            said.join("；"),
            if taken.len() > said.len() { "等" } else { "" }
        ))
    }
}

fn existing_item(conn: &Connection, p: &DutyItemInput) -> Result<Option<DutyItem>> {
    match DutyList::find(&p.list) {
        Some(list) => duties::find_on_list(conn, list, &p.name),
        None => Ok(None),
    }
}

pub fn export_rows(conn: &Connection, kind: &str, _today: NaiveDate) -> Result<Option<ListRows>> {
    if kind != "duty-items" {
        return Ok(None);
    }
    let rows = duties::duty_items(conn)?
        .into_iter()
        .map(|d| {
            vec![
                d.list_label.into(),
                d.field_label.into(),
                d.number,
                d.name,
                d.basis,
                d.township_role,
                d.lead_department,
                d.taken_back_by,
                d.taken_back_on.unwrap_or_default(),
                d.listed_on.unwrap_or_default(),
                d.remark,
            ]
        })
        .collect();
    Ok(Some(("履职事项", DUTY_ITEM_COLUMNS, rows)))
}
