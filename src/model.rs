//! The records that flow between the stages: articles in, incidents out.
//!
//! [`Incident`] serialises to the stable output contract of `flashpoint extract`
//! (one JSON object per line).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An article to read: its text and what is known about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file name as given in the manifest or on the command line (the contract's `article`).
    pub file: String,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// ACLED's six event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Battles,
    ExplosionsRemoteViolence,
    ViolenceAgainstCivilians,
    Protests,
    Riots,
    StrategicDevelopments,
}

impl EventType {
    /// All six, in ACLED's order.
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
        EventType::Protests,
        EventType::Riots,
        EventType::StrategicDevelopments,
    ];

    /// The snake_case name used in the contract ("explosions_remote_violence").
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Battles => "battles",
            EventType::ExplosionsRemoteViolence => "explosions_remote_violence",
            EventType::ViolenceAgainstCivilians => "violence_against_civilians",
            EventType::Protests => "protests",
            EventType::Riots => "riots",
            EventType::StrategicDevelopments => "strategic_developments",
        }
    }

    /// ACLED's label ("Explosions/Remote violence"), for CSV export and the app.
    pub fn label(self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::Protests => "Protests",
            EventType::Riots => "Riots",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// ACLED's time_precision code (1 day, 2 week, 3 month or longer).
    pub fn acled_code(self) -> u8 {
        match self {
            Precision::Day => 1,
            Precision::Week => 2,
            Precision::Month | Precision::Year => 3,
        }
    }
}

/// Where an incident happened, as geocoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    /// The name as written in the article.
    pub name: String,
    /// The gazetteer's name for the place.
    pub matched: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub admin1: String,
    pub gazetteer_id: String,
    /// 1 the place itself, 2 near it, 3 only the region or country.
    pub geo_precision: u8,
    /// Why the geocoder chose this place ("why here").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl PlaceRef {
    /// A gazetteer place as an incident's place, under the name the text used.
    pub fn from_place(
        p: &crate::gazetteer::Place,
        name: &str,
        geo_precision: u8,
        reason: String,
    ) -> PlaceRef {
        PlaceRef {
            name: name.to_string(),
            matched: p.name.clone(),
            lat: p.lat,
            lon: p.lon,
            country: p.country.clone(),
            admin1: p.admin1.to_string(),
            gazetteer_id: p.id.clone(),
            geo_precision,
            reason,
        }
    }
}

/// One incident read from one article: the `flashpoint extract` output contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub article: String,
    pub event_type: EventType,
    pub sub_event_type: String,
    pub date: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub date_precision: Precision,
    /// No date in the text: the publication date stands in (precision week).
    pub date_assumed: bool,
    pub place: Option<PlaceRef>,
    /// The incident's place as written, when the gazetteer does not have it.
    pub unresolved_place: Option<String>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    /// The supporting sentence(s).
    pub evidence: String,
    /// Byte span of the evidence in the article text.
    pub span: [usize; 2],
}
