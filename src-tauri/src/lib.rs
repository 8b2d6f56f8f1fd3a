//! GridLedger's Tauri shell. State, start-up, and one small command per operation:
//! each takes the state, calls one core function, and maps the core's error to
//! `{kind, message, field?}` for the UI. No rules and no SQL live here.

use std::any::Any;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, TryLockError};

use chrono::Utc;
use gridledger_core::exchange::snapshot_figures;
use gridledger_core::store::backup;
use gridledger_core::store::instance;
use gridledger_core::store::office::{self, Office};
use gridledger_core::store::startup::{self, Recovery};
use gridledger_core::{demo, Connection, Ctx, Error, ErrorPayload, Store, Tx};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// Writes the shell's ordinary commands: each takes the state (named by the first
/// word, so the bodies can use it), reads the arguments the page sends under their
/// lowerCamelCase names, and answers with one expression, usually one core call on
/// a reader (`state.read`) or in a write transaction (`state.write`):
///
/// ```ignore
/// commands! {
///     state;
///     fn get_project(id: String) -> ProjectView = state.read(|c| cobuild::project(c, &id));
/// }
/// ```
///
/// Commands that take the `AppHandle` (long work on the blocking pool) are written
/// out with `#[gridledger_macros::command]` beside them.
macro_rules! commands {
    (
        $state:ident;
        $($(#[$meta:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty = $body:expr;)*
    ) => {
        $(
            $(#[$meta])*
            #[gridledger_macros::command]
            pub async fn $name(
                $state: ::tauri::State<'_, $crate::AppState>,
                $($arg: $ty),*
            ) -> $crate::CmdResult<$out> {
                $body
            }
        )*
    };
}

// One command file per core domain folder, named after it.
mod admissions;
mod args;
mod batch;

mod attachments;
mod cobuild;
mod contacts;
mod demands;
mod dialog;
mod duties;
mod exchange;
mod gridmatters;
mod hierarchy;
#[cfg(test)]
mod ipc_tests;
mod party;
mod people;
mod rectification;
mod sampling;
mod scores;
mod sheets;
mod store;
mod surveys;
mod tasks;
mod training;
pub use args::Args;

pub(crate) type CmdResult<T> = Result<T, ErrorPayload>;

/// How a command's answer reaches the page. Every command (`#[command]`, from
/// `gridledger-macros`) is a boxed future handed to [`dispatch::respond`]: Tauri
/// spawns one task type for all of them instead of one per command (about 2 MB of
/// the release binary).
pub(crate) mod dispatch {
    use std::future::Future;
    use std::pin::Pin;

    use tauri::ipc::{InvokeError, InvokeResolver, InvokeResponseBody, IpcResponse};
    use tauri::Runtime;

    use crate::CmdResult;

    pub(crate) type Answer = Result<InvokeResponseBody, InvokeError>;

    pub(crate) fn respond<R: Runtime>(
        resolver: InvokeResolver<R>,
        task: Pin<Box<dyn Future<Output = Answer> + Send>>,
    ) {
        resolver.respond_async_serialized(task);
    }

    /// A command's result as the page receives it: the value serialised (or raw
    /// bytes, `tauri::ipc::Response`), or the error's `{kind, message, field?}`.
    pub(crate) fn body<T: IpcResponse>(result: CmdResult<T>) -> Answer {
        match result {
            Ok(value) => value.body().map_err(InvokeError::from),
            Err(e) => Err(InvokeError::from(e)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    level: &'static str,
    message: String,
}

/// Everything the shell holds: the open store (absent when start-up failed) and
/// what start-up has to tell the user.
///
/// Two ways in. Writes and long work (imports, receipts, exports, backups) go
/// through `store`, the one writer; long work runs on Tauri's blocking pool
/// ([`blocking`]), never on the async workers that answer the window. Lists, search,
/// details and the dashboard go through `readers`: read-only connections (WAL) that
/// answer from the last committed state while an import holds the writer.
pub struct AppState {
    store: Mutex<Option<Store>>,
    /// Idle read-only connections ([`Store::open_reader`]), opened on demand.
    readers: Mutex<Vec<Connection>>,
    db_path: PathBuf,
    recovery: Mutex<Option<Recovery>>,
    fatal: Option<ErrorPayload>,
    /// What start-up has to say; the start-up backup, which runs after the window is
    /// usable, may add to it.
    notices: std::sync::Arc<Mutex<Vec<Notice>>>,
    /// Set by `import_cancel`; the running import checks it between rows.
    import_cancel: std::sync::atomic::AtomicBool,
    /// Answers later launches on the same database (see `core::instance`).
    beacon: Mutex<Option<instance::Beacon>>,
    /// The files this window's exports wrote: the only ones `open_exported` opens.
    exported: Mutex<std::collections::HashSet<PathBuf>>,
    /// How many times the writer was taken: what was read before is still current
    /// while this has not moved.
    writes: std::sync::atomic::AtomicU64,
    /// 首页's figures worked out while the window loads.
    first_figures: std::sync::Arc<exchange::FirstFigures>,
}

pub(crate) fn ctx() -> Ctx {
    Ctx::new(Utc::now())
}

/// The database file, for commands whose core function finds stored evidence files
/// next to it.
pub(crate) fn db(state: &AppState) -> &Path {
    &state.db_path
}

/// At most this many idle read-only connections are kept.
const IDLE_READERS: usize = 4;

fn poisoned() -> ErrorPayload {
    Error::Internal("状态锁已损坏，请重新启动软件".into()).payload()
}

/// Writes a workbook to the path the clerk named: the path checked first, the
/// writer run off the async workers on a reading connection with today's date, and
/// the file remembered as this window's (so 打开文件 may open it). Every export
/// command goes through here.
pub(crate) async fn write_xlsx<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    path: String,
    write: impl FnOnce(&Connection, &Path, chrono::NaiveDate) -> gridledger_core::Result<T>
        + Send
        + 'static,
) -> CmdResult<T> {
    let path = PathBuf::from(path);
    gridledger_core::people::roster::check_xlsx_path(&path).map_err(|e| e.payload())?;
    let today = ctx().today();
    blocking(app, move |state| {
        let out = state.read(|c| write(c, &path, today))?;
        state.wrote(&path);
        Ok(out)
    })
    .await
}

/// A write that copies files in (an evidence file, a photo): off the async workers,
/// waiting its turn for the writer, in one transaction; `write` gets the transaction
/// and the database file (the stored files live next to it). Every command that
/// attaches a file goes through here.
pub(crate) async fn write_files<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    write: impl FnOnce(&Tx, &Path) -> gridledger_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    let ctx = ctx();
    blocking(app, move |state| {
        state.with_store_waiting(|s| s.write(&ctx, |tx| write(tx, db(state))))
    })
    .await
}

/// Runs long work (an import, a receipt, an export, a backup) on Tauri's blocking
/// thread pool and awaits it. The async workers (as many as the machine has cores)
/// stay free for lists and `import_cancel`. Not a sync command: Tauri runs those
/// on the main thread, which would freeze the window.
///
/// The work goes to the pool boxed, its answer comes back boxed: one blocking task
/// type for every command (a task type per closure was about 0.7 MB of the binary).
pub(crate) async fn blocking<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    f: impl FnOnce(&AppState) -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    let answer = run_blocking(
        app.clone(),
        Box::new(move |state| f(state).map(|t| Box::new(t) as Box<dyn Any + Send>)),
    )
    .await?;
    answer
        .downcast::<T>()
        .map(|t| *t)
        .map_err(|_| Error::Internal("后台任务的结果类型不符".into()).payload())
}

type BlockingJob = Box<dyn FnOnce(&AppState) -> CmdResult<Box<dyn Any + Send>> + Send>;

async fn run_blocking<R: Runtime>(
    app: AppHandle<R>,
    job: BlockingJob,
) -> CmdResult<Box<dyn Any + Send>> {
    tauri::async_runtime::spawn_blocking(move || match app.try_state::<AppState>() {
        Some(state) => job(&state),
        None => Err(Error::Internal("软件还没有准备好，请稍候再试".into()).payload()),
    })
    .await
    .map_err(|e| Error::Internal(format!("后台任务意外中止：{e}")).payload())?
}

impl AppState {
    fn store_or_fatal<'a>(
        &self,
        guard: &'a mut MutexGuard<'_, Option<Store>>,
    ) -> CmdResult<&'a mut Store> {
        guard.as_mut().ok_or_else(|| {
            self.fatal
                .clone()
                .unwrap_or_else(|| Error::Internal("数据库没有打开".into()).payload())
        })
    }

    /// The writer, for short work on an async worker. When long work holds it, the
    /// save waits its turn as before, but in `block_in_place`: the worker's other
    /// tasks (lists, `import_cancel`) move to another thread meanwhile.
    pub(crate) fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> gridledger_core::Result<T>,
    ) -> CmdResult<T> {
        self.writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut guard = match self.store.try_lock() {
            Ok(g) => g,
            Err(TryLockError::Poisoned(_)) => return Err(poisoned()),
            Err(TryLockError::WouldBlock) => {
                tokio::task::block_in_place(|| self.store.lock()).map_err(|_| poisoned())?
            }
        };
        let store = self.store_or_fatal(&mut guard)?;
        f(store).map_err(|e| e.payload())
    }

    /// The writer, for long work on the blocking pool ([`blocking`]): waits its turn.
    pub(crate) fn with_store_waiting<T>(
        &self,
        f: impl FnOnce(&mut Store) -> gridledger_core::Result<T>,
    ) -> CmdResult<T> {
        self.writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut guard = self.store.lock().map_err(|_| poisoned())?;
        let store = self.store_or_fatal(&mut guard)?;
        f(store).map_err(|e| e.payload())
    }

    fn close_idle_readers(&self) {
        if let Ok(mut idle) = self.readers.lock() {
            idle.clear();
        }
    }

    /// A read on a read-only connection: never waits for the writer.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> gridledger_core::Result<T>,
    ) -> CmdResult<T> {
        if let Some(fatal) = &self.fatal {
            return Err(fatal.clone());
        }
        let idle = self.readers.lock().map_err(|_| poisoned())?.pop();
        let conn = match idle {
            Some(c) => c,
            None => Store::open_reader(&self.db_path).map_err(|e| e.payload())?,
        };
        let out = f(&conn).map_err(|e| e.payload());
        if let Ok(mut idle) = self.readers.lock() {
            if idle.len() < IDLE_READERS {
                idle.push(conn);
            }
        }
        out
    }

    /// Notes a file an export wrote, so that `open_exported` may open it.
    pub(crate) fn wrote(&self, path: &Path) {
        if let Ok(mut set) = self.exported.lock() {
            set.insert(path.to_path_buf());
        }
    }

    /// Whether this window's exports wrote `path`.
    pub(crate) fn did_write(&self, path: &Path) -> bool {
        self.exported.lock().is_ok_and(|set| set.contains(path))
    }

    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Tx) -> gridledger_core::Result<T>,
    ) -> CmdResult<T> {
        let ctx = ctx();
        self.with_store(|s| s.write(&ctx, f))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    app_version: &'static str,
    db_path: String,
    backup_dir: String,
    initialized: bool,
    office: Option<Office>,
    notices: Vec<Notice>,
    recovery: Option<Recovery>,
    fatal: Option<ErrorPayload>,
    /// The name written as 操作人 (设置), "" for none (本机).
    operator: String,
}

