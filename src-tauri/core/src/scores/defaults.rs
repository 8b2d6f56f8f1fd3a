//! The default indicator system (默认考核指标体系): 36 indicators in the five
//! groups, 100 points in all, drawn from the domain brief. Installed on demand
//! (and with the demo) into an office that has none; editable afterwards.
//!
//! An indicator whose formula names a report key this build does not count yet is
//! installed as scored by the assessment team, its planned formula in its note.
//!
//! The defaults are versioned ([`DEFAULTS_VERSION`]); stored data outlives them.
//! [`upgrade`] brings an office's system to this version: an indicator still as
//! an earlier default installed it (manual for want of its keys, or a row this
//! version changes, [`EARLIER_ROWS`]) becomes this version's row, frozen as a new
//! version of the system; one the office edited stays its own, and a manual one
//! the team has already scored stays manual (its scores stay in force), so no
//! manual score is lost.

use crate::base::error::{Error, Result};
use crate::scores::{self, formula, Indicator, IndicatorInput};
use crate::store::{ledger, Tx};

/// (group, code, name, unit, points, target, direction, formula — empty: manual, note)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
    &'static str,
    &'static str,
);

/// Rows that an earlier version had under another name ([`EARLIER_ROWS`]).
const S01: Row = (
    "服务质量",
    "S01",
    "诉求办结率",
    "%",
    4.0,
    90.0,
    "越高越好",
    "100 * demands.received_resolved / demands.received",
    "本期收到的诉求中，到期末已办结的比例",
);
/// S01 before version 5: the demands resolved in the period (older ones too) over
/// those received in it, 125% where a backlog was cleared.
const S01_V4: Row = counted(S01, "100 * demands.resolved / demands.received", "");
/// Checked, not drawn, and every quarter of the period.
const S03: Row = (
    "服务质量",
    "S03",
    "小区季度抽查覆盖率",
    "%",
    3.0,
    30.0,
    "越高越好",
    "100 * assessment.compounds_checked / assessment.compounds_quarters",
    "每季度随机抽查不少于 30%；按抽中并已检查的小区计，期间含几个季度就按几个季度合计",
);
/// S03 before version 6: the compounds drawn in the count day's quarter, checked or
/// not, over the compounds; a year read its last quarter only.
const S03_V5: Row = counted(
    S03,
    "100 * assessment.compounds_sampled / compounds.total",
    "每季度随机抽查不少于 30%",
);
/// Past their 整改期限 only: an item still within it is being put right on time.
const D08: Row = (
    "权责落实",
    "D08",
    "逾期未完成整改事项",
    "项",
    3.0,
    0.0,
    "越低越好",
    "assessment.rectifications_overdue",
    "通报批评后的整改；整改期限内还在整改的不计",
);
/// D08 before version 7: every item not yet done, a notice issued the day before
/// the count day losing points for items due next month.
const D08_V6: Row = named(
    counted(D08, "assessment.rectifications_open", "通报批评后的整改"),
    "未完成整改事项",
);
const S02: Row = (
    "服务质量",
    "S02",
    "诉求按期办结率",
    "%",
    4.0,
    95.0,
    "越高越好",
    "100 * demands.resolved_on_time / demands.resolved",
    "",
);
const M01: Row = (
    "群众满意度",
    "M01",
    "问卷和回访满意度",
    "%",
    6.0,
    90.0,
    "越高越好",
    "100 * assessment.satisfaction / assessment.satisfaction_judged",
    "满意和基本满意占全部满意度评价（问卷和电话回访）的比例",
);

/// `row` as it was named before.
const fn named(row: Row, name: &'static str) -> Row {
    let mut r = row;
    r.2 = name;
    r
}

/// `row` as it was counted before: its formula and note.
const fn counted(row: Row, formula: &'static str, note: &'static str) -> Row {
    let mut r = row;
    r.7 = formula;
    r.8 = note;
    r
}

