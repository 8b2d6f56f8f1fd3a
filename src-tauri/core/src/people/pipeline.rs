//! The community workers' pipeline, 引育留用 (issue 16, item 2): dated events of a
//! person (招录 with its batch and way, 晋升, 选拔进入乡镇公务员/事业编, 评优, 离职
//! with its reason). Each event is a record of its own, added and never edited, so
//! the past is never overwritten; a wrong one is deleted into the recycle bin and
//! entered again. Whether the person was a community worker when it happened is
//! kept with the event, so "selected from community workers" holds after the
//! person has moved on.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{parse_date, text_field};
use crate::people::{self, RoleKind, Status};
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// What happened.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum PipelineKind: "event", "事件" {
        #[default]
        Recruited("recruited", "招录", "招聘", "录用"),
        Promoted("promoted", "晋升", "提拔"),
        SelectedCivilServant("selected_civil_servant", "选拔进入乡镇公务员", "公务员", "选拔公务员"),
        SelectedInstitution("selected_institution", "选拔进入乡镇事业编", "事业编", "选拔事业编", "事业单位"),
        Awarded("awarded", "评优", "表彰", "评先评优"),
        Left("left", "离职", "离岗", "辞职"),
    }
}

impl PipelineKind {
    /// A selection into a township post (公务员 or 事业编).
    pub fn is_selection(self) -> bool {
        matches!(
            self,
            PipelineKind::SelectedCivilServant | PipelineKind::SelectedInstitution
        )
    }
}

