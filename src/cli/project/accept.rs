//! `project accept`: the person accepts as done the skills of theirs that a project proves, each with the
//! project's evidence. Nothing is accepted that they did not name (or ask for with `--all`).

use anyhow::bail;

use super::super::{Outcome, open_tracker};
use crate::paths::Locations;
use crate::progress::Status;
use crate::project::{Credit, credits, find_project};

pub(super) fn accept(locations: &Locations, query: &str, skills: &[String], all: bool) -> anyhow::Result<Outcome> {
    let mut tracker = open_tracker(locations)?;
    let (catalog, progress) = (tracker.catalog(), tracker.progress());
    let project = find_project(progress, query)?;
    let proven = credits(catalog, std::slice::from_ref(project));
    let mut chosen: Vec<&Credit> = Vec::new();
    if all {
        let open = proven.iter().filter(|c| progress.status(&catalog.items[c.skill]) != Status::Done);
        for credit in open {
            if !chosen.iter().any(|c| c.skill == credit.skill) {
                chosen.push(credit);
            }
        }
    }
    let mut errors = Vec::new();
    for skill in skills {
        match catalog.resolve(skill) {
            Ok(index) => match proven.iter().find(|c| c.skill == index) {
                Some(_) if chosen.iter().any(|c| c.skill == index) => {}
                Some(credit) => chosen.push(credit),
                None => errors.push(format!(
                    "{} does not prove {}: only an item done in it with evidence proves a skill; \
                     `skillgap project show {:?}` lists the skills it proves",
                    project.name, catalog.items[index].full_id, project.id
                )),
            },
            Err(err) => errors.push(err.to_string()),
        }
    }
    if !errors.is_empty() {
        bail!("{}\nNothing was changed.", errors.join("\n"));
    }
    if chosen.is_empty() {
        say!(
            "Nothing to accept: every skill {} proves is done already.",
            crate::safe_text::for_terminal(&project.name, false)
        );
        return Ok(Outcome::Success);
    }
    let changes: Vec<_> = chosen
        .iter()
        .map(|credit| {
            let skill = &catalog.items[credit.skill];
            credit.accept(progress.get(skill), &skill.full_id)
        })
        .collect();
    let lines: Vec<String> = chosen
        .iter()
        .map(|c| {
            format!(
                "done: {} ({}), proven by {}",
                catalog.items[c.skill].title, catalog.items[c.skill].full_id, c.evidence
            )
        })
        .collect();
    tracker.apply(&changes)?;
    for line in lines {
        say!("{}", crate::safe_text::for_terminal(&line, false));
    }
    Ok(Outcome::Success)
}
