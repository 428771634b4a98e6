//! The map panel: walkers map, background (tiles or offline basemap), markers and cluster
//! badges for the filtered incidents, hover tooltip, click to select, legend, attribution.

use egui::{Color32, Pos2, Rect, RichText, Ui, pos2, vec2};
use serde::{Deserialize, Serialize};
use walkers::{HttpTiles, Map, MapMemory, Projector, Tiles, lat_lon, lon_lat};

use super::basemap::{self, Basemap, Offline};
use super::markers::{self, MarkerLayer};
use super::state::{AppState, date_label};
use crate::model::EventType;

/// Where the map looks (persisted).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub lat: f64,
    pub lon: f64,
    pub zoom: f64,
}

impl Default for View {
    /// Kosovo.
    fn default() -> View {
        View {
            lat: 42.6,
            lon: 20.9,
            zoom: 8.0,
        }
    }
}

/// Markers closer than this on screen (points) are shown as one badge.
pub const CLUSTER_RADIUS: f32 = 14.0;

/// The map panel's own state.
pub struct MapPanel {
    memory: MapMemory,
    tiles: Option<HttpTiles>,
    /// Why tiles are unavailable (shown once, then offline).
    pub tiles_error: Option<String>,
    tiles_tried: bool,
    /// Whether creating tiles may be tried at all (tests and `--offline` say no).
    pub allow_tiles: bool,
    pub basemap: Basemap,
    /// A position to centre on at the next frame.
    pending_center: Option<(f64, f64)>,
    /// The clustered markers of the current filter and zoom.
    layer: Option<MarkerLayer>,
    /// What the last frame drew: screen position and incident ids of each marker or badge.
    pub drawn: Vec<(Pos2, Vec<i64>)>,
}

impl MapPanel {
    /// A map looking at `view`.
    pub fn new(view: View, basemap: Basemap, allow_tiles: bool) -> MapPanel {
        let mut memory = MapMemory::default();
        memory.center_at(lat_lon(view.lat, view.lon));
        memory.set_zoom(view.zoom).ok();
        MapPanel {
            memory,
            tiles: None,
            tiles_error: None,
            tiles_tried: false,
            allow_tiles,
            basemap: if allow_tiles {
                basemap
            } else {
                Basemap::Offline
            },
            pending_center: None,
            layer: None,
            drawn: Vec::new(),
        }
    }

    /// The current view, for persistence.
    pub fn view(&self) -> View {
        let c = self
            .memory
            .detached()
            .unwrap_or(lon_lat(View::default().lon, View::default().lat));
        View {
            lat: c.y(),
            lon: c.x(),
            zoom: self.memory.zoom(),
        }
    }

    /// Centres the map on a point at the next frame.
    pub fn center_on(&mut self, lat: f64, lon: f64) {
        self.pending_center = Some((lat, lon));
    }

    /// Whether the offline basemap is what is drawn.
    pub fn offline(&self) -> bool {
        self.basemap == Basemap::Offline || self.tiles.is_none()
    }

    /// Draws the map; hover shows a tooltip, a click selects a marker or zooms into a badge.
    pub fn show(&mut self, ui: &mut Ui, state: &mut AppState) {
        if self.basemap == Basemap::OpenStreetMap && !self.tiles_tried {
            self.tiles_tried = true;
            if self.allow_tiles {
                match basemap::osm_tiles(ui.ctx()) {
                    Ok(t) => self.tiles = Some(t),
                    Err(e) => self.tiles_error = Some(e),
                }
            } else {
                self.tiles_error = Some("map tiles off; showing the offline basemap".into());
            }
        }
        if let Some((lat, lon)) = self.pending_center.take() {
            self.memory.center_at(lat_lon(lat, lon));
        }
        let offline = self.offline();
        let tiles: Option<&mut dyn Tiles> = match (&mut self.tiles, offline) {
            (Some(t), false) => Some(t),
            _ => None,
        };
        let home = lon_lat(View::default().lon, View::default().lat);
        let mut clicked: Option<i64> = None;
        let mut zoom_to: Option<walkers::Position> = None;
        let layer = &mut self.layer;
        let drawn = &mut self.drawn;
        // A slot under the tiles for the offline basemap, filled once the projection is known.
        let under = ui.painter().add(egui::Shape::Noop);
        Map::new(tiles, &mut self.memory, home)
            .zoom_with_ctrl(false)
            .show(ui, |ui, response, projector, _memory| {
                let rect = response.rect;
                let painter = ui.painter().with_clip_rect(rect);
                painter.set(under, Offline::bundled().shapes(&painter, projector, rect));
                let (hit, zoom) =
                    draw_markers(layer, drawn, response, projector, &painter, rect, state);
                clicked = hit;
                zoom_to = zoom.map(|p| projector.unproject(p.to_vec2()));
                legend(ui, rect);
                let credit = if offline {
                    basemap::OFFLINE_ATTRIBUTION.to_string()
                } else {
                    format!(
                        "{} · {}",
                        basemap::OSM_ATTRIBUTION,
                        basemap::OFFLINE_ATTRIBUTION
                    )
                };
                attribution(&painter, rect, &credit);
            });
        if let Some(id) = clicked {
            state.selected = Some(id);
        }
        if let Some(p) = zoom_to {
            // A badge was clicked: zoom in on it so that it expands.
            self.memory.center_at(p);
            self.memory.zoom_in().ok();
            self.memory.zoom_in().ok();
        }
    }
}

