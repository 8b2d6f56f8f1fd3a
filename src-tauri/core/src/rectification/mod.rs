//! 专项整治 (clean-ups, issue 15 item 4): four registers with one shape, and the
//! re-checks (回头看) of their entries.
//!
//! Every register entry is *what* (its name), *where* (a village/community), a
//! *decision* with its *dated result*, a basis and evidence files: [`Entry`], kept
//! flattened inside the register's own record type ([`Mechanism`], [`Plaque`],
//! [`Certificate`], [`Secondment`]), which adds only what is its own. One check
//! ([`checked`]), one view ([`EntryView`]), one list, one import sheet
//! (`sheets::Rows<R>`) and one set of shell commands serve the four, chosen by
//! [`Register`].
//!
//! A re-check ([`Recheck`]) that finds a rebound (反弹: a removed plaque back on the
//! wall) reopens its entry: the result date is cleared (kept in the re-check, so the
//! history stays) and the entry is marked reopened (`reopenedOn`) until it is
//! decided again with a result date on or after the re-check. A reopened entry
//! counts as not removed.

pub mod sheets;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{date_field, required, text_field};
use crate::base::identity::{check_id_number, mask_id_number};
use crate::hierarchy::{self, UnitKind};
use crate::people;
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::attachments::{self, Attachment, AttachmentRef};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry as BinEntry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// The four registers.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum Register: "register", "整治台账" {
        #[default]
        Mechanisms("mechanisms", "工作机制", "机制"),
        Plaques("plaques", "挂牌", "牌子", "挂牌牌子"),
        Certificates("certificates", "证明事项", "证明"),
        Secondments("secondments", "借调人员", "借调"),
    }
}

labelled_enum! {
    /// What was decided about an entry. Each register allows its own few
    /// ([`Register::decisions`]).
    #[derive(PartialOrd, Ord, Hash)]
    pub enum Decision: "decision", "处理结果" {
        Keep("keep", "保留"),
        Merge("merge", "整合"),
        Abolish("abolish", "撤销"),
        Remove("remove", "摘除", "摘牌"),
        Cancel("cancel", "取消"),
        Ended("ended", "结束借调", "已结束", "已返回", "结束"),
    }
}

labelled_enum! {
    /// What kind of work mechanism.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum MechanismType: "category", "机制类型" {
        Committee("committee", "委员会"),
        LeadingGroup("leading_group", "领导小组"),
        #[default]
        Mechanism("mechanism", "工作机制", "机制"),
    }
}

impl Register {
    /// The decisions an entry of this register may take.
    pub const fn decisions(self) -> &'static [Decision] {
        match self {
            Register::Mechanisms => &[Decision::Keep, Decision::Merge, Decision::Abolish],
            Register::Plaques => &[Decision::Keep, Decision::Remove],
            Register::Certificates => &[Decision::Keep, Decision::Cancel],
            Register::Secondments => &[Decision::Ended],
        }
    }

    /// [`Register::decisions`] as (stored string, label): what the register's kind
    /// declares, so the change log and the window's 处理结果 offer these and no other.
    const fn decision_pairs<const N: usize>(self) -> [(&'static str, &'static str); N] {
        let decisions = self.decisions();
        let mut out = [("", ""); N];
        let mut i = 0;
        while i < N {
            out[i] = (decisions[i].as_str(), decisions[i].label());
            i += 1;
        }
        out
    }

    /// Whether `d` takes the entry away (what the report's `*_removed` keys count):
    /// 整合 and 撤销 for mechanisms (an integrated mechanism no longer stands on its
    /// own), 摘除, 取消, 结束借调.
    pub fn removes(self, d: Decision) -> bool {
        d != Decision::Keep && self.decisions().contains(&d)
    }

    /// What the register calls an entry's name.
    pub fn name_label(self) -> &'static str {
        match self {
            Register::Mechanisms => "机制名称",
            Register::Plaques => "牌子名称",
            Register::Certificates => "证明事项名称",
            Register::Secondments => "姓名",
        }
    }

    /// The date column an export in a period reads: a 借调 by its start, the other
    /// registers by the date of their result, as their lists' 期间 do.
    pub const fn dated_by(self) -> &'static [&'static str] {
        match self {
            Register::Secondments => &["startDate"],
            _ => &["resultDate"],
        }
    }

    pub const fn unit_label(self) -> &'static str {
        match self {
            Register::Mechanisms => "所在村/社区",
            Register::Plaques => "挂牌村/社区",
            Register::Certificates => "出具村/社区",
            Register::Secondments => "派出村/社区",
        }
    }

    pub fn department_label(self) -> &'static str {
        match self {
            Register::Mechanisms => "设立部门",
            Register::Plaques => "发牌部门",
            Register::Certificates => "要求出具部门",
            Register::Secondments => "借调单位",
        }
    }

    pub fn date_label(self) -> &'static str {
        match self {
            Register::Mechanisms => "处理日期",
            Register::Plaques => "处理日期",
            Register::Certificates => "处理日期",
            Register::Secondments => "结束借调日期",
        }
    }
}

/// What every register entry has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Entry {
    /// What: the mechanism, plaque or certificate, or the seconded person's name.
    pub name: String,
    /// Where: the village/community (借调人员: the unit the person comes from,
    /// `None` for the township's own staff).
    pub unit_id: Option<String>,
    /// Who set it up, issued the plaque, asks for the certificate; for a
    /// secondment the office the person is seconded to.
    pub department: String,
    /// `None` while undecided.
    pub decision: Option<Decision>,
    /// 依据: why it is kept (保留 plaques and certificates need one).
    pub basis: String,
    /// The day the decision took effect (removed, cancelled, ended), YYYY-MM-DD.
    /// Cleared by a re-check that found a rebound.
    pub result_date: Option<String>,
    /// The date of the re-check that reopened the entry, until it is decided again.
    pub reopened_on: Option<String>,
    /// Evidence files (a photo of the removed plaque …).
    pub attachments: Vec<AttachmentRef>,
    pub remark: String,
}

