//! The local gazetteer: `gazetteer.csv` (GeoNames cities500, countries, first-level regions and
//! curated Kosovo rows) plus an optional user gazetteer, indexed by folded name.

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, OnceLock};

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::fold::fold_variants;

pub mod geonames;

/// The column header of `gazetteer.csv` and of the user gazetteer.
pub const HEADER: [&str; 12] = [
    "id",
    "name",
    "ascii_name",
    "alt_names",
    "lat",
    "lon",
    "kind",
    "feature_code",
    "country",
    "admin1",
    "population",
    "source",
];

/// What sort of place a gazetteer row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Country,
    Region,
    City,
    Town,
    Village,
    Site,
}

impl Kind {
    /// Parses the `kind` column.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "city" => Kind::City,
            "town" => Kind::Town,
            "village" => Kind::Village,
            "site" => Kind::Site,
            _ => return None,
        })
    }

    /// The `kind` column's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Town => "town",
            Kind::Village => "village",
            Kind::Site => "site",
        }
    }

    /// True for populated places and sites (not countries or regions).
    pub fn is_local(self) -> bool {
        !matches!(self, Kind::Country | Kind::Region)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One gazetteer row.
#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub ascii_name: String,
    /// `|`-separated alternate names.
    pub alt_names: String,
    pub lat: f64,
    pub lon: f64,
    pub kind: Kind,
    pub feature_code: String,
    /// ISO 3166 alpha-2 country code (XK for Kosovo).
    pub country: String,
    pub admin1: Arc<str>,
    pub population: u64,
    /// Where the row and its coordinates come from.
    pub source: Arc<str>,
}

impl Place {
    /// The row in the `gazetteer.csv` column order.
    pub fn to_record(&self) -> [String; 12] {
        [
            self.id.clone(),
            self.name.clone(),
            self.ascii_name.clone(),
            self.alt_names.clone(),
            format!("{:.5}", self.lat),
            format!("{:.5}", self.lon),
            self.kind.to_string(),
            self.feature_code.clone(),
            self.country.clone(),
            self.admin1.to_string(),
            self.population.to_string(),
            self.source.to_string(),
        ]
    }

    /// Alternate names, one by one.
    pub fn alt_names(&self) -> impl Iterator<Item = &str> {
        self.alt_names.split('|').filter(|s| !s.is_empty())
    }
}

/// A name-index hit: which place, and whether the name is its primary (or ASCII) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub place: u32,
    pub primary: bool,
}

/// A row that could not be read, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// The loaded gazetteer with its folded-name index.
#[derive(Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded-name hash → hits; [`Gazetteer::lookup`] checks the names, so a hash
    /// collision can never match a wrong place.
    index: HashMap<u64, SmallVec<[Hit; 1]>>,
    /// Id → place, built on first use (loading the world file does not need it).
    by_id: OnceLock<HashMap<String, u32>>,
    max_words: usize,
}

/// Parsed rows with the folded keys they are indexed under (computed off the indexing thread),
/// sent in batches so that no per-row allocation crosses threads.
#[derive(Default)]
struct Batch {
    places: Vec<Place>,
    /// The keys of all places in order; `counts[i]` of them belong to `places[i]`.
    keys: Vec<Key>,
    counts: Vec<u8>,
}

/// A folded name's hash, its word count and whether it is the place's primary name.
#[derive(Clone, Copy)]
struct Key {
    hash: u64,
    words: usize,
    primary: bool,
}

fn key_hash(folded: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(folded)
}

impl Gazetteer {
    /// Loads the shipped gazetteer and, when present, the user gazetteer over it.
    pub fn load_default() -> Result<Gazetteer> {
        let path = default_path().context(
            "gazetteer.csv not found: set FLASHPOINT_GAZETTEER or run from the project folder",
        )?;
        let mut g = Gazetteer::load(&path)?;
        let user = crate::paths::user_gazetteer();
        if user.exists() {
            let errors = g.add_file(&user)?;
            for e in errors {
                eprintln!("warning: {e}");
            }
        }
        Ok(g)
    }

