//! Test support crate: see tests/*.rs.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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
/// 1280×800) on display `:first + pid % 100`, returned so the caller stops it.
pub fn display(first: u32) -> (String, Option<Child>) {
    if let Ok(d) = std::env::var("DISPLAY") {
        if !d.is_empty() {
            return (d, None);
        }
    }
    let n = first + std::process::id() % 100;
    let child = Command::new(which("Xvfb").expect("Xvfb not installed (apt-get install xvfb)"))
        .args([
            &format!(":{n}"),
            "-screen",
            "0",
            "1920x1080x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
    let t = Instant::now();
    while !socket.exists() && t.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    (format!(":{n}"), Some(child))
}
