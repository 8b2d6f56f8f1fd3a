//! 网格事项参考清单 (issue 15, item 2): what grid workers may be asked to do
//! (网格事项, set by the city, built by the county; entered or imported at the
//! township for now), which village or community claimed (认领) which item with the
//! date, and the load (负担) this puts on each base grid and grid worker.
//!
//! The load counts two sources: the items the grid's village claimed, and matters
//! admitted from outside the lists (准入) that are in force on the grid, its compound,
//! its village or the whole township. This module does not know admissions: the
//! second source comes in through [`FindOutsideMatters`] (see [`load`]), which the
//! caller fills: `admissions::outside_matters` in the app, [`NO_OUTSIDE_MATTERS`] for the list alone.

pub mod sheets;

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, text_field};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::people::{self, RoleKind, Status};
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::{self, Entry};
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// The category (类别) of a grid matter.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum MatterCategory: "category", "类别" {
        Contact("contact", "联系群众", "联系服务群众"),
        Publicity("publicity", "宣传政策", "政策宣传"),
        Mediation("mediation", "调解矛盾纠纷", "调解纠纷", "矛盾纠纷调解"),
        Patrol("patrol", "巡防走访", "巡查走访", "巡防"),
        #[default]
        Other("other", "其他"),
    }
}

/// One item of the grid matter reference list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GridMatter {
    pub id: String,
    pub owner_code: String,
    pub category: MatterCategory,
    pub name: String,
    /// 工作要求.
    pub requirement: String,
    /// 频次 (每月一次, 每周走访…), as the list says it.
    pub frequency: String,
    /// 列入日期 (YYYY-MM-DD): since when it is on the list; a past period counts it
    /// from this day, else from the day it was entered ([`GridMatter::listed_from`]).
    pub listed_on: Option<String>,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

impl GridMatter {
    /// The day (YYYY-MM-DD) the list's stock counts it from.
    pub fn listed_from(&self) -> String {
        crate::base::period::since_or_entered(self.listed_on.as_deref(), &self.created_at)
    }
}

document!(GridMatter, "grid_matters", "网格事项", [], |s| format!(
    "网格事项“{}”",
    s.name
));

/// A village or community's claim (认领) of one item, with the date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GridMatterClaim {
    pub id: String,
    pub owner_code: String,
    pub village_id: String,
    pub matter_id: String,
    /// 认领日期, YYYY-MM-DD.
    pub claimed_on: String,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    GridMatterClaim,
    "grid_matter_claims",
    "网格事项认领",
    ["village_id" => Some(s.village_id.clone()), "matter_id" => Some(s.matter_id.clone())],
    |s| format!("网格事项认领（{}）", s.claimed_on)
);

/// Whether a claim counts on `as_of`: from its date on.
pub fn claim_counts_on(c: &GridMatterClaim, as_of: NaiveDate) -> bool {
    c.claimed_on.as_str() <= as_of.format("%Y-%m-%d").to_string().as_str()
}

// ---------- grid matters ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GridMatterInput {
    pub category: String,
    pub name: String,
    pub requirement: String,
    pub frequency: String,
    pub listed_on: String,
    pub remark: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridMatterView {
    pub id: String,
    pub category: MatterCategory,
    pub category_label: &'static str,
    pub name: String,
    pub requirement: String,
    pub frequency: String,
    pub listed_on: Option<String>,
    pub remark: String,
    /// How many villages and communities hold a claim of it in force today, as
    /// 首页 and 统计 count them (a claim dated ahead made a list say 5 beside 4).
    pub claimed_by: usize,
    /// Claims of it dated after today, counted from their day.
    pub claimed_ahead: usize,
}

