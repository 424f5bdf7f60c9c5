//! A project's items in the Projects view, stage by stage: each with its status, a note (the reason,
//! for an item that does not apply), its evidence, and why it matters and how to prove it, unfolded on
//! demand.

use std::collections::{HashMap, HashSet};

use egui::{RichText, Ui};

use super::command::{Command, ProjectCommand};
use super::model::Model;
use super::widgets;
use crate::catalog::Item;
use crate::project::{Project, ProjectStatus};
use crate::{Stage, Weight};

/// Room for a status's name in its drop-down, the longest ("Not applicable") included, so choosing one
/// never moves the row.
const STATUS_WIDTH: f32 = 130.0;

/// Where a row's fields start, under the status drop-down.
const INDENT: f32 = 138.0;

/// What the view keeps for its items between frames: what is being typed, and which items' "why" is
/// unfolded.
#[derive(Debug, Default)]
pub struct ItemsState {
    /// Notes and evidence being typed, by field key, saved when the field loses focus.
    pub drafts: HashMap<String, String>,
    /// Items (full ids) whose "why it matters" is unfolded.
    open: HashSet<String>,
    /// A Core item chosen as not applicable, waiting for its reason (issue 27: it counts only once the
    /// reason is written, as on the command line).
    pending_reason: Option<String>,
}

/// Every item of `project`'s checklist, stage by stage.
pub fn items_ui(ui: &mut Ui, model: &Model, project: &Project, state: &mut ItemsState, commands: &mut Vec<Command>) {
    let Some(checklist) = model.catalog().checklist_index(&project.checklist) else {
        ui.label(format!("The checklist {:?} is not loaded; the project's marks are kept.", project.checklist));
        return;
    };
    for (stage, items) in items_by_stage(model, checklist) {
        ui.add_space(6.0);
        widgets::stage_badge(ui, stage);
        for index in items {
            item_row(ui, model, project, index, state, commands);
        }
    }
}

fn item_row(
    ui: &mut Ui,
    model: &Model,
    project: &Project,
    index: usize,
    state: &mut ItemsState,
    commands: &mut Vec<Command>,
) {
    let item = &model.catalog().items[index];
    let entry = project.items.get(&item.full_id);
    let status = entry.map_or(ProjectStatus::Todo, |e| e.status);
    let mark = |status: Option<ProjectStatus>, note: Option<String>, evidence: Option<String>| -> Command {
        let (project, item) = (project.id.clone(), item.full_id.clone());
        ProjectCommand::Mark { project, item, status, note, evidence }.into()
    };
    let enabled = !model.is_read_only();
    let saved_note = entry.map_or("", |e| e.note.as_str());
    let needs_reason = item.weight == Weight::Core && saved_note.trim().is_empty();
    let pending = state.pending_reason.as_deref() == Some(item.full_id.as_str());
    ui.horizontal_wrapped(|ui| {
        let shown = if pending { ProjectStatus::NotApplicable } else { status };
        match status_combo(ui, (&item.full_id, &item.title), shown, enabled) {
            Some(ProjectStatus::NotApplicable) if needs_reason => state.pending_reason = Some(item.full_id.clone()),
            Some(choice) => {
                state.pending_reason = None;
                commands.push(mark(Some(choice), None, None));
            }
            None => {}
        }
        widgets::weight_badge(ui, item.weight);
        ui.label(&item.title);
    });
    let drafts = &mut state.drafts;
    if pending {
        let draft = drafts.entry(format!("{}#note", item.full_id)).or_default();
        match reason_row(ui, &item.title, draft) {
            Some(Some(reason)) => {
                state.pending_reason = None;
                commands.push(mark(Some(ProjectStatus::NotApplicable), Some(reason), None));
            }
            Some(None) => state.pending_reason = None,
            None => {}
        }
    } else {
        note_row(ui, (item, status, saved_note), drafts, commands, &mark);
    }
    let saved = entry.map_or("", |e| e.evidence.as_str());
    let (hint, name) = ("a link, or a path in the project's folder", format!("Evidence for {}", item.title));
    if let Some(evidence) = text_row(ui, ("Evidence", hint, &name), saved, drafts.entry(item.full_id.clone())) {
        commands.push(mark(None, None, Some(evidence)));
    }
    about_ui(ui, item, state);
}

/// The note of an item, named for what it holds ("Why not" for an item that does not apply), always there
/// so choosing a status moves nothing. A Core item that does not apply keeps its reason: an emptied one
/// is not saved.
fn note_row(
    ui: &mut Ui,
    (item, status, saved): (&Item, ProjectStatus, &str),
    drafts: &mut HashMap<String, String>,
    commands: &mut Vec<Command>,
    mark: &dyn Fn(Option<ProjectStatus>, Option<String>, Option<String>) -> Command,
) {
    let (label, hint, name) = if status == ProjectStatus::NotApplicable {
        ("Why not", "why it does not apply to this project", format!("Why {} does not apply", item.title))
    } else {
        ("Note", "what you did, what is left", format!("Note for {}", item.title))
    };
    let draft = drafts.entry(format!("{}#note", item.full_id));
    if let Some(note) = text_row(ui, (label, hint, &name), saved, draft) {
        let drops_reason =
            status == ProjectStatus::NotApplicable && item.weight == Weight::Core && note.trim().is_empty();
        if !drops_reason {
            commands.push(mark(None, Some(note), None));
        }
    }
}

