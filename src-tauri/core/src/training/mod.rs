//! 培训 (issue 16, item 1): training sessions held at city, county or township level,
//! and who took part: a person of the registry, a listed name with a masked ID number
//! (from an imported list, matched to the registry where possible), or, for a session
//! held above the township, a head count for a community. Counted in person-times
//! (人次): each participant once per session, head counts as given.

pub mod sheets;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, parse_date, required, text_field};
use crate::base::identity;
use crate::hierarchy::{self, UnitKind};
use crate::people::{self, Person, RoleKind, Status};
use crate::sheets::kind::{Def, Export, GoesWith, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::{self, Entry};
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// Who held the session.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum TrainingLevel: "level", "培训层级" {
        City("city", "市级", "市", "市级培训"),
        County("county", "县级", "县", "区", "区级", "县区级", "县级培训"),
        #[default]
        Township("township", "乡镇级", "乡", "乡镇", "镇", "街道", "乡级", "镇级"),
    }
}

labelled_enum! {
    /// How it was held.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum TrainingMethod: "method", "培训方式" {
        #[default]
        InPerson("in_person", "集中", "集中培训", "线下", "面授"),
        Online("online", "线上", "网络", "视频", "线上培训"),
        OnSite("on_site", "现场", "现场教学", "观摩", "现场培训"),
    }
}

/// One training session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TrainingSession {
    pub id: String,
    pub owner_code: String,
    pub level: TrainingLevel,
    /// 主办单位.
    pub organiser: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub topic: String,
    /// 学时 (hours, at most one decimal).
    pub hours: f64,
    pub place: String,
    pub method: TrainingMethod,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    TrainingSession,
    "training_sessions",
    "培训",
    [],
    |s| format!("{} 的培训“{}”", s.date, s.topic)
);

/// One participant row of a session: a registry person (`person_id`), a listed
/// name with a masked ID number, or a head count for a community.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TrainingParticipant {
    pub id: String,
    pub owner_code: String,
    pub session_id: String,
    /// The registry person, if matched.
    pub person_id: Option<String>,
    /// The name as recorded (a registry person's name when added).
    pub name: String,
    /// The ID number, masked (3201**********123X); never the full number.
    pub id_number_masked: String,
    /// A head-count row: the community (village unit) and how many took part.
    pub community_id: Option<String>,
    pub head_count: Option<i64>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(TrainingParticipant, "training_participants", "培训参加人员", ["session_id" => Some(s.session_id.clone()), "person_id" => s.person_id, "community_id" => s.community_id], |s| match s.head_count {
    Some(n) => format!("培训参加人数（{n} 人）"),
    None => format!("培训参加人员“{}”", s.name),
});

impl TrainingParticipant {
    /// Person-times this row is counted as (a head count, else one).
    pub fn weight(&self) -> i64 {
        self.head_count.unwrap_or(1)
    }
    /// Who this row is, for counting each person once per session: name and masked
    /// ID number (the same person picked from the registry and on an imported list
    /// is one), or the community of a head count.
    pub fn who(&self) -> String {
        match (&self.head_count, &self.community_id) {
            (Some(_), Some(c)) => format!("community\u{1f}{c}"),
            _ => format!("{}\u{1f}{}", self.name.trim(), self.id_number_masked),
        }
    }
}

// ---------- sessions ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionInput {
    pub level: String,
    pub organiser: String,
    pub date: String,
    pub topic: String,
    pub hours: String,
    pub place: String,
    pub method: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: String,
    pub level: TrainingLevel,
    pub level_label: &'static str,
    pub organiser: String,
    pub date: String,
    pub topic: String,
    pub hours: f64,
    pub place: String,
    pub method: TrainingMethod,
    pub method_label: &'static str,
    pub note: String,
    /// Person-times of this session (each person once, head counts as given).
    pub person_times: i64,
    /// Participant rows (people and head counts).
    pub rows: usize,
}

