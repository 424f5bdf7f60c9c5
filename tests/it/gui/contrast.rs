//! WCAG 2.2 AA in both themes: text 4.5:1 (weak text too: it carries the next step, dates and done
//! titles), the edges of controls 3:1, the stage badges 3:1 against the panel with their white text 4.5:1.

use egui::{Color32, Theme};
use skillgap::Stage;
use skillgap::gui::theme::{contrast, stage_color, status_color, visuals};
use skillgap::progress::Status;

fn assert_ratio(what: &str, theme: Theme, fg: Color32, bg: Color32, least: f32) {
    let ratio = contrast(fg, bg);
    assert!(ratio >= least, "{theme:?}: {what} is {ratio:.2}:1 ({fg:?} on {bg:?}), needs {least}:1");
}

#[test]
fn text_controls_and_badges_meet_wcag_aa_in_both_themes() {
    for theme in [Theme::Dark, Theme::Light] {
        let v = visuals(theme);
        let text = [
            ("text", v.text_color()),
            ("weak text", v.weak_text_color()),
            ("links", v.hyperlink_color),
            ("warnings", v.warn_fg_color),
            ("errors", v.error_fg_color),
            ("Learning", status_color(&v, Status::Learning)),
            ("done / proven in", status_color(&v, Status::Done)),
        ];
        for background in [v.panel_fill, v.window_fill, v.extreme_bg_color] {
            for (what, color) in text {
                assert_ratio(what, theme, color, background, 4.5);
            }
        }
        let inactive = &v.widgets.inactive;
        assert_ratio("button text", theme, inactive.fg_stroke.color, inactive.weak_bg_fill, 4.5);
        assert_ratio("a checkbox's or button's edge", theme, inactive.bg_stroke.color, v.panel_fill, 3.0);
        assert!(inactive.bg_stroke.width >= 1.0, "{theme:?}: controls have an edge");
        for stage in Stage::ALL {
            assert_ratio(stage.name(), theme, stage_color(stage), v.panel_fill, 3.0);
            assert_ratio("a badge's white text", theme, Color32::WHITE, stage_color(stage), 4.5);
        }
    }
}

#[test]
fn the_contrast_ratio_is_wcag_s() {
    assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
    // egui's own light-theme checkbox on its panel, as the window review measured it.
    assert!((contrast(Color32::from_gray(230), Color32::from_gray(248)) - 1.18).abs() < 0.01);
}

#[test]
fn the_window_uses_these_colours_in_both_themes() {
    let w = super::window();
    for theme in [Theme::Dark, Theme::Light] {
        let (shown, ours) = (&w.harness.ctx.style_of(theme).visuals, visuals(theme));
        assert_eq!(shown.widgets, ours.widgets, "{theme:?}");
        assert_eq!(shown.weak_text_color, ours.weak_text_color, "{theme:?}");
        assert_eq!(shown.hyperlink_color, ours.hyperlink_color, "{theme:?}");
    }
}
