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
    let radius = radius.max(1.0);
    let cell = |p: Pos2| ((p.x / radius).floor() as i64, (p.y / radius).floor() as i64);
    let mut grid: rustc_hash::FxHashMap<(i64, i64), Vec<usize>> = Default::default();
    let mut seeds: Vec<Pos2> = Vec::new();
    let mut out: Vec<Cluster> = Vec::new();
    for (i, &p) in points.iter().enumerate() {
        let (cx, cy) = cell(p);
        let mut best: Option<(f32, usize)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(list) = grid.get(&(cx + dx, cy + dy)) {
                    for &c in list {
                        let d = seeds[c].distance(p);
                        if d <= radius && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
                            best = Some((d, c));
                        }
                    }
                }
            }
        }
        match best {
            Some((_, c)) => out[c].members.push(i),
            None => {
                grid.entry((cx, cy)).or_default().push(out.len());
                seeds.push(p);
                out.push(Cluster {
                    center: p,
                    members: vec![i],
                });
            }
        }
    }
    for c in &mut out {
        let n = c.members.len() as f32;
        let (sx, sy) = c
            .members
            .iter()
            .fold((0.0, 0.0), |(x, y), &i| (x + points[i].x, y + points[i].y));
        c.center = pos2(sx / n, sy / n);
    }
    out
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