/// One event of a person's pipeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PipelineEvent {
    pub id: String,
    pub owner_code: String,
    pub person_id: String,
    /// The person's name when the event was recorded.
    pub name: String,
    pub event: PipelineKind,
    /// YYYY-MM-DD.
    pub date: String,
    /// 招录批次 (招录).
    pub batch: String,
    /// 招录方式 (招录: 公开招聘, 定向招录 …).
    pub way: String,
    /// The new post (晋升, 选拔), the honour (评优) or the reason (离职).
    pub detail: String,
    /// Whether the person held the 社区工作者 role when the event was recorded.
    pub community_worker: bool,
    /// A 离职 that made the person leave (离岗 in the registry): the id of the
    /// history row it wrote, so deleting the event can undo exactly that leave.
    /// Empty when the person had already left, and for other events.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub left_history_id: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(PipelineEvent, "pipeline_events", "引育留用记录", ["person_id" => Some(s.person_id.clone())], |s| format!(
    "{}“{}” {} 的{}",
    s.event.label(),
    s.name,
    s.date,
    "记录"
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PipelineInput {
    pub person_id: String,
    pub event: String,
    pub date: String,
    pub batch: String,
    pub way: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineView {
    pub id: String,
    pub person_id: String,
    pub name: String,
    pub event: PipelineKind,
    pub event_label: &'static str,
    pub date: String,
    pub batch: String,
    pub way: String,
    pub detail: String,
    pub community_worker: bool,
}

fn view(e: PipelineEvent) -> PipelineView {
    PipelineView {
        event_label: e.event.label(),
        id: e.id,
        person_id: e.person_id,
        name: e.name,
        event: e.event,
        date: e.date,
        batch: e.batch,
        way: e.way,
        detail: e.detail,
        community_worker: e.community_worker,
    }
}

/// The check of an event's input; an existing event (`before`) is never changed.
pub fn checked(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&PipelineEvent>,
    input: &PipelineInput,
) -> Result<PipelineEvent> {
    if before.is_some() {
        return Err(Error::Refused(
            "引育留用记录不能修改：如有错误，请删除后重新登记。".into(),
        ));
    }
    let person = people::find(conn, input.person_id.trim())?
        .ok_or_else(|| Error::validation("personId", "请从人员名单中选择人员。"))?;
    let event = PipelineKind::parse(&input.event)?;
    let date = parse_date("date", "日期", &input.date)?
        .ok_or_else(|| Error::validation("date", "请填写日期，如 2026-03-01。"))?;
    // Said as every other date after today is.
    crate::base::fields::check_not_future(
        "date",
        "日期",
        Some(&date.format("%Y-%m-%d").to_string()),
        ctx.today(),
    )?;
    let batch = text_field("batch", "招录批次", &input.batch, 40)?;
    let way = text_field("way", "招录方式", &input.way, 40)?;
    let detail = text_field("detail", "说明", &input.detail, 200)?;
    match event {
        PipelineKind::Recruited if way.is_empty() => {
            return Err(Error::validation(
                "way",
                "招录请填写招录方式，如 公开招聘、定向招录。",
            ))
        }
        PipelineKind::Promoted if detail.is_empty() => {
            return Err(Error::validation("detail", "晋升请填写晋升后的职务。"))
        }
        PipelineKind::Awarded if detail.is_empty() => {
            return Err(Error::validation(
                "detail",
                "评优请填写荣誉名称，如 优秀社区工作者。",
            ))
        }
        PipelineKind::Left if detail.is_empty() => {
            return Err(Error::validation("detail", "离职请填写离职原因。"))
        }
        _ => {}
    }
    fits_history(conn, &person, event, date)?;
    let now = ctx.stamp();
    Ok(PipelineEvent {
        id: new_id(),
        owner_code: office::require(conn)?.code,
        name: person.name.clone(),
        community_worker: person
            .roles
            .iter()
            .any(|r| r.role == RoleKind::CommunityWorker),
        person_id: person.id,
        event,
        date: date.format("%Y-%m-%d").to_string(),
        batch: if event == PipelineKind::Recruited {
            batch
        } else {
            String::new()
        },
        way: if event == PipelineKind::Recruited {
            way
        } else {
            String::new()
        },
        detail,
        left_history_id: String::new(),
        created_at: now.clone(),
        updated_at: now,
    })
}

/// A new event must fit the person's recorded ones: nothing but a 招录 before their
/// first 招录, and nothing but a 招录 after the 离职 that left them 离岗. An event
/// already recorded (the same event on the same day: the import's key) is not
/// judged again, so an exported list always imports back.
fn fits_history(
    conn: &Connection,
    person: &people::Person,
    event: PipelineKind,
    date: NaiveDate,
) -> Result<()> {
    let day = date.format("%Y-%m-%d").to_string();
    let recorded = ledger::list_by::<PipelineEvent>(conn, "person_id", &person.id)?;
    if recorded.iter().any(|e| e.event == event && e.date == day) {
        return Ok(());
    }
    let first = |pick: &dyn Fn(&PipelineEvent) -> bool| {
        recorded
            .iter()
            .filter(|e| pick(e))
            .min_by(|a, b| a.date.cmp(&b.date))
    };
    let name = &person.name;
    // Selected into a township post once: a second 选拔进入乡镇公务员 (one in 2025,
    // one in 2026) counted the person in both years' 从社区工作者中选拔. Unless they
    // left (离职) after it and came back.
    if event.is_selection() {
        if let Some(e) = recorded.iter().find(|e| {
            e.event == event
                && !recorded
                    .iter()
                    .any(|l| l.event == PipelineKind::Left && l.date > e.date && l.date < day)
        }) {
            return Err(Error::Conflict {
                field: Some("event"),
                message: format!(
                    "{name}已于 {} {}，不会再次选拔进入。如日期有误，请删除那一条后重新登记。",
                    e.date,
                    event.label()
                ),
            });
        }
    }
    if event == PipelineKind::Recruited {
        if first(&|e| e.event == PipelineKind::Recruited).is_none() {
            if let Some(e) = first(&|e| e.event != PipelineKind::Recruited && e.date < day) {
                return Err(Error::validation(
                    "date",
                    format!(
                        "{name}在 {} 已有“{}”记录，招录日期不能晚于它：请核对日期。",
                        e.date,
                        e.event.label()
                    ),
                ));
            }
        }
        return Ok(());
    }
    if let Some(r) = first(&|e| e.event == PipelineKind::Recruited) {
        if day < r.date {
            return Err(Error::validation(
                "date",
                format!(
                    "{name}的招录日期是 {}，“{}”的日期不能早于招录：请核对日期。",
                    r.date,
                    event.label()
                ),
            ));
        }
    }
    let left = recorded
        .iter()
        .filter(|e| leaves(e.event))
        .max_by(|a, b| a.date.cmp(&b.date));
    if let Some(l) = left.filter(|l| person.status == Status::Left && day > l.date) {
        return Err(Error::validation(
            "date",
            format!(
                "{name}已于 {} {}，现在是离岗：那以后的“{}”不能登记。如已回来工作，请先把人员状态改为在岗。",
                l.date,
                l.event.label(),
                event.label()
            ),
        ));
    }
    Ok(())
}

/// Records an event (added, never edited). A 离职, and a 选拔 into a township post
/// (the person leaves the community workers for it: both stayed counted 在岗 beside
/// 选拔 2 人), makes the person leave, as the registry's own 离岗 does: status 离岗
/// as of the event's date, a history row with the reason; a person who had already
/// left stays as they are.
pub fn add_event(tx: &Tx, input: &PipelineInput) -> Result<PipelineView> {
    let mut e = checked(tx, tx.ctx, None, input)?;
    let twin = ledger::list_by::<PipelineEvent>(tx, "person_id", &e.person_id)?
        .into_iter()
        .find(|r| r.event == e.event && r.date == e.date);
    if let Some(r) = twin {
        return Err(Error::validation(
            "date",
            format!(
                "{}在 {} 已登记过“{}”{}，不要重复登记。",
                r.name,
                r.date,
                r.event.label(),
                if r.detail.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", r.detail)
                }
            ),
        ));
    }
    apply_leave(tx, &mut e, None)?;
    ledger::save(tx, &e)?;
    Ok(view(e))
}

