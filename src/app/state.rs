//! The app's state without any GUI: the incidents read from the store, the filter, what it
//! shows (list order, counts per year and type, timeline bins, status numbers) and the
//! selection. Every panel reads this; every filter change recomputes it at once, so that map,
//! list and timeline agree within a frame.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{EventType, Precision};
use crate::store::{Event, Filter, Store, StoredIncident};

/// What the user filters by (persisted between runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterState {
    /// Incidents whose date range ends on or after this day.
    pub from: Option<NaiveDate>,
    /// Incidents whose date range starts on or before this day.
    pub to: Option<NaiveDate>,
    /// Selected years (empty: every year).
    pub years: BTreeSet<i32>,
    /// Ticked event types (all six by default).
    pub types: BTreeSet<EventType>,
    /// Case-insensitive substring of the evidence, place names or article title.
    pub text: String,
}

impl Default for FilterState {
    fn default() -> FilterState {
        FilterState {
            from: None,
            to: None,
            years: BTreeSet::new(),
            types: EventType::ALL.into_iter().collect(),
            text: String::new(),
        }
    }
}

impl FilterState {
    /// The same filter as a store query ([`Store::incidents`] gives the same incidents as
    /// [`FilterState::matches`], except that no type ticked shows nothing here).
    pub fn to_store_filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            years: self.years.iter().copied().collect(),
            types: if self.types.len() == EventType::ALL.len() {
                Vec::new()
            } else {
                self.types.iter().copied().collect()
            },
            text: Some(self.text.trim().to_string()).filter(|t| !t.is_empty()),
            include_hidden: false,
        }
    }

    /// Whether `s` passes every part of the filter.
    pub fn matches(&self, s: &StoredIncident) -> bool {
        self.matches_except(s, false, false)
    }

    /// Whether `s` passes the filter, leaving out the years and/or types (the counts on the
    /// year buttons ignore the year filter, those on the type boxes the type filter).
    pub fn matches_except(&self, s: &StoredIncident, skip_years: bool, skip_types: bool) -> bool {
        let i = &s.incident;
        if s.hidden {
            return false;
        }
        if let Some(from) = self.from {
            match i.date_end.or(i.date) {
                Some(end) if end >= from => {}
                _ => return false,
            }
        }
        if let Some(to) = self.to {
            match i.date {
                Some(d) if d <= to => {}
                _ => return false,
            }
        }
        if !skip_years && !self.years.is_empty() {
            match i.date {
                Some(d) if self.years.contains(&d.year()) => {}
                _ => return false,
            }
        }
        if !skip_types && !self.types.contains(&i.event_type) {
            return false;
        }
        let needle = self.text.trim();
        if !needle.is_empty() {
            let needle = needle.to_lowercase();
            let has = |h: &str| h.to_lowercase().contains(&needle);
            let place = i
                .place
                .as_ref()
                .is_some_and(|p| has(&p.name) || has(&p.matched));
            if !(has(&i.evidence)
                || place
                || i.unresolved_place.as_deref().is_some_and(has)
                || s.title.as_deref().is_some_and(has))
            {
                return false;
            }
        }
        true
    }
}

/// A column of the incident list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    Date,
    Type,
    Place,
    Killed,
    Injured,
    Source,
}

/// The list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub key: SortKey,
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            key: SortKey::Date,
            ascending: true,
        }
    }
}

/// The width of a timeline bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinUnit {
    Day,
    Month,
    Year,
}

/// One bar of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bin {
    pub start: NaiveDate,
    /// Last day of the bin.
    pub end: NaiveDate,
    /// Incidents dated in the bin, filter ignored.
    pub total: u64,
    /// Incidents dated in the bin that pass the filter.
    pub shown: u64,
}

/// The numbers in the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Status {
    pub shown: usize,
    pub total: usize,
    pub articles: usize,
    pub unresolved: usize,
}

/// What is read from the store: the slow part of a (re)load, which can run on a thread.
pub struct Loaded {
    pub incidents: Vec<StoredIncident>,
    pub events: Vec<Event>,
    pub mercator: Vec<Option<[f64; 2]>>,
    pub articles: usize,
    pub unresolved: usize,
}

