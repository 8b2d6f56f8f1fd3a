//! Data check (数据检查): database integrity plus data-health findings a clerk can act on.

use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::Result;
use std::collections::HashMap;

use crate::hierarchy::{self, Unit, UnitKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// `"ok"`, or SQLite's integrity-check messages joined; `exchange::report::check`
    /// adds the stored records that no longer read as their kind.
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
    let office = crate::store::office::get(conn)?;
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
    let all = hierarchy::list(conn)?;
    // parent id -> its children, built once: the checks below stay linear.
    let mut children: HashMap<&str, Vec<&Unit>> = HashMap::new();
    for u in &all {
        if let Some(p) = u.parent_id.as_deref() {
            children.entry(p).or_default().push(u);
        }
    }
    let kids = |id: &str| children.get(id).map(Vec::as_slice).unwrap_or(&[]);
    let has_child = |id: &str, kind: UnitKind| kids(id).iter().any(|c| c.kind == kind);
    let has_grid_below = |village: &str| {
        kids(village).iter().any(|c| {
            c.kind == UnitKind::BaseGrid
                || (c.kind == UnitKind::Compound && has_child(&c.id, UnitKind::BaseGrid))
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
    // At a county or a city: its own villages in the range of an office that reports
    // here (entered before that office's first file arrived) are counted twice.
    if let Some(o) = &office {
        let reporting = hierarchy::reporting_offices(conn)?;
        for u in all.iter().filter(|u| u.kind == UnitKind::Village) {
            if let Some(below) = hierarchy::reported_below(&reporting, o, &u.code) {
                findings.push(Finding {
                    severity: "warning",
                    message: format!(
                        "本单位录入的{}（{}）属于下级单位{below}的范围，与它报送的数据重复统计。请核对后删除本单位录入的这一个。",
                        u.describe(),
                        u.code
                    ),
                });
            }
        }
    }
    let mut add = |severity, list: Vec<&str>, what: &str| {
        if !list.is_empty() {
            findings.push(Finding {
                severity,
                message: format!(
                    "{} 个{what}：{}",
                    list.len(),
                    crate::base::fields::first_few(&list, 5)
                ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hierarchy::UnitInput;
    use crate::{store::office, Ctx, Store};

    fn add(
        s: &mut Store,
        kind: &str,
        parent: Option<&str>,
        code: &str,
        name: &str,
        counts: bool,
    ) -> String {
        let ctx = Ctx::new(chrono::Utc::now());
        s.write(&ctx, |tx| {
            hierarchy::create(
                tx,
                &UnitInput {
                    kind: kind.into(),
                    parent_id: parent.map(str::to_string),
                    code: code.into(),
                    name: name.into(),
                    area_type: "urban".into(),
                    households: counts.then_some(10),
                    residents: counts.then_some(30),
                    ..Default::default()
                },
            )
        })
        .unwrap()
        .id
    }

    #[test]
    fn findings_name_what_needs_attention() {
        let mut s = Store::open_in_memory().unwrap();
        let report = run(s.conn()).unwrap();
        assert!(report.findings[0].message.contains("尚未完成首次设置"));
        s.write(&Ctx::new(chrono::Utc::now()), |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)
        })
        .unwrap();
        let v1 = add(&mut s, "village", None, "320115101001", "青溪社区", false);
        let v2 = add(&mut s, "village", None, "320115101002", "梧桐社区", false);
        let c = add(&mut s, "compound", Some(&v1), "C1", "阳光花园", false);
        let g1 = add(&mut s, "base_grid", Some(&c), "G1", "一网格", true);
        add(&mut s, "micro_grid", Some(&g1), "M1", "1栋", true);
        add(&mut s, "base_grid", Some(&v2), "G2", "二网格", false);
        add(&mut s, "village", None, "320115101003", "滨江社区", false);
        let report = run(s.conn()).unwrap();
        assert!(report.is_ok());
        let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "1 个村/社区还没有划分基础网格：滨江社区",
                "1 个基础网格未填写户数或人口：二网格",
                "1 个基础网格下还没有微网格：二网格",
            ]
        );
    }
}
