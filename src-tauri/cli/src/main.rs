//! `gridledger-cli`: the same core as the desktop app, for county batch work and tests.
//!
//! Exit codes: 0 success; 1 the core refused the operation or the data is bad (the
//! Chinese message goes to stderr); 2 bad usage.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use gridledger_core::base::label_in;
use gridledger_core::hierarchy::{Unit, UnitKind};
use gridledger_core::{
    demo, exchange::package, exchange::report, exchange::senders, hierarchy, people,
    sheets::import, store::backup, store::office, Ctx, Error, Store,
};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "gridledger-cli",
    version,
    about = "基层治理台账 命令行工具（与桌面软件使用同一数据库格式）",
    after_help = "退出码：0 成功；1 操作被拒绝或数据有误（中文说明输出到标准错误）；2 用法错误。",
    help_template = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}",
    override_usage = "gridledger-cli [选项] <命令> [命令的参数]",
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    next_help_heading = "选项"
)]
struct Cli {
    /// 显示帮助
    #[arg(short = 'h', long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// 数据库文件路径（也可用环境变量 GRIDLEDGER_DB 指定）
    #[arg(long, global = true, env = "GRIDLEDGER_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// 以 JSON 输出结果（出错时错误也以 JSON 输出到标准错误）
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 首次设置：本数据库服务的单位（层级、12位统计用区划代码、名称）
    Init {
        /// township（乡镇/街道）、county（县/区）或 city（市）
        #[arg(long)]
        level: String,
        /// 12位统计用区划代码，如 320115101000
        #[arg(long)]
        code: String,
        /// 单位名称，如 青溪街道
        #[arg(long)]
        name: String,
    },
    /// 填入示例数据：新数据库成为示例街道“青溪街道”；已设置的乡镇/街道在本单位代码下填入示例记录
    Demo,
    /// 立即备份到数据库旁的 backups/ 文件夹（并按保留规则清理旧备份）
    Backup,
    /// 列出备份，最新的在前
    Backups,
    /// 用指定备份替换当前数据（先检查备份完整性，并先备份当前数据）
    Restore {
        /// backups/ 中的文件名
        file: String,
        /// 恢复另一个数据库（或另一个单位）的备份时，输入该单位的名称确认
        #[arg(long, value_name = "单位名称")]
        confirm: Option<String>,
    },
    /// 数据检查：完整性检查和数据健康提示；完整性有问题时退出码为 1
    Check,
    /// 显示组织架构（村/社区、小区、基础网格、微网格）
    Tree,
    /// 导出交换文件（本单位全部记录；县、市还带上收到的下级文件），交给上级
    Export {
        /// 保存到的文件夹（自动命名）或 .zip 文件路径
        file: PathBuf,
        /// 同时带上佐证材料（照片、PDF 等附件）本身；不带时只记附件的名称和校验值
        #[arg(long)]
        attachments: bool,
    },
    /// 接收下级单位的交换文件，可一次多个；每个文件单独接收或拒绝
    Receive {
        /// 交换文件（.zip），可以多个
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 用较早的文件替换已收到的较新文件（会记入变更记录）
        #[arg(long)]
        force: bool,
    },
    /// 统计：本单位（own）、每个下级单位（offices）和合计（total）；加 --period 时按期间统计，每个单位一行（含覆盖率、三亮率、按期办结率、满意率）
    Report {
        /// 统计期间：年度（2026）、季度（2026Q4）、月（2026-11）或起止日期（2026-10-01..2026-12-31）；发生类指标统计期间内的，存量类指标统计期末的
        #[arg(long)]
        period: Option<String>,
        /// 与 --period 一起用：按这一列给各单位排名（coverage 网格覆盖率、sanliang 三亮率、onTime 按期办结率、satisfaction 满意率，或统计项的键）
        #[arg(long, requires = "period")]
        sort: Option<String>,
    },
    /// 报送情况：应报单位和已报送的单位，含从未报送、逾期、最近一次被拒收等标记
    Senders {
        /// 先把已报送（已收到其文件）而不在应报名单的单位都设为应报单位（记入变更记录）
        #[arg(long)]
        expect_received: bool,
    },
    /// 生成导入模板（.xlsx，含填写说明）
    Template {
        /// 记录类型，见 docs/IMPORT.md（如 people、demands、leaders）
        #[arg(long)]
        kind: String,
        /// 保存到的 .xlsx 文件
        out: PathBuf,
    },
    /// 从 .xlsx、.xls 或 .csv 导入；有错误的行不导入，用 --errors 保存错误清单
    Import {
        /// 记录类型，见 docs/IMPORT.md（如 people、demands、leaders）
        #[arg(long)]
        kind: String,
        /// 要导入的文件
        file: PathBuf,
        /// 只检查、不写入（预览）
        #[arg(long)]
        preview: bool,
        /// 把有错误的行连同错误原因保存为 .xlsx，改好后可再次导入
        #[arg(long, value_name = "OUT")]
        errors: Option<PathBuf>,
        /// 要导入的工作表名称（默认：第一个有表头的可见工作表）
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// 也导入旧名单的行：文件保存之后，这些行对应的记录又在软件里改过（默认不导入，以免改回去）
        #[arg(long)]
        include_older_rows: bool,
    },
    /// 导出名单到 .xlsx（身份证号码和手机号码默认打码）
    ExportXlsx {
        /// 列表：people（人员）、下方列出的任一导出列表，或 all（全部台账，每本一张工作表）
        #[arg(long)]
        kind: String,
        /// 只导出此身份：grid_worker、building_head、info_officer、community_worker
        #[arg(long, default_value = "")]
        role: String,
        /// 只导出姓名、证件、电话或网格中含有这段文字的人
        #[arg(long, default_value = "")]
        text: String,
        /// 导出完整的身份证号码和手机号码（会记入变更记录）
        #[arg(long)]
        unmasked: bool,
        /// 保存到的 .xlsx 文件
        out: PathBuf,
    },
    /// 考核评分表：每个单位（本单位和各下级单位）每项指标的得分、分组小计、总分和名次
    Score {
        /// 考核期间：年度（如 2026）或季度（如 2026Q4）
        #[arg(long)]
        period: String,
    },