/// Hours as people write them: "3", "1.5", "2学时" → 3.0, 1.5, 2.0.
pub fn parse_hours(s: &str) -> Result<f64> {
    let t = s
        .trim()
        .trim_end_matches("学时")
        .trim_end_matches("小时")
        .trim_end_matches('h')
        .trim();
    if t.is_empty() {
        return Err(Error::validation("hours", "请填写学时，如 2 或 1.5。"));
    }
    let h: f64 = t.parse().map_err(|_| {
        Error::validation(
            "hours",
            format!("学时“{}”不是数字，请填如 2 或 1.5。", s.trim()),
        )
    })?;
    if !(h > 0.0 && h <= 200.0) {
        return Err(Error::validation("hours", "学时应大于 0、不超过 200。"));
    }
    // Kept to one decimal: a finer figure would be rounded without a word (1.25 kept
    // as 1.3, 0.04 as 0).
    let kept = (h * 10.0).round() / 10.0;
    if (kept - h).abs() > 1e-9 {
        return Err(Error::validation(
            "hours",
            format!("学时“{}”最多一位小数，如 1.5（半小时写 0.5）。", s.trim()),
        ));
    }
    Ok(kept)
}

/// Hours as written back: 3 → "3", 1.5 → "1.5".
pub fn hours_text(h: f64) -> String {
    let s = format!("{h:.1}");
    s.trim_end_matches(".0").to_string()
}

fn person_times_of(rows: &[&TrainingParticipant]) -> i64 {
    let mut seen = BTreeSet::new();
    rows.iter()
        .filter(|p| seen.insert(p.who()))
        .map(|p| p.weight())
        .sum()
}

fn session_view(s: TrainingSession, rows: &[&TrainingParticipant]) -> SessionView {
    SessionView {
        level_label: s.level.label(),
        method_label: s.method.label(),
        person_times: person_times_of(rows),
        rows: rows.len(),
        id: s.id,
        level: s.level,
        organiser: s.organiser,
        date: s.date,
        topic: s.topic,
        hours: s.hours,
        place: s.place,
        method: s.method,
        note: s.note,
    }
}

/// Every session, newest first, with its person-times.
pub fn sessions(conn: &Connection) -> Result<Vec<SessionView>> {
    let mut all = ledger::list::<TrainingSession>(conn)?;
    let parts = ledger::list::<TrainingParticipant>(conn)?;
    let mut by_session: BTreeMap<&str, Vec<&TrainingParticipant>> = BTreeMap::new();
    for p in &parts {
        by_session.entry(p.session_id.as_str()).or_default().push(p);
    }
    all.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.topic.cmp(&b.topic)));
    Ok(all
        .into_iter()
        .map(|s| {
            let rows = by_session.get(s.id.as_str()).cloned().unwrap_or_default();
            session_view(s, &rows)
        })
        .collect())
}

/// The stored session held on `date` with `topic`, if any.
pub(crate) fn find_session(
    conn: &Connection,
    date: &str,
    topic: &str,
) -> Result<Option<TrainingSession>> {
    Ok(
        ledger::list_by_json::<TrainingSession>(conn, "$.topic", topic.trim())?
            .into_iter()
            .find(|s| s.date == date),
    )
}

