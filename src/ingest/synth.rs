//! A synthetic corpus for benchmarks and crash tests: varied short reports of incidents in
//! Kosovo towns (about 3 kB each) with a `manifest.csv`. Deterministic for a given seed.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{Days, NaiveDate};

const TOWNS: &[&str] = &[
    "Pristina",
    "Mitrovica",
    "Pec",
    "Prizren",
    "Gnjilane",
    "Urosevac",
    "Djakovica",
    "Podujevo",
    "Vucitrn",
    "Decani",
    "Istok",
    "Lipljan",
    "Obilic",
    "Zvecan",
    "Leposavic",
    "Kamenica",
    "Orahovac",
    "Suva Reka",
    "Klina",
    "Kacanik",
    "Strpce",
    "Dragash",
];
const SOURCES: &[&str] = &[
    "Synthetic Wire",
    "Test Gazette",
    "Bench Radio",
    "Sample Daily",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EVENTS: &[&str] = &[
    "A hand grenade was thrown into a cafe in {T} on {D}, wounding {N} people, police said.",
    "{N} people were killed when a bomb exploded under a bus near {T} on {D}.",
    "Several hundred protesters marched through the centre of {T} on {D} demanding the release of detained relatives.",
    "Rioters set fire to houses and cars in {T} on {D}; {N} people were injured in the clashes with police.",
    "Gunmen opened fire on a police patrol outside {T} on {D}, killing {N} officers.",
    "Peacekeepers exchanged fire with an armed group in the hills above {T} on {D}.",
    "An elderly farmer was shot dead in his field near {T} on {D}, local officials said.",
    "Police in {T} seized a large cache of weapons and explosives on {D}.",
    "A landmine exploded on a track near {T} on {D}, injuring {N} shepherds.",
    "Demonstrators blocked the main road into {T} on {D} and threw stones at police, who fired tear gas.",
];
const FILLER: &[&str] = &[
    "The area had been calm for several weeks before the incident.",
    "Officials promised a full investigation and appealed for calm.",
    "Residents said they had heard shooting late into the night.",
    "The international administration condemned the violence in a brief statement.",
    "Schools and shops stayed closed for most of the following day.",
    "It was not immediately clear who was responsible.",
    "Community leaders met the regional commander to discuss security arrangements.",
    "Traffic on the main road resumed in the afternoon under a heavy police presence.",
    "A spokesman declined to give further details while the inquiry continued.",
    "Local television showed damaged buildings and burnt-out vehicles.",
    "Aid workers said several families had left their homes for relatives' villages.",
    "The town council called an emergency session for the next morning.",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// One synthetic article: (published, source, title, text).
pub fn article(seed: u64, n: u64) -> (NaiveDate, String, String, String) {
    let mut r = Rng(seed ^ n.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let base = NaiveDate::from_ymd_opt(1998, 1, 1).expect("date");
    let published = base + Days::new(r.next() % (12 * 365));
    let source = r.pick(SOURCES).to_string();
    let mut text = String::with_capacity(3300);
    let mut title = String::new();
    while text.len() < 3000 {
        let town = r.pick(TOWNS);
        let day = published - Days::new(1 + r.next() % 5);
        let d = if r.next().is_multiple_of(2) {
            r.pick(WEEKDAYS).to_string()
        } else {
            day.format("%-d %B %Y").to_string()
        };
        let sentence = r
            .pick(EVENTS)
            .replace("{T}", town)
            .replace("{D}", &d)
            .replace("{N}", &(1 + r.next() % 12).to_string());
        if title.is_empty() {
            title = format!("Incident reported in {town}");
        }
        text.push_str(&sentence);
        for _ in 0..1 + r.next() % 3 {
            text.push(' ');
            text.push_str(r.pick(FILLER));
        }
        text.push_str("\n\n");
    }
    (published, source, title, text)
}

/// Writes `n` articles (`synth_000001.txt`, ...) and `manifest.csv` into `dir`; returns the
/// bytes of article text written.
pub fn write_corpus(dir: &Path, n: u64, seed: u64) -> Result<u64> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut manifest = csv::Writer::from_path(dir.join("manifest.csv"))?;
    manifest.write_record(["file", "published", "source", "title"])?;
    let mut bytes = 0;
    for i in 1..=n {
        let (published, source, title, text) = article(seed, i);
        let name = format!("synth_{i:06}.txt");
        let mut f = std::fs::File::create(dir.join(&name))
            .with_context(|| format!("cannot write {name}"))?;
        f.write_all(text.as_bytes())?;
        bytes += text.len() as u64;
        manifest.write_record([name, published.to_string(), source, title])?;
    }
    manifest.flush()?;
    Ok(bytes)
}
