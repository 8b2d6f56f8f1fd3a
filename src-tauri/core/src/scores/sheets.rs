//! Excel in and out for the indicator system (考核指标) and the rectification
//! items (整改事项). Columns are documented in `docs/IMPORT.md`.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::scores::{
    self, formula, IndicatorInput, Method, RectificationItem, RectificationItemInput,
};
use crate::sheets::import::{col, Column, RecordKind, RowCells, Summary};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, Problems, Refs};
use crate::store::ledger;
use crate::store::Tx;

pub struct Indicators;

static INDICATOR_COLUMNS: &[Column] = &[
    col(
        "group",
        "指标组",
        &["一级指标", "类别"],
        true,
        false,
        "党建引领、队伍建设、权责落实、服务质量或群众满意度。",
        12.0,
    )
    .choose_from(&["党建引领", "队伍建设", "权责落实", "服务质量", "群众满意度"]),
    col(
        "code",
        "指标编号",
        &["编号", "代码"],
        true,
        true,
        "如 P01；同一编号再次导入时更新。",
        10.0,
    ),
    col("name", "指标名称", &["指标", "名称", "二级指标"], true, false, "", 28.0),
    col("unit", "单位", &["计量单位"], false, false, "%、人、次、分…", 8.0),
    col(
        "points",
        "分值",
        &["权重", "满分"],
        true,
        false,
        "该指标满分，大于 0。",
        8.0,
    ),
    col("target", "目标值", &["目标"], false, false, "", 10.0),
    col(
        "direction",
        "方向",
        &["指标方向"],
        false,
        false,
        "越高越好或越低越好，不填为越高越好。",
        10.0,
    )
    .choose_from(&["越高越好", "越低越好"]),
    col(
        "method",
        "评分方式",
        &["考核方式", "方式"],
        true,
        false,
        "按统计计算或考核组评分。",
        12.0,
    )
    .choose_from(&["按统计计算", "考核组评分"]),
    col(
        "formula",
        "计算公式",
        &["公式"],
        false,
        true,
        "按统计计算时必填：统计项（统计中的名称写在【】里，或统计项代码）、数字、+ - * / 和括号，如 100 * 【三亮齐全的小区】 / 【小区（自然村/组）】。",
        40.0,
    ),
    col(
        "retired",
        "是否停用",
        &["停用"],
        false,
        false,
        "是或否，不填为否。",
        8.0,
    )
    .choose_from(&["是", "否"]),
    col("note", "说明", &["备注"], false, false, "", 30.0),
];

impl RecordKind for Indicators {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("group", crate::scores::IndicatorGroup::PAIRS),
        ("direction", crate::scores::Direction::PAIRS),
        ("method", crate::scores::Method::PAIRS),
    ];
    const NAME: &'static str = "indicators";
    const LABEL: &'static str = "考核指标";
    const ALIASES: &'static [&'static str] = &["考核指标", "指标体系"];
    const WIZARD: Wizard = crate::wizard!("考核指标", "项", "考核指标体系.xlsx");
    const KEY_COLUMN: &'static str = "code";
    type Parsed = IndicatorInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = INDICATOR_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<IndicatorInput, Problems> {
        let input = IndicatorInput {
            group: row.get("group").into(),
            code: row.get("code").into(),
            name: row.get("name").into(),
            unit: row.get("unit").into(),
            points: row.get("points").into(),
            target: row.get("target").into(),
            direction: row.get("direction").into(),
            method: row.get("method").into(),
            formula: row.get("formula").into(),
            retired: row.get("retired").into(),
            note: row.get("note").into(),
        };
        // A formula on an indicator the 考核组 scores would be dropped without a word.
        if Method::parse(&input.method).ok() == Some(Method::Manual)
            && !input.formula.trim().is_empty()
        {
            return Err(vec![(
                "formula",
                "评分方式是“考核组评分”的指标不用计算公式：如按统计计算，请把评分方式写成“按统计计算”；否则请清空这一格。".into(),
            )]);
        }
        let before =
            scores::find_by_code(conn, &input.code).map_err(in_column::<Self>(&[], "code"))?;
        scores::checked_indicator(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "code"))?;
        Ok(input)
    }
    /// P99 and p99 in one file are one indicator twice, not two.
    fn key(p: &IndicatorInput) -> String {
        p.code.trim().to_uppercase()
    }
    fn existing(conn: &Connection, _refs: &mut Refs, p: &IndicatorInput) -> Result<Option<String>> {
        Ok(scores::find_by_code(conn, &p.code)?.map(|d| d.id))
    }
    crate::sheets::rows::through!(scores::checked_indicator, then scores::scores_follow_code);
    /// One import, one version of the system (when it changed anything).
    fn finish(tx: &Tx, summary: &Summary) -> Result<()> {
        if summary.created + summary.updated > 0 {
            scores::record_version(tx, scores::IMPORT_NOTE)?;
        }
        Ok(())
    }
}

