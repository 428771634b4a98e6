//! Shared test helpers: the world gazetteer loaded once per test binary, the seeds folder.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use flashpoint::gazetteer::Gazetteer;

/// The shipped world gazetteer (loaded once).
pub fn world() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("gazetteer.csv");
        Gazetteer::load(&path).expect("gazetteer.csv loads")
    })
}

/// `../shared/seeds` beside the project, if present.
pub fn seeds_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if p.join("expected.json").is_file() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared/seeds is absent; the seed acceptance test needs it");
        None
    }
}

/// The project's own fixture reports.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports")
}
