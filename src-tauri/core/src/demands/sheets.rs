//! Excel in and out for demands (诉求), departments and the coordination
//! mechanism's working groups and meetings: one [`RecordKind`] each on the shared
//! import machinery, and their export lists. Columns are documented in
//! `docs/IMPORT.md`. A demand may come from a visit (demands → contacts).

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::demands::{
    self, Demand, DemandInput, Department, DepartmentInput, WorkingGroup, WorkingGroupInput,
    WorkingMeeting, WorkingMeetingInput,
};
use crate::hierarchy::sheets::village_id_of;
use crate::party::sheets::{
    decision_cells, decision_states, decisions_from_cells, DECISION_COLUMNS, DECISION_STATES,
};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{applied, ctx_for, in_column, on, Problems, Refs};
use crate::store::ledger;
use crate::store::Tx;

// ---------- 部门 ----------

pub struct Departments;

static DEPARTMENT_COLUMNS: &[Column] = &[
    col(
        "name",
        "部门名称",
        &["部门", "名称"],
        true,
        false,
        "同名的部门再次导入时更新。",
        20.0,
    ),
    col(
        "level",
        "层级",
        &["部门层级"],
        true,
        false,
        "村/社区、乡镇/街道、县/区或市。",
        12.0,
    )
    .choose_from(&["村/社区", "乡镇/街道", "县/区", "市"]),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for Departments {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("level", crate::demands::Level::PAIRS)];
    const NAME: &'static str = "departments";
    const LABEL: &'static str = "部门";
    const ALIASES: &'static [&'static str] = &["部门"];
    const WIZARD: Wizard = crate::wizard!("部门", "个", "部门名单.xlsx");
    const KEY_COLUMN: &'static str = "name";
    type Parsed = DepartmentInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = DEPARTMENT_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<DepartmentInput, Problems> {
        let input = DepartmentInput {
            name: row.get("name").into(),
            level: row.get("level").into(),
            note: row.get("note").into(),
        };
        let before = refs
            .by_name::<Department>(conn, |d| d.name.clone(), &input.name, "部门")
            .ok();
        demands::checked_department(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "name"))?;
        Ok(input)
    }
    fn key(p: &DepartmentInput) -> String {
        p.name.trim().into()
    }
    fn existing(conn: &Connection, refs: &mut Refs, p: &DepartmentInput) -> Result<Option<String>> {
        Ok(refs
            .by_name::<Department>(conn, |d| d.name.clone(), &p.name, "部门")
            .ok()
            .map(|d| d.id))
    }
    crate::sheets::rows::through!(demands::checked_department);
}

// ---------- 诉求 ----------

pub struct Demands;

static DEMAND_COLUMNS: &[Column] = &DEMAND_IMPORT;

/// The export of 诉求: its import columns, then 是否逾期 on the day it is written (a
/// county could not filter the overdue ones: probe AO).
static DEMAND_EXPORT: [Column; 18] = crate::sheets::import::then(&DEMAND_IMPORT, DEMAND_ALSO);

pub const DEMAND_ALSO: [Column; 1] = [col(
    "overdue",
    "是否逾期",
    &[],
    false,
    false,
    "导出之日已过办理时限、仍未办结的为“是”。",
    8.0,
)];