fn num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

pub fn export_indicators(
    conn: &Connection,
    kind: &str,
    _today: NaiveDate,
) -> Result<Option<ListRows>> {
    if kind != "indicators" {
        return Ok(None);
    }
    let rows = scores::indicators(conn)?
        .into_iter()
        .map(|i| {
            vec![
                i.group.label().into(),
                i.code,
                i.name,
                i.unit,
                num(i.points),
                num(i.target),
                i.direction.label().into(),
                i.method.label().into(),
                if i.method == Method::Computed {
                    // By name, as 统计 shows the figures: the sheet is edited and imported back.
                    formula::named(&i.formula)
                } else {
                    String::new()
                },
                if i.retired { "是" } else { "否" }.into(),
                i.note,
            ]
        })
        .collect();
    Ok(Some(("考核指标", INDICATOR_COLUMNS, rows)))
}

pub struct RectificationItems;

static RECTIFICATION_COLUMNS: &[Column] = &[
    col(
        "notice",
        "所属通报",
        &["通报", "通报名称", "通报批评"],
        true,
        false,
        "通报批评的名称；已登记的通报按名称关联。",
        24.0,
    ),
    col(
        "item",
        "整改事项",
        &["事项", "整改内容"],
        true,
        false,
        "同一通报下同名的事项再次导入时更新。",
        30.0,
    ),
    col(
        "owner",
        "责任人",
        &["责任单位", "负责人"],
        true,
        false,
        "",
        12.0,
    ),
    col(
        "deadline",
        "整改期限",
        &["期限", "完成时限"],
        true,
        false,
        "如 2026-12-31。",
        12.0,
    ),
    col(
        "doneOn",
        "完成日期",
        &["办结日期", "整改完成日期"],
        false,
        false,
        "整改完成后填写。",
        12.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for RectificationItems {
    const NAME: &'static str = "rectification-items";
    const LABEL: &'static str = "整改事项";
    const ALIASES: &'static [&'static str] = &["整改事项", "整改"];
    const WIZARD: Wizard = crate::wizard!("整改事项", "项", "通报整改事项.xlsx");
    const KEY_COLUMN: &'static str = "item";
    const KEY_WITH: &'static [&'static str] = &["notice"];
    type Parsed = RectificationItemInput;
    type Lookup = Refs;
    const COLUMNS: &'static [Column] = RECTIFICATION_COLUMNS;
    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<RectificationItemInput, Problems> {
        let input = RectificationItemInput {
            notice: row.get("notice").into(),
            item: row.get("item").into(),
            owner: row.get("owner").into(),
            deadline: row.get("deadline").into(),
            done_on: row.get("doneOn").into(),
            note: row.get("note").into(),
            inspection_id: String::new(),
        };
        let before = existing_item(conn, &input).map_err(in_column::<Self>(&[], "item"))?;
        scores::checked_rectification(conn, &ctx_for(today), before.as_ref(), &input)
            .map_err(in_column::<Self>(&[], "item"))?;
        Ok(input)
    }
    fn key(p: &RectificationItemInput) -> String {
        format!("{}\u{1f}{}", p.notice.trim(), p.item.trim())
    }
    fn existing(
        conn: &Connection,
        _refs: &mut Refs,
        p: &RectificationItemInput,
    ) -> Result<Option<String>> {
        Ok(existing_item(conn, p)?.map(|d| d.id))
    }
    crate::sheets::rows::through!(scores::checked_rectification);

    /// The notices the file names that are not registered here (表彰与通报): taken
    /// as a higher level's notice, said once, so a misspelt title is caught before
    /// it stands as a notice of its own (probe O: 不存在的通报 counted 3 items).
    fn file_note(conn: &Connection, rows: &[(&RectificationItemInput, bool)]) -> Option<String> {
        let mut unknown: Vec<&str> = Vec::new();
        // Items stored already were recorded so: an office's own export read back
        // was told they would be (probe AO).
        for (p, _) in rows.iter().filter(|(_, stored)| !stored) {
            let n = p.notice.trim();
            if !unknown.contains(&n) && scores::find_notice(conn, n).ok()?.is_none() {
                unknown.push(n);
            }
        }
        if unknown.is_empty() {
            return None;
        }
        let named: Vec<String> = unknown.iter().take(5).map(|n| format!("“{n}”")).collect();
        Some(format!(
            "所属通报{}{}没有在“表彰与通报”里登记，将按上级的通报记下这些整改事项。如是本单位的通报，请先登记通报，或把名称改成与登记的一致，再导入。",
            named.join("、"),
            if unknown.len() > named.len() { "等" } else { "" }
        ))
    }
}

