//! `flashpoint ingest`: files and folders of articles into the store.
//!
//! [`run`] lists the inputs ([`sources`]), reads and extracts them on worker threads, and
//! writes each article in its own transaction on the calling thread, so that a killed run
//! leaves only whole articles and a rerun finishes the job (unchanged articles are skipped
//! without extraction). Progress goes to a callback (the CLI draws a bar, the app its own
//! widget); a cancel flag stops the run between articles.

pub mod html;
pub mod read;
pub mod sources;
pub mod synth;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::gazetteer::Gazetteer;
use crate::model::{Article, Incident};
use crate::store::{self, KnownArticle, Outcome, RunCounts, Store};
pub use read::{DEFAULT_MAX_BYTES, Meta, Problem};
use sources::Job;

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files over this size are refused ([`DEFAULT_MAX_BYTES`]).
    pub max_bytes: u64,
    /// Recorded with each article; a stored article with another version is re-extracted.
    pub engine_version: String,
    /// Extraction threads (0: one per core but the writer's, at least 1, at most 8).
    pub threads: usize,
    /// Re-extract articles even when unchanged.
    pub force: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_bytes: DEFAULT_MAX_BYTES,
            engine_version: store::DEFAULT_ENGINE_VERSION.to_string(),
            threads: 0,
            force: false,
        }
    }
}

/// Where a run is, for progress displays.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub files_total: u64,
    pub files_done: u64,
    pub bytes_total: u64,
    pub bytes_done: u64,
    pub counts: RunCounts,
    pub elapsed: Duration,
    /// Estimated time left (from the byte rate so far).
    pub eta: Option<Duration>,
    /// The last file read.
    pub current: String,
    /// The run is over.
    pub finished: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub counts: RunCounts,
    pub failures: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Summary {
    /// One line: articles added, updated, unchanged, failed; incidents.
    pub fn line(&self) -> String {
        let c = &self.counts;
        format!(
            "{} articles added, {} updated, {} unchanged, {} failed; {} incidents{} ({:.1} MB in {:.1} s)",
            c.added,
            c.updated,
            c.unchanged,
            c.failed,
            c.incidents,
            if c.cancelled { "; cancelled" } else { "" },
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64()
        )
    }
}

/// An article read from a file, before extraction.
struct Prepared {
    article: Article,
    key: String,
    path: String,
}

enum Msg {
    Article {
        p: Prepared,
        incidents: Option<Vec<Incident>>,
    },
    Failed(Problem),
    Warning(Problem),
    FileDone {
        name: String,
        bytes: u64,
    },
}

/// Ingests `paths` with the real extractor over `gazetteer`.
pub fn run(
    paths: &[PathBuf],
    store: &Store,
    gazetteer: &Gazetteer,
    opts: &Options,
    cancel: &AtomicBool,
    progress: impl FnMut(&Progress),
) -> Result<Summary> {
    let extract = |a: &Article| crate::extract::extract(a, gazetteer);
    run_with(paths, store, &extract, opts, cancel, progress)
}

