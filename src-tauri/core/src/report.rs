//! Report totals (统计). One function, [`totals`], counts a set of typed records; it
//! serves this office's own data, every received snapshot, and the check that a
//! package's manifest totals match its records. Keys are stable: scripts and the
//! county's round-up depend on them.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::business_grids::{self, BusinessGrid};
use crate::error::Result;
use crate::people::{self, Employment, Person, RoleKind, Status};
use crate::units::{self, Unit, UnitKind};

/// Every report key, in display order. Kinds not built yet report 0.
pub const KEYS: &[(&str, &str)] = &[
    ("grids.base", "基础网格"),
    ("grids.micro", "微网格"),
    ("grids.business_merged", "已纳入的业务网格"),
    ("people.grid_workers", "在岗网格员"),
    ("people.grid_workers_fulltime", "其中专职网格员"),
    ("people.building_heads_info_officers", "在岗楼栋长、信息员"),
    ("people.community_workers", "在岗社区工作者"),
    ("people.published", "已公示人员"),
    ("compounds.total", "小区（自然村/组）"),
    ("compounds.sanliang_complete", "三亮齐全的小区"),
    ("party.part_time_members", "兼职委员"),
    ("party.joint_meetings", "联席会议"),
    ("cobuild.projects_claimed", "已认领的共建项目"),
    ("cobuild.projects_completed", "已完成的共建项目"),
    ("contacts.points", "领导联系点"),
    ("contacts.targets_covered", "有联系领导的对象"),
    ("demands.received", "收到的需求"),
    ("demands.resolved", "已办结的需求"),
    ("demands.resolved_on_time", "按期办结的需求"),
    ("coordination.meetings", "协调机制工作会议"),
];

pub type Totals = BTreeMap<String, i64>;

/// The records of one office, typed. Also the content of a package.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
    pub business_grids: Vec<BusinessGrid>,
}

impl Records {
    /// This office's own records from the store.
    pub fn own(conn: &Connection) -> Result<Records> {
        let mut stmt = conn.prepare("SELECT id FROM people ORDER BY id")?;
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Records {
            units: units::list(conn)?,
            people: ids
                .iter()
                .map(|id| people::get(conn, id))
                .collect::<Result<_>>()?,
            business_grids: business_grids::list(conn)?,
        })
    }

    pub fn counts(&self) -> BTreeMap<String, usize> {
        BTreeMap::from([
            ("units".to_string(), self.units.len()),
            ("people".to_string(), self.people.len()),
            ("business_grids".to_string(), self.business_grids.len()),
        ])
    }
}

fn zero() -> Totals {
    KEYS.iter().map(|(k, _)| (k.to_string(), 0)).collect()
}

/// One record counted under a report key.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Unit(&'a Unit),
    Person(&'a Person),
    BusinessGrid(&'a BusinessGrid),
}

/// The records of `r` counted under `key`: [`totals`] counts them, drill-down lists
/// them, so a total and the list behind it cannot disagree. Keys of kinds not built
/// yet have none.
pub fn members<'a>(key: &str, r: &'a Records) -> Vec<Item<'a>> {
    let units = |k: UnitKind| -> Vec<Item<'a>> {
        r.units
            .iter()
            .filter(|u| u.kind == k)
            .map(Item::Unit)
            .collect()
    };
    let people = |f: &dyn Fn(&Person) -> bool| -> Vec<Item<'a>> {
        r.people
            .iter()
            .filter(|p| p.status == Status::Active && f(p))
            .map(Item::Person)
            .collect()
    };
    let has = |p: &Person, role: RoleKind| p.roles.iter().any(|x| x.role == role);
    match key {
        "grids.base" => units(UnitKind::BaseGrid),
        "grids.micro" => units(UnitKind::MicroGrid),
        "compounds.total" => units(UnitKind::Compound),
        "grids.business_merged" => r
            .business_grids
            .iter()
            .filter(|g| g.merged)
            .map(Item::BusinessGrid)
            .collect(),
        "people.grid_workers" => people(&|p| has(p, RoleKind::GridWorker)),
        "people.grid_workers_fulltime" => people(&|p| {
            p.roles.iter().any(|x| {
                x.role == RoleKind::GridWorker && x.employment == Some(Employment::FullTime)
            })
        }),
        "people.building_heads_info_officers" => {
            people(&|p| has(p, RoleKind::BuildingHead) || has(p, RoleKind::InfoOfficer))
        }
        "people.community_workers" => people(&|p| has(p, RoleKind::CommunityWorker)),
        "people.published" => people(&|p| p.published),
        _ => Vec::new(),
    }
}

/// Counts `r` under every report key.
pub fn totals(r: &Records) -> Totals {
    KEYS.iter()
        .map(|(k, _)| (k.to_string(), members(k, r).len() as i64))
        .collect()
}

