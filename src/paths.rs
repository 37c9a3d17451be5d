//! Where Qunzhu keeps its data file on each OS, and where it was moved to.

use std::path::PathBuf;

/// The data file's name inside the data folder.
pub const DB_FILE_NAME: &str = "qunzhu.db";

/// A small text file in the data folder holding the data file's path after "move data file…".
const LOCATION_FILE: &str = "location.txt";

fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Qunzhu").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The default database: `~/.local/share/qunzhu/qunzhu.db` on Linux, `%APPDATA%\Qunzhu\data\qunzhu.db`
/// on Windows, `~/Library/Application Support/Qunzhu/qunzhu.db` on macOS — or wherever the user
/// moved it. Falls back to the working directory when the OS reports no home.
pub fn default_db_path() -> PathBuf {
    let Some(dir) = data_dir() else {
        return PathBuf::from(DB_FILE_NAME);
    };
    std::fs::read_to_string(dir.join(LOCATION_FILE))
        .ok()
        .map(|text| PathBuf::from(text.trim()))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| dir.join(DB_FILE_NAME))
}

/// Remembers that the data file now lives at `path` (used when no `--db` is given).
pub fn remember_location(path: &std::path::Path) -> std::io::Result<()> {
    let dir = data_dir().ok_or_else(|| std::io::Error::other("no home folder"))?;
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(LOCATION_FILE), path.display().to_string())
}