    /// 季度抽查：按季度、抽查比例和随机号（考核组会上写下的数字）打印抽取结果，与软件里抽取的完全相同（只打印，不保存）
    Sample {
        /// 季度，如 2026Q4
        #[arg(long)]
        quarter: String,
        /// 抽查比例，不低于 0.3（30%），可写 0.3 或 30%
        #[arg(long, default_value = "0.3")]
        rate: String,
        /// 随机号：考核组在抽查会上写下的数字
        #[arg(long, value_name = "N")]
        seed: String,
    },
}

fn ctx() -> Ctx {
    Ctx::new(Utc::now())
}

/// The backups beside the database at `path`, newest first, and their text form.
/// What an empty export says at a county or city holding received files: the
/// lists are its own ledger, and where the townships' records are (an empty file,
/// "已导出 0 人", read as if the townships had sent nobody).
fn own_ledger_only(store: &Store, kind: &str, n: usize) -> Result<String, Error> {
    // The office's own settings, not records a township sends.
    let settings = matches!(kind, "expected-offices" | "indicators");
    Ok(
        if n == 0 && !settings && senders::offices_held(store.conn())? > 0 {
            "\n导出的是本单位自己的台账，其中没有这类记录。下级单位报送的记录不在这里：请在“统计”中点击不为 0 的数查看明细，明细可导出 Excel（写明所属单位）。".to_string()
        } else {
            String::new()
        },
    )
}

