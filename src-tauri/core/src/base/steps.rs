//! One step machine for every dated workflow (co-building projects, demands, and
//! the admissions and rectifications to come). A workflow is declared as data — a
//! [`Flow`] of [`Step`]s, each naming the fields a move to it needs — and the
//! machine applies the same rules to all of them:
//!
//! - forward one step at a time along the main line;
//! - back to any earlier step of the main line, only with a reason;
//! - an *end* step (a refusal such as 不予通过) is reached only from the steps it
//!   names, needs a reason, and closes the workflow: no move leaves it;
//! - every move is dated, never before the previous step's date;
//! - every move is kept in the history (the domain's own event type, or
//!   [`Tracked`] for a workflow with nothing else to record).
//!
//! The machine also lists the moves allowed from a step ([`Flow::moves`]), with
//! their labels, so the UI shows what the core allows and decides nothing itself.
//! Nothing here knows a domain: steps are keys (the domain's stored strings).

use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};

/// A value a move to a step needs (or may take), declared as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The input's name (camelCase, as the UI sends it).
    pub name: &'static str,
    pub label: &'static str,
    pub required: bool,
    /// The message when a required field is missing; empty gives
    /// "{action}要填写{label}。".
    pub missing: &'static str,
}

impl Field {
    pub const fn required(name: &'static str, label: &'static str, missing: &'static str) -> Field {
        Field {
            name,
            label,
            required: true,
            missing,
        }
    }
    pub const fn optional(name: &'static str, label: &'static str) -> Field {
        Field {
            name,
            label,
            required: false,
            missing: "",
        }
    }
}

/// One step of a workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The stored string (the domain's status value).
    pub key: &'static str,
    pub label: &'static str,
    /// What the move that reaches this step is called (开始实施, 交办, 不予通过).
    pub action: &'static str,
    /// What a move to this step needs besides its date.
    pub fields: &'static [Field],
    /// A line the UI shows with the move (what its date means), or empty.
    pub hint: &'static str,
    /// Empty: the step is on the main line, reached from the step before it.
    /// Otherwise the step is an end reached only from these steps (by key), with a
    /// reason, and no move leaves it.
    pub ends_from: &'static [&'static str],
}

impl Step {
    /// A step of the main line.
    pub const fn main(
        key: &'static str,
        label: &'static str,
        action: &'static str,
        fields: &'static [Field],
    ) -> Step {
        Step {
            key,
            label,
            action,
            fields,
            hint: "",
            ends_from: &[],
        }
    }
    /// The same step with a hint for the UI.
    pub const fn hint(self, hint: &'static str) -> Step {
        Step { hint, ..self }
    }
    /// An end step (a refusal), reached only from `from`.
    pub const fn end(
        key: &'static str,
        label: &'static str,
        action: &'static str,
        from: &'static [&'static str],
    ) -> Step {
        Step {
            key,
            label,
            action,
            fields: &[],
            hint: "",
            ends_from: from,
        }
    }
    pub fn is_end(&self) -> bool {
        !self.ends_from.is_empty()
    }
}

/// A workflow: its steps in order (the main line; end steps may sit anywhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    /// What moves through it, for messages: 项目, 诉求.
    pub noun: &'static str,
    /// What moving forward is called: 推进, 办理.
    pub verb: &'static str,
    pub steps: &'static [Step],
}

/// A move asked for. Dates are `YYYY-MM-DD` (checked by the caller).
#[derive(Clone, Copy)]
pub struct Attempt<'a> {
    /// The record, for messages: 共建项目“助餐点”.
    pub subject: &'a str,
    /// The current step's key.
    pub from: &'a str,
    /// The wanted step's key or label.
    pub to: &'a str,
    pub date: &'a str,
    /// The date of the previous step in the history, if any.
    pub last_date: Option<&'a str>,
    /// Today (passed in, `YYYY-MM-DD`) for a workflow whose steps are things that
    /// have happened: a later date is refused. None: no such check.
    pub today: Option<&'a str>,
    pub reason: &'a str,
    /// Whether the input gives a field (by [`Field::name`]).
    pub given: &'a dyn Fn(&str) -> bool,
}

/// A move the machine allowed: the domain records it and applies its effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: &'static Step,
    pub to: &'static Step,
    pub back: bool,
}

