//! The map's background: OpenStreetMap tiles (walkers `HttpTiles`, cached on disk) when they
//! can be created, else the bundled offline basemap: Natural Earth country borders and
//! coastlines for the Balkans (public domain) and labels of the larger places, drawn with the
//! map's projection so that the map is never blank. `assets/basemap/balkans.geojson` is built
//! by `scripts/build_basemap.py`.

use std::sync::OnceLock;

use egui::{Color32, FontId, Painter, Rect, Shape, Stroke, pos2};
use serde::{Deserialize, Serialize};
use walkers::{HttpOptions, HttpTiles, Projector, lon_lat, sources::OpenStreetMap};

/// Which background the map draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Basemap {
    /// OpenStreetMap tiles over the network (falls back to offline when unavailable).
    #[default]
    OpenStreetMap,
    /// The bundled vector basemap.
    Offline,
}

/// The attribution the tile server requires, drawn on the map.
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";
/// The credit for the offline basemap.
pub const OFFLINE_ATTRIBUTION: &str = "Borders: Natural Earth · places: GeoNames";

/// The User-Agent sent to the tile server (its usage policy asks for one naming the app).
pub fn user_agent() -> String {
    format!(
        "Flashpoint/{} (desktop map of news-reported incidents)",
        env!("CARGO_PKG_VERSION")
    )
}

/// OpenStreetMap tiles with Flashpoint's User-Agent and a disk cache in the user cache
/// directory. `Err` (instead of walkers' panic) when the HTTP client cannot be built, e.g.
/// without system CA certificates.
pub fn osm_tiles(ctx: &egui::Context) -> Result<HttpTiles, String> {
    let cache = crate::paths::cache_dir().join("tiles");
    let ua = user_agent();
    let ctx = ctx.clone();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let opts = HttpOptions {
            cache: Some(cache),
            user_agent: walkers::HeaderValue::from_str(&ua).ok(),
            ..HttpOptions::default()
        };
        HttpTiles::with_options(OpenStreetMap, opts, ctx)
    }));
    std::panic::set_hook(hook);
    made.map_err(|e| {
        let why = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "unknown error".into());
        format!("map tiles unavailable ({why}); showing the offline basemap")
    })
}

/// A border or coast line as (lon, lat) points, with its bounding box
/// (lon min, lat min, lon max, lat max).
pub type Line = (Vec<(f64, f64)>, [f64; 4]);

/// The offline basemap's data.
pub struct Offline {
    /// Border and coast lines.
    pub lines: Vec<Line>,
    /// Places: name, lon, lat, population (largest first).
    pub places: Vec<(String, f64, f64, u64)>,
}

#[derive(Deserialize)]
struct Fc {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Props,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Props {
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    population: u64,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    LineString(Vec<[f64; 2]>),
    Point([f64; 2]),
}

impl Offline {
    /// Parses a basemap GeoJSON (LineString borders, Point places).
    pub fn parse(json: &str) -> Result<Offline, serde_json::Error> {
        let fc: Fc = serde_json::from_str(json)?;
        let mut lines = Vec::new();
        let mut places = Vec::new();
        for f in fc.features {
            match (f.properties.kind.as_str(), f.geometry) {
                ("border", Geometry::LineString(c)) => {
                    let pts: Vec<(f64, f64)> = c.iter().map(|p| (p[0], p[1])).collect();
                    let bbox = pts
                        .iter()
                        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &(x, y)| {
                            [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
                        });
                    lines.push((pts, bbox));
                }
                ("place", Geometry::Point(p)) => {
                    places.push((f.properties.name, p[0], p[1], f.properties.population))
                }
                _ => {}
            }
        }
        places.sort_by_key(|p| std::cmp::Reverse(p.3));
        Ok(Offline { lines, places })
    }

    /// The bundled Balkans basemap (parsed once).
    pub fn bundled() -> &'static Offline {
        static B: OnceLock<Offline> = OnceLock::new();
        B.get_or_init(|| {
            Offline::parse(include_str!("../../assets/basemap/balkans.geojson"))
                .expect("the bundled basemap parses")
        })
    }

    /// Land colour, borders and labels for `rect` with the map's projection, as shapes (the
    /// map puts them in a slot reserved under the tiles, so that tiles cover them once
    /// loaded and the map is never blank while they are not).
    pub fn shapes(&self, painter: &Painter, projector: &Projector, rect: Rect) -> Vec<Shape> {
        let mut out = vec![Shape::rect_filled(
            rect,
            0.0,
            Color32::from_rgb(236, 232, 220),
        )];
        let a = projector.unproject(rect.left_top().to_vec2());
        let b = projector.unproject(rect.right_bottom().to_vec2());
        let (lon0, lon1) = (a.x().min(b.x()), a.x().max(b.x()));
        let (lat0, lat1) = (a.y().min(b.y()), a.y().max(b.y()));
        let stroke = Stroke::new(1.2, Color32::from_rgb(120, 110, 100));
        for (pts, bb) in &self.lines {
            if bb[2] < lon0 || bb[0] > lon1 || bb[3] < lat0 || bb[1] > lat1 {
                continue;
            }
            let screen: Vec<egui::Pos2> = pts
                .iter()
                .map(|&(lon, lat)| projector.project(lon_lat(lon, lat)).to_pos2())
                .collect();
            out.push(Shape::line(screen, stroke));
        }
        let zoom = projector.zoom();
        let min_pop = if zoom < 6.0 {
            400_000
        } else if zoom < 7.0 {
            150_000
        } else if zoom < 8.0 {
            50_000
        } else {
            0
        };
        let font = FontId::proportional(11.0);
        let mut taken: Vec<Rect> = Vec::new();
        for (name, lon, lat, pop) in &self.places {
            if *pop < min_pop {
                break;
            }
            let at = projector.project(lon_lat(*lon, *lat)).to_pos2();
            if !rect.contains(at) {
                continue;
            }
            let galley = painter.layout_no_wrap(name.clone(), font.clone(), Color32::from_gray(60));
            let label = Rect::from_min_size(pos2(at.x + 4.0, at.y - 7.0), galley.size());
            if taken.iter().any(|r| r.intersects(label)) {
                continue;
            }
            taken.push(label);
            out.push(Shape::circle_filled(at, 2.5, Color32::from_gray(70)));
            out.push(Shape::galley(label.min, galley, Color32::from_gray(60)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_basemap_has_borders_and_kosovo_places() {
        let b = Offline::bundled();
        assert!(b.lines.len() > 50, "{}", b.lines.len());
        let names: Vec<&str> = b.places.iter().map(|p| p.0.as_str()).collect();
        for n in ["Pristina", "Belgrade", "Skopje", "Tirana", "Prizren"] {
            assert!(names.contains(&n), "{n} missing");
        }
        // Largest first.
        assert!(b.places.windows(2).all(|w| w[0].3 >= w[1].3));
    }

    #[test]
    fn user_agent_names_flashpoint_and_its_version() {
        let ua = user_agent();
        assert!(ua.starts_with("Flashpoint/"));
        assert!(ua.contains(env!("CARGO_PKG_VERSION")));
        assert!(walkers::HeaderValue::from_str(&ua).is_ok());
    }
}
