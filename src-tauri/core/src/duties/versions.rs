//! Versions of the three lists (issue 15 item 1): "a list has a version and a
//! published date; a new version replaces the old one and keeps it readable (what
//! changed: added, removed, reworded)". Publishing a version of a list records its
//! 版本号 and 发布日期 with a snapshot of the list's items as they stand (after an
//! import of the new list, or edits); the latest published is the current version.
//! Two versions are compared item by item ([`diff`]); the printable catalogue (目录)
//! groups a list's items by 领域.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::base::fields::{date_field, required, text_field};
use crate::duties::{self, DutyField, DutyItemView, DutyList};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::{new_id, office, Tx};

/// One item as a version holds it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VersionItem {
    pub field: DutyField,
    pub number: String,
    pub name: String,
    pub basis: String,
    pub township_role: String,
    pub lead_department: String,
    pub taken_back_by: String,
    pub taken_back_on: Option<String>,
}

impl VersionItem {
    fn of(d: &DutyItemView) -> VersionItem {
        VersionItem {
            field: d.field,
            number: d.number.clone(),
            name: d.name.clone(),
            basis: d.basis.clone(),
            township_role: d.township_role.clone(),
            lead_department: d.lead_department.clone(),
            taken_back_by: d.taken_back_by.clone(),
            taken_back_on: d.taken_back_on.clone(),
        }
    }
}

/// A published version of one list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DutyListVersion {
    pub id: String,
    pub owner_code: String,
    pub list: DutyList,
    /// 版本号, as the office names it (2025版, 第二版).
    pub version: String,
    /// 发布日期.
    pub published_on: String,
    pub note: String,
    pub items: Vec<VersionItem>,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    DutyListVersion,
    "duty_list_versions",
    "清单版本",
    [],
    |s| format!("{}（{}）", s.list.label(), s.version)
);

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PublishInput {
    pub list: String,
    pub version: String,
    pub published_on: String,
    pub note: String,
}

/// A version without its items, for the list of versions.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    pub id: String,
    pub list: DutyList,
    pub list_label: &'static str,
    pub version: String,
    pub published_on: String,
    pub note: String,
    pub items: usize,
    /// The latest published version of its list.
    pub current: bool,
    /// What changed from the version before it (none for the first).
    pub changes: Option<DiffCounts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffCounts {
    pub added: usize,
    pub removed: usize,
    pub reworded: usize,
}

/// An item whose wording changed: before and after, and which parts changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reworded {
    pub before: VersionItem,
    pub after: VersionItem,
    /// Labels of what changed: 事项名称, 序号, 领域, 法律政策依据 …
    pub changed: Vec<&'static str>,
}

/// What changed from one version (or list of items) to another.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    /// 新增.
    pub added: Vec<VersionItem>,
    /// 删除.
    pub removed: Vec<VersionItem>,
    /// 表述修改.
    pub reworded: Vec<Reworded>,
    /// Items the same in both.
    pub unchanged: usize,
}

impl Diff {
    pub fn counts(&self) -> DiffCounts {
        DiffCounts {
            added: self.added.len(),
            removed: self.removed.len(),
            reworded: self.reworded.len(),
        }
    }
}

fn changed(a: &VersionItem, b: &VersionItem) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |same: bool, label| {
        if !same {
            out.push(label);
        }
    };
    check(a.name == b.name, "事项名称");
    check(a.number == b.number, "序号");
    check(a.field == b.field, "领域");
    check(a.basis == b.basis, "法律政策依据");
    check(a.township_role == b.township_role, "乡镇职责");
    check(a.lead_department == b.lead_department, "牵头部门");
    check(a.taken_back_by == b.taken_back_by, "收回部门");
    check(a.taken_back_on == b.taken_back_on, "收回日期");
    out
}

