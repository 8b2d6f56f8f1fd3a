//! The core's integration tests, one binary: each former `tests/*.rs` is a module
//! here, so the core is linked once, not once per file (slow on two cores), and the
//! helpers live once in `support`. Run one module with
//! `cargo test -p gridledger-core --test it MODULE::`.
//!
//! A new test file is a new `mod` line below (Cargo.toml has `autotests = false`:
//! a file in `tests/` that is not listed here is not built).

mod support;

mod admissions;
mod aggregates;
mod assessment;
mod backup_restore;
mod batch;
mod clerk_entry;
mod clerk_reminders;
mod contacts;
mod duties;
mod duty_versions;
mod enum_strings;
mod flows;
mod follow_ups_by_kind;
mod happened_dates;

mod evidence;
mod fuzz_sheets;
mod golden;
mod grid_matters;
mod grids;
mod hierarchy_import;
mod hostile_files;
mod hostile_packages;
mod import_dates;
mod import_docs;
mod import_headers;
mod kinds;
mod layers;
mod list_periods;
mod lookup_indexes;
mod migrations;
mod packages;
mod party;
mod people_import;
mod periods;
mod reader;
mod rectification;
mod sampling;
mod surveys;
mod tasks;
mod training;
mod ui_payloads;
