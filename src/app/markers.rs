//! Marker styling (colour and shape per event type, size by casualties) and the clustering of
//! markers that overlap on screen into count badges.

use egui::{Color32, Painter, Pos2, Shape, Stroke, pos2, vec2};

use crate::model::EventType;

/// The legend colour of an event type.
pub fn color(t: EventType) -> Color32 {
    match t {
        EventType::Battles => Color32::from_rgb(214, 39, 40),
        EventType::ExplosionsRemoteViolence => Color32::from_rgb(255, 127, 14),
        EventType::ViolenceAgainstCivilians => Color32::from_rgb(148, 103, 189),
        EventType::Protests => Color32::from_rgb(31, 119, 180),
        EventType::Riots => Color32::from_rgb(227, 119, 194),
        EventType::StrategicDevelopments => Color32::from_rgb(44, 160, 44),
    }
}

/// The marker shape of an event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    Circle,
    Square,
    Diamond,
    Triangle,
    InvertedTriangle,
    Star,
}

/// The marker shape of an event type.
pub fn shape(t: EventType) -> MarkerShape {
    match t {
        EventType::Battles => MarkerShape::Square,
        EventType::ExplosionsRemoteViolence => MarkerShape::Star,
        EventType::ViolenceAgainstCivilians => MarkerShape::Circle,
        EventType::Protests => MarkerShape::Triangle,
        EventType::Riots => MarkerShape::InvertedTriangle,
        EventType::StrategicDevelopments => MarkerShape::Diamond,
    }
}

/// Marker radius in points: 5 with no casualties, growing with the square root of killed plus
/// injured, at most 16.
pub fn radius(killed: Option<u32>, injured: Option<u32>) -> f32 {
    let n = killed.unwrap_or(0) as f32 + injured.unwrap_or(0) as f32;
    (5.0 + 1.6 * n.sqrt()).min(16.0)
}

/// Paints one marker.
pub fn paint(p: &Painter, t: EventType, at: Pos2, r: f32, selected: bool) {
    let fill = color(t);
    let stroke = if selected {
        Stroke::new(3.0, Color32::YELLOW)
    } else {
        Stroke::new(1.0, Color32::from_gray(30))
    };
    let poly = |pts: Vec<Pos2>| Shape::convex_polygon(pts, fill, stroke);
    let shape = match shape(t) {
        MarkerShape::Circle => Shape::circle_filled(at, r, fill),
        MarkerShape::Square => {
            let h = r * 0.85;
            poly(vec![
                at + vec2(-h, -h),
                at + vec2(h, -h),
                at + vec2(h, h),
                at + vec2(-h, h),
            ])
        }
        MarkerShape::Diamond => poly(vec![
            at + vec2(0.0, -r),
            at + vec2(r, 0.0),
            at + vec2(0.0, r),
            at + vec2(-r, 0.0),
        ]),
        MarkerShape::Triangle => poly(vec![
            at + vec2(0.0, -r),
            at + vec2(r * 0.9, r * 0.7),
            at + vec2(-r * 0.9, r * 0.7),
        ]),
        MarkerShape::InvertedTriangle => poly(vec![
            at + vec2(-r * 0.9, -r * 0.7),
            at + vec2(r * 0.9, -r * 0.7),
            at + vec2(0.0, r),
        ]),
        MarkerShape::Star => {
            // Drawn as two overlapping triangles (each convex).
            p.add(Shape::convex_polygon(
                vec![
                    at + vec2(0.0, -r),
                    at + vec2(r * 0.9, r * 0.55),
                    at + vec2(-r * 0.9, r * 0.55),
                ],
                fill,
                stroke,
            ));
            poly(vec![
                at + vec2(-r * 0.9, -r * 0.55),
                at + vec2(r * 0.9, -r * 0.55),
                at + vec2(0.0, r),
            ])
        }
    };
    p.add(shape);
    if shape_is_circle(t) {
        p.circle_stroke(at, r, stroke);
    }
}

fn shape_is_circle(t: EventType) -> bool {
    shape(t) == MarkerShape::Circle
}

/// Paints a cluster badge with its count.
pub fn paint_badge(p: &Painter, at: Pos2, count: usize, selected: bool) {
    let r = badge_radius(count);
    p.circle(
        at,
        r,
        Color32::from_rgba_unmultiplied(40, 40, 40, 220),
        Stroke::new(
            if selected { 3.0 } else { 1.5 },
            if selected {
                Color32::YELLOW
            } else {
                Color32::WHITE
            },
        ),
    );
    p.text(
        at,
        egui::Align2::CENTER_CENTER,
        count.to_string(),
        egui::FontId::proportional(12.0),
        Color32::WHITE,
    );
}

