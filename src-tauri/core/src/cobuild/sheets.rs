//! Excel in and out for co-building (共建台账): partner units and projects, one
//! [`RecordKind`] each on the shared import machinery, and their export lists.
//! Columns are documented in `docs/IMPORT.md`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::error::Result;
use crate::cobuild::{self, PartnerUnit, PartnerUnitInput, Project, ProjectInput, ProjectStatus};
use crate::hierarchy::sheets::unit_by;
use crate::hierarchy::{self, Unit, UnitKind};
use crate::sheets::import::{col, Applied, Column, RecordKind, RowCells};
use crate::sheets::kind::{ListRows, Wizard};
use crate::sheets::rows::{applied, ctx_for, in_column, list_of, on, Problems, Refs};
use crate::store::ledger;
use crate::store::Tx;

/// The one partner unit named `text` (also for party's committee members).
pub(crate) fn partner_by_name(
    refs: &mut Refs,
    conn: &Connection,
    text: &str,
) -> std::result::Result<PartnerUnit, String> {
    refs.by_name::<PartnerUnit>(conn, |p| p.name.clone(), text, "共建单位")
}

// ---------- 共建单位 ----------

pub struct PartnerUnits;

static PARTNER_COLUMNS: &[Column] = &[
    col(
        "name",
        "单位名称",
        &["名称", "共建单位"],
        true,
        false,
        "同名的单位再次导入时更新。",
        28.0,
    ),
    col(
        "kind",
        "单位类型",
        &["类型", "单位性质", "性质"],
        true,
        false,
        "机关、企业、事业单位、社会组织、社区社会企业、新就业群体或其他。",
        14.0,
    )
    .choose_from(&[
        "机关",
        "企业",
        "事业单位",
        "社会组织",
        "社区社会企业",
        "新就业群体",
        "其他",
    ]),
    col("contactName", "联系人", &[], false, false, "", 10.0),
    col(
        "contactPhone",
        "联系电话",
        &["电话", "手机号码", "手机号", "联系方式"],
        false,
        true,
        "11位手机号，或带区号的座机号。这一列请设为“文本”格式。",
        16.0,
    ),
    col(
        "villages",
        "结对村/社区",
        &["结对社区", "村/社区"],
        false,
        false,
        "用顿号“、”分开。",
        24.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

impl RecordKind for PartnerUnits {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("kind", crate::cobuild::PartnerKind::PAIRS)];
    const NAME: &'static str = "partner-units";
    const LABEL: &'static str = "共建单位";
    const ALIASES: &'static [&'static str] = &["共建单位"];
    const WIZARD: Wizard = crate::wizard!("共建单位", "个", "共建单位名单.xlsx");
    const KEY_COLUMN: &'static str = "name";
    type Parsed = PartnerUnitInput;
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = PARTNER_COLUMNS;

    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<PartnerUnitInput, Problems> {
        let mut village_ids = Vec::new();
        for v in list_of(row.get("villages")) {
            village_ids.push(
                unit_by(conn, UnitKind::Village, &v, None)
                    .map_err(|m| vec![("villages", m)])?
                    .id,
            );
        }
        let existing = partner_by_name(refs, conn, row.get("name")).ok();
        let input = PartnerUnitInput {
            name: row.get("name").into(),
            kind: row.get("kind").into(),
            contact_name: row.get("contactName").into(),
            contact_phone: crate::base::identity::unmask_phone(
                row.get("contactPhone"),
                existing.as_ref().map(|p| p.contact_phone.as_str()),
            ),
            village_ids,
            note: row.get("note").into(),
        };
        cobuild::checked_partner(conn, &ctx_for(today), existing.as_ref(), &input).map_err(
            in_column::<PartnerUnits>(&[("villageIds", "villages")], "name"),
        )?;
        Ok(input)
    }

    fn key(p: &PartnerUnitInput) -> String {
        p.name.trim().to_string()
    }

    fn existing(
        conn: &Connection,
        refs: &mut Refs,
        p: &PartnerUnitInput,
    ) -> Result<Option<String>> {
        Ok(partner_by_name(refs, conn, &p.name).ok().map(|u| u.id))
    }

    crate::sheets::rows::through!(cobuild::checked_partner);
}