pub(crate) fn checked_session(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&TrainingSession>,
    input: &SessionInput,
) -> Result<TrainingSession> {
    let level = TrainingLevel::parse(&input.level)?;
    let method = TrainingMethod::parse(&input.method)?;
    let date = parse_date("date", "培训日期", &input.date)?
        .ok_or_else(|| Error::validation("date", "请填写培训日期，如 2026-03-01。"))?
        .format("%Y-%m-%d")
        .to_string();
    check_not_future("date", "培训日期", Some(&date), ctx.today())?;
    let topic = required("topic", "培训主题", &input.topic, 100)?;
    let organiser = required("organiser", "主办单位", &input.organiser, 60)?;
    let hours = parse_hours(&input.hours)?;
    let place = text_field("place", "培训地点", &input.place, 100)?;
    let note = text_field("note", "备注", &input.note, 500)?;
    let except = before.map_or("", |b| b.id.as_str());
    if let Some(other) = find_session(conn, &date, &topic)? {
        if other.id != except {
            return Err(Error::Conflict {
                field: Some("topic"),
                message: format!("{date} 已经有主题为“{topic}”的培训。"),
            });
        }
    }
    let now = ctx.stamp();
    Ok(TrainingSession {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        level,
        organiser,
        date,
        topic,
        hours,
        place,
        method,
        note,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

fn view_of(conn: &Connection, s: TrainingSession) -> Result<SessionView> {
    let rows = ledger::list_by::<TrainingParticipant>(conn, "session_id", &s.id)?;
    let refs: Vec<&TrainingParticipant> = rows.iter().collect();
    Ok(session_view(s, &refs))
}

pub fn create_session(tx: &Tx, input: &SessionInput) -> Result<SessionView> {
    let s = ledger::upsert(tx, None, input, checked_session)?;
    view_of(tx, s)
}

pub fn update_session(tx: &Tx, id: &str, input: &SessionInput) -> Result<SessionView> {
    let s = ledger::upsert(tx, Some(id), input, checked_session)?;
    view_of(tx, s)
}

/// Deletes a session into the recycle bin; refused while it has participants.
pub fn delete_session(tx: &Tx, id: &str) -> Result<Entry> {
    // Its participants go with it, each into the bin, and come back with it
    // (`kinds::restore`, by [`PARTICIPANTS`]' `goes_with`): a clerk removing 40
    // participants one by one first had been the only way to delete a session.
    let session = ledger::get::<TrainingSession>(tx, id)?;
    let mut taken = Vec::new();
    for p in ledger::list_by::<TrainingParticipant>(tx, "session_id", id)? {
        taken.push(ledger::delete::<TrainingParticipant>(tx, &p.id)?.id);
    }
    let entry = ledger::delete::<TrainingSession>(tx, id)?;
    let Some(g) = PARTICIPANTS.goes_with else {
        return Ok(entry);
    };
    let note = recycle::say_taken_along(tx, &entry.id, &session.topic, &taken, &g)?;
    Ok(Entry {
        summary: format!("{}{note}", entry.summary),
        ..entry
    })
}

// ---------- participants ----------

/// A participant to add: `personId` (picked from the registry), or `name` and
/// `idNumber` (a listed person, matched to the registry by ID number where
/// possible), or `communityId` and `headCount` (a head count, sessions above the
/// township only).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParticipantInput {
    pub session_id: String,
    pub person_id: String,
    pub name: String,
    pub id_number: String,
    pub community_id: String,
    pub head_count: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantView {
    pub id: String,
    pub session_id: String,
    pub person_id: Option<String>,
    /// Whether the row names a person of the registry.
    pub matched: bool,
    pub name: String,
    pub id_number_masked: String,
    pub community_id: Option<String>,
    pub community_name: String,
    pub head_count: Option<i64>,
    /// The person's roles (registry persons), e.g. 社区工作者、网格员.
    pub roles: String,
    pub note: String,
}

fn participant_view(
    p: TrainingParticipant,
    units: &HashMap<String, String>,
    people: &BTreeMap<String, Person>,
) -> ParticipantView {
    let person = p.person_id.as_ref().and_then(|id| people.get(id));
    ParticipantView {
        matched: person.is_some(),
        roles: person
            .map(|x| {
                x.roles
                    .iter()
                    .map(|r| r.role.label())
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default(),
        community_name: p
            .community_id
            .as_ref()
            .and_then(|c| units.get(c))
            .cloned()
            .unwrap_or_default(),
        id: p.id,
        session_id: p.session_id,
        person_id: p.person_id,
        name: p.name,
        id_number_masked: p.id_number_masked,
        community_id: p.community_id,
        head_count: p.head_count,
        note: p.note,
    }
}

/// The participants of one session: people first (by name), then head counts (none
/// for a session that is not there).
pub fn participants(conn: &Connection, session_id: &str) -> Result<Vec<ParticipantView>> {
    participants_named(conn, session_id, &hierarchy::names(conn)?)
}

/// [`participants`] with the units' names read once by the caller (an export of
/// every session reads them once, not once per session).
pub(crate) fn participants_named(
    conn: &Connection,
    session_id: &str,
    units: &HashMap<String, String>,
) -> Result<Vec<ParticipantView>> {
    let mut rows = ledger::list_by::<TrainingParticipant>(conn, "session_id", session_id)?;
    // People by name as the roster orders them (pinyin), head counts after: by code
    // point the list read as no order at all (probe S).
    rows.sort_by_cached_key(|r| {
        (
            r.head_count.is_some(),
            crate::base::sortkey::sort_key(&r.name),
            r.name.clone(),
        )
    });
    let mut people = BTreeMap::new();
    for r in &rows {
        if let Some(id) = &r.person_id {
            if let Some(p) = people::find(conn, id)? {
                people.insert(id.clone(), p);
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|p| participant_view(p, units, &people))
        .collect())
}

/// The other participant row of the session that is the same person (or the same
/// community's head count) as `p`, if any.
pub(crate) fn same_in_session(
    conn: &Connection,
    p: &TrainingParticipant,
) -> Result<Option<TrainingParticipant>> {
    Ok(
        ledger::list_by::<TrainingParticipant>(conn, "session_id", &p.session_id)?
            .into_iter()
            .find(|o| o.id != p.id && o.who() == p.who()),
    )
}

/// The row `input` describes, before the check that it is not already in the
/// session. `before` is the stored row it updates: an ID number given masked (as
/// the export writes it) is accepted only for that row.
pub(crate) fn resolve_participant(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&TrainingParticipant>,
    input: &ParticipantInput,
) -> Result<(TrainingSession, TrainingParticipant)> {
    let session_id = input.session_id.trim();
    let session = ledger::find::<TrainingSession>(conn, session_id)?
        .ok_or_else(|| Error::validation("sessionId", "请先选择一次培训（没有找到这次培训）。"))?;
    let note = text_field("note", "备注", &input.note, 200)?;
    let mut row = TrainingParticipant {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        session_id: session.id.clone(),
        note,
        ..Default::default()
    };
    let head_count = input.head_count.trim();
    let community = input.community_id.trim();
    let names_a_person = !(input.person_id.trim().is_empty()
        && input.name.trim().is_empty()
        && input.id_number.trim().is_empty());
    // A person's row may say their community; a head count is a 人数, or a
    // community named alone.
    if !head_count.is_empty() || (!community.is_empty() && !names_a_person) {
        if session.level == TrainingLevel::Township {
            return Err(Error::validation(
                "headCount",
                "乡镇级培训请逐人登记参加人员；按村/社区填人数只用于市级、县级培训。",
            ));
        }
        let unit = hierarchy::find(conn, community)?
            .filter(|u| u.kind == UnitKind::Village)
            .ok_or_else(|| Error::validation("communityId", "请选择参加人员所在的村/社区。"))?;
        let n: i64 = crate::base::fields::ungrouped(head_count)
            .parse()
            .map_err(|_| {
                Error::validation(
                    "headCount",
                    format!("人数“{head_count}”不是整数，请填如 12。"),
                )
            })?;
        if !(1..=10_000).contains(&n) {
            return Err(Error::validation("headCount", "人数应在 1 到 10000 之间。"));
        }
        row.name = unit.name.clone();
        row.community_id = Some(unit.id);
        row.head_count = Some(n);
    } else if !input.person_id.trim().is_empty() {
        let p = people::find(conn, input.person_id.trim())?.ok_or_else(|| {
            Error::validation("personId", "没有找到这名人员，请从人员名单中重新选择。")
        })?;
        row.name = p.name.clone();
        row.id_number_masked = identity::mask_id_number(&p.id_number);
        row.person_id = Some(p.id);
    } else {
        let name = required("name", "姓名", &input.name, 20)?;
        let given = input.id_number.trim();
        match before {
            Some(b)
                if given.contains('*')
                    && people::same_name(&b.name, &name)
                    && b.id_number_masked == given =>
            {
                row.name = b.name.clone();
                row.person_id = b.person_id.clone();
                row.id_number_masked = b.id_number_masked.clone();
            }
            // A person of the registry named without their number, or with it masked
            // as every list exports it: the one registered person it can be (the full
            // number is what a clerk cannot easily get).
            _ if given.is_empty() || given.contains('*') => {
                let p = if given.is_empty() {
                    match people::named(conn, &name)?.as_slice() {
                        [one] => one.clone(),
                        [] => {
                            return Err(Error::validation(
                                "idNumber",
                                format!("人员名单里没有“{name}”：请填写完整的 18 位身份证号码。"),
                            ))
                        }
                        several => {
                            return Err(Error::validation(
                                "idNumber",
                                format!(
                                    "人员名单里有 {} 位“{name}”，请填写身份证号码区分（完整的，或名单导出时打码的都可以）。",
                                    several.len()
                                ),
                            ))
                        }
                    }
                } else {
                    people::by_masked_id_number(conn, &name, given)?.ok_or_else(|| {
                        Error::validation(
                            "idNumber",
                            format!("人员名单里没有身份证号码打码后是“{given}”的“{name}”：请填写完整的 18 位号码。"),
                        )
                    })?
                };
                row.name = p.name.clone();
                row.id_number_masked = identity::mask_id_number(&p.id_number);
                row.person_id = Some(p.id);
            }
            _ => {
                let (id_number, _) = identity::check_id_number(given, ctx.today())?;
                match people::find_by_id_number(conn, &id_number)? {
                    // As for a secondee: a number the registry holds under another
                    // name is a mistyped row, not a person to rename silently.
                    Some(p) if !people::same_name(&p.name, &name) => {
                        return Err(Error::validation(
                            "idNumber",
                            format!(
                                "这个身份证号码在人员库中属于“{}”，与姓名“{name}”不符，请核对。",
                                p.name
                            ),
                        ))
                    }
                    Some(p) => {
                        row.name = p.name.clone();
                        row.person_id = Some(p.id);
                    }
                    // Stored as a person's name is (张 伟 → 张伟).
                    None => row.name = crate::base::fields::squeezed_name(&name).into_owned(),
                }
                row.id_number_masked = identity::mask_id_number(&id_number);
            }
        }
    }
    let now = ctx.stamp();
    row.created_at = before.map_or_else(|| now.clone(), |b| b.created_at.clone());
    row.updated_at = now;
    Ok((session, row))
}

pub(crate) fn checked_participant(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&TrainingParticipant>,
    input: &ParticipantInput,
) -> Result<TrainingParticipant> {
    let (session, row) = resolve_participant(conn, ctx, before, input)?;
    // Not someone who had left by the session's day (probe U: 罗霞, 离岗 in November,
    // went into a December session unsaid): by their dated 离岗 and 复岗 before it (an undated
    // one, from before dated changes were kept, says nothing of the day).
    if let Some(id) = row.person_id.as_deref() {
        let left_by = people::history(conn, id)?
            .iter()
            .filter(|e| matches!(e.event.as_str(), "left" | "returned"))
            // Leaving on the session's day, they may have come before they left.
            .rfind(|e| !e.date.is_empty() && e.date.as_str() < session.date.as_str())
            .is_some_and(|e| e.event == "left");
        if left_by {
            let p = people::get(conn, id)?;
            return Err(Error::validation(
                "personId",
                format!(
                    "{}在 {}（这次培训的日期）已经离岗，不能作为这次培训的参加人员。如确实参加了，请先核对他（她）的离岗日期。",
                    p.describe(),
                    session.date
                ),
            ));
        }
    }
    if let Some(other) = same_in_session(conn, &row)? {
        return Err(Error::Conflict {
            field: Some(if row.head_count.is_some() {
                "communityId"
            } else {
                "name"
            }),
            message: match other.head_count {
                // A community's head count is one row: a new count replaces it.
                Some(n) => format!(
                    "“{}”已在培训“{}”的参加人员中（{n} 人）。要改人数，请先在参加人员中移除这一行，再按新的人数添加。",
                    other.name, session.topic
                ),
                None => format!("“{}”已在培训“{}”的参加人员中。", other.name, session.topic),
            },
        });
    }
    Ok(row)
}

fn one_view(conn: &Connection, p: TrainingParticipant) -> Result<ParticipantView> {
    let units: HashMap<String, String> = match &p.community_id {
        Some(c) => hierarchy::find(conn, c)?
            .map(|u| (u.id, u.name))
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    let people: BTreeMap<String, Person> = match &p.person_id {
        Some(id) => people::find(conn, id)?
            .map(|x| (x.id.clone(), x))
            .into_iter()
            .collect(),
        None => BTreeMap::new(),
    };
    Ok(participant_view(p, &units, &people))
}

pub fn add_participant(tx: &Tx, input: &ParticipantInput) -> Result<ParticipantView> {
    let p = ledger::upsert(tx, None, input, checked_participant)?;
    one_view(tx, p)
}

/// Adds several registry people at once (picked in the list); those already in the
/// session are skipped. Returns how many were added.
pub fn add_people(tx: &Tx, session_id: &str, person_ids: &[String]) -> Result<usize> {
    let mut added = 0;
    for id in person_ids {
        let input = ParticipantInput {
            session_id: session_id.to_string(),
            person_id: id.clone(),
            ..Default::default()
        };
        match ledger::upsert(tx, None, &input, checked_participant) {
            Ok(_) => added += 1,
            Err(Error::Conflict { .. }) => {}
            // The others ticked are not added either (one transaction): said, with
            // what to do (probe AG: 6 ticked, one who had left, nothing said of the 5).
            Err(Error::Validation { field, message }) if person_ids.len() > 1 => {
                return Err(Error::validation(
                    field,
                    format!(
                        "{message}勾选的 {} 人都还没有添加：请取消勾选这一人，再点“添加选中的人员”。",
                        person_ids.len()
                    ),
                ))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(added)
}

pub fn delete_participant(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<TrainingParticipant>(tx, id)
}

// ---------- counting ----------

/// Whether a session held on `date` counts in the year of `as_of`: held from
/// 1 January of that year up to and including `as_of`.
pub fn in_year(date: &str, as_of: NaiveDate) -> bool {
    match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => d.year() == as_of.year() && d <= as_of,
        Err(_) => false,
    }
}

/// The sessions of `as_of`'s year, by id.
pub fn sessions_in_year(
    sessions: &[TrainingSession],
    as_of: NaiveDate,
) -> BTreeMap<&str, &TrainingSession> {
    sessions_when(sessions, &|d| in_year(d, as_of))
}

/// The sessions whose date `held` accepts (a year, a report period), by id.
pub fn sessions_when<'s>(
    sessions: &'s [TrainingSession],
    held: &dyn Fn(&str) -> bool,
) -> BTreeMap<&'s str, &'s TrainingSession> {
    sessions
        .iter()
        .filter(|s| held(&s.date))
        .map(|s| (s.id.as_str(), s))
        .collect()
}

/// The participant rows counted as person-times in `as_of`'s year: each person
/// once per session (the first row), every head count.
pub fn person_time_rows<'a>(
    sessions: &[TrainingSession],
    participants: &'a [TrainingParticipant],
    as_of: NaiveDate,
) -> Vec<&'a TrainingParticipant> {
    person_time_rows_when(sessions, participants, &|d| in_year(d, as_of))
}

/// [`person_time_rows`] of the sessions whose date `held` accepts.
pub fn person_time_rows_when<'a>(
    sessions: &[TrainingSession],
    participants: &'a [TrainingParticipant],
    held: &dyn Fn(&str) -> bool,
) -> Vec<&'a TrainingParticipant> {
    let year = sessions_when(sessions, held);
    let mut seen = BTreeSet::new();
    participants
        .iter()
        .filter(|p| year.contains_key(p.session_id.as_str()))
        .filter(|p| seen.insert((p.session_id.clone(), p.who())))
        .collect()
}

/// Who attended which sessions of `as_of`'s year: registry rows by person, rows of
/// an imported list not matched to the registry by name and masked ID number (so a
/// person entered in the registry after the list was imported is still counted).
pub struct Attendance<'a> {
    by_key: BTreeMap<String, BTreeSet<&'a str>>,
}

impl<'a> Attendance<'a> {
    pub fn of(
        sessions: &[TrainingSession],
        participants: &'a [TrainingParticipant],
        as_of: NaiveDate,
    ) -> Attendance<'a> {
        Attendance::when(sessions, participants, &|d| in_year(d, as_of))
    }

    /// Who attended the sessions whose date `held` accepts (a report period).
    pub fn when(
        sessions: &[TrainingSession],
        participants: &'a [TrainingParticipant],
        held: &dyn Fn(&str) -> bool,
    ) -> Attendance<'a> {
        let year = sessions_when(sessions, held);
        let mut by_key: BTreeMap<String, BTreeSet<&'a str>> = BTreeMap::new();
        for p in participants {
            if p.head_count.is_some() || !year.contains_key(p.session_id.as_str()) {
                continue;
            }
            let key = match &p.person_id {
                Some(id) => format!("id\u{1f}{id}"),
                None => format!("who\u{1f}{}", p.who()),
            };
            by_key.entry(key).or_default().insert(p.session_id.as_str());
        }
        Attendance { by_key }
    }

    /// The sessions of the year the person (id, name, full ID number) attended.
    pub fn sessions_of(&self, id: &str, name: &str, id_number: &str) -> BTreeSet<&'a str> {
        let listed = format!(
            "who\u{1f}{}\u{1f}{}",
            name.trim(),
            identity::mask_id_number(id_number)
        );
        let mut out = BTreeSet::new();
        for key in [format!("id\u{1f}{id}"), listed] {
            if let Some(s) = self.by_key.get(&key) {
                out.extend(s.iter().copied());
            }
        }
        out
    }

    pub fn attended(&self, p: &Person) -> bool {
        !self.sessions_of(&p.id, &p.name, &p.id_number).is_empty()
    }
}

