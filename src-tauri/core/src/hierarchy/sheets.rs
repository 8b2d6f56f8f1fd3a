//! The administrative hierarchy in and out of Excel: one [`RecordKind`] per level
//! (`villages`, `compounds`, `grids`, `micro-grids`) and one combined kind (`units`,
//! with a 层级 column), all on the one import machinery, and the export of each in
//! the same columns.
//!
//! A row names its parent by code, or by name (within its village when the
//! 所属村/社区 column is filled). Parents are resolved against the store and against
//! the rows above in the same file, so one sheet can build a whole village. A row
//! without a code gets the next code the app would suggest (see
//! [`hierarchy::suggest_code`]), reported in the preview and the summary. Writes go
//! through [`hierarchy::create`] and [`hierarchy::update`], so the rules and the change log
//! apply; re-importing the same rows updates by code (or changes nothing).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{AreaType, Unit, UnitInput, UnitKind};
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field, first_few};
use crate::hierarchy;
use crate::sheets::import::{col, Applied, Column, FileLookup, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::store::office::{self, validate_name, Office};
use crate::store::Tx;

type Problems = Vec<(&'static str, String)>;

// ---------- columns ----------

const LEVEL: Column = col(
    "level",
    "层级",
    &["级别", "单位层级", "单位类型"],
    true,
    false,
    "村/社区（或 村、社区）、小区（或 自然村/组）、基础网格、微网格。上级写在下级前面（或已在“组织架构”中）。",
    10.0,
)
.choose_from(&["社区", "村", "小区", "自然村/组", "基础网格", "微网格"]);
const VILLAGE: Column = col(
    "village",
    "所属村/社区",
    &["村/社区", "所属社区", "所属村", "社区"],
    false,
    true,
    "村/社区的12位代码或名称；按名称找上级时，只在这个村/社区里找。",
    16.0,
);
const VILLAGE_REQUIRED: Column = col(
    "village",
    "所属村/社区",
    &["村/社区", "所属社区", "所属村", "社区"],
    true,
    true,
    "村/社区的12位代码或名称，须已建立（或在本文件前面的行里）。",
    16.0,
);
const CODE_VILLAGE: Column = col(
    "code",
    "编码",
    &["区划代码", "统计用区划代码", "代码", "村/社区代码", "社区编号", "村编号"],
    false,
    true,
    "12位统计用区划代码，以本单位代码开头。不填则按顺序自动编码：社区从 001、村从 200 起（见导入结果）。同一编码再次导入时更新。",
    16.0,
);
const CODE: Column = col(
    "code",
    "编码",
    &[
        "代码",
        "小区编码",
        "网格编码",
        "区划代码",
        "统计用区划代码",
        "单位编码",
        "小区编号",
        "网格编号",
    ],
    false,
    true,
    "小区为村/社区代码加XQ和2位序号，基础网格为村/社区代码加3位序号，微网格为基础网格编码加2位序号。不填则自动编码（见导入结果）。同一编码再次导入时更新。",
    20.0,
);
const NAME: Column = col(
    "name",
    "名称",
    &["单位名称", "村/社区名称", "小区名称", "网格名称"],
    true,
    false,
    "如 青溪社区、阳光花园、阳光花园第一网格。",
    20.0,
);
const AREA: Column = col(
    "area",
    "类型",
    &["城乡类型", "城镇/农村"],
    false,
    false,
    "村/社区填：城镇（社区）或农村（村）；不填时按层级（社区、村）或名称（…社区、…村）判断。其他层级不填，随所属村/社区。",
    10.0,
)
.choose_from(&["城镇", "农村"]);
const AREA_REQUIRED: Column = col(
    "area",
    "类型",
    &["城乡类型", "城镇/农村"],
    true,
    false,
    "城镇（社区）或农村（村）。",
    10.0,
)
.choose_from(&["城镇", "农村"]);
const HOUSEHOLDS: Column = col(
    "households",
    "户数",
    &["总户数"],
    false,
    false,
    "整数。",
    8.0,
);
const RESIDENTS: Column = col(
    "residents",
    "人口数",
    &["人口", "总人口", "常住人口"],
    false,
    false,
    "整数。",
    8.0,
);
const BOUNDARY: Column = col(
    "boundary",
    "边界描述",
    &["边界", "四至", "范围", "包含楼栋", "楼栋"],
    false,
    false,
    "网格的四至或包含的楼栋，如 东至青溪路、1-3栋。",
    24.0,
);
const ESTABLISHED: Column = col(
    "establishedOn",
    "设立日期",
    &["成立日期", "设立时间", "成立时间"],
    false,
    false,
    "如 2026-03-01。统计期在这一天之前的不计入；不清楚可不填（各统计期都计入）。",
    12.0,
);
const NOTE: Column = col("note", "备注", &[], false, false, "", 16.0);

static VILLAGE_COLUMNS: &[Column] = &[
    CODE_VILLAGE,
    NAME,
    AREA_REQUIRED,
    HOUSEHOLDS,
    RESIDENTS,
    ESTABLISHED,
    NOTE,
];
static COMPOUND_COLUMNS: &[Column] = &[
    VILLAGE_REQUIRED,
    CODE,
    NAME,
    HOUSEHOLDS,
    RESIDENTS,
    ESTABLISHED,
    NOTE,
];
static GRID_COLUMNS: &[Column] = &[
    VILLAGE,
    col(
        "parent",
        "所属小区",
        &["小区", "所属小区/自然村", "自然村/组", "所属自然村/组"],
        false,
        true,
        "小区（自然村/组）的编码或名称；网格直接属于村/社区的不填，但须填所属村/社区。",
        18.0,
    ),
    CODE,
    NAME,
    HOUSEHOLDS,
    RESIDENTS,
    BOUNDARY,
    ESTABLISHED,
    NOTE,
];
static MICRO_COLUMNS: &[Column] = &[
    VILLAGE,
    col(
        "parent",
        "所属基础网格",
        &["基础网格", "所属网格", "网格"],
        true,
        true,
        "基础网格的编码或名称（名称重名时填所属村/社区）。",
        20.0,
    ),
    CODE,
    NAME,
    HOUSEHOLDS,
    RESIDENTS,
    BOUNDARY,
    ESTABLISHED,
    NOTE,
];
static UNIT_COLUMNS: &[Column] = &[
    LEVEL,
    VILLAGE,
    col(
        "parent",
        "上级单位",
        &[
            "上级",
            "上级编码",
            "上级单位编码",
            "上级名称",
            "所属小区",
            "所属小区/自然村",
            "所属自然村/组",
            "所属基础网格",
        ],
        false,
        true,
        "上级的编码或名称：小区填村/社区，基础网格填小区或村/社区，微网格填基础网格；村/社区不填。",
        20.0,
    ),
    CODE,
    NAME,
    AREA,
    HOUSEHOLDS,
    RESIDENTS,
    BOUNDARY,
    ESTABLISHED,
    NOTE,
];

// ---------- the file's view of the hierarchy ----------

/// A unit as the import sees it: stored, or created by a row above.
#[derive(Debug, Clone)]
struct Node {
    code: String,
    kind: UnitKind,
    name: String,
    /// The code of the village it is in (its own code for a village).
    village: String,
    /// The parent's code.
    parent: Option<String>,
    area: AreaType,
    /// The row that creates or updates it in this file.
    row: Option<usize>,
    /// The stored unit's id.
    id: Option<String>,
    stored: Option<Unit>,
}

impl Node {
    fn label(&self) -> &'static str {
        match (self.kind, self.area) {
            (UnitKind::Village, AreaType::Urban) => "社区",
            (UnitKind::Village, AreaType::Rural) => "村",
            (UnitKind::Compound, AreaType::Rural) => "自然村/组",
            (k, _) => k.label(),
        }
    }
    fn describe(&self) -> String {
        format!("{}“{}”（{}）", self.label(), self.name, self.code)
    }
}

/// Every unit by code (the store's, then each accepted row's), built once per file.
pub struct Hierarchy {
    office: Option<Office>,
    nodes: HashMap<String, Node>,
    by_name: HashMap<String, Vec<String>>,
    /// Codes written in the file, with the first row holding each.
    codes_in_file: HashMap<String, usize>,
    /// Names written in the file, with the first row holding each.
    names_in_file: HashMap<String, usize>,
    /// Codes that a suggested code must not take.
    taken: HashSet<String>,
    /// The offices below that report here (see `hierarchy::reported_below`).
    reporting: HashMap<String, String>,
}

impl FileLookup for Hierarchy {
    fn build(conn: &Connection, rows: &[RowCells]) -> Result<Self> {
        let office = office::get(conn)?;
        let all = hierarchy::list(conn)?;
        let by_id: HashMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
        let mut h = Hierarchy {
            office,
            nodes: HashMap::new(),
            by_name: HashMap::new(),
            codes_in_file: HashMap::new(),
            names_in_file: HashMap::new(),
            taken: HashSet::new(),
            reporting: hierarchy::reporting_offices(conn)?,
        };
        for u in &all {
            let mut v = u;
            let mut steps = 0;
            while v.kind != UnitKind::Village && steps < 8 {
                match v.parent_id.as_deref().and_then(|p| by_id.get(p)) {
                    Some(p) => v = p,
                    None => break,
                }
                steps += 1;
            }
            let parent = u
                .parent_id
                .as_deref()
                .and_then(|p| by_id.get(p))
                .map(|p| p.code.clone());
            h.add(Node {
                code: u.code.clone(),
                kind: u.kind,
                name: u.name.clone(),
                village: v.code.clone(),
                parent,
                area: u.area_type,
                row: None,
                id: Some(u.id.clone()),
                stored: Some(u.clone()),
            });
        }
        // Units in the recycle bin keep their codes: numbering a new row with one
        // would stop it from being restored.
        h.taken.extend(
            crate::store::recycle::fields_of(conn, hierarchy::TABLE, ["$.code", "$.name"])?
                .into_iter()
                .map(|(code, _, _)| code),
        );
        for r in rows {
            let code = r.get("code");
            if !code.is_empty() {
                h.codes_in_file.entry(code.to_string()).or_insert(r.row());
                h.taken.insert(code.to_string());
            }
            let name = r.get("name");
            if !name.is_empty() {
                h.names_in_file
                    .entry(crate::base::canon::name_key(name))
                    .or_insert(r.row());
            }
        }
        Ok(h)
    }
}

impl Hierarchy {
    fn add(&mut self, n: Node) {
        self.taken.insert(n.code.clone());
        let codes = self
            .by_name
            .entry(crate::base::canon::name_key(&n.name))
            .or_default();
        if !codes.contains(&n.code) {
            codes.push(n.code.clone());
        }
        self.nodes.insert(n.code.clone(), n);
    }

    /// [`did_you_mean`] among the units stored and those the file adds.
    fn did_you_mean(&self, allowed: &[UnitKind], text: &str) -> String {
        maybe_meant(
            self.by_name
                .iter()
                .filter(|(_, codes)| {
                    codes
                        .iter()
                        .any(|c| self.nodes.get(c).is_some_and(|n| allowed.contains(&n.kind)))
                })
                .map(|(name, _)| name.as_str()),
            text,
        )
    }

    /// The unit `text` names (a code, or a name inside `village`), which must be one
    /// of `allowed` to hold a `kind`.
    fn resolve(
        &self,
        text: &str,
        kind: UnitKind,
        allowed: &[UnitKind],
        village: Option<&Node>,
        row: usize,
    ) -> std::result::Result<Node, String> {
        let wanted = allowed
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("或");
        let wrong_level = |n: &Node| {
            format!(
                "{}不能作上级：{}只能建在{wanted}之下。",
                n.describe(),
                kind.label()
            )
        };
        let outside =
            |n: &Node, v: &Node| format!("{}不在{}里，请核对。", n.describe(), v.describe());
        let later = |r: usize| {
            if r == row {
                format!("“{text}”就是这一行自己：单位不能是自己的上级。")
            } else if r > row {
                format!("“{text}”在本文件第 {r} 行，排在这一行之后；请把上级放在下级前面。")
            } else {
                format!("“{text}”所在的第 {r} 行没有通过检查，请先改正那一行。")
            }
        };
        if let Some(n) = self.nodes.get(text) {
            if !allowed.contains(&n.kind) {
                return Err(wrong_level(n));
            }
            if let Some(v) = village {
                if n.village != v.code {
                    return Err(outside(n, v));
                }
            }
            return Ok(n.clone());
        }
        if let Some(r) = self.codes_in_file.get(text) {
            return Err(later(*r));
        }
        let named: Vec<&Node> = self
            .by_name
            .get(&crate::base::canon::name_key(text))
            .map(|codes| codes.iter().filter_map(|c| self.nodes.get(c)).collect())
            .unwrap_or_default();
        let inside: Vec<&Node> = named
            .iter()
            .copied()
            .filter(|n| village.is_none_or(|v| n.village == v.code))
            .collect();
        let fit: Vec<&Node> = inside
            .iter()
            .copied()
            .filter(|n| allowed.contains(&n.kind))
            .collect();
        match fit.len() {
            1 => Ok(fit[0].clone()),
            0 => {
                if let Some(n) = inside.first() {
                    return Err(wrong_level(n));
                }
                if let Some(r) = self.names_in_file.get(&crate::base::canon::name_key(text)) {
                    if *r != row {
                        return Err(later(*r));
                    }
                }
                let place = village
                    .map(|v| format!("{}里", v.describe()))
                    .unwrap_or_default();
                // Inside a 村/社区 it can only be something below one, named as the
                // village's area names it (a 村 holds 自然村/组, a 社区 小区).
                let looked_for = allowed
                    .iter()
                    .filter(|k| village.is_none() || **k != UnitKind::Village)
                    .map(|k| village.map_or(k.label(), |v| super::kind_label(*k, v.area)))
                    .collect::<Vec<_>>()
                    .join("或");
                Err(format!(
                    "{place}没有编码或名称为“{text}”的{looked_for}。{}请先建立它（或放在本文件前面的行里），或检查是否写错。",
                    self.did_you_mean(allowed, text)
                ))
            }
            n => Err(format!(
                "名为“{text}”的{wanted}有 {n} 个（编码 {}），请改填编码{}。",
                fit.iter()
                    .map(|n| n.code.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
                if village.is_none() {
                    "，或填写所属村/社区"
                } else {
                    ""
                }
            )),
        }
    }

    /// The next free code for a new `kind` under `parent`, as
    /// [`hierarchy::suggest_code`] gives it, also skipping the codes this file uses.
    fn suggest(
        &self,
        kind: UnitKind,
        parent: Option<&Node>,
        rural: bool,
    ) -> std::result::Result<String, String> {
        let (prefix, width) = match (kind, parent) {
            (UnitKind::Village, _) => {
                let o = self.office.as_ref().ok_or("请先设置本单位。")?;
                let d = o.level.significant_digits();
                (o.code[..d].to_string(), 12 - d)
            }
            (UnitKind::Compound, Some(p)) => (format!("{}XQ", p.code), 2),
            (UnitKind::BaseGrid, Some(p)) => (p.village.clone(), 3),
            (UnitKind::MicroGrid, Some(p)) => (p.code.clone(), 2),
            _ => return Err("请填写上级。".into()),
        };
        hierarchy::next_free_code(
            &prefix,
            width,
            kind == UnitKind::Village && rural,
            &self.taken,
        )
        .ok_or_else(|| hierarchy::CODES_USED_UP.into())
    }
}

/// A new village's 类型 when the row leaves it blank: its 层级 (社区, 村), else how its
/// name ends (…社区, …村).
fn area_said(level: &str, name: &str) -> Option<AreaType> {
    match level.trim() {
        "社区" => return Some(AreaType::Urban),
        "村" => return Some(AreaType::Rural),
        _ => {}
    }
    // …新村 is as often a town's residential area: not guessed.
    let name = name.trim();
    if name.ends_with("社区") || name.ends_with("居委会") {
        Some(AreaType::Urban)
    } else if (name.ends_with('村') && !name.ends_with("新村")) || name.ends_with("村委会") {
        Some(AreaType::Rural)
    } else {
        None
    }
}

fn level_of(s: &str) -> Option<UnitKind> {
    Some(match s.trim() {
        "村/社区" | "村（社区）" | "村(社区)" | "社区" | "村" | "village" => {
            UnitKind::Village
        }
        "小区" | "自然村/组" | "自然村" | "组" | "村民小组" | "小区/自然村" | "compound" => {
            UnitKind::Compound
        }
        "基础网格" | "网格" | "base_grid" => UnitKind::BaseGrid,
        "微网格" | "micro_grid" => UnitKind::MicroGrid,
        _ => return None,
    })
}

fn count(
    row: &RowCells,
    key: &'static str,
    label: &str,
) -> std::result::Result<Option<i64>, Problems> {
    let t = crate::base::fields::ungrouped(row.get(key))
        .trim()
        .to_string();
    if t.is_empty() {
        return Ok(None);
    }
    let n = t.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
        vec![(
            key,
            format!("{label}要填不带小数的数字（如 120），“{t}”不是。"),
        )]
    })?;
    // Checked here as the unit's own check does, so that the import check names the
    // row (the import itself stopped at it, naming none).
    hierarchy::check_count(key, label, Some(n)).map_err(|e| vec![(key, e.to_string())])
}

