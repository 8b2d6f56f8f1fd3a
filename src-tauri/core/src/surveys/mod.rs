//! 问卷与电话回访 (issue 16, item 6): the public-satisfaction part of assessment.
//!
//! - A questionnaire (问卷) is a document: title, period, a satisfaction scale
//!   (满意/基本满意/不满意 or 1–5) and its questions, each a choice question with its
//!   own options or a satisfaction question answered on the scale.
//! - A returned questionnaire (问卷答卷) is one row per paper, per community, with
//!   its 编号 (the number written on the paper, unique within the questionnaire: a
//!   re-import finds the row again by it) and one answer per question.
//! - A phone call-back (电话回访) is dated, per community, names who was called (the
//!   phone shown masked) and its topic (a demand, a sampled compound, general), with
//!   its result 满意/基本满意/不满意.
//!
//! Satisfaction is counted by sums, so it rolls up from township to county by adding:
//! a **judgment** is one answer to a satisfaction question, one call-back record
//! with a result, or one demand's 回访 (the demands' own call-backs count here; they
//! are not copied as records); a judgment is **satisfied** when it is 满意 or 基本满意
//! (on the 1–5 scale: 5 or 4). The rate is satisfied judgments ÷ judgments.

pub mod sheets;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{take, Error, Result};
use crate::base::fields::{check_not_future, date_field, required, text_field};
use crate::base::identity::{contact_phone, mask_phone};
use crate::base::period::ListPeriod;
use crate::demands::{Demand, Status as DemandStatus};
use crate::hierarchy::{self, Unit, UnitKind};
use crate::sampling::{self, Quarter};
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

/// At most this many questions (the import sheet has a column for each).
pub const MAX_QUESTIONS: usize = 20;
/// A choice question has at least 2 and at most this many options.
pub const MAX_OPTIONS: usize = 10;

labelled_enum! {
    /// The satisfaction scale of a questionnaire's satisfaction questions.
    #[derive(Default, Hash)]
    pub enum Scale: "scale", "满意度量表" {
        #[default]
        Three("three", "满意/基本满意/不满意", "三级", "三档", "满意、基本满意、不满意"),
        Five("five", "1–5 分", "五级", "1-5", "1-5分", "1–5", "五分制"),
    }
}

impl Scale {
    /// The answers a satisfaction question takes, best first.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            Scale::Three => &["满意", "基本满意", "不满意"],
            Scale::Five => &["5", "4", "3", "2", "1"],
        }
    }
    /// Whether an answer on this scale counts as satisfied: 满意 or 基本满意; on
    /// the 1–5 scale 5 or 4.
    pub fn satisfied(self, answer: &str) -> bool {
        match self {
            Scale::Three => matches!(answer, "满意" | "基本满意"),
            Scale::Five => matches!(answer, "5" | "4"),
        }
    }
}

labelled_enum! {
    /// What kind of question.
    #[derive(Default, Hash)]
    pub enum QuestionKind: "kind", "题型" {
        #[default]
        Choice("choice", "选择题", "单选题", "单选"),
        Satisfaction("satisfaction", "满意度题", "满意度", "测评"),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Question {
    pub text: String,
    pub kind: QuestionKind,
    /// The answers it takes (a satisfaction question: its scale's, filled in).
    pub options: Vec<String>,
}

/// A questionnaire's definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Questionnaire {
    pub id: String,
    pub owner_code: String,
    pub title: String,
    /// 测评期间, as the office names it (2026年第四季度).
    pub period: String,
    pub scale: Scale,
    pub questions: Vec<Question>,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Questionnaire, "questionnaires", "问卷", [], |s| format!(
    "问卷“{}”",
    s.title
));

/// One returned questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QuestionnaireResponse {
    pub id: String,
    pub owner_code: String,
    pub questionnaire_id: String,
    /// The village or community (村/社区) it was returned in.
    pub community_id: String,
    /// 编号: the paper's number, unique within its questionnaire.
    pub number: String,
    pub answered_on: Option<String>,
    /// One per question, in order: the option chosen, or "" if not answered.
    pub answers: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

document!(QuestionnaireResponse, "questionnaire_responses", "问卷答卷",
    ["questionnaire_id" => Some(s.questionnaire_id.clone()), "community_id" => Some(s.community_id.clone()), "number" => Some(s.number.clone())],
    |s| format!("{} 号问卷答卷", s.number));

labelled_enum! {
    /// What a call-back was about.
    #[derive(Default, Hash)]
    pub enum Topic: "topic", "回访事项" {
        Demand("demand", "诉求", "诉求回访", "需求"),
        Compound("compound", "抽查小区", "小区", "小区回访"),
        #[default]
        General("general", "一般回访", "一般", "其他"),
    }
}

labelled_enum! {
    /// A call-back's result (the same words as a demand's 回访满意度).
    #[derive(Default, Hash)]
    pub enum CallResult: "result", "回访结果" {
        #[default]
        Satisfied("satisfied", "满意"),
        Basic("basic", "基本满意"),
        Unsatisfied("unsatisfied", "不满意"),
    }
}

impl CallResult {
    pub fn satisfied(self) -> bool {
        self != CallResult::Unsatisfied
    }
}

/// One phone call-back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Callback {
    pub id: String,
    pub owner_code: String,
    pub called_on: String,
    pub community_id: String,
    /// Who was called.
    pub person_name: String,
    /// Stored whole; every view masks it.
    pub phone: String,
    pub topic: Topic,
    /// The demand or compound it was about (none for a general call-back).
    pub topic_ref: Option<String>,
    /// The demand's title or the compound's name when recorded (for lists and
    /// drill-down at the county, which has neither record).
    pub topic_name: String,
    pub result: CallResult,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Callback, "callbacks", "电话回访",
    ["community_id" => Some(s.community_id.clone())],
    |s| format!("{} 对{}的电话回访", s.called_on, s.person_name));