/// Compares two versions' items: an item of the same name in both is the same item
/// (reworded when anything else changed); of those left, one with the same 序号 in
/// both is the same item renamed (reworded); the rest were added or removed.
pub fn diff(old: &[VersionItem], new: &[VersionItem]) -> Diff {
    let mut out = Diff::default();
    let mut old_left: Vec<Option<&VersionItem>> = old.iter().map(Some).collect();
    let mut new_left: Vec<&VersionItem> = Vec::new();
    for n in new {
        match old_left
            .iter_mut()
            .find(|o| o.is_some_and(|o| o.name == n.name))
        {
            Some(slot) => {
                let o = slot.take().unwrap_or(n);
                let c = changed(o, n);
                if c.is_empty() {
                    out.unchanged += 1;
                } else {
                    out.reworded.push(Reworded {
                        before: o.clone(),
                        after: n.clone(),
                        changed: c,
                    });
                }
            }
            None => new_left.push(n),
        }
    }
    for n in new_left {
        let by_number = (!n.number.trim().is_empty())
            .then(|| {
                old_left
                    .iter_mut()
                    .find(|o| o.is_some_and(|o| o.number == n.number))
            })
            .flatten();
        match by_number.and_then(|slot| slot.take()) {
            Some(o) => out.reworded.push(Reworded {
                before: o.clone(),
                after: n.clone(),
                changed: changed(o, n),
            }),
            None => out.added.push(n.clone()),
        }
    }
    out.removed = old_left.into_iter().flatten().cloned().collect();
    out
}

/// Every version, by list, newest first within a list (by 发布日期, then when it
/// was recorded).
fn all_versions(conn: &Connection) -> Result<Vec<DutyListVersion>> {
    let mut v = ledger::list::<DutyListVersion>(conn)?;
    v.sort_by(|a, b| {
        a.list
            .cmp(&b.list)
            .then_with(|| b.published_on.cmp(&a.published_on))
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
    Ok(v)
}

/// Every version of every list, newest first within a list, each with what changed
/// from the one before it.
pub fn versions(conn: &Connection) -> Result<Vec<VersionSummary>> {
    let all = all_versions(conn)?;
    Ok(all
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let previous = all.get(i + 1).filter(|p| p.list == v.list);
            VersionSummary {
                id: v.id.clone(),
                list: v.list,
                list_label: v.list.label(),
                version: v.version.clone(),
                published_on: v.published_on.clone(),
                note: v.note.clone(),
                items: v.items.len(),
                current: i == 0 || all[i - 1].list != v.list,
                changes: previous.map(|p| diff(&p.items, &v.items).counts()),
            }
        })
        .collect())
}

/// One version with its items (readable after it was replaced).
pub fn version(conn: &Connection, id: &str) -> Result<DutyListVersion> {
    ledger::get(conn, id)
}

/// What changed from version `from` to version `to` (both of the same list).
pub fn compare(conn: &Connection, from: &str, to: &str) -> Result<Diff> {
    let a: DutyListVersion = ledger::get(conn, from)?;
    let b: DutyListVersion = ledger::get(conn, to)?;
    if a.list != b.list {
        return Err(Error::validation(
            "to",
            format!(
                "只能比较同一清单的两个版本：“{}”是{}，“{}”是{}。",
                a.version,
                a.list.label(),
                b.version,
                b.list.label()
            ),
        ));
    }
    Ok(diff(&a.items, &b.items))
}

/// The list's items as they stand, compared with its current version: what a new
/// version would change (empty when none was published: everything is added).
pub fn pending_changes(conn: &Connection, list: DutyList) -> Result<Diff> {
    let now = current_items(conn, list)?;
    let base = all_versions(conn)?
        .into_iter()
        .find(|v| v.list == list)
        .map(|v| v.items)
        .unwrap_or_default();
    Ok(diff(&base, &now))
}

fn current_items(conn: &Connection, list: DutyList) -> Result<Vec<VersionItem>> {
    Ok(duties::duty_items(conn)?
        .iter()
        .filter(|d| d.list == list)
        .map(VersionItem::of)
        .collect())
}