const DEMAND_IMPORT: [Column; 17] = [
    col(
        "title",
        "诉求事项",
        // 诉求标题: the header before 5 Dec, so files written then still import.
        &["诉求标题", "标题", "诉求"],
        true,
        false,
        "同一天受理的同名诉求再次导入时更新。",
        24.0,
    ),
    col(
        "source",
        "来源",
        &["诉求来源"],
        false,
        false,
        "村/社区上报、网格员上报、领导联系点走访、联席会议、12345热线（可写“12345”）或其他。",
        14.0,
    )
    .choose_from(&[
        "村/社区上报",
        "网格员上报",
        "领导联系点走访",
        "联席会议",
        "12345热线",
        "其他",
    ]),
    col("reporter", "反映人", &[], false, false, "", 10.0),
    col(
        "reporterPhone",
        "联系电话",
        &["电话"],
        false,
        true,
        "这一列请设为“文本”格式。",
        14.0,
    ),
    col(
        "category",
        "类别",
        &["诉求类别"],
        true,
        false,
        "如 环境卫生、安全隐患、道路交通。",
        12.0,
    ),
    col("description", "诉求内容", &["内容"], true, false, "", 36.0),
    col(
        "village",
        "村/社区",
        &["所在村/社区"],
        false,
        false,
        "",
        12.0,
    ),
    col(
        "level",
        "办理层级",
        &["层级"],
        false,
        false,
        "村/社区、乡镇/街道、县/区或市；不填为乡镇/街道。",
        12.0,
    )
    .choose_from(&["村/社区", "乡镇/街道", "县/区", "市"]),
    col(
        "receivedOn",
        "受理日期",
        &[],
        true,
        false,
        "如 2026-11-02。",
        12.0,
    ),
    col(
        "deadline",
        "办理时限",
        &["时限"],
        false,
        false,
        "应办结的日期，如 2026-03-15；也可写天数，如“7天”“15日”，从受理日期往后算。",
        12.0,
    ),
    col(
        "status",
        "状态",
        &[],
        false,
        false,
        "已受理、已交办、办理中、已办结或已回访；不填为已受理。",
        10.0,
    )
    .choose_from(&["已受理", "已交办", "办理中", "已办结", "已回访"]),
    col(
        "department",
        "承办部门",
        &["交办部门"],
        false,
        false,
        "已交办及以后必填，须已登记为部门；村/社区级诉求由村/社区自办的，不填或填“村/社区自办”。",
        14.0,
    ),
    col(
        "assignedOn",
        "交办日期",
        &["交办时间"],
        false,
        false,
        "时间线上“已交办”“办理中”两步的日期；不填则取本行最近的日期（受理或办结日期）。",
        12.0,
    ),
    col(
        "resolvedOn",
        "办结日期",
        &[],
        false,
        false,
        "已办结及以后必填，也是时间线上“已办结”一步的日期。",
        12.0,
    ),
    col(
        "result",
        "办理结果",
        &[],
        false,
        false,
        "已办结及以后必填。",
        24.0,
    ),
    col(
        "satisfaction",
        "回访满意度",
        &["满意度"],
        false,
        false,
        "已回访的填 满意、基本满意 或 不满意。",
        12.0,
    )
    .choose_from(&["满意", "基本满意", "不满意"]),
    col(
        "calledBackOn",
        "回访日期",
        &["回访时间"],
        false,
        false,
        "时间线上“已回访”一步的日期；不填则取办结日期。",
        12.0,
    ),
];

pub struct ParsedDemand {
    input: DemandInput,
    state: demands::ImportedState,
    /// The stored demand the row is ([`stored_demand`]).
    stored: Option<String>,
    /// A new row beside a stored demand of the same title and village on another
    /// day: said, since a corrected 受理日期 makes a second demand.
    near: Option<String>,
}

/// A stored demand of `title` in village `unit_id` received on another day than a
/// new row's: what the check says beside that row (a 受理日期 corrected in the file
/// added a second demand and kept the first, unsaid).
fn near_demand(
    conn: &Connection,
    refs: &mut Refs,
    title: &str,
    unit_id: Option<&str>,
    received_on: &str,
) -> Option<String> {
    let same = refs
        .find::<Demand>(conn, "title", |d| d.title.trim().to_string(), title.trim())
        .ok()?;
    let days: Vec<&str> = same
        .iter()
        .filter(|d| d.unit_id.as_deref() == unit_id && d.received_on != received_on)
        .map(|d| d.received_on.as_str())
        .collect();
    (!days.is_empty()).then(|| {
        format!(
            "{}诉求；已有同一诉求事项、同一村/社区的诉求（受理日期 {}）。如是改了受理日期，请在软件里修改那一条，并把这一行从文件里删掉再导入（否则会多出一条）。",
            crate::sheets::import::NEAR_NOTE,
            days.join("、")
        )
    })
}

