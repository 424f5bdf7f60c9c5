//! The item list of the Checklists view: the items the filters let through (only visible rows are laid
//! out), the selection, and the keyboard focus its single-letter shortcuts need.
//!
//! The selection is always an item the list shows. An item that a status change hides (ticked under
//! "Missing only") stays in the list while it is selected, so Down goes on to the next item; it leaves
//! once the selection moves on.

use egui::{Align, Layout, RichText, Sense, Ui};

use super::command::Command;
use super::model::Model;
use super::widgets;
use crate::filter::{ItemFilter, Scope};
use crate::progress::Status;

const ROW_HEIGHT: f32 = 26.0;
/// Below this width a row leaves out the weight badge (the detail shows it) so the title keeps room.
const NARROW_ROW: f32 = 420.0;

/// The list's focus id: the shortcuts act only while it has keyboard focus.
pub fn list_id() -> egui::Id {
    egui::Id::unique("skillgap-item-list")
}

/// A line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    /// The heading of a section, before its first shown item.
    Section {
        checklist: usize,
        section: usize,
    },
    Item(usize),
}

#[derive(Default)]
pub struct ItemList {
    pub selected: Option<usize>,
    /// Indices of the items shown, in catalog order.
    visible: Vec<usize>,
    /// The lines drawn: the shown items with a heading before each section's first one.
    rows: Vec<Row>,
    /// What `visible` was built from: filters, model generation, and the item kept shown while selected.
    visible_key: Option<(ItemFilter, u64, Option<usize>)>,
    /// The selected item the filters no longer match, kept shown until the selection moves on.
    kept: Option<usize>,
    /// Give the list keyboard focus on the next frame.
    pub focus_requested: bool,
    scroll_to_selected: bool,
    /// Bring the selection to a third of the way down, with rows around it (start, reveal, scope change),
    /// rather than just inside the edge (Up/Down).
    scroll_with_context: bool,
    last_scroll_offset: f32,
    last_viewport_height: f32,
}

impl ItemList {
    /// Rebuilds the visible items when the filters, the progress or the selection changed.
    pub fn refresh(&mut self, model: &Model, filters: &ItemFilter) {
        if self.kept.is_some() && self.kept != self.selected {
            self.kept = None;
        }
        let key = (filters.clone(), model.generation, self.kept);
        if self.visible_key.as_ref() == Some(&key) {
            return;
        }
        let filters_changed = self.visible_key.as_ref().is_none_or(|(before, ..)| before != filters);
        if filters_changed {
            // A new scope or filter shows the selection (or the top) in view, whatever was scrolled before.
            self.scroll_to_selected = true;
            self.scroll_with_context = true;
        }
        // A search looks in every checklist, whatever the scope.
        let scope = if filters.search.trim().is_empty() { filters.scope } else { Scope::All };
        let filter = ItemFilter { scope, ..filters.clone() };
        let was_shown = self.selected.is_some_and(|s| self.visible.contains(&s));
        self.visible = filter.matching(model.catalog(), &model.assessment.statuses, model.target());
        match self.selected {
            Some(selected) if !self.visible.contains(&selected) => {
                if !filters_changed && was_shown {
                    // Hidden by its own status change: it stays until the selection moves on.
                    let position = self.visible.partition_point(|&v| v < selected);
                    self.visible.insert(position, selected);
                    self.kept = Some(selected);
                } else {
                    self.selected = self.visible.first().copied();
                    self.scroll_to_selected = true;
                }
            }
            None => self.selected = self.visible.first().copied(),
            // Still shown: it stays selected.
            Some(_) => {}
        }
        // A section's heading says where the rows come from; within one section the list heading does.
        let headed = !matches!(filter.scope, Scope::Section(..));
        self.rows = Vec::with_capacity(self.visible.len() + 16);
        let mut current = None;
        for &index in &self.visible {
            let item = &model.catalog().items[index];
            if headed && current != Some((item.checklist, item.section)) {
                current = Some((item.checklist, item.section));
                self.rows.push(Row::Section { checklist: item.checklist, section: item.section });
            }
            self.rows.push(Row::Item(index));
        }
        self.visible_key = Some((filters.clone(), model.generation, self.kept));
    }

    /// Moves the selection by `delta` rows within the visible list.
    pub fn move_selection(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let current = self.selected.and_then(|s| self.visible.iter().position(|&v| v == s));
        let next = match current {
            Some(position) => position.saturating_add_signed(delta).min(self.visible.len() - 1),
            None => 0,
        };
        self.selected = Some(self.visible[next]);
        self.scroll_to_selected = true;
    }

