//! 网格划分调整 (grids split, merged, redrawn): a period already reported counts as
//! it did. A unit counts from its own 设立日期 (a micro grid moved under a grid set
//! up later keeps its past), and a unit merged away or dropped is 撤销 on a day
//! rather than deleted: it leaves the tree and every list, and still counts in the
//! periods before that day ([`DissolvedUnit`], a record kind that travels, so the
//! county counts a past period as the township did).

use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, text_field};
use crate::hierarchy::{self, attachments, get, Unit, TABLE};
use crate::sheets::kind::Kind;
use crate::store::ledger::{self, Document};
use crate::store::{Cached, Tx};
use rusqlite::{Connection, OptionalExtension};

/// 已撤销的单位: a unit as it was when 撤销, with the day and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DissolvedUnit {
    #[serde(flatten)]
    pub unit: Unit,
    /// 撤销日期 (YYYY-MM-DD): counted in the periods before this day, not from it.
    pub dissolved_on: String,
    /// 撤销说明: what became of it (并入梧桐雅苑第二网格), the document (文号).
    pub dissolve_note: String,
}

impl DissolvedUnit {
    /// Whether it stood on `day` (YYYY-MM-DD): set up by then and not yet 撤销.
    pub fn stood_on(&self, day: &str) -> bool {
        self.unit.set_up_by(day) && day < self.dissolved_on.as_str()
    }
}

// The document's own fields are the unit's (`id`, `ownerCode`, …).
impl Document for DissolvedUnit {
    const TABLE: &'static str = "dissolved_units";
    const LABEL: &'static str = "已撤销的单位";
    fn id(&self) -> &str {
        &self.unit.id
    }
    fn owner_code(&self) -> &str {
        &self.unit.owner_code
    }
    fn created_at(&self) -> &str {
        &self.unit.created_at
    }
    fn updated_at(&self) -> &str {
        &self.unit.updated_at
    }
    fn summary(&self) -> String {
        format!(
            "{}（{}，{} 撤销）",
            self.unit.describe(),
            self.unit.code,
            self.dissolved_on
        )
    }
}

/// What the clerk enters to 撤销 a unit.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DissolveInput {
    pub dissolved_on: String,
    pub note: String,
}

/// The kinds whose records stand in a unit now rather than tell its past: a unit
/// is 撤销 only once they are moved (its grid workers 调岗, its 多格合一 mappings,
/// its compound's 三亮 branch, a 联系点, a 共建单位's pairing), as are those whose
/// table names units by a foreign key ([`names_units`]).
const STANDING_IN_A_UNIT: &[&str] = &[
    "people",
    "business_grids",
    "party_branches",
    "contact_points",
    "partner_units",
];

/// Whether `table`'s rows name a unit by a foreign key (a 大党委's village, a
/// 联系点's unit, a 整治 entry's unit …): they cannot outlive it in `units`, so they
/// move first too.
fn names_units(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_list(?1) WHERE \"table\" = 'units')",
        )?
        .query_row([table], |r| r.get(0))?)
}

/// Why unit `id` cannot be 撤销 now (what stands in it), as [`dissolve`] would
/// refuse it; `None` when it can. The window asks before its question. What stands
/// in it moves first; its history (检查记录, 走访, 诉求, 培训 …) stays with it, each
/// record keeping the name it was entered under.
pub fn refusal(conn: &Connection, id: &str, kinds: &[&dyn Kind]) -> Result<Option<String>> {
    let unit = get(conn, id)?;
    let mut current: Vec<&dyn Kind> = Vec::new();
    for k in kinds {
        if STANDING_IN_A_UNIT.contains(&k.table()) || names_units(conn, k.table())? {
            current.push(*k);
        }
    }
    let mut attached = attachments(conn, id, &current)?;
    // What a deletion takes along (a compound's 党支部和三亮记录) would leave the
    // periods it counted in: moved or removed first, knowingly.
    for k in kinds {
        let Some(g) = k.goes_with().filter(|g| g.parent == TABLE) else {
            continue;
        };
        let n: i64 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM {} WHERE json_extract(json, '$.{}') = ?1",
                k.table(),
                g.field
            ))?
            .query_row([id], |r| r.get(0))?;
        if n > 0 {
            attached.push(format!("{n} 条{}", g.label));
        }
    }
    Ok((!attached.is_empty()).then(|| {
        format!(
            "{}下还有 {}，不能撤销。请先把下级单位移到保留的单位下、把人员调岗（变动日期填调整的那一天）、在“多格合一”中移除对应关系，其他记录改到别的单位，再撤销“{}”。",
            unit.describe(),
            attached.join("，"),
            unit.name
        )
    }))
}

