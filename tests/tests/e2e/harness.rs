//! Runs the real app under Xvfb through tauri-driver (WebKitWebDriver) and hands
//! tests a fantoccini client. Each session gets its own database via `--db`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// One window at a time: the machine has two cores and WebKit is heavy.
static SERIAL: Mutex<()> = Mutex::new(());

pub struct Driver {
    /// The X display the app's windows open on.
    pub display: String,
    _serial: MutexGuard<'static, ()>,
    xvfb: Option<Child>,
    driver: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(x) = &mut self.xvfb {
            let _ = x.kill();
            let _ = x.wait();
        }
    }
}

/// Two ports free now and different from each other (each asked while the other
/// is still held).
fn two_free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

use gridledger_tests::which;

/// The desktop app binary: `GRIDLEDGER_APP`, else `target/<profile>/gridledger`
/// next to this test's own binary.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("GRIDLEDGER_APP") {
        return p.into();
    }
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let app = profile_dir.join("gridledger");
    assert!(
        app.is_file(),
        "{} not found: build the app first (cargo build -p gridledger)",
        app.display()
    );
    app
}

fn status_ready(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body.starts_with("HTTP/1.1 200") && body.contains("ready")
}

impl Driver {
    pub fn start() -> Driver {
        let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let (display, xvfb) = gridledger_tests::display();
        // A driver that exits or never answers (a port taken between choosing it and
        // binding it: one CI run waited 30 s on a driver that was gone) is started
        // again on other ports, three times at most.
        let mut d: Option<Driver> = None;
        for attempt in 0..3 {
            let (port, native_port) = two_free_ports();
            let mut driver = Command::new(which("tauri-driver").expect(
                "tauri-driver not installed (cargo install tauri-driver --version '^2' --locked)",
            ))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tauri-driver");
            let t = Instant::now();
            let ready = loop {
                if status_ready(port) {
                    break true;
                }
                if t.elapsed() > Duration::from_secs(30)
                    || driver.try_wait().ok().flatten().is_some()
                {
                    break false;
                }
                std::thread::sleep(Duration::from_millis(100));
            };
            if ready {
                d = Some(Driver {
                    _serial: serial,
                    display,
                    xvfb,
                    driver,
                    port,
                });
                break;
            }
            let _ = driver.kill();
            let _ = driver.wait();
            eprintln!(
                "tauri-driver did not become ready (attempt {})",
                attempt + 1
            );
        }
        d.expect("tauri-driver did not become ready in three attempts")
    }

    /// Launches the app binary on `db` a second time, outside the driver, and waits
    /// for it to exit (at most 30 s; then it is killed and `None` returned).
    pub fn launch_again(&self, db: &Path) -> Option<std::process::ExitStatus> {
        let mut child = Command::new(app_binary())
            .arg("--db")
            .arg(db)
            .env("DISPLAY", &self.display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a second app process");
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    /// Launches the app on `db` and waits for the page to finish booting.
    pub async fn session(&self, db: &Path) -> Client {
        let caps = serde_json::json!({
            "tauri:options": {
                "application": app_binary(),
                "args": ["--db", db, "--create"],
            }
        });
        let caps = caps.as_object().unwrap().clone();
        let mut last = None;
        for _ in 0..3 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(c) => {
                    c.wait()
                        .at_most(Duration::from_secs(20))
                        .for_element(Locator::Css("body[data-ready]"))
                        .await
                        .expect("app booted");
                    return c;
                }
                Err(e) => {
                    last = Some(e);
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
        }
        panic!("could not open a WebDriver session: {last:?}");
    }
}

pub fn artifacts_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub async fn screenshot(c: &Client, name: &str) {
    // WebKit paints asynchronously: wait for two frames so the picture shows the
    // state the test just checked, not the previous paint.
    let _ = c
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(artifacts_dir().join(format!("{name}.png")), png).unwrap();
    // The window itself never scrolls: the header and the menu stay in place and
    // only the content pane (or a dialog) scrolls. A page that moved them off the top
    // (an element the content pane did not contain) fails here, on any screen.
    let moved = c
        .execute(
            "const s = document.scrollingElement; \
             return s.scrollTop + s.scrollLeft > 0 ? `${s.scrollTop}/${s.scrollHeight} (${innerHeight})` : '';",
            vec![],
        )
        .await
        .expect("window scroll");
    assert_eq!(
        moved.as_str(),
        Some(""),
        "{name}: the window scrolled (top/height (viewport))"
    );
    // Nothing a program would print instead of words: a value the UI failed to read
    // (undefined, NaN, [object Object]) or a record's internal id.
    let leaked = c
        .execute(
            r#"const t = document.body.innerText;
               const m = t.match(/undefined|NaN|\[object Object\]|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/);
               return m ? t.slice(Math.max(0, m.index - 40), m.index + 60) : '';"#,
            vec![],
        )
        .await
        .expect("page text");
    assert_eq!(
        leaked.as_str(),
        Some(""),
        "{name}: the page shows a program's value"
    );
}
