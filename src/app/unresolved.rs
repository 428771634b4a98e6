//! The "Unresolved places" panel: each place name the gazetteer lacked, with its sentences;
//! the user finds a gazetteer place with a search box (or takes the map's centre) and assigns
//! it in one article or everywhere, through the store's correction API.

use std::sync::Arc;
use std::thread::JoinHandle;

use egui::{RichText, Ui};

use crate::fold::fold;
use crate::gazetteer::Gazetteer;
use crate::model::PlaceRef;
use crate::store::correct::{place_from_gazetteer, place_from_point};
use crate::store::{Correction, Store, Unresolved};

/// Countries of the first region, ranked first in search results.
const REGION: [&str; 10] = ["XK", "RS", "AL", "MK", "ME", "BA", "HR", "BG", "GR", "RO"];

/// Gazetteer places for a search box: exact name matches (any of a place's names, folded),
/// then, from three letters, places whose own name starts with the query; the region's
/// countries first, then by population.
pub fn search(g: &Gazetteer, query: &str, limit: usize) -> Vec<u32> {
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, u32)> = g.lookup(&q).iter().map(|h| (true, h.place)).collect();
    if q.chars().count() >= 3 {
        for (i, p) in g.places().iter().enumerate() {
            let own = p.ascii_name.as_bytes();
            if own.len() >= q.len()
                && own[..q.len()].eq_ignore_ascii_case(q.as_bytes())
                && fold(&p.ascii_name).starts_with(&q)
            {
                found.push((false, i as u32));
            }
        }
    }
    let key = |&(exact, i): &(bool, u32)| {
        let p = g.place(i);
        (
            !exact,
            !REGION.contains(&p.country.as_str()),
            std::cmp::Reverse(p.population),
            i,
        )
    };
    found.sort_by_key(key);
    let mut out: Vec<u32> = Vec::new();
    for (_, i) in found {
        if !out.contains(&i) {
            out.push(i);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

enum GazState {
    Idle,
    Loading(JoinHandle<Result<Gazetteer, String>>),
    Ready(Arc<Gazetteer>),
    Failed(String),
}

/// The panel's state.
pub struct UnresolvedPanel {
    list: Vec<Unresolved>,
    loaded_generation: Option<u64>,
    chosen: usize,
    /// The mention whose article "Assign in …" applies to.
    mention: usize,
    query: String,
    results: Vec<u32>,
    results_for: String,
    picked: Option<u32>,
    gazetteer: GazState,
    /// The last correction made here (for the status line).
    pub message: Option<String>,
}

impl Default for UnresolvedPanel {
    fn default() -> UnresolvedPanel {
        UnresolvedPanel {
            list: Vec::new(),
            loaded_generation: None,
            chosen: 0,
            mention: 0,
            query: String::new(),
            results: Vec::new(),
            results_for: String::new(),
            picked: None,
            gazetteer: GazState::Idle,
            message: None,
        }
    }
}

/// An assignment to make.
pub struct Assign {
    pub name: String,
    /// The article key, or `None` for everywhere.
    pub article: Option<String>,
    pub place: PlaceRef,
}

impl Assign {
    /// The store correction.
    pub fn correction(self) -> Correction {
        Correction::Assign {
            name: self.name,
            article: self.article,
            place: self.place,
        }
    }
}

impl UnresolvedPanel {
    /// Uses this gazetteer for the search (tests; the app loads the default one lazily).
    pub fn set_gazetteer(&mut self, g: Arc<Gazetteer>) {
        self.gazetteer = GazState::Ready(g);
    }

    fn gazetteer(&mut self, ctx: &egui::Context) -> Option<Arc<Gazetteer>> {
        if let GazState::Loading(h) = &self.gazetteer
            && h.is_finished()
        {
            let GazState::Loading(h) = std::mem::replace(&mut self.gazetteer, GazState::Idle)
            else {
                unreachable!()
            };
            self.gazetteer = match h.join() {
                Ok(Ok(g)) => GazState::Ready(Arc::new(g)),
                Ok(Err(e)) => GazState::Failed(e),
                Err(_) => GazState::Failed("the gazetteer could not be loaded".into()),
            };
        }
        match &self.gazetteer {
            GazState::Idle => {
                let ctx = ctx.clone();
                self.gazetteer = GazState::Loading(std::thread::spawn(move || {
                    let g = Gazetteer::load_default().map_err(|e| format!("{e:#}"));
                    ctx.request_repaint();
                    g
                }));
                None
            }
            GazState::Ready(g) => Some(g.clone()),
            _ => None,
        }
    }

    /// Shows the panel; returns an assignment to make. `map_center` is (lat, lon).
    pub fn show(
        &mut self,
        ui: &mut Ui,
        store: Option<&Store>,
        generation: u64,
        map_center: (f64, f64),
    ) -> Option<Assign> {
        if self.loaded_generation != Some(generation) {
            self.loaded_generation = Some(generation);
            self.list = store.and_then(|s| s.unresolved().ok()).unwrap_or_default();
            self.chosen = self.chosen.min(self.list.len().saturating_sub(1));
        }
        if let Some(m) = &self.message {
            ui.label(RichText::new(m).weak());
        }
        if self.list.is_empty() {
            ui.label("No unresolved places.");
            return None;
        }
        let mut action = None;
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("unresolved-names")
                .max_height(220.0)
                .show(&mut cols[0], |ui| {
                    for (i, u) in self.list.iter().enumerate() {
                        let label = format!("{} ({})", u.name, u.mentions.len());
                        if ui.selectable_label(i == self.chosen, label).clicked() {
                            self.chosen = i;
                            self.mention = 0;
                            self.picked = None;
                        }
                    }
                });
            let ui = &mut cols[1];
            let Some(u) = self.list.get(self.chosen).cloned() else {
                return;
            };
            ui.label(RichText::new(format!("“{}”", u.name)).strong());
            // Click a sentence to choose the article "Assign in …" applies to.
            egui::ScrollArea::vertical()
                .id_salt("unresolved-mentions")
                .max_height(120.0)
                .show(ui, |ui| {
                    for (k, m) in u.mentions.iter().enumerate() {
                        let text = RichText::new(format!("{}: {}", m.file, m.evidence)).italics();
                        if ui.selectable_label(k == self.mention, text).clicked() {
                            self.mention = k;
                        }
                    }
                });
            let mention = u.mentions.get(self.mention).or(u.mentions.first());
            ui.horizontal(|ui| {
                let label = ui.label("Place:");
                ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("search the gazetteer")
                        .desired_width(180.0),
                )
                .labelled_by(label.id);
            });
            let g = self.gazetteer(ui.ctx());
            match (&g, &self.gazetteer) {
                (Some(g), _) => {
                    if self.results_for != self.query {
                        self.results_for = self.query.clone();
                        self.results = search(g, &self.query, 12);
                        self.picked = None;
                    }
                    for &i in &self.results {
                        let p = g.place(i);
                        let label = format!(
                            "{} · {} {} · {} · pop. {}",
                            p.name,
                            p.country,
                            p.admin1,
                            p.kind.as_str(),
                            p.population
                        );
                        if ui.selectable_label(self.picked == Some(i), label).clicked() {
                            self.picked = Some(i);
                        }
                    }
                }
                (None, GazState::Failed(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                _ => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("loading the gazetteer…");
                    });
                }
            }
            let place = match (&g, self.picked) {
                (Some(g), Some(i)) => Some(place_from_gazetteer(g.place(i))),
                _ => None,
            };
            ui.horizontal(|ui| {
                let article = mention
                    .filter(|m| m.article_id.is_some())
                    .and_then(|m| Some((store?.incident_key(m.incident_id).ok()?, &m.file)));
                ui.add_enabled_ui(place.is_some(), |ui| {
                    if ui.button("Assign everywhere").clicked() {
                        action = place.clone().map(|place| Assign {
                            name: u.name.clone(),
                            article: None,
                            place,
                        });
                    }
                    if let Some((key, file)) = &article
                        && ui.button(format!("Assign in {file}")).clicked()
                    {
                        action = place.clone().map(|place| Assign {
                            name: u.name.clone(),
                            article: Some(key.article.clone()),
                            place,
                        });
                    }
                });
                if ui
                    .button("Put at the map centre")
                    .on_hover_text("Everywhere, at the point in the middle of the map")
                    .clicked()
                {
                    action = Some(Assign {
                        name: u.name.clone(),
                        article: None,
                        place: place_from_point(map_center.0, map_center.1),
                    });
                }
            });
        });
        if let Some(a) = &action {
            self.message = Some(format!("“{}” placed at {}", a.name, a.place.matched));
            self.query.clear();
            self.picked = None;
        }
        action
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        let csv = "id,name,ascii_name,alt_names,lat,lon,kind,feature_code,country,admin1,population,source
fp:a,Drenica,Drenica,,42.7,20.8,region,ADM2,XK,Pristina,0,test
gn:1,Drenovac,Drenovac,,43.0,21.0,village,PPL,RS,Central,400,test
gn:2,Drenova,Drenova,Drenovë,40.6,20.8,village,PPL,AL,Korce,900,test
gn:3,Dresden,Dresden,,51.05,13.74,city,PPLA,DE,Saxony,500000,test
";
        let mut g = Gazetteer::default();
        g.add_reader(csv.as_bytes(), "test").unwrap();
        g
    }

    #[test]
    fn search_ranks_exact_then_region_then_population() {
        let g = gazetteer();
        let names = |q: &str| -> Vec<String> {
            search(&g, q, 10)
                .into_iter()
                .map(|i| g.place(i).name.clone())
                .collect()
        };
        assert_eq!(names("drenica"), ["Drenica"]);
        assert_eq!(names("Dre"), ["Drenova", "Drenovac", "Drenica", "Dresden"]);
        assert_eq!(names("Drenovë"), ["Drenova"]);
        assert!(names("").is_empty());
        assert!(names("Dr").is_empty());
        assert_eq!(search(&g, "Dre", 2).len(), 2);
    }
}
