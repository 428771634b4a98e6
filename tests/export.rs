//! Exports: GeoJSON parsed back, ACLED-style CSV with formula cells neutralised.

mod store_support;

use flashpoint::export::{CSV_HEADER, neutralise, write_csv, write_geojson};
use flashpoint::model::EventType;
use flashpoint::store::{Filter, Store};
use geojson::{GeoJson, Value};
use store_support::*;

fn store() -> Store {
    let s = Store::open_in_memory().unwrap();
    let mut a = incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
    a.killed = Some(2);
    a.evidence = "=HYPERLINK(\"x\") rioters burned cars.".into();
    let mut b = incident("b.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
    b.killed = Some(4);
    b.injured = Some(11);
    s.ingest_article(&article("a.txt", "2004-03-18", "a"), &[a])
        .unwrap();
    let mut art_b = article("b.txt", "2004-03-18", "b");
    art_b.source = Some("-Minus Wire".into());
    s.ingest_article(&art_b, &[b]).unwrap();
    s.ingest_article(
        &article("c.txt", "2004-03-18", "c"),
        &[unresolved("c.txt", "Belo Polje", "2004-03-17")],
    )
    .unwrap();
    s
}

#[test]
fn geojson_is_a_feature_collection_of_lon_lat_points() {
    let s = store();
    let events = s.events(&Filter::default()).unwrap();
    let mut out = Vec::new();
    let w = write_geojson(&events, &mut out).unwrap();
    assert_eq!((w.events, w.unlocated), (1, 1));
    let text = String::from_utf8(out).unwrap();
    let GeoJson::FeatureCollection(fc) = text.parse::<GeoJson>().unwrap() else {
        panic!("not a FeatureCollection");
    };
    assert_eq!(fc.features.len(), 1);
    let f = &fc.features[0];
    let Value::Point(pt) = &f.geometry.as_ref().unwrap().value else {
        panic!("not a point");
    };
    assert_eq!(pt, &vec![20.8660, 42.8914]);
    let p = f.properties.as_ref().unwrap();
    assert_eq!(p["event_type"], "riots");
    assert_eq!(p["date"], "2004-03-17");
    assert_eq!(p["precision"], "day");
    assert_eq!(p["place"], "Mitrovica");
    assert_eq!(p["killed"]["low"], 2);
    assert_eq!(p["killed"]["high"], 4);
    assert_eq!(p["injured"]["best"], 11);
    assert_eq!(p["sources"].as_array().unwrap().len(), 2);
    assert_eq!(p["evidence"].as_array().unwrap().len(), 2);
}

#[test]
fn csv_has_acled_columns_and_neutralised_cells() {
    let s = store();
    let events = s.events(&Filter::default()).unwrap();
    let mut out = Vec::new();
    write_csv(&events, &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    assert_eq!(r.headers().unwrap(), CSV_HEADER.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    let col = |n: &str| &row[CSV_HEADER.iter().position(|h| *h == n).unwrap()];
    assert_eq!(col("event_date"), "2004-03-17");
    assert_eq!(col("year"), "2004");
    assert_eq!(col("time_precision"), "1");
    assert_eq!(col("event_type"), "Riots");
    assert_eq!(col("latitude"), "42.89140");
    assert_eq!(col("longitude"), "20.86600");
    assert_eq!(col("fatalities"), "2");
    assert_eq!(col("injured"), "11");
    assert!(col("source").starts_with("Source of a.txt") || col("source").starts_with('\''));
    assert!(col("notes").starts_with("'=HYPERLINK"), "{}", col("notes"));
}

#[test]
fn neutralise_prefixes_formula_starts_only() {
    for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
        assert_eq!(neutralise(s), format!("'{s}"));
    }
    assert_eq!(neutralise("Mitrovica"), "Mitrovica");
    assert_eq!(neutralise(""), "");
}

#[test]
fn export_cli_writes_files_with_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    {
        let s = Store::open(&db).unwrap();
        let a = incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
        let b = incident("b.txt", EventType::Protests, "2008-02-17", Some(pristina()));
        s.ingest_article(&article("a.txt", "2004-03-18", "a"), &[a])
            .unwrap();
        s.ingest_article(&article("b.txt", "2008-02-18", "b"), &[b])
            .unwrap();
    }
    let out = dir.path().join("x.geojson");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["export", "--db"])
        .arg(&db)
        .args(["--format", "geojson", "--year", "2008", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let GeoJson::FeatureCollection(fc) = std::fs::read_to_string(&out)
        .unwrap()
        .parse::<GeoJson>()
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(fc.features.len(), 1);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["export", "--db"])
        .arg(&db)
        .args(["--format", "csv", "--type", "riots"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let csv = String::from_utf8(o.stdout).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("Riots"));
}
