//! Reading incidents back: [`Filter`], [`StoredIncident`], counts for the app's filter buttons,
//! and the unresolved place names awaiting review. All filtering is indexed SQL over the
//! corrected columns.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Row, params_from_iter};
use serde::Serialize;

use super::{IncidentKey, Store};
use crate::model::{EventType, Incident, PlaceRef, Precision};
use anyhow::Result;

/// Which incidents to read. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Incidents whose date range ends on or after this day.
    pub from: Option<NaiveDate>,
    /// Incidents whose date range starts on or before this day.
    pub to: Option<NaiveDate>,
    /// Incidents dated in one of these years.
    pub years: Vec<i32>,
    /// Incidents of one of these types.
    pub types: Vec<EventType>,
    /// Case-insensitive substring of the evidence, place names or article title.
    pub text: Option<String>,
    /// Include hidden incidents.
    pub include_hidden: bool,
}

/// An incident as stored: corrections applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredIncident {
    pub id: i64,
    pub key: IncidentKey,
    /// `None` for a manual incident attached to no article.
    pub article_id: Option<i64>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// The corrected incident (`incident.article` is the article's file name).
    pub incident: Incident,
    pub hidden: bool,
    /// Kept out of cross-article events (a split correction).
    pub standalone: bool,
    /// Added by hand (an `add` correction).
    pub manual: bool,
    /// How many corrections changed it.
    pub corrections: u32,
    pub engine_version: String,
}

/// One unresolved place name with every mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unresolved {
    /// The name as first written.
    pub name: String,
    pub mentions: Vec<UnresolvedMention>,
}

/// Where an unresolved name was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnresolvedMention {
    pub incident_id: i64,
    pub article_id: Option<i64>,
    pub file: String,
    pub evidence: String,
}

const SELECT: &str = "SELECT i.id, i.article_key, i.fingerprint, i.article_id, a.title, a.source,
    a.url, a.published, coalesce(a.file, ''), i.event_type, i.sub_event_type, i.date, i.date_end,
    i.date_precision, i.date_assumed, i.place_name, i.place_matched, i.lat, i.lon, i.country,
    i.admin1, i.gazetteer_id, i.geo_precision, i.reason, i.unresolved_place, i.killed, i.injured,
    i.evidence, i.span_start, i.span_end, i.hidden, i.standalone, i.correction_id IS NOT NULL,
    i.corrections, i.engine_version
    FROM incidents i LEFT JOIN articles a ON a.id = i.article_id";

/// Which filter fields to leave out (the counts ignore their own dimension).
#[derive(Clone, Copy, Default)]
struct Skip {
    years: bool,
    types: bool,
}

fn where_clause(f: &Filter, skip: Skip) -> (String, Vec<Value>) {
    let mut w: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if !f.include_hidden {
        w.push("i.hidden = 0".into());
    }
    if let Some(from) = f.from {
        args.push(Value::Text(from.to_string()));
        w.push(format!("coalesce(i.date_end, i.date) >= ?{}", args.len()));
    }
    if let Some(to) = f.to {
        args.push(Value::Text(to.to_string()));
        w.push(format!("i.date <= ?{}", args.len()));
    }
    if !skip.years && !f.years.is_empty() {
        let list: Vec<String> = f.years.iter().map(|y| y.to_string()).collect();
        w.push(format!("i.year IN ({})", list.join(",")));
    }
    if !skip.types && !f.types.is_empty() {
        let list: Vec<String> = f
            .types
            .iter()
            .map(|t| format!("'{}'", t.as_str()))
            .collect();
        w.push(format!("i.event_type IN ({})", list.join(",")));
    }
    if let Some(t) = f.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let pat = format!(
            "%{}%",
            t.trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        args.push(Value::Text(pat));
        let n = args.len();
        w.push(format!(
            "(i.evidence LIKE ?{n} ESCAPE '\\' OR i.place_name LIKE ?{n} ESCAPE '\\'
              OR i.place_matched LIKE ?{n} ESCAPE '\\' OR i.unresolved_place LIKE ?{n} ESCAPE '\\'
              OR a.title LIKE ?{n} ESCAPE '\\')"
        ));
    }
    let sql = if w.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", w.join(" AND "))
    };
    (sql, args)
}

/// Reads an optional ISO date column.
pub(crate) fn date_col(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    Ok(s.and_then(|s| s.parse().ok()))
}

fn precision(s: &str) -> Precision {
    match s {
        "day" => Precision::Day,
        "week" => Precision::Week,
        "month" => Precision::Month,
        _ => Precision::Year,
    }
}

