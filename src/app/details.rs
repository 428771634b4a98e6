//! The details panel: the selected incident's type, date with its precision, place and why
//! the geocoder chose it, casualties across the event's sources, and every source article
//! with the evidence highlighted in its text.

use std::collections::HashMap;

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat, Ui};

use super::markers;
use super::state::{AppState, casualties_label, date_label, geo_precision_label};
use crate::model::{EventType, Precision};
use crate::store::{Casualties, Correction, Store};

/// Article texts read so far (by article id) and the correction form.
#[derive(Default)]
pub struct DetailsPanel {
    texts: HashMap<i64, String>,
    edit: Option<Edit>,
}

/// The correction form's fields for one incident.
struct Edit {
    id: i64,
    event_type: EventType,
    date: String,
    precision: Precision,
}

impl DetailsPanel {
    /// Forgets cached texts (after an import re-extracted articles).
    pub fn clear(&mut self) {
        self.texts.clear();
    }

    fn text(&mut self, store: Option<&Store>, article_id: i64) -> Option<&str> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.texts.entry(article_id) {
            e.insert(store?.article_text(article_id).ok()?);
        }
        self.texts.get(&article_id).map(String::as_str)
    }

    /// Shows the selection (or a hint when nothing is selected); returns a correction the
    /// user asked for.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        store: Option<&Store>,
        map_center: (f64, f64),
    ) -> Option<Correction> {
        let Some(sel) = state.selection() else {
            ui.label("Click a marker or a row of the list to see its details.");
            return None;
        };
        let correction = self.edit_form(ui, sel, map_center);
        let inc = &sel.incident;
        ui.label(
            RichText::new(inc.event_type.label())
                .heading()
                .color(markers::color(inc.event_type)),
        );
        if !inc.sub_event_type.is_empty() {
            ui.label(format!(
                "Sub-type: {}",
                inc.sub_event_type.replace('_', " ")
            ));
        }
        let mut date = format!(
            "Date: {}",
            date_label(inc.date, inc.date_end, inc.date_precision)
        );
        if inc.date_assumed {
            date.push_str(" (no date in the text: the publication date)");
        }
        ui.label(date);
        match (&inc.place, &inc.unresolved_place) {
            (Some(p), _) => {
                let mut line = format!("Place: {}", p.matched);
                if !p.name.is_empty() && p.name != p.matched {
                    line.push_str(&format!(" (written “{}”)", p.name));
                }
                let region: Vec<&str> = [p.admin1.as_str(), p.country.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                if !region.is_empty() {
                    line.push_str(&format!(", {}", region.join(", ")));
                }
                ui.label(line);
                ui.label(format!(
                    "Geo precision: {} ({})",
                    p.geo_precision,
                    geo_precision_label(p.geo_precision)
                ));
                ui.label(format!("{:.4}, {:.4} · {}", p.lat, p.lon, p.gazetteer_id));
                if !p.reason.is_empty() {
                    ui.label(format!("Why here: {}", p.reason));
                }
            }
            (None, Some(u)) => {
                ui.label(format!("Place: “{u}” is not in the gazetteer (unresolved)"));
            }
            (None, None) => {
                ui.label("Place: none given");
            }
        }
        let event = state.event_of(sel.id);
        let (killed, injured, n) = match event {
            Some(e) => (e.killed, e.injured, e.sources.len()),
            None => (
                Casualties::of(inc.killed.into_iter().collect()),
                Casualties::of(inc.injured.into_iter().collect()),
                1,
            ),
        };
        ui.label(format!(
            "Killed: {} · Injured: {}{}",
            casualties_label(&killed),
            casualties_label(&injured),
            if n > 1 {
                format!(" (low–high across {n} sources)")
            } else {
                String::new()
            }
        ));
        ui.separator();
        ui.label(RichText::new(if n > 1 { "Sources" } else { "Source" }).strong());
        let ids: Vec<i64> = match event {
            Some(e) => e.incidents.clone(),
            None => vec![sel.id],
        };
        for id in ids {
            let Some(s) = state.incident(id) else {
                continue;
            };
            let title = s
                .title
                .clone()
                .unwrap_or_else(|| s.incident.article.clone());
            let mut meta = Vec::new();
            if let Some(src) = &s.source {
                meta.push(src.clone());
            }
            if let Some(p) = s.published {
                meta.push(p.format("%-d %B %Y").to_string());
            }
            ui.label(RichText::new(&title).strong());
            if !meta.is_empty() {
                ui.label(RichText::new(meta.join(" · ")).weak());
            }
            if let Some(url) = &s.url {
                ui.hyperlink(url);
            }
            ui.label(RichText::new(format!("“{}”", s.incident.evidence)).italics());
            let text = s
                .article_id
                .and_then(|a| self.text(store, a).map(str::to_string));
            if let Some(text) = text {
                egui::CollapsingHeader::new("Article text")
                    .id_salt(("article", id))
                    .default_open(id == sel.id)
                    .show(ui, |ui| {
                        ui.label(highlighted(
                            &text,
                            s.incident.span,
                            &s.incident.evidence,
                            ui.visuals().text_color(),
                        ));
                    });
            }
            ui.add_space(6.0);
        }
        correction
    }

    /// "Correct": type, date, hide, through the store's correction API.
    fn edit_form(
        &mut self,
        ui: &mut Ui,
        sel: &crate::store::StoredIncident,
        map_center: (f64, f64),
    ) -> Option<Correction> {
        let inc = &sel.incident;
        if self.edit.as_ref().is_none_or(|e| e.id != sel.id) {
            self.edit = Some(Edit {
                id: sel.id,
                event_type: inc.event_type,
                date: inc.date.map(|d| d.to_string()).unwrap_or_default(),
                precision: inc.date_precision,
            });
        }
        let e = self.edit.as_mut()?;
        let target = sel.key.clone();
        let mut out = None;
        egui::CollapsingHeader::new("Correct")
            .id_salt("correct-form")
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    egui::ComboBox::from_id_salt("correct-type")
                        .selected_text(e.event_type.label())
                        .show_ui(ui, |ui| {
                            for t in EventType::ALL {
                                ui.selectable_value(&mut e.event_type, t, t.label());
                            }
                        });
                    if ui
                        .add_enabled(
                            e.event_type != inc.event_type,
                            egui::Button::new("Set type"),
                        )
                        .clicked()
                    {
                        out = Some(Correction::Retype {
                            target: target.clone(),
                            event_type: e.event_type,
                            sub_event_type: None,
                        });
                    }
                });
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut e.date)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(90.0),
                    );
                    egui::ComboBox::from_id_salt("correct-precision")
                        .selected_text(e.precision.as_str())
                        .show_ui(ui, |ui| {
                            for p in [
                                Precision::Day,
                                Precision::Week,
                                Precision::Month,
                                Precision::Year,
                            ] {
                                ui.selectable_value(&mut e.precision, p, p.as_str());
                            }
                        });
                    let parsed = e.date.trim().parse::<chrono::NaiveDate>().ok();
                    if ui
                        .add_enabled(parsed.is_some(), egui::Button::new("Set date"))
                        .clicked()
                        && let Some(date) = parsed
                    {
                        out = Some(Correction::Redate {
                            target: target.clone(),
                            date,
                            date_end: None,
                            precision: e.precision,
                        });
                    }
                });
                if ui
                    .button("Move to the map centre")
                    .on_hover_text("Pan the map to the right spot first")
                    .clicked()
                {
                    out = Some(Correction::Move {
                        target: target.clone(),
                        place: crate::store::correct::place_from_point(map_center.0, map_center.1),
                    });
                }
                if ui.button("Hide this incident").clicked() {
                    out = Some(Correction::Hide {
                        target: target.clone(),
                    });
                }
            });
        out
    }
}