/// A value a field may take, for the UI's select.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldView {
    pub name: &'static str,
    pub label: &'static str,
    pub required: bool,
    /// The values allowed, when the core knows them; empty otherwise.
    pub choices: Vec<Choice>,
}

/// A move the core allows from where a record stands, for the UI to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveOption {
    /// The step's key, sent back as the move's `to`.
    pub to: &'static str,
    /// The step's label: 实施中.
    pub to_label: &'static str,
    /// The button's text: 开始实施, 退回到“已认领”.
    pub label: String,
    pub back: bool,
    pub needs_reason: bool,
    /// Besides the date (always asked, default today).
    pub fields: Vec<FieldView>,
    /// Which command makes it: `move` (the step command) unless the domain says
    /// otherwise (a demand's `escalate`).
    pub action: &'static str,
    /// Why it cannot be made now (nobody has claimed the project yet), else none.
    pub blocked: Option<String>,
    /// What the move records (the step's [`Step::hint`]), or empty.
    pub hint: String,
    /// The earliest day it may be dated (the last step's, [`check_date`]), so the
    /// window says it beside the fields a step lacks, at once (a 审核 lacking its
    /// opinion and dated before the 申请 took two rounds). None: any day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
}

impl Flow {
    fn index(&self, key: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.key == key)
    }

    pub fn step(&self, key: &str) -> Option<&'static Step> {
        // `steps` is 'static: find through it rather than through `self`.
        let steps: &'static [Step] = self.steps;
        steps.iter().find(|s| s.key == key)
    }

    /// A step by key or label (trimmed).
    pub fn parse(&self, s: &str) -> Result<&'static Step> {
        let s = s.trim();
        let steps: &'static [Step] = self.steps;
        steps
            .iter()
            .find(|x| x.key == s || x.label == s)
            .ok_or_else(|| {
                Error::validation(
                    "to",
                    format!(
                        "{}状态“{s}”无法识别，可填：{}。",
                        self.noun,
                        self.steps
                            .iter()
                            .map(|x| x.label)
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                )
            })
    }

    /// The main line's step after `i`, skipping end steps.
    fn next_main(&self, i: usize) -> Option<&'static Step> {
        let steps: &'static [Step] = self.steps;
        steps[i + 1..].iter().find(|s| !s.is_end())
    }

    /// Checks a move against the rules; the caller records it and applies its
    /// effects. Refusals say what to do instead, in Chinese.
    pub fn check(&self, a: &Attempt) -> Result<Transition> {
        let from_i = self.index(a.from).ok_or_else(|| {
            Error::Refused(format!(
                "{}的状态“{}”无法识别，请刷新后再试。",
                a.subject, a.from
            ))
        })?;
        let steps: &'static [Step] = self.steps;
        let from = &steps[from_i];
        let to = self.parse(a.to)?;
        let to_i = self.index(to.key).unwrap_or(from_i);
        if to_i == from_i {
            return Err(Error::Refused(format!(
                "{}已经是“{}”。",
                a.subject, to.label
            )));
        }
        if from.is_end() {
            return Err(Error::Refused(format!(
                "{}已经“{}”，流程已结束，不能再改变状态。",
                a.subject, from.label
            )));
        }
        let back = !to.is_end() && to_i < from_i;
        if to.is_end() {
            if !to.ends_from.contains(&from.key) {
                let at: Vec<String> = to
                    .ends_from
                    .iter()
                    .filter_map(|k| self.step(k))
                    .map(|s| format!("“{}”", s.label))
                    .collect();
                return Err(Error::Refused(format!(
                    "只有在{}时才能{}，现在是“{}”。",
                    at.join("或"),
                    to.action,
                    from.label
                )));
            }
        } else if !back && self.next_main(from_i).map(|s| s.key) != Some(to.key) {
            return Err(Error::Refused(match self.next_main(from_i) {
                Some(next) => format!(
                    "{}要一步一步{}：现在是“{}”，下一步是“{}”，不能直接到“{}”。",
                    self.noun, self.verb, from.label, next.label, to.label
                ),
                None => format!(
                    "{}已经到了最后一步“{}”，不能再往前。",
                    self.noun, from.label
                ),
            }));
        }
        check_date(a.last_date, a.date)?;
        check_not_future(a.today, a.date, if back { "退回" } else { to.action })?;
        let reason = a.reason.trim();
        if back && reason.is_empty() {
            return Err(Error::validation(
                "reason",
                format!(
                    "把{}从“{}”退回到“{}”要写明原因。",
                    self.noun, from.label, to.label
                ),
            ));
        }
        if to.is_end() && reason.is_empty() {
            return Err(Error::validation(
                "reason",
                format!("{}要写明原因。", to.action),
            ));
        }
        if !back {
            // Every field the step lacks at once (a clerk fixed 审核日期, imported
            // again and only then heard of 审核意见).
            let missing: Vec<_> = to
                .fields
                .iter()
                .filter(|f| f.required && !(a.given)(f.name))
                .collect();
            if let Some(first) = missing.first() {
                let plain: Vec<&str> = missing
                    .iter()
                    .filter(|f| f.missing.is_empty())
                    .map(|f| f.label)
                    .collect();
                let mut said: Vec<String> = Vec::new();
                if !plain.is_empty() {
                    said.push(format!("{}要填写{}。", to.action, plain.join("、")));
                }
                said.extend(
                    missing
                        .iter()
                        .filter(|f| !f.missing.is_empty())
                        .map(|f| f.missing.to_string()),
                );
                return Err(Error::validation(first.name, said.concat()));
            }
        }
        Ok(Transition { from, to, back })
    }

    /// The moves allowed from `from`: the next step, the ends reachable from here,
    /// then back to each earlier step, nearest first. None from an end step.
    pub fn moves(&self, from: &str) -> Vec<MoveOption> {
        let Some(i) = self.index(from) else {
            return Vec::new();
        };
        let steps: &'static [Step] = self.steps;
        let here = &steps[i];
        if here.is_end() {
            return Vec::new();
        }
        let forward = |s: &'static Step, needs_reason: bool| MoveOption {
            to: s.key,
            to_label: s.label,
            label: s.action.to_string(),
            back: false,
            needs_reason,
            fields: s
                .fields
                .iter()
                .map(|f| FieldView {
                    name: f.name,
                    label: f.label,
                    required: f.required,
                    choices: Vec::new(),
                })
                .collect(),
            action: "move",
            blocked: None,
            hint: s.hint.to_string(),
            not_before: None,
        };
        let mut out: Vec<MoveOption> = Vec::new();
        if let Some(next) = self.next_main(i) {
            out.push(forward(next, false));
        }
        out.extend(
            steps
                .iter()
                .filter(|s| s.ends_from.contains(&here.key))
                .map(|s| forward(s, true)),
        );
        out.extend(
            steps[..i]
                .iter()
                .rev()
                .filter(|s| !s.is_end())
                .map(|s| MoveOption {
                    to: s.key,
                    to_label: s.label,
                    label: format!("退回到“{}”", s.label),
                    back: true,
                    needs_reason: true,
                    fields: Vec::new(),
                    action: "move",
                    blocked: None,
                    hint: String::new(),
                    not_before: None,
                }),
        );
        out
    }

    /// [`Flow::moves`] of a record whose last step is dated `last` (YYYY-MM-DD):
    /// each says the earliest day it may take.
    pub fn moves_after(&self, from: &str, last: Option<&str>) -> Vec<MoveOption> {
        let mut out = self.moves(from);
        for m in &mut out {
            m.not_before = last.map(|d| d.get(..10).unwrap_or(d).to_string());
        }
        out
    }

    /// Whether the declaration holds together: keys unique and non-empty, a first
    /// step on the main line, ends reached from main-line steps that exist.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let Some(first) = self.steps.first() else {
            return Err(format!("{}的流程没有步骤", self.noun));
        };
        if first.is_end() {
            return Err(format!(
                "{}的第一步“{}”不能是结束步骤",
                self.noun, first.label
            ));
        }
        for (i, s) in self.steps.iter().enumerate() {
            if s.key.is_empty() || s.label.is_empty() || s.action.is_empty() {
                return Err(format!("第 {} 步缺少名称、标签或动作", i + 1));
            }
            if self.steps[..i]
                .iter()
                .any(|x| x.key == s.key || x.label == s.label)
            {
                return Err(format!("步骤“{}”重复", s.label));
            }
            for k in s.ends_from {
                match self.step(k) {
                    Some(x) if !x.is_end() => {}
                    _ => {
                        return Err(format!(
                            "“{}”只能从主线上已有的步骤到达，“{k}”不是",
                            s.label
                        ))
                    }
                }
            }
        }
        Ok(())
    }
}

