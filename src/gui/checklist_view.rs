//! The Checklists view: filters, the item list (`item_list.rs`), and the detail of the selected item
//! (`item_detail.rs`) with its note and evidence link.

use egui::{RichText, Ui};

use super::command::{Command, ItemCommand};
use super::item_list::ItemList;
use super::model::Model;
use crate::catalog::validate::is_http_url;
use crate::filter::{ItemFilter, Scope};
use crate::progress::Status;
use crate::{Stage, Weight};

/// The selected item's two text fields, for the keys that focus them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftField {
    Note,
    Evidence,
}

/// Narrower than this, the detail goes below the list rather than beside it.
const DETAIL_BESIDE_MIN_WIDTH: f32 = 820.0;

/// The detail's share of the view's width, beside the list.
const DETAIL_SHARE: f32 = 0.36;

/// Seconds after the last keystroke before a note or evidence link is saved.
pub const DRAFT_SAVE_DELAY: f64 = 1.0;

/// The note and evidence link being edited, saved after a pause, when focus leaves, or on switch.
#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    item: Option<usize>,
    note: String,
    evidence: String,
    /// The note and link as stored when the draft was loaded. Only what the person changed from these
    /// is saved, so a draft never writes back text that another process has since replaced (F2).
    loaded_note: String,
    loaded_evidence: String,
    /// Time of the last keystroke not yet saved.
    edited_at: Option<f64>,
    /// Model generation the draft was loaded at.
    generation: u64,
}

#[derive(Default)]
pub struct ChecklistView {
    filters: ItemFilter,
    list: ItemList,
    draft: Draft,
    /// Ctrl+F: focus the search field and select its text next frame.
    focus_search: bool,
    /// Ctrl+N or Ctrl+E: the field to focus next frame.
    focus_field: Option<DraftField>,
    /// Enter or Down in the search box: select the first result once the list is rebuilt.
    pick_first_result: bool,
    /// The window is too narrow for the side panel: the checklists are a menu among the filters.
    nav_in_filters: bool,
}

impl ChecklistView {
    /// The view at start: the item selected when the window last closed, or else what to do next (the
    /// top gap), so its detail shows at once; the keys go to the list.
    pub fn at_start(model: &Model, remembered: Option<&str>) -> ChecklistView {
        let mut view = ChecklistView::default();
        let remembered = remembered.and_then(|id| model.catalog().item_index(id));
        if let Some(item) = remembered.or_else(|| model.assessment.gaps.first().map(|gap| gap.item)) {
            view.list.select(item);
        }
        view.list.focus_requested = true;
        view
    }

    /// The selected item's catalog index.
    pub fn selected(&self) -> Option<usize> {
        self.list.selected
    }

    /// Moves the selection by `delta` shown rows.
    pub fn move_selection(&mut self, delta: isize) {
        self.list.move_selection(delta);
    }

    /// The checklist or section shown.
    pub fn scope(&self) -> Scope {
        self.filters.scope
    }

    pub fn search_text(&self) -> &str {
        &self.filters.search
    }

    /// Clears the search (Escape in the list), so the next one starts afresh; says whether there was one.
    pub fn clear_search(&mut self) -> bool {
        let had = !self.filters.search.is_empty();
        self.filters.search.clear();
        had
    }

    /// Ctrl+F: the search field gets the keys, its text selected, so typing replaces the old search.
    pub fn focus_search(&mut self) {
        self.focus_search = true;
        self.list.focus_requested = false;
    }

    /// Ctrl+N or Ctrl+E: the note or the evidence link gets the keys.
    pub fn focus_field(&mut self, field: DraftField) {
        self.focus_field = Some(field);
    }

    /// Whether the checklists are a menu among the filters (a narrow window) instead of a side panel.
    pub fn set_nav_in_filters(&mut self, in_filters: bool) {
        self.nav_in_filters = in_filters;
    }

    /// The checklists as a side panel; choosing one is choosing where the keys go next.
    pub fn nav_ui(&mut self, ui: &mut Ui, model: &Model) {
        let scope = self.filters.scope;
        super::nav::nav_ui(ui, model, &mut self.filters.scope);
        self.list.focus_requested |= scope != self.filters.scope;
    }

    /// Shows `item`, widening the filters if they hide it.
    pub fn reveal(&mut self, model: &Model, item: usize) {
        self.list.refresh(model, &self.filters);
        if !self.list.shows(item) {
            self.filters = ItemFilter::default();
            self.list.refresh(model, &self.filters);
        }
        self.list.select(item);
    }

    /// Starts afresh over a new catalog, showing `scope` with `selected` selected (both found again by id).
    pub fn after_catalog_change(&mut self, scope: Scope, selected: Option<usize>) {
        self.filters.scope = scope;
        self.draft = Draft::default();
        self.list = ItemList::default();
        if let Some(item) = selected {
            self.list.select(item);
        }
    }