    /// Loads one gazetteer file; malformed rows are skipped with a warning on stderr.
    pub fn load(path: &Path) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        for e in g.add_file(path)? {
            eprintln!("warning: {e}");
        }
        Ok(g)
    }

    /// Adds (or replaces, by id) the rows of a gazetteer file; returns the rows it skipped.
    pub fn add_file(&mut self, path: &Path) -> Result<Vec<LineError>> {
        let file = std::fs::File::open(path)
            .with_context(|| format!("cannot open gazetteer {}", path.display()))?;
        self.add_reader(
            std::io::BufReader::with_capacity(1 << 20, file),
            &path.display().to_string(),
        )
    }

    /// Adds rows in the `gazetteer.csv` format from any reader; `origin` names it in errors.
    ///
    /// One thread parses and folds while the calling thread builds the index.
    pub fn add_reader<R: Read + Send>(
        &mut self,
        reader: R,
        origin: &str,
    ) -> Result<Vec<LineError>> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let header = rdr
            .headers()
            .with_context(|| format!("{origin}: unreadable header"))?;
        if header.iter().collect::<Vec<_>>() != HEADER {
            anyhow::bail!("{origin}:1: header must be {}", HEADER.join(","));
        }
        let fresh = self.places.is_empty();
        if fresh {
            // The world file: about 240k places under 480k names.
            self.places.reserve(250_000);
            self.index.reserve(500_000);
        }
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(8);
        std::thread::scope(|scope| {
            let parser = scope.spawn(move || parse_all(rdr, origin, tx));
            for batch in rx {
                let mut keys = batch.keys.as_slice();
                for (place, n) in batch.places.into_iter().zip(batch.counts) {
                    let (own, rest) = keys.split_at(n as usize);
                    keys = rest;
                    if fresh {
                        self.push(place, own);
                    } else {
                        self.insert(place);
                    }
                }
            }
            Ok(parser.join().expect("gazetteer parser thread"))
        })
    }

    fn push(&mut self, place: Place, keys: &[Key]) {
        let i = self.places.len() as u32;
        if let Some(ids) = self.by_id.get_mut() {
            ids.insert(place.id.clone(), i);
        }
        self.places.push(place);
        self.add_keys(i, keys);
    }

    fn ids(&self) -> &HashMap<String, u32> {
        self.by_id.get_or_init(|| {
            let mut m = HashMap::default();
            for (i, p) in self.places.iter().enumerate() {
                m.insert(p.id.clone(), i as u32);
            }
            m
        })
    }

    fn add_keys(&mut self, place: u32, keys: &[Key]) {
        for k in keys {
            self.max_words = self.max_words.max(k.words);
            let hit = Hit {
                place,
                primary: k.primary,
            };
            self.index.entry(k.hash).or_default().push(hit);
        }
    }

    /// Adds a place, replacing any place with the same id.
    pub fn insert(&mut self, place: Place) {
        let keys = index_keys(&place);
        match self.ids().get(&place.id).copied() {
            Some(old) => {
                for hits in self.index.values_mut() {
                    hits.retain(|h| h.place != old);
                }
                self.places[old as usize] = place;
                self.add_keys(old, &keys);
            }
            None => self.push(place, &keys),
        }
    }

    /// Places whose folded name equals `folded` (see [`crate::fold::fold`]).
    pub fn lookup(&self, folded: &str) -> SmallVec<[Hit; 4]> {
        let Some(hits) = self.index.get(&key_hash(folded)) else {
            return SmallVec::new();
        };
        hits.iter()
            .copied()
            .filter(|h| {
                let p = &self.places[h.place as usize];
                [p.name.as_str(), p.ascii_name.as_str()]
                    .into_iter()
                    .chain(p.alt_names())
                    .any(|n| fold_variants(n).iter().any(|k| k == folded))
            })
            .collect()
    }

    /// The place at an index from a [`Hit`].
    pub fn place(&self, i: u32) -> &Place {
        &self.places[i as usize]
    }

    /// The place with a gazetteer id ("gn:786714").
    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.ids().get(id).map(|&i| &self.places[i as usize])
    }

    /// The index of the place with a gazetteer id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.ids().get(id).copied()
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when no place is loaded.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Number of distinct folded names.
    pub fn name_count(&self) -> usize {
        self.index.len()
    }

    /// The most words any indexed name has ("bosnia and herzegovina" → 3).
    pub fn max_name_words(&self) -> usize {
        self.max_words
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }
}

