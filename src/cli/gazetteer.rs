//! `flashpoint gazetteer import FILE...` and `flashpoint gazetteer stats`.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::gazetteer::{Gazetteer, geonames};
use crate::paths;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Merge GeoNames dump files (19-column, tab-separated) into the user gazetteer.
    Import {
        files: Vec<PathBuf>,
        /// Write to this file instead of the user gazetteer in the data directory.
        #[arg(long)]
        into: Option<PathBuf>,
    },
    /// Print what the loaded gazetteer holds.
    Stats,
}

pub fn run(c: Command) -> Result<ExitCode> {
    match c {
        Command::Import { files, into } => {
            let base = Gazetteer::load_default()?;
            let target = into.unwrap_or_else(paths::user_gazetteer);
            let (mut places, mut failed) = (Vec::new(), 0usize);
            for f in &files {
                let file = std::fs::File::open(f)
                    .with_context(|| format!("cannot open {}", f.display()))?;
                let r = geonames::read_dump(BufReader::new(file), &f.display().to_string(), &base);
                for e in &r.errors {
                    eprintln!("{e}");
                }
                failed += r.errors.len();
                eprintln!("{}: {} places read", f.display(), r.places.len());
                places.extend(r.places);
            }
            let n = places.len();
            let total = geonames::merge_into_file(&target, places)?;
            eprintln!(
                "imported {n} places into {} ({total} in all); {failed} lines skipped",
                target.display()
            );
            Ok(if failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Stats => {
            let g = Gazetteer::load_default()?;
            println!("places: {}", g.len());
            println!("distinct folded names: {}", g.name_count());
            println!("user gazetteer: {}", paths::user_gazetteer().display());
            Ok(ExitCode::SUCCESS)
        }
    }
}