/// An imported row's fields that belong to steps: the first one filled in although
/// the row's `status` has not reached its step (it would be dropped without a
/// word), as (field, step, label). `fields`: (field, filled, step, label).
pub fn filled_ahead<S: Copy + PartialOrd>(
    status: S,
    fields: &[(&'static str, bool, S, &'static str)],
) -> Option<(&'static str, S, &'static str)> {
    fields
        .iter()
        .find(|(_, filled, step, _)| *filled && status < *step)
        .map(|(field, _, step, label)| (*field, *step, *label))
}

/// A step that has happened (办结, 开始实施 …) is not dated after today (`YYYY-MM-DD`
/// compare as text); `today` None checks nothing.
pub fn check_not_future(today: Option<&str>, date: &str, action: &str) -> Result<()> {
    match today.filter(|t| date > *t) {
        Some(today) => Err(Error::validation(
            "date",
            format!("{action}的日期 {date} 晚于今天（{today}）：已经发生的步骤不能填将来的日期。"),
        )),
        None => Ok(()),
    }
}

/// The reason of a move back with what it clears kept in it: a step undone takes its
/// fields from the record (the history keeps only the step and its date), so their
/// values stay in the step that undid them, `原因（退回前的办理结果：…；评价意见：…）`.
/// `cleared` as (label, value); empty values are left out. Cut to what a package
/// carries in one text ([`crate::base::fields::MAX_TEXT_CHARS`]): a longer reason
/// made every later export refused at the county.
pub fn reason_keeping(reason: &str, cleared: &[(&str, &str)]) -> String {
    let kept: Vec<String> = cleared
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(label, v)| format!("{label}：{}", v.trim()))
        .collect();
    if kept.is_empty() {
        return reason.to_string();
    }
    let text = kept.join("；");
    let room = crate::base::fields::MAX_TEXT_CHARS
        .saturating_sub(reason.chars().count() + "（退回前的…）".chars().count());
    let mut cut: String = text.chars().take(room).collect();
    if cut.chars().count() < text.chars().count() {
        cut.push('…');
    }
    format!("{reason}（退回前的{cut}）")
}

