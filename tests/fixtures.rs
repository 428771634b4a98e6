//! Accuracy on the project's own fixture reports (tests/fixtures/reports), written in varied
//! styles: wire copy, features, NGO field reports, press releases, encyclopedia prose.

mod common;
#[path = "common/eval.rs"]
mod eval;

/// The article text as ingest reads it: HTML without markup, a header block removed.
fn read_report(p: &std::path::Path) -> String {
    use flashpoint::ingest::{html, read};
    let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    if p.extension().is_some_and(|e| e == "html") {
        return html::parse(&text).text;
    }
    match read::header_block(&text) {
        Some((_, body, _)) => body.to_string(),
        None => text,
    }
}

#[test]
fn fixture_reports_meet_the_accuracy_targets() {
    let dir = common::fixtures_dir();
    let s = eval::score(&dir, common::world(), read_report);
    for m in &s.misses {
        eprintln!("{m}");
    }
    let n = s.must_find as f64;
    eprintln!(
        "fixtures: recall {:.2} ({}/{}), place {:.2}, date {:.2}, must-not {}, unresolved {}/{}",
        s.recall(),
        s.found,
        s.must_find,
        s.place_ok as f64 / n,
        s.date_ok as f64 / n,
        s.must_not_violations,
        s.unresolved_ok,
        s.unresolved
    );
    assert!(s.must_find >= 40, "the fixtures hold at least 40 incidents");
    // The targets are recall 0.85, place 0.95, date 0.90 and no must-not place; the
    // floors guard today's level above them (README reports where the engine stands).
    assert!(s.recall() >= 0.88, "incident recall {:.2}", s.recall());
    assert!(s.place_ok as f64 / n >= 0.95, "place within radius");
    assert!(s.date_ok as f64 / n >= 0.92, "date right");
    assert_eq!(s.must_not_violations, 0, "no incident at a must-not place");
    assert!(
        s.unresolved_ok * 3 >= s.unresolved * 2,
        "unresolved names reported"
    );
}
