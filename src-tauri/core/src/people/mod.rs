//! The people registry: grid workers (网格员, 专职/兼职), building heads (楼栋长),
//! information officers (信息员) and community workers (社区工作者). A person is
//! identified by their ID number; they may hold several roles, each serving units.
//! Role, assignment and status changes are kept as dated history.

pub mod coverage;
pub mod pipeline;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::identity::{self, Gender};
use crate::base::period::day_of;
use crate::hierarchy::{self, UnitKind};
use crate::store::office::{self, validate_name};
use crate::store::recycle;
use crate::store::{new_id, Cached, Tx};

/// The Chinese name of the kind.
pub const LABEL: &str = "人员";
pub const TABLE: &str = "people";

/// The row numbers of the people not in post now (离岗; roles and history name
/// people by row, 0027, 0029), through the small `people_left` index: what the report's all-time figures, 首页 coverage and the grid workers'
/// load leave out.
pub(crate) const NOT_IN_POST_NOW: &str =
    "SELECT rowid AS person FROM people WHERE status <> 'active'";

labelled_enum! {
    #[derive(Default, PartialOrd, Ord)]
    pub enum RoleKind {
        #[default]
        GridWorker("grid_worker", "网格员"),
        BuildingHead("building_head", "楼栋长"),
        InfoOfficer("info_officer", "信息员"),
        CommunityWorker("community_worker", "社区工作者"),
    }
}

impl RoleKind {
    /// Which units this role serves.
    pub fn unit_kinds(self) -> &'static [UnitKind] {
        match self {
            RoleKind::GridWorker => &[UnitKind::BaseGrid],
            RoleKind::BuildingHead | RoleKind::InfoOfficer => {
                &[UnitKind::MicroGrid, UnitKind::Compound]
            }
            RoleKind::CommunityWorker => &[UnitKind::Village],
        }
    }
    /// Those units in a phrase: "必须分配到微网格或小区".
    pub fn unit_phrase(self) -> &'static str {
        match self {
            RoleKind::GridWorker => "基础网格",
            RoleKind::BuildingHead | RoleKind::InfoOfficer => "微网格或小区",
            RoleKind::CommunityWorker => "村/社区",
        }
    }
}

labelled_enum! {
    #[derive(Default)]
    pub enum Employment {
        #[default]
        FullTime("full_time", "专职"),
        PartTime("part_time", "兼职"),
    }
}

labelled_enum! {
    /// Empty means 在岗.
    #[derive(Default)]
    pub enum Status {
        #[default]
        Active("active", "在岗", "", "在职"),
        Left("left", "离岗", "离职", "离任"),
    }
}

pub const POLITICAL_STATUSES: &[&str] = &[
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民主党派成员",
    "无党派人士",
    "群众",
];
pub const EDUCATIONS: &[&str] = &[
    "研究生",
    "大学本科",
    "大学专科",
    "高中",
    "中专",
    "初中及以下",
];

/// 政治面貌 as written in everyday lists (团员, 党员, 预备党员 …) → the standard
/// term; anything else comes back trimmed, for the check to accept or refuse.
pub fn canonical_political_status(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let canonical = match t.as_str() {
        "党员" | "共产党员" | "中国共产党党员" | "中共正式党员" | "正式党员" => {
            "中共党员"
        }
        "预备党员" | "中共预备" | "中国共产党预备党员" => "中共预备党员",
        "团员" | "共青团" | "青年团员" | "中国共产主义青年团团员" => "共青团员",
        "民主党派" | "民主党派人士" => "民主党派成员",
        "无党派" | "无党派民主人士" => "无党派人士",
        "普通群众" => "群众",
        _ => return t,
    };
    canonical.to_string()
}

/// 学历 as written in everyday lists (本科, 大专, 硕士, 技校 …) → the standard
/// term; anything else comes back trimmed.
pub fn canonical_education(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let canonical = match t.as_str() {
        "研究生" | "硕士" | "博士" | "硕士研究生" | "博士研究生" | "研究生及以上"
        | "硕士及以上" => "研究生",
        "本科" | "大本" | "学士" | "全日制本科" | "本科及以上" => "大学本科",
        "大专" | "专科" | "高职" | "全日制大专" | "大学专科及以上" => "大学专科",
        "高中及同等学历" | "普高" => "高中",
        "中专"
        | "中技"
        | "技校"
        | "职高"
        | "中职"
        | "中等专科"
        | "中专/技校"
        | "中专及同等学历" => "中专",
        "初中" | "小学" | "文盲" | "初中以下" | "初中及以下学历" => "初中及以下",
        _ => return t,
    };
    canonical.to_string()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Role {
    pub role: RoleKind,
    pub employment: Option<Employment>,
    pub unit_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Person {
    pub id: String,
    pub owner_code: String,
    pub name: String,
    pub gender: Gender,
    pub birth_date: String,
    pub id_number: String,
    pub phone: String,
    pub political_status: String,
    pub education: String,
    pub start_date: Option<String>,
    pub status: Status,
    pub published: bool,
    pub note: String,
    pub roles: Vec<Role>,
    /// Dated 离岗/复岗 from the person's history, oldest first. Filled by [`all`],
    /// which reports and exchange packages read, so that a county counts who was in
    /// post on a past period's last day ([`Person::in_post_on`]); empty on a record
    /// read for editing, and absent from packages written before format 2.4.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status_changes: Vec<StatusChange>,
    /// What the roles and 公示 were before each later dated change (调岗, 公示 set or
    /// unset), by the day it took effect, oldest first. Filled by [`all`] like
    /// `status_changes`, so that a period already reported keeps its figures
    /// ([`Person::roles_on`], [`Person::published_on`]); absent from packages written
    /// before format 2.7, whose people count by their roles as exported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub past_states: Vec<PastState>,
    pub created_at: String,
    pub updated_at: String,
}

/// One 离岗 (`left`) or 复岗 (`returned`) of a person, by its date (YYYY-MM-DD).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatusChange {
    pub date: String,
    pub event: String,
}

/// The grid workers among `people` in post at the end of `day` (YYYY-MM-DD) and
/// started by then, each with every unit they served that day
/// ([`Person::roles_on`]): who staffs a grid in a period's figures.
pub fn grid_workers_on<'a>(
    people: &'a [Person],
    day: &'a str,
) -> impl Iterator<Item = (&'a Person, &'a String)> + 'a {
    people
        .iter()
        .filter(move |p| {
            p.in_post_on(day) && p.start_date.as_deref().is_none_or(|d| day_of(d) <= day)
        })
        .flat_map(move |p| {
            p.roles_on(day)
                .iter()
                .filter(|x| x.role == RoleKind::GridWorker)
                .flat_map(move |r| r.unit_ids.iter().map(move |u| (p, u)))
        })
}

/// A person's roles (岗位) and 公示 before a change that took effect on `until`
/// (YYYY-MM-DD, the change's 变动日期): they held these at the end of every day
/// before it, back to the previous change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PastState {
    pub until: String,
    pub published: bool,
    pub roles: Vec<Role>,
}

impl Person {
    /// The state before the first change dated after `day`, if any changed since.
    fn past_on(&self, day: &str) -> Option<&PastState> {
        self.past_states.iter().find(|s| s.until.as_str() > day)
    }

    /// The roles held at the end of `day` (YYYY-MM-DD): those before the first
    /// change dated after it, or the roles now when none is. The same rule as
    /// [`CHANGED_AFTER`] and [`Person::in_post_on`].
    pub fn roles_on(&self, day: &str) -> &[Role] {
        self.past_on(day).map_or(&self.roles, |s| &s.roles)
    }

    /// Whether the person's information was published (公示) at the end of `day`.
    pub fn published_on(&self, day: &str) -> bool {
        self.past_on(day).map_or(self.published, |s| s.published)
    }

    /// Whether the person was in post (在岗) at the end of `day` (YYYY-MM-DD): the
    /// status before the first change dated after that day, or the status now when
    /// nothing changed since. Without dated changes (a package before format 2.4),
    /// the status now. The same rule as `report::NOT_IN_POST_ON` in SQL.
    pub fn in_post_on(&self, day: &str) -> bool {
        match self.status_changes.iter().find(|c| c.date.as_str() > day) {
            Some(first_after) => first_after.event == "left",
            None => self.status == Status::Active,
        }
    }

    pub fn describe(&self) -> String {
        let roles: Vec<&str> = self.roles.iter().map(|r| r.role.label()).collect();
        if roles.is_empty() {
            format!("“{}”", self.name)
        } else {
            format!("{}“{}”", roles.join("、"), self.name)
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleInput {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub employment: Option<String>,
    #[serde(default)]
    pub unit_ids: Vec<String>,
}

/// What the user enters. Gender and birth date may be left empty: the ID number
/// supplies them; when given, they must agree with it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub political_status: String,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub published: bool,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub roles: Vec<RoleInput>,
    /// When a role, assignment or status change took effect (history date);
    /// empty means today.
    #[serde(default)]
    pub effective_date: String,
    /// The `updatedAt` of the person as the form showed them (an update only; empty
    /// from imports, the CLI and older windows: not checked). When the stored person
    /// has changed since, the update is refused: a form opened before a 离职 was
    /// registered below it would otherwise put the person back 在岗 on its next 保存.
    #[serde(default)]
    pub seen_updated_at: String,
}

/// A saved person with the warnings worth showing (a phone number used by someone else).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub person: Person,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HistoryEvent {
    pub id: String,
    pub date: String,
    pub event: String,
    pub event_label: String,
    pub detail: String,
    pub recorded_at: String,
    /// Whether its day can be corrected here ([`redate_change`]): a 调岗, 离岗 or 复岗,
    /// but not a 离岗 a 离职 record of 引育留用 made (it keeps that record's day).
    #[serde(default)]
    pub redatable: bool,
}

/// A history event's key and its Chinese name (入职, 调岗, 离岗, 复岗).
pub const HISTORY_EVENTS: &[(&str, &str)] = &[
    ("joined", "入职"),
    ("reassigned", "调岗"),
    ("left", "离岗"),
    ("returned", "复岗"),
];

pub fn event_label(event: &str) -> &'static str {
    crate::base::lookup(HISTORY_EVENTS, event).unwrap_or("变动")
}

