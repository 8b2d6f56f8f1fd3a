//! 考核 (issue 16, items 3 and 7): the indicator system (考核指标体系) with its
//! versions, the assessment team's manual scores, the score table per office
//! ([`table`]), awards and criticism notices (表彰与通报) with rectification items
//! (整改事项) tracked to done, and the township's evaluation of the county
//! departments' outposts (派出机构考核评价), which travels up in its file.
//!
//! A computed indicator is a formula over report keys ([`formula`]), so scoring
//! sits beside the exchange layer, which counts those keys: this module is in
//! layer 4 with `exchange` (see `tests/it/layers.rs`).

pub mod defaults;
pub mod formula;
pub mod sheets;
pub mod table;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, required, text_field};
use crate::exchange::report;
use crate::sampling::inspections::Inspection;
use crate::sheets::kind::{Def, Export, Sheet};
use crate::store::ledger::document;
use crate::store::ledger::{self, Document};
use crate::store::office;
use crate::store::recycle::Entry;
use crate::store::{new_id, Ctx, Tx};

labelled_enum! {
    /// The five groups of the indicator system.
    #[derive(Default, PartialOrd, Ord, Hash)]
    pub enum IndicatorGroup: "group", "指标组" {
        #[default]
        Party("party", "党建引领", "党建"),
        Team("team", "队伍建设", "队伍"),
        Duties("duties", "权责落实", "权责"),
        Service("service", "服务质量", "服务"),
        Satisfaction("satisfaction", "群众满意度", "满意度"),
    }
}

labelled_enum! {
    /// Whether a higher or a lower value is better.
    #[derive(Default)]
    pub enum Direction: "direction", "方向" {
        #[default]
        Higher("higher", "越高越好", "正向", "越大越好"),
        Lower("lower", "越低越好", "逆向", "越小越好"),
    }
}

labelled_enum! {
    /// How an indicator is scored.
    #[derive(Default)]
    pub enum Method: "method", "评分方式" {
        #[default]
        Computed("computed", "按统计计算", "计算", "公式"),
        Manual("manual", "考核组评分", "人工评分", "人工", "手工", "考核组打分", "打分"),
    }
}

labelled_enum! {
    /// An assessment result: an award or a notice of criticism.
    #[derive(Default)]
    pub enum ResultKind: "kind", "结果类型" {
        #[default]
        Award("award", "表彰", "奖励", "先进"),
        Criticism("criticism", "通报批评", "批评", "通报"),
    }
}

/// One indicator of the system.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Indicator {
    pub id: String,
    pub owner_code: String,
    pub group: IndicatorGroup,
    /// 指标编号, unique (P01, T03…).
    pub code: String,
    pub name: String,
    /// 单位 of the value (%, 人, 次…).
    pub unit: String,
    /// 分值: the points the indicator is worth (its weight).
    pub points: f64,
    /// 目标值, in `unit`.
    pub target: f64,
    pub direction: Direction,
    pub method: Method,
    /// The formula over report keys (computed indicators only).
    pub formula: String,
    /// Retired indicators stay readable but are no longer scored or counted.
    pub retired: bool,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(Indicator, "indicators", "考核指标", [], |s| format!(
    "{} {}",
    s.code, s.name
));

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IndicatorInput {
    pub group: String,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub points: String,
    pub target: String,
    pub direction: String,
    pub method: String,
    pub formula: String,
    /// 是/否 (or true/false).
    pub retired: String,
    pub note: String,
}

/// A number typed in a form or a cell: "5", "5.5", "90%"; the error names the field.
pub fn number_field(field: &'static str, label: &str, s: &str, required: bool) -> Result<f64> {
    // ２.５ typed in full-width mode is 2.5, as a cell of an import is.
    let half = crate::base::fields::half_width(s);
    let s = half.as_deref().unwrap_or(s);
    let t = s.trim().trim_end_matches(['%', '分']).trim();
    let t = crate::base::fields::ungrouped(t);
    let t = t.as_ref();
    if t.is_empty() {
        if required {
            return Err(Error::validation(field, format!("请填写{label}（数字）。")));
        }
        return Ok(0.0);
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(Error::validation(
            field,
            format!("{label}“{}”不是数字，请填写如 5 或 90 这样的数。", s.trim()),
        )),
    }
}

fn yes(field: &'static str, label: &str, s: &str) -> Result<bool> {
    match s.trim() {
        "" | "在用" => Ok(false),
        "停用" | "已停用" => Ok(true),
        other => crate::base::fields::yes_or_no(other).ok_or_else(|| {
            Error::validation(field, format!("{label}“{other}”无法识别，请填“是”或“否”。"))
        }),
    }
}

/// Every report key there is (validated against at save time).
pub fn known_keys() -> Vec<&'static str> {
    report::KEYS.iter().map(|(k, _)| *k).collect()
}

/// The indicator coded `code` as written, in capitals or in small letters (p01 is
/// P01, as within one file): one look through the code's index, never every
/// indicator (an import asks once per row).
pub(crate) fn find_by_code(conn: &Connection, code: &str) -> Result<Option<Indicator>> {
    Ok(
        ledger::list_by_json_any_case::<Indicator>(conn, "$.code", code.trim())?
            .into_iter()
            .next(),
    )
}

