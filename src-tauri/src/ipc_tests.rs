//! Every command through Tauri's real IPC (the `tauri::test` mock runtime, the
//! app's own context and capability), once, with the arguments docs/COMMANDS.md
//! documents. A renamed parameter, a command missing from the docs, the capability
//! or this list, or a command that lost its registration fails here. And the
//! promise of `AppState`: lists and `import_cancel` answer while the writer is busy.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

use crate::AppState;

struct Harness {
    _dir: tempfile::TempDir,
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

/// The app built as `run` builds it, on the mock runtime, over a demo database in a
/// temporary folder.
fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let state = crate::open_state(dir.path().join("demo.db"), true);
    assert!(state.fatal.is_none(), "{:?}", state.fatal);
    let app = crate::builder(mock_builder())
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(state);
    let window = app.get_webview_window("main").unwrap_or_else(|| {
        WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap()
    });
    Harness {
        _dir: dir,
        app,
        window,
    }
}

fn request(cmd: &str, args: &Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: if cfg!(windows) {
            "http://tauri.localhost"
        } else {
            "tauri://localhost"
        }
        .parse()
        .unwrap(),
        body: InvokeBody::Json(args.clone()),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

/// Every answer is also checked for an object that names one key twice (two
/// `#[serde(flatten)]` parts, or a part and the struct, sharing a field name): the
/// UI would silently read the last one.
fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, args: &Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(w, request(cmd, args)).map(|b| {
        if let tauri::ipc::InvokeResponseBody::Json(text) = &b {
            let mut de = serde_json::Deserializer::from_str(text);
            if let Err(e) = serde::Deserializer::deserialize_any(&mut de, UniqueKeys) {
                panic!("`{cmd}` answered an object with a key twice: {e}");
            }
        }
        b.deserialize::<Value>().unwrap()
    })
}

/// Walks a JSON document and fails on an object that holds a key twice.
struct UniqueKeys;

