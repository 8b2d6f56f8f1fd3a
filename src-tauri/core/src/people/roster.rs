//! The people registry's Excel side: import columns and row parsing (through the
//! generic [`crate::sheets::import`] machinery) and the roster export.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Employment, Person, PersonInput, PersonQuery, RoleInput, RoleKind};
use crate::base::error::Result;
use crate::hierarchy::index::UnitIndex;
use crate::hierarchy::UnitKind;
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::Wizard;
use crate::sheets::{self, SheetOut};
use crate::store::{Ctx, Store, Tx};

pub struct People;

static COLUMNS: &[Column] = &[
    col("name", "姓名", &["名字"], true, false, "本人姓名。", 10.0),
    col("gender", "性别", &[], false, false, "男或女；可不填，按身份证号码自动判断，填了则必须一致。", 6.0).choose_from(&["男", "女"]),
    col("birthDate", "出生日期", &["出生年月日"], false, false, "如 1985-06-12；可不填，按身份证号码自动判断。", 12.0),
    col("idNumber", "身份证号码", &["身份证号", "公民身份号码", "身份证"], true, true, "18位，最后一位可以是X。这一列必须设为“文本”格式，否则 Excel 会丢掉后几位。同一身份证号码重复导入时更新该人员，不会重复登记。", 22.0),
    col("phone", "手机号码", &["手机号", "手机", "联系电话", "电话", "联系方式"], true, true, "以1开头的11位手机号。", 14.0),
    col("politicalStatus", "政治面貌", &[], false, false, "中共党员、中共预备党员、共青团员、民主党派成员、无党派人士、群众。", 12.0).choose_from(super::POLITICAL_STATUSES),
    col("education", "学历", &["文化程度"], false, false, "研究生、大学本科、大学专科、高中、中专、初中及以下。", 10.0).choose_from(super::EDUCATIONS),
    col("role", "身份", &["人员类别", "类别", "角色", "人员类型", "岗位", "人员身份", "职务"], true, false, "网格员、楼栋长、信息员或社区工作者，一行一个身份。同一人兼任多个身份时，请分别在各身份的名单文件中导入（同一文件中一人只能出现一次），系统按身份证号码合并到同一人。本软件导出的名单（身份写成“网格员（专职）”，几个身份用顿号分开）可以直接导入。", 10.0).or_from_title(&["网格员", "楼栋长", "信息员", "社区工作者"]).choose_from(&["网格员", "楼栋长", "信息员", "社区工作者"]),
    col("employment", "专职/兼职", &["专兼职", "专职兼职"], false, false, "网格员必填：专职或兼职。", 10.0).choose_from(&["专职", "兼职"]),
    col("village", "所属村/社区", &["村/社区", "所属社区", "社区", "村", "所在社区", "所在村", "所在村/社区", "所属村"], false, false, "村或社区的名称或12位代码；网格名称有重名时必填。", 14.0),
    col("units", "所在网格/小区", &["网格", "所在网格", "所属网格", "网格名称", "网格编码", "微网格", "小区", "所在微网格", "所属微网格", "所在小区", "所属小区", "负责网格", "包联网格"], true, true, "网格员填基础网格，楼栋长和信息员填微网格或小区，社区工作者填村/社区（不填则按所属村/社区；社区工作者名单可以没有这一列）；写名称或编码，多个用顿号“、”分开。", 24.0)
        .or_instead("village"),
    col("startDate", "到岗日期", &["入职日期", "任职日期", "入职时间", "到岗时间", "任职时间", "上岗日期", "上岗时间"], false, false, "如 2023-03-01。", 12.0),
    col("status", "状态", &["在岗状态", "在岗情况", "在职状态", "在职情况", "人员状态"], false, false, "在岗或离岗；不填为在岗。", 8.0).choose_from(&["在岗", "离岗"]),
    col("effectiveDate", "变动日期", &["离岗日期", "离职日期", "离任日期", "调岗日期", "复岗日期", "离岗时间", "离职时间", "变动时间"], false, false, "这一行把人改为离岗、改回在岗、换了网格、改了专职/兼职或是否公示时，变动发生的日期，如 2026-10-31；不填为导入当天。这一天以前的统计仍按原来的计算。", 12.0),
    col("published", "是否公示", &["公示"], false, false, "是或否；不填为否。", 8.0).choose_from(&["是", "否"]),
    col("note", "备注", &[], false, false, "", 20.0),
];