#[gridledger_macros::command]
async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let (office, operator) = if state.fatal.is_some() {
        (None, None)
    } else {
        state.read(|c| Ok((office::get(c)?, office::operator(c)?)))?
    };
    Ok(AppStatus {
        app_version: gridledger_core::APP_VERSION,
        db_path: state.db_path.display().to_string(),
        backup_dir: backup::backup_dir(&state.db_path).display().to_string(),
        initialized: office.is_some(),
        office,
        notices: state.notices.lock().map(|n| n.clone()).unwrap_or_default(),
        recovery: state.recovery.lock().ok().and_then(|r| r.clone()),
        fatal: state.fatal.clone(),
        operator: operator.unwrap_or_default(),
    })
}

/// 重试 on the screen of a window that could not start: starts the program again
/// on the same database (a folder made writable or a file put back was still
/// refused by 重试, which only asked the failed state again: probe AB). Refused
/// in a window that started.
#[gridledger_macros::command]
async fn restart_app<R: Runtime>(app: AppHandle<R>) -> CmdResult<()> {
    let failed = app
        .try_state::<AppState>()
        .is_none_or(|s| s.fatal.is_some());
    if !failed {
        return Err(Error::Refused("软件已正常打开，不需要重新启动。".into()).payload());
    }
    app.restart()
}