impl Entry {
    /// Whether the entry counts as taken away by `as_of` (see [`Register::removes`]):
    /// decided, dated on or before `as_of`, and not reopened.
    pub fn removed_by(&self, register: Register, as_of: NaiveDate) -> bool {
        self.reopened_on.is_none()
            && self.decision.is_some_and(|d| register.removes(d))
            && self
                .result_date
                .as_deref()
                .is_some_and(|d| d <= as_of.to_string().as_str())
    }

    /// 待认定, 反弹 (reopened) or the decision.
    pub fn status_label(&self) -> &'static str {
        match (&self.reopened_on, self.decision, &self.result_date) {
            (Some(_), _, _) => REOPENED,
            (None, Some(d), Some(_)) => d.label(),
            _ => "待认定",
        }
    }
}

/// 工作机制: committees, leading groups and work mechanisms set up in a village.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Mechanism {
    pub id: String,
    pub owner_code: String,
    #[serde(flatten)]
    pub entry: Entry,
    pub category: MechanismType,
    pub created_at: String,
    pub updated_at: String,
}

/// 挂牌: a plaque on a village/community office.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Plaque {
    pub id: String,
    pub owner_code: String,
    #[serde(flatten)]
    pub entry: Entry,
    pub created_at: String,
    pub updated_at: String,
}

/// 证明事项: a certificate villages are asked to issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Certificate {
    pub id: String,
    pub owner_code: String,
    #[serde(flatten)]
    pub entry: Entry,
    /// How many were issued this year (保留 ones only).
    pub issued_this_year: Option<u32>,
    /// The year that count is of (出具年度): the year it was entered or changed, or
    /// the year an imported row names. A record saved before this field reads the
    /// year it was last saved ([`Certificate::issued_year_or_saved`]).
    pub issued_year: Option<i32>,
    pub created_at: String,
    pub updated_at: String,
}

impl Certificate {
    /// The year its count is of: the stored 出具年度, else (a record saved before
    /// there was one) the year in China it was last saved.
    pub fn issued_year_or_saved(&self) -> Option<i32> {
        self.issued_this_year?;
        self.issued_year.or_else(|| {
            crate::base::period::china_day(&self.updated_at)
                .get(..4)
                .and_then(|y| y.parse().ok())
        })
    }
}

/// How a reopened entry's state is named, on screen and in its export's 处理结果.
pub const REOPENED: &str = "反弹待重新认定";

/// 借调人员: someone seconded from the township or a village to a higher office.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Secondment {
    pub id: String,
    pub owner_code: String,
    #[serde(flatten)]
    pub entry: Entry,
    /// The person in the people registry, when there is one.
    pub person_id: Option<String>,
    pub id_number: String,
    pub start_date: String,
    pub end_date: Option<String>,
    /// Approved by the county's admission for secondments (规范借调准入).
    pub approved: bool,
    /// The approval's document number (文号).
    pub approval_number: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Mechanism, "mechanisms", "工作机制", ["unit_id" => s.entry.unit_id], |s| format!(
    "工作机制“{}”",
    s.entry.name
));
document!(Plaque, "plaques", "挂牌", ["unit_id" => s.entry.unit_id], |s| format!(
    "挂牌“{}”",
    s.entry.name
));
document!(Certificate, "certificates", "证明事项", ["unit_id" => s.entry.unit_id], |s| format!(
    "证明事项“{}”",
    s.entry.name
));
document!(Secondment, "secondments", "借调人员", ["unit_id" => s.entry.unit_id], |s| format!(
    "借调人员“{}”（{}）",
    s.entry.name,
    s.start_date
));

impl Secondment {
    /// Started on or before `as_of` and not ended by then.
    pub fn active_on(&self, as_of: NaiveDate) -> bool {
        let day = as_of.to_string();
        !self.start_date.is_empty()
            && self.start_date.as_str() <= day.as_str()
            && !self.entry.removed_by(Register::Secondments, as_of)
    }
    /// Active past its end date.
    pub fn overdue_on(&self, as_of: NaiveDate) -> bool {
        let day = as_of.to_string();
        self.active_on(as_of) && self.end_date.as_deref().is_some_and(|e| e < day.as_str())
    }
}

/// A register entry, whatever its register (drill-down, views).
pub trait Registered: std::fmt::Debug + Sync {
    fn register(&self) -> Register;
    fn record_id(&self) -> &str;
    fn owner(&self) -> &str;
    fn entry(&self) -> &Entry;
    /// What drill-down says about it besides its name.
    fn detail(&self) -> String {
        let e = self.entry();
        let mut parts = vec![e.department.clone()];
        parts.push(e.status_label().to_string());
        if let Some(d) = &e.result_date {
            parts.push(d.clone());
        }
        parts.retain(|p| !p.is_empty());
        parts.join(" · ")
    }
}

/// A register's record type: what [`checked`], the views and the sheets are
/// generic over.
pub trait Reg: Registered + Document + Default + 'static {
    const REGISTER: Register;
    fn entry_mut(&mut self) -> &mut Entry;
    fn set_meta(&mut self, id: String, owner_code: String, created_at: String, updated_at: String);
    /// Its own fields from the input (after the shared ones are checked).
    fn check_own(
        &mut self,
        conn: &Connection,
        ctx: &Ctx,
        before: Option<&Self>,
        input: &EntryInput,
    ) -> Result<()>;
    /// Its own fields in the view.
    fn fill(&self, v: &mut EntryView, as_of: NaiveDate);
    /// Another entry of the register that this one would duplicate.
    fn same_as(&self, other: &Self) -> bool {
        self.entry().name == other.entry().name && self.entry().unit_id == other.entry().unit_id
    }
    /// The JSON field every entry it would duplicate shares with it, indexed by
    /// migration 0025: the entries to test with [`Reg::same_as`] are found by it.
    const KEY_PATH: &'static str = "$.name";
    fn key_value(&self) -> &str {
        &self.entry().name
    }
    /// The same field as the form or an imported row gives it.
    fn input_key(input: &EntryInput) -> &str {
        input.name.trim()
    }
    fn duplicate_message(&self) -> String {
        format!(
            "这个村/社区已经登记了{}“{}”。",
            Self::REGISTER.label(),
            self.entry().name
        )
    }
}