/// A validated input, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub id_number: String,
    pub phone: String,
    pub political_status: String,
    pub education: String,
    pub start_date: Option<NaiveDate>,
    pub status: Status,
    pub published: bool,
    pub note: String,
    pub roles: Vec<Role>,
    pub effective_date: NaiveDate,
    /// The names of the units in `roles`, read while checking them, so writing the
    /// person's history needs no second lookup.
    pub unit_names: BTreeMap<String, String>,
}

pub(crate) use crate::base::fields::parse_date;

/// Checks everything about a person's input and returns every problem found, each
/// a `Validation` error naming its field. `except_id` is the person being edited.
pub fn check(
    conn: &Connection,
    input: &PersonInput,
    today: NaiveDate,
    except_id: &str,
) -> std::result::Result<Checked, Vec<Error>> {
    check_in(conn, input, today, except_id, None, IdNumber::ToLookUp)
}

/// Whether [`check_in`] looks the ID number up to refuse one someone else holds.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum IdNumber {
    ToLookUp,
    /// The caller found who holds it (an import row: `except_id` is that person, or
    /// nobody), so it is not looked up a second time.
    LookedUp,
}

/// [`check`] with the units found in `units` when given (an import's per-file
/// index, loaded in the same transaction) instead of one query per unit.
pub(crate) fn check_in(
    conn: &Connection,
    input: &PersonInput,
    today: NaiveDate,
    except_id: &str,
    units: Option<&hierarchy::index::UnitIndex>,
    id_number: IdNumber,
) -> std::result::Result<Checked, Vec<Error>> {
    let mut problems = Vec::new();
    let mut ok = |r: Result<()>| {
        if let Err(e) = r {
            problems.push(e);
        }
    };
    let name = validate_name(
        "name",
        "姓名",
        &crate::base::fields::squeezed_name(&input.name),
        20,
    );
    let id = identity::check_id_number(&input.id_number, today);
    let phone = identity::check_mobile(&input.phone);
    let mut gender = None;
    let mut birth_date = None;
    if let Ok((_, facts)) = &id {
        gender = Some(facts.gender);
        birth_date = Some(facts.birth_date);
        if !input.gender.trim().is_empty() {
            match Gender::parse(&input.gender) {
                Some(g) if g == facts.gender => {}
                Some(g) => ok(Err(Error::validation(
                    "gender",
                    format!(
                        "性别填的是“{}”，但身份证号码显示为“{}”，请核对。",
                        g.label(),
                        facts.gender.label()
                    ),
                ))),
                None => ok(Err(Error::validation(
                    "gender",
                    format!("性别“{}”无法识别，请填“男”或“女”。", input.gender.trim()),
                ))),
            }
        }
        match parse_date("birthDate", "出生日期", &input.birth_date) {
            Ok(Some(d)) if d != facts.birth_date => ok(Err(Error::validation(
                "birthDate",
                format!(
                    "出生日期填的是{d}，但身份证号码显示为{}，请核对。",
                    facts.birth_date
                ),
            ))),
            Ok(_) => {}
            Err(e) => ok(Err(e)),
        }
    }
    let political_status = canonical_political_status(&input.political_status);
    if !political_status.is_empty() && !POLITICAL_STATUSES.contains(&political_status.as_str()) {
        ok(Err(Error::validation(
            "politicalStatus",
            format!(
                "政治面貌“{political_status}”无法识别，请填：{}。",
                POLITICAL_STATUSES.join("、")
            ),
        )));
    }
    let education = canonical_education(&input.education);
    if !education.is_empty() && !EDUCATIONS.contains(&education.as_str()) {
        ok(Err(Error::validation(
            "education",
            format!(
                "学历“{education}”无法识别，请填：{}。",
                EDUCATIONS.join("、")
            ),
        )));
    }
    let start_date = match parse_date("startDate", "到岗日期", &input.start_date) {
        Ok(Some(d)) if d > today => {
            ok(Err(Error::validation(
                "startDate",
                // What to do, not only what is wrong (probe AN).
                format!("到岗日期 {d} 晚于今天（{today}）：只登记已经到岗的人员，请填实际到岗的那一天；还没到岗的，到岗后再登记。"),
            )));
            None
        }
        Ok(d) => d,
        Err(e) => {
            ok(Err(e));
            None
        }
    };
    let effective_date = match parse_date("effectiveDate", "变动日期", &input.effective_date) {
        Ok(Some(d)) if d > today => {
            ok(Err(Error::validation(
                "effectiveDate",
                format!("变动日期“{d}”晚于今天（{today}）：变动发生后再登记，请填实际的那一天。"),
            )));
            today
        }
        Ok(d) => d.unwrap_or(today),
        Err(e) => {
            ok(Err(e));
            today
        }
    };
    let status = Status::parse(&input.status).unwrap_or_else(|| {
        ok(Err(Error::validation(
            "status",
            format!(
                "状态“{}”无法识别，请填“在岗”或“离岗”。",
                input.status.trim()
            ),
        )));
        Status::Active
    });
    let note = input.note.trim().to_string();
    if note.chars().count() > 500 {
        ok(Err(Error::validation("note", "备注最多500个字。")));
    }
    let mut unit_names = BTreeMap::new();
    let roles = match check_roles(conn, units, &input.roles, &mut unit_names) {
        Ok(r) => r,
        Err(e) => {
            ok(Err(e));
            Vec::new()
        }
    };
    let looked_up = id_number == IdNumber::LookedUp;
    let id_number = match id {
        Ok((n, _)) => {
            if !looked_up {
                if let Err(e) = check_id_free(conn, &n, except_id) {
                    ok(Err(e));
                }
            }
            Some(n)
        }
        Err(e) => {
            ok(Err(e));
            None
        }
    };
    let name = name.map_err(|e| ok(Err(e))).ok();
    let phone = phone.map_err(|e| ok(Err(e))).ok();
    if !problems.is_empty() {
        return Err(problems);
    }
    match (name, id_number, phone, gender, birth_date) {
        (Some(name), Some(id_number), Some(phone), Some(gender), Some(birth_date)) => Ok(Checked {
            name,
            gender,
            birth_date,
            id_number,
            phone,
            political_status,
            education,
            start_date,
            status,
            published: input.published,
            note,
            roles,
            effective_date,
            unit_names,
        }),
        _ => Err(vec![Error::Internal("人员信息检查不完整".into())]),
    }
}

/// What a role nobody knows is answered with (the form, an import row).
pub(super) fn unknown_role(text: &str) -> String {
    format!(
        "身份“{}”无法识别，请填网格员、楼栋长、信息员或社区工作者。",
        text.trim()
    )
}

fn check_roles(
    conn: &Connection,
    units: Option<&hierarchy::index::UnitIndex>,
    inputs: &[RoleInput],
    names: &mut BTreeMap<String, String>,
) -> Result<Vec<Role>> {
    if inputs.is_empty() {
        return Err(Error::validation(
            "roles",
            "请至少选择一个身份（网格员、楼栋长、信息员或社区工作者）。",
        ));
    }
    let mut seen = BTreeSet::new();
    let mut roles = Vec::new();
    for input in inputs {
        let role = RoleKind::parse(&input.role)
            .ok_or_else(|| Error::validation("roles", unknown_role(&input.role)))?;
        if !seen.insert(role) {
            return Err(Error::validation(
                "roles",
                format!("身份“{}”重复了。", role.label()),
            ));
        }
        let employment = match input.employment.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(e) => Some(Employment::parse(e).ok_or_else(|| {
                Error::validation("employment", format!("“{e}”无法识别，请填“专职”或“兼职”。"))
            })?),
        };
        let employment = match (role, employment) {
            (RoleKind::GridWorker, None) => {
                return Err(Error::validation(
                    "employment",
                    "请选择网格员是专职还是兼职。",
                ))
            }
            (RoleKind::GridWorker, e) => e,
            _ => None,
        };
        let mut unit_ids: Vec<(String, String)> = Vec::new();
        for uid in &input.unit_ids {
            let found = match units {
                Some(index) => index.get(uid).cloned(),
                None => hierarchy::find(conn, uid)?,
            };
            let unit = found.ok_or_else(|| {
                Error::validation("units", "所选的网格或单位已不存在，请刷新后重新选择。")
            })?;
            if !role.unit_kinds().contains(&unit.kind) {
                // The unit above it, when it is of the kind wanted: named, to write
                // instead (a 网格员 given a 微网格 was told only what it was: probe AN).
                let parent = match (units, unit.parent_id.as_deref()) {
                    (Some(index), Some(p)) => index.get(p).cloned(),
                    (None, Some(p)) => hierarchy::find(conn, p)?,
                    _ => None,
                };
                let instead = parent
                    .filter(|p| role.unit_kinds().contains(&p.kind))
                    .map(|p| format!("请填它所在的{}“{}”。", p.label(), p.name))
                    .unwrap_or_default();
                return Err(Error::validation(
                    "units",
                    format!(
                        "{}应分配到{}，“{}”是{}。{instead}",
                        role.label(),
                        role.unit_phrase(),
                        unit.name,
                        unit.label()
                    ),
                ));
            }
            if !unit_ids.iter().any(|(_, id)| *id == unit.id) {
                names.insert(unit.id.clone(), unit.name);
                unit_ids.push((unit.code, unit.id));
            }
        }
        // One canonical order (by unit code), the same as `load_roles`, so an
        // unchanged assignment compares equal.
        unit_ids.sort();
        let unit_ids: Vec<String> = unit_ids.into_iter().map(|(_, id)| id).collect();
        if unit_ids.is_empty() {
            return Err(Error::validation(
                "units",
                format!("{}必须分配到{}。", role.label(), role.unit_phrase()),
            ));
        }
        roles.push(Role {
            role,
            employment,
            unit_ids,
        });
    }
    roles.sort_by_key(|r| r.role);
    Ok(roles)
}

