//! A stand-in extractor for ingest tests (one incident per article), and fixture paths.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use flashpoint::ingest::{self, Options, Summary};
use flashpoint::model::{Article, EventType, Incident, Precision};
use flashpoint::store::Store;

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

/// One protest per article, dated by the publication date, at no place.
pub fn one_incident(a: &Article) -> Vec<Incident> {
    vec![Incident {
        article: a.file.clone(),
        event_type: EventType::Protests,
        sub_event_type: String::new(),
        date: a.published,
        date_end: None,
        date_precision: Precision::Week,
        date_assumed: true,
        place: None,
        unresolved_place: Some("Somewhere".into()),
        killed: None,
        injured: None,
        evidence: a.text.chars().take(40).collect(),
        span: [0, 40],
    }]
}

pub fn ingest(store: &Store, paths: &[PathBuf], opts: &Options) -> Summary {
    let cancel = AtomicBool::new(false);
    ingest::run_with(paths, store, &one_incident, opts, &cancel, |_| {}).unwrap()
}