/// Whether an event of `kind` makes the person leave ([`apply_leave`]).
fn leaves(kind: PipelineKind) -> bool {
    kind == PipelineKind::Left || kind.is_selection()
}

/// The leave of a 离职 or 选拔 event (`history_id`: the row to write again on restore).
fn apply_leave(tx: &Tx, e: &mut PipelineEvent, history_id: Option<&str>) -> Result<()> {
    if !leaves(e.event) {
        return Ok(());
    }
    let date = parse_date("date", "日期", &e.date)?
        .ok_or_else(|| Error::validation("date", "请填写日期，如 2026-03-01。"))?;
    // Without a 说明 the event's name alone (选拔进入乡镇事业编：, a bare colon, probe S).
    let reason = match e.detail.trim() {
        "" => e.event.label().to_string(),
        detail => format!("{}：{detail}", e.event.label()),
    };
    e.left_history_id =
        people::leave_on(tx, &e.person_id, date, &reason, history_id)?.unwrap_or_default();
    Ok(())
}

/// Deletes a wrongly entered event into the recycle bin. A 离职 that made the
/// person leave is undone with it (back to 在岗, its history row gone) while that
/// leave is still the person's latest status change; if the person has returned or
/// left again since, what came after stands.
pub fn delete_event(tx: &Tx, id: &str) -> Result<Entry> {
    let e: PipelineEvent = ledger::get(tx, id)?;
    if !e.left_history_id.is_empty() {
        people::undo_leave(tx, &e.person_id, &e.left_history_id)?;
    }
    ledger::delete::<PipelineEvent>(tx, id)
}

/// Puts a deleted event back. A 离职 whose leave was undone by the deletion makes
/// the person leave again (the same history row, the same date), unless the person
/// has left since; one whose leave was not undone changes nothing.
fn restore_event(tx: &Tx, payload: &serde_json::Value) -> Result<()> {
    let mut e: PipelineEvent = serde_json::from_value(payload.clone())?;
    if leaves(e.event) && people::find(tx, &e.person_id)?.is_some() {
        let kept =
            !e.left_history_id.is_empty() && people::history_row_exists(tx, &e.left_history_id)?;
        if !kept {
            let reuse = (!e.left_history_id.is_empty()).then(|| e.left_history_id.clone());
            apply_leave(tx, &mut e, reuse.as_deref())?;
        }
    }
    ledger::restore::<PipelineEvent>(tx, &serde_json::to_value(&e)?)
}

/// A person's events, oldest first.
pub fn events_of(conn: &Connection, person_id: &str) -> Result<Vec<PipelineView>> {
    let mut all = ledger::list_by::<PipelineEvent>(conn, "person_id", person_id)?;
    all.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.created_at.cmp(&b.created_at))
    });
    Ok(all.into_iter().map(view).collect())
}

/// Every event, newest first.
pub fn events(conn: &Connection) -> Result<Vec<PipelineView>> {
    let mut all = ledger::list::<PipelineEvent>(conn)?;
    all.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
    Ok(all.into_iter().map(view).collect())
}

