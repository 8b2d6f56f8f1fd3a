//! The score table (评分结果): for a period, each indicator in force, its value for
//! each office (this office, and each office below from the files received), its
//! points, the group totals, the total and the rank. Every computed value names
//! the report keys it comes from, so the screen drills into the records behind
//! each with the report's drill-down (`exchange::report::drill`, scope `own` or
//! the office's division code); a manual score carries its note and evidence.
//!
//! Points (documented in docs/PACKAGE.md's neighbour, the score rules in the UI):
//! - no value (a key missing from an older report, a divisor of 0, no manual
//!   score yet): 0 points, marked 无数据/待评分;
//! - an office that holds no record at all (an empty file, a county with no ledger
//!   of its own): no value on any computed indicator ([`NOTHING_HELD`]);
//! - 越高越好 with a target above 0: points × min(1, value / target), at least 0;
//!   with a target of 0 or less: full points if value ≥ target;
//! - 越低越好: full points if value ≤ target; above it, points × target / value
//!   (0 if the target is 0);
//! - manual: the team's score as given.
//!
//! Points are rounded to two decimals; offices below are ranked by total (equal
//! totals share a rank, 1, 2, 2, 4); this office is ranked only when it stands
//! alone (a township scoring itself).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::Result;
use crate::exchange::report;
use crate::scores::formula::{self, NoValue};
use crate::scores::{self, Direction, Indicator, IndicatorGroup, Method, Period};
use crate::store::office;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Head {
    pub code: String,
    pub name: String,
    pub group: IndicatorGroup,
    pub group_label: &'static str,
    pub unit: String,
    pub points: f64,
    pub target: f64,
    pub direction_label: &'static str,
    pub method: Method,
    pub formula: String,
    /// The report keys the formula names (what a computed value drills into).
    pub keys: Vec<String>,
    /// Each key's name as the 统计 screen shows it (收到的诉求), in the order of `keys`;
    /// the key itself where the report has no such figure.
    pub key_labels: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub code: String,
    /// The value in the indicator's unit; `None`: 无数据 or 待评分.
    pub value: Option<f64>,
    pub points: f64,
    /// Why there is no value, or the manual score's note and evidence.
    pub note: String,
    /// Each key's figure for this office (`None`: not in its report).
    pub figures: BTreeMap<String, Option<i64>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupTotal {
    pub group: IndicatorGroup,
    pub label: &'static str,
    pub points: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficeScore {
    /// `own`, or the division code of the office below (the drill-down's scope).
    pub scope: String,
    pub code: String,
    pub name: String,
    /// The day its figures are counted on.
    pub as_of: String,
    pub cells: Vec<Cell>,
    pub groups: Vec<GroupTotal>,
    pub total: f64,
    /// 1 = best; `None` for this office when offices below are ranked, for an office
    /// that has not reported, and for all when there are no indicators.
    pub rank: Option<usize>,
    /// An office on the 应报名单 whose file has not arrived: listed, unranked, with
    /// no figures (a printed ranking left it out without a word).
    pub not_reported: bool,
    /// An office below that sent a file but is not on the 应报名单 (when there is
    /// one): ranked, and said so, as 统计 marks its row.
    pub unlisted: bool,
    /// What 报送情况 says against its file, beside its rank: 逾期（数据截至 …）,
    /// 下级未报齐, 下级有逾期, 软件版本较旧 … (probe AK: a county lacking a township
    /// ranked first, one on October's data ranked unsaid).
    pub cautions: Vec<String>,
    /// A county at a city: its figures summed over this many offices below, scored
    /// per office (a count as their average, a rate as it is); `None` for one office.
    pub averaged_over: Option<usize>,
}

/// 报送情况's flags that make an office's figures incomplete or not current, by
/// office code, in words: [`OfficeScore::cautions`].
fn cautions_by_office(
    conn: &Connection,
    today: NaiveDate,
) -> Result<std::collections::BTreeMap<String, Vec<String>>> {
    use crate::exchange::senders;
    let s = senders::who_has_sent(conn, today)?;
    Ok(s.rows
        .into_iter()
        .filter(|r| r.sent)
        .map(|r| {
            let said = senders::INCOMPLETE_FLAGS
                .iter()
                .filter(|f| r.flags.contains(f))
                .map(|f| {
                    let label = crate::base::label_in(senders::FLAGS, f);
                    match (*f, &r.exported_at, &r.below) {
                        ("late", Some(at), _) => {
                            format!("{label}（数据截至 {}）", crate::base::period::china_day(at))
                        }
                        ("below_missing", _, Some(b)) => format!(
                            "{label}（未报：{}）",
                            b.missing
                                .iter()
                                .map(|m| m.name.as_str())
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                        _ => label.to_string(),
                    }
                })
                .collect();
            (r.code, said)
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreTable {
    pub period: String,
    /// The period as every screen says it (2026年第四季度), for titles.
    pub period_label: String,
    /// The version of the indicator system scored with.
    pub version: i64,
    pub max_total: f64,
    pub indicators: Vec<Head>,
    /// Offices below first by rank, then this office.
    pub offices: Vec<OfficeScore>,
}

fn round2(x: f64) -> f64 {
    // `+ 0.0`: a sum of nothing is -0.0 (a county without indicators printed 满分 -0).
    (x * 100.0).round() / 100.0 + 0.0
}

/// The points a value earns under an indicator's rule (see the module doc).
pub fn points_for(ind: &Indicator, value: f64) -> f64 {
    let p = ind.points;
    let raw = match ind.direction {
        Direction::Higher if ind.target > 0.0 => p * (value / ind.target).clamp(0.0, 1.0),
        Direction::Higher => {
            if value >= ind.target {
                p
            } else {
                0.0
            }
        }
        Direction::Lower if value <= ind.target => p,
        Direction::Lower if ind.target > 0.0 && value > 0.0 => p * ind.target / value,
        Direction::Lower => 0.0,
    };
    round2(raw)
}

/// What an office whose figures are all 0 is told for each computed indicator.
pub const NOTHING_HELD: &str =
    "无数据：各项统计都是 0（报送的文件里没有可统计的记录，或台账还没有录入）";

/// Whether figures count nothing an office has entered: every figure 0 but the
/// indicator system's own size (在用考核指标 is the 考核组's, not the office's work).
/// Such an office is not scored on its computed indicators: an empty file earned
/// full points on every 越低越好 one (0 未完成整改事项).
fn holds_nothing(figures: &BTreeMap<String, i64>) -> bool {
    figures
        .iter()
        .all(|(k, v)| *v == 0 || k == "assessment.indicators")
}

/// One office's row: its figures by key (a key absent: no figure) and its manual scores.
fn score_office(
    inds: &[(Indicator, Option<formula::Expr>)],
    figures: &BTreeMap<String, i64>,
    manual: &BTreeMap<&str, &scores::ManualScore>,
    per: usize,
) -> (Vec<Cell>, Vec<GroupTotal>, f64) {
    let empty = holds_nothing(figures);
    let mut cells = Vec::new();
    let mut groups: Vec<GroupTotal> = IndicatorGroup::ALL
        .iter()
        .map(|g| GroupTotal {
            group: *g,
            label: g.label(),
            points: 0.0,
            max: 0.0,
        })
        .collect();
    for (ind, expr) in inds {
        let mut cell = Cell {
            code: ind.code.clone(),
            value: None,
            points: 0.0,
            note: String::new(),
            figures: BTreeMap::new(),
        };
        match (ind.method, expr) {
            (Method::Computed, _) if empty => cell.note = NOTHING_HELD.to_string(),
            (Method::Computed, Some(e)) => {
                for k in e.keys() {
                    let f = figures.get(&k).copied();
                    cell.figures.insert(k, f);
                }
                // A county's summed figures, per township it carries (`per`): a count
                // meets a township's target as an average, a rate is unchanged (probe
                // AK: one more township made a county 61.88 → 64.76 for the same work).
                let lookup = |k: &str| {
                    figures.get(k).map(|v| {
                        if per > 1 && !crate::exchange::report::NOT_SUMMED.contains(&k) {
                            *v as f64 / per as f64
                        } else {
                            *v as f64
                        }
                    })
                };
                match e.eval(&lookup) {
                    Ok(v) => {
                        cell.value = Some(round2(v));
                        cell.points = points_for(ind, v);
                    }
                    Err(no) => cell.note = no.describe(),
                }
            }
            (Method::Computed, None) => {
                cell.note = NoValue::Missing(ind.formula.clone()).describe();
            }
            (Method::Manual, _) => match manual.get(ind.code.as_str()) {
                Some(m) => {
                    cell.value = Some(m.score);
                    cell.points = round2(m.score.clamp(0.0, ind.points));
                    cell.note = match (m.note.is_empty(), m.evidence.is_empty()) {
                        (_, true) => m.note.clone(),
                        (true, false) => format!("佐证：{}", m.evidence),
                        (false, false) => format!("{}；佐证：{}", m.note, m.evidence),
                    };
                }
                None => cell.note = format!("{PENDING}：考核组尚未评分"),
            },
        }
        if let Some(g) = groups.iter_mut().find(|g| g.group == ind.group) {
            g.points = round2(g.points + cell.points);
            g.max = round2(g.max + ind.points);
        }
        cells.push(cell);
    }
    let total = round2(groups.iter().map(|g| g.points).sum());
    groups.retain(|g| g.max > 0.0);
    (cells, groups, total)
}

/// Ranks by total, best first; equal totals share a rank.
fn rank(rows: &mut [OfficeScore]) {
    rows.sort_by(|a, b| {
        b.total
            .partial_cmp(&a.total)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.code.cmp(&b.code))
    });
    let mut prev: Option<(f64, usize)> = None;
    for (i, r) in rows.iter_mut().enumerate() {
        let n = match prev {
            Some((t, n)) if t == r.total => n,
            _ => i + 1,
        };
        r.rank = Some(n);
        prev = Some((r.total, n));
    }
}

/// The score table of `period` (`2026`, `2026Q4`): each office's figures for that
/// period, as 统计 counts them for it (`report::members_in`: events dated in the
/// period, stocks on its last day). This office's as of the period's last day or
/// `today`, whichever is earlier; each office below from the last file received
/// from it, as of the earlier of the period's last day and the file's export day.
/// A key its sender's format cannot tell (`package::tells`) stays absent (无数据),
/// not 0.
pub fn score_table(conn: &Connection, period: &str, today: NaiveDate) -> Result<ScoreTable> {
    let p = Period::parse("period", period)?;
    let period = p.to_string();
    let counted = crate::base::period::Period::parse("period", &period)?;
    // A period not begun has nothing to score (2027Q2 ranked every township 1st).
    if counted.from > today {
        return Err(crate::base::error::Error::validation(
            "period",
            format!(
                "{}还没有开始（今天是 {today}），没有可以评分的数据。请选择已经开始的年度或季度。",
                counted.label()
            ),
        ));
    }
    let as_of = counted.as_of(today);
    let (version, in_force) = scores::in_force_on(conn, as_of)?;
    let inds: Vec<(Indicator, Option<formula::Expr>)> = in_force
        .into_iter()
        .map(|i| {
            let e = match i.method {
                Method::Computed => formula::parse(&i.formula).ok(),
                Method::Manual => None,
            };
            (i, e)
        })
        .collect();
    let manual_all = scores::manual_scores(conn, &period)?;
    let manual_of = |code: &str| -> BTreeMap<&str, &scores::ManualScore> {
        manual_all
            .iter()
            .filter(|m| m.office_code == code)
            .map(|m| (m.indicator_code.as_str(), m))
            .collect()
    };
    let me = office::require(conn)?;
    let own_figures = report::own_totals_in(conn, &counted, today)?;
    // A county or city that keeps no ledger of its own is no row among the offices
    // it ranks (江宁区 0 0 0 0 0 0 sat under its townships, in the workbook too).
    let own_is_empty = holds_nothing(&own_figures) && manual_of(&me.code).is_empty();
    let (cells, groups, total) = score_office(&inds, &own_figures, &manual_of(&me.code), 1);
    let own = OfficeScore {
        scope: "own".into(),
        code: me.code.clone(),
        name: me.name.clone(),
        as_of: as_of.to_string(),
        cells,
        groups,
        total,
        rank: None,
        not_reported: false,
        unlisted: false,
        cautions: Vec::new(),
        averaged_over: None,
    };
    let mut below = Vec::new();
    let expected = crate::exchange::senders::list_expected(conn)?;
    let mut cautions = cautions_by_office(conn, today)?;
    let mut stmt = conn.prepare_cached(
        "SELECT code, name, exported_at, manifest_json FROM snapshots ORDER BY code",
    )?;
    let snaps: Vec<(String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (code, name, exported_at, manifest) in snaps {
        let on = report::as_of(&exported_at);
        let format: serde_json::Value = serde_json::from_str(&manifest)?;
        let version = |k: &str| format[k].as_u64().map_or(0, |v| v as u32);
        let (major, minor) = (version("formatVersion"), version("formatMinor"));
        let mut figures = crate::exchange::snapshot_figures::figures(conn, &code, &[&counted], on)?
            .into_iter()
            .next()
            .map(|(t, _)| t)
            .unwrap_or_default();
        // A key the sender's format cannot tell (a kind it did not carry) is absent
        // (无数据), not 0.
        figures.retain(|k, _| crate::exchange::package::tells(k, major, minor));
        // How many offices below the file carries (a county's townships), at least 1.
        let per = crate::exchange::senders::inside(conn, &code)?.len().max(1);
        let (cells, groups, total) = score_office(&inds, &figures, &manual_of(&code), per);
        below.push(OfficeScore {
            scope: code.clone(),
            unlisted: !expected.is_empty() && !expected.iter().any(|e| e.code == code),
            cautions: cautions.remove(&code).unwrap_or_default(),
            averaged_over: (per > 1).then_some(per),
            code,
            name,
            as_of: counted.as_of(on).to_string(),
            cells,
            groups,
            total,
            rank: None,
            not_reported: false,
        });
    }
    let reported: std::collections::BTreeSet<String> =
        below.iter().map(|o| o.code.clone()).collect();
    let unreported: Vec<OfficeScore> = expected
        .into_iter()
        .filter(|e| !reported.contains(&e.code))
        .map(|e| OfficeScore {
            scope: e.code.clone(),
            code: e.code,
            name: e.name,
            as_of: String::new(),
            cells: Vec::new(),
            groups: Vec::new(),
            total: 0.0,
            rank: None,
            not_reported: true,
            unlisted: false,
            cautions: Vec::new(),
            averaged_over: None,
        })
        .collect();
    let mut offices = below;
    // Without indicators there is nothing to rank by (a city ranked a county 1 with 0).
    if offices.is_empty() && unreported.is_empty() {
        let mut own = own;
        own.rank = (!inds.is_empty()).then_some(1);
        offices.push(own);
    } else {
        if !inds.is_empty() {
            rank(&mut offices);
        }
        offices.extend(unreported);
        if !own_is_empty {
            offices.push(own);
        }
    }
    Ok(ScoreTable {
        period_label: counted.label(),
        period,
        version,
        max_total: round2(inds.iter().map(|(i, _)| i.points).sum()),
        indicators: inds
            .iter()
            .map(|(i, e)| (i, keys_of(e.as_ref())))
            .map(|(i, keys)| Head {
                code: i.code.clone(),
                name: i.name.clone(),
                group: i.group,
                group_label: i.group.label(),
                unit: i.unit.clone(),
                points: i.points,
                target: i.target,
                direction_label: i.direction.label(),
                method: i.method,
                formula: i.formula.clone(),
                key_labels: keys
                    .iter()
                    .map(|k| report::label_of(k).unwrap_or(k).to_string())
                    .collect(),
                keys,
            })
            .collect(),
        offices,
    })
}

/// The report keys a computed indicator's formula names, in key order.
fn keys_of(e: Option<&formula::Expr>) -> Vec<String> {
    e.map_or_else(Vec::new, |e| e.keys().into_iter().collect())
}

/// The score table as plain text (the CLI's `score`): one line per office.
pub fn to_text(t: &ScoreTable) -> String {
    let mut out = format!(
        "{} 考核评分（指标体系第 {} 版，满分 {}）\n",
        t.period_label, t.version, t.max_total
    );
    if t.indicators.is_empty() {
        out.push_str("还没有考核指标：请在软件的“考核 › 指标体系”中装入默认指标体系，或用 import --kind indicators 导入指标。\n");
    }
    let groups: Vec<&'static str> = t
        .offices
        .iter()
        .find(|o| !o.not_reported)
        .map(|o| o.groups.iter().map(|g| g.label).collect())
        .unwrap_or_default();
    out.push_str("名次\t单位\t代码");
    for g in &groups {
        out.push('\t');
        out.push_str(g);
    }
    out.push_str("\t总分\n");
    // A total that counts manual indicators not scored yet as 0 is provisional (暂计),
    // as the screen marks it; this office's own unranked row beside the offices it
    // ranks is not scored by its own team.
    let alone = t.offices.len() == 1;
    let waiting = |o: &OfficeScore| {
        if o.scope == "own" && !alone {
            return 0;
        }
        o.cells
            .iter()
            .filter(|c| c.value.is_none() && c.note.starts_with(PENDING))
            .count()
    };
    let mut provisional = false;
    for o in &t.offices {
        let rank = o.rank.map_or("—".to_string(), |r| r.to_string());
        out.push_str(&format!("{rank}\t{}\t{}", o.name, o.code));
        if o.not_reported {
            out.push_str("\t未报送\n");
            continue;
        }
        for g in &o.groups {
            out.push_str(&format!("\t{}", g.points));
        }
        let star = if waiting(o) > 0 { "*" } else { "" };
        provisional |= !star.is_empty();
        out.push_str(&format!("\t{}{star}\n", o.total));
    }
    if provisional {
        out.push_str("* 暂计：还有考核组评分的指标待评分，暂按 0 分计入。\n");
    }
    out
}

/// How a cell's note begins when the team has not scored its manual indicator.
const PENDING: &str = "待评分";

/// The score table as a workbook a county hands on: 评分结果 (an office a row: 名次,
/// 单位, each group's points, 总分, 说明) and 各项指标 (an office and indicator a
/// row: its value, points, maximum and how it came about). Titled like every list,
/// its period and indicator version in the title (the tab could only print it).
pub fn write_xlsx(
    conn: &Connection,
    path: &std::path::Path,
    t: &ScoreTable,
    today: NaiveDate,
) -> Result<()> {
    use crate::sheets::{self, SheetOut};
    // Each group with its maximum, as the screen heads its columns (党建引领（30）).
    let groups: Vec<(&'static str, f64)> = t
        .offices
        .iter()
        .find(|o| !o.groups.is_empty())
        .map(|o| o.groups.iter().map(|g| (g.label, g.max)).collect())
        .unwrap_or_default();
    let name = |o: &OfficeScore| {
        if o.scope == "own" {
            format!("{}（本单位）", o.name)
        } else if o.unlisted {
            format!("{}（不在应报名单）", o.name)
        } else {
            o.name.clone()
        }
    };
    let pending = |o: &OfficeScore| o.cells.iter().any(|c| c.note.starts_with(PENDING));
    let mut headers: Vec<String> = vec!["名次".into(), "单位".into()];
    headers.extend(
        groups
            .iter()
            .map(|(g, max)| format!("{g}（{}）", round2(*max))),
    );
    headers.extend(["总分".to_string(), "说明".to_string()]);
    let results: Vec<Vec<String>> = t
        .offices
        .iter()
        .map(|o| {
            let mut row = vec![
                o.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                name(o),
            ];
            for (g, _) in &groups {
                row.push(
                    o.groups
                        .iter()
                        .find(|x| x.label == *g)
                        .map(|x| x.points.to_string())
                        .unwrap_or_default(),
                );
            }
            row.push(if o.not_reported {
                String::new()
            } else {
                o.total.to_string()
            });
            let mut said: Vec<String> = o.cautions.clone();
            if let Some(n) = o.averaged_over {
                said.push(format!("按 {n} 个下级单位平均计分"));
            }
            if o.not_reported {
                said.insert(0, "未报送，不参加排名".into());
            } else if pending(o) {
                said.insert(0, "暂计：有考核组评分的指标待评分".into());
            }
            row.push(said.join("；"));
            row
        })
        .collect();
    let mut details = Vec::new();
    for o in t.offices.iter().filter(|o| !o.not_reported) {
        for (h, c) in t.indicators.iter().zip(&o.cells) {
            // Why it scored so (a county could not tell): the target, and how it is
            // computed, by the figures' names.
            let (target, method) = match h.method {
                Method::Computed => (
                    format!("{}{}（{}）", round2(h.target), h.unit, h.direction_label),
                    formula::named(&h.formula),
                ),
                Method::Manual => (String::new(), "考核组评分".to_string()),
            };
            details.push(vec![
                name(o),
                h.code.clone(),
                h.name.clone(),
                c.value.map(|v| round2(v).to_string()).unwrap_or_default(),
                target,
                c.points.to_string(),
                h.points.to_string(),
                method,
                c.note.clone(),
            ]);
        }
    }
    let mut title = sheets::Title::of_list(conn, "考核评分表", today)?;
    title.period = format!(
        "考核期间 {} · 指标体系第 {} 版，满分 {}",
        t.period_label, t.version, t.max_total
    );
    // 名次 too: a number, so the sheet sorts by it.
    let numbers: Vec<usize> = std::iter::once(0).chain(2..2 + groups.len() + 1).collect();
    let mut widths = vec![6.0, 22.0];
    widths.extend(groups.iter().map(|_| 12.0));
    widths.extend([10.0, 30.0]);
    sheets::write_xlsx(
        path,
        &[
            SheetOut {
                name: "评分结果",
                headers,
                rows: results,
                text_columns: vec![1],
                widths,
                number_columns: numbers,
                hidden_columns: vec![],
                title: Some(title.clone()),
            },
            SheetOut {
                name: "各项指标",
                headers: [
                    "单位",
                    "编号",
                    "指标",
                    "值",
                    "目标",
                    "得分",
                    "分值",
                    "计算方法",
                    "说明",
                ]
                .map(String::from)
                .to_vec(),
                rows: details,
                text_columns: vec![0, 1, 2, 4, 7, 8],
                widths: vec![22.0, 8.0, 30.0, 10.0, 16.0, 8.0, 8.0, 40.0, 40.0],
                number_columns: vec![3, 5, 6],
                hidden_columns: vec![],
                title: Some(title),
            },
        ],
    )
}