/// Opens the database for the window and builds the state. Never panics on a bad
/// file: the failure becomes `fatal`, which the UI shows.
fn open_state(db_path: PathBuf, demo_mode: bool) -> AppState {
    let mut notices = Vec::new();
    match startup::open_for_app(&db_path, Utc::now()) {
        Ok(opened) => {
            let mut store = opened.store;
            if demo_mode && office::get(store.conn()).ok().flatten().is_none() {
                if let Err(e) = demo::fill(&mut store, &ctx()) {
                    notices.push(Notice {
                        level: "warning",
                        message: format!("示例数据未能填入：{e}"),
                    });
                }
            }
            // Indicators still as an earlier default system installed them become
            // this build's defaults (issue 16 item 3); the office's own stay.
            match store.write(&ctx(), gridledger_core::scores::defaults::upgrade) {
                Ok(u) if !u.changed.is_empty() => notices.push(Notice {
                    level: "info",
                    message: format!(
                        "考核指标已按默认指标体系第 {} 版更新：{}。",
                        gridledger_core::scores::defaults::DEFAULTS_VERSION,
                        u.changed.join("、")
                    ),
                }),
                Ok(_) => {}
                Err(e) => notices.push(Notice {
                    level: "warning",
                    message: format!("考核指标未能更新到新的默认指标体系：{e}"),
                }),
            }
            AppState {
                store: Mutex::new(Some(store)),
                readers: Mutex::new(Vec::new()),
                db_path,
                recovery: Mutex::new(opened.recovery),
                fatal: None,
                notices: std::sync::Arc::new(Mutex::new(notices)),
                import_cancel: Default::default(),
                beacon: Mutex::new(None),
                exported: Default::default(),
                writes: Default::default(),
                first_figures: Default::default(),
            }
        }
        Err(e) => AppState {
            notices: std::sync::Arc::new(Mutex::new(notices)),
            ..AppState::failed(db_path, e.payload())
        },
    }
}