// ---------- questionnaires ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QuestionInput {
    pub text: String,
    pub kind: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QuestionnaireInput {
    pub title: String,
    pub period: String,
    pub scale: String,
    pub questions: Vec<QuestionInput>,
    pub note: String,
}

fn checked_question(i: usize, scale: Scale, q: &QuestionInput) -> Result<Question> {
    let n = i + 1;
    let bad = |m: String| Error::validation("questions", format!("第 {n} 题：{m}"));
    let text = q.text.trim();
    if text.is_empty() {
        return Err(bad("请填写题目。".into()));
    }
    if text.chars().count() > 200 {
        return Err(bad("题目最多 200 个字。".into()));
    }
    let kind = QuestionKind::parse(&q.kind).map_err(|e| bad(e.to_string()))?;
    let options: Vec<String> = match kind {
        QuestionKind::Satisfaction => scale.options().iter().map(|o| o.to_string()).collect(),
        QuestionKind::Choice => {
            let mut out: Vec<String> = Vec::new();
            for (j, o) in q.options.iter().enumerate() {
                let o = o.trim();
                if o.is_empty() {
                    return Err(bad(format!("第 {} 个选项是空的，请填写或删掉它。", j + 1)));
                }
                if o.chars().count() > 40 {
                    return Err(bad(format!("选项“{o}”超过 40 个字。")));
                }
                if out.iter().any(|x| x == o) {
                    return Err(bad(format!("选项“{o}”出现了两次。")));
                }
                if is_letter(o) {
                    return Err(bad(format!(
                        "选项“{o}”只是一个字母，导入时会与选项字母混淆，请写出选项内容。"
                    )));
                }
                out.push(o.to_string());
            }
            if out.len() < 2 {
                return Err(bad("选择题至少要有 2 个选项。".into()));
            }
            if out.len() > MAX_OPTIONS {
                return Err(bad(format!("选择题最多 {MAX_OPTIONS} 个选项。")));
            }
            out
        }
    };
    Ok(Question {
        text: text.to_string(),
        kind,
        options,
    })
}

fn is_letter(s: &str) -> bool {
    s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic())
}

pub(crate) fn checked_questionnaire(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Questionnaire>,
    input: &QuestionnaireInput,
) -> Result<Questionnaire> {
    let title = required("title", "问卷名称", &input.title, 60)?;
    let except = before.map_or("", |b| b.id.as_str());
    if find_by_title(conn, &title)?.is_some_and(|q| q.id != except) {
        return Err(Error::Conflict {
            field: Some("title"),
            message: format!("已经有名为“{title}”的问卷。"),
        });
    }
    let period = required("period", "测评期间", &input.period, 30)?;
    let scale = Scale::parse(&input.scale)?;
    if input.questions.is_empty() {
        return Err(Error::validation("questions", "问卷至少要有 1 道题。"));
    }
    if input.questions.len() > MAX_QUESTIONS {
        return Err(Error::validation(
            "questions",
            format!(
                "问卷最多 {MAX_QUESTIONS} 道题，现在是 {} 道。",
                input.questions.len()
            ),
        ));
    }
    let questions = input
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| checked_question(i, scale, q))
        .collect::<Result<Vec<_>>>()?;
    if let Some(b) = before {
        // Answers are stored by position: once papers are in, the questions and
        // their options stay (wording may be corrected).
        let n = response_count(conn, &b.id)?;
        let shape = |qs: &[Question]| -> Vec<(QuestionKind, usize)> {
            qs.iter().map(|q| (q.kind, q.options.len())).collect()
        };
        if n > 0 && (shape(&b.questions) != shape(&questions) || b.scale != scale) {
            // The first question that changed shape, named as the import's column
            // names it (第 4 题：…); a change of scale or of the number of questions,
            // the questionnaire as a whole.
            let (old, new) = (shape(&b.questions), shape(&questions));
            let at = (b.scale == scale && old.len() == new.len())
                .then(|| old.iter().zip(&new).position(|(a, b)| a != b))
                .flatten()
                .map(|i| format!("第 {} 题：", i + 1))
                .unwrap_or_default();
            return Err(Error::validation(
                "questions",
                format!("{at}这份问卷已有 {n} 份答卷，不能再增删题目、选项或改量表（可以修改文字）。如需改卷，请新建一份问卷。"),
            ));
        }
        if n > 0 {
            papers_keep_their_answers(&b.questions, &questions, n)?;
            // A 测评期间 moved after its papers: one answered before it is said (it
            // saved unsaid, probe P), as a paper dated so is refused.
            if let Ok(p) = crate::base::period::Period::parse("period", &period) {
                let start = p.from.to_string();
                let early =
                    ledger::list_by::<QuestionnaireResponse>(conn, "questionnaire_id", &b.id)?
                        .into_iter()
                        .filter_map(|r| r.answered_on)
                        .filter(|d| *d < start)
                        .min();
                if let Some(d) = early {
                    return Err(Error::validation(
                        "period",
                        format!(
                            "这份问卷已有答卷填写于 {d}，早于{}（{start} 起）。测评期间不能改成这样；请核对测评期间。",
                            p.label()
                        ),
                    ));
                }
            }
        }
    }
    let note = text_field("note", "备注", &input.note, 500)?;
    let now = ctx.stamp();
    Ok(Questionnaire {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        title,
        period,
        scale,
        questions,
        note,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// A questionnaire with `n` papers, reworded from `before` to `after` (same shape):
/// every paper must keep its answers. A paper holds its answer to each question by
/// the question's place and the option's text, so a question may not take another
/// one's place, and an option reworded in place is carried into the papers
/// ([`option_renames`]) while options only put in another order need nothing.
fn papers_keep_their_answers(before: &[Question], after: &[Question], n: usize) -> Result<()> {
    for (i, q) in after.iter().enumerate() {
        let moved = before
            .iter()
            .enumerate()
            .find(|(j, b)| *j != i && b.text == q.text && before[i].text != q.text);
        if let Some((j, _)) = moved {
            return Err(Error::validation(
                "questions",
                format!(
                    "第 {} 题：题目是原来的第 {} 题。这份问卷已有 {n} 份答卷，答卷按题目的位置保存，不能调换题目的顺序（可以修改题目的文字）。",
                    i + 1,
                    j + 1
                ),
            ));
        }
        if let Err(option) = option_renames(&before[i].options, &q.options) {
            return Err(Error::validation(
                "questions",
                format!(
                    "第 {} 题：选项“{option}”改了文字，同时调换了选项的顺序。这份问卷已有 {n} 份答卷，请分两次修改：先只改文字，保存后再调顺序。",
                    i + 1
                ),
            ));
        }
    }
    Ok(())
}

/// The options of a question with papers reworded from `old` to `new` (as many):
/// each option no longer there whose place now holds a text that is new, as
/// (old, new). Options only put in another order: none. `Err(option)` when an
/// option's place holds another of the old options (reworded and reordered at
/// once: which paper meant which cannot be told).
fn option_renames<'a>(
    old: &'a [String],
    new: &'a [String],
) -> std::result::Result<Vec<(&'a str, &'a str)>, &'a str> {
    let mut renames = Vec::new();
    for (o, n) in old.iter().zip(new) {
        if new.contains(o) {
            continue;
        }
        if old.contains(n) {
            return Err(o);
        }
        renames.push((o.as_str(), n.as_str()));
    }
    Ok(renames)
}

