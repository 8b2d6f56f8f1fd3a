//! The administrative hierarchy below the office: village/community (村/社区),
//! compound (小区, rural: 自然村/组), base grid (基础网格), micro-grid (微网格).

pub mod adjust;
pub mod business_grid_sheets;
pub mod business_grids;
pub mod check;
pub mod flat;
pub mod index;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::base::fields::{check_not_future, date_field};
use crate::sheets::kind::Kind;
use crate::store::office::{self, validate_name, Office};
use crate::store::recycle;
use crate::store::{new_id, Cached, Tx};

/// The Chinese name of the kind.
pub const LABEL: &str = "组织单位";
pub const TABLE: &str = "units";

labelled_enum! {
    #[derive(Default)]
    pub enum UnitKind: "kind", "单位类型" {
        #[default]
        Village("village", "村/社区"),
        Compound("compound", "小区"),
        BaseGrid("base_grid", "基础网格"),
        MicroGrid("micro_grid", "微网格"),
    }
}

impl UnitKind {
    /// Which kinds may hold this kind. `None` in the list means "directly under the office".
    pub fn allowed_parents(self) -> &'static [Option<UnitKind>] {
        match self {
            UnitKind::Village => &[None],
            UnitKind::Compound => &[Some(UnitKind::Village)],
            UnitKind::BaseGrid => &[Some(UnitKind::Village), Some(UnitKind::Compound)],
            UnitKind::MicroGrid => &[Some(UnitKind::BaseGrid)],
        }
    }

    pub fn is_grid(self) -> bool {
        matches!(self, UnitKind::BaseGrid | UnitKind::MicroGrid)
    }
}

labelled_enum! {
    #[derive(Default)]
    pub enum AreaType: "areaType", "类型" {
        #[default]
        Urban("urban", "城镇（社区）", "城镇", "社区"),
        Rural("rural", "农村（村）", "农村", "村"),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Unit {
    pub id: String,
    pub owner_code: String,
    pub kind: UnitKind,
    pub parent_id: Option<String>,
    pub code: String,
    pub name: String,
    pub area_type: AreaType,
    pub households: Option<i64>,
    pub residents: Option<i64>,
    pub boundary: String,
    pub note: String,
    /// 设立日期 (YYYY-MM-DD): counted in a period's figures from this day. `None`:
    /// not known (every unit saved before schema 32), counted in every period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub established_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Unit {
    /// Whether it was set up by `day` (YYYY-MM-DD): its own 设立日期 is not after
    /// the day (none: every day). See [`adjust`].
    pub fn set_up_by(&self, day: &str) -> bool {
        self.established_on.as_deref().is_none_or(|d| d <= day)
    }

    /// How the unit is named in messages: 小区“阳光花园”.
    pub fn describe(&self) -> String {
        format!("{}“{}”", self.label(), self.name)
    }

    pub fn label(&self) -> &'static str {
        kind_label(self.kind, self.area_type)
    }
}

/// A unit's kind as its area names it: 社区 or 村, and 小区 or 自然村/组 below them.
pub fn kind_label(kind: UnitKind, area: AreaType) -> &'static str {
    match (kind, area) {
        (UnitKind::Village, AreaType::Urban) => "社区",
        (UnitKind::Village, AreaType::Rural) => "村",
        (UnitKind::Compound, AreaType::Rural) => "自然村/组",
        (k, _) => k.label(),
    }
}

/// What the user enters for a unit. On update, `kind` and `parent_id` are ignored
/// (moving is its own operation).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub area_type: String,
    #[serde(default)]
    pub households: Option<i64>,
    #[serde(default)]
    pub residents: Option<i64>,
    #[serde(default)]
    pub boundary: String,
    #[serde(default)]
    pub note: String,
    /// 设立日期 in any usual form; "" when not known.
    #[serde(default)]
    pub established_on: String,
}

impl UnitInput {
    /// A unit with what every unit needs: its kind (`"village"` …), parent, code, name
    /// and area type (`"urban"`/`"rural"`); counts, boundary and note left empty.
    pub fn new(
        kind: &str,
        parent_id: Option<&str>,
        code: &str,
        name: &str,
        area_type: &str,
    ) -> UnitInput {
        UnitInput {
            kind: kind.into(),
            parent_id: parent_id.map(str::to_string),
            code: code.into(),
            name: name.into(),
            area_type: area_type.into(),
            ..Default::default()
        }
    }
}

const COLUMNS: &str = "id, owner_code, kind, parent_id, code, name, area_type, households, \
                       residents, boundary, note, created_at, updated_at, established_on";

