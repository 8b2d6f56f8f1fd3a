//! Excel in and out for returned questionnaires (问卷答卷) and phone call-backs
//! (电话回访). Papers come in at volume (tens of thousands per county): their sheet
//! resolves questionnaires, communities and the stored papers once per file (a
//! per-file index), and writes each row with cached statements in the import's one
//! transaction, so a row costs no lookup query. Columns are in `docs/IMPORT.md`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::demands::Demand;
use crate::hierarchy::sheets::unit_by;
use crate::hierarchy::UnitKind;
use crate::sheets::import::{col, Applied, Column, FileLookup, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, Problems, Refs};
use crate::store::ledger;
use crate::store::{new_id, office, Tx};
use crate::surveys::{
    self, Callback, CallbackInput, QuestionInput, Questionnaire, QuestionnaireInput,
    QuestionnaireResponse, Topic, MAX_QUESTIONS,
};

// ---------- returned questionnaires ----------

pub struct Responses;

macro_rules! question_columns {
    ($($key:literal, $header:literal, $a1:literal, $a2:literal;)*) => {
        /// The keys of the answer columns, question by question.
        const ANSWER_KEYS: &[&str] = &[$($key),*];
        static RESPONSE_COLUMNS: &[Column] = &[
            col(
                "questionnaire",
                "问卷",
                &["问卷名称", "问卷标题"],
                false,
                false,
                "问卷的名称，与系统中建立的问卷一致；只有一份问卷时可不填。",
                20.0,
            ),
            col(
                "number",
                "编号",
                &["答卷编号", "问卷编号", "序号"],
                true,
                true,
                "答卷上的编号，同一问卷内不重复；再次导入同一编号时更新。",
                10.0,
            ),
            col(
                "community",
                "村/社区",
                &["所属村/社区", "村社区"],
                true,
                false,
                "填写答卷所在村/社区的名称或代码。",
                14.0,
            ),
            col(
                "answeredOn",
                "填写日期",
                &["日期", "调查日期"],
                false,
                false,
                "如 2026-11-20。",
                12.0,
            ),
            $(col(
                $key,
                $header,
                &[$a1, $a2],
                false,
                false,
                "所选选项的内容或字母（A 为第一个选项）；满意度题按问卷的量表填：三级填 满意/基本满意/不满意，五级填 1–5 分；不答留空。",
                10.0,
            ),)*
        ];
    };
}

/// The twenty question columns (key, header, two aliases), given to `$then!`: the
/// answer sheet's and the questionnaire definition's (one list for both).
macro_rules! twenty_questions {
    ($then:ident) => {
        $then! {
            "q1", "第1题", "题1", "Q1";
            "q2", "第2题", "题2", "Q2";
            "q3", "第3题", "题3", "Q3";
            "q4", "第4题", "题4", "Q4";
            "q5", "第5题", "题5", "Q5";
            "q6", "第6题", "题6", "Q6";
            "q7", "第7题", "题7", "Q7";
            "q8", "第8题", "题8", "Q8";
            "q9", "第9题", "题9", "Q9";
            "q10", "第10题", "题10", "Q10";
            "q11", "第11题", "题11", "Q11";
            "q12", "第12题", "题12", "Q12";
            "q13", "第13题", "题13", "Q13";
            "q14", "第14题", "题14", "Q14";
            "q15", "第15题", "题15", "Q15";
            "q16", "第16题", "题16", "Q16";
            "q17", "第17题", "题17", "Q17";
            "q18", "第18题", "题18", "Q18";
            "q19", "第19题", "题19", "Q19";
            "q20", "第20题", "题20", "Q20";
        }
    };
}

twenty_questions!(question_columns);

const _: () = assert!(ANSWER_KEYS.len() == MAX_QUESTIONS);

/// What a paper sheet resolves once per file.
pub struct ResponseLookup {
    owner_code: String,
    questionnaires: Vec<Questionnaire>,
    /// Community name or code as written → its id, or why not.
    communities: HashMap<String, std::result::Result<String, String>>,
    /// Questionnaire id → number → the stored paper (read on first use).
    stored: HashMap<String, HashMap<String, QuestionnaireResponse>>,
}

impl FileLookup for ResponseLookup {
    fn build(conn: &Connection, _rows: &[RowCells]) -> Result<Self> {
        Ok(ResponseLookup {
            owner_code: office::require(conn)?.code,
            questionnaires: ledger::list(conn)?,
            communities: HashMap::new(),
            stored: HashMap::new(),
        })
    }
}