/// Every item, by category then name, with how many villages claimed each by
/// `today` (and how many from a day ahead).
pub fn grid_matters(conn: &Connection, today: NaiveDate) -> Result<Vec<GridMatterView>> {
    let mut claimed: HashMap<String, (usize, usize)> = HashMap::new();
    for c in ledger::list::<GridMatterClaim>(conn)? {
        let e = claimed.entry(c.matter_id.clone()).or_default();
        if claim_counts_on(&c, today) {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    let mut items = ledger::list::<GridMatter>(conn)?;
    items.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(items
        .into_iter()
        .map(|m| {
            let (now, ahead) = claimed.get(&m.id).copied().unwrap_or_default();
            view(m, now, ahead)
        })
        .collect())
}

fn view(m: GridMatter, claimed_by: usize, claimed_ahead: usize) -> GridMatterView {
    GridMatterView {
        claimed_by,
        claimed_ahead,
        category_label: m.category.label(),
        id: m.id,
        category: m.category,
        name: m.name,
        requirement: m.requirement,
        frequency: m.frequency,
        listed_on: m.listed_on,
        remark: m.remark,
    }
}

/// The stored item named `name`, if any.
pub(crate) fn find_matter(conn: &Connection, name: &str) -> Result<Option<GridMatter>> {
    Ok(
        ledger::list_by_json::<GridMatter>(conn, "$.name", name.trim())?
            .into_iter()
            .next(),
    )
}

pub(crate) fn checked_grid_matter(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&GridMatter>,
    input: &GridMatterInput,
) -> Result<GridMatter> {
    let category = MatterCategory::parse(&input.category)?;
    let name = ledger::unique_name::<GridMatter>(conn, before, "事项名称", &input.name, 100)?;
    let requirement = text_field("requirement", "工作要求", &input.requirement, 2000)?;
    let frequency = text_field("frequency", "频次", &input.frequency, 40)?;
    let listed_on = date_field("listedOn", "列入日期", &input.listed_on)?;
    check_not_future("listedOn", "列入日期", listed_on.as_deref(), ctx.today())?;
    let remark = text_field("remark", "备注", &input.remark, 500)?;
    let now = ctx.stamp();
    Ok(GridMatter {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        category,
        name,
        requirement,
        frequency,
        listed_on,
        remark,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

fn matter_view(tx: &Tx, m: GridMatter) -> Result<GridMatterView> {
    let today = tx.ctx.today();
    let claims = ledger::list_by::<GridMatterClaim>(tx, "matter_id", &m.id)?;
    let (now, ahead): (Vec<_>, Vec<_>) = claims.iter().partition(|c| claim_counts_on(c, today));
    Ok(view(m, now.len(), ahead.len()))
}

pub fn create_grid_matter(tx: &Tx, input: &GridMatterInput) -> Result<GridMatterView> {
    let m = ledger::upsert(tx, None, input, checked_grid_matter)?;
    matter_view(tx, m)
}

pub fn update_grid_matter(tx: &Tx, id: &str, input: &GridMatterInput) -> Result<GridMatterView> {
    let m = ledger::upsert(tx, Some(id), input, checked_grid_matter)?;
    matter_view(tx, m)
}

/// Deletes an item into the recycle bin. Refused while a village's claim names it:
/// a claim is the village's own record, which a clerk removing an item from the
/// list should not lose without seeing it (cancel the claims first).
pub fn delete_grid_matter(tx: &Tx, id: &str) -> Result<Entry> {
    let m: GridMatter = ledger::get(tx, id)?;
    let claims = ledger::list_by::<GridMatterClaim>(tx, "matter_id", id)?;
    if !claims.is_empty() {
        let names = village_names(tx, claims.iter().map(|c| c.village_id.as_str()))?;
        return Err(Error::Refused(format!(
            "网格事项“{}”已有 {} 个村/社区认领（{}），不能删除。请先在“认领”中取消这些认领后再删除。",
            m.name,
            claims.len(),
            crate::base::fields::first_few(&names, 3)
        )));
    }
    ledger::delete::<GridMatter>(tx, id)
}

fn village_names<'a>(conn: &Connection, ids: impl Iterator<Item = &'a str>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for id in ids {
        out.push(
            hierarchy::find(conn, id)?
                .map(|u| u.name)
                .unwrap_or_else(|| id.to_string()),
        );
    }
    Ok(out)
}

// ---------- claims ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimInput {
    pub village_id: String,
    pub matter_id: String,
    pub claimed_on: String,
    pub remark: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    pub id: String,
    pub village_id: String,
    pub village_code: String,
    pub village_name: String,
    pub matter_id: String,
    pub matter_name: String,
    pub claimed_on: String,
    pub remark: String,
}

/// The claim of `matter_id` by `village_id`, if any.
pub(crate) fn find_claim(
    conn: &Connection,
    village_id: &str,
    matter_id: &str,
) -> Result<Option<GridMatterClaim>> {
    Ok(
        ledger::list_by::<GridMatterClaim>(conn, "village_id", village_id)?
            .into_iter()
            .find(|c| c.matter_id == matter_id),
    )
}

pub(crate) fn checked_claim(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&GridMatterClaim>,
    input: &ClaimInput,
) -> Result<GridMatterClaim> {
    let village = match hierarchy::find(conn, input.village_id.trim())? {
        Some(u) if u.kind == UnitKind::Village => u,
        Some(u) => {
            return Err(Error::validation(
                "villageId",
                format!("{}不是村/社区：认领网格事项的是村或社区。", u.describe()),
            ))
        }
        None => {
            return Err(Error::validation(
                "villageId",
                "请选择认领的村/社区（所选的可能已被删除，请刷新后再试）。",
            ))
        }
    };
    let matter: GridMatter = ledger::find(conn, input.matter_id.trim())?.ok_or_else(|| {
        Error::validation(
            "matterId",
            "请选择认领的网格事项（所选的可能已被删除，请刷新后再试）。",
        )
    })?;
    let claimed_on = date_field("claimedOn", "认领日期", &input.claimed_on)?
        .ok_or_else(|| Error::validation("claimedOn", "请填写认领日期，如 2025-03-01。"))?;
    let remark = text_field("remark", "备注", &input.remark, 500)?;
    if let Some(other) = find_claim(conn, &village.id, &matter.id)? {
        if before.is_none_or(|b| b.id != other.id) {
            return Err(Error::Conflict {
                field: Some("matterId"),
                message: format!(
                    "{}已于 {} 认领网格事项“{}”，同一事项只认领一次。",
                    village.describe(),
                    other.claimed_on,
                    matter.name
                ),
            });
        }
    }
    let now = ctx.stamp();
    Ok(GridMatterClaim {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        village_id: village.id,
        matter_id: matter.id,
        claimed_on,
        remark,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

fn claim_view(conn: &Connection, c: GridMatterClaim) -> Result<ClaimView> {
    let village = hierarchy::find(conn, &c.village_id)?;
    let matter: Option<GridMatter> = ledger::find(conn, &c.matter_id)?;
    Ok(ClaimView {
        village_code: village.as_ref().map(|u| u.code.clone()).unwrap_or_default(),
        village_name: village.map(|u| u.name).unwrap_or_default(),
        matter_name: matter.map(|m| m.name).unwrap_or_default(),
        id: c.id,
        village_id: c.village_id,
        matter_id: c.matter_id,
        claimed_on: c.claimed_on,
        remark: c.remark,
    })
}

/// Every claim, by village code, then item name.
pub fn claims(conn: &Connection) -> Result<Vec<ClaimView>> {
    let units: HashMap<String, Unit> = hierarchy::list(conn)?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    let matters: HashMap<String, GridMatter> = ledger::list::<GridMatter>(conn)?
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect();
    let mut out: Vec<ClaimView> = ledger::list::<GridMatterClaim>(conn)?
        .into_iter()
        .map(|c| {
            let v = units.get(&c.village_id);
            ClaimView {
                village_code: v.map(|u| u.code.clone()).unwrap_or_default(),
                village_name: v.map(|u| u.name.clone()).unwrap_or_default(),
                matter_name: matters
                    .get(&c.matter_id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                id: c.id,
                village_id: c.village_id,
                matter_id: c.matter_id,
                claimed_on: c.claimed_on,
                remark: c.remark,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.village_code
            .cmp(&b.village_code)
            .then_with(|| a.matter_name.cmp(&b.matter_name))
    });
    Ok(out)
}

pub fn create_claim(tx: &Tx, input: &ClaimInput) -> Result<ClaimView> {
    let c = ledger::upsert(tx, None, input, checked_claim)?;
    claim_view(tx, c)
}

pub fn update_claim(tx: &Tx, id: &str, input: &ClaimInput) -> Result<ClaimView> {
    let c = ledger::upsert(tx, Some(id), input, checked_claim)?;
    claim_view(tx, c)
}

/// Cancels a claim (取消认领): into the recycle bin, named by village and item.
pub fn delete_claim(tx: &Tx, id: &str) -> Result<Entry> {
    let c: GridMatterClaim = ledger::get(tx, id)?;
    let v = claim_view(tx, c.clone())?;
    tx.execute("DELETE FROM grid_matter_claims WHERE id = ?1", [id])?;
    let summary = format!(
        "{}认领网格事项“{}”（{}）",
        v.village_name, v.matter_name, c.claimed_on
    );
    recycle::discard(
        tx,
        GridMatterClaim::TABLE,
        GridMatterClaim::LABEL,
        id,
        &summary,
        &c,
    )
}

/// Puts a cancelled claim back, unless the village has claimed the item again since.
fn restore_claim(tx: &Tx, payload: &serde_json::Value) -> Result<()> {
    let c: GridMatterClaim = serde_json::from_value(payload.clone())?;
    if let Some(other) = find_claim(tx, &c.village_id, &c.matter_id)? {
        if other.id != c.id {
            return Err(Error::Refused(format!(
                "这个村/社区已于 {} 重新认领了该事项，不需要恢复。",
                other.claimed_on
            )));
        }
    }
    ledger::restore::<GridMatterClaim>(tx, payload)
}

/// What claims still name a unit (for refusing its deletion).
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<GridMatterClaim>(conn, "village_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 项网格事项认领")))
}

// ---------- the claim matrix ----------

/// One column of the matrix: an item.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixMatter {
    pub id: String,
    pub name: String,
    pub category_label: &'static str,
    /// How many villages claimed it.
    pub villages: usize,
}

/// One cell that is claimed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixClaim {
    pub claim_id: String,
    pub claimed_on: String,
}

/// One row of the matrix: a village and its claim of each item (in the order of
/// [`ClaimMatrix::matters`]; `None` where it has not claimed it).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixVillage {
    pub id: String,
    pub code: String,
    pub name: String,
    pub label: &'static str,
    pub cells: Vec<Option<MatrixClaim>>,
    pub claimed: usize,
}

/// Which village claimed which item (village × item), and which claimed none.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimMatrix {
    pub matters: Vec<MatrixMatter>,
    pub villages: Vec<MatrixVillage>,
    /// Names of the villages and communities with no claim in force today, by code:
    /// a claim dated ahead counts from its day, as 首页 and 统计 count it (a screen
    /// said 全部 5 个 while they said 4).
    pub unclaimed: Vec<String>,
    /// Of them, those holding a claim dated ahead, with its first day:
    /// 石塘村（自 2027-03-15 起）.
    pub claimed_ahead: Vec<String>,
}

/// The claim matrix over every claim held (whatever its date); who has none in
/// force on `today`.
pub fn claim_matrix(conn: &Connection, today: NaiveDate) -> Result<ClaimMatrix> {
    let items = grid_matters(conn, today)?;
    let col: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut villages: Vec<Unit> = hierarchy::list(conn)?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Village)
        .collect();
    villages.sort_by(|a, b| a.code.cmp(&b.code));
    let row: HashMap<String, usize> = villages
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.clone(), i))
        .collect();
    let mut rows: Vec<MatrixVillage> = villages
        .iter()
        .map(|u| MatrixVillage {
            id: u.id.clone(),
            code: u.code.clone(),
            name: u.name.clone(),
            label: u.label(),
            cells: vec![None; items.len()],
            claimed: 0,
        })
        .collect();
    // Per village: a claim in force today, and the first day of those ahead.
    let mut in_force = vec![false; rows.len()];
    let mut first_ahead: Vec<Option<String>> = vec![None; rows.len()];
    for c in ledger::list::<GridMatterClaim>(conn)? {
        if let (Some(&r), Some(&k)) = (row.get(&c.village_id), col.get(c.matter_id.as_str())) {
            if claim_counts_on(&c, today) {
                in_force[r] = true;
            } else if first_ahead[r].as_ref().is_none_or(|d| c.claimed_on < *d) {
                first_ahead[r] = Some(c.claimed_on.clone());
            }
            rows[r].cells[k] = Some(MatrixClaim {
                claim_id: c.id,
                claimed_on: c.claimed_on,
            });
            rows[r].claimed += 1;
        }
    }
    let unclaimed = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| !in_force[*i])
        .map(|(_, r)| r.name.clone())
        .collect();
    let claimed_ahead = rows
        .iter()
        .zip(in_force.iter().zip(&first_ahead))
        .filter_map(|(r, (now, ahead))| match (now, ahead) {
            (false, Some(d)) => Some(format!("{}（自 {d} 起）", r.name)),
            _ => None,
        })
        .collect();
    Ok(ClaimMatrix {
        matters: items
            .into_iter()
            .map(|m| MatrixMatter {
                id: m.id,
                name: m.name,
                category_label: m.category_label,
                villages: m.claimed_by,
            })
            .collect(),
        villages: rows,
        unclaimed,
        claimed_ahead,
    })
}