/// Whether the event counts under `people.selected_from_community_workers` as of
/// `as_of`: a selection into a township post (公务员 or 事业编) of a person who was a
/// community worker, dated in `as_of`'s year, on or before `as_of`.
pub fn selected_from_community_workers(e: &PipelineEvent, as_of: NaiveDate) -> bool {
    e.event.is_selection()
        && e.community_worker
        && NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
            .is_ok_and(|d| d.year() == as_of.year() && d <= as_of)
}

/// The pipeline in figures for `as_of`'s year.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub year: i32,
    pub recruited: usize,
    pub promoted: usize,
    pub selected: usize,
    /// Of the selected, those who were community workers.
    pub selected_from_community_workers: usize,
    pub awarded: usize,
    pub left: usize,
    /// People ever recruited (招录 events) and, of them, those still in post: in
    /// post (在岗) and with no 离职 event after their last recruitment.
    pub recruited_ever: usize,
    pub retained: usize,
    /// retained / recruited_ever (0 when none).
    pub retention: f64,
}

pub fn summary(conn: &Connection, as_of: NaiveDate) -> Result<Summary> {
    let all = ledger::list::<PipelineEvent>(conn)?;
    let this_year = |e: &PipelineEvent| {
        NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
            .is_ok_and(|d| d.year() == as_of.year() && d <= as_of)
    };
    let count = |k: PipelineKind| all.iter().filter(|e| e.event == k && this_year(e)).count();
    let mut s = Summary {
        year: as_of.year(),
        recruited: count(PipelineKind::Recruited),
        promoted: count(PipelineKind::Promoted),
        selected: all
            .iter()
            .filter(|e| e.event.is_selection() && this_year(e))
            .count(),
        selected_from_community_workers: all
            .iter()
            .filter(|e| selected_from_community_workers(e, as_of))
            .count(),
        awarded: count(PipelineKind::Awarded),
        left: count(PipelineKind::Left),
        ..Default::default()
    };
    let mut last_recruited: std::collections::BTreeMap<&str, &str> = Default::default();
    for e in all.iter().filter(|e| e.event == PipelineKind::Recruited) {
        let d = last_recruited.entry(e.person_id.as_str()).or_insert("");
        if e.date.as_str() > *d {
            *d = e.date.as_str();
        }
    }
    s.recruited_ever = last_recruited.len();
    // Retained: in post, or selected into a township post (用: no loss to the
    // pipeline, though they leave the community workers), and no 离职 since.
    for (person, since) in &last_recruited {
        let after = |pick: &dyn Fn(PipelineKind) -> bool| {
            all.iter()
                .any(|e| e.person_id == *person && pick(e.event) && e.date.as_str() >= *since)
        };
        let left_after = after(&|k| k == PipelineKind::Left);
        let selected = after(&|k| k.is_selection());
        let in_post = people::find(conn, person)?.is_some_and(|p| p.status == Status::Active);
        if (in_post || selected) && !left_after {
            s.retained += 1;
        }
    }
    s.retention = if s.recruited_ever == 0 {
        0.0
    } else {
        (s.retained as f64 / s.recruited_ever as f64 * 1000.0).round() / 1000.0
    };
    Ok(s)
}

pub static PIPELINE_EVENTS: Def = Def {
    fields: &[
        ("personId", "人员"),
        ("communityWorker", "当时是社区工作者"),
        ("leftHistoryId", "对应的离岗记录"),
    ],
    imports: &[&Sheet::<sheets::PipelineEvents>::NEW],
    exports: &[Export::of::<sheets::PipelineEvents>(sheets::export_rows)],
    report_keys: &["people.selected_from_community_workers"],
    restore: restore_event,
    blocks_person_delete: Some(|conn, person| {
        let n = ledger::count_by::<PipelineEvent>(conn, "person_id", person)?;
        Ok((n > 0).then(|| format!("{n} 条引育留用记录")))
    }),
    ..Def::ledger::<PipelineEvent>()
};

// ---------- Excel in and out ----------

pub mod sheets {
    //! 引育留用 in Excel: one row per event, the person named by 姓名 and 身份证号码
    //! (full, or masked as the export writes it). A row already recorded is left as
    //! it is; a row that would change a recorded event is refused (events are never
    //! edited).

    use chrono::NaiveDate;
    use rusqlite::Connection;