impl Loaded {
    /// Reads every incident that is not hidden, merges events, counts articles and
    /// unresolved names.
    pub fn fetch(store: &Store) -> Result<Loaded> {
        let incidents = store.incidents(&Filter::default())?;
        let events = crate::store::merge::merge(&incidents);
        let mercator = incidents
            .iter()
            .map(|s| {
                let p = s.incident.place.as_ref()?;
                Some(super::markers::mercator(p.lat, p.lon))
            })
            .collect();
        let articles: i64 =
            store
                .connection()
                .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(Loaded {
            incidents,
            events,
            mercator,
            articles: articles as usize,
            unresolved: store.unresolved()?.len(),
        })
    }
}

/// Everything the panels show.
#[derive(Default)]
pub struct AppState {
    /// Every incident that is not hidden, by date then id.
    pub incidents: Vec<StoredIncident>,
    /// Cross-article events over `incidents`.
    pub events: Vec<Event>,
    event_of: HashMap<i64, usize>,
    index_of: HashMap<i64, usize>,
    pub filter: FilterState,
    pub sort: Sort,
    /// Indices into `incidents` that pass the filter, in list order.
    pub visible: Vec<usize>,
    /// Per year (undated: `None`): incidents passing the filter except its years.
    pub year_counts: Vec<(Option<i32>, u64)>,
    /// Per type: incidents passing the filter except its types (all six, zeros included).
    pub type_counts: Vec<(EventType, u64)>,
    /// The selected incident's row id.
    pub selected: Option<i64>,
    pub articles: usize,
    pub unresolved: usize,
    /// Bumped on every recompute, so that caches in the panels know when to rebuild.
    pub generation: u64,
    /// Normalised Web Mercator position of each incident with a place (parallel to
    /// `incidents`), for the map.
    pub mercator: Vec<Option<[f64; 2]>>,
}

impl AppState {
    /// Reads every visible incident, the events, and the status numbers from the store.
    pub fn load(store: &Store) -> Result<AppState> {
        let mut s = AppState::default();
        s.reload(store)?;
        Ok(s)
    }

