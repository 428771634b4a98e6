//! The incident database: one SQLite file (WAL, foreign keys) shared by the CLI and the app.
//!
//! Articles and their extracted incidents are written by [`Store::ingest_article_keyed`]
//! (one transaction per article); user [`Correction`]s are separate rows layered over the
//! extracted incidents, and the incident rows hold the corrected values (the engine's
//! original stays in the `extracted` column) so that the app's queries are plain indexed
//! SQL. The schema is in [`schema`] and `docs/store.md`.

pub mod correct;
pub mod key;
pub mod merge;
pub mod query;
pub mod schema;

use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

pub use correct::{Correction, IncidentKey};
pub use merge::{Casualties, Event, EventSource};
pub use query::{Filter, StoredIncident, Unresolved, UnresolvedMention};

use crate::fold::fold;
use crate::model::{Article, Incident};

/// The engine version recorded when the caller does not give one.
pub const DEFAULT_ENGINE_VERSION: &str = concat!("flashpoint-", env!("CARGO_PKG_VERSION"));

/// An open database.
pub struct Store {
    conn: Connection,
}

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A new article.
    Added,
    /// A known article (same key) with a new text or engine version: re-extracted in place.
    Updated,
    /// Same key, same content hash, same engine version: nothing written.
    Unchanged,
}

/// An article as stored (without its text; see [`Store::article_text`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    pub id: i64,
    pub key: String,
    pub file: String,
    pub path: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub content_hash: String,
    pub ingested_at: String,
    pub engine_version: String,
    pub incident_count: u32,
}

/// A stored correction with its id and time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredCorrection {
    pub id: i64,
    pub created_at: String,
    pub correction: Correction,
}

/// Counts for one `ingest_runs` row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunCounts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub failed: u64,
    pub incidents: u64,
    pub cancelled: bool,
}

