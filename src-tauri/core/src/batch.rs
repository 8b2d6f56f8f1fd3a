//! Batch actions on lists (批量操作, issue 14): the clerk selects rows and changes
//! them in one step. Every batch is one transaction, taken by the caller
//! (`Store::write`): the first record refused stops the batch and nothing is kept,
//! and the error names that record and why. Each record goes through the same core
//! function as one at a time (so a batch refuses exactly what one at a time
//! refuses) and writes its own change-log row; deletions go to the recycle bin.
//!
//! The shared part is [`run`]: ids in, each one applied in turn, a per-record
//! result out. Each action only says how one record is named and changed.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use rusqlite::Connection;

use crate::base::error::{Error, Result};
use crate::demands::{self, Demand};
use crate::hierarchy::{self, Unit};
use crate::people::{self, Person, Status};
use crate::store::ledger;
use crate::store::{Cached, Tx};
use crate::{kinds, party};

/// What to do to every selected record. `date` empty means today.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(
    tag = "action",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Action {
    /// 人员 › 离岗 on `date`.
    PeopleLeave {
        #[serde(default)]
        date: String,
    },
    /// 人员 › 复岗 on `date`.
    PeopleReturn {
        #[serde(default)]
        date: String,
    },
    /// 人员 › 调岗: the role that serves units of this kind now serves `unit_id` only.
    PeopleReassign {
        unit_id: String,
        #[serde(default)]
        date: String,
    },
    /// 人员 › 公示 on or off from `date` (today when empty): the figures of the days
    /// before it keep what it was.
    PeoplePublish {
        published: bool,
        #[serde(default)]
        date: String,
    },
    /// 跟进事项 › 标记办结 on `date`.
    FollowUpsDone {
        #[serde(default)]
        date: String,
    },
    /// 组织单位 › 移到 `parent_id` (None: directly under the office).
    UnitsMove {
        #[serde(default)]
        parent_id: Option<String>,
    },
    /// 组织单位 › 删除 into the recycle bin.
    UnitsDelete,
    /// 三清单 › 删除 into the recycle bin (the items a county's new list drops).
    DutyItemsDelete,
    /// 诉求 › 交办 to `department_id` on `date`.
    DemandsAssign {
        department_id: String,
        #[serde(default)]
        date: String,
    },
}