impl ResponseLookup {
    fn questionnaire(&self, text: &str) -> std::result::Result<&Questionnaire, String> {
        let text = text.trim();
        if text.is_empty() {
            return match self.questionnaires.as_slice() {
                [one] => Ok(one),
                [] => Err("还没有建立问卷。请先在“考核 › 问卷”中建立问卷，再导入答卷。".into()),
                _ => Err("有多份问卷，请填写这份答卷属于哪份问卷。".into()),
            };
        }
        self.questionnaires
            .iter()
            .find(|q| q.title == text)
            .ok_or_else(|| {
                format!(
                    "没有名为“{text}”的问卷。现有问卷：{}。",
                    self.questionnaires
                        .iter()
                        .map(|q| q.title.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                )
            })
    }

    fn community(&mut self, conn: &Connection, text: &str) -> std::result::Result<String, String> {
        self.communities
            .entry(text.trim().to_string())
            .or_insert_with(|| unit_by(conn, UnitKind::Village, text, None).map(|u| u.id))
            .clone()
    }

    fn stored(
        &mut self,
        conn: &Connection,
        questionnaire_id: &str,
    ) -> Result<&HashMap<String, QuestionnaireResponse>> {
        if !self.stored.contains_key(questionnaire_id) {
            let papers: Vec<QuestionnaireResponse> =
                ledger::list_by(conn, "questionnaire_id", questionnaire_id)?;
            self.stored.insert(
                questionnaire_id.to_string(),
                papers.into_iter().map(|p| (p.number.clone(), p)).collect(),
            );
        }
        Ok(&self.stored[questionnaire_id])
    }
}

/// A checked paper with the stored one it replaces, if any.
pub struct ParsedResponse {
    record: QuestionnaireResponse,
    before: Option<QuestionnaireResponse>,
}

impl RecordKind for Responses {
    const STORED_IN: &'static str =
        <crate::surveys::QuestionnaireResponse as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "questionnaire-responses";
    const LABEL: &'static str = "问卷答卷";
    const ALIASES: &'static [&'static str] = &["问卷答卷", "答卷", "问卷调查"];
    const WIZARD: Wizard = crate::wizard!("问卷答卷", "份", "群众满意度问卷录入表.xlsx");
    const KEY_COLUMN: &'static str = "number";
    const KEY_WITH: &'static [&'static str] = &["questionnaire"];
    type Parsed = ParsedResponse;
    type Lookup = ResponseLookup;
    const COLUMNS: &'static [Column] = RESPONSE_COLUMNS;
    fn parse(
        conn: &Connection,
        lookup: &mut ResponseLookup,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedResponse, Problems> {
        let mut problems: Problems = Vec::new();
        let q = match lookup.questionnaire(row.get("questionnaire")) {
            Ok(q) => Some(q.clone()),
            Err(m) => {
                problems.push(("questionnaire", m));
                None
            }
        };
        // ９００１ in full width is 9001, as the form reads it.
        let number = crate::base::canon::half_width(row.get("number")).into_owned();
        if number.is_empty() {
            problems.push(("number", "请填写答卷编号。".into()));
        } else if number.chars().count() > 40 {
            problems.push(("number", "答卷编号最多 40 个字。".into()));
        }
        let community = match lookup.community(conn, row.get("community")) {
            Ok(id) => id,
            Err(m) => {
                problems.push(("community", m));
                String::new()
            }
        };
        let answered_on =
            crate::base::fields::date_field("answeredOn", "填写日期", row.get("answeredOn"))
                .and_then(|d| {
                    surveys::check_not_future("answeredOn", "填写日期", d.as_deref(), today)?;
                    if let Some(q) = &q {
                        surveys::check_answered_in(q, d.as_deref())?;
                    }
                    Ok(d)
                })
                .unwrap_or_else(|e| {
                    problems.push(("answeredOn", e.to_string()));
                    None
                });
        // A question's column the file lacks keeps the stored paper's answer (a file
        // of 第1题 to 第3题 does not blank 第4题 of a paper already recorded).
        let stored = match (&q, number.is_empty()) {
            (Some(q), false) => lookup
                .stored(conn, &q.id)
                .map_err(|e| vec![("number", e.to_string())])?
                .get(&number)
                .cloned(),
            _ => None,
        };
        let cells: Vec<String> = ANSWER_KEYS
            .iter()
            .enumerate()
            .map(|(i, k)| match &stored {
                Some(b) if !row.has(k) => b.answers.get(i).cloned().unwrap_or_default(),
                _ => row.get(k).to_string(),
            })
            .collect();
        let answers = match &q {
            Some(q) => match surveys::checked_answers(q, &cells) {
                Ok(a) => a,
                Err(all) => {
                    for (i, m) in all {
                        problems.push((ANSWER_KEYS[i.min(MAX_QUESTIONS - 1)], m));
                    }
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        // A stored paper of another 村/社区 under the same 编号 is another paper, not
        // this one corrected (probe AJ: 石塘村's 1001 replaced 青溪社区's unsaid).
        if let Some(b) = stored
            .as_ref()
            .filter(|b| !community.is_empty() && b.community_id != community)
        {
            let name = |id: &str| {
                crate::hierarchy::get(conn, id)
                    .map(|u| u.name)
                    .unwrap_or_default()
            };
            problems.push((
                "community",
                format!(
                    "编号 {number} 已是{}的答卷，这一行写的是{}。同一问卷内编号不重复：如是另一份答卷，请换一个编号；如那份答卷的村/社区原来填错了，请在软件里改那份答卷。",
                    name(&b.community_id),
                    name(&community)
                ),
            ));
        }
        let Some(q) = q.filter(|_| problems.is_empty()) else {
            return Err(problems);
        };
        let before = stored;
        let record = QuestionnaireResponse {
            id: before.as_ref().map(|b| b.id.clone()).unwrap_or_default(),
            owner_code: lookup.owner_code.clone(),
            questionnaire_id: q.id.clone(),
            community_id: community,
            number,
            answered_on,
            answers,
            created_at: before
                .as_ref()
                .map(|b| b.created_at.clone())
                .unwrap_or_default(),
            updated_at: before
                .as_ref()
                .map(|b| b.updated_at.clone())
                .unwrap_or_default(),
        };
        Ok(ParsedResponse { record, before })
    }
    fn key(p: &ParsedResponse) -> String {
        format!("{}\u{1f}{}", p.record.questionnaire_id, p.record.number)
    }
    fn existing(
        _conn: &Connection,
        _lookup: &mut ResponseLookup,
        p: &ParsedResponse,
    ) -> Result<Option<String>> {
        Ok(p.before.as_ref().map(|b| b.id.clone()))
    }
    fn absent(
        conn: &Connection,
        mentioned: &std::collections::HashSet<String>,
        rows: &[&Self::Parsed],
    ) -> Option<crate::sheets::rows::Absent> {
        // The papers of the questionnaires the file's rows are of: a file is usually
        // one questionnaire's.
        let of: std::collections::HashSet<&str> = rows
            .iter()
            .map(|p| p.record.questionnaire_id.as_str())
            .collect();
        let others: std::collections::HashSet<String> =
            ledger::list::<crate::surveys::QuestionnaireResponse>(conn)
                .ok()?
                .into_iter()
                .filter(|r| !of.contains(r.questionnaire_id.as_str()))
                .map(|r| r.id)
                .collect();
        let mut a = crate::sheets::rows::absent_of::<crate::surveys::QuestionnaireResponse>(
            conn,
            &mentioned.union(&others).cloned().collect(),
        )?;
        a.total -= others.len();
        Some(a)
    }
    /// The parsed row holds the stored answer it would replace.
    fn unchanged(_: &Connection, p: &ParsedResponse, _: &str, _: NaiveDate) -> bool {
        p.before
            .as_ref()
            .is_some_and(|b| ledger::same(b, &p.record))
    }
    fn apply(tx: &Tx, p: &ParsedResponse, existing: Option<&str>) -> Result<Applied> {
        if Self::unchanged(tx, p, existing.unwrap_or_default(), tx.ctx.today()) {
            return Ok(Applied::Unchanged);
        }
        let now = tx.ctx.stamp();
        let mut r = p.record.clone();
        if p.before.is_none() {
            r.id = new_id();
            r.created_at = now.clone();
        }
        r.updated_at = now;
        ledger::save_known(tx, p.before.as_ref(), &r)?;
        Ok(if p.before.is_some() {
            Applied::Updated
        } else {
            Applied::Created
        })
    }
}

// ---------- questionnaire definitions ----------

pub struct Questionnaires;

macro_rules! definition_columns {
    ($($key:literal, $header:literal, $a1:literal, $a2:literal;)*) => {
        static DEFINITION_COLUMNS: &[Column] = &[
            col(
                "title",
                "问卷名称",
                &["问卷", "问卷标题"],
                true,
                false,
                "同名的问卷再次导入时更新（已有答卷的问卷只能改文字；改了选项的文字，选了它的答卷随之改）。",
                24.0,
            ),
            col("period", "测评期间", &["期间", "测评时间"], true, false, "如 2026年第四季度。", 14.0),
            col(
                "scale",
                "满意度量表",
                &["量表"],
                false,
                false,
                "满意/基本满意/不满意（默认）或 1–5 分。",
                16.0,
            )
            .choose_from(&["满意/基本满意/不满意", "1–5 分"]),
            col("note", "备注", &[], false, false, "", 16.0),
            $(col(
                $key,
                $header,
                &[$a1, $a2],
                false,
                false,
                "选择题写“题目｜选项1、选项2、选项3”，满意度题写“题目｜满意度”。",
                30.0,
            ),)*
        ];
    };
}

twenty_questions!(definition_columns);

/// A question as one cell: `题目｜选项1、选项2` or `题目｜满意度`.
fn question_cell(cell: &str) -> std::result::Result<Option<QuestionInput>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let (text, rest) = cell.split_once(['|', '｜']).ok_or_else(|| {
        format!("“{cell}”没有选项：请写成“题目｜选项1、选项2”，满意度题写“题目｜满意度”。")
    })?;
    let rest = rest.trim();
    Ok(Some(if rest == "满意度" {
        QuestionInput {
            text: text.trim().into(),
            kind: "satisfaction".into(),
            options: Vec::new(),
        }
    } else {
        QuestionInput {
            text: text.trim().into(),
            kind: "choice".into(),
            options: rest
                .split(['、', '，', ',', '/', '；', ';'])
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect(),
        }
    }))
}

/// The cell a questionnaire's question is written in (the inverse of [`question_cell`]).
fn cell_of(q: &crate::surveys::Question) -> String {
    match q.kind {
        crate::surveys::QuestionKind::Satisfaction => format!("{}｜满意度", q.text),
        crate::surveys::QuestionKind::Choice => format!("{}｜{}", q.text, q.options.join("、")),
    }
}

impl RecordKind for Questionnaires {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("scale", crate::surveys::Scale::PAIRS),
        ("kind", crate::surveys::QuestionKind::PAIRS),
    ];
    const NAME: &'static str = "questionnaires";
    const LABEL: &'static str = "问卷";
    const ALIASES: &'static [&'static str] = &["问卷", "问卷定义"];
    const WIZARD: Wizard = crate::wizard!("问卷", "份", "满意度测评问卷.xlsx");
    const KEY_COLUMN: &'static str = "title";
    type Parsed = QuestionnaireInput;
    type Lookup = ();
    const COLUMNS: &'static [Column] = DEFINITION_COLUMNS;
    fn parse(
        conn: &Connection,
        _: &mut (),
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<QuestionnaireInput, Problems> {
        let mut questions = Vec::new();
        // An empty question before a filled one would move every later question up
        // one place, and their papers' answers with them.
        let mut gap: Option<(&'static str, usize)> = None;
        for (i, key) in ANSWER_KEYS.iter().enumerate() {
            match question_cell(row.get(key)).map_err(|m| vec![(*key, m)])? {
                Some(q) => {
                    if let Some((empty, n)) = gap {
                        return Err(vec![(
                            empty,
                            format!("第{n}题是空的，但第{}题有内容：题目请从第1题起依次填写，中间不要空题。", i + 1),
                        )]);
                    }
                    questions.push(q);
                }
                None => {
                    gap = gap.or(Some((*key, i + 1)));
                }
            }
        }
        let input = QuestionnaireInput {
            title: row.get("title").into(),
            period: row.get("period").into(),
            scale: if row.get("scale").is_empty() {
                "three".into()
            } else {
                row.get("scale").into()
            },
            questions,
            note: row.get("note").into(),
        };
        let before = surveys::find_by_title(conn, &input.title)
            .map_err(|e| vec![("title", e.to_string())])?;
        surveys::checked_questionnaire(conn, &ctx_for(today), before.as_ref(), &input).map_err(
            |e| {
                // "第 3 题：…" names the question's column.
                let msg = e.to_string();
                let column = (e.field() == Some("questions"))
                    .then(|| {
                        msg.strip_prefix("第 ")
                            .and_then(|r| r.split_once(' '))
                            .and_then(|(n, _)| n.parse::<usize>().ok())
                            .and_then(|n| ANSWER_KEYS.get(n.saturating_sub(1)).copied())
                    })
                    .flatten();
                match column {
                    Some(c) => vec![(c, msg)],
                    None => in_column::<Self>(&[("questions", "q1")], "title")(e),
                }
            },
        )?;
        Ok(input)
    }
    fn key(p: &QuestionnaireInput) -> String {
        p.title.trim().to_string()
    }
    fn existing(conn: &Connection, _: &mut (), p: &QuestionnaireInput) -> Result<Option<String>> {
        Ok(surveys::find_by_title(conn, &p.title)?.map(|q| q.id))
    }
    crate::sheets::rows::through!(surveys::checked_questionnaire, then surveys::answers_follow_options);
}

// ---------- call-backs ----------

pub struct Callbacks;

static CALLBACK_COLUMNS: &[Column] = &[
    col(
        "calledOn",
        "回访日期",
        &["日期", "回访时间"],
        true,
        false,
        "如 2026-11-20。",
        12.0,
    ),
    col(
        "community",
        "村/社区",
        &["所属村/社区", "村社区"],
        true,
        false,
        "被回访人所在村/社区的名称或代码。",
        14.0,
    ),
    col(
        "personName",
        "被回访人",
        &["姓名", "回访对象"],
        true,
        false,
        "",
        10.0,
    ),
    col(
        "phone",
        "联系电话",
        &["电话", "手机号"],
        false,
        true,
        "11 位手机号或带区号的座机号。",
        14.0,
    ),
    col(
        "topic",
        "回访事项",
        &["回访类型", "事项类型"],
        true,
        false,
        "诉求、抽查小区或一般回访。",
        10.0,
    )
    .choose_from(&["诉求", "抽查小区", "一般回访"]),
    col(
        "topicName",
        "诉求或小区",
        &["诉求事项", "诉求标题", "小区名称", "事项名称"],
        false,
        false,
        "回访诉求时填诉求事项；回访抽查小区时填小区名称；一般回访不填。",
        20.0,
    ),
    col(
        "result",
        "回访结果",
        &["满意度", "结果"],
        true,
        false,
        "满意、基本满意或不满意。",
        10.0,
    )
    .choose_from(&["满意", "基本满意", "不满意"]),
    col("note", "备注", &["情况说明"], false, false, "", 24.0),
];

fn callback_key(c: &CallbackInput) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        c.called_on,
        c.community_id,
        c.person_name.trim(),
        Topic::find(&c.topic).map_or("", |t| t.as_str()),
        c.topic_ref.as_deref().unwrap_or("")
    )
}