pub const DEFAULT_SYSTEM: &[Row] = &[
    // 党建引领 20
    (
        "党建引领",
        "P01",
        "小区党支部“三亮”完成率",
        "%",
        5.0,
        90.0,
        "越高越好",
        "100 * compounds.sanliang_complete / compounds.total",
        "组织架构、工作职责、党员身份三项均已公开的小区占比",
    ),
    (
        "党建引领",
        "P02",
        "小区党组织覆盖情况",
        "分",
        3.0,
        0.0,
        "越高越好",
        "",
        "考核组查阅台账、实地查看",
    ),
    (
        "党建引领",
        "P03",
        "“大工委”“大党委”兼职委员",
        "人",
        3.0,
        10.0,
        "越高越好",
        "party.part_time_members",
        "",
    ),
    (
        "党建引领",
        "P04",
        "联席会议召开次数",
        "次",
        3.0,
        4.0,
        "越高越好",
        "party.joint_meetings",
        "",
    ),
    (
        "党建引领",
        "P05",
        "共建项目认领数",
        "个",
        2.0,
        10.0,
        "越高越好",
        "cobuild.projects_claimed",
        "",
    ),
    (
        "党建引领",
        "P06",
        "共建项目完成数",
        "个",
        2.0,
        8.0,
        "越高越好",
        "cobuild.projects_completed",
        "",
    ),
    (
        "党建引领",
        "P07",
        "共建项目完成率",
        "%",
        2.0,
        80.0,
        "越高越好",
        "100 * cobuild.projects_completed / cobuild.projects_claimed",
        "",
    ),
    // 队伍建设 20
    (
        "队伍建设",
        "T01",
        "专职网格员占比",
        "%",
        3.0,
        60.0,
        "越高越好",
        "100 * people.grid_workers_fulltime / people.grid_workers",
        "",
    ),
    (
        "队伍建设",
        "T02",
        "基础网格网格员配备",
        "人/格",
        3.0,
        1.0,
        "越高越好",
        "people.grid_workers / grids.base",
        "每个基础网格至少 1 名网格员",
    ),
    (
        "队伍建设",
        "T03",
        "人员信息公示率",
        "%",
        2.0,
        95.0,
        "越高越好",
        "100 * people.grid_workers_published / people.grid_workers",
        "",
    ),
    (
        "队伍建设",
        "T04",
        "微网格楼栋长、信息员配备",
        "人/格",
        2.0,
        1.0,
        "越高越好",
        "people.building_heads_info_officers / grids.micro",
        "",
    ),
    (
        "队伍建设",
        "T05",
        "社区工作者培训覆盖率",
        "%",
        3.0,
        90.0,
        "越高越好",
        "100 * training.community_workers_trained / people.community_workers",
        "本年度至少参加一次培训的社区工作者占比",
    ),
    (
        "队伍建设",
        "T06",
        "从社区工作者中选拔干部占比",
        "%",
        3.0,
        5.0,
        "越高越好",
        "100 * people.selected_from_community_workers / people.community_workers",
        "",
    ),
    (
        "队伍建设",
        "T07",
        "社区工作者队伍稳定",
        "分",
        2.0,
        0.0,
        "越高越好",
        "",
        "引育留用：流失率、待遇落实，考核组评分",
    ),
    (
        "队伍建设",
        "T08",
        "培训人次",
        "人次",
        2.0,
        200.0,
        "越高越好",
        "training.person_times",
        "",
    ),
    // 权责落实 20
    (
        "权责落实",
        "D01",
        "基本履职事项清单",
        "项",
        3.0,
        100.0,
        "越高越好",
        "lists.basic_duties",
        "目录三清单编制",
    ),
    (
        "权责落实",
        "D02",
        "配合履职事项清单",
        "项",
        2.0,
        50.0,
        "越高越好",
        "lists.assisting_duties",
        "",
    ),
    (
        "权责落实",
        "D03",
        "上级部门收回事项",
        "项",
        2.0,
        50.0,
        "越高越好",
        "lists.taken_back",
        "",
    ),
    (
        "权责落实",
        "D04",
        "业务网格纳入（多格合一）",
        "个",
        2.0,
        5.0,
        "越高越好",
        "grids.business_merged",
        "成熟一个、纳入一个",
    ),
    (
        "权责落实",
        "D05",
        "协调机制工作会议",
        "次",
        2.0,
        4.0,
        "越高越好",
        "coordination.meetings",
        "",
    ),
    (
        "权责落实",
        "D06",
        "领导联系点",
        "个",
        2.0,
        10.0,
        "越高越好",
        "contacts.points",
        "",
    ),
    (
        "权责落实",
        "D07",
        "有联系领导的对象",
        "个",
        2.0,
        20.0,
        "越高越好",
        "contacts.targets_covered",
        "领导联系全覆盖",
    ),
    D08,
    (
        "权责落实",
        "D09",
        "事项准入规范",
        "项",
        2.0,
        0.0,
        "越低越好",
        "admission.overdue_exit + rectification.secondments_unapproved",
        "到期应退出未退出的准入事项和未经准入的借调人员，应为 0",
    ),
    // 服务质量 20
    S01,
    S02,
    S03,
    (
        "服务质量",
        "S04",
        "网格半年检查完成数",
        "个",
        3.0,
        50.0,
        "越高越好",
        "assessment.grids_inspected",
        "每半年检查全部基础网格和微网格",
    ),
    (
        "服务质量",
        "S05",
        "网格员履职检查",
        "分",
        3.0,
        0.0,
        "越高越好",
        "",
        "走访、记录、公示，考核组抽查评分",
    ),
    (
        "服务质量",
        "S06",
        "问题处理时效",
        "分",
        3.0,
        0.0,
        "越高越好",
        "",
        "发现问题按时处置，考核组评分",
    ),
    // 群众满意度 20
    M01,
    (
        "群众满意度",
        "M02",
        "问卷回收数",
        "份",
        3.0,
        500.0,
        "越高越好",
        "assessment.questionnaires",
        "",
    ),
    (
        "群众满意度",
        "M03",
        "电话回访数",
        "次",
        3.0,
        100.0,
        "越高越好",
        "assessment.callbacks",
        "",
    ),
    (
        "群众满意度",
        "M04",
        "电话回访满意情况",
        "分",
        4.0,
        0.0,
        "越高越好",
        "",
        "考核组抽听回访录音评分",
    ),
    (
        "群众满意度",
        "M05",
        "群众投诉处理",
        "分",
        2.0,
        0.0,
        "越高越好",
        "",
        "",
    ),
    (
        "群众满意度",
        "M06",
        "受上级表扬、媒体正面报道",
        "分",
        2.0,
        0.0,
        "越高越好",
        "",
        "",
    ),
];