macro_rules! registered {
    ($($ty:ty => $reg:expr),*) => {$(
        impl Registered for $ty {
            fn register(&self) -> Register { $reg }
            fn record_id(&self) -> &str { &self.id }
            fn owner(&self) -> &str { &self.owner_code }
            fn entry(&self) -> &Entry { &self.entry }
        }
    )*};
}
registered!(
    Mechanism => Register::Mechanisms,
    Plaque => Register::Plaques,
    Certificate => Register::Certificates
);

impl Registered for Secondment {
    fn register(&self) -> Register {
        Register::Secondments
    }
    fn record_id(&self) -> &str {
        &self.id
    }
    fn owner(&self) -> &str {
        &self.owner_code
    }
    fn entry(&self) -> &Entry {
        &self.entry
    }
    fn detail(&self) -> String {
        let mut s = format!(
            "{} · {} 至 {}",
            self.entry.department,
            self.start_date,
            self.end_date.as_deref().unwrap_or("—")
        );
        if self.approved {
            s.push_str(&format!(" · 准入 {}", self.approval_number));
        } else {
            s.push_str(" · 未经准入");
        }
        s
    }
}

macro_rules! meta {
    () => {
        fn entry_mut(&mut self) -> &mut Entry {
            &mut self.entry
        }
        fn set_meta(
            &mut self,
            id: String,
            owner_code: String,
            created_at: String,
            updated_at: String,
        ) {
            self.id = id;
            self.owner_code = owner_code;
            self.created_at = created_at;
            self.updated_at = updated_at;
        }
    };
}

impl Reg for Mechanism {
    const REGISTER: Register = Register::Mechanisms;
    meta!();
    fn check_own(
        &mut self,
        _: &Connection,
        _: &Ctx,
        _: Option<&Self>,
        input: &EntryInput,
    ) -> Result<()> {
        self.category = if input.category.trim().is_empty() {
            MechanismType::default()
        } else {
            MechanismType::parse(&input.category)?
        };
        Ok(())
    }
    fn fill(&self, v: &mut EntryView, _: NaiveDate) {
        v.category = Some(self.category);
        v.category_label = self.category.label();
    }
}

impl Reg for Plaque {
    const REGISTER: Register = Register::Plaques;
    meta!();
    fn check_own(
        &mut self,
        _: &Connection,
        _: &Ctx,
        _: Option<&Self>,
        _: &EntryInput,
    ) -> Result<()> {
        Ok(())
    }
    fn fill(&self, _: &mut EntryView, _: NaiveDate) {}
}

impl Reg for Certificate {
    const REGISTER: Register = Register::Certificates;
    meta!();
    fn check_own(
        &mut self,
        _: &Connection,
        ctx: &Ctx,
        before: Option<&Self>,
        input: &EntryInput,
    ) -> Result<()> {
        let text = input.issued_this_year.trim();
        self.issued_this_year = if text.is_empty() {
            None
        } else {
            Some(
                crate::base::fields::ungrouped(text)
                    .parse::<u32>()
                    .map_err(|_| {
                        Error::validation(
                            "issuedThisYear",
                            format!("今年出具数量“{text}”不是整数，请填写 0 或正整数。"),
                        )
                    })?,
            )
        };
        if self.issued_this_year.is_some() && self.entry.decision == Some(Decision::Cancel) {
            return Err(Error::validation(
                "issuedThisYear",
                "已取消的证明事项不再统计今年出具数量，请清空这一项。",
            ));
        }
        let this_year = ctx.today().year();
        let year = input.issued_year.trim();
        let year = year.strip_suffix('年').unwrap_or(year).trim();
        self.issued_year = if self.issued_this_year.is_none() {
            if !year.is_empty() {
                return Err(Error::validation(
                    "issuedYear",
                    "没有填出具数量，出具年度也请空着。",
                ));
            }
            None
        } else if !year.is_empty() {
            match year.parse::<i32>() {
                Ok(y) if (2000..=this_year).contains(&y) => Some(y),
                _ => {
                    return Err(Error::validation(
                        "issuedYear",
                        format!(
                            "出具年度“{year}”不是 2000 至 {this_year} 之间的年份，请填写如 {this_year}。"
                        ),
                    ))
                }
            }
        } else {
            match before {
                // The same count as stored is still the year it was of.
                Some(b) if b.issued_this_year == self.issued_this_year => b.issued_year_or_saved(),
                _ => Some(this_year),
            }
        };
        Ok(())
    }
    fn fill(&self, v: &mut EntryView, _: NaiveDate) {
        v.issued_this_year = self.issued_this_year;
        v.issued_year = self.issued_year_or_saved();
    }
}

