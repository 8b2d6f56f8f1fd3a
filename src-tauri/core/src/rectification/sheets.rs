//! Excel in and out for the clean-up registers: one [`RecordKind`] generic over the
//! register (`Rows<Plaque>` …) whose columns are the shared ones plus the
//! register's own, and the re-checks' sheet. Columns are documented in
//! `docs/IMPORT.md`.

use std::collections::HashMap;
use std::marker::PhantomData;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::base::identity::mask_id_number;
use crate::hierarchy::sheets::unit_by;
use crate::hierarchy::UnitKind;
use crate::rectification::{
    self, Certificate, EntryInput, Mechanism, Plaque, Recheck, RecheckInput, Reg, Register,
    Secondment,
};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{applied, ctx_for, in_column, yes_no, Problems, Refs};
use crate::store::ledger;
use crate::store::Tx;

const UNIT: Column = col(
    "unit",
    "村/社区",
    &["所在村/社区", "村社区", "村（社区）", "挂牌地点", "所在地"],
    true,
    false,
    "村/社区的名称或代码。",
    14.0,
);
const BASIS: Column = col(
    "basis",
    "依据",
    &["保留依据", "设立依据", "政策依据"],
    false,
    false,
    "",
    24.0,
);
const RESULT_DATE: Column = col(
    "resultDate",
    "处理日期",
    &["日期", "摘除日期", "撤销日期", "取消日期", "结果日期"],
    false,
    false,
    "填了处理结果就必填，如 2025-06-30。",
    12.0,
);
const REMARK: Column = col("remark", "备注", &[], false, false, "", 20.0);

const MECHANISM_COLUMNS: &[Column] = &[
    col(
        "name",
        "机制名称",
        &["名称", "机制"],
        true,
        false,
        "同一村/社区里同名的再次导入时更新。",
        26.0,
    ),
    UNIT,
    col(
        "category",
        "机制类型",
        &["类型"],
        false,
        false,
        "委员会、领导小组或工作机制，空着算工作机制。",
        12.0,
    )
    .choose_from(&["委员会", "领导小组", "工作机制"]),
    col(
        "department",
        "设立部门",
        &["设立单位", "部门"],
        false,
        false,
        "",
        16.0,
    ),
    col(
        "decision",
        "处理结果",
        &["处理", "结果"],
        false,
        false,
        "保留、整合或撤销；空着表示待认定。回头看发现反弹、重新打开的记录导出为“反弹待重新认定”，原样导入不改变。",
        10.0,
    )
    .choose_from(&["保留", "整合", "撤销"]),
    RESULT_DATE,
    BASIS,
    REMARK,
];

const PLAQUE_COLUMNS: &[Column] = &[
    col(
        "name",
        "牌子名称",
        &["名称", "牌子", "挂牌名称"],
        true,
        false,
        "同一村/社区里同名的再次导入时更新。",
        26.0,
    ),
    UNIT,
    col(
        "department",
        "发牌部门",
        &["挂牌部门", "部门"],
        true,
        false,
        "",
        16.0,
    ),
    col(
        "decision",
        "处理结果",
        &["处理", "结果"],
        false,
        false,
        "保留或摘除；空着表示待认定。回头看发现反弹、重新打开的记录导出为“反弹待重新认定”，原样导入不改变。",
        10.0,
    )
    .choose_from(&["保留", "摘除"]),
    RESULT_DATE,
    col(
        "basis",
        "保留依据",
        &["依据"],
        false,
        false,
        "处理结果为“保留”的必填。",
        24.0,
    ),
    REMARK,
];

