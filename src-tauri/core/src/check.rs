//! Data check (数据检查): database integrity plus data-health findings a clerk can act on.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::units::{self, UnitKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// `"ok"`, or SQLite's integrity-check messages joined.
    pub integrity: String,
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == "ok"
    }
}

pub fn run(conn: &Connection) -> Result<CheckReport> {
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut findings = Vec::new();
    let fk_problems: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    if fk_problems > 0 {
        findings.push(Finding {
            severity: "warning",
            message: format!(
                "有 {fk_problems} 条记录指向已不存在的上级，请从备份恢复或联系技术支持。"
            ),
        });
    }
    let office = crate::office::get(conn)?;
    match &office {
        None => findings.push(Finding {
            severity: "warning",
            message: "尚未完成首次设置（本单位的层级、区划代码和名称）。".into(),
        }),
        Some(o) => {
            let foreign: i64 = conn.query_row(
                "SELECT count(*) FROM units WHERE owner_code <> ?1",
                [&o.code],
                |r| r.get(0),
            )?;
            if foreign > 0 {
                findings.push(Finding {
                    severity: "warning",
                    message: format!("有 {foreign} 个组织单位不属于本单位（区划代码不同）。"),
                });
            }
        }
    }
    let all = units::list(conn)?;
    let has_child = |id: &str, kind: UnitKind| {
        all.iter()
            .any(|u| u.parent_id.as_deref() == Some(id) && u.kind == kind)
    };
    let has_grid_below = |village: &str| {
        all.iter().any(|u| {
            u.kind == UnitKind::BaseGrid
                && (u.parent_id.as_deref() == Some(village)
                    || all.iter().any(|c| {
                        c.kind == UnitKind::Compound
                            && c.parent_id.as_deref() == Some(village)
                            && u.parent_id.as_deref() == Some(c.id.as_str())
                    }))
        })
    };
    let mut no_grid = Vec::new();
    let mut no_counts = Vec::new();
    let mut no_micro = Vec::new();
    for u in &all {
        match u.kind {
            UnitKind::Village if !has_grid_below(&u.id) => no_grid.push(u.name.as_str()),
            UnitKind::BaseGrid => {
                if u.households.is_none() || u.residents.is_none() {
                    no_counts.push(u.name.as_str());
                }
                if !has_child(&u.id, UnitKind::MicroGrid) {
                    no_micro.push(u.name.as_str());
                }
            }
            _ => {}
        }
    }
    let mut add = |severity, list: Vec<&str>, what: &str| {
        if !list.is_empty() {
            let shown: Vec<&str> = list.iter().take(5).copied().collect();
            let more = if list.len() > 5 { "等" } else { "" };
            findings.push(Finding {
                severity,
                message: format!("{} 个{what}：{}{more}", list.len(), shown.join("、")),
            });
        }
    };
    add("warning", no_grid, "村/社区还没有划分基础网格");
    add("info", no_counts, "基础网格未填写户数或人口");
    add("info", no_micro, "基础网格下还没有微网格");
    Ok(CheckReport {
        integrity: integrity.join("；"),
        findings,
    })
}