/// 撤销 unit `id` on a day: it leaves the tree and every list, and still counts in
/// the periods before that day. Refused while a unit is under it or anything
/// stands in it now ([`STANDING_IN_A_UNIT`]: its grid workers are 调岗 and its micro
/// grids moved first; the records of its past stay),
/// for a day in the future, or for one not after its 设立日期.
pub fn dissolve(
    tx: &Tx,
    id: &str,
    input: &DissolveInput,
    kinds: &[&dyn Kind],
) -> Result<DissolvedUnit> {
    let unit = get(tx, id)?;
    let on = date_field("dissolvedOn", "撤销日期", &input.dissolved_on)?
        .ok_or_else(|| Error::validation("dissolvedOn", "请填写撤销日期（调整生效的那一天）。"))?;
    check_not_future("dissolvedOn", "撤销日期", Some(&on), tx.ctx.today())?;
    if let Some(set_up) = unit.established_on.as_deref().filter(|d| on.as_str() <= *d) {
        let advice = if on.as_str() == set_up {
            "设立当天就撤销的单位，请直接删除。".to_string()
        } else {
            format!("请填 {set_up} 以后的日期。")
        };
        return Err(Error::validation(
            "dissolvedOn",
            format!("撤销日期 {on} 不晚于它的设立日期 {set_up}。{advice}"),
        ));
    }
    // A unit below it 撤销 later stood under it until then.
    let later: Option<DissolvedUnit> = dissolved(tx)?
        .into_iter()
        .find(|d| d.unit.parent_id.as_deref() == Some(id) && d.dissolved_on.as_str() > on.as_str());
    if let Some(d) = later {
        return Err(Error::validation(
            "dissolvedOn",
            format!(
                "它下面的{}到 {} 才撤销：撤销日期不能早于这一天。请填 {} 或以后的日期。",
                d.unit.describe(),
                d.dissolved_on,
                d.dissolved_on
            ),
        ));
    }
    let note = text_field("note", "撤销说明", &input.note, 200)?;
    if let Some(why) = refusal(tx, id, kinds)? {
        return Err(Error::Refused(why));
    }
    let gone = DissolvedUnit {
        unit: Unit {
            updated_at: tx.ctx.stamp(),
            ..unit.clone()
        },
        dissolved_on: on,
        dissolve_note: note,
    };
    tx.exec("DELETE FROM units WHERE id = ?1", [id])?;
    ledger::write_row(tx, &gone)?;
    tx.log_change(
        TABLE,
        id,
        "dissolve",
        Some(&serde_json::to_value(&unit)?),
        Some(&serde_json::to_value(&gone)?),
    )?;
    Ok(gone)
}

/// The units 撤销 at this office, latest first.
pub fn dissolved(conn: &Connection) -> Result<Vec<DissolvedUnit>> {
    let mut all: Vec<DissolvedUnit> = ledger::list(conn)?;
    all.sort_by(|a, b| {
        b.dissolved_on
            .cmp(&a.dissolved_on)
            .then(a.unit.code.cmp(&b.unit.code))
    });
    Ok(all)
}

/// The unit 撤销 at office `owner` under `code`, other than `except_id`: one
/// cached lookup (every row of a unit import asks).
pub fn with_code(
    conn: &Connection,
    owner: &str,
    code: &str,
    except_id: &str,
) -> Result<Option<DissolvedUnit>> {
    let json: Option<String> = conn
        .prepare_cached(
            "SELECT json FROM dissolved_units WHERE owner_code = ?1
               AND json_extract(json, '$.code') = ?2 AND id <> ?3 LIMIT 1",
        )?
        .query_row(rusqlite::params![owner, code, except_id], |r| r.get(0))
        .optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(Error::from))
        .transpose()
}

/// Takes a 撤销 back (entered by mistake): the unit is in the tree again, under its
/// parent, with its code and name, as a deleted one comes back from the recycle bin.
pub fn reinstate(tx: &Tx, id: &str) -> Result<Unit> {
    let gone: DissolvedUnit = ledger::get(tx, id)?;
    let mut unit = gone.unit.clone();
    unit.updated_at = tx.ctx.stamp();
    hierarchy::check_back(tx, &unit, "取消撤销")?;
    hierarchy::insert_row(tx, &unit)?;
    tx.exec("DELETE FROM dissolved_units WHERE id = ?1", [id])?;
    let back = get(tx, id)?;
    tx.log_change(
        TABLE,
        id,
        "reinstate",
        Some(&serde_json::to_value(&gone)?),
        Some(&serde_json::to_value(&back)?),
    )?;
    Ok(back)
}

/// A package from before 2.12 counted a unit without a 设立日期 of its own (or an
/// earlier one) from the latest one above it: its units are given that date, so
/// they count as their sender counted them (what migration 0033 did to the units
/// held here).
pub fn inherit_established(units: &mut [Unit]) {
    let by_id: std::collections::HashMap<String, (Option<String>, Option<String>)> = units
        .iter()
        .map(|u| {
            (
                u.id.clone(),
                (u.parent_id.clone(), u.established_on.clone()),
            )
        })
        .collect();
    for u in units.iter_mut() {
        let mut latest = u.established_on.clone();
        let mut at = u.parent_id.clone();
        // A unit is at most three levels below its village.
        for _ in 0..4 {
            let Some((parent, date)) = at.as_ref().and_then(|p| by_id.get(p)) else {
                break;
            };
            if date.is_some() && (latest.is_none() || *date > latest) {
                latest = date.clone();
            }
            at = parent.clone();
        }
        u.established_on = latest;
    }
}

/// The kind: it travels (a county counts a township's past periods with it); never
/// in the recycle bin (a 撤销 is taken back with [`reinstate`]).
pub static DISSOLVED_UNITS: crate::sheets::kind::Def = crate::sheets::kind::Def {
    fields: hierarchy::FIELDS,
    values: &[
        ("areaType", hierarchy::AreaType::PAIRS),
        ("kind", hierarchy::UnitKind::PAIRS),
    ],
    ..crate::sheets::kind::Def::ledger::<DissolvedUnit>()
};
