//! Excel in and out for party building and co-building (党建、共建台账): one
//! [`RecordKind`] per record kind, on the same import machinery as the people
//! registry (preview, error workbook, idempotence), and one export per list.
//! Columns are documented in `docs/IMPORT.md`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::{Error, Result};
use crate::cobuild::sheets::partner_by_name;
use crate::cobuild::PartnerUnit;
use crate::hierarchy::sheets::{unit_by, village_id_of};
use crate::hierarchy::UnitKind;
use crate::party::{
    self, Branch, BranchInput, Committee, CommitteeInput, DecisionInput, Meeting, MeetingInput,
    Member, MemberInput,
};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
pub(crate) use crate::sheets::rows::{
    applied, ctx_for, in_column, list_of, on, yes_no, Problems, Refs,
};

use crate::store::ledger;
use crate::store::Tx;

fn committee_by_name(
    refs: &mut Refs,
    conn: &Connection,
    text: &str,
) -> std::result::Result<Committee, String> {
    refs.by_name::<Committee>(conn, |c| c.name.clone(), text, "委员会")
}

// ---------- 小区党支部 / 三亮 ----------

pub struct PartyBranches;

static BRANCH_COLUMNS: &[Column] = &BRANCH_IMPORT;

/// The export of 三亮: its import columns, then each item taken down (撤下) with
/// the days it was on the board, which the sheet cannot take back.
static BRANCH_EXPORT: [Column; 10] = crate::sheets::import::then(&BRANCH_IMPORT, [TAKEN_DOWN]);

/// Written after 三亮's import columns by its export, not read back.
pub(crate) const TAKEN_DOWN: Column = col(
    "takenDown",
    "撤下记录",
    &[],
    false,
    false,
    "导出时写出，导入时不读。",
    30.0,
);