/// The stored demand a row is: the one received that day under that title, or,
/// when the ledger holds several (the same complaint from two places on one day),
/// the one of them in the row's 村/社区. A row that still names more than one is
/// refused: updating the first found rewrote another village's demand.
fn stored_demand(
    conn: &Connection,
    refs: &mut Refs,
    received_on: &str,
    title: &str,
    unit_id: Option<&str>,
) -> std::result::Result<Option<Demand>, String> {
    let key = format!("{received_on}|{}", title.trim());
    let same = refs.find::<Demand>(
        conn,
        "received_title",
        |d| format!("{}|{}", d.received_on, d.title),
        &key,
    );
    let same = same.map_err(|e| e.to_string())?;
    let place = |id: Option<&str>| {
        id.and_then(|id| crate::hierarchy::get(conn, id).ok())
            .map_or_else(|| "未填村/社区".to_string(), |u| u.name)
    };
    if let [one] = same {
        // Another village's row of the same day and title is another demand (two
        // villages report 路灯损坏 the same day), not the stored one to rewrite; nor
        // is it a new one to add unsaid beside it.
        return match (one.unit_id.as_deref(), unit_id) {
            (Some(stored), Some(row)) if stored != row => Err(format!(
                "已有受理日期 {received_on}、诉求事项相同的诉求（{}），这一行的村/社区是{}。如是另一个村/社区反映的同一事项，请在诉求事项里加以区分（如 加上村/社区名）；如是那条诉求改了村/社区，请在软件里修改。",
                place(Some(stored)),
                place(Some(row))
            )),
            _ => Ok(Some(one.clone())),
        };
    }
    if same.is_empty() {
        return Ok(None);
    }
    let here: Vec<&Demand> = same
        .iter()
        .filter(|d| d.unit_id.as_deref() == unit_id)
        .collect();
    if let [one] = here.as_slice() {
        return Ok(Some((*one).clone()));
    }
    let places: Vec<String> = same.iter().map(|d| place(d.unit_id.as_deref())).collect();
    let which = match unit_id {
        Some(row) => format!("这一行的村/社区是{}，与它们都不同", place(Some(row))),
        None => "这一行没有填村/社区，不能确定是哪一条".to_string(),
    };
    Err(format!(
        "已有 {} 条受理日期 {received_on}、诉求事项相同的诉求（{}），{which}。请填写对应的村/社区；如是另一条诉求，请在诉求事项里加以区分。",
        same.len(),
        places.join("、")
    ))
}