fn from_row(r: &Row) -> rusqlite::Result<Unit> {
    let kind: String = r.get(2)?;
    let area: String = r.get(6)?;
    Ok(Unit {
        id: r.get(0)?,
        owner_code: r.get(1)?,
        kind: UnitKind::parse(&kind).unwrap_or(UnitKind::Village),
        parent_id: r.get(3)?,
        code: r.get(4)?,
        name: r.get(5)?,
        area_type: AreaType::parse(&area).unwrap_or(AreaType::Urban),
        households: r.get(7)?,
        residents: r.get(8)?,
        boundary: r.get(9)?,
        note: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        established_on: r.get(13)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Unit> {
    find(conn, id)?
        .ok_or_else(|| Error::NotFound("找不到这个单位，它可能已被删除。请刷新后再试。".into()))
}

pub fn find(conn: &Connection, id: &str) -> Result<Option<Unit>> {
    Ok(conn
        .row(
            &format!("SELECT {COLUMNS} FROM units WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every unit's name by its id: what a list shows for the units its records name,
/// read once per list, never once per record listed.
pub fn names(conn: &Connection) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM units")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The units of `kind` (every kind: `None`) as (id, name), ordered by code: what an
/// import compares its file with, read without the rest of each unit.
pub(crate) fn names_of(conn: &Connection, kind: Option<UnitKind>) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM units WHERE ?1 IS NULL OR kind = ?1 ORDER BY code, id",
    )?;
    let rows = stmt
        .query_map([kind.map(UnitKind::as_str)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every unit of this office, ordered by code.
pub fn list(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM units ORDER BY code, id"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// For a restore: unit `id`, which record `summary` names as its `what` (所在的村/社区,
/// 落实的村/网格), must be there; one in the recycle bin is named.
pub fn restore_needs(conn: &Connection, summary: &str, what: &str, id: &str) -> Result<()> {
    if find(conn, id)?.is_some() {
        return Ok(());
    }
    let hint = crate::store::recycle::summary_of(conn, TABLE, id)?
        .map(|s| format!("请先在回收站中恢复{s}。"))
        .unwrap_or_else(|| format!("该{what}已不存在。"));
    Err(Error::Refused(format!(
        "不能恢复{summary}：它{what}已被删除。{hint}"
    )))
}

pub fn find_by_code(conn: &Connection, code: &str) -> Result<Option<Unit>> {
    Ok(conn
        .row(
            &format!("SELECT {COLUMNS} FROM units WHERE code = ?1"),
            [code],
            from_row,
        )
        .optional()?)
}

/// Units with this name, optionally only those inside `village_id`: the exact name,
/// else the same [`crate::base::canon::name_key`] (a file's 第1网格 finds the
/// 第１网格 a form stored; only a name not found costs a look at every unit).
pub fn find_by_name(conn: &Connection, name: &str, village_id: Option<&str>) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM units WHERE name = ?1 ORDER BY code"
    ))?;
    let mut found: Vec<Unit> = stmt
        .query_map([name], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    if found.is_empty() {
        let [_, a, b, c] = crate::base::canon::name_writings(name);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM units WHERE name IN (?1, ?2, ?3) ORDER BY code"
        ))?;
        found = stmt
            .query_map([a, b, c], from_row)?
            .collect::<rusqlite::Result<_>>()?;
    }
    let Some(village) = village_id else {
        return Ok(found);
    };
    let mut inside = Vec::new();
    for u in found {
        if is_descendant_or_self(conn, &u.id, village)? {
            inside.push(u);
        }
    }
    Ok(inside)
}

pub fn children(conn: &Connection, id: &str) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM units WHERE parent_id = ?1 ORDER BY code"
    ))?;
    let rows = stmt
        .query_map([id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

struct Checked {
    code: String,
    name: String,
    area_type: AreaType,
    households: Option<i64>,
    residents: Option<i64>,
    boundary: String,
    note: String,
    established_on: Option<String>,
}

pub(crate) fn check_count(field: &'static str, label: &str, v: Option<i64>) -> Result<Option<i64>> {
    match v {
        Some(n) if n < 0 => Err(Error::validation(field, format!("{label}不能是负数。"))),
        Some(n) if n > 10_000_000 => Err(Error::validation(
            field,
            format!("{label}“{n}”太大，请核对。"),
        )),
        other => Ok(other),
    }
}

fn check_text(field: &'static str, label: &str, v: &str, max: usize) -> Result<String> {
    let v = v.trim();
    if v.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("{label}最多{max}个字，现在有{}个字。", v.chars().count()),
        ));
    }
    Ok(v.to_string())
}

pub(crate) fn check_code(office: &Office, kind: UnitKind, code: &str) -> Result<String> {
    let code = code.trim();
    if code.is_empty() {
        return Err(Error::validation("code", "请填写编码。"));
    }
    if code.len() > 30 {
        return Err(Error::validation("code", "编码最多30个字符。"));
    }
    if let Some(c) = code
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(Error::validation(
            "code",
            format!("编码只能包含数字、英文字母和“-”，其中有“{c}”。"),
        ));
    }
    if kind == UnitKind::Village {
        let prefix = &office.code[..office.level.significant_digits()];
        if code.len() != 12 || !code.chars().all(|c| c.is_ascii_digit()) {
            let now = if code.chars().all(|c| c.is_ascii_digit()) {
                format!("现在是{}位", code.len())
            } else {
                "现在含有数字以外的字符".to_string()
            };
            return Err(Error::validation(
                "code",
                format!(
                    "村/社区的编码应是12位数字的统计用区划代码，{now}。请按统计局公布的代码填写：\
                     本单位代码的前{}位“{prefix}”再加{}位，如 {prefix}{:0>width$}。",
                    prefix.len(),
                    12 - prefix.len(),
                    // The first code `suggest_code` offers: at a county 320115000001,
                    // not one inside a township below it (which it refuses).
                    "1",
                    width = 12 - prefix.len()
                ),
            ));
        }
        if !code.starts_with(prefix) {
            return Err(Error::validation(
                "code",
                format!(
                    "村/社区的区划代码应以本单位代码的前{}位“{prefix}”开头，现在是“{code}”。",
                    prefix.len()
                ),
            ));
        }
        if code.ends_with("000") {
            return Err(Error::validation(
                "code",
                "村/社区的区划代码最后3位不能是000（那是乡镇/街道本身的代码）。",
            ));
        }
    }
    Ok(code.to_string())
}

/// The offices below that report here (expected, or whose package is held), by
/// code: their names.
pub(crate) fn reporting_offices(conn: &Connection) -> Result<HashMap<String, String>> {
    let rows = conn
        .prepare_cached(
            "SELECT code, name FROM expected_offices
             UNION ALL SELECT office_code, name FROM snapshot_offices",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(rows.into_iter().collect())
}

/// At a county or a city: the office of `reporting` whose division the village code
/// lies in (its township's code, or at a city its county's), described. Its villages
/// are its own, counted from its package: a county entering 320115101001 for
/// 东山街道 counted its grids twice.
pub(crate) fn reported_below(
    reporting: &HashMap<String, String>,
    office: &Office,
    code: &str,
) -> Option<String> {
    if office.level == crate::store::office::Level::Township || code.len() != 12 || !code.is_ascii()
    {
        return None;
    }
    [
        format!("{}000", &code[..9]),
        format!("{}000000", &code[..6]),
    ]
    .into_iter()
    .filter(|c| *c != office.code)
    .find_map(|c| reporting.get(&c).map(|name| format!("“{name}”（{c}）")))
}

/// [`reported_below`] as a refusal of the code (a township has nobody below: no
/// query on its every village created).
fn check_not_reported_below(conn: &Connection, office: &Office, code: &str) -> Result<()> {
    if office.level == crate::store::office::Level::Township {
        return Ok(());
    }
    match reported_below(&reporting_offices(conn)?, office, code) {
        Some(below) => Err(Error::validation("code", below_message(code, &below))),
        None => Ok(()),
    }
}

/// Why a village code of an office below is refused here.
pub(crate) fn below_message(code: &str, below: &str) -> String {
    format!(
        "编码 {code} 属于下级单位{below}：它的村/社区和网格由它自己录入，随报送的文件汇总到这里。在这里再建一遍会重复统计。"
    )
}

/// A unit's name (名称): a name, without what separates units in a list (a person's
/// 所在网格, a project's units: 阳光花园1、2栋 would read as two grids).
pub(crate) fn checked_unit_name(name: &str) -> Result<String> {
    // Digits and letters as the lists hold them (第１网格 typed in full-width mode is
    // stored 第1网格).
    let name =
        crate::base::canon::half_width(&validate_name("name", "名称", name, 50)?).into_owned();
    if let Some(c) = name
        .chars()
        .find(|c| crate::sheets::rows::LIST_BREAKS.contains(c))
    {
        return Err(Error::validation(
            "name",
            format!("名称“{name}”里有“{c}”：名单里用顿号、逗号和分号分开几个单位，单位名称里不能有。如“1、2栋”请写成“1-2栋”。"),
        ));
    }
    Ok(name)
}

/// `stored_name`: the unit's name as stored (an update), kept as it is even if it
/// was given before names were checked for separators.
fn check_input(
    office: &Office,
    kind: UnitKind,
    input: &UnitInput,
    stored_name: Option<&str>,
    today: NaiveDate,
) -> Result<Checked> {
    let code = check_code(office, kind, &input.code)?;
    let name = match stored_name {
        Some(n) if validate_name("name", "名称", &input.name, 50)? == n => n.to_string(),
        _ => checked_unit_name(&input.name)?,
    };
    let area_type = AreaType::parse(input.area_type.trim())?;
    // Every level may carry counts (a village's own figures, as its sheet gives them);
    // only grids carry a boundary.
    let households = check_count("households", "户数", input.households)?;
    let residents = check_count("residents", "人口数", input.residents)?;
    let boundary = if kind.is_grid() {
        check_text("boundary", "边界描述", &input.boundary, 500)?
    } else {
        String::new()
    };
    let note = check_text("note", "备注", &input.note, 500)?;
    let established_on = date_field("establishedOn", "设立日期", &input.established_on)?;
    check_not_future(
        "establishedOn",
        "设立日期",
        established_on.as_deref(),
        today,
    )?;
    Ok(Checked {
        code,
        name,
        area_type,
        households,
        residents,
        boundary,
        note,
        established_on,
    })
}

fn check_code_free(conn: &Connection, owner: &str, code: &str, except_id: &str) -> Result<()> {
    let taken: Option<(String, String, String)> = conn
        .row(
            "SELECT kind, name, area_type FROM units WHERE owner_code = ?1 AND code = ?2 AND id <> ?3",
            params![owner, code, except_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((kind, name, _)) = taken {
        let label = UnitKind::parse(&kind).map(|k| k.label()).unwrap_or("单位");
        return Err(Error::Conflict {
            field: Some("code"),
            message: format!("编码“{code}”已被{label}“{name}”使用，请换一个编码。"),
        });
    }
    // A unit 撤销 keeps its code: the periods it counted in name it by that code.
    if let Some(d) = adjust::with_code(conn, owner, code, except_id)? {
        return Err(Error::Conflict {
            field: Some("code"),
            message: format!(
                "编码“{code}”是已撤销的{}（{} 撤销）的编码，请换一个编码。",
                d.unit.describe(),
                d.dissolved_on
            ),
        });
    }
    Ok(())
}

/// No two units under one parent (two villages of the township) share a name: two
/// 第二网格 in one compound were saved without a word, and then a person's grid, a
/// picker's row and an import's 所在网格 could not tell them apart. Nor do two base
/// grids of one village ([`check_grid_name_free`]), for a unit of `kind`.
fn check_name_free(
    conn: &Connection,
    kind: UnitKind,
    parent_id: Option<&str>,
    name: &str,
    except_id: &str,
    restoring: bool,
) -> Result<()> {
    // The same name written another way (第１网格, 阳光花园(一期)) is the same name:
    // an import once added both side by side, and the figures counted them twice.
    // Looked up by the name index in its likely writings, not by reading every
    // sibling: a village of thousands of grids made each new one read them all.
    let [given, a, b, c] = crate::base::canon::name_writings(name);
    let taken: Option<(String, String)> = conn
        .row(
            "SELECT kind, code FROM units INDEXED BY units_by_name
             WHERE name IN (?1, ?2, ?3, ?4) AND parent_id IS ?5 AND id <> ?6
             ORDER BY code LIMIT 1",
            params![
                given,
                a,
                b,
                c,
                parent_id.filter(|p| !p.is_empty()),
                except_id
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((kind, code)) = taken {
        let label = UnitKind::parse(&kind).map(|k| k.label()).unwrap_or("单位");
        let under = match parent_id.filter(|p| !p.is_empty()) {
            Some(p) => get(conn, p)?.describe(),
            None => "本乡镇（街道）".to_string(),
        };
        return Err(Error::Conflict {
            field: Some("name"),
            message: if restoring {
                format!(
                    "不能恢复“{name}”：{under}下已经有同名的{label}（编码 {code}），同一上级下的单位不能重名。请先把现有的那个改名，再恢复。"
                )
            } else {
                format!(
                    "{under}下已经有名为“{name}”的{label}（编码 {code}）。同一上级下的单位不能重名，否则选人、导入时分不清，请换一个名称。"
                )
            },
        });
    }
    if kind == UnitKind::BaseGrid {
        check_grid_name_free(conn, parent_id, name, except_id, restoring)?;
    }
    Ok(())
}

/// A base grid's name is its village's alone, whichever 小区 holds it (people are
/// imported by grid name within a village): another base grid of the village with
/// the name, in its likely writings, refuses it.
fn check_grid_name_free(
    conn: &Connection,
    parent_id: Option<&str>,
    name: &str,
    except_id: &str,
    restoring: bool,
) -> Result<()> {
    let Some(parent) = parent_id
        .filter(|p| !p.is_empty())
        .map(|p| get(conn, p))
        .transpose()?
    else {
        return Ok(());
    };
    let village = match parent.kind {
        UnitKind::Village => parent.id.clone(),
        _ => match parent.parent_id.clone() {
            Some(v) => v,
            None => return Ok(()),
        },
    };
    let [given, a, b, c] = crate::base::canon::name_writings(name);
    let taken: Option<(String, Option<String>)> = conn
        .row(
            "SELECT g.code, (SELECT name FROM units WHERE id = g.parent_id AND kind = 'compound')
             FROM units g INDEXED BY units_by_name
             WHERE g.name IN (?1, ?2, ?3, ?4) AND g.kind = 'base_grid' AND g.id <> ?6
               AND (g.parent_id = ?5 OR g.parent_id IN (SELECT id FROM units WHERE parent_id = ?5))
             ORDER BY g.code LIMIT 1",
            params![given, a, b, c, village, except_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((code, compound)) = taken else {
        return Ok(());
    };
    let village_name = get(conn, &village)?.describe();
    let at = compound.map(|c| format!("小区“{c}”的")).unwrap_or_default();
    Err(Error::Conflict {
        field: Some("name"),
        message: if restoring {
            format!(
                "不能恢复“{name}”：{village_name}已经有同名的基础网格（{at}编码 {code}），同一村/社区的基础网格不能重名。请先把现有的那个改名，再恢复。"
            )
        } else {
            format!(
                "{village_name}已经有名为“{name}”的基础网格（{at}编码 {code}）。同一村/社区的基础网格不能重名，否则导入人员时分不清，请换一个名称。"
            )
        },
    })
}

fn check_parent(
    conn: &Connection,
    kind: UnitKind,
    parent_id: Option<&str>,
) -> Result<Option<Unit>> {
    let parent = match parent_id.filter(|p| !p.is_empty()) {
        None => None,
        Some(pid) => Some(find(conn, pid)?.ok_or_else(|| {
            Error::validation(
                "parentId",
                "所选的上级单位不存在，它可能已被删除。请刷新后再试。",
            )
        })?),
    };
    let parent_kind = parent.as_ref().map(|p| p.kind);
    if !kind.allowed_parents().contains(&parent_kind) {
        let wanted: Vec<&str> = kind
            .allowed_parents()
            .iter()
            .map(|p| p.map(|k| k.label()).unwrap_or("本单位"))
            .collect();
        return Err(Error::validation(
            "parentId",
            format!(
                "{}只能建在{}之下，不能放在{}之下。",
                kind.label(),
                wanted.join("或"),
                parent
                    .as_ref()
                    .map(|p| p.describe())
                    .unwrap_or_else(|| "本单位".into())
            ),
        ));
    }
    Ok(parent)
}

/// Inserts a unit's row: the one place that lists the columns, for create and restore.
pub(crate) fn insert_row(tx: &Tx, u: &Unit) -> Result<()> {
    tx.exec(
        &format!(
            "INSERT INTO units ({COLUMNS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"
        ),
        params![
            u.id,
            u.owner_code,
            u.kind.as_str(),
            u.parent_id,
            u.code,
            u.name,
            u.area_type.as_str(),
            u.households,
            u.residents,
            u.boundary,
            u.note,
            u.created_at,
            u.updated_at,
            u.established_on,
        ],
    )?;
    Ok(())
}

pub fn create(tx: &Tx, input: &UnitInput) -> Result<Unit> {
    let office = office::require(tx)?;
    let kind = UnitKind::parse(&input.kind)?;
    let parent = check_parent(tx, kind, input.parent_id.as_deref())?;
    let mut c = check_input(&office, kind, input, None, tx.ctx.today())?;
    // A unit counts from its own 设立日期 (schema 33): one added under a unit set up
    // later is set up no earlier than it (a micro grid of a November grid was not
    // there in the third quarter).
    if let Some(p) = &parent {
        c.established_on = no_earlier_than_parent(p, c.established_on)?;
    }
    check_code_free(tx, &office.code, &c.code, "")?;
    if kind == UnitKind::Village {
        check_not_reported_below(tx, &office, &c.code)?;
    }
    check_name_free(tx, kind, input.parent_id.as_deref(), &c.name, "", false)?;
    let id = new_id();
    let now = tx.ctx.stamp();
    insert_row(
        tx,
        &Unit {
            id: id.clone(),
            owner_code: office.code,
            kind,
            parent_id: input.parent_id.clone().filter(|p| !p.is_empty()),
            code: c.code,
            name: c.name,
            area_type: c.area_type,
            households: c.households,
            residents: c.residents,
            boundary: c.boundary,
            note: c.note,
            established_on: c.established_on,
            created_at: now.clone(),
            updated_at: now,
        },
    )?;
    let unit = get(tx, &id)?;
    tx.log_change(TABLE, &id, "create", None, Some(&unit))?;
    Ok(unit)
}

pub fn update(tx: &Tx, id: &str, input: &UnitInput) -> Result<Unit> {
    let office = office::require(tx)?;
    let before = get(tx, id)?;
    let mut c = check_input(
        &office,
        before.kind,
        input,
        Some(&before.name),
        tx.ctx.today(),
    )?;
    check_code_free(tx, &office.code, &c.code, id)?;
    if before.kind == UnitKind::Village && c.code != before.code {
        check_not_reported_below(tx, &office, &c.code)?;
    }
    // A 设立日期 changed (cleared included) is checked against the parent's.
    if c.established_on != before.established_on {
        if let Some(p) = before
            .parent_id
            .as_deref()
            .map(|p| get(tx, p))
            .transpose()?
        {
            c.established_on = no_earlier_than_parent(&p, c.established_on)?;
        }
    }
    // A name shared before the rule keeps saving; a new one is checked.
    if c.name != before.name {
        check_name_free(
            tx,
            before.kind,
            before.parent_id.as_deref(),
            &c.name,
            id,
            false,
        )?;
    }
    // Saved as it was: nothing written, no 修改 in the change log.
    let unchanged = c.code == before.code
        && c.name == before.name
        && c.area_type == before.area_type
        && c.households == before.households
        && c.residents == before.residents
        && c.boundary == before.boundary
        && c.note == before.note
        && c.established_on == before.established_on;
    if unchanged {
        return Ok(before);
    }
    if c.established_on != before.established_on {
        follow_established(tx, id, &before.established_on, &c.established_on)?;
    }
    tx.exec(
        "UPDATE units SET code = ?2, name = ?3, area_type = ?4, households = ?5, residents = ?6,
                boundary = ?7, note = ?8, updated_at = ?9, established_on = ?10 WHERE id = ?1",
        params![
            id,
            c.code,
            c.name,
            c.area_type.as_str(),
            c.households,
            c.residents,
            c.boundary,
            c.note,
            tx.ctx.stamp(),
            c.established_on,
        ],
    )?;
    let after = get(tx, id)?;
    tx.log_change(TABLE, id, "update", Some(&before), Some(&after))?;
    Ok(after)
}

/// A new or re-dated unit's 设立日期 under `parent`: the parent's when it has none,
/// refused when earlier than the parent's (a unit moved under a newer one keeps its
/// own earlier date: it stood, under its old parent).
fn no_earlier_than_parent(parent: &Unit, own: Option<String>) -> Result<Option<String>> {
    match (&parent.established_on, own) {
        (Some(p), None) => Ok(Some(p.clone())),
        (Some(p), Some(d)) if d < *p => Err(Error::validation(
            "establishedOn",
            format!(
                "设立日期 {d} 早于上级{}的设立日期 {p}。请核对；如果它是从别处并过来的，请先按原来的日期建在原上级下，再移动过来。",
                parent.describe()
            ),
        )),
        (_, own) => Ok(own),
    }
}

/// The units below `id` that had its 设立日期 `before` (they were set up with it, or
/// counted from it before schema 33) follow it to `after`; the others keep their
/// own (moved in from an older unit). Each is logged as a 修改.
fn follow_established(
    tx: &Tx,
    id: &str,
    before: &Option<String>,
    after: &Option<String>,
) -> Result<()> {
    for child in children(tx, id)? {
        if child.established_on != *before {
            continue;
        }
        follow_established(tx, &child.id, before, after)?;
        tx.exec(
            "UPDATE units SET established_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![child.id, after, tx.ctx.stamp()],
        )?;
        let changed = get(tx, &child.id)?;
        tx.log_change(TABLE, &child.id, "update", Some(&child), Some(&changed))?;
    }
    Ok(())
}

/// Moves a unit (with everything below it) under another parent.
pub fn move_to(tx: &Tx, id: &str, new_parent_id: Option<&str>) -> Result<Unit> {
    let before = get(tx, id)?;
    let parent = check_parent(tx, before.kind, new_parent_id)?;
    if let Some(p) = &parent {
        if is_descendant_or_self(tx, &p.id, id)? {
            return Err(Error::validation(
                "parentId",
                "不能把单位移到它自己或它的下级之下。",
            ));
        }
    }
    let new_parent = parent.as_ref().map(|p| p.id.clone());
    if new_parent == before.parent_id {
        return Ok(before);
    }
    check_name_free(
        tx,
        before.kind,
        new_parent.as_deref(),
        &before.name,
        id,
        false,
    )?;
    tx.exec(
        "UPDATE units SET parent_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, new_parent, tx.ctx.stamp()],
    )?;
    let after = get(tx, id)?;
    tx.log_change(TABLE, id, "move", Some(&before), Some(&after))?;
    Ok(after)
}

fn is_descendant_or_self(conn: &Connection, candidate: &str, ancestor: &str) -> Result<bool> {
    let mut cursor = Some(candidate.to_string());
    let mut steps = 0;
    while let Some(id) = cursor {
        if id == ancestor {
            return Ok(true);
        }
        steps += 1;
        if steps > 16 {
            break;
        }
        cursor = conn
            .row("SELECT parent_id FROM units WHERE id = ?1", [&id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
    }
    Ok(false)
}

/// What is still attached to a unit, as Chinese phrases ("2 个小区：阳光花园、翠竹苑"):
/// its child units, then what each of `kinds` says (`crate::kinds::ALL`).
pub fn attachments(conn: &Connection, id: &str, kinds: &[&dyn Kind]) -> Result<Vec<String>> {
    let kids = children(conn, id)?;
    let mut found = Vec::new();
    for kind in UnitKind::ALL {
        let of_kind: Vec<&Unit> = kids.iter().filter(|k| k.kind == kind).collect();
        if let Some(first) = of_kind.first() {
            let names: Vec<&str> = of_kind.iter().map(|k| k.name.as_str()).collect();
            found.push(format!(
                "{} 个{}（{}）",
                of_kind.len(),
                first.label(),
                crate::base::fields::first_few(&names, 3)
            ));
        }
    }
    // Then whatever the other kinds still attach to it (people, business grids,
    // 党建, 共建, contact points…): each kind says so itself through the registry.
    for kind in kinds {
        if let Some(found_here) = kind.blocks_unit_delete(conn, id)? {
            found.push(found_here);
        }
    }
    Ok(found)
}

/// Why unit `id` cannot be deleted now (what is still under it or names it), as
/// [`delete`] would refuse it; `None` when it can. The window asks before its
/// question, so a clerk is not asked to confirm a deletion that is then refused.
pub fn delete_refusal(conn: &Connection, id: &str, kinds: &[&dyn Kind]) -> Result<Option<String>> {
    let unit = get(conn, id)?;
    let attached = attachments(conn, id, kinds)?;
    Ok((!attached.is_empty()).then(|| refused_delete(&unit, &attached)))
}

/// Why a unit with records still under it is not deleted: one or two kinds in a
/// sentence, more as a list a line each (the window keeps the lines).
fn refused_delete(unit: &Unit, attached: &[String]) -> String {
    let what = if attached.len() <= 2 {
        format!("下还有 {}，不能删除。", attached.join("，"))
    } else {
        let lines: Vec<String> = attached.iter().map(|a| format!("· {a}")).collect();
        format!("下还有这些记录，不能删除：\n{}\n", lines.join("\n"))
    };
    format!(
        "{}{what}请先在各自的台账里把这些记录改到别的单位或删除（删除的可在回收站找回），再删除“{}”。",
        unit.describe(),
        unit.name
    )
}

/// Deletes a unit into the recycle bin. Refused while anything is attached (its
/// children, or a record of any of `kinds`); records that go with it (a compound's
/// 三亮) are discarded by their own kind. See `crate::kinds::delete_unit`.
pub fn delete(tx: &Tx, id: &str, kinds: &[&dyn Kind]) -> Result<recycle::Entry> {
    let unit = get(tx, id)?;
    if let Some(why) = delete_refusal(tx, id, kinds)? {
        return Err(Error::Refused(why));
    }
    // A compound's 三亮 record goes to the recycle bin with it, and comes back with it
    // (`crate::kinds::restore`).
    for kind in kinds {
        kind.on_unit_delete(tx, id)?;
    }
    tx.exec("DELETE FROM units WHERE id = ?1", [id])?;
    let summary = format!("{}（{}）", unit.describe(), unit.code);
    recycle::discard(tx, TABLE, LABEL, id, &summary, &unit)
}

/// Puts a unit back from its recycle-bin payload.
pub(crate) fn restore(tx: &Tx, payload: &serde_json::Value) -> Result<Unit> {
    let unit: Unit = serde_json::from_value(payload.clone())?;
    check_back(tx, &unit, "恢复")?;
    insert_row(
        tx,
        &Unit {
            updated_at: tx.ctx.stamp(),
            ..unit.clone()
        },
    )?;
    let restored = get(tx, &unit.id)?;
    tx.log_change(TABLE, &unit.id, "restore", None, Some(&restored))?;
    Ok(restored)
}

/// Whether `unit` can come back into the tree (from the recycle bin, or a 撤销
/// taken back: `action` says which): not there already, its parent there, its code
/// and name free, a village's code not reported from below.
pub(crate) fn check_back(tx: &Tx, unit: &Unit, action: &str) -> Result<()> {
    if find(tx, &unit.id)?.is_some() {
        return Err(Error::Conflict {
            field: None,
            message: format!("{}已经存在，无需{action}。", unit.describe()),
        });
    }
    if let Some(pid) = &unit.parent_id {
        if find(tx, pid)?.is_none() {
            let hint = match recycle::summary_of(tx, TABLE, pid)? {
                Some(s) => format!("请先在回收站中恢复它的上级：{s}。"),
                None => match crate::store::ledger::find::<adjust::DissolvedUnit>(tx, pid)? {
                    Some(p) => format!("它的上级{}已撤销，请先取消撤销它。", p.unit.describe()),
                    None => "它的上级单位已不存在，无法恢复。".into(),
                },
            };
            return Err(Error::Refused(format!(
                "不能{action}{}：{hint}",
                unit.describe()
            )));
        }
    }
    // Said for the bin, where nothing can be edited: the unit that took the code is
    // the one to change (it said 请换一个编码).
    check_code_free(tx, &unit.owner_code, &unit.code, &unit.id).map_err(|e| match e {
        Error::Conflict { field, message } => Error::Conflict {
            field,
            message: format!(
                "不能{action}“{}”：{}",
                unit.name,
                message.replace(
                    "使用，请换一个编码。",
                    &format!("使用。请先把那个单位改用别的编码，再{action}。")
                )
            ),
        },
        e => e,
    })?;
    check_name_free(
        tx,
        unit.kind,
        unit.parent_id.as_deref(),
        &unit.name,
        &unit.id,
        true,
    )?;
    if unit.kind == UnitKind::Village {
        check_not_reported_below(tx, &office::require(tx)?, &unit.code)?;
    }
    Ok(())
}

/// The next free code for a new unit of `kind` under `parent_id`, which the form fills
/// in: villages continue the office's 12-digit codes, compounds are the village code
/// plus `XQ` and two digits, base grids the village code plus three digits,
/// micro-grids the base-grid code plus two digits. `area_type` `rural` numbers a new
/// 村 from 200, as [`next_free_code`] says.
pub fn suggest_code(
    conn: &Connection,
    kind: &str,
    parent_id: Option<&str>,
    area_type: Option<&str>,
) -> Result<String> {
    let office = office::require(conn)?;
    let kind = UnitKind::parse(kind)?;
    let parent = check_parent(conn, kind, parent_id)?;
    let rural = match area_type.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => AreaType::parse(t)? == AreaType::Rural,
        None => false,
    };
    let village_code = |p: &Unit| -> Result<String> {
        let mut u = p.clone();
        while u.kind != UnitKind::Village {
            match &u.parent_id {
                Some(pid) => u = get(conn, pid)?,
                None => break,
            }
        }
        Ok(u.code)
    };
    let (prefix, width) = match (kind, &parent) {
        (UnitKind::Village, _) => {
            let d = office.level.significant_digits();
            (office.code[..d].to_string(), 12 - d)
        }
        (UnitKind::Compound, Some(p)) => (format!("{}XQ", p.code), 2),
        (UnitKind::BaseGrid, Some(p)) => (village_code(p)?, 3),
        (UnitKind::MicroGrid, Some(p)) => (p.code.clone(), 2),
        _ => return Err(Error::Internal("suggest_code: no parent".into())),
    };
    let mut stmt = conn
        .prepare_cached("SELECT code FROM units WHERE owner_code = ?1 AND code LIKE ?2 || '%'")?;
    let mut taken: std::collections::HashSet<String> = stmt
        .query_map(params![office.code, prefix], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // A unit in the recycle bin keeps its code: offered to a new unit, it could no
    // longer be restored (恢复 refused, the code taken).
    taken.extend(
        recycle::fields_of(conn, TABLE, ["$.code", "$.name"])?
            .into_iter()
            .map(|(code, _, _)| code)
            .filter(|c| c.starts_with(&prefix)),
    );
    // So does a unit 撤销: its code names it in the periods it counted in.
    taken.extend(
        adjust::dissolved(conn)?
            .into_iter()
            .map(|d| d.unit.code)
            .filter(|c| c.starts_with(&prefix)),
    );
    next_free_code(&prefix, width, kind == UnitKind::Village && rural, &taken)
        .ok_or_else(|| Error::Refused(CODES_USED_UP.into()))
}

/// What is said when a level has no free code left.
pub(crate) const CODES_USED_UP: &str = "这一级的编码已用完，请手动填写编码。";

/// The first code `prefix` + a `width`-digit number not in `taken`. A 村 (`rural`
/// village, three digits) is numbered from 200, a 社区 from 001, as 统计用区划代码
/// number 村委会 and 居委会: a 村 coded 002 took a number a community's real code may
/// need.
pub(crate) fn next_free_code(
    prefix: &str,
    width: usize,
    rural_village: bool,
    taken: &std::collections::HashSet<String>,
) -> Option<String> {
    let start = if rural_village && width == 3 { 200 } else { 1 };
    (start..10u64.pow(width as u32))
        .map(|n| format!("{prefix}{n:0width$}"))
        .find(|c| !taken.contains(c))
}

pub mod sheets;

// ---------- kinds (listed in crate::kinds) ----------

/// Organisation units (组织单位): imported per level or all levels in one sheet.
/// A unit's fields as the change log names them (a unit 撤销 carries the last two).
pub(crate) const FIELDS: &[(&str, &str)] = &[
    ("kind", "层级"),
    ("code", "编码"),
    ("name", "名称"),
    ("areaType", "类型"),
    ("parentId", "上级单位"),
    ("households", "户数"),
    ("residents", "人口"),
    ("boundary", "边界描述"),
    ("establishedOn", "设立日期"),
    ("dissolvedOn", "撤销日期"),
    ("dissolveNote", "撤销说明"),
];

pub static UNITS: crate::sheets::kind::Def = crate::sheets::kind::Def {
    // A unit under its parent (阳光花园 › 第一网格), one 撤销 since as well.
    names: crate::sheets::kind::Names::Query(
        "SELECT u.id, coalesce(p.name || ' › ', '') || u.name FROM units u \
         LEFT JOIN units p ON p.id = u.parent_id WHERE u.id IN (SELECT value FROM json_each(?1)) \
         UNION ALL \
         SELECT d.id, coalesce(p.name || ' › ', '') || json_extract(d.json, '$.name') \
         FROM dissolved_units d LEFT JOIN units p ON p.id = json_extract(d.json, '$.parentId') \
         WHERE d.id IN (SELECT value FROM json_each(?1))",
    ),
    fields: FIELDS,
    // A unit's kind is named by its area (村 or 社区) where it is shown.
    values: &[("areaType", AreaType::PAIRS)],
    table: TABLE,
    label: LABEL,
    restore: |tx, p| restore(tx, p).map(drop),
    imports: &[
        &crate::sheets::kind::Sheet::<sheets::Units>::NEW,
        &crate::sheets::kind::Sheet::<sheets::Villages>::NEW,
        &crate::sheets::kind::Sheet::<sheets::Compounds>::NEW,
        &crate::sheets::kind::Sheet::<sheets::Grids>::NEW,
        &crate::sheets::kind::Sheet::<sheets::MicroGrids>::NEW,
    ],
    exports: &[
        crate::sheets::kind::Export::new("units", "组织架构", sheets::export_rows)
            .with_note("村/社区、小区、基础网格和微网格在同一张表里，上级单位在前。"),
        crate::sheets::kind::Export::new("villages", "村社区", sheets::export_rows),
        crate::sheets::kind::Export::new("compounds", "小区", sheets::export_rows),
        crate::sheets::kind::Export::new("grids", "基础网格", sheets::export_rows),
        crate::sheets::kind::Export::new("micro-grids", "微网格", sheets::export_rows),
    ],
    report_keys: &[
        "grids.base",
        "grids.micro",
        "compounds.total",
        "assessment.compounds_quarters",
    ],
    ..crate::sheets::kind::Def::EMPTY
};

#[cfg(test)]
mod tests;

/// The village or community a unit lies in (itself if it is one), from the units by id.
pub fn village_of<'a>(
    units: &std::collections::HashMap<&str, &'a Unit>,
    id: &str,
) -> Option<&'a Unit> {
    let mut u = *units.get(id)?;
    for _ in 0..8 {
        if u.kind == UnitKind::Village {
            return Some(u);
        }
        u = *units.get(u.parent_id.as_deref()?)?;
    }
    None
}