const CERTIFICATE_COLUMNS: &[Column] = &[
    col(
        "name",
        "证明事项名称",
        &["名称", "证明事项", "证明"],
        true,
        false,
        "同一村/社区里同名的再次导入时更新。",
        26.0,
    ),
    UNIT,
    col(
        "department",
        "要求出具部门",
        &["要求部门", "部门"],
        true,
        false,
        "",
        16.0,
    ),
    col(
        "basis",
        "依据",
        &["设立依据", "保留依据"],
        false,
        false,
        "处理结果为“保留”的必填。",
        24.0,
    ),
    col(
        "decision",
        "处理结果",
        &["处理", "结果"],
        false,
        false,
        "保留或取消；空着表示待认定。回头看发现反弹、重新打开的记录导出为“反弹待重新认定”，原样导入不改变。",
        10.0,
    )
    .choose_from(&["保留", "取消"]),
    RESULT_DATE,
    col(
        "issuedThisYear",
        "今年出具数量",
        &["出具数量", "今年出具"],
        false,
        false,
        "保留的证明事项今年出具了多少份。",
        10.0,
    ),
    col(
        "issuedYear",
        "出具年度",
        &["出具年份"],
        false,
        false,
        "出具数量是哪一年的，如 2026；空着时，数量有改动的记为今年，没改动的保持原来的年度。",
        10.0,
    ),
    REMARK,
];

const SECONDMENT_COLUMNS: &[Column] = &[
    col("name", "姓名", &[], true, false, "", 10.0),
    col(
        "idNumber",
        "身份证号码",
        &["身份证号", "公民身份号码"],
        true,
        true,
        "18 位；与人员库中的人自动关联。",
        22.0,
    ),
    col(
        "unit",
        "派出村/社区",
        &["派出单位", "村/社区"],
        false,
        false,
        "从乡镇（街道）机关借调的，填“乡镇（街道）机关”或空着。",
        14.0,
    ),
    col(
        "department",
        "借调单位",
        &["借入单位", "借调到"],
        true,
        false,
        "",
        18.0,
    ),
    col(
        "startDate",
        "借调开始日期",
        &["开始日期"],
        true,
        false,
        "如 2025-03-01。",
        12.0,
    ),
    col(
        "endDate",
        "借调结束日期",
        &["结束日期", "期满日期"],
        true,
        false,
        "借调期满的日期。",
        12.0,
    ),
    col(
        "approved",
        "经准入",
        &["是否准入", "规范借调准入"],
        false,
        false,
        "是否经县规范借调准入批准：是或否。",
        8.0,
    )
    .choose_from(&["是", "否"]),
    col(
        "approvalNumber",
        "准入文号",
        &["批准文号", "文号"],
        false,
        false,
        "经准入的必填。",
        18.0,
    ),
    col(
        "decision",
        "处理结果",
        &["处理", "结果"],
        false,
        false,
        "借调结束、人已返回的填“结束借调”回头看发现反弹、重新打开的记录导出为“反弹待重新认定”，原样导入不改变。",
        10.0,
    )
    .choose_from(&["结束借调"]),
    col(
        "resultDate",
        "结束借调日期",
        &["返回日期"],
        false,
        false,
        "",
        12.0,
    ),
    REMARK,
];

const fn wizard(
    label: &'static str,
    unit: &'static str,
    template_name: &'static str,
    example: &'static str,
) -> Wizard {
    Wizard {
        label,
        unit,
        template_name,
        example,
    }
}

/// Each register's sheet: its aliases, wizard texts and columns.
pub trait HasSheet: Reg {
    const ALIASES: &'static [&'static str];
    const WIZARD: Wizard;
    const SHEET_COLUMNS: &'static [Column];
}

/// `HasSheet` for each register: (type, aliases, label, unit, template file, export file,
/// columns).
macro_rules! has_sheet {
    ($($reg:ty: [$($alias:literal),*], $label:literal, $unit:literal, $template:literal,
       $export:literal, $columns:expr;)*) => {$(
        impl HasSheet for $reg {
            const ALIASES: &'static [&'static str] = &[$($alias),*];
            const WIZARD: Wizard = wizard($label, $unit, $template, $export);
            const SHEET_COLUMNS: &'static [Column] = $columns;
        }
    )*};
}

