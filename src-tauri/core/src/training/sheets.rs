//! Excel in and out for training (培训): sessions, and participants (a list of names
//! with ID numbers, or head counts by community). Columns are documented in
//! `docs/IMPORT.md`.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::{Error, Result};
use crate::base::fields::parse_date;
use crate::hierarchy::{self, UnitKind};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, upserted, Problems, Refs};
use crate::store::ledger;
use crate::store::Tx;
use crate::training::{
    self, hours_text, ParticipantInput, SessionInput, TrainingParticipant, TrainingSession,
};

pub struct Sessions;

static SESSION_COLUMNS: &[Column] = &SESSION_IMPORT;

/// The export of 培训: its import columns, then each session's 人次 (首页 said 12 次
/// · 444 人次 and the file had no count: probe AO).
static SESSION_EXPORT: [Column; 9] = crate::sheets::import::then(&SESSION_IMPORT, SESSION_ALSO);

pub const SESSION_ALSO: [Column; 1] = [col(
    "personTimes",
    "参训人次",
    &[],
    false,
    false,
    "登记的参加人员各算一次，按村/社区只报人数的按所报人数。",
    8.0,
)];

const SESSION_IMPORT: [Column; 8] = [
    col(
        "level",
        "培训层级",
        &["层级", "级别"],
        true,
        false,
        "市级、县级或乡镇级。",
        10.0,
    )
    .choose_from(&["市级", "县级", "乡镇级"]),
    col(
        "organiser",
        "主办单位",
        &["组织单位", "举办单位", "主办"],
        true,
        false,
        "",
        20.0,
    ),
    col(
        "date",
        "培训日期",
        &["日期", "培训时间"],
        true,
        false,
        "如 2026-03-01。同一天同一主题的培训再次导入时更新。",
        12.0,
    ),
    col(
        "topic",
        "培训主题",
        &["主题", "培训内容", "培训名称"],
        true,
        false,
        "",
        28.0,
    ),
    col(
        "hours",
        "学时",
        &["培训学时", "时长"],
        true,
        false,
        "如 2 或 1.5。",
        8.0,
    ),
    col("place", "培训地点", &["地点"], false, false, "", 18.0),
    col(
        "method",
        "培训方式",
        &["方式", "形式"],
        true,
        false,
        "集中、线上或现场。",
        10.0,
    )
    .choose_from(&["集中", "线上", "现场"]),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for Sessions {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("level", crate::training::TrainingLevel::PAIRS),
        ("method", crate::training::TrainingMethod::PAIRS),
    ];
    const NAME: &'static str = "training-sessions";
    const LABEL: &'static str = "培训";
    const ALIASES: &'static [&'static str] = &["培训", "培训班次", "培训场次"];
    const WIZARD: Wizard = crate::wizard!("培训", "次", "2026年培训台账.xlsx");
    const KEY_COLUMN: &'static str = "topic";
    const KEY_WITH: &'static [&'static str] = &["date"];
    type Parsed = SessionInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = SESSION_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<SessionInput, Problems> {
        let input = SessionInput {
            level: row.get("level").into(),
            organiser: row.get("organiser").into(),
            date: row.get("date").into(),
            topic: row.get("topic").into(),
            hours: row.get("hours").into(),
            place: row.get("place").into(),
            method: row.get("method").into(),
            note: row.get("note").into(),
        };
        let before = existing_session(conn, &input).map_err(in_column::<Self>(&[], "topic"))?;
        training::checked_session(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "topic"))?;
        Ok(input)
    }
    fn key(p: &SessionInput) -> String {
        format!("{}\u{1f}{}", normal_date(&p.date), p.topic.trim())
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &SessionInput) -> Result<Option<String>> {
        Ok(existing_session(conn, p)?.map(|s| s.id))
    }
    crate::sheets::rows::through!(training::checked_session);
}

