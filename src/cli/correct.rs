//! `flashpoint correct ...`: review and correct incidents (the same API the app uses).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::export::{FilterArgs, parse_type};
use crate::gazetteer::Gazetteer;
use crate::model::{EventType, Incident, PlaceRef, Precision};
use crate::paths;
use crate::store::correct::{place_from_gazetteer, place_from_point};
use crate::store::{Correction, Store};

#[derive(clap::Args)]
pub struct Args {
    /// The database (default: the data directory's flashpoint.sqlite).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// List incidents (with their ids), unresolved names, or corrections.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Include hidden incidents.
        #[arg(long)]
        hidden: bool,
        /// List unresolved place names and where they were read.
        #[arg(long)]
        unresolved: bool,
        /// List corrections (orphaned ones marked).
        #[arg(long)]
        corrections: bool,
    },
    /// Move an incident to a gazetteer place (id) or a map point (LAT,LON).
    Move { id: i64, to: String },
    /// Change an incident's event type (and sub-type).
    Retype {
        id: i64,
        #[arg(value_parser = parse_type)]
        event_type: EventType,
        #[arg(long)]
        sub: Option<String>,
    },
    /// Change an incident's date.
    Redate {
        id: i64,
        date: NaiveDate,
        #[arg(long)]
        end: Option<NaiveDate>,
        #[arg(long, default_value = "day", value_parser = parse_precision)]
        precision: Precision,
    },
    /// Hide an incident from the map and exports.
    Hide { id: i64 },
    /// Show a hidden incident again.
    Unhide { id: i64 },
    /// Give an unresolved place name a place (gazetteer id or LAT,LON).
    Assign {
        name: String,
        to: String,
        /// Only in this article (id).
        #[arg(long, conflicts_with = "everywhere")]
        article: Option<i64>,
        /// In every article.
        #[arg(long)]
        everywhere: bool,
    },
    /// Add an incident by hand.
    Add {
        #[arg(long = "type", value_parser = parse_type)]
        event_type: EventType,
        #[arg(long)]
        date: NaiveDate,
        #[arg(long, default_value = "day", value_parser = parse_precision)]
        precision: Precision,
        /// Gazetteer id or LAT,LON.
        #[arg(long)]
        place: String,
        /// What the incident rests on.
        #[arg(long)]
        evidence: String,
        /// Attach it to this article (id).
        #[arg(long)]
        article: Option<i64>,
        #[arg(long)]
        sub: Option<String>,
        #[arg(long)]
        killed: Option<u32>,
        #[arg(long)]
        injured: Option<u32>,
    },
    /// Keep an incident out of cross-article events (undo a wrong merge).
    Split { id: i64 },
    /// Remove a correction by its id (see `list --corrections`).
    Undo { correction: i64 },
}

fn parse_precision(s: &str) -> Result<Precision, String> {
    Ok(match s {
        "day" => Precision::Day,
        "week" => Precision::Week,
        "month" => Precision::Month,
        "year" => Precision::Year,
        _ => return Err(format!("{s:?}: one of day, week, month, year")),
    })
}

/// A gazetteer id or `LAT,LON`, as a place.
fn place(to: &str) -> Result<PlaceRef> {
    if let Some((lat, lon)) = to.split_once(',')
        && let (Ok(lat), Ok(lon)) = (lat.trim().parse::<f64>(), lon.trim().parse::<f64>())
    {
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            bail!("{to}: not a latitude,longitude");
        }
        return Ok(place_from_point(lat, lon));
    }
    let g = Gazetteer::load_default()?;
    let p = g
        .by_id(to)
        .with_context(|| format!("{to:?} is neither LAT,LON nor a gazetteer id"))?;
    Ok(place_from_gazetteer(p))
}

fn article_key(store: &Store, id: i64) -> Result<String> {
    store
        .articles()?
        .into_iter()
        .find(|a| a.id == id)
        .map(|a| a.key)
        .with_context(|| format!("no article {id}"))
}

