//! Acceptance: `flashpoint ingest ../shared/seeds/manifest.csv` then `flashpoint export` yields
//! the seed incidents (expected.json's must_find). Skips when ../shared/seeds is absent.

mod common;

use std::process::Command;

use geojson::{GeoJson, Value};
use serde_json::Value as J;

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    flashpoint::geocode::distance_km(lat1, lon1, lat2, lon2)
}

#[test]
fn ingest_then_export_yields_the_seed_incidents() {
    let Some(seeds) = common::seeds_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let bin = env!("CARGO_BIN_EXE_flashpoint");
    let o = Command::new(bin)
        .env("FLASHPOINT_DATA_DIR", dir.path())
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(seeds.join("manifest.csv"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new(bin)
        .env("FLASHPOINT_DATA_DIR", dir.path())
        .args(["export", "--format", "geojson", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(o.status.success());
    let GeoJson::FeatureCollection(fc) = String::from_utf8(o.stdout)
        .unwrap()
        .parse::<GeoJson>()
        .unwrap()
    else {
        panic!("not a FeatureCollection")
    };
    let expected: J =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("expected.json")).unwrap())
            .unwrap();
    let mut missing = Vec::new();
    for art in expected["articles"].as_array().unwrap() {
        let file = art["file"].as_str().unwrap();
        for m in art["must_find"].as_array().unwrap() {
            let (lat, lon) = (m["lat"].as_f64().unwrap(), m["lon"].as_f64().unwrap());
            let radius = m["radius_km"].as_f64().unwrap();
            let (lo, hi) = match m.get("date_window") {
                Some(w) => (w[0].as_str().unwrap(), w[1].as_str().unwrap()),
                None => (m["date"].as_str().unwrap(), m["date"].as_str().unwrap()),
            };
            let types: Vec<&str> = m["types"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            let found = fc.features.iter().any(|f| {
                let Some(Value::Point(pt)) = f.geometry.as_ref().map(|g| &g.value) else {
                    return false;
                };
                let p = f.properties.as_ref().unwrap();
                let date = p["date"].as_str().unwrap_or("");
                let end = p["date_end"].as_str().unwrap_or(date);
                let sources = p["sources"].as_array().unwrap();
                km(lat, lon, pt[1], pt[0]) <= radius
                    && date <= hi
                    && end >= lo
                    && p["types"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|t| types.contains(&t.as_str().unwrap()))
                    && sources.iter().any(|s| s["file"] == file)
            });
            if !found {
                missing.push(m["id"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "not in the export: {missing:?}");
}