fn normal_date(s: &str) -> String {
    parse_date("date", "培训日期", s)
        .ok()
        .flatten()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn existing_session(conn: &Connection, p: &SessionInput) -> Result<Option<TrainingSession>> {
    let date = normal_date(&p.date);
    if date.is_empty() {
        return Ok(None);
    }
    training::find_session(conn, &date, &p.topic)
}

pub fn export_sessions(
    conn: &Connection,
    kind: &str,
    _today: NaiveDate,
) -> Result<Option<ListRows>> {
    if kind != "training-sessions" {
        return Ok(None);
    }
    let rows = training::sessions(conn)?
        .into_iter()
        .map(|s| {
            vec![
                s.level_label.into(),
                s.organiser,
                s.date,
                s.topic,
                hours_text(s.hours),
                s.place,
                s.method_label.into(),
                s.note,
                s.person_times.to_string(),
            ]
        })
        .collect();
    Ok(Some(("培训", &SESSION_EXPORT[..], rows)))
}

// ---------- participants ----------

pub struct Participants;

static PARTICIPANT_COLUMNS: &[Column] = &[
    col(
        "sessionDate",
        "培训日期",
        &["日期"],
        true,
        false,
        "参加的培训的日期，如 2026-03-01；这次培训须已登记。",
        12.0,
    ),
    col(
        "sessionTopic",
        "培训主题",
        &["主题", "培训名称"],
        true,
        false,
        "参加的培训的主题，与登记的培训一致。",
        28.0,
    ),
    col(
        "name",
        "姓名",
        &["参加人员", "学员姓名"],
        false,
        false,
        "逐人登记时必填；按村/社区填人数时不填。",
        10.0,
    ),
    col(
        "idNumber",
        "身份证号码",
        &["身份证号", "公民身份号码"],
        false,
        true,
        "18 位，与人员名单中的人自动对应，对应不上的只保存打码后的号码。人员名单里只有一个这个姓名的人，可以空着或填名单导出时打码的号码。",
        22.0,
    ),
    col(
        "community",
        "村/社区",
        &["社区", "所在社区", "村"],
        false,
        false,
        "市级、县级培训只报人数时填写：村/社区的名称或代码。逐人登记的签到表里的所在社区不用删，导入时不读。",
        16.0,
    ),
    col(
        "headCount",
        "人数",
        &["参加人数"],
        false,
        false,
        "市级、县级培训只报人数时填写。",
        8.0,
    ),
    col("note", "备注", &[], false, false, "", 16.0),
];

/// A parsed participant row: what to save and the stored row it updates.
pub struct ParticipantRow {
    pub input: ParticipantInput,
    pub key: String,
    pub existing: Option<String>,
    /// A person named (not a head count) whom the registry does not hold: kept by
    /// name and masked ID number only.
    pub unmatched: Option<String>,
}

impl RecordKind for Participants {
    const STORED_IN: &'static str =
        <crate::training::TrainingParticipant as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "training-participants";
    const LABEL: &'static str = "培训参加人员";
    const ALIASES: &'static [&'static str] = &["培训参加人员", "培训人员", "参训人员"];
    const WIZARD: Wizard = crate::wizard!("培训参加人员", "人次", "培训签到表.xlsx");
    const KEY_COLUMN: &'static str = "name";
    type Parsed = ParticipantRow;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = PARTICIPANT_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParticipantRow, Problems> {
        const RENAMES: &[(&str, &str)] = &[
            ("sessionId", "sessionTopic"),
            ("communityId", "community"),
            ("personId", "name"),
        ];
        let date = parse_date("sessionDate", "培训日期", row.get("sessionDate"))
            .map_err(in_column::<Self>(RENAMES, "sessionDate"))?
            .map(|d| d.format("%Y-%m-%d").to_string())
            .ok_or_else(|| vec![("sessionDate", "请填写培训日期。".to_string())])?;
        let topic = row.get("sessionTopic").trim();
        if topic.is_empty() {
            return Err(vec![("sessionTopic", "请填写培训主题。".to_string())]);
        }
        let session = training::find_session(conn, &date, topic)
            .map_err(in_column::<Self>(RENAMES, "sessionTopic"))?
            .ok_or_else(|| {
                vec![(
                    "sessionTopic",
                    format!("{date} 没有主题为“{topic}”的培训，请先登记或导入这次培训。"),
                )]
            })?;
        // A sign-in sheet names each person with their 所在社区 (probe AG: its 9 rows
        // were read as head counts and refused): with a name or an ID number and no
        // 人数, the column only says where the person works.
        let names_a_person =
            !(row.get("name").trim().is_empty() && row.get("idNumber").trim().is_empty());
        let community = row.get("community").trim();
        let community_id =
            if community.is_empty() || (names_a_person && row.get("headCount").trim().is_empty()) {
                String::new()
            } else {
                find_community(conn, community).map_err(|m| vec![("community", m)])?
            };
        let input = ParticipantInput {
            session_id: session.id.clone(),
            person_id: String::new(),
            name: row.get("name").into(),
            id_number: row.get("idNumber").into(),
            community_id,
            head_count: row.get("headCount").into(),
            note: row.get("note").into(),
        };
        let ctx = ctx_for(today);
        // The row as it would be saved, to find the stored row it is.
        let probe = existing_for(conn, &ctx, &input).map_err(in_column::<Self>(RENAMES, "name"))?;
        let before: Option<TrainingParticipant> = probe
            .as_deref()
            .map(|id| ledger::get(conn, id))
            .transpose()
            .map_err(in_column::<Self>(RENAMES, "name"))?;
        let row = training::checked_participant(conn, &ctx, before.as_ref(), &input)
            .map_err(in_column::<Self>(RENAMES, "name"))?;
        Ok(ParticipantRow {
            key: format!("{}\u{1f}{}", row.session_id, row.who()),
            unmatched: (row.person_id.is_none() && row.head_count.is_none())
                .then(|| row.name.clone()),
            input,
            existing: probe,
        })
    }
    fn key(p: &ParticipantRow) -> String {
        p.key.clone()
    }
    // Who the registry does not hold is said before the import (probe S: only the
    // list after it said 未对应到人员).
    fn file_note(_conn: &Connection, rows: &[(&ParticipantRow, bool)]) -> Option<String> {
        let names: Vec<&str> = rows
            .iter()
            .filter(|(_, stored)| !stored)
            .filter_map(|(p, _)| p.unmatched.as_deref())
            .collect();
        (!names.is_empty()).then(|| {
            format!(
                "有 {} 人在人员名单里对应不上（{}），只保存姓名和打码后的身份证号码，不计入社区工作者培训覆盖率。如是人员名单里的人，请核对姓名和身份证号码。",
                names.len(),
                crate::base::fields::first_few(&names, 5)
            )
        })
    }
    fn existing(
        _conn: &Connection,
        _refs: &mut Refs,
        p: &ParticipantRow,
    ) -> Result<Option<String>> {
        Ok(p.existing.clone())
    }
    fn unchanged(conn: &Connection, p: &ParticipantRow, existing: &str, today: NaiveDate) -> bool {
        crate::sheets::rows::would_keep(
            conn,
            today,
            existing,
            &p.input,
            training::checked_participant,
        )
    }
    fn apply(tx: &Tx, p: &ParticipantRow, _existing: Option<&str>) -> Result<Applied> {
        // Looked up again in the transaction: an earlier row of the file may have
        // added this person.
        let existing = existing_for(tx, tx.ctx, &p.input)?;
        upserted(
            tx,
            existing.as_deref(),
            &p.input,
            training::checked_participant,
            |_, _, _| Ok(()),
        )
    }
}

