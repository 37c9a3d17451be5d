//! The window: eframe setup, the App, its screens and widgets. Draws and dispatches; never SQL.

pub mod app;
pub mod command;
pub mod content_command;
pub mod i18n;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;

use anyhow::Context;

pub use app::App;

/// The window icon (also used for the packages).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/qunzhu-256.png");

/// The text of the title bar: the app and the data file it has open.
pub fn window_title(db_path: &std::path::Path) -> String {
    format!("群主 Qunzhu — {}", db_path.display())
}

/// Opens the database at `db_path` (creating and migrating it) and runs the window until closed.
/// `open_file` (a file the OS asked us to open) goes straight to the import screen.
pub fn run(db_path: PathBuf, open_file: Option<PathBuf>) -> anyhow::Result<()> {
    let store = crate::store::Store::open(&db_path)
        .with_context(|| format!("opening {}", db_path.display()))?;
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
            let mut app = App::new(cc, store);
            if let Some(path) = open_file {
                app.open_import_file(&path);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
