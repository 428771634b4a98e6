//! `kill -9` in the middle of a large ingest leaves a database that opens, passes
//! `PRAGMA integrity_check` and holds only whole articles; a rerun finishes the job.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flashpoint::store::Store;

const ARTICLES: u64 = 2500;

fn stored(db: &std::path::Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    let Ok(s) = Store::open(db) else { return 0 };
    s.connection()
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn killed_ingest_leaves_whole_articles_and_a_rerun_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let db = dir.path().join("db.sqlite");
    flashpoint::ingest::synth::write_corpus(&corpus, ARTICLES, 11).unwrap();
    let ingest = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
        c.env("FLASHPOINT_DATA_DIR", dir.path())
            .args(["ingest", "--db"])
            .arg(&db)
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let mut child = ingest().spawn().unwrap();
    let start = Instant::now();
    loop {
        let n = stored(&db);
        if n >= 100 {
            break;
        }
        if let Some(st) = child.try_wait().unwrap() {
            panic!("ingest ended before it could be killed ({st}, {n} articles)");
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "ingest never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let s = Store::open(&db).unwrap();
    assert!(s.integrity_ok().unwrap());
    let arts = s.articles().unwrap();
    assert!(
        !arts.is_empty() && (arts.len() as u64) < ARTICLES,
        "{} articles",
        arts.len()
    );
    // Whole articles only: every article has exactly the incidents it was stored with.
    let partial: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM articles a WHERE a.incident_count !=
             (SELECT count(*) FROM incidents i WHERE i.article_id = a.id AND i.correction_id IS NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial, 0);
    let orphans: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM incidents WHERE article_id IS NOT NULL
             AND article_id NOT IN (SELECT id FROM articles)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    let had = arts.len();
    drop(s);

    let out = ingest().stderr(Stdio::piped()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{} articles added, 0 updated, {had} unchanged, 0 failed",
            ARTICLES as usize - had
        )),
        "{err}"
    );
    let s = Store::open(&db).unwrap();
    assert!(s.integrity_ok().unwrap());
    assert_eq!(s.articles().unwrap().len() as u64, ARTICLES);
}