pub fn run(a: Args) -> Result<ExitCode> {
    let store = Store::open(&a.db.unwrap_or_else(paths::default_db))?;
    let c = match a.command {
        Command::List {
            filter,
            hidden,
            unresolved,
            corrections,
        } => {
            list(&store, &filter, hidden, unresolved, corrections)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Undo { correction } => {
            store.remove_correction(correction)?;
            eprintln!("correction {correction} removed");
            return Ok(ExitCode::SUCCESS);
        }
        Command::Move { id, to } => Correction::Move {
            target: store.incident_key(id)?,
            place: place(&to)?,
        },
        Command::Retype {
            id,
            event_type,
            sub,
        } => Correction::Retype {
            target: store.incident_key(id)?,
            event_type,
            sub_event_type: sub,
        },
        Command::Redate {
            id,
            date,
            end,
            precision,
        } => Correction::Redate {
            target: store.incident_key(id)?,
            date,
            date_end: end,
            precision,
        },
        Command::Hide { id } => Correction::Hide {
            target: store.incident_key(id)?,
        },
        Command::Unhide { id } => Correction::Unhide {
            target: store.incident_key(id)?,
        },
        Command::Split { id } => Correction::Split {
            target: store.incident_key(id)?,
        },
        Command::Assign {
            name,
            to,
            article,
            everywhere,
        } => {
            if article.is_none() && !everywhere {
                bail!("say where: --article ID (this article only) or --everywhere");
            }
            Correction::Assign {
                name,
                article: article.map(|id| article_key(&store, id)).transpose()?,
                place: place(&to)?,
            }
        }
        Command::Add {
            event_type,
            date,
            precision,
            place: to,
            evidence,
            article,
            sub,
            killed,
            injured,
        } => {
            let key = article.map(|id| article_key(&store, id)).transpose()?;
            Correction::Add {
                incident: Incident {
                    article: String::new(),
                    event_type,
                    sub_event_type: sub.unwrap_or_default(),
                    date: Some(date),
                    date_end: None,
                    date_precision: precision,
                    date_assumed: false,
                    place: Some(place(&to)?),
                    unresolved_place: None,
                    killed,
                    injured,
                    span: [0, evidence.len()],
                    evidence,
                },
                article: key,
            }
        }
    };
    let kind = c.kind();
    let id = store.add_correction(c)?;
    eprintln!("{kind} saved as correction {id}");
    Ok(ExitCode::SUCCESS)
}

fn list(
    store: &Store,
    filter: &FilterArgs,
    hidden: bool,
    unresolved: bool,
    corrections: bool,
) -> Result<()> {
    if unresolved {
        for u in store.unresolved()? {
            println!("{} ({} mentions)", u.name, u.mentions.len());
            for m in &u.mentions {
                println!("  incident {} in {}: {}", m.incident_id, m.file, m.evidence);
            }
        }
        return Ok(());
    }
    if corrections {
        let orphans: Vec<i64> = store.orphaned_corrections()?.iter().map(|c| c.id).collect();
        for c in store.corrections()? {
            let mark = if orphans.contains(&c.id) {
                " [orphaned: its incident is gone]"
            } else {
                ""
            };
            println!(
                "{} {} {}{mark}",
                c.id,
                c.created_at,
                serde_json::to_string(&c.correction)?
            );
        }
        return Ok(());
    }
    let mut f = filter.filter();
    f.include_hidden = hidden;
    for s in store.incidents(&f)? {
        let i = &s.incident;
        let place = match (&i.place, &i.unresolved_place) {
            (Some(p), _) => format!("{} ({:.4},{:.4})", p.matched, p.lat, p.lon),
            (None, Some(u)) => format!("unresolved: {u}"),
            (None, None) => "no place".into(),
        };
        println!(
            "{}\t{}\t{}\t{}\tkilled {}\tinjured {}\t{}{}{}\t{}",
            s.id,
            i.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into()),
            i.event_type,
            place,
            i.killed.map_or("-".into(), |k| k.to_string()),
            i.injured.map_or("-".into(), |k| k.to_string()),
            i.article,
            if s.hidden { " [hidden]" } else { "" },
            if s.corrections > 0 {
                " [corrected]"
            } else {
                ""
            },
            i.evidence.replace('\n', " ")
        );
    }
    Ok(())
}
