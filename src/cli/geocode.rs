//! `flashpoint geocode NAME... [--near PLACE|LAT,LON] [--country CC] [--json]`

use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::json;

use crate::gazetteer::Gazetteer;
use crate::geocode::{Context, rank, resolve};

#[derive(clap::Args)]
pub struct Args {
    /// Place names to look up.
    #[arg(required = true)]
    names: Vec<String>,
    /// Context: a place name or "LAT,LON" the names are near.
    #[arg(long)]
    near: Option<String>,
    /// Only places in this country (ISO 3166 alpha-2, XK for Kosovo).
    #[arg(long)]
    country: Option<String>,
    /// One JSON object per candidate per line.
    #[arg(long)]
    json: bool,
    /// At most this many candidates per name.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let g = Gazetteer::load_default()?;
    let mut ctx = Context::new();
    ctx.only_country = a.country.clone();
    if let Some(near) = &a.near {
        add_near(&g, &mut ctx, near)?;
    }
    let mut missing = 0;
    for name in &a.names {
        let ranked = rank(&g, name, &ctx);
        if ranked.is_empty() {
            missing += 1;
            if a.json {
                println!(
                    "{}",
                    json!({"name": name, "matched": null, "unresolved": true})
                );
            } else {
                println!("{name}: unresolved (not in the gazetteer)");
            }
            continue;
        }
        for c in ranked.iter().take(a.limit) {
            let p = g.place(c.place);
            if a.json {
                let v = json!({
                    "name": name, "matched": p.name, "lat": p.lat, "lon": p.lon,
                    "country": p.country, "admin1": &*p.admin1, "kind": p.kind,
                    "gazetteer_id": p.id, "score": c.score, "reason": c.reason,
                });
                println!("{v}");
            } else {
                println!(
                    "{name}: {} ({}, {}{}) {:.4} {:.4} [{}] score {:.2}: {}",
                    p.name,
                    p.kind,
                    p.country,
                    if p.admin1.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", p.admin1)
                    },
                    p.lat,
                    p.lon,
                    p.id,
                    c.score,
                    c.reason
                );
            }
        }
    }
    Ok(if missing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn add_near(g: &Gazetteer, ctx: &mut Context, near: &str) -> Result<()> {
    if let Some((lat, lon)) = near.split_once(',')
        && let (Ok(lat), Ok(lon)) = (lat.trim().parse::<f64>(), lon.trim().parse::<f64>())
    {
        ctx.add_anchor(near, lat, lon);
        return Ok(());
    }
    match resolve(g, near, ctx) {
        Some(c) => {
            ctx.add_place(g.place(c.place), 1.0);
            Ok(())
        }
        None => bail!("--near {near:?}: not in the gazetteer"),
    }
}
