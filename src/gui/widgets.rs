//! Small pieces the views share: badges, bars, colours.

use egui::{Color32, CornerRadius, Ui};

use crate::progress::Status;
use crate::{Stage, Weight};

pub use super::theme::stage_color;

/// A small rounded label of a fixed width, so badges line up in columns. `strong` fills it with
/// `color`, otherwise it is outlined.
pub fn badge(ui: &mut Ui, text: &str, width: f32, color: Color32, strong: bool) -> egui::Response {
    let (fill, fg) = if strong { (color, Color32::WHITE) } else { (Color32::TRANSPARENT, color) };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 18.0), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect(rect, CornerRadius::same(4), fill, egui::Stroke::new(1.0, color), egui::StrokeKind::Inside);
    painter.text(rect.center(), egui::Align2::CENTER_CENTER, text, egui::FontId::proportional(11.5), fg);
    response
}

pub fn stage_badge(ui: &mut Ui, stage: Stage) {
    let badge = badge(ui, stage.name(), 58.0, stage_color(stage), true);
    badge.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, format!("Stage: {}", stage.name())));
    badge.on_hover_text(stage.meaning());
}

pub fn weight_badge(ui: &mut Ui, weight: Weight) {
    let color = match weight {
        Weight::Core => ui.visuals().strong_text_color(),
        Weight::Recommended => ui.visuals().text_color(),
        Weight::Advanced => ui.visuals().weak_text_color(),
    };
    let badge = badge(ui, weight.name(), 86.0, color, false);
    badge.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, format!("Weight: {}", weight.name())));
    badge.on_hover_text(weight.meaning());
}

pub fn status_color(ui: &Ui, status: Status) -> Color32 {
    super::theme::status_color(ui.visuals(), status)
}

/// A list as one focusable widget over `rect` (its rows are drawn by the caller): a click on a row, Tab
/// or `take_focus` gives it focus, and while it has it, Up, Down and Escape stay with the list (the app's
/// input moves the selection, or clears the search) and a thin frame shows where the keys go.
pub fn focusable_list(ui: &mut Ui, rect: egui::Rect, (id, name): (egui::Id, &str), take_focus: bool) {
    let list = ui.interact(rect, id, egui::Sense::focusable_noninteractive());
    list.widget_info(|| egui::WidgetInfo::labeled(egui::Role::List, true, name));
    if take_focus {
        list.request_focus();
    }
    if list.has_focus() {
        let filter = egui::EventFilter { vertical_arrows: true, escape: true, ..Default::default() };
        ui.memory_mut(|memory| memory.set_focus_lock_filter(id, filter));
        let stroke = egui::Stroke::new(1.0, ui.visuals().selection.stroke.color.gamma_multiply(0.6));
        ui.painter().rect_stroke(rect.shrink(1.0), 4.0, stroke, egui::StrokeKind::Inside);
    }
}

/// A thin horizontal bar filled to `fraction`.
pub fn bar(ui: &mut Ui, fraction: f32, width: f32, color: Color32) -> egui::Response {
    let height = 8.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, CornerRadius::same(4), ui.visuals().extreme_bg_color);
    let mut filled = rect;
    filled.set_width(rect.width() * fraction.clamp(0.0, 1.0));
    if filled.width() > 0.5 {
        painter.rect_filled(filled, CornerRadius::same(4), color);
    }
    response
}

/// `done/total` with a small bar, for navigation rows.
pub fn count_label(done: usize, total: usize) -> String {
    format!("{done}/{total}")
}

/// "1 day", "3 days": a count and its noun.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
