//! Commands for the chain of files (交换文件), who has sent (报送情况), the report
//! (统计) and the dashboard (首页). As everywhere in the shell: take the state,
//! call one core function, map the error.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use chrono::NaiveDate;

use gridledger_core::base::period::Period;
use gridledger_core::exchange::dashboard::{self, Dashboard};
use gridledger_core::exchange::package::{self, Exported, PackagePreview, Receipt};
use gridledger_core::exchange::report::{self, Drill, PeriodReport};
use gridledger_core::exchange::senders::{
    self, ExpectedInput, ExpectedOffice, Proposals, ReceiptLogRow, Senders,
};
use gridledger_core::store::recycle::Entry;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::dialog::{self, Choose};
use crate::{blocking, ctx, CmdResult};

commands! {
    state;
    fn package_preview() -> PackagePreview = {
        let ctx = ctx();
        state.read(|c| package::preview(c, &ctx, Some(&state.db_path)))
    };
}

#[gridledger_macros::command]
pub async fn export_package<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    attachments: bool,
) -> CmdResult<Exported> {
    let ctx = ctx();
    blocking(&app, move |state| {
        let done = state.with_store_waiting(|s| {
            package::export_to(s, &ctx, &PathBuf::from(path), attachments)
        })?;
        state.wrote(std::path::Path::new(&done.path));
        Ok(done)
    })
    .await
}

#[gridledger_macros::command]
pub async fn choose_open_packages<R: Runtime>(
    app: AppHandle<R>,
    title: String,
) -> CmdResult<Vec<String>> {
    let d = dialog::titled(&title).add_filter("交换文件", &["zip"]);
    Ok(dialog::choose(&app, d, Choose::Files).await)
}

#[gridledger_macros::command]
pub async fn choose_folder<R: Runtime>(
    app: AppHandle<R>,
    title: String,
) -> CmdResult<Option<String>> {
    let d = dialog::titled(&title);
    Ok(dialog::choose(&app, d, Choose::Folder).await.pop())
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ReceiveProgress<'a> {
    done: usize,
    total: usize,
    file_name: &'a str,
}

#[gridledger_macros::command]
pub async fn receive_packages<R: Runtime>(
    app: AppHandle<R>,
    paths: Vec<String>,
    force: bool,
) -> CmdResult<Vec<Receipt>> {
    let ctx = ctx();
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let emitter = app.clone();
    blocking(&app, move |state| {
        state.with_store_waiting(|s| {
            package::receive_many(s, &ctx, &paths, force, |done, total, file_name| {
                let _ = emitter.emit(
                    "receive-progress",
                    ReceiveProgress {
                        done,
                        total,
                        file_name,
                    },
                );
            })
        })
    })
    .await
}

commands! {
    state;
    fn list_senders() -> Senders = {
        let today = ctx().today();
        state.read(|c| senders::who_has_sent(c, today))
    };
    fn set_expected_office(code: String, name: String) -> ExpectedOffice =
        state.write(|tx| senders::set_expected(tx, &code, &name));
    fn remove_expected_office(code: String) -> Entry =
        state.write(|tx| senders::remove_expected(tx, &code));
    fn expect_received_offices() -> Vec<ExpectedOffice> = state.write(senders::expect_received);
    fn propose_expected_offices() -> Proposals = state.read(senders::proposals);
    fn set_expected_offices(offices: Vec<ExpectedInput>) -> Vec<ExpectedOffice> =
        state.write(|tx| senders::set_expected_many(tx, &offices));
}

#[gridledger_macros::command]
pub async fn export_unsent_offices<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> CmdResult<usize> {
    crate::write_xlsx(&app, path, senders::export_unsent).await
}

/// 报送情况 as Excel (core `senders::export_status`): every office, sent or not.
#[gridledger_macros::command]
pub async fn export_sender_status<R: Runtime>(app: AppHandle<R>, path: String) -> CmdResult<usize> {
    crate::write_xlsx(&app, path, senders::export_status).await
}

#[gridledger_macros::command]
pub async fn export_received_demands<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> CmdResult<usize> {
    crate::write_xlsx(
        &app,
        path,
        gridledger_core::exchange::report::export_received_demands,
    )
    .await
}

/// 下级报送的在岗人员名单 (core `report::export_received_people`): every office
/// below's people in post, one sheet, masked.
#[gridledger_macros::command]
pub async fn export_received_people<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> CmdResult<usize> {
    crate::write_xlsx(
        &app,
        path,
        gridledger_core::exchange::report::export_received_people,
    )
    .await
}

commands! {
    state;
    fn set_late_days(days: i64) -> i64 = state.write(|tx| senders::set_late_days(tx, days));
    fn list_receipt_log(limit: u32, offset: u32) -> Vec<ReceiptLogRow> =
        state.read(|c| senders::receipt_log(c, limit, offset));
}

/// The period a screen asked for (`2026`, `2026Q4`, `2026-11`, `from..to`), or
/// this year when it named none.
fn period_or_this_year(period: Option<&str>, today: chrono::NaiveDate) -> CmdResult<Period> {
    match period.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Period::parse("period", p).map_err(|e| e.payload()),
        None => Ok(Period::year_of(today)),
    }
}

