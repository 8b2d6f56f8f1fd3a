//! Test support crate: see tests/*.rs.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The `i`-th of the benches' made-up ID numbers (320115…): born on the
/// `i % 14,000`-th day from 1960-01-01, with a valid check character, different for
/// every `i` below 14,000,000.
pub fn id_number(i: usize) -> String {
    let born = chrono::NaiveDate::from_ymd_opt(1960, 1, 1).unwrap_or_default()
        + chrono::Duration::days((i % 14_000) as i64);
    let body = format!("320115{}{:03}", born.format("%Y%m%d"), i / 14_000);
    let check = gridledger_core::base::identity::check_char(&body).unwrap_or('X');
    format!("{body}{check}")
}

/// The `i`-th made-up base grid (基础网格) under `parent`, as the benches create them.
pub fn base_grid(parent: &str, i: usize) -> gridledger_core::hierarchy::UnitInput {
    gridledger_core::hierarchy::UnitInput {
        kind: "base_grid".into(),
        parent_id: Some(parent.into()),
        code: format!("G{i:06}"),
        name: format!("第{i}网格"),
        area_type: "urban".into(),
        households: Some(300),
        residents: Some(900),
        boundary: "东至青溪路，南至文昌街，西至秦淮河，北至健康路".into(),
        ..Default::default()
    }
}

/// The community (社区) 320115101001 that the soak and crash tests write under.
pub fn test_community() -> gridledger_core::hierarchy::UnitInput {
    gridledger_core::hierarchy::UnitInput {
        kind: "village".into(),
        code: "320115101001".into(),
        name: "测试社区".into(),
        area_type: "urban".into(),
        ..Default::default()
    }
}

/// This process's resident memory (`VmRSS`), or its peak since the last
/// [`reset_peak`] (`VmHWM`), in MB (Linux; NaN elsewhere).
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Peak resident memory since the last [`reset_peak`], in MB.
pub fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

/// Resident memory now, in MB.
pub fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

/// One line of the aims a bench ends with: what issue 13 asks, what this run
/// measured, and whether that meets it.
pub fn aim(what: &str, got: &str, met: bool) {
    println!(
        "  {what:<52} {got:>30}  {}",
        if met { "met" } else { "NOT met" }
    );
}

/// Starts a new peak (`/proc/self/clear_refs`): [`peak_mb`] is measured from here.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// `name` on `PATH` (or in `~/.cargo/bin`, where `cargo install` puts tauri-driver).
pub fn which(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// The X display to run the app window on: `DISPLAY` when set, else a new Xvfb
/// (1920×1080, so a window can be set to 1366×768 or 1920×1080; the app opens at
/// 1280×800), returned so the caller stops it.
///
/// Xvfb picks a free display itself (`-displayfd`) and says which once it accepts
/// connections. A display chosen here (it was `:90 + pid % 100`) could be one an
/// earlier, killed Xvfb left its lock and socket behind for: the new Xvfb refused it
/// and exited, the old socket made it look started, and the app then failed with
/// "Failed to initialize GTK" or a test waited on a window that never came.
pub fn display() -> (String, Option<Child>) {
    if let Ok(d) = std::env::var("DISPLAY") {
        if !d.is_empty() {
            return (d, None);
        }
    }
    let mut child = Command::new(which("Xvfb").expect("Xvfb not installed (apt-get install xvfb)"))
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1920x1080x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let out = child.stdout.take().expect("Xvfb's stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line);
        let _ = tx.send(line);
    });
    let n = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_default()
        .trim()
        .to_string();
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        let _ = child.kill();
        panic!("Xvfb did not start (it named no display: {n:?})");
    }
    (format!(":{n}"), Some(child))
}