/// Draws the filtered incidents on screen, clustered (the layer is rebuilt when the filter or
/// the zoom changes), and returns the clicked incident (a marker) and a badge to zoom into.
fn draw_markers(
    layer: &mut Option<MarkerLayer>,
    drawn: &mut Vec<(Pos2, Vec<i64>)>,
    response: &egui::Response,
    projector: &Projector,
    painter: &egui::Painter,
    rect: Rect,
    state: &AppState,
) -> (Option<i64>, Option<Pos2>) {
    let zoom = projector.zoom();
    let world_px = projector
        .projection()
        .project(lon_lat(180.0, 0.0), zoom)
        .x();
    if layer
        .as_ref()
        .is_none_or(|l| l.stale(state.generation, zoom))
    {
        *layer = Some(MarkerLayer::build(
            state.generation,
            zoom,
            world_px,
            &layer_points(state),
            CLUSTER_RADIUS as f64,
        ));
    }
    let Some(layer) = layer.as_ref() else {
        return (None, None);
    };
    let center = projector.unproject(rect.center().to_vec2());
    let reference = markers::mercator(center.y(), center.x());
    let on = layer.on_screen(
        reference,
        rect.center(),
        world_px,
        rect.expand(CLUSTER_RADIUS),
    );
    let hover = response.hover_pos();
    let mut hovered: Option<(Pos2, &[usize])> = None;
    let selected = state.selected;
    drawn.clear();
    for &(at, k) in &on {
        let members = &layer.clusters[k].1;
        drawn.push((at, members.iter().map(|&i| state.incidents[i].id).collect()));
        let is_sel = members
            .iter()
            .any(|&i| Some(state.incidents[i].id) == selected);
        let r = if members.len() == 1 {
            let s = &state.incidents[members[0]];
            let r = markers::radius(s.incident.killed, s.incident.injured);
            markers::paint(painter, s.incident.event_type, at, r, is_sel);
            r
        } else {
            markers::paint_badge(painter, at, members.len(), is_sel);
            markers::badge_radius(members.len())
        };
        if hover.is_some_and(|h| h.distance(at) <= r + 2.0) {
            hovered = Some((at, members));
        }
    }
    let Some((at, ids)) = hovered else {
        return (None, None);
    };
    response.clone().on_hover_ui_at_pointer(|ui| {
        for &i in ids.iter().take(6) {
            let inc = &state.incidents[i].incident;
            let place = inc
                .place
                .as_ref()
                .map(|p| p.matched.clone())
                .or(inc.unresolved_place.clone())
                .unwrap_or_default();
            ui.label(
                RichText::new(inc.event_type.label())
                    .strong()
                    .color(markers::color(inc.event_type)),
            );
            ui.label(format!(
                "{} · {}",
                date_label(inc.date, inc.date_end, inc.date_precision),
                place
            ));
        }
        if ids.len() > 6 {
            ui.label(format!("… and {} more; click to zoom in", ids.len() - 6));
        }
    });
    if response.clicked() {
        let spot = |i: usize| {
            let p = state.incidents[i].incident.place.as_ref();
            p.map(|p| (p.lat, p.lon))
        };
        let same_spot = ids.iter().all(|&i| spot(i) == spot(ids[0]));
        if ids.len() == 1 || same_spot || zoom >= 17.0 {
            // Repeated clicks on a badge at one spot walk through its incidents.
            let pos = ids
                .iter()
                .position(|&i| Some(state.incidents[i].id) == state.selected)
                .map(|p| (p + 1) % ids.len())
                .unwrap_or(0);
            return (Some(state.incidents[ids[pos]].id), None);
        }
        return (None, Some(at));
    }
    (None, None)
}

/// (index into `state.incidents`, normalised Mercator position) of the filtered incidents
/// that have a place.
pub fn layer_points(state: &AppState) -> Vec<(usize, [f64; 2])> {
    state
        .visible
        .iter()
        .filter_map(|&i| state.mercator.get(i).copied().flatten().map(|m| (i, m)))
        .collect()
}

fn legend(ui: &mut Ui, rect: Rect) {
    let area = Rect::from_min_size(rect.left_top() + vec2(8.0, 8.0), vec2(190.0, 130.0));
    let painter = ui.painter();
    painter.rect_filled(
        area,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 215),
    );
    for (k, t) in EventType::ALL.into_iter().enumerate() {
        let y = area.top() + 12.0 + k as f32 * 19.0;
        markers::paint(painter, t, pos2(area.left() + 14.0, y), 6.0, false);
        painter.text(
            pos2(area.left() + 28.0, y),
            egui::Align2::LEFT_CENTER,
            t.label(),
            egui::FontId::proportional(12.0),
            Color32::from_gray(20),
        );
    }
}

fn attribution(painter: &egui::Painter, rect: Rect, text: &str) {
    let galley = painter.layout_no_wrap(
        text.to_string(),
        egui::FontId::proportional(11.0),
        Color32::from_gray(20),
    );
    let size = galley.size() + vec2(8.0, 4.0);
    let min = rect.right_bottom() - size;
    painter.rect_filled(
        Rect::from_min_size(min, size),
        2.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 200),
    );
    painter.galley(min + vec2(4.0, 2.0), galley, Color32::from_gray(20));
}
