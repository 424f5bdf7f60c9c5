//! The Summary's preview: the report's pages as they print, painted from the very layout the PDF is
//! written from ([`PrintedPages`]), in the PDF's own font, on white paper in both themes.

use egui::epaint::{FontFamily, FontId};
use egui::{Align, Color32, CornerRadius, Key, Modifiers, Pos2, Rect, Sense, Shape, Stroke, Ui, vec2};

use crate::report::pdf::{Color, Face, Op, PrintedPages};

/// Space around and between the pages.
const GAP: f32 = 16.0;
/// Pages are drawn no larger than this (1.5 points a printed point), nor smaller than this.
const MAX_SCALE: f32 = 1.5;
const MIN_SCALE: f32 = 0.25;
/// Fitted to the width, a page is no smaller than half size, where its text is too small to read: the
/// preview scrolls sideways instead.
const MIN_READABLE_SCALE: f32 = 0.5;

/// How large the preview draws a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Zoom {
    /// As wide as the view: to read.
    #[default]
    FitWidth,
    /// A whole page in view: to see how the pages fall.
    WholePage,
}

impl Zoom {
    pub fn name(self) -> &'static str {
        match self {
            Zoom::FitWidth => "Fit width",
            Zoom::WholePage => "Whole page",
        }
    }

    pub fn purpose(self) -> &'static str {
        match self {
            Zoom::FitWidth => "Pages as wide as the view, to read them",
            Zoom::WholePage => "A whole page in view, to see how the pages fall",
        }
    }

    /// Screen points per printed point, for a page of `page` points in a view of `view` points.
    fn scale(self, page: (f32, f32), view: egui::Vec2) -> f32 {
        let fit_width = (view.x - 2.0 * GAP) / page.0;
        match self {
            Zoom::FitWidth => fit_width.clamp(MIN_READABLE_SCALE, MAX_SCALE),
            Zoom::WholePage => fit_width.min((view.y - 2.0 * GAP) / page.1).clamp(MIN_SCALE, MAX_SCALE),
        }
    }
}

/// Makes the report's font known to egui; the preview's text is drawn in it, so lines break and
/// columns line up as on paper.
pub fn install_fonts(ctx: &egui::Context) {
    for face in [Face::Regular, Face::Bold] {
        let family = egui::epaint::text::InsertFontFamily {
            family: family(face),
            priority: egui::epaint::text::FontPriority::Highest,
        };
        let data = egui::FontData::from_static(face.font_data());
        ctx.add_font(egui::epaint::text::FontInsert::new(font_name(face), data, vec![family]));
    }
}

fn font_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "report-regular",
        Face::Bold => "report-bold",
    }
}

fn family(face: Face) -> FontFamily {
    FontFamily::Name(font_name(face).into())
}

fn color32(color: Color) -> Color32 {
    Color32::from_rgb(color.0, color.1, color.2)
}

/// The laid-out report and, for screen readers, the words of each page.
pub struct PaperPreview {
    printed: PrintedPages,
    page_texts: Vec<String>,
}

impl PaperPreview {
    pub fn new(printed: PrintedPages) -> PaperPreview {
        let page_texts = printed
            .pages
            .iter()
            .map(|ops| {
                let words = ops.iter().filter_map(|op| match op {
                    Op::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                });
                words.collect::<Vec<_>>().join("\n")
            })
            .collect();
        PaperPreview { printed, page_texts }
    }

    pub fn page_count(&self) -> usize {
        self.printed.pages.len()
    }

    /// The pages one under the other on a grey desk, as large as `zoom` asks.
    pub fn ui(&self, ui: &mut Ui, zoom: Zoom) {
        let (width, height) = self.printed.size;
        // Grey in both themes, so the white pages stand out in the light one too.
        let desk = if ui.visuals().dark_mode { Color32::from_gray(24) } else { Color32::from_gray(200) };
        egui::Frame::new().fill(desk).show(ui, |ui| {
            egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
                let scale = zoom.scale(self.printed.size, ui.available_size());
                let page_size = vec2(width, height) * scale;
                let key = page_key(ui);
                ui.spacing_mut().item_spacing.y = GAP;
                ui.add_space(GAP);
                let mut page_rects = Vec::with_capacity(self.printed.pages.len());
                for (ops, text) in self.printed.pages.iter().zip(&self.page_texts) {
                    ui.horizontal(|ui| {
                        ui.add_space(((ui.available_width() - page_size.x) / 2.0).max(GAP));
                        let (rect, response) = ui.allocate_exact_size(page_size, Sense::hover());
                        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
                        if ui.is_rect_visible(rect) {
                            paint_page(ui, rect, scale, ops);
                        }
                        page_rects.push(rect);
                    });
                }
                ui.add_space(GAP);
                let screen = ui.clip_rect().height() - 2.0 * GAP;
                match (key, page_rects.first(), page_rects.last()) {
                    (Some(Key::PageDown), _, _) => ui.scroll_with_delta(vec2(0.0, -screen)),
                    (Some(Key::PageUp), _, _) => ui.scroll_with_delta(vec2(0.0, screen)),
                    (Some(Key::Home), Some(first), _) => ui.scroll_to_rect(first.expand(GAP), Some(Align::TOP)),
                    (Some(Key::End), _, Some(last)) => ui.scroll_to_rect(last.expand(GAP), Some(Align::BOTTOM)),
                    // No key for the pages, or no pages to go to.
                    (Some(_) | None, _, _) => {}
                }
            });
        });
    }
}

