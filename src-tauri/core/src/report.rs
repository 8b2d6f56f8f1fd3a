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

/// Counts `r` under every report key.
pub fn totals(r: &Records) -> Totals {
    let mut t = zero();
    let mut set = |k: &str, v: usize| {
        t.insert(k.to_string(), v as i64);
    };
    let kind = |k: UnitKind| r.units.iter().filter(|u| u.kind == k).count();
    set("grids.base", kind(UnitKind::BaseGrid));
    set("grids.micro", kind(UnitKind::MicroGrid));
    set("compounds.total", kind(UnitKind::Compound));
    set(
        "grids.business_merged",
        r.business_grids.iter().filter(|g| g.merged).count(),
    );
    let active: Vec<&Person> = r
        .people
        .iter()
        .filter(|p| p.status == Status::Active)
        .collect();
    let has = |p: &Person, role: RoleKind| p.roles.iter().any(|x| x.role == role);
    set(
        "people.grid_workers",
        active
            .iter()
            .filter(|p| has(p, RoleKind::GridWorker))
            .count(),
    );
    set(
        "people.grid_workers_fulltime",
        active
            .iter()
            .filter(|p| {
                p.roles.iter().any(|x| {
                    x.role == RoleKind::GridWorker && x.employment == Some(Employment::FullTime)
                })
            })
            .count(),
    );
    set(
        "people.building_heads_info_officers",
        active
            .iter()
            .filter(|p| has(p, RoleKind::BuildingHead) || has(p, RoleKind::InfoOfficer))
            .count(),
    );
    set(
        "people.community_workers",
        active
            .iter()
            .filter(|p| has(p, RoleKind::CommunityWorker))
            .count(),
    );
    set(
        "people.published",
        active.iter().filter(|p| p.published).count(),
    );
    t
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
    let mut stmt = conn.prepare(
        "SELECT kind, json FROM snapshot_records WHERE snapshot_code = ?1 AND (?2 IS NULL OR office_code = ?2)
         ORDER BY kind, record_id",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map(rusqlite::params![snapshot_code, office_code], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
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
