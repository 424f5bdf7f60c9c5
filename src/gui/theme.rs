//! The window's colours, light and dark, chosen to meet WCAG 2.2 AA: text (weak text too, which carries
//! the next step, dates and done titles) at least 4.5:1 against the panels and text fields, the edges of
//! controls and the stage badges at least 3:1, and the badges' white text 4.5:1. The tests check every pair.

use egui::{Color32, Stroke, Theme, Visuals};

use crate::Stage;
use crate::progress::Status;

/// Text in both themes, and the weaker text beside it.
const DARK_TEXT: Color32 = Color32::from_gray(200);
const DARK_WEAK: Color32 = Color32::from_gray(150);
const LIGHT_TEXT: Color32 = Color32::from_gray(40);
const LIGHT_WEAK: Color32 = Color32::from_gray(100);
/// The edge of a checkbox, button, field or combo box at rest.
const DARK_CONTROL_EDGE: Color32 = Color32::from_gray(120);
const LIGHT_CONTROL_EDGE: Color32 = Color32::from_gray(120);

/// egui's visuals for `theme`, with our text, link and control colours.
pub fn visuals(theme: Theme) -> Visuals {
    let dark = theme == Theme::Dark;
    let mut visuals = if dark { Visuals::dark() } else { Visuals::light() };
    let (text, weak, edge) =
        if dark { (DARK_TEXT, DARK_WEAK, DARK_CONTROL_EDGE) } else { (LIGHT_TEXT, LIGHT_WEAK, LIGHT_CONTROL_EDGE) };
    visuals.widgets.noninteractive.fg_stroke.color = text;
    visuals.weak_text_color = Some(weak);
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, edge);
    if dark {
        visuals.error_fg_color = Color32::from_rgb(255, 110, 110);
    } else {
        visuals.hyperlink_color = Color32::from_rgb(0, 90, 180);
        visuals.widgets.inactive.fg_stroke.color = LIGHT_TEXT;
        visuals.warn_fg_color = Color32::from_rgb(150, 85, 0);
        visuals.error_fg_color = Color32::from_rgb(180, 30, 30);
    }
    visuals
}

/// Sets both themes' visuals on `ctx`, and scroll bars that take their own room: egui's default bars
/// float over the content and covered the ends of the detail pane's lines.
pub fn install(ctx: &egui::Context) {
    ctx.set_visuals_of(Theme::Dark, visuals(Theme::Dark));
    ctx.set_visuals_of(Theme::Light, visuals(Theme::Light));
    ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
}

/// A stage's colour: badges (white text on it), bars and plot lines, the same in both themes.
pub fn stage_color(stage: Stage) -> Color32 {
    match stage {
        Stage::Build => Color32::from_rgb(60, 103, 173),
        Stage::Test => Color32::from_rgb(123, 82, 185),
        Stage::Ship => Color32::from_rgb(34, 116, 107),
        Stage::Run => Color32::from_rgb(48, 117, 56),
        Stage::Observe => Color32::from_rgb(139, 97, 21),
        Stage::Recover => Color32::from_rgb(177, 67, 67),
    }
}

/// The colour of a status word ("Learning", "proven in ..."), readable on `visuals`' panels.
pub fn status_color(visuals: &Visuals, status: Status) -> Color32 {
    match (status, visuals.dark_mode) {
        (Status::Done, true) => Color32::from_rgb(0x4f, 0xb0, 0x5a),
        (Status::Done, false) => Color32::from_rgb(37, 112, 48),
        (Status::Learning, true) => Color32::from_rgb(0xd0, 0x8a, 0x1e),
        (Status::Learning, false) => Color32::from_rgb(154, 91, 0),
        (Status::Skipped, _) => visuals.weak_text_color(),
        (Status::Todo, _) => visuals.text_color(),
    }
}

/// WCAG 2.2 contrast ratio of two opaque colours: 1 (none) to 21 (black on white).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(color: Color32) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}
