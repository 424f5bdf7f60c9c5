//! Targets: readiness *for what*. A target names the items that count toward a goal ("Developer who
//! ships", "Junior DevOps engineer"); the score, level and gaps are computed over its items only.
//! Progress stays per item: an item belongs to any number of targets and is ticked once.
//!
//! Targets are RON files like checklists: three are built in, and a person's own sit beside their
//! checklists (a file whose text starts with `Target(`). They are resolved against the loaded items when
//! the catalog loads, so a target that names an item no checklist has is a problem with its place.

mod format;

pub use format::{Selector, TargetFile};

use crate::Weight;
use crate::catalog::validate::{At, Checker, Problem};
use crate::catalog::{Catalog, FileProblem, Origin};

/// The target of a person who has not chosen one.
pub(crate) const DEFAULT_TARGET: &str = "developer-who-ships";

/// `(file name, RON text)` of each built-in target, in the order they are offered.
const BUILTIN_TARGETS: &[(&str, &str)] = &[
    ("developer-who-ships.ron", include_str!("../../assets/targets/developer-who-ships.ron")),
    ("junior-devops-engineer.ron", include_str!("../../assets/targets/junior-devops-engineer.ron")),
    ("everything.ron", include_str!("../../assets/targets/everything.ron")),
];

/// A resolved target: which catalog items count toward it.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: String,
    pub title: String,
    pub description: String,
    pub origin: Origin,
    /// Whether each catalog item counts, in catalog order.
    members: Vec<bool>,
    len: usize,
}

impl Target {
    /// A target of every item of `catalog` (what a catalog without the built-in lists falls back to).
    pub fn everything(catalog: &Catalog) -> Target {
        Target {
            id: "everything".to_owned(),
            title: "Everything".to_owned(),
            description: "Every item of the person's own lists.".to_owned(),
            origin: Origin::BuiltIn("everything.ron"),
            members: catalog.items.iter().map(|item| !catalog.checklists[item.checklist].for_projects).collect(),
            len: catalog.items.iter().filter(|item| !catalog.checklists[item.checklist].for_projects).count(),
        }
    }

    /// A target of every item of one checklist: what a project is scored over.
    pub(crate) fn of_checklist(catalog: &Catalog, checklist: usize) -> Target {
        let list = &catalog.checklists[checklist];
        let range = list.item_range();
        let members = (0..catalog.items.len()).map(|index| range.contains(&index)).collect();
        Target {
            id: list.id.clone(),
            title: list.title.clone(),
            description: list.description.clone(),
            origin: list.origin.clone(),
            members,
            len: range.len(),
        }
    }

    /// Whether catalog item `item` counts toward this target.
    pub fn contains(&self, item: usize) -> bool {
        self.members.get(item).copied().unwrap_or(false)
    }

    /// How many items count toward it.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// Whether `text` is a target file rather than a checklist: its first word, after comments and RON's
/// `#![enable(..)]` lines, is `Target`.
pub(crate) fn is_target_text(text: &str) -> bool {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("#!") {
            rest = after.split_once(']').map_or("", |(_, next)| next);
        } else {
            break;
        }
    }
    rest.strip_prefix("Target").is_some_and(|after| after.trim_start().starts_with('('))
}

/// Parses a target file's text; a problem names its line and column.
fn parse_target(name: &str, text: &str) -> Result<TargetFile, Vec<FileProblem>> {
    crate::catalog::parse_ron(name, text, "target")
}

/// Parses `text` (a target file named `name`) and resolves it over `catalog`: what a person's own target
/// file becomes, or its problems in that file.
pub(crate) fn load(name: &str, text: &str, catalog: &Catalog, origin: Origin) -> Result<Target, Vec<FileProblem>> {
    let file = parse_target(name, text)?;
    resolve(&file, text, catalog, origin).map_err(|problems| problems.into_iter().map(|p| p.in_file(name)).collect())
}