has_sheet! {
    Mechanism: ["工作机制", "机制"], "工作机制", "个",
        "工作机制清理导入模板.xlsx", "村级工作机制清理台账.xlsx", MECHANISM_COLUMNS;
    Plaque: ["挂牌", "牌子"], "挂牌", "块",
        "挂牌清理导入模板.xlsx", "村级挂牌清理台账.xlsx", PLAQUE_COLUMNS;
    Certificate: ["证明事项", "证明"], "证明事项", "项",
        "证明事项清理导入模板.xlsx", "村级证明事项清理台账.xlsx", CERTIFICATE_COLUMNS;
    Secondment: ["借调人员", "借调"], "借调人员", "人",
        "借调人员导入模板.xlsx", "借调人员台账.xlsx", SECONDMENT_COLUMNS;
}

/// The import sheet of register `R`.
pub struct Rows<R>(PhantomData<fn() -> R>);

pub struct Parsed {
    pub input: EntryInput,
    /// Register-specific identity (name + unit, or ID number + start).
    key: String,
}

fn unit_id(
    conn: &Connection,
    register: Register,
    row: &RowCells,
) -> std::result::Result<String, Problems> {
    let text = row.get("unit");
    if register == Register::Secondments && names_the_township_organ(text) {
        return Ok(String::new());
    }
    unit_by(conn, UnitKind::Village, text, None)
        .map(|u| u.id)
        .map_err(|m| vec![("unit", m)])
}

/// A 派出村/社区 cell that means the township's own organ: empty, or as the list and
/// the form say it (乡镇（街道）机关, in either brackets or none, 乡镇机关, 街道机关,
/// 机关). Only a secondment comes from there.
fn names_the_township_organ(text: &str) -> bool {
    let bare: String = text
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')' | ' ' | '\u{3000}'))
        .collect();
    matches!(
        bare.as_str(),
        "" | "乡镇街道机关" | "乡镇机关" | "街道机关" | "机关" | "乡镇街道"
    )
}

/// The stored entry a row updates: same name and unit (借调人员: same ID number and
/// start date), looked up by the field the register indexes (`Reg::KEY_PATH`).
fn existing_of<R: Reg>(conn: &Connection, input: &EntryInput, key: &str) -> Result<Option<R>> {
    Ok(
        ledger::list_by_json::<R>(conn, R::KEY_PATH, R::input_key(input))?
            .into_iter()
            .find(|r| key_of(r) == key),
    )
}

fn key_of<R: Reg>(r: &R) -> String {
    let any: &dyn std::any::Any = r;
    match any.downcast_ref::<Secondment>() {
        Some(s) => format!("{}\u{1f}{}", s.id_number, s.start_date),
        None => format!(
            "{}\u{1f}{}",
            r.entry().unit_id.as_deref().unwrap_or(""),
            r.entry().name
        ),
    }
}