/// Whether a person counts as a community worker in the training figures: in
/// post (在岗) with the 社区工作者 role, as `people.community_workers` counts.
pub fn is_community_worker(p: &Person) -> bool {
    p.status == Status::Active && p.roles.iter().any(|r| r.role == RoleKind::CommunityWorker)
}

/// [`is_community_worker`] at the end of `day` (YYYY-MM-DD), as a period's figures
/// count on its last day: in post that day, a 社区工作者 by that day's roles, and
/// arrived by then (到岗日期).
pub fn was_community_worker_on(p: &Person, day: &str) -> bool {
    p.in_post_on(day)
        && p.roles_on(day)
            .iter()
            .any(|r| r.role == RoleKind::CommunityWorker)
        && p.start_date
            .as_deref()
            .is_none_or(|d| crate::base::period::day_of(d) <= day)
}

/// A period's training figures for the training screen: this year's, or those of
/// the period its list shows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub year: i32,
    /// The period the figures are of: 2026年, 2026年第四季度, 全部.
    pub label: String,
    pub sessions: usize,
    pub person_times: i64,
    /// 在岗社区工作者 (at the period's end, or today).
    pub community_workers: usize,
    /// Of them, with at least one session in the period.
    pub trained: usize,
    /// trained / community_workers, 0 when there are none.
    pub share: f64,
    /// Training hours of the community workers in the period (each session's hours
    /// once per worker), in total and per worker.
    pub hours: f64,
    pub hours_per_worker: f64,
}

