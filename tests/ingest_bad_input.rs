//! Bad input: each kind gets a clear error, loses nothing else, and fails the CLI run.

mod ingest_support;

use flashpoint::ingest::Options;
use flashpoint::store::Store;
use ingest_support::*;

#[test]
fn each_bad_input_is_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), "Date: 2004-03-18\n\nA good article.\n").unwrap();
    std::fs::write(d.join("latin1.txt"), b"Caf\xe9 attacked in Pe\xe6.\n").unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("blank.md"), b"  \n\n ").unwrap();
    std::fs::write(d.join("binary.txt"), b"abc\x00\x01\x02def").unwrap();
    std::fs::write(d.join("big.txt"), vec![b'a'; 5000]).unwrap();
    std::fs::write(d.join("notes.rtf"), b"{\\rtf1 hello}").unwrap();
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    let s = Store::open_in_memory().unwrap();
    let opts = Options {
        max_bytes: 4096,
        ..Options::default()
    };
    let explicit_unknown = d.join("notes.rtf");
    let sum = ingest(&s, &[d.to_path_buf(), explicit_unknown], &opts);
    let fails: Vec<String> = sum.failures.iter().map(|p| p.to_string()).collect();
    let warns: Vec<String> = sum.warnings.iter().map(|p| p.to_string()).collect();
    let has = |v: &[String], a: &str, b: &str| v.iter().any(|x| x.starts_with(a) && x.contains(b));
    assert!(has(&fails, "empty.txt", "empty file"), "{fails:#?}");
    assert!(has(&fails, "blank.md", "no text"), "{fails:#?}");
    assert!(has(&fails, "binary.txt", "binary file"), "{fails:#?}");
    assert!(has(&fails, "big.txt", "limit"), "{fails:#?}");
    assert!(has(&fails, "dangling.txt", "cannot read"), "{fails:#?}");
    assert!(
        fails
            .iter()
            .any(|f| f.contains("notes.rtf") && f.contains("unknown extension"))
    );
    assert!(has(&warns, "latin1.txt", "Windows-1252"), "{warns:#?}");
    assert_eq!(sum.counts.added, 2, "{fails:#?}");
    assert_eq!(sum.counts.failed, 6, "{fails:#?}");
    let latin = s
        .articles()
        .unwrap()
        .into_iter()
        .find(|a| a.file == "latin1.txt")
        .unwrap();
    assert_eq!(s.article_text(latin.id).unwrap(), "Café attacked in Peæ.\n");
}

#[test]
fn a_malformed_manifest_row_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Alpha.\n").unwrap();
    std::fs::write(d.join("b.txt"), "Beta.\n").unwrap();
    std::fs::write(
        d.join("manifest.csv"),
        "file,published,source,title\na.txt,2004-03-18,S,T\nb.txt,2004-03-18,S\n",
    )
    .unwrap();
    let s = Store::open_in_memory().unwrap();
    let sum = ingest(&s, &[d.to_path_buf()], &Options::default());
    let fails: Vec<String> = sum.failures.iter().map(|p| p.to_string()).collect();
    assert!(
        fails
            .iter()
            .any(|f| f.ends_with("manifest.csv:3: 3 fields, the header has 4")),
        "{fails:#?}"
    );
    assert_eq!(sum.counts.added, 1);
}

#[test]
fn the_cli_prints_file_line_reasons_a_summary_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(
        d.join("ok.txt"),
        "Date: 2004-03-18\n\nNothing much happened.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("x.jsonl"),
        "{\"text\": \"fine\", \"published\": \"2004-03-18\"}\nnot json\n",
    )
    .unwrap();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .env("FLASHPOINT_DATA_DIR", dir.path())
            .args(["ingest", "--db"])
            .arg(dir.path().join("db.sqlite"))
            .arg(&d)
            .output()
            .unwrap()
    };
    let o = run();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("x.jsonl:2: bad JSON"), "{err}");
    assert!(
        err.contains("2 articles added, 0 updated, 0 unchanged, 1 failed"),
        "{err}"
    );
    std::fs::write(
        d.join("x.jsonl"),
        "{\"text\": \"fine\", \"published\": \"2004-03-18\"}\n",
    )
    .unwrap();
    let o = run();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("0 articles added, 0 updated, 2 unchanged, 0 failed"),
        "{err}"
    );
}
