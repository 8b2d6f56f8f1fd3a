//! GridLedger core (基层治理台账): the domain and the store. Every rule and every
//! line of SQL lives here; the Tauri shell and the CLI only call in.

pub mod admissions;
pub mod base;
pub mod batch;
pub mod cobuild;
pub mod contacts;
pub mod demands;
pub mod demo;
pub mod duties;
pub mod exchange;
pub mod gridmatters;
pub mod hierarchy;
pub mod kinds;
pub mod party;
pub mod people;
pub mod rectification;
pub mod sampling;
pub mod scores;
pub mod sheets;
pub mod store;
pub mod surveys;
pub mod tasks;
pub mod training;

pub use base::error::{Error, ErrorKind, ErrorPayload, Result};
pub use rusqlite::Connection;
pub use store::{Ctx, Store, Tx};

/// The app's version, shown in Settings and written into exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