fn stored_callback(
    conn: &Connection,
    refs: &mut Refs,
    c: &CallbackInput,
) -> Result<Option<Callback>> {
    let key = callback_key(c);
    Ok(refs
        .find::<Callback>(
            conn,
            "key",
            |s| {
                format!(
                    "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
                    s.called_on,
                    s.community_id,
                    s.person_name,
                    s.topic.as_str(),
                    s.topic_ref.as_deref().unwrap_or("")
                )
            },
            &key,
        )?
        .first()
        .cloned())
}

impl RecordKind for Callbacks {
    const NAME: &'static str = "callbacks";
    const LABEL: &'static str = "电话回访";
    const ALIASES: &'static [&'static str] = &["电话回访", "回访记录"];
    const WIZARD: Wizard = crate::wizard!("电话回访", "次", "电话回访登记表.xlsx");
    const KEY_COLUMN: &'static str = "personName";
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("topic", crate::surveys::Topic::PAIRS),
        ("result", crate::surveys::CallResult::PAIRS),
    ];
    type Parsed = CallbackInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = CALLBACK_COLUMNS;
    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<CallbackInput, Problems> {
        let community = unit_by(conn, UnitKind::Village, row.get("community"), None)
            .map_err(|m| vec![("community", m)])?;
        let topic = Topic::parse(row.get("topic")).map_err(|e| vec![("topic", e.to_string())])?;
        let name = row.get("topicName");
        let topic_ref = match topic {
            // What is written there would be dropped without a word.
            Topic::General if !name.trim().is_empty() => {
                return Err(vec![(
                    "topicName",
                    format!("一般回访不填“诉求或小区”（这里写了“{}”）：如是回访诉求或抽查小区，请把回访事项写成“诉求”或“抽查小区”；否则请清空这一格。", name.trim()),
                )])
            }
            Topic::General => None,
            Topic::Demand => Some(
                refs.by_name::<Demand>(conn, |d| d.title.clone(), name, "诉求")
                    .map_err(|m| vec![("topicName", m)])?
                    .id,
            ),
            Topic::Compound => Some(
                unit_by(conn, UnitKind::Compound, name, Some(&community.id))
                    .map_err(|m| vec![("topicName", m)])?
                    .id,
            ),
        };
        let called_on =
            crate::base::fields::date_field("calledOn", "回访日期", row.get("calledOn"))
                .map_err(|e| vec![("calledOn", e.to_string())])?
                .unwrap_or_default();
        let input = CallbackInput {
            called_on,
            community_id: community.id,
            person_name: row.get("personName").into(),
            phone: row.get("phone").into(),
            topic: topic.as_str().into(),
            topic_ref,
            result: row.get("result").into(),
            note: row.get("note").into(),
        };
        let before =
            stored_callback(conn, refs, &input).map_err(|e| vec![("personName", e.to_string())])?;
        surveys::checked_callback(conn, &ctx_for(today), before.as_ref(), &input).map_err(
            in_column::<Self>(
                &[("communityId", "community"), ("topicRef", "topicName")],
                "personName",
            ),
        )?;
        Ok(input)
    }
    fn key(p: &CallbackInput) -> String {
        callback_key(p)
    }
    fn existing(conn: &Connection, refs: &mut Refs, p: &CallbackInput) -> Result<Option<String>> {
        Ok(stored_callback(conn, refs, p)?.map(|c| c.id))
    }
    crate::sheets::rows::through!(surveys::checked_callback);
}