/// Reads every row, sending parsed places with their keys in batches; returns the bad rows.
fn parse_all<R: Read>(
    mut rdr: csv::Reader<R>,
    origin: &str,
    tx: SyncSender<Batch>,
) -> Vec<LineError> {
    const BATCH: usize = 4096;
    let mut interned: HashMap<String, Arc<str>> = HashMap::default();
    let mut errors = Vec::new();
    let mut batch = Batch::default();
    let mut rec = csv::StringRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        let error = |reason: String| LineError {
            file: origin.to_string(),
            line,
            reason,
        };
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => match parse_row(&rec, &mut interned) {
                Err(reason) => errors.push(LineError {
                    line: rec.position().map_or(line, |p| p.line()),
                    ..error(reason)
                }),
                Ok(place) => {
                    let keys = index_keys(&place);
                    batch.counts.push(keys.len().min(255) as u8);
                    batch.keys.extend(keys.into_iter().take(255));
                    batch.places.push(place);
                    if batch.places.len() == BATCH && tx.send(std::mem::take(&mut batch)).is_err() {
                        break;
                    }
                }
            },
            Err(e) => errors.push(LineError {
                line: e.position().map_or(line, |p| p.line()),
                ..error(e.to_string())
            }),
        }
    }
    if !batch.places.is_empty() {
        let _ = tx.send(batch);
    }
    errors
}

fn intern(map: &mut HashMap<String, Arc<str>>, s: &str) -> Arc<str> {
    if let Some(a) = map.get(s) {
        return a.clone();
    }
    let a: Arc<str> = Arc::from(s);
    map.insert(s.to_string(), a.clone());
    a
}

fn parse_row(
    r: &csv::StringRecord,
    interned: &mut HashMap<String, Arc<str>>,
) -> std::result::Result<Place, String> {
    if r.len() != HEADER.len() {
        return Err(format!(
            "expected {} fields, found {}",
            HEADER.len(),
            r.len()
        ));
    }
    let coord = |i: usize, lim: f64| -> std::result::Result<f64, String> {
        let v: f64 = r[i]
            .trim()
            .parse()
            .map_err(|_| format!("{} is not a number: {:?}", HEADER[i], &r[i]))?;
        if !(-lim..=lim).contains(&v) {
            return Err(format!("{} out of range: {v}", HEADER[i]));
        }
        Ok(v)
    };
    let (lat, lon) = (coord(4, 90.0)?, coord(5, 180.0)?);
    let kind = Kind::parse(&r[6]).ok_or_else(|| format!("unknown kind {:?}", &r[6]))?;
    if r[0].is_empty() || r[1].is_empty() {
        return Err("empty id or name".into());
    }
    let population = if r[10].is_empty() {
        0
    } else {
        r[10]
            .parse()
            .map_err(|_| format!("bad population {:?}", &r[10]))?
    };
    if r[11].trim().is_empty() {
        return Err("row without a source".into());
    }
    Ok(Place {
        id: r[0].to_string(),
        name: r[1].to_string(),
        ascii_name: r[2].to_string(),
        alt_names: r[3].to_string(),
        lat,
        lon,
        kind,
        feature_code: r[7].to_string(),
        country: r[8].to_string(),
        admin1: intern(interned, &r[9]),
        population,
        source: intern(interned, &r[11]),
    })
}

