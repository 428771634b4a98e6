//! `flashpoint gazetteer import`: merges a GeoNames dump (the 19-column tab-separated format of
//! `allCountries.txt` or a country file such as `XK.txt`) into the user gazetteer.

use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, Result};

use super::{Gazetteer, HEADER, Kind, LineError, Place};

/// The result of reading a dump: the places and the lines that could not be read.
pub struct DumpRead {
    pub places: Vec<Place>,
    pub errors: Vec<LineError>,
}

/// Reads GeoNames dump lines. `base` names first-level regions (admin1 codes) where it can.
pub fn read_dump<R: BufRead>(reader: R, origin: &str, base: &Gazetteer) -> DumpRead {
    let source: Arc<str> = Arc::from(format!(
        "GeoNames CC BY 4.0 (imported from {})",
        Path::new(origin)
            .file_name()
            .map_or(origin.into(), |f| f.to_string_lossy())
    ));
    let mut out = DumpRead {
        places: Vec::new(),
        errors: Vec::new(),
    };
    for (i, line) in reader.lines().enumerate() {
        let err = |reason: String| LineError {
            file: origin.to_string(),
            line: i as u64 + 1,
            reason,
        };
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                out.errors.push(err(format!("unreadable line: {e}")));
                continue;
            }
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(&line, base, &source) {
            Ok(Some(p)) => out.places.push(p),
            Ok(None) => {}
            Err(reason) => out.errors.push(err(reason)),
        }
    }
    out
}

fn parse_line(line: &str, base: &Gazetteer, source: &Arc<str>) -> Result<Option<Place>, String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() != 19 {
        return Err(format!(
            "expected 19 tab-separated fields, found {}",
            c.len()
        ));
    }
    let id: u64 = c[0]
        .parse()
        .map_err(|_| format!("bad geonameid {:?}", c[0]))?;
    let lat: f64 = c[4]
        .parse()
        .map_err(|_| format!("bad latitude {:?}", c[4]))?;
    let lon: f64 = c[5]
        .parse()
        .map_err(|_| format!("bad longitude {:?}", c[5]))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates out of range: {lat}, {lon}"));
    }
    if c[1].is_empty() {
        return Err("empty name".into());
    }
    let population: u64 = if c[14].is_empty() {
        0
    } else {
        c[14]
            .parse()
            .map_err(|_| format!("bad population {:?}", c[14]))?
    };
    let (class, code) = (c[6], c[7]);
    let kind = match (class, code) {
        ("A", "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCL" | "PCLIX") => Kind::Country,
        ("A", "ADM1") => Kind::Region,
        ("A", _) => return Ok(None), // lower administrative divisions: not places news name
        ("P", "PPLC" | "PPLA") => Kind::City,
        ("P", _) if population >= 100_000 => Kind::City,
        ("P", "PPLA2" | "PPLA3") => Kind::Town,
        ("P", _) if population >= 10_000 => Kind::Town,
        ("P", _) => Kind::Village,
        _ => Kind::Site,
    };
    let admin1 = base
        .by_id(&format!("a1:{}.{}", c[8], c[10]))
        .map_or_else(|| c[10].to_string(), |p| p.name.clone());
    let alt_names = c[3]
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty() && !a.contains('|'))
        .collect::<Vec<_>>()
        .join("|");
    Ok(Some(Place {
        id: format!("gn:{id}"),
        name: c[1].to_string(),
        ascii_name: c[2].to_string(),
        alt_names,
        lat,
        lon,
        kind,
        feature_code: code.to_string(),
        country: c[8].to_string(),
        admin1: Arc::from(admin1),
        population,
        source: source.clone(),
    }))
}

/// Merges places into the user gazetteer file (same id: replaced), writing it atomically.
/// Returns the number of places the file holds afterwards.
pub fn merge_into_file(path: &Path, places: Vec<Place>) -> Result<usize> {
    let mut user = Gazetteer::default();
    if path.exists() {
        for e in user.add_file(path)? {
            eprintln!("warning: {e}");
        }
    }
    for p in places {
        user.insert(p);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let tmp = path.with_extension("csv.tmp");
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_path(&tmp)?;
        w.write_record(HEADER)?;
        for p in user.places() {
            w.write_record(p.to_record())?;
        }
        w.flush()?;
        w.into_inner()
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    Ok(user.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump() -> String {
        let rows = [
            "9000001\tTestovac\tTestovac\tTestovci,Тестовац\t42.70000\t20.90000\tP\tPPL\tXK\t\t10097358\t\t\t\t350\t\t600\tEurope/Belgrade\t2024-01-01",
            "9000002\tBroken\tBroken\t\tnot-a-lat\t20.9\tP\tPPL\tXK\t\t\t\t\t\t0\t\t\t\t2024-01-01",
            "9000003\tTooShort\t42.1",
            "9000004\tSveti Test\tSveti Test\t\t42.71\t20.91\tS\tMSTY\tXK\t\t10097358\t\t\t\t0\t\t\t\t2024-01-01",
            "9000005\tSome Municipality\tSome Municipality\t\t42.71\t20.91\tA\tADM2\tXK\t\t10097358\t\t\t\t0\t\t\t\t2024-01-01",
        ];
        rows.join("\n") + "\n"
    }

    #[test]
    fn reads_good_lines_and_reports_bad_ones_by_line() {
        let base = Gazetteer::default();
        let r = read_dump(dump().as_bytes(), "XK-test.txt", &base);
        let names: Vec<_> = r.places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Testovac", "Sveti Test"]);
        assert_eq!(r.places[0].kind, Kind::Village);
        assert_eq!(r.places[1].kind, Kind::Site);
        assert_eq!(r.places[0].alt_names, "Testovci|Тестовац");
        assert_eq!(r.errors.len(), 2);
        assert_eq!(
            r.errors[0].to_string(),
            "XK-test.txt:2: bad latitude \"not-a-lat\""
        );
        assert_eq!(r.errors[1].line, 3);
    }

    #[test]
    fn merge_replaces_by_id_and_is_readable_as_a_gazetteer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("user_gazetteer.csv");
        let base = Gazetteer::default();
        let r = read_dump(dump().as_bytes(), "a.txt", &base);
        assert_eq!(merge_into_file(&path, r.places.clone()).unwrap(), 2);
        let mut moved = r.places[0].clone();
        moved.lat = 42.8;
        assert_eq!(merge_into_file(&path, vec![moved]).unwrap(), 2);
        let g = Gazetteer::load(&path).unwrap();
        let hits = g.lookup("testovci");
        assert_eq!(hits.len(), 1);
        assert_eq!(g.place(hits[0].place).lat, 42.8);
    }
}
