//! The desktop app (eframe/egui, walkers map). [`FlashpointApp`] owns a store connection and
//! the plain [`state::AppState`]; the panels are small modules that read and change that
//! state. `flashpoint` with no subcommand runs [`run`].

pub mod basemap;
pub mod details;
pub mod filters;
pub mod import;
pub mod list;
pub mod map;
pub mod markers;
pub mod state;
pub mod timeline;
pub mod unresolved;

use std::path::PathBuf;

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::store::{Correction, Store};
use basemap::Basemap;
use import::{ImportAction, ImportJob};
use state::{AppState, FilterState, Sort};

/// How the app starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// The database.
    pub db: PathBuf,
    /// Try OpenStreetMap tiles (else the offline basemap only).
    pub tiles: bool,
    /// Import the bundled demo data set when the database is empty.
    pub demo: bool,
    /// Read the store on a background thread (the first frame does not wait for it); tests
    /// read it synchronously.
    pub background: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            db: crate::paths::default_db(),
            tiles: true,
            demo: true,
            background: true,
        }
    }
}

/// What survives a restart (eframe storage; the window itself is eframe's).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub filter: FilterState,
    pub sort: Sort,
    pub view: map::View,
    pub basemap: Basemap,
}

/// The app.
pub struct FlashpointApp {
    opts: Options,
    store: Option<Store>,
    /// Everything the panels show.
    pub state: AppState,
    map: map::MapPanel,
    details: details::DetailsPanel,
    filters: filters::FiltersPanel,
    timeline: timeline::TimelinePanel,
    list: list::ListPanel,
    import_panel: import::ImportPanel,
    import: Option<ImportJob>,
    error: Option<String>,
    demo_checked: bool,
    db_empty: bool,
    /// A background read of the store.
    loader: Option<std::thread::JoinHandle<Result<state::Loaded, String>>>,
    /// Read the store (again) when the running read ends, or at the next frame.
    needs_load: bool,
    show_import: bool,
    show_unresolved: bool,
    show_export: bool,
    unresolved: unresolved::UnresolvedPanel,
    export_path: String,
    /// The outcome of the last correction or export.
    message: Option<String>,
}