impl Action {
    /// The action as the clerk knows it: 批量离岗.
    pub fn label(&self) -> &'static str {
        match self {
            Action::PeopleLeave { .. } => "离岗",
            Action::PeopleReturn { .. } => "复岗",
            Action::PeopleReassign { .. } => "调岗",
            Action::PeoplePublish {
                published: true, ..
            } => "公示",
            Action::PeoplePublish {
                published: false, ..
            } => "取消公示",
            Action::FollowUpsDone { .. } => "标记办结",
            Action::UnitsMove { .. } => "移动",
            Action::UnitsDelete | Action::DutyItemsDelete => "删除",
            Action::DemandsAssign { .. } => "交办",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchInput {
    pub ids: Vec<String>,
    #[serde(flatten)]
    pub action: Action,
}

/// One record's result.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    /// How the record is named: 网格员“张伟”.
    pub label: String,
    /// False when the record already was as asked (nothing written for it).
    pub changed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub action: &'static str,
    pub changed: usize,
    pub unchanged: usize,
    pub items: Vec<Item>,
    /// Where the batch is undone: 回收站 (deletions) or 变更记录.
    pub undo: &'static str,
    /// What else the batch did that the clerk should know, one sentence each (a 公示
    /// dated before a later 公示 change, which then no longer counts).
    pub notes: Vec<String>,
}

/// At most this many records in one batch (a whole registry of a township).
pub const MAX_IDS: usize = 20_000;

/// Runs `input` in `tx`. Refused as a whole at the first record refused.
pub fn run_input(tx: &Tx, input: &BatchInput) -> Result<Outcome> {
    apply(tx, &input.ids, &input.action)
}

/// Applies `action` to every record in `ids` (duplicates once, in the order given;
/// units deleted deepest first, so a village and its grids go together).
pub fn apply(tx: &Tx, ids: &[String], action: &Action) -> Result<Outcome> {
    match action {
        Action::PeopleLeave { date } => run(tx, ids, action, person_label, |tx, id| {
            set_status(tx, id, Status::Left, date)
        }),
        Action::PeopleReturn { date } => run(tx, ids, action, person_label, |tx, id| {
            set_status(tx, id, Status::Active, date)
        }),
        Action::PeopleReassign { unit_id, date } => {
            let unit = hierarchy::find(tx, unit_id.trim())?.ok_or_else(|| {
                Error::validation("unitId", "要调到的网格或单位已不存在，请刷新后重新选择。")
            })?;
            run(tx, ids, action, person_label, |tx, id| {
                reassign(tx, id, &unit, date)
            })
        }
        Action::PeoplePublish { published, date } => {
            // Those whose later 公示 change this one overrides: (name, its day). A
            // date that does not read is refused by the first update, below.
            let day = crate::base::fields::parse_date("date", "变动日期", date)
                .ok()
                .flatten()
                .map(|d| d.to_string());
            let mut overridden: Vec<(String, String)> = Vec::new();
            let mut outcome = run(tx, ids, action, person_label, |tx, id| {
                let p = people::get(tx, id)?;
                if p.published == *published {
                    return Ok(false);
                }
                let mut input = people::input_of(&p);
                input.published = *published;
                input.effective_date = date.clone();
                if let Some(day) = &day {
                    if let Some(later) = people::later_publish_change(tx, &p, day)? {
                        overridden.push((p.name.clone(), later));
                    }
                }
                people::update(tx, id, &input)?;
                Ok(true)
            })?;
            outcome.notes.extend(overrides_note(
                &overridden,
                &day.unwrap_or_default(),
                *published,
            ));
            Ok(outcome)
        }
        Action::FollowUpsDone { date } => {
            // Read once: what each is called and whether it is already done.
            let known: BTreeMap<String, (String, bool)> =
                demands::follow_ups(tx, false, tx.ctx.today())?
                    .into_iter()
                    .map(|f| {
                        let done = f.status == party::FollowUpStatus::Done;
                        (f.id, (format!("跟进事项“{}”", f.decision), done))
                    })
                    .collect();
            let label = |_: &Tx, id: &str| known.get(id).map(|(l, _)| l.clone());
            run(tx, ids, action, label, |tx, id| {
                if known.get(id).is_some_and(|(_, done)| *done) {
                    return Ok(false);
                }
                demands::set_follow_up(tx, id, "done", date)?;
                Ok(true)
            })
        }
        Action::UnitsMove { parent_id } => {
            let parent = parent_id
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty());
            run(tx, ids, action, unit_label, |tx, id| {
                let before = hierarchy::get(tx, id)?;
                let after = hierarchy::move_to(tx, id, parent)?;
                Ok(before.parent_id != after.parent_id)
            })
        }
        Action::UnitsDelete => {
            let mut ordered: Vec<(usize, String)> = Vec::new();
            for id in ids {
                ordered.push((depth(tx, id)?, id.clone()));
            }
            // Deepest first, otherwise as given (a stable sort).
            ordered.sort_by_key(|o| std::cmp::Reverse(o.0));
            let ids: Vec<String> = ordered.into_iter().map(|(_, id)| id).collect();
            run(tx, &ids, action, unit_label, |tx, id| {
                kinds::delete_unit(tx, id)?;
                Ok(true)
            })
        }
        Action::DutyItemsDelete => run(tx, ids, action, duty_item_label, |tx, id| {
            crate::duties::delete_duty_item(tx, id)?;
            Ok(true)
        }),
        Action::DemandsAssign {
            department_id,
            date,
        } => run(tx, ids, action, demand_label, |tx, id| {
            demands::move_to(
                tx,
                id,
                &demands::Move {
                    to: "assigned".into(),
                    date: date.clone(),
                    department_id: department_id.clone(),
                    ..Default::default()
                },
            )?;
            Ok(true)
        }),
    }
}