    /// Re-reads the store, keeping filter, sort and (if it still exists) the selection.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.install(Loaded::fetch(store)?);
        Ok(())
    }

    /// Puts freshly read data in place (see [`Loaded::fetch`], which may run on another
    /// thread), keeping filter, sort and (if it still exists) the selection.
    pub fn install(&mut self, data: Loaded) {
        self.incidents = data.incidents;
        self.events = data.events;
        self.mercator = data.mercator;
        self.event_of = self
            .events
            .iter()
            .enumerate()
            .flat_map(|(e, ev)| ev.incidents.iter().map(move |&id| (id, e)))
            .collect();
        self.index_of = self
            .incidents
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        self.articles = data.articles;
        self.unresolved = data.unresolved;
        if self
            .selected
            .is_some_and(|id| !self.index_of.contains_key(&id))
        {
            self.selected = None;
        }
        self.recompute();
    }

    /// Applies the filter and sort: `visible`, the counts. Call after changing either.
    pub fn recompute(&mut self) {
        if self.mercator.len() != self.incidents.len() {
            self.mercator = self
                .incidents
                .iter()
                .map(|s| {
                    let p = s.incident.place.as_ref()?;
                    Some(super::markers::mercator(p.lat, p.lon))
                })
                .collect();
        }
        let f = &self.filter;
        let mut years: BTreeMap<Option<i32>, u64> = BTreeMap::new();
        let mut types: BTreeMap<EventType, u64> = EventType::ALL.iter().map(|&t| (t, 0)).collect();
        let mut visible = Vec::new();
        for (i, s) in self.incidents.iter().enumerate() {
            if f.matches_except(s, true, false) {
                *years.entry(s.incident.date.map(|d| d.year())).or_default() += 1;
            }
            if f.matches_except(s, false, true) {
                *types.entry(s.incident.event_type).or_default() += 1;
            }
            if f.matches(s) {
                visible.push(i);
            }
        }
        // Selected years stay listed (with 0) so that they can be unticked.
        for &y in &f.years {
            years.entry(Some(y)).or_default();
        }
        let mut year_counts: Vec<(Option<i32>, u64)> = years.into_iter().collect();
        year_counts.sort_by_key(|(y, _)| (y.is_none(), *y));
        self.year_counts = year_counts;
        self.type_counts = types.into_iter().collect();
        sort_indices(&mut visible, &self.incidents, self.sort);
        self.visible = visible;
        self.generation += 1;
    }

    /// Sets the list order and re-sorts.
    pub fn set_sort(&mut self, key: SortKey) {
        if self.sort.key == key {
            self.sort.ascending = !self.sort.ascending;
        } else {
            self.sort = Sort {
                key,
                ascending: true,
            };
        }
        sort_indices(&mut self.visible, &self.incidents, self.sort);
        self.generation += 1;
    }

    /// Toggles one year button.
    pub fn toggle_year(&mut self, year: i32) {
        if !self.filter.years.remove(&year) {
            self.filter.years.insert(year);
        }
        self.recompute();
    }

    /// Ticks or unticks one type.
    pub fn set_type(&mut self, t: EventType, on: bool) {
        if on {
            self.filter.types.insert(t);
        } else {
            self.filter.types.remove(&t);
        }
        self.recompute();
    }

    /// The incident with row id `id`.
    pub fn incident(&self, id: i64) -> Option<&StoredIncident> {
        self.index_of.get(&id).map(|&i| &self.incidents[i])
    }

    /// The selected incident.
    pub fn selection(&self) -> Option<&StoredIncident> {
        self.selected.and_then(|id| self.incident(id))
    }

    /// The event an incident belongs to.
    pub fn event_of(&self, id: i64) -> Option<&Event> {
        self.event_of.get(&id).map(|&e| &self.events[e])
    }

    /// The filtered incidents, in list order.
    pub fn visible_incidents(&self) -> impl Iterator<Item = &StoredIncident> {
        self.visible.iter().map(|&i| &self.incidents[i])
    }

    /// The numbers in the status bar.
    pub fn status(&self) -> Status {
        Status {
            shown: self.visible.len(),
            total: self.incidents.len(),
            articles: self.articles,
            unresolved: self.unresolved,
        }
    }

    /// The dated span of all incidents (filter ignored).
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let mut dates = self.incidents.iter().filter_map(|s| {
            s.incident
                .date
                .map(|d| (d, s.incident.date_end.unwrap_or(d)))
        });
        let (a, b) = dates.next()?;
        Some(dates.fold((a, b.max(a)), |(lo, hi), (d, e)| {
            (lo.min(d), hi.max(e).max(d))
        }))
    }

    /// Timeline bins over the whole span, with the filtered counts.
    pub fn timeline(&self) -> Vec<Bin> {
        let Some((lo, hi)) = self.span() else {
            return Vec::new();
        };
        let unit = bin_unit(lo, hi);
        let mut shown = vec![false; self.incidents.len()];
        for &i in &self.visible {
            shown[i] = true;
        }
        let dated = self
            .incidents
            .iter()
            .zip(shown)
            .filter_map(|(s, on)| s.incident.date.map(|d| (d, on)));
        bins(lo, hi, unit, dated)
    }
}

fn sort_indices(v: &mut [usize], all: &[StoredIncident], sort: Sort) {
    let place = |s: &StoredIncident| -> String {
        match (&s.incident.place, &s.incident.unresolved_place) {
            (Some(p), _) => p.matched.clone(),
            (None, Some(u)) => u.clone(),
            _ => String::new(),
        }
    };
    let source = |s: &StoredIncident| -> String {
        s.source
            .clone()
            .or(s.title.clone())
            .unwrap_or_else(|| s.incident.article.clone())
    };
    match sort.key {
        SortKey::Date => v.sort_by_key(|&i| (all[i].incident.date.is_none(), all[i].incident.date)),
        SortKey::Type => v.sort_by_key(|&i| all[i].incident.event_type),
        SortKey::Place => v.sort_by_cached_key(|&i| place(&all[i]).to_lowercase()),
        SortKey::Killed => v.sort_by_key(|&i| all[i].incident.killed),
        SortKey::Injured => v.sort_by_key(|&i| all[i].incident.injured),
        SortKey::Source => v.sort_by_cached_key(|&i| source(&all[i]).to_lowercase()),
    }
    if !sort.ascending {
        v.reverse();
    }
}

