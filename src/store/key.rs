//! Stable keys: an article's content hash and an incident's fingerprint.
//!
//! **Fingerprint rule.** An extracted incident is keyed by its article's key plus
//! `hex(fnv1a64(fold(place as written) | date | event type))`, where the place as written is
//! the geocoded place's `name` or else the unresolved name, and `date` is the extracted date
//! (or `-`). A second incident of the same article with the same triple gets `-2`, a third
//! `-3`, in order of their evidence spans. None of these depend on the geocoder's choice, the
//! evidence wording or casualty figures, so a correction still finds its incident after the
//! article is re-extracted by a newer engine, as long as the engine reads the same place name,
//! date and type. A correction whose incident is gone is kept and reported as orphaned
//! ([`crate::store::Store::orphaned_corrections`]).

use std::collections::HashMap;

use crate::fold::fold;
use crate::model::Incident;

/// FNV-1a, 64 bits: a stable (not randomised) hash for change detection and keys. It is not a
/// defence against deliberate collisions, and does not need to be.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The content hash stored with an article: its text's FNV-1a as 16 hex digits.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The base fingerprint of one incident (without the duplicate ordinal).
pub fn base_fingerprint(i: &Incident) -> String {
    let name = i
        .place
        .as_ref()
        .map(|p| p.name.as_str())
        .or(i.unresolved_place.as_deref())
        .unwrap_or("");
    let date = i.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    let s = format!("{}|{}|{}", fold(name), date, i.event_type.as_str());
    format!("{:016x}", fnv1a64(s.as_bytes()))
}

/// The fingerprints of an article's incidents, in the given order, with `-N` ordinals for
/// repeats (counted in order of evidence span, so the input order does not matter).
pub fn fingerprints(incidents: &[Incident]) -> Vec<String> {
    let mut order: Vec<usize> = (0..incidents.len()).collect();
    order.sort_by_key(|&i| (incidents[i].span, i));
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = vec![String::new(); incidents.len()];
    for i in order {
        let base = base_fingerprint(&incidents[i]);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        out[i] = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    out
}