/// The questionnaire titled `title`, if any.
pub(crate) fn find_by_title(conn: &Connection, title: &str) -> Result<Option<Questionnaire>> {
    Ok(
        ledger::list_by_json::<Questionnaire>(conn, "$.title", title.trim())?
            .into_iter()
            .next(),
    )
}

fn response_count(conn: &Connection, questionnaire_id: &str) -> Result<usize> {
    ledger::count_by::<QuestionnaireResponse>(conn, "questionnaire_id", questionnaire_id)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireView {
    #[serde(flatten)]
    pub questionnaire: Questionnaire,
    pub scale_label: &'static str,
    pub responses: usize,
}

/// Every questionnaire, newest first, with how many papers each has.
pub fn questionnaires(conn: &Connection) -> Result<Vec<QuestionnaireView>> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT questionnaire_id, count(*) FROM questionnaire_responses GROUP BY questionnaire_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (id, n) = row?;
        counts.insert(id, n as usize);
    }
    let mut all = ledger::list::<Questionnaire>(conn)?;
    all.reverse();
    Ok(all
        .into_iter()
        .map(|q| QuestionnaireView {
            scale_label: q.scale.label(),
            responses: counts.get(&q.id).copied().unwrap_or(0),
            questionnaire: q,
        })
        .collect())
}

pub fn create_questionnaire(tx: &Tx, input: &QuestionnaireInput) -> Result<Questionnaire> {
    ledger::upsert(tx, None, input, checked_questionnaire)
}

pub fn update_questionnaire(
    tx: &Tx,
    id: &str,
    input: &QuestionnaireInput,
) -> Result<Questionnaire> {
    let (before, after) = ledger::upsert_from(tx, Some(id), input, checked_questionnaire)?;
    if let Some(b) = before {
        answers_follow_options(tx, &b, &after)?;
    }
    Ok(after)
}

/// An option reworded on a questionnaire with papers ([`option_renames`]; the
/// wording is all its papers allow to change): each paper that chose it now holds the new
/// wording, in the same transaction, so that its figures and its Excel export (which
/// the answers' import reads back) still find it.
pub(crate) fn answers_follow_options(
    tx: &Tx,
    before: &Questionnaire,
    after: &Questionnaire,
) -> Result<()> {
    let renamed: Vec<Vec<(&str, &str)>> = after
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let old = before.questions.get(i).map_or(&[][..], |b| &b.options[..]);
            option_renames(old, &q.options).unwrap_or_default()
        })
        .collect();
    if renamed.iter().all(Vec::is_empty) {
        return Ok(());
    }
    for paper in ledger::list_by::<QuestionnaireResponse>(tx, "questionnaire_id", &after.id)? {
        let mut changed = paper.clone();
        for (answer, pairs) in changed.answers.iter_mut().zip(&renamed) {
            if let Some((_, new)) = pairs.iter().find(|(old, _)| old == answer) {
                *answer = new.to_string();
            }
        }
        if changed.answers != paper.answers {
            changed.updated_at = tx.ctx.stamp();
            ledger::save_known(tx, Some(&paper), &changed)?;
        }
    }
    Ok(())
}

/// Deletes a questionnaire into the recycle bin; refused while it has papers.
pub fn delete_questionnaire(tx: &Tx, id: &str) -> Result<Entry> {
    let n = response_count(tx, id)?;
    if n > 0 {
        return Err(Error::Refused(format!(
            "这份问卷还有 {n} 份答卷，请先删除答卷再删除问卷。"
        )));
    }
    ledger::delete::<Questionnaire>(tx, id)
}

// ---------- answers ----------

