//! `flashpoint ingest [--db PATH] PATH...`: articles into the database, with a progress bar.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Result;
use indicatif::{HumanBytes, ProgressBar, ProgressStyle};

use crate::gazetteer::Gazetteer;
use crate::ingest::{self, Options, Progress};
use crate::paths;
use crate::store::Store;

/// How many warnings to print before summarising the rest.
const MAX_WARNINGS: usize = 20;

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (recursive): .txt, .md, .html, .htm, .jsonl; a .csv is a manifest.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The database (default: the data directory's flashpoint.sqlite).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Re-extract articles even when unchanged.
    #[arg(long)]
    force: bool,
    /// Refuse files larger than this many MB.
    #[arg(long, default_value_t = 20)]
    max_mb: u64,
    /// Extraction threads (0: one per core but the writer's, at least 1).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open(&a.db.unwrap_or_else(paths::default_db))?;
    let g = Gazetteer::load_default()?;
    let opts = Options {
        max_bytes: a.max_mb * 1024 * 1024,
        threads: a.threads,
        force: a.force,
        ..Options::default()
    };
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::default_bar()
            .template("{bar:30} {pos}/{len} files  {msg}  ETA {eta}")
            .expect("valid template"),
    );
    let cancel = AtomicBool::new(false);
    let summary = ingest::run(&a.paths, &store, &g, &opts, &cancel, |p: &Progress| {
        bar.set_length(p.files_total);
        bar.set_position(p.files_done);
        let c = &p.counts;
        bar.set_message(format!(
            "{} articles, {}, {} incidents",
            c.added + c.updated + c.unchanged,
            HumanBytes(p.bytes_done),
            c.incidents
        ));
    })?;
    bar.finish_and_clear();
    for f in &summary.failures {
        eprintln!("error: {f}");
    }
    for w in summary.warnings.iter().take(MAX_WARNINGS) {
        eprintln!("warning: {w}");
    }
    if summary.warnings.len() > MAX_WARNINGS {
        eprintln!(
            "warning: ... and {} more warnings",
            summary.warnings.len() - MAX_WARNINGS
        );
    }
    eprintln!("{}", summary.line());
    Ok(if summary.counts.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
