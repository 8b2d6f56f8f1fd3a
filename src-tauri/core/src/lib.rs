//! GridLedger core (基层治理台账): the domain and the store. Every rule and every
//! line of SQL lives here; the Tauri shell and the CLI only call in.

pub mod attachments;
pub mod backup;
pub mod business_grids;
pub mod canon;
pub mod changelog;
pub mod check;
pub mod cobuild;
pub mod contact_sheets;
pub mod contacts;
pub mod coverage;
pub mod dashboard;
pub mod demands;
pub mod demo;
pub mod error;
pub mod identity;
pub mod import;
pub mod instance;
pub mod ledger;
pub mod office;
pub mod outfile;
pub mod package;
pub mod party;
pub mod party_sheets;
pub mod people;
pub mod recycle;
pub mod report;
pub mod senders;
pub mod sheet;
pub mod startup;
pub mod store;
pub mod units;

pub use error::{Error, ErrorKind, ErrorPayload, Result};
pub use rusqlite::Connection;
pub use store::{Ctx, Store, Tx};

/// The app's version, shown in Settings and written into exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