fn backups_of(path: &std::path::Path) -> Result<(Value, String), Error> {
    let list = backup::list_for(path)?;
    // Which backups are another database's can be told only when this one reads (a
    // damaged database's own backups are not "other"); read, not opened for writing
    // (that would migrate it, and fails while the app has it open).
    let readable = backup::identity_known(path);
    let text = list
        .iter()
        .map(|b| {
            // As the app's list badges them: why it was taken, and a backup of
            // another database in the same folder named as such (恢复 asks to confirm it).
            let mut notes: Vec<String> = Vec::new();
            if !b.occasion.is_empty() {
                notes.push(b.occasion.to_string());
            }
            if readable && !b.same_database {
                notes.push(match (b.office_name.as_str(), b.office_code.as_str()) {
                    ("", "") => "其他数据库".to_string(),
                    ("", code) => format!("其他数据库（{code}）"),
                    (name, code) => format!("其他数据库（{name}，{code}）"),
                });
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!("\t{}", notes.join("；"))
            };
            format!(
                "{}\t{}\t{} 字节{notes}",
                china_time(&b.taken_at),
                b.file_name,
                b.size_bytes
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok((serde_json::to_value(&list)?, text))
}

/// The result to print, its text form, and whether part of it failed (exit 1).
fn run(cli: &Cli) -> Result<(Value, String, bool), Error> {
    // A template is the same for every database: it needs none.
    if let Command::Template { kind, out } = &cli.command {
        let kind = gridledger_core::kinds::ImportKind::parse(kind)?;
        kind.write_template(out)?;
        return Ok((
            json!({ "file": shown(out) }),
            format!("已生成{}导入模板：{}", kind.label(), out.display()),
            false,
        ));
    }
    let path = cli.db.clone().ok_or_else(|| {
        Error::validation(
            "db",
            "请用 --db 指定数据库文件（或设置环境变量 GRIDLEDGER_DB）。",
        )
    })?;
    // Only init and demo may create a database; every other command needs one that
    // exists, so a mistyped --db creates nothing.
    // A damaged database: the backups are still listed (read beside it, the file
    // itself not opened), and a restore sets the damaged file aside first, as the
    // app does at start, then brings the backup back into its place.
    let mut aside = None;
    let mut store = match cli.command {
        Command::Init { .. } | Command::Demo => Store::open(&path)?,
        Command::Backups if path.is_file() => {
            let (value, text) = backups_of(&path)?;
            return Ok((value, text, false));
        }
        Command::Restore { .. } if path.is_file() => {
            let opened = gridledger_core::store::startup::open_for_app(&path, Utc::now())?;
            aside = opened.recovery.map(|r| r.set_aside_path);
            opened.store
        }
        _ => Store::open_existing(&path)?,
    };
    // Indicators still as an earlier default system installed them become this
    // build's, as the app does at start: a database only the CLI opened scored
    // 诉求办结率 by the old formula (150%) and sent it up in its file.
    if matches!(
        cli.command,
        Command::Score { .. } | Command::Export { .. } | Command::Report { .. }
    ) && office::get(store.conn())?.is_some()
    {
        store.write(&ctx(), gridledger_core::scores::defaults::upgrade)?;
    }
    let out = match &cli.command {
        Command::Init { level, code, name } => {
            let o = store.write(&ctx(), |tx| office::setup(tx, level, code, name, false))?;
            backup::on_start(&store, Utc::now())?;
            let text = format!(
                "已设置本单位：{}（{}，{}）",
                o.name,
                o.level.label(),
                o.code
            );
            (serde_json::to_value(&o)?, text)
        }
        Command::Demo => {
            let s = demo::fill(&mut store, &ctx())?;
            let o = office::require(store.conn())?;
            let text = format!(
                "已填入示例数据到“{}”：{} 个村/社区，{} 个小区，{} 个基础网格，{} 个微网格，{} 名人员，{} 个业务网格",
                o.name, s.villages, s.compounds, s.base_grids, s.micro_grids, s.people, s.business_grids
            );
            (serde_json::to_value(&s)?, text)
        }
        Command::Backup => {
            let b = backup::take(&store, Utc::now(), None)?;
            let pruned = backup::prune(&store)?;
            let text = format!(
                "已备份到 {}（{} 字节）；清理旧备份 {} 个",
                b.path,
                b.size_bytes,
                pruned.len()
            );
            (json!({ "backup": b, "pruned": pruned }), text)
        }
        Command::Backups => backups_of(&path)?,
        Command::Restore { file, confirm } => {
            let restored = backup::restore(&mut store, &ctx(), file, confirm.as_deref())?;
            let safety = &restored.safety_backup;
            let mut text = match safety {
                Some(b) => format!("已从备份“{file}”恢复。恢复前的数据已另存为 {}", b.file_name),
                None => format!("已从备份“{file}”恢复。"),
            };
            if restored.missing_files > 0 {
                text = format!("{text}\n{}", restored.missing_advice);
            }
            if let Some(a) = &aside {
                text = format!("数据库文件已损坏，已另存为 {a}（不会删除）。{text}");
            }
            (
                json!({ "safetyBackup": safety, "damagedSetAside": aside, "missingFiles": restored.missing_files }),
                text,
            )
        }
        Command::Check => {
            let r = gridledger_core::exchange::report::check(store.conn())?;
            let mut text = format!(
                "完整性检查：{}",
                if r.is_ok() {
                    "正常".to_string()
                } else {
                    r.integrity.clone()
                }
            );
            for f in &r.findings {
                text.push_str(&format!(
                    "\n[{}] {}",
                    if f.severity == "warning" {
                        "注意"
                    } else {
                        "提示"
                    },
                    f.message
                ));
            }
            if !r.is_ok() {
                return Err(Error::Refused(text));
            }
            (serde_json::to_value(&r)?, text)
        }
        // Answered above, before any database is opened.
        Command::Template { .. } => return Err(Error::Internal("template".into())),
        Command::Import {
            kind,
            file,
            preview,
            errors,
            sheet,
            include_older_rows,
        } => {
            let kind = gridledger_core::kinds::ImportKind::parse(kind)?;
            if let Some(out) = errors {
                // Before reading anything: never over the input or the database.
                gridledger_core::base::outfile::check_target(out, &["xlsx"], &[file])?;
            }
            let source = || gridledger_core::sheets::import::Source {
                path: file,
                sheet: sheet.as_deref(),
                given: &[],
            };
            let today = ctx().today();
            let p = kind.preview(store.conn(), source(), today)?;
            // The notes once: the check's when only checking, the summary's after
            // an import (it printed both, the first uncapped).
            let mut text = preview_text(&p, *preview);
            // Only when a row was refused: no empty list written over nothing.
            match errors {
                Some(out) if p.rejected_rows > 0 => {
                    let n = kind.write_error_workbook(store.conn(), source(), out, today)?;
                    text.push_str(&format!(
                        "\n已把 {n} 行有错误的数据保存到 {}",
                        out.display()
                    ));
                }
                Some(_) => text.push_str("\n没有有错误的行，没有保存错误清单。"),
                None => {}
            }
            // Refused rows make the exit code 1, with or without --preview.
            let refused = p.rejected_rows > 0;
            if *preview {
                return Ok((serde_json::to_value(&p)?, text, refused));
            }
            // An older list's rows stay out, as the window leaves them unticked (an old
            // roster put back a phone changed since, unsaid).
            let older: Vec<usize> = if *include_older_rows {
                Vec::new()
            } else {
                p.stale_rows.iter().map(|r| r.row).collect()
            };
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let s = kind.commit_leaving_out(
                &mut store,
                &ctx(),
                source(),
                &cancel,
                &mut |_, _| {},
                &older,
            )?;
            text.push('\n');
            text.push_str(&s.text());
            return Ok((json!({ "preview": p, "summary": s }), text, refused));
        }
        Command::ExportXlsx {
            kind,
            role,
            text,
            unmasked,
            out,
        } => {
            let listed = gridledger_core::kinds::export_names().contains(&kind.as_str());
            if listed || kind == "all" {
                if *unmasked || !role.is_empty() || !text.is_empty() {
                    return Err(Error::validation(
                        "unmasked",
                        format!("--unmasked、--role 和 --text 只适用于 people（人员名单），“{kind}”不能使用。"),
                    ));
                }
                if kind == "all" {
                    let counts =
                        gridledger_core::kinds::export_all_xlsx(store.conn(), out, ctx().today())?;
                    let rows: usize = counts.iter().map(|(_, n)| n).sum();
                    return Ok((
                        json!({ "file": shown(out), "sheets": counts.len(), "rows": rows }),
                        format!(
                            "已导出 {} 张台账、共 {rows} 行到 {}",
                            counts.len(),
                            out.display()
                        ),
                        false,
                    ));
                }
                let n =
                    gridledger_core::kinds::export_xlsx(store.conn(), kind, out, ctx().today())?;
                return Ok((
                    json!({ "file": shown(out), "rows": n }),
                    format!(
                        "已导出 {n} 行到 {}{}",
                        out.display(),
                        own_ledger_only(&store, kind, n)?
                    ),
                    false,
                ));
            }
            if gridledger_core::kinds::ImportKind::parse(kind)?
                != gridledger_core::kinds::ImportKind::people()
            {
                return Err(Error::validation(
                    "kind",
                    format!(
                        "“{kind}”不能导出。可导出的有：people、{}。",
                        gridledger_core::kinds::export_names().join("、")
                    ),
                ));
            }
            let q = people::PersonQuery {
                role: role.clone(),
                text: text.clone(),
                ..Default::default()
            };
            let n = people::roster::export_xlsx(&mut store, &ctx(), &q, *unmasked, out)?;
            let how = if *unmasked {
                "完整号码（已记入变更记录）"
            } else {
                "号码已打码"
            };
            (
                json!({ "file": shown(out), "rows": n, "unmasked": unmasked }),
                format!(
                    "已导出 {n} 人到 {}（{how}）{}",
                    out.display(),
                    own_ledger_only(&store, "people", n)?
                ),
            )
        }
        Command::Export { file, attachments } => {
            let e = package::export_to(&mut store, &ctx(), file, *attachments)?;
            let text = format!(
                "已导出第 {} 次交换文件：{}（{} 字节）",
                e.sequence, e.path, e.bytes
            );
            (serde_json::to_value(&e)?, text)
        }
        Command::Receive { files, force } => {
            let mut receipts =
                package::receive_many(&mut store, &ctx(), files, *force, |_, _, _| {})?;
            // In this tool's words in --json too (强制接收 → --force).
            for r in &mut receipts {
                r.message = for_cli(&r.message);
            }
            let refused = receipts.iter().filter(|r| r.outcome == "refused").count();
            let text = receipts
                .iter()
                .map(|r| {
                    format!(
                        "[{}] {}：{}",
                        label_in(package::OUTCOMES, r.outcome),
                        r.file_name,
                        for_cli(package::without_file_name(&r.message, &r.file_name))
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            // Every file's outcome is printed; any refusal makes the exit code 1.
            return Ok((serde_json::to_value(&receipts)?, text, refused > 0));
        }
        Command::Report {
            period: Some(period),
            sort,
        } => {
            let p = gridledger_core::base::period::Period::parse("period", period)?;
            let r = report::period_report(store.conn(), &p, ctx().today())?;
            let ranked = sort
                .as_deref()
                .map(|col| report::ranked(&r, col))
                .transpose()?;
            let text = period_report_text(&r, ranked.as_deref(), sort.as_deref());
            let mut value = serde_json::to_value(&r)?;
            if let (Some(o), Some(ranked)) = (value.as_object_mut(), &ranked) {
                o.insert(
                    "ranking".into(),
                    ranked
                        .iter()
                        .map(|(n, row)| json!({"rank": n, "code": row.code, "name": row.name}))
                        .collect(),
                );
            }
            (value, text)
        }
        Command::Report { period: None, .. } => {
            let r = report::report(store.conn(), ctx().today())?;
            let labels: serde_json::Map<String, Value> = report::KEYS
                .iter()
                .map(|(k, l)| (k.to_string(), json!(l)))
                .collect();
            let mut value = serde_json::to_value(&r)?;
            if let Some(o) = value.as_object_mut() {
                o.insert("labels".into(), Value::Object(labels));
            }
            let mut lines = vec![format!("{:<36}{:>10}{:>10}", "项目", "本单位", "合计")];
            for (key, label) in report::KEYS {
                lines.push(format!(
                    "{:<30}{:>10}{:>10}",
                    format!("{label}（{key}）"),
                    r.own[*key],
                    r.total[*key]
                ));
            }
            for (code, o) in &r.offices {
                lines.push(format!(
                    "下级：{}（{code}）第 {} 次导出，{} 收到",
                    o.name,
                    o.sequence,
                    china_time(&o.received_at)
                ));
            }
            (value, lines.join("\n"))
        }
        Command::Score { period } => {
            let t =
                gridledger_core::scores::table::score_table(store.conn(), period, ctx().today())?;
            let text = gridledger_core::scores::table::to_text(&t);
            (serde_json::to_value(&t)?, text)
        }
        Command::Senders { expect_received } => {
            let added = if *expect_received {
                Some(store.write(&ctx(), senders::expect_received)?)
            } else {
                None
            };
            let s = senders::who_has_sent(store.conn(), ctx().today())?;
            let mut lines = Vec::new();
            if let Some(added) = &added {
                lines.push(if added.is_empty() {
                    "已报送的单位都已在应报名单中，没有新增。".to_string()
                } else {
                    format!(
                        "已把 {} 个已报送的单位设为应报单位：{}",
                        added.len(),
                        added
                            .iter()
                            .map(|o| format!("{}（{}）", o.name, o.code))
                            .collect::<Vec<_>>()
                            .join("、")
                    )
                });
            }
            if !s.has_expected_list && s.rows.iter().any(|r| r.sent) {
                lines.push(
                    "还没有应报名单。可运行 gridledger-cli senders --expect-received 把已报送的单位设为应报名单，或用 import --kind expected-offices 导入名单。"
                        .to_string(),
                );
            }
            if s.rows.is_empty() {
                lines.push(
                    "还没有收到下级单位的文件，也还没有应报名单。可用 import --kind expected-offices 导入应报单位名单，收到文件后用 receive 接收。"
                        .to_string(),
                );
            }
            lines.push(format!("逾期天数：{}", s.late_days));
            for r in &s.rows {
                let flags: Vec<&str> = r
                    .flags
                    .iter()
                    .map(|f| label_in(senders::FLAGS, f))
                    .collect();
                lines.push(format!(
                    "{} {}  {}  {}",
                    r.code,
                    r.name,
                    r.sequence
                        .map(|n| format!(
                            "第 {n} 次导出，{}",
                            china_time(r.exported_at.as_deref().unwrap_or(""))
                        ))
                        .unwrap_or_else(|| "未收到".into()),
                    if flags.is_empty() {
                        "正常".to_string()
                    } else {
                        flags.join("、")
                    }
                ));
                if let Some(below) = &r.below {
                    lines.push(format!("  {}", below.said));
                }
                for note in &r.below_notes {
                    lines.push(format!("  {note}"));
                }
            }
            let mut value = serde_json::to_value(&s)?;
            if let (Some(added), Some(o)) = (added, value.as_object_mut()) {
                o.insert("added".into(), serde_json::to_value(added)?);
            }
            (value, lines.join("\n"))
        }
        Command::Sample {
            quarter,
            rate,
            seed,
        } => {
            let input = gridledger_core::sampling::SampleInput {
                quarter: quarter.clone(),
                rate: rate.clone(),
                number: seed.clone(),
                reason: String::new(),
            };
            let d = gridledger_core::sampling::preview_sample(store.conn(), &input)?;
            let mut lines = vec![
                format!(
                    "{} 抽查：抽取 {} 个小区，复核码 {}",
                    gridledger_core::sampling::Quarter::parse(quarter)?.label(),
                    d.size,
                    d.seed
                ),
                format!("规则：{}", d.rule),
            ];
            for s in &d.strata {
                lines.push(format!(
                    "{}：{} 个小区，抽 {} 个",
                    s.community_name, s.compounds, s.drawn
                ));
            }
            for (i, c) in d.drawn.iter().enumerate() {
                lines.push(format!(
                    "{:>3}. {} {}（{}）{}  检查人员：{}",
                    i + 1,
                    c.compound_code,
                    c.compound_name,
                    c.community_name,
                    if c.drawn_last_quarter {
                        " 上季度也抽中"
                    } else {
                        ""
                    },
                    c.inspector_names.join("、")
                ));
            }
            (serde_json::to_value(&d)?, lines.join("\n"))
        }
        Command::Tree => {
            let all = hierarchy::list(store.conn())?;
            (serde_json::to_value(&all)?, tree_text(&all))
        }
    };
    Ok((out.0, out.1, false))
}

fn preview_text(p: &import::Preview, with_notes: bool) -> String {
    let mut lines = vec![format!(
        "文件“{}”：共 {} 行数据，可导入 {} 行（新增 {}，更新 {}{}），有错误 {} 行，空行 {} 行。",
        p.file_name,
        p.total_rows,
        p.valid_rows,
        p.to_create,
        p.to_update.saturating_sub(p.unchanged),
        if p.unchanged > 0 {
            format!("，与已有记录相同 {}", p.unchanged)
        } else {
            String::new()
        },
        p.rejected_rows,
        p.empty_rows
    )];
    if p.repeated_rows > 0 {
        lines.push(format!(
            "另有 {} 行与前面的行完全相同，只导入一次。",
            p.repeated_rows
        ));
    }
    if p.valid_rows > 0 && p.unchanged == p.valid_rows {
        lines.push("导入后不会改变任何数据。".into());
    }
    if !p.stale_rows.is_empty() {
        let rows: Vec<String> = p
            .stale_rows
            .iter()
            .map(|r| format!("第 {} 行（{}）", r.row, r.record))
            .collect();
        lines.push(format!(
            "这个文件{}可能是以前的名单：{}对应的记录在那之后又在软件里改过，默认不导入这些行（以免改回去）；确认是最新的名单，请加 --include-older-rows。",
            p.file_saved_at
                .as_deref()
                .map(|t| format!("（{} 保存）", t.get(..10).unwrap_or(t)))
                .unwrap_or_default(),
            gridledger_core::base::fields::first_few(&rows, 5)
        ));
    }
    // A workbook of several sheets: which one was read (--sheet chooses another); a
    // template's own 填写说明 is not one a clerk would choose.
    let others: Vec<&str> = p
        .sheets
        .iter()
        .map(String::as_str)
        .filter(|n| *n != p.sheet_name && *n != "填写说明")
        .collect();
    if !others.is_empty() {
        lines.push(format!(
            "读取的是工作表“{}”；文件里还有：{}（用 --sheet 选择其他工作表）。",
            p.sheet_name,
            others.join("、")
        ));
    }
    if !p.ignored_columns.is_empty() {
        lines.push(format!("忽略了这些列：{}", p.ignored_columns.join("、")));
    }
    // What the window shows under the counts (会清空…, hidden rows, codes filled
    // in): before importing, not only in the summary after it; as many as the
    // summary shows.
    if with_notes {
        let shown = import::NOTES_SHOWN;
        lines.extend(p.notes.iter().take(shown).cloned());
        if p.notes.len() > shown {
            lines.push(format!("……另有 {} 条说明。", p.notes.len() - shown));
        }
    }
    for pr in &p.problems {
        let col = if pr.column.is_empty() {
            String::new()
        } else {
            format!("【{}】", pr.column)
        };
        lines.push(format!("第 {} 行{col}：{}", pr.row, pr.message));
    }
    lines.join("\n")
}

fn tree_text(all: &[Unit]) -> String {
    fn walk(all: &[Unit], parent: Option<&str>, depth: usize, out: &mut Vec<String>) {
        for u in all.iter().filter(|u| u.parent_id.as_deref() == parent) {
            let counts = match u.kind {
                UnitKind::Village => String::new(),
                _ => match (u.households, u.residents) {
                    (Some(h), Some(r)) => format!("  {h}户 {r}人"),
                    _ => String::new(),
                },
            };
            out.push(format!(
                "{}{} {}（{}）{counts}",
                "  ".repeat(depth),
                u.label(),
                u.name,
                u.code
            ));
            walk(all, Some(&u.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(all, None, 0, &mut out);
    if out.is_empty() {
        "（还没有组织单位）".into()
    } else {
        out.join("\n")
    }
}

/// A path as text for JSON output (never fails on a path that is not UTF-8).
fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// An option given a value it does not take (--db missing, --period 2026Q5, --kind
/// nope, --sort foo): a usage error, exit code 2 as the help says, not 1 (which
/// says the data or the operation was refused).
fn usage_value(e: &Error) -> bool {
    e.kind() == gridledger_core::ErrorKind::Validation
        && matches!(e.field(), Some("db" | "period" | "kind" | "sort"))
}

/// A stored UTC stamp (2026-12-05T15:35:53Z) as the window shows it, in China time
/// (2026-12-05 23:35:53); anything else as it is.
fn china_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| {
            (t.with_timezone(&chrono::Utc) + chrono::Duration::hours(8))
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| stamp.to_string())
}

/// A message the core words for the window, with the window's buttons named as
/// this tool's options (强制接收 → --force, 输入单位名称确认 → --confirm, 设置 →
/// check / backups / restore): a batch user was told to press buttons it has not.
fn for_cli(message: &str) -> String {
    let mut out = message
        .replace("请选择“强制接收”", "请加 --force 再接收一次")
        .replace(
            "请在“设置”中做数据检查或从备份恢复",
            "请用 check 做数据检查，或用 backups、restore 从备份恢复",
        )
        .replace("请在“设置”中做数据检查", "请用 check 做数据检查")
        .replace(
            "请在“设置”中从备份恢复",
            "请用 backups 列出备份、restore 恢复",
        );
    // 请输入该单位的名称“青溪街道”确认 → 请加 --confirm 青溪街道 再执行一次 (or 代码)
    let asks = ["请输入该单位的名称“", "请输入该单位的代码“"]
        .into_iter()
        .find_map(|a| out.find(a).map(|at| (at, a.len())));
    if let Some((at, len)) = asks {
        let rest = &out[at + len..];
        if let Some(end) = rest.find("”确认") {
            let name = rest[..end].to_string();
            let tail = rest[end + "”确认".len()..].to_string();
            out = format!("{}请加 --confirm {name} 再执行一次{tail}", &out[..at]);
        }
    }
    out
}

/// The kinds, one per line, for `--help`.
fn kinds_help() -> String {
    let mut lines = vec!["记录类型（--kind）：".to_string()];
    for k in gridledger_core::kinds::ImportKind::all() {
        lines.push(format!("  {:<24}{}", k.name(), k.label()));
    }
    lines.push(format!(
        "可导出为 Excel 的列表（export-xlsx）：people、{}、all（全部台账）",
        gridledger_core::kinds::export_names().join("、")
    ));
    lines.join("\n")
}

/// A usage error in Chinese (clap's own text is English).
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{}”", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令“{}”", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "参数 {} 的值“{}”不对",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::InvalidValue)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            "参数的值太多或太少".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {} 不能和 {} 一起用",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        ErrorKind::InvalidUtf8 => "参数含有无法识别的字符".to_string(),
        _ => "命令用法不对".to_string(),
    };
    format!("用法错误：{what}。运行 gridledger-cli --help 查看用法。")
}

/// Writes to stdout; a closed pipe (`| head -1`) ends quietly, a full disk is an error.
fn emit(text: &str) -> Result<(), std::io::Error> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").and_then(|_| out.flush())
}

fn main() -> ExitCode {
    let kinds = kinds_help();
    let command = Cli::command()
        .mut_subcommand("import", |c| c.after_help(kinds.clone()))
        .mut_subcommand("template", |c| c.after_help(kinds.clone()))
        .mut_subcommand("export-xlsx", |c| c.after_help(kinds.clone()));
    let cli = match command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                // clap's few fixed English words, in Chinese.
                let text = e
                    .render()
                    .to_string()
                    .replace("Usage:", "用法：")
                    .replace("Arguments:", "参数：")
                    .replace("Options:", "选项：")
                    .replace("Commands:", "命令：")
                    .replace("[OPTIONS]", "[选项]")
                    .replace("[default: ]", "")
                    .replace("[default:", "[默认：")
                    .replace("[env:", "[环境变量：");
                let _ = emit(text.trim_end());
                return ExitCode::SUCCESS;
            }
            // --json asks for errors as JSON too, a usage error included (its
            // kind is validation; the exit code 2 tells it apart).
            let message = usage_error(&e);
            if std::env::args_os().skip(1).any(|a| a == "--json") {
                eprintln!(
                    "{}",
                    serde_json::json!({ "kind": "validation", "message": message })
                );
            } else {
                eprintln!("{message}");
            }
            return ExitCode::from(2);
        }
    };
    let (text, code) = match run(&cli) {
        Ok((value, text, failed)) => {
            let text = if cli.json {
                serde_json::to_string_pretty(&value).unwrap_or_default()
            } else {
                text
            };
            (text, if failed { 1 } else { 0 })
        }
        Err(e) => {
            if cli.json {
                eprintln!(
                    "{}",
                    serde_json::to_string(&e.payload()).unwrap_or_default()
                );
            } else {
                eprintln!("错误：{}", for_cli(&e.to_string()));
            }
            return ExitCode::from(if usage_value(&e) { 2 } else { 1 });
        }
    };
    match emit(&text) {
        Ok(()) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(e) => {
            eprintln!("错误：无法输出结果（{e}）。请检查输出位置（磁盘是否已满）。");
            ExitCode::from(1)
        }
    }
}

/// The report for a period as text: each key (本期, 上期) for the total, then one
/// line per office with its rates.
fn period_report_text(
    r: &report::PeriodReport,
    ranked: Option<&[(Option<usize>, &report::OfficeRow)]>,
    sort: Option<&str>,
) -> String {
    // A ranking by a figure shows that figure (it ranked by a column it did not print).
    let by_figure = sort.and_then(|key| report::label_of(key).map(|label| (key, label)));
    let pct = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |x| format!("{x:.1}%"));
    let mut lines = vec![
        format!(
            "统计期间：{}（{} 至 {}），上期：{}",
            r.period.label, r.period.from, r.period.to, r.previous.label
        ),
        format!("{:<36}{:>6}{:>10}{:>10}", "项目", "口径", "本期", "上期"),
    ];
    for k in &r.keys {
        lines.push(format!(
            "{:<30}{:>6}{:>10}{:>10}",
            format!("{}（{}）", k.label, k.key),
            if k.rule == "event" {
                "期间"
            } else {
                "期末"
            },
            r.total.figures[k.key],
            r.total.previous[k.key]
        ));
    }
    lines.push(String::new());
    lines.push(format!(
        "排名\t单位\t数据截至\t网格覆盖率\t三亮率\t按期办结率\t满意率{}",
        by_figure.map_or_else(String::new, |(_, label)| format!("\t{label}"))
    ));
    let rows: Vec<(Option<usize>, &report::OfficeRow)> = match ranked {
        Some(ranked) => ranked.to_vec(),
        None => r.rows.iter().map(|o| (None, o)).collect(),
    };
    for (n, o) in rows.into_iter().chain(std::iter::once((None, &r.total))) {
        lines.push(format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}{}",
            n.map_or_else(|| "—".to_string(), |n| n.to_string()),
            if o.scope == "own" {
                format!("{}（本单位）", o.name)
            } else {
                o.name.clone()
            },
            if o.scope == "total" {
                ""
            } else {
                o.as_of.as_str()
            },
            pct(o.rates.coverage),
            pct(o.rates.sanliang),
            pct(o.rates.on_time),
            pct(o.rates.satisfaction),
            by_figure.map_or_else(String::new, |(key, _)| format!(
                "\t{}",
                o.figures.get(key).copied().unwrap_or_default()
            ))
        ));
    }
    if !r.not_reported.is_empty() {
        lines.push(format!(
            "未报送（不在表中，也不在合计里）：{}",
            r.not_reported.join("、")
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::for_cli;

    #[test]
    fn the_windows_buttons_are_named_as_the_options() {
        assert_eq!(
            for_cli("本单位已有更新的第 3 次。如确需用旧文件替换，请选择“强制接收”"),
            "本单位已有更新的第 3 次。如确需用旧文件替换，请加 --force 再接收一次"
        );
        assert_eq!(
            for_cli("如确实要恢复，请输入该单位的名称“青溪街道”确认。"),
            "如确实要恢复，请加 --confirm 青溪街道 再执行一次。"
        );
        assert!(
            for_cli("数据库文件已损坏，无法读取。请在“设置”中从备份恢复（x）")
                .contains("请用 backups 列出备份、restore 恢复")
        );
        assert_eq!(
            for_cli("如确实要恢复，请输入该单位的代码“320115101000”确认。"),
            "如确实要恢复，请加 --confirm 320115101000 再执行一次。"
        );
        assert_eq!(for_cli("没有变化。"), "没有变化。");
        assert_eq!(
            super::china_time("2026-12-05T15:35:53Z"),
            "2026-12-05 23:35:53"
        );
        assert_eq!(super::china_time(""), "");
    }
}