/// Where the evidence is in the article: its byte span when that is valid, else where the
/// evidence's first sentence occurs.
pub fn evidence_range(text: &str, span: [usize; 2], evidence: &str) -> Option<(usize, usize)> {
    let [a, b] = span;
    if a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
        return Some((a, b));
    }
    let first = evidence.split(" … ").next().unwrap_or(evidence).trim();
    if first.is_empty() {
        return None;
    }
    text.find(first).map(|i| (i, i + first.len()))
}

/// The article text with the evidence highlighted.
pub fn highlighted(text: &str, span: [usize; 2], evidence: &str, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let plain = TextFormat {
        font_id: FontId::proportional(13.0),
        color,
        ..Default::default()
    };
    let mark = TextFormat {
        background: Color32::from_rgb(255, 236, 140),
        color: Color32::BLACK,
        ..plain.clone()
    };
    match evidence_range(text, span, evidence) {
        Some((a, b)) => {
            job.append(&text[..a], 0.0, plain.clone());
            job.append(&text[a..b], 0.0, mark);
            job.append(&text[b..], 0.0, plain);
        }
        None => job.append(text, 0.0, plain),
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_range_uses_the_span_or_finds_the_sentence() {
        let t = "Intro. Police fired on Peć protesters. End.";
        let ev = "Police fired on Peć protesters.";
        let a = t.find(ev).unwrap();
        assert_eq!(
            evidence_range(t, [a, a + ev.len()], ev),
            Some((a, a + ev.len()))
        );
        // A span that cuts a character or runs past the end: found by text instead.
        assert_eq!(evidence_range(t, [a, 999], ev), Some((a, a + ev.len())));
        let inside_c = t.find('ć').unwrap() + 1;
        assert_eq!(
            evidence_range(t, [a, inside_c], ev),
            Some((a, a + ev.len()))
        );
        assert_eq!(evidence_range(t, [0, 0], "missing"), None);
        let job = highlighted(t, [a, a + ev.len()], ev, Color32::WHITE);
        assert_eq!(job.text, t);
        assert_eq!(job.sections.len(), 3);
    }
}