const BRANCH_IMPORT: [Column; 9] = [
    col(
        "compound",
        "小区",
        &["小区名称", "小区代码"],
        true,
        true,
        "小区的名称或代码，须已在“组织架构”中建立。",
        18.0,
    ),
    col(
        "compoundCode",
        "小区编码",
        &[],
        false,
        true,
        "可不填；导出的台账带有编码，填了编码时以编码为准（小区重名也不会认错）。",
        18.0,
    ),
    col(
        "village",
        "所属村/社区",
        &["村/社区", "社区"],
        false,
        false,
        "小区重名时填写。",
        14.0,
    ),
    col(
        "exists",
        "是否成立党支部",
        &["已成立党支部", "党支部"],
        true,
        false,
        "是或否。",
        10.0,
    )
    .choose_from(&["是", "否"]),
    col("secretary", "支部书记", &["书记"], false, false, "", 10.0),
    col(
        "structureOn",
        "亮组织架构日期",
        &["亮架构", "亮组织架构"],
        false,
        false,
        "已公示的填日期，如 2026-03-01；未公示的不填或填“否”。只打勾（√）的：已有日期的保留，没有的按导入当天记为已公示。公示牌撤下了的写“撤下 2026-12-05”（不写日期按导入当天）：撤下以前的各期仍按已公示统计；把日期清空则按原来填错处理，以前各期也按没有公示统计。",
        14.0,
    ),
    col(
        "dutiesOn",
        "亮职责日期",
        &["亮职责"],
        false,
        false,
        "同上。",
        14.0,
    ),
    col(
        "identityOn",
        "亮党员身份日期",
        &["亮身份", "亮党员身份"],
        false,
        false,
        "同上。",
        14.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for PartyBranches {
    const STORED_IN: &'static str = <crate::party::Branch as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "party-branches";
    const LABEL: &'static str = "小区党支部（三亮）";
    const ALIASES: &'static [&'static str] = &["小区党支部", "三亮"];
    const WIZARD: Wizard = crate::wizard!("小区三亮情况", "条三亮记录", "小区三亮情况.xlsx");
    const KEY_COLUMN: &'static str = "compound";
    // Probe AL: a cell emptied for a board taken down rewrote 2025's figure unsaid.
    const CLEARED_MEANS: &'static str = "清空的公示日期按原来填错处理，那以后的各期（包括已经报送的）都按没有公示统计；如果是公示牌撤下了，请在格子里写“撤下 2026-12-05”。";
    type Parsed = (String, BranchInput);
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = BRANCH_COLUMNS;

    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<Self::Parsed, Problems> {
        let village = village_id_of(conn, row.get("village")).map_err(|m| vec![("village", m)])?;
        let (column, text) = match row.get("compoundCode") {
            "" => ("compound", row.get("compound")),
            code => ("compoundCode", code),
        };
        let compound = unit_by(conn, UnitKind::Compound, text, village.as_deref())
            .map_err(|m| vec![(column, m)])?;
        // A sheet kept with ticks (probe AI: √ refused as a date): √ is published, on
        // the day stored when there is one, else from today (a past period then does
        // not count it: the day is not known); 否/× not published.
        let stored = party::branch_of(conn, &compound.id).ok().flatten();
        // 撤下 written in a date cell (撤下, 撤下 2026-12-05): the board came down that
        // day (today when none is given), and the periods before keep counting it,
        // as the window's 登记撤下 (probe AL: a blanked cell could only be a mistake).
        let mut taken_down_on = String::new();
        let mut take_down = |key: &'static str| -> std::result::Result<bool, Problems> {
            let Some(rest) = row.get(key).trim().strip_prefix("撤下") else {
                return Ok(false);
            };
            let rest = rest.trim_matches(|c: char| c.is_whitespace() || "：:（）()于".contains(c));
            let day = if rest.is_empty() {
                today.format("%Y-%m-%d").to_string()
            } else {
                party::date_field(key, "撤下日期", rest)
                    .map_err(on(key))?
                    .unwrap_or_default()
            };
            if taken_down_on.is_empty() {
                taken_down_on = day;
            }
            Ok(true)
        };
        let down = [
            take_down("structureOn")?,
            take_down("dutiesOn")?,
            take_down("identityOn")?,
        ];
        let ticked = |key: &str, stored_on: Option<&String>| -> String {
            let text = row.get(key);
            match crate::base::fields::yes_or_no(text) {
                Some(true) if !text.trim().chars().any(|c| c.is_ascii_digit()) => stored_on
                    .cloned()
                    .unwrap_or_else(|| today.format("%Y-%m-%d").to_string()),
                Some(false) if !text.trim().chars().any(|c| c.is_ascii_digit()) => String::new(),
                _ => text.to_string(),
            }
        };
        // Each item's cell: empty once taken down, else as written or ticked.
        let item = |at: usize, key: &str, stored_on: fn(&Branch) -> Option<&String>| {
            if down[at] {
                String::new()
            } else {
                ticked(key, stored.as_ref().and_then(stored_on))
            }
        };
        let input = BranchInput {
            exists: yes_no("exists", row.get("exists"))?,
            secretary: row.get("secretary").into(),
            structure_on: item(0, "structureOn", |b| b.structure_on.as_ref()),
            duties_on: item(1, "dutiesOn", |b| b.duties_on.as_ref()),
            identity_on: item(2, "identityOn", |b| b.identity_on.as_ref()),
            note: row.get("note").into(),
            // A date left empty is a correction, as it always was; 撤下 is a 撤下.
            taken_down_on,
        };
        for (key, label, v) in [
            ("structureOn", "亮组织架构日期", &input.structure_on),
            ("dutiesOn", "亮职责日期", &input.duties_on),
            ("identityOn", "亮党员身份日期", &input.identity_on),
        ] {
            party::date_field(key, label, v).map_err(on(key))?;
        }
        let any_date = !(input.structure_on.is_empty()
            && input.duties_on.is_empty()
            && input.identity_on.is_empty());
        if !input.exists && any_date {
            return Err(vec![(
                "exists",
                "还没有成立党支部的小区不能登记三亮，请把“是否成立党支部”填为“是”。".into(),
            )]);
        }
        // The record's own check, as the import will run it: a 三亮 date after today
        // passed the check and then stopped the whole import, no row named.
        party::checked_branch(conn, &ctx_for(today), &compound.id, &input).map_err(in_column::<
            Self,
        >(
            &[],
            "compound",
        ))?;
        Ok((compound.id, input))
    }

    fn key(p: &Self::Parsed) -> String {
        p.0.clone()
    }

    fn absent(
        conn: &Connection,
        mentioned: &std::collections::HashSet<String>,
        _rows: &[&Self::Parsed],
    ) -> Option<crate::sheets::rows::Absent> {
        // A branch by its 小区 (its summary names only its secretary).
        crate::sheets::rows::absent_named::<crate::party::Branch>(conn, mentioned, &|b| {
            crate::hierarchy::find(conn, &b.compound_id)
                .ok()
                .flatten()
                .map_or_else(
                    || crate::store::ledger::Document::summary(b),
                    |c| format!("{}的党支部", c.name),
                )
        })
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &Self::Parsed) -> Result<Option<String>> {
        Ok(ledger::list_by::<Branch>(conn, "compound_id", &p.0)?
            .into_iter()
            .next()
            .map(|b| b.id))
    }

    fn unchanged(
        conn: &Connection,
        (compound_id, input): &Self::Parsed,
        existing: &str,
        today: NaiveDate,
    ) -> bool {
        let Ok(before) = ledger::get::<Branch>(conn, existing) else {
            return false;
        };
        party::checked_branch(conn, &ctx_for(today), compound_id, input)
            .is_ok_and(|after| ledger::same(&before, &after))
    }

    /// A blank 三亮 date takes the compound off 三亮齐全: said before importing.
    fn empties(
        conn: &Connection,
        (compound_id, input): &Self::Parsed,
        existing: &str,
        today: NaiveDate,
        blank: &[&'static str],
    ) -> Vec<String> {
        let Ok(before) = ledger::get::<Branch>(conn, existing) else {
            return Vec::new();
        };
        party::checked_branch(conn, &ctx_for(today), compound_id, input)
            .map(|after| crate::sheets::rows::emptied_columns::<Self>(&before, &after, blank))
            .unwrap_or_default()
    }

    fn apply(
        tx: &Tx,
        (compound_id, input): &Self::Parsed,
        existing: Option<&str>,
    ) -> Result<Applied> {
        applied::<Branch>(tx, existing, |tx| {
            party::save_branch(tx, None, compound_id, input)?;
            ledger::list_by::<Branch>(tx, "compound_id", compound_id)?
                .into_iter()
                .next()
                .map(|b| b.id)
                .ok_or_else(|| Error::Internal("党支部记录保存后没有找到".into()))
        })
    }
}

// ---------- 委员会 ----------

pub struct Committees;

static COMMITTEE_COLUMNS: &[Column] = &[
    col(
        "kind",
        "类型",
        &["委员会类型"],
        true,
        false,
        "大工委或大党委。",
        10.0,
    )
    .choose_from(&["大工委", "大党委"]),
    col(
        "name",
        "名称",
        &["委员会名称"],
        true,
        false,
        "如 青溪社区大党委。同名的委员会再次导入时更新。",
        20.0,
    ),
    col(
        "village",
        "所属村/社区",
        &["村/社区", "社区"],
        false,
        false,
        "大党委必填。",
        14.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for Committees {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("kind", crate::party::CommitteeKind::PAIRS)];
    const NAME: &'static str = "committees";
    const LABEL: &'static str = "委员会";
    const ALIASES: &'static [&'static str] = &["委员会"];
    const WIZARD: Wizard = crate::wizard!("委员会", "个", "大工委大党委名单.xlsx");
    const KEY_COLUMN: &'static str = "name";
    type Parsed = CommitteeInput;
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = COMMITTEE_COLUMNS;

    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<CommitteeInput, Problems> {
        let input = CommitteeInput {
            kind: row.get("kind").into(),
            name: row.get("name").into(),
            village_id: village_id_of(conn, row.get("village"))
                .map_err(|m| vec![("village", m)])?,
            note: row.get("note").into(),
        };
        party::checked_committee(conn, &ctx_for(today), None, &input)
            .map_err(in_column::<Self>(&[("villageId", "village")], "name"))?;
        Ok(input)
    }

    fn key(p: &CommitteeInput) -> String {
        p.name.trim().to_string()
    }

    fn existing(conn: &Connection, refs: &mut Refs, p: &CommitteeInput) -> Result<Option<String>> {
        Ok(committee_by_name(refs, conn, &p.name).ok().map(|c| c.id))
    }

    crate::sheets::rows::through!(party::checked_committee);
}

// ---------- 委员 ----------

pub struct CommitteeMembers;

static MEMBER_COLUMNS: &[Column] = &[
    col(
        "committee",
        "委员会",
        &["委员会名称", "所属委员会"],
        true,
        false,
        "委员会的名称，须已建立（或先导入委员会）。",
        20.0,
    ),
    col(
        "name",
        "姓名",
        &[],
        true,
        false,
        "同一委员会中同名的委员再次导入时更新。",
        10.0,
    ),
    col(
        "partTime",
        "专职/兼职",
        &["是否兼职", "兼职"],
        true,
        false,
        "专职或兼职。",
        10.0,
    )
    .choose_from(&["专职", "兼职"]),
    col(
        "partnerUnit",
        "所在共建单位",
        &["共建单位", "来自单位", "单位"],
        false,
        false,
        "兼职委员必填，须已登记为共建单位。",
        24.0,
    ),
    col(
        "post",
        "职务",
        &[],
        false,
        false,
        "如 兼职委员、副书记。",
        12.0,
    ),
    col(
        "termStart",
        "任期开始",
        &[],
        false,
        false,
        "如 2024-01-01。",
        12.0,
    ),
    col(
        "termEnd",
        "任期结束",
        &[],
        false,
        false,
        "如 2026-12-31。",
        12.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for CommitteeMembers {
    const NAME: &'static str = "committee-members";
    const LABEL: &'static str = "委员";
    const ALIASES: &'static [&'static str] = &["委员"];
    const WIZARD: Wizard = crate::wizard!("委员", "人", "委员名单.xlsx");
    const KEY_COLUMN: &'static str = "name";
    const KEY_WITH: &'static [&'static str] = &["committee"];
    type Parsed = MemberInput;
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = MEMBER_COLUMNS;

    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<MemberInput, Problems> {
        let committee = committee_by_name(refs, conn, row.get("committee"))
            .map_err(|m| vec![("committee", m)])?;
        // 是否兼职 read as every yes/no column is (√, Y, TRUE …), beside its own words.
        // Required: a blank read as 专职 turned a 兼职 member into a 专职 one (probe T).
        let part_time = match row.get("partTime") {
            "" => return Err(vec![("partTime", "请填写“专职”或“兼职”。".to_string())]),
            "兼职" | "兼职委员" => true,
            "专职" => false,
            other => crate::base::fields::yes_or_no(other).ok_or_else(|| {
                vec![(
                    "partTime",
                    format!("“{other}”无法识别，请填“专职”或“兼职”。"),
                )]
            })?,
        };
        let partner_unit_id = match row.get("partnerUnit") {
            "" => None,
            name => Some(
                partner_by_name(refs, conn, name)
                    .map_err(|m| vec![("partnerUnit", m)])?
                    .id,
            ),
        };
        let input = MemberInput {
            committee_id: committee.id,
            name: row.get("name").into(),
            part_time,
            partner_unit_id,
            post: row.get("post").into(),
            term_start: row.get("termStart").into(),
            term_end: row.get("termEnd").into(),
            note: row.get("note").into(),
        };
        party::checked_member(conn, &ctx_for(today), None, &input).map_err(in_column::<Self>(
            &[("partnerUnitId", "partnerUnit")],
            "name",
        ))?;
        Ok(input)
    }

    fn key(p: &MemberInput) -> String {
        format!("{}|{}", p.committee_id, p.name.trim())
    }

    fn existing(conn: &Connection, _refs: &mut Refs, p: &MemberInput) -> Result<Option<String>> {
        Ok(
            ledger::list_by::<Member>(conn, "committee_id", &p.committee_id)?
                .into_iter()
                .find(|m| m.name == p.name.trim())
                .map(|m| m.id),
        )
    }

    crate::sheets::rows::through!(party::checked_member);
}

// ---------- 联席会议 ----------

pub struct JointMeetings;

// 办理情况 is read too: a decision the file says 已办结 is marked done (probe AI's
// file moved to another PC lost every decision's done state).
static MEETING_COLUMNS: &[Column] = &MEETING_EXPORT;

/// The export of 联席会议: its import columns, then where each decision stands.
static MEETING_EXPORT: [Column; 12] =
    crate::sheets::import::then(&MEETING_IMPORT, [DECISION_STATES]);

const MEETING_IMPORT: [Column; 11] = [
    col(
        "committee",
        "委员会",
        &["委员会名称", "所属委员会"],
        true,
        false,
        "召开会议的委员会名称。",
        20.0,
    ),
    col(
        "heldOn",
        "会议日期",
        &["日期", "召开时间", "召开日期", "会议时间"],
        true,
        false,
        "如 2026-03-18。同一委员会同一天的会议再次导入时更新。",
        12.0,
    ),
    col("place", "会议地点", &["地点"], false, false, "", 18.0),
    col("host", "主持人", &[], false, false, "", 10.0),
    col("topics", "议题", &["会议议题"], true, false, "", 30.0),
    col(
        "attendees",
        "参会委员",
        &["参会人员"],
        false,
        false,
        "委员姓名，用顿号“、”分开；须是该委员会的委员。",
        24.0,
    ),
    col(
        "observers",
        "列席人员",
        &["列席"],
        false,
        false,
        "不是委员但参加会议的人，如 区住建局 李明。",
        20.0,
    ),
    DECISION_COLUMNS[0],
    DECISION_COLUMNS[1],
    DECISION_COLUMNS[2],
    col("note", "备注", &[], false, false, "", 20.0),
];

/// A meeting's decisions in three cells (决定事项, 责任人, 完成时限), items paired
/// in order: joint meetings and working meetings alike, read by
/// [`decisions_from_cells`] and written by [`decision_cells`].
pub(crate) const DECISION_COLUMNS: [Column; 3] = [
    col(
        "decisions",
        "决定事项",
        &["决议事项", "议定事项"],
        false,
        false,
        "多项用分号“；”分开（一项之内请用逗号）。",
        36.0,
    ),
    col(
        "owners",
        "责任人",
        &[],
        false,
        false,
        "与决定事项一一对应，用分号分开；一项有几个责任人用顿号，如 城管科、平安办。只写一个（不用分号）就是每项的责任人。",
        14.0,
    ),
    col(
        "dues",
        "完成时限",
        &["时限"],
        false,
        false,
        "与决定事项一一对应，用分号分开，如 2026-05-31；只写一个（不用分号）就是每项的时限。",
        14.0,
    ),
];

/// Written after a meeting's import columns by its export (joint and working
/// meetings alike): where each decision stands, in the order of 决定事项
/// (已办结（2026-11-11）；已逾期；未办结, the words of the screen and the drill-down:
/// probe AI read 跟进中 here and 未办结 there), so the county sees from the file which
/// decisions were carried out. Read back by [`decisions_from_cells`]: 已办结 marks a
/// decision done, nothing marks a done one open again.
pub(crate) const DECISION_STATES: Column = col(
    "decisionStates",
    "办理情况",
    &[],
    false,
    false,
    "导出时写出各项决定的办理情况。导入时，写“已办结（2026-11-11）”或“已办结”的决定记为已办结（日期不写按导入当天）；已办结的不会因为这里写“未办结”而改回。",
    24.0,
);

/// The cell of [`DECISION_STATES`] for a meeting's decisions.
pub(crate) fn decision_states(decisions: &[party::FollowUp]) -> String {
    decisions
        .iter()
        .map(|d| match (&d.status, &d.done_on) {
            (party::FollowUpStatus::Done, Some(on)) => format!("已办结（{on}）"),
            (party::FollowUpStatus::Done, None) => "已办结".to_string(),
            _ if d.overdue => "已逾期".to_string(),
            _ => "未办结".to_string(),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The three cells of [`DECISION_COLUMNS`] for a meeting's decisions, as its
/// import reads them back.
pub(crate) fn decision_cells(decisions: &[party::FollowUp]) -> [String; 3] {
    // A decision recorded before semicolons were refused inside one is written
    // with commas, and matched to it again on import.
    let join = |f: &dyn Fn(&party::FollowUp) -> String| {
        decisions
            .iter()
            .map(|d| flat(&f(d)))
            .collect::<Vec<_>>()
            .join("；")
    };
    [
        join(&|d| d.decision.clone()),
        join(&|d| d.owner.clone()),
        join(&|d| d.due_on.clone().unwrap_or_default()),
    ]
}

/// An item as one piece of a cell: what would split it becomes a comma.
fn flat(item: &str) -> String {
    item.split(party::ITEM_BREAKS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("，")
}

/// A meeting's check refused the row: its problem in the column it is about (the
/// check names every decision's part `decisions`, as the form shows them together;
/// an owner's or a deadline's problem says 第 n 项的责任人 or 第 n 项的完成时限).
pub(crate) fn meeting_problem<K: RecordKind>(
    renames: &'static [(&'static str, &'static str)],
    default: &'static str,
) -> impl Fn(Error) -> Problems {
    move |e| {
        let message = e.to_string();
        match e.field() {
            Some("decisions") if message.contains("的完成时限") => vec![("dues", message)],
            Some("decisions") if message.contains("的责任人") => vec![("owners", message)],
            _ => in_column::<K>(renames, default)(e),
        }
    }
}

/// A cell's items split at semicolons, each in its place: empty ones kept (but
/// trailing ones dropped), so lists written side by side pair up.
fn in_places(s: &str) -> Vec<String> {
    // A semicolon at a line's end and the line break are one separator.
    let mut items: Vec<String> = s
        .replace("；\n", "；")
        .replace(";\n", "；")
        .split(['；', ';', '\n'])
        .map(|x| x.trim().to_string())
        .collect();
    while items.last().is_some_and(String::is_empty) {
        items.pop();
    }
    items
}

/// Whether two wordings of a decision are one decision corrected (加装电梯的线路改造 →
/// 加装电梯线路改造): most characters of the shorter are in the longer. Another
/// decision put in the place of a deleted one is not, and does not inherit its
/// 已办结.
fn alike(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let mut pool: Vec<char> = long.chars().collect();
    let shared = short
        .chars()
        .filter(|c| {
            pool.iter()
                .position(|p| p == c)
                .map(|i| pool.swap_remove(i))
                .is_some()
        })
        .count();
    let n = short.chars().count();
    n > 0 && shared * 3 >= n * 2
}

/// A meeting's decisions from its cells 决定事项, 责任人 and 完成时限 (items split at
/// semicolons and paired in order), joint meetings and working meetings alike. A
/// decision already recorded in `before` (by its words, or its place when its
/// words were corrected) keeps its id and its state on re-import (a follow-up
/// marked done stays done).
pub(crate) fn decisions_from_cells(
    row: &RowCells,
    before: &[party::Decision],
) -> std::result::Result<Vec<DecisionInput>, Problems> {
    // By position: 城管科；；平安办 leaves the second decision without an owner (as
    // the export writes it), instead of moving 平安办 up to it.
    let decisions = in_places(row.get("decisions"));
    // One owner or deadline written without a semicolon beside several decisions
    // is each decision's (城管科 beside three decisions: it went to the first
    // alone). The export writes a first decision's owner alone as 城管科；.
    let each = |key: &str| {
        let cell = row.get(key);
        let list = in_places(cell);
        match list.as_slice() {
            [one] if decisions.len() > 1 && !cell.contains(['；', ';', '\n']) => decisions
                .iter()
                .map(|d| if d.is_empty() { "" } else { one }.to_string())
                .collect(),
            _ => list,
        }
    };
    let owners = each("owners");
    let dues = each("dues");
    // 办理情况 (已办结（2026-11-11）；未办结；…), in the decisions' places: a decision
    // the file says is done is done, on the day it names (else the import's).
    let states = in_places(row.get("decisionStates"));
    let done_in_file = |i: usize| -> Option<String> {
        let t = states.get(i)?.trim();
        let rest = t
            .strip_prefix("已办结")
            .or_else(|| t.strip_prefix("已完成"))?;
        Some(
            rest.trim_matches(|c: char| c.is_whitespace() || "（）()".contains(c))
                .to_string(),
        )
    };
    if owners.len() > decisions.len() || dues.len() > decisions.len() {
        return Err(vec![(
            if owners.len() > decisions.len() {
                "owners"
            } else {
                "dues"
            },
            "责任人或完成时限比决定事项多，请用分号一一对应。".into(),
        )]);
    }
    // An owner or deadline where no decision is would be lost without a word.
    let orphan = |list: &[String]| {
        list.iter()
            .enumerate()
            .any(|(i, x)| !x.is_empty() && decisions.get(i).is_some_and(String::is_empty))
    };
    if orphan(&owners) || orphan(&dues) {
        return Err(vec![(
            if orphan(&owners) { "owners" } else { "dues" },
            "有责任人或完成时限对应的决定事项是空的，请用分号一一对应。".into(),
        )]);
    }
    // A column the file lacks keeps each recorded decision's owner or deadline.
    let (keep_owners, keep_dues) = (!row.has("owners"), !row.has("dues"));
    // Each recorded decision is found by its words; one whose words were corrected
    // in the file (加装电梯的线路改造 → 加装电梯线路改造) by its place among the
    // meeting's decisions, when no row names it in its own words: it keeps its 已办结
    // and done date instead of turning into a new, overdue decision.
    let same_words = |x: &party::Decision, d: &str| x.decision == d || flat(&x.decision) == d;
    let named: Vec<&String> = decisions.iter().filter(|d| !d.is_empty()).collect();
    let by_words: Vec<Option<usize>> = named
        .iter()
        .map(|d| before.iter().position(|x| same_words(x, d)))
        .collect();
    let matched: Vec<Option<usize>> = by_words
        .iter()
        .enumerate()
        .map(|(k, found)| {
            found.or_else(|| {
                (k < before.len()
                    && !by_words.contains(&Some(k))
                    && !named.iter().any(|d| same_words(&before[k], d))
                    && alike(&before[k].decision, named[k]))
                .then_some(k)
            })
        })
        .collect();
    Ok(decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_empty())
        .enumerate()
        .map(|(k, (i, d))| {
            let old = matched[k].map(|at| &before[at]);
            let kept = old.is_some_and(|o| o.status == party::FollowUpStatus::Done);
            let filed = done_in_file(i);
            let done = kept || filed.is_some();
            DecisionInput {
                id: old.map(|o| o.id.clone()),
                decision: d.clone(),
                owner: match old {
                    Some(o) if keep_owners => o.owner.clone(),
                    _ => owners.get(i).cloned().unwrap_or_default(),
                },
                due_on: match old {
                    Some(o) if keep_dues => o.due_on.clone().unwrap_or_default(),
                    _ => dues.get(i).cloned().unwrap_or_default(),
                },
                status: if done { "done" } else { "open" }.into(),
                done_on: if kept {
                    old.and_then(|o| o.done_on.clone()).unwrap_or_default()
                } else {
                    filed.unwrap_or_default()
                },
            }
        })
        .collect())
}

impl RecordKind for JointMeetings {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("status", crate::party::FollowUpStatus::PAIRS)];
    const NAME: &'static str = "joint-meetings";
    const LABEL: &'static str = "联席会议";
    const ALIASES: &'static [&'static str] = &["联席会议"];
    const WIZARD: Wizard = crate::wizard!("联席会议", "次", "联席会议记录.xlsx");
    const KEY_COLUMN: &'static str = "heldOn";
    const KEY_WITH: &'static [&'static str] = &["committee"];
    type Parsed = MeetingInput;
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = MEETING_COLUMNS;

    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<MeetingInput, Problems> {
        let committee = committee_by_name(refs, conn, row.get("committee"))
            .map_err(|m| vec![("committee", m)])?;
        let members = ledger::list_by::<Member>(conn, "committee_id", &committee.id)
            .map_err(on("attendees"))?;
        let mut attendee_ids = Vec::new();
        // 何静（已不在委员会）, as the export names a member deleted since: the
        // attendance recorded for them stays (below), nothing to look up.
        for name in list_of(row.get("attendees"))
            .into_iter()
            .filter(|n| !n.ends_with(party::GONE_MEMBER))
        {
            let m = members.iter().find(|m| m.name == name).ok_or_else(|| {
                vec![(
                    "attendees",
                    format!("“{name}”不是{}的委员。", committee.name),
                )]
            })?;
            attendee_ids.push(m.id.clone());
        }
        let held_on =
            party::date_field("heldOn", "会议日期", row.get("heldOn")).map_err(on("heldOn"))?;
        let mut input = MeetingInput {
            committee_id: committee.id.clone(),
            held_on: held_on.unwrap_or_default(),
            attendee_ids,
            topics: row.get("topics").into(),
            note: row.get("note").into(),
            place: row.get("place").into(),
            host: row.get("host").into(),
            observers: row.get("observers").into(),
            decisions: Vec::new(),
        };
        let before = find_meeting(conn, &input).map_err(on("heldOn"))?;
        input.decisions = decisions_from_cells(row, before.as_ref().map_or(&[], |m| &m.decisions))?;
        // A member deleted since is in no file (the export names members on record):
        // the attendance recorded for them stays, in the order it was recorded.
        if let Some(b) = &before {
            input.attendee_ids.extend(
                b.attendee_ids
                    .iter()
                    .filter(|a| !members.iter().any(|m| &m.id == *a))
                    .cloned(),
            );
            let place = |a: &String| b.attendee_ids.iter().position(|x| x == a);
            input
                .attendee_ids
                .sort_by_key(|a| place(a).unwrap_or(usize::MAX));
        }
        party::checked_meeting(conn, &ctx_for(today), before.as_ref(), &input).map_err(
            meeting_problem::<Self>(&[("attendeeIds", "attendees")], "note"),
        )?;
        Ok(input)
    }

    fn key(p: &MeetingInput) -> String {
        format!("{}|{}", p.committee_id, p.held_on)
    }

    fn existing(conn: &Connection, _refs: &mut Refs, p: &MeetingInput) -> Result<Option<String>> {
        Ok(find_meeting(conn, p)?.map(|m| m.id))
    }

    crate::sheets::rows::through!(party::checked_meeting);
}

fn find_meeting(conn: &Connection, p: &MeetingInput) -> Result<Option<Meeting>> {
    Ok(
        ledger::list_by::<Meeting>(conn, "committee_id", &p.committee_id)?
            .into_iter()
            .find(|m| m.held_on == p.held_on),
    )
}

// ---------- export ----------

/// (sheet name, columns, rows) of one 党建 list, in the import columns (so it
/// can be edited and imported back). Phones are masked, as in the lists.
pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    let partners: BTreeMap<String, String> = ledger::list::<PartnerUnit>(conn)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let partner = |id: &str| partners.get(id).cloned().unwrap_or_default();
    let committees: BTreeMap<String, String> = ledger::list::<Committee>(conn)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let (name, columns, rows): (&str, &[Column], Vec<Vec<String>>) = match kind {
        "party-branches" => (
            "小区党支部三亮",
            &BRANCH_EXPORT[..],
            party::sanliang(conn, None, false)?
                .rows
                .into_iter()
                .map(|r| {
                    vec![
                        r.compound_name,
                        r.compound_code,
                        r.village_name,
                        if r.exists { "是" } else { "否" }.into(),
                        r.secretary,
                        opt(&r.structure_on),
                        opt(&r.duties_on),
                        opt(&r.identity_on),
                        r.note,
                        party::taken_down_text(&r.taken_down),
                    ]
                })
                .collect(),
        ),
        // The committees themselves, so a list moved to another PC or corrected in
        // Excel comes back whole (only their members were exported).
        "committees" => (
            "委员会",
            COMMITTEE_COLUMNS,
            ledger::list::<Committee>(conn)?
                .into_iter()
                .map(|c| {
                    vec![
                        c.kind.label().to_string(),
                        c.name,
                        c.village_id
                            .as_deref()
                            .and_then(|id| crate::hierarchy::get(conn, id).ok())
                            .map(|u| u.name)
                            .unwrap_or_default(),
                        c.note,
                    ]
                })
                .collect(),
        ),
        "committee-members" => (
            "委员",
            MEMBER_COLUMNS,
            ledger::list::<Member>(conn)?
                .into_iter()
                .map(|m| {
                    vec![
                        committees.get(&m.committee_id).cloned().unwrap_or_default(),
                        m.name,
                        if m.part_time { "兼职" } else { "专职" }.into(),
                        m.partner_unit_id
                            .as_deref()
                            .map(partner)
                            .unwrap_or_default(),
                        m.post,
                        opt(&m.term_start),
                        opt(&m.term_end),
                        m.note,
                    ]
                })
                .collect(),
        ),
        "joint-meetings" => (
            "联席会议",
            &MEETING_EXPORT[..],
            party::meetings(conn, "", "", today)?
                .into_iter()
                .map(|m| {
                    let [decisions, owners, dues] = decision_cells(&m.decisions);
                    vec![
                        m.committee_name,
                        m.held_on,
                        m.place,
                        m.host,
                        m.topics,
                        // 何静（已不在委员会） too, and one purged from the bin
                        // as （已不在委员会） alone: as many as 出席.
                        m.attendee_names
                            .iter()
                            .map(|n| if n.is_empty() { party::GONE_MEMBER } else { n })
                            .collect::<Vec<_>>()
                            .join("、"),
                        m.observers,
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
    Ok(Some((name, columns, rows)))
}