fn check_id_free(conn: &Connection, id_number: &str, except_id: &str) -> Result<()> {
    let found: Option<String> = conn
        .row(
            "SELECT id FROM people WHERE id_number = ?1 AND id <> ?2",
            params![id_number, except_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = found {
        let p = get(conn, &other)?;
        return Err(Error::Conflict {
            field: Some("idNumber"),
            message: format!(
                "身份证号码{}已登记为{}（{}），同一个人只登记一次；如需增加身份，请打开该人员修改。",
                identity::mask_id_number(id_number),
                p.describe(),
                units_text(conn, &p)?
            ),
        });
    }
    Ok(())
}

/// "阳光花园第一网格、阳光花园第二网格"
pub fn units_text(conn: &Connection, p: &Person) -> Result<String> {
    let mut names = Vec::new();
    for r in &p.roles {
        for uid in &r.unit_ids {
            if let Some(u) = hierarchy::find(conn, uid)? {
                names.push(u.name);
            }
        }
    }
    Ok(names.join("、"))
}

const COLUMNS: &str =
    "id, owner_code, name, gender, birth_date, id_number, phone, political_status, \
                       education, start_date, status, published, note, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    let gender: String = r.get(3)?;
    let status: String = r.get(10)?;
    Ok(Person {
        id: r.get(0)?,
        owner_code: r.get(1)?,
        name: r.get(2)?,
        gender: Gender::parse(&gender).unwrap_or(Gender::Male),
        birth_date: r.get(4)?,
        id_number: r.get(5)?,
        phone: r.get(6)?,
        political_status: r.get(7)?,
        education: r.get(8)?,
        start_date: r.get(9)?,
        status: Status::parse(&status).unwrap_or(Status::Active),
        published: r.get(11)?,
        note: r.get(12)?,
        roles: Vec::new(),
        status_changes: Vec::new(),
        past_states: Vec::new(),
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

fn load_roles(conn: &Connection, person_id: &str) -> Result<Vec<Role>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.role, r.employment, u.id FROM person_roles r JOIN units u ON u.rowid = r.unit
         WHERE r.person = (SELECT rowid FROM people WHERE id = ?1) ORDER BY r.role, u.code",
    )?;
    let rows: Vec<(String, Option<String>, String)> = stmt
        .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut roles: Vec<Role> = Vec::new();
    for (role, employment, unit) in rows {
        let Some(role) = RoleKind::parse(&role) else {
            continue;
        };
        let employment = employment.as_deref().and_then(Employment::parse);
        match roles.iter_mut().find(|r| r.role == role) {
            Some(r) => r.unit_ids.push(unit),
            None => roles.push(Role {
                role,
                employment,
                unit_ids: vec![unit],
            }),
        }
    }
    // The same canonical order as `check_roles`: by role, units by code.
    roles.sort_by_key(|r| r.role);
    Ok(roles)
}

pub fn find(conn: &Connection, id: &str) -> Result<Option<Person>> {
    let p = conn
        .row(
            &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?;
    match p {
        Some(mut p) => {
            p.roles = load_roles(conn, &p.id)?;
            Ok(Some(p))
        }
        None => Ok(None),
    }
}

/// Every person with their roles, status changes and past states, ordered by id:
/// four statements, not four per person. Equal to `get` of each.
pub fn all(conn: &Connection) -> Result<Vec<Person>> {
    people_where(conn, "", [])
}

/// The people whose roles or 公示 changed after `day` (YYYY-MM-DD): those whose
/// [`Person::roles_on`] that day may differ from their roles now. Few: a report
/// counts the others by their roles now and these one by one.
pub(crate) fn changed_after(conn: &Connection, day: &str) -> Result<Vec<Person>> {
    people_where(conn, CHANGED_AFTER, [day])
}

/// The row numbers of the people with a role or 公示 change dated after ?1.
pub(crate) const CHANGED_AFTER: &str = "SELECT person FROM person_past WHERE until > ?1";

/// [`all`], or only the people whose row number is in `rows` (a query with
/// `params`), each table read in its order and merged by row number.
fn people_where<P: rusqlite::Params + Copy>(
    conn: &Connection,
    rows: &str,
    params: P,
) -> Result<Vec<Person>> {
    // `WHERE column IN (rows)`, or `AND …` after a condition; nothing for everyone.
    let filter = |word: &str, column: &str| {
        if rows.is_empty() {
            String::new()
        } else {
            format!("{word} {column} IN ({rows})")
        }
    };
    let only = |column: &str| filter("WHERE", column);
    let and_only = |column: &str| filter("AND", column);
    // In row order, as their roles and history name them (0027, 0029): each read
    // in its table's order and merged, then put in id order.
    let mut people: Vec<(i64, Person)> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, rowid FROM people {} ORDER BY rowid",
            only("rowid")
        ))?
        .query_map(params, |r| Ok((r.get(15)?, from_row(r)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Each table read in row order and merged into `people`: `f` takes a row to its
    // person (the row's first column is the person's row number).
    let mut merge = |sql: String, f: &dyn Fn(&mut Person, &Row) -> rusqlite::Result<()>| {
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows_read = stmt.query(params)?;
        let mut at = 0;
        while let Some(r) = rows_read.next()? {
            if let Some(p) = person_in_row(&mut people, &mut at, r.get(0)?) {
                f(p, r)?;
            }
        }
        Ok::<_, Error>(())
    };
    merge(
        format!(
            "SELECT r.person, r.role, r.employment, u.id FROM person_roles r
             JOIN units u ON u.rowid = r.unit {} ORDER BY r.person, r.role, u.code",
            only("r.person")
        ),
        &|p, r| {
            let Some(role) = RoleKind::parse(&r.get::<_, String>(1)?) else {
                return Ok(());
            };
            let employment = r
                .get::<_, Option<String>>(2)?
                .as_deref()
                .and_then(Employment::parse);
            let unit: String = r.get(3)?;
            match p.roles.iter_mut().find(|x| x.role == role) {
                Some(x) => x.unit_ids.push(unit),
                None => p.roles.push(Role {
                    role,
                    employment,
                    unit_ids: vec![unit],
                }),
            }
            Ok(())
        },
    )?;
    merge(
        format!(
            "SELECT person, date, event FROM person_history WHERE event IN ('left', 'returned') {}
             ORDER BY person, date, recorded_at, rowid",
            and_only("person")
        ),
        &|p, r| {
            p.status_changes.push(StatusChange {
                date: r.get(1)?,
                event: r.get(2)?,
            });
            Ok(())
        },
    )?;
    merge(
        format!(
            "SELECT person, until, published, roles FROM person_past {} ORDER BY person, until, rowid",
            only("person")
        ),
        &|p, r| {
            p.past_states
                .push(past_state(r.get(1)?, r.get(2)?, &r.get::<_, String>(3)?));
            Ok(())
        },
    )?;
    let mut people: Vec<Person> = people.into_iter().map(|(_, p)| p).collect();
    people.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for p in &mut people {
        p.roles.sort_by_key(|r| r.role);
    }
    Ok(people)
}

/// The person in row `row`, in `people` ordered by row number, for rows read in
/// that order: a merge join that moves `at` forward only (`None` for a row number
/// not listed).
fn person_in_row<'a>(
    people: &'a mut [(i64, Person)],
    at: &mut usize,
    row: i64,
) -> Option<&'a mut Person> {
    while *at < people.len() && people[*at].0 < row {
        *at += 1;
    }
    people
        .get_mut(*at)
        .filter(|(n, _)| *n == row)
        .map(|(_, p)| p)
}

pub fn get(conn: &Connection, id: &str) -> Result<Person> {
    find(conn, id)?
        .ok_or_else(|| Error::NotFound("找不到这个人员，可能已被删除。请刷新后再试。".into()))
}

/// Every person in post (在岗) holding one of `roles`: (id, name), oldest first.
pub(crate) fn active_names(conn: &Connection, roles: &[RoleKind]) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, r.role FROM people p JOIN person_roles r ON r.person = p.rowid
          WHERE p.status = 'active' ORDER BY p.created_at, p.id",
    )?;
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let role: String = r.get(2)?;
        let held = RoleKind::parse(&role).is_some_and(|k| roles.contains(&k));
        let id: String = r.get(0)?;
        if held && rows.last().is_none_or(|(last, _)| *last != id) {
            rows.push((id, r.get(1)?));
        }
    }
    Ok(rows)
}

pub fn find_by_id_number(conn: &Connection, id_number: &str) -> Result<Option<Person>> {
    let id: Option<String> = conn
        .row(
            "SELECT id FROM people WHERE id_number = ?1",
            [id_number],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get(conn, &id)).transpose()
}

/// A masked ID number as the masks are compared: no spaces, x as X, ＊ as *.
fn mask_as_written(masked: &str) -> String {
    masked
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'x' => 'X',
            '＊' => '*',
            c => c,
        })
        .collect()
}

/// The one registered person of `name` whose ID number masks to `masked`
/// (`3201**********6162`, as the roster's export writes it by default); `None` when
/// none or several do. The default export then imports back onto its people, as the
/// other lists' masked phones do (every row of it was refused, twice).
pub(crate) fn by_masked_id_number(
    conn: &Connection,
    name: &str,
    masked: &str,
) -> Result<Option<Person>> {
    let masked = mask_as_written(masked);
    let name = crate::base::fields::squeezed_name(name.trim());
    let found = ids_masking_to(
        conn,
        "SELECT id, id_number FROM people WHERE name = ?1",
        [name.as_ref()],
        &masked,
    )?;
    match found.as_slice() {
        [] => Ok(None),
        [one] => get(conn, one).map(Some),
        several => Err(Error::validation(
            "idNumber",
            format!(
                "有 {} 个名为“{name}”的人员，身份证号码打码后都是“{masked}”，分不清是哪一个。请导出人员名单时选择“完整号码”，改好后再导入。",
                several.len()
            ),
        )),
    }
}