/// Ingests `paths` with any extractor (tests use a stand-in).
pub fn run_with(
    paths: &[PathBuf],
    store: &Store,
    extract: &(dyn Fn(&Article) -> Vec<Incident> + Sync),
    opts: &Options,
    cancel: &AtomicBool,
    mut progress: impl FnMut(&Progress),
) -> Result<Summary> {
    let start = Instant::now();
    let listing = sources::list(paths, opts.max_bytes);
    let mut summary = Summary {
        failures: listing.failures,
        warnings: listing.warnings,
        ..Summary::default()
    };
    let jobs = listing.jobs;
    let mut prog = Progress {
        files_total: jobs.len() as u64,
        bytes_total: jobs.iter().map(|j| j.size).sum(),
        ..Progress::default()
    };
    summary.counts.failed = summary.failures.len() as u64;
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let run_id = store.begin_run(&shown.join(" "))?;
    let known = store.known_articles()?;
    let threads = match opts.threads {
        // One core is the writer's: extraction gets the others (at least one).
        0 => std::thread::available_parallelism().map_or(1, |n| (n.get() - 1).clamp(1, 8)),
        n => n,
    };
    let next = AtomicUsize::new(0);
    let (tx, rx) = sync_channel::<Msg>(256);
    let result: Result<()> = std::thread::scope(|s| {
        let (jobs, known, next) = (&jobs, &known, &next);
        for _ in 0..threads {
            let tx = tx.clone();
            s.spawn(move || {
                while !cancel.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    if read_job(job, known, extract, opts, cancel, &tx).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Owned here, so that an early return drops it and unblocks the workers.
        let rx = rx;
        let mut last_report = Instant::now();
        let mut last_run_update = Instant::now();
        let mut write_error: Option<anyhow::Error> = None;
        for msg in rx.iter() {
            if cancel.load(Ordering::Relaxed) {
                continue; // drain without writing so the workers can finish
            }
            match msg {
                Msg::Article { p, incidents } => {
                    let n = incidents.as_ref().map_or(0, Vec::len) as u64;
                    let outcome = match incidents {
                        None => Ok(Outcome::Unchanged),
                        Some(inc) => store.ingest_article_keyed(
                            &p.key,
                            Some(&p.path),
                            &opts.engine_version,
                            &p.article,
                            &inc,
                        ),
                    };
                    match outcome {
                        Ok(Outcome::Added) => summary.counts.added += 1,
                        Ok(Outcome::Updated) => summary.counts.updated += 1,
                        Ok(Outcome::Unchanged) => summary.counts.unchanged += 1,
                        Err(e) => {
                            // A database error stops the run: later writes would fail too.
                            summary.counts.failed += 1;
                            summary
                                .failures
                                .push(Problem::file(&p.article.file, format!("{e:#}")));
                            write_error = Some(e);
                            cancel.store(true, Ordering::Relaxed);
                            continue;
                        }
                    }
                    if !matches!(outcome, Ok(Outcome::Unchanged)) {
                        summary.counts.incidents += n;
                    }
                }
                Msg::Failed(p) => {
                    summary.counts.failed += 1;
                    summary.failures.push(p);
                }
                Msg::Warning(p) => summary.warnings.push(p),
                Msg::FileDone { name, bytes } => {
                    prog.files_done += 1;
                    prog.bytes_done += bytes;
                    summary.bytes += bytes;
                    prog.current = name;
                }
            }
            if last_report.elapsed() >= Duration::from_millis(100) {
                last_report = Instant::now();
                prog.counts = summary.counts;
                prog.elapsed = start.elapsed();
                prog.eta = eta(&prog);
                progress(&prog);
            }
            if last_run_update.elapsed() >= Duration::from_secs(1) {
                last_run_update = Instant::now();
                store.update_run(run_id, &summary.counts, false)?;
            }
        }
        match write_error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    });
    summary.counts.cancelled = cancel.load(Ordering::Relaxed);
    summary.elapsed = start.elapsed();
    store.update_run(run_id, &summary.counts, true)?;
    prog.counts = summary.counts;
    prog.elapsed = summary.elapsed;
    prog.eta = Some(Duration::ZERO);
    prog.finished = true;
    progress(&prog);
    result?;
    Ok(summary)
}

fn eta(p: &Progress) -> Option<Duration> {
    if p.bytes_done == 0 {
        return None;
    }
    let rate = p.bytes_done as f64 / p.elapsed.as_secs_f64().max(1e-3);
    Some(Duration::from_secs_f64(
        p.bytes_total.saturating_sub(p.bytes_done) as f64 / rate,
    ))
}

type Sender = std::sync::mpsc::SyncSender<Msg>;

/// Reads one file and sends its articles (extracted unless unchanged). `Err` when the
/// writer has gone.
fn read_job(
    job: &Job,
    known: &HashMap<String, KnownArticle>,
    extract: &(dyn Fn(&Article) -> Vec<Incident> + Sync),
    opts: &Options,
    cancel: &AtomicBool,
    tx: &Sender,
) -> Result<(), ()> {
    let send = |m: Msg| tx.send(m).map_err(|_| ());
    let done = |bytes| {
        send(Msg::FileDone {
            name: job.name.clone(),
            bytes,
        })
    };
    let bytes = match read::read_limited(&job.path, opts.max_bytes) {
        Ok(b) => b,
        Err(e) => {
            send(Msg::Failed(Problem::file(&job.name, e)))?;
            return done(0);
        }
    };
    let size = bytes.len() as u64;
    let (text, warn) = match read::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            send(Msg::Failed(Problem::file(&job.name, e)))?;
            return done(size);
        }
    };
    drop(bytes);
    if let Some(w) = warn {
        send(Msg::Warning(Problem::file(&job.name, w)))?;
    }
    let ext = job
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut articles: Vec<(Prepared, Option<String>)> = Vec::new();
    match ext.as_str() {
        "jsonl" => {
            for (n, line) in text.lines().enumerate() {
                let line_no = n as u64 + 1;
                if line.trim().is_empty() {
                    continue;
                }
                match read::jsonl_line(line) {
                    Ok((t, meta)) => {
                        let file = format!("{}:{line_no}", job.name);
                        let path = format!("{}:{line_no}", job.canonical);
                        articles.push(prepare(file, path, t, meta));
                    }
                    Err(e) => send(Msg::Failed(Problem::line(&job.name, line_no, e)))?,
                }
            }
        }
        "html" | "htm" => {
            let page = html::parse(&text);
            let mut meta = Meta {
                published: page.published,
                source: page.source,
                title: page.title,
                url: page.url,
            };
            if let Some(m) = &job.meta {
                meta = merge_meta(m, meta);
            }
            articles.push(prepare(
                job.name.clone(),
                job.canonical.clone(),
                page.text,
                meta,
            ));
        }
        _ => {
            let (meta, body) = match (&job.meta, read::header_block(&text)) {
                (Some(m), Some((h, body, _))) => (merge_meta(m, h), body.to_string()),
                (Some(m), None) => (m.clone(), text.clone()),
                (None, Some((h, body, w))) => {
                    if let Some(w) = w {
                        send(Msg::Warning(Problem::file(&job.name, w)))?;
                    }
                    (h, body.to_string())
                }
                (None, None) => (Meta::default(), text.clone()),
            };
            articles.push(prepare(job.name.clone(), job.canonical.clone(), body, meta));
        }
    }
    for (p, problem) in articles {
        if cancel.load(Ordering::Relaxed) {
            return Err(());
        }
        if let Some(reason) = problem {
            send(Msg::Failed(Problem::file(&p.article.file, reason)))?;
            continue;
        }
        if p.article.published.is_none() {
            send(Msg::Warning(Problem::file(
                &p.article.file,
                "no publication date (manifest, header or page meta): relative dates stay unresolved",
            )))?;
        }
        let unchanged = !opts.force
            && known.get(&p.key).is_some_and(|k| {
                k.engine_version == opts.engine_version
                    && k.content_hash == store::key::content_hash(&p.article.text)
            });
        let incidents = (!unchanged).then(|| extract(&p.article));
        send(Msg::Article { p, incidents })?;
    }
    done(size)
}

/// Manifest values win; the file's own fill the gaps.
fn merge_meta(manifest: &Meta, own: Meta) -> Meta {
    Meta {
        published: manifest.published.or(own.published),
        source: manifest.source.clone().or(own.source),
        title: manifest.title.clone().or(own.title),
        url: manifest.url.clone().or(own.url),
    }
}

/// An article ready to extract, or the reason it cannot be.
fn prepare(file: String, path: String, text: String, meta: Meta) -> (Prepared, Option<String>) {
    let problem = text
        .trim()
        .is_empty()
        .then(|| "no text (empty after removing markup and header)".to_string());
    let article = Article {
        file,
        published: meta.published,
        source: meta.source,
        title: meta.title,
        url: meta.url,
        text,
    };
    let key = store::article_key(&article, Some(&path));
    (Prepared { article, key, path }, problem)
}
