//! Incident extraction: from an article and its publication date to typed, dated, geocoded
//! incidents with casualties and evidence.

pub mod casualties;
pub mod dates;
pub mod events;
pub mod numbers;
pub mod text;

use crate::gazetteer::Gazetteer;
use crate::model::{Article, Incident};

/// Reads the incidents of one article.
pub fn extract(article: &Article, gazetteer: &Gazetteer) -> Vec<Incident> {
    let _ = (article, gazetteer);
    Vec::new()
}
