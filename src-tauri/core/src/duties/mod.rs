//! 乡镇履职事项清单 (目录三清单, issue 15): the items of a township's three lists,
//! 基本履职事项 (its own duties), 配合履职事项 (duties it assists a department with)
//! and 上级部门收回事项 (duties a higher department has taken back). Each item is a
//! ledger document; the lists are counted in the report (`lists.*`).

pub mod sheets;
pub mod versions;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, required, text_field};
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// Which of the three lists an item is on.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum DutyList: "list", "清单" {
        #[default]
        Basic("basic", "基本履职事项", "基本履职", "基本"),
        Assisting("assisting", "配合履职事项", "配合履职", "配合"),
        TakenBack("taken_back", "上级部门收回事项", "收回事项", "收回"),
    }
}

labelled_enum! {
    /// The field (领域) an item belongs to.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum DutyField: "field", "领域" {
        Party("party", "党的建设", "党建"),
        Economy("economy", "经济发展", "经济"),
        Livelihood("livelihood", "民生服务", "民生"),
        Safety("safety", "平安法治", "平安", "法治"),
        RuralUrban("rural_urban", "乡村振兴/城市管理", "乡村振兴", "城市管理"),
        #[default]
        Other("other", "其他"),
    }
}

/// One item of a list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DutyItem {
    pub id: String,
    pub owner_code: String,
    pub list: DutyList,
    pub field: DutyField,
    /// 序号/编号 as the list prints it.
    pub number: String,
    pub name: String,
    /// 法律政策依据.
    pub basis: String,
    /// 乡镇职责.
    pub township_role: String,
    /// 牵头部门 (required on the assisting list).
    pub lead_department: String,
    /// The department that took the item back (taken-back list).
    pub taken_back_by: String,
    /// Since when (taken-back list), YYYY-MM-DD.
    pub taken_back_on: Option<String>,
    /// 列入日期 (YYYY-MM-DD): since when the item is on its list. A past period
    /// counts it from this day, or, when not given, from the day it was entered
    /// ([`listed_from`]): an item added today leaves the third quarter as reported.
    pub listed_on: Option<String>,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

impl DutyItem {
    /// The day (YYYY-MM-DD) a stock of its list counts it from: a taken-back item
    /// from its 收回日期 ([`counts_on`]), any other from its 列入日期, else from the
    /// day it was entered.
    pub fn listed_from(&self) -> Option<String> {
        match self.list {
            DutyList::TakenBack => None,
            _ => Some(crate::base::period::since_or_entered(
                self.listed_on.as_deref(),
                &self.created_at,
            )),
        }
    }
}

