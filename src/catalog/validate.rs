//! Rules a checklist must meet before it joins the catalog. Each broken rule is a [`Problem`] with the
//! position of the offending text where it can be found.

use std::collections::BTreeSet;

use super::format::ChecklistFile;
use crate::safe_text::hidden_character;
use crate::text_pos::TextPos;

/// Titles and ids longer than this are refused: they are mistakes or attacks, never content.
const MAX_TITLE_CHARS: usize = 300;
const MAX_TEXT_CHARS: usize = 20_000;

/// One broken rule in one checklist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Option<TextPos>,
    pub message: String,
}

impl Problem {
    /// The problem as reported for the file named `file`.
    pub(crate) fn in_file(self, file: &str) -> super::FileProblem {
        super::FileProblem { file: file.to_owned(), pos: self.pos, message: self.message }
    }
}

/// Is `id` a lowercase slug: `a-z`, `0-9` and single inner dashes, at most 64 characters?
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Is `link` an absolute http(s) URL with a host and no whitespace or control characters?
pub(crate) fn is_http_url(link: &str) -> bool {
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty()
                && !link.chars().any(|c| {
                    c.is_whitespace()
                        || c.is_control()
                        || crate::safe_text::is_hidden_format(c)
                        || matches!(c, '"' | '<' | '>' | '\u{200C}' | '\u{200D}')
                })
        }
        None => false,
    }
}

/// Where a checked value is written: the `nth` use of the quoted string `needle`. Resolved to a line
/// and column only when there is a problem to report, since scanning the text for every id would make
/// validation quadratic.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At<'a> {
    needle: &'a str,
    nth: usize,
}

impl<'a> At<'a> {
    /// The first use of the quoted string `needle`.
    pub(crate) fn first(needle: &'a str) -> At<'a> {
        At { needle, nth: 0 }
    }
}

/// Collects the problems of one file (checklists and targets share its rules for ids, titles and texts).
pub(crate) struct Checker<'a> {
    source: &'a str,
    uses: std::collections::HashMap<&'a str, usize>,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(source: &'a str) -> Checker<'a> {
        Checker { source, uses: std::collections::HashMap::new(), problems: Vec::new() }
    }

    pub(crate) fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// The next use of the quoted string `needle` in the text.
    pub(crate) fn at(&mut self, needle: &'a str) -> At<'a> {
        let count = self.uses.entry(needle).or_insert(0);
        *count += 1;
        At { needle, nth: *count - 1 }
    }

    pub(crate) fn report(&mut self, at: At<'_>, message: String) {
        // As written, or with the escapes a quote or backslash needs in the file (review U11).
        let pos = TextPos::find(self.source, &format!("\"{}\"", at.needle), at.nth)
            .or_else(|| TextPos::find(self.source, &format!("{:?}", at.needle), at.nth));
        self.problems.push(Problem { pos, message });
    }

    pub(crate) fn check_id(&mut self, what: &str, id: &str, at: At<'_>) {
        if !is_slug(id) {
            self.report(
                at,
                format!("{what} id {id:?} is not a lowercase slug (use a-z, 0-9 and dashes, e.g. \"linux-shell\")"),
            );
        }
    }

    pub(crate) fn check_title(&mut self, what: &str, title: &str, at: At<'_>) {
        if title.trim().is_empty() {
            self.report(at, format!("{what} has an empty title"));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            self.report(at, format!("{what} title is longer than {MAX_TITLE_CHARS} characters"));
        } else if title.chars().any(char::is_control) {
            self.report(at, format!("{what} title contains control characters"));
        } else if let Some(message) = hidden_character(&format!("{what} title"), title) {
            self.report(at, message);
        }
    }

    pub(crate) fn check_text(&mut self, what: &str, text: &str, at: At<'_>) {
        if text.chars().count() > MAX_TEXT_CHARS {
            self.report(at, format!("{what} is longer than {MAX_TEXT_CHARS} characters"));
        } else if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.report(at, format!("{what} contains control characters"));
        } else if let Some(message) = hidden_character(what, text) {
            self.report(at, message);
        }
    }
}

/// Checks every rule and returns all problems found (empty when the checklist is valid).
/// `source` is the file's text, used to point at the offending line.
pub(crate) fn validate(file: &ChecklistFile, source: &str) -> Vec<Problem> {
    let mut checker = Checker::new(source);
    let at = checker.at(&file.id);
    checker.check_id("checklist", &file.id, at);
    checker.check_title("checklist", &file.title, at);
    checker.check_text("checklist description", &file.description, at);

    let mut section_ids = BTreeSet::new();
    let mut item_ids = BTreeSet::new();
    for section in &file.sections {
        let at = checker.at(&section.id);
        checker.check_id("section", &section.id, at);
        checker.check_title(&format!("section {:?}", section.id), &section.title, at);
        if !section_ids.insert(section.id.as_str()) {
            checker.report(at, format!("duplicate section id {:?}: each section needs its own id", section.id));
        }
        for item in &section.items {
            let at = checker.at(&item.id);
            checker.check_id("item", &item.id, at);
            let what = format!("item {:?}", item.id);
            checker.check_title(&what, &item.title, at);
            checker.check_text(&format!("{what} description"), &item.description, at);
            checker.check_text(&format!("{what} proof"), &item.proof, at);
            if !item_ids.insert(item.id.as_str()) {
                checker.report(
                    at,
                    format!(
                        "duplicate item id {:?} in checklist {:?}: item ids are the keys of progress and must be unique",
                        item.id, file.id
                    ),
                );
            }
            for link in &item.resources {
                if !is_http_url(link) {
                    let link_at = At::first(link);
                    checker.report(link_at, format!("{what} has a resource that is not an http(s) URL: {link:?}"));
                }
            }
            for tag in &item.tags {
                if !is_slug(tag) {
                    checker.report(At::first(tag), format!("{what} has a tag that is not a lowercase slug: {tag:?}"));
                }
            }
            for skill in &item.proves {
                if !skill.split_once('/').is_some_and(|(list, id)| is_slug(list) && is_slug(id)) {
                    let message =
                        format!("{what} proves something that is not a full item id (checklist-id/item-id): {skill:?}");
                    checker.report(At::first(skill), message);
                }
            }
            for alias in &item.aliases {
                let alias_ok = match alias.split_once('/') {
                    Some((list, id)) => is_slug(list) && is_slug(id),
                    None => is_slug(alias),
                };
                if !alias_ok {
                    let alias_at = At::first(alias);
                    checker.report(
                        alias_at,
                        format!("{what} has an alias that is neither an item id nor a full id: {alias:?}"),
                    );
                }
            }
        }
    }
    checker.into_problems()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for good in ["a", "linux-shell", "k8s", "x-1-y"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "A", "a_b", "-a", "a-", "a--b", "../x", "a/b", "é", &"a".repeat(65)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://docs.docker.com/"));
        assert!(is_http_url("http://example.org/a?b#c"));
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://", "https:// x", "ftp://a", "https://a\"b"] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
