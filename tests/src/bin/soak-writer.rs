//! Helper for the SIGKILL soak bench: does one real long write through the core and
//! prints `done` when it committed. The bench kills it at a random moment.
//!
//! `soak-writer import DB FILE` imports a people roster; `soak-writer receive DB
//! FOLDER` receives every package in a folder (forced, so each run writes).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::{exchange::package, Ctx, Store};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, db, input] = args.as_slice() else {
        eprintln!("usage: soak-writer import|receive DB FILE|FOLDER");
        std::process::exit(2);
    };
    let mut store = Store::open_existing(Path::new(db)).expect("open");
    let ctx = Ctx::new(Utc::now());
    println!("ready");
    std::io::stdout().flush().ok();
    match mode.as_str() {
        "import" => {
            Kind::people()
                .commit(
                    &mut store,
                    &ctx,
                    Path::new(input),
                    &AtomicBool::new(false),
                    &mut |_, _| {},
                )
                .expect("import");
        }
        "receive" => {
            let r = package::receive_many(
                &mut store,
                &ctx,
                &[PathBuf::from(input)],
                true,
                |_, _, _| {},
            )
            .expect("receive");
            assert!(r.iter().all(|x| x.outcome != "refused"), "{r:?}");
        }
        _ => std::process::exit(2),
    }
    println!("done");
}
