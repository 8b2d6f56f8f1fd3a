//! Commands for 月调度: the task list (调度任务) and each task's monthly report
//! (月度进展). As everywhere in the shell: take the state, call one core function,
//! map the error.

use gridledger_core::exchange::tasks_below;
use gridledger_core::store::recycle::Entry;
use gridledger_core::tasks::{self, ProgressInput, TaskInput};

use crate::ctx;

commands! {
    state;
    /// Every task as it stands in `month` (YYYY-MM; empty: this month), with the
    /// month's counts and the months to choose from.
    fn list_tasks(month: String) -> tasks::TaskList = {
        let today = ctx().today();
        state.read(|c| tasks::tasks(c, &month, today))
    };
    fn create_task(input: TaskInput) -> tasks::TaskView =
        state.write(|tx| tasks::create_task(tx, &input));
    fn update_task(id: String, input: TaskInput) -> tasks::TaskView =
        state.write(|tx| tasks::update_task(tx, &id, &input));
    fn delete_task(id: String) -> Entry = state.write(|tx| tasks::delete_task(tx, &id));
    /// A task's reports, newest month first.
    fn task_progress(task_id: String) -> Vec<tasks::ProgressView> =
        state.read(|c| tasks::task_progress(c, &task_id));
    /// Creates or updates THE report of (task, month).
    fn save_task_progress(input: ProgressInput) -> tasks::ProgressView =
        state.write(|tx| tasks::save_task_progress(tx, &input));
    fn delete_task_progress(id: String) -> Entry =
        state.write(|tx| tasks::delete_task_progress(tx, &id));
    /// At a county or city: every task number of the files held from below, with
    /// each office's standing in `month` (empty: this month).
    fn list_tasks_below(month: String) -> tasks_below::TasksBelow = {
        let today = ctx().today();
        state.read(|c| tasks_below::tasks_below(c, &month, today))
    };
    /// 下级进展 of `month` to Excel at `path`: a row an office and task. → rows written.
    fn export_tasks_below(month: String, path: String) -> usize = {
        let today = ctx().today();
        state.read(|c| tasks_below::export_tasks_below(c, &month, std::path::Path::new(&path), today))
    };
}
