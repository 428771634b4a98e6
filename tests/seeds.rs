//! Acceptance: the three seed articles in `../shared/seeds` (skipped where absent).

mod common;
#[path = "common/eval.rs"]
mod eval;

#[test]
fn seed_articles_yield_the_expected_incidents() {
    let Some(dir) = common::seeds_dir() else {
        return;
    };
    let s = eval::score(&dir, common::world(), |p| {
        std::fs::read_to_string(p).unwrap()
    });
    for m in &s.misses {
        eprintln!("{m}");
    }
    assert_eq!(
        s.found, s.must_find,
        "every must_find incident: {:#?}",
        s.misses
    );
    assert_eq!(s.must_not_violations, 0, "no incident at a must-not place");
    assert_eq!(
        s.unresolved_ok, s.unresolved,
        "unresolved names reported as unresolved"
    );
}