/// "Why does it not apply?" for a Core item chosen as not applicable: it counts once a reason is written.
/// `Some(Some(reason))` when it is given, `Some(None)` when cancelled.
fn reason_row(ui: &mut Ui, title: &str, draft: &mut String) -> Option<Option<String>> {
    let mut answer = None;
    ui.horizontal(|ui| {
        ui.add_space(INDENT - 62.0);
        ui.add_sized([56.0, 18.0], egui::Label::new(RichText::new("Why not").strong()));
        let hint = "required: why it does not apply to this project";
        let field = ui.add(egui::TextEdit::singleline(draft).hint_text(hint).desired_width(360.0));
        let name = format!("Why {title} does not apply");
        field.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(field.enabled(), draft.as_str(), draft.as_str(), "");
            info.label = Some(name.clone());
            info
        });
        let ready = !draft.trim().is_empty();
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let button = ui.add_enabled(ready, egui::Button::new("Mark not applicable"));
        let button = button.on_disabled_hover_text("A Core item counts as not applicable once you say why");
        if ready && (button.clicked() || enter) {
            answer = Some(Some(draft.trim().to_owned()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(None);
        }
    });
    answer
}

/// "Why it matters, and what proves it", unfolded on demand.
fn about_ui(ui: &mut Ui, item: &Item, state: &mut ItemsState) {
    if item.description.is_empty() && item.proof.is_empty() {
        return;
    }
    // A plain toggle, not a collapsing header: 29 of those were a tenth of the view's frame.
    let open = state.open.contains(&item.full_id);
    ui.horizontal(|ui| {
        ui.add_space(INDENT);
        let (_, icon) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::click());
        egui::collapsing_header::paint_default_icon(ui, if open { 1.0 } else { 0.0 }, &icon);
        let name = "Why it matters, and what proves it";
        let toggle = ui.add(egui::Button::new(RichText::new(name).weak()).frame(false)) | icon;
        toggle.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, open, name));
        if toggle.clicked() && !state.open.remove(&item.full_id) {
            state.open.insert(item.full_id.clone());
        }
    });
    if open {
        ui.horizontal(|ui| {
            ui.add_space(INDENT + 16.0);
            ui.vertical(|ui| {
                ui.set_max_width(560.0);
                if !item.description.is_empty() {
                    ui.add(egui::Label::new(&item.description).wrap());
                }
                if !item.proof.is_empty() {
                    ui.label(RichText::new("Done when").strong());
                    ui.add(egui::Label::new(&item.proof).wrap());
                }
            });
        });
    }
}

/// A labelled one-line field under a row, named `name` for screen readers (every row shows the same
/// short label). Returns the text to save once the field loses focus with a change.
fn text_row(
    ui: &mut Ui,
    (label, hint, name): (&str, &str, &str),
    saved: &str,
    draft: std::collections::hash_map::Entry<'_, String, String>,
) -> Option<String> {
    let draft = draft.or_insert_with(|| saved.to_owned());
    let mut save = None;
    ui.horizontal(|ui| {
        ui.add_space(INDENT - 62.0);
        ui.add_sized([56.0, 18.0], egui::Label::new(RichText::new(label).weak()));
        let field = ui.add(egui::TextEdit::singleline(draft).hint_text(hint).desired_width(360.0));
        field.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(field.enabled(), draft.as_str(), draft.as_str(), "");
            info.label = Some(name.to_owned());
            info
        });
        if field.lost_focus() && draft.trim() != saved {
            save = Some(draft.clone());
        }
    });
    save
}

/// Which stages a checklist's items fall in, in lifecycle order, with their catalog indices.
fn items_by_stage(model: &Model, checklist: usize) -> Vec<(Stage, Vec<usize>)> {
    let catalog = model.catalog();
    Stage::ALL
        .into_iter()
        .map(|stage| {
            let items = catalog.checklists[checklist].item_range().filter(|&i| catalog.items[i].stage == stage);
            (stage, items.collect::<Vec<_>>())
        })
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

/// The status drop-down of a project's item, named after it for screen readers.
fn status_combo(
    ui: &mut Ui,
    (item, title): (&str, &str),
    status: ProjectStatus,
    enabled: bool,
) -> Option<ProjectStatus> {
    let mut chosen = None;
    ui.add_enabled_ui(enabled, |ui| {
        let combo = egui::ComboBox::from_id_salt(("project-status", item))
            .selected_text(status.name())
            .width(STATUS_WIDTH)
            .show_ui(ui, |ui| {
                for choice in ProjectStatus::ALL {
                    if ui.selectable_label(choice == status, choice.name()).clicked() && choice != status {
                        chosen = Some(choice);
                    }
                }
            });
        let name = format!("Status of {title}");
        combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, enabled, &name));
    });
    chosen
}
