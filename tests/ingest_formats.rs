//! Ingest of each format: manifests, header blocks, Markdown, HTML, JSONL; idempotent reruns.

mod ingest_support;

use flashpoint::ingest::Options;
use flashpoint::store::{Filter, Store};
use ingest_support::*;

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_fixture_folder_imports_every_good_article_and_reports_the_bad_rows() {
    let s = Store::open_in_memory().unwrap();
    let sum = ingest(&s, &[fixtures()], &Options::default());
    let reasons: Vec<String> = sum.failures.iter().map(|p| p.to_string()).collect();
    assert_eq!(sum.counts.added, 5, "{reasons:#?}");
    assert_eq!(sum.counts.failed, 4, "{reasons:#?}");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("manifest.csv:3: missing.txt: file not found"))
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("manifest.csv:4: published \"last Tuesday\" is not a date"))
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("batch.jsonl:3: bad JSON"))
    );
    assert!(reasons.iter().any(|r| r.starts_with("batch.jsonl:5:")));
    assert_eq!(sum.counts.incidents, 5);

    let arts = s.articles().unwrap();
    let by = |f: &str| {
        arts.iter()
            .find(|a| a.file == f)
            .unwrap_or_else(|| panic!("{f}"))
    };
    // Manifest metadata.
    let md = by("plain.md");
    assert_eq!(md.published, Some(day("2005-06-01")));
    assert_eq!(md.source.as_deref(), Some("Fixture Post"));
    // Header block, stripped from the text.
    let h = by("header.txt");
    assert_eq!(h.title.as_deref(), Some("Night bus stoned outside Lipjan"));
    assert_eq!(h.published, Some(day("2006-11-09")));
    let text = s.article_text(h.id).unwrap();
    assert!(text.starts_with("Unknown youths"), "{text}");
    // HTML: meta, no scripts, styles or navigation.
    let p = by("page.html");
    assert_eq!(p.title.as_deref(), Some("Fire at a Prizren warehouse"));
    assert_eq!(p.published, Some(day("2007-02-14")));
    assert_eq!(p.source.as_deref(), Some("Fixture Online"));
    let text = s.article_text(p.id).unwrap();
    assert!(text.contains("edge of Prizren on Tuesday night \u{2014} firefighters"));
    assert!(text.contains("threats & asked"));
    for junk in ["trending", "color", "Peja", "Fixture Online", "<"] {
        assert!(!text.contains(junk), "{junk:?} in {text}");
    }
    // JSONL: name.jsonl:LINE, URL as key.
    let j = by("batch.jsonl:1");
    assert_eq!(j.url.as_deref(), Some("https://example.org/farmers"));
    assert_eq!(j.key, "url:https://example.org/farmers");
    assert_eq!(by("batch.jsonl:2").published, Some(day("2009-09-15")));
    // The row with an unreadable date was not imported at all.
    assert!(!arts.iter().any(|a| a.file == "baddate.txt"));
}

#[test]
fn rerunning_changes_nothing_and_an_edited_file_is_re_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Title: A\nDate: 2004-03-18\n\nRiots in Mitrovica.\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "Protest in Pristina.\n").unwrap();
    let s = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let first = ingest(&s, &[dir.path().to_path_buf()], &Options::default());
    assert_eq!((first.counts.added, first.counts.failed), (2, 0));
    // b.md has no date anywhere: imported, with a warning.
    assert!(
        first
            .warnings
            .iter()
            .any(|w| w.file == "b.md" && w.reason.contains("no publication date"))
    );
    let before = s.incidents(&Filter::default()).unwrap();
    let again = ingest(&s, &[dir.path().to_path_buf()], &Options::default());
    assert_eq!((again.counts.added, again.counts.unchanged), (0, 2));
    assert_eq!(s.incidents(&Filter::default()).unwrap(), before);

    std::fs::write(
        &a,
        "Title: A\nDate: 2004-03-18\n\nRiots in Mitrovica, again.\n",
    )
    .unwrap();
    let third = ingest(&s, std::slice::from_ref(&a), &Options::default());
    assert_eq!((third.counts.updated, third.counts.added), (1, 0));
    assert_eq!(s.articles().unwrap().len(), 2);
    assert_eq!(s.incidents(&Filter::default()).unwrap().len(), 2);

    // A newer engine version re-extracts unchanged text.
    let newer = Options {
        engine_version: "engine-next".into(),
        ..Options::default()
    };
    let fourth = ingest(&s, &[dir.path().to_path_buf()], &newer);
    assert_eq!(fourth.counts.updated, 2);
}

#[test]
fn an_explicit_manifest_reads_only_its_files() {
    let s = Store::open_in_memory().unwrap();
    let sum = ingest(&s, &[fixtures().join("manifest.csv")], &Options::default());
    assert_eq!(sum.counts.added, 1);
    assert_eq!(s.articles().unwrap()[0].file, "plain.md");
}

#[test]
fn progress_is_reported_and_cancel_stops_the_run() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    flashpoint::ingest::synth::write_corpus(dir.path(), 300, 3).unwrap();
    let s = Store::open_in_memory().unwrap();
    let cancel = AtomicBool::new(false);
    let mut last = None;
    let sum = flashpoint::ingest::run_with(
        &[dir.path().to_path_buf()],
        &s,
        &one_incident,
        &Options::default(),
        &cancel,
        |p| last = Some(p.clone()),
    )
    .unwrap();
    let last = last.unwrap();
    assert!(last.finished);
    assert_eq!(last.files_total, 300);
    assert_eq!(last.files_done, 300);
    assert_eq!(last.bytes_done, last.bytes_total);
    assert_eq!(sum.counts.added, 300);

    let s2 = Store::open_in_memory().unwrap();
    let cancel = AtomicBool::new(true);
    let sum = flashpoint::ingest::run_with(
        &[dir.path().to_path_buf()],
        &s2,
        &one_incident,
        &Options::default(),
        &cancel,
        |_| {},
    )
    .unwrap();
    assert!(sum.counts.cancelled && cancel.load(Ordering::Relaxed));
    assert_eq!(s2.articles().unwrap().len(), 0);
}