impl<R: HasSheet> Rows<R> {
    fn parse_row(
        conn: &Connection,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<Parsed, Problems> {
        let register = R::REGISTER;
        let mut input = EntryInput {
            name: row.get("name").into(),
            unit_id: unit_id(conn, register, row)?,
            department: row.get("department").into(),
            decision: row.get("decision").into(),
            basis: row.get("basis").into(),
            result_date: row.get("resultDate").into(),
            remark: row.get("remark").into(),
            category: row.get("category").into(),
            issued_this_year: row.get("issuedThisYear").into(),
            issued_year: row.get("issuedYear").into(),
            person_id: String::new(),
            id_number: row.get("idNumber").into(),
            start_date: row.get("startDate").into(),
            end_date: row.get("endDate").into(),
            approved: yes_no("approved", row.get("approved"))?,
            approval_number: row.get("approvalNumber").into(),
        };
        // A number for a secondment not approved would be dropped without a word.
        if register == Register::Secondments && !input.approved && !input.approval_number.is_empty()
        {
            return Err(vec![(
                "approvalNumber",
                "未经准入的借调没有准入文号：如已经准入，请在“经准入”填“是”；否则请清空这一格。"
                    .into(),
            )]);
        }
        let ctx = ctx_for(today);
        let renames: &'static [(&'static str, &'static str)] =
            &[("unitId", "unit"), ("personId", "idNumber")];
        // Which stored entry the row is: for a secondment by its ID number (a masked
        // one, as exported, matches the stored entry of that person and start).
        let key = if register == Register::Secondments {
            let start =
                crate::base::fields::date_field("startDate", "借调开始日期", &input.start_date)
                    .map_err(in_column::<Self>(renames, "startDate"))?
                    .unwrap_or_default();
            let raw = input.id_number.trim().to_string();
            let number = if raw.contains('*') {
                ledger::list_by_json::<Secondment>(conn, "$.name", input.name.trim())
                    .map_err(in_column::<Self>(renames, "idNumber"))?
                    .into_iter()
                    .find(|s| s.start_date == start && mask_id_number(&s.id_number) == raw)
                    .map(|s| s.id_number)
                    .ok_or_else(|| {
                        vec![(
                            "idNumber",
                            "身份证号码是打码的（含 *），只能用于更新已登记的同一人同一开始日期的借调。新登记请填写完整号码。"
                                .to_string(),
                        )]
                    })?
            } else {
                crate::base::identity::check_id_number(&raw, today)
                    .map_err(in_column::<Self>(renames, "idNumber"))?
                    .0
            };
            input.id_number = number.clone();
            format!("{number}\u{1f}{start}")
        } else {
            format!("{}\u{1f}{}", input.unit_id, input.name.trim())
        };
        let before =
            existing_of::<R>(conn, &input, &key).map_err(in_column::<Self>(renames, "name"))?;
        rectification::checked::<R>(conn, &ctx, before.as_ref(), &input).map_err(in_column::<
            Self,
        >(
            renames, "name",
        ))?;
        Ok(Parsed { input, key })
    }
}

impl<R: HasSheet> RecordKind for Rows<R> {
    const NAME: &'static str = R::TABLE;
    const LABEL: &'static str = R::LABEL;
    const ALIASES: &'static [&'static str] = R::ALIASES;
    const WIZARD: Wizard = R::WIZARD;
    const KEY_COLUMN: &'static str = "name";
    type Parsed = Parsed;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = R::SHEET_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<Parsed, Problems> {
        Self::parse_row(conn, row, today)
    }
    fn key(p: &Parsed) -> String {
        p.key.clone()
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &Parsed) -> Result<Option<String>> {
        Ok(existing_of::<R>(conn, &p.input, &p.key)?.map(|r| r.record_id().to_string()))
    }
    crate::sheets::rows::through!(rectification::checked::<R>, input);
}

// ---------------------------------------------------------------------------
// 回头看

pub struct Rechecks;

static RECHECK_COLUMNS: &[Column] = &[
    col(
        "register",
        "整治台账",
        &["台账", "类别"],
        true,
        false,
        "工作机制、挂牌、证明事项或借调人员。",
        12.0,
    )
    .choose_from(&["工作机制", "挂牌", "证明事项", "借调人员"]),
    col(
        "name",
        "对象名称",
        &["名称", "对象", "姓名"],
        true,
        false,
        "所回头看的机制、牌子、证明事项名称或借调人员姓名。",
        24.0,
    ),
    col(
        "unit",
        "村/社区",
        &["所在村/社区"],
        false,
        false,
        "同名的对象不止一个时填写。",
        14.0,
    ),
    col(
        "date",
        "回头看日期",
        &["日期"],
        true,
        false,
        "如 2025-09-15。同一对象同一天的再次导入时更新发现情况。",
        12.0,
    ),
    col(
        "found",
        "发现情况",
        &["情况", "检查情况"],
        true,
        false,
        "",
        30.0,
    ),
    col(
        "rebound",
        "是否反弹",
        &["反弹"],
        false,
        false,
        "是：该对象重新打开，待重新认定。",
        8.0,
    )
    .choose_from(&["是", "否"]),
    REMARK,
];

pub struct RecheckParsed {
    input: RecheckInput,
}

fn existing_recheck(conn: &Connection, p: &RecheckInput) -> Result<Option<Recheck>> {
    Ok(ledger::list_by::<Recheck>(conn, "entry_id", &p.entry_id)?
        .into_iter()
        .find(|c| c.date == p.date))
}