// ---------- load (负担) ----------

/// A matter from outside the lists in force on `as_of` (an admitted matter, 准入,
/// between 进入 and 退出), where it lands: `unit_id` is a base grid, a compound or a
/// village/community (then every base grid under it), or empty for the whole
/// township (every base grid).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutsideMatter {
    pub unit_id: String,
    pub name: String,
}

/// The outside matters in force on a day: the load's second source. Admissions (准入)
/// provide it (`admissions::outside_matters`, above this layer); the shell passes it
/// to [`load`].
pub type FindOutsideMatters = fn(&Connection, NaiveDate) -> Result<Vec<OutsideMatter>>;

/// No outside matters: the load of the list items alone.
pub const NO_OUTSIDE_MATTERS: FindOutsideMatters = |_, _| Ok(Vec::new());

/// The load of one base grid.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridLoad {
    pub grid_id: String,
    pub grid_code: String,
    pub grid_name: String,
    pub village_name: String,
    /// Items its village claimed (on or before the day).
    pub listed: usize,
    /// Outside matters in force on it.
    pub outside: usize,
    pub total: usize,
    /// The names of what it carries: list items, then outside matters.
    pub matters: Vec<String>,
    /// Its grid workers (在岗), by name.
    pub workers: Vec<String>,
}

