//! What leaves the core for the UI: the moves a project or a demand allows (the
//! UI offers these and decides nothing), and personal numbers masked in the change
//! log.

use gridledger_core::base::steps::Attempt;
use gridledger_core::cobuild::{self, Move as ProjectMove, PartnerUnitInput, ProjectInput};
use gridledger_core::demands::{self, DemandInput, Move as DemandMove};
use gridledger_core::hierarchy::{self, UnitKind};
use gridledger_core::store::changelog;
use gridledger_core::{demo, Store};

use crate::support::{ctx, ctx_on, streetlight};

fn township() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    demo::fill(&mut s, &ctx()).unwrap();
    s
}

/// (to, label, back, needsReason, blocked) of each move, as the UI receives them.
fn offered(moves: &serde_json::Value) -> Vec<(String, String, bool, bool, bool)> {
    moves
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["to"].as_str().unwrap().to_string(),
                m["label"].as_str().unwrap().to_string(),
                m["back"].as_bool().unwrap(),
                m["needsReason"].as_bool().unwrap(),
                !m["blocked"].is_null(),
            )
        })
        .collect()
}

fn row(
    to: &str,
    label: &str,
    back: bool,
    reason: bool,
    blocked: bool,
) -> (String, String, bool, bool, bool) {
    (to.into(), label.into(), back, reason, blocked)
}

#[test]
fn the_flows_are_the_statuses_in_order() {
    cobuild::FLOW.validate().unwrap();
    demands::FLOW.validate().unwrap();
    let keys = |f: &gridledger_core::base::steps::Flow| -> Vec<&str> {
        f.steps.iter().map(|s| s.key).collect()
    };
    assert_eq!(
        keys(&cobuild::FLOW),
        cobuild::ProjectStatus::ALL.map(|s| s.as_str())
    );
    assert_eq!(
        keys(&demands::FLOW),
        demands::Status::ALL.map(|s| s.as_str())
    );
    // Every pair: forward to the next step only, back to any earlier one with a
    // reason; what is offered is what is allowed.
    let given = |_: &str| true;
    for flow in [&cobuild::FLOW, &demands::FLOW] {
        for (i, from) in flow.steps.iter().enumerate() {
            let offered: Vec<&str> = flow.moves(from.key).iter().map(|m| m.to).collect();
            for (j, to) in flow.steps.iter().enumerate() {
                let attempt = |reason: &'static str| Attempt {
                    subject: "x",
                    from: from.key,
                    to: to.key,
                    date: "2026-12-01",
                    last_date: Some("2026-12-01"),
                    today: Some("2026-12-01"),
                    reason,
                    given: &given,
                };
                let allowed = j == i + 1 || j < i;
                let case = format!("{} → {}", from.key, to.key);
                assert_eq!(flow.check(&attempt("原因")).is_ok(), allowed, "{case}");
                assert_eq!(offered.contains(&to.key), allowed, "{case}");
                if j < i {
                    let e = flow.check(&attempt("")).unwrap_err();
                    assert_eq!(e.field(), Some("reason"), "{case}");
                }
            }
        }
    }
}

