//! The Gaps view: open items ranked by the readiness each would add, under the targets compared. It is a
//! triage list: filtered by stage and checklist, worked through with the keys of the Checklists view
//! (Up/Down, Space done, L learning, S skipped) or the mouse.

use egui::{RichText, Sense, Ui};

use super::checklist_view::{STAGE_HELP, option_combo};
use super::command::Command;
use super::model::Model;
use super::widgets;
use crate::Stage;
use crate::catalog::Catalog;
use crate::progress::Status;
use crate::project::{credits, proven_in};

const ROW_HEIGHT: f32 = 26.0;

/// The gaps list's focus id: its keys act only while it has keyboard focus.
pub fn gaps_list_id() -> egui::Id {
    egui::Id::unique("skillgap-gaps-list")
}

/// What the Gaps view keeps between frames.
#[derive(Debug, Default)]
pub struct GapsView {
    /// The selected gap's catalog index.
    selected: Option<usize>,
    stage: Option<Stage>,
    /// Index into the catalog's checklists.
    checklist: Option<usize>,
    focus_requested: bool,
    scroll_to_selected: bool,
}

impl GapsView {
    /// The gaps the filters let through, best first (catalog indices).
    pub fn visible(&self, model: &Model) -> Vec<usize> {
        let catalog = model.catalog();
        model
            .assessment
            .gaps
            .iter()
            .map(|gap| gap.item)
            .filter(|&item| self.stage.is_none_or(|s| catalog.items[item].stage == s))
            .filter(|&item| self.checklist.is_none_or(|c| catalog.items[item].checklist == c))
            .collect()
    }

    /// Selects `item` if it is among the gaps shown; says whether it is.
    pub fn show_item(&mut self, model: &Model, item: usize) -> bool {
        if !self.visible(model).contains(&item) {
            return false;
        }
        self.selected = Some(item);
        self.scroll_to_selected = true;
        true
    }

    /// The selected gap and the checklist filter, by id, to find again after the checklists load again.
    pub fn shown_ids(&self, catalog: &Catalog) -> (Option<String>, Option<String>) {
        let item = self.selected.and_then(|i| catalog.items.get(i)).map(|item| item.full_id.clone());
        (item, self.checklist.and_then(|c| catalog.checklists.get(c)).map(|c| c.id.clone()))
    }

    /// Finds the selection and the checklist filter again, by id, in a catalog loaded again.
    pub fn after_catalog_change(&mut self, catalog: &Catalog, (item, checklist): (Option<String>, Option<String>)) {
        self.selected = item.and_then(|id| catalog.item_index(&id));
        self.checklist = checklist.and_then(|id| catalog.checklists.iter().position(|c| c.id == id));
    }

    /// Moves the selection by `delta` rows.
    pub fn move_selection(&mut self, model: &Model, delta: isize) {
        let visible = self.visible(model);
        if visible.is_empty() {
            return;
        }
        let position = self.selected.and_then(|s| visible.iter().position(|&v| v == s));
        let next = position.map_or(0, |p| p.saturating_add_signed(delta).min(visible.len() - 1));
        self.selected = Some(visible[next]);
        self.scroll_to_selected = true;
    }

    /// The status a key sets on the selected gap, and the gap to select after it: the one that takes
    /// its place, since a gap set to done or skipped leaves the list.
    pub fn key_status(&mut self, model: &Model, status: Status) -> Option<(usize, Status)> {
        let item = self.selected?;
        let visible = self.visible(model);
        let position = visible.iter().position(|&v| v == item)?;
        if status != Status::Learning {
            self.selected = visible.get(position + 1).or(position.checked_sub(1).and_then(|p| visible.get(p))).copied();
        }
        let current = model.assessment.status(item);
        Some((item, if current == status { Status::Todo } else { status }))
    }

