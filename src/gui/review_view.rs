//! The Review view: today's reviews of done items, one at a time. Each shows its proof task to redo and
//! four ratings (keys 1 to 4); L moves it back to learning. Up and Down choose, as in the lists.

use egui::{Key, RichText, Ui};

use super::command::{AppCommand, Command, ItemCommand};
use super::model::Model;
use crate::progress::Status;
use crate::review::Rating;

#[derive(Debug, Default)]
pub struct ReviewView {
    /// The chosen review, by full id; the first of the queue when none is chosen or it has left.
    selected: Option<String>,
}

impl ReviewView {
    pub fn ui(&mut self, ui: &mut Ui, model: &Model, commands: &mut Vec<Command>) {
        let plan = &model.reviews;
        if !plan.enabled {
            ui.heading("Reviews are off");
            ui.label("Done items get no review dates, and the header says nothing about them.");
            if ui.button("Turn reviews on").clicked() {
                commands.push(AppCommand::SetReviews(true).into());
            }
            return;
        }
        let queue: Vec<usize> = plan.due_today().map(|planned| planned.schedule.item).collect();
        ui.horizontal(|ui| {
            ui.heading(format!("Reviews due today: {}", queue.len()));
            ui.label(RichText::new(format!("at most {} a day; {} done today", plan.limit, plan.reviewed_today)).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("Turn reviews off").on_hover_text("No review dates, no queue").clicked() {
                    commands.push(AppCommand::SetReviews(false).into());
                }
            });
        });
        ui.add(egui::Label::new(freshness(model)).wrap());
        if let Some(backlog) = plan.backlog() {
            let hint = format!("{backlog} A higher daily limit catches up sooner: `skillgap review --daily-limit N`.");
            ui.add(egui::Label::new(RichText::new(hint).weak()).wrap());
        }
        ui.separator();
        if queue.is_empty() {
            ui.label(nothing_due(model));
            return;
        }
        let catalog = model.catalog();
        let chosen = self
            .selected
            .as_ref()
            .and_then(|id| queue.iter().position(|&item| &catalog.items[item].full_id == id))
            .unwrap_or(0);
        let chosen = self.keys(ui, model, &queue, chosen, commands);
        self.selected = queue.get(chosen).map(|&item| catalog.items[item].full_id.clone());
        ui.columns(2, |columns| {
            for (place, &item) in queue.iter().enumerate() {
                let title = &catalog.items[item].title;
                if columns[0].selectable_label(place == chosen, title).clicked() {
                    self.selected = Some(catalog.items[item].full_id.clone());
                }
            }
            if let Some(&item) = queue.get(chosen) {
                review_card(&mut columns[1], model, item, commands);
            }
        });
    }

    /// Up and Down choose; 1 to 4 rate; L moves the chosen item back to learning. Not while typing.
    fn keys(&self, ui: &Ui, model: &Model, queue: &[usize], chosen: usize, commands: &mut Vec<Command>) -> usize {
        if ui.ctx().text_edit_focused() {
            return chosen;
        }
        let mut chosen = chosen;
        let id = model.catalog().items[queue[chosen]].full_id.clone();
        ui.input(|input| {
            if input.key_pressed(Key::ArrowDown) {
                chosen = (chosen + 1).min(queue.len() - 1);
            }
            if input.key_pressed(Key::ArrowUp) {
                chosen = chosen.saturating_sub(1);
            }
            for (key, rating) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4].into_iter().zip(Rating::ALL) {
                if input.key_pressed(key) {
                    commands.push(ItemCommand::Review { item: id.clone(), rating }.into());
                }
            }
            if input.key_pressed(Key::L) {
                commands.push(ItemCommand::SetStatus { item: id.clone(), status: Status::Learning }.into());
            }
        });
        chosen
    }
}

/// The chosen review: what to redo, when it was last practised, and the ratings.
fn review_card(ui: &mut Ui, model: &Model, item: usize, commands: &mut Vec<Command>) {
    let catalog = model.catalog();
    let entry = &catalog.items[item];
    ui.heading(&entry.title);
    ui.label(RichText::new(format!("{} · {}", catalog.checklists[entry.checklist].title, entry.stage.name())).weak());
    if let Some(planned) = model.planned(item) {
        ui.label(practised_line(planned));
    }
    ui.add_space(6.0);
    let proof = if entry.proof.is_empty() { "Do the item again, from memory." } else { entry.proof.as_str() };
    ui.label(RichText::new("Redo the proof, then say how it went:").strong());
    ui.label(proof);
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        for (key, rating) in (1..).zip(Rating::ALL) {
            if ui.button(format!("{key}  {}", rating.name())).clicked() {
                commands.push(ItemCommand::Review { item: entry.full_id.clone(), rating }.into());
            }
        }
    });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let learning = ui.button("L  Move back to learning").on_hover_text("It no longer counts as done");
        if learning.clicked() {
            commands.push(ItemCommand::SetStatus { item: entry.full_id.clone(), status: Status::Learning }.into());
        }
    });
}

/// "Done 2026-11-02 · last reviewed 2026-11-20 (good)".
pub(crate) fn practised_line(planned: &crate::review::Planned) -> String {
    let schedule = &planned.schedule;
    let day = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).date_naive();
    let done = format!("Done {}", day(schedule.done_since));
    match (schedule.last_reviewed, schedule.last_rating) {
        (Some(at), Some(rating)) => format!("{done} · last reviewed {} ({rating})", day(at)),
        _ => format!("{done} · not reviewed yet"),
    }
}

/// "52 of 60 done items fresh (within their schedule) · 58 practised in the last 90 days".
pub(crate) fn freshness(model: &Model) -> String {
    let plan = &model.reviews;
    let since = chrono::Utc::now() - chrono::Duration::days(90);
    format!(
        "{} of {} done items fresh (practised within their schedule) · {} practised in the last 90 days",
        plan.fresh(),
        plan.planned.len(),
        plan.practised_since(since)
    )
}

fn nothing_due(model: &Model) -> String {
    let plan = &model.reviews;
    match plan.next_day_after(plan.today) {
        Some(next) => {
            let count = plan.on(next).count();
            format!("Nothing to review today. Next: {next}, {count} item{}.", if count == 1 { "" } else { "s" })
        }
        None => "Nothing to review: tick an item done, and its first review is planned.".to_owned(),
    }
}
