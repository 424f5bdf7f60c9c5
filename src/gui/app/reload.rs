//! Loading the checklist files again while the window is open: when a file in their folders was added,
//! removed or edited (seen by the once-a-second disk check), or when the person asks. The views point at
//! items and checklists by position in the catalog, so what they showed is found again by id.

use super::App;
use crate::catalog::Catalog;
use crate::filter::Scope;

/// What the views showed, by id: the selected item, the gaps' selection, the list's and gaps' checklist.
struct Shown {
    item: Option<String>,
    gap: Option<String>,
    scope: Option<(String, Option<String>)>,
    gaps_checklist: Option<String>,
}

impl Shown {
    fn of(app: &App) -> Shown {
        let catalog = app.model.catalog();
        let item_id = |index: usize| catalog.items.get(index).map(|item| item.full_id.clone());
        let checklist_id = |index: usize| catalog.checklists.get(index).map(|c| c.id.clone());
        let scope = app.checklists.filters.scope;
        let section_id = |c: usize, s: usize| catalog.checklists.get(c)?.sections.get(s).map(|s| s.id.clone());
        Shown {
            item: app.selected_item().and_then(item_id),
            gap: app.gaps.selected.and_then(item_id),
            scope: scope.checklist().and_then(checklist_id).map(|checklist| match scope {
                Scope::Section(c, s) => (checklist, section_id(c, s)),
                _ => (checklist, None),
            }),
            gaps_checklist: app.gaps.checklist.and_then(checklist_id),
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
        self.checklists.flush_draft(&self.model, &mut self.commands);
        self.apply_commands();
        let shown = Shown::of(self);
        let problems =
            if forced { Some(self.model.reload_checklists()) } else { self.model.reload_checklists_if_changed() };
        let Some(problems) = problems else { return };
        let catalog = self.model.catalog();
        let index_of = |id: &Option<String>| id.as_ref().and_then(|id| catalog.item_index(id));
        self.checklists.after_catalog_change(shown.scope_in(catalog), index_of(&shown.item));
        self.gaps.selected = index_of(&shown.gap);
        self.gaps.checklist = shown.gaps_checklist.and_then(|id| catalog.checklists.iter().position(|c| c.id == id));
        self.projects.refresh();
        let skipped = match problems.len() {
            0 => String::new(),
            1 => "; one file was skipped (see above)".to_owned(),
            n => format!("; {n} files were skipped (see above)"),
        };
        self.notice = Some(format!(
            "Checklists loaded again: {} items in {} checklists{skipped}.",
            catalog.items.len(),
            catalog.checklists.len()
        ));
        self.load_problems = problems.iter().map(ToString::to_string).collect();
    }
}
