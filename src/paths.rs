//! Where Qunzhu keeps its data file on each OS.

use std::path::PathBuf;

/// The data file's name inside the data folder.
pub const DB_FILE_NAME: &str = "qunzhu.db";

/// The default database: `~/.local/share/qunzhu/qunzhu.db` on Linux, `%APPDATA%\Qunzhu\data\qunzhu.db`
/// on Windows, `~/Library/Application Support/Qunzhu/qunzhu.db` on macOS. Falls back to the
/// working directory when the OS reports no home.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "Qunzhu")
        .map(|dirs| dirs.data_dir().join(DB_FILE_NAME))
        .unwrap_or_else(|| PathBuf::from(DB_FILE_NAME))
}