/// Checks `file` (whose text is `source`) and resolves it against the items of `catalog`. Every selector
/// must name something loaded, and the target must count at least one item.
pub fn resolve(file: &TargetFile, source: &str, catalog: &Catalog, origin: Origin) -> Result<Target, Vec<Problem>> {
    let mut checker = Checker::new(source);
    let at = checker.at(&file.id);
    checker.check_id("target", &file.id, at);
    checker.check_title("target", &file.title, at);
    checker.check_text("target description", &file.description, at);
    let mut members = vec![false; catalog.items.len()];
    for selector in &file.include {
        let weight_ok = |weight: Weight| match selector {
            Selector::Item(_) => true,
            _ => file.min_weight.is_none_or(|min| weight <= min),
        };
        for item in selected(selector, catalog, &mut checker) {
            if weight_ok(catalog.items[item].weight) {
                members[item] = true;
            }
        }
    }
    for selector in &file.exclude {
        for item in selected(selector, catalog, &mut checker) {
            members[item] = false;
        }
    }
    let len = members.iter().filter(|&&m| m).count();
    if len == 0 && checker.is_clean() {
        let message = "target counts no items: name a checklist, section, item or tag in `include`".to_owned();
        checker.report(at, message);
    }
    let problems = checker.into_problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let (id, title, description) = (file.id.clone(), file.title.clone(), file.description.clone());
    Ok(Target { id, title, description, origin, members, len })
}

/// The catalog items `selector` names; a name that matches nothing is reported at its place.
fn selected(selector: &Selector, catalog: &Catalog, checker: &mut Checker<'_>) -> Vec<usize> {
    let name = selector.name();
    let found: Option<Vec<usize>> = match selector {
        // Every item of the person's own lists: a project's checklist is ticked per project.
        Selector::All => Some(
            (0..catalog.items.len())
                .filter(|&i| !catalog.checklists[catalog.items[i].checklist].for_projects)
                .collect(),
        ),
        Selector::Checklist(id) => catalog.checklist_index(id).map(|c| catalog.checklists[c].item_range().collect()),
        Selector::Section(path) => path.split_once('/').and_then(|(list, section)| {
            let checklist = &catalog.checklists[catalog.checklist_index(list)?];
            let section = checklist.sections.iter().find(|s| s.id == section)?;
            Some(section.items.clone().collect())
        }),
        Selector::Item(id) => catalog.item_index(id).map(|item| vec![item]),
        Selector::Tag(tag) => {
            let tagged: Vec<usize> =
                (0..catalog.items.len()).filter(|&i| catalog.items[i].tags.contains(tag)).collect();
            (!tagged.is_empty()).then_some(tagged)
        }
    };
    found.unwrap_or_else(|| {
        checker.report(At::first(name), unknown_name(selector, catalog));
        Vec::new()
    })
}

/// Why a selector matched nothing, with the names that do exist where that helps.
fn unknown_name(selector: &Selector, catalog: &Catalog) -> String {
    let checklists = || catalog.checklists.iter().map(|c| format!("{:?}", c.id)).collect::<Vec<_>>().join(", ");
    match selector {
        Selector::All => "`All` matched no items: no checklist is loaded".to_owned(),
        Selector::Checklist(id) => format!("no loaded checklist has the id {id:?}; loaded: {}", checklists()),
        Selector::Section(path) => format!(
            "no loaded section is {path:?}; a section is named \"checklist-id/section-id\" (checklists: {})",
            checklists()
        ),
        Selector::Item(id) => {
            let close = catalog.closest_ids(id, 3);
            let hint = if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) };
            format!("no loaded item has the full id {id:?} (write \"checklist-id/item-id\"){hint}")
        }
        Selector::Tag(tag) => format!("no loaded item has the tag {tag:?}"),
    }
}

/// The built-in targets that resolve over `catalog`, then [`Target::everything`] if none does (a catalog
/// of test lists, without the built-in checklists the built-in targets name).
pub(crate) fn builtin_targets(catalog: &Catalog) -> Vec<Target> {
    let mut targets: Vec<Target> = BUILTIN_TARGETS
        .iter()
        .filter_map(|(name, text)| {
            let file = parse_target(name, text).ok()?;
            resolve(&file, text, catalog, Origin::BuiltIn(name)).ok()
        })
        .collect();
    if targets.is_empty() {
        targets.push(Target::everything(catalog));
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_file_is_told_from_a_checklist_by_its_first_word() {
        assert!(is_target_text("Target(id: \"a\")"));
        assert!(is_target_text("\u{feff}// mine\n/* a\nb */ #![enable(implicit_some)]\n  Target (\n"));
        assert!(!is_target_text("(id: \"devops-basics\")"));
        assert!(!is_target_text("Checklist(id: \"x\")"));
        assert!(!is_target_text("Targets(id: \"x\")"), "a longer word is not the struct name");
        assert!(!is_target_text("// Target(\n(id: \"x\")"), "a comment does not count");
    }

    #[test]
    fn every_built_in_target_parses() {
        for (name, text) in BUILTIN_TARGETS {
            assert!(is_target_text(text), "{name}");
            parse_target(name, text).unwrap();
        }
    }
}