/// Where a history (its moves as (date, step reached), in the order they were
/// made) stood at the end of `day` with regard to `step`: the day of the move that
/// last brought it to `step` or beyond, when it had not gone back below it by then;
/// `None` when it stood before `step`. A period counts a record as it stood at its
/// end: a project completed on 11-20 and sent back on 12-01 stays completed in
/// November (probe N: 退回 rewrote a reported month).
pub fn reached_by<'a, S: PartialOrd + Copy + 'a>(
    moves: impl IntoIterator<Item = (&'a str, S)>,
    step: S,
    day: &str,
) -> Option<String> {
    let mut since: Option<&str> = None;
    for (date, to) in moves {
        if crate::base::period::day_of(date) > day {
            continue;
        }
        if to < step {
            since = None;
        } else if since.is_none() {
            since = Some(date);
        }
    }
    since.map(str::to_string)
}

/// Whether a history holds a move back (退回): only then can a past day's step
/// differ from what the record's fields say now.
pub fn went_back<S: PartialOrd + Copy>(moves: impl IntoIterator<Item = (Option<S>, S)>) -> bool {
    moves
        .into_iter()
        .any(|(from, to)| from.is_some_and(|f| to < f))
}

/// A step's date may not be before the previous step's (`YYYY-MM-DD` compare as
/// text). For moves the machine does not make itself (a demand's escalation).
pub fn check_date(last: Option<&str>, date: &str) -> Result<()> {
    match last.filter(|d| *d > date) {
        Some(last) => Err(Error::validation(
            "date",
            format!("日期不能早于上一步的日期 {last}。"),
        )),
        None => Ok(()),
    }
}

/// The corrected day `date` of a record's step named `step` (改日期: a 完成日期 typed
/// wrong): a date, not before the step before it (`before`), not after the step
/// after it (`after`, none for the latest), not after `today`. Correcting it this
/// way moves the step itself; a 退回 and a new step made the wrong day count in its
/// own period too (probe X: one project 已完成 in two quarters), and an evaluated
/// project's 完成日期 could be mended only so (probe Y).
pub fn check_redate(
    before: &str,
    after: Option<&str>,
    date: &str,
    today: &str,
    step: &str,
) -> Result<String> {
    let date = crate::base::fields::date_field("date", "日期", date)?
        .ok_or_else(|| Error::validation("date", "请填写改正后的日期，如 2026-10-15。"))?;
    if date.as_str() < before {
        return Err(Error::validation(
            "date",
            format!("“{step}”的日期不能早于上一步的日期 {before}。"),
        ));
    }
    if let Some(after) = after.filter(|a| date.as_str() > *a) {
        return Err(Error::validation(
            "date",
            format!("“{step}”的日期不能晚于下一步的日期 {after}。"),
        ));
    }
    check_not_future(Some(today), &date, step)?;
    Ok(date)
}

/// A step's note after its day was corrected from `old` to `new` (改日期): the note
/// as it was, then （日期由 old 改为 new）, the first day kept through later
/// corrections; the note back as it was when the day is its first again. The
/// timeline shows it (a correction left no mark there, probe AD).
pub fn note_redate(reason: &str, old: &str, new: &str) -> String {
    const MARK: &str = "（日期由 ";
    let (note, first) = match reason.rfind(MARK) {
        Some(at) if reason.ends_with('）') => {
            let first = reason[at + MARK.len()..]
                .split(' ')
                .next()
                .unwrap_or(old)
                .to_string();
            (&reason[..at], first)
        }
        _ => (reason, old.to_string()),
    };
    if first == new {
        note.to_string()
    } else {
        format!("{note}{MARK}{first} 改为 {new}）")
    }
}

/// Which step of `n` a 改日期 asks for: `index` (0 is the record's registration,
/// dated by its own field), none the latest. `None` when there is no such step.
pub fn redated_index(n: usize, index: Option<usize>) -> Option<usize> {
    let i = index.unwrap_or(n.checked_sub(1)?);
    (1..n).contains(&i).then_some(i)
}

/// One entry of a [`Tracked`] history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub date: String,
    pub from: Option<String>,
    pub to: String,
    pub reason: String,
    pub recorded_at: String,
}