/// The shared part of every batch: each id once, in order; `change` says whether
/// it wrote anything; the first error stops the batch, named by `label` ("第3项
/// 网格员“张伟”：…"). The caller's transaction then rolls everything back.
fn run(
    tx: &Tx,
    ids: &[String],
    action: &Action,
    label: impl Fn(&Tx, &str) -> Option<String>,
    mut change: impl FnMut(&Tx, &str) -> Result<bool>,
) -> Result<Outcome> {
    if ids.is_empty() {
        return Err(Error::validation("ids", "请先勾选要操作的记录。"));
    }
    if ids.len() > MAX_IDS {
        return Err(Error::validation(
            "ids",
            format!("一次最多操作 {MAX_IDS} 条记录，请缩小筛选范围后分批操作。"),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut items = Vec::new();
    for id in ids.iter().map(|s| s.trim()) {
        if !seen.insert(id) {
            continue;
        }
        let name = label(tx, id);
        match change(tx, id) {
            Ok(changed) => items.push(Item {
                id: id.to_string(),
                label: name.unwrap_or_default(),
                changed,
            }),
            Err(e) => return Err(refusal(e, action, items.len() + 1, name)),
        }
    }
    let changed = items.iter().filter(|i| i.changed).count();
    Ok(Outcome {
        action: action.label(),
        changed,
        unchanged: items.len() - changed,
        items,
        notes: Vec::new(),
        undo: match action {
            Action::UnitsDelete | Action::DutyItemsDelete => "回收站",
            _ => "变更记录",
        },
    })
}

/// The error of the `n`th record, named, saying the whole batch was not kept.
/// Storage and internal errors are not about the record and pass as they are.
fn refusal(e: Error, action: &Action, n: usize, name: Option<String>) -> Error {
    let who = name.unwrap_or_else(|| "（已不存在的记录）".into());
    // The date as the dialog names it: a person's form says 变动日期, the batch
    // dialog 离岗日期, 公示日期 …
    let date_label = match action {
        Action::PeopleLeave { .. } => Some("离岗日期"),
        Action::PeopleReturn { .. } => Some("复岗日期"),
        Action::PeopleReassign { .. } => Some("调岗日期"),
        Action::PeoplePublish {
            published: true, ..
        } => Some("公示日期"),
        Action::PeoplePublish {
            published: false, ..
        } => Some("取消公示日期"),
        _ => None,
    };
    let say = |m: String| {
        let m = match date_label {
            Some(label) => m.replace("变动日期", label),
            None => m,
        };
        format!(
            "批量{}没有执行：第 {n} 项{who}：{m}整批记录都没有改动，请处理后重试。",
            action.label()
        )
    };
    // A message ends with its own punctuation; add a full stop where it has none.
    let said = |m: String| {
        if m.ends_with(['。', '？', '！']) {
            say(m)
        } else {
            say(format!("{m}。"))
        }
    };
    match e {
        Error::Validation { field, message } => Error::Validation {
            field,
            message: said(message),
        },
        Error::Problems(p) => Error::Refused(said(
            p.iter()
                .map(|x| x.message.clone())
                .collect::<Vec<_>>()
                .join(""),
        )),
        Error::NotFound(m) => Error::NotFound(said(m)),
        Error::Conflict { field, message } => Error::Conflict {
            field,
            message: said(message),
        },
        Error::Refused(m) => Error::Refused(said(m)),
        other => other,
    }
}

/// What a batch 公示 (or 取消公示) dated `date` would override: the people of `ids`
/// it changes whose later 公示 change then no longer counts, said before the batch
/// runs (it was said only after). Read only; `None` when there are none or the
/// date does not read (the batch itself refuses it).
pub fn publish_overrides(
    conn: &Connection,
    ids: &[String],
    published: bool,
    date: &str,
) -> Result<Option<String>> {
    let Some(day) = crate::base::fields::parse_date("date", "变动日期", date)
        .ok()
        .flatten()
        .map(|d| d.to_string())
    else {
        return Ok(None);
    };
    let mut overridden: Vec<(String, String)> = Vec::new();
    for id in ids.iter().take(MAX_IDS) {
        let Some(p) = people::find(conn, id.trim())? else {
            continue;
        };
        if p.published == published {
            continue;
        }
        if let Some(later) = people::later_publish_change(conn, &p, &day)? {
            overridden.push((p.name.clone(), later));
        }
    }
    Ok(overrides_note(&overridden, &day, published))
}

/// The sentence for the people (name, the day of their later 公示 change) whose
/// later change a 公示 change dated `day` overrides; `None` for none.
fn overrides_note(overridden: &[(String, String)], day: &str, published: bool) -> Option<String> {
    if overridden.is_empty() {
        return None;
    }
    let named = crate::base::some_of(overridden, 5, "、", "人", |(name, day)| {
        format!("“{name}”（{day}）")
    });
    Some(format!(
        "{named}在 {day} 之后已有一次是否公示的变动，那一次不再计算：自 {day} 起都按“{}”统计。",
        if published { "是" } else { "否" }
    ))
}

/// What a batch 离岗 of `ids` would leave behind: the base grids it leaves with no
/// 网格员 in post, said in its dialog before 确定 (coverage fell without a word:
/// probe AN); `None` when every grid keeps one.
pub fn leave_empties(conn: &Connection, ids: &[String]) -> Result<Option<String>> {
    let ids: Vec<String> = ids
        .iter()
        .take(MAX_IDS)
        .map(|i| i.trim().to_string())
        .collect();
    let emptied = people::coverage::grids_emptied_by(conn, &ids)?;
    Ok(people::coverage::emptied_said(&emptied, "办理后"))
}

fn person_label(tx: &Tx, id: &str) -> Option<String> {
    people::find(tx, id).ok().flatten().map(|p| p.describe())
}

fn unit_label(tx: &Tx, id: &str) -> Option<String> {
    hierarchy::find(tx, id).ok().flatten().map(|u| u.describe())
}

fn duty_item_label(tx: &Tx, id: &str) -> Option<String> {
    ledger::find::<crate::duties::DutyItem>(tx, id)
        .ok()
        .flatten()
        .map(|d| ledger::Document::summary(&d))
}

fn demand_label(tx: &Tx, id: &str) -> Option<String> {
    ledger::find::<Demand>(tx, id)
        .ok()
        .flatten()
        .map(|d| ledger::Document::summary(&d))
}

/// 离岗 or 复岗 through the person's own update (its checks: the date not after
/// today, the record still valid); already so: nothing written.
fn set_status(tx: &Tx, id: &str, status: Status, date: &str) -> Result<bool> {
    let p = people::get(tx, id)?;
    if p.status == status {
        return Ok(false);
    }
    let mut input = people::input_of(&p);
    input.status = status.as_str().into();
    input.effective_date = date.into();
    people::update(tx, id, &input)?;
    Ok(true)
}

/// 调岗: the person's role that serves units of the target's kind now serves the
/// target only (a grid worker moved to another base grid).
fn reassign(tx: &Tx, id: &str, unit: &Unit, date: &str) -> Result<bool> {
    let p: Person = people::get(tx, id)?;
    // Someone who has left is not moved (probe S: a 调岗 went into 陈刚's 履历 after
    // his 离岗); 批量离岗 likewise leaves alone who has left already.
    if p.status == people::Status::Left {
        return Err(Error::Refused(format!(
            "{}已离岗，不能调岗。如已回来工作，请先复岗，再调岗；不调他（她）的，请取消勾选。",
            p.describe()
        )));
    }
    let Some(at) = p
        .roles
        .iter()
        .position(|r| r.role.unit_kinds().contains(&unit.kind))
    else {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.role.label()).collect();
        return Err(Error::Refused(format!(
            "{}的身份是{}，不能调到{}。",
            p.describe(),
            if roles.is_empty() {
                "（无）".to_string()
            } else {
                roles.join("、")
            },
            unit.describe()
        )));
    };
    if p.roles[at].unit_ids == [unit.id.clone()] {
        return Ok(false);
    }
    let mut input = people::input_of(&p);
    input.roles[at].unit_ids = vec![unit.id.clone()];
    input.effective_date = date.into();
    people::update(tx, id, &input)?;
    Ok(true)
}

/// How far below the office a unit is (a village is 0); a missing unit is 0, and
/// its deletion is refused by `delete_unit` in turn.
fn depth(tx: &Tx, id: &str) -> Result<usize> {
    let mut n = 0;
    let mut cursor: Option<String> = Some(id.to_string());
    while let Some(at) = cursor {
        if n > 16 {
            break;
        }
        cursor = tx
            .row("SELECT parent_id FROM units WHERE id = ?1", [&at], |r| {
                r.get::<_, Option<String>>(0)
            })
            .ok()
            .flatten();
        if cursor.is_some() {
            n += 1;
        }
    }
    Ok(n)
}