/// Day bins up to 92 days, month bins up to six years, year bins beyond.
pub fn bin_unit(from: NaiveDate, to: NaiveDate) -> BinUnit {
    let days = (to - from).num_days();
    if days <= 92 {
        BinUnit::Day
    } else if days <= 6 * 366 {
        BinUnit::Month
    } else {
        BinUnit::Year
    }
}

/// The first day of the bin holding `d`.
pub fn bin_start(d: NaiveDate, unit: BinUnit) -> NaiveDate {
    match unit {
        BinUnit::Day => d,
        BinUnit::Month => d.with_day(1).unwrap_or(d),
        BinUnit::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    }
}

fn next_bin(d: NaiveDate, unit: BinUnit) -> NaiveDate {
    match unit {
        BinUnit::Day => d + Days::new(1),
        BinUnit::Month => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d + Days::new(31))
        }
        BinUnit::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d + Days::new(366)),
    }
}

/// Contiguous bins from `lo` to `hi` (empty ones included) counting `dates` (date, shown).
pub fn bins(
    lo: NaiveDate,
    hi: NaiveDate,
    unit: BinUnit,
    dates: impl Iterator<Item = (NaiveDate, bool)>,
) -> Vec<Bin> {
    let mut out = Vec::new();
    let mut at = bin_start(lo, unit);
    while at <= hi {
        let next = next_bin(at, unit);
        out.push(Bin {
            start: at,
            end: next.pred_opt().unwrap_or(at),
            total: 0,
            shown: 0,
        });
        at = next;
    }
    for (d, shown) in dates {
        let i = out.partition_point(|b| b.end < d);
        if let Some(b) = out.get_mut(i).filter(|b| b.start <= d) {
            b.total += 1;
            if shown {
                b.shown += 1;
            }
        }
    }
    out
}

/// A date with its precision, for people: "10 March 2008", "week of 10 March 2008",
/// "March 2008", "2008", "10 March 2008 – 12 March 2008"; "undated".
pub fn date_label(date: Option<NaiveDate>, end: Option<NaiveDate>, p: Precision) -> String {
    let Some(d) = date else {
        return "undated".into();
    };
    let day = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    match p {
        Precision::Day => match end.filter(|e| *e != d) {
            Some(e) => format!("{} – {}", day(d), day(e)),
            None => day(d),
        },
        Precision::Week => format!("week of {}", day(d)),
        Precision::Month => match end.filter(|e| (e.year(), e.month()) != (d.year(), d.month())) {
            Some(e) => format!("{} – {}", d.format("%B %Y"), e.format("%B %Y")),
            None => d.format("%B %Y").to_string(),
        },
        Precision::Year => match end.filter(|e| e.year() != d.year()) {
            Some(e) => format!("{}–{}", d.year(), e.year()),
            None => d.year().to_string(),
        },
    }
}

/// What the geocoder's precision code means.
pub fn geo_precision_label(p: u8) -> &'static str {
    match p {
        1 => "the place itself",
        2 => "near the place",
        _ => "only the region or country",
    }
}