/// The distinct folded keys a place is indexed under, each flagged primary or alternate.
fn index_keys(p: &Place) -> Vec<Key> {
    let mut keys: Vec<(String, bool)> = Vec::with_capacity(4);
    let ascii = (p.ascii_name != p.name).then_some((p.ascii_name.as_str(), true));
    for (name, primary) in std::iter::once((p.name.as_str(), true))
        .chain(ascii)
        .chain(p.alt_names().map(|a| (a, false)))
    {
        for k in fold_variants(name) {
            if k.is_empty() {
                continue;
            }
            match keys.iter_mut().find(|(key, _)| *key == k) {
                Some(e) => e.1 |= primary,
                None => keys.push((k, primary)),
            }
        }
    }
    keys.into_iter()
        .map(|(k, primary)| Key {
            hash: key_hash(&k),
            words: k.split(' ').count(),
            primary,
        })
        .collect()
}

/// Where the shipped `gazetteer.csv` is: `$FLASHPOINT_GAZETTEER`, the current folder, beside
/// the executable or above it (a cargo target folder), or the source tree it was built from.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FLASHPOINT_GAZETTEER") {
        return Some(PathBuf::from(p));
    }
    let mut tries = vec![PathBuf::from("gazetteer.csv")];
    if let Ok(exe) = std::env::current_exe() {
        tries.extend(
            exe.ancestors()
                .skip(1)
                .take(4)
                .map(|d| d.join("gazetteer.csv")),
        );
    }
    tries.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer.csv"));
    tries.into_iter().find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
id,name,ascii_name,alt_names,lat,lon,kind,feature_code,country,admin1,population,source
gn:1,Peć,Pec,Peja|Pejë,42.65913,20.28828,city,PPLA,XK,Pec,48962,GeoNames CC BY 4.0
gn:2,Pécs,Pecs,Pec|Fünfkirchen,46.07,18.23,city,PPLA,HU,Baranya,145347,GeoNames CC BY 4.0
gn:3,Broken,Broken,,north,20,city,PPL,XK,,0,GeoNames CC BY 4.0
gn:4,NoSource,NoSource,,42,20,city,PPL,XK,,0,
gn:5,Đakovica,Dakovica,,42.38,20.43,city,PPLA,XK,Gjakova,94158,GeoNames CC BY 4.0
";

    fn sample() -> (Gazetteer, Vec<LineError>) {
        let mut g = Gazetteer::default();
        let errors = g.add_reader(SAMPLE.as_bytes(), "sample.csv").unwrap();
        (g, errors)
    }

    #[test]
    fn malformed_rows_are_reported_with_line_and_skipped() {
        let (g, errors) = sample();
        assert_eq!(g.len(), 3);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, 4);
        assert!(
            errors[0]
                .to_string()
                .starts_with("sample.csv:4: lat is not a number")
        );
        assert_eq!(errors[1].line, 5);
        assert!(errors[1].reason.contains("source"));
    }

    #[test]
    fn primary_and_alternate_hits() {
        let (g, _) = sample();
        let hits = g.lookup("pec");
        assert_eq!(hits.len(), 2);
        let peja = hits
            .iter()
            .find(|h| g.place(h.place).country == "XK")
            .unwrap();
        let pecs = hits
            .iter()
            .find(|h| g.place(h.place).country == "HU")
            .unwrap();
        assert!(peja.primary);
        assert!(!pecs.primary);
        assert_eq!(g.lookup("pecs").len(), 1);
        assert_eq!(g.lookup("djakovica").len(), 1);
        assert_eq!(g.lookup("dakovica").len(), 1);
    }

    #[test]
    fn insert_replaces_by_id() {
        let (mut g, _) = sample();
        let mut p = g.by_id("gn:1").unwrap().clone();
        p.alt_names = "Ipek".into();
        g.insert(p);
        assert_eq!(g.len(), 3);
        assert_eq!(g.lookup("ipek").len(), 1);
        assert!(g.lookup("peja").is_empty());
        assert_eq!(g.lookup("pec").len(), 2);
    }

    #[test]
    fn wrong_header_is_an_error() {
        let mut g = Gazetteer::default();
        let err = g.add_reader("a,b\n1,2\n".as_bytes(), "x.csv").unwrap_err();
        assert!(err.to_string().contains("x.csv:1: header"));
    }
}