impl RecordKind for Demands {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("level", crate::demands::Level::PAIRS),
        ("status", crate::demands::Status::PAIRS),
        ("source", &crate::demands::SOURCES),
        ("satisfaction", &crate::demands::SATISFACTIONS),
    ];
    const STORED_IN: &'static str =
        <crate::demands::Demand as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "demands";
    const LABEL: &'static str = "诉求";
    const ALIASES: &'static [&'static str] = &["诉求"];
    const WIZARD: Wizard = crate::wizard!("诉求", "件", "诉求台账.xlsx");
    const KEY_COLUMN: &'static str = "title";
    const KEY_WITH: &'static [&'static str] = &["receivedOn", "village"];
    type Parsed = ParsedDemand;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = DEMAND_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedDemand, Problems> {
        let unit_id = village_id_of(conn, row.get("village")).map_err(|m| vec![("village", m)])?;
        // The stored demand the row is, found before the row is checked: a phone the
        // export masked reads back as the stored one (as for leaders and partner
        // units), so the export imports back unchanged. A bad 受理日期 is said by
        // the check below.
        let received =
            crate::base::fields::date_field("receivedOn", "受理日期", row.get("receivedOn"))
                .ok()
                .flatten();
        let stored = match &received {
            Some(on) => stored_demand(conn, refs, on, row.get("title"), unit_id.as_deref())
                .map_err(|m| vec![("title", m)])?,
            None => None,
        };
        let deadline = deadline_of(row.get("deadline"), row.get("receivedOn"));
        // Neither a date nor days: both ways said (probe T: only the date was).
        if !deadline.is_empty()
            && received.is_some()
            && crate::base::fields::parse_date("deadline", "办理时限", &deadline).is_err()
        {
            return Err(vec![(
                "deadline",
                format!(
                    "办理时限“{deadline}”看不懂：请写日期（如 2026-12-31），或受理后的天数（如 7天、15日）。"
                ),
            )]);
        }
        let input = DemandInput {
            title: row.get("title").into(),
            source: row.get("source").into(),
            reporter: row.get("reporter").into(),
            reporter_phone: crate::base::identity::unmask_phone(
                row.get("reporterPhone"),
                stored.as_ref().map(|d| d.reporter_phone.as_str()),
            ),
            category: row.get("category").into(),
            description: row.get("description").into(),
            unit_id,
            level: row.get("level").into(),
            received_on: row.get("receivedOn").into(),
            deadline,
            deadline_reason: "按导入的文件调整".into(),
        };
        let mut scratch = demands::blank_demand(conn, &ctx_for(today)).map_err(on("title"))?;
        demands::apply_input(conn, &mut scratch, &input, today)
            .map_err(in_column::<Self>(&[("unitId", "village")], "title"))?;
        // 按期 is judged at 办结: a resolved demand's 办理时限 stays (as in the form).
        // (A file without the column is refused for what it would clear.)
        if let Some(st) = stored
            .as_ref()
            .filter(|st| st.is_resolved() && row.has("deadline"))
        {
            if scratch.deadline != st.deadline {
                let was = st.deadline.clone().unwrap_or_else(|| "（无）".into());
                return Err(vec![(
                    "deadline",
                    format!("这条诉求已办结，是否按期以办结时的办理时限（{was}）为准，不能改。请把这一格改回 {was}。"),
                )]);
            }
        }
        let department_id = match row.get("department") {
            "" => None,
            said if demands::says_self_handled(said) => None,
            name => Some(
                refs.by_name::<Department>(conn, |d| d.name.clone(), name, "部门")
                    .map_err(|m| vec![("department", m)])?
                    .id,
            ),
        };
        let state = demands::ImportedState {
            level: scratch.level,
            by_village: scratch.handled_by_village(),
            status: match row.get("status") {
                "" => demands::Status::Accepted,
                s => demands::Status::parse(s).map_err(on("status"))?,
            },
            department_id,
            assigned_on: crate::base::fields::date_field(
                "assignedOn",
                "交办日期",
                row.get("assignedOn"),
            )
            .map_err(on("assignedOn"))?,
            called_back_on: crate::base::fields::date_field(
                "calledBackOn",
                "回访日期",
                row.get("calledBackOn"),
            )
            .map_err(on("calledBackOn"))?,
            resolved_on: crate::base::fields::date_field(
                "resolvedOn",
                "办结日期",
                row.get("resolvedOn"),
            )
            .map_err(on("resolvedOn"))?,
            result: row.get("result").trim().into(),
            satisfaction: row.get("satisfaction").trim().into(),
        };
        state.check().map_err(in_column::<Self>(
            &[("departmentId", "department")],
            "status",
        ))?;
        crate::sheets::import::step_dates_in_order(
            Some(("受理日期", &scratch.received_on)),
            &[
                ("assignedOn", "交办日期", state.assigned_on.as_ref()),
                ("resolvedOn", "办结日期", state.resolved_on.as_ref()),
                ("calledBackOn", "回访日期", state.called_back_on.as_ref()),
            ],
            today,
        )?;
        let near = match &stored {
            Some(_) => None,
            None => near_demand(
                conn,
                refs,
                &input.title,
                input.unit_id.as_deref(),
                &scratch.received_on,
            ),
        };
        Ok(ParsedDemand {
            input: DemandInput {
                received_on: scratch.received_on,
                ..input
            },
            state,
            near,
            stored: stored.map(|d| d.id),
        })
    }
    fn note(p: &ParsedDemand) -> Option<String> {
        p.near.clone()
    }
    /// Two demands of one day and title are two rows when their villages differ.
    fn key(p: &ParsedDemand) -> String {
        format!(
            "{}|{}|{}",
            p.input.received_on,
            p.input.title.trim(),
            p.input.unit_id.as_deref().unwrap_or("")
        )
    }
    fn existing(_conn: &Connection, _refs: &mut Refs, p: &ParsedDemand) -> Result<Option<String>> {
        Ok(p.stored.clone())
    }
    /// New demands with no 来源 are 其他, where the form starts at 村/社区上报 (probe
    /// AG: 28 imported 其他, unsaid): said before importing.
    fn file_note(_conn: &Connection, rows: &[(&ParsedDemand, bool)]) -> Option<String> {
        let unsaid = rows
            .iter()
            .filter(|(p, stored)| !stored && p.input.source.trim().is_empty())
            .count();
        (unsaid > 0).then(|| {
            format!(
                "{unsaid} 件新诉求没有填写来源，导入后来源记为“其他”。要记为村/社区上报、网格员上报等，请在文件里加上“来源”列后再导入。"
            )
        })
    }
    fn refuses_update(
        conn: &Connection,
        p: &ParsedDemand,
        existing: &str,
    ) -> Option<(&'static str, String)> {
        let d = ledger::get::<Demand>(conn, existing).ok()?;
        // As `import_state` dates the steps.
        let dates = p.state.step_dates(&p.input.received_on);
        crate::sheets::import::refused_steps(
            &[
                "status",
                "assignedOn",
                "status",
                "resolvedOn",
                "calledBackOn",
            ],
            demands::Status::PAIRS,
            &dates,
            d.status as usize,
            p.state.status as usize,
            d.last_step().map(|e| (e.to.label(), e.date.as_str())),
        )
    }
    fn clears(
        conn: &Connection,
        p: &ParsedDemand,
        existing: &str,
        today: NaiveDate,
        present: &dyn Fn(&str) -> bool,
    ) -> Vec<&'static str> {
        match demands::import_result(conn, existing, &p.input, &p.state, today) {
            Some((before, after)) => {
                crate::sheets::rows::cleared_columns::<Self>(&before, &after, present)
            }
            None => crate::sheets::rows::missing_columns(Self::COLUMNS, present),
        }
    }
    crate::sheets::rows::empties_of_workflow!(demands::import_result);
    fn apply(tx: &Tx, p: &ParsedDemand, existing: Option<&str>) -> Result<Applied> {
        applied::<Demand>(tx, existing, |tx| {
            let id = match existing {
                Some(id) => {
                    demands::update_demand_id(tx, id, &p.input)?;
                    id.to_string()
                }
                None => demands::create_demand_id(tx, &p.input)?,
            };
            demands::import_state(tx, &id, &p.state)?;
            Ok(id)
        })
    }
}

