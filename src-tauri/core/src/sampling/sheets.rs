//! Excel in and out for the inspections (检查记录): one [`RecordKind`] on the shared
//! import machinery (a row per compound or grid and period, found by the unit's
//! code), and its export list. Columns are documented in `docs/IMPORT.md`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::base::fields::parse_date;
use crate::hierarchy;
use crate::sampling::inspections::{self, InspectionInput};
use crate::sheets::import::{col, Column, FileLookup, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{ctx_for, in_column, Problems};

pub struct Inspections;

/// The column keys of the checklist are [`inspections::CHECKLIST`]'s keys.
static INSPECTION_COLUMNS: &[Column] = &INSPECTION_IMPORT;

const INSPECTION_IMPORT: [Column; 13] = [
    col(
        "unitCode",
        "单位编码",
        &["编码", "网格编码", "小区编码", "检查对象编码"],
        true,
        true,
        "抽中小区或基础网格、微网格的编码（与“网格”里的编码一致）。",
        16.0,
    ),
    col(
        "unitName",
        "检查对象",
        &["名称", "网格名称", "小区名称"],
        false,
        false,
        "用来核对编码：写了而与编码的单位不符时，这一行不导入。",
        18.0,
    ),
    col(
        "date",
        "检查日期",
        &["日期", "检查时间"],
        true,
        false,
        "如 2026-11-20。小区按日期所在季度、网格按日期所在半年归入检查期。",
        12.0,
    ),
    col(
        "inspector",
        "检查人员",
        &["检查人", "检查组"],
        true,
        false,
        "多人用顿号分隔。",
        16.0,
    ),
    col(
        "substituteReason",
        "换人原因",
        &["替换原因", "换人说明"],
        false,
        false,
        "抽中小区的检查人员与抽中的不同时必填（如请假、回避），公示时一并写出。",
        16.0,
    ),
    col(
        "visits",
        "网格员走访",
        &["走访", "走访得分"],
        true,
        false,
        "0–20 分。",
        10.0,
    ),
    col(
        "records",
        "台账记录",
        &["记录", "台账"],
        true,
        false,
        "0–20 分。",
        10.0,
    ),
    col(
        "publicity",
        "信息公示",
        &["公示"],
        true,
        false,
        "0–15 分。",
        10.0,
    ),
    col(
        "timeliness",
        "问题处理时效",
        &["处理时效", "时效"],
        true,
        false,
        "0–25 分。",
        12.0,
    ),
    col(
        "sanliang",
        "三亮到位",
        &["三亮"],
        true,
        false,
        "0–20 分。",
        10.0,
    ),
    col(
        "findings",
        "发现的问题",
        &["问题", "检查发现"],
        false,
        false,
        "",
        30.0,
    ),
    col("remark", "备注", &[], false, false, "", 20.0),
    col(
        "recheckOf",
        "检查类型",
        &["初查/复查"],
        false,
        false,
        "空着或“初查”：这一期的检查；“复查”：整改后对同一对象的再次检查，对应它此前最近的一次初查（已登记的，或同一个文件里的），不另算检查进度。",
        10.0,
    )
    .choose_from(&["初查", "复查"]),
];

/// What the export writes after the import's columns, as the screen shows them (the
/// period, the total, the photos' names): a county reads 88 分 without adding five
/// cells, and sees which checks have photos.
pub const INSPECTION_ALSO: [Column; 3] = [
    col("period", "检查期", &[], false, false, "", 16.0),
    col("total", "总分", &[], false, false, "", 8.0),
    col("photos", "照片", &[], false, false, "", 30.0),
];

static INSPECTION_EXPORT: [Column; 16] =
    crate::sheets::import::then(&INSPECTION_IMPORT, INSPECTION_ALSO);

/// A parsed row: the input and the period it falls in (its identity with the unit;
/// a recheck's with its date too).
pub struct ParsedInspection {
    input: InspectionInput,
    period: String,
}

/// The file's own 初查 rows, their days by unit code: a 复查 whose 初查 is a row of
/// the same file is checked against that row and goes in after it (an export lists
/// the newest first, so a 复查 stands above its 初查; it was refused until the file
/// was imported a second time).
pub struct FileFirsts {
    days: HashMap<String, Vec<NaiveDate>>,
}

impl FileLookup for FileFirsts {
    fn build(_: &Connection, rows: &[RowCells]) -> Result<Self> {
        let mut days: HashMap<String, Vec<NaiveDate>> = HashMap::new();
        for row in rows {
            if is_recheck(row.get("recheckOf")) != Ok(false) {
                continue;
            }
            if let Ok(Some(day)) = parse_date("date", "检查日期", row.get("date")) {
                let code = row.get("unitCode").trim().to_string();
                days.entry(code).or_default().push(day);
            }
        }
        Ok(FileFirsts { days })
    }
}

impl FileFirsts {
    /// The latest 初查 day of the file's rows for `code` on or before `day`.
    fn before(&self, code: &str, day: NaiveDate) -> Option<NaiveDate> {
        self.days
            .get(code.trim())?
            .iter()
            .filter(|d| **d <= day)
            .max()
            .copied()
    }
}

/// What a 检查类型 cell says: a recheck (复查) or not.
fn is_recheck(cell: &str) -> std::result::Result<bool, String> {
    match cell.trim() {
        "" | "初查" | "检查" => Ok(false),
        "复查" => Ok(true),
        other => Err(format!(
            "检查类型“{other}”看不懂：请填“初查”或“复查”，或空着（初查）。"
        )),
    }
}

impl RecordKind for Inspections {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("unitKind", crate::hierarchy::UnitKind::PAIRS)];
    const NAME: &'static str = "inspections";
    const LABEL: &'static str = "检查记录";
    const ALIASES: &'static [&'static str] = &["检查记录", "检查"];
    const WIZARD: Wizard = crate::wizard!("检查记录", "条", "网格检查记录.xlsx");
    const KEY_COLUMN: &'static str = "unitCode";
    type Parsed = ParsedInspection;
    type Lookup = FileFirsts;
    const COLUMNS: &'static [Column] = INSPECTION_COLUMNS;
    fn parse(
        conn: &Connection,
        firsts: &mut FileFirsts,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedInspection, Problems> {
        let code = row.get("unitCode");
        let unit = hierarchy::find_by_code(conn, code)
            .map_err(|e| vec![("unitCode", e.to_string())])?
            .ok_or_else(|| {
                vec![(
                    "unitCode",
                    format!("没有编码为“{code}”的小区或网格。请核对编码，或先在“网格”里建立它。"),
                )]
            })?;
        // 检查对象 is "只作核对": a name that is another unit's is said, not passed
        // over (probe AJ: 翠竹苑1-2栋 beside 阳光花园3-4栋's code went in unsaid). The
        // name the unit had when inspected (an export's, before a rename) is its own.
        let named = crate::base::canon::name_key(row.get("unitName"));
        if !named.is_empty() {
            let own = crate::base::canon::name_key(&unit.name);
            let fits = |n: &str| !n.is_empty() && (n.contains(&*named) || named.contains(n));
            let was =
                crate::store::ledger::list_by::<inspections::Inspection>(conn, "unit_id", &unit.id)
                    .unwrap_or_default()
                    .into_iter()
                    .any(|i| fits(&crate::base::canon::name_key(&i.unit_name)));
            if !fits(&own) && !was {
                return Err(vec![(
                    "unitName",
                    format!(
                        "单位编码 {code} 是{}，检查对象写的是“{}”。请核对编码和检查对象，以编码为准的话把检查对象改成“{}”或留空。",
                        unit.describe(),
                        row.get("unitName").trim(),
                        unit.name
                    ),
                )]);
            }
        }
        let recheck = is_recheck(row.get("recheckOf")).map_err(|m| vec![("recheckOf", m)])?;
        let input = InspectionInput {
            recheck_of: recheck.then(String::new),
            unit_id: unit.id.clone(),
            date: row.get("date").into(),
            inspector: row.get("inspector").into(),
            substitute_reason: row.get("substituteReason").into(),
            scores: inspections::CHECKLIST
                .iter()
                .map(|(k, ..)| (k.to_string(), row.get(k).to_string()))
                .collect(),
            findings: row.get("findings").into(),
            remark: row.get("remark").into(),
        };
        // Checked once without the stored one to learn the period, then against it.
        let renames: &'static [(&str, &str)] = &[("unitId", "unitCode")];
        let ctx = ctx_for(today);
        let first = inspections::checked_inspection(conn, &ctx, None, &input);
        let period = match first {
            Ok(i) => i.period,
            // No stored 初查 before the 复查's day, but a row of the file is one: the
            // row is checked as that inspection's, and goes in after it.
            Err(e) if recheck && e.field() == Some("recheckOf") => {
                let day = parse_date("date", "检查日期", &input.date)
                    .ok()
                    .flatten()
                    .and_then(|d| firsts.before(code, d));
                let Some(day) = day else {
                    return Err(in_column::<Self>(renames, "unitCode")(e));
                };
                let as_first = InspectionInput {
                    recheck_of: None,
                    ..input.clone()
                };
                match inspections::checked_inspection(conn, &ctx, None, &as_first) {
                    Err(e) if !matches!(e, crate::base::error::Error::Conflict { .. }) => {
                        return Err(in_column::<Self>(renames, "unitCode")(e))
                    }
                    _ => inspections::period_of(unit.kind, day),
                }
            }
            Err(e) => {
                // A conflict with the stored one is an update, not a problem.
                let stored = e.field() == Some("unitId")
                    && matches!(e, crate::base::error::Error::Conflict { .. });
                if !stored {
                    return Err(in_column::<Self>(renames, "unitCode")(e));
                }
                let date = parse_date("date", "检查日期", &input.date)
                    .ok()
                    .flatten()
                    .unwrap_or(today);
                inspections::period_of(unit.kind, date)
            }
        };
        Ok(ParsedInspection { input, period })
    }
    // A refused 初查 row still names its inspection by unit and period (probe T: it
    // was said to be missing from the file).
    fn refused_names(conn: &Connection, row: &RowCells) -> Option<String> {
        if is_recheck(row.get("recheckOf")).unwrap_or(true) {
            return None;
        }
        let unit = hierarchy::find_by_code(conn, row.get("unitCode")).ok()??;
        let date = parse_date("date", "检查日期", row.get("date")).ok()??;
        let period = inspections::period_of(unit.kind, date);
        Some(inspections::find_for(conn, &unit.id, &period).ok()??.id)
    }
    fn key(p: &ParsedInspection) -> String {
        match &p.input.recheck_of {
            None => format!("{}\u{1f}{}", p.input.unit_id, p.period),
            Some(_) => format!(
                "{}\u{1f}{}\u{1f}复查\u{1f}{}",
                p.input.unit_id,
                p.period,
                p.input.date.trim()
            ),
        }
    }
    fn applies_after(p: &ParsedInspection) -> bool {
        p.input.recheck_of.is_some()
    }
    fn existing(
        conn: &Connection,
        _firsts: &mut FileFirsts,
        p: &ParsedInspection,
    ) -> Result<Option<String>> {
        let Some(first) = inspections::find_for(conn, &p.input.unit_id, &p.period)? else {
            return Ok(None);
        };
        Ok(match &p.input.recheck_of {
            None => Some(first.id),
            // A recheck is the one of that first inspection on the row's day.
            Some(_) => {
                let day = parse_date("date", "检查日期", &p.input.date)
                    .ok()
                    .flatten()
                    .map(|d| d.to_string());
                inspections::rechecks_of(conn, &first)?
                    .into_iter()
                    .find(|r| Some(&r.date) == day.as_ref())
                    .map(|r| r.id)
            }
        })
    }
    crate::sheets::rows::through!(inspections::checked_inspection, input);
}