// ---------- 共建项目 ----------

pub struct Projects;

static PROJECT_COLUMNS: &[Column] = &PROJECT_IMPORT;

/// The export of 共建项目: its import columns, then its 佐证材料 by name (the list
/// said nothing of the photos and documents behind a project: probe AO).
static PROJECT_EXPORT: [Column; 21] = crate::sheets::import::then(&PROJECT_IMPORT, PROJECT_ALSO);

pub const PROJECT_ALSO: [Column; 2] = [
    col(
        "evidence",
        "佐证材料",
        &[],
        false,
        false,
        "项目上传的照片和文件，几个、各叫什么。",
        24.0,
    ),
    // A county could not filter the projects behind their plan, as it can the
    // overdue 诉求.
    col(
        "overdue",
        "是否逾期",
        &[],
        false,
        false,
        "导出之日已过计划完成日期仍未完成、或已过计划开始日期仍未实施的为“是”。",
        8.0,
    ),
];

const PROJECT_IMPORT: [Column; 19] = [
    col(
        "title",
        "项目名称",
        &["名称", "项目"],
        true,
        false,
        "同一村/社区同名的项目再次导入时更新。",
        26.0,
    ),
    col(
        "village",
        "村/社区",
        &["提出需求的村/社区", "社区"],
        true,
        false,
        "提出需求的村或社区。",
        14.0,
    ),
    col(
        "category",
        "类别",
        &["项目类别", "项目类型"],
        true,
        false,
        "如 环境整治、为老服务、助学帮困。",
        12.0,
    ),
    col(
        "status",
        "状态",
        &["项目状态"],
        false,
        false,
        "待认领、已认领、实施中、已完成或已评价；不填为待认领。",
        10.0,
    )
    .choose_from(&["待认领", "已认领", "实施中", "已完成", "已评价"]),
    col(
        "registeredOn",
        "登记日期",
        &["登记时间", "提出日期"],
        false,
        false,
        "村/社区提出需求、项目登记的日期，也是时间线上“待认领”一步的日期；不填：新项目取本行最早的日期，已有的项目不变。",
        12.0,
    ),
    col(
        "claimedBy",
        "认领单位",
        &["认领的共建单位"],
        false,
        false,
        "共建单位名称，用顿号“、”分开；已认领及以后的状态必填。",
        28.0,
    ),
    col(
        "claimedOn",
        "认领日期",
        &["认领时间"],
        false,
        false,
        "如 2024-03-01，时间线上“已认领”一步的日期；不填则取本行最近的日期（登记、开工或完成日期）。",
        12.0,
    ),
    col(
        "plannedStart",
        "计划开始",
        &[],
        false,
        false,
        "如 2026-03-01。",
        12.0,
    ),
    col("plannedEnd", "计划完成", &[], false, false, "", 12.0),
    col(
        "actualStart",
        "实际开始",
        &["开工日期", "开始日期", "开工时间", "开始时间"],
        false,
        false,
        "实施中及以后填写，也是时间线上“实施中”一步的日期。",
        12.0,
    ),
    col(
        "actualEnd",
        "实际完成",
        &["完成日期", "竣工日期", "完工日期", "完工时间", "完成时间"],
        false,
        false,
        "已完成及以后必填，也是时间线上“已完成”一步的日期。",
        12.0,
    ),
    col(
        "money",
        "投入资金（元）",
        &["资金"],
        false,
        false,
        "数字。",
        12.0,
    ),
    col(
        "people",
        "投入人力（人）",
        &["人力"],
        false,
        false,
        "整数。",
        12.0,
    ),
    col("goods", "投入物资", &["物资"], false, false, "", 16.0),
    col("beneficiaries", "受益对象", &[], false, false, "", 16.0),
    col(
        "score",
        "评分",
        &[],
        false,
        false,
        "已评价的项目填 1 到 5。",
        8.0,
    ),
    col("evaluation", "评价意见", &[], false, false, "", 20.0),
    col(
        "evaluatedOn",
        "评价日期",
        &["评价时间"],
        false,
        false,
        "时间线上“已评价”一步的日期；不填则取完成日期。",
        12.0,
    ),
    col("note", "备注", &[], false, false, "", 20.0),
];