/// Page Up, Page Down, Home or End, when no text is being typed: they scroll the pages.
fn page_key(ui: &Ui) -> Option<Key> {
    if ui.ctx().text_edit_focused() {
        return None;
    }
    let keys = [Key::PageDown, Key::PageUp, Key::Home, Key::End];
    ui.input_mut(|input| keys.into_iter().find(|key| input.consume_key(Modifiers::NONE, *key)))
}

/// Paints one page into `rect`, `scale` screen points to a printed point; links can be clicked.
fn paint_page(ui: &Ui, rect: Rect, scale: f32, ops: &[Op]) {
    let painter = ui.painter_at(rect.expand(6.0));
    painter.add(
        egui::epaint::Shadow { offset: [0, 2], blur: 6, spread: 0, color: Color32::from_black_alpha(60) }
            .as_shape(rect, CornerRadius::ZERO),
    );
    painter.rect_filled(rect, CornerRadius::ZERO, Color32::WHITE);
    let at = |x: f32, y: f32| -> Pos2 { rect.min + vec2(x, y) * scale };
    for op in ops {
        match op {
            Op::Text { x, baseline, size, face, color, text } => {
                let galley =
                    painter.layout_no_wrap(text.clone(), FontId::new(size * scale, family(*face)), color32(*color));
                // The layout gives the baseline; egui places a galley by its top.
                let ascent = galley.rows.first().and_then(|row| row.glyphs.first()).map_or(0.0, |glyph| glyph.pos.y);
                painter.galley(at(*x, *baseline) - vec2(0.0, ascent), galley, color32(*color));
            }
            Op::Path { points, closed, fill, stroke } => {
                let points: Vec<Pos2> = points.iter().map(|&(x, y)| at(x, y)).collect();
                let stroke = stroke.map_or(Stroke::NONE, |(color, width)| Stroke::new(width * scale, color32(color)));
                let shape = match (closed, fill) {
                    (true, Some(fill)) => Shape::convex_polygon(points, color32(*fill), stroke),
                    (true, None) => Shape::closed_line(points, stroke),
                    (false, _) => Shape::line(points, stroke),
                };
                painter.add(shape);
            }
            Op::Link { x, y, w, h, url } => {
                let area = Rect::from_min_size(at(*x, *y), vec2(*w, *h) * scale);
                let link = ui.interact(area, ui.scope_id().with(("link", url, area.min.y as i32)), Sense::click());
                let link = link.on_hover_cursor(egui::CursorIcon::PointingHand).on_hover_text(url);
                if link.clicked() {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_width_fills_the_view_and_whole_page_fits_the_height() {
        let a4 = (595.0, 842.0);
        let view = vec2(2.0 * GAP + 595.0, 2.0 * GAP + 421.0);
        assert_eq!(Zoom::FitWidth.scale(a4, view), 1.0);
        assert_eq!(Zoom::WholePage.scale(a4, view), 0.5);
        let narrow = vec2(2.0 * GAP + 100.0, 2000.0);
        assert_eq!(
            Zoom::FitWidth.scale(a4, narrow),
            MIN_READABLE_SCALE,
            "scrolls sideways rather than shrink unreadably"
        );
    }

    #[test]
    fn each_page_reads_as_its_text_in_order() {
        let text = |text: &str| Op::Text {
            x: 0.0,
            baseline: 0.0,
            size: 10.0,
            face: Face::Regular,
            color: Color(0, 0, 0),
            text: text.to_owned(),
        };
        let printed = PrintedPages {
            title: "t".into(),
            size: (100.0, 200.0),
            pages: vec![vec![text("Readiness"), text("42")], vec![text("Page 2 of 2")]],
        };
        let preview = PaperPreview::new(printed);
        assert_eq!(preview.page_texts, ["Readiness\n42", "Page 2 of 2"]);
    }
}