/// The version of the defaults this build ships. 1: as first shipped; 2: 问卷满意度
/// (M01) is a share (`assessment.satisfaction` is a count of satisfied answers, its
/// denominator `assessment.satisfaction_judged`), 事项准入规范 (D09) is computed
/// from the admission and secondment keys that now exist; 3: S01 and S02 say 诉求
/// (demands), as every screen and report does, instead of 需求, and M01 is named for
/// what it counts, 问卷和回访满意度 (the 问卷 screen's own rate counts questionnaires only);
/// 4: 人员信息公示率 (T03) divides published grid workers by grid workers (it divided
/// every published person, 楼栋长, 信息员 and 社区工作者 too, by grid workers: 309% on the
/// demo, full marks whoever was published); 5: 诉求办结率 (S01) counts the period's
/// own demands resolved by its end (`demands.received_resolved`), not every demand
/// resolved in it over those received (125% once a backlog was cleared); 6: 小区季度
/// 抽查覆盖率 (S03) counts the sampled compounds checked, each quarter of the period
/// over its compounds (it counted those drawn, inspected or not, and a year only its
/// last quarter); 7: 逾期未完成整改事项 (D08) counts the items past their 整改期限
/// (`assessment.rectifications_overdue`), not every item still open (probe AJ: a
/// notice issued in the quarter's last week cost points for items due next month).
pub const DEFAULTS_VERSION: u32 = 7;

/// Rows of earlier versions where this version differs (the rest are the same in
/// every version): an indicator still exactly as one of them installed it is
/// brought to this version by [`upgrade`]. Never remove a row: an office may skip
/// versions.
pub const EARLIER_ROWS: &[Row] = &[
    // Versions 1 to 6.
    D08_V6,
    // Versions 1 to 5.
    S03_V5,
    // Versions 3 and 4 (versions 1 and 2 named it 需求办结率, below).
    S01_V4,
    // Versions 1 to 3.
    (
        "队伍建设",
        "T03",
        "人员信息公示率",
        "%",
        2.0,
        95.0,
        "越高越好",
        "100 * people.published / people.grid_workers",
        "",
    ),
    // Version 2.
    named(M01, "问卷满意度"),
    // Versions 1 and 2.
    named(S01_V4, "需求办结率"),
    named(S02, "需求按期办结率"),
    // Version 1.
    (
        "权责落实",
        "D09",
        "事项准入规范",
        "分",
        2.0,
        0.0,
        "越高越好",
        "",
        "清单外事项经准入程序，考核组查阅",
    ),
    (
        "群众满意度",
        "M01",
        "问卷满意度",
        "%",
        6.0,
        90.0,
        "越高越好",
        "assessment.satisfaction",
        "",
    ),
];