/// A project row: the editable fields, and its state as the sheet says.
pub struct ParsedProject {
    input: ProjectInput,
    state: cobuild::ImportedState,
}

impl RecordKind for Projects {
    const VALUES: &'static [crate::sheets::kind::FieldValues] =
        &[("status", crate::cobuild::ProjectStatus::PAIRS)];
    const STORED_IN: &'static str =
        <crate::cobuild::Project as crate::store::ledger::Document>::TABLE;
    const NAME: &'static str = "projects";
    const LABEL: &'static str = "共建项目";
    const ALIASES: &'static [&'static str] = &["共建项目"];
    const WIZARD: Wizard = crate::wizard!("共建项目", "个", "共建项目清单.xlsx");
    const KEY_COLUMN: &'static str = "title";
    const KEY_WITH: &'static [&'static str] = &["village"];
    type Parsed = ParsedProject;
    type Lookup = Refs;

    const COLUMNS: &'static [Column] = PROJECT_COLUMNS;

    fn parse(
        conn: &Connection,
        refs: &mut Refs,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<ParsedProject, Problems> {
        let village = unit_by(conn, UnitKind::Village, row.get("village"), None)
            .map_err(|m| vec![("village", m)])?;
        let input = ProjectInput {
            title: row.get("title").into(),
            village_id: village.id,
            category: row.get("category").into(),
            planned_start: row.get("plannedStart").into(),
            planned_end: row.get("plannedEnd").into(),
            money: serde_json::Value::String(row.get("money").into()),
            people: serde_json::Value::String(row.get("people").into()),
            goods: row.get("goods").into(),
            beneficiaries: row.get("beneficiaries").into(),
            note: row.get("note").into(),
            registered_on: row.get("registeredOn").into(),
        };
        let mut scratch = cobuild::blank_project();
        cobuild::apply_input(conn, &mut scratch, &input).map_err(in_column::<Self>(&[], "note"))?;
        let status = match row.get("status") {
            "" => ProjectStatus::Open,
            s => ProjectStatus::parse(s).map_err(on("status"))?,
        };
        let mut claims = Vec::new();
        for name in list_of(row.get("claimedBy")) {
            claims.push(
                partner_by_name(refs, conn, &name)
                    .map_err(|m| vec![("claimedBy", m)])?
                    .id,
            );
        }
        let score = match row.get("score") {
            "" => None,
            s => Some(
                s.parse::<u8>()
                    .ok()
                    .filter(|n| (1..=5).contains(n))
                    .ok_or_else(|| vec![("score", format!("评分“{s}”应是 1 到 5 的整数。"))])?,
            ),
        };
        let state = cobuild::ImportedState {
            status,
            claims,
            registered_on: crate::base::fields::date_field(
                "registeredOn",
                "登记日期",
                row.get("registeredOn"),
            )
            .map_err(on("registeredOn"))?,
            actual_start: crate::base::fields::date_field(
                "actualStart",
                "实际开始",
                row.get("actualStart"),
            )
            .map_err(on("actualStart"))?,
            actual_end: crate::base::fields::date_field(
                "actualEnd",
                "实际完成",
                row.get("actualEnd"),
            )
            .map_err(on("actualEnd"))?,
            score,
            evaluation: row.get("evaluation").into(),
            claimed_on: crate::base::fields::date_field(
                "claimedOn",
                "认领日期",
                row.get("claimedOn"),
            )
            .map_err(on("claimedOn"))?,
            evaluated_on: crate::base::fields::date_field(
                "evaluatedOn",
                "评价日期",
                row.get("evaluatedOn"),
            )
            .map_err(on("evaluatedOn"))?,
        };
        state
            .check()
            .map_err(in_column::<Self>(&[("claims", "claimedBy")], "status"))?;
        // 认领日期 is not after today; it may be after the start (a unit that joined
        // a project under way, the first having withdrawn: the export names its date),
        // not after the completion (no unit claims a finished project).
        crate::sheets::import::step_dates_in_order(
            None,
            &[
                ("registeredOn", "登记日期", state.registered_on.as_ref()),
                ("claimedOn", "认领日期", state.claimed_on.as_ref()),
                ("actualEnd", "实际完成日期", state.actual_end.as_ref()),
            ],
            today,
        )?;
        crate::sheets::import::step_dates_in_order(
            None,
            &[
                ("registeredOn", "登记日期", state.registered_on.as_ref()),
                ("actualStart", "实际开始日期", state.actual_start.as_ref()),
                ("actualEnd", "实际完成日期", state.actual_end.as_ref()),
                ("evaluatedOn", "评价日期", state.evaluated_on.as_ref()),
            ],
            today,
        )?;
        Ok(ParsedProject { input, state })
    }

    fn key(p: &ParsedProject) -> String {
        format!("{}|{}", p.input.village_id, p.input.title.trim())
    }

    /// New projects that come in 已完成 or later have no 佐证材料 (the window asks for
    /// them before 标记为已完成): said, with where to add them (probe AI).
    fn file_note(_conn: &Connection, rows: &[(&ParsedProject, bool)]) -> Option<String> {
        let done: Vec<&str> = rows
            .iter()
            .filter(|(p, stored)| !stored && p.state.status >= cobuild::ProjectStatus::Completed)
            .map(|(p, _)| p.input.title.trim())
            .collect();
        (!done.is_empty()).then(|| {
            format!(
                "{} 个已完成的项目（{}）导入后没有佐证材料：请在“共建 › 项目”里打开它们上传照片等附件，或写明没有附件的原因。",
                done.len(),
                crate::base::fields::first_few(&done, 3)
            )
        })
    }

    fn existing(conn: &Connection, _refs: &mut Refs, p: &ParsedProject) -> Result<Option<String>> {
        Ok(
            ledger::list_by::<Project>(conn, "village_id", &p.input.village_id)?
                .into_iter()
                .find(|x| x.title == p.input.title.trim())
                .map(|x| x.id),
        )
    }

    fn refuses_update(
        conn: &Connection,
        p: &ParsedProject,
        existing: &str,
    ) -> Option<(&'static str, String)> {
        let stored = ledger::get::<cobuild::Project>(conn, existing).ok()?;
        // A project with only its first entry has it dated from the row instead.
        let last = stored
            .events
            .last()
            .filter(|l| stored.events.len() > 1 || l.from.is_some());
        // As `import_state` dates the steps (one the row gives no date for is dated
        // the import day, never before the history's last).
        let planned = [&p.input.planned_start, &p.input.planned_end]
            .map(|d| Some(d.clone()).filter(|d| !d.is_empty()));
        let dates = p
            .state
            .step_dates(&planned, last.map_or("", |l| l.date.as_str()));
        crate::sheets::import::refused_steps(
            &[
                "status",
                "claimedOn",
                "actualStart",
                "actualEnd",
                "evaluatedOn",
            ],
            cobuild::ProjectStatus::PAIRS,
            &dates,
            stored.status as usize,
            p.state.status as usize,
            last.map(|l| (l.to.label(), l.date.as_str())),
        )
    }

    crate::sheets::rows::empties_of_workflow!(cobuild::import_result);

    fn apply(tx: &Tx, p: &ParsedProject, existing: Option<&str>) -> Result<Applied> {
        applied::<Project>(tx, existing, |tx| {
            let id = match existing {
                Some(id) => {
                    cobuild::update_project_id(tx, id, &p.input)?;
                    id.to_string()
                }
                None => cobuild::create_project_id(tx, &p.input)?,
            };
            cobuild::import_state(tx, &id, &p.state)?;
            Ok(id)
        })
    }
}

