//! The desktop app driven through egui_kittest over a fixture database: the real
//! `FlashpointApp` and its state, no window and no GPU (queries go through the AccessKit
//! tree, so nothing is rendered and no display is needed).

use std::path::Path;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flashpoint::app::{FlashpointApp, Options, Persisted};
use flashpoint::model::{Article, EventType, Incident, PlaceRef, Precision};
use flashpoint::store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn place(name: &str, lat: f64, lon: f64) -> PlaceRef {
    PlaceRef {
        name: name.into(),
        matched: name.into(),
        lat,
        lon,
        country: "XK".into(),
        admin1: "Pristina".into(),
        gazetteer_id: format!("fp:{}", name.to_lowercase()),
        geo_precision: 1,
        reason: format!("its own name; {name} is a village"),
    }
}

/// date, type, place, lat, lon, killed, evidence.
type Row = (
    &'static str,
    EventType,
    &'static str,
    f64,
    f64,
    Option<u32>,
    &'static str,
);

/// Three articles, five incidents: two in 2004 (riots, protests), one 1999, one 2008, one
/// 2004 battle in a second article.
fn fixture(db: &Path) {
    let store = Store::open(db).unwrap();
    let items: [(&str, &str, &str, Vec<Row>); 3] = [
        (
            "march-2004.txt",
            "2004-03-18",
            "Unrest spreads across Kosovo",
            vec![
                (
                    "2004-03-17",
                    EventType::Riots,
                    "Caglavica",
                    42.62,
                    21.147,
                    Some(1),
                    "A crowd set fire to houses in Caglavica.",
                ),
                (
                    "2004-03-18",
                    EventType::Protests,
                    "Pristina",
                    42.66,
                    21.166,
                    None,
                    "Students marched through Pristina.",
                ),
            ],
        ),
        (
            "racak-1999.txt",
            "1999-01-16",
            "Bodies found in Racak",
            vec![(
                "1999-01-15",
                EventType::ViolenceAgainstCivilians,
                "Racak",
                42.43,
                21.01,
                Some(45),
                "Forty-five bodies were found in Racak.",
            )],
        ),
        (
            "misc.txt",
            "2008-02-18",
            "A year of change",
            vec![
                (
                    "2008-02-17",
                    EventType::StrategicDevelopments,
                    "Pristina",
                    42.66,
                    21.166,
                    None,
                    "The assembly declared independence in Pristina.",
                ),
                (
                    "2004-06-02",
                    EventType::Battles,
                    "Prizren",
                    42.21,
                    20.74,
                    Some(2),
                    "Gunmen clashed with police near Prizren.",
                ),
            ],
        ),
    ];
    for (file, published, title, incs) in items {
        let mut text = String::from("Opening paragraph of the report. ");
        let mut out = Vec::new();
        for (date, t, name, lat, lon, killed, ev) in incs {
            let start = text.len();
            text.push_str(ev);
            let end = text.len();
            text.push_str(" More background follows here. ");
            out.push(Incident {
                article: file.into(),
                event_type: t,
                sub_event_type: "mob_violence".into(),
                date: Some(d(date)),
                date_end: None,
                date_precision: Precision::Day,
                date_assumed: false,
                place: Some(place(name, lat, lon)),
                unresolved_place: None,
                killed,
                injured: None,
                evidence: ev.into(),
                span: [start, end],
            });
        }
        let a = Article {
            file: file.into(),
            published: Some(d(published)),
            source: Some("Fixture Wire (fictional)".into()),
            title: Some(title.into()),
            url: None,
            text,
        };
        store.ingest_article(&a, &out).unwrap();
    }
}