/// The input of one default row: computed if every key of its formula is counted
/// by this build, else manual with the planned formula in its note.
pub fn input(row: &Row) -> IndicatorInput {
    let f = row.7;
    let known = scores::known_keys();
    form(row, !f.is_empty() && formula::check(f, &known).is_ok())
}

/// A default row as installed computed (`computable`) or, for want of its keys,
/// manual with the planned formula in its note.
fn form(row: &Row, computable: bool) -> IndicatorInput {
    let (group, code, name, unit, points, target, direction, f, note) = *row;
    let note = if !f.is_empty() && !computable {
        let planned = format!("计划公式：{f}（所需统计项上线后可改为按统计计算）");
        if note.is_empty() {
            planned
        } else {
            format!("{note}；{planned}")
        }
    } else {
        note.to_string()
    };
    IndicatorInput {
        group: group.into(),
        code: code.into(),
        name: name.into(),
        unit: unit.into(),
        points: points.to_string(),
        target: target.to_string(),
        direction: direction.into(),
        method: if computable { "computed" } else { "manual" }.into(),
        formula: if computable {
            f.to_string()
        } else {
            String::new()
        },
        retired: String::new(),
        note,
    }
}

/// Whether `i` is exactly what `input` installs (apart from when it was saved).
fn is_as(tx: &Tx, i: &Indicator, input: &IndicatorInput) -> bool {
    scores::checked_indicator(tx, tx.ctx, Some(i), input).is_ok_and(|c| {
        Indicator {
            updated_at: i.updated_at.clone(),
            ..c
        } == *i
    })
}

/// What [`upgrade`] did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Upgraded {
    /// The new version of the system, when anything changed.
    pub version: Option<i64>,
    /// "M01 问卷满意度", … : the indicators brought to this version's row.
    pub changed: Vec<String>,
    /// Manual indicators this version computes, left manual because the team has
    /// scored them (their scores stay in force; the office may switch them).
    pub kept_scored: Vec<String>,
}

/// Brings the office's indicators to this build's defaults ([`DEFAULTS_VERSION`]):
/// each one still exactly as an earlier default installed it becomes this
/// version's row (one change-log row each), frozen together as a new version of
/// the system. Edited ones, retired ones and scored manual ones are left as they
/// are. Running it again changes nothing.
pub fn upgrade(tx: &Tx) -> Result<Upgraded> {
    let scored: std::collections::BTreeSet<String> = ledger::list::<scores::ManualScore>(tx)?
        .into_iter()
        .map(|m| m.indicator_code)
        .collect();
    let mut out = Upgraded::default();
    for i in scores::indicators(tx)? {
        let Some(row) = DEFAULT_SYSTEM.iter().find(|r| r.1 == i.code) else {
            continue;
        };
        let now = input(row);
        if i.retired || is_as(tx, &i, &now) {
            continue;
        }
        // As an earlier version installed it (or this one, as manual for want of
        // keys it now has).
        let earlier = EARLIER_ROWS
            .iter()
            .filter(|r| r.1 == i.code)
            .chain([row])
            .flat_map(|r| [form(r, false), form(r, !r.7.is_empty())]);
        if !earlier.into_iter().any(|e| is_as(tx, &i, &e)) {
            continue; // the office's own
        }
        let label = format!("{} {}", i.code, i.name);
        if i.method == scores::Method::Manual && scored.contains(&i.code) {
            out.kept_scored.push(label);
            continue;
        }
        ledger::upsert(tx, Some(&i.id), &now, scores::checked_indicator)?;
        out.changed.push(label);
    }
    if !out.changed.is_empty() {
        out.version = Some(scores::record_version(
            tx,
            &format!(
                "默认指标体系第 {DEFAULTS_VERSION} 版：{}",
                out.changed.join("、")
            ),
        )?);
    }
    Ok(out)
}

/// Installs the default system into an office that has no indicators yet, as
/// version 1 (or the next); refused if there are indicators already.
pub fn install(tx: &Tx) -> Result<Vec<Indicator>> {
    if !ledger::list::<Indicator>(tx)?.is_empty() {
        return Err(Error::Refused(
            "已经有考核指标，不能再装入默认指标体系。要重新开始，请先删除现有指标。".into(),
        ));
    }
    let mut out = Vec::new();
    for row in DEFAULT_SYSTEM {
        out.push(ledger::upsert(
            tx,
            None,
            &input(row),
            scores::checked_indicator,
        )?);
    }
    scores::record_version(tx, "装入默认指标体系")?;
    Ok(out)
}