/// The stored row of the session that `input` is (same person or same community).
fn existing_for(
    conn: &Connection,
    ctx: &crate::store::Ctx,
    input: &ParticipantInput,
) -> Result<Option<String>> {
    // A masked ID number names a stored row: find it by name and masked number.
    if input.id_number.contains('*') {
        let name = input.name.trim();
        return Ok(
            ledger::list_by::<TrainingParticipant>(conn, "session_id", &input.session_id)?
                .into_iter()
                .find(|r| {
                    crate::people::same_name(&r.name, name)
                        && r.id_number_masked == input.id_number.trim()
                })
                .map(|r| r.id),
        );
    }
    let (_, row) = training::resolve_participant(conn, ctx, None, input)?;
    Ok(training::same_in_session(conn, &row)?.map(|r| r.id))
}

fn find_community(conn: &Connection, text: &str) -> std::result::Result<String, String> {
    let err = |e: Error| e.to_string();
    if let Some(u) = hierarchy::find_by_code(conn, text).map_err(err)? {
        if u.kind == UnitKind::Village {
            return Ok(u.id);
        }
    }
    let found: Vec<_> = hierarchy::find_by_name(conn, text, None)
        .map_err(err)?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Village)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(format!(
            "没有名为“{text}”的村/社区，请填写村/社区的名称或代码。"
        )),
        many => Err(format!(
            "名为“{text}”的村/社区有 {} 个，请改填代码。",
            many.len()
        )),
    }
}

pub fn export_participants(
    conn: &Connection,
    kind: &str,
    _today: NaiveDate,
) -> Result<Option<ListRows>> {
    if kind != "training-participants" {
        return Ok(None);
    }
    let mut rows = Vec::new();
    let units = crate::hierarchy::names(conn)?;
    for s in training::sessions(conn)? {
        for p in training::participants_named(conn, &s.id, &units)? {
            rows.push(vec![
                s.date.clone(),
                s.topic.clone(),
                if p.head_count.is_some() {
                    String::new()
                } else {
                    p.name
                },
                p.id_number_masked,
                p.community_name,
                p.head_count.map(|n| n.to_string()).unwrap_or_default(),
                p.note,
            ]);
        }
    }
    Ok(Some(("培训参加人员", PARTICIPANT_COLUMNS, rows)))
}
