//! Grid coverage (网格覆盖): who serves each base grid and micro-grid, and which
//! grids have nobody.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::Result;
use crate::base::identity::mask_phone;
use crate::hierarchy::{self, Unit, UnitKind};
use crate::people::{Employment, RoleKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Staff {
    pub person_id: String,
    pub name: String,
    /// 网格员（专职） / 楼栋长 / 信息员
    pub role: String,
    pub phone_masked: String,
    pub published: bool,
    /// The whole number of one marked 公示 (姓名和手机号码 go on the 公示牌, for
    /// residents to call); absent for anyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridCoverage {
    pub unit_id: String,
    pub kind: UnitKind,
    pub code: String,
    pub name: String,
    /// 青溪社区 › 阳光花园 › …
    pub path: String,
    pub staff: Vec<Staff>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub base_grids: Vec<GridCoverage>,
    pub micro_grids: Vec<GridCoverage>,
    /// Grids (base or micro) with nobody on duty.
    pub uncovered: Vec<GridCoverage>,
}

fn path_of(by_id: &HashMap<&str, &Unit>, u: &Unit) -> String {
    let mut names = vec![u.name.as_str()];
    let mut cur = u.parent_id.as_deref();
    while let Some(id) = cur {
        match by_id.get(id) {
            Some(p) => {
                names.push(p.name.as_str());
                cur = p.parent_id.as_deref();
            }
            None => break,
        }
    }
    names.reverse();
    names.join(" › ")
}

/// Who is on duty where. Only people in post (在岗) count.
pub fn grid_coverage(conn: &Connection) -> Result<Coverage> {
    let all = hierarchy::list(conn)?;
    let by_id: HashMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut stmt = conn.prepare(
        "SELECT u.id, p.id, p.name, r.role, r.employment, p.phone, p.published
         FROM person_roles r JOIN people p ON p.rowid = r.person JOIN units u ON u.rowid = r.unit
         WHERE p.status = 'active' AND r.role IN ('grid_worker', 'building_head', 'info_officer')
         ORDER BY r.role, p.name",
    )?;
    let mut staff: HashMap<String, Vec<Staff>> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    for row in rows {
        let (unit, person_id, name, role, employment, phone, published) = row?;
        let label = RoleKind::parse(&role).map(|r| r.label()).unwrap_or("");
        let role = match employment.as_deref().and_then(Employment::parse) {
            Some(e) => format!("{label}（{}）", e.label()),
            None => label.to_string(),
        };
        staff.entry(unit).or_default().push(Staff {
            person_id,
            name,
            role,
            phone_masked: mask_phone(&phone),
            public_phone: published.then(|| phone.clone()),
            published,
        });
    }
    let mut cov = Coverage {
        base_grids: Vec::new(),
        micro_grids: Vec::new(),
        uncovered: Vec::new(),
    };
    for u in all.iter().filter(|u| u.kind.is_grid()) {
        let g = GridCoverage {
            unit_id: u.id.clone(),
            kind: u.kind,
            code: u.code.clone(),
            name: u.name.clone(),
            path: path_of(&by_id, u),
            staff: staff.remove(&u.id).unwrap_or_default(),
        };
        if g.staff.is_empty() {
            cov.uncovered.push(g.clone());
        }
        match u.kind {
            UnitKind::BaseGrid => cov.base_grids.push(g),
            _ => cov.micro_grids.push(g),
        }
    }
    Ok(cov)
}

/// The base grids that `ids` taking their leave would leave with no 网格员 in post:
/// each grid one of them serves as an in-post 网格员 where every other in-post
/// 网格员 is among `ids` too. As (grid, its 村/社区), in code order. Read before a
/// batch 离岗 (probe AN: 68 left one grid at once and coverage fell without a word).
pub fn grids_emptied_by(conn: &Connection, ids: &[String]) -> Result<Vec<EmptiedGrid>> {
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let grids: Vec<String> = conn
        .prepare_cached(
            "WITH leaving AS (SELECT p.rowid AS person FROM people p
                 WHERE p.id IN (SELECT value FROM json_each(?1)) AND p.status = 'active')
             SELECT u.id FROM units u
             WHERE u.kind = 'base_grid'
               AND u.rowid IN (SELECT r.unit FROM person_roles r
                   WHERE r.role = 'grid_worker' AND r.person IN (SELECT person FROM leaving))
               AND NOT EXISTS (SELECT 1 FROM person_roles r JOIN people p ON p.rowid = r.person
                   WHERE r.unit = u.rowid AND r.role = 'grid_worker' AND p.status = 'active'
                     AND r.person NOT IN (SELECT person FROM leaving))
             ORDER BY u.code",
        )?
        .query_map([ids], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(grids.len());
    for id in grids {
        let Some(grid) = hierarchy::find(conn, &id)? else {
            continue;
        };
        let mut village = String::new();
        let mut up = grid.parent_id.clone();
        for _ in 0..8 {
            let Some(u) = up
                .as_deref()
                .map(|p| hierarchy::find(conn, p))
                .transpose()?
                .flatten()
            else {
                break;
            };
            if u.kind == UnitKind::Village {
                village = u.name;
                break;
            }
            up = u.parent_id;
        }
        out.push(EmptiedGrid {
            id: grid.id,
            name: grid.name,
            village,
        });
    }
    Ok(out)
}

/// A base grid a change would leave with no 网格员 in post ([`grids_emptied_by`]).
pub struct EmptiedGrid {
    pub id: String,
    pub name: String,
    /// Its 村/社区 ("" when none is found).
    pub village: String,
}

/// The sentence for `grids` left with no 网格员 in post after a change (`after`:
/// 办理后, 导入后), said before it is made; `None` for none.
pub fn emptied_said(grids: &[EmptiedGrid], after: &str) -> Option<String> {
    if grids.is_empty() {
        return None;
    }
    let named = crate::base::some_of(grids, 5, "、", "个网格", |g| {
        if g.village.is_empty() {
            format!("“{}”", g.name)
        } else {
            format!("“{}”（{}）", g.name, g.village)
        }
    });
    Some(format!(
        "{after}{named}将没有在岗网格员，网格覆盖率随之下降。如已有人接替，请先把接替的人调入这个网格，再办离岗。"
    ))
}
