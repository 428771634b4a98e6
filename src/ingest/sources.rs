//! From command-line paths to the list of files to read, with manifest metadata attached.
//!
//! A directory is walked recursively (sorted, hidden entries skipped); a `manifest.csv` in a
//! directory gives metadata to the files it lists (paths relative to it). A `.csv` path given
//! explicitly is a manifest: the files it lists are read. A file with an unknown extension is
//! a failure when named explicitly, and skipped with a warning when met in a directory.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::read::{self, Meta, Problem};

/// The extensions read as articles.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl"];

/// One file to read.
#[derive(Debug, Clone)]
pub struct Job {
    pub path: PathBuf,
    /// The canonical path (the article key for files).
    pub canonical: String,
    /// The name the article is known by (relative to the directory or manifest given).
    pub name: String,
    pub meta: Option<Meta>,
    pub size: u64,
}

/// The jobs, plus failures and warnings found while listing.
#[derive(Debug, Default)]
pub struct Listing {
    pub jobs: Vec<Job>,
    pub failures: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

#[derive(Default)]
struct Manifests {
    meta: HashMap<PathBuf, Meta>,
    broken: HashSet<PathBuf>,
    read: HashSet<PathBuf>,
}

/// Lists the files under `paths`.
pub fn list(paths: &[PathBuf], max_bytes: u64) -> Listing {
    let mut out = Listing::default();
    let mut m = Manifests::default();
    let mut raw: Vec<(PathBuf, String, bool)> = Vec::new(); // path, name, explicit
    for p in paths {
        let shown = p.display().to_string();
        let md = match std::fs::metadata(p) {
            Ok(md) => md,
            Err(e) => {
                out.failures
                    .push(Problem::file(shown, format!("cannot read: {e}")));
                continue;
            }
        };
        if md.is_dir() {
            walk(p, p, &mut raw, &mut m, &mut out);
        } else if ext(p) == "csv" {
            let dir = p.parent().unwrap_or(Path::new("")).to_path_buf();
            for (file, _) in read_manifest(p, &mut m, &mut out) {
                let fp = dir.join(&file);
                if fp.is_file() {
                    raw.push((fp, file, true));
                }
            }
        } else {
            if let Some(dir) = p.parent() {
                let mf = if dir.as_os_str().is_empty() {
                    PathBuf::from("manifest.csv")
                } else {
                    dir.join("manifest.csv")
                };
                if mf.is_file() {
                    read_manifest(&mf, &mut m, &mut out);
                }
            }
            raw.push((p.clone(), shown, true));
        }
    }
    let canon_of = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // A file named on the command line counts as explicit even when a folder also holds it.
    let named: HashSet<PathBuf> = raw.iter().filter(|r| r.2).map(|r| canon_of(&r.0)).collect();
    let mut seen = HashSet::new();
    for (path, name, explicit) in raw {
        let canon = canon_of(&path);
        let explicit = explicit || named.contains(&canon);
        if !seen.insert(canon.clone()) || m.broken.contains(&canon) {
            continue;
        }
        let e = ext(&path);
        if !EXTENSIONS.contains(&e.as_str()) {
            let p = Problem::file(
                &name,
                format!(
                    "unknown extension {:?} (reads .txt, .md, .html, .htm, .jsonl; a .csv is a manifest)",
                    e
                ),
            );
            if explicit {
                out.failures.push(p);
            } else {
                out.warnings.push(Problem {
                    reason: format!("skipped: {}", p.reason),
                    ..p
                });
            }
            continue;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        out.jobs.push(Job {
            meta: m.meta.get(&canon).cloned(),
            canonical: canon.display().to_string(),
            path,
            name,
            size: size.min(max_bytes),
        });
    }
    out
}

fn ext(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads a manifest once; returns its rows' (file, line) for the caller to queue.
fn read_manifest(path: &Path, m: &mut Manifests, out: &mut Listing) -> Vec<(String, u64)> {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !m.read.insert(canon) {
        return Vec::new();
    }
    let shown = path.display().to_string();
    let bytes = match read::read_limited(path, read::DEFAULT_MAX_BYTES) {
        Ok(b) => b,
        Err(e) => {
            out.failures.push(Problem::file(shown, e));
            return Vec::new();
        }
    };
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let (rows, bad) = match read::manifest(&bytes, &shown) {
        Ok(r) => r,
        Err(p) => {
            out.failures.push(p);
            return Vec::new();
        }
    };
    for (p, file) in bad {
        if let Some(f) = file
            && let Ok(c) = std::fs::canonicalize(dir.join(f))
        {
            m.broken.insert(c);
        }
        out.failures.push(p);
    }
    let mut listed = Vec::new();
    for row in rows {
        let fp = dir.join(&row.file);
        match std::fs::canonicalize(&fp) {
            Ok(c) if fp.is_file() => {
                m.meta.insert(c, row.meta);
                listed.push((row.file, row.line));
            }
            _ => out.failures.push(Problem::line(
                &shown,
                row.line,
                format!("{}: file not found", row.file),
            )),
        }
    }
    listed
}

fn walk(
    root: &Path,
    dir: &Path,
    raw: &mut Vec<(PathBuf, String, bool)>,
    m: &mut Manifests,
    out: &mut Listing,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.failures.push(Problem::file(
                dir.display().to_string(),
                format!("cannot read: {e}"),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    let mf = dir.join("manifest.csv");
    if mf.is_file() {
        read_manifest(&mf, m, out);
    }
    for p in entries {
        let fname = p.file_name().map(|f| f.to_string_lossy().to_string());
        let fname = fname.unwrap_or_default();
        if fname.starts_with('.') || fname == "manifest.csv" {
            continue;
        }
        if p.is_dir() {
            walk(root, &p, raw, m, out);
        } else {
            let name = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            raw.push((p, name, false));
        }
    }
}