impl Reg for Secondment {
    const REGISTER: Register = Register::Secondments;
    meta!();
    fn check_own(
        &mut self,
        conn: &Connection,
        ctx: &Ctx,
        before: Option<&Self>,
        input: &EntryInput,
    ) -> Result<()> {
        let today = ctx.today();
        let person_id = input.person_id.trim();
        if !person_id.is_empty() {
            let p = people::find(conn, person_id)?.ok_or_else(|| {
                Error::validation(
                    "personId",
                    "所选人员已不在人员库中，请重新选择，或直接填写姓名和身份证号码。",
                )
            })?;
            self.person_id = Some(p.id);
            self.entry.name = p.name;
            self.id_number = p.id_number;
        } else {
            let name = required("name", "姓名", &input.name, 30)?;
            let raw = input.id_number.trim();
            // A masked number sent back unchanged (a list or an export shows it masked).
            let id_number = match before {
                Some(b) if raw.contains('*') && mask_id_number(&b.id_number) == raw => {
                    b.id_number.clone()
                }
                _ => check_id_number(raw, today)?.0,
            };
            self.person_id = None;
            if let Some(p) = people::find_by_id_number(conn, &id_number)? {
                if !people::same_name(&p.name, &name) {
                    return Err(Error::validation(
                        "idNumber",
                        format!(
                            "这个身份证号码在人员库中属于“{}”，与姓名“{name}”不符，请核对。",
                            p.name
                        ),
                    ));
                }
                self.person_id = Some(p.id);
            } else if let Some(b) = before.filter(|b| b.id_number == id_number) {
                // The same person as stored: the link is kept even when the registry
                // no longer finds the number (the person deleted or renumbered there).
                self.person_id = b.person_id.clone();
            }
            self.entry.name = name;
            self.id_number = id_number;
        }
        let start = date_field("startDate", "借调开始日期", &input.start_date)?
            .ok_or_else(|| Error::validation("startDate", "请填写借调开始日期。"))?;
        let end = date_field("endDate", "借调结束日期", &input.end_date)?.ok_or_else(|| {
            Error::validation("endDate", "请填写借调结束日期（借调期满的日期）。")
        })?;
        if end < start {
            return Err(Error::validation(
                "endDate",
                format!("借调结束日期 {end} 早于开始日期 {start}，请核对。"),
            ));
        }
        if let Some(r) = &self.entry.result_date {
            if *r < start {
                return Err(Error::validation(
                    "resultDate",
                    format!("结束借调日期 {r} 早于借调开始日期 {start}，请核对。"),
                ));
            }
        }
        self.start_date = start;
        self.end_date = Some(end);
        self.approved = input.approved;
        self.approval_number =
            text_field("approvalNumber", "准入文号", &input.approval_number, 60)?;
        if self.approved && self.approval_number.is_empty() {
            return Err(Error::validation(
                "approvalNumber",
                "经规范借调准入批准的，请填写批准文号。",
            ));
        }
        // A number typed without the box ticked was dropped without a word (probe AF).
        if !self.approved && !self.approval_number.is_empty() {
            return Err(Error::validation(
                "approved",
                format!(
                    "填了准入文号“{}”：已经县规范借调准入批准的，请勾选“经县规范借调准入批准”；未经批准的，请清空准入文号。",
                    self.approval_number
                ),
            ));
        }
        Ok(())
    }
    fn fill(&self, v: &mut EntryView, as_of: NaiveDate) {
        let active = self.active_on(as_of);
        v.person_id = self.person_id.clone();
        v.id_number = mask_id_number(&self.id_number);
        v.start_date = self.start_date.clone();
        v.end_date = self.end_date.clone();
        v.approved = self.approved;
        v.approval_number = self.approval_number.clone();
        v.active = active;
        v.overdue = self.overdue_on(as_of);
        v.unapproved = active && !self.approved;
    }
    fn same_as(&self, other: &Self) -> bool {
        self.id_number == other.id_number && self.start_date == other.start_date
    }
    const KEY_PATH: &'static str = "$.idNumber";
    fn key_value(&self) -> &str {
        &self.id_number
    }
    fn input_key(input: &EntryInput) -> &str {
        input.id_number.trim()
    }
    fn duplicate_message(&self) -> String {
        format!(
            "已经登记了“{}”自 {} 起的借调。",
            self.entry.name, self.start_date
        )
    }
}

/// The form of an entry of any register (fields another register does not use are
/// ignored).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntryInput {
    pub name: String,
    pub unit_id: String,
    pub department: String,
    pub decision: String,
    pub basis: String,
    pub result_date: String,
    pub remark: String,
    /// 工作机制.
    pub category: String,
    /// 证明事项.
    pub issued_this_year: String,
    /// 证明事项's 出具年度: empty for this year when the count changed, else the
    /// year stored.
    pub issued_year: String,
    /// 借调人员: a person of the registry, or a name and ID number.
    pub person_id: String,
    pub id_number: String,
    pub start_date: String,
    pub end_date: String,
    pub approved: bool,
    pub approval_number: String,
}