/// Where a record stands in a flow, and how it got there: for a workflow that
/// needs nothing besides the step and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracked {
    pub step: String,
    pub history: Vec<Entry>,
}

impl Flow {
    /// A record at the first step, dated.
    pub fn start(&self, date: &str, reason: &str, recorded_at: &str) -> Tracked {
        let first = self.steps.first().map_or("", |s| s.key);
        Tracked {
            step: first.to_string(),
            history: vec![Entry {
                date: date.to_string(),
                from: None,
                to: first.to_string(),
                reason: reason.to_string(),
                recorded_at: recorded_at.to_string(),
            }],
        }
    }

    /// Checks a move and records it.
    pub fn advance(&self, t: &mut Tracked, asked: &Asked, recorded_at: &str) -> Result<Transition> {
        let step = t.step.clone();
        let m = self.check(&Attempt {
            subject: asked.subject,
            from: &step,
            to: asked.to,
            date: asked.date,
            last_date: t.history.last().map(|e| e.date.as_str()),
            today: None,
            reason: asked.reason,
            given: asked.given,
        })?;
        t.history.push(Entry {
            date: asked.date.to_string(),
            from: Some(m.from.key.to_string()),
            to: m.to.key.to_string(),
            reason: asked.reason.trim().to_string(),
            recorded_at: recorded_at.to_string(),
        });
        t.step = m.to.key.to_string();
        Ok(m)
    }
}

/// A move asked of a [`Tracked`] record (which knows where it stands).
#[derive(Clone, Copy)]
pub struct Asked<'a> {
    pub subject: &'a str,
    pub to: &'a str,
    pub date: &'a str,
    pub reason: &'a str,
    pub given: &'a dyn Fn(&str) -> bool,
}

#[cfg(test)]
mod tests;