impl<'de> serde::de::Visitor<'de> for UniqueKeys {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(UniqueKeys)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(UniqueKeys)?;
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("\"{key}\"")));
            }
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for UniqueKeys {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// `invoke` on another thread; `None` when it has not answered within `limit`.
fn invoke_within(
    w: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
    limit: Duration,
) -> Option<Result<Value, Value>> {
    let (tx, rx) = mpsc::channel();
    let w = w.clone();
    let cmd = cmd.to_string();
    std::thread::spawn(move || {
        let _ = tx.send(invoke(&w, &cmd, &args));
    });
    rx.recv_timeout(limit).ok()
}

/// The commands build.rs declares (and the capability grants).
pub(crate) fn commands() -> Vec<&'static str> {
    include_str!("../build.rs")
        .split("const COMMANDS: &[&str] = &[")
        .nth(1)
        .unwrap()
        .split("];")
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Each command's argument names as docs/COMMANDS.md documents them (`name?`:
/// optional), from the `| \`command\` | \`{ a, b: … }\` |` rows.
fn documented() -> BTreeMap<String, Vec<(String, bool)>> {
    let mut out = BTreeMap::new();
    for line in include_str!("../../docs/COMMANDS.md").lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((name, rest)) = rest.split_once("` | ") else {
            continue;
        };
        let mut args = Vec::new();
        if let Some(start) = rest.strip_prefix("`{") {
            let body = &start[..start.find("}`").unwrap_or(start.len())];
            let (mut depth, mut quoted, mut segment) = (0, false, String::new());
            let mut segments = Vec::new();
            for ch in body.chars() {
                match ch {
                    '"' => quoted = !quoted,
                    '{' | '(' if !quoted => depth += 1,
                    '}' | ')' if !quoted => depth -= 1,
                    ',' if !quoted && depth == 0 => {
                        segments.push(std::mem::take(&mut segment));
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 || ch == '{' || ch == '(' {
                    segment.push(ch);
                }
            }
            segments.push(segment);
            for seg in segments {
                let seg = seg.trim();
                let key: String = seg
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !key.is_empty() {
                    let optional = seg[key.len()..].starts_with('?');
                    args.push((key, optional));
                }
            }
        }
        out.insert(name.to_string(), args);
    }
    out
}

/// One id of a demo record, or a made-up one where the demo has none.
fn some_id(h: &Harness, table: &str) -> String {
    let state = h.app.state::<AppState>();
    state
        .read(|c| {
            Ok(
                c.query_row(&format!("SELECT id FROM {table} LIMIT 1"), [], |r| {
                    r.get::<_, String>(0)
                })
                .unwrap_or_else(|_| "no-such-id".to_string()),
            )
        })
        .unwrap()
}

/// The arguments each command is called with: every documented one.
fn cases(h: &Harness, out: &std::path::Path) -> Vec<(&'static str, Value)> {
    let unit = some_id(h, "units");
    let person = some_id(h, "people");
    let compound = h
        .app
        .state::<AppState>()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id FROM units WHERE kind = 'compound' LIMIT 1",
                [],
                |r| r.get::<_, String>(0),
            )
            .unwrap_or_default())
        })
        .unwrap();
    let grid = some_id(h, "business_grids");
    let committee = some_id(h, "committees");
    let partner = some_id(h, "partner_units");
    let project = some_id(h, "projects");
    let point = some_id(h, "contact_points");
    let visit = some_id(h, "visits");
    let demand = some_id(h, "demands");
    let group = some_id(h, "working_groups");
    let file = |name: &str| out.join(name).display().to_string();
    let none = json!({});
    vec![
        ("app_status", none.clone()),
        ("restart_app", none.clone()),
        (
            "setup_office",
            json!({"level": "township", "code": "320115101000", "name": "青溪街道"}),
        ),
        ("set_operator", json!({"name": "李娜"})),
        ("list_units", none.clone()),
        (
            "create_unit",
            json!({"input": {"kind": "village", "code": "320115101099", "name": "测试村", "areaType": "rural"}}),
        ),
        (
            "update_unit",
            json!({"id": unit, "input": {"name": "改名"}}),
        ),
        ("move_unit", json!({"id": unit, "newParentId": null})),
        ("delete_unit", json!({"id": "no-such-id"})),
        (
            "dissolve_unit",
            json!({"id": "no-such-id", "input": {"dissolvedOn": "2026-11-01", "note": ""}}),
        ),
        ("unit_dissolve_refusal", json!({"id": unit})),
        ("reinstate_unit", json!({"id": "no-such-id"})),
        ("list_dissolved_units", none.clone()),
        ("unit_delete_refusal", json!({"id": unit})),
        (
            "suggest_unit_code",
            json!({"kind": "compound", "parentId": unit, "areaType": null}),
        ),
        ("list_recycle_bin", none.clone()),
        ("restore_recycled", json!({"entryId": "no-such-id"})),
        ("purge_recycled", json!({"entryId": "no-such-id"})),
        ("recycled_record", json!({"entryId": "no-such-id"})),
        ("kind_catalog", none.clone()),
        (
            "list_change_log",
            json!({"limit": 10, "offset": 0, "table": "people", "text": "张"}),
        ),
        ("list_backups", none.clone()),
        ("inspect_backup", json!({"path": "/no/such/backup.db"})),
        ("backup_now", none.clone()),
        (
            "restore_backup",
            json!({"fileName": "no-such.db", "confirm": null}),
        ),
        ("check_database", none.clone()),
        ("people_options", none.clone()),
        ("list_people", json!({"query": {}})),
        ("get_person", json!({"id": person})),
        ("person_history", json!({"id": person})),
        (
            "redate_person_change",
            json!({"id": person, "eventId": "no-such-event", "date": "2026-01-01"}),
        ),
        ("create_person", json!({"input": {}})),
        ("update_person", json!({"id": person, "input": {}})),
        ("delete_person", json!({"id": "no-such-id"})),
        ("person_delete_blocked", json!({"id": person})),
        (
            "reveal_person_field",
            json!({"id": person, "field": "phone"}),
        ),
        (
            "choose_open_file",
            json!({"title": "选择文件", "kind": null}),
        ),
        (
            "choose_save_file",
            json!({"title": "保存", "defaultName": "a.xlsx", "kind": null}),
        ),
        (
            "import_template",
            json!({"kind": "people", "path": file("template.xlsx")}),
        ),
        (
            "import_preview",
            json!({"kind": "people", "path": file("template.xlsx"), "sheet": null, "given": null}),
        ),
        (
            "import_commit",
            json!({"kind": "training-participants", "path": file("template.xlsx"), "sheet": null, "leaveOut": [8],
                   "given": {"sessionDate": "2026-03-10", "sessionTopic": "网格员履职能力提升"}}),
        ),
        ("import_cancel", none.clone()),
        (
            "import_error_workbook",
            json!({"kind": "people", "path": file("template.xlsx"), "out": file("errors.xlsx"), "sheet": null, "given": null}),
        ),
        (
            "export_people_xlsx",
            json!({"query": {}, "unmasked": false, "path": file("people.xlsx")}),
        ),
        ("list_business_grids", none.clone()),
        (
            "create_business_grid",
            json!({"input": {"department": "综治", "name": "测试网格", "note": ""}}),
        ),
        ("update_business_grid", json!({"id": grid, "input": {}})),
        ("delete_business_grid", json!({"id": "no-such-id"})),
        (
            "set_business_grid_mapping",
            json!({"id": grid, "baseGridId": "no-such-id", "mergedOn": ""}),
        ),
        (
            "remove_business_grid_mapping",
            json!({"id": grid, "baseGridId": "no-such-id"}),
        ),
        ("business_grids_by_base_grid", none.clone()),
        ("grid_coverage", none.clone()),
        ("package_preview", none.clone()),
        (
            "export_package",
            json!({"path": file("package.zip"), "attachments": false}),
        ),
        ("choose_open_packages", json!({"title": "选择交换文件"})),
        ("choose_folder", json!({"title": "选择文件夹"})),
        ("receive_packages", json!({"paths": [], "force": false})),
        ("list_senders", none.clone()),
        (
            "set_expected_office",
            json!({"code": "320115102000", "name": "桃园镇"}),
        ),
        ("remove_expected_office", json!({"code": "320115109000"})),
        ("expect_received_offices", none.clone()),
        ("propose_expected_offices", none.clone()),
        (
            "set_expected_offices",
            json!({"offices": [{"code": "320115102000", "name": "桃园镇"}]}),
        ),
        (
            "export_unsent_offices",
            json!({"path": file("未报单位名单.xlsx")}),
        ),
        (
            "export_received_demands",
            json!({"path": file("下级报送的诉求.xlsx")}),
        ),
        ("set_late_days", json!({"days": 7})),
        ("list_receipt_log", json!({"limit": 10, "offset": 0})),
        ("report", json!({"period": "2026Q4"})),
        (
            "report_drill",
            json!({"scope": "own", "key": "people.grid_workers", "period": "2026-11"}),
        ),
        (
            "export_report_xlsx",
            json!({"path": file("report.xlsx"), "period": "2026Q4"}),
        ),
        (
            "export_drill_xlsx",
            json!({"scope": "own", "key": "people.grid_workers", "period": "2026", "path": file("drill.xlsx")}),
        ),
        ("dashboard", json!({"period": "2026-10-01..2026-12-31"})),
        ("party_options", none.clone()),
        ("sanliang_list", json!({"onlyMissing": false})),
        (
            "save_party_branch",
            json!({"compoundId": compound, "input": {}}),
        ),
        (
            "set_branch_photo",
            json!({"compoundId": compound, "path": ""}),
        ),
        ("list_committees", none.clone()),
        ("create_committee", json!({"input": {}})),
        ("update_committee", json!({"id": committee, "input": {}})),
        ("delete_committee", json!({"id": "no-such-id"})),
        ("create_committee_member", json!({"input": {}})),
        (
            "update_committee_member",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_committee_member", json!({"id": "no-such-id"})),
        ("part_time_counts", none.clone()),
        (
            "list_joint_meetings",
            json!({"committeeId": "", "period": ""}),
        ),
        ("create_joint_meeting", json!({"input": {}})),
        (
            "update_joint_meeting",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_joint_meeting", json!({"id": "no-such-id"})),
        (
            "list_follow_ups",
            json!({"onlyOpen": false, "kind": "working_meetings"}),
        ),
        (
            "set_follow_up_status",
            json!({"id": "no-such-id", "status": "done", "doneOn": ""}),
        ),
        ("list_partner_units", none.clone()),
        ("create_partner_unit", json!({"input": {}})),
        ("update_partner_unit", json!({"id": partner, "input": {}})),
        ("delete_partner_unit", json!({"id": "no-such-id"})),
        ("reveal_partner_phone", json!({"id": partner})),
        ("list_projects", json!({"query": {}})),
        ("get_project", json!({"id": project})),
        ("create_project", json!({"input": {}})),
        ("update_project", json!({"id": project, "input": {}})),
        ("delete_project", json!({"id": "no-such-id"})),
        (
            "claim_project",
            json!({"id": project, "partnerUnitId": partner, "claimedOn": ""}),
        ),
        (
            "unclaim_project",
            json!({"id": project, "partnerUnitId": partner, "on": ""}),
        ),
        (
            "move_project",
            json!({"id": project, "to": "done", "date": "", "reason": "", "score": null, "evaluation": ""}),
        ),
        (
            "redate_project_step",
            json!({"id": project, "date": "2026-01-01", "index": 1}),
        ),
        ("open_attachment", json!({"hash": "no-such-hash"})),
        ("choose_evidence_files", json!({"title": "选择文件"})),
        (
            "list_attachments",
            json!({"kind": "projects", "id": project}),
        ),
        (
            "attach_files",
            json!({"kind": "visits", "id": "no-such-id", "paths": [file("no-such-file.pdf")]}),
        ),
        (
            "detach_file",
            json!({"kind": "joint_meetings", "id": "no-such-id", "hash": "no-such-hash"}),
        ),
        ("attachment_thumbnail", json!({"hash": "no-such-hash"})),
        ("attachment_bytes", json!({"hash": "no-such-hash"})),
        (
            "export_party_xlsx",
            json!({"kind": "projects", "path": file("party.xlsx"), "period": "2026Q4"}),
        ),
        ("export_all_xlsx", json!({"path": file("all.xlsx")})),
        // Refused: no export of this window wrote it.
        (
            "open_exported",
            json!({"path": file("never-written.xlsx"), "folder": false}),
        ),
        ("contact_options", none.clone()),
        ("list_departments", none.clone()),
        ("create_department", json!({"input": {}})),
        (
            "update_department",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_department", json!({"id": "no-such-id"})),
        ("list_leaders", none.clone()),
        ("create_leader", json!({"input": {}})),
        ("update_leader", json!({"id": "no-such-id", "input": {}})),
        ("delete_leader", json!({"id": "no-such-id"})),
        ("reveal_leader_phone", json!({"id": "no-such-id"})),
        ("list_contact_points", none.clone()),
        ("create_contact_point", json!({"input": {}})),
        ("update_contact_point", json!({"id": point, "input": {}})),
        ("delete_contact_point", json!({"id": "no-such-id"})),
        ("contact_coverage", none.clone()),
        ("received_contact_coverage", none.clone()),
        ("list_visits", json!({"contactPointId": ""})),
        ("create_visit", json!({"input": {}})),
        ("update_visit", json!({"id": visit, "input": {}})),
        ("delete_visit", json!({"id": "no-such-id"})),
        ("demand_from_visit", json!({"visitId": visit, "input": {}})),
        ("list_demands", json!({"query": {}})),
        ("get_demand", json!({"id": demand})),
        ("create_demand", json!({"input": {}})),
        ("update_demand", json!({"id": demand, "input": {}})),
        ("delete_demand", json!({"id": "no-such-id"})),
        (
            "move_demand",
            json!({"id": demand, "to": "closed", "date": "", "reason": "", "departmentId": "", "result": "", "satisfaction": ""}),
        ),
        (
            "redate_demand_step",
            json!({"id": demand, "date": "2026-01-01", "index": null}),
        ),
        (
            "escalate_demand",
            json!({"id": demand, "level": "county", "date": "", "reason": ""}),
        ),
        ("reveal_demand_phone", json!({"id": demand})),
        ("demand_stats", json!({"period": "2026Q4"})),
        ("received_demands", none.clone()),
        ("list_working_groups", none.clone()),
        ("create_working_group", json!({"input": {}})),
        ("update_working_group", json!({"id": group, "input": {}})),
        ("delete_working_group", json!({"id": "no-such-id"})),
        ("list_working_meetings", json!({"groupId": ""})),
        ("create_working_meeting", json!({"input": {}})),
        (
            "update_working_meeting",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_working_meeting", json!({"id": "no-such-id"})),
        ("list_duty_items", none.clone()),
        ("create_duty_item", json!({"input": {}})),
        ("update_duty_item", json!({"id": "no-such-id", "input": {}})),
        ("delete_duty_item", json!({"id": "no-such-id"})),
        ("list_grid_matters", none.clone()),
        ("create_grid_matter", json!({"input": {}})),
        (
            "update_grid_matter",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_grid_matter", json!({"id": "no-such-id"})),
        ("list_grid_matter_claims", none.clone()),
        ("grid_matter_claim_matrix", none.clone()),
        ("create_grid_matter_claim", json!({"input": {}})),
        (
            "update_grid_matter_claim",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_grid_matter_claim", json!({"id": "no-such-id"})),
        ("grid_matter_load", json!({"asOf": "2026-01-01"})),
        ("grid_matter_load_summary", none.clone()),
        ("list_training_sessions", none.clone()),
        ("create_training_session", json!({"input": {}})),
        (
            "update_training_session",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_training_session", json!({"id": "no-such-id"})),
        (
            "list_training_participants",
            json!({"sessionId": "no-such-id"}),
        ),
        ("add_training_participant", json!({"input": {}})),
        (
            "add_training_people",
            json!({"sessionId": "no-such-id", "personIds": ["no-such-id"]}),
        ),
        ("delete_training_participant", json!({"id": "no-such-id"})),
        ("training_coverage", json!({"period": "2026年第四季度"})),
        ("person_training_record", json!({"personId": "no-such-id"})),
        ("list_pipeline_events", json!({"personId": "no-such-id"})),
        ("add_pipeline_event", json!({"input": {}})),
        ("delete_pipeline_event", json!({"id": "no-such-id"})),
        ("pipeline_summary", none.clone()),
        ("list_admissions", json!({"query": {}})),
        ("admission_counts", none.clone()),
        ("create_admission", json!({"input": {}})),
        ("update_admission", json!({"id": "no-such-id", "input": {}})),
        ("delete_admission", json!({"id": "no-such-id"})),
        ("move_admission", json!({"id": "no-such-id", "step": {}})),
        ("list_duty_list_versions", none.clone()),
        ("duty_list_version", json!({"id": "no-such-id"})),
        (
            "compare_duty_list_versions",
            json!({"from": "no-such-id", "to": "no-such-id"}),
        ),
        ("pending_duty_list_changes", json!({"list": "basic"})),
        ("publish_duty_list_version", json!({"input": {}})),
        ("duty_catalogue", none.clone()),
        ("list_cleanup_entries", json!({"register": "plaques"})),
        (
            "create_cleanup_entry",
            json!({"register": "plaques", "input": {}}),
        ),
        (
            "update_cleanup_entry",
            json!({"register": "plaques", "id": "no-such-id", "input": {}}),
        ),
        (
            "delete_cleanup_entry",
            json!({"register": "plaques", "id": "no-such-id"}),
        ),
        ("list_rechecks", json!({"register": ""})),
        ("create_recheck", json!({"input": {}})),
        ("update_recheck", json!({"id": "no-such-id", "input": {}})),
        ("delete_recheck", json!({"id": "no-such-id"})),
        ("list_indicators", none.clone()),
        ("create_indicator", json!({"input": {}})),
        ("update_indicator", json!({"id": "no-such-id", "input": {}})),
        ("delete_indicator", json!({"id": "no-such-id"})),
        ("install_default_indicators", none.clone()),
        ("list_indicator_versions", none.clone()),
        ("get_indicator_version", json!({"version": 1})),
        ("score_table", json!({"period": "2026"})),
        (
            "export_score_xlsx",
            json!({"path": file("scores.xlsx"), "period": "2026"}),
        ),
        ("list_manual_scores", json!({"period": "2026"})),
        ("set_manual_score", json!({"input": {}})),
        ("delete_manual_score", json!({"id": "no-such-id"})),
        ("list_assessment_results", none.clone()),
        ("create_assessment_result", json!({"input": {}})),
        (
            "update_assessment_result",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_assessment_result", json!({"id": "no-such-id"})),
        ("list_rectification_items", none.clone()),
        ("create_rectification_item", json!({"input": {}})),
        (
            "update_rectification_item",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_rectification_item", json!({"id": "no-such-id"})),
        ("list_outpost_evaluations", none.clone()),
        ("create_outpost_evaluation", json!({"input": {}})),
        (
            "update_outpost_evaluation",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_outpost_evaluation", json!({"id": "no-such-id"})),
        ("list_received_outpost_evaluations", none.clone()),
        ("list_inspectors", none.clone()),
        ("create_inspector", json!({"input": {}})),
        ("update_inspector", json!({"id": "no-such-id", "input": {}})),
        ("delete_inspector", json!({"id": "no-such-id"})),
        ("list_samples", none.clone()),
        (
            "preview_sample",
            json!({"input": {"quarter": "2026Q4", "rate": "30%", "number": "2741"}}),
        ),
        ("draw_sample", json!({"input": {}})),
        ("verify_sample", json!({"id": "no-such-id"})),
        ("sample_notice", json!({"quarter": "2026Q4"})),
        ("inspection_checklist", none.clone()),
        ("list_inspections", none.clone()),
        ("create_inspection", json!({"input": {}})),
        (
            "update_inspection",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_inspection", json!({"id": "no-such-id"})),
        ("grid_inspection_progress", json!({"half": ""})),
        ("list_questionnaires", none.clone()),
        ("create_questionnaire", json!({"input": {}})),
        (
            "update_questionnaire",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_questionnaire", json!({"id": "no-such-id"})),
        (
            "questionnaire_results",
            json!({"questionnaireId": "no-such-id"}),
        ),
        (
            "list_questionnaire_responses",
            json!({"questionnaireId": "no-such-id", "communityId": null}),
        ),
        ("create_questionnaire_response", json!({"input": {}})),
        (
            "update_questionnaire_response",
            json!({"id": "no-such-id", "input": {}}),
        ),
        ("delete_questionnaire_response", json!({"id": "no-such-id"})),
        ("list_callbacks", none.clone()),
        ("callback_summary", json!({"period": "2026年第四季度"})),
        ("create_callback", json!({"input": {}})),
        ("update_callback", json!({"id": "no-such-id", "input": {}})),
        ("delete_callback", json!({"id": "no-such-id"})),
        ("matching_people_ids", json!({"query": {}})),
        (
            "batch_apply",
            json!({"input": {"ids": [person], "action": "peoplePublish", "published": true}}),
        ),
        (
            "batch_publish_overrides",
            json!({"ids": [person], "published": false, "date": "2026-11-01"}),
        ),
        ("batch_leave_empties", json!({"ids": [person]})),
        (
            "check_save_path",
            json!({"path": "/no/such/folder/名单.xlsx", "kind": "xlsx"}),
        ),
        (
            "export_received_people",
            json!({"path": file("下级报送的人员名单.xlsx")}),
        ),
        (
            "export_sender_status",
            json!({"path": file("报送情况.xlsx")}),
        ),
        ("list_tasks", json!({"month": "2026-11"})),
        ("create_task", json!({"input": {}})),
        ("update_task", json!({"id": "no-such-id", "input": {}})),
        ("delete_task", json!({"id": "no-such-id"})),
        ("task_progress", json!({"taskId": "no-such-id"})),
        ("save_task_progress", json!({"input": {}})),
        ("delete_task_progress", json!({"id": "no-such-id"})),
        ("list_tasks_below", json!({"month": ""})),
        (
            "export_tasks_below",
            json!({"month": "", "path": file("下级月调度进展.xlsx")}),
        ),
    ]
}

/// Commands that open the system's file dialog: called with one documented
/// argument left out, the IPC layer must name it (the dialog itself is not opened).
const DIALOGS: &[&str] = &[
    "choose_open_file",
    "choose_save_file",
    "choose_open_packages",
    "choose_evidence_files",
    "choose_folder",
];

/// Commands that read and need nothing but the demo: they must succeed.
fn must_succeed(cmd: &str, args: &Value) -> bool {
    let reads = [
        "list_",
        "get_",
        "person_history",
        "report",
        "dashboard",
        "grid_coverage",
    ];
    // Writes with no arguments that may refuse on the demo (it already has indicators).
    let writes = [
        "setup_office",
        "expect_received_offices",
        "install_default_indicators",
        // Restarts only a window that could not start; the demo's refuses.
        "restart_app",
    ];
    (args.as_object().is_some_and(|a| a.is_empty()) && !writes.contains(&cmd))
        || reads.iter().any(|p| cmd.starts_with(p))
        || cmd.starts_with("export_")
        || cmd == "import_template"
}

#[test]
fn every_command_answers_its_documented_arguments() {
    let h = harness();
    let out = tempfile::tempdir().unwrap();
    let docs = documented();
    let cases = cases(&h, out.path());
    let listed: Vec<&str> = cases.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        listed,
        commands(),
        "one case per command, in build.rs order"
    );
    for (cmd, args) in &cases {
        let doc = docs
            .get(*cmd)
            .unwrap_or_else(|| panic!("docs/COMMANDS.md has no row for `{cmd}`"));
        let given: Vec<&String> = args.as_object().unwrap().keys().collect();
        let want: Vec<&String> = doc.iter().map(|(k, _)| k).collect();
        let mut given_sorted = given.clone();
        given_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(given_sorted, want_sorted, "`{cmd}`: documented arguments");
    }
    // Deletes last, so that the other calls find their records.
    let (later, first): (Vec<_>, Vec<_>) = cases
        .iter()
        .partition(|(c, _)| c.starts_with("delete_") || c.starts_with("remove_"));
    for (cmd, args) in first.into_iter().chain(later) {
        if DIALOGS.contains(cmd) {
            let (required, _) = docs[*cmd].iter().find(|(_, opt)| !opt).unwrap();
            let mut partial = args.clone();
            partial.as_object_mut().unwrap().remove(required);
            let err = invoke(&h.window, cmd, &partial).unwrap_err();
            assert!(
                err.as_str()
                    .is_some_and(|e| e.contains(&format!("key {required}"))),
                "`{cmd}` without `{required}`: {err}"
            );
            continue;
        }
        let answer = invoke(&h.window, cmd, args);
        match &answer {
            Ok(_) => {}
            // The command ran and refused in the app's own words: its arguments
            // arrived. A string is Tauri's own complaint (missing or mistyped
            // argument, command not registered or not allowed).
            Err(e) => {
                eprintln!("{cmd}: {e}");
                assert!(
                    e.get("kind").is_some() && e.get("message").is_some(),
                    "`{cmd}` {args}: the arguments did not arrive: {e}"
                );
                assert!(!must_succeed(cmd, args), "`{cmd}` {args}: {e}");
            }
        }
    }
    // What the calls did, seen by the next read.
    let log = invoke(
        &h.window,
        "list_change_log",
        &json!({"limit": 200, "offset": 0}),
    )
    .unwrap();
    assert!(log.as_array().is_some_and(|l| !l.is_empty()));
    assert!(out.path().join("people.xlsx").is_file());
    assert!(out.path().join("package.zip").is_file());
}

#[test]
fn a_misnamed_argument_is_refused_by_ipc() {
    let h = harness();
    let err = invoke(&h.window, "get_person", &json!({"personId": "x"})).unwrap_err();
    assert!(err.as_str().is_some_and(|e| e.contains("key id")), "{err}");
    let err = invoke(&h.window, "no_such_command", &json!({})).unwrap_err();
    assert!(err.is_string(), "{err}");
}

#[test]
fn lists_and_cancel_answer_while_the_writer_is_held() {
    let h = harness();
    let (held_tx, held_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let handle = h.app.handle().clone();
    // Another thread holds the writer inside an open write transaction, as a long
    // import does.
    let holder = std::thread::spawn(move || {
        let state = handle.state::<AppState>();
        state
            .with_store_waiting(|s| {
                s.write(&crate::ctx(), |tx| {
                    tx.execute("UPDATE units SET note = '导入中' WHERE 1 = 0", [])?;
                    held_tx.send(()).unwrap();
                    let _ = release_rx.recv_timeout(Duration::from_secs(30));
                    Ok(())
                })
            })
            .unwrap();
    });
    held_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    let limit = Duration::from_secs(5);
    for (cmd, args) in [
        ("list_people", json!({"query": {}})),
        ("list_units", json!({})),
        ("dashboard", json!({})),
        ("import_cancel", json!({})),
    ] {
        let answer = invoke_within(&h.window, cmd, args, limit)
            .unwrap_or_else(|| panic!("`{cmd}` waited for the writer"));
        assert!(answer.is_ok(), "{cmd}: {answer:?}");
    }
    assert!(h
        .app
        .state::<AppState>()
        .import_cancel
        .load(std::sync::atomic::Ordering::SeqCst));
    // Saves wait their turn, as before; while as many of them wait as the runtime
    // has async workers, lists still answer.
    let waiting = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (saved_tx, saved_rx) = mpsc::channel();
    for days in 9..9 + waiting {
        let (w, saved_tx) = (h.window.clone(), saved_tx.clone());
        std::thread::spawn(move || {
            let _ = saved_tx.send(invoke(&w, "set_late_days", &json!({ "days": days })));
        });
    }
    assert!(
        saved_rx.recv_timeout(Duration::from_millis(300)).is_err(),
        "a save waits for the writer"
    );
    let answer = invoke_within(&h.window, "list_units", json!({}), limit)
        .expect("`list_units` waited behind the waiting saves");
    assert!(answer.is_ok(), "{answer:?}");
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    for _ in 0..waiting {
        let saved = saved_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(saved.is_ok(), "{saved:?}");
    }
}

/// 首页's first figures, worked out while the window loads, are what `dashboard`
/// would answer: taken once, for this year only, and not after a write.
#[test]
fn early_first_figures_are_the_current_ones() {
    let h = harness();
    let state = h.app.state::<AppState>();
    let now = |state: &AppState| {
        let today = crate::ctx().today();
        let year = gridledger_core::base::period::Period::year_of(today);
        let d = state
            .read(|c| gridledger_core::exchange::dashboard::dashboard_in(c, today, &year))
            .unwrap();
        serde_json::to_value(d).unwrap()
    };
    let in_post = |d: &Value| d["peopleByRole"].clone();

    // Asked as the window asks at start: the early figures, equal to a fresh count.
    state
        .first_figures
        .start(state.db_path.clone(), &state.writes);
    assert_eq!(
        invoke(&h.window, "dashboard", &json!({})).unwrap(),
        now(&state)
    );

    // Worked out, then a grid worker is deleted: the answer counts one fewer.
    state
        .first_figures
        .start(state.db_path.clone(), &state.writes);
    let before = invoke(&h.window, "dashboard", &json!({})).unwrap();
    state
        .first_figures
        .start(state.db_path.clone(), &state.writes);
    std::thread::sleep(Duration::from_millis(300));
    let worker: String = state
        .read(|c| {
            Ok(c.query_row(
                "SELECT p.id FROM people p JOIN person_roles r ON r.person = p.rowid
                 WHERE p.status = 'active' AND r.role = 'grid_worker' LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    state
        .write(|tx| gridledger_core::people::delete(tx, &worker).map(|_| ()))
        .unwrap();
    let after = invoke(&h.window, "dashboard", &json!({})).unwrap();
    assert_ne!(in_post(&after), in_post(&before), "the write is counted");
    assert_eq!(after, now(&state));

    // Another period than the one worked out: its own figures.
    state
        .first_figures
        .start(state.db_path.clone(), &state.writes);
    let quarter = json!({"period": "2026-10-01..2026-12-31"});
    let asked = invoke(&h.window, "dashboard", &quarter).unwrap();
    assert_eq!(
        asked["period"]["from"], "2026-10-01",
        "{:?}",
        asked["period"]
    );
}
