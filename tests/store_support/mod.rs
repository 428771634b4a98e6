//! Hand-made articles and incidents for the store, merge and export tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use flashpoint::model::{Article, EventType, Incident, PlaceRef, Precision};

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub fn article(file: &str, published: &str, text: &str) -> Article {
    Article {
        file: file.into(),
        published: Some(day(published)),
        source: Some(format!("Source of {file}")),
        title: Some(format!("Title of {file}")),
        url: None,
        text: text.into(),
    }
}

pub fn place(name: &str, id: &str, lat: f64, lon: f64) -> PlaceRef {
    PlaceRef {
        name: name.into(),
        matched: name.into(),
        lat,
        lon,
        country: "XK".into(),
        admin1: "Mitrovica".into(),
        gazetteer_id: id.into(),
        geo_precision: 1,
        reason: "test".into(),
    }
}

pub fn mitrovica() -> PlaceRef {
    place("Mitrovica", "gn:mitrovica", 42.8914, 20.8660)
}

pub fn pristina() -> PlaceRef {
    place("Pristina", "gn:pristina", 42.6727, 21.1669)
}

pub fn incident(file: &str, t: EventType, date: &str, place: Option<PlaceRef>) -> Incident {
    Incident {
        article: file.into(),
        event_type: t,
        sub_event_type: String::new(),
        date: Some(day(date)),
        date_end: None,
        date_precision: Precision::Day,
        date_assumed: false,
        place,
        unresolved_place: None,
        killed: None,
        injured: None,
        evidence: format!("Something happened ({file}, {date})."),
        span: [0, 10],
    }
}

pub fn unresolved(file: &str, name: &str, date: &str) -> Incident {
    let mut i = incident(file, EventType::Battles, date, None);
    i.unresolved_place = Some(name.into());
    i.evidence = format!("Fighting was reported in {name}.");
    i
}