pub struct ParsedPerson {
    checked: super::Checked,
    existing: Option<Person>,
    /// The roles the row sets (a roster file is often one role's).
    sets: Vec<RoleKind>,
    /// What the row moves (网格员：阳光花园第一网格 → 阳光花园第二网格), for the
    /// preview: an old roster file would move people back without a word.
    moves: Vec<String>,
    /// The roles the row adds (楼栋长（菊花苑1号楼）): the preview said 更新 1 and
    /// nothing of them.
    adds: Vec<String>,
    /// A unit the person serves that was set up after their 到岗日期: (unit, 设立日期).
    set_up_later: Option<(String, String, &'static str)>,
    /// When the person the row brings back into post (离岗 → 在岗) left, read from
    /// their history for the preview; `None` for everyone else.
    left_on: Option<String>,
    /// A new row's person found in the recycle bin: (name, day deleted).
    binned: Option<(String, String)>,
    /// The row's 变动日期 cell is filled (it dates only a change the row makes).
    dated: bool,
    /// Its 变动日期 is the day of the person's last stored change.
    dated_as_stored: bool,
    /// Who else has the row's phone (手机号码…也登记在…名下), when it is new to them.
    phone_shared: Vec<String>,
    /// The day of a later 公示 change that the row's 公示 change, dated before it,
    /// overrides ([`super::later_publish_change`]).
    overrides_publish: Option<String>,
    /// The 所属村/社区 read from a row above, the row's own being blank and its grid's
    /// name found in several villages (a roster names each 社区 once, over its rows).
    village_from_above: Option<String>,
    /// Why a role added alone is not dated by the row's 到岗日期 ([`role_start`]).
    role_dated: Option<String>,
}

/// When `before` left, if `checked` brings them back into post (an older roster).
fn left_on(conn: &Connection, before: Option<&Person>, checked: &super::Checked) -> Option<String> {
    let b = before.filter(|b| b.status == super::Status::Left)?;
    if checked.status != super::Status::Active {
        return None;
    }
    let history = super::history(conn, &b.id).ok()?;
    history
        .iter()
        .rev()
        .find(|h| h.event == "left")
        .map(|h| h.date.chars().take(10).collect())
}

/// What a roster file's rows are read against: the units, and the people in the
/// recycle bin by ID number (a row for one of them registers them anew, and the
/// binned one can no longer come back).
pub struct RosterLookup {
    units: UnitIndex,
    /// For a row whose 所属村/社区 is blank, the nearest one written above it, by
    /// Excel row.
    village_above: std::collections::HashMap<usize, String>,
    /// ID number → (name, the day they were deleted, China time).
    binned: std::collections::HashMap<String, (String, String)>,
}

impl crate::sheets::import::FileLookup for RosterLookup {
    fn build(conn: &Connection, rows: &[RowCells]) -> Result<Self> {
        let mut village_above = std::collections::HashMap::new();
        let mut above = "";
        for r in rows {
            match r.get("village").trim() {
                "" if !above.is_empty() => {
                    village_above.insert(r.row(), above.to_string());
                }
                "" => {}
                v => above = v,
            }
        }
        // A binned person is kept as { person, history }.
        let binned = crate::store::recycle::fields_of(
            conn,
            super::TABLE,
            ["$.person.idNumber", "$.person.name"],
        )?
        .into_iter()
        .map(|(id_number, name, day)| (id_number, (name, day)))
        .collect();
        Ok(RosterLookup {
            units: UnitIndex::load(conn)?,
            village_above,
            binned,
        })
    }
}

/// A checked row with what its preview says of it: the moves it makes, a 离岗 it
/// takes back, a person of the recycle bin it registers anew.
/// The day a role added to registered person `p` starts, from the row's 到岗日期
/// `cell`, and what the preview says of a day it could not take: the 履历 runs
/// forward, so a day before the person came or before their latest 调岗, 离岗 or 复岗
/// gives way to that one (probe Y: 2010-01-01 under a 2015 到岗日期 became today
/// without a word); no day, or one after today, dates it today, said so.
fn role_start(
    conn: &Connection,
    p: &Person,
    cell: &str,
    today: NaiveDate,
) -> (Option<String>, Option<String>) {
    let Some(day) = crate::base::fields::parse_date("startDate", "到岗日期", cell)
        .ok()
        .flatten()
        .filter(|d| *d <= today)
        .map(|d| d.to_string())
    else {
        let why = if cell.trim().is_empty() {
            "文件没有写新身份的到岗日期，按今天记".to_string()
        } else {
            format!("到岗日期“{}”读不出或晚于今天，按今天记", cell.trim())
        };
        return (None, Some(why));
    };
    let latest = super::edge_change(conn, &p.id, true).ok().flatten();
    let bound = [
        p.start_date
            .as_deref()
            .map(|s| (super::day_of(s).to_string(), "到岗日期")),
        latest.map(|(d, _)| (super::day_of(&d).to_string(), "上一次岗位变动")),
    ]
    .into_iter()
    .flatten()
    .filter(|(d, _)| *d > day)
    .max_by(|a, b| a.0.cmp(&b.0));
    match bound {
        None => (Some(day), None),
        Some((on, what)) => (
            Some(on.clone()),
            Some(format!(
                "文件写的到岗日期 {day} 早于“{}”的{what} {on}，履历不能倒着记，新身份按 {on} 记",
                p.name
            )),
        ),
    }
}

fn parsed_person(
    conn: &Connection,
    lookup: &RosterLookup,
    row: &RowCells,
    checked: super::Checked,
    existing: Option<Person>,
    set: &[Option<RoleKind>],
) -> ParsedPerson {
    let dated = !row.get("effectiveDate").trim().is_empty();
    let overrides_publish = existing
        .as_ref()
        .filter(|b| b.published != checked.published)
        .and_then(|b| {
            super::later_publish_change(conn, b, &checked.effective_date.to_string())
                .ok()
                .flatten()
        });
    ParsedPerson {
        overrides_publish,
        village_from_above: None,
        role_dated: None,
        dated,
        moves: moves_of(&lookup.units, existing.as_ref(), &checked),
        adds: adds_of(&lookup.units, existing.as_ref(), &checked),
        // A 到岗日期 written to the month (2023.5, read as the 1st) in the month its
        // grid was set up: the 1st is the reading's, not the clerk's (it was said on
        // every import of the file).
        set_up_later: set_up_after_start(&lookup.units, &checked).filter(|(_, on, _)| {
            let start = checked
                .start_date
                .map(|d| d.to_string())
                .unwrap_or_default();
            !(crate::sheets::import::is_month_only(row.get("startDate"))
                && start.get(..7) == on.get(..7))
        }),
        left_on: left_on(conn, existing.as_ref(), &checked),
        binned: existing
            .is_none()
            .then(|| lookup.binned.get(&checked.id_number).cloned())
            .flatten(),
        // A phone another person has, on a new person or a changed number (probe AN:
        // a new 网格员 with 白东's phone went in unsaid); the form says it too.
        // (A new person's is read with the check for a second registration: `parse`.)
        phone_shared: match existing.as_ref() {
            Some(b) if b.phone != checked.phone => {
                super::phone_warnings(conn, &checked.phone, &b.id).unwrap_or_default()
            }
            _ => Vec::new(),
        },
        // The row's 变动日期 is already the day of the person's last change (the same
        // roster imported again): nothing to say of it.
        // (Read only for a row whose 变动日期 cell is filled: one query less a row.)
        dated_as_stored: dated
            && existing.as_ref().is_some_and(|b| {
                super::edge_change(conn, &b.id, true)
                    .ok()
                    .flatten()
                    .is_some_and(|(d, _)| super::day_of(&d) == checked.effective_date.to_string())
            }),
        checked,
        existing,
        sets: set.iter().flatten().copied().collect(),
    }
}

/// The roles `checked` holds in other units than `before` holds them, said
/// 网格员：A → B with the units' names.
/// The names of units `ids`, joined with 、.
fn unit_names(index: &UnitIndex, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            index
                .get(id)
                .map_or("（已删除的单位）", |u| u.name.as_str())
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// A unit `checked` serves (or one above it) set up after the person's 到岗日期: the
/// periods between count them in post in a grid that was not there (probe G: 2025
/// showed 10 网格员 over 6 基础网格).
fn set_up_after_start(
    index: &UnitIndex,
    checked: &super::Checked,
) -> Option<(String, String, &'static str)> {
    let start = checked.start_date?.to_string();
    checked
        .roles
        .iter()
        .flat_map(|r| &r.unit_ids)
        .filter_map(|id| index.get(id))
        .filter_map(|u| {
            let mut at = Some(u);
            let mut latest: Option<&str> = None;
            for _ in 0..4 {
                let Some(x) = at else { break };
                if let Some(d) = x.established_on.as_deref() {
                    latest = latest.max(Some(d));
                }
                at = x.parent_id.as_deref().and_then(|p| index.get(p));
            }
            latest
                .filter(|d| *d > start.as_str())
                .map(|d| (u.name.clone(), d.to_string(), u.label()))
        })
        .max_by(|a, b| a.1.cmp(&b.1))
}

/// The roles `checked` holds that `before` does not: 楼栋长（菊花苑1号楼）.
fn adds_of(index: &UnitIndex, before: Option<&Person>, checked: &super::Checked) -> Vec<String> {
    let Some(before) = before else {
        return Vec::new();
    };
    checked
        .roles
        .iter()
        .filter(|now| !before.roles.iter().any(|r| r.role == now.role))
        .map(|now| match now.unit_ids.as_slice() {
            [] => now.role.label().to_string(),
            ids => format!("{}（{}）", now.role.label(), unit_names(index, ids)),
        })
        .collect()
}

fn moves_of(index: &UnitIndex, before: Option<&Person>, checked: &super::Checked) -> Vec<String> {
    let Some(before) = before else {
        return Vec::new();
    };
    let names = |ids: &[String]| unit_names(index, ids);
    checked
        .roles
        .iter()
        .filter_map(|now| {
            let was = before.roles.iter().find(|r| r.role == now.role)?;
            let (mut a, mut b) = (was.unit_ids.clone(), now.unit_ids.clone());
            a.sort();
            b.sort();
            (a != b).then(|| {
                format!(
                    "{}：{} → {}",
                    now.role.label(),
                    names(&was.unit_ids),
                    names(&now.unit_ids)
                )
            })
        })
        .collect()
}

/// Which import column a validation error's field belongs to.
fn column_of(field: Option<&str>) -> &'static str {
    match field.unwrap_or("") {
        "name" => "name",
        "gender" => "gender",
        "birthDate" => "birthDate",
        "idNumber" => "idNumber",
        "phone" => "phone",
        "politicalStatus" => "politicalStatus",
        "education" => "education",
        "startDate" => "startDate",
        "status" => "status",
        "effectiveDate" => "effectiveDate",
        "note" => "note",
        "roles" => "role",
        "employment" => "employment",
        _ => "units",
    }
}

/// The units a row's 所在网格/小区 names, by name or code, of the kinds in `wanted`
/// where a name is ambiguous. `village` may name several villages (the roster
/// export lists each of a person's villages): a name is then looked up in all of
/// them. `Err((column, why))`: a village not found is named in 所属村/社区.
fn resolve_units(
    index: &UnitIndex,
    wanted: &[UnitKind],
    village: &str,
    list: &str,
) -> std::result::Result<Vec<String>, (&'static str, String)> {
    let mut village_ids = Vec::new();
    for v in split_list(village) {
        let found = match index.by_code(v) {
            Some(u) if u.kind == UnitKind::Village => Some(u),
            _ => index
                .by_name(v, None)
                .into_iter()
                .find(|u| u.kind == UnitKind::Village),
        };
        match found {
            Some(u) => village_ids.push(u.id.clone()),
            None => {
                return Err((
                    "village",
                    format!(
                        "找不到村/社区“{v}”。{}请核对名称或代码。",
                        index.did_you_mean(&[UnitKind::Village], v)
                    ),
                ))
            }
        }
    }
    let mut ids = Vec::new();
    for token in split_list(list) {
        if let Some(u) = index.by_code(token) {
            ids.push(u.id.clone());
            continue;
        }
        let anywhere = index.by_name(token, None);
        let mut found = anywhere.clone();
        if !village_ids.is_empty() {
            found.retain(|u| village_ids.iter().any(|v| index.is_within(&u.id, v)));
        }
        if !wanted.is_empty() && found.len() > 1 {
            found.retain(|u| wanted.contains(&u.kind));
        }
        // In another 村/社区 than the row names: a move whose 所属村/社区 was left as
        // it was (probe AN: told to 建好 the grid, with two of another 社区's names).
        if let ([], [elsewhere]) = (&found[..], &anywhere[..]) {
            let its = index.village_of(&elsewhere.id).unwrap_or_default();
            return Err((
                "village",
                format!(
                    "“{token}”在“{its}”，不在“{village}”：如是调到{its}，请把所属村/社区改为“{its}”；如不是，请核对所在网格/小区。"
                ),
            ));
        }
        match found.len() {
            0 => {
                return Err((
                    "units",
                    format!(
                        "找不到“{token}”{}。{}请先在“组织架构”中建好，或填写已有的名称或编码。",
                        if village.is_empty() {
                            String::new()
                        } else {
                            format!("（在“{village}”中）")
                        },
                        index.did_you_mean(
                            if wanted.is_empty() {
                                &[UnitKind::Compound, UnitKind::BaseGrid, UnitKind::MicroGrid]
                            } else {
                                wanted
                            },
                            token
                        )
                    ),
                ))
            }
            1 => ids.push(found[0].id.clone()),
            n => {
                return Err((
                    "units",
                    format!(
                "有 {n} 个名为“{token}”的单位，请在“所属村/社区”列写明是哪个村/社区，或改填编码。"
            ),
                ))
            }
        }
    }
    Ok(ids)
}

/// A cell's list: names or codes separated as clerks separate them.
fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(['、', '，', ',', ';', '；', '/'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// "网格员（专职）" as the roster export writes a role: the role and its 专职/兼职.
fn role_token(token: &str) -> (&str, Option<&str>) {
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some((role, inner)) = token.strip_suffix(close).and_then(|t| t.split_once(open)) {
            if Employment::parse(inner.trim()).is_some() {
                return (role.trim(), Some(inner.trim()));
            }
        }
    }
    // 专职网格员, as offices and the 在岗专职网格员 figure say it.
    if let Some((employment, role)) = employment_before_role(token) {
        return (role, Some(employment));
    }
    (token, None)
}

/// "专职网格员" → ("专职", "网格员"): an employment written before a role.
fn employment_before_role(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    ["专职", "兼职"].into_iter().find_map(|e| {
        let role = text.strip_prefix(e)?.trim();
        RoleKind::parse(role).map(|_| (e, role))
    })
}

type RowProblems = Vec<(&'static str, String)>;

/// The roles a row sets. As the template asks, one role ("网格员", 专职/兼职 in its
/// own column); or as the roster export writes them, so that an exported list comes
/// back in: "网格员（专职）", several joined by "、" with all their units in
/// 所在网格/小区, each unit going to the one role it can belong to.
fn row_roles(
    index: &UnitIndex,
    row: &RowCells,
    above: Option<&str>,
) -> std::result::Result<(Vec<RoleInput>, Option<String>), RowProblems> {
    let mut from_above = None;
    // 专职网格员 in the 专职/兼职 column says 专职.
    let column = row.get("employment");
    let column = employment_before_role(column).map_or(column, |(e, _)| e);
    let tokens: Vec<(&str, Option<&str>)> = split_list(row.get("role")).map(role_token).collect();
    let kinds: Vec<Option<RoleKind>> = tokens.iter().map(|(r, _)| RoleKind::parse(r)).collect();
    let wanted: Vec<UnitKind> = kinds
        .iter()
        .flatten()
        .flat_map(|k| k.unit_kinds())
        .copied()
        .collect();
    // A 社区工作者 serves the village: a list with only 所属村/社区 says where.
    let village_only = row.get("units").trim().is_empty()
        && !kinds.is_empty()
        && kinds.iter().all(|k| *k == Some(RoleKind::CommunityWorker));
    let unit_ids = if village_only {
        resolve_units(index, &[UnitKind::Village], "", row.get("village"))
            .map_err(|(_, m)| vec![("village", m)])?
    } else {
        match resolve_units(index, &wanted, row.get("village"), row.get("units")) {
            Ok(ids) => ids,
            // A blank 所属村/社区 under one written above (not merged: a CSV cannot):
            // the grid found there, and said so.
            Err(e) => match above.filter(|_| row.get("village").trim().is_empty()) {
                Some(v) => match resolve_units(index, &wanted, v, row.get("units")) {
                    Ok(ids) => {
                        from_above = Some(v.to_string());
                        ids
                    }
                    Err(_) => return Err(vec![e]),
                },
                None => return Err(vec![e]),
            },
        }
    };
    let employment = |role: &str, written: Option<&str>| match written {
        Some(w) if !column.is_empty() && Employment::parse(w) != Employment::parse(column) => {
            Err(vec![(
                "employment",
                format!("身份写的是“{role}（{w}）”，专职/兼职一栏却是“{column}”，请核对。"),
            )])
        }
        Some(w) => Ok(Some(w.to_string())),
        None => Ok(Some(column.to_string()).filter(|c| !c.is_empty())),
    };
    if tokens.len() <= 1 {
        let (role, written) = tokens.first().copied().unwrap_or((row.get("role"), None));
        return Ok((
            vec![RoleInput {
                role: role.to_string(),
                employment: employment(role, written)?,
                unit_ids,
            }],
            from_above,
        ));
    }
    let mut these = Vec::new();
    for (&(role, written), kind) in tokens.iter().zip(&kinds) {
        let Some(kind) = kind else {
            return Err(vec![("role", super::unknown_role(role))]);
        };
        these.push(RoleInput {
            role: role.to_string(),
            employment: match kind {
                RoleKind::GridWorker => employment(role, written)?,
                _ => None,
            },
            unit_ids: Vec::new(),
        });
    }
    for id in unit_ids {
        let Some(unit) = index.get(&id) else { continue };
        let owners: Vec<usize> = (0..kinds.len())
            .filter(|i| kinds[*i].is_some_and(|k| k.unit_kinds().contains(&unit.kind)))
            .collect();
        match owners[..] {
            [i] => these[i].unit_ids.push(id),
            [] => {
                return Err(vec![(
                    "units",
                    format!(
                        "“{}”是{}，不是所填身份（{}）的网格或单位。",
                        unit.name,
                        unit.label(),
                        row.get("role")
                    ),
                )])
            }
            _ => {
                let labels: Vec<&str> = owners.iter().map(|i| tokens[*i].0).collect();
                return Err(vec![(
                    "role",
                    format!(
                        "“{}”可以是{}中任一个身份的单位，分不清属于哪个。请分别在各身份的名单文件中导入（一个文件里一人一行），所在网格/小区只填该身份的单位。",
                        unit.name,
                        labels.join("或")
                    ),
                )]);
            }
        }
    }
    Ok((these, from_above))
}

impl RecordKind for People {
    const NAME: &'static str = "people";
    const LABEL: &'static str = "人员";
    const ALIASES: &'static [&'static str] = &["人员"];
    const WIZARD: Wizard = crate::wizard!("人员", "人", "网格员名单.xlsx");
    const KEY_COLUMN: &'static str = "idNumber";
    const STORED_IN: &'static str = "people";
    const REPEATED_KEY_WHEN: &'static [&'static str] =
        &["role", "units", "village", "employment", "startDate"];
    const REPEATED_KEY: &'static str = "一个人负责几个网格的，写成一行，所在网格用顿号分开（如 第一网格、第二网格）；同一人兼任几个身份的，请分别在各身份的名单文件中导入（一个文件里一人一行），或写成一行（身份用顿号分开，如本软件导出的名单）。";
    type Parsed = ParsedPerson;
    type Lookup = RosterLookup;

    const COLUMNS: &'static [Column] = COLUMNS;

    fn parse(
        conn: &Connection,
        lookup: &mut RosterLookup,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedPerson, Vec<(&'static str, String)>> {
        let index = &lookup.units;
        // An ID number Excel stored as a number is refused before this, with its
        // column, by `import::cell_problems` (every text column of every kind).
        let above = lookup.village_above.get(&row.row()).map(String::as_str);
        let (mut these, village_from_above) = row_roles(index, row, above)?;
        let set: Vec<Option<RoleKind>> = these.iter().map(|r| RoleKind::parse(&r.role)).collect();
        // A masked ID number (the roster's default export) names the one person of
        // that name whose number it masks: the row is theirs, its masked phone too.
        let masked = row.get("idNumber").contains(['*', '＊']);
        let unmasked = if masked {
            super::by_masked_id_number(conn, row.get("name"), row.get("idNumber"))
                .map_err(|e| vec![("idNumber", e.to_string())])?
        } else {
            None
        };
        // A masked number of one registered person under another name: the name was
        // changed in the file (probe T: refused as a registration by a masked number).
        if masked && unmasked.is_none() {
            if let Some(other) = super::masked_id_of_other(conn, row.get("idNumber"))
                .map_err(|e| vec![("idNumber", e.to_string())])?
            {
                return Err(vec![(
                    "name",
                    format!(
                        "身份证号码“{}”是人员名单里“{}”的（打码后相同），这一行的姓名却是“{}”。改姓名请在人员名单里修改这个人；如是另一个人，请填写完整的身份证号码。",
                        row.get("idNumber").trim(),
                        other.name,
                        row.get("name").trim()
                    ),
                )]);
            }
        }
        let id_text = unmasked
            .as_ref()
            .map_or_else(|| row.get("idNumber").to_string(), |p| p.id_number.clone());
        let mut phone_text = match &unmasked {
            Some(p) => crate::base::identity::unmask_phone(row.get("phone"), Some(&p.phone)),
            None => row.get("phone").to_string(),
        };
        let normalized = crate::base::identity::check_id_number(&id_text, today).map(|(n, _)| n);
        let existing = match &normalized {
            Ok(n) => {
                super::find_by_id_number(conn, n).map_err(|e| vec![("idNumber", e.to_string())])?
            }
            Err(_) => None,
        };
        // A masked phone that is not the stored one's mask: the list was exported
        // before the number changed (probe AN: 31 rows of an older export were told
        // to type the whole number, which would put the old one back).
        if let Some(p) = existing.as_ref().or(unmasked.as_ref()) {
            let given = row.get("phone").trim();
            let now = crate::base::identity::mask_phone(&p.phone);
            if given.contains(['*', '＊']) && !p.phone.is_empty() && now != given {
                return Err(vec![(
                    "phone",
                    format!(
                        "手机号码“{given}”是打码的，与“{}”现在登记的号码（{now}）不同：这份名单导出以后号码又改过。以软件里的号码为准的，请把这一格改成 {now} 再导入；要改号码的，请填写完整的新号码。",
                        p.name
                    ),
                )]);
            }
        }
        // An ID number already registered under another name is a typing slip far
        // more often than a change of name: updating would turn 陈静 into 褚红 (a row
        // refused as a duplicate, imported again from the error workbook, did).
        if let Some(p) = &existing {
            let named = row.get("name").trim();
            if !named.is_empty() && !super::same_name(named, &p.name) {
                return Err(vec![(
                    "name",
                    format!(
                        "身份证号码 {} 已登记为“{}”，这一行的姓名是“{named}”。请核对身份证号码是否填错（一个身份证号码只能是一个人）；确实是改了名字的，请在人员名单里打开“{}”修改姓名。",
                        crate::base::identity::mask_id_number(&p.id_number),
                        p.name,
                        p.name
                    ),
                )]);
            }
        }
        // The row sets its roles; the person's other roles stay as they are.
        let mut roles: Vec<RoleInput> = existing
            .iter()
            .flat_map(|p| p.roles.iter())
            .filter(|r| !set.contains(&Some(r.role)))
            .map(|r| RoleInput {
                role: r.role.as_str().into(),
                employment: r.employment.map(|e| e.as_str().to_string()),
                unit_ids: r.unit_ids.clone(),
            })
            .collect();
        // A row that gives a registered person only roles they do not hold (a 楼栋长
        // list naming a 网格员) adds those roles and leaves the person as stored: its
        // blank cells clear nothing, its 到岗日期 dates the new role, not the
        // person's start, and its 是否公示 is not theirs (probe W: the template's
        // blank 政治面貌 cleared hers, 2024.3.5 took her out of 2023's grid workers
        // and 是 counted her a published grid worker).
        let adds_only = existing.as_ref().is_some_and(|p| {
            !p.roles.is_empty() && p.roles.iter().all(|r| !set.contains(&Some(r.role)))
        });
        // A 网格员 row of a 网格员 from a file without the 专职/兼职 column keeps the
        // stored one (refused before: a 网格长 list of registered workers); so does
        // one whose cell is blank: a 网格员 is always one or the other, so a blank
        // clears nothing (probe AP: refused with the form's 请选择).
        if !row.has("employment") || row.get("employment").is_empty() {
            for r in these.iter_mut().filter(|r| r.employment.is_none()) {
                r.employment = existing
                    .iter()
                    .flat_map(|p| p.roles.iter())
                    .find(|held| Some(held.role) == RoleKind::parse(&r.role))
                    .and_then(|held| held.employment)
                    .map(|e| e.as_str().to_string());
            }
        }
        roles.extend(these);
        if let Some(p) = existing.as_ref().filter(|_| adds_only) {
            if phone_text.trim().is_empty() {
                phone_text.clone_from(&p.phone);
            }
        }
        // A column the file lacks keeps what is stored for a person already
        // registered: a 楼栋长 list of name, ID, phone, role and grid adds the role
        // without clearing 政治面貌, 学历, 到岗日期 ….
        let stored = |key: &str| {
            existing.as_ref().filter(|_| {
                !row.has(key)
                    || adds_only
                        && (matches!(key, "startDate" | "published")
                            || row.get(key).trim().is_empty())
            })
        };
        let kept = |key: &str, of: fn(&super::Person) -> String| {
            stored(key).map_or_else(|| row.get(key).to_string(), of)
        };
        // A role added alone: its day from the row's 到岗日期, or why not.
        let (role_day, role_dated) = match existing.as_ref().filter(|_| adds_only) {
            Some(p) if row.get("effectiveDate").trim().is_empty() => {
                role_start(conn, p, row.get("startDate"), today)
            }
            _ => (None, None),
        };
        let published = match row.get("published") {
            _ if stored("published").is_some() => stored("published").is_some_and(|p| p.published),
            "" | "不公示" => false,
            // As the export writes one who left still marked 公示.
            "公示" | "已公示" | PUBLISHED_LEFT => true,
            other => crate::base::fields::yes_or_no(other).ok_or_else(|| {
                vec![("published", format!("“{other}”无法识别，请填“是”或“否”。"))]
            })?,
        };
        let input = PersonInput {
            name: row.get("name").into(),
            gender: kept("gender", |p| p.gender.label().into()),
            birth_date: kept("birthDate", |p| p.birth_date.clone()),
            id_number: id_text,
            phone: phone_text,
            political_status: kept("politicalStatus", |p| p.political_status.clone()),
            education: kept("education", |p| p.education.clone()),
            start_date: kept("startDate", |p| p.start_date.clone().unwrap_or_default()),
            status: kept("status", |p| p.status.label().into()),
            published,
            note: kept("note", |p| p.note.clone()),
            roles,
            // 离岗日期 in the file dates the 离岗 (or move) it makes, not the import day;
            // a role added alone is dated by the row's 到岗日期.
            effective_date: role_day.unwrap_or_else(|| row.get("effectiveDate").into()),
            seen_updated_at: String::new(),
        };
        let except = existing.as_ref().map(|p| p.id.as_str()).unwrap_or("");
        let checked = super::check_in(
            conn,
            &input,
            today,
            except,
            Some(index),
            super::IdNumber::LookedUp,
        )
        .and_then(|c| {
            match existing
                .as_ref()
                .map(|b| super::misdated(conn, b, &c))
                .transpose()
            {
                Ok(Some(Some(e))) => Err(vec![e]),
                Ok(_) => Ok(c),
                Err(e) => Err(vec![e]),
            }
        });
        let dated = !input.effective_date.trim().is_empty();
        let parsed = |checked, existing| ParsedPerson {
            village_from_above: village_from_above.clone(),
            role_dated: role_dated.clone(),
            dated,
            ..parsed_person(conn, lookup, row, checked, existing, &set)
        };
        match checked {
            Ok(checked) if existing.is_none() && !checked.phone.is_empty() => {
                let holders = super::phone_holders(conn, &checked.phone, "");
                let same = holders.as_ref().map(|h| {
                    h.iter()
                        .find(|(n, _)| super::same_name(n, &checked.name))
                        .cloned()
                });
                match same {
                    Ok(Some((name, id_number))) => Err(vec![(
                        "idNumber",
                        format!(
                            "已登记的“{name}”（身份证号码 {}）与这一行同名、手机号码相同，身份证号码不同。如是改正身份证号码，请在人员名单里打开“{name}”修改身份证号码，不要导入这一行（会多出一个“{name}”）；如确是另一个人，请核对手机号码。",
                            crate::base::identity::mask_id_number(&id_number),
                        ),
                    )]),
                    Ok(None) => {
                        let shared = super::shared_phone_warning(
                            &checked.phone,
                            holders.as_deref().unwrap_or_default(),
                        );
                        Ok(ParsedPerson {
                            phone_shared: shared,
                            ..parsed(checked, existing)
                        })
                    }
                    Err(e) => Err(vec![("idNumber", e.to_string())]),
                }
            }
            Ok(checked) => Ok(parsed(checked, existing)),
            Err(problems) => {
                let said: Vec<(&'static str, String)> = problems
                    .into_iter()
                    .map(|e| (column_of(e.field()), e.to_string()))
                    .collect();
                // A masked ID number is the row's one problem to fix: its masked
                // phone said beside it (只能原样导回…) read as a second, contrary one.
                let id_masked = masked && said.iter().any(|(c, _)| *c == "idNumber");
                Err(said
                    .into_iter()
                    .filter(|(c, m)| !(id_masked && *c == "phone" && m.contains("打码")))
                    .collect())
            }
        }
    }

    const KEEPS_ABSENT_COLUMNS: bool = true;

    /// 人员“张伟”: whom a row's record is, where the preview names it.
    fn record_named(p: &ParsedPerson) -> String {
        format!("人员“{}”", p.checked.name)
    }

    /// What an update clears or turns off that the person has: a cell left empty in
    /// a column the file has clears it (a column the file lacks keeps it), which the
    /// clerk must see before importing (沈冰 lost 中共党员 to an empty cell); and a
    /// 所属村/社区 read from the rows above.
    fn note(p: &ParsedPerson) -> Option<String> {
        let own = note_of(p);
        match &p.village_from_above {
            Some(v) => Some(format!(
                "所属村/社区是空的，按上面的行读作“{v}”（所在网格/小区的名称不止一个村/社区有）。{}",
                own.unwrap_or_default()
            )),
            None => own,
        }
    }

    fn key(p: &ParsedPerson) -> String {
        p.checked.id_number.clone()
    }

    fn refused_names(conn: &Connection, row: &RowCells) -> Option<String> {
        let text = row.get("idNumber");
        let found = if text.contains(['*', '＊']) {
            match super::by_masked_id_number(conn, row.get("name"), text).ok()? {
                // Renamed in the file: still that person's row.
                None => super::masked_id_of_other(conn, text).ok()?,
                found => found,
            }
        } else {
            let (n, _) = crate::base::identity::check_id_number(text, NaiveDate::MAX).ok()?;
            super::find_by_id_number(conn, &n).ok()?
        };
        found.map(|p| p.id)
    }

    fn existing(
        _conn: &Connection,
        _: &mut RosterLookup,
        p: &ParsedPerson,
    ) -> Result<Option<String>> {
        Ok(p.existing.as_ref().map(|e| e.id.clone()))
    }

    /// New people without 到岗日期, in a roster that already has people: counted in
    /// every period, those already reported too (a first roster is not told).
    fn file_note(conn: &Connection, rows: &[(&ParsedPerson, bool)]) -> Option<String> {
        let notes: Vec<String> = [
            undated_note(conn, rows),
            crowded_note(rows),
            emptied_note(conn, rows),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!notes.is_empty()).then(|| notes.join("\n"))
    }

    /// The people in post a roster file leaves out: deleting a row does not take
    /// anyone off the roster (离岗 is a dated change, kept in their history).
    fn absent(
        conn: &Connection,
        mentioned: &std::collections::HashSet<String>,
        rows: &[&Self::Parsed],
    ) -> Option<crate::sheets::rows::Absent> {
        // Those in post in a role the file's rows set: a 网格员 file leaves no 楼栋长 out.
        let roles: Vec<RoleKind> = rows.iter().flat_map(|p| p.sets.iter().copied()).collect();
        let active = super::active_names(conn, &roles).ok()?;
        Some(crate::sheets::rows::Absent::among(
            &active,
            mentioned,
            |_, name| name.to_string(),
            "位在岗人员".into(),
            "导入只新增和修改，不会删除，也不会改成离岗。已离岗的，请在人员名单里办理离岗（或把这一行加回文件，“状态”填离岗）。",
        ))
    }

    /// The checked row against the person it updates, as `apply` tells them apart.
    fn unchanged(_: &Connection, p: &ParsedPerson, _: &str, _: NaiveDate) -> bool {
        p.existing
            .as_ref()
            .is_some_and(|before| super::same_as(before, &p.checked))
    }
    /// The row was checked by `parse` inside this same transaction, and a file holds
    /// each ID number once, so it is written as checked: no second check, no
    /// re-read of the person.
    fn apply(tx: &Tx, p: &ParsedPerson, _existing: Option<&str>) -> Result<Applied> {
        match &p.existing {
            None => {
                super::create_checked(tx, &p.checked)?;
                Ok(Applied::Created)
            }
            Some(before) if super::same_as(before, &p.checked) => Ok(Applied::Unchanged),
            Some(before) => {
                super::update_checked(tx, before.clone(), &p.checked)?;
                Ok(Applied::Updated)
            }
        }
    }
}

/// New people without a 到岗日期 in a registry that already holds people: they count
/// in every period, those reported included.
fn undated_note(conn: &Connection, rows: &[(&ParsedPerson, bool)]) -> Option<String> {
    let undated: Vec<&str> = rows
        .iter()
        .filter(|(p, stored)| !stored && p.checked.start_date.is_none())
        .map(|(p, _)| p.checked.name.as_str())
        .collect();
    if undated.is_empty()
        || !conn
            .query_row("SELECT EXISTS (SELECT 1 FROM people)", [], |r| r.get(0))
            .unwrap_or(false)
    {
        return None;
    }
    Some(format!(
        "有 {} 位新增人员没有到岗日期（{}）：各期统计（包括已上报的期间）都计入{}。如是新到岗的，请在文件或人员名单里填上到岗日期。",
        undated.len(),
        crate::base::fields::first_few(&undated, 3),
        if undated.len() == 1 { "这位人员" } else { "这些人员" }
    ))
}

/// More 网格员 in post in one grid than any grid has, by this file alone.
const CROWDED_GRID: usize = 10;

/// The base grids the file's 离岗 rows leave with no 网格员 in post, none of its rows
/// putting one in: said before the import, as 批量离岗 and the form say it (probe AP:
/// the only 网格员 of a grid set 离岗 in Excel, and the preview said only that).
fn emptied_note(conn: &Connection, rows: &[(&ParsedPerson, bool)]) -> Option<String> {
    let leaving: Vec<String> = rows
        .iter()
        .filter_map(|(p, _)| p.existing.as_ref().map(|b| (b, &p.checked)))
        .filter(|(b, c)| b.status == super::Status::Active && c.status == super::Status::Left)
        .map(|(b, _)| b.id.clone())
        .collect();
    if leaving.is_empty() {
        return None;
    }
    let filled: std::collections::HashSet<&str> = rows
        .iter()
        .filter(|(p, _)| p.checked.status == super::Status::Active)
        .flat_map(|(p, _)| p.checked.roles.iter())
        .filter(|r| r.role == RoleKind::GridWorker)
        .flat_map(|r| r.unit_ids.iter().map(String::as_str))
        .collect();
    let emptied: Vec<_> = super::coverage::grids_emptied_by(conn, &leaving)
        .ok()?
        .into_iter()
        .filter(|g| !filled.contains(g.id.as_str()))
        .collect();
    super::coverage::emptied_said(&emptied, "导入后")
}

/// A file that puts more than [`CROWDED_GRID`] 网格员 in post in one grid: most
/// likely a 所在网格 column read wrongly or filled down (probe AM: 20,000 rows, 5,000
/// in each of four grids, went in unsaid).
fn crowded_note(rows: &[(&ParsedPerson, bool)]) -> Option<String> {
    let mut per_grid: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut names: std::collections::BTreeMap<&str, &str> = Default::default();
    for (p, _) in rows
        .iter()
        .filter(|(p, _)| p.checked.status == super::Status::Active)
    {
        for role in p
            .checked
            .roles
            .iter()
            .filter(|r| r.role == RoleKind::GridWorker)
        {
            for unit in &role.unit_ids {
                *per_grid.entry(unit.as_str()).or_default() += 1;
                if let Some(n) = p.checked.unit_names.get(unit) {
                    names.insert(unit.as_str(), n.as_str());
                }
            }
        }
    }
    let mut crowded: Vec<(usize, &str)> = per_grid
        .into_iter()
        .filter(|(_, n)| *n > CROWDED_GRID)
        .map(|(unit, n)| (n, names.get(unit).copied().unwrap_or(unit)))
        .collect();
    if crowded.is_empty() {
        return None;
    }
    crowded.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let said: Vec<String> = crowded
        .iter()
        .take(3)
        .map(|(n, name)| format!("“{name}”{n} 名"))
        .collect();
    Some(format!(
        "这份名单在一个网格里放了很多在岗网格员：{}{}（一般一个基础网格一到三名）。请核对“所在网格”一列是否对得上，确认无误再导入。",
        said.join("、"),
        if crowded.len() > 3 { " 等" } else { "" }
    ))
}

const EXPORT_HEADERS: &[(&str, f64)] = &[
    ("姓名", 10.0),
    ("性别", 6.0),
    ("出生日期", 12.0),
    ("身份证号码", 22.0),
    ("手机号码", 14.0),
    ("政治面貌", 12.0),
    ("学历", 10.0),
    ("身份", 16.0),
    ("专职/兼职", 8.0),
    ("所属村/社区", 14.0),
    ("所在网格/小区", 28.0),
    ("到岗日期", 12.0),
    ("状态", 8.0),
    ("离岗日期", 12.0),
    ("是否公示", 8.0),
    ("备注", 24.0),
];

/// The roster's ID number and phone, written as text (an ID number as a number
/// loses its last digits).
const TEXT_COLUMNS: [usize; 2] = [3, 4];
/// 出生日期, 到岗日期 and 离岗日期, written as Excel dates, as every other list writes
/// its days (probe T: the roster alone wrote them as text).
const DAY_COLUMNS: [usize; 3] = [2, 11, 13];
/// Under a masked roster's title, after the day its figures stand on.
const MASKED_NOTE: &str = "身份证号码、手机号码已打码";
/// Under a roster with the whole numbers: the file said nothing of them, where a
/// masked one says 已打码 (probe AO).
const UNMASKED_NOTE: &str = "含完整身份证号码、手机号码，请妥善保管，不要外传";

/// A roster's title: the office's `ledger`, then the day it stands on (截至 …), how
/// many of its people are 离岗 when the list has both (a 网格员名单 with 77 离岗 rows
/// read as 77 more in post: probe AN), and [`MASKED_NOTE`] or [`UNMASKED_NOTE`].
fn roster_title(
    conn: &Connection,
    ledger: &str,
    q: &PersonQuery,
    today: NaiveDate,
    masked: bool,
) -> Result<sheets::Title> {
    let mut title = sheets::Title::of_list(conn, ledger, today)?;
    let mut said = vec![std::mem::take(&mut title.period)];
    if let Some(filter) = filter_said(conn, q)? {
        said.push(filter);
    }
    if q.status.is_empty() {
        let left = super::list(
            conn,
            &PersonQuery {
                status: super::Status::Left.as_str().into(),
                page: 0,
                page_size: 1,
                ..q.clone()
            },
        )?
        .total;
        if left > 0 {
            said.push(format!("含离岗 {left} 人（见“状态”“离岗日期”两列）"));
        }
    }
    said.push(if masked { MASKED_NOTE } else { UNMASKED_NOTE }.to_string());
    said.retain(|s| !s.is_empty());
    title.period = said.join("\u{3000}\u{3000}");
    Ok(title)
}

/// The filters a roster was exported under, said under its title (筛选：青溪社区 ·
/// 在岗): a filtered list of 23 read as the whole office's (probe AO). `None` for the
/// whole roster.
fn filter_said(conn: &Connection, q: &PersonQuery) -> Result<Option<String>> {
    let unit = |id: &str| -> Result<Option<String>> {
        Ok(if id.is_empty() {
            None
        } else {
            crate::hierarchy::find(conn, id)?.map(|u| u.name)
        })
    };
    let mut parts: Vec<String> = Vec::new();
    parts.extend(unit(&q.village_id)?);
    parts.extend(unit(&q.unit_id)?);
    if let Some(s) = super::Status::parse(&q.status).filter(|_| !q.status.is_empty()) {
        parts.push(s.label().to_string());
    }
    if !q.political_status.is_empty() {
        parts.push(q.political_status.clone());
    }
    if let Some(e) = Employment::parse(&q.employment).filter(|_| !q.employment.is_empty()) {
        parts.push(e.label().to_string());
    }
    match q.published.as_str() {
        "yes" => parts.push("已公示".into()),
        "no" => parts.push("未公示".into()),
        _ => {}
    }
    if !q.text.trim().is_empty() {
        parts.push(format!("搜索“{}”", q.text.trim()));
    }
    if !q.ids.is_empty() {
        parts.push(format!("勾选的 {} 人", q.ids.len()));
    }
    Ok((!parts.is_empty()).then(|| format!("筛选：{}", parts.join(" · "))))
}

/// How many people an export reads at a time.
const EXPORT_PAGE: u32 = 5_000;

/// A list's 身份 without the 专职/兼职 it writes in brackets (网格员（专职）、楼栋长 →
/// 网格员、楼栋长): an export gives 专职/兼职 its own column.
fn roles_alone(roles: &str) -> String {
    roles.replace("（专职）", "").replace("（兼职）", "")
}

/// 是否公示 of one who left and is still marked 公示, as the list shows it (待撤下):
/// a reviewer counting 是 counted people gone (probe AO). Reads back as 是.
const PUBLISHED_LEFT: &str = "是（待撤下）";

/// A roster row as the export writes it, in [`EXPORT_HEADERS`]' order. 专职/兼职 has
/// its own column, to filter by (the 身份 cell had it in brackets, 网格员（专职）), and
/// 离岗日期 is read back by the import as the row's 变动日期.
fn export_cells(r: super::PersonRow) -> [String; 16] {
    let left = r.status == super::Status::Left.label();
    let roles = roles_alone(&r.roles);
    [
        r.name,
        r.gender,
        r.birth_date,
        r.id_number,
        r.phone,
        r.political_status,
        r.education,
        roles,
        r.employment,
        r.villages,
        r.units,
        r.start_date,
        r.status,
        r.left_date,
        match (r.published, left) {
            (true, true) => PUBLISHED_LEFT,
            (true, false) => "是",
            (false, _) => "否",
        }
        .into(),
        r.note,
    ]
}

/// 导出全部台账's 人员名单: everyone, ID numbers and phones masked (the whole numbers
/// only through the roster's own export, which logs it). It had no people at all.
pub fn masked_sheet(conn: &Connection, today: NaiveDate) -> Result<SheetOut<'static>> {
    let mut rows = Vec::new();
    let mut q = PersonQuery {
        page_size: EXPORT_PAGE,
        ..PersonQuery::default()
    };
    loop {
        let page = super::list(conn, &q)?;
        let len = page.rows.len();
        rows.extend(page.rows.into_iter().map(|r| export_cells(r).to_vec()));
        if len < EXPORT_PAGE as usize {
            break;
        }
        q.page += 1;
    }
    let title = roster_title(conn, "人员名单", &PersonQuery::default(), today, true)?;
    Ok(SheetOut {
        name: "人员名单",
        headers: EXPORT_HEADERS.iter().map(|(h, _)| h.to_string()).collect(),
        rows,
        text_columns: TEXT_COLUMNS.to_vec(),
        widths: EXPORT_HEADERS.iter().map(|(_, w)| *w).collect(),
        number_columns: DAY_COLUMNS.to_vec(),
        hidden_columns: vec![],
        title: Some(title),
    })
}

/// The 公示名单: the people in post marked 公示, as a notice board lists them (村/社区,
/// grid, 身份, 姓名 and the whole phone residents call), in order of 村/社区 and grid;
/// no ID number, birth date or 政治面貌. A 公示 filter exported the whole data list
/// with the phones masked (probe AP). Returns the number of rows.
fn export_notice(conn: &Connection, ctx: &Ctx, query: &PersonQuery, out: &Path) -> Result<usize> {
    let q = PersonQuery {
        status: super::Status::Active.as_str().into(),
        published: "yes".into(),
        page: 0,
        page_size: 0,
        ..query.clone()
    };
    // By the code of the first unit each serves (a grid's code begins with its
    // 村/社区's: the board is read a 村/社区 at a time, in the office's order).
    let mut code_of = conn.prepare_cached(
        "SELECT coalesce(min(u.code), '') FROM person_roles r JOIN units u ON u.rowid = r.unit
         WHERE r.person = (SELECT rowid FROM people WHERE id = ?1)",
    )?;
    let mut rows: Vec<(String, String, Vec<String>)> = Vec::new();
    for r in super::list(conn, &q)?.rows {
        let code: String = code_of.query_row([&r.id], |x| x.get(0))?;
        let key = crate::base::sortkey::sort_key(&r.name);
        let roles = roles_alone(&r.roles);
        rows.push((
            code,
            key,
            vec![
                r.villages,
                r.units,
                roles,
                r.name,
                r.public_phone.unwrap_or(r.phone),
            ],
        ));
    }
    drop(code_of);
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let n = rows.len();
    let role = RoleKind::parse(&q.role)
        .map(|r| r.label())
        .unwrap_or("人员");
    let mut title = sheets::Title::of_list(conn, &format!("{role}公示名单"), ctx.today())?;
    let mut said = vec![title.period.clone(), "只含在岗、已公示的人员".to_string()];
    said.extend(filter_said(
        conn,
        &PersonQuery {
            status: String::new(),
            published: String::new(),
            ..q.clone()
        },
    )?);
    title.period = said.join("\u{3000}\u{3000}");
    sheets::write_xlsx(
        out,
        &[SheetOut {
            name: &format!("{role}公示名单"),
            headers: ["所属村/社区", "所在网格/小区", "身份", "姓名", "手机号码"]
                .map(String::from)
                .to_vec(),
            rows: rows.into_iter().map(|(.., row)| row).collect(),
            text_columns: vec![4],
            widths: vec![14.0, 28.0, 14.0, 10.0, 16.0],
            number_columns: vec![],
            hidden_columns: vec![],
            title: Some(title),
        }],
    )?;
    Ok(n)
}

/// Exports the people matching `query` to `out`. ID numbers and phones are masked
/// unless `unmasked`, which is an explicit choice recorded in the change log. Only
/// those marked 公示 (`published: yes`, not `unmasked`) go out as the 公示名单
/// ([`export_notice`]). Returns the number of rows.
pub fn export_xlsx(
    store: &mut Store,
    ctx: &Ctx,
    query: &PersonQuery,
    unmasked: bool,
    out: &Path,
) -> Result<usize> {
    query.check()?;
    if query.published == "yes" && !unmasked {
        let conn = store.conn();
        let read = conn.unchecked_transaction()?;
        let n = export_notice(conn, ctx, query, out)?;
        read.finish()?;
        return Ok(n);
    }
    let mut q = query.clone();
    q.unmasked = unmasked;
    q.page = 0;
    q.page_size = 0;
    let write = |conn: &Connection| -> Result<usize> {
        let role = RoleKind::parse(&q.role)
            .map(|r| r.label())
            .unwrap_or("人员");
        let ledger = match super::Status::parse(&q.status).filter(|_| !q.status.is_empty()) {
            Some(super::Status::Left) => format!("离岗{role}名单"),
            _ if q.published == "yes" => format!("{role}名单（已公示）"),
            _ => format!("{role}名单"),
        };
        let head = SheetOut {
            name: &ledger,
            headers: EXPORT_HEADERS.iter().map(|(h, _)| h.to_string()).collect(),
            rows: vec![],
            text_columns: TEXT_COLUMNS.to_vec(),
            widths: EXPORT_HEADERS.iter().map(|(_, w)| *w).collect(),
            number_columns: DAY_COLUMNS.to_vec(),
            hidden_columns: vec![],
            // 已打码 said under the title, as 导出全部台账's 人员名单 says it (probe T).
            title: Some(roster_title(conn, &ledger, &q, ctx.today(), !unmasked)?),
        };
        // A page of the list at a time, all pages read in one transaction (the
        // same list throughout): the roster is never held whole.
        let mut n = 0;
        sheets::write_xlsx_with(out, &head, &mut |sheet| {
            let mut q = q.clone();
            q.page_size = EXPORT_PAGE;
            loop {
                let page = super::list(conn, &q)?;
                let len = page.rows.len();
                for r in page.rows {
                    sheet.push(&export_cells(r))?;
                }
                n += len;
                if len < EXPORT_PAGE as usize {
                    return Ok(());
                }
                q.page += 1;
            }
        })?;
        Ok(n)
    };
    if !unmasked {
        let conn = store.conn();
        let read = conn.unchecked_transaction()?;
        let n = write(conn)?;
        read.finish()?;
        return Ok(n);
    }
    store.write(ctx, |tx| {
        let n = write(tx)?;
        tx.log_change(
            super::TABLE,
            "export",
            "export_unmasked",
            None,
            Some(&serde_json::json!({
                "file": out.display().to_string(),
                "rows": n,
                "role": q.role,
                "text": q.text,
            })),
        )?;
        Ok(n)
    })
}

use std::path::Path;

/// Refuses an export path before any work is done: the same check every written
/// file gets (`outfile::check_target`), for an .xlsx.
pub fn check_xlsx_path(out: &Path) -> Result<()> {
    crate::base::outfile::check_target(out, &["xlsx"], &[])
}

/// What [`People::note`] says of a row but for a 所属村/社区 read from above.
fn note_of(p: &ParsedPerson) -> Option<String> {
    if let Some((name, day)) = &p.binned {
        return Some(format!(
                "回收站里有一位身份证号码相同的“{name}”（{day} 删除）。如是同一人，请到回收站恢复（履历和培训记录一起回来），不要导入这一行：导入后回收站里的那条就不能再恢复了。"
            ));
    }
    let c = &p.checked;
    // Said of a new person and a stored one alike, before anything else.
    // Named by its kind: a 社区工作者's 村/社区 was called a 网格 (probe W).
    // Said where this file gives the 到岗日期: a stored person's own, imported again
    // unchanged, was said on every row of every monthly roster (probe AN).
    let dated_here = p
        .existing
        .as_ref()
        .is_none_or(|b| b.start_date.as_deref() != c.start_date.map(|d| d.to_string()).as_deref());
    let later = p.set_up_later.as_ref().filter(|_| dated_here).and_then(|(unit, on, kind)| {
            Some(format!(
                "“{}”的到岗日期 {} 早于“{unit}”的设立日期 {on}：在那之前的统计期里，会在一个还没有设立的{kind}里算作在岗。如是随新{kind}到岗的，请把到岗日期改为 {on}；如这个{kind}早已设立（设立日期填晚了，或随上级单位一起改成了这一天），请在组织架构里改正它的设立日期。",
                c.name,
                c.start_date?
            ))
        });
    let Some(before) = p.existing.as_ref() else {
        let said: Vec<String> = later
            .into_iter()
            .chain(p.phone_shared.iter().cloned())
            .collect();
        return (!said.is_empty()).then(|| said.join(""));
    };
    let mut lost: Vec<String> = [
        ("政治面貌", &before.political_status, &c.political_status),
        ("学历", &before.education, &c.education),
        ("备注", &before.note, &c.note),
    ]
    .into_iter()
    .filter(|(_, was, now)| !was.is_empty() && now.is_empty())
    .map(|(header, was, _)| format!("{header}（{was}）"))
    .collect();
    if let (Some(was), None) = (&before.start_date, &c.start_date) {
        lost.push(format!("到岗日期（{was}）"));
    }
    // A later 到岗日期 takes the person out of the periods between, those already
    // reported too: a row adding a role gave its own day and 2025 lost a 楼栋长.
    let moved_start = match (&before.start_date, &c.start_date) {
            (Some(was), Some(now)) if was.as_str() < now.to_string().as_str() => Some(format!(
                "会把“{}”的到岗日期由 {was} 改为 {now}：这之间的统计期（包括已上报的）不再把{}计为在岗。如这是新身份的日期，请把这一格改回 {was}，或删掉这一列。",
                before.name,
                if c.gender == crate::base::identity::Gender::Female {
                    "她"
                } else {
                    "他"
                }
            )),
            (Some(was), Some(now)) if was.as_str() > now.to_string().as_str() => Some(format!(
                "会把“{}”的到岗日期由 {was} 改为 {now}。",
                before.name
            )),
            _ => None,
        };
    // A value written differently changes it: said (a 楼栋长 list changed 张伟's
    // phone and 中共党员 to 群众 under 会给“张伟”加上楼栋长 alone).
    let mut changed: Vec<String> = [
        ("政治面貌", &before.political_status, &c.political_status),
        ("学历", &before.education, &c.education),
        ("备注", &before.note, &c.note),
    ]
    .into_iter()
    // One filled in is a change too (probe AN: a 备注 written by a roster went in
    // unsaid, where clearing one is said); one emptied is said as `lost` above.
    .filter(|(_, was, now)| !now.is_empty() && was != now)
    .map(|(header, was, now)| {
        if was.is_empty() {
            format!("{header}（填上“{now}”）")
        } else {
            format!("{header}（{was} → {now}）")
        }
    })
    .collect();
    if !before.phone.is_empty() && !c.phone.is_empty() && before.phone != c.phone {
        let masked = crate::base::identity::mask_phone;
        changed.insert(
            0,
            crate::sheets::rows::change_said("手机号码", &masked(&before.phone), &masked(&c.phone)),
        );
    }
    let mut said = Vec::new();
    if !changed.is_empty() {
        // The advice is for a list that adds a role (a 楼栋长 list changing a grid
        // worker's phone); a whole roster's changes are its purpose (probe AN).
        let advice = if p.adds.is_empty() {
            ""
        } else {
            "如这份名单只为加上身份，请把这些格子改成已有的内容，或删掉这些列。"
        };
        said.push(format!(
            "会修改“{}”的{}。{advice}",
            before.name,
            changed.join("、")
        ));
    }
    if !lost.is_empty() {
        said.push(format!(
                "会清空“{}”已有的{}：文件里这些格子是空的。不想清空的，请填上后再导入（或删掉整列：文件没有的列不会改动）。",
                before.name,
                lost.join("、")
            ));
    }
    said.extend(moved_start);
    // The day each change takes effect: the row's 变动日期, or the import's day.
    // The figures of the days before it keep what was.
    let on = if p.dated {
        format!("，自 {} 起", c.effective_date)
    } else {
        "，自今天起".to_string()
    };
    if before.published != c.published {
        let (was, now) = if c.published {
            ("否", "是")
        } else {
            ("是", "否")
        };
        // 否 typed, or the cell left empty: said as a change, not as an empty cell.
        let later = p.overrides_publish.as_ref().map_or(String::new(), |day| {
            format!("它在 {day} 已有一次是否公示的变动，那一次不再计算，都按“{now}”统计。")
        });
        said.push(format!(
            "会把“{}”的是否公示由“{was}”改为“{now}”{on}。{later}",
            before.name
        ));
    }
    // An older roster file takes back what was done since: said, each one.
    if before.status == super::Status::Left && c.status == super::Status::Active {
        let since = p
            .left_on
            .as_ref()
            .map(|d| format!("（{d} 离岗）"))
            .unwrap_or_default();
        said.push(format!(
                "会把“{}”由离岗改回在岗{since}{on}：文件里“状态”是在岗。如果这是以前的名单，请不要导入这一行。",
                before.name
            ));
    }
    if before.status == super::Status::Active && c.status == super::Status::Left {
        said.push(format!("会把“{}”改为离岗{on}。", before.name));
    }
    // A 变动日期 on a row that changes neither: nothing takes it (a clerk
    // correcting a 离岗 day by import saw 与已有记录相同 and no word of the date).
    if p.dated
        && !p.dated_as_stored
        && !super::changes_post(before, c)
        && before.published == c.published
    {
        said.push(format!(
                "“{}”的状态和网格没有变，这一行的变动日期不会记入履历；已记下的离岗、调岗日期请在该人员的履历里点“改日期”更正。",
                before.name
            ));
    }
    for (was, now) in before.roles.iter().filter_map(|was| {
        let now = c.roles.iter().find(|r| r.role == was.role)?;
        (was.employment != now.employment).then_some((was, now))
    }) {
        let label = |e: Option<super::Employment>| e.map_or("（未填）", |e| e.label());
        said.push(format!(
            "会把“{}”的{}由{}改为{}{on}。",
            before.name,
            now.role.label(),
            label(was.employment),
            label(now.employment)
        ));
    }
    if !p.adds.is_empty() {
        let why = p
            .role_dated
            .as_ref()
            .map_or(String::new(), |w| format!("（{w}）"));
        said.push(format!(
            "会给“{}”加上{}{on}{why}。",
            before.name,
            p.adds.join("、")
        ));
    }
    if !p.moves.is_empty() {
        said.push(format!(
            "会给“{}”调岗（{}）{on}。如果这是以前的名单，请不要导入这一行。",
            before.name,
            p.moves.join("；")
        ));
    }
    said.extend(later);
    said.extend(p.phone_shared.iter().cloned());
    (!said.is_empty()).then(|| said.join(""))
}