/// Badge radius for a cluster of `count`.
pub fn badge_radius(count: usize) -> f32 {
    (9.0 + 3.0 * (count as f32).log10()).min(20.0)
}

/// Markers that overlap on screen, merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The mean of its members' positions.
    pub center: Pos2,
    /// Indices into the clustered points, in input order.
    pub members: Vec<usize>,
}

/// Groups `points` (screen positions) so that every point is within `radius` of its
/// cluster's first point: greedy over the input order with a grid of `radius` cells, so
/// O(n) and deterministic. A cluster of one is a plain marker.
pub fn cluster(points: &[Pos2], radius: f32) -> Vec<Cluster> {
    let pts: Vec<[f64; 2]> = points.iter().map(|p| [p.x as f64, p.y as f64]).collect();
    cluster_f64(&pts, radius as f64)
        .into_iter()
        .map(|(c, members)| Cluster {
            center: pos2(c[0] as f32, c[1] as f32),
            members,
        })
        .collect()
}

/// [`cluster`] over f64 points (world pixels): (centre, member indices) per cluster. A point
/// joins the nearest seed within `radius` in its own grid cell, else in the eight around it.
pub fn cluster_f64(points: &[[f64; 2]], radius: f64) -> Vec<([f64; 2], Vec<usize>)> {
    let radius = radius.max(1.0);
    let r2 = radius * radius;
    let cell = |p: [f64; 2]| {
        (
            (p[0] / radius).floor() as i64,
            (p[1] / radius).floor() as i64,
        )
    };
    let mut grid: rustc_hash::FxHashMap<(i64, i64), smallvec::SmallVec<[u32; 2]>> =
        Default::default();
    let mut seeds: Vec<[f64; 2]> = Vec::new();
    let mut out: Vec<([f64; 2], Vec<usize>)> = Vec::new();
    let d2 = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2);
    for (i, &p) in points.iter().enumerate() {
        let (cx, cy) = cell(p);
        let nearest = |list: &[u32], best: &mut Option<(f64, u32)>| {
            for &c in list {
                let d = d2(seeds[c as usize], p);
                if d <= r2 && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
                    *best = Some((d, c));
                }
            }
        };
        let mut best: Option<(f64, u32)> = None;
        if let Some(list) = grid.get(&(cx, cy)) {
            nearest(list, &mut best);
        }
        if best.is_none() {
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                if let Some(list) = grid.get(&(cx + dx, cy + dy)) {
                    nearest(list, &mut best);
                }
            }
        }
        match best {
            Some((_, c)) => out[c as usize].1.push(i),
            None => {
                grid.entry((cx, cy)).or_default().push(out.len() as u32);
                seeds.push(p);
                out.push((p, vec![i]));
            }
        }
    }
    for (c, members) in &mut out {
        let n = members.len() as f64;
        let (sx, sy) = members.iter().fold((0.0, 0.0), |(x, y), &i| {
            (x + points[i][0], y + points[i][1])
        });
        *c = [sx / n, sy / n];
    }
    out
}

/// Normalised Web Mercator coordinates (0..1, as walkers' `MercatorProjection` before it
/// scales to the zoom's world size).
pub fn mercator(lat: f64, lon: f64) -> [f64; 2] {
    use std::f64::consts::PI;
    let x = (1.0 + lon.to_radians() / PI) / 2.0;
    let y = (1.0 - lat.clamp(-85.06, 85.06).to_radians().tan().asinh() / PI) / 2.0;
    [x, y]
}

/// The filtered incidents clustered at one zoom, in normalised Mercator coordinates: built
/// when the filter or the zoom changes, then only shifted and culled while panning.
pub struct MarkerLayer {
    /// The state generation and zoom it was built for.
    pub generation: u64,
    pub zoom: f64,
    /// (normalised centre, indices into the state's incidents).
    pub clusters: Vec<([f64; 2], Vec<usize>)>,
}

impl MarkerLayer {
    /// Clusters `points` (incident index, normalised position) for a world `world_px` pixels
    /// wide, so that markers closer than `radius` screen pixels merge.
    pub fn build(
        generation: u64,
        zoom: f64,
        world_px: f64,
        points: &[(usize, [f64; 2])],
        radius: f64,
    ) -> MarkerLayer {
        let px: Vec<[f64; 2]> = points
            .iter()
            .map(|(_, p)| [p[0] * world_px, p[1] * world_px])
            .collect();
        let clusters = cluster_f64(&px, radius)
            .into_iter()
            .map(|(c, members)| {
                (
                    [c[0] / world_px, c[1] / world_px],
                    members.into_iter().map(|m| points[m].0).collect(),
                )
            })
            .collect();
        MarkerLayer {
            generation,
            zoom,
            clusters,
        }
    }

