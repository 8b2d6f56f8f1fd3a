//! The system's file dialogs (rfd: GTK on Linux, the common dialogs on Windows),
//! for the commands that let a clerk choose a file or a folder. Commands that read
//! or write always take explicit paths; these only choose them.
//!
//! GTK wants its dialogs made on the main thread: the dialog is built there and its
//! answer awaited elsewhere, and the command that asked awaits that answer without
//! holding a worker. This is what `tauri-plugin-dialog` did for us, without the
//! plugin's own commands, permissions and file-system plugin, none of which the
//! window may call (its capability lists only our commands).

use std::future::Future;
use std::pin::Pin;

use rfd::{AsyncFileDialog, FileHandle};
use tauri::{AppHandle, Runtime};

/// What the dialog chooses.
pub(crate) enum Choose {
    /// One file to open.
    File,
    /// Several files to open.
    Files,
    /// One folder.
    Folder,
    /// Where to save a file.
    Save,
}

/// A dialog with a title that may make folders (as the plugin's did).
pub(crate) fn titled(title: &str) -> AsyncFileDialog {
    AsyncFileDialog::new()
        .set_title(title)
        .set_can_create_directories(true)
}

type Answer = Pin<Box<dyn Future<Output = Vec<FileHandle>> + Send>>;

/// Shows `dialog` and returns the chosen paths: none when the clerk cancels (or the
/// window is closing), one for `File`, `Folder` and `Save`.
pub(crate) async fn choose<R: Runtime>(
    app: &AppHandle<R>,
    dialog: AsyncFileDialog,
    what: Choose,
) -> Vec<String> {
    let (send, answer) = tokio::sync::oneshot::channel();
    let shown = app.run_on_main_thread(move || {
        // Made here, on the main thread; awaited on a thread of its own.
        let picked: Answer = match what {
            Choose::File => {
                let f = dialog.pick_file();
                Box::pin(async move { f.await.into_iter().collect() })
            }
            Choose::Files => {
                let f = dialog.pick_files();
                Box::pin(async move { f.await.unwrap_or_default() })
            }
            Choose::Folder => {
                let f = dialog.pick_folder();
                Box::pin(async move { f.await.into_iter().collect() })
            }
            Choose::Save => {
                let f = dialog.save_file();
                Box::pin(async move { f.await.into_iter().collect() })
            }
        };
        std::thread::spawn(move || {
            let _ = send.send(tauri::async_runtime::block_on(picked));
        });
    });
    if shown.is_err() {
        return Vec::new();
    }
    answer
        .await
        .unwrap_or_default()
        .iter()
        .map(|h| h.path().display().to_string())
        .collect()
}