#[test]
fn a_projects_detail_carries_the_moves_the_core_allows() {
    let mut s = township();
    let village = hierarchy::list(s.conn())
        .unwrap()
        .into_iter()
        .find(|u| u.kind == UnitKind::Village)
        .unwrap()
        .id;
    let p = s
        .write(&ctx(), |tx| {
            cobuild::create_project(
                tx,
                None,
                &ProjectInput {
                    title: "助餐点".into(),
                    village_id: village.clone(),
                    category: "为老服务".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let json = |p: &cobuild::ProjectView| serde_json::to_value(p).unwrap()["moves"].clone();
    // Nobody has claimed it: the one move forward is offered, blocked, with why.
    assert_eq!(
        offered(&json(&p)),
        [row("claimed", "标记为已认领", false, false, true)]
    );
    assert!(p.moves[0]
        .blocked
        .as_deref()
        .unwrap()
        .contains("请先添加认领单位"));
    let unit = s
        .write(&ctx(), |tx| {
            cobuild::create_partner(
                tx,
                &PartnerUnitInput {
                    name: "甲公司".into(),
                    kind: "企业".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap()
        .id;
    let p = s
        .write(&ctx(), |tx| {
            cobuild::claim(tx, None, &p.id, &unit, "2026-11-26")
        })
        .unwrap();
    assert_eq!(
        offered(&json(&p)),
        [
            row("in_progress", "开始实施", false, false, false),
            row("open", "退回到“待认领”", true, true, false),
        ]
    );
    let step = |s: &mut Store, to: &str, date: &str, reason: &str, score: Option<i64>| {
        s.write(&ctx_on(2026, 11, 30), |tx| {
            cobuild::move_to(
                tx,
                None,
                &p.id,
                &ProjectMove {
                    to: to.into(),
                    date: date.into(),
                    reason: reason.into(),
                    score,
                    evaluation: String::new(),
                },
            )
        })
    };
    assert_eq!(
        p.moves[0].hint,
        "开始实施的日期记入时间线，也是实际开始日期。"
    );
    let p = step(&mut s, "in_progress", "2026-11-28", "", None).unwrap();
    assert_eq!(
        p.moves[0].hint,
        "还没有佐证材料：请先在下面上传照片等附件，或在这里写明没有附件的原因。"
    );
    assert!(
        p.moves[0].needs_reason,
        "no evidence: a reason is asked for"
    );
    let p = step(&mut s, "completed", "2026-11-29", "纸质验收单存档", None).unwrap();
    let evaluate = &p.moves[0];
    assert_eq!(
        (evaluate.to, evaluate.label.as_str()),
        ("evaluated", "评价")
    );
    let fields: Vec<(&str, bool)> = evaluate
        .fields
        .iter()
        .map(|f| (f.name, f.required))
        .collect();
    assert_eq!(fields, [("score", true), ("evaluation", false)]);
    let p = step(&mut s, "evaluated", "2026-11-30", "", Some(5)).unwrap();
    let backs: Vec<(&str, bool)> = p.moves.iter().map(|m| (m.to, m.back)).collect();
    assert_eq!(
        backs,
        [
            ("completed", true),
            ("in_progress", true),
            ("claimed", true),
            ("open", true)
        ],
        "the last step offers only going back"
    );
    // Going back is dated too, never before the previous step.
    let e = step(&mut s, "completed", "2026-11-29", "评分有误", None).unwrap_err();
    assert_eq!(e.field(), Some("date"));
    step(&mut s, "completed", "2026-11-30", "评分有误", None).unwrap();
}

#[test]
fn a_demands_detail_carries_its_moves_with_choices_and_escalation() {
    let mut s = township();
    let d = s
        .write(&ctx(), |tx| {
            demands::create_demand(
                tx,
                &DemandInput {
                    reporter_phone: "13812345678".into(),
                    ..streetlight()
                },
            )
        })
        .unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(
        offered(&json["moves"]),
        [
            row("assigned", "交办", false, false, false),
            row("accepted", "上报", false, true, false),
        ]
    );
    let departments = demands::departments(s.conn()).unwrap();
    assert!(!departments.is_empty(), "the demo has departments");
    let assign = &json["moves"][0]["fields"][0];
    assert_eq!(assign["name"], "departmentId");
    assert_eq!(
        assign["choices"].as_array().unwrap().len(),
        departments.len()
    );
    let escalate = &json["moves"][1];
    assert_eq!(escalate["action"], "escalate");
    let levels: Vec<&str> = escalate["fields"][0]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["county", "city"], "only higher levels");
    // Escalation is dated not before the previous step either.
    let e = s
        .write(&ctx(), |tx| {
            demands::escalate(tx, &d.id, "county", "2026-10-31", "需区里协调")
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("date"));
    // Resolved: no escalation, the satisfactions are offered for 回访.
    let mv = |to: &str, date: &str| DemandMove {
        to: to.into(),
        date: date.into(),
        department_id: departments[0].id.clone(),
        result: "已修复".into(),
        ..Default::default()
    };
    for (to, date) in [
        ("assigned", "2026-11-02"),
        ("in_progress", "2026-11-03"),
        ("resolved", "2026-11-04"),
    ] {
        s.write(&ctx(), |tx| demands::move_to(tx, &d.id, &mv(to, date)))
            .unwrap();
    }
    let d = demands::demand(s.conn(), &d.id, ctx().today()).unwrap();
    assert!(d.moves.iter().all(|m| m.action == "move"), "{:?}", d.moves);
    let call_back = &d.moves[0];
    assert_eq!(
        (call_back.to, call_back.label.as_str()),
        ("called_back", "回访")
    );
    let choices: Vec<&str> = call_back.fields[0]
        .choices
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(choices, ["满意", "基本满意", "不满意"]);
}

#[test]
fn the_change_log_serves_no_full_identity_or_phone_number() {
    let mut s = township();
    s.write(&ctx(), |tx| {
        demands::create_demand(
            tx,
            &DemandInput {
                title: "噪声扰民".into(),
                category: "邻里纠纷".into(),
                description: "夜间施工".into(),
                reporter_phone: "13812345678".into(),
                ..Default::default()
            },
        )
    })
    .unwrap();
    // Every personal number the log holds, read straight from the table.
    let mut raw: Vec<String> = Vec::new();
    let mut stmt = s
        .conn()
        .prepare("SELECT before_json, after_json FROM change_log")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok([
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ])
        })
        .unwrap();
    fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    match x.as_str() {
                        Some(s)
                            if (k == "idNumber" || k.ends_with("Phone") || k == "phone")
                                && s.len() >= 7 =>
                        {
                            out.push(s.to_string())
                        }
                        _ => collect(x, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    for r in rows {
        for json in r.unwrap().into_iter().flatten() {
            collect(&serde_json::from_str(&json).unwrap(), &mut raw);
        }
    }
    assert!(
        raw.iter().any(|n| n.len() == 18),
        "the demo logs ID numbers"
    );
    assert!(raw.contains(&"13812345678".to_string()));
    let served = serde_json::to_string(&changelog::list(s.conn(), 1000, 0).unwrap()).unwrap();
    for n in &raw {
        assert!(!served.contains(n.as_str()), "{n} leaves the core unmasked");
    }
    assert!(served.contains("138****5678"));
}
