//! Scores extraction against an `expected.json` (the schema of `../shared/seeds/expected.json`).
#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use flashpoint::extract::analyze;
use flashpoint::gazetteer::Gazetteer;
use flashpoint::geocode::distance_km;
use flashpoint::model::{Article, Incident};
use serde_json::Value;

/// What a reading got right and wrong, with a line per miss.
#[derive(Default, Debug)]
pub struct Score {
    pub must_find: usize,
    pub found: usize,
    pub place_ok: usize,
    pub date_ok: usize,
    pub must_not_violations: usize,
    pub unresolved: usize,
    pub unresolved_ok: usize,
    pub misses: Vec<String>,
}

impl Score {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.must_find.max(1) as f64
    }
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str()?.parse().ok()
}

/// Reads every article of the manifest in `dir` and scores it against `dir/expected.json`.
pub fn score(dir: &Path, g: &Gazetteer, read: impl Fn(&Path) -> String) -> Score {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut s = Score::default();
    for a in expected["articles"].as_array().unwrap() {
        let file = a["file"].as_str().unwrap();
        let article = Article {
            file: file.to_string(),
            published: date(&a["published"]),
            text: read(&dir.join(file)),
            ..Article::default()
        };
        let analysis = analyze(&article, g);
        let incidents = &analysis.incidents;
        for m in a["must_find"].as_array().unwrap() {
            s.must_find += 1;
            let (lat, lon, r) = (
                m["lat"].as_f64().unwrap(),
                m["lon"].as_f64().unwrap(),
                m["radius_km"].as_f64().unwrap(),
            );
            let near = |i: &Incident| {
                i.place
                    .as_ref()
                    .is_some_and(|p| distance_km(p.lat, p.lon, lat, lon) <= r)
            };
            let date_ok = |i: &Incident| {
                let Some(d) = i.date else { return false };
                if let Some(w) = m["date_window"].as_array() {
                    let (from, to) = (date(&w[0]).unwrap(), date(&w[1]).unwrap());
                    from <= d && d <= to || i.date_end.is_some_and(|e| d <= to && e >= from)
                } else {
                    let want = date(&m["date"]).unwrap();
                    d == want || i.date_end.is_some_and(|e| d <= want && want <= e)
                }
            };
            let type_ok = |i: &Incident| {
                m["types"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t.as_str() == Some(i.event_type.as_str()))
            };
            let cas_ok = |i: &Incident| {
                let min = |k: &str, v: Option<u32>| {
                    m[k].as_u64().is_none_or(|n| v.unwrap_or(0) as u64 >= n)
                };
                min("killed_min", i.killed) && min("injured_min", i.injured)
            };
            let ev_ok = |i: &Incident| {
                m["evidence_contains"]
                    .as_str()
                    .is_none_or(|e| i.evidence.to_lowercase().contains(&e.to_lowercase()))
            };
            if incidents.iter().any(near) {
                s.place_ok += 1;
            }
            if incidents.iter().any(|i| near(i) && date_ok(i)) {
                s.date_ok += 1;
            }
            if incidents
                .iter()
                .any(|i| near(i) && date_ok(i) && type_ok(i) && cas_ok(i) && ev_ok(i))
            {
                s.found += 1;
            } else {
                let close: Vec<String> = incidents
                    .iter()
                    .filter(|i| near(i))
                    .map(|i| {
                        format!(
                            "{} {:?} k{:?} i{:?}",
                            i.event_type, i.date, i.killed, i.injured
                        )
                    })
                    .collect();
                s.misses.push(format!(
                    "{file}: missed {} ({}) near: {close:?}",
                    m["id"], m["place"]
                ));
            }
        }
        for m in a["must_not"].as_array().unwrap() {
            let (lat, lon, r) = (
                m["lat"].as_f64().unwrap(),
                m["lon"].as_f64().unwrap(),
                m["radius_km"].as_f64().unwrap(),
            );
            for i in incidents {
                if i.place
                    .as_ref()
                    .is_some_and(|p| distance_km(p.lat, p.lon, lat, lon) <= r)
                {
                    s.must_not_violations += 1;
                    s.misses.push(format!(
                        "{file}: incident at must-not place {}: {}",
                        m["place"], i.evidence
                    ));
                }
            }
        }
        for u in a["unresolved"].as_array().unwrap() {
            s.unresolved += 1;
            let name = u.as_str().unwrap();
            let reported = incidents
                .iter()
                .any(|i| i.unresolved_place.as_deref() == Some(name))
                || analysis
                    .mentions
                    .iter()
                    .any(|m| m.mention == name && m.place.is_none());
            let placed = analysis
                .mentions
                .iter()
                .any(|m| m.mention == name && m.place.is_some());
            if reported && !placed {
                s.unresolved_ok += 1;
            } else {
                s.misses
                    .push(format!("{file}: {name} not reported as unresolved"));
            }
        }
    }
    s
}