/// The shared fields, checked the same way for every register.
fn checked_entry(
    conn: &Connection,
    ctx: &Ctx,
    register: Register,
    before: Option<&Entry>,
    input: &EntryInput,
) -> Result<Entry> {
    let name = if register == Register::Secondments {
        String::new() // the secondment's own check: a person or a name and ID number
    } else {
        required("name", register.name_label(), &input.name, 100)?
    };
    let unit_id = match input.unit_id.trim() {
        "" if register == Register::Secondments => None,
        "" => {
            return Err(Error::validation(
                "unitId",
                format!("请选择{}。", register.unit_label()),
            ))
        }
        id => {
            let unit = hierarchy::find(conn, id)?.ok_or_else(|| {
                Error::validation(
                    "unitId",
                    format!("所选的{}已不存在，请重新选择。", register.unit_label()),
                )
            })?;
            if unit.kind != UnitKind::Village {
                return Err(Error::validation(
                    "unitId",
                    format!(
                        "{}请选择村/社区，“{}”不是村/社区。",
                        register.unit_label(),
                        unit.name
                    ),
                ));
            }
            Some(unit.id)
        }
    };
    let department = text_field(
        "department",
        register.department_label(),
        &input.department,
        60,
    )?;
    if department.is_empty() && register != Register::Mechanisms {
        return Err(Error::validation(
            "department",
            format!("请填写{}。", register.department_label()),
        ));
    }
    // 反弹待重新认定, as the list and its export show a reopened entry: it stays as it
    // is (its earlier decision kept for the history, no result date) until decided
    // again. Only an entry a 回头看 reopened is so.
    let decision = match input.decision.trim() {
        "" => None,
        s if s.starts_with(REOPENED) => match before.filter(|b| b.reopened_on.is_some()) {
            Some(b) if input.result_date.trim().is_empty() => b.decision,
            Some(_) => {
                return Err(Error::validation(
                    "decision",
                    format!("已重新认定的请填写新的处理结果（不再是“{REOPENED}”）。"),
                ))
            }
            None => {
                return Err(Error::validation(
                    "decision",
                    format!("“{REOPENED}”只用于回头看发现反弹、已重新打开的记录；请填写处理结果。"),
                ))
            }
        },
        s => {
            let allowed: Vec<&str> = register.decisions().iter().map(|d| d.label()).collect();
            // Unknown words are answered with this register's results only (probe T:
            // 工作机制 offered 摘除、取消、结束借调 of the other registers).
            let d = Decision::parse(s).map_err(|_| {
                Error::validation(
                    "decision",
                    format!(
                        "处理结果“{s}”无法识别，{}可填：{}。",
                        register.label(),
                        allowed.join("、")
                    ),
                )
            })?;
            if !register.decisions().contains(&d) {
                return Err(Error::validation(
                    "decision",
                    format!(
                        "{}的处理结果只能是：{}，不能是“{}”。",
                        register.label(),
                        allowed.join("、"),
                        d.label()
                    ),
                ));
            }
            Some(d)
        }
    };
    let basis = text_field("basis", "依据", &input.basis, 2000)?;
    let result_date = date_field("resultDate", register.date_label(), &input.result_date)?;
    let mut reopened_on = before.and_then(|b| b.reopened_on.clone());
    match (&decision, &result_date) {
        (None, Some(_)) => {
            return Err(Error::validation(
                "decision",
                format!("填写了{}，请同时选择处理结果。", register.date_label()),
            ))
        }
        (Some(_), None) if reopened_on.is_none() => {
            return Err(Error::validation(
                "resultDate",
                format!("请填写{}。", register.date_label()),
            ))
        }
        _ => {}
    }
    if let Some(d) = &result_date {
        if d.as_str() > ctx.today().to_string().as_str() {
            return Err(Error::validation(
                "resultDate",
                format!("{}“{d}”晚于今天，请核对。", register.date_label()),
            ));
        }
        if let Some(on) = &reopened_on {
            if d < on {
                return Err(Error::validation(
                    "resultDate",
                    format!(
                        "这条记录在 {on} 回头看时发现反弹，重新认定的{}不能早于 {on}。",
                        register.date_label()
                    ),
                ));
            }
            reopened_on = None; // decided again
        }
    }
    if decision == Some(Decision::Keep)
        && matches!(register, Register::Plaques | Register::Certificates)
        && basis.is_empty()
    {
        return Err(Error::validation(
            "basis",
            format!("保留的{}请填写保留依据。", register.label()),
        ));
    }
    Ok(Entry {
        name,
        unit_id,
        department,
        decision,
        basis,
        result_date,
        reopened_on,
        attachments: before.map(|b| b.attachments.clone()).unwrap_or_default(),
        remark: text_field("remark", "备注", &input.remark, 500)?,
    })
}

/// The one check of every register: the shared fields, then the register's own,
/// then that no other entry is the same.
pub(crate) fn checked<R: Reg>(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&R>,
    input: &EntryInput,
) -> Result<R> {
    let mut r = before.cloned().unwrap_or_default();
    *r.entry_mut() = checked_entry(conn, ctx, R::REGISTER, before.map(|b| b.entry()), input)?;
    r.check_own(conn, ctx, before, input)?;
    let except = before.map_or("", |b| b.record_id());
    if ledger::list_by_json::<R>(conn, R::KEY_PATH, r.key_value())?
        .iter()
        .any(|o| o.record_id() != except && r.same_as(o))
    {
        return Err(Error::Conflict {
            field: Some("name"),
            message: r.duplicate_message(),
        });
    }
    let now = ctx.stamp();
    r.set_meta(
        before.map_or_else(new_id, |b| b.record_id().to_string()),
        office::require(conn)?.code,
        before.map_or_else(|| now.clone(), |b| b.created_at().to_string()),
        now,
    );
    Ok(r)
}

/// An entry as the screens see it, whatever its register.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryView {
    pub id: String,
    pub register: Register,
    pub register_label: &'static str,
    pub name: String,
    pub unit_id: Option<String>,
    /// The village/community, or 乡镇（街道）机关 for a secondment from the township.
    pub unit_name: String,
    pub department: String,
    pub decision: Option<Decision>,
    pub decision_label: &'static str,
    pub basis: String,
    pub result_date: Option<String>,
    pub reopened_on: Option<String>,
    /// 待认定, 反弹待重新认定, or the decision.
    pub status_label: &'static str,
    /// Counted as removed today (see [`Entry::removed_by`]).
    pub removed: bool,
    pub attachments: Vec<Attachment>,
    pub remark: String,
    pub category: Option<MechanismType>,
    pub category_label: &'static str,
    pub issued_this_year: Option<u32>,
    /// The year `issued_this_year` is of.
    pub issued_year: Option<i32>,
    pub person_id: Option<String>,
    /// Masked.
    pub id_number: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub approved: bool,
    pub approval_number: String,
    pub active: bool,
    /// Still seconded past the end date.
    pub overdue: bool,
    /// Active without the county's admission.
    pub unapproved: bool,
    /// The re-checks of this entry, newest first (its history).
    pub rechecks: Vec<RecheckView>,
}

