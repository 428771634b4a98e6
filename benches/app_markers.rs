//! `cargo bench --bench app_markers`: the app's map with 100,000 and 1,000,000 incidents in
//! the region: building the visible marker set (the filtered incidents clustered into markers
//! and badges at the zoom; done when the filter or the zoom changes), placing it on screen
//! (every frame, e.g. while panning), and a filter change (list and counts).

use std::time::Instant;

use chrono::NaiveDate;
use egui::{Rect, pos2};
use flashpoint::app::map::{CLUSTER_RADIUS, layer_points};
use flashpoint::app::markers::{MarkerLayer, mercator};
use flashpoint::app::state::AppState;
use flashpoint::model::{EventType, Incident, PlaceRef, Precision};
use flashpoint::store::{IncidentKey, StoredIncident};
use walkers::{MercatorProjection, Projection as _, lon_lat};

fn incidents(n: usize) -> Vec<StoredIncident> {
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 1_000_000) as f64 / 1_000_000.0
    };
    let start = NaiveDate::from_ymd_opt(1998, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let (lat, lon) = (41.0 + 3.0 * next(), 19.0 + 4.0 * next());
            let t = EventType::ALL[i % 6];
            StoredIncident {
                id: i as i64,
                key: IncidentKey {
                    article: format!("a{}", i / 3),
                    fingerprint: i.to_string(),
                },
                article_id: Some((i / 3) as i64),
                title: None,
                source: None,
                url: None,
                published: None,
                incident: Incident {
                    article: String::new(),
                    event_type: t,
                    sub_event_type: String::new(),
                    date: Some(start + chrono::Days::new((next() * 5000.0) as u64)),
                    date_end: None,
                    date_precision: Precision::Day,
                    date_assumed: false,
                    place: Some(PlaceRef {
                        name: String::new(),
                        matched: format!("p{}", i % 5000),
                        lat,
                        lon,
                        country: "XK".into(),
                        admin1: String::new(),
                        gazetteer_id: String::new(),
                        geo_precision: 1,
                        reason: String::new(),
                    }),
                    unresolved_place: None,
                    killed: Some((i % 7) as u32),
                    injured: None,
                    evidence: String::new(),
                    span: [0, 0],
                },
                hidden: false,
                standalone: false,
                manual: false,
                corrections: 0,
                engine_version: String::new(),
            }
        })
        .collect()
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..7)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[3]
}

/// What opening the app costs with `n` incidents in the database (read, merge into events).
fn load_from_store(n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = flashpoint::store::Store::open(&dir.path().join("big.sqlite")).expect("db");
    let all = incidents(n);
    let t = Instant::now();
    for (k, chunk) in all.chunks(3).enumerate() {
        let article = flashpoint::model::Article {
            file: format!("a{k}.txt"),
            text: format!("article {k}"),
            ..Default::default()
        };
        let incs: Vec<Incident> = chunk.iter().map(|s| s.incident.clone()).collect();
        store.ingest_article(&article, &incs).expect("ingest");
    }
    let write = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let state = AppState::load(&store).expect("load");
    println!(
        "{n} incidents: app state loaded from the store in {:.0} ms ({} events; writing them took {write:.1} s)",
        t.elapsed().as_secs_f64() * 1000.0,
        state.events.len()
    );
}

fn main() {
    load_from_store(100_000);
    for n in [100_000usize, 1_000_000] {
        let mut state = AppState::default();
        state.incidents = incidents(n);
        state.recompute();
        let filter = median_ms(|| state.recompute());
        println!("{n} incidents: filter change (list, counts) in {filter:.1} ms");
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1280.0, 800.0));
        for zoom in [7.0, 9.0] {
            let world = MercatorProjection.project(lon_lat(180.0, 0.0), zoom).x();
            let mut layer = None;
            let build = median_ms(|| {
                let pts = layer_points(&state);
                layer = Some(MarkerLayer::build(
                    1,
                    zoom,
                    world,
                    &pts,
                    CLUSTER_RADIUS as f64,
                ));
            });
            let layer = layer.expect("built");
            let reference = mercator(42.6, 20.9);
            let mut shown = 0;
            let frame = median_ms(|| {
                shown = layer
                    .on_screen(reference, rect.center(), world, rect.expand(CLUSTER_RADIUS))
                    .len();
            });
            println!(
                "{n} incidents, zoom {zoom}: marker set built in {build:.1} ms (on a filter or zoom change), \
                 {frame:.2} ms per frame while panning ({} markers/badges, {shown} on screen)",
                layer.clusters.len()
            );
        }
    }
}