// ---------- 专项工作组 and 工作会议 ----------

pub struct WorkingGroups;

static GROUP_COLUMNS: &[Column] = &[
    col(
        "name",
        "工作组名称",
        &["名称", "工作组"],
        true,
        false,
        "同名的工作组再次导入时更新。",
        20.0,
    ),
    col("topic", "工作主题", &["主题"], true, false, "", 24.0),
    col("leadUnit", "牵头单位", &[], true, false, "", 14.0),
    col("members", "成员单位", &[], false, false, "", 24.0),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for WorkingGroups {
    const NAME: &'static str = "working-groups";
    const LABEL: &'static str = "专项工作组";
    const ALIASES: &'static [&'static str] = &["专项工作组"];
    const WIZARD: Wizard = crate::wizard!("专项工作组", "个", "专项工作组.xlsx");
    const KEY_COLUMN: &'static str = "name";
    type Parsed = WorkingGroupInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = GROUP_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<WorkingGroupInput, Problems> {
        let input = WorkingGroupInput {
            name: row.get("name").into(),
            topic: row.get("topic").into(),
            lead_unit: row.get("leadUnit").into(),
            members: row.get("members").into(),
            note: row.get("note").into(),
        };
        let before = group_by(refs, conn, &input.name).ok();
        demands::checked_group(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "name"))?;
        Ok(input)
    }
    fn key(p: &WorkingGroupInput) -> String {
        p.name.trim().into()
    }
    fn existing(
        conn: &Connection,
        refs: &mut Refs,
        p: &WorkingGroupInput,
    ) -> Result<Option<String>> {
        Ok(group_by(refs, conn, &p.name).ok().map(|g| g.id))
    }
    crate::sheets::rows::through!(demands::checked_group);
}