fn read_row(r: &Row) -> rusqlite::Result<StoredIncident> {
    let place = match (r.get::<_, Option<f64>>(17)?, r.get::<_, Option<f64>>(18)?) {
        (Some(lat), Some(lon)) => Some(PlaceRef {
            name: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
            matched: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
            lat,
            lon,
            country: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
            admin1: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            gazetteer_id: r.get::<_, Option<String>>(21)?.unwrap_or_default(),
            geo_precision: r.get::<_, Option<u8>>(22)?.unwrap_or(3),
            reason: r.get::<_, Option<String>>(23)?.unwrap_or_default(),
        }),
        _ => None,
    };
    let event_type: String = r.get(9)?;
    Ok(StoredIncident {
        id: r.get(0)?,
        key: IncidentKey {
            article: r.get(1)?,
            fingerprint: r.get(2)?,
        },
        article_id: r.get(3)?,
        title: r.get(4)?,
        source: r.get(5)?,
        url: r.get(6)?,
        published: date_col(r, 7)?,
        incident: Incident {
            article: r.get(8)?,
            event_type: EventType::parse(&event_type).unwrap_or(EventType::StrategicDevelopments),
            sub_event_type: r.get(10)?,
            date: date_col(r, 11)?,
            date_end: date_col(r, 12)?,
            date_precision: precision(&r.get::<_, String>(13)?),
            date_assumed: r.get(14)?,
            place,
            unresolved_place: r.get(24)?,
            killed: r.get(25)?,
            injured: r.get(26)?,
            evidence: r.get(27)?,
            span: [r.get::<_, i64>(28)? as usize, r.get::<_, i64>(29)? as usize],
        },
        hidden: r.get(30)?,
        standalone: r.get(31)?,
        manual: r.get(32)?,
        corrections: r.get(33)?,
        engine_version: r.get(34)?,
    })
}

impl Store {
    /// The incidents matching `f`, corrections applied, by date then id.
    pub fn incidents(&self, f: &Filter) -> Result<Vec<StoredIncident>> {
        let (w, args) = where_clause(f, Skip::default());
        let sql = format!("{SELECT}{w} ORDER BY i.date IS NULL, i.date, i.id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args), read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One incident by row id (hidden or not).
    pub fn incident(&self, id: i64) -> Result<Option<StoredIncident>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE i.id = ?1"))?;
        let mut rows = st.query_map([id], read_row)?;
        Ok(rows.next().transpose()?)
    }

    /// The merged cross-article events of the incidents matching `f` (see [`super::merge`]).
    pub fn events(&self, f: &Filter) -> Result<Vec<super::Event>> {
        Ok(super::merge::merge(&self.incidents(f)?))
    }

    /// Incidents per year (undated ones under `None`), for the year buttons: `f` applies
    /// except its `years`.
    pub fn counts_by_year(&self, f: &Filter) -> Result<Vec<(Option<i32>, u64)>> {
        let (w, args) = where_clause(
            f,
            Skip {
                years: true,
                types: false,
            },
        );
        let sql = format!(
            "SELECT i.year, count(*) FROM incidents i LEFT JOIN articles a ON a.id = i.article_id
             {w} GROUP BY i.year ORDER BY i.year"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Incidents per event type, for the type buttons: `f` applies except its `types`.
    pub fn counts_by_type(&self, f: &Filter) -> Result<Vec<(EventType, u64)>> {
        let (w, args) = where_clause(
            f,
            Skip {
                years: false,
                types: true,
            },
        );
        let sql = format!(
            "SELECT i.event_type, count(*) FROM incidents i
             LEFT JOIN articles a ON a.id = i.article_id {w} GROUP BY i.event_type"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        let mut out: Vec<(EventType, u64)> = Vec::new();
        for row in rows {
            let (t, n) = row?;
            if let Some(t) = EventType::parse(&t) {
                out.push((t, n));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Place names the gazetteer did not have and no correction has placed yet, with every
    /// mention, by folded name.
    pub fn unresolved(&self) -> Result<Vec<Unresolved>> {
        let mut st = self.conn.prepare(
            "SELECT i.unresolved_key, i.unresolved_place, i.id, i.article_id,
             coalesce(a.file, ''), i.evidence
             FROM incidents i LEFT JOIN articles a ON a.id = i.article_id
             WHERE i.unresolved_key IS NOT NULL AND i.lat IS NULL AND i.hidden = 0
             ORDER BY i.unresolved_key, i.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                UnresolvedMention {
                    incident_id: r.get(2)?,
                    article_id: r.get(3)?,
                    file: r.get(4)?,
                    evidence: r.get(5)?,
                },
            ))
        })?;
        let mut out: Vec<(String, Unresolved)> = Vec::new();
        for row in rows {
            let (key, name, m) = row?;
            match out.last_mut() {
                Some((k, u)) if *k == key => u.mentions.push(m),
                _ => out.push((
                    key,
                    Unresolved {
                        name,
                        mentions: vec![m],
                    },
                )),
            }
        }
        Ok(out.into_iter().map(|(_, u)| u).collect())
    }
}
