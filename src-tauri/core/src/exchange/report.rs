//! Report totals (统计). One function, [`totals`], counts a set of typed records; it
//! serves this office's own data, every received snapshot, and the check that a
//! package's manifest totals match its records. Keys are stable: scripts and the
//! county's round-up depend on them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::error::Result;
use crate::cobuild::{PartnerUnit, Project};
use crate::contacts::{ContactPoint, Leader, Visit};
use crate::demands::{Demand, Department, WorkingGroup, WorkingMeeting};
use crate::duties::{DutyItem, DutyList};
use crate::hierarchy::business_grids::{self, BusinessGrid};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::party::{Branch, Committee, Meeting, Member};
use crate::people::{self, Employment, Person, RoleKind, Status};
use crate::store::ledger;
use crate::store::Cached;
use crate::surveys::{self, Callback, Questionnaire, QuestionnaireResponse};

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
    ("lists.basic_duties", "基本履职事项"),
    ("lists.assisting_duties", "配合履职事项"),
    ("lists.taken_back", "上级部门收回事项"),
    ("assessment.questionnaires", "问卷答卷"),
    ("assessment.satisfaction", "满意评价（满意和基本满意）"),
    ("assessment.satisfaction_judged", "满意度评价总数"),
    ("assessment.callbacks", "电话回访"),
];

pub type Totals = BTreeMap<String, i64>;