/// What a re-ingest needs to know of a stored article to skip it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownArticle {
    pub content_hash: String,
    pub engine_version: String,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        Store::setup(conn).with_context(|| format!("database {}", path.display()))
    }

    /// A private in-memory database (tests, previews).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// The underlying connection (read-only use by the app; writes go through the API).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Stores an article and its incidents under the key `url`, else `file`, with the
    /// default engine version. See [`Store::ingest_article_keyed`].
    pub fn ingest_article(&self, article: &Article, incidents: &[Incident]) -> Result<Outcome> {
        let key = article_key(article, None);
        self.ingest_article_keyed(&key, None, DEFAULT_ENGINE_VERSION, article, incidents)
    }

    /// Stores an article under `key`: unchanged (same hash and engine) does nothing, a changed
    /// one has its row updated and its incidents replaced, all in one transaction; the
    /// corrections that apply are layered over the new incidents.
    pub fn ingest_article_keyed(
        &self,
        key: &str,
        path: Option<&str>,
        engine_version: &str,
        article: &Article,
        incidents: &[Incident],
    ) -> Result<Outcome> {
        let hash = key::content_hash(&article.text);
        let tx = self.conn.unchecked_transaction()?;
        let old: Option<(i64, String, String)> = tx
            .prepare_cached("SELECT id, content_hash, engine_version FROM articles WHERE key = ?1")?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let now = Utc::now().to_rfc3339();
        let published = article.published.map(|d| d.to_string());
        let outcome = match &old {
            Some((_, h, e)) if *h == hash && e == engine_version => return Ok(Outcome::Unchanged),
            Some(_) => Outcome::Updated,
            None => Outcome::Added,
        };
        let article_id = match old {
            Some((id, ..)) => {
                tx.prepare_cached(
                    "DELETE FROM incidents WHERE article_id = ?1 AND correction_id IS NULL",
                )?
                .execute([id])?;
                tx.prepare_cached(
                    "UPDATE articles SET file=?2, path=?3, source=?4, title=?5, url=?6,
                     published=?7, content_hash=?8, text=?9, ingested_at=?10,
                     engine_version=?11, incident_count=?12 WHERE id=?1",
                )?
                .execute(params![
                    id,
                    article.file,
                    path,
                    article.source,
                    article.title,
                    article.url,
                    published,
                    hash,
                    article.text,
                    now,
                    engine_version,
                    incidents.len() as i64
                ])?;
                id
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO articles (key, file, path, source, title, url, published,
                     content_hash, text, ingested_at, engine_version, incident_count)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?
                .execute(params![
                    key,
                    article.file,
                    path,
                    article.source,
                    article.title,
                    article.url,
                    published,
                    hash,
                    article.text,
                    now,
                    engine_version,
                    incidents.len() as i64
                ])?;
                tx.last_insert_rowid()
            }
        };
        let corrections = corrections_for_article(&tx, key)?;
        let fps = key::fingerprints(incidents);
        for (inc, fp) in incidents.iter().zip(fps) {
            let k = IncidentKey {
                article: key.to_string(),
                fingerprint: fp,
            };
            let applied = correct::apply(&k, inc, &corrections);
            insert_incident(
                &tx,
                Some(article_id),
                &k,
                None,
                engine_version,
                inc,
                &applied,
            )?;
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Key → (hash, engine version) of every stored article: what an ingest run needs to skip
    /// unchanged articles without extracting them.
    pub fn known_articles(&self) -> Result<std::collections::HashMap<String, KnownArticle>> {
        let mut st = self
            .conn
            .prepare("SELECT key, content_hash, engine_version FROM articles")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                KnownArticle {
                    content_hash: r.get(1)?,
                    engine_version: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a correction, applies it to the incidents it touches, and returns its id.
    pub fn add_correction(&self, c: Correction) -> Result<i64> {
        let tx = self.conn.unchecked_transaction()?;
        let (article_key, fingerprint, name) = match &c {
            Correction::Assign { name, article, .. } => (article.clone(), None, Some(fold(name))),
            Correction::Add { article, .. } => (article.clone(), None, None),
            other => {
                let t = other.target().expect("per-incident correction");
                (Some(t.article.clone()), Some(t.fingerprint.clone()), None)
            }
        };
        tx.execute(
            "INSERT INTO corrections (created_at, kind, article_key, fingerprint, name, payload)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                Utc::now().to_rfc3339(),
                c.kind(),
                article_key,
                fingerprint,
                name,
                serde_json::to_string(&c)?
            ],
        )?;
        let id = tx.last_insert_rowid();
        if let Correction::Add { article, incident } = &c {
            let article_id: Option<i64> = match article {
                Some(k) => Some(
                    tx.query_row("SELECT id FROM articles WHERE key = ?1", [k], |r| r.get(0))
                        .optional()?
                        .with_context(|| format!("no article with key {k:?}"))?,
                ),
                None => None,
            };
            let k = IncidentKey {
                article: article.clone().unwrap_or_default(),
                fingerprint: format!("manual:{id}"),
            };
            let applied = correct::Applied {
                incident: incident.clone(),
                hidden: false,
                standalone: false,
                count: 0,
            };
            insert_incident(&tx, article_id, &k, Some(id), "manual", incident, &applied)?;
        } else {
            refresh_scope(&tx, &c)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Removes a correction (undo) and re-applies what remains.
    pub fn remove_correction(&self, id: i64) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let payload: String = tx
            .query_row("SELECT payload FROM corrections WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .with_context(|| format!("no correction {id}"))?;
        let c: Correction = serde_json::from_str(&payload)?;
        tx.execute("DELETE FROM corrections WHERE id = ?1", [id])?;
        if !matches!(c, Correction::Add { .. }) {
            refresh_scope(&tx, &c)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every correction, oldest first.
    pub fn corrections(&self) -> Result<Vec<StoredCorrection>> {
        let mut st = self
            .conn
            .prepare("SELECT id, created_at, payload FROM corrections ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, created_at, payload) = row?;
            out.push(StoredCorrection {
                id,
                created_at,
                correction: serde_json::from_str(&payload)?,
            });
        }
        Ok(out)
    }

    /// Per-incident corrections whose incident no longer exists (after a re-extraction that
    /// read it differently). They are kept, and apply again if the incident comes back.
    pub fn orphaned_corrections(&self) -> Result<Vec<StoredCorrection>> {
        let mut out = Vec::new();
        for c in self.corrections()? {
            if let Some(t) = c.correction.target() {
                let n: i64 = self.conn.query_row(
                    "SELECT count(*) FROM incidents WHERE article_key = ?1 AND fingerprint = ?2",
                    params![t.article, t.fingerprint],
                    |r| r.get(0),
                )?;
                if n == 0 {
                    out.push(c);
                }
            }
        }
        Ok(out)
    }

    /// The key of the incident with row id `id` (what corrections are made against).
    pub fn incident_key(&self, id: i64) -> Result<IncidentKey> {
        self.conn
            .query_row(
                "SELECT article_key, fingerprint FROM incidents WHERE id = ?1",
                [id],
                |r| {
                    Ok(IncidentKey {
                        article: r.get(0)?,
                        fingerprint: r.get(1)?,
                    })
                },
            )
            .optional()?
            .with_context(|| format!("no incident {id}"))
    }

    /// All articles, by id.
    pub fn articles(&self) -> Result<Vec<StoredArticle>> {
        let mut st = self.conn.prepare(
            "SELECT id, key, file, path, source, title, url, published, content_hash,
             ingested_at, engine_version, incident_count FROM articles ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoredArticle {
                id: r.get(0)?,
                key: r.get(1)?,
                file: r.get(2)?,
                path: r.get(3)?,
                source: r.get(4)?,
                title: r.get(5)?,
                url: r.get(6)?,
                published: query::date_col(r, 7)?,
                content_hash: r.get(8)?,
                ingested_at: r.get(9)?,
                engine_version: r.get(10)?,
                incident_count: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the article stored under `key`.
    pub fn article_id(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM articles WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// An article's text (for the app's evidence view).
    pub fn article_text(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT text FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .with_context(|| format!("no article {id}"))
    }

    /// Records the start of an ingest run; returns its id.
    pub fn begin_run(&self, paths: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO ingest_runs (started_at, paths) VALUES (?1, ?2)",
            params![Utc::now().to_rfc3339(), paths],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records a run's counts (and its end when `finished`).
    pub fn update_run(&self, id: i64, c: &RunCounts, finished: bool) -> Result<()> {
        let ended = finished.then(|| Utc::now().to_rfc3339());
        self.conn.execute(
            "UPDATE ingest_runs SET added=?2, updated=?3, unchanged=?4, failed=?5, incidents=?6,
             cancelled=?7, ended_at=coalesce(?8, ended_at) WHERE id=?1",
            params![
                id,
                c.added as i64,
                c.updated as i64,
                c.unchanged as i64,
                c.failed as i64,
                c.incidents as i64,
                c.cancelled,
                ended
            ],
        )?;
        Ok(())
    }

    /// `PRAGMA integrity_check` is "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }
}

/// The key an article is stored under when none is given: its URL, else its file name.
pub fn article_key(article: &Article, path: Option<&str>) -> String {
    match (&article.url, path) {
        (Some(u), _) if !u.trim().is_empty() => format!("url:{}", u.trim()),
        (_, Some(p)) => format!("path:{p}"),
        _ => format!("file:{}", article.file),
    }
}

/// The corrections that may touch an article's incidents: its own and every "everywhere"
/// assignment, oldest first.
fn corrections_for_article(tx: &Transaction, key: &str) -> Result<Vec<Correction>> {
    let mut st = tx.prepare_cached(
        "SELECT payload FROM corrections
         WHERE article_key = ?1 OR (article_key IS NULL AND kind = 'assign') ORDER BY id",
    )?;
    let rows = st.query_map([key], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for p in rows {
        out.push(serde_json::from_str(&p?)?);
    }
    Ok(out)
}

/// Writes one incident row: the corrected values in the columns, the original in `extracted`.
fn insert_incident(
    tx: &Transaction,
    article_id: Option<i64>,
    k: &IncidentKey,
    correction_id: Option<i64>,
    engine_version: &str,
    extracted: &Incident,
    a: &correct::Applied,
) -> Result<()> {
    let i = &a.incident;
    let p = i.place.as_ref();
    tx.prepare_cached(
        "INSERT INTO incidents (article_id, article_key, correction_id, fingerprint, event_type,
         sub_event_type, date, date_end, year, date_precision, date_assumed, place_name,
         place_matched, lat, lon, country, admin1, gazetteer_id, geo_precision, reason,
         unresolved_place, unresolved_key, killed, injured, evidence, span_start, span_end,
         engine_version, hidden, standalone, corrections, extracted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
         ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)",
    )?
    .execute(params![
        article_id,
        k.article,
        correction_id,
        k.fingerprint,
        i.event_type.as_str(),
        i.sub_event_type,
        i.date.map(|d| d.to_string()),
        i.date_end.map(|d| d.to_string()),
        i.date.map(|d| chrono::Datelike::year(&d)),
        i.date_precision.as_str(),
        i.date_assumed,
        p.map(|p| &p.name),
        p.map(|p| &p.matched),
        p.map(|p| p.lat),
        p.map(|p| p.lon),
        p.map(|p| &p.country),
        p.map(|p| &p.admin1),
        p.map(|p| &p.gazetteer_id),
        p.map(|p| p.geo_precision),
        p.map(|p| &p.reason),
        i.unresolved_place,
        i.unresolved_place.as_deref().map(fold),
        i.killed,
        i.injured,
        i.evidence,
        i.span[0] as i64,
        i.span[1] as i64,
        engine_version,
        a.hidden,
        a.standalone,
        a.count,
        serde_json::to_string(extracted)?
    ])?;
    Ok(())
}

/// Re-applies corrections to the incidents a correction touches.
fn refresh_scope(tx: &Transaction, c: &Correction) -> Result<()> {
    let (sql, args): (&str, Vec<String>) = match c {
        Correction::Assign {
            name,
            article: Some(a),
            ..
        } => (
            "article_key = ?1 AND unresolved_key = ?2",
            vec![a.clone(), fold(name)],
        ),
        Correction::Assign {
            name,
            article: None,
            ..
        } => ("unresolved_key = ?1", vec![fold(name)]),
        Correction::Add { .. } => return Ok(()),
        other => {
            let t = other.target().expect("per-incident correction");
            (
                "article_key = ?1 AND fingerprint = ?2",
                vec![t.article.clone(), t.fingerprint.clone()],
            )
        }
    };
    let rows: Vec<(i64, String, String, String)> = {
        let mut st = tx.prepare(&format!(
            "SELECT id, article_key, fingerprint, extracted FROM incidents WHERE {sql}"
        ))?;
        st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    for (id, article, fingerprint, extracted) in rows {
        let extracted: Incident = serde_json::from_str(&extracted)?;
        let k = IncidentKey {
            article,
            fingerprint,
        };
        let cs = corrections_for_article(tx, &k.article)?;
        let a = correct::apply(&k, &extracted, &cs);
        update_incident(tx, id, &a)?;
    }
    Ok(())
}

fn update_incident(tx: &Transaction, id: i64, a: &correct::Applied) -> Result<()> {
    let i = &a.incident;
    let p = i.place.as_ref();
    tx.prepare_cached(
        "UPDATE incidents SET event_type=?2, sub_event_type=?3, date=?4, date_end=?5, year=?6,
         date_precision=?7, date_assumed=?8, place_name=?9, place_matched=?10, lat=?11, lon=?12,
         country=?13, admin1=?14, gazetteer_id=?15, geo_precision=?16, reason=?17, hidden=?18,
         standalone=?19, corrections=?20 WHERE id=?1",
    )?
    .execute(params![
        id,
        i.event_type.as_str(),
        i.sub_event_type,
        i.date.map(|d| d.to_string()),
        i.date_end.map(|d| d.to_string()),
        i.date.map(|d| chrono::Datelike::year(&d)),
        i.date_precision.as_str(),
        i.date_assumed,
        p.map(|p| &p.name),
        p.map(|p| &p.matched),
        p.map(|p| p.lat),
        p.map(|p| p.lon),
        p.map(|p| &p.country),
        p.map(|p| &p.admin1),
        p.map(|p| &p.gazetteer_id),
        p.map(|p| p.geo_precision),
        p.map(|p| &p.reason),
        a.hidden,
        a.standalone,
        a.count
    ])?;
    Ok(())
}
