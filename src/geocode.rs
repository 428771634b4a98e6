//! Geocoding: ranks the gazetteer places a name may mean, using the context of the other places
//! in the same article (country prior, distance), the kind of place and its population.
//!
//! A name is matched only exactly after [folding](crate::fold); a name that is not in the
//! gazetteer has no candidates and stays unresolved.

use std::collections::HashMap;

use geo::{Distance, Haversine, Point};
use serde::Serialize;

use crate::fold::fold;
use crate::gazetteer::{Gazetteer, Kind, Place};

/// A point the article has already placed, used to prefer nearby candidates.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// What is known about where an article is: countries with weights, and placed points.
#[derive(Debug, Clone, Default)]
pub struct Context {
    countries: HashMap<String, f64>,
    total: f64,
    anchors: Vec<Anchor>,
    /// Only candidates in this country (ISO alpha-2) are considered.
    pub only_country: Option<String>,
}

impl Context {
    /// An empty context: ranking by kind, population and name alone.
    pub fn new() -> Context {
        Context::default()
    }

    /// Adds weight to a country prior.
    pub fn add_country(&mut self, cc: &str, weight: f64) {
        if cc.is_empty() {
            return;
        }
        *self.countries.entry(cc.to_string()).or_default() += weight;
        self.total += weight;
    }

    /// Adds an anchor point.
    pub fn add_anchor(&mut self, name: &str, lat: f64, lon: f64) {
        self.anchors.push(Anchor {
            name: name.to_string(),
            lat,
            lon,
        });
    }

    /// Adds a resolved place: its country always, its point when it is a local place.
    pub fn add_place(&mut self, p: &Place, weight: f64) {
        self.add_country(&p.country, weight);
        if p.kind.is_local() {
            self.add_anchor(&p.name, p.lat, p.lon);
        }
    }

    /// The share (0..1) of the context's weight that lies in a country.
    pub fn country_share(&self, cc: &str) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        self.countries.get(cc).copied().unwrap_or(0.0) / self.total
    }

    /// The nearest anchor to a point and its distance in km.
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<(&Anchor, f64)> {
        self.anchors
            .iter()
            .map(|a| (a, distance_km(lat, lon, a.lat, a.lon)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// True when nothing is known yet.
    pub fn is_empty(&self) -> bool {
        self.total <= 0.0 && self.anchors.is_empty()
    }
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
}

/// One ranked reading of a name.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Index of the place in the gazetteer.
    #[serde(skip)]
    pub place: u32,
    pub score: f64,
    /// The name matched the place's primary (or ASCII) name, not an alternate one.
    pub primary: bool,
    /// Why it ranks where it does, for people ("why here").
    pub reason: String,
}

/// Score weights. The kind prior keeps countries above villages named after them and
/// populated places above the first-level regions named after their seats.
fn kind_prior(kind: Kind) -> f64 {
    match kind {
        Kind::Country => 4.0,
        Kind::Region => 0.0,
        Kind::City => 1.5,
        Kind::Town => 1.0,
        Kind::Village => 0.6,
        Kind::Site => 0.8,
    }
}

const PRIMARY_BONUS: f64 = 1.0;
const POPULATION_WEIGHT: f64 = 0.3;
const COUNTRY_WEIGHT: f64 = 3.0;

fn distance_bonus(km: f64) -> f64 {
    match km {
        d if d < 25.0 => 2.0,
        d if d < 75.0 => 1.5,
        d if d < 200.0 => 0.8,
        d if d < 500.0 => 0.3,
        _ => 0.0,
    }
}

/// Ranks the places a name may mean, best first. Empty when the name is not in the gazetteer.
pub fn rank(g: &Gazetteer, name: &str, ctx: &Context) -> Vec<Candidate> {
    rank_folded(g, &fold(name), ctx)
}

/// [`rank`] for an already folded name.
pub fn rank_folded(g: &Gazetteer, folded: &str, ctx: &Context) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = g
        .lookup(folded)
        .iter()
        .filter(|h| {
            ctx.only_country
                .as_deref()
                .is_none_or(|cc| g.place(h.place).country.eq_ignore_ascii_case(cc))
        })
        .map(|h| score(g.place(h.place), h.place, h.primary, ctx))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.place.cmp(&b.place)));
    out
}

