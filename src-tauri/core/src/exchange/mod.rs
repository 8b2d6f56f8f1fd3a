//! Exchange (报送): packages to and from other offices, who has sent, the report
//! and the dashboard figures computed from own and received records.

pub mod dashboard;
pub mod package;
pub mod reminders;
pub mod report;
pub mod senders;
pub mod snapshot_figures;
pub mod tasks_below;
