//! The store: idempotent re-ingest, in-place re-extraction, filters, counts, unresolved names.

mod store_support;

use flashpoint::model::EventType;
use flashpoint::store::{Filter, Outcome, Store};
use store_support::*;

#[test]
fn reingest_same_hash_changes_nothing_and_new_text_replaces_incidents() {
    let s = Store::open_in_memory().unwrap();
    let a = article("a.txt", "2004-03-18", "Riots in Mitrovica.");
    let inc = vec![incident(
        "a.txt",
        EventType::Riots,
        "2004-03-17",
        Some(mitrovica()),
    )];
    assert_eq!(s.ingest_article(&a, &inc).unwrap(), Outcome::Added);
    let before = s.incidents(&Filter::default()).unwrap();
    assert_eq!(s.ingest_article(&a, &inc).unwrap(), Outcome::Unchanged);
    assert_eq!(s.incidents(&Filter::default()).unwrap(), before);

    let mut b = a.clone();
    b.text = "Riots in Mitrovica and a protest in Pristina.".into();
    let inc2 = vec![
        incident("a.txt", EventType::Riots, "2004-03-17", Some(mitrovica())),
        incident("a.txt", EventType::Protests, "2004-03-17", Some(pristina())),
    ];
    assert_eq!(s.ingest_article(&b, &inc2).unwrap(), Outcome::Updated);
    let arts = s.articles().unwrap();
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0].incident_count, 2);
    assert_eq!(s.incidents(&Filter::default()).unwrap().len(), 2);
    assert_eq!(s.article_text(arts[0].id).unwrap(), b.text);
}

#[test]
fn a_database_file_reopens_with_its_data_and_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/x.sqlite");
    {
        let s = Store::open(&path).unwrap();
        let a = article("a.txt", "2004-03-18", "x");
        s.ingest_article(
            &a,
            &[incident("a.txt", EventType::Riots, "2004-03-17", None)],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.integrity_ok().unwrap());
    assert_eq!(s.articles().unwrap().len(), 1);
    let v: i64 = s
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, flashpoint::store::schema::current_version());
    let fk: i64 = s
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn filters_and_counts() {
    let s = Store::open_in_memory().unwrap();
    let rows = [
        ("a.txt", EventType::Riots, "2004-03-17"),
        ("b.txt", EventType::Protests, "2008-02-17"),
        ("c.txt", EventType::Riots, "2008-03-17"),
    ];
    for (f, t, d) in rows {
        let a = article(f, d, &format!("text of {f}"));
        s.ingest_article(&a, &[incident(f, t, d, Some(mitrovica()))])
            .unwrap();
    }
    let all = Filter::default();
    assert_eq!(s.incidents(&all).unwrap().len(), 3);
    let f = Filter {
        years: vec![2008],
        ..Filter::default()
    };
    assert_eq!(s.incidents(&f).unwrap().len(), 2);
    let f = Filter {
        types: vec![EventType::Riots],
        ..Filter::default()
    };
    assert_eq!(s.incidents(&f).unwrap().len(), 2);
    let f = Filter {
        from: Some(day("2008-03-01")),
        to: Some(day("2008-12-31")),
        ..Filter::default()
    };
    assert_eq!(s.incidents(&f).unwrap().len(), 1);
    let f = Filter {
        text: Some("B.TXT".into()),
        ..Filter::default()
    };
    assert_eq!(s.incidents(&f).unwrap().len(), 1);
    // Counts ignore their own dimension so the buttons keep their numbers.
    let f = Filter {
        years: vec![2008],
        types: vec![EventType::Riots],
        ..Filter::default()
    };
    assert_eq!(
        s.counts_by_year(&f).unwrap(),
        vec![(Some(2004), 1), (Some(2008), 1)]
    );
    assert_eq!(
        s.counts_by_type(&f).unwrap(),
        vec![(EventType::Protests, 1), (EventType::Riots, 1)]
    );
}

#[test]
fn unresolved_names_are_listed_with_their_mentions() {
    let s = Store::open_in_memory().unwrap();
    for f in ["a.txt", "b.txt"] {
        let a = article(f, "2001-05-01", f);
        s.ingest_article(&a, &[unresolved(f, "Belo Polje", "2001-04-30")])
            .unwrap();
    }
    let u = s.unresolved().unwrap();
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].name, "Belo Polje");
    assert_eq!(u[0].mentions.len(), 2);
    assert!(u[0].mentions[0].evidence.contains("Belo Polje"));
}

#[test]
fn hundred_thousand_incidents_query_quickly() {
    let s = Store::open_in_memory().unwrap();
    for n in 0..2_000 {
        let f = format!("a{n}.txt");
        let a = article(&f, "2004-03-18", &f);
        let incs: Vec<_> = (0..50)
            .map(|k| {
                let mut p = mitrovica();
                p.name = format!("Village {k}");
                p.lat += k as f64 * 0.01;
                let t = EventType::ALL[k % 6];
                incident(&f, t, &format!("{}-03-17", 1998 + k % 10), Some(p))
            })
            .collect();
        s.ingest_article(&a, &incs).unwrap();
    }
    let t = std::time::Instant::now();
    let f = Filter {
        years: vec![2004],
        types: vec![EventType::Riots],
        ..Filter::default()
    };
    let n = s.incidents(&f).unwrap().len();
    let counts = s.counts_by_year(&Filter::default()).unwrap();
    let elapsed = t.elapsed();
    assert!(n > 0);
    assert_eq!(counts.iter().map(|c| c.1).sum::<u64>(), 100_000);
    assert!(elapsed.as_millis() < 2_000, "queries took {elapsed:?}");
}