    pub fn ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        ui.heading(format!("Gaps for {}", model.target().title));
        // The header above says what limits the score and what is next; this says what the list is
        // (window review L6: the same sentence twice, one under the other).
        ui.label(
            RichText::new(
                "Open items, the one that adds the most readiness first. Space: done, L: learning, S: skipped.",
            )
            .weak(),
        );
        super::targets_table::compare_ui(ui, model, commands);
        if model.assessment.gaps.is_empty() {
            ui.add_space(12.0);
            ui.label("No gaps: every applicable item is done. Keep your evidence links up to date for the summary.");
            return;
        }
        self.filters_ui(ui, model);
        let visible = self.visible(model);
        if self.selected.is_none_or(|s| !visible.contains(&s)) {
            self.selected = visible.first().copied();
        }
        let total = model.assessment.gaps.len();
        let (score, order) = (&model.assessment.score, "each by the readiness it would add now");
        let order = if score.next_level.is_some() {
            format!("what the next level needs first, {order}")
        } else {
            order.to_owned()
        };
        let count = if visible.len() == total {
            format!("{total} open items, {order}.")
        } else {
            format!("{} of {total} open items, {order}.", visible.len())
        };
        // What the next level needs heads the list that puts it first (issue 27).
        ui.label(RichText::new(score.next_level_sentence(model.catalog())).strong());
        ui.label(RichText::new(count).weak());
        ui.add_space(4.0);
        self.list_ui(ui, model, &visible, commands);
    }

    fn filters_ui(&mut self, ui: &mut Ui, model: &Model) {
        ui.horizontal_wrapped(|ui| {
            option_combo(ui, ("Stage", STAGE_HELP), &mut self.stage, &Stage::ALL, Stage::name);
            let catalog = model.catalog();
            let label = ui.label("Checklist");
            let chosen = self.checklist.and_then(|c| catalog.checklists.get(c)).map_or("Any", |c| c.title.as_str());
            let combo = egui::ComboBox::from_id_salt("gaps-checklist").selected_text(chosen).show_ui(ui, |ui| {
                ui.selectable_value(&mut self.checklist, None, "Any");
                for (index, checklist) in catalog.checklists.iter().enumerate() {
                    ui.selectable_value(&mut self.checklist, Some(index), &checklist.title);
                }
            });
            combo.response.labelled_by(label.id);
            ui.label(RichText::new("Keys: Up/Down, Space done, L learning, S skip").weak().small());
        });
    }

    fn list_ui(&mut self, ui: &mut Ui, model: &Model, visible: &[usize], commands: &mut Vec<Command>) {
        // A ticked item leaves the list and the next one moves under the pointer: the second click of a
        // double-click would tick it, unseen.
        let second_click = ui.input(|i| i.pointer.button_double_clicked(egui::PointerButton::Primary));
        let proven = credits(model.catalog(), &model.progress().projects);
        let row_with_spacing = ROW_HEIGHT + ui.spacing().item_spacing.y;
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if std::mem::take(&mut self.scroll_to_selected)
            && let Some(position) = self.selected.and_then(|s| visible.iter().position(|&v| v == s))
        {
            // Two rows of context above the selection.
            area = area.vertical_scroll_offset((position.saturating_sub(2)) as f32 * row_with_spacing);
        }
        let mut clicked = false;
        let output = area.show_rows(ui, ROW_HEIGHT, visible.len(), |ui, rows| {
            for &item in &visible[rows] {
                let selected = self.selected == Some(item);
                let row = GapRow { model, item, selected, second_click, proven: proven_in(&proven, item) };
                if row.ui(ui, commands) {
                    self.selected = Some(item);
                    clicked = true;
                }
            }
        });
        // Nothing else has the keys (the view was just opened, or a button was pressed): the list takes them.
        let unfocused = ui.memory(|memory| memory.focused().is_none());
        let take_focus = clicked || unfocused || std::mem::take(&mut self.focus_requested);
        widgets::focusable_list(ui, output.inner_rect, (gaps_list_id(), "Gaps"), take_focus);
    }
}

/// One gap's row: done checkbox, gain, badges, title (a link to it in Checklists), checklist, and the
/// projects that prove it.
struct GapRow<'a> {
    model: &'a Model,
    item: usize,
    selected: bool,
    second_click: bool,
    proven: Option<String>,
}

impl GapRow<'_> {
    /// Draws the row; returns whether it was clicked (to select it).
    fn ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) -> bool {
        let (model, index) = (self.model, self.item);
        let catalog = model.catalog();
        let item = &catalog.items[index];
        let status = model.assessment.statuses[index];
        let gain = model.assessment.gain(index);
        let (rect, row) = ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
        if self.selected {
            ui.painter().rect_filled(rect, 4.0, ui.visuals().selection.bg_fill.gamma_multiply(0.35));
        }
        let mut row_ui = ui
            .new_child(egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(egui::Align::Center)));
        let ui = &mut row_ui;
        let mut done = status == Status::Done;
        let enabled = !model.is_read_only();
        let checkbox =
            ui.add_enabled(enabled, egui::Checkbox::without_text(&mut done).indeterminate(status == Status::Learning));
        checkbox.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, enabled, done, &item.title));
        if checkbox.changed() && done && !self.second_click {
            commands.push(Command::set_status(item, Status::Done));
        }
        ui.label(RichText::new(format!("{:>5}", format!("+{gain:.1}"))).monospace().strong())
            .on_hover_text("Readiness points ticking this item would add");
        widgets::stage_badge(ui, item.stage);
        widgets::weight_badge(ui, item.weight);
        // In the text colour, underlined on hover: a column of link-blue titles read as a wall of links.
        let title = egui::Link::new(RichText::new(&item.title).color(ui.visuals().text_color()));
        if ui.add(title).on_hover_text("Show in Checklists").clicked() {
            commands.push(Command::reveal(item));
        }
        if status == Status::Learning {
            ui.label(RichText::new("Learning").small().color(widgets::status_color(ui, status)));
        }
        ui.label(RichText::new(&catalog.checklists[item.checklist].title).weak().small());
        if let Some(label) = &self.proven {
            ui.label(RichText::new(label).small().color(widgets::status_color(ui, Status::Done)))
                .on_hover_text("A project's evidence proves it: accept it in Checklists");
        }
        row.clicked() || checkbox.clicked()
    }
}
