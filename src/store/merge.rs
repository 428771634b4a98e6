//! Events: incidents from different articles that report the same thing, merged.
//!
//! **Rule.** Two incidents join one event when all of these hold:
//! - they come from different articles (an event never holds two incidents of one article),
//!   and neither was split off by the user ([`crate::store::Correction::Split`]);
//! - both have a place and their points are at most [`MAX_KM`] apart (the same gazetteer
//!   place always is);
//! - both are dated and their date ranges intersect. A range is `date..=date_end` widened by
//!   its precision: `week` by 7 days on both sides (an assumed publication date, or "last
//!   week"), `month` to the calendar month(s), `year` to the calendar year(s);
//! - their types are compatible: the same type, or both in {riots, protests}, or both in
//!   {battles, violence against civilians, explosions/remote violence}; strategic
//!   developments only merge with their own kind.
//!
//! Merging is transitive (single linkage) over incidents taken in (start date, id) order,
//! which makes it deterministic. An event keeps every source and its evidence; casualties
//! are reported UCDP-style as low (the smallest figure any report gives), high (the largest)
//! and best (the median of the reports' figures, the lower middle one for an even count).

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::StoredIncident;
use super::key::fnv1a64;
use crate::geocode::distance_km;
use crate::model::{EventType, PlaceRef, Precision};

/// Places at most this far apart can be one event.
pub const MAX_KM: f64 = 5.0;

/// Casualty figures across reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Casualties {
    pub low: Option<u32>,
    pub best: Option<u32>,
    pub high: Option<u32>,
}

impl Casualties {
    /// Low / best / high of the given figures (reports without a figure are left out).
    pub fn of(mut figures: Vec<u32>) -> Casualties {
        if figures.is_empty() {
            return Casualties::default();
        }
        figures.sort_unstable();
        Casualties {
            low: figures.first().copied(),
            best: Some(figures[(figures.len() - 1) / 2]),
            high: figures.last().copied(),
        }
    }
}

/// One report of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSource {
    pub incident_id: i64,
    pub article_id: Option<i64>,
    pub file: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub evidence: String,
}

/// An event: one or more incidents merged across articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Stable id: country code (or `XX`) and a hash of its first incident's key.
    pub id: String,
    /// The most reported type (ties: ACLED order).
    pub event_type: EventType,
    /// Every type its reports give.
    pub types: Vec<EventType>,
    pub sub_event_types: Vec<String>,
    pub date: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    /// The finest precision among its reports.
    pub precision: Precision,
    /// The most precisely geocoded report's place.
    pub place: Option<PlaceRef>,
    pub killed: Casualties,
    pub injured: Casualties,
    pub sources: Vec<EventSource>,
    /// Incident row ids.
    pub incidents: Vec<i64>,
}