commands! {
    state;
    /// The report for a period (统计): one row per office below, this office's own
    /// ledger when it has records, the total, with rates and the previous period.
    fn report(period: Option<String>) -> PeriodReport = {
        let today = ctx().today();
        let p = period_or_this_year(period.as_deref(), today)?;
        state.read(|c| report::period_report(c, &p, today))
    };
    /// The records behind one figure: for a period (统计, 考核's score table), or as
    /// the package counts them on today when none is named.
    fn report_drill(scope: String, key: String, period: Option<String>) -> Drill = {
        let today = ctx().today();
        let p = match period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(Period::parse("period", p).map_err(|e| e.payload())?),
            None => None,
        };
        state.read(|c| report::drill_in(c, &scope, &key, p.as_ref(), today))
    };
}

/// The report for a period as a workbook (sheets 按单位 and 汇总).
#[gridledger_macros::command]
pub async fn export_report_xlsx<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    period: Option<String>,
) -> CmdResult<()> {
    let p = period_or_this_year(period.as_deref(), ctx().today())?;
    crate::write_xlsx(&app, path, move |c, path, today| {
        report::write_period_xlsx(c, path, &p, today)
    })
    .await
}

/// One drill-down (the records behind a figure) as a titled workbook.
#[gridledger_macros::command]
pub async fn export_drill_xlsx<R: Runtime>(
    app: AppHandle<R>,
    scope: String,
    key: String,
    period: Option<String>,
    path: String,
) -> CmdResult<()> {
    let p = period_or_this_year(period.as_deref(), ctx().today())?;
    crate::write_xlsx(&app, path, move |c, path, today| {
        let d = report::drill_in(c, &scope, &key, Some(&p), today)?;
        report::write_drill_xlsx(c, path, &d, &p.label(), today)
    })
    .await
}

commands! {
    state;
    fn dashboard(period: Option<String>) -> Dashboard = {
        let today = ctx().today();
        let p = period_or_this_year(period.as_deref(), today)?;
        let early = state.first_figures.take(today, &p, &state.writes);
        let figures = match early {
            Some(figures) => Ok(figures),
            None => state.read(|c| dashboard::dashboard_in(c, today, &p)),
        };
        FIRST_FIGURES.store(true, std::sync::atomic::Ordering::Relaxed);
        startup_probe();
        figures
    };
}

/// 首页's first figures, worked out on a reader of their own while the window loads
/// (its page and modules take longer than the figures, even at 100,000 people): the
/// first `dashboard` for the same period on the same day, with the writer untouched
/// since, answers with them instead of starting again (issue 13, item 3).
#[derive(Default)]
pub(crate) struct FirstFigures {
    slot: Mutex<Early>,
    done: Condvar,
}

#[derive(Default)]
enum Early {
    #[default]
    None,
    Running,
    Ready {
        today: NaiveDate,
        period: Period,
        writes: u64,
        figures: Box<Dashboard>,
    },
}

impl FirstFigures {
    /// Starts working out this year's figures for today on `path`.
    pub(crate) fn start(self: &Arc<Self>, path: PathBuf, writes: &AtomicU64) {
        let Ok(mut slot) = self.slot.lock() else {
            return;
        };
        *slot = Early::Running;
        drop(slot);
        let writes = writes.load(Ordering::SeqCst);
        let me = self.clone();
        std::thread::spawn(move || {
            let today = ctx().today();
            let period = Period::year_of(today);
            let figures = gridledger_core::Store::open_reader(&path)
                .and_then(|c| dashboard::dashboard_in(&c, today, &period));
            if let Ok(mut slot) = me.slot.lock() {
                *slot = match figures {
                    Ok(figures) => Early::Ready {
                        today,
                        period,
                        writes,
                        figures: Box::new(figures),
                    },
                    // The command works it out again and says what is wrong.
                    Err(_) => Early::None,
                };
            }
            me.done.notify_all();
        });
    }

    /// The figures worked out at start, once, when they are what `dashboard` would
    /// answer now; waits for them while they are being worked out (5 s at most).
    fn take(&self, today: NaiveDate, period: &Period, writes: &AtomicU64) -> Option<Dashboard> {
        let mut slot = self.slot.lock().ok()?;
        if matches!(*slot, Early::Running) {
            // The worker's other tasks move to another thread meanwhile.
            slot = tokio::task::block_in_place(|| {
                let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
                while matches!(*slot, Early::Running) {
                    let left = until.checked_duration_since(std::time::Instant::now())?;
                    slot = self.done.wait_timeout(slot, left).ok()?.0;
                }
                Some(slot)
            })?;
        }
        match std::mem::take(&mut *slot) {
            Early::Ready {
                today: t,
                period: p,
                writes: w,
                figures,
            } if t == today && p == *period && w == writes.load(Ordering::SeqCst) => Some(*figures),
            _ => None,
        }
    }
}

/// Set once the dashboard has answered: the start-up check and backup wait for it.
static FIRST_FIGURES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Returns once the first dashboard figures have been served, or after `at_most`.
pub(crate) fn wait_for_first_figures(at_most: std::time::Duration) {
    let start = std::time::Instant::now();
    while !FIRST_FIGURES.load(std::sync::atomic::Ordering::Relaxed) && start.elapsed() < at_most {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// `cargo bench --bench startup` sets `GRIDLEDGER_STARTUP_PROBE` and times the
/// launch to the first dashboard figures by this line (the bare app prints the same
/// when its page's one invoke arrives).
fn startup_probe() {
    use std::io::Write;
    if std::env::var_os("GRIDLEDGER_STARTUP_PROBE").is_some() {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "startup-probe: ready");
        let _ = out.flush();
    }
}