/// The load of one grid worker: everything on any of their base grids, once.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkerLoad {
    pub person_id: String,
    pub name: String,
    pub grids: Vec<String>,
    pub listed: usize,
    pub outside: usize,
    pub total: usize,
    pub matters: Vec<String>,
}

/// Grids and grid workers with what they carry on a day, heaviest first.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    pub as_of: String,
    pub grids: Vec<GridLoad>,
    pub workers: Vec<WorkerLoad>,
}

/// The load on `as_of`: list items claimed by each grid's village plus the outside
/// matters `find_outside` says are in force (pass [`NO_OUTSIDE_MATTERS`] for none).
pub fn load(conn: &Connection, as_of: NaiveDate, find_outside: FindOutsideMatters) -> Result<Load> {
    let extra = find_outside(conn, as_of)?;
    load_with(conn, as_of, &extra)
}

/// [`load`] on the day a screen asks for (`as_of`, YYYY-MM-DD; empty means `today`).
pub fn load_on(
    conn: &Connection,
    as_of: &str,
    today: NaiveDate,
    find_outside: FindOutsideMatters,
) -> Result<Load> {
    let day = match date_field("asOf", "统计日期", as_of)? {
        Some(d) => NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map_err(|_| Error::validation("asOf", "统计日期无法识别，请填写如 2025-03-01。"))?,
        None => today,
    };
    load(conn, day, find_outside)
}