fn harness(dir: &Path) -> Harness<'static, FlashpointApp> {
    let db = dir.join("app.sqlite");
    fixture(&db);
    let opts = Options {
        db,
        tiles: false,
        demo: false,
        background: false,
    };
    let app = FlashpointApp::new(opts, Persisted::default());
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut FlashpointApp| app.show(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn year_button_filters_the_list_and_keeps_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("5 of 5 incidents shown");
    h.get_by_label("3 articles");
    h.get_by_label("1999 (1)");
    h.get_by_label("2008 (1)");
    h.get_by_label("2004 (3)").click();
    h.run_steps(3);
    assert_eq!(h.state().state.status().shown, 3);
    h.get_by_label("3 of 5 incidents shown");
    // The list holds exactly the 2004 incidents.
    for date in ["2004-03-17", "2004-03-18", "2004-06-02"] {
        h.get_by_label(date);
    }
    assert!(h.query_by_label("1999-01-15").is_none());
    assert!(h.query_by_label("2008-02-17").is_none());
    // Year counts ignore the year filter; type counts follow it.
    h.get_by_label("1999 (1)");
    h.get_by_label("Battles (1)");
    h.get_by_label("Violence against civilians (0)");
}

#[test]
fn unticking_a_type_hides_it_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("Riots (1)").click();
    h.run_steps(3);
    let st = &h.state().state;
    assert!(!st.filter.types.contains(&EventType::Riots));
    assert_eq!(st.status().shown, 4);
    assert!(
        st.visible_incidents()
            .all(|s| s.incident.event_type != EventType::Riots)
    );
    assert!(st.timeline().iter().map(|b| b.shown).sum::<u64>() == 4);
    h.get_by_label("4 of 5 incidents shown");
    assert!(h.query_by_label("2004-03-17").is_none());
    // The box keeps its count so that it can be ticked again.
    h.get_by_label("Riots (1)").click();
    h.run_steps(3);
    h.get_by_label("5 of 5 incidents shown");
}

#[test]
fn selecting_a_row_shows_details_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("Click a marker or a row of the list to see its details.");
    h.get_by_label("1999-01-15").click();
    h.run_steps(3);
    let sel = h.state().state.selection().expect("a selection").clone();
    assert_eq!(sel.incident.place.as_ref().unwrap().matched, "Racak");
    h.get_by_label("Date: 15 January 1999");
    h.get_by_label("Place: Racak, Pristina, XK");
    h.get_by_label("Geo precision: 1 (the place itself)");
    h.get_by_label("Why here: its own name; Racak is a village");
    h.get_by_label("Killed: 45 · Injured: not reported");
    h.get_by_label("“Forty-five bodies were found in Racak.”");
    // The article text, with the evidence in it (highlighted).
    h.get_by_label_contains("Opening paragraph of the report. Forty-five bodies");
    // The source title, in the details panel and in the list.
    assert_eq!(h.get_all_by_label("Bodies found in Racak").count(), 2);
}

#[test]
fn filters_persist_through_the_saved_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("2008 (1)").click();
    h.run_steps(2);
    let saved = h.state().persisted();
    assert_eq!(
        saved.filter.years.iter().copied().collect::<Vec<_>>(),
        [2008]
    );
    let json = serde_json::to_string(&saved).unwrap();
    let back: Persisted = serde_json::from_str(&json).unwrap();
    let opts = Options {
        db: dir.path().join("app.sqlite"),
        tiles: false,
        demo: false,
        background: false,
    };
    let app = FlashpointApp::new(opts, back);
    assert_eq!(app.state.status().shown, 1);
}

#[test]
fn assigning_an_unresolved_place_persists_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.sqlite");
    fixture(&db);
    {
        let store = Store::open(&db).unwrap();
        let ev = "Police raided the village of Qirez at dawn.";
        let a = Article {
            file: "qirez.txt".into(),
            published: Some(d("1998-03-06")),
            title: Some("Raid in Drenica".into()),
            text: ev.into(),
            ..Article::default()
        };
        let i = Incident {
            article: "qirez.txt".into(),
            event_type: EventType::Battles,
            sub_event_type: "armed_clash".into(),
            date: Some(d("1998-03-06")),
            date_end: None,
            date_precision: Precision::Day,
            date_assumed: false,
            place: None,
            unresolved_place: Some("Qirez".into()),
            killed: None,
            injured: None,
            evidence: ev.into(),
            span: [0, ev.len()],
        };
        store.ingest_article(&a, &[i]).unwrap();
    }
    let mut g = flashpoint::gazetteer::Gazetteer::default();
    let csv =
        "id,name,ascii_name,alt_names,lat,lon,kind,feature_code,country,admin1,population,source