pub fn export_rows(conn: &Connection, kind: &str, _today: NaiveDate) -> Result<Option<ListRows>> {
    if kind != "inspections" {
        return Ok(None);
    }
    let rows = inspections::inspections(conn, None)?
        .into_iter()
        .map(|v| {
            let i = v.inspection;
            let kind = if i.is_first() { "初查" } else { "复查" };
            let mut row = vec![
                i.unit_code,
                i.unit_name,
                i.date,
                i.inspector,
                i.substitute_reason,
            ];
            for (k, ..) in inspections::CHECKLIST {
                row.push(i.scores.get(*k).map(|s| s.to_string()).unwrap_or_default());
            }
            row.push(i.findings);
            row.push(i.remark);
            row.push(kind.to_string());
            row.push(inspections::period_label(&i.period));
            row.push(v.total.to_string());
            row.push(
                i.attachments
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            );
            row
        })
        .collect();
    Ok(Some(("检查记录", &INSPECTION_EXPORT, rows)))
}

/// 抽查样本 as its public notice lists it (双随机、一公开): a row per drawn compound of
/// every sample in force, newest quarter first, with its check once made. Only
/// written: a sample is drawn by the software, never typed in.
pub const SAMPLE_EXPORT: &[Column] = &[
    col("quarter", "季度", &[], false, false, "", 14.0),
    col("rate", "抽查比例", &[], false, false, "", 10.0),
    col("number", "随机号", &[], false, false, "", 10.0),
    col("drawnOn", "抽取日期", &[], false, false, "", 12.0),
    col("community", "村/社区", &[], false, false, "", 14.0),
    col("compound", "小区", &[], false, false, "", 20.0),
    col("inspectors", "检查人员", &[], false, false, "", 16.0),
    col("inspectedOn", "检查日期", &[], false, false, "", 12.0),
    col("score", "得分", &[], false, false, "", 8.0),
    col("findings", "发现问题", &[], false, false, "", 30.0),
];

pub fn export_samples(
    conn: &Connection,
    kind: &str,
    _today: NaiveDate,
) -> Result<Option<ListRows>> {
    if kind != "samples" {
        return Ok(None);
    }
    let mut quarters: Vec<String> = crate::store::ledger::list::<super::Sample>(conn)?
        .into_iter()
        .filter(super::Sample::is_current)
        .map(|s| s.quarter)
        .collect();
    quarters.sort_by(|a, b| b.cmp(a));
    let mut rows = Vec::new();
    for q in quarters {
        let n = super::notice(conn, &q)?;
        let rate = format!("{}%", f64::from(n.rate_permille) / 10.0);
        for r in n.rows {
            rows.push(vec![
                n.quarter_label.clone(),
                rate.clone(),
                n.number.clone(),
                n.drawn_on.clone(),
                r.community_name,
                r.compound_name,
                r.inspectors,
                r.inspected_on,
                r.score.map(|s| s.to_string()).unwrap_or_default(),
                r.findings,
            ]);
        }
    }
    Ok(Some(("抽查样本", SAMPLE_EXPORT, rows)))
}
