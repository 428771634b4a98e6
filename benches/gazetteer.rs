//! `cargo bench --bench gazetteer`: load time of the world gazetteer and lookups per second.

use std::time::Instant;

use flashpoint::fold::fold;
use flashpoint::gazetteer::{Gazetteer, default_path};
use flashpoint::geocode::{Context, rank};
use flashpoint::model::Article;

fn main() {
    let path = default_path().expect("gazetteer.csv");
    let mut loads = Vec::new();
    let mut g = None;
    for _ in 0..5 {
        let t = Instant::now();
        let loaded = Gazetteer::load(&path).expect("load");
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        g = Some(loaded);
    }
    let g = g.unwrap();
    loads.sort_by(f64::total_cmp);
    println!(
        "gazetteer load: {} places, {} names; median {:.0} ms, best {:.0} ms (5 runs)",
        g.len(),
        g.name_count(),
        loads[2],
        loads[0]
    );

    // Lookups: every 7th place's own name, with a Kosovo context.
    let names: Vec<String> = g
        .places()
        .iter()
        .step_by(7)
        .map(|p| p.name.clone())
        .collect();
    let mut ctx = Context::new();
    ctx.add_country("XK", 1.0);
    ctx.add_anchor("Pristina", 42.67, 21.17);
    let t = Instant::now();
    let mut found = 0usize;
    for n in &names {
        found += usize::from(!rank(&g, n, &ctx).is_empty());
    }
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(found, names.len());
    println!(
        "geocode lookups (fold + rank with context): {:.0} per second ({} names)",
        names.len() as f64 / secs,
        names.len()
    );
    let t = Instant::now();
    let mut hits = 0usize;
    for n in &names {
        hits += g.lookup(&fold(n)).len();
    }
    println!(
        "folded-name index lookups: {:.0} per second ({hits} hits)",
        names.len() as f64 / t.elapsed().as_secs_f64()
    );
    extraction(&g);
}

/// Extraction throughput over the bundled demo reports, each read many times.
fn extraction(g: &Gazetteer) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut rdr = csv::Reader::from_path(dir.join("manifest.csv")).expect("demo manifest");
    let articles: Vec<Article> = rdr
        .records()
        .map(|r| {
            let r = r.expect("manifest row");
            Article {
                file: r[0].to_string(),
                published: r[1].parse().ok(),
                text: std::fs::read_to_string(dir.join(&r[0])).expect("demo report"),
                ..Article::default()
            }
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let rounds = 50;
    let t = Instant::now();
    let mut incidents = 0;
    for _ in 0..rounds {
        for a in &articles {
            incidents += flashpoint::extract::extract(a, g).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extraction: {:.0} articles per second, {:.1} MB/s ({} demo articles x {rounds}, {} incidents each round)",
        (articles.len() * rounds) as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        articles.len(),
        incidents / rounds
    );
}
