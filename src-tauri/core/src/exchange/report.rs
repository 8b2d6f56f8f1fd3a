//! Report totals (统计). One function, [`totals`], counts a set of typed records; it
//! serves this office's own data, every received snapshot, and the check that a
//! package's manifest totals match its records. Keys are stable: scripts and the
//! county's round-up depend on them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::admissions::Admission;
use crate::base::error::Result;
use crate::base::period::{day_of, Period, PeriodView};
use crate::cobuild::{PartnerUnit, Project, ProjectStatus};
use crate::contacts::{ContactPoint, Leader, Visit};
use crate::demands::{Demand, Department, WorkingGroup, WorkingMeeting};
use crate::duties::{DutyItem, DutyList};
use crate::exchange::snapshot_figures;
use crate::gridmatters::{GridMatter, GridMatterClaim};
use crate::hierarchy::adjust::DissolvedUnit;
use crate::hierarchy::business_grids::{self, BusinessGrid};
use crate::hierarchy::{self, check, Unit, UnitKind};
use crate::party::{Branch, Committee, Meeting, Member};
use crate::people::pipeline::PipelineEvent;
use crate::people::{self, Employment, Person, RoleKind};
use crate::rectification::{Certificate, Mechanism, Plaque, Recheck, Registered, Secondment};
use crate::sampling::inspections::Inspection;
use crate::sampling::{self, DrawnCompound, FrameCompound, Sample};
use crate::scores::{Indicator, OutpostEvaluation, RectificationItem};
use crate::store::ledger;
use crate::store::Cached;
use crate::surveys::{self, Callback, Questionnaire, QuestionnaireResponse};
use crate::tasks::{DispatchTask, TaskProgress};
use crate::training::{TrainingParticipant, TrainingSession};

