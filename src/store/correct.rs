//! Corrections: the user's edits, kept as separate rows and layered over extracted incidents.
//!
//! A correction names its incident by [`IncidentKey`] (article key + fingerprint, see
//! [`crate::store::key`]), so it survives re-ingesting and re-extracting the article. When
//! several corrections touch the same incident they apply in the order they were made; the
//! last one wins for each field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fold::fold;
use crate::gazetteer::Place;
use crate::model::{EventType, Incident, PlaceRef, Precision};

/// Which incident a correction is about: its article's key and its fingerprint. Manual
/// incidents have the fingerprint `manual:<correction id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IncidentKey {
    pub article: String,
    pub fingerprint: String,
}

/// One user edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// Put the incident at another place (a gazetteer row or a bare map point).
    Move {
        target: IncidentKey,
        place: PlaceRef,
    },
    /// Change the event type (and sub-type; `None` clears it).
    Retype {
        target: IncidentKey,
        event_type: EventType,
        sub_event_type: Option<String>,
    },
    /// Change the date.
    Redate {
        target: IncidentKey,
        date: NaiveDate,
        date_end: Option<NaiveDate>,
        precision: Precision,
    },
    /// Leave the incident out of the map and exports.
    Hide { target: IncidentKey },
    /// Undo a hide.
    Unhide { target: IncidentKey },
    /// Keep the incident out of cross-article events (undo a wrong merge).
    Split { target: IncidentKey },
    /// Give an unresolved place name a place: in one article (`article`), or everywhere.
    Assign {
        name: String,
        article: Option<String>,
        place: PlaceRef,
    },
    /// A manual incident, optionally attached to an article (by key).
    Add {
        article: Option<String>,
        incident: Incident,
    },
}

impl Correction {
    /// The short name stored in the `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Correction::Move { .. } => "move",
            Correction::Retype { .. } => "retype",
            Correction::Redate { .. } => "redate",
            Correction::Hide { .. } => "hide",
            Correction::Unhide { .. } => "unhide",
            Correction::Split { .. } => "split",
            Correction::Assign { .. } => "assign",
            Correction::Add { .. } => "add",
        }
    }

    /// The incident it targets, for per-incident corrections.
    pub fn target(&self) -> Option<&IncidentKey> {
        match self {
            Correction::Move { target, .. }
            | Correction::Retype { target, .. }
            | Correction::Redate { target, .. }
            | Correction::Hide { target }
            | Correction::Unhide { target }
            | Correction::Split { target } => Some(target),
            Correction::Assign { .. } | Correction::Add { .. } => None,
        }
    }
}

/// A place from the gazetteer, as a correction's destination.
pub fn place_from_gazetteer(p: &Place) -> PlaceRef {
    PlaceRef::from_place(p, &p.name, 1, "set by a user correction".into())
}

/// A bare map point, as a correction's destination.
pub fn place_from_point(lat: f64, lon: f64) -> PlaceRef {
    PlaceRef {
        name: format!("{lat:.5},{lon:.5}"),
        matched: format!("{lat:.5},{lon:.5}"),
        lat,
        lon,
        country: String::new(),
        admin1: String::new(),
        gazetteer_id: String::new(),
        geo_precision: 1,
        reason: "map point set by a user correction".into(),
    }
}

/// What applying corrections makes of an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub incident: Incident,
    pub hidden: bool,
    pub standalone: bool,
    /// How many corrections changed something.
    pub count: u32,
}

/// Applies `corrections` (in order) to an extracted incident. Corrections for other incidents
/// are ignored, so the caller may pass a superset.
pub fn apply(key: &IncidentKey, extracted: &Incident, corrections: &[Correction]) -> Applied {
    let mut a = Applied {
        incident: extracted.clone(),
        hidden: false,
        standalone: false,
        count: 0,
    };
    let unresolved = extracted.unresolved_place.as_deref().map(fold);
    for c in corrections {
        if let Some(t) = c.target()
            && t != key
        {
            continue;
        }
        let i = &mut a.incident;
        match c {
            Correction::Move { place, .. } => i.place = Some(relabel(place, i)),
            Correction::Retype {
                event_type,
                sub_event_type,
                ..
            } => {
                i.event_type = *event_type;
                i.sub_event_type = sub_event_type.clone().unwrap_or_default();
            }
            Correction::Redate {
                date,
                date_end,
                precision,
                ..
            } => {
                i.date = Some(*date);
                i.date_end = *date_end;
                i.date_precision = *precision;
                i.date_assumed = false;
            }
            Correction::Hide { .. } => a.hidden = true,
            Correction::Unhide { .. } => a.hidden = false,
            Correction::Split { .. } => a.standalone = true,
            Correction::Assign {
                name,
                article,
                place,
            } => {
                let applies = extracted.place.is_none()
                    && unresolved.as_deref() == Some(fold(name).as_str())
                    && article.as_ref().is_none_or(|k| *k == key.article);
                if !applies {
                    continue;
                }
                i.place = Some(relabel(place, i));
            }
            Correction::Add { .. } => continue,
        }
        a.count += 1;
    }
    a
}

/// The destination place, keeping the name as the article wrote it.
fn relabel(place: &PlaceRef, i: &Incident) -> PlaceRef {
    let mut p = place.clone();
    if let Some(written) = i
        .place
        .as_ref()
        .map(|p| p.name.clone())
        .or(i.unresolved_place.clone())
    {
        p.name = written;
    }
    p
}
