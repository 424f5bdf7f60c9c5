//! `check`, `backups` and `restore`: the commands about files.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::catalog::{self, FileProblem, Origin, UserFile};
use crate::paths::Locations;
use crate::store::Store;
use crate::target;

pub(super) fn check(locations: &Locations, files: &[PathBuf]) -> anyhow::Result<Outcome> {
    let (problems, checked) = if files.is_empty() {
        let (catalog, found) = catalog::load_catalog(&locations.checklist_dirs);
        let (lists, items, targets) = (catalog.checklists.len(), catalog.items.len(), catalog.targets.len());
        say!("{lists} checklists loaded, {items} items, {targets} targets.");
        let builtin = catalog::BUILTIN_CHECKLISTS.len();
        let yours = catalog::user_checklist_files(&locations.checklist_dirs).0.len();
        (found, format!("{} checklist files ({builtin} built in, {yours} of yours)", builtin + yours))
    } else {
        (check_files(locations, files)?, format!("{} file(s)", files.len()))
    };
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.is_empty() {
        say!("No problems found.");
        Ok(Outcome::Success)
    } else {
        eprintln!("{} problem(s) found in {checked}.", problems.len());
        Ok(Outcome::ProblemsFound)
    }
}

/// Validates the named files: checklists on their own, then against the built-in lists and each other (ids
/// used twice, aliases that name an existing item); targets against the loaded checklists (built in, the
/// config folder and `--checklists`). Prints a line for each file that passes.
fn check_files(locations: &Locations, files: &[PathBuf]) -> anyhow::Result<Vec<FileProblem>> {
    let mut problems = Vec::new();
    let mut parsed: Vec<(catalog::ChecklistFile, String)> = Vec::new();
    let mut targets: Vec<(String, &PathBuf)> = Vec::new();
    for path in files {
        match catalog::read_user_file(path) {
            Ok(UserFile::Checklist(file)) => parsed.push((file, path.display().to_string())),
            Ok(UserFile::Target(text)) => targets.push((text, path)),
            Err(found) => problems.extend(found),
        }
    }
    problems.extend(check_checklists(&parsed)?);
    if !targets.is_empty() {
        let (catalog, _) = catalog::load_catalog(&locations.checklist_dirs);
        for (text, path) in targets {
            let name = path.display().to_string();
            match target::load(&name, &text, &catalog, Origin::File(path.clone())) {
                Ok(resolved) => say!("{name}: ok (target, {} items)", resolved.len()),
                Err(found) => problems.extend(found),
            }
        }
    }
    Ok(problems)
}

/// The problems checklists have with the built-in lists and each other; prints a line for each that passes.
fn check_checklists(parsed: &[(catalog::ChecklistFile, String)]) -> anyhow::Result<Vec<FileProblem>> {
    let mut problems = Vec::new();
    let builtin: Vec<_> = catalog::BUILTIN_CHECKLISTS
        .iter()
        .filter_map(|(name, text)| catalog::parse_checklist(name, text).ok())
        .collect();
    let ids = catalog::full_ids(builtin.iter().chain(parsed.iter().map(|(file, _)| file)));
    for (index, (file, name)) in parsed.iter().enumerate() {
        let mut found = Vec::new();
        if let Some((_, other)) = parsed[..index].iter().find(|(earlier, _)| earlier.id == file.id) {
            found.push(format!("checklist id {:?} is also used by {other}", file.id));
        }
        found.extend(catalog::stolen_alias(file, &ids));
        if found.is_empty() {
            let items: usize = file.sections.iter().map(|s| s.items.len()).sum();
            say!("{name}: ok ({} sections, {items} items)", file.sections.len());
        }
        warn_many_proves(file, name);
        problems.extend(found.into_iter().map(|message| FileProblem { file: name.clone(), pos: None, message }));
    }
    Ok(problems)
}

/// More skills than this for one project item is said, not refused: each is credited to the person once a
/// project has the item done, so one custom item could credit every skill at once (hostile review N17).
const MANY_PROVES: usize = 5;

/// Warns, at the item's place in the file, about an item that proves more than [`MANY_PROVES`] skills.
fn warn_many_proves(file: &catalog::ChecklistFile, name: &str) {
    let text = std::fs::read_to_string(name).unwrap_or_default();
    for item in file.sections.iter().flat_map(|section| &section.items) {
        if item.proves.len() > MANY_PROVES {
            let at = crate::text_pos::TextPos::find(&text, &format!("\"{}\"", item.id), 0)
                .map_or_else(String::new, |pos| format!(":{}:{}", pos.line, pos.col));
            eprintln!(
                "warning: {name}{at}: item {:?} proves {} skills; a project that has it done credits every one \
of them to you. A project's item usually proves one to three; keep the ones its evidence really shows.",
                item.id,
                item.proves.len()
            );
        }
    }
}

pub(super) fn backups(locations: &Locations) -> anyhow::Result<Outcome> {
    let store = Store::of(locations);
    let found = store.backups();
    if found.is_empty() {
        say!("No backups yet in {}. One is kept on each day progress changes.", store.dir().display());
        return Ok(Outcome::Success);
    }
    for backup in found {
        let when =
            backup.modified.map_or_else(|| "unknown time".to_owned(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string());
        say!("{when}  {:>9} bytes  {}", backup.bytes, backup.path.display());
    }
    say!("\nRestore one with: skillgap restore FILE");
    Ok(Outcome::Success)
}

pub(super) fn restore(locations: &Locations, file: &Path) -> anyhow::Result<Outcome> {
    let (catalog, _) = crate::catalog::load_catalog(&locations.checklist_dirs);
    let mut store = Store::of(locations);
    let restored = store.restore(&catalog, file)?;
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    say!(
        "Restored {} ({}, {}) in {}, for every machine that shares it.",
        file.display(),
        count(restored.items.len(), "item with progress", "items with progress"),
        count(restored.history.len(), "history event", "history events"),
        store.dir().display()
    );
    Ok(Outcome::Success)
}

pub(super) fn sync(locations: &Locations) -> anyhow::Result<Outcome> {
    let mut store = Store::of(locations);
    let _lock = store.lock()?;
    store.carry_over(|| crate::catalog::load_catalog(&locations.checklist_dirs).0)?;
    let machine = store.machine()?;
    let report = crate::store::git::sync(store.dir(), &machine)?;
    let committed = if report.committed { "committed this machine's changes; " } else { "nothing new here; " };
    let arrived = match report.arrived {
        0 => "no changes from other machines".to_owned(),
        1 => "1 change from other machines".to_owned(),
        n => format!("{n} changes from other machines"),
    };
    say!("Synced {} with {}/{}: {committed}{arrived}.", store.dir().display(), report.remote, report.branch);
    Ok(Outcome::Success)
}