    /// The items shown, in order.
    pub fn shown(&self) -> &[usize] {
        &self.visible
    }

    /// Whether `item` is shown.
    pub fn shows(&self, item: usize) -> bool {
        self.visible.contains(&item)
    }

    /// Selects `item`, scrolled into view with rows around it, with the list focused.
    pub fn select(&mut self, item: usize) {
        self.selected = Some(item);
        self.scroll_to_selected = true;
        self.scroll_with_context = true;
        self.focus_requested = true;
    }

    pub fn ui(&mut self, ui: &mut Ui, model: &Model, filters: &mut ItemFilter, commands: &mut Vec<Command>) {
        ui.label(RichText::new(heading(model, filters, self.visible.len())).strong());
        if filters.search.trim().is_empty()
            && let Some(checklist) = filters.scope.checklist().and_then(|c| model.catalog().checklists.get(c))
        {
            let about = format!("{} track. {}", checklist.track.name(), checklist.description);
            ui.add(egui::Label::new(RichText::new(about).weak()).wrap());
        }
        if self.visible.is_empty() {
            ui.add_space(20.0);
            if model.catalog().items.is_empty() {
                ui.label("No checklist is loaded. Add .ron checklists to the config folder or pass --checklists DIR.");
            } else {
                ui.label("No item matches these filters.");
                if ui.button("Show all items").clicked() {
                    *filters = ItemFilter::default();
                }
            }
            return;
        }
        let row_with_spacing = ROW_HEIGHT + ui.spacing().item_spacing.y;
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if self.scroll_to_selected && self.last_viewport_height <= 0.0 {
            // The first frame has not measured the list yet: place the selection on the next one.
            ui.ctx().request_repaint();
        } else if std::mem::take(&mut self.scroll_to_selected)
            && let Some(position) = self.selected.and_then(|s| self.rows.iter().position(|&r| r == Row::Item(s)))
        {
            let top = position as f32 * row_with_spacing;
            let bottom = top + row_with_spacing;
            let (shown_top, shown_bottom) =
                (self.last_scroll_offset, self.last_scroll_offset + self.last_viewport_height);
            let context = 2.0 * row_with_spacing;
            let cramped = top < shown_top + context || bottom > shown_bottom - context;
            // Past the end, egui would spring the list back over several frames.
            let content = self.rows.len() as f32 * row_with_spacing - ui.spacing().item_spacing.y;
            let furthest = (content - self.last_viewport_height).max(0.0);
            let scroll_to = |offset: f32| offset.clamp(0.0, furthest);
            if std::mem::take(&mut self.scroll_with_context) && cramped {
                area = area.vertical_scroll_offset(scroll_to(top - self.last_viewport_height / 3.0));
            } else if top < shown_top {
                area = area.vertical_scroll_offset(scroll_to(top));
            } else if bottom > shown_bottom {
                area = area.vertical_scroll_offset(scroll_to(bottom - self.last_viewport_height));
            }
        }
        let mut clicked = false;
        let in_one_checklist = filters.search.trim().is_empty() && filters.scope.checklist().is_some();
        let output = area.show_rows(ui, ROW_HEIGHT, self.rows.len(), |ui, rows| {
            for position in rows {
                match self.rows[position] {
                    Row::Section { checklist, section } => {
                        section_row_ui(ui, model, (checklist, section), in_one_checklist)
                    }
                    Row::Item(index) => {
                        if row_ui(ui, model, index, self.selected == Some(index), commands) {
                            self.selected = Some(index);
                            clicked = true;
                        }
                    }
                }
            }
        });
        self.last_scroll_offset = output.state.clamped_offset().y;
        self.last_viewport_height = output.inner_rect.height();
        let take_focus = clicked || std::mem::take(&mut self.focus_requested);
        widgets::focusable_list(ui, output.inner_rect, (list_id(), "Items"), take_focus);
    }
}