/// Low / best / high of a casualty figure, as "3" when they agree or "2–5 (best 3)".
pub fn casualties_label(c: &crate::store::Casualties) -> String {
    match (c.low, c.best, c.high) {
        (Some(l), Some(b), Some(h)) if l == h => format!("{b}"),
        (Some(l), Some(b), Some(h)) => format!("{l}–{h} (best {b})"),
        _ => "not reported".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Incident, PlaceRef};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn inc(date: &str, t: EventType, place: &str, killed: Option<u32>, ev: &str) -> Incident {
        Incident {
            article: String::new(),
            event_type: t,
            sub_event_type: "armed_clash".into(),
            date: Some(d(date)),
            date_end: None,
            date_precision: Precision::Day,
            date_assumed: false,
            place: Some(PlaceRef {
                name: place.into(),
                matched: place.into(),
                lat: 42.6,
                lon: 21.1,
                country: "XK".into(),
                admin1: "Pristina".into(),
                gazetteer_id: format!("fp:{place}"),
                geo_precision: 1,
                reason: "its own name".into(),
            }),
            unresolved_place: None,
            killed,
            injured: None,
            evidence: ev.into(),
            span: [0, ev.len()],
        }
    }

    fn store() -> Store {
        let s = Store::open_in_memory().unwrap();
        let arts = [
            (
                "a.txt",
                "2004-03-18",
                vec![
                    inc(
                        "2004-03-17",
                        EventType::Riots,
                        "Caglavica",
                        Some(1),
                        "Crowds attacked Caglavica.",
                    ),
                    inc(
                        "2004-03-18",
                        EventType::Protests,
                        "Pristina",
                        None,
                        "Students marched in Pristina.",
                    ),
                ],
            ),
            (
                "b.txt",
                "1999-01-16",
                vec![inc(
                    "1999-01-15",
                    EventType::ViolenceAgainstCivilians,
                    "Racak",
                    Some(45),
                    "Forty-five bodies were found in Racak.",
                )],
            ),
            (
                "c.txt",
                "2008-02-17",
                vec![inc(
                    "2008-02-17",
                    EventType::StrategicDevelopments,
                    "Pristina",
                    None,
                    "The assembly declared independence in Pristina.",
                )],
            ),
        ];
        for (file, published, incs) in arts {
            let text: String = incs.iter().map(|i| i.evidence.clone() + " ").collect();
            let a = Article {
                file: file.into(),
                published: Some(d(published)),
                title: Some(format!("Title of {file}")),
                text,
                ..Article::default()
            };
            let incs: Vec<Incident> = incs
                .into_iter()
                .map(|mut i| {
                    i.article = file.into();
                    i
                })
                .collect();
            s.ingest_article(&a, &incs).unwrap();
        }
        s
    }

    #[test]
    fn loads_counts_and_filters_by_year_and_type() {
        let s = store();
        let mut st = AppState::load(&s).unwrap();
        assert_eq!(
            st.status(),
            Status {
                shown: 4,
                total: 4,
                articles: 3,
                unresolved: 0
            }
        );
        assert_eq!(
            st.year_counts,
            vec![(Some(1999), 1), (Some(2004), 2), (Some(2008), 1)]
        );
        st.toggle_year(2004);
        assert_eq!(st.visible.len(), 2);
        // Year counts ignore the year filter; type counts follow it.
        assert_eq!(
            st.year_counts,
            vec![(Some(1999), 1), (Some(2004), 2), (Some(2008), 1)]
        );
        let n = |t| st.type_counts.iter().find(|(x, _)| *x == t).unwrap().1;
        assert_eq!(n(EventType::Riots), 1);
        assert_eq!(n(EventType::Battles), 0);
        st.set_type(EventType::Protests, false);
        assert_eq!(st.visible.len(), 1);
        assert_eq!(
            st.visible_incidents().next().unwrap().incident.event_type,
            EventType::Riots
        );
        // Type counts ignore the type filter: protests still shows 1.
        let n = |t| st.type_counts.iter().find(|(x, _)| *x == t).unwrap().1;
        assert_eq!(n(EventType::Protests), 1);
        assert_eq!(st.year_counts[1], (Some(2004), 1));
        st.set_type(EventType::Protests, true);
        st.toggle_year(2004);
        assert_eq!(st.visible.len(), 4);
    }

    #[test]
    fn memory_filter_agrees_with_the_store() {
        let s = store();
        let mut st = AppState::load(&s).unwrap();
        let filters = [
            FilterState::default(),
            FilterState {
                text: "pristina".into(),
                ..FilterState::default()
            },
            FilterState {
                text: "TITLE OF B".into(),
                ..FilterState::default()
            },
            FilterState {
                from: Some(d("2004-03-18")),
                ..FilterState::default()
            },
            FilterState {
                to: Some(d("2004-03-17")),
                ..FilterState::default()
            },
            FilterState {
                years: [1999, 2008].into(),
                types: [EventType::StrategicDevelopments].into(),
                ..FilterState::default()
            },
        ];
        for f in filters {
            st.filter = f.clone();
            st.recompute();
            let mut mine: Vec<i64> = st.visible_incidents().map(|s| s.id).collect();
            mine.sort();
            let mut theirs: Vec<i64> = s
                .incidents(&f.to_store_filter())
                .unwrap()
                .iter()
                .map(|s| s.id)
                .collect();
            theirs.sort();
            assert_eq!(mine, theirs, "{f:?}");
            // The store lists only years with incidents; the app keeps selected years at 0.
            let years = s.counts_by_year(&f.to_store_filter()).unwrap();
            let mine: Vec<_> = st.year_counts.iter().copied().filter(|y| y.1 > 0).collect();
            assert_eq!(mine, years, "{f:?}");
            let types = s.counts_by_type(&f.to_store_filter()).unwrap();
            let mine: Vec<_> = st.type_counts.iter().copied().filter(|t| t.1 > 0).collect();
            if f.types.len() == EventType::ALL.len() {
                assert_eq!(mine, types, "{f:?}");
            }
        }
    }

    #[test]
    fn text_search_and_no_types() {
        let s = store();
        let mut st = AppState::load(&s).unwrap();
        st.filter.text = "  racak ".into();
        st.recompute();
        assert_eq!(st.visible.len(), 1);
        st.filter.text.clear();
        st.filter.types.clear();
        st.recompute();
        assert!(st.visible.is_empty());
        assert_eq!(st.status().total, 4);
    }

    #[test]
    fn sorting_and_selection() {
        let s = store();
        let mut st = AppState::load(&s).unwrap();
        let dates = |st: &AppState| -> Vec<String> {
            st.visible_incidents()
                .map(|s| s.incident.date.unwrap().to_string())
                .collect()
        };
        assert_eq!(
            dates(&st),
            ["1999-01-15", "2004-03-17", "2004-03-18", "2008-02-17"]
        );
        st.set_sort(SortKey::Date);
        assert_eq!(dates(&st)[0], "2008-02-17");
        st.set_sort(SortKey::Killed);
        assert_eq!(
            st.visible_incidents().last().unwrap().incident.killed,
            Some(45)
        );
        st.set_sort(SortKey::Place);
        let first = st.visible_incidents().next().unwrap();
        assert_eq!(first.incident.place.as_ref().unwrap().matched, "Caglavica");
        let id = first.id;
        st.selected = Some(id);
        st.reload(&s).unwrap();
        assert_eq!(st.selection().unwrap().id, id);
        assert_eq!(st.event_of(id).unwrap().incidents, vec![id]);
        assert_eq!(st.sort.key, SortKey::Place);
    }

    #[test]
    fn timeline_bins_follow_the_span_and_the_filter() {
        assert_eq!(bin_unit(d("2004-03-01"), d("2004-04-30")), BinUnit::Day);
        assert_eq!(bin_unit(d("2004-01-01"), d("2008-12-31")), BinUnit::Month);
        assert_eq!(bin_unit(d("1998-01-01"), d("2012-12-31")), BinUnit::Year);
        let s = store();
        let mut st = AppState::load(&s).unwrap();
        let t = st.timeline();
        assert_eq!(t.len(), 10); // 1999..=2008
        assert_eq!(t[0].start, d("1999-01-01"));
        assert_eq!(t[5].total, 2);
        assert_eq!(t[5].shown, 2);
        assert_eq!(t.iter().map(|b| b.total).sum::<u64>(), 4);
        st.toggle_year(1999);
        let t = st.timeline();
        assert_eq!((t[0].shown, t[5].shown, t[5].total), (1, 0, 2));
        let m = bins(
            d("2004-01-15"),
            d("2004-03-02"),
            BinUnit::Month,
            [(d("2004-02-29"), true), (d("2004-03-02"), false)].into_iter(),
        );
        assert_eq!(m.len(), 3);
        assert_eq!((m[1].end, m[1].shown, m[2].total), (d("2004-02-29"), 1, 1));
    }

    #[test]
    fn labels() {
        let w = date_label(Some(d("2008-03-10")), None, Precision::Week);
        assert_eq!(w, "week of 10 March 2008");
        assert_eq!(
            date_label(Some(d("2008-03-10")), None, Precision::Month),
            "March 2008"
        );
        assert_eq!(
            date_label(Some(d("2008-03-10")), Some(d("2008-03-12")), Precision::Day),
            "10 March 2008 – 12 March 2008"
        );
        assert_eq!(date_label(None, None, Precision::Day), "undated");
        let c = crate::store::Casualties::of(vec![2, 3, 5]);
        assert_eq!(casualties_label(&c), "2–5 (best 3)");
        assert_eq!(
            casualties_label(&crate::store::Casualties::of(vec![4])),
            "4"
        );
    }
}
