//! The side panel: every checklist and its sections with done/total and a bar; a click scopes the list.

use egui::{RichText, Ui};

use super::model::{Count, Model};
use super::widgets;
use crate::filter::Scope;

/// Narrower windows show the checklists as a menu (`scope_menu`) rather than a side panel, so the list
/// and the detail keep room for their titles.
pub const SIDE_PANEL_MIN_WINDOW: f32 = 1180.0;

/// "Showing [All items v]": the side panel's choices as a menu, each with its done/total.
pub fn scope_menu(ui: &mut Ui, model: &Model, scope: &mut Scope) {
    let catalog = model.catalog();
    let title = |scope: Scope| match scope {
        Scope::All => "All items".to_owned(),
        Scope::Checklist(c) => catalog.checklists.get(c).map_or_else(String::new, |c| c.title.clone()),
        Scope::Section(c, s) => catalog
            .checklists
            .get(c)
            .and_then(|c| c.sections.get(s).map(|s| format!("{} > {}", c.title, s.title)))
            .unwrap_or_default(),
    };
    let choice = |ui: &mut Ui, scope: &mut Scope, choice: Scope, text: String| {
        let count = model.count(choice);
        let text = format!("{text}   {}", widgets::count_label(count.done, count.applicable));
        ui.selectable_value(scope, choice, text);
    };
    let label = ui.label("Showing");
    let combo =
        egui::ComboBox::from_id_salt("scope-menu").selected_text(title(*scope)).height(480.0).show_ui(ui, |ui| {
            choice(ui, scope, Scope::All, "All items".to_owned());
            for (index, checklist) in catalog.checklists.iter().enumerate().filter(|(_, c)| !c.for_projects) {
                ui.separator();
                choice(ui, scope, Scope::Checklist(index), checklist.title.clone());
                for (section_index, section) in checklist.sections.iter().enumerate() {
                    choice(ui, scope, Scope::Section(index, section_index), format!("    {}", section.title));
                }
            }
        });
    combo.response.labelled_by(label.id);
}

fn nav_row(ui: &mut Ui, selected: bool, title: &str, count: Count, indent: f32) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.add_space(indent);
        let text = if selected { RichText::new(title).strong() } else { RichText::new(title) };
        let count_text = RichText::new(widgets::count_label(count.done, count.applicable)).weak();
        // The title is cut short before the count, never under it (window review 16).
        let count_width = egui::WidgetText::from(count_text.clone())
            .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Body)
            .size()
            .x;
        let title_width = (ui.available_width() - count_width - 12.0).max(40.0);
        ui.scope(|ui| {
            ui.set_max_width(title_width);
            clicked = ui.add(egui::Button::selectable(selected, text).truncate()).clicked();
        });
        let base = format!(
            "{} of its {} items done, whatever the target (skipped ones left out); the header counts the \
target's items only",
            count.done, count.applicable
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(count_text).on_hover_text(base));
    });
    ui.horizontal(|ui| {
        ui.add_space(indent + 4.0);
        let width = (ui.available_width() - 8.0).max(40.0);
        widgets::bar(ui, count.fraction(), width, ui.visuals().selection.bg_fill);
    });
    ui.add_space(2.0);
    clicked
}

/// Draws the navigation and updates `scope` when a row is clicked.
pub fn nav_ui(ui: &mut Ui, model: &Model, scope: &mut Scope) {
    let catalog = model.catalog();
    // Every item, like the rows below it (the header counts the target's items).
    let all = model.count(Scope::All);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if nav_row(ui, *scope == Scope::All, "All items", all, 0.0) {
            *scope = Scope::All;
        }
        ui.separator();
        for (index, checklist) in catalog.checklists.iter().enumerate().filter(|(_, c)| !c.for_projects) {
            let count = model.count(Scope::Checklist(index));
            let in_checklist = scope.checklist() == Some(index);
            if nav_row(ui, *scope == Scope::Checklist(index), &checklist.title, count, 0.0) {
                *scope = Scope::Checklist(index);
            }
            if in_checklist {
                for (section_index, section) in checklist.sections.iter().enumerate() {
                    let count = model.count(Scope::Section(index, section_index));
                    let selected = *scope == Scope::Section(index, section_index);
                    if nav_row(ui, selected, &section.title, count, 14.0) {
                        *scope = Scope::Section(index, section_index);
                    }
                }
                ui.add_space(4.0);
            }
        }
        // A project's checklist is ticked per project (window review M3: it sat here at 0/29 while the
        // person's project had 11 of its items done).
        for checklist in catalog.checklists.iter().filter(|c| c.for_projects) {
            ui.separator();
            let text = format!("{}: ticked for each of your apps, in Projects", checklist.title);
            ui.add(egui::Label::new(RichText::new(text).weak()).wrap())
                .on_hover_text("What it proves counts for you: a skill a project proves says so, with Accept as done");
        }
    });
}