/// A row ready to write: the unit as it will be, its parent by code.
pub struct ParsedUnit {
    parent: Option<String>,
    input: UnitInput,
    existing: Option<String>,
    suggested: bool,
    label: &'static str,
}

/// Parses a row of any hierarchy kind; `level` is the kind's fixed level (`None`
/// for the combined kind, whose rows carry a 层级 column).
fn parse_row(
    level: Option<UnitKind>,
    h: &mut Hierarchy,
    row: &RowCells,
    today: NaiveDate,
) -> std::result::Result<ParsedUnit, Problems> {
    let office = h
        .office
        .clone()
        .ok_or_else(|| vec![("", "请先设置本单位，再导入组织架构。".to_string())])?;
    let mut problems: Problems = Vec::new();
    let kind = match level {
        Some(k) => k,
        None => match level_of(row.get("level")) {
            Some(k) => k,
            None => {
                let t = row.get("level");
                return Err(vec![(
                    "level",
                    if t.is_empty() {
                        "请填写层级：村/社区、小区、基础网格或微网格。".to_string()
                    } else {
                        format!("层级“{t}”无法识别，请填村/社区、小区、基础网格或微网格。")
                    },
                )]);
            }
        },
    };
    // A name already stored is kept as it is (one given before names were checked
    // for separators still imports back).
    let stored_name = validate_name("name", "名称", row.get("name"), 50)
        .ok()
        .filter(|n| {
            h.by_name
                .get(&crate::base::canon::name_key(n))
                .is_some_and(|codes| {
                    codes.iter().any(|c| {
                        h.nodes
                            .get(c)
                            .is_some_and(|x| x.stored.as_ref().is_some_and(|u| &u.name == n))
                    })
                })
        });
    let mut name = match stored_name
        .map(Ok)
        .unwrap_or_else(|| hierarchy::checked_unit_name(row.get("name")))
    {
        Ok(n) => n,
        Err(e) => {
            problems.push(("name", e.to_string()));
            String::new()
        }
    };
    let n = row.row();

    // The parent.
    let village_text = row.get("village");
    let parent_text = row.get("parent");
    let mut parent: Option<Node> = match kind {
        UnitKind::Village => {
            if !parent_text.is_empty() {
                problems.push((
                    "parent",
                    "村/社区直接属于本单位，上级单位请留空。".to_string(),
                ));
            }
            None
        }
        _ => {
            let village = if village_text.is_empty()
                || (kind == UnitKind::Compound && parent_text.is_empty())
            {
                Ok(None)
            } else {
                h.resolve(village_text, kind, &[UnitKind::Village], None, n)
                    .map(Some)
            };
            match village {
                Err(m) => {
                    problems.push(("village", m));
                    None
                }
                Ok(village) => {
                    let (text, column, allowed): (&str, &'static str, &[UnitKind]) =
                        match (kind, parent_text.is_empty()) {
                            (UnitKind::Compound, true) => {
                                (village_text, "village", &[UnitKind::Village])
                            }
                            (UnitKind::Compound, false) => {
                                (parent_text, "parent", &[UnitKind::Village])
                            }
                            (UnitKind::BaseGrid, true) => {
                                (village_text, "village", &[UnitKind::Village])
                            }
                            (UnitKind::BaseGrid, false) => (
                                parent_text,
                                "parent",
                                &[UnitKind::Compound, UnitKind::Village],
                            ),
                            (_, _) => (parent_text, "parent", &[UnitKind::BaseGrid]),
                        };
                    if text.is_empty() {
                        problems.push((
                            column,
                            match kind {
                                UnitKind::MicroGrid => "请填写所属基础网格的编码或名称。",
                                _ => "请填写所属村/社区的代码或名称。",
                            }
                            .to_string(),
                        ));
                        None
                    } else {
                        let scope = if column == "village" {
                            None
                        } else {
                            village.as_ref()
                        };
                        match h.resolve(text, kind, allowed, scope, n) {
                            Ok(p) => Some(p),
                            Err(m) => {
                                problems.push((column, m));
                                None
                            }
                        }
                    }
                }
            }
        }
    };
    if kind != UnitKind::Village && parent.is_none() {
        return Err(problems);
    }

    // The code: which stored unit the row updates, or a new one's code (a 村 is
    // numbered in its own range: see `Hierarchy::suggest`).
    let rural = kind == UnitKind::Village
        && AreaType::parse(row.get("area"))
            .ok()
            .or_else(|| area_said(row.get("level"), &name))
            == Some(AreaType::Rural);
    let code_text = row.get("code").to_string();
    let mut existing: Option<Node> = None;
    let mut suggested = false;
    let code = if !code_text.is_empty() {
        if parent.as_ref().is_some_and(|p| p.code == code_text) {
            problems.push(("code", "编码与上级相同：单位不能是自己的上级。".into()));
        }
        match h.nodes.get(&code_text) {
            Some(other) if other.row.is_some() => problems.push((
                "code",
                format!(
                    "与第 {} 行的编码相同，同一个编码在文件里只能出现一次。",
                    other.row.unwrap_or_default()
                ),
            )),
            Some(other) if other.kind != kind => problems.push((
                "code",
                format!(
                    "编码“{code_text}”已被{}使用，请换一个编码。",
                    other.describe()
                ),
            )),
            Some(other) if other.parent != parent.as_ref().map(|p| p.code.clone()) => {
                let now = other
                    .parent
                    .as_ref()
                    .and_then(|p| h.nodes.get(p))
                    .map(|p| p.describe())
                    .unwrap_or_else(|| "本单位".into());
                problems.push((
                    "code",
                    format!(
                        "编码“{code_text}”是{now}下的{}，与这一行的上级不一致。导入不移动已有的单位：要调整上级，请在“组织架构”中移动它（可勾选几个单位，用“移动到…”一起移动），再导入。",
                        other.describe()
                    ),
                ))
            }
            Some(other) => existing = Some(other.clone()),
            None => {
                let below = match kind {
                    UnitKind::Village => {
                        hierarchy::reported_below(&h.reporting, &office, &code_text)
                    }
                    _ => None,
                };
                if let Err(e) = hierarchy::check_code(&office, kind, &code_text) {
                    problems.push(("code", e.to_string()));
                } else if let Some(below) = below {
                    problems.push(("code", hierarchy::below_message(&code_text, &below)));
                } else if let Some(p) = &parent {
                    let (prefix, example) = match kind {
                        UnitKind::Compound => (p.code.clone(), format!("{}XQ01", p.code)),
                        UnitKind::BaseGrid => (p.village.clone(), format!("{}001", p.village)),
                        _ => (p.code.clone(), format!("{}01", p.code)),
                    };
                    if !code_text.starts_with(&prefix) || code_text.len() <= prefix.len() {
                        problems.push((
                            "code",
                            format!(
                                "{}的编码应以“{prefix}”开头（如 {example}），现在是“{code_text}”。",
                                kind.label()
                            ),
                        ));
                    }
                }
            }
        }
        code_text
    } else {
        // No code: the stored unit of this name under the same parent, or a new code.
        let parent_code = parent.as_ref().map(|p| p.code.clone());
        let named: Vec<&Node> = h
            .by_name
            .get(&crate::base::canon::name_key(&name))
            .map(|codes| codes.iter().filter_map(|c| h.nodes.get(c)).collect())
            .unwrap_or_default();
        let mut same: Vec<&Node> = named
            .iter()
            .copied()
            .filter(|x| x.kind == kind && x.parent == parent_code)
            .collect();
        // A base grid named under its village alone (a 网格划分表 without a 小区
        // column) is the stored one of that name in the village, whichever 小区 holds
        // it (base grid names are the village's alone); it stays where it is.
        if same.is_empty() && kind == UnitKind::BaseGrid {
            if let Some(v) = parent.as_ref().filter(|p| p.kind == UnitKind::Village) {
                let stored: Vec<&Node> = named
                    .iter()
                    .copied()
                    .filter(|x| {
                        x.kind == UnitKind::BaseGrid && x.row.is_none() && x.village == v.code
                    })
                    .collect();
                if let [one] = stored[..] {
                    same = vec![one];
                }
            }
        }
        if let Some(one) = same.first().filter(|one| one.parent != parent_code) {
            parent = one.parent.as_ref().and_then(|p| h.nodes.get(p)).cloned();
        }
        match same.as_slice() {
            [one] if one.row.is_none() => {
                // Found by its name written another way (阳光花园(一期)): the stored
                // writing stays; a rename is made by the unit's code.
                name.clone_from(&one.name);
                existing = Some((*one).clone());
                one.code.clone()
            }
            [one, ..] => {
                problems.push((
                    "name",
                    match one.row {
                        Some(r) => {
                            format!("与第 {r} 行重复：同一上级下已有同名的{}。", kind.label())
                        }
                        None => format!(
                            "同一上级下有多个名为“{name}”的{}，请填写编码。",
                            kind.label()
                        ),
                    },
                ));
                String::new()
            }
            [] => match h.suggest(kind, parent.as_ref(), rural) {
                Ok(c) => {
                    suggested = true;
                    c
                }
                Err(m) => {
                    problems.push(("code", m));
                    String::new()
                }
            },
        }
    };

    // Two units of one parent do not share a name (`hierarchy::create` and `update`
    // refuse it): a new unit, or one renamed, whose name another unit under the same
    // parent has, stored or in an earlier row. One stored so before the rule keeps
    // its name.
    let renamed = existing
        .as_ref()
        .and_then(|e| e.stored.as_ref())
        .is_none_or(|u| u.name != name);
    if renamed && !code.is_empty() {
        let parent_code = parent.as_ref().map(|p| p.code.clone());
        // A base grid's name is its village's alone, whichever 小区 holds it: a row
        // naming the wrong 小区 made a second 菊花苑第一网格 in one 社区, and the
        // roster's own export no longer imported (its 网格 named two).
        let village = match (&parent, kind) {
            (_, UnitKind::Village) | (None, _) => code.clone(),
            (Some(p), _) => p.village.clone(),
        };
        let key = crate::base::canon::name_key(&name);
        let sibling = h
            .by_name
            .get(&key)
            .into_iter()
            .flatten()
            .filter_map(|c| h.nodes.get(c))
            // Still of that name: one renamed by an earlier row has freed it.
            .find(|x| {
                let beside = x.parent == parent_code
                    || (kind == UnitKind::BaseGrid
                        && x.kind == UnitKind::BaseGrid
                        && x.village == village);
                beside && x.code != code && crate::base::canon::name_key(&x.name) == key
            });
        if let Some(other) = sibling {
            let rule = if other.parent == parent_code {
                "同一上级下的单位不能重名"
            } else {
                "同一村/社区的基础网格不能重名，否则导入人员时分不清"
            };
            problems.push((
                "name",
                match other.row {
                    Some(r) => format!("与第 {r} 行同名：{rule}（编码不同也不行），请换一个名称。"),
                    None => format!(
                        "{}已经有{}，{rule}，请换一个名称；如是同一个单位，请把编码改成 {}{}。",
                        if other.parent == parent_code {
                            "同一上级下"
                        } else {
                            "同一村/社区"
                        },
                        other.describe(),
                        other.code,
                        match (&other.parent, other.parent == parent_code) {
                            (Some(p), false) => h
                                .nodes
                                .get(p)
                                .filter(|p| p.kind == UnitKind::Compound)
                                .map(|p| format!("、所属小区改成“{}”", p.name))
                                .unwrap_or_default(),
                            _ => String::new(),
                        }
                    ),
                },
            ));
        }
    }

    // The rest of the row; a column the file lacks keeps the stored value.
    let stored = existing.as_ref().and_then(|e| e.stored.clone());
    let area = if kind == UnitKind::Village {
        let t = row.get("area");
        if t.is_empty() {
            match (&stored, area_said(row.get("level"), &name)) {
                (Some(u), _) => Some(u.area_type),
                // 层级 社区 or 村 says it, else the name (青溪社区, 杨柳村): every row of
                // a file without a 类型 column was refused, and its grids with it.
                (None, Some(a)) => Some(a),
                (None, None) => {
                    problems.push(("area", "请填写类型：城镇（社区）或农村（村）。".into()));
                    None
                }
            }
        } else {
            match AreaType::parse(t) {
                Ok(a) => Some(a),
                Err(_) => {
                    problems.push((
                        "area",
                        format!("类型“{t}”无法识别，请填城镇（社区）或农村（村）。"),
                    ));
                    None
                }
            }
        }
    } else {
        // Below a village the type is the village's: another one here would be dropped.
        let own = parent.as_ref().map(|p| p.area);
        let t = row.get("area");
        if let (Some(a), false) = (own, t.is_empty()) {
            if AreaType::parse(t).ok() != Some(a) {
                problems.push((
                    "area",
                    format!(
                        "类型随所属村/社区（{}）：{}不用填写类型，请清空这一格或改成“{}”。",
                        a.label(),
                        kind.label(),
                        a.label()
                    ),
                ));
            }
        }
        own
    };
    let keep = |key: &str| !row.has(key) && stored.is_some();
    let mut number = |key: &'static str, label: &str, old: Option<i64>| {
        if keep(key) {
            return old;
        }
        match count(row, key, label) {
            Ok(v) => v,
            Err(p) => {
                problems.extend(p);
                None
            }
        }
    };
    let households = number(
        "households",
        "户数",
        stored.as_ref().and_then(|u| u.households),
    );
    let residents = number(
        "residents",
        "人口数",
        stored.as_ref().and_then(|u| u.residents),
    );
    let text = |key: &str, old: Option<&str>| {
        if keep(key) {
            old.unwrap_or_default().to_string()
        } else {
            row.get(key).to_string()
        }
    };
    let boundary = if kind.is_grid() {
        text("boundary", stored.as_ref().map(|u| u.boundary.as_str()))
    } else {
        // Only grids have a boundary: one written here would be dropped.
        if !row.get("boundary").is_empty() {
            problems.push((
                "boundary",
                format!("边界描述只填网格的；{}不填，请清空这一格。", kind.label()),
            ));
        }
        String::new()
    };
    let note = text("note", stored.as_ref().map(|u| u.note.as_str()));
    let established_on = if keep("establishedOn") {
        stored.as_ref().and_then(|u| u.established_on.clone())
    } else {
        let (key, label) = ("establishedOn", "设立日期");
        match date_field(key, label, row.get(key))
            .and_then(|d| check_not_future(key, label, d.as_deref(), today).map(|_| d))
        {
            Ok(d) => d,
            Err(e) => {
                problems.push((key, e.to_string()));
                None
            }
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let area = area.unwrap_or(AreaType::Urban);
    let node = Node {
        code: code.clone(),
        kind,
        name: name.clone(),
        village: match (&parent, kind) {
            (_, UnitKind::Village) | (None, _) => code.clone(),
            (Some(p), _) => p.village.clone(),
        },
        parent: parent.as_ref().map(|p| p.code.clone()),
        area,
        row: Some(n),
        id: existing.as_ref().and_then(|e| e.id.clone()),
        stored: None,
    };
    let label = node.label();
    h.add(node);
    Ok(ParsedUnit {
        parent: parent.map(|p| p.code),
        existing: existing.and_then(|e| e.id),
        suggested,
        label,
        input: UnitInput {
            kind: kind.as_str().into(),
            parent_id: None,
            code,
            name,
            area_type: area.as_str().into(),
            households,
            residents,
            boundary,
            note,
            established_on: established_on.unwrap_or_default(),
        },
    })
}

/// The row's values for stored unit `before`, an empty 设立日期 read as the date the
/// unit has from its parent: a unit without its own date takes its parent's (a unit
/// is not set up before the one above it), so a file whose parent row was given a
/// date, imported again, neither clears nor changes the units below it (probe T:
/// 11 grids were said 已清空 at every import, and kept their date).
fn as_filed(conn: &Connection, before: &Unit, i: &UnitInput) -> UnitInput {
    let mut i = i.clone();
    if i.established_on.is_empty() && stands_with_parent(conn, before) {
        i.established_on = before.established_on.clone().unwrap_or_default();
    }
    i
}

/// Whether unit `u` has a 设立日期 and it is its parent's.
fn stands_with_parent(conn: &Connection, u: &Unit) -> bool {
    u.established_on.is_some()
        && u.parent_id
            .as_deref()
            .and_then(|p| hierarchy::find(conn, p).ok().flatten())
            .is_some_and(|p| p.established_on == u.established_on)
}

/// The stored units below `id` whose 设立日期 is `day` (none: `None`): those that
/// follow the unit's own when it changes (`hierarchy::update`).
fn following(conn: &Connection, id: &str, day: &Option<String>) -> usize {
    hierarchy::children(conn, id)
        .unwrap_or_default()
        .iter()
        .filter(|c| c.established_on == *day)
        .map(|c| 1 + following(conn, &c.id, day))
        .sum()
}

/// Whether the row says of stored unit `before` only what it already holds.
fn unit_as_it_is(before: &Unit, i: &UnitInput) -> bool {
    before.code == i.code
        && before.name == i.name
        && before.area_type.as_str() == i.area_type
        && before.households == i.households
        && before.residents == i.residents
        && before.boundary == i.boundary.trim()
        && before.note == i.note.trim()
        && before.established_on.as_deref().unwrap_or("") == i.established_on
}

fn apply_unit(tx: &Tx, p: &ParsedUnit, existing: Option<&str>) -> Result<Applied> {
    match existing {
        Some(id) => {
            let before = hierarchy::get(tx, id)?;
            let i = &as_filed(tx, &before, &p.input);
            if unit_as_it_is(&before, i) {
                return Ok(Applied::Unchanged);
            }
            hierarchy::update(tx, id, i)?;
            Ok(Applied::Updated)
        }
        None => {
            let parent_id = match &p.parent {
                Some(code) => Some(
                    hierarchy::find_by_code(tx, code)?
                        .ok_or_else(|| Error::Internal(format!("上级“{code}”未找到")))?
                        .id,
                ),
                None => None,
            };
            hierarchy::create(
                tx,
                &UnitInput {
                    parent_id,
                    ..p.input.clone()
                },
            )?;
            Ok(Applied::Created)
        }
    }
}

/// Stored unit `existing` before and after the row's values: what the preview says
/// the row changes, and clears (a blank 边界描述 or 户数 cleared it unsaid, where every
/// other list says 会清空…).
fn unit_after(
    conn: &Connection,
    p: &ParsedUnit,
    existing: &str,
) -> Option<(hierarchy::Unit, hierarchy::Unit)> {
    let before = hierarchy::get(conn, existing).ok()?;
    let i = &as_filed(conn, &before, &p.input);
    let after = hierarchy::Unit {
        name: i.name.clone(),
        households: i.households,
        residents: i.residents,
        boundary: i.boundary.clone(),
        note: i.note.clone(),
        established_on: Some(i.established_on.clone()).filter(|d| !d.is_empty()),
        ..before.clone()
    };
    Some((before, after))
}

/// The stored units of `level` (every level: `None`) a file's rows do not name. A
/// unit taken out of the tree is deleted in 组织架构, where what it holds is said.
///
/// A file of every level (组织架构) is compared with the levels its rows are of: a
/// list of 村/社区 and 网格 leaves no 小区 out.
fn units_absent(
    conn: &Connection,
    level: Option<UnitKind>,
    mentioned: &std::collections::HashSet<String>,
    rows: &[&ParsedUnit],
) -> Option<crate::sheets::rows::Absent> {
    let levels: std::collections::HashSet<&str> =
        rows.iter().map(|p| p.input.kind.as_str()).collect();
    let units: Vec<(String, String)> = match level {
        Some(_) => hierarchy::names_of(conn, level).ok()?,
        None => UnitKind::ALL
            .iter()
            .filter(|k| levels.contains(k.as_str()))
            .map(|k| hierarchy::names_of(conn, Some(*k)))
            .collect::<Result<Vec<_>>>()
            .ok()?
            .concat(),
    };
    Some(crate::sheets::rows::Absent::among(
        &units,
        mentioned,
        // 第一网格 stands in several villages: each named with its own.
        |id, name| match village_name(conn, id) {
            Some(v) if v != name => format!("{v} › {name}"),
            _ => name.to_string(),
        },
        format!("个已有的{}", level.map_or("单位", |k| k.label())),
        "导入只新增和修改，不会删除它们；要撤销，请在组织架构里删除（有下级单位或台账记录的，删除时会列出）。如果是在文件里改了它们的名称或编码，请在组织架构里修改，不要导入成新的一个。",
    ))
}

/// The name of the village or community unit `id` lies in (its own, if it is one).
fn village_name(conn: &Connection, id: &str) -> Option<String> {
    let mut u = hierarchy::find(conn, id).ok()??;
    for _ in 0..8 {
        if u.kind == UnitKind::Village {
            return Some(u.name);
        }
        u = hierarchy::find(conn, u.parent_id.as_deref()?).ok()??;
    }
    None
}

/// New units without 设立日期, in an office that already has units: counted in every
/// period, those already reported too (an office's first hierarchy is not told).
/// What a file says of the units it adds: new 村/社区 beside those already stored
/// (a name written wrongly in a 网格划分表 makes a new village: said, with the ones
/// there are), and new units without 设立日期.
fn file_notes(conn: &Connection, rows: &[(&ParsedUnit, bool)]) -> Option<String> {
    let notes: Vec<String> = [
        new_villages_note(conn, rows),
        undated_note(conn, rows),
        following_note(conn, rows),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!notes.is_empty()).then(|| notes.join("\n"))
}

/// The units below a re-dated unit that take its new 设立日期 with it (those that had
/// its old one): the check said 更新 1 and the import changed 12 units (probe T).
fn following_note(conn: &Connection, rows: &[(&ParsedUnit, bool)]) -> Option<String> {
    let notes: Vec<String> = rows
        .iter()
        .filter(|(_, stored)| *stored)
        .filter_map(|(p, _)| {
            let before = hierarchy::find_by_code(conn, &p.input.code).ok()??;
            let after = as_filed(conn, &before, &p.input).established_on;
            let after = Some(after).filter(|d| !d.is_empty());
            if after == before.established_on {
                return None;
            }
            let n = following(conn, &before.id, &before.established_on);
            (n > 0).then(|| {
                format!(
                    "{}“{}”的设立日期{}，它下面设立日期{}的 {n} 个单位随之{}（下级单位不早于上级设立）。在这些单位任职的人员到岗日期早于这一天的，导入人员名单时会提示；如这些单位早已设立，请核对这个设立日期。",
                    p.label,
                    p.input.name,
                    match &after {
                        Some(d) => format!("改为 {d}"),
                        None => "清空".to_string(),
                    },
                    match &before.established_on {
                        Some(d) => format!("同为 {d}"),
                        None => "也空着".to_string(),
                    },
                    match &after {
                        Some(d) => format!("改为 {d}"),
                        None => "清空".to_string(),
                    },
                )
            })
        })
        .collect();
    (!notes.is_empty()).then(|| notes.join("\n"))
}

fn new_villages_note(conn: &Connection, rows: &[(&ParsedUnit, bool)]) -> Option<String> {
    let new: Vec<&str> = rows
        .iter()
        .filter(|(p, stored)| !stored && p.input.kind == UnitKind::Village.as_str())
        .map(|(p, _)| p.input.name.as_str())
        .collect();
    let stored: Vec<String> = hierarchy::list(conn)
        .ok()?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Village)
        .map(|u| u.name)
        .collect();
    if new.is_empty() || stored.is_empty() {
        return None;
    }
    Some(format!(
        "会新建 {} 个村/社区：{}。本单位已有 {} 个村/社区（{}）；如是名称写错了，请改正后再导入，以免建出重复的村/社区。",
        new.len(),
        new.join("、"),
        stored.len(),
        first_few(&stored, 8)
    ))
}

fn undated_note(conn: &Connection, rows: &[(&ParsedUnit, bool)]) -> Option<String> {
    let undated: Vec<String> = rows
        .iter()
        .filter(|(p, stored)| !stored && p.input.established_on.is_empty())
        .map(|(p, _)| format!("{}“{}”", p.label, p.input.name))
        .collect();
    let has_units = || {
        conn.query_row("SELECT EXISTS (SELECT 1 FROM units)", [], |r| r.get(0))
            .unwrap_or(false)
    };
    if undated.is_empty() || !has_units() {
        return None;
    }
    Some(format!(
        "有 {} 个新增单位没有设立日期（{}）：各期统计（包括已上报的期间）都计入{}。如是新设的，请在文件或组织架构里填上设立日期。",
        undated.len(),
        first_few(&undated, 3),
        if undated.len() == 1 { "它" } else { "它们" }
    ))
}

macro_rules! hierarchy_kind {
    ($ty:ident, $name:literal, $label:literal, $columns:ident, $level:expr, [$($alias:literal),*], $wizard:expr) => {
        pub struct $ty;

        impl RecordKind for $ty {
            const NAME: &'static str = $name;
            const LABEL: &'static str = $label;
            const ALIASES: &'static [&'static str] = &[$($alias),*];
            const WIZARD: Wizard = $wizard;
            const KEY_COLUMN: &'static str = "code";
            const STORED_IN: &'static str = "units";
            // `parse_row` keeps a unit's stored values for the columns the file lacks.
            const KEEPS_ABSENT_COLUMNS: bool = true;
            type Parsed = ParsedUnit;
            type Lookup = Hierarchy;

            const COLUMNS: &'static [Column] = $columns;
            fn parse(
                _conn: &Connection,
                lookup: &mut Hierarchy,
                row: &RowCells,
                today: NaiveDate,
            ) -> std::result::Result<ParsedUnit, Problems> {
                parse_row($level, lookup, row, today)
            }
            fn note(p: &ParsedUnit) -> Option<String> {
                p.suggested.then(|| {
                    format!(
                        "{}“{}”未填编码，已编为 {}。",
                        p.label, p.input.name, p.input.code
                    )
                })
            }
            fn key(p: &ParsedUnit) -> String {
                p.input.code.clone()
            }
            fn existing(
                _conn: &Connection,
                _: &mut Hierarchy,
                p: &ParsedUnit,
            ) -> Result<Option<String>> {
                Ok(p.existing.clone())
            }
            fn apply(tx: &Tx, p: &ParsedUnit, existing: Option<&str>) -> Result<Applied> {
                apply_unit(tx, p, existing)
            }
            fn absent(
                conn: &Connection,
                mentioned: &std::collections::HashSet<String>,
                rows: &[&Self::Parsed],
            ) -> Option<crate::sheets::rows::Absent> {
                units_absent(conn, $level, mentioned, rows)
            }
            fn unchanged(conn: &Connection, p: &ParsedUnit, existing: &str, _: NaiveDate) -> bool {
                hierarchy::get(conn, existing)
                    .is_ok_and(|u| unit_as_it_is(&u, &as_filed(conn, &u, &p.input)))
            }
            // A refused row still names its unit by code (it was said missing too).
            fn refused_names(conn: &Connection, row: &RowCells) -> Option<String> {
                hierarchy::find_by_code(conn, row.get("code").trim()).ok()?.map(|u| u.id)
            }
            fn record_named(p: &ParsedUnit) -> String {
                format!("{}“{}”", p.label, p.input.name)
            }
            fn file_note(conn: &Connection, rows: &[(&ParsedUnit, bool)]) -> Option<String> {
                file_notes(conn, rows)
            }
            // The combined kind also reads a flat 网格划分表 (levels side by side).
            fn reshape(
                sheet: &crate::sheets::Sheet,
            ) -> Result<Option<crate::sheets::import::Reshaped>> {
                let level: Option<UnitKind> = $level;
                match level {
                    None => super::flat::unflatten(sheet),
                    Some(_) => Ok(None),
                }
            }
            fn changes(conn: &Connection, p: &ParsedUnit, existing: &str, _: NaiveDate) -> Vec<String> {
                unit_after(conn, p, existing)
                    .map(|(before, after)| {
                        crate::sheets::rows::changed_columns::<Self>(&before, &after)
                    })
                    .unwrap_or_default()
            }
            fn empties(
                conn: &Connection,
                p: &ParsedUnit,
                existing: &str,
                _: NaiveDate,
                blank: &[&'static str],
            ) -> Vec<String> {
                match unit_after(conn, p, existing) {
                    Some((before, after)) => {
                        crate::sheets::rows::emptied_columns::<Self>(&before, &after, blank)
                    }
                    None => Vec::new(),
                }
            }
        }
    };
}

hierarchy_kind!(
    Villages,
    "villages",
    "村/社区",
    VILLAGE_COLUMNS,
    Some(UnitKind::Village),
    ["村社区", "村/社区"],
    Wizard {
        label: "村/社区",
        unit: "个",
        template_name: "村社区导入模板.xlsx",
        example: "村社区名单.xlsx",
    }
);
hierarchy_kind!(
    Compounds,
    "compounds",
    "小区（自然村/组）",
    COMPOUND_COLUMNS,
    Some(UnitKind::Compound),
    ["小区"],
    Wizard {
        label: "小区（自然村/组）",
        unit: "个",
        template_name: "小区导入模板.xlsx",
        example: "小区名单.xlsx",
    }
);
hierarchy_kind!(
    Grids,
    "grids",
    "基础网格",
    GRID_COLUMNS,
    Some(UnitKind::BaseGrid),
    ["基础网格", "网格"],
    crate::wizard!("基础网格", "个", "网格名单.xlsx")
);
hierarchy_kind!(
    MicroGrids,
    "micro-grids",
    "微网格",
    MICRO_COLUMNS,
    Some(UnitKind::MicroGrid),
    ["微网格"],
    crate::wizard!("微网格", "个", "微网格名单.xlsx")
);
hierarchy_kind!(
    Units,
    "units",
    "组织架构（各层级）",
    UNIT_COLUMNS,
    None,
    ["组织架构"],
    crate::wizard!("组织架构", "个单位", "村社区网格名单.xlsx")
);

/// 是不是“梧桐社区”？: the names of units of `kinds` one character from `text` (one
/// typed wrong, left out or added), at most three; "" when none (probe AA: a
/// misspelled 梧侗社区 got no hint).
/// Asked on a refused row only, it reads just the names of about the typed length
/// (not every unit, once per bad row of a long file).
pub(crate) fn did_you_mean(conn: &Connection, kinds: &[UnitKind], text: &str) -> String {
    let len = text.trim().chars().count() as i64;
    let names: Vec<(String, String)> = conn
        .prepare_cached("SELECT kind, name FROM units WHERE length(name) BETWEEN ?1 - 1 AND ?1 + 1")
        .and_then(|mut q| {
            q.query_map([len], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()
        })
        .unwrap_or_default();
    maybe_meant(
        names
            .iter()
            .filter(|(kind, _)| kinds.iter().any(|k| k.as_str() == kind))
            .map(|(_, name)| name.as_str()),
        text,
    )
}

/// 是不是“X”或“Y”？ of the `names` one character from `text` (at most three), "" for
/// none.
pub(crate) fn maybe_meant<'a>(names: impl Iterator<Item = &'a str>, text: &str) -> String {
    let typed: Vec<char> = text.trim().chars().collect();
    let mut near: Vec<&str> = names
        .filter(|n| one_apart(&typed, &n.chars().collect::<Vec<_>>()))
        .collect();
    near.sort();
    near.dedup();
    if near.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = near.iter().take(3).map(|n| format!("“{n}”")).collect();
    format!("是不是{}？", shown.join("或"))
}

/// Whether `a` and `b` differ by one character changed, left out or added (a name
/// of one character is near nothing).
fn one_apart(a: &[char], b: &[char]) -> bool {
    if a.len() < 2 || b.len() < 2 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => short.iter().zip(long).filter(|(x, y)| x != y).count() == 1,
        1 => (0..long.len()).any(|skip| {
            long.iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .eq(short.iter())
        }),
        _ => false,
    }
}