/// The option `cell` names for question `q`: the option's text, its letter (A =
/// the first option), or on the 1–5 scale the number (5.0 as Excel writes it).
/// "" stays "" (not answered).
pub fn resolve_answer(q: &Question, cell: &str) -> std::result::Result<String, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(String::new());
    }
    if let Some(o) = q.options.iter().find(|o| o.as_str() == cell) {
        return Ok(o.clone());
    }
    if is_letter(cell) {
        let i = (cell.to_ascii_uppercase().as_bytes()[0] - b'A') as usize;
        if let Some(o) = q.options.get(i) {
            return Ok(o.clone());
        }
    }
    if let Some(n) = cell.strip_suffix(".0") {
        if let Some(o) = q.options.iter().find(|o| o.as_str() == n) {
            return Ok(o.clone());
        }
    }
    // A.知道 (or A、知道, A．知道, A）知道): the letter and its option, as the refusal
    // below lists them, when the two agree.
    let mut chars = cell.chars();
    if let (Some(letter), Some(mark)) = (chars.next(), chars.next()) {
        let rest = chars.as_str().trim();
        if letter.is_ascii_alphabetic() && ".．、)）:：".contains(mark) {
            let i = (letter.to_ascii_uppercase() as u8 - b'A') as usize;
            if let Some(o) = q.options.get(i).filter(|o| o.as_str() == rest) {
                return Ok(o.clone());
            }
        }
    }
    let letters: Vec<String> = q
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}.{o}", (b'A' + i as u8) as char))
        .collect();
    // A number on a 满意/基本满意/不满意 question: the questionnaire is on the
    // three-level scale, not 1–5 (the template's note named both).
    let scale = if q.kind == QuestionKind::Satisfaction
        && q.options.iter().any(|o| o == "满意")
        && cell.parse::<f64>().is_ok()
    {
        "本题是三级满意度，不按分数填。"
    } else {
        ""
    };
    Err(format!(
        "答案“{cell}”不是本题的选项。{scale}可填：{}（选项内容或字母），不答请留空。",
        letters.join("、")
    ))
}