// ---------- export ----------

/// (sheet name, columns, rows) of one co-building list, in the import columns (so it
/// can be edited and imported back). Phones are masked, as in the lists.
pub fn export_rows(conn: &Connection, kind: &str, today: NaiveDate) -> Result<Option<ListRows>> {
    let units: BTreeMap<String, Unit> = hierarchy::list(conn)?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    let unit = |id: &str| units.get(id).map(|u| u.name.clone()).unwrap_or_default();
    let partners: BTreeMap<String, String> = ledger::list::<PartnerUnit>(conn)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let partner = |id: &str| partners.get(id).cloned().unwrap_or_default();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let (name, columns, rows): (&str, &[Column], Vec<Vec<String>>) = match kind {
        "partner-units" => (
            "共建单位",
            PARTNER_COLUMNS,
            cobuild::partner_units(conn)?
                .into_iter()
                .map(|p| {
                    vec![
                        p.name,
                        p.kind_label.into(),
                        p.contact_name,
                        p.contact_phone,
                        p.village_names.join("、"),
                        p.note,
                    ]
                })
                .collect(),
        ),
        "projects" => (
            "共建项目",
            &PROJECT_EXPORT[..],
            ledger::list::<Project>(conn)?
                .into_iter()
                .map(|p| {
                    vec![
                        p.title.clone(),
                        unit(&p.village_id),
                        p.category.clone(),
                        p.status.label().into(),
                        cobuild::registered_on(&p).unwrap_or_default().into(),
                        p.claims
                            .iter()
                            .map(|c| partner(&c.partner_unit_id))
                            .collect::<Vec<_>>()
                            .join("、"),
                        p.claims
                            .iter()
                            .map(|c| c.claimed_on.clone())
                            .min()
                            .unwrap_or_default(),
                        opt(&p.planned_start),
                        opt(&p.planned_end),
                        // Only once begun (an older import kept it on a project
                        // not yet begun, which the import now refuses).
                        if p.status >= ProjectStatus::InProgress {
                            opt(&p.actual_start)
                        } else {
                            String::new()
                        },
                        opt(&p.actual_end),
                        p.money.map(|m| m.to_string()).unwrap_or_default(),
                        p.people.map(|m| m.to_string()).unwrap_or_default(),
                        p.goods.clone(),
                        p.beneficiaries.clone(),
                        p.score.map(|s| s.to_string()).unwrap_or_default(),
                        p.evaluation.clone(),
                        // Only while evaluated: one moved back keeps the step in its
                        // timeline, not in its row.
                        p.events
                            .iter()
                            .rev()
                            .find(|e| e.to == ProjectStatus::Evaluated)
                            .filter(|_| p.status == ProjectStatus::Evaluated)
                            .map(|e| e.date.clone())
                            .unwrap_or_default(),
                        p.note.clone(),
                        match p.attachments.len() {
                            0 => String::new(),
                            n => format!(
                                "{n} 个：{}",
                                p.attachments
                                    .iter()
                                    .map(|a| a.name.as_str())
                                    .collect::<Vec<_>>()
                                    .join("、")
                            ),
                        },
                        if p.overdue(today) { "是" } else { "否" }.into(),
                    ]
                })
                .collect(),
        ),
        _ => return Ok(None),
    };
    Ok(Some((name, columns, rows)))
}