fn entry_view<R: Reg>(
    r: &R,
    units: &HashMap<String, String>,
    rechecks: &[RecheckView],
    db: Option<&Path>,
    as_of: NaiveDate,
) -> EntryView {
    let e = r.entry();
    let mut v = EntryView {
        id: r.record_id().to_string(),
        register: R::REGISTER,
        register_label: R::REGISTER.label(),
        name: e.name.clone(),
        unit_id: e.unit_id.clone(),
        unit_name: match &e.unit_id {
            Some(id) => units.get(id).cloned().unwrap_or_default(),
            None => "乡镇（街道）机关".into(),
        },
        department: e.department.clone(),
        decision: e.decision,
        decision_label: e.decision.map_or("", |d| d.label()),
        basis: e.basis.clone(),
        result_date: e.result_date.clone(),
        reopened_on: e.reopened_on.clone(),
        status_label: e.status_label(),
        removed: e.removed_by(R::REGISTER, as_of),
        attachments: e
            .attachments
            .iter()
            .map(|a| attachments::view(db, a))
            .collect(),
        remark: e.remark.clone(),
        rechecks: rechecks
            .iter()
            .filter(|c| c.entry_id == r.record_id())
            .cloned()
            .collect(),
        ..EntryView::default()
    };
    r.fill(&mut v, as_of);
    v
}

fn list_of<R: Reg>(
    conn: &Connection,
    db: Option<&Path>,
    as_of: NaiveDate,
) -> Result<Vec<EntryView>> {
    let units = hierarchy::names(conn)?;
    let checks = rechecks(conn, Some(R::REGISTER))?;
    let mut out: Vec<EntryView> = ledger::list::<R>(conn)?
        .iter()
        .map(|r| entry_view(r, &units, &checks, db, as_of))
        .collect();
    out.sort_by(|a, b| {
        a.unit_name
            .cmp(&b.unit_name)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.start_date.cmp(&b.start_date))
    });
    Ok(out)
}

/// Runs a generic function on the record type of a register.
macro_rules! on_register {
    ($reg:expr, $f:ident ( $($arg:expr),* )) => {
        match $reg {
            Register::Mechanisms => $f::<Mechanism>($($arg),*),
            Register::Plaques => $f::<Plaque>($($arg),*),
            Register::Certificates => $f::<Certificate>($($arg),*),
            Register::Secondments => $f::<Secondment>($($arg),*),
        }
    };
}

/// A register's entries, by village/community and name, flagged as of `as_of`.
pub fn entries(
    conn: &Connection,
    db: Option<&Path>,
    register: Register,
    as_of: NaiveDate,
) -> Result<Vec<EntryView>> {
    on_register!(register, list_of(conn, db, as_of))
}

fn one<R: Reg>(
    conn: &Connection,
    db: Option<&Path>,
    id: &str,
    as_of: NaiveDate,
) -> Result<EntryView> {
    let r: R = ledger::get(conn, id)?;
    let checks = rechecks(conn, Some(R::REGISTER))?;
    Ok(entry_view(&r, &hierarchy::names(conn)?, &checks, db, as_of))
}

pub fn entry(
    conn: &Connection,
    db: Option<&Path>,
    register: Register,
    id: &str,
    as_of: NaiveDate,
) -> Result<EntryView> {
    on_register!(register, one(conn, db, id, as_of))
}

fn upsert<R: Reg>(tx: &Tx, id: Option<&str>, input: &EntryInput) -> Result<String> {
    Ok(ledger::upsert(tx, id, input, checked::<R>)?
        .record_id()
        .to_string())
}

pub fn create_entry(tx: &Tx, register: Register, input: &EntryInput) -> Result<EntryView> {
    let id = on_register!(register, upsert(tx, None, input))?;
    entry(tx, None, register, &id, tx.ctx.today())
}

pub fn update_entry(
    tx: &Tx,
    register: Register,
    id: &str,
    input: &EntryInput,
) -> Result<EntryView> {
    on_register!(register, upsert(tx, Some(id), input))?;
    entry(tx, None, register, id, tx.ctx.today())
}

fn delete_of<R: Reg>(tx: &Tx, id: &str) -> Result<BinEntry> {
    ledger::delete::<R>(tx, id)
}

/// Deletes an entry into the recycle bin (its re-checks stay, as history).
pub fn delete_entry(tx: &Tx, register: Register, id: &str) -> Result<BinEntry> {
    on_register!(register, delete_of(tx, id))
}

/// Every register's entries carry evidence files (a removed plaque's photo) through
/// the one mechanism every kind with files uses ([`attachments::Attached`]).
impl<R: Reg> attachments::Attached for R {
    fn attachments(&self) -> &[AttachmentRef] {
        &self.entry().attachments
    }
    fn attachments_mut(&mut self) -> &mut Vec<AttachmentRef> {
        &mut self.entry_mut().attachments
    }
    fn touch(&mut self, stamp: String) {
        let (id, owner, created) = (
            self.record_id().to_string(),
            self.owner().to_string(),
            self.created_at().to_string(),
        );
        self.set_meta(id, owner, created, stamp);
    }
}

fn attached<R: Reg>(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<R>(conn, "unit_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 条{}记录", R::REGISTER.label())))
}

// ---------------------------------------------------------------------------
// 回头看