/// A unit of `kind` by 12+-digit code or by name (inside `village` when given).
pub(crate) fn unit_by(
    conn: &Connection,
    kind: UnitKind,
    text: &str,
    village: Option<&str>,
) -> std::result::Result<Unit, String> {
    let text = text.trim();
    let label = kind.label();
    if text.is_empty() {
        return Err(format!("请填写{label}的名称或代码。"));
    }
    if let Some(u) = crate::hierarchy::find_by_code(conn, text).map_err(|e| e.to_string())? {
        if u.kind == kind {
            return Ok(u);
        }
    }
    let found: Vec<Unit> = crate::hierarchy::find_by_name(conn, text, village)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|u| u.kind == kind)
        .collect();
    match found.len() {
        1 => Ok(found.into_iter().next().unwrap_or_else(|| unreachable!())),
        // There, but in another village (probe O: said not to exist).
        0 if village.is_some() => {
            let elsewhere = villages_holding(conn, kind, text).map_err(|e| e.to_string())?;
            let here = village
                .and_then(|v| crate::hierarchy::find(conn, v).ok().flatten())
                .map(|v| v.name)
                .unwrap_or_default();
            Err(if elsewhere.is_empty() {
                format!(
                    "没有名称或代码为“{text}”的{label}。{}请先在“组织架构”中建立，或检查是否写错。",
                    did_you_mean(conn, &[kind], text)
                )
            } else {
                format!(
                    "{label}“{text}”不在“{here}”里（它在{}），请检查村/社区或{label}。",
                    elsewhere.join("、")
                )
            })
        }
        0 => Err(format!(
            "没有名称或代码为“{text}”的{label}。{}请先在“组织架构”中建立，或检查是否写错。",
            did_you_mean(conn, &[kind], text)
        )),
        n => Err(format!(
            "名为“{text}”的{label}有 {n} 个，请改填代码，或填写所属村/社区。"
        )),
    }
}