/// This year's figures (the dashboard's).
pub fn coverage(conn: &Connection, today: NaiveDate) -> Result<Coverage> {
    let label = format!("{}年", today.year());
    tally(
        conn,
        &|d| in_year(d, today),
        &is_community_worker,
        label,
        today,
    )
}

/// The figures of the period a list shows (`""` or 全部: every session, the
/// workers in post today). A period's workers are those in post on its last day
/// (or today, while it runs) and its sessions those held by then, as 统计 counts
/// 参加培训的社区工作者.
pub fn coverage_in(conn: &Connection, period: &str, today: NaiveDate) -> Result<Coverage> {
    let listed = crate::base::period::ListPeriod::parse("period", period)?;
    let Some(p) = listed.period() else {
        let until = today.to_string();
        let held = |d: &str| crate::base::period::day_of(d) <= until.as_str();
        return tally(conn, &held, &is_community_worker, listed.label(), today);
    };
    let last = p.as_of(today).to_string();
    tally(
        conn,
        &|d| p.contains(d) && crate::base::period::day_of(d) <= last.as_str(),
        &|w| was_community_worker_on(w, &last),
        p.label(),
        today,
    )
}

fn tally(
    conn: &Connection,
    held: &dyn Fn(&str) -> bool,
    counts: &dyn Fn(&Person) -> bool,
    label: String,
    today: NaiveDate,
) -> Result<Coverage> {
    let sessions = ledger::list::<TrainingSession>(conn)?;
    let parts = ledger::list::<TrainingParticipant>(conn)?;
    let workers: Vec<Person> = people::all(conn)?
        .into_iter()
        .filter(|p| counts(p))
        .collect();
    let chosen = sessions_when(&sessions, held);
    let att = Attendance::when(&sessions, &parts, held);
    let mut trained = 0;
    let mut hours = 0.0;
    for w in &workers {
        let mine = att.sessions_of(&w.id, &w.name, &w.id_number);
        if !mine.is_empty() {
            trained += 1;
        }
        hours += mine
            .iter()
            .filter_map(|s| chosen.get(s).map(|s| s.hours))
            .sum::<f64>();
    }
    let n = workers.len();
    let ratio = |x: f64, scale: f64| {
        if n == 0 {
            0.0
        } else {
            (x / n as f64 * scale).round() / scale
        }
    };
    Ok(Coverage {
        year: today.year(),
        label,
        sessions: chosen.len(),
        person_times: person_time_rows_when(&sessions, &parts, held)
            .iter()
            .map(|p| p.weight())
            .sum(),
        community_workers: n,
        trained,
        share: ratio(trained as f64, 1000.0),
        hours: (hours * 10.0).round() / 10.0,
        hours_per_worker: ratio(hours, 10.0),
    })
}

