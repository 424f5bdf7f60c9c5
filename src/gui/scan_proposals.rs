//! The scan's proposals for the shown project: each with what was found, the line that shows it (in a
//! readable monospace line, not small grey text) and whether it proves the item or a part of it. *Accept
//! all* takes only the full proofs; a part is accepted one by one, as *doing*. The items no file can show
//! and the dangerous workflows are said below them.

use egui::{RichText, Ui};

use super::command::{Command, ProjectCommand};
use super::model::Model;
use crate::project::Project;
use crate::scan::{self, Proof, Proposal, Signal};

/// What the last scan of a project proposed, or why it failed.
#[derive(Debug)]
pub struct ScanProposals {
    pub project: String,
    pub result: Result<Vec<Proposal>, String>,
    /// Workflows that run a pull request's code with the repository's secrets: `path:line`.
    pub dangers: Vec<String>,
    /// Security the files show beside the proposals, the unsafe first.
    pub security: Vec<Signal>,
    /// What the scan did not read ([`scan::Scan::left_out`]).
    pub left_out: Vec<String>,
}

impl ScanProposals {
    pub fn ui(&mut self, ui: &mut Ui, model: &Model, project: &Project, commands: &mut Vec<Command>) {
        ui.label(RichText::new("Scan proposals").strong());
        match &mut self.result {
            Err(error) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("The scan failed: {error}"));
            }
            Ok(proposals) if proposals.is_empty() => {
                ui.label("Nothing to propose: no file proves an item that is still open.");
            }
            Ok(proposals) => proposals_ui(ui, model, proposals, commands),
        }
        if !self.left_out.is_empty() {
            let left_out = self.left_out.join(", ");
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Not read: {left_out}. What it proposes comes from the rest."),
            );
        }
        let unseen = scan::unseen_items(model.catalog(), project);
        if !unseen.is_empty() {
            ui.label(format!("Cannot be seen in files, mark them yourself: {}.", unseen.join("; ")));
        }
        if !self.security.is_empty() {
            let unsafe_ones = self.security.iter().filter(|s| !s.good).count();
            let title = format!("Security seen in the files ({unsafe_ones} to look at)");
            egui::CollapsingHeader::new(title).id_salt("scan-security").show(ui, |ui| {
                for signal in &self.security {
                    let mark = if signal.good { "ok" } else { "look at" };
                    ui.label(RichText::new(format!("{mark}: {}   {}", signal.evidence, signal.what)).monospace());
                }
            });
        }
        for danger in &self.dangers {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Danger: {danger} runs a pull request's code with the repository's secrets (pull_request_target)."
                ),
            );
        }
        ui.separator();
    }
}

fn proposals_ui(ui: &mut Ui, model: &Model, proposals: &mut Vec<Proposal>, commands: &mut Vec<Command>) {
    let full: Vec<Proposal> = proposals.iter().filter(|p| p.proof == Proof::Full).cloned().collect();
    let partial = proposals.len() - full.len();
    ui.horizontal_wrapped(|ui| {
        let accept_all = ui
            .add_enabled(!full.is_empty(), egui::Button::new(format!("Accept all {}", full.len())))
            .on_hover_text("Every proposal that proves its item; one Ctrl+Z takes them all back");
        if accept_all.clicked() {
            commands.push(ProjectCommand::AcceptProposals(full.clone()).into());
        }
        if partial > 0 {
            let verb = if partial == 1 { "proves" } else { "prove" };
            ui.label(format!("{partial} {verb} only a part of an item: accept each to mark it doing."));
        }
    });
    let mut rejected = None;
    for (index, proposal) in proposals.iter().enumerate() {
        let title = model.catalog().item_index(&proposal.item).map(|i| &model.catalog().items[i].title);
        ui.horizontal_wrapped(|ui| {
            let (accept, hover) = match proposal.proof {
                Proof::Full => ("Accept", "Mark it done, with this line as its evidence"),
                Proof::Partial => ("Accept as doing", "A part of it: mark it doing, with what is missing as its note"),
            };
            if ui.button(accept).on_hover_text(hover).clicked() {
                commands.push(ProjectCommand::AcceptProposals(vec![proposal.clone()]).into());
            }
            if ui.button("Reject").clicked() {
                rejected = Some(index);
            }
            ui.label(RichText::new(title.map_or(proposal.item.as_str(), String::as_str)).strong());
        });
        let proof = match proposal.proof {
            Proof::Full => "Proves it",
            Proof::Partial => "A part of it",
        };
        ui.label(format!("{proof}: {}", proposal.finding.sentence()));
        let more = match proposal.more_files {
            0 => String::new(),
            n => format!("   (and {n} more {})", if n == 1 { "file" } else { "files" }),
        };
        ui.label(RichText::new(format!("{}   {}{more}", proposal.evidence, proposal.finding.excerpt)).monospace());
        ui.add_space(4.0);
    }
    if let Some(index) = rejected.filter(|&i| i < proposals.len()) {
        proposals.remove(index);
    }
}
