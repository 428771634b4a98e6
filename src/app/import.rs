//! Importing articles on a background thread through the ingest API (its own database
//! connection, its own gazetteer), with progress, cancel and the errors listed; the bundled
//! demo data set on first start; the import panel (path field, file dialog, drag-and-drop).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use egui::Ui;

use crate::ingest::{self, Options, Progress, Summary};
use crate::store::Store;

/// A running (or finished) import.
pub struct ImportJob {
    /// What is being imported, for the progress line.
    pub label: String,
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<Result<Summary, String>>>,
    /// The outcome, once the thread has ended.
    pub result: Option<Result<Summary, String>>,
    /// Ended but not yet reported by [`ImportJob::poll`].
    unreported: bool,
}

impl ImportJob {
    /// Starts importing `paths` into the database at `db`; `ctx` is repainted on progress.
    pub fn start(label: String, db: PathBuf, paths: Vec<PathBuf>, ctx: egui::Context) -> ImportJob {
        let progress = Arc::new(Mutex::new(Progress::default()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (p, c) = (progress.clone(), cancel.clone());
        let handle = std::thread::Builder::new()
            .name("flashpoint-import".into())
            .spawn(move || -> Result<Summary, String> {
                let run = || -> anyhow::Result<Summary> {
                    let store = Store::open(&db)?;
                    let g = crate::gazetteer::Gazetteer::load_default()?;
                    ingest::run(&paths, &store, &g, &Options::default(), &c, |pr| {
                        if let Ok(mut slot) = p.lock() {
                            *slot = pr.clone();
                        }
                        ctx.request_repaint();
                    })
                };
                let r = run().map_err(|e| format!("{e:#}"));
                ctx.request_repaint();
                r
            })
            .expect("spawn the import thread");
        ImportJob {
            label,
            progress,
            cancel,
            handle: Some(handle),
            result: None,
            unreported: false,
        }
    }

    /// Where the run is.
    pub fn progress(&self) -> Progress {
        self.progress.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Asks the run to stop after the current article.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Collects the outcome when the thread has ended; true the first time it has.
    pub fn poll(&mut self) -> bool {
        if self.handle.as_ref().is_some_and(|h| h.is_finished()) {
            self.wait();
        }
        std::mem::take(&mut self.unreported)
    }

    /// Still running.
    pub fn running(&self) -> bool {
        self.handle.is_some()
    }

    /// Waits for the end (the next [`ImportJob::poll`] reports it).
    pub fn wait(&mut self) {
        if let Some(h) = self.handle.take() {
            self.result = Some(
                h.join()
                    .unwrap_or_else(|_| Err("the import crashed".into())),
            );
            self.unreported = true;
        }
    }
}

/// The bundled demo manifest (`assets/demo/manifest.csv`), looked for beside the working
/// directory, the executable and the source tree.
pub fn demo_manifest() -> Option<PathBuf> {
    let rel = Path::new("assets").join("demo").join("manifest.csv");
    let mut tries = vec![rel.clone()];
    if let Ok(exe) = std::env::current_exe() {
        tries.extend(exe.ancestors().skip(1).take(4).map(|d| d.join(&rel)));
    }
    tries.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(&rel));
    tries.into_iter().find(|p| p.is_file())
}

/// The import panel's own state.
#[derive(Default)]
pub struct ImportPanel {
    /// The path field.
    pub path: String,
    /// Last outcome, shown until the next import.
    pub last: Option<String>,
    /// Errors and warnings of the last import ("file:line: reason").
    pub problems: Vec<String>,
}

/// What the import panel asks for.
pub enum ImportAction {
    Start(Vec<PathBuf>),
    Cancel,
}

impl ImportPanel {
    /// Shows the path field, Browse buttons, progress and the last outcome.
    pub fn show(&mut self, ui: &mut Ui, job: Option<&ImportJob>) -> Option<ImportAction> {
        let mut action = None;
        if let Some(job) = job.filter(|j| j.running()) {
            let p = job.progress();
            let frac = if p.files_total > 0 {
                p.files_done as f32 / p.files_total as f32
            } else {
                0.0
            };
            ui.label(format!("Importing {}", job.label));
            ui.add(egui::ProgressBar::new(frac).show_percentage().text(format!(
                "{}/{} files · {} incidents",
                p.files_done, p.files_total, p.counts.incidents
            )));
            if !p.current.is_empty() {
                ui.label(egui::RichText::new(&p.current).weak());
            }
            if ui.button("Cancel").clicked() {
                action = Some(ImportAction::Cancel);
            }
            return action;
        }
        ui.label("Import files or folders (.txt .md .html .jsonl, .csv manifests); or drop them on the window.");
        ui.horizontal(|ui| {
            let label = ui.label("Path:");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .hint_text("a file or folder")
                        .desired_width(ui.available_width() - 180.0),
                )
                .labelled_by(label.id);
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Import").clicked() || enter) && !self.path.trim().is_empty() {
                action = Some(ImportAction::Start(vec![PathBuf::from(self.path.trim())]));
            }
            if ui.button("Browse…").clicked()
                && let Some(files) = rfd::FileDialog::new().pick_files()
            {
                action = Some(ImportAction::Start(files));
            }
            if ui.button("Folder…").clicked()
                && let Some(dir) = rfd::FileDialog::new().pick_folder()
            {
                action = Some(ImportAction::Start(vec![dir]));
            }
        });
        if let Some(l) = &self.last {
            ui.label(l);
        }
        if !self.problems.is_empty() {
            let n = self.problems.len();
            egui::CollapsingHeader::new(format!("{n} problem{}", if n == 1 { "" } else { "s" }))
                .id_salt("import-problems")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(150.0)
                        .show(ui, |ui| {
                            for p in &self.problems {
                                ui.label(p);
                            }
                        });
                });
        }
        action
    }

    /// Records a finished job's outcome.
    pub fn finished(&mut self, job: &ImportJob) {
        match &job.result {
            Some(Ok(s)) => {
                self.last = Some(format!("{}: {}", job.label, s.line()));
                self.problems = s
                    .failures
                    .iter()
                    .map(|p| format!("error: {p}"))
                    .chain(s.warnings.iter().map(|p| format!("warning: {p}")))
                    .collect();
            }
            Some(Err(e)) => {
                self.last = Some(format!("{}: failed: {e}", job.label));
                self.problems.clear();
            }
            None => {}
        }
    }
}