impl FlashpointApp {
    /// Opens the database and reads it; restores `persisted` (filters, map view).
    pub fn new(opts: Options, persisted: Persisted) -> FlashpointApp {
        let mut error = None;
        let store = match Store::open(&opts.db) {
            Ok(s) => Some(s),
            Err(e) => {
                error = Some(format!("{e:#}"));
                None
            }
        };
        let mut state = AppState::default();
        state.filter = persisted.filter;
        state.sort = persisted.sort;
        let db_empty = store.as_ref().is_some_and(|s| {
            s.connection()
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM articles)", [], |r| {
                    r.get(0)
                })
                .unwrap_or(false)
        });
        if !opts.background
            && let Some(s) = &store
            && let Err(e) = state.reload(s)
        {
            error = Some(format!("{e:#}"));
        }
        let needs_load = opts.background && store.is_some();
        let map = map::MapPanel::new(persisted.view, persisted.basemap, opts.tiles);
        FlashpointApp {
            opts,
            store,
            state,
            map,
            details: Default::default(),
            filters: Default::default(),
            timeline: Default::default(),
            list: Default::default(),
            import_panel: Default::default(),
            import: None,
            error,
            demo_checked: false,
            db_empty,
            loader: None,
            needs_load,
            show_import: false,
            show_unresolved: false,
            show_export: false,
            unresolved: Default::default(),
            export_path: String::new(),
            message: None,
        }
    }

    /// What to persist now.
    pub fn persisted(&self) -> Persisted {
        Persisted {
            filter: self.state.filter.clone(),
            sort: self.state.sort,
            view: self.map.view(),
            basemap: self.map.basemap,
        }
    }

    /// The markers and badges the last frame drew: screen position and incident ids.
    pub fn drawn_markers(&self) -> &[(egui::Pos2, Vec<i64>)] {
        &self.map.drawn
    }

    /// The running or last import.
    pub fn import_job(&mut self) -> Option<&mut ImportJob> {
        self.import.as_mut()
    }

    /// Selects an incident and centres the map on it.
    pub fn select(&mut self, id: i64) {
        self.state.selected = Some(id);
        if let Some(p) = self
            .state
            .incident(id)
            .and_then(|s| s.incident.place.as_ref())
        {
            self.map.center_on(p.lat, p.lon);
        }
    }

    /// Re-reads the store (after an import or a correction): on a background thread (the
    /// panels keep the old data until the new is in), or at once without `background`.
    pub fn reload(&mut self) {
        self.details.clear();
        if self.opts.background {
            self.needs_load = true;
            return;
        }
        if let Some(s) = &self.store
            && let Err(e) = self.state.reload(s)
        {
            self.error = Some(format!("{e:#}"));
        }
    }

    /// A background read is running.
    pub fn loading(&self) -> bool {
        self.loader.is_some() || self.needs_load
    }

    /// Installs a finished background read; starts the next one when asked for.
    fn poll_loader(&mut self, ctx: &egui::Context) {
        if self.loader.as_ref().is_some_and(|h| h.is_finished()) {
            let h = self.loader.take().expect("checked");
            match h.join() {
                Ok(Ok(data)) => self.state.install(data),
                Ok(Err(e)) => self.error = Some(e),
                Err(_) => self.error = Some("reading the database failed".into()),
            }
        }
        if self.needs_load && self.loader.is_none() {
            self.needs_load = false;
            let db = self.opts.db.clone();
            let ctx = ctx.clone();
            self.loader = Some(std::thread::spawn(move || {
                let r = Store::open(&db)
                    .and_then(|s| state::Loaded::fetch(&s))
                    .map_err(|e| format!("{e:#}"));
                ctx.request_repaint();
                r
            }));
        }
    }

    /// Waits for a background read and installs it (tests).
    pub fn wait_loaded(&mut self, ctx: &egui::Context) {
        while self.loading() {
            self.poll_loader(ctx);
            if let Some(h) = &self.loader
                && !h.is_finished()
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// Uses this gazetteer for the place search (tests; else the default loads on demand).
    pub fn set_gazetteer(&mut self, g: std::sync::Arc<crate::gazetteer::Gazetteer>) {
        self.unresolved.set_gazetteer(g);
    }

    /// Shows or hides the unresolved-places panel.
    pub fn show_unresolved(&mut self, on: bool) {
        self.show_unresolved = on;
    }

    /// Saves a correction through the store and re-reads it.
    pub fn apply(&mut self, c: Correction) {
        let Some(store) = &self.store else {
            return;
        };
        match store.add_correction(c) {
            Ok(id) => self.message = Some(format!("correction {id} saved")),
            Err(e) => self.error = Some(format!("{e:#}")),
        }
        self.reload();
    }

    /// Removes the newest correction.
    pub fn undo(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        let last = store
            .corrections()
            .ok()
            .and_then(|c| c.last().map(|c| c.id));
        if let Some(id) = last {
            match store.remove_correction(id) {
                Ok(()) => self.message = Some(format!("correction {id} undone")),
                Err(e) => self.error = Some(format!("{e:#}")),
            }
            self.reload();
        }
    }

    /// Writes the events of the filtered incidents to `path` (`.csv`: ACLED-style CSV, else
    /// GeoJSON) through the store's export.
    pub fn export(&mut self, path: &std::path::Path) -> anyhow::Result<String> {
        let incidents: Vec<_> = self.state.visible_incidents().cloned().collect();
        let events = crate::store::merge::merge(&incidents);
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        let csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let w = if csv {
            crate::export::write_csv(&events, file)?
        } else {
            crate::export::write_geojson(&events, file)?
        };
        Ok(format!("{}: {:?}", path.display(), w))
    }

    fn start_import(&mut self, label: String, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if self.import.as_ref().is_some_and(|j| j.running()) {
            return;
        }
        self.import = Some(ImportJob::start(
            label,
            self.opts.db.clone(),
            paths,
            ctx.clone(),
        ));
    }

    fn poll_import(&mut self) {
        let done = self.import.as_mut().is_some_and(|j| j.poll());
        if done {
            if let Some(j) = &self.import {
                self.import_panel.finished(j);
            }
            self.reload();
        }
    }

    /// One frame of the whole UI.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let generation = self.state.generation;
        if !self.demo_checked {
            self.demo_checked = true;
            if self.opts.demo && self.store.is_some() && self.db_empty {
                match import::demo_manifest() {
                    Some(m) => self.start_import("the demo data set".into(), vec![m], &ctx),
                    None => {
                        self.error = Some("the demo data set (assets/demo) was not found".into())
                    }
                }
            }
        }
        self.poll_import();
        self.poll_loader(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            let label = format!("{} dropped item(s)", dropped.len());
            self.start_import(label, dropped, &ctx);
        }

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.show_import || self.import.as_ref().is_some_and(|j| j.running()) {
            egui::Panel::top("import").show(ui, |ui| {
                let job = self.import.as_ref();
                match self.import_panel.show(ui, job) {
                    Some(ImportAction::Start(paths)) => {
                        let label = paths
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.start_import(label, paths, &ctx);
                    }
                    Some(ImportAction::Cancel) => {
                        if let Some(j) = &self.import {
                            j.cancel();
                        }
                    }
                    None => {}
                }
            });
        }
        if self.show_unresolved {
            egui::Panel::top("unresolved").show(ui, |ui| {
                ui.label(RichText::new("Unresolved places").strong());
                let v = self.map.view();
                let store = self.store.as_ref();
                if let Some(a) =
                    self.unresolved
                        .show(ui, store, self.state.generation, (v.lat, v.lon))
                {
                    self.apply(a.correction());
                }
            });
        }
        if self.show_export {
            egui::Panel::top("export").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Export the {} filtered incidents as events to",
                        self.state.visible.len()
                    ));
                    ui.add(
                        egui::TextEdit::singleline(&mut self.export_path)
                            .hint_text("events.geojson or events.csv")
                            .desired_width(260.0),
                    );
                    let mut target = None;
                    if ui.button("Export").clicked() && !self.export_path.trim().is_empty() {
                        target = Some(PathBuf::from(self.export_path.trim()));
                    }
                    if ui.button("Save as…").clicked() {
                        target = rfd::FileDialog::new()
                            .add_filter("GeoJSON", &["geojson", "json"])
                            .add_filter("CSV", &["csv"])
                            .save_file();
                    }
                    if let Some(p) = target {
                        self.message = Some(match self.export(&p) {
                            Ok(m) => m,
                            Err(e) => format!("export failed: {e:#}"),
                        });
                    }
                });
            });
        }
        egui::Panel::left("filters")
            .default_size(230.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    self.filters.show(ui, &mut self.state);
                });
            });
        let mut correction = None;
        egui::Panel::right("details")
            .default_size(340.0)
            .show(ui, |ui| {
                ui.heading("Details");
                egui::ScrollArea::vertical()
                    .id_salt("details-scroll")
                    .show(ui, |ui| {
                        let v = self.map.view();
                        let center = (v.lat, v.lon);
                        if let Some(c) =
                            self.details
                                .show(ui, &self.state, self.store.as_ref(), center)
                        {
                            correction = Some(c);
                        }
                    });
            });
        if let Some(c) = correction {
            self.apply(c);
        }
        egui::Panel::bottom("list")
            .default_size(240.0)
            .resizable(true)
            .show(ui, |ui| {
                self.timeline.show(ui, &mut self.state);
                ui.separator();
                if let Some(list::ListAction::Select(id)) = self.list.show(ui, &mut self.state) {
                    self.select(id);
                }
            });
        let before = self.state.selected;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.map.show(ui, &mut self.state);
        });
        if self.state.selected != before {
            self.list.reveal = true;
        }
        if self.state.generation != generation || self.state.selected != before {
            // A panel drawn later in the frame changed what earlier ones show (a timeline
            // brush, a marker click): draw once more so that all agree.
            ctx.request_repaint();
        }
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Flashpoint").strong());
            ui.separator();
            if ui.selectable_label(self.show_import, "Import…").clicked() {
                self.show_import = !self.show_import;
            }
            let n = self.state.unresolved;
            if ui
                .selectable_label(self.show_unresolved, format!("Unresolved places ({n})"))
                .clicked()
            {
                self.show_unresolved = !self.show_unresolved;
            }
            if ui.selectable_label(self.show_export, "Export…").clicked() {
                self.show_export = !self.show_export;
            }
            if ui.button("Undo correction").clicked() {
                self.undo();
            }
            ui.separator();
            ui.label("Map:");
            let mut b = self.map.basemap;
            ui.selectable_value(&mut b, Basemap::OpenStreetMap, "OpenStreetMap");
            ui.selectable_value(&mut b, Basemap::Offline, "Offline basemap");
            self.map.basemap = b;
            if let Some(e) = self
                .map
                .tiles_error
                .as_ref()
                .filter(|_| b == Basemap::OpenStreetMap)
            {
                ui.label(RichText::new(e).weak());
            }
            if let Some(e) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if let Some(m) = &self.message {
                ui.label(RichText::new(m).weak());
            }
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let s = self.state.status();
        ui.horizontal(|ui| {
            ui.label(format!("{} of {} incidents shown", s.shown, s.total));
            ui.separator();
            ui.label(format!("{} articles", s.articles));
            ui.separator();
            ui.label(format!("{} unresolved places", s.unresolved));
            if self.loading() {
                ui.separator();
                ui.label("reading the database…");
                ui.spinner();
            }
            if let Some(j) = self.import.as_ref().filter(|j| j.running()) {
                ui.separator();
                let p = j.progress();
                ui.label(format!(
                    "importing {}/{} files…",
                    p.files_done, p.files_total
                ));
                ui.spinner();
            }
        });
    }
}

impl eframe::App for FlashpointApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted());
    }

    /// Filters and the map view are saved every few seconds, not only on a clean exit.
    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(5)
    }
}

/// Opens the app window (blocks until it is closed).
pub fn run(opts: Options) -> anyhow::Result<()> {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Flashpoint")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        // The state file beside the database, so that FLASHPOINT_DATA_DIR isolates it too.
        persistence_path: Some(crate::paths::data_dir().join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Flashpoint",
        native,
        Box::new(move |cc| {
            let persisted: Persisted = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            Ok(Box::new(FlashpointApp::new(opts, persisted)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
