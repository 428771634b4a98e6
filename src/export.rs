//! Exporting events: GeoJSON (RFC 7946) and ACLED-style CSV.
//!
//! Both write one record per merged [`Event`] that has a place; events without one (an
//! unresolved place nobody has assigned yet) are counted and left out.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, Value, feature::Id};
use serde_json::json;

use crate::store::Event;

/// The CSV header: ACLED's column names where they apply, plus `injured`.
pub const CSV_HEADER: [&str; 16] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injured",
];

/// How many events were written, and how many were left out for want of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub events: usize,
    pub unlocated: usize,
}

/// Guards a text cell against spreadsheet formula injection: a cell starting with `=`, `+`,
/// `-`, `@` (or a tab or carriage return) gets a leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The events as a FeatureCollection of Points (longitude, latitude).
pub fn feature_collection(events: &[Event]) -> (FeatureCollection, Written) {
    let mut features = Vec::new();
    let mut unlocated = 0;
    for e in events {
        let Some(p) = &e.place else {
            unlocated += 1;
            continue;
        };
        let mut props = JsonObject::new();
        let mut put = |k: &str, v: serde_json::Value| {
            props.insert(k.to_string(), v);
        };
        put("event_id", json!(e.id));
        put("event_type", json!(e.event_type.as_str()));
        put("event_type_label", json!(e.event_type.label()));
        put(
            "types",
            json!(e.types.iter().map(|t| t.as_str()).collect::<Vec<_>>()),
        );
        put("sub_event_types", json!(e.sub_event_types));
        put("date", json!(e.date.map(|d| d.to_string())));
        put("date_end", json!(e.date_end.map(|d| d.to_string())));
        put("precision", json!(e.precision.as_str()));
        put("place", json!(p.name));
        put("place_matched", json!(p.matched));
        put("gazetteer_id", json!(p.gazetteer_id));
        put("country", json!(p.country));
        put("admin1", json!(p.admin1));
        put("geo_precision", json!(p.geo_precision));
        put("killed", json!(e.killed));
        put("injured", json!(e.injured));
        put("sources", json!(e.sources));
        put(
            "evidence",
            json!(e.sources.iter().map(|s| &s.evidence).collect::<Vec<_>>()),
        );
        features.push(Feature {
            bbox: None,
            geometry: Some(Geometry::new(Value::Point(vec![p.lon, p.lat]))),
            id: Some(Id::String(e.id.clone())),
            properties: Some(props),
            foreign_members: None,
        });
    }
    let written = Written {
        events: features.len(),
        unlocated,
    };
    (
        FeatureCollection {
            bbox: None,
            features,
            foreign_members: None,
        },
        written,
    )
}

/// Writes the GeoJSON FeatureCollection.
pub fn write_geojson(events: &[Event], mut w: impl Write) -> Result<Written> {
    let (fc, written) = feature_collection(events);
    serde_json::to_writer(&mut w, &fc)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(written)
}

/// Writes ACLED-style CSV, one row per located event. `fatalities` and `injured` are the
/// best estimates; text cells are [`neutralise`]d.
pub fn write_csv(events: &[Event], w: impl Write) -> Result<Written> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER)?;
    let mut written = Written {
        events: 0,
        unlocated: 0,
    };
    for e in events {
        let Some(p) = &e.place else {
            written.unlocated += 1;
            continue;
        };
        let sources: Vec<String> = e
            .sources
            .iter()
            .map(|s| {
                s.source
                    .clone()
                    .or(s.title.clone())
                    .unwrap_or(s.file.clone())
            })
            .collect();
        let notes: Vec<&str> = e.sources.iter().map(|s| s.evidence.as_str()).collect();
        let num = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let text = [
            e.event_type.label().to_string(),
            e.sub_event_types.join("; "),
            p.country.clone(),
            p.admin1.clone(),
            p.matched.clone(),
            dedup(sources).join("; "),
            notes.join(" | "),
        ];
        let t: Vec<Cow<str>> = text.iter().map(|s| neutralise(s)).collect();
        out.write_record([
            neutralise(&e.id).as_ref(),
            &e.date.map(|d| d.to_string()).unwrap_or_default(),
            &e.date
                .map(|d| chrono::Datelike::year(&d).to_string())
                .unwrap_or_default(),
            &e.precision.acled_code().to_string(),
            &t[0],
            &t[1],
            &t[2],
            &t[3],
            &t[4],
            &format!("{:.5}", p.lat),
            &format!("{:.5}", p.lon),
            &p.geo_precision.to_string(),
            &t[5],
            &t[6],
            &num(e.killed.best),
            &num(e.injured.best),
        ])?;
        written.events += 1;
    }
    out.flush()?;
    Ok(written)
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}
