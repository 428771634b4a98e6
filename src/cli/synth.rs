//! `flashpoint synth --articles N --out DIR [--seed S]`: a synthetic corpus for benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::ingest::synth;

#[derive(clap::Args)]
pub struct Args {
    /// How many articles.
    #[arg(long)]
    articles: u64,
    /// The folder to write (with a manifest.csv).
    #[arg(long)]
    out: PathBuf,
    /// Random seed (same seed, same corpus).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let bytes = synth::write_corpus(&a.out, a.articles, a.seed)?;
    eprintln!(
        "wrote {} articles ({:.1} MB) and manifest.csv to {}",
        a.articles,
        bytes as f64 / 1e6,
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
