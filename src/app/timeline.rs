//! The timeline: incidents per day, month or year (chosen by the span) over the whole data
//! set, the filtered share darker, the date filter shaded; dragging across it (a brush) sets
//! the date range, a double click clears it.

use chrono::NaiveDate;
use egui::{Color32, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::state::{AppState, Bin};

/// Brush state between frames.
#[derive(Default)]
pub struct TimelinePanel {
    drag_from: Option<f32>,
    /// The bins of the state generation they were computed for.
    cache: Option<(u64, Vec<Bin>)>,
}

/// The bin under screen x in `rect` for `n` bins.
fn bin_at(rect: Rect, n: usize, x: f32) -> usize {
    let f = ((x - rect.left()) / rect.width()).clamp(0.0, 0.9999);
    ((f * n as f32) as usize).min(n.saturating_sub(1))
}

/// The date range covered by bins `a..=b` (either order).
pub fn brushed_range(bins: &[Bin], a: usize, b: usize) -> Option<(NaiveDate, NaiveDate)> {
    let (lo, hi) = (a.min(b), a.max(b));
    Some((bins.get(lo)?.start, bins.get(hi)?.end))
}

impl TimelinePanel {
    /// Shows the histogram in the available width.
    pub fn show(&mut self, ui: &mut Ui, state: &mut AppState) {
        if self.cache.as_ref().is_none_or(|c| c.0 != state.generation) {
            self.cache = Some((state.generation, state.timeline()));
        }
        let bins = self.cache.as_ref().map(|c| c.1.clone()).unwrap_or_default();
        let size = vec2(
            ui.available_width(),
            70.0_f32.min(ui.available_height()).max(40.0),
        );
        let (resp, painter) = ui.allocate_painter(size, Sense::click_and_drag());
        let rect = resp.rect;
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        if bins.is_empty() {
            return;
        }
        let plot = Rect::from_min_max(rect.min + vec2(0.0, 2.0), rect.max - vec2(0.0, 14.0));
        let n = bins.len();
        let w = plot.width() / n as f32;
        let max = bins.iter().map(|b| b.total).max().unwrap_or(1).max(1) as f32;
        let (from, to) = (state.filter.from, state.filter.to);
        for (i, b) in bins.iter().enumerate() {
            let x0 = plot.left() + i as f32 * w;
            let col = Rect::from_min_max(pos2(x0, plot.top()), pos2(x0 + w, plot.bottom()));
            let in_range = from.is_none_or(|f| b.end >= f) && to.is_none_or(|t| b.start <= t);
            if (from.is_some() || to.is_some()) && in_range {
                painter.rect_filled(col, 0.0, Color32::from_rgba_unmultiplied(255, 210, 80, 60));
            }
            let bar = |count: u64| {
                let h = plot.height() * count as f32 / max;
                Rect::from_min_max(
                    pos2(x0 + w * 0.1, plot.bottom() - h),
                    pos2(x0 + w * 0.9, plot.bottom()),
                )
            };
            painter.rect_filled(bar(b.total), 0.0, Color32::from_gray(170));
            painter.rect_filled(bar(b.shown), 0.0, Color32::from_rgb(31, 119, 180));
        }
        // Year ticks (every year with room for its label).
        let mut last_x = f32::MIN;
        for (i, b) in bins.iter().enumerate() {
            let x = plot.left() + i as f32 * w;
            let first_of_year = i == 0
                || bins[i - 1].start.format("%Y").to_string() != b.start.format("%Y").to_string();
            if first_of_year && x - last_x > 34.0 {
                last_x = x;
                painter.line_segment(
                    [pos2(x, plot.bottom()), pos2(x, plot.bottom() + 3.0)],
                    Stroke::new(1.0, ui.visuals().weak_text_color()),
                );
                painter.text(
                    pos2(x + 2.0, rect.bottom()),
                    egui::Align2::LEFT_BOTTOM,
                    b.start.format("%Y").to_string(),
                    egui::FontId::proportional(10.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
        // Brush.
        if resp.drag_started()
            && let Some(p) = resp.interact_pointer_pos()
        {
            self.drag_from = Some(p.x);
        }
        if let (Some(x0), Some(p)) = (self.drag_from, resp.interact_pointer_pos()) {
            let a = Rect::from_x_y_ranges(x0.min(p.x)..=x0.max(p.x), plot.y_range());
            painter.rect_stroke(
                a,
                0.0,
                Stroke::new(1.0, Color32::from_rgb(200, 120, 0)),
                egui::StrokeKind::Inside,
            );
            if resp.drag_stopped() {
                self.drag_from = None;
                if let Some((f, t)) =
                    brushed_range(&bins, bin_at(plot, n, x0), bin_at(plot, n, p.x))
                {
                    state.filter.from = Some(f);
                    state.filter.to = Some(t);
                    state.recompute();
                }
            }
        }
        if resp.double_clicked() {
            state.filter.from = None;
            state.filter.to = None;
            state.recompute();
        }
        if let Some(p) = resp.hover_pos() {
            let b = &bins[bin_at(plot, n, p.x)];
            resp.on_hover_text_at_pointer(format!(
                "{} – {}: {} of {} shown\nDrag to select dates; double-click to clear",
                b.start, b.end, b.shown, b.total
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brush_covers_whole_bins_in_either_direction() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let bins = super::super::state::bins(
            d("2001-01-01"),
            d("2003-06-01"),
            super::super::state::BinUnit::Year,
            std::iter::empty(),
        );
        assert_eq!(
            brushed_range(&bins, 2, 1),
            Some((d("2002-01-01"), d("2003-12-31")))
        );
        assert_eq!(brushed_range(&bins, 0, 9), None);
        let r = Rect::from_min_max(pos2(0.0, 0.0), pos2(300.0, 10.0));
        assert_eq!(bin_at(r, 3, -5.0), 0);
        assert_eq!(bin_at(r, 3, 150.0), 1);
        assert_eq!(bin_at(r, 3, 400.0), 2);
    }
}