pub(crate) fn checked_indicator(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&Indicator>,
    input: &IndicatorInput,
) -> Result<Indicator> {
    let group = IndicatorGroup::parse(&input.group)?;
    let code = required("code", "指标编号", &input.code, 20)?;
    // The same code in another case is the same indicator, and keeps its code.
    let code = match before {
        Some(b) if b.code.to_uppercase() == code.to_uppercase() => b.code.clone(),
        _ => code,
    };
    let name = required("name", "指标名称", &input.name, 60)?;
    let unit = text_field("unit", "单位", &input.unit, 10)?;
    let points = number_field("points", "分值", &input.points, true)?;
    if !(points > 0.0 && points <= 100.0) {
        return Err(Error::validation("points", "分值应大于 0、不超过 100。"));
    }
    // A lower 分值 than scores already given: refused, naming them (they were cut to
    // the new maximum unsaid, and the team's differences lost).
    if let Some(b) = before.filter(|b| points < b.points) {
        let over: Vec<String> = ledger::list::<ManualScore>(conn)?
            .into_iter()
            .filter(|s| s.indicator_code == b.code && s.score > points)
            .map(|s| {
                let who = if s.office_name.is_empty() {
                    s.office_code
                } else {
                    s.office_name
                };
                format!("{who} {} {} 分", s.period, s.score)
            })
            .collect();
        if !over.is_empty() {
            return Err(Error::validation(
                "points",
                format!(
                    "分值改为 {points} 后，已有 {} 个考核组评分超过 {points} 分（{}）。请先重新评分，再改分值。",
                    over.len(),
                    over.join("、")
                ),
            ));
        }
    }
    let method = Method::parse(&input.method)?;
    // A computed indicator scores against its target: a blank one read as 0 gave
    // 越高越好 full points whatever the figure (P01 3.85 → 5 分 from an emptied cell).
    let target = number_field(
        "target",
        "目标值",
        &input.target,
        matches!(method, Method::Computed),
    )?;
    let direction = if input.direction.trim().is_empty() {
        Direction::Higher
    } else {
        Direction::parse(&input.direction)?
    };
    let formula = text_field("formula", "计算公式", &input.formula, 300)?;
    let formula = match method {
        Method::Computed => {
            if formula.is_empty() {
                return Err(Error::validation(
                    "formula",
                    "按统计计算的指标请填写计算公式，如 100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】。",
                ));
            }
            formula::check(&formula, &known_keys())
                .map_err(|m| Error::validation("formula", format!("计算公式有误：{m}")))?;
            // Stored with keys, + - * / and ( ), whatever was typed (【名称】, × ÷ ＋ （ …):
            // the formula a file carries reads the same in every version.
            formula::plain(&formula)
        }
        Method::Manual => String::new(),
    };
    let retired = yes("retired", "是否停用", &input.retired)?;
    let note = text_field("note", "说明", &input.note, 500)?;
    if let Some(other) = find_by_code(conn, &code)? {
        if before.is_none_or(|b| b.id != other.id) {
            return Err(Error::Conflict {
                field: Some("code"),
                message: format!("已经有编号为“{code}”的考核指标（{}）。", other.name),
            });
        }
    }
    let now = ctx.stamp();
    Ok(Indicator {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        group,
        code,
        name,
        unit,
        points,
        target,
        direction,
        method,
        formula,
        retired,
        note,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// Every indicator (retired ones too), by group then code.
pub fn indicators(conn: &Connection) -> Result<Vec<Indicator>> {
    let mut all = ledger::list::<Indicator>(conn)?;
    all.sort_by(|a, b| a.group.cmp(&b.group).then_with(|| a.code.cmp(&b.code)));
    Ok(all)
}

/// The indicators in force (not retired), by group then code.
pub fn in_force(conn: &Connection) -> Result<Vec<Indicator>> {
    Ok(indicators(conn)?
        .into_iter()
        .filter(|i| !i.retired)
        .collect())
}

pub fn create_indicator(tx: &Tx, input: &IndicatorInput) -> Result<Indicator> {
    let i = ledger::upsert(tx, None, input, checked_indicator)?;
    record_version(tx, &format!("新增指标 {} {}", i.code, i.name))?;
    Ok(i)
}

pub fn update_indicator(tx: &Tx, id: &str, input: &IndicatorInput) -> Result<Indicator> {
    let (before, i) = ledger::upsert_from(tx, Some(id), input, checked_indicator)?;
    if let Some(b) = before {
        scores_follow_code(tx, &b, &i)?;
    }
    let what = if i.retired { "停用" } else { "修改" };
    record_version(tx, &format!("{what}指标 {} {}", i.code, i.name))?;
    Ok(i)
}

/// The manual scores given under an indicator's old 指标编号 follow it to the new one
/// (in the same transaction, each logged): they were kept under the old code, the
/// cell fell back to 待评分, and an indicator given that code later inherited them.
pub(crate) fn scores_follow_code(tx: &Tx, before: &Indicator, after: &Indicator) -> Result<()> {
    if before.code == after.code {
        return Ok(());
    }
    for s in ledger::list::<ManualScore>(tx)?
        .into_iter()
        .filter(|s| s.indicator_code == before.code)
    {
        let mut moved = s.clone();
        moved.indicator_code = after.code.clone();
        moved.updated_at = tx.ctx.stamp();
        ledger::save_known(tx, Some(&s), &moved)?;
    }
    Ok(())
}

/// Deletes an indicator into the recycle bin (retiring keeps it readable instead).
pub fn delete_indicator(tx: &Tx, id: &str) -> Result<Entry> {
    let e = ledger::delete::<Indicator>(tx, id)?;
    record_version(tx, &format!("删除{}", e.summary))?;
    Ok(e)
}

/// Puts a deleted indicator back from the recycle bin, unless its code was taken
/// meanwhile, as a new version of the system: put back as a row only, it was listed
/// but not scored (the version in force had it deleted), and its manual scores with it.
fn restore_indicator(tx: &Tx, payload: &serde_json::Value) -> Result<()> {
    ledger::restore_checked::<Indicator>(tx, payload, |conn, i| {
        match find_by_code(conn, &i.code)? {
            Some(other) if other.id != i.id => Err(Error::Refused(format!(
                "指标编号 {} 已经被“{}”使用，不能恢复“{}”。请先把其中一个改用别的编号。",
                i.code, other.name, i.name
            ))),
            _ => Ok(()),
        }
    })?;
    let i: Indicator = serde_json::from_value(payload.clone())?;
    record_version(tx, &format!("恢复指标 {} {}", i.code, i.name))?;
    Ok(())
}

// ---------- versions ----------

/// One version of the indicator system: a frozen copy of every indicator.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub version: i64,
    pub made_on: String,
    pub note: String,
    pub indicators: Vec<Indicator>,
}

/// The note a row of an import gives its version: one version per import day.
pub(crate) const IMPORT_NOTE: &str = "导入指标";

/// Freezes the system as it is now as a new version (the edit's date and what
/// changed). The rows of one day's import share one version.
pub fn record_version(tx: &Tx, note: &str) -> Result<i64> {
    let json = serde_json::to_string(&indicators(tx)?)?;
    let today = tx.ctx.today().to_string();
    let last: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT version, made_on, note FROM indicator_versions ORDER BY version DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((v, on, n)) = &last {
        if note == IMPORT_NOTE && n == IMPORT_NOTE && *on == today {
            tx.execute(
                "UPDATE indicator_versions SET json = ?2 WHERE version = ?1",
                rusqlite::params![v, json],
            )?;
            return Ok(*v);
        }
    }
    let v = last.map_or(1, |(v, _, _)| v + 1);
    tx.execute(
        "INSERT INTO indicator_versions (version, made_on, note, json) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![v, today, note, json],
    )?;
    Ok(v)
}

/// Every version without its indicators (number, date, note), newest first.
pub fn versions(conn: &Connection) -> Result<Vec<Version>> {
    let mut stmt = conn
        .prepare("SELECT version, made_on, note FROM indicator_versions ORDER BY version DESC")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Version {
                version: r.get(0)?,
                made_on: r.get(1)?,
                note: r.get(2)?,
                indicators: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One version with its indicators as they were.
pub fn version(conn: &Connection, version: i64) -> Result<Version> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT made_on, note, json FROM indicator_versions WHERE version = ?1",
            [version],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (made_on, note, json) =
        row.ok_or_else(|| Error::NotFound(format!("没有第 {version} 版指标体系。")))?;
    Ok(Version {
        version,
        made_on,
        note,
        indicators: serde_json::from_str(&json)?,
    })
}

/// The current version number (0: no system yet).
/// The indicator system a period is scored with: the version in force on `day`
/// (the period's last counted day), its indicators not retired, as frozen then; a
/// day before the first version's has the system as that first day left it. Without versions, the indicators
/// as they are (version 0). Edits of December rescored every closed period with
/// the new set (2025 read 第 3 版, 满分 100.5, after it was published as 第 1 版, 100).
pub fn in_force_on(conn: &Connection, day: chrono::NaiveDate) -> Result<(i64, Vec<Indicator>)> {
    let on = day.format("%Y-%m-%d").to_string();
    let chosen: Option<i64> = conn
        .query_row(
            "SELECT coalesce(
                 (SELECT max(version) FROM indicator_versions WHERE made_on <= ?1),
                 (SELECT max(version) FROM indicator_versions
                  WHERE made_on = (SELECT min(made_on) FROM indicator_versions)))",
            [&on],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    match chosen {
        Some(v) => {
            let frozen = version(conn, v)?;
            Ok((
                v,
                frozen
                    .indicators
                    .into_iter()
                    .filter(|i| !i.retired)
                    .collect(),
            ))
        }
        None => Ok((0, in_force(conn)?)),
    }
}

pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(version), 0) FROM indicator_versions",
        [],
        |r| r.get(0),
    )?)
}