/// "Fixture list: 3 of 11 done (1 skipped), 12 shown": the scope's counts, the same the side panel shows
/// (done of the items not skipped), then how many rows the filters let through.
fn heading(model: &Model, filters: &ItemFilter, shown: usize) -> String {
    let catalog = model.catalog();
    if !filters.search.trim().is_empty() {
        return format!("Search results in all checklists: {shown}");
    }
    let (title, size) = match filters.scope {
        Scope::All => ("All items", catalog.items.len()),
        Scope::Checklist(c) => catalog.checklists.get(c).map_or(("", 0), |c| (c.title.as_str(), c.item_range().len())),
        Scope::Section(c, s) => catalog
            .checklists
            .get(c)
            .and_then(|c| c.sections.get(s))
            .map_or(("", 0), |s| (s.title.as_str(), s.items.len())),
    };
    let count = model.count(filters.scope);
    let skipped = size - count.applicable;
    let skipped = if skipped > 0 { format!(" ({skipped} skipped)") } else { String::new() };
    format!("{title}: {} of {} done{skipped}, {shown} shown", count.done, count.applicable)
}

/// A section's heading row: "Checklist › Section" (the section alone within one checklist), its
/// done/total, and the checklist's description on hover.
fn section_row_ui(ui: &mut Ui, model: &Model, (checklist, section): (usize, usize), in_one_checklist: bool) {
    let Some(list) = model.catalog().checklists.get(checklist) else { return };
    let Some(part) = list.sections.get(section) else { return };
    let title = if in_one_checklist { part.title.clone() } else { format!("{} › {}", list.title, part.title) };
    let count = model.count(Scope::Section(checklist, section));
    let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, &title));
    let mut heading = ui.new_child(
        egui::UiBuilder::new().max_rect(rect.shrink2(egui::vec2(6.0, 0.0))).layout(Layout::left_to_right(Align::Max)),
    );
    heading.add(egui::Label::new(RichText::new(&title).strong()).truncate().selectable(false));
    heading.label(RichText::new(widgets::count_label(count.done, count.applicable)).weak().small());
    response.on_hover_text(format!("{} ({} track)\n{}", list.title, list.track.name(), list.description));
}

/// One list row: a done checkbox named after the item, the title, and badges. Returns whether the
/// row was clicked (to select it).
pub fn row_ui(ui: &mut Ui, model: &Model, index: usize, selected: bool, commands: &mut Vec<Command>) -> bool {
    let item = &model.catalog().items[index];
    let status = model.assessment.statuses[index];
    let (rect, row) = ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    row.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &item.title));
    let visuals = ui.visuals();
    if selected {
        ui.painter().rect_filled(rect, 4.0, visuals.selection.bg_fill.gamma_multiply(0.35));
    } else if row.hovered() {
        ui.painter().rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.5));
    }
    let mut clicked = row.clicked();
    let mut row_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect.shrink2(egui::vec2(6.0, 0.0)))
            .layout(Layout::left_to_right(Align::Center)),
    );
    let mut done = status == Status::Done;
    let enabled = !model.is_read_only();
    let checkbox =
        row_ui.add_enabled(enabled, egui::Checkbox::without_text(&mut done).indeterminate(status == Status::Learning));
    checkbox.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, enabled, done, &item.title));
    if checkbox.changed() {
        commands.push(Command::set_status(item, if done { Status::Done } else { Status::Todo }));
        clicked = true;
    }
    // The badges sit before the title, as in Gaps: together at any width, and in one column.
    widgets::stage_badge(&mut row_ui, item.stage);
    if row_ui.available_width() > NARROW_ROW {
        widgets::weight_badge(&mut row_ui, item.weight);
    }
    let mut extras = Vec::new();
    if matches!(status, Status::Learning | Status::Skipped) {
        extras.push((RichText::new(status.name()).small().color(widgets::status_color(&row_ui, status)), None));
    }
    let target = model.target();
    if !target.contains(index) {
        let help = format!("This item does not count toward {}; tick it all the same.", target.title);
        extras.push((RichText::new("not in target").small().weak(), Some(help)));
    }
    let mut title = RichText::new(&item.title);
    if status == Status::Skipped {
        title = title.strikethrough().weak();
    } else if status == Status::Done {
        title = title.color(row_ui.visuals().weak_text_color());
    }
    // The words after the title keep their room; the title is cut short first.
    let reserve: f32 = extras.iter().map(|(text, _)| text_width(&row_ui, text) + 12.0).sum();
    let title_width = (row_ui.available_width() - reserve).max(40.0);
    row_ui.scope(|ui| {
        ui.set_max_width(title_width);
        ui.add(egui::Label::new(title).truncate().selectable(false));
    });
    for (text, help) in extras {
        let label = row_ui.label(text);
        if let Some(help) = help {
            label.on_hover_text(help);
        }
    }
    clicked
}

fn text_width(ui: &Ui, text: &RichText) -> f32 {
    let galley = egui::WidgetText::from(text.clone()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    galley.size().x
}
