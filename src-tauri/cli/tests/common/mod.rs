//! What both CLI test binaries share: running the CLI on a database.

use std::path::Path;
use std::process::{Command, Output};

/// `gridledger-cli --db DB ARGS…`, never the environment's database.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridledger-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("GRIDLEDGER_DB")
        .output()
        .expect("run gridledger-cli")
}