/// Publishes a new version of a list: its 版本号 (unique within the list) and 发布日期,
/// with a snapshot of the list's items as they stand now. The latest published
/// version is the current one; earlier ones stay readable.
pub fn publish(tx: &Tx, input: &PublishInput) -> Result<VersionSummary> {
    let list = DutyList::parse(&input.list)?;
    let version = required("version", "版本号", &input.version, 40)?;
    let published_on = date_field("publishedOn", "发布日期", &input.published_on)?
        .ok_or_else(|| Error::validation("publishedOn", "请填写发布日期。"))?;
    // Recorded once published: a year typed 2027 became the current version and
    // refused every later one dated before it.
    let today = tx.ctx.today().format("%Y-%m-%d").to_string();
    if published_on > today {
        return Err(Error::validation(
            "publishedOn",
            format!(
                "发布日期 {published_on} 晚于今天（{today}）：清单发布了才登记，请填发布的那一天。"
            ),
        ));
    }
    let note = text_field("note", "说明", &input.note, 500)?;
    let all = all_versions(tx)?;
    if all.iter().any(|v| v.list == list && v.version == version) {
        return Err(Error::Conflict {
            field: Some("version"),
            message: format!("{}已经有版本“{version}”，请换一个版本号。", list.label()),
        });
    }
    if let Some(latest) = all.iter().find(|v| v.list == list) {
        if published_on < latest.published_on {
            return Err(Error::validation(
                "publishedOn",
                format!(
                    "发布日期不能早于当前版本“{}”的发布日期 {}。",
                    latest.version, latest.published_on
                ),
            ));
        }
    }
    let items = current_items(tx, list)?;
    if items.is_empty() {
        return Err(Error::Refused(format!(
            "{}还没有事项，请先导入或录入清单再发布版本。",
            list.label()
        )));
    }
    let now = tx.ctx.stamp();
    let v = DutyListVersion {
        id: new_id(),
        owner_code: office::require(tx)?.code,
        list,
        version,
        published_on,
        note,
        items,
        created_at: now.clone(),
        updated_at: now,
    };
    ledger::save(tx, &v)?;
    versions(tx)?
        .into_iter()
        .find(|s| s.id == v.id)
        .ok_or_else(|| Error::Internal("刚发布的版本没有找到".into()))
}

/// One 领域 of a list in the catalogue, with its items in 序号 order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueField {
    pub field: DutyField,
    pub label: &'static str,
    pub items: Vec<VersionItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueList {
    pub list: DutyList,
    pub label: &'static str,
    /// The current version (版本号, 发布日期), if one was published.
    pub version: Option<String>,
    pub published_on: Option<String>,
    /// Whether the items printed are the current version's (else the list as it
    /// stands, not yet published).
    pub published: bool,
    pub total: usize,
    pub fields: Vec<CatalogueField>,
}

/// The printable catalogue (目录三清单): each list's current version (or, before
/// any is published, its items as they stand), grouped by 领域 in the order offices
/// publish them.
pub fn catalogue(conn: &Connection) -> Result<Vec<CatalogueList>> {
    let versions = all_versions(conn)?;
    let mut out = Vec::new();
    for list in DutyList::ALL {
        let current = versions.iter().find(|v| v.list == list);
        let items = match current {
            Some(v) => v.items.clone(),
            None => current_items(conn, list)?,
        };
        let mut by_field: BTreeMap<DutyField, Vec<VersionItem>> = BTreeMap::new();
        for i in items.iter() {
            by_field.entry(i.field).or_default().push(i.clone());
        }
        out.push(CatalogueList {
            list,
            label: list.label(),
            version: current.map(|v| v.version.clone()),
            published_on: current.map(|v| v.published_on.clone()),
            published: current.is_some(),
            total: items.len(),
            fields: DutyField::ALL
                .iter()
                .filter_map(|f| {
                    by_field.remove(f).map(|items| CatalogueField {
                        field: *f,
                        label: f.label(),
                        items,
                    })
                })
                .collect(),
        });
    }
    Ok(out)
}