/// A paper's answers checked against its questionnaire: every bad one, (question
/// index, problem), so a sheet row with three is fixed at once (it took three rounds).
pub fn checked_answers(
    q: &Questionnaire,
    answers: &[String],
) -> std::result::Result<Vec<String>, Vec<(usize, String)>> {
    let mut problems: Vec<(usize, String)> = answers
        .iter()
        .enumerate()
        .skip(q.questions.len())
        .filter(|(_, a)| !a.trim().is_empty())
        .map(|(i, _)| {
            (
                i,
                format!(
                    "问卷“{}”只有 {} 道题，这里不应有答案。",
                    q.title,
                    q.questions.len()
                ),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(q.questions.len());
    for (i, question) in q.questions.iter().enumerate() {
        let cell = answers.get(i).map(String::as_str).unwrap_or("");
        match resolve_answer(question, cell) {
            Ok(a) => out.push(a),
            Err(m) => problems.push((i, m)),
        }
    }
    if problems.is_empty() && out.iter().all(String::is_empty) {
        problems.push((0, "这份答卷没有任何答案。".into()));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort_by_key(|(i, _)| *i);
        Err(problems)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResponseInput {
    pub questionnaire_id: String,
    pub number: String,
    pub community_id: String,
    pub answered_on: String,
    pub answers: Vec<String>,
}

/// A paper answered before its questionnaire's 测评期间 began (2025-12-10 into
/// 2026年第四季度) is refused: it became 2025's only paper, in the form and in a file
/// (probe O: imported, it changed the closed year). One returned late is taken.
pub(crate) fn check_answered_in(q: &Questionnaire, answered_on: Option<&str>) -> Result<()> {
    if let (Some(on), Ok(p)) = (
        answered_on,
        crate::base::period::Period::parse("period", &q.period),
    ) {
        let start = p.from.to_string();
        if on < start.as_str() {
            return Err(Error::validation(
                "answeredOn",
                format!(
                    "填写日期 {on} 早于问卷“{}”的测评期间（{}，{start} 起），请核对日期，或选择那一期的问卷。",
                    q.title,
                    p.label()
                ),
            ));
        }
    }
    Ok(())
}

/// A village or community (村/社区) by id.
fn community(conn: &Connection, id: &str) -> Result<Unit> {
    let u = hierarchy::find(conn, id.trim())?
        .ok_or_else(|| Error::validation("communityId", "请选择村/社区。"))?;
    if u.kind != UnitKind::Village {
        return Err(Error::validation(
            "communityId",
            format!("{}不是村/社区，请选择村/社区。", u.describe()),
        ));
    }
    Ok(u)
}

fn number_taken(conn: &Connection, questionnaire_id: &str, number: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM questionnaire_responses WHERE questionnaire_id = ?1 AND number = ?2",
        )?
        .query_row([questionnaire_id, number], |r| r.get(0))
        .optional()?)
}

pub(crate) fn checked_response(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&QuestionnaireResponse>,
    input: &ResponseInput,
) -> Result<QuestionnaireResponse> {
    let q: Questionnaire = ledger::find(conn, input.questionnaire_id.trim())?
        .ok_or_else(|| Error::validation("questionnaireId", "请选择问卷。"))?;
    // Every field's problem at once (probe R: three rounds for one paper).
    let mut problems: Vec<Error> = Vec::new();
    let p = &mut problems;
    // ９００１ typed in full width is 9001 (it stood beside it as another paper).
    let number = take(
        p,
        required(
            "number",
            "答卷编号",
            &crate::base::canon::half_width(&input.number),
            40,
        )
        .and_then(|number| {
            let except = before.map_or("", |b| b.id.as_str());
            if number_taken(conn, &q.id, &number)?.is_some_and(|id| id != except) {
                return Err(Error::Conflict {
                    field: Some("number"),
                    message: format!("问卷“{}”已有编号为“{number}”的答卷。", q.title),
                });
            }
            Ok(number)
        }),
    );
    let c = take(p, community(conn, &input.community_id));
    let answered_on = take(
        p,
        date_field("answeredOn", "填写日期", &input.answered_on).and_then(|d| {
            check_not_future("answeredOn", "填写日期", d.as_deref(), ctx.today())?;
            check_answered_in(&q, d.as_deref())?;
            Ok(d)
        }),
    );
    let answers = take(
        p,
        checked_answers(&q, &input.answers).map_err(|all| {
            let said: Vec<String> = all
                .iter()
                .map(|(i, m)| format!("第 {} 题：{m}", i + 1))
                .collect();
            Error::validation("answers", said.join("\n"))
        }),
    );
    let (Some(number), Some(c), Some(answered_on), Some(answers)) =
        (number, c, answered_on, answers)
    else {
        return Err(Error::from_problems(problems));
    };
    let now = ctx.stamp();
    Ok(QuestionnaireResponse {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        questionnaire_id: q.id,
        community_id: c.id,
        number,
        answered_on,
        answers,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_response(tx: &Tx, input: &ResponseInput) -> Result<QuestionnaireResponse> {
    ledger::upsert(tx, None, input, checked_response)
}

pub fn update_response(tx: &Tx, id: &str, input: &ResponseInput) -> Result<QuestionnaireResponse> {
    ledger::upsert(tx, Some(id), input, checked_response)
}

pub fn delete_response(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<QuestionnaireResponse>(tx, id)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseView {
    #[serde(flatten)]
    pub response: QuestionnaireResponse,
    pub community_name: String,
}

/// A questionnaire's papers (of one community if given), by number.
pub fn responses(
    conn: &Connection,
    questionnaire_id: &str,
    community_id: Option<&str>,
) -> Result<Vec<ResponseView>> {
    responses_named(
        conn,
        questionnaire_id,
        community_id,
        &community_names(conn)?,
    )
}

/// [`responses`] with the communities' names read once by the caller (an export of
/// every questionnaire's papers reads them once, not once per questionnaire).
pub(crate) fn responses_named(
    conn: &Connection,
    questionnaire_id: &str,
    community_id: Option<&str>,
    names: &HashMap<String, String>,
) -> Result<Vec<ResponseView>> {
    let mut all: Vec<QuestionnaireResponse> =
        ledger::list_by(conn, "questionnaire_id", questionnaire_id)?;
    all.retain(|r| community_id.is_none_or(|c| r.community_id == c));
    all.sort_by_key(|a| number_key(&a.number));
    Ok(all
        .into_iter()
        .map(|r| ResponseView {
            community_name: names.get(&r.community_id).cloned().unwrap_or_default(),
            response: r,
        })
        .collect())
}

fn number_key(n: &str) -> (u64, String) {
    let digits: String = n.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(u64::MAX), n.to_string())
}

pub(crate) fn community_names(conn: &Connection) -> Result<HashMap<String, String>> {
    Ok(hierarchy::list(conn)?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Village)
        .map(|u| (u.id, u.name))
        .collect())
}

// ---------- results ----------

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionCount {
    pub option: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionResult {
    /// 1-based.
    pub number: usize,
    pub text: String,
    pub kind: QuestionKind,
    pub kind_label: &'static str,
    pub options: Vec<OptionCount>,
    /// Papers that answered it.
    pub answered: usize,
    /// Satisfaction questions: answers counted satisfied.
    pub satisfied: Option<usize>,
}

/// Satisfaction of one set of judgments: satisfied ÷ judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub satisfied: usize,
    pub judged: usize,
    pub rate: Option<f64>,
}

impl Rate {
    fn add(&mut self, satisfied: bool) {
        self.judged += 1;
        if satisfied {
            self.satisfied += 1;
        }
        self.rate = Some(self.satisfied as f64 / self.judged as f64);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunityResult {
    pub community_id: String,
    pub community_name: String,
    pub responses: usize,
    #[serde(flatten)]
    pub satisfaction: Rate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub questionnaire_id: String,
    pub title: String,
    pub period: String,
    pub scale_label: &'static str,
    pub responses: usize,
    pub questions: Vec<QuestionResult>,
    /// Over every satisfaction answer of every paper.
    pub satisfaction: Rate,
    /// Per community, by name.
    pub communities: Vec<CommunityResult>,
}

/// The satisfaction answers of one paper: (question index, satisfied).
pub fn judgments<'a>(
    q: &'a Questionnaire,
    r: &'a QuestionnaireResponse,
) -> impl Iterator<Item = (usize, bool)> + 'a {
    q.questions
        .iter()
        .zip(&r.answers)
        .enumerate()
        .filter(|(_, (question, a))| question.kind == QuestionKind::Satisfaction && !a.is_empty())
        .map(|(i, (_, a))| (i, q.scale.satisfied(a)))
}

/// Counts papers per question and option, and satisfaction overall and per
/// community. Pure: `names` maps a community's id to its name.
pub fn tally(
    q: &Questionnaire,
    papers: &[QuestionnaireResponse],
    names: &HashMap<String, String>,
) -> Results {
    let mut questions: Vec<QuestionResult> = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, question)| QuestionResult {
            number: i + 1,
            text: question.text.clone(),
            kind: question.kind,
            kind_label: question.kind.label(),
            options: question
                .options
                .iter()
                .map(|o| OptionCount {
                    option: o.clone(),
                    count: 0,
                })
                .collect(),
            answered: 0,
            satisfied: (question.kind == QuestionKind::Satisfaction).then_some(0),
        })
        .collect();
    let mut overall = Rate::default();
    let mut by_community: HashMap<&str, (usize, Rate)> = HashMap::new();
    for p in papers.iter().filter(|p| p.questionnaire_id == q.id) {
        let c = by_community.entry(p.community_id.as_str()).or_default();
        c.0 += 1;
        for (qr, a) in questions.iter_mut().zip(&p.answers) {
            if a.is_empty() {
                continue;
            }
            if let Some(o) = qr.options.iter_mut().find(|o| &o.option == a) {
                o.count += 1;
                qr.answered += 1;
            }
        }
        for (i, ok) in judgments(q, p) {
            overall.add(ok);
            c.1.add(ok);
            if let (true, Some(n)) = (ok, questions[i].satisfied.as_mut()) {
                *n += 1;
            }
        }
    }
    let mut communities: Vec<CommunityResult> = by_community
        .into_iter()
        .map(|(id, (n, rate))| CommunityResult {
            community_id: id.to_string(),
            community_name: names.get(id).cloned().unwrap_or_default(),
            responses: n,
            satisfaction: rate,
        })
        .collect();
    communities.sort_by(|a, b| {
        a.community_name
            .cmp(&b.community_name)
            .then_with(|| a.community_id.cmp(&b.community_id))
    });
    Results {
        questionnaire_id: q.id.clone(),
        title: q.title.clone(),
        period: q.period.clone(),
        scale_label: q.scale.label(),
        responses: papers.iter().filter(|p| p.questionnaire_id == q.id).count(),
        questions,
        satisfaction: overall,
        communities,
    }
}

/// A questionnaire's results from the store.
pub fn results(conn: &Connection, questionnaire_id: &str) -> Result<Results> {
    let q: Questionnaire = ledger::get(conn, questionnaire_id)?;
    let papers: Vec<QuestionnaireResponse> =
        ledger::list_by(conn, "questionnaire_id", questionnaire_id)?;
    Ok(tally(&q, &papers, &community_names(conn)?))
}

// ---------- call-backs ----------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CallbackInput {
    pub called_on: String,
    pub community_id: String,
    pub person_name: String,
    pub phone: String,
    pub topic: String,
    pub topic_ref: Option<String>,
    pub result: String,
    pub note: String,
}

fn village_id_of_unit(conn: &Connection, id: &str) -> Result<Option<String>> {
    let mut u = hierarchy::find(conn, id)?;
    for _ in 0..8 {
        match u {
            Some(ref x) if x.kind == UnitKind::Village => return Ok(Some(x.id.clone())),
            Some(ref x) => match x.parent_id.clone() {
                Some(p) => u = hierarchy::find(conn, &p)?,
                None => return Ok(None),
            },
            None => return Ok(None),
        }
    }
    Ok(None)
}

/// What a call-back is about: the demand or the sampled compound it names (in
/// the village called), by id and name; nothing for a 一般回访.
fn topic_of(
    conn: &Connection,
    topic: Topic,
    reference: Option<&str>,
    c: &Unit,
    called_on: &str,
    before: Option<&Callback>,
) -> Result<(Option<String>, String)> {
    let reference = reference.map(str::trim).filter(|s| !s.is_empty());
    Ok(match topic {
        Topic::General => (None, String::new()),
        Topic::Demand => {
            let id = reference
                .ok_or_else(|| Error::validation("topicRef", "诉求回访请选择回访的诉求。"))?;
            let d: Demand = ledger::find(conn, id)?.ok_or_else(|| {
                Error::validation("topicRef", "没有找到这条诉求，它可能已被删除。")
            })?;
            (Some(d.id), d.title)
        }
        Topic::Compound => {
            let id = reference
                .ok_or_else(|| Error::validation("topicRef", "小区回访请选择回访的小区。"))?;
            let u = hierarchy::find(conn, id)?
                .filter(|u| u.kind == UnitKind::Compound)
                .ok_or_else(|| Error::validation("topicRef", "请选择一个小区。"))?;
            if village_id_of_unit(conn, &u.id)?.as_deref() != Some(c.id.as_str()) {
                return Err(Error::validation(
                    "topicRef",
                    format!(
                        "小区“{}”不在{}里，请检查村/社区或小区。",
                        u.name,
                        c.describe()
                    ),
                ));
            }
            // Drawn in the call's quarter or the one before (it accepted any compound:
            // probe AJ). A record saved again about the same compound on the same day
            // keeps it, so a redraw since does not lock its note or result.
            let kept = before.is_some_and(|b| {
                b.topic_ref.as_deref() == Some(u.id.as_str()) && b.called_on == called_on
            });
            let on = NaiveDate::parse_from_str(called_on, "%Y-%m-%d").ok();
            if let Some(on) = on.filter(|_| !kept) {
                if sampling::drawing_quarter(conn, &u.id, on)?.is_none() {
                    let q = Quarter::of(on);
                    return Err(Error::validation(
                        "topicRef",
                        format!(
                            "小区“{}”不在{}或{}的抽查样本中。抽查小区回访只记抽中的小区；请核对回访日期和小区，或把回访事项改成“一般回访”。",
                            u.name,
                            q.label(),
                            q.previous().label()
                        ),
                    ));
                }
            }
            (Some(u.id), u.name)
        }
    })
}

/// A masked phone that names no stored call-back's.
fn masked_phone() -> Error {
    Error::validation("phone", "联系电话是隐去中间几位的号码，请填写完整号码。")
}

/// A stored call-back of the person a new row names with a masked number, on
/// another day: the row most likely corrects its 回访日期.
fn same_call_elsewhere(conn: &Connection, input: &CallbackInput) -> Result<Vec<Callback>> {
    let name = crate::base::canon::name_key(&input.person_name);
    let phone = input.phone.trim();
    let mut calls: Vec<Callback> = ledger::list::<Callback>(conn)?
        .into_iter()
        .filter(|c| {
            crate::base::canon::name_key(&c.person_name) == name && mask_phone(&c.phone) == phone
        })
        .collect();
    calls.sort_by(|a, b| a.called_on.cmp(&b.called_on));
    Ok(calls)
}

pub(crate) fn checked_callback(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Callback>,
    input: &CallbackInput,
) -> Result<Callback> {
    // Every field's problem at once (the form said four, one per click: probe O).
    let mut problems: Vec<Error> = Vec::new();
    let p = &mut problems;
    let called_on = take(
        p,
        date_field("calledOn", "回访日期", &input.called_on).and_then(|d| {
            let d = d.ok_or_else(|| Error::validation("calledOn", "请填写回访日期。"))?;
            check_not_future("calledOn", "回访日期", Some(&d), ctx.today())?;
            Ok(d)
        }),
    );
    let c = take(p, community(conn, &input.community_id));
    let person_name = take(
        p,
        required("personName", "被回访人", &input.person_name, 30),
    );
    let phone = take(
        p,
        if input.phone.contains('*') {
            // The masked number a list or export shows: keeps the stored one.
            match before {
                Some(b) if mask_phone(&b.phone) == input.phone.trim() => Ok(b.phone.clone()),
                // The same person and number called on other days: most likely a
                // 回访日期 corrected in a file, said with each of those days (probe T:
                // only the phone was named; probe U: one of two, the wrong one).
                None => {
                    let calls = same_call_elsewhere(conn, input)?;
                    match calls.first() {
                        Some(first) => Err(Error::validation(
                            "calledOn",
                            format!(
                                "已有对“{}”（{}）的电话回访，回访日期是 {}，与这一行不同。如是改了回访日期，请在软件里修改那一条；如是另一次回访，请填写完整的联系电话。",
                                first.person_name,
                                mask_phone(&first.phone),
                                calls
                                    .iter()
                                    .map(|c| c.called_on.as_str())
                                    .collect::<Vec<_>>()
                                    .join("、")
                            ),
                        )),
                        None => Err(masked_phone()),
                    }
                }
                _ => Err(masked_phone()),
            }
        } else {
            contact_phone(&input.phone).map_err(|e| Error::validation("phone", e.to_string()))
        },
    );
    let topic = take(p, Topic::parse(&input.topic));
    let result = take(p, CallResult::parse(&input.result));
    let note = take(p, text_field("note", "备注", &input.note, 500));
    let about = match (topic, &c, &called_on) {
        (Some(t), Some(c), Some(on)) => take(
            p,
            topic_of(conn, t, input.topic_ref.as_deref(), c, on, before),
        ),
        _ => None,
    };
    let (
        Some(called_on),
        Some(c),
        Some(person_name),
        Some(phone),
        Some(topic),
        Some(result),
        Some(note),
        Some((topic_ref, topic_name)),
    ) = (called_on, c, person_name, phone, topic, result, note, about)
    else {
        return Err(Error::from_problems(problems));
    };
    let now = ctx.stamp();
    Ok(Callback {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        called_on,
        community_id: c.id,
        person_name,
        phone,
        topic,
        topic_ref,
        topic_name,
        result,
        note,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn create_callback(tx: &Tx, input: &CallbackInput) -> Result<CallbackView> {
    let c = ledger::upsert(tx, None, input, checked_callback)?;
    Ok(callback_view(c, &community_names(tx)?))
}

pub fn update_callback(tx: &Tx, id: &str, input: &CallbackInput) -> Result<CallbackView> {
    let c = ledger::upsert(tx, Some(id), input, checked_callback)?;
    Ok(callback_view(c, &community_names(tx)?))
}

pub fn delete_callback(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<Callback>(tx, id)
}

/// A call-back as lists show it: the phone masked.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackView {
    pub id: String,
    pub called_on: String,
    pub community_id: String,
    pub community_name: String,
    pub person_name: String,
    pub phone: String,
    pub topic: Topic,
    pub topic_label: &'static str,
    pub topic_ref: Option<String>,
    pub topic_name: String,
    pub result: CallResult,
    pub result_label: &'static str,
    pub note: String,
}

fn callback_view(c: Callback, names: &HashMap<String, String>) -> CallbackView {
    CallbackView {
        community_name: names.get(&c.community_id).cloned().unwrap_or_default(),
        phone: mask_phone(&c.phone),
        topic_label: c.topic.label(),
        result_label: c.result.label(),
        id: c.id,
        called_on: c.called_on,
        community_id: c.community_id,
        person_name: c.person_name,
        topic: c.topic,
        topic_ref: c.topic_ref,
        topic_name: c.topic_name,
        result: c.result,
        note: c.note,
    }
}

/// Every call-back record, newest first.
pub fn callbacks(conn: &Connection) -> Result<Vec<CallbackView>> {
    let names = community_names(conn)?;
    let mut all = ledger::list::<Callback>(conn)?;
    all.sort_by(|a, b| {
        b.called_on
            .cmp(&a.called_on)
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
    Ok(all.into_iter().map(|c| callback_view(c, &names)).collect())
}

/// A demand's 回访 as a call-back: (date, result), when it has been called back.
pub fn demand_callback(d: &Demand) -> Option<(&str, CallResult)> {
    if d.status != DemandStatus::CalledBack {
        return None;
    }
    let result = CallResult::find(d.satisfaction.as_deref()?)?;
    let on = d
        .history
        .iter()
        .rev()
        .find(|e| e.to == DemandStatus::CalledBack)
        .map(|e| e.date.as_str())
        .or(d.resolved_on.as_deref())
        .unwrap_or(d.received_on.as_str());
    Some((on, result))
}

/// A demand's 回访, listed beside the call-back records (read-only here: it is
/// recorded on the demand).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemandCallbackView {
    pub demand_id: String,
    pub title: String,
    pub called_on: String,
    pub community_name: String,
    pub person_name: String,
    pub phone: String,
    pub result: CallResult,
    pub result_label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunityCallbacks {
    pub community_id: String,
    pub community_name: String,
    pub callbacks: usize,
    #[serde(flatten)]
    pub satisfaction: Rate,
}

/// Call-backs counted: the records and the demands' 回访, by result and community.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackSummary {
    pub total: usize,
    pub recorded: usize,
    pub from_demands: usize,
    pub satisfied: usize,
    pub basic: usize,
    pub unsatisfied: usize,
    /// Not flattened: its `satisfied` (满意 and 基本满意) would clash with the
    /// count of 满意 alone above.
    pub satisfaction: Rate,
    pub communities: Vec<CommunityCallbacks>,
    pub demand_callbacks: Vec<DemandCallbackView>,
}

/// Pure: the summary of `records` and the demands' 回访 on or before `as_of`, those
/// dated in `period` (every one under 全部).
pub fn summarize_callbacks(
    records: &[Callback],
    demands: &[Demand],
    units: &[Unit],
    as_of: NaiveDate,
    period: ListPeriod,
) -> CallbackSummary {
    let by_id: HashMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    let day = as_of.to_string();
    let mut s = CallbackSummary {
        total: 0,
        recorded: 0,
        from_demands: 0,
        satisfied: 0,
        basic: 0,
        unsatisfied: 0,
        satisfaction: Rate::default(),
        communities: Vec::new(),
        demand_callbacks: Vec::new(),
    };
    let mut per: HashMap<String, (usize, Rate)> = HashMap::new();
    let mut count = |s: &mut CallbackSummary, community: Option<&Unit>, result: CallResult| {
        s.total += 1;
        match result {
            CallResult::Satisfied => s.satisfied += 1,
            CallResult::Basic => s.basic += 1,
            CallResult::Unsatisfied => s.unsatisfied += 1,
        }
        s.satisfaction.add(result.satisfied());
        let key = community.map(|u| u.id.clone()).unwrap_or_default();
        let e = per.entry(key).or_default();
        e.0 += 1;
        e.1.add(result.satisfied());
    };
    let counted = |on: &str| on <= day.as_str() && period.admits(on);
    for c in records.iter().filter(|c| counted(&c.called_on)) {
        s.recorded += 1;
        count(
            &mut s,
            by_id.get(c.community_id.as_str()).copied(),
            c.result,
        );
    }
    for d in demands {
        let Some((on, result)) = demand_callback(d) else {
            continue;
        };
        if !counted(on) {
            continue;
        }
        s.from_demands += 1;
        let village = d
            .unit_id
            .as_deref()
            .and_then(|u| hierarchy::village_of(&by_id, u));
        count(&mut s, village, result);
        s.demand_callbacks.push(DemandCallbackView {
            demand_id: d.id.clone(),
            title: d.title.clone(),
            called_on: on.to_string(),
            community_name: village.map(|u| u.name.clone()).unwrap_or_default(),
            person_name: d.reporter.clone(),
            phone: mask_phone(&d.reporter_phone),
            result,
            result_label: result.label(),
        });
    }
    s.demand_callbacks
        .sort_by(|a, b| b.called_on.cmp(&a.called_on));
    s.communities = per
        .into_iter()
        .map(|(id, (n, rate))| CommunityCallbacks {
            community_name: by_id
                .get(id.as_str())
                .map(|u| u.name.clone())
                .unwrap_or_else(|| "（未指明村/社区）".into()),
            community_id: id,
            callbacks: n,
            satisfaction: rate,
        })
        .collect();
    s.communities
        .sort_by(|a, b| a.community_name.cmp(&b.community_name));
    s
}

/// 电话回访's counts over `period` (`""` or 全部: every call-back up to today).
pub fn callback_summary(
    conn: &Connection,
    period: &str,
    today: NaiveDate,
) -> Result<CallbackSummary> {
    let period = ListPeriod::parse("period", period)?;
    Ok(summarize_callbacks(
        &ledger::list(conn)?,
        &ledger::list(conn)?,
        &hierarchy::list(conn)?,
        today,
        period,
    ))
}

fn responses_attached(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<QuestionnaireResponse>(conn, "community_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 份问卷答卷")))
}

fn callbacks_attached(conn: &Connection, unit_id: &str) -> Result<Option<String>> {
    let n = ledger::count_by::<Callback>(conn, "community_id", unit_id)?;
    Ok((n > 0).then(|| format!("{n} 次电话回访")))
}

pub static QUESTIONNAIRES: Def = Def {
    // a question's kind, inside `questions`
    fields: &[("questions", "题目")],
    imports: &[&Sheet::<sheets::Questionnaires>::NEW],
    exports: &[Export::of::<sheets::Questionnaires>(sheets::export_rows)],
    ..Def::ledger::<Questionnaire>()
};

pub static QUESTIONNAIRE_RESPONSES: Def = Def {
    fields: &[
        ("questionnaireId", "问卷"),
        ("communityId", "村/社区"),
        ("answers", "答案"),
    ],
    blocks_unit_delete: Some(responses_attached),
    imports: &[&Sheet::<sheets::Responses>::NEW],
    exports: &[Export::of::<sheets::Responses>(sheets::export_rows).with_note("每份答卷一行。")],
    report_keys: &[
        "assessment.questionnaires",
        "assessment.satisfaction",
        "assessment.satisfaction_judged",
    ],
    ..Def::ledger::<QuestionnaireResponse>()
};

pub static CALLBACKS: Def = Def {
    // Declared once, with the import's columns (a change note names the values too).
    fields: &[("communityId", "村/社区"), ("topicRef", "回访的诉求或小区")],
    blocks_unit_delete: Some(callbacks_attached),
    imports: &[&Sheet::<sheets::Callbacks>::NEW],
    exports: &[Export::of::<sheets::Callbacks>(sheets::export_rows)
        .dated_by(&["calledOn"])
        .with_note("诉求里记录的回访不在其中。")],
    report_keys: &["assessment.callbacks"],
    ..Def::ledger::<Callback>()
};