    use super::{PipelineEvent, PipelineInput, PipelineKind};
    use crate::base::error::{Error, Result};
    use crate::base::fields::parse_date;
    use crate::base::identity;
    use crate::people;
    use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
    use crate::sheets::kind::{ListRows, Wizard};
    use crate::sheets::rows::{ctx_for, in_column, Problems, Refs};
    use crate::store::ledger;
    use crate::store::Tx;

    pub struct PipelineEvents;

    static COLUMNS: &[Column] = &[
        col(
            "name",
            "姓名",
            &["人员"],
            true,
            false,
            "人员名单中的人。",
            10.0,
        ),
        col(
            "idNumber",
            "身份证号码",
            &["身份证号", "公民身份号码"],
            true,
            true,
            "18 位，或导出的打码号码。",
            22.0,
        ),
        col(
            "event",
            "事件",
            &["事件类型", "类型"],
            true,
            false,
            "招录、晋升、选拔进入乡镇公务员、选拔进入乡镇事业编、评优或离职。",
            18.0,
        )
        .choose_from(&[
            "招录",
            "晋升",
            "选拔进入乡镇公务员",
            "选拔进入乡镇事业编",
            "评优",
            "离职",
        ]),
        col(
            "date",
            "日期",
            &["时间"],
            true,
            false,
            "如 2026-03-01。",
            12.0,
        ),
        col(
            "batch",
            "招录批次",
            &["批次"],
            false,
            false,
            "招录时填写。",
            16.0,
        ),
        col(
            "way",
            "招录方式",
            &["方式"],
            false,
            false,
            "招录时必填，如 公开招聘。",
            12.0,
        ),
        col(
            "detail",
            "说明",
            &["职务", "荣誉", "离职原因"],
            false,
            false,
            "晋升的职务、评优的荣誉名称、离职原因（这三种必填）。",
            24.0,
        ),
    ];

    /// A parsed row: what to record, and the recorded event it already is.
    pub struct Row {
        pub input: PipelineInput,
        pub existing: Option<String>,
    }

    fn person_of(
        conn: &Connection,
        name: &str,
        id: &str,
        today: NaiveDate,
    ) -> Result<people::Person> {
        let name = name.trim();
        let found = if id.contains('*') {
            let id = id.trim();
            people::all(conn)?.into_iter().find(|p| {
                people::same_name(&p.name, name) && identity::mask_id_number(&p.id_number) == id
            })
        } else {
            let (n, _) = identity::check_id_number(id, today)?;
            people::find_by_id_number(conn, &n)?
        };
        found.ok_or_else(|| {
            Error::validation(
                "idNumber",
                format!(
                    "人员名单中没有身份证号码为 {} 的“{name}”，请先登记这名人员。",
                    id.trim()
                ),
            )
        })
    }

    fn recorded(conn: &Connection, input: &PipelineInput) -> Result<Option<PipelineEvent>> {
        let event = PipelineKind::find(&input.event);
        let date =
            parse_date("date", "日期", &input.date)?.map(|d| d.format("%Y-%m-%d").to_string());
        Ok(
            ledger::list_by::<PipelineEvent>(conn, "person_id", &input.person_id)?
                .into_iter()
                .find(|e| Some(e.event) == event && Some(&e.date) == date.as_ref()),
        )
    }