/// One session in a person's training record.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordRow {
    pub session_id: String,
    pub date: String,
    pub level_label: &'static str,
    pub organiser: String,
    pub topic: String,
    pub hours: f64,
    pub method_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRecord {
    pub sessions: Vec<RecordRow>,
    pub total_hours: f64,
    /// Sessions and hours in `today`'s year.
    pub year_sessions: usize,
    pub year_hours: f64,
}

/// A person's training record (培训记录), newest first: the sessions they were
/// added to from the registry, and those where an imported list names them (same
/// name and ID number) without a match.
pub fn person_record(conn: &Connection, person_id: &str, today: NaiveDate) -> Result<PersonRecord> {
    let p = people::get(conn, person_id)?;
    let masked = identity::mask_id_number(&p.id_number);
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for r in ledger::list::<TrainingParticipant>(conn)? {
        let mine = r.person_id.as_deref() == Some(person_id)
            || (r.person_id.is_none()
                && r.head_count.is_none()
                && r.name.trim() == p.name
                && r.id_number_masked == masked);
        if mine {
            ids.insert(r.session_id);
        }
    }
    let mut sessions: Vec<RecordRow> = Vec::new();
    for id in ids {
        if let Some(s) = ledger::find::<TrainingSession>(conn, &id)? {
            sessions.push(RecordRow {
                session_id: s.id,
                level_label: s.level.label(),
                method_label: s.method.label(),
                date: s.date,
                organiser: s.organiser,
                topic: s.topic,
                hours: s.hours,
            });
        }
    }
    sessions.sort_by(|a, b| b.date.cmp(&a.date));
    let year: Vec<&RecordRow> = sessions
        .iter()
        .filter(|s| in_year(&s.date, today))
        .collect();
    let round = |x: f64| (x * 10.0).round() / 10.0;
    Ok(PersonRecord {
        year_sessions: year.len(),
        year_hours: round(year.iter().map(|s| s.hours).sum()),
        total_hours: round(sessions.iter().map(|s| s.hours).sum()),
        sessions,
    })
}

