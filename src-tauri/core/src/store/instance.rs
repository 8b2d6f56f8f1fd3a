//! One window per database (单实例). The window that holds a database's lock also
//! listens on a loopback port and writes `<db>.instance` (`port token`) beside the
//! database. A second launch on the same database reads that file, sends the token,
//! and exits once the first window says it has come forward. Works for any
//! database file (the user's own, `--db`, `--demo`) and on every OS, since it needs
//! nothing but a loopback TCP socket.
//!
//! A stale file (the first window crashed) or a foreign listener on that port gets
//! no acknowledgement: the second launch then starts normally and meets the
//! database lock, which refuses it with a message.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::base::error::{Error, Result};

const ACK: &str = "shown";
const TIMEOUT: Duration = Duration::from_secs(2);

/// `<db>.instance`, beside the database and its lock file.
pub fn beacon_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".instance");
    PathBuf::from(name)
}

/// The first window's listener. Dropping it leaves the thread to die with the
/// process; the file is removed so that a later launch does not try to knock.
pub struct Beacon {
    path: PathBuf,
    pub port: u16,
}

impl Drop for Beacon {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Starts listening for later launches on `db`; `show` runs (on the listener's
/// thread) for each one that presents the right token. Call only while holding the
/// database's lock.
pub fn listen(db: &Path, show: impl Fn() + Send + 'static) -> Result<Beacon> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| Error::Internal(format!("无法启动单窗口监听：{e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Internal(format!("无法启动单窗口监听：{e}")))?
        .port();
    let token = uuid::Uuid::now_v7().simple().to_string();
    let path = beacon_path(db);
    crate::base::outfile::write_file(&path, format!("{port} {token}\n").as_bytes())?;
    std::thread::Builder::new()
        .name("single-instance".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                answer(stream, &token, &show);
            }
        })
        .map_err(|e| Error::Internal(format!("无法启动单窗口监听：{e}")))?;
    Ok(Beacon { path, port })
}

/// Checks a knock's token; if it is ours, brings the window forward and only then
/// acknowledges, so the second launch exits after the first window has come up.
fn answer(stream: TcpStream, token: &str, show: &impl Fn()) {
    let _ = stream.set_read_timeout(Some(TIMEOUT));
    let mut line = String::new();
    let mut reader = BufReader::new(&stream);
    // A knock is one short line; anything longer is not ours.
    if reader.by_ref().take(128).read_line(&mut line).is_err() || line.trim() != token {
        return;
    }
    show();
    let mut w = &stream;
    let _ = w.write_all(format!("{ACK}\n").as_bytes());
}

/// Asks the window already open on `db` to come forward. `true` when it answered:
/// this launch should then exit quietly.
pub fn knock(db: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(beacon_path(db)) else {
        return false;
    };
    let mut it = text.split_whitespace();
    let (Some(port), Some(token)) = (it.next().and_then(|p| p.parse::<u16>().ok()), it.next())
    else {
        return false;
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, TIMEOUT) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(TIMEOUT));
    if stream.write_all(format!("{token}\n").as_bytes()).is_err() {
        return false;
    }
    let mut reply = String::new();
    let _ = BufReader::new(&stream).take(64).read_line(&mut reply);
    reply.trim() == ACK
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_second_launch_reaches_the_first_window() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("台账.db");
        assert!(!knock(&db), "nobody to knock on yet");
        let shown = Arc::new(AtomicUsize::new(0));
        let s = shown.clone();
        let beacon = listen(&db, move || {
            s.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        assert!(knock(&db));
        assert!(knock(&db));
        assert_eq!(shown.load(Ordering::SeqCst), 2);
        // Another database is another window.
        assert!(!knock(&dir.path().join("other.db")));
        drop(beacon);
        assert!(!beacon_path(&db).exists());
        assert!(!knock(&db));
    }

    #[test]
    fn a_wrong_token_or_stale_file_is_not_an_answer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        let shown = Arc::new(AtomicUsize::new(0));
        let s = shown.clone();
        let beacon = listen(&db, move || {
            s.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        std::fs::write(beacon_path(&db), format!("{} wrongtoken\n", beacon.port)).unwrap();
        assert!(!knock(&db));
        assert_eq!(shown.load(Ordering::SeqCst), 0);
        // A port nobody listens on (the first window crashed).
        let closed = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::write(beacon_path(&db), format!("{closed} x\n")).unwrap();
        assert!(!knock(&db));
        std::fs::write(beacon_path(&db), "garbage").unwrap();
        assert!(!knock(&db));
    }
}