/// A base grid with its village and what it carries on a day: the list items its
/// village claimed and the outside matters in force on it or above it.
struct GridSets<'a> {
    grid: &'a Unit,
    village: Option<&'a Unit>,
    listed: BTreeSet<String>,
    outside: BTreeSet<String>,
}

/// Every base grid's [`GridSets`] on `as_of`.
fn grid_sets<'a>(
    conn: &Connection,
    units: &'a [Unit],
    by_id: &HashMap<&str, &'a Unit>,
    as_of: NaiveDate,
    extra: &[OutsideMatter],
) -> Result<Vec<GridSets<'a>>> {
    let matters: HashMap<String, GridMatter> = ledger::list::<GridMatter>(conn)?
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect();
    // Village → the names of the items it claimed by `as_of`.
    let mut claimed: HashMap<String, BTreeSet<String>> = HashMap::new();
    for c in ledger::list::<GridMatterClaim>(conn)? {
        if let Some(m) = matters.get(&c.matter_id) {
            if claim_counts_on(&c, as_of) {
                claimed
                    .entry(c.village_id.clone())
                    .or_default()
                    .insert(m.name.clone());
            }
        }
    }
    let mut grids = Vec::new();
    for g in units.iter().filter(|u| u.kind == UnitKind::BaseGrid) {
        let mut chain = vec![g.id.as_str()];
        let mut village: Option<&Unit> = None;
        let mut at = g.parent_id.as_deref();
        while let Some(u) = at.and_then(|id| by_id.get(id)) {
            chain.push(u.id.as_str());
            if u.kind == UnitKind::Village {
                village = Some(u);
                break;
            }
            at = u.parent_id.as_deref();
            if chain.len() > 8 {
                break;
            }
        }
        let listed = village
            .and_then(|v| claimed.get(&v.id))
            .cloned()
            .unwrap_or_default();
        let outside: BTreeSet<String> = extra
            .iter()
            .filter(|o| o.unit_id.is_empty() || chain.contains(&o.unit_id.as_str()))
            .map(|o| o.name.clone())
            .collect();
        grids.push(GridSets {
            grid: g,
            village,
            listed,
            outside,
        });
    }
    Ok(grids)
}

