//! The incident list: the filtered incidents in a sortable table; clicking a row selects the
//! incident and centres the map on it.

use egui::{Align, Ui};
use egui_extras::{Column, TableBuilder};

use super::markers;
use super::state::{AppState, SortKey};

/// What a click in the list asks of the other panels.
pub enum ListAction {
    /// Select this incident and centre the map on it.
    Select(i64),
}

/// The list's state between frames.
#[derive(Default)]
pub struct ListPanel {
    /// Scroll to the selection at the next frame (it was selected elsewhere).
    pub reveal: bool,
}

const COLUMNS: [(SortKey, &str); 6] = [
    (SortKey::Date, "Date"),
    (SortKey::Type, "Type"),
    (SortKey::Place, "Place"),
    (SortKey::Killed, "Killed"),
    (SortKey::Injured, "Injured"),
    (SortKey::Source, "Source"),
];

impl ListPanel {
    /// Shows the table; returns a row click.
    pub fn show(&mut self, ui: &mut Ui, state: &mut AppState) -> Option<ListAction> {
        let mut action = None;
        let mut sort_by = None;
        let mut table = TableBuilder::new(ui)
            .id_salt("incident-list")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .column(Column::initial(90.0).at_least(60.0))
            .column(Column::initial(150.0).at_least(60.0))
            .column(Column::initial(130.0).at_least(60.0))
            .column(Column::initial(50.0).at_least(40.0))
            .column(Column::initial(55.0).at_least(40.0))
            .column(Column::remainder().at_least(80.0))
            .min_scrolled_height(0.0)
            .auto_shrink([false, false]);
        if self.reveal {
            self.reveal = false;
            if let Some(row) = state
                .selected
                .and_then(|id| state.visible_incidents().position(|s| s.id == id))
            {
                table = table.scroll_to_row(row, Some(Align::Center));
            }
        }
        table
            .header(20.0, |mut header| {
                for (key, name) in COLUMNS {
                    header.col(|ui| {
                        let arrow = match (state.sort.key == key, state.sort.ascending) {
                            (true, true) => " ↑",
                            (true, false) => " ↓",
                            _ => "",
                        };
                        if ui.button(format!("{name}{arrow}")).clicked() {
                            sort_by = Some(key);
                        }
                    });
                }
            })
            .body(|body| {
                let n = state.visible.len();
                body.rows(20.0, n, |mut row| {
                    let s = &state.incidents[state.visible[row.index()]];
                    let inc = &s.incident;
                    let selected = state.selected == Some(s.id);
                    row.set_selected(selected);
                    let mut clicked = false;
                    row.col(|ui| {
                        let date = inc
                            .date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "undated".into());
                        clicked |= ui.selectable_label(selected, date).clicked();
                    });
                    row.col(|ui| {
                        ui.colored_label(markers::color(inc.event_type), inc.event_type.label());
                    });
                    row.col(|ui| {
                        let place = match (&inc.place, &inc.unresolved_place) {
                            (Some(p), _) => p.matched.clone(),
                            (None, Some(u)) => format!("{u} (unresolved)"),
                            _ => String::new(),
                        };
                        ui.label(place);
                    });
                    row.col(|ui| {
                        ui.label(inc.killed.map(|k| k.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        ui.label(inc.injured.map(|k| k.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        let src = s.title.clone().unwrap_or_else(|| inc.article.clone());
                        ui.label(src);
                    });
                    if clicked || row.response().clicked() {
                        action = Some(ListAction::Select(s.id));
                    }
                });
            });
        if let Some(k) = sort_by {
            state.set_sort(k);
        }
        action
    }
}
