//! Corrections: each kind, undo, and survival across re-ingest and re-extraction.

mod store_support;

use flashpoint::model::{EventType, Precision};
use flashpoint::store::correct::place_from_point;
use flashpoint::store::{Correction, Filter, Store};
use store_support::*;

fn setup() -> (Store, flashpoint::model::Article) {
    let s = Store::open_in_memory().unwrap();
    let a = article(
        "a.txt",
        "2004-03-18",
        "Riots in Mitrovica; fighting in Belo Polje.",
    );
    s.ingest_article(
        &a,
        &[
            incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica())),
            unresolved("a.txt", "Belo Polje", "2004-03-17"),
        ],
    )
    .unwrap();
    (s, a)
}

fn only(s: &Store, f: &Filter) -> flashpoint::store::StoredIncident {
    let v = s.incidents(f).unwrap();
    assert_eq!(v.len(), 1, "{v:#?}");
    v.into_iter().next().unwrap()
}

fn riots() -> Filter {
    Filter {
        text: Some("Something".into()),
        ..Filter::default()
    }
}

#[test]
fn move_retype_redate_hide_unhide_and_undo() {
    let (s, _) = setup();
    let inc = only(&s, &riots());
    let target = inc.key.clone();
    s.add_correction(Correction::Move {
        target: target.clone(),
        place: place_from_point(42.9, 20.9),
    })
    .unwrap();
    s.add_correction(Correction::Retype {
        target: target.clone(),
        event_type: EventType::Battles,
        sub_event_type: Some("armed_clash".into()),
    })
    .unwrap();
    s.add_correction(Correction::Redate {
        target: target.clone(),
        date: day("2004-03-16"),
        date_end: Some(day("2004-03-17")),
        precision: Precision::Day,
    })
    .unwrap();
    let c = only(&s, &riots());
    let p = c.incident.place.as_ref().unwrap();
    assert_eq!((p.lat, p.lon), (42.9, 20.9));
    assert_eq!(p.name, "Mitrovica", "the name as written is kept");
    assert_eq!(c.incident.event_type, EventType::Battles);
    assert_eq!(c.incident.sub_event_type, "armed_clash");
    assert_eq!(c.incident.date, Some(day("2004-03-16")));
    assert_eq!(c.corrections, 3);

    let hide = s
        .add_correction(Correction::Hide {
            target: target.clone(),
        })
        .unwrap();
    assert!(s.incidents(&riots()).unwrap().is_empty());
    let with_hidden = Filter {
        include_hidden: true,
        ..riots()
    };
    assert!(only(&s, &with_hidden).hidden);
    s.remove_correction(hide).unwrap();
    assert_eq!(s.incidents(&riots()).unwrap().len(), 1);
    s.add_correction(Correction::Hide {
        target: target.clone(),
    })
    .unwrap();
    s.add_correction(Correction::Unhide { target }).unwrap();
    assert_eq!(s.incidents(&riots()).unwrap().len(), 1);
}

#[test]
fn corrections_survive_reingest_and_reextraction_with_a_newer_engine() {
    let (s, a) = setup();
    let target = only(&s, &riots()).key;
    s.add_correction(Correction::Retype {
        target: target.clone(),
        event_type: EventType::Protests,
        sub_event_type: None,
    })
    .unwrap();
    s.add_correction(Correction::Assign {
        name: "belo polje".into(),
        article: None,
        place: place("Belo Polje", "", 42.66, 20.31),
    })
    .unwrap();
    // The text changes (a typo fixed) and a newer engine reads different evidence and
    // casualties: same place name, date and type, so the corrections still apply.
    let mut b = a.clone();
    b.text.push_str(" Updated.");
    let mut riot = incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica()));
    riot.evidence = "Rioters clashed in Mitrovica (new reading).".into();
    riot.killed = Some(2);
    s.ingest_article_keyed(
        "file:a.txt",
        None,
        "engine-2",
        &b,
        &[riot, unresolved("a.txt", "Belo Polje", "2004-03-17")],
    )
    .unwrap();
    let all = s.incidents(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2);
    let r = all.iter().find(|i| i.incident.killed == Some(2)).unwrap();
    assert_eq!(r.incident.event_type, EventType::Protests);
    assert_eq!(r.engine_version, "engine-2");
    let bp = all
        .iter()
        .find(|i| i.incident.unresolved_place.is_some())
        .unwrap();
    assert_eq!(bp.incident.place.as_ref().unwrap().lat, 42.66);
    assert!(s.unresolved().unwrap().is_empty());
    assert!(s.orphaned_corrections().unwrap().is_empty());

    // An engine that reads another date orphans the retype; it comes back with the incident.
    s.ingest_article_keyed(
        "file:a.txt",
        None,
        "engine-3",
        &b,
        &[incident(
            "a.txt",
            EventType::Riots,
            "2004-03-16",
            Some(mitrovica()),
        )],
    )
    .unwrap();
    assert_eq!(s.orphaned_corrections().unwrap().len(), 1);
}

#[test]
fn assign_for_one_article_only() {
    let (s, _) = setup();
    let b = article("b.txt", "2004-03-19", "More fighting in Belo Polje.");
    s.ingest_article(&b, &[unresolved("b.txt", "Belo Polje", "2004-03-18")])
        .unwrap();
    s.add_correction(Correction::Assign {
        name: "Belo Polje".into(),
        article: Some("file:b.txt".into()),
        place: place_from_point(42.66, 20.31),
    })
    .unwrap();
    let u = s.unresolved().unwrap();
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].mentions.len(), 1);
    assert_eq!(u[0].mentions[0].file, "a.txt");
}

#[test]
fn manual_incidents_can_be_added_corrected_and_undone() {
    let (s, _) = setup();
    let mut m = incident("", EventType::Protests, "2004-03-20", Some(pristina()));
    m.evidence = "Seen by our reporter.".into();
    let id = s
        .add_correction(Correction::Add {
            article: Some("file:a.txt".into()),
            incident: m,
        })
        .unwrap();
    let f = Filter {
        text: Some("our reporter".into()),
        ..Filter::default()
    };
    let got = only(&s, &f);
    assert!(got.manual);
    assert_eq!(got.incident.article, "a.txt");
    s.add_correction(Correction::Hide { target: got.key })
        .unwrap();
    assert!(s.incidents(&f).unwrap().is_empty());
    s.remove_correction(id).unwrap();
    let f2 = Filter {
        include_hidden: true,
        ..f
    };
    assert!(s.incidents(&f2).unwrap().is_empty());
}

#[test]
fn add_to_an_unknown_article_is_refused() {
    let (s, _) = setup();
    let m = incident("", EventType::Protests, "2004-03-20", Some(pristina()));
    assert!(
        s.add_correction(Correction::Add {
            article: Some("file:nope.txt".into()),
            incident: m,
        })
        .is_err()
    );
    assert!(s.corrections().unwrap().is_empty());
}