pub fn add(into: &mut Totals, other: &Totals) {
    for (k, v) in other {
        *into.entry(k.clone()).or_insert(0) += v;
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeTotals {
    pub name: String,
    pub level: String,
    pub sequence: i64,
    pub exported_at: String,
    pub received_at: String,
    pub totals: Totals,
}

/// `own`: this office's records; `offices`: each office directly below, by division
/// code (its own records plus everything its package carries from further below);
/// `total`: the sum.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub own: Totals,
    pub offices: BTreeMap<String, OfficeTotals>,
    pub total: Totals,
}

/// The records a snapshot holds (all offices inside it), typed.
pub fn snapshot_records(
    conn: &Connection,
    snapshot_code: &str,
    office_code: Option<&str>,
) -> Result<Records> {
    // Two statements, so that each uses the primary key's prefix.
    let rows: Vec<(String, String)> = match office_code {
        Some(office) => conn
            .prepare_cached(
                "SELECT kind, json FROM snapshot_records WHERE snapshot_code = ?1 AND office_code = ?2
                 ORDER BY kind, record_id",
            )?
            .query_map(rusqlite::params![snapshot_code, office], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare_cached(
                "SELECT kind, json FROM snapshot_records WHERE snapshot_code = ?1
                 ORDER BY office_code, kind, record_id",
            )?
            .query_map([snapshot_code], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?,
    };
    let mut records = Records::default();
    for (kind, json) in rows {
        match kind.as_str() {
            "units" => records.units.push(serde_json::from_str(&json)?),
            "people" => records.people.push(serde_json::from_str(&json)?),
            "business_grids" => records.business_grids.push(serde_json::from_str(&json)?),
            _ => {}
        }
    }
    Ok(records)
}

pub fn report(conn: &Connection) -> Result<Report> {
    let own = totals(&Records::own(conn)?);
    let mut total = own.clone();
    let mut offices = BTreeMap::new();
    // Each snapshot's totals were verified against its records when it arrived, so
    // the report sums them instead of recounting every received record.
    let mut stmt = conn.prepare(
        "SELECT code, name, level, sequence, exported_at, received_at, totals_json
         FROM snapshots ORDER BY code",
    )?;
    let snaps: Vec<(String, OfficeTotals, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                OfficeTotals {
                    name: r.get(1)?,
                    level: r.get(2)?,
                    sequence: r.get(3)?,
                    exported_at: r.get(4)?,
                    received_at: r.get(5)?,
                    totals: Totals::new(),
                },
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (code, mut office, json) in snaps {
        // Keys added after the package arrived count as 0.
        let mut t = zero();
        add(&mut t, &serde_json::from_str(&json)?);
        add(&mut total, &t);
        office.totals = t;
        offices.insert(code, office);
    }
    Ok(Report {
        own,
        offices,
        total,
    })
}

// ---------- drill-down ----------

/// One record behind a total, as the drill-down lists it. People are masked.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrillRow {
    /// `unit`, `person` or `business_grid`.
    pub kind: &'static str,
    pub id: String,
    pub office_code: String,
    pub office_name: String,
    pub code: String,
    pub name: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Drill {
    pub key: String,
    pub label: String,
    /// `own`, `all`, or the division code of an office below.
    pub scope: String,
    /// How many records the total counts (`rows` stops at [`DRILL_LIMIT`]).
    pub count: usize,
    pub rows: Vec<DrillRow>,
}

/// At most this many rows are listed; `count` still says how many there are.
pub const DRILL_LIMIT: usize = 2000;

pub fn label_of(key: &str) -> Option<&'static str> {
    KEYS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

fn drill_rows(items: &[Item], r: &Records, office_name: &str, out: &mut Vec<DrillRow>) {
    let unit_name: BTreeMap<&str, &Unit> = r.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let path = |u: &Unit| {
        let mut names = vec![u.name.clone()];
        let mut at = u.parent_id.as_deref();
        while let Some(p) = at.and_then(|id| unit_name.get(id)) {
            names.push(p.name.clone());
            at = p.parent_id.as_deref();
            if names.len() > 8 {
                break;
            }
        }
        names.reverse();
        names.join(" › ")
    };
    for item in items {
        if out.len() >= DRILL_LIMIT {
            return;
        }
        out.push(match item {
            Item::Unit(u) => DrillRow {
                kind: "unit",
                id: u.id.clone(),
                office_code: u.owner_code.clone(),
                office_name: office_name.to_string(),
                code: u.code.clone(),
                name: u.name.clone(),
                detail: format!("{} · {}", u.label(), path(u)),
            },
            Item::Person(p) => {
                let roles: Vec<String> = p
                    .roles
                    .iter()
                    .map(|role| {
                        let units: Vec<&str> = role
                            .unit_ids
                            .iter()
                            .filter_map(|id| unit_name.get(id.as_str()).map(|u| u.name.as_str()))
                            .collect();
                        let kind = match role.employment {
                            Some(e) => format!("{}（{}）", role.role.label(), e.label()),
                            None => role.role.label().to_string(),
                        };
                        if units.is_empty() {
                            kind
                        } else {
                            format!("{kind} · {}", units.join("、"))
                        }
                    })
                    .collect();
                DrillRow {
                    kind: "person",
                    id: p.id.clone(),
                    office_code: p.owner_code.clone(),
                    office_name: office_name.to_string(),
                    code: crate::identity::mask_phone(&p.phone),
                    name: p.name.clone(),
                    detail: roles.join("；"),
                }
            }
            Item::BusinessGrid(g) => DrillRow {
                kind: "business_grid",
                id: g.id.clone(),
                office_code: g.owner_code.clone(),
                office_name: office_name.to_string(),
                code: g.department.clone(),
                name: g.name.clone(),
                detail: g
                    .mappings
                    .iter()
                    .map(|m| m.base_grid_name.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            },
        });
    }
}

/// The offices inside the snapshots held: (snapshot code, office code, name), in code order.
fn offices_inside(
    conn: &Connection,
    snapshot: Option<&str>,
) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT snapshot_code, office_code, name FROM snapshot_offices
         WHERE ?1 IS NULL OR snapshot_code = ?1 ORDER BY office_code",
    )?;
    let rows = stmt
        .query_map([snapshot], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The records behind one total: `scope` is `own` (this office), a division code
/// of an office below (everything its package holds), or `all`. Read one office at
/// a time, so a city's drill-down never holds every record at once.
pub fn drill(conn: &Connection, scope: &str, key: &str) -> Result<Drill> {
    let label = label_of(key)
        .ok_or_else(|| crate::error::Error::validation("key", format!("没有统计项“{key}”。")))?;
    let mut rows = Vec::new();
    let mut count = 0;
    let mut take = |records: &Records, office_name: &str, rows: &mut Vec<DrillRow>| {
        let items = members(key, records);
        count += items.len();
        drill_rows(&items, records, office_name, rows);
    };
    if scope == "own" || scope == "all" {
        let me = crate::office::require(conn)?;
        take(&Records::own(conn)?, &me.name, &mut rows);
    }
    if scope != "own" {
        let snapshot = (scope != "all").then_some(scope);
        let inside = offices_inside(conn, snapshot)?;
        if inside.is_empty() && snapshot.is_some() {
            return Err(crate::error::Error::NotFound(format!(
                "没有收到过区划代码为 {scope} 的单位的交换文件。"
            )));
        }
        for (snap, office, name) in inside {
            take(
                &snapshot_records(conn, &snap, Some(&office))?,
                &name,
                &mut rows,
            );
        }
    }
    Ok(Drill {
        key: key.to_string(),
        label: label.to_string(),
        scope: scope.to_string(),
        count,
        rows,
    })
}

// ---------- the report as a workbook ----------

/// Writes the report: sheet 汇总 (every key: this office, each office below, total),
/// then one sheet per office below.
pub fn write_xlsx(conn: &Connection, path: &std::path::Path) -> Result<()> {
    use crate::sheet::{self, SheetOut};
    let me = crate::office::require(conn)?;
    let r = report(conn)?;
    let mut headers = vec!["统计项".to_string(), "键".to_string(), me.name.clone()];
    headers.extend(r.offices.values().map(|o| o.name.clone()));
    headers.push("合计".into());
    let n = headers.len();
    let rows: Vec<Vec<String>> = KEYS
        .iter()
        .map(|(key, label)| {
            let mut row = vec![label.to_string(), key.to_string(), r.own[*key].to_string()];
            row.extend(r.offices.values().map(|o| o.totals[*key].to_string()));
            row.push(r.total[*key].to_string());
            row
        })
        .collect();
    let mut names = vec!["汇总".to_string()];
    for (code, o) in &r.offices {
        names.push(sheet_name(&o.name, code, &names));
    }
    let mut sheets = vec![SheetOut {
        name: &names[0],
        headers,
        rows,
        text_columns: vec![1],
        widths: [vec![24.0, 34.0], vec![14.0; n - 2]].concat(),
        number_columns: (2..n).collect(),
    }];
    for (i, (code, o)) in r.offices.iter().enumerate() {
        sheets.push(SheetOut {
            name: &names[i + 1],
            headers: vec![
                "统计项".into(),
                "键".into(),
                format!("{}（{code}，第 {} 次导出）", o.name, o.sequence),
            ],
            rows: KEYS
                .iter()
                .map(|(key, label)| {
                    vec![
                        label.to_string(),
                        key.to_string(),
                        o.totals[*key].to_string(),
                    ]
                })
                .collect(),
            text_columns: vec![1],
            widths: vec![24.0, 34.0, 36.0],
            number_columns: vec![2],
        });
    }
    sheet::write_xlsx(path, &sheets)
}

/// An Excel sheet name for an office: at most 31 characters, none of `[]:*?/\`,
/// unique among `taken`.
fn sheet_name(name: &str, code: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(24)
        .collect();
    let base = if clean.trim().is_empty() {
        code.to_string()
    } else {
        clean
    };
    if !taken.contains(&base) {
        return base;
    }
    let short: String = base.chars().take(18).collect();
    format!("{short}_{code}").chars().take(31).collect()
}
