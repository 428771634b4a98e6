//! `flashpoint export [--db PATH] --format geojson|csv [filters] [-o FILE]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::export;
use crate::model::EventType;
use crate::paths;
use crate::store::{Filter, Store};

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Geojson,
    Csv,
}

/// The filters shared by `export` and `correct list`.
#[derive(clap::Args)]
pub struct FilterArgs {
    /// Only incidents on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Only incidents on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Only this year (repeatable).
    #[arg(long = "year")]
    years: Vec<i32>,
    /// Only this event type, e.g. riots, explosions_remote_violence (repeatable).
    #[arg(long = "type", value_parser = parse_type)]
    types: Vec<EventType>,
    /// Only incidents whose evidence, place or article title contains this.
    #[arg(long)]
    text: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            years: self.years.clone(),
            types: self.types.clone(),
            text: self.text.clone(),
            include_hidden: false,
        }
    }
}

/// An event type by snake_case name or ACLED label.
pub fn parse_type(s: &str) -> Result<EventType, String> {
    EventType::parse(s)
        .or_else(|| {
            EventType::ALL
                .into_iter()
                .find(|t| t.label().eq_ignore_ascii_case(s))
        })
        .ok_or_else(|| {
            let names: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("unknown event type {s:?}; one of {}", names.join(", "))
        })
}

#[derive(clap::Args)]
pub struct Args {
    /// The database (default: the data directory's flashpoint.sqlite).
    #[arg(long)]
    db: Option<PathBuf>,
    #[arg(long, value_enum)]
    format: Format,
    #[command(flatten)]
    filter: FilterArgs,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open(&a.db.unwrap_or_else(paths::default_db))?;
    let events = store.events(&a.filter.filter())?;
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let w = match a.format {
        Format::Geojson => export::write_geojson(&events, &mut out)?,
        Format::Csv => export::write_csv(&events, &mut out)?,
    };
    out.flush()?;
    eprintln!("{} events written", w.events);
    if w.unlocated > 0 {
        eprintln!(
            "{} events left out: no place yet (see `flashpoint correct list --unresolved`)",
            w.unlocated
        );
    }
    Ok(ExitCode::SUCCESS)
}