/// What 首页 shows of the grid workers' load (its 减负 panel): the figures of
/// [`load`]'s worker list (how many, their summed load, the heaviest: most matters,
/// then first by name), without building every worker's list of matters. At a
/// hundred thousand grid workers that list was three quarters of a second of start-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadSummary {
    /// The day counted (YYYY-MM-DD): 首页 says so beside a period that ended before it.
    pub as_of: String,
    /// Grid workers in post on at least one base grid.
    pub workers: usize,
    /// Their loads added up (the average is this over `workers`).
    pub sum: usize,
    pub heaviest: Heaviest,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heaviest {
    /// The first of them by name.
    pub name: String,
    pub total: usize,
    /// How many grid workers carry `total` (1 when no one else does).
    pub tied: usize,
}

/// [`LoadSummary`] of the load today; `None` when no grid worker sits on a base grid.
pub fn load_summary(
    conn: &Connection,
    as_of: NaiveDate,
    find_outside: FindOutsideMatters,
) -> Result<Option<LoadSummary>> {
    let extra = find_outside(conn, as_of)?;
    let units = hierarchy::list(conn)?;
    let by_id: HashMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let grids = grid_sets(conn, &units, &by_id, as_of, &extra)?;
    let index: HashMap<&str, usize> = grids
        .iter()
        .enumerate()
        .map(|(i, g)| (g.grid.id.as_str(), i))
        .collect();
    // People by their row's number, as roles name them (0027).
    let left: HashSet<i64> = conn
        .prepare_cached(people::NOT_IN_POST_NOW)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let total_on = |on: &[usize]| -> usize {
        if let [i] = *on {
            return grids[i].listed.len() + grids[i].outside.len();
        }
        let listed: BTreeSet<&String> = on.iter().flat_map(|&i| &grids[i].listed).collect();
        let outside: BTreeSet<&String> = on.iter().flat_map(|&i| &grids[i].outside).collect();
        listed.len() + outside.len()
    };
    // Grid workers through the role index alone (it holds the unit), in person order:
    // a person's base grids arrive together. Names are read only for the heaviest.
    let (mut workers, mut sum, mut most, mut at_most) = (0usize, 0usize, 0usize, 0usize);
    // People on several base grids (few) with their load: theirs is a union.
    let mut several: Vec<(i64, usize)> = Vec::new();
    let mut finish = |person: i64, on: &[usize]| {
        if on.is_empty() || left.contains(&person) {
            return;
        }
        let total = total_on(on);
        workers += 1;
        sum += total;
        if total > most || at_most == 0 {
            (most, at_most) = (total, 0);
        }
        if total == most {
            at_most += 1;
        }
        if on.len() > 1 {
            several.push((person, total));
        }
    };
    let mut st = conn.prepare_cached(
        "SELECT r.person, u.id FROM person_roles r JOIN units u ON u.rowid = r.unit
         WHERE r.role = 'grid_worker' ORDER BY r.person",
    )?;
    let mut rows = st.query([])?;
    let mut current: i64 = 0;
    // The person's base grids, each once (a handful; reused, never reallocated).
    let mut on: Vec<usize> = Vec::new();
    while let Some(r) = rows.next()? {
        let person: i64 = r.get(0)?;
        if person != current {
            finish(current, &on);
            on.clear();
            current = person;
        }
        let unit = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(&i) = index.get(unit) {
            if !on.contains(&i) {
                on.push(i);
            }
        }
    }
    finish(current, &on);
    drop(rows);
    if workers == 0 {
        return Ok(None);
    }
    // The heaviest by name. Anyone on a grid carrying `most` carries `most` (a union
    // is never less than its part): when they are many, walk the names in order to
    // the first of them; when few, read theirs. Then those on several grids whose
    // union makes `most`.
    let top: Vec<&str> = grids
        .iter()
        .filter(|g| g.listed.len() + g.outside.len() == most)
        .map(|g| g.grid.id.as_str())
        .collect();
    let mut names: Vec<String> = Vec::new();
    if !top.is_empty() {
        let ids = serde_json::to_string(&top)?;
        let sql = if at_most * 50 >= workers {
            "SELECT p.name FROM people p WHERE p.status = 'active' AND EXISTS (
                 SELECT 1 FROM person_roles x WHERE x.person = p.rowid
                 AND x.role = 'grid_worker'
                 AND x.unit IN (SELECT rowid FROM units WHERE id IN (SELECT value FROM json_each(?1))))
             ORDER BY p.name LIMIT 1"
        } else {
            "SELECT min(p.name) FROM person_roles x JOIN people p ON p.rowid = x.person
             WHERE +x.role = 'grid_worker' AND p.status = 'active'
             AND x.unit IN (SELECT rowid FROM units WHERE id IN (SELECT value FROM json_each(?1)))"
        };
        let name: Option<String> = conn
            .prepare_cached(sql)?
            .query_row([ids], |r| r.get(0))
            .optional()?
            .flatten();
        names.extend(name);
    }
    let mut name_of = conn.prepare_cached("SELECT name FROM people WHERE rowid = ?1")?;
    for (row, total) in &several {
        if *total == most {
            names.push(name_of.query_row([row], |r| r.get(0))?);
        }
    }
    let summary = Some(LoadSummary {
        as_of: as_of.to_string(),
        workers,
        sum,
        heaviest: Heaviest {
            name: names.into_iter().min().unwrap_or_default(),
            total: most,
            tied: at_most,
        },
    });
    Ok(summary)
}

