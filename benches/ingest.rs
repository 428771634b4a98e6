//! `cargo bench --bench ingest`: articles/s and MB/s of `flashpoint ingest`, end to end with the
//! real extractor, on a synthetic corpus of ~3 kB articles (`BENCH_ARTICLES`, default 5000);
//! also the store alone (a no-op extractor) and extraction alone, to show where time goes.

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use flashpoint::extract::extract;
use flashpoint::gazetteer::{Gazetteer, default_path};
use flashpoint::ingest::{self, Options, synth};
use flashpoint::model::{Article, EventType, Incident, PlaceRef, Precision};
use flashpoint::store::Store;

fn main() {
    let n: u64 = std::env::var("BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let bytes = synth::write_corpus(&corpus, n, 7).expect("corpus");
    let mb = bytes as f64 / 1e6;
    let g = Gazetteer::load(&default_path().expect("gazetteer.csv")).expect("gazetteer");
    let paths = [corpus.clone()];
    let cancel = AtomicBool::new(false);
    let opts = Options::default();

    let report = |what: &str, secs: f64, incidents: u64| {
        println!(
            "{what}: {n} articles ({mb:.1} MB) in {secs:.2} s: {:.0} articles/s, {:.1} MB/s, {incidents} incidents",
            n as f64 / secs,
            mb / secs
        );
    };

    // End to end with the real extractor.
    let db = Store::open(&dir.path().join("full.sqlite")).expect("db");
    let t = Instant::now();
    let s = ingest::run(&paths, &db, &g, &opts, &cancel, |_| {}).expect("ingest");
    report(
        "ingest, real extractor",
        t.elapsed().as_secs_f64(),
        s.counts.incidents,
    );

    // The store alone.
    let db = Store::open(&dir.path().join("store.sqlite")).expect("db");
    let none = |_: &Article| Vec::new();
    let t = Instant::now();
    let s = ingest::run_with(&paths, &db, &none, &opts, &cancel, |_| {}).expect("ingest");
    report(
        "ingest, no extraction",
        t.elapsed().as_secs_f64(),
        s.counts.incidents,
    );

    // The store with ten stand-in incidents per article (the real extractor's yield).
    let db = Store::open(&dir.path().join("store10.sqlite")).expect("db");
    let ten = |a: &Article| {
        (0..10)
            .map(|k| Incident {
                article: a.file.clone(),
                event_type: EventType::Riots,
                sub_event_type: "violent_demonstration".into(),
                date: a.published,
                date_end: None,
                date_precision: Precision::Day,
                date_assumed: false,
                place: Some(PlaceRef {
                    name: format!("Town {k}"),
                    matched: format!("Town {k}"),
                    lat: 42.6 + k as f64 * 0.01,
                    lon: 20.9,
                    country: "XK".into(),
                    admin1: "Pristina".into(),
                    gazetteer_id: format!("gn:{k}"),
                    geo_precision: 1,
                    reason: "stand-in".into(),
                }),
                unresolved_place: None,
                killed: Some(k),
                injured: None,
                evidence: a.text.get(..200).unwrap_or(&a.text).to_string(),
                span: [k as usize * 200, k as usize * 200 + 200],
            })
            .collect()
    };
    let t = Instant::now();
    let s = ingest::run_with(&paths, &db, &ten, &opts, &cancel, |_| {}).expect("ingest");
    report(
        "ingest, 10 stand-in incidents/article",
        t.elapsed().as_secs_f64(),
        s.counts.incidents,
    );

    // Extraction alone, one thread.
    let articles: Vec<Article> = (1..=n.min(1000))
        .map(|i| {
            let (published, source, title, text) = synth::article(7, i);
            Article {
                file: format!("{i}"),
                published: Some(published),
                source: Some(source),
                title: Some(title),
                url: None,
                text,
            }
        })
        .collect();
    let t = Instant::now();
    let k: usize = articles.iter().map(|a| extract(a, &g).len()).sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extraction alone, one thread: {:.0} articles/s ({k} incidents from {} articles)",
        articles.len() as f64 / secs,
        articles.len()
    );
}