    impl RecordKind for PipelineEvents {
        const VALUES: &'static [crate::sheets::kind::FieldValues] =
            &[("event", crate::people::pipeline::PipelineKind::PAIRS)];
        const STORED_IN: &'static str =
            <crate::people::pipeline::PipelineEvent as crate::store::ledger::Document>::TABLE;
        const NAME: &'static str = "pipeline-events";
        const LABEL: &'static str = "引育留用记录";
        const ALIASES: &'static [&'static str] = &["引育留用", "引育留用记录"];
        const WIZARD: Wizard = crate::wizard!("引育留用记录", "条", "社区工作者引育留用台账.xlsx");
        const KEY_COLUMN: &'static str = "name";
        const KEY_WITH: &'static [&'static str] = &["event", "date"];
        // Events are not changed once entered (probe U: told to 修改 one).
        const NEAR_FIX: &'static str = "人员页面删除那一条后重新登记";
        type Parsed = Row;
        type Lookup = Refs;
        const COLUMNS: &'static [Column] = COLUMNS;
        fn parse(
            conn: &Connection,
            _refs: &mut Refs,
            row: &RowCells,
            today: NaiveDate,
        ) -> std::result::Result<Row, Problems> {
            let person = person_of(conn, row.get("name"), row.get("idNumber"), today)
                .map_err(in_column::<Self>(&[], "idNumber"))?;
            let input = PipelineInput {
                person_id: person.id,
                event: row.get("event").into(),
                date: row.get("date").into(),
                batch: row.get("batch").into(),
                way: row.get("way").into(),
                detail: row.get("detail").into(),
            };
            let checked = super::checked(conn, &ctx_for(today), None, &input)
                .map_err(in_column::<Self>(&[("personId", "name")], "event"))?;
            // 招录批次 and 招录方式 belong to a 招录: on another event they would be
            // dropped without a word.
            for (key, kept) in [("batch", &checked.batch), ("way", &checked.way)] {
                if kept.is_empty() && !row.get(key).is_empty() {
                    return Err(vec![(
                        key,
                        format!(
                            "招录批次和招录方式只填“招录”的；“{}”不填，请清空这一格。",
                            checked.event.label()
                        ),
                    )]);
                }
            }
            let existing = recorded(conn, &input).map_err(in_column::<Self>(&[], "date"))?;
            if let Some(e) = &existing {
                // The column that differs from what was recorded.
                let changed = [
                    ("batch", &e.batch, &checked.batch),
                    ("way", &e.way, &checked.way),
                    ("detail", &e.detail, &checked.detail),
                ]
                .into_iter()
                .find(|(_, was, now)| was != now)
                .map(|(key, _, _)| key);
                if let Some(key) = changed {
                    return Err(vec![(
                        key,
                        format!(
                            "{} 已登记过这名人员的“{}”，登记后不能修改：如有错误，请在人员页面删除后重新登记。",
                            e.date,
                            e.event.label()
                        ),
                    )]);
                }
            }
            Ok(Row {
                input,
                existing: existing.map(|e| e.id),
            })
        }
        fn key(p: &Row) -> String {
            let event = PipelineKind::find(&p.input.event).map_or("", |e| e.as_str());
            format!(
                "{}\u{1f}{event}\u{1f}{}",
                p.input.person_id,
                p.input.date.trim()
            )
        }
        fn existing(_conn: &Connection, _refs: &mut Refs, p: &Row) -> Result<Option<String>> {
            Ok(p.existing.clone())
        }
        // A row whose 日期 was corrected is a second event beside the recorded one
        // (events are not changed): said, as every kind says a record but for one
        // column (probe T: 朱平 got two 评优 unsaid).
        fn near(
            conn: &Connection,
            p: &Row,
            today: NaiveDate,
            cache: &mut crate::sheets::rows::NearCache,
        ) -> Vec<(String, String)> {
            crate::sheets::rows::near_records::<Self, PipelineEvent>(conn, cache, true, &|_| {
                super::checked(conn, &ctx_for(today), None, &p.input).ok()
            })
        }
        /// A row that matches a recorded event is that event: importing it adds nothing.
        fn unchanged(conn: &Connection, p: &Row, _: &str, _: NaiveDate) -> bool {
            recorded(conn, &p.input).is_ok_and(|r| r.is_some())
        }
        fn apply(tx: &Tx, p: &Row, _existing: Option<&str>) -> Result<Applied> {
            if recorded(tx, &p.input)?.is_some() {
                return Ok(Applied::Unchanged);
            }
            super::add_event(tx, &p.input)?;
            Ok(Applied::Created)
        }
    }

    pub fn export_rows(
        conn: &Connection,
        kind: &str,
        _today: NaiveDate,
    ) -> Result<Option<ListRows>> {
        if kind != "pipeline-events" {
            return Ok(None);
        }
        let mut rows = Vec::new();
        for e in super::events(conn)? {
            let id = people::find(conn, &e.person_id)?
                .map(|p| identity::mask_id_number(&p.id_number))
                .unwrap_or_default();
            rows.push(vec![
                e.name,
                id,
                e.event_label.into(),
                e.date,
                e.batch,
                e.way,
                e.detail,
            ]);
        }
        Ok(Some(("引育留用记录", COLUMNS, rows)))
    }
}