/// The load on `as_of` with the outside matters given.
pub fn load_with(conn: &Connection, as_of: NaiveDate, extra: &[OutsideMatter]) -> Result<Load> {
    let units = hierarchy::list(conn)?;
    let by_id: HashMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    // Grid workers in post, by grid.
    let mut workers_of: HashMap<&str, Vec<String>> = HashMap::new();
    let people: Vec<people::Person> = people::all(conn)?
        .into_iter()
        .filter(|p| p.status == Status::Active)
        .collect();
    let grid_ids_of = |p: &people::Person| -> Vec<String> {
        let mut seen = BTreeSet::new();
        p.roles
            .iter()
            .filter(|r| r.role == RoleKind::GridWorker)
            .flat_map(|r| r.unit_ids.iter().cloned())
            .filter(|id| {
                by_id
                    .get(id.as_str())
                    .is_some_and(|u| u.kind == UnitKind::BaseGrid)
            })
            .filter(|id| seen.insert(id.clone()))
            .collect::<Vec<String>>()
    };
    for p in &people {
        for g in grid_ids_of(p) {
            if let Some(u) = by_id.get(g.as_str()) {
                workers_of
                    .entry(u.id.as_str())
                    .or_default()
                    .push(p.name.clone());
            }
        }
    }
    // What each base grid carries: (list items, outside matters).
    let mut per_grid: HashMap<&str, (BTreeSet<String>, BTreeSet<String>)> = HashMap::new();
    let mut grids = Vec::new();
    for GridSets {
        grid: g,
        village,
        listed,
        outside,
    } in grid_sets(conn, &units, &by_id, as_of, extra)?
    {
        let mut workers = workers_of.get(g.id.as_str()).cloned().unwrap_or_default();
        workers.sort();
        grids.push(GridLoad {
            grid_id: g.id.clone(),
            grid_code: g.code.clone(),
            grid_name: g.name.clone(),
            village_name: village.map(|v| v.name.clone()).unwrap_or_default(),
            listed: listed.len(),
            outside: outside.len(),
            total: listed.len() + outside.len(),
            matters: listed.iter().chain(outside.iter()).cloned().collect(),
            workers,
        });
        per_grid.insert(g.id.as_str(), (listed, outside));
    }
    grids.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.grid_code.cmp(&b.grid_code))
    });
    let mut workers = Vec::new();
    for p in &people {
        let ids = grid_ids_of(p);
        if ids.is_empty() {
            continue;
        }
        let mut listed = BTreeSet::new();
        let mut outside = BTreeSet::new();
        let mut names = Vec::new();
        for id in &ids {
            if let Some((l, o)) = per_grid.get(id.as_str()) {
                listed.extend(l.iter().cloned());
                outside.extend(o.iter().cloned());
            }
            if let Some(u) = by_id.get(id.as_str()) {
                names.push(u.name.clone());
            }
        }
        workers.push(WorkerLoad {
            person_id: p.id.clone(),
            name: p.name.clone(),
            grids: names,
            listed: listed.len(),
            outside: outside.len(),
            total: listed.len() + outside.len(),
            matters: listed.iter().chain(outside.iter()).cloned().collect(),
        });
    }
    workers.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
    Ok(Load {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        grids,
        workers,
    })
}

// ---------- kinds (listed in crate::kinds) ----------

pub static GRID_MATTERS: Def = Def {
    imports: &[&Sheet::<sheets::GridMatters>::NEW],
    exports: &[Export::of::<sheets::GridMatters>(sheets::export_rows)],
    report_keys: &["gridlist.items"],
    restore: |tx, v| {
        ledger::restore_checked::<GridMatter>(tx, v, |c, d| {
            ledger::restore_name_free(c, d, &d.name)
        })
    },
    ..Def::ledger::<GridMatter>()
};

pub static GRID_MATTER_CLAIMS: Def = Def {
    fields: &[("matterId", "网格事项"), ("villageId", "村/社区")],
    restore: restore_claim,
    blocks_unit_delete: Some(attached_to),
    imports: &[&Sheet::<sheets::GridMatterClaims>::NEW],
    exports: &[Export::of::<sheets::GridMatterClaims>(sheets::export_rows)],
    report_keys: &["gridlist.villages_claimed"],
    ..Def::ledger::<GridMatterClaim>()
};