fn existing_item(
    conn: &Connection,
    p: &RectificationItemInput,
) -> Result<Option<RectificationItem>> {
    let title = match scores::find_notice(conn, &p.notice)? {
        Some(n) => n.title,
        None => p.notice.trim().to_string(),
    };
    Ok(
        ledger::list_by_json::<RectificationItem>(conn, "$.item", p.item.trim())?
            .into_iter()
            .find(|r| r.notice == title),
    )
}

pub fn export_rectification_items(
    conn: &Connection,
    kind: &str,
    _today: NaiveDate,
) -> Result<Option<ListRows>> {
    if kind != "rectification-items" {
        return Ok(None);
    }
    let rows = scores::rectification_items(conn)?
        .into_iter()
        .map(|r| {
            vec![
                r.notice,
                r.item,
                r.owner,
                r.deadline.unwrap_or_default(),
                r.done_on.unwrap_or_default(),
                r.note,
            ]
        })
        .collect();
    Ok(Some(("整改事项", RECTIFICATION_COLUMNS, rows)))
}

/// 派出机构考核评价 as a ledger: a row per evaluation, the latest period first. Only
/// written (the window enters them one by one).
pub const OUTPOST_EXPORT: &[Column] = &[
    col("period", "考核期间", &[], false, false, "", 14.0),
    col("department", "派出机构", &[], false, false, "", 28.0),
    col("score", "得分", &[], false, false, "", 8.0),
    col("comments", "评价意见", &[], false, false, "", 40.0),
];

pub fn export_outpost_evaluations(
    conn: &Connection,
    kind: &str,
    _today: NaiveDate,
) -> Result<Option<ListRows>> {
    if kind != "outpost-evaluations" {
        return Ok(None);
    }
    let rows = crate::scores::outpost_evaluations(conn)?
        .into_iter()
        .map(|o| {
            let period = crate::base::period::Period::parse("period", &o.period)
                .map_or_else(|_| o.period.clone(), |p| p.label());
            vec![period, o.department, o.score.to_string(), o.comments]
        })
        .collect();
    Ok(Some(("派出机构考核评价", OUTPOST_EXPORT, rows)))
}