/// A dated re-check of a register entry. One that found a rebound reopened the
/// entry and keeps what the entry's result was.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recheck {
    pub id: String,
    pub owner_code: String,
    pub register: Register,
    pub entry_id: String,
    /// The entry's name when re-checked (it stays readable if the entry goes).
    pub entry_name: String,
    pub date: String,
    /// What was found.
    pub found: String,
    /// 反弹: the entry is reopened.
    pub rebound: bool,
    /// The entry's decision and result date before it was reopened.
    pub previous_decision: Option<Decision>,
    pub previous_result_date: Option<String>,
    pub remark: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Recheck, "rechecks", "回头看", ["entry_id" => Some(s.entry_id.clone())], |s| format!(
    "{}“{}”{} 回头看",
    s.register.label(),
    s.entry_name,
    s.date
));

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecheckInput {
    pub register: String,
    pub entry_id: String,
    pub date: String,
    pub found: String,
    pub rebound: bool,
    pub remark: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecheckView {
    pub id: String,
    pub register: Register,
    pub register_label: &'static str,
    pub entry_id: String,
    pub entry_name: String,
    pub date: String,
    pub found: String,
    pub rebound: bool,
    pub previous_decision: Option<Decision>,
    pub previous_decision_label: &'static str,
    pub previous_result_date: Option<String>,
    pub remark: String,
}

fn recheck_view(c: Recheck) -> RecheckView {
    RecheckView {
        register_label: c.register.label(),
        previous_decision_label: c.previous_decision.map_or("", |d| d.label()),
        id: c.id,
        register: c.register,
        entry_id: c.entry_id,
        entry_name: c.entry_name,
        date: c.date,
        found: c.found,
        rebound: c.rebound,
        previous_decision: c.previous_decision,
        previous_result_date: c.previous_result_date,
        remark: c.remark,
    }
}

/// Re-checks (of one register, or all), newest first.
pub fn rechecks(conn: &Connection, register: Option<Register>) -> Result<Vec<RecheckView>> {
    let mut all: Vec<Recheck> = ledger::list::<Recheck>(conn)?
        .into_iter()
        .filter(|c| register.is_none_or(|r| c.register == r))
        .collect();
    all.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
    Ok(all.into_iter().map(recheck_view).collect())
}

/// What a re-check needs of its entry: its name, and (on a rebound) reopening it.
fn reopen<R: Reg>(tx: &Tx, c: &mut Recheck) -> Result<()> {
    let Some((mut r, decision, result)) = rebound_of::<R>(tx, c)? else {
        return Ok(());
    };
    c.previous_decision = Some(decision);
    c.previous_result_date = Some(result);
    let e = r.entry_mut();
    e.result_date = None;
    e.reopened_on = Some(c.date.clone());
    r.set_meta(
        r.record_id().to_string(),
        r.owner().to_string(),
        r.created_at().to_string(),
        tx.ctx.stamp(),
    );
    ledger::save(tx, &r)
}

/// The entry re-check `c` names, with its name set on `c`; on a rebound also the
/// result it reopens (decision and date), checked without writing: an entry not
/// (or no longer) decided cannot rebound, nor can a re-check dated before the
/// decision. `None`: no rebound.
fn rebound_of<R: Reg>(conn: &Connection, c: &mut Recheck) -> Result<Option<(R, Decision, String)>> {
    let r: R = ledger::find(conn, &c.entry_id)?.ok_or_else(|| {
        Error::validation(
            "entryId",
            format!(
                "没有找到要回头看的{}记录，它可能已被删除。",
                R::REGISTER.label()
            ),
        )
    })?;
    c.entry_name = r.entry().name.clone();
    if !c.rebound {
        return Ok(None);
    }
    let e = r.entry();
    let decided = e.decision.filter(|d| R::REGISTER.removes(*d));
    // Reopened by another day's re-check: most often that re-check with its date
    // corrected in a file (it was said as if 是否反弹 were the slip).
    if let Some(on) = e.reopened_on.as_deref().filter(|on| *on != c.date) {
        return Err(Error::validation(
            "date",
            format!(
                "“{}”已因 {on} 的回头看发现反弹而重新打开，待重新认定处理结果，不能再登记 {} 的反弹。如是改了那次回头看的日期，请在软件里修改那一条（不要导入这一行）；如是又一次回头看，请先重新认定它的处理结果。",
                e.name, c.date
            ),
        ));
    }
    let (Some(decision), Some(result)) = (decided, e.result_date.clone()) else {
        return Err(Error::validation(
            "rebound",
            format!(
                "“{}”还没有{}的结果（或已因回头看重新打开），谈不上反弹。请先认定它的处理结果。",
                e.name,
                R::REGISTER
                    .decisions()
                    .iter()
                    .filter(|d| **d != Decision::Keep)
                    .map(|d| d.label())
                    .collect::<Vec<_>>()
                    .join("/")
            ),
        ));
    };
    if c.date < result {
        return Err(Error::validation(
            "date",
            format!(
                "回头看日期 {} 早于“{}”的处理日期 {result}，请核对。",
                c.date, e.name
            ),
        ));
    }
    Ok(Some((r, decision, result)))
}

/// Why a new re-check `input` would be refused against its entry as stored (a
/// rebound of an entry not decided, a date before the decision), told without
/// writing, so the import check names the row instead of the whole import failing.
pub(crate) fn recheck_refusal(conn: &Connection, ctx: &Ctx, input: &RecheckInput) -> Option<Error> {
    let mut c = match checked_recheck(ctx, input) {
        Ok(c) => c,
        Err(e) => return Some(e),
    };
    let register = c.register;
    on_register!(register, rebound_checked(conn, &mut c)).err()
}

fn rebound_checked<R: Reg>(conn: &Connection, c: &mut Recheck) -> Result<()> {
    rebound_of::<R>(conn, c).map(|_| ())
}

fn checked_recheck(ctx: &Ctx, input: &RecheckInput) -> Result<Recheck> {
    let register = Register::parse(&input.register)?;
    if input.entry_id.trim().is_empty() {
        return Err(Error::validation("entryId", "请选择要回头看的记录。"));
    }
    let date = date_field("date", "回头看日期", &input.date)?
        .ok_or_else(|| Error::validation("date", "请填写回头看日期。"))?;
    if date.as_str() > ctx.today().to_string().as_str() {
        return Err(Error::validation(
            "date",
            format!("回头看日期“{date}”晚于今天，请核对。"),
        ));
    }
    Ok(Recheck {
        register,
        entry_id: input.entry_id.trim().to_string(),
        date,
        found: required("found", "发现情况", &input.found, 1000)?,
        rebound: input.rebound,
        remark: text_field("remark", "备注", &input.remark, 500)?,
        ..Recheck::default()
    })
}

/// Records a re-check; one that found a rebound reopens its entry (same transaction).
pub fn create_recheck(tx: &Tx, input: &RecheckInput) -> Result<RecheckView> {
    let mut c = checked_recheck(tx.ctx, input)?;
    let register = c.register;
    on_register!(register, reopen(tx, &mut c))?;
    c.id = new_id();
    c.owner_code = office::require(tx)?.code;
    c.created_at = tx.ctx.stamp();
    c.updated_at = c.created_at.clone();
    ledger::save(tx, &c)?;
    Ok(recheck_view(c))
}

/// Whether `input` would leave stored re-check `id` as it is ([`update_recheck`]
/// changes only what it found and its remark), read without writing: the import
/// check tells an update that changes nothing.
pub(crate) fn recheck_keeps(conn: &Connection, id: &str, input: &RecheckInput, ctx: &Ctx) -> bool {
    let (Ok(before), Ok(c)) = (
        ledger::get::<Recheck>(conn, id),
        checked_recheck(ctx, input),
    ) else {
        return false;
    };
    (
        c.register,
        &c.entry_id,
        c.rebound,
        &c.date,
        &c.found,
        &c.remark,
    ) == (
        before.register,
        &before.entry_id,
        before.rebound,
        &before.date,
        &before.found,
        &before.remark,
    )
}

/// Changes what a re-check found or its remark; which entry and whether it was a
/// rebound are history and do not change (delete it and record it again instead).
pub fn update_recheck(tx: &Tx, id: &str, input: &RecheckInput) -> Result<RecheckView> {
    let before: Recheck = ledger::get(tx, id)?;
    let c = checked_recheck(tx.ctx, input)?;
    if c.register != before.register || c.entry_id != before.entry_id {
        return Err(Error::validation(
            "entryId",
            "回头看的对象不能修改。请删除这次回头看后重新登记。",
        ));
    }
    if c.rebound != before.rebound || c.date != before.date {
        return Err(Error::validation(
            if c.rebound != before.rebound {
                "rebound"
            } else {
                "date"
            },
            "回头看的日期和是否反弹已记入台账，不能修改。请删除这次回头看后重新登记。",
        ));
    }
    let after = Recheck {
        found: c.found,
        remark: c.remark,
        updated_at: tx.ctx.stamp(),
        ..before
    };
    ledger::save(tx, &after)?;
    Ok(recheck_view(after))
}

/// Deletes a re-check into the recycle bin. Refused while the entry it reopened is
/// still open: decide the entry again first (the re-check is its history).
pub fn delete_recheck(tx: &Tx, id: &str) -> Result<BinEntry> {
    let c: Recheck = ledger::get(tx, id)?;
    if c.rebound {
        fn still_open<R: Reg>(tx: &Tx, c: &Recheck) -> Result<bool> {
            Ok(ledger::find::<R>(tx, &c.entry_id)?
                .is_some_and(|r| r.entry().reopened_on.as_deref() == Some(c.date.as_str())))
        }
        if on_register!(c.register, still_open(tx, &c))? {
            return Err(Error::Refused(format!(
                "这次回头看重新打开了“{}”，它还没有重新认定。请先重新认定它的处理结果，再删除这次回头看。",
                c.entry_name
            )));
        }
    }
    ledger::delete::<Recheck>(tx, id)
}

/// The register entry a re-check names by register, name and (optionally) unit.
pub(crate) fn find_entry(
    conn: &Connection,
    register: Register,
    name: &str,
    unit_id: Option<&str>,
) -> Result<Vec<(String, String)>> {
    fn of<R: Reg>(
        conn: &Connection,
        name: &str,
        unit_id: Option<&str>,
    ) -> Result<Vec<(String, String)>> {
        Ok(ledger::list_by_json::<R>(conn, "$.name", name)?
            .into_iter()
            .filter(|r| unit_id.is_none_or(|u| r.entry().unit_id.as_deref() == Some(u)))
            .map(|r| (r.record_id().to_string(), r.entry().name.clone()))
            .collect())
    }
    on_register!(register, of(conn, name.trim(), unit_id))
}

/// A register's kind declaration: its sheet for import and export (named `$export`),
/// a unit it is attached to cannot be deleted, and the report keys it feeds.
macro_rules! register_def {
    ($reg:ty, $register:expr, $export:literal, [$($key:literal),*] $(, category: $category:expr)?) => {
        Def {
            fields: &[
                ("unitId", $register.unit_label()),
                ("personId", "人员"),
                ("basis", "依据"),
                ("reopenedOn", "回头看发现反弹的日期"),
            ],
            values: &[
                $(("category", $category),)?
                ("decision", &$register.decision_pairs::<{ $register.decisions().len() }>()),
            ],
            imports: &[&Sheet::<sheets::Rows<$reg>>::NEW],
            exports: &[Export::new(
                $export,
                <$reg as crate::store::ledger::Document>::LABEL,
                sheets::export_rows,
            )
            .dated_by($register.dated_by())],
            blocks_unit_delete: Some(attached::<$reg>),
            evidence: Some(attachments::Evidence::travelling::<$reg>()),
            report_keys: &[$($key),*],
            ..Def::ledger::<$reg>()
        }
    };
}

pub static MECHANISMS: Def = register_def!(
    Mechanism,
    Register::Mechanisms,
    "mechanisms",
    ["rectification.mechanisms_removed"],
    category: MechanismType::PAIRS
);
pub static PLAQUES: Def = register_def!(
    Plaque,
    Register::Plaques,
    "plaques",
    ["rectification.plaques_removed"]
);
pub static CERTIFICATES: Def = register_def!(
    Certificate,
    Register::Certificates,
    "certificates",
    ["rectification.certificates_cancelled"]
);
pub static SECONDMENTS: Def = register_def!(
    Secondment,
    Register::Secondments,
    "secondments",
    [
        "rectification.secondments_active",
        "rectification.secondments_unapproved"
    ]
);

pub static RECHECKS: Def = Def {
    fields: &[
        ("entryId", "整治对象"),
        ("entryName", "对象名称"),
        ("previousDecision", "原处理结果"),
        ("previousResultDate", "原处理日期"),
    ],
    imports: &[&Sheet::<sheets::Rechecks>::NEW],
    exports: &[Export::of::<sheets::Rechecks>(sheets::export_rows)],
    report_keys: &["rectification.rechecks"],
    ..Def::ledger::<Recheck>()
};
