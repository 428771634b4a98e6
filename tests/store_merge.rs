//! Cross-article events: the merge rule, casualties, determinism and splitting.

mod store_support;

use flashpoint::model::{EventType, Precision};
use flashpoint::store::merge::{Casualties, compatible, merge};
use flashpoint::store::{Correction, Filter, Store};
use store_support::*;

fn ingest(s: &Store, file: &str, incs: Vec<flashpoint::model::Incident>) {
    let a = article(file, "2004-03-18", &format!("text {file}"));
    s.ingest_article(&a, &incs).unwrap();
}

#[test]
fn casualties_low_best_high() {
    assert_eq!(Casualties::of(vec![]), Casualties::default());
    let c = Casualties::of(vec![8, 2, 5]);
    assert_eq!((c.low, c.best, c.high), (Some(2), Some(5), Some(8)));
    let c = Casualties::of(vec![3, 7]);
    assert_eq!((c.low, c.best, c.high), (Some(3), Some(3), Some(7)));
}

#[test]
fn type_compatibility() {
    assert!(compatible(EventType::Riots, EventType::Protests));
    assert!(compatible(
        EventType::Battles,
        EventType::ViolenceAgainstCivilians
    ));
    assert!(!compatible(EventType::Riots, EventType::Battles));
    assert!(!compatible(
        EventType::StrategicDevelopments,
        EventType::Protests
    ));
}

#[test]
fn reports_of_one_event_merge_with_all_sources_and_casualty_range() {
    let s = Store::open_in_memory().unwrap();
    let mut a = incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
    a.killed = Some(2);
    a.injured = Some(80);
    let mut near = mitrovica();
    near.lat += 0.02; // ~2 km
    near.gazetteer_id = "gn:other".into();
    near.geo_precision = 2;
    let mut b = incident("b.txt", EventType::Protests, "2004-03-17", Some(near));
    b.killed = Some(8);
    let mut c = incident("c.txt", EventType::Riots, "2004-03-15", Some(mitrovica()));
    c.date_precision = Precision::Week; // an assumed date: within a week
    c.killed = Some(5);
    ingest(&s, "a.txt", vec![a]);
    ingest(&s, "b.txt", vec![b]);
    ingest(&s, "c.txt", vec![c]);
    // Not merged: other type group, other place, other date, same article.
    ingest(
        &s,
        "d.txt",
        vec![
            incident("d.txt", EventType::Battles, "2004-03-17", Some(mitrovica())),
            incident("d.txt", EventType::Riots, "2004-03-17", Some(pristina())),
            incident("d.txt", EventType::Riots, "2004-05-17", Some(mitrovica())),
        ],
    );
    let events = s.events(&Filter::default()).unwrap();
    assert_eq!(events.len(), 4, "{events:#?}");
    let big = events.iter().find(|e| e.sources.len() == 3).unwrap();
    assert_eq!(big.event_type, EventType::Riots);
    assert_eq!(big.types, vec![EventType::Protests, EventType::Riots]);
    assert_eq!(big.date, Some(day("2004-03-17")));
    assert_eq!(big.precision, Precision::Day);
    assert_eq!(big.place.as_ref().unwrap().gazetteer_id, "gn:mitrovica");
    assert_eq!(
        (big.killed.low, big.killed.best, big.killed.high),
        (Some(2), Some(5), Some(8))
    );
    assert_eq!(big.injured.best, Some(80));
    let files: Vec<&str> = big.sources.iter().map(|s| s.file.as_str()).collect();
    assert!(files.contains(&"a.txt") && files.contains(&"b.txt") && files.contains(&"c.txt"));

    // Deterministic, whatever the input order.
    let incs = s.incidents(&Filter::default()).unwrap();
    let mut rev = incs.clone();
    rev.reverse();
    assert_eq!(merge(&incs), merge(&rev));
    assert_eq!(merge(&incs), events);

    // Splitting a wrong merge keeps that report on its own, even after re-extraction.
    let b_inc = incs.iter().find(|i| i.incident.article == "b.txt").unwrap();
    s.add_correction(Correction::Split {
        target: b_inc.key.clone(),
    })
    .unwrap();
    let events = s.events(&Filter::default()).unwrap();
    assert_eq!(events.len(), 5);
    assert!(events.iter().any(|e| e.sources.len() == 2));
    let ids_before: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    let mut near = mitrovica();
    near.lat += 0.02;
    let mut b2 = incident("b.txt", EventType::Protests, "2004-03-17", Some(near));
    b2.evidence = "Reworded evidence.".into();
    let mut art = article("b.txt", "2004-03-18", "text b.txt, fixed");
    art.source = Some("Source of b.txt".into());
    s.ingest_article(&art, &[b2]).unwrap();
    let events = s.events(&Filter::default()).unwrap();
    assert_eq!(events.len(), 5);
    let ids_after: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(
        ids_before, ids_after,
        "event ids are stable across re-extraction"
    );
}

#[test]
fn undated_and_unplaced_incidents_stay_single() {
    let s = Store::open_in_memory().unwrap();
    let mut x = incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
    x.date = None;
    ingest(&s, "a.txt", vec![x]);
    let mut y = incident("b.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
    y.date = None;
    ingest(&s, "b.txt", vec![y]);
    ingest(
        &s,
        "c.txt",
        vec![unresolved("c.txt", "Nowhere", "2004-03-17")],
    );
    ingest(
        &s,
        "d.txt",
        vec![unresolved("d.txt", "Nowhere", "2004-03-17")],
    );
    assert_eq!(s.events(&Filter::default()).unwrap().len(), 4);
}