fp:xk-qirez,Qirez,Qirez,Qirezi,42.68,20.85,village,PPL,XK,Drenas,0,test
gn:9,Qiriaz,Qiriaz,,41.0,20.0,village,PPL,AL,Elbasan,100,test
";
    g.add_reader(csv.as_bytes(), "test").unwrap();
    let opts = Options {
        db: db.clone(),
        tiles: false,
        demo: false,
        background: false,
    };
    let mut app = FlashpointApp::new(opts, Persisted::default());
    app.set_gazetteer(std::sync::Arc::new(g));
    app.show_unresolved(true);
    let mut h = Harness::builder()
        .with_size([1400.0, 1100.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut FlashpointApp| app.show(ui), app);
    h.run_steps(3);
    h.get_by_label("1 unresolved places");
    h.get_by_label("Qirez (1)");
    let field = h.get_by_label("Place:");
    field.focus();
    field.type_text("Qirez");
    h.run_steps(3);
    h.get_by_label("Qirez · XK Drenas · village · pop. 0")
        .click();
    h.run_steps(2);
    h.get_by_label("Assign in qirez.txt");
    h.get_by_label("Assign everywhere").click();
    h.run_steps(3);
    h.get_by_label("0 unresolved places");
    drop(h);
    // Reopened, the store has the incident at Qirez.
    let store = Store::open(&db).unwrap();
    let all = store.incidents(&Default::default()).unwrap();
    let raid = all
        .iter()
        .find(|s| s.incident.article == "qirez.txt")
        .unwrap();
    let p = raid.incident.place.as_ref().expect("placed");
    assert_eq!((p.gazetteer_id.as_str(), p.lat), ("fp:xk-qirez", 42.68));
    assert!(store.unresolved().unwrap().is_empty());
    assert_eq!(store.corrections().unwrap().len(), 1);
}

#[test]
fn hiding_from_the_details_panel_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("2008-02-17").click();
    h.run_steps(3);
    h.get_by_label("Correct").click();
    h.run_steps(2);
    h.get_by_label("Hide this incident").click();
    h.run_steps(3);
    h.get_by_label("4 of 4 incidents shown");
    assert!(h.query_by_label("2008-02-17").is_none());
    let store = Store::open(&dir.path().join("app.sqlite")).unwrap();
    assert_eq!(store.incidents(&Default::default()).unwrap().len(), 4);
    h.get_by_label("Undo correction").click();
    h.run_steps(3);
    h.get_by_label("5 of 5 incidents shown");
}

#[test]
fn export_writes_the_filtered_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("2004 (3)").click();
    h.run_steps(3);
    let out = dir.path().join("events.geojson");
    h.state_mut().export(&out).unwrap();
    let fc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), 3);
    let csv = dir.path().join("events.csv");
    h.state_mut().export(&csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn text_search_filters_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let search = h.get_by_label("Search");
    search.focus();
    search.type_text("prizren");
    h.run_steps(3);
    h.get_by_label("1 of 5 incidents shown");
    h.get_by_label("2004-06-02");
    assert_eq!(h.state().state.filter.text, "prizren");
}

#[test]
fn first_start_imports_the_demo_data_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        db: dir.path().join("fresh.sqlite"),
        tiles: false,
        demo: true,
        background: false,
    };
    let app = FlashpointApp::new(opts, Persisted::default());
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut FlashpointApp| app.show(ui), app);
    h.run_steps(2);
    // The UI keeps running while the import does.
    assert!(h.state_mut().import_job().is_some_and(|j| j.running()));
    h.get_by_label("Importing the demo data set");
    h.get_by_label("Cancel");
    h.state_mut().import_job().unwrap().wait();
    h.run_steps(3);
    let job = h.state_mut().import_job().unwrap();
    let outcome = job.result.as_ref().expect("ended");
    assert!(outcome.is_ok(), "{:?}", outcome.as_ref().err());
    let st = h.state().state.status();
    assert_eq!(st.articles, 60, "{st:?}");
    assert!(st.total >= 40, "{st:?}");
    h.get_by_label(&format!("{} of {} incidents shown", st.total, st.total));
}

