//! `summary`, `target` and `targets`: the commands about readiness for a target.

use std::path::Path;

use super::{
    Context, ListFormat, Outcome, active_target, checklist_named, chosen_target, open_tracker, print_stdout,
    write_report,
};
use crate::report::{self, Format, Paper, SummaryOptions, TargetLine};
use crate::score::{self, Assessment};
use crate::settings::find_target;
use crate::store::Store;
use crate::target::Target;

pub(super) fn summary(
    context: &Context,
    format: Format,
    paper: Paper,
    options: &SummaryOptions,
    output: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(&context.locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(id) = &options.checklist {
        checklist_named(catalog, id)?;
    }
    let (target, chosen) = chosen_target(context, catalog)?;
    // A first summary says what it measured against, and how to choose something else.
    if progress.items.is_empty() && !chosen {
        eprintln!(
            "Scored for the target \"{}\", the default. See every target with `skillgap targets`; choose one with \
`skillgap target ID`.",
            target.title
        );
    }
    let summary = report::summarize(catalog, progress, target, options, chrono::Utc::now());
    let bytes = report::render(&summary, format, paper)?;
    write_report(&bytes, output, &context.locations)?;
    Ok(Outcome::Success)
}

/// Shows the active target, or makes `id` the remembered one.
pub(super) fn target(context: &Context, id: Option<&str>) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(&context.locations)?;
    let catalog = tracker.catalog();
    let target = match id {
        Some(id) => {
            let target = find_target(catalog, id)?;
            let chosen = target.id.clone();
            Store::of(&context.locations).update_settings(|settings| settings.target = Some(chosen))?;
            print!("The active target is now ");
            target
        }
        None => {
            print!("The active target is ");
            active_target(context, catalog)?
        }
    };
    let score = Assessment::of(catalog, tracker.progress(), target).score;
    say!(
        "{} ({}): readiness {:.0}/100, Level {}: {}.",
        target.title,
        target.id,
        score.readiness,
        score.level.number(),
        score.level.name()
    );
    say!("{}", target.description);
    say!(
        "It counts {} items. Compare every target with `skillgap targets`; choose one with `skillgap target ID`.",
        target.len()
    );
    Ok(Outcome::Success)
}

/// Every target side by side, as a table or JSON.
pub(super) fn targets(context: &Context, format: ListFormat) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(&context.locations)?;
    let catalog = tracker.catalog();
    let active = active_target(context, catalog)?;
    let statuses = score::statuses(catalog, tracker.progress());
    let lines = report::target_lines(catalog, &statuses, active);
    let out = match format {
        ListFormat::Json => {
            let json = serde_json::json!({ "active": active.id, "targets": lines });
            format!("{}\n", serde_json::to_string_pretty(&json)?)
        }
        ListFormat::Text => targets_table(&lines, active),
    };
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

fn targets_table(lines: &[TargetLine], active: &Target) -> String {
    let mut out = format!("  {:<28} {:>9}  {:<26} {:>9}  Next\n", "Target", "Readiness", "Level", "Done");
    for line in lines {
        let mark = if line.active { '*' } else { ' ' };
        let level = format!("{} {}", line.level, line.level_name);
        let done = format!("{}/{}", line.done, line.applicable);
        let next = line.next.as_ref().map_or_else(|| "nothing: all done".to_owned(), |gap| gap.title.to_owned());
        let title = crate::safe_text::for_terminal(line.title, false);
        out.push_str(&format!("{mark} {title:<28} {:>5.0}/100  {level:<26} {done:>9}  {next}\n", line.readiness));
    }
    out.push_str(&format!(
        "\n* the active target ({}). Choose another with `skillgap target ID`, or use `--target ID` once.\n",
        active.id
    ));
    out
}