/// Head counts naming a unit (for refusing its deletion).
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<TrainingParticipant>(conn, "community_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 条培训参加人数记录")))
}

pub static SESSIONS: Def = Def {
    imports: &[&Sheet::<sheets::Sessions>::NEW],
    exports: &[Export::of::<sheets::Sessions>(sheets::export_sessions)
        .dated_by(&["date"])
        .also(&sheets::SESSION_ALSO)],
    report_keys: &["training.sessions"],
    ..Def::ledger::<TrainingSession>()
};

pub static PARTICIPANTS: Def = Def {
    goes_with: Some(GoesWith {
        parent: TrainingSession::TABLE,
        field: "sessionId",
        parent_label: "培训",
        label: "参加人员记录",
    }),
    fields: &[
        ("sessionId", "培训"),
        ("personId", "人员"),
        ("communityId", "村/社区"),
        ("idNumberMasked", "身份证号码"),
    ],
    imports: &[&Sheet::<sheets::Participants>::NEW],
    exports: &[
        Export::of::<sheets::Participants>(sheets::export_participants)
            .with_note("按村/社区只报人数的培训，一个村/社区一行，只填人数。")
            .dated_by(&["sessionDate"]),
    ],
    blocks_unit_delete: Some(attached_to),
    blocks_person_delete: Some(|conn, person| {
        let n = ledger::count_by::<TrainingParticipant>(conn, "person_id", person)?;
        Ok((n > 0).then(|| format!("{n} 次培训参加记录")))
    }),
    report_keys: &[
        "training.person_times",
        "training.community_workers_trained",
    ],
    ..Def::ledger::<TrainingParticipant>()
};

#[cfg(test)]
mod tests {
    use super::parse_hours;

    #[test]
    fn hours_as_written_and_none_rounded_without_a_word() {
        for (s, h) in [("3", 3.0), ("1.5", 1.5), ("2学时", 2.0), (" 0.5 小时", 0.5)] {
            assert_eq!(parse_hours(s).unwrap(), h, "{s}");
        }
        for s in ["1.25", "0.04", "0.3333333333333333"] {
            let e = parse_hours(s).unwrap_err();
            assert!(e.to_string().contains("最多一位小数"), "{s}: {e}");
        }
        assert!(parse_hours("0").is_err() && parse_hours("201").is_err());
    }
}
