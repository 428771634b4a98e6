//! Where Flashpoint keeps its files: the platform data directory (`directories`), overridable
//! with `FLASHPOINT_DATA_DIR` (tests use this) and, for the database, `--db`.

use std::path::PathBuf;

/// The user data directory (created on demand by the writers).
pub fn data_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("FLASHPOINT_DATA_DIR") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("org", "Flashpoint", "flashpoint")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".flashpoint"))
}

/// The user gazetteer that `flashpoint gazetteer import` writes and every load reads.
pub fn user_gazetteer() -> PathBuf {
    data_dir().join("user_gazetteer.csv")
}

/// The default incident database.
pub fn default_db() -> PathBuf {
    data_dir().join("flashpoint.sqlite")
}

/// The user cache directory (map tiles).
pub fn cache_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("FLASHPOINT_CACHE_DIR") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("org", "Flashpoint", "flashpoint")
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".flashpoint-cache"))
}