    /// Saves what the person typed into the draft, if anything. Called on pause, focus loss, switch and exit.
    pub fn flush_draft(&mut self, model: &Model, commands: &mut Vec<Command>) {
        let Some(item) = self.draft.item else { return };
        self.draft.edited_at = None;
        let stored = model.catalog().items.get(item).and_then(|i| model.progress().get(i));
        let (note, evidence) = stored.map_or(("", ""), |p| (p.note.as_str(), p.evidence.as_str()));
        let Some(id) = model.catalog().items.get(item).map(|i| i.full_id.clone()) else { return };
        let draft = &mut self.draft;
        if draft.note != draft.loaded_note && draft.note != note {
            commands.push(ItemCommand::SetNote { item: id.clone(), note: draft.note.clone() }.into());
        }
        if draft.evidence.trim() != draft.loaded_evidence.trim() && draft.evidence.trim() != evidence {
            commands.push(ItemCommand::SetEvidence { item: id, evidence: draft.evidence.clone() }.into());
        }
        draft.loaded_note.clone_from(&draft.note);
        draft.loaded_evidence.clone_from(&draft.evidence);
    }

    fn sync_draft(&mut self, model: &Model, commands: &mut Vec<Command>) {
        if self.draft.item != self.list.selected {
            self.flush_draft(model, commands);
            self.draft = Draft { item: self.list.selected, ..Draft::default() };
            self.load_draft(model);
        } else if self.draft.edited_at.is_none() && self.draft.generation != model.generation {
            // Nothing typed: show what is stored (it may have been changed elsewhere).
            self.load_draft(model);
        }
    }

    fn load_draft(&mut self, model: &Model) {
        let stored = self.draft.item.and_then(|i| model.catalog().items.get(i)).and_then(|i| model.progress().get(i));
        self.draft.note = stored.map(|p| p.note.clone()).unwrap_or_default();
        self.draft.evidence = stored.map(|p| p.evidence.clone()).unwrap_or_default();
        self.draft.loaded_note.clone_from(&self.draft.note);
        self.draft.loaded_evidence.clone_from(&self.draft.evidence);
        self.draft.generation = model.generation;
    }

    pub fn has_pending_draft(&self) -> bool {
        self.draft.edited_at.is_some()
    }