fn group_by(
    refs: &mut Refs,
    conn: &Connection,
    name: &str,
) -> std::result::Result<WorkingGroup, String> {
    refs.by_name::<WorkingGroup>(conn, |g| g.name.clone(), name, "专项工作组")
}

pub struct WorkingMeetings;

// 办理情况 is read too, as a joint meeting's (`decisions_from_cells`).
static WMEETING_COLUMNS: &[Column] = &WMEETING_EXPORT;

/// The export of 工作会议: its import columns, then where each decision stands.
static WMEETING_EXPORT: [Column; 9] =
    crate::sheets::import::then(&WMEETING_IMPORT, [DECISION_STATES]);

const WMEETING_IMPORT: [Column; 8] = [
    col("group", "专项工作组", &["工作组"], true, false, "", 20.0),
    col(
        "heldOn",
        "会议日期",
        &["日期"],
        true,
        false,
        "同一工作组同一天的会议再次导入时更新。",
        12.0,
    ),
    col(
        "participants",
        "参会单位和人员",
        &["参会人员"],
        false,
        false,
        "",
        24.0,
    ),
    col("topics", "议题", &["会议议题"], true, false, "", 30.0),
    DECISION_COLUMNS[0],
    DECISION_COLUMNS[1],
    DECISION_COLUMNS[2],
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for WorkingMeetings {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("status", crate::party::FollowUpStatus::PAIRS)];
    const NAME: &'static str = "working-meetings";
    const LABEL: &'static str = "工作会议";
    const ALIASES: &'static [&'static str] = &["工作会议"];
    const WIZARD: Wizard = crate::wizard!("工作会议", "次", "工作会议记录.xlsx");
    const KEY_COLUMN: &'static str = "heldOn";
    const KEY_WITH: &'static [&'static str] = &["group"];
    type Parsed = WorkingMeetingInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = WMEETING_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<WorkingMeetingInput, Problems> {
        let g = group_by(refs, conn, row.get("group")).map_err(|m| vec![("group", m)])?;
        let held_on = crate::base::fields::date_field("heldOn", "会议日期", row.get("heldOn"))
            .map_err(on("heldOn"))?
            .unwrap_or_default();
        let existing = ledger::list_by::<WorkingMeeting>(conn, "group_id", &g.id)
            .map_err(on("heldOn"))?
            .into_iter()
            .find(|m| m.held_on == held_on);
        let input = WorkingMeetingInput {
            group_id: g.id,
            held_on,
            participants: row.get("participants").into(),
            topics: row.get("topics").into(),
            note: row.get("note").into(),
            decisions: decisions_from_cells(row, existing.as_ref().map_or(&[], |m| &m.decisions))?,
        };
        demands::checked_working_meeting(conn, &ctx_for(today), existing.as_ref(), &input)
            .map_err(crate::party::sheets::meeting_problem::<Self>(
                &[("groupId", "group")],
                "topics",
            ))?;
        Ok(input)
    }
    fn key(p: &WorkingMeetingInput) -> String {
        format!("{}|{}", p.group_id, p.held_on)
    }
    fn existing(
        conn: &Connection,
        _refs: &mut Refs,
        p: &WorkingMeetingInput,
    ) -> Result<Option<String>> {
        Ok(
            ledger::list_by::<WorkingMeeting>(conn, "group_id", &p.group_id)?
                .into_iter()
                .find(|m| m.held_on == p.held_on)
                .map(|m| m.id),
        )
    }
    crate::sheets::rows::through!(demands::checked_working_meeting);
}