#[test]
fn background_read_keeps_the_first_frame_fast_and_fills_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.sqlite");
    fixture(&db);
    let opts = Options {
        db,
        tiles: false,
        demo: true,
        background: true,
    };
    let app = FlashpointApp::new(opts, Persisted::default());
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut FlashpointApp| app.show(ui), app);
    h.step();
    // Not empty: no demo import over existing data.
    assert!(h.state_mut().import_job().is_none());
    let ctx = h.ctx.clone();
    h.state_mut().wait_loaded(&ctx);
    h.run_steps(2);
    assert!(!h.state().loading());
    h.get_by_label("5 of 5 incidents shown");
    h.get_by_label("2004 (3)").click();
    h.run_steps(2);
    h.get_by_label("3 of 5 incidents shown");
}

#[test]
fn import_from_the_path_field_lists_problems_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "PRISTINA, March 3 - Police fired tear gas at protesters in Pristina on Wednesday.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("manifest.csv"),
        "file,published,source,title\nmissing.txt,2004-03-03,Wire,Gone\n",
    )
    .unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("Import…").click();
    h.run_steps(2);
    let field = h.get_by_label("Path:");
    field.focus();
    field.type_text(input.to_str().unwrap());
    h.run_steps(2);
    h.get_by_label("Import").click();
    h.run_steps(2);
    h.state_mut().import_job().expect("started").wait();
    h.run_steps(3);
    let outcome = h.state_mut().import_job().unwrap().result.clone().unwrap();
    let summary = outcome.expect("the run itself succeeds");
    assert_eq!(summary.counts.added, 1, "{}", summary.line());
    let problems: Vec<String> = summary
        .failures
        .iter()
        .chain(&summary.warnings)
        .map(|p| p.to_string())
        .collect();
    // The missing file is an error with the manifest's line (good.txt may add a warning).
    assert!(
        problems
            .iter()
            .any(|p| p.ends_with("manifest.csv:2: missing.txt: file not found")),
        "{problems:?}"
    );
    let header = format!(
        "{} problem{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    h.get_by_label(&header).click();
    h.run_steps(2);
    h.get_by_label_contains("manifest.csv:2: missing.txt: file not found");
    h.get_by_label("4 articles");
}

#[test]
fn hovering_and_clicking_a_marker_on_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let racak = h
        .state()
        .state
        .incidents
        .iter()
        .find(|s| s.incident.place.as_ref().unwrap().matched == "Racak")
        .unwrap()
        .id;
    let at = h
        .state()
        .drawn_markers()
        .iter()
        .find(|(_, ids)| ids == &[racak])
        .expect("Racak's marker on screen")
        .0;
    h.hover_at(at);
    // Tooltips wait for the pointer to rest (simulated time).
    h.run_steps(60);
    h.get_by_label("15 January 1999 · Racak");
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    h.run_steps(3);
    assert_eq!(h.state().state.selected, Some(racak));
    h.get_by_label("“Forty-five bodies were found in Racak.”");
}

#[test]
fn clicking_a_badge_expands_it_then_walks_through_one_spot() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let click = |h: &mut Harness<'static, FlashpointApp>, at: egui::Pos2| {
        h.hover_at(at);
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Default::default(),
            });
        }
        h.run_steps(3);
    };
    let badge = |h: &Harness<'static, FlashpointApp>, n: usize| {
        h.state()
            .drawn_markers()
            .iter()
            .find(|(_, ids)| ids.len() == n)
            .cloned()
    };
    // At the start, Caglavica (5 km away) and Pristina's two incidents overlap: a badge of 3.
    let (at, _) = badge(&h, 3).expect("a badge of three");
    click(&mut h, at);
    // The click zoomed in: Caglavica on its own, Pristina's two still at one spot.
    assert!(badge(&h, 3).is_none());
    let (at, ids) = badge(&h, 2).expect("a badge of two");
    assert_eq!(h.state().state.selected, None);
    click(&mut h, at);
    assert_eq!(h.state().state.selected, Some(ids[0]));
    click(&mut h, at);
    assert_eq!(h.state().state.selected, Some(ids[1]));
}