impl AppState {
    /// A window with no database: it shows `fatal`.
    fn failed(db_path: PathBuf, fatal: ErrorPayload) -> AppState {
        AppState {
            store: Mutex::new(None),
            readers: Mutex::new(Vec::new()),
            db_path,
            recovery: Mutex::new(None),
            fatal: Some(fatal),
            notices: std::sync::Arc::new(Mutex::new(Vec::new())),
            import_cancel: Default::default(),
            beacon: Mutex::new(None),
            exported: Default::default(),
            writes: Default::default(),
            first_figures: Default::default(),
        }
    }
}

/// The app's commands, on any runtime: `run` builds it on the real
/// webview, the tests (`ipc_tests`) on `tauri::test`'s mock runtime.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(gridledger_macros::handler![
        app_status,
        restart_app,
        store::setup_office,
        store::set_operator,
        hierarchy::list_units,
        hierarchy::create_unit,
        hierarchy::update_unit,
        hierarchy::move_unit,
        hierarchy::delete_unit,
        hierarchy::dissolve_unit,
        hierarchy::unit_dissolve_refusal,
        hierarchy::reinstate_unit,
        hierarchy::list_dissolved_units,
        hierarchy::unit_delete_refusal,
        hierarchy::suggest_unit_code,
        store::list_recycle_bin,
        store::restore_recycled,
        store::purge_recycled,
        store::recycled_record,
        store::kind_catalog,
        store::list_change_log,
        store::list_backups,
        store::inspect_backup,
        store::backup_now,
        store::restore_backup,
        hierarchy::check_database,
        people::people_options,
        people::list_people,
        people::get_person,
        people::person_history,
        people::redate_person_change,
        people::create_person,
        people::update_person,
        people::delete_person,
        people::person_delete_blocked,
        people::reveal_person_field,
        sheets::choose_open_file,
        sheets::choose_save_file,
        sheets::import_template,
        sheets::import_preview,
        sheets::import_commit,
        sheets::import_cancel,
        sheets::import_error_workbook,
        people::export_people_xlsx,
        hierarchy::list_business_grids,
        hierarchy::create_business_grid,
        hierarchy::update_business_grid,
        hierarchy::delete_business_grid,
        hierarchy::set_business_grid_mapping,
        hierarchy::remove_business_grid_mapping,
        hierarchy::business_grids_by_base_grid,
        people::grid_coverage,
        exchange::package_preview,
        exchange::export_package,
        exchange::choose_open_packages,
        exchange::choose_folder,
        exchange::receive_packages,
        exchange::list_senders,
        exchange::set_expected_office,
        exchange::remove_expected_office,
        exchange::expect_received_offices,
        exchange::propose_expected_offices,
        exchange::set_expected_offices,
        exchange::export_unsent_offices,
        exchange::export_received_demands,
        exchange::set_late_days,
        exchange::list_receipt_log,
        exchange::report,
        exchange::report_drill,
        exchange::export_report_xlsx,
        exchange::export_drill_xlsx,
        exchange::dashboard,
        party::party_options,
        party::sanliang_list,
        party::save_party_branch,
        party::set_branch_photo,
        party::list_committees,
        party::create_committee,
        party::update_committee,
        party::delete_committee,
        party::create_committee_member,
        party::update_committee_member,
        party::delete_committee_member,
        party::part_time_counts,
        party::list_joint_meetings,
        party::create_joint_meeting,
        party::update_joint_meeting,
        party::delete_joint_meeting,
        demands::list_follow_ups,
        demands::set_follow_up_status,
        cobuild::list_partner_units,
        cobuild::create_partner_unit,
        cobuild::update_partner_unit,
        cobuild::delete_partner_unit,
        cobuild::reveal_partner_phone,
        cobuild::list_projects,
        cobuild::get_project,
        cobuild::create_project,
        cobuild::update_project,
        cobuild::delete_project,
        cobuild::claim_project,
        cobuild::unclaim_project,
        cobuild::move_project,
        cobuild::redate_project_step,
        party::open_attachment,
        attachments::choose_evidence_files,
        attachments::list_attachments,
        attachments::attach_files,
        attachments::detach_file,
        attachments::attachment_thumbnail,
        attachments::attachment_bytes,
        sheets::export_party_xlsx,
        sheets::export_all_xlsx,
        sheets::open_exported,
        demands::contact_options,
        demands::list_departments,
        demands::create_department,
        demands::update_department,
        demands::delete_department,
        contacts::list_leaders,
        contacts::create_leader,
        contacts::update_leader,
        contacts::delete_leader,
        contacts::reveal_leader_phone,
        contacts::list_contact_points,
        contacts::create_contact_point,
        contacts::update_contact_point,
        contacts::delete_contact_point,
        contacts::contact_coverage,
        contacts::received_contact_coverage,
        contacts::list_visits,
        contacts::create_visit,
        contacts::update_visit,
        contacts::delete_visit,
        demands::demand_from_visit,
        demands::list_demands,
        demands::get_demand,
        demands::create_demand,
        demands::update_demand,
        demands::delete_demand,
        demands::move_demand,
        demands::redate_demand_step,
        demands::escalate_demand,
        demands::reveal_demand_phone,
        demands::demand_stats,
        demands::received_demands,
        demands::list_working_groups,
        demands::create_working_group,
        demands::update_working_group,
        demands::delete_working_group,
        demands::list_working_meetings,
        demands::create_working_meeting,
        demands::update_working_meeting,
        demands::delete_working_meeting,
        duties::list_duty_items,
        duties::create_duty_item,
        duties::update_duty_item,
        duties::delete_duty_item,
        gridmatters::list_grid_matters,
        gridmatters::create_grid_matter,
        gridmatters::update_grid_matter,
        gridmatters::delete_grid_matter,
        gridmatters::list_grid_matter_claims,
        gridmatters::grid_matter_claim_matrix,
        gridmatters::create_grid_matter_claim,
        gridmatters::update_grid_matter_claim,
        gridmatters::delete_grid_matter_claim,
        gridmatters::grid_matter_load,
        gridmatters::grid_matter_load_summary,
        training::list_training_sessions,
        training::create_training_session,
        training::update_training_session,
        training::delete_training_session,
        training::list_training_participants,
        training::add_training_participant,
        training::add_training_people,
        training::delete_training_participant,
        training::training_coverage,
        training::person_training_record,
        people::list_pipeline_events,
        people::add_pipeline_event,
        people::delete_pipeline_event,
        people::pipeline_summary,
        admissions::list_admissions,
        admissions::admission_counts,
        admissions::create_admission,
        admissions::update_admission,
        admissions::delete_admission,
        admissions::move_admission,
        duties::list_duty_list_versions,
        duties::duty_list_version,
        duties::compare_duty_list_versions,
        duties::pending_duty_list_changes,
        duties::publish_duty_list_version,
        duties::duty_catalogue,
        rectification::list_cleanup_entries,
        rectification::create_cleanup_entry,
        rectification::update_cleanup_entry,
        rectification::delete_cleanup_entry,
        rectification::list_rechecks,
        rectification::create_recheck,
        rectification::update_recheck,
        rectification::delete_recheck,
        scores::list_indicators,
        scores::create_indicator,
        scores::update_indicator,
        scores::delete_indicator,
        scores::install_default_indicators,
        scores::list_indicator_versions,
        scores::get_indicator_version,
        scores::score_table,
        scores::export_score_xlsx,
        scores::list_manual_scores,
        scores::set_manual_score,
        scores::delete_manual_score,
        scores::list_assessment_results,
        scores::create_assessment_result,
        scores::update_assessment_result,
        scores::delete_assessment_result,
        scores::list_rectification_items,
        scores::create_rectification_item,
        scores::update_rectification_item,
        scores::delete_rectification_item,
        scores::list_outpost_evaluations,
        scores::create_outpost_evaluation,
        scores::update_outpost_evaluation,
        scores::delete_outpost_evaluation,
        scores::list_received_outpost_evaluations,
        sampling::list_inspectors,
        sampling::create_inspector,
        sampling::update_inspector,
        sampling::delete_inspector,
        sampling::list_samples,
        sampling::preview_sample,
        sampling::draw_sample,
        sampling::verify_sample,
        sampling::sample_notice,
        sampling::inspection_checklist,
        sampling::list_inspections,
        sampling::create_inspection,
        sampling::update_inspection,
        sampling::delete_inspection,
        sampling::grid_inspection_progress,
        surveys::list_questionnaires,
        surveys::create_questionnaire,
        surveys::update_questionnaire,
        surveys::delete_questionnaire,
        surveys::questionnaire_results,
        surveys::list_questionnaire_responses,
        surveys::create_questionnaire_response,
        surveys::update_questionnaire_response,
        surveys::delete_questionnaire_response,
        surveys::list_callbacks,
        surveys::callback_summary,
        surveys::create_callback,
        surveys::update_callback,
        surveys::delete_callback,
        people::matching_people_ids,
        batch::batch_apply,
        batch::batch_publish_overrides,
        batch::batch_leave_empties,
        sheets::check_save_path,
        exchange::export_received_people,
        exchange::export_sender_status,
        tasks::list_tasks,
        tasks::create_task,
        tasks::update_task,
        tasks::delete_task,
        tasks::task_progress,
        tasks::save_task_progress,
        tasks::delete_task_progress,
        tasks::list_tasks_below,
        tasks::export_tasks_below,
    ])
}

