//! `list`, `mark` and `gaps`: the commands about items.

use anyhow::bail;

use super::{Context, ListFormat, Outcome, active_target, checklist_named, open_tracker, print_stdout};
use crate::catalog;
use crate::filter::{ItemFilter, Scope};
use crate::paths::Locations;
use crate::progress::{Change, Status};
use crate::project::{credits, proven_by, proven_in};
use crate::score::Assessment;

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Done => "[x]",
        Status::Learning => "[~]",
        Status::Skipped => "[-]",
        Status::Todo => "[ ]",
    }
}

pub(super) fn list(
    context: &Context,
    mut filter: ItemFilter,
    checklist: Option<&str>,
    format: ListFormat,
) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(&context.locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    if let Some(id) = checklist {
        filter.scope = Scope::Checklist(checklist_named(catalog, id)?);
    }
    let target = active_target(context, catalog)?;
    let assessment = Assessment::of(catalog, progress, target);
    let proven = credits(catalog, &progress.projects);
    let matching = filter.matching(catalog, &assessment.statuses, target);
    let matching = matching
        .iter()
        .map(|&index| (index, &catalog.items[index], assessment.statuses[index], target.contains(index)));
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = matching
                .map(|(index, item, item_status, in_target)| {
                    let checklist = &catalog.checklists[item.checklist];
                    let proven_by: Vec<&str> = proven_by(&proven, index).iter().map(|p| p.id.as_str()).collect();
                    let mine = progress.get(item);
                    serde_json::json!({
                        "id": item.full_id,
                        "checklist": checklist.id,
                        "section": checklist.sections[item.section].id,
                        "title": item.title,
                        "stage": item.stage.id(),
                        "weight": item.weight.id(),
                        "status": item_status.id(),
                        "description": item.description,
                        "proof": item.proof,
                        "resources": item.resources,
                        "in_target": in_target,
                        "proven_by": proven_by,
                        "note": mine.map_or("", |p| p.note.as_str()),
                        "evidence": mine.map_or("", |p| p.evidence.as_str()),
                        "changed": mine.map(|p| p.changed.to_rfc3339()),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rows)?;
            out.push('\n');
        }
        ListFormat::Text => {
            let mut count = 0;
            for (index, item, item_status, in_target) in matching {
                count += 1;
                let outside = if in_target { String::new() } else { format!("  (not in {})", target.title) };
                let proven = proven_label(&proven, index, item_status);
                out.push_str(&format!(
                    "{} {:<44} {:<8} {:<12} {}{outside}{proven}\n",
                    status_mark(item_status),
                    item.full_id,
                    item.stage.name(),
                    item.weight.name(),
                    item.title
                ));
            }
            if count == 0 {
                eprintln!("No items match.");
            }
        }
    }
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

pub(super) fn mark(
    locations: &Locations,
    ids: &[String],
    status: Status,
    note: Option<String>,
    evidence: Option<String>,
) -> anyhow::Result<Outcome> {
    if let Some(link) = &evidence
        && !link.trim().is_empty()
        && !catalog::validate::is_http_url(link.trim())
    {
        bail!("the evidence link {link:?} is not an http(s) URL; give a link such as https://github.com/you/project");
    }
    let mut tracker = open_tracker(locations)?;
    let catalog = tracker.catalog();
    let mut changes = Vec::with_capacity(ids.len());
    let mut errors = Vec::new();
    for id in ids {
        match catalog.resolve(id) {
            Ok(index) => changes.push(Change {
                item: catalog.items[index].full_id.clone(),
                status: Some(status),
                note: note.clone(),
                evidence: evidence.clone(),
                ..Change::default()
            }),
            Err(err) => errors.push(err.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!("{}\nNothing was changed.", errors.join("\n"));
    }
    let titles: Vec<String> = changes
        .iter()
        .filter_map(|c| catalog.item_index(&c.item).map(|i| format!("{} ({})", catalog.items[i].title, c.item)))
        .collect();
    let changed = tracker.apply(&changes)?;
    for title in titles {
        say!("{}: {title}", status.id());
    }
    if changed < changes.len() {
        eprintln!("{} of {} items already had that status.", changes.len() - changed, changes.len());
    }
    Ok(Outcome::Success)
}

pub(super) fn gaps(context: &Context, limit: usize) -> anyhow::Result<Outcome> {
    let tracker = open_tracker(&context.locations)?;
    let catalog = tracker.catalog();
    let target = active_target(context, catalog)?;
    let assessment = Assessment::of(catalog, tracker.progress(), target);
    let proven = credits(catalog, &tracker.progress().projects);
    let gaps = &assessment.gaps;
    let (readiness, explanation) = (assessment.score.readiness, assessment.explanation(catalog));
    let next = assessment.score.next_level_sentence(catalog);
    let mut out = format!("Readiness for {}: {readiness:.0}/100. {explanation}\n{next}\n\n", target.title);
    if gaps.is_empty() {
        out.push_str("No gaps: every applicable item of this target is done.\n");
    }
    for gap in gaps.iter().take(limit) {
        let item = &catalog.items[gap.item];
        out.push_str(&format!(
            "+{:>5.1}  {:<8} {:<12} {:<44} {}{}\n",
            gap.gain,
            item.stage.name(),
            item.weight.name(),
            item.full_id,
            item.title,
            proven_label(&proven, gap.item, assessment.statuses[gap.item])
        ));
    }
    if gaps.iter().take(limit).any(|gap| proven_in(&proven, gap.item).is_some()) {
        out.push_str(
            "\nA skill proven in a project is done once you accept it: `skillgap project accept PROJECT --all`.\n",
        );
    }
    if gaps.len() > limit {
        out.push_str(&format!("\n{} more; show them with --limit {}\n", gaps.len() - limit, gaps.len()));
    }
    print_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

/// "  (proven in Tuition centre)" after a skill that is not done yet.
fn proven_label(credits: &[crate::project::Credit], index: usize, status: Status) -> String {
    match proven_in(credits, index) {
        Some(label) if status != Status::Done => format!("  ({})", crate::safe_text::for_terminal(&label, false)),
        _ => String::new(),
    }
}