// ---------- export ----------

/// A sheet's columns up to its `n`th question: the four before them, then 第1题 to
/// 第n题 (a 4-question paper's export carried 20 question columns, 16 of them empty:
/// probe AL). At least one, so an empty list still shows where answers go.
fn through_question(columns: &'static [Column], n: usize) -> &'static [Column] {
    &columns[..(4 + n.clamp(1, MAX_QUESTIONS)).min(columns.len())]
}

pub fn export_rows(conn: &Connection, kind: &str, _today: NaiveDate) -> Result<Option<ListRows>> {
    match kind {
        "questionnaires" => {
            let list = ledger::list::<Questionnaire>(conn)?;
            let n = list.iter().map(|q| q.questions.len()).max().unwrap_or(0);
            let columns = through_question(DEFINITION_COLUMNS, n);
            let rows = list
                .into_iter()
                .map(|q| {
                    let mut row = vec![q.title, q.period, q.scale.label().into(), q.note];
                    row.extend(
                        (0..columns.len() - 4)
                            .map(|i| q.questions.get(i).map(cell_of).unwrap_or_default()),
                    );
                    row
                })
                .collect();
            Ok(Some(("问卷", columns, rows)))
        }
        "questionnaire-responses" => {
            let names = surveys::community_names(conn)?;
            let list = ledger::list::<Questionnaire>(conn)?;
            let n = list.iter().map(|q| q.questions.len()).max().unwrap_or(0);
            let columns = through_question(RESPONSE_COLUMNS, n);
            let mut rows = Vec::new();
            for q in list {
                for r in surveys::responses_named(conn, &q.id, None, &names)? {
                    let mut row = vec![
                        q.title.clone(),
                        r.response.number,
                        r.community_name,
                        r.response.answered_on.unwrap_or_default(),
                    ];
                    row.extend(
                        (0..columns.len() - 4)
                            .map(|i| r.response.answers.get(i).cloned().unwrap_or_default()),
                    );
                    rows.push(row);
                }
            }
            Ok(Some(("问卷答卷", columns, rows)))
        }
        "callbacks" => {
            let rows = surveys::callbacks(conn)?
                .into_iter()
                .map(|c| {
                    vec![
                        c.called_on,
                        c.community_name,
                        c.person_name,
                        c.phone,
                        c.topic_label.into(),
                        c.topic_name,
                        c.result_label.into(),
                        c.note,
                    ]
                })
                .collect();
            Ok(Some(("电话回访", CALLBACK_COLUMNS, rows)))
        }
        _ => Ok(None),
    }
}