impl RecordKind for Rechecks {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("register", crate::rectification::Register::PAIRS),
        ("previousDecision", crate::rectification::Decision::PAIRS),
    ];
    const STORED_IN: &'static str =
        <crate::rectification::Recheck as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "rechecks";
    const LABEL: &'static str = "回头看";
    const ALIASES: &'static [&'static str] = &["回头看", "专项整治回头看"];
    const WIZARD: Wizard = crate::wizard!("回头看", "次", "专项整治回头看记录.xlsx");
    const KEY_COLUMN: &'static str = "name";
    const KEY_WITH: &'static [&'static str] = &["register", "unit", "date"];
    type Parsed = RecheckParsed;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = RECHECK_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<RecheckParsed, Problems> {
        let register =
            Register::parse(row.get("register")).map_err(|e| vec![("register", e.to_string())])?;
        let unit = match row.get("unit") {
            text if register == Register::Secondments && names_the_township_organ(text) => None,
            "" => None,
            text => Some(
                unit_by(conn, UnitKind::Village, text, None)
                    .map_err(|m| vec![("unit", m)])?
                    .id,
            ),
        };
        let name = row.get("name");
        if name.is_empty() {
            return Err(vec![("name", "请填写对象名称。".into())]);
        }
        let found = rectification::find_entry(conn, register, name, unit.as_deref())
            .map_err(|e| vec![("name", e.to_string())])?;
        let entry_id = match found.as_slice() {
            [(id, _)] => id.clone(),
            [] => {
                return Err(vec![(
                    "name",
                    format!(
                        "{}台账里没有“{name}”。请先登记它，或检查名称和村/社区。",
                        register.label()
                    ),
                )])
            }
            many => {
                return Err(vec![(
                    "unit",
                    format!(
                        "{}台账里名为“{name}”的有 {} 条，请填写村/社区区分。",
                        register.label(),
                        many.len()
                    ),
                )])
            }
        };
        let input = RecheckInput {
            register: register.as_str().into(),
            entry_id,
            date: crate::base::fields::date_field("date", "回头看日期", row.get("date"))
                .map_err(|e| vec![("date", e.to_string())])?
                .unwrap_or_default(),
            found: row.get("found").into(),
            rebound: yes_no("rebound", row.get("rebound"))?,
            remark: row.get("remark").into(),
        };
        // A new rebound is checked against its entry as stored below, and again on
        // apply (an earlier row of the same file may have changed the entry).
        if input.date.as_str() > today.to_string().as_str() {
            return Err(vec![(
                "date",
                format!("回头看日期“{}”晚于今天，请核对。", input.date),
            )]);
        }
        if input.date.is_empty() {
            return Err(vec![("date", "请填写回头看日期。".into())]);
        }
        if input.found.trim().is_empty() {
            return Err(vec![("found", "请填写发现情况。".into())]);
        }
        match existing_recheck(conn, &input).map_err(|e| vec![("date", e.to_string())])? {
            Some(before) if before.rebound != input.rebound => {
                return Err(vec![(
                    "rebound",
                    "这次回头看已经登记，是否反弹不能修改。请在软件中删除后重新登记。".into(),
                )]);
            }
            Some(_) => {}
            // A new one against its entry as stored: a rebound of an entry not
            // decided is refused here, naming the row (it failed the whole import).
            None => {
                if let Some(e) = rectification::recheck_refusal(conn, &ctx_for(today), &input) {
                    let column = match e.field() {
                        Some("date") => "date",
                        Some("found") => "found",
                        _ => "rebound",
                    };
                    return Err(vec![(column, e.to_string())]);
                }
                // A second new rebound of one entry in the file: the first reopens
                // it, so this one would fail the whole import on apply.
                if input.rebound {
                    if let Some(first) = refs.take("rebound", &input.entry_id, row.row()) {
                        return Err(vec![(
                            "rebound",
                            format!(
                                "第 {first} 行已登记“{name}”反弹，一个对象重新认定前只能反弹一次。"
                            ),
                        )]);
                    }
                }
            }
        }
        Ok(RecheckParsed { input })
    }
    fn key(p: &RecheckParsed) -> String {
        format!("{}\u{1f}{}", p.input.entry_id, p.input.date)
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &RecheckParsed) -> Result<Option<String>> {
        Ok(existing_recheck(conn, &p.input)?.map(|c| c.id))
    }
    fn unchanged(conn: &Connection, p: &RecheckParsed, existing: &str, today: NaiveDate) -> bool {
        rectification::recheck_keeps(conn, existing, &p.input, &ctx_for(today))
    }

    fn apply(tx: &Tx, p: &RecheckParsed, existing: Option<&str>) -> Result<Applied> {
        applied::<Recheck>(tx, existing, |tx| {
            Ok(match existing {
                Some(id) => rectification::update_recheck(tx, id, &p.input)?.id,
                None => rectification::create_recheck(tx, &p.input)?.id,
            })
        })
    }
}