// ---------- periods ----------

/// A period of assessment: a year (`2026`) or a quarter (`2026Q4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    pub quarter: Option<u32>,
}

impl Period {
    pub fn parse(field: &'static str, s: &str) -> Result<Period> {
        // ２０２６Ｑ４ typed in full-width mode reads as 2026Q4.
        let half = crate::base::fields::half_width(s);
        let t = half.as_deref().unwrap_or(s).trim().to_ascii_uppercase();
        let t = t.trim_end_matches('年');
        let bad = || {
            Error::validation(
                field,
                format!(
                    "考核期间“{}”无法识别，请写年度（如 2026）或季度（如 2026Q4）。",
                    s.trim()
                ),
            )
        };
        let (y, q) = match t.split_once('Q') {
            Some((y, q)) => (y, Some(q.parse::<u32>().map_err(|_| bad())?)),
            None => (t, None),
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        if !(2000..=2100).contains(&year) || q.is_some_and(|q| !(1..=4).contains(&q)) {
            return Err(bad());
        }
        Ok(Period { year, quarter: q })
    }

    /// The last day of the period.
    pub fn end(&self) -> NaiveDate {
        let (m, d) = match self.quarter {
            Some(1) => (3, 31),
            Some(2) => (6, 30),
            Some(3) => (9, 30),
            _ => (12, 31),
        };
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or_default()
    }

    /// Whether `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        day.year() == self.year && self.quarter.is_none_or(|q| (day.month() - 1) / 3 + 1 == q)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.quarter {
            Some(q) => write!(f, "{}Q{q}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

// ---------- manual scores ----------

/// The assessment team's score of a manual indicator for one office and period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ManualScore {
    pub id: String,
    pub owner_code: String,
    pub period: String,
    /// The division code of the office scored.
    pub office_code: String,
    /// Its name when scored, as the change log and the recycle bin name the score
    /// (a score saved by an earlier version has none: its code stands).
    pub office_name: String,
    pub indicator_code: String,
    pub score: f64,
    pub note: String,
    /// 佐证: what the score rests on (document, photo, file name).
    pub evidence: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    ManualScore,
    "indicator_scores",
    "考核组评分",
    [],
    |s| format!(
        "{} 指标 {} 给 {} 的评分",
        s.period,
        s.indicator_code,
        if s.office_name.is_empty() {
            s.office_code.clone()
        } else {
            s.office_name.clone()
        }
    )
);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ManualScoreInput {
    pub period: String,
    pub office_code: String,
    pub indicator_code: String,
    pub score: String,
    pub note: String,
    pub evidence: String,
}

fn checked_manual_score(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&ManualScore>,
    input: &ManualScoreInput,
) -> Result<ManualScore> {
    let period = Period::parse("period", &input.period)?.to_string();
    let office_code = required("officeCode", "被考核单位代码", &input.office_code, 12)?;
    // This office, or one below that reports here (expected, or whose file is held).
    let me = office::require(conn)?;
    let office_name = if office_code == me.code {
        me.name.clone()
    } else {
        crate::hierarchy::reporting_offices(conn)?
            .remove(&office_code)
            .ok_or_else(|| {
                Error::validation(
                    "officeCode",
                    format!("没有代码为“{office_code}”的下级单位（应报名单里没有，也没有收到它的文件）。"),
                )
            })?
    };
    let code = required("indicatorCode", "指标编号", &input.indicator_code, 20)?;
    let ind = find_by_code(conn, &code)?.ok_or_else(|| {
        Error::validation("indicatorCode", format!("没有编号为“{code}”的考核指标。"))
    })?;
    if ind.method != Method::Manual {
        return Err(Error::validation(
            "indicatorCode",
            format!(
                "指标“{} {}”按统计计算，不需要人工评分。",
                ind.code, ind.name
            ),
        ));
    }
    let score = number_field("score", "得分", &input.score, true)?;
    if score < 0.0 || score > ind.points {
        return Err(Error::validation(
            "score",
            format!("得分应在 0 到 {} 分之间（该指标分值）。", ind.points),
        ));
    }
    let note = text_field("note", "评分说明", &input.note, 500)?;
    let evidence = text_field("evidence", "佐证材料", &input.evidence, 300)?;
    let now = ctx.stamp();
    Ok(ManualScore {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: me.code,
        period,
        office_code,
        office_name,
        indicator_code: code,
        score,
        note,
        evidence,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// Every manual score of `period` (`2026`, `2026Q4`).
pub fn manual_scores(conn: &Connection, period: &str) -> Result<Vec<ManualScore>> {
    let p = Period::parse("period", period)?.to_string();
    Ok(ledger::list::<ManualScore>(conn)?
        .into_iter()
        .filter(|s| s.period == p)
        .collect())
}

/// Sets (creates or replaces) the score of one manual indicator for one office and period.
pub fn set_manual_score(tx: &Tx, input: &ManualScoreInput) -> Result<ManualScore> {
    let period = Period::parse("period", &input.period)?.to_string();
    let existing = ledger::list::<ManualScore>(tx)?.into_iter().find(|s| {
        s.period == period
            && s.office_code == input.office_code.trim()
            && s.indicator_code == input.indicator_code.trim()
    });
    ledger::upsert(
        tx,
        existing.as_ref().map(|e| e.id.as_str()),
        input,
        checked_manual_score,
    )
}

pub fn delete_manual_score(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<ManualScore>(tx, id)
}

// ---------- results: awards and criticism ----------

/// An award (表彰) or a notice of criticism (通报批评).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AssessmentResult {
    pub id: String,
    pub owner_code: String,
    pub period: String,
    pub kind: ResultKind,
    /// 先进单位、优秀社区工作者… or the notice's title.
    pub title: String,
    /// Who: an office, a community, a person.
    pub recipient: String,
    pub issued_on: Option<String>,
    /// 文号.
    pub document_no: String,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    AssessmentResult,
    "assessment_results",
    "表彰与通报",
    [],
    |s| format!("{}“{}”{}", s.kind.label(), s.title, s.recipient)
);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AssessmentResultInput {
    pub period: String,
    pub kind: String,
    pub title: String,
    pub recipient: String,
    pub issued_on: String,
    pub document_no: String,
    pub note: String,
}

fn checked_result(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&AssessmentResult>,
    input: &AssessmentResultInput,
) -> Result<AssessmentResult> {
    let now = ctx.stamp();
    Ok(AssessmentResult {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        period: Period::parse("period", &input.period)?.to_string(),
        kind: ResultKind::parse(&input.kind)?,
        title: required("title", "名称", &input.title, 60)?,
        recipient: required("recipient", "对象", &input.recipient, 60)?,
        issued_on: {
            let on = date_field("issuedOn", "发文日期", &input.issued_on)?;
            check_not_future("issuedOn", "发文日期", on.as_deref(), ctx.today())?;
            on
        },
        document_no: text_field("documentNo", "文号", &input.document_no, 60)?,
        note: text_field("note", "说明", &input.note, 1000)?,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// Every award and criticism, newest period first.
pub fn results(conn: &Connection) -> Result<Vec<AssessmentResult>> {
    let mut all = ledger::list::<AssessmentResult>(conn)?;
    all.sort_by(|a, b| {
        b.period
            .cmp(&a.period)
            .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
    });
    Ok(all)
}

pub fn create_result(tx: &Tx, input: &AssessmentResultInput) -> Result<AssessmentResult> {
    ledger::upsert(tx, None, input, checked_result)
}

/// Updates a result. Its rectification items keep the notice's title and 下达日期
/// (they travel without the notice): a notice renamed or re-dated renames and
/// re-dates them, each with its change-log row (one notice had shown two titles).
pub fn update_result(tx: &Tx, id: &str, input: &AssessmentResultInput) -> Result<AssessmentResult> {
    let r = ledger::upsert(tx, Some(id), input, checked_result)?;
    for item in ledger::list::<RectificationItem>(tx)? {
        // Re-dated after its items: one due or done before the new 发文日期 is said
        // (it saved unsaid, probe P), as saving the item itself would refuse it.
        if let (true, Some(issued)) = (item.result_id == r.id, r.issued_on.as_deref()) {
            if let Some((what, day)) = [("整改期限", &item.deadline), ("完成日期", &item.done_on)]
                .into_iter()
                .find_map(|(w, d)| d.as_deref().filter(|d| *d < issued).map(|d| (w, d)))
            {
                return Err(Error::validation(
                    "issuedOn",
                    format!(
                        "整改事项“{}”的{what} {day} 早于新的发文日期 {issued}。请核对发文日期，或先修改那一项。",
                        item.item
                    ),
                ));
            }
        }
        if item.result_id == r.id && (item.notice != r.title || item.issued_on != r.issued_on) {
            let now = RectificationItem {
                notice: r.title.clone(),
                issued_on: r.issued_on.clone(),
                updated_at: tx.ctx.stamp(),
                ..item.clone()
            };
            ledger::save_known(tx, Some(&item), &now)?;
        }
    }
    Ok(r)
}

/// Deletes a result; refused while rectification items name it.
pub fn delete_result(tx: &Tx, id: &str) -> Result<Entry> {
    let n = ledger::list::<RectificationItem>(tx)?
        .iter()
        .filter(|r| r.result_id == id)
        .count();
    if n > 0 {
        return Err(Error::Refused(format!(
            "这条通报还有 {n} 项整改事项，请先删除整改事项。"
        )));
    }
    ledger::delete::<AssessmentResult>(tx, id)
}

// ---------- rectification items ----------

/// One item to put right after a notice of criticism (整改事项).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RectificationItem {
    pub id: String,
    pub owner_code: String,
    /// The notice of criticism (an [`AssessmentResult`]) it answers, if registered here.
    pub result_id: String,
    /// The notice's title, as it was when the item was made (it travels without the notice).
    pub notice: String,
    /// 下达日期: the notice's 发文日期 when it is registered here. The item is open
    /// from this day (else from the day it was entered) until done: a period ended
    /// before it does not count it (a 2026 item was open in 2025's figures).
    pub issued_on: Option<String>,
    pub item: String,
    /// 责任人 or 责任单位.
    pub owner: String,
    /// 督办: the office below that must put the item right, when 责任人 names one that
    /// reports to this office ([`mark_supervised`]). Not stored: set on every read,
    /// for the list to say so. Such an item counts once, in that office's own file,
    /// not in this office's figures or package as well.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub supervised_office: String,
    /// For a supervised item, where it stands in that office's latest file (该单位已完成
    /// / 整改中 / 文件里没有这一项 / 还没有报送): the county sees whether the township
    /// has taken it up, and one that counts nowhere is said. Not stored either.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub supervised_state: String,
    pub deadline: Option<String>,
    /// 完成日期: done from this day on.
    pub done_on: Option<String>,
    pub note: String,
    /// The inspection (检查记录) whose findings the item puts right, when it was made
    /// from one: its notice is then 检查发现 and the inspection, its 下达日期 the
    /// inspection's day. Absent before format 2.15.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspection_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The rectification items' table (and record part).
const TABLE_ITEMS: &str = "rectification_items";

document!(
    RectificationItem,
    "rectification_items",
    "整改事项",
    [],
    |s| format!(
        "“{}”{}",
        s.item,
        if s.done_on.is_some() {
            "（已完成）"
        } else {
            ""
        }
    )
);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RectificationItemInput {
    /// The notice of criticism: its id, or its title (an import, or a notice
    /// issued elsewhere: then the item keeps the title only).
    pub notice: String,
    pub item: String,
    pub owner: String,
    pub deadline: String,
    pub done_on: String,
    pub note: String,
    /// The inspection whose findings the item puts right (made from its row in
    /// 检查): then no notice is needed. A correction keeps what it was.
    pub inspection_id: String,
}

/// What an item made from inspection `i` gives as its notice: 检查发现 and the
/// inspection (the place and day), as the 整改 list shows it.
pub fn inspection_notice(i: &Inspection) -> String {
    format!(
        "检查发现：{}{}（{} {}）",
        if i.community_name.is_empty() {
            String::new()
        } else {
            format!("{} · ", i.community_name)
        },
        i.unit_name,
        crate::sampling::inspections::period_label(&i.period),
        i.date
    )
}

/// The day an item is issued on, in words: its notice's 发文日期, or the day of the
/// inspection it came from.
fn issued_words(from_inspection: bool, day: &str) -> String {
    if from_inspection {
        format!("检查日期 {day}")
    } else {
        format!("通报的发文日期 {day}")
    }
}

/// The notice of criticism named by id or title.
pub(crate) fn find_notice(
    conn: &Connection,
    id_or_title: &str,
) -> Result<Option<AssessmentResult>> {
    let s = id_or_title.trim();
    Ok(ledger::list::<AssessmentResult>(conn)?
        .into_iter()
        .find(|r| r.kind == ResultKind::Criticism && (r.id == s || r.title == s)))
}

pub(crate) fn checked_rectification(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&RectificationItem>,
    input: &RectificationItemInput,
) -> Result<RectificationItem> {
    // Made from an inspection's findings: the inspection stands for the notice.
    let inspection_id = match before {
        Some(b) => b.inspection_id.clone(),
        None => Some(input.inspection_id.trim().to_string()).filter(|s| !s.is_empty()),
    };
    let inspection = match &inspection_id {
        Some(id) => ledger::find::<Inspection>(conn, id)?,
        None => None,
    };
    if inspection_id.is_some() && inspection.is_none() && before.is_none() {
        return Err(Error::validation(
            "inspectionId",
            "这条整改事项要对应的检查记录已不存在（可能已被删除），请重新选择。",
        ));
    }
    let (result_id, notice, issued_on) = match (&inspection, before) {
        (Some(i), _) => (String::new(), inspection_notice(i), Some(i.date.clone())),
        // Its inspection deleted since: the item keeps what it said.
        (None, Some(b)) if b.inspection_id.is_some() => {
            (String::new(), b.notice.clone(), b.issued_on.clone())
        }
        _ => {
            let notice_ref = required("notice", "所属通报", &input.notice, 100)?;
            match find_notice(conn, &notice_ref)? {
                Some(n) => (n.id, n.title, n.issued_on),
                None => (String::new(), notice_ref, None),
            }
        }
    };
    let item = required("item", "整改事项", &input.item, 200)?;
    let owner = required("owner", "责任人", &input.owner, 60)?;
    let deadline = date_field("deadline", "整改期限", &input.deadline)?;
    if deadline.is_none() {
        return Err(Error::validation(
            "deadline",
            "请填写整改期限，如 2026-12-31。",
        ));
    }
    let done_on = date_field("doneOn", "完成日期", &input.done_on)?;
    check_not_future("doneOn", "完成日期", done_on.as_deref(), ctx.today())?;
    // Due before its notice was issued: overdue the day it arrives (probe O); done
    // before it, an item is open in no period at all.
    for (field, label, day) in [
        ("deadline", "整改期限", &deadline),
        ("doneOn", "完成日期", &done_on),
    ] {
        if let (Some(day), Some(issued)) = (day, &issued_on) {
            if day < issued {
                return Err(Error::validation(
                    field,
                    format!(
                        "{label} {day} 早于{}，请核对。",
                        issued_words(inspection_id.is_some(), issued)
                    ),
                ));
            }
        }
    }
    let note = text_field("note", "备注", &input.note, 500)?;
    let now = ctx.stamp();
    Ok(RectificationItem {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        result_id,
        notice,
        issued_on,
        item,
        owner,
        supervised_office: String::new(),
        supervised_state: String::new(),
        deadline,
        done_on,
        note,
        inspection_id,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

/// The office below named by an item's 责任人 (white space ignored): its code, or
/// its name with anything after it (秣陵街道, 秣陵街道党工委, 秣陵街道组织办: the
/// township or one of its offices). `below` is (code, name); the longest name wins.
pub fn office_below_named(below: &[(String, String)], owner: &str) -> Option<String> {
    let owner: String = owner.chars().filter(|c| !c.is_whitespace()).collect();
    below
        .iter()
        .filter(|(code, name)| {
            owner == *code || (!name.is_empty() && owner.starts_with(name.as_str()))
        })
        .max_by_key(|(_, name)| name.len())
        .map(|(_, name)| name.clone())
}

/// Marks the items this office supervises (督办): those whose 责任人 names an office
/// that reports to it (an 应报单位, or the sender of a file held). Such an item is that
/// office's to put right and counts in its file (a township enters what its county
/// asked of it), so this office's own figures leave it out: before, a county that
/// tracked what it had asked of a township counted it twice. Each says where it
/// stands in that office's latest file, matched by notice and item (spaces ignored).
pub fn mark_supervised(conn: &Connection, items: &mut [RectificationItem]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let below = crate::exchange::senders::offices_below(conn)?;
    if below.is_empty() {
        return Ok(());
    }
    // The items each office below sent, by its code (None: no file held).
    let mut sent: HashMap<String, Option<Vec<RectificationItem>>> = HashMap::new();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for item in items.iter_mut() {
        let Some(name) = office_below_named(&below, &item.owner) else {
            continue;
        };
        let code = below
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| c.clone())
            .unwrap_or_default();
        if !sent.contains_key(&code) {
            let theirs = report::sent_by::<RectificationItem>(conn, &code, TABLE_ITEMS)?;
            sent.insert(code.clone(), theirs);
        }
        item.supervised_state = match sent.get(&code).and_then(|t| t.as_ref()) {
            None => format!("{name}还没有报送文件，这一项尚未在任何单位计数"),
            Some(theirs) => match theirs.iter().find(|t| {
                squeeze(&t.item) == squeeze(&item.item)
                    && squeeze(&t.notice) == squeeze(&item.notice)
            }) {
                None => format!("{name}报送的文件里没有这一项，尚未在任何单位计数"),
                Some(t) if t.done_on.is_some() => format!(
                    "{name}已完成（{}）",
                    t.done_on.as_deref().unwrap_or_default()
                ),
                Some(_) => format!("{name}整改中"),
            },
        };
        item.supervised_office = name;
    }
    Ok(())
}

/// The items of this office's own figures and package: every item but those it
/// supervises ([`mark_supervised`]). A supervised item reaches a county or city in
/// the file of the office that must put it right, so it is neither counted nor sent
/// twice, and a receiver on any version counts what the sender counted.
pub fn own_rectification_items(conn: &Connection) -> Result<Vec<RectificationItem>> {
    let mut all = ledger::list::<RectificationItem>(conn)?;
    mark_supervised(conn, &mut all)?;
    all.retain(|r| r.supervised_office.is_empty());
    Ok(all)
}

/// Whether an item is still open on `as_of` (not done by then).
pub fn is_open(r: &RectificationItem, as_of: NaiveDate) -> bool {
    r.done_on
        .as_deref()
        .is_none_or(|d| d > as_of.to_string().as_str())
}

/// Whether an open item is past its deadline on `as_of`.
pub fn is_overdue(r: &RectificationItem, as_of: NaiveDate) -> bool {
    is_open(r, as_of)
        && r.deadline
            .as_deref()
            .is_some_and(|d| d < as_of.to_string().as_str())
}

/// Every rectification item: open ones first, by deadline.
pub fn rectification_items(conn: &Connection) -> Result<Vec<RectificationItem>> {
    let mut all = ledger::list::<RectificationItem>(conn)?;
    mark_supervised(conn, &mut all)?;
    all.sort_by(|a, b| {
        a.done_on
            .is_some()
            .cmp(&b.done_on.is_some())
            .then_with(|| a.deadline.cmp(&b.deadline))
            .then_with(|| a.item.cmp(&b.item))
    });
    Ok(all)
}

pub fn create_rectification_item(
    tx: &Tx,
    input: &RectificationItemInput,
) -> Result<RectificationItem> {
    ledger::upsert(tx, None, input, checked_rectification)
}

pub fn update_rectification_item(
    tx: &Tx,
    id: &str,
    input: &RectificationItemInput,
) -> Result<RectificationItem> {
    ledger::upsert(tx, Some(id), input, checked_rectification)
}

pub fn delete_rectification_item(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<RectificationItem>(tx, id)
}

// ---------- outposts ----------

/// The township's evaluation of a county department's outpost (考核评价权).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OutpostEvaluation {
    pub id: String,
    pub owner_code: String,
    pub period: String,
    /// The county department (its outpost in the township).
    pub department: String,
    /// 0–100.
    pub score: f64,
    pub comments: String,
    pub created_at: String,
    pub updated_at: String,
}

document!(
    OutpostEvaluation,
    "outpost_evaluations",
    "派出机构考核评价",
    [],
    |s| format!("{} {}", s.period, s.department)
);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OutpostEvaluationInput {
    pub period: String,
    pub department: String,
    pub score: String,
    pub comments: String,
}

fn checked_outpost(
    conn: &Connection,
    ctx: &Ctx,
    before: Option<&OutpostEvaluation>,
    input: &OutpostEvaluationInput,
) -> Result<OutpostEvaluation> {
    let period = Period::parse("period", &input.period)?.to_string();
    let department = required("department", "部门", &input.department, 60)?;
    let score = number_field("score", "评价得分", &input.score, true)?;
    if !(0.0..=100.0).contains(&score) {
        return Err(Error::validation("score", "评价得分应在 0 到 100 之间。"));
    }
    let comments = text_field("comments", "评价意见", &input.comments, 1000)?;
    let taken = ledger::list::<OutpostEvaluation>(conn)?
        .into_iter()
        .any(|o| {
            o.period == period && o.department == department && before.is_none_or(|b| b.id != o.id)
        });
    if taken {
        return Err(Error::Conflict {
            field: Some("department"),
            message: format!("{period} 已经评价过“{department}”，请修改那一条。"),
        });
    }
    let now = ctx.stamp();
    Ok(OutpostEvaluation {
        id: before.map_or_else(new_id, |b| b.id.clone()),
        owner_code: office::require(conn)?.code,
        period,
        department,
        score,
        comments,
        created_at: before.map_or_else(|| now.clone(), |b| b.created_at.clone()),
        updated_at: now,
    })
}

pub fn outpost_evaluations(conn: &Connection) -> Result<Vec<OutpostEvaluation>> {
    let mut all = ledger::list::<OutpostEvaluation>(conn)?;
    all.sort_by(|a, b| {
        b.period
            .cmp(&a.period)
            .then_with(|| a.department.cmp(&b.department))
    });
    Ok(all)
}

pub fn create_outpost_evaluation(
    tx: &Tx,
    input: &OutpostEvaluationInput,
) -> Result<OutpostEvaluation> {
    ledger::upsert(tx, None, input, checked_outpost)
}

pub fn update_outpost_evaluation(
    tx: &Tx,
    id: &str,
    input: &OutpostEvaluationInput,
) -> Result<OutpostEvaluation> {
    ledger::upsert(tx, Some(id), input, checked_outpost)
}

pub fn delete_outpost_evaluation(tx: &Tx, id: &str) -> Result<Entry> {
    ledger::delete::<OutpostEvaluation>(tx, id)
}

/// An evaluation an office below sent up in its package (read-only here).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedOutpost {
    /// The township that evaluated, and its name (a township inside a county's
    /// package is named by its code and the county that sent it).
    pub office_code: String,
    pub office_name: String,
    #[serde(flatten)]
    pub evaluation: OutpostEvaluation,
}

/// The outpost evaluations received from the offices below (a county: its
/// townships'), by township, then newest period first, then department.
pub fn received_outpost_evaluations(conn: &Connection) -> Result<Vec<ReceivedOutpost>> {
    let rows: Vec<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT r.office_code, s.code, s.name, r.json FROM snapshot_records r
             JOIN snapshots s ON s.code = r.snapshot_code
             WHERE r.kind = ?1",
        )?
        .query_map([OutpostEvaluation::TABLE], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // A township inside a county's file by its name (the city named it by its code).
    let names: std::collections::HashMap<String, String> = report::offices_inside(conn, None)?
        .into_iter()
        .map(|(_, code, name, _)| (code, name))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for (office_code, sender, sender_name, json) in rows {
        let evaluation: OutpostEvaluation = serde_json::from_str(&json)?;
        let office_name = if office_code == sender {
            sender_name
        } else {
            let own = names.get(&office_code).unwrap_or(&office_code);
            format!("{own}（{sender_name}报送）")
        };
        out.push(ReceivedOutpost {
            office_code,
            office_name,
            evaluation,
        });
    }
    out.sort_by(|a, b| {
        a.office_code
            .cmp(&b.office_code)
            .then_with(|| b.evaluation.period.cmp(&a.evaluation.period))
            .then_with(|| a.evaluation.department.cmp(&b.evaluation.department))
    });
    Ok(out)
}

// ---------- declarations ----------

pub static INDICATORS: Def = Def {
    imports: &[&Sheet::<sheets::Indicators>::NEW],
    exports: &[Export::of::<sheets::Indicators>(sheets::export_indicators)],
    report_keys: &["assessment.indicators"],
    restore: restore_indicator,
    ..Def::ledger::<Indicator>()
};

pub static MANUAL_SCORES: Def = Def {
    fields: &[
        ("period", "考核期间"),
        ("officeCode", "被考核单位代码"),
        ("officeName", "被考核单位"),
        ("indicatorCode", "指标编号"),
        ("score", "得分"),
        ("evidence", "佐证"),
    ],
    travels: false,
    ..Def::ledger::<ManualScore>()
};

pub static RESULTS: Def = Def {
    values: &[("kind", ResultKind::PAIRS)],
    fields: &[
        ("period", "考核期间"),
        ("kind", "类型"),
        ("title", "名称"),
        ("recipient", "对象"),
        ("issuedOn", "印发日期"),
        ("documentNo", "文号"),
    ],
    travels: false,
    ..Def::ledger::<AssessmentResult>()
};

pub static RECTIFICATION_ITEMS: Def = Def {
    fields: &[
        ("resultId", "所属通报编号"),
        ("issuedOn", "下达日期"),
        ("inspectionId", "来源检查记录"),
    ],
    imports: &[&Sheet::<sheets::RectificationItems>::NEW],
    exports: &[Export::of::<sheets::RectificationItems>(
        sheets::export_rectification_items,
    )],
    report_keys: &[
        "assessment.rectifications_open",
        "assessment.rectifications_overdue",
    ],
    ..Def::ledger::<RectificationItem>()
};

pub static OUTPOST_EVALUATIONS: Def = Def {
    fields: &[
        ("period", "考核期间"),
        ("department", "部门"),
        ("score", "得分"),
        ("comments", "评价意见"),
    ],
    exports: &[Export::new(
        "outpost-evaluations",
        "派出机构考核评价",
        sheets::export_outpost_evaluations,
    )
    .also(sheets::OUTPOST_EXPORT)
    .with_note("在软件里逐条登记，不能导入")],
    ..Def::ledger::<OutpostEvaluation>()
};