/// The best reading of a name, if the gazetteer has it.
pub fn resolve(g: &Gazetteer, name: &str, ctx: &Context) -> Option<Candidate> {
    rank(g, name, ctx).into_iter().next()
}

fn score(p: &Place, idx: u32, primary: bool, ctx: &Context) -> Candidate {
    let mut s = kind_prior(p.kind);
    let mut why = Vec::new();
    if primary {
        s += PRIMARY_BONUS;
        why.push("its own name".to_string());
    } else {
        why.push("an alternate name".to_string());
    }
    let pop = POPULATION_WEIGHT * ((p.population as f64) + 1.0).log10();
    s += pop;
    if p.population > 0 {
        why.push(format!("{} of {}", p.kind, p.population));
    } else {
        why.push(p.kind.to_string());
    }
    let share = ctx.country_share(&p.country);
    if share > 0.0 {
        s += COUNTRY_WEIGHT * share;
        why.push(format!(
            "{:.0}% of the context is in {}",
            share * 100.0,
            p.country
        ));
    }
    if p.kind.is_local()
        && let Some((a, km)) = ctx.nearest(p.lat, p.lon)
    {
        let b = distance_bonus(km);
        if b > 0.0 {
            s += b;
            why.push(format!("{km:.0} km from {}", a.name));
        }
    }
    Candidate {
        place: idx,
        score: (s * 1000.0).round() / 1000.0,
        primary,
        reason: why.join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
id,name,ascii_name,alt_names,lat,lon,kind,feature_code,country,admin1,population,source
gn:1,Peć,Pec,Peja|Pejë,42.65913,20.28828,city,PPLA,XK,Pec,48962,GeoNames CC BY 4.0
gn:2,Pécs,Pecs,Pec,46.07,18.23,city,PPLA,HU,Baranya,145347,GeoNames CC BY 4.0
gn:3,Pristina,Pristina,Prishtina,42.67272,21.16688,city,PPLC,XK,Pristina,550000,GeoNames CC BY 4.0
gn:4,Kosovo,Kosovo,Kosova,42.57,20.87,country,PCLI,XK,,1845300,GeoNames CC BY 4.0
gn:5,Kosovo Polje,Kosovo Polje,Kosovo,42.66,21.09,town,PPLA2,XK,Pristina,16154,GeoNames CC BY 4.0
";

    fn g() -> Gazetteer {
        let mut g = Gazetteer::default();
        assert!(g.add_reader(SAMPLE.as_bytes(), "s").unwrap().is_empty());
        g
    }

    #[test]
    fn primary_name_beats_larger_alternate() {
        let g = g();
        let top = resolve(&g, "Pec", &Context::new()).unwrap();
        assert_eq!(g.place(top.place).country, "XK");
    }

    #[test]
    fn context_country_and_distance_count() {
        let g = g();
        let mut ctx = Context::new();
        ctx.add_country("HU", 1.0);
        ctx.add_anchor("Budapest", 47.5, 19.04);
        assert_eq!(
            g.place(resolve(&g, "Pec", &ctx).unwrap().place).country,
            "HU"
        );
    }

    #[test]
    fn country_beats_town_named_after_it_even_in_context() {
        let g = g();
        let mut ctx = Context::new();
        ctx.add_place(g.by_id("gn:3").unwrap(), 1.0);
        let top = resolve(&g, "Kosovo", &ctx).unwrap();
        assert_eq!(g.place(top.place).kind, Kind::Country);
        assert!(top.reason.contains("its own name"));
    }

    #[test]
    fn unknown_names_have_no_candidates() {
        let g = g();
        assert!(rank(&g, "Skulevo", &Context::new()).is_empty());
        assert!(rank(&g, "Pe", &Context::new()).is_empty());
        assert!(rank(&g, "Pecs's", &Context::new()).len() == 1);
    }

    #[test]
    fn only_country_filters() {
        let g = g();
        let mut ctx = Context::new();
        ctx.only_country = Some("hu".into());
        let r = rank(&g, "Pec", &ctx);
        assert_eq!(r.len(), 1);
        assert_eq!(g.place(r[0].place).country, "HU");
    }

    #[test]
    fn distance_is_great_circle() {
        let d = distance_km(42.67272, 21.16688, 42.65913, 20.28828);
        assert!((d - 72.0).abs() < 2.0, "{d}");
    }
}