/// The one registered person, of any name, whose ID number masks to `masked`;
/// `None` when none or several do.
pub(crate) fn masked_id_of_other(conn: &Connection, masked: &str) -> Result<Option<Person>> {
    let masked = mask_as_written(masked);
    let chars: Vec<char> = masked.chars().collect();
    if chars.len() != 18 {
        return Ok(None);
    }
    let head: String = chars.iter().take_while(|c| **c != '*').collect();
    let tail: String = chars
        .iter()
        .rev()
        .take_while(|c| **c != '*')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if head.is_empty() || tail.is_empty() {
        return Ok(None);
    }
    let found = ids_masking_to(
        conn,
        "SELECT id, id_number FROM people WHERE id_number LIKE ?1 || '%' AND id_number LIKE '%' || ?2",
        [&head, &tail],
        &masked,
    )?;
    match found.as_slice() {
        [one] => get(conn, one).map(Some),
        _ => Ok(None),
    }
}

/// The ids of the people `sql` selects (id, ID number) whose number masks to `masked`.
fn ids_masking_to(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    masked: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let found = stmt
        .query_map(params, |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .filter_map(|r| r.ok())
        .filter(|(_, id_number)| identity::mask_id_number(id_number) == masked)
        .map(|(id, _)| id)
        .collect();
    Ok(found)
}

/// The registered people of `name` (as a person's name is stored: 张 伟 is 张伟).
pub(crate) fn named(conn: &Connection, name: &str) -> Result<Vec<Person>> {
    let name = crate::base::fields::squeezed_name(name.trim());
    let mut stmt = conn.prepare_cached("SELECT id FROM people WHERE name = ?1")?;
    let ids: Vec<String> = stmt
        .query_map([name.as_ref()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}

/// A registered person of `name` with the phone `phone`: (name, ID number). An
/// import row of a new ID number that finds one is that person with the number
/// corrected, far more often than someone else (a second 陈春梅 in the same grid,
/// with the same phone, was added unsaid).
/// Those registered with `phone`, but the person `except_id`: (name, id number).
pub(crate) fn phone_holders(
    conn: &Connection,
    phone: &str,
    except_id: &str,
) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, id_number FROM people WHERE phone = ?1 AND id <> ?2")?;
    let found: Vec<(String, String)> = stmt
        .query_map(params![phone, except_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// 手机号码…也登记在…名下 for a phone `holders` have too; none when they are none.
pub(crate) fn shared_phone_warning(phone: &str, holders: &[(String, String)]) -> Vec<String> {
    if holders.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = holders.iter().map(|(n, _)| n.as_str()).collect();
    vec![format!(
        "手机号码{}也登记在{}名下，请确认没有填错。",
        identity::mask_phone(phone),
        names.join("、")
    )]
}

fn phone_warnings(conn: &Connection, phone: &str, except_id: &str) -> Result<Vec<String>> {
    Ok(shared_phone_warning(
        phone,
        &phone_holders(conn, phone, except_id)?,
    ))
}

/// Replaces the roles of the person in row `person` (as [`write_row`] returns it);
/// `is` [`RowIs::New`] when the person was just created and has none to remove
/// (every row of an import: one index probe fewer).
fn write_roles(tx: &Tx, person: i64, roles: &[Role], is: RowIs) -> Result<()> {
    if is == RowIs::Either {
        tx.exec("DELETE FROM person_roles WHERE person = ?1", [person])?;
    }
    for r in roles {
        for uid in &r.unit_ids {
            tx.exec(
                // The unit by its row's number (0028); none: NOT NULL refuses it.
                "INSERT INTO person_roles (person, role, employment, unit)
                 VALUES (?1, ?2, ?3, (SELECT rowid FROM units WHERE id = ?4))",
                params![
                    person,
                    r.role.as_str(),
                    r.employment.map(|e| e.as_str()),
                    uid
                ],
            )?;
        }
    }
    Ok(())
}

/// A `person_past` row as a [`PastState`]. Its roles were written by this module
/// from a [`Role`] list; a row that no longer reads (never expected) holds none.
fn past_state(until: String, published: bool, roles: &str) -> PastState {
    PastState {
        until,
        published,
        roles: serde_json::from_str(roles).unwrap_or_default(),
    }
}

/// The past states of the person in row `person`, oldest first (for the recycle bin).
fn past_states_of(conn: &Connection, person: i64) -> Result<Vec<PastState>> {
    let mut stmt = conn.prepare_cached(
        "SELECT until, published, roles FROM person_past WHERE person = ?1 ORDER BY until, rowid",
    )?;
    let rows = stmt.query_map([person], |r| {
        Ok(past_state(r.get(0)?, r.get(1)?, &r.get::<_, String>(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_past_state(tx: &Tx, person: i64, s: &PastState) -> Result<()> {
    tx.exec(
        "INSERT INTO person_past (person, until, published, roles, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            person,
            s.until,
            s.published,
            serde_json::to_string(&s.roles)?,
            tx.ctx.stamp()
        ],
    )?;
    Ok(())
}

/// Keeps what the person held before `c` changes their roles or 公示 as of `c`'s
/// 变动日期 (`before` is them as stored now). A change dated before later ones
/// already kept (a 调岗 back-dated to March after a 公示 change in June) holds from
/// its day on: the state kept for the days before it is the one those days had,
/// and the states kept for later days take the new roles or 公示.
fn keep_past_state(tx: &Tx, person: i64, before: &Person, c: &Checked) -> Result<()> {
    let roles_changed = before.roles != c.roles;
    if !roles_changed && before.published == c.published {
        return Ok(());
    }
    let until = c.effective_date.to_string();
    // What the day before `until` had: the first state kept from `until` on, or
    // the person as now.
    let held = tx
        .query_row(
            "SELECT until, published, roles FROM person_past WHERE person = ?1 AND until >= ?2
             ORDER BY until, rowid LIMIT 1",
            params![person, until],
            |r| Ok(past_state(r.get(0)?, r.get(1)?, &r.get::<_, String>(2)?)),
        )
        .optional()?
        .unwrap_or_else(|| PastState {
            until: String::new(),
            published: before.published,
            roles: before.roles.clone(),
        });
    if roles_changed {
        tx.exec(
            "UPDATE person_past SET roles = ?3 WHERE person = ?1 AND until > ?2",
            params![person, until, serde_json::to_string(&c.roles)?],
        )?;
    }
    if before.published != c.published {
        tx.exec(
            "UPDATE person_past SET published = ?3 WHERE person = ?1 AND until > ?2",
            params![person, until, c.published],
        )?;
    }
    insert_past_state(tx, person, &PastState { until, ..held })
}

/// Adds an event to the history of the person in row `person` (as [`write_row`]
/// returns it: history names people by row, 0029).
fn add_history(tx: &Tx, person: i64, date: NaiveDate, event: &str, detail: &str) -> Result<()> {
    add_history_as(tx, &new_id(), person, date, event, detail)
}

fn add_history_as(
    tx: &Tx,
    id: &str,
    person: i64,
    date: NaiveDate,
    event: &str,
    detail: &str,
) -> Result<()> {
    tx.exec(
        "INSERT INTO person_history (id, person, date, event, detail, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, person, date.to_string(), event, detail, tx.ctx.stamp()],
    )?;
    Ok(())
}

/// The registry's own 离岗, done by another record (a 离职 event of the pipeline):
/// an active person leaves as of `date`, with a history row (`history_id`, or a new
/// id) whose detail is `reason`, and a change-log row. Returns the history row's
/// id, or `None` when the person had already left (nothing changes).
pub(crate) fn leave_on(
    tx: &Tx,
    person_id: &str,
    date: NaiveDate,
    reason: &str,
    history_id: Option<&str>,
) -> Result<Option<String>> {
    let before = get(tx, person_id)?;
    if before.status == Status::Left {
        return Ok(None);
    }
    if let Some(e) = before_latest_change(tx, &before, date, "date", "离职日期")? {
        return Err(e);
    }
    let person = Person {
        status: Status::Left,
        updated_at: tx.ctx.stamp(),
        ..before.clone()
    };
    let row = write_row(tx, &person, RowIs::Either)?;
    let id = history_id.map_or_else(new_id, str::to_string);
    add_history_as(tx, &id, row, date, "left", reason)?;
    // With its day, as the form's 离岗 is (a 选拔's showed 在岗 → 离岗 undated).
    log_dated(tx, &before, &person, date)?;
    Ok(Some(id))
}

/// Undoes a [`leave_on`] whose record is deleted, when that leave is still the
/// person's latest status change: back to 在岗 and its history row removed (the
/// leave never happened). A person who returned or left again since keeps what
/// came after. Returns whether it was undone.
pub(crate) fn undo_leave(tx: &Tx, person_id: &str, history_id: &str) -> Result<bool> {
    let Some(before) = find(tx, person_id)? else {
        return Ok(false);
    };
    let latest: Option<String> = tx
        .query_row(
            "SELECT id FROM person_history
             WHERE person = (SELECT rowid FROM people WHERE id = ?1) AND event IN ('left', 'returned')
             ORDER BY date DESC, recorded_at DESC, rowid DESC LIMIT 1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?;
    if before.status != Status::Left || latest.as_deref() != Some(history_id) {
        return Ok(false);
    }
    tx.exec("DELETE FROM person_history WHERE id = ?1", [history_id])?;
    let person = Person {
        status: Status::Active,
        updated_at: tx.ctx.stamp(),
        ..before.clone()
    };
    write_row(tx, &person, RowIs::Either)?;
    tx.log_change(TABLE, person_id, "update", Some(&before), Some(&person))?;
    Ok(true)
}

/// Whether the history row `id` is still there.
pub(crate) fn history_row_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM person_history WHERE id = ?1", [id], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// "网格员（专职）：阳光花园第一网格；楼栋长：1-2栋"
fn roles_text(conn: &Connection, roles: &[Role]) -> Result<String> {
    let mut names = BTreeMap::new();
    for uid in roles.iter().flat_map(|r| &r.unit_ids) {
        if let Some(u) = hierarchy::find(conn, uid)? {
            names.insert(uid.clone(), u.name);
        }
    }
    Ok(roles_text_with(roles, &names))
}

/// [`roles_text`] with the unit names already known.
fn roles_text_with(roles: &[Role], unit_names: &BTreeMap<String, String>) -> String {
    let mut parts = Vec::new();
    for r in roles {
        let mut names = Vec::new();
        for uid in &r.unit_ids {
            names.push(unit_names.get(uid).cloned().unwrap_or_default());
        }
        let emp = r
            .employment
            .map(|e| format!("（{}）", e.label()))
            .unwrap_or_default();
        parts.push(format!("{}{emp}：{}", r.role.label(), names.join("、")));
    }
    parts.join("；")
}

/// A stored person as the form would send them back unchanged: the start of a
/// change made without the form (a batch 离岗, 调岗 or 公示), checked by `update`
/// like any edit.
pub fn input_of(p: &Person) -> PersonInput {
    PersonInput {
        name: p.name.clone(),
        gender: p.gender.as_str().into(),
        birth_date: p.birth_date.clone(),
        id_number: p.id_number.clone(),
        phone: p.phone.clone(),
        political_status: p.political_status.clone(),
        education: p.education.clone(),
        start_date: p.start_date.clone().unwrap_or_default(),
        status: p.status.as_str().into(),
        published: p.published,
        note: p.note.clone(),
        roles: p
            .roles
            .iter()
            .map(|r| RoleInput {
                role: r.role.as_str().into(),
                employment: r.employment.map(|e| e.as_str().into()),
                unit_ids: r.unit_ids.clone(),
            })
            .collect(),
        effective_date: String::new(),
        seen_updated_at: String::new(),
    }
}

pub fn create(tx: &Tx, input: &PersonInput) -> Result<Saved> {
    let c = check(tx, input, tx.ctx.today(), "").map_err(Error::from_problems)?;
    let person = create_checked(tx, &c)?;
    let warnings = phone_warnings(tx, &person.phone, &person.id)?;
    Ok(Saved { person, warnings })
}

/// Writes a person already checked against this transaction's data (the form's
/// create and every created row of an import).
pub(crate) fn create_checked(tx: &Tx, c: &Checked) -> Result<Person> {
    let office = office::require(tx)?;
    let id = new_id();
    let now = tx.ctx.stamp();
    let person = from_checked(&id, &office.code, c, &now, &now);
    let row = write_row(tx, &person, RowIs::New)?;
    write_roles(tx, row, &c.roles, RowIs::New)?;
    let detail = roles_text_with(&c.roles, &c.unit_names);
    let joined = c.start_date.unwrap_or(c.effective_date);
    add_history(tx, row, joined, "joined", &detail)?;
    if c.status == Status::Left {
        add_history(tx, row, c.effective_date, "left", &detail)?;
    }
    // What was just written, without reading it back (three queries a row in an
    // import); the tests check it equals `get`.
    debug_assert_eq!(Some(&person), find(tx, &id)?.as_ref());
    tx.log_change(TABLE, &id, "create", None, Some(&person))?;
    Ok(person)
}

/// A person as a checked input describes them (roles included).
fn from_checked(id: &str, owner: &str, c: &Checked, created_at: &str, updated_at: &str) -> Person {
    Person {
        id: id.into(),
        owner_code: owner.into(),
        name: c.name.clone(),
        gender: c.gender,
        birth_date: c.birth_date.to_string(),
        id_number: c.id_number.clone(),
        phone: c.phone.clone(),
        political_status: c.political_status.clone(),
        education: c.education.clone(),
        start_date: c.start_date.map(|d| d.to_string()),
        status: c.status,
        published: c.published,
        note: c.note.clone(),
        roles: c.roles.clone(),
        status_changes: Vec::new(),
        past_states: Vec::new(),
        created_at: created_at.into(),
        updated_at: updated_at.into(),
    }
}

/// Whether [`write_row`] writes a person who is not in the table (create) or one who
/// may be (update, leave, return, restore).
#[derive(Clone, Copy, PartialEq)]
enum RowIs {
    New,
    Either,
}

/// Writes a person's row, their name's bigrams and their numbers' trigrams: the one
/// place that lists the columns for create, update and restore. Roles are written by
/// `write_roles`.
///
/// A new person is a plain INSERT: people have no insert trigger (migration 0022),
/// so SQLite keeps no statement journal for it, the cost of an import's every row.
/// Any other write inserts or replaces; its update path renews the bigrams and the
/// number index through the `people_name_grams_update` and `people_numbers_update`
/// triggers, and the explicit bigram insert after it (a no-op when they are there)
/// covers a restored person, as the number index insert does when the row is new.
/// Returns the row's number, which [`write_roles`] and the history take.
fn write_row(tx: &Tx, p: &Person, is: RowIs) -> Result<i64> {
    let inserts = is == RowIs::New
        || !tx
            .prepare_cached("SELECT 1 FROM people WHERE id = ?1")?
            .exists([&p.id])?;
    static SQL: std::sync::LazyLock<[String; 2]> = std::sync::LazyLock::new(|| {
        let insert = format!(
            "INSERT INTO people ({COLUMNS}, name_sort, name_strokes)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)"
        );
        let upsert = format!(
            "{insert}
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_sort = excluded.name_sort,
                 name_strokes = excluded.name_strokes,
                 gender = excluded.gender,
                 birth_date = excluded.birth_date, id_number = excluded.id_number,
                 phone = excluded.phone, political_status = excluded.political_status,
                 education = excluded.education, start_date = excluded.start_date,
                 status = excluded.status, published = excluded.published, note = excluded.note,
                 updated_at = excluded.updated_at"
        );
        [insert, upsert]
    });
    let (sort_key, stroke_key) = crate::base::sortkey::keys(&p.name);
    tx.exec(
        &SQL[usize::from(is == RowIs::Either)],
        params![
            p.id,
            p.owner_code,
            p.name,
            p.gender.as_str(),
            p.birth_date,
            p.id_number,
            p.phone,
            p.political_status,
            p.education,
            p.start_date,
            p.status.as_str(),
            p.published,
            p.note,
            p.created_at,
            p.updated_at,
            sort_key,
            stroke_key,
        ],
    )?;
    // The row's number, by which the search tables, roles and history name the
    // person (0024, 0026–0029).
    let row: i64 = if inserts {
        tx.last_insert_rowid()
    } else {
        tx.row("SELECT rowid FROM people WHERE id = ?1", [&p.id], |r| {
            r.get(0)
        })?
    };
    if inserts {
        // The row just inserted (an insert trigger would cost a statement journal).
        tx.exec(
            "INSERT INTO person_numbers (rowid, id_number, phone) VALUES (?1, ?2, ?3)",
            params![row, p.id_number, p.phone],
        )?;
    }
    // Every two-character substring, ASCII folded as LIKE folds it (see 0010), one
    // row at a time: an INSERT … SELECT opens a statement journal, and each one made
    // the number index write its pending trigrams out (FTS5 flushes at every
    // statement savepoint), a segment per person and a sixth of an import's time.
    let mut gram = tx
        .prepare_cached("INSERT OR IGNORE INTO person_name_grams (gram, person) VALUES (?1, ?2)")?;
    for g in search::grams(&p.name, 2) {
        gram.execute(params![g, row])?;
    }
    Ok(row)
}

pub fn update(tx: &Tx, id: &str, input: &PersonInput) -> Result<Saved> {
    let before = get(tx, id)?;
    if !input.seen_updated_at.is_empty() && input.seen_updated_at != before.updated_at {
        return Err(Error::Conflict {
            field: None,
            message: format!(
                "“{}”的记录在这张表打开后有了变动（如登记了离职、导入或恢复），现在是{}。\
                 为免把变动改回去，这次没有保存：请点“返回名单”重新打开这个人，再改一次。",
                before.name,
                before.status.label()
            ),
        });
    }
    let c = check(tx, input, tx.ctx.today(), id).map_err(Error::from_problems)?;
    if let Some(e) = misdated(tx, &before, &c)? {
        return Err(e);
    }
    let overridden = publish_overridden(tx, &before, &c)?;
    let served: Vec<String> = grids_served(&before).map(str::to_string).collect();
    let person = update_checked(tx, before, &c)?;
    let mut warnings = phone_warnings(tx, &person.phone, id)?;
    warnings.extend(overridden);
    warnings.extend(grids_left_empty(tx, &served, &person)?);
    Ok(Saved { person, warnings })
}

/// The base grids `p` serves as a grid worker in post.
fn grids_served(p: &Person) -> impl Iterator<Item = &str> {
    p.roles
        .iter()
        .filter(|r| r.role == RoleKind::GridWorker && p.status == Status::Active)
        .flat_map(|r| r.unit_ids.iter().map(String::as_str))
}

/// Of the base grids `served` before a save, those `after` no longer serves and
/// nobody else in post does: said at once (a 调岗 left a grid without its worker,
/// and only 首页's coverage told, probe X).
fn grids_left_empty(tx: &Tx, served: &[String], after: &Person) -> Result<Vec<String>> {
    let still: Vec<&str> = grids_served(after).collect();
    let mut empty = Vec::new();
    for grid in served.iter().filter(|g| !still.contains(&g.as_str())) {
        let others: i64 = tx
            .prepare_cached(
                "SELECT count(*) FROM person_roles r JOIN people p ON p.rowid = r.person
                 WHERE r.unit = (SELECT rowid FROM units WHERE id = ?1)
                   AND r.role = 'grid_worker' AND p.status = 'active'",
            )?
            .query_row([grid], |r| r.get(0))?;
        if others == 0 {
            if let Some(u) = hierarchy::find(tx, grid)? {
                empty.push(u.name);
            }
        }
    }
    Ok((!empty.is_empty())
        .then(|| {
            format!(
                "{}现在没有在岗的网格员了（网格覆盖率会下降），请安排接替的网格员。",
                empty.join("、")
            )
        })
        .into_iter()
        .collect())
}

/// A 公示 change dated before a later one (公示 set on 2026-06-30 for one whose 公示
/// was taken off on 2026-09-01) holds from its day on, so the later one no longer
/// counts: said, since 公示 changes have no row in the 履历 to see it by. The form
/// says it after saving, an import's check and a batch 公示 before and after.
fn publish_overridden(conn: &Connection, before: &Person, c: &Checked) -> Result<Option<String>> {
    if before.published == c.published {
        return Ok(None);
    }
    let day = c.effective_date.to_string();
    Ok(later_publish_change(conn, before, &day)?.map(|later| {
        format!(
            "“{}”在 {later} 已有一次是否公示的变动；这次的变动日期 {day} 在它之前，那一次不再计算：自 {day} 起都按“{}”统计。",
            before.name,
            if c.published { "是" } else { "否" }
        )
    }))
}

/// The day of the latest 公示 change of `before` after `day` (YYYY-MM-DD), which a
/// change of its 公示 dated `day` overrides: the last day 公示 was otherwise than now.
pub(crate) fn later_publish_change(
    conn: &Connection,
    before: &Person,
    day: &str,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(until) FROM person_past
             WHERE person = (SELECT rowid FROM people WHERE id = ?1) AND until > ?2
               AND published <> ?3",
        )?
        .query_row(params![before.id, day, before.published], |r| r.get(0))?)
}

/// Whether `c` makes a 离岗, 复岗 or 调岗 of `before`: what its 变动日期 dates.
pub(crate) fn changes_post(before: &Person, c: &Checked) -> bool {
    before.status != c.status || before.roles != c.roles
}

/// A change of `before` misdated at its 变动日期, refused in the form and in an
/// import:
/// - a 离岗, 复岗, 调岗 or 公示 change dated before the person came (离岗 2026-08-15 for
///   one who came 2026-09-01) would stand above their 入职 in the history;
/// - a 离岗, 复岗 or 调岗 dated before the person's latest one (a 调岗 of 2026-08-20
///   saved after one of 2026-11-10) would make the 履历 say a move from a grid
///   they had already left, with a later move the figures no longer count. A day
///   typed wrong is corrected in the 履历 first ([`redate_change`]).
pub(crate) fn misdated(conn: &Connection, before: &Person, c: &Checked) -> Result<Option<Error>> {
    // A 到岗日期 moved after a change already recorded: the 入职 would stand below it.
    let start = c.start_date.map(|d| d.to_string());
    if start.is_some() && start != before.start_date.as_ref().map(|d| day_of(d).to_string()) {
        if let (Some(s), Some((day, event))) = (&start, edge_change(conn, &before.id, false)?) {
            let day = day_of(&day).to_string();
            if *s > day {
                return Ok(Some(Error::validation(
                    "startDate",
                    format!(
                        "到岗日期“{s}”晚于“{}” {day} 的{}：到岗应在所有变动之前，请核对。",
                        before.name,
                        event_label(&event)
                    ),
                )));
            }
        }
    }
    let dated = changes_post(before, c);
    if !dated && before.published == c.published {
        return Ok(None);
    }
    if let Some(start) = c.start_date.filter(|s| c.effective_date < *s) {
        return Ok(Some(Error::validation(
            "effectiveDate",
            format!(
                "变动日期“{}”早于到岗日期“{start}”，请核对。",
                c.effective_date
            ),
        )));
    }
    if !dated {
        return Ok(None);
    }
    if let Some(e) = before_set_up(conn, before, c)? {
        return Ok(Some(e));
    }
    before_latest_change(conn, before, c.effective_date, "effectiveDate", "变动日期")
}

/// A 调岗 into a unit dated before its 设立日期 (a move into a grid set up on
/// 11-01 dated 09-01 counted the worker in a grid that did not stand in the third
/// quarter, and its coverage fell with no word): refused, naming the unit and day.
fn before_set_up(conn: &Connection, before: &Person, c: &Checked) -> Result<Option<Error>> {
    let day = c.effective_date.to_string();
    let had: Vec<&str> = before
        .roles
        .iter()
        .flat_map(|r| r.unit_ids.iter().map(String::as_str))
        .collect();
    for id in c.roles.iter().flat_map(|r| r.unit_ids.iter()) {
        if had.contains(&id.as_str()) {
            continue;
        }
        let Some(unit) = hierarchy::find(conn, id)? else {
            continue;
        };
        if let Some(on) = unit
            .established_on
            .as_deref()
            .filter(|on| day.as_str() < *on)
        {
            return Ok(Some(Error::validation(
                "effectiveDate",
                format!(
                    "变动日期“{day}”早于“{}”的设立日期 {on}：那时这个网格还没有设立。请填 {on} 或以后的日期。",
                    unit.name
                ),
            )));
        }
    }
    Ok(None)
}

/// The first or (`latest`) the last 离岗, 复岗 or 调岗 of the person `person_id`, in
/// the 履历's order: (date, event).
fn edge_change(
    conn: &Connection,
    person_id: &str,
    latest: bool,
) -> Result<Option<(String, String)>> {
    let order = if latest { "DESC" } else { "" };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT date, event FROM person_history
             WHERE person = (SELECT rowid FROM people WHERE id = ?1) AND event <> 'joined'
             ORDER BY date {order}, recorded_at {order}, rowid {order} LIMIT 1"
        ))?
        .query_row([person_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Refused when `date` (a change's day, in the field `field` named `label`) is
/// before `person`'s latest 离岗, 复岗 or 调岗: the 履历 would run backwards.
fn before_latest_change(
    conn: &Connection,
    person: &Person,
    date: NaiveDate,
    field: &'static str,
    label: &str,
) -> Result<Option<Error>> {
    let latest = edge_change(conn, &person.id, true)?;
    let Some((day, event)) = latest.filter(|(d, _)| date.to_string().as_str() < day_of(d)) else {
        return Ok(None);
    };
    let day = day_of(&day);
    Ok(Some(Error::validation(
        field,
        format!(
            "{label}“{date}”早于“{}”上一次{}的日期 {day}。请填 {day} 或以后的日期；如果那一次的日期记错了，请先在该人员的履历里点“改日期”更正。",
            person.name,
            event_label(&event)
        ),
    )))
}

/// Rewrites `before` (as stored in this transaction) as checked in `c`, with
/// history rows for a reassignment, leaving or return.
pub(crate) fn update_checked(tx: &Tx, before: Person, c: &Checked) -> Result<Person> {
    let id = before.id.as_str();
    // Saved as it was: nothing is written, nor a 修改 in the change log that showed
    // only 姓名 徐明 → 徐明.
    let same = from_checked(
        id,
        &before.owner_code,
        c,
        &before.created_at,
        &before.updated_at,
    );
    if same == before {
        return Ok(before);
    }
    let person = from_checked(
        id,
        &before.owner_code,
        c,
        &before.created_at,
        &tx.ctx.stamp(),
    );
    let row = write_row(tx, &person, RowIs::Either)?;
    // 到岗日期 corrected: the 入职 it dated moves with it (履历 kept the old day
    // while the figures counted the new one). One filled in later leaves the 登记
    // of the day the person was registered as it is.
    let start = c.start_date.map(|d| d.to_string());
    match (&before.start_date, &start) {
        (Some(old), Some(new)) if old != new => {
            tx.exec(
                "UPDATE person_history SET date = ?2 WHERE rowid = (
                     SELECT rowid FROM person_history WHERE person = ?1 AND event = 'joined'
                     ORDER BY date, rowid LIMIT 1)
                   AND substr(date, 1, 10) = substr(?3, 1, 10)",
                params![row, new, old],
            )?;
        }
        _ => {}
    }
    keep_past_state(tx, row, &before, c)?;
    // On one day, in the order it happened: a 复岗 to the old post before a 调岗; a
    // 调岗 before a 离岗 from the new post. Each says what was left or came back
    // to, as 入职 says it (a blank 详情 said nothing).
    let returning = before.status == Status::Left && c.status == Status::Active;
    if returning {
        let roles = roles_text(tx, &before.roles)?;
        add_history(tx, row, c.effective_date, "returned", &roles)?;
    }
    if before.roles != c.roles {
        let old = roles_text(tx, &before.roles)?;
        write_roles(tx, row, &c.roles, RowIs::Either)?;
        let new = roles_text_with(&c.roles, &c.unit_names);
        add_history(
            tx,
            row,
            c.effective_date,
            "reassigned",
            &format!("{old} → {new}"),
        )?;
    }
    if before.status == Status::Active && c.status == Status::Left {
        let roles = roles_text_with(&c.roles, &c.unit_names);
        add_history(tx, row, c.effective_date, "left", &roles)?
    }
    debug_assert_eq!(Some(&person), find(tx, id)?.as_ref());
    // A 离岗, 复岗, 调岗 or 公示 change is logged with the day it took effect (变更记录
    // showed only 状态 在岗 → 离岗, not the 变动日期 the clerk gave).
    if changes_post(&before, c) || before.published != c.published {
        log_dated(tx, &before, &person, c.effective_date)?;
    } else {
        tx.log_change(TABLE, id, "update", Some(&before), Some(&person))?;
    }
    Ok(person)
}

/// Logs `before` → `after` with the day the change took effect (`effectiveDate`:
/// 变更记录 shows it beside 状态 在岗 → 离岗).
fn log_dated(tx: &Tx, before: &Person, after: &Person, day: NaiveDate) -> Result<()> {
    let mut logged = serde_json::to_value(after)?;
    logged["effectiveDate"] = day.to_string().into();
    tx.log_change(
        TABLE,
        &before.id,
        "update",
        Some(&serde_json::to_value(before)?),
        Some(&logged),
    )
}

/// A person as kept in the recycle bin: the record and its history.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Binned {
    person: Person,
    history: Vec<HistoryEvent>,
    /// Absent from entries binned before schema 31.
    past_states: Vec<PastState>,
}

/// Whether two writings of a person's name are one name: 张伟 and 张 伟 (the spaces
/// typed inside a Chinese name are not stored, [`crate::base::fields::squeezed_name`];
/// names stored before that keep theirs).
pub fn same_name(a: &str, b: &str) -> bool {
    use crate::base::fields::squeezed_name;
    squeezed_name(a.trim()) == squeezed_name(b.trim())
}

pub fn delete(tx: &Tx, id: &str) -> Result<recycle::Entry> {
    let person = get(tx, id)?;
    let row: i64 = tx.row("SELECT rowid FROM people WHERE id = ?1", [id], |r| r.get(0))?;
    let binned = Binned {
        history: history(tx, id)?,
        past_states: past_states_of(tx, row)?,
        person,
    };
    tx.exec("DELETE FROM person_history WHERE person = ?1", [row])?;
    tx.exec("DELETE FROM person_past WHERE person = ?1", [row])?;
    tx.exec(
        "DELETE FROM person_roles WHERE person = (SELECT rowid FROM people WHERE id = ?1)",
        [id],
    )?;
    tx.exec("DELETE FROM people WHERE id = ?1", [id])?;
    let summary = format!(
        "{}（{}）",
        binned.person.describe(),
        identity::mask_id_number(&binned.person.id_number)
    );
    recycle::discard(tx, TABLE, LABEL, id, &summary, &binned)
}

pub(crate) fn restore(tx: &Tx, payload: &serde_json::Value) -> Result<Person> {
    let Binned {
        person: p,
        history: events,
        past_states,
    } = serde_json::from_value(payload.clone())?;
    if find(tx, &p.id)?.is_some() {
        return Err(Error::Conflict {
            field: None,
            message: format!("{}已经存在，无需恢复。", p.describe()),
        });
    }
    // Registered again meanwhile (by hand or by an import): that record is the
    // person now, and this entry has nothing left to bring back.
    check_id_free(tx, &p.id_number, &p.id).map_err(|e| match e {
        Error::Conflict { field, message } => Error::Conflict {
            field,
            message: format!(
                "{message}回收站里的这一条是同一个人删除前的记录，已不能恢复；要保留的内容请在该人员里补上，然后可以把这一条彻底删除。"
            ),
        },
        other => other,
    })?;
    for r in &p.roles {
        for uid in &r.unit_ids {
            if hierarchy::find(tx, uid)?.is_none() {
                let hint = recycle::summary_of(tx, hierarchy::TABLE, uid)?
                    .map(|s| format!("请先在回收站中恢复{s}。"))
                    .unwrap_or_else(|| "该单位已不存在。".into());
                return Err(Error::Refused(format!(
                    "不能恢复{}：其{}所在的单位已被删除。{hint}",
                    p.describe(),
                    r.role.label()
                )));
            }
        }
    }
    let row = write_row(
        tx,
        &Person {
            updated_at: tx.ctx.stamp(),
            ..p.clone()
        },
        RowIs::Either,
    )?;
    write_roles(tx, row, &p.roles, RowIs::Either)?;
    for e in &events {
        tx.exec(
            "INSERT INTO person_history (id, person, date, event, detail, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![e.id, row, e.date, e.event, e.detail, e.recorded_at],
        )?;
    }
    for s in &past_states {
        insert_past_state(tx, row, s)?;
    }
    let restored = get(tx, &p.id)?;
    tx.log_change(TABLE, &p.id, "restore", None, Some(&restored))?;
    Ok(restored)
}

/// The state kept before the 调岗 `event` (written with it, so recorded at its
/// time) moves from `old` to `new`, and the states kept for 公示 changes it passes
/// over take the roles of their day: the roles before it when it moves later,
/// after it when it moves earlier; it takes the 公示 of its new day. `now` and
/// `now_published`: the person's roles and 公示 now.
fn move_kept_roles(
    tx: &Tx,
    person: i64,
    event: &HistoryEvent,
    (old, new): (&str, &str),
    now: &[Role],
    now_published: bool,
) -> Result<()> {
    let own: Option<(i64, String)> = tx
        .query_row(
            "SELECT rowid, roles FROM person_past WHERE person = ?1 AND until = ?2
               AND recorded_at = ?3 ORDER BY rowid LIMIT 1",
            params![person, old, event.recorded_at],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((own, before)) = own else {
        return Ok(());
    };
    // A state is the one of the days before its `until`; of one day's states the
    // first kept is the one looked up.
    if new > old {
        tx.exec(
            "UPDATE person_past SET roles = ?4
             WHERE person = ?1 AND until >= ?2 AND until <= ?3 AND rowid <> ?5",
            params![person, old, new, before, own],
        )?;
    } else {
        // After it: the state kept for the first change after it, or now.
        let after: String = tx
            .query_row(
                "SELECT roles FROM person_past
                 WHERE person = ?1 AND (until > ?2 OR (until = ?2 AND rowid > ?3))
                 ORDER BY until, rowid LIMIT 1",
                params![person, old, own],
                |r| r.get(0),
            )
            .optional()?
            .map_or_else(|| serde_json::to_string(now), Ok)?;
        tx.exec(
            "UPDATE person_past SET roles = ?4
             WHERE person = ?1 AND until > ?2 AND until <= ?3 AND rowid <> ?5",
            params![person, new, old, after, own],
        )?;
    }
    // Its 公示 is the one of the day before its new day (a 公示 change it passed
    // over holds on the days between).
    let published: bool = tx
        .query_row(
            "SELECT published FROM person_past WHERE person = ?1 AND until >= ?2 AND rowid <> ?3
             ORDER BY until, rowid LIMIT 1",
            params![person, new, own],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(now_published);
    tx.exec(
        "UPDATE person_past SET until = ?2, published = ?3 WHERE rowid = ?1",
        params![own, new, published],
    )?;
    Ok(())
}

/// Corrects the day of a 调岗, 离岗 or 复岗 in a person's 履历 (`event_id`) to `date`
/// (the 变动日期 typed wrong): the figures of the periods around it follow, as the
/// roles and status they count move with it (the state kept before a 调岗 moves
/// with its day, [`move_kept_roles`]). Refused when the day is not a date, is after
/// today or before the person's 到岗日期, or when it would pass another 调岗, 离岗 or
/// 复岗 of the person: the order of the 履历 stays as it happened.
/// An 入职 is dated by 到岗日期; a 离岗 made by a 离职 record of 引育留用 stays that
/// record's day. Returns the 履历 as it now stands.
pub fn redate_change(
    tx: &Tx,
    person_id: &str,
    event_id: &str,
    date: &str,
) -> Result<Vec<HistoryEvent>> {
    let person = get(tx, person_id)?;
    let row: i64 = tx.row("SELECT rowid FROM people WHERE id = ?1", [person_id], |r| {
        r.get(0)
    })?;
    let events = history(tx, person_id)?;
    let Some(event) = events.iter().find(|e| e.id == event_id) else {
        return Err(Error::NotFound(
            "找不到这条履历，可能已经改过或删除。请刷新后再试。".into(),
        ));
    };
    if event.event == "joined" {
        return Err(Error::validation(
            "date",
            "入职的日期就是到岗日期，请修改到岗日期。",
        ));
    }
    let from_pipeline: bool = tx.row(
        "SELECT EXISTS (SELECT 1 FROM pipeline_events WHERE json_extract(json, '$.leftHistoryId') = ?1)",
        [event_id],
        |r| r.get(0),
    )?;
    if from_pipeline {
        return Err(Error::Refused(
            "这次离岗由引育留用的离职记录生成，日期随那条记录；如日期有误，请在引育留用中删除那条记录后重新登记。"
                .into(),
        ));
    }
    let today = tx.ctx.today();
    let Some(new) = parse_date("date", "变动日期", date)? else {
        return Err(Error::validation("date", "请填写变动日期。"));
    };
    if new > today {
        return Err(Error::validation(
            "date",
            format!("变动日期“{new}”晚于今天，请核对。"),
        ));
    }
    if let Some(start) = person.start_date.as_deref().map(day_of) {
        if new.to_string().as_str() < start {
            return Err(Error::validation(
                "date",
                format!("变动日期“{new}”早于到岗日期“{start}”，请核对。"),
            ));
        }
    }
    let old = day_of(&event.date).to_string();
    let new = new.to_string();
    if new == old {
        return Ok(events);
    }
    // The 履历's order stays: the day goes no further than the changes before and
    // after it (the 入职 aside), onto their day only where it already sorts so
    // (two changes of one day, recorded in turn).
    let changes: Vec<&HistoryEvent> = events.iter().filter(|e| e.event != "joined").collect();
    let at = changes.iter().position(|e| e.id == event_id).unwrap_or(0);
    let day = |e: &HistoryEvent| day_of(&e.date).to_string();
    let crossed = if new < old {
        at.checked_sub(1).map(|i| changes[i]).filter(|prev| {
            new < day(prev) || (new == day(prev) && prev.recorded_at > event.recorded_at)
        })
    } else {
        changes.get(at + 1).copied().filter(|next| {
            new > day(next) || (new == day(next) && next.recorded_at < event.recorded_at)
        })
    };
    if let Some(e) = crossed {
        return Err(Error::validation(
            "date",
            format!(
                "{} {} 还有一次{}，变动日期不能改到它{}；请先核对那一次的日期。",
                person.name,
                day(e),
                e.event_label,
                if new < old { "以前" } else { "以后" }
            ),
        ));
    }
    if event.event == "reassigned" {
        let with_past = Person {
            past_states: past_states_of(tx, row)?,
            ..person.clone()
        };
        if let Some(e) = moved_across_unit_dates(tx, &with_past, &old, &new)? {
            return Err(e);
        }
    }
    tx.exec(
        "UPDATE person_history SET date = ?2 WHERE id = ?1",
        params![event_id, new],
    )?;
    if event.event == "reassigned" {
        move_kept_roles(
            tx,
            row,
            event,
            (&old, &new),
            &person.roles,
            person.published,
        )?;
    }
    // 任职经历: 调岗 2026-10-01 → 调岗 2026-09-01.
    let change = |day: &str| serde_json::json!({ "name": person.name, "history": format!("{} {day}", event.event_label) });
    tx.log_change(
        TABLE,
        person_id,
        "update",
        Some(&change(&old)),
        Some(&change(&new)),
    )?;
    history(tx, person_id)
}

/// A 调岗 of `person` on `old` redated to `new` (YYYY-MM-DD) into a unit before its
/// 设立日期, or out of a unit after its 撤销日期 (probe M: 改日期 took a reported
/// quarter's coverage from 100% to 95.5%, where the 调岗 form refused the same day).
fn moved_across_unit_dates(
    conn: &Connection,
    person: &Person,
    old: &str,
    new: &str,
) -> Result<Option<Error>> {
    let Some(before) = NaiveDate::parse_from_str(old, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.pred_opt())
        .map(|d| d.to_string())
    else {
        return Ok(None);
    };
    let units = |roles: &[Role]| -> std::collections::BTreeSet<String> {
        roles
            .iter()
            .flat_map(|r| r.unit_ids.iter().cloned())
            .collect()
    };
    let (was, then) = (units(person.roles_on(&before)), units(person.roles_on(old)));
    for id in then.difference(&was) {
        let Some(unit) = hierarchy::find(conn, id)? else {
            continue;
        };
        if let Some(on) = unit.established_on.as_deref().filter(|on| new < *on) {
            return Ok(Some(Error::validation(
                "date",
                format!(
                    "调岗日期“{new}”早于“{}”的设立日期 {on}：那时这个网格还没有设立。请填 {on} 或以后的日期。",
                    unit.name
                ),
            )));
        }
    }
    for id in was.difference(&then) {
        let gone: Option<hierarchy::adjust::DissolvedUnit> = crate::store::ledger::find(conn, id)?;
        if let Some(d) = gone.filter(|d| new > d.dissolved_on.as_str()) {
            return Ok(Some(Error::validation(
                "date",
                format!(
                    "“{}”已于 {} 撤销：调离它的日期不能晚于这一天。请填 {} 或以前的日期。",
                    d.unit.name, d.dissolved_on, d.dissolved_on
                ),
            )));
        }
    }
    Ok(None)
}

/// A person's history, oldest first, its 入职 (or 登记) first whatever its day (a 离岗
/// recorded with an earlier day for one registered without 到岗日期 stood above it).
/// The first event is 入职 on the person's 到岗日期;
/// a person entered without one has it dated on the day of entry (in China), and it
/// says 登记 (registered) there: that day is not when they started. Told by the event
/// itself (dated its own entry day, not the 到岗日期), so correcting 到岗日期 later
/// does not rename an 入职 taken from the date given then.
pub fn history(conn: &Connection, person_id: &str) -> Result<Vec<HistoryEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.date, h.event, h.detail, h.recorded_at,
                h.event = 'joined' AND substr(h.date, 1, 10) = date(h.recorded_at, '+8 hours')
                AND coalesce(substr(p.start_date, 1, 10) <> substr(h.date, 1, 10), 1),
                h.event <> 'joined' AND NOT EXISTS (SELECT 1 FROM pipeline_events e
                    WHERE json_extract(e.json, '$.leftHistoryId') = h.id)
         FROM person_history h JOIN people p ON p.rowid = h.person
         WHERE p.id = ?1 ORDER BY h.event <> 'joined', h.date, h.recorded_at, h.rowid",
    )?;
    let rows = stmt
        .query_map([person_id], |r| {
            let event: String = r.get(2)?;
            let registered: bool = r.get::<_, Option<bool>>(5)?.unwrap_or(false);
            Ok(HistoryEvent {
                id: r.get(0)?,
                date: r.get(1)?,
                event_label: if registered {
                    "登记"
                } else if event == "reassigned" {
                    reassignment_label(&r.get::<_, String>(3)?)
                } else {
                    event_label(&event)
                }
                .to_string(),
                event,
                detail: r.get(3)?,
                recorded_at: r.get(4)?,
                redatable: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a change of roles did, told from its 详情 (`old → new`, each side
/// [`roles_text_with`]'s 网格员（专职）：第一网格、第二网格；网格长：青溪社区): 增加岗位
/// where every (role, unit) before still stands, 减少岗位 where nothing new came, 调岗
/// otherwise (a second role taken on read 调岗, probe S).
fn reassignment_label(detail: &str) -> &'static str {
    let pairs = |side: &str| -> BTreeSet<(String, String)> {
        side.split('；')
            .filter_map(|part| part.split_once('：'))
            .flat_map(|(role, units)| {
                units
                    .split('、')
                    .map(move |u| (role.trim().to_string(), u.trim().to_string()))
            })
            .collect()
    };
    let Some((old, new)) = detail.split_once(" → ") else {
        return event_label("reassigned");
    };
    let (old, new) = (pairs(old), pairs(new));
    if old.len() < new.len() && old.is_subset(&new) {
        "增加岗位"
    } else if new.len() < old.len() && new.is_subset(&old) {
        "减少岗位"
    } else {
        event_label("reassigned")
    }
}

/// People serving a unit, for the refusal to delete it: "2 名人员（张三、李四）".
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT p.name FROM person_roles r JOIN people p ON p.rowid = r.person
         WHERE r.unit = (SELECT rowid FROM units WHERE id = ?1) ORDER BY p.name",
    )?;
    let names: Vec<String> = stmt
        .query_map([unit_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if names.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{} 名人员（{}）",
        names.len(),
        crate::base::fields::first_few(&names, 3)
    )))
}

/// Reveals one sensitive field in full, after a deliberate click.
pub fn reveal(conn: &Connection, id: &str, field: &str) -> Result<String> {
    let p = get(conn, id)?;
    match field {
        "idNumber" => Ok(p.id_number),
        "phone" => Ok(p.phone),
        _ => Err(Error::validation("field", "只能查看身份证号码或手机号码。")),
    }
}

/// Whether a stored person already equals a checked input (re-import: unchanged).
pub(crate) fn same_as(p: &Person, c: &Checked) -> bool {
    p.name == c.name
        && p.gender == c.gender
        && p.birth_date == c.birth_date.to_string()
        && p.id_number == c.id_number
        && p.phone == c.phone
        && p.political_status == c.political_status
        && p.education == c.education
        && p.start_date == c.start_date.map(|d| d.to_string())
        && p.status == c.status
        && p.published == c.published
        && p.note == c.note
        && p.roles == c.roles
}

pub mod roster;
mod search;
pub use search::{list, matching_ids, Page, PersonQuery, PersonRow};

// ---------- kinds (listed in crate::kinds) ----------

/// People (人员) with their roles; exported by [`roster::export_xlsx`] (a query
/// and a choice of masking, so not a plain list).
pub static PEOPLE: crate::sheets::kind::Def = crate::sheets::kind::Def {
    names: crate::sheets::kind::Names::Column,
    values: &[
        ("gender", crate::base::identity::Gender::PAIRS),
        ("status", Status::PAIRS),
        // inside `roles`, and the roster export's `role`
        ("role", RoleKind::PAIRS),
        ("employment", Employment::PAIRS),
        // inside `history`
        ("event", HISTORY_EVENTS),
    ],
    // A deleted person is { person, history }: named by the person's name.
    summary: |v| {
        let name = v.get("person").unwrap_or(v).get("name")?.as_str()?;
        (!name.is_empty()).then(|| name.to_string())
    },
    // a deleted person is binned and logged as { person, history }
    fields: &[
        ("roles", "身份"),
        ("person", "人员"),
        ("history", "任职经历"),
        // logged beside a 离岗, 复岗 or 调岗
        ("effectiveDate", "变动日期"),
    ],
    table: TABLE,
    label: LABEL,
    restore: |tx, p| restore(tx, p).map(drop),
    blocks_unit_delete: Some(attached_to),
    imports: &[&crate::sheets::kind::Sheet::<roster::People>::NEW],
    report_keys: &[
        "people.grid_workers",
        "people.grid_workers_fulltime",
        "people.building_heads_info_officers",
        "people.community_workers",
        "people.published",
        "people.grid_workers_published",
    ],
    ..crate::sheets::kind::Def::EMPTY
};

#[cfg(test)]
mod tests;

/// The text choices the person form and 多格合一 offer (closed lists stored as their
/// text). Roles are the kinds' catalog's (`kinds::catalog().roles`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeopleOptions {
    pub political_statuses: Vec<&'static str>,
    pub educations: Vec<&'static str>,
    pub departments: Vec<&'static str>,
}

pub fn options() -> PeopleOptions {
    PeopleOptions {
        political_statuses: POLITICAL_STATUSES.to_vec(),
        educations: EDUCATIONS.to_vec(),
        departments: crate::hierarchy::business_grids::DEPARTMENTS.to_vec(),
    }
}
