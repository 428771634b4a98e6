//! The database schema and its migrations, versioned by `PRAGMA user_version`.
//!
//! Each entry of [`MIGRATIONS`] moves the schema from version `i` to `i + 1`; a database
//! newer than this program is refused rather than guessed at. `docs/store.md` describes the
//! tables.

use anyhow::{Result, bail};
use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order: `MIGRATIONS[i]` takes `user_version` from `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    file           TEXT NOT NULL,
    path           TEXT,
    source         TEXT,
    title          TEXT,
    url            TEXT,
    published      TEXT,
    content_hash   TEXT NOT NULL,
    text           TEXT NOT NULL,
    ingested_at    TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    incident_count INTEGER NOT NULL
);
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    article_key TEXT,
    fingerprint TEXT,
    name        TEXT,
    payload     TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections(article_key, fingerprint);
CREATE INDEX corrections_name ON corrections(name) WHERE name IS NOT NULL;
CREATE TABLE incidents (
    id               INTEGER PRIMARY KEY,
    article_id       INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    article_key      TEXT NOT NULL,
    correction_id    INTEGER REFERENCES corrections(id) ON DELETE CASCADE,
    fingerprint      TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    sub_event_type   TEXT NOT NULL,
    date             TEXT,
    date_end         TEXT,
    year             INTEGER,
    date_precision   TEXT NOT NULL,
    date_assumed     INTEGER NOT NULL,
    place_name       TEXT,
    place_matched    TEXT,
    lat              REAL,
    lon              REAL,
    country          TEXT,
    admin1           TEXT,
    gazetteer_id     TEXT,
    geo_precision    INTEGER,
    reason           TEXT,
    unresolved_place TEXT,
    unresolved_key   TEXT,
    killed           INTEGER,
    injured          INTEGER,
    evidence         TEXT NOT NULL,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    engine_version   TEXT NOT NULL,
    hidden           INTEGER NOT NULL DEFAULT 0,
    standalone       INTEGER NOT NULL DEFAULT 0,
    corrections      INTEGER NOT NULL DEFAULT 0,
    extracted        TEXT NOT NULL
);
CREATE INDEX incidents_article ON incidents(article_id);
CREATE INDEX incidents_target ON incidents(article_key, fingerprint);
CREATE INDEX incidents_date ON incidents(hidden, date);
CREATE INDEX incidents_year ON incidents(hidden, year, event_type);
CREATE INDEX incidents_type ON incidents(hidden, event_type);
CREATE INDEX incidents_unresolved ON incidents(unresolved_key) WHERE unresolved_key IS NOT NULL;
CREATE INDEX incidents_correction ON incidents(correction_id) WHERE correction_id IS NOT NULL;
CREATE TABLE ingest_runs (
    id         INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    paths      TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    failed     INTEGER NOT NULL DEFAULT 0,
    incidents  INTEGER NOT NULL DEFAULT 0,
    cancelled  INTEGER NOT NULL DEFAULT 0
);
"#];

/// The schema version this program writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the database up to [`current_version`], one transaction per step. Each step takes
/// the write lock first and re-reads the version, so two processes opening a new database at
/// once (an ingest and the app) do not both migrate it.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > current_version() {
            bail!(
                "the database has schema version {version}, newer than this program's {}",
                current_version()
            );
        }
        if version == current_version() {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}