/// A screen too small for the window's default size (1280×800 on a 1366×768
/// office PC, whose taskbar and title bar leave about 700 pixels) gets the window
/// made to fit it, so no form's 保存 row starts below the screen's edge.
fn fit_to_screen<R: Runtime>(app: &tauri::AppHandle<R>) {
    let Some(w) = app.get_webview_window("main") else {
        return;
    };
    let (Ok(Some(screen)), Ok(size)) = (w.current_monitor(), w.inner_size()) else {
        return;
    };
    let scale = screen.scale_factor();
    let logical = |px: u32| f64::from(px) / scale;
    // Room for a taskbar and the title bar.
    let (room_w, room_h) = (
        logical(screen.size().width),
        logical(screen.size().height) - 48.0 - 32.0,
    );
    let (w_now, h_now) = (logical(size.width), logical(size.height));
    if h_now > room_h || w_now > room_w {
        let (fit_w, fit_h) = (w_now.min(room_w), h_now.min(room_h));
        // The least size too, or it holds the window taller than the screen (640
        // on a 1366×768 screen at 125%, which leaves about 530).
        let _ = w.set_min_size(Some(tauri::LogicalSize::new(
            fit_w.min(1024.0),
            fit_h.min(640.0),
        )));
        let _ = w.set_size(tauri::LogicalSize::new(fit_w, fit_h));
        let _ = w.set_position(tauri::LogicalPosition::new(0.0, 0.0));
    }
}

