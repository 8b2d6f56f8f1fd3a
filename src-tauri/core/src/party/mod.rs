//! Party building (党建引领): compound party branches and their 三亮 (structure,
//! duties and members' party identity made public), the joint committees (街道大工委,
//! 社区大党委) with their members (兼职委员 from partner units), and joint meetings
//! (联席会议) whose decisions become follow-up items. Stored through [`ledger`].

pub mod sheets;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::period::{day_of, ListPeriod};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::store::attachments::{self, Attachment, AttachmentRef};
use crate::store::ledger::{self, Document, NamedBy};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

use crate::base::fields::check_not_future;
pub(crate) use crate::base::fields::{date_field, required, text_field};
pub(crate) use crate::store::ledger::document;

fn unit_of(conn: &Connection, id: &str, kind: UnitKind, what: &str) -> Result<Unit> {
    let u = hierarchy::get(conn, id).map_err(|_| {
        Error::validation("villageId", format!("没有找到所选的{what}，请刷新后再选。"))
    })?;
    if u.kind != kind {
        return Err(Error::validation(
            "villageId",
            format!("“{}”不是{what}。", u.name),
        ));
    }
    Ok(u)
}

// ---------- 小区党支部 and 三亮 ----------

/// A compound's party branch and its 三亮 (one record per compound).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Branch {
    pub id: String,
    pub owner_code: String,
    pub compound_id: String,
    pub exists: bool,
    pub secretary: String,
    /// When the organisational structure was made public (亮组织架构).
    pub structure_on: Option<String>,
    /// When the duties were made public (亮职责).
    pub duties_on: Option<String>,
    /// When the members' party identity was made public (亮党员身份).
    pub identity_on: Option<String>,
    pub photo: Option<AttachmentRef>,
    pub note: String,
    /// Items published once and taken down since (撤下), each with the days it was on
    /// the board, so the periods it was counted in keep counting it (package format
    /// 2.18; absent in older records and packages: none taken down).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub taken_down: Vec<TakenDown>,
    pub created_at: String,
    pub updated_at: String,
}

/// The 三亮 items by their codes, as [`TakenDown::item`] names them.
pub const SANLIANG_ITEMS: &[(&str, &str)] = &[
    ("structure", "亮组织架构"),
    ("duties", "亮职责"),
    ("identity", "亮党员身份"),
];

