//! Excel in and out for admissions (准入事项): one [`RecordKind`] on the shared import
//! machinery, and its export list in the same columns (so it imports back
//! unchanged). Columns are documented in `docs/IMPORT.md`.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::admissions::{
    self, Admission, AdmissionInput, AdmissionQuery, AdmissionStep, ImportedState,
};
use crate::base::error::Result;
use crate::base::fields::{date_field, text_field};
use crate::hierarchy::sheets::unit_by;
use crate::hierarchy::{self, UnitKind};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{applied, ctx_for, in_column, list_of, on, Problems, Refs};
use crate::store::ledger;
use crate::store::Tx;

pub struct Admissions;

static COLUMNS: &[Column] = &[
    col(
        "department",
        "申请部门",
        &["部门", "申请单位"],
        true,
        false,
        "同一部门同名的事项再次导入时更新。",
        16.0,
    ),
    col(
        "matter",
        "事项名称",
        &["事项", "准入事项"],
        true,
        false,
        "",
        26.0,
    ),
    col("content", "事项内容", &["内容"], false, false, "", 30.0),
    col(
        "basis",
        "依据",
        &["政策依据", "法律政策依据"],
        false,
        false,
        "",
        24.0,
    ),
    col(
        "resources",
        "同步下沉",
        &["下沉内容", "随事下沉"],
        false,
        false,
        "资源、资金、人员、服务，可填多项，用顿号“、”分开。",
        16.0,
    ),
    col(
        "resourcesNote",
        "下沉说明",
        &["下沉情况"],
        false,
        false,
        "",
        20.0,
    ),
    col(
        "level",
        "实施层面",
        &["层面"],
        true,
        false,
        "乡镇层面或网格层面。",
        10.0,
    )
    .choose_from(&["乡镇层面", "网格层面"]),
    col(
        "units",
        "落实的村/网格",
        &["村/网格", "网格", "村/社区"],
        false,
        false,
        "网格层面必填：村/社区或网格的名称或代码，用顿号“、”分开。",
        24.0,
    ),
    col(
        "term",
        "期限类型",
        &["期限"],
        true,
        false,
        "短期或长期。",
        8.0,
    )
    .choose_from(&["短期", "长期"]),
    col(
        "endDate",
        "截止日期",
        &["到期日期"],
        false,
        false,
        "短期事项必填，如 2026-12-31；过期未退出的为“应退出”。",
        12.0,
    ),
    col(
        "step",
        "状态",
        &["步骤", "当前步骤"],
        false,
        false,
        "已申请、已审核、已审批、已进入、已退出、审核未通过或审批未同意；不填为已申请。",
        10.0,
    )
    .choose_from(&[
        "已申请",
        "已审核",
        "已审批",
        "已进入",
        "已退出",
        "审核未通过",
        "审批未同意",
    ]),
    col(
        "appliedOn",
        "申请日期",
        &[],
        false,
        false,
        "不填为导入当天。",
        12.0,
    ),
    col(
        "reviewedOn",
        "审核日期",
        &[],
        false,
        false,
        "已审核及以后必填。",
        12.0,
    ),
    col(
        "reviewOpinion",
        "审核意见",
        &["乡镇审核意见"],
        false,
        false,
        "已审核及以后必填。",
        20.0,
    ),
    col(
        "approvedOn",
        "审批日期",
        &[],
        false,
        false,
        "已审批及以后必填。",
        12.0,
    ),
    col(
        "approvingBody",
        "审批机关",
        &["审批单位"],
        false,
        false,
        "县级党委、政府；已审批及以后必填。",
        16.0,
    ),
    col(
        "documentNumber",
        "批准文号",
        &["文号"],
        false,
        true,
        "已审批及以后必填。",
        16.0,
    ),
    col(
        "enteredOn",
        "进入日期",
        &["生效日期"],
        false,
        false,
        "已进入及以后必填。",
        12.0,
    ),
    col(
        "exitedOn",
        "退出日期",
        &[],
        false,
        false,
        "已退出必填。",
        12.0,
    ),
    col(
        "exitReason",
        "退出原因",
        &[],
        false,
        false,
        "已退出必填。",
        20.0,
    ),
    col(
        "refusedOn",
        "不予通过日期",
        &[],
        false,
        false,
        "审核未通过、审批未同意必填。",
        12.0,
    ),
    col(
        "refusalReason",
        "不予通过原因",
        &[],
        false,
        false,
        "审核未通过、审批未同意必填。",
        20.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

pub struct ParsedAdmission {
    input: AdmissionInput,
    state: ImportedState,
}

/// The one village/community or grid named (or coded) `text`.
fn target_unit(conn: &Connection, text: &str) -> std::result::Result<String, String> {
    for kind in [UnitKind::Village, UnitKind::BaseGrid, UnitKind::MicroGrid] {
        match unit_by(conn, kind, text, None) {
            Ok(u) => return Ok(u.id),
            // The same name more than once: the message says to use the code.
            Err(m) if m.contains("有 ") => return Err(m),
            Err(_) => {}
        }
    }
    Err(format!(
        "没有名称或代码为“{}”的村/社区或网格。请先在“组织架构”中建立，或检查是否写错。",
        text.trim()
    ))
}

fn date(
    row: &RowCells,
    key: &'static str,
    label: &str,
) -> std::result::Result<Option<String>, Problems> {
    date_field(key, label, row.get(key)).map_err(on(key))
}

/// `r`'s value, or `None` with its problems kept in `problems`.
fn keep<T>(problems: &mut Problems, r: std::result::Result<T, Problems>) -> Option<T> {
    r.map_err(|p| problems.extend(p)).ok()
}

fn text(row: &RowCells, key: &'static str, label: &str) -> std::result::Result<String, Problems> {
    text_field(key, label, row.get(key), 1000).map_err(on(key))
}

impl RecordKind for Admissions {
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[
        ("step", crate::admissions::AdmissionStep::PAIRS),
        ("resources", crate::admissions::Resource::PAIRS),
        ("level", crate::admissions::TargetLevel::PAIRS),
        ("term", crate::admissions::Term::PAIRS),
    ];
    const STORED_IN: &'static str =
        <crate::admissions::Admission as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "admissions";
    const LABEL: &'static str = "准入事项";
    const ALIASES: &'static [&'static str] = &["准入事项", "准入"];
    const WIZARD: Wizard = crate::wizard!("准入事项", "项", "准入事项台账.xlsx");
    const KEY_COLUMN: &'static str = "matter";
    const KEY_WITH: &'static [&'static str] = &["department"];
    type Parsed = ParsedAdmission;
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = COLUMNS;

    fn parse(
        conn: &Connection,
        _refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedAdmission, Problems> {
        // Every problem of the row at once (an unknown grid, a 短期 without 截止日期
        // and an 已审批 without 审批机关 took three rounds of fixing).
        let mut problems: Problems = Vec::new();
        let mut unit_ids = Vec::new();
        for name in list_of(row.get("units")) {
            if let Some(id) = keep(
                &mut problems,
                target_unit(conn, &name).map_err(|m| vec![("units", m)]),
            ) {
                unit_ids.push(id);
            }
        }
        let input = AdmissionInput {
            department: row.get("department").into(),
            matter: row.get("matter").into(),
            content: row.get("content").into(),
            basis: row.get("basis").into(),
            resources: list_of(row.get("resources")),
            resources_note: row.get("resourcesNote").into(),
            level: row.get("level").into(),
            unit_ids,
            term: row.get("term").into(),
            end_date: row.get("endDate").into(),
            applied_on: row.get("appliedOn").into(),
            note: row.get("note").into(),
        };
        let before = admissions::find_by_name(conn, &input.department, &input.matter)
            .map_err(on("matter"))?;
        // A unit not found is said once: not again as none chosen.
        let unit_missing = !problems.is_empty();
        let checked = keep(
            &mut problems,
            admissions::checked_admission(conn, &ctx_for(today), before.as_ref(), &input)
                .map_err(in_column::<Self>(&[("unitIds", "units")], "matter"))
                .map_err(|p| {
                    p.into_iter()
                        .filter(|(c, _)| !(unit_missing && *c == "units"))
                        .collect()
                }),
        );
        // A 长期 matter has no end: a date written here would be dropped.
        if checked.as_ref().is_some_and(|c| c.end_date.is_none()) && !row.get("endDate").is_empty()
        {
            problems.push((
                "endDate",
                "长期事项没有截止日期：请清空这一格，或把期限类型改成“短期”。".into(),
            ));
        }
        let step = match row.get("step") {
            "" => Some(AdmissionStep::Applied),
            s => keep(&mut problems, AdmissionStep::parse(s).map_err(on("step"))),
        };
        let state = ImportedState {
            step: step.unwrap_or(AdmissionStep::Applied),
            reviewed_on: keep(&mut problems, date(row, "reviewedOn", "审核日期")).flatten(),
            review_opinion: keep(&mut problems, text(row, "reviewOpinion", "审核意见"))
                .unwrap_or_default(),
            approved_on: keep(&mut problems, date(row, "approvedOn", "审批日期")).flatten(),
            approving_body: keep(&mut problems, text(row, "approvingBody", "审批机关"))
                .unwrap_or_default(),
            document_number: keep(&mut problems, text(row, "documentNumber", "批准文号"))
                .unwrap_or_default(),
            entered_on: keep(&mut problems, date(row, "enteredOn", "进入日期")).flatten(),
            exited_on: keep(&mut problems, date(row, "exitedOn", "退出日期")).flatten(),
            exit_reason: keep(&mut problems, text(row, "exitReason", "退出原因"))
                .unwrap_or_default(),
            refused_on: keep(&mut problems, date(row, "refusedOn", "不予通过日期")).flatten(),
            refusal_reason: keep(&mut problems, text(row, "refusalReason", "不予通过原因"))
                .unwrap_or_default(),
        };
        // The step's own needs, once its cells read (its applied date from the check).
        let applied_on = checked.as_ref().map(|c| c.applied_on.clone()).or_else(|| {
            date_field("appliedOn", "申请日期", row.get("appliedOn"))
                .ok()
                .flatten()
        });
        if let (Some(applied_on), Some(_)) = (applied_on, step) {
            keep(
                &mut problems,
                state
                    .check(&applied_on, today)
                    .map_err(in_column::<Self>(&[], "step")),
            );
        }
        // As on screen: a short-term matter past its 截止日期 is not entered.
        if let (Some(on), Some(end)) = (
            &state.entered_on,
            checked.as_ref().and_then(|c| c.end_date.as_ref()),
        ) {
            if on > end {
                problems.push((
                    "enteredOn",
                    format!("进入日期 {on} 晚于这项短期事项的截止日期 {end}：到期的事项不能再进入。请核对日期，或把截止日期改为新的期限。"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ParsedAdmission { input, state })
    }

    fn key(p: &ParsedAdmission) -> String {
        format!(
            "{}\u{1f}{}",
            p.input.department.trim(),
            p.input.matter.trim()
        )
    }

    fn existing(
        conn: &Connection,
        _refs: &mut Refs,
        p: &ParsedAdmission,
    ) -> Result<Option<String>> {
        Ok(admissions::find_by_name(conn, &p.input.department, &p.input.matter)?.map(|a| a.id))
    }

    /// A row whose step is not the stored one or one after it on its path.
    fn refuses_update(
        conn: &Connection,
        p: &ParsedAdmission,
        existing: &str,
    ) -> Option<(&'static str, String)> {
        let stored = ledger::get::<Admission>(conn, existing).ok()?.step;
        (!p.state.step.path().starts_with(&stored.path()))
            .then(|| crate::sheets::import::step_back("step", stored.label(), p.state.step.label()))
    }

    crate::sheets::rows::empties_of_workflow!(admissions::import_result);

    fn apply(tx: &Tx, p: &ParsedAdmission, existing: Option<&str>) -> Result<Applied> {
        applied::<Admission>(tx, existing, |tx| {
            let id = ledger::upsert(tx, existing, &p.input, admissions::checked_admission)?.id;
            admissions::import_state(tx, &id, &p.state)?;
            Ok(id)
        })
    }
}

/// (sheet name, columns, rows): every admission in the import columns.
pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    if kind != "admissions" {
        return Ok(None);
    }
    let names = hierarchy::names(conn)?;
    let d = |o: Option<String>| o.unwrap_or_default();
    let rows = admissions::admissions(conn, &AdmissionQuery::default(), today)?
        .into_iter()
        .map(|a| {
            vec![
                a.department,
                a.matter,
                a.content,
                a.basis,
                a.resource_labels.join("、"),
                a.resources_note,
                a.level_label.into(),
                a.unit_ids
                    .iter()
                    .filter_map(|u| names.get(u).cloned())
                    .collect::<Vec<_>>()
                    .join("、"),
                a.term_label.into(),
                d(a.end_date),
                a.step_label.into(),
                a.applied_on,
                d(a.reviewed_on),
                a.review_opinion,
                d(a.approved_on),
                a.approving_body,
                a.document_number,
                d(a.entered_on),
                d(a.exited_on),
                a.exit_reason,
                d(a.refused_on),
                a.refusal_reason,
                a.note,
            ]
        })
        .collect();
    Ok(Some(("准入事项", COLUMNS, rows)))
}
