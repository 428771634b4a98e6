//! The command line: one subcommand per step of the data flow, all over the library API.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod correct;
mod export;
mod extract;
mod gazetteer;
mod geocode;
mod ingest;
mod synth;

/// Flashpoint: a map of news-reported incidents.
#[derive(Parser)]
#[command(name = "flashpoint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no subcommand: the database the app opens (default: the data directory's
    /// flashpoint.sqlite).
    #[arg(long)]
    db: Option<std::path::PathBuf>,
    /// With no subcommand: draw only the offline basemap (no map tiles from the network).
    #[arg(long)]
    offline: bool,
    /// With no subcommand: do not import the demo data set into an empty database.
    #[arg(long)]
    no_demo: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Rank the gazetteer places a name may mean.
    Geocode(geocode::Args),
    /// Read incidents from articles: JSON Lines on stdout, one incident per line.
    Extract(extract::Args),
    /// Every place mention in articles, incident or not: JSON Lines on stdout.
    Places(extract::Args),
    /// Manage the gazetteer (import GeoNames dumps, show statistics).
    #[command(subcommand)]
    Gazetteer(gazetteer::Command),
    /// Read articles (files, folders, manifests, JSON Lines) into the database.
    Ingest(ingest::Args),
    /// Write the database's events as GeoJSON or ACLED-style CSV.
    Export(export::Args),
    /// Review and correct incidents: move, retype, redate, hide, assign, add, split, list.
    Correct(correct::Args),
    /// Write a synthetic corpus for benchmarks.
    Synth(synth::Args),
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => crate::app::run(crate::app::Options {
            db: cli.db.unwrap_or_else(crate::paths::default_db),
            tiles: !cli.offline,
            demo: !cli.no_demo,
            background: true,
        })
        .map(|()| ExitCode::SUCCESS),
        Some(Command::Geocode(a)) => geocode::run(a),
        Some(Command::Extract(a)) => extract::run(a, extract::Output::Incidents),
        Some(Command::Places(a)) => extract::run(a, extract::Output::Places),
        Some(Command::Gazetteer(c)) => gazetteer::run(c),
        Some(Command::Ingest(a)) => ingest::run(a),
        Some(Command::Export(a)) => export::run(a),
        Some(Command::Correct(a)) => correct::run(a),
        Some(Command::Synth(a)) => synth::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