/// Every report key, in display order. Kinds not built yet report 0.
pub const KEYS: &[(&str, &str)] = &[
    ("grids.base", "基础网格"),
    ("grids.micro", "微网格"),
    ("grids.business_merged", "已全部纳入的业务网格"),
    ("people.grid_workers", "在岗网格员"),
    ("people.grid_workers_fulltime", "在岗专职网格员"),
    ("people.building_heads_info_officers", "在岗楼栋长、信息员"),
    ("people.community_workers", "在岗社区工作者"),
    ("people.published", "已公示人员"),
    ("people.grid_workers_published", "已公示的在岗网格员"),
    ("compounds.total", "小区（自然村/组）"),
    ("compounds.sanliang_complete", "三亮齐全的小区"),
    ("party.part_time_members", "兼职委员"),
    ("party.joint_meetings", "联席会议"),
    ("cobuild.projects_claimed", "累计认领的共建项目"),
    ("cobuild.projects_completed", "已完成的共建项目"),
    ("contacts.points", "领导联系点"),
    ("contacts.targets_covered", "有联系领导的对象"),
    ("contacts.visits", "领导走访"),
    ("demands.received", "收到的诉求"),
    ("demands.resolved", "已办结的诉求"),
    ("demands.resolved_on_time", "按期办结的诉求"),
    ("demands.received_resolved", "收到并已办结的诉求"),
    ("demands.assigned", "交办的诉求"),
    ("demands.overdue", "逾期未办结的诉求"),
    ("coordination.meetings", "协调机制工作会议"),
    ("lists.basic_duties", "基本履职事项"),
    ("lists.assisting_duties", "配合履职事项"),
    ("lists.taken_back", "上级部门收回事项"),
    ("gridlist.items", "网格事项"),
    ("gridlist.villages_claimed", "认领网格事项的村/社区"),
    ("training.sessions", "培训场次"),
    ("training.person_times", "培训人次"),
    ("training.community_workers_trained", "参加培训的社区工作者"),
    (
        "people.selected_from_community_workers",
        "从社区工作者中选拔进入乡镇的人员",
    ),
    ("admission.applied", "申请准入的事项"),
    ("admission.approved", "县级审批同意的准入事项"),
    ("admission.refused", "不予准入的事项"),
    ("admission.in_force", "已进入、未退出的准入事项"),
    ("admission.overdue_exit", "到期应退出的准入事项"),
    ("rectification.mechanisms_removed", "撤销或整合的工作机制"),
    ("rectification.plaques_removed", "摘除的牌子"),
    ("rectification.certificates_cancelled", "取消的证明事项"),
    ("rectification.secondments_active", "在借调的人员"),
    (
        "rectification.secondments_unapproved",
        "未经准入的在借调人员",
    ),
    ("rectification.rechecks", "专项整治回头看"),
    ("assessment.indicators", "在用考核指标"),
    ("assessment.rectifications_open", "未完成整改事项"),
    ("assessment.rectifications_overdue", "逾期未完成整改事项"),
    ("assessment.compounds_sampled", "本季度抽中的小区"),
    ("assessment.sample_rate", "本季度抽查的抽样基数（小区）"),
    (
        "assessment.compounds_checked",
        "抽中并已检查的小区（各季度合计）",
    ),
    ("assessment.compounds_quarters", "小区数（各季度合计）"),
    ("assessment.grids_inspected", "本半年已检查的网格"),
    ("assessment.questionnaires", "问卷答卷"),
    ("assessment.satisfaction", "满意评价（满意和基本满意）"),
    ("assessment.satisfaction_judged", "满意度评价总数"),
    ("assessment.callbacks", "电话回访（含诉求回访）"),
    ("tasks.total", "调度任务"),
    ("tasks.done", "已完成的调度任务"),
    ("tasks.behind", "进展滞后的调度任务"),
    ("tasks.overdue", "逾期未完成的调度任务"),
    ("tasks.reports", "报送的月度进展"),
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

            /// Whether `json` reads as a record of `kind` (nothing is kept);
            /// `Ok(false)` for an unknown kind.
            pub fn decodes(kind: &str, json: &[u8]) -> serde_json::Result<bool> {
                match kind {
                    $( $kind => drop(serde_json::from_slice::<$ty>(json)?), )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// [`Records::push_json`] from a JSON value already read (a package's
            /// line after its canonical check: not written out and read again).
            pub fn push_value(&mut self, kind: &str, v: serde_json::Value) -> serde_json::Result<bool> {
                match kind {
                    $( $kind => self.$field.push(serde_json::from_value(v)?), )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// The top-level text fields of `kind`'s last record as it is written
            /// out (defaults included), by name.
            pub fn text_fields(&self, kind: &str) -> Vec<String> {
                let last = match kind {
                    $( $kind => self.$field.last().and_then(|r| serde_json::to_value(r).ok()), )*
                    _ => None,
                };
                match last {
                    Some(serde_json::Value::Object(map)) => map
                        .into_iter()
                        .filter(|(_, x)| x.is_string())
                        .map(|(k, _)| k)
                        .collect(),
                    _ => Vec::new(),
                }
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
    grid_matters: GridMatter => "grid_matters", "网格事项";
    grid_matter_claims: GridMatterClaim => "grid_matter_claims", "网格事项认领";
    training_sessions: TrainingSession => "training_sessions", "培训";
    training_participants: TrainingParticipant => "training_participants", "培训参加人员";
    pipeline_events: PipelineEvent => "pipeline_events", "引育留用记录";
    admissions: Admission => "admissions", "准入事项";
    mechanisms: Mechanism => "mechanisms", "工作机制";
    plaques: Plaque => "plaques", "挂牌";
    certificates: Certificate => "certificates", "证明事项";
    secondments: Secondment => "secondments", "借调人员";
    rechecks: Recheck => "rechecks", "回头看";
    indicators: Indicator => "indicators", "考核指标";
    rectification_items: RectificationItem => "rectification_items", "整改事项";
    outpost_evaluations: OutpostEvaluation => "outpost_evaluations", "派出机构考核评价";
    samples: Sample => "samples", "抽查样本";
    inspections: Inspection => "inspections", "检查记录";
    questionnaires: Questionnaire => "questionnaires", "问卷";
    questionnaire_responses: QuestionnaireResponse => "questionnaire_responses", "问卷答卷";
    callbacks: Callback => "callbacks", "电话回访";
    dissolved_units: DissolvedUnit => "dissolved_units", "已撤销的单位";
    dispatch_tasks: DispatchTask => "dispatch_tasks", "调度任务";
    task_progress: TaskProgress => "task_progress", "月度进展";
}

impl Records {
    /// Every unit that stood on `day` (YYYY-MM-DD): those in the tree set up by
    /// then, and those 撤销 after it.
    pub fn units_on<'a, 'd>(&'a self, day: &'d str) -> impl Iterator<Item = &'a Unit> + 'd
    where
        'a: 'd,
    {
        self.units.iter().filter(move |u| set_up_by(u, day)).chain(
            self.dissolved_units
                .iter()
                .filter(move |d| d.stood_on(day))
                .map(|d| &d.unit),
        )
    }

    /// Every unit, in the tree or 撤销 (what a record of any day may name).
    pub fn units_ever(&self) -> Vec<&Unit> {
        self.units
            .iter()
            .chain(self.dissolved_units.iter().map(|d| &d.unit))
            .collect()
    }

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
            grid_matters: ledger::list(conn)?,
            grid_matter_claims: ledger::list(conn)?,
            training_sessions: ledger::list(conn)?,
            training_participants: ledger::list(conn)?,
            pipeline_events: ledger::list(conn)?,
            admissions: ledger::list(conn)?,
            mechanisms: ledger::list(conn)?,
            plaques: ledger::list(conn)?,
            certificates: ledger::list(conn)?,
            secondments: ledger::list(conn)?,
            rechecks: ledger::list(conn)?,
            indicators: ledger::list(conn)?,
            rectification_items: crate::scores::own_rectification_items(conn)?,
            outpost_evaluations: ledger::list(conn)?,
            samples: ledger::list(conn)?,
            inspections: ledger::list(conn)?,
            questionnaires: ledger::list(conn)?,
            questionnaire_responses: ledger::list(conn)?,
            callbacks: ledger::list(conn)?,
            dissolved_units: ledger::list(conn)?,
            dispatch_tasks: ledger::list(conn)?,
            task_progress: ledger::list(conn)?,
        })
    }
}

pub(crate) fn zero() -> Totals {
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
    /// A leader's visit to a contact point (领导走访).
    Visit(&'a Visit),
    Demand(&'a Demand),
    WorkingMeeting(&'a WorkingMeeting),
    DutyItem(&'a DutyItem),
    GridMatter(&'a GridMatter),
    /// A village or community with at least one claim of a grid matter.
    ClaimingVillage(&'a Unit),
    TrainingSession(&'a TrainingSession),
    /// Counted as its person-times: a head count as given, a person once.
    TrainingParticipant(&'a TrainingParticipant),
    PipelineEvent(&'a PipelineEvent),
    Admission(&'a Admission),
    /// An entry of a clean-up register (工作机制, 挂牌, 证明事项, 借调人员).
    Cleanup(&'a dyn Registered),
    Recheck(&'a Recheck),
    Indicator(&'a Indicator),
    Rectification(&'a RectificationItem),
    /// A compound drawn by the quarter's sample in force.
    SampledCompound(&'a Sample, &'a DrawnCompound),
    /// A compound of the frame the quarter's sample was drawn from.
    FrameCompound(&'a Sample, &'a FrameCompound),
    /// A compound standing in a quarter: counted once a quarter of the period
    /// (`assessment.compounds_quarters`, 小区季度抽查覆盖率's base).
    QuarterCompound(sampling::Quarter, &'a Unit),
    Inspection(&'a Inspection),
    /// A returned questionnaire.
    Response(&'a QuestionnaireResponse),
    /// One answer (question index) of a returned questionnaire to a satisfaction question.
    Answer(&'a QuestionnaireResponse, usize),
    Callback(&'a Callback),
    /// A demand's 回访, counted as a call-back.
    DemandCallback(&'a Demand),
    /// A task of the 月调度 list, as it stood on the day counted.
    Task(&'a DispatchTask),
    /// One month's report on a task (月度进展).
    TaskReport(&'a TaskProgress),
}

impl Item<'_> {
    /// How much the record adds to its total: a head count of a training as its
    /// number of people, every other record one.
    pub fn weight(&self) -> i64 {
        match self {
            Item::TrainingParticipant(p) => p.weight(),
            _ => 1,
        }
    }
}

/// The total of `key`: its members, each by its [`Item::weight`].
pub fn count(key: &str, r: &Records, as_of: NaiveDate) -> i64 {
    members(key, r, as_of).iter().map(Item::weight).sum()
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
    let on = as_of.to_string();
    // The units standing on the day: set up by then (设立日期), not 撤销 by then.
    let units = |k: UnitKind| -> Vec<Item<'a>> {
        let mut them: Vec<&Unit> = r.units_on(&on).filter(|u| u.kind == k).collect();
        // By code, a unit 撤销 since among the others (it came last).
        them.sort_by(|a, b| a.code.cmp(&b.code));
        them.into_iter().map(Item::Unit).collect()
    };
    let people = |f: &dyn Fn(&Person) -> bool| -> Vec<Item<'a>> {
        r.people
            .iter()
            .filter(|p| p.in_post_on(&on) && f(p))
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
    let admissions = |f: &dyn Fn(&Admission) -> bool| -> Vec<Item<'a>> {
        r.admissions
            .iter()
            .filter(|a| f(a))
            .map(Item::Admission)
            .collect()
    };
    let rectifications = |f: fn(&crate::scores::RectificationItem, NaiveDate) -> bool| {
        r.rectification_items
            .iter()
            .filter(|x| f(x, as_of))
            .map(Item::Rectification)
            .collect::<Vec<Item<'a>>>()
    };
    fn removed<'a, R: Registered>(list: &'a [R], as_of: NaiveDate) -> Vec<Item<'a>> {
        list.iter()
            .filter(|e| e.entry().removed_by(e.register(), as_of))
            .map(|e| Item::Cleanup(e))
            .collect()
    }
    // A person's roles and 公示 as they were on the day counted (a later 调岗 or 公示
    // change leaves a period already reported as it was).
    let has = |p: &Person, role: RoleKind| p.roles_on(&on).iter().any(|x| x.role == role);
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
        "grids.business_merged" => {
            let stood: std::collections::BTreeSet<&str> =
                r.units_on(&on).map(|u| u.id.as_str()).collect();
            r.business_grids
                .iter()
                .filter(|g| wholly_merged_on(g, &stood, &on))
                .map(Item::BusinessGrid)
                .collect()
        }
        "people.grid_workers" => people(&|p| has(p, RoleKind::GridWorker)),
        "people.grid_workers_fulltime" => people(&|p| {
            p.roles_on(&on).iter().any(|x| {
                x.role == RoleKind::GridWorker && x.employment == Some(Employment::FullTime)
            })
        }),
        "people.building_heads_info_officers" => {
            people(&|p| has(p, RoleKind::BuildingHead) || has(p, RoleKind::InfoOfficer))
        }
        "people.community_workers" => people(&|p| has(p, RoleKind::CommunityWorker)),
        "people.published" => people(&|p| p.published_on(&on)),
        "people.grid_workers_published" => {
            people(&|p| p.published_on(&on) && has(p, RoleKind::GridWorker))
        }
        "compounds.sanliang_complete" => {
            // One per compound the records hold: a branch naming no compound of them,
            // or a second branch of one, does not count, so 三亮率 never passes 100%
            // (a package with 20 such branches showed 223%).
            let compounds: std::collections::BTreeSet<&str> = r
                .units
                .iter()
                .filter(|u| u.kind == UnitKind::Compound)
                .map(|u| u.id.as_str())
                .collect();
            let mut seen = std::collections::BTreeSet::new();
            r.party_branches
                .iter()
                // As the board stood that day: an item taken down (撤下) since still
                // counts in the periods before (clearing the date changed 2025's 9).
                .filter(|b| b.complete_on(&on))
                .filter(|b| compounds.contains(b.compound_id.as_str()))
                .filter(|b| seen.insert(b.compound_id.as_str()))
                .map(Item::Branch)
                .collect()
        }
        "party.part_time_members" => {
            // Distinct people: the same name from the same partner unit is one person,
            // however many committees they sit on.
            let mut seen = std::collections::BTreeSet::new();
            r.committee_members
                .iter()
                .filter(|m| m.part_time && m.serving_on(&on))
                .filter(|m| seen.insert((m.name.trim(), m.partner_unit_id.as_deref())))
                .map(Item::Member)
                .collect()
        }
        "party.joint_meetings" => r.joint_meetings.iter().map(Item::Meeting).collect(),
        "cobuild.projects_claimed" => r
            .projects
            .iter()
            .filter(|p| p.reached_on(ProjectStatus::Claimed, &on).is_some())
            .map(Item::Project)
            .collect(),
        "cobuild.projects_completed" => r
            .projects
            .iter()
            .filter(|p| p.reached_on(ProjectStatus::Completed, &on).is_some())
            .map(Item::Project)
            .collect(),
        // In force on the day, as 覆盖 and 有联系领导的对象 count them (an ended point
        // was still counted, probe AA).
        "contacts.points" => r
            .contact_points
            .iter()
            .filter(|p| p.active(as_of))
            .map(Item::ContactPoint)
            .collect(),
        // By their day, as a visits list reads (probe V: in the order entered).
        "contacts.visits" => {
            let mut visits: Vec<&Visit> = r.visits.iter().collect();
            visits.sort_by(|a, b| a.visited_on.cmp(&b.visited_on));
            visits.into_iter().map(Item::Visit).collect()
        }
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
            .filter(|d| d.resolved_as_of(&on).is_some())
            .map(Item::Demand)
            .collect(),
        "demands.resolved_on_time" => r
            .demands
            .iter()
            .filter(|d| d.on_time_as_of(&on))
            .map(Item::Demand)
            .collect(),
        // 诉求办结率's numerator (S01): of the demands received (the rule dates them
        // by 受理日期), those resolved by the count day. 已办结的诉求 over 收到的诉求
        // counted older demands resolved in the period: 125%.
        "demands.received_resolved" => {
            let day = as_of.to_string();
            r.demands
                .iter()
                .filter(|d| d.resolved_by(&day))
                .map(Item::Demand)
                .collect()
        }
        // 交办: the brief's measures are received, assigned, resolved, on time (probe
        // AG: a county saw no 交办 figure of its townships).
        "demands.assigned" => r
            .demands
            .iter()
            .filter(|d| d.assigned_on().is_some())
            .map(Item::Demand)
            .collect(),
        "demands.overdue" => {
            let day = as_of.to_string();
            r.demands
                .iter()
                .filter(|d| d.overdue_on(&day))
                .map(Item::Demand)
                .collect()
        }
        "coordination.meetings" => r
            .working_meetings
            .iter()
            .map(Item::WorkingMeeting)
            .collect(),
        "lists.basic_duties" => duty_items(DutyList::Basic),
        "lists.assisting_duties" => duty_items(DutyList::Assisting),
        "lists.taken_back" => duty_items(DutyList::TakenBack),
        "gridlist.items" => r.grid_matters.iter().map(Item::GridMatter).collect(),
        "gridlist.villages_claimed" => {
            let claiming: std::collections::HashSet<&str> = r
                .grid_matter_claims
                .iter()
                .filter(|c| crate::gridmatters::claim_counts_on(c, as_of))
                .map(|c| c.village_id.as_str())
                .collect();
            r.units
                .iter()
                .filter(|u| u.kind == UnitKind::Village && claiming.contains(u.id.as_str()))
                .map(Item::ClaimingVillage)
                .collect()
        }
        "training.sessions" => r
            .training_sessions
            .iter()
            .filter(|s| crate::training::in_year(&s.date, as_of))
            .map(Item::TrainingSession)
            .collect(),
        "training.person_times" => {
            crate::training::person_time_rows(&r.training_sessions, &r.training_participants, as_of)
                .into_iter()
                .map(Item::TrainingParticipant)
                .collect()
        }
        "training.community_workers_trained" => {
            let att = crate::training::Attendance::of(
                &r.training_sessions,
                &r.training_participants,
                as_of,
            );
            people(&|p| has(p, RoleKind::CommunityWorker) && att.attended(p))
        }
        "people.selected_from_community_workers" => r
            .pipeline_events
            .iter()
            .filter(|e| people::pipeline::selected_from_community_workers(e, as_of))
            .map(Item::PipelineEvent)
            .collect(),
        "admission.applied" => admissions(&|a| a.applied_by(as_of)),
        "admission.approved" => admissions(&|a| a.approved_by(as_of)),
        "admission.refused" => admissions(&|a| a.refused_by(as_of)),
        "admission.in_force" => admissions(&|a| a.in_force(as_of)),
        "admission.overdue_exit" => admissions(&|a| a.overdue_exit(as_of)),
        "rectification.mechanisms_removed" => removed(&r.mechanisms, as_of),
        "rectification.plaques_removed" => removed(&r.plaques, as_of),
        "rectification.certificates_cancelled" => removed(&r.certificates, as_of),
        "rectification.secondments_active" => r
            .secondments
            .iter()
            .filter(|s| s.active_on(as_of))
            .map(|s| Item::Cleanup(s))
            .collect(),
        "rectification.secondments_unapproved" => r
            .secondments
            .iter()
            .filter(|s| s.active_on(as_of) && !s.approved)
            .map(|s| Item::Cleanup(s))
            .collect(),
        "rectification.rechecks" => r
            .rechecks
            .iter()
            .filter(|c| c.date.as_str() <= as_of.to_string().as_str())
            .map(Item::Recheck)
            .collect(),
        "assessment.indicators" => r
            .indicators
            .iter()
            .filter(|i| !i.retired)
            .map(Item::Indicator)
            .collect(),
        "assessment.rectifications_open" => rectifications(crate::scores::is_open),
        "assessment.rectifications_overdue" => rectifications(crate::scores::is_overdue),
        "assessment.compounds_sampled" => r
            .samples
            .iter()
            .filter(|s| sampling::counts_on(s, as_of))
            .flat_map(|s| s.drawn.iter().map(move |d| Item::SampledCompound(s, d)))
            .collect(),
        "assessment.sample_rate" => r
            .samples
            .iter()
            .filter(|s| sampling::counts_on(s, as_of))
            .flat_map(|s| s.frame.iter().map(move |c| Item::FrameCompound(s, c)))
            .collect(),
        // 小区季度抽查覆盖率 (S03) counts the compounds checked, not those drawn: of the
        // quarter's sample in force, each drawn compound with its first inspection
        // (初查) of the quarter made by the day, once. A period counts it per quarter
        // ([`Rule::Quarters`]).
        "assessment.compounds_checked" => {
            let quarter = sampling::Quarter::of(as_of).to_string();
            let today = as_of.to_string();
            let drawn: std::collections::BTreeSet<(&str, &str)> = r
                .samples
                .iter()
                .filter(|s| sampling::counts_on(s, as_of))
                .flat_map(|s| {
                    s.drawn
                        .iter()
                        .map(move |d| (s.owner_code.as_str(), d.compound_id.as_str()))
                })
                .collect();
            let mut seen = std::collections::BTreeSet::new();
            r.inspections
                .iter()
                .filter(|i| !i.is_grid() && i.is_first() && i.period == quarter)
                .filter(|i| day_of(&i.date) <= today.as_str())
                .filter(|i| drawn.contains(&(i.owner_code.as_str(), i.unit_id.as_str())))
                .filter(|i| seen.insert((i.owner_code.as_str(), i.unit_id.as_str())))
                .map(Item::Inspection)
                .collect()
        }
        // Its base: the compounds standing on the day, named by the day's quarter.
        "assessment.compounds_quarters" => {
            let quarter = sampling::Quarter::of(as_of);
            members("compounds.total", r, as_of)
                .into_iter()
                .filter_map(|i| match i {
                    Item::Unit(u) => Some(Item::QuarterCompound(quarter, u)),
                    _ => None,
                })
                .collect()
        }
        "assessment.grids_inspected" => {
            let half = sampling::HalfYear::of(as_of).to_string();
            let today = as_of.to_string();
            let mut seen = std::collections::BTreeSet::new();
            r.inspections
                .iter()
                .filter(|i| i.is_grid() && i.is_first() && i.period == half && i.date <= today)
                .filter(|i| seen.insert((i.owner_code.as_str(), i.unit_id.as_str())))
                .map(Item::Inspection)
                .collect()
        }
        "assessment.questionnaires" => papers().map(Item::Response).collect(),
        "assessment.satisfaction" => judgments(true),
        "assessment.satisfaction_judged" => judgments(false),
        "assessment.callbacks" => calls()
            .map(Item::Callback)
            .chain(demand_calls().map(|(d, _)| Item::DemandCallback(d)))
            .collect(),
        // 月调度: each task on the list by the day (entered, or reported on, by
        // then), as its newest report up to the day's month left it.
        "tasks.total" | "tasks.done" | "tasks.behind" | "tasks.overdue" => {
            let by = crate::tasks::reports_by_task(&r.task_progress);
            let mut them: Vec<&DispatchTask> = r
                .dispatch_tasks
                .iter()
                .filter(|t| {
                    let reports = by.get(t.id.as_str()).map_or(&[][..], Vec::as_slice);
                    if crate::tasks::listed_from(t, reports) > as_of {
                        return false;
                    }
                    let s = crate::tasks::standing_on(t, reports, as_of);
                    match key {
                        "tasks.done" => s.done,
                        "tasks.behind" => !s.done && s.behind,
                        "tasks.overdue" => s.overdue,
                        _ => true,
                    }
                })
                .collect();
            them.sort_by_cached_key(|t| (t.owner_code.clone(), crate::tasks::code_order(&t.code)));
            them.into_iter().map(Item::Task).collect()
        }
        // Every report of a month begun by the day (a period: of its months).
        "tasks.reports" => {
            let month = crate::tasks::month_of(as_of);
            let mut them: Vec<&TaskProgress> = r
                .task_progress
                .iter()
                .filter(|p| p.month <= month)
                .collect();
            them.sort_by(|a, b| a.month.cmp(&b.month));
            them.into_iter().map(Item::TaskReport).collect()
        }
        _ => Vec::new(),
    }
}

/// Counts `r` under every report key, as of the day `as_of`.
pub fn totals(r: &Records, as_of: NaiveDate) -> Totals {
    KEYS.iter()
        .map(|(k, _)| (k.to_string(), count(k, r, as_of)))
        .collect()
}

/// This office's own totals, equal to `totals(&Records::own(conn)?)` without loading
/// a single person: the people keys by aggregate queries, the rest by [`members`]
/// over the other (small) record kinds.
pub fn own_totals(conn: &Connection, today: NaiveDate) -> Result<Totals> {
    let records = Records::own_but_people(conn)?;
    let mut t = totals(&records, today);
    let roster = people_roster_counts(conn)?;
    t.extend(people_counts(conn, &roster, NOT_IN_POST_NOW, [])?);
    // Community workers in post (as `people.community_workers` counts them) with
    // a session this year.
    let att = crate::training::Attendance::of(
        &records.training_sessions,
        &records.training_participants,
        today,
    );
    let workers: Vec<(String, String, String)> = conn
        .prepare_cached(
            "SELECT id, name, id_number FROM people WHERE status = 'active' AND rowid IN
             (SELECT person FROM person_roles WHERE role = 'community_worker')",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    t.insert(
        "training.community_workers_trained".to_string(),
        workers
            .iter()
            .filter(|(id, name, idn)| !att.sessions_of(id, name, idn).is_empty())
            .count() as i64,
    );
    Ok(t)
}

/// Keys that describe an office's set-up, not its work: over several offices the
/// largest, not the sum (在用考核指标: each township scores by the county's system,
/// and three townships of 20 read 合计 60).
pub const NOT_SUMMED: &[&str] = &["assessment.indicators"];

/// `other`'s figures added into `into`: summed, but for [`NOT_SUMMED`].
pub fn add(into: &mut Totals, other: &Totals) {
    for (k, v) in other {
        let n = into.entry(k.clone()).or_insert(0);
        if NOT_SUMMED.contains(&k.as_str()) {
            *n = (*n).max(*v);
        } else {
            *n += v;
        }
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

/// 数据检查 (data check): the database's own check ([`check::run`]), then every
/// stored record read as its kind, this office's and those received from below. A
/// record that no longer reads (a byte changed on disk, which SQLite's check cannot
/// see) would fail the report later; here it is named and the check is not passed.
pub fn check(conn: &Connection) -> Result<check::CheckReport> {
    let mut report = check::run(conn)?;
    // Photos and minutes whose files are not beside the database (moved to a new PC
    // without them): the check said nothing of it.
    if let Some(db) = conn.path().filter(|p| !p.is_empty()) {
        let missing = crate::store::attachments::missing_count(conn, std::path::Path::new(db))?;
        if missing > 0 {
            report.findings.push(check::Finding {
                severity: "warning",
                message: crate::store::attachments::missing_advice(missing),
            });
        }
    }
    let mut problems = Vec::new();
    for kind in KINDS {
        let has_json: bool = conn.query_row(
            "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = 'json'",
            [kind],
            |r| r.get(0),
        )?;
        if !has_json {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT id, json FROM {kind} ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let json: String = r.get(1)?;
            if let Err(e) = Records::decodes(kind, json.as_bytes()) {
                let id: String = r.get(0)?;
                problems.push(crate::base::error::unreadable_record(
                    &format!("本单位的{}（编号 {id}）", kind_label(kind)),
                    &e,
                ));
            }
        }
    }
    let mut stmt = conn.prepare(
        "SELECT kind, json, office_code, record_id FROM snapshot_records
         ORDER BY snapshot_code, office_code, kind, record_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let json: String = r.get(1)?;
        if let Err(e) = Records::decodes(&kind, json.as_bytes()) {
            let (office, id): (String, String) = (r.get(2)?, r.get(3)?);
            problems.push(crate::base::error::unreadable_record(
                &received(&office, &kind, &id),
                &e,
            ));
        }
    }
    if !problems.is_empty() {
        let shown = problems
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("；");
        let mut text = format!("有 {} 条记录无法读取：{shown}", problems.len());
        if problems.len() > 3 {
            text.push_str("……");
        }
        report.integrity = if report.integrity == "ok" {
            text
        } else {
            format!("{}；{text}", report.integrity)
        };
    }
    report.findings.extend(in_post_in_several_offices(conn)?);
    report.findings.extend(resolved_without_deadline(conn)?);
    Ok(report)
}

/// Resolved demands without a 办理时限, this office's and those received: 按期办结率
/// counts each as on time (a ledger that never writes one reads 100%), said so that
/// the figure is not taken for more than it is.
fn resolved_without_deadline(conn: &Connection) -> Result<Option<check::Finding>> {
    const WHERE: &str = "json_extract(json, '$.status') IN ('resolved', 'called_back')
         AND coalesce(json_extract(json, '$.deadline'), '') = ''";
    let own: i64 = conn.query_row(
        &format!("SELECT count(*) FROM demands WHERE {WHERE}"),
        [],
        |r| r.get(0),
    )?;
    let received: i64 = conn.query_row(
        &format!("SELECT count(*) FROM snapshot_records WHERE kind = 'demands' AND {WHERE}"),
        [],
        |r| r.get(0),
    )?;
    let n = own + received;
    // This office's by title, so the clerk finds them (诉求 searched by title).
    let mut titles = conn.prepare_cached(&format!(
        "SELECT json_extract(json, '$.title') FROM demands WHERE {WHERE}
         ORDER BY json_extract(json, '$.receivedOn') DESC LIMIT 4"
    ))?;
    let titles: Vec<String> = titles
        .query_map([], |r| r.get::<_, Option<String>>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .map(|t| format!("“{t}”"))
        .collect();
    Ok((n > 0).then(|| check::Finding {
        severity: "warning",
        message: format!(
            "有 {n} 件已办结的诉求没有填办理时限{}{}：按期办结率把它们都算作按期办结。请在“诉求”里补上办理时限（如 12345 热线的承办时限），按期办结率才说明是否按期。",
            if titles.is_empty() {
                String::new()
            } else {
                format!("（本单位的{}）", crate::base::fields::first_few(&titles, 3))
            },
            if received > 0 {
                format!("（其中 {received} 件在收到的下级文件里）")
            } else {
                String::new()
            }
        ),
    }))
}

/// At a county or city, the first level that sees them together: one ID number in
/// post in several offices below, counted once in each (a worker listed by three
/// townships made 在岗网格员 three, and the check said nothing). At most
/// [`SHOWN_TWICE`] are named.
fn in_post_in_several_offices(conn: &Connection) -> Result<Vec<check::Finding>> {
    const SHOWN_TWICE: usize = 5;
    let mut stmt = conn.prepare(
        "SELECT json_extract(r.json, '$.idNumber'), json_extract(r.json, '$.name'), o.name
         FROM snapshot_records r
         JOIN snapshot_offices o ON o.snapshot_code = r.snapshot_code AND o.office_code = r.office_code
         WHERE r.kind = 'people' AND json_extract(r.json, '$.status') = 'active'
         ORDER BY r.office_code",
    )?;
    let mut by_id: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (Some(id), name, office) = row? else {
            continue;
        };
        let id = id.trim().to_ascii_uppercase();
        if id.is_empty() {
            continue;
        }
        let e = by_id
            .entry(id)
            .or_insert_with(|| (name.unwrap_or_default(), Vec::new()));
        if !e.1.contains(&office) {
            e.1.push(office);
        }
    }
    let twice: Vec<(String, (String, Vec<String>))> = by_id
        .into_iter()
        .filter(|(_, (_, o))| o.len() > 1)
        .collect();
    if twice.is_empty() {
        return Ok(Vec::new());
    }
    let named = crate::base::some_of(
        &twice,
        SHOWN_TWICE,
        "；",
        "人",
        |(id, (name, offices))| {
            format!(
                "{name}（{}）在{}",
                crate::base::identity::mask_id_number(id),
                offices.join("、")
            )
        },
    );
    Ok(vec![check::Finding {
        severity: "warning",
        message: format!(
            "同一身份证号码在几个下级单位都登记为在岗：{named}。每个单位各计一次，合计的在岗人数因此偏多，请与这些单位核对。"
        ),
    }])
}

/// A record received from `office` below, for messages.
fn received(office: &str, kind: &str, id: &str) -> String {
    format!(
        "收到的下级单位 {office} 的{}（编号 {id}）",
        kind_label(kind)
    )
}

/// The records a snapshot holds (all offices inside it), typed.
pub fn snapshot_records(
    conn: &Connection,
    snapshot_code: &str,
    office_code: Option<&str>,
) -> Result<Records> {
    // Two statements, so that each uses the primary key's prefix.
    type Row = (String, String, String, String);
    let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
    let rows: Vec<Row> = match office_code {
        Some(office) => conn
            .prepare_cached(
                "SELECT kind, json, office_code, record_id FROM snapshot_records
                 WHERE snapshot_code = ?1 AND office_code = ?2 ORDER BY kind, record_id",
            )?
            .query_map(rusqlite::params![snapshot_code, office], row)?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare_cached(
                "SELECT kind, json, office_code, record_id FROM snapshot_records
                 WHERE snapshot_code = ?1 ORDER BY office_code, kind, record_id",
            )?
            .query_map([snapshot_code], row)?
            .collect::<rusqlite::Result<_>>()?,
    };
    let mut records = Records::default();
    for (kind, json, office, id) in rows {
        records
            .push_json(&kind, json.as_bytes())
            .map_err(|e| crate::base::error::damaged_record(&received(&office, &kind, &id), &e))?;
    }
    Ok(records)
}

/// The records of one kind (`kind`, its table) of office `office` inside the file
/// held as `snapshot` (the office itself, or one inside a county's file), without
/// reading its other kinds.
pub fn held_records<D: serde::de::DeserializeOwned>(
    conn: &Connection,
    snapshot: &str,
    office: &str,
    kind: &str,
) -> Result<Vec<D>> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT record_id, json FROM snapshot_records
             WHERE snapshot_code = ?1 AND office_code = ?2 AND kind = ?3",
        )?
        .query_map(rusqlite::params![snapshot, office, kind], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, json)| {
            serde_json::from_str(&json)
                .map_err(|e| crate::base::error::damaged_record(&received(office, kind, &id), &e))
        })
        .collect()
}

/// The records of one kind (`kind`, its table) that the office `code` directly below
/// sent of its own, from the file held from it; `None` when none is held.
pub fn sent_by<D: serde::de::DeserializeOwned>(
    conn: &Connection,
    code: &str,
    kind: &str,
) -> Result<Option<Vec<D>>> {
    let held: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM snapshots WHERE code = ?1)")?
        .query_row([code], |r| r.get(0))?;
    if !held {
        return Ok(None);
    }
    held_records(conn, code, code, kind).map(Some)
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

/// What a drill-down row is (its `kind`): its name in Chinese, as the window's 类型
/// column shows it, and what the drill's `code` and `name` columns are headed when
/// its rows are of that kind ([`code_label`], [`name_label`]). One line a kind.
pub struct DrillKind {
    pub key: &'static str,
    pub label: &'static str,
    /// The heading of [`DrillRow::code`] for rows of this kind.
    pub code: &'static str,
    /// The heading of [`DrillRow::name`]: 姓名 where the rows are people, else 名称.
    pub name: &'static str,
}

impl DrillKind {
    const fn of(key: &'static str, label: &'static str, code: &'static str) -> DrillKind {
        DrillKind {
            key,
            label,
            code,
            name: "名称",
        }
    }

    const fn people(key: &'static str, label: &'static str, code: &'static str) -> DrillKind {
        DrillKind {
            name: "姓名",
            ..DrillKind::of(key, label, code)
        }
    }
}

pub const DRILL_KINDS: &[DrillKind] = &[
    DrillKind::of("unit", "组织单位", "代码"),
    DrillKind::people("person", "人员", "联系电话"),
    DrillKind::of("business_grid", "业务网格", "部门"),
    DrillKind::of("party_branch", "小区党支部", "小区代码"),
    DrillKind::people("committee_member", "委员", "职务"),
    DrillKind::of("joint_meeting", "联席会议", "召开日期"),
    DrillKind::of("project", "共建项目", "状态"),
    DrillKind::of("contact_point", "联系点", "联系类型"),
    DrillKind::of("visit", "走访记录", "走访日期"),
    DrillKind::of("demand", "诉求", "状态"),
    DrillKind::of("working_meeting", "工作会议", "召开日期"),
    DrillKind::of("duty_item", "履职事项", "编号"),
    DrillKind::of("grid_matter", "网格事项", "类别"),
    DrillKind::of("claiming_village", "认领的村/社区", "代码"),
    DrillKind::of("training_session", "培训", "培训日期"),
    DrillKind::people("training_participant", "培训参加人员", "身份证号码"),
    DrillKind::of("pipeline_event", "引育留用记录", "日期"),
    DrillKind::of("admission", "准入事项", "文号"),
    DrillKind::of("mechanisms", "工作机制", "编号"),
    DrillKind::of("plaques", "挂牌", "编号"),
    DrillKind::of("certificates", "证明事项", "编号"),
    DrillKind::of("secondments", "借调人员", "编号"),
    DrillKind::of("recheck", "回头看", "日期"),
    DrillKind::of("indicator", "考核指标", "指标编号"),
    DrillKind::of("rectification_item", "整改事项", "整改期限"),
    DrillKind::of("sample", "抽查样本", "小区代码"),
    DrillKind::of("inspection", "检查记录", "代码"),
    DrillKind::of("questionnaire_response", "问卷答卷", "答卷编号"),
    DrillKind::of("callback", "电话回访", "回访日期"),
    DrillKind::of("task", "调度任务", "任务编号"),
    DrillKind::of("task_report", "月度进展", "月份"),
];

fn drill_kind(key: &str) -> Option<&'static DrillKind> {
    DRILL_KINDS.iter().find(|k| k.key == key)
}

/// A drill row kind's Chinese name (the key itself for one not listed).
fn drill_label(key: &'static str) -> &'static str {
    drill_kind(key).map_or(key, |k| k.label)
}

/// One record behind a total, as the drill-down lists it. People are masked.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrillRow {
    /// `unit`, `person`, `business_grid` … ([`DRILL_KINDS`]).
    pub kind: &'static str,
    /// Its kind in Chinese ([`DRILL_KINDS`]; the key itself for one not listed).
    pub kind_label: &'static str,
    pub id: String,
    pub office_code: String,
    pub office_name: String,
    pub code: String,
    pub name: String,
    pub detail: String,
    /// `detail` as columns of their own, for the Excel file (类别, 受理日期, 办理时限 …):
    /// a county could sort no list by its 时限 nor filter 兼职 网格员, all of it in
    /// one 情况 cell (probe AO). Empty for the kinds that have none yet.
    #[serde(skip)]
    pub fields: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Drill {
    pub key: String,
    pub label: String,
    /// `own`, `all`, or the division code of an office below.
    pub scope: String,
    /// The total (`rows` stops at [`DRILL_LIMIT`]).
    pub count: usize,
    /// How many records it counts: fewer than `count` where a record counts
    /// several (a training's head count by 村/社区 is that many 人次).
    pub records: usize,
    /// What the rows' `code` column holds (联系电话 for people, 代码 for units …).
    pub code_label: &'static str,
    /// What the rows' `name` column holds: 姓名 where the rows are people, else 名称.
    pub name_label: &'static str,
    /// The period counted (`2026Q4`), empty for all time.
    pub period: String,
    pub rows: Vec<DrillRow>,
    /// How `count` stands to the rows where it is no sum of them ([`NOT_SUMMED`] over
    /// several offices: the 合计 36 opened 共 108 条); empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// At most this many rows are listed; `count` still says how many there are.
pub const DRILL_LIMIT: usize = 2000;

/// The heading of a drill-down's `code` column: by the key where its rows mix
/// kinds, else by the rows' kind ([`DrillRow::code`] differs by kind).
pub fn code_label(key: &str, rows: &[DrillRow]) -> &'static str {
    match key {
        "assessment.callbacks" => return "回访日期",
        "assessment.satisfaction" | "assessment.satisfaction_judged" => {
            return "答卷编号或回访日期"
        }
        _ => {}
    }
    rows.first()
        .and_then(|r| drill_kind(r.kind))
        .map_or("编号", |k| k.code)
}

/// The heading of a drill-down's `name` column ([`Drill::name_label`]).
pub fn name_label(rows: &[DrillRow]) -> &'static str {
    rows.first()
        .and_then(|r| drill_kind(r.kind))
        .map_or("名称", |k| k.name)
}

/// Writes a drill-down as a titled list: 单位, 名称 or 姓名, the code column under
/// its own heading ([`Drill::code_label`]), 情况 (as the window's drill table).
/// People stay masked.
pub fn write_drill_xlsx(
    conn: &Connection,
    path: &std::path::Path,
    d: &Drill,
    period_label: &str,
    today: NaiveDate,
) -> Result<()> {
    use crate::sheets::{self, SheetOut};
    // At a city each township's row names its county too (probe AK: the city's drill
    // export said 单位 青溪街道 and no county): the county whose file carried it.
    let at_city = crate::store::office::require(conn)?.level.as_str() == "city";
    let counties: BTreeMap<String, String> = if at_city {
        conn.prepare_cached("SELECT code, name FROM snapshots")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        BTreeMap::new()
    };
    let county_of = |code: &str| -> String {
        code.get(..6)
            .and_then(|c| counties.get(&format!("{c}000000")))
            .cloned()
            .unwrap_or_default()
    };
    // Columns of their own where every row has the same ([`DrillRow::fields`]),
    // else the one 情况 cell.
    let labels: Vec<&'static str> = d
        .rows
        .first()
        .map(|r| r.fields.iter().map(|(l, _)| *l).collect())
        .unwrap_or_default();
    let split = !labels.is_empty()
        && d.rows
            .iter()
            .all(|r| r.fields.iter().map(|(l, _)| *l).eq(labels.iter().copied()));
    let rows = d
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.office_name.clone(), r.name.clone(), r.code.clone()];
            if split {
                row.extend(r.fields.iter().map(|(_, v)| v.clone()));
            } else {
                row.push(r.detail.clone());
            }
            if at_city {
                row.insert(0, county_of(&r.office_code));
            }
            row
        })
        .collect();
    let mut headers: Vec<String> = vec!["单位".into(), d.name_label.into(), d.code_label.into()];
    let mut widths = vec![18.0, 28.0, 22.0];
    if split {
        headers.extend(labels.iter().map(|l| l.to_string()));
        widths.extend(labels.iter().map(|l| match *l {
            "所在网格/小区" => 28.0,
            l if l.ends_with("日期") || l.ends_with("时限") => 12.0,
            _ => 14.0,
        }));
    } else {
        headers.push("情况".into());
        widths.push(60.0);
    }
    // The split columns' days as dates a reviewer sorts by.
    let first_field = 3 + usize::from(at_city);
    if at_city {
        headers.insert(0, "县/区".into());
        widths.insert(0, 14.0);
    }
    let n = headers.len();
    let number_columns: Vec<usize> = if split {
        (first_field..n)
            .filter(|c| headers[*c].ends_with("日期") || headers[*c].ends_with("时限"))
            .collect()
    } else {
        vec![]
    };
    let mut title = sheets::Title::of_list(conn, "", today)?;
    title.text = format!("{}{}明细", title.office, d.label);
    if !period_label.is_empty() {
        title.period = format!("统计期间 {period_label}");
    }
    sheets::write_xlsx(
        path,
        &[SheetOut {
            name: "明细",
            text_columns: (0..n).filter(|c| !number_columns.contains(c)).collect(),
            headers,
            rows,
            widths,
            number_columns,
            hidden_columns: vec![],
            title: Some(title),
        }],
    )
}

pub fn label_of(key: &str) -> Option<&'static str> {
    crate::base::lookup(KEYS, key)
}

/// The key of the figure `label` names ([`KEYS`]' labels are unique): the other way
/// round from [`label_of`].
pub fn key_of(label: &str) -> Option<&'static str> {
    KEYS.iter().find(|(_, l)| *l == label).map(|(k, _)| *k)
}

/// The 村/社区 a unit lies in (itself if it is one), among `units` by id.
fn village_name<'a>(units: &BTreeMap<&str, &'a Unit>, u: &'a Unit) -> Option<&'a str> {
    let mut at = Some(u);
    for _ in 0..8 {
        let x = at?;
        if x.kind == UnitKind::Village {
            return Some(x.name.as_str());
        }
        at = x.parent_id.as_deref().and_then(|p| units.get(p).copied());
    }
    None
}

/// Where a person goes in a list of people: by role (网格员 first, as the roles are
/// declared), 专职 before 兼职, their units' codes (a grid's begins with its
/// 村/社区's), then the name by pinyin. Lists of many people came in registration
/// order (probe AN).
fn person_order(p: &Person, day: &str, units: &BTreeMap<&str, &Unit>) -> (String, String) {
    let roles: Vec<String> = p
        .roles_on(day)
        .iter()
        .map(|role| {
            let codes: Vec<&str> = role
                .unit_ids
                .iter()
                .filter_map(|id| units.get(id.as_str()).map(|u| u.code.as_str()))
                .collect();
            format!(
                "{}{:?}{}",
                role.role as u8,
                role.employment,
                codes.join(",")
            )
        })
        .collect();
    (roles.join(";"), crate::base::sortkey::sort_key(&p.name))
}

/// What a person held on `day`, as lists of people write it: 身份, 专职/兼职, 所属村/社区
/// and 所在网格/小区, each unit named by `unit_shown` (the drill marks one 撤销).
fn person_cells(
    p: &Person,
    day: &str,
    units: &BTreeMap<&str, &Unit>,
    unit_shown: impl Fn(&Unit) -> String,
) -> [String; 4] {
    let held = p.roles_on(day);
    let mut villages: Vec<&str> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    for u in held
        .iter()
        .flat_map(|x| x.unit_ids.iter())
        .filter_map(|id| units.get(id.as_str()).copied())
    {
        if let Some(v) = village_name(units, u) {
            if !villages.contains(&v) {
                villages.push(v);
            }
        }
        shown.push(unit_shown(u));
    }
    [
        held.iter()
            .map(|x| x.role.label())
            .collect::<Vec<_>>()
            .join("、"),
        held.iter()
            .find_map(|x| x.employment.map(|e| e.label()))
            .unwrap_or_default()
            .to_string(),
        villages.join("、"),
        shown.join("、"),
    ]
}

/// `day`: the count day, whose roles a person's row names ([`Person::roles_on`]).
fn drill_rows(items: &[Item], r: &Records, office_name: &str, day: &str, out: &mut Vec<DrillRow>) {
    // A row of the record `id` of the office `owner`.
    let row =
        |kind: &'static str, id: &str, owner: &str, code: String, name: String, detail: String| {
            DrillRow {
                kind,
                kind_label: drill_label(kind),
                id: id.to_string(),
                office_code: owner.to_string(),
                office_name: office_name.to_string(),
                code,
                name,
                detail,
                fields: Vec::new(),
            }
        };
    // Units 撤销 since too: a past period's worker names the grid they served.
    let unit_name: BTreeMap<&str, &Unit> = r
        .units_ever()
        .into_iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    let dissolved_on: BTreeMap<&str, &str> = r
        .dissolved_units
        .iter()
        .map(|d| (d.unit.id.as_str(), d.dissolved_on.as_str()))
        .collect();
    let marked = |u: &Unit| match dissolved_on.get(u.id.as_str()) {
        Some(d) => format!("{}（{d} 撤销）", u.name),
        None => u.name.clone(),
    };
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
    // A compound's 三亮 as it stands, on its row: a county saw 三亮 only for the
    // complete ones (probe AI: 竹园组's branch, missing only 党员身份, was nowhere).
    let branches: BTreeMap<&str, &Branch> = r
        .party_branches
        .iter()
        .map(|b| (b.compound_id.as_str(), b))
        .collect();
    let sanliang = |u: &Unit| -> String {
        if u.kind != UnitKind::Compound {
            return String::new();
        }
        match branches.get(u.id.as_str()) {
            Some(b) if b.exists => {
                let said = |item: &str, on: &Option<String>| match on {
                    Some(_) => "已亮",
                    None if b.taken_down.iter().any(|t| t.item == item) => "已撤下",
                    None => "未亮",
                };
                format!(
                    "党支部：架构{} · 职责{} · 党员身份{}",
                    said("structure", &b.structure_on),
                    said("duties", &b.duties_on),
                    said("identity", &b.identity_on)
                )
            }
            _ => "未建党支部".to_string(),
        }
    };
    let today_on = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    // Who links to each target on the day: a covered target's row names them (it
    // said only 组织单位 and the place, probe AE).
    let mut target_leaders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    if let Ok(on) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        for p in r.contact_points.iter().filter(|p| p.active(on)) {
            if let Some(l) = leaders.get(p.leader_id.as_str()) {
                target_leaders
                    .entry(p.unit_id.as_str())
                    .or_default()
                    .push(l.name.as_str());
            }
        }
    }
    let points: BTreeMap<&str, &ContactPoint> = r
        .contact_points
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let sessions: BTreeMap<&str, &TrainingSession> = r
        .training_sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let questionnaires: BTreeMap<&str, &Questionnaire> = r
        .questionnaires
        .iter()
        .map(|q| (q.id.as_str(), q))
        .collect();
    // A returned paper (问卷答卷), counted whole or by one of its answers.
    let community = |p: &QuestionnaireResponse| {
        unit_name
            .get(p.community_id.as_str())
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let paper_row = |p: &QuestionnaireResponse| {
        row(
            "questionnaire_response",
            &p.id,
            &p.owner_code,
            p.number.clone(),
            questionnaires
                .get(p.questionnaire_id.as_str())
                .map(|q| q.title.clone())
                .unwrap_or_default(),
            String::new(),
        )
    };
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
    // A person's unit under its 村/社区 (青溪社区 › 阳光花园第一网格): a list of 1,528
    // 网格员 named grids alone, with no 村/社区 to find them by (probe AN).
    let in_village = |u: &Unit| match village_name(&unit_name, u) {
        Some(v) if v != u.name => format!("{v} › {}", marked(u)),
        _ => marked(u),
    };
    let start = out.len();
    // Each person row's place ([`person_order`]).
    let mut order: Vec<(String, String)> = Vec::new();
    for item in items {
        if out.len() >= DRILL_LIMIT {
            break;
        }
        if let Item::Person(p) = item {
            order.push(person_order(p, day, &unit_name));
        }
        out.push(match item {
            // A unit, or one a leader's contact point reaches: the same row, the
            // latter with who does.
            Item::Unit(u) | Item::Target(u) => {
                let who = match item {
                    Item::Target(_) => target_leaders
                        .get(u.id.as_str())
                        .map(|names| format!("联系领导：{}", names.join("、")))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                row(
                    "unit",
                    &u.id,
                    &u.owner_code,
                    u.code.clone(),
                    marked(u),
                    dotted(&[u.label(), &path(u), &who, &sanliang(u)]),
                )
            }
            Item::Person(p) => {
                let roles: Vec<String> = p
                    .roles_on(day)
                    .iter()
                    .map(|role| {
                        let units: Vec<String> = role
                            .unit_ids
                            .iter()
                            .filter_map(|id| unit_name.get(id.as_str()).map(|u| in_village(u)))
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
                let [held, employment, villages, units] =
                    person_cells(p, day, &unit_name, |u| marked(u));
                DrillRow {
                    fields: vec![
                        ("身份", held),
                        ("专职/兼职", employment),
                        ("所属村/社区", villages),
                        ("所在网格/小区", units),
                    ],
                    ..row(
                        "person",
                        &p.id,
                        &p.owner_code,
                        crate::base::identity::mask_phone(&p.phone),
                        p.name.clone(),
                        roles.join("；"),
                    )
                }
            }
            Item::Branch(b) => {
                let c = unit_name.get(b.compound_id.as_str());
                row(
                    "party_branch",
                    &b.id,
                    &b.owner_code,
                    c.map(|c| c.code.clone()).unwrap_or_default(),
                    c.map(|c| c.name.clone()).unwrap_or_default(),
                    // As the board stood on the count day, not as it stands now.
                    format!(
                        "支部书记 {} · 亮架构 {} · 亮职责 {} · 亮身份 {}",
                        b.secretary,
                        b.item_on("structure", day),
                        b.item_on("duties", day),
                        b.item_on("identity", day)
                    ),
                )
            }
            Item::Member(m) => row(
                "committee_member",
                &m.id,
                &m.owner_code,
                m.post.clone(),
                m.name.clone(),
                // With its 任期 (probe AI: whose term ends this month was unsaid).
                dotted(&[
                    committees
                        .get(m.committee_id.as_str())
                        .copied()
                        .unwrap_or(""),
                    m.partner_unit_id
                        .as_deref()
                        .and_then(|p| partners.get(p).copied())
                        .unwrap_or(""),
                    &match (&m.term_start, &m.term_end) {
                        (None, None) => String::new(),
                        (s, e) => format!(
                            "任期 {} 至 {}",
                            s.as_deref().unwrap_or("—"),
                            e.as_deref().unwrap_or("—")
                        ),
                    },
                ]),
            ),
            Item::Meeting(m) => row(
                "joint_meeting",
                &m.id,
                &m.owner_code,
                m.held_on.clone(),
                committees
                    .get(m.committee_id.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                // What it decided, who does it, by when, and where it stands (probe
                // AI: 决定事项 2 项 said nothing of them).
                {
                    let decided: Vec<String> = m
                        .decisions
                        .iter()
                        .enumerate()
                        .map(|(n, d)| {
                            let stands = match (&d.done_on, today_on) {
                                (Some(done), _) => format!("已办结 {done}"),
                                (None, Some(on)) if d.overdue(on) => "已逾期".to_string(),
                                _ => "未办结".to_string(),
                            };
                            format!(
                                "{}. {}（{}{}{}）",
                                n + 1,
                                d.decision.lines().next().unwrap_or(""),
                                if d.owner.is_empty() {
                                    String::new()
                                } else {
                                    format!("{} · ", d.owner)
                                },
                                d.due_on
                                    .as_deref()
                                    .map(|due| format!("时限 {due} · "))
                                    .unwrap_or_default(),
                                stands
                            )
                        })
                        .collect();
                    format!(
                        "{}（决定事项 {} 项）{}",
                        m.topics.lines().next().unwrap_or(""),
                        m.decisions.len(),
                        if decided.is_empty() {
                            String::new()
                        } else {
                            format!("：{}", decided.join("；"))
                        }
                    )
                },
            ),
            Item::Project(p) => row(
                "project",
                &p.id,
                &p.owner_code,
                p.status.label().to_string(),
                p.title.clone(),
                // With the day it was completed (or started): a quarter's 已完成 said
                // which (probe Y: its drill-down gave no date).
                dotted(&[
                    unit_name
                        .get(p.village_id.as_str())
                        .map_or("", |u| u.name.as_str()),
                    &p.category,
                    &format!(
                        "认领：{}",
                        p.claims
                            .iter()
                            .filter_map(|c| partners.get(c.partner_unit_id.as_str()).copied())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    &match (&p.actual_start, &p.actual_end) {
                        (_, Some(end)) => format!("完成 {end}"),
                        (Some(start), None) => format!("开始 {start}"),
                        _ => String::new(),
                    },
                ]),
            ),
            Item::ContactPoint(p) => row(
                "contact_point",
                &p.id,
                &p.owner_code,
                leaders
                    .get(p.leader_id.as_str())
                    .map(|l| l.level.link().1)
                    .unwrap_or("")
                    .to_string(),
                leaders
                    .get(p.leader_id.as_str())
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                unit_name
                    .get(p.unit_id.as_str())
                    .map(|u| path(u))
                    .unwrap_or_default(),
            ),
            Item::Visit(v) => {
                let point = points.get(v.contact_point_id.as_str());
                let found = v.found.lines().next().unwrap_or("");
                row(
                    "visit",
                    &v.id,
                    &v.owner_code,
                    v.visited_on.clone(),
                    point
                        .and_then(|p| leaders.get(p.leader_id.as_str()))
                        .map(|l| l.name.clone())
                        .unwrap_or_default(),
                    format!(
                        "{}{}",
                        point
                            .and_then(|p| unit_name.get(p.unit_id.as_str()))
                            .map(|u| path(u))
                            .unwrap_or_default(),
                        if found.is_empty() {
                            String::new()
                        } else {
                            format!(" · 发现：{found}")
                        }
                    ),
                )
            }
            Item::Demand(d) => DrillRow {
                fields: vec![
                    ("类别", d.category.clone()),
                    (
                        "村/社区",
                        d.unit_id
                            .as_deref()
                            .and_then(|id| unit_name.get(id))
                            .map(|u| u.name.clone())
                            .unwrap_or_default(),
                    ),
                    ("受理日期", d.received_on.clone()),
                    ("办理时限", d.deadline.clone().unwrap_or_default()),
                    ("办结日期", d.resolved_on.clone().unwrap_or_default()),
                    (
                        "是否逾期",
                        if d.overdue_on(day) { "是" } else { "否" }.into(),
                    ),
                ],
                ..row(
                    "demand",
                    &d.id,
                    &d.owner_code,
                    d.status.label().to_string(),
                    d.title.clone(),
                    format!(
                        "{} · 受理 {} · 时限 {} · 办结 {}",
                        d.category,
                        d.received_on,
                        d.deadline.as_deref().unwrap_or("—"),
                        d.resolved_on.as_deref().unwrap_or("—")
                    ),
                )
            },
            Item::WorkingMeeting(m) => row(
                "working_meeting",
                &m.id,
                &m.owner_code,
                m.held_on.clone(),
                groups
                    .get(m.group_id.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                format!(
                    "{}（决定事项 {} 项）",
                    m.topics.lines().next().unwrap_or(""),
                    m.decisions.len()
                ),
            ),
            Item::Response(p) => DrillRow {
                detail: format!(
                    "{} · 填写日期 {}",
                    community(p),
                    p.answered_on.as_deref().unwrap_or("—")
                ),
                ..paper_row(p)
            },
            Item::Answer(p, i) => DrillRow {
                detail: format!(
                    "{} · 第 {} 题{} · {}",
                    community(p),
                    i + 1,
                    questionnaires
                        .get(p.questionnaire_id.as_str())
                        .and_then(|q| q.questions.get(*i))
                        .map(|q| format!("“{}”", q.text))
                        .unwrap_or_default(),
                    p.answers.get(*i).map(String::as_str).unwrap_or("")
                ),
                ..paper_row(p)
            },
            Item::Callback(c) => row(
                "callback",
                &c.id,
                &c.owner_code,
                c.called_on.clone(),
                c.person_name.clone(),
                dotted(&[
                    unit_name
                        .get(c.community_id.as_str())
                        .map_or("", |u| u.name.as_str()),
                    &crate::base::identity::mask_phone(&c.phone),
                    &if c.topic_name.is_empty() {
                        c.topic.label().to_string()
                    } else {
                        format!("{}“{}”", c.topic.label(), c.topic_name)
                    },
                    c.result.label(),
                ]),
            ),
            Item::DemandCallback(d) => row(
                "demand",
                &d.id,
                &d.owner_code,
                surveys::demand_callback(d)
                    .map(|(on, _)| on.to_string())
                    .unwrap_or_default(),
                d.title.clone(),
                dotted(&[
                    "诉求回访",
                    &crate::base::identity::mask_phone(&d.reporter_phone),
                    surveys::demand_callback(d).map_or("", |(_, r)| r.label()),
                ]),
            ),
            Item::Task(t) => {
                let reports: Vec<&TaskProgress> = r
                    .task_progress
                    .iter()
                    .filter(|p| p.task_id == t.id)
                    .collect();
                let on = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap_or_default();
                let s = crate::tasks::standing_on(t, &reports, on);
                let deadline = t.deadline.as_deref().unwrap_or("长期");
                row(
                    "task",
                    &t.id,
                    &t.owner_code,
                    t.code.clone(),
                    t.title.clone(),
                    dotted(&[
                        &format!("牵头单位 {}", t.lead),
                        &format!("完成时限 {deadline}"),
                        &s.latest.map_or("未报进展".to_string(), |p| {
                            format!(
                                "{} {}",
                                crate::tasks::month_label(&p.month),
                                p.status.label()
                            )
                        }),
                        if s.overdue { "逾期" } else { "" },
                    ]),
                )
            }
            Item::TaskReport(p) => {
                let task = r.dispatch_tasks.iter().find(|t| t.id == p.task_id);
                row(
                    "task_report",
                    &p.id,
                    &p.owner_code,
                    crate::tasks::month_label(&p.month),
                    task.map_or_else(String::new, |t| format!("{} {}", t.code, t.title)),
                    dotted(&[
                        p.status.label(),
                        &crate::base::fields::first_chars(&p.progress, 40),
                    ]),
                )
            }
            Item::DutyItem(d) => row(
                "duty_item",
                &d.id,
                &d.owner_code,
                d.number.clone(),
                d.name.clone(),
                match d.list {
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
            ),
            Item::GridMatter(m) => row(
                "grid_matter",
                &m.id,
                &m.owner_code,
                m.category.label().to_string(),
                m.name.clone(),
                {
                    let n = r
                        .grid_matter_claims
                        .iter()
                        .filter(|c| c.matter_id == m.id)
                        .count();
                    match m.frequency.as_str() {
                        "" => format!("{n} 个村/社区认领"),
                        f => format!("{f} · {n} 个村/社区认领"),
                    }
                },
            ),
            Item::ClaimingVillage(u) => {
                let mut names: Vec<&str> = r
                    .grid_matter_claims
                    .iter()
                    .filter(|c| c.village_id == u.id)
                    .filter_map(|c| {
                        r.grid_matters
                            .iter()
                            .find(|m| m.id == c.matter_id)
                            .map(|m| m.name.as_str())
                    })
                    .collect();
                names.sort_unstable();
                row(
                    "claiming_village",
                    &u.id,
                    &u.owner_code,
                    u.code.clone(),
                    u.name.clone(),
                    format!("认领 {} 项：{}", names.len(), names.join("、")),
                )
            }
            Item::TrainingSession(t) => row(
                "training_session",
                &t.id,
                &t.owner_code,
                t.date.clone(),
                t.topic.clone(),
                format!(
                    "{} · {} · {} 学时 · {}",
                    t.level.label(),
                    t.organiser,
                    crate::training::hours_text(t.hours),
                    t.method.label()
                ),
            ),
            Item::TrainingParticipant(p) => {
                let session = sessions.get(p.session_id.as_str());
                let held = session.map_or_else(String::new, |s| format!("{} {}", s.date, s.topic));
                row(
                    "training_participant",
                    &p.id,
                    &p.owner_code,
                    p.id_number_masked.clone(),
                    // A head count names its community, not a person (probe AG: 青溪社区
                    // read as a participant's name).
                    match p.head_count {
                        Some(n) => format!("{}（按人数 {n} 人）", p.name),
                        None => p.name.clone(),
                    },
                    match p.head_count {
                        Some(n) => format!("{held} · {n} 人"),
                        None if p.person_id.is_some() => held,
                        None => format!("{held} · 名单（未对应到人员）"),
                    },
                )
            }
            Item::PipelineEvent(e) => row(
                "pipeline_event",
                &e.id,
                &e.owner_code,
                e.date.clone(),
                e.name.clone(),
                if e.detail.is_empty() {
                    e.event.label().to_string()
                } else {
                    format!("{} · {}", e.event.label(), e.detail)
                },
            ),
            Item::Admission(a) => row(
                "admission",
                &a.id,
                &a.owner_code,
                a.document_number.clone(),
                a.matter.clone(),
                format!(
                    "{} · {} · {}{}",
                    a.department,
                    a.step.label(),
                    a.term.label(),
                    a.end_date
                        .as_deref()
                        .map(|e| format!("（至 {e}）"))
                        .unwrap_or_default()
                ),
            ),
            Item::Cleanup(e) => DrillRow {
                fields: Vec::new(),
                kind: e.register().as_str(),
                kind_label: drill_label(e.register().as_str()),
                id: e.record_id().to_string(),
                office_code: e.owner().to_string(),
                office_name: office_name.to_string(),
                code: String::new(),
                name: e.entry().name.clone(),
                detail: match e
                    .entry()
                    .unit_id
                    .as_deref()
                    .and_then(|id| unit_name.get(id))
                {
                    Some(u) => format!("{} · {}", u.name, e.detail()),
                    None => e.detail(),
                },
            },
            Item::Recheck(c) => row(
                "recheck",
                &c.id,
                &c.owner_code,
                c.date.clone(),
                c.entry_name.clone(),
                format!(
                    "{} · {}{}",
                    c.register.label(),
                    if c.rebound { "反弹 · " } else { "" },
                    c.found
                ),
            ),
            Item::Indicator(i) => row(
                "indicator",
                &i.id,
                &i.owner_code,
                i.code.clone(),
                i.name.clone(),
                format!(
                    "{} · {} 分 · {}",
                    i.group.label(),
                    i.points,
                    // By its figures' names, as 考核 shows it (it read
                    // 100 * compounds.sanliang_complete / compounds.total).
                    if i.formula.is_empty() {
                        i.method.label().to_string()
                    } else {
                        crate::scores::formula::named(&i.formula)
                            .replace(" * ", " × ")
                            .replace(" / ", " ÷ ")
                    }
                ),
            ),
            Item::Rectification(x) => row(
                "rectification_item",
                &x.id,
                &x.owner_code,
                x.deadline.clone().unwrap_or_default(),
                x.item.clone(),
                format!(
                    "{} · 责任人 {} · 期限 {}",
                    x.notice,
                    x.owner,
                    x.deadline.as_deref().unwrap_or("—")
                ),
            ),
            Item::SampledCompound(s, d) => row(
                "sample",
                &s.id,
                &s.owner_code,
                d.compound_code.clone(),
                d.compound_name.clone(),
                format!(
                    "{} · {} 抽中 · 检查人员 {}{}",
                    d.community_name,
                    s.quarter,
                    d.inspector_names.join("、"),
                    sampling::drawn_when(s)
                ),
            ),
            Item::FrameCompound(s, c) => row(
                "sample",
                &s.id,
                &s.owner_code,
                c.code.clone(),
                c.name.clone(),
                format!(
                    "{} · {}{}",
                    c.community_name,
                    s.quarter,
                    if s.drawn.iter().any(|d| d.compound_id == c.id) {
                        " 抽中"
                    } else {
                        " 未抽中"
                    }
                ),
            ),
            Item::QuarterCompound(q, u) => row(
                "unit",
                &u.id,
                &u.owner_code,
                u.code.clone(),
                marked(u),
                dotted(&[&q.label(), &path(u)]),
            ),
            Item::Inspection(i) => row(
                "inspection",
                &i.id,
                &i.owner_code,
                i.unit_code.clone(),
                i.unit_name.clone(),
                format!(
                    "{} · {} · {} 检查 · {} 分 · 检查人员 {}",
                    i.community_name,
                    i.unit_kind.label(),
                    i.date,
                    i.total(),
                    i.inspectors_text()
                ),
            ),
            Item::BusinessGrid(g) => row(
                "business_grid",
                &g.id,
                &g.owner_code,
                g.department.clone(),
                g.name.clone(),
                g.mappings
                    .iter()
                    .map(|m| m.base_grid_name.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        });
    }
    // An office's people in order of their role and 村/社区 › grid, then name by
    // pinyin: they came in the order they were registered (probe AN).
    if order.len() == out.len() - start {
        let rows = out.split_off(start);
        let mut placed: Vec<_> = order.into_iter().zip(rows).collect();
        placed.sort_by(|a, b| a.0.cmp(&b.0));
        out.extend(placed.into_iter().map(|(_, row)| row));
    }
}

/// The offices inside the snapshots held: (snapshot code, office code, name), in code order.
pub(crate) fn offices_inside(
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

/// 联系点 › 覆盖 of an office below, from the records its file holds, as of the day
/// it was exported: what it covers and its gaps (the list of every target is left
/// out). A county saw only 有联系领导的对象 11, not out of how many nor which
/// communities had no leader (probe AA).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedCoverage {
    pub office_code: String,
    pub office_name: String,
    /// The day its file was exported: the day its points are counted on.
    pub as_of: String,
    #[serde(flatten)]
    pub coverage: crate::contacts::Coverage,
}

/// Every office below (snapshot, office, name, exported at), by the file that holds
/// it: a township inside a county's file after that county, named with it
/// (青溪街道（江宁区报送）: a city listed three townships with no word of their
/// counties, probe AE).
pub(crate) fn offices_below_named(
    conn: &Connection,
) -> Result<Vec<(String, String, String, String)>> {
    let mut inside = offices_inside(conn, None)?;
    let senders: std::collections::HashMap<String, String> = inside
        .iter()
        .filter(|(snapshot, office, ..)| snapshot == office)
        .map(|(snapshot, _, name, _)| (snapshot.clone(), name.clone()))
        .collect();
    inside.sort_by(|a, b| (&a.0, a.0 != a.1, &a.1).cmp(&(&b.0, b.0 != b.1, &b.1)));
    Ok(inside
        .into_iter()
        .map(|(snapshot, office, name, exported_at)| {
            let name = match senders.get(&snapshot) {
                Some(sender) if snapshot != office => format!("{name}（{sender}报送）"),
                _ => name,
            };
            (snapshot, office, name, exported_at)
        })
        .collect())
}

/// A demand of an office below that its level is to handle (分级办理): graded or
/// escalated to 县/区 (or 市) at a county, to 市 at a city, as its file holds it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedDemand {
    pub office_code: String,
    pub office_name: String,
    /// Its file's export day: the day 逾期 is told on.
    pub as_of: String,
    pub id: String,
    pub title: String,
    pub category: String,
    /// The village or community it came from.
    pub unit_name: String,
    pub level_label: &'static str,
    pub department: String,
    pub received_on: String,
    pub deadline: String,
    pub status_label: &'static str,
    pub resolved_on: String,
    /// Past its 办理时限 and not resolved on `as_of`.
    pub overdue: bool,
    /// 诉求内容, 办理结果 and its 办理记录, for the row's 详情 (probe AH: the county
    /// saw neither what it was about nor why it was sent up).
    pub description: String,
    pub result: String,
    pub history: Vec<crate::demands::DemandEvent>,
}

static RECEIVED_DEMAND_COLUMNS: &[crate::sheets::import::Column] = &[
    crate::sheets::import::col("office", "报送单位", &[], false, false, "", 16.0),
    crate::sheets::import::col("asOf", "数据截至", &[], false, false, "", 12.0),
    crate::sheets::import::col("title", "诉求事项", &[], false, false, "", 24.0),
    crate::sheets::import::col("category", "类别", &[], false, false, "", 10.0),
    crate::sheets::import::col("unit", "村/社区", &[], false, false, "", 12.0),
    crate::sheets::import::col("level", "办理层级", &[], false, false, "", 8.0),
    crate::sheets::import::col("department", "承办部门", &[], false, false, "", 14.0),
    crate::sheets::import::col("receivedOn", "受理日期", &[], false, false, "", 12.0),
    crate::sheets::import::col("deadline", "办理时限", &[], false, false, "", 12.0),
    crate::sheets::import::col("status", "状态", &[], false, false, "", 10.0),
    crate::sheets::import::col("resolvedOn", "办结日期", &[], false, false, "", 12.0),
    crate::sheets::import::col("overdue", "是否逾期", &[], false, false, "", 8.0),
    crate::sheets::import::col("description", "诉求内容", &[], false, false, "", 36.0),
    crate::sheets::import::col("result", "办理结果", &[], false, false, "", 30.0),
];

/// [`received_demands`] as a titled .xlsx (下级报送的诉求), the list a county or city
/// forwards to its departments (probe AK: the tab had no export): → rows written.
pub fn export_received_demands(
    conn: &Connection,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<usize> {
    crate::base::outfile::check_target(path, &["xlsx"], &[])?;
    let rows: Vec<Vec<String>> = received_demands(conn)?
        .into_iter()
        .map(|d| {
            vec![
                d.office_name,
                d.as_of,
                d.title,
                d.category,
                d.unit_name,
                d.level_label.to_string(),
                if d.department.is_empty() {
                    "未交办".to_string()
                } else {
                    d.department
                },
                d.received_on,
                d.deadline,
                d.status_label.to_string(),
                d.resolved_on,
                if d.overdue { "是" } else { "否" }.to_string(),
                d.description,
                d.result,
            ]
        })
        .collect();
    let n = rows.len();
    let title = crate::sheets::Title::of_list(conn, "下级报送的诉求", today)?;
    crate::sheets::write_list(
        path,
        ("下级报送的诉求", RECEIVED_DEMAND_COLUMNS, rows),
        title,
    )?;
    Ok(n)
}

/// [`RECEIVED_PEOPLE_COLUMNS`] at a city: the county first.
static RECEIVED_PEOPLE_AT_CITY: [crate::sheets::import::Column; 17] = crate::sheets::import::then(
    &[crate::sheets::import::col(
        "county",
        "县/区",
        &[],
        false,
        true,
        "",
        12.0,
    )],
    RECEIVED_PEOPLE_COLUMNS,
);

const RECEIVED_PEOPLE_COLUMNS: [crate::sheets::import::Column; 16] = [
    crate::sheets::import::col("office", "报送单位", &[], false, true, "", 16.0),
    crate::sheets::import::col("code", "区划代码", &[], false, true, "", 14.0),
    crate::sheets::import::col("asOf", "数据截至", &[], false, false, "", 12.0),
    crate::sheets::import::col("name", "姓名", &[], false, true, "", 10.0),
    crate::sheets::import::col("gender", "性别", &[], false, true, "", 6.0),
    crate::sheets::import::col("birthDate", "出生日期", &[], false, false, "", 12.0),
    crate::sheets::import::col("idNumber", "身份证号码", &[], false, true, "", 22.0),
    crate::sheets::import::col("phone", "手机号码", &[], false, true, "", 14.0),
    crate::sheets::import::col("politicalStatus", "政治面貌", &[], false, true, "", 12.0),
    crate::sheets::import::col("education", "学历", &[], false, true, "", 10.0),
    crate::sheets::import::col("role", "身份", &[], false, true, "", 16.0),
    crate::sheets::import::col("employment", "专职/兼职", &[], false, true, "", 8.0),
    crate::sheets::import::col("village", "所属村/社区", &[], false, true, "", 14.0),
    crate::sheets::import::col("units", "所在网格/小区", &[], false, true, "", 28.0),
    crate::sheets::import::col("startDate", "到岗日期", &[], false, false, "", 12.0),
    crate::sheets::import::col("published", "是否公示", &[], false, true, "", 8.0),
];

/// 下级报送的在岗人员名单: everyone in post in the files of every office below, as
/// each file holds them on its export day, one sheet with the office's name and code
/// on every row, in order of office, role, 村/社区 and grid, then name; numbers
/// masked. The city asks a county for its whole 网格员花名册, and a county had only
/// its own (empty) roster and 统计's one-column lists (probe AO). → rows written.
pub fn export_received_people(
    conn: &Connection,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<usize> {
    use crate::base::identity::{mask_id_number, mask_phone};
    crate::base::outfile::check_target(path, &["xlsx"], &[])?;
    // At a city, each row's county in a column of its own, to filter by (probe AP:
    // 青溪街道（江宁区报送） in one cell).
    let at_city = crate::store::office::require(conn)?.level.as_str() == "city";
    let inside = offices_inside(conn, None)?;
    let county_of: BTreeMap<&str, &str> = inside
        .iter()
        .filter(|(snapshot, office, ..)| snapshot == office)
        .map(|(snapshot, _, name, _)| (snapshot.as_str(), name.as_str()))
        .collect();
    let plain_name = |snapshot: &str, office: &str| {
        inside
            .iter()
            .find(|(s, o, ..)| s == snapshot && o == office)
            .map(|x| x.2.clone())
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (snapshot, office, shown, exported_at) in offices_below_named(conn)? {
        let name = plain_name(&snapshot, &office).unwrap_or(shown);
        let county = county_of
            .get(snapshot.as_str())
            .map(|c| c.to_string())
            .unwrap_or_default();
        let r = snapshot_records(conn, &snapshot, Some(&office))?;
        let day = as_of(&exported_at).to_string();
        let units: BTreeMap<&str, &Unit> = r.units.iter().map(|u| (u.id.as_str(), u)).collect();
        let mut here: Vec<((String, String), Vec<String>)> = Vec::new();
        for p in r.people.iter().filter(|p| p.in_post_on(&day)) {
            let [held, employment, villages, units_held] =
                person_cells(p, &day, &units, |u| u.name.clone());
            let order = person_order(p, &day, &units);
            let mut row = vec![
                name.clone(),
                office.clone(),
                day.clone(),
                p.name.clone(),
                p.gender.label().to_string(),
                p.birth_date.clone(),
                mask_id_number(&p.id_number),
                mask_phone(&p.phone),
                p.political_status.clone(),
                p.education.clone(),
                held,
                employment,
                villages,
                units_held,
                p.start_date.clone().unwrap_or_default(),
                if p.published_on(&day) { "是" } else { "否" }.to_string(),
            ];
            if at_city {
                row.insert(0, county.clone());
            }
            here.push((order, row));
        }
        here.sort_by(|a, b| a.0.cmp(&b.0));
        rows.extend(here.into_iter().map(|(_, row)| row));
    }
    let n = rows.len();
    let mut title = crate::sheets::Title::of_list(conn, "下级报送的在岗人员名单", today)?;
    title.period = "各单位按其交换文件导出之日（见“数据截至”）\u{3000}\u{3000}离岗人员不在表内\u{3000}\u{3000}身份证号码、手机号码已打码".to_string();
    let columns: &'static [crate::sheets::import::Column] = if at_city {
        &RECEIVED_PEOPLE_AT_CITY
    } else {
        &RECEIVED_PEOPLE_COLUMNS
    };
    crate::sheets::write_list(path, ("下级报送的人员名单", columns, rows), title)?;
    Ok(n)
}

/// [`ReceivedDemand`]s of every office below, overdue first, then by 受理日期 (a
/// county saw 收到 0 on its 诉求 page and no word of the demands escalated to it,
/// probe AG). A township's own level's demands stay with it.
pub fn received_demands(conn: &Connection) -> Result<Vec<ReceivedDemand>> {
    use crate::demands::Level;
    let level = crate::store::office::require(conn)?.level;
    let at_least = if level.as_str() == "city" {
        Level::City
    } else {
        Level::County
    };
    let mut out = Vec::new();
    for (snapshot, office, name, exported_at) in offices_below_named(conn)? {
        let r = snapshot_records(conn, &snapshot, Some(&office))?;
        let day = as_of(&exported_at);
        let on = day.to_string();
        let units: BTreeMap<&str, &str> = r
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect();
        let departments: BTreeMap<&str, &str> = r
            .departments
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str()))
            .collect();
        for d in r.demands.iter().filter(|d| d.level >= at_least) {
            out.push(ReceivedDemand {
                office_code: office.clone(),
                office_name: name.clone(),
                as_of: on.clone(),
                id: d.id.clone(),
                title: d.title.clone(),
                category: d.category.clone(),
                unit_name: d
                    .unit_id
                    .as_deref()
                    .and_then(|u| units.get(u))
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                level_label: d.level.label(),
                department: d
                    .department_id
                    .as_deref()
                    .and_then(|id| departments.get(id))
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                received_on: d.received_on.clone(),
                deadline: d.deadline.clone().unwrap_or_default(),
                status_label: d.status.label(),
                resolved_on: d.resolved_on.clone().unwrap_or_default(),
                overdue: d.overdue_on(&on),
                description: d.description.clone(),
                result: d.result.clone(),
                history: d.history.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        (!a.overdue, &a.received_on, &a.office_code).cmp(&(
            !b.overdue,
            &b.received_on,
            &b.office_code,
        ))
    });
    Ok(out)
}

/// [`ReceivedCoverage`] of every office below, by the file that holds it, as
/// [`offices_below_named`] names them.
pub fn received_coverage(conn: &Connection) -> Result<Vec<ReceivedCoverage>> {
    let mut out = Vec::new();
    for (snapshot, office, name, exported_at) in offices_below_named(conn)? {
        let r = snapshot_records(conn, &snapshot, Some(&office))?;
        let day = as_of(&exported_at);
        let on = day.to_string();
        let mut units: Vec<Unit> = r.units_on(&on).cloned().collect();
        units.sort_by(|a, b| a.code.cmp(&b.code).then_with(|| a.id.cmp(&b.id)));
        let mut coverage = crate::contacts::coverage_of(&units, &r.leaders, &r.contact_points, day);
        coverage.rows.clear();
        out.push(ReceivedCoverage {
            office_code: office,
            office_name: name,
            as_of: on,
            coverage,
        });
    }
    Ok(out)
}

/// The records behind one total: `scope` is `own` (this office), a division code
/// of an office below (everything its package holds), or `all`. This office's own
/// records as of `today`; each office below as of its package's export date, as its
/// totals were counted. Read one office at a time, so a city's drill-down never
/// holds every record at once.
pub fn drill(conn: &Connection, scope: &str, key: &str, today: NaiveDate) -> Result<Drill> {
    drill_in(conn, scope, key, None, today)
}

/// [`drill`] for a period (the records [`members_in`] counts), or all time.
pub fn drill_in(
    conn: &Connection,
    scope: &str,
    key: &str,
    period: Option<&Period>,
    today: NaiveDate,
) -> Result<Drill> {
    let label = label_of(key).ok_or_else(|| {
        crate::base::error::Error::validation("key", format!("没有统计项“{key}”。"))
    })?;
    let mut rows = Vec::new();
    let mut count = 0;
    let mut records_counted = 0;
    let mut most = 0;
    let mut offices = 0;
    let mut take =
        |records: &Records, office_name: &str, on: NaiveDate, rows: &mut Vec<DrillRow>| {
            let items = match period {
                Some(p) => members_in(key, records, p, on),
                None => members(key, records, on),
            };
            let here = items.iter().map(Item::weight).sum::<i64>() as usize;
            count += here;
            most = most.max(here);
            offices += usize::from(here > 0);
            records_counted += items.len();
            let day = period.map_or(on, |p| p.as_of(on)).to_string();
            drill_rows(&items, records, office_name, &day, rows);
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
    // As the 合计 counts it: the largest of the offices', not their sum.
    let mut note = String::new();
    if NOT_SUMMED.contains(&key) && offices > 1 {
        note = format!(
            "合计 {most} 是各单位中最多的一个（{label}是各单位自己的设置，不相加）；下面是 {offices} 个单位的全部 {records_counted} 条"
        );
        count = most;
    }
    Ok(Drill {
        key: key.to_string(),
        // Named as the table's row is (2026年下半年已检查的网格, not 本半年 in a
        // year's view, probe V).
        label: label_on(label, period.map_or(today, |p| p.as_of(today))),
        scope: scope.to_string(),
        note,
        count,
        records: records_counted,
        code_label: code_label(key, &rows),
        name_label: name_label(&rows),
        period: period.map(ToString::to_string).unwrap_or_default(),
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
            let mut row = vec![
                label_on(label, today),
                key.to_string(),
                r.own[*key].to_string(),
            ];
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
        // The keys stay in the file for programs, not for the reader (issue 14).
        hidden_columns: vec![1],
        title: Some(sheets::Title::of_list(conn, "汇总统计表", today)?),
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
                        label_on(label, today),
                        key.to_string(),
                        o.totals[*key].to_string(),
                    ]
                })
                .collect(),
            text_columns: vec![1],
            widths: vec![24.0, 34.0, 36.0],
            number_columns: vec![2],
            hidden_columns: vec![1],
            title: Some(sheets::Title {
                text: format!("{}统计表", o.name),
                ..sheets::Title::of_list(conn, "", today)?
            }),
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

// ---------- periods ----------

/// How a key is counted for a period (统计期间).
#[derive(Clone, Copy)]
pub enum Rule {
    /// A stock (存量): what stands on the period's last day (or today, if earlier),
    /// as [`members`] counts it on that day. The function dates a record's start
    /// when the record carries one (a person's 任职日期, a branch's last 三亮 date);
    /// a record started after that day is left out, an undated one is counted.
    Stock(fn(&Item, &str) -> Option<String>),
    /// An event (期间发生): a record counted when its date (the function) falls in
    /// the period, up to today. No date, not counted.
    Event(fn(&Item, &str) -> Option<String>),
    /// Counted over the training sessions held in the period (and up to today), by
    /// the key's own rule: sessions, person-times, community workers trained.
    Sessions,
    /// Counted once for each quarter the period reaches into (begun by today), as
    /// [`members`] counts it on that quarter's last day (or today): a year is its
    /// four quarters' sum, a month its quarter so far. 小区季度抽查覆盖率 over a year
    /// is the checks of every quarter over four quarters' compounds, so a quarter
    /// without a sample counts as none checked.
    Quarters,
}

impl Rule {
    pub fn as_str(&self) -> &'static str {
        match self {
            Rule::Stock(_) => "stock",
            Rule::Event(_) | Rule::Sessions | Rule::Quarters => "event",
        }
    }
}

fn undated(_: &Item, _: &str) -> Option<String> {
    None
}
/// The functions that date an item for a [`Rule`], given the period's last day
/// (`name(day)`, or `name(_)` where the date does not depend on it): each names the
/// kinds that carry the date (one arm per kind); every other item is undated.
macro_rules! day_of {
    ($($(#[$doc:meta])* $name:ident($on:pat) { $($pat:pat => $day:expr),+ $(,)? })*) => {$(
        $(#[$doc])*
        fn $name(i: &Item, $on: &str) -> Option<String> {
            match i {
                $($pat => $day,)+
                _ => None,
            }
        }
    )*};
}

/// Whether business grid `g` was wholly merged (多格合一) on `day`: mapped onto a
/// base grid that stood that day (`stood`), and each such mapping merged by then
/// (纳入日期). A mapping onto a grid set up later is not that day's: adding the grid
/// split off in November to a 综治网格 took the third quarter's count from 1 to 0.
fn wholly_merged_on(g: &BusinessGrid, stood: &std::collections::BTreeSet<&str>, day: &str) -> bool {
    let mut then = g
        .mappings
        .iter()
        .filter(|m| stood.contains(m.base_grid_id.as_str()))
        .peekable();
    then.peek().is_some() && then.all(|m| m.merged_on.as_deref().is_some_and(|d| day_of(d) <= day))
}

day_of! {
    person_start(_) { Item::Person(p) => p.start_date.clone() }
    /// A committee member from the start of the term (任期开始), when one is given.
    term_start(_) { Item::Member(m) => m.term_start.clone() }
    /// A project from its first claim, as it stood on the day (a claim undone by a
    /// later 退回 to 待认领 still counts before it).
    first_claim(on) {
        Item::Project(p) => p
            .reached_on(crate::cobuild::ProjectStatus::Claimed, on)
            .filter(|d| !d.is_empty()),
    }
    point_start(_) { Item::ContactPoint(p) => Some(p.starts_on()) }
    visited(_) { Item::Visit(v) => Some(v.visited_on.clone()) }
    /// A list item from its 列入日期, else from the day it was entered (a taken-back
    /// item from its 收回日期, by `members`).
    listed_from(_) {
        Item::DutyItem(d) => d.listed_from(),
        Item::GridMatter(m) => Some(m.listed_from()),
    }
    meeting_held(_) {
        Item::Meeting(m) => Some(m.held_on.clone()),
        Item::WorkingMeeting(m) => Some(m.held_on.clone()),
    }
    project_completed(on) {
        Item::Project(p) => p.reached_on(crate::cobuild::ProjectStatus::Completed, on),
    }
    demand_received(_) { Item::Demand(d) => Some(d.received_on.clone()) }
    demand_resolved(on) { Item::Demand(d) => d.resolved_as_of(on) }
    demand_assigned(_) { Item::Demand(d) => d.assigned_on() }
    selected_on(_) { Item::PipelineEvent(e) => Some(e.date.clone()) }
    /// A month's report by its month's first day.
    report_month(_) { Item::TaskReport(p) => Some(format!("{}-01", p.month)) }

    admission_applied(_) { Item::Admission(a) => Some(a.applied_on.clone()) }
    admission_approved(_) { Item::Admission(a) => a.approved_on.clone() }
    admission_refused(_) { Item::Admission(a) => a.refused_on.clone() }
    recheck_on(_) { Item::Recheck(c) => Some(c.date.clone()) }
    /// A rectification item from its 下达日期, else from the day it was entered.
    rectification_issued(_) {
        Item::Rectification(r) => Some(
            r.issued_on
                .clone()
                .unwrap_or_else(|| r.created_at.chars().take(10).collect()),
        ),
    }
    /// A returned paper by the day it was answered (or entered, if that is not known),
    /// a call-back by its day, a demand's 回访 by the day of that step.
    judged_on(_) {
        Item::Response(p) | Item::Answer(p, _) => Some(
            p.answered_on
                .clone()
                .unwrap_or_else(|| p.created_at.chars().take(10).collect()),
        ),
        Item::Callback(c) => Some(c.called_on.clone()),
        Item::DemandCallback(d) => surveys::demand_callback(d).map(|(on, _)| on.to_string()),
    }
}

/// A drill-down row's 说明 of `parts`, the empty ones left out (诉求回访 · · 满意 for
/// a demand without a phone, probe X).
fn dotted(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Every report key and how it is counted for a period: THE table (a test checks
/// it lists exactly [`KEYS`]). Events are counted inside the period, stocks as of
/// its last day. Units are left out by [`members`] before their 设立日期 and from
/// their 撤销日期, a business grid counts as merged by its mappings onto the grids
/// standing on the day ([`wholly_merged_on`]); a list item
/// (履职事项, 网格事项) from its 列入日期 or the day it was entered.
pub const RULES: &[(&str, Rule)] = &[
    ("grids.base", Rule::Stock(undated)),
    ("grids.micro", Rule::Stock(undated)),
    // As of the day by `members` (the mappings onto the grids standing then).
    ("grids.business_merged", Rule::Stock(undated)),
    ("people.grid_workers", Rule::Stock(person_start)),
    ("people.grid_workers_fulltime", Rule::Stock(person_start)),
    (
        "people.building_heads_info_officers",
        Rule::Stock(person_start),
    ),
    ("people.community_workers", Rule::Stock(person_start)),
    ("people.published", Rule::Stock(person_start)),
    ("people.grid_workers_published", Rule::Stock(person_start)),
    ("compounds.total", Rule::Stock(undated)),
    // Dated by `members`: a branch complete on the day (`Branch::complete_on`).
    ("compounds.sanliang_complete", Rule::Stock(undated)),
    ("party.part_time_members", Rule::Stock(term_start)),
    ("party.joint_meetings", Rule::Event(meeting_held)),
    ("cobuild.projects_claimed", Rule::Stock(first_claim)),
    ("cobuild.projects_completed", Rule::Event(project_completed)),
    ("contacts.points", Rule::Stock(point_start)),
    ("contacts.targets_covered", Rule::Stock(undated)),
    ("contacts.visits", Rule::Event(visited)),
    ("demands.received", Rule::Event(demand_received)),
    ("demands.resolved", Rule::Event(demand_resolved)),
    ("demands.resolved_on_time", Rule::Event(demand_resolved)),
    ("demands.received_resolved", Rule::Event(demand_received)),
    ("demands.assigned", Rule::Event(demand_assigned)),
    // Counted on the day by `members`: received by it, late and open then.
    ("demands.overdue", Rule::Stock(undated)),
    ("coordination.meetings", Rule::Event(meeting_held)),
    ("lists.basic_duties", Rule::Stock(listed_from)),
    ("lists.assisting_duties", Rule::Stock(listed_from)),
    ("lists.taken_back", Rule::Stock(undated)),
    ("gridlist.items", Rule::Stock(listed_from)),
    ("gridlist.villages_claimed", Rule::Stock(undated)),
    ("training.sessions", Rule::Sessions),
    ("training.person_times", Rule::Sessions),
    ("training.community_workers_trained", Rule::Sessions),
    (
        "people.selected_from_community_workers",
        Rule::Event(selected_on),
    ),
    ("admission.applied", Rule::Event(admission_applied)),
    ("admission.approved", Rule::Event(admission_approved)),
    ("admission.refused", Rule::Event(admission_refused)),
    ("admission.in_force", Rule::Stock(undated)),
    ("admission.overdue_exit", Rule::Stock(undated)),
    ("rectification.mechanisms_removed", Rule::Stock(undated)),
    ("rectification.plaques_removed", Rule::Stock(undated)),
    ("rectification.certificates_cancelled", Rule::Stock(undated)),
    ("rectification.secondments_active", Rule::Stock(undated)),
    ("rectification.secondments_unapproved", Rule::Stock(undated)),
    ("rectification.rechecks", Rule::Event(recheck_on)),
    ("assessment.indicators", Rule::Stock(undated)),
    (
        "assessment.rectifications_open",
        Rule::Stock(rectification_issued),
    ),
    (
        "assessment.rectifications_overdue",
        Rule::Stock(rectification_issued),
    ),
    ("assessment.compounds_sampled", Rule::Stock(undated)),
    ("assessment.sample_rate", Rule::Stock(undated)),
    ("assessment.compounds_checked", Rule::Quarters),
    ("assessment.compounds_quarters", Rule::Quarters),
    ("assessment.grids_inspected", Rule::Stock(undated)),
    ("assessment.questionnaires", Rule::Event(judged_on)),
    ("assessment.satisfaction", Rule::Event(judged_on)),
    ("assessment.satisfaction_judged", Rule::Event(judged_on)),
    ("assessment.callbacks", Rule::Event(judged_on)),
    ("tasks.total", Rule::Stock(undated)),
    ("tasks.done", Rule::Stock(undated)),
    ("tasks.behind", Rule::Stock(undated)),
    ("tasks.overdue", Rule::Stock(undated)),
    ("tasks.reports", Rule::Event(report_month)),
];

/// How `key` is counted for a period (a key missing from [`RULES`] is a stock).
pub fn rule_of(key: &str) -> Rule {
    crate::base::lookup(RULES, key).unwrap_or(Rule::Stock(undated))
}

/// The records of `r` counted under `key` for the period `p`, `today` being the
/// day the records are counted on (this office: the clerk's date; an office
/// below: its package's export date, see [`as_of`]).
pub fn members_in<'a>(key: &str, r: &'a Records, p: &Period, today: NaiveDate) -> Vec<Item<'a>> {
    let as_of = p.as_of(today);
    let last = as_of.to_string();
    let held = |d: &str| p.contains(d) && day_of(d) <= last.as_str();
    match rule_of(key) {
        Rule::Stock(since) => members(key, r, as_of)
            .into_iter()
            .filter(|i| since(i, &last).is_none_or(|d| day_of(&d) <= last.as_str()))
            .collect(),
        Rule::Event(when) => {
            let all = match key {
                // `members` keeps the selections of as_of's year only.
                "people.selected_from_community_workers" => r
                    .pipeline_events
                    .iter()
                    .filter(|e| e.event.is_selection() && e.community_worker)
                    .map(Item::PipelineEvent)
                    .collect(),
                _ => members(key, r, as_of),
            };
            all.into_iter()
                .filter(|i| when(i, &last).is_some_and(|d| held(&d)))
                .collect()
        }
        Rule::Sessions => match key {
            "training.sessions" => r
                .training_sessions
                .iter()
                .filter(|s| held(&s.date))
                .map(Item::TrainingSession)
                .collect(),
            "training.person_times" => crate::training::person_time_rows_when(
                &r.training_sessions,
                &r.training_participants,
                &held,
            )
            .into_iter()
            .map(Item::TrainingParticipant)
            .collect(),
            _ => {
                let att = crate::training::Attendance::when(
                    &r.training_sessions,
                    &r.training_participants,
                    &held,
                );
                members("people.community_workers", r, as_of)
                    .into_iter()
                    .filter(|i| match i {
                        Item::Person(p) => {
                            person_start(i, &last).is_none_or(|d| day_of(&d) <= last.as_str())
                                && att.attended(p)
                        }
                        _ => false,
                    })
                    .collect()
            }
        },
        Rule::Quarters => {
            let mut q = sampling::Quarter::of(p.from);
            let mut all = Vec::new();
            while let Some(span) = Period::quarter(q.year, q.q).filter(|s| s.from <= as_of) {
                all.extend(members(key, r, span.to.min(as_of)));
                q = q.next();
            }
            all
        }
    }
}

/// Counts `r` under every key for the period `p` (see [`members_in`]).
pub fn totals_in(r: &Records, p: &Period, today: NaiveDate) -> Totals {
    KEYS.iter()
        .map(|(k, _)| {
            let n = members_in(k, r, p, today).iter().map(Item::weight).sum();
            (k.to_string(), n)
        })
        .collect()
}

/// The people not in post at the end of ?1 (the period's count day), as
/// [`members_in`] counts the people keys ([`Person::in_post_on`]): of those who may
/// not have been (who have left, or had a 离岗/复岗 after that day, or start after
/// it), all but the ones started by then whose first such change after it is a 离岗.
/// Each part is read through its own index and is small (people who left; changes
/// and starts after the day), so a period costs about what the all-time count does.
/// `UNION ALL` inside `IN`: a `UNION` made SQLite merge the parts by scanning
/// people and history whole.
pub(crate) const NOT_IN_POST_ON: &str = "SELECT p.rowid AS person FROM people p
    WHERE p.rowid IN (SELECT rowid FROM people WHERE status <> 'active'
        UNION ALL SELECT person FROM person_history
                  WHERE event IN ('left', 'returned') AND date > ?1
        UNION ALL SELECT rowid FROM people WHERE start_date > ?1 AND substr(start_date, 1, 10) > ?1)
      AND NOT (p.rowid IN (SELECT person FROM person_history
                        WHERE event IN ('left', 'returned') AND date > ?1)
               AND (p.start_date IS NULL OR substr(p.start_date, 1, 10) <= ?1)
               AND coalesce((SELECT h.event FROM person_history h
                    WHERE h.person = p.rowid AND h.event IN ('left', 'returned') AND h.date > ?1
                    ORDER BY h.date, h.recorded_at, h.rowid LIMIT 1) = 'left', 0))";

/// The people not in post now (the all-time figures; 首页 coverage too).
pub(crate) use crate::people::NOT_IN_POST_NOW;

/// The people keys: what each counts over the whole roster, whatever the status, and
/// whether the person in row `{person}` is one it counts. A key's figure is the first less the
/// people not in post who are among them ([`people_counts`]).
const PEOPLE_KEYS: [(&str, &str, &str); 6] = [
    (
        "people.grid_workers",
        "SELECT count(DISTINCT person) FROM person_roles WHERE role = 'grid_worker'",
        "EXISTS (SELECT 1 FROM person_roles x WHERE x.person = {person} AND x.role = 'grid_worker')",
    ),
    (
        "people.grid_workers_fulltime",
        "SELECT count(DISTINCT person) FROM person_roles
         WHERE role = 'grid_worker' AND employment = 'full_time'",
        "EXISTS (SELECT 1 FROM person_roles x WHERE x.person = {person}
                 AND x.role = 'grid_worker' AND x.employment = 'full_time')",
    ),
    (
        "people.building_heads_info_officers",
        "SELECT count(DISTINCT person) FROM person_roles
         WHERE role IN ('building_head', 'info_officer')",
        "EXISTS (SELECT 1 FROM person_roles x WHERE x.person = {person}
                 AND x.role IN ('building_head', 'info_officer'))",
    ),
    (
        "people.community_workers",
        "SELECT count(DISTINCT person) FROM person_roles WHERE role = 'community_worker'",
        "EXISTS (SELECT 1 FROM person_roles x WHERE x.person = {person} AND x.role = 'community_worker')",
    ),
    (
        // In two parts so that the active ones come from their partial index.
        "people.published",
        "SELECT (SELECT count(*) FROM people WHERE published = 1 AND status = 'active')
              + (SELECT count(*) FROM people WHERE published = 1 AND status <> 'active')",
        "EXISTS (SELECT 1 FROM people x WHERE x.rowid = {person} AND x.published = 1)",
    ),
    (
        // 人员信息公示率's numerator (T03): grid workers, the ones 公示 is about.
        "people.grid_workers_published",
        "SELECT count(DISTINCT r.person) FROM person_roles r
         WHERE r.role = 'grid_worker'
           AND r.person IN (SELECT rowid FROM people WHERE published = 1)",
        "EXISTS (SELECT 1 FROM person_roles x WHERE x.person = {person} AND x.role = 'grid_worker')
         AND EXISTS (SELECT 1 FROM people y WHERE y.rowid = {person} AND y.published = 1)",
    ),
];

/// Every people key over the whole roster, whatever the status (the same for every
/// period: a report asks once).
fn people_roster_counts(conn: &Connection) -> Result<Totals> {
    PEOPLE_KEYS
        .iter()
        .map(|(key, all, _)| Ok((key.to_string(), conn.row(all, [], |r| r.get(0))?)))
        .collect()
}

/// The people keys: `roster` ([`people_roster_counts`]) less the people `not_in_post`
/// lists ([`NOT_IN_POST_NOW`], or [`NOT_IN_POST_ON`] with `params` the count day)
/// among each key's. Each counts exactly what [`members`] / [`members_in`] list for
/// its key (tests check every key and period).
fn people_counts<P: rusqlite::Params + Copy>(
    conn: &Connection,
    roster: &Totals,
    not_in_post: &str,
    params: P,
) -> Result<Totals> {
    PEOPLE_KEYS
        .iter()
        .map(|(key, _, counted)| {
            let out: i64 = conn.row(
                &format!(
                    "SELECT count(*) FROM ({not_in_post}) o WHERE {}",
                    counted.replace("{person}", "o.person")
                ),
                params,
                |r| r.get(0),
            )?;
            Ok((
                key.to_string(),
                roster.get(*key).copied().unwrap_or(0) - out,
            ))
        })
        .collect()
}

/// This office's own totals for the period `p`, equal to
/// `totals_in(&Records::own(conn)?, p, today)` without loading a person: the people
/// keys by aggregate queries with the period's count day as a parameter.
pub fn own_totals_in(conn: &Connection, p: &Period, today: NaiveDate) -> Result<Totals> {
    let records = Records::own_but_people(conn)?;
    let roster = people_roster_counts(conn)?;
    Ok(own_totals_over(conn, &records, &roster, p, today)?.0)
}

/// [`own_totals_in`] over records and roster counts already read, and the base grids
/// staffed (for the coverage rate).
///
/// The people whose roles or 公示 changed after the count day ([`people::changed_after`],
/// a few) are counted from their records as they were that day
/// ([`Person::roles_on`]); the aggregate queries count everyone by their roles now,
/// so each people key takes the difference those few make.
fn own_totals_over(
    conn: &Connection,
    records: &Records,
    roster: &Totals,
    p: &Period,
    today: NaiveDate,
) -> Result<(Totals, i64)> {
    let mut t = totals_in(records, p, today);
    let as_of = p.as_of(today);
    let last = as_of.to_string();
    t.extend(people_counts(conn, roster, NOT_IN_POST_ON, [&last])?);
    let changed = Records {
        people: people::changed_after(conn, &last)?,
        ..Records::default()
    };
    let as_now = Records {
        people: changed
            .people
            .iter()
            .map(|x| Person {
                past_states: Vec::new(),
                ..x.clone()
            })
            .collect(),
        ..Records::default()
    };
    for (key, _, _) in PEOPLE_KEYS {
        let then = members_in(key, &changed, p, today).len() as i64;
        let now = members_in(key, &as_now, p, today).len() as i64;
        *t.entry(key.to_string()).or_default() += then - now;
    }
    let held = |d: &str| p.contains(d) && day_of(d) <= last.as_str();
    let att = crate::training::Attendance::when(
        &records.training_sessions,
        &records.training_participants,
        &held,
    );
    let workers: Vec<(String, String, String)> = conn
        .prepare_cached(&format!(
            "SELECT id, name, id_number FROM people WHERE rowid NOT IN ({NOT_IN_POST_ON})
             AND rowid IN (SELECT person FROM person_roles WHERE role = 'community_worker')
             AND rowid NOT IN ({})",
            people::CHANGED_AFTER
        ))?
        .query_map([&last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let changed_workers = members_in("people.community_workers", &changed, p, today)
        .into_iter()
        .filter(|i| matches!(i, Item::Person(x) if att.attended(x)))
        .count();
    t.insert(
        "training.community_workers_trained".to_string(),
        (workers
            .iter()
            .filter(|(id, name, idn)| !att.sessions_of(id, name, idn).is_empty())
            .count()
            + changed_workers) as i64,
    );
    // Per base grid through the unit index, stopping at its first worker in post
    // (a join over every grid worker's role took 50-70 ms at 100,000 people; this
    // takes a few). `+r.role` keeps SQLite off the role index. The people changed
    // since are left out here: the grids they staffed that day are added below,
    // those nobody else staffed.
    let staffed_by = |unit: &str| -> String {
        format!(
            "EXISTS (SELECT 1 FROM person_roles r WHERE r.unit = {unit} AND +r.role = 'grid_worker'
              AND r.person NOT IN ({NOT_IN_POST_ON}) AND r.person NOT IN ({}))",
            people::CHANGED_AFTER
        )
    };
    let mut staffed: i64 = conn.row(
        &format!(
            "SELECT count(*) FROM units g WHERE g.kind = 'base_grid' AND {} AND {}",
            set_up_sql("g"),
            staffed_by("g.rowid")
        ),
        [&last],
        |r| r.get(0),
    )?;
    let mut others = conn.prepare_cached(&format!(
        "SELECT NOT {} FROM units g WHERE g.kind = 'base_grid' AND g.id = ?2 AND {}",
        staffed_by("g.rowid"),
        set_up_sql("g")
    ))?;
    for unit in staffed_grids(&changed.people, &last) {
        let only_by_them: Option<bool> = others
            .query_row(rusqlite::params![last, unit], |r| r.get(0))
            .optional()?;
        // A base grid 撤销 since is not in `units`: nobody serves it now.
        let dissolved = || {
            records.dissolved_units.iter().any(|d| {
                d.unit.id == unit && d.unit.kind == UnitKind::BaseGrid && d.stood_on(&last)
            })
        };
        staffed += i64::from(only_by_them.unwrap_or_else(dissolved));
    }
    Ok((t, staffed))
}

/// Whether the unit `alias` stood on the count day `?1`: its own 设立日期 is not
/// after that day (none: every day). The SQL of [`set_up_by`]; a unit 撤销 is no
/// longer in `units` (see [`Records::units_on`]).
pub(crate) fn set_up_sql(alias: &str) -> String {
    format!("({alias}.established_on IS NULL OR {alias}.established_on <= ?1)")
}

/// Whether `u` was set up by `day` (YYYY-MM-DD), and so counts in that day's
/// figures: its own 设立日期 is not after the day (a unit without one counts in
/// every period). Its own alone since schema 33: a micro grid moved under a grid
/// set up later stood, under its old grid ([`crate::hierarchy::adjust`]).
pub(crate) fn set_up_by(u: &Unit, day: &str) -> bool {
    u.set_up_by(day)
}

/// The units served by the grid workers among `people` in post on `last`
/// (YYYY-MM-DD) and started by then, with their roles of that day.
fn staffed_grids<'a>(people: &'a [Person], last: &'a str) -> std::collections::BTreeSet<&'a str> {
    people::grid_workers_on(people, last)
        .map(|(_, unit)| unit.as_str())
        .collect()
}

/// Base grids with at least one grid worker in post on the period's count day
/// (the numerator of the coverage rate), as [`own_totals_over`] counts them.
pub fn staffed_base_grids(r: &Records, p: &Period, today: NaiveDate) -> i64 {
    let last = p.as_of(today).to_string();
    let staffed = staffed_grids(&r.people, &last);
    r.units_on(&last)
        .filter(|u| u.kind == UnitKind::BaseGrid && staffed.contains(u.id.as_str()))
        .count() as i64
}

/// A key with its label and how a period counts it (`event` or `stock`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyRule {
    pub key: &'static str,
    /// As [`label_on`] the report's count day says it.
    pub label: String,
    /// As the previous period's count day says it, where that differs (its 上期
    /// figure is 2026年第三季度's sample, under a row named 2026年第四季度抽中的小区).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_label: Option<String>,
    /// How a period counts it: `event` (in the period) or `stock` (at its end).
    pub rule: &'static str,
    /// Its 合计 is the largest of the offices', not their sum ([`NOT_SUMMED`]), and
    /// the window says so beside it; absent for every other key.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub largest: bool,
}

/// The keys of a report whose stock figures are counted on `as_of`, and its
/// previous period's on `previous_as_of` (none: no 上期 shown beside them).
pub fn key_rules(as_of: NaiveDate, previous_as_of: Option<NaiveDate>) -> Vec<KeyRule> {
    KEYS.iter()
        .map(|(key, label)| {
            let now = label_on(label, as_of);
            KeyRule {
                key,
                previous_label: previous_as_of
                    .map(|d| label_on(label, d))
                    .filter(|before| *before != now),
                label: now,
                rule: rule_of(key).as_str(),
                largest: NOT_SUMMED.contains(key),
            }
        })
        .collect()
}

/// A key's label for figures counted on `as_of`: the quarter and half-year that
/// 本季度/本半年 mean named (2026年第四季度抽中的小区, 2026年下半年已检查的网格),
/// as a yearly or past report cannot say "this quarter".
pub fn label_on(label: &str, as_of: NaiveDate) -> String {
    use chrono::Datelike;
    let quarter = Period::quarter(as_of.year(), (as_of.month() - 1) / 3 + 1)
        .map(|q| q.label())
        .unwrap_or_default();
    let half = sampling::HalfYear::of(as_of).label();
    label.replace("本季度", &quarter).replace("本半年", &half)
}

/// The four rates of the county report, in percent with one decimal; `None` when
/// there is nothing to divide by.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rates {
    /// 网格覆盖率: base grids with a grid worker in post / base grids.
    pub coverage: Option<f64>,
    /// 三亮率: compounds with all three 三亮 items / compounds.
    pub sanliang: Option<f64>,
    /// 按期办结率: demands resolved on time / demands resolved (in the period).
    pub on_time: Option<f64>,
    /// 满意率: satisfied judgments / judgments (in the period).
    pub satisfaction: Option<f64>,
}

pub fn percent(n: i64, d: i64) -> Option<f64> {
    (d > 0).then(|| (n as f64 * 1000.0 / d as f64).round() / 10.0)
}

impl Rates {
    pub fn of(t: &Totals, staffed: i64) -> Rates {
        let g = |k: &str| t.get(k).copied().unwrap_or(0);
        Rates {
            coverage: percent(staffed, g("grids.base")),
            sanliang: percent(g("compounds.sanliang_complete"), g("compounds.total")),
            on_time: percent(g("demands.resolved_on_time"), g("demands.resolved")),
            satisfaction: percent(
                g("assessment.satisfaction"),
                g("assessment.satisfaction_judged"),
            ),
        }
    }
}

/// One office's row of the county report: its figures for the period and the
/// previous one, and its rates.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeRow {
    /// `own` (this office's own ledger), `total`, or the division code of an office below.
    pub scope: String,
    pub code: String,
    pub name: String,
    /// The day stock figures were counted on.
    pub as_of: String,
    /// When its file arrived (an office below), else empty.
    pub received_at: String,
    pub figures: Totals,
    pub staffed_base_grids: i64,
    pub rates: Rates,
    pub previous: Totals,
    pub previous_staffed_base_grids: i64,
    pub previous_rates: Rates,
    /// An office below that is not on the 应报名单 although there is one: its figures
    /// are in the total, and the row says so (首页 read 已报送 2/3 over a total of 3).
    pub unlisted: bool,
    /// A county's row at a city: the earliest day the offices its file carries are
    /// counted on, when earlier than its own (部分数据截至; probe AK: a township's file
    /// of September inside a December county file read as current); else empty.
    pub inside_as_of: String,
}

/// The report for a period (统计 at every level): one row per office below (each
/// recounted from the records its package carries, as of its export date), this
/// office's own ledger as a row when it has records (always at a township), and
/// the total.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodReport {
    pub period: PeriodView,
    /// This office's own figures for the period (a row of `rows` only when it has records).
    pub own: Totals,
    pub previous: PeriodView,
    pub keys: Vec<KeyRule>,
    pub rows: Vec<OfficeRow>,
    pub total: OfficeRow,
    /// The offices on the expected list (应报名单) with no file held, by name: not
    /// in `rows` nor in the total, and said so (the county total looked complete).
    pub not_reported: Vec<String>,
}

fn office_row(
    scope: &str,
    code: &str,
    name: &str,
    as_of: NaiveDate,
    now: (Totals, i64),
    before: (Totals, i64),
) -> OfficeRow {
    OfficeRow {
        scope: scope.to_string(),
        code: code.to_string(),
        name: name.to_string(),
        as_of: as_of.to_string(),
        received_at: String::new(),
        rates: Rates::of(&now.0, now.1),
        previous_rates: Rates::of(&before.0, before.1),
        figures: now.0,
        staffed_base_grids: now.1,
        previous: before.0,
        previous_staffed_base_grids: before.1,
        unlisted: false,
        inside_as_of: String::new(),
    }
}

/// The report for the period `p` (and the one before it), this office's records
/// counted as of `today`.
pub fn period_report(conn: &Connection, p: &Period, today: NaiveDate) -> Result<PeriodReport> {
    let me = crate::store::office::require(conn)?;
    let prev = p.previous();
    let own_records = Records::own_but_people(conn)?;
    let roster = people_roster_counts(conn)?;
    let own_now = own_totals_over(conn, &own_records, &roster, p, today)?;
    let own_before = own_totals_over(conn, &own_records, &roster, &prev, today)?;
    let mut rows = Vec::new();
    // One row per snapshot (an office directly below and what it carries).
    let snaps: Vec<(String, String, String, String)> = conn
        .prepare_cached("SELECT code, name, exported_at, received_at FROM snapshots ORDER BY code")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (code, name, exported_at, received_at) in &snaps {
        let on = as_of(exported_at);
        let mut both = snapshot_figures::figures(conn, code, &[p, &prev], on)?.into_iter();
        let (Some(now), Some(before)) = (both.next(), both.next()) else {
            unreachable!("figures gives one per period asked")
        };
        let inside = crate::exchange::senders::inside(conn, code)?
            .iter()
            .map(|o| p.as_of(as_of(&o.exported_at)))
            .min()
            .filter(|d| *d < p.as_of(on));
        rows.push(OfficeRow {
            received_at: received_at.clone(),
            inside_as_of: inside.map(|d| d.to_string()).unwrap_or_default(),
            ..office_row(code, code, name, p.as_of(on), now, before)
        });
    }
    let expected = crate::exchange::senders::list_expected(conn)?;
    if !expected.is_empty() {
        for r in &mut rows {
            r.unlisted = !expected.iter().any(|e| e.code == r.code);
        }
    }
    // The own ledger is a row when it holds any record at all (a county's own
    // contact points, say), not only when a figure is not 0. Its 考核指标 are the
    // scheme it scores with, not a ledger: a county that loaded them got a row of 0s.
    let has_own = own_records
        .counts()
        .iter()
        .any(|(kind, n)| *n > 0 && kind != "indicators")
        || conn.row("SELECT EXISTS (SELECT 1 FROM people)", [], |r| {
            r.get::<_, bool>(0)
        })?;
    let own = own_now.0.clone();
    let mut total_now = (zero(), 0);
    let mut total_before = (zero(), 0);
    for r in &rows {
        add(&mut total_now.0, &r.figures);
        total_now.1 += r.staffed_base_grids;
        add(&mut total_before.0, &r.previous);
        total_before.1 += r.previous_staffed_base_grids;
    }
    add(&mut total_now.0, &own_now.0);
    total_now.1 += own_now.1;
    add(&mut total_before.0, &own_before.0);
    total_before.1 += own_before.1;

    if has_own || snaps.is_empty() {
        rows.push(office_row(
            "own",
            &me.code,
            &me.name,
            p.as_of(today),
            own_now,
            own_before,
        ));
    }
    Ok(PeriodReport {
        period: p.into(),
        previous: (&prev).into(),
        own,
        keys: key_rules(p.as_of(today), Some(prev.as_of(today))),
        total: office_row(
            "total",
            &me.code,
            "合计",
            p.as_of(today),
            total_now,
            total_before,
        ),
        not_reported: {
            let held: std::collections::BTreeSet<&str> =
                rows.iter().map(|r| r.code.as_str()).collect();
            expected
                .into_iter()
                .filter(|e| !held.contains(e.code.as_str()))
                .map(|e| e.name)
                .collect()
        },
        rows,
    })
}

/// The rate columns of the county report: (field, heading).
pub const RATE_COLUMNS: &[(&str, &str)] = &[
    ("coverage", "网格覆盖率"),
    ("sanliang", "三亮率"),
    ("onTime", "按期办结率"),
    ("satisfaction", "满意率"),
];

fn rate_cells(r: &Rates) -> [Option<f64>; 4] {
    [r.coverage, r.sanliang, r.on_time, r.satisfaction]
}

/// Writes the report for a period: sheet 按单位 (one row per office, its rates and
/// every figure, then 合计), and sheet 汇总 (one row per key, with the key in a
/// hidden column for programs: each office, 合计 and the previous period's 合计).
pub fn write_period_xlsx(
    conn: &Connection,
    path: &std::path::Path,
    p: &Period,
    today: NaiveDate,
) -> Result<()> {
    use crate::sheets::{self, SheetOut};
    let r = period_report(conn, p, today)?;
    let pct = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| format!("{x:.1}%"));
    let name = |o: &OfficeRow| {
        if o.scope == "own" {
            format!("{}（本单位）", o.name)
        } else if o.unlisted {
            format!("{}（不在应报名单）", o.name)
        } else {
            o.name.clone()
        }
    };
    let mut title = sheets::Title::of_list(conn, "统计表", today)?;
    // A span's label is its days already (it read 2026-01-01至2026-03-31（2026-01-01 至
    // 2026-03-31）).
    // A period not over yet says up to which day, as the screen does (it read
    // 2026-01-01 至 2026-12-31 beside a screen's 截至 2026-12-07).
    title.period = if p.to > today {
        format!("统计期间 {}（截至 {today}）", r.period.label)
    } else if r.period.label.contains(&r.period.from) {
        format!("统计期间 {}", r.period.label)
    } else {
        format!(
            "统计期间 {}（{} 至 {}）",
            r.period.label, r.period.from, r.period.to
        )
    };
    // As the screen says it: the table passed on or printed said nothing of them.
    let unlisted: Vec<&str> = r
        .rows
        .iter()
        .filter(|o| o.unlisted)
        .map(|o| o.name.as_str())
        .collect();
    if !unlisted.is_empty() {
        title
            .below
            .push(format!("合计含不在应报名单的单位：{}", unlisted.join("、")));
    }
    if !r.not_reported.is_empty() {
        title.below.push(format!(
            "未报送（不在表中，也不在合计里）：{}",
            r.not_reported.join("、")
        ));
    }
    let all: Vec<&OfficeRow> = r.rows.iter().chain(std::iter::once(&r.total)).collect();
    // 数据截至: the day each office's figures stand on (an office whose file is
    // older than the period stands on its export day: its row looked current).
    let mut headers = vec![
        "单位".to_string(),
        "区划代码".to_string(),
        "数据截至".to_string(),
    ];
    headers.extend(RATE_COLUMNS.iter().map(|(_, h)| h.to_string()));
    headers.extend(r.keys.iter().map(|k| k.label.clone()));
    let n = headers.len();
    let by_office = SheetOut {
        name: "按单位",
        headers,
        rows: all
            .iter()
            .map(|o| {
                let total = o.scope == "total";
                let mut row = vec![
                    name(o),
                    if total { String::new() } else { o.code.clone() },
                    if total {
                        String::new()
                    } else {
                        o.as_of.clone()
                    },
                ];
                row.extend(rate_cells(&o.rates).map(pct));
                row.extend(KEYS.iter().map(|(k, _)| o.figures[*k].to_string()));
                row
            })
            .collect(),
        text_columns: vec![1],
        widths: [vec![22.0, 16.0, 12.0], vec![11.0; n - 3]].concat(),
        // The rates too (66.7% as a number shown so: sortable, not text), and 数据截至
        // as a date (it was text beside 下级报送's dates: probe AO).
        number_columns: (2..n).collect(),
        hidden_columns: vec![],
        title: Some(sheets::Title {
            text: format!("{}统计表（按单位）", title.office),
            total_rows: 1,
            ..title.clone()
        }),
    };
    let mut headers = vec!["统计项".to_string(), "键".to_string(), "口径".to_string()];
    headers.extend(all.iter().map(|o| name(o)));
    headers.push(format!("上期合计（{}）", r.previous.label));
    let n = headers.len();
    let summary = SheetOut {
        name: "汇总",
        headers,
        rows: r
            .keys
            .iter()
            .map(|k| {
                let key = k.key;
                let mut row = vec![
                    match &k.previous_label {
                        Some(before) => format!("{}；上期合计一列统计的是“{before}”", k.label),
                        None => k.label.clone(),
                    },
                    key.to_string(),
                    if rule_of(key).as_str() == "event" {
                        "期间".to_string()
                    } else {
                        "期末".to_string()
                    },
                ];
                row.extend(all.iter().map(|o| o.figures[key].to_string()));
                row.push(r.total.previous[key].to_string());
                row
            })
            .collect(),
        text_columns: vec![1],
        widths: [vec![28.0, 34.0, 8.0], vec![14.0; n - 3]].concat(),
        number_columns: (3..n).collect(),
        // The keys stay in the file for programs, not for the reader (issue 14).
        hidden_columns: vec![1],
        title: Some(sheets::Title {
            text: format!("{}汇总统计表", title.office),
            ..title
        }),
    };
    sheets::write_xlsx(path, &[by_office, summary])
}

/// The value of `column` in a row: a rate (`coverage`, `sanliang`, `onTime`,
/// `satisfaction`) or a report key; `None` for a rate with nothing to divide by.
pub fn column_value(o: &OfficeRow, column: &str) -> Option<f64> {
    match column {
        "coverage" => o.rates.coverage,
        "sanliang" => o.rates.sanliang,
        "onTime" => o.rates.on_time,
        "satisfaction" => o.rates.satisfaction,
        key => o.figures.get(key).map(|n| *n as f64),
    }
}

/// The rows (not the total) ranked by `column`, highest first: equal values share
/// a rank (1, 1, 3); a row without a value has none and comes last; ties stay in
/// code order. The office's own row is not ranked among the offices below it (a
/// county's own 诉求 put it 4th among its townships and pushed them down). The
/// screens rank the same way (ui/js/logic/report.js `rankRows`).
pub fn ranked<'a>(
    r: &'a PeriodReport,
    column: &str,
) -> Result<Vec<(Option<usize>, &'a OfficeRow)>> {
    if !RATE_COLUMNS.iter().any(|(c, _)| *c == column) && label_of(column).is_none() {
        return Err(crate::base::error::Error::validation(
            "sort",
            format!("没有统计项“{column}”，无法排序。"),
        ));
    }
    let below = r.rows.iter().any(|o| o.scope != "own");
    let mut rows: Vec<(Option<f64>, &OfficeRow)> = r
        .rows
        .iter()
        .map(|o| {
            let ranked = !(below && o.scope == "own");
            (column_value(o, column).filter(|_| ranked), o)
        })
        .collect();
    rows.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut out = Vec::with_capacity(rows.len());
    let mut prev: Option<(f64, usize)> = None;
    for (i, (v, o)) in rows.into_iter().enumerate() {
        let rank = v.map(|v| match prev {
            Some((p, n)) if p == v => n,
            _ => i + 1,
        });
        if let (Some(v), Some(n)) = (v, rank) {
            prev = Some((v, n));
        }
        out.push((rank, o));
    }
    Ok(out)
}
