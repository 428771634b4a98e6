//! The filters panel: text search, date range, year buttons with counts, event type boxes
//! with counts and legend colours. Every change recomputes the state at once.

use chrono::{Datelike, NaiveDate};
use egui::{Color32, RichText, Ui};

use super::markers;
use super::state::AppState;

/// Text of the date fields while being typed.
#[derive(Default)]
pub struct FiltersPanel {
    from: String,
    to: String,
    shown: (Option<NaiveDate>, Option<NaiveDate>),
}

/// "2004 (37)", the label of a year button.
pub fn year_label(year: Option<i32>, n: u64) -> String {
    match year {
        Some(y) => format!("{y} ({n})"),
        None => format!("undated ({n})"),
    }
}

/// "Riots (12)", the label of a type box.
pub fn type_label(t: crate::model::EventType, n: u64) -> String {
    format!("{} ({n})", t.label())
}

impl FiltersPanel {
    /// Shows the filters; changes apply to `state` immediately.
    pub fn show(&mut self, ui: &mut Ui, state: &mut AppState) {
        let mut changed = false;
        let label = ui.label(RichText::new("Search").strong());
        changed |= ui
            .add(
                egui::TextEdit::singleline(&mut state.filter.text)
                    .hint_text("place, evidence, title")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
            .changed();

        ui.add_space(4.0);
        ui.label(RichText::new("Dates").strong());
        if self.shown != (state.filter.from, state.filter.to) {
            self.shown = (state.filter.from, state.filter.to);
            self.from = state.filter.from.map(|d| d.to_string()).unwrap_or_default();
            self.to = state.filter.to.map(|d| d.to_string()).unwrap_or_default();
        }
        changed |= date_field(ui, "From", &mut self.from, &mut state.filter.from);
        changed |= date_field(ui, "To", &mut self.to, &mut state.filter.to);
        if (state.filter.from.is_some() || state.filter.to.is_some())
            && ui.button("Clear dates").clicked()
        {
            state.filter.from = None;
            state.filter.to = None;
            changed = true;
        }
        self.shown = (state.filter.from, state.filter.to);

        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Years").strong());
            if !state.filter.years.is_empty() && ui.small_button("all").clicked() {
                state.filter.years.clear();
                changed = true;
            }
        });
        let mut toggle = None;
        ui.horizontal_wrapped(|ui| {
            for &(y, n) in &state.year_counts {
                let Some(year) = y else {
                    ui.label(RichText::new(year_label(y, n)).weak());
                    continue;
                };
                let on = state.filter.years.contains(&year);
                if ui.selectable_label(on, year_label(y, n)).clicked() {
                    toggle = Some(year);
                }
            }
        });
        if let Some(y) = toggle {
            if !state.filter.years.remove(&y) {
                state.filter.years.insert(y);
            }
            changed = true;
        }

        ui.add_space(4.0);
        ui.label(RichText::new("Event types").strong());
        let counts = state.type_counts.clone();
        for (t, n) in counts {
            ui.horizontal(|ui| {
                let (r, p) = ui.allocate_painter(egui::vec2(14.0, 14.0), egui::Sense::hover());
                markers::paint(&p, t, r.rect.center(), 5.5, false);
                let mut on = state.filter.types.contains(&t);
                if ui.checkbox(&mut on, type_label(t, n)).changed() {
                    if on {
                        state.filter.types.insert(t);
                    } else {
                        state.filter.types.remove(&t);
                    }
                    changed = true;
                }
            });
        }
        if changed {
            state.recompute();
        }
    }
}

/// A YYYY-MM-DD field: the filter changes when the text parses (or is emptied).
fn date_field(ui: &mut Ui, label: &str, text: &mut String, value: &mut Option<NaiveDate>) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(format!("{label}:"));
        // The calendar beside the field (egui_extras' date picker works on jiff dates).
        let mut picked = value
            .and_then(|d| {
                jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8).ok()
            })
            .unwrap_or_else(|| jiff::civil::date(2000, 1, 1));
        let picker = egui_extras::DatePickerButton::new(&mut picked)
            .id_salt(label)
            .show_icon(false)
            .format("pick")
            .calendar_week(false);
        if ui.add(picker).changed() {
            let d = NaiveDate::from_ymd_opt(
                i32::from(picked.year()),
                picked.month() as u32,
                picked.day() as u32,
            );
            if d.is_some() && d != *value {
                *value = d;
                *text = d.map(|d| d.to_string()).unwrap_or_default();
                changed = true;
            }
        }
        let bad = !text.trim().is_empty() && text.trim().parse::<NaiveDate>().is_err();
        let edit = egui::TextEdit::singleline(text)
            .hint_text("YYYY-MM-DD")
            .desired_width(100.0)
            .text_color_opt(bad.then_some(Color32::RED));
        if ui.add(edit).changed() {
            let t = text.trim();
            let parsed = if t.is_empty() {
                Some(None)
            } else {
                t.parse::<NaiveDate>().ok().map(Some)
            };
            if let Some(v) = parsed
                && v != *value
            {
                *value = v;
                changed = true;
            }
        }
    });
    changed
}