// ---------- export ----------

/// (sheet name, columns, rows) of one list, in the import columns. Phones masked.
pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let rows = match kind {
        "departments" => (
            "部门",
            DEPARTMENT_COLUMNS,
            demands::departments(conn)?
                .into_iter()
                .map(|d| vec![d.name, d.level_label.into(), d.note])
                .collect(),
        ),
        "demands" => (
            "诉求",
            &DEMAND_EXPORT[..],
            demands::demands(conn, &Default::default(), today)?
                .into_iter()
                .map(|d| {
                    // A step's fields only once the demand has reached it: one moved
                    // back or escalated keeps the step in its history, not in its row
                    // (the import refuses what the status has not reached).
                    let reached = |st: demands::Status| d.status >= st;
                    let on = |st: demands::Status| {
                        if reached(st) {
                            step_on(&d.history, st)
                        } else {
                            String::new()
                        }
                    };
                    vec![
                        d.title,
                        d.source_label.into(),
                        d.reporter,
                        d.reporter_phone,
                        d.category,
                        d.description,
                        d.unit_name,
                        d.level_label.into(),
                        d.received_on,
                        opt(&d.deadline),
                        d.status_label.into(),
                        d.department_name.clone(),
                        on(demands::Status::Assigned),
                        opt(&d.resolved_on),
                        if reached(demands::Status::Resolved) {
                            d.result.clone()
                        } else {
                            String::new()
                        },
                        d.satisfaction_label.into(),
                        on(demands::Status::CalledBack),
                        if d.overdue { "是" } else { "否" }.into(),
                    ]
                })
                .collect(),
        ),
        "working-groups" => (
            "专项工作组",
            GROUP_COLUMNS,
            demands::working_groups(conn)?
                .into_iter()
                .map(|g| vec![g.name, g.topic, g.lead_unit, g.members, g.note])
                .collect(),
        ),
        "working-meetings" => (
            "工作会议",
            &WMEETING_EXPORT[..],
            demands::working_meetings(conn, "", today)?
                .into_iter()
                .map(|m| {
                    let [decisions, owners, dues] = decision_cells(&m.decisions);
                    vec![
                        m.group_name,
                        m.held_on,
                        m.participants,
                        m.topics,
                        decisions,
                        owners,
                        dues,
                        m.note,
                        decision_states(&m.decisions),
                    ]
                })
                .collect(),
        ),
        _ => return Ok(None),
    };
    Ok(Some(rows))
}

/// The date of the last step of a demand's history into `status` ("" if none).
fn step_on(history: &[demands::DemandEvent], status: demands::Status) -> String {
    history
        .iter()
        .rev()
        .find(|e| e.to == status)
        .map(|e| e.date.clone())
        .unwrap_or_default()
}

/// 办理时限 as offices write it: a date, or days from 受理日期 (“7天”, “15日”, “7”
/// days; a date they are not). Anything else is left for the date check to name.
fn deadline_of(cell: &str, received_on: &str) -> String {
    let cell = cell.trim();
    let days = cell
        .strip_suffix('天')
        .or_else(|| cell.strip_suffix('日'))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .filter(|n| (1..=3650).contains(n));
    let received = crate::base::fields::parse_date("receivedOn", "受理日期", received_on);
    match (days, received) {
        (Some(n), Ok(Some(on))) => (on + chrono::Days::new(u64::from(n)))
            .format("%Y-%m-%d")
            .to_string(),
        _ => cell.to_string(),
    }
}