pub fn run() {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("{message}\n\n{}", args::USAGE);
            std::process::exit(2);
        }
    };
    builder(tauri::Builder::default())
        .setup(move |app| {
            fit_to_screen(app.handle());
            let data_dir = app.path().app_data_dir()?;
            let db_path = args.db_path(&data_dir);
            // One window per database: if one is open, bring it forward and leave.
            if instance::knock(&db_path) {
                eprintln!(
                    "数据库“{}”已在一个窗口中打开，已切换到那个窗口。",
                    db_path.display()
                );
                std::process::exit(0);
            }
            let state = match args.missing_db() {
                Some(message) => {
                    AppState::failed(db_path.clone(), Error::NotFound(message).payload())
                }
                None => open_state(db_path.clone(), args.demo),
            };
            if state.fatal.is_none() {
                let handle = app.handle().clone();
                let beacon = instance::listen(&db_path, move || {
                    if let Some(w) = handle.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                    let _ = handle.emit("window-shown", ());
                });
                // Without the beacon a second launch meets the lock and says so.
                if let (Ok(beacon), Ok(mut slot)) = (beacon, state.beacon.lock()) {
                    *slot = Some(beacon);
                }
            }
            if state.fatal.is_none() {
                // 首页's figures, on a reader of their own while the page loads.
                state.first_figures.start(db_path.clone(), &state.writes);
            }
            if state.fatal.is_none() {
                // The whole-file check and the start-up backup, off the window's
                // thread and on their own connection, once the first figures are on
                // screen (or after a few seconds): the window never waits for them,
                // nor shares the two cores with them while it starts.
                // Then the received snapshots' figures for this year and the last,
                // where missing (the first start of a year or after an upgrade).
                let notices = state.notices.clone();
                let path = db_path.clone();
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    exchange::wait_for_first_figures(std::time::Duration::from_secs(5));
                    if let Err(message) = startup::start_up_backup(&path, Utc::now()) {
                        eprintln!("{message}");
                        if let Ok(mut n) = notices.lock() {
                            n.push(Notice {
                                level: "warning",
                                message,
                            });
                        }
                    }
                    if let Some(state) = handle.try_state::<AppState>() {
                        let today = ctx().today();
                        if let Err(e) = state.write(|tx| snapshot_figures::keep_missing(tx, today))
                        {
                            eprintln!(
                                "收到的文件的期间数字没有预先算好（不影响使用）：{}",
                                e.message
                            );
                        }
                    }
                });
            }
            app.manage(state);
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("基层治理台账无法启动：{e}");
            std::process::exit(1);
        })
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<AppState>() {
                    // Everything into the database file itself (its `-wal` emptied),
                    // so a copy of the one file is the whole ledger (probe AB).
                    if let Ok(mut readers) = state.readers.lock() {
                        readers.clear();
                    }
                    if let Ok(slot) = state.store.lock() {
                        if let Some(Err(e)) = slot.as_ref().map(Store::checkpoint) {
                            eprintln!("关闭时未能把最近的修改写回数据库文件（不影响数据）：{e}");
                        }
                    }
                    // Remove `<db>.instance` so that the next launch does not knock.
                    if let Ok(mut slot) = state.beacon.lock() {
                        slot.take();
                    }
                }
            }
        });
}

