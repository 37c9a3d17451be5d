//! The window: eframe setup, the App, its screens and widgets. Draws and dispatches; never SQL.

pub mod app;
pub mod background_read;
pub mod clock;
pub mod commands;
pub mod i18n;
pub mod launcher;
pub mod long_work;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;

pub use app::App;
use launcher::{Launcher, Problem};

/// The window icon (also used for the packages).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/qunzhu-256.png");

/// The text of the title bar: the app and the data file it has open.
pub fn window_title(db_path: &std::path::Path) -> String {
    format!("群主 Qunzhu — {}", db_path.display())
}

/// Opens the database at `db_path` (creating and migrating it) and runs the window until closed.
/// `open_file` (a file the OS asked us to open) goes straight to the import screen. When the
/// file is in use by another window or cannot be opened, the window says so instead.
pub fn run(db_path: PathBuf, open_file: Option<PathBuf>) -> anyhow::Result<()> {
    let lock = crate::store::lock::InstanceLock::acquire(&db_path);
    let opened = match &lock {
        Ok(_) => Some(crate::store::Store::open(&db_path)),
        Err(_) => None,
    };
    if matches!(opened, Some(Ok(_))) {
        daily_backup_in_background(&db_path);
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_app_id("qunzhu")
        .with_title(window_title(&db_path))
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "qunzhu",
        options,
        Box::new(move |cc| {
            let prefs = App::stored_prefs(cc);
            let launcher = match opened {
                Some(Ok(store)) => {
                    let mut app = App::with_prefs(&cc.egui_ctx, store, prefs);
                    if let Ok(lock) = lock {
                        app.hold_lock(lock);
                    }
                    if let Some(path) = open_file {
                        app.open_import_file(&path);
                    }
                    Launcher::Running(Box::new(app))
                }
                Some(Err(e)) => Launcher::problem(
                    &cc.egui_ctx,
                    Problem::CannotOpen {
                        reason: e.to_string(),
                    },
                    &db_path,
                    prefs,
                ),
                None => Launcher::problem(&cc.egui_ctx, Problem::InUse, &db_path, prefs),
            };
            Ok(Box::new(launcher))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// Makes the day's backup on a worker thread (a large file takes a moment to copy).
fn daily_backup_in_background(db_path: &std::path::Path) {
    let path = db_path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("qunzhu-daily-backup".into())
        .spawn(move || {
            let result = crate::store::Store::open(&path)
                .and_then(|store| crate::store::backup::daily_if_due(&store));
            if let Err(e) = result {
                eprintln!("qunzhu: daily backup failed: {e}");
            }
        });
    if let Err(e) = spawned {
        eprintln!("qunzhu: could not start the daily backup: {e}");
    }
}
