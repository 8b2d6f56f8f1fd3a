//! Reads one outside file the way the app does and prints the outcome and the
//! process's peak resident memory, so a test can hold a hostile file to a memory
//! budget measured by the kernel, not guessed.
//!
//! `read-probe sheet PATH` (spreadsheet reader) or `read-probe package PATH`
//! (package checks). Prints `outcome=ok|refused peak_kb=N` and exits 0; a crash
//! shows as a non-zero exit.

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: read-probe sheet|package PATH");
        std::process::exit(2);
    };
    let path = std::path::Path::new(path);
    let outcome = match mode.as_str() {
        "sheet" => gridledger_core::sheets::read(path).map(|_| ()),
        "package" => gridledger_core::sheets::read_regular(path, 1 << 30)
            .and_then(|b| gridledger_core::exchange::package::verify(&b, "probe").map(|_| ())),
        _ => {
            eprintln!("unknown mode {mode}");
            std::process::exit(2);
        }
    };
    let what = match &outcome {
        Ok(()) => "ok".to_string(),
        Err(e) => format!("refused ({e})"),
    };
    println!("outcome={what} peak_kb={}", peak_kb());
}