/// The villages (村/社区) holding a unit of `kind` named `name`, by name.
fn villages_holding(conn: &Connection, kind: UnitKind, name: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for u in crate::hierarchy::find_by_name(conn, name, None)?
        .into_iter()
        .filter(|u| u.kind == kind)
    {
        let mut at = u.parent_id.clone();
        // A unit is at most three levels below its village.
        for _ in 0..4 {
            let Some(p) = at
                .as_deref()
                .and_then(|p| crate::hierarchy::find(conn, p).ok().flatten())
            else {
                break;
            };
            if p.kind == UnitKind::Village {
                if !out.contains(&p.name) {
                    out.push(p.name);
                }
                break;
            }
            at = p.parent_id;
        }
    }
    Ok(out)
}

pub(crate) fn village_id_of(
    conn: &Connection,
    text: &str,
) -> std::result::Result<Option<String>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    unit_by(conn, UnitKind::Village, text, None).map(|u| Some(u.id))
}

// ---------- export ----------

/// (sheet name, columns, rows) of one hierarchy list, in its import columns, parents
/// before children, so the file imports back unchanged.
pub fn export_rows(conn: &Connection, kind: &str, _today: NaiveDate) -> Result<Option<ListRows>> {
    let (name, columns, only): (&'static str, &'static [Column], Option<UnitKind>) = match kind {
        "units" => ("组织架构", UNIT_COLUMNS, None),
        "villages" => ("村社区", VILLAGE_COLUMNS, Some(UnitKind::Village)),
        "compounds" => ("小区", COMPOUND_COLUMNS, Some(UnitKind::Compound)),
        "grids" => ("基础网格", GRID_COLUMNS, Some(UnitKind::BaseGrid)),
        "micro-grids" => ("微网格", MICRO_COLUMNS, Some(UnitKind::MicroGrid)),
        _ => return Ok(None),
    };
    let all = hierarchy::list(conn)?;
    let by_id: HashMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut kids: BTreeMap<Option<&str>, Vec<&Unit>> = BTreeMap::new();
    for u in &all {
        let parent = u.parent_id.as_deref().filter(|p| by_id.contains_key(p));
        kids.entry(parent).or_default().push(u);
    }
    // Tree order (each level by code): a parent is always above its children.
    let mut order: Vec<&Unit> = Vec::with_capacity(all.len());
    let mut stack: Vec<&Unit> = kids.get(&None).cloned().unwrap_or_default();
    stack.reverse();
    while let Some(u) = stack.pop() {
        order.push(u);
        if let Some(c) = kids.get(&Some(u.id.as_str())) {
            stack.extend(c.iter().rev());
        }
    }
    // Named as the clerk reads it (probe X: the 小区 and 基础网格 sheets showed
    // 320115101001 where the others say 青溪社区); the import finds it by name.
    let village_of = |u: &Unit| -> String {
        hierarchy::village_of(&by_id, &u.id).map_or(String::new(), |v| v.name.clone())
    };
    // The parent by name inside its village (the import looks it up there); by code
    // where its name stands twice in that village, so the file still says which.
    let mut named: HashMap<(String, &str), usize> = HashMap::new();
    for u in &all {
        *named.entry((village_of(u), u.name.as_str())).or_default() += 1;
    }
    let parent_of = |u: &Unit| {
        let p = u.parent_id.as_deref().and_then(|p| by_id.get(p))?;
        let twice = named
            .get(&(village_of(p), p.name.as_str()))
            .is_some_and(|n| *n > 1);
        Some((
            p.kind,
            if twice {
                p.code.clone()
            } else {
                p.name.clone()
            },
        ))
    };
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let area = |a: AreaType| match a {
        AreaType::Urban => "城镇",
        AreaType::Rural => "农村",
    };
    let rows = order
        .into_iter()
        .filter(|u| only.is_none_or(|k| u.kind == k))
        .map(|u| {
            let v = if u.kind == UnitKind::Village {
                String::new()
            } else {
                village_of(u)
            };
            let p = parent_of(u);
            let pcode = p.as_ref().map(|(_, c)| c.clone()).unwrap_or_default();
            let (hh, rs) = (num(u.households), num(u.residents));
            let set_up = u.established_on.clone().unwrap_or_default();
            match only {
                None => vec![
                    u.label().to_string(),
                    v,
                    pcode,
                    u.code.clone(),
                    u.name.clone(),
                    if u.kind == UnitKind::Village {
                        area(u.area_type).into()
                    } else {
                        String::new()
                    },
                    hh,
                    rs,
                    u.boundary.clone(),
                    set_up,
                    u.note.clone(),
                ],
                Some(UnitKind::Village) => vec![
                    u.code.clone(),
                    u.name.clone(),
                    area(u.area_type).into(),
                    hh,
                    rs,
                    set_up,
                    u.note.clone(),
                ],
                Some(UnitKind::Compound) => {
                    vec![
                        v,
                        u.code.clone(),
                        u.name.clone(),
                        hh,
                        rs,
                        set_up,
                        u.note.clone(),
                    ]
                }
                Some(UnitKind::BaseGrid) => vec![
                    v,
                    match p {
                        Some((UnitKind::Compound, c)) => c,
                        _ => String::new(),
                    },
                    u.code.clone(),
                    u.name.clone(),
                    hh,
                    rs,
                    u.boundary.clone(),
                    set_up,
                    u.note.clone(),
                ],
                Some(UnitKind::MicroGrid) => vec![
                    v,
                    pcode,
                    u.code.clone(),
                    u.name.clone(),
                    hh,
                    rs,
                    u.boundary.clone(),
                    set_up,
                    u.note.clone(),
                ],
            }
        })
        .collect();
    Ok(Some((name, columns, rows)))
}