/// The date range an incident may cover (see the module rule).
pub fn date_range(i: &crate::model::Incident) -> Option<(NaiveDate, NaiveDate)> {
    let start = i.date?;
    let end = i.date_end.unwrap_or(start).max(start);
    Some(match i.date_precision {
        Precision::Day => (start, end),
        Precision::Week => (start - Days::new(7), end + Days::new(7)),
        Precision::Month => (month_start(start), month_end(end)),
        Precision::Year => (
            NaiveDate::from_ymd_opt(start.year(), 1, 1).unwrap_or(start),
            NaiveDate::from_ymd_opt(end.year(), 12, 31).unwrap_or(end),
        ),
    })
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    let first_next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    first_next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// Whether two types may describe the same event.
pub fn compatible(a: EventType, b: EventType) -> bool {
    use EventType::*;
    let group = |t| match t {
        Protests | Riots => 1,
        Battles | ViolenceAgainstCivilians | ExplosionsRemoteViolence => 2,
        StrategicDevelopments => 3,
    };
    group(a) == group(b)
}

struct Sets {
    parent: Vec<usize>,
    articles: Vec<BTreeSet<String>>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b` unless they share an article.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || !self.articles[ra].is_disjoint(&self.articles[rb]) {
            return;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let moved = std::mem::take(&mut self.articles[gone]);
        self.articles[keep].extend(moved);
        self.parent[gone] = keep;
    }
}

const CELL_DEG: f64 = 0.05;

/// Merges incidents into events (deterministic; see the module rule). Events come sorted by
/// date (undated last), then id.
pub fn merge(incidents: &[StoredIncident]) -> Vec<Event> {
    let n = incidents.len();
    let ranges: Vec<Option<(NaiveDate, NaiveDate)>> =
        incidents.iter().map(|s| date_range(&s.incident)).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (ranges[i].map(|r| r.0), incidents[i].id));
    let mut pos = vec![0usize; n];
    for (p, &i) in order.iter().enumerate() {
        pos[i] = p;
    }
    let mut sets = Sets {
        parent: (0..n).collect(),
        articles: incidents
            .iter()
            .map(|s| BTreeSet::from([s.key.article.clone()]))
            .collect(),
    };
    // Mergeable incidents in grid cells, each cell in global order.
    let cell = |p: &PlaceRef| {
        (
            (p.lat / CELL_DEG).floor() as i64,
            (p.lon / CELL_DEG).floor() as i64,
        )
    };
    let mergeable = |i: usize| {
        let s = &incidents[i];
        !s.standalone && s.incident.place.is_some() && ranges[i].is_some()
    };
    let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for &i in &order {
        if mergeable(i) {
            let p = incidents[i].incident.place.as_ref().expect("mergeable");
            cells.entry(cell(p)).or_default().push(i);
        }
    }
    for &i in &order {
        if !mergeable(i) {
            continue;
        }
        let a = &incidents[i];
        let pa = a.incident.place.as_ref().expect("mergeable");
        let (start_a, end_a) = ranges[i].expect("mergeable");
        let (cy, cx) = cell(pa);
        let km_per_cell_lon = 111.32 * CELL_DEG * pa.lat.to_radians().cos().max(0.01);
        let dx = ((MAX_KM / km_per_cell_lon).ceil() as i64).clamp(1, 50);
        for y in cy - 1..=cy + 1 {
            for x in cx - dx..=cx + dx {
                let Some(list) = cells.get(&(y, x)) else {
                    continue;
                };
                let first = list.partition_point(|&j| pos[j] <= pos[i]);
                for &j in &list[first..] {
                    let (start_b, end_b) = ranges[j].expect("mergeable");
                    if start_b > end_a {
                        break;
                    }
                    let b = &incidents[j];
                    let pb = b.incident.place.as_ref().expect("mergeable");
                    if a.key.article != b.key.article
                        && start_a <= end_b
                        && compatible(a.incident.event_type, b.incident.event_type)
                        && (pa.gazetteer_id == pb.gazetteer_id && !pa.gazetteer_id.is_empty()
                            || distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= MAX_KM)
                    {
                        sets.union(i, j);
                    }
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in &order {
        let r = sets.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut events: Vec<Event> = groups
        .into_values()
        .map(|members| build(incidents, &members))
        .collect();
    events
        .sort_by(|a, b| (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id)));
    events
}

/// One event from its members (in global order).
fn build(all: &[StoredIncident], members: &[usize]) -> Event {
    let ms: Vec<&StoredIncident> = members.iter().map(|&i| &all[i]).collect();
    let mut type_counts: Vec<(EventType, usize)> = Vec::new();
    for m in &ms {
        let t = m.incident.event_type;
        match type_counts.iter_mut().find(|(x, _)| *x == t) {
            Some((_, c)) => *c += 1,
            None => type_counts.push((t, 1)),
        }
    }
    type_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut types: Vec<EventType> = type_counts.iter().map(|t| t.0).collect();
    let event_type = types[0];
    types.sort();
    let sub_event_types: Vec<String> = ms
        .iter()
        .map(|m| m.incident.sub_event_type.clone())
        .filter(|s| !s.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let dated: Vec<&&StoredIncident> = ms.iter().filter(|m| m.incident.date.is_some()).collect();
    let precision = dated
        .iter()
        .map(|m| m.incident.date_precision)
        .min()
        .unwrap_or(Precision::Year);
    let finest: Vec<&&&StoredIncident> = dated
        .iter()
        .filter(|m| m.incident.date_precision == precision)
        .collect();
    let date = finest.iter().filter_map(|m| m.incident.date).min();
    let end = finest
        .iter()
        .filter_map(|m| m.incident.date_end.or(m.incident.date))
        .max();
    let date_end = end.filter(|e| Some(*e) != date);
    let place = ms
        .iter()
        .filter_map(|m| m.incident.place.as_ref())
        .min_by_key(|p| p.geo_precision)
        .cloned();
    // One figure per article: its largest.
    let per_article = |f: fn(&crate::model::Incident) -> Option<u32>| {
        let mut by: HashMap<&str, u32> = HashMap::new();
        for m in &ms {
            if let Some(v) = f(&m.incident) {
                let e = by.entry(m.key.article.as_str()).or_insert(v);
                *e = (*e).max(v);
            }
        }
        Casualties::of(by.into_values().collect())
    };
    let killed = per_article(|i| i.killed);
    let injured = per_article(|i| i.injured);
    let first_key = ms
        .iter()
        .map(|m| format!("{}#{}", m.key.article, m.key.fingerprint))
        .min()
        .unwrap_or_default();
    let cc = place
        .as_ref()
        .map(|p| p.country.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "XX".into());
    let id = format!(
        "{cc}{:010x}",
        fnv1a64(first_key.as_bytes()) & 0xff_ffff_ffff
    );
    Event {
        id,
        event_type,
        types,
        sub_event_types,
        date,
        date_end,
        precision,
        place,
        killed,
        injured,
        sources: ms
            .iter()
            .map(|m| EventSource {
                incident_id: m.id,
                article_id: m.article_id,
                file: m.incident.article.clone(),
                title: m.title.clone(),
                source: m.source.clone(),
                url: m.url.clone(),
                published: m.published,
                evidence: m.incident.evidence.clone(),
            })
            .collect(),
        incidents: ms.iter().map(|m| m.id).collect(),
    }
}