    pub fn ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        self.sync_draft(model, commands);
        let now = ui.input(|i| i.time);
        if let Some(edited_at) = self.draft.edited_at {
            if now - edited_at >= DRAFT_SAVE_DELAY {
                self.flush_draft(model, commands);
            } else {
                ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(DRAFT_SAVE_DELAY));
            }
        }
        self.filters_ui(ui, model);
        self.list.refresh(model, &self.filters);
        if std::mem::take(&mut self.pick_first_result)
            && let Some(best) = self.filters.best_match(model.catalog(), self.list.shown())
        {
            self.list.select(best);
        }
        // Beside the list when there is room for both, below it otherwise.
        let detail = if ui.available_width() < DETAIL_BESIDE_MIN_WIDTH {
            let height = ui.available_height() * 0.5;
            egui::Panel::bottom("item-detail-below").resizable(true).default_size(height).min_size(120.0)
        } else {
            // A share of the view, so it grows with the window (a fixed 380 points left half of a
            // 1920-point list empty: review M6).
            let share = (ui.available_width() * DETAIL_SHARE).clamp(320.0, 720.0);
            egui::Panel::right("item-detail").resizable(false).exact_size(share)
        };
        detail.show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                self.detail_ui(ui, model, commands, now);
            });
        });
        egui::CentralPanel::default().show(ui, |ui| self.list.ui(ui, model, &mut self.filters, commands));
    }

    fn filters_ui(&mut self, ui: &mut Ui, model: &Model) {
        ui.horizontal_wrapped(|ui| {
            if self.nav_in_filters {
                let scope = self.filters.scope;
                super::nav::scope_menu(ui, model, &mut self.filters.scope);
                self.list.focus_requested |= scope != self.filters.scope;
            }
            let label = ui.label("Search");
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.filters.search)
                    .hint_text("all checklists (Ctrl+F)")
                    .desired_width(220.0),
            );
            let search = search
                .labelled_by(label.id)
                .on_hover_text("Finds words in the titles, descriptions, tags and section names of every checklist");
            if std::mem::take(&mut self.focus_search) {
                search.request_focus();
                select_all(ui, search.id, &self.filters.search);
            }
            self.search_keys(ui, &search);
            // Always there, so the filters never move while one types.
            let clear = egui::Button::new("Clear search").small();
            if ui.add_enabled(!self.filters.search.is_empty(), clear).on_hover_text("Escape in the box").clicked() {
                self.filters.search.clear();
            }
            option_combo(ui, ("Status", STATUS_HELP), &mut self.filters.status, &Status::ALL, Status::name);
            option_combo(ui, ("Stage", STAGE_HELP), &mut self.filters.stage, &Stage::ALL, Stage::name);
            option_combo(ui, ("Weight", WEIGHT_HELP), &mut self.filters.weight, &Weight::ALL, Weight::name);
            ui.checkbox(&mut self.filters.missing_only, "Missing only")
                .on_hover_text("Only what is left to learn: hides the items you have done or skipped");
            ui.checkbox(&mut self.filters.in_target_only, "In target only")
                .on_hover_text("Only the items that count toward the target you chose in the header");
        });
        ui.separator();
    }

    /// Enter takes the first result, Down moves into the results, Escape clears the search.
    fn search_keys(&mut self, ui: &Ui, search: &egui::Response) {
        let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
        let down = search.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown));
        if escape && search.lost_focus() {
            self.filters.search.clear();
        }
        if down || (enter && search.lost_focus()) {
            self.pick_first_result = true;
            search.surrender_focus();
        }
    }

    fn detail_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>, now: f64) {
        let catalog = model.catalog();
        let Some(index) = self.list.selected.filter(|&i| i < catalog.items.len()) else {
            ui.add_space(12.0);
            ui.label(RichText::new("Select an item").strong());
            ui.label("Click an item to see why it matters, how to prove it, where to learn it, and to keep a note.");
            ui.add_space(8.0);
            ui.label(
                RichText::new("Keys: Up/Down select, Space done, L learning, S skipped, Ctrl+Z undo, Ctrl+F search.")
                    .weak(),
            );
            return;
        };
        let before = commands.len();
        super::item_detail::item_about_ui(ui, model, index, commands);
        // After a status button the keys go back to the list, so Down moves on to the next item.
        self.list.focus_requested |= commands.len() > before;
        ui.separator();
        self.draft_ui(ui, model, commands, now);
        let item = &catalog.items[index];
        let status = model.assessment.status(index);
        ui.add_space(6.0);
        let changed = model.progress().status_since(item, &model.status_dates);
        ui.label(
            RichText::new(match changed {
                Some(at) => {
                    format!("{} since {}", status.name(), at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
                }
                None => "Not started yet".to_owned(),
            })
            .weak(),
        );
    }

    /// The note and evidence link of the selected item, saved a second after the last keystroke or
    /// when focus leaves.
    fn draft_ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>, now: f64) {
        let read_only = model.is_read_only();
        let note_label = ui.label(RichText::new("Note").strong());
        let note = ui.add_enabled(
            !read_only,
            egui::TextEdit::multiline(&mut self.draft.note)
                .hint_text("What you did, what is left, where you got stuck")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        );
        let note = note.labelled_by(note_label.id);
        if self.focus_field == Some(DraftField::Note) {
            note.request_focus();
        }
        let evidence_label = ui.label(RichText::new("Evidence link").strong());
        let evidence = ui.add_enabled(
            !read_only,
            egui::TextEdit::singleline(&mut self.draft.evidence)
                .hint_text("https://github.com/you/project")
                .desired_width(f32::INFINITY),
        );
        let evidence = evidence.labelled_by(evidence_label.id);
        if self.focus_field.take() == Some(DraftField::Evidence) {
            evidence.request_focus();
        }
        let link = self.draft.evidence.trim();
        if !link.is_empty() {
            if is_http_url(link) {
                ui.hyperlink_to("Open evidence link", link.to_owned());
            } else {
                ui.colored_label(ui.visuals().warn_fg_color, "Only http(s) links can be opened.");
            }
        }
        if note.changed() || evidence.changed() {
            self.draft.edited_at = Some(now);
        }
        if note.lost_focus() || evidence.lost_focus() {
            self.flush_draft(model, commands);
        }
    }
}

/// A labelled drop-down of "Any" or one value; the label comes first and names the control.
pub const STAGE_HELP: &str = "The part of the lifecycle an item belongs to: Build, Test, Ship, Run, Observe, Recover";
const STATUS_HELP: &str = "To do, learning, done or skipped (skipped items do not count toward readiness)";
const WEIGHT_HELP: &str =
    "Core items are the basics every target needs; Recommended and Advanced ones count less toward readiness";

/// Room for a filter's label and its drop-down.
const FILTER_WIDTH: f32 = 175.0;

/// "Label [Any v]": a filter of one of `all`, or none; `help` is shown on hover.
pub fn option_combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    (label, help): (&str, &str),
    value: &mut Option<T>,
    all: &[T],
    name: fn(T) -> &'static str,
) {
    // One group of a known width, so a wrapping row moves label and control to the next line together
    // instead of splitting them (window review M6).
    let size = egui::vec2(FILTER_WIDTH, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        let label = ui.label(label).on_hover_text(help);
        let combo = egui::ComboBox::from_id_salt(label.id).width(110.0).selected_text(value.map_or("Any", name));
        let combo = combo.show_ui(ui, |ui| {
            ui.selectable_value(value, None, "Any");
            for &choice in all {
                ui.selectable_value(value, Some(choice), name(choice));
            }
        });
        combo.response.labelled_by(label.id).on_hover_text(help);
    });
}

/// Selects all of a text field's text, so what is typed next replaces it.
fn select_all(ui: &Ui, id: egui::Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    state.cursor.set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ui.ctx(), id);
}
