//! The smallest Tauri 2 app that shows a page and answers one invoke: what a start-up
//! costs before GridLedger does anything (the baseline of `--bench startup`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::Write;

/// Called by the page once it has loaded; the bench reads this line.
#[tauri::command]
fn ready() -> u32 {
    let mut out = std::io::stdout();
    let _ = writeln!(out, "startup-probe: ready");
    let _ = out.flush();
    42
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("bare app");
}