#[cfg(test)]
mod tests {
    /// The command list lives in three places that must agree: build.rs (which
    /// generates the permissions), the capability file (which grants them), and
    /// `handler!` (which registers the functions).
    #[test]
    fn commands_and_capability_agree() {
        let listed = crate::ipc_tests::commands();
        let lib = include_str!("lib.rs");
        let handler: Vec<&str> = lib
            .split("handler![")
            .nth(1)
            .unwrap()
            .split(']')
            .next()
            .unwrap()
            .split(',')
            .map(|s| s.trim().rsplit("::").next().unwrap_or(""))
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(listed, handler);
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main-window.json")).unwrap();
        let granted: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let mut want: Vec<String> = listed
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        // Import progress arrives as an event the page listens to; nothing else.
        want.push("core:event:allow-listen".into());
        want.push("core:event:allow-unlisten".into());
        assert_eq!(
            granted, want,
            "capability grants exactly the app's commands"
        );
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
    }

    #[test]
    fn csp_is_strict() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"].as_str().unwrap();
        // The one policy (ui/index.html sets none): Tauri's IPC channel is the only
        // thing the page may connect to; ipc: and http://ipc.localhost are its names on
        // Linux/macOS and in WebView2, not network hosts.
        assert_eq!(
            csp,
            "default-src 'self'; connect-src ipc: http://ipc.localhost; img-src 'self' data:; style-src 'self'"
        );
        assert!(csp.contains("default-src 'self'"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
        assert!(!csp.contains("http:") || csp.contains("http://ipc.localhost"));
        assert_eq!(conf["build"]["frontendDist"], "../ui");
    }
}
