//! Loading the checklist files again while the window is open: when a file in their folders was added,
//! removed or edited (seen by the once-a-second disk check), or when the person asks. The views point at
//! items and checklists by position in the catalog, so what they showed is found again by id.

use super::App;
use crate::catalog::Catalog;
use crate::filter::Scope;
use crate::gui::command::Command;

/// What the views showed, by id: the selected item, the list's checklist and section, the gaps'
/// selection and checklist filter.
struct Shown {
    item: Option<String>,
    scope: Option<(String, Option<String>)>,
    gaps: (Option<String>, Option<String>),
}

impl Shown {
    fn of(app: &App) -> Shown {
        let catalog = app.model.catalog();
        let checklist_id = |index: usize| catalog.checklists.get(index).map(|c| c.id.clone());
        let scope = app.checklists.scope();
        let section_id = |c: usize, s: usize| catalog.checklists.get(c)?.sections.get(s).map(|s| s.id.clone());
        Shown {
            item: app.selected_item().and_then(|i| catalog.items.get(i)).map(|item| item.full_id.clone()),
            scope: scope.checklist().and_then(checklist_id).map(|checklist| match scope {
                Scope::Section(c, s) => (checklist, section_id(c, s)),
                _ => (checklist, None),
            }),
            gaps: app.gaps.shown_ids(catalog),
        }
    }

    /// The scope in `catalog`: the same checklist and section, or all items when it is gone.
    fn scope_in(&self, catalog: &Catalog) -> Scope {
        let Some((checklist, section)) = &self.scope else { return Scope::All };
        let Some(c) = catalog.checklists.iter().position(|list| &list.id == checklist) else { return Scope::All };
        match section.as_ref().and_then(|id| catalog.checklists[c].sections.iter().position(|s| &s.id == id)) {
            Some(s) => Scope::Section(c, s),
            None => Scope::Checklist(c),
        }
    }
}

impl App {
    /// Loads the checklists again if their files changed, or always when `forced`; says what loaded.
    pub(super) fn reload_checklists(&mut self, forced: bool) {
        if !forced && self.checklists.has_pending_draft() {
            return;
        }
        // A note being typed is saved under its item before the items may move.
        let mut flushed = Vec::new();
        self.checklists.flush_draft(&self.model, &mut flushed);
        for command in flushed {
            if let Command::Item(command) = command {
                self.apply_item(command);
            }
        }
        let shown = Shown::of(self);
        let problems =
            if forced { Some(self.model.reload_checklists()) } else { self.model.reload_checklists_if_changed() };
        let Some(problems) = problems else { return };
        let catalog = self.model.catalog();
        let selected = shown.item.as_ref().and_then(|id| catalog.item_index(id));
        self.checklists.after_catalog_change(shown.scope_in(catalog), selected);
        self.gaps.after_catalog_change(catalog, shown.gaps);
        self.projects.refresh();
        let skipped = match problems.len() {
            0 => String::new(),
            1 => "; one file was skipped (see above)".to_owned(),
            n => format!("; {n} files were skipped (see above)"),
        };
        self.messages.notice = Some(format!(
            "Checklists loaded again: {} items in {} checklists{skipped}.",
            catalog.items.len(),
            catalog.checklists.len()
        ));
        self.messages.load_problems = problems.iter().map(ToString::to_string).collect();
    }
}
