//! The CLI as a user runs it: the real binary, its JSON output and exit codes.

use std::process::Command;

use serde_json::Value;

fn flashpoint(args: &[&str], data_dir: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(args)
        .env("FLASHPOINT_DATA_DIR", data_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("flashpoint runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn geocode_caglavica_and_pec_near_pristina() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = flashpoint(&["geocode", "Caglavica", "--json"], dir.path());
    assert_eq!(code, 0);
    let c = &lines(&out)[0];
    let d = flashpoint::geocode::distance_km(
        c["lat"].as_f64().unwrap(),
        c["lon"].as_f64().unwrap(),
        42.62,
        21.15,
    );
    assert!(d < 2.0, "Caglavica {d} km off");

    let (_, out, _) = flashpoint(
        &["geocode", "Pec", "--near", "Pristina", "--json"],
        dir.path(),
    );
    let first = &lines(&out)[0];
    assert_eq!(first["country"], "XK");
    assert!(["Peć", "Pejë", "Peja"].contains(&first["matched"].as_str().unwrap()));
    for key in [
        "name",
        "matched",
        "lat",
        "lon",
        "country",
        "admin1",
        "kind",
        "gazetteer_id",
        "score",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn geocode_reports_unresolved_names_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = flashpoint(&["geocode", "Skulevo", "--json"], dir.path());
    assert_eq!(code, 1);
    assert_eq!(lines(&out)[0]["unresolved"], true);
}

#[test]
fn gazetteer_import_adds_villages_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("XK-test.txt");
    std::fs::write(
        &dump,
        "9100001\tTestovo Selo\tTestovo Selo\tTestovci\t42.70000\t20.90000\tP\tPPL\tXK\t\t10097358\t\t\t\t350\t\t600\tEurope/Belgrade\t2024-01-01\n\
         9100002\tBroken\n",
    )
    .unwrap();
    let (code, _, err) = flashpoint(&["gazetteer", "import", dump.to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "a skipped line makes the exit code non-zero");
    assert!(
        err.contains("XK-test.txt:2: expected 19 tab-separated fields"),
        "{err}"
    );
    let (code, out, _) = flashpoint(&["geocode", "Testovci", "--json"], dir.path());
    assert_eq!(code, 0, "the imported village resolves");
    assert_eq!(lines(&out)[0]["matched"], "Testovo Selo");
}

#[test]
fn extract_prints_the_contract_for_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(
        &report,
        "Police said a grenade was thrown into a cafe in Gjilan on Saturday night, injuring four people.\n\
         The interior minister said in Pristina that the attackers would be found.\n",
    )
    .unwrap();
    let (code, out, _) = flashpoint(
        &[
            "extract",
            "--published",
            "2001-06-04",
            report.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    let incidents = lines(&out);
    assert_eq!(incidents.len(), 1, "{out}");
    let i = &incidents[0];
    assert_eq!(i["event_type"], "explosions_remote_violence");
    assert_eq!(i["sub_event_type"], "grenade");
    assert_eq!(i["date"], "2001-06-02");
    assert_eq!(i["date_precision"], "day");
    assert_eq!(i["place"]["country"], "XK");
    assert_eq!(i["injured"], 4);
    assert!(i["evidence"].as_str().unwrap().contains("grenade"));
    let span = i["span"].as_array().unwrap();
    assert_eq!(span[0], 0);

    let (code, _, err) = flashpoint(
        &["extract", "--published", "2001-06-04", "missing.txt"],
        dir.path(),
    );
    assert_ne!(code, 0);
    assert!(err.contains("missing.txt"));
}