/// Every record kind that travels in a package and feeds the report, once:
/// (field of [`Records`], type, kind name in packages and snapshots, Chinese label).
/// Adding a kind here gives it package parts, verification, snapshot storage and
/// counts.
macro_rules! record_kinds {
    ($( $field:ident : $ty:ty => $kind:literal, $label:literal ;)*) => {
        /// The records of one office, typed. Also the content of a package.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct Records {
            $( #[serde(default)] pub $field: Vec<$ty>, )*
        }

        /// The kind names, in package order.
        pub const KINDS: &[&str] = &[$($kind),*];

        /// The Chinese name of a kind.
        pub fn kind_label(kind: &str) -> &'static str {
            match kind {
                $( $kind => $label, )*
                _ => "记录",
            }
        }

        impl Records {
            pub fn counts(&self) -> BTreeMap<String, usize> {
                BTreeMap::from([$( ($kind.to_string(), self.$field.len()), )*])
            }

            /// Adds one record of `kind` from its JSON; `Ok(false)` for an unknown kind.
            pub fn push_json(&mut self, kind: &str, json: &[u8]) -> serde_json::Result<bool> {
                match kind {
                    $( $kind => self.$field.push(serde_json::from_slice(json)?), )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// Every record as (kind, id, owner code, JSON).
            pub fn rows(&self) -> serde_json::Result<Vec<(&'static str, &str, &str, String)>> {
                let mut out = Vec::new();
                $( for r in &self.$field {
                    out.push(($kind, Owned::id(r), Owned::owner_code(r), serde_json::to_string(r)?));
                } )*
                Ok(out)
            }

            /// Each kind's records as JSON lines.
            pub fn jsonl(&self) -> serde_json::Result<Vec<(&'static str, Vec<u8>)>> {
                let mut out = Vec::new();
                $( {
                    let mut bytes = Vec::new();
                    for r in &self.$field {
                        serde_json::to_writer(&mut bytes, r)?;
                        bytes.push(b'\n');
                    }
                    out.push(($kind, bytes));
                } )*
                Ok(out)
            }
        }
    };
}

/// A record with an id and an owner.
pub trait Owned {
    fn id(&self) -> &str;
    fn owner_code(&self) -> &str;
}

impl<D: crate::store::ledger::Document> Owned for D {
    fn id(&self) -> &str {
        crate::store::ledger::Document::id(self)
    }
    fn owner_code(&self) -> &str {
        crate::store::ledger::Document::owner_code(self)
    }
}

macro_rules! owned {
    ($($ty:ty),*) => {$(
        impl Owned for $ty {
            fn id(&self) -> &str { &self.id }
            fn owner_code(&self) -> &str { &self.owner_code }
        }
    )*};
}
owned!(Unit, Person, BusinessGrid);

record_kinds! {
    units: Unit => "units", "组织单位";
    people: Person => "people", "人员";
    business_grids: BusinessGrid => "business_grids", "业务网格";
    party_branches: Branch => "party_branches", "小区党支部";
    committees: Committee => "committees", "委员会";
    committee_members: Member => "committee_members", "委员";
    joint_meetings: Meeting => "joint_meetings", "联席会议";
    partner_units: PartnerUnit => "partner_units", "共建单位";
    projects: Project => "projects", "共建项目";
    departments: Department => "departments", "部门";
    leaders: Leader => "leaders", "领导";
    contact_points: ContactPoint => "contact_points", "联系点";
    visits: Visit => "visits", "走访记录";
    demands: Demand => "demands", "诉求";
    working_groups: WorkingGroup => "working_groups", "专项工作组";
    working_meetings: WorkingMeeting => "working_meetings", "工作会议";
    duty_items: DutyItem => "duty_items", "履职事项";
    questionnaires: Questionnaire => "questionnaires", "问卷";
    questionnaire_responses: QuestionnaireResponse => "questionnaire_responses", "问卷答卷";
    callbacks: Callback => "callbacks", "电话回访";
}

impl Records {
    /// This office's own records from the store.
    pub fn own(conn: &Connection) -> Result<Records> {
        Ok(Records {
            people: people::all(conn)?,
            ..Records::own_but_people(conn)?
        })
    }

    /// This office's own records except people, who are counted by [`own_totals`]
    /// with aggregate queries (a county roster has tens of thousands).
    fn own_but_people(conn: &Connection) -> Result<Records> {
        Ok(Records {
            units: hierarchy::list(conn)?,
            people: Vec::new(),
            business_grids: business_grids::list(conn)?,
            party_branches: ledger::list(conn)?,
            committees: ledger::list(conn)?,
            committee_members: ledger::list(conn)?,
            joint_meetings: ledger::list(conn)?,
            partner_units: ledger::list(conn)?,
            projects: ledger::list(conn)?,
            departments: ledger::list(conn)?,
            leaders: ledger::list(conn)?,
            contact_points: ledger::list(conn)?,
            visits: ledger::list(conn)?,
            demands: ledger::list(conn)?,
            working_groups: ledger::list(conn)?,
            working_meetings: ledger::list(conn)?,
            duty_items: ledger::list(conn)?,
            questionnaires: ledger::list(conn)?,
            questionnaire_responses: ledger::list(conn)?,
            callbacks: ledger::list(conn)?,
        })
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
    Branch(&'a Branch),
    Member(&'a Member),
    Meeting(&'a Meeting),
    Project(&'a Project),
    ContactPoint(&'a ContactPoint),
    /// A community, compound or grid with a leader's contact point.
    Target(&'a Unit),
    Demand(&'a Demand),
    WorkingMeeting(&'a WorkingMeeting),
    DutyItem(&'a DutyItem),
    /// A returned questionnaire.
    Response(&'a QuestionnaireResponse),
    /// One answer (question index) of a returned questionnaire to a satisfaction question.
    Answer(&'a QuestionnaireResponse, usize),
    Callback(&'a Callback),
    /// A demand's 回访, counted as a call-back.
    DemandCallback(&'a Demand),
}

/// The day a set of records is counted on, from the time stored with them (a
/// package's `exportedAt`): the date in China (UTC+8), as [`crate::Ctx::today`]
/// gives it. The exporter and every receiver derive it the same way, so a figure
/// that depends on a date (contact points in force) is the same wherever it is
/// recomputed.
pub fn as_of(exported_at: &str) -> NaiveDate {
    chrono::DateTime::parse_from_rfc3339(exported_at)
        .map(|t| crate::Ctx::new(t.with_timezone(&chrono::Utc)).today())
        .or_else(|_| NaiveDate::parse_from_str(exported_at.get(..10).unwrap_or(""), "%Y-%m-%d"))
        .unwrap_or_default()
}

/// The records of `r` counted under `key` as of the day `as_of` (see [`as_of`]):
/// [`totals`] counts them, drill-down lists them, so a total and the list behind it
/// cannot disagree. Keys of kinds not built yet have none. `docs/PACKAGE.md` says
/// what each key counts.
pub fn members<'a>(key: &str, r: &'a Records, as_of: NaiveDate) -> Vec<Item<'a>> {
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
    let duty_items = |list: DutyList| -> Vec<Item<'a>> {
        r.duty_items
            .iter()
            .filter(|d| d.list == list && crate::duties::counts_on(d, as_of))
            .map(Item::DutyItem)
            .collect()
    };
    let has = |p: &Person, role: RoleKind| p.roles.iter().any(|x| x.role == role);
    // Questionnaires and call-backs: see `crate::surveys` for what a judgment is.
    let day = as_of.to_string();
    let papers = || {
        r.questionnaire_responses
            .iter()
            .filter(|p| p.answered_on.as_deref().is_none_or(|d| d <= day.as_str()))
    };
    let calls = || r.callbacks.iter().filter(|c| c.called_on <= day);
    let demand_calls = || {
        r.demands.iter().filter_map(|d| {
            surveys::demand_callback(d)
                .filter(|(on, _)| *on <= day.as_str())
                .map(|(_, result)| (d, result))
        })
    };
    let judgments = |only_satisfied: bool| -> Vec<Item<'a>> {
        let by_id: BTreeMap<&str, &Questionnaire> = r
            .questionnaires
            .iter()
            .map(|q| (q.id.as_str(), q))
            .collect();
        let mut out = Vec::new();
        for p in papers() {
            if let Some(q) = by_id.get(p.questionnaire_id.as_str()) {
                out.extend(
                    surveys::judgments(q, p)
                        .filter(|(_, ok)| *ok || !only_satisfied)
                        .map(|(i, _)| Item::Answer(p, i)),
                );
            }
        }
        out.extend(
            calls()
                .filter(|c| c.result.satisfied() || !only_satisfied)
                .map(Item::Callback),
        );
        out.extend(
            demand_calls()
                .filter(|(_, result)| result.satisfied() || !only_satisfied)
                .map(|(d, _)| Item::DemandCallback(d)),
        );
        out
    };
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
        "compounds.sanliang_complete" => r
            .party_branches
            .iter()
            .filter(|b| b.complete())
            .map(Item::Branch)
            .collect(),
        "party.part_time_members" => {
            // Distinct people: the same name from the same partner unit is one person,
            // however many committees they sit on.
            let mut seen = std::collections::BTreeSet::new();
            r.committee_members
                .iter()
                .filter(|m| m.part_time)
                .filter(|m| seen.insert((m.name.trim(), m.partner_unit_id.as_deref())))
                .map(Item::Member)
                .collect()
        }
        "party.joint_meetings" => r.joint_meetings.iter().map(Item::Meeting).collect(),
        "cobuild.projects_claimed" => r
            .projects
            .iter()
            .filter(|p| p.status.is_claimed())
            .map(Item::Project)
            .collect(),
        "cobuild.projects_completed" => r
            .projects
            .iter()
            .filter(|p| p.status.is_completed())
            .map(Item::Project)
            .collect(),
        "contacts.points" => r.contact_points.iter().map(Item::ContactPoint).collect(),
        "contacts.targets_covered" => {
            // As the coverage screen counts: communities, compounds and base grids
            // with a contact point in force on `as_of` whose leader is on record.
            let leaders: std::collections::BTreeSet<&str> =
                r.leaders.iter().map(|l| l.id.as_str()).collect();
            let targets: std::collections::BTreeSet<&str> = r
                .contact_points
                .iter()
                .filter(|p| p.active(as_of) && leaders.contains(p.leader_id.as_str()))
                .map(|p| p.unit_id.as_str())
                .collect();
            r.units
                .iter()
                .filter(|u| {
                    crate::contacts::TARGET_KINDS.contains(&u.kind)
                        && targets.contains(u.id.as_str())
                })
                .map(Item::Target)
                .collect()
        }
        "demands.received" => r.demands.iter().map(Item::Demand).collect(),
        "demands.resolved" => r
            .demands
            .iter()
            .filter(|d| d.is_resolved())
            .map(Item::Demand)
            .collect(),
        "demands.resolved_on_time" => r
            .demands
            .iter()
            .filter(|d| d.on_time())
            .map(Item::Demand)
            .collect(),
        "coordination.meetings" => r
            .working_meetings
            .iter()
            .map(Item::WorkingMeeting)
            .collect(),
        "lists.basic_duties" => duty_items(DutyList::Basic),
        "lists.assisting_duties" => duty_items(DutyList::Assisting),
        "lists.taken_back" => duty_items(DutyList::TakenBack),
        "assessment.questionnaires" => papers().map(Item::Response).collect(),
        "assessment.satisfaction" => judgments(true),
        "assessment.satisfaction_judged" => judgments(false),
        "assessment.callbacks" => calls()
            .map(Item::Callback)
            .chain(demand_calls().map(|(d, _)| Item::DemandCallback(d)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Counts `r` under every report key, as of the day `as_of`.
pub fn totals(r: &Records, as_of: NaiveDate) -> Totals {
    KEYS.iter()
        .map(|(k, _)| (k.to_string(), members(k, r, as_of).len() as i64))
        .collect()
}

/// The people keys, counted by aggregate queries over the role index. Each counts
/// exactly what [`members`] lists for its key (a test checks every key).
const PEOPLE_COUNTS: &[(&str, &str)] = &[
    (
        "people.grid_workers",
        "SELECT count(DISTINCT person_id) FROM person_roles WHERE role = 'grid_worker'
         AND person_id NOT IN (SELECT id FROM people WHERE status <> 'active')",
    ),
    (
        "people.grid_workers_fulltime",
        "SELECT count(DISTINCT person_id) FROM person_roles
         WHERE role = 'grid_worker' AND employment = 'full_time'
         AND person_id NOT IN (SELECT id FROM people WHERE status <> 'active')",
    ),
    (
        "people.building_heads_info_officers",
        "SELECT count(DISTINCT person_id) FROM person_roles
         WHERE role IN ('building_head', 'info_officer')
         AND person_id NOT IN (SELECT id FROM people WHERE status <> 'active')",
    ),
    (
        "people.community_workers",
        "SELECT count(DISTINCT person_id) FROM person_roles WHERE role = 'community_worker'
         AND person_id NOT IN (SELECT id FROM people WHERE status <> 'active')",
    ),
    (
        "people.published",
        "SELECT count(*) FROM people WHERE published = 1 AND status = 'active'",
    ),
];

/// This office's own totals, equal to `totals(&Records::own(conn)?)` without loading
/// a single person: the people keys by aggregate queries, the rest by [`members`]
/// over the other (small) record kinds.
pub fn own_totals(conn: &Connection, today: NaiveDate) -> Result<Totals> {
    let mut t = totals(&Records::own_but_people(conn)?, today);
    for (key, sql) in PEOPLE_COUNTS {
        t.insert(key.to_string(), conn.row(sql, [], |r| r.get(0))?);
    }
    Ok(t)
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
        records.push_json(&kind, json.as_bytes())?;
    }
    Ok(records)
}

/// The report with this office's own figures as of `today` (the screens pass the
/// clerk's date); each office below as of its package's export date (verified at
/// receipt).
pub fn report(conn: &Connection, today: NaiveDate) -> Result<Report> {
    let own = own_totals(conn, today)?;
    let mut total = own.clone();
    let mut offices = BTreeMap::new();
    // Each snapshot's totals were verified against its records when it arrived, so
    // the report sums them instead of recounting every received record.
    let mut stmt = conn.prepare_cached(
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
    /// `unit`, `person`, `business_grid`, `party_branch`, `committee_member`,
    /// `joint_meeting`, `project`, `contact_point`, `demand` or `working_meeting`.
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
    let committees: BTreeMap<&str, &str> = r
        .committees
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let partners: BTreeMap<&str, &str> = r
        .partner_units
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let leaders: BTreeMap<&str, &Leader> = r.leaders.iter().map(|l| (l.id.as_str(), l)).collect();
    let questionnaires: BTreeMap<&str, &Questionnaire> = r
        .questionnaires
        .iter()
        .map(|q| (q.id.as_str(), q))
        .collect();
    let groups: BTreeMap<&str, &str> = r
        .working_groups
        .iter()
        .map(|g| (g.id.as_str(), g.name.as_str()))
        .collect();
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
                    code: crate::base::identity::mask_phone(&p.phone),
                    name: p.name.clone(),
                    detail: roles.join("；"),
                }
            }
            Item::Branch(b) => {
                let c = unit_name.get(b.compound_id.as_str());
                DrillRow {
                    kind: "party_branch",
                    id: b.id.clone(),
                    office_code: b.owner_code.clone(),
                    office_name: office_name.to_string(),
                    code: c.map(|c| c.code.clone()).unwrap_or_default(),
                    name: c.map(|c| c.name.clone()).unwrap_or_default(),
                    detail: format!(
                        "支部书记 {} · 亮架构 {} · 亮职责 {} · 亮身份 {}",
                        b.secretary,
                        b.structure_on.as_deref().unwrap_or("—"),
                        b.duties_on.as_deref().unwrap_or("—"),
                        b.identity_on.as_deref().unwrap_or("—")
                    ),
                }
            }
            Item::Member(m) => DrillRow {
                kind: "committee_member",
                id: m.id.clone(),
                office_code: m.owner_code.clone(),
                office_name: office_name.to_string(),
                code: m.post.clone(),
                name: m.name.clone(),
                detail: format!(
                    "{} · {}",
                    committees
                        .get(m.committee_id.as_str())
                        .copied()
                        .unwrap_or(""),
                    m.partner_unit_id
                        .as_deref()
                        .and_then(|p| partners.get(p).copied())
                        .unwrap_or("")
                ),
            },
            Item::Meeting(m) => DrillRow {
                kind: "joint_meeting",
                id: m.id.clone(),
                office_code: m.owner_code.clone(),
                office_name: office_name.to_string(),
                code: m.held_on.clone(),
                name: committees
                    .get(m.committee_id.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                detail: format!(
                    "{}（决定事项 {} 项）",
                    m.topics.lines().next().unwrap_or(""),
                    m.decisions.len()
                ),
            },
            Item::Project(p) => DrillRow {
                kind: "project",
                id: p.id.clone(),
                office_code: p.owner_code.clone(),
                office_name: office_name.to_string(),
                code: p.status.label().to_string(),
                name: p.title.clone(),
                detail: format!(
                    "{} · {} · 认领：{}",
                    unit_name
                        .get(p.village_id.as_str())
                        .map(|u| u.name.as_str())
                        .unwrap_or(""),
                    p.category,
                    p.claims
                        .iter()
                        .filter_map(|c| partners.get(c.partner_unit_id.as_str()).copied())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            },
            Item::ContactPoint(p) => DrillRow {
                kind: "contact_point",
                id: p.id.clone(),
                office_code: p.owner_code.clone(),
                office_name: office_name.to_string(),
                code: leaders
                    .get(p.leader_id.as_str())
                    .map(|l| l.level.link().1)
                    .unwrap_or("")
                    .to_string(),
                name: leaders
                    .get(p.leader_id.as_str())
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                detail: unit_name
                    .get(p.unit_id.as_str())
                    .map(|u| path(u))
                    .unwrap_or_default(),
            },
            Item::Target(u) => DrillRow {
                kind: "unit",
                id: u.id.clone(),
                office_code: u.owner_code.clone(),
                office_name: office_name.to_string(),
                code: u.code.clone(),
                name: u.name.clone(),
                detail: format!("{} · {}", u.label(), path(u)),
            },
            Item::Demand(d) => DrillRow {
                kind: "demand",
                id: d.id.clone(),
                office_code: d.owner_code.clone(),
                office_name: office_name.to_string(),
                code: d.status.label().to_string(),
                name: d.title.clone(),
                detail: format!(
                    "{} · 受理 {} · 时限 {} · 办结 {}",
                    d.category,
                    d.received_on,
                    d.deadline.as_deref().unwrap_or("—"),
                    d.resolved_on.as_deref().unwrap_or("—")
                ),
            },
            Item::WorkingMeeting(m) => DrillRow {
                kind: "working_meeting",
                id: m.id.clone(),
                office_code: m.owner_code.clone(),
                office_name: office_name.to_string(),
                code: m.held_on.clone(),
                name: groups
                    .get(m.group_id.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                detail: format!(
                    "{}（决定事项 {} 项）",
                    m.topics.lines().next().unwrap_or(""),
                    m.decisions.len()
                ),
            },
            Item::Response(p) => DrillRow {
                kind: "questionnaire_response",
                id: p.id.clone(),
                office_code: p.owner_code.clone(),
                office_name: office_name.to_string(),
                code: p.number.clone(),
                name: questionnaires
                    .get(p.questionnaire_id.as_str())
                    .map(|q| q.title.clone())
                    .unwrap_or_default(),
                detail: format!(
                    "{} · 填写日期 {}",
                    unit_name
                        .get(p.community_id.as_str())
                        .map(|u| u.name.as_str())
                        .unwrap_or(""),
                    p.answered_on.as_deref().unwrap_or("—")
                ),
            },
            Item::Answer(p, i) => DrillRow {
                kind: "questionnaire_response",
                id: p.id.clone(),
                office_code: p.owner_code.clone(),
                office_name: office_name.to_string(),
                code: p.number.clone(),
                name: questionnaires
                    .get(p.questionnaire_id.as_str())
                    .map(|q| q.title.clone())
                    .unwrap_or_default(),
                detail: format!(
                    "{} · 第 {} 题{} · {}",
                    unit_name
                        .get(p.community_id.as_str())
                        .map(|u| u.name.as_str())
                        .unwrap_or(""),
                    i + 1,
                    questionnaires
                        .get(p.questionnaire_id.as_str())
                        .and_then(|q| q.questions.get(*i))
                        .map(|q| format!("“{}”", q.text))
                        .unwrap_or_default(),
                    p.answers.get(*i).map(String::as_str).unwrap_or("")
                ),
            },
            Item::Callback(c) => DrillRow {
                kind: "callback",
                id: c.id.clone(),
                office_code: c.owner_code.clone(),
                office_name: office_name.to_string(),
                code: c.called_on.clone(),
                name: c.person_name.clone(),
                detail: format!(
                    "{} · {} · {}{} · {}",
                    unit_name
                        .get(c.community_id.as_str())
                        .map(|u| u.name.as_str())
                        .unwrap_or(""),
                    crate::base::identity::mask_phone(&c.phone),
                    c.topic.label(),
                    if c.topic_name.is_empty() {
                        String::new()
                    } else {
                        format!("“{}”", c.topic_name)
                    },
                    c.result.label()
                ),
            },
            Item::DemandCallback(d) => DrillRow {
                kind: "demand",
                id: d.id.clone(),
                office_code: d.owner_code.clone(),
                office_name: office_name.to_string(),
                code: surveys::demand_callback(d)
                    .map(|(on, _)| on.to_string())
                    .unwrap_or_default(),
                name: d.title.clone(),
                detail: format!(
                    "诉求回访 · {} · {}",
                    crate::base::identity::mask_phone(&d.reporter_phone),
                    surveys::demand_callback(d)
                        .map(|(_, r)| r.label())
                        .unwrap_or("")
                ),
            },
            Item::DutyItem(d) => DrillRow {
                kind: "duty_item",
                id: d.id.clone(),
                office_code: d.owner_code.clone(),
                office_name: office_name.to_string(),
                code: d.number.clone(),
                name: d.name.clone(),
                detail: match d.list {
                    DutyList::Basic => d.field.label().to_string(),
                    DutyList::Assisting => {
                        format!("{} · 牵头部门 {}", d.field.label(), d.lead_department)
                    }
                    DutyList::TakenBack => format!(
                        "{} · {} 自 {} 收回",
                        d.field.label(),
                        d.taken_back_by,
                        d.taken_back_on.as_deref().unwrap_or("—")
                    ),
                },
            },
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
) -> Result<Vec<(String, String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT snapshot_code, office_code, name, exported_at FROM snapshot_offices
         WHERE ?1 IS NULL OR snapshot_code = ?1 ORDER BY office_code",
    )?;
    let rows = stmt
        .query_map([snapshot], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The records behind one total: `scope` is `own` (this office), a division code
/// of an office below (everything its package holds), or `all`. This office's own
/// records as of `today`; each office below as of its package's export date, as its
/// totals were counted. Read one office at a time, so a city's drill-down never
/// holds every record at once.
pub fn drill(conn: &Connection, scope: &str, key: &str, today: NaiveDate) -> Result<Drill> {
    let label = label_of(key).ok_or_else(|| {
        crate::base::error::Error::validation("key", format!("没有统计项“{key}”。"))
    })?;
    let mut rows = Vec::new();
    let mut count = 0;
    let mut take =
        |records: &Records, office_name: &str, on: NaiveDate, rows: &mut Vec<DrillRow>| {
            let items = members(key, records, on);
            count += items.len();
            drill_rows(&items, records, office_name, rows);
        };
    if scope == "own" || scope == "all" {
        let me = crate::store::office::require(conn)?;
        take(&Records::own(conn)?, &me.name, today, &mut rows);
    }
    if scope != "own" {
        let snapshot = (scope != "all").then_some(scope);
        let inside = offices_inside(conn, snapshot)?;
        if inside.is_empty() && snapshot.is_some() {
            return Err(crate::base::error::Error::NotFound(format!(
                "没有收到过区划代码为 {scope} 的单位的交换文件。"
            )));
        }
        for (snap, office, name, exported_at) in inside {
            take(
                &snapshot_records(conn, &snap, Some(&office))?,
                &name,
                as_of(&exported_at),
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
pub fn write_xlsx(conn: &Connection, path: &std::path::Path, today: NaiveDate) -> Result<()> {
    use crate::sheets::{self, SheetOut};
    let me = crate::store::office::require(conn)?;
    let r = report(conn, today)?;
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
    sheets::write_xlsx(path, &sheets)
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