/// Items taken down as a sheet says them: 亮党员身份：2025-08-14 公示，2026-08-31 撤下.
pub(crate) fn taken_down_text(all: &[TakenDown]) -> String {
    all.iter()
        .map(|t| {
            let item = crate::base::label_in(SANLIANG_ITEMS, &t.item);
            format!("{item}：{} 公示，{} 撤下", t.from, t.until)
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// One 三亮 item (`structure`, `duties` or `identity`) on the board from `from` to
/// the day before `until`, its 撤下日期.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TakenDown {
    pub item: String,
    pub from: String,
    pub until: String,
}

document!(Branch, "party_branches", "小区党支部", ["compound_id" => Some(s.compound_id.clone())], |s| if s.secretary.is_empty() { "小区党支部和三亮记录".to_string() } else { format!("小区党支部和三亮记录（支部书记 {}）", s.secretary) });

impl Branch {
    /// The items not yet published: `structure`, `duties`, `identity`.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("structure", &self.structure_on),
            ("duties", &self.duties_on),
            ("identity", &self.identity_on),
        ]
        .into_iter()
        .filter(|(_, on)| !self.exists || on.is_none())
        .map(|(k, _)| k)
        .collect()
    }

    /// A branch exists and all three items are published.
    pub fn complete(&self) -> bool {
        self.exists && self.missing().is_empty()
    }

    /// The three items with their dates of publication as they stand.
    fn items(&self) -> [(&'static str, &Option<String>); 3] {
        [
            ("structure", &self.structure_on),
            ("duties", &self.duties_on),
            ("identity", &self.identity_on),
        ]
    }

    /// What a drill-down of `day` says of each item, as the board stood then: its
    /// 公示 date, "2025-08-14（2026-08-31 撤下）" for a spell taken down since, or
    /// "—" (probe AL: a July drill read 亮身份 — for a compound counted 齐全, and a
    /// date after the period for another).
    pub fn item_on(&self, item: &str, day: &str) -> String {
        let current = self
            .items()
            .into_iter()
            .find(|(k, _)| *k == item)
            .and_then(|(_, on)| on.clone());
        if let Some(d) = current.filter(|d| day_of(d) <= day) {
            return d;
        }
        self.spell_on(item, day).map_or_else(
            || "—".to_string(),
            |t| format!("{}（{} 撤下）", t.from, t.until),
        )
    }

    /// The 撤下 spell of `item` that had it on the board on `day`, if one did.
    fn spell_on(&self, item: &str, day: &str) -> Option<&TakenDown> {
        self.taken_down
            .iter()
            .find(|t| t.item == item && day_of(&t.from) <= day && day < day_of(&t.until))
    }

    /// Whether the branch stood with all three items on the board on `day`
    /// (`YYYY-MM-DD`): each published by then and, if taken down since, not before
    /// the day after. A 撤下 leaves the periods before it as they were reported.
    pub fn complete_on(&self, day: &str) -> bool {
        self.exists
            && self.items().iter().all(|(item, on)| {
                on.as_deref().is_some_and(|d| day_of(d) <= day)
                    || self.spell_on(item, day).is_some()
            })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BranchInput {
    pub exists: bool,
    pub secretary: String,
    pub structure_on: String,
    pub duties_on: String,
    pub identity_on: String,
    pub note: String,
    /// The 撤下日期 of each item whose date this input clears: the board was taken
    /// down that day, and the periods before keep counting it. Empty: the cleared
    /// date was a mistake, and every period since counts the item as never published.
    pub taken_down_on: String,
}

/// One compound's row on the 三亮 view.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BranchView {
    pub compound_id: String,
    pub compound_name: String,
    pub compound_code: String,
    pub village_id: String,
    pub village_name: String,
    pub exists: bool,
    pub secretary: String,
    pub structure_on: Option<String>,
    pub duties_on: Option<String>,
    pub identity_on: Option<String>,
    pub photo: Option<Attachment>,
    pub note: String,
    /// Items taken down (撤下), the latest last.
    pub taken_down: Vec<TakenDown>,
    pub complete: bool,
    pub missing: Vec<&'static str>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Sanliang {
    pub rows: Vec<BranchView>,
    pub compounds: usize,
    pub complete: usize,
    /// `complete / compounds`, 0 when there are no compounds.
    pub rate: f64,
}

fn branch_view(
    c: &Unit,
    village: Option<&Unit>,
    b: Option<&Branch>,
    db: Option<&Path>,
) -> BranchView {
    let missing = b.map_or_else(|| vec!["structure", "duties", "identity"], |b| b.missing());
    BranchView {
        compound_id: c.id.clone(),
        compound_name: c.name.clone(),
        compound_code: c.code.clone(),
        village_id: village.map(|v| v.id.clone()).unwrap_or_default(),
        village_name: village.map(|v| v.name.clone()).unwrap_or_default(),
        exists: b.is_some_and(|b| b.exists),
        secretary: b.map(|b| b.secretary.clone()).unwrap_or_default(),
        structure_on: b.and_then(|b| b.structure_on.clone()),
        duties_on: b.and_then(|b| b.duties_on.clone()),
        identity_on: b.and_then(|b| b.identity_on.clone()),
        photo: b
            .and_then(|b| b.photo.as_ref())
            .map(|p| attachments::view(db, p)),
        note: b.map(|b| b.note.clone()).unwrap_or_default(),
        taken_down: b.map(|b| b.taken_down.clone()).unwrap_or_default(),
        complete: b.is_some_and(|b| b.complete()),
        missing,
        updated_at: b.map(|b| b.updated_at.clone()),
    }
}

/// Every compound with its 三亮 state; `only_missing` keeps those not complete.
pub fn sanliang(conn: &Connection, db: Option<&Path>, only_missing: bool) -> Result<Sanliang> {
    let all = hierarchy::list(conn)?;
    let by_id: BTreeMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let branches: BTreeMap<String, Branch> = ledger::list::<Branch>(conn)?
        .into_iter()
        .map(|b| (b.compound_id.clone(), b))
        .collect();
    let mut compounds: Vec<&Unit> = all
        .iter()
        .filter(|u| u.kind == UnitKind::Compound)
        .collect();
    compounds.sort_by(|a, b| a.code.cmp(&b.code));
    let rows: Vec<BranchView> = compounds
        .iter()
        .map(|c| {
            let village = c.parent_id.as_deref().and_then(|p| by_id.get(p).copied());
            branch_view(c, village, branches.get(&c.id), db)
        })
        .collect();
    let complete = rows.iter().filter(|r| r.complete).count();
    let n = rows.len();
    Ok(Sanliang {
        rows: rows
            .into_iter()
            .filter(|r| !only_missing || !r.complete)
            .collect(),
        compounds: n,
        complete,
        rate: if n == 0 {
            0.0
        } else {
            complete as f64 / n as f64
        },
    })
}

pub(crate) fn branch_of(conn: &Connection, compound_id: &str) -> Result<Option<Branch>> {
    Ok(ledger::list_by::<Branch>(conn, "compound_id", compound_id)?
        .into_iter()
        .next())
}

fn branch_row(conn: &Connection, db: Option<&Path>, compound_id: &str) -> Result<BranchView> {
    let c = hierarchy::get(conn, compound_id)?;
    let village = c
        .parent_id
        .as_deref()
        .map(|p| hierarchy::get(conn, p))
        .transpose()?;
    Ok(branch_view(
        &c,
        village.as_ref(),
        branch_of(conn, compound_id)?.as_ref(),
        db,
    ))
}

/// Records a compound's branch and 三亮 dates.
pub fn save_branch(
    tx: &Tx,
    db: Option<&Path>,
    compound_id: &str,
    input: &BranchInput,
) -> Result<BranchView> {
    let b = checked_branch(tx, tx.ctx, compound_id, input)?;
    ledger::save(tx, &b)?;
    branch_row(tx, db, compound_id)
}

/// A compound's branch as `input` makes it (its photo and dates of record kept),
/// read without writing: [`save_branch`] saves it, the import check compares it.
pub(crate) fn checked_branch(
    conn: &Connection,
    ctx: &Ctx,
    compound_id: &str,
    input: &BranchInput,
) -> Result<Branch> {
    let compound = hierarchy::get(conn, compound_id)?;
    if compound.kind != UnitKind::Compound {
        return Err(Error::validation(
            "compoundId",
            format!(
                "{}不是小区，只有小区有党支部和三亮记录。",
                compound.describe()
            ),
        ));
    }
    let mut problems = Vec::new();
    let mut take = |r: Result<Option<String>>| match r {
        Ok(v) => v,
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let structure_on = take(date_field(
        "structureOn",
        "亮组织架构的日期",
        &input.structure_on,
    ));
    let duties_on = take(date_field("dutiesOn", "亮职责的日期", &input.duties_on));
    let identity_on = take(date_field(
        "identityOn",
        "亮党员身份的日期",
        &input.identity_on,
    ));
    if let Some(e) = problems.into_iter().next() {
        return Err(e);
    }
    // No branch, no 三亮: said before any date's own fault, which it makes moot.
    if !input.exists && (structure_on.is_some() || duties_on.is_some() || identity_on.is_some()) {
        return Err(Error::validation(
            "exists",
            "还没有成立党支部的小区不能登记三亮。请先勾选“已建立小区党支部”。".to_string(),
        ));
    }
    let before = branch_of(conn, compound_id)?;
    // A 三亮 is recorded once it is on the board: a date after today (a year typed
    // 2027 for 2026) counted the compound 三亮齐全 on the 党建 screen and in the
    // package while 首页 and 统计, counting as of today, did not. A date stored so by
    // an earlier version keeps saving; a new one is refused.
    let today = ctx.today().format("%Y-%m-%d").to_string();
    for (field, label, date, stored) in [
        (
            "structureOn",
            "亮组织架构",
            &structure_on,
            before.as_ref().and_then(|b| b.structure_on.as_ref()),
        ),
        (
            "dutiesOn",
            "亮职责",
            &duties_on,
            before.as_ref().and_then(|b| b.duties_on.as_ref()),
        ),
        (
            "identityOn",
            "亮党员身份",
            &identity_on,
            before.as_ref().and_then(|b| b.identity_on.as_ref()),
        ),
    ] {
        if let Some(date) = date.as_ref().filter(|d| **d > today && Some(*d) != stored) {
            return Err(Error::validation(
                field,
                format!("{label}的日期 {date} 晚于今天（{today}）：三亮公示了才登记，请填公示的那一天。"),
            ));
        }
        // Put up again after a 撤下: not before that day, or the spells would overlap
        // (probe AL: 2026-09-01 after a 撤下 of 2026-09-15 was saved unsaid).
        let item = field.trim_end_matches("On");
        let down = before
            .iter()
            .flat_map(|b| b.taken_down.iter())
            .filter(|t| t.item == item)
            .map(|t| t.until.as_str())
            .max();
        if let (Some(date), Some(until)) = (date.as_ref().filter(|d| Some(*d) != stored), down) {
            if date.as_str() < until {
                return Err(Error::validation(
                    field,
                    format!("{label}在 {until} 撤下过，重新公示的日期 {date} 不能早于撤下那天。请填重新公示的那一天。"),
                ));
            }
        }
    }
    let secretary = text_field("secretary", "支部书记", &input.secretary, 20)?;
    let note = text_field("note", "备注", &input.note, 500)?;
    let new = Branch {
        exists: input.exists,
        structure_on,
        duties_on,
        identity_on,
        ..Branch::default()
    };
    let taken_down = taken_down(before.as_ref(), &new, &input.taken_down_on, &today)?;
    let now = ctx.stamp();
    Ok(Branch {
        id: before.as_ref().map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        compound_id: compound_id.to_string(),
        exists: input.exists,
        secretary,
        structure_on: new.structure_on,
        duties_on: new.duties_on,
        identity_on: new.identity_on,
        photo: before.as_ref().and_then(|b| b.photo.clone()),
        note,
        taken_down,
        created_at: before
            .as_ref()
            .map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// The branch's 撤下 record once `new`'s dates replace `before`'s: each item whose
/// date is cleared is recorded as taken down on `until` (checked: after it was
/// published, not after `today`); with `until` empty a cleared date is a
/// correction and nothing is recorded.
fn taken_down(
    before: Option<&Branch>,
    new: &Branch,
    until: &str,
    today: &str,
) -> Result<Vec<TakenDown>> {
    let mut all = before.map(|b| b.taken_down.clone()).unwrap_or_default();
    let Some(until) = date_field("takenDownOn", "撤下日期", until)? else {
        return Ok(all);
    };
    let Some(before) = before else {
        return Ok(all);
    };
    for ((item, was), (_, now)) in before.items().into_iter().zip(new.items()) {
        let (Some(from), None) = (was, now) else {
            continue;
        };
        if until.as_str() <= day_of(from) {
            return Err(Error::validation(
                "takenDownOn",
                format!("撤下日期 {until} 要晚于公示的日期 {from}。"),
            ));
        }
        if until.as_str() > today {
            return Err(Error::validation(
                "takenDownOn",
                format!("撤下日期 {until} 晚于今天（{today}）：撤下了才登记，请填撤下的那一天。"),
            ));
        }
        all.push(TakenDown {
            item: item.to_string(),
            from: from.clone(),
            until: until.clone(),
        });
    }
    Ok(all)
}

/// Sets (or, with `None`, removes) the photo of a compound's 三亮 notice.
pub fn set_branch_photo(
    tx: &Tx,
    db: &Path,
    compound_id: &str,
    photo: Option<&Path>,
) -> Result<BranchView> {
    let Some(mut b) = branch_of(tx, compound_id)? else {
        return Err(Error::Refused(
            "请先保存这个小区的党支部信息，再添加公示照片。".into(),
        ));
    };
    b.photo = match photo {
        Some(p) => Some(attachments::store_file(tx, db, p)?),
        None => None,
    };
    b.updated_at = tx.ctx.stamp();
    ledger::save(tx, &b)?;
    branch_row(tx, Some(db), compound_id)
}

// ---------- joint committees ----------

labelled_enum! {
    #[derive(Default)]
    pub enum CommitteeKind: "kind", "委员会类型" {
        /// 街道“大工委”.
        #[default]
        JointWorking("joint_working", "大工委", "街道大工委"),
        /// 社区“大党委”.
        CommunityJoint("community_joint", "大党委", "社区大党委"),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Committee {
    pub id: String,
    pub owner_code: String,
    pub kind: CommitteeKind,
    pub name: String,
    /// The community (村/社区) of a 大党委; `None` for the 大工委.
    pub village_id: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Committee, "committees", "委员会", ["village_id" => s.village_id], |s| format!("{}“{}”", s.kind.label(), s.name));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CommitteeInput {
    pub kind: String,
    pub name: String,
    pub village_id: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Member {
    pub id: String,
    pub owner_code: String,
    pub committee_id: String,
    pub name: String,
    /// 兼职委员, from a partner unit.
    pub part_time: bool,
    pub partner_unit_id: Option<String>,
    pub post: String,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Member, "committee_members", "委员", ["committee_id" => Some(s.committee_id.clone()), "partner_unit_id" => s.partner_unit_id], |s| format!("委员“{}”", s.name));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberInput {
    pub committee_id: String,
    pub name: String,
    pub part_time: bool,
    pub partner_unit_id: Option<String>,
    pub post: String,
    pub term_start: String,
    pub term_end: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub id: String,
    pub committee_id: String,
    pub name: String,
    pub part_time: bool,
    pub partner_unit_id: Option<String>,
    pub partner_unit_name: String,
    pub post: String,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeView {
    pub id: String,
    pub kind: CommitteeKind,
    pub kind_label: &'static str,
    pub name: String,
    pub village_id: Option<String>,
    pub village_name: String,
    pub note: String,
    pub members: Vec<MemberView>,
    pub part_time: usize,
}

fn partner_names(conn: &Connection) -> Result<BTreeMap<String, String>> {
    Ok(ledger::list::<crate::cobuild::PartnerUnit>(conn)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

fn member_view(m: &Member, partners: &BTreeMap<String, String>) -> MemberView {
    MemberView {
        id: m.id.clone(),
        committee_id: m.committee_id.clone(),
        name: m.name.clone(),
        part_time: m.part_time,
        partner_unit_id: m.partner_unit_id.clone(),
        partner_unit_name: m
            .partner_unit_id
            .as_ref()
            .and_then(|id| partners.get(id).cloned())
            .unwrap_or_default(),
        post: m.post.clone(),
        term_start: m.term_start.clone(),
        term_end: m.term_end.clone(),
        note: m.note.clone(),
    }
}

pub fn committees(conn: &Connection) -> Result<Vec<CommitteeView>> {
    let villages = hierarchy::names(conn)?;
    let partners = partner_names(conn)?;
    let members = ledger::list::<Member>(conn)?;
    let mut out: Vec<CommitteeView> = ledger::list::<Committee>(conn)?
        .into_iter()
        .map(|c| {
            let ms: Vec<MemberView> = members
                .iter()
                .filter(|m| m.committee_id == c.id)
                .map(|m| member_view(m, &partners))
                .collect();
            CommitteeView {
                part_time: ms.iter().filter(|m| m.part_time).count(),
                members: ms,
                kind_label: c.kind.label(),
                village_name: c
                    .village_id
                    .as_ref()
                    .and_then(|v| villages.get(v).cloned())
                    .unwrap_or_default(),
                id: c.id,
                kind: c.kind,
                name: c.name,
                village_id: c.village_id,
                note: c.note,
            }
        })
        .collect();
    // The 大工委 first, then the communities' 大党委 by name.
    out.sort_by(|a, b| {
        (
            a.kind == CommitteeKind::CommunityJoint,
            &a.village_name,
            &a.name,
        )
            .cmp(&(
                b.kind == CommitteeKind::CommunityJoint,
                &b.village_name,
                &b.name,
            ))
    });
    Ok(out)
}

fn committee_view(conn: &Connection, id: &str) -> Result<CommitteeView> {
    committees(conn)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这个委员会，请刷新后再试。".into()))
}

pub(crate) fn checked_committee(
    conn: &Connection,
    ctx: &Ctx,
    id: Option<&Committee>,
    input: &CommitteeInput,
) -> Result<Committee> {
    let kind = CommitteeKind::parse(&input.kind)?;
    let name = required("name", "委员会名称", &input.name, 40)?;
    let village_id = match (kind, input.village_id.as_deref().filter(|v| !v.is_empty())) {
        (CommitteeKind::CommunityJoint, None) => {
            return Err(Error::validation(
                "villageId",
                "社区大党委要选择所属的村/社区。".to_string(),
            ))
        }
        (CommitteeKind::CommunityJoint, Some(v)) => {
            Some(unit_of(conn, v, UnitKind::Village, "村/社区")?.id)
        }
        (CommitteeKind::JointWorking, _) => None,
    };
    let now = ctx.stamp();
    Ok(Committee {
        id: id.map_or_else(new_id, |c| c.id.clone()),
        owner_code: office::require(conn)?.code,
        kind,
        name,
        village_id,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: id.map_or_else(|| now.clone(), |c| c.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_committee(tx: &Tx, input: &CommitteeInput) -> Result<CommitteeView> {
    let c = ledger::upsert(tx, None, input, checked_committee)?;
    committee_view(tx, &c.id)
}

pub fn update_committee(tx: &Tx, id: &str, input: &CommitteeInput) -> Result<CommitteeView> {
    ledger::upsert(tx, Some(id), input, checked_committee)?;
    committee_view(tx, id)
}

pub fn delete_committee(tx: &Tx, id: &str) -> Result<Entry> {
    let named_by = [
        NamedBy {
            table: Member::TABLE,
            column: "committee_id",
            what: "名委员",
        },
        NamedBy {
            table: Meeting::TABLE,
            column: "committee_id",
            what: "次联席会议记录",
        },
    ];
    // Its members and meetings are the ledger's history: a committee that no longer
    // meets is kept, and only one entered by mistake is emptied and deleted.
    ledger::delete_unless_named::<Committee>(
        tx,
        id,
        &named_by,
        "不再活动的委员会保留即可，委员和会议记录仍在台账里；确是录错的，先删除这些委员和联席会议记录，再删除委员会。",
    )
}

pub(crate) fn checked_member(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Member>,
    input: &MemberInput,
) -> Result<Member> {
    let committee: Committee = ledger::find(conn, &input.committee_id)?
        .ok_or_else(|| Error::validation("committeeId", "请选择委员所在的委员会。".to_string()))?;
    let name = required("name", "姓名", &input.name, 20)?;
    let partner_unit_id = match input.partner_unit_id.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => {
            let unit: Option<crate::cobuild::PartnerUnit> = ledger::find(conn, p)?;
            Some(
                unit.ok_or_else(|| {
                    Error::validation(
                        "partnerUnitId",
                        "没有找到所选的共建单位，请刷新后再选。".to_string(),
                    )
                })?
                .id,
            )
        }
        None if input.part_time => {
            return Err(Error::validation(
                "partnerUnitId",
                "兼职委员要选择来自哪个共建单位。".to_string(),
            ))
        }
        None => None,
    };
    let term_start = date_field("termStart", "任期开始", &input.term_start)?;
    let term_end = date_field("termEnd", "任期结束", &input.term_end)?;
    if let (Some(s), Some(e)) = (&term_start, &term_end) {
        if e < s {
            return Err(Error::validation(
                "termEnd",
                "任期结束不能早于任期开始。".to_string(),
            ));
        }
    }
    let now = ctx.stamp();
    Ok(Member {
        id: before.map_or_else(new_id, |m| m.id.clone()),
        owner_code: office::require(conn)?.code,
        committee_id: committee.id,
        name,
        part_time: input.part_time,
        partner_unit_id,
        post: text_field("post", "职务", &input.post, 30)?,
        term_start,
        term_end,
        note: text_field("note", "备注", &input.note, 500)?,
        created_at: before.map_or_else(|| now.clone(), |m| m.created_at.clone()),
        updated_at: now,
    })
}

fn member_out(conn: &Connection, m: &Member) -> Result<MemberView> {
    Ok(member_view(m, &partner_names(conn)?))
}

/// A member entered twice in one committee for terms that overlap (the committee
/// showed 兼职 5 against 8 people overall, and the recycle bin two identical lines).
/// Re-elected members have terms that do not overlap. The import finds a row's
/// stored member by committee and name and updates it.
fn not_twice(conn: &Connection, m: &Member) -> Result<()> {
    let overlap = |a: &Member, b: &Member| {
        let starts_before_end = |s: &Option<String>, e: &Option<String>| match (s, e) {
            (Some(s), Some(e)) => s <= e,
            _ => true,
        };
        starts_before_end(&a.term_start, &b.term_end)
            && starts_before_end(&b.term_start, &a.term_end)
    };
    let key = crate::base::canon::name_key(&m.name);
    if let Some(other) = ledger::list_by::<Member>(conn, "committee_id", &m.committee_id)?
        .into_iter()
        .find(|o| o.id != m.id && crate::base::canon::name_key(&o.name) == key && overlap(o, m))
    {
        let term = match (&other.term_start, &other.term_end) {
            (None, None) => String::new(),
            (s, e) => format!(
                "（任期 {} 至 {}）",
                s.as_deref().unwrap_or("—"),
                e.as_deref().unwrap_or("今")
            ),
        };
        return Err(Error::Conflict {
            field: Some("name"),
            message: format!(
                "“{}”已是这个委员会的委员{term}。要改的话请修改那一条；换届连任的，请给两段任期分别填上不重叠的起止日期。",
                other.name
            ),
        });
    }
    Ok(())
}

pub fn create_member(tx: &Tx, input: &MemberInput) -> Result<MemberView> {
    let m = ledger::upsert_then(tx, None, input, checked_member, not_twice)?;
    member_out(tx, &m)
}

pub fn update_member(tx: &Tx, id: &str, input: &MemberInput) -> Result<MemberView> {
    let m = ledger::upsert_then(tx, Some(id), input, checked_member, not_twice)?;
    member_out(tx, &m)
}

pub fn delete_member(tx: &Tx, id: &str) -> Result<Entry> {
    let member: Member = ledger::get(tx, id)?;
    let entry = ledger::delete::<Member>(tx, id)?;
    // The bin names the committee: one person serving on two, deleted from both,
    // was two rows alike (委员“周强”).
    match ledger::find::<Committee>(tx, &member.committee_id)? {
        Some(c) => {
            let note = format!("（{}）", c.name);
            crate::store::recycle::add_to_summary(tx, &entry.id, &note)?;
            Ok(Entry {
                summary: format!("{}{note}", entry.summary),
                ..entry
            })
        }
        None => Ok(entry),
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeCount {
    pub committee_id: String,
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitCount {
    pub partner_unit_id: String,
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartTimeCounts {
    pub total: usize,
    pub by_committee: Vec<CommitteeCount>,
    pub by_unit: Vec<UnitCount>,
}

/// Whether a member's term (任期, either end open when not given) holds `day`
/// (YYYY-MM-DD): 兼职委员 count the members serving, not those whose term ended
/// years ago or has not begun.
pub fn serving_on(term_start: Option<&str>, term_end: Option<&str>, day: &str) -> bool {
    term_start.is_none_or(|s| s <= day) && term_end.is_none_or(|e| e >= day)
}

impl Member {
    pub fn serving_on(&self, day: &str) -> bool {
        serving_on(self.term_start.as_deref(), self.term_end.as_deref(), day)
    }
}

/// 兼职委员 serving on `today`, by committee and by the partner unit they come from.
pub fn part_time_counts(conn: &Connection, today: NaiveDate) -> Result<PartTimeCounts> {
    let cs = committees(conn)?;
    let day = today.to_string();
    let serving = |m: &&MemberView| {
        m.part_time && serving_on(m.term_start.as_deref(), m.term_end.as_deref(), &day)
    };
    let mut by_unit: BTreeMap<String, UnitCount> = BTreeMap::new();
    // A person (same name, same partner unit) on several committees counts once in
    // the total and per unit, as the report's `party.part_time_members` does.
    let mut people = std::collections::BTreeSet::new();
    for m in cs.iter().flat_map(|c| c.members.iter()).filter(serving) {
        if !people.insert((m.name.trim().to_string(), m.partner_unit_id.clone())) {
            continue;
        }
        let id = m.partner_unit_id.clone().unwrap_or_default();
        by_unit
            .entry(id.clone())
            .or_insert_with(|| UnitCount {
                partner_unit_id: id,
                name: m.partner_unit_name.clone(),
                count: 0,
            })
            .count += 1;
    }
    let mut by_unit: Vec<UnitCount> = by_unit.into_values().collect();
    by_unit.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    Ok(PartTimeCounts {
        total: people.len(),
        by_committee: cs
            .iter()
            .map(|c| CommitteeCount {
                committee_id: c.id.clone(),
                // 青溪街道大工委, not 青溪街道大工委（大工委）: the kind only where the name does not say it.
                name: if c.name.contains(c.kind_label) {
                    c.name.clone()
                } else {
                    format!("{}（{}）", c.name, c.kind_label)
                },
                count: c.members.iter().filter(serving).count(),
            })
            .collect(),
        by_unit,
    })
}

// ---------- joint meetings and follow-ups ----------

labelled_enum! {
    #[derive(Default)]
    pub enum FollowUpStatus: "status", "跟进状态" {
        #[default]
        Open("open", "跟进中", "", "未完成", "办理中"),
        Done("done", "已完成", "已办结", "完成"),
    }
}

/// A decision of a joint meeting, followed up by an owner until a due date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Decision {
    pub id: String,
    pub decision: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub status: FollowUpStatus,
    pub done_on: Option<String>,
}

impl Decision {
    /// Open and past its due date, as of `today` (passed in, never read here).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == FollowUpStatus::Open
            && self
                .due_on
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .is_some_and(|due| due < today)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Meeting {
    pub id: String,
    pub owner_code: String,
    pub committee_id: String,
    pub held_on: String,
    pub attendee_ids: Vec<String>,
    pub topics: String,
    pub note: String,
    pub decisions: Vec<Decision>,
    /// 地点, 主持人 and 列席人员 (people who sat in without being members).
    pub place: String,
    pub host: String,
    pub observers: String,
    /// Photos and the 纪要 (minutes) file.
    pub attachments: Vec<AttachmentRef>,
    pub created_at: String,
    pub updated_at: String,
}

crate::store::attachments::attached!(Meeting);
document!(Meeting, "joint_meetings", "联席会议", ["committee_id" => Some(s.committee_id.clone())], |s| format!("{} 的联席会议", s.held_on));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DecisionInput {
    pub id: Option<String>,
    pub decision: String,
    pub owner: String,
    pub due_on: String,
    pub status: String,
    pub done_on: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingInput {
    pub committee_id: String,
    pub held_on: String,
    pub attendee_ids: Vec<String>,
    pub topics: String,
    pub note: String,
    pub place: String,
    pub host: String,
    pub observers: String,
    pub decisions: Vec<DecisionInput>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: String,
    pub meeting_id: String,
    /// The table of the meeting it came from: `joint_meetings` (联席会议) or
    /// `working_meetings` (协调机制的工作会议).
    pub meeting_kind: &'static str,
    pub decision: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub status: FollowUpStatus,
    pub done_on: Option<String>,
    pub overdue: bool,
    pub meeting_held_on: String,
    pub committee_name: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    pub id: String,
    pub committee_id: String,
    pub committee_name: String,
    pub held_on: String,
    pub attendee_ids: Vec<String>,
    pub attendee_names: Vec<String>,
    pub topics: String,
    pub note: String,
    pub place: String,
    pub host: String,
    pub observers: String,
    pub attachment_count: usize,
    pub decisions: Vec<FollowUp>,
}

/// A decision as a follow-up item, with the meeting it came from (a joint meeting
/// or a working meeting; `body` is its committee's or working group's name).
pub(crate) fn follow_up_of(
    meeting_kind: &'static str,
    meeting_id: &str,
    held_on: &str,
    d: &Decision,
    body: &str,
    today: NaiveDate,
) -> FollowUp {
    FollowUp {
        id: d.id.clone(),
        meeting_id: meeting_id.to_string(),
        meeting_kind,
        decision: d.decision.clone(),
        owner: d.owner.clone(),
        due_on: d.due_on.clone(),
        status: d.status,
        done_on: d.done_on.clone(),
        overdue: d.overdue(today),
        meeting_held_on: held_on.to_string(),
        committee_name: body.to_string(),
    }
}

/// A meeting kind whose decisions are follow-ups (joint meetings, working meetings).
pub(crate) trait HasDecisions: Document {
    fn decisions_mut(&mut self) -> &mut Vec<Decision>;
    /// The day the meeting was held (its decisions are done on or after it).
    fn held_on(&self) -> &str;
}

impl HasDecisions for Meeting {
    fn decisions_mut(&mut self) -> &mut Vec<Decision> {
        &mut self.decisions
    }
    fn held_on(&self) -> &str {
        &self.held_on
    }
}

/// Meetings, newest first; `committee_id` "" for all; `period` (by 会议日期) as
/// [`ListPeriod`] reads it, "" for all.
pub fn meetings(
    conn: &Connection,
    committee_id: &str,
    period: &str,
    today: NaiveDate,
) -> Result<Vec<MeetingView>> {
    let period = ListPeriod::parse("period", period)?;
    let names: BTreeMap<String, String> = ledger::list::<Committee>(conn)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let members: BTreeMap<String, String> = ledger::list::<Member>(conn)?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let mut out: Vec<MeetingView> = ledger::list::<Meeting>(conn)?
        .into_iter()
        .filter(|m| committee_id.is_empty() || m.committee_id == committee_id)
        .filter(|m| period.admits(&m.held_on))
        .map(|m| {
            let committee = names.get(&m.committee_id).cloned().unwrap_or_default();
            Ok(MeetingView {
                decisions: m
                    .decisions
                    .iter()
                    .map(|d| follow_up_of(Meeting::TABLE, &m.id, &m.held_on, d, &committee, today))
                    .collect(),
                // One name per id, in order: the form names each box by its index.
                attendee_names: m
                    .attendee_ids
                    .iter()
                    .map(|id| match members.get(id) {
                        Some(name) => Ok(name.clone()),
                        None => gone_attendee(conn, id),
                    })
                    .collect::<Result<_>>()?,
                id: m.id,
                committee_id: m.committee_id,
                committee_name: committee,
                held_on: m.held_on,
                attendee_ids: m.attendee_ids,
                topics: m.topics,
                note: m.note,
                place: m.place,
                host: m.host,
                observers: m.observers,
                attachment_count: m.attachments.len(),
            })
        })
        .collect::<Result<_>>()?;
    out.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
    Ok(out)
}

/// How a meeting names an attendee no longer on the committee (何静（已不在委员会）),
/// in the list, the form and the export; an import passes such a name over (the
/// attendance recorded for them stays).
pub const GONE_MEMBER: &str = "（已不在委员会）";

/// An attendee deleted since: their name from the recycle bin with
/// [`GONE_MEMBER`], or "" once purged from it.
fn gone_attendee(conn: &Connection, id: &str) -> Result<String> {
    Ok(crate::store::recycle::name_of(conn, Member::TABLE, id)?
        .map(|n| format!("{n}{GONE_MEMBER}"))
        .unwrap_or_default())
}

pub(crate) fn checked_meeting(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Meeting>,
    input: &MeetingInput,
) -> Result<Meeting> {
    let committee: Committee = ledger::find(conn, &input.committee_id)?
        .ok_or_else(|| Error::validation("committeeId", "请选择召开会议的委员会。".to_string()))?;
    let held_on = date_field("heldOn", "会议日期", &input.held_on)?
        .ok_or_else(|| Error::validation("heldOn", "请填写会议日期。".to_string()))?;
    check_not_future("heldOn", "会议日期", Some(&held_on), ctx.today())?;
    let members = ledger::list_by::<Member>(conn, "committee_id", &committee.id)?;
    // A member deleted since keeps the attendance recorded before (the form and an
    // exported file both carry it back).
    let recorded = |a: &String| before.is_some_and(|b| b.attendee_ids.contains(a));
    for a in &input.attendee_ids {
        if !members.iter().any(|m| &m.id == a) && !recorded(a) {
            return Err(Error::validation(
                "attendeeIds",
                format!("参会人员应是{}的委员。", committee.summary()),
            ));
        }
    }
    let topics = required("topics", "会议议题", &input.topics, 2000)?;
    let decisions = checked_decisions(
        ctx,
        &held_on,
        before.map_or(&[][..], |b| &b.decisions),
        &input.decisions,
    )?;
    let now = ctx.stamp();
    Ok(Meeting {
        id: before.map_or_else(new_id, |m| m.id.clone()),
        owner_code: office::require(conn)?.code,
        committee_id: committee.id,
        held_on,
        // Each member once, however often the row or the form names them.
        attendee_ids: input
            .attendee_ids
            .iter()
            .enumerate()
            .filter(|(i, a)| !input.attendee_ids[..*i].contains(a))
            .map(|(_, a)| a.clone())
            .collect(),
        topics,
        note: text_field("note", "备注", &input.note, 2000)?,
        decisions,
        place: text_field("place", "会议地点", &input.place, 100)?,
        host: text_field("host", "主持人", &input.host, 40)?,
        observers: text_field("observers", "列席人员", &input.observers, 500)?,
        attachments: before.map_or_else(Vec::new, |m| m.attachments.clone()),
        created_at: before.map_or_else(|| now.clone(), |m| m.created_at.clone()),
        updated_at: now,
    })
}

/// What separates a meeting's decisions (and their owners and deadlines) in its
/// Excel cells; none may stand inside one.
pub(crate) const ITEM_BREAKS: [char; 4] = ['；', ';', '\n', '\r'];

/// Checks a meeting's decisions (joint meetings and working meetings alike): blank
/// rows are skipped, ids are kept for decisions that were there `before`. A deadline
/// is not before the meeting (`held_on`) that set it: it would be 已逾期 from the start.
pub(crate) fn checked_decisions(
    ctx: &Ctx,
    held_on: &str,
    before: &[Decision],
    inputs: &[DecisionInput],
) -> Result<Vec<Decision>> {
    let mut decisions = Vec::new();
    for (i, d) in inputs.iter().enumerate() {
        let n = i + 1;
        if d.decision.trim().is_empty() && d.owner.trim().is_empty() && d.due_on.trim().is_empty() {
            continue;
        }
        let decision = required(
            "decisions",
            &format!("第 {n} 项决定事项的内容"),
            &d.decision,
            500,
        )?;
        let owner = text_field("decisions", &format!("第 {n} 项的责任人"), &d.owner, 40)?;
        // In Excel a meeting's decisions, owners and deadlines are each one cell,
        // items split at semicolons and line breaks: one inside an item would make
        // two on the way back.
        // One recorded before the rule stays as it is.
        let recorded = before
            .iter()
            .any(|x| x.decision == decision && x.owner == owner);
        if decision.contains(ITEM_BREAKS) && !recorded {
            return Err(Error::validation(
                "decisions",
                format!("第 {n} 项决定事项里有分号或换行（在 Excel 里它们用来分开各项决定）：如是两件事，请分成两项；否则请改用逗号。"),
            ));
        }
        if owner.contains(ITEM_BREAKS) && !recorded {
            return Err(Error::validation(
                "decisions",
                format!("第 {n} 项的责任人里有分号或换行（在 Excel 里它们用来分开各项决定）：几个责任人请用顿号分开，如 城管科、平安办。"),
            ));
        }
        let status = FollowUpStatus::parse(&d.status)?;
        // 办结日期, as the form and the list call it (it was said as 完成日期).
        let done_on = date_field("decisions", &format!("第 {n} 项的办结日期"), &d.done_on)?;
        check_not_future(
            "decisions",
            &format!("第 {n} 项的办结日期"),
            done_on.as_deref(),
            ctx.today(),
        )?;
        // Done after the meeting that decided it; one stored before the rule stays.
        let done_kept = before.iter().any(|x| {
            (d.id.as_ref() == Some(&x.id) || x.decision == decision) && x.done_on == done_on
        });
        if let Some(done) = done_on
            .as_deref()
            .filter(|done| *done < held_on && !done_kept)
        {
            return Err(Error::validation(
                "decisions",
                format!("第 {n} 项的办结日期 {done} 早于会议日期 {held_on}：决定事项是会上定的，办结应在会议之后。"),
            ));
        }
        let due_on = date_field("decisions", &format!("第 {n} 项的完成时限"), &d.due_on)?;
        // The same decision (by its id from the form, by its text from a file) keeps
        // a deadline stored before the rule, its text corrected or not.
        let due_kept = before.iter().any(|x| {
            (d.id.as_ref() == Some(&x.id) || x.decision == decision) && x.due_on == due_on
        });
        if let Some(due) = due_on.as_deref().filter(|due| *due < held_on && !due_kept) {
            return Err(Error::validation(
                "decisions",
                format!("第 {n} 项的完成时限 {due} 早于会议日期 {held_on}：决定事项是会上定的，时限应在会议之后。"),
            ));
        }
        decisions.push(Decision {
            id: d
                .id
                .clone()
                .filter(|id| before.iter().any(|x| &x.id == id))
                .unwrap_or_else(new_id),
            decision,
            owner,
            due_on,
            done_on: if status == FollowUpStatus::Done {
                done_on.or_else(|| Some(ctx.today().format("%Y-%m-%d").to_string()))
            } else {
                None
            },
            status,
        });
    }
    Ok(decisions)
}

fn meeting_out(conn: &Connection, id: &str, today: NaiveDate) -> Result<MeetingView> {
    meetings(conn, "", "", today)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| Error::NotFound("没有找到这次联席会议，请刷新后再试。".into()))
}

pub fn create_meeting(tx: &Tx, input: &MeetingInput) -> Result<MeetingView> {
    let m = ledger::upsert(tx, None, input, checked_meeting)?;
    meeting_out(tx, &m.id, tx.ctx.today())
}

pub fn update_meeting(tx: &Tx, id: &str, input: &MeetingInput) -> Result<MeetingView> {
    ledger::upsert(tx, Some(id), input, checked_meeting)?;
    meeting_out(tx, id, tx.ctx.today())
}

pub fn delete_meeting(tx: &Tx, id: &str) -> Result<Entry> {
    // Named with its committee: two committees may meet the same day.
    ledger::delete_unless_named_as::<Meeting>(tx, id, &[], "", |m| match ledger::find::<Committee>(
        tx,
        &m.committee_id,
    )
    .ok()
    .flatten()
    {
        Some(c) => format!("{}（{}）", m.summary(), c.name),
        None => m.summary(),
    })
}

/// Sets the decision `id` in whichever meeting of kind `M` holds it.
pub(crate) fn mark<M: HasDecisions>(
    tx: &Tx,
    id: &str,
    status: FollowUpStatus,
    done_on: &Option<String>,
) -> Result<bool> {
    let Some(mut meeting) = ledger::list::<M>(tx)?
        .into_iter()
        .find(|m| m.clone().decisions_mut().iter().any(|d| d.id == id))
    else {
        return Ok(false);
    };
    let today = tx.ctx.today().format("%Y-%m-%d").to_string();
    // Done on or after the meeting, as the meeting's own form has it (batch 办结 took
    // a day before the meeting).
    if status == FollowUpStatus::Done {
        let day = done_on.as_deref().unwrap_or(&today);
        let held_on = meeting.held_on();
        if day < held_on {
            return Err(Error::validation(
                "doneOn",
                format!(
                    "办结日期 {day} 早于会议日期 {held_on}：决定事项是会上定的，办结应在会议之后。"
                ),
            ));
        }
    }
    for d in meeting.decisions_mut().iter_mut().filter(|d| d.id == id) {
        d.status = status;
        d.done_on = match status {
            FollowUpStatus::Done => done_on.clone().or_else(|| Some(today.clone())),
            FollowUpStatus::Open => None,
        };
    }
    ledger::save(tx, &meeting)?;
    Ok(true)
}

/// What is attached to a unit from this module (for refusing its deletion). A
/// compound's own 三亮 record is not: it goes to the recycle bin with the compound.
pub fn attached_to(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let committees = ledger::count_by::<Committee>(conn, "village_id", unit_id)?;
    Ok((committees > 0).then(|| format!("{committees} 个社区大党委")))
}

/// Moves a compound's branch and 三亮 record to the recycle bin (when the compound
/// itself is deleted).
pub(crate) fn discard_branch_of(tx: &Tx, compound_id: &str) -> Result<()> {
    if let Some(b) = branch_of(tx, compound_id)? {
        ledger::delete::<Branch>(tx, &b.id)?;
    }
    Ok(())
}

/// The file behind an attachment of any record (a project's evidence or a
/// branch's photo: party knows co-building, not the other way round), for opening with the system viewer.
pub fn attachment_file(
    conn: &Connection,
    db: &std::path::Path,
    hash: &str,
) -> Result<std::path::PathBuf> {
    let name = ledger::list::<crate::cobuild::Project>(conn)?
        .into_iter()
        .flat_map(|p| p.attachments)
        .chain(
            ledger::list::<Branch>(conn)?
                .into_iter()
                .filter_map(|b| b.photo),
        )
        .find(|a| a.hash == hash)
        .map(|a| a.name);
    // Visits, meetings, inspections and clean-up entries carry files too: any
    // content the store took in may be opened (by its hash, inside attachments/).
    let name = match name {
        Some(n) => n,
        None => {
            use rusqlite::OptionalExtension as _;
            conn.query_row("SELECT 1 FROM attachments WHERE hash = ?1", [hash], |_| {
                Ok(())
            })
            .optional()?
            .ok_or_else(|| Error::NotFound("没有找到这个附件，请刷新后再试。".into()))?;
            "附件".to_string()
        }
    };
    crate::store::attachments::open_path(db, hash, &name)
}

/// The categories a co-building project's form suggests (its field takes any
/// text). The coded choices (partner kinds, project statuses, committee kinds) are
/// the kinds' declared values, served once in `kinds::catalog`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub categories: Vec<&'static str>,
}

pub fn options() -> Options {
    Options {
        categories: crate::cobuild::CATEGORIES.to_vec(),
    }
}

// ---------- kinds (listed in crate::kinds) ----------

use crate::sheets::kind::{Def, Export, Sheet};

/// 小区党支部 and its 三亮: goes to the recycle bin with its compound, and comes back
/// with it.
pub static BRANCHES: Def = Def {
    // Called by its compound (青溪社区 › 阳光花园), not by its secretary: 变更记录
    // showed "支部书记 徐国庆" and, after a rename, one branch under two names (probe N).
    names: crate::sheets::kind::Names::Query(
        "SELECT b.id, '小区党支部和三亮记录（' || coalesce(v.name || ' › ', '') || coalesce(u.name, '') || '）' \
         FROM party_branches b JOIN units u ON u.id = b.compound_id \
         LEFT JOIN units v ON v.id = u.parent_id WHERE b.id IN (SELECT value FROM json_each(?1))",
    ),
    goes_with: Some(crate::store::recycle::GoesWith {
        parent: crate::hierarchy::TABLE,
        field: "compoundId",
        parent_label: "小区",
        label: "小区党支部和三亮记录",
    }),
    fields: &[
        ("compoundId", "小区"),
        ("photo", "公示照片"),
        ("takenDown", "撤下记录"),
    ],
    values: &[("takenDown", SANLIANG_ITEMS)],
    blocks_unit_delete: Some(attached_to),
    on_unit_delete: Some(discard_branch_of),
    imports: &[&Sheet::<sheets::PartyBranches>::NEW],
    exports: &[
        Export::new("party-branches", "小区党支部三亮", sheets::export_rows)
            .also(&[sheets::TAKEN_DOWN]),
    ],
    report_keys: &["compounds.sanliang_complete"],
    ..Def::ledger::<Branch>()
};
pub static COMMITTEES: Def = Def {
    fields: &[("villageId", "村/社区")],
    imports: &[&Sheet::<sheets::Committees>::NEW],
    exports: &[Export::of::<sheets::Committees>(sheets::export_rows)],
    ..Def::ledger::<Committee>()
};
pub static MEMBERS: Def = Def {
    fields: &[
        ("committeeId", "委员会"),
        ("partnerUnitId", "所在共建单位"),
        // a yes/no: 是 reads as 兼职, not as 专职/兼职 (the import column's header)
        ("partTime", "兼职"),
    ],
    imports: &[&Sheet::<sheets::CommitteeMembers>::NEW],
    exports: &[Export::of::<sheets::CommitteeMembers>(sheets::export_rows)],
    report_keys: &["party.part_time_members"],
    ..Def::ledger::<Member>()
};
pub static MEETINGS: Def = Def {
    fields: &[
        ("committeeId", "委员会"),
        ("attendeeIds", "出席委员"),
        // a decision's fields, named where the change log shows a decision (its two
        // dates read as two bare dates)
        ("decisions.owner", "责任人"),
        ("decisions.dueOn", "完成时限"),
        ("decisions.doneOn", "完成日期"),
    ],
    // a decision's follow-up, inside `decisions`
    imports: &[&Sheet::<sheets::JointMeetings>::NEW],
    exports: &[Export::of::<sheets::JointMeetings>(sheets::export_rows).dated_by(&["heldOn"])],
    report_keys: &["party.joint_meetings"],
    evidence: Some(crate::store::attachments::Evidence::of::<Meeting>()),
    ..Def::ledger::<Meeting>()
};