    /// Whether it must be rebuilt for this generation and zoom.
    pub fn stale(&self, generation: u64, zoom: f64) -> bool {
        self.generation != generation || (self.zoom - zoom).abs() > 0.05
    }

    /// The clusters on screen: (screen position, cluster index). `origin` is the screen
    /// position of normalised `reference`; `world_px` the world's width in pixels now.
    pub fn on_screen(
        &self,
        reference: [f64; 2],
        origin: Pos2,
        world_px: f64,
        rect: egui::Rect,
    ) -> Vec<(Pos2, usize)> {
        self.clusters
            .iter()
            .enumerate()
            .filter_map(|(k, (c, _))| {
                let x = origin.x as f64 + (c[0] - reference[0]) * world_px;
                let y = origin.y as f64 + (c[1] - reference[1]) * world_px;
                let p = pos2(x as f32, y as f32);
                rect.contains(p).then_some((p, k))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_points_merge_and_distant_ones_do_not() {
        let pts = [
            pos2(100.0, 100.0),
            pos2(105.0, 102.0),
            pos2(300.0, 300.0),
            pos2(98.0, 97.0),
            pos2(130.0, 100.0),
        ];
        let c = cluster(&pts, 12.0);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].members, vec![0, 1, 3]);
        assert_eq!(c[1].members, vec![2]);
        assert_eq!(c[2].members, vec![4]);
        assert!((c[0].center.x - 101.0).abs() < 1e-3);
        // Everything merges when the radius is large, nothing when it is tiny.
        assert_eq!(cluster(&pts, 1000.0).len(), 1);
        assert_eq!(cluster(&pts, 1.0).len(), 5);
        assert!(cluster(&[], 10.0).is_empty());
    }

    #[test]
    fn clustering_covers_every_point_once_and_is_fast() {
        let pts: Vec<Pos2> = (0..100_000)
            .map(|i| {
                let i = i as f32;
                pos2((i * 7.31) % 1600.0, (i * 3.17) % 900.0)
            })
            .collect();
        let t = std::time::Instant::now();
        let c = cluster(&pts, 14.0);
        let took = t.elapsed();
        let mut seen: Vec<usize> = c.iter().flat_map(|c| c.members.iter().copied()).collect();
        seen.sort();
        assert_eq!(seen, (0..pts.len()).collect::<Vec<_>>());
        for cl in &c {
            let seed = pts[cl.members[0]];
            assert!(cl.members.iter().all(|&i| pts[i].distance(seed) <= 14.0));
        }
        assert!(took.as_millis() < 2000, "{took:?}");
    }

    #[test]
    fn mercator_matches_walkers_and_layers_shift_while_panning() {
        use walkers::Projection as _;
        let p = walkers::MercatorProjection.project(walkers::lat_lon(42.6, 20.9), 3.0);
        let m = mercator(42.6, 20.9);
        let world = walkers::MercatorProjection
            .project(walkers::lat_lon(0.0, 180.0), 3.0)
            .x();
        assert!((m[0] * world - p.x()).abs() < 1e-6 && (m[1] * world - p.y()).abs() < 1e-6);
        let pts = [
            (7, mercator(42.60, 20.90)),
            (8, mercator(42.601, 20.901)),
            (9, mercator(44.8, 20.46)),
        ];
        let world = 256.0 * 2f64.powi(8);
        let layer = MarkerLayer::build(1, 8.0, world, &pts, 14.0);
        assert_eq!(layer.clusters.len(), 2);
        assert_eq!(layer.clusters[0].1, vec![7, 8]);
        assert!(!layer.stale(1, 8.02) && layer.stale(1, 8.5) && layer.stale(2, 8.0));
        let rect = egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(800.0, 600.0));
        let on = layer.on_screen(pts[0].1, pos2(400.0, 300.0), world, rect);
        assert_eq!(on.len(), 1);
        assert_eq!(on[0].1, 0);
        assert!((on[0].0.x - 400.0).abs() < 2.0);
    }

    #[test]
    fn sizes_and_styles() {
        assert_eq!(radius(None, None), 5.0);
        assert!(radius(Some(4), None) > radius(Some(1), None));
        assert_eq!(radius(Some(100_000), None), 16.0);
        let colors: std::collections::BTreeSet<_> = EventType::ALL
            .iter()
            .map(|&t| color(t).to_array())
            .collect();
        assert_eq!(colors.len(), 6);
    }
}