document!(DutyItem, "duty_items", "履职事项", [], |s| format!(
    "{}“{}”",
    s.list.label(),
    s.name
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DutyItemInput {
    pub list: String,
    pub field: String,
    pub number: String,
    pub name: String,
    pub basis: String,
    pub township_role: String,
    pub lead_department: String,
    pub taken_back_by: String,
    pub taken_back_on: String,
    pub listed_on: String,
    pub remark: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DutyItemView {
    pub id: String,
    pub list: DutyList,
    pub list_label: &'static str,
    pub field: DutyField,
    pub field_label: &'static str,
    pub number: String,
    pub name: String,
    pub basis: String,
    pub township_role: String,
    pub lead_department: String,
    pub taken_back_by: String,
    pub taken_back_on: Option<String>,
    pub listed_on: Option<String>,
    pub remark: String,
    /// The other items of its list printed with the same 序号, by name: the list
    /// is printed as the office's 目录, where each number stands once.
    pub same_number: Vec<String>,
}

fn view(d: DutyItem, same_number: Vec<String>) -> DutyItemView {
    DutyItemView {
        same_number,
        list_label: d.list.label(),
        field_label: d.field.label(),
        id: d.id,
        list: d.list,
        field: d.field,
        number: d.number,
        name: d.name,
        basis: d.basis,
        township_role: d.township_role,
        lead_department: d.lead_department,
        taken_back_by: d.taken_back_by,
        taken_back_on: d.taken_back_on,
        listed_on: d.listed_on,
        remark: d.remark,
    }
}

/// Orders numbers as people read them: 2 before 10, then as text.
fn number_key(n: &str) -> (u64, String) {
    let digits: String = n.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(u64::MAX), n.to_string())
}

/// Every item, by list, then number, then name.
pub fn duty_items(conn: &Connection) -> Result<Vec<DutyItemView>> {
    let mut items = ledger::list::<DutyItem>(conn)?;
    items.sort_by(|a, b| {
        a.list
            .cmp(&b.list)
            .then_with(|| number_key(&a.number).cmp(&number_key(&b.number)))
            .then_with(|| a.name.cmp(&b.name))
    });
    let taken = numbers_taken(
        items
            .iter()
            .map(|d| (d.list, d.number.as_str(), d.name.as_str())),
    );
    Ok(items
        .into_iter()
        .map(|d| {
            let others = others_numbered(&taken, &d);
            view(d, others)
        })
        .collect())
}

/// The names on each (list, 序号), for the numbers written on more than one item.
type Taken = BTreeMap<(DutyList, String), Vec<String>>;

/// Of `items` (list, 序号, name), the numbers written more than once on a list,
/// with the names that carry them.
pub(crate) fn numbers_taken<'a>(
    items: impl Iterator<Item = (DutyList, &'a str, &'a str)>,
) -> Taken {
    let mut by: Taken = BTreeMap::new();
    for (list, number, name) in items {
        let number = number.trim();
        if !number.is_empty() {
            by.entry((list, number.to_string()))
                .or_default()
                .push(name.trim().to_string());
        }
    }
    by.retain(|_, names| names.len() > 1);
    by
}

fn others_numbered(taken: &Taken, d: &DutyItem) -> Vec<String> {
    taken
        .get(&(d.list, d.number.trim().to_string()))
        .map(|names| names.iter().filter(|n| **n != d.name).cloned().collect())
        .unwrap_or_default()
}

/// A saved item's view as the list shows it, naming the others of its list with
/// its 序号.
fn saved(conn: &Connection, d: DutyItem) -> Result<DutyItemView> {
    duty_items(conn)?
        .into_iter()
        .find(|v| v.id == d.id)
        .ok_or_else(|| Error::NotFound(format!("履职事项“{}”", d.name)))
}

/// The stored item on `list` named `name`, if any.
pub(crate) fn find_on_list(
    conn: &Connection,
    list: DutyList,
    name: &str,
) -> Result<Option<DutyItem>> {
    let name = name.trim();
    Ok(ledger::list_by_json::<DutyItem>(conn, "$.name", name)?
        .into_iter()
        .find(|d| d.list == list))
}

pub(crate) fn checked_duty_item(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&DutyItem>,
    input: &DutyItemInput,
) -> Result<DutyItem> {
    let list = DutyList::parse(&input.list)?;
    let field = DutyField::parse(&input.field)?;
    let name = required("name", "事项名称", &input.name, 100)?;
    let number = text_field("number", "序号", &input.number, 20)?;
    let basis = text_field("basis", "法律政策依据", &input.basis, 2000)?;
    let township_role = text_field("townshipRole", "乡镇职责", &input.township_role, 2000)?;
    let lead_department = text_field("leadDepartment", "牵头部门", &input.lead_department, 60)?;
    let taken_back_by = text_field("takenBackBy", "收回部门", &input.taken_back_by, 60)?;
    let taken_back_on = date_field("takenBackOn", "收回日期", &input.taken_back_on)?;
    let listed_on = date_field("listedOn", "列入日期", &input.listed_on)?;
    check_not_future("listedOn", "列入日期", listed_on.as_deref(), ctx.today())?;
    let remark = text_field("remark", "备注", &input.remark, 500)?;
    if list == DutyList::Assisting && lead_department.is_empty() {
        return Err(Error::validation(
            "leadDepartment",
            "配合履职事项请填写牵头部门。",
        ));
    }
    if list == DutyList::TakenBack {
        if taken_back_by.is_empty() {
            return Err(Error::validation(
                "takenBackBy",
                "上级部门收回事项请填写收回部门。",
            ));
        }
        if taken_back_on.is_none() {
            return Err(Error::validation(
                "takenBackOn",
                "上级部门收回事项请填写收回日期。",
            ));
        }
    }
    let except = before.map_or("", |b| b.id.as_str());
    if let Some(other) = find_on_list(conn, list, &name)? {
        if other.id != except {
            return Err(Error::Conflict {
                field: Some("name"),
                message: format!("{}里已经有名为“{name}”的事项。", list.label()),
            });
        }
    }
    let now = ctx.stamp();
    Ok(DutyItem {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        list,
        field,
        number,
        name,
        basis,
        township_role,
        lead_department,
        taken_back_by: if list == DutyList::TakenBack {
            taken_back_by
        } else {
            String::new()
        },
        taken_back_on: if list == DutyList::TakenBack {
            taken_back_on
        } else {
            None
        },
        listed_on,
        remark,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_duty_item(tx: &Tx, input: &DutyItemInput) -> Result<DutyItemView> {
    let d = ledger::upsert(tx, None, input, checked_duty_item)?;
    saved(tx, d)
}

pub fn update_duty_item(tx: &Tx, id: &str, input: &DutyItemInput) -> Result<DutyItemView> {
    let d = ledger::upsert(tx, Some(id), input, checked_duty_item)?;
    saved(tx, d)
}

/// Deletes an item into the recycle bin.
pub fn delete_duty_item(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<DutyItem>(tx, id)
}

/// Whether an item counts on `as_of`: a taken-back item from its date on.
pub fn counts_on(d: &DutyItem, as_of: NaiveDate) -> bool {
    match (&d.list, &d.taken_back_on) {
        (DutyList::TakenBack, Some(on)) => on.as_str() <= as_of.to_string().as_str(),
        _ => true,
    }
}

pub static DUTY_ITEMS: Def = Def {
    imports: &[&Sheet::<sheets::DutyItems>::NEW],
    exports: &[Export::of::<sheets::DutyItems>(sheets::export_rows)],
    report_keys: &[
        "lists.basic_duties",
        "lists.assisting_duties",
        "lists.taken_back",
    ],
    ..Def::ledger::<DutyItem>()
};
