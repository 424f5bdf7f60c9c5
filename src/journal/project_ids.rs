//! Projects added on two machines while they were apart. Each machine picks a new project's id from its
//! name on the progress it has, so two machines can pick one id: the same project added twice (the same
//! name) is one project, and two projects whose names make one id ("Shop", "shop!") both stay, the one
//! added later under a free id. The later one's machine goes on naming it by the id it picked until it
//! names the new one (it has then seen the fold that gave it).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::catalog::Catalog;
use crate::progress::{Edit, Progress};
use crate::project::{ProjectChange, name_key};

/// Who added each project, and the ids a machine's changes name that the fold gave another id.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ProjectIds {
    added_by: HashMap<String, String>,
    /// (machine, the id it picked) -> the id the project has.
    moved: HashMap<(String, String), String>,
}

impl ProjectIds {
    /// Applies `edit`, made on `machine` at `at`, with the project it names found as described above.
    pub(super) fn apply(
        &mut self,
        progress: &mut Progress,
        catalog: &Catalog,
        machine: &str,
        edit: &Edit,
        at: DateTime<Utc>,
    ) {
        let Edit::Project(change) = edit else {
            progress.apply_edit(catalog, edit, at);
            return;
        };
        let picked = project_of(change);
        // A change naming the id the fold gave: the machine has seen it, and its old id means the other
        // project again.
        self.moved.retain(|(m, _), moved| m != machine || moved != picked);
        let key = (machine.to_owned(), picked.to_owned());
        let mut change = change.clone();
        if let Some(moved) = self.moved.get(&key) {
            set_project(&mut change, moved.clone());
        } else if let Some(id) = self.taken_by_another(progress, machine, &change) {
            self.moved.insert(key, id.clone());
            set_project(&mut change, id);
        }
        if let ProjectChange::Add { id, .. } = &change
            && !progress.projects.iter().any(|p| &p.id == id)
        {
            self.added_by.insert(id.clone(), machine.to_owned());
        }
        progress.apply_project(&change, at);
    }

    /// The ids the fold gave `machine`'s projects in place of those it picked, that it has not named yet.
    pub(crate) fn moved_for(&self, machine: &str) -> Vec<String> {
        self.moved.iter().filter(|((m, _), _)| m == machine).map(|(_, moved)| moved.clone()).collect()
    }

    /// For an `Add` (or a `Put` of a project not there) whose id another machine's project has: that
    /// project's id when it is the same project (the same name), else a free id.
    fn taken_by_another(&self, progress: &Progress, machine: &str, change: &ProjectChange) -> Option<String> {
        let (id, name) = match change {
            ProjectChange::Add { id, project } => (id, &project.name),
            ProjectChange::Put(project) => (&project.id, &project.name),
            _ => return None,
        };
        let existing = progress.projects.iter().find(|p| &p.id == id)?;
        let mine = self.added_by.get(id).is_none_or(|by| by == machine);
        if mine || name_key(&existing.name) == name_key(name) {
            return None;
        }
        if let ProjectChange::Put(project) = change
            && project.created == existing.created
        {
            return None; // an undo of a change to that very project
        }
        Some(progress.new_project_id(name))
    }
}

fn project_of(change: &ProjectChange) -> &str {
    match change {
        ProjectChange::Add { id, .. } => id,
        ProjectChange::Put(project) => &project.id,
        ProjectChange::Edit { project, .. }
        | ProjectChange::Mark { project, .. }
        | ProjectChange::Remove { project }
        | ProjectChange::Record { project, .. } => project,
    }
}

fn set_project(change: &mut ProjectChange, to: String) {
    match change {
        ProjectChange::Add { id, .. } => *id = to,
        ProjectChange::Put(project) => project.id = to,
        ProjectChange::Edit { project, .. }
        | ProjectChange::Mark { project, .. }
        | ProjectChange::Remove { project }
        | ProjectChange::Record { project, .. } => *project = to,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Entry, Record, Source, fold};
    use crate::catalog::Catalog;
    use crate::progress::Edit;
    use crate::project::{NewProject, ProjectChange, ProjectStatus};

    fn at(seconds: i64) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_765_000_000 + seconds, 0).unwrap()
    }

    fn entry(seq: u64, seconds: i64, change: ProjectChange) -> Entry {
        Entry { seq, at: at(seconds), change: Record::Edit(Edit::Project(change)) }
    }

    fn add(seq: u64, seconds: i64, id: &str, name: &str) -> Entry {
        let project = NewProject { name: name.into(), checklist: "launch-one-project".into(), ..Default::default() };
        entry(seq, seconds, ProjectChange::Add { id: id.into(), project })
    }

    fn mark(seq: u64, seconds: i64, project: &str, item: &str) -> Entry {
        entry(seq, seconds, ProjectChange::mark(project, item, ProjectStatus::Done))
    }

    fn source(machine: char, entries: Vec<Entry>) -> Source {
        Source { machine: machine.to_string().repeat(16), entries }
    }

    /// The same project added on two machines apart is one project, with both machines' marks.
    #[test]
    fn one_name_added_on_two_machines_is_one_project() {
        let laptop = source('a', vec![add(1, 0, "shop", "Shop"), mark(2, 10, "shop", "containerised")]);
        let desktop = source('b', vec![add(1, 5, "shop", "shop"), mark(2, 20, "shop", "backups")]);
        let folded = fold(&Catalog::default(), &[laptop, desktop]);
        assert_eq!(folded.projects.len(), 1);
        let items: Vec<&String> = folded.projects[0].items.keys().collect();
        assert_eq!(items, ["backups", "containerised"]);
    }

    /// Two projects whose names make one id both stay; the later machine's marks go to its own project
    /// until it names the id the fold gave it, after which its old id means the other project again.
    #[test]
    fn two_names_of_one_id_stay_two_projects_with_their_own_marks() {
        let laptop = source('a', vec![add(1, 0, "shop", "Shop"), mark(2, 10, "shop", "containerised")]);
        let desktop = source(
            'b',
            vec![
                add(1, 5, "shop", "shop!"),
                mark(2, 20, "shop", "backups"),
                mark(3, 30, "shop-2", "monitoring"),
                mark(4, 40, "shop", "tls"),
            ],
        );
        let folded = fold(&Catalog::default(), &[desktop, laptop]);
        let projects: Vec<(&str, &str, Vec<&str>)> = folded
            .projects
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str(), p.items.keys().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            projects,
            [("shop", "Shop", vec!["containerised", "tls"]), ("shop-2", "shop!", vec!["backups", "monitoring"])]
        );
    }
}