/// A register's list (or the re-checks) in its import columns.
pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    let register = match kind {
        "mechanisms" => Register::Mechanisms,
        "plaques" => Register::Plaques,
        "certificates" => Register::Certificates,
        "secondments" => Register::Secondments,
        "rechecks" => return recheck_rows(conn).map(Some),
        _ => return Ok(None),
    };
    let columns = match register {
        Register::Mechanisms => MECHANISM_COLUMNS,
        Register::Plaques => PLAQUE_COLUMNS,
        Register::Certificates => CERTIFICATE_COLUMNS,
        Register::Secondments => SECONDMENT_COLUMNS,
    };
    let rows = rectification::entries(conn, None, register, today)?
        .into_iter()
        .map(|v| {
            // The organ as the list says it (乡镇（街道）机关), which imports back.
            let unit = v.unit_name.clone();
            let mut cells: HashMap<&str, String> = HashMap::from([
                ("name", v.name),
                ("unit", unit),
                ("department", v.department),
                // A reopened entry as the list shows it (it read as 撤销 with no date,
                // counted as cleaned up in the file sent up); imported back unchanged.
                (
                    "decision",
                    if v.reopened_on.is_some() {
                        rectification::REOPENED.to_string()
                    } else {
                        v.decision_label.to_string()
                    },
                ),
                ("resultDate", v.result_date.unwrap_or_default()),
                ("basis", v.basis),
                ("remark", v.remark),
                ("category", v.category_label.to_string()),
                (
                    "issuedThisYear",
                    v.issued_this_year
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                ),
                (
                    "issuedYear",
                    v.issued_year.map(|y| y.to_string()).unwrap_or_default(),
                ),
                ("idNumber", v.id_number),
                ("startDate", v.start_date),
                ("endDate", v.end_date.unwrap_or_default()),
                ("approved", if v.approved { "是" } else { "否" }.to_string()),
                ("approvalNumber", v.approval_number),
            ]);
            columns
                .iter()
                .map(|c| cells.remove(c.key).unwrap_or_default())
                .collect()
        })
        .collect();
    Ok(Some((register.label(), columns, rows)))
}

fn recheck_rows(conn: &Connection) -> Result<ListRows> {
    let units = crate::hierarchy::names(conn)?;
    let mut unit_of: HashMap<String, String> = HashMap::new();
    for reg in Register::ALL {
        for v in rectification::entries(conn, None, reg, NaiveDate::MIN)? {
            if let Some(u) = &v.unit_id {
                unit_of.insert(v.id.clone(), units.get(u).cloned().unwrap_or_default());
            }
        }
    }
    let mut all = rectification::rechecks(conn, None)?;
    all.reverse();
    let rows = all
        .into_iter()
        .map(|c| {
            vec![
                c.register_label.to_string(),
                c.entry_name,
                unit_of.get(&c.entry_id).cloned().unwrap_or_default(),
                c.date,
                c.found,
                if c.rebound { "是" } else { "否" }.to_string(),
                c.remark,
            ]
        })
        .collect();
    Ok(("回头看", RECHECK_COLUMNS, rows))
}
